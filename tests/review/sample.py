"""The sample day loaded into a warehouse, and corrections made to it through the services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
from conftest import SAMPLE_DAY, SAMPLE_LANDING

from diplomacy import review
from diplomacy.config import DEFAULT_MAX_FILE_BYTES
from diplomacy.pipeline import run_all
from diplomacy.review import Store
from diplomacy.warehouse import read_table

DAY = date.fromisoformat(SAMPLE_DAY)
INJECTION = "'); DROP TABLE corrections; --"


def run(warehouse: Path, **kw):
    return run_all(SAMPLE_LANDING / SAMPLE_DAY, warehouse, DAY, max_file_bytes=DEFAULT_MAX_FILE_BYTES, **kw)


def events(wh) -> dict[str, dict]:
    return {e["event_id"]: e for e in read_table(wh, "events").to_pylist()}


def duck_states(wh) -> dict[str, str]:
    rows = duckdb.sql(
        f"SELECT event_id, review_state FROM read_parquet('{wh}/events/**/*.parquet', "
        "hive_partitioning=true, union_by_name=true)"
    ).fetchall()
    return dict(rows)


def pick(wh):
    """A visit to edit, an event to confirm, one to reject (of another article), an article to add to."""
    evs = list(events(wh).values())
    visit = next(e for e in evs if e["event_type"] == "visit" and e["status"] == "occurred")
    confirm = next(e for e in evs if e["event_id"] != visit["event_id"])
    reject = next(e for e in evs if e["article_id"] not in (visit["article_id"], confirm["article_id"]))
    return visit, confirm, reject


NEW_EVENT = {"event_type": "exchange", "status": "occurred", "event_date": "2021-10-15", "date_precision": "month",
             "korean_city": "안산시", "korean_province": "경기도", "partner_city": "훈춘시",
             "partner_region": "지린성", "partner_country": "cn", "fields": ["youth"], "evidence": "청소년 교류"}  # fmt: skip


def correct(wh):
    """Edit, confirm, reject and add through the services; returns the ids involved."""
    store = Store(review.store_url(wh))
    visit, conf, rej = pick(wh)
    flipped = "inbound" if visit["direction"] == "outbound" else "outbound"
    edited = review.edit(
        wh, store, visit["event_id"], {"direction": flipped, "fields": ["sports"]}, user="kim"
    )
    confirmed = review.confirm(wh, store, conf["event_id"], user="lee")
    review.reject(wh, store, rej["event_id"], user="park", note=INJECTION)
    added = review.add(wh, store, rej["article_id"], NEW_EVENT, user="kim")
    return store, visit, conf, rej, edited, confirmed, added, flipped
