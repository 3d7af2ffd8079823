"""Issue 19's figures, each from a real `warta` process (never timed tests):

    .venv/bin/python bench/robustness.py startup
    .venv/bin/python bench/robustness.py stories [--kb 9500]      # the repeated-sentence article
    .venv/bin/python bench/robustness.py line [--mb 10]           # one long JSONL line, peak memory
    .venv/bin/python bench/robustness.py writes [--lines 3000]    # bytes written vs the store's size

startup: best of 5 wall times of `warta --help`.
stories: one article repeating a same-dyad sentence ("Rusia mengirim bantuan ..."),
  up to --kb kilobytes, ingested into a new store: wall seconds and events filed.
line: one JSONL line of --mb megabytes of ordinary sentences without a line break
  (under the 10 MB limit): wall seconds and the peak resident memory of the process.
writes: the first --lines lines of ../shared/corpus/news/indosum-dev.jsonl ingested
  (1 worker) into a new store: bytes the process wrote to disk (/proc/PID/io
  write_bytes, with its children) against the store's final size (file + WAL).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WARTA = str(Path(sys.executable).with_name("warta"))
NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
SENTENCE = ("Presiden Rusia Vladimir Putin mengirim bantuan kemanusiaan kepada Korea Utara pada 12 Maret 2024 "
            "di Moskow, kata juru bicara Kremlin. ")
PROSE = ("Pemerintah daerah menggelar rapat koordinasi bersama warga untuk membahas perbaikan jalan desa "
         "yang rusak akibat hujan deras pekan lalu, dan hasilnya akan dilaporkan kepada bupati ")


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
    return seconds, result, {"peak_kb": after.ru_maxrss, "written": written, "oublock": (after.ru_oublock - before.ru_oublock) * 512}


def startup() -> None:
    times = [run([WARTA, "--help"])[0] for _ in range(5)]
    print(f"warta --help: best {min(times):.3f} s, median {sorted(times)[2]:.3f} s")


def stories(kb: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "repeat.txt"
        article.write_text("Rusia kirim bantuan\n\n" + SENTENCE * (kb * 1000 // len(SENTENCE.encode())), "utf-8")
        seconds, result, usage = run([WARTA, "ingest", str(article), "--db", f"{folder}/x.db", "-q", "--workers", "1"])
        events = subprocess.run([WARTA, "export", "events", "--db", f"{folder}/x.db"], capture_output=True, text=True).stdout.count("\n")
        print(f"stories: {article.stat().st_size / 1e6:.2f} MB article, exit {result.returncode}, {events} events,"
              f" {seconds:.1f} s, peak {usage['peak_kb'] / 1000:.0f} MB {result.stderr.strip()[:200]}")


def line(mb: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "line.jsonl"
        text = PROSE * int(mb * 1e6 * 0.98 // len(PROSE.encode()))
        path.write_text(json.dumps({"text": text}) + "\n", "utf-8")
        seconds, result, usage = run([WARTA, "ingest", str(path), "--db", f"{folder}/x.db", "-q", "--workers", "1"])
        print(f"line: {path.stat().st_size / 1e6:.2f} MB line, exit {result.returncode}, {seconds:.1f} s,"
              f" peak {usage['peak_kb'] / 1000:.0f} MB {result.stderr.strip()[:200]}")


def writes(lines: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "slice.jsonl"
        with open(NEWS / "indosum-dev.jsonl", "rb") as source, open(path, "wb") as out:
            for _, row in zip(range(lines), source):
                out.write(row)
        db = Path(folder) / "x.db"
        seconds, result, usage = run([WARTA, "ingest", str(path), "--db", str(db), "-q", "--workers", "1"])
        size = sum(p.stat().st_size for p in Path(folder).glob("x.db*"))
        print(f"writes: {lines} lines, exit {result.returncode}, {seconds:.0f} s; written {usage['written'] / 1e6:.0f} MB"
              f" (/proc io; rusage {usage['oublock'] / 1e6:.0f} MB), store {size / 1e6:.1f} MB:"
              f" {usage['written'] / size:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["startup", "stories", "line", "writes"])
    parser.add_argument("--kb", type=int, default=9500)
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--lines", type=int, default=3000)
    args = parser.parse_args()
    {"startup": startup, "stories": lambda: stories(args.kb), "line": lambda: line(args.mb),
     "writes": lambda: writes(args.lines)}[args.what]()


if __name__ == "__main__":
    main()
