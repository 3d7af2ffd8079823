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
    words = WORD.findall(doc.text.lower())
    doc.text_hash = hashlib.sha256(" ".join(words).encode("utf-8", "surrogatepass")).hexdigest()
    doc.minhash = signature(words, options) if len(words) >= options.min_words else None
    return doc


@lru_cache(maxsize=4)
def _template(num_perm: int) -> "MinHash":  # noqa: F821
    """MinHash draws its permutations from a seeded generator on every construction,
    which costs more than hashing a whole article: draw them once, copy after.
    datasketch is imported here, when an article is fingerprinted: importing it loads
    scipy (for its LSH), a second of start-up that no other command needs."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=MINHASH_SEED, hashfunc=zlib.crc32)


def signature(words: list[str], options: Options) -> list[int]:
    size = options.shingle_words
    shingles = {" ".join(words[i : i + size]).encode("utf-8", "surrogatepass") for i in range(len(words) - size + 1)}
    # crc32: stable across processes (signatures are stored) and C-fast; 32 bits is
    # what datasketch's default hash keeps too.
    minhash = _template(options.num_perm).copy()
    minhash.update_batch(list(shingles))
    return minhash.hashvalues.astype(np.uint64).tolist()


def similarity(a: list[int] | bytes, b: list[int] | bytes) -> float:
    """Estimated Jaccard similarity of two signatures (lists or stored bytes)."""
    left, right = (np.frombuffer(x, dtype=np.uint64) if isinstance(x, bytes) else np.asarray(x, dtype=np.uint64) for x in (a, b))
    return float(np.mean(left == right))
