"""Corrections applied to a day's events: a pure function, so every load and every write-through
computes the same rows from the engine's events and the corrections log.

- reject: the event leaves `events` (the log keeps it);
- edit: each field takes the value of its latest edit, `review_state` "corrected", the `event_id`
  unchanged; an event the analyst added stays "added";
- confirm: `review_state` "confirmed" unless the event was corrected or added;
- add: a new row (`review_state` "added", the event id the store gave it, confidence 1.0) while
  its article is among the day's articles;
- every other row is "unreviewed".

An edited or confirmed event the engine no longer produces (a changed rule, a reprocess without
its article) is not resurrected: corrections adjust what the engine found, they are not events
of their own. Added events are: they live in the log. Applying twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from diplomacy.review.store import Correction

_DATES = ("event_date", "published_date")


def _decode(field: str, value):
    """A value as stored in the log (JSON) back to the type of its column."""
    if field in _DATES and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _added_row(c: Correction) -> dict:
    event = {k: _decode(k, v) for k, v in (c.after or {}).items()}
    return {
        **event,
        "event_id": c.event_id,
        "article_id": c.article_id,
        "confidence": 1.0,
        "evidence": event.get("evidence"),
        "review_state": "added",
    }


class _Log:
    """The corrections of a set of events, folded in log order."""

    def __init__(self, corrections: Iterable[Correction]):
        self.rejected: set[str] = set()
        self.confirmed: set[str] = set()
        self.edits: dict[str, dict] = {}
        self.added: dict[str, Correction] = {}
        for c in sorted(corrections, key=lambda c: c.id):  # ids grow with every record
            if c.action == "reject":
                self.rejected.add(c.event_id)
            elif c.action == "confirm":
                self.confirmed.add(c.event_id)
            elif c.action == "edit":
                self.edits.setdefault(c.event_id, {})[c.field] = _decode(c.field, c.after)
            elif c.action == "add":
                self.added[c.event_id] = c

    def state(self, event_id: str) -> str:
        if event_id in self.added:
            return "added"
        if event_id in self.edits:
            return "corrected"
        return "confirmed" if event_id in self.confirmed else "unreviewed"

    def corrected(self, row: dict) -> dict:
        eid = row["event_id"]
        return {**row, **self.edits.get(eid, {}), "review_state": self.state(eid)}


def apply(
    events: list[dict], corrections: list[Correction], *, article_ids: set[str] | None = None
) -> list[dict]:
    """The day's events with its corrections applied, sorted by (article_id, event_id) as the
    pipeline writes them. `article_ids`: the day's articles (None: every added event counts)."""
    log = _Log(corrections)
    out = [
        log.corrected(e)
        for e in events
        if e["event_id"] not in log.rejected and e["event_id"] not in log.added
    ]
    for eid, c in log.added.items():  # rebuilt from the log every time: idempotent
        if eid not in log.rejected and (article_ids is None or c.article_id in article_ids):
            out.append(log.corrected(_added_row(c)))
    return sorted(out, key=lambda r: (r["article_id"], r["event_id"]))
