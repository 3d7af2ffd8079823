"""Agreement between two independent annotations of the same articles.

Strict event F1 treats one annotation as gold and the other as predicted (it is
symmetric). The other figures are on *aligned* pairs: events of the two annotations in
the same sentence whose trigger spans overlap, each used once (never paired by type,
which would bias kappa). Cohen's kappa is computed on the types of aligned pairs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..scores import Score
from .score import Predicted, bootstrap_f1, score_article


@dataclass
class Agreement:
    articles: int = 0
    events: tuple[int, int] = (0, 0)
    strict: Score = field(default_factory=Score)
    interval: tuple[float, float] = (0.0, 0.0)
    aligned: int = 0
    type_pairs: list[tuple[str, str]] = field(default_factory=list)
    actor: list[int] = field(default_factory=lambda: [0, 0])
    recipient: list[int] = field(default_factory=lambda: [0, 0])
    date: list[int] = field(default_factory=lambda: [0, 0])
    certainty: list[int] = field(default_factory=lambda: [0, 0])
    entities: Score = field(default_factory=Score)
    disagreements: list[str] = field(default_factory=list)


def as_predicted(event: dict[str, Any]) -> Predicted:
    return Predicted(event["type"], tuple(event["sentence"]), (event.get("actor") or {}).get("country"),
                     (event.get("recipient") or {}).get("country"), (event.get("date") or {}).get("value"),
                     event.get("certainty"), tuple(q["value"] for q in event.get("quantities") or []))


def _align(a: list[dict], b: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of events whose triggers overlap (never pairing by type, which would bias kappa)."""
    free, pairs = list(b), []
    for x in a:
        hit = next((y for y in free if x["trigger"]["start"] < y["trigger"]["end"]
                    and y["trigger"]["start"] < x["trigger"]["end"]), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((x, hit))
    return pairs


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two raters' labels."""
    if not pairs:
        return 0.0
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    left, right = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def compare(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> Agreement:
    result = Agreement(articles=len(pairs))
    per_article = []
    n_a = n_b = 0
    for a, b in pairs:
        gold = [e for e in a["events"] if not e.get("negated")]
        other = [e for e in b["events"] if not e.get("negated")]
        n_a, n_b = n_a + len(gold), n_b + len(other)
        counts = score_article(gold, [as_predicted(e) for e in other])
        per_article.append(counts.strict)
        result.strict.add(counts.strict)
        for x, y in _align(gold, other):
            result.aligned += 1
            result.type_pairs.append((x["type"], y["type"]))
            for name, get in (("actor", lambda e: (e.get("actor") or {}).get("country")),
                              ("recipient", lambda e: (e.get("recipient") or {}).get("country")),
                              ("date", lambda e: (e.get("date") or {}).get("value")),
                              ("certainty", lambda e: e.get("certainty"))):
                tally = getattr(result, name)
                tally[0] += get(x) == get(y)
                tally[1] += 1
            if x["type"] != y["type"] or (x.get("actor") or {}).get("country") != (y.get("actor") or {}).get("country"):
                result.disagreements.append(f"{a['doc']} «{x['trigger']['text']}»: {x['type']} "
                                            f"{(x.get('actor') or {}).get('country')}->{(x.get('recipient') or {}).get('country')}"
                                            f" vs {y['type']} {(y.get('actor') or {}).get('country')}->"
                                            f"{(y.get('recipient') or {}).get('country')}")
        spans_a = {(e["start"], e["end"], e["country"]) for e in a["entities"]}
        spans_b = {(e["start"], e["end"], e["country"]) for e in b["entities"]}
        result.entities.true_positives += len(spans_a & spans_b)
        result.entities.gold += len(spans_a)
        result.entities.predicted += len(spans_b)
    result.events = (n_a, n_b)
    result.interval = bootstrap_f1(per_article)
    return result


def _rate(tally: list[int]) -> str:
    return f"{tally[0] / tally[1]:.3f} ({tally[0]}/{tally[1]})" if tally[1] else "-"


def render(result: Agreement) -> str:
    lines = [
        "# Inter-annotator agreement",
        "",
        "Made by `python scripts/corpus.py agreement` from the articles annotated twice by",
        "annotators who did not see each other's work (before adjudication).",
        "",
        f"- articles: {result.articles}; events: {result.events[0]} (first annotation) and {result.events[1]} (second)",
        f"- strict event F1 (type + actor country + recipient country, same sentence): **{result.strict.f1:.3f}**"
        f" (P {result.strict.precision:.3f}, R {result.strict.recall:.3f}; 95 % interval {result.interval[0]:.3f}–{result.interval[1]:.3f})",
        f"- aligned event pairs (overlapping triggers): {result.aligned}",
        f"- Cohen's kappa on type (aligned pairs): **{kappa(result.type_pairs):.3f}**; raw type agreement "
        f"{_rate([sum(x == y for x, y in result.type_pairs), len(result.type_pairs)])}",
        f"- actor country agreement: {_rate(result.actor)}; recipient country: {_rate(result.recipient)}",
        f"- date agreement: {_rate(result.date)}; certainty agreement: {_rate(result.certainty)}",
        f"- entity mentions (span + country): F1 {result.entities.f1:.3f}",
        "",
        "## Disagreements on type or actor country (aligned pairs)",
        "",
    ]
    lines += [f"- {d}" for d in result.disagreements] or ["- none"]
    return "\n".join(lines) + "\n"
