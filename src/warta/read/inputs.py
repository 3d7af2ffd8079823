"""Stage 1, read: paths, folders, stdin, JSONL and WARC -> RawInput or Rejection.

Nothing here interprets the article; it only turns bytes into decoded text with a
`source` that names where it came from, or into a one-line reason why it cannot.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from ..document import RawInput, Rejection
from ..errors import Errors, human_size
from ..settings import Options

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES

# Magic numbers of formats people drop into a folder of articles by mistake.
MAGIC = {
    b"\x1f\x8b": "gzip archive",
    b"PK\x03\x04": "zip archive",
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"SQLite format 3": "SQLite database",
    b"\x7fELF": "executable",
}
CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
HTML_OPEN = re.compile(r"<html[\s>]", re.I)
HTML_CLOSE = re.compile(r"</html\s*>", re.I)
# Control characters other than tab, newline, carriage return and form feed.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")

Item = RawInput | Rejection


def read_inputs(paths: Iterable[str], options: Options, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Yield every article found under `paths` ('-' is standard input), in order."""
    for given in input_files(paths):
        if isinstance(given, Rejection):
            yield given
        elif given == "-":
            yield from _read_stream("-", stdin or sys.stdin.buffer, options)
        else:
            yield from read_file(given, options)


def input_files(paths: Iterable[str]) -> Iterator[str | Rejection]:
    """The files `read_inputs` reads, in its order (a folder's readable files, sorted;
    '-' as given), and a Rejection for a path that names nothing to read."""
    for given in paths:
        path = Path(given)
        if given == "-":
            yield given
        elif path.is_dir():
            files = _folder_files(path)
            if not files:
                yield Rejection(given, Errors.EMPTY_FOLDER)
            yield from (_regular(str(file)) for file in files)
        elif path.exists():
            yield _regular(given)
        else:
            yield Rejection(given, Errors.NOT_FOUND)


SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                 (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _regular(path: str) -> str | Rejection:
    """`path` when it is a regular file (or a link to one); a Rejection for a named
    pipe, device or socket, which is never opened: reading one may wait forever."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return Rejection(path, Errors.NOT_READABLE.format(reason=exc.strerror or exc))
    if stat.S_ISREG(mode):
        return path
    what = next((name for test, name in SPECIAL_FILES if test(mode)), "not a file")
    return Rejection(path, Errors.NOT_REGULAR.format(what=what))


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many items `read_inputs` will yield, counted cheaply (JSONL lines, WARC
    HTML responses, one per other file) so a progress bar can show an ETA; None
    when unknown (standard input)."""
    total = 0
    for given in input_files(paths):
        if given == "-":
            return None
        if isinstance(given, Rejection):
            total += 1
            continue
        name = given.lower()
        try:
            if name.endswith(JSONL_SUFFIXES):
                with open(given, "rb") as stream:
                    total += sum(1 for line in stream if line.strip())
            elif name.endswith(WARC_SUFFIXES):
                from .warc import count_warc

                total += count_warc(given)
            else:
                total += 1
        except OSError:
            total += 1  # read_inputs reports it as one rejection
    return total


def _folder_files(folder: Path) -> list[Path]:
    """Readable article files below `folder`, sorted, skipping hidden entries."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / name
            for name in sorted(files)
            if not name.startswith(".") and name.lower().endswith(KNOWN_SUFFIXES)
        )
    return found


def read_file(source: str, options: Options) -> Iterator[Item]:
    name = source.lower()
    try:
        if name.endswith(JSONL_SUFFIXES):
            with open(source, "rb") as stream:
                yield from read_jsonl(source, stream, options)
            return
        if name.endswith(WARC_SUFFIXES):
            from .warc import read_warc  # warcio is only imported for WARC input

            yield from read_warc(source, options)
            return
    except OSError as exc:
        yield Rejection(source, Errors.NOT_READABLE.format(reason=exc.strerror or exc))
        return
    yield _whole_file(source, name, options)


def _whole_file(source: str, name: str, options: Options) -> Item:
    """A file that is one article (its kind from its name, else from its start). A
    function, not part of the generator: its bytes are let go before the article is
    processed."""
    try:
        size = os.path.getsize(source)
        if size > options.max_document_bytes:
            return Rejection(source, _too_large(size, options))
        with open(source, "rb") as stream:
            data = stream.read()
    except OSError as exc:
        return Rejection(source, Errors.NOT_READABLE.format(reason=exc.strerror or exc))
    kind = "html" if name.endswith(HTML_SUFFIXES) else "text" if name.endswith(TEXT_SUFFIXES) else None
    return document_from_bytes(source, data, kind, options)


def _read_stream(source: str, stream: BinaryIO, options: Options) -> Iterator[Item]:
    """Standard input: one article, or JSONL when its first character is '{'."""
    head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_jsonl(source, stream, options)
        return
    data = stream.read(options.max_document_bytes + 1)
    if len(data) > options.max_document_bytes:
        yield Rejection(source, _too_large(len(data), options, at_least=True))
        return
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_jsonl(source, _BytesLines(data), options)
        return
    yield document_from_bytes(source, data, None, options)


class _BytesLines:
    """Iterate the lines of bytes already read, like a binary file."""

    def __init__(self, data: bytes) -> None:
        self._lines = data.splitlines(keepends=True)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._lines)


def _too_large(size: int, options: Options, at_least: bool = False) -> str:
    shown = ("over " if at_least else "") + human_size(size)
    return Errors.TOO_LARGE.format(size=shown, limit=human_size(options.max_document_bytes))


class Unreadable(Exception):
    """Bytes that are not an article we can read; the message is the reason."""


def document_from_bytes(source: str, data: bytes, kind: str | None, options: Options,
                        fields: dict | None = None) -> Item:
    """One article's bytes -> a RawInput, or a Rejection saying why not (encoding,
    binary, HTML cut off before </html>)."""
    try:
        text = decode(data, options.encoding, html=kind != "text")
    except Unreadable as exc:
        return Rejection(source, str(exc))
    if kind is None:
        kind = "html" if text.lstrip()[:1] == "<" else "text"
    if kind == "html" and HTML_OPEN.search(text) and not HTML_CLOSE.search(text):
        return Rejection(source, Errors.HTML_TRUNCATED)
    return RawInput(source=source, kind=kind, payload=text, fields=fields or {})


def decode(data: bytes, encoding: str = "utf-8", html: bool = True) -> str:
    """Bytes -> text, or Unreadable when the bytes are not text we can trust.

    UTF-8 is read as is. Any other encoding must be asked for (`encoding`) or, for
    HTML, declared by the page itself in a <meta charset>: warta does not guess.
    """
    if _blank(data):
        raise Unreadable(Errors.EMPTY)
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise Unreadable(Errors.BINARY.format(what=what))
    wanted = encoding.lower().replace("_", "-")
    if wanted in ("utf-8", "utf8"):
        wanted = (_declared_charset(data) if html else None) or "utf-8"
    if wanted == "utf-8":
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise Unreadable(Errors.UTF16)
        if b"\x00" in data[:8192]:
            raise Unreadable(Errors.BINARY.format(what="contains NUL bytes"))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise Unreadable(_not_utf8(data, exc)) from None
    else:
        try:
            text = data.decode(wanted).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError) as exc:
            raise Unreadable(Errors.BAD_ENCODING.format(encoding=wanted, reason=exc)) from None
    controls = len(CONTROL.findall(text[:8192]))
    if controls > 8:
        raise Unreadable(Errors.BINARY.format(what=f"{controls} control characters in the first 8 kB"))
    return text


def _blank(data: bytes) -> bool:
    """Nothing but white space, told without a stripped copy of a 10 MB line."""
    return not data or data.isspace()


def _declared_charset(data: bytes) -> str | None:
    match = CHARSET_META.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(name).name.replace("_", "-")
    except LookupError:
        return None


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    byte = data[exc.start]
    try:
        data.decode("cp1252")
        guess, suggest = "looks like Latin-1/Windows-1252", "latin-1"
    except UnicodeDecodeError:
        guess, suggest = "unknown encoding", "ENCODING"
    return Errors.NOT_UTF8.format(byte=byte, offset=exc.start, guess=guess, suggest=suggest)


def jsonl_chunks(source: str, lines: int) -> Iterator[tuple[int, int, int]]:
    """Consecutive chunks of `lines` lines of a JSONL file, each as (byte offset,
    number of its first line, line count): parts of one big file that separate
    workers read with `read_jsonl_chunk`. Raises OSError when the file cannot be read."""
    offset = size = count = 0
    first = 1
    with open(source, "rb") as stream:
        for number, line in enumerate(stream, start=1):
            if count == lines:
                yield offset, first, count
                offset, first, size, count = offset + size, number, 0, 0
            size += len(line)
            count += 1
    if count:
        yield offset, first, count


def read_jsonl_chunk(source: str, offset: int, first_line: int, count: int, options: Options) -> Iterator[Item]:
    """Lines first_line .. first_line + count - 1 of a JSONL file (starting at byte
    `offset`, see `jsonl_chunks`), with the same `PATH#LINE` sources as reading it whole."""
    try:
        with open(source, "rb") as stream:
            stream.seek(offset)
            yield from read_jsonl(source, islice(stream, count), options, first_line)
    except OSError as exc:
        yield Rejection(source, Errors.NOT_READABLE.format(reason=exc.strerror or exc))


def read_jsonl(source: str, stream: Iterable[bytes], options: Options, first_line: int = 1) -> Iterator[Item]:
    """One article per line: fields `text` or `html`, optional `title`, `url`,
    `published`, `outlet`, `id`. Each line's source is `PATH#LINE`.

    While the caller works on an article, this generator holds nothing of it: the
    line is let go once read (not `enumerate`, which keeps its last pair), and the
    text or HTML moves out of the record into the RawInput (issue 19: a 10 MB line)."""
    number = first_line - 1
    for line in stream:
        number += 1
        where = f"{source}#{number}"
        if _blank(line):
            continue
        if len(line) > options.max_document_bytes:
            yield Rejection(where, _too_large(len(line), options))
            continue
        try:
            record = json.loads(decode(line, options.encoding, html=False))
        except Unreadable as exc:
            yield Rejection(where, str(exc))
            continue
        except json.JSONDecodeError as exc:
            yield Rejection(where, Errors.NOT_JSON.format(reason=f"{exc.msg.removesuffix(' at')} at column {exc.colno}"))
            continue
        del line
        yield _article(where, record)


# Other names dumps and scrapers give warta's JSONL fields: the first of them a record
# fills stands for the field it lacks ("date" for "published", "content" for "text").
FIELD_ALIASES = {
    "text": ("content", "body", "article"),
    "published": ("date", "published_at", "publish_date", "date_published", "datePublished", "pubdate", "pub_date"),
    "title": ("headline",),
    "url": ("link",),
}


def _with_aliases(record: dict) -> dict:
    """`record` with each field it lacks taken from the first alias it fills (FIELD_ALIASES)."""
    for name, aliases in FIELD_ALIASES.items():
        if record.get(name) in (None, ""):
            alias = next((a for a in aliases if record.get(a) not in (None, "")), None)
            if alias is not None:
                record[name] = record.pop(alias)
    return record


def _article(where: str, record: object) -> Item:
    """A JSONL record as an input: its text (else its HTML) the payload, its other
    fields the metadata (under warta's names, `FIELD_ALIASES`)."""
    if not isinstance(record, dict):
        return Rejection(where, Errors.NOT_OBJECT)
    record = _with_aliases(record)
    html, body = record.pop("html", None), record.pop("text", None)
    if isinstance(body, str) and body.strip():
        return RawInput(source=where, kind="text", payload=body, fields=record)
    if isinstance(html, str) and html.strip():
        return RawInput(source=where, kind="html", payload=html, fields=record)
    return Rejection(where, Errors.NO_TEXT_FIELD)
