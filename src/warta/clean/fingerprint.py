"""Stage 5, fingerprint: the hashes that find the same and nearly the same article.

`content_hash` is of the raw input (with its URL), so re-reading an input finds it
again; `text_hash` is of the cleaned text, so the same article from another source
is an exact duplicate; `minhash` is a MinHash signature over word shingles, so a
wire story republished with small edits is a near-duplicate (the store searches
it with LSH bands).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import lru_cache
from itertools import islice
from operator import methodcaller

import numpy as np

from ..document import Document, RawInput
from ..settings import Options

WORD = re.compile(r"\w+")
MINHASH_SEED = 1


def content_hash(raw: RawInput) -> str:
    """Identity of an input: the same bytes (and URL) are the same document."""
    url = raw.fields.get("url") if isinstance(raw.fields.get("url"), str) else ""
    return hashlib.sha256(f"{url}\n{raw.kind}\n{raw.payload}".encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(doc: Document, options: Options) -> Document:
    """The text hash and MinHash signature of `doc`, read a batch of words at a time:
    a 10 MB text never becomes a list of all its words or a set of its shingles
    (hundreds of MB). The text hash is of its words joined by spaces."""
    text_hash, minhash = hashlib.sha256(), MinHash(options.num_perm)
    size, count, tail = options.shingle_words, 0, []
    words = map(methodcaller("group"), WORD.finditer(doc.text.lower()))
    while batch := list(islice(words, SHINGLE_BATCH)):
        text_hash.update((" " * bool(count) + " ".join(batch)).encode("utf-8", "surrogatepass"))
        count += len(batch)
        run = tail + batch  # the shingles that begin in the batch before end in this one
        minhash.update([zlib.crc32(" ".join(run[i : i + size]).encode("utf-8", "surrogatepass"))
                        for i in range(len(run) - size + 1)])
        tail = run[-(size - 1):] if size > 1 else []
    doc.text_hash = text_hash.hexdigest()
    doc.minhash = minhash.signature() if count >= options.min_words else None
    return doc


SHINGLE_BATCH = 8192  # words read, and shingles permuted, at once: a num_perm x 8192 array, 4 MB


class MinHash:
    """A MinHash signature over shingle hashes, the same numbers as datasketch's MinHash
    (2.0, its default "affine32" scheme) gives with `hashfunc=zlib.crc32` and seed
    MINHASH_SEED: stored signatures stay comparable. Done here with numpy alone, as
    importing datasketch loads scipy (a second and 40 MB for each ingest). A shingle
    seen twice changes nothing (a minimum), so a text's shingles are fed in batches."""

    def __init__(self, num_perm: int) -> None:
        self.a, self.b = _permutations(num_perm)
        self.values = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)

    def update(self, hashes: list[int]) -> None:
        """Take in a batch of 32-bit shingle hashes (crc32: stable across processes,
        as stored signatures must be, and C-fast)."""
        if hashes:
            mixed = _fmix32(np.asarray(hashes, dtype=np.uint32).reshape(-1, 1))
            self.values = np.minimum(self.values, (mixed * self.a + self.b).min(axis=0))

    def signature(self) -> list[int]:
        return self.values.astype(np.uint64).tolist()


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine permutations h -> a * h + b (mod 2^32, a odd), drawn as it draws them."""
    generator = np.random.RandomState(MINHASH_SEED)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch applies before permuting (the
    products wrap around: arithmetic modulo 2^32)."""
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    return hashes ^ (hashes >> np.uint32(16))


def similarity(a: list[int] | bytes, b: list[int] | bytes) -> float:
    """Estimated Jaccard similarity of two signatures (lists or stored bytes)."""
    left, right = (np.frombuffer(x, dtype=np.uint64) if isinstance(x, bytes) else np.asarray(x, dtype=np.uint64) for x in (a, b))
    return float(np.mean(left == right))
