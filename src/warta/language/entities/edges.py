"""Learned edges: where a named mention starts and where it ends.

The rules and the recogniser often find the right name with the wrong edges: "Partai
Golkar" of "DPP Partai Golkar", "Jakabaring Sport City Palembang" for the venue of a
story set in Palembang, "Provinsi Nangarhar Attaullah Khogyani" for an office and the
man who holds it. Where a name ends depends on the words around it, so two small
logistic regressions trained on the annotated corpus's train split decide it
(`models/edges.npz`, `scripts/train_models.py edges`): one scores each word end
from three words inside a named mention to three words after it as the mention's
end, the other each word start from three words before to three inside as its start.
The mention's own edge stays unless another scores higher. A mention whose edges
moved is the gazetteer's entry when the gazetteer names the new span (its type, name
and country); otherwise it takes its new words as its name and keeps its type and
country. The mentions it now overlaps are settled as every other overlap is (the
longest wins).

Features: the words at and across the edge, their shapes, the punctuation there, and
what the gazetteer and the other mentions say starts or ends at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np

from ...document import Mention
from ...models import model_file
from ...models.linear import LinearModel
from .gazetteer import Entry, Hit, Title, load_gazetteer
from .reading import Doc
from .spans import settle_overlaps

EDGES_FILE = "edges.npz"
# The sources whose mentions' edges may move. An office named without a name ("pemimpin
# Korea Utara", read as the person who held it) is not a name whose edges the corpus marks.
MOVABLE = frozenset({"gazetteer", "title", "model", "name-run", "coreference"})
REACH = 3  # words an edge may move, in or out
EDGE = "edge"  # the class of a word boundary that is the gold edge
# A word for edges: unlike the entity rules' words, numbers ("Pelindo 1", "Densus 88")
# and parenthesised short forms end names too.
EDGE_WORD = re.compile(r"\([^()\s]{1,12}\)|\w[\w&'./-]*\w|\w")
_NONE = "<none>"


def _shape(word: str) -> str:
    if word == _NONE:
        return "none"
    if word[0] == "(":
        return "paren"
    if word.isdigit():
        return "digit"
    if word.isupper():
        return "upper"
    return "cap" if word[0].isupper() else "low"


def _kind(hit: Hit) -> str:
    payload = hit.payload
    if isinstance(payload, Title):
        return "title"
    return f"entry:{payload.type}" if isinstance(payload, Entry) else "head"


class EdgeText:
    """One text's edge words, and what the gazetteer and the mentions start or end at each offset."""

    def __init__(self, text: str, mentions: list[Mention], hits: Iterable[Hit]) -> None:
        self.text = text
        self.spans = [(m.start(), m.end()) for m in EDGE_WORD.finditer(text)]
        self.word_at = {a: i for i, (a, _) in enumerate(self.spans)}
        self.word_ending = {b: i for i, (_, b) in enumerate(self.spans)}
        self.mention_at = {m.start: m for m in mentions}
        self.mention_ending = {m.end: m for m in mentions}
        self.hit_at: dict[int, set[str]] = {}
        self.hit_ending: dict[int, set[str]] = {}
        self.entries: dict[tuple[int, int], Entry] = {}  # the first plain entry of each span (no capital or seat)
        for hit in hits:
            self.hit_at.setdefault(hit.start, set()).add(_kind(hit))
            self.hit_ending.setdefault(hit.end, set()).add(_kind(hit))
            if isinstance(hit.payload, Entry) and not hit.payload.metonym:
                self.entries.setdefault((hit.start, hit.end), hit.payload)

    def word(self, i: int) -> str:
        if 0 <= i < len(self.spans):
            a, b = self.spans[i]
            return self.text[a:b]
        return _NONE

    def joined(self, i: int) -> bool:
        """Whether words i and i + 1 are one space apart (an edge moves only across such)."""
        return 0 <= i and i + 1 < len(self.spans) and self.text[self.spans[i][1]:self.spans[i + 1][0]] == " "

    def _other(self, table: dict[int, Mention], offset: int, mention: Mention, label: str) -> str:
        other = table.get(offset)
        return f"{label}={other.type}|{other.source}" if other is not None and other is not mention else f"{label}=none"

    def end_features(self, mention: Mention, j: int, i: int) -> list[str]:
        """Features of word j's end as the end of `mention`, whose own last word is i."""
        word, after = self.word(j), self.word(j + 1)
        end = self.spans[j][1]
        d = max(-REACH, min(REACH, j - i))
        mark = self.text[end:end + 1]
        features = [f"d={d}", f"d|t={d}|{mention.type}", f"d|s={d}|{mention.source}", f"w={word.lower()}",
                    f"ws={_shape(word)}", f"nx={after.lower()}", f"nxs={_shape(after)}", f"after={mark}",
                    f"w|t={word.lower()}|{mention.type}", f"nx|t={after.lower()}|{mention.type}",
                    f"ws|nxs={_shape(word)}|{_shape(after)}|{mark}", f"d|nxs={d}|{_shape(after)}",
                    self._other(self.mention_ending, end, mention, "ends")]
        features += [f"hitend={k}" for k in sorted(self.hit_ending.get(end, ()))]
        if j + 1 < len(self.spans):
            following = self.spans[j + 1][0]
            features.append(self._other(self.mention_at, following, mention, "nxstarts"))
            features += [f"nxhit={k}" for k in sorted(self.hit_at.get(following, ()))]
        return features

    def start_features(self, mention: Mention, j: int, i: int) -> list[str]:
        """Features of word j's start as the start of `mention`, whose own first word is i."""
        word, before = self.word(j), self.word(j - 1)
        start = self.spans[j][0]
        d = max(-REACH, min(REACH, i - j))
        mark = self.text[start - 1:start] if start else "^"
        features = [f"d={d}", f"d|t={d}|{mention.type}", f"d|s={d}|{mention.source}", f"w={word.lower()}",
                    f"ws={_shape(word)}", f"pv={before.lower()}", f"pvs={_shape(before)}", f"before={mark}",
                    f"w|t={word.lower()}|{mention.type}", f"pv|t={before.lower()}|{mention.type}",
                    f"ws|pvs={_shape(word)}|{_shape(before)}|{mark}", f"d|pvs={d}|{_shape(before)}",
                    self._other(self.mention_at, start, mention, "starts")]
        features += [f"hitstart={k}" for k in sorted(self.hit_at.get(start, ()))]
        if j > 0:
            previous = self.spans[j - 1][1]
            features.append(self._other(self.mention_ending, previous, mention, "pvends"))
            features += [f"pvhit={k}" for k in sorted(self.hit_ending.get(previous, ()))]
        return features


@dataclass
class Edges:
    """A named mention's candidate ends and starts (offsets), each with its features."""

    mention: Mention
    ends: list[int]
    end_features: list[list[str]]
    starts: list[int]
    start_features: list[list[str]]


def candidate_edges(text: EdgeText, mention: Mention) -> Edges | None:
    """The ends from REACH words inside to REACH after, the starts from REACH before to
    REACH inside; None for a mention whose edges are not edge words, and for the
    mentions whose edges stay: those not of a MOVABLE source, and countries (a country's
    name grown by a word is another entity, "AS Monaco", whose type no edge tells)."""
    last, first = text.word_ending.get(mention.end), text.word_at.get(mention.start)
    if mention.source not in MOVABLE or mention.type == "COUNTRY" or last is None or first is None:
        return None
    ends = list(range(max(last - REACH, first), last + 1))
    while len(ends) < last - ends[0] + 1 + REACH and text.joined(ends[-1]):
        ends.append(ends[-1] + 1)
    starts = list(range(first, min(first + REACH, last) + 1))
    while first - starts[0] < REACH and text.joined(starts[0] - 1):
        starts.insert(0, starts[0] - 1)
    return Edges(mention, [text.spans[j][1] for j in ends], [text.end_features(mention, j, last) for j in ends],
                 [text.spans[j][0] for j in starts], [text.start_features(mention, j, first) for j in starts])


def edge_examples(text: str, mentions: list[Mention], gold: list[dict]) -> tuple[list, list]:
    """Training rows (features, EDGE or "no") for ends and for starts: each named mention
    (as found without the edge models) against the gold mention it overlaps most, where
    that one's edge is a candidate."""
    gazetteer = load_gazetteer()
    edge_text = EdgeText(text, mentions, gazetteer.hits(text, Doc(gazetteer, text).lowered))
    ends: list[tuple[list[str], str]] = []
    starts: list[tuple[list[str], str]] = []
    for mention in mentions:
        edges = candidate_edges(edge_text, mention)
        overlapping = [g for g in gold if g["start"] < mention.end and mention.start < g["end"]]
        if edges is None or not overlapping:
            continue
        best = max(overlapping, key=lambda g: min(g["end"], mention.end) - max(g["start"], mention.start))
        for rows, offsets, features, wanted in ((ends, edges.ends, edges.end_features, best["end"]),
                                                (starts, edges.starts, edges.start_features, best["start"])):
            if wanted in offsets:
                rows.extend((f, EDGE if offset == wanted else "no") for offset, f in zip(offsets, features))
    return ends, starts


@dataclass(frozen=True)
class EdgeModels:
    end: LinearModel
    start: LinearModel

    def save(self, path: Path) -> None:
        with open(path, "wb") as stream:
            np.savez_compressed(stream, **self.end.to_arrays("end"), **self.start.to_arrays("start"))

    @classmethod
    def load(cls, path: Path) -> EdgeModels:
        with open(path, "rb") as stream, np.load(stream, allow_pickle=False) as data:
            return cls(LinearModel.from_arrays(data, "end"), LinearModel.from_arrays(data, "start"))


@cache
def packaged_edges() -> EdgeModels:
    return EdgeModels.load(model_file(EDGES_FILE))


def _choose(model: LinearModel, offsets: list[int], features: list[list[str]], own: int) -> int:
    column = model.classes.index(EDGE)
    scores = [model.scores(f) for f in features]
    margins = [2 * s[column] - s.sum() for s in scores]  # two classes: the edge's score less the other's
    best = int(np.argmax(margins))
    return offsets[best] if margins[best] > margins[offsets.index(own)] else own


def settle_edges(text: str, mentions: list[Mention], hits: Iterable[Hit], models: EdgeModels) -> list[Mention]:
    """`mentions` with each named mention's edges as the models choose them, overlaps settled."""
    edge_text = EdgeText(text, mentions, hits)
    moved = []
    for mention in mentions:
        edges = candidate_edges(edge_text, mention)
        if edges is not None:
            start = _choose(models.start, edges.starts, edges.start_features, mention.start)
            end = _choose(models.end, edges.ends, edges.end_features, mention.end)
            if (start, end) != (mention.start, mention.end):
                surface = text[start:end]
                entry = edge_text.entries.get((start, end))
                if entry is None:
                    mention = replace(mention, start=start, end=end, text=surface, name=surface)
                else:  # the gazetteer knows the new span: "Kedutaan Besar Kamboja" cut to "Kamboja"
                    mention = Mention(start, end, surface, entry.type, entry.name, entry.country, entry.sector, "gazetteer")
        moved.append(mention)
    return settle_overlaps(moved)
