"""Sequence tagging with a linear-chain CRF: tokens and word features.

The named-entity model (`warta.language.ner`) is trained and run with one tokenizer
and one feature function, so what it sees at run time is exactly what it saw in
training (`scripts/train_models.py` imports the same code).

A word is described by its lower-cased form, its shape ("Xxxx", "dd", "X.X."),
prefixes and suffixes, capitalisation, and the clusters its lower-cased form
falls into (`models/clusters.tsv`: k-means over word vectors learned offline from
the news corpora, at several granularities).  A token also sees its neighbours'
forms and shapes two words each way, their clusters one word each way, the two
word bigrams it belongs to, and whether a phrase of the
frozen gazetteer (`models/ner_gazetteer.tsv`) starts or continues there.

The trained files are read with `python-crfsuite`; nothing is fetched.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from warta.models import MODEL_DIR, model_file

# A token: a word with its inner apostrophes ("Ma'ruf") and the hyphens next to a
# digit ("ke-18", "Telkom-2", "90-an"), or one other non-space character.  A hyphen
# between letters is a token of its own ("Soo - ho", "Rusia - Korea"), as in the
# NER corpora the models learn from.
TOKEN = re.compile(r"\w+(?:(?:(?<=\d)-|-(?=\d))\w+|['’]\w+)*|[^\w\s]")
SENTENCE_END = {".", "!", "?"}
MAX_SEQUENCE = 150  # tokens tagged as one sequence at most (a run-on text is cut)
CONTEXT = (-2, -1, 1, 2)


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of `text`."""
    return [m.span() for m in TOKEN.finditer(text)]


def sequences(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Index ranges [i, j) of `spans` tagged together: sentences, roughly.

    A sequence ends after ".", "!" or "?" when the next token is not lower case,
    at a line break, and after `MAX_SEQUENCE` tokens.
    """
    start = 0
    for i in range(len(spans)):
        last = i + 1 == len(spans)
        if not last:
            token = text[spans[i][0] : spans[i][1]]
            following = text[spans[i + 1][0]]
            gap = text[spans[i][1] : spans[i + 1][0]]
            boundary = (
                (token in SENTENCE_END and not following.islower())
                or "\n" in gap
                or i + 1 - start >= MAX_SEQUENCE
            )
        if last or boundary:
            yield start, i + 1
            start = i + 1


def shape(word: str) -> str:
    """"Kim" -> "Xxx", "Soo-ho" -> "Xxx-xx", "2024" -> "dd"; runs longer than two shortened."""
    out = []
    for c in word:
        s = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not (len(out) >= 2 and out[-1] == s and out[-2] == s):
            out.append(s)
    return "".join(out)


def read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """word -> its cluster ids, one column per granularity (see the file's header). The
    ids, a few thousand values in 240,000 cells, are shared strings (12 MB less)."""
    clusters = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            word, *ids = line.rstrip("\n").split("\t")
            clusters[word] = tuple(map(sys.intern, ids))
    return clusters


class Phrases:
    """The frozen gazetteer's phrases (lower-cased tokens joined by spaces) and their
    labels, with each first token's longest phrase length. Two flat dicts of strings:
    a dict of token tuples per first token took 50 MB for its 134,000 phrases, this
    a third of that (issue 19)."""

    def __init__(self, labels: dict[str, tuple[str, ...]], longest: dict[str, int]) -> None:
        self.labels = labels
        self.longest = longest

    def longest_at(self, lows: Sequence[str], i: int) -> tuple[int, tuple[str, ...]]:
        """The length and labels of the longest phrase at `lows[i]`, or (1, ())."""
        for length in range(min(self.longest.get(lows[i], 0), len(lows) - i), 0, -1):
            labels = self.labels.get(" ".join(lows[i : i + length]))
            if labels is not None:
                return length, labels
        return 1, ()


def read_phrases(path: Path) -> Phrases:
    """The phrases of a gazetteer file: lower-cased tokens, a tab, comma-separated labels."""
    labels: dict[str, tuple[str, ...]] = {}
    longest: dict[str, int] = {}
    shared: dict[str, tuple[str, ...]] = {}  # the few label sets, one tuple each
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            phrase, names = line.rstrip("\n").split("\t")
            tokens = phrase.split(" ")
            labels.setdefault(phrase, shared.setdefault(names, tuple(map(sys.intern, names.split(",")))))
            longest[tokens[0]] = max(longest.get(tokens[0], 0), len(tokens))
    return Phrases(labels, longest)


# Words whose attributes are kept once made: about 2.5 kB each, so the 500,000 of before
# grew by 150 MB over one varied 10 MB text (issue 19). The most frequent words come
# first in any text: 2,048 of them tag 600 news articles 10% slower than 16,384 (2.78 s
# against 2.53 s; 4,096: 2.66 s) for 35 MB less.
WORD_CACHE = 2_048


class Featurizer:
    """Turns a token sequence into CRF attribute lists (see the module docstring)."""

    def __init__(self, clusters: dict[str, tuple[str, ...]], phrases: Phrases | None = None) -> None:
        self.clusters = clusters
        self.phrases = phrases
        self._cache: dict[str, tuple[list[str], dict[int, list[str]], str]] = {}

    def _word(self, word: str) -> tuple[list[str], dict[int, list[str]], str]:
        """A word's own attributes, what it shows as a neighbour at each offset, and its lower case."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        low = word.lower()
        sh = shape(word)
        own = ["w=" + low, "sh=" + sh, "p2=" + low[:2], "p3=" + low[:3], "s2=" + low[-2:], "s3=" + low[-3:],
               "s4=" + low[-4:]]  # fmt: skip
        if word[:1].isupper():
            own.append("T")
        if word.isupper():
            own.append("U")
        ids = self.clusters.get(low)
        if ids:
            own.extend(f"c{k}={c}" for k, c in enumerate(ids))
        else:
            own.append("c=none")
        around = {}
        for d in CONTEXT:
            seen = [f"{d}w={low}", f"{d}sh={sh}"]
            if ids and abs(d) == 1:
                seen.extend(f"{d}c{k}={c}" for k, c in enumerate(ids) if k >= 1)
            around[d] = seen
        cached = (own, around, low)
        if len(self._cache) < WORD_CACHE:
            self._cache[word] = cached
        return cached

    def _gazetteer(self, lows: list[str]) -> list[list[str]]:
        marks: list[list[str]] = [[] for _ in lows]
        i = 0
        while i < len(lows):
            length, labels = self.phrases.longest_at(lows, i)
            for label in labels:
                marks[i].append("gB=" + label)
                for j in range(i + 1, i + length):
                    marks[j].append("gI=" + label)
            i += length
        return marks

    def __call__(self, words: Sequence[str]) -> list[list[str]]:
        info = [self._word(w) for w in words]
        lows = [x[2] for x in info]
        n = len(words)
        marks = self._gazetteer(lows) if self.phrases is not None else None
        out = []
        for i in range(n):
            feats = ["b", *info[i][0]]
            if i == 0:
                feats.append("BOS")
            for d in CONTEXT:
                j = i + d
                if 0 <= j < n:
                    feats.extend(info[j][1][d])
                else:
                    feats.append(f"{d}pad")
            if i > 0:
                feats.append(f"bg-={lows[i - 1]}|{lows[i]}")
            if i + 1 < n:
                feats.append(f"bg+={lows[i]}|{lows[i + 1]}")
            if marks:
                feats.extend(marks[i])
            out.append(feats)
        return out


class CrfTagger:
    """A trained crfsuite model and the featurizer it was trained with."""

    def __init__(self, path: Path, featurizer: Featurizer) -> None:
        self.path = path
        self.featurizer = featurizer
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def tag(self, words: Sequence[str]) -> list[str]:
        """One label per word."""
        if not words:
            return []
        return self._tagger.tag(self.featurizer(words))

    def confidence(self, tags: Sequence[str], start: int, end: int) -> float:
        """The least marginal probability of `tags[k]`, k in [start, end), for the
        sequence tagged last."""
        return min(self._tagger.marginal(tags[k], k) for k in range(start, end))

    def labels(self) -> list[str]:
        return list(self._tagger.labels())


@lru_cache(maxsize=1)
def load_clusters() -> dict[str, tuple[str, ...]]:
    return read_clusters(model_file("clusters.tsv"))


__all__ = ["MODEL_DIR", "CrfTagger", "Featurizer", "sequences", "shape", "tokenize"]
