"""The corrections log: who changed which event, when, from what to what.

One table, `corrections`, in a real database: PostgreSQL in the production stack (schema
`diplomacy_review`, apart from Airflow's tables), SQLite for the embedded default. Written with
SQLAlchemy Core and bound parameters only; rows are only ever appended.

The store is one setting, `DIPLOMACY_REVIEW_DB` (an SQLAlchemy URL). Without it the store is
`sqlite:///<the warehouse's parent folder>/diplomacy_review.db`, the warehouse being the one a
command names or `DIPLOMACY_WAREHOUSE` (default `$AIRFLOW_HOME/warehouse`, so the file is
`$AIRFLOW_HOME/diplomacy_review.db`): beside the warehouse, not inside it, so that rebuilding the
warehouse from scratch keeps the analysts' work.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa

ENV = "DIPLOMACY_REVIEW_DB"
FILE_NAME = "diplomacy_review.db"
PG_SCHEMA = "diplomacy_review"
ACTIONS = ("confirm", "reject", "edit", "add")

metadata = sa.MetaData()
corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(200), nullable=False),  # an added event's new id
    sa.Column("article_id", sa.String(200), nullable=False),
    sa.Column("ingest_date", sa.Date, nullable=False),  # the warehouse partition of the event
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("field", sa.String(64)),  # edits: one row per changed field
    sa.Column("before_json", sa.Text),  # JSON values; the whole event for an add
    sa.Column("after_json", sa.Text),
    sa.Column("username", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("note", sa.Text),
    sa.CheckConstraint("action IN ('confirm', 'reject', 'edit', 'add')", name="corrections_action"),
    sa.Index("corrections_ingest_date", "ingest_date"),
    sa.Index("corrections_event_id", "event_id"),
    sa.Index("corrections_article_id", "article_id"),
)


class StoreUnavailable(RuntimeError):
    """The corrections store cannot be reached: nothing may be loaded without its corrections."""


class Correction(NamedTuple):
    id: int
    event_id: str
    article_id: str
    ingest_date: date
    action: str  # confirm, reject, edit or add
    field: str | None  # the edited field (edit only)
    before: object  # JSON-able; None for confirm, reject and add
    after: object  # the new value of `field`; the whole event dict for add
    user: str
    at: datetime  # UTC
    note: str | None


def store_url(warehouse: Path | None = None) -> str:
    """DIPLOMACY_REVIEW_DB, or SQLite beside the warehouse (see the module's docstring)."""
    url = os.environ.get(ENV, "").strip()
    if url:
        return url
    if warehouse is None:
        from diplomacy.config import settings

        warehouse = settings().warehouse
    return f"sqlite:///{Path(warehouse).resolve().parent / FILE_NAME}"


def shown(url: str) -> str:
    """A URL fit for messages and logs: no password."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<invalid URL>"


def sqlite_file_missing(url: str) -> bool:
    """A SQLite store whose file does not exist yet holds no corrections (nothing to query)."""
    u = sa.make_url(url)
    return (
        u.get_backend_name() == "sqlite"
        and u.database not in (None, "", ":memory:")
        and not (Path(u.database).exists())
    )


_engines: dict[str, sa.Engine] = {}
_ready: set[str] = set()
_guard = threading.Lock()


def close_store(url: str) -> None:
    """Close the pooled connections to the store at `url`, if any were opened."""
    with _guard:
        engine = _engines.pop(url, None)
        _ready.discard(url)
    if engine is not None:
        engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cur.close()


def _engine(url: str) -> sa.Engine:
    with _guard:
        if url not in _engines:
            u = sa.make_url(url)
            if u.get_backend_name() == "sqlite":
                engine = sa.create_engine(u, connect_args={"timeout": 30})
                sa.event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = sa.create_engine(u, pool_pre_ping=True).execution_options(
                    schema_translate_map={None: PG_SCHEMA}
                )
            _engines[url] = engine
        return _engines[url]


def _row(r) -> Correction:
    at = r.at if r.at.tzinfo else r.at.replace(tzinfo=UTC)  # SQLite keeps no zone: stored as UTC
    return Correction(
        id=r.id,
        event_id=r.event_id,
        article_id=r.article_id,
        ingest_date=r.ingest_date,
        action=r.action,
        field=r.field,
        before=None if r.before_json is None else json.loads(r.before_json),
        after=None if r.after_json is None else json.loads(r.after_json),
        user=r.username,
        at=at.astimezone(UTC),
        note=r.note,
    )


def _json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=_iso)


def _iso(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON-able")


class Store:
    """The corrections log in the database at `url` (default: store_url())."""

    def __init__(self, url: str | None = None):
        self.url = url or store_url()
        self.engine = _engine(self.url)
        self._create()

    def close(self) -> None:
        """Close the store's connections (the next Store of this URL opens new ones)."""
        close_store(self.url)

    def __repr__(self) -> str:
        return f"Store({shown(self.url)!r})"

    @contextmanager
    def _reach(self) -> Iterator[None]:
        try:
            yield
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
            raise StoreUnavailable(
                f"the corrections store {shown(self.url)} is unreachable ({ENV}): {exc.orig or exc}"
            ) from exc

    def _create(self) -> None:
        if self.url in _ready:
            return
        with self._reach():
            for attempt in (1, 2):  # two processes creating at once: the loser finds the tables
                try:
                    with self.engine.begin() as con:
                        if self.engine.dialect.name == "postgresql":
                            con.execute(sa.text(f"CREATE SCHEMA IF NOT EXISTS {PG_SCHEMA}"))
                        metadata.create_all(con)
                    break
                except (sa.exc.IntegrityError, sa.exc.ProgrammingError):
                    if attempt == 2:
                        raise
        _ready.add(self.url)

    def record(self, entries: list[dict]) -> list[Correction]:
        """Append corrections (dicts of Correction's fields but id and at) in one transaction."""
        now = datetime.now(UTC)
        rows = [
            {
                "event_id": e["event_id"],
                "article_id": e["article_id"],
                "ingest_date": e["ingest_date"],
                "action": e["action"],
                "field": e.get("field"),
                "before_json": _json(e.get("before")),
                "after_json": _json(e.get("after")),
                "username": e["user"],
                "at": now if self.engine.dialect.name == "postgresql" else now.replace(tzinfo=None),
                "note": e.get("note"),
            }
            for e in entries
        ]
        ids = []
        with self._reach(), self.engine.begin() as con:
            for r in rows:
                ids.append(con.execute(corrections.insert().values(**r)).inserted_primary_key[0])
        return [c for c in self.log_ids(ids)]

    def log_ids(self, ids: list[int]) -> list[Correction]:
        return self._select(corrections.c.id.in_(ids)) if ids else []

    def _select(self, *where) -> list[Correction]:
        q = sa.select(corrections).where(*where).order_by(corrections.c.id)
        with self._reach(), self.engine.connect() as con:
            return [_row(r) for r in con.execute(q)]

    def log(self, *, event_id=None, article_id=None, day=None) -> list[Correction]:
        """Corrections, oldest first, of an event, an article and/or an ingest day."""
        where = []
        if event_id is not None:
            where.append(corrections.c.event_id == event_id)
        if article_id is not None:
            where.append(corrections.c.article_id == article_id)
        if day is not None:
            where.append(corrections.c.ingest_date == day)
        return self._select(*where)

    def days(self) -> list[date]:
        """Ingest days that have corrections."""
        q = sa.select(corrections.c.ingest_date).distinct().order_by(corrections.c.ingest_date)
        with self._reach(), self.engine.connect() as con:
            return [r[0] for r in con.execute(q)]

    def latest_id(self, day: date) -> int | None:
        """The id of the day's newest correction (a load checks it did not miss one)."""
        q = sa.select(sa.func.max(corrections.c.id)).where(corrections.c.ingest_date == day)
        with self._reach(), self.engine.connect() as con:
            return con.execute(q).scalar()
