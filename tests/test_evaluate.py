"""`warta evaluate events` on the development gold, and PLOVER's reading of future events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import NEWS, needs_shared, run_cli
from warta.events.plover import plover_type

GOLD = Path(__file__).parent / "data" / "gold_events.jsonl"


@pytest.fixture(scope="module")
def gold_db(tmp_path_factory) -> Path:
    """A store of the gold's articles: each news file copied with only the gold's
    lines kept (the others blank), so every article keeps its file#line source."""
    folder = tmp_path_factory.mktemp("gold")
    wanted: dict[str, set[int]] = {}
    for line in GOLD.read_text("utf-8").splitlines():
        name, number = json.loads(line)["doc"].rsplit("/", 1)[1].split("#")
        wanted.setdefault(name, set()).add(int(number))
    for name, numbers in wanted.items():
        lines = (NEWS / name).read_text("utf-8").split("\n")  # lines as the store numbers them: "\n" only
        kept = [text if i in numbers else "" for i, text in enumerate(lines, start=1)]
        (folder / name).write_text("\n".join(kept[: max(numbers)]) + "\n", "utf-8")
    db = folder / "gold.db"
    assert run_cli("ingest", str(folder), "--db", str(db)).exit_code == 0
    return db


@needs_shared
def test_evaluate_events_on_the_development_gold(gold_db):
    result = run_cli("evaluate", "events", str(GOLD), "--db", str(gold_db))
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    # 81 since an unqualified state body takes the country its sentence names (inferred.own_state_bodies)
    assert lines[-2:] == ["events: gold 142, predicted 129, correct 81", "precision 0.628  recall 0.570  F1 0.598"]


@needs_shared
def test_evaluate_plover_export_codes_an_expected_meeting_as_agree(gold_db):
    """indosum-dev.jsonl#3258: "Dewan Keamanan PBB akan bertemu ..." is a CONSULT the
    text expects; PLOVER codes a future meeting as AGREE, with AGREE's quad and score."""
    evidence = "Dewan Keamanan PBB akan bertemu di ruang tertutup pada Rabu ini"

    def find(fmt: str, field: str) -> dict:
        out = run_cli("export", "events", "--format", fmt, "--db", str(gold_db)).stdout
        return next(r for r in map(json.loads, out.splitlines()) if r[field].startswith(evidence))

    event, plover = find("jsonl", "evidence"), find("plover", "text")
    assert (event["event_type"], event["mode"], event["certainty"], event["score"]) == ("CONSULT", None, "expected", 2.5)
    assert (plover["id"], plover["event"], plover["mode"], plover["quad_code"], plover["event_scale"]) == (
        event["event_id"], ["AGREE"], None, 1, 2.5)


@pytest.mark.parametrize(
    ("event_type", "certainty", "coded"),
    [
        ("CONSULT", "expected", "AGREE"),
        ("ASSAULT", "intended", "THREATEN"),
        ("RETREAT", "expected", "CONCEDE"),
        ("SANCTION", "expected", "SANCTION"),  # future_as null: kept
        ("CONSULT", "asserted", "CONSULT"),
        ("ASSAULT", "reported", "ASSAULT"),
    ],
)
def test_evaluate_plover_type(event_type, certainty, coded):
    assert plover_type(event_type, certainty) == coded
