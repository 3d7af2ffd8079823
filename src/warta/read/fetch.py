"""Stage 1, read, from the web: RSS/Atom feeds, sitemaps and article URLs -> RawInput or Rejection.

`warta fetch` reads the sources an analyst lists (a feeds file, or URLs given), follows
each feed's or sitemap's links to the articles, and hands every page to the same
`ingest` loop as a file would be (`store.ingest.ingest_items`): one pipeline.

Polite by default (settings under [fetch]): robots.txt is obeyed (a robots.txt that
cannot be read because the server fails means: nothing may be fetched there), at most
one request per host every `fetch_delay_seconds`, conditional requests (ETag,
Last-Modified remembered in the store), a timeout, retries with doubling waits on
timeouts, connection errors, 429 and 5xx, and a size cap. Every successful response
(feed, sitemap, robots.txt, page) is written to a WARC file as it came (provenance:
`warta ingest FILE.warc.gz` reads the pages again); what every URL answered, errors
included, is kept in the store's `fetched` table. A page
URL fetched before, or a page whose body was fetched before under another URL, is not
fetched or stored again.

The feeds file is plain text, one source a line, `#` starts a comment:

    https://www.antaranews.com/rss/dunia.xml        a feed (RSS or Atom) or a sitemap
    page https://example.com/berita/2024/11/21/x    one article
"""

from __future__ import annotations

import hashlib
import re
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..document import Rejection
from ..errors import Errors, human_size
from ..settings import Options
from .inputs import Item, document_from_bytes

MAX_REDIRECTS = 5
SITEMAP = re.compile(rb"<(?:[\w-]+:)?(urlset|sitemapindex)[\s>]")
HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
SOURCE_LINE = re.compile(r"^(?:(page)\s+)?(\S+)$")


class FeedsFileError(ValueError):
    """The feeds file cannot be used; the message names file and line."""


@dataclass(frozen=True)
class Source:
    url: str
    kind: str  # "source" (a feed or sitemap) or "page"


def read_feeds_file(path: str | Path) -> list[Source]:
    """The sources of a feeds file (module docstring); FeedsFileError names a bad line."""
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedsFileError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    sources = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        match = SOURCE_LINE.match(line)
        if not match or urlsplit(match.group(2)).scheme not in ("http", "https") or not urlsplit(match.group(2)).netloc:
            raise FeedsFileError(f"{path}:{number}: expected a URL (http or https), or 'page URL'; got {line!r}")
        sources.append(Source(match.group(2), "page" if match.group(1) else "source"))
    return sources


@dataclass
class Answer:
    """One HTTP exchange that came back: the URL that answered (after redirects), its
    status, headers (names in lower case) and body (decoded from its Content-Encoding)."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""


class FetchFailed(Exception):
    """No usable answer; the message is the reason, in one line."""


@dataclass
class FetchReport:
    sources: int = 0  # feeds and sitemaps read
    not_modified: int = 0  # sources (and pages) that answered 304
    links: int = 0  # article links found in them
    seen: int = 0  # article URLs fetched on an earlier run, or bodies already fetched (skipped)
    fetched: int = 0  # pages fetched now
    robots: list[str] = field(default_factory=list)  # URLs robots.txt disallows (skipped)
    # pages fetched and handed on, not yet stored or rejected by the pipeline: `handled`
    # records the outcome; a page still here when a run is cut short is fetched again
    pending: set[str] = field(default_factory=set)

    def handled(self, store: Any, url: str, doc_id: str | None = None, reason: str | None = None) -> None:
        """The pipeline stored `url` as `doc_id`, or rejected it for `reason`: from now on
        it is a page seen (never fetched again)."""
        if url in self.pending:
            self.pending.discard(url)
            store.record_fetch(url, "page", 200, doc_id=doc_id, error=reason)


class Fetcher:
    """HTTP for `warta fetch`: robots.txt, a delay per host, retries, a timeout, a
    size cap, and every response written to `warc` (a warcio WARCWriter) when given."""

    def __init__(self, options: Options, warc: Any = None, sleep: Callable[[float], None] = time.sleep) -> None:
        import urllib3

        self.options = options
        self.warc = warc
        self.sleep = sleep
        self.http = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(
            connect=options.fetch_timeout_seconds, read=options.fetch_timeout_seconds))
        self._last: dict[str, float] = {}  # host -> when its last request was sent
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    # --- politeness ------------------------------------------------------------

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        if last is not None:
            wait = last + self.options.fetch_delay_seconds - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets warta fetch it. A robots.txt that
        is missing (4xx) allows everything; one the server fails to give (5xx, no
        answer) allows nothing this run (RFC 9309, 2.3.1)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                answer = self.get(origin + "/robots.txt", robots=False)
            except FetchFailed:
                parser = None
            else:
                if answer.status == 200:
                    parser.parse(answer.body.decode("utf-8", "replace").splitlines())
                elif 400 <= answer.status < 500:
                    parser.parse([])
                else:
                    parser = None
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is not None and parser.can_fetch(self.agent, url)

    @property
    def agent(self) -> str:
        return self.options.user_agent.split("/", 1)[0].split()[0] or "warta"

    # --- requests ----------------------------------------------------------------

    def get(self, url: str, validators: dict[str, str] | None = None, robots: bool = True) -> Answer:
        """GET `url`, following up to MAX_REDIRECTS redirects (each hop checked against
        robots.txt and the host's delay) and retrying failures; FetchFailed when no
        answer came. Any status comes back as an Answer (404, 304, ...)."""
        for _ in range(MAX_REDIRECTS + 1):
            if robots and not self.allowed(url):
                raise Disallowed(url)
            answer = self._with_retries(url, validators)
            if answer.status in (301, 302, 303, 307, 308) and answer.headers.get("location"):
                url = urljoin(url, answer.headers["location"])
                validators = None
                continue
            return answer
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")

    def _with_retries(self, url: str, validators: dict[str, str] | None) -> Answer:
        tries = self.options.fetch_retries + 1
        for attempt in range(tries):
            if attempt:
                self.sleep(self.options.fetch_backoff_seconds * 2 ** (attempt - 1))
            try:
                answer = self._once(url, validators)
            except FetchFailed as exc:
                if attempt == tries - 1:
                    raise FetchFailed(f"{exc} (tried {tries} times)") from None
                continue
            if (answer.status == 429 or answer.status >= 500) and attempt < tries - 1:
                continue
            return answer
        raise AssertionError("unreachable")

    def _once(self, url: str, validators: dict[str, str] | None) -> Answer:
        import urllib3

        self._wait_turn(url)
        headers = {"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip",
                   "Accept": "application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5"}
        headers.update(validators or {})
        cap = self.options.fetch_max_bytes
        try:
            response = self.http.request("GET", url, headers=headers, redirect=False, preload_content=False,
                                         decode_content=False)
            raw = response.read(cap + 1)
            response.release_conn()
        except urllib3.exceptions.TimeoutError:
            raise FetchFailed(f"no answer within {self.options.fetch_timeout_seconds:g} s (setting fetch_timeout_seconds)") from None
        except urllib3.exceptions.HTTPError as exc:
            reason = getattr(exc, "reason", None) or exc
            raise FetchFailed(f"cannot connect ({str(reason).split(': ', 1)[-1][:200]})") from None
        if len(raw) > cap:
            raise TooLarge(Errors.FETCH_TOO_LARGE.format(limit=human_size(cap)))
        header_list = list(response.headers.items())
        answer = Answer(url, response.status, {k.lower(): v for k, v in header_list})
        if self.warc is not None and 200 <= response.status < 300:  # what was read; the rest is in table fetched
            self._write_warc(url, response, header_list, raw)
        encoding = answer.headers.get("content-encoding", "").lower()
        if encoding in ("gzip", "x-gzip"):
            decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
            try:
                answer.body = decompressor.decompress(raw, cap + 1)
            except zlib.error as exc:
                raise FetchFailed(f"the gzip body is damaged ({exc})") from None
            if len(answer.body) > cap:
                raise TooLarge(Errors.FETCH_TOO_LARGE.format(limit=human_size(cap)))
        elif encoding in ("", "identity"):
            answer.body = raw
        else:
            raise FetchFailed(f"unsupported Content-Encoding {encoding!r}")
        return answer

    def _write_warc(self, url: str, response: Any, header_list: list[tuple[str, str]], raw: bytes) -> None:
        from io import BytesIO

        from warcio.statusandheaders import StatusAndHeaders

        status = f"{response.status} {response.reason or ''}".strip()
        # the body is kept as sent but de-chunked: the header saying it was chunked goes
        kept = [(k, v) for k, v in header_list if k.lower() != "transfer-encoding"]
        http_headers = StatusAndHeaders(status, kept, protocol="HTTP/1.1")
        record = self.warc.create_warc_record(url, "response", payload=BytesIO(raw), http_headers=http_headers)
        self.warc.write_record(record)


class Disallowed(FetchFailed):
    """robots.txt does not let warta fetch this URL."""


class TooLarge(FetchFailed):
    """The body is over the size cap (setting fetch_max_bytes)."""


# --- reading feeds and sitemaps --------------------------------------------------


def feed_links(body: bytes, url: str, headers: dict[str, str]) -> tuple[str, list[str]]:
    """('feed' | 'sitemap' | 'sitemapindex', the URLs it lists, in its order);
    FetchFailed naming what the body is when it is neither a feed nor a sitemap."""
    head = body[:2048]
    kind = SITEMAP.search(head)
    if kind:
        return _sitemap(body, kind.group(1).decode())
    if HTML.match(head) or "html" in headers.get("content-type", "").lower() and b"<rss" not in head and b"<feed" not in head:
        raise FetchFailed(Errors.FETCH_NOT_FEED)
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    links = [urljoin(url, e.get("link")) for e in parsed.entries if e.get("link")]
    if parsed.bozo and not links:  # a feed cut short still gives the links it holds
        reason = str(getattr(parsed, "bozo_exception", "")) or "not XML"
        raise FetchFailed(Errors.FETCH_BROKEN_FEED.format(reason=reason.splitlines()[0][:200]))
    if not parsed.version and not links:
        raise FetchFailed(Errors.FETCH_BROKEN_FEED.format(reason="no RSS, Atom or sitemap element"))
    return "feed", links


def _sitemap(body: bytes, kind: str) -> tuple[str, list[str]]:
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise FetchFailed(Errors.FETCH_BROKEN_FEED.format(reason=exc)) from None
    locs = [el.text.strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc" and el.text and el.text.strip()]
    return kind, locs


# --- the walk ------------------------------------------------------------------


def fetch_items(sources: Iterable[Source], store: Any, options: Options, fetcher: Fetcher,
                report: FetchReport) -> Iterator[Item]:
    """Every new article page of `sources` as a RawInput (source and `url`: the page's
    URL), or a Rejection naming the URL and why it could not be read; the store's
    `fetched` table remembers what each URL answered. Pages the store has seen are
    skipped (counted in `report`)."""
    queued: set[str] = set()
    for source in sources:
        if source.kind == "page":
            if source.url not in queued:
                queued.add(source.url)
                yield from _page(source.url, store, options, fetcher, report)
            continue
        try:
            links = _source_links(source.url, store, fetcher, report, depth=0)
        except Disallowed:
            report.robots.append(source.url)
            continue
        except FetchFailed as exc:
            store.record_fetch(source.url, "source", None, error=str(exc))
            yield Rejection(source.url, str(exc))
            continue
        for link in links:
            if link in queued:
                continue
            queued.add(link)
            report.links += 1
            yield from _page(link, store, options, fetcher, report)


def _source_links(url: str, store: Any, fetcher: Fetcher, report: FetchReport, depth: int) -> list[str]:
    """The article links of a feed or sitemap (a sitemap index: of its sitemaps, one
    level down); [] when it answered 304 Not Modified."""
    state = store.fetch_state(url)
    validators = {}
    if state and state.get("etag"):
        validators["If-None-Match"] = state["etag"]
    if state and state.get("last_modified"):
        validators["If-Modified-Since"] = state["last_modified"]
    answer = fetcher.get(url, validators)
    if answer.status == 304:
        report.not_modified += 1
        store.record_fetch(url, "source", 304)
        return []
    if answer.status != 200:
        raise FetchFailed(Errors.FETCH_STATUS.format(status=answer.status))
    kind, links = feed_links(answer.body, answer.url, answer.headers)
    report.sources += 1
    store.record_fetch(url, "source", 200, answer.headers.get("etag"), answer.headers.get("last-modified"),
                       hashlib.sha1(answer.body).hexdigest())
    if kind == "sitemapindex":
        if depth:
            return []
        nested = []
        for sitemap in links:
            try:
                nested.extend(_source_links(sitemap, store, fetcher, report, depth + 1))
            except FetchFailed as exc:
                store.record_fetch(sitemap, "source", None, error=str(exc))
        return nested
    return links


def _page(url: str, store: Any, options: Options, fetcher: Fetcher, report: FetchReport) -> Iterator[Item]:
    state = store.fetch_state(url)
    if state and state["kind"] == "page" and (state["status"] in (404, 410)  # gone stays gone
                                              or state["status"] == 200 and (state["doc_id"] or state["error"])):
        report.seen += 1
        return
    try:
        answer = fetcher.get(url)
    except Disallowed:
        report.robots.append(url)
        return
    except FetchFailed as exc:
        store.record_fetch(url, "page", None, error=str(exc))
        yield Rejection(url, str(exc))
        return
    if answer.status != 200:
        reason = Errors.FETCH_STATUS.format(status=answer.status)
        store.record_fetch(url, "page", answer.status, error=reason)
        yield Rejection(url, reason)
        return
    digest = hashlib.sha1(answer.body).hexdigest()
    same = store.fetched_body(digest)
    store.record_fetch(url, "page", 200, answer.headers.get("etag"), answer.headers.get("last-modified"), digest,
                       doc_id=same["doc_id"] if same else None, error=same["error"] if same else None)
    if same:
        report.seen += 1
        return
    report.fetched += 1
    report.pending.add(url)
    crawled = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    yield document_from_bytes(url, answer.body, "html", options, {"url": answer.url, "crawled": crawled})


def parse_every(text: str) -> float:
    """'90s', '30m', '6h', '1d' (or a sum: '1h30m') -> seconds; ValueError otherwise."""
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", text.strip().lower())
    if not parts or re.sub(r"(\d+(?:\.\d+)?)\s*([smhd])", "", text.strip().lower()).strip():
        raise ValueError(f"--every {text!r}: give a duration such as 30m, 6h or 1d")
    seconds = sum(float(n) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit] for n, unit in parts)
    if seconds < 60:
        raise ValueError(f"--every {text!r}: at least 1m between runs")
    return seconds
