"""The records of SPEC's field lists: documents, entities, events, stories, and events in
PLOVER's own field names. `warta export` writes them, the web app shows them and the
analyses read them, so none of them can disagree about a record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ... import __version__
from ...store.database import Store
from ..parquet import Fields, Type, list_of, struct, table_types

# The stored JSON of an event (`store.rows.document_rows`, `finish_event`), as decoded here.
PARTICIPANT = struct(text="string", entity_id="string", name="string", country="string", sector="string")
EVENT_JSON: dict[str, Type] = {
    "context": list_of("string"),
    "actor": PARTICIPANT,
    "recipient": PARTICIPANT,
    "location": struct(text="string", name="string", country="string"),
    "quantities": list_of(struct(text="string", kind="string", value="double", value_max="double", unit="string")),
    "attribution": PARTICIPANT,
}
JSON_COLUMNS = tuple(EVENT_JSON)
# `checked`: null, or who corrected or confirmed the event, when, and how (store/corrections.py)
CHECKED = struct(by="string", at="string", action="string")

DOCUMENT_FIELDS = Fields(table_types("documents"), (
    "doc_id", "source", "title", "outlet", "author", "url", "published",
    "published_basis", "language", "text", "duplicate_of",
))
ENTITY_FIELDS = Fields({**table_types("entities"), "aliases": list_of("string"), "mentions": "int64", "documents": "int64"},
                       ("entity_id", "type", "name", "aliases", "country", "country_basis", "sector", "mentions",
                        "documents"))
EVENT_FIELDS = Fields({**table_types("events"), **EVENT_JSON, "negated": "bool", "evidence": "string",
                       "checked": CHECKED}, (
    "event_id", "doc_id", "event_type", "mode", "context", "actor", "recipient", "date", "date_precision",
    "date_basis", "location", "quantities", "attribution", "certainty", "negated", "score", "evidence",
    "char_start", "char_end", "story_id", "rule", "coder", "checked",
))
PLOVER_FIELDS = (  # JSONL only
    "id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
    "quad_code", "event_scale", "text", "text_info", "cite_info", "attribution", "certainty", "negated",
    "coder", "coded_date", "date_precision",
)
# PLOVER's date is YYYY-MM-DD; a date the text gives only to the month or the year is
# written as that period's first day, with `date_precision` ("month", "year") beside it.
PLOVER_DAY = {"year": "-01-01", "month": "-01"}
STORY_FIELDS = Fields({**table_types("stories"), "event_ids": list_of("string"), "doc_ids": list_of("string"),
                       "outlets": list_of("string"), "corroboration": "int64"},
                      ("story_id", "event_type", "actor_country", "recipient_country", "date", "event_ids", "doc_ids",
                       "outlets", "corroboration"))
# An outlet counts once; a document with no known outlet counts as its own source,
# and a duplicate document (exact or near) never adds corroboration.
SOURCE = "CASE WHEN d.duplicate_of IS NULL THEN coalesce(d.outlet, 'document ' || d.doc_id) END"

Record = dict[str, Any]


def document_records(store: Store) -> Iterator[Record]:
    columns = ", ".join(DOCUMENT_FIELDS)
    return store.rows(f"SELECT {columns} FROM documents ORDER BY rowid")


def entity_records(store: Store) -> Iterator[Record]:
    """One record per entity: every surface form seen, and how often and where."""
    rows = store.rows(
        "SELECT e.entity_id, e.type, e.name, e.country, e.country_basis, e.sector, count(*) AS mentions,"
        " count(DISTINCT m.doc_id) AS documents, json_group_array(DISTINCT m.text) AS aliases"
        " FROM entities e JOIN mentions m USING (entity_id)"
        " GROUP BY e.entity_id ORDER BY mentions DESC, e.name"
    )
    for row in rows:
        row["aliases"] = sorted(json.loads(row["aliases"]))
        yield row


def event_records(store: Store, where: str = "1", params: tuple[Any, ...] = (), corrections: bool = True,
                  hidden: bool = False) -> Iterator[Record]:
    """SPEC's event records; the evidence is cut from the document text by its
    offsets here, so it can never drift from them. With `corrections`, as the analyst
    corrected them (`store.corrections.overlay`): events marked wrong or duplicate left
    out unless `hidden`; added events (and corrected ones a recode dropped) given with
    their document's when every event or one document's are asked for."""
    if corrections:
        from ...store import corrections as log

        by_id = log.states(store)
        if by_id:
            whole = where == "1" or where == "e.doc_id = ?"
            if where == "e.doc_id = ?":
                by_id = {k: s for k, s in by_id.items() if s.doc_id == params[0]}
            documents: dict[str, Record] = {}
            for record in log.overlay(event_records(store, where, params, corrections=False), by_id, extra=whole,
                                      hidden=hidden):
                if "url" not in record:  # an added or restored event: its document's fields
                    if record["doc_id"] not in documents:
                        documents[record["doc_id"]] = next(store.rows(
                            "SELECT url, title, outlet, language, source, ingested_at FROM documents WHERE doc_id = ?",
                            (record["doc_id"],)), {})
                    record.update(documents[record["doc_id"]])
                    record.setdefault("trigger_text", None)
                yield record
            return
    rows = store.rows(
        "SELECT e.*, substr(d.text, e.char_start + 1, e.char_end - e.char_start) AS evidence,"
        " substr(d.text, e.trigger_start + 1, e.trigger_end - e.trigger_start) AS trigger_text,"
        " d.url, d.title, d.outlet, d.language, d.source, d.ingested_at"
        f" FROM events e JOIN documents d USING (doc_id) WHERE {where} ORDER BY d.rowid, e.char_start, e.trigger_start",
        params,
    )
    for row in rows:
        for column in JSON_COLUMNS:
            row[column] = json.loads(row[column]) if row[column] else None
        row["negated"] = bool(row["negated"])
        row.setdefault("checked", None)
        yield row


def story_records(store: Store, where: str = "1", params: tuple[Any, ...] = ()) -> Iterator[Record]:
    rows = store.rows(
        "SELECT s.story_id, s.event_type, s.actor_country, s.recipient_country, s.date, s.date_precision,"
        " json_group_array(DISTINCT e.event_id) AS event_ids, json_group_array(DISTINCT e.doc_id) AS doc_ids,"
        " json_group_array(DISTINCT d.outlet) AS outlets, json_group_array(DISTINCT e.certainty) AS certainties,"
        f" count(DISTINCT {SOURCE}) AS corroboration"
        " FROM stories s JOIN events e USING (story_id) JOIN documents d USING (doc_id)"
        f" WHERE {where} GROUP BY s.story_id ORDER BY s.date IS NULL, s.date, s.rowid",
        params,
    )
    for row in rows:
        for column in ("event_ids", "doc_ids", "certainties"):
            row[column] = json.loads(row[column])
        row["outlets"] = sorted(o for o in json.loads(row["outlets"]) if o)
        yield row


def plover_records(store: Store) -> Iterator[Record]:
    """Events in PLOVER's own JSON field names (manual, chapter "Data Fields"), coded
    as PLOVER codes them: an expected or intended event as its type's `future_as`
    (`plover.plover_type`), with that type's quad and score and no mode of the other."""
    from ...events.plover import ontology, plover_type, quad_code, score

    for e in event_records(store):
        event_type, mode, scale = plover_type(e["event_type"], e["certainty"]), e["mode"], e["score"]
        if event_type != e["event_type"]:
            mode = mode if mode in (ontology()["event_types"][event_type].get("modes") or {}) else None
            scale = score(event_type, mode)
        record = {
            "id": e["event_id"],
            "date": _plover_date(e["date"]),
            "actor": [_plover_entity(e["actor"])] if e["actor"] else None,
            "recipient": [_plover_entity(e["recipient"])] if e["recipient"] else None,
            "event": [event_type],
            "mode": [mode] if mode else None,
            "context": e["context"] or None,
            "event_loc": {"text": e["location"]["text"], "name": e["location"]["name"],
                          "country": e["location"]["country"]} if e["location"] else None,
            "event_text": [e["trigger_text"]] if e["trigger_text"] else None,
            "quad_code": quad_code(event_type),
            "event_scale": scale,
            "text": e["evidence"],
            "text_info": {"start": e["char_start"], "end": e["char_end"], "doc_id": e["doc_id"]},
            "cite_info": {"url": e["url"], "title": e["title"], "publication": e["outlet"],
                          "language": e["language"], "citation": e["source"]},
            "attribution": _plover_entity(e["attribution"]) if e["attribution"] else None,
            "certainty": e["certainty"],
            "negated": e["negated"],
            "coder": f"warta {__version__} rule {e['rule']}",
            # the day the document was coded (ingested), so the same store exports the same
            "coded_date": (e.get("ingested_at") or "")[:10] or None,
            "date_precision": e["date_precision"] if e["date"] else None,
        }
        if record["recipient"] is None:  # optional: "no recipient is included"
            del record["recipient"]
        yield record


def _plover_date(value: str | None) -> str | None:
    """YYYY-MM-DD: a month or a year as its first day (`PLOVER_DAY`); none stays null."""
    if not value:
        return None
    if len(value) == 4:
        return value + PLOVER_DAY["year"]
    if len(value) == 7:
        return value + PLOVER_DAY["month"]
    return value[:10]


def _plover_entity(participant: dict[str, Any]) -> dict[str, Any]:
    return {"code": participant["country"], "sector": participant["sector"], "entity_text": participant["text"],
            "identifier_id": participant["entity_id"], "identifier_text": participant["name"]}
