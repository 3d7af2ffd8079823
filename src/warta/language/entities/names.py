"""Persons named without a title or a verb of saying: a run of two to four capitalised
words inside a sentence ("... menetapkan Imam Nahrawi beserta asisten pribadinya"),
and a single name after a cue that only a person's name follows ("bernama Rudianto",
"Pak Mulyana", "menurut Argo")."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ...document import Mention
from .known import AGE
from .reading import MAX_NAME_WORDS, Doc


def _run(doc: Doc, i: int) -> tuple[int, int] | None:
    """The name words from word `i` on (particles inside), as (first, last) word indices."""
    last, j = i, i + 1
    while j < len(doc.words) and doc.joined(j):
        if doc.is_name_word(j):
            last = j
        elif not doc.links_name(j, 1):
            break
        j += 1
    return i, last


def _is_person_run(doc: Doc, first: int, last: int, trimmed: bool = False) -> bool:
    """Whether the capitalised words first..last read as a person's name.

    Two to four words, none an acronym, none a word of an organisation's or a
    place's name (cues.tsv: org_word, continuation, not_person), the last no
    common word (common_words.txt: "Gocar Instan", "Nota Kesepahaman"); not glued
    to a known mention, a title or a continuation word on either side (then the
    run is part of a longer name: "Persija Jakarta", "Bandara Soekarno-Hatta"),
    unless the words before were `trimmed` common words ("Keterangan Agus Maftuh").
    """
    words = [doc.words[k].group() for k in range(first, last + 1) if doc.is_name_word(k)]
    if not 2 <= len(words) <= MAX_NAME_WORDS or not doc.starts_name(first):
        return False
    if any(doc.word_starts[k] in doc.title_at for k in range(first, last + 1)):
        return False  # "Kabid Humas", "Perdana Menteri": the title rules read these
    cues = doc.gaz.cues
    for word in words:
        lowered = word.lower()
        if (len(word) > 1 and word.isupper()) or lowered in cues["not_person"] or lowered in cues["org_word"] \
                or lowered in cues["continuation"] or lowered in doc.gaz.not_name_start:
            return False
    if words[-1].lower() in doc.gaz.common:
        return False  # "Tindak Pidana Korupsi": a term in title case
    nxt = last + 1
    if nxt < len(doc.words) and doc.joined(nxt) and (doc.blocks_name(nxt) or doc.words[nxt].group()[0].isupper()):
        return False
    start = doc.word_starts[first]
    if first > 0 and doc.joined(first) and not trimmed:
        previous = doc.words[first - 1]
        body = doc.ends_at.get(previous.end())
        if body is not None and not _described_body(doc, body):
            return False
        if body is None and (previous.group()[0].isupper() or previous.end() in doc.title_ends):
            return False
    return not doc.preceded_by(start, "naming", "toponym")


_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z][\w-]*[ \t\u00a0]$")


def _described_body(doc: Doc, body: Mention) -> bool:
    """Whether a name run right after `body` is a person of that body or country, not
    the rest of its name: the body follows a title or a lower-case word ("Kepala BNPB
    Doni Munardo", "penasihat KPK Mohammad Tsani", "akun Facebook Gandhi Waluyan"),
    not a capital ("Persija Jakarta", "Bandara Soekarno-Hatta")."""
    if body.type not in ("ORG", "COUNTRY", "LOCATION"):
        return False
    return body.start - 1 in doc.title_ends or bool(_LOWER_WORD.search(doc.text, max(0, body.start - 30), body.start))


def capitalised_mentions(doc: Doc) -> list[Mention]:
    """Persons named by capitalised words alone (`_is_person_run`), and single names
    after a person cue that are no title and no common word ("menurut Argo", not
    "menurut Presiden" nor "Ibu Negara").
    Runs in title-case headlines are skipped."""
    found: list[Mention] = []
    after = -1  # the last word of the run read before
    for i, word in enumerate(doc.words):
        if i <= after or not word.group()[0].isupper() or not doc.is_name_word(i) or doc.headline(word.start()):
            continue
        first, last = _run(doc, i)
        lead = first
        while lead < last and doc.words[lead].group().lower() in doc.gaz.common:
            lead += 1  # "Keterangan Agus Maftuh": a sentence's first word, capitalised
        start, end = doc.word_starts[lead], doc.words[last].end()
        single = first == last and start not in doc.title_at and doc.starts_name(first)
        word = doc.words[first].group()
        if _is_person_run(doc, lead, last, trimmed=lead > first) or (
                single and doc.preceded_by(start, "person_cue") and not word.isupper() and word.lower() not in doc.gaz.common):
            surface = doc.text[start:end]
            found.append(Mention(start, end, surface, "PERSON", " ".join(surface.split()), source="name-run"))
        after = last
    return found



def place_compounds(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Bodies and places whose name holds a known place: capitalised words no rule claimed
    glued before a city or country ("Persib Bandung", "Real Madrid", "Garuda Indonesia"),
    or a place followed by a word of a body's or a place's name ("Bali United", "Rakhine
    State"; cues.tsv body_word, region_word). Each takes the place's country; the words
    before must be no common word ("Rakyat Indonesia"), no title ("Presiden Indonesia":
    the title rules read it) and not name an event ("GP Prancis"; cues.tsv event_word)."""
    found: list[Mention] = []
    cues = doc.gaz.cues
    for place in mentions:
        if place.type not in ("LOCATION", "COUNTRY") or not place.country or place.sector:
            continue
        i = bisect.bisect_left(doc.word_starts, place.start)
        if i == len(doc.words) or doc.word_starts[i] != place.start:
            continue
        first = i
        while first > 0 and i - first < 3 and doc.joined(first) and doc.is_name_word(first - 1):
            word = doc.words[first - 1].group()
            if word.lower() in doc.gaz.common or doc.word_starts[first - 1] in doc.title_at or doc.headline(place.start):
                break
            first -= 1
        if first < i and doc.words[first].group().lower() in cues["event_word"]:
            continue  # "GP Prancis": an event
        if first < i and first > 0 and doc.joined(first) and doc.words[first - 1].group()[0].isupper():
            continue  # "Pusat Antariksa Vostochny Rusia": the name starts before what could be read
        start, end, kind = doc.word_starts[first], place.end, "ORG"
        after = doc.word_after(place.end)
        word = doc.words[after[0]].group() if after and after[1] == "space" else ""
        if first == i and word[:1].isupper() and word.lower() in cues["body_word"] and not doc.headline(place.start):
            end = doc.words[after[0]].end()
            kind = "LOCATION" if word.lower() in cues["region_word"] else "ORG"
        if (start, end) == (place.start, place.end):
            continue
        surface = doc.text[start:end]
        found.append(Mention(start, end, surface, kind, " ".join(surface.split()), place.country, source="gazetteer"))
    return found


_INITIALS = re.compile(r"(?<![\w-])[A-Z]{1,4}(?![\w'’-])")
# Between two listed initials: an age, then a comma or a conjunction ("MHT, KKN, dan RK", "RA (39) dan RB").
_LISTED = re.compile(r"(?:[ \t\u00a0]*\(\d{1,3}\))?(?:[ \t\u00a0]*,[ \t\u00a0]*(?:(?:dan|serta)[ \t\u00a0]+)?"
                     r"|[ \t\u00a0]+(?:dan|serta|maupun|atau)[ \t\u00a0]+)")


def initials_mentions(doc: Doc) -> list[Mention]:
    """Persons named by their initials, as crime news writes them: a short all-capital
    form after a cue (cues.tsv initials: "berinisial RIA", "pelaku AS") or before an
    age ("RA (39)"), and the forms listed after one ("berinisial MHT, KKN, dan RK")."""
    found: list[Mention] = []
    for match in _INITIALS.finditer(doc.text):
        if (found and match.start() < found[-1].end) or doc.inside_mention(*match.span()):
            continue
        if not (AGE.match(doc.text, match.end()) or doc.preceded_by(match.start(), "initials")):
            continue
        while match and not doc.inside_mention(*match.span()):
            found.append(Mention(*match.span(), match.group(), "PERSON", match.group(), source="name-run"))
            listed = _LISTED.match(doc.text, match.end())
            match = listed and _INITIALS.match(doc.text, listed.end())
    return found


def body_compounds(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A known body written with the place of its own country it serves, as one
    organisation ("Satpol PP Kuta", "Pengadilan Tipikor Bengkulu", "DPRD Kabupaten
    Serang"): the annotation reads the whole as the body's name.  Not with a country
    ("Houthi Yaman", "Aramco Arab Saudi": two mentions) nor a body ("Go-Jek Traveloka"),
    where as many pairs are two names as one."""
    found: list[Mention] = []
    for body, place in zip(mentions, mentions[1:]):
        if body.type != "ORG" or body.source != "gazetteer" or place.type != "LOCATION" or place.country is None:
            continue
        if doc.text[body.end : place.start] != " " or body.country not in (None, place.country) or doc.headline(body.start):
            continue
        surface = doc.text[body.start : place.end]
        found.append(replace(body, end=place.end, text=surface, name=" ".join(surface.split()), country=place.country))
    return found
