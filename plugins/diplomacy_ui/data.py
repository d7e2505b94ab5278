"""Reads of the warehouse for the pages: one DuckDB statement per question, bound parameters only.

A table that has no file yet reads as empty (a new deployment shows an empty page, not an
error). Nothing here writes: the review services (diplomacy.review) own every write.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from diplomacy_ui import queries as q
from diplomacy_ui.queries import EventFilter

ARTICLE_COLUMNS = (
    "article_id",
    "source_file",
    "status",
    "title",
    "publisher",
    "reporter",
    "published_date",
    "body",
    "ingest_date",
)


@dataclass(frozen=True)
class Page:
    total: int
    page: int
    page_size: int
    rows: list[dict]

    def as_dict(self) -> dict:
        return {"total": self.total, "page": self.page, "page_size": self.page_size, "rows": self.rows}


_columns: dict[tuple, set[str]] = {}
_columns_lock = threading.Lock()


def _signature(table_dir: Path) -> tuple:
    """The table's files with their size and mtime: what the column set depends on."""
    out = []
    for f in sorted(table_dir.glob("*/*.parquet")):
        try:
            st = f.stat()
        except FileNotFoundError:  # replaced while listing
            continue
        out.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(out)


def _connect():
    import duckdb

    con = duckdb.connect(config={"threads": 2})
    return con


def _rows(cur) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


class WarehouseReader:
    """The warehouse at `root`, read with DuckDB."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _query(self, table: str, sql: str, params: list[Any]) -> list[dict]:
        con = _connect()
        try:
            return _rows(con.execute(sql, [q.table_glob(self.root, table), *params]))
        finally:
            con.close()

    def event_columns(self) -> set[str] | None:
        """Columns present in the events files (None when there are none); remembered while
        no file changes (reading every footer costs as much as the query itself)."""
        files = _signature(self.root / "events")
        if not files:
            return None
        with _columns_lock:
            if files in _columns:
                return _columns[files]
        con = _connect()
        try:
            cur = con.execute(
                "DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning = true, union_by_name = true)",
                [q.table_glob(self.root, "events")],
            )
            present = {r[0] for r in cur.fetchall()}
        finally:
            con.close()
        with _columns_lock:
            if len(_columns) >= 8:
                _columns.clear()
            _columns[files] = present
        return present

    def events(self, flt: EventFilter, *, sort: str, order: str, page: int, page_size: int) -> Page:
        q.list_sql(set(), flt, sort=sort, order=order, page=page, page_size=page_size)  # validates first
        present = self.event_columns()
        if present is None:
            return Page(0, page, page_size, [])
        sql, params = q.list_sql(present, flt, sort=sort, order=order, page=page, page_size=page_size)
        rows = self._query("events", sql, params)
        if rows:
            total = rows[0]["_total"]
        else:  # a page past the end: the total still counts
            sql, params = q.count_sql(present, flt)
            total = self._query("events", sql, params)[0]["count_star()"]
        for r in rows:
            r.pop("_total", None)
        return Page(int(total), page, page_size, rows)

    def facets(self) -> dict[str, list[dict]]:
        present = self.event_columns()
        out: dict[str, list[dict]] = {f: [] for f in (*q.FACETS, "review_state")}
        if present is None:
            return out
        for r in self._query("events", q.facets_sql(present), []):
            out[r["facet"]].append({"value": r["value"], "n": int(r["n"])})
        return out

    def monthly(self, flt: EventFilter) -> list[dict]:
        present = self.event_columns()
        if present is None:
            return []
        sql, params = q.monthly_sql(present, flt)
        return self._query("events", sql, params)

    def partners(self, flt: EventFilter) -> list[dict]:
        present = self.event_columns()
        if present is None:
            return []
        sql, params = q.partners_sql(present, flt)
        return self._query("events", sql, params)

    def event(self, event_id: str) -> dict | None:
        present = self.event_columns()
        if present is None:
            return None
        rows = self._query("events", q.event_sql(present), [event_id])
        return rows[0] if rows else None

    def article_events(self, article_id: str) -> list[dict]:
        return self.events(
            EventFilter(equals={"article_id": article_id}),
            sort="event_date",
            order="asc",
            page=1,
            page_size=q.MAX_PAGE_SIZE,
        ).rows

    def article(self, article_id: str) -> dict | None:
        """The article's accepted copy (its latest ingest), else any copy."""
        if not q.has_files(self.root, "articles"):
            return None
        sql = (
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM "
            "read_parquet(?, hive_partitioning = true, union_by_name = true) WHERE article_id = ? "
            "ORDER BY (status = 'accepted') DESC, ingest_date DESC LIMIT 1"
        )
        rows = self._query("articles", sql, [article_id])
        return rows[0] if rows else None

    def run_of_day(self, day: date) -> dict | None:
        """The run whose validation results the day's partition holds (the run loaded last)."""
        if not q.has_files(self.root, "validation_results"):
            return None
        sql = (
            "SELECT run_id, min(validated_at) AS validated_at FROM "
            "read_parquet(?, hive_partitioning = true, union_by_name = true) "
            "WHERE CAST(ingest_date AS DATE) = ? GROUP BY run_id ORDER BY validated_at DESC LIMIT 1"
        )
        rows = self._query("validation_results", sql, [day])
        return rows[0] if rows else None

    def validation(self, run_id: str) -> list[dict]:
        """The run's expectation results with the day they belong to."""
        if not q.has_files(self.root, "validation_results"):
            return []
        sql = (
            'SELECT CAST(ingest_date AS DATE) AS day, table_name, expectation, "column", critical, success, '
            "unexpected_count, validated_at FROM "
            "read_parquet(?, hive_partitioning = true, union_by_name = true) WHERE run_id = ? "
            "ORDER BY table_name, expectation"
        )
        return self._query("validation_results", sql, [run_id])

    def quarantine(self, day: date) -> list[dict]:
        if not q.has_files(self.root, "quarantine"):
            return []
        sql = (
            "SELECT table_name, row_key, expectation, row_json FROM "
            "read_parquet(?, hive_partitioning = true, union_by_name = true) "
            "WHERE CAST(ingest_date AS DATE) = ? ORDER BY table_name, row_key, expectation"
        )
        return self._query("quarantine", sql, [day])
