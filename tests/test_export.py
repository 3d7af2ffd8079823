"""Exports of documents: exact SPEC fields in JSONL, CSV and Parquet."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from xml.etree import ElementTree

import pyarrow.parquet as pq
import pytest

from conftest import EXAMPLES, run_cli
from warta.views.query.records import DOCUMENT_FIELDS, _plover_date


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("ex") / "ex.db"
    assert run_cli("ingest", str(EXAMPLES), "--db", str(db)).exit_code == 0
    return db


def test_export_documents_jsonl(examples_db):
    result = run_cli("export", "documents", "--format", "jsonl", "--db", str(examples_db))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 4
    assert all(tuple(r) == DOCUMENT_FIELDS for r in records)
    assert records[0]["title"] == "Indonesia dan Jepang Sepakat Perkuat Kerja Sama Maritim"


def test_export_documents_csv(examples_db):
    result = run_cli("export", "documents", "--format", "csv", "--db", str(examples_db))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["published"] for row in rows] == ["2025-03-12", "2024-10-09", "2023-07-12", "2024-02-23"]


def test_export_documents_parquet(examples_db, tmp_path):
    out = tmp_path / "docs.parquet"
    result = run_cli("export", "documents", "--format", "parquet", "--db", str(examples_db), "-o", str(out))
    assert result.exit_code == 0
    table = pq.read_table(out)
    assert table.column_names == list(DOCUMENT_FIELDS)
    assert table.num_rows == 4
    # declared types (parquet.Fields), not guessed from the rows: a column null in every row keeps its type
    assert table.column("duplicate_of").null_count == 4
    assert {str(f.type) for f in table.schema} == {"string"}


def test_export_missing_database(tmp_path):
    result = run_cli("export", "documents", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2
    assert "no database here" in result.stderr


# PLOVER manual, chapter "Data Fields": date YYYY-MM-DD (required), actor a list of entities
# (required), recipient optional ("no recipient is included"), mode and context left null.
def test_export_plover_follows_the_manuals_field_rules(examples_db):
    result = run_cli("export", "events", "--format", "plover", "--db", str(examples_db))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # 9: 'Konsensus Lima Poin' is no longer read as a person (a name run ending with a common
    # word, d6a9441), so 'yang disepakati' no longer makes an AGREE with that 'person' as actor
    assert len(records) == 9
    assert not [r for r in records if r.get("actor") == [] or r.get("recipient") == []
                or r.get("mode") == [] or r.get("context") == []]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in records)
    by_text = {r["event_text"][0]: r for r in records}
    # the text gives only a year, or a month: its first day, and the precision said beside it
    assert _plover_date("2026") == "2026-01-01"
    # "sepakat untuk menggelar latihan bersama ... pada tahun depan": agreed on the statement's day
    # ("kata Sugiono ... Selasa (11/3/2025)"), the exercise is next year's
    assert (by_text["sepakat"]["date"], by_text["sepakat"]["date_precision"]) == ("2025-03-11", "day")
    assert (by_text["meminta"]["date"], by_text["meminta"]["date_precision"]) == ("2021-04-01", "month")
    assert by_text["menolak"]["date_precision"] == "day"
    assert "recipient" not in by_text["menolak"] and by_text["menolak"]["actor"][0]["code"] == "MMR"
    assert by_text["memprotes"]["mode"] == ["disapprove"] and by_text["memprotes"]["context"] is None
    assert by_text["Sepakat"]["recipient"][0]["entity_text"] and by_text["Sepakat"]["mode"] is None
    assert by_text["menandatangani"]["context"] == ["diplomatic"]


def test_export_plover_is_the_same_for_the_same_data(examples_db, tmp_path):
    """coded_date is the day the document was ingested (coded), not the day of the export."""
    db = tmp_path / "copy.db"
    shutil.copy(examples_db, db)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE documents SET ingested_at = '2025-05-17T08:00:00+00:00'")
    first = run_cli("export", "events", "--format", "plover", "--db", str(db)).stdout
    assert {json.loads(line)["coded_date"] for line in first.splitlines()} == {"2025-05-17"}
    assert run_cli("export", "events", "--format", "plover", "--db", str(db)).stdout == first


def test_export_graphml_edges_carry_a_weight_for_gephi(examples_db):
    result = run_cli("export", "graph", "--format", "graphml", "--db", str(examples_db))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ElementTree.fromstring(result.stdout)
    keys = {k.get("attr.name"): k for k in root.findall("g:key", ns)}
    assert (keys["weight"].get("for"), keys["weight"].get("attr.type")) == ("edge", "double")
    edges = root.findall(".//g:edge", ns)
    assert len(edges) == 2
    for edge in edges:
        data = {d.get("key"): d.text for d in edge.findall("g:data", ns)}
        assert float(data["weight"]) == int(data["count"]) >= 1


def test_export_csv_for_excel_has_a_bom(examples_db, tmp_path):
    out = tmp_path / "docs.csv"
    result = run_cli("export", "documents", "--format", "csv", "--excel", "--db", str(examples_db), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdoc_id,source,title,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["title"] == "Indonesia dan Jepang Sepakat Perkuat Kerja Sama Maritim"
    plain = run_cli("export", "documents", "--format", "csv", "--db", str(examples_db))
    assert not plain.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert run_cli("export", "documents", "--format", "jsonl", "--excel", "--db", str(examples_db)).exit_code == 2
