"""A processed Document as the rows of the store's tables, and the LSH band keys that
index its MinHash signature: what the store inserts and the Spark job writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
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
    without looking anything up (`table_rows`, each table's held in a list): what an
    ingest worker sends its writer and the Spark job writes.

    Two tables are not final: a mention row carries its entity `key` and what
    resolving it needs (`name`, `country`, `country_basis`, `sector`, `source`, `last_name`,
    `surname_only`) instead of an entity id, and an event row carries its
    participants as dicts with their spans (`finish_event` turns them into the stored
    JSON once entities are resolved). `search` holds the full-text rows, each with its
    `text` and `lemmas`. The store resolves entities one document at a time; the
    Spark job writes these rows for all documents and resolves keys with aggregations.
    """
    return {table: list(table_rows(doc, table, ingested_at)) for table in TABLES}


def table_rows(doc: Document, table: str, ingested_at: str) -> Iterator[dict[str, Any]]:
    """One table's rows of `doc` (see `document_rows`), each made as it is read: the
    store inserts a 10 MB article's 200,000 rows without holding them all."""
    return _MAKERS[table](doc, ingested_at)


def _documents(doc: Document, ingested_at: str) -> Iterator[dict[str, Any]]:
    yield {"doc_id": doc.doc_id, "source": doc.source, "title": doc.title, "outlet": doc.outlet, "author": doc.author,
           "url": doc.url, "published": doc.published, "published_basis": doc.published_basis,
           "language": doc.language, "text": doc.text, "extraction": doc.extraction, "duplicate_of": doc.duplicate_of,
           "content_hash": doc.content_hash, "text_hash": doc.text_hash,
           "minhash": np.asarray(doc.minhash, dtype=np.uint64).tobytes() if doc.minhash else None,
           "ingested_at": ingested_at, "coder": doc.coder}


def _mentions(doc: Document, ingested_at: str) -> Iterator[dict[str, Any]]:
    for m in doc.mentions:
        yield {"doc_id": doc.doc_id, "char_start": m.start, "char_end": m.end, "text": m.text, "type": m.type,
               "source": m.source, "key": m.key or entity_key(m), "name": m.name, "country": m.country,
               "country_basis": m.country_basis, "sector": m.sector, "last_name": last_name_key(m),
               "surname_only": m.type == "PERSON" and len(m.name.split()) == 1}


def _events(doc: Document, ingested_at: str) -> Iterator[dict[str, Any]]:
    """The document's events, each once: the same event found twice (same trigger, type
    and participants' entity keys: the same `event_id`) is stored once."""
    keys = {(m.start, m.end): m.key or entity_key(m) for m in doc.mentions}
    seen: set[str] = set()
    for e in doc.events:
        key = {role: keys.get((p.start, p.end)) if p else None for role, p in (("actor", e.actor), ("recipient", e.recipient))}
        ident = event_id(doc.doc_id, e.trigger_start, e.event_type, key["actor"], key["recipient"])
        if ident in seen:
            continue
        seen.add(ident)
        yield {
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
        }


_MAKERS: dict[str, Callable[[Document, str], Iterator[dict[str, Any]]]] = {
    "documents": _documents,
    "removed": lambda doc, _: ({"doc_id": doc.doc_id, "line": r.line, "text": r.text, "rule": r.rule}
                               for r in doc.removed),
    "doc_references": lambda doc, _: ({"doc_id": doc.doc_id, "marker": r.marker, "text": r.text, "url": r.url,
                                       "date": r.date} for r in doc.references),
    "sentences": lambda doc, _: ({"doc_id": doc.doc_id, "idx": i, "char_start": s.start, "char_end": s.end}
                                 for i, s in enumerate(doc.sentences)),
    "dates": lambda doc, _: ({"doc_id": doc.doc_id, "char_start": d.start, "char_end": d.end, "text": d.text,
                              "value": d.value, "precision": d.precision, "basis": d.basis, "rule": d.rule}
                             for d in doc.dates),
    "quantities": lambda doc, _: ({"doc_id": doc.doc_id, "char_start": q.start, "char_end": q.end, "text": q.text,
                                   "kind": q.kind, "value": q.value, "value_max": q.value_max, "unit": q.unit,
                                   "approx": q.approx, "per": q.per} for q in doc.quantities),
    "mentions": _mentions,
    "events": _events,
    "search": lambda doc, _: search_rows(doc),
}
TABLES = tuple(_MAKERS)


def event_id(doc_id: str, trigger_start: int, event_type: str, actor_key: str | None, recipient_key: str | None) -> str:
    """An event's id: its document, trigger, type and the entity keys of its actor and
    recipient (keys, not resolved ids, so it is known before entities are resolved)."""
    return hashlib.sha1(f"{doc_id}:{trigger_start}:{event_type}:{actor_key}:{recipient_key}".encode()).hexdigest()[:16]


def _participant(p: Participant | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"text": p.text, "name": p.name, "country": p.country, "sector": p.sector, "start": p.start, "end": p.end}


def participant_spans(events: Iterable[dict[str, Any]]) -> set[tuple[int, int]]:
    """The spans of the participants of event rows (`document_rows`): the mentions whose
    entities `finish_event` reads."""
    return {(p["start"], p["end"]) for row in events for role in PARTICIPANTS if (p := row[role]) is not None}


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


KNOWN_SENTENCES = 4096  # sentences whose lemmas `search_rows` keeps for their repeats


def search_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """The document's full-text rows: each sentence, then the title. Each holds the
    words as written and their lemmas, so a query word matches any inflection of its
    lemma ("kunjungan" finds "mengunjungi"); `kind`, `idx` and the offsets say which
    sentence or title a row is. The lemmas come from `doc.tokens`, or when it has none
    (a sectioned document, one read back from the store) from each sentence tokenized
    again: a sentence's tokens depend on its text alone, so a repeated sentence (one of
    the first KNOWN_SENTENCES) is tokenized once."""
    from ..language.tokens import tokenize

    def lemmas(tokens: list[Any]) -> str:
        # a word, number, URL or abbreviation starts with a letter or digit; punctuation never does
        return " ".join(t.lemma for t in tokens if t.text[:1].isalnum())

    position, tokens = 0, doc.tokens
    known: dict[str, str] = {}  # sentence text -> its lemmas, when there are no tokens (the first ones)
    for idx, sentence in enumerate(doc.sentences):
        text = doc.text[sentence.start:sentence.end]
        if tokens:
            inside = []
            while position < len(tokens) and tokens[position].start < sentence.end:
                if tokens[position].start >= sentence.start:
                    inside.append(tokens[position])
                position += 1
            said = lemmas(inside)
        elif text in known:
            said = known[text]
        else:
            said = lemmas(tokenize(text))
            if len(known) < KNOWN_SENTENCES:
                known[text] = said
        yield {"kind": "sentence", "idx": idx, "char_start": sentence.start, "char_end": sentence.end,
               "text": text, "lemmas": said}
    if doc.title:
        yield {"kind": "title", "idx": None, "char_start": None, "char_end": None, "text": doc.title,
               "lemmas": lemmas(tokenize(doc.title))}


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
