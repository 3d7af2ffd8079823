"""Date and place of an event: the nearest date of its clause or sentence, else the publication
date, then reviewed in the article's context (`date_statements`: a date of an event noun
dropped, a sentence pointing back at an earlier day, the day of the article's statements);
the place named after a locative (or, for a visit or a movement, a goal) preposition."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache, cached_property

from ..document import DateExpr, Document, Event, Participant, Sentence
from ..language.dates.vocabulary import grammar as date_grammar
from .attribution import Cues
from .grammar import Grammar, load_grammar
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


# Certainties of an act still to come: a later date, or a year alone, may be its own.
TO_COME = frozenset({"expected", "intended"})


def event_dates(dates: Iterable[DateExpr], published: str | None, certainty: str) -> list[DateExpr]:
    """The expressions of a sentence that can date an event of `certainty` in it: resolved
    ones; unless the act is still to come ("dijadwalkan mengunjungi Nauru pada Senin
    (29/1/2018)", "akan mengunjungi Pyongyang pada tahun 2024"), neither
    - a year alone, written out ("UU Nomor 12 Tahun 1995", "sejak 2010", "periode 2014-2019",
      "pada 2015"): it names a period far more often than the act's date (in the train split,
      8 of 54 such years in an event's sentence dated it). A year said against now ("tahun
      lalu", "tahun ini") stays;
    - nor a date after publication: an act done or said ("Parlemen telah ditangguhkan hingga
      14 Oktober") is not dated by the deadline or plan its sentence names.
    """
    return [d for d in dates if d.value and (certainty in TO_COME or not (
        (d.basis == "explicit" and d.precision == "year") or (published and _after(d.value, published))))]


def nearest_date(dates: Iterable[DateExpr], position: int) -> DateExpr | None:
    """The expression nearest a character position (a trigger's start), or None."""
    return min(dates, key=lambda d: min(abs(d.start - position), abs(d.end - position)), default=None)


def date_event(event: Event, trigger: Trigger, view: SentenceView, doc: Document, sentence: Sentence, clause_start: int,
          clause_end: int, cues: Cues) -> None:  # fmt: skip
    """The nearest `event_dates` expression of the clause, else of the sentence; none for
    background (a marker outside relative clauses, or in the trigger's own); else the
    publication date."""
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
    if any(view.rel[i] < 0 or view.rel[i] == rel for i in cues.background):
        return  # a marker in another relative clause ("pedagang yang biasanya mangkal") dates nothing here
    if doc.published:
        event.date, event.date_precision, event.date_basis = doc.published, iso_precision(doc.published) or "day", "publication"


# The rules of a date written as a weekday with the day in parentheses, "Senin (9/9/2019)",
# "Rabu (18/9)": how Indonesian news dates what was said and done.
FRAME_RULES = frozenset({"dmy-numeric", "dm-numeric"})


def statement_day(doc: Document) -> DateExpr | None:
    """The day the article's statements were made, when it is the day before publication:
    its "Senin (9/9/2019)" dates ("kata Ronny, Senin (9/9/2019)", "Dilansir AFP Rabu
    (18/9/2019)") name that day most often and none names the publication day (a morning
    edition of yesterday's news). None otherwise."""
    if not doc.published or len(doc.published) != 10:
        return None
    frames = [d for d in doc.dates if d.rule in FRAME_RULES and d.value and d.text[:1].isalpha()]
    counts = Counter(d.value for d in frames)
    if not counts or doc.published in counts:
        return None
    top = counts.most_common(1)[0][0]
    try:
        day_before = (date.fromisoformat(doc.published) - timedelta(days=1)).isoformat()
    except ValueError:  # a URL's impossible day ("/2019/02/31/")
        return None
    if top != day_before:
        return None
    return next(d for d in frames if d.value == top)


def date_statements(doc: Document, events: Iterable[Event]) -> None:
    """The dates of an article's events, decided in its context after either coder:
    - a date that belongs to an event noun between the trigger and it is dropped
      (`_embedded`): "menyalahkan Iran atas serangan drone ... Sabtu dini hari
      (14/9/2019)" dates the attack, not the accusation;
    - an event with no date of its own in a sentence that points back at an earlier
      day ("Di hari yang sama", "Saat itu") takes the nearest day named before it
      within ANAPHOR_SENTENCES sentences, moved by the days a phrase counts from it
      ("Sehari kemudian", "Keesokan harinya"; `_anaphoric`);
    - an event with no date expression in its sentence, when the next sentence reports it
      ("Hal itu disampaikan ... Jumat (14/4/2017)", "\"...,\" kata Emerson, Jumat
      (14/4/2017)") and names a day, takes that day (`_reported_after`): docs/annotation.md
      (section 2) dates a statement's events by its frame. With it and session 18's models,
      of the train split's 3,593 strictly matched events 2,870 carry the annotators'
      date, not 2,857 (dev: 282 of 338, not 279);
    - events still dated by publication only take the `statement_day` when the article
      has one: they are the statement's events, which docs/annotation.md (section 2)
      dates by the frame ("explicit"), the publication date being the next day. On the
      train split 119 such events took that day and 89 the publication date (dev: 36
      and 7)."""
    events = list(events)
    context = _Context(doc)
    for event in sorted(events, key=lambda e: (e.sentence_start, e.trigger_start)):
        if event.date_basis in ("explicit", "relative"):
            _drop_embedded(context, event)
        if event.date_basis == "publication":
            _anaphoric(context, event)
        if event.date_basis == "publication":
            _reported_after(context, event)
        context.dated.append(event)
    day = statement_day(doc)
    if day is None:
        return
    for event in events:
        if event.date_basis == "publication":
            event.date, event.date_precision, event.date_basis, event.date_text = day.value, "day", "explicit", day.text


class _Context:
    """One article's dates, sentences and the spans its context rules look at, each found
    once (a long article with many events stays linear)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.dates = sorted(doc.dates, key=lambda d: d.start)
        self.date_starts = [d.start for d in self.dates]
        self.sentence_starts = [s.start for s in doc.sentences]
        self.pointing: dict[int, bool] = {}
        self.dated: list[Event] = []  # the events whose dates are settled, in text order

    def dates_between(self, lo: int, hi: int) -> list[DateExpr]:
        """The expressions that start in [lo, hi)."""
        return self.dates[bisect.bisect_left(self.date_starts, lo):bisect.bisect_left(self.date_starts, hi)]

    @cached_property
    def embedded(self) -> tuple[list[int], list[int]]:
        """Starts and ends of every event noun after a link word ("atas serangan")."""
        found = [m.span() for m in date_grammar().embedded_event.finditer(self.doc.text)]
        return [a for a, _ in found], [b for _, b in found]

    def embedded_between(self, lo: int, hi: int) -> bool:
        starts, ends = self.embedded
        i = bisect.bisect_left(starts, lo)
        return i < len(starts) and ends[i] <= hi

    def day_offset(self, event: Event) -> tuple[str, int] | None:
        """The phrase of the event's clause that counts days from an earlier day, with its
        days, or None: "Sehari kemudian, Zumi dicegah", "menewaskan 30 warga ... sehari
        kemudian"; not one after a "yang" that follows the trigger, the day of another act
        ("menangkap Zumi, yang sehari sebelumnya ...")."""
        text = self.doc.text
        found = date_grammar().day_offset.search(text, event.sentence_start, event.sentence_end)
        if found is None or (found.start() > event.trigger_start
                             and RELATIVE.search(text, event.trigger_end, found.start()) is not None):
            return None
        days = date_grammar().offset_days(found)
        return None if days is None else (found.group(), days)

    def sentence_index(self, event: Event) -> int:
        """The index of the event's sentence in the article."""
        return bisect.bisect_right(self.sentence_starts, event.sentence_start) - 1

    def reports_before(self, sentence: Sentence) -> bool:
        """Whether a sentence reports the one before it: it opens with a noun and a
        demonstrative ("Hal itu disampaikan", "Pertemuan tersebut digelar") or holds a
        verb of saying after a comma or a closing quote ("..., kata Emerson")."""
        opening, frame = _report_patterns()
        text = self.doc.text
        return (opening.match(text, sentence.start, sentence.end) is not None
                or frame.search(text, sentence.start, sentence.end) is not None)

    def points_back(self, event: Event) -> bool:
        """Whether the event's sentence points back at an earlier day ("Saat itu")."""
        if event.sentence_start not in self.pointing:
            self.pointing[event.sentence_start] = date_grammar().anaphor.search(
                self.doc.text, event.sentence_start, event.sentence_end) is not None
        return self.pointing[event.sentence_start]


@cache
def _report_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`_Context.reports_before`'s patterns, from clauses.yaml's `anaphoric_subjects`,
    `demonstratives` and `postposed_frame_words`."""
    grammar = load_grammar()
    subjects, demonstratives, saying = ("|".join(map(re.escape, sorted(words))) for words in (
        grammar.anaphoric_subjects, grammar.demonstratives, grammar.postposed_frame_words))
    return (re.compile(rf"\W*(?:{subjects})\s+(?:{demonstratives})(?!\w)", re.IGNORECASE),
            re.compile(rf"[,\"”]\s*(?:{saying})(?!\w)", re.IGNORECASE))


def _embedded(context: _Context, event: Event, expression: DateExpr) -> bool:
    """Whether an event noun after a link word ("atas serangan", "dalam pemilu") stands
    between the trigger and a later date: the date is that noun's; unless a verb of
    saying after a comma or a closing quote comes before the date ("bertanggung jawab
    atas serangan itu," kata Hoffman, pada hari Kamis): it is the statement's."""
    return (expression.start >= event.trigger_end and context.embedded_between(event.trigger_end, expression.start)
            and _report_patterns()[1].search(context.doc.text, event.trigger_end, expression.start) is None)


def _set_date(event: Event, expression: DateExpr | None, published: str | None) -> None:
    if expression is not None:
        event.date, event.date_precision, event.date_basis = expression.value, expression.precision, expression.basis
        event.date_text = expression.text
    elif published:
        event.date, event.date_precision, event.date_basis = published, iso_precision(published) or "day", "publication"
        event.date_text = None


def _drop_embedded(context: _Context, event: Event) -> None:
    """An event dated by an expression of its sentence that `_embedded` gives to another
    event takes the nearest other one that can date it, else the publication date."""
    in_sentence = context.dates_between(event.sentence_start, event.sentence_end)
    chosen = [d for d in in_sentence if d.text == event.date_text and d.value == event.date]
    if not chosen or not all(_embedded(context, event, d) for d in chosen):
        return
    published = context.doc.published
    usable = [d for d in event_dates(in_sentence, published, event.certainty) if not _embedded(context, event, d)]
    _set_date(event, nearest_date(usable, event.trigger_start), published)


RELATIVE = re.compile(r"(?<!\w)yang(?!\w)", re.IGNORECASE)  # opens a relative clause: another act's day
# How far back a sentence pointing at an earlier day ("saat itu") looks for it.
ANAPHOR_SENTENCES = 5


def _reported_after(context: _Context, event: Event) -> None:
    """The last day named in the sentence after the event's when that sentence reports the
    event's (`_Context.reports_before`) and the event's names no date."""
    index = context.sentence_index(event)
    if index + 1 >= len(context.sentence_starts) or context.dates_between(event.sentence_start, event.sentence_end):
        return
    after = context.doc.sentences[index + 1]
    if not context.reports_before(after):
        return
    published = context.doc.published
    days = [d for d in event_dates(context.dates_between(after.start, after.end), published, event.certainty)
            if d.precision == "day"]
    if days:
        _set_date(event, days[-1], published)


def _anaphoric(context: _Context, event: Event) -> None:
    """The nearest day named within ANAPHOR_SENTENCES sentences before an event whose
    sentence points back at it ("Saat itu"), or that day moved by the days its sentence
    counts from it ("Sehari kemudian"; from the publication day only when it counts back
    and no day is named before). An event told in a sentence after that day's is nearer:
    its day, publication day included, is the one pointed at. On the corpus this changes
    nothing (its train split's dates are the same); on corpus/recent it dates three more
    events as the annotators did."""
    offset = context.day_offset(event)
    if offset is None and not context.points_back(event):
        return
    index = context.sentence_index(event)
    earliest = context.sentence_starts[max(0, index - ANAPHOR_SENTENCES)]
    published = context.doc.published
    before = [d for d in event_dates(context.dates_between(earliest, event.sentence_start), published, event.certainty)
              if d.end <= event.sentence_start and d.precision == "day"]
    told = next((e for e in reversed(context.dated) if e.sentence_start < event.sentence_start), None)
    if (told is not None and told.sentence_start >= earliest and told.date and told.date_precision == "day"
            and (not before or before[-1].end <= told.sentence_start)):
        # the day of the act told last, when no day is named after it ("Pada hari yang sama"
        # after "... mengecam penahanan tersebut" dated by publication, not the "8 Januari
        # 2020" of a background sentence before it)
        before = [DateExpr(told.trigger_start, told.trigger_end, told.date_text or "", told.date, "day", "relative", "event")]
    if offset is None:
        if before:
            _set_date(event, before[-1], published)
        return
    phrase, days = offset
    day = before[-1].value if before else published if days < 0 else None  # never past the publication day
    try:
        moved = (date.fromisoformat(day) + timedelta(days=days)).isoformat() if day and len(day) == 10 else None
    except ValueError:  # a URL's impossible day ("/2019/02/31/")
        return
    if moved is not None:
        event.date, event.date_precision, event.date_basis, event.date_text = moved, "day", "relative", phrase
