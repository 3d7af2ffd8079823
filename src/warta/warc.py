"""Read WARC archives (.warc, .warc.gz): each HTML response record is one article."""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .document import RawInput, Rejection
from .errors import Errors
from .read import Item, Unreadable, decode
from .settings import Options


def read_warc(source: str, options: Options) -> Iterator[Item]:
    """Yield one RawInput per HTML response; a broken archive ends with a Rejection
    after every record read before the damage."""
    with open(source, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
                if "html" not in content_type.lower():
                    continue
                where = f"{source}#{records.get_record_offset()}"
                body = record.content_stream().read(options.max_document_bytes + 1)
                url = record.rec_headers.get_header("WARC-Target-URI")
                fields = {"url": url, "crawled": record.rec_headers.get_header("WARC-Date")}
                if len(body) > options.max_document_bytes:
                    yield Rejection(where, Errors.TOO_LARGE.format(size="over the limit", limit="set"))
                    continue
                try:
                    yield RawInput(source=where, kind="html", payload=decode(body), fields=fields)
                except Unreadable as exc:
                    yield Rejection(where, str(exc))
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield Rejection(source, Errors.WARC_BROKEN.format(reason=str(exc).splitlines()[0][:120] or type(exc).__name__))
