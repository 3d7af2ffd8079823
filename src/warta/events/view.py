"""The clause view: `SentenceView`, one sentence as the coder reads it, the state every step
reads and adds to; `segment_clauses` cuts it into clauses and relative clauses; `DocState`
is what the coder carries from one sentence to the next."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import DateExpr, Event, Mention, Participant, Quantity, Token
from .grammar import Grammar, load_grammar
from .phrases import phrase_at

CLITICS = ("nya", "lah", "pun", "kah")  # may follow any form: "kunjungannya"
INFERRED = frozenset({"anaphor", "generic", "pronoun"})  # mentions the coder adds, not the entity stage
ACTOR_TYPES = frozenset({"PERSON", "ORG", "COUNTRY"})


@lru_cache(maxsize=1 << 14)
def _keys(low: str) -> tuple[str, ...]:
    """The forms a lower-case word matches as: itself, and without an enclitic
    ("kunjungannya") or as the word of a reduplicated plural ("sanksi-sanksi")."""
    stem = next((low[: -len(c)] for c in CLITICS if low.endswith(c) and len(low) - len(c) >= 3), None)
    if stem is None and "-" in low:
        left, _, right = low.partition("-")
        stem = left if left == right else None
    return (low, stem) if stem else (low,)


@lru_cache(maxsize=1 << 14)  # a long text's words: 350 bytes each, recomputed in a microsecond
def _token_info(text: str, prefix: str | None) -> tuple[str, tuple[str, ...], bool, bool, bool, bool]:
    """(lower case, match keys, is a word, is a verb, is capitalised, may stand in a gap)."""
    low = text.lower()
    word = text[:1].isalnum()
    verb = prefix in ("meN", "di", "ber")
    return low, _keys(low), word, verb, text[:1].isupper(), word and not verb and low not in load_grammar().gap_stops


@dataclass(eq=False)
class SentenceView:
    """One sentence as the coder reads it: the state every step of the coder reads and adds to.

    `build` computes what the coder asks of each token once. Lists indexed by token
    hold one item per token; mentions are indexed by their place in `mentions`. The
    comments say which step fills a layer; until then it holds its empty value.
    """

    # the tokens (`build`)
    tokens: list[Token]
    n: int
    starts: list[int]  # each token's character offset
    low: list[str]  # lower case
    keys: list[tuple[str, ...]]  # the forms each token matches as (`_keys`)
    word: list[bool]  # a word, not punctuation
    verb: list[bool]  # a meN-, di- or ber- verb
    capital: list[bool]
    gap_ok: list[bool]  # may stand in a phrase's `*` gap
    positions: dict[str, list[int]]  # match key -> the tokens that have it
    dates: list[DateExpr]  # the sentence's dates and quantities, and the tokens inside them
    quantities: list[Quantity]
    in_date: list[bool]
    in_quantity: list[bool]
    # mentions: the entity stage's (`build`), then those the coder infers (`inferred`, `add_mention`)
    mentions: list[Mention]
    mention: list[int]  # the mention a token is inside, or -1
    m_first: list[int]  # each mention's first token
    m_last: list[int]  # and the token after its last
    pair: dict[int, int] = field(default_factory=dict)  # dual anaphor: first -> second mention
    sector: dict[int, str] = field(default_factory=dict)  # "pemerintah Rusia": the sector its head noun gives
    head_noun: list[bool] = field(default_factory=list)  # "delegasi" in "delegasi Rusia": a noun heading a name
    frame_sources: set[int] = field(default_factory=set)  # sources of parenthetical frames (`parenthetical_sources`)
    # clauses (`segment_clauses`; one clause until then)
    clause: list[int] = field(default_factory=list)  # each token's clause
    clauses: list[tuple[int, int]] = field(default_factory=list)  # each clause's tokens [start, end)
    rel: list[int] = field(default_factory=list)  # the relative clause a token is inside (an index of `rels`), or -1
    rels: list[tuple[int, int, int]] = field(default_factory=list)  # (relativiser, end, antecedent token or -1)
    clause_subject: dict[int, list[int]] = field(default_factory=dict)  # the speaker of a reported clause without subject
    domain_words: dict[str, int] = field(default_factory=dict)  # domain -> its words in the sentence (`needs.not_domain`)

    @classmethod
    def build(cls, tokens: list[Token], mentions: list[Mention], dates: list[DateExpr] | None = None,
              quantities: list[Quantity] | None = None) -> SentenceView:  # fmt: skip
        """The view of a sentence's tokens with the mentions, dates and quantities inside it."""
        n = len(tokens)
        info = [_token_info(t.text, t.prefix) for t in tokens]
        low, keys, word, verb, capital, gap_ok = (list(column) for column in zip(*info)) if info else ([], [], [], [], [], [])
        positions: dict[str, list[int]] = {}
        for i, ks in enumerate(keys):
            for k in ks:
                positions.setdefault(k, []).append(i)
        starts = [t.start for t in tokens]
        dates, quantities = dates or [], quantities or []
        view = cls(tokens, n, starts, low, keys, word, verb, capital, gap_ok, positions, dates, quantities,
                   _covered(tokens, starts, dates), _covered(tokens, starts, quantities), mentions, [-1] * n, [], [],
                   head_noun=[False] * n, clause=[0] * n, clauses=[(0, n)], rel=[-1] * n)  # fmt: skip
        for m_index, m in enumerate(mentions if n else ()):
            first = bisect.bisect_left(starts, m.start)
            last = first
            while last < n and tokens[last].end <= m.end:
                last += 1
            if last == first:  # a mention inside one token: take that token
                first = max(0, bisect.bisect_right(starts, m.start) - 1)
                last = first + 1
            for k in range(first, last):
                if view.mention[k] < 0:
                    view.mention[k] = m_index
            view.m_first.append(first)
            view.m_last.append(last)
        return view


def amounts_of_money(quantities: list[Quantity]) -> list[Quantity]:
    """The quantities that are sums of money ("600 ribu dolar AS"): no word inside one names
    a participant."""
    return [q for q in quantities if q.kind == "money"]


def after_product_noun(tokens: list[Token], k: int) -> bool:
    """Whether the word before token `k` is one of clauses.yaml's `product_nouns`: a name
    there is a make of goods ("mobil Mitsubishi Pajero", "kemasan Teh China"), not a
    participant."""
    return k > 0 and tokens[k - 1].text.lower() in load_grammar().product_nouns


def participant_mentions(mentions: list[Mention], quantities: list[Quantity], tokens: list[Token]) -> list[Mention]:
    """The sentence's mentions that can be participants: not a currency's country inside an
    amount of money (in "bantuan senilai 1,2 juta dollar AS untuk korban gempa di Myanmar"
    the United States is no participant, nor the owner of the "korban" after it), nor a
    make of goods (`after_product_noun`: Indonesian police who seize "mobil Honda" act on no
    Japanese side); a country's own name after such a noun that a recipient preposition
    opens is the goods' owner the act aims at ("tarif impor ... terhadap produk Indonesia"),
    not so "menyita 200 ponsel China"."""
    money = amounts_of_money(quantities)
    return [m for m in mentions if not any(q.start <= m.start and m.end <= q.end for q in money)
            and not _made_goods(m, tokens, bisect.bisect_left(tokens, m.start, key=lambda t: t.start))]


def _made_goods(m: Mention, tokens: list[Token], k: int) -> bool:
    """Whether a mention after a product noun names a make of goods: not a country the
    goods are aimed at ("tarif terhadap produk Indonesia", "bea masuk atas seluruh produk
    Amerika Serikat": a determiner may stand between)."""
    if not after_product_noun(tokens, k):
        return False
    grammar = load_grammar()
    before = k - 3 if k >= 3 and tokens[k - 2].text.lower() in grammar.determiners else k - 2
    aimed = before >= 0 and (tokens[before].text.lower(),) in grammar.recipient_prepositions
    return not (m.type == "COUNTRY" and aimed)


def placing_countries(mentions: list[Mention], tokens: list[Token]) -> set[tuple[int, int]]:
    """The spans of countries that only place the place before them, after a comma
    ("upacara ... di Pyongyang, Korea Utara, pada 19 Juni 2024"): North Korea there does nothing."""
    placing = set()
    for place, m in zip(mentions, mentions[1:]):
        if m.type == "COUNTRY" and place.type == "LOCATION" and place.country == m.country:
            k = bisect.bisect_left(tokens, place.end, key=lambda t: t.start)
            if k + 1 < len(tokens) and tokens[k].text == "," and tokens[k + 1].start == m.start:
                placing.add((m.start, m.end))
    return placing


def _covered(tokens: list[Token], starts: list[int], spans: list[DateExpr] | list[Quantity]) -> list[bool]:
    """For each token, whether one of `spans` covers it."""
    flags = [False] * len(tokens)
    for span in spans:
        k = bisect.bisect_left(starts, span.start)
        while k < len(tokens) and tokens[k].start < span.end:
            flags[k] = True
            k += 1
    return flags


def segment_clauses(view: SentenceView, grammar: Grammar, breaks_after: set[int]) -> None:
    """Cut the sentence into clauses and mark relative clauses (see the package docstring, step 2)."""
    n = view.n
    starts = [0]
    opens = grammar.subordinators | grammar.prepositions
    sub_open = view.low[0] in opens if n else False
    for i in range(n):
        low = view.low[i]
        start = None
        if low in grammar.clause_marks:
            start = i + 1
        elif (low in grammar.complementisers or low in grammar.clause_openers) and i > starts[-1]:
            start = i
        elif low == "," and i + 1 < n and view.low[i + 1] in grammar.comma_conjunctions:
            start = i + 1
        elif low == "," and sub_open:
            start = i + 1
        elif i in breaks_after:
            start = i + 1
        if start is not None and start > starts[-1] and start < n:
            starts.append(start)
            # a subordinate clause opened mid-sentence with no comma runs on past commas:
            # "Foto arsip ketika Presiden Rusia Vladimir Putin, kiri, dan ... Kim Jong Un berpose"
            sub_open = view.low[start] in opens and not (start == i and low in grammar.clause_openers)
    bounds = [(s, e) for s, e in zip(starts, [*starts[1:], n])]
    view.clauses = bounds
    for c, (s, e) in enumerate(bounds):
        for k in range(s, e):
            view.clause[k] = c
    heads = sorted({k for words in grammar.relativisers for k in view.positions.get(words[0], ())})
    if not heads:
        return
    for c, (s, e) in enumerate(bounds):
        k = s
        while k < e:
            if k not in heads:
                k += 1
                continue
            end = None
            for words in grammar.relativisers:
                end = phrase_at(view, words, k, e)
                if end is not None:
                    break
            if end is None:
                k += 1
                continue
            stop = _relative_end(view, end, e, grammar, restrictive=k == s or view.low[k - 1] != ",")
            antecedent = k - 1
            if antecedent >= s and view.low[antecedent] == ",":
                antecedent -= 1
            rel_index = len(view.rels)
            view.rels.append((k, stop, antecedent if antecedent >= s else -1))
            for j in range(k, stop):
                view.rel[j] = rel_index
            k = end


def _relative_end(view: SentenceView, k: int, e: int, grammar: Grammar, restrictive: bool) -> int:
    """Where a relative clause that starts its body at token k ends.

    After a comma it runs to the next comma. Without one ("langkah yang sama untuk
    memperkuat ...", "kesepakatan yang sangat baik diharapkan akan ditandatangani") it
    holds at most one verb: "yang" + adjectives ends before the next verb or "untuk";
    "yang" + verb ends before a second verb.
    """
    seen_verb = seen_word = False
    while k < e:
        low = view.low[k]
        if low == "," or low in grammar.clause_marks:
            return k
        if restrictive:
            if view.verb[k]:
                if seen_verb or seen_word:
                    return k
                seen_verb = True
            elif low in grammar.relative_ends and (seen_word or seen_verb):
                return k
            elif view.word[k] and low not in grammar.predicate_adverbs:
                seen_word = seen_word or not seen_verb
        k += 1
    return e


@dataclass
class DocState:
    """What the coder knows of the whole document and carries from one sentence to the next."""

    named: list[Mention]  # the document's named actors with a country, by start (for "kedua negara")
    named_starts: list[int]
    home: str | None  # the dateline's country (`home_country`)
    last_speaker: Participant | None = None
    last_subject: tuple[int, Mention] | None = None  # (sentence index, person named at a sentence's head)
    sports: dict[str, int] = field(default_factory=dict)
    # (type, actor key) -> (sentence index, the last event of that doer with a recipient)
    told: dict[tuple[str, str], tuple[int, Event]] = field(default_factory=dict)


def add_mention(view: SentenceView, i: int, end: int, mention: Mention) -> int:
    """A mention the coder infers (a pronoun, a sector noun) over tokens [i, end)."""
    index = len(view.mentions)
    view.mentions.append(mention)
    view.m_first.append(i)
    view.m_last.append(end)
    for j in range(i, end):
        view.mention[j] = index
    return index
