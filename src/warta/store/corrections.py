"""The analyst's corrections (issue 20): an append-only log in the store (migration
0008), and what each event is now, derived from it.

An analyst marks an event wrong or a duplicate, fixes its type, mode, actor,
recipient, date or certainty, confirms it, adds an event the coder missed, or undoes
any of these. Each is one new row of `corrections`: who, when, the fields before and
after, and a snapshot of the event as it was coded. Nothing is ever changed in place.

The corrected state is applied on read (`overlay`), never written into `events`, so
it survives `warta recode`, which replaces the coded events: a corrected event stays
as corrected; a coded event the recode changed under a correction, or a new coding of
the same trigger, is reported in the event's `conflicts` and not applied; a corrected
event the recode no longer finds is kept, from its snapshot.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .database import Store
from .rows import utc_now

ACTIONS = ("wrong", "duplicate", "fix", "confirm", "add", "undo")
FIXABLE = ("event_type", "mode", "actor", "recipient", "date", "date_precision", "certainty")
CERTAINTIES = ("asserted", "reported", "claimed", "alleged", "estimated", "expected", "intended", "possible",
               "unconfirmed", "denied")
PARTICIPANT_KEYS = ("text", "entity_id", "name", "country", "sector")
# What a state says of the event: its `checked.action` in exports.
STATUS = {"wrong": "wrong", "duplicate": "duplicate", "fix": "fixed", "confirm": "confirmed", "add": "added"}


class CorrectionError(ValueError):
    """A correction that cannot be made; the message says why in one line."""


@dataclass
class State:
    """What an event is now, by the corrections not undone, in the order made."""

    event_id: str
    doc_id: str
    status: str = ""  # fixed | confirmed | wrong | duplicate | added
    changes: dict[str, Any] = field(default_factory=dict)  # field -> as corrected
    before: dict[str, Any] = field(default_factory=dict)  # field -> as coded when first corrected
    snapshot: dict[str, Any] | None = None  # the coded event (stored columns) when first corrected
    duplicate_of: str | None = None
    who: str = ""
    at: str = ""
    ids: list[int] = field(default_factory=list)  # the corrections in force
    recoded: list[dict[str, Any]] = field(default_factory=list)  # new codings of its trigger (overlay fills it)

    @property
    def checked(self) -> dict[str, Any]:
        return {"by": self.who, "at": self.at, "action": self.status}

    @property
    def hidden(self) -> bool:
        """Not an event any more: marked wrong, or a duplicate of another."""
        return self.status in ("wrong", "duplicate")


# --- reading the log ------------------------------------------------------------

def log(store: Store, doc_id: str | None = None) -> list[dict[str, Any]]:
    """The corrections in the order made (of one document, or all), JSON decoded;
    [] for a store made before corrections existed (opened read-only)."""
    try:
        rows = list(store.rows("SELECT * FROM corrections" + (" WHERE doc_id = ?" if doc_id else "") + " ORDER BY id",
                               (doc_id,) if doc_id else ()))
    except sqlite3.OperationalError:
        return []
    for row in rows:
        for column in ("before", "after", "event"):
            row[column] = json.loads(row[column]) if row[column] else None
    return rows


def in_force(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The corrections not taken back: read newest first, an undo in force cancels the
    row it names (so undoing an undo puts a correction back)."""
    cancelled: set[int] = set()
    kept = []
    for row in reversed(rows):
        if row["id"] in cancelled:
            continue
        if row["action"] == "undo":
            cancelled.add(row["undoes"])
        else:
            kept.append(row)
    return kept[::-1]


def fold(rows: list[dict[str, Any]]) -> dict[str, State]:
    """Each corrected event's state, by event id, from the log's rows (all of them,
    undos included)."""
    states: dict[str, State] = {}
    for row in in_force(rows):
        state = states.setdefault(row["event_id"], State(row["event_id"], row["doc_id"]))
        if state.snapshot is None and row["event"]:
            state.snapshot = row["event"]
        action = row["action"]
        if action == "add":
            state.changes = dict(row["after"])
        elif action == "fix":
            for name, value in row["before"].items():
                state.before.setdefault(name, value)
            state.changes.update(row["after"])
        elif action == "duplicate":
            state.duplicate_of = row["after"].get("duplicate_of")
        state.status = ("added" if action == "fix" and state.status == "added"
                        else "fixed" if action == "confirm" and state.changes and state.status != "added"
                        else "added" if action == "confirm" and state.status == "added"
                        else STATUS[action])
        state.who, state.at = row["who"], row["at"]
        state.ids.append(row["id"])
    return states


def states(store: Store, doc_id: str | None = None) -> dict[str, State]:
    return fold(log(store, doc_id))


# --- applying it (on read) ------------------------------------------------------

def overlay(records: Iterable[dict[str, Any]], by_id: dict[str, State], extra: bool = False,
            hidden: bool = False) -> Iterator[dict[str, Any]]:
    """Event records (`query.records.event_records`, in document order) as corrected.

    Each record gets `checked` (null, or who corrected it, when, and how), `correction`
    and `conflicts`. Corrected fields win over coded ones; a coded value that differs
    from what the correction was made over (a recode changed it) is listed in
    `conflicts`, not applied. A coded event on the trigger of a corrected event under
    another id (a new coding of it) is not shown: it is the corrected event's conflict.
    Events marked wrong or duplicate are left out unless `hidden`. With `extra`, a
    document's added events, and its corrected events that the store no longer holds,
    are given too (from their snapshot), after its coded ones."""
    anchors = {(s.doc_id, s.snapshot["trigger_start"]): s for s in by_id.values() if s.snapshot}
    pending: list[dict[str, Any]] = []
    doc: str | None = None
    seen: set[str] = set()
    for record in records:
        if record["doc_id"] != doc:
            yield from _extras(pending, doc, by_id, seen, extra, hidden)
            doc, pending = record["doc_id"], []
        seen.add(record["event_id"])
        state = by_id.get(record["event_id"])
        if state is None:
            rival = anchors.get((record["doc_id"], record["trigger_start"]))
            if rival is not None and rival.event_id != record["event_id"]:
                rival.recoded.append(_summary(record))
                continue
            pending.append({**record, "checked": None, "correction": None, "conflicts": []})
            continue
        pending.append(corrected(record, state))
    yield from _extras(pending, doc, by_id, seen, extra, hidden)
    if extra:  # documents with no coded event left
        rest = [s for s in by_id.values() if s.event_id not in seen and s.doc_id != doc]
        for state in rest:
            seen.add(state.event_id)
        for state in rest:
            record = _restored(state)
            if record is not None and (hidden or not state.hidden):
                yield record


def _extras(pending: list[dict[str, Any]], doc: str | None, by_id: dict[str, State], seen: set[str],
            extra: bool, hidden: bool) -> Iterator[dict[str, Any]]:
    if doc is None:
        return
    out = list(pending)
    if extra:
        for state in by_id.values():
            if state.doc_id == doc and state.event_id not in seen:
                seen.add(state.event_id)
                record = _restored(state)
                if record is not None:
                    out.append(record)
        out.sort(key=lambda r: (r["char_start"], r["trigger_start"]))
    for record in out:
        state = by_id.get(record["event_id"])
        if state is not None and state.recoded:
            record["conflicts"] = record["conflicts"] + [{"field": "event", "corrected": None, "coded": c}
                                                         for c in state.recoded]
        if hidden or not (state and state.hidden):
            yield record


def corrected(record: dict[str, Any], state: State) -> dict[str, Any]:
    """One coded event record with its state applied."""
    from ..events.plover import score

    out = {**record, "checked": state.checked, "correction": state.status, "conflicts": [],
           "correction_ids": list(state.ids)}
    if state.duplicate_of:
        out["duplicate_of"] = state.duplicate_of
    for name, value in state.changes.items():
        coded_then = state.before.get(name, value)
        if name in record and record[name] != coded_then and record[name] != value:
            out["conflicts"].append({"field": name, "corrected": value, "coded": record[name]})
        out[name] = value
    if state.snapshot is not None:
        for name in FIXABLE:  # a field recode changed under a confirmed or fixed event
            if name not in state.changes and name in record and record[name] != _decoded(state.snapshot, name):
                out["conflicts"].append({"field": name, "corrected": _decoded(state.snapshot, name), "coded": record[name]})
                out[name] = _decoded(state.snapshot, name)
    if {"event_type", "mode"} & set(state.changes) and out.get("event_type"):
        out["score"] = score(out["event_type"], out.get("mode"))
    return out


def _decoded(snapshot: dict[str, Any], name: str) -> Any:
    return snapshot.get(name)


def _restored(state: State) -> dict[str, Any] | None:
    """A corrected event that the store no longer holds (recode dropped it), or an
    added one, as a record."""
    if state.status == "added":
        base = dict(state.changes)
        record = {**base, "event_id": state.event_id, "doc_id": state.doc_id, "checked": state.checked,
                  "correction": "added", "conflicts": [], "correction_ids": list(state.ids)}
        return record
    if state.snapshot is None:
        return None
    record = corrected(dict(state.snapshot), state)
    if not state.recoded:  # recode no longer codes it (else its new coding is the conflict)
        record["conflicts"].append({"field": "event", "corrected": None, "coded": None})
    return record


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    return {"event_id": record["event_id"], "event_type": record["event_type"], "mode": record.get("mode"),
            "actor": record.get("actor"), "recipient": record.get("recipient"), "certainty": record.get("certainty")}


# --- writing (the store is the only writer) -------------------------------------

def added_event_id(doc_id: str, trigger_start: int, event_type: str, at: str) -> str:
    return "a" + hashlib.sha1(f"{doc_id}|{trigger_start}|{event_type}|{at}".encode()).hexdigest()[:15]


def correct(store: Store, action: str, who: str, event_id: str | None = None, changes: dict[str, Any] | None = None,
            duplicate_of: str | None = None, undoes: int | None = None, doc_id: str | None = None,
            sentence: int | None = None, at: str | None = None) -> dict[str, Any]:
    """Append one correction, checked against the store, in its own transaction;
    returns the row written. `changes` name fields of FIXABLE; an actor or recipient
    is given as {"mention": [start, end]} (a mention of the document), {"entity_id":
    ID}, or None. `add` needs `doc_id`, `sentence` (its index) and `changes` with at
    least `event_type` (and `trigger`: [start, end] inside the sentence)."""
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    who = (who or "").strip()
    if not who or len(who) > 100:
        raise CorrectionError("say who corrects (1 to 100 characters)")
    at = at or utc_now()
    with store._transaction():
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        snapshot = None
        if action == "undo":
            target = store.db.execute("SELECT * FROM corrections WHERE id = ?", (undoes,)).fetchone()
            if target is None:
                raise CorrectionError(f"no correction {undoes} to undo")
            event_id, doc_id = target["event_id"], target["doc_id"]
        elif action == "add":
            doc_id, event_id, after = _new_event(store, doc_id, sentence, changes or {}, at)
        else:
            current = _current(store, event_id)
            doc_id = current["doc_id"]
            snapshot = {k: v for k, v in current.items() if k not in (
                "checked", "correction", "conflicts", "correction_ids", "duplicate_of", "url", "title", "outlet",
                "language", "source", "sentence")}
            if action == "fix":
                after = _resolved_changes(store, doc_id, current, changes or {})
                if not after:
                    raise CorrectionError("the fix changes nothing")
                before = {name: current.get(name) for name in after}
            elif action == "duplicate":
                if not duplicate_of or duplicate_of == event_id:
                    raise CorrectionError("say which other event this one duplicates")
                after = {"duplicate_of": duplicate_of}
        cursor = store.db.execute(
            "INSERT INTO corrections (event_id, doc_id, action, before, after, event, who, at, undoes)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (event_id, doc_id, action, json.dumps(before, ensure_ascii=False), json.dumps(after, ensure_ascii=False),
             json.dumps(snapshot, ensure_ascii=False) if snapshot is not None else None, who, at, undoes))
        row = store.db.execute("SELECT * FROM corrections WHERE id = ?", (cursor.lastrowid,)).fetchone()
    out = dict(row)
    for column in ("before", "after", "event"):
        out[column] = json.loads(out[column]) if out[column] else None
    return out


def _current(store: Store, event_id: str | None) -> dict[str, Any]:
    """The event as the analyst sees it now (coded, with its corrections), stored or added."""
    from ..views.query.records import event_records

    by_id = states(store)
    state = by_id.get(event_id or "")
    found = next(iter(event_records(store, "e.event_id = ?", (event_id,), corrections=False)), None)
    if found is not None:
        return corrected(found, state) if state else found
    if state is not None:
        restored = _restored(state)
        if restored is not None:
            return restored
    raise CorrectionError(f"no event {event_id}")


def _participant(store: Store, doc_id: str, value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise CorrectionError("a participant is {\"mention\": [start, end]}, {\"entity_id\": ID} or null")
    if "mention" in value:
        start, end = (int(x) for x in value["mention"])
        row = store.db.execute(
            "SELECT m.char_start, m.char_end, m.text, m.entity_id, e.name, e.country, e.sector FROM mentions m"
            " LEFT JOIN entities e USING (entity_id) WHERE m.doc_id = ? AND m.char_start = ? AND m.char_end = ?",
            (doc_id, start, end)).fetchone()
        if row is None:
            raise CorrectionError(f"no mention at {start}-{end} in document {doc_id}")
        return {"text": row["text"], "entity_id": row["entity_id"], "name": row["name"], "country": row["country"],
                "sector": row["sector"], "start": start, "end": end}
    if "entity_id" in value:
        row = store.db.execute("SELECT entity_id, name, country, sector FROM entities WHERE entity_id = ?",
                               (value["entity_id"],)).fetchone()
        if row is None:
            raise CorrectionError(f"no entity {value['entity_id']}")
        return {"text": row["name"], "entity_id": row["entity_id"], "name": row["name"], "country": row["country"],
                "sector": row["sector"]}
    raise CorrectionError("a participant is {\"mention\": [start, end]}, {\"entity_id\": ID} or null")


def _resolved_changes(store: Store, doc_id: str, current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The fields a fix sets, checked and resolved, less those it leaves as they are."""
    from ..events.plover import ontology

    types = ontology()["event_types"]
    unknown = sorted(set(changes) - set(FIXABLE))
    if unknown:
        raise CorrectionError(f"cannot fix {', '.join(unknown)} (only {', '.join(FIXABLE)})")
    out: dict[str, Any] = {}
    kind = changes.get("event_type", current.get("event_type"))
    if kind not in types:
        raise CorrectionError(f"unknown event type {kind!r}")
    for name, value in changes.items():
        if name in ("actor", "recipient"):
            value = _participant(store, doc_id, value)
        elif name == "mode":
            value = value or None
            if value is not None and value not in (types[kind].get("modes") or {}):
                raise CorrectionError(f"{kind} has no mode {value!r}")
        elif name == "certainty" and value not in CERTAINTIES:
            raise CorrectionError(f"unknown certainty {value!r}")
        elif name == "date":
            value = value or None
            if value is not None and not _iso(value):
                raise CorrectionError(f"a date is YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        if value != current.get(name):
            out[name] = value
    if "date" in out:
        out["date_precision"] = {4: "year", 7: "month", 10: "day"}.get(len(out["date"] or ""))
        out["date_basis"] = "explicit" if out["date"] else None
    if "event_type" in out and "mode" not in out and current.get("mode") not in (types[kind].get("modes") or {}):
        out["mode"] = None
    return out


def _iso(value: str) -> bool:
    from datetime import date

    parts = value.split("-")
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return False
    return len(parts) <= 3 and len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:])


def _new_event(store: Store, doc_id: str | None, sentence: int | None, changes: dict[str, Any],
               at: str) -> tuple[str, str, dict[str, Any]]:
    """An added event's id and fields, on sentence `sentence` of `doc_id`."""
    if not doc_id or sentence is None:
        raise CorrectionError("an added event needs its document and sentence")
    row = store.db.execute("SELECT char_start, char_end FROM sentences WHERE doc_id = ? AND idx = ?",
                           (doc_id, sentence)).fetchone()
    if row is None:
        raise CorrectionError(f"no sentence {sentence} in document {doc_id}")
    start, end = row
    if "event_type" not in changes:
        raise CorrectionError("an added event needs its event_type")
    trigger = changes.get("trigger") or [start, end]
    t0, t1 = (int(x) for x in trigger)
    if not start <= t0 < t1 <= end:
        raise CorrectionError(f"the trigger {t0}-{t1} is not inside sentence {sentence} ({start}-{end})")
    empty = {"event_type": None, "mode": None, "context": [], "actor": None, "recipient": None, "date": None,
             "date_precision": None, "date_basis": None, "location": None, "quantities": [], "attribution": None,
             "certainty": "asserted", "negated": False, "score": None, "story_id": None, "rule": None,
             "coder": None}
    fields = _resolved_changes(store, doc_id, empty, {k: v for k, v in changes.items() if k != "trigger"})
    text = store.db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    from ..events.plover import score

    event = {**empty, **fields, "char_start": start, "char_end": end, "trigger_start": t0, "trigger_end": t1,
             "evidence": text[start:end], "trigger_text": text[t0:t1], "coder": "analyst"}
    event["score"] = score(event["event_type"], event["mode"])
    return doc_id, added_event_id(doc_id, t0, event["event_type"], at), event
