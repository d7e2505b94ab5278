"""The extract stage's batching and streaming change nothing in the tables.

The DAG fans extraction out over several batches (one per worker) and every stage streams
in bounded chunks; a day must come out the same whatever the batch count or chunk size.
"""

from __future__ import annotations

from datetime import date

import pyarrow.parquet as pq
import pytest
from conftest import SAMPLE_DAY, SAMPLE_LANDING

from diplomacy import pipeline

DAY = date.fromisoformat(SAMPLE_DAY)


def _tables(tmp_path, name, *, batch_size, max_batches):
    wh = tmp_path / name
    staged = pipeline.stage(SAMPLE_LANDING / SAMPLE_DAY, wh, DAY, landing_root=None, max_file_bytes=5_000_000)
    cleaned = pipeline.clean(staged)
    batches = pipeline.plan_batches(cleaned, batch_size=batch_size, max_batches=max_batches)
    merged = pipeline.merge(cleaned, [pipeline.extract(**b) for b in batches])
    tables = {n: pq.read_table(f"{merged}/{n}.parquet") for n in ("articles", "events", "relationships")}
    return len(batches), tables


def test_several_batches_give_the_same_tables_as_one(tmp_path):
    n_one, one = _tables(tmp_path, "one", batch_size=100, max_batches=8)
    n_many, many = _tables(tmp_path, "many", batch_size=1, max_batches=8)
    assert (n_one, n_many) == (1, 5)
    assert one["events"].num_rows > 0
    for name in one:
        assert many[name].equals(one[name]), name


@pytest.mark.parametrize("rows", [1, 2, 3])
def test_chunk_size_changes_nothing(tmp_path, monkeypatch, rows):
    _, reference = _tables(tmp_path, "reference", batch_size=100, max_batches=1)
    monkeypatch.setattr(pipeline, "_ROWS", rows)  # chunks smaller than the day: every stage streams
    _, chunked = _tables(tmp_path, f"chunked-{rows}", batch_size=100, max_batches=1)
    for name in reference:
        assert chunked[name].equals(reference[name]), name


def test_articles_come_out_in_source_file_order(tmp_path):
    _, tables = _tables(tmp_path, "order", batch_size=2, max_batches=8)
    names = tables["articles"]["source_file"].to_pylist()
    assert names == sorted(names) and len(names) == 5
