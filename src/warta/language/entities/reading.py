"""`Doc`: one text as the entity rules read it: words, cues before a position, name spans, mentions so far."""

from __future__ import annotations

import bisect
import re

from ...document import Mention
from .gazetteer import Gazetteer, Hit
from .spans import bounded


MAX_NAME_WORDS = 4
WINDOW = 40  # characters looked at before a position for a cue
# A word: letters and digits, starting with a letter, with inner hyphens and
# apostrophes ("Soo-ho", "Ma'ruf").
WORD = re.compile(r"[^\W\d_](?:\w|[-'’](?=\w))*")
CAMEL = re.compile(r"(?<!^Mc)(?<!^Mac)[a-z][A-Z]")  # "GoToMalls" is a brand, "McDonald" a name


def _lower(text: str) -> str:
    """Lower-case without changing the length, so offsets stay valid ("İ" stays)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Doc:
    """One text being read: its words, a lower-cased copy, and the mentions so far."""

    def __init__(self, gazetteer: Gazetteer, text: str) -> None:
        self.gaz = gazetteer
        self.text = text
        self.lowered = _lower(text)
        self.words = list(WORD.finditer(text))
        self.word_starts = [w.start() for w in self.words]
        self.title_at: dict[int, Hit] = {}
        self.title_ends: set[int] = set()
        self.headed: set[tuple[int, int]] = set()  # organisations named by a head of org_patterns.tsv, no country
        self._headline: dict[int, bool] = {}
        self.index_mentions([])

    def index_mentions(self, mentions: list[Mention]) -> None:
        """Record settled (sorted, non-overlapping) mentions for the later stages."""
        self.mention_at = {m.start: m for m in mentions}
        self.ends_at = {m.end: m for m in mentions}
        self.starts = [m.start for m in mentions]
        self.ends = [m.end for m in mentions]

    def inside_mention(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a recorded mention."""
        i = bisect.bisect_right(self.starts, start) - 1
        return (i >= 0 and self.ends[i] > start) or (i + 1 < len(self.starts) and self.starts[i + 1] < end)

    def crosses_mention(self, start: int, end: int) -> bool:
        """Whether [start, end) cuts through a mention rather than holding it whole."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start and (self.starts[i] < start or self.ends[i] > end):
            return True
        j = bisect.bisect_left(self.starts, end) - 1
        return j >= 0 and self.starts[j] >= start and self.ends[j] > end

    def mention_after(self, step: tuple[int, str] | None) -> Mention | None:
        """The mention starting at the word of `step` (see `word_after`), if spaces lead to it."""
        return self.mention_at.get(self.word_starts[step[0]]) if step and step[1] == "space" else None

    def word_after(self, pos: int) -> tuple[int, str] | None:
        """The index of the next word and what separates it from `pos`.

        The separator is "space" (spaces only) or "comma" (a comma and spaces);
        None when anything else (a line break, other punctuation) ends the phrase.
        """
        i = bisect.bisect_left(self.word_starts, pos)
        if i == len(self.words):
            return None
        gap = self.text[pos : self.word_starts[i]]
        bare = gap.strip(" \t\u00a0")
        if not gap or "\n" in gap or bare not in ("", ","):
            return None
        return i, "comma" if bare else "space"

    def preceded_by(self, start: int, *kinds: str) -> bool:
        """Whether a cue of one of `kinds` (see cues.tsv) ends right before `start`, after spaces."""
        return any(self.gaz.cue_before[kind].search(self.lowered, max(0, start - WINDOW), start) for kind in kinds)

    def phrase_at(self, pos: int, phrases: list[str] | set[str]) -> str | None:
        """The longest of `phrases` (lower case) written at `pos` as whole words."""
        found = [p for p in phrases if self.lowered.startswith(p, pos) and bounded(self.text, pos, pos + len(p))]
        return max(found, key=len, default=None)

    def is_stop(self, word: str) -> bool:
        return word.lower() in self.gaz.stop

    def is_rank(self, start: int) -> bool:
        hit = self.title_at.get(start)
        return hit is not None and hit.payload.rank

    def is_name_word(self, i: int) -> bool:
        """Whether word `i` can be part of a person's name.

        Capitalised, not a stop word, not camel-cased like a brand, not inside a
        known mention and not a rank.
        """
        word = self.words[i].group()
        return (
            word[0].isupper()
            and not self.is_stop(word)
            and not CAMEL.search(word)
            and not self.inside_mention(*self.words[i].span())
            and not self.is_rank(self.word_starts[i])
        )

    def starts_name(self, i: int) -> bool:
        """Whether a name may start at word `i`: a name word, not an acronym, portfolio or body."""
        word = self.words[i].group()
        return (
            self.is_name_word(i)
            and not (len(word) > 1 and word.isupper())
            and word.lower() not in self.gaz.not_name_start
        )

    def blocks_name(self, i: int) -> bool:
        """Whether word `i`, glued after a capitalised run, shows the run was no name.

        A known entity, a rank or a continuation word ("Utara", "Lalu") means the
        run was part of a longer proper name ("Korps Lalu Lintas Polri").
        """
        word = self.words[i].group()
        start = self.word_starts[i]
        return start in self.mention_at or self.is_rank(start) or (
            word[0].isupper() and word.lower() in self.gaz.cues["continuation"]
        )

    def links_name(self, i: int, step: int) -> bool:
        """Whether word `i` is a particle inside a name ("Salman bin Abdulaziz")."""
        j = i + step
        return (
            self.words[i].group() in self.gaz.cues["particle"]
            and 0 <= j < len(self.words)
            and self.joined(max(i, j))
            and self.is_name_word(j)
        )

    def joined(self, i: int) -> bool:
        """Whether word `i` follows word `i - 1` after one space, or after an initial ("M. Hanif")."""
        if i <= 0:
            return False
        previous = self.words[i - 1].group()
        gap = self.text[self.words[i - 1].end() : self.word_starts[i]]
        return gap == " " or (gap == ". " and len(previous) == 1 and previous.isupper())

    def headline(self, pos: int) -> bool:
        """Whether the line holding `pos` is in title case, where capitals mark no names. A
        line that ends a sentence with a full stop is running text, however many titles and
        names it holds ("Pertemuan itu dihadiri oleh Penjabat Perdana Menteri Thailand ...")."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        if line_start not in self._headline:
            line_end = self.text.find("\n", pos)
            line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
            words = WORD.findall(line[:2000])
            capitalised = sum(1 for w in words if w[0].isupper())
            self._headline[line_start] = len(words) >= 5 and capitalised >= 0.7 * len(words) \
                and not line.rstrip().endswith(".")
        return self._headline[line_start]

    def name_forward(self, i: int) -> tuple[int, int] | None:
        """The span of a person name of 1-4 capitalised words starting at word `i`, or None."""
        if i >= len(self.words) or not self.starts_name(i):
            return None
        last, count, j = i, 1, i + 1
        while j < len(self.words) and self.joined(j):
            if self.is_name_word(j):
                last, count = j, count + 1
            elif self.blocks_name(j):
                return None
            elif not self.links_name(j, 1):
                break
            j += 1
        return (self.word_starts[i], self.words[last].end()) if count <= MAX_NAME_WORDS else None

    def name_backward(self, i: int) -> tuple[int, int] | None:
        """The span of a person name of 1-4 capitalised words ending at word `i`, or None."""
        if not self.is_name_word(i):
            return None
        first, count, j = i, 1, i - 1
        while j >= 0 and self.joined(j + 1):
            if self.is_name_word(j):
                first, count = j, count + 1
            elif self.words[j].end() in self.ends_at:
                return None
            elif not self.links_name(j, -1):
                break
            j -= 1
        if count > MAX_NAME_WORDS or not self.starts_name(first):
            return None
        return self.word_starts[first], self.words[i].end()
