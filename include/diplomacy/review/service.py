"""What the review UI calls: validate, record in the store, then write the day through.

Each service checks its input (InvalidCorrection, UnknownEvent), appends the correction to
the store, and then replaces the day's `events` partition (and `articles`, when an article's
event count moved, and the day's summary) with the corrections re-applied: one commit under
the day's lock (diplomacy.commit), so a DuckDB or BI reader sees the correction at once and a
crash leaves one version or the other. The store is written first: if the day's lock is busy
(a load of that day is running) the correction is kept and `WriteThroughPending` says so; that
load, or `write_through` later, applies it. Marts are not rebuilt here: `refresh_marts` does it
(seconds on a big warehouse), to run in the background after a correction.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from diplomacy import schema
from diplomacy.commit import DayBusy, commit, day_lock
from diplomacy.review.apply import apply
from diplomacy.review.day import accepted_ids, recount
from diplomacy.review.rules import (
    EDITABLE_FIELDS,
    MAX_NAME,
    MAX_TEXT,
    InvalidCorrection,
    check_event,
    validate_changes,
)
from diplomacy.review.store import Store
from diplomacy.warehouse import partition_path, read_table, to_table

LOCK_TIMEOUT = 20.0  # seconds a write-through waits for a load of the day to finish


class UnknownEvent(LookupError):
    """No such event (or article) in the warehouse; HTTP 404."""


class WriteThroughPending(DayBusy):
    """The correction is recorded, but a load of its day holds the day: that load applies it."""


def jsonable(row: dict) -> dict:
    """An event row with its dates as ISO strings."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def _user(user) -> str:
    if not isinstance(user, str) or not user.strip():
        raise InvalidCorrection("the analyst's user name is required")
    if len(user) > MAX_NAME:
        raise InvalidCorrection(f"user name longer than {MAX_NAME} characters")
    return user.strip()


def _day_events(warehouse: Path, day: date) -> list[dict]:
    return read_table(warehouse, "events", day=day).drop_columns([schema.PARTITION_KEY]).to_pylist()


def _find_event(warehouse: Path, event_id: str) -> tuple[date, dict, list[dict]]:
    """(ingest day, the event, all events of that day)."""
    if not isinstance(event_id, str) or not event_id:
        raise UnknownEvent("no event id given")
    ids = read_table(warehouse, "events", columns=["event_id", schema.PARTITION_KEY])
    hit = ids.filter(pc.equal(ids["event_id"], pa.scalar(event_id, pa.string())))
    if hit.num_rows == 0:
        raise UnknownEvent(f"no event {event_id!r} in the warehouse (rejected events are gone)")
    day = hit[schema.PARTITION_KEY][0].as_py()
    events = _day_events(warehouse, day)
    return day, next(e for e in events if e["event_id"] == event_id), events


def _find_article(warehouse: Path, article_id: str) -> tuple[date, dict]:
    cols = ["article_id", "status", "published_date", schema.PARTITION_KEY]
    t = read_table(warehouse, "articles", columns=cols)
    hit = t.filter(pc.equal(t["article_id"], pa.scalar(str(article_id), pa.string()))).to_pylist()
    hit = [a for a in hit if a["status"] == "accepted"]
    if not hit:
        raise UnknownEvent(f"no accepted article {article_id!r} in the warehouse")
    return hit[0][schema.PARTITION_KEY], hit[0]


_UNIQUE = ("event_type", "korean_city", "partner_city", "event_date", "direction")


def _check_unique(event: dict, events: list[dict], article_id: str, event_id: str | None = None) -> None:
    """One event per (type, Korean side, partner, date, direction) in an article (the contract)."""
    key = tuple(event.get(k) for k in _UNIQUE)
    for e in events:
        if (
            e["article_id"] == article_id
            and e["event_id"] != event_id
            and tuple(e.get(k) for k in _UNIQUE) == key
        ):
            raise InvalidCorrection(f"the article already has this event ({e['event_id']}): edit that one")


def confirm(warehouse: Path, store: Store, event_id: str, *, user: str, lock_timeout=LOCK_TIMEOUT) -> dict:
    """Confirm an event as the engine found it (or as corrected); returns the event row after."""
    user = _user(user)
    day, row, _ = _find_event(warehouse, event_id)
    store.record([_entry(row, day, "confirm", user)])
    return _after(warehouse, store, day, event_id, lock_timeout)


def reject(
    warehouse: Path,
    store: Store,
    event_id: str,
    *,
    user: str,
    note: str | None = None,
    lock_timeout=LOCK_TIMEOUT,
) -> None:
    """Reject an event: it leaves `events`; the log keeps it (the whole row, as `before`)."""
    user = _user(user)
    if note is not None and (not isinstance(note, str) or len(note) > MAX_TEXT):
        raise InvalidCorrection(f"the note must be text of at most {MAX_TEXT} characters")
    day, row, _ = _find_event(warehouse, event_id)
    store.record([{**_entry(row, day, "reject", user), "before": jsonable(row), "note": note}])
    write_through(warehouse, store, day, lock_timeout=lock_timeout)


def edit(
    warehouse: Path, store: Store, event_id: str, changes: dict, *, user: str, lock_timeout=LOCK_TIMEOUT
) -> dict:
    """Change fields of an event (one log row per field that changes); returns the row after."""
    user = _user(user)
    day, row, events = _find_event(warehouse, event_id)
    values = validate_changes(changes, row)
    _check_unique({**row, **values}, events, row["article_id"], event_id)
    entries = [
        {**_entry(row, day, "edit", user), "field": k, "before": _plain(row.get(k)), "after": _plain(v)}
        for k, v in values.items()
        if _plain(v) != _plain(row.get(k))
    ]
    if not entries:  # nothing differs: nothing to record
        return jsonable(row)
    store.record(entries)
    return _after(warehouse, store, day, event_id, lock_timeout)


def add(
    warehouse: Path, store: Store, article_id: str, event: dict, *, user: str, lock_timeout=LOCK_TIMEOUT
) -> dict:
    """Add an event the engine missed to an accepted article; returns the new row."""
    user = _user(user)
    day, article = _find_article(warehouse, article_id)
    values = validate_changes(event, None)
    full = {
        **dict.fromkeys(EDITABLE_FIELDS),
        "korean_officials": [],
        "foreign_officials": [],
        "fields": [],
        "evidence": None,
        **values,
        "published_date": article["published_date"],
    }
    check_event(full)  # now against the article's publication date
    _check_unique(full, _day_events(warehouse, day), article_id)
    event_id = "added-" + hashlib.sha256(f"{article_id}|{uuid.uuid4().hex}".encode()).hexdigest()[:20]
    entry = {"event_id": event_id, "article_id": article_id, "ingest_date": day, "action": "add"}
    store.record([{**entry, "after": _plain(full), "user": user}])
    return _after(warehouse, store, day, event_id, lock_timeout)


def _entry(row: dict, day: date, action: str, user: str) -> dict:
    return {
        "event_id": row["event_id"],
        "article_id": row["article_id"],
        "ingest_date": day,
        "action": action,
        "user": user,
    }


def _plain(value):
    """A value as the log holds it (JSON: dates as ISO strings)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=lambda d: d.isoformat()))


def _after(warehouse: Path, store: Store, day: date, event_id: str, lock_timeout) -> dict:
    rows = write_through(warehouse, store, day, lock_timeout=lock_timeout)
    row = next((r for r in rows if r["event_id"] == event_id), None)
    if row is None:  # rejected meanwhile, or its article left the day
        raise UnknownEvent(f"event {event_id!r} is no longer in the warehouse")
    return jsonable(row)


def write_through(warehouse: Path, store: Store, day: date, *, lock_timeout=LOCK_TIMEOUT) -> list[dict]:
    """Replace the day's events (and articles' counts, and summary) with the store's corrections
    re-applied, as one commit under the day's lock; returns the day's events after."""
    warehouse = Path(warehouse)
    try:
        with day_lock(warehouse, day, timeout=lock_timeout, owner="review write-through"):
            return _write_day(warehouse, store, day)
    except DayBusy as exc:
        raise WriteThroughPending(
            f"correction recorded; {day.isoformat()} is being loaded right now ({exc}), "
            "and that load applies it"
        ) from exc


def _write_day(warehouse: Path, store: Store, day: date) -> list[dict]:
    before = _day_events(warehouse, day)
    articles = read_table(warehouse, "articles", day=day).drop_columns([schema.PARTITION_KEY])
    corrections = store.log(day=day)
    rows = apply(before, corrections, article_ids=accepted_ids(articles))
    changes = {"events": (partition_path(warehouse, "events", day), _writer(to_table(rows, schema.EVENTS)))}
    recounted = recount(articles, before, rows)
    if recounted is not None:
        changes["articles"] = (partition_path(warehouse, "articles", day), _writer(recounted))
    summary = warehouse / "_runs" / day.isoformat() / "summary.json"
    if summary.exists():
        s = json.loads(summary.read_text(encoding="utf-8"))
        flags = (recounted if recounted is not None else articles)["is_diplomacy"].to_pylist()
        s.update(
            events=len(rows), corrections_applied=len(corrections), diplomacy_articles=sum(map(bool, flags))
        )
        text = json.dumps(s, ensure_ascii=False, indent=2)
        changes["summary"] = (summary, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    commit(warehouse, day, changes)
    return rows


def _writer(table: pa.Table):
    return lambda tmp: pq.write_table(table, tmp, compression="zstd")


def refresh_marts(warehouse: Path) -> dict[str, str]:
    """Rebuild the marts after corrections (events_merged, partners, city_pairs)."""
    from diplomacy.marts import build_marts

    return build_marts(Path(warehouse))
