"""validate_changes: every editable field against the contract's vocabularies and conventions."""

from __future__ import annotations

from datetime import date

import pytest

from diplomacy.review import EDITABLE_FIELDS, InvalidCorrection, validate_changes

VISIT = {
    "event_id": "e1", "article_id": "a1", "event_type": "visit", "agreement_type": None,
    "direction": "outbound", "status": "occurred", "event_date": date(2023, 10, 10),
    "date_precision": "day", "korean_city": "안산시", "korean_province": "경기도",
    "partner_city": "훈춘시", "partner_region": "지린성", "partner_country": "CN",
    "korean_officials": [], "foreign_officials": [], "fields": [], "location": None,
    "published_date": date(2023, 10, 11),
}  # fmt: skip
NEW = {"event_type": "exchange", "status": "occurred", "event_date": "2023-10-01", "date_precision": "day",
       "korean_city": "안산시", "korean_province": "경기도", "partner_city": "훈춘시", "partner_country": "CN"}  # fmt: skip


def refused(changes, current=VISIT) -> str:
    with pytest.raises(InvalidCorrection) as err:
        validate_changes(changes, current)
    return str(err.value)


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"event_type": "party"}, "event_type 'party' is not one of"),
        ({"partner_country": "China"}, "ISO 3166-1 alpha-2"),
        ({"partner_country": "C1"}, "ISO 3166-1 alpha-2"),
        ({"event_date": "2023-02-30"}, "not a calendar date"),
        ({"event_date": "10/10/2023"}, "YYYY-MM-DD"),
        ({"event_date": "1900-01-01"}, "outside"),
        ({"colour": "red"}, "unknown field colour"),
        ({"status": "rumoured"}, "status 'rumoured'"),
        ({"date_precision": "week"}, "date_precision 'week'"),
        ({"fields": ["economy", "gossip"]}, "outside the vocabulary"),
        ({"fields": "economy"}, "must be a list"),
        ({"korean_officials": [{"name": "", "title": "시장"}]}, "korean_officials[0].name is required"),
        ({"foreign_officials": [{"name": "장림국", "age": 50}]}, "only name and title"),
        ({"foreign_officials": "장림국"}, "must be a list"),
        ({"korean_city": "안산"}, "administrative suffix"),
        ({"partner_city": "  "}, "partner_city is required"),
        ({"partner_city": "가" * 201}, "longer than 200"),
        ({"location": "서울"}, "location applies only to meeting"),
        ({"agreement_type": "mou"}, "agreement_type applies only to agreement"),
        ({"event_type": "meeting"}, "direction applies only to visit"),
        ({"direction": None}, "a visit needs direction"),
        ({"event_type": "agreement", "direction": None}, "a agreement needs agreement_type"),
        ({"event_date": "2023-10-20"}, "cannot be dated after its article"),
        ({}, "no changes"),
    ],
)
def test_each_rule_refuses_with_a_message(changes, says):
    assert says in refused(changes)


def test_good_values_come_back_normalised():
    out = validate_changes(
        {
            "partner_country": " jp ",
            "fields": ["economy", "trade", "economy"],
            "korean_officials": [{"name": " 이기용 ", "title": "정책실장"}],
            "partner_region": "",
        },
        VISIT,
    )
    assert out == {
        "partner_country": "JP",
        "fields": ["economy", "trade"],
        "korean_officials": [{"name": "이기용", "title": "정책실장"}],
        "partner_region": None,
    }


@pytest.mark.parametrize(
    ("precision", "stored"),
    [("day", date(2023, 9, 17)), ("month", date(2023, 9, 1)), ("year", date(2023, 1, 1))],
)
def test_a_date_is_stored_at_its_precision(precision, stored):
    assert (
        validate_changes({"event_date": "2023-09-17", "date_precision": precision}, VISIT)["event_date"]
        == stored
    )


def test_changing_only_the_precision_normalises_the_current_date():
    assert validate_changes({"date_precision": "month"}, VISIT)["event_date"] == date(2023, 10, 1)


def test_changing_the_type_needs_the_fields_of_the_new_type():
    out = validate_changes({"event_type": "agreement", "direction": None, "agreement_type": "mou"}, VISIT)
    assert out == {"event_type": "agreement", "direction": None, "agreement_type": "mou"}
    assert validate_changes({"event_type": "meeting", "direction": None, "location": "하얼빈"}, VISIT)


def test_an_injection_string_is_plain_text():
    text = "'); DROP TABLE corrections; --"
    assert (
        validate_changes({"location": text, "event_type": "meeting", "direction": None}, VISIT)["location"]
        == text
    )


def test_a_new_event_names_the_required_fields():
    assert "the event needs partner_country" in refused(
        {k: v for k, v in NEW.items() if k != "partner_country"}, None
    )
    out = validate_changes({**NEW, "evidence": "근거 문장"}, None)
    assert out["event_date"] == date(2023, 10, 1) and out["evidence"] == "근거 문장"
    assert "evidence" not in EDITABLE_FIELDS  # an edit cannot rewrite what the engine read
    assert "unknown field evidence" in refused({"evidence": "x"})
    assert "longer than 2000" in refused({**NEW, "evidence": "가" * 2001}, None)
