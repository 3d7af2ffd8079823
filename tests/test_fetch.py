"""warta fetch against a real HTTP server on 127.0.0.1, started by the tests.

The server serves feeds (RSS, gzip'd Atom, a sitemap) and article pages built from
real news articles of ../shared/corpus/news, and the failures a daily run meets: 404,
500, a server too slow to answer, redirects, broken XML, an HTML page where a feed was
expected, a robots.txt that disallows a folder, and 304 Not Modified on the next run.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import NEWS, needs_shared, news_records, run_cli
from warta.errors import Errors
from warta.read.fetch import FeedsFileError, parse_every, read_feeds_file
from warta.store.database import Store

pytestmark = needs_shared

ARTICLES = {  # page path -> news article id (indosum-dev.jsonl)
    "/news/ketua-mpr.html": "1490674536-mustahil-transportasi-tradisional-dan-online-bersa",
    "/news/ekspor-ayam-final.html": "1489536002-mentan-lepas-ekspor-perdana-daging-ayam-olahan-ke-",
    "/news/madrid-barcelona.html": "1514112565-hasil-real-madrid-vs-barcelona",
    "/news/pertamina.html": "1496990100-pertamina-pedekate-tiga-perusahaan-migas-asing",
    "/private/rahasia.html": "1508551200-google-calendar-versi-web-kini-usung-tampilan-baru",
}
ETAG = '"feed-v1"'
LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


def page(record: dict) -> bytes:
    """A news page as an outlet serves it: head, menu, the article, a footer."""
    title = record["text"].split(".")[0][:80]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
            f"<nav><a href='/'>Beranda</a> <a href='/news/'>Berita</a></nav><article><h1>{html.escape(title)}</h1>"
            f"{paragraphs}</article><footer>Hak cipta dilindungi</footer></body></html>").encode()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Berita</title>'
            f"<link>{base}/</link><description>Berita terbaru</description>{items}</channel></rss>").encode()


def atom(base: str, paths: list[str]) -> bytes:
    entries = "".join(f'<entry><title>{p}</title><id>{base}{p}</id><link href="{base}{p}"/>'
                      f"<updated>2017-03-13T00:00:00Z</updated></entry>" for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Berita</title>'
            f"<id>{base}/atom.xml</id><updated>2017-03-13T00:00:00Z</updated>{entries}</feed>").encode()


class Site:
    """The routes of the test server and every request it was sent."""

    def __init__(self) -> None:
        self.base = ""
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.records = news_records("indosum-dev.jsonl", set(ARTICLES.values()))

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        base = self.base
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        if path == "/feed.xml":
            if headers.get("if-none-match") == ETAG:
                return 304, {"ETag": ETAG}, b""
            body = rss(base, ["/news/ketua-mpr.html", "/news/ekspor-ayam.html", "/private/rahasia.html",
                              "/news/hilang.html"])
            return 200, {"Content-Type": "application/rss+xml", "ETag": ETAG}, body
        if path == "/atom.xml":
            if headers.get("if-modified-since") == LAST_MODIFIED:
                return 304, {}, b""
            body = gzip.compress(atom(base, ["/news/madrid-barcelona.html", "/news/ketua-mpr.html"]))
            return 200, {"Content-Type": "application/atom+xml", "Content-Encoding": "gzip",
                         "Last-Modified": LAST_MODIFIED}, body
        if path == "/sitemap.xml":
            body = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<url><loc>{base}/news/pertamina.html</loc></url></urlset>").encode()
            return 200, {"Content-Type": "application/xml"}, body
        if path == "/broken.xml":
            return 200, {"Content-Type": "application/rss+xml"}, b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Ber'
        if path == "/news/ekspor-ayam.html":  # moved: a redirect to the final address
            return 301, {"Location": "/news/ekspor-ayam-final.html"}, b""
        if path == "/news/hilang.html":
            return 404, {"Content-Type": "text/html"}, b"<html><body>Halaman tidak ditemukan</body></html>"
        if path == "/news/rusak.html":
            return 500, {"Content-Type": "text/html"}, b"<html><body>Internal Server Error</body></html>"
        if path == "/news/lambat.html":
            time.sleep(1.5)
            return 200, {"Content-Type": "text/html"}, page(self.records[ARTICLES["/news/ketua-mpr.html"]])
        if path in ARTICLES:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page(self.records[ARTICLES[path]])
        return 404, {"Content-Type": "text/plain"}, b"not found"


@pytest.fixture
def site():
    served = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            headers = {k.lower(): v for k, v in self.headers.items()}
            served.requests.append((self.path, headers))
            status, extra, body = served.answer(self.path, headers)
            try:
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()


@pytest.fixture
def fast(tmp_path: Path) -> Path:
    """Settings for the test server: no delay between requests, short timeout and waits."""
    config = tmp_path / "settings.toml"
    config.write_text("coder = \"rules\"\nfetch_delay_seconds = 0.0\nfetch_timeout_seconds = 0.5\nfetch_retries = 1\n"
                      "fetch_backoff_seconds = 0.01\n", "utf-8")
    return config


def test_fetch_end_to_end_against_a_local_server(site: Site, fast: Path, tmp_path: Path) -> None:
    base = site.base
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the analyst's sources\n{base}/feed.xml\n{base}/atom.xml   # gzip'd Atom\n{base}/sitemap.xml\n"
                     f"{base}/broken.xml\n{base}/news/ketua-mpr.html\npage {base}/news/rusak.html\n"
                     f"page {base}/news/lambat.html\n", "utf-8")
    db, warcs = tmp_path / "daily.db", tmp_path / "warc"
    result = run_cli("--config", str(fast), "fetch", "--feeds", str(feeds), "--db", str(db), "--warc-dir", str(warcs))
    assert result.exit_code == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"{base}/news/hilang.html: " + Errors.FETCH_STATUS.format(status=404),
        f"{base}/broken.xml: " + Errors.FETCH_BROKEN_FEED.format(reason="<unknown>:1:82: no element found"),
        f"{base}/news/ketua-mpr.html: {Errors.FETCH_NOT_FEED}",
        f"{base}/news/rusak.html: " + Errors.FETCH_STATUS.format(status=500),
        f"{base}/news/lambat.html: no answer within 0.5 s (setting fetch_timeout_seconds) (tried 2 times)",
        f"{base}/private/rahasia.html: skipped, robots.txt does not allow it",
    ]
    assert ("feeds and sitemaps read 3, not modified since last time 0; article links 6: fetched 4, seen before 0,"
            " not allowed by robots.txt 1") in " ".join(result.stdout.split())
    with Store(db, readonly=True) as store:
        documents = list(store.rows("SELECT source, url, language FROM documents ORDER BY rowid"))
        fetched = {r["url"]: (r["kind"], r["status"]) for r in store.rows("SELECT * FROM fetched")}
    assert [d["source"] for d in documents] == [f"{base}{p}" for p in (
        "/news/ketua-mpr.html", "/news/ekspor-ayam.html", "/news/madrid-barcelona.html", "/news/pertamina.html")]
    assert documents[1]["url"] == f"{base}/news/ekspor-ayam-final.html"  # the redirect's target
    assert {d["language"] for d in documents} == {"id"}
    assert fetched[f"{base}/feed.xml"] == ("source", 200)
    assert fetched[f"{base}/news/hilang.html"] == ("page", 404)
    assert fetched[f"{base}/news/lambat.html"] == ("page", None)
    paths = [path for path, _ in site.requests]
    assert "/private/rahasia.html" not in paths  # robots.txt obeyed
    assert paths.count("/news/rusak.html") == 2 and paths.count("/news/lambat.html") == 2  # retried once
    assert paths.count("/robots.txt") == 1  # read once per host
    assert all(h["user-agent"].startswith("warta/") for _, h in site.requests)

    # the raw answers are kept as WARC, and reading it back stores nothing new
    [warc] = list(warcs.glob("fetch-*.warc.gz"))
    again = run_cli("ingest", str(warc), "--db", str(db))
    assert again.exit_code == 0, again.stderr
    # the 4 pages, and the page listed as a feed by mistake (same URL and body as one of them)
    assert "read │ 5 │ │ stored, new │ 0" in " ".join(again.stdout.split())
    assert "already in the store (skipped) │ 5" in " ".join(again.stdout.split())

    # the next day: the feeds have not changed (304), the pages are known
    site.requests.clear()
    result = run_cli("--config", str(fast), "fetch", "--feeds", str(feeds), "--db", str(db), "--warc-dir", str(warcs))
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.stderr.splitlines()] == [
        f"{base}/broken.xml", f"{base}/news/ketua-mpr.html", f"{base}/news/rusak.html", f"{base}/news/lambat.html"]
    assert "read 1, not modified since last time 2; article links 1: fetched 0, seen before 1" in " ".join(result.stdout.split())
    conditional = {path: h for path, h in site.requests if path in ("/feed.xml", "/atom.xml")}
    assert conditional["/feed.xml"]["if-none-match"] == ETAG
    assert conditional["/atom.xml"]["if-modified-since"] == LAST_MODIFIED
    # no article page asked for again, but for the one listed as a feed by mistake
    assert [p for p, _ in site.requests if p in ARTICLES] == ["/news/ketua-mpr.html"]
    with Store(db, readonly=True) as store:
        assert store.count("documents") == 4


def test_fetch_page_urls_and_exit_status_0(site: Site, fast: Path, tmp_path: Path) -> None:
    db = tmp_path / "pages.db"
    result = run_cli("--config", str(fast), "fetch", "--page", f"{site.base}/news/pertamina.html", "--db", str(db),
                     "--warc-dir", str(tmp_path / "w"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    with Store(db, readonly=True) as store:
        [row] = list(store.rows("SELECT d.source, f.doc_id FROM documents d JOIN fetched f ON f.url = d.source"))
    assert row["source"] == f"{site.base}/news/pertamina.html" and row["doc_id"]


def test_fetch_waits_between_requests_to_one_host(site: Site, tmp_path: Path) -> None:
    config = tmp_path / "polite.toml"
    config.write_text("coder = \"rules\"\nfetch_delay_seconds = 0.4\n", "utf-8")
    started = time.monotonic()
    result = run_cli("--config", str(config), "fetch", "--page", f"{site.base}/news/pertamina.html",
                     "--page", f"{site.base}/news/madrid-barcelona.html", "--db", str(tmp_path / "p.db"),
                     "--warc-dir", str(tmp_path / "w"), "-q")
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started >= 0.8  # robots.txt, page, page: two waits


@pytest.mark.parametrize("line, problem", [
    ("ftp://example.com/feed", "expected a URL (http or https), or 'page URL'"),
    ("pages https://example.com/x", "expected a URL (http or https), or 'page URL'"),
])
def test_fetch_feeds_file_bad_line_named(tmp_path: Path, line: str, problem: str) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"https://example.com/rss\n{line}\n", "utf-8")
    with pytest.raises(FeedsFileError, match=re.escape(f"feeds.txt:2: {problem}")):
        read_feeds_file(feeds)
    result = run_cli("fetch", "--feeds", str(feeds), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 2 and "feeds.txt:2:" in result.stderr


@pytest.mark.parametrize("text, seconds", [("30m", 1800), ("6h", 21600), ("1h30m", 5400), ("1d", 86400)])
def test_fetch_parse_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["often", "10s", "5"])
def test_fetch_parse_every_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_every(text)


def test_fetch_news_records_are_real() -> None:
    """The pages are built from real corpus articles, not invented text."""
    records = news_records("indosum-dev.jsonl", set(ARTICLES.values()))
    assert len(records) == len(ARTICLES)
    assert all(len(r["text"]) > 500 for r in records.values())
    assert json.loads((NEWS / "indosum-dev.jsonl").open(encoding="utf-8").readline())["id"] in ARTICLES.values()


def test_fetch_page_cut_short_before_it_was_stored_is_fetched_again(site: Site, fast: Path, tmp_path: Path) -> None:
    """A run interrupted between fetching a page and storing it left the page fetched
    but not handled: the next run fetches and stores it."""
    db, url = tmp_path / "cut.db", f"{site.base}/news/pertamina.html"
    with Store(db) as store:
        store.record_fetch(url, "page", 200, body_hash="0" * 40)
    result = run_cli("--config", str(fast), "fetch", "--page", url, "--db", str(db), "--warc-dir", str(tmp_path / "w"), "-q")
    assert result.exit_code == 0, result.stderr
    with Store(db, readonly=True) as store:
        assert store.count("documents") == 1
        assert store.fetch_state(url)["doc_id"] == store.find_document(url)["doc_id"]
