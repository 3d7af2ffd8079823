"""Exports: query functions return plain dicts; writers format them by name.

The records follow SPEC's field lists exactly; the web app will use the same query
functions, so the two cannot disagree.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from .store import Store

DOCUMENT_FIELDS = (
    "doc_id", "source", "title", "outlet", "author", "url", "published",
    "published_basis", "language", "text", "duplicate_of",
)

ENTITY_FIELDS = ("entity_id", "type", "name", "aliases", "country", "sector", "mentions", "documents")

Record = dict[str, Any]


def document_records(store: Store) -> Iterator[Record]:
    columns = ", ".join(DOCUMENT_FIELDS)
    return store.rows(f"SELECT {columns} FROM documents ORDER BY rowid")


def entity_records(store: Store) -> Iterator[Record]:
    """One record per entity: every surface form seen, and how often and where."""
    rows = store.rows(
        "SELECT e.entity_id, e.type, e.name, e.country, e.sector, count(*) AS mentions,"
        " count(DISTINCT m.doc_id) AS documents, json_group_array(DISTINCT m.text) AS aliases"
        " FROM entities e JOIN mentions m USING (entity_id)"
        " GROUP BY e.entity_id ORDER BY mentions DESC, e.name"
    )
    for row in rows:
        row["aliases"] = sorted(json.loads(row["aliases"]))
        yield row


def write_jsonl(records: Iterable[Record], fields: tuple[str, ...], out: IO[bytes]) -> int:
    count = 0
    for count, record in enumerate(records, start=1):
        out.write(json.dumps({k: record.get(k) for k in fields}, ensure_ascii=False).encode("utf-8") + b"\n")
    return count


def write_csv(records: Iterable[Record], fields: tuple[str, ...], out: IO[bytes]) -> int:
    import io

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


def write_parquet(records: Iterable[Record], fields: tuple[str, ...], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{k: record.get(k) for k in fields} for record in records]
    table = pa.Table.from_pylist(rows) if rows else pa.table({k: pa.array([], pa.string()) for k in fields})
    pq.write_table(table, out)
    return len(rows)


WRITERS: dict[str, Callable[[Iterable[Record], tuple[str, ...], IO[bytes]], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
}

KINDS: dict[str, tuple[Callable[[Store], Iterator[Record]], tuple[str, ...]]] = {
    "documents": (document_records, DOCUMENT_FIELDS),
    "entities": (entity_records, ENTITY_FIELDS),
}


def export(store: Store, kind: str, fmt: str, out: IO[bytes] | None = None) -> int:
    """Write every record of `kind` in format `fmt`; returns how many were written."""
    query, fields = KINDS[kind]
    return WRITERS[fmt](query(store), fields, out or sys.stdout.buffer)
