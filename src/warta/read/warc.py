"""Read WARC archives (.warc, .warc.gz): each HTML response record is one article.

warcio reads leniently: a gzip member cut short ends the archive without a word, a
record cut inside its body comes back short, and one cut inside its header raises
whatever its parser trips on. So this module checks what warcio does not: the gzip
members are walked once on their own (`damaged_member`), each record's body must be as
long as its Content-Length says, and any error while parsing becomes one rejection that
names the record and its byte offset, after every record read before the damage.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from ..document import Rejection
from ..errors import Errors, human_size
from .inputs import Item, document_from_bytes
from ..settings import Options

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 20
MALFORMED = "the record header is cut short or malformed"


def _is_html_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response":
        return False
    content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
    return "html" in content_type.lower()


def damaged_member(source: str) -> tuple[int, str] | None:
    """(offset, reason) of the first gzip member of `source` that is corrupt or cut
    short, or None when the file is not gzip or every member is whole."""
    with open(source, "rb") as stream:
        if stream.read(2) != GZIP_MAGIC:
            return None
        stream.seek(0)
        start = position = 0  # the member being read, and how far the file is read
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        pending = b""
        while True:
            data = pending or stream.read(CHUNK)
            pending = b""
            if not data:
                break
            try:
                decompressor.decompress(data)
            except zlib.error as exc:
                return start, f"corrupt gzip data: {exc}"
            consumed = len(data) - len(decompressor.unused_data)
            position += consumed
            if decompressor.eof:
                pending = decompressor.unused_data
                start = position
                decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        if position == start:  # ended on a member boundary
            return None
        return start, "the file ends inside a gzip member (cut short)"


def count_warc(source: str) -> int:
    """The number of articles `read_warc` will yield (headers only, bodies skipped)."""
    try:
        with open(source, "rb") as stream:
            return sum(1 for record in ArchiveIterator(stream) if _is_html_response(record))
    except Exception:  # noqa: BLE001 - warcio raises anything on a damaged archive; read_warc names the damage
        return 1


def read_warc(source: str, options: Options) -> Iterator[Item]:
    """Yield one RawInput per HTML response, with the record's URL and crawl date; a
    damaged archive ends with one Rejection, `FILE#OFFSET`, naming the damaged record,
    after every record read before the damage."""
    damage = damaged_member(source)
    number = 0  # records read so far, of any type

    def broken(offset: int, reason: str) -> Rejection:
        return Rejection(f"{source}#{offset}", Errors.WARC_BROKEN.format(number=number + 1, offset=offset, reason=reason))

    with open(source, "rb") as stream:
        records = ArchiveIterator(stream)
        while True:
            start = records.offset
            if damage and start >= damage[0]:
                yield broken(damage[0], damage[1])
                return
            try:
                record = next(records, None)
                if record is None:
                    break
                html = _is_html_response(record)
                # the body first: asking for the offset first skips the body (warcio 1.8)
                body = record.content_stream().read(options.max_document_bytes + 1) if html else b""
                while record.raw_stream.read(CHUNK):
                    pass
                missing = getattr(record.raw_stream, "limit", 0)
                fields = {"url": record.rec_headers.get_header("WARC-Target-URI"),
                          "crawled": record.rec_headers.get_header("WARC-Date")}
                length = records.get_record_length()
            except OSError as exc:
                yield broken(start, exc.strerror or str(exc))
                return
            except Exception:  # noqa: BLE001 - warcio's parser raises anything (AttributeError, ...) on damaged bytes
                yield broken(start, MALFORMED)
                return
            if record.rec_type is None or not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                yield broken(start, MALFORMED)
                return
            if missing:
                yield broken(start, f"the record is cut short, {missing} bytes of its body are missing")
                return
            if damage and start + length > damage[0]:
                yield broken(start, damage[1])
                return
            number += 1
            if not html:
                continue
            where = f"{source}#{start}"
            if len(body) > options.max_document_bytes:
                limit = human_size(options.max_document_bytes)
                yield Rejection(where, Errors.TOO_LARGE.format(size=f"over {limit}", limit=limit))
                continue
            yield document_from_bytes(where, body, "html", options, fields)
        if damage:
            yield broken(damage[0], damage[1])
            return
        stream.seek(records.offset)
        if stream.read(CHUNK).strip(b"\r\n\t \x00"):  # bytes warcio stopped at without a word
            yield broken(records.offset, MALFORMED)
