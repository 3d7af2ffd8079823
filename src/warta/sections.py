"""Sections: the sentence-level stages over bounded parts of a long or repetitive document.

The stages after `sentences` (tokens, dates, quantities, entities, events) take the
whole document at once. Two kinds of input would make them slow or large:

- A sentence repeated verbatim within one document is the same report said again.
  It is analysed once, where it first occurs: each later copy gets that occurrence's
  mentions, dates and quantities (offsets moved to the copy), and no events of its
  own: the first occurrence is the evidence of each event it reports (PLOVER: one
  event per report). An article repeating one sentence 140,000 times is analysed
  as one sentence.
- A document longer than `section_chars` (settings.toml, far above any news
  article) is analysed in sections of whole sentences of at most that size, so
  time grows linearly and memory stays bounded. Context does not reach across a
  section boundary: a pronoun, a surname or a relative date early in a section
  resolves within it.

Each section's text is the document's text of its runs of consecutive sentences,
runs joined by a paragraph break where a repeated sentence was left out, so nothing
found in it spans two places of the document. A document with neither (every
article of the news corpora) is analysed whole, exactly as before. A sectioned
document keeps no tokens (`document.tokens` is empty): the store remakes a
sentence's lemmas when it indexes it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import cache
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any, TypeVar

from .document import Document, Event, Rejection, Sentence

JOIN = "\n\n"  # between two runs of one section: a paragraph break, which no annotation crosses
Span = TypeVar("Span")  # a dataclass with `start` and `end`: Mention, DateExpr, Quantity, Participant


@dataclass(frozen=True)
class Section:
    """A part of a document analysed on its own: its text, its sentences (offsets into
    that text) and where each run of it lies in the document, as (offset in the section
    text, offset in the document) pairs, in order."""

    text: str
    sentences: list[Sentence]
    runs: list[tuple[int, int]]

    def shift(self, offset: int) -> int:
        """What to add to an offset into the section text to make it the document's."""
        run = self.runs[bisect.bisect_right(self.runs, (offset, float("inf"))) - 1]
        return run[1] - run[0]


@dataclass(frozen=True)
class Plan:
    """How a document is analysed: its sections, each as the range [first, end) of
    `doc.sentences` it holds (its text is made when it is analysed, and let go once its
    results are moved: a 10 MB text is never held a second time), and for each repeated
    sentence (by index) the index of its first occurrence."""

    bounds: list[tuple[int, int]]
    repeats: dict[int, int]


def plan(doc: Document, limit: int) -> Plan | None:
    """The sections `doc` is analysed in, or None when it is analysed whole (no sentence
    repeated and the text within `limit` characters)."""
    repeats = _repeats(doc.text, doc.sentences)
    if not repeats and len(doc.text) <= limit:
        return None
    bounds: list[tuple[int, int]] = []
    first, size, previous = None, 0, -2
    for index, sentence in enumerate(doc.sentences):
        if index in repeats:
            continue
        if first is not None and size + sentence.end - sentence.start > limit:
            bounds.append((first, index))
            first, size = None, 0
        if first is not None:
            size += len(_gap(doc, previous, index))
        first = index if first is None else first
        size += sentence.end - sentence.start
        previous = index
    if first is not None:
        bounds.append((first, len(doc.sentences)))
    return Plan(bounds, repeats)


def _repeats(text: str, sentences: list[Sentence]) -> dict[int, int]:
    """For each sentence repeating an earlier one verbatim, the index of its first
    occurrence. Sentences are told apart by the hash of their text (a slice checked
    against the first occurrence's when two hashes meet), so the sentences' texts are
    never all held at once."""
    first: dict[int, int] = {}
    other: dict[str, int] = {}  # a sentence whose hash an earlier, different sentence has
    repeats = {}
    for index, sentence in enumerate(sentences):
        said = text[sentence.start:sentence.end]
        seen = first.setdefault(hash(said), index)
        if seen != index and said != text[sentences[seen].start:sentences[seen].end]:
            seen = other.setdefault(said, index)
        if seen != index:
            repeats[index] = seen
    return repeats


def _gap(doc: Document, previous: int, index: int) -> str:
    """What stands between sentence `previous` and sentence `index` of a section: the
    document's text between them when they are consecutive (one run), else JOIN."""
    return doc.text[doc.sentences[previous].end:doc.sentences[index].start] if previous == index - 1 else JOIN


def section(doc: Document, how: Plan, first: int, end: int) -> Section:
    """The section of `doc.sentences[first:end]` (less the repeats): the document's text
    of its runs of consecutive sentences, joined by JOIN."""
    text, parts, sentences, runs = doc.text, [], [], []
    size, previous = 0, -2
    for index in range(first, end):
        if index in how.repeats:
            continue
        sentence = doc.sentences[index]
        gap = _gap(doc, previous, index) if sentences else ""
        if previous != index - 1:  # a new run (the section's first sentence too)
            runs.append((size + len(gap), sentence.start))
        parts.append(gap + text[sentence.start:sentence.end])
        size += len(gap)
        sentences.append(Sentence(size, size + sentence.end - sentence.start))
        size += sentence.end - sentence.start
        previous = index
    return Section("".join(parts), sentences, runs)


def analyse(doc: Document, how: Plan, run: Callable[[Document], Document | Rejection]) -> Document | Rejection:
    """`doc` with what `run` (the sentence-level stages) finds in each section of `how`,
    moved to the document's offsets, and the copies of repeated sentences. What the
    event stage keeps only for itself (`inferred`, `codebook_hits`) is not kept."""
    found: dict[str, list[Any]] = {"dates": [], "quantities": [], "mentions": []}
    events: list[Event] = []
    for first, end in how.bounds:
        part = section(doc, how, first, end)
        result = run(replace(doc, raw=None, text=part.text, sentences=part.sentences))
        if isinstance(result, Rejection):
            return result
        moved: set[int] = set()  # a span the section's results share (an event's quantity) moves once
        for name, spans in found.items():
            spans.extend(_move(span, part, moved) for span in getattr(result, name))
        for event in result.events:
            events.append(_move_event(event, part, moved))
        doc.coder = result.coder
        del part, result  # the section's text, tokens and views go before the next is made
    for name, spans in found.items():
        spans.extend(_copies(doc.sentences, how.repeats, spans))
        spans.sort(key=attrgetter("start"))  # stable: the copies after the spans they copy
    doc.dates, doc.quantities, doc.mentions = found["dates"], found["quantities"], found["mentions"]
    doc.events, doc.tokens, doc.inferred, doc.codebook_hits = events, [], [], []
    return doc


def _copies(sentences: list[Sentence], repeats: dict[int, int], spans: list[Span]) -> list[Span]:
    """Each span inside a repeated sentence's first occurrence, moved to every repeat."""
    if not repeats:
        return []
    starts = [s.start for s in sentences]
    inside: dict[int, list[Span]] = {}
    for span in spans:
        index = bisect.bisect_right(starts, span.start) - 1  # type: ignore[attr-defined]
        if index >= 0 and span.end <= sentences[index].end:  # type: ignore[attr-defined]
            inside.setdefault(index, []).append(span)
    return [_moved(span, sentences[index].start - sentences[first].start)
            for index, first in repeats.items() for span in inside.get(first, ())]


def _moved(span: Span, delta: int) -> Span:
    """A copy of `span` `delta` characters on, made from its fields in order (its
    `__slots__`): dataclasses.replace is three times slower, copy.copy ten, and an
    article repeating a sentence has 400,000 spans to copy."""
    kind = type(span)
    moved = kind(*_fields(kind)(span))
    moved.start += delta  # type: ignore[attr-defined]
    moved.end += delta  # type: ignore[attr-defined]
    return moved


@cache
def _fields(kind: type) -> attrgetter:
    return attrgetter(*kind.__slots__)


def _move(span: Span, section: Section, moved: set[int]) -> Span:
    """A span of a section's results moved, in place, to the document's offsets."""
    if id(span) not in moved and span.start is not None:  # type: ignore[attr-defined]
        moved.add(id(span))
        delta = section.shift(span.start)  # type: ignore[attr-defined]
        span.start += delta  # type: ignore[attr-defined]
        span.end += delta  # type: ignore[attr-defined]
    return span


def _move_event(event: Event, section: Section, moved: set[int]) -> Event:
    """An event of a section moved, in place, to the document's offsets: each span by its
    own run (an actor may be named in an earlier sentence of the section)."""
    delta = section.shift(event.sentence_start)
    event.sentence_start, event.sentence_end = event.sentence_start + delta, event.sentence_end + delta
    event.trigger_start, event.trigger_end = event.trigger_start + delta, event.trigger_end + delta
    for span in (event.actor, event.recipient, event.attribution, event.location, *event.quantities):
        if span is not None:
            _move(span, section, moved)
    return event
