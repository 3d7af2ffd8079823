"""The corpus's splits, and the freeze on its test split.

Training and tuning read `train` and `dev` through `load_split`; only evaluation may
read `test`, and it is checked against the checksum in `corpus/test.sha256` on every
read, so an edited test split is refused instead of silently scored.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from .format import SPLITS, read_records

TEST_CHECKSUM = "test.sha256"


class CorpusError(ValueError):
    pass


def corpus_folder(given: str | os.PathLike[str] | None = None) -> Path:
    """`given`, else $WARTA_CORPUS, else ./corpus."""
    return Path(given or os.environ.get("WARTA_CORPUS", "corpus"))


def split_path(folder: Path, split: str) -> Path:
    if split not in SPLITS:
        raise CorpusError(f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    return folder / f"{split}.jsonl"


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def frozen_checksum(folder: Path) -> str | None:
    path = folder / TEST_CHECKSUM
    return path.read_text("utf-8").split()[0] if path.exists() else None


def load_split(split: str, folder: str | os.PathLike[str] | None = None) -> list[dict[str, Any]]:
    """The records of one split; CorpusError when it is missing or the test split changed."""
    root = corpus_folder(folder)
    path = split_path(root, split)
    if not path.exists():
        raise CorpusError(f"{path}: no such split file (is --corpus the corpus folder?)")
    if split == "test":
        frozen = frozen_checksum(root)
        if frozen is None or checksum(path) != frozen:
            raise CorpusError(f"{path}: does not match the frozen checksum in {root / TEST_CHECKSUM}")
    return list(read_records(path))
