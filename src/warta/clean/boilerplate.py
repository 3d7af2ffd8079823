"""Stage 2, clean: the article's text, without the page around it.

HTML goes through trafilatura first (with a plain-paragraph fallback when that
yields too little); then every text, extracted or given, goes through the same
line-level rules from `data/clean/boilerplate.yaml`. Nothing is thrown away silently:
each removed line is kept on the document with the id of the rule that removed it,
and a trailing footnote list becomes the document's references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import simplemma
import yaml

from ..language.dates import find_dates
from .meta import url_date
from .. import rules as rules_folder
from ..document import Document, Reference, Removed
from ..errors import Errors, RejectDocument
from ..settings import Options

SCOPES = ("line", "prefix", "inline", "tail", "repair")
# Characters that look like spaces or nothing; normalised before any rule runs.
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Runs of two or more, or one that is not a plain space: each becomes one space. (A lone
# plain space is left alone rather than replaced by itself: on a 10 MB text that made a
# million pieces to join, 100 MB.)
SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u3000]")
REFERENCE_LINE = re.compile(r"^\[(\d{1,3})\]\s*(\S.*)$")
REFERENCE_HEADING = re.compile(r"^(?:referensi|rujukan|daftar pustaka|catatan(?: kaki)?|references|notes|sources?)\s*:?$", re.I)
URL = re.compile(r"https?://\S+")
LETTERS = re.compile(r"[^\W\d_]+")
DATELINE_MAX_WORDS = 14


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    scope: str
    pattern: re.Pattern[str]
    why: str
    replace: str | None = None
    unless_known: bool = False
    max_chars: int | None = None


def load_rules(text: str | None = None, where: str = "boilerplate.yaml") -> list[Rule]:
    """Parse boilerplate rules (the packaged file by default); a bad entry raises
    ValueError naming the file, line, group and id."""
    if text is None:
        text = resources.files("warta.data").joinpath("clean", "boilerplate.yaml").read_text("utf-8")
    try:
        tree = yaml.safe_load(text) or {}
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"{where}: not valid YAML ({exc})") from None
    if not isinstance(tree, dict):
        raise ValueError(f"{where}: must map group names to lists of rules")
    lines = {}  # (group, index) -> line
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        for n, item in enumerate(value.value if isinstance(value, yaml.SequenceNode) else ()):
            lines[key.value, n] = item.start_mark.line + 1
    rules = []
    for group, entries in tree.items():
        if not entries or not isinstance(entries, list):
            raise ValueError(f"{where}: boilerplate group '{group}' is empty: an empty group would match nothing")
        for n, entry in enumerate(entries):
            at = f"{where}:{lines.get((group, n), 0)}"
            if not isinstance(entry, dict):
                raise ValueError(f"{at}: boilerplate rule {group}/{n + 1}: must be a mapping")
            ident = entry.get("id", "?")
            if entry.get("scope") not in SCOPES or not entry.get("re") or not entry.get("why"):
                raise ValueError(f"{at}: boilerplate rule {group}/{ident}: needs scope ({', '.join(SCOPES)}), re and why")
            flags = 0 if entry.get("case") else re.IGNORECASE
            try:
                pattern = re.compile(entry["re"], flags)
            except re.error as exc:
                raise ValueError(f"{at}: boilerplate rule {group}/{ident}: bad regular expression ({exc})") from None
            rules.append(
                Rule(ident, group, entry["scope"], pattern, entry["why"], entry.get("with"),
                     bool(entry.get("unless_known")), entry.get("max_chars"))
            )
    return rules


def read_rules(folder: Path | None) -> tuple[Rule, ...]:
    """The packaged rules with a rules folder's `clean/boilerplate.yaml` over them: a
    rule whose id is packaged replaces it where it stands, a new one is added to the
    end of its group (or a new group, after the packaged ones)."""
    rules = load_rules()
    extra = folder / "clean" / "boilerplate.yaml" if folder else None
    if extra is None or not extra.is_file():
        return tuple(rules)
    try:
        text = extra.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{extra}: cannot be read ({exc})") from None
    index = {rule.id: n for n, rule in enumerate(rules)}
    for rule in load_rules(text, str(extra)):
        if rule.id in index:
            rules[index[rule.id]] = rule
        else:
            last = max((n for n, r in enumerate(rules) if r.group == rule.group), default=len(rules) - 1)
            rules.insert(last + 1, rule)
            index = {r.id: n for n, r in enumerate(rules)}
    return tuple(rules)


def default_rules() -> tuple[Rule, ...]:
    """The rules in use: the packaged ones, with the active rules folder's (`warta.rules`)."""
    return _rules(rules_folder.active())


@lru_cache(maxsize=4)
def _rules(folder: Path | None) -> tuple[Rule, ...]:
    return read_rules(folder)


def extract(doc: Document, options: Options) -> Document:
    """The raw payload -> `doc.text`: as given for text, through trafilatura for HTML."""
    if doc.raw.kind == "html":
        return extract_html(doc, doc.raw.payload, options)
    doc.text, doc.extraction = doc.raw.payload, "text"
    return doc


def extract_html(doc: Document, html: str, options: Options) -> Document:
    """HTML -> article text and the page's own metadata (title, author, site, date)."""
    import htmldate
    import trafilatura

    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = (found.text if found else "") or ""
    doc.extraction = "trafilatura"
    if len(text) < options.min_extracted_chars:
        _, fallback, _ = trafilatura.baseline(html)
        if len(fallback) > len(text):
            text, doc.extraction = fallback, "baseline"
    if found:
        doc.title = doc.title or found.title
        doc.author = doc.author or found.author
        doc.outlet = doc.outlet or found.sitename
        doc.url = doc.url or found.url
    if not doc.published:
        date = htmldate.find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
        if date:
            doc.published, doc.published_basis = date, "html-meta"
        elif not url_date(doc.url):  # the URL's date comes first (meta.py)
            doc.published = page_timestamp(trafilatura.html2txt(html), text[:ARTICLE_PREFIX])
            doc.published_basis = "text" if doc.published else None
    doc.text = text
    return doc


CLOCK = re.compile(r"(?<![\d.:/])[0-2]?\d[:.][0-5]\d(?![\d.:/-])")  # "09:12", "14.05"; not "02.12.2025"
ARTICLE_PREFIX = 40  # characters of the article that place it in the page's text


def page_timestamp(page_text: str, article_start: str = "") -> str | None:
    """The day of a full date with a clock time on the page, "Rabu, 03 Des 2025 09:12 WIB"
    or "27/10/2025, 14:05 WIB": the publication stamp Indonesian outlets print beside the
    headline, outside the article text and without an HTML meta tag for htmldate to read.
    The last one before the article's first words, else the first after them (lists of
    other stories, each with its stamp, come after the article more often than before);
    a date without a time is not taken: it may be the portal's "today" or a date in the news."""
    at = page_text.find(article_start) if article_start else -1
    stamps = [d for d in find_dates(page_text) if d.basis == "explicit" and d.precision == "day" and CLOCK.search(d.text)]
    before = [d for d in stamps if at >= 0 and d.end <= at]
    chosen = before[-1] if before else next((d for d in stamps if d.start >= max(at, 0)), None)
    return chosen.value if chosen else None


def clean(doc: Document, options: Options) -> Document:
    """Remove boilerplate from `doc.text`, keeping what went in `doc.removed`."""
    lines, removed, references = clean_lines(doc.text, options, default_rules())
    doc.text = "\n".join(lines)
    doc.removed = removed
    doc.references = references
    if len(doc.text) < options.min_text_chars:
        raise RejectDocument(Errors.NO_ARTICLE.format(chars=len(doc.text)))
    return doc


def normalise(text: str) -> str:
    text = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return SPACES.sub(" ", text)


def clean_lines(text: str, options: Options, rules: tuple[Rule, ...]) -> tuple[list[str], list[Removed], list[Reference]]:
    """The pure part of `clean`: text in, kept lines, removed lines and references out."""
    text = normalise(text)
    for rule in rules:
        if rule.scope == "repair":
            text = rule.pattern.sub(rule.replace or "", text)
    numbered = [(n, line.strip()) for n, line in enumerate(text.split("\n"), start=1)]
    del text  # the normalised copy: its lines hold it now (a 10 MB text is not held a third time)
    numbered = [(n, line) for n, line in numbered if line]
    numbered, references = split_references(numbered)
    kept: list[tuple[int, str]] = []
    removed: list[Removed] = []
    tail_from = int(len(numbered) * (1 - options.tail_fraction))
    for index, (number, line) in enumerate(numbered):
        rule = match_line(line, rules)
        if rule and rule.scope == "tail" and index >= tail_from:
            removed.extend(Removed(n, rest, rule.id) for n, rest in numbered[index:])
            break
        if rule:
            removed.append(Removed(number, line, rule.id))
            continue
        line = cut_inline(number, line, rules, removed)
        if line:
            kept.append((number, line))
    kept = remove_datelines(kept, removed, options)
    removed.sort(key=lambda r: r.line)
    return [line for _, line in kept], removed, references


def match_line(line: str, rules: tuple[Rule, ...]) -> Rule | None:
    """The first whole-line rule (line, prefix, tail) that matches `line`."""
    for rule in rules:
        if rule.max_chars and len(line) > rule.max_chars:
            continue
        if rule.scope in ("line", "tail") and rule.pattern.fullmatch(line):
            return rule
        if rule.scope == "prefix" and rule.pattern.match(line):
            return rule
    return None


def cut_inline(number: int, line: str, rules: tuple[Rule, ...], removed: list[Removed]) -> str:
    for rule in rules:
        if rule.scope != "inline":
            continue
        for match in reversed(list(rule.pattern.finditer(line))):
            if rule.unless_known and is_word(match.group()):
                continue
            removed.append(Removed(number, match.group(), rule.id))
            line = (line[: match.start()].rstrip() + " " + line[match.end():].lstrip()).strip()
    return line


def is_word(token: str) -> bool:
    """True when the letters of `token` are an Indonesian or English word."""
    letters = "".join(LETTERS.findall(token)).lower()
    return any(simplemma.is_known(letters, lang=lang) for lang in ("id", "en"))


def split_references(numbered: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[Reference]]:
    """Take the trailing numbered footnote list ('[1] Author. (2023, ...). Title. URL')
    off the text. Markers like '[1]' in the body stay, linked by their number."""
    end = len(numbered)
    start = end
    while start > 0 and REFERENCE_LINE.match(numbered[start - 1][1]):
        start -= 1
    if end - start < 1:
        return numbered, []
    references = []
    for _, line in numbered[start:end]:
        marker, body = REFERENCE_LINE.match(line).groups()
        url = URL.search(body)
        dated = [d for d in find_dates(body) if d.basis == "explicit" and d.value]
        references.append(Reference(marker, body, url.group().rstrip(".,)") if url else None,
                                    max(d.value for d in dated) if dated else None))
    if start > 0 and REFERENCE_HEADING.match(numbered[start - 1][1]):
        start -= 1
    return numbered[:start], references


def remove_datelines(kept: list[tuple[int, str]], removed: list[Removed], options: Options) -> list[tuple[int, str]]:
    """A short header line that carries a full date ("Kompas dunia | 21 November 2024,
    13:38 WIB") is the page's dateline, not article text; the metadata stage reads
    the publication date from it."""
    result = []
    for index, (number, line) in enumerate(kept):
        if index < options.header_lines and is_dateline(line):
            removed.append(Removed(number, line, "dateline"))
        else:
            result.append((number, line))
    return result


def is_dateline(line: str) -> bool:
    if len(line.split()) > DATELINE_MAX_WORDS or line.endswith((".", "?", "!", ":")):
        return False
    return any(d.basis == "explicit" and d.precision == "day" for d in find_dates(line))
