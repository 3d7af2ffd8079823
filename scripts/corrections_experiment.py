"""Does a retrain that includes analysts' corrections change the learned coder? (issue 20)

    python scripts/corrections_experiment.py [--corrections 50] [--out out/corrections] [--test]

Stores dev-split articles of the corpus in a new store, coded by the shipped model, and
corrects their events there as an analyst would in the browser, through the same store
calls (`store.corrections.correct`): an event the gold does not hold is marked wrong, a
wrong type or actor or recipient is fixed, a missed gold event is added on its
sentence, until `--corrections` corrections are made. Then `warta export corrections`
writes them, `scripts/train_coder.py --extra` retrains with them, and both models are
scored on the dev split (and, with --test, once on the test split). Writes
OUT/report.json. The corrections come from dev, so the dev figures after are not a
fair estimate of the model: they show that the corrections reach it.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.corpus.format import articles  # noqa: E402
from warta.corpus.score import score_events  # noqa: E402
from warta.corpus.splits import load_split  # noqa: E402
from warta.events.learned import CoderModels, code_with_models  # noqa: E402
from warta.settings import load_options  # noqa: E402
from warta.store import corrections  # noqa: E402
from warta.store.database import Store  # noqa: E402
from warta.views.query.records import event_records  # noqa: E402
from warta.views.training import write_training  # noqa: E402

WHO = "experiment (gold of the dev split)"


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _mention(store: Store, doc_id: str, span: dict | None) -> dict | None:
    """The stored mention at (or else overlapping) a gold participant's span."""
    if not span or span.get("start") is None:
        return None
    rows = store.db.execute("SELECT char_start, char_end FROM mentions WHERE doc_id = ? AND char_start < ? AND char_end > ?"
                            " ORDER BY abs(char_start - ?) + abs(char_end - ?)",
                            (doc_id, span["end"], span["start"], span["start"], span["end"])).fetchall()
    return {"mention": [rows[0][0], rows[0][1]]} if rows else None


def correct_document(store: Store, doc_id: str, gold: list[dict], budget: int) -> int:
    """Correct one stored document's events against its gold; returns corrections made."""
    made = 0
    events = list(event_records(store, "e.doc_id = ?", (doc_id,)))
    matched: set[str] = set()
    for e in events:
        if made >= budget:
            return made
        g = next((g for g in gold if g["id"] not in matched
                  and _overlap(e["trigger_start"], e["trigger_end"], g["trigger"]["start"], g["trigger"]["end"])), None)
        if g is None:
            corrections.correct(store, "wrong", WHO, event_id=e["event_id"])
            made += 1
            continue
        matched.add(g["id"])
        changes: dict = {}
        if e["event_type"] != g["type"]:
            changes["event_type"] = g["type"]
        if e["event_type"] != g["type"] or e["mode"] != g["mode"]:
            changes["mode"] = g["mode"]
        for role in ("actor", "recipient"):
            mine = (e[role] or {}).get("country")
            wanted = (g.get(role) or {}).get("country")
            if mine != wanted:
                picked = _mention(store, doc_id, g.get(role))
                if picked or g.get(role) is None:
                    changes[role] = picked
        if e["certainty"] != g["certainty"]:
            changes["certainty"] = g["certainty"]
        try:
            corrections.correct(store, "fix", WHO, event_id=e["event_id"], changes=changes) if changes else \
                corrections.correct(store, "confirm", WHO, event_id=e["event_id"])
        except corrections.CorrectionError:
            continue
        made += bool(changes)
    sentences = {(r[1], r[2]): r[0] for r in store.db.execute(
        "SELECT idx, char_start, char_end FROM sentences WHERE doc_id = ?", (doc_id,))}
    for g in gold:
        if made >= budget:
            break
        if g["id"] in matched or tuple(g["sentence"]) not in sentences:
            continue
        changes = {"event_type": g["type"], "mode": g["mode"], "certainty": g["certainty"],
                   "trigger": [g["trigger"]["start"], g["trigger"]["end"]]}
        for role in ("actor", "recipient"):
            picked = _mention(store, doc_id, g.get(role))
            if picked:
                changes[role] = picked
        try:
            corrections.correct(store, "add", WHO, doc_id=doc_id, sentence=sentences[tuple(g["sentence"])], changes=changes)
        except corrections.CorrectionError as exc:
            print(f"{doc_id}: {exc}", file=sys.stderr)
            continue
        made += 1
    return made


def score(records: list[dict], docs: dict, models: CoderModels) -> dict:
    predicted = {r["doc"]: replace(docs[r["doc"]], events=code_with_models(docs[r["doc"]], docs[r["doc"]].events, models))
                 for r in records}
    report = score_events(records, predicted)
    s = report.counts.strict
    return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
            "f1_interval": [round(x, 4) for x in report.interval],
            "by_type": {t: round(c.f1, 4) for t, c in sorted(report.counts.by_type.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corrections", type=int, default=50)
    parser.add_argument("--out", default=str(ROOT / "out/corrections"))
    parser.add_argument("--test", action="store_true", help="score both models once on the frozen test split too")
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    started = time.time()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    dev = load_split("dev")
    chosen = [r for r in dev if r["events"]]
    random.Random(args.seed).shuffle(chosen)
    db = out / "corrections.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    options = load_options(ner_model=False)  # coder = model: what the analyst sees
    made, used = 0, []
    with Store(db) as store:
        for record in chosen:
            if made >= args.corrections:
                break
            doc = articles([record["doc"]], options=options)[record["doc"]].document
            store.add_document(doc, options)
            made += correct_document(store, doc.doc_id, record["events"], args.corrections - made)
            used.append(record["doc"])
        rows = corrections.log(store)
        extra = out / "corrections.jsonl"
        with open(extra, "wb") as stream:
            written = write_training(store, stream)
    actions = {a: sum(r["action"] == a for r in rows) for a in corrections.ACTIONS}
    print(f"{made} corrections on {len(used)} dev articles ({actions}); {written} records -> {extra}", flush=True)
    models_out = out / "models"
    subprocess.run([sys.executable, str(ROOT / "scripts/train_coder.py"), "--out", str(models_out), "--extra", str(extra)],
                   check=True)
    before, after = CoderModels.load(), CoderModels.load(models_out / "coder.npz")
    rules = load_options(coder="rules", ner_model=False)
    report = {"corrections": made, "actions": actions, "articles": used, "records": written,
              "models": {"before": before.name, "after": after.name}}
    splits = ["dev"] + (["test"] if args.test else [])
    for split in splits:
        records = load_split(split)
        docs = {k: a.document for k, a in articles([r["doc"] for r in records], options=rules).items()}
        report[split] = {"before": score(records, docs, before), "after": score(records, docs, after)}
        rest = [r for r in records if r["doc"] not in set(used)]
        if split == "dev":  # the dev articles no correction came from
            report["dev_uncorrected_articles"] = {"articles": len(rest), "before": score(rest, docs, before),
                                                  "after": score(rest, docs, after)}
        print(split, json.dumps({k: {m: v[m] for m in ("precision", "recall", "f1")} for k, v in report[split].items()}),
              flush=True)
    report["seconds"] = round(time.time() - started)
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(f"-> {out / 'report.json'} ({report['seconds']} s)")


if __name__ == "__main__":
    main()
