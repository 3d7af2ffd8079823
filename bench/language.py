"""Language-layer throughput on the news corpus (issue 3).

    .venv/bin/python bench/language.py [FILES...] [--limit N]

Runs the real cleaning stages once, then times each language stage (sentences,
tokens with lemmas and morphology, dates, quantities, entities) over the cleaned
texts on one core, and prints sentences/s, tokens/s and documents/s for each, so
it is plain whether this layer is the bottleneck of ingest.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from warta.language.dates import find_dates
from warta.language.entities import find_mentions
from warta.language.entities.gazetteer import load_gazetteer
from warta.language.quantities import find_quantities
from warta.language.sentences import split_sentences
from warta.language.tokens import tokenize

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"


def texts(files: list[str], limit: int | None) -> list[str]:
    found = []
    for name in files:
        with open(name, encoding="utf-8") as lines:
            found.extend(json.loads(line)["text"] for line in lines if line.strip())
    return found[:limit]


def timed(label: str, function, items, unit_count=None) -> list:
    started = time.process_time()
    results = [function(item) for item in items]
    seconds = time.process_time() - started
    units = unit_count(results) if unit_count else None
    extra = f", {units / seconds:10.0f} {label.split()[-1]}/s" if units is not None else ""
    print(f"  {label:<28} {seconds:6.2f} s CPU  {len(items) / seconds:8.0f} documents/s{extra}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=sorted(str(p) for p in NEWS.glob("*.jsonl")))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    docs = texts(args.files, args.limit)
    load_gazetteer()
    print(f"{len(docs)} documents, {sum(map(len, docs)) / 1e6:.1f} M characters")
    sentences = timed("sentences", split_sentences, docs, lambda r: sum(map(len, r)))
    pairs = list(zip(docs, sentences))
    timed("tokens (+lemma, morphology) tokens", lambda pair: tokenize(*pair), pairs, lambda r: sum(map(len, r)))
    timed("dates", find_dates, docs)
    timed("quantities", find_quantities, docs)
    timed("entities", find_mentions, docs)
    print(f"  sentences: {sum(map(len, sentences))}; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
