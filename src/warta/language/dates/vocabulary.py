"""The dates vocabulary (`data/language/*/dates.yaml`), merged and checked, and the `Grammar`:
every pattern compiled from it once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

MAP_KEYS = ("months", "month_abbreviations", "weekdays", "relative_days", "units", "one_units",
            "directions", "count_directions", "numbers", "day_offsets", "offset_directions")
LIST_KEYS = ("vague_counts", "period_parts", "day_nouns", "cues", "range_words", "times_of_day",
             "clock_words", "time_zones", "names", "event_links", "event_nouns", "anaphors", "recent_weekends")
UNITS = ("day", "week", "month", "year")
SP = r"[^\S\n]+"  # spaces inside one line: an expression never spans a line break


@dataclass(frozen=True)
class Vocabulary:
    """Every dates.yaml under `warta/lang`, merged. Map keys are lower case; list
    entries are as written (only `names` is case-sensitive)."""

    maps: dict[str, dict[str, Any]]
    lists: dict[str, frozenset[str]]
    dependent_weekdays: frozenset[str]  # names that are a date only before a full date


def load_vocabulary(files: Iterable[tuple[str, str]] | None = None) -> Vocabulary:
    """Merge (name, YAML text) pairs, the packaged files by default. A bad file raises
    ValueError naming it: an unknown key, an empty group (it would make a regex that
    matches the empty string), a group of the wrong shape, or a word given two
    different values."""
    maps: dict[str, dict[str, Any]] = {key: {} for key in MAP_KEYS}
    lists: dict[str, set[str]] = {key: set() for key in LIST_KEYS}
    dependent: set[str] = set()
    for name, text in _packaged_files() if files is None else files:
        data = yaml.safe_load(text) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{name}: expected a mapping of groups")
        for key, entries in data.items():
            if key == "standalone_weekdays":
                continue
            if key not in MAP_KEYS + LIST_KEYS or not entries:
                raise ValueError(f"{name}: '{key}' is an unknown or empty group")
            if not isinstance(entries, list if key in LIST_KEYS else dict):
                raise ValueError(f"{name}: '{key}' must be a {'list' if key in LIST_KEYS else 'mapping'}")
            if key in LIST_KEYS:
                lists[key].update(map(str, entries))
            else:
                _merge_map(name, key, maps[key], entries)
        if data.get("standalone_weekdays") is False:
            dependent.update(str(word).lower() for word in data.get("weekdays", {}))
    _check(maps, lists)
    return Vocabulary(maps, {key: frozenset(words) for key, words in lists.items()}, frozenset(dependent))


def _packaged_files() -> list[tuple[str, str]]:
    root = resources.files("warta.data").joinpath("language")
    return [(f"data/language/{folder.name}/dates.yaml", folder.joinpath("dates.yaml").read_text("utf-8"))
            for folder in sorted(root.iterdir(), key=lambda entry: entry.name)
            if folder.joinpath("dates.yaml").is_file()]


def _merge_map(name: str, key: str, into: dict[str, Any], entries: dict) -> None:
    for word, value in entries.items():
        word = str(word).lower()
        if into.get(word, value) != value:
            raise ValueError(f"{name}: {key} '{word}' is {value!r} here but {into[word]!r} elsewhere")
        into[word] = value


def _check(maps: dict[str, dict[str, Any]], lists: dict[str, set[str]]) -> None:
    for key in MAP_KEYS + LIST_KEYS:
        if not (maps.get(key) or lists.get(key)):
            raise ValueError(f"dates vocabulary: no language defines '{key}'")
    if set(maps["units"].values()) - set(UNITS):
        raise ValueError(f"dates vocabulary: units must be one of {', '.join(UNITS)}")
    if set(maps["one_units"].values()) - set(maps["units"]):
        raise ValueError("dates vocabulary: every one_units entry must name a unit")


# ---------------------------------------------------------------- regex building


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


NAME_CASES = (_capital, str.upper)  # names: "Juni", "JUNI", never "juni" alone
WORD_CASES = (str.lower, _capital, str.upper)  # ordinary words, also at a sentence start


def _spellings(words: Iterable[str], cases: tuple[Callable[[str], str], ...] = WORD_CASES) -> set[str]:
    return {spell(word) for word in words for spell in cases}


# Start-of-word checks, written after a pattern's first character (a look-behind of
# two: the character before and the first one): in front they would stop `re` from
# skipping ahead on the first character. WORD_START: not inside a word; NUMBER_START:
# not inside a number either ("1,3", "11.000", "2017/18", "0812-3456").
WORD_START = r"(?<!\w.)"
NUMBER_START = r"(?<![\w.,/:-].)"
UNIT_START = r"(?<![\w-].)"  # "tahun-tahun mendatang" is no date
DAY_START = r"(?<![\w.,/:].)"  # a dash may precede a day: "17-18 Mei"


def _alternation(forms: set[str], after_first: str = "") -> str:
    """A regex matching any of the forms, written as a trie ("k(?:emarin(?:[ ]+lusa)?)")
    so that `re` picks the branch by the next character instead of trying every form
    in turn; at each branch point the longer form is tried first ("kemarin lusa"
    before "kemarin"); inner spaces match any spaces of one line. `after_first` goes
    right after the first character (a start-of-word check)."""
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for char in " ".join(form.split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return f"(?:{_trie_regex(trie, after_first)})"


def _trie_regex(node: dict[str, dict], after_first: str = "") -> str:
    branches = [(SP if char == " " else re.escape(char)) + after_first + _trie_regex(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _words(words: Iterable[str], cases: tuple[Callable[[str], str], ...] = WORD_CASES, after_first: str = "") -> str:
    return _alternation(_spellings(words, cases), after_first)


def _backwards(forms: set[str]) -> str:
    """An alternation of the forms spelled backwards, for matching reversed text."""
    return _alternation({form[::-1] for form in forms})


def _backward_words(words: Iterable[str]) -> re.Pattern[str]:
    """One of the words and the spaces after it, matched backwards from a core."""
    return re.compile(rf"{SP}{_backwards(_spellings(words))}(?!\w)")


@lru_cache(maxsize=4096)
def word_key(surface: str) -> str:
    """The vocabulary key of a matched word: lower case, single spaces."""
    return " ".join(surface.lower().split())


class Grammar:
    """The vocabulary and every compiled pattern, built once (see `grammar`)."""

    def __init__(self, vocab: Vocabulary) -> None:
        maps = vocab.maps
        self.vocab = vocab
        self.months = {**maps["month_abbreviations"], **maps["months"]}
        self.abbreviations = set(maps["month_abbreviations"]) - set(maps["months"])
        self.weekdays = maps["weekdays"]
        self.units = maps["units"]
        self.one_units = maps["one_units"]
        self.directions = maps["directions"]
        self.count_directions = maps["count_directions"]
        self.numbers = maps["numbers"]
        self.relative_days = maps["relative_days"]
        # lower case, a weekday name needs "hari" before it ("hari minggu"): alone it may be a word
        self.weekday_forms = {**self.weekdays, **{f"{noun} {name}": number for noun in self._units("day")
                                                  for name, number in self.weekdays.items()}}
        self._compile_cores()
        self._compile_surroundings()
        self._compile_context()

    def _compile_cores(self) -> None:
        """The patterns scanned over the whole text; each begins with a word or a digit."""
        # after a day number a full month name may be lower case ("5 mei"), an abbreviation not
        any_month = _alternation(_spellings(self.vocab.maps["months"]) | _spellings(self.abbreviations, NAME_CASES))
        after_noun = {f"{noun} {name}" for noun in _spellings(self._units("day")) for name in self.weekdays}
        weekdays = _alternation(_spellings(self.weekdays, NAME_CASES) | after_noun, WORD_START)
        directions = _words(self.directions)
        year_noun = _words(self._units("year"))
        # "2020-05-21", "2024-11-21T13:38:00+07:00", "20/11/2024", "(27/3)"; which is which is
        # decided in `_numeric`
        self.numeric = re.compile(
            rf"(?P<a>[0-9]{NUMBER_START}[0-9]{{0,3}})(?P<s>[/.-])(?P<b>[0-9]{{1,2}})"
            rf"(?:(?P=s)(?P<c>[0-9]{{2,4}})(?:T[0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:\.[0-9]+)?)?"
            rf"(?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})?)?)?(?!\w|[.,/:-][0-9])")
        self.day_first = re.compile(
            rf"(?P<d>[0-9]{DAY_START}[0-9]?)(?P<s1>{SP}|-)(?P<mon>{any_month})"
            rf"(?:\.?(?P<s2>{SP}|-)(?P<y>[0-9]{{4}}|[0-9]{{2}})(?![0-9])"
            rf"|{SP}(?:(?P<yn>{year_noun}){SP})?(?P<dir>{directions}))?(?!\w)")
        self.month_first = re.compile(
            rf"(?P<mon>{_words(self.months, NAME_CASES, WORD_START)})"
            rf"(?:\.?{SP}(?P<d>[0-9]{{1,2}}),?{SP}(?P<y>[0-9]{{4}})"
            rf"|\.?{SP}(?:{year_noun}{SP})?(?P<y2>[0-9]{{4}})"
            rf"|{SP}(?:(?P<yn>{year_noun}){SP})?(?P<dir>{directions}))?(?!\w)")
        # names with a date inside ("Pasar Minggu"): matched as written or in capitals
        names = _alternation(_spellings(self.vocab.lists["names"], (str, str.upper)), WORD_START)
        self.names = re.compile(rf"{names}(?!\w)")
        self.reference = re.compile(
            rf"\((?P<y>[0-9]{{4}}),[^\S\n]*(?P<mon>{_words(self.months, NAME_CASES)})\.?{SP}(?P<d>[0-9]{{1,2}})\)")
        self.year = re.compile(rf"(?P<y>[0-9]{NUMBER_START}[0-9]{{3}})(?!\w|[.,:][0-9]|-an\b)")
        self.weekday = re.compile(
            rf"(?P<wd>{weekdays})(?:{SP}(?P<unit>{_words(self._units('week'))}){SP}(?P<wdir>{directions})"
            rf"|{SP}(?P<dir>{directions}))?(?!\w)")
        self.relative_day = re.compile(rf"(?P<w>{_words(self.relative_days, WORD_CASES, WORD_START)})(?!\w)")
        # "bulan lalu", "3 hari yang lalu", "setahun lalu": the unit and its direction are the
        # core, a count before them is looked up backwards (`left_number`, `left_count_words`)
        self.unit_phrase = re.compile(
            rf"(?P<unit>{_words([*self.units, *self.one_units], WORD_CASES, UNIT_START)}){SP}"
            rf"(?P<dir>{_words([*self.directions, *self.count_directions])})(?!\w)")
        # "akhir pekan" with no direction after it: the weekend just past (`_recent_weekend`)
        self.recent_weekend = re.compile(
            rf"(?P<w>{_words(self.vocab.lists['recent_weekends'], WORD_CASES, WORD_START)})"
            rf"(?!{SP}(?:{_words([*self.directions, *self.count_directions])})(?!\w))(?!\w)")
        # a later date of the same range or list lends its year: "Januari-Agustus 2016",
        # "21 Desember atau 22 Desember 2017"
        self.range_end = re.compile(
            rf"(?:[^\S\n]*[-\u2013\u2014][^\S\n]*|{SP}{_words(self.vocab.lists['range_words'])}{SP})"
            rf"(?:(?P<d>[0-9][0-9]?){SP})?(?P<mon>{any_month})\.?{SP}(?P<y>[0-9]{{4}})(?!\w)")

    def _compile_surroundings(self) -> None:
        """The patterns tried around a core: a clock time after it (after a comma, a space,
        or a bar or dash between spaces: "08 Desember 2025 | 21:40 WITA"), and the words that
        may stand before it. Those are matched backwards (see `Context.left`), so each is
        written reversed: spaces first, then the words spelled backwards, then a check
        that no letter precedes them."""
        lists = self.vocab.lists
        self.time = re.compile(
            rf"(?:,?{SP}|,|{SP}[|\-\u2013\u2014]{SP})(?:{_words(lists['clock_words'])}{SP})?(?P<h>[0-9]{{1,2}})[:.](?P<m>[0-9]{{2}})"
            rf"(?:[:.][0-9]{{2}}(?:\.[0-9]+)?)?(?![0-9]|[.:/-][0-9])"  # not the day and month of a date ("- 12.12.2025")
            rf"(?:[^\S\n]*{_words(lists['time_zones'])}(?!\w)|Z|[+-][0-9]{{2}}:?[0-9]{{2}})?")
        # a weekday or a relative day in front of a date it adds nothing to: "Senin (27/3)",
        # "Kamis sore (21/12)", "Kamis, 21 November 2024"; a relative day may stand before the
        # weekday too ("hari ini, Selasa (11/7)", "besok, Rabu (13/9/17)"): the date says which day
        heads = (_spellings(self.weekdays) | _spellings(self.relative_days)
                 | {f"{noun} {name}" for noun in _spellings(self._units("day")) for name in _spellings(self.weekdays)})
        tails = _spellings(lists["times_of_day"]) | _spellings(self.directions)
        relative = _backwards(_spellings(self.relative_days))
        self.left_anchor = re.compile(rf"[^\S\n]*,?(?:{_backwards(tails)}{SP})?{_backwards(heads)}"
                                      rf"(?:[^\S\n]*,?[^\S\n]*{relative})?(?!\w)")
        self.left_number = re.compile(rf"{SP}[0-9.,]*[0-9](?![\w.,])")
        counts = _backwards(_spellings([*self.numbers, *lists["vague_counts"]]))
        self.left_count_words = re.compile(rf"{SP}{counts}(?:{SP}{counts}){{0,3}}+(?!\w)")
        self.left_day_noun = _backward_words(lists["day_nouns"])
        # the first day of a range or list before a day and its month: "6-7 September 2017",
        # "6 hingga 7 Mei", "5 dan 6 September"; not a clock time or a season ("10.05 - 17 Mei")
        range_words = _backwards(_spellings(lists["range_words"]))
        self.left_first_day = re.compile(
            rf"(?:[^\S\n]*[-\u2013\u2014][^\S\n]*|{SP}{range_words}{SP})[0-9]{{1,2}}(?![0-9.,/:])")
        self.left_month_noun = _backward_words(self._units("month"))
        self.left_year_noun = _backward_words(self._units("year"))
        self.left_weekday_noun = _backward_words(self._units("day"))
        self.left_part = _backward_words(lists["period_parts"])
        self.left_cue = _backward_words(lists["cues"])

    def _compile_context(self) -> None:
        """The patterns that tell which event a date belongs to (events/date_place.py):
        a link word and an event noun between a trigger and a later date ("atas serangan"),
        a phrase pointing back at the day before ("saat itu"), and one counting days from
        it ("sehari kemudian": `day_offsets`)."""
        lists = self.vocab.lists
        self.embedded_event = re.compile(
            rf"(?<!\w){_words(lists['event_links'])}{SP}{_words(lists['event_nouns'])}(?!\w)")
        self.anaphor = re.compile(rf"(?<!\w){_words(lists['anaphors'])}(?!\w)")
        self.day_offsets = self.vocab.maps["day_offsets"]
        self.offset_directions = self.vocab.maps["offset_directions"]
        units = [u for u in self.units if self.units[u] in ("day", "week")]
        ones = [one for one, unit in self.one_units.items() if unit in units]
        count = rf"(?:(?P<count>{_words(self.numbers)}|\d{{1,2}}){SP}(?P<unit>{_words(units)})|(?P<one>{_words(ones)}))"
        self.day_offset = re.compile(
            rf"(?<!\w)(?:{_words(self.day_offsets)}|{count}{SP}(?P<direction>{_words(self.offset_directions)}))(?!\w)")
        # what may end right before a count that is then only the last part of a number
        self.count_before = re.compile(
            rf"(?:[0-9][.,/-]|(?<!\w){_words([*self.numbers, *lists['vague_counts'], 'puluh', 'belas', 'ratus'])}{SP})$")

    def offset_days(self, found: re.Match[str]) -> int | None:
        """The days a `day_offset` match counts: "sembilan hari sebelumnya" -9, "sepekan
        kemudian" 7, "keesokan harinya" 1; None when its count ends a longer or vaguer one
        ("dua puluh enam hari kemudian" while that is not a listed number, "2,5 hari",
        "2-3 hari")."""
        if found.group("direction") is None:
            return self.day_offsets[word_key(found.group())]
        if found.group("count") and self.count_before.search(found.string, max(0, found.start() - 40), found.start()):
            return None
        unit = self.one_units[word_key(found.group("one"))] if found.group("one") else word_key(found.group("unit"))
        n = 1 if found.group("one") else self.count(found.group("count"))
        return (n or 0) * (7 if self.units[unit] == "week" else 1) * self.offset_directions[word_key(found.group("direction"))]

    def _units(self, unit: str) -> list[str]:
        return [word for word, meaning in self.units.items() if meaning == unit]

    def month(self, surface: str) -> tuple[int, bool]:
        """Month number of a matched name, and whether it is an abbreviation."""
        word = word_key(surface)
        return self.months[word], word in self.abbreviations

    def count(self, surface: str) -> int | None:
        """The number a count before a unit stands for; None when it is vague
        ("beberapa", "1,5", or "empat puluh lima" while that is not a listed number)."""
        key = word_key(surface)
        if key.isdigit():
            return int(key) if len(key) <= 3 else None
        return self.numbers.get(key)


@cache
def grammar() -> Grammar:
    """The grammar of the packaged vocabulary, built on first use."""
    return Grammar(load_vocabulary())
