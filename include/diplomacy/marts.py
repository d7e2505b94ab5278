"""Analyst-facing marts rebuilt from the warehouse tables whenever a daily load lands.

`events_merged`: one row per real-world event, the event mentions of every article merged
across outlets and days (`diplomacy.merged`). `partners`: one row per foreign government the
warehouse has seen, with its names, country, region, GeoNames id and coordinates (for maps).
`city_pairs`: one row per Korean government × partner, with the standing relationship types,
the year established, the first and last event dates and event counts by type. Event counts
count merged events, not reports. All are rebuilt whole (DuckDB over the Parquet tables) and
swapped in atomically; the columns are documented in docs/data_dictionary.md.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from diplomacy.merged import EVENTS_MERGED, build_events_merged
from diplomacy.schema import EVENT_TYPES
from diplomacy.warehouse import read_table, write_file_atomic

PARTNERS = pa.schema(
    [
        pa.field("partner_city", pa.string(), nullable=False),
        pa.field("partner_city_en", pa.string()),
        pa.field("partner_city_native", pa.string()),
        pa.field("partner_country", pa.string()),
        pa.field("partner_region", pa.string()),
        pa.field("partner_geonames_id", pa.int64()),
        pa.field("partner_lat", pa.float64()),
        pa.field("partner_lon", pa.float64()),
        pa.field("korean_partners", pa.int64()),
        pa.field("event_count", pa.int64()),
        pa.field("first_event_date", pa.date32()),
        pa.field("last_event_date", pa.date32()),
    ]
)

CITY_PAIRS = pa.schema(
    [
        pa.field("korean_city", pa.string(), nullable=False),
        pa.field("korean_province", pa.string()),
        pa.field("partner_city", pa.string(), nullable=False),
        pa.field("partner_region", pa.string()),
        pa.field("partner_country", pa.string()),
        pa.field("relationship_types", pa.list_(pa.string())),
        pa.field("established_year", pa.int32()),
        pa.field("first_event_date", pa.date32()),
        pa.field("last_event_date", pa.date32()),
        pa.field("event_count", pa.int64()),
        *[pa.field(f"{t}_count", pa.int64()) for t in EVENT_TYPES],
    ]
)

MARTS = {"partners": PARTNERS, "city_pairs": CITY_PAIRS, "events_merged": EVENTS_MERGED}


def mart_path(warehouse: Path, name: str) -> Path:
    return Path(warehouse) / "marts" / name / "part-0.parquet"


def build_marts(warehouse: Path) -> dict[str, str]:
    """Rebuild every mart from the warehouse; returns mart name -> file written."""
    import duckdb

    warehouse = Path(warehouse)
    con = duckdb.connect()
    merged = build_events_merged(warehouse)
    con.register("events", merged)  # real-world events: counts do not count outlets
    con.register("relationships", read_table(warehouse, "relationships"))
    counts = ",\n".join(f"count(*) FILTER (WHERE event_type = '{t}') AS {t}_count" for t in EVENT_TYPES)
    city_pairs = con.sql(
        f"""
        WITH ev AS (
            SELECT korean_city, any_value(korean_province) AS korean_province, partner_city,
                   coalesce(partner_region, '') AS region_key, any_value(partner_region) AS partner_region,
                   any_value(partner_country) AS partner_country,
                   min(event_date) AS first_event_date, max(event_date) AS last_event_date,
                   count(*) AS event_count, {counts}
            FROM events WHERE status = 'occurred'
            GROUP BY korean_city, partner_city, region_key
        ),
        rel AS (
            SELECT korean_city, any_value(korean_province) AS korean_province, partner_city,
                   coalesce(partner_region, '') AS region_key, any_value(partner_region) AS partner_region,
                   any_value(partner_country) AS partner_country,
                   list_sort(list_distinct(list(relationship_type))) AS relationship_types,
                   min(established_year) AS established_year
            FROM relationships GROUP BY korean_city, partner_city, region_key
        )
        SELECT coalesce(ev.korean_city, rel.korean_city) AS korean_city,
               coalesce(ev.korean_province, rel.korean_province) AS korean_province,
               coalesce(ev.partner_city, rel.partner_city) AS partner_city,
               coalesce(ev.partner_region, rel.partner_region) AS partner_region,
               coalesce(ev.partner_country, rel.partner_country) AS partner_country,
               coalesce(rel.relationship_types, []::VARCHAR[]) AS relationship_types,
               rel.established_year,
               ev.first_event_date, ev.last_event_date,
               coalesce(ev.event_count, 0) AS event_count,
               {", ".join(f"coalesce(ev.{t}_count, 0) AS {t}_count" for t in EVENT_TYPES)}
        FROM ev FULL OUTER JOIN rel
          ON ev.korean_city = rel.korean_city AND ev.partner_city = rel.partner_city
         AND ev.region_key = rel.region_key
        ORDER BY korean_city, partner_city
        """
    ).to_arrow_table()
    con.register("city_pairs", city_pairs)
    partners = con.sql(
        """
        WITH names AS (
            SELECT partner_city, coalesce(partner_region, '') AS region_key,
                   any_value(partner_city_en) AS partner_city_en, any_value(partner_city_native) AS partner_city_native,
                   any_value(partner_country) AS partner_country, any_value(partner_region) AS partner_region,
                   any_value(partner_geonames_id) AS partner_geonames_id,
                   any_value(partner_lat) AS partner_lat, any_value(partner_lon) AS partner_lon
            FROM events GROUP BY partner_city, region_key
        ),
        pairs AS (
            SELECT partner_city, coalesce(partner_region, '') AS region_key, any_value(partner_country) AS country,
                   any_value(partner_region) AS region,
                   count(DISTINCT korean_city) AS korean_partners, sum(event_count) AS event_count,
                   min(first_event_date) AS first_event_date, max(last_event_date) AS last_event_date
            FROM city_pairs GROUP BY partner_city, region_key
        )
        SELECT p.partner_city, n.partner_city_en, n.partner_city_native,
               coalesce(n.partner_country, p.country) AS partner_country,
               coalesce(n.partner_region, p.region) AS partner_region,
               n.partner_geonames_id, n.partner_lat, n.partner_lon,
               p.korean_partners, p.event_count, p.first_event_date, p.last_event_date
        FROM pairs p LEFT JOIN names n ON n.partner_city = p.partner_city AND n.region_key = p.region_key
        ORDER BY partner_country, partner_city
        """
    ).to_arrow_table()
    partners = _fill_from_gazetteer(partners)
    out = {}
    for name, table in (("partners", partners), ("city_pairs", city_pairs), ("events_merged", merged)):
        schema = MARTS[name]
        out[name] = str(
            write_file_atomic(table.select(schema.names).cast(schema), mart_path(warehouse, name))
        )
    return out


def _fill_from_gazetteer(partners: pa.Table) -> pa.Table:
    """Partners known only from relationships get their names and coordinates from the gazetteer."""
    from diplomacy.gazetteer.foreign import foreign_gazetteer

    g = foreign_gazetteer()
    rows = partners.to_pylist()
    for r in rows:
        if r["partner_geonames_id"] is not None or r["partner_city_en"]:
            continue
        gov = g.resolve(
            r["partner_city"], country=r["partner_country"], region_hint=r["partner_region"] or None
        )
        if gov is not None:
            r.update(
                partner_city_en=gov.name_en or None,
                partner_city_native=gov.name_native or None,
                partner_region=r["partner_region"] or gov.region or None,
                partner_geonames_id=gov.geonames_id,
                partner_lat=gov.lat,
                partner_lon=gov.lon,
            )
    return pa.Table.from_pylist(rows, schema=PARTNERS) if rows else PARTNERS.empty_table()
