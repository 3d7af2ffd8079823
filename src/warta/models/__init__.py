"""Trained model files shipped with warta, rebuilt by `make models` (scripts/train_models.py).

- `clusters.tsv`: word clusters learned from the news corpora (no labels);
- `ner.crfsuite`, `ner_gazetteer.tsv`: the PER/ORG/LOC entity recogniser and the
  gazetteer phrases frozen into it at training time (see `warta.language.ner`);
- `names.tsv`: the names of the annotated corpus's train split and the country their
  annotators agree on (see `warta.language.entities.corpus_names`);
- `edges.npz`: where named mentions start and end (8-bit weights, see
  `warta.language.entities.edges`), trained on the annotated corpus's train split;
- `coder.npz`: the learned event coder's models (8-bit weights, see `warta.events.learned`),
  trained on the annotated corpus `corpus/`; `coder.report.json`: its data, settings and
  dev scores;
- `sentence_encoder.npz`: multilingual-e5-small's first six layers fine-tuned to tell a
  sentence's event types, averaged with the coder's sentence model (see `encoder.py`,
  `warta.events.learned.sentence_types`); `sentence_encoder.report.json`: its data,
  settings and dev scores;
- `linear.py`: `LinearModel`, how the `.npz` models are stored and scored;
- `encoder.py`: `SentenceEncoder`, how the encoder is stored, tokenizes and runs (numpy);
- `report.json`: how the others were trained and what they scored.

Everything is read from this folder; nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent


class ModelMissing(FileNotFoundError):
    """A model file is not in the package; the message says how to rebuild it."""


def model_file(name: str, directory: Path | None = None) -> Path:
    """The path of a shipped model file, or ModelMissing naming it and `make models`."""
    path = (directory or MODEL_DIR) / name
    if not path.is_file():
        raise ModelMissing(f"model file {path} is missing: run `make models` to train it")
    return path
