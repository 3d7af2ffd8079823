"""Sentence boundaries as character offsets into the text.

The cleaned text has one paragraph per line, so every line break ends a sentence:
a headline, a dateline, a caption or a list item without a final period is a
sentence of its own. Inside a line a sentence ends after `.`, `!`, `?` or `…`
together with the closing quotes, brackets and footnote markers ("2022.[1]") that
follow, when the next word can open a sentence (a capital, a digit, an opening
quote or bracket). So a quote closed by a comma or a lower-case attribution stays
one sentence (‘“... di garis depan,” kata Lee.’), while ‘“Satu. Dua,” ujar Lavrov.’
is two, the second with its speaker.

No boundary after an abbreviation of `data/language/id/abbreviations.txt`, an initial
("J. Smith"), dotted letters ("A.S."), a list number ("1. Ekonomi"), or inside a
number ("11.000"), a URL or an e-mail address. Scraped text that glues sentences
("negara.Momentum") or joins paragraphs with commas ("ayahnya.,Netizen",
"Kong,,,,- Jet", as in the CLICK-ID corpus) is split too.

The scan is one compiled regex with possessive quantifiers and bounded look-backs,
so it runs in linear time on any input. A run of words with no boundary is cut
(see `SOFT_MAX_WORDS`), because the stages after this one work per sentence and
must stay bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from warta.document import Sentence

# A sentence longer than SOFT_MAX_WORDS words is cut after the first ";" (else ",")
# that follows its SOFT_MAX_WORDS-th word; with neither up to HARD_MAX_WORDS words
# or HARD_MAX_CHARS characters, it is cut there. Real news sentences stay far
# below 400 words; longer runs are lists, tables or text without punctuation, and
# the per-sentence work downstream (entity pairs, event frames) grows with length.
SOFT_MAX_WORDS = 400
HARD_MAX_WORDS = 1000
HARD_MAX_CHARS = 10_000

LOOK_BACK = 40  # characters searched back for the word before a mark

_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_JUNCTION = re.compile(
    r"""
      (?P<mark>[.!?…]++)               # sentence-final marks, "..." and "?!" included
      (?P<close>["'”’»)\]]*+)          # closing quotes and brackets stay with the sentence
      (?P<notes>(?:\[\d{1,3}\])*+)     # footnote markers: "... tahun 2022.[1]"
      (?P<gap>\s*+(?:,++\s*+)*+)       # the space to the next sentence; commas join
                                       # paragraphs in some scraped corpora: "ini.,Hal"
    | (?P<commas>,(?:\s*+,)++\s*+      # such a comma join with no mark: "Kong,,,,- Jet",
        | (?<=[)"”’]),(?=[^\W\d_][^\W\d_]))  # or a lone comma after a bracket or quote:
                                              # "Senin (15/4/2019),Kabar ini"
    """,
    re.X,
)
# what may open a line or follow a junction without belonging to the sentence:
# spaces, stray commas, a list bullet or a table border
_LEAD = re.compile(r"[\s,|]*+(?:[-•*·–—▪►](?:\s++|$))?+[\s,|]*+")
_HAS_WORD = re.compile(r"[^\W_]")
_WORD = re.compile(r"\S+")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # J, A.S, S.H (the final period cut off)
_OPENERS = "\"“‘'«([-•*–—"
_QUOTES = "\"“”‘’'«»"
_SYMBOLS = re.compile(f"[^\\w\\s{re.escape(_OPENERS + _QUOTES)},;:]++\\s*+")
_SPACES_AFTER_QUOTE = 3  # ‘. " ucap dia’: a closing quote set off by a space


@dataclass(frozen=True)
class Abbreviations:
    """The abbreviations of `data/language/id/abbreviations.txt`: spelling -> section.

    `exact` holds every entry as spelt; `folded` the lower-case entries, which
    match in any capitalisation.
    """

    exact: dict[str, str]
    folded: dict[str, str]

    def kind(self, word: str) -> str | None:
        """`never-ends`, `may-end` or None for `word` (with its final period)."""
        found = self.exact.get(word) or self.folded.get(word.lower())
        if found is None and word.isupper():  # KAB. CIREBON
            found = self.exact.get(word.title())
        return found


SECTIONS = ("never-ends", "may-end")


@cache
def load_abbreviations() -> Abbreviations:
    """Read `data/language/id/abbreviations.txt` once."""
    exact: dict[str, str] = {}
    section = None
    text = files("warta.data").joinpath("language", "id", "abbreviations.txt").read_text("utf-8")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and line[1:-1] in SECTIONS:
            section = line[1:-1]
        elif section is None or not line.endswith(".") or " " in line:
            raise ValueError(f"abbreviations.txt:{number}: {line!r} is not an abbreviation under a section")
        else:
            exact[line] = section
    folded = {word: kind for word, kind in exact.items() if word == word.lower()}
    return Abbreviations(exact, folded)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, in order, as offsets (end exclusive, no outer space).

    Stretches with no letter or digit (a line of "> >", a lone bullet) are no
    sentence.
    """
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        for start, end in _split_line(text, line.start(), line.end()):
            sentences.extend(Sentence(lo, hi) for lo, hi in _bounded(text, start, end))
    return sentences


def _split_line(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The sentence spans of the line `text[lo:hi]`."""
    start = _LEAD.match(text, lo, hi).end()
    for junction in _JUNCTION.finditer(text, lo, hi):
        if junction.start() < start:
            continue
        cut = _boundary(text, junction, start, hi)
        if cut is None:
            continue
        end, following = cut
        yield from _trimmed(text, start, end)
        start = _LEAD.match(text, following, hi).end()
    yield from _trimmed(text, start, hi)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """`(start, end)` without trailing space or table border, if it holds a word."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == "|"):
        end -= 1
    if _HAS_WORD.search(text, start, end):
        yield start, end


def _boundary(text: str, junction: re.Match[str], start: int, hi: int) -> tuple[int, int] | None:
    """Where the sentence that began at `start` ends at this junction, and where the
    next one may begin; None when the junction is no boundary."""
    following = junction.end()
    if junction.group("commas") is not None:
        end = junction.start()
        if junction.group() == ",":
            capital = text[following].isupper() and text[following + 1].islower()
            return (end, following) if capital else None
        return (end, following) if following == hi or _opens(text, following, hi) else None
    end = junction.start("gap")
    if following == hi:
        return end, hi
    if not junction.group("gap"):
        return _glued(text, junction, start, hi)
    if not _mark_ends(text, junction, start, following):
        return None
    gap = junction.group("gap")
    if _opens(text, following, hi, glued=not gap[-1].isspace()):
        return end, following
    # emoji and other symbols after the mark stay with the sentence: "Pyongyang. 😀 Kim"
    symbols = _SYMBOLS.match(text, following, hi)
    if symbols is not None and symbols.end() < hi and _opens(text, symbols.end(), hi):
        return symbols.end(), symbols.end()
    # a comma join may open with a lower-case word whose link was cut: ".,dipandu oleh"
    return (end, following) if "," in gap and text[following].islower() else None


def _opens(text: str, pos: int, hi: int, glued: bool = False) -> bool:
    """Can the text at `pos` open a sentence? `glued`: no space before `pos`."""
    char = text[pos]
    if char in _QUOTES:
        after = pos + 1
        while after < hi and after - pos <= _SPACES_AFTER_QUOTE and text[after].isspace():
            after += 1
        if after == pos + 1:
            return after < hi  # "Kami: a quote that opens a word
        # a quote set off by a space closes the sentence before it when it is glued
        # to it (‘lah...," Naga’), ends the line (‘berburu. "’) or comes before a
        # lower-case word (‘bisa. " ucap dia’)
        return not glued and after < hi and not text[after].islower()
    if char.isalpha():
        return not char.islower()
    return char.isdigit() or char in _OPENERS


def _mark_ends(text: str, junction: re.Match[str], start: int, following: int) -> bool:
    """Does the mark of this junction end a sentence, as far as the word before it
    tells? Only a single period can be something else."""
    if junction.group("mark") != ".":
        return True
    dot = junction.start("mark")
    word_start = dot
    while word_start > start and dot - word_start <= LOOK_BACK and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip(_OPENERS)
    if not word or dot - word_start > LOOK_BACK:
        return True
    kind = load_abbreviations().kind(word + ".")
    if kind == "never-ends":
        return False
    if kind == "may-end":
        return text[following].isupper()
    if _DOTTED.fullmatch(word):
        return False  # an initial or dotted letters: "J. Smith", "oleh A.S. antara"
    # a list number opening the sentence: "1. Perdagangan"
    return not (word_start == start and word.isdigit() and len(word) <= 2)


def _glued(text: str, junction: re.Match[str], start: int, hi: int) -> tuple[int, int] | None:
    """A boundary with no space after the marks, as scraped text has them:
    ‘dia."Kami’ (the quote opens the next sentence) or ‘negara.Momentum’."""
    following = junction.end()
    close = junction.group("close")
    if close.endswith('"') and not junction.group("notes") and text[following].isalnum():
        quote = following - 1
        return (quote, quote) if _mark_ends(text, junction, start, following) else None
    if following + 1 >= hi or not (text[following].isupper() and text[following + 1].islower()):
        return None
    before = text[max(start, junction.start() - LOOK_BACK) : junction.start()].rsplit(None, 1)[-1:]
    after = _WORD.match(text, following, min(hi, following + LOOK_BACK))
    if not before or len(before[0]) < 3 or not before[0][-3:].isalpha() or not before[0][-3:].islower():
        return None
    # a URL, a file number or a domain ("Nakita.Grid.id") is no sentence
    if any(char in "./@:" for char in before[0] + after.group().rstrip(".,;:!?\"'”’)")):
        return None
    return (junction.end("notes"), following) if _mark_ends(text, junction, start, following) else None


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """`(start, end)`, cut into pieces no longer than the limits above."""
    while end - start > HARD_MAX_CHARS or end - start >= 2 * SOFT_MAX_WORDS:
        cut = _cut(text, start, end)
        if cut is None:
            break
        yield from _trimmed(text, start, cut)
        start = _LEAD.match(text, cut, end).end()
    yield from _trimmed(text, start, end)


def _cut(text: str, start: int, end: int) -> int | None:
    """Where to cut an over-long sentence, or None if it is within the limits."""
    limit = min(end, start + HARD_MAX_CHARS)
    soft = None
    for count, word in enumerate(_WORD.finditer(text, start, limit), start=1):
        if count == SOFT_MAX_WORDS:
            soft = word.end()
        elif count == HARD_MAX_WORDS:
            limit = word.end()
            break
    if soft is None and limit == end:
        return None
    if soft is not None:
        for mark in ";,":
            found = text.find(mark, soft, limit)
            if found != -1:
                return found + 1
    if limit == end:
        return None
    space = text.rfind(" ", soft or start, limit)
    return space if space > start else limit
