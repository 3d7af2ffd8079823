"""Overlapping spans settled: the longest wins (`settle_overlaps` for mentions); an
organisation's name grown over its web address (`with_web_suffixes`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from operator import attrgetter
from typing import TypeVar

from ...document import Mention


SOURCES = ("gazetteer", "title", "office", "model", "name-run", "coreference")  # settle_overlaps prefers the earlier
Span = TypeVar("Span")


def bounded(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is whole words: no letter or digit glued on either side."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


# A hyphen and a syllable after a name go on with it ("Park Jin-woo", "Kim Hong-kyun", "Tsai
# Ing-wen"): Korean and Chinese given names are written so. The syllable is lower case and
# built as theirs are (consonants, vowels, a final n, ng, k, l, m or p), so an enclitic
# ("Jokowi-nya"), an editor's mark ("(Gerindra-red)"), a word after a dash ("Suara.com-calon",
# "Persija Jakarta-memberikan") or a capitalised name ("Rusia-Korea Utara") is none.
_SYLLABLE = re.compile(r"-(?!(?:nya|pun)\b)[bcdghjklmnpstwy]{0,3}[aeiouwy]{1,3}(?:ng|[nklmp])?\b")


def name_end(text: str, end: int) -> int:
    """The end of the name that a span ending at `end` starts: past a hyphenated
    lower-case syllable glued to it, else `end`."""
    tail = _SYLLABLE.match(text, end)
    return tail.end() if tail else end


def alternation(forms: Iterable[str]) -> str:
    """A regex alternation of `forms`, longest first."""
    return "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))


def settle(spans: list[Span], rank: Callable[[Span], int]) -> list[Span]:
    """Keep non-overlapping spans: longest first, then lowest `rank`, then earliest.

    The greedy choice runs inside each cluster of overlapping spans; a span that
    touches no other is kept as it is, so a million mentions settle quickly.
    """
    ordered = sorted(spans, key=attrgetter("start", "end"))
    kept: list = []
    i = 0
    while i < len(ordered):
        j, reach = i + 1, ordered[i].end
        while j < len(ordered) and ordered[j].start < reach:
            reach = max(reach, ordered[j].end)
            j += 1
        if j == i + 1:
            kept.append(ordered[i])
        else:
            chosen: list = []
            for candidate in sorted(ordered[i:j], key=lambda s: (s.start - s.end, rank(s), s.start)):
                if all(candidate.end <= c.start or c.end <= candidate.start for c in chosen):
                    chosen.append(candidate)
            kept.extend(sorted(chosen, key=attrgetter("start")))
        i = j
    return kept


def settle_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions: the longest span wins, then the surer source.

    Sources rank as in `SOURCES` (a gazetteer entry beats a title pattern, which
    beats a bare name run, which beats a coreference guess); remaining ties go to
    the earlier span.  The result is sorted by position.
    """
    return settle(mentions, lambda m: SOURCES.index(m.source))


# A web address glued to an organisation's name: "kumparan.com", "JUARA.net", "Bukalapak.com"
WEB_SUFFIX = re.compile(r"\.(?:co\.id|com|net|org|id|tv)(?![\w.])", re.IGNORECASE)


def with_web_suffixes(text: str, mentions: list[Mention]) -> list[Mention]:
    """Organisations named with their web address take it into the name, as the corpus
    annotates them ("didapatkan kumparan (kumparan.com)": the second is "kumparan.com")."""
    out = []
    for m in mentions:
        suffix = WEB_SUFFIX.match(text, m.end) if m.type == "ORG" else None
        if suffix is not None:
            m = replace(m, end=suffix.end(), text=text[m.start : suffix.end()])
        out.append(m)
    return out
