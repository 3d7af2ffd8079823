"""A processed Document as the rows of the store's tables, and the LSH band keys that
index its MinHash signature: what the store inserts and the Spark job writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

import numpy as np

from ..document import Document, Participant
from ..language.entities.keys import entity_key, last_name_key
from ..settings import Options

Rows = dict[str, list[dict[str, Any]]]
# What Store.load reads, in the order it inserts (referenced rows first). Every
# dataset has its table's columns, except search: search_rows' columns with the
# lemmas instead of the text, which is cut from the stored documents again.
LOADED = ("documents", "removed", "doc_references", "sentences", "dates", "quantities", "entities", "mentions",
          "stories", "events", "minhash_bands", "search")
LOADED_COLUMNS = {"search": ("kind", "doc_id", "idx", "char_start", "char_end", "lemmas")}
PARTICIPANTS = ("actor", "recipient", "attribution")


def utc_now() -> str:
    """The time a document is ingested, as stored in `documents.ingested_at`."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def document_rows(doc: Document, ingested_at: str) -> Rows:
    """Everything `doc` adds to the store, as rows (column -> value) per table, found
    without looking anything up.

    Two tables are not final: a mention row carries its entity `key` and what
    resolving it needs (`name`, `country`, `sector`, `source`, `last_name`,
    `surname_only`) instead of an entity id, and an event row carries its
    participants as dicts with their spans (`finish_event` turns them into the stored
    JSON once entities are resolved). `search` holds the full-text rows, each with its
    `text` and `lemmas`. The store resolves entities one document at a time; the
    Spark job writes these rows for all documents and resolves keys with aggregations.
    """
    keys = {(m.start, m.end): m.key or entity_key(m) for m in doc.mentions}
    mentions = [
        {"doc_id": doc.doc_id, "char_start": m.start, "char_end": m.end, "text": m.text, "type": m.type,
         "source": m.source, "key": keys[m.start, m.end], "name": m.name, "country": m.country, "sector": m.sector,
         "last_name": last_name_key(m), "surname_only": m.type == "PERSON" and len(m.name.split()) == 1}
        for m in doc.mentions
    ]
    events: dict[str, dict[str, Any]] = {}  # by event_id: the same event found twice is stored once
    for e in doc.events:
        key = {role: keys.get((p.start, p.end)) if p else None for role, p in (("actor", e.actor), ("recipient", e.recipient))}
        ident = event_id(doc.doc_id, e.trigger_start, e.event_type, key["actor"], key["recipient"])
        events.setdefault(ident, {
            "event_id": ident, "doc_id": doc.doc_id, "event_type": e.event_type, "mode": e.mode,
            "context": json.dumps(e.context), "actor": _participant(e.actor),
            "actor_country": e.actor.country if e.actor else None, "recipient": _participant(e.recipient),
            "recipient_country": e.recipient.country if e.recipient else None, "date": e.date,
            "date_precision": e.date_precision, "date_basis": e.date_basis, "date_text": e.date_text,
            "location": e.location and json.dumps(
                {"text": e.location.text, "name": e.location.name, "country": e.location.country}, ensure_ascii=False),
            "quantities": json.dumps([{"text": q.text, "kind": q.kind, "value": q.value, "value_max": q.value_max,
                                       "unit": q.unit} for q in e.quantities], ensure_ascii=False),
            "attribution": _participant(e.attribution), "certainty": e.certainty, "negated": int(e.negated),
            "score": e.score, "char_start": e.sentence_start, "char_end": e.sentence_end,
            "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "story_id": None, "rule": e.rule,
            "coder": e.coder,
        })
    return {
        "documents": [{
            "doc_id": doc.doc_id, "source": doc.source, "title": doc.title, "outlet": doc.outlet, "author": doc.author,
            "url": doc.url, "published": doc.published, "published_basis": doc.published_basis,
            "language": doc.language, "text": doc.text, "extraction": doc.extraction, "duplicate_of": doc.duplicate_of,
            "content_hash": doc.content_hash, "text_hash": doc.text_hash,
            "minhash": np.asarray(doc.minhash, dtype=np.uint64).tobytes() if doc.minhash else None,
            "ingested_at": ingested_at, "coder": doc.coder,
        }],
        "removed": [{"doc_id": doc.doc_id, "line": r.line, "text": r.text, "rule": r.rule} for r in doc.removed],
        "doc_references": [{"doc_id": doc.doc_id, "marker": r.marker, "text": r.text, "url": r.url, "date": r.date}
                           for r in doc.references],
        "sentences": [{"doc_id": doc.doc_id, "idx": i, "char_start": s.start, "char_end": s.end}
                      for i, s in enumerate(doc.sentences)],
        "dates": [{"doc_id": doc.doc_id, "char_start": d.start, "char_end": d.end, "text": d.text, "value": d.value,
                   "precision": d.precision, "basis": d.basis, "rule": d.rule} for d in doc.dates],
        "quantities": [{"doc_id": doc.doc_id, "char_start": q.start, "char_end": q.end, "text": q.text, "kind": q.kind,
                        "value": q.value, "value_max": q.value_max, "unit": q.unit, "approx": q.approx, "per": q.per}
                       for q in doc.quantities],
        "mentions": mentions,
        "events": list(events.values()),
        "search": search_rows(doc),
    }


def event_id(doc_id: str, trigger_start: int, event_type: str, actor_key: str | None, recipient_key: str | None) -> str:
    """An event's id: its document, trigger, type and the entity keys of its actor and
    recipient (keys, not resolved ids, so it is known before entities are resolved)."""
    return hashlib.sha1(f"{doc_id}:{trigger_start}:{event_type}:{actor_key}:{recipient_key}".encode()).hexdigest()[:16]


def _participant(p: Participant | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"text": p.text, "name": p.name, "country": p.country, "sector": p.sector, "start": p.start, "end": p.end}


def finish_event(row: dict[str, Any], entity_ids: Mapping[tuple[int, int], str]) -> dict[str, Any]:
    """An event row of `document_rows` as stored: each participant becomes the JSON
    object {text, entity_id, name, country, sector}, its entity being that of the
    mention at its span (`entity_ids`), also kept in the `*_entity_id` column."""
    done = dict(row)
    for role in PARTICIPANTS:
        p = row[role]
        entity = entity_ids.get((p["start"], p["end"])) if p is not None else None
        done[role] = None if p is None else json.dumps(
            {"text": p["text"], "entity_id": entity, "name": p["name"], "country": p["country"], "sector": p["sector"]},
            ensure_ascii=False)
        done[f"{role}_entity_id"] = entity
    return done


def search_rows(doc: Document) -> list[dict[str, Any]]:
    """The document's full-text rows: each sentence, then the title. Each holds the
    words as written and their lemmas, so a query word matches any inflection of its
    lemma ("kunjungan" finds "mengunjungi"); `kind`, `idx` and the offsets say which
    sentence or title a row is."""
    from ..language.tokens import tokenize

    def lemmas(tokens: list[Any]) -> str:
        # a word, number, URL or abbreviation starts with a letter or digit; punctuation never does
        return " ".join(t.lemma for t in tokens if t.text[:1].isalnum())

    tokens = doc.tokens or tokenize(doc.text, doc.sentences)
    rows, position = [], 0
    for idx, sentence in enumerate(doc.sentences):
        inside = []
        while position < len(tokens) and tokens[position].start < sentence.end:
            if tokens[position].start >= sentence.start:
                inside.append(tokens[position])
            position += 1
        rows.append({"kind": "sentence", "idx": idx, "char_start": sentence.start, "char_end": sentence.end,
                     "text": doc.text[sentence.start:sentence.end], "lemmas": lemmas(inside)})
    if doc.title:
        rows.append({"kind": "title", "idx": None, "char_start": None, "char_end": None, "text": doc.title,
                     "lemmas": lemmas(tokenize(doc.title))})
    return rows


@dataclass(frozen=True)
class Bands:
    """LSH banding parameters for a threshold, as datasketch computes them."""

    count: int
    rows: int

    @classmethod
    def for_options(cls, options: Options) -> "Bands":
        return _bands(options.threshold, options.num_perm)

    def keys(self, signature: list[int]) -> list[tuple[int, int]]:
        values = np.asarray(signature, dtype=np.uint64)
        return [
            (band, int.from_bytes(hashlib.blake2b(values[band * self.rows : (band + 1) * self.rows].tobytes(), digest_size=8).digest(), "big", signed=True))
            for band in range(self.count)
        ]


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> Bands:
    """The (bands, rows) that datasketch's MinHashLSH chooses for a threshold: the pair
    with b * r <= num_perm whose false positive and false negative areas, weighted
    equally, sum least. datasketch integrates with scipy (a second of start-up); the
    integrands are polynomials of degree b * r, which Gauss-Legendre quadrature with
    num_perm nodes integrates exactly, so this finds the same pair without scipy."""
    nodes, weights = np.polynomial.legendre.leggauss(max(num_perm, 8))

    def integral(f: Callable[[np.ndarray], np.ndarray], low: float, high: float) -> float:
        half = (high - low) / 2
        return float(half * np.sum(weights * f(half * nodes + (high + low) / 2)))

    best, error = (0, 0), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            false_positive = integral(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)
            false_negative = integral(lambda s: (1 - s ** float(r)) ** float(b), threshold, 1.0)
            if false_positive * 0.5 + false_negative * 0.5 < error:
                best, error = (b, r), false_positive * 0.5 + false_negative * 0.5
    return Bands(*best)
