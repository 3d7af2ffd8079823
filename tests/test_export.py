"""Exports of documents: exact SPEC fields in JSONL, CSV and Parquet."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from conftest import EXAMPLES, run_cli
from warta.views.query.records import DOCUMENT_FIELDS


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
