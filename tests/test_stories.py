"""Story rules: when two reports are the same real-world event."""

from __future__ import annotations

import pytest

from warta.views.query.analysis import sankey, sparkline
from warta.stories.filing import (EventReport, Story, dates_compatible, dyads, file_event, filed, more_precise,
                           quantities_compatible, story_group)


@pytest.mark.parametrize(
    "a, b, same",
    [
        (("2024-11-20", "day"), ("2024-11-21", "day"), True),  # "Rabu" vs the next day's report
        (("2024-11-20", "day"), ("2024-11-25", "day"), False),  # beyond the 3-day window
        (("2024-10", "month"), ("2024-10-28", "day"), True),  # "akhir Oktober" vs a dated report
        (("2024-10", "month"), ("2024-11-02", "day"), False),
        (("2024", "year"), ("2024-06-19", "day"), True),
        (("2023", "year"), ("2024-06-19", "day"), False),
        ((None, None), (None, None), True),
        ((None, None), ("2024-06-19", "day"), False),
    ],
)
def test_stories_dates_compatible(options, a, b, same):
    assert dates_compatible(a, b, options) is same


@pytest.mark.parametrize(
    "a, b, same",
    [
        ([{"unit": "tentara", "value": 11000.0}], [{"unit": "tentara", "value": 10000.0}], True),
        ([{"unit": "tentara", "value": 11000.0}], [{"unit": "tentara", "value": 200.0}], False),
        ([{"unit": "USD", "value": 3.2e8}], [{"unit": "tentara", "value": 11000.0}], True),
        ([], [{"unit": "USD", "value": 1.3e9}], True),
    ],
)
def test_stories_quantities_compatible(options, a, b, same):
    assert quantities_compatible(a, b, options) is same


@pytest.mark.parametrize(
    "event_type, pairs",
    [
        ("AGREE", [("RUS", "PRK"), ("PRK", "RUS")]),  # reciprocal: either order
        ("AID", [("RUS", "PRK")]),  # directed
        ("AGREE", [("RUS", "RUS")]),
    ],
)
def test_stories_dyads(event_type, pairs):
    actor, recipient = pairs[0]
    assert dyads(event_type, actor, recipient) == pairs


@pytest.mark.parametrize(
    "a, b, same",
    [
        (("AGREE", "RUS", "PRK"), ("AGREE", "PRK", "RUS"), True),  # reciprocal: either order
        (("AID", "RUS", "PRK"), ("AID", "PRK", "RUS"), False),
        (("AGREE", "RUS", None), ("AGREE", None, "RUS"), True),
        (("AGREE", "RUS", "PRK"), ("CONSULT", "RUS", "PRK"), False),
    ],
)
def test_stories_group_by_type_and_dyad(a, b, same):
    assert (story_group(*a) == story_group(*b)) is same


def _report(event_id, actor, recipient, date=None, precision=None, quantities=(), by=None, rule="agree.sepakat"):
    return EventReport(event_id, "AGREE", actor, recipient, date, precision, list(quantities), by, rule)


@pytest.mark.parametrize(
    "report, found",
    [
        (_report("e", "PRK", "RUS", "2024-11-21", "day"), "s1"),  # the reverse order, a day later
        (_report("e", "RUS", "PRK", "2024-11", "month"), "s2"),  # own order first
        (_report("e", "RUS", "PRK", "2024-12-30", "day"), None),  # no compatible date: a new story
        (_report("e", "RUS", "PRK"), None),  # undated, two candidates: nothing tells them apart
        (_report("e", "RUS", "PRK", by="putin"), "s2"),  # ... but one has the same actor and predicate
        (_report("e", "RUS", "PRK", by="putin", rule="agree.berjanji"), None),  # same actor, other predicate
        (_report("e", "RUS", "PRK", by="lavrov"), None),  # an actor in neither
        (_report("e", "PRK", "RUS", "2024-11-21", "day", [{"unit": "USD", "value": 9e9}]), "s2"),  # s1: other numbers
    ],
)
def test_stories_file_event(options, report, found):
    stories = [Story("s1", "AGREE", "PRK", "RUS", "2024-11-20", "day"), Story("s2", "AGREE", "RUS", "PRK", "2024-11", "month")]
    filed_events = {"s1": [_report("a", "PRK", "RUS", "2024-11-20", "day", [{"unit": "USD", "value": 1e9}], by="kim")],
                    "s2": [_report("b", "RUS", "PRK", "2024-11", "month", by="putin")]}
    story = file_event(report, stories, lambda s: filed_events[s.story_id], options)
    assert (story.story_id if story else None) == found


@pytest.mark.parametrize(
    "report, found",
    [
        (_report("e", "RUS", "PRK", "2023-09", "month", by="putin"), "u1"),  # no dated story fits; one undated told alike
        (_report("e", "PRK", "RUS", "2023-09", "month", by="putin"), "u1"),  # reciprocal: either order
        (_report("e", "RUS", "PRK", "2023-09", "month", by="lavrov"), None),  # told alike in two undated stories
        (_report("e", "RUS", "PRK", "2023-09", "month", by="putin", rule="agree.berjanji"), None),  # other predicate
        (_report("e", "RUS", "PRK", "2023-09", "month"), None),  # no actor of its own
        (_report("e", "RUS", "PRK", "2019-04-25", "day", by="putin"), "d1"),  # a dated story fits: it comes first
    ],
)
def test_stories_dated_event_joins_an_undated_story_told_alike(options, report, found):
    """Seeds 000 (undated: "pemimpin Korea Utara mengunjungi Rusia") and 003 ("kunjungan
    ... Kim Jong-un ke Moskow pada September 2023") tell one visit, whichever comes first."""
    stories = [Story("u1", "AGREE", "RUS", "PRK", None, None), Story("u2", "AGREE", "RUS", "PRK", None, None),
               Story("u3", "AGREE", "PRK", "RUS", None, None), Story("d1", "AGREE", "RUS", "PRK", "2019-04", "month")]
    filed_events = {"u1": [_report("a", "RUS", "PRK", by="putin")], "u2": [_report("b", "RUS", "PRK", by="lavrov")],
                    "u3": [_report("c", "PRK", "RUS", by="lavrov")], "d1": [_report("d", "RUS", "PRK", "2019-04", "month", by="putin")]}
    story = file_event(report, stories, lambda s: filed_events[s.story_id], options)
    assert (story.story_id if story else None) == found


def test_stories_filed_keeps_the_more_precise_date():
    story = Story("s1", "AGREE", "PRK", "RUS", "2024-11", "month")
    assert filed(story, _report("e", "RUS", "PRK", "2024-11-20", "day")) == Story("s1", "AGREE", "PRK", "RUS", "2024-11-20", "day")
    assert filed(None, _report("e", "RUS", "PRK")) == Story("e", "AGREE", "RUS", "PRK", None, None)


def test_stories_keep_the_more_precise_date():
    assert more_precise(("2024-06", "month"), ("2024-06-19", "day")) == ("2024-06-19", "day")
    assert more_precise(("2024-06-19", "day"), (None, None)) == ("2024-06-19", "day")


def test_stories_sankey_has_no_cycle():
    flows = [{"source": "RUS", "target": "PRK", "resource": "energy"},
             {"source": "PRK", "target": "RUS", "resource": "troops"},
             {"source": "RUS", "target": "PRK", "resource": "energy"}]
    graph = sankey(flows)
    names = [n["name"] for n in graph["nodes"]]
    assert names == ["RUS sends", "PRK receives", "PRK sends", "RUS receives"]
    assert graph["links"] == [{"source": 0, "target": 1, "resource": "energy", "value": 2},
                              {"source": 2, "target": 3, "resource": "troops", "value": 1}]


def test_stories_sparkline():
    assert sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█"
    assert sparkline([]) == ""


def test_stories_summary_decides_as_all_reports(options):
    """Issue 19: filing read every report of a candidate story for every event, so one
    article repeating a sentence filed in quadratic time. `summary` keeps one report per
    (actor, rule) and each unit's extremes; file_event decides the same on it."""
    from warta.stories.filing import EventReport, Story, file_event, summary

    def report(n, value, actor="ent-putin", rule="aid.mengirim"):
        return EventReport(f"e{n}", "AID", "RUS", "PRK", "2024-03-12", "day",
                           [{"unit": "ton", "value": value}], actor, rule)

    story = Story("s1", "AID", "RUS", "PRK", "2024-03-12", "day")
    reports = [report(n, value) for n, value in enumerate([100, 150, 120, 200, 110])]
    assert summary(reports) == [report(0, None).__class__("e0", "AID", "RUS", "PRK", "2024-03-12", "day",
                                                          [{"unit": "ton", "value": 100}, {"unit": "ton", "value": 200}],
                                                          "ent-putin", "aid.mengirim")]
    for value in (60, 80, 300, 301, 1000):  # ratio 3.0 to 100 and 200: 60, 301 and 1000 are other events
        event = report(9, value)
        assert file_event(event, [story], lambda s: summary(reports), options) == \
            file_event(event, [story], lambda s: reports, options)
    assert file_event(report(9, 60), [story], lambda s: summary(reports), options) is None
    assert file_event(report(9, 300), [story], lambda s: summary(reports), options) == story
