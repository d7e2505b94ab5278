"""Great Expectations suites: bad rows go to quarantine, critical failures stop the load."""

from __future__ import annotations

import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from diplomacy import schema
from diplomacy.validate import ValidationFailed, validate_tables
from diplomacy.warehouse import to_table, write_file_atomic

PUB = date(2024, 5, 2)


def article(aid, status="accepted"):
    return {"article_id": aid, "source_file": f"{aid}.txt", "status": status, "published_date": PUB,
            "is_diplomacy": True, "event_count": 1}  # fmt: skip


def event(eid, **kw):
    row = {"event_id": eid, "article_id": "a1", "event_type": "visit", "direction": "outbound", "status": "occurred",
           "event_date": date(2024, 5, 1), "date_precision": "day", "korean_city": "춘천시", "partner_city": "다롄시",
           "partner_country": "CN", "confidence": 0.9, "fields": ["economy"], "published_date": PUB,
           "korean_officials": [{"name": "김철수", "title": "시장"}], "foreign_officials": []}  # fmt: skip
    row.update(kw)
    return row


def merged(tmp_path, events, articles=None, rels=()):
    d = tmp_path / "_runs" / "2024-05-02" / "merged"
    write_file_atomic(to_table(articles or [article("a1")], schema.ARTICLES), d / "articles.parquet")
    write_file_atomic(to_table(events, schema.EVENTS), d / "events.parquet")
    write_file_atomic(to_table(list(rels), schema.RELATIONSHIPS), d / "relationships.parquet")
    return d


def test_row_level_failures_go_to_quarantine_with_the_expectation(tmp_path):
    d = merged(
        tmp_path,
        [
            event("good"),
            event("bad-type", event_type="party"),
            event("future-occurred", event_date=date(2024, 6, 1)),
            event("bad-field", fields=["economy", "astrology"]),
        ],
    )
    validate_tables(d, run_id="t")
    kept = pq.read_table(d / "events.parquet")["event_id"].to_pylist()
    assert kept == ["good"]
    q = {(r["row_key"], r["expectation"]) for r in pq.read_table(d / "quarantine.parquet").to_pylist()}
    assert ("bad-type", "expect_column_values_to_be_in_set(event_type)") in q
    assert ("future-occurred", "expect_column_values_to_be_in_set(occurred_after_publication)") in q
    assert ("bad-field", "expect_column_values_to_be_in_set(invalid_field_count)") in q
    report = json.loads((d / "validation.json").read_text())
    assert report["success"] and report["quarantined"] == 3
    results = pq.read_table(d / "validation_results.parquet").to_pylist()
    assert any(not r["success"] and not r["critical"] for r in results)
    assert list((tmp_path / "_gx").rglob("index.html")), "Data Docs are rendered under the warehouse"


def test_critical_failure_names_the_expectation_and_rows(tmp_path):
    d = merged(tmp_path, [event("dup"), event("dup")])
    with pytest.raises(ValidationFailed) as err:
        validate_tables(d, run_id="t")
    assert "expect_column_values_to_be_unique(event_id)" in str(err.value)
    assert "dup" in str(err.value)


def test_events_of_unknown_articles_are_critical(tmp_path):
    d = merged(tmp_path, [event("e1", article_id="ghost")])
    with pytest.raises(ValidationFailed, match="accepted_article"):
        validate_tables(d, run_id="t")


def test_validations_of_several_days_at_once_all_succeed(tmp_path):
    """A backfill validates several days in parallel tasks against one GX project; none may
    trip over another's saves (they failed with CheckpointRelatedResourcesFreshnessError)."""
    import subprocess
    import sys

    days = [f"2024-05-0{d}" for d in range(2, 6)]
    for day in days:
        d = tmp_path / "_runs" / day / "merged"
        write_file_atomic(to_table([article("a1")], schema.ARTICLES), d / "articles.parquet")
        write_file_atomic(to_table([event(f"e-{day}")], schema.EVENTS), d / "events.parquet")
        write_file_atomic(to_table([], schema.RELATIONSHIPS), d / "relationships.parquet")
    code = "import sys; from diplomacy.validate import validate_tables; validate_tables(sys.argv[1], run_id=sys.argv[2])"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path / "_runs" / day / "merged"), f"run-{day}"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for day in days
    ]
    errors = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert [rc for rc, _ in errors] == [0] * len(days), [err[-2000:] for rc, err in errors if rc]
    for day in days:
        report = json.loads((tmp_path / "_runs" / day / "merged" / "validation.json").read_text())
        assert report["success"] and report["run_id"] == f"run-{day}"
