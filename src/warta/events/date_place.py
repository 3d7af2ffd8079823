"""Date and place of an event: the nearest date of its clause or sentence, else the publication
date; the place named after a locative (or, for a visit or a movement, a goal) preposition."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from ..document import DateExpr, Document, Event, Participant, Sentence
from .attribution import Cues
from .grammar import Grammar
from .roles import np_after, participant
from .triggers import Trigger
from .view import SentenceView


def iso_precision(value: str | None) -> str | None:
    """The precision of an ISO date: YYYY-MM-DD day, YYYY-MM month, YYYY year."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value or ""))


def find_location(trigger: Trigger, event_type: str, mode: str | None, view: SentenceView, grammar: Grammar, lo: int,
              hi: int) -> Participant | None:  # fmt: skip
    preps = set(grammar.locative_prepositions)
    if event_type in grammar.goal_types and (event_type != "CONSULT" or mode == "visit"):
        preps |= grammar.goal_prepositions
    best, best_distance = None, None
    for k in range(lo, hi):
        if view.low[k] not in preps:
            continue
        for m in np_after(view, k + 1, hi, grammar):
            mention = view.mentions[m]
            if mention.type in ("LOCATION", "COUNTRY") and mention.source != "anaphor":
                distance = abs(k - trigger.first)
                if best_distance is None or distance < best_distance:
                    best, best_distance = mention, distance
                break
    return participant(best) if best is not None else None


def _after(value: str, published: str) -> bool:
    """Whether an ISO date falls after the publication date, compared at the coarser precision of the two."""
    return value[:len(published)] > published[:len(value)]


# Certainties of an act still to come: a date after publication may be its own.
TO_COME = frozenset({"expected", "intended"})


def event_dates(dates: Iterable[DateExpr], published: str | None, certainty: str) -> list[DateExpr]:
    """The expressions of a sentence that can date an event of `certainty` in it: resolved
    ones, except
    - a year alone, written out ("UU Nomor 12 Tahun 1995", "sejak 2010", "periode 2014-2019",
      "pada 2015"): it names a period far more often than the act's date (in the train split,
      8 of 54 such years in an event's sentence dated it). A year said against now ("tahun
      lalu", "tahun ini") stays;
    - a date after publication, unless the act is still to come ("dijadwalkan mengunjungi
      Nauru pada Senin (29/1/2018)"): an act done or said ("Parlemen telah ditangguhkan hingga
      14 Oktober") is not dated by the deadline or plan its sentence names.
    """
    return [d for d in dates if d.value and not (d.basis == "explicit" and d.precision == "year")
            and (certainty in TO_COME or not (published and _after(d.value, published)))]


def nearest_date(dates: Iterable[DateExpr], position: int) -> DateExpr | None:
    """The expression nearest a character position (a trigger's start), or None."""
    return min(dates, key=lambda d: min(abs(d.start - position), abs(d.end - position)), default=None)


def date_event(event: Event, trigger: Trigger, view: SentenceView, doc: Document, sentence: Sentence, clause_start: int,
          clause_end: int, cues: Cues) -> None:  # fmt: skip
    """The nearest `event_dates` expression of the clause, else of the sentence; none for
    background; else the publication date."""
    in_sentence = event_dates((d for d in view.dates if d.end <= sentence.end), doc.published, event.certainty)
    in_clause = [d for d in in_sentence if clause_start <= d.start and d.end <= clause_end]
    rel = view.rel[trigger.first]
    same_rel = [d for d in in_clause if view.rel[max(0, bisect.bisect_right(view.starts, d.start) - 1)] == rel]
    for pool in (same_rel, in_clause, in_sentence):
        best = nearest_date(pool, trigger.start)
        if best is not None:
            event.date, event.date_precision, event.date_basis = best.value, best.precision, best.basis
            event.date_text = best.text
            return
    if cues.background:
        return
    if doc.published:
        event.date, event.date_precision, event.date_basis = doc.published, iso_precision(doc.published) or "day", "publication"
