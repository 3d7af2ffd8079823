"""The filters of the events and stories lists, their facets, and the SQL they share."""

from __future__ import annotations

import json
from datetime import date
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ...events.plover import ontology
from .fulltext import fts_query
from .records import Record


PER_PAGE = 50
MAX_PER_PAGE = 200
FACET_LIMIT = 12
DATE_END = "~"  # sorts after every character of an ISO date: "2024-11~" > "2024-11-30"
# The dyad of an event as one unordered key, "PRK-RUS" (alphabetical), or NULL.
DYAD_SQL = ("CASE WHEN e.actor_country IS NULL OR e.recipient_country IS NULL"
            " OR e.actor_country = e.recipient_country THEN NULL"
            " WHEN e.actor_country < e.recipient_country THEN e.actor_country || '-' || e.recipient_country"
            " ELSE e.recipient_country || '-' || e.actor_country END")
# A participant as a node of the actor network (analysis.network): the person's
# entity when it is a person, else its country.
PERSONS_SQL = "(SELECT entity_id FROM entities WHERE type = 'PERSON')"
NODE_SQL = "CASE WHEN e.{role}_entity_id IN " + PERSONS_SQL + " THEN e.{role}_entity_id ELSE e.{role}_country END"


DATE = r"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"  # YYYY, YYYY-MM or YYYY-MM-DD, real months and days
CODE = r"^[A-Za-z]{0,3}$"  # ISO 3166-1 alpha-3
DYAD = r"^([A-Za-z]{3}-[A-Za-z]{3})?$"
YES_NO = r"^[01]?$"


def param(**constraints: Any) -> Any:
    """A filter field that is also a query parameter, named as the field unless `alias`
    names it, with the constraints the web app checks (the keywords of fastapi.Query:
    max_length, pattern, ge, le, description). A yes/no field is read from "1" or "0".
    Declared once, here: the web app builds its parameters from these fields
    (`views.web.params.filter_dependency`), and `QueryFilter.params` writes them back."""
    return field(default=None, metadata={"query": constraints})


class QueryFilter:
    """A filter whose `param` fields are query parameters."""

    def __post_init__(self) -> None:
        """A date parameter must be a day of the calendar (DATE lets 2023-02-30 through)."""
        for name in ("date_from", "date_to"):
            value = getattr(self, name, None)
            if value and len(value) == 10:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise ValueError(f"{value} is not a date") from None

    def params(self) -> dict[str, str]:
        """The filter as URL query parameters (for links that keep it): its set fields, by parameter name."""
        out = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if "query" not in item.metadata or value is None or value == "":
                continue
            name = item.metadata["query"].get("alias", item.name)
            out[name] = str(int(value)) if isinstance(value, bool) else str(value)
        return out


@dataclass
class EventFilter(QueryFilter):
    """The events list's filter, from query parameters; every value is bound."""

    type: str | None = param(max_length=20, description="PLOVER event type, e.g. CONSULT")
    quad: str | None = param(max_length=30, description="PLOVER quad class, e.g. verbal_cooperation")
    dyad: str | None = param(pattern=DYAD, description="two countries, either direction: RUS-PRK")
    actor: str | None = param(max_length=64, description="actor entity_id")
    recipient: str | None = param(max_length=64, description="recipient entity_id")
    actor_country: str | None = param(pattern=CODE, description="actor's country (ISO alpha-3)")
    recipient_country: str | None = param(pattern=CODE, description="recipient's country")
    source: str | None = param(max_length=64, description="network node acting (person entity_id or country)")
    target: str | None = param(max_length=64, description="network node receiving")
    certainty: str | None = param(max_length=20)
    outlet: str | None = param(max_length=200)
    date_from: str | None = param(alias="from", pattern=DATE, description="earliest date: YYYY, YYYY-MM or YYYY-MM-DD")
    date_to: str | None = param(alias="to", pattern=DATE, description="latest date (inclusive)")
    q: str | None = param(max_length=500, description="full-text search over sentences and titles")
    story: str | None = param(max_length=64)
    doc: str | None = param(max_length=64, description="doc_id")
    negated: bool | None = param(pattern=YES_NO, description="1: negated events only, 0: none")
    # True: no date to the month (what the dyad chart leaves out)
    undated: bool | None = param(pattern=YES_NO, description="1: events with no month, 0: dated to a month or day")
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


def facet_counts(store, facet: Facet, source: str, where: str, params: tuple[Any, ...]) -> list[Record]:
    label = f", {facet.label_sql} AS label" if facet.label_sql else ""
    return list(store.rows(
        f"SELECT value{label}, n FROM (SELECT {facet.expr} AS value, sum(n) AS n FROM"
        f" (SELECT {facet.key} AS key, count(*) AS n FROM {source} WHERE {where} GROUP BY key)"
        f" WHERE value IS NOT NULL GROUP BY value ORDER BY {facet.order} LIMIT {FACET_LIMIT + 1})",
        params,
    ))


@dataclass
class StoryFilter(QueryFilter):
    """The stories list's filter, from query parameters; every value is bound."""

    type: str | None = param(max_length=20)
    dyad: str | None = param(pattern=DYAD)
    date_from: str | None = param(alias="from", pattern=DATE)
    date_to: str | None = param(alias="to", pattern=DATE)
    min_sources: int | None = param(alias="sources", ge=1, le=1000, description="at least this many independent outlets")

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


STORY_FACETS = (
    Facet("type", "event type", "s.event_type"),
    Facet("dyad", "dyad", DYAD_SQL.replace("e.", "s.")),
    Facet("month", "month", "s.date", expr="CASE WHEN length(key) >= 7 THEN substr(key, 1, 7) END", order="value DESC"),
)
