"""The app's read-only stores, one per worker thread, and its cache of whole-store views."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ...store.database import Store
from ..query import lists, summaries
from ..query.analysis import flows, network
from ..query.filters import EventFilter, StoryFilter
from ..query.fulltext import fts_query
from ..query.records import Record

QUERY_SECONDS = 5.0  # a page's SQL is cut off after this (datasette's time limit)


class Stores:
    """One read-only `Store` per worker thread (sqlite3 connections stay on the
    thread that made them), each with a per-request time limit, and a small cache
    of results keyed by the store's version: whole-store views (flows, network,
    entities) and facet counts, which only change when a document is added."""

    CACHE_SIZE = 512

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()
        self.cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = Store(self.path, readonly=True)
            store.deadline = float("inf")
            store.db.set_progress_handler(lambda: int(time.monotonic() > store.deadline), 10_000)
            self.local.store = store
        store.deadline = time.monotonic() + QUERY_SECONDS
        return store

    def version(self, store: Store) -> tuple[int, int]:
        """Changes whenever a document is added (documents are only ever appended) or
        an event corrected (corrections too)."""
        return tuple(store.db.execute("SELECT (SELECT coalesce(max(rowid), 0) FROM documents),"
                                " (SELECT coalesce(max(id), 0) FROM corrections)").fetchone())

    def cached(self, store: Store, name: Any, compute: Callable[[], Any]) -> Any:
        key = (name, self.version(store))
        with self.lock:
            if key in self.cache:
                self.cache.move_to_end(key)
                return self.cache[key]
        value = compute()
        with self.lock:
            self.cache[key] = value
            while len(self.cache) > self.CACHE_SIZE:
                self.cache.popitem(last=False)
        return value

    # --- the cached views, each over the calling thread's store `s` -----------

    def overview(self, s: Store) -> Record:
        return self.cached(s, "overview", lambda: summaries.overview(s))

    def dyads(self, s: Store) -> list[Record]:
        """The 500 most active dyads."""
        return self.cached(s, "dyads", lambda: summaries.dyads(s, limit=500))

    def flow_rows(self, s: Store) -> list[Record]:
        return self.cached(s, "flows", lambda: flows(s))

    def network_data(self, s: Store) -> tuple[dict[str, Record], list[Record]]:
        return self.cached(s, "network", lambda: network(s))

    def entity_table(self, s: Store) -> list[Record]:
        return self.cached(s, "entities", lambda: lists.entities_table(s))

    def entity_summary(self, s: Store, entity_id: str) -> Record | None:
        index = self.cached(s, "entity-index", lambda: {e["entity_id"]: e for e in self.entity_table(s)})
        return index.get(entity_id)

    def matches(self, s: Store, q: str | None) -> str | None:
        """The events a full-text query finds (cached: paging through one query runs it once)."""
        if not q or fts_query(q) is None:
            return None
        return self.cached(s, ("matches", q), lambda: EventFilter(q=q).resolved(s).matches)

    def events_listing(self, s: Store, f: EventFilter, page: int, per_page: int, facets: bool = True) -> Record:
        f = replace(f, matches=self.matches(s, f.q))
        data = lists.list_events(s, f, page, per_page, facets=False)
        if facets:
            key = ("event-facets", tuple(sorted(f.params().items())))
            data["facets"] = self.cached(s, key, lambda: lists.event_facets(s, f))
        return data

    def stories_listing(self, s: Store, f: StoryFilter, page: int, per_page: int) -> Record:
        data = lists.list_stories(s, f, page, per_page, facets=False)
        data["facets"] = self.cached(s, ("story-facets", tuple(sorted(f.params().items()))),
                                     lambda: lists.story_facets(s, f))
        return data
