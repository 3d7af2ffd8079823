"""Throughput, scaling and memory of the whole pipeline on the news corpus (issue 8).

    .venv/bin/python bench/throughput.py [FILES...] [--limit N] [--workers 2] [--coders rules,linear,model] [--profile OUT.html]

In one run, on the same articles (default: every line of ../shared/corpus/news/*.jsonl):
1. each stage's CPU seconds over every article, as documents/s per core, and the
   whole per-document pipeline (`process`) the same way, once per event coder
   (`--coders`: the rules coder, the learned one without the sentence encoder, and
   the learned one as shipped, with it);
2. the baseline: spaCy's blank Indonesian pipeline with a sentencizer, which only
   tokenises and splits sentences, over the same texts; the ratio of the two is
   the figure to improve;
3. `ingest` end to end (read, process, store with duplicates, entities, events,
   stories and the search index) into a fresh store with 1 worker, then with
   `--workers` processes, wall time each: the speed-up of the parallel writer;
   then the same inputs again (all skipped as already stored);
4. peak resident memory of this process and of the largest worker.

CPU time per stage is this process's own (time.process_time), so it stays honest
on a shared machine; the ingest figures are wall time, so run them on a quiet one.
`--profile` writes a pyinstrument report of step 1 to find the hot spots.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections import Counter
from pathlib import Path

from warta import pipeline
from warta.document import RawInput
from warta.store.ingest import ingest
from warta.read.inputs import read_inputs
from warta.settings import load_options
from warta.store.database import Store

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"


def timed_stages(totals: Counter) -> tuple[pipeline.Stage, ...]:
    """The real stages, each wrapped to add its CPU time to `totals`."""

    def wrap(stage: pipeline.Stage) -> pipeline.Stage:
        def run(doc, options):
            started = time.process_time()
            try:
                return stage.run(doc, options)
            finally:
                totals[stage.name] += time.process_time() - started

        return pipeline.Stage(stage.name, run, stage.requires, stage.assigns)

    return tuple(wrap(stage) for stage in pipeline.STAGES)


# What each name of --coders sets.
CODERS = {"rules": {"coder": "rules"}, "linear": {"coder": "model", "sentence_encoder": False}, "model": {"coder": "model"}}


def stage_rates(inputs: list[RawInput], profile: str | None, coder: str) -> tuple[float, Counter, int]:
    """Process every input once with `coder` (a name of CODERS); CPU seconds in total and per stage, documents kept."""
    options = load_options(**CODERS[coder])
    pipeline.warm_up(options)
    totals: Counter = Counter()
    stages = timed_stages(totals)
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    started = time.process_time()
    kept = sum(1 for raw in inputs if not hasattr(pipeline.process(raw, options, stages), "reason"))
    seconds = time.process_time() - started
    if profiler:
        profiler.stop()
        Path(profile).write_text(profiler.output_html(), encoding="utf-8")
    return seconds, totals, kept


def baseline_rate(texts: list[str]) -> float:
    """Documents/s of spaCy's blank("id") tokeniser + sentencizer, one core."""
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    started = time.process_time()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))
    seconds = time.process_time() - started
    assert sentences > len(texts)
    return len(texts) / seconds


def ingest_wall(files: list[str], workers: int) -> tuple[float, float, float, int]:
    """Wall seconds of a fresh ingest with `workers`, CPU seconds of this process in it
    (with workers: the writer's share), wall seconds of re-ingesting, documents stored."""
    options = load_options()
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "bench.db") as store:
            cpu = time.process_time()
            first = ingest(files, store, options, workers=workers)
            cpu = time.process_time() - cpu
            again = ingest(files, store, options, workers=workers)
    return first.seconds, cpu, again.seconds, first.stored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=sorted(str(p) for p in NEWS.glob("*.jsonl")))
    parser.add_argument("--limit", type=int, help="only the first N articles (a slice file is written)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile", help="write a pyinstrument HTML profile of the stage run here")
    parser.add_argument("--coders", default="rules,linear,model", help="the event coders whose pipeline step 1 times")
    args = parser.parse_args()
    options = load_options()
    inputs = [item for item in read_inputs(args.files, options) if isinstance(item, RawInput)][: args.limit]
    files = args.files
    if args.limit:
        files = [str(Path(tempfile.mkdtemp()) / "slice.jsonl")]
        with open(files[0], "w", encoding="utf-8") as out:
            out.writelines(json.dumps({**raw.fields, raw.kind: raw.payload}, ensure_ascii=False) + "\n" for raw in inputs)
    n = len(inputs)
    print(f"{n} articles from {', '.join(Path(f).name for f in args.files)}")

    for coder in args.coders.split(","):
        seconds, totals, kept = stage_rates(inputs, args.profile, coder)
        print(f"\n1. per-document pipeline, {coder} coder, CPU time on one core ({kept} kept, {n - kept} rejected)")
        for name, spent in sorted(totals.items(), key=lambda item: -item[1]):
            print(f"   {name:<12} {spent:7.1f} s  {n / spent if spent else 0:9.0f} documents/s  {100 * spent / seconds:5.1f} %")
        rate = n / seconds
        print(f"   {'process()':<12} {seconds:7.1f} s  {rate:9.1f} documents/s per core")

    base = baseline_rate([raw.payload for raw in inputs])
    print(f"\n2. baseline spacy.blank('id') + sentencizer: {base:.1f} documents/s per core; "
          f"warta / baseline = {rate / base:.2f}")

    one, _, again, stored = ingest_wall(files, 1)
    many, writer, _, _ = ingest_wall(files, args.workers)
    print(f"\n3. ingest end to end ({stored} stored): 1 worker {one:.1f} s = {n / one:.1f} documents/s; "
          f"{args.workers} workers {many:.1f} s = {n / many:.1f} documents/s; speed-up {one / many:.2f}x; "
          f"the writer's CPU {1000 * writer / n:.1f} ms per document; re-ingest (all skipped) {again:.1f} s")

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n4. peak RSS: this process {own:.0f} MB, largest worker {children:.0f} MB")


if __name__ == "__main__":
    main()
