"""The Parquet output of `warta spark`, and reading it back for `warta import-parquet`.

The output folder holds one dataset (a folder of Parquet files) per store table, with
the table's columns plus `seq` and `pos` (the row's place in input order), a
`rejected` dataset, and `warta.json`, written last: a folder without it is not (or not
yet) a finished output. `documents` and `events` are partitioned by `month`. Reading
needs pyarrow only, not Spark.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..store.database import LOADED, migrations

MANIFEST = "warta.json"
FORMAT = "warta-parquet"
BATCH_ROWS = 10_000


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
