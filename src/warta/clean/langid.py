"""Stage 4, language: ISO 639-1 code of the cleaned text.

pycld2 separates Indonesian from Malay best on news text (OFFLINE-NLP.md); when it
is not sure, simplemma's detector gives a second opinion among the languages
warta reads. When it says Malay, the words only one of the two languages writes
(`data/clean/malay_indonesian.tsv`) have the last word: an Indonesian article about
Malaysia is still Indonesian, and so is a short text that writes none of them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import pycld2
import simplemma

from ..document import Document

SECOND_OPINION = ("id", "en", "ms")
SAMPLE_CHARS = 20_000


def identify_language(doc: Document) -> Document:
    doc.language = detect(doc.text)
    return doc


def detect(text: str) -> str | None:
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return None
    try:
        reliable, _, details = pycld2.detect(sample.encode("utf-8", "ignore").decode("utf-8"))
    except pycld2.error:
        reliable, details = False, ()
    code = details[0][1] if details else "un"
    if reliable and code != "un":
        return _indonesian_or_malay(sample) if code == "ms" else code.split("-")[0]
    guesses = simplemma.langdetect(sample, lang=SECOND_OPINION)
    best, score = guesses[0]
    return best if best != "unk" and score > 0.3 else None


@cache
def _markers() -> dict[str, str]:
    """word -> the one language ("id" or "ms") that writes it (malay_indonesian.tsv)."""
    text = resources.files("warta.data").joinpath("clean", "malay_indonesian.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {word: language for word, language, *_ in rows}


def _indonesian_or_malay(sample: str) -> str:
    """"ms" when `sample` writes more Malay-only words than Indonesian-only ones, else "id"."""
    markers = _markers()
    votes = [markers[w] for w in re.findall(r"[a-z]+", sample.lower()) if w in markers]
    return "ms" if votes.count("ms") > votes.count("id") else "id"
