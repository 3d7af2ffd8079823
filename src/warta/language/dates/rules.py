"""The rules: one pattern of the `Grammar` and one handler each, turning a match into a candidate `Found`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from .resolution import (Anchor, Value, day_and_month, day_value, day_without_year, full_year, month_value,
                         month_without_year, shift, valid_date, weekday_typo, weekday_value, year_from, year_value)
from .vocabulary import Grammar, grammar, word_key


YEAR_CUE_RANGE = range(1900, 2101)  # a bare number after a cue is a year only in this range
LEFT_WINDOW = 40  # characters before a core that its weekday, noun, part, count or cue may take
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
DIRECTION_NAMES = {-1: "last", 0: "this", 1: "next"}


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
    return Found(start, end, day_value(found), "explicit", rule)


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
        return _stated_day(start, ctx.after_time(end), valid_date(int(a), b, int(c)), "iso")
    day, month = day_and_month(int(a), b)
    weekday = _framed_weekday(ctx, start, m.start() - 1) if in_parens else None
    if c:  # a two-digit year only in parentheses: "(18/8/19)"; bare, it may be anything
        if len(c) == 3 or (len(c) == 2 and not in_parens):
            return None
        found = valid_date(full_year(c), month, day)
        return _stated_day(start, ctx.after_time(end), found and weekday_typo(ctx.anchor, found, weekday), "dmy-numeric")
    if m["s"] != "/" or not in_parens or not valid_date(2000, month, day):  # 2000 is a leap year
        return None
    value = day_without_year(ctx.anchor, month, day, None)
    if value is not None:
        value = day_value(weekday_typo(ctx.anchor, date.fromisoformat(value[0]), weekday))
    return _relative(start, end, value, "dm-numeric")


def _framed_weekday(ctx: Context, start: int, paren: int) -> int | None:
    """The weekday named before a date in parentheses ("Sabtu (3/1)", "hari Minggu (8/1/2018)")."""
    for word in WORD.findall(ctx.text, start, paren):
        number = ctx.g.weekdays.get(word.lower())
        if number:
            return number
    return None


def _day_first(m: re.Match[str], ctx: Context) -> Found | None:
    """"19 Juni 2024", "21 Nov 2024", "10-Sep-19", "17 Mei", "9 Mei lalu"; a range or list
    of days ("6-7 September 2017", "6 hingga 7 Mei", "5 dan 6 September 2019") is its first
    day, the day the event began: the annotated corpus's train split dates 8 of 14 ranges so,
    the others by their month, none by the last day."""
    start, end = m.span()
    if (m["s1"] == "-") != (m["s2"] == "-"):
        return None
    day = int(m["d"])
    first = ctx.left(ctx.g.left_first_day, start)
    first_day = int(re.match("[0-9]+", first).group()) if first else day
    if 1 <= first_day < day:
        day, start = first_day, start - len(first)
    month, _ = ctx.g.month(m["mon"])
    start = ctx.extend(ctx.g.left_anchor, ctx.extend(ctx.g.left_day_noun, start))
    if m["y"]:
        if len(m["y"]) == 2 and m["s2"] != "-":
            return None
        return _stated_day(start, ctx.after_time(end), valid_date(full_year(m["y"]), month, day), "dmy-name")
    if not valid_date(2000, month, day):
        return None
    if m["dir"]:
        direction = ctx.g.directions[word_key(m["dir"])]
        if m["yn"]:  # "22 Januari tahun lalu": that day of last year
            year = year_from(ctx.anchor, direction)
            found = valid_date(year, month, day) if year else None
            value = day_value(found) if found else None
            return _relative(start, end, value, f"dm-of-year-{DIRECTION_NAMES[direction]}")
        return _relative(start, end, day_without_year(ctx.anchor, month, day, direction), "dm-name")
    year = ctx.range_year(end, month, day)
    if year is None:
        return _relative(start, end, day_without_year(ctx.anchor, month, day, None), "dm-name")
    return _stated_day(start, end, valid_date(year, month, day), "dm-range")


def _month_first(m: re.Match[str], ctx: Context) -> Found | None:
    """"November 21, 2024", "Juli 2023", "April tahun lalu", "Mei lalu", "pada Oktober"."""
    start, end = m.span()
    month, abbreviated = ctx.g.month(m["mon"])
    if m["y"]:
        start = ctx.extend(ctx.g.left_anchor, start)
        return _stated_day(start, ctx.after_time(end), valid_date(int(m["y"]), month, int(m["d"])), "mdy-name")
    if abbreviated and not m["y2"]:
        return None
    start, has_part, has_context = ctx.period(start, ctx.g.left_month_noun)
    prefix = "part-" if has_part else ""
    if m["y2"]:
        return Found(start, end, month_value(int(m["y2"]), month), "explicit", prefix + "month-year")
    if m["dir"]:
        direction = ctx.g.directions[word_key(m["dir"])]
        if m["yn"]:  # "April tahun lalu": the month of last year
            year = year_from(ctx.anchor, direction)
            value = month_value(year, month) if year else None
            return _relative(start, end, value, f"{prefix}month-of-year-{DIRECTION_NAMES[direction]}")
        value = month_without_year(ctx.anchor, month, direction)
        return _relative(start, end, value, f"{prefix}month-{DIRECTION_NAMES[direction]}")
    year = ctx.range_year(end, month, 1)
    if year is not None:
        return Found(start, end, month_value(year, month), "explicit", prefix + "month-range")
    if not (has_context or ctx.cued(start)):
        return None
    return _relative(start, end, month_without_year(ctx.anchor, month, None), prefix + "month")


def _reference(m: re.Match[str], ctx: Context) -> Found | None:
    """"(2023, September 12)" as in APA reference lists."""
    month, _ = ctx.g.month(m["mon"])
    return _stated_day(*m.span(), valid_date(int(m["y"]), month, int(m["d"])), "ymd-name")


def _year_number(m: re.Match[str], ctx: Context) -> Found | None:
    """"tahun 2024", "pada 2022", "awal 2024"; a bare number is never a year."""
    start, end = m.span()
    year = int(m["y"])
    if year not in YEAR_CUE_RANGE:
        return None
    start, has_part, has_context = ctx.period(start, ctx.g.left_year_noun)
    if not (has_context or ctx.cued(start)):
        return None
    return Found(start, end, year_value(year), "explicit", "part-year" if has_part else "year")


def _weekday_name(m: re.Match[str], ctx: Context) -> Found | None:
    """"Rabu", "hari Rabu", "hari minggu", "Senin lalu", "Rabu pekan lalu"."""
    start, end = m.span()
    word = word_key(m["wd"])
    if word in ctx.g.vocab.dependent_weekdays:
        return None
    start = ctx.extend(ctx.g.left_weekday_noun, start)
    weekday = ctx.g.weekday_forms[word]
    if m["unit"]:
        weeks = ctx.g.directions[word_key(m["wdir"])]
        return _relative(start, end, weekday_value(ctx.anchor, weekday, None, weeks),
                         f"weekday-week-{DIRECTION_NAMES[weeks]}")
    direction = ctx.g.directions[word_key(m["dir"])] if m["dir"] else None
    rule = "weekday" if direction is None else f"weekday-{DIRECTION_NAMES[direction]}"
    return _relative(start, end, weekday_value(ctx.anchor, weekday, direction), rule)


def _relative_day(m: re.Match[str], ctx: Context) -> Found | None:
    """"kemarin", "hari ini", "besok", "lusa"."""
    return _relative(*m.span(), shift(ctx.anchor, "day", ctx.g.relative_days[word_key(m["w"])]), "relative-day")


def _unit_phrase(m: re.Match[str], ctx: Context) -> Found | None:
    """"bulan lalu", "pekan ini", "akhir tahun ini"; with a count "3 hari yang lalu",
    "dua hari lalu", "setahun lalu", "dua minggu lagi"."""
    start, end = m.span()
    g = ctx.g
    word, direction_word = word_key(m["unit"]), word_key(m["dir"])
    unit = g.units[g.one_units.get(word, word)]
    counted = ctx.left(g.left_number if ctx.text[start - 2: start - 1].isdigit() else g.left_count_words, start)
    if counted or word in g.one_units:
        count = g.count(counted) if counted else 1
        if count is None or direction_word not in g.count_directions:
            # vague ("beberapa tahun lalu") or a duration ("tiga hari ini"): no date, and
            # "tahun lalu" or "hari ini" inside it must not be read as one
            return Found(start - len(counted), end, None, "relative", "no-date", emit=False)
        direction = g.count_directions[direction_word]
        return _relative(start - len(counted), end, shift(ctx.anchor, unit, count * direction),
                         f"count-{unit}-{'ago' if direction < 0 else 'later'}")
    if unit == "day" or direction_word not in g.directions:
        return None
    direction = g.directions[direction_word]
    start, has_part, _ = ctx.period(start, None)
    rule = f"{'part-' if has_part else ''}{unit}-{DIRECTION_NAMES[direction]}"
    return _relative(start, end, shift(ctx.anchor, unit, direction), rule)


def _recent_weekend(m: re.Match[str], ctx: Context) -> Found | None:
    """"serangan akhir pekan": the weekend just past, this week's from its Friday on, else
    last week's (a week resolves to a month, as "akhir pekan lalu" does)."""
    if ctx.anchor is None or not ctx.anchor.knows("day"):
        return None
    return _relative(*m.span(), shift(ctx.anchor, "week", 0 if ctx.anchor.day.weekday() >= 4 else -1),
                     "part-week-recent")


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
        (g.recent_weekend, _recent_weekend),
        (g.weekday, _weekday_name),
        (g.relative_day, _relative_day),
    )
