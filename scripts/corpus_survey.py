"""Run the current coder over the news corpus once and keep what article selection needs.

Writes build/corpus/survey.jsonl: one line per article with its key, outlet, category,
year, sentence count, the countries its mentions name and the events the rules coder
finds (type, countries, certainty) with and without the NER model. `scripts/corpus.py
select` reads it. Build output only: nothing here is committed.
"""

from __future__ import annotations

import json
import sys
from multiprocessing import Pool
from pathlib import Path

from warta.pipeline import process
from warta.read.inputs import read_jsonl
from warta.settings import load_options

NEWS = Path("../shared/corpus/news")
OPTIONS = {False: load_options(ner_model=False), True: load_options(ner_model=True)}


def summary(doc) -> list[list]:
    return [[e.event_type, e.actor.country if e.actor else None, e.recipient.country if e.recipient else None,
             e.certainty, e.sentence_start] for e in doc.events]


def survey(line: tuple[str, int, bytes]) -> dict | None:
    name, number, data = line
    items = list(read_jsonl(str(NEWS / name), [data], OPTIONS[False], first_line=number))
    if not items or not hasattr(items[0], "payload"):
        return None
    raw = items[0]
    doc = process(raw, OPTIONS[False])
    if not hasattr(doc, "events"):
        return None
    record = raw.fields
    out = {"key": f"{name}#{number}", "outlet": record.get("outlet"), "category": record.get("category"),
           "date": record.get("published") or record.get("crawled"), "language": doc.language,
           "sentences": len(doc.sentences), "chars": len(doc.text),
           "countries": sorted({m.country for m in doc.mentions if m.country}),
           "events": summary(doc)}
    if doc.language == "id" and doc.events:
        other = process(raw, OPTIONS[True])
        out["events_ner"] = summary(other) if hasattr(other, "events") else []
    return out


def lines():
    for name in ("indosum-dev.jsonl", "clickid.jsonl"):
        with open(NEWS / name, "rb") as stream:
            for number, data in enumerate(stream, start=1):
                yield name, number, data


if __name__ == "__main__":
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    Path("build/corpus").mkdir(parents=True, exist_ok=True)
    with open("build/corpus/survey.jsonl", "w") as out, Pool(workers) as pool:
        for n, result in enumerate(pool.imap(survey, lines(), chunksize=20)):
            if result:
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
            if n % 1000 == 0:
                print(n, file=sys.stderr, flush=True)
