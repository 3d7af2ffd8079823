"""Countries from context: the dateline's home country, the national group a titled person
leads, and the country an apposition or origin gives a model-found name."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from ...document import Mention
from ..tokens import analyse
from .gazetteer import STATE_SECTORS
from .reading import Doc
from .spans import alternation


# A place opening a line, then the outlet and a dash: "SEOUL, KOMPAS.TV — ", "Jakarta,
# CNN Indonesia-- ", "Yangon (ANTARA News)-"; or the place and a long dash alone:
# "KUWAIT – "; or the place and a hyphen (or two) spaced on both sides, detik.com's "Beirut - ".
# Any other plain hyphen needs the outlet before it ("Korut-Rusia" is no dateline), and
# the dash is followed by a space or a capital ("jarak-menengah" is no dash). The outlet
# may come first, as a web address: "REPUBLIKA.CO.ID, NAYPYIDAW -- ", "Liputan6.com,
# Port Sudan - ", "TEMPO.CO, Jakarta - ".
DATELINE = re.compile(
    r"^(?:[A-Za-z0-9]+(?:\.[A-Za-z]{2,3})+,[^\S\n]*)?(?P<place>[A-Z][A-Za-z .'-]{1,30}?)"
    r"(?=(?:,[^\S\n]*[^\n,]{1,40}?|[^\S\n]*\([^\n()]{1,40}\))[^\S\n]*[—–-]+(?=\s|[A-Z])|[^\S\n]*[—–]+\s"
    r"|[^\S\n]+--?[^\S\n]+(?=[A-Z\"“]))",
    re.MULTILINE,
)


DASH = re.compile(r"[^\S\n]*[—–-]+")


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the dateline that opens the story lies, from its start to its dash
    ("REPUBLIKA.CO.ID, ISLAMABAD --"): its place and outlet are where the story was filed,
    never one of its actors."""
    dateline = DATELINE.match(text, len(text) - len(text.lstrip()))
    if dateline is None or not all(word[:1].isupper() for word in dateline.group("place").split()):
        return None  # "Dalam pertemuan Rabu itu, Trump mendesak al-Sharaa" opens no dateline
    dash = DASH.search(text, dateline.end(), dateline.end() + 60)
    return dateline.start(), dash.end() if dash else dateline.end()


def home_country(text: str, mentions: list[Mention]) -> str | None:
    """The country of the story's dateline place (the mention the dateline starts
    with), when the story names that country again: "Jakarta, CNN Indonesia--" heads
    every story of its newsroom, and one about South Africa is not at home in
    Indonesia. None when there is no dateline or its place is unknown."""
    dateline = DATELINE.search(text[:2000])
    if dateline is None:
        return None
    home = next((m.country for m in mentions if m.start == dateline.start("place") and m.country), None)
    again = (m for m in mentions if m.start > dateline.end() and m.sector != "JRN")  # not the outlet's own name
    return home if any(m.country == home for m in again) else None


def leading_home(text: str, mentions: list[Mention], newsroom: str | None) -> str | None:
    """The dateline's country (`home_country`): whose an unnamed official or body is;
    but not the `newsroom`'s own country (Indonesia for Indonesian outlets) when the story
    names another country more (the outlet's name aside). "Jakarta, CNN Indonesia --" heads
    every story of its newsroom, and one about Iran's consulate in Damascus is not about
    Indonesia; a story filed in Seoul is about South Korea's officials all the same."""
    home = home_country(text, mentions)
    if home is None or home != newsroom:
        return home
    named = Counter(m.country for m in mentions if m.country and m.sector != "JRN")
    return home if named[home] >= max(named.values()) else None


def context_countries(doc: Doc, mentions: list[Mention], language: str | None) -> None:
    """Give a titled person whose title names no country the one its context gives:
    the national group it leads ("delegasi Rusia yang dipimpin oleh Menteri ... X"),
    else, for state officials, the country of the story's dateline city when the story
    names no other country more ("Jakarta, CNN Indonesia -- ..." over Iran's consulate in
    Damascus: "Brigjen Mohammad Reza Zahedi" is not Indonesian; the main country's guess
    below gives him one)."""
    cues = doc.gaz.cues
    led = re.compile(rf"\s+(?:{alternation(cues['led_by'])})\s+[^.,;:\n]*$", re.IGNORECASE)
    group = re.compile(rf"\b(?:{alternation(cues['led_group'])})\s+$", re.IGNORECASE)
    home = leading_home(doc.text, mentions, doc.gaz.home.get(language or "", (None,))[0])
    for index, person in enumerate(mentions):
        if person.type != "PERSON" or person.country or person.source != "title":
            continue
        for country in reversed(mentions[:index]):
            if person.start - country.end > 150:
                break
            if (country.type == "COUNTRY" and led.match(doc.text, country.end, person.start)
                    and group.search(doc.text, max(0, country.start - 30), country.start)):
                person.country = country.country
                break
        if person.country is None and person.sector in STATE_SECTORS and home:
            person.country, person.country_basis = home, "story"


_ORIGIN = re.compile(r"[ \t\u00a0]+(?:asal|dari|warga|warga negara|berkebangsaan)[ \t\u00a0]+$")
_DESCRIBED = re.compile(r"(?<![^\W\d_])([a-z][\w-]*)[ \t\u00a0]+$")  # "analis " before "Korea Selatan X"
_AGED = re.compile(r"[ \t\u00a0]*\(\d{1,3}\)")  # "X (48) asal Brasil": an age before the apposition
_BRACKETED = re.compile(r"[ \t\u00a0]*\(")  # "Seo Seung-jae (Korea Selatan)"
# Between a described country and the name: "pasangan Jepang Takuro Hoki", "wakil Korea
# Selatan, Chung Eui-seok", "warga Polandia bernama Lukasz Pawel Herba".
_BEFORE_NAME = re.compile(r"(?:,[ \t\u00a0]*|[ \t\u00a0]+)(?:(?:bernama|yakni|yaitu)[ \t\u00a0]+)?")


def _predicate(gap: str) -> bool:
    """Whether the words after a name's comma are its predicate, not an apposition: "Tal
    Becker, menuduh Afrika Selatan" (a verb; "X, mewakili Rusia" is Russia's all the same)."""
    return any(m.voice and m.lemma != "wakil" for m in map(analyse, re.findall(r"[a-z][\w-]*", gap)))


def model_country(doc: Doc, span: Mention, countries: list[Mention]) -> str | None:
    """The country the text gives a model-found person or place, if any.

    A person: an apposition of one or two lower-case words, perhaps after a
    postposed cue, ending in a country ("X, seorang analis Korea Selatan", "X,
    diplomat Rusia"), an origin ("X asal Rusia", "X dari Ukraina"), or a described
    country right before the name ("analis Korea Selatan X").  A place or an
    organisation: a country right after a comma ("Kursk, Rusia").
    """
    starts = [c.start for c in countries]
    i = bisect.bisect_left(starts, span.end)
    if i < len(countries) and countries[i].start - span.end <= 60:
        gap = doc.text[span.end : countries[i].start]
        if span.type != "PERSON":
            return countries[i].country if re.fullmatch(r",[ \t\u00a0]*", gap) else None
        aged = _AGED.match(gap)
        gap = gap[aged.end() :] if aged else gap
        if ((doc.gaz.apposition.fullmatch(gap) and not _predicate(gap)) or _ORIGIN.fullmatch(gap)
                or _BRACKETED.fullmatch(gap)):
            return countries[i].country
    if span.type == "PERSON" and i > 0:
        before = countries[i - 1]
        described = _DESCRIBED.search(doc.text, max(0, before.start - 30), before.start)
        gap = doc.text[before.end : span.start]
        if described and (gap == " " or (_BEFORE_NAME.fullmatch(gap) and not doc.is_stop(described.group(1)))):
            return before.country  # "asal Belanda Frank de Boer"; but not "ke Indonesia, Budi"
    return None


def apposed_countries(doc: Doc, mentions: list[Mention]) -> None:
    """Give a person found by a name run, with no country, the one its apposition, origin or
    described country gives (`model_country`: "Skip Marley, penyanyi asal Jamaika",
    "Magnus Carlsen dari Norwegia")."""
    countries = [m for m in mentions if m.type == "COUNTRY" and m.country]
    for m in mentions:
        if m.type == "PERSON" and m.country is None and m.source == "name-run":
            m.country = model_country(doc, m, countries)
    _paired_countries(doc, mentions)


def _paired_countries(doc: Doc, mentions: list[Mention]) -> None:
    """Give each of a pair of persons written "A/B" (a doubles pair: "pasangan Jepang Takuro
    Hoki/Yugo Kobayashi") the country the other got, when it has none."""
    persons = [m for m in mentions if m.type == "PERSON"]
    for a, b in zip(persons, persons[1:]):
        if doc.text[a.end : b.start].strip() == "/" and (a.country is None) != (b.country is None):
            given = a if a.country else b
            a.country, a.country_basis = b.country, b.country_basis = given.country, given.country_basis


def _placed_bodies(doc: Doc, mentions: list[Mention]) -> None:
    """A place or organisation named by a head or found by the recogniser, with no
    country, right before "di" and a country or a place of one, is there: "Sekolah
    Pengungsian di Gaza" is Palestinian, not the outlet's."""
    at = {m.start: m for m in mentions}
    for m in mentions:
        if m.country is not None or m.type not in ("ORG", "LOCATION") or doc.text[m.end : m.end + 4] != " di ":
            continue
        if (m.start, m.end) not in doc.headed and m.source != "model":
            continue
        place = at.get(m.end + 4)
        if place is not None and place.country and place.type in ("COUNTRY", "LOCATION"):
            m.country, m.country_basis = place.country, "text"


def _abroad(dateline: str | None, named: Counter, home: str) -> bool:
    """Whether the story happens at its foreign dateline (`home_country`):
    "REPUBLIKA.CO.ID, NAYPYIDAW --" over a story that, the dateline aside, names Myanmar
    more than any other foreign country and at least half as often as Indonesia. Not an AP
    story from "SEOUL" about Russia and North Korea, nor ANTARA's "Makkah (ANTARA) -" over
    Indonesia's pilgrims."""
    if dateline is None or dateline == home:
        return False
    count = named[dateline] - 1  # the dateline's own mention
    others = [n for c, n in named.items() if c not in (home, dateline)]
    return count > max(others, default=0) and 2 * count >= named.get(home, 0)


def home_countries(doc: Doc, mentions: list[Mention], language: str | None) -> None:
    """Give countries to the persons and organisations found with none, in a language
    whose outlets have a home country (`home.tsv`).

    In an article that names no other country, every such person and organisation
    is the home country's: a domestic story's "Argo Yuwono" and "Kementerian Pemuda
    dan Olahraga" are Indonesia's.  In one that does, a person takes the country the
    article names most often (its mentions of countries, places, bodies and persons;
    the home country on a tie): the unnamed witness in a story about Syria is
    Syrian, the local official in a story about Jakarta's floods that mentions the
    Netherlands once is Indonesian; a story datelined abroad takes the dateline's country
    when it names that country most among the foreign ones and at least half as often as
    home (`_abroad`: Republika's "NAYPYIDAW --" on Myanmar's junta); an organisation named by a head of
    `org_patterns.tsv` with no country ("Kementerian Luar Negeri", "Polda Metro
    Jaya") is the home country's, as docs/annotation.md reads Indonesian outlets, unless
    "setempat" (local) follows it: then the dateline's or the main country's; a party or
    an association so named (PTY, NGO: "Aliansi Persaudaraan" in a story on Myanmar) is
    the main country's, as a person; and a
    place named by a head of `place_patterns.tsv` with none ("Sirkuit Assen") the
    story's main country, as a person; so does a place or an organisation only the
    trained recogniser found ("Cisauk", "Ciliwung", "Everton" in a story on English
    football: the annotation gives each its country), except a place `towns.tsv` names
    with a country the story names: that country ("Gyeongju" in a story that names China
    more than Korea is KOR; "Banda", a town of India too, in a story that names no India,
    is the story's).
    A gazetteer entry that gives no country (ISIS, Amnesty International, the ICC: no one
    state's) keeps none, like the excepted sectors, and so does a body named by a head
    and a word of cues.tsv's `stateless` ("Pengadilan Pidana Internasional"), unless it is
    a company or a school.
    Then every mention of the same person or organisation takes the country one of
    them got (a short form copied before: "Kemenpora").
    """
    home, excepted = doc.gaz.home.get(language or "", (None, frozenset()))
    if home is None:
        return
    _placed_bodies(doc, mentions)
    named = Counter(m.country for m in mentions if m.country)
    top = max(named.values(), default=0)
    main = home if named.get(home, 0) == top else next(c for c, n in named.items() if n == top)
    dateline = home_country(doc.text, mentions)
    if _abroad(dateline, named, home):
        main = dateline
    domestic = all(country == home for country in named)
    for m in mentions:
        headed = (m.start, m.end) in doc.headed
        guessed = m.source == "model"  # the recogniser's places and bodies, named by no head
        stateless = m.name in doc.gaz.stateless or (  # an entry that says "-": ISIS, Amnesty, the ICC
            headed and m.type == "ORG" and m.sector not in ("BUS", "EDU")  # "PT Republik Global Investama" is Indonesian
            and not doc.gaz.cues["stateless"].isdisjoint(m.name.lower().split()[1:]))
        if m.country is not None or m.sector in excepted or stateless or \
                (m.type not in ("PERSON", "ORG") and not headed and not guessed):
            continue
        if m.type == "LOCATION" and guessed and doc.gaz.towns.get(m.text) in named:
            m.country, m.country_basis = doc.gaz.towns[m.text], "text"  # "Gyeongju" in a story that names Korea
        elif m.type == "ORG" and doc.text.startswith(" setempat", m.end):
            # "Kementerian Pertahanan setempat": the local one, of the dateline or the main country
            m.country, m.country_basis = home_country(doc.text, mentions) or main, "story"
        elif domestic or (headed and m.type == "ORG" and m.sector not in ("NGO", "PTY")):
            m.country, m.country_basis = home, "story"
        elif m.type in ("PERSON", "LOCATION") or guessed or headed:
            m.country, m.country_basis = main, "story"
    given = {(m.type, m.name): m for m in mentions if m.country and m.type != "COUNTRY"}
    for m in mentions:
        source = given.get((m.type, m.name)) if m.country is None and m.type != "COUNTRY" else None
        if source is not None:
            m.country, m.country_basis = source.country, source.country_basis
