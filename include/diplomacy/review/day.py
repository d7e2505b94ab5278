"""A day's tables with its corrections applied: what a load commits and what a write-through
replaces. The engine's rows come in, the corrected rows go out; `articles` follows the events
(an article's `event_count` moves by the events corrections removed or added, and it is
`is_diplomacy` exactly when that count is above zero)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from diplomacy import schema
from diplomacy.review.apply import apply
from diplomacy.review.store import Store, sqlite_file_missing, store_url
from diplomacy.warehouse import to_table, write_file_atomic


@dataclass(frozen=True)
class Reviewed:
    """The merged day after its corrections: the files to load and what was applied."""

    events: Path
    articles: Path
    applied: int  # corrections of the day found in the store
    latest_id: int | None  # the newest of them: a load checks after its commit that none came since
    url: str


def day_corrections(url: str, day: date) -> list:
    """The day's corrections; a SQLite store whose file was never created has none (no query).
    Raises StoreUnavailable when the store cannot be read: never load without them."""
    if sqlite_file_missing(url):
        return []
    return Store(url).log(day=day)


def latest_id(url: str, day: date) -> int | None:
    return None if sqlite_file_missing(url) else Store(url).latest_id(day)


def accepted_ids(articles: pa.Table) -> set[str]:
    return {
        a
        for a, s in zip(articles["article_id"].to_pylist(), articles["status"].to_pylist(), strict=True)
        if s == "accepted"
    }


def recount(articles: pa.Table, before: list[dict], after: list[dict]) -> pa.Table | None:
    """`articles` with `event_count` and `is_diplomacy` of the articles whose events the
    corrections changed; None when they changed no article's count."""
    was, now = Counter(e["article_id"] for e in before), Counter(e["article_id"] for e in after)
    changed = {a for a in was.keys() | now.keys() if was[a] != now[a]}
    if not changed:
        return None
    ids, status = articles["article_id"].to_pylist(), articles["status"].to_pylist()
    counts, flags = articles["event_count"].to_pylist(), articles["is_diplomacy"].to_pylist()
    for i, (a, s) in enumerate(zip(ids, status, strict=True)):
        if s == "accepted" and a in changed:
            counts[i] = max(0, (counts[i] or 0) + now[a] - was[a])
            flags[i] = counts[i] > 0
    i, j = articles.schema.get_field_index("event_count"), articles.schema.get_field_index("is_diplomacy")
    articles = articles.set_column(i, articles.schema.field(i), pa.array(counts, pa.int32()))
    return articles.set_column(j, articles.schema.field(j), pa.array(flags, pa.bool_()))


def review_merged(merged: Path, warehouse: Path, day: date) -> Reviewed:
    """Apply the store's corrections of `day` to a merged, validated day (pipeline.load).

    Without corrections the merged files are loaded as they are; with them, the corrected
    events (and articles, when counts moved) are written beside them."""
    url = store_url(warehouse)
    corrections = day_corrections(url, day)
    events, articles = merged / "events.parquet", merged / "articles.parquet"
    if not corrections:
        return Reviewed(events, articles, 0, None, url)
    engine_rows = pq.read_table(events).to_pylist()
    article_table = pq.read_table(articles)
    rows = apply(engine_rows, corrections, article_ids=accepted_ids(article_table))
    out = write_file_atomic(to_table(rows, schema.EVENTS), merged / "events.reviewed.parquet")
    recounted = recount(article_table, engine_rows, rows)
    if recounted is not None:
        articles = write_file_atomic(recounted, merged / "articles.reviewed.parquet")
    return Reviewed(out, articles, len(corrections), max(c.id for c in corrections), url)
