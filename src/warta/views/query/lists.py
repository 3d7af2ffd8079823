"""Pages of events, stories, documents and entities under a filter; one document or entity
with everything its page shows; full-text search."""

from __future__ import annotations

import json
from collections import Counter

from .analysis import CERTAINTY_RANK
from .filters import (EVENT_FACETS, FACET_LIMIT, MAX_PER_PAGE, PER_PAGE, STORY_FACETS, EventFilter, StoryFilter,
                      facet_counts)
from .fulltext import fts_query, highlight_words
from .records import DOCUMENT_FIELDS, Record, entity_records, event_records, story_records


def count_events(store, f: EventFilter) -> int:
    f = f.resolved(store)
    where, params = f.where()
    return store.db.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]


def event_facets(store, f: EventFilter) -> list[Record]:
    """Group-by counts of each facet under the current filter (datasette's facets)."""
    f = f.resolved(store)
    where, params = f.where()
    out = []
    for facet in EVENT_FACETS:
        rows = facet_counts(store, facet, "events e", where, params)
        selected = getattr(f, facet.name, None) if facet.name != "month" else None
        out.append({"name": facet.name, "title": facet.title, "selected": selected,
                    "values": rows[:FACET_LIMIT], "truncated": len(rows) > FACET_LIMIT})
    return out


def _sentence_index(store, events: list[Record]) -> None:
    """Give each event the index of its evidence sentence (the page anchor #sN)."""
    docs = sorted({e["doc_id"] for e in events})
    spans: dict[str, list[tuple[int, int, int]]] = {}
    if docs:
        for doc_id, idx, start, end in store.db.execute(
                f"SELECT doc_id, idx, char_start, char_end FROM sentences WHERE doc_id IN ({','.join('?' * len(docs))})",
                docs):
            spans.setdefault(doc_id, []).append((start, end, idx))
    for e in events:
        e["sentence"] = next((idx for start, end, idx in spans.get(e["doc_id"], ())
                              if start <= e["char_start"] < end), None)


def list_events(store, f: EventFilter, page: int = 1, per_page: int = PER_PAGE, facets: bool = True) -> Record:
    """One page of events under a filter, newest first (undated last), with the
    total and the facets."""
    f = f.resolved(store)
    where, params = f.where()
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    offset = (max(page, 1) - 1) * per_page
    ids = [row[0] for row in store.db.execute(
        f"SELECT e.event_id FROM events e WHERE {where}"
        " ORDER BY e.date DESC, e.rowid DESC LIMIT ? OFFSET ?",  # events_date, read backwards
        (*params, per_page, offset),
    )]
    items = events_by_id(store, ids)
    return {"total": count_events(store, f), "page": max(page, 1), "per_page": per_page, "items": items,
            "facets": event_facets(store, f) if facets else [], "filter": f.params()}


def events_by_id(store, ids: list[str]) -> list[Record]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found = {e["event_id"]: e for e in event_records(store, f"e.event_id IN ({marks})", tuple(ids), hidden=True)}
    items = [found[i] for i in ids if i in found]
    _sentence_index(store, items)
    return items


def get_event(store, event_id: str) -> Record | None:
    items = events_by_id(store, [event_id])
    return items[0] if items else None


def search(store, q: str, page: int = 1, per_page: int = 20, matches: str | None = None) -> Record:
    """Sentences and titles matching `q`, best first (bm25), with their documents
    (`matches`: the events `q` finds, when the caller has already looked them up)."""
    match = fts_query(q)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    if not match:
        return {"query": q, "total": 0, "events": 0, "page": 1, "per_page": per_page, "items": []}
    total = store.db.execute("SELECT count(*) FROM search WHERE search MATCH ?", (match,)).fetchone()[0]
    rows = list(store.rows(
        "SELECT r.kind, r.doc_id, r.idx, r.char_start,"
        " CASE r.kind WHEN 'title' THEN d.title ELSE substr(d.text, r.char_start + 1, r.char_end - r.char_start) END AS text,"
        " d.title, d.outlet, d.published,"
        " (SELECT count(*) FROM events e WHERE e.doc_id = r.doc_id AND e.char_start = r.char_start) AS events"
        " FROM (SELECT rowid, rank FROM search WHERE search MATCH ? ORDER BY rank LIMIT ? OFFSET ?) AS hit"
        " JOIN search_rows r ON r.rowid = hit.rowid JOIN documents d ON d.doc_id = r.doc_id ORDER BY hit.rank",
        (match, per_page, (max(page, 1) - 1) * per_page),
    ))
    for row in rows:
        row["pieces"] = highlight_words(row["text"], q)
    return {"query": q, "total": total, "events": count_events(store, EventFilter(q=q, matches=matches)), "page": max(page, 1),
            "per_page": per_page, "items": rows}


def list_stories(store, f: StoryFilter, page: int = 1, per_page: int = PER_PAGE, facets: bool = True) -> Record:
    """One page of stories (newest first), each with its best evidence sentence."""
    where, params = f.where()
    where += " AND EXISTS (SELECT 1 FROM events e WHERE e.story_id = s.story_id)"
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    ids = [row[0] for row in store.db.execute(
        f"SELECT s.story_id FROM stories s WHERE {where} ORDER BY s.date IS NULL, s.date DESC, s.rowid DESC LIMIT ? OFFSET ?",
        (*params, per_page, (max(page, 1) - 1) * per_page),
    )]
    total = store.db.execute(f"SELECT count(*) FROM stories s WHERE {where}", params).fetchone()[0]
    return {"total": total, "page": max(page, 1), "per_page": per_page, "items": stories_by_id(store, ids),
            "facets": story_facets(store, f) if facets else [], "filter": f.params()}


def story_facets(store, f: StoryFilter) -> list[Record]:
    where, params = f.where()
    where += " AND EXISTS (SELECT 1 FROM events e WHERE e.story_id = s.story_id)"
    out = []
    for facet in STORY_FACETS:
        rows = facet_counts(store, facet, "stories s", where, params)
        out.append({"name": facet.name, "title": facet.title, "selected": getattr(f, facet.name, None),
                    "values": rows[:FACET_LIMIT], "truncated": len(rows) > FACET_LIMIT})
    return out


CERTAINTY_ORDER = "CASE e.certainty " + " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(CERTAINTY_RANK)) + " ELSE 99 END"


def stories_by_id(store, ids: list[str]) -> list[Record]:
    """Stories (export.story_records) in the order of `ids`, each with its best
    evidence: the most certain report, then the first stored."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found = {s["story_id"]: s for s in story_records(store, f"s.story_id IN ({marks})", tuple(ids))}
    best_ids = [row[0] for row in store.db.execute(
        f"SELECT event_id FROM (SELECT e.event_id, row_number() OVER (PARTITION BY e.story_id"
        f" ORDER BY {CERTAINTY_ORDER}, e.rowid) AS n FROM events e WHERE e.story_id IN ({marks})) WHERE n = 1",
        tuple(ids))]
    best = {e["story_id"]: e for e in events_by_id(store, best_ids)}
    items = []
    for story_id in ids:
        if story_id not in found:
            continue
        story = found[story_id]
        evidence = best.get(story_id)
        story["evidence"] = evidence and {k: evidence[k] for k in ("event_id", "doc_id", "evidence", "certainty", "sentence")}
        items.append(story)
    return items


LIST_FIELDS = tuple(f for f in DOCUMENT_FIELDS if f != "text")


def list_documents(store, outlet: str | None = None, language: str | None = None, page: int = 1,
                   per_page: int = PER_PAGE) -> Record:
    sql, params = [], []
    if outlet:
        sql.append("d.outlet = ?")
        params.append(outlet)
    if language:
        sql.append("d.language = ?")
        params.append(language)
    where = " AND ".join(sql) or "1"
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    columns = ", ".join(f"d.{f}" for f in LIST_FIELDS)
    items = list(store.rows(
        f"SELECT {columns}, (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events FROM documents d"
        f" WHERE {where} ORDER BY d.published DESC, d.rowid DESC LIMIT ? OFFSET ?",  # undated last
        (*params, per_page, (max(page, 1) - 1) * per_page)))
    total = store.db.execute(f"SELECT count(*) FROM documents d WHERE {where}", tuple(params)).fetchone()[0]
    outlets = list(store.rows(
        f"SELECT d.outlet AS value, count(*) AS n FROM documents d WHERE {where} AND d.outlet IS NOT NULL"
        f" GROUP BY value ORDER BY n DESC, value LIMIT {FACET_LIMIT}", tuple(params)))
    languages = list(store.rows(
        f"SELECT d.language AS value, count(*) AS n FROM documents d WHERE {where} AND d.language IS NOT NULL"
        f" GROUP BY value ORDER BY n DESC, value LIMIT {FACET_LIMIT}", tuple(params)))
    return {"total": total, "page": max(page, 1), "per_page": per_page, "items": items,
            "facets": [{"name": "outlet", "title": "outlet", "selected": outlet, "values": outlets},
                       {"name": "language", "title": "language", "selected": language, "values": languages}],
            "filter": {k: v for k, v in (("outlet", outlet), ("language", language)) if v}}


def document(store, doc_id: str) -> Record | None:
    """A document with everything shown on its page: SPEC fields, sentences,
    annotation spans (with entity ids), events, removed lines and references."""
    row = next(store.rows("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)), None)
    if row is None:
        return None
    record = {k: row[k] for k in DOCUMENT_FIELDS}
    record["extraction"] = row["extraction"]
    entity_at = {(m["char_start"], m["char_end"]): m for m in store.rows(
        "SELECT m.char_start, m.char_end, m.entity_id, e.name FROM mentions m JOIN entities e USING (entity_id)"
        " WHERE m.doc_id = ?", (doc_id,))}
    spans = []
    for start, end, kind in store.spans(doc_id):
        span = {"start": start, "end": end, "kind": kind}
        mention = entity_at.get((start, end)) if kind not in ("date", "quantity", "trigger") else None
        if mention:
            span["entity_id"], span["name"] = mention["entity_id"], mention["name"]
        spans.append(span)
    events = list(event_records(store, "e.doc_id = ?", (doc_id,), hidden=True))
    _sentence_index(store, events)
    sentences = [(r[0], r[1], r[2]) for r in store.db.execute(
        "SELECT idx, char_start, char_end FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,))]
    duplicates = [r[0] for r in store.db.execute("SELECT doc_id FROM documents WHERE duplicate_of = ? ORDER BY rowid", (doc_id,))]
    return {"document": record, "sentences": [{"idx": i, "start": s, "end": e} for i, s, e in sentences],
            "spans": spans, "events": events, "removed": store.removed(doc_id),
            "references": store.references(doc_id), "duplicates": duplicates}


def entities_table(store) -> list[Record]:
    """Every entity with its mentions (export.entity_records); cached by the app."""
    return list(entity_records(store))


def list_entities(table: list[Record], type: str | None = None, q: str | None = None, page: int = 1,
                  per_page: int = PER_PAGE) -> Record:
    needle = (q or "").strip().lower()
    named = [e for e in table
             if not needle or needle in e["name"].lower() or any(needle in a.lower() for a in e["aliases"])]
    chosen = [e for e in named if not type or e["type"] == type]
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    start = (max(page, 1) - 1) * per_page
    types = Counter(e["type"] for e in named)
    return {"total": len(chosen), "page": max(page, 1), "per_page": per_page, "items": chosen[start:start + per_page],
            "facets": [{"name": "type", "title": "type", "selected": type,
                        "values": [{"value": t, "n": n} for t, n in types.most_common()]}],
            "filter": {k: v for k, v in (("type", type), ("q", q)) if v}}


def entity(store, entity_id: str, page: int = 1, per_page: int = PER_PAGE, summary: Record | None = None) -> Record | None:
    """An entity (its entity_records row: `summary` when the caller has it) with its
    roles in events and one page of its mentions in their sentences."""
    row = next(store.rows("SELECT entity_id, type, name, country, country_basis, sector FROM entities WHERE entity_id = ?",
                          (entity_id,)), None)
    if row is None:
        return None
    if summary is None:
        stats = store.db.execute(
            "SELECT count(*), count(DISTINCT doc_id), json_group_array(DISTINCT text) FROM mentions WHERE entity_id = ?",
            (entity_id,)).fetchone()
        summary = {"mentions": stats[0], "documents": stats[1], "aliases": sorted(json.loads(stats[2]))}
    row.update({k: summary[k] for k in ("mentions", "documents", "aliases")})
    roles = store.db.execute(
        "SELECT (SELECT count(*) FROM events WHERE actor_entity_id = :id),"
        " (SELECT count(*) FROM events WHERE recipient_entity_id = :id),"
        " (SELECT count(*) FROM events WHERE attribution_entity_id = :id)", {"id": entity_id}).fetchone()
    row["as_actor"], row["as_recipient"], row["as_source"] = roles
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    mentions = list(store.rows(
        "SELECT m.doc_id, m.char_start, m.char_end, m.text, m.source, d.title, s.idx AS sentence,"
        " substr(d.text, s.char_start + 1, s.char_end - s.char_start) AS context, s.char_start AS context_start"
        " FROM mentions m JOIN documents d USING (doc_id)"
        " LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.char_start <= m.char_start AND m.char_start < s.char_end"
        " WHERE m.entity_id = ? ORDER BY m.rowid LIMIT ? OFFSET ?",  # stored order: by document, then offset
        (entity_id, per_page, (max(page, 1) - 1) * per_page)))
    for m in mentions:
        if m["context"] is not None:
            lo, hi = m["char_start"] - m["context_start"], m["char_end"] - m["context_start"]
            m["pieces"] = [(m["context"][:lo], False), (m["context"][lo:hi], True), (m["context"][hi:], False)]
        else:
            m["pieces"] = [(m["text"], True)]
    return {"entity": row, "mentions": mentions, "page": max(page, 1), "per_page": per_page}
