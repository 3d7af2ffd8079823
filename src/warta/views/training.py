"""The analyst's corrections as training data: `warta export corrections` writes one
record per corrected document in the annotated corpus's format (corpus/README.md), split
`train`, which `scripts/train_coder.py --extra FILE` trains on with the corpus.

A record lists only the sentences an analyst checked (`complete: false`): a sentence
holding an event that was corrected, confirmed or added. Its events are every event of
those sentences as corrected (events marked wrong or duplicate left out: the analyst
said there is no such event), each with its trigger and the spans of its actor and
recipient. Each record carries the stored `text`, so training needs no news file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import IO, Any

from ..store import corrections as log
from ..events.date_place import iso_precision
from ..store.database import Store
from .query.records import Record, event_records

PUBLISHED_BASIS = {"text": "text", "html-meta": "metadata", "url": "metadata", "inferred": "inferred"}


def training_records(store: Store) -> Iterator[Record]:
    """One corpus record per document with a correction in force, in store order."""
    by_doc: dict[str, list[log.State]] = {}
    for state in log.states(store).values():
        by_doc.setdefault(state.doc_id, []).append(state)
    if not by_doc:
        return
    order = {row[0]: n for n, row in enumerate(store.db.execute("SELECT doc_id FROM documents ORDER BY rowid"))}
    for doc_id in sorted(by_doc, key=lambda d: order.get(d, len(order))):
        record = _record(store, doc_id, by_doc[doc_id])
        if record is not None:
            yield record


def write_training(store: Store, out: IO[bytes]) -> int:
    """`training_records` as JSONL; returns how many documents were written."""
    count = 0
    for count, record in enumerate(training_records(store), start=1):
        out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    return count


def _record(store: Store, doc_id: str, states: list[log.State]) -> Record | None:
    doc = next(store.rows("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)), None)
    if doc is None:
        return None
    text = doc["text"]
    sentences = [(r[0], r[1]) for r in store.db.execute(
        "SELECT char_start, char_end FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,))]
    events = list(event_records(store, "e.doc_id = ?", (doc_id,), hidden=True))
    checked_ids = {s.event_id for s in states}
    read = sorted({_sentence(sentences, e["char_start"]) for e in events if e["event_id"] in checked_ids} - {None})
    out_events = []
    for e in events:
        sentence = _sentence(sentences, e["char_start"])
        if sentence not in read or e.get("correction") in ("wrong", "duplicate"):
            continue
        out_events.append({
            "id": f"{doc_id}/{len(out_events) + 1}",
            "sentence": list(sentence),
            "trigger": {"start": e["trigger_start"], "end": e["trigger_end"],
                        "text": text[e["trigger_start"]:e["trigger_end"]]},
            "type": e["event_type"], "mode": e["mode"], "context": e.get("context") or [],
            "actor": _span(text, sentence, e.get("actor")),
            "recipient": _span(text, sentence, e.get("recipient")),
            "date": {"value": e["date"], "precision": e.get("date_precision"), "basis": e.get("date_basis"),
                     "start": None, "end": None, "text": None} if e.get("date") else None,
            "quantities": [],
            "certainty": e["certainty"], "negated": bool(e.get("negated")),
            "attribution": None,
            "note": (f"{e['checked']['action']} by {e['checked']['by']} at {e['checked']['at']}" if e.get("checked")
                     else "left as coded in a checked sentence"),
        })
    who = sorted({s.who for s in states})
    published = {"value": doc["published"], "precision": iso_precision(doc["published"]),
                 "basis": PUBLISHED_BASIS.get(doc["published_basis"] or ""), "start": None, "end": None, "text": None}
    return {
        "doc": doc["source"], "doc_id": doc_id, "split": "train", "group": "corrections",
        "annotator": ", ".join(who), "complete": False,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "chars": len(text),
        "published": published if doc["published"] else None,
        "sentences": [list(s) for s in read], "entities": [], "events": out_events, "text": text,
    }


def _sentence(sentences: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    return next((s for s in sentences if s[0] <= start < s[1]), None)


def _span(text: str, sentence: tuple[int, int], participant: dict[str, Any] | None) -> dict[str, Any] | None:
    """A participant as the corpus gives one: its span in the sentence (where the
    analyst picked a mention, that one; else the first place its text stands in the
    sentence), its country and sector; None when it has neither span nor country."""
    if not participant:
        return None
    start, end = participant.get("start"), participant.get("end")
    if start is None and participant.get("text"):
        found = text.find(participant["text"], sentence[0], sentence[1])
        if found >= 0:
            start, end = found, found + len(participant["text"])
    if start is None and participant.get("country") is None:
        return None
    return {"start": start, "end": end, "text": text[start:end] if start is not None else None,
            "country": participant.get("country"), "sector": participant.get("sector")}
