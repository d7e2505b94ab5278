"""Merging event mentions into real-world events (diplomacy.merged), on invented rows."""

from __future__ import annotations

import random
from datetime import date

from diplomacy.merged import merge_mentions

_N = iter(range(10_000))


def mention(
    day,
    *,
    article=None,
    precision="day",
    status="occurred",
    event_type="agreement",
    partner="다라시",
    gid=101,
    korean="가나시",
    conf=0.9,
    **kw,
):
    n = next(_N)
    return {
        "event_id": f"e{n:04d}",
        "article_id": article or f"a{n:04d}",
        "event_type": event_type,
        "agreement_type": "friendship_city" if event_type == "agreement" else None,
        "direction": "outbound" if event_type == "visit" else None,
        "status": status,
        "event_date": day,
        "date_precision": precision,
        "korean_city": korean,
        "korean_province": "나라도",
        "korean_admin_code": {"가나시": "99110", "마바시": "99120"}[korean],
        "partner_city": partner,
        "partner_region": "산둥성",
        "partner_country": "CN",
        "partner_geonames_id": gid,
        "korean_officials": [],
        "foreign_officials": [],
        "fields": [],
        "location": None,
        "confidence": conf,
        **kw,
    }


def articles_of(mentions, publishers=None, copies=None):
    publishers = publishers or {}
    copies = copies or {}
    return {
        m["article_id"]: {
            "publisher": publishers.get(m["article_id"]),
            "published_date": date(2024, 11, 8),
            "near_duplicate_of": copies.get(m["article_id"]),
        }
        for m in mentions
    }


def merge(ms, **kw):
    return merge_mentions(ms, articles_of(ms, **kw))


def test_reports_of_one_signing_on_neighbouring_days_are_one_event():
    ms = [mention(date(2024, 11, 6)), mention(date(2024, 11, 6)), mention(date(2024, 11, 7))]
    (row,) = merge(ms)
    assert row["mention_count"] == 3 and row["event_date"] == date(2024, 11, 6)


def test_signings_days_apart_stay_apart():
    assert len(merge([mention(date(2024, 11, 6)), mention(date(2024, 11, 9))])) == 2


def test_a_month_or_year_mention_joins_the_day_event_inside_it():
    ms = [
        mention(date(2024, 11, 6)),
        mention(date(2024, 11, 1), precision="month"),
        mention(date(2024, 1, 1), precision="year"),
    ]
    (row,) = merge(ms)
    assert (row["event_date"], row["date_precision"], row["mention_count"]) == (date(2024, 11, 6), "day", 3)


def test_a_month_mention_without_a_day_event_is_its_own_event():
    (row,) = merge([mention(date(2024, 11, 1), precision="month")])
    assert (row["event_date"], row["date_precision"]) == (date(2024, 11, 1), "month")


def test_a_plan_joins_the_event_that_occurred():
    ms = [mention(date(2024, 11, 6), status="planned"), mention(date(2024, 11, 6))]
    (row,) = merge(ms)
    assert row["status"] == "occurred" and row["mention_count"] == 2
    (alone,) = merge([mention(date(2024, 11, 6), status="planned")])
    assert alone["status"] == "planned"


def test_other_sides_and_types_are_other_events():
    ms = [
        mention(date(2024, 11, 6)),
        mention(date(2024, 11, 6), event_type="visit"),
        mention(date(2024, 11, 6), korean="마바시"),
        mention(date(2024, 11, 6), partner="사라시", gid=202),
    ]
    assert len(merge(ms)) == 4


def test_partners_are_matched_after_name_resolution():
    # two spellings of one government resolve to one GeoNames id; unlinked names match by name
    ms = [mention(date(2024, 11, 6), partner="다라시"), mention(date(2024, 11, 6), partner="달아시")]
    assert len(merge(ms)) == 1
    unlinked = [mention(date(2024, 11, 6), gid=None), mention(date(2024, 11, 6), gid=None, partner="달아시")]
    assert len(merge(unlinked)) == 2


def test_sources_count_publishers_and_copies_corroborate_once():
    ms = [mention(date(2024, 11, 6), conf=0.6) for _ in range(3)]
    a, b, c = (m["article_id"] for m in ms)
    (row,) = merge(ms, publishers={a: "한빛통신", b: "한빛통신", c: "서해신문"})
    assert (row["article_count"], row["source_count"]) == (3, 2)
    assert row["confidence"] == round(1 - 0.4**3, 4)
    (copied,) = merge(ms, copies={b: a})  # b is a near-duplicate of a: two independent reports
    assert copied["confidence"] == round(1 - 0.4**2, 4)
    assert copied["confidence"] > max(m["confidence"] for m in ms)


def test_officials_and_fields_are_united():
    ms = [
        mention(date(2024, 11, 6), fields=["trade"], korean_officials=[{"name": "가가가", "title": "시장"}]),
        mention(
            date(2024, 11, 6),
            fields=["tourism", "trade"],
            korean_officials=[{"name": "가가가", "title": "시장"}],
        ),
    ]
    (row,) = merge(ms)
    assert row["fields"] == ["tourism", "trade"] and len(row["korean_officials"]) == 1


def test_the_merge_does_not_depend_on_the_order_of_mentions():
    ms = [
        mention(date(2024, 11, d), precision=p)
        for d, p in ((6, "day"), (7, "day"), (1, "month"), (20, "day"))
    ]
    ms += [mention(date(2024, 11, 6), event_type="visit")]
    first = merge(ms)
    for _ in range(5):
        random.shuffle(ms)
        assert merge(ms) == first


def test_an_event_keeps_its_id_as_reports_come_and_go():
    day = [mention(date(2024, 11, 6))]
    later = [*day, mention(date(2024, 11, 7)), mention(date(2024, 11, 1), precision="month")]
    assert merge(day)[0]["merged_event_id"] == merge(later)[0]["merged_event_id"]
    ids = {r["merged_event_id"] for r in merge([mention(date(2024, 11, 6)), mention(date(2024, 11, 20))])}
    assert len(ids) == 2  # two events of one month keep distinct ids
