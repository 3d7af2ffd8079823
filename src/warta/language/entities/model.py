"""The trained recogniser's spans (`warta.language.ner`) merged into the rules' mentions."""

from __future__ import annotations

import bisect
from dataclasses import replace

from ...document import Mention
from .coreference import short_forms
from .countries import model_country
from .gazetteer import Hit, OrgPattern
from .reading import CAMEL, Doc, WORD
from .spans import name_end, settle_overlaps


def _resized(text: str, span: Mention, start: int, end: int) -> Mention:
    """`span` moved to [start, end) of `text`, its surface and name with it."""
    surface = text[start:end]
    return replace(span, start=start, end=end, text=surface, name=" ".join(surface.split()))


def _trim_lower_case(doc: Doc, span: Mention) -> Mention | None:
    """`span` without the words it starts or ends with that are not capitalised
    ("pelabuhan Rajin"; a script without capitals), or None when none is."""
    words = list(WORD.finditer(doc.text, span.start, span.end))
    i, j = 0, len(words)
    while i < j and not words[i].group()[0].isupper():
        i += 1
    while j > i and not words[j - 1].group()[0].isupper():
        j -= 1
    if i == j:
        return None
    start = span.start if i == 0 else words[i].start()
    end = span.end if j == len(words) else words[j - 1].end()
    if (start, end) == (span.start, span.end):
        return span
    return _resized(doc.text, span, start, end)


def _joined(text: str, spans: list[Mention]) -> list[Mention]:
    """Person spans the recogniser cut at a single space joined into one name ("Habib" +
    "Rizieq", "Richard C." + "Adkerson"): on the train split 16 of 18 such pairs were one
    annotated name; and a person span cut at a hyphen grown over the syllable after it
    ("Kim Hong" of "Kim Hong-kyun")."""
    out: list[Mention] = []
    for span in spans:
        if span.type == "PERSON" and (end := name_end(text, span.end)) != span.end:
            span = _resized(text, span, span.start, end)
        last = out[-1] if out else None
        if last and last.type == span.type == "PERSON" and text[last.end:span.start] == " ":
            out[-1] = _resized(text, last, last.start, span.end)
        else:
            out.append(span)
    return out


def _names_more(doc: Doc, span: Mention, held: list[Mention]) -> bool:
    """Whether `span` has a capitalised word outside the mentions it holds
    ("Pusat Antariksa Vostochny Rusia", not "Kursk Rusia" or "Rusia-Korea Utara")."""
    for word in WORD.finditer(doc.text, span.start, span.end):
        if word.group()[0].isupper() and not any(m.start <= word.start() < m.end for m in held):
            return True
    return False


def model_mentions(doc: Doc, mentions: list[Mention], hits: list[Hit]) -> list[Mention]:
    """Merge the trained recogniser's spans (`warta.language.ner`) into the rules' mentions.

    A model span that overlaps a rule's mention loses to it, except an
    organisation or place that ends with a country or place and holds nothing
    else but more capitalised words ("Pusat Antariksa Vostochny Rusia", "Bank
    Indonesia"): the model's span replaces them and takes the last country.
    Spans on title-case headline lines are dropped, words without a capital at
    either end of a span are cut off, a lone first or last name of a person the
    rules found is left to coreference, and, as for the rules, a camel-cased word
    is no person's name.  A model person, organisation or place gets the country
    its context gives (see `model_country`), the same country for every mention
    of the same name; an organisation starting with a head of `org_patterns.tsv`
    gets its sector.  Spans the model is unsure of never get here (see
    `warta.language.ner.MIN_CONFIDENCE`).
    """
    from warta.language.ner import find_model_mentions  # loads the model on first use

    countries = [m for m in mentions if m.type == "COUNTRY" and m.country]
    heads = {h.start: h.payload for h in hits if isinstance(h.payload, OrgPattern)}
    ends = [m.end for m in mentions]  # sorted: the mentions are settled
    replaced: set[int] = set()
    found: list[Mention] = []
    short = short_forms([m for m in mentions if m.type == "PERSON"])
    for span in _joined(doc.text, find_model_mentions(doc.text)):
        span = _trim_lower_case(doc, span)
        if span is None or doc.headline(span.start) or (" " not in span.text and span.text in short):
            continue  # a lone first or last name of a known person is coreference's to resolve
        if span.type == "PERSON" and any(CAMEL.search(word) for word in span.text.split()):
            continue  # "RadioFreeEurope" is a brand, as for the rules
        inside = []
        for i in range(bisect.bisect_right(ends, span.start), len(mentions)):
            if mentions[i].start >= span.end:
                break
            inside.append(i)
        country = None
        if inside:
            held = [mentions[i] for i in inside]
            if span.type == "PERSON" or any(
                m.start < span.start or m.end > span.end or m.type not in ("COUNTRY", "LOCATION") for m in held
            ) or held[-1].end != span.end or not _names_more(doc, span, held):  # fmt: skip
                continue  # only "Bank Indonesia", "Pusat Antariksa Vostochny Rusia" hold a country
            replaced.update(inside)
            country = next((m.country for m in reversed(held) if m.country), None)
        head = heads.get(span.start)
        sector = head.sector if span.type == "ORG" and head else None
        found.append(replace(span, country=country or model_country(doc, span, countries), sector=sector))
    by_name: dict[tuple[str, str], str] = {}
    for mention in found:
        if mention.country:
            by_name.setdefault((mention.type, mention.name), mention.country)
    for mention in found:
        mention.country = mention.country or by_name.get((mention.type, mention.name))
    kept = [m for i, m in enumerate(mentions) if i not in replaced]
    return settle_overlaps(kept + found)
