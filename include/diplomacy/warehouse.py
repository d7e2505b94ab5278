"""Hive-partitioned Parquet tables, written atomically and read with their schemas.

A partition is exactly one file, `<table>/ingest_date=<day>/part-0.parquet`, replaced in
one `os.replace`: readers see the old file or the new one, never half of either, and a
rerun of a day replaces that day instead of appending to it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from diplomacy import faults
from diplomacy.schema import PARTITION_KEY, PARTITION_SCHEMA, READ_DEFAULTS, TABLES, defaults

PART_FILE = "part-0.parquet"


def to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """Rows as a table of exactly `schema`: unknown keys dropped, missing ones null (or their
    column's default, see schema.defaults)."""
    names, fill = schema.names, defaults(schema)
    return pa.Table.from_pylist(
        [{k: r[k] if r.get(k) is not None else fill.get(k) for k in names} for r in rows], schema=schema
    )


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, swapped in when the block ends; a crash leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)  # left by a writer killed mid-write; one writer per file at a time
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        faults.point("atomic_path:before_replace")
        os.replace(tmp, path)
        faults.point("atomic_path:after_replace")
    finally:
        if tmp.exists():
            tmp.unlink()
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_file_atomic(table: pa.Table, path: Path) -> Path:
    """Write a Parquet file beside its target and swap it in; a crash leaves the old file."""
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")
    return path


def write_stream_atomic(tables: Iterable[pa.Table], schema: pa.Schema, path: Path) -> Path:
    """Write a stream of tables (one row group each) as one Parquet file, atomically.

    The stages use it so that a day of any size passes through a bounded window of rows."""
    with atomic_path(path) as tmp, pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        for t in tables:
            writer.write_table(t.cast(schema))
    return path


def chunks(rows: Iterable[dict], schema: pa.Schema, size: int = 512) -> Iterator[pa.Table]:
    """Rows as tables of at most `size` rows of exactly `schema`."""
    buf: list[dict] = []
    for r in rows:
        buf.append(r)
        if len(buf) >= size:
            yield to_table(buf, schema)
            buf = []
    if buf:
        yield to_table(buf, schema)


def partition_path(warehouse: Path, name: str, day: date) -> Path:
    return Path(warehouse) / name / f"{PARTITION_KEY}={day.isoformat()}" / PART_FILE


def write_partition(warehouse: Path, name: str, day: date, table: pa.Table) -> Path:
    schema = TABLES[name]
    return write_file_atomic(table.select(schema.names).cast(schema), partition_path(warehouse, name, day))


def copy_partition(warehouse: Path, name: str, day: date, source: Path) -> Path:
    """Swap in a day's partition from a Parquet file (see `partition_writer`), on its own."""
    with atomic_path(partition_path(warehouse, name, day)) as tmp:
        partition_writer(name, source)(tmp)
    return partition_path(warehouse, name, day)


def partition_writer(name: str, source: Path | None) -> Callable[[Path], None]:
    """A function writing a day's partition of `name` from `source` to the path it is given:
    a byte copy when `source` is already in the table's schema (no decode: the articles table
    carries every body of the day), a rewrite otherwise, an empty table when there is none."""
    schema = TABLES[name]

    def write(tmp: Path) -> None:
        if source is None or not Path(source).exists():
            pq.write_table(schema.empty_table(), tmp, compression="zstd")
        elif pq.read_schema(source).remove_metadata().equals(schema.remove_metadata()):
            shutil.copyfile(source, tmp)
        else:
            table = pq.read_table(source)
            pq.write_table(table.select(schema.names).cast(schema), tmp, compression="zstd")

    return write


def read_table(
    warehouse: Path, name: str, *, day: date | None = None, columns: list[str] | None = None
) -> pa.Table:
    """A table with its declared types (partition key as date32), empty when never written;
    `columns` reads only those (the partition key may be one of them). A column that partitions
    written before it existed lack reads as its default (schema.READ_DEFAULTS), else null."""
    schema = TABLES[name].append(PARTITION_SCHEMA.field(PARTITION_KEY))
    root = Path(warehouse) / name
    if not root.exists():
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    dataset = ds.dataset(
        str(root),
        format="parquet",
        schema=schema,
        partitioning=ds.partitioning(PARTITION_SCHEMA, flavor="hive"),
    )
    flt = ds.field(PARTITION_KEY) == pa.scalar(day, pa.date32()) if day else None
    return _fill_defaults(name, dataset.to_table(filter=flt, columns=columns))


def _fill_defaults(name: str, table: pa.Table) -> pa.Table:
    import pyarrow.compute as pc

    for column, value in READ_DEFAULTS.get(name, {}).items():
        i = table.schema.get_field_index(column)
        if i >= 0 and table[column].null_count:
            filled = pc.fill_null(table[column], pa.scalar(value, table.schema.field(i).type))
            table = table.set_column(i, table.schema.field(i), filled)
    return table
