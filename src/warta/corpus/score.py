"""Score the coder and the entity finder against the annotated corpus.

Events: a predicted event matches a gold event of the same article when their
evidence sentences overlap, the PLOVER type is the same (`plover_type`: an expected
meeting is AGREE, as annotators code it) and the actor and recipient countries are the
same (either order for reciprocal types): that is *strict* F1. On the strictly matched
pairs the scorer also measures date, certainty and quantity accuracy; on pairs matched
by sentence and type only, actor and recipient country accuracy. Negated events are
left out on both sides (the text says they did not happen).

Entities: a predicted named mention matches a gold mention with the same span and
country (`name+country`); span-only and type scores are reported beside it.

Overall F1 gets a 95 % bootstrap interval over articles, so two coders' figures can
be told apart from noise.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..document import Document, Event
from ..events.plover import ontology, plover_type
from ..scores import Score

NONE = "-"


@dataclass
class Counts:
    """What one article (or a whole split) adds up to."""

    strict: Score = field(default_factory=Score)
    by_type: dict[str, Score] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)  # (gold type, predicted type) on overlapping sentences
    actor: list[int] = field(default_factory=lambda: [0, 0])  # right, compared (type-matched pairs)
    recipient: list[int] = field(default_factory=lambda: [0, 0])
    date: list[int] = field(default_factory=lambda: [0, 0])  # on strictly matched pairs
    certainty: list[int] = field(default_factory=lambda: [0, 0])
    quantity: list[int] = field(default_factory=lambda: [0, 0])  # strict pairs with a gold quantity

    def add(self, other: Counts) -> None:
        self.strict.add(other.strict)
        for kind, score in other.by_type.items():
            self.by_type.setdefault(kind, Score()).add(score)
        self.confusion.update(other.confusion)
        for name in ("actor", "recipient", "date", "certainty", "quantity"):
            pair, theirs = getattr(self, name), getattr(other, name)
            pair[0] += theirs[0]
            pair[1] += theirs[1]


@dataclass(frozen=True)
class Predicted:
    """A predicted event reduced to what scoring compares."""

    type: str
    sentence: tuple[int, int]
    actor: str | None
    recipient: str | None
    date: str | None
    certainty: str
    quantities: tuple[float, ...]

    @classmethod
    def of(cls, event: Event) -> Predicted:
        return cls(plover_type(event.event_type, event.certainty), (event.sentence_start, event.sentence_end),
                   event.actor.country if event.actor else None, event.recipient.country if event.recipient else None,
                   event.date, event.certainty, tuple(q.value for q in event.quantities if q.value is not None))


def _reciprocal(kind: str) -> bool:
    return bool(ontology()["event_types"].get(kind, {}).get("reciprocal"))


def _countries(gold: dict[str, Any]) -> tuple[str | None, str | None]:
    return ((gold.get("actor") or {}).get("country"), (gold.get("recipient") or {}).get("country"))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_pair(kind: str, pair: tuple[str | None, str | None], wanted: tuple[str | None, str | None]) -> bool:
    return pair == wanted or (_reciprocal(kind) and pair == wanted[::-1])


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def score_article(gold_events: list[dict[str, Any]], predicted: list[Predicted]) -> Counts:
    counts = Counts()
    golds = [g for g in gold_events if not g.get("negated")]
    counts.strict.gold, counts.strict.predicted = len(golds), len(predicted)
    for g in golds:
        counts.by_type.setdefault(g["type"], Score()).gold += 1
    for p in predicted:
        counts.by_type.setdefault(p.type, Score()).predicted += 1
    free = set(range(len(predicted)))
    # Strict matches first, so that a looser pairing never takes a strict partner.
    strict: list[tuple[dict, Predicted]] = []
    for g in golds:
        sentence = tuple(g["sentence"])
        hit = next((i for i in sorted(free) if _overlap(predicted[i].sentence, sentence) and predicted[i].type == g["type"]
                    and _same_pair(g["type"], (predicted[i].actor, predicted[i].recipient), _countries(g))), None)
        if hit is not None:
            free.discard(hit)
            strict.append((g, predicted[hit]))
            counts.strict.true_positives += 1
            counts.by_type[g["type"]].true_positives += 1
    matched = {id(g) for g, _ in strict}
    typed = list(strict)
    for g in golds:
        if id(g) in matched:
            continue
        sentence = tuple(g["sentence"])
        same_type = next((i for i in sorted(free) if _overlap(predicted[i].sentence, sentence) and predicted[i].type == g["type"]), None)
        if same_type is not None:
            free.discard(same_type)
            typed.append((g, predicted[same_type]))
            counts.confusion[(g["type"], g["type"])] += 1
            continue
        other = next((i for i in sorted(free) if _overlap(predicted[i].sentence, sentence)), None)
        counts.confusion[(g["type"], predicted[other].type if other is not None else NONE)] += 1
        if other is not None:
            free.discard(other)
    counts.confusion.update((g["type"], g["type"]) for g, _ in strict)
    for i in free:
        counts.confusion[(NONE, predicted[i].type)] += 1
    for g, p in typed:
        actor, recipient = _countries(g)
        pair_right = _same_pair(g["type"], (p.actor, p.recipient), (actor, recipient))
        swapped = _reciprocal(g["type"]) and (p.actor, p.recipient) == (recipient, actor)
        counts.actor[0] += pair_right if swapped else p.actor == actor
        counts.actor[1] += 1
        counts.recipient[0] += pair_right if swapped else p.recipient == recipient
        counts.recipient[1] += 1
    for g, p in strict:
        counts.date[0] += p.date == ((g.get("date") or {}).get("value"))
        counts.date[1] += 1
        counts.certainty[0] += p.certainty == g.get("certainty")
        counts.certainty[1] += 1
        wanted = [q["value"] for q in g.get("quantities") or [] if isinstance(q.get("value"), (int, float))]
        if wanted:
            counts.quantity[0] += all(any(_same_value(w, v) for v in p.quantities) for w in wanted)
            counts.quantity[1] += 1
    return counts


def bootstrap_f1(per_article: list[Score], rounds: int = 1000, seed: int = 13) -> tuple[float, float]:
    """95 % interval of the pooled F1 over articles resampled with replacement."""
    if not per_article:
        return 0.0, 0.0
    rng = random.Random(seed)
    values = []
    for _ in range(rounds):
        total = Score()
        for s in rng.choices(per_article, k=len(per_article)):
            total.add(s)
        values.append(total.f1)
    values.sort()
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


@dataclass
class EventReport:
    counts: Counts
    interval: tuple[float, float]
    articles: int


def score_events(records: list[dict[str, Any]], documents: dict[str, Document]) -> EventReport:
    total, per_article = Counts(), []
    for record in records:
        doc = documents[record["doc"]]
        read = [tuple(s) for s in record["sentences"]]  # a partial record scores only the sentences it lists
        predicted = [Predicted.of(e) for e in doc.events
                     if not e.negated and any(_overlap((e.sentence_start, e.sentence_end), s) for s in read)]
        counts = score_article(record["events"], predicted)
        total.add(counts)
        per_article.append(counts.strict)
    return EventReport(total, bootstrap_f1(per_article), len(records))


@dataclass
class EntityReport:
    name_country: Score
    span: Score
    typed: Score
    interval: tuple[float, float]
    by_type: dict[str, Score]
    articles: int
    # [right, matched] of the country on span-matched mentions, by what gave it
    # (Mention.country_basis; "none" where no country was given)
    by_basis: dict[str, list[int]] = field(default_factory=dict)


# The entity stage's sources of named mentions; the event stage's inferred participants
# (pronouns, anaphors, generic phrases) are no names.  A coreference mention is a name
# too: a lone "Retno" or "Kalla", a short form defined in parentheses ("KPK"), each a
# form the annotation lists and matches at every occurrence (docs/annotation.md, 1, 3).
NAMED_SOURCES = frozenset({"gazetteer", "title", "office", "model", "name-run", "coreference"})


def score_entities(records: list[dict[str, Any]], documents: dict[str, Document]) -> EntityReport:
    """Named mentions with countries: warta's mentions of the named sources against the gold spans."""
    name_country, span, typed, per_article = Score(), Score(), Score(), []
    by_type: dict[str, Score] = {}
    by_basis: dict[str, list[int]] = {}
    for record in records:
        gold = {(e["start"], e["end"]): e for e in record["entities"]}
        mentions = [m for m in documents[record["doc"]].mentions if m.source in NAMED_SOURCES]
        article = Score(predicted=len(mentions), gold=len(gold))
        for entity in gold.values():
            by_type.setdefault(entity["type"], Score()).gold += 1
        for m in mentions:
            hit = gold.get((m.start, m.end))
            kind = hit["type"] if hit else m.type
            by_type.setdefault(kind, Score()).predicted += 1
            if hit:
                span.true_positives += 1
                typed.true_positives += hit["type"] == m.type
                basis = by_basis.setdefault(m.country_basis or "none", [0, 0])
                basis[0] += hit["country"] == m.country
                basis[1] += 1
                if hit["country"] == m.country:
                    article.true_positives += 1
                    by_type[kind].true_positives += 1
        for s in (span, typed):
            s.predicted += len(mentions)
            s.gold += len(gold)
        name_country.add(article)
        per_article.append(article)
    return EntityReport(name_country, span, typed, bootstrap_f1(per_article), by_type, len(records), by_basis)
