"""Word tokens with character offsets, lemmas and Indonesian morphology.

`tokenize` cuts text into words, numbers and punctuation and gives each word its
lemma and affixes; `analyse` does the morphology of one word. The event coder
reads the affixes: the outer prefix tells a passive (`di`, `ter`) from an active
verb (`meN`), and a nominalising suffix (`an`) tells "kunjungan" (a visit) from
"mengunjungi" (to visit).

Lemmas come from simplemma's Indonesian dictionary. Where it does not know a
word, the affix rules of `data/language/id/morphology.yaml` take it apart, and a split
counts only when what is left is a root of that dictionary: "ditandatangani" is
di + tandatangan + i, while "diplomat" and "teroris" stay whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import NamedTuple

import simplemma
import yaml

from warta.document import Sentence, Token
from warta.language.sentences import load_abbreviations

LANG = "id"
MIN_STEM = 3  # shorter "stems" are almost always accidents: dia = di + a
# Longer runs of letters are no Indonesian word (the longest, such as
# "ketidakbertanggungjawaban", have 25 letters) and are not taken apart, which also
# keeps the compound-stem search from growing with garbage input.
MAX_WORD = 40
VOWELS = "aeiou"


class Morph(NamedTuple):
    """What `analyse` finds in one word.

    `prefix` is the outer prefix (meN, peN, ber, di, ter, per, ke, se), the one that
    decides the voice; `suffix` is the derivational suffix (kan, i, an) or, when
    there is none, the clitic (nya, lah, kah).
    """

    lemma: str
    prefix: str | None = None
    suffix: str | None = None
    voice: str | None = None  # active | passive | None


@dataclass(frozen=True)
class _Form:
    """One spelling of a prefix and the stems it may stand before."""

    surface: str
    keep: str | None = None
    drop: str | None = None
    stem: re.Pattern[str] | None = None
    monosyllable: bool = False

    def stems(self, rest: str) -> Iterator[str]:
        """The stems that the word `surface + rest` may be built on."""
        if not rest:
            return
        if self.keep is None and self.drop is None:
            candidates = [rest]
        else:
            candidates = []
            if self.keep is not None and rest[0] in self.keep:
                candidates.append(rest)
            if self.drop is not None and rest[0] in VOWELS:
                candidates.append(self.drop + rest)
        for stem in candidates:
            if self.stem is not None and not self.stem.search(stem):
                continue
            if self.monosyllable and len(_VOWEL_GROUP.findall(stem)) != 1:
                continue
            yield stem


@dataclass(frozen=True)
class _Prefix:
    forms: tuple[_Form, ...]
    voice: str | None = None
    requires_suffix: str | None = None
    not_passive: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Morphology:
    clitics: tuple[str, ...]
    suffixes: tuple[str, ...]
    prefixes: dict[str, _Prefix]
    stacks: dict[str, tuple[str, ...]]  # outer prefix -> inner prefixes it may carry
    forbidden: frozenset[tuple[str, str]]
    roots: frozenset[str]


_VOWEL_GROUP = re.compile(f"[{VOWELS}]+")


@cache
def _morphology() -> _Morphology:
    """Read `data/language/id/morphology.yaml` once."""
    data = yaml.safe_load(files("warta.data").joinpath("language", "id", "morphology.yaml").read_text("utf-8"))
    prefixes = {
        name: _Prefix(
            forms=tuple(
                _Form(
                    surface=form["surface"],
                    keep=form.get("keep"),
                    drop=form.get("drop"),
                    stem=re.compile(form["stem"]) if "stem" in form else None,
                    monosyllable=form.get("monosyllable", False),
                )
                for form in spec["forms"]
            ),
            voice=spec.get("voice"),
            requires_suffix=spec.get("requires_suffix"),
            not_passive=frozenset(spec.get("not_passive", ())),
        )
        for name, spec in data["prefixes"].items()
    }
    suffixes = tuple(data["suffixes"])
    stacks: dict[str, tuple[str, ...]] = {}
    for outer, inner in data["stacks"]:
        if outer not in prefixes or inner not in prefixes:
            raise ValueError(f"morphology.yaml: stack {outer}+{inner} names an unknown prefix")
        stacks[outer] = (*stacks.get(outer, ()), inner)
    for prefix, suffix in data["forbidden"]:
        if prefix not in prefixes or suffix not in suffixes:
            raise ValueError(f"morphology.yaml: forbidden pair {prefix}+{suffix} names an unknown affix")
    return _Morphology(
        clitics=tuple(data["clitics"]),
        suffixes=suffixes,
        prefixes=prefixes,
        stacks=stacks,
        forbidden=frozenset(tuple(pair) for pair in data["forbidden"]),
        roots=frozenset(data["roots"]),
    )


# Words whose analysis is kept (`analyse`), and stems whose lemma and rootness are: a
# varied 10 MB text has some 100,000 different words, which in caches of 262,144 took
# some 60 MB (issue 19). Tokenizing 6,000 news articles: 5.2 s with those; 5.9 s with
# these (11 MB once full); 7.7 s with 16,384 of each.
WORDS_KEPT = 1 << 15
STEMS_KEPT = 1 << 13


@lru_cache(maxsize=STEMS_KEPT)
def _lemma(word: str) -> str:
    return _lemmatizer().lemmatize(word, LANG)


@cache
def _lemmatizer() -> simplemma.Lemmatizer:
    """simplemma's lemmatizer without its own cache: `simplemma.lemmatize` keeps a
    second copy of what `_lemma` caches (65,536 words, 15 MB on a long text). The same
    dictionary and lemmas: its default strategy, the dictionary shared."""
    return simplemma.Lemmatizer(cache_max_size=0)


@lru_cache(maxsize=STEMS_KEPT)
def _is_root(stem: str) -> bool:
    """Is `stem` a root word: in the dictionary and its own lemma?"""
    if stem in _morphology().roots:
        return True
    return simplemma.is_known(stem, lang=LANG) and _lemma(stem) == stem


def _is_compound_root(stem: str) -> bool:
    """Is `stem` two roots written as one, as affixed compounds are spelt?

    "ditandatangani" is built on "tanda tangan", which the dictionary has only
    as two words.
    """
    return len(stem) >= 8 and any(
        _is_root(stem[:cut]) and _is_root(stem[cut:]) for cut in range(4, len(stem) - 3)
    )


class _Split(NamedTuple):
    stem: str
    prefixes: tuple[str, ...]
    suffix: str | None
    clitic: str | None

    @property
    def affixes(self) -> int:
        return len(self.prefixes) + (self.suffix is not None) + (self.clitic is not None)


def _strip_prefixes(word: str, allowed: tuple[str, ...] | None = None) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every (prefixes, stem) reading of `word`, the bare word first."""
    yield (), word
    morphology = _morphology()
    for name in allowed if allowed is not None else morphology.prefixes:
        for form in morphology.prefixes[name].forms:
            if not word.startswith(form.surface):
                continue
            for stem in form.stems(word[len(form.surface) :]):
                for inner, root in _strip_prefixes(stem, morphology.stacks.get(name, ())):
                    yield (name, *inner), root


def _splits(word: str) -> Iterator[_Split]:
    """Every way to read `word` as prefixes + stem + suffix + clitic, unchecked."""
    morphology = _morphology()
    for clitic in (None, *morphology.clitics):
        if clitic is not None and not word.endswith(clitic):
            continue
        base = word[: -len(clitic)] if clitic else word
        for suffix in (None, *morphology.suffixes):
            if suffix is not None and not base.endswith(suffix):
                continue
            body = base[: -len(suffix)] if suffix else base
            for prefixes, stem in _strip_prefixes(body):
                yield _Split(stem, prefixes, suffix, clitic)


def _allowed(split: _Split) -> bool:
    """Does the split respect the affix combinations Indonesian allows?"""
    if len(split.stem) < MIN_STEM:
        return False
    morphology = _morphology()
    for name in split.prefixes:
        prefix = morphology.prefixes[name]
        if prefix.requires_suffix is not None and split.suffix != prefix.requires_suffix:
            return False
        if split.suffix is not None and (name, split.suffix) in morphology.forbidden:
            return False
    return True


def _morph(split: _Split) -> Morph:
    prefix = split.prefixes[0] if split.prefixes else None
    voice = None
    if prefix is not None:
        spec = _morphology().prefixes[prefix]
        voice = None if split.stem in spec.not_passive else spec.voice
    return Morph(split.stem, prefix, split.suffix or split.clitic, voice)


def _analyse_lower(word: str) -> Morph:
    """Analyse a lower-case word."""
    if word in _morphology().roots:
        return Morph(word)
    if "-" in word:
        return _analyse_hyphenated(word)
    splits = [split for split in _splits(word) if split.affixes and _allowed(split)]
    listed = [split for split in splits if split.stem in _morphology().roots]
    if listed:  # pemerintahan: pemerintah + an, not the dictionary's "perintah"
        return _morph(min(listed, key=lambda split: split.affixes))
    lemma = _lemma(word)
    if lemma != word:
        # the dictionary knows the word: find the affixes that lead to its lemma
        matching = [split for split in splits if split.stem == lemma] or [
            # a compound stem ending in the lemma: ketidakpastian, ke + tidak pasti + an
            split for split in splits if split.stem.endswith(lemma) and _is_compound_root(split.stem)
        ]
        if not matching:
            return Morph(lemma)
        return _morph(min(matching, key=lambda split: split.affixes))
    if simplemma.is_known(word, lang=LANG):
        # The dictionary has the word as its own lemma. Its prefix-only look-alikes
        # are mostly lexicalised or accidental (mereka, adalah, sekitar, beras,
        # memori), so only a prefix-and-suffix split is trusted: keberadaan,
        # kepemimpinan, merugikan.
        splits = [split for split in splits if split.prefixes and split.suffix]
    roots = [split for split in splits if _is_root(split.stem) or _is_compound_root(split.stem)]
    if not roots:
        return Morph(word)
    # the longest stem strips least; among equals, the fewest affixes
    return _morph(min(roots, key=lambda split: (-len(split.stem), split.affixes)))


def _analyse_hyphenated(word: str) -> Morph:
    """Reduplication: negara-negara, bertahun-tahun, besar-besaran.

    Other hyphenated words (Jong-un, COVID-19, anti-Amerika) keep their form.
    """
    first, _, second = word.partition("-")
    if "-" not in second:
        if first == second:
            return _analyse_lower(first)
        left = _analyse_lower(first)
        if left.lemma == second:
            return left
        right = _analyse_lower(second)
        if right.lemma == first:
            return right
    return Morph(_lemma(word))


@lru_cache(maxsize=WORDS_KEPT)
def analyse(word: str) -> Morph:
    """Lemma, outer prefix, suffix and voice of one word.

    Capitalised words the dictionary does not know are taken for names and left
    whole ("Dimas" is not di + mas); words in capitals (acronyms) are never split.
    """
    lower = word.lower()
    if len(word) > MAX_WORD:
        return Morph(word)
    if word == lower:
        return _analyse_lower(word)
    if word[0].isupper() and word[1:] == lower[1:] and _in_dictionary(lower):
        return _analyse_lower(lower)
    return Morph(word)


def _in_dictionary(word: str) -> bool:
    return word in _morphology().roots or simplemma.is_known(word, lang=LANG) or _lemma(word) != word


_LETTERS = "(?:[^\\W_]|[\u0300-\u036f])"  # letters and digits, with combining accents
_URL_TAIL = ".,;:!?)]}\"'”’»"  # closes the sentence around a URL, not the URL


@cache
def _token_pattern() -> re.Pattern[str]:
    """The tokenizer: one compiled regex, tried in order at each position.

    Quantifiers are possessive or bounded, so the scan stays linear.
    """
    abbreviations = load_abbreviations()
    exact = "|".join(map(re.escape, sorted(abbreviations.exact, key=len, reverse=True)))
    folded = "|".join(map(re.escape, sorted(abbreviations.folded, key=len, reverse=True)))
    return re.compile(
        rf"""
          (?=[\w+-]{{0,64}}[.@:])                 # cheap guard: only a word followed by . @ :
          (?: (?P<url>(?:https?://|www\.)\S++)   # may start a URL, address or abbreviation
            | (?P<email>[\w.+-]{{1,64}}@[\w-]{{1,63}}(?:\.[\w-]{{1,63}}){{1,8}})
            | (?P<abbreviation>(?:{exact}|(?i:{folded}))(?![^\W_])
                             | (?:[^\W\d_]\.){{2,}}(?![^\W_]))      # A.S., S.H.
          )
        | (?P<number>[^\W\d_]{{0,3}}\d++(?:[.,:/]\d++)++)(?![^\W_])  # 11.000, 1,3, 13:38,
                                                                  # 20/11/2024, Rp5.000
        | (?P<word>{_LETTERS}++(?:[-'’]{_LETTERS}++)*+)            # negara-negara, Jong-un, Jum'at
        | (?P<mark>[^\w\s]|_)(?P=mark)*+                         # punctuation, a run as one: "...", ",,,"
        """,
        re.X,
    )


def tokenize(text: str, sentences: list[Sentence] | None = None) -> list[Token]:
    """The tokens of `text`, or of its sentences only when they are given (then
    no token crosses a sentence boundary).

    Words get a lemma and their affixes (see `analyse`); numbers, URLs,
    abbreviations and punctuation are their own lemma.
    """
    spans = [(0, len(text))] if sentences is None else [(s.start, s.end) for s in sentences]
    pattern = _token_pattern()
    tokens: list[Token] = []
    for lo, hi in spans:
        for match in pattern.finditer(text, lo, hi):
            start, end = match.span()
            kind = match.lastgroup
            if kind == "word":
                word = match.group()
                morph = analyse(word)
                tokens.append(Token(start, end, word, morph.lemma, morph.prefix, morph.suffix, morph.voice))
                continue
            if kind == "url":
                # trailing punctuation is the sentence's, not the URL's
                url = match.group().rstrip(_URL_TAIL)
                tokens.append(Token(start, start + len(url), url, url))
                tokens.extend(Token(i, i + 1, text[i], text[i]) for i in range(start + len(url), end))
                continue
            tokens.append(Token(start, end, match.group(), match.group()))
    return tokens
