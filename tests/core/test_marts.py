from datetime import date

import pyarrow.parquet as pq

from diplomacy import schema
from diplomacy.marts import CITY_PAIRS, PARTNERS, build_marts
from diplomacy.warehouse import to_table, write_partition


def ev(eid, etype, k, p, d, status="occurred", **kw):
    row = {"event_id": eid, "article_id": "a", "event_type": etype, "status": status, "event_date": d,
           "date_precision": "day", "korean_city": k, "korean_province": "강원특별자치도", "partner_city": p,
           "partner_region": "랴오닝성", "partner_country": "CN", "partner_city_en": "Dalian",
           "partner_city_native": "大连市", "partner_geonames_id": 1814087, "partner_lat": 38.9, "partner_lon": 121.6}  # fmt: skip
    row.update(kw)
    return row


def test_marts_from_two_days(tmp_path):
    d1, d2 = date(2024, 3, 1), date(2024, 3, 2)
    write_partition(tmp_path, "events", d1, to_table([
        ev("1", "visit", "춘천시", "다롄시", date(2024, 2, 27)),
        ev("2", "agreement", "춘천시", "다롄시", date(2024, 2, 27)),
    ], schema.EVENTS))  # fmt: skip
    write_partition(tmp_path, "events", d2, to_table([
        ev("3", "visit", "춘천시", "다롄시", date(2024, 3, 1)),
        ev("4", "visit", "춘천시", "다롄시", date(2024, 4, 1), status="planned"),
    ], schema.EVENTS))  # fmt: skip
    write_partition(tmp_path, "relationships", d1, to_table([
        {"article_id": "a", "korean_city": "춘천시", "korean_province": "강원특별자치도", "partner_city": "다롄시",
         "partner_region": "랴오닝성", "partner_country": "CN", "relationship_type": "sister_city", "established_year": 1998},
        {"article_id": "a", "korean_city": "강릉시", "korean_province": "강원특별자치도", "partner_city": "선양시",
         "partner_region": "랴오닝성", "partner_country": "CN", "relationship_type": "friendship_city", "established_year": None},
    ], schema.RELATIONSHIPS))  # fmt: skip
    paths = build_marts(tmp_path)
    pairs = pq.read_table(paths["city_pairs"])
    assert pairs.schema == CITY_PAIRS
    rows = {(r["korean_city"], r["partner_city"]): r for r in pairs.to_pylist()}
    cc = rows[("춘천시", "다롄시")]
    assert (cc["event_count"], cc["visit_count"], cc["agreement_count"]) == (3, 2, 1)  # planned not counted
    assert (cc["first_event_date"], cc["last_event_date"]) == (date(2024, 2, 27), date(2024, 3, 1))
    assert (cc["relationship_types"], cc["established_year"]) == (["sister_city"], 1998)
    gs = rows[("강릉시", "선양시")]
    assert gs["event_count"] == 0 and gs["relationship_types"] == ["friendship_city"]
    partners = pq.read_table(paths["partners"])
    assert partners.schema == PARTNERS
    p = {r["partner_city"]: r for r in partners.to_pylist()}
    assert p["다롄시"]["partner_geonames_id"] == 1814087 and p["다롄시"]["korean_partners"] == 1
    # a partner known only from a relationship still gets its names and coordinates from the gazetteer
    assert p["선양시"]["partner_city_native"] and p["선양시"]["partner_lat"] is not None


def test_marts_of_an_empty_warehouse(tmp_path):
    paths = build_marts(tmp_path)
    assert pq.read_table(paths["partners"]).num_rows == 0
    assert pq.read_table(paths["city_pairs"]).num_rows == 0
