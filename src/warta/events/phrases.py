"""Phrases: lower-case word sequences with gaps (`*`), indexed by first word and matched over
a sentence's tokens in one look-up per token."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .view import SentenceView

GAP = 3  # words a `*` in a phrase stands for
Words = tuple[str | None, ...]  # None is a gap of 0..GAP words


def phrase_words(text: str) -> Words:
    """"menjatuhkan * sanksi" -> ("menjatuhkan", None, "sanksi")."""
    words = tuple(None if w == "*" else w for w in text.lower().split())
    if not words or words[0] is None or words[-1] is None or any(a is b is None for a, b in zip(words, words[1:])):
        raise ValueError(f"bad phrase {text!r}: it needs words, and a '*' only between two words")
    return words


class PhraseSet:
    """Phrases indexed by their first word; each carries a value.

    `matches_at` tries only the phrases whose first word is the token's, so a
    sentence costs one dictionary look-up per token and phrase start.
    """

    def __init__(self, items: Iterable[tuple[str | Words, Any]] = ()) -> None:
        self.index: dict[str, list[tuple[Words, Any]]] = {}
        for phrase, value in items:
            words = phrase if isinstance(phrase, tuple) else phrase_words(phrase)
            self.index.setdefault(words[0], []).append((words[1:], value))  # type: ignore[index]

    def __bool__(self) -> bool:
        return bool(self.index)

    def matches_at(self, view: SentenceView, i: int, hi: int) -> Iterator[tuple[int, Any]]:
        """(end, value) of every phrase starting at token i and ending by hi."""
        for key in view.keys[i]:
            for rest, value in self.index.get(key, ()):
                end = _match_rest(rest, view, i + 1, hi)
                if end is not None:
                    yield end, value

    def matches(self, view: SentenceView, lo: int, hi: int) -> Iterator[tuple[int, int, Any]]:
        """(start, end, value) of every phrase inside tokens [lo, hi), by start."""
        starts = view.positions.keys() & self.index.keys()
        if not starts:
            return
        positions = sorted({i for key in starts for i in view.positions[key] if lo <= i < hi})
        for i in positions:
            for end, value in self.matches_at(view, i, hi):
                yield i, end, value


def _match_rest(rest: Words, view: SentenceView, k: int, hi: int) -> int | None:
    """Where `rest` ends when matched from token k (None if it does not match)."""
    for n, word in enumerate(rest):
        if word is None:
            for skip in range(GAP + 1):
                if skip and (k + skip - 1 >= hi or not view.gap_ok[k + skip - 1]):
                    return None
                end = _match_rest(rest[n + 1 :], view, k + skip, hi)
                if end is not None:
                    return end
            return None
        if k >= hi or word not in view.keys[k]:
            return None
        k += 1
    return k


def phrase_at(view: SentenceView, words: Words, k: int, hi: int) -> int | None:
    if k >= hi or words[0] not in view.keys[k]:
        return None
    return _match_rest(words[1:], view, k + 1, hi)


def find_phrase(view: SentenceView, phrases: tuple[Words, ...], lo: int, hi: int) -> int:
    """Start of the first of `phrases` found in tokens [lo, hi), or -1."""
    best = -1
    for words in phrases:
        if words[0] not in view.positions:
            continue
        for k in view.positions.get(words[0], ()):
            if lo <= k < hi and (best < 0 or k < best) and phrase_at(view, words, k, hi) is not None:
                best = k
                break
    return best


def words_list(values: Any, where: str) -> tuple[Words, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(f"{where} must be a list of words")
    return tuple(phrase_words(v) for v in values)


def keyed_words(values: Any, where: str, allowed: Collection[str], not_a_mapping: str,
                 not_allowed: str) -> tuple[tuple[str, tuple[Words, ...]], ...]:
    """A mapping of keys (event types, modes) to word lists, each key checked
    against `allowed`: ValueError with the given wording otherwise."""
    values = values or {}
    if not isinstance(values, dict):
        raise ValueError(not_a_mapping)
    keyed = []
    for key, words in values.items():
        if key not in allowed:
            raise ValueError(f"{where}: {key!r} {not_allowed}")
        keyed.append((key, words_list(words, f"{where}.{key}")))
    return tuple(keyed)


def find_free_phrase(view: SentenceView, phrases: tuple[Words, ...], lo: int, hi: int, free: list[bool]) -> bool:
    for words in phrases:
        if words[0] not in view.positions:
            continue
        for k in view.positions.get(words[0], ()):
            if lo <= k < hi and free[k] and phrase_at(view, words, k, hi) is not None:
                return True
    return False
