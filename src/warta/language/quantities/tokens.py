"""The text as the quantity parser reads it: tokens ahead of a position, read lazily, and the run behind it."""

from __future__ import annotations

import re
from typing import NamedTuple


# A token: digits with their separators, a run of letters, or one other
# character, after spaces or tabs. A line break is never part of a quantity.
_TOKEN = re.compile(r"([^\S\n]*)([0-9]+(?:[.,][0-9]+)*|[^\W\d_]+|[^\w\s])")


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    spaced: bool  # spaces or tabs before it

    @classmethod
    def of(cls, m: re.Match[str]) -> Tok:
        return cls(m.start(2), m.end(2), m.group(2), m.start(2) > m.start(1))


def phrase_tokens(phrase: str) -> list[Tok]:
    """The tokens of a vocabulary entry, read the same way as the text."""
    found = []
    pos = 0
    while m := _TOKEN.match(phrase, pos):
        found.append(Tok.of(m))
        pos = m.end()
    return found


def tokens_key(tokens: list[Tok]) -> str:
    """Tokens as one lookup key: a single space wherever the text had spaces."""
    return "".join((" " + t.text) if t.spaced and i else t.text for i, t in enumerate(tokens))


class Ahead:
    """Tokens after a position, read only as far as the parser looks."""

    def __init__(self, text: str, pos: int) -> None:
        self._text = text
        self._pos = pos
        self._toks: list[Tok] = []

    def at(self, i: int) -> Tok | None:
        while len(self._toks) <= i:
            m = _TOKEN.match(self._text, self._pos)
            if m is None:
                return None
            self._toks.append(Tok.of(m))
            self._pos = m.end()
        return self._toks[i]


def tokens_behind(text: str, pos: int, reach: int, floor: int) -> list[Tok]:
    """The unbroken run of tokens that ends (but for spaces) right before `pos`.

    Looks back `reach` characters and never before `floor`; a token cut by the
    window's edge is dropped, since it may be the tail of a longer word.
    """
    low = max(floor, pos - reach)
    run: list[Tok] = []
    cursor = low
    for m in _TOKEN.finditer(text, low, pos):
        if m.start() != cursor:  # a line break or an underscore in between
            run = []
        run.append(Tok.of(m))
        cursor = m.end()
    if text[cursor:pos].strip(" \t\xa0"):
        return []
    if run and run[0].start == low and low > 0 and text[low - 1].isalnum():
        return run[1:]
    return run


def has_nya(word: str) -> bool:
    """True for a word with the suffix -nya on a stem of three letters or more.

    The stem rule keeps "hanya" (only) from being read as "ha" (hectares) + -nya.
    """
    return len(word) >= 6 and word[-3:].lower() == "nya"


def word_before(text: str, pos: int, floor: int) -> str:
    """The run of letters, or the one symbol, right before `pos` but for spaces."""
    end = pos
    while end > floor and text[end - 1] in " \t\xa0":
        end -= 1
    start = end
    while start > floor and text[start - 1].isalpha():
        start -= 1
    if start == end and start > floor and not text[start - 1].isalnum() and not text[start - 1].isspace():
        start -= 1
    return text[start:end]
