"""Daily monitoring: a rules folder outside the package, `warta rules check`, `warta
recode` after the rules changed, the `coder` of every event, English articles reported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import NEWS, SEEDS, needs_shared, run_cli
from warta import rules
from warta.document import RawInput
from warta.errors import Errors
from warta.events.learned import packaged_encoder, packaged_models
from warta.pipeline import coder_name, process
from warta.settings import load_options
from warta.store.database import Store

# clickid.jsonl#5777: a sentence no packaged codebook entry codes ('melobi': to lobby)
LOBBY = "Selain itu, Presiden Jokowi melobi China agar lebih banyak mengimpor komoditas lain dari RI seperti buah-buahan."
LOBBY_ENTRY = ('- {id: request.melobi, lemma: lobi, forms: [melobi, dilobi], mode: null, context: [], example: "' + LOBBY +
               '", source: "clickid.jsonl#5777", why: "Lobbying a government is asking it to act (PLOVER REQUEST)."}\n')
MEETING = "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Pyongyang pada 19 Juni 2024."
PLOVER_RECORDS = Path(__file__).resolve().parents[2] / "shared" / "reference" / "plover" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"


def rules_folder(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def events_of(text: str, rules_dir: str = "", source: str = "test", fields: dict | None = None):
    doc = process(RawInput(source, "text", text, fields or {}), load_options(rules_dir=rules_dir, coder="rules"))
    return doc


def test_rules_codebook_entry_codes_a_real_sentence(tmp_path: Path) -> None:
    folder = rules_folder(tmp_path / "rules", {"events/codebook/request.yaml": LOBBY_ENTRY})
    assert events_of(LOBBY).events == []
    [event] = events_of(LOBBY, str(folder)).events
    assert (event.event_type, event.rule, event.actor.country, event.recipient.country) == ("REQUEST", "request.melobi", "IDN", "CHN")
    assert event.coder == rules.codebook_version(folder.resolve()) != coder_name(load_options(coder="rules"))
    assert events_of(LOBBY).events == []  # the loaders keep each folder's rules apart


def test_rules_codebook_entry_replaces_the_packaged_one_by_id(tmp_path: Path) -> None:
    packaged = (Path(__file__).resolve().parents[1] / "src/warta/data/events/codebook/consult.yaml").read_text("utf-8")
    [line] = [l for l in packaged.splitlines() if l.startswith("- {id: consult.bertemu,")]
    assert ", mode: null," in line
    folder = rules_folder(tmp_path / "rules", {"events/codebook/consult.yaml": line.replace(", mode: null,", ", mode: visit,") + "\n"})
    [before] = events_of(MEETING).events
    [after] = events_of(MEETING, str(folder)).events
    assert (before.rule, before.mode, before.score) == ("consult.bertemu", None, 2.5)
    assert (after.rule, after.mode, after.score) == ("consult.bertemu", "visit", 4.0)


def test_rules_gazetteer_outlet_and_boilerplate_rows(tmp_path: Path) -> None:
    text = ("Menteri Luar Negeri Retno Marsudi bertemu Menteri Pertahanan Lloyd Austin di Jakarta pada Senin (20/11/2023)"
            " untuk membahas kerja sama keamanan kawasan.\nDapatkan kabar terbaru Harian Contoh setiap pagi di kotak surat Anda.\n")
    folder = rules_folder(tmp_path / "rules", {
        "clean/outlets.tsv": "Harian Contoh\tharian-contoh.id\n",
        "clean/boilerplate.yaml": "promotion:\n  - {id: newsletter-harian-contoh, scope: line, re: 'dapatkan kabar terbaru harian contoh .*', why: 'a newsletter promotion of one outlet'}\n",
    })
    fields = {"url": "https://www.harian-contoh.id/berita/2023/11/20/a"}
    plain, mine = events_of(text, fields=fields), events_of(text, str(folder), fields=fields)
    assert (plain.outlet, mine.outlet) == ("www.harian-contoh.id", "Harian Contoh")
    assert "Dapatkan kabar" in plain.text and "Dapatkan kabar" not in mine.text
    assert [(r.rule, r.text) for r in mine.removed] == [
        ("newsletter-harian-contoh", "Dapatkan kabar terbaru Harian Contoh setiap pagi di kotak surat Anda.")]


@pytest.mark.parametrize("name, text, problem", [
    ("events/codebook/request.yaml", "- {id: request.x, forms: [melobi], mode: null, context: [], wrong: 1}\n",
     "events/codebook/request.yaml:1: request.x: unknown field(s) wrong"),
    ("events/codebook/request.yaml", LOBBY_ENTRY + LOBBY_ENTRY, "events/codebook/request.yaml:2: request.melobi: id already used at"),
    ("events/codebook/lobby.yaml", LOBBY_ENTRY, "events/codebook/lobby.yaml: not a codebook file"),
    ("language/gazetteer/offices.tsv", "# mine\npresiden\tRUS\tNobody Here\t2012-05-07\t-\tx\n",
     "language/gazetteer/offices.tsv:2: 'Nobody Here' is not a name in persons.tsv"),
    ("language/gazetteer/persons.tsv", "Foo\tBar\n", "language/gazetteer/persons.tsv:1: expected 6 non-empty tab-separated fields"),
    ("language/gazetteer/people.tsv", "x\n", "language/gazetteer/people.tsv: not a rules file warta reads"),
    ("clean/boilerplate.yaml", "x:\n  - {id: a, scope: line, re: 'ok'}\n  - {id: b, scope: line, re: '(', why: w}\n",
     "clean/boilerplate.yaml:2: boilerplate rule x/a: needs scope"),
    ("clean/outlets.tsv", "Kompas\tkompas.com\n\tfoo\n", "clean/outlets.tsv:2: a line starts with the canonical outlet name"),
])
def test_rules_check_names_file_and_line(tmp_path: Path, name: str, text: str, problem: str) -> None:
    folder = rules_folder(tmp_path / "rules", {name: text})
    result = run_cli("rules", "check", str(folder))
    assert result.exit_code == 1
    assert result.stderr.startswith(str(folder.resolve() / problem.split(":")[0]))
    assert problem in result.stderr
    # a command that reads articles stops before reading any
    ingest = run_cli("--rules", str(folder), "ingest", str(SEEDS), "--db", str(tmp_path / "x.db"))
    assert ingest.exit_code == 2 and problem in ingest.stderr and not (tmp_path / "x.db").exists()


def test_rules_check_ok_sums_up(tmp_path: Path) -> None:
    folder = rules_folder(tmp_path / "rules", {"events/codebook/request.yaml": LOBBY_ENTRY,
                                               "clean/outlets.tsv": "Harian Contoh\tharian-contoh.id\n"})
    result = run_cli("rules", "check", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{folder}: ok; codebook: 1 entries (1 new, 0 replacing packaged ones); outlets: 1 lines\n"
    assert run_cli("rules", "check", str(tmp_path / "missing")).exit_code == 1


@needs_shared
def test_recode_after_a_rules_change_shows_the_diff_and_the_new_event(tmp_path: Path) -> None:
    line = (NEWS / "clickid.jsonl").read_text("utf-8").split("\n")[5776]
    assert LOBBY in json.loads(line)["text"]
    article = tmp_path / "lobby.jsonl"
    article.write_text(line + "\n", "utf-8")
    db = tmp_path / "daily.db"
    assert run_cli("ingest", str(article), str(SEEDS), "--db", str(db), "-q").exit_code == 0
    folder = rules_folder(tmp_path / "rules", {"events/codebook/request.yaml": LOBBY_ENTRY})

    result = run_cli("--rules", str(folder), "recode", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    rows = {cells[0]: cells[1:] for cells in (re.findall(r"[\w-]+", row) for row in result.stdout.splitlines() if "│" in row) if cells}
    assert rows["REQUEST"] == ["1", "0", "0", "1"]  # added, removed, changed, unchanged
    assert rows["all"][:3] == ["1", "0", "0"]
    assert "6 documents recoded, 0 already coded by this coder" in " ".join(result.stdout.split())

    with Store(db, readonly=True) as store:
        doc_id = store.find_document(f"{article}#1")["doc_id"]
        [event] = list(store.rows("SELECT event_type, rule, coder FROM events WHERE doc_id = ? AND rule = 'request.melobi'", (doc_id,)))
    show = run_cli("show", doc_id, "--db", str(db))
    assert "REQUEST" in show.stdout and "Jokowi" in show.stdout
    assert event["coder"] == rules.codebook_version(folder.resolve())

    again = run_cli("--rules", str(folder), "recode", "--db", str(db))
    assert "0 documents recoded, 6 already coded by this coder" in " ".join(again.stdout.split())
    # back to the packaged rules: the event goes again
    back = run_cli("recode", "--db", str(db), "--doc", doc_id)
    rows = {cells[0]: cells[1:] for cells in (re.findall(r"[\w-]+", row) for row in back.stdout.splitlines() if "│" in row) if cells}
    assert rows["REQUEST"] == ["0", "1", "0", "1"]


@needs_shared
def test_recode_forced_keeps_a_store_as_ingest_made_it(tmp_path: Path) -> None:
    fresh, recoded = tmp_path / "fresh.db", tmp_path / "recoded.db"
    for db in (fresh, recoded):
        assert run_cli("ingest", str(SEEDS), "--db", str(db), "-q").exit_code == 0
    result = run_cli("recode", "--force", "--db", str(recoded))
    assert result.exit_code == 0, result.stderr
    rows = {cells[0]: cells[1:] for cells in (re.findall(r"[\w-]+", row) for row in result.stdout.splitlines() if "│" in row) if cells}
    assert rows["all"] == ["0", "0", "0", "61"]
    for kind in ("documents", "entities", "events", "stories"):
        assert run_cli("export", kind, "--db", str(recoded)).stdout == run_cli("export", kind, "--db", str(fresh)).stdout, kind


@needs_shared
@pytest.mark.parametrize("args, recoded", [
    (["--since", "2024"], 2), (["--since", "2020-05", "--until", "2020-05"], 1), (["--until", "2019"], 0),
    (["--outlet", "Kompas TV"], 1), (["--query", "Vostochny"], 1), (["--query", "kunjungan"], 5),
])
def test_recode_chooses_documents(seeds_db: Path, tmp_path: Path, args: list[str], recoded: int) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(seeds_db.read_bytes())
    result = run_cli("recode", "--force", "--db", str(db), *args)
    assert result.exit_code == 0, result.stderr
    assert f"{recoded} documents recoded" in " ".join(result.stdout.split())


def test_recode_bad_dates_are_usage_errors(tmp_path: Path) -> None:
    result = run_cli("recode", "--since", "kemarin", "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 2 and "--since kemarin: give YYYY, YYYY-MM or YYYY-MM-DD" in result.stderr


@needs_shared
def test_coder_is_exported_with_every_event(seeds_db: Path) -> None:
    events = [json.loads(line) for line in run_cli("export", "events", "--db", str(seeds_db)).stdout.splitlines()]
    assert events and {e["coder"] for e in events} == {coder_name(load_options())}
    assert re.fullmatch(r"codebook [0-9a-f]{12}", events[0]["coder"])


def test_coder_of_the_learned_models_is_their_name_over_the_codebook() -> None:
    codebook = coder_name(load_options(coder="rules"))
    encoder = packaged_encoder().name
    assert coder_name(load_options(coder="model")) == f"{packaged_models().name} + {encoder} over {codebook}"
    assert coder_name(load_options(coder="model", sentence_encoder=False)) == f"{packaged_models().name} over {codebook}"


@pytest.mark.skipif(not PLOVER_RECORDS.exists(), reason="../shared/reference is not beside the repo")
def test_english_article_reported_clearly(tmp_path: Path) -> None:
    """An English article (sentences of PLOVER's gold standard records, English news) is
    stored with language en and said to be uncoded: ingest's summary, show."""
    records = json.loads(PLOVER_RECORDS.read_text("utf-8"))
    text = " ".join(r["text"].strip() for r in records if r.get("language") == "en" and r.get("text"))[:3000]
    article = tmp_path / "english.txt"
    article.write_text(text, "utf-8")
    db = tmp_path / "en.db"
    result = run_cli("ingest", str(article), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert f"languages: en 1; outlets: unknown 1; 1 {Errors.ENGLISH_SHORT}" in " ".join(result.stdout.split())
    show = run_cli("show", str(article), "--db", str(db))
    assert Errors.ENGLISH in " ".join(show.stdout.split())
    with Store(db, readonly=True) as store:
        assert store.count("events") == 0
