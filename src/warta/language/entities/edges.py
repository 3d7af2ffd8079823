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
country, except an organisation grown over a country's name, which takes that country.
The mentions it now overlaps are settled as every other overlap is (the longest wins).

Features: the words at and across the edge, their shapes, the punctuation there, what
the gazetteer and the other mentions say starts or ends at it, and what the gazetteer
says of the whole candidate span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache, cached_property
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
        self.hit_spans: dict[tuple[int, int], set[str]] = {}
        for hit in hits:
            self.hit_spans.setdefault((hit.start, hit.end), set()).add(_kind(hit))
            self.hit_at.setdefault(hit.start, set()).add(_kind(hit))
            self.hit_ending.setdefault(hit.end, set()).add(_kind(hit))
            if isinstance(hit.payload, Entry) and not hit.payload.metonym:
                self.entries.setdefault((hit.start, hit.end), hit.payload)
        self._words: dict[int, tuple[str, str]] = {}

    def word(self, i: int) -> tuple[str, str]:
        """Word i's lower-case form and shape (each word is read once per text)."""
        known = self._words.get(i)
        if known is None:
            if 0 <= i < len(self.spans):
                a, b = self.spans[i]
                known = (self.text[a:b].lower(), _shape(self.text[a:b]))
            else:
                known = (_NONE, "none")
            self._words[i] = known
        return known

    def joined(self, i: int) -> bool:
        """Whether words i and i + 1 are one space apart (an edge moves only across such)."""
        return 0 <= i and i + 1 < len(self.spans) and self.text[self.spans[i][1]:self.spans[i + 1][0]] == " "

    def features(self, mention: Mention, j: int, i: int, side: str) -> list[str]:
        """Features of word j's end (side "end") or start ("start") as that edge of
        `mention`, whose own last (first) word is i; `names` keeps the trained models' feature names."""
        ending = side == "end"
        step = 1 if ending else -1
        names = _END_NAMES if ending else _START_NAMES
        at = self.spans[j][1] if ending else self.spans[j][0]
        word, shape = self.word(j)
        across, across_shape = self.word(j + step)
        d = max(-REACH, min(REACH, (j - i) * step))
        mark = self.text[at:at + 1] if ending else self.text[at - 1:at] if at else "^"
        own, others = (self.mention_ending, self.mention_at) if ending else (self.mention_at, self.mention_ending)
        own_hits, other_hits = (self.hit_ending, self.hit_at) if ending else (self.hit_at, self.hit_ending)
        kind, origin = mention.type, mention.source
        x, xs, xmark, there, xthere, hit, xhit = names
        features = [f"d={d}", f"d|t={d}|{kind}", f"d|s={d}|{origin}", f"w={word}", f"ws={shape}", f"{x}={across}",
                    f"{xs}={across_shape}", f"{xmark}={mark}", f"w|t={word}|{kind}", f"{x}|t={across}|{kind}",
                    f"ws|{xs}={shape}|{across_shape}|{mark}", f"d|{xs}={d}|{across_shape}",
                    _other(own, at, mention, there)]
        features += [f"{hit}={k}" for k in sorted(own_hits.get(at, ()))]
        whole = (mention.start, at) if ending else (at, mention.end)
        features += [f"span={k}" for k in sorted(self.hit_spans.get(whole, ()))]
        if 0 <= j + step < len(self.spans):
            beyond = self.spans[j + 1][0] if ending else self.spans[j - 1][1]
            features.append(_other(others, beyond, mention, xthere))
            features += [f"{xhit}={k}" for k in sorted(other_hits.get(beyond, ()))]
        return features


# The feature names of an end and of a start: the word across the edge, its shape, the
# mark at the edge, a mention at the edge, a mention across it, a gazetteer hit at it, across it.
_END_NAMES = ("nx", "nxs", "after", "ends", "nxstarts", "hitend", "nxhit")
_START_NAMES = ("pv", "pvs", "before", "starts", "pvends", "hitstart", "pvhit")


def _other(table: dict[int, Mention], offset: int, mention: Mention, label: str) -> str:
    other = table.get(offset)
    return f"{label}={other.type}|{other.source}" if other is not None and other is not mention else f"{label}=none"


@dataclass
class Edges:
    """A named mention's candidate ends and starts (offsets), each with its features."""

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
    return Edges([text.spans[j][1] for j in ends], [text.features(mention, j, last, "end") for j in ends],
                 [text.spans[j][0] for j in starts], [text.features(mention, j, first, "start") for j in starts])


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

    @cached_property
    def scorers(self) -> tuple[Callable[[list[str]], float], Callable[[list[str]], float]]:
        """How far each candidate is the edge, for ends and for starts (see LinearModel.margins)."""

        def scorer(model: LinearModel) -> Callable[[list[str]], float]:
            weights, bias = model.margins(EDGE)
            return lambda features: bias + sum(weights.get(f, 0.0) for f in features)

        return scorer(self.end), scorer(self.start)

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


def _choose(score: Callable[[list[str]], float], offsets: list[int], features: list[list[str]], own: int) -> int:
    margins = [score(f) for f in features]
    best = max(range(len(offsets)), key=margins.__getitem__)
    return offsets[best] if margins[best] > margins[offsets.index(own)] else own


def settle_edges(text: str, mentions: list[Mention], hits: Iterable[Hit], models: EdgeModels,
                 doc: Doc | None = None) -> list[Mention]:
    """`mentions` with each named mention's edges as the models choose them, overlaps settled.

    With `doc`, a mention in a title-case headline does not grow over an everyday word
    (`common_words.txt`): there every word is capitalised, so "Putin dan Trump Bertemu di
    Alaska" names "Trump", not "Trump Bertemu"."""
    edge_text = EdgeText(text, mentions, hits)
    end_score, start_score = models.scorers
    moved = []
    for mention in mentions:
        edges = candidate_edges(edge_text, mention)
        if edges is not None:
            start = _choose(start_score, edges.starts, edges.start_features, mention.start)
            end = _choose(end_score, edges.ends, edges.end_features, mention.end)
            if doc is not None and (start, end) != (mention.start, mention.end) and (start, end) not in edge_text.entries \
                    and doc.headline(mention.start):
                start, end = _not_over_words(doc, mention, start, end)
            if (start, end) != (mention.start, mention.end) and start < end:
                mention = _moved(edge_text, mention, start, end)
        moved.append(mention)
    return settle_overlaps(moved)


def _not_over_words(doc: Doc, mention: Mention, start: int, end: int) -> tuple[int, int]:
    """The edges, each kept where it was if moving it would take in an everyday word
    other than a word that continues names ("Sumatra Selatan", "Kota Baru": cues.tsv),
    unless the gazetteer names the new span ("Tanjung Priok")."""
    def common(a: int, b: int) -> bool:
        words = (w.lower() for w in re.findall(r"[^\W\d_]+", doc.text[a:b]))
        return any(w in doc.gaz.common and w not in doc.gaz.cues["continuation"] for w in words)
    return (mention.start if start < mention.start and common(start, mention.start) else start,
            mention.end if end > mention.end and common(mention.end, end) else end)


def _moved(text: EdgeText, mention: Mention, start: int, end: int) -> Mention:
    """The mention with its new edges: the gazetteer's entry where it names the new span
    ("Kedutaan Besar Kamboja" cut to "Kamboja"); else the new words as its name; a mention
    grown back over a body is that body ("Kuala Lumpur" to "KBRI Kuala Lumpur", Indonesia's
    embassy); an organisation grown over a country takes that country ("Twitter" to
    "Twitter Indonesia")."""
    surface = text.text[start:end]
    entry = text.entries.get((start, end))
    if entry is not None:
        return Mention(start, end, surface, entry.type, entry.name, entry.country, entry.sector, "gazetteer")
    first = text.mention_at.get(start)
    if start < mention.start and first is not None and first.type == "ORG" and first.end <= mention.start:
        return replace(first, start=start, end=end, text=surface, name=surface)  # "KBRI Kuala Lumpur": the embassy
    last = text.mention_ending.get(end)
    if mention.type == "ORG" and end > mention.end and last is not None and last.type == "COUNTRY" and last.country:
        return replace(mention, start=start, end=end, text=surface, name=surface, country=last.country, country_basis="text")
    return replace(mention, start=start, end=end, text=surface, name=surface)
