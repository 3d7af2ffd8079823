"""The SQLite store: the only module that changes the database.

One `Store` wraps one file. `ingest` is the single writer and writes each document
in one immediate transaction, so an interrupted or failing run never leaves half an
article; readers (export, show, serve) open the file read-only. The schema is
versioned with `PRAGMA user_version` and upgraded by the numbered scripts in
`store/migrations/`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from datasketch import MinHashLSH

from ..document import Document, Participant
from ..language.entities.keys import entity_id, entity_key, last_name_key
from ..errors import Errors
from ..clean.fingerprint import similarity
from ..settings import Options
from ..stories.filing import REPORT_COLUMNS, EventReport, Story, dyads, event_report, file_event, filed, story_group

APPLICATION_ID = 0x77617274  # "wart": marks a SQLite file as a warta store


class StoreError(Exception):
    """The database cannot be used; the message says why in one line."""


def migrations() -> list[tuple[int, str]]:
    folder = resources.files("warta.store.migrations")
    scripts = sorted(p for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(int(p.name.split("_", 1)[0]), p.read_text("utf-8")) for p in scripts]


def _run_script(db: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@lru_cache(maxsize=None)
def table_schema(table: str) -> tuple[tuple[str, str], ...]:
    """(column, declared type) of one of warta's tables, as the migrations make it:
    what the store inserts and what the Spark job's Parquet datasets hold."""
    db = sqlite3.connect(":memory:")
    for _, script in migrations():
        _run_script(db, script)
    schema = tuple((row[1], row[2]) for row in db.execute(f"PRAGMA table_info({table})"))
    db.close()
    if not schema:
        raise ValueError(f"no table {table}")
    return schema


def table_columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in table_schema(table))


Rows = dict[str, list[dict[str, Any]]]
# What Store.load reads, in the order it inserts (referenced rows first). Every
# dataset has its table's columns, except search: search_rows' columns with the
# lemmas instead of the text, which is cut from the stored documents again.
LOADED = ("documents", "removed", "doc_references", "sentences", "dates", "quantities", "entities", "mentions",
          "stories", "events", "minhash_bands", "search")
LOADED_COLUMNS = {"search": ("kind", "doc_id", "idx", "char_start", "char_end", "lemmas")}
PARTICIPANTS = ("actor", "recipient", "attribution")


def utc_now() -> str:
    """The time a document is ingested, as stored in `documents.ingested_at`."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def document_rows(doc: Document, ingested_at: str) -> Rows:
    """Everything `doc` adds to the store, as rows (column -> value) per table, found
    without looking anything up.

    Two tables are not final: a mention row carries its entity `key` and what
    resolving it needs (`name`, `country`, `sector`, `source`, `last_name`,
    `surname_only`) instead of an entity id, and an event row carries its
    participants as dicts with their spans (`finish_event` turns them into the stored
    JSON once entities are resolved). `search` holds the full-text rows, each with its
    `text` and `lemmas`. The store resolves entities one document at a time; the
    Spark job writes these rows for all documents and resolves keys with aggregations.
    """
    keys = {(m.start, m.end): m.key or entity_key(m) for m in doc.mentions}
    mentions = [
        {"doc_id": doc.doc_id, "char_start": m.start, "char_end": m.end, "text": m.text, "type": m.type,
         "source": m.source, "key": keys[m.start, m.end], "name": m.name, "country": m.country, "sector": m.sector,
         "last_name": last_name_key(m), "surname_only": m.type == "PERSON" and len(m.name.split()) == 1}
        for m in doc.mentions
    ]
    events: dict[str, dict[str, Any]] = {}  # by event_id: the same event found twice is stored once
    for e in doc.events:
        key = {role: keys.get((p.start, p.end)) if p else None for role, p in (("actor", e.actor), ("recipient", e.recipient))}
        ident = event_id(doc.doc_id, e.trigger_start, e.event_type, key["actor"], key["recipient"])
        events.setdefault(ident, {
            "event_id": ident, "doc_id": doc.doc_id, "event_type": e.event_type, "mode": e.mode,
            "context": json.dumps(e.context), "actor": _participant(e.actor),
            "actor_country": e.actor.country if e.actor else None, "recipient": _participant(e.recipient),
            "recipient_country": e.recipient.country if e.recipient else None, "date": e.date,
            "date_precision": e.date_precision, "date_basis": e.date_basis, "date_text": e.date_text,
            "location": e.location and json.dumps(
                {"text": e.location.text, "name": e.location.name, "country": e.location.country}, ensure_ascii=False),
            "quantities": json.dumps([{"text": q.text, "kind": q.kind, "value": q.value, "value_max": q.value_max,
                                       "unit": q.unit} for q in e.quantities], ensure_ascii=False),
            "attribution": _participant(e.attribution), "certainty": e.certainty, "negated": int(e.negated),
            "score": e.score, "char_start": e.sentence_start, "char_end": e.sentence_end,
            "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "story_id": None, "rule": e.rule,
            "coder": e.coder,
        })
    return {
        "documents": [{
            "doc_id": doc.doc_id, "source": doc.source, "title": doc.title, "outlet": doc.outlet, "author": doc.author,
            "url": doc.url, "published": doc.published, "published_basis": doc.published_basis,
            "language": doc.language, "text": doc.text, "extraction": doc.extraction, "duplicate_of": doc.duplicate_of,
            "content_hash": doc.content_hash, "text_hash": doc.text_hash,
            "minhash": np.asarray(doc.minhash, dtype=np.uint64).tobytes() if doc.minhash else None,
            "ingested_at": ingested_at, "coder": doc.coder,
        }],
        "removed": [{"doc_id": doc.doc_id, "line": r.line, "text": r.text, "rule": r.rule} for r in doc.removed],
        "doc_references": [{"doc_id": doc.doc_id, "marker": r.marker, "text": r.text, "url": r.url, "date": r.date}
                           for r in doc.references],
        "sentences": [{"doc_id": doc.doc_id, "idx": i, "char_start": s.start, "char_end": s.end}
                      for i, s in enumerate(doc.sentences)],
        "dates": [{"doc_id": doc.doc_id, "char_start": d.start, "char_end": d.end, "text": d.text, "value": d.value,
                   "precision": d.precision, "basis": d.basis, "rule": d.rule} for d in doc.dates],
        "quantities": [{"doc_id": doc.doc_id, "char_start": q.start, "char_end": q.end, "text": q.text, "kind": q.kind,
                        "value": q.value, "value_max": q.value_max, "unit": q.unit, "approx": q.approx, "per": q.per}
                       for q in doc.quantities],
        "mentions": mentions,
        "events": list(events.values()),
        "search": search_rows(doc),
    }


def event_id(doc_id: str, trigger_start: int, event_type: str, actor_key: str | None, recipient_key: str | None) -> str:
    """An event's id: its document, trigger, type and the entity keys of its actor and
    recipient (keys, not resolved ids, so it is known before entities are resolved)."""
    return hashlib.sha1(f"{doc_id}:{trigger_start}:{event_type}:{actor_key}:{recipient_key}".encode()).hexdigest()[:16]


def _participant(p: Participant | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"text": p.text, "name": p.name, "country": p.country, "sector": p.sector, "start": p.start, "end": p.end}


def finish_event(row: dict[str, Any], entity_ids: Mapping[tuple[int, int], str]) -> dict[str, Any]:
    """An event row of `document_rows` as stored: each participant becomes the JSON
    object {text, entity_id, name, country, sector}, its entity being that of the
    mention at its span (`entity_ids`), also kept in the `*_entity_id` column."""
    done = dict(row)
    for role in PARTICIPANTS:
        p = row[role]
        entity = entity_ids.get((p["start"], p["end"])) if p is not None else None
        done[role] = None if p is None else json.dumps(
            {"text": p["text"], "entity_id": entity, "name": p["name"], "country": p["country"], "sector": p["sector"]},
            ensure_ascii=False)
        done[f"{role}_entity_id"] = entity
    return done


def search_rows(doc: Document) -> list[dict[str, Any]]:
    """The document's full-text rows: each sentence, then the title. Each holds the
    words as written and their lemmas, so a query word matches any inflection of its
    lemma ("kunjungan" finds "mengunjungi"); `kind`, `idx` and the offsets say which
    sentence or title a row is."""
    from ..language.tokens import tokenize

    def lemmas(tokens: list[Any]) -> str:
        # a word, number, URL or abbreviation starts with a letter or digit; punctuation never does
        return " ".join(t.lemma for t in tokens if t.text[:1].isalnum())

    tokens = doc.tokens or tokenize(doc.text, doc.sentences)
    rows, position = [], 0
    for idx, sentence in enumerate(doc.sentences):
        inside = []
        while position < len(tokens) and tokens[position].start < sentence.end:
            if tokens[position].start >= sentence.start:
                inside.append(tokens[position])
            position += 1
        rows.append({"kind": "sentence", "idx": idx, "char_start": sentence.start, "char_end": sentence.end,
                     "text": doc.text[sentence.start:sentence.end], "lemmas": lemmas(inside)})
    if doc.title:
        rows.append({"kind": "title", "idx": None, "char_start": None, "char_end": None, "text": doc.title,
                     "lemmas": lemmas(tokenize(doc.title))})
    return rows


def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """Open `path` with warta's connection settings (one place for pragmas)."""
    if readonly:
        if not Path(path).exists():
            raise StoreError(f"{path}: {Errors.DB_MISSING}")
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    else:
        connection = sqlite3.connect(path, isolation_level=None)
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise StoreError(f"{path}: {Errors.DB_NOT_WARTA.format(reason=exc)}") from None
    has_tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if has_tables and application_id != APPLICATION_ID:
        connection.close()
        raise StoreError(f"{path}: {Errors.DB_NOT_WARTA.format(reason='it holds tables of another program')}")
    known = max(number for number, _ in migrations())
    if version > known:
        connection.close()
        raise StoreError(f"{path}: {Errors.DB_TOO_NEW.format(found=version, known=known)}")
    return connection


@dataclass(frozen=True)
class Bands:
    """LSH banding parameters for a threshold, as datasketch computes them."""

    count: int
    rows: int

    @classmethod
    def for_options(cls, options: Options) -> "Bands":
        return _bands(options.threshold, options.num_perm)

    def keys(self, signature: list[int]) -> list[tuple[int, int]]:
        values = np.asarray(signature, dtype=np.uint64)
        return [
            (band, int.from_bytes(hashlib.blake2b(values[band * self.rows : (band + 1) * self.rows].tobytes(), digest_size=8).digest(), "big", signed=True))
            for band in range(self.count)
        ]


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> Bands:
    """datasketch's optimal (bands, rows) for a threshold: costly (numeric
    integration), so computed once per setting."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return Bands(lsh.b, lsh.r)


class Store:
    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = str(path)
        self._story_rowids: dict[str, int] = {}  # stories being filed again keep their rowid
        self.readonly = readonly
        self.db = connect(path, readonly)
        if not readonly:
            self.migrate()
        elif self.db.execute("PRAGMA user_version").fetchone()[0] == 0:
            raise StoreError(f"{path}: {Errors.DB_MISSING}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: committed when the block ends, rolled back when it
        raises. The rollback checks that a transaction is open: an interrupt (Ctrl-C)
        may arrive just after COMMIT, and must then go on as itself, not as a failed
        ROLLBACK."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in migrations():
            if number <= version:
                continue
            with self._transaction():
                _run_script(self.db, script)
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.db.execute(f"PRAGMA user_version = {number}")

    # --- writing -------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def add_document(self, doc: Document, options: Options, rows: Rows | None = None) -> str:
        """Write `doc` and everything found in it in one transaction.

        `rows` are its `document_rows` when already made (by an ingest worker, so the
        single writer does less). Returns 'exists' (already stored: nothing written),
        'duplicate' (same text as an earlier document), 'near-duplicate' or 'added'.
        """
        bands = Bands.for_options(options)
        with self._transaction():
            if self.has_document(doc.doc_id):
                return "exists"
            status = "added"
            doc.duplicate_of = self._exact_duplicate(doc)
            if doc.duplicate_of:
                status = "duplicate"
            elif doc.minhash:
                doc.duplicate_of = self._near_duplicate(doc, bands, options)
                status = "near-duplicate" if doc.duplicate_of else status
            self._insert(doc, bands, options, rows)
        return status

    # --- recoding (warta recode) and fetch state (warta fetch); migration 0006 -----

    RECODED = ("dates", "quantities")

    def documents_to_recode(self, coder: str, where: str = "1", params: tuple[Any, ...] = (),
                            force: bool = False) -> list[str]:
        """Ids of the stored documents matching `where` (over `documents d`) in store
        order, less those already coded by `coder` unless `force`."""
        skip = "" if force else " AND d.coder IS NOT ?"
        return [row[0] for row in self.db.execute(
            f"SELECT d.doc_id FROM documents d WHERE ({where}){skip} ORDER BY d.rowid",
            (*params, *(() if force else (coder,))))]

    def recode_document(self, doc: Document, options: Options) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Replace what language and event extraction found in the stored document
        `doc.doc_id` by what `doc` (the same text, processed again) holds, in one
        transaction: its dates, quantities, mentions and events (its sentences and their
        full-text rows too when the sentences differ). The story groups of its old and
        new events are queued for `refile_stories`. Returns (old events, new events)
        as stored rows."""
        rows = document_rows(doc, utc_now())
        with self._transaction():
            doc_id = doc.doc_id
            old = list(self.rows("SELECT * FROM events WHERE doc_id = ? ORDER BY rowid", (doc_id,)))
            self.db.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
            self.db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
            for table in self.RECODED:
                self.db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
                self._insert_rows(table, rows[table])
            stored = [(r["char_start"], r["char_end"]) for r in self.rows(
                "SELECT char_start, char_end FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,))]
            if stored != [(r["char_start"], r["char_end"]) for r in rows["sentences"]]:
                self._unindex_search(doc_id)
                self.db.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
                self._insert_rows("sentences", rows["sentences"])
                self._index_search(doc_id, rows["search"])
            self.db.execute("UPDATE documents SET language = ?, coder = ? WHERE doc_id = ?",
                            (doc.language, doc.coder, doc_id))
            entity_ids = {(m["char_start"], m["char_end"]): self.resolve_entity(m) for m in rows["mentions"]}
            self._insert_rows("mentions", [{**m, "entity_id": entity_ids[m["char_start"], m["char_end"]]}
                                           for m in rows["mentions"]])
            self._insert_rows("events", [finish_event(row, entity_ids) for row in rows["events"]])
            new = list(self.rows("SELECT * FROM events WHERE doc_id = ? ORDER BY rowid", (doc_id,)))
            self.db.executemany(
                "INSERT OR IGNORE INTO refile (event_type, actor_country, recipient_country) VALUES (?,?,?)",
                sorted({story_group(e["event_type"], e["actor_country"], e["recipient_country"]) for e in old + new},
                       key=lambda g: tuple(x or "" for x in g)))
        return old, new

    def refile_stories(self, options: Options) -> int:
        """File the events of every queued story group (table refile) into stories
        again, from scratch and in input order (document, then event), as ingest filed
        them: each group in its own transaction. Returns the groups refiled."""
        done = 0
        while True:
            group = self.db.execute("SELECT event_type, actor_country, recipient_country FROM refile LIMIT 1").fetchone()
            if group is None:
                return done
            event_type, a, b = group
            with self._transaction():
                events = [e for e in self.rows(
                    "SELECT e.* FROM events e JOIN documents d USING (doc_id) WHERE e.event_type = ?"
                    " AND ((e.actor_country IS ? AND e.recipient_country IS ?) OR (e.actor_country IS ? AND e.recipient_country IS ?))"
                    " ORDER BY d.rowid, e.rowid", (event_type, a, b, b, a))
                    if story_group(e["event_type"], e["actor_country"], e["recipient_country"]) == tuple(group)]
                stories = {e["story_id"] for e in events if e["story_id"]}
                self._story_rowids = {row["story_id"]: row["rowid"] for row in self.rows(
                    "SELECT rowid, * FROM stories WHERE event_type = ? AND ((actor_country IS ? AND recipient_country IS ?)"
                    " OR (actor_country IS ? AND recipient_country IS ?))", (event_type, a, b, b, a))
                    if story_group(row["event_type"], row["actor_country"], row["recipient_country"]) == tuple(group)}
                stories |= set(self._story_rowids)
                self.db.executemany("UPDATE events SET story_id = NULL WHERE story_id = ?", [(s,) for s in sorted(stories)])
                self.db.executemany("DELETE FROM stories WHERE story_id = ?", [(s,) for s in sorted(stories)])
                for event in events:
                    if not event["negated"]:
                        self._file_story(event, options)
                self.db.execute("DELETE FROM refile WHERE event_type = ? AND actor_country IS ? AND recipient_country IS ?",
                                (event_type, a, b))
                self._story_rowids = {}
            done += 1

    def _unindex_search(self, doc_id: str) -> None:
        """Take a document's rows out of the contentless full-text index: FTS5 needs the
        values indexed, so the text is cut from the document again and the lemmas made
        again by the tokenizer (as `search_rows` made them)."""
        from ..document import Sentence

        record = self.db.execute("SELECT text, title FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        sentences = [Sentence(r["char_start"], r["char_end"]) for r in self.rows(
            "SELECT char_start, char_end FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,))]
        old = search_rows(Document(source="", doc_id=doc_id, text=record["text"], title=record["title"], sentences=sentences))
        ids = [r[0] for r in self.db.execute("SELECT rowid FROM search_rows WHERE doc_id = ? ORDER BY rowid", (doc_id,))]
        self.db.executemany("INSERT INTO search (search, rowid, text, lemmas) VALUES ('delete', ?, ?, ?)",
                            [(rowid, row["text"], row["lemmas"]) for rowid, row in zip(ids, old)])
        self.db.execute("DELETE FROM search_rows WHERE doc_id = ?", (doc_id,))

    def fetch_state(self, url: str) -> dict[str, Any] | None:
        """What `warta fetch` last got from `url` (table fetched), or None."""
        row = self.db.execute("SELECT * FROM fetched WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None

    def fetched_body(self, body_hash: str) -> dict[str, Any] | None:
        """The fetch state of a page already fetched with this exact body and handled
        (stored, or rejected by the pipeline), or None."""
        row = self.db.execute("SELECT * FROM fetched WHERE body_hash = ? AND kind = 'page'"
                              " AND (doc_id IS NOT NULL OR error IS NOT NULL) LIMIT 1", (body_hash,)).fetchone()
        return dict(row) if row else None

    def record_fetch(self, url: str, kind: str, status: int | None, etag: str | None = None,
                     last_modified: str | None = None, body_hash: str | None = None, doc_id: str | None = None,
                     error: str | None = None) -> None:
        """Remember what `url` answered (its own transaction). Validators, body hash and
        document of an earlier success are kept when this answer has none (304, an error)."""
        with self._transaction():
            self.db.execute(
                "INSERT INTO fetched (url, kind, status, etag, last_modified, body_hash, doc_id, fetched_at, error)"
                " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (url) DO UPDATE SET kind = excluded.kind,"
                " status = excluded.status, etag = coalesce(excluded.etag, etag),"
                " last_modified = coalesce(excluded.last_modified, last_modified),"
                " body_hash = coalesce(excluded.body_hash, body_hash), doc_id = coalesce(excluded.doc_id, doc_id),"
                " fetched_at = excluded.fetched_at, error = excluded.error",
                (url, kind, status, etag, last_modified, body_hash, doc_id, utc_now(), error))

    def _root(self, doc_id: str) -> str:
        row = self.db.execute("SELECT duplicate_of FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row and row[0] else doc_id

    def _exact_duplicate(self, doc: Document) -> str | None:
        row = self.db.execute(
            "SELECT doc_id FROM documents WHERE text_hash = ? ORDER BY rowid LIMIT 1", (doc.text_hash,)
        ).fetchone()
        return self._root(row[0]) if row else None

    def _near_duplicate(self, doc: Document, bands: Bands, options: Options) -> str | None:
        keys = bands.keys(doc.minhash)
        clause = " OR ".join("(band = ? AND key = ?)" for _ in keys)
        candidates = self.db.execute(
            f"SELECT DISTINCT d.doc_id, d.minhash FROM minhash_bands b JOIN documents d USING (doc_id) "
            f"WHERE {clause} ORDER BY d.rowid",
            [value for pair in keys for value in pair],
        ).fetchall()
        for candidate in candidates:
            if similarity(doc.minhash, candidate["minhash"]) >= options.threshold:
                return self._root(candidate["doc_id"])
        return None

    def _insert(self, doc: Document, bands: Bands, options: Options, rows: Rows | None = None) -> None:
        rows = rows or document_rows(doc, utc_now())
        self._insert_rows("documents", [{**rows["documents"][0], "duplicate_of": doc.duplicate_of}])
        for table in ("removed", "doc_references", "sentences", "dates", "quantities"):
            self._insert_rows(table, rows[table])
        entity_ids = {(m["char_start"], m["char_end"]): self.resolve_entity(m) for m in rows["mentions"]}
        self._insert_rows("mentions", [{**m, "entity_id": entity_ids[m["char_start"], m["char_end"]]} for m in rows["mentions"]])
        events = [finish_event(row, entity_ids) for row in rows["events"]]
        self._insert_rows("events", events)
        for event in events:
            if not event["negated"]:
                self._file_story(event, options)
        self._index_search(doc.doc_id, rows["search"])
        if doc.minhash and not doc.duplicate_of:
            self.db.executemany(
                "INSERT OR IGNORE INTO minhash_bands (band, key, doc_id) VALUES (?,?,?)",
                [(band, key, doc.doc_id) for band, key in bands.keys(doc.minhash)],
            )

    def _insert_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        columns = table_columns(table)
        self.db.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})", rows)

    def _file_story(self, event: dict[str, Any], options: Options) -> None:
        """Put an event into the story it reports, or start one (stories.file_event decides)."""
        report = event_report(event)
        stories = [
            Story(**row) for pair in dyads(report.event_type, report.actor_country, report.recipient_country)
            for row in self.rows(
                "SELECT story_id, event_type, actor_country, recipient_country, date, date_precision FROM stories"
                " WHERE event_type = ? AND actor_country IS ? AND recipient_country IS ? ORDER BY rowid",
                (report.event_type, *pair),
            )
        ]
        found = file_event(report, stories, self._story_reports, options)
        story = filed(found, report)
        if found is None:
            self.db.execute(  # a story filed again (refile_stories) keeps its place: its rowid
                "INSERT INTO stories (rowid, story_id, event_type, actor_country, recipient_country, date, date_precision)"
                " VALUES (?,?,?,?,?,?,?)", (self._story_rowids.get(story.story_id), story.story_id, story.event_type,
                                            story.actor_country, story.recipient_country, story.date, story.date_precision))
        else:
            self.db.execute("UPDATE stories SET date = ?, date_precision = ? WHERE story_id = ?",
                            (story.date, story.date_precision, story.story_id))
        self.db.execute("UPDATE events SET story_id = ? WHERE event_id = ?", (story.story_id, report.event_id))

    def _story_reports(self, story: Story) -> Iterator[EventReport]:
        for row in self.db.execute(
            f"SELECT {', '.join(REPORT_COLUMNS)} FROM events WHERE story_id = ? ORDER BY rowid", (story.story_id,)
        ):
            yield event_report(row)

    def resolve_entity(self, mention: dict[str, Any]) -> str:
        """The entity a mention row (see `document_rows`) belongs to, across documents,
        created when new.

        Same key, same entity (keys fold spelling variants). A bare surname with no
        full name in its own document ("Kozlov") joins the one person of that
        surname already stored, when there is exactly one; otherwise it stays its
        own entity rather than risk merging two people.
        """
        row = self.db.execute("SELECT entity_id FROM entities WHERE key = ?", (mention["key"],)).fetchone()
        if row is None and mention["surname_only"]:
            rows = self.db.execute(
                "SELECT entity_id FROM entities WHERE type = 'PERSON' AND last_name = ? LIMIT 2",
                (mention["last_name"],),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            new = entity_id(mention["key"])
            self.db.execute(
                "INSERT INTO entities (entity_id, key, type, name, country, sector, last_name) VALUES (?,?,?,?,?,?,?)",
                (new, mention["key"], mention["type"], mention["name"], mention["country"], mention["sector"],
                 mention["last_name"]),
            )
            return new
        self.db.execute(
            "UPDATE entities SET country = coalesce(country, ?), sector = coalesce(sector, ?),"
            " name = CASE WHEN ? = 'gazetteer' THEN ? ELSE name END WHERE entity_id = ?",
            (mention["country"], mention["sector"], mention["source"], mention["name"], row[0]),
        )
        return row[0]

    # --- full-text search (migration 0005; read by the web app) -------------

    def _index_search(self, doc_id: str, rows: list[dict[str, Any]]) -> None:
        """Index a document's `search_rows` (its sentences and title) for full-text
        search, after the rows already there."""
        last = self.db.execute("SELECT coalesce(max(rowid), 0) FROM search_rows").fetchone()[0]
        self.db.executemany(
            "INSERT INTO search_rows (rowid, kind, doc_id, idx, char_start, char_end) VALUES (?,?,?,?,?,?)",
            [(last + n, r["kind"], doc_id, r["idx"], r["char_start"], r["char_end"]) for n, r in enumerate(rows, 1)])
        self.db.executemany(
            "INSERT INTO search (rowid, text, lemmas) VALUES (?,?,?)",
            [(last + n, r["text"], r["lemmas"]) for n, r in enumerate(rows, 1)])

    # --- loading the Spark job's output (warta import-parquet) ---------------

    def load(self, batches: Callable[[str, tuple[str, ...]], Iterable[list[dict[str, Any]]]]) -> dict[str, int]:
        """Fill this empty store with complete rows, in one transaction; returns the
        rows loaded per table.

        `batches(name, columns)` yields a dataset's rows (see `LOADED`) in any order;
        each row but a band's carries `seq` and `pos`, its place in input order. Rows
        are staged in temporary tables and inserted in that order, so rowids, and all
        that is read in rowid order (exports, the first of duplicates, stories), are
        what a sequential ingest of the same inputs makes. The full-text index is
        rebuilt from the staged lemmas and the stored text.
        """
        stored = self.count("documents")
        if stored:
            raise StoreError(f"{self.path}: {Errors.STORE_NOT_EMPTY.format(count=stored)}")
        counts = {}
        with self._transaction():
            for name in LOADED:
                columns = ("band", "key", "doc_id") if name == "minhash_bands" else (*LOADED_COLUMNS.get(name, table_columns(name)), "seq", "pos")
                self.db.execute(f"CREATE TEMP TABLE load_{name} ({', '.join(columns)})")
                insert = f"INSERT INTO temp.load_{name} VALUES ({', '.join('?' * len(columns))})"
                for batch in batches(name, columns):
                    self.db.executemany(insert, ([row[c] for c in columns] for row in batch))
                counts[name] = self.db.execute(f"SELECT count(*) FROM temp.load_{name}").fetchone()[0]
            for name in LOADED:
                if name == "search":
                    self._load_search()
                else:
                    columns = ", ".join(table_columns(name))
                    order = "" if name == "minhash_bands" else " ORDER BY seq, pos"
                    self.db.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM temp.load_{name}{order}")
                self.db.execute(f"DROP TABLE temp.load_{name}")
        return counts

    def _load_search(self) -> None:
        """search_rows numbered in input order, as _index_search numbers them; the FTS
        text of each row cut from its document (or its title), as add_document indexes it."""
        self.db.execute(
            "INSERT INTO search_rows (rowid, kind, doc_id, idx, char_start, char_end)"
            " SELECT row_number() OVER (ORDER BY seq, pos), kind, doc_id, idx, char_start, char_end FROM temp.load_search")
        self.db.execute(
            "INSERT INTO search (rowid, text, lemmas)"
            " SELECT r.rowid, CASE r.kind WHEN 'title' THEN d.title"
            " ELSE substr(d.text, r.char_start + 1, r.char_end - r.char_start) END, l.lemmas"
            " FROM (SELECT row_number() OVER (ORDER BY seq, pos) AS n, lemmas FROM temp.load_search) l"
            " JOIN search_rows r ON r.rowid = l.n JOIN documents d USING (doc_id) ORDER BY r.rowid")

    # --- reading -------------------------------------------------------------

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
        for row in self.db.execute(sql, params):
            yield dict(row)

    def find_document(self, ref: str) -> dict[str, Any]:
        """A document by id, id prefix or source; StoreError when none or several match."""
        exact = self.db.execute("SELECT * FROM documents WHERE doc_id = ? OR source = ? LIMIT 1", (ref, ref)).fetchone()
        if exact:
            return dict(exact)
        matches = self.db.execute(
            "SELECT * FROM documents WHERE substr(doc_id, 1, length(:ref)) = :ref LIMIT 2", {"ref": ref}
        ).fetchall()
        if not matches:
            raise StoreError(Errors.DOC_NOT_FOUND.format(ref=ref))
        if len(matches) > 1:
            count = self.db.execute(
                "SELECT count(*) FROM documents WHERE substr(doc_id, 1, length(:ref)) = :ref", {"ref": ref}
            ).fetchone()[0]
            raise StoreError(Errors.DOC_AMBIGUOUS.format(ref=ref, count=count))
        return dict(matches[0])

    def removed(self, doc_id: str) -> list[dict[str, Any]]:
        return list(self.rows("SELECT line, text, rule FROM removed WHERE doc_id = ? ORDER BY line", (doc_id,)))

    def references(self, doc_id: str) -> list[dict[str, Any]]:
        return list(self.rows("SELECT marker, text, url, date FROM doc_references WHERE doc_id = ? ORDER BY rowid", (doc_id,)))

    def spans(self, doc_id: str) -> list[tuple[int, int, str]]:
        """Every annotation of a document as (start, end, kind), for highlighting."""
        rows = self.db.execute(
            "SELECT char_start, char_end, type FROM mentions WHERE doc_id = :d"
            " UNION ALL SELECT char_start, char_end, 'date' FROM dates WHERE doc_id = :d"
            " UNION ALL SELECT char_start, char_end, 'quantity' FROM quantities WHERE doc_id = :d"
            " UNION ALL SELECT trigger_start, trigger_end, 'trigger' FROM events WHERE doc_id = :d",
            {"d": doc_id},
        )
        return [tuple(row) for row in rows]

    def count(self, table: str) -> int:
        if table not in {"documents", "removed", "doc_references", "sentences", "mentions", "entities", "dates", "quantities", "events", "stories"}:
            raise ValueError(table)
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
