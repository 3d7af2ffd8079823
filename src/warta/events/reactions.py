"""The recipient of a reaction to an earlier act: "Zelensky mengecam serangan tersebut",
"China membantah tuduhan itu". The sentence names the act by a noun and a demonstrative,
not its doer; the doer is the actor of the article's first event of the kind the noun
names (`clauses.yaml` `reaction_nouns`, for the types of `reaction_types`)."""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..document import Document, Event, Participant
from .grammar import Grammar, load_grammar

# Words that may stand between the reacting verb and the noun ("mengecam keras serangan
# itu"), and between the noun and its demonstrative ("serangan udara Israel tersebut").
_GAP = 2


def reaction_recipients(doc: Document, events: list[Event]) -> list[Event]:
    """`events` (in document order) with each reaction that has no recipient given the
    doer of the act it reacts to, where the coder found that act in an earlier sentence."""
    grammar = load_grammar()
    starts = [t.start for t in doc.tokens]
    out = []
    for n, event in enumerate(events):
        if event.recipient is None and event.event_type in grammar.reaction_types:
            phrase = _act_phrase(doc, starts, event, grammar)
            if phrase is not None:
                start, end, kinds = phrase
                doer = _doer(events[:n], event, kinds)
                if doer is not None:
                    event = replace(event, recipient=replace(doer, text=doc.text[start:end], start=start, end=end))
        out.append(event)
    return out


def _act_phrase(doc: Document, starts: list[int], event: Event, grammar: Grammar) -> tuple[int, int, frozenset[str]] | None:
    """The span of "<act noun> ... <demonstrative>" right after the trigger, and the
    types of the act the noun names (empty: any)."""
    first = bisect.bisect_left(starts, event.trigger_end)
    last = bisect.bisect_left(starts, event.sentence_end)
    low = [t.text.lower() for t in doc.tokens[first:last]]
    for i in range(min(_GAP + 1, len(low))):
        for rest, kinds in grammar.reaction_nouns.index.get(low[i], ()):
            end = i + 1 + len(rest)
            if tuple(low[i + 1:end]) != tuple(rest):
                continue
            for j in range(end, min(end + _GAP + 1, len(low))):
                if low[j] in grammar.demonstratives:
                    return doc.tokens[first + i].start, doc.tokens[first + j].end, kinds
                if not low[j].isalpha():
                    break
        if not low[i].isalpha():
            break
    return None


def _doer(before: list[Event], event: Event, kinds: frozenset[str]) -> Participant | None:
    """The actor of the first event of the article of one of `kinds` (any when empty),
    in a sentence before the reaction, that belongs to another country than the reacting
    actor: the act the story reports on is told first. (The nearest such act gave two
    fewer right events on the recent development sets: a miscoded act between them.)"""
    own = event.actor.country if event.actor else None
    for earlier in before:
        if earlier.sentence_start >= event.sentence_start or (kinds and earlier.event_type not in kinds):
            continue
        actor = earlier.actor
        if actor is not None and actor.country and actor.country != own:
            return actor
    return None
