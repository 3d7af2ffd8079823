"""The quantities vocabulary (`data/language/id/quantities.yaml`), validated once, as token-by-token lookups."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import chain
from typing import Any

import yaml

from .tokens import Ahead, has_nya, phrase_tokens, tokens_behind, tokens_key, word_before


VOCABULARY = ("language", "id", "quantities.yaml")
VERB_AFFIXES = frozenset({"prefix", "suffix"})
APPROX_VALUES = frozenset({"about", "more_than", "less_than", "almost", "at_least", "up_to"})
RANGE_KINDS = frozenset({"any", "between"})
_MISSING = object()


def _same_case(entry: str, key: str) -> bool:
    """True when every word of `entry` that has a capital letter is spelled exactly so in `key`."""
    return all(e == w or e == e.lower() for e, w in zip(entry.split(" "), key.split(" ")))


class Vocab:
    """One vocabulary section, looked up token by token.

    A word of an entry with a capital letter matches only that spelling ("AS",
    "Rp", "M"); an all-lowercase word matches in any case ("Dollar AS" is
    "dollar AS", "dollar as" is not). The longest entry wins, and `allow_nya`
    also accepts the suffix -nya on the last word ("tonnya").
    """

    def __init__(self, section: str, entries: Mapping[str, Any], allow_nya: bool = False) -> None:
        self.entries: dict[str, list[tuple[str, Any]]] = {}  # lowercased key -> [(entry key, value)]
        self.prefixes: set[str] = set()
        self.suffixes: set[str] = set()
        self.first_words: set[str] = set()
        self.last_words: set[str] = set()  # a cheap test before `match_before` tokenizes
        self.longest = 1
        self.reach = 0  # characters `match_before` looks back
        self.allow_nya = allow_nya
        for phrase, value in entries.items():
            toks = phrase_tokens(phrase)
            if not toks or toks[-1].end != len(phrase) or toks[0].spaced:
                raise ValueError(f"quantities.yaml: {section}: {phrase!r} is not a phrase")
            key = tokens_key(toks)
            self.entries.setdefault(key.lower(), []).append((key, value))
            for n in range(1, len(toks) + 1):
                self.prefixes.add(tokens_key(toks[:n]).lower())
                self.suffixes.add(tokens_key(toks[-n:]).lower())
            self.first_words.add(toks[0].text.lower())
            self.last_words.add(toks[-1].text.lower())
            self.longest = max(self.longest, len(toks))
            self.reach = max(self.reach, 2 * len(phrase) + 4)  # room for extra spaces

    def _get(self, key: str) -> Any:
        for entry, value in self.entries.get(key.lower(), ()):
            if entry == key or entry == entry.lower() or _same_case(entry, key):
                return value
        return _MISSING

    def match(self, ahead: Ahead, i: int) -> tuple[int, Any] | None:
        """The longest entry starting at token `i`: (index after it, value)."""
        best = None
        key = ""
        for j in range(i, i + self.longest):
            tok = ahead.at(j)
            if tok is None:
                break
            key = tok.text if j == i else key + (" " if tok.spaced else "") + tok.text
            if key.lower() in self.prefixes:
                value = self._get(key)
                if value is not _MISSING:
                    best = (j + 1, value)
                continue
            if self.allow_nya and has_nya(tok.text):
                value = self._get(key[:-3])
                if value is not _MISSING:
                    best = (j + 1, value)
            break
        return best

    def match_before(self, text: str, pos: int, floor: int) -> tuple[int, Any] | None:
        """The longest entry ending (but for spaces) right before `pos`, not before `floor`.

        Returns (the entry's start offset, value).
        """
        if word_before(text, pos, floor).lower() not in self.last_words:
            return None
        toks = tokens_behind(text, pos, self.reach, floor)
        best = None
        key = ""
        for j in range(len(toks) - 1, max(-1, len(toks) - 1 - self.longest), -1):
            key = toks[j].text if j == len(toks) - 1 else toks[j].text + (" " if toks[j + 1].spaced else "") + key
            if key.lower() not in self.suffixes:
                break
            value = self._get(key)
            if value is not _MISSING:
                best = (toks[j].start, value)
        return best


@dataclass(frozen=True)
class Grammar:
    word_starts: re.Pattern[str]  # number words, in the lowercased text
    word_starts_any_case: re.Pattern[str]  # for text whose lowercase changes length
    followers: frozenset[str]  # words that may follow a number in a quantity
    number_words: dict[str, float]
    multipliers: dict[str, tuple[str, float]]
    scales: Vocab  # value: (multiplier, currency it needs or None)
    vague: Vocab
    approx_suffixes: Vocab
    approx_before: Vocab
    approx_after: Vocab
    connectors: Vocab
    openers: Vocab
    currency_prefixes: Vocab
    currency_suffixes: Vocab
    units: Vocab  # value: (kind, lemma), kind in percent | measure | count | classifier
    nouns: Vocab  # counted nouns and measures, after a classifier or "per"
    per: Vocab
    per_words: Vocab
    not_after: Vocab
    not_counted: frozenset[str]  # lowercase words after a number that are no counted noun
    verb_prefixes: frozenset[str]  # outer prefixes (warta.language.tokens.analyse) of verbs
    verb_suffixes: frozenset[str]  # suffixes that make a verb when no prefix makes a noun
    previous_noun: Vocab  # value: the phrase, lowercased ("lainnya", "di antaranya"): the noun counted before
    previous_units: frozenset[str]  # those values, the units a quantity keeps until find_quantities resolves them


def _section(data: Mapping[str, Any], name: str) -> dict[str, Any]:
    """A non-empty mapping section of the vocabulary; an empty one would silently match nothing."""
    section = data.get(name) if isinstance(data, Mapping) else None
    if not isinstance(section, dict) or not section:
        raise ValueError(f"quantities.yaml: section {name!r} must be a non-empty mapping")
    for phrase in section:
        if not isinstance(phrase, str) or not phrase.strip():
            raise ValueError(f"quantities.yaml: {name}: bad entry {phrase!r} (quote words YAML reads as booleans)")
    return {phrase.strip(): value for phrase, value in section.items()}


def _choices(data: Mapping[str, Any], name: str, allowed: frozenset[str] | None = None) -> dict[str, str]:
    section = _section(data, name)
    for phrase, value in section.items():
        if not isinstance(value, str) or (allowed is not None and value not in allowed):
            expected = f"one of {sorted(allowed)}" if allowed else "a string"
            raise ValueError(f"quantities.yaml: {name}.{phrase}: {value!r} is not {expected}")
    return section


def _lemmas(data: Mapping[str, Any], name: str) -> dict[str, tuple[str, str]]:
    """Counted nouns: an empty value means the entry is its own lemma."""
    section = _section(data, name)
    for phrase, value in section.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f"quantities.yaml: {name}.{phrase}: {value!r} is not a lemma")
    return {phrase: ("count", value or phrase) for phrase, value in section.items()}


def _start_pattern(words: list[str], flags: int = 0) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), flags)


def _positive(name: str, phrase: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"quantities.yaml: {name}.{phrase}: {value!r} is not a positive number")
    return float(value)


def build_grammar(data: Mapping[str, Any]) -> Grammar:
    """Validate the vocabulary and build every lookup once."""
    scales = {p: (_positive("scales", p, v), None) for p, v in _section(data, "scales").items()}
    for phrase, entry in _section(data, "scales_for_currency").items():
        if not isinstance(entry, dict) or set(entry) != {"value", "currency"}:
            raise ValueError(f"quantities.yaml: scales_for_currency.{phrase}: needs value and currency")
        scales[phrase] = (_positive("scales_for_currency", phrase, entry["value"]), str(entry["currency"]))
    number_words = {p.lower(): _positive("number_words", p, v) for p, v in _section(data, "number_words").items()}
    multipliers = {}
    for phrase, entry in _section(data, "number_multipliers").items():
        if not isinstance(entry, dict) or len(entry) != 1 or next(iter(entry)) not in ("add", "times"):
            raise ValueError(f"quantities.yaml: number_multipliers.{phrase}: needs add or times")
        op, amount = next(iter(entry.items()))
        multipliers[phrase.lower()] = (op, _positive("number_multipliers", phrase, amount))
    vague = {p: _positive("vague", p, v) for p, v in _section(data, "vague").items()}
    nouns = {**_lemmas(data, "counts"), **{p: ("measure", u) for p, u in _choices(data, "measures").items()}}
    units = {
        **nouns,
        **{p: ("percent", u) for p, u in _choices(data, "percent").items()},
        **{p: ("classifier", u) for p, u in _choices(data, "classifiers").items()},
    }
    previous = {p: p.lower() for p in _choices(data, "previous_noun")}
    vocabs = {
        "scales": Vocab("scales", scales),
        "vague": Vocab("vague", vague),
        "approx_suffixes": Vocab("approximate_suffixes", _choices(data, "approximate_suffixes", APPROX_VALUES)),
        "approx_before": Vocab("approximators_before", _choices(data, "approximators_before", APPROX_VALUES)),
        "approx_after": Vocab("approximators_after", _choices(data, "approximators_after", APPROX_VALUES)),
        "connectors": Vocab("range_connectors", _choices(data, "range_connectors", RANGE_KINDS)),
        "openers": Vocab("range_openers", _choices(data, "range_openers", RANGE_KINDS)),
        "currency_prefixes": Vocab("currency_prefixes", _choices(data, "currency_prefixes")),
        "currency_suffixes": Vocab("currency_suffixes", _choices(data, "currency_suffixes")),
        "units": Vocab("units", units, allow_nya=True),
        "nouns": Vocab("nouns", nouns, allow_nya=True),
        "per": Vocab("per", _choices(data, "per"), allow_nya=True),
        "per_words": Vocab("per_words", _choices(data, "per_words")),
        "not_after": Vocab("not_after", _choices(data, "not_after")),
        "previous_noun": Vocab("previous_noun", previous),
    }
    affixes = _choices(data, "verb_affixes", VERB_AFFIXES)
    following = ("scales", "vague", "approx_suffixes", "currency_suffixes", "connectors", "approx_after", "units",
                 "previous_noun")
    starts = [w.lower() for w in chain(number_words, vague)]
    return Grammar(
        word_starts=_start_pattern(starts),
        word_starts_any_case=_start_pattern(starts, re.IGNORECASE),
        followers=frozenset(chain.from_iterable(vocabs[name].first_words for name in following)),
        number_words=number_words,
        multipliers=multipliers,
        not_counted=frozenset(w.lower() for w in _choices(data, "not_counted")),
        verb_prefixes=frozenset(a for a, kind in affixes.items() if kind == "prefix"),
        verb_suffixes=frozenset(a for a, kind in affixes.items() if kind == "suffix"),
        previous_units=frozenset(previous.values()),
        **vocabs,
    )


@cache
def grammar() -> Grammar:
    return build_grammar(yaml.safe_load(files("warta.data").joinpath(*VOCABULARY).read_text(encoding="utf-8")))
