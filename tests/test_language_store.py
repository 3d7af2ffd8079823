"""The language layer end to end: what `warta ingest` stores for the seeds and what
`warta export entities` gives an analyst."""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import needs_shared, run_cli

pytestmark = needs_shared


@pytest.fixture(scope="module")
def entities(seeds_db) -> dict[str, dict]:
    result = run_cli("export", "entities", "--db", str(seeds_db))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return {r["name"]: r for r in records}


@pytest.mark.parametrize(
    "name, type_, country, sector, aliases",
    [
        ("Vladimir Putin", "PERSON", "RUS", "GOV", {"Vladimir Putin", "Putin"}),
        ("Kim Jong Un", "PERSON", "PRK", "GOV", {"Kim Jong Un", "Kim Jong-un"}),
        ("Alexandr Kozlov", "PERSON", "RUS", "GOV", {"Alexandr Kozlov", "Kozlov"}),
        ("Kim Tok Hun", "PERSON", "PRK", "GOV", {"Kim Tok Hun"}),
        ("Lee Seong Kweun", "PERSON", "KOR", "LEG", {"Lee Seong Kweun"}),
        ("Lim Soo-ho", "PERSON", "KOR", "CVL", {"Lim Soo-ho", "Lim"}),
        ("Sergei Shoigu", "PERSON", "RUS", "GOV", {"Sergei Shoigu"}),
        ("Sergei Lavrov", "PERSON", "RUS", "GOV", {"Sergei Lavrov", "Lavrov"}),
        ("Alexander Matsegora", "PERSON", "RUS", "GOV", {"Alexander Matsegora"}),
        ("Choe Son Hui", "PERSON", "PRK", "GOV", {"Choe Son-hui"}),
        ("Donald Trump", "PERSON", "USA", "GOV", {"Trump"}),
        ("National Intelligence Service", "ORG", "KOR", "SPY", {"Badan Intelijen Nasional Korea Selatan", "NIS"}),
        ("Korean Central News Agency", "ORG", "PRK", "JRN", {"KCNA", "Kantor Berita Pusat Korea"}),
        ("Russia", "COUNTRY", "RUS", "GOV", {"Rusia", "Moskow"}),
        ("North Korea", "COUNTRY", "PRK", "GOV", {"Korea Utara", "Pyongyang"}),
    ],
)
def test_language_store_entities_of_the_seeds(entities, name, type_, country, sector, aliases):
    record = entities[name]
    assert (record["type"], record["country"], record["sector"]) == (type_, country, sector)
    assert aliases <= set(record["aliases"])


def test_language_store_every_seed_person_has_a_country(entities):
    persons = [r for r in entities.values() if r["type"] == "PERSON"]
    assert len(persons) == 12  # with the photo credit's "Kristina Kormilitsyna" (entities/names.py)
    assert [r["name"] for r in persons if r["country"] is None] == []


def test_language_store_spans_point_into_the_text(seeds_db, seed_docs):
    db = sqlite3.connect(seeds_db)
    text = seed_docs["002"]["text"]
    doc_id = seed_docs["002"]["doc_id"]
    for table in ("sentences", "dates", "quantities", "mentions"):
        spans = db.execute(f"SELECT char_start, char_end FROM {table} WHERE doc_id = ?", (doc_id,)).fetchall()
        assert spans and all(0 <= start < end <= len(text) for start, end in spans)
    dates = db.execute("SELECT text, value, precision, basis FROM dates WHERE doc_id = ? ORDER BY char_start", (doc_id,)).fetchall()
    assert ("Rabu (20/11/2024)", "2024-11-20", "day", "explicit") in dates
    assert ("19 Juni 2024", "2024-06-19", "day", "explicit") in dates
    assert ("akhir Oktober", "2024-10", "month", "relative") in dates


def test_language_store_bare_surname_joins_the_person_of_another_document(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text("Duta Besar Rusia untuk Indonesia Lyudmila Vorobieva bertemu Menteri Luar Negeri di Jakarta pada hari Senin.", "utf-8")
    second = tmp_path / "b.txt"
    second.write_text("Hubungan kedua negara terus membaik dalam beberapa tahun terakhir, kata Vorobieva kepada wartawan.", "utf-8")
    db = tmp_path / "x.db"
    assert run_cli("ingest", str(first), str(second), "--db", str(db)).exit_code == 0
    rows = sqlite3.connect(db).execute(
        "SELECT e.name, e.country, count(DISTINCT m.doc_id) FROM mentions m JOIN entities e USING (entity_id)"
        " WHERE e.type = 'PERSON' GROUP BY e.entity_id").fetchall()
    assert rows == [("Lyudmila Vorobieva", "RUS", 2)]
