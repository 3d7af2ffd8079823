"""Full-text search: the user's query as safe FTS5 terms (words and their lemmas), and the words it marks."""

from __future__ import annotations

import re

from ...language.tokens import analyse, tokenize


MAX_SEARCH_TERMS = 12
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")


def search_terms(q: str) -> list[tuple[list[str], list[str], bool]]:
    """The user's query as terms: (words as written, lemma words, is_phrase).

    A double-quoted part is a phrase matched as written; any other word also
    matches every word of its lemma ("kunjungan" -> kunjung: "mengunjungi")."""
    terms = []
    for phrase, word in _TERM.findall(q):
        if phrase:
            words = _WORD.findall(phrase.lower())
            if words:
                terms.append((words, [], True))
            continue
        words = _WORD.findall(word.lower())
        if not words:
            continue
        lemma = _WORD.findall(analyse("-".join(_WORD.findall(word))).lemma.lower()) if len(words) == 1 else []
        terms.append((words, lemma, False))
    return terms[:MAX_SEARCH_TERMS]


def fts_query(q: str) -> str | None:
    """An FTS5 MATCH expression for the user's query, or None when it has no word.

    Every term is a double-quoted string of letters and digits only, so quotes,
    operators (AND, OR, NOT, NEAR, *, ^, :) and parentheses typed by the user are
    plain text to FTS5 and can never make the query fail."""
    parts = []
    for words, lemma, _ in search_terms(q):
        text = 'text : "' + " ".join(words) + '"'
        if lemma:
            parts.append(f'({text} OR lemmas : "{" ".join(lemma)}")')
        else:
            parts.append(text)
    return " AND ".join(parts) or None


def highlight_words(text: str, q: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, matched) pieces: a word is marked when it or its
    lemma is a word of the query (the same keys the index uses)."""
    terms = search_terms(q)
    words = {w for t in terms for w in t[0]}
    lemmas = {w for t in terms for w in t[1]}
    pieces, last = [], 0
    for token in tokenize(text):
        low = token.text.lower()
        if low in words or token.lemma.lower() in lemmas or low in lemmas:
            if token.start > last:
                pieces.append((text[last:token.start], False))
            pieces.append((text[token.start:token.end], True))
            last = token.end
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces
