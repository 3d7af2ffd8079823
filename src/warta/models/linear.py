"""`LinearModel`: a logistic regression stored as feature strings and 8-bit weights,
scored with numpy, so running warta's learned models needs no training library
(scripts/train_coder.py and scripts/train_models.py fit them with scikit-learn)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression: feature string -> row of class weights."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # float32 [features, classes]; with `scale`, the 8-bit codes of them
    bias: np.ndarray  # float32 [classes]
    # Each class column's step: a model read from 8-bit storage keeps its codes (a quarter
    # of the memory of float32 weights) and scales the rows a sentence reads, the same
    # float32 products as scaling them all at load.
    scale: np.ndarray | None = None

    def scores(self, features: Iterable[str]) -> np.ndarray:
        rows = [self.index[f] for f in features if f in self.index]
        total = self.bias.copy()
        if rows:
            chosen = self.weights[rows]
            total += (chosen if self.scale is None else chosen.astype(np.float32) * self.scale).sum(axis=0)
        return total

    def proba(self, features: Iterable[str]) -> np.ndarray:
        z = self.scores(features)
        z = np.exp(z - z.max())
        return z / z.sum()

    def independent(self, features: Iterable[str]) -> np.ndarray:
        """Per-class probabilities of a model trained one-vs-rest (the sentence model)."""
        return 1.0 / (1.0 + np.exp(-self.scores(features)))

    def margins(self, positive: str) -> tuple[dict[str, float], float]:
        """A two-class model as each feature's weight toward `positive` less its weight
        toward the other class, and the same of the bias: summed in plain Python, the
        few features of one decision score faster than through numpy."""
        column = self.classes.index(positive)
        sign = np.where(np.arange(len(self.classes)) == column, 1.0, -1.0).astype(np.float32)
        steps = (self.weights if self.scale is None else self.weights.astype(np.float32) * self.scale) @ sign
        return dict(zip(self.index, steps[list(self.index.values())].tolist())), float(self.bias @ sign)

    def to_arrays(self, name: str) -> dict[str, np.ndarray]:
        """8-bit weights with one scale per class, plus the feature list and classes."""
        if self.scale is None:
            scale = np.maximum(np.abs(self.weights).max(axis=0, initial=0.0), 1e-8) / 127.0  # a constant model has no rows
            quantized = np.round(self.weights / scale).astype(np.int8)
        else:
            scale, quantized = self.scale, self.weights
        features = sorted(self.index, key=self.index.get)
        return {f"{name}.classes": np.array(self.classes), f"{name}.features": np.array(features),
                f"{name}.weights": quantized, f"{name}.scale": scale.astype(np.float32),
                f"{name}.bias": self.bias.astype(np.float32)}

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], name: str) -> LinearModel:
        """The model stored under `name`, less the features whose 8-bit weights are all
        zero: they add nothing to any score, and they are three in four of the trigger
        model's (the feature index is most of the coder's memory, issue 19)."""
        weights = arrays[f"{name}.weights"]
        used = np.flatnonzero(weights.any(axis=1))
        features = arrays[f"{name}.features"][used].tolist()
        return cls(tuple(str(c) for c in arrays[f"{name}.classes"]), {f: i for i, f in enumerate(features)},
                   np.ascontiguousarray(weights[used]), arrays[f"{name}.bias"].astype(np.float32),
                   arrays[f"{name}.scale"].astype(np.float32))
