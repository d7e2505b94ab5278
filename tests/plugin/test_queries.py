"""The events queries (diplomacy_ui.queries + data) on Parquet warehouses written here, checked
against the same rows filtered and sorted in Python."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from diplomacy_ui import queries as q
from diplomacy_ui.data import WarehouseReader
from diplomacy_ui.queries import EventFilter, QueryError

from diplomacy import schema

from .synthetic import PARTNERS, make_events, write_events

INJECTIONS = ["x' OR '1'='1", "'; DROP TABLE events; --", "안산시' --", '" OR 1=1 --', "%' OR ''='"]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    rows = make_events(3000, seed=3)
    return rows, WarehouseReader(write_events(tmp_path_factory.mktemp("small"), rows))


def expected(rows, flt: EventFilter) -> list[dict]:
    out = []
    for r in rows:
        if flt.date_from and (r["event_date"] is None or r["event_date"] < flt.date_from):
            continue
        if flt.date_to and (r["event_date"] is None or r["event_date"] > flt.date_to):
            continue
        if any(r.get(k) != v for k, v in flt.equals.items()):
            continue
        if flt.confidence_band:
            lo, hi = q.CONFIDENCE_BANDS[flt.confidence_band]
            if (lo is not None and r["confidence"] < lo) or (hi is not None and r["confidence"] >= hi):
                continue
        out.append(r)
    return out


def ordered(rows, sort, order) -> list[str]:
    present = [r for r in rows if r[sort] is not None]
    missing = [r for r in rows if r[sort] is None]
    present.sort(key=lambda r: r["event_id"])
    present.sort(key=lambda r: r[sort], reverse=order == "desc")
    missing.sort(key=lambda r: r["event_id"])
    return [r["event_id"] for r in present + missing]


def all_ids(rdr, flt, sort="event_date", order="desc", size=200) -> list[str]:
    ids, page = [], 1
    while True:
        p = rdr.events(flt, sort=sort, order=order, page=page, page_size=size)
        ids += [r["event_id"] for r in p.rows]
        if not p.rows:
            return ids
        page += 1


FILTERS = [
    EventFilter(),
    EventFilter(equals={"korean_city": "안산시"}),
    EventFilter(equals={"korean_province": "경기도", "event_type": "visit"}),
    EventFilter(equals={"partner_country": "JP", "status": "planned"}),
    EventFilter(equals={"partner_city": "훈춘시", "review_state": "confirmed"}),
    EventFilter(date_from=date(2018, 1, 1), date_to=date(2019, 6, 30)),
    EventFilter(confidence_band="high"),
    EventFilter(confidence_band="medium", equals={"event_type": "agreement"}),
    EventFilter(confidence_band="low", date_from=date(2020, 1, 1)),
]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: repr(f)[:80])
def test_filters_count_and_rows_match_python(small, flt):
    rows, rdr = small
    want = expected(rows, flt)
    page = rdr.events(flt, sort="event_date", order="desc", page=1, page_size=50)
    assert page.total == len(want)
    assert {r["event_id"] for r in page.rows} <= {r["event_id"] for r in want}
    assert len(page.rows) == min(50, len(want))


@pytest.mark.parametrize("sort", ["event_date", "confidence", "korean_city", "partner_country", "event_id"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_sort_orders_every_row_nulls_last_ties_by_event_id(small, sort, order):
    rows, rdr = small
    flt = EventFilter(equals={"korean_province": "경기도"})
    assert all_ids(rdr, flt, sort, order) == ordered(expected(rows, flt), sort, order)


def test_paging_edges(small):
    rows, rdr = small
    flt = EventFilter(equals={"korean_city": "시흥시"})
    total = len(expected(rows, flt))
    size = 7
    last = -(-total // size)
    p = rdr.events(flt, sort="event_id", order="asc", page=last, page_size=size)
    assert len(p.rows) == total - (last - 1) * size and p.total == total
    past = rdr.events(flt, sort="event_id", order="asc", page=last + 1, page_size=size)
    assert past.rows == [] and past.total == total  # a page past the end still counts
    one = rdr.events(flt, sort="event_id", order="asc", page=2, page_size=1)
    assert [r["event_id"] for r in one.rows] == ordered(expected(rows, flt), "event_id", "asc")[1:2]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_are_values_not_sql(small, value):
    rows, rdr = small
    for name in ("korean_city", "partner_city", "partner_country"):
        page = rdr.events(
            EventFilter(equals={name: value}), sort="event_date", order="desc", page=1, page_size=10
        )
        assert page.total == 0 and page.rows == []
    assert rdr.events(EventFilter(), sort="event_id", order="asc", page=1, page_size=1).total == len(rows)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sort": "event_date; DROP TABLE x", "order": "asc"}, "sort must be one of"),
        ({"sort": "evidence", "order": "asc"}, "sort must be one of"),
        ({"sort": "event_date", "order": "sideways"}, "order must be asc or desc"),
        ({"sort": "event_date", "order": "asc", "page_size": 201}, "page_size"),
        ({"sort": "event_date", "order": "asc", "page": 0}, "page must be"),
    ],
)
def test_the_builder_refuses_what_is_not_whitelisted(kwargs, message):
    args = {"page": 1, "page_size": 10, **kwargs}
    with pytest.raises(QueryError, match=message):
        q.list_sql(set(), EventFilter(), **args)


def test_unknown_filter_and_band_are_refused():
    with pytest.raises(QueryError, match="unknown filter"):
        q.where_sql(EventFilter(equals={"evidence = evidence OR 1": "x"}))
    with pytest.raises(QueryError, match="confidence_band"):
        q.where_sql(EventFilter(confidence_band="huge"))


def test_no_request_value_reaches_the_sql_text():
    flt = EventFilter(
        date_from=date(2020, 1, 1), confidence_band="medium", equals={"korean_city": INJECTIONS[1]}
    )
    sql, params = q.list_sql({"event_id"}, flt, sort="event_date", order="asc", page=3, page_size=20)
    assert INJECTIONS[1] not in sql and INJECTIONS[1] in params
    assert sql.count("?") == len(params) + 1  # + the file glob, bound first


def test_empty_warehouse_reads_as_empty(tmp_path):
    rdr = WarehouseReader(tmp_path / "nothing-here")
    page = rdr.events(EventFilter(), sort="event_date", order="desc", page=1, page_size=50)
    assert (page.total, page.rows) == (0, [])
    assert all(v == [] for v in rdr.facets().values())
    assert rdr.monthly(EventFilter()) == [] and rdr.partners(EventFilter()) == []
    assert rdr.event("x") is None and rdr.article("x") is None
    with pytest.raises(QueryError):  # a bad request is still a bad request
        rdr.events(EventFilter(), sort="nope", order="desc", page=1, page_size=50)


def test_partitions_written_before_review_state_read_unreviewed(tmp_path):
    rows = make_events(30, seed=1, days=2)
    write_events(tmp_path, rows[:20])
    old_schema = pa.schema([f for f in schema.EVENTS if f.name != "review_state"])
    old = tmp_path / "events" / "ingest_date=2023-12-31" / "part-0.parquet"
    old.parent.mkdir(parents=True)
    pq.write_table(
        pa.Table.from_pylist([{k: r.get(k) for k in old_schema.names} for r in rows[20:]], old_schema), old
    )
    rdr = WarehouseReader(tmp_path)
    got = rdr.events(
        EventFilter(equals={"review_state": "unreviewed"}),
        sort="event_id",
        order="asc",
        page=1,
        page_size=200,
    )
    want = {r["event_id"] for r in rows[:20] if r["review_state"] == "unreviewed"} | {
        r["event_id"] for r in rows[20:]
    }
    assert {r["event_id"] for r in got.rows} == want
    # a warehouse none of whose partitions has the column
    only_old = tmp_path / "old-only"
    (only_old / "events" / "ingest_date=2023-12-31").mkdir(parents=True)
    pq.write_table(pq.read_table(old), only_old / "events" / "ingest_date=2023-12-31" / "part-0.parquet")
    assert WarehouseReader(only_old).event(rows[20]["event_id"])["review_state"] == "unreviewed"


def test_facets_monthly_and_partners_agree_with_python(small):
    rows, rdr = small
    facets = rdr.facets()
    for name in (*q.FACETS, "review_state"):
        want: dict = {}
        for r in rows:
            if r[name] is not None:
                want[r[name]] = want.get(r[name], 0) + 1
        assert {f["value"]: f["n"] for f in facets[name]} == want
    monthly = rdr.monthly(EventFilter(equals={"event_type": "visit"}))
    assert sum(m["n"] for m in monthly) == sum(
        1 for r in rows if r["event_type"] == "visit" and r["event_date"]
    )
    partners = rdr.partners(EventFilter())
    assert {(p["partner_city"], p["n"]) for p in partners} == {
        (c, sum(1 for r in rows if r["partner_city"] == c))
        for c, *_rest, lat, _ in PARTNERS
        if lat is not None
    }


def test_event_detail_reads_every_column(small):
    rows, rdr = small
    row = rows[1234]
    got = rdr.event(row["event_id"])
    assert set(got) >= set(schema.EVENTS.names) | {"ingest_date"}
    for k in (
        "event_type",
        "korean_city",
        "partner_city",
        "confidence",
        "event_date",
        "review_state",
        "ingest_date",
    ):
        assert got[k] == row[k]


def test_a_hundred_thousand_events(tmp_path_factory):
    """The API's queries on a warehouse of 100k events: counts, filters, order and paging
    (timings are the benchmark's: benchmarks/plugin_queries.py)."""
    rows = make_events(100_000, seed=11, days=60)
    rdr = WarehouseReader(write_events(tmp_path_factory.mktemp("big"), rows))
    assert rdr.events(EventFilter(), sort="event_date", order="desc", page=1, page_size=200).total == 100_000
    flt = EventFilter(equals={"partner_country": "CN", "event_type": "visit"}, confidence_band="high")
    want = expected(rows, flt)
    first = rdr.events(flt, sort="confidence", order="desc", page=1, page_size=200)
    assert first.total == len(want) > 1000
    assert [r["event_id"] for r in first.rows] == ordered(want, "confidence", "desc")[:200]
    last_page = -(-len(want) // 200)
    last = rdr.events(flt, sort="confidence", order="desc", page=last_page, page_size=200)
    assert [r["event_id"] for r in last.rows] == ordered(want, "confidence", "desc")[(last_page - 1) * 200 :]
    dated = EventFilter(
        date_from=date(2020, 3, 1), date_to=date(2020, 3, 31), equals={"korean_city": "안산시"}
    )
    assert rdr.events(dated, sort="event_date", order="asc", page=1, page_size=200).total == len(
        expected(rows, dated)
    )
    assert sum(m["n"] for m in rdr.monthly(EventFilter())) == sum(1 for r in rows if r["event_date"])
