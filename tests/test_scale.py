"""Parallel ingest, interruption and WARC input (issue 8), through the real CLI.

Parallel runs are started as real processes (`python -m warta`-style subprocesses of
the installed console script) because they fork workers and are interrupted with
real signals.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import EXAMPLES, NEWS, needs_shared, run_cli
from warta.errors import Errors
from warta.read.inputs import count_inputs

WARTA = str(Path(sys.executable).with_name("warta"))
SLICE = 120  # news articles: enough for 2 workers to get several batches each


@pytest.fixture(scope="module")
def news_slice(tmp_path_factory) -> Path:
    if not NEWS.exists():
        pytest.skip("../shared/corpus is not beside the repo")
    path = tmp_path_factory.mktemp("slice") / "slice.jsonl"
    with open(NEWS / "indosum-dev.jsonl", "rb") as lines, open(path, "wb") as out:
        for _, line in zip(range(SLICE), lines):
            out.write(line)
    return path


def warta(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([WARTA, *args], capture_output=True, text=True, timeout=120, **kwargs)


def exported(db: Path) -> dict[str, list[dict]]:
    """Every export that depends on ingest order: a parallel run must equal a serial one."""
    found = {}
    for kind in ("documents", "entities", "events", "stories"):
        result = run_cli("export", kind, "--db", str(db), "--format", "jsonl")
        assert result.exit_code == 0, result.stderr
        found[kind] = [json.loads(line) for line in result.stdout.splitlines()]
    return found


@pytest.fixture(scope="module")
def serial(news_slice, tmp_path_factory) -> dict[str, list[dict]]:
    db = tmp_path_factory.mktemp("serial") / "serial.db"
    result = warta("ingest", str(news_slice), "--db", str(db), "--workers", "1", "-q")
    assert result.returncode == 0, result.stderr
    return exported(db)


@needs_shared
def test_count_inputs_counts_jsonl_lines_and_files(news_slice):
    assert count_inputs([str(news_slice)]) == SLICE
    assert count_inputs([str(EXAMPLES)]) == 2 + 2  # a .txt, an .html, a .jsonl of two lines
    assert count_inputs(["-"]) is None


@needs_shared
def test_two_workers_store_exactly_what_one_stores(news_slice, serial, tmp_path):
    db = tmp_path / "parallel.db"
    result = warta("ingest", str(news_slice), "--db", str(db), "--workers", "2", "-q")
    assert result.returncode == 0, result.stderr
    parallel = exported(db)
    assert len(parallel["documents"]) == SLICE
    assert len(parallel["events"]) == len(serial["events"]) > 50
    assert parallel == serial


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _interrupt_after(db: Path, news_slice: Path, documents: int, send: signal.Signals) -> tuple[int, str]:
    """Start a 2-worker ingest and send `send` once `documents` are stored."""
    process = subprocess.Popen([WARTA, "ingest", str(news_slice), "--db", str(db), "--workers", "2", "-q"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while _stored(db) < documents and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "ingest finished before it could be interrupted"
    os.killpg(process.pid, send)  # the whole group, as a terminal's Ctrl-C does
    try:
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, stderr


@needs_shared
@pytest.mark.parametrize("send", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "term", "kill"])
def test_interrupted_ingest_leaves_a_consistent_store_and_resumes(send, news_slice, serial, tmp_path):
    db = tmp_path / "interrupted.db"
    returncode, stderr = _interrupt_after(db, news_slice, 20, send)
    stored = _stored(db)
    assert 20 <= stored < SLICE
    if send == signal.SIGKILL:
        assert returncode == -signal.SIGKILL
    else:
        assert returncode == 130
        assert stderr.strip() == (f"warta: interrupted; {stored} documents are safely stored, "
                                          "run the same command again to continue")
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = con.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        assert orphans.fetchone()[0] == 0
    result = warta("ingest", str(news_slice), "--db", str(db), "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert exported(db) == serial


def _running(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(") ")[2][:1] != "Z"
    except FileNotFoundError:
        return False


@needs_shared
@pytest.mark.parametrize("send", [signal.SIGKILL, signal.SIGHUP, signal.SIGTERM], ids=["kill", "hup", "term"])
def test_workers_end_with_their_writer(send, news_slice, tmp_path):
    """Issue 19: after `kill -9` of the writer of `ingest --workers 2`, both workers lived
    on (blocked on a full result pipe, ignoring SIGTERM, holding the store and the
    caller's stdout, so `| tee` hung). Now the writer alone is killed, by any signal, and
    its stdout reaches end of file and the workers end: nothing waits for them."""
    db = tmp_path / "orphans.db"
    process = subprocess.Popen([WARTA, "ingest", str(news_slice), "--db", str(db), "--workers", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while _stored(db) < 10 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        with open(f"/proc/{process.pid}/task/{process.pid}/children") as children:
            workers = children.read().split()
        assert len(workers) == 2
        os.kill(process.pid, send)  # the writer only, not its group
        process.stdout.read()  # end of file once no process holds the pipe: what `| tee` waits for
        deadline = time.monotonic() + 60  # a guard against hanging, not a measure of speed
        while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [pid for pid in workers if _running(pid)] == []
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- WARC ----------------------------------------------------------------------


def _page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>").encode()


def _write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    """A gzipped WARC with a request, a non-HTML response and one HTML response per page."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, date, body in pages:
            asked = StatusAndHeaders("GET / HTTP/1.1", [("Host", "berita.example.id")], is_http_request=True)
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=asked)
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), http_headers=image))


def text_of_retno() -> str:
    return ("Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Jepang di Jakarta.\n"
            "Kedua menteri membahas kerja sama maritim dan perdagangan antara Indonesia dan Jepang.\n"
            "Jepang juga menyatakan akan memberikan bantuan kepada Indonesia untuk pembangunan pelabuhan.")


@pytest.fixture(scope="module")
def warc_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    myanmar = (EXAMPLES / "02_asean_myanmar.html").read_bytes()
    _write_warc(path, [
        ("https://berita.example.id/internasional/asean-myanmar", "2024-03-05T08:00:00Z", myanmar),
        ("https://berita.example.id/internasional/retno-jepang", "2023-11-20T10:30:00Z", _page("Retno bertemu menlu Jepang", text_of_retno())),
    ])
    return path


def test_warc_records_become_documents_with_url_and_crawl_date(warc_file, tmp_path):
    db = tmp_path / "warc.db"
    assert count_inputs([str(warc_file)]) == 2
    result = run_cli("ingest", str(warc_file), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    documents = [json.loads(line) for line in run_cli("export", "documents", "--db", str(db)).stdout.splitlines()]
    assert [d["url"] for d in documents] == ["https://berita.example.id/internasional/asean-myanmar",
                                             "https://berita.example.id/internasional/retno-jepang"]
    assert all(d["source"].startswith(f"{warc_file}#") for d in documents)
    retno = documents[1]
    assert (retno["published"], retno["published_basis"]) == ("2023-11-20", "inferred")  # the crawl date
    assert retno["title"] == "Retno bertemu menlu Jepang"
    assert retno["text"] == "Retno bertemu menlu Jepang\n" + text_of_retno()


def _record_offsets(path: Path) -> list[tuple[str, int]]:
    """(type, byte offset) of every record of an intact archive."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        return [(record.rec_type, records.get_record_offset()) for record in records]


def _damaged(path: Path, number: int, offset: int, reason: str) -> str:
    return f"{path}#{offset}: " + Errors.WARC_BROKEN.format(number=number, offset=offset, reason=reason)


def test_truncated_warc_keeps_the_records_before_the_damage(warc_file, tmp_path):
    """Issue 19: a .warc.gz cut short used to end quietly, its tail records missing."""
    broken = tmp_path / "broken.warc.gz"
    data = warc_file.read_bytes()
    broken.write_bytes(data[: int(len(data) * 0.8)])
    offsets = _record_offsets(warc_file)
    cut = max(n for n, (_, offset) in enumerate(offsets) if offset < int(len(data) * 0.8))
    db = tmp_path / "broken.db"
    result = run_cli("ingest", str(broken), "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == _damaged(broken, cut + 1, offsets[cut][1], "the file ends inside a gzip member (cut short)") + "\n"
    assert _stored(db) == 1  # the record before the damage


@pytest.mark.parametrize("keep", [30, 2])
def test_warc_gz_cut_to_a_few_bytes_is_rejected_not_empty(warc_file, tmp_path, keep):
    """Issue 19: cut to 30 bytes, a .warc.gz was read as an empty archive, exit 0."""
    broken = tmp_path / "stub.warc.gz"
    broken.write_bytes(warc_file.read_bytes()[:keep])
    result = run_cli("ingest", str(broken), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1
    assert result.stderr == _damaged(broken, 1, 0, "the file ends inside a gzip member (cut short)") + "\n"


@pytest.mark.parametrize("into", [0, 20, 200], ids=["at-start", "in-warc-header", "in-http-header"])
def test_warc_cut_inside_a_record_is_rejected_and_later_inputs_read(warc_file, tmp_path, into):
    """Issue 19: a .warc cut inside a record header raised warcio's AttributeError, the
    batch aborted, the inputs after it were never read. Now: the records before the
    damage stored, one line naming the file, the record and its offset, the next input read."""
    plain = gzip.decompress(warc_file.read_bytes())
    intact = tmp_path / "intact.warc"
    intact.write_bytes(plain)
    offsets = _record_offsets(intact)
    second_html = [n for n, (kind, _) in enumerate(offsets) if kind == "response"][1]
    offset = offsets[second_html][1]
    broken = tmp_path / "broken.warc"
    broken.write_bytes(plain[: offset + into] if into else plain[:offset] + b"WARC/1.0\r\nWARC-Ty")
    later = tmp_path / "later.txt"
    later.write_text(text_of_retno().replace("Jepang", "Korea Selatan"), "utf-8")
    db = tmp_path / "x.db"
    result = run_cli("ingest", str(broken), str(later), "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == _damaged(broken, second_html + 1, offset, "the record header is cut short or malformed") + "\n"
    with sqlite3.connect(db) as con:
        sources = [row[0] for row in con.execute("SELECT source FROM documents ORDER BY rowid")]
    assert sources == [f"{broken}#{offsets[1][1]}", str(later)]
