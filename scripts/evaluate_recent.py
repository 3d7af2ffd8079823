"""Score the coders on corpus/recent/: 28 articles written for warta in the styles of
Indonesian outlets of 2023-2025, about events of those years (corpus/recent/README.md),
or on another such set with `--folder` (corpus/recent2, recent3 and recent7, development
sets; corpus/recent4, recent5, recent6 and recent8, held out: scored, never read).

    python scripts/evaluate_recent.py [--coder rules|model|both] [--no-rule-dyads] [--folder DIR ...] [-v]

An event of gold.tsv is found when a coded event of its type (the type PLOVER codes, as
`warta evaluate events` scores the corpus: a meeting to come is AGREE) lies in the sentence
that holds its snippet; strictly, when its actor's and recipient's countries are also the
gold's (empty = none). Each coded event matches one gold event at most. Prints, per
coder: events found (sentence and type) and strict precision, recall and F1, and the
dates right of the strictly found events, and with several `--folder`s each set's and all
of them pooled; where a folder has an entities.tsv, the named entities with their
countries as `warta evaluate entities` scores them. With -v, every
miss, every extra event, every wrong date and every name missed or given another country.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.corpus.compile import entity_mentions, occurs  # noqa: E402
from warta.corpus.report import entity_lines  # noqa: E402
from warta.corpus.score import NAMED_SOURCES, score_entities  # noqa: E402
from warta.document import Document, RawInput  # noqa: E402
from warta.events.plover import plover_type  # noqa: E402
from warta.pipeline import process  # noqa: E402
from warta.read.inputs import read_jsonl  # noqa: E402
from warta.settings import Options, load_options  # noqa: E402

FOLDER = ROOT / "corpus" / "recent"


def read_gold(folder: Path) -> dict[str, list[dict[str, str]]]:
    gold: dict[str, list[dict[str, str]]] = defaultdict(list)
    with open(folder / "gold.tsv", encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            gold[row["file"]].append(row)
    return gold


def article(folder: Path, name: str, published: dict[str, str], options: Options) -> Document:
    """The article as a JSONL record would bring it: the first line its title, the
    publication date of published.tsv (when its text gives no full date) as metadata."""
    title, _, body = (folder / name).read_text("utf-8").partition("\n")
    record = {"title": title.strip(), "text": body.strip(), "url": f"file:{name}"}
    if name in published:
        record["published"] = published[name]
    item = next(read_jsonl(name, [json.dumps(record).encode()], options))
    doc = process(item, options) if isinstance(item, RawInput) else item
    if not isinstance(doc, Document):
        sys.exit(f"{folder / name}: rejected ({getattr(doc, 'reason', doc)})")
    return doc


def read_published(folder: Path) -> dict[str, str]:
    """published.tsv: the publication date of each article whose text gives no full date."""
    with open(folder / "published.tsv", encoding="utf-8") as stream:
        return {row["file"]: row["published"] for row in csv.DictReader(stream, delimiter="\t")}


def score(folder: Path, options: Options, verbose: bool) -> tuple[dict[str, int], dict[str, Document]]:
    """The coder's counts on the folder's gold events, and the documents it made."""
    gold = read_gold(folder)
    docs = {}
    published = read_published(folder)
    counts = {"gold": 0, "coded": 0, "typed": 0, "strict": 0, "dated": 0}
    for name, events in sorted(gold.items()):
        doc = docs[name] = article(folder, name, published, options)
        coded = [{"sentence": doc.text[e.sentence_start:e.sentence_end], "type": plover_type(e.event_type, e.certainty),
                  "actor": (e.actor and e.actor.country) or "", "recipient": (e.recipient and e.recipient.country) or "",
                  "date": e.date or "", "used": False} for e in doc.events]
        counts["gold"] += len(events)
        counts["coded"] += len(coded)
        # strict matches first, so that a loose one never takes the event a later gold row matches strictly
        unmatched = []
        for g in events:
            hit = next((c for c in coded if not c["used"] and g["snippet"] in c["sentence"] and c["type"] == g["type"]
                        and (c["actor"], c["recipient"]) == (g["actor_country"], g["recipient_country"])), None)
            if hit is None:
                unmatched.append(g)
                continue
            hit["used"] = True
            counts["typed"] += 1
            counts["strict"] += 1
            counts["dated"] += hit["date"] == g["date"]
            if verbose and hit["date"] != g["date"]:
                print(f"  date   {name[:14]:14} {g['type']:9} {hit['date'] or '-'} for {g['date'] or '-'} | {g['snippet']}")
        for g in unmatched:
            hit = next((c for c in coded if not c["used"] and g["snippet"] in c["sentence"] and c["type"] == g["type"]), None)
            if hit is not None:
                hit["used"] = True
                counts["typed"] += 1
            if verbose:
                found = f"coded {hit['actor']}->{hit['recipient']}" if hit else ""
                print(f"  {'roles ' if hit else 'missed'} {name[:14]:14} {g['type']:9} "
                      f"{g['actor_country']}->{g['recipient_country']} {found} | {g['snippet']}")
        if verbose:
            for c in coded:
                if not c["used"]:
                    print(f"  extra  {name[:14]:14} {c['type']:9} {c['actor']}->{c['recipient']} | {c['sentence'][:80]}")
    return counts, docs


def score_names(folder: Path, docs: dict[str, Document], verbose: bool) -> list[str]:
    """The named mentions of the documents against entities.tsv (each distinct surface
    form of an article once, with its type and country), as `warta evaluate entities`
    scores the corpus: every whole-word occurrence of a form is a gold mention."""
    listed: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    with open(folder / "entities.tsv", encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            listed[row["file"]].append({"text": row["text"], "type": row["type"], "country": row["country"] or None})
    records, dropped = [], []
    for name, forms in sorted(listed.items()):
        if name not in docs:
            continue
        # a form of a line cleaning removed ("Sumber: Reuters, Al Jazeera") is no mention of the stored text
        kept = []
        for form in forms:
            if occurs(docs[name].text, str(form["text"])):
                kept.append(form)
            else:
                dropped.append(f"{name}: {form['text']}")
        records.append({"doc": name, "entities": entity_mentions(docs[name].text, kept, f"{folder / 'entities.tsv'}: {name}")})
    if dropped:
        print(f"entities.tsv: {len(dropped)} forms not in the stored text (a line cleaning removed): {'; '.join(dropped)}")
    if verbose:
        for record in records:
            found = {(m.start, m.end): m for m in docs[record["doc"]].mentions if m.source in NAMED_SOURCES}
            for e in record["entities"]:
                m = found.get((e["start"], e["end"]))
                if m is None or m.country != e["country"]:
                    print(f"  name   {record['doc'][:14]:14} {e['text']} {e['country'] or '-'}: "
                          + (f"{m.country or '-'} ({m.country_basis})" if m else "not found"))
    return entity_lines(score_entities(records, docs), f"named entities, {len(records)} articles")


def f1(right: int, coded: int, gold: int) -> tuple[float, float, float]:
    precision, recall = right / max(coded, 1), right / max(gold, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def counts_line(label: str, c: dict[str, int]) -> str:
    _, _, typed = f1(c["typed"], c["coded"], c["gold"])
    p, r, strict = f1(c["strict"], c["coded"], c["gold"])
    return (f"{label} gold {c['gold']} coded {c['coded']} | sentence and type F1 {typed:.3f} | "
            f"strict P {p:.3f} R {r:.3f} F1 {strict:.3f} | dates {c['dated']}/{c['strict']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coder", choices=("rules", "model", "both"), default="both")
    parser.add_argument("--no-rule-dyads", action="store_true", help="the model coder without the rule coder's dyads")
    parser.add_argument("--folder", type=Path, action="append",
                        help="a set of recent news (default corpus/recent); given again, each set and all of them pooled")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    folders = args.folder or [FOLDER]
    for coder in ("rules", "model") if args.coder == "both" else (args.coder,):
        options = load_options(coder=coder, rule_dyads=False if args.no_rule_dyads else None)
        pooled: dict[str, int] = defaultdict(int)
        docs = {}
        for folder in folders:
            c, docs[folder] = score(folder, options, args.verbose)
            print(counts_line(f"{coder:6}" + (f" {folder.name:8}" if len(folders) > 1 else ""), c))
            for key, value in c.items():
                pooled[key] += value
        if len(folders) > 1:
            print(counts_line(f"{coder:6} {'pooled':8}", pooled))
    for folder in folders:  # the entity stage is the same whichever coder ran last
        if (folder / "entities.tsv").exists():
            print("\n".join(score_names(folder, docs[folder], args.verbose)))


if __name__ == "__main__":
    main()
