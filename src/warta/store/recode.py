"""Recode: run language and event extraction again over stored documents.

After the codebook, the rules folder or a model changed, documents already stored keep
the events they were coded with (ingesting them again skips them). `recode` takes each
stored document chosen, runs the stages of `pipeline.RECODE_STAGES` over its stored
text with the rules of now, and replaces what they found, one transaction per
document (`Store.recode_document`), filing its stories again. Every document records
the coder that last coded it, so a recode that was interrupted continues where it
stopped, and a second run with nothing changed does nothing.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import pipeline, rules
from ..document import Rejection
from ..settings import Options
from .database import Store

# What makes a stored event the same event coded differently: all it says, except its
# story (refiled anyway) and the coder's name (changed by every recode).
COMPARED = ("event_type", "mode", "context", "actor", "recipient", "date", "date_precision", "date_basis",
            "location", "quantities", "attribution", "certainty", "negated", "score", "char_start", "char_end",
            "trigger_start", "trigger_end", "rule")


@dataclass
class RecodeReport:
    coder: str = ""
    recoded: int = 0  # documents coded again
    skipped: int = 0  # chosen, but already coded by this coder
    rejected: list[Rejection] = field(default_factory=list)
    added: Counter = field(default_factory=Counter)  # events by type
    removed: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    refiled: int = 0  # story groups filed again
    seconds: float = 0.0

    def by_type(self) -> list[tuple[str, int, int, int, int]]:
        """(event type, added, removed, changed, unchanged), types in name order."""
        types = sorted(set(self.added) | set(self.removed) | set(self.changed) | set(self.unchanged))
        return [(t, self.added[t], self.removed[t], self.changed[t], self.unchanged[t]) for t in types]


def selection(since: str | None = None, until: str | None = None, outlet: str | None = None,
              query: str | None = None, doc: str | None = None) -> tuple[str, tuple[Any, ...]]:
    """A WHERE clause over `documents d` and its parameters: published on or after
    `since` and on or before `until` (YYYY, YYYY-MM or YYYY-MM-DD, compared at the
    precision given), from `outlet`, with a sentence or title matching the full-text
    `query` (an FTS5 expression over the search index), or one document id (prefix)."""
    clauses, params = [], []
    if since:
        clauses.append("substr(d.published, 1, length(?)) >= ?")
        params += [since, since]
    if until:
        clauses.append("substr(d.published, 1, length(?)) <= ?")
        params += [until, until]
    if outlet:
        clauses.append("d.outlet = ?")
        params.append(outlet)
    if query:  # an FTS5 expression (views.query.fulltext.fts_query makes one from the words typed)
        clauses.append("d.doc_id IN (SELECT r.doc_id FROM search JOIN search_rows r ON r.rowid = search.rowid"
                       " WHERE search MATCH ?)")
        params.append(query)
    if doc:
        clauses.append("substr(d.doc_id, 1, length(?)) = ?")
        params += [doc, doc]
    return " AND ".join(clauses) or "1", tuple(params)


def count(store: Store, options: Options, where: str = "1", params: tuple[Any, ...] = (), force: bool = False) -> int:
    rules.activate(options.rules_dir)
    return len(store.documents_to_recode(pipeline.coder_name(options), where, params, force))


def recode(store: Store, options: Options, where: str = "1", params: tuple[Any, ...] = (), force: bool = False,
           on_item: Callable[[str, str], None] | None = None) -> RecodeReport:
    """Recode the stored documents matching `where` (see `selection`), in store order;
    those already coded by the coder in use are skipped unless `force`."""
    started = time.perf_counter()
    rules.activate(options.rules_dir)
    report = RecodeReport(coder=pipeline.coder_name(options))
    chosen = store.db.execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()[0]
    ids = store.documents_to_recode(report.coder, where, params, force)
    report.skipped = chosen - len(ids)
    for doc_id in ids:
        record = next(store.rows("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)))
        result = pipeline.recode(record, options)
        if isinstance(result, Rejection):
            report.rejected.append(result)
            if on_item:
                on_item(doc_id, "rejected")
            continue
        old, new = store.recode_document(result, options)
        _compare(old, new, report)
        report.recoded += 1
        if on_item:
            on_item(doc_id, "recoded")
    report.refiled = store.refile_stories(options)
    report.seconds = time.perf_counter() - started
    return report


def _compare(old: list[dict[str, Any]], new: list[dict[str, Any]], report: RecodeReport) -> None:
    before = {e["event_id"]: e for e in old}
    after = {e["event_id"]: e for e in new}
    for event_id, event in after.items():
        if event_id not in before:
            report.added[event["event_type"]] += 1
        elif any(event[c] != before[event_id][c] for c in COMPARED):
            report.changed[event["event_type"]] += 1
        else:
            report.unchanged[event["event_type"]] += 1
    for event_id, event in before.items():
        if event_id not in after:
            report.removed[event["event_type"]] += 1
