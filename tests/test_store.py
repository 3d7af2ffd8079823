"""The store: re-ingest adds nothing, duplicates are linked, writes are atomic."""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import EXAMPLES, NEWS, needs_shared, run_cli
from warta.store.database import Store
from warta.store.schema import APPLICATION_ID, migrations


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


# --- issue 19: every store error is one line and exit status 2, never a traceback ---

WARTA = str(__import__("pathlib").Path(__import__("sys").executable).with_name("warta"))


def _warta(*args: str):
    """The real command in its own process, as a user runs it (a traceback would show)."""
    import subprocess

    return subprocess.run([WARTA, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def example_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("good") / "good.db"
    assert run_cli("ingest", str(EXAMPLES), "--db", str(db), "-q").exit_code == 0
    return db


def _damaged_copy(example_store, folder):
    """The example store with its pages after the first three overwritten: the header
    says SQLite, the tables are garbage."""
    import shutil

    db = folder / "damaged.db"
    shutil.copy(example_store, db)
    size = db.stat().st_size
    with open(db, "r+b") as out:
        out.seek(4096 * 3)
        out.write(bytes(range(256)) * ((size - 4096 * 3) // 256))
    return db


@pytest.mark.parametrize("command", ["ingest", "export", "show"])
@pytest.mark.parametrize("case", ["missing-folder", "folder", "not-a-database", "damaged"])
def test_store_errors_are_one_line_exit_2(case, command, example_store, tmp_path):
    from warta.errors import Errors

    db, expected = {
        "missing-folder": (tmp_path / "nowhere" / "x.db",
                           Errors.DB_NO_FOLDER.format(folder=tmp_path / "nowhere")),
        "folder": (tmp_path, Errors.DB_IS_FOLDER),
        "not-a-database": (EXAMPLES / "01_jepang_indonesia.txt", Errors.DB_NOT_WARTA.format(reason="file is not a database")),
        "damaged": (None, Errors.DB_DAMAGED.format(reason="database disk image is malformed")),
    }[case]
    db = db or _damaged_copy(example_store, tmp_path)
    if case == "missing-folder" and command != "ingest":
        expected = Errors.DB_MISSING  # a reader asks for an existing store
    args = {"ingest": ("ingest", str(EXAMPLES / "03_wire.jsonl")), "export": ("export", "events"),
            "show": ("show", "0")}[command]
    result = _warta(*args, "--db", str(db))
    assert (result.returncode, result.stderr) == (2, f"warta: {db}: {expected}\n")


def test_store_read_only_stops_with_one_line(example_store, tmp_path):
    """A read-only store used to reject every input as 'could not be stored ... please
    report this input'. (Root writes through file modes: the file is made immutable.)"""
    import os
    import shutil
    import subprocess

    from warta.errors import Errors

    db = tmp_path / "readonly.db"
    shutil.copy(example_store, db)
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode:
            pytest.skip("root, and chattr cannot make the store read-only here")
    else:
        db.chmod(0o444)
    try:
        result = _warta("ingest", str(EXAMPLES / "03_wire.jsonl"), str(NEWS.parent / "seeds"), "--db", str(db))
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True)
    assert (result.returncode, result.stderr) == (2, f"warta: {db}: {Errors.DB_READONLY}\n")


def test_store_locked_waits_then_names_the_holder(example_store, tmp_path):
    """A second writer used to reject every input as 'could not be stored (database is
    locked) ... please report this input'. Now it waits lock_wait_seconds, then says
    which process holds the store, and blames no input."""
    import os
    import shutil

    from warta.errors import Errors

    db = tmp_path / "locked.db"
    shutil.copy(example_store, db)
    settings = tmp_path / "settings.toml"
    settings.write_text("lock_wait_seconds = 0.2\n", "utf-8")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # this test's process holds the write lock
    try:
        result = _warta("--config", str(settings), "ingest", str(NEWS.parent / "seeds"), "--db", str(db), "-q")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    words = open("/proc/self/cmdline", "rb").read().split(b"\0")
    command = " ".join(" ".join([os.path.basename(words[0].decode())] + [w.decode() for w in words[1:] if w]).split())[:80]
    holders = f"pid {os.getpid()} ({command})"
    assert (result.returncode, result.stderr) == (2, f"warta: {db}: {Errors.DB_LOCKED.format(holders=holders)}\n")


@pytest.mark.parametrize("num_perm", [64, 128, 256])
def test_store_bands_as_datasketch_chooses_them_without_scipy(num_perm):
    """Issue 19: the two banding numbers came from datasketch's MinHashLSH, whose import
    loads scipy; computed here, they must be the pair datasketch chooses."""
    from datasketch import MinHashLSH

    from warta.store.rows import _bands

    for threshold in [t / 100 for t in range(40, 100, 5)]:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert (_bands(threshold, num_perm).count, _bands(threshold, num_perm).rows) == (lsh.b, lsh.r)
