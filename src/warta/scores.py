"""Precision, recall and F1 from counts: shared by event and NER evaluation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
