"""The plugin's edges: where the warehouse is, the review store, and the review services.

The warehouse path is read from the environment on every request (DIPLOMACY_WAREHOUSE via
diplomacy.config), never at import. Writes go through diplomacy.review, which writes the
day's events partition through and logs every correction; a write's marts refresh runs
after the response.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import HTTPException, status

from diplomacy_ui.data import WarehouseReader
from diplomacy_ui.params import unprocessable

_stores: dict[str, Any] = {}
_stores_lock = threading.Lock()


def warehouse() -> Path:
    from diplomacy.config import settings

    return settings().warehouse


def reader() -> WarehouseReader:
    return WarehouseReader(warehouse())


def store():
    """The review store of the configured URL, opened once per process."""
    from diplomacy import review

    url = review.store_url(warehouse())
    with _stores_lock:
        if url not in _stores:
            _stores[url] = review.Store(url)
        return _stores[url]


def corrections(*, event_id: str | None = None, article_id: str | None = None) -> list[dict]:
    return [c._asdict() for c in store().log(event_id=event_id, article_id=article_id)]


class Pending(Exception):
    """The correction is recorded; a load of its day holds the day, which applies it."""


def call_review(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a review service; its errors become 422 (bad value), 404 (unknown id), 503 (no
    store); a correction recorded while its day is being loaded raises Pending (a 202)."""
    from diplomacy import review

    try:
        return action(*args, **kwargs)
    except review.InvalidCorrection as exc:
        raise unprocessable(str(exc)) from None
    except review.UnknownEvent as exc:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    except review.WriteThroughPending as exc:
        raise Pending(str(exc)) from None
    except review.StoreUnavailable as exc:
        raise HTTPException(status_code=status.HTTP_503_SERVICE_UNAVAILABLE, detail=str(exc)) from None


def event_detail(rdr: WarehouseReader, event_id: str) -> dict | None:
    """The event, its article, the run that loaded it and its corrections; None when unknown."""
    event = rdr.event(event_id)
    if event is None:
        return None
    article = rdr.article(event["article_id"])
    run = rdr.run_of_day(event["ingest_date"]) if event.get("ingest_date") else None
    return {
        "event": event,
        "article": article,
        "run": {"run_id": run["run_id"], "day": event["ingest_date"]} if run else None,
        "corrections": corrections(event_id=event_id),
    }


def run_detail(rdr: WarehouseReader, run_id: str) -> dict | None:
    """The run's record (diplomacy.review.run_record), its expectation results, its
    quarantined rows and its Data Docs pages; None when no run of that id is known."""
    from diplomacy import review
    from diplomacy_ui import datadocs

    record = review.run_record(rdr.root, run_id)
    validation = rdr.validation(run_id)
    if record is None and not validation:
        return None
    record = dict(record or {})
    day = record.get("day") or (validation[0]["day"] if validation else None)
    latest = rdr.run_of_day(_as_date(day)) if day else None
    current = latest is not None and latest["run_id"] == run_id
    validated_at = min((v["validated_at"] for v in validation if v["validated_at"]), default=None)
    return {
        "run_id": run_id,
        "day": str(day) if day else None,
        "record": record,
        "current": current,  # the day's partitions hold this run's rows
        "superseded_by": None if current or latest is None else latest["run_id"],
        "validation": validation,
        "quarantine": rdr.quarantine(_as_date(day)) if current else [],
        "data_docs": datadocs.run_pages(rdr.root, validated_at),
    }


def _as_date(value):
    from datetime import date

    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
