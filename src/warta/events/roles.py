"""Roles: the actor and the recipient of a trigger, found among the mentions of its clause
by where each noun phrase stands (`Position`): subject, object, or after a preposition."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..document import Mention, Participant
from .codebook import Needs
from .grammar import Grammar
from .phrases import Words, phrase_at, phrase_words
from .triggers import Trigger, is_nominal
from .view import ACTOR_TYPES, SentenceView


class Position(Enum):
    """Where a noun phrase stands, told by the word before it (`np_start`)."""

    SUBJECT = "subject"  # nothing governs it: the clause start, a comma, a passive verb (whose agent it is)
    OBJECT = "object"  # after an active verb
    PP = "pp"  # after a preposition


class Role(Enum):
    """A participant's part in an event."""

    ACTOR = "actor"
    RECIPIENT = "recipient"


def np_after(view: SentenceView, k: int, hi: int, grammar: Grammar) -> list[int]:
    """Mentions of the noun phrase that starts at token k: up to `np_words` common
    words (capitalised words are free), names, and an apposition after a comma."""
    found: list[int] = []
    common = 0
    limit = grammar.limit("np_words")
    while k < hi:
        m = view.mention[k]
        if m >= 0:
            found.append(m)
            k = view.m_last[m]
            continue
        low = view.low[k]
        if low == "," and found and k + 1 < hi and view.mention[k + 1] >= 0 and view.mentions[view.mention[k + 1]].type == "PERSON":
            k += 1
            continue
        if low == "(" and not found:
            gloss = _gloss_end(view, k, hi)
            if gloss is not None:  # a foreign word glossing the noun: "jelai (barley) Australia"
                k = gloss
                continue
        if not view.word[k] or low in grammar.phrase_stops or low in grammar.prepositions or view.verb[k]:
            break
        if low in grammar.coordinators:
            break
        if not view.capital[k]:
            common += 1
            if common > limit or found:
                break
        k += 1
    return found


def _gloss_end(view: SentenceView, k: int, hi: int) -> int | None:
    """The token after a parenthesis of one or two lower-case words and no name that opens
    at token k ("(barley)", "(wine)"), or None."""
    j = k + 1
    while j < min(hi, k + 4) and view.word[j] and not view.capital[j] and view.mention[j] < 0:
        j += 1
    return j + 1 if 1 < j - k <= 3 and j < hi and view.low[j] == ")" else None


def can_act(mention: Mention) -> bool:
    """Can the mention act? People, organisations, countries (capitals standing for
    their government are COUNTRY mentions), a named people of a country ("pengungsi
    Rohingya") and sector nouns ("polisi"); not places."""
    return (mention.type in ACTOR_TYPES or mention.source == "generic"
            or (mention.type == "OTHER" and mention.country is not None))  # fmt: skip


def pick_participant(view: SentenceView, found: list[int], allow_location: bool) -> int:
    """The participant of a phrase's mentions: the person of an apposition ("pemimpin
    Korea Utara Kim Jong Un"), else the first actor-capable name, else a place that
    belongs to a country (it stands for the place's government or people)."""
    mentions = view.mentions
    for a, b in zip(found, found[1:]):
        if mentions[a].type in ("COUNTRY", "ORG") and mentions[b].type == "PERSON":
            return b
    for m in found:
        if can_act(mentions[m]):
            return m
    if allow_location:
        for m in found:
            if mentions[m].type == "LOCATION" and mentions[m].country:
                return m
    return -1


def np_start(view: SentenceView, first: int, lo: int, grammar: Grammar, depth: int = 0) -> tuple[int, Position]:
    """Walk back from a mention over its noun phrase; returns the phrase's first token
    and its `Position`: PP after a preposition, OBJECT after an active verb, else SUBJECT.
    A conjunct has the position of the first conjunct ("dengan China dan Rusia": PP)."""
    k, common = first - 1, 0
    start = first
    while k >= lo:
        if (view.low[k] == "," and k - 1 >= lo and k + 1 == start and view.mention[k - 1] >= 0
                and view.mention[start] >= 0 and view.mentions[view.mention[start]].type == "PERSON"
                and view.mentions[view.mention[k - 1]].type != "PERSON"):  # fmt: skip
            k -= 1  # an apposition: "oleh Presiden Rusia, Vladimir Putin"
            continue
        if view.low[k] in grammar.coordinators and depth < grammar.limit("max_coordinated"):
            j = k - 1
            while j >= lo and view.low[j] == ",":
                j -= 1
            if j < lo:
                return start, Position.SUBJECT
            return start, np_start(view, j + 1, lo, grammar, depth + 1)[1]
        m = view.mention[k]
        if m >= 0:
            k = view.m_first[m] - 1
            start = k + 1
            continue
        low = view.low[k]
        if low in grammar.prepositions:
            return start, Position.PP
        if view.verb[k]:  # after a passive the name is its agent, the doer: "diutarakan Trump saat bertelepon"
            return start, Position.SUBJECT if view.tokens[k].prefix == "di" else Position.OBJECT
        if not view.word[k] or low in grammar.phrase_stops or low in grammar.coordinators:
            return start, Position.SUBJECT
        common += 1
        if common > grammar.limit("np_words"):
            return start, Position.SUBJECT
        start = k
        k -= 1
    return start, Position.SUBJECT


def _coordinated(view: SentenceView, m: int, lo: int, grammar: Grammar) -> list[int]:
    """A subject with the conjuncts before it: "AS, Korea Selatan, dan Ukraina"."""
    result = [m]
    if m in view.pair:
        return [m, view.pair[m]]
    start, _ = np_start(view, view.m_first[m], lo, grammar)
    link_seen = False
    while len(result) < grammar.limit("max_coordinated"):
        k = start - 1
        if k < lo:
            break
        low = view.low[k]
        if low in grammar.coordinators:
            link_seen = True
        elif not (low == "," and link_seen):
            break
        j, skipped = k - 1, 0
        while j >= lo and view.mention[j] < 0 and skipped <= 2 and (view.low[j] == "," or view.word[j]):
            if view.low[j] in grammar.phrase_stops or view.verb[j]:
                break
            skipped += view.word[j]
            j -= 1
        if j < lo or view.mention[j] < 0:
            break
        n = view.mention[j]
        if not can_act(view.mentions[n]):
            break
        start, role = np_start(view, view.m_first[n], lo, grammar)
        if role is Position.PP:
            break
        result.insert(0, n)
    return result


def find_subject(view: SentenceView, trigger_first: int, grammar: Grammar, limit: int | None = None,
             actor_only: bool = True) -> tuple[list[int], list[str]]:  # fmt: skip
    """The subject before a predicate: the nearest name that is neither inside a
    prepositional phrase nor an object, with its conjuncts; also the common words of
    its phrase (to tell "tentara Korea Utara" from "Korea Utara")."""
    lo, _ = view.clauses[view.clause[trigger_first]]
    rel = view.rel[trigger_first]
    k, words = trigger_first - 1, 0
    while k >= lo:
        if view.rel[k] >= 0 and view.rel[k] != rel:
            k -= 1
            continue
        if rel >= 0 and k == view.rels[rel][0]:
            antecedent = view.rels[rel][2]
            if antecedent >= 0 and view.mention[antecedent] >= 0:
                m = view.mention[antecedent]
                if can_act(view.mentions[m]) or not actor_only:
                    return _coordinated(view, m, lo, grammar), []
            return [], []
        m = view.mention[k]
        if m >= 0:
            start, role = np_start(view, view.m_first[m], lo, grammar)
            capable = (can_act(view.mentions[m]) or (not actor_only and view.mentions[m].country)) and (
                m not in view.frame_sources)
            if words == 0 and (role is Position.OBJECT or (role is Position.PP and start > lo and view.low[start - 1] in grammar.absolute_prepositions)):
                role = Position.SUBJECT  # right before the verb: "membuat Teheran menuduh", "dengan Putin juga menawarkan"
            if capable and role is Position.SUBJECT:
                head = _example_head(view, start, lo, grammar)
                if head >= 0:
                    return _coordinated(view, head, lo, grammar), []
                head_words = [view.low[j] for j in range(start, view.m_first[m]) if view.mention[j] < 0]
                return _coordinated(view, m, lo, grammar), head_words
            k = view.m_first[m] - 1
            words += 1
        else:
            if view.word[k] and not view.in_date[k] and view.low[k] not in grammar.predicate_adverbs:
                words += 1
            k -= 1
        if limit is not None and words > limit:
            break
    if rel < 0 and actor_only and view.clause[trigger_first] in view.clause_subject:
        return view.clause_subject[view.clause[trigger_first]], []
    return [], []


def _example_head(view: SentenceView, start: int, lo: int, grammar: Grammar) -> int:
    """The name a list of examples illustrates, when the phrase starting at token
    `start` is one of them (clauses.yaml `example_markers`): the nearest name before
    the marker that can act and heads its phrase, with no verb between (or -1)."""
    markers = [(i, end) for i, end, _ in grammar.example_markers.matches(view, lo, start)
               if not any(view.verb[k] for k in range(end, start))]  # fmt: skip
    if not markers:
        return -1
    k = markers[-1][0] - 1
    while k >= lo and not view.verb[k]:
        m = view.mention[k]
        if m >= 0 and can_act(view.mentions[m]) and np_start(view, view.m_first[m], lo, grammar)[1] is Position.SUBJECT:
            return m
        k = view.m_first[m] - 1 if m >= 0 else k - 1
    return -1


def _recipient_by_prep(view: SentenceView, k: int, hi: int, preps: tuple[Words, ...], grammar: Grammar, rel: int) -> int:
    """The first name after one of `preps`, from token k to the clause end `hi`,
    stopping at a new active predicate. A complementiser listed in `preps` ("meminta
    agar Myanmar ...") may introduce it from the next clause."""
    start, n = k, view.n
    if rel >= 0:
        hi = min(hi, view.rels[rel][1])  # not out of the trigger's relative clause
    if k > 0 and any(words == (view.low[k - 1],) for words in preps):
        m = pick_participant(view, np_after(view, k, hi, grammar), allow_location=True)  # "sanksi * terhadap | Korea Utara"
        if m >= 0:
            return m
    while k < n:
        if k >= hi:
            if k == hi and view.low[k] in grammar.complementisers and (view.low[k],) in preps:
                hi = view.clauses[view.clause[k]][1]
            else:
                break
        matched = False
        for words in preps:
            end = phrase_at(view, words, k, hi)
            if end is not None:
                while end + 1 < hi and view.low[end] in grammar.coordinators and view.low[end + 1] in grammar.prepositions:
                    end += 2  # "ke dan dari Pyongyang": coordinated prepositions share their object
                m = pick_participant(view, np_after(view, end, hi, grammar), allow_location=True)
                if m >= 0:
                    return m
                matched = True
                break
        if not matched and k > start and view.tokens[k].prefix in ("meN", "ber") and view.rel[k] == rel:
            break
        k += 1
    return -1


def _between(view: SentenceView, k: int, hi: int, grammar: Grammar) -> tuple[int, int]:
    """"antara X dan Y" after token k in the clause (before another verb): both
    parties. With one of them unnamed, the named one is returned first."""
    for j in range(k, min(hi, k + 8)):
        if view.verb[j] and j > k:
            break
        if view.low[j] not in grammar.between:
            continue
        if j > k and view.low[j - 1] != "," and not view.in_date[j - 1]:
            break  # "hubungan antara X dan Y": the pair belongs to another noun
        x = pick_participant(view, np_after(view, j + 1, hi, grammar), allow_location=False)
        if x >= 0 and x in view.pair:
            return x, view.pair[x]
        p = j + 1
        while p < hi and view.low[p] not in grammar.coordinators and not view.verb[p] and p - j < 10:
            p += 1
        y = -1
        if p < hi and view.low[p] in grammar.coordinators:
            y = pick_participant(view, np_after(view, p + 1, hi, grammar), allow_location=False)
        return (x, y) if x >= 0 else (y, -1)
    return -1, -1


def _agent(view: SentenceView, trigger: Trigger, hi: int, grammar: Grammar) -> int:
    """The agent of a passive: the phrase right after the verb, or after "oleh"."""
    k = trigger.last
    if k < hi and view.low[k] not in grammar.prepositions:
        m = pick_participant(view, np_after(view, k, hi, grammar), allow_location=False)
        if m >= 0:
            return m
    while k < hi:
        if view.low[k] in grammar.agent_prepositions:
            return pick_participant(view, np_after(view, k + 1, hi, grammar), allow_location=False)
        if view.verb[k] or view.low[k] in grammar.clause_marks:
            break
        k += 1
    return -1


@dataclass
class Roles:
    actors: list[int] = field(default_factory=list)
    recipients: list[int] = field(default_factory=list)


def find_roles(trigger: Trigger, view: SentenceView, grammar: Grammar) -> Roles:
    """Actor and recipient mentions of a trigger (see the package docstring, step 3)."""
    needs = trigger.entry.needs
    head = view.tokens[trigger.first]
    lo, hi = view.clauses[view.clause[trigger.first]]
    rel = view.rel[trigger.first]
    preps = needs.recipient_prep or grammar.recipient_prepositions
    roles = Roles()
    if head.voice == "passive":
        agent = _agent(view, trigger, hi, grammar)
        patient, head_words = find_subject(view, trigger.first, grammar, limit=grammar.limit("patient_words"), actor_only=False)
        moved = bool(needs.object_nouns) and any((w,) in needs.object_nouns for w in head_words)
        if agent < 0 and patient and moved:
            # "11.000 tentara Korea Utara ... dipindahkan ke ...": the owner moves them
            roles.actors = patient
            m = _recipient_by_prep(view, trigger.last, hi, preps, grammar, rel)
            roles.recipients = [m] if m >= 0 else []
        else:
            roles.actors = [agent] if agent >= 0 else []
            roles.recipients = patient[:1] if patient else []
            if not roles.recipients:
                m = _recipient_by_prep(view, trigger.last, hi, preps, grammar, rel)
                roles.recipients = [m] if m >= 0 else []
            if not roles.actors and not roles.recipients:
                x, y = _between(view, trigger.last, hi, grammar)
                roles.actors, roles.recipients = [x] if x >= 0 else [], [y] if y >= 0 else []
    elif is_nominal(view, trigger, grammar):
        x, y = _between(view, trigger.last, hi, grammar)
        if x >= 0 or y >= 0:
            roles.actors = [x] if x >= 0 else []
            roles.recipients = [y] if y >= 0 else []
        else:
            genitive, role = _genitive(view, trigger, hi, grammar)
            doer = _light_passive_agent(view, trigger.last, hi, grammar)
            if doer < 0 and trigger.event_type in grammar.source_types and trigger.last < hi:
                doer = _source(view, trigger.last, hi, grammar)
            if doer >= 0:
                roles.actors = _coordinated_after(view, doer)
            elif genitive >= 0 and role is Role.ACTOR:
                roles.actors = _coordinated_after(view, genitive)
            elif _subject_does(view, trigger, grammar):
                roles.actors, _ = find_subject(view, trigger.first, grammar)
            m = genitive if role is Role.RECIPIENT else _recipient_by_prep(view, trigger.last, hi, preps, grammar, rel)
            roles.recipients = [m] if m >= 0 else []
    else:
        roles.actors, _ = find_subject(view, trigger.first, grammar)
        object_first = needs.direct_object or head.suffix != "kan"
        direct, reach = -1, hi
        if trigger.last == hi < view.n and view.low[hi] not in grammar.complementisers:
            # a reporting verb ends its clause: "Qatar menuding | Saudi mempolitisir ..."
            reach = view.clauses[view.clause[hi]][1]
        if head.prefix in ("meN", "ber") or head.prefix is None:
            if trigger.last < reach and view.low[trigger.last] not in grammar.prepositions:
                direct = pick_participant(view, np_after(view, trigger.last, reach, grammar), allow_location=True)
                if direct >= 0 and _is_theme(view.mentions[direct], needs):
                    direct = -1  # "mengerahkan pasukan": the troops are what is moved
        by_prep = _recipient_by_prep(view, trigger.last, hi, preps, grammar, rel)
        doer = _object_doer(view, trigger.last, hi, grammar) if direct < 0 else -1
        order = (direct, doer, by_prep) if object_first else (by_prep, direct, doer)
        recipient = next((m for m in order if m >= 0), -1)
        roles.recipients = [recipient] if recipient >= 0 else []
        if not roles.actors and not roles.recipients:
            x, y = _between(view, trigger.last, hi, grammar)
            roles.actors, roles.recipients = [x] if x >= 0 else [], [y] if y >= 0 else []
    if trigger.doers >= 0:  # the trigger names its doers: "pengunjuk rasa", "pelaku bom bunuh diri"
        roles.actors = [trigger.doers]
    if needs.swap_roles:
        roles.actors, roles.recipients = roles.recipients[:1], roles.actors[:1]
    if not roles.recipients and trigger.complement is not None:
        borrowed = find_roles(trigger.complement, view, grammar)
        roles.recipients = borrowed.recipients
    return roles


def _genitive(view: SentenceView, trigger: Trigger, hi: int, grammar: Grammar) -> tuple[int, Role | None]:
    """The party named right after a nominal trigger and its role: the doer in
    "kunjungan Kozlov", "invasi Rusia", "kunjungan resmi delegasi Rusia"; after the
    entry's object noun, the owner of the thing acted on, who is the actor for the
    types of `owner_is_actor` ("pengiriman pasukan Korea Utara") and the recipient
    otherwise ("pengusiran diplomat India"). Not the owner of another noun:
    "pelonggaran sanksi PBB" gives (-1, None)."""
    k, words, after_noun = trigger.first + 1, 0, False
    object_nouns = trigger.entry.needs.object_nouns
    people = grammar.sector_nouns.index
    owned = False  # an object noun stands between: the name owns the thing acted on
    while k < hi and words <= grammar.limit("np_words"):
        m = view.mention[k]
        if m >= 0:
            found = pick_participant(view, np_after(view, k, hi, grammar), allow_location=False)
            if owned and trigger.event_type not in grammar.owner_is_actor:
                return found, Role.RECIPIENT
            return found, Role.ACTOR
        low = view.low[k]
        owned = owned or (k >= trigger.last and any((key,) in object_nouns for key in view.keys[k]))
        noun = view.head_noun[k] or any(key in people or (key,) in object_nouns for key in view.keys[k])
        # a count may stand before the noun: "pengusiran 15 diplomat Iran"
        allowed = (k < trigger.last or noun or after_noun or low in grammar.determiners
                   or low in grammar.predicate_adverbs or view.in_quantity[k])  # fmt: skip
        if not view.word[k] or view.verb[k] or low in grammar.prepositions or not allowed:
            return -1, None
        after_noun = noun  # one word may qualify such a noun: "pejabat tinggi Rusia"
        words += k >= trigger.last
        k += 1
    return -1, None


def _subject_does(view: SentenceView, trigger: Trigger, grammar: Grammar) -> bool:
    """Is the clause subject the doer of a nominal trigger? After a light verb
    ("melancarkan serangan"), with a possessive ("kunjungannya"), or right after the
    subject ("Korut Tolak Dialog")."""
    if view.tokens[trigger.first].suffix == "nya" or view.keys[trigger.first][-1] != view.low[trigger.first]:
        return True
    k = trigger.first - 1
    while k >= 0 and (view.low[k] in grammar.predicate_adverbs or view.low[k] in grammar.determiners):
        k -= 1
    return k >= 0 and (view.low[k] in grammar.light_verbs or view.low[k] in grammar.executive_verbs
                       or view.mention[k] >= 0)  # fmt: skip


def _source(view: SentenceView, k: int, hi: int, grammar: Grammar) -> int:
    """"aksi penembakan | dari India", "kecaman | dari Indonesia": the party named after
    a source preposition right after a noun of an act (or -1)."""
    if view.low[k] not in grammar.source_prepositions:
        return -1
    return pick_participant(view, np_after(view, k + 1, hi, grammar), allow_location=False)


def _light_passive_agent(view: SentenceView, k: int, hi: int, grammar: Grammar) -> int:
    """"serangan yang dilakukan (oleh) X", "penembakan oleh X": X, the doer of the
    noun's act (or -1)."""
    if k < hi and view.low[k] in grammar.agent_prepositions:
        return pick_participant(view, np_after(view, k + 1, hi, grammar), allow_location=False)
    if k + 1 < hi and view.low[k] == "yang" and view.low[k + 1] in grammar.light_passives:
        j = k + 2
        if j < hi and view.low[j] in grammar.agent_prepositions:
            j += 1
        return pick_participant(view, np_after(view, j, hi, grammar), allow_location=False)
    return -1


def _object_doer(view: SentenceView, k: int, hi: int, grammar: Grammar) -> int:
    """The doer of the act an object noun names, given by a passive relative clause:
    "menyesalkan ancaman | yang diluncurkan Korut", "menolak gencatan senjata | yang
    dideklarasikan oleh ARSA" (or -1)."""
    common = 0
    while (k < hi and common < grammar.limit("np_words") and view.word[k] and not view.verb[k] and view.mention[k] < 0
           and view.low[k] not in grammar.phrase_stops and view.low[k] not in grammar.prepositions):  # fmt: skip
        common += 1
        k += 1
    if not common or k + 1 >= hi or view.low[k] != "yang" or view.tokens[k + 1].prefix != "di":
        return -1
    j = k + 2
    if j < hi and view.low[j] in grammar.agent_prepositions:
        j += 1
    return pick_participant(view, np_after(view, j, hi, grammar), allow_location=False)


def _is_theme(mention: Mention, needs: Needs) -> bool:
    """A sector noun that is one of the entry's object nouns is the thing acted on."""
    return mention.source == "generic" and phrase_words(mention.name) in needs.object_nouns


def subject_pair(view: SentenceView, grammar: Grammar) -> list[int]:
    """The first "kedua negara" of the sentence that is a subject (not "di perbatasan
    kedua negara"): the parties of a mutual act named by a noun with no party in its
    clause ("adalah perjanjian makanan untuk senjata, ..., meskipun kedua negara belum
    mengkonfirmasi ...")."""
    for m in sorted(view.pair):
        lo, _ = view.clauses[view.clause[view.m_first[m]]]
        if np_start(view, view.m_first[m], lo, grammar)[1] is Position.SUBJECT:
            return [m, view.pair[m]]
    return []


def _coordinated_after(view: SentenceView, m: int) -> list[int]:
    return [m, view.pair[m]] if m in view.pair else [m]


def participant(m: Mention, sector: str | None = None) -> Participant:
    """A participant from its mention; `sector` (from a head noun) fills a missing one,
    and replaces a country's ("pemerintah Rusia" is GOV, "militer Amerika" MIL)."""
    if sector is None or (m.sector is not None and m.type != "COUNTRY"):
        sector = m.sector
    return Participant(m.text, m.start, m.end, m.name, m.type, m.country, sector, m.key)
