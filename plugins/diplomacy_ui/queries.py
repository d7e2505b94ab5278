"""The events table as the pages see it: filters, sorting and paging as DuckDB SQL over Parquet.

Every value from a request is a bound parameter (`?`); the only text put into SQL is taken
from the whitelists below (column names, sort direction). The warehouse is never loaded
into memory: DuckDB reads the hive-partitioned files and returns one page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from diplomacy import schema

# Columns the events list returns (the event page reads every column).
LIST_COLUMNS = (
    "event_id",
    "article_id",
    "event_type",
    "agreement_type",
    "direction",
    "status",
    "event_date",
    "date_precision",
    "korean_city",
    "korean_province",
    "partner_city",
    "partner_region",
    "partner_country",
    "partner_city_en",
    "confidence",
    "review_state",
    "published_date",
    "ingest_date",
)
SORTABLE = (
    "event_date",
    "published_date",
    "ingest_date",
    "event_type",
    "status",
    "korean_city",
    "korean_province",
    "partner_city",
    "partner_country",
    "confidence",
    "review_state",
    "event_id",
)
# Filters compared for equality with a column of the same name.
EQUALITY_FILTERS = (
    "korean_city",
    "korean_province",
    "partner_city",
    "partner_region",
    "partner_country",
    "event_type",
    "status",
    "review_state",
    "article_id",
)
# confidence band -> (lower bound inclusive, upper bound exclusive)
CONFIDENCE_BANDS: dict[str, tuple[float | None, float | None]] = {
    "high": (0.9, None),
    "medium": (0.7, 0.9),
    "low": (None, 0.7),
}
FACETS = ("korean_city", "korean_province", "partner_city", "partner_country", "event_type", "status")
MAX_PAGE_SIZE = 200
MAX_TEXT = 200  # longest free-text filter value accepted


class QueryError(ValueError):
    """A request the query builder cannot honour (unknown sort column, bad band ...): a 422."""


@dataclass(frozen=True)
class EventFilter:
    date_from: date | None = None
    date_to: date | None = None
    confidence_band: str | None = None
    equals: Mapping[str, str] = field(default_factory=dict)


def table_glob(warehouse: Path, table: str) -> str:
    return str(Path(warehouse) / table / "*" / "*.parquet")


def has_files(warehouse: Path, table: str) -> bool:
    return next((Path(warehouse) / table).glob("*/*.parquet"), None) is not None


def _type_sql(arrow_type) -> str:
    import pyarrow as pa

    if pa.types.is_date32(arrow_type):
        return "DATE"
    if pa.types.is_floating(arrow_type):
        return "DOUBLE"
    if pa.types.is_integer(arrow_type):
        return "BIGINT"
    if pa.types.is_list(arrow_type) and pa.types.is_string(arrow_type.value_type):
        return "VARCHAR[]"
    if pa.types.is_list(arrow_type):
        return "STRUCT(name VARCHAR, title VARCHAR)[]"
    return "VARCHAR"


def expected_columns() -> list[tuple[str, str]]:
    """(name, SQL type) of every events column the pages know, review_state included."""
    cols = [(f.name, _type_sql(f.type)) for f in schema.EVENTS]
    if "review_state" not in {c for c, _ in cols}:
        cols.append(("review_state", "VARCHAR"))
    return cols


def source_sql(present: set[str]) -> str:
    """The events relation with every expected column: one a partition lacks is NULL, and an
    event nobody reviewed yet reads 'unreviewed'. Its only parameter is the file glob."""
    parts = []
    for name, sql_type in expected_columns():
        if name == "review_state":
            expr = "COALESCE(review_state, 'unreviewed')" if name in present else "'unreviewed'"
        else:
            expr = name if name in present else f"CAST(NULL AS {sql_type})"
        parts.append(f"{expr} AS {name}")
    parts.append("CAST(ingest_date AS DATE) AS ingest_date")
    return (
        "SELECT " + ", ".join(parts) + " FROM read_parquet(?, hive_partitioning = true, union_by_name = true)"
    )


def where_sql(flt: EventFilter) -> tuple[str, list[Any]]:
    """A WHERE clause (or '') and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.date_from is not None:
        clauses.append("event_date >= ?")
        params.append(flt.date_from)
    if flt.date_to is not None:
        clauses.append("event_date <= ?")
        params.append(flt.date_to)
    for name, value in flt.equals.items():
        if name not in EQUALITY_FILTERS:
            raise QueryError(f"unknown filter {name!r}")
        clauses.append(f"{name} = ?")
        params.append(value)
    if flt.confidence_band is not None:
        if flt.confidence_band not in CONFIDENCE_BANDS:
            raise QueryError(
                f"confidence_band must be one of {', '.join(CONFIDENCE_BANDS)}, not {flt.confidence_band!r}"
            )
        low, high = CONFIDENCE_BANDS[flt.confidence_band]
        if low is not None:
            clauses.append("confidence >= ?")
            params.append(low)
        if high is not None:
            clauses.append("confidence < ?")
            params.append(high)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def order_sql(sort: str, order: str) -> str:
    if sort not in SORTABLE:
        raise QueryError(f"sort must be one of {', '.join(SORTABLE)}, not {sort!r}")
    if order not in ("asc", "desc"):
        raise QueryError(f"order must be asc or desc, not {order!r}")
    tie = "" if sort == "event_id" else ", event_id ASC"
    return f" ORDER BY {sort} {order.upper()} NULLS LAST{tie}"


def list_sql(
    present: set[str], flt: EventFilter, *, sort: str, order: str, page: int, page_size: int
) -> tuple[str, list[Any]]:
    """One page of events with the filtered total (a window count) in every row."""
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise QueryError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
    if page < 1:
        raise QueryError("page must be 1 or more")
    where, params = where_sql(flt)
    sql = (
        f"WITH e AS ({source_sql(present)}) "
        f"SELECT {', '.join(LIST_COLUMNS)}, COUNT(*) OVER () AS _total FROM e{where}"
        f"{order_sql(sort, order)} LIMIT ? OFFSET ?"
    )
    return sql, [*params, page_size, (page - 1) * page_size]


def count_sql(present: set[str], flt: EventFilter) -> tuple[str, list[Any]]:
    where, params = where_sql(flt)
    return f"WITH e AS ({source_sql(present)}) SELECT COUNT(*) FROM e{where}", params


def facets_sql(present: set[str]) -> str:
    """Distinct values with counts of each facet column, one statement."""
    unions = " UNION ALL ".join(
        f"SELECT '{c}' AS facet, CAST({c} AS VARCHAR) AS value, COUNT(*) AS n FROM e "
        f"WHERE {c} IS NOT NULL GROUP BY {c}"
        for c in (*FACETS, "review_state")
    )
    return f"WITH e AS ({source_sql(present)}) SELECT facet, value, n FROM ({unions}) ORDER BY facet, value"


def monthly_sql(present: set[str], flt: EventFilter) -> tuple[str, list[Any]]:
    where, params = where_sql(flt)
    cond = (where + " AND" if where else " WHERE") + " event_date IS NOT NULL"
    sql = (
        f"WITH e AS ({source_sql(present)}) "
        f"SELECT strftime(event_date, '%Y-%m') AS month, event_type, COUNT(*) AS n FROM e{cond} "
        "GROUP BY month, event_type ORDER BY month, event_type"
    )
    return sql, params


def partners_sql(present: set[str], flt: EventFilter) -> tuple[str, list[Any]]:
    where, params = where_sql(flt)
    cond = (where + " AND" if where else " WHERE") + " partner_lat IS NOT NULL AND partner_lon IS NOT NULL"
    sql = (
        f"WITH e AS ({source_sql(present)}) "
        "SELECT partner_country, partner_region, partner_city, any_value(partner_city_en) AS partner_city_en, "
        "avg(partner_lat) AS lat, avg(partner_lon) AS lon, COUNT(*) AS n "
        f"FROM e{cond} GROUP BY partner_country, partner_region, partner_city "
        "ORDER BY n DESC, partner_country, partner_city"
    )
    return sql, params


def event_sql(present: set[str]) -> str:
    return f"WITH e AS ({source_sql(present)}) SELECT * FROM e WHERE event_id = ? ORDER BY ingest_date DESC LIMIT 1"
