"""Stories: reports of one real-world event, across sentences and documents.

Pure rules, used by the store when it files each new event: two reports are the
same story when they have the same type and dyad (either order for reciprocal
types), compatible dates and compatible quantities. Conflicting certainty is not a
reason to split: it stays visible on the story's events.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .plover import ontology
from .settings import Options


def interval(value: str | None, precision: str | None) -> tuple[date, date] | None:
    """The days a date may stand for: one day, a whole month or a whole year."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if precision == "day" and len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) >= 2 and precision in ("day", "month"):
        first = date(parts[0], parts[1], 1)
        return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def dates_compatible(a: tuple[str | None, str | None], b: tuple[str | None, str | None], options: Options) -> bool:
    """Two day-precision dates at most `story_window_days` apart; otherwise the
    month or year of the coarser one must contain the other."""
    left, right = interval(*a), interval(*b)
    if left is None or right is None:
        return left is None and right is None
    slack = timedelta(days=options.story_window_days if a[1] == b[1] == "day" else 0)
    return left[0] <= right[1] + slack and right[0] <= left[1] + slack


def quantities_compatible(a: list[dict[str, Any]], b: list[dict[str, Any]], options: Options) -> bool:
    """False when both report a number of the same unit and they differ by more
    than `quantity_ratio` (then they are different events)."""
    for x in a:
        for y in b:
            if x.get("unit") == y.get("unit") and x.get("value") and y.get("value"):
                ratio = max(x["value"], y["value"]) / min(x["value"], y["value"])
                if ratio > options.quantity_ratio:
                    return False
    return True


def dyads(event_type: str, actor: str | None, recipient: str | None) -> list[tuple[str | None, str | None]]:
    """The (actor, recipient) country pairs a story of this event may be filed under."""
    reciprocal = ontology()["event_types"][event_type].get("reciprocal")
    return [(actor, recipient), (recipient, actor)] if reciprocal and actor != recipient else [(actor, recipient)]


def more_precise(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """The more precise of two (date, precision) pairs; the story keeps it."""
    rank = {"day": 3, "month": 2, "year": 1, None: 0}
    return a if rank[a[1]] >= rank[b[1]] else b
