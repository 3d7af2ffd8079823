"""Ingest: read inputs, process each into a Document, write it to the store.

The only loop that ties the stages to the store; the CLI (with its progress bar),
tests and benchmarks call `ingest` and get a report back.

With `workers > 1` the documents are processed in a pool of worker processes while
this process stays the only writer: SQLite has one writer anyway, and one writer in
input order makes a parallel run store exactly what a serial run stores (duplicates
and stories depend on order). Documents are written a batch at a time
(`Store.batch`: one transaction, a savepoint per document), so an interrupted run
leaves a consistent store, every document in it complete, and re-running continues
where it stopped.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice, repeat
from multiprocessing import Queue
from typing import BinaryIO

from ..document import Document, RawInput, Rejection
from ..errors import Errors
from ..clean.fingerprint import content_hash
from ..pipeline import process, warm_up
from ..read.inputs import Item, read_inputs
from ..settings import Options
from .database import Store
from .rows import Rows, document_rows, utc_now
from .schema import store_fault


KEPT_DOCUMENTS = 50  # stored documents the report keeps (the rest are counted only)
BATCH = 8  # inputs sent to a worker at once: fewer round trips, still a smooth progress bar
IN_FLIGHT = 4  # batches queued per worker: keeps workers busy, bounds memory
# Processed documents are written together, in one transaction (`Store.batch`): the
# first batch holds one document, each next twice as many up to COMMIT_DOCUMENTS, and a
# batch is written early once its documents hold COMMIT_CHARS of text or the first has
# waited COMMIT_SECONDS (a slow stream: `warta fetch`). A commit per document wrote 38
# times the store's final size to disk: each commit rewrites every page it touches, and
# most indexes are keyed by random document ids, so each batch rewrites most of their
# leaves: the fewer batches, the fewer bytes. A batch is bounded by its text (COMMIT_CHARS,
# some 3,400 news articles), COMMIT_DOCUMENTS only bounds one of many short documents
# (the whole news corpus, its writer alone: batches of a thousand wrote 4.3 times the
# store's size, of some 2,300 2.9; a whole ingest, bench/robustness.py writes --lines 0:
# 3.1 times with 4 million characters a batch, 2.9 with 6 million; see also Store.batch).
# A waiting document keeps its rows, not its tokens (as a worker sends it): a thousand
# take some 60 MB, so a full batch some 200 MB. A document waits for the
# next inputs, or the end of the input (a rejection is said at once). The lock is taken only
# to write a batch (seconds; other writers wait lock_wait_seconds); an interrupted run
# writes what it has processed before it stops, a killed one loses the documents still
# waiting, never half a document.
COMMIT_DOCUMENTS = 4000
COMMIT_CHARS = 6_000_000
COMMIT_SECONDS = 60.0

@dataclass
class Report:
    statuses: Counter = field(default_factory=Counter)  # added, duplicate, near-duplicate, exists
    rejected: list[Rejection] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)
    documents: list[Document] = field(default_factory=list)  # the first stored, for display
    seconds: float = 0.0
    # Where rejections go as they happen (the CLI: stderr), instead of `rejected`: a run
    # rejecting millions of inputs holds none of them, and an interrupted one has said
    # all it rejected. Without it they are kept in `rejected`.
    on_rejection: Callable[[Rejection], None] | None = None
    streamed: int = 0  # rejections given to on_rejection

    def reject(self, rejection: Rejection) -> None:
        if self.on_rejection is None:
            self.rejected.append(rejection)
        else:
            self.on_rejection(rejection)
            self.streamed += 1

    @property
    def rejected_count(self) -> int:
        return len(self.rejected) + self.streamed

    @property
    def read(self) -> int:
        return sum(self.statuses.values()) + self.rejected_count

    @property
    def stored(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != "exists")


# (item, "exists" or None, its store rows when a worker made them)
Processed = tuple[Document | Rejection | RawInput, str | None, Rows | None]


def ingest(
    paths: Iterable[str],
    store: Store,
    options: Options,
    stdin: BinaryIO | None = None,
    on_item: Callable[[RawInput | Rejection | Document, str], None] | None = None,
    workers: int = 1,
    on_rejection: Callable[[Rejection], None] | None = None,
) -> Report:
    """Ingest every input under `paths`. An input already stored (same content hash)
    is skipped before any processing, so re-running adds nothing and is fast.
    Rejections go to `on_rejection` as they happen, when given (see Report)."""
    return ingest_items(read_inputs(paths, options, stdin), store, options, on_item, workers, on_rejection)


def ingest_items(
    items: Iterable[Item],
    store: Store,
    options: Options,
    on_item: Callable[[RawInput | Rejection | Document, str], None] | None = None,
    workers: int = 1,
    on_rejection: Callable[[Rejection], None] | None = None,
) -> Report:
    """Ingest inputs already read (files by `ingest`, web pages by `warta fetch`)."""
    report = Report(on_rejection=on_rejection)
    started = time.perf_counter()
    triaged = map(partial(_triage, store), items)  # a map keeps no item once handed on
    results = _process_parallel(triaged, options, workers) if workers > 1 else map(_process_one, triaged, repeat(options))
    waiting: list[Processed] = []
    chars, since, size = 0, 0.0, 1
    try:
        for item, status, rows in results:
            if not waiting:
                since = time.monotonic()
            if isinstance(item, Rejection):  # said now, counted with its batch
                report.reject(item)
                status = "rejected"
            elif isinstance(item, Document):
                chars += len(item.text)
                if rows is None and len(item.text) < COMMIT_CHARS:  # a long one is written at once, row by row
                    rows = document_rows(item, utc_now())
                    item.tokens = []
            waiting.append((item, status, rows))
            if len(waiting) >= size or chars >= COMMIT_CHARS or time.monotonic() - since >= COMMIT_SECONDS:
                batch, waiting, chars, size = waiting, [], 0, min(2 * size, COMMIT_DOCUMENTS)
                _write(batch, store, options, report, on_item)
    except (KeyboardInterrupt, WorkerDied):  # what was processed before is stored, then the run stops
        _write(waiting, store, options, report, on_item)
        raise
    _write(waiting, store, options, report, on_item)
    report.seconds = time.perf_counter() - started
    return report


def _write(waiting: list[Processed], store: Store, options: Options, report: Report,
           on_item: Callable[[RawInput | Rejection | Document, str], None] | None) -> None:
    """Store the processed documents of `waiting` in one transaction (`Store.batch`),
    then count each input and tell `on_item`, in input order (rejections were said
    as they came)."""

    def each() -> list[tuple[RawInput | Rejection | Document, str]]:
        return [_store(item, store, options, report, rows) if status is None else (item, status)
                for item, status, rows in waiting]

    if all(status is not None for _, status, _ in waiting):
        done = each()
    else:
        try:
            with store.batch(sum(status is None for _, status, _ in waiting)):
                done = each()
        except sqlite3.Error as exc:  # beginning or committing the batch: the store's fault
            raise store_fault(store.path, exc) or exc from None
    for item, status in done:
        if status != "rejected":
            report.statuses[status] += 1
        if on_item:
            on_item(item, status)


def _store(item: Document, store: Store, options: Options, report: Report,
           rows: Rows | None) -> tuple[Document | Rejection, str]:
    try:
        status = store.add_document(item, options, rows)
    except sqlite3.Error as exc:  # rolled back: the store holds nothing of this input
        fault = store_fault(store.path, exc)
        if fault:  # the store's fault (locked, read-only, damaged, full), not the input's: stop
            raise fault from None
        rejection = Rejection(item.source, Errors.NOT_STORED.format(reason=exc))
        report.reject(rejection)
        return rejection, "rejected"
    if status != "exists":
        report.languages[item.language] += 1
        report.outlets[item.outlet] += 1
        if len(report.documents) < KEPT_DOCUMENTS:
            report.documents.append(item)
    return item, status


def _triage(store: Store, item: Item) -> list:
    """[the input, "exists" when the store has its content already, else None]: a list,
    so that `_process_one` can take the input out of it."""
    return [item, "exists" if isinstance(item, RawInput) and store.has_document(content_hash(item)[:16]) else None]


def _process_one(entry: list, options: Options) -> Processed:
    """The document of a triaged input (or the input and its status). The input is
    taken out of `entry` for `process`, so that nothing here holds it while it is
    processed: the document lets it go once its text is extracted (a 10 MB article
    is then not held twice, issue 19)."""
    if entry[1] is None and isinstance(entry[0], RawInput):
        return process(entry.pop(0), options), None, None
    return entry[0], entry[1], None


def _process_batch(batch: list[list], options: Options) -> list[Processed]:
    """A worker's share: each document with its store rows made here, so the single
    writer only looks up and inserts. Its tokens, the bulk of what would be sent
    back, are dropped: the rows already hold what the store keeps of them."""
    done = []
    for item, status, _ in (_process_one(entry, options) for entry in batch):
        rows = None
        if isinstance(item, Document):
            rows = document_rows(item, utc_now())
            item.tokens = []
        done.append((item, status, rows))
    return done


class WorkerDied(Exception):
    """A worker process ended without finishing its batch (killed, out of memory)."""


def _die_with(parent: int) -> None:
    """Have the kernel end this worker the moment its writer dies, whatever killed it
    (Linux's PR_SET_PDEATHSIG; elsewhere the checks in `_work` do it, more slowly)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # died before the call above took effect
        os._exit(0)


def _work(tasks: Queue, results: Queue, options: Options, parent: int) -> None:
    """A worker: process batches until told to stop or until the writer is gone.

    Ctrl-C and SIGTERM, which reach the whole process group, are the writer's to
    handle while it lives: it reports and kills the workers itself, so none dies
    halfway through sending a result (which would leave the writer waiting for the
    rest). A worker whose writer died, by any signal, ends at once: the kernel kills
    it (`_die_with`), a SIGTERM ends it, and it never waits to flush results nobody
    will read. It holds neither the caller's stdin nor stdout, so a pipe reading the
    writer's output (`| tee`) ends with the writer."""
    _die_with(parent)
    orphaned = lambda: os.getppid() != parent  # noqa: E731
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0) if orphaned() else None)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    results.cancel_join_thread()  # exiting never waits for a full pipe to drain
    while not orphaned():
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            continue
        if task is None:
            return
        number, batch = task
        results.put((number, _process_batch(batch, options)))


def _process_parallel(entries: Iterator[list], options: Options, workers: int) -> Iterator[Processed]:
    """Process `entries` in `workers` processes, yielding results in input order.

    At most `workers * IN_FLIGHT` batches are out at a time, so memory stays bounded
    on any input size. Workers are forked after `warm_up`: they share the loaded
    gazetteers and codebook instead of each loading them.
    """
    warm_up(options)
    context = multiprocessing.get_context("fork")
    tasks, results = context.Queue(), context.Queue()
    processes = [context.Process(target=_work, args=(tasks, results, options, os.getpid()), daemon=True)
                 for _ in range(workers)]
    for process_ in processes:
        process_.start()
    sent, wanted, done = 0, 0, {}
    try:
        while True:
            while sent - wanted < workers * IN_FLIGHT:
                batch = list(islice(entries, BATCH))
                if not batch:
                    break
                tasks.put((sent, batch))
                sent += 1
            if wanted == sent:
                break
            while wanted not in done:
                try:
                    number, processed = results.get(timeout=1.0)
                except queue.Empty:
                    dead = [p.exitcode for p in processes if not p.is_alive()]
                    if dead:
                        raise WorkerDied(Errors.WORKER_DIED.format(code=dead[0])) from None
                    continue
                done[number] = processed
            yield from done.pop(wanted)
            wanted += 1
    finally:
        for process_ in processes:
            process_.kill()
            process_.join()
        tasks.cancel_join_thread()  # batches no worker will read must not hold up exit
        tasks.close()
        results.close()
