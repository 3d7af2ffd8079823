"""Stage 3, dates: date expressions in article text, resolved against the publication date.

The words (month and weekday names, relative words, units, number words) are data
in `warta/data/language/*/dates.yaml`; this package holds only the grammar, so a language is
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

The modules: `vocabulary` (the words, loaded and checked, and every compiled pattern),
`rules` (one handler per pattern, turning a match into a candidate), `resolution`
(calendar arithmetic against the publication date); here, `find_dates` and
`parse_published`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...document import DateExpr
from .resolution import INFERRED_LATE, Anchor, Value, day_value, month_value, valid_date, year_value
from .rules import Context, Found, rules
from .vocabulary import grammar


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


def _anchor(published: str | None, basis: str | None) -> Anchor | None:
    parsed = parse_published(published) if published else None
    if parsed is None:
        return None
    iso, precision = parsed
    year, month, day = (list(map(int, iso.split("-"))) + [1, 1])[:3]
    return Anchor(date(year, month, day), precision, INFERRED_LATE if basis == "inferred" else timedelta(0))


def find_dates(text: str, published: str | None = None, basis: str | None = None) -> list[DateExpr]:
    """Every date expression in `text`, non-overlapping, sorted by start, the longest
    winning. Relative ones are resolved against `published` (an ISO date of any
    precision, or any format `parse_published` reads; `basis` is the document's
    `published_basis`); when it is missing or too coarse they are still returned, with
    value None."""
    ctx = Context(text, _anchor(published, basis), grammar())
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
    found = valid_date(year, int(bare["m"] or 1), int(bare["d"] or 1))
    if year not in PUBLISHED_YEARS or found is None:
        return None
    if bare["d"]:
        return day_value(found)
    return month_value(year, found.month) if bare["m"] else year_value(year)
