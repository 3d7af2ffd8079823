"""Ingest: read inputs, process each into a Document, write it to the store.

The only loop that ties the stages to the store; the CLI (with its progress bar),
tests and benchmarks call `ingest` and get a report back.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from .document import Document, RawInput, Rejection
from .errors import Errors
from .fingerprint import content_hash
from .pipeline import process
from .read import read_inputs
from .settings import Options
from .store import Store


KEPT_DOCUMENTS = 50  # stored documents the report keeps (the rest are counted only)


@dataclass
class Report:
    statuses: Counter = field(default_factory=Counter)  # added, duplicate, near-duplicate, exists
    rejected: list[Rejection] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)
    documents: list[Document] = field(default_factory=list)  # the first stored, for display
    seconds: float = 0.0

    @property
    def read(self) -> int:
        return sum(self.statuses.values()) + len(self.rejected)

    @property
    def stored(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != "exists")


def ingest(
    paths: Iterable[str],
    store: Store,
    options: Options,
    stdin: BinaryIO | None = None,
    on_item: Callable[[RawInput | Rejection | Document, str], None] | None = None,
) -> Report:
    """Ingest every input under `paths`. An input already stored (same content hash)
    is skipped before any processing, so re-running adds nothing and is fast."""
    report = Report()
    started = time.perf_counter()
    for item in read_inputs(paths, options, stdin):
        if isinstance(item, RawInput) and store.has_document(content_hash(item)[:16]):
            status = "exists"
        else:
            item = process(item, options) if isinstance(item, RawInput) else item
            if isinstance(item, Rejection):
                report.rejected.append(item)
                status = "rejected"
            else:
                try:
                    status = store.add_document(item, options)
                except sqlite3.Error as exc:  # rolled back: the store holds nothing of this input
                    item, status = Rejection(item.source, Errors.NOT_STORED.format(reason=exc)), "rejected"
                    report.rejected.append(item)
                if status not in ("exists", "rejected"):
                    report.languages[item.language] += 1
                    report.outlets[item.outlet] += 1
                    if len(report.documents) < KEPT_DOCUMENTS:
                        report.documents.append(item)
        if status != "rejected":
            report.statuses[status] += 1
        if on_item:
            on_item(item, status)
    report.seconds = time.perf_counter() - started
    return report
