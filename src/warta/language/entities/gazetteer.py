"""The gazetteer: every file under `data/language/gazetteer/`, validated, and one automaton over all phrases."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick, MatchKind

from ... import rules
from .spans import alternation, bounded, name_end


GAZETTEER_DIR = Path(__file__).parents[2] / "data" / "language" / "gazetteer"
TYPES = ("PERSON", "ORG", "COUNTRY", "LOCATION", "OTHER")
CUE_KINDS = (
    "locative", "language", "toponym", "link", "coordination", "filler", "postposed", "reporting",
    "particle", "former", "continuation", "org_word", "naming", "initials", "led_group", "led_by",
    "not_holder", "not_holder_after", "person_cue", "not_person", "body_word", "region_word",
    "event_word", "stateless",
)  # fmt: skip
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "JUD"}  # whose former holders PLOVER codes ELI
NULL = "-"  # "none" in a data field
FOLDS_KEPT = 16_384  # names whose fold `fold` keeps: the gazetteer's and a text's most frequent ones (a long text has tens of thousands)
_SECTOR = re.compile(r"[A-Z]{3}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LETTERS = str.maketrans(  # letters NFKD does not take apart into ASCII
    {"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ð": "d", "þ": "th"}
)


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
    type: str = "ORG"  # LOCATION for the heads of place_patterns.tsv


@dataclass(frozen=True)
class Hit:
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


def _rows(path: Path, width: int, label: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each entry of a TSV data file; comments and blanks skipped."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != width or not all(fields):
            raise GazetteerError(f"{label or path.name}:{number}: expected {width} non-empty tab-separated fields, got {line!r}")
        yield number, fields


def _forms(field: str) -> list[str]:
    return [] if field == NULL else [f for f in field.split("|") if f]


def _spellings(form: str) -> set[str]:
    """A form and its space-for-hyphen twin ("Kim Jong-un" -> "Kim Jong un")."""
    return {form, re.sub(r"(?<=\w)-(?=\w)", " ", form)}


class Gazetteer:
    """Every file under `data/language/gazetteer/`, validated, with one automaton over all phrases.

    Entity forms, titles and organisation heads are searched together in one pass
    over the lower-cased text; `payloads[i]` lists the (form as written, meaning)
    pairs of pattern `i`.
    """

    def __init__(self, directory: Path = GAZETTEER_DIR, extra: Path | None = None) -> None:
        """`extra`: a rules folder's gazetteer (RULES/language/gazetteer/), whose files'
        rows are read after the packaged rows of the file of the same name."""
        self.directory = directory
        self.extra = extra
        self._at: tuple[str, int] | None = None  # the rules-folder row being read
        try:
            self._load(directory)
        except GazetteerError as exc:
            message = str(exc)
            if self._at and message.startswith(f"{Path(self._at[0]).name}:{self._at[1]}:"):
                message = self._at[0] + message[len(Path(self._at[0]).name):]
            raise GazetteerError(message) from None

    def _rows(self, name: str, width: int) -> Iterator[tuple[int, list[str]]]:
        """The rows of a packaged file, then those of the rules folder's file of that name."""
        self._at = None
        yield from _rows(self.directory / name, width)
        user = self.extra / name if self.extra is not None else None
        if user is not None and user.is_file():
            for number, fields in _rows(user, width, str(user)):
                self._at = (str(user), number)
                yield number, fields
            self._at = None

    def _load(self, directory: Path) -> None:
        self.stop = {line.strip().lower() for line in self._lines("stoplist.txt")}
        self.common = {line.strip().lower() for line in self._lines("common_words.txt")}
        self.headline_words = {line.strip().lower() for line in self._lines("headline_words.txt")}
        self.cues = self._load_cues()
        self.fold_rules = [(re.compile(p), r) for _, (p, r, _example) in self._rows("translit.tsv", 3)]
        self._folded: dict[tuple[str, bool], str] = {}
        self.country_names: dict[str, str] = {}
        self.entries: dict[str, list[Entry]] = {}
        self._load_countries()
        self._load_capitals()
        for path in ("places.tsv", "subdivisions_idn.tsv", "cities.tsv"):
            for number, (forms, name, kind, country, _source) in self._rows(path, 5):
                self._add_row(path, number, forms, name, kind, country, NULL)
        # towns no form matches: the country of a place only the recogniser found (countries.py)
        self.towns = {name: self._country("towns.tsv", number, country) for number, (name, country) in self._rows("towns.tsv", 2)}
        for number, (forms, name, kind, country, sector, _source) in self._rows("organisations.tsv", 6):
            self._add_row("organisations.tsv", number, forms, name, kind, country, sector)
        persons: dict[str, Entry] = {}
        for number, (name, aliases, country, sector, _role, _source) in self._rows("persons.tsv", 6):
            persons[name] = self._add_row("persons.tsv", number, "|".join([name, *_forms(aliases)]), name, "PERSON",
                                          country, sector)
        # The bodies and persons the gazetteer gives no country (IGOs, ISIS, Amnesty, the
        # ICC, their heads): the story never gives them one (`countries.home_countries`).
        self.stateless = frozenset(e.name for bucket in self.entries.values() for e in bucket
                                   if e.country is None and e.type in ("ORG", "PERSON"))
        titles = self._load_titles()
        self.offices = self._load_offices(persons, titles)
        self.title_words = frozenset(word for form in titles for word in form.lower().split())
        org_heads = self._load_org_patterns()
        # language -> (home country, sectors that keep no country): see home.tsv
        self.home: dict[str, tuple[str, frozenset[str]]] = {}
        for number, (language, country, excepted) in self._rows("home.tsv", 3):
            if country not in self.country_names or not all(map(_SECTOR.fullmatch, _forms(excepted))):
                raise GazetteerError(f"home.tsv:{number}: unknown country {country!r} or a bad sector in {excepted!r}")
            self.home[language] = (country, frozenset(_forms(excepted)))
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
            # an opening quote may stand between the cue and the name: 'operasi bertajuk "Rising Lion"'
            kind: re.compile(rf"(?<!\w)(?:{alternation(forms)})[ \t\u00a0]+[\"“]?$") for kind, forms in self.cues.items()
        }
        self.reporting = re.compile(rf"(?<!\w)(?:{alternation(self.cues['reporting'])}) (?=\w)", re.IGNORECASE)
        self.postposed = re.compile(rf",\s*(?:{alternation(self.cues['postposed'])})\s+$")
        # ", seorang analis " between a model-found person and a country (see model_country)
        self.apposition = re.compile(
            rf",[ \t\u00a0]*(?:(?:{alternation(self.cues['postposed'])})[ \t\u00a0]+)?(?:[a-z][\w-]*[ \t\u00a0]+){{1,2}}"
        )
        self._build_automaton(
            [self.entries, {f: [t] for f, t in titles.items()}, {f: [o] for f, o in org_heads.items()}]
        )

    # --- loading -------------------------------------------------------------

    def _lines(self, name: str) -> list[str]:
        text = (self.directory / name).read_text(encoding="utf-8")
        user = self.extra / name if self.extra is not None else None
        if user is not None and user.is_file():
            text += "\n" + user.read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]

    def _load_cues(self) -> dict[str, set[str]]:
        cues: dict[str, set[str]] = {}
        for number, (kind, forms) in self._rows("cues.tsv", 2):
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
            if form.lower() in self.stop and not (form.isupper() and len(form) > 4):  # "ANTARA" is not "antara"
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
        for _, (code, name, aliases, _source) in self._rows("countries.tsv", 4):
            self.country_names[code] = name
            forms[code] = _forms(aliases)
        path = "countries_id_overrides.tsv"
        for number, (code, kind, form, _reason) in self._rows(path, 4):
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
        for number, (forms, name, country, kind, metonym, sector, _note) in self._rows(path, 7):
            if kind not in ("capital", "seat") or metonym not in ("yes", "no"):
                raise GazetteerError(f"{path}:{number}: kind must be capital or seat, metonym yes or no")
            acts = metonym == "yes"
            code, sector_code = self._country(path, number, country), self._sector(path, number, sector)
            entry = Entry("LOCATION", name, code, sector_code if acts else None, kind if acts else None)
            self._add(_forms(forms), entry)

    def _load_titles(self) -> dict[str, Title]:
        path = "titles.tsv"
        titles: dict[str, Title] = {}
        for number, (forms, sector, slot, kind) in self._rows(path, 4):
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
        for number, (forms, country, person, start, end, _source) in self._rows(path, 6):
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
        heads: dict[str, OrgPattern] = {}
        for path, kind in (("org_patterns.tsv", "ORG"), ("place_patterns.tsv", "LOCATION")):
            for number, (forms, name, sector, extends, alone) in self._rows(path, 5):
                if extends not in ("yes", "no") or alone not in ("yes", "no"):
                    raise GazetteerError(f"{path}:{number}: extends and alone must be yes or no")
                sector_code = self._sector(path, number, sector)
                pattern = OrgPattern(_null(name), sector_code, extends == "yes", alone == "yes", kind)
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
                bucket = self.payloads[index]
                for value in values:
                    # "Kim Jong Un" and "Kim Jong un" are one pattern: one copy unless case matters;
                    # of "Kumparan" and "kumparan", the lower-case form, which matches any case.
                    same = next((i for i, (f, v) in enumerate(bucket) if v == value and not _is_exact(f)), None)
                    if _is_exact(form) or same is None:
                        bucket.append((form, value))
                    elif form[0].islower():
                        bucket[same] = (form, value)
        self.automaton = AhoCorasick(list(patterns), matchkind=MatchKind.Standard)

    # --- matching --------------------------------------------------------------

    def hits(self, text: str, lowered: str) -> list[Hit]:
        """Every phrase occurrence that is whole words and written in an acceptable case."""
        found = []
        for index, start, end in self.automaton.find_matches_as_indexes(lowered, overlapping=True):
            if not bounded(text, start, end) or name_end(text, end) != end:
                continue  # "Park Jin" is not the start of "Park Jin-woo"
            surface = text[start:end]
            for form, payload in self.payloads[index]:
                if surface == form or not (_is_exact(form) or (form[0].isupper() and not surface[0].isupper())):
                    found.append(Hit(start, end, payload))
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
            folded = "".join(words)
            if len(self._folded) < FOLDS_KEPT:
                self._folded[(name, romanised)] = folded
        return folded


def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer with the active rules folder's rows (`warta.rules`),
    loaded on first use and kept for the process, per rules folder."""
    return read_gazetteer(rules.active())


@lru_cache(maxsize=4)
def read_gazetteer(folder: Path | None) -> Gazetteer:
    """The packaged gazetteer with the rows of `folder`/language/gazetteer/ (a rules
    folder); GazetteerError names the file and line of a bad row."""
    extra = folder / "language" / "gazetteer" if folder else None
    return Gazetteer(extra=extra if extra is not None and extra.is_dir() else None)
