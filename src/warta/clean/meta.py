"""Stage 3, metadata: title, author, outlet, URL and publication date.

One function per field, each trying its sources from the most to the least
reliable (trafilatura's metadata.py is the model) and recording which one answered
where SPEC asks for it (`published_basis`). When no source states a date, the
date stays null or is inferred from the references and marked `inferred`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from ..language.dates import find_dates, parse_published
from .. import rules
from ..document import Document

BYLINE_FIELD = re.compile(
    r"(penulis|reporter|pewarta|editor|penyunting|redaktur|kontributor|oleh|writer|author|by)\s*:\s*"
    r"(.+?)\s*(?=(?:penulis|reporter|pewarta|editor|penyunting|redaktur|kontributor|writer|author)\s*:|$)",
    re.I,
)
AUTHOR_ROLES = ("penulis", "reporter", "pewarta", "oleh", "writer", "author", "by", "kontributor")
# "SEOUL, KOMPAS.TV — ..." / "JAKARTA, KOMPAS.com - ...": city, outlet, dash.
LEAD_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,30}, ([A-Za-z][\w.]*(?:\.[a-z]{2,4}|TV|tv))\s*[—–-]\s")
# Any other dateline before its dash: "Beijing (ANTARA) -", "Jakarta, CNN Indonesia --",
# "TEMPO.CO, Jakarta -", "Liputan6.com, Jakarta -"; one of its comma- or bracket-separated
# parts names the outlet when outlets.tsv knows it ("Jakarta" names none).
LEAD_HEAD = re.compile(r"^(.{2,60}?)\s*(?:--|[—–]|(?<!\w)-|-(?!\w))")  # not a hyphen inside a word ("Suara-suara")
HEAD_PARTS = re.compile(r"[,()]")
# A masthead before the dateline: "Kompas dunia | 21 November 2024".
MASTHEAD = re.compile(r"^([^|#]{2,40}?)\s*\|")
URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|\b)")
TITLE_MAX_CHARS = 200
TITLE_MIN_WORDS = 3
CAPTION = re.compile(r"\((?:sumber|foto|photo|source|dok)\s*:", re.I)


def outlet_names() -> dict[str, str]:
    """Alias (lower-case: domain, masthead or wire name) -> canonical outlet name, from
    the packaged outlets.tsv and the active rules folder's (`warta.rules`)."""
    return _outlet_names(rules.active())


@lru_cache(maxsize=4)
def _outlet_names(folder: Path | None) -> dict[str, str]:
    return read_outlet_names(folder)


def read_outlet_names(folder: Path | None) -> dict[str, str]:
    """outlets.tsv, then a rules folder's `clean/outlets.tsv`: an alias it names maps to
    its canonical name there, whatever the packaged file said. A line with no
    canonical name raises ValueError naming the file and line."""
    names: dict[str, str] = {}
    texts = [("outlets.tsv", resources.files("warta.data").joinpath("clean", "outlets.tsv").read_text("utf-8"))]
    extra = folder / "clean" / "outlets.tsv" if folder else None
    if extra is not None and extra.is_file():
        try:
            texts.append((str(extra), extra.read_text("utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{extra}: cannot be read ({exc})") from None
    for where, text in texts:
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            canonical, *aliases = [part.strip() for part in line.split("\t")]
            if not canonical:
                raise ValueError(f"{where}:{number}: a line starts with the canonical outlet name, then its aliases, tab-separated")
            for alias in [canonical, *aliases]:
                if alias:
                    names[alias.lower()] = canonical
    return names


def canonical_outlet(name: str | None) -> str | None:
    """'KOMPAS.TV', 'www.kompas.tv', 'nasional.kompas.com' -> the canonical name from
    outlets.tsv; an unknown name passes as given."""
    if not name or not name.strip():
        return None
    return known_outlet(name) or name.strip()


def known_outlet(name: str) -> str | None:
    """The canonical name outlets.tsv gives `name` or any of its parent domains, else None."""
    names = outlet_names()
    parts = name.strip().lower().split(".")
    for start in range(len(parts)):
        candidate = ".".join(parts[start:])
        if candidate in names:
            return names[candidate]
    return None


def masthead_outlet(masthead: str) -> str:
    """'Kompas dunia' -> 'Kompas': the longest leading words that name a known outlet
    (the rest is the section); an unknown masthead is the outlet as written."""
    words = masthead.split()
    for end in range(len(words), 0, -1):
        known = outlet_names().get(" ".join(words[:end]).lower())
        if known:
            return known
    return masthead.strip()


def find_metadata(doc: Document) -> Document:
    fields = doc.raw.fields if doc.raw else {}
    doc.url = doc.url or _text(fields.get("url"))
    doc.title = find_title(doc, fields)
    doc.author = find_author(doc, fields)
    doc.outlet = find_outlet(doc, fields)
    doc.published, doc.published_basis = find_published(doc, fields)
    return doc


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def find_title(doc: Document, fields: dict) -> str | None:
    """Record field, HTML title, else the first line if it reads like a headline."""
    given = _text(fields.get("title")) or doc.title
    if given:
        return given
    first = doc.text.split("\n", 1)[0].strip()
    words = first.split()
    if (
        TITLE_MIN_WORDS <= len(words)
        and len(first) <= TITLE_MAX_CHARS
        and not first.endswith((".", ",", ";", ":"))
        and not CAPTION.search(first)
        and first[:1].isupper()
    ):
        return first
    return None


def byline_fields(doc: Document) -> list[tuple[str, str]]:
    """(role, name) pairs from the byline lines the cleaner removed."""
    pairs = []
    for removed in doc.removed:
        if removed.rule.startswith("byline"):
            pairs.extend((role.lower(), name.strip(" ,;|")) for role, name in BYLINE_FIELD.findall(removed.text))
    return pairs


def find_author(doc: Document, fields: dict) -> str | None:
    given = _text(fields.get("author")) or doc.author
    if given:
        return given
    names = [name for role, name in byline_fields(doc) if role in AUTHOR_ROLES and name]
    return ", ".join(dict.fromkeys(names)) or None


def find_outlet(doc: Document, fields: dict) -> str | None:
    """Record field, HTML site name, URL host, lead dateline, then the masthead."""
    for candidate in (_text(fields.get("outlet")), doc.outlet):
        if candidate:
            return canonical_outlet(candidate)
    if doc.url:
        host = urlsplit(doc.url).hostname
        if host:
            return canonical_outlet(host)
    for line in doc.text.split("\n", 3)[:3]:
        lead = LEAD_DATELINE.match(line)
        if lead:
            return canonical_outlet(lead.group(1))
        head = LEAD_HEAD.match(line)
        parts = HEAD_PARTS.split(head.group(1)) if head else []
        known = next((name for name in map(known_outlet, parts) if name), None)
        if known:
            return known
    for removed in doc.removed:
        masthead = MASTHEAD.match(removed.text) if removed.rule == "dateline" else None
        if masthead:
            return masthead_outlet(masthead.group(1))
    return None


# The lead a publication date is read from when nothing else gives one, and what makes a
# date in it full: a year written out ("Kamis (12/9/2019)", "12 September 2019"). The
# lead is the first sentence and the next, whose speech frame often dates the story
# ('"...," kata Kabareskrim Polri Komjen Wahyu Widada ..., Senin (13/5/2024).'): 400
# characters missed that date in 3 of 41 articles of corpus/recent2-3 with none before it.
LEAD_CHARS = 600
YEAR_GIVEN = re.compile(r"(?:19|20)\d\d")
# How many days before the crawl a lead's date may be to stand for the publication: the
# IndoSum leads' weekday dates were 0 to 2 days before the crawl in 757 of 913 leads
# (`_day_before`); a date further back is one the story tells ("siraman air keras 11 April
# 2017" in a story crawled in February 2018), one after the crawl an announced one.
CRAWL_LEAD_DAYS = 3


def find_published(doc: Document, fields: dict) -> tuple[str | None, str | None]:
    """Record field, HTML meta, the dateline, the URL, else inferred: from the newest
    full date of the lead (within a few days before the crawl when the record gives its
    crawl day), from the references (the article is at least as new as the newest work it
    cites) or from the crawl date a record carries (the day before it). Never a date
    without its basis."""
    given = _text(fields.get("published"))
    parsed = parse_published(given) if given else None
    if parsed:
        return _unswapped(parsed[0], doc.url), "html-meta"
    if doc.published:
        return doc.published, doc.published_basis
    for removed in doc.removed:
        if removed.rule == "dateline":
            dates = [d for d in find_dates(removed.text) if d.basis == "explicit" and d.precision == "day"]
            if dates:
                return dates[0].value, "text"
    match = url_date(doc.url)
    if match and parse_published("-".join(match.groups())):  # a real day: not ".../2019/02/31/"
        return "-".join(match.groups()), "url"
    crawled = _text(fields.get("crawled"))
    parsed = parse_published(crawled) if crawled else None
    lead = [d.value for d in find_dates(doc.text[:LEAD_CHARS]) if d.basis == "explicit" and d.precision == "day"
            and d.value and YEAR_GIVEN.search(d.text) and (parsed is None or _near_crawl(d.value, parsed[0]))]
    if lead:  # "Jakarta - ... Kamis (12/9/2019)": the story is at least as new as its lead's newest full date
        return max(lead), "inferred"
    cited = [ref.date for ref in doc.references if ref.date]
    if cited:
        return max(cited), "inferred"
    if parsed:  # a dump's crawl day stands for the day before it; a fetch time (WARC-Date) for itself
        return (_day_before(parsed[0]) if len(crawled.strip()) == 10 else parsed[0]), "inferred"
    return None, None


def url_date(url: str | None) -> re.Match[str] | None:
    """The year, month and day a URL's path holds (".../2019/09/10/..."), if any."""
    return URL_DATE.search(urlsplit(url).path) if url else None


def _near_crawl(value: str, crawled: str) -> bool:
    """Whether a lead's full date can be the publication date of a story crawled on `crawled`:
    on the crawl day or up to CRAWL_LEAD_DAYS before it."""
    if len(crawled) < 10:
        return True
    crawl_day = date.fromisoformat(crawled[:10])
    return crawl_day - timedelta(days=CRAWL_LEAD_DAYS) <= date.fromisoformat(value) <= crawl_day


def _unswapped(value: str, url: str | None) -> str:
    """A record date whose day and month are swapped against the date in its own URL
    ("2019-10-09" for .../2019/09/10/...: CLICK-ID mixes formats) is the URL's."""
    match = url_date(url) if len(value) == 10 else None
    if match:
        year, month, day = match.groups()
        if value == f"{year}-{day}-{month}" and day != month:
            return f"{year}-{month}-{day}"
    return value


def _day_before(value: str) -> str:
    """A dump's crawl day (a date, no time) stands for the day before it: on 913 IndoSum
    leads with a weekday date, that date was the crawl day minus one 453 times, minus two
    174 times and the crawl day itself 130 times."""
    if len(value) != 10:
        return value
    return (date.fromisoformat(value) - timedelta(days=1)).isoformat()
