"""apply: each action on its own, their combinations, and idempotence."""

from __future__ import annotations

from datetime import UTC, date, datetime

from diplomacy.review import Correction, apply

DAY = date(2024, 11, 8)


def ev(eid, article="a1", **kw):
    row = {"event_id": eid, "article_id": article, "event_type": "visit", "direction": "outbound",
           "status": "occurred", "event_date": date(2024, 11, 1), "date_precision": "day",
           "korean_city": "안산시", "partner_city": "훈춘시", "partner_country": "CN", "fields": [],
           "confidence": 0.7, "published_date": DAY}  # fmt: skip
    row.update(kw)
    return row


_ids = iter(range(1, 10_000))


def c(action, event_id, article="a1", field=None, before=None, after=None, note=None):
    return Correction(next(_ids), event_id, article, DAY, action, field, before, after, "kim",
                      datetime(2026, 1, 1, tzinfo=UTC), note)  # fmt: skip


ADDED = {"event_type": "exchange", "agreement_type": None, "direction": None, "status": "occurred",
         "event_date": "2024-10-01", "date_precision": "month", "korean_city": "안산시", "korean_province": "경기도",
         "partner_city": "훈춘시", "partner_region": "지린성", "partner_country": "CN", "korean_officials": [],
         "foreign_officials": [], "fields": ["culture"], "location": None, "evidence": "교류했다",
         "published_date": "2024-11-08"}  # fmt: skip


def by_id(rows):
    return {r["event_id"]: r for r in rows}


def test_no_corrections_marks_every_event_unreviewed():
    out = apply([ev("e2"), ev("e1")], [])
    assert [r["event_id"] for r in out] == ["e1", "e2"]
    assert {r["review_state"] for r in out} == {"unreviewed"}


def test_confirm():
    out = by_id(apply([ev("e1"), ev("e2")], [c("confirm", "e1")]))
    assert out["e1"]["review_state"] == "confirmed" and out["e2"]["review_state"] == "unreviewed"
    assert out["e1"]["direction"] == "outbound"


def test_edit_keeps_the_event_id_and_takes_the_latest_value():
    log = [
        c("edit", "e1", field="direction", before="outbound", after="inbound"),
        c("edit", "e1", field="event_date", before="2024-11-01", after="2024-11-03"),
        c("edit", "e1", field="direction", before="inbound", after="outbound"),
        c("confirm", "e1"),  # a confirmation after an edit leaves it corrected
    ]
    (row,) = apply([ev("e1")], log)
    assert row["event_id"] == "e1" and row["review_state"] == "corrected"
    assert row["direction"] == "outbound" and row["event_date"] == date(2024, 11, 3)


def test_reject_removes_the_row():
    out = apply(
        [ev("e1"), ev("e2")], [c("edit", "e1", field="fields", before=[], after=["trade"]), c("reject", "e1")]
    )
    assert [r["event_id"] for r in out] == ["e2"]


def test_add_builds_a_row_while_its_article_is_there():
    log = [c("add", "added-1", article="a2", after=ADDED)]
    (row,) = [r for r in apply([ev("e1")], log) if r["event_id"] == "added-1"]
    assert row["article_id"] == "a2" and row["review_state"] == "added" and row["confidence"] == 1.0
    assert (
        row["event_date"] == date(2024, 10, 1)
        and row["published_date"] == DAY
        and row["evidence"] == "교류했다"
    )
    assert [r["event_id"] for r in apply([ev("e1")], log, article_ids={"a1"})] == ["e1"]  # article gone
    assert {r["event_id"] for r in apply([ev("e1")], log, article_ids={"a1", "a2"})} == {"e1", "added-1"}


def test_an_added_event_can_be_edited_and_rejected():
    add = c("add", "added-1", after=ADDED)
    edit = c("edit", "added-1", field="fields", before=["culture"], after=["youth"])
    (row,) = apply([], [add, edit])
    assert row["fields"] == ["youth"] and row["review_state"] == "added"
    assert apply([], [add, edit, c("reject", "added-1")]) == []


def test_corrections_of_an_event_the_engine_no_longer_finds_do_not_resurrect_it():
    log = [c("confirm", "gone"), c("edit", "gone", field="status", before="occurred", after="planned")]
    assert [r["event_id"] for r in apply([ev("e1")], log)] == ["e1"]


def test_apply_is_idempotent():
    events = [ev("e1"), ev("e2"), ev("e3", article="a2"), ev("e4")]
    log = [
        c("confirm", "e2"),
        c("edit", "e3", article="a2", field="partner_country", before="CN", after="JP"),
        c("reject", "e4"),
        c("add", "added-1", after=ADDED),
        c("add", "added-2", article="a9", after=ADDED),
    ]
    once = apply(events, log, article_ids={"a1", "a2"})
    assert apply(once, log, article_ids={"a1", "a2"}) == once
    assert {r["event_id"]: r["review_state"] for r in once} == {
        "e1": "unreviewed", "e2": "confirmed", "e3": "corrected", "added-1": "added",
    }  # fmt: skip


def test_apply_leaves_its_input_alone():
    events = [ev("e1")]
    apply(events, [c("edit", "e1", field="direction", before="outbound", after="inbound")])
    assert events == [ev("e1")]
