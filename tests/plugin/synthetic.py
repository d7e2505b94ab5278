"""Synthetic events warehouses for the plugin's tests: deterministic rows written with pyarrow
in the contract's schema, partitioned by ingest day like the pipeline writes them."""

from __future__ import annotations

import random
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
