"""The SQLite store: the only module that changes the database.

One `Store` wraps one file. `ingest` is the single writer: it writes documents a
batch at a time, one immediate transaction with a savepoint per document, so an
interrupted or failing run never leaves half an article; readers (export, show, serve) open the file read-only. The schema is
versioned with `PRAGMA user_version` and upgraded by the numbered scripts in
`store/migrations/`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import Errors, StoreError  # noqa: F401 - StoreError is the store's, kept in errors.py so the CLI names it without loading the store
from ..clean.fingerprint import similarity
from ..settings import Options
from .rows import (LOADED, LOADED_COLUMNS, Bands, Rows, document_rows, finish_event, participant_spans, search_rows,
                   table_rows, utc_now)
from .entities import EntityResolver
from .schema import APPLICATION_ID, CHECKPOINT_PAGES, connect, migrations, run_script, store_fault, table_columns
from ..stories.filing import (REPORT_COLUMNS, EventReport, Story, date_window, dyads, event_report, file_event, filed,
                              is_personal, story_group, summary)


# A batch's page cache (PRAGMA cache_size, KiB) instead of SQLite's 2 MB, given back when
# the batch ends. A batch of a thousand documents changes some 50 MB of pages, most of them
# leaves of indexes keyed by random document ids; with 2 MB, changed pages were spilled to
# the log in mid-transaction and written there again and again: ingesting the whole news
# corpus wrote 8.2 times the store's size, 4.7 with this cache (issue 19). A batch gets
# BATCH_CACHE_KB_PER_DOCUMENT for each of its documents, up to BATCH_CACHE_KB: one long
# document, whose rows share one document id and so fill pages one after the other, is
# written with SQLite's 2 MB (a 10 MB article: 64 MB less memory).
BATCH_CACHE_KB = 64_000
BATCH_CACHE_KB_PER_DOCUMENT = 256
DEFAULT_CACHE_KB = 2000  # SQLite's default


class Store(EntityResolver):
    def __init__(self, path: str | Path, readonly: bool = False, wait: float = 10.0) -> None:
        self.path = str(path)
        self._summaries: dict[str, list[EventReport]] = {}  # story_id -> stories.summary of its reports
        self._story_rowids: dict[str, int] = {}  # stories being filed again keep their rowid
        self._batched = False  # inside `batch`: each write is a savepoint
        self._open_savepoint = False  # a write of the batch has begun and not ended
        self.readonly = readonly
        self.db = connect(path, readonly, wait)
        if not readonly:
            try:
                self.migrate()
            except sqlite3.Error as exc:
                self.db.close()
                raise store_fault(path, exc) or exc from None
        elif self.db.execute("PRAGMA user_version").fetchone()[0] == 0:
            raise StoreError(f"{path}: {Errors.DB_MISSING}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: committed when the block ends, rolled back when it
        raises. The rollback checks that a transaction is open: an interrupt (Ctrl-C)
        may arrive just after COMMIT, and must then go on as itself, not as a failed
        ROLLBACK. Inside `batch` it is a savepoint of the batch's transaction."""
        if self._batched:
            with self._savepoint():
                yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._summaries.clear()  # read again in each transaction: another writer may have changed them
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self._summaries.clear()  # they may hold what was rolled back
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    @contextmanager
    def batch(self, documents: int) -> Iterator[None]:
        """Several writes (`add_document`, some `documents`) in one transaction, each a
        savepoint in it that a failure rolls back alone. The transaction is committed when
        the block ends, even by an exception (Ctrl-C, kill): every write done completely is
        kept, one cut short is rolled back first. A commit per document wrote 38 times the
        store's size to disk (issue 19); `ingest` commits a batch at a time."""
        self.db.execute("BEGIN IMMEDIATE")
        cache = min(BATCH_CACHE_KB, max(DEFAULT_CACHE_KB, documents * BATCH_CACHE_KB_PER_DOCUMENT))
        self.db.execute(f"PRAGMA cache_size = {-cache}")
        self.db.execute(f"PRAGMA wal_autocheckpoint = {self._checkpoint_pages()}")
        self._summaries.clear()
        self._batched = True
        try:
            yield
        finally:
            self._batched = False
            try:
                self._undo_savepoint()
                self.db.execute("COMMIT")
            except BaseException:
                self._summaries.clear()
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
            finally:
                self.db.execute(f"PRAGMA cache_size = {-DEFAULT_CACHE_KB}")

    def _checkpoint_pages(self) -> int:
        """The log's length (pages) at which a batch's commit copies it into the database:
        twice the store's size, at least CHECKPOINT_PAGES. A checkpoint copies every page
        changed since the last one, and each batch changes most leaves of the indexes keyed
        by random document ids again: a log as long as the store, not a fixed 40 MB, copies
        such a page once per several batches (the whole news corpus, its writer alone: 4.7
        -> 2.9 times the store's size written, with batches of some 2,300 documents). The
        log on disk grows to twice the store's size, and is emptied at each checkpoint."""
        return max(CHECKPOINT_PAGES, 2 * self.db.execute("PRAGMA page_count").fetchone()[0])

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        self._open_savepoint = True
        self.db.execute("SAVEPOINT document")
        try:
            yield
            self.db.execute("RELEASE document")
            self._open_savepoint = False
        except BaseException:
            self._summaries.clear()
            self._undo_savepoint()
            raise

    def _undo_savepoint(self) -> None:
        """Roll back the write in progress, if one is: safe to repeat, and safe when an
        interrupt came just after its RELEASE (then there is nothing to undo)."""
        if self._open_savepoint:
            try:
                self.db.execute("ROLLBACK TO document")
                self.db.execute("RELEASE document")
            except sqlite3.OperationalError:  # no such savepoint: released already
                pass
            self._open_savepoint = False

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
                run_script(self.db, script)
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
            entity_ids = self.resolve_entities(rows["mentions"])
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
        """Insert `doc`'s rows (`rows`, else each table's made as it is inserted)."""
        now = utc_now()
        made = (lambda table: iter(rows[table])) if rows else (lambda table: table_rows(doc, table, now))
        self._insert_rows("documents", ({**row, "duplicate_of": doc.duplicate_of} for row in made("documents")))
        for table in ("removed", "doc_references", "sentences", "dates", "quantities"):
            self._insert_rows(table, made(table))
        events = list(made("events"))
        entity_ids = self._insert_mentions(made("mentions"), participant_spans(events))
        events = [finish_event(row, entity_ids) for row in events]
        self._insert_rows("events", events)
        for event in events:
            if not event["negated"]:
                self._file_story(event, options)
        self._index_search(doc.doc_id, made("search"))
        if doc.minhash and not doc.duplicate_of:
            self.db.executemany(
                "INSERT OR IGNORE INTO minhash_bands (band, key, doc_id) VALUES (?,?,?)",
                [(band, key, doc.doc_id) for band, key in bands.keys(doc.minhash)],
            )

    def _insert_mentions(self, mentions: Iterable[dict[str, Any]], wanted: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """Insert a document's mention rows, each with its entity (`resolve_entities`), a
        thousand at a time; returns the entities of the `wanted` spans (its events'
        participants). A 10 MB article has 90,000 mentions: their spans and entities are
        not all held at once."""
        kept: dict[tuple[int, int], str] = {}
        mentions = iter(mentions)
        for chunk in iter(lambda: list(islice(mentions, 1000)), []):
            found = self.resolve_entities(chunk)
            self._insert_rows("mentions", ({**m, "entity_id": found[m["char_start"], m["char_end"]]} for m in chunk))
            kept.update((span, found[span]) for span in wanted & found.keys())
        return kept

    def _insert_rows(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        columns = table_columns(table)
        self.db.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})", rows)

    def _file_story(self, event: dict[str, Any], options: Options) -> None:
        """Put an event into the story it reports, or start one (stories.file_event decides)."""
        report = event_report(event)
        found = file_event(report, self._candidate_stories(report, options), self._story_reports, options)
        story = filed(found, report)
        if found is None or story.story_id in self._summaries:  # a new story, or one whose summary is read
            self._summaries[story.story_id] = summary([*(self._summaries.get(story.story_id, []) if found else []), report])
        if found is None:
            self.db.execute(  # a story filed again (refile_stories) keeps its place: its rowid
                "INSERT INTO stories (rowid, story_id, event_type, actor_country, recipient_country, date, date_precision)"
                " VALUES (?,?,?,?,?,?,?)", (self._story_rowids.get(story.story_id), story.story_id, story.event_type,
                                            story.actor_country, story.recipient_country, story.date, story.date_precision))
        else:
            self.db.execute("UPDATE stories SET date = ?, date_precision = ? WHERE story_id = ?",
                            (story.date, story.date_precision, story.story_id))
        self.db.execute("UPDATE events SET story_id = ? WHERE event_id = ?", (story.story_id, report.event_id))

    STORY_COLUMNS = "story_id, event_type, actor_country, recipient_country, date, date_precision"

    def _candidate_stories(self, report: EventReport, options: Options) -> list[Story]:
        """The stories of the event's group that `file_event` may choose, found by index:
        for a dated event, those dated within its window (`date_window`), in the order
        file_event reads them, else the undated ones told alike (two at most: it takes
        only a single one); for an undated event, the group's only story, or the stories
        told alike. Each event meets a bounded number of candidates, and file_event
        decides as it would among all of the group's stories."""
        pairs = dyads(report.event_type, report.actor_country, report.recipient_country)
        group = "event_type = ? AND actor_country IS ? AND recipient_country IS ?"
        window = date_window(report, options)
        if window is not None:
            first, last, coarse = window
            dated = [Story(**row) for pair in pairs for row in self.rows(
                f"SELECT {self.STORY_COLUMNS} FROM stories WHERE {group} AND (date BETWEEN ? AND ?"
                f" OR date IN ({', '.join('?' * len(coarse))})) ORDER BY rowid",
                (report.event_type, *pair, first, last, *coarse))]
            return dated or (self._told_alike(report, pairs, undated=True) if is_personal(report) else [])
        some = [Story(**row) for pair in pairs for row in self.rows(
            f"SELECT {self.STORY_COLUMNS} FROM stories WHERE {group} ORDER BY rowid LIMIT 2", (report.event_type, *pair))]
        if len(some) <= 1 or not is_personal(report):
            return some[:2]
        return self._told_alike(report, pairs, undated=False)

    def _told_alike(self, report: EventReport, pairs: list[tuple[str | None, str | None]], undated: bool) -> list[Story]:
        """Up to two stories of the group (undated ones only, if `undated`) with an event
        by the same actor told by the same rule, found through the events_told_alike
        index one story at a time."""
        found: list[Story] = []
        after = ""
        while len(found) < 2:
            row = self.db.execute(
                "SELECT story_id FROM events WHERE event_type = ? AND actor_entity_id = ? AND rule IS ?"
                " AND story_id > ? ORDER BY story_id LIMIT 1",
                (report.event_type, report.actor_entity_id, report.rule, after)).fetchone()
            if row is None:
                break
            after = row[0]
            story = self.db.execute(f"SELECT {self.STORY_COLUMNS} FROM stories WHERE story_id = ?", (after,)).fetchone()
            if story and (story["actor_country"], story["recipient_country"]) in pairs and not (undated and story["date"]):
                found.append(Story(**dict(story)))
        return found

    def _story_reports(self, story: Story) -> list[EventReport]:
        """A story's reports as file_event needs them (`stories.summary`): read once,
        then kept up to date as events are filed."""
        if story.story_id not in self._summaries:
            if len(self._summaries) > 100_000:
                self._summaries.clear()
            self._summaries[story.story_id] = summary(event_report(row) for row in self.db.execute(
                f"SELECT {', '.join(REPORT_COLUMNS)} FROM events WHERE story_id = ? ORDER BY rowid", (story.story_id,)))
        return self._summaries[story.story_id]

    # --- full-text search (migration 0005; read by the web app) -------------

    def _index_search(self, doc_id: str, rows: Iterable[dict[str, Any]]) -> None:
        """Index a document's `search_rows` (its sentences and title) for full-text
        search, after the rows already there."""
        last, rows = self.db.execute("SELECT coalesce(max(rowid), 0) FROM search_rows").fetchone()[0], iter(rows)
        for batch in iter(lambda: list(islice(rows, 1000)), []):  # both tables, a thousand rows at a time
            self.db.executemany(
                "INSERT INTO search_rows (rowid, kind, doc_id, idx, char_start, char_end) VALUES (?,?,?,?,?,?)",
                [(last + n, r["kind"], doc_id, r["idx"], r["char_start"], r["char_end"]) for n, r in enumerate(batch, 1)])
            self.db.executemany("INSERT INTO search (rowid, text, lemmas) VALUES (?,?,?)",
                                [(last + n, r["text"], r["lemmas"]) for n, r in enumerate(batch, 1)])
            last += len(batch)

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
