"""Check corpus records against the article text and the PLOVER vocabulary.

Every problem is one line naming the record (`doc`), the event or entity and what is
wrong. The test suite runs it over the whole corpus, so a batch with a wrong offset,
an unknown mode or an invented country code never enters it.
"""

from __future__ import annotations

import re
from typing import Any

from .format import (APPROX, CERTAINTIES, DATE_BASES, ENTITY_TYPES, PRECISIONS, PUBLISHED_BASES, QUANTITY_KINDS,
                     SECTORS, SPLITS, Article, contexts, country_codes, event_types)

_ISO = {"day": re.compile(r"\d{4}-\d{2}-\d{2}"), "month": re.compile(r"\d{4}-\d{2}"), "year": re.compile(r"\d{4}")}


def _span(problems: list[str], where: str, value: dict, text: str, inside: tuple[int, int] | None = None) -> None:
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        problems.append(f"{where}: bad offsets {start!r}..{end!r}")
        return
    if text[start:end] != value.get("text"):
        problems.append(f"{where}: text {value.get('text')!r} is not what {start}..{end} holds ({text[start:end]!r})")
    if inside and not (inside[0] <= start and end <= inside[1]):
        problems.append(f"{where}: span {start}..{end} lies outside its sentence {inside[0]}..{inside[1]}")


def _country(problems: list[str], where: str, code: Any) -> None:
    if code is not None and code not in country_codes():
        problems.append(f"{where}: unknown country code {code!r}")


def _sector(problems: list[str], where: str, code: Any) -> None:
    if code is not None and code not in SECTORS:
        problems.append(f"{where}: unknown sector {code!r}")


def _date(problems: list[str], where: str, value: dict | None, bases: tuple[str, ...], text: str) -> None:
    if value is None or value.get("value") is None:
        return
    precision = value.get("precision")
    if precision not in PRECISIONS:
        problems.append(f"{where}: precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    elif not _ISO[precision].fullmatch(value["value"]):
        problems.append(f"{where}: {value['value']!r} is not an ISO date of precision {precision}")
    if value.get("basis") not in bases:
        problems.append(f"{where}: basis {value.get('basis')!r} is not one of {', '.join(bases)}")
    if value.get("text"):
        _span(problems, where, value, text)


def validate_record(record: dict[str, Any], article: Article | None) -> list[str]:
    """Problems of one record; `article` None skips the text checks."""
    doc = record.get("doc", "?")
    problems: list[str] = []
    if record.get("split") not in SPLITS:
        problems.append(f"{doc}: split {record.get('split')!r} is not one of {', '.join(SPLITS)}")
    text = article.text if article else None
    if article and record.get("text_sha256") != article.sha256:
        return problems + [f"{doc}: the stored text changed since annotation (sha256 differs): re-anchor the record"]
    sentences = [tuple(s) for s in record.get("sentences", [])]
    if article and record.get("complete", True) and sentences != list(article.sentences):
        problems.append(f"{doc}: sentence offsets differ from the stored text's sentences")
    elif article and not set(sentences) <= set(article.sentences):
        problems.append(f"{doc}: a listed sentence is not one of the stored text's sentences")
    if text is not None:
        _date(problems, f"{doc} published", record.get("published"), PUBLISHED_BASES, text)
    for n, entity in enumerate(record.get("entities", []), start=1):
        where = f"{doc} entity {n} ({entity.get('text')!r})"
        if entity.get("type") not in ENTITY_TYPES:
            problems.append(f"{where}: type {entity.get('type')!r} is not one of {', '.join(ENTITY_TYPES)}")
        _country(problems, where, entity.get("country"))
        _sector(problems, where, entity.get("sector"))
        if text is not None:
            _span(problems, where, entity, text)
    types = event_types()
    seen: set[str] = set()
    for event in record.get("events", []):
        where = f"{doc} event {event.get('id')}"
        if event.get("id") in seen:
            problems.append(f"{where}: id used twice")
        seen.add(event.get("id"))
        kind = event.get("type")
        if kind not in types:
            problems.append(f"{where}: type {kind!r} is not a PLOVER type")
        elif event.get("mode") is not None and event["mode"] not in types[kind]:
            problems.append(f"{where}: mode {event['mode']!r} is not a mode of {kind} ({', '.join(types[kind]) or 'none'})")
        for name in event.get("context") or []:
            if name not in contexts():
                problems.append(f"{where}: context {name!r} is not a PLOVER context")
        if event.get("certainty") not in CERTAINTIES:
            problems.append(f"{where}: certainty {event.get('certainty')!r} is not one of SPEC's values")
        if not isinstance(event.get("negated"), bool):
            problems.append(f"{where}: negated must be true or false")
        sentence = tuple(event.get("sentence") or ())
        if sentences and sentence not in sentences:
            problems.append(f"{where}: sentence {list(sentence)} is not one of the article's sentences")
        for role in ("actor", "recipient", "attribution"):
            value = event.get(role)
            if value is None:
                continue
            _country(problems, f"{where} {role}", value.get("country"))
            _sector(problems, f"{where} {role}", value.get("sector"))
            if text is not None and not (value.get("start") is None and value.get("text") is None and not record.get("complete", True)):
                _span(problems, f"{where} {role}", value, text, sentence)  # legacy records may give a country only
        if text is not None:
            _span(problems, f"{where} trigger", event.get("trigger") or {}, text, sentence)
            _date(problems, f"{where} date", event.get("date"), DATE_BASES, text)
        for q in event.get("quantities") or []:
            if q.get("kind") not in QUANTITY_KINDS:
                problems.append(f"{where} quantity {q.get('text')!r}: kind {q.get('kind')!r} is not one of {', '.join(QUANTITY_KINDS)}")
            if q.get("approx") is not None and q["approx"] not in APPROX:
                problems.append(f"{where} quantity {q.get('text')!r}: approx {q['approx']!r} is not one of {', '.join(APPROX)}")
            if not isinstance(q.get("value"), (int, float)):
                problems.append(f"{where} quantity {q.get('text')!r}: value must be a number")
            if text is not None:
                _span(problems, f"{where} quantity", q, text, sentence)
    return problems
