"""Stories, dyads, flows, the network and exports on the seeds, through the real CLI."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx

from conftest import needs_shared, run_cli, seed
from warta.views.query.analysis import dyad_series, flows, timeline
from warta.views.query.records import EVENT_FIELDS
from warta.events.plover import EVENT_TYPES
from warta.store.database import Store

pytestmark = needs_shared


def records(*args: str) -> list[dict]:
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_analysis_dyad_has_the_years_of_the_seeds(seeds_db):
    with Store(seeds_db, readonly=True) as store:
        years = {row["month"][:4] for row in dyad_series(store, "RUS", "PRK")}
    assert {"2019", "2020", "2023", "2024"} <= years


def test_analysis_november_2024_agreement_is_one_story(seeds_db, seed_docs):
    events = records("export", "events", "--db", str(seeds_db))
    agreements = [e for e in events if e["doc_id"] == seed_docs["002"]["doc_id"] and e["event_type"] == "AGREE"
                  and (e["date"] or "").startswith("2024-11") and not e["negated"]
                  and {(e["actor"] or {}).get("country"), (e["recipient"] or {}).get("country")} == {"RUS", "PRK"}]
    assert len(agreements) >= 2  # headline and lead both report it
    assert len({e["story_id"] for e in agreements}) == 1


def test_analysis_russia_north_korea_meetings_as_stories(seeds_db, seed_docs):
    """The CONSULT stories of the dyad, dated ones exactly: (date, the seeds reporting
    it, corroboration). The June 2024 Pyongyang summit is told by 002 (the caption of
    Putin and Kim posing at the signing, 19 June 2024) and forecast by 003 (Putin
    expected to visit Pyongyang in 2024, a summit in preparation): one story, two
    sources. 003's forecast does not join Kozlov's talks of 17 November. Kim's
    September 2023 visit is told undated by 000 ("pemimpin Korea Utara mengunjungi
    Rusia", the office read as Kim Jong Un) and dated by 003 ("kunjungan ... Kim
    Jong-un ke Moskow pada September 2023"): one story, two sources. 004 has no date
    at all: its reports stay undated stories of their own."""
    number = {doc["doc_id"]: name for name, doc in seed_docs.items()}
    stories = [s for s in records("export", "stories", "--db", str(seeds_db))
               if s["event_type"] == "CONSULT" and {s["actor_country"], s["recipient_country"]} == {"RUS", "PRK"}]
    dated = [(s["date"], sorted(number[d] for d in s["doc_ids"]), s["corroboration"]) for s in stories if s["date"]]
    assert dated == [
        ("2019-04", ["001"], 1),  # Kim and Putin's first summit, "April tahun lalu" in a 2020 article
        ("2019-11", ["001"], 1),  # Choe Son-hui in Moscow
        ("2020-05-21", ["001"], 1),  # the strategic dialogue
        ("2023-07", ["003"], 1),  # Shoigu in Pyongyang
        ("2023-09", ["000", "003"], 2),  # Kim in Russia (000 tells it undated)
        ("2024-06-19", ["002", "003"], 2),  # Putin in Pyongyang
        ("2024-11-17", ["002"], 1),  # Kozlov meets Kim
    ]
    events = {e["event_id"]: e for e in records("export", "events", "--db", str(seeds_db))}
    june = next(s for s in stories if s["date"] == "2024-06-19")
    assert sorted((number[events[i]["doc_id"]], events[i]["rule"], events[i]["certainty"]) for i in june["event_ids"]) == [
        ("002", "consult.berjabat_tangan", "asserted"),
        ("003", "consult.berkunjung", "expected"),
        ("003", "consult.pertemuan_bilateral", "intended"),
    ]
    september = next(s for s in stories if s["date"] == "2023-09")
    assert sorted((number[events[i]["doc_id"]], events[i]["actor"]["name"], events[i]["rule"])
                  for i in september["event_ids"]) == [
        ("000", "Kim Jong Un", "consult.berkunjung"),  # "pemimpin Korea Utara mengunjungi Rusia"
        ("000", "Kim Jong Un", "consult.bertemu"),  # "pemimpin Korea Utara ... untuk bertemu Presiden Putin"
        ("000", "North Korea", "consult.berkunjung"),  # the caption, "saat berkunjung ke Pusat Antariksa Vostochny"
        ("003", "Kim Jong Un", "consult.berkunjung"),
    ]
    undated = sorted(number[d] for s in stories if not s["date"] for d in s["doc_ids"])
    assert set(undated) == {"004"}


def test_analysis_events_export_fields_and_evidence(seeds_db, seed_docs):
    texts = {doc["doc_id"]: doc["text"] for doc in seed_docs.values()}
    for event in records("export", "events", "--db", str(seeds_db)):
        assert tuple(event) == EVENT_FIELDS
        assert event["evidence"] == texts[event["doc_id"]][event["char_start"]:event["char_end"]]
        assert event["event_type"] in EVENT_TYPES


def test_analysis_plover_export_schema(seeds_db):
    for record in records("export", "events", "--format", "plover", "--db", str(seeds_db)):
        assert {"id", "date", "actor", "event", "mode", "context", "event_text", "event_scale",
                "quad_code", "text"} <= set(record)
        # the manual's field rules: lists never empty; no recipient, no field (it is optional)
        assert record["actor"] is None or (isinstance(record["actor"], list) and record["actor"])
        assert "recipient" not in record or (isinstance(record["recipient"], list) and record["recipient"])
        assert len(record["event"]) == 1 and record["event"][0] in EVENT_TYPES
        assert -10 <= record["event_scale"] <= 10 and record["quad_code"] in (1, 2, 3, 4)
        assert record["date"] is None or len(record["date"]) == 10
        for entity in (record["actor"] or []) + record.get("recipient", []):
            assert set(entity) == {"code", "sector", "entity_text", "identifier_id", "identifier_text"}


def test_analysis_graphml_loads_in_networkx(seeds_db, tmp_path):
    out = tmp_path / "graph.graphml"
    assert run_cli("export", "graph", "--format", "graphml", "--db", str(seeds_db), "-o", str(out)).exit_code == 0
    graph = networkx.read_graphml(out)
    assert {"RUS", "PRK"} <= set(graph.nodes)
    assert graph.nodes["RUS"]["kind"] == "country"
    assert any(data["event_type"] == "AID" for _, _, data in graph.edges(data=True))


def test_analysis_flows_name_what_moves(seeds_db):
    with Store(seeds_db, readonly=True) as store:
        moved = {(f["source"], f["target"], f["resource"]) for f in flows(store)}
    assert ("RUS", "PRK", "animals and gifts") in moved  # more than 70 animals for the zoo, a car
    assert ("PRK", "RUS", "weapons and munitions") in moved  # artillery systems and missiles
    assert ("RUS", "PRK", "energy") in moved  # crude oil, petroleum products, coal


def test_analysis_duplicates_add_no_corroboration(tmp_path):
    copy = tmp_path / "copy.txt"
    text = seed("002").read_text("utf-8").replace("TERBARU", "Baca berita lainnya")
    copy.write_text(text, "utf-8")
    db = tmp_path / "x.db"
    assert run_cli("ingest", str(seed("002")), str(copy), "--db", str(db)).exit_code == 0
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0] == 1
    stories = records("export", "stories", "--db", str(db))
    assert stories and max(s["corroboration"] for s in stories) == 1
    assert all(len(s["doc_ids"]) in (1, 2) for s in stories)


def test_analysis_timeline_filters(seeds_db):
    result = run_cli("timeline", "--dyad", "RUS", "PRK", "--since", "2024", "--db", str(seeds_db))
    assert result.exit_code == 0
    assert "2024-11" in result.stdout and "2019-04" not in result.stdout


def test_analysis_timeline_evidence_gives_the_date(seeds_db):
    """Of equally certain reports, the one that dates the story is its evidence: 003's
    sentence with "September 2023", not 000's undated caption."""
    with Store(seeds_db, readonly=True) as store:
        stories = timeline(store, ("RUS", "PRK"), "2023-09")
    september = next(s for s in stories if s["date"] == "2023-09" and s["event_type"] == "CONSULT")
    assert september["certainty"] == "asserted"
    assert "Kim Jong-un ke Moskow pada September 2023" in september["evidence"]


def test_analysis_export_to_a_reader_that_stops_early_is_no_error(seeds_db):
    """`warta export events | head -c 100`: the closed pipe ends the export quietly."""
    warta = str(Path(sys.executable).with_name("warta"))
    process = subprocess.Popen([warta, "export", "events", "--db", str(seeds_db)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)  # fmt: skip
    first = process.stdout.read(100)
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert first.startswith(b'{"event_id": ') and process.stderr.read() == b""
