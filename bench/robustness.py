"""Issue 19's figures, each from a real `warta` process (never timed tests):

    .venv/bin/python bench/robustness.py startup
    .venv/bin/python bench/robustness.py stories [--kb 9500]      # the repeated-sentence article
    .venv/bin/python bench/robustness.py line [--mb 10]           # one long JSONL line, peak memory
    .venv/bin/python bench/robustness.py writes [--lines 3000]    # bytes written vs the store's size
    .venv/bin/python bench/robustness.py writes --lines 0         # the same for the whole news corpus

startup: best and median of 12 wall (and CPU) times of `warta --help`.
stories: one article repeating a same-dyad sentence ("Rusia mengecam Korea Utara ..."),
  up to --kb kilobytes, ingested into a new store: wall and CPU seconds, events and
  stories stored.
line: one JSONL line whose text is --mb megabytes of varied prose (the news corpora's
  articles one after another, IndoSum then CLICK-ID, paragraphs kept; under the 10 MB
  limit): wall and CPU seconds and the peak resident memory of the process.
writes: the first --lines lines of ../shared/corpus/news/indosum-dev.jsonl (--lines 0:
  every line of every ../shared/corpus/news/*.jsonl, 13,208 articles) ingested
  (--workers, 1) into a new store: bytes the process wrote to disk (/proc/PID/io
  write_bytes, with its children) against the store's final size (file + WAL).
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WARTA = str(Path(sys.executable).with_name("warta"))
NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
SENTENCE = "Rusia mengecam Korea Utara atas uji coba rudal balistik pada Senin. "  # two events, one dyad


def run(args: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess, dict[str, int]]:
    """Wall seconds, the result, and the child's peak memory (kB) and bytes written."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    written = 0
    while process.poll() is None:  # the last io reading before it exits
        try:
            with open(f"/proc/{process.pid}/io") as io:
                written = int(next(line for line in io if line.startswith("write_bytes")).split()[1])
        except (OSError, StopIteration):
            pass
        time.sleep(0.05)
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.CompletedProcess(args, process.returncode, out, err)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, result, {"peak_kb": after.ru_maxrss, "written": written, "cpu": cpu,
                             "oublock": (after.ru_oublock - before.ru_oublock) * 512}


def startup() -> None:
    runs = [run([WARTA, "--help"]) for _ in range(12)]
    walls, cpus = sorted(r[0] for r in runs), sorted(r[2]["cpu"] for r in runs)
    print(f"warta --help: wall best {walls[0]:.3f} s, median {walls[6]:.3f} s; CPU best {cpus[0]:.3f} s,"
          f" median {cpus[6]:.3f} s")


def ingested(path: Path, folder: str, tables: tuple[str, ...]) -> str:
    """Ingest `path` into FOLDER/x.db with one worker: exit status, time, peak memory and the rows of `tables`."""
    seconds, result, usage = run([WARTA, "ingest", str(path), "--db", f"{folder}/x.db", "-q", "--workers", "1"])
    with sqlite3.connect(f"{folder}/x.db") as db:
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    return (f"exit {result.returncode}, {seconds:.1f} s (CPU {usage['cpu']:.1f} s), peak {usage['peak_kb'] / 1000:.0f} MB;"
            f" stored {counts} {result.stderr.strip()[:200]}")


def stories(kb: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "repeat.txt"
        article.write_text("Rusia kecam Korea Utara\n\n" + SENTENCE * (kb * 1000 // len(SENTENCE.encode())), "utf-8")
        print(f"stories: {article.stat().st_size / 1e6:.2f} MB article, "
              + ingested(article, folder, ("sentences", "events", "stories")))


def prose(mb: float) -> str:
    """The news corpora's article texts one after another, up to `mb` megabytes (UTF-8)."""
    texts, size = [], 0
    for name in ("indosum-dev.jsonl", "clickid.jsonl"):
        with open(NEWS / name, encoding="utf-8") as lines:
            for row in lines:
                text = json.loads(row)["text"]
                size += len(text.encode()) + 2
                if size > mb * 1e6:
                    return "\n\n".join(texts)
                texts.append(text)
    return "\n\n".join(texts)


def line(mb: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "line.jsonl"
        record = {"text": prose(mb), "url": "https://example.org/one-line", "title": "Satu baris"}
        while len(json.dumps(record).encode()) >= 10_000_000:  # under max_document_bytes with its escapes
            record["text"] = record["text"][:record["text"].rindex("\n\n")]
        path.write_text(json.dumps(record) + "\n", "utf-8")
        print(f"line: {path.stat().st_size / 1e6:.2f} MB line, " + ingested(path, folder, ("sentences", "mentions", "events")))


def writes(lines: int, workers: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = sorted(str(p) for p in NEWS.glob("*.jsonl"))
        if lines:
            paths = [str(Path(folder) / "slice.jsonl")]
            with open(NEWS / "indosum-dev.jsonl", "rb") as source, open(paths[0], "wb") as out:
                for _, row in zip(range(lines), source):
                    out.write(row)
        db = Path(folder) / "x.db"
        seconds, result, usage = run([WARTA, "ingest", *paths, "--db", str(db), "-q", "--workers", str(workers)])
        size = sum(p.stat().st_size for p in Path(folder).glob("x.db*"))
        print(f"writes: {lines or 'all'} lines, {workers} worker(s), exit {result.returncode}, {seconds:.0f} s;"
              f" written {usage['written'] / 1e6:.0f} MB"
              f" (/proc io; rusage {usage['oublock'] / 1e6:.0f} MB), store {size / 1e6:.1f} MB:"
              f" {usage['written'] / size:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["startup", "stories", "line", "writes"])
    parser.add_argument("--kb", type=int, default=9500)
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--lines", type=int, default=3000, help="0: the whole news corpus")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    {"startup": startup, "stories": lambda: stories(args.kb), "line": lambda: line(args.mb),
     "writes": lambda: writes(args.lines, args.workers)}[args.what]()


if __name__ == "__main__":
    main()
