"""Assembling events: the `code_events` stage runs the coder's steps over each sentence
and turns each trigger with its participants into `Event` records (see the package
docstring for what each step does)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..document import Document, Event, Participant, Quantity, Sentence
from ..language.entities.countries import leading_home
from ..language.entities.gazetteer import STATE_SECTORS
from ..language.tokens import tokenize
from ..settings import Options
from .attribution import (Attribution, Cues, attribute_back, certainty_of, find_attributions, find_cues, find_frames,
                          negation_of, parenthetical_sources, quote_opening, stronger)
from .candidates import newsroom
from .codebook import Ontology, TypeInfo, load_ontology
from .date_place import date_event, date_statements, find_location
from .grammar import Grammar, load_certainty, load_grammar
from .inferred import (add_dual_anaphors, add_neighbour_anaphors, add_pronouns, add_sector_heads, countries_before,
                       own_state_bodies, remember_head_person)
from .phrases import find_free_phrase, find_phrase
from .roles import find_roles, participant, subject_pair
from .triggers import Trigger, govern, is_nominal, sentence_triggers
from .view import ACTOR_TYPES, INFERRED, DocState, SentenceView, participant_mentions, segment_clauses

Coded = list[tuple[Event, Attribution | None]]  # a sentence's events, each with the attribution it got there


@dataclass(frozen=True)
class SentenceContext:
    """What every trigger of one sentence is coded against."""

    doc: Document
    sentence: Sentence
    view: SentenceView
    triggers: list[Trigger]
    cues: Cues
    attributions: list[Attribution]
    ontology: Ontology
    grammar: Grammar


def code_events(doc: Document, options: Options) -> Document:
    """Code the PLOVER events of every sentence of `doc` into `doc.events`."""
    doc.events, doc.codebook_hits = [], []
    if not doc.text or not doc.sentences:
        return doc
    views = _views(doc)
    named = [m for m in doc.mentions if m.type in ACTOR_TYPES and m.country]
    state = DocState(named, [m.start for m in named], leading_home(doc.text, doc.mentions, newsroom(doc)))
    state.sports = doc.domain_words = _sports_counts(doc, views, load_ontology()) if views else {}
    grammar = load_grammar()
    per_sentence: list[Coded] = []
    for index, (sentence, view) in enumerate(zip(doc.sentences, views)):
        if not view.n:
            per_sentence.append([])
            continue
        coded, back, quote_back = _code_sentence(doc, index, view, state)
        per_sentence.append(coded)
        for event, _ in coded:
            if event.actor is not None and event.actor.key and event.recipient is not None:
                state.told[(event.event_type, event.actor.key)] = (index, event)
        if back is not None and index > 0:
            attribute_back(per_sentence[index - 1], back, grammar)
        if quote_back is not None:
            opened = quote_opening(doc, views, index, grammar)
            for j in range(opened, index):
                attribute_back(per_sentence[j], quote_back, grammar)
    doc.events = [event for coded in per_sentence for event, _ in coded]
    date_statements(doc, doc.events)
    known = {id(m) for m in doc.mentions}
    doc.inferred = [m for view in views for m in view.mentions if id(m) not in known]
    return doc


def _views(doc: Document) -> list[SentenceView]:
    """One view per sentence, with the tokens, mentions, dates and quantities inside it."""
    tokens = doc.tokens if doc.tokens else tokenize(doc.text, doc.sentences)
    token_starts = [t.start for t in tokens]
    mention_starts = [m.start for m in doc.mentions]
    date_starts = [d.start for d in doc.dates]
    quantity_starts = [q.start for q in doc.quantities]
    views = []
    for s in doc.sentences:
        a, b = bisect.bisect_left(token_starts, s.start), bisect.bisect_left(token_starts, s.end)
        ma, mb = bisect.bisect_left(mention_starts, s.start), bisect.bisect_left(mention_starts, s.end)
        dates = doc.dates[bisect.bisect_left(date_starts, s.start) : bisect.bisect_left(date_starts, s.end)]
        quantities = doc.quantities[bisect.bisect_left(quantity_starts, s.start) : bisect.bisect_left(quantity_starts, s.end)]
        views.append(SentenceView.build(tokens[a:b], participant_mentions(list(doc.mentions[ma:mb]), quantities, tokens[a:b]),
                                         dates, quantities))
    return views


def _code_sentence(doc: Document, index: int, view: SentenceView,
                   state: DocState) -> tuple[Coded, Attribution | None, Attribution | None]:  # fmt: skip
    """The events of sentence `index`, and the attributions that reach back to the
    sentences before it (see `find_attributions`)."""
    ontology, certainty, grammar = load_ontology(), load_certainty(), load_grammar()
    add_dual_anaphors(view, doc, index, grammar, state.named, state.named_starts)
    add_neighbour_anaphors(view, doc, index, grammar, state.named, state.named_starts)
    add_pronouns(view, index, state, grammar)
    remember_head_person(view, index, state)
    frames = find_frames(view, grammar, certainty)
    view.frame_sources = parenthetical_sources(view, frames, grammar)
    before = countries_before(view)
    own_state_bodies(view, grammar, state.home, before)
    add_sector_heads(view, grammar, state.home, before)
    breaks = {end - 1 for i, end, frame in frames if frame.side == "before" and not frame.pronoun}
    segment_clauses(view, grammar, breaks)
    triggers = _triggers(view, grammar, ontology, state)
    doc.codebook_hits.extend((t.start, t.end, t.event_type, t.entry.id) for t in triggers)
    attributions, back, quote_back = find_attributions(view, frames, triggers, grammar, state)
    ctx = SentenceContext(doc, doc.sentences[index], view, triggers, find_cues(view, triggers, certainty, grammar),
                          attributions, ontology, grammar)  # fmt: skip
    coded, seen = [], set()
    for trigger in triggers:
        nominal = is_nominal(view, trigger, grammar)
        for event, attribution in _events(trigger, ctx):
            if nominal:
                _resume(event, index, state, grammar)
            key = (event.event_type, event.actor and event.actor.key, event.recipient and event.recipient.key)
            if key not in seen:  # two triggers of one type for one dyad: one event
                seen.add(key)
                coded.append((event, attribution))
    return _drop_partial(coded), back, quote_back


def _triggers(view: SentenceView, grammar: Grammar, ontology: Ontology, state: DocState) -> list[Trigger]:
    """The sentence's triggers, governed complements out, at most `max_triggers_per_sentence`."""
    triggers = sentence_triggers(view, grammar, state.sports)
    for trigger in triggers:  # a trigger word is no participant, unless it names the
        for k in range(trigger.first, trigger.last):  # doers ("pengunjuk rasa", "demonstran")
            m = view.mention[k]
            if m >= 0 and view.mentions[m].source in INFERRED:
                if view.mentions[m].source == "generic" and view.m_first[m] == trigger.first:
                    trigger.doers = m  # the head names the doers; a later word is the object
                view.mention[k] = -1
    return govern(triggers, view, grammar, ontology)[: grammar.limit("max_triggers_per_sentence")]


def _sports_counts(doc: Document, views: list[SentenceView], ontology: Ontology) -> dict[str, int]:
    counts = {}
    for name, words in ontology.domains.items():
        found = set()
        for view in views:
            found.update(value for _, _, value in words.matches(view, 0, view.n))
        counts[name] = len(found)
    return counts


def _resume(event: Event, index: int, state: DocState, grammar: Grammar) -> None:
    """A noun naming an act and only its doer ("Selama kunjungan Kozlov, ...") refers to
    the act of that doer told a few sentences before ("Kozlov ... bertemu dengan ...
    Kim Jong Un" on Sunday): it takes that act's recipient, and its date when the
    sentence gives none of its own."""
    if event.recipient is not None or event.actor is None or not event.actor.key:
        return
    index_told, told = state.told.get((event.event_type, event.actor.key), (-1, None))
    if told is None or index - index_told > grammar.limit("anaphor_sentences"):
        return
    event.recipient = told.recipient
    if event.date_basis in (None, "publication") and told.date:
        event.date, event.date_precision, event.date_basis = told.date, told.date_precision, told.date_basis
        event.date_text = told.date_text


def _drop_partial(coded: Coded) -> Coded:
    """Drop an event missing a party that another event of its type in the sentence
    names, with the same other party: "Para militan menembak dan menewaskan seorang
    tentara Pakistan" is one attack on Pakistan, not also one on no one."""
    def key(p: Participant | None) -> tuple[str | None, int]:
        return (None, -1) if p is None else (p.key, -1) if p.key else (p.name, p.start)  # a sector noun: its mention

    def partial(e: Event) -> bool:
        return any(o is not e and o.event_type == e.event_type and (
            (e.recipient is None and o.recipient is not None and key(o.actor) == key(e.actor))
            or (e.actor is None and o.actor is not None and key(o.recipient) == key(e.recipient)))
            for o, _ in coded)  # fmt: skip

    return [(event, attribution) for event, attribution in coded if not partial(event)]


def _events(trigger: Trigger, ctx: SentenceContext) -> Coded:
    """The events of one trigger: its type (which a partner or a purpose may change),
    then one event per actor-recipient pair (`_pairs`) that the type allows."""
    view, grammar, entry = ctx.view, ctx.grammar, trigger.entry
    event_type = entry.event_type
    roles = find_roles(trigger, view, grammar)
    actors = [m for m in roles.actors if m >= 0][: grammar.limit("max_coordinated")]
    recipients = [m for m in roles.recipients if m >= 0]
    if not actors and not recipients and view.pair and ctx.ontology.types[event_type].reciprocal:
        if is_nominal(view, trigger, grammar):
            actors = subject_pair(view, grammar)
    partner = len(actors) > 1 or bool(recipients)
    if entry.needs.partner and not partner:
        return []
    if entry.needs.if_partner and partner:
        event_type = entry.needs.if_partner
    lo, hi = view.clauses[view.clause[trigger.first]]
    for purpose_type, phrases in entry.needs.if_purpose:
        if find_phrase(view, phrases, trigger.last, hi) >= 0:
            event_type = purpose_type
            break
    info = ctx.ontology.types[event_type]
    events: Coded = []
    seen = set()
    for actor, recipient in _pairs(trigger, info, actors, recipients, view, grammar):
        if _same_state(actor, recipient):
            recipient = None
        if actor is None and recipient is None:
            continue
        if (info.requires_recipient and recipient is None) or (event_type in grammar.requires_actor and actor is None):
            continue
        if event_type == "CONSULT" and any(p is not None and p.sector in grammar.press_sectors for p in (actor, recipient)):
            continue  # a press contact ("ditemui wartawan"), not a consultation
        key = (actor.key if actor else None, recipient.key if recipient else None)
        if key in seen:
            continue
        seen.add(key)
        events.append(_event(trigger, info, actor, recipient, ctx))
        if len(events) >= grammar.limit("max_events_per_trigger"):
            break
    return events


def _pairs(trigger: Trigger, info: TypeInfo, actors: list[int], recipients: list[int],
           view: SentenceView, grammar: Grammar) -> list[tuple[Participant | None, Participant | None]]:  # fmt: skip
    """(actor, recipient) of each event: coordinated actors without a recipient act
    together (first -> second) for a reciprocal type or after "saling", else each
    alone; with a recipient, each acts on it; one actor acts on each recipient."""
    mentions = view.mentions
    part = lambda m: participant(mentions[m], sector=view.sector.get(m))  # noqa: E731
    if len(actors) > 1 and not recipients:
        mutual = trigger.first > 0 and view.low[trigger.first - 1] in grammar.reciprocal_markers
        if info.reciprocal or mutual or trigger.entry.needs.partner or actors[0] in view.pair:
            return [(part(actors[0]), part(actors[1]))]
        return [(part(a), None) for a in actors]
    if len(actors) > 1:
        r = part(recipients[0])
        if info.reciprocal and any(mentions[a].key == r.key for a in actors):
            other = next(a for a in actors if mentions[a].key != r.key)
            return [(part(other), r)]
        return [(part(a), r) for a in actors]
    actor = part(actors[0]) if actors else None
    return [(actor, part(r)) for r in recipients] or [(actor, None)]


def _event(trigger: Trigger, info: TypeInfo, actor: Participant | None, recipient: Participant | None,
           ctx: SentenceContext) -> tuple[Event, Attribution | None]:  # fmt: skip
    """One event of type `info` between `actor` and `recipient`, with its mode, context,
    place, quantities, attribution, certainty, negation, score and date."""
    view, grammar, entry, event_type = ctx.view, ctx.grammar, trigger.entry, info.name
    lo, hi = view.clauses[view.clause[trigger.first]]
    clause_start, clause_end = view.tokens[lo].start, view.tokens[hi - 1].end
    attribution = next((a for a in reversed(ctx.attributions) if a.lo <= trigger.first < a.hi), None)
    negated, possible = negation_of(trigger, view, ctx.cues, info, grammar)
    certainty = certainty_of(trigger, view, ctx.cues, attribution, actor, grammar)
    if possible:
        certainty = stronger(certainty, "possible", grammar)
    free = _free_tokens(view, trigger, ctx.triggers)
    mode = _mode(trigger, event_type, info, view, lo, hi, free)
    context = list(entry.context)
    for name in info.typical_contexts:
        if name not in context and find_free_phrase(view, ctx.ontology.contexts[name], lo, hi, free):
            context.append(name)
    score = info.score
    if mode is not None and info.modes.get(mode) is not None:
        score = info.modes[mode]
    event = Event(
        event_type=event_type,
        rule=entry.id,
        sentence_start=ctx.sentence.start,
        sentence_end=ctx.sentence.end,
        trigger_start=trigger.start,
        trigger_end=trigger.end,
        actor=actor,
        recipient=recipient,
        mode=mode,
        context=context,
        location=find_location(trigger, event_type, mode, view, grammar, lo, hi),
        quantities=_quantities(view, view.clause[trigger.first], grammar),
        attribution=attribution.source if attribution else None,
        certainty=certainty,
        negated=negated,
        score=score,
    )
    date_event(event, trigger, view, ctx.doc, ctx.sentence, clause_start, clause_end, ctx.cues)
    return event, attribution


def _quantities(view: SentenceView, c: int, grammar: Grammar) -> list[Quantity]:
    """The quantities of clause `c`, and of the clause it hangs on when it opens with a
    `same_event_openers` word: the one before it, or after it at the sentence's start."""
    spans = [view.clauses[c]]
    if view.low[spans[0][0]] in grammar.same_event_openers and len(view.clauses) > 1:
        spans.append(view.clauses[c - 1] if c > 0 else view.clauses[c + 1])
    bounds = [(view.tokens[lo].start, view.tokens[hi - 1].end) for lo, hi in spans]
    return [q for q in view.quantities if any(start <= q.start and q.end <= end for start, end in bounds)]


def _same_state(actor: Participant | None, recipient: Participant | None) -> bool:
    """Is the recipient the actor itself: the same entity, or a state and one of its
    own bodies ("Rusia ... pemerintah Rusia")? Two bodies or officials of one state
    are two parties ("Trump memerintahkan kepada Kementerian Luar Negeri")."""
    if actor is None or recipient is None:
        return False
    if actor.key is not None and actor.key == recipient.key:
        return True
    state = lambda p: p.type == "COUNTRY" or p.sector in STATE_SECTORS  # noqa: E731
    return (actor.country is not None and actor.country == recipient.country and "COUNTRY" in (actor.type, recipient.type)
            and state(actor) and state(recipient))  # fmt: skip


def _free_tokens(view: SentenceView, trigger: Trigger, triggers: list[Trigger]) -> list[bool]:
    """Tokens a mode or context cue may come from: not another event's trigger
    ("mengunjungi" does not make the summit in the same clause a visit)."""
    free = [view.mention[k] < 0 or view.mentions[view.mention[k]].source in INFERRED for k in range(view.n)]
    for other in triggers:
        if other is not trigger and other is not trigger.complement:
            for k in range(other.first, other.last):
                free[k] = False
    return free


def _mode(trigger: Trigger, event_type: str, info: TypeInfo, view: SentenceView, lo: int, hi: int, free: list[bool]) -> str | None:
    """The entry's mode, else its complement's, else the entry's cues, else the type's
    cues found in the clause; a mode that is not one of the type's is dropped."""
    entry = trigger.entry
    if event_type != entry.event_type and not any(t == event_type for t, _ in entry.needs.if_purpose):
        return None  # if_partner: the entry's mode belongs to its own type
    candidates = [entry.mode, trigger.mode]
    for cues in (entry.cues, info.mode_cues):
        candidates.extend(mode for mode, words in cues if find_free_phrase(view, words, lo, hi, free))
    return next((mode for mode in candidates if mode is not None and mode in info.modes), None)
