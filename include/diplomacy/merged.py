"""One row per real-world event: the event mentions of every article, merged across outlets and days.

`events` holds event *mentions*: one row per event per article, the data contract's table, so
a signing that six outlets report over three days is six rows there. `events_merged` (a mart,
rebuilt whole from the warehouse by `build_events_merged`) holds one row per real-world event:

- mentions are grouped by Korean government (admin code, else name), partner (GeoNames id
  after name resolution, else country + name) and event type;
- inside a group, day-precise mentions join when their dates are at most one day apart (outlets
  disagree on time zones: "22일(현지시간)" is the 23rd at home); a month- or year-precise
  mention joins the day-precise event inside it (the one most reported, then the earliest), or
  an event of the same month or year; a planned mention joins the event that occurred on its
  date, so a plan and its outcome are one event (`status` occurred);
- the merged row takes the most reported value of each field, the most precise date, the union
  of officials and fields, `mention_count`, `article_count`, `source_count` (distinct
  publishers; an article without one counts as its own source), `first_reported` and
  `last_reported` (publication dates), the mention and article ids, and a `confidence` that
  rises with independent corroboration: 1 - prod(1 - c) over the independent reports, where
  near-duplicate copies of one article (`articles.near_duplicate_of`) count once;
- `review_state` is the strongest analyst review among its mentions (added > corrected >
  confirmed > unreviewed); rejected mentions are gone from `events`, so they count nowhere.

The merge is a pure function of the mentions, sorted by a total order before anything is decided,
so any order of loading days, a reprocessed day or a backfill gives the same table. A merged
event's id hashes its group and its date bucket (the month of a day- or month-precise event, the
year of a year-precise one), so it stays the same while mentions are added or removed.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyarrow as pa

from diplomacy.schema import EVENTS, REVIEW_STATES

__all__ = ["EVENTS_MERGED", "build_events_merged", "merge_mentions"]

# The columns a merged event shares with its mentions keep the mentions' types (schema.EVENTS).
_SHARED = (
    "event_type",
    "agreement_type",
    "direction",
    "status",
    "event_date",
    "date_precision",
    "korean_city",
    "korean_province",
    "korean_admin_code",
    "partner_city",
    "partner_region",
    "partner_country",
    "partner_city_en",
    "partner_city_native",
    "partner_geonames_id",
    "partner_lat",
    "partner_lon",
    "korean_officials",
    "foreign_officials",
    "fields",
    "location",
)
EVENTS_MERGED = pa.schema(
    [
        pa.field("merged_event_id", pa.string(), nullable=False),
        *(EVENTS.field(name) for name in _SHARED),
        pa.field("mention_count", pa.int64()),
        pa.field("article_count", pa.int64()),
        pa.field("source_count", pa.int64()),
        pa.field("first_reported", pa.date32()),
        pa.field("last_reported", pa.date32()),
        pa.field("mention_ids", pa.list_(pa.string())),
        pa.field("article_ids", pa.list_(pa.string())),
        pa.field("confidence", pa.float64()),
        # the strongest review of its mentions: added > corrected > confirmed > unreviewed
        pa.field("review_state", pa.string()),
    ]
)
_REVIEW_RANK = {s: i for i, s in enumerate(REVIEW_STATES)}

_PRECISION = {"day": 0, "month": 1, "year": 2}
_MOST_REPORTED = (
    "agreement_type",
    "direction",
    "location",
    "korean_city",
    "korean_province",
    "partner_city",
    "partner_region",
    "partner_country",
)
_PARTNER_FACTS = (
    "partner_city_en",
    "partner_city_native",
    "partner_geonames_id",
    "partner_lat",
    "partner_lon",
)


def _group_key(m: dict) -> tuple:
    korean = m.get("korean_admin_code") or m.get("korean_city") or ""
    gid = m.get("partner_geonames_id")
    partner = (
        f"gn:{gid}" if gid is not None else f"{m.get('partner_country') or ''}:{m.get('partner_city') or ''}"
    )
    return korean, partner, m["event_type"]


def _order(m: dict) -> tuple:
    """The total order mentions are merged in: most precise first, then occurred, date, report."""
    return (
        _PRECISION.get(m.get("date_precision") or "year", 2),
        m.get("status") != "occurred",
        m.get("event_date") or date.max,
        m.get("published_date") or date.max,
        m["event_id"],
    )


class _Cluster:
    def __init__(self, first: dict):
        self.mentions = [first]
        self.precision = first.get("date_precision") or "year"
        self.date: date | None = first.get("event_date")

    def takes(self, m: dict) -> bool:
        d, p = m.get("event_date"), m.get("date_precision") or "year"
        if d is None or self.date is None:
            return d is None and self.date is None
        if p == "day":
            return self.precision == "day" and abs((d - self.date).days) <= 1
        if p == "month":
            return (d.year, d.month) == (self.date.year, self.date.month) and self.precision != "year"
        return d.year == self.date.year


def _clusters(mentions: list[dict]) -> list[_Cluster]:
    out: list[_Cluster] = []
    for m in sorted(mentions, key=_order):
        fits = [c for c in out if c.takes(m)]
        if fits:  # the most reported event it fits, then the earliest
            best = min(fits, key=lambda c: (-len(c.mentions), c.date or date.max))
            best.mentions.append(m)
        else:
            out.append(_Cluster(m))
    return out


def _mode(values: Iterable):
    """The most frequent non-empty value; ties go to the first seen (the merge order)."""
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)


def _people(mentions: list[dict], side: str) -> list[dict]:
    seen: dict[str, dict] = {}
    for m in mentions:
        for o in m.get(side) or []:
            seen.setdefault(o["name"], {"name": o["name"], "title": o.get("title")})
    return list(seen.values())


def _confidence(mentions: list[dict], articles: dict[str, dict]) -> float:
    """1 - prod(1 - c) over independent reports (copies of one article count once, at their best)."""
    best: dict[str, float] = {}
    for m in mentions:
        a = articles.get(m["article_id"], {})
        root = a.get("near_duplicate_of") or m["article_id"]
        best[root] = max(best.get(root, 0.0), m.get("confidence") or 0.0)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - c
    return round(1.0 - miss, 4)


def _row(key: tuple, bucket: str, c: _Cluster, articles: dict[str, dict]) -> dict:
    ms = c.mentions
    reports = [articles.get(m["article_id"], {}) for m in ms]
    day_dates = [m["event_date"] for m in ms if m.get("date_precision") == c.precision]
    with_facts = next((m for m in ms if m.get("partner_geonames_id") is not None), ms[0])
    published = [r.get("published_date") for r in reports if r.get("published_date")]
    row = {f: _mode(m.get(f) for m in ms) for f in _MOST_REPORTED}
    row.update({f: with_facts.get(f) for f in _PARTNER_FACTS})
    row.update(
        merged_event_id=hashlib.sha256("|".join([*key, bucket]).encode()).hexdigest()[:20],
        event_type=key[2],
        status="occurred" if any(m.get("status") == "occurred" for m in ms) else "planned",
        event_date=_mode(day_dates) or c.date,
        date_precision=c.precision,
        korean_admin_code=ms[0].get("korean_admin_code"),
        korean_officials=_people(ms, "korean_officials"),
        foreign_officials=_people(ms, "foreign_officials"),
        fields=sorted({f for m in ms for f in m.get("fields") or []}),
        mention_count=len(ms),
        article_count=len({m["article_id"] for m in ms}),
        source_count=len({r.get("publisher") or m["article_id"] for m, r in zip(ms, reports, strict=True)}),
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None,
        mention_ids=sorted(m["event_id"] for m in ms),
        article_ids=sorted({m["article_id"] for m in ms}),
        confidence=_confidence(ms, articles),
        review_state=max(
            (m.get("review_state") or "unreviewed" for m in ms), key=lambda s: _REVIEW_RANK.get(s, 0)
        ),
    )
    return row


def _bucket(c: _Cluster) -> str:
    if c.date is None:
        return "undated"
    return str(c.date.year) if c.precision == "year" else f"{c.date.year}-{c.date.month:02d}"


def merge_mentions(mentions: Iterable[dict], articles: dict[str, dict]) -> list[dict]:
    """Merged events from event mentions (rows of `events`) and their articles
    (article_id -> publisher, published_date, near_duplicate_of); sorted by date and id."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for m in mentions:
        groups[_group_key(m)].append(m)
    out = []
    for key, ms in groups.items():
        clusters = sorted(
            _clusters(ms), key=lambda c: (c.date or date.max, min(m["event_id"] for m in c.mentions))
        )
        seen: Counter = Counter()
        for c in clusters:
            bucket = _bucket(c)
            seen[bucket] += 1
            suffix = f"#{seen[bucket]}" if seen[bucket] > 1 else ""  # two events of one month
            out.append(_row(key, bucket + suffix, c, articles))
    return sorted(out, key=lambda r: (r["event_date"] or date.max, r["merged_event_id"]))


def build_events_merged(warehouse: Path) -> pa.Table:
    """The merged events of the whole warehouse (events and articles of every day)."""
    from diplomacy.warehouse import read_table

    mentions = read_table(warehouse, "events").to_pylist()
    articles = {
        r["article_id"]: r
        for r in read_table(
            warehouse,
            "articles",
            columns=["article_id", "status", "publisher", "published_date", "near_duplicate_of"],
        ).to_pylist()
        if r["status"] == "accepted"
    }
    rows = merge_mentions(mentions, articles)  # mentions carry their article's published_date
    return pa.Table.from_pylist(rows, schema=EVENTS_MERGED) if rows else EVENTS_MERGED.empty_table()
