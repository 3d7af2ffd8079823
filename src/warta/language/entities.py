"""Entity mentions in one document, and the keys that merge them across documents.

`find_mentions` runs five mechanisms over a text, each named in `Mention.source`:

- ``gazetteer``: every form in the data files under `data/language/gazetteer/` (countries,
  capitals and seats of government, places, organisations, persons), plus
  organisations named by a head and a country ("Kementerian Luar Negeri Rusia",
  from the heads in `org_patterns.tsv`);
- ``title``: a person's name after a title ("Presiden Rusia, Vladimir Putin") or
  before one ("Lim Soo-ho, seorang analis Korea Selatan"), from `titles.tsv`;
- ``office``: an office named with its country but no name ("pemimpin Korea
  Utara", "Presiden AS"), read as the person who held it on the publication
  date, from `offices.tsv`;
- ``name-run``: a capitalised name after a verb of saying ("kata Lim");
- ``coreference``: a repeated full name, or a lone first or last name ("Kim",
  "Kozlov") that matches exactly one person named earlier in the document;
- ``model`` (with `find_mentions(text, model=True)`): the spans of the trained
  PER/ORG/LOC recogniser (`warta.language.ner`) that no rule found (`_model_mentions`).

Overlaps are settled in one function, `settle_overlaps` (the longest span wins).
Everything that depends on the language (forms, titles, cue words, stop words,
spelling folds) is in the data files, described in their headers; this module
only walks the text.  The data is loaded once, lazily (`load_gazetteer`).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

from ahocorasick_rs import AhoCorasick, MatchKind

from warta.document import Mention

GAZETTEER_DIR = Path(__file__).parents[1] / "data" / "language" / "gazetteer"
TYPES = ("PERSON", "ORG", "COUNTRY", "LOCATION", "OTHER")
SOURCES = ("gazetteer", "title", "office", "model", "name-run", "coreference")  # settle_overlaps prefers the earlier
CUE_KINDS = (
    "locative", "language", "toponym", "link", "coordination", "filler", "postposed", "reporting",
    "particle", "former", "continuation", "org_word", "naming", "initials", "led_group", "led_by",
    "not_holder", "not_holder_after",
)  # fmt: skip
MAX_NAME_WORDS = 4
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "JUD"}  # whose former holders PLOVER codes ELI
NULL = "-"  # "none" in a data field
WINDOW = 40  # characters looked at before a position for a cue

# A word: letters and digits, starting with a letter, with inner hyphens and
# apostrophes ("Soo-ho", "Ma'ruf").
_WORD = re.compile(r"[^\W\d_](?:\w|[-'’](?=\w))*")
_CAMEL = re.compile(r"(?<!^Mc)(?<!^Mac)[a-z][A-Z]")  # "GoToMalls" is a brand, "McDonald" a name
_AGE = re.compile(r"\s*\(\d{1,3}\)")  # "AS (38)": initials and an age
_SECTOR = re.compile(r"[A-Z]{3}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_APPOSITION = re.compile(r"[A-Z][\w.'-]*,[ \t\u00a0]*$")  # a name, then a comma, right before a title
_LETTERS = str.maketrans(  # letters NFKD does not take apart into ASCII
    {"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ð": "d", "þ": "th"}
)

Span = TypeVar("Span")


class GazetteerError(ValueError):
    """A gazetteer file has a line that cannot be read; the message names file and line."""


@dataclass(frozen=True)
class Entry:
    """What a gazetteer form stands for.

    `metonym` is "capital" or "seat" for places that news uses for their
    government ("Pyongyang menolak ...", "Gedung Putih mengatakan ..."); see
    `capitals.tsv`.
    """

    type: str
    name: str
    country: str | None
    sector: str | None
    metonym: str | None = None


@dataclass(frozen=True)
class Title:
    """A title from `titles.tsv`; `slot` says what may stand before the name."""

    sector: str | None
    slot: str  # country | org | unit | no
    rank: bool


@dataclass(frozen=True)
class Term:
    """A term of office from `offices.tsv`: `holder` held it from `start` to `end`
    (ISO days; `end` None while in office)."""

    holder: Entry
    start: str
    end: str | None


@dataclass(frozen=True)
class OrgPattern:
    """An organisation head from `org_patterns.tsv`."""

    name: str | None
    sector: str | None
    extends: bool
    alone: bool


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    payload: Entry | Title | OrgPattern


def _is_exact(form: str) -> bool:
    """Short and all-capital forms match only as written ("AS", not the word "as").

    Other forms match in any case when the data writes them in lower case, and
    only capitalised text when the data capitalises them (see `Gazetteer.hits`).
    """
    return len(form) <= 4 or form == form.upper()


def _null(value: str) -> str | None:
    return None if value == NULL else value


def _lower(text: str) -> str:
    """Lower-case without changing the length, so offsets stay valid ("İ" stays)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is whole words: no letter or digit glued on either side."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _alternation(forms: Iterable[str]) -> str:
    """A regex alternation of `forms`, longest first."""
    return "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))


def _rows(path: Path, width: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each entry of a TSV data file; comments and blanks skipped."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != width or not all(fields):
            raise GazetteerError(f"{path.name}:{number}: expected {width} non-empty tab-separated fields, got {line!r}")
        yield number, fields


def _forms(field: str) -> list[str]:
    return [] if field == NULL else [f for f in field.split("|") if f]


def _spellings(form: str) -> set[str]:
    """A form and its space-for-hyphen twin ("Kim Jong-un" -> "Kim Jong un")."""
    return {form, re.sub(r"(?<=\w)-(?=\w)", " ", form)}


def _settle(spans: list[Span], rank: Callable[[Span], int]) -> list[Span]:
    """Keep non-overlapping spans: longest first, then lowest `rank`, then earliest.

    The greedy choice runs inside each cluster of overlapping spans; a span that
    touches no other is kept as it is, so a million mentions settle quickly.
    """
    ordered = sorted(spans, key=attrgetter("start", "end"))
    kept: list = []
    i = 0
    while i < len(ordered):
        j, reach = i + 1, ordered[i].end
        while j < len(ordered) and ordered[j].start < reach:
            reach = max(reach, ordered[j].end)
            j += 1
        if j == i + 1:
            kept.append(ordered[i])
        else:
            chosen: list = []
            for candidate in sorted(ordered[i:j], key=lambda s: (s.start - s.end, rank(s), s.start)):
                if all(candidate.end <= c.start or c.end <= candidate.start for c in chosen):
                    chosen.append(candidate)
            kept.extend(sorted(chosen, key=attrgetter("start")))
        i = j
    return kept


def settle_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions: the longest span wins, then the surer source.

    Sources rank as in `SOURCES` (a gazetteer entry beats a title pattern, which
    beats a bare name run, which beats a coreference guess); remaining ties go to
    the earlier span.  The result is sorted by position.
    """
    return _settle(mentions, lambda m: SOURCES.index(m.source))


class Gazetteer:
    """Every file under `data/language/gazetteer/`, validated, with one automaton over all phrases.

    Entity forms, titles and organisation heads are searched together in one pass
    over the lower-cased text; `payloads[i]` lists the (form as written, meaning)
    pairs of pattern `i`.
    """

    def __init__(self, directory: Path = GAZETTEER_DIR) -> None:
        self.directory = directory
        self.stop = {line.strip().lower() for line in self._lines("stoplist.txt")}
        self.cues = self._load_cues()
        self.fold_rules = [(re.compile(p), r) for _, (p, r, _example) in _rows(directory / "translit.tsv", 3)]
        self._folded: dict[tuple[str, bool], str] = {}
        self.country_names: dict[str, str] = {}
        self.entries: dict[str, list[Entry]] = {}
        self._load_countries()
        self._load_capitals()
        for path in ("places.tsv", "subdivisions_idn.tsv"):
            for number, (forms, name, kind, country, _source) in _rows(directory / path, 5):
                self._add_row(path, number, forms, name, kind, country, NULL)
        for number, (forms, name, kind, country, sector, _source) in _rows(directory / "organisations.tsv", 6):
            self._add_row("organisations.tsv", number, forms, name, kind, country, sector)
        persons: dict[str, Entry] = {}
        for number, (name, aliases, country, sector, _role, _source) in _rows(directory / "persons.tsv", 6):
            persons[name] = self._add_row("persons.tsv", number, "|".join([name, *_forms(aliases)]), name, "PERSON",
                                          country, sector)
        titles = self._load_titles()
        self.offices = self._load_offices(persons, titles)
        org_heads = self._load_org_patterns()
        # Portfolios a title may coordinate with "dan": the tails of "menteri ..." titles.
        self.portfolios = sorted(
            {form.lower().removeprefix("menteri ") for form in titles if form.lower().startswith("menteri ")},
            key=len,
            reverse=True,
        )
        # Words a person's name never starts with: portfolios, organisation nouns,
        # words that continue the names of places and organisations.
        self.not_name_start = (
            {p.split()[0] for p in self.portfolios} | self.cues["org_word"] | self.cues["continuation"]
        )
        self.cue_before = {
            kind: re.compile(rf"(?<!\w)(?:{_alternation(forms)})[ \t\u00a0]+$") for kind, forms in self.cues.items()
        }
        self.reporting = re.compile(rf"(?<!\w)(?:{_alternation(self.cues['reporting'])}) (?=\w)", re.IGNORECASE)
        self.postposed = re.compile(rf",\s*(?:{_alternation(self.cues['postposed'])})\s+$")
        # ", seorang analis " between a model-found person and a country (see _model_country)
        self.apposition = re.compile(
            rf",[ \t\u00a0]*(?:(?:{_alternation(self.cues['postposed'])})[ \t\u00a0]+)?(?:[a-z][\w-]*[ \t\u00a0]+){{1,2}}"
        )
        self._build_automaton(
            [self.entries, {f: [t] for f, t in titles.items()}, {f: [o] for f, o in org_heads.items()}]
        )

    # --- loading -------------------------------------------------------------

    def _lines(self, name: str) -> list[str]:
        text = (self.directory / name).read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]

    def _load_cues(self) -> dict[str, set[str]]:
        cues: dict[str, set[str]] = {}
        for number, (kind, forms) in _rows(self.directory / "cues.tsv", 2):
            if kind not in CUE_KINDS:
                raise GazetteerError(f"cues.tsv:{number}: unknown cue kind {kind!r}")
            cues.setdefault(kind, set()).update(f.lower() for f in _forms(forms))
        missing = [kind for kind in CUE_KINDS if not cues.get(kind)]
        if missing:
            raise GazetteerError(f"cues.tsv: no cues of kind {', '.join(missing)}")
        return cues

    def _country(self, path: str, number: int, value: str) -> str | None:
        code = _null(value)
        if code is not None and code not in self.country_names:
            raise GazetteerError(f"{path}:{number}: unknown country code {value!r}")
        return code

    def _sector(self, path: str, number: int, value: str) -> str | None:
        if value != NULL and not _SECTOR.fullmatch(value):
            raise GazetteerError(f"{path}:{number}: sector must be three capital letters or '-', got {value!r}")
        return _null(value)

    def _add(self, forms: list[str], entry: Entry) -> None:
        for form in forms:
            if form.lower() in self.stop:
                continue
            for spelling in _spellings(form):
                bucket = self.entries.setdefault(spelling, [])
                if entry not in bucket:
                    bucket.append(entry)

    def _add_row(self, path: str, number: int, forms: str, name: str, kind: str, country: str, sector: str) -> Entry:
        if kind not in TYPES:
            raise GazetteerError(f"{path}:{number}: type must be one of {', '.join(TYPES)}, got {kind!r}")
        entry = Entry(kind, name, self._country(path, number, country), self._sector(path, number, sector))
        self._add(_forms(forms), entry)
        return entry

    def _load_countries(self) -> None:
        forms: dict[str, list[str]] = {}
        for _, (code, name, aliases, _source) in _rows(self.directory / "countries.tsv", 4):
            self.country_names[code] = name
            forms[code] = _forms(aliases)
        path = "countries_id_overrides.tsv"
        for number, (code, kind, form, _reason) in _rows(self.directory / path, 4):
            self._country(path, number, code)
            if kind == "canonical":
                self.country_names[code] = form
            elif kind == "alias":
                forms[code].append(form)
            elif kind == "drop" and form in forms[code]:
                forms[code].remove(form)
            else:
                raise GazetteerError(f"{path}:{number}: kind must be alias, canonical or drop (of a listed form)")
        for code, names in forms.items():
            self._add(names, Entry("COUNTRY", self.country_names[code], code, None))

    def _load_capitals(self) -> None:
        path = "capitals.tsv"
        for number, (forms, name, country, kind, metonym, sector, _note) in _rows(self.directory / path, 7):
            if kind not in ("capital", "seat") or metonym not in ("yes", "no"):
                raise GazetteerError(f"{path}:{number}: kind must be capital or seat, metonym yes or no")
            acts = metonym == "yes"
            code, sector_code = self._country(path, number, country), self._sector(path, number, sector)
            entry = Entry("LOCATION", name, code, sector_code if acts else None, kind if acts else None)
            self._add(_forms(forms), entry)

    def _load_titles(self) -> dict[str, Title]:
        path = "titles.tsv"
        titles: dict[str, Title] = {}
        for number, (forms, sector, slot, kind) in _rows(self.directory / path, 4):
            if slot not in ("country", "org", "unit", "no") or kind not in ("title", "rank"):
                raise GazetteerError(f"{path}:{number}: slot must be country, org, unit or no; kind title or rank")
            title = Title(self._sector(path, number, sector), slot, kind == "rank")
            titles.update((form, title) for form in _forms(forms))
        return titles

    def _load_offices(self, persons: dict[str, Entry], titles: dict[str, Title]) -> dict[tuple[str, str], list[Term]]:
        """Terms of office by (title form in lower case, country)."""
        path = "offices.tsv"
        known = {form.lower() for form in titles}
        offices: dict[tuple[str, str], list[Term]] = {}
        for number, (forms, country, person, start, end, _source) in _rows(self.directory / path, 6):
            unknown = [form for form in _forms(forms) if form.lower() not in known]
            if unknown:
                raise GazetteerError(f"{path}:{number}: {unknown[0]!r} is not a title form in titles.tsv")
            if person not in persons:
                raise GazetteerError(f"{path}:{number}: {person!r} is not a name in persons.tsv")
            if not _DAY.fullmatch(start) or not (end == NULL or _DAY.fullmatch(end)):
                raise GazetteerError(f"{path}:{number}: from and to must be days (YYYY-MM-DD; to may be '-')")
            term = Term(persons[person], start, _null(end))
            code = self._country(path, number, country) or ""
            for form in _forms(forms):
                offices.setdefault((form.lower(), code), []).append(term)
        return offices

    def _load_org_patterns(self) -> dict[str, OrgPattern]:
        path = "org_patterns.tsv"
        heads: dict[str, OrgPattern] = {}
        for number, (forms, name, sector, extends, alone) in _rows(self.directory / path, 5):
            if extends not in ("yes", "no") or alone not in ("yes", "no"):
                raise GazetteerError(f"{path}:{number}: extends and alone must be yes or no")
            pattern = OrgPattern(_null(name), self._sector(path, number, sector), extends == "yes", alone == "yes")
            heads.update((form, pattern) for form in _forms(forms))
        return heads

    def _build_automaton(self, tables: list[dict[str, list]]) -> None:
        patterns: dict[str, int] = {}
        self.payloads: list[list[tuple[str, Entry | Title | OrgPattern]]] = []
        for table in tables:
            for form, values in table.items():
                index = patterns.setdefault(form.lower(), len(patterns))
                if index == len(self.payloads):
                    self.payloads.append([])
                for value in values:
                    # "Kim Jong Un" and "Kim Jong un" are one pattern: one copy unless case matters.
                    if _is_exact(form) or all(v != value or _is_exact(f) for f, v in self.payloads[index]):
                        self.payloads[index].append((form, value))
        self.automaton = AhoCorasick(list(patterns), matchkind=MatchKind.Standard)

    # --- matching --------------------------------------------------------------

    def hits(self, text: str, lowered: str) -> list[_Hit]:
        """Every phrase occurrence that is whole words and written in an acceptable case."""
        found = []
        for index, start, end in self.automaton.find_matches_as_indexes(lowered, overlapping=True):
            if not _bounded(text, start, end):
                continue
            surface = text[start:end]
            for form, payload in self.payloads[index]:
                if surface == form or not (_is_exact(form) or (form[0].isupper() and not surface[0].isupper())):
                    found.append(_Hit(start, end, payload))
        return found

    def fold(self, name: str, romanised: bool = False) -> str:
        """The spelling-independent form of a name used in entity keys.

        Lower case, no accents, no spaces or hyphens; with `romanised`, also the
        folds of `translit.tsv`, written for personal names romanised from other
        scripts ("Aleksandr" = "Alexander").
        """
        folded = self._folded.get((name, romanised))
        if folded is None:
            plain = unicodedata.normalize("NFKD", name.lower().translate(_LETTERS))
            words = re.findall(r"[^\W_]+", "".join(c for c in plain if not unicodedata.combining(c)))
            for pattern, replacement in self.fold_rules if romanised else ():
                words = [pattern.sub(replacement, word) for word in words]
            folded = self._folded[(name, romanised)] = "".join(words)
        return folded


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded on first use and kept for the process."""
    return Gazetteer()


def entity_key(mention: Mention) -> str:
    """A key shared by every mention of one entity, in any document.

    Countries (and capitals standing for their government) are keyed by ISO code;
    everything else by type and the folded canonical name, so case, hyphens,
    spaces and accents do not split an entity, nor, for persons, common
    romanisation variants: "Kim Jong Un" = "Kim Jong-un" = "Kim Jong-Un",
    "Alexandr Kozlov" = "Alexander Kozlov".
    """
    if mention.type == "COUNTRY" and mention.country:
        return f"COUNTRY:{mention.country}"
    return f"{mention.type}:{load_gazetteer().fold(mention.name, romanised=mention.type == 'PERSON')}"


def entity_id(key: str) -> str:
    """The id of the entity created for `key` (an entity keeps the id of the key that
    created it, whichever mentions join it later)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def country_entity_id(country: str) -> str:
    """The id of a country's entity (see `entity_key`)."""
    return entity_id(f"COUNTRY:{country}")


def last_name_key(mention: Mention) -> str | None:
    """For a person, the folded last word of the name ("Vladimir Putin" -> "putin"):
    what a bare surname in another document is resolved against."""
    if mention.type != "PERSON" or not mention.name.split():
        return None
    return load_gazetteer().fold(mention.name.split()[-1], romanised=True)


class _Doc:
    """One text being read: its words, a lower-cased copy, and the mentions so far."""

    def __init__(self, gazetteer: Gazetteer, text: str) -> None:
        self.gaz = gazetteer
        self.text = text
        self.lowered = _lower(text)
        self.words = list(_WORD.finditer(text))
        self.word_starts = [w.start() for w in self.words]
        self.title_at: dict[int, _Hit] = {}
        self.title_ends: set[int] = set()
        self._headline: dict[int, bool] = {}
        self.index_mentions([])

    def index_mentions(self, mentions: list[Mention]) -> None:
        """Record settled (sorted, non-overlapping) mentions for the later stages."""
        self.mention_at = {m.start: m for m in mentions}
        self.ends_at = {m.end for m in mentions}
        self.starts = [m.start for m in mentions]
        self.ends = [m.end for m in mentions]

    def inside_mention(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a recorded mention."""
        i = bisect.bisect_right(self.starts, start) - 1
        return (i >= 0 and self.ends[i] > start) or (i + 1 < len(self.starts) and self.starts[i + 1] < end)

    def crosses_mention(self, start: int, end: int) -> bool:
        """Whether [start, end) cuts through a mention rather than holding it whole."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start and (self.starts[i] < start or self.ends[i] > end):
            return True
        j = bisect.bisect_left(self.starts, end) - 1
        return j >= 0 and self.starts[j] >= start and self.ends[j] > end

    def mention_after(self, step: tuple[int, str] | None) -> Mention | None:
        """The mention starting at the word of `step` (see `word_after`), if spaces lead to it."""
        return self.mention_at.get(self.word_starts[step[0]]) if step and step[1] == "space" else None

    def word_after(self, pos: int) -> tuple[int, str] | None:
        """The index of the next word and what separates it from `pos`.

        The separator is "space" (spaces only) or "comma" (a comma and spaces);
        None when anything else (a line break, other punctuation) ends the phrase.
        """
        i = bisect.bisect_left(self.word_starts, pos)
        if i == len(self.words):
            return None
        gap = self.text[pos : self.word_starts[i]]
        bare = gap.strip(" \t\u00a0")
        if not gap or "\n" in gap or bare not in ("", ","):
            return None
        return i, "comma" if bare else "space"

    def preceded_by(self, start: int, *kinds: str) -> bool:
        """Whether a cue of one of `kinds` (see cues.tsv) ends right before `start`, after spaces."""
        return any(self.gaz.cue_before[kind].search(self.lowered, max(0, start - WINDOW), start) for kind in kinds)

    def phrase_at(self, pos: int, phrases: list[str] | set[str]) -> str | None:
        """The longest of `phrases` (lower case) written at `pos` as whole words."""
        found = [p for p in phrases if self.lowered.startswith(p, pos) and _bounded(self.text, pos, pos + len(p))]
        return max(found, key=len, default=None)

    def is_stop(self, word: str) -> bool:
        return word.lower() in self.gaz.stop

    def is_rank(self, start: int) -> bool:
        hit = self.title_at.get(start)
        return hit is not None and hit.payload.rank

    def is_name_word(self, i: int) -> bool:
        """Whether word `i` can be part of a person's name.

        Capitalised, not a stop word, not camel-cased like a brand, not inside a
        known mention and not a rank.
        """
        word = self.words[i].group()
        return (
            word[0].isupper()
            and not self.is_stop(word)
            and not _CAMEL.search(word)
            and not self.inside_mention(*self.words[i].span())
            and not self.is_rank(self.word_starts[i])
        )

    def starts_name(self, i: int) -> bool:
        """Whether a name may start at word `i`: a name word, not an acronym, portfolio or body."""
        word = self.words[i].group()
        return (
            self.is_name_word(i)
            and not (len(word) > 1 and word.isupper())
            and word.lower() not in self.gaz.not_name_start
        )

    def blocks_name(self, i: int) -> bool:
        """Whether word `i`, glued after a capitalised run, shows the run was no name.

        A known entity, a rank or a continuation word ("Utara", "Lalu") means the
        run was part of a longer proper name ("Korps Lalu Lintas Polri").
        """
        word = self.words[i].group()
        start = self.word_starts[i]
        return start in self.mention_at or self.is_rank(start) or (
            word[0].isupper() and word.lower() in self.gaz.cues["continuation"]
        )

    def links_name(self, i: int, step: int) -> bool:
        """Whether word `i` is a particle inside a name ("Salman bin Abdulaziz")."""
        j = i + step
        return (
            self.words[i].group() in self.gaz.cues["particle"]
            and 0 <= j < len(self.words)
            and self.joined(max(i, j))
            and self.is_name_word(j)
        )

    def joined(self, i: int) -> bool:
        """Whether word `i` follows word `i - 1` after one space, or after an initial ("M. Hanif")."""
        if i <= 0:
            return False
        previous = self.words[i - 1].group()
        gap = self.text[self.words[i - 1].end() : self.word_starts[i]]
        return gap == " " or (gap == ". " and len(previous) == 1 and previous.isupper())

    def headline(self, pos: int) -> bool:
        """Whether the line holding `pos` is in title case, where capitals mark no names."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        if line_start not in self._headline:
            line_end = self.text.find("\n", pos)
            words = _WORD.findall(self.text[line_start : line_end if line_end >= 0 else len(self.text)][:2000])
            capitalised = sum(1 for w in words if w[0].isupper())
            self._headline[line_start] = len(words) >= 5 and capitalised >= 0.7 * len(words)
        return self._headline[line_start]

    def name_forward(self, i: int) -> tuple[int, int] | None:
        """The span of a person name of 1-4 capitalised words starting at word `i`, or None."""
        if i >= len(self.words) or not self.starts_name(i):
            return None
        last, count, j = i, 1, i + 1
        while j < len(self.words) and self.joined(j):
            if self.is_name_word(j):
                last, count = j, count + 1
            elif self.blocks_name(j):
                return None
            elif not self.links_name(j, 1):
                break
            j += 1
        return (self.word_starts[i], self.words[last].end()) if count <= MAX_NAME_WORDS else None

    def name_backward(self, i: int) -> tuple[int, int] | None:
        """The span of a person name of 1-4 capitalised words ending at word `i`, or None."""
        if not self.is_name_word(i):
            return None
        first, count, j = i, 1, i - 1
        while j >= 0 and self.joined(j + 1):
            if self.is_name_word(j):
                first, count = j, count + 1
            elif self.words[j].end() in self.ends_at:
                return None
            elif not self.links_name(j, -1):
                break
            j -= 1
        if count > MAX_NAME_WORDS or not self.starts_name(first):
            return None
        return self.word_starts[first], self.words[i].end()


def _mention(doc: _Doc, start: int, end: int, entry: Entry) -> Mention:
    return Mention(start, end, doc.text[start:end], entry.type, entry.name, entry.country, entry.sector, "gazetteer")


def _place_context(doc: _Doc, mention: Mention, neighbours: tuple[Mention | None, Mention | None]) -> bool:
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


def _initials(doc: _Doc, hit: _Hit) -> bool:
    """Whether a short all-capital form is a person's initials ("pelaku AS", "AS (38)")."""
    surface = doc.text[hit.start : hit.end]
    if len(surface) > 4 or not surface.isupper():
        return False
    return bool(_AGE.match(doc.text, hit.end)) or doc.preceded_by(hit.start, "initials")


def _gazetteer_mentions(doc: _Doc, hits: list[_Hit]) -> list[Mention]:
    """Gazetteer forms as mentions; capitals and seats resolved to government or place."""
    entries: dict[tuple[int, int, str], Entry] = {}
    found = []
    for hit in hits:
        entry = hit.payload
        if not isinstance(entry, Entry) or _initials(doc, hit):
            continue
        if entry.type == "COUNTRY" and doc.preceded_by(hit.start, "language", "toponym"):
            continue  # "bahasa Inggris" is a language, "Desa Jepang" a village
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


def _org_pattern_mentions(doc: _Doc, hits: list[_Hit]) -> list[Mention]:
    """Organisations named by a head, portfolio words and a country ("Kementerian Luar Negeri Rusia")."""
    heads = [h for h in hits if isinstance(h.payload, OrgPattern) and not doc.inside_mention(h.start, h.end)]
    found = []
    for hit in _settle(heads, lambda h: 0):
        pattern, end = hit.payload, hit.end
        step = doc.word_after(end)
        while pattern.extends and step and step[1] == "space":
            i = step[0]
            if doc.words[i].group() in doc.gaz.cues["coordination"] and i + 1 < len(doc.words) and doc.joined(i + 1):
                i += 1  # "Kementerian Kelautan dan Perikanan"
            if not doc.is_name_word(i):
                break
            end = doc.words[i].end()
            step = doc.word_after(end)
        place = doc.mention_after(step)
        country = place.country if place and place.type == "COUNTRY" else None
        tail = place.end if country else end
        described = doc.mention_after(doc.word_after(tail))
        if described and described.type in ("ORG", "PERSON"):
            continue  # "kantor berita Rusia Tass": a description of Tass
        if country is None and (not doc.text[hit.start].isupper() or not (pattern.alone or end > hit.end)):
            continue  # a lower-case head needs a country; a generic head needs more words
        name = pattern.name or " ".join(w[:1].upper() + w[1:] for w in doc.text[hit.start : end].split())
        if country:
            name = f"{name} ({doc.gaz.country_names[country]})"
        found.append(_mention(doc, hit.start, tail, Entry("ORG", name, country, pattern.sector)))
    return found


def _title_slot(doc: _Doc, pos: int, title: Title) -> tuple[int, str | None, str | None, str | None]:
    """Read from a title's end up to where the name may start.

    Coordinated portfolios ("Menteri Kelautan dan Perikanan"), the country or
    organisation of the office ("Duta Besar Rusia untuk Korea Utara"), a filler
    ("saat itu") and further ranks and titles ("Panglima TNI Marsekal").
    Returns (position, separator before the next word, country, sector).
    """
    cues = doc.gaz.cues
    country, sector = None, title.sector
    step = doc.word_after(pos)
    while step and step[1] == "space" and doc.words[step[0]].group() in cues["coordination"]:
        nxt = step[0] + 1
        if nxt == len(doc.words) or not doc.joined(nxt):
            break
        portfolio = doc.phrase_at(doc.word_starts[nxt], doc.gaz.portfolios)
        if portfolio:
            pos = doc.word_starts[nxt] + len(portfolio)
        elif doc.is_name_word(nxt):
            pos = doc.words[nxt].end()
        else:
            break
        step = doc.word_after(pos)
    while title.slot != "no" and step and step[1] == "space":
        held = doc.mention_after(step)
        if held and held.type in ("COUNTRY", "ORG", "LOCATION"):
            country = country or held.country
            if held.type == "ORG" and title.slot == "org" and held.sector:
                sector = held.sector
            pos = held.end
        elif doc.words[step[0]].group() in cues["link"] and country:
            host = doc.mention_after(doc.word_after(doc.words[step[0]].end()))
            if not host or host.type not in ("COUNTRY", "LOCATION"):
                break
            pos = host.end  # an ambassador's host state does not change the title's country
        else:
            break
        step = doc.word_after(pos)
    filler = doc.phrase_at(doc.word_starts[step[0]], cues["filler"]) if step else None
    if filler:
        pos = doc.word_starts[step[0]] + len(filler)
        step = doc.word_after(pos)
    while step and step[1] == "space" and doc.word_starts[step[0]] in doc.title_at:
        pos = doc.title_at[doc.word_starts[step[0]]].end
        step = doc.word_after(pos)
    return pos, step[1] if step else None, country, sector


def _apposed(doc: _Doc, span: tuple[int, int]) -> tuple[int, int]:
    """The name after a comma that follows a unit ("Kapolsek Antang Kalang, Iptu Afif Hasan").

    A run followed by a comma and another name (or ranks and a name) named the
    office's unit; the person is the one after the comma.
    """
    step = doc.word_after(span[1])
    if not step or step[1] != "comma":
        return span
    start = pos = doc.word_starts[step[0]]
    if start in doc.title_at and not doc.is_rank(start):
        return span  # a list of office holders: "Presiden Kolombia X, Presiden Chile Y"
    while doc.is_rank(pos):
        nxt = doc.word_after(doc.title_at[pos].end)
        if not nxt or nxt[1] != "space":
            return span
        pos = doc.word_starts[nxt[0]]
    apposed = doc.name_forward(bisect.bisect_left(doc.word_starts, pos))
    return apposed if apposed and (pos != start or " " in doc.text[apposed[0] : apposed[1]]) else span


def _after_unit(doc: _Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    """The name after the region or company an office belongs to ("Bupati Ngada Marianus Sae").

    One word is the unit itself; three or more start with it; two are the name.
    """
    words = doc.text[span[0] : span[1]].split()
    if len(words) == 1:
        return None
    if len(words) >= 3:
        return doc.word_starts[bisect.bisect_left(doc.word_starts, span[0]) + 1], span[1]
    return span


def _titled_name(doc: _Doc, hit: _Hit) -> tuple[tuple[int, int], str | None, str | None] | None:
    """The span, country and sector of the person a title names, or None."""
    title = hit.payload
    pos, separator, country, sector = _title_slot(doc, hit.end, title)
    if sector in STATE_SECTORS and doc.preceded_by(hit.start, "former"):
        sector = "ELI"
    window = max(0, hit.start - WINDOW)
    postposed = doc.gaz.postposed.search(doc.lowered, window, hit.start)
    span = None
    if postposed:  # "Lim Soo-ho, seorang analis Korea Selatan"
        i = bisect.bisect_left(doc.word_starts, postposed.start()) - 1
        if i >= 0 and doc.words[i].end() == postposed.start():
            span = doc.name_backward(i)
    elif separator:  # "Presiden Rusia, Vladimir Putin"
        span = doc.name_forward(bisect.bisect_left(doc.word_starts, pos))
        if span and separator == "comma" and re.match(r" +[^\W\d_]", doc.text[span[1] :]):
            span = None  # after a comma the name is an apposition, closed by punctuation
        if span and title.slot in ("org", "unit") and pos == hit.end:
            span = _after_unit(doc, span)
        if span:
            span = _apposed(doc, span)
        if span and sector is None and " " not in doc.text[span[0] : span[1]]:
            span = None  # "Direktur Pemasaran": after a generic title one word is a unit
    return (span, country, sector) if span and not doc.headline(span[0]) else None


def _title_mentions(doc: _Doc, hits: list[_Hit]) -> list[Mention]:
    """Persons named next to a title, before it or after it.

    A title that cuts through a mention is not one here ("Raja" in "Raja Salman";
    "Kepala Badan Intelijen" in "Kepala Badan Intelijen Negara", where "Kepala" is
    the title and the agency its slot), nor a title word inside a name ("Lukman
    Hakim Saifuddin") or a proper name ("Jalan Jenderal Sudirman").
    """
    candidates = [h for h in hits if isinstance(h.payload, Title) and not doc.crosses_mention(h.start, h.end)]
    titles = _settle(candidates, lambda h: 0)
    doc.title_at = {t.start: t for t in titles}
    title_ends = {t.end for t in titles}
    found = []
    for hit in titles:
        i = bisect.bisect_left(doc.word_starts, hit.start)
        glued = i > 0 and doc.joined(i) and doc.words[i - 1].end() not in title_ends and doc.is_name_word(i - 1)
        if (glued and not hit.payload.rank) or doc.preceded_by(hit.start, "naming"):
            continue
        named = _titled_name(doc, hit)
        if named:
            (start, end), country, sector = named
            surface = doc.text[start:end]
            found.append(Mention(start, end, surface, "PERSON", " ".join(surface.split()), country, sector, "title"))
    return found


def _office_mentions(doc: _Doc, published: str | None) -> list[Mention]:
    """Offices named with their country and no name: "pemimpin Korea Utara
    mengunjungi Rusia" is Kim Jong Un when the story was published after 2011.

    The holder is the last person named before who ever held the office (a
    description refers back), or else the one `offices.tsv` gives for the
    publication day (for an undated story, the one in office now). Skipped when a name follows (the
    title rules read it), when the title is a former, candidate or group one,
    or a parenthesis (which a name may follow), or when the words after the
    country point to another holder.
    """
    day = published[:10] if published else None
    cues = doc.gaz.cues
    found = []
    for hit in doc.title_at.values():
        country = doc.mention_after(doc.word_after(hit.end))
        if not country or country.type != "COUNTRY" or doc.preceded_by(hit.start, "former", "not_holder"):
            continue
        terms = doc.gaz.offices.get((" ".join(doc.lowered[hit.start : hit.end].split()), country.country or ""), [])
        holders = {t.holder.name: t.holder for t in terms}
        earlier = _earlier_holder(doc, hit.start, holders)
        apposed = _APPOSITION.search(doc.text, max(0, hit.start - WINDOW), hit.start)
        if apposed and not (earlier and earlier.end == doc.text.rindex(",", apposed.start(), hit.start)):
            continue  # "George W Bush, presiden Amerika": it describes the name before the comma
        holder = holders[earlier.name] if earlier else _holder_on(terms, day)
        after = doc.word_after(country.end)
        if holder is None or doc.text.startswith(" (", country.end) or (after and (
            doc.word_starts[after[0]] in doc.mention_at
            or doc.is_name_word(after[0])
            or doc.phrase_at(doc.word_starts[after[0]], cues["filler"] | cues["not_holder_after"])
            or doc.lowered.startswith("ke-", doc.word_starts[after[0]])
        )):
            continue
        surface = doc.text[hit.start : country.end]
        found.append(Mention(hit.start, country.end, surface, "PERSON", holder.name, holder.country, holder.sector, "office"))
    return found


def _holder_on(terms: list[Term], day: str | None) -> Entry | None:
    """Who held the office on `day` (the term without an end when `day` is None),
    if exactly one person did."""
    holders = {t.holder for t in terms if (t.end is None if day is None else t.start <= day and (t.end is None or day < t.end))}
    return holders.pop() if len(holders) == 1 else None


def _earlier_holder(doc: _Doc, pos: int, holders: Collection[str]) -> Mention | None:
    """The mention of the person named last before `pos` who ever held the office
    (names in `holders`): "Obama ... Presiden Negeri Paman Sam itu" is Obama in a
    2017 story."""
    for start in reversed(doc.starts[: bisect.bisect_left(doc.starts, pos)]):
        mention = doc.mention_at[start]
        if mention.type == "PERSON" and mention.name in holders:
            return mention
    return None


def _as_named(persons: list[Mention]) -> list[Mention]:
    """Persons as the name rules see them: an office mention by its holder's name,
    so that a later "Kim" after "pemimpin Korea Utara" is that holder."""
    return [replace(p, text=p.name) if p.source == "office" else p for p in persons]


def _short_forms(persons: list[Mention]) -> dict[str, list[tuple[int, Mention]]]:
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


def _resolve_short_titled(mentions: list[Mention]) -> list[Mention]:
    """A one-word name after a title ("Menlu Retno") is the earlier person it shortens."""
    index = _short_forms([m for m in mentions if m.type == "PERSON"])
    resolved = []
    for mention in mentions:
        person = _antecedent(index, mention.text, mention.start) if mention.source == "title" else None
        if person:
            country, sector = mention.country or person.country, person.sector or mention.sector
            mention = replace(mention, name=person.name, country=country, sector=sector)
        resolved.append(mention)
    return resolved


def _name_run_mentions(doc: _Doc, persons: list[Mention]) -> list[Mention]:
    """Speakers after a verb of saying ("kata Agung"), unless a known person's short form."""
    index = _short_forms(persons)
    found = []
    for verb in doc.gaz.reporting.finditer(doc.text):
        span = doc.name_forward(bisect.bisect_left(doc.word_starts, verb.end()))
        if not span or doc.headline(span[0]):
            continue
        surface = doc.text[span[0] : span[1]]
        if " " not in surface and _antecedent(index, surface, span[0]):
            continue  # coreference resolves it
        found.append(Mention(span[0], span[1], surface, "PERSON", " ".join(surface.split()), source="name-run"))
    return found


def _coreference_mentions(doc: _Doc, persons: list[Mention]) -> list[Mention]:
    """Repeats of pattern-found names, and lone first or last names of earlier persons."""
    found = []
    repeated = {p.text: p for p in persons if p.source != "gazetteer" and " " in p.text}  # the gazetteer finds its own
    for surface, person in repeated.items():
        at = doc.text.find(surface)
        while at >= 0:
            end = at + len(surface)
            if _bounded(doc.text, at, end) and not doc.inside_mention(at, end):
                found.append(replace(person, start=at, end=end, source="coreference"))
            at = doc.text.find(surface, end)
    index = _short_forms(persons)
    short = [word for word in index if len(word) >= 3]
    if not short:
        return found
    for match in re.finditer(rf"(?<!\w)(?:{_alternation(short)})(?!\w)", doc.text):
        i = bisect.bisect_left(doc.word_starts, match.start())
        if i == len(doc.words) or doc.words[i].span() != match.span() or doc.inside_mention(*match.span()):
            continue
        # A lone name, not glued to another capitalised word ("Kim Yo Jong" is someone else).
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(doc.words) and doc.joined(max(i, j))]
        if any(doc.is_name_word(j) for j in neighbours):
            continue
        person = _antecedent(index, match.group(), match.start())
        if person:
            start, end = match.span()
            found.append(replace(person, start=start, end=end, text=match.group(), source="coreference"))
    return found


def _merge_parentheticals(doc: _Doc, mentions: list[Mention]) -> list[Mention]:
    """Join "Korea Utara (Korut)" and "Kantor Berita Pusat Korea (KCNA)" into one mention."""
    merged: list[Mention] = []
    for mention in mentions:
        prior = merged[-1] if merged else None
        if (
            prior
            and re.fullmatch(r"\s*\(", doc.text[prior.end : mention.start])
            and doc.text[mention.end : mention.end + 1] == ")"
            and entity_key(prior) == entity_key(mention)
        ):
            merged[-1] = replace(prior, end=mention.end + 1, text=doc.text[prior.start : mention.end + 1])
        else:
            merged.append(mention)
    return merged


# A place opening a line, then the outlet and a dash: "SEOUL, KOMPAS.TV — ", "Jakarta,
# CNN Indonesia-- ", "Yangon (ANTARA News)-"; or the place and a long dash alone:
# "KUWAIT – ". A plain hyphen needs the outlet before it ("Korut-Rusia" is no dateline),
# and the dash is followed by a space or a capital ("jarak-menengah" is no dash).
DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,30}?"
    r"(?=(?:,[^\S\n]*[^\n,]{1,40}?|[^\S\n]*\([^\n()]{1,40}\))[^\S\n]*[—–-]+(?=\s|[A-Z])|[^\S\n]*[—–]+\s)",
    re.MULTILINE,
)


def home_country(text: str, mentions: list[Mention]) -> str | None:
    """The country of the story's dateline place (the mention the dateline starts
    with), when the story names that country again: "Jakarta, CNN Indonesia--" heads
    every story of its newsroom, and one about South Africa is not at home in
    Indonesia. None when there is no dateline or its place is unknown."""
    dateline = DATELINE.search(text[:2000])
    if dateline is None:
        return None
    home = next((m.country for m in mentions if m.start == dateline.start() and m.country), None)
    again = (m for m in mentions if m.start > dateline.end() and m.sector != "JRN")  # not the outlet's own name
    return home if any(m.country == home for m in again) else None


def _context_countries(doc: _Doc, mentions: list[Mention]) -> None:
    """Give a titled person whose title names no country the one its context gives:
    the national group it leads ("delegasi Rusia yang dipimpin oleh Menteri ... X"),
    else, for state officials, the country of the story's dateline city."""
    cues = doc.gaz.cues
    led = re.compile(rf"\s+(?:{_alternation(cues['led_by'])})\s+[^.,;:\n]*$", re.IGNORECASE)
    group = re.compile(rf"\b(?:{_alternation(cues['led_group'])})\s+$", re.IGNORECASE)
    home = home_country(doc.text, mentions)
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
        if person.country is None and person.sector in STATE_SECTORS:
            person.country = home


_ORIGIN = re.compile(r"[ \t\u00a0]+(?:asal|dari|warga|warga negara|berkebangsaan)[ \t\u00a0]+$")
_DESCRIBED = re.compile(r"(?<![^\W\d_])[a-z][\w-]*[ \t\u00a0]+$")  # "analis " before "Korea Selatan X"


def _model_country(doc: _Doc, span: Mention, countries: list[Mention]) -> str | None:
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
        if doc.gaz.apposition.fullmatch(gap) or _ORIGIN.fullmatch(gap):
            return countries[i].country
    if span.type == "PERSON" and i > 0:
        before = countries[i - 1]
        if doc.text[before.end : span.start] == " " and _DESCRIBED.search(doc.text, max(0, before.start - 30), before.start):
            return before.country
    return None


def _trim_lower_case(doc: _Doc, span: Mention) -> Mention | None:
    """`span` without the words it starts or ends with that are not capitalised
    ("pelabuhan Rajin"; a script without capitals), or None when none is."""
    words = list(_WORD.finditer(doc.text, span.start, span.end))
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
    surface = doc.text[start:end]
    return replace(span, start=start, end=end, text=surface, name=" ".join(surface.split()))


def _names_more(doc: _Doc, span: Mention, held: list[Mention]) -> bool:
    """Whether `span` has a capitalised word outside the mentions it holds
    ("Pusat Antariksa Vostochny Rusia", not "Kursk Rusia" or "Rusia-Korea Utara")."""
    for word in _WORD.finditer(doc.text, span.start, span.end):
        if word.group()[0].isupper() and not any(m.start <= word.start() < m.end for m in held):
            return True
    return False


def _model_mentions(doc: _Doc, mentions: list[Mention], hits: list[_Hit]) -> list[Mention]:
    """Merge the trained recogniser's spans (`warta.language.ner`) into the rules' mentions.

    A model span that overlaps a rule's mention loses to it, except an
    organisation or place that ends with a country or place and holds nothing
    else but more capitalised words ("Pusat Antariksa Vostochny Rusia", "Bank
    Indonesia"): the model's span replaces them and takes the last country.
    Spans on title-case headline lines are dropped, words without a capital at
    either end of a span are cut off, a lone first or last name of a person the
    rules found is left to coreference, and, as for the rules, a camel-cased word
    is no person's name.  A model person, organisation or place gets the country
    its context gives (see `_model_country`), the same country for every mention
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
    short = _short_forms([m for m in mentions if m.type == "PERSON"])
    for span in find_model_mentions(doc.text):
        span = _trim_lower_case(doc, span)
        if span is None or doc.headline(span.start) or (" " not in span.text and span.text in short):
            continue  # a lone first or last name of a known person is coreference's to resolve
        if span.type == "PERSON" and any(_CAMEL.search(word) for word in span.text.split()):
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
        found.append(replace(span, country=country or _model_country(doc, span, countries), sector=sector))
    by_name: dict[tuple[str, str], str] = {}
    for mention in found:
        if mention.country:
            by_name.setdefault((mention.type, mention.name), mention.country)
    for mention in found:
        mention.country = mention.country or by_name.get((mention.type, mention.name))
    kept = [m for i, m in enumerate(mentions) if i not in replaced]
    return settle_overlaps(kept + found)


def find_mentions(text: str, model: bool = False, published: str | None = None) -> list[Mention]:
    """Every entity mention in one document, sorted by position, each with its `key`.

    `published` (the document's ISO date) says who held an office named without a
    name (see `_office_mentions`).

    With `model`, the trained recogniser's spans are merged in after the
    gazetteer, organisation and title rules (see `_model_mentions`).
    """
    gazetteer = load_gazetteer()
    doc = _Doc(gazetteer, text)
    hits = gazetteer.hits(text, doc.lowered)
    doc.title_ends = {h.end for h in hits if isinstance(h.payload, Title)}
    mentions = _gazetteer_mentions(doc, hits)
    doc.index_mentions(mentions)
    mentions = settle_overlaps(mentions + _org_pattern_mentions(doc, hits))
    doc.index_mentions(mentions)
    mentions = _resolve_short_titled(settle_overlaps(mentions + _title_mentions(doc, hits)))
    doc.index_mentions(mentions)
    mentions = settle_overlaps(mentions + _office_mentions(doc, published))
    if model:
        mentions = _model_mentions(doc, mentions, hits)
    _context_countries(doc, mentions)
    doc.index_mentions(mentions)
    mentions = settle_overlaps(mentions + _name_run_mentions(doc, _as_named([m for m in mentions if m.type == "PERSON"])))
    doc.index_mentions(mentions)
    persons = _as_named([m for m in mentions if m.type == "PERSON"])
    mentions = settle_overlaps(mentions + _coreference_mentions(doc, persons))
    mentions = _merge_parentheticals(doc, mentions)
    for mention in mentions:
        mention.key = entity_key(mention)
    return mentions
