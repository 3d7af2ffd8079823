"""Date expressions in article text, resolved against the publication date.

The words (month and weekday names, relative words, units, number words) are data
in `warta/data/language/*/dates.yaml`; this module holds only the grammar, so a language is
added by adding its file. The conventions (what a week resolves to, what "akhir
Oktober" means, which year a date without one gets) are documented at the top of
`data/language/id/dates.yaml`.

How it stays linear on a 5 MB article: every rule is one regex, compiled once,
whose match begins with a digit, a parenthesis or a vocabulary word, so `re` skips
ahead on the first character instead of trying each position (a leading optional
group or look-behind would defeat that; start-of-word checks come right after the
first character). What may stand before that core is looked up once the core has
matched, by matching a reversed pattern against the few characters before it,
reversed: a weekday before "(27/3)" ("Senin (27/3)"), a noun ("tanggal", "tahun"),
a period part ("akhir"), a count ("tiga"), a cue ("pada"). No pattern can
backtrack without bound. Candidates of all rules then go through `_select_longest`.

A span includes its nouns and parts ("tahun 2022", "hari Rabu", "akhir Oktober")
and a clock time after a full date, never a cue: "pada 19 Juni 2024" gives
"19 Juni 2024". Precision is None exactly when value is None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from ..document import DateExpr

MAP_KEYS = ("months", "month_abbreviations", "weekdays", "relative_days", "units", "one_units",
            "directions", "count_directions", "numbers")
LIST_KEYS = ("vague_counts", "period_parts", "day_nouns", "cues", "range_words", "times_of_day",
             "clock_words", "time_zones", "names")
UNITS = ("day", "week", "month", "year")
PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
# How far after the publication date a date written without its year may fall. In
# the IndoSum articles nearly every "pada 14 Juli" or "pada Agustus" up to three
# months ahead of publication is an announced event ("akan digelar pada 14 Juli");
# further ahead, last year's is the likelier reading. "(27/3)" datelines fall
# within days either way.
FUTURE_WINDOW = timedelta(days=92)
# How much later than the real publication a metadata date may be (crawl and
# aggregator times): "pada 25 Juli mendatang" in an article crawled on 26 July is
# that 25 July, not next year's.
PUBLICATION_LAG = timedelta(days=3)
YEAR_CUE_RANGE = range(1900, 2101)  # a bare number after a cue is a year only in this range
LEFT_WINDOW = 40  # characters before a core that its weekday, noun, part, count or cue may take
SP = r"[^\S\n]+"  # spaces inside one line: an expression never spans a line break
DIRECTION_NAMES = {-1: "last", 0: "this", 1: "next"}


# ---------------------------------------------------------------- vocabulary


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
def _key(surface: str) -> str:
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
        # a later date of the same range or list lends its year: "Januari-Agustus 2016",
        # "21 Desember atau 22 Desember 2017"
        self.range_end = re.compile(
            rf"(?:[^\S\n]*[-\u2013\u2014][^\S\n]*|{SP}{_words(self.vocab.lists['range_words'])}{SP})"
            rf"(?:(?P<d>[0-9][0-9]?){SP})?(?P<mon>{any_month})\.?{SP}(?P<y>[0-9]{{4}})(?!\w)")

    def _compile_surroundings(self) -> None:
        """The patterns tried around a core: a clock time after it, and the words that
        may stand before it. Those are matched backwards (see `Context.left`), so each is
        written reversed: spaces first, then the words spelled backwards, then a check
        that no letter precedes them."""
        lists = self.vocab.lists
        self.time = re.compile(
            rf"(?:,?{SP}|,)(?:{_words(lists['clock_words'])}{SP})?(?P<h>[0-9]{{1,2}})[:.](?P<m>[0-9]{{2}})"
            rf"(?:[:.][0-9]{{2}}(?:\.[0-9]+)?)?(?![0-9])"
            rf"(?:[^\S\n]*{_words(lists['time_zones'])}(?!\w)|Z|[+-][0-9]{{2}}:?[0-9]{{2}})?")
        # a weekday or a relative day in front of a date it adds nothing to: "Senin (27/3)",
        # "Kamis sore (21/12)", "Kamis, 21 November 2024"
        heads = (_spellings(self.weekdays) | _spellings(self.relative_days)
                 | {f"{noun} {name}" for noun in _spellings(self._units("day")) for name in _spellings(self.weekdays)})
        tails = _spellings(lists["times_of_day"]) | _spellings(self.directions)
        self.left_anchor = re.compile(rf"[^\S\n]*,?(?:{_backwards(tails)}{SP})?{_backwards(heads)}(?!\w)")
        self.left_number = re.compile(rf"{SP}[0-9.,]*[0-9](?![\w.,])")
        counts = _backwards(_spellings([*self.numbers, *lists["vague_counts"]]))
        self.left_count_words = re.compile(rf"{SP}{counts}(?:{SP}{counts}){{0,3}}+(?!\w)")
        self.left_day_noun = _backward_words(lists["day_nouns"])
        self.left_month_noun = _backward_words(self._units("month"))
        self.left_year_noun = _backward_words(self._units("year"))
        self.left_weekday_noun = _backward_words(self._units("day"))
        self.left_part = _backward_words(lists["period_parts"])
        self.left_cue = _backward_words(lists["cues"])

    def _units(self, unit: str) -> list[str]:
        return [word for word, meaning in self.units.items() if meaning == unit]

    def month(self, surface: str) -> tuple[int, bool]:
        """Month number of a matched name, and whether it is an abbreviation."""
        word = _key(surface)
        return self.months[word], word in self.abbreviations

    def count(self, surface: str) -> int | None:
        """The number a count before a unit stands for; None when it is vague
        ("beberapa", "1,5", or "empat puluh lima" while that is not a listed number)."""
        key = _key(surface)
        if key.isdigit():
            return int(key) if len(key) <= 3 else None
        return self.numbers.get(key)


@cache
def grammar() -> Grammar:
    """The grammar of the packaged vocabulary, built on first use."""
    return Grammar(load_vocabulary())


# ---------------------------------------------------------------- resolution


@dataclass(frozen=True)
class Anchor:
    """The publication date relative expressions are resolved against."""

    day: date  # the first day of the month or year when the precision is coarser
    precision: str

    def knows(self, precision: str) -> bool:
        return PRECISION_RANK[self.precision] >= PRECISION_RANK[precision]


Value = tuple[str, str]  # (ISO value, precision)


def _day(value: date) -> Value:
    return value.isoformat(), "day"


def _month(year: int, month: int) -> Value:
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> Value:
    return f"{year:04d}", "year"


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _monday(day: date, weeks: int = 0) -> date:
    return day - timedelta(days=day.weekday()) + timedelta(weeks=weeks)


def _shift(anchor: Anchor | None, unit: str, count: int) -> Value | None:
    """The day, week, month or year `count` units from publication."""
    needed = "day" if unit in ("day", "week") else unit
    if anchor is None or not anchor.knows(needed):
        return None
    if unit == "day":
        return _day(anchor.day + timedelta(days=count))
    if unit == "week":
        return _day(_monday(anchor.day, count))
    if unit == "month":
        year, month = divmod(anchor.day.year * 12 + anchor.day.month - 1 + count, 12)
        return _month(year, month + 1)
    return _year(anchor.day.year + count)


def _year_from(anchor: Anchor | None, direction: int) -> int | None:
    """The year of "tahun lalu/ini/depan" from publication."""
    return anchor.day.year + direction if anchor else None


def _place_in_year(reference: date, month: int, day: int, direction: int | None) -> date | None:
    """The date of a day and month written without a year: the latest one up to
    FUTURE_WINDOW after the reference, or on or before it for a last-direction, after
    it (less PUBLICATION_LAG) for a next-direction, in its year for a this-direction.
    Years around the reference are tried so that 29 February finds a leap year."""
    if direction == 0:
        return _valid(reference.year, month, day)
    if direction is not None and direction > 0:
        earliest = reference - PUBLICATION_LAG
        years = range(earliest.year, earliest.year + 9)
        return next((found for year in years if (found := _valid(year, month, day)) and found >= earliest), None)
    latest = reference + (FUTURE_WINDOW if direction is None else timedelta(0))
    years = range(latest.year, latest.year - 9, -1)
    return next((found for year in years if (found := _valid(year, month, day)) and found <= latest), None)


def _day_without_year(anchor: Anchor | None, month: int, day: int, direction: int | None) -> Value | None:
    if anchor is None or not anchor.knows("year" if direction == 0 else "day"):
        return None
    found = _place_in_year(anchor.day, month, day, direction)
    return _day(found) if found else None


def _month_without_year(anchor: Anchor | None, month: int, direction: int | None) -> Value | None:
    if anchor is None or not anchor.knows("year" if direction == 0 else "month"):
        return None
    found = _place_in_year(anchor.day.replace(day=1), month, 1, direction)
    return _month(found.year, found.month) if found else None


def _weekday(anchor: Anchor | None, weekday: int, direction: int | None, weeks: int | None = None) -> Value | None:
    """A weekday alone is the latest one on or before publication; "lalu" makes it
    strictly before, "depan" strictly after, "ini" in the same week; with a week
    ("Rabu pekan lalu") it is that day of the given week."""
    if anchor is None or not anchor.knows("day"):
        return None
    today = anchor.day
    if weeks is not None:
        return _day(_monday(today, weeks) + timedelta(days=weekday - 1))
    back = (today.isoweekday() - weekday) % 7
    if direction is None:
        return _day(today - timedelta(days=back))
    if direction < 0:
        return _day(today - timedelta(days=back or 7))
    if direction > 0:
        return _day(today + timedelta(days=(weekday - today.isoweekday()) % 7 or 7))
    return _day(_monday(today) + timedelta(days=weekday - 1))


def _full_year(digits: str) -> int:
    """A two-digit year: 00-69 are 2000-2069, 70-99 are 1970-1999."""
    year = int(digits)
    if len(digits) == 4:
        return year
    return year + (2000 if year < 70 else 1900)


def _day_and_month(first: int, second: int) -> tuple[int, int]:
    """Day/month order is the default; when the second number cannot be a month but
    the first can, the writer used month/day."""
    if second > 12 and first <= 12:
        return second, first
    return first, second


# ---------------------------------------------------------------- rules


@dataclass(slots=True)
class Found:
    """A candidate expression; `emit` is False for a vague one ("beberapa tahun lalu")
    that only keeps shorter rules ("tahun lalu") from claiming its words."""

    start: int
    end: int
    value: Value | None
    basis: str
    rule: str
    emit: bool = True


@dataclass
class Context:
    """One `find_dates` call: the text, its publication date and the grammar."""

    text: str
    anchor: Anchor | None
    g: Grammar

    def left(self, pattern: re.Pattern[str], start: int) -> str:
        """The text a backward pattern matches right before `start`, or "". The few
        characters before the core are reversed and matched from their first one, so a
        look-up costs the length of what it finds, not of the window."""
        window = self.text[max(0, start - LEFT_WINDOW): start][::-1]
        found = pattern.match(window)
        if found is None or _wordlike(self.text[start - found.end() - 1: start - found.end()]):
            return ""
        return self.text[start - found.end(): start]

    def extend(self, pattern: re.Pattern[str], start: int) -> int:
        """Where the words a backward pattern finds right before `start` begin."""
        return start - len(self.left(pattern, start))

    def after_time(self, end: int) -> int:
        """The end of a clock time right after a full date, if one follows."""
        found = self.g.time.match(self.text, end)
        if found and int(found["h"]) < 24 and int(found["m"]) < 60:
            return found.end()
        return end

    def period(self, start: int, nouns: re.Pattern[str] | None) -> tuple[int, bool, bool]:
        """Extend left over a noun ("bulan") and a period part ("akhir"); returns the
        new start, whether a part was found and whether either was."""
        with_noun = self.extend(nouns, start) if nouns else start
        with_part = self.extend(self.g.left_part, with_noun)
        return with_part, with_part < with_noun, with_part < start

    def range_year(self, end: int, month: int, day: int) -> int | None:
        """The year that a later date of the same range or list gives ("Januari-Agustus
        2016"), one less when the range crosses New Year ("Desember-Januari 2017")."""
        later = self.g.range_end.match(self.text, end)
        if later is None:
            return None
        later_month, _ = self.g.month(later["mon"])
        return int(later["y"]) - ((month, day) > (later_month, int(later["d"] or 31)))

    def cued(self, start: int) -> bool:
        return self.extend(self.g.left_cue, start) < start


def _wordlike(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def _stated_day(start: int, end: int, found: date | None, rule: str) -> Found:
    """A day the text states in full. An impossible one ("30 Februari 2024") is no
    date, but it keeps its words, so that "Februari 2024" inside it is not one either."""
    if found is None:
        return Found(start, end, None, "explicit", "invalid-date", emit=False)
    return Found(start, end, _day(found), "explicit", rule)


def _relative(start: int, end: int, value: Value | None, rule: str) -> Found:
    return Found(start, end, value, "relative", rule)


def _name(m: re.Match[str], ctx: Context) -> Found:
    """"Pasar Minggu", "Universitas 17 Agustus 1945": no date, and none inside."""
    return Found(*m.span(), None, "explicit", "name", emit=False)


def _numeric(m: re.Match[str], ctx: Context) -> Found | None:
    """"2020-05-21", "20/11/2024", "Rabu (20/11/2024)", "Senin (27/3)", "(18/8/19)"."""
    start, end = m.span()
    text = ctx.text
    in_parens = text[start - 1: start] == "(" and text[end: end + 1] == ")"
    if in_parens:
        start, end = ctx.extend(ctx.g.left_anchor, start - 1), end + 1
    a, b, c = m["a"], int(m["b"]), m["c"]
    if len(a) == 4:  # year-month-day, nothing else starts with a year
        if not c or len(c) != 2:
            return None
        return _stated_day(start, ctx.after_time(end), _valid(int(a), b, int(c)), "iso")
    day, month = _day_and_month(int(a), b)
    if c:  # a two-digit year only in parentheses: "(18/8/19)"; bare, it may be anything
        if len(c) == 3 or (len(c) == 2 and not in_parens):
            return None
        return _stated_day(start, ctx.after_time(end), _valid(_full_year(c), month, day), "dmy-numeric")
    if m["s"] != "/" or not in_parens or not _valid(2000, month, day):  # 2000 is a leap year
        return None
    return _relative(start, end, _day_without_year(ctx.anchor, month, day, None), "dm-numeric")


def _day_first(m: re.Match[str], ctx: Context) -> Found | None:
    """"19 Juni 2024", "21 Nov 2024", "10-Sep-19", "17 Mei", "9 Mei lalu"."""
    start, end = m.span()
    if (m["s1"] == "-") != (m["s2"] == "-"):
        return None
    day = int(m["d"])
    month, _ = ctx.g.month(m["mon"])
    start = ctx.extend(ctx.g.left_anchor, ctx.extend(ctx.g.left_day_noun, start))
    if m["y"]:
        if len(m["y"]) == 2 and m["s2"] != "-":
            return None
        return _stated_day(start, ctx.after_time(end), _valid(_full_year(m["y"]), month, day), "dmy-name")
    if not _valid(2000, month, day):
        return None
    if m["dir"]:
        direction = ctx.g.directions[_key(m["dir"])]
        if m["yn"]:  # "22 Januari tahun lalu": that day of last year
            year = _year_from(ctx.anchor, direction)
            found = _valid(year, month, day) if year else None
            value = _day(found) if found else None
            return _relative(start, end, value, f"dm-of-year-{DIRECTION_NAMES[direction]}")
        return _relative(start, end, _day_without_year(ctx.anchor, month, day, direction), "dm-name")
    year = ctx.range_year(end, month, day)
    if year is None:
        return _relative(start, end, _day_without_year(ctx.anchor, month, day, None), "dm-name")
    return _stated_day(start, end, _valid(year, month, day), "dm-range")


def _month_first(m: re.Match[str], ctx: Context) -> Found | None:
    """"November 21, 2024", "Juli 2023", "April tahun lalu", "Mei lalu", "pada Oktober"."""
    start, end = m.span()
    month, abbreviated = ctx.g.month(m["mon"])
    if m["y"]:
        start = ctx.extend(ctx.g.left_anchor, start)
        return _stated_day(start, ctx.after_time(end), _valid(int(m["y"]), month, int(m["d"])), "mdy-name")
    if abbreviated and not m["y2"]:
        return None
    start, has_part, has_context = ctx.period(start, ctx.g.left_month_noun)
    prefix = "part-" if has_part else ""
    if m["y2"]:
        return Found(start, end, _month(int(m["y2"]), month), "explicit", prefix + "month-year")
    if m["dir"]:
        direction = ctx.g.directions[_key(m["dir"])]
        if m["yn"]:  # "April tahun lalu": the month of last year
            year = _year_from(ctx.anchor, direction)
            value = _month(year, month) if year else None
            return _relative(start, end, value, f"{prefix}month-of-year-{DIRECTION_NAMES[direction]}")
        value = _month_without_year(ctx.anchor, month, direction)
        return _relative(start, end, value, f"{prefix}month-{DIRECTION_NAMES[direction]}")
    year = ctx.range_year(end, month, 1)
    if year is not None:
        return Found(start, end, _month(year, month), "explicit", prefix + "month-range")
    if not (has_context or ctx.cued(start)):
        return None
    return _relative(start, end, _month_without_year(ctx.anchor, month, None), prefix + "month")


def _reference(m: re.Match[str], ctx: Context) -> Found | None:
    """"(2023, September 12)" as in APA reference lists."""
    month, _ = ctx.g.month(m["mon"])
    return _stated_day(*m.span(), _valid(int(m["y"]), month, int(m["d"])), "ymd-name")


def _year_number(m: re.Match[str], ctx: Context) -> Found | None:
    """"tahun 2024", "pada 2022", "awal 2024"; a bare number is never a year."""
    start, end = m.span()
    year = int(m["y"])
    if year not in YEAR_CUE_RANGE:
        return None
    start, has_part, has_context = ctx.period(start, ctx.g.left_year_noun)
    if not (has_context or ctx.cued(start)):
        return None
    return Found(start, end, _year(year), "explicit", "part-year" if has_part else "year")


def _weekday_name(m: re.Match[str], ctx: Context) -> Found | None:
    """"Rabu", "hari Rabu", "hari minggu", "Senin lalu", "Rabu pekan lalu"."""
    start, end = m.span()
    word = _key(m["wd"])
    if word in ctx.g.vocab.dependent_weekdays:
        return None
    start = ctx.extend(ctx.g.left_weekday_noun, start)
    weekday = ctx.g.weekday_forms[word]
    if m["unit"]:
        weeks = ctx.g.directions[_key(m["wdir"])]
        return _relative(start, end, _weekday(ctx.anchor, weekday, None, weeks),
                         f"weekday-week-{DIRECTION_NAMES[weeks]}")
    direction = ctx.g.directions[_key(m["dir"])] if m["dir"] else None
    rule = "weekday" if direction is None else f"weekday-{DIRECTION_NAMES[direction]}"
    return _relative(start, end, _weekday(ctx.anchor, weekday, direction), rule)


def _relative_day(m: re.Match[str], ctx: Context) -> Found | None:
    """"kemarin", "hari ini", "besok", "lusa"."""
    return _relative(*m.span(), _shift(ctx.anchor, "day", ctx.g.relative_days[_key(m["w"])]), "relative-day")


def _unit_phrase(m: re.Match[str], ctx: Context) -> Found | None:
    """"bulan lalu", "pekan ini", "akhir tahun ini"; with a count "3 hari yang lalu",
    "dua hari lalu", "setahun lalu", "dua minggu lagi"."""
    start, end = m.span()
    g = ctx.g
    word, direction_word = _key(m["unit"]), _key(m["dir"])
    unit = g.units[g.one_units.get(word, word)]
    counted = ctx.left(g.left_number if ctx.text[start - 2: start - 1].isdigit() else g.left_count_words, start)
    if counted or word in g.one_units:
        count = g.count(counted) if counted else 1
        if count is None or direction_word not in g.count_directions:
            # vague ("beberapa tahun lalu") or a duration ("tiga hari ini"): no date, and
            # "tahun lalu" or "hari ini" inside it must not be read as one
            return Found(start - len(counted), end, None, "relative", "no-date", emit=False)
        direction = g.count_directions[direction_word]
        return _relative(start - len(counted), end, _shift(ctx.anchor, unit, count * direction),
                         f"count-{unit}-{'ago' if direction < 0 else 'later'}")
    if unit == "day" or direction_word not in g.directions:
        return None
    direction = g.directions[direction_word]
    start, has_part, _ = ctx.period(start, None)
    rule = f"{'part-' if has_part else ''}{unit}-{DIRECTION_NAMES[direction]}"
    return _relative(start, end, _shift(ctx.anchor, unit, direction), rule)


Handler = Callable[[re.Match[str], Context], Found | None]


@cache
def rules() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    """(pattern, handler) in priority order: between two candidates of equal length
    the earlier rule wins, so "Minggu lalu" is last week, not last Sunday."""
    g = grammar()
    return (
        (g.names, _name),
        (g.numeric, _numeric),
        (g.reference, _reference),
        (g.day_first, _day_first),
        (g.month_first, _month_first),
        (g.year, _year_number),
        (g.unit_phrase, _unit_phrase),
        (g.weekday, _weekday_name),
        (g.relative_day, _relative_day),
    )


def _select_longest(candidates: list[tuple[int, Found]]) -> list[Found]:
    """The emitted candidates, sorted by start, that survive overlaps: within each
    cluster of overlapping candidates the longest wins, then the earlier rule, then
    the leftmost. Clusters are settled one by one, so the work stays linear."""
    candidates.sort(key=lambda item: item[1].start)
    kept: list[Found] = []
    cluster: list[tuple[int, Found]] = []
    cluster_end = 0
    for item in candidates:
        if cluster and item[1].start >= cluster_end:
            kept.extend(_settle(cluster))
            cluster = []
        cluster.append(item)
        cluster_end = max(cluster_end, item[1].end)
    kept.extend(_settle(cluster))
    return kept


def _settle(cluster: list[tuple[int, Found]]) -> list[Found]:
    if len(cluster) == 1:
        return [cluster[0][1]] if cluster[0][1].emit else []
    ranked = sorted(cluster, key=lambda item: (item[1].start - item[1].end, item[0], item[1].start))
    chosen: list[Found] = []
    for _, found in ranked:
        if all(found.end <= other.start or other.end <= found.start for other in chosen):
            chosen.append(found)
    return sorted((found for found in chosen if found.emit), key=lambda found: found.start)


def _anchor(published: str | None) -> Anchor | None:
    parsed = parse_published(published) if published else None
    if parsed is None:
        return None
    iso, precision = parsed
    year, month, day = (list(map(int, iso.split("-"))) + [1, 1])[:3]
    return Anchor(date(year, month, day), precision)


# ---------------------------------------------------------------- public API


def find_dates(text: str, published: str | None = None) -> list[DateExpr]:
    """Every date expression in `text`, non-overlapping, sorted by start, the longest
    winning. Relative ones are resolved against `published` (an ISO date of any
    precision, or any format `parse_published` reads); when it is missing or too
    coarse they are still returned, with value None."""
    ctx = Context(text, _anchor(published), grammar())
    candidates = []
    for priority, (pattern, handler) in enumerate(rules()):
        for match in pattern.finditer(text):
            found = handler(match, ctx)
            if found is not None:
                candidates.append((priority, found))
    return [_expression(text, found) for found in _select_longest(candidates)]


def _expression(text: str, found: Found) -> DateExpr:
    value, precision = found.value if found.value else (None, None)
    return DateExpr(found.start, found.end, text[found.start: found.end], value, precision, found.basis, found.rule)


BARE_ISO = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")
# A publication year outside this range is a typo; it would also let date arithmetic
# on relative expressions overflow.
PUBLISHED_YEARS = range(1000, 3000)


def parse_published(value: str) -> tuple[str, str] | None:
    """(ISO value, precision) of a metadata date: "2024-11-21T13:38:00+07:00",
    "10-Sep-19", "September 05, 2019", "16/09/2019", "02 Mei 2019", "Kamis, 21
    November 2024 13:38 WIB", "2024-11", "2024". The first full date in the string
    wins; None when there is none. Never raises."""
    if not isinstance(value, str):
        return None
    bare = BARE_ISO.fullmatch(value.strip())
    if bare:
        return _bare_iso(bare)
    for found in find_dates(value):
        if found.basis == "explicit" and int(found.value[:4]) in PUBLISHED_YEARS:
            return found.value, found.precision
    return None


def _bare_iso(bare: re.Match[str]) -> Value | None:
    """"2024", "2024-11" or "2024-11-21", if it is a real date."""
    year = int(bare["y"])
    found = _valid(year, int(bare["m"] or 1), int(bare["d"] or 1))
    if year not in PUBLISHED_YEARS or found is None:
        return None
    if bare["d"]:
        return _day(found)
    return _month(year, found.month) if bare["m"] else _year(year)
