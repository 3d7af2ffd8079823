"""Exports: the records of `query.records`, written by format name (JSONL, CSV, Parquet;
events also as PLOVER JSONL, the actor graph as GraphML)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from ..store.database import Store
from .parquet import Fields, arrow_schema
from .query.records import (DOCUMENT_FIELDS, ENTITY_FIELDS, EVENT_FIELDS, PLOVER_FIELDS, STORY_FIELDS, Record,
                            document_records, entity_records, event_records, plover_records, story_records)


def write_jsonl(records: Iterable[Record], fields: tuple[str, ...], out: IO[bytes], omit_absent: bool = False) -> int:
    """One JSON object a line with `fields` in order; with `omit_absent`, a field the record
    leaves out is left out (PLOVER's optional fields), else written as null."""
    count = 0
    for count, record in enumerate(records, start=1):
        row = {k: record[k] for k in fields if k in record} if omit_absent else {k: record.get(k) for k in fields}
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    return count


def write_csv(records: Iterable[Record], fields: tuple[str, ...], out: IO[bytes], excel: bool = False) -> int:
    """CSV, UTF-8; with `excel`, a byte order mark first so Excel reads it as UTF-8."""
    import io

    if excel:
        out.write(b"\xef\xbb\xbf")
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for count, record in enumerate(records, start=1):
        writer.writerow({k: _cell(record.get(k)) for k in fields})
    text.detach()
    return count


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def write_parquet(records: Iterable[Record], fields: Fields, out: IO[bytes]) -> int:
    """Records as one Parquet table with the types `fields` declares (`parquet.Fields`)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{k: record.get(k) for k in fields} for record in records]
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(fields)), out)
    return len(rows)


WRITERS: dict[str, Callable[[Iterable[Record], tuple[str, ...], IO[bytes]], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
}

KINDS: dict[str, tuple[Callable[[Store], Iterator[Record]], tuple[str, ...]]] = {
    "documents": (document_records, DOCUMENT_FIELDS),
    "entities": (entity_records, ENTITY_FIELDS),
    "events": (event_records, EVENT_FIELDS),
    "stories": (story_records, STORY_FIELDS),
}


def export(store: Store, kind: str, fmt: str, out: IO[bytes] | None = None, excel: bool = False) -> int:
    """Write every record of `kind` in format `fmt` (`excel`: CSV with a byte order mark);
    returns how many were written."""
    out = out or sys.stdout.buffer
    if fmt == "plover":
        return write_jsonl(plover_records(store), PLOVER_FIELDS, out, omit_absent=True)
    if fmt == "graphml":
        from .query.analysis import graphml

        text = graphml(store)
        out.write(text.encode("utf-8"))
        return text.count("<edge ")
    query, fields = KINDS[kind]
    if fmt == "csv":
        return write_csv(query(store), fields, out, excel=excel)
    return WRITERS[fmt](query(store), fields, out)
