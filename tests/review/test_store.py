"""The corrections store on SQLite (a temporary file) and on a real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from diplomacy.review import Store, StoreUnavailable, store_url
from diplomacy.review.store import PG_SCHEMA, close_store

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
INJECTION = "'); DROP TABLE corrections; --"
DAY = date(2024, 11, 8)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'review.db'}"


@pytest.fixture
def postgresql_url():
    """A throwaway database on the local PostgreSQL server, dropped afterwards."""
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        admin = psycopg2.connect(dbname="postgres", connect_timeout=3, **PG)
    except psycopg2.OperationalError as exc:
        pytest.skip(f"POSTGRESQL STORE NOT TESTED: no server at 127.0.0.1:5432 ({exc})")
    admin.autocommit = True
    name = f"diplomacy_review_test_{uuid.uuid4().hex[:10]}"
    with admin.cursor() as cur:
        cur.execute(f"CREATE DATABASE {name}")
    url = f"postgresql+psycopg2://postgres@127.0.0.1:5432/{name}"
    try:
        yield url
    finally:
        close_store(url)  # pooled connections would hold the database open
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request):
    return request.getfixturevalue(f"{request.param}_url")


def entry(action="confirm", event_id="e1", article_id="a1", day=DAY, **kw):
    return {
        "event_id": event_id,
        "article_id": article_id,
        "ingest_date": day,
        "action": action,
        "user": "kim",
        **kw,
    }


def test_records_and_reads_back_in_order(url):
    store = Store(url)
    before = datetime.now(UTC) - timedelta(seconds=1)
    store.record([entry("confirm")])
    store.record(
        [
            entry("edit", field="fields", before=[], after=["economy", "trade"]),
            entry("edit", field="event_date", before="2024-11-01", after="2024-11-03"),
        ]
    )
    store.record(
        [entry("add", event_id="added-x", article_id="a2", after={"event_type": "exchange", "fields": []})]
    )
    store.record([entry("reject", event_id="e9", day=date(2024, 11, 9), note="중복 기사")])
    log = store.log()
    assert [c.action for c in log] == ["confirm", "edit", "edit", "add", "reject"]
    assert [c.id for c in log] == sorted(c.id for c in log)
    assert log[1].before == [] and log[1].after == ["economy", "trade"] and log[1].field == "fields"
    assert log[3].after == {"event_type": "exchange", "fields": []}
    assert all(c.user == "kim" and before <= c.at <= datetime.now(UTC) for c in log)
    assert all(c.at.tzinfo is not None for c in log)
    assert [c.action for c in store.log(event_id="e1")] == ["confirm", "edit", "edit"]
    assert [c.event_id for c in store.log(article_id="a2")] == ["added-x"]
    assert [c.event_id for c in store.log(day=date(2024, 11, 9))] == ["e9"] and log[4].note == "중복 기사"
    assert store.days() == [DAY, date(2024, 11, 9)]
    assert store.latest_id(DAY) == log[3].id and store.latest_id(date(2020, 1, 1)) is None


def test_an_injection_string_is_stored_verbatim(url):
    store = Store(url)
    store.record([entry("reject", event_id=INJECTION, article_id=INJECTION, note=INJECTION)])
    store.record([entry("edit", field="location", before=None, after=INJECTION)])
    assert store.log(event_id=INJECTION)[0].note == INJECTION
    assert store.log(article_id=INJECTION)[0].event_id == INJECTION
    assert store.log(event_id="e1")[0].after == INJECTION
    assert len(Store(url).log()) == 2  # the table is still there


def test_an_action_outside_the_vocabulary_is_refused_by_the_database(url):
    with pytest.raises(sa.exc.IntegrityError):
        Store(url).record([entry("delete")])


def test_a_second_store_on_the_same_database_sees_the_log(url):
    Store(url).record([entry()])
    again = Store(url)
    again.close()
    assert len(Store(url).log()) == 1


def test_postgresql_keeps_its_tables_in_their_own_schema(postgresql_url):
    Store(postgresql_url).record([entry()])
    engine = sa.create_engine(postgresql_url)
    try:
        with engine.connect() as con:
            tables = con.execute(
                sa.text("SELECT table_schema FROM information_schema.tables WHERE table_name = 'corrections'")
            ).scalars()
            assert list(tables) == [PG_SCHEMA]
    finally:
        engine.dispose()


def test_an_unreachable_store_says_so():
    url = "postgresql+psycopg2://postgres:secret@127.0.0.1:1/nowhere"
    with pytest.raises(StoreUnavailable) as err:
        Store(url)
    assert "127.0.0.1:1" in str(err.value) and "secret" not in str(err.value)


def test_the_store_url_setting_and_its_default(tmp_path, monkeypatch):
    monkeypatch.delenv("DIPLOMACY_REVIEW_DB", raising=False)
    monkeypatch.setenv("DIPLOMACY_WAREHOUSE", str(tmp_path / "data" / "warehouse"))
    assert store_url() == f"sqlite:///{tmp_path / 'data' / 'diplomacy_review.db'}"
    assert (
        store_url(tmp_path / "elsewhere" / "wh")
        == f"sqlite:///{tmp_path / 'elsewhere' / 'diplomacy_review.db'}"
    )
    monkeypatch.setenv("DIPLOMACY_REVIEW_DB", "postgresql+psycopg2://review@db/review")
    assert store_url() == store_url(tmp_path) == "postgresql+psycopg2://review@db/review"
    assert os.environ["DIPLOMACY_REVIEW_DB"]
