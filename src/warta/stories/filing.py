"""Stories: reports of one real-world event, across sentences and documents.

Pure rules: two reports are the same story when they have the same type and dyad
(either order for reciprocal types), compatible dates and compatible quantities.
Conflicting certainty is not a reason to split: it stays visible on the story's
events. `file_event` is the one filing decision: the store calls it for each new
event, and the Spark job calls it for each event of a `story_group`, in input order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

from ..language.entities.keys import country_entity_id
from ..events.plover import ontology
from ..settings import Options


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


@dataclass(frozen=True)
class Story:
    """A story as filing sees it (a row of the stories table)."""

    story_id: str
    event_type: str
    actor_country: str | None
    recipient_country: str | None
    date: str | None
    date_precision: str | None


@dataclass(frozen=True)
class EventReport:
    """What filing needs to know of one event."""

    event_id: str
    event_type: str
    actor_country: str | None
    recipient_country: str | None
    date: str | None
    date_precision: str | None
    quantities: list[dict[str, Any]]
    actor_entity_id: str | None = None
    rule: str | None = None  # the codebook entry that coded it


# The columns of an events row that `event_report` reads: the fields of EventReport.
REPORT_COLUMNS = tuple(f.name for f in fields(EventReport))


def event_report(row: Mapping[str, Any]) -> EventReport:
    """The filing facts of an events row (the store's, or the Spark job's with the same columns)."""
    return EventReport(**{c: json.loads(row[c]) if c == "quantities" else row[c] for c in REPORT_COLUMNS})


def story_group(event_type: str, actor: str | None, recipient: str | None) -> tuple[str, str | None, str | None]:
    """The events an event may share a story with: same type, same dyad (either order
    for reciprocal types). Filing only ever looks inside the group, so groups can be
    filed independently of each other."""
    pair = min(dyads(event_type, actor, recipient), key=lambda p: tuple(country or "" for country in p))
    return event_type, *pair


def file_event(
    event: EventReport,
    stories: Collection[Story],
    reports_of: Callable[[Story], Iterable[EventReport]],
    options: Options,
) -> Story | None:
    """The story `event` reports, among `stories` (its group's, oldest first), or None
    when it starts a new one.

    Stories filed under the event's own (actor, recipient) order come first, then the
    reverse order. A dated event joins the first story with a compatible date whose
    events (`reports_of`) all report quantities that agree with its own. An undated
    one joins only a story that nothing else could be: the one candidate, or else the
    one candidate with an event by the same actor told with the same predicate
    ("Putin mengunjungi Pyongyang", undated, is the visit a dated report tells with
    Putin visiting, when no other candidate has one; Putin sending a letter is not).
    The same holds the other way round, so the order of ingest does not matter: a
    dated event that no dated story takes joins the one undated story with an event
    by the same actor told with the same predicate. A country as actor tells nothing
    apart: the dyad already names it.
    """
    candidates = [
        story for pair in dyads(event.event_type, event.actor_country, event.recipient_country)
        for story in stories
        if story.event_type == event.event_type and (story.actor_country, story.recipient_country) == pair
    ]
    personal = is_personal(event)
    filed_reports: dict[str, list[EventReport]] = {}

    def reports(story: Story) -> list[EventReport]:  # each story's reports read once
        if story.story_id not in filed_reports:
            filed_reports[story.story_id] = list(reports_of(story))
        return filed_reports[story.story_id]

    def told_alike(story: Story) -> bool:
        return any((r.actor_entity_id, r.rule) == (event.actor_entity_id, event.rule) for r in reports(story))

    when = (event.date, event.date_precision)
    if event.date:
        dated = [c for c in candidates if c.date and dates_compatible(when, (c.date, c.date_precision), options)]
        undated = [c for c in candidates if not c.date and personal and told_alike(c)]
        candidates = dated or (undated if len(undated) == 1 else [])
    else:
        if len(candidates) > 1 and personal:
            candidates = [c for c in candidates if told_alike(c)]
        if len(candidates) != 1:
            return None
    return next((c for c in candidates if all(
        quantities_compatible(event.quantities, report.quantities, options) for report in reports(c)
    )), None)


def is_personal(event: EventReport) -> bool:
    """Whether the event's actor tells stories apart: a person or body, not the
    country the dyad already names."""
    return bool(event.actor_entity_id) and event.actor_entity_id != country_entity_id(event.actor_country or "")


def date_window(event: EventReport, options: Options) -> tuple[str, str, list[str]] | None:
    """Where the dated stories `file_event` may file a dated event in lie, as the store
    looks them up: day dates from the first to the second string (inclusive), or a
    month or year date in the list. None for an undated event."""
    span = interval(event.date, event.date_precision)
    if span is None:
        return None
    slack = timedelta(days=options.story_window_days)
    first, last = span[0] - slack, span[1] + slack
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month.isoformat()[:7])
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    years = [str(year) for year in range(first.year, last.year + 1)]
    return first.isoformat(), last.isoformat(), months + years


def summary(reports: Iterable[EventReport]) -> list[EventReport]:
    """Reports that `file_event` decides on as it would on all of `reports`: one per
    (actor, rule), for `told_alike`, the first holding the smallest and the largest
    number of each unit, all that `quantities_compatible` needs. A story's summary stays
    small however many reports it has; `summary([*summary(old), new])` adds one."""
    kept: dict[tuple[str | None, str | None], EventReport] = {}
    extremes: dict[Any, tuple[float, float]] = {}
    for report in reports:
        kept.setdefault((report.actor_entity_id, report.rule), replace(report, quantities=[]))
        for q in report.quantities:
            if q.get("value"):
                low, high = extremes.get(q.get("unit"), (q["value"], q["value"]))
                extremes[q.get("unit")] = (min(low, q["value"]), max(high, q["value"]))
    reports = list(kept.values())
    if reports:
        reports[0] = replace(reports[0], quantities=[{"unit": unit, "value": value} for unit, pair in extremes.items()
                                                     for value in dict.fromkeys(pair)])
    return reports


def filed(story: Story | None, event: EventReport) -> Story:
    """The story once `event` is filed in it: `story` keeping the more precise date, or
    a new story named after the event when `story` is None."""
    when = (event.date, event.date_precision)
    if story is None:
        return Story(event.event_id, event.event_type, event.actor_country, event.recipient_country, *when)
    best = more_precise((story.date, story.date_precision), when)
    return replace(story, date=best[0], date_precision=best[1])
