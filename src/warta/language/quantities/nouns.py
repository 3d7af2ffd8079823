"""Counted nouns the vocabulary does not list: "tiga lokasi", "dua proyektil", "25 drone".

News counts far more kinds of things than any list holds (the annotated corpus
counts "fasilitas minyak", "kilang", "mata-mata", "masker", "fraksi", "poin"...),
so after a number a lowercase word is read as the counted noun unless it is
listed in `not_counted` of quantities.yaml (durations, function words, ranks) or
its shape says verb: an outer prefix of `verb_prefixes` ("ditangkap",
"menjadi", "bersaudara", "terluka", "sebanyak") or a verb suffix with no noun
prefix ("berikan"). A reduplicated noun is one word ("mata-mata", "ibu-ibu");
-nya is left out of the unit ("delapan rekannya" counts "rekan").

Capitalised words stay out: after a number they are months, places, titles and
units ("5 Oktober", "3 Jakarta", "UU", "GB") far more often than counted things.
"""

from __future__ import annotations

from ..tokens import analyse
from .tokens import Ahead, has_nya
from .vocabulary import Grammar

_MIN_LETTERS = 3  # "di", "ke", "ha": two-letter words after a number are no counted nouns


def _word_at(ahead: Ahead, i: int) -> tuple[int, str] | None:
    """The lowercase word at token `i`, a reduplication joined ("mata-mata"): (end, word)."""
    tok = ahead.at(i)
    if tok is None or not tok.spaced or not tok.text.isalpha() or not tok.text.islower():
        return None
    dash, second = ahead.at(i + 1), ahead.at(i + 2)
    if (dash is not None and dash.text == "-" and not dash.spaced and second is not None and not second.spaced
            and second.text.isalpha() and second.text.islower()):  # fmt: skip
        return i + 3, f"{tok.text}-{second.text}"
    return i + 1, tok.text


def may_be_noun(g: Grammar, word: str) -> bool:
    """Cheap test for a word after a number: could it be a counted noun?"""
    return word.isalpha() and word.islower() and len(word) >= _MIN_LETTERS and word not in g.not_counted


def read_open_noun(g: Grammar, ahead: Ahead, i: int) -> tuple[int, tuple[str, str]] | None:
    """The unlisted counted noun at token `i`: (index after it, ("count", unit))."""
    found = _word_at(ahead, i)
    if found is None:
        return None
    end, word = found
    stem = word[:-3] if has_nya(word) else word
    if len(stem) < _MIN_LETTERS or stem in g.not_counted or word in g.not_counted or stem in g.number_words:
        return None
    morph = analyse(stem)
    if morph.prefix in g.verb_prefixes or (morph.prefix is None and morph.suffix in g.verb_suffixes):
        return None
    if morph.lemma in g.number_words:  # a fraction: "dua pertiga" (two thirds)
        return None
    return end, ("count", stem)
