"""Views over the stored record: stories, dyad series, flows, the actor network and
the timeline. Query functions return plain dicts; the CLI, the exporters and the
web app format them, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import yaml

from ...events.plover import ontology
from ...store.database import Store
from ..parquet import Fields
from .records import EVENT_FIELDS, event_records, story_records

Record = dict[str, Any]
DYAD_FIELDS = Fields({"month": "string", "event_type": "string", "quad": "string", "events": "int64",
                      "stories": "int64", "score_sum": "double", "score_mean": "double"})
FLOW_FIELDS = Fields({"source": "string", "target": "string", "resource": "string", "noun": "string",
                      **EVENT_FIELDS.types},
                     ("source", "target", "resource", "noun", "event_type", "date", "quantities", "certainty",
                      "evidence", "event_id", "doc_id"))
FLOW_TYPES = ("AID", "COOPERATE", "MOBILIZE")
CERTAINTY_RANK = ("asserted", "reported", "estimated", "claimed", "expected", "intended", "alleged", "possible",
                  "unconfirmed", "denied")
def quad_name(event_type: str) -> str:
    return ontology()["event_types"][event_type]["quad"]


def dyad_series(store: Store, a: str, b: str) -> list[Record]:
    """Events and stories between two countries (either direction) by month and type,
    with PLOVER score sums and means; undated and negated events left out."""
    rows = store.rows(
        "SELECT substr(date, 1, 7) AS month, event_type, count(*) AS events, count(DISTINCT story_id) AS stories,"
        " round(sum(score), 2) AS score_sum, round(avg(score), 2) AS score_mean FROM events"
        " WHERE negated = 0 AND date IS NOT NULL AND length(date) >= 7"
        " AND ((actor_country = :a AND recipient_country = :b) OR (actor_country = :b AND recipient_country = :a))"
        " GROUP BY month, event_type ORDER BY month, event_type",
        {"a": a, "b": b},
    )
    return [{**row, "quad": quad_name(row["event_type"])} for row in rows]


def monthly(series: list[Record]) -> list[Record]:
    """Collapse a dyad series to one row per month (all types)."""
    months: dict[str, Record] = {}
    for row in series:
        month = months.setdefault(row["month"], {"month": row["month"], "events": 0, "stories": 0, "score_sum": 0.0,
                                                  "quads": defaultdict(int)})
        month["events"] += row["events"]
        month["stories"] += row["stories"]
        month["score_sum"] = round(month["score_sum"] + (row["score_sum"] or 0), 2)
        month["quads"][row["quad"]] += row["events"]
    for month in months.values():
        month["score_mean"] = round(month["score_sum"] / month["events"], 2) if month["events"] else None
    return list(months.values())


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(SPARKS[int((v - low) / span * (len(SPARKS) - 1))] for v in values)


@lru_cache(maxsize=1)
def resource_nouns() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern over every resource noun (longest first) and noun -> class."""
    data = yaml.safe_load(resources.files("warta.data").joinpath("views", "resources.yaml").read_text("utf-8"))
    classes = {noun.lower(): name for name, nouns in data.items() for noun in nouns}
    alternation = "|".join(re.escape(n) for n in sorted(classes, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), classes


def flows(store: Store) -> list[Record]:
    """Who sends what to whom: AID, COOPERATE and MOBILIZE events with a resource noun
    after the predicate (else anywhere in the sentence), actor -> recipient."""
    pattern, classes = resource_nouns()
    found = []
    where = f"e.negated = 0 AND e.event_type IN ({','.join('?' * len(FLOW_TYPES))})"
    for event in event_records(store, where, FLOW_TYPES):
        source, target = (event["actor"] or {}).get("country"), (event["recipient"] or {}).get("country")
        if not source or not target or source == target:
            continue
        offset = event["trigger_start"] - event["char_start"]
        matches = list(pattern.finditer(event["evidence"], offset)) or list(pattern.finditer(event["evidence"]))
        seen = set()
        for match in matches:
            resource = classes[match.group().lower()]
            if resource in seen:
                continue
            seen.add(resource)
            found.append({"source": source, "target": target, "resource": resource, "noun": match.group(),
                          "event_type": event["event_type"], "date": event["date"], "quantities": event["quantities"],
                          "certainty": event["certainty"], "evidence": event["evidence"],
                          "event_id": event["event_id"], "doc_id": event["doc_id"]})
    return found


def sankey(flow_rows: list[Record]) -> dict[str, Any]:
    """d3-sankey JSON: senders on the left, receivers on the right (so RUS->PRK and
    PRK->RUS make no cycle), one link per sender, receiver and resource."""
    nodes: list[dict[str, str]] = []
    index: dict[str, int] = {}

    def node(name: str) -> int:
        if name not in index:
            index[name] = len(nodes)
            nodes.append({"name": name})
        return index[name]

    links: dict[tuple[int, int, str], int] = defaultdict(int)
    for flow in flow_rows:
        links[node(f"{flow['source']} sends"), node(f"{flow['target']} receives"), flow["resource"]] += 1
    return {"nodes": nodes, "links": [{"source": s, "target": t, "resource": r, "value": v}
                                      for (s, t, r), v in sorted(links.items())]}


def network(store: Store) -> tuple[dict[str, Record], list[Record]]:
    """Nodes: persons (by entity) and countries; edges: one per (actor, recipient,
    event type) with the number of events, the score sum and the dates."""
    nodes: dict[str, Record] = {}
    edges: dict[tuple[str, str, str], Record] = {}

    def node(participant: dict[str, Any] | None) -> str | None:
        if not participant:
            return None
        if participant.get("entity_id") in persons:
            key = participant["entity_id"]
            nodes.setdefault(key, {"id": key, "label": participant["name"], "kind": "person",
                                   "country": participant.get("country") or ""})
            return key
        if participant.get("country"):
            key = participant["country"]
            nodes.setdefault(key, {"id": key, "label": key, "kind": "country", "country": key})
            return key
        return None

    persons = {row["entity_id"] for row in store.rows("SELECT entity_id FROM entities WHERE type = 'PERSON'")}
    for event in event_records(store, "e.negated = 0"):
        source, target = node(event["actor"]), node(event["recipient"])
        if not source or not target or source == target:
            continue
        edge = edges.setdefault((source, target, event["event_type"]), {
            "source": source, "target": target, "event_type": event["event_type"], "count": 0, "score": 0.0,
            "first": None, "last": None})
        edge["count"] += 1
        edge["score"] = round(edge["score"] + (event["score"] or 0), 2)
        if event["date"]:
            edge["first"] = min(filter(None, (edge["first"], event["date"])))
            edge["last"] = max(filter(None, (edge["last"], event["date"])))
    return nodes, list(edges.values())


def graphml(store: Store) -> str:
    """The actor network as GraphML (Gephi, networkx, yEd)."""
    nodes, edges = network(store)
    keys = [("label", "node", "string"), ("kind", "node", "string"), ("country", "node", "string"),
            ("event_type", "edge", "string"), ("count", "edge", "int"), ("weight", "edge", "double"), ("score", "edge", "double"),
            ("first", "edge", "string"), ("last", "edge", "string")]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    lines += [f'  <key id="{name}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>' for name, scope, kind in keys]
    lines.append('  <graph id="warta" edgedefault="directed">')
    for node in nodes.values():
        data = "".join(f'<data key="{k}">{escape(str(node[k]))}</data>' for k in ("label", "kind", "country"))
        lines.append(f"    <node id={quoteattr(node['id'])}>{data}</node>")
    for number, edge in enumerate(edges):
        edge = {**edge, "weight": float(edge["count"])}  # Gephi's edge weight: how many events
        data = "".join(f'<data key="{k}">{escape(str(edge[k] or ""))}</data>'
                       for k in ("event_type", "count", "weight", "score", "first", "last"))
        lines.append(f"    <edge id=\"e{number}\" source={quoteattr(edge['source'])} target={quoteattr(edge['target'])}>{data}</edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def timeline(store: Store, dyad: tuple[str, str] | None = None, since: str | None = None) -> list[Record]:
    """Stories in date order, each with its best evidence (the most certain report,
    then one that gives a date, then the earliest) and its sources."""
    clauses, params = ["1"], []
    if dyad:
        clauses.append("((s.actor_country = ? AND s.recipient_country = ?) OR (s.actor_country = ? AND s.recipient_country = ?))")
        params += [dyad[0], dyad[1], dyad[1], dyad[0]]
    if since:
        clauses.append("s.date >= ?")
        params.append(since)
    stories = list(story_records(store, " AND ".join(clauses), tuple(params)))
    wanted = {story["story_id"] for story in stories}
    reports: dict[str, list[Record]] = defaultdict(list)
    for event in event_records(store, "e.story_id IS NOT NULL"):  # one query, not one per story
        if event["story_id"] in wanted:
            reports[event["story_id"]].append(event)
    for story in stories:
        best = min(reports[story["story_id"]], key=lambda e: (
            CERTAINTY_RANK.index(e["certainty"]) if e["certainty"] in CERTAINTY_RANK else 99, not e["date"]))
        story["evidence"] = best["evidence"]
        story["certainty"] = best["certainty"]
    return stories
