"""Annotators' YAML (surface strings, sentence numbers) -> corpus records (offsets).

An annotator copies strings from the numbered sheet instead of counting characters;
this module finds them in the stored text. Anything it cannot find is an error that
names the annotation file, the event and the string, never a silent skip.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .format import Article

_NTH = re.compile(r"^(.*)@(\d+)$", re.S)


class CompileError(ValueError):
    pass


def _find(text: str, needle: str, start: int, end: int, words: bool = False) -> list[int]:
    hits, at = [], text.find(needle, start, end)
    while at != -1:
        before = text[at - 1] if at > 0 else " "
        after = text[at + len(needle)] if at + len(needle) < len(text) else " "
        if not words or (not before.isalnum() and not after.isalnum()):
            hits.append(at)
        at = text.find(needle, at + 1, end)
    return hits


def span(article: Article, surface: str, where: str, sentence: tuple[int, int] | None = None) -> dict[str, Any]:
    """`surface` ('text' or 'text@N' for the N-th occurrence) inside `sentence` (else the
    whole text) -> {start, end, text}."""
    match = _NTH.match(surface)
    needle, nth = (match.group(1), int(match.group(2))) if match else (surface, 1)
    start, end = sentence or (0, len(article.text))
    hits = _find(article.text, needle, start, end, words=True) or _find(article.text, needle, start, end)
    if len(hits) < nth:
        scope = "sentence" if sentence else "text"
        raise CompileError(f"{where}: {needle!r} not found in the {scope}" + (f" (occurrence {nth})" if nth > 1 else ""))
    at = hits[nth - 1]
    return {"start": at, "end": at + len(needle), "text": needle}


def _sentence(article: Article, number: Any, where: str) -> tuple[int, int]:
    if not isinstance(number, int) or not 1 <= number <= len(article.sentences):
        raise CompileError(f"{where}: sentence {number!r} is not on the sheet (1..{len(article.sentences)})")
    return article.sentences[number - 1]


def _participant(article: Article, value: Any, sentence: tuple[int, int], where: str, keys: tuple[str, ...]) -> dict | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, dict) or not value.get("text"):
        raise CompileError(f"{where}: needs a 'text'")
    out = span(article, str(value["text"]), where, sentence)
    out.update({key: value.get(key) for key in keys})
    return out


def _date(article: Article, value: Any, sentence: tuple[int, int], where: str) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise CompileError(f"{where}: a date is a mapping")
    out = {"value": None if value.get("value") is None else str(value["value"]),
           "precision": value.get("precision"), "basis": value.get("basis")}
    surface = value.get("text")
    if surface:
        scope = _sentence(article, value["s"], where) if value.get("s") else sentence
        try:
            found = span(article, str(surface), where, scope)
        except CompileError:
            found = span(article, str(surface), where)
        out.update(found)
    else:
        out.update({"start": None, "end": None, "text": None})
    return out


def _quantity(article: Article, value: Any, sentence: tuple[int, int], where: str) -> dict:
    if not isinstance(value, dict) or not value.get("text"):
        raise CompileError(f"{where}: a quantity needs a 'text'")
    out = span(article, str(value["text"]), where, sentence)
    out.update({"kind": value.get("kind"), "value": value.get("value"), "unit": value.get("unit"),
                "approx": value.get("approx")})
    return out


def _outermost(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a mention inside a longer one ("Washington" in "Washington, D.C."); sorted input."""
    kept: list[dict[str, Any]] = []
    for mention in mentions:
        if kept and mention["start"] < kept[-1]["end"]:
            continue
        kept.append(mention)
    return kept


def occurs(text: str, surface: str) -> bool:
    """Whether `surface` occurs in `text` as whole words, as an entity form must."""
    return bool(_find(text, surface, 0, len(text), words=True))


def entity_mentions(text: str, entities: list[Any], source: str) -> list[dict[str, Any]]:
    """An annotator's entity list (each distinct surface form once) -> every whole-word,
    case-sensitive occurrence of each form in the text, the outermost of overlapping ones."""
    mentions = []
    for n, entity in enumerate(entities, start=1):
        where = f"{source}: entity {n}"
        if not isinstance(entity, dict) or not entity.get("text"):
            raise CompileError(f"{where}: needs a 'text'")
        surface = str(entity["text"])
        hits = _find(text, surface, 0, len(text), words=True)
        if not hits:
            raise CompileError(f"{where}: {surface!r} not found in the text")
        for at in hits:
            mentions.append({"start": at, "end": at + len(surface), "text": surface, "type": entity.get("type"),
                             "country": entity.get("country"), "sector": entity.get("sector")})
    mentions.sort(key=lambda e: (e["start"], -e["end"]))
    return _outermost(mentions)


def compile_annotation(raw: dict[str, Any], article: Article, source: str) -> dict[str, Any]:
    """One annotator file's mapping -> the corpus record (without split and selection)."""
    published = raw.get("published") or {}
    if not isinstance(published, dict):
        raise CompileError(f"{source}: published must be a mapping")
    pub = {"value": None if published.get("value") is None else str(published["value"]),
           "precision": published.get("precision"), "basis": published.get("basis"), "start": None, "end": None, "text": None}
    if published.get("text"):
        scope = _sentence(article, published["s"], source) if published.get("s") else None
        pub.update(span(article, str(published["text"]), f"{source}: published", scope))
    entities = entity_mentions(article.text, raw.get("entities") or [], source)
    events = []
    for n, event in enumerate(raw.get("events") or [], start=1):
        where = f"{source}: event {n}"
        if not isinstance(event, dict):
            raise CompileError(f"{where}: an event is a mapping")
        sentence = _sentence(article, event.get("s"), where)
        if not event.get("trigger"):
            raise CompileError(f"{where}: needs a 'trigger'")
        events.append({
            "id": f"{article.key}/{n}",
            "sentence": list(sentence),
            "trigger": span(article, str(event["trigger"]), f"{where} trigger", sentence),
            "type": event.get("type"), "mode": event.get("mode"), "context": list(event.get("context") or []),
            "actor": _participant(article, event.get("actor"), sentence, f"{where} actor", ("country", "sector")),
            "recipient": _participant(article, event.get("recipient"), sentence, f"{where} recipient", ("country", "sector")),
            "date": _date(article, event.get("date"), sentence, f"{where} date"),
            "quantities": [_quantity(article, q, sentence, f"{where} quantity") for q in event.get("quantities") or []],
            "certainty": event.get("certainty", "asserted"),
            "negated": bool(event.get("negated", False)),
            "attribution": _participant(article, event.get("attribution"), sentence, f"{where} attribution", ("country",)),
            "note": event.get("note"),
        })
    return {"doc": article.key, "text_sha256": article.sha256, "chars": len(article.text),
            "published": pub, "sentences": [list(s) for s in article.sentences],
            "entities": entities, "events": events}


def load_annotation(path: Path) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CompileError(f"{path}:{mark.line + 1 if mark else '?'}: not YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(raw, dict) or not raw.get("doc"):
        raise CompileError(f"{path}: needs 'doc'")
    return raw
