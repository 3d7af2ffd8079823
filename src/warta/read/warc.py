"""Read WARC archives (.warc, .warc.gz): each HTML response record is one article."""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from ..document import Rejection
from ..errors import Errors, human_size
from .inputs import Item, document_from_bytes
from ..settings import Options


def _is_html_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response":
        return False
    content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
    return "html" in content_type.lower()


def count_warc(source: str) -> int:
    """The number of articles `read_warc` will yield (headers only, bodies skipped)."""
    with open(source, "rb") as stream:
        try:
            return sum(1 for record in ArchiveIterator(stream) if _is_html_response(record))
        except (ArchiveLoadFailed, OSError, EOFError, ValueError):
            return 1


def read_warc(source: str, options: Options) -> Iterator[Item]:
    """Yield one RawInput per HTML response, with the record's URL and crawl date;
    a broken archive ends with a Rejection after every record read before the damage."""
    with open(source, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if not _is_html_response(record):
                    continue
                # the body first: asking for the offset first skips the body (warcio 1.8)
                body = record.content_stream().read(options.max_document_bytes + 1)
                where = f"{source}#{records.get_record_offset()}"
                if len(body) > options.max_document_bytes:
                    limit = human_size(options.max_document_bytes)
                    yield Rejection(where, Errors.TOO_LARGE.format(size=f"over {limit}", limit=limit))
                    continue
                fields = {"url": record.rec_headers.get_header("WARC-Target-URI"),
                          "crawled": record.rec_headers.get_header("WARC-Date")}
                yield from document_from_bytes(where, body, "html", options, fields)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield Rejection(source, Errors.WARC_BROKEN.format(reason=str(exc).splitlines()[0][:120] or type(exc).__name__))
