"""Attribution and certainty: the frames that say who claims an event ("kata Lim", "menurut X"),
the cues that say how sure the text is ("diperkirakan akan"), and negation."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, Event, Participant
from ..language.entities.gazetteer import STATE_SECTORS
from .codebook import TypeInfo
from .grammar import Certainty, Frame, Grammar
from .roles import find_subject, np_after, participant, pick_participant
from .triggers import Trigger
from .view import DocState, SentenceView

CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»"})
OPENING_QUOTES = frozenset({'"', "“", "‘", "«"})


@dataclass
class Attribution:
    source: Participant | None
    certainty: str
    lo: int  # tokens of the sentence it covers
    hi: int


def _source_after(view: SentenceView, k: int, grammar: Grammar) -> Participant | None:
    """The source named after a frame: "kata Lim", "menurut laporan media Rusia"."""
    m = _source_mention(view, k, grammar)
    return participant(view.mentions[m]) if m >= 0 else None


def _source_mention(view: SentenceView, k: int, grammar: Grammar) -> int:
    """The mention of the source named from token k on (or -1)."""
    return pick_participant(view, np_after(view, k, view.n, grammar), allow_location=False)


def parenthetical_sources(view: SentenceView, frames: list[tuple[int, int, Frame]], grammar: Grammar) -> set[int]:
    """The sources of frames set off by a comma after them ("Pejabat Suriah itu,
    sebagaimana diberitakan Xinhua, ... mendesak", "Tujuh ormas itu, kata Yusri,
    berunjuk rasa"): they only report, so they are neither the subject of what
    follows nor the country of a body named after them. Without the comma, or with
    an adjunct after it, the source is the subject ("kata Aris Budiman saat
    menghadiri rapat", "ujar Suwarno, usai melakukan penyidikan")."""
    sources = set()
    for _, end, frame in frames:
        m = _source_mention(view, end, grammar) if frame.side == "after" else -1
        k = view.m_last[m] if m >= 0 else view.n
        if k + 1 < view.n and view.low[k] == "," and view.low[k + 1] not in grammar.speaker_adjuncts:
            sources.add(m)
    return sources


def find_frames(view: SentenceView, grammar: Grammar, certainty: Certainty) -> list[tuple[int, int, Frame]]:
    """Attribution frames of the sentence, longest first where they overlap."""
    found = []
    for i, end, frame in certainty.frames.matches(view, 0, view.n):
        if frame.postposed and (i == 0 or view.low[i - 1] not in (",", *CLOSING_QUOTES)):
            continue
        found.append((i, end, frame))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept, reach = [], -1
    for i, end, frame in found:
        if i >= reach:
            kept.append((i, end, frame))
            reach = end
    return kept


def find_attributions(view: SentenceView, frames: list[tuple[int, int, Frame]], triggers: list[Trigger], grammar: Grammar,
                  state: DocState) -> tuple[list[Attribution], Attribution | None, Attribution | None]:  # fmt: skip
    """Who the sentence's events are attributed to. Also returns an attribution that
    reaches back to the previous sentence(s): a passive frame after an anaphoric
    subject, or a postposed frame closing a quote opened earlier."""
    n = view.n
    result: list[Attribution] = []
    back = quote_back = None
    for i, end, frame in frames:
        if any(t.first <= i and end <= t.last and t.span > end - i for t in triggers):
            continue  # "menyatakan * kesiapan" is an AGREE trigger, not a frame
        if frame.side == "before" and not frame.pronoun:
            subject, _ = find_subject(view, i, grammar)
            source = participant(view.mentions[subject[0]]) if subject else None
            if source is None:
                continue
            if end < n:  # "Korut menyatakan tidak akan pernah menegosiasikan ...": Korut negotiates
                clause = view.clause[end]
                view.clause_subject[clause] = subject
                if clause + 1 < len(view.clauses) and view.low[view.clauses[clause + 1][0]] in grammar.complementisers:
                    view.clause_subject[clause + 1] = subject
            result.append(Attribution(source, frame.certainty, end, n))
            if source.type == "PERSON":
                state.last_speaker = source
            continue
        source = state.last_speaker if frame.pronoun else _source_after(view, end, grammar)
        if source is not None and source.type == "PERSON":
            state.last_speaker = source
        if frame.postposed or frame.pronoun:
            attribution = Attribution(source, frame.certainty, 0, i)
            result.append(attribution)
            if i > 0 and view.low[i - 1] in CLOSING_QUOTES and not any(view.low[k] in OPENING_QUOTES for k in range(0, i - 1)):
                quote_back = attribution
            continue
        if frame.passive and not any(t.first < i for t in triggers) and _anaphoric_start(view, i, grammar):
            back = Attribution(source, frame.certainty, 0, 0)
            continue
        result.append(Attribution(source, frame.certainty, 0, n))
    return result, back, quote_back


def _anaphoric_start(view: SentenceView, before: int, grammar: Grammar) -> bool:
    """Does the sentence open with "Hal ini", "Kesepakatan tersebut", ...?"""
    for k in range(0, min(before, 4)):
        if view.low[k] in grammar.demonstratives:
            return any(view.low[j] in grammar.anaphoric_subjects for j in range(0, k))
    return False


@dataclass
class Cues:
    """Certainty, negation and background cues of one sentence."""

    predicate: list[tuple[int, int, str]]  # (start, end, certainty)
    clause: list[tuple[int, int, str]]
    sentence: list[str]  # unconfirmed / denied anywhere
    estimating: list[int]  # token positions of estimating verbs before a number
    negators: list[tuple[int, int, str]]
    unconfirmed_from: int  # a negated confirmation verb: events after it are unconfirmed
    denied_from: int  # "membantah bahwa ...": events after it are denied
    background: list[int]  # token positions of background markers (certainty.yaml), outside quotes


def find_cues(view: SentenceView, triggers: list[Trigger], certainty: Certainty, grammar: Grammar) -> Cues:
    n = view.n
    inside = [False] * n
    for t in triggers:
        for k in range(t.first, t.last):
            inside[k] = True
    raw = [(i, end, value) for i, end, value in certainty.cues.matches(view, 0, n) if not inside[i]]
    raw.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    predicate, clause, sentence, estimating = [], [], [], []
    reach = -1
    for i, end, (value, scope) in raw:
        if i < reach:
            continue  # the longest cue wins: "diperkirakan akan" over "diperkirakan"
        reach = end
        if scope == "predicate":
            predicate.append((i, end, value))
        elif scope == "clause":
            if value in ("unconfirmed", "denied"):
                sentence.append(value)
            clause.append((i, end, value))
        elif view.low[i] in grammar.estimating_verbs and not view.in_quantity[i]:
            if any(view.tokens[k].text[:1].isdigit() for k in range(end, min(n, end + 3))):
                estimating.append(i)
    negators = [(i, end, value) for i, end, value in certainty.negation.matches(view, 0, n) if not inside[i]]
    negators.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept, reach = [], -1
    for item in negators:
        if item[0] >= reach:
            kept.append(item)
            reach = item[1]
    unconfirmed_from = denied_from = n
    for i, end, value in predicate:
        if value == "denied" and view.low[i] in grammar.denial_verbs:
            k = end
            while k < n and view.low[k] not in grammar.complementisers and k - end < 2:
                k += 1
            if k < n and view.low[k] in grammar.complementisers:
                denied_from = min(denied_from, k + 1)
    for i, end, value in kept:
        if value in ("double", "affirm"):
            continue
        for k in range(end, min(n, end + grammar.limit("cue_window") + 1)):
            if view.low[k] in grammar.confirmation_verbs:
                unconfirmed_from = min(unconfirmed_from, k + 1)
                break
    background = [i for i, _, (_effect, not_after) in certainty.background.matches(view, 0, n)
                  if not inside[i] and not (i and view.low[i - 1] in not_after)]
    return Cues(predicate, clause, sentence, estimating, kept, unconfirmed_from, denied_from, background)


def _words_between(view: SentenceView, a: int, b: int) -> int:
    return sum(view.word[k] for k in range(a, b))


def certainty_of(trigger: Trigger, view: SentenceView, cues: Cues, attribution: Attribution | None, actor: Participant | None,
               grammar: Grammar) -> str:  # fmt: skip
    clause = view.clause[trigger.first]
    window = grammar.limit("cue_window")
    found = set(cues.sentence)
    for i, end, value in cues.predicate:
        if end <= trigger.first and view.clause[i] == clause and _words_between(view, end, trigger.first) <= window:
            found.add(value)
    for i, _, value in cues.clause:
        if view.clause[i] == clause:
            found.add(value)
    for i in cues.estimating:
        if view.clause[i] == clause:
            found.add("estimated")
    if trigger.first >= cues.unconfirmed_from:
        found.add("unconfirmed")
    if trigger.first >= cues.denied_from:
        found.add("denied")
    if attribution is not None:
        if attribution.certainty != "reported" or not _same_party(attribution.source, actor):
            found.add(attribution.certainty)
    for value in grammar.certainty_precedence:
        if value in found:
            return value
    return "asserted"


def _same_party(source: Participant | None, actor: Participant | None) -> bool:
    """Does the source speak of its own act (a ministry announcing its sanctions)?"""
    if source is None or actor is None:
        return False
    if source.key is not None and source.key == actor.key:
        return True
    state = lambda p: p.type == "COUNTRY" or p.sector in STATE_SECTORS  # noqa: E731
    return source.country is not None and source.country == actor.country and state(source) and state(actor)


def negation_of(trigger: Trigger, view: SentenceView, cues: Cues, info: TypeInfo, grammar: Grammar) -> tuple[bool, bool]:
    """(negated, possible): a negator within `cue_window` words before the trigger;
    "bukan tidak mungkin" is a double negation, read as possible."""
    clause = view.clause[trigger.first]
    window = grammar.limit("cue_window")
    negated = possible = False
    for k in range(max(0, trigger.first - window), trigger.first):
        if view.low[k] in grammar.prohibitives and view.clause[k] == clause:
            negated = True
    for i, end, value in cues.negators:
        if end > trigger.first or view.clause[i] != clause or _words_between(view, end, trigger.first) > window:
            continue
        if value == "affirm":
            continue  # "Tak cuma itu, AS menuduh ...": not only, so it happened
        if value == "double":
            possible, negated = True, False
        elif value == "conflict" and info.quad == 4:
            continue
        else:
            negated = True
    return negated, possible


def quote_opening(doc: Document, views: list[SentenceView], index: int, grammar: Grammar) -> int:
    """The sentence where the quote closed in sentence `index` opened."""
    for j in range(index - 1, max(-1, index - grammar.limit("quote_sentences") - 1), -1):
        if any(low in OPENING_QUOTES for low in views[j].low[:2]):
            return j
    return index


def attribute_back(coded: list[tuple[Event, Attribution | None]], attribution: Attribution, grammar: Grammar) -> None:
    for event, existing in coded:
        if existing is not None or event.attribution is not None:
            continue
        event.attribution = attribution.source
        if attribution.certainty != "reported" or not _same_party(attribution.source, event.actor):
            event.certainty = stronger(event.certainty, attribution.certainty, grammar)


def stronger(a: str, b: str, grammar: Grammar) -> str:
    order = grammar.certainty_precedence
    return a if order.index(a) <= order.index(b) else b
