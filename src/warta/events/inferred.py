"""Participants the coder infers beyond the entity stage's names: "kedua negara" and
"negara tetangganya" (anaphors), "ia"/"dia" (the last person named at a sentence's head),
sector nouns ("polisi", "militer Amerika"), and the country of a state body named without one."""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..document import Document, Mention
from ..language.entities.gazetteer import STATE_SECTORS
from .grammar import Grammar
from .phrases import phrase_at
from .roles import can_act
from .view import INFERRED, DocState, SentenceView, add_mention


def add_dual_anaphors(view: SentenceView, doc: Document, sentence_index: int, grammar: Grammar, named: list[Mention],
                   named_starts: list[int]) -> None:  # fmt: skip
    """Add "kedua negara" as a pair of mentions: the two countries most named (people
    and organisations count for their country) in this and the previous
    `anaphor_sentences` sentences before it, the more recent first on a tie."""
    lo_sentence = doc.sentences[max(0, sentence_index - grammar.limit("anaphor_sentences"))].start
    for i, end, _ in grammar.dual_anaphors.matches(view, 0, view.n):
        if any(view.mention[k] >= 0 for k in range(i, end)):
            continue
        start, stop = view.tokens[i].start, view.tokens[end - 1].end
        counts: dict[str, list] = {}
        k = bisect.bisect_left(named_starts, start) - 1
        while k >= 0 and named[k].start >= lo_sentence:
            mention = named[k]
            entry = counts.setdefault(mention.country, [0, k, None])
            entry[0] += 1
            if mention.type == "COUNTRY" and entry[2] is None:
                entry[2] = mention
            k -= 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1][0], -item[1][1]))
        pair = [(code, entry[2] or named[entry[1]]) for code, entry in ranked[:2]]
        if len(pair) < 2:
            continue
        pair.sort(key=lambda item: counts[item[0]][1])  # in the order they were last named
        first = len(view.mentions)
        for code, p in pair:
            _anaphor_mention(view, i, end, doc.text[start:stop], code, p)
        view.pair[first] = first + 1
        for k in range(i, end):
            view.mention[k] = first


def _anaphor_mention(view: SentenceView, i: int, end: int, text: str, code: str, named: Mention) -> int:
    """A COUNTRY mention over tokens [i, end) standing for `code`, which `named` (a
    country, or a person or body of it) named earlier."""
    country = named.type == "COUNTRY"
    start, stop = view.tokens[i].start, view.tokens[end - 1].end
    return add_mention(view, i, end, Mention(start, stop, text, "COUNTRY", named.name if country else code, code,
                                              named.sector if country else "GOV", "anaphor",
                                              named.key if country else f"COUNTRY:{code}"))  # fmt: skip


def add_neighbour_anaphors(view: SentenceView, doc: Document, sentence_index: int, grammar: Grammar, named: list[Mention],
                        named_starts: list[int]) -> None:  # fmt: skip
    """Add "negara tetangganya" as a mention of the country last named before it in
    this and the previous `anaphor_sentences` sentences, passing over the countries
    its own sentence names before it (its subject's among them); a COUNTRY mention of
    that country names it."""
    lo_sentence = doc.sentences[max(0, sentence_index - grammar.limit("anaphor_sentences"))].start
    here = bisect.bisect_left(named_starts, doc.sentences[sentence_index].start)
    for i, end, _ in grammar.neighbour_anaphors.matches(view, 0, view.n):
        if any(view.mention[k] >= 0 for k in range(i, end)):
            continue
        start = view.tokens[i].start
        last = bisect.bisect_left(named_starts, start)
        own = {m.country for m in named[here:last]}
        window = [m for m in reversed(named[bisect.bisect_left(named_starts, lo_sentence) : last]) if m.country not in own]
        if window:
            code = window[0].country
            referent = next((m for m in window if m.type == "COUNTRY" and m.country == code), window[0])
            _anaphor_mention(view, i, end, doc.text[start : view.tokens[end - 1].end], code, referent)


def add_pronouns(view: SentenceView, index: int, state: DocState, grammar: Grammar) -> None:
    """"Ia", "dia", "beliau" stand for the person last named at a sentence's head."""
    if state.last_subject is None or index - state.last_subject[0] > grammar.limit("anaphor_sentences"):
        return
    person = state.last_subject[1]
    for k, low in enumerate(view.low):
        if low in grammar.person_pronouns and view.mention[k] < 0:
            token = view.tokens[k]
            add_mention(view, k, k + 1, Mention(token.start, token.end, token.text, "PERSON", person.name,
                                                 person.country, person.sector, "pronoun", person.key))  # fmt: skip


def remember_head_person(view: SentenceView, index: int, state: DocState) -> None:
    """Remember a person named before the first verb of the sentence (its subject)."""
    for k in range(min(view.n, 8)):
        if view.verb[k]:
            break
        m = view.mention[k]
        if m >= 0 and view.mentions[m].type == "PERSON" and view.mentions[m].source != "pronoun":
            state.last_subject = (index, view.mentions[m])
            return


def countries_before(view: SentenceView) -> list[str | None]:
    """For each token, the country of the last name of an actor with a country that
    ends before it in the sentence: whose body an unnamed "pemerintah" is. The source
    of a parenthetical frame (", sebagaimana diberitakan Xinhua,") owns nothing."""
    owners = sorted((m for i, m in enumerate(view.mentions) if can_act(m) and m.country and m.source not in INFERRED
                     and i not in view.frame_sources), key=lambda m: m.end)  # fmt: skip
    result: list[str | None] = []
    passed, country = 0, None
    for token in view.tokens:
        while passed < len(owners) and owners[passed].end <= token.start:
            country = owners[passed].country
            passed += 1
        result.append(country)
    return result


def _owner(view: SentenceView, first: int, after: int, sector: str | None, home: str | None, before: list[str | None],
           grammar: Grammar) -> str | None:  # fmt: skip
    """The country of a state body or group named without one (tokens [first, after)):
    the place right after it ("Media pemerintah di Pyongyang"), else the country named
    last before it in the sentence ("Ribuan pengungsi Rohingya berencana menuju
    Bangladesh, tapi pemerintah menolak ..."), else, for a state body, the story's
    `home` country, its dateline's ("Jakarta, CNN Indonesia-- ... Pemerintah langsung
    menyampaikan protes ke Australia")."""
    return _place_country(view, after, grammar) or before[first] or (home if sector in STATE_SECTORS else None)


def own_state_bodies(view: SentenceView, grammar: Grammar, home: str | None, before: list[str | None]) -> None:
    """A named state body or official whose name gives no country ("Kementerian Luar
    Negeri", "Wakil Presiden Cyril Ramaphosa") takes the one its context gives (see
    `_owner`), in this sentence's view only: the entity keeps its own. One that only the
    story gave a country (the outlet's home, `country_basis` "story") takes the one its
    sentence gives, if any: "Trump juga telah memerintahkan kepada Kementerian Luar
    Negeri ..." is the United States' ministry."""
    for m, mention in enumerate(view.mentions):
        if mention.sector not in STATE_SECTORS or mention.type not in ("ORG", "PERSON"):
            continue
        if mention.country is None:
            owner = _owner(view, view.m_first[m], view.m_last[m], mention.sector, home, before, grammar)
        elif mention.country_basis == "story":
            owner = _place_country(view, view.m_last[m], grammar) or before[view.m_first[m]]
        else:
            continue
        if owner is not None:
            view.mentions[m] = replace(mention, country=owner)


def add_sector_heads(view: SentenceView, grammar: Grammar, home: str | None, before: list[str | None]) -> None:
    """Sector nouns: give a following name its sector ("militer Amerika"), or stand
    as a participant of their own ("Polisi memeriksa enam saksi"), whose country
    `_owner` finds."""
    n = view.n
    reach = -1
    for i, end, (sector, name) in sorted(grammar.sector_nouns.matches(view, 0, n), key=lambda m: (m[0], -m[1])):
        if i < reach or any(view.mention[k] >= 0 for k in range(i, end)):
            continue
        reach = end
        if i > 0 and not _opens_phrase(view, i - 1, grammar):
            continue  # "peralatan militer": a modifier, not a participant
        k, common = end, 0
        if k + 1 < n and view.low[k] in grammar.office_modifiers and view.tokens[i].text[:1].isupper() \
                and view.mention[k + 1] >= 0 and view.mentions[view.mention[k + 1]].type == "COUNTRY":
            k += 1  # "Presiden sementara Suriah"; but "ditembak polisi sementara Hamas membantah"
        while k < n and view.mention[k] < 0 and view.word[k] and not view.verb[k] and common < 2:
            low = view.low[k]
            if low in grammar.prepositions or low in grammar.phrase_stops or low in grammar.coordinators:
                break
            common += 1
            k += 1
        if k < n and view.mention[k] >= 0:
            m = view.mention[k]
            if view.mentions[m].type in ("COUNTRY", "ORG", "OTHER") and view.mentions[m].source != "anaphor":
                view.sector.setdefault(m, sector)
            for j in range(i, end):
                view.head_noun[j] = True
            continue
        named = _apposed_name(view, i, grammar)
        if named >= 0:  # "Lee Seong Kweun, seorang anggota parlemen": the noun describes Lee
            for j in range(i, end):
                view.mention[j] = named
            continue
        token_start, token_end = view.tokens[i].start, view.tokens[end - 1].end
        text = " ".join(view.tokens[j].text for j in range(i, end))
        stateless = any(view.low[j] in grammar.stateless_modifiers for j in range(end, k))
        owner = None if stateless else _owner(view, i, k, sector, home, before, grammar)
        add_mention(view, i, end, Mention(token_start, token_end, text, "OTHER", name, owner, sector, "generic", None))


def _place_country(view: SentenceView, k: int, grammar: Grammar) -> str | None:
    """The country of a place right after token k ("Media pemerintah | di Pyongyang",
    "polisi | di Jakarta"): the body of that place."""
    if k + 1 < view.n and view.low[k] in grammar.locative_prepositions and view.mention[k + 1] >= 0:
        return view.mentions[view.mention[k + 1]].country
    return None


def _opens_phrase(view: SentenceView, k: int, grammar: Grammar) -> bool:
    """Can a noun after token k head its own phrase? Not after a common noun it would
    qualify ("peralatan militer"), except a bare -an noun of an act, whose doer it
    names ("serangan militan")."""
    low = view.low[k]
    token = view.tokens[k]
    if token.prefix is None and token.suffix == "an":
        return True
    return (not view.word[k] or view.verb[k] or low in grammar.prepositions or low in grammar.phrase_stops
            or low in grammar.coordinators or low in grammar.determiners or low[:1].isdigit()
            or view.tokens[k].prefix in ("ter",) or view.mention[k] >= 0)  # fmt: skip


def _apposed_name(view: SentenceView, i: int, grammar: Grammar) -> int:
    """The name before ", seorang <noun>" (or -1)."""
    for words in grammar.appositive_openers:
        size = len(words)
        k = i - size
        if k >= 1 and phrase_at(view, words, k, i) == i and view.low[k - 1] == ",":
            m = view.mention[k - 2] if k >= 2 else -1
            if m >= 0 and view.mentions[m].type in ("PERSON", "ORG"):
                return m
    return -1
