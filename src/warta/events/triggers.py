"""Triggers: the codebook entries that match a sentence, with the vetoes of their `needs`,
overlaps settled (`settle_triggers`), and complements folded into the trigger that governs them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import simplemma

from ..document import Sentence, Token
from ..language.tokens import tokenize
from .codebook import Entry, Ontology, load_codebook, load_ontology
from .grammar import Grammar, load_grammar
from .phrases import Words, find_phrase, phrase_at
from .view import INFERRED, SentenceView, segment_clauses


@dataclass
class Trigger:
    """A codebook entry matched over tokens [first, last) of a sentence."""

    entry: Entry
    first: int
    last: int
    start: int = 0  # character offsets in the text
    end: int = 0
    specific: int = 0  # 1 when the entry's object_nouns were satisfied
    mode: str | None = None  # set by a complement
    complement: Trigger | None = None
    doers: int = -1  # a sector noun inside the trigger: "pengunjuk rasa", "demonstran"

    @property
    def event_type(self) -> str:
        return self.entry.event_type

    @property
    def span(self) -> int:
        return self.last - self.first


def _window(view: SentenceView, first: int, last: int, words: int) -> tuple[int, int]:
    """Tokens reaching `words` words before `first` and after `last`, in the clause."""
    lo_clause, hi_clause = view.clauses[view.clause[first]]
    lo, count = first, 0
    while lo > lo_clause and count < words:
        lo -= 1
        count += view.word[lo]
    hi, count = last, 0
    while hi < hi_clause and count < words:
        count += view.word[hi]
        hi += 1
    return lo, hi


DOMAIN_WORDS = 6  # an article with this many distinct words of a domain ("sports") is of it


def _vetoed(trigger: Trigger, view: SentenceView, grammar: Grammar, ontology: Ontology, sports_in_doc: dict[str, int]) -> bool:
    """Do the entry's `needs` (the ones words alone decide) rule this match out?"""
    needs = trigger.entry.needs
    first, last = trigger.first, trigger.last
    n = view.n
    if any(view.mention[k] >= 0 and view.mentions[view.mention[k]].source not in INFERRED for k in (first, last - 1)):
        return True  # "Organisasi Kerja Sama Islam", "Partai Solidaritas Indonesia" (a gap may hold a name)
    if last - first == 1 and _modifier(view, first, grammar):
        return True  # "kapal perang", "ruang rapat": the word qualifies the noun before it
    if view.in_quantity[first] and view.tokens[first].prefix != "meN":
        return True  # "131,6 ribu kunjungan": the noun is what is counted
    for words in needs.not_next:
        if phrase_at(view, words, last, n) is not None:
            return True
    for words in needs.not_prev:
        k = first - len([w for w in words if w is not None])
        if k >= 0 and phrase_at(view, words, k, first) == first:
            return True
    if needs.not_in_sentence and find_phrase(view, needs.not_in_sentence, 0, n) >= 0:
        return True
    if needs.sentence_has and find_phrase(view, needs.sentence_has, 0, n) < 0:
        return True
    lo_clause, hi_clause = view.clauses[view.clause[first]]
    if needs.not_in_clause and find_phrase(view, needs.not_in_clause, lo_clause, hi_clause) >= 0:
        return True
    if needs.object_nouns:
        lo, hi = _window(view, first, last, grammar.limit("object_noun_window"))
        if find_phrase(view, needs.object_nouns, lo, first) < 0 and find_phrase(view, needs.object_nouns, last, hi) < 0:
            return True
        trigger.specific = 1
    for domain in needs.not_domain:
        if domain not in view.domain_words:  # counted once per sentence
            view.domain_words[domain] = len({value for _, _, value in ontology.domains[domain].matches(view, 0, n)})
        if view.domain_words[domain] >= 2 or sports_in_doc.get(domain, 0) >= DOMAIN_WORDS:
            return True
    return False


def _modifier(view: SentenceView, k: int, grammar: Grammar) -> bool:
    """Is the bare root noun at k the second half of a noun compound?"""
    token = view.tokens[k]
    if k == 0 or token.prefix is not None or token.suffix is not None or token.voice is not None:
        return False
    if not _is_root(view.low[k]):
        return False  # a word the morphology could not take apart ("didiskualifikasi") may be a verb
    before = view.tokens[k - 1]
    low = view.low[k - 1]
    return (view.word[k - 1] and not view.capital[k - 1] and before.prefix is None and before.suffix is None
            and low not in grammar.phrase_stops and low not in grammar.prepositions and low not in grammar.determiners
            and low not in grammar.coordinators and low not in grammar.predicate_adverbs and view.mention[k - 1] < 0
            and not low[:1].isdigit() and low not in grammar.negation_words)  # fmt: skip


@lru_cache(maxsize=1 << 14)
def _is_root(word: str) -> bool:
    return simplemma.is_known(word, lang="id")


def settle_triggers(candidates: list[Trigger], length: int) -> list[Trigger]:
    """Overlapping matches: the longest span wins, then the more specific entry, then
    the earlier codebook line. Returns the kept triggers in text order."""
    taken = [False] * length
    kept = []
    for trigger in sorted(candidates, key=lambda t: (-t.span, -t.specific, t.entry.order, t.first)):
        if any(taken[trigger.first : trigger.last]):
            continue
        for k in range(trigger.first, trigger.last):
            taken[k] = True
        kept.append(trigger)
    return sorted(kept, key=lambda t: t.first)


def govern(triggers: list[Trigger], view: SentenceView, grammar: Grammar, ontology: Ontology) -> list[Trigger]:
    """Drop complements of governing triggers ("mendesak X menghentikan serangan");
    the complement gives the governing trigger its mode and lends its recipient."""
    kept: list[Trigger] = []
    governed: set[int] = set()
    window = grammar.limit("governed_window")
    for n, trigger in enumerate(triggers):
        if n in governed:
            continue
        kept.append(trigger)
        modes = ontology.complement_modes.get(trigger.event_type)
        if modes is None or n + 1 >= len(triggers):
            continue
        nxt = triggers[n + 1]
        executive = view.low[trigger.first] in grammar.executive_verbs
        if executive and nxt.first == trigger.last and is_nominal(view, nxt, grammar):
            kept.pop()  # "Kuwait memerintahkan pengusiran 15 diplomat Iran": the order is the expulsion
            continue
        words, k, blocked = 0, trigger.last, False
        while k < nxt.first:
            low = view.low[k]
            if low in grammar.clause_marks or low == "bahwa" or (low == "," and k + 1 < view.n and view.low[k + 1] in grammar.comma_conjunctions):
                blocked = True
                break
            words += view.word[k]
            k += 1
        if blocked or words > window:
            continue
        governed.add(n + 1)
        trigger.complement = nxt
        trigger.mode = modes.get(nxt.event_type)
        # the complement's own object ("bersedia membantu menengahi perundingan") and a
        # coordinated second complement ("... serangan nuklir ..., dan menghancurkan ...")
        last = nxt
        for m in range(n + 2, len(triggers)):
            after = triggers[m]
            between = range(last.last, after.first)
            if any(view.low[k] in grammar.clause_marks or view.low[k] == "bahwa" for k in between):
                break
            coordinated = any(view.low[k] in grammar.coordinators for k in between)
            if not (sum(view.word[k] for k in between) <= 1 or (coordinated and sum(view.word[k] for k in between) <= window)):
                break
            governed.add(m)
            last = after
    return kept


def _next_is(view: SentenceView, words: tuple[Words, ...], k: int) -> int:
    """The end of the longest of `words` right at token k, or -1: the trigger then
    spans it ("perjanjian makanan untuk senjata", not "perjanjian ... untuk membeli")."""
    return max((end for w in words if (end := phrase_at(view, w, k, view.n)) is not None), default=-1)


def sentence_triggers(view: SentenceView, grammar: Grammar, sports_in_doc: dict[str, int]) -> list[Trigger]:
    book, ontology = load_codebook(), load_ontology()
    candidates = []
    for i in range(view.n):
        if not view.word[i]:
            continue
        for end, entry in book.triggers.matches_at(view, i, view.n):
            if entry.needs.next_is:
                end = _next_is(view, entry.needs.next_is, end)
                if end < 0:
                    continue
            trigger = Trigger(entry, i, end, view.tokens[i].start, view.tokens[end - 1].end)
            if not _vetoed(trigger, view, grammar, ontology, sports_in_doc):
                candidates.append(trigger)
    return settle_triggers(candidates, view.n)


def match_triggers(sentence: str) -> list[Trigger]:
    """The codebook triggers of one sentence, after vetoes and overlaps (no roles).

    A pure helper for tests and for analysts trying an entry: the sentence is
    tokenised here and no entity is known, so only the word constraints apply.
    """
    tokens = tokenize(sentence, [Sentence(0, len(sentence))])
    view = SentenceView.build(tokens, [])
    grammar = load_grammar()
    segment_clauses(view, grammar, set())
    return sentence_triggers(view, grammar, {})


def _nominalised(token: Token) -> bool:
    """A noun of an act: peN-/per-/ke- forms and bare -an nouns ("serangan")."""
    return token.prefix in ("peN", "per", "ke") or (token.prefix is None and token.suffix == "an")


def is_nominal(view: SentenceView, trigger: Trigger, grammar: Grammar) -> bool:
    token = view.tokens[trigger.first]
    if _nominalised(token):
        return True
    if token.prefix is not None or token.voice is not None:
        return False
    inside = range(trigger.first + 1, trigger.last)
    if any(_nominalised(view.tokens[k]) for k in inside) and not any(view.verb[k] for k in inside):
        return True  # a noun heading an act noun: "aksi penembakan"
    before = trigger.first - 1
    if before >= 0 and (view.low[before] in grammar.prepositions or view.verb[before]):
        return True
    return trigger.last < view.n and view.mention[trigger.last] >= 0
