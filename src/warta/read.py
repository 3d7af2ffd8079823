"""Stage 1, read: paths, folders, stdin, JSONL and WARC -> RawInput or Rejection.

Nothing here interprets the article; it only turns bytes into decoded text with a
`source` that names where it came from, or into a one-line reason why it cannot.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .document import RawInput, Rejection
from .errors import Errors, human_size
from .settings import Options

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
    for given in paths:
        if given == "-":
            yield from _read_stream("-", stdin or sys.stdin.buffer, options)
            continue
        path = Path(given)
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                yield Rejection(given, Errors.EMPTY_FOLDER)
            for file in files:
                yield from read_file(str(file), options)
        elif path.exists():
            yield from read_file(given, options)
        else:
            yield Rejection(given, Errors.NOT_FOUND)


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
        size = os.path.getsize(source)
        if size > options.max_document_bytes:
            yield Rejection(source, _too_large(size, options))
            return
        with open(source, "rb") as stream:
            data = stream.read()
    except OSError as exc:
        yield Rejection(source, Errors.NOT_READABLE.format(reason=exc.strerror or exc))
        return
    kind = "html" if name.endswith(HTML_SUFFIXES) else "text" if name.endswith(TEXT_SUFFIXES) else None
    yield from _document_from_bytes(source, data, kind, options)


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
    yield from _document_from_bytes(source, data, None, options)


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


def _document_from_bytes(source: str, data: bytes, kind: str | None, options: Options) -> Iterator[Item]:
    try:
        text = decode(data, options.encoding, html=kind != "text")
    except Unreadable as exc:
        yield Rejection(source, str(exc))
        return
    if kind is None:
        kind = "html" if text.lstrip()[:1] == "<" else "text"
    if kind == "html" and HTML_OPEN.search(text) and not HTML_CLOSE.search(text):
        yield Rejection(source, Errors.HTML_TRUNCATED)
        return
    yield RawInput(source=source, kind=kind, payload=text)


def decode(data: bytes, encoding: str = "utf-8", html: bool = True) -> str:
    """Bytes -> text, or Unreadable when the bytes are not text we can trust.

    UTF-8 is read as is. Any other encoding must be asked for (`encoding`) or, for
    HTML, declared by the page itself in a <meta charset>: warta does not guess.
    """
    if not data.strip():
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


def read_jsonl(source: str, stream: Iterable[bytes], options: Options) -> Iterator[Item]:
    """One article per line: fields `text` or `html`, optional `title`, `url`,
    `published`, `outlet`, `id`. Each line's source is `PATH#LINE`."""
    for number, line in enumerate(stream, start=1):
        where = f"{source}#{number}"
        if not line.strip():
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
        if not isinstance(record, dict):
            yield Rejection(where, Errors.NOT_OBJECT)
            continue
        html, body = record.get("html"), record.get("text")
        if isinstance(body, str) and body.strip():
            yield RawInput(source=where, kind="text", payload=body, fields=record)
        elif isinstance(html, str) and html.strip():
            yield RawInput(source=where, kind="html", payload=html, fields=record)
        else:
            yield Rejection(where, Errors.NO_TEXT_FIELD)
