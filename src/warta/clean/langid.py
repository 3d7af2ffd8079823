"""Stage 4, language: ISO 639-1 code of the cleaned text.

pycld2 separates Indonesian from Malay best on news text (OFFLINE-NLP.md); when it
is not sure, simplemma's detector gives a second opinion among the languages
warta reads.
"""

from __future__ import annotations

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
        return code.split("-")[0]
    guesses = simplemma.langdetect(sample, lang=SECOND_OPINION)
    best, score = guesses[0]
    return best if best != "unk" and score > 0.3 else None
