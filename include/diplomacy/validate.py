"""Great Expectations suites over the day's tables, before anything reaches the warehouse.

Two kinds of expectation: *critical* ones guard table integrity (keys present and unique,
every landing file accounted for); a failure stops the run with a message naming the
expectation and the rows. *Row-level* ones guard the contract's vocabularies and dates; the
rows that fail them move to the `quarantine` table with the expectation's name, so bad
extractions are neither loaded as truth nor silently dropped.

GX misreads list columns, so lists are validated through derived scalar columns
(e.g. the count of fields outside the vocabulary).
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from diplomacy import schema
from diplomacy.warehouse import to_table, write_file_atomic

__all__ = ["ValidationFailed", "validate_tables"]

MIN_DATE = date(1950, 1, 1)
_ARTICLE_COLUMNS = ["article_id", "source_file", "status", "reason", "published_date", "is_diplomacy"]


class ValidationFailed(RuntimeError):
    """A critical expectation failed: the day's tables are not fit to load."""


@dataclass(frozen=True)
class Check:
    table: str
    expectation: object  # a gx.expectations.Expectation
    critical: bool

    @property
    def name(self) -> str:
        e = self.expectation
        col = getattr(e, "column", None) or "+".join(
            str(x) for x in (getattr(e, "column_A", None), getattr(e, "column_B", None)) if x
        )
        return f"{e.expectation_type}({col})" if col else e.expectation_type


# Only the columns the expectations read go to pandas (the rest of a quarantined row is read
# back from Parquet): a big day's evidence sentences and official lists stay out of the frames.
_EVENT_COLUMNS = [
    "event_id", "article_id", "event_type", "agreement_type", "direction", "status", "event_date",
    "date_precision", "korean_city", "partner_city", "partner_country", "confidence", "review_state",
]  # fmt: skip
_RELATIONSHIP_COLUMNS = ["article_id", "korean_city", "partner_city", "relationship_type", "established_year"]


def _derived_event_counts(events: pa.Table) -> dict[str, list]:
    """Scalar stand-ins for the list columns GX cannot validate, and the date-order check."""
    vocab = set(schema.FIELDS)
    fields = events["fields"].to_pylist()
    officials = zip(
        events["korean_officials"].to_pylist(), events["foreign_officials"].to_pylist(), strict=True
    )
    status = events["status"].to_pylist()
    dates = zip(events["event_date"].to_pylist(), events["published_date"].to_pylist(), strict=True)
    return {
        "invalid_field_count": [sum(1 for f in v or [] if f not in vocab) for v in fields],
        "official_without_name": [
            sum(1 for o in (a or []) + (b or []) if not o.get("name")) for a, b in officials
        ],
        "occurred_after_publication": [
            bool(st == "occurred" and d is not None and p is not None and d > p)
            for st, (d, p) in zip(status, dates, strict=True)
        ],
    }


def _frames(merged: Path):
    import pandas as pd

    articles = pq.read_table(merged / "articles.parquet", columns=_ARTICLE_COLUMNS).to_pandas()
    events_table = pq.read_table(
        merged / "events.parquet",
        columns=[*_EVENT_COLUMNS, "fields", "korean_officials", "foreign_officials", "published_date"],
    )
    derived = _derived_event_counts(events_table)
    events = events_table.select(_EVENT_COLUMNS).to_pandas().assign(**derived)
    del events_table
    events["accepted_article"] = events["article_id"].isin(
        set(articles.loc[articles["status"] == "accepted", "article_id"])
    )
    rels = pq.read_table(merged / "relationships.parquet", columns=_RELATIONSHIP_COLUMNS).to_pandas()
    counts = articles["status"].value_counts()
    accounting = pd.DataFrame(
        {
            "received": [len(articles)],
            "accounted": [int(sum(counts.get(s, 0) for s in schema.ARTICLE_STATUSES))],
        }
    )
    return {"articles": articles, "events": events, "relationships": rels, "accounting": accounting}


def _full_row(table: pa.Table | None, index: int, frame) -> dict:
    """A quarantined row whole: every column of its table, plus the derived values checked."""
    row = table.slice(index, 1).to_pylist()[0] if table is not None else {}
    extra = frame.iloc[index].to_dict()
    return {**row, **{k: v for k, v in extra.items() if k not in row}}


def _checks(today: date) -> list[Check]:
    import great_expectations as gx

    E = gx.expectations
    latest = date(today.year + 1, 12, 31)
    checks = [
        Check(
            "accounting", E.ExpectColumnPairValuesToBeEqual(column_A="received", column_B="accounted"), True
        ),
        Check("articles", E.ExpectColumnValuesToNotBeNull(column="article_id"), True),
        Check("articles", E.ExpectColumnValuesToBeUnique(column="article_id"), True),
        Check("articles", E.ExpectColumnValuesToBeUnique(column="source_file"), True),
        Check(
            "articles",
            E.ExpectColumnValuesToBeInSet(column="status", value_set=list(schema.ARTICLE_STATUSES)),
            True,
        ),
        Check(
            "articles",
            E.ExpectColumnValuesToBeInSet(column="reason", value_set=list(schema.REJECT_REASONS)),
            True,
        ),
        Check("events", E.ExpectColumnValuesToNotBeNull(column="event_id"), True),
        Check("events", E.ExpectColumnValuesToBeUnique(column="event_id"), True),
        Check("events", E.ExpectColumnValuesToBeInSet(column="accepted_article", value_set=[True]), True),
        Check(
            "events",
            E.ExpectColumnValuesToBeInSet(column="event_type", value_set=list(schema.EVENT_TYPES)),
            False,
        ),
        Check(
            "events",
            E.ExpectColumnValuesToBeInSet(column="agreement_type", value_set=list(schema.AGREEMENT_TYPES)),
            False,
        ),
        Check(
            "events",
            E.ExpectColumnValuesToBeInSet(column="direction", value_set=list(schema.DIRECTIONS)),
            False,
        ),
        Check(
            "events",
            E.ExpectColumnValuesToBeInSet(column="status", value_set=list(schema.EVENT_STATUSES)),
            False,
        ),
        Check(
            "events",
            E.ExpectColumnValuesToBeInSet(column="date_precision", value_set=list(schema.DATE_PRECISIONS)),
            False,
        ),
        Check("events", E.ExpectColumnValuesToNotBeNull(column="review_state"), False),
        Check(
            "events",
            E.ExpectColumnValuesToBeInSet(column="review_state", value_set=list(schema.REVIEW_STATES)),
            False,
        ),
        Check("events", E.ExpectColumnValuesToNotBeNull(column="event_date"), False),
        Check(
            "events",
            E.ExpectColumnValuesToBeBetween(column="event_date", min_value=MIN_DATE, max_value=latest),
            False,
        ),
        Check(
            "events",
            E.ExpectColumnValuesToBeInSet(column="occurred_after_publication", value_set=[False]),
            False,
        ),
        Check("events", E.ExpectColumnValuesToNotBeNull(column="korean_city"), False),
        Check("events", E.ExpectColumnValuesToNotBeNull(column="partner_city"), False),
        Check(
            "events", E.ExpectColumnValuesToMatchRegex(column="partner_country", regex=r"^[A-Z]{2}$"), False
        ),
        Check(
            "events", E.ExpectColumnValuesToBeBetween(column="confidence", min_value=0, max_value=1), False
        ),
        Check("events", E.ExpectColumnValuesToBeInSet(column="invalid_field_count", value_set=[0]), False),
        Check("events", E.ExpectColumnValuesToBeInSet(column="official_without_name", value_set=[0]), False),
        Check("relationships", E.ExpectColumnValuesToNotBeNull(column="article_id"), True),
        Check(
            "relationships",
            E.ExpectColumnValuesToBeInSet(
                column="relationship_type", value_set=list(schema.RELATIONSHIP_TYPES)
            ),
            False,
        ),
        Check("relationships", E.ExpectColumnValuesToNotBeNull(column="korean_city"), False),
        Check("relationships", E.ExpectColumnValuesToNotBeNull(column="partner_city"), False),
        Check(
            "relationships",
            E.ExpectColumnValuesToBeBetween(
                column="established_year", min_value=1950, max_value=today.year + 1
            ),
            False,
        ),
    ]
    for c in checks:
        c.expectation.meta = {"critical": c.critical}
    return checks


def _context(root: Path):
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="file", project_root_dir=str(root))
    pb = ctx.variables.progress_bars  # a config object when new, a dict once reloaded from disk
    globally = pb.get("globally") if isinstance(pb, dict) else getattr(pb, "globally", None)
    if globally is not False:
        ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        ctx.variables.save()
    return ctx


def import_gx():
    """Great Expectations, imported with its usage analytics off (they phone home otherwise)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations

    return great_expectations


@contextmanager
def _exclusive(gx_root: Path) -> Iterator[None]:
    """One validation at a time per GX project (an OS file lock, so across processes).

    Runs of several days (a backfill, parallel Celery workers) validate at the same time,
    and GX's file stores are read-modify-write: a suite or checkpoint saved by one run while
    another holds it fails the other's checkpoint (CheckpointRelatedResourcesFreshnessError).
    """
    gx_root.mkdir(parents=True, exist_ok=True)
    with open(gx_root / ".validation.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _warehouse_of(merged: Path) -> Path:
    """The warehouse a merged folder `<warehouse>/_runs/<day>/<run>/merged` belongs to."""
    return next((p.parent for p in merged.parents if p.name == "_runs"), merged.parents[2])


def validate_tables(merged: Path, *, run_id: str, gx_root: Path | None = None) -> Path:
    """Run the suites on the merged tables in `merged`; rewrite them without quarantined rows.

    Writes `validation_results.parquet`, `quarantine.parquet` and `validation.json` beside
    the tables, renders Data Docs under `<warehouse>/_gx`, and raises ValidationFailed
    when a critical expectation fails.
    """
    merged = Path(merged)
    gx_root = Path(gx_root or _warehouse_of(merged) / "_gx")
    frames = _frames(merged)
    with _exclusive(gx_root):
        return _validate(merged, frames, run_id=run_id, gx_root=gx_root)


def _validate(merged: Path, frames: dict, *, run_id: str, gx_root: Path) -> Path:
    gx = import_gx()
    today = datetime.now(UTC).date()  # bounds only; partitions never depend on it
    checks = _checks(today)
    ctx = _context(gx_root)
    source = ctx.data_sources.add_or_update_pandas("diplomacy")
    now = datetime.now(UTC)
    results, quarantine, failures, result_ids = [], [], [], []
    whole: dict[str, pa.Table | None] = {}  # full tables, for the rows sent to quarantine
    key_col = {
        "events": "event_id",
        "articles": "article_id",
        "relationships": "article_id",
        "accounting": "received",
    }

    for table_name, frame in frames.items():
        mine = [c for c in checks if c.table == table_name]
        try:
            asset = source.get_asset(table_name)
        except LookupError:
            asset = source.add_dataframe_asset(table_name)
        try:
            batch_def = asset.get_batch_definition("whole")
        except (KeyError, LookupError, ValueError):
            batch_def = asset.add_batch_definition_whole_dataframe("whole")
        suite = ctx.suites.add_or_update(
            gx.ExpectationSuite(name=f"diplomacy_{table_name}", expectations=[c.expectation for c in mine])
        )
        vd = ctx.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"diplomacy_{table_name}", data=batch_def, suite=suite)
        )
        checkpoint = ctx.checkpoints.add_or_update(
            gx.Checkpoint(
                name=f"diplomacy_{table_name}",
                validation_definitions=[vd],
                actions=[],  # Data Docs are built once for all tables below, not once per checkpoint
                result_format={"result_format": "COMPLETE"},
            )
        )
        frame = frame.reset_index(drop=True)
        run = checkpoint.run(batch_parameters={"dataframe": frame})
        ((result_id, vres),) = run.run_results.items()
        result_ids.append(result_id)
        by_config = {id(c.expectation): c for c in mine}
        for res, check in zip(vres.results, mine, strict=True):
            assert by_config[id(check.expectation)] is check
            idx = list(res.result.get("unexpected_index_list") or [])
            idx = [i if isinstance(i, int) else next(iter(i.values())) for i in idx]
            keys = [
                str(frame.iloc[i][key_col[table_name]]) for i in idx if isinstance(i, int) and i < len(frame)
            ]
            results.append(
                {
                    "run_id": run_id,
                    "table_name": table_name,
                    "expectation": check.name,
                    "column": getattr(check.expectation, "column", None),
                    "critical": check.critical,
                    "success": bool(res.success),
                    "unexpected_count": int(res.result.get("unexpected_count") or (0 if res.success else 1)),
                    "unexpected_rows": keys[:50],
                    "validated_at": now,
                }
            )
            if res.success:
                continue
            if check.critical:
                failures.append(f"{table_name}: {check.name} failed for rows {keys[:10] or '(table-level)'}")
            else:
                if table_name not in whole:  # read once per table, only when a row is quarantined
                    path = merged / f"{table_name}.parquet"
                    whole[table_name] = pq.read_table(path) if path.exists() else None
                for i in idx:
                    row = _full_row(whole[table_name], i, frame)
                    quarantine.append(
                        {
                            "table_name": table_name,
                            "row_key": str(row.get(key_col[table_name])),
                            "expectation": check.name,
                            "row_json": json.dumps(row, ensure_ascii=False, default=str),
                            "_index": i,
                        }
                    )

    # Only this run's results are rendered (and the index): the site's cost does not grow with its history.
    ctx.build_data_docs(resource_identifiers=result_ids, build_index=True)
    write_file_atomic(to_table(results, schema.VALIDATION_RESULTS), merged / "validation_results.parquet")
    write_file_atomic(to_table(quarantine, schema.QUARANTINE), merged / "quarantine.parquet")
    # Quarantined rows leave their table: the warehouse holds only rows that passed.
    for table_name in ("events", "relationships"):
        bad = {q["_index"] for q in quarantine if q["table_name"] == table_name}
        if bad:
            t = pq.read_table(merged / f"{table_name}.parquet")
            keep = [i for i in range(t.num_rows) if i not in bad]
            write_file_atomic(t.take(pa.array(keep, pa.int64())), merged / f"{table_name}.parquet")
    report = {"run_id": run_id, "success": not failures, "failures": failures, "quarantined": len(quarantine)}
    (merged / "validation.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    if failures:
        raise ValidationFailed("critical expectations failed: " + "; ".join(failures))
    return merged
