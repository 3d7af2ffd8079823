"""The store: re-ingest adds nothing, duplicates are linked, writes are atomic."""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import EXAMPLES, NEWS, needs_shared, run_cli
from warta.store.database import APPLICATION_ID, Store, migrations


def test_store_reingest_adds_nothing(tmp_path):
    db = str(tmp_path / "x.db")
    run_cli("ingest", str(EXAMPLES), "--db", db)
    first = sqlite3.connect(db).execute("SELECT count(*), group_concat(doc_id) FROM documents").fetchone()
    result = run_cli("ingest", str(EXAMPLES), "--db", db)
    assert result.exit_code == 0
    assert sqlite3.connect(db).execute("SELECT count(*), group_concat(doc_id) FROM documents").fetchone() == first
    assert "already in the store (skipped)" in result.stdout


def test_store_schema_version_and_wal(tmp_path):
    db = tmp_path / "x.db"
    Store(db).close()
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0]
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@needs_shared
def test_store_links_exact_and_near_duplicates(tmp_path):
    with open(NEWS / "indosum-dev.jsonl", encoding="utf-8") as lines:
        original = json.loads(next(lines))
    words = original["text"].split(" ")
    edited = " ".join(words[:-6] + ["Demikian", "dilaporkan", "oleh", "kantor", "berita", "Antara."])
    inputs = tmp_path / "copies.jsonl"
    inputs.write_text(
        "\n".join(json.dumps(r) for r in (
            {"text": original["text"], "url": "https://a.example/1"},
            {"text": original["text"], "url": "https://b.example/1"},
            {"text": edited, "url": "https://c.example/1"},
        )) + "\n",
        "utf-8",
    )
    db = tmp_path / "x.db"
    result = run_cli("ingest", str(inputs), "--db", str(db))
    assert result.exit_code == 0
    rows = sqlite3.connect(db).execute("SELECT doc_id, duplicate_of FROM documents ORDER BY rowid").fetchall()
    assert [dup for _, dup in rows] == [None, rows[0][0], rows[0][0]]


def test_store_failed_write_leaves_nothing(tmp_path, options, monkeypatch):
    from warta.document import RawInput
    from warta.pipeline import process

    doc = process(RawInput("x.txt", "text", "Presiden Korea Selatan Yoon Suk Yeol bertemu Perdana Menteri Jepang di Tokyo untuk membahas kerja sama."), options)
    store = Store(tmp_path / "x.db")
    monkeypatch.setattr(store, "_insert", lambda d, b, o, rows: (Store._insert(store, d, b, o, rows), 1 / 0))
    with pytest.raises(ZeroDivisionError):
        store.add_document(doc, options)
    assert store.count("documents") == 0 and store.count("removed") == 0
    store.close()


def test_store_error_rejects_the_input_not_the_batch(tmp_path, options, monkeypatch):
    """A failure inside the store's transaction rejects that input, by name, with no
    traceback; the batch goes on and nothing of the failed input is kept."""
    import sqlite3 as sqlite

    from warta.store.ingest import ingest

    calls = []

    def flaky(self, doc, bands, opts, rows, original=Store._insert):
        calls.append(doc.source)
        if len(calls) == 1:
            raise sqlite.IntegrityError("UNIQUE constraint failed: stories.story_id")
        return original(self, doc, bands, opts, rows)

    monkeypatch.setattr(Store, "_insert", flaky)
    store = Store(tmp_path / "x.db")
    report = ingest([str(EXAMPLES)], store, options)
    assert [str(r) for r in report.rejected] == [
        f"{EXAMPLES / '01_jepang_indonesia.txt'}: could not be stored (UNIQUE constraint failed: stories.story_id);"
        " nothing of it was written, please report this input"]
    assert report.statuses["added"] == 3
    assert store.count("documents") == 3
    store.close()


@pytest.mark.parametrize(
    "ref, found",
    [
        (str(EXAMPLES / "01_jepang_indonesia.txt"), "Indonesia dan Jepang Sepakat Perkuat Kerja Sama Maritim"),
        ("%", None),  # LIKE wildcards mean nothing here
        ("zz", None),
    ],
)
def test_store_show_finds_documents_by_source_or_id_prefix(tmp_path, ref, found):
    db = tmp_path / "x.db"
    run_cli("ingest", str(EXAMPLES), "--db", str(db))
    result = run_cli("show", ref, "--db", str(db))
    if found:
        assert result.exit_code == 0 and found in result.stdout
    else:
        assert result.exit_code == 1 and result.stderr == f"warta: no document matches '{ref}'\n"
    doc_id = sqlite3.connect(db).execute("SELECT doc_id FROM documents ORDER BY rowid").fetchone()[0]
    assert run_cli("show", doc_id[:6], "--db", str(db)).exit_code == 0
