"""Mentions of known names: gazetteer forms, capitals and seats (government or place), organisation heads."""

from __future__ import annotations

import re
from dataclasses import replace

from ...document import Mention
from .gazetteer import Entry, Hit, OrgPattern, Title
from .reading import Doc, WINDOW
from .spans import settle, settle_overlaps


AGE = re.compile(r"\s*\(\d{1,3}\)")  # "AS (38)": initials and an age


def _mention(doc: Doc, start: int, end: int, entry: Entry) -> Mention:
    return Mention(start, end, doc.text[start:end], entry.type, entry.name, entry.country, entry.sector, "gazetteer")


def _place_context(doc: Doc, mention: Mention, neighbours: tuple[Mention | None, Mention | None]) -> bool:
    """Whether a capital or seat names a place here rather than a government.

    A place after a locative cue ("di Pyongyang"); inside a longer proper name
    ("Kebun Binatang Pusat Pyongyang", "Seoul Fashion Week"; but not after a title,
    "Juru Bicara Gedung Putih", nor in a title-case headline); next to its own
    country ("Pyongyang, Korea Utara", "ibu kota Iran, Teheran"); or as an
    all-capital dateline ("SEOUL, KOMPAS.TV").
    """
    text, start, end = doc.text, mention.start, mention.end
    if doc.preceded_by(start, "locative"):
        return True
    before = re.search(r"([^\W\d_][\w'’-]*) $", text[max(0, start - WINDOW) : start])
    after = re.match(r" ([^\W\d_][\w'’-]*)", text[end : end + WINDOW])
    for word, allowed in ((before, start - 1 not in doc.title_ends), (after, not doc.headline(start))):
        if word and word.group(1)[0].isupper() and not doc.is_stop(word.group(1)) and allowed:
            return True
    preceding, following = neighbours
    if following and following.country == mention.country and re.fullmatch(r",\s*", text[end : following.start]):
        return True
    if preceding and preceding.country == mention.country and re.fullmatch(r",\s*", text[preceding.end : start]):
        return True
    return start == text.rfind("\n", 0, start) + 1 and text[start:end].isupper() and text[end : end + 1] == ","


def _initials(doc: Doc, hit: Hit) -> bool:
    """Whether a short all-capital form is a person's initials ("pelaku AS", "AS (38)")."""
    surface = doc.text[hit.start : hit.end]
    if len(surface) > 4 or not surface.isupper():
        return False
    return bool(AGE.match(doc.text, hit.end)) or doc.preceded_by(hit.start, "initials")


def gazetteer_mentions(doc: Doc, hits: list[Hit]) -> list[Mention]:
    """Gazetteer forms as mentions; capitals and seats resolved to government or place."""
    entries: dict[tuple[int, int, str], Entry] = {}
    found = []
    heads = [(h.start, h.end) for h in hits if isinstance(h.payload, OrgPattern)]
    for hit in hits:
        entry = hit.payload
        if not isinstance(entry, Entry) or _initials(doc, hit):
            continue
        if entry.type == "LOCATION" and entry.country is None and any(start < hit.start < end for start, end in heads):
            continue  # "Angkatan Laut Filipina" is the navy, not the "Laut Filipina" (Philippine Sea)
        if entry.type == "COUNTRY" and doc.preceded_by(hit.start, "language", "toponym"):
            continue  # "bahasa Inggris" is a language, "Desa Jepang" a village
        if doc.lowered[hit.start : hit.end] in doc.gaz.headline_words and doc.headline(hit.start):
            continue  # "Israel Serang Rafah": a verb in a title-case headline (headline_words.txt)
        entries[(hit.start, hit.end, entry.name)] = entry
        found.append(_mention(doc, hit.start, hit.end, entry))
    mentions = settle_overlaps(found)
    resolved = []
    for i, mention in enumerate(mentions):
        entry = entries[(mention.start, mention.end, mention.name)]
        if entry.metonym:
            neighbours = (mentions[i - 1] if i else None, mentions[i + 1] if i + 1 < len(mentions) else None)
            if _place_context(doc, mention, neighbours):
                mention = replace(mention, sector=None)
            elif entry.metonym == "seat":
                mention = replace(mention, type="ORG")
            else:
                mention = replace(mention, type="COUNTRY", name=doc.gaz.country_names[entry.country])
        resolved.append(mention)
    return resolved


def _held(doc: Doc, hit: Hit, step: tuple[int, str] | None) -> tuple[Mention | None, bool]:
    """The mention right after a head's words that belongs to the name, and whether it
    only says whose the body is (a country: "Kementerian Luar Negeri Rusia").

    A capitalised head also takes a place or a parent body as part of its name
    ("Polda Jawa Timur", "Pengadilan Negeri Jakarta Pusat", "Komisi III DPR",
    "Gedung KPK"); a lower-case head only a country ("kementerian luar negeri Rusia").
    """
    place = doc.mention_after(step)
    if place is None or (place.type == "COUNTRY" and place.country):
        return place, True
    if doc.text[hit.start].isupper() and place.type in ("LOCATION", "ORG"):
        return place, False
    return None, False


def org_pattern_mentions(doc: Doc, hits: list[Hit]) -> list[Mention]:
    """Organisations and places named by a head of `org_patterns.tsv` or `place_patterns.tsv`,
    the capitalised words after it and a country, a place or a parent body ("Kementerian Luar
    Negeri Rusia", "Kementerian Kelautan dan Perikanan", "Polda Jawa Timur", "Kabupaten
    Sukabumi"). One with no country of its own is recorded in `doc.headed` (see
    `countries.home_countries`), unless what it holds is a place the gazetteer knows with
    no country: a region ("Kawasan Timur Tengah") takes no guessed one."""
    heads = [h for h in hits if isinstance(h.payload, OrgPattern) and not doc.inside_mention(h.start, h.end)]
    titles = {h.start for h in hits if isinstance(h.payload, Title)}
    found = []
    for hit in settle(heads, lambda h: 0):
        pattern, end = hit.payload, hit.end
        step = doc.word_after(end)
        while pattern.extends and step and step[1] == "space":
            i = step[0]
            if doc.words[i].group() in doc.gaz.cues["coordination"] and i + 1 < len(doc.words) and doc.joined(i + 1):
                i += 1  # "Kementerian Kelautan dan Perikanan"
            word = doc.words[i].group()
            compass = word[0].isupper() and word.lower() in doc.gaz.cues["continuation"] and not doc.inside_mention(
                *doc.words[i].span())  # "Kabupaten Manggarai Barat"
            if not (doc.is_name_word(i) or compass) or (pattern.type == "ORG" and doc.word_starts[i] in titles):
                break  # "Polda Metro Jaya Kombes Pol Argo Yuwono"; but "Jalan Jenderal Sudirman"
            end = doc.words[i].end()
            step = doc.word_after(end)
        held, owner = _held(doc, hit, step)
        country = held.country if held else None
        tail = held.end if held else end
        described = doc.mention_after(doc.word_after(tail))
        if owner and country and described and described.type in ("ORG", "PERSON"):
            continue  # "kantor berita Rusia Tass": a description of Tass
        if held is None and (not doc.text[hit.start].isupper() or not (pattern.alone or end > hit.end)):
            continue  # a lower-case head needs a country; a generic head needs more words
        words = doc.text[hit.start : end if owner else tail].split()
        name = pattern.name or " ".join(w[:1].upper() + w[1:] for w in words)
        if owner and country:
            name = f"{name} ({doc.gaz.country_names[country]})"
        # a unit of a known body is in that body's sector ("Divisi Hubungan Internasional Polri": police)
        parent = held is not None and not owner and held.type == "ORG" and held.sector
        sector = held.sector if parent else pattern.sector
        found.append(_mention(doc, hit.start, tail, Entry(pattern.type, name, country, sector)))
        if country is None and not (held is not None and held.type == "LOCATION" and held.source == "gazetteer"):
            doc.headed.add((hit.start, tail))  # but "Kawasan Timur Tengah" is the region, no one state's
    return found


def bodies_abroad(doc: Doc, mentions: list[Mention], hits: list[Hit]) -> list[Mention]:
    """A known body named by a head of `org_patterns.tsv` and followed by a country or place
    of another country is that country's body: "Kementerian Kesehatan Gaza" is Gaza's
    ministry, "Kementerian Pertanian AS" the United States', not Indonesia's "Kementerian
    Kesehatan" and "Kementerian Pertanian". The new mention spans both and takes the place's
    country, named as `org_pattern_mentions` names a body with a country or a place."""
    headed = {h.start for h in hits if isinstance(h.payload, OrgPattern)}
    found = []
    for body, place in zip(mentions, mentions[1:]):
        if (body.type == "ORG" and body.source == "gazetteer" and body.start in headed
                and doc.text[body.end : place.start] == " " and place.type in ("COUNTRY", "LOCATION")
                and place.country is not None and place.country != body.country):
            words = " ".join(doc.text[body.start : body.end].split())
            owner = doc.gaz.country_names[place.country]
            name = f"{words} ({owner})" if place.type == "COUNTRY" else f"{words} {place.text}"
            found.append(_mention(doc, body.start, place.end, Entry("ORG", name, place.country, body.sector)))
    return found
