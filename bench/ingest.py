"""Ingest throughput and peak memory on the news corpus (issue 2).

    .venv/bin/python bench/ingest.py [FILES...] [--limit N]

Ingests the files (default: ../shared/corpus/news/*.jsonl) into a fresh temporary
store in one process, then re-ingests them to time the "adds nothing" path. Prints
documents/s (one core), seconds per stage, and peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from warta import pipeline
from warta.ingest import ingest
from warta.settings import load_options
from warta.store import Store

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"


def timed_stages(totals: Counter) -> tuple[pipeline.Stage, ...]:
    """The real stages, each wrapped to add its wall time to `totals`."""

    def wrap(stage: pipeline.Stage) -> pipeline.Stage:
        def run(doc, options):
            started = time.perf_counter()
            try:
                return stage.run(doc, options)
            finally:
                totals[stage.name] += time.perf_counter() - started

        return pipeline.Stage(stage.name, run, stage.requires, stage.assigns)

    return tuple(wrap(stage) for stage in pipeline.STAGES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=sorted(str(p) for p in NEWS.glob("*.jsonl")))
    args = parser.parse_args()
    options = load_options()
    totals: Counter = Counter()
    pipeline.STAGES = timed_stages(totals)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        first = ingest(args.files, store, options)
        second = ingest(args.files, store, options)
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs: {', '.join(Path(f).name for f in args.files)}")
    print(f"first run : {first.read} read, {first.stored} stored "
          f"({first.statuses['duplicate']} exact, {first.statuses['near-duplicate']} near duplicates), "
          f"{len(first.rejected)} rejected in {first.seconds:.1f} s = {first.read / first.seconds:.1f} documents/s (1 core)")
    print(f"second run: {second.statuses['exists']} already stored, {second.stored} added "
          f"in {second.seconds:.1f} s = {second.read / second.seconds:.0f} documents/s")
    processed = first.read - len([r for r in first.rejected if "JSON" in r.reason])
    for name, seconds in totals.most_common():
        print(f"  stage {name:<12} {seconds:6.1f} s  {processed / seconds if seconds else 0:8.0f} documents/s")
    store_seconds = first.seconds - sum(totals.values())
    print(f"  read+store+dedup {store_seconds:6.1f} s")
    print(f"peak RSS: {peak_mb:.0f} MB")
    reasons = Counter(r.reason.split(" (")[0] for r in first.rejected)
    for reason, n in reasons.most_common(5):
        print(f"  rejected {n:5d}: {reason}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
