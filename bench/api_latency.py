"""API latency of `warta serve` on the news corpus (issue 7): p50/p95 per endpoint.

    .venv/bin/python bench/api_latency.py [--db FILE] [--requests 500] [--threads 2]

Builds the store of ../shared/corpus/news/*.jsonl (13.2k articles) into --db when
it is missing (a few minutes of CPU, once; later runs reuse it), starts the server
on a free loopback port, warms each endpoint once, then sends a bounded number of
requests from a small thread pool to 127.0.0.1 only, and prints p50/p95/max per
endpoint. Exits 1 when any endpoint's p95 is at or over --budget milliseconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

from warta.events.plover import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "corpus" / "news"
HOST = "127.0.0.1"  # the load goes to this machine's loopback only
DEFAULT_DB = Path(tempfile.gettempdir()) / "warta-bench-news.db"
MAX_SECONDS = 300  # the load stops by itself after this, whatever is left


def build(db: Path) -> None:
    """Ingest the news corpus into `db` with the real pipeline and store."""
    from warta.store.ingest import ingest
    from warta.settings import load_options
    from warta.store.database import Store

    class Tolerant(Store):
        """Counts a document the store refuses (a bug to report) instead of stopping the build."""

        failed: list[tuple[str, str]] = []

        def add_document(self, doc, options):  # type: ignore[no-untyped-def]
            try:
                return super().add_document(doc, options)
            except sqlite3.IntegrityError as exc:
                self.failed.append((doc.source, str(exc)))
                return "exists"

    files = sorted(str(p) for p in NEWS.glob("*.jsonl"))
    if not files:
        sys.exit(f"no news corpus under {NEWS}")
    print(f"building {db} from {', '.join(Path(f).name for f in files)} (once; reused later) ...", flush=True)
    started = time.perf_counter()
    partial = db.with_name(db.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    with Tolerant(partial) as store:
        report = ingest(files, store, load_options())
    partial.replace(db)
    print(f"built in {time.perf_counter() - started:.0f} s: {report.stored} stored, {len(report.rejected)} rejected, "
          f"{len(Tolerant.failed)} refused by the store", flush=True)
    for source, reason in Tolerant.failed[:5]:
        print(f"  refused {source}: {reason}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_command(db: Path, port: int) -> list[str]:
    """`warta serve` on the store."""
    return [sys.executable, "-c", "from warta.views.cli import main; main()", "serve",
            "--db", str(db), "--host", HOST, "--port", str(port)]


def wait_ready(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server exited with {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("the server did not start")


def get(connection: http.client.HTTPConnection, path: str) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    body = response.read()
    return (time.perf_counter() - started) * 1000, response.status, body


WORDS = ("kunjungan", "presiden", "banjir", "pemilu", "korupsi", "harga", "investasi", "bantuan", "sanksi",
         "kerja sama", "menteri luar negeri", "polisi", "gempa", "ekspor", "perdagangan", "tentara")
PHRASES = ('"Korea Utara"', '"Presiden Joko Widodo"', '"Amerika Serikat" sanksi', '"Bank Indonesia"', '"kerja sama"')


def endpoints(port: int) -> dict[str, list[str]]:
    """Each endpoint with the variants its requests rotate through (types, dyads,
    months, outlets, words, pages, documents, entities taken from the store), so
    most filters are seen only a few times and caches cannot answer everything."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def data(path: str) -> Any:
        return json.loads(get(connection, path)[2])

    overview = data("/api/overview")
    facets = {f["name"]: [v["value"] for v in f["values"]] for f in data("/api/events?per_page=1")["facets"]}
    dyads = data("/api/dyads?limit=10")
    docs = [d["doc_id"] for d in data("/api/documents?per_page=20")["items"]]
    entities = [e["entity_id"] for e in data("/api/entities?per_page=20")["items"]]
    outlets = [o["outlet"] for o in overview["outlets"]][:8]
    connection.close()
    return {
        "overview": ["/api/overview"],
        "events": [f"/api/events?page={n}" for n in range(1, 6)],
        "events type": [f"/api/events?type={t}" for t in EVENT_TYPES],
        "events dyad": [f"/api/events?dyad={d['dyad']}" for d in dyads],
        "events month": [f"/api/events?from={m}&to={m}" for m in facets.get("month", [])] or ["/api/events?from=2019"],
        "events outlet": ["/api/events?outlet=" + quote(o) for o in outlets] or ["/api/events?page=2"],
        "events search": ["/api/events?q=" + quote(w) for w in WORDS],
        "stories": [f"/api/stories?page={n}" for n in range(1, 4)] + [f"/api/stories?type={t}" for t in EVENT_TYPES[:8]],
        "dyads": ["/api/dyads"],
        "dyad": [f"/api/dyads/{d['a']}/{d['b']}" for d in dyads],
        "flows": ["/api/flows"],
        "network": ["/api/network"],
        "search": [f"/api/search?q={quote(w)}&page={n}" for w in WORDS for n in (1, 2)],
        "search phrase": ["/api/search?q=" + quote(p) for p in PHRASES],
        "documents": [f"/api/documents?page={n}" for n in range(1, 6)] + ["/api/documents?outlet=" + quote(o) for o in outlets],
        "document": [f"/api/documents/{d}" for d in docs],
        "entities": [f"/api/entities?page={n}" for n in range(1, 4)] + ["/api/entities?type=PERSON", "/api/entities?q=jokowi"],
        "entity": [f"/api/entities/{e}" for e in entities],
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("WARTA_BENCH_DB") or DEFAULT_DB))
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--threads", type=int, default=2, help="concurrent clients (the machine has 2 cores for client and server)")
    parser.add_argument("--budget", type=float, default=100.0, help="p95 budget per endpoint, ms")
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db)
    from warta.store.database import Store

    with Store(args.db) as store:  # brings an older store's schema up to date (the server is read-only)
        documents = store.count("documents")
        events = store.count("events")
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="warta-bench-server-", suffix=".log", delete=False)
    process = subprocess.Popen(server_command(args.db, port), stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_ready(port, process)
        paths = endpoints(port)
        print(f"store {args.db}: {documents} documents, {events} events; server on {HOST}:{port}")
        cold = {}
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        for name, variants in paths.items():  # the first request of each: caches empty, code paths cold
            ms, status, _ = get(connection, variants[-1])
            if status != 200:
                sys.exit(f"{name}: {variants[-1]} answered {status}; server log: {log.name}")
            cold[name] = ms
        connection.close()
        names = list(paths)
        plan = [(names[i % len(names)], paths[names[i % len(names)]][(i // len(names)) % len(paths[names[i % len(names)]])])
                for i in range(args.requests)]
        deadline = time.monotonic() + MAX_SECONDS

        def worker(chunk: list[tuple[str, str]]) -> list[tuple[str, float, int]]:
            local = http.client.HTTPConnection(HOST, port, timeout=60)
            out = []
            for name, path in chunk:
                if time.monotonic() > deadline:
                    break
                ms, status, _ = get(local, path)
                out.append((name, ms, status))
            local.close()
            return out

        chunks = [plan[i::args.threads] for i in range(args.threads)]
        started = time.perf_counter()
        with ThreadPoolExecutor(args.threads) as pool:
            results = [r for chunk in pool.map(worker, chunks) for r in chunk]
        wall = time.perf_counter() - started
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    errors = [r for r in results if r[2] != 200]
    print(f"{len(results)} requests from {args.threads} threads in {wall:.1f} s ({len(results) / wall:.0f}/s), "
          f"{len(errors)} errors")
    print(f"{'endpoint':<20} {'n':>4} {'cold':>8} {'p50':>8} {'p95':>8} {'max':>8}   (ms)")
    over = []
    for name in names:
        times = [ms for n, ms, _ in results if n == name]
        if not times:
            continue
        p95 = percentile(times, 95)
        flag = "  OVER" if p95 >= args.budget else ""
        if flag:
            over.append(name)
        print(f"{name:<20} {len(times):>4} {cold[name]:>8.1f} {statistics.median(times):>8.1f} {p95:>8.1f} "
              f"{max(times):>8.1f}{flag}")
    everything = [ms for _, ms, _ in results]
    print(f"{'all':<20} {len(everything):>4} {'':>8} {statistics.median(everything):>8.1f} "
          f"{percentile(everything, 95):>8.1f} {max(everything):>8.1f}")
    if over or errors:
        print(f"p95 at or over {args.budget:.0f} ms: {', '.join(over) or '-'}; errors: {len(errors)}")
        sys.exit(1)
    print(f"every endpoint's p95 is under {args.budget:.0f} ms")


if __name__ == "__main__":
    main()
