"""How fast the Diplomacy events pages' queries answer on a large synthetic warehouse.

    python -m benchmarks.plugin_queries --n 100000 [--days 365] [--repeat 5]

Writes N deterministic events (pyarrow, schema.EVENTS, one partition per ingest day, under
benchmarks/out/plugin-<n>-d<days>, reused when present), then times each query the plugin
runs (diplomacy_ui.data.WarehouseReader) and prints the best of --repeat in milliseconds.
The plugin's tests use the same generator (tests/plugin) to check answers, not times.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from diplomacy import schema

KOREAN = [
    ("안산시", "경기도"),
    ("시흥시", "경기도"),
    ("서울특별시", "서울특별시"),
    ("부산광역시", "부산광역시"),
]
PARTNERS = [
    ("창춘시", "지린성", "CN", 43.88, 125.32),
    ("훈춘시", "지린성", "CN", 42.87, 130.36),
    ("오사카시", "오사카부", "JP", 34.69, 135.50),
    ("하노이시", None, "VN", 21.03, 105.85),
    ("미지시", None, None, None, None),
]


def make_events(n: int, *, seed: int = 7, days: int = 20) -> list[dict]:
    rnd = random.Random(seed)
    start = date(2024, 1, 1)
    rows = []
    for i in range(n):
        city, province = rnd.choice(KOREAN)
        pcity, pregion, country, lat, lon = rnd.choice(PARTNERS)
        etype = rnd.choice(schema.EVENT_TYPES)
        ingest = start + timedelta(days=i % days)
        rows.append(
            {
                "event_id": f"e{i:07d}",
                "article_id": f"a{i // 3:07d}",
                "event_type": etype,
                "agreement_type": "mou" if etype == "agreement" else None,
                "direction": rnd.choice(schema.DIRECTIONS) if etype == "visit" else None,
                "status": rnd.choice(schema.EVENT_STATUSES),
                "event_date": None if i % 97 == 0 else date(2015, 1, 1) + timedelta(days=rnd.randrange(3600)),
                "date_precision": "day",
                "korean_city": city,
                "korean_province": province,
                "partner_city": pcity,
                "partner_region": pregion,
                "partner_country": country,
                "partner_lat": lat,
                "partner_lon": lon,
                "korean_officials": [],
                "foreign_officials": [],
                "fields": [],
                "evidence": f"evidence {i}",
                "confidence": round(rnd.uniform(0.5, 1.0), 3),
                "published_date": ingest,
                "review_state": rnd.choice(schema.REVIEW_STATES),
                "ingest_date": ingest,
            }
        )
    return rows


def write_events(warehouse: Path, rows: list[dict]) -> Path:
    by_day: dict[date, list[dict]] = defaultdict(list)
    for r in rows:
        by_day[r["ingest_date"]].append(r)
    names = schema.EVENTS.names
    for day, day_rows in by_day.items():
        path = Path(warehouse) / "events" / f"ingest_date={day.isoformat()}" / "part-0.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pylist([{k: r.get(k) for k in names} for r in day_rows], schema=schema.EVENTS)
        pq.write_table(table, path)
    return Path(warehouse)


def _queries():
    from diplomacy_ui.queries import EventFilter

    every = {"sort": "event_date", "order": "desc", "page": 1, "page_size": 50}
    return {
        "first page, no filter": ("events", (EventFilter(),), every),
        "last page, sort by confidence": (
            "events",
            (EventFilter(),),
            {**every, "sort": "confidence", "order": "asc", "page": 1999},
        ),
        "filter city + type + band": (
            "events",
            (EventFilter(equals={"korean_city": "안산시", "event_type": "visit"}, confidence_band="high"),),
            every,
        ),
        "date range": (
            "events",
            (EventFilter(date_from=date(2019, 1, 1), date_to=date(2019, 12, 31)),),
            every,
        ),
        "facets": ("facets", (), {}),
        "monthly": ("monthly", (EventFilter(),), {}),
        "partners": ("partners", (EventFilter(),), {}),
        "one event": ("event", ("e0050000",), {}),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    args = ap.parse_args(argv)
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "plugins"))
    from diplomacy_ui.data import WarehouseReader

    warehouse = args.out / f"plugin-{args.n}-d{args.days}"
    if not (warehouse / "events").exists():
        t = time.perf_counter()
        write_events(warehouse, make_events(args.n, days=args.days))
        print(f"wrote {args.n} events in {time.perf_counter() - t:.1f} s to {warehouse}")
    reader = WarehouseReader(warehouse)
    results = {}
    for label, (method, pos, kw) in _queries().items():
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            getattr(reader, method)(*pos, **kw)
            best = min(best, time.perf_counter() - t)
        results[label] = round(best * 1000, 1)
        print(f"{label:<32} {results[label]:8.1f} ms")
    (args.out / f"plugin-queries-{args.n}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
