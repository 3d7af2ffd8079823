"""Train the learned event coder (src/warta/models/coder.npz) from corpus/.

    python scripts/train_coder.py [--corpus corpus] [--out src/warta/models] [--grid] [--extra FILE ...]
                                  [--recent DIR ...]

Reads the train split to fit and the dev split to choose (regularisation, the trigger
and role thresholds); never the test split. `--extra FILE` adds training records in the
corpus's format that carry their own `text`: the analysts' corrections written by
`warta export corrections` (of a record with `complete: false`, only the sentences it
lists are examples). `--recent DIR` adds a set of recent news (`corpus/recent*`: articles
with gold.tsv, as `scripts/evaluate_recent.py` reads them) to what the sentence and trigger
models learn: its events have types and triggers but no spans of their participants, so
the role, certainty and mode models learn nothing from them. Writes the models and
`coder.report.json` (data sizes, settings, dev scores, the corpus files' checksums).
Deterministic: the same corpus gives the same files on any machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.corpus.format import articles, read_records  # noqa: E402
from warta.corpus.score import score_events  # noqa: E402
from warta.corpus.splits import corpus_folder, load_split, split_path  # noqa: E402
from warta.settings import load_options  # noqa: E402
from warta.events.learned import (ACTOR, NONE, RECIPIENT, CoderModels, LinearModel, code_with_models,  # noqa: E402
                                  role_features, sentence_features, sentence_views, trigger_features)

VERSION = 1
MIN_COUNT = 2  # a feature seen once in training is noise
# A type's positive sentences weigh (the most frequent type's count / its count) ** BALANCE
# more (`type_weights`; the sentence encoder's loss likewise): with 0.5, dev strict F1
# 0.407 against 0.402 for 0 (session 17), and recall of the rare types rises.
BALANCE = 0.5


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def examples(records: list[dict], docs: dict) -> dict[str, list[tuple[list[str], str]]]:
    """(features, label) lists for the four models, from gold records and the rule coder's output."""
    out: dict[str, list[tuple[list[str], str]]] = {"sentence": [], "trigger": [], "role": [], "certainty": [], "mode": []}
    for record in records:
        doc = docs[record["doc"]]
        views = {v.start: v for v in sentence_views(doc, doc.events)}
        if record.get("complete", True) is False:  # only the sentences someone read (corrections)
            read = {s[0] for s in record["sentences"]}
            views = {start: v for start, v in views.items() if start in read}
        gold_by_sentence: dict[int, list[dict]] = {}
        for event in record["events"]:
            gold_by_sentence.setdefault(event["sentence"][0], []).append(event)
        for start, view in views.items():
            told = sorted({event["type"] for event in gold_by_sentence.get(start, [])})
            out["sentence"].append((sentence_features(view), "|".join(told)))
            heads: dict[int, dict] = {}
            for event in gold_by_sentence.get(start, []):
                trigger = event["trigger"]
                k = next((i for i, t in enumerate(view.tokens) if _overlaps(t.start, t.end, trigger["start"], trigger["end"])), None)
                if k is not None and k not in heads:
                    heads[k] = event
            for k, low in enumerate(view.low):
                if not any(ch.isalpha() for ch in low):
                    continue
                feats = trigger_features(view, k)
                event = heads.get(k)
                out["trigger"].append((feats, event["type"] if event else NONE))
                if event is None or event.get("roles") is False:  # a recent set's event: type and trigger only
                    continue
                out["certainty"].append((feats, event["certainty"]))
                out["mode"].append((feats + [f"type={event['type']}"], f"{event['type']}|{event['mode'] or 'none'}"))
                t = view.tokens[k]
                for c, p in enumerate(view.candidates):
                    if _overlaps(p.start, p.end, t.start, t.end):
                        continue
                    label = NONE
                    for role in (ACTOR, RECIPIENT):
                        span = event.get(role)
                        if span and _overlaps(p.start, p.end, span["start"], span["end"]):
                            label = role
                            break
                    out["role"].append((role_features(view, k, event["type"], c), label))
    return out


def fit(data: list[tuple[list[str], str]], c: float) -> LinearModel:
    """A multinomial logistic regression over the examples' feature strings."""
    index, x = _design(data)
    labels = [label for _, label in data]
    classes = sorted(set(labels))
    if len(classes) == 1:  # nothing to decide: a constant model
        return LinearModel(tuple(classes), {}, np.zeros((0, 1), np.float32), np.zeros(1, np.float32))
    model = LogisticRegression(C=c, max_iter=300, tol=1e-4)
    model.fit(x, labels)
    weights = model.coef_.T.astype(np.float32)
    bias = model.intercept_.astype(np.float32)
    if len(model.classes_) == 2:  # sklearn keeps one column for two classes
        weights = np.hstack([-weights / 2, weights / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2], np.float32)
    return _pruned(index, weights, bias, list(model.classes_))


def type_weights(counts: Counter) -> dict[str, float]:
    """How much more a sentence telling each type weighs than one that does not:
    (the most frequent type's count / this type's) ** BALANCE, so that the rare types
    (RETREAT, SANCTION, MOBILIZE: a tenth of ACCUSE's sentences) are not learnt as
    hardly ever told."""
    top = max(counts.values())
    return {kind: (top / n) ** BALANCE for kind, n in counts.items()}


def fit_multilabel(data: list[tuple[list[str], str]], c: float, positive_weight: float = 3.0) -> LinearModel:
    """One binary logistic regression per type over sentences ('|'-joined labels), stacked;
    a positive weighs `positive_weight` times its type's `type_weights`."""
    index, x = _design(data)
    counts = Counter(t for _, label in data for t in label.split("|") if t)
    types, balance = sorted(counts), type_weights(counts)
    columns, biases = [], []
    for kind in types:
        y = np.array([kind in label.split("|") for _, label in data])
        model = LogisticRegression(C=c, max_iter=500, tol=1e-4,
                                   class_weight={False: 1.0, True: positive_weight * balance[kind]})
        model.fit(x, y)
        columns.append(model.coef_[0])
        biases.append(model.intercept_[0])
    weights = np.array(columns, np.float32).T
    return _pruned(index, weights, np.array(biases, np.float32), types)


def _design(data: list[tuple[list[str], str]]) -> tuple[dict[str, int], csr_matrix]:
    counts = Counter(f for feats, _ in data for f in set(feats))
    index = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    rows, cols = [], []
    for r, (feats, _) in enumerate(data):
        for f in set(feats):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    return index, csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(data), len(index)))


def _pruned(index: dict[str, int], weights: np.ndarray, bias: np.ndarray, classes: list[str]) -> LinearModel:
    kept = np.abs(weights).max(axis=1) > 1e-4  # drop features the fit left at zero
    features = sorted(index, key=index.get)
    new_index = {f: i for i, f in enumerate(f for f, keep in zip(features, kept) if keep)}
    return LinearModel(tuple(str(c) for c in classes), new_index, weights[kept], bias)


def corpus_checksums(folder: Path) -> dict[str, str]:
    return {split: hashlib.sha256(split_path(folder, split).read_bytes()).hexdigest() for split in ("train", "dev")}


def extra_records(paths: list[str], options) -> tuple[list[dict], dict]:
    """Records of `--extra` files and their documents: each record's own `text` through
    the stages after cleaning (the text is stored cleaned), with `options`. A record
    whose text no longer splits into the sentences it lists is left out, named."""
    from warta.document import Document
    from warta.pipeline import STAGES

    stages = [s for s in STAGES if s.name in ("language", "sentences", "tokens", "dates", "quantities", "entities", "events")]
    records, docs = [], {}
    for path in paths:
        for n, record in enumerate(read_records(Path(path)), start=1):
            if record.get("split") != "train" or "text" not in record:
                print(f"{path}:{n}: not a training record with its text; left out", file=sys.stderr)
                continue
            key = f"extra:{path}:{n}"
            doc = Document(source=record["doc"], doc_id=record.get("doc_id"), text=record["text"],
                           published=(record.get("published") or {}).get("value"))
            for stage in stages:
                doc = stage.run(doc, options)
            if not {tuple(s) for s in record["sentences"]} <= {(s.start, s.end) for s in doc.sentences}:
                print(f"{path}:{n}: {record['doc']}: its sentences differ from the text's; left out", file=sys.stderr)
                continue
            records.append({**record, "doc": key})
            docs[key] = doc
    return records, docs


def recent_records(folders: list[str], options) -> tuple[list[dict], dict]:
    """Records and documents of recent sets (`--recent`): every sentence of an article read,
    each gold.tsv event on the sentence that holds its snippet, its trigger the first
    occurrence of the trigger's words from the snippet on, with `roles: false`."""
    from evaluate_recent import article, read_gold, read_published

    records, docs = [], {}
    for folder in map(Path, folders):
        published = read_published(folder)
        for name, rows in sorted(read_gold(folder).items()):
            doc = article(folder, name, published, options)
            events = []
            for row in rows:
                sentence = next(s for s in doc.sentences if row["snippet"] in doc.text[s.start:s.end])
                at = doc.text.index(row["snippet"], sentence.start, sentence.end)
                start = doc.text.find(row["trigger"], at, sentence.end)
                start = start if start >= 0 else doc.text.index(row["trigger"], sentence.start, sentence.end)
                events.append({"sentence": [sentence.start, sentence.end], "type": row["type"], "roles": False,
                               "trigger": {"start": start, "end": start + len(row["trigger"]), "text": row["trigger"]}})
            key = f"recent:{folder.name}/{name}"
            records.append({"doc": key, "sentences": [[s.start, s.end] for s in doc.sentences], "events": events})
            docs[key] = doc
    return records, docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--out", default=str(ROOT / "src/warta/models"))
    parser.add_argument("--grid", action="store_true", help="try several regularisation strengths on dev")
    parser.add_argument("--extra", action="append", default=[], metavar="FILE",
                        help="more training records (warta export corrections); may be given again")
    parser.add_argument("--recent", action="append", default=[], metavar="DIR",
                        help="a set of recent news with gold.tsv, for the sentence and trigger models; may be given again")
    args = parser.parse_args()
    started = time.time()
    folder = corpus_folder(args.corpus)
    train, dev = load_split("train", folder), load_split("dev", folder)
    # The rule coder's events are the models' candidates and features, whatever the coder
    # setting says; the entity stage runs as the settings say (ner_model), as it will in use.
    rules = load_options(coder="rules")
    docs = {key: a.document for key, a in articles([r["doc"] for r in train + dev], options=rules).items()}
    extra, extra_docs = extra_records(args.extra, rules)
    if args.extra:
        print(f"extra: {len(extra)} records, {sum(len(r['events']) for r in extra)} events", flush=True)
    recent, recent_docs = recent_records(args.recent, rules)
    if args.recent:
        print(f"recent: {len(recent)} articles, {sum(len(r['events']) for r in recent)} events", flush=True)
    train, docs = train + extra + recent, {**docs, **extra_docs, **recent_docs}
    train_examples, dev_records = examples(train, docs), dev
    known_rules = frozenset([e.rule for r in train for e in docs[r["doc"]].events]
                            + [hit[3] for r in train for hit in docs[r["doc"]].codebook_hits])
    print({k: len(v) for k, v in train_examples.items()}, f"{time.time() - started:.0f} s", flush=True)
    best = None
    grid = [(cs, cr) for cs in (0.3, 1.0) for cr in (0.3, 1.0)] if args.grid else [(0.3, 1.0)]
    fixed = {name: fit(train_examples[name], 1.0) for name in ("trigger", "certainty", "mode")}
    for c_sentence, c_role in grid:
        sentence, role = fit_multilabel(train_examples["sentence"], c_sentence), fit(train_examples["role"], c_role)
        for threshold in (0.2, 0.3, 0.4, 0.5):
            for role_threshold in (0.1, 0.2, 0.3):
                models = CoderModels(sentence, fixed["trigger"], role, fixed["certainty"], fixed["mode"], known_rules, "",
                                     threshold, role_threshold)
                predicted = {r["doc"]: replace(docs[r["doc"]], events=code_with_models(docs[r["doc"]], docs[r["doc"]].events, models))
                             for r in dev_records}
                report = score_events(dev_records, predicted)
                f1 = report.counts.strict.f1
                if best is None or f1 > best[0]:
                    best = (f1, c_sentence, c_role, threshold, role_threshold, sentence, role, report)
        print(f"C sentence {c_sentence} role {c_role}: best dev F1 so far {best[0]:.3f}", flush=True)
    f1, c_sentence, c_role, threshold, role_threshold, sentence, role, report = best
    sums = corpus_checksums(folder)
    for path in args.extra:
        sums[f"extra {path}"] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    for folder in args.recent:
        sums[f"recent {Path(folder).name}"] = hashlib.sha256(b"".join(
            p.read_bytes() for p in sorted(Path(folder).glob("*")) if p.suffix in (".txt", ".tsv"))).hexdigest()
    name = f"learned-coder {VERSION} ({sums['train'][:8]}{' + ' + str(len(extra)) + ' corrected' if extra else ''})"
    models = CoderModels(sentence, fixed["trigger"], role, fixed["certainty"], fixed["mode"], known_rules, name,
                         threshold, role_threshold)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    models.save(out / "coder.npz")
    counts = report.counts
    summary = {
        "model": name, "files": {"coder.npz": (out / "coder.npz").stat().st_size},
        "data": {"train_articles": len(train), "dev_articles": len(dev),
                 "train_events": sum(len(r["events"]) for r in train),
                 "recent": {Path(f).name: sum(len(r["events"]) for r in recent if r["doc"].startswith(f"recent:{Path(f).name}/"))
                            for f in args.recent},
                 "examples": {k: len(v) for k, v in train_examples.items()}, "corpus_sha256": sums},
        "settings": {"C_sentence": c_sentence, "C_trigger": 1.0, "C_role": c_role, "C_certainty": 1.0, "C_mode": 1.0,
                     "sentence_positive_weight": 3.0, "type_balance": BALANCE, "type_threshold": threshold,
                     "role_threshold": role_threshold, "min_feature_count": MIN_COUNT, "grid": grid},
        "dev": {"strict": {"precision": round(counts.strict.precision, 4), "recall": round(counts.strict.recall, 4),
                           "f1": round(counts.strict.f1, 4)},
                "f1_interval": [round(x, 4) for x in report.interval],
                "by_type": {t: round(s.f1, 4) for t, s in sorted(counts.by_type.items())}},
        "seconds": round(time.time() - started),
    }
    (out / "coder.report.json").write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    print(json.dumps(summary["dev"]["strict"]), f"{summary['seconds']} s")


if __name__ == "__main__":
    main()
