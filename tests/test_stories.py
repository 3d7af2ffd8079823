"""Story rules: when two reports are the same real-world event."""

from __future__ import annotations

import pytest

from warta.analysis import sankey, sparkline
from warta.stories import dates_compatible, dyads, more_precise, quantities_compatible


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
