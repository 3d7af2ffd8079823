"""The learned coder's candidate participants of a sentence, each with a country.

The role model (`warta.events.learned`) chooses actor and recipient among them:
- the entity stage's mentions in the sentence (and the rule coder's inferred ones: "kedua
  negara", sector nouns), a state body the story alone gave a country taking the one its
  sentence gives (`_with_sentence_owner`);
- the participants of the rule coder's events there;
- phrases headed by a word of `data/events/participant_heads.txt` ("dua warga Palestina",
  "pasukan keamanan") and runs of capitalised words the entity stage left unnamed;
- pronouns;
none inside a vehicle's plate and the words before it ("bernomor polisi BE 1262 BD"), nor in
the dateline that opens the story ("Liputan6.com, Kyiv -": where it was filed).
Those without a country take one from their context (`_resolve`): a pronoun its
antecedent's or the quote's speaker's, a generic phrase the place after it, else the
country the story is about.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import replace
from functools import cache
from importlib import resources

from ..document import Document, Event, Mention, Participant, Quantity, Sentence, Token
from ..language.entities.countries import dateline_span, home_country
from ..language.entities.gazetteer import STATE_SECTORS, load_gazetteer
from .grammar import load_grammar
from .roles import participant
from .view import after_product_noun, amounts_of_money, placing_countries

# Verbs of saying: the speaker is named right after them ("..., kata Krishna").
SPEECH = frozenset({"kata", "ujar", "ucap", "tutur", "jelas", "ungkap", "menurut", "katanya", "ujarnya", "tegas", "imbuh",
                     "tambah", "papar", "sebut"})


_PRONOUN_WORDS = frozenset({"ia", "dia", "mereka", "kami", "kita", "pihaknya", "beliau", "saya", "keduanya", "-nya", "dirinya"})


def newsroom(doc: Document) -> str | None:
    """The country of the outlets that write in the article's language: Indonesia for an
    Indonesian-language article (warta reads Indonesian outlets)."""
    return "IDN" if doc.language == "id" else None


def home(doc: Document) -> str | None:
    """The country an unnamed body of the story belongs to: the dateline's, else the
    newsroom's."""
    return home_country(doc.text, doc.mentions) or newsroom(doc)


def _with_country(p: Participant, country: str | None) -> Participant:
    return p if country is None or p.country is not None else replace(p, country=country)


def _antecedent(named: list[Mention], starts: list[int], at: int, floor: int, person: bool = False) -> str | None:
    """The country of the nearest named mention with one before offset `at` (not before
    `floor`); with `person`, of the nearest named person (for "ia", "dia", "beliau", which
    fall back on any named mention when no person is near)."""
    i = bisect.bisect_left(starts, at) - 1
    while i >= 0 and named[i].start >= floor:
        if named[i].country and (not person or named[i].type == "PERSON"):
            return named[i].country
        i -= 1
    return None


@cache
def participant_heads() -> frozenset[str]:
    """data/events/participant_heads.txt: words that open a participant phrase naming no entity."""
    text = resources.files("warta.data").joinpath("events", "participant_heads.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


_NUMBER_WORDS = frozenset({"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
                           "puluhan", "ratusan", "ribuan", "belasan", "sebelas", "seratus", "seribu"})
_PHRASE_STOP = frozenset({"yang", "di", "ke", "dari", "dengan", "untuk", "pada", "dan", "atau", "oleh", "terhadap",
                          "kepada", "karena", "itu", "ini", "tersebut", "saat", "ketika", "setelah", "sebelum",
                          # auxiliaries and predicates that end a noun phrase ("26 warga sipil | tewas akibat ...")
                          "telah", "sudah", "akan", "masih", "juga", "pun", "tidak", "tak", "belum", "sedang",
                          "tewas", "akibat", "sebagai", "hingga", "sejak",
                          # and words of time ("negara-negara ASEAN | tahun depan")
                          "tahun", "bulan", "pekan", "hari", "kemarin", "besok", "lalu", "depan"})


def _phrase_candidates(text: str, tokens: list[Token], low: list[str], taken: dict[tuple[int, int], Participant],
                       mentions: list[Mention]) -> None:
    """Participant phrases that name no entity: a head word of `participant_heads` (or a
    number before one) and the words after it up to a verb, a preposition or punctuation;
    none that counts clauses.yaml `munition_nouns` ("beberapa rudal"; but "pelaku bom" is one)."""
    heads, grammar = participant_heads(), load_grammar()
    k = 0
    while k < len(tokens):
        w = low[k]
        number = w.isdigit() or w in _NUMBER_WORDS
        following = low[k + 1] if k + 1 < len(low) else None
        opens = w in heads or (number and following in heads)
        counting = number or w in grammar.determiners
        opens = opens and not (counting and following in grammar.munition_nouns)  # "beberapa rudal"
        if not opens or any(p.start <= tokens[k].start < p.end for p in taken.values()):
            k += 1
            continue
        end = k + 1
        while end < len(tokens) and end - k < 5 and any(ch.isalpha() for ch in low[end]) and low[end] not in _PHRASE_STOP \
                and tokens[end].prefix not in ("meN", "di", "ber", "ter"):
            end += 1
        start, stop = tokens[k].start, tokens[end - 1].end
        # the first name inside with a country, or an international body ("negara-negara ASEAN")
        inside = next((m for m in mentions if start <= m.start < stop and (m.country or m.sector == "IGO")), None)
        taken[(start, stop)] = Participant(text[start:stop], start, stop, low[k], "GROUP",
                                           inside.country if inside else None, inside.sector if inside else None,
                                           inside.key if inside else None)
        k = end


def _surnames(doc: Document) -> dict[str, Mention]:
    """Each capitalised word of a named person or organisation (lower-cased) -> its first
    mention with a country: "Imam" later in a story is the "Imam Nahrawi" named before."""
    out: dict[str, Mention] = {}
    for m in doc.mentions:
        if m.type in ("PERSON", "ORG") and m.country:
            for word in m.text.split():
                if word[:1].isupper() and len(word) > 2:
                    out.setdefault(word.lower(), m)
    return out


def _name_candidates(text: str, tokens: list[Token], low: list[str], taken: dict[tuple[int, int], Participant],
                     surnames: dict[str, Mention], amounts: list[Quantity]) -> None:
    """Runs of capitalised words the entity stage left unnamed ("Veronica", "Aramco",
    "KLHK") as candidates of type NAME, with the country of a person or organisation of
    the story they name part of; one capitalised word opening the sentence (after any
    opening quote) is no name unless it is an acronym. A fifth of the annotated actors and
    recipients were no mention of the entity stage. A word with a digit is a model of weapon or vehicle
    ("jet tempur F-16", "Su-35"), not a name, and a run of title words ("Penjabat",
    "Sekretaris Jenderal" before the titled name) is an office, not a name; nothing inside
    an amount of money (`amounts`: "600 ribu dolar AS") is a name, nor a make of goods after
    a clauses.yaml `product_nouns` word ("sepeda motor Honda CBR")."""
    gazetteer = load_gazetteer()
    stop = gazetteer.stop
    k, n = 0, len(tokens)
    # the sentence's first word, after an opening quote or dash ('"Alhamdulillah, ...')
    first = next((i for i, t in enumerate(tokens) if any(ch.isalpha() for ch in t.text)), 0)
    while k < n:
        word = tokens[k].text
        if not (word[:1].isupper() and any(ch.isalpha() for ch in word)) or low[k] in stop \
                or any(ch.isdigit() for ch in word) or any(p.start <= tokens[k].start < p.end for p in taken.values()) \
                or any(q.start <= tokens[k].start < q.end for q in amounts):
            k += 1
            continue
        end = k + 1
        while end < n and tokens[end].text[:1].isupper() and low[end] not in stop \
                and not any(ch.isdigit() for ch in tokens[end].text) \
                and not any(p.start <= tokens[end].start < p.end for p in taken.values()):
            end += 1
        if (k > first or end - k > 1 or word.isupper()) and not all(low[i] in gazetteer.title_words for i in range(k, end)) \
                and not after_product_noun(tokens, k):
            start, stop_at = tokens[k].start, tokens[end - 1].end
            known = next((surnames[low[i]] for i in range(k, end) if low[i] in surnames), None)
            taken[(start, stop_at)] = Participant(text[start:stop_at], start, stop_at, text[start:stop_at], "NAME",
                                                  known.country if known else None, known.sector if known else None,
                                                  known.key if known else None)
        k = end


def _with_sentence_owner(p: Participant, m: Mention, mentions: list[Mention]) -> Participant:
    """A state body or official that only the story gave a country (the outlet's home,
    `country_basis` "story") takes the one its sentence gives: the place right after it,
    else the last named actor before it ("Trump juga telah memerintahkan kepada
    Kementerian Luar Negeri ...": the United States' ministry), as the rule coder reads
    it (`inferred.own_state_bodies`)."""
    if m.country_basis != "story" or m.sector not in STATE_SECTORS or m.type not in ("ORG", "PERSON"):
        return p
    after = next((q for q in mentions if 0 <= q.start - m.end <= 1 and q.country and q.type in ("COUNTRY", "LOCATION")),
                 None)
    if after is not None:
        return replace(p, country=after.country)
    before = [q for q in mentions if q.end <= m.start and q.country and q.country_basis != "story"
              and q.type in ("PERSON", "ORG", "COUNTRY")]
    return replace(p, country=max(before, key=lambda q: q.end).country) if before else p


def _dominant(doc: Document, home_code: str | None) -> str | None:
    """The country the story is about: its most named country when that is not home, else home."""
    counts = Counter(m.country for m in doc.mentions if m.country and m.type in ("COUNTRY", "PERSON", "ORG"))
    if not counts:
        return home_code
    top = counts.most_common(1)[0][0]
    return top if counts[top] > counts.get(home_code, 0) else home_code


_FIRST_PERSON = frozenset({"kami", "kita", "saya"})


def _speaker(ordered: list[Participant], tokens: list[Token]) -> str | None:
    """The country of the sentence's speaker, the named participant right after a verb of
    saying ('"Kami akan terus berkoordinasi ...," kata Krishna'): whom "kami" and "saya"
    in the quote stand for, rather than the last country named before them."""
    for i, t in enumerate(tokens[:-1]):
        if t.text.lower() in SPEECH:
            after = tokens[i + 1].start
            named = next((q for q in ordered
                          if q.start == after and q.country and q.type in ("PERSON", "ORG", "COUNTRY")), None)
            if named is not None:
                return named.country
    return None


def _place_after(p: Participant, ordered: list[Participant], tokens: list[Token]) -> str | None:
    """The country named right after a generic noun ("dua warga Palestina"), or of the place
    after it and "di" ("kamp pengungsi di Rafah": Palestine's refugees)."""
    following = next((q for q in ordered if q.start >= p.end and q.country), None)
    if following is None:
        return None
    if following.type == "COUNTRY" and following.start - p.end <= 3:
        return following.country
    gap = [t.text.lower() for t in tokens if p.end <= t.start < following.start]
    return following.country if gap == ["di"] and following.type in ("COUNTRY", "LOCATION") else None


def _resolve(view_candidates: dict[tuple[int, int], Participant], tokens: list[Token], named: list[Mention],
             starts: list[int], floor: int, story_code: str | None) -> None:
    """Give countries to the candidates that lack one: a first-person pronoun the country
    of the sentence's speaker (`_speaker`), another pronoun the country of the nearest
    named mention before it (within a few sentences), a generic noun ("polisi",
    "pemerintah") a country named right after it or a place after "di" (`_place_after`),
    else the country the story is about."""
    for t in tokens:
        if t.text.lower() in _PRONOUN_WORDS and (t.start, t.end) not in view_candidates \
                and not any(p.start <= t.start < p.end for p in view_candidates.values()):
            view_candidates[(t.start, t.end)] = Participant(t.text, t.start, t.end, t.text, "PRONOUN", None, None, None)
    ordered = sorted(view_candidates.values(), key=lambda p: p.start)
    grammar, stateless = load_grammar(), load_gazetteer().stateless
    speaker = _speaker(ordered, tokens) if any(p.text.lower() in _FIRST_PERSON for p in ordered) else None
    for key, p in list(view_candidates.items()):
        if p.country is not None or p.sector == "IGO" or p.type == "LOCATION" or p.name in stateless:
            continue  # an international body or court, ISIS, a sea or a region has no country (PLOVER)
        word = p.text.lower()
        if p.type == "GROUP" and grammar.stateless_modifiers.intersection(word.split()[1:]):
            continue  # "masyarakat internasional", "komunitas global" (clauses.yaml)
        if grammar.indonesians.intersection(word.split()):
            view_candidates[key] = _with_country(p, "IDN")  # "WNI di Iran" (clauses.yaml)
            continue
        if p.type == "PRONOUN" or word in _PRONOUN_WORDS:
            country = speaker if word in _FIRST_PERSON else None
            if country is None and word in grammar.person_pronouns:
                country = _antecedent(named, starts, p.start, floor, person=True)
            view_candidates[key] = _with_country(p, country or _antecedent(named, starts, p.start, floor))
            continue
        view_candidates[key] = _with_country(p, _place_after(p, ordered, tokens) or story_code)


class DocCandidates:
    """What one document's sentences share when their candidates are found: the named
    mentions with a country (pronouns' antecedents), the country the story is about, the
    capitalised words of its named persons and bodies."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.named = [m for m in doc.mentions if m.type in ("PERSON", "ORG", "COUNTRY") and m.country]
        self.named_starts = [m.start for m in self.named]
        self.story_code = _dominant(doc, home(doc))
        self.sentence_starts = [s.start for s in doc.sentences]
        self.surnames = _surnames(doc)
        self.dateline = dateline_span(doc.text)

    def sentence(self, s: Sentence, tokens: list[Token], low: list[str], mentions: list[Mention],
                 quantities: list[Quantity], events: list[Event]) -> list[Participant]:
        """The candidates of sentence `s` (its tokens, lower-cased words, mentions,
        quantities and rule events), in order."""
        candidates: dict[tuple[int, int], Participant] = {}
        for m in mentions:
            candidates.setdefault((m.start, m.end), _with_sentence_owner(participant(m), m, mentions))
        for event in events:
            for p in (event.actor, event.recipient):
                if p is not None and s.start <= p.start < s.end:
                    candidates.setdefault((p.start, p.end), p)
        index = bisect.bisect_left(self.sentence_starts, s.start)
        text = self.doc.text
        _phrase_candidates(text, tokens, low, candidates, mentions)
        _name_candidates(text, tokens, low, candidates, self.surnames, amounts_of_money(quantities))
        _resolve(candidates, tokens, self.named, self.named_starts, self.sentence_starts[max(0, index - 3)],
                 self.story_code)
        # nothing inside a plate ("bernomor polisi BE 1262 BD") or the story's dateline
        excluded = [m.span() for m in load_grammar().plate.finditer(text, s.start, s.end)]
        if self.dateline is not None:
            excluded.append(self.dateline)
        placing = placing_countries(mentions, tokens)
        return sorted((p for p in candidates.values() if not any(a <= p.start < b for a, b in excluded)
                       and (p.start, p.end) not in placing), key=lambda p: (p.start, p.end))
