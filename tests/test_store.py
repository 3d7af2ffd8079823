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


def test_store_minhash_is_datasketch_s_without_datasketch(options):
    """Issue 19: fingerprinting imported datasketch, which loads scipy (a second and
    40 MB for every ingest), and hashed a 10 MB text's shingles all at once (1.4 GB).
    The fingerprint stage's own MinHash gives datasketch's numbers, a batch of words at
    a time, and ingest no longer loads either package."""
    import re
    import subprocess
    import sys
    import zlib

    import numpy as np
    from datasketch import MinHash

    from warta.clean.fingerprint import SHINGLE_BATCH, fingerprint
    from warta.document import Document

    texts = [path.read_text("utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    texts += [" ".join(f"kata{n % 5000} lain{n % 7}" for n in range(3 * SHINGLE_BATCH)), "terlalu pendek"]
    for text in texts:
        words = re.findall(r"\w+", text.lower())
        size = options.shingle_words
        expected = MinHash(num_perm=options.num_perm, seed=1, hashfunc=zlib.crc32)
        expected.update_batch(list({" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}))
        doc = fingerprint(Document(source="x", text=text), options)
        assert doc.minhash == (expected.hashvalues.astype(np.uint64).tolist() if len(words) >= options.min_words else None)
    probe = ("import sys; from warta.pipeline import process; from warta.document import RawInput;"
             " from warta.settings import load_options; o = load_options();"
             f" d = process(RawInput('x', 'text', {texts[0]!r}), o); assert d.minhash;"
             " print(sorted(m for m in sys.modules if m.split('.')[0] in ('datasketch', 'scipy')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr


def test_store_resolves_a_document_s_entities_as_one_by_one(tmp_path, options):
    """Issue 19: each mention cost two statements, 560,000 for an article repeating a
    sentence. `resolve_entities` looks up a key once per document and skips an update
    the entity already has, with the same entities as resolving each mention in turn."""
    from warta.pipeline import process
    from warta.read.inputs import read_inputs
    from warta.store.rows import document_rows, utc_now

    docs = [process(raw, options) for raw in read_inputs([str(EXAMPLES)], options)]
    rows = [m for doc in docs for m in document_rows(doc, utc_now())["mentions"]]
    rows += [{**m, "key": m["last_name"] or m["key"], "surname_only": True} for m in rows[:5]]  # surnames alone
    one, batch = Store(tmp_path / "one.db"), Store(tmp_path / "batch.db")
    for store in (one, batch):
        store.db.execute("BEGIN")
    singly = {(m["char_start"], m["char_end"]): one.resolve_entity(m) for m in rows * 3}
    assert batch.resolve_entities(rows * 3) == singly
    tables = [list(map(tuple, s.db.execute("SELECT * FROM entities ORDER BY rowid"))) for s in (one, batch)]
    assert tables[0] == tables[1] and len(tables[0]) > 5


def _orphans(db) -> int:
    with sqlite3.connect(db) as con:
        return sum(con.execute(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
                   .fetchone()[0] for table in ("sentences", "mentions", "events", "dates", "quantities", "search_rows"))


def test_store_ingest_commits_a_batch_and_rolls_back_a_failed_document_alone(tmp_path, options, monkeypatch):
    """Issue 19: a commit per article wrote 5.75 GB to disk to make a 138 MB store.
    Ingest writes documents a batch at a time, one transaction with a savepoint per
    document: one failing after writing all its rows leaves nothing, the rest stay."""
    from warta.store.ingest import ingest

    def failing(self, doc, bands, opts, rows, original=Store._insert):
        original(self, doc, bands, opts, rows)
        if doc.source.endswith("02_asean_myanmar.html"):
            raise sqlite3.IntegrityError("after writing all of it")

    monkeypatch.setattr(Store, "_insert", failing)
    statements: list[str] = []
    store = Store(tmp_path / "x.db")
    store.db.set_trace_callback(statements.append)
    report = ingest([str(EXAMPLES)], store, options)
    store.close()
    assert [r.source for r in report.rejected] == [str(EXAMPLES / "02_asean_myanmar.html")]
    assert statements.count("COMMIT") < 4 and statements.count("ROLLBACK TO document") == 1  # batches of 1, 2, 1
    assert report.statuses["added"] == 3 and _orphans(tmp_path / "x.db") == 0


@pytest.mark.parametrize("where", ["writing", "processing"])
def test_store_interrupted_ingest_keeps_every_complete_document(tmp_path, options, monkeypatch, where):
    """Ctrl-C (or SIGTERM) in the middle of a batch: the documents written before it are
    committed, the one being written is rolled back, nothing is half there."""
    from warta.store import ingest as ingest_module

    def interrupted_write(self, doc, bands, opts, rows, original=Store._insert):
        original(self, doc, bands, opts, rows)
        if doc.source.endswith("#2"):
            raise KeyboardInterrupt

    def interrupted_processing(entry, opts, original=ingest_module._process_one):
        if str(getattr(entry[0], "source", "")).endswith("#2"):
            raise KeyboardInterrupt
        return original(entry, opts)

    if where == "writing":
        monkeypatch.setattr(Store, "_insert", interrupted_write)
    else:
        monkeypatch.setattr(ingest_module, "_process_one", interrupted_processing)
    with Store(tmp_path / "x.db") as store, pytest.raises(KeyboardInterrupt):
        ingest_module.ingest([str(EXAMPLES)], store, options)
    with Store(tmp_path / "x.db", readonly=True) as store:
        assert store.count("documents") == 3
    assert _orphans(tmp_path / "x.db") == 0


def test_store_batch_writes_with_a_larger_cache_and_checkpoints_at_twice_the_store(tmp_path, options):
    """Issue 19: with SQLite's 2 MB cache a batch's changed index pages were spilled to
    the log and written again; a batch has 256 KB of cache per document, at least SQLite's
    2 MB and at most 64 MB, given back after it, and checkpoints once the log is twice
    the store's size (40 MB at least). The four examples come in batches of 1, 2 and 1."""
    from warta.store.ingest import ingest

    statements: list[str] = []
    with Store(tmp_path / "x.db") as store:
        store.db.set_trace_callback(statements.append)
        assert ingest([str(EXAMPLES)], store, options).statuses["added"] == 4
        assert store.db.execute("PRAGMA cache_size").fetchone()[0] == -2000
        for documents in (100, 5000):
            with store.batch(documents):
                pass
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    assert [s for s in statements if s.startswith(("PRAGMA cache_size =", "PRAGMA wal_autocheckpoint ="))] == [
        "PRAGMA cache_size = -2000", "PRAGMA wal_autocheckpoint = 10000", "PRAGMA cache_size = -2000"] * 3 + [
        "PRAGMA cache_size = -25600", "PRAGMA wal_autocheckpoint = 10000", "PRAGMA cache_size = -2000",
        "PRAGMA cache_size = -64000", "PRAGMA wal_autocheckpoint = 10000", "PRAGMA cache_size = -2000"]
    assert 2 * pages < 10_000


def test_store_gives_an_entity_the_country_of_its_strongest_mention(tmp_path, options):
    """Issue 17: an entity's country is decided by the evidence of its mentions, not by the
    first: what the text gives (a title, an apposition) beats the annotated corpus's
    names, which beat the story's main country guessed for a name with none."""
    from warta.pipeline import process
    from warta.read.inputs import read_inputs

    def mention(name: str, country: str | None, basis: str | None) -> dict:
        return {"doc_id": "d", "char_start": 0, "char_end": len(name), "text": name, "type": "PERSON",
                "source": "model", "key": f"PERSON:{name.lower().replace(' ', '')}", "name": name, "country": country,
                "country_basis": basis, "sector": None, "last_name": name.split()[-1].lower(), "surname_only": False}

    store = Store(tmp_path / "x.db")
    store.db.execute("BEGIN")
    for name, seen in [  # the mentions of one name in the order their articles arrive
        ("Jeison Murillo", [("ESP", "story"), ("COL", "text"), ("VEN", "corpus"), ("ESP", "story")]),
        ("Jhon Murillo", [("VEN", "text"), ("URY", "story"), (None, None), ("COL", "text")]),
        ("Sergio Cordova", [(None, None), ("URY", "story"), ("VEN", "corpus")]),
    ]:
        for country, basis in seen:
            store.resolve_entity(mention(name, country, basis))
    assert [tuple(r) for r in store.db.execute("SELECT name, country, country_basis FROM entities ORDER BY rowid")] == [
        ("Jeison Murillo", "COL", "text"), ("Jhon Murillo", "VEN", "text"), ("Sergio Cordova", "VEN", "corpus")]
    store.db.execute("ROLLBACK")
    # Each stored mention keeps its own country and what gave it.
    doc = next(process(raw, options) for raw in read_inputs([str(EXAMPLES / "02_asean_myanmar.html")], options))
    store.add_document(doc, options)
    stored = {tuple(r) for r in store.db.execute("SELECT text, country, country_basis FROM mentions")}
    assert {(m.text, m.country, m.country_basis) for m in doc.mentions} == stored
    assert {basis for _, _, basis in stored} >= {"text", None}
    store.close()
