"""The SQLite store: the only module that changes the database.

One `Store` wraps one file. `ingest` is the single writer and writes each document
in one immediate transaction, so an interrupted or failing run never leaves half an
article; readers (export, show, serve) open the file read-only. The schema is
versioned with `PRAGMA user_version` and upgraded by the numbered scripts in
`migrations/`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from datasketch import MinHashLSH

from .document import Document, Event, Mention, Participant
from .entities import entity_key, last_name_key
from .errors import Errors
from .fingerprint import similarity
from .settings import Options
from .stories import dates_compatible, dyads, more_precise, quantities_compatible

APPLICATION_ID = 0x77617274  # "wart": marks a SQLite file as a warta store


class StoreError(Exception):
    """The database cannot be used; the message says why in one line."""


def migrations() -> list[tuple[int, str]]:
    folder = resources.files("warta.migrations")
    scripts = sorted(p for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(int(p.name.split("_", 1)[0]), p.read_text("utf-8")) for p in scripts]


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
        self.readonly = readonly
        self.db = connect(path, readonly)
        if not readonly:
            self.migrate()
        elif self.db.execute("PRAGMA user_version").fetchone()[0] == 0:
            raise StoreError(f"{path}: {Errors.DB_MISSING}")

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
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in script.split(";\n"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.db.execute(f"PRAGMA user_version = {number}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    # --- writing -------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def add_document(self, doc: Document, options: Options) -> str:
        """Write `doc` and everything found in it in one transaction.

        Returns 'exists' (already stored: nothing written), 'duplicate' (same text as
        an earlier document), 'near-duplicate' or 'added'.
        """
        bands = Bands.for_options(options)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if self.has_document(doc.doc_id):
                self.db.execute("ROLLBACK")
                return "exists"
            status = "added"
            doc.duplicate_of = self._exact_duplicate(doc)
            if doc.duplicate_of:
                status = "duplicate"
            elif doc.minhash:
                doc.duplicate_of = self._near_duplicate(doc, bands, options)
                status = "near-duplicate" if doc.duplicate_of else status
            self._insert(doc, bands, options)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return status

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

    def _insert(self, doc: Document, bands: Bands, options: Options) -> None:
        signature = np.asarray(doc.minhash, dtype=np.uint64).tobytes() if doc.minhash else None
        self.db.execute(
            "INSERT INTO documents (doc_id, source, title, outlet, author, url, published, published_basis,"
            " language, text, extraction, duplicate_of, content_hash, text_hash, minhash, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.doc_id, doc.source, doc.title, doc.outlet, doc.author, doc.url, doc.published,
             doc.published_basis, doc.language, doc.text, doc.extraction, doc.duplicate_of,
             doc.content_hash, doc.text_hash, signature, datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )
        self.db.executemany(
            "INSERT INTO removed (doc_id, line, text, rule) VALUES (?,?,?,?)",
            [(doc.doc_id, r.line, r.text, r.rule) for r in doc.removed],
        )
        self.db.executemany(
            "INSERT INTO doc_references (doc_id, marker, text, url, date) VALUES (?,?,?,?,?)",
            [(doc.doc_id, r.marker, r.text, r.url, r.date) for r in doc.references],
        )
        self._insert_language(doc, options)
        if doc.minhash and not doc.duplicate_of:
            self.db.executemany(
                "INSERT OR IGNORE INTO minhash_bands (band, key, doc_id) VALUES (?,?,?)",
                [(band, key, doc.doc_id) for band, key in bands.keys(doc.minhash)],
            )

    def _insert_language(self, doc: Document, options: Options) -> None:
        """Sentences, dates, quantities and mentions; mentions resolved to entities."""
        self.db.executemany(
            "INSERT INTO sentences (doc_id, idx, char_start, char_end) VALUES (?,?,?,?)",
            [(doc.doc_id, i, s.start, s.end) for i, s in enumerate(doc.sentences)],
        )
        self.db.executemany(
            "INSERT INTO dates (doc_id, char_start, char_end, text, value, precision, basis, rule) VALUES (?,?,?,?,?,?,?,?)",
            [(doc.doc_id, d.start, d.end, d.text, d.value, d.precision, d.basis, d.rule) for d in doc.dates],
        )
        self.db.executemany(
            "INSERT INTO quantities (doc_id, char_start, char_end, text, kind, value, value_max, unit, approx, per)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(doc.doc_id, q.start, q.end, q.text, q.kind, q.value, q.value_max, q.unit, q.approx, q.per)
             for q in doc.quantities],
        )
        resolved = {(m.start, m.end): self.resolve_entity(m) for m in doc.mentions}
        self.db.executemany(
            "INSERT INTO mentions (doc_id, entity_id, char_start, char_end, text, type, source) VALUES (?,?,?,?,?,?,?)",
            [(doc.doc_id, resolved[m.start, m.end], m.start, m.end, m.text, m.type, m.source) for m in doc.mentions],
        )
        self._insert_events(doc, resolved, options)
        self._index_search(doc)

    def _insert_events(self, doc: Document, resolved: dict[tuple[int, int], str], options: Options) -> None:
        def participant(p: Participant | None) -> tuple[str | None, str | None, str | None]:
            if p is None:
                return None, None, None
            entity_id = resolved.get((p.start, p.end))
            record = {"text": p.text, "entity_id": entity_id, "name": p.name, "country": p.country, "sector": p.sector}
            return json.dumps(record, ensure_ascii=False), entity_id, p.country

        rows: dict[str, tuple] = {}  # by event_id: the same event found twice is stored once
        for e in doc.events:
            actor, recipient, attribution = participant(e.actor), participant(e.recipient), participant(e.attribution)
            location = e.location and json.dumps({"text": e.location.text, "name": e.location.name, "country": e.location.country}, ensure_ascii=False)
            quantities = [{"text": q.text, "kind": q.kind, "value": q.value, "value_max": q.value_max, "unit": q.unit}
                          for q in e.quantities]
            ident = f"{doc.doc_id}:{e.trigger_start}:{e.event_type}:{actor[1]}:{recipient[1]}"
            event_id = hashlib.sha1(ident.encode()).hexdigest()[:16]
            if event_id in rows:
                continue
            rows[event_id] = (
                event_id, doc.doc_id, e.event_type, e.mode,
                json.dumps(e.context), actor[0], actor[1], actor[2], recipient[0], recipient[1], recipient[2],
                e.date, e.date_precision, e.date_basis, e.date_text, location,
                json.dumps(quantities, ensure_ascii=False), attribution[0], attribution[1],
                e.certainty, int(e.negated), e.score, e.sentence_start, e.sentence_end,
                e.trigger_start, e.trigger_end, e.rule,
            ), e
        self.db.executemany(
            "INSERT INTO events (event_id, doc_id, event_type, mode, context, actor, actor_entity_id,"
            " actor_country, recipient, recipient_entity_id, recipient_country, date, date_precision, date_basis,"
            " date_text, location, quantities, attribution, attribution_entity_id, certainty, negated, score,"
            " char_start, char_end, trigger_start, trigger_end, rule)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [row for row, _ in rows.values()],
        )
        for row, event in rows.values():
            if not event.negated:
                self._file_story(row[0], event, json.loads(row[16]), options)

    def _file_story(self, event_id: str, event: Event, quantities: list[dict], options: Options) -> None:
        """Put an event into the story it reports, or start one (see stories.py).

        A dated event joins a story of the same type and dyad with a compatible date;
        an undated one joins only when exactly one such story exists, since nothing
        else tells two candidates apart.
        """
        actor = event.actor.country if event.actor else None
        recipient = event.recipient.country if event.recipient else None
        candidates = [
            row for pair in dyads(event.event_type, actor, recipient)
            for row in self.db.execute(
                "SELECT story_id, date, date_precision FROM stories WHERE event_type = ?"
                " AND actor_country IS ? AND recipient_country IS ? ORDER BY rowid",
                (event.event_type, *pair),
            )
        ]
        when = (event.date, event.date_precision)
        if event.date:
            candidates = [c for c in candidates if c["date"] and dates_compatible(when, (c["date"], c["date_precision"]), options)]
        elif len(candidates) != 1:
            candidates = []
        story = next((c for c in candidates if all(
            quantities_compatible(quantities, json.loads(q[0]), options)
            for q in self.db.execute("SELECT quantities FROM events WHERE story_id = ?", (c["story_id"],))
        )), None)
        if story is None:
            story_id = event_id
            self.db.execute(
                "INSERT INTO stories (story_id, event_type, actor_country, recipient_country, date, date_precision)"
                " VALUES (?,?,?,?,?,?)", (story_id, event.event_type, actor, recipient, *when))
        else:
            story_id = story["story_id"]
            best = more_precise((story["date"], story["date_precision"]), when)
            self.db.execute("UPDATE stories SET date = ?, date_precision = ? WHERE story_id = ?", (*best, story_id))
        self.db.execute("UPDATE events SET story_id = ? WHERE event_id = ?", (story_id, event_id))

    def resolve_entity(self, mention: Mention) -> str:
        """The entity a mention belongs to, across documents, created when new.

        Same key, same entity (keys fold spelling variants). A bare surname with no
        full name in its own document ("Kozlov") joins the one person of that
        surname already stored, when there is exactly one; otherwise it stays its
        own entity rather than risk merging two people.
        """
        key = mention.key or entity_key(mention)
        row = self.db.execute("SELECT entity_id FROM entities WHERE key = ?", (key,)).fetchone()
        if row is None and mention.type == "PERSON" and len(mention.name.split()) == 1:
            rows = self.db.execute(
                "SELECT entity_id FROM entities WHERE type = 'PERSON' AND last_name = ? LIMIT 2",
                (last_name_key(mention),),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            entity_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
            self.db.execute(
                "INSERT INTO entities (entity_id, key, type, name, country, sector, last_name) VALUES (?,?,?,?,?,?,?)",
                (entity_id, key, mention.type, mention.name, mention.country, mention.sector, last_name_key(mention)),
            )
            return entity_id
        self.db.execute(
            "UPDATE entities SET country = coalesce(country, ?), sector = coalesce(sector, ?),"
            " name = CASE WHEN ? = 'gazetteer' THEN ? ELSE name END WHERE entity_id = ?",
            (mention.country, mention.sector, mention.source, mention.name, row[0]),
        )
        return row[0]

    # --- full-text search (migration 0005; read by the web app) -------------

    def _index_search(self, doc: Document) -> None:
        """Index the document's sentences and title for full-text search: each row
        holds the words as written and their lemmas, so a query word matches any
        inflection of its lemma ("kunjungan" finds "mengunjungi"); search_rows
        says which sentence or title each row is."""
        from .tokens import tokenize

        def lemmas(tokens: list[Any]) -> str:
            return " ".join(t.lemma for t in tokens if any(c.isalnum() for c in t.text))

        tokens = doc.tokens or tokenize(doc.text, doc.sentences)
        rows, position = [], 0
        for idx, sentence in enumerate(doc.sentences):
            inside = []
            while position < len(tokens) and tokens[position].start < sentence.end:
                if tokens[position].start >= sentence.start:
                    inside.append(tokens[position])
                position += 1
            rows.append(("sentence", idx, sentence.start, sentence.end, doc.text[sentence.start:sentence.end],
                         lemmas(inside)))
        if doc.title:
            rows.append(("title", None, None, None, doc.title, lemmas(tokenize(doc.title))))
        last = self.db.execute("SELECT coalesce(max(rowid), 0) FROM search_rows").fetchone()[0]
        self.db.executemany(
            "INSERT INTO search_rows (rowid, kind, doc_id, idx, char_start, char_end) VALUES (?,?,?,?,?,?)",
            [(last + n, kind, doc.doc_id, idx, start, end) for n, (kind, idx, start, end, _, _) in enumerate(rows, 1)])
        self.db.executemany(
            "INSERT INTO search (rowid, text, lemmas) VALUES (?,?,?)",
            [(last + n, text, keys) for n, (*_, text, keys) in enumerate(rows, 1)])

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
