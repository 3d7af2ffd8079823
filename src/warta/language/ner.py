"""The trained named-entity recogniser (PER, ORG, LOC) and its CoNLL evaluator.

The model is a linear-chain CRF (`warta.language.tagger`) trained by
`scripts/train_models.py` on the cased Indonesian NER corpora (IndoLEM NER-UI and
NER-UGM, IndoNLU NERGrit), their labels mapped onto one set by `LABEL_MAP`.  It is
loaded once from `warta/models/` and never fetches anything.

- `find_model_mentions(text)`: the model's spans over a text as `Mention`s with
  `source="model"`, for `warta.language.entities.find_mentions` to merge with its rules;
- `evaluate_conll(path, fmt)`: scores a token-per-line BIO file against the model,
  entity by entity (exact span and label), as `warta evaluate ner` prints it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from warta.document import Mention
from warta.models import model_file
from warta.scores import Score
from warta.language.tagger import CrfTagger, Featurizer, load_clusters, read_phrases, sequences, tokenize

LABELS = ("PER", "ORG", "LOC")
MENTION_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOCATION"}
# Corpus labels onto the model's; anything else (QUANTITY, TIME, IND, EVT, FNB, MISC) is O.
LABEL_MAP = {
    "PER": "PER", "PERSON": "PER", "PPL": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC", "PLC": "LOC", "GPE": "LOC",
}  # fmt: skip
FORMATS = ("conll",)
# The least marginal probability, over its tokens, of a span `find_model_mentions`
# reports by default: below it the model is mostly wrong on news text (month names,
# English headlines of footnotes, "COVID-19" as a person).
MIN_CONFIDENCE = 0.6


class ConllError(ValueError):
    """A line of a CoNLL file cannot be read; the message names the file and line."""


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]


def normalise_tag(tag: str) -> str:
    """A corpus tag on the model's label set: "B-PERSON" -> "B-PER", "I-TIME" -> "O".

    IOBES/BILOU prefixes are read as B (S-, U-) and I (E-, L-).
    """
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    label = LABEL_MAP.get(label.upper())
    if label is None or prefix.upper() not in ("B", "I", "S", "E", "U", "L"):
        return "O"
    return ("B-" if prefix.upper() in ("B", "S", "U") else "I-") + label


def read_conll(path: str | Path, fmt: str = "conll") -> list[Sentence]:
    """Sentences of a token-per-line file: the token first, the BIO tag last.

    Columns are separated by tabs or spaces; a blank line ends a sentence;
    `-DOCSTART-` lines and `#` comment lines are skipped.  Tags are normalised with
    `normalise_tag`.  Raises ConllError (naming the file and line) for a line without
    a tag or text that is not UTF-8, OSError when the file cannot be read.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    path = Path(path)
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConllError(f"{path}:{line}: not UTF-8 text ({exc.reason})") from None
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            if words:
                sentences.append(Sentence(words, tags))
                words, tags = [], []
            continue
        if line.startswith("-DOCSTART-") or (line.startswith("#") and not words and "\t" not in line):
            continue
        columns = line.split("\t") if "\t" in line else line.split()
        if len(columns) < 2:
            raise ConllError(f"{path}:{number}: expected a token and a tag, got {line!r}")
        words.append(columns[0])
        tags.append(normalise_tag(columns[-1].strip()))
    if words:
        sentences.append(Sentence(words, tags))
    return sentences


def bio_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entities of a BIO sequence as (start, end, label), token indices, end exclusive.

    An I- tag that does not continue an entity of its label starts one (as conlleval reads it).
    """
    spans = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if tag == "O" or kind == "B" or name != label:
            if start is not None:
                spans.add((start, i, label))
            start, label = (i, name) if tag != "O" else (None, None)
    return spans


@dataclass
class Scores:
    """Entity-level exact-match counts, overall and per label."""

    overall: Score = field(default_factory=Score)
    labels: dict[str, Score] = field(default_factory=dict)
    sentences: int = 0
    tokens: int = 0
    per_sentence: list[tuple[int, int, int]] = field(default_factory=list)  # (correct, predicted, gold)

    def add(self, gold: Iterable[str], predicted: Iterable[str]) -> None:
        gold_spans, predicted_spans = bio_spans(list(gold)), bio_spans(list(predicted))
        correct = gold_spans & predicted_spans
        self.per_sentence.append((len(correct), len(predicted_spans), len(gold_spans)))
        for spans, attribute in ((gold_spans, "gold"), (predicted_spans, "predicted"),
                                 (correct, "true_positives")):  # fmt: skip
            for *_, label in spans:
                for count in (self.overall, self.labels.setdefault(label, Score())):
                    setattr(count, attribute, getattr(count, attribute) + 1)

    def f1_interval(self, resamples: int = 1000, seed: int = 0) -> tuple[float, float]:
        """The 95 % interval of the overall F1 over resampled sentences (percentile
        bootstrap): how far the score could move on another test set of the same
        size and kind. On a small set it is wide: on the 209 NERGrit test
        sentences an F1 of 73.41 has the interval 68.11-78.00."""
        if not self.per_sentence:
            return 0.0, 0.0
        rng = random.Random(seed)
        values = sorted(
            Score(*map(sum, zip(*rng.choices(self.per_sentence, k=len(self.per_sentence)), strict=True))).f1
            for _ in range(resamples)
        )
        return values[int(0.025 * resamples)], values[int(0.975 * resamples) - 1]

    def as_dict(self) -> dict:
        def row(c: Score) -> dict:
            return {"precision": round(100 * c.precision, 2), "recall": round(100 * c.recall, 2),
                    "f1": round(100 * c.f1, 2), "gold": c.gold, "predicted": c.predicted, "correct": c.true_positives}  # fmt: skip

        low, high = self.f1_interval()
        return {"sentences": self.sentences, "tokens": self.tokens, **row(self.overall),
                "f1_interval": [round(100 * low, 2), round(100 * high, 2)],
                "labels": {label: row(self.labels[label]) for label in sorted(self.labels)}}  # fmt: skip

    def format(self) -> str:
        """The report `warta evaluate ner` prints: a line per label, then the total; F1 last on each."""
        low, high = self.f1_interval()
        lines = [f"{self.sentences} sentences, {self.tokens} tokens; "
                 f"overall F1 95% interval over resampled sentences {100 * low:.2f}-{100 * high:.2f}"]
        for label, c in [*sorted(self.labels.items()), ("all", self.overall)]:
            lines.append(f"{label:<4} gold {c.gold:6d}  predicted {c.predicted:6d}  correct {c.true_positives:6d}  "
                         f"precision {100 * c.precision:6.2f}  recall {100 * c.recall:6.2f}  F1 {100 * c.f1:6.2f}")  # fmt: skip
        return "\n".join(lines)


def score_sentences(gold: Sequence[Sentence], predicted: Sequence[Sequence[str]]) -> Scores:
    scores = Scores(sentences=len(gold), tokens=sum(len(s.words) for s in gold))
    for sentence, tags in zip(gold, predicted, strict=True):
        scores.add(sentence.tags, tags)
    return scores


# --- the shipped model ---------------------------------------------------------------


@lru_cache(maxsize=1)
def load_model() -> CrfTagger:
    """The shipped NER model, loaded on first use and kept for the process."""
    featurizer = Featurizer(load_clusters(), read_phrases(model_file("ner_gazetteer.tsv")))
    return CrfTagger(model_file("ner.crfsuite"), featurizer)


def tag_words(words: Sequence[str]) -> list[str]:
    """BIO tags (B-PER, I-ORG, ..., O) of one sentence's words."""
    return load_model().tag(words)


def evaluate_conll(
    path: str | Path, fmt: str = "conll", tagger: Callable[[list[str]], list[str]] | None = None
) -> Scores:
    """Score the shipped model on a token-per-line BIO file (see `read_conll`).

    Entity-level exact match: a predicted entity counts when its tokens and label
    equal a gold entity's.  The file's labels are mapped with `LABEL_MAP`, so
    IndoLEM, NERGrit or CoNLL-style files score over PER, ORG and LOC alike.
    `tagger` replaces the shipped model (a function from words to BIO tags).
    Raises OSError for an unreadable file and ConllError for a malformed line.
    """
    gold = read_conll(path, fmt)
    tag = tagger or load_model().tag
    return score_sentences(gold, [tag(s.words) for s in gold])


def find_model_mentions(text: str, min_confidence: float = MIN_CONFIDENCE) -> list[Mention]:
    """The model's PER/ORG/LOC spans over `text` as mentions (`source="model"`).

    Types are PERSON, ORG and LOCATION; the name is the surface with its spaces
    folded; country and sector are left for the rules to give.  A span is kept
    when the marginal probability of its tag at each of its tokens is at least
    `min_confidence` (0 keeps every span of the best tag sequence).
    """
    model = load_model()
    spans = tokenize(text)
    found = []
    for i, j in sequences(text, spans):
        words = [text[a:b] for a, b in spans[i:j]]
        tags = model.tag(words)
        for start, end, label in sorted(bio_spans(tags)):
            if min_confidence > 0 and model.confidence(tags, start, end) < min_confidence:
                continue
            a, b = spans[i + start][0], spans[i + end - 1][1]
            surface = text[a:b]
            found.append(Mention(a, b, surface, MENTION_TYPES[label], " ".join(surface.split()), source="model"))
    return found
