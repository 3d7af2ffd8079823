"""Throughput of the trained NER model and of the entity stage with and without it (issue 5).

    .venv/bin/python bench/ner.py [FILES...] [--limit N]

Times, on one core (process CPU time), over the news corpus:
- `find_model_mentions` alone: tokens/s (tokens as the model's tokenizer counts them);
- `find_mentions(text)` (rules only) and `find_mentions(text, model=True)`: documents/s.
Models are loaded before timing starts.
"""

from __future__ import annotations

import argparse
import time

from warta.language.entities import find_mentions
from warta.language.entities.gazetteer import load_gazetteer
from warta.language.ner import find_model_mentions, load_model
from warta.language.tagger import tokenize

from language import NEWS, texts  # the corpus reader of bench/language.py, same folder

def timed(function, items) -> tuple[list, float]:
    started = time.process_time()
    results = [function(item) for item in items]
    return results, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", default=[str(NEWS / "indosum-dev.jsonl")])
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()
    docs = texts(args.files, args.limit)
    load_gazetteer(), load_model()
    find_mentions("Presiden Rusia Vladimir Putin", model=True)
    tokens = sum(len(tokenize(t)) for t in docs)
    print(f"{len(docs)} documents, {tokens} tokens, {sum(map(len, docs)) / 1e6:.1f} M characters")

    mentions, seconds = timed(find_model_mentions, docs)
    print(f"NER model alone        {tokens / seconds:10,.0f} tokens/s  {len(docs) / seconds:8,.0f} docs/s  "
          f"({sum(map(len, mentions))} spans)")  # fmt: skip
    for label, model in (("entities, rules only", False), ("entities, rules+model", True)):
        mentions, seconds = timed(lambda t, m=model: find_mentions(t, model=m), docs)
        print(f"{label:<22} {tokens / seconds:10,.0f} tokens/s  {len(docs) / seconds:8,.0f} docs/s  "
              f"({sum(map(len, mentions))} mentions)")  # fmt: skip


if __name__ == "__main__":
    main()
