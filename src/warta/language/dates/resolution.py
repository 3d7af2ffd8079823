"""Calendar arithmetic: a day, month, weekday or count of units resolved against the publication date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


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
# How much later than an inferred publication date (a lower bound: the day before a
# dump's crawl day, the newest date of the lead) the article may really be, for a
# weekday it names. On the train and dev splits, of the bare weekdays such a date
# resolved to six days before it, 5 of 8 were the crawl day itself and none the day
# resolved; of the "Selasa lalu" seven days before it, 2 of 2 (README, `published_basis`).
INFERRED_LATE = timedelta(days=1)


@dataclass(frozen=True)
class Anchor:
    """The publication date relative expressions are resolved against."""

    day: date  # the first day of the month or year when the precision is coarser
    precision: str
    late: timedelta = timedelta(0)  # how much later publication may be (INFERRED_LATE)

    def knows(self, precision: str) -> bool:
        return PRECISION_RANK[self.precision] >= PRECISION_RANK[precision]


Value = tuple[str, str]  # (ISO value, precision)


def day_value(value: date) -> Value:
    return value.isoformat(), "day"


def month_value(year: int, month: int) -> Value:
    return f"{year:04d}-{month:02d}", "month"


def year_value(year: int) -> Value:
    return f"{year:04d}", "year"


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _monday(day: date, weeks: int = 0) -> date:
    return day - timedelta(days=day.weekday()) + timedelta(weeks=weeks)


def shift(anchor: Anchor | None, unit: str, count: int) -> Value | None:
    """The day, month or year `count` units from publication; a week's is its month (see `week` in
    data/language/id/dates.yaml)."""
    needed = "day" if unit in ("day", "week") else unit
    if anchor is None or not anchor.knows(needed):
        return None
    if unit == "day":
        return day_value(anchor.day + timedelta(days=count))
    if unit == "week":  # a week is no day: the month its Thursday falls in, as ISO 8601 assigns weeks
        thursday = _monday(anchor.day, count) + timedelta(days=3)
        return month_value(thursday.year, thursday.month)
    if unit == "month":
        year, month = divmod(anchor.day.year * 12 + anchor.day.month - 1 + count, 12)
        return month_value(year, month + 1)
    return year_value(anchor.day.year + count)


def year_from(anchor: Anchor | None, direction: int) -> int | None:
    """The year of "tahun lalu/ini/depan" from publication."""
    return anchor.day.year + direction if anchor else None


def _place_in_year(reference: date, month: int, day: int, direction: int | None) -> date | None:
    """The date of a day and month written without a year: the latest one up to
    FUTURE_WINDOW after the reference, or on or before it for a last-direction, after
    it (less PUBLICATION_LAG) for a next-direction, in its year for a this-direction.
    Years around the reference are tried so that 29 February finds a leap year."""
    if direction == 0:
        return valid_date(reference.year, month, day)
    if direction is not None and direction > 0:
        earliest = reference - PUBLICATION_LAG
        years = range(earliest.year, earliest.year + 9)
        return next((found for year in years if (found := valid_date(year, month, day)) and found >= earliest), None)
    latest = reference + (FUTURE_WINDOW if direction is None else timedelta(0))
    years = range(latest.year, latest.year - 9, -1)
    return next((found for year in years if (found := valid_date(year, month, day)) and found <= latest), None)


def day_without_year(anchor: Anchor | None, month: int, day: int, direction: int | None) -> Value | None:
    if anchor is None or not anchor.knows("year" if direction == 0 else "day"):
        return None
    found = _place_in_year(anchor.day, month, day, direction)
    return day_value(found) if found else None


def month_without_year(anchor: Anchor | None, month: int, direction: int | None) -> Value | None:
    if anchor is None or not anchor.knows("year" if direction == 0 else "month"):
        return None
    found = _place_in_year(anchor.day.replace(day=1), month, 1, direction)
    return month_value(found.year, found.month) if found else None


def weekday_value(anchor: Anchor | None, weekday: int, direction: int | None, weeks: int | None = None) -> Value | None:
    """A weekday alone is the latest one on or before publication; "lalu" makes it
    strictly before, "depan" strictly after, "ini" in the same week; with a week
    ("Rabu pekan lalu") it is that day of the given week. All count from the latest
    day the article can be of (`Anchor.late`)."""
    if anchor is None or not anchor.knows("day"):
        return None
    today = anchor.day + anchor.late
    if weeks is not None:
        return day_value(_monday(today, weeks) + timedelta(days=weekday - 1))
    back = (today.isoweekday() - weekday) % 7
    if direction is None:
        return day_value(today - timedelta(days=back))
    if direction < 0:
        return day_value(today - timedelta(days=back or 7))
    if direction > 0:
        return day_value(today + timedelta(days=(weekday - today.isoweekday()) % 7 or 7))
    return day_value(_monday(today) + timedelta(days=weekday - 1))


# How far before publication a date may lie to stand for a frame whose weekday and
# numbers disagree (see `weekday_typo`); a day after it allows for a late crawl.
TYPO_WINDOW = timedelta(days=31)


def _month_away(day: date, months: int) -> date | None:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return valid_date(year, month + 1, day.day)


def weekday_typo(anchor: Anchor | None, written: date, weekday: int | None) -> date:
    """The date a frame means when its weekday and numbers disagree: "Sabtu (3/1)" in an
    article of 3 February 2018 (a Saturday) is 3 February, "hari Sabtu (6/3)" of 3 June
    2017 is 3 June (month and day read the other way). The one date that keeps the day
    and has the month one off, or the two numbers swapped, and falls on the weekday within
    TYPO_WINDOW before publication. Failing that, a written date after publication is the
    weekday's last day on or before it: "Selasa (19/9/2019)" in an article of Wednesday 18
    September is Tuesday the 17th (a day number one ahead is the common slip). Else the
    date as written (which number or the weekday is wrong cannot be told: "Jumat
    (27/7/2019)" is Saturday the 27th in its article)."""
    if weekday is None or written.isoweekday() == weekday or anchor is None or not anchor.knows("day"):
        return written
    others = {found for found in (_month_away(written, -1), _month_away(written, 1),
                                  valid_date(written.year, written.day, written.month))
              if found and found.isoweekday() == weekday
              and anchor.day - TYPO_WINDOW <= found <= anchor.day + timedelta(days=1)}
    if len(others) == 1:
        return others.pop()
    if written > anchor.day:
        return anchor.day - timedelta(days=(anchor.day.isoweekday() - weekday) % 7)
    return written


def full_year(digits: str) -> int:
    """A two-digit year: 00-69 are 2000-2069, 70-99 are 1970-1999."""
    year = int(digits)
    if len(digits) == 4:
        return year
    return year + (2000 if year < 70 else 1900)


def day_and_month(first: int, second: int) -> tuple[int, int]:
    """Day/month order is the default; when the second number cannot be a month but
    the first can, the writer used month/day."""
    if second > 12 and first <= 12:
        return second, first
    return first, second
