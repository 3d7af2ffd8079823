"""Plain-text reports of corpus scores, as `warta evaluate events|entities --split` prints them.

The overall F1 with its 95 % interval is always the last line, so scripts can read it.
"""

from __future__ import annotations

from ..document import COUNTRY_BASES
from ..scores import Score
from .score import NONE, EntityReport, EventReport


def _prf(score: Score) -> str:
    return f"{score.precision:.3f}  {score.recall:.3f}  {score.f1:.3f}"


def _rate(tally: list[int]) -> str:
    return f"{tally[0] / tally[1]:.3f} ({tally[0]}/{tally[1]})" if tally[1] else "- (0/0)"


def event_lines(report: EventReport, title: str) -> list[str]:
    counts = report.counts
    lines = [title, f"{'type':<10} {'gold':>5} {'pred':>5} {'right':>5}  prec   rec    F1"]
    for kind, score in sorted(counts.by_type.items()):
        lines.append(f"{kind:<10} {score.gold:>5} {score.predicted:>5} {score.true_positives:>5}  {_prf(score)}")
    lines += [
        "",
        f"on events matched by sentence and type: actor country {_rate(counts.actor)}, recipient country {_rate(counts.recipient)}",
        f"on strictly matched events: date {_rate(counts.date)}, certainty {_rate(counts.certainty)}, "
        f"quantities {_rate(counts.quantity)} (events with a gold quantity)",
        "",
        "type confusion (rows gold, columns predicted, '-' none; sentence-overlapping pairs):",
    ]
    kinds = sorted({g for g, _ in counts.confusion} | {p for _, p in counts.confusion} - {NONE}) + [NONE]
    kinds = [k for k in dict.fromkeys(kinds)]
    short = {k: k[:4] for k in kinds}
    lines.append(" " * 10 + "".join(f"{short[k]:>5}" for k in kinds))
    for g in kinds:
        row = [counts.confusion.get((g, p), 0) for p in kinds]
        if any(row):
            lines.append(f"{g:<10}" + "".join(f"{n or '.':>5}" for n in row))
    s = counts.strict
    lines += ["", f"{report.articles} articles; events: gold {s.gold}, predicted {s.predicted}, correct {s.true_positives}",
              f"strict precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f} "
              f"(95% interval {report.interval[0]:.3f}-{report.interval[1]:.3f})"]
    return lines


def entity_lines(report: EntityReport, title: str) -> list[str]:
    lines = [title, f"{'type':<10} {'gold':>5} {'pred':>5} {'right':>5}  prec   rec    F1   (span and country)"]
    for kind, score in sorted(report.by_type.items()):
        lines.append(f"{kind:<10} {score.gold:>5} {score.predicted:>5} {score.true_positives:>5}  {_prf(score)}")
    bases = [b for b in (*COUNTRY_BASES, "none") if b in report.by_basis]
    lines += ["", f"span only: {_prf(report.span)}; span and type: {_prf(report.typed)}",
              "country right on matched spans, by what gave it: " + ", ".join(
                  f"{b} {report.by_basis[b][0] / report.by_basis[b][1]:.3f} ({report.by_basis[b][1]})" for b in bases),
              f"{report.articles} articles; mentions: gold {report.name_country.gold}, predicted {report.name_country.predicted}",
              f"name+country precision {report.name_country.precision:.3f}  recall {report.name_country.recall:.3f}  "
              f"F1 {report.name_country.f1:.3f} (95% interval {report.interval[0]:.3f}-{report.interval[1]:.3f})"]
    return lines
