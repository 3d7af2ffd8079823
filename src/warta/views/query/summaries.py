"""Summaries over the whole store: the overview, dyads, flows and the actor network."""

from __future__ import annotations

from collections import Counter

from ...events.plover import EVENT_TYPES
from .analysis import FLOW_TYPES, dyad_series, monthly, quad_name, sankey
from .filters import DATE_END, DYAD_SQL
from .lists import stories_by_id
from .records import Record


QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def dyad_key(a: str, b: str) -> str:
    return "-".join(sorted((a.upper(), b.upper())))


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


def quad_of() -> dict[str, str]:
    """Event type -> PLOVER quad class."""
    return {t: quad_name(t) for t in EVENT_TYPES}
