"""Session 18's experiment: can a model learn the date of an event whose sentence names none?

For every gold event of a split whose sentence has no date of its own (`event_dates`) and
no count of days from an earlier one ("Sehari kemudian"), the candidates are the article's
publication day and each other date value it names; a pairwise logistic regression, fitted
on the train split's gold events, ranks them with features of the candidate (distance in
sentences of its nearest mention before and after, rule, basis, place in the lead, how
often it is named, whether the rules' `statement_day` is it, the rules' own choice) and of
the event (type, certainty, cue words of its sentence). It prints, on dev, how often the
publication day, the rules (`_anaphoric`, `statement_day`) and the model at each C pick the
gold date, and the events the model wins and loses against the rules. README, "The
learned coder on news of 2020-2025", says what came of it (it did not ship).

    python scripts/context_date_experiment.py   # about half a minute
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from warta.corpus.format import articles  # noqa: E402
from warta.corpus.splits import load_split  # noqa: E402
from warta.document import Document, Event  # noqa: E402
from warta.events.date_place import FRAME_RULES, _anaphoric, _Context, event_dates, iso_precision, statement_day  # noqa: E402
from warta.language.dates.vocabulary import grammar as date_grammar  # noqa: E402
from warta.settings import load_options  # noqa: E402

CUES = ("sebelumnya", "lalu", "telah", "sudah", "sempat", "akan", "saat ini", "sekarang", "kata", "ujar",
        "mengatakan", "menurut", "tersebut", "kemudian", "hari ini", "dilansir", "melansir")
CUE = {w: re.compile(rf"(?<!\w){w}(?!\w)", re.IGNORECASE) for w in CUES}
QUOTE = re.compile(r'^\s*["“”]')
GRID = (0.03, 0.1, 0.3, 1.0, 3.0)

Candidates = list[tuple[list[str], str]]


def _relation(value: str, published: str | None) -> str:
    """How far before publication a day is, in buckets."""
    if not published or len(published) != 10:
        return "nopub"
    if len(value) != 10:
        return f"prec{len(value)}"
    days = (date.fromisoformat(published) - date.fromisoformat(value)).days
    return "same" if days == 0 else "-1" if days == 1 else "-2..7" if days <= 7 else "-8..31" if days <= 31 \
        else "older" if days > 0 else "after"


def _distance(d: int) -> str:
    a = abs(d)
    return ("-" if d < 0 else "+") + ("1" if a == 1 else "2" if a == 2 else "3-5" if a <= 5 else "6-10" if a <= 10 else "11+")


def _mention(expression, index: int, event_index: int, side: str) -> list[str]:
    features = [side, f"{side}|d={_distance(index - event_index)}", f"{side}|basis={expression.basis}",
                f"{side}|rule={expression.rule}"]
    if expression.rule in FRAME_RULES and expression.text[:1].isalpha():
        features.append(f"{side}|frame")
    if index <= 1:
        features.append(f"{side}|lead")
    return features


def candidates(doc: Document, event: Event, index: int, rule_value: str | None) -> Candidates:
    """(features, value) of each date the event may take."""
    starts = [s.start for s in doc.sentences]
    sentence = doc.sentences[index]
    text = doc.text[sentence.start:sentence.end]
    about = [f"type={event.event_type}", f"cert={event.certainty}", f"lead={min(index, 3)}"]
    about += [f"cue={w}" for w, rx in CUE.items() if rx.search(text)]
    about += ["quote"] if QUOTE.match(text) else []
    about += ["points_back"] if date_grammar().anaphor.search(text) else []
    stated = statement_day(doc)
    by_value = defaultdict(list)
    for x in event_dates((d for d in doc.dates if d.value), doc.published, event.certainty):
        if not sentence.start <= x.start < sentence.end:
            by_value[x.value].append(x)
    top = max(by_value, key=lambda v: len(by_value[v]), default=None)
    values = list(by_value) + ([doc.published] if doc.published and doc.published not in by_value else [])
    found: Candidates = []
    for value in values:
        features = ["rule"] if value == rule_value else []
        if value == doc.published:
            features += ["k=pub", *(f"pub|{f}" for f in about)]
            features += ["pub|stmt_exists"] if stated is not None else []
            features += ["pub|top_other"] if top is not None and top != value else []
        mentions = by_value.get(value, [])
        if mentions:
            features += ["k=expr", f"prec={iso_precision(value)}", f"rel={_relation(value, doc.published)}",
                         f"n={min(len(mentions), 3)}", *(f"expr|{f}" for f in about)]
            placed = [(x, bisect.bisect_right(starts, x.start) - 1) for x in mentions]
            before = [p for p in placed if p[1] < index]
            after = [p for p in placed if p[1] > index]
            features += _mention(*before[-1], index, "bef") if before else []
            features += _mention(*after[0], index, "aft") if after else []
            features += ["in_lead"] if any(i <= 1 for _, i in placed) else []
            features += ["top"] if value == top else []
            features += ["stmt"] if stated is not None and value == stated.value else []
        found.append((features, value))
    return found


def examples(split: str) -> list[tuple[Candidates, str, str | None, str | None]]:
    """(candidates, gold value, publication day, the rules' value) of each gold event of
    `split` whose sentence dates nothing."""
    records = load_split(split)
    docs = {k: a.document for k, a in articles([r["doc"] for r in records], options=load_options(coder="rules")).items()}
    found = []
    for record in records:
        doc = docs[record["doc"]]
        starts = [s.start for s in doc.sentences]
        context, stated = _Context(doc), statement_day(doc)
        for gold in record["events"]:
            if gold.get("negated") or not (gold.get("date") or {}).get("value"):
                continue
            index = bisect.bisect_right(starts, gold["trigger"]["start"]) - 1
            sentence = doc.sentences[index]
            own = [d for d in doc.dates if sentence.start <= d.start and d.end <= sentence.end]
            if event_dates(own, doc.published, gold["certainty"]):
                continue
            event = Event(gold["type"], "gold", sentence.start, sentence.end, gold["trigger"]["start"],
                          gold["trigger"]["end"], certainty=gold["certainty"], date=doc.published,
                          date_basis="publication")
            if context.day_offset(event) is not None:
                continue
            _anaphoric(context, event)
            rule_value = event.date if event.date_basis != "publication" else (stated.value if stated else doc.published)
            found.append((candidates(doc, event, index, rule_value), gold["date"]["value"], doc.published, rule_value))
    return found


def _rows(groups: list) -> list[dict[str, int]]:
    """One row of features per candidate, the groups' candidates in order."""
    return [{f: 1 for f in features} for group, *_ in groups for features, _ in group]


def main() -> None:
    train, dev = examples("train"), examples("dev")
    vectorizer = DictVectorizer()
    x_train, x_dev = vectorizer.fit_transform(_rows(train)), vectorizer.transform(_rows(dev))
    pairs, labels, row = [], [], 0
    for group, gold, *_ in train:  # each right candidate against each wrong one, both ways
        rows = range(row, row + len(group))
        right = [r for r, (_, v) in zip(rows, group) if v == gold]
        for r in (r for r, (_, v) in zip(rows, group) if v != gold) if right else ():
            pairs += [x_train[right[0]] - x_train[r], x_train[r] - x_train[right[0]]]
            labels += [1, 0]
        row += len(group)
    x_pairs = sp.vstack(pairs)
    n = len(dev)
    print(f"{len(train)} train and {n} dev events with no date of their own")
    print(f"dev: publication day {sum(g == p for _, g, p, _ in dev) / n:.3f}, rules {sum(g == r for _, g, _, r in dev) / n:.3f}")
    for c in GRID:
        weights = LogisticRegression(C=c, max_iter=5000, fit_intercept=False).fit(x_pairs, labels).coef_[0]
        scores, row, right, won, lost = x_dev @ weights, 0, 0, 0, 0
        for group, gold, _, rule_value in dev:
            chosen = group[int(np.argmax(scores[row:row + len(group)]))][1]
            row += len(group)
            right += chosen == gold
            won += chosen == gold and rule_value != gold
            lost += chosen != gold and rule_value == gold
        print(f"C={c}: model {right / n:.3f} (against the rules: {won} won, {lost} lost)")


if __name__ == "__main__":
    main()
