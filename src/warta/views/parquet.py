"""Parquet: the types of every column warta writes, declared once; the output of `warta
spark`, and reading it back for `warta import-parquet`.

A column's type is a name ("string", "int64", "double", "bool", "binary"), a list of a
type, or a struct of named types. The store's tables take theirs from the migrations
(`table_types`); `warta spark` writes its datasets with them, and `warta export
--format parquet` writes each record kind with the types its `Fields` declare (the table
columns' own, the stored JSON as lists and structs), so an all-null column keeps its
type.

The output folder holds one dataset (a folder of Parquet files) per store table, with
the table's columns plus `seq` and `pos` (the row's place in input order), a
`rejected` dataset, and `warta.json`, written last: a folder without it is not (or not
yet) a finished output. `documents` and `events` are partitioned by `month`. Reading
needs pyarrow only, not Spark.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..store.rows import LOADED
from ..store.schema import migrations, table_schema

MANIFEST = "warta.json"
FORMAT = "warta-parquet"
BATCH_ROWS = 10_000


Type = str | tuple[str, Any]  # a scalar's name, ("list", Type) or ("struct", ((name, Type), ...))
SQL_TYPES: dict[str, Type] = {"TEXT": "string", "INTEGER": "int64", "REAL": "double", "BLOB": "binary"}


def list_of(kind: Type) -> Type:
    return ("list", kind)


def struct(**columns: Type) -> Type:
    return ("struct", tuple(columns.items()))


def table_types(table: str) -> dict[str, Type]:
    """A store table's columns and their types, as its migrations declare them."""
    return {name: SQL_TYPES[kind] for name, kind in table_schema(table)}


class Fields(tuple):
    """Field names in output order, with the declared type of each in `types`: every
    writer takes the names, the Parquet writer also the types."""

    types: dict[str, Type]

    def __new__(cls, types: Mapping[str, Type], names: Iterable[str] | None = None) -> Fields:
        fields = super().__new__(cls, tuple(types if names is None else names))
        fields.types = {name: types[name] for name in fields}
        return fields


def arrow_type(kind: Type) -> Any:
    """`kind` as a pyarrow type."""
    import pyarrow as pa

    if isinstance(kind, str):
        return {"string": pa.string(), "int64": pa.int64(), "double": pa.float64(), "bool": pa.bool_(),
                "binary": pa.binary()}[kind]
    shape, inner = kind
    if shape == "list":
        return pa.list_(arrow_type(inner))
    return pa.struct([(name, arrow_type(member)) for name, member in inner])


def arrow_schema(fields: Fields) -> Any:
    import pyarrow as pa

    return pa.schema([(name, arrow_type(fields.types[name])) for name in fields])


class ParquetError(Exception):
    """The folder is not a complete, readable output of `warta spark`; the message says why."""


def store_schema() -> int:
    return migrations()[-1][0]


def write_manifest(directory: Path, counts: dict[str, int]) -> None:
    manifest = {"format": FORMAT, "store_schema": store_schema(), "rows": counts}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")


def open_output(directory: Path) -> Callable[[str, tuple[str, ...]], Iterator[list[dict[str, Any]]]]:
    """Check that `directory` is a finished output of `warta spark` (ParquetError
    otherwise) and return a reader of its datasets, for Store.load."""
    if not directory.exists():
        raise ParquetError(f"{directory}: {Errors.NOT_FOUND}")
    try:
        manifest = json.loads((directory / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        raise ParquetError(f"{directory}: {Errors.PARQUET_NOT_WARTA.format(manifest=MANIFEST)}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ParquetError(f"{directory}: {Errors.PARQUET_NOT_WARTA.format(manifest=MANIFEST)}")
    if manifest.get("store_schema") != store_schema():
        raise ParquetError(f"{directory}: {Errors.PARQUET_OTHER_SCHEMA.format(found=manifest.get('store_schema'), known=store_schema())}")
    missing = [name for name in LOADED if not (directory / name).is_dir()]
    if missing:
        raise ParquetError(f"{directory}: {Errors.PARQUET_MISSING.format(name=missing[0])}")

    def batches(name: str, columns: tuple[str, ...]) -> Iterator[list[dict[str, Any]]]:
        import pyarrow as pa
        import pyarrow.dataset as ds

        try:
            dataset = ds.dataset(directory / name, format="parquet", partitioning="hive")
            if not dataset.files:  # Spark writes no file for an empty dataset
                return
            for batch in dataset.to_batches(columns=list(columns), batch_size=BATCH_ROWS):
                yield batch.to_pylist()
        except (pa.ArrowException, OSError) as exc:
            reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            raise ParquetError(f"{directory}: {Errors.PARQUET_BROKEN.format(name=name, reason=reason)}") from None

    return batches
