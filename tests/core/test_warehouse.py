from datetime import date

import duckdb
import pyarrow as pa
import pytest

from diplomacy import schema
from diplomacy.warehouse import partition_path, read_table, to_table, write_partition

D1, D2 = date(2024, 1, 1), date(2024, 1, 2)


def events(n, day):
    return to_table(
        [
            {
                "event_id": f"e{day.day}-{i}",
                "article_id": "a",
                "event_type": "visit",
                "event_date": day,
                "korean_officials": [{"name": "가나다", "title": "시장"}],
                "fields": ["economy"],
                "partner_geonames_id": None,
            }
            for i in range(n)
        ],
        schema.EVENTS,
    )


def test_rewrite_replaces_a_day_and_leaves_others(tmp_path):
    write_partition(tmp_path, "events", D1, events(3, D1))
    write_partition(tmp_path, "events", D2, events(2, D2))
    write_partition(tmp_path, "events", D1, events(1, D1))
    t = read_table(tmp_path, "events")
    assert t.num_rows == 3
    assert sorted(t["event_id"].to_pylist()) == ["e1-0", "e2-0", "e2-1"]
    assert list(partition_path(tmp_path, "events", D1).parent.iterdir()) == [
        partition_path(tmp_path, "events", D1)
    ]


def test_types_are_explicit_in_every_partition_even_all_null(tmp_path):
    write_partition(tmp_path, "events", D1, events(0, D1))
    write_partition(tmp_path, "events", D2, events(2, D2))
    t = read_table(tmp_path, "events")
    assert t.schema.field("ingest_date").type == pa.date32()
    assert t.schema.field("event_date").type == pa.date32()
    assert t.schema.field("partner_geonames_id").type == pa.int64()
    assert t.schema.field("korean_officials").type == pa.list_(schema.OFFICIAL)


def test_duckdb_reads_the_partitions_with_types(tmp_path):
    write_partition(tmp_path, "events", D1, events(1, D1))
    write_partition(tmp_path, "events", D2, events(1, D2))
    rows = duckdb.sql(
        f"select typeof(ingest_date), typeof(event_date), count(*) from read_parquet('{tmp_path}/events/**/*.parquet',"
        " hive_partitioning=true) group by all"
    ).fetchall()
    assert rows == [("DATE", "DATE", 2)]


def test_unknown_columns_are_dropped_and_bad_types_fail(tmp_path):
    t = to_table([{"event_id": "x", "article_id": "a", "event_type": "visit", "nonsense": 1}], schema.EVENTS)
    assert "nonsense" not in t.schema.names
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError, TypeError)):
        to_table(
            [{"event_id": "x", "article_id": "a", "event_type": "visit", "event_date": "not a date"}],
            schema.EVENTS,
        )


def test_a_column_subset_reads_only_those_columns_with_their_types(tmp_path):
    assert read_table(tmp_path, "events", columns=["event_id"]).column_names == ["event_id"]  # never written
    write_partition(tmp_path, "events", D1, events(2, D1))
    t = read_table(tmp_path, "events", columns=["event_id", schema.PARTITION_KEY])
    assert t.column_names == ["event_id", schema.PARTITION_KEY]
    assert t.schema.field(schema.PARTITION_KEY).type == pa.date32()
    assert t.num_rows == 2


def test_copy_partition_swaps_in_a_file_of_the_schema_byte_for_byte(tmp_path):
    import pyarrow.parquet as pq

    from diplomacy.warehouse import copy_partition

    src = tmp_path / "merged.parquet"
    pq.write_table(events(3, D1), src)
    target = copy_partition(tmp_path / "wh", "events", D1, src)
    assert target.read_bytes() == src.read_bytes()
    assert read_table(tmp_path / "wh", "events", day=D1).num_rows == 3
    # a file of another column order is rewritten in the table's schema instead
    loose = tmp_path / "loose.parquet"
    t = events(2, D2)
    pq.write_table(t.select(list(reversed(t.column_names))), loose)
    copy_partition(tmp_path / "wh", "events", D2, loose)
    assert pq.read_schema(partition_path(tmp_path / "wh", "events", D2)).names == schema.EVENTS.names
    assert read_table(tmp_path / "wh", "events", day=D2).num_rows == 2
