"""The store's file and schema: opening it with warta's settings, the numbered
migrations, and the faults that are the database's, not the data's."""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import Errors, StoreError

APPLICATION_ID = 0x77617274  # "wart": marks a SQLite file as a warta store
CHECKPOINT_PAGES = 10_000  # the log's length (pages) at which a commit copies it into the database


def migrations() -> list[tuple[int, str]]:
    folder = resources.files("warta.store.migrations")
    scripts = sorted(p for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(int(p.name.split("_", 1)[0]), p.read_text("utf-8")) for p in scripts]


def run_script(db: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@lru_cache(maxsize=None)
def table_schema(table: str) -> tuple[tuple[str, str], ...]:
    """(column, declared type) of one of warta's tables, as the migrations make it:
    what the store inserts and what the Spark job's Parquet datasets hold."""
    db = sqlite3.connect(":memory:")
    for _, script in migrations():
        run_script(db, script)
    schema = tuple((row[1], row[2]) for row in db.execute(f"PRAGMA table_info({table})"))
    db.close()
    if not schema:
        raise ValueError(f"no table {table}")
    return schema


def table_columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in table_schema(table))


# SQLite's primary result codes that say the database file, not the data written, is at fault
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = (
    5, 6, 8, 10, 11, 13, 14, 26)


def store_fault(path: str | Path, exc: sqlite3.Error) -> StoreError | None:
    """The StoreError that `exc` is when the database itself is at fault (locked,
    read-only, damaged, full, unreadable), so no input gets the blame; None when it
    is about what was being written."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(f"{path}: {Errors.DB_LOCKED.format(holders=holders(path))}")
    if code == SQLITE_READONLY:
        return StoreError(f"{path}: {Errors.DB_READONLY}")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return StoreError(f"{path}: {Errors.DB_DAMAGED.format(reason=exc)}")
    if code in (SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN):
        return StoreError(f"{path}: {Errors.DB_CANNOT_USE.format(reason=exc)}")
    return None


def holders(path: str | Path) -> str:
    """The other processes that have the database open, as 'pid N (command)', read
    from /proc (Linux); 'another process' where that cannot be seen."""
    import os

    wanted = {str(Path(path).resolve()) + suffix for suffix in ("", "-wal", "-shm", "-journal")}
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()) if os.path.isdir("/proc") else ():
        if int(pid) == os.getpid():
            continue
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            if not any(os.readlink(f"/proc/{pid}/fd/{fd}") in wanted for fd in fds):
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                words = [w.decode(errors="replace") for w in cmdline.read().split(b"\0") if w]
        except OSError:  # gone, or not ours to look at
            continue
        command = " ".join(" ".join(Path(w).name if n == 0 else w for n, w in enumerate(words)).split())
        found.append(f"pid {pid} ({command[:80]})")
    return ", ".join(found[:3]) or "another process"


def connect(path: str | Path, readonly: bool = False, wait: float = 10.0) -> sqlite3.Connection:
    """Open `path` with warta's connection settings (one place for pragmas). A lock
    held by another writer is waited for `wait` seconds (setting lock_wait_seconds)."""
    where = Path(path)
    if where.is_dir():
        raise StoreError(f"{path}: {Errors.DB_IS_FOLDER}")
    if readonly and not where.exists():
        raise StoreError(f"{path}: {Errors.DB_MISSING}")
    if not where.parent.is_dir():
        raise StoreError(f"{path}: {Errors.DB_NO_FOLDER.format(folder=where.parent)}")
    try:
        if readonly:
            connection = sqlite3.connect(f"{where.resolve().as_uri()}?mode=ro", uri=True, timeout=wait)
        else:
            connection = sqlite3.connect(path, isolation_level=None, timeout=wait)
    except sqlite3.Error as exc:
        raise store_fault(path, exc) or StoreError(f"{path}: {Errors.DB_CANNOT_USE.format(reason=exc)}") from None
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            # checkpoint every 40 MB of log, not 4: a page that several of ingest's batches
            # change is copied into the database once (bytes written, issue 19); ingest's
            # batches lengthen it to twice the store's size (Store._checkpoint_pages)
            connection.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        has_tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        connection.close()
        fault = store_fault(path, exc)
        if fault and "file is not a database" not in str(exc):
            raise fault from None
        raise StoreError(f"{path}: {Errors.DB_NOT_WARTA.format(reason=exc)}") from None
    if has_tables and application_id != APPLICATION_ID:
        connection.close()
        raise StoreError(f"{path}: {Errors.DB_NOT_WARTA.format(reason='it holds tables of another program')}")
    known = max(number for number, _ in migrations())
    if version > known:
        connection.close()
        raise StoreError(f"{path}: {Errors.DB_TOO_NEW.format(found=version, known=known)}")
    return connection
