"""What the web app shows, as query functions over a read-only `Store`.

Each function returns plain dicts and lists: the HTML pages and the JSON API are
thin formatters over them (STYLE §2), and records come from the same functions
`warta export` uses (`event_records`, `story_records`, `entity_records`), so the
app and the exports cannot disagree. User input reaches SQL only as bound
parameters; the only SQL text built here comes from the fixed tables below.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..analysis import CERTAINTY_RANK, FLOW_TYPES, dyad_series, monthly, quad_name, sankey
from ..export import DOCUMENT_FIELDS, entity_records, event_records, story_records
from ...events.plover import EVENT_TYPES, ontology
from ...language.tokens import analyse, tokenize

Record = dict[str, Any]

PER_PAGE = 50
MAX_PER_PAGE = 200
FACET_LIMIT = 12
MAX_SEARCH_TERMS = 12
DATE_END = "~"  # sorts after every character of an ISO date: "2024-11~" > "2024-11-30"
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")

# The dyad of an event as one unordered key, "PRK-RUS" (alphabetical), or NULL.
DYAD_SQL = ("CASE WHEN e.actor_country IS NULL OR e.recipient_country IS NULL"
            " OR e.actor_country = e.recipient_country THEN NULL"
            " WHEN e.actor_country < e.recipient_country THEN e.actor_country || '-' || e.recipient_country"
            " ELSE e.recipient_country || '-' || e.actor_country END")
# A participant as a node of the actor network (analysis.network): the person's
# entity when it is a person, else its country.
PERSONS_SQL = "(SELECT entity_id FROM entities WHERE type = 'PERSON')"
NODE_SQL = "CASE WHEN e.{role}_entity_id IN " + PERSONS_SQL + " THEN e.{role}_entity_id ELSE e.{role}_country END"


def dyad_key(a: str, b: str) -> str:
    return "-".join(sorted((a.upper(), b.upper())))


# --- filters -----------------------------------------------------------------


@dataclass
class EventFilter:
    """The events list's filter, from query parameters; every value is bound."""

    type: str | None = None
    quad: str | None = None          # PLOVER quad class, e.g. verbal_cooperation
    dyad: str | None = None          # "PRK-RUS": either direction
    actor: str | None = None         # actor entity_id
    recipient: str | None = None     # recipient entity_id
    actor_country: str | None = None
    recipient_country: str | None = None
    source: str | None = None        # network node (person entity_id or country) acting
    target: str | None = None        # network node receiving
    certainty: str | None = None
    outlet: str | None = None
    date_from: str | None = None     # YYYY, YYYY-MM or YYYY-MM-DD
    date_to: str | None = None
    q: str | None = None             # full-text search over sentences and titles
    story: str | None = None
    doc: str | None = None
    negated: bool | None = None
    undated: bool | None = None      # True: no date to the month (what the dyad chart leaves out)
    matches: str | None = field(default=None, repr=False)  # JSON rowids of the events `q` finds (resolved)

    def resolved(self, store) -> "EventFilter":
        """The filter with its full-text query run once: the events whose evidence
        sentence or document title match `q`, as a JSON list of rowids that every
        later query (page, count, facets) reads with json_each."""
        match = fts_query(self.q or "")
        if self.matches is not None or not match:
            return self
        rows = store.db.execute(
            "SELECT e.rowid FROM search_rows r JOIN events e ON e.doc_id = r.doc_id AND e.char_start = r.char_start"
            " WHERE r.kind = 'sentence' AND r.rowid IN (SELECT rowid FROM search WHERE search MATCH ?)"
            " UNION SELECT e.rowid FROM search_rows r JOIN events e ON e.doc_id = r.doc_id"
            " WHERE r.kind = 'title' AND r.rowid IN (SELECT rowid FROM search WHERE search MATCH ?)",
            (match, match))
        return replace(self, matches=json.dumps([row[0] for row in rows]))

    def clauses(self) -> tuple[list[str], list[Any]]:
        sql: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            sql.append(clause)
            params.extend(values)

        if self.type:
            add("e.event_type = ?", self.type.upper())
        if self.quad:
            types = ontology()["quads"].get(self.quad, {}).get("types", [])
            add(f"e.event_type IN ({','.join('?' * len(types)) or 'NULL'})", *types)
        if self.dyad:
            a, _, b = self.dyad.upper().partition("-")
            add("((e.actor_country = ? AND e.recipient_country = ?) OR (e.actor_country = ? AND e.recipient_country = ?))",
                a, b, b, a)
        if self.actor:
            add("e.actor_entity_id = ?", self.actor)
        if self.recipient:
            add("e.recipient_entity_id = ?", self.recipient)
        if self.actor_country:
            add("e.actor_country = ?", self.actor_country.upper())
        if self.recipient_country:
            add("e.recipient_country = ?", self.recipient_country.upper())
        if self.source:
            add(f"({NODE_SQL.format(role='actor')}) = ?", self.source)
        if self.target:
            add(f"({NODE_SQL.format(role='recipient')}) = ?", self.target)
        if self.certainty:
            add("e.certainty = ?", self.certainty)
        if self.outlet:
            add("e.doc_id IN (SELECT doc_id FROM documents WHERE outlet = ?)", self.outlet)
        if self.date_from:
            add("e.date >= ?", self.date_from)
        if self.date_to:  # through the end of that year, month or day: '2024-11' keeps '2024-11-30'
            add("e.date <= ?", self.date_to + DATE_END)
        if self.story:
            add("e.story_id = ?", self.story)
        if self.doc:
            add("e.doc_id = ?", self.doc)
        if self.negated is not None:
            add("e.negated = ?", int(self.negated))
        if self.undated is not None:
            add("(e.date IS NULL OR length(e.date) < 7) = ?", int(self.undated))
        if self.matches is not None:
            add("e.rowid IN (SELECT value FROM json_each(?))", self.matches)
        elif self.q and self.q.strip():
            if fts_query(self.q) is None:
                add("0")  # a query with no word in it matches nothing
            else:
                raise ValueError("resolve the filter's full-text query first: EventFilter.resolved(store)")
        return sql, params

    def where(self) -> tuple[str, tuple[Any, ...]]:
        sql, params = self.clauses()
        return " AND ".join(sql) or "1", tuple(params)


    def params(self) -> dict[str, str]:
        """The filter as URL query parameters (for links that keep it)."""
        names = {"date_from": "from", "date_to": "to"}
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "matches" or value is None or value == "":
                continue
            out[names.get(f.name, f.name)] = str(int(value)) if isinstance(value, bool) else str(value)
        return out



@dataclass(frozen=True)
class Facet:
    """A facet: group-by counts of `expr` under the current filter. Rows are first
    counted by `key` (an indexed column of e, the events), then `expr` (SQL over
    that `key`) folds the keys into values: few lookups, no sort of every row."""

    name: str        # the query parameter it sets
    title: str
    key: str         # fixed SQL text, never user input
    expr: str = "key"
    label_sql: str | None = None
    order: str = "n DESC, value"


EVENT_FACETS = (
    Facet("type", "event type", "e.event_type"),
    Facet("dyad", "dyad", DYAD_SQL),
    Facet("actor", "actor", "e.actor_entity_id", label_sql="(SELECT name FROM entities WHERE entity_id = value)"),
    Facet("certainty", "certainty", "e.certainty"),
    Facet("outlet", "outlet", "e.doc_id", expr="(SELECT outlet FROM documents INDEXED BY documents_doc_outlet WHERE doc_id = key)"),
    # dated to a month or a day (a year alone is no month)
    Facet("month", "month", "e.date", expr="CASE WHEN length(key) >= 7 THEN substr(key, 1, 7) END", order="value DESC"),
)


def count_events(store, f: EventFilter) -> int:
    f = f.resolved(store)
    where, params = f.where()
    return store.db.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]


def facet_counts(store, facet: Facet, source: str, where: str, params: tuple[Any, ...]) -> list[Record]:
    label = f", {facet.label_sql} AS label" if facet.label_sql else ""
    return list(store.rows(
        f"SELECT value{label}, n FROM (SELECT {facet.expr} AS value, sum(n) AS n FROM"
        f" (SELECT {facet.key} AS key, count(*) AS n FROM {source} WHERE {where} GROUP BY key)"
        f" WHERE value IS NOT NULL GROUP BY value ORDER BY {facet.order} LIMIT {FACET_LIMIT + 1})",
        params,
    ))


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
    found = {e["event_id"]: e for e in event_records(store, f"e.event_id IN ({marks})", tuple(ids))}
    items = [found[i] for i in ids if i in found]
    _sentence_index(store, items)
    return items


def get_event(store, event_id: str) -> Record | None:
    items = events_by_id(store, [event_id])
    return items[0] if items else None


# --- full-text search --------------------------------------------------------

_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")


def search_terms(q: str) -> list[tuple[list[str], list[str], bool]]:
    """The user's query as terms: (words as written, lemma words, is_phrase).

    A double-quoted part is a phrase matched as written; any other word also
    matches every word of its lemma ("kunjungan" -> kunjung: "mengunjungi")."""
    terms = []
    for phrase, word in _TERM.findall(q):
        if phrase:
            words = _WORD.findall(phrase.lower())
            if words:
                terms.append((words, [], True))
            continue
        words = _WORD.findall(word.lower())
        if not words:
            continue
        lemma = _WORD.findall(analyse("-".join(_WORD.findall(word))).lemma.lower()) if len(words) == 1 else []
        terms.append((words, lemma, False))
    return terms[:MAX_SEARCH_TERMS]


def fts_query(q: str) -> str | None:
    """An FTS5 MATCH expression for the user's query, or None when it has no word.

    Every term is a double-quoted string of letters and digits only, so quotes,
    operators (AND, OR, NOT, NEAR, *, ^, :) and parentheses typed by the user are
    plain text to FTS5 and can never make the query fail."""
    parts = []
    for words, lemma, _ in search_terms(q):
        text = 'text : "' + " ".join(words) + '"'
        if lemma:
            parts.append(f'({text} OR lemmas : "{" ".join(lemma)}")')
        else:
            parts.append(text)
    return " AND ".join(parts) or None


def highlight_words(text: str, q: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, matched) pieces: a word is marked when it or its
    lemma is a word of the query (the same keys the index uses)."""
    terms = search_terms(q)
    words = {w for t in terms for w in t[0]}
    lemmas = {w for t in terms for w in t[1]}
    pieces, last = [], 0
    for token in tokenize(text):
        low = token.text.lower()
        if low in words or token.lemma.lower() in lemmas or low in lemmas:
            if token.start > last:
                pieces.append((text[last:token.start], False))
            pieces.append((text[token.start:token.end], True))
            last = token.end
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


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


# --- stories -----------------------------------------------------------------


@dataclass
class StoryFilter:
    type: str | None = None
    dyad: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_sources: int | None = None

    def where(self) -> tuple[str, tuple[Any, ...]]:
        sql, params = [], []
        if self.type:
            sql.append("s.event_type = ?")
            params.append(self.type.upper())
        if self.dyad:
            a, _, b = self.dyad.upper().partition("-")
            sql.append("((s.actor_country = ? AND s.recipient_country = ?) OR (s.actor_country = ? AND s.recipient_country = ?))")
            params += [a, b, b, a]
        if self.date_from:
            sql.append("s.date >= ?")
            params.append(self.date_from)
        if self.date_to:
            sql.append("s.date <= ?")
            params.append(self.date_to + DATE_END)
        if self.min_sources:
            sql.append("(SELECT count(DISTINCT CASE WHEN d.duplicate_of IS NULL THEN coalesce(d.outlet, 'document ' || d.doc_id) END)"
                       " FROM events e JOIN documents d USING (doc_id) WHERE e.story_id = s.story_id) >= ?")
            params.append(self.min_sources)
        return " AND ".join(sql) or "1", tuple(params)

    def params(self) -> dict[str, str]:
        names = {"date_from": "from", "date_to": "to", "min_sources": "sources"}
        return {names.get(f.name, f.name): str(getattr(self, f.name)) for f in fields(self)
                if getattr(self, f.name) not in (None, "")}


STORY_FACETS = (
    Facet("type", "event type", "s.event_type"),
    Facet("dyad", "dyad", DYAD_SQL.replace("e.", "s.")),
    Facet("month", "month", "s.date", expr="CASE WHEN length(key) >= 7 THEN substr(key, 1, 7) END", order="value DESC"),
)


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


# --- overview, dyads ---------------------------------------------------------


def overview(store) -> Record:
    one = lambda sql: store.db.execute(sql).fetchone()[0]  # noqa: E731
    counts = {
        "documents": one("SELECT count(*) FROM documents"),
        "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
        "outlets": one("SELECT count(DISTINCT outlet) FROM documents"),
        "sentences": one("SELECT count(*) FROM sentences"),
        "entities": one("SELECT count(*) FROM entities"),
        "events": one("SELECT count(*) FROM events"),
        "stories": one("SELECT count(*) FROM stories"),
        "dyads": one(f"SELECT count(DISTINCT {DYAD_SQL}) FROM events e"),
    }
    span = store.db.execute("SELECT min(published), max(published) FROM documents").fetchone()
    by_type = list(store.rows("SELECT event_type, count(*) AS n FROM events GROUP BY event_type ORDER BY n DESC"))
    for row in by_type:
        row["quad"] = quad_name(row["event_type"])
    outlets = list(store.rows(
        "SELECT outlet, count(*) AS n FROM documents WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC, outlet LIMIT 10"))
    return {"counts": counts, "published": {"first": span[0], "last": span[1]}, "event_types": by_type,
            "dyads": dyads(store, limit=10), "outlets": outlets,
            "stories": latest_stories(store, 8)}


def latest_stories(store, limit: int) -> list[Record]:
    """The most recent stories up to the newest article's date (a date later than
    that is a plan or a target the text names, not news yet)."""
    ids = [r[0] for r in store.db.execute(
        "SELECT story_id FROM stories WHERE date IS NOT NULL"
        " AND date <= coalesce((SELECT max(published) FROM documents), '9999') || ? ORDER BY date DESC, rowid DESC LIMIT ?",
        (DATE_END, limit))]
    return stories_by_id(store, ids)


def dyads(store, limit: int = 100) -> list[Record]:
    """Country pairs by number of events (either direction), with stories and mean score."""
    rows = list(store.rows(
        f"SELECT {DYAD_SQL} AS dyad, count(*) AS events, count(DISTINCT e.story_id) AS stories,"
        " round(avg(CASE WHEN e.negated = 0 THEN e.score END), 2) AS score_mean,"
        " min(e.date) AS first, max(e.date) AS last"
        " FROM events e WHERE dyad IS NOT NULL GROUP BY dyad ORDER BY events DESC, dyad LIMIT ?",
        (limit,),
    ))
    for row in rows:
        row["a"], row["b"] = row["dyad"].split("-")
    return rows


def dyad(store, a: str, b: str) -> Record:
    """A dyad's monthly series (analysis.dyad_series) and its events by type and direction."""
    a, b = a.upper(), b.upper()
    series = dyad_series(store, a, b)
    months = monthly(series)
    for month in months:
        month["quads"] = {q: month["quads"].get(q, 0) for q in QUADS}
    by_type = list(store.rows(
        "SELECT event_type, sum(actor_country = :a) AS ab, sum(actor_country = :b) AS ba, count(*) AS n,"
        " round(avg(CASE WHEN negated = 0 THEN score END), 2) AS score_mean FROM events"
        " WHERE (actor_country = :a AND recipient_country = :b) OR (actor_country = :b AND recipient_country = :a)"
        " GROUP BY event_type ORDER BY n DESC, event_type",
        {"a": a, "b": b},
    ))
    for row in by_type:
        row["quad"] = quad_name(row["event_type"])
    total = sum(row["n"] for row in by_type)
    undated = store.db.execute(
        "SELECT count(*) FROM events WHERE negated = 0 AND (date IS NULL OR length(date) < 7)"
        " AND ((actor_country = :a AND recipient_country = :b) OR (actor_country = :b AND recipient_country = :a))",
        {"a": a, "b": b}).fetchone()[0]
    return {"a": a, "b": b, "dyad": dyad_key(a, b), "events": total, "undated": undated, "series": series,
            "months": months, "by_type": by_type, "quads": list(QUADS)}


# --- flows, network ----------------------------------------------------------


def flow_view(rows: list[Record], source: str | None = None, target: str | None = None,
              resource: str | None = None) -> Record:
    """Flows (analysis.flows) summed by sender, receiver and resource, the Sankey,
    and the flow rows under an optional filter."""
    totals = Counter((r["source"], r["target"], r["resource"]) for r in rows)
    summary = [{"source": s, "target": t, "resource": res, "events": n} for (s, t, res), n in
               sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    chosen = [r for r in rows if (not source or r["source"] == source) and (not target or r["target"] == target)
              and (not resource or r["resource"] == resource)]
    return {"types": list(FLOW_TYPES), "summary": summary, "sankey": sankey(rows), "total": len(rows),
            "filter": {k: v for k, v in (("source", source), ("target", target), ("resource", resource)) if v},
            "flows": chosen}


def network_view(nodes: dict[str, Record], edges: list[Record], limit: int = 60) -> Record:
    """The actor network (analysis.network) among its `limit` most active actors
    (by events, either side): those nodes and every edge between two of them."""
    activity: Counter = Counter()
    for e in edges:
        activity[e["source"]] += e["count"]
        activity[e["target"]] += e["count"]
    top = {n for n, _ in sorted(activity.items(), key=lambda item: (-item[1], item[0]))[:limit]}
    chosen = sorted((e for e in edges if e["source"] in top and e["target"] in top),
                    key=lambda e: (-e["count"], e["source"], e["target"], e["event_type"]))
    degree: Counter = Counter()
    for e in chosen:
        degree[e["source"]] += e["count"]
        degree[e["target"]] += e["count"]
    return {"nodes": [{**nodes[n], "events": degree[n]} for n in sorted(degree, key=lambda n: (-degree[n], n))],
            "edges": [{**e, "quad": quad_name(e["event_type"])} for e in chosen],
            "total_nodes": len(nodes), "total_edges": len(edges)}


# --- documents and entities --------------------------------------------------

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
    events = list(event_records(store, "e.doc_id = ?", (doc_id,)))
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
    row = next(store.rows("SELECT entity_id, type, name, country, sector FROM entities WHERE entity_id = ?",
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


def quad_of() -> dict[str, str]:
    """Event type -> PLOVER quad class."""
    return {t: quad_name(t) for t in EVENT_TYPES}
