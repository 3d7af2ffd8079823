"""Names the document repeats or shortens: speakers after a verb of saying ("kata Agung"),
repeated full names, lone first or last names of earlier persons, short forms defined in
parentheses ("Komisi Pemberantasan Korupsi (KPK)")."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ...document import Mention
from .keys import entity_key
from .reading import Doc
from .spans import bounded


def as_named(persons: list[Mention]) -> list[Mention]:
    """Persons as the name rules see them: an office mention by its holder's name,
    so that a later "Kim" after "pemimpin Korea Utara" is that holder."""
    return [replace(p, text=p.name) if p.source == "office" else p for p in persons]


def short_forms(persons: list[Mention]) -> dict[str, list[tuple[int, Mention]]]:
    """First and last names of multi-word persons, each person at its first position.

    Maps a word to (first position, mention) for every distinct person (by key)
    whose name starts or ends with it, sorted by position.
    """
    first_seen: dict[str, Mention] = {}
    for person in persons:
        if " " in person.text:
            first_seen.setdefault(entity_key(person), person)
    index: dict[str, list[tuple[int, Mention]]] = {}
    for person in first_seen.values():
        words = person.text.split()
        for word in {words[0], words[-1]}:
            index.setdefault(word, []).append((person.start, person))
    for entries in index.values():
        entries.sort(key=lambda entry: entry[0])
    return index


def _antecedent(index: dict[str, list[tuple[int, Mention]]], word: str, start: int) -> Mention | None:
    """The one person named before `start` whose first or last name is `word`, if exactly one."""
    entries = index.get(word, [])
    return entries[0][1] if bisect.bisect_left(entries, start, key=lambda entry: entry[0]) == 1 else None


def resolve_short_titled(mentions: list[Mention]) -> list[Mention]:
    """A one-word name after a title ("Menlu Retno") is the earlier person it shortens."""
    return _resolve_short(mentions, "title")


def resolve_lone_names(mentions: list[Mention]) -> list[Mention]:
    """A one-word person the trained recogniser found alone ("Herba") is the earlier person
    whose first or last name it is ("warga Polandia bernama Lukasz Pawel Herba"), and takes
    that person's country, not the story's: 11 more of the dev split's named mentions take
    the annotators' country (entity F1 0.868 to 0.869)."""
    return _resolve_short(mentions, "model")


def _resolve_short(mentions: list[Mention], source: str) -> list[Mention]:
    index = short_forms([m for m in mentions if m.type == "PERSON"])
    resolved = []
    for mention in mentions:
        alone = mention.source == source and mention.type == "PERSON"
        person = _antecedent(index, mention.text, mention.start) if alone else None
        if person:
            country, sector = mention.country or person.country, person.sector or mention.sector
            basis = mention.country_basis if mention.country else person.country_basis
            mention = replace(mention, name=person.name, country=country, sector=sector, country_basis=basis)
        resolved.append(mention)
    return resolved


def name_run_mentions(doc: Doc, persons: list[Mention]) -> list[Mention]:
    """Speakers after a verb of saying ("kata Agung"), unless a known person's short form."""
    index = short_forms(persons)
    found = []
    for verb in doc.gaz.reporting.finditer(doc.text):
        span = doc.name_forward(bisect.bisect_left(doc.word_starts, verb.end()))
        if not span or doc.headline(span[0]) or span[0] in doc.title_at:
            continue  # "kata Presiden" names an office
        surface = doc.text[span[0] : span[1]]
        if " " not in surface and _antecedent(index, surface, span[0]):
            continue  # coreference resolves it
        found.append(Mention(span[0], span[1], surface, "PERSON", " ".join(surface.split()), source="name-run"))
    return found


def _single_names(persons: list[Mention], index: dict[str, list[tuple[int, Mention]]]) -> dict[str, Mention]:
    """One-word names a title or a verb of saying gave a person ("ujar Rikwanto"), each
    read as that person wherever it stands alone ("Rikwanto menambahkan"), unless it is
    a first or last name of a longer one (`_antecedent` decides those)."""
    return {p.text: p for p in persons if p.source in ("title", "name-run") and " " not in p.text
            and p.text not in index}


def coreference_mentions(doc: Doc, persons: list[Mention]) -> list[Mention]:
    """Repeats of pattern-found names, and lone first or last names of earlier persons."""
    found = []
    repeated = {p.text: p for p in persons if p.source != "gazetteer" and " " in p.text}  # the gazetteer finds its own
    for surface, person in repeated.items():
        at = doc.text.find(surface)
        while at >= 0:
            end = at + len(surface)
            if bounded(doc.text, at, end) and not doc.inside_mention(at, end):
                found.append(replace(person, start=at, end=end, source="coreference"))
            at = doc.text.find(surface, end)
    index = short_forms(persons)
    single = _single_names(persons, index)
    for i, word in enumerate(doc.words):
        name = word.group()
        if name not in index and name not in single or (len(name) < 3 and not name.isupper()):
            continue  # a lone name has three letters, initials fewer
        if doc.inside_mention(*word.span()):
            continue
        # A lone name, not glued to another capitalised word ("Kim Yo Jong" is someone else).
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(doc.words) and doc.joined(max(i, j))]
        if any(doc.is_name_word(j) for j in neighbours):
            continue
        person = _antecedent(index, name, word.start()) if name in index else single[name]
        if person:
            found.append(replace(person, start=word.start(), end=word.end(), text=name, source="coreference"))
    return found


_PARENTHESIS = re.compile(r"[ \t\u00a0]*\(([^\W\d_][\w.&-]{1,15})\)")  # " (KPK)" after a name


def _initials_of(short: str, mention: Mention) -> bool:
    """Whether an all-capital short form spells the initials of the entry's own (English)
    name: "Pasukan Dukungan Cepat (RSF)" is the Rapid Support Forces."""
    return mention.source == "gazetteer" and short.isupper() and len(short) > 1 and \
        short == "".join(word[0] for word in mention.name.split() if word[0].isupper())


def _other_state(short: str, mention: Mention, known: Mention | None) -> bool:
    """Whether an all-capital short form in parentheses after a body's name stands for that
    body although the gazetteer knows it as another country's: "Angkatan Bersenjata Filipina
    (AFP)" is the Philippine armed forces, not the French news agency."""
    if known is None or not short.isupper() or short[0] != mention.text[0]:
        return False
    both_bodies = mention.type == known.type == "ORG"
    return both_bodies and mention.country is not None and known.country is not None and mention.country != known.country


def _longer_name(doc: Doc, mention: Mention, initial: str) -> Mention | None:
    """The organisation whose name ends with `mention`, written in capitalised words no
    other mention holds and starting with the short form's `initial` ("Himpunan
    Pengusaha Muda Indonesia (Hipmi)": the body, of the country it ends with); None
    when there is none or it names an event ("Trade Expo Indonesia (TEI)")."""
    i = bisect.bisect_left(doc.word_starts, mention.start)
    first = None
    while i > 0 and doc.joined(i) and doc.is_name_word(i - 1):
        i -= 1
        if doc.words[i].group()[0].lower() == initial:
            first = i
    if first is None or doc.headline(mention.start):
        return None
    surface = doc.text[doc.word_starts[first] : mention.end]
    if any(word.lower() in doc.gaz.cues["event_word"] for word in surface.split()):
        return None
    return replace(mention, start=doc.word_starts[first], text=surface, name=" ".join(surface.split()), type="ORG",
                   source="gazetteer")


def parenthetical_aliases(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A short form the text defines in parentheses after a name, as that name
    everywhere in the document: "Komisi Pemberantasan Korupsi (KPK)" makes every
    "KPK" the commission.  The name and its short form stay two mentions, as the
    annotation lists them ("Korea Utara (Korut)": "Korea Utara" and "Korut")."""
    found: list[Mention] = []
    defined: set[str] = set()
    for mention in mentions:
        match = _PARENTHESIS.match(doc.text, mention.end)
        if not match or match.group(1) in defined:
            continue
        short = match.group(1)
        redefined = _other_state(short, mention, doc.mention_at.get(match.start(1)))
        initials = _initials_of(short, mention) or redefined
        if match.start(1) in doc.mention_at and not initials:
            continue  # a name already ("warga Bandung (Budi)"); only an English name's initials or `_other_state` redefine it
        lowered = short.lower()
        if not short[0].isupper() or doc.is_stop(short) or lowered == mention.text.lower() or lowered in doc.gaz.common \
                or lowered in doc.gaz.cues["not_person"]:
            continue  # "PT Pertamina (Persero)": a legal form, no short name
        if lowered[0] != mention.text[0].lower() and not initials:
            mention = _longer_name(doc, mention, lowered[0])
            if mention is None:
                continue  # "dolar Amerika Serikat (USD)": a longer name's short form
            found.append(mention)
        defined.add(short)
        if redefined:  # elsewhere the short form may still be the agency's credit ("dilansir AFP")
            found.append(replace(mention, start=match.start(1), end=match.end(1), text=short, source="coreference"))
            continue
        for at in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", doc.text):
            guess = doc.mention_at.get(at.start()) if initials else None
            if not doc.inside_mention(*at.span()) or (guess is not None and guess.source == "model" and guess.end == at.end()):
                found.append(replace(mention, start=at.start(), end=at.end(), text=short, source="coreference"))
    return found
