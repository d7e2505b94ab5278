"""Daily load of municipal-diplomacy events from the landing folder into the warehouse."""

from __future__ import annotations

import pendulum
from airflow.sdk import Asset, CronDataIntervalTimetable, Param, dag, get_current_context, task

from diplomacy.assets import TABLE_ASSETS

DOC = """
### Municipal diplomacy: daily load

Reads `$DIPLOMACY_LANDING_ROOT/<YYYY-MM-DD>/` (the Seoul calendar day of the run's data
interval, or the **landing date** given in the trigger form), then

1. **stage** – decodes every file and records it with a status (accepted / duplicate / rejected + reason);
2. **clean** – header facts (title, publisher, reporter, publication date) and the article body;
3. **extract** – events and relationships with kiwipiepy, in parallel batches;
4. **validate** – Great Expectations suites; bad rows go to `quarantine`, critical failures stop the run;
5. **load** – replaces that day's partition of every table (`articles`, `events`,
   `relationships`, `quarantine`, ...) as one commit under the day's lock
   (hive-partitioned Parquet under `$DIPLOMACY_WAREHOUSE`, key `ingest_date`).

Each run works in `_runs/<day>/<run id>/`; `max_active_runs=1` keeps runs one at a time on
every worker host (README, "Reliability").

A scheduled run skips a day already loaded unless **reprocess** is ticked; a run triggered
with a **landing date** always (re)processes that day. Reprocessing replaces the day.
"""


@dag(
    dag_id="municipal_diplomacy",
    description="Korean news -> municipal diplomacy events (Parquet warehouse)",
    doc_md=DOC,
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="Asia/Seoul"),
    start_date=pendulum.datetime(2024, 1, 1, tz="Asia/Seoul"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=pendulum.duration(hours=3),
    tags=["diplomacy", "daily", "warehouse"],
    default_args={
        "owner": "data-engineering",
        "retries": 2,
        "retry_delay": pendulum.duration(minutes=2),
        "retry_exponential_backoff": True,
        "max_retry_delay": pendulum.duration(minutes=20),
    },
    params={
        "landing_date": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Landing date",
            description="Process landing/<YYYY-MM-DD>/ instead of the run's data interval day "
            "(replacing that day's tables if it was loaded before).",
        ),
        "reprocess": Param(
            False,
            type="boolean",
            title="Reprocess",
            description="Rebuild the day's partitions even if the day was already loaded "
            "(implied by a landing date).",
        ),
    },
    render_template_as_native_obj=True,
)
def municipal_diplomacy():
    @task
    def plan() -> dict:
        """Resolve the landing date and folders; refuse bad parameters before any work."""
        from diplomacy.tasks import plan_task

        ctx = get_current_context()
        return plan_task(
            dict(ctx["params"]), ctx.get("data_interval_start") or ctx["logical_date"], ctx["run_id"]
        )

    @task.short_circuit
    def needs_work(run: dict) -> bool:
        """Skip a day already in the warehouse unless the trigger asked to reprocess it."""
        from diplomacy.tasks import already_loaded

        return not already_loaded(run)

    @task
    def stage(run: dict) -> str:
        """Account for every landing file: decoded text, article id, status."""
        from diplomacy.tasks import stage_task

        return stage_task(run)

    @task
    def clean(staged: str) -> str:
        """Title, publisher, reporter, publication date and the boilerplate-free body."""
        from diplomacy.tasks import clean_task

        return clean_task(staged)

    @task
    def plan_batches(cleaned: str, run: dict) -> list[dict]:
        """Bounded batches of articles, each big enough to amortise loading Kiwi."""
        from diplomacy.tasks import plan_batches_task

        return plan_batches_task(cleaned, run)

    @task(max_active_tis_per_dagrun=4)
    def extract(cleaned_path: str, batch_index: int, batch_count: int) -> str:
        """Events and relationships of one batch, with one Kiwi per worker process."""
        from diplomacy.tasks import extract_task

        return extract_task(cleaned_path, batch_index, batch_count)

    @task
    def merge(cleaned: str, batch_dirs: list[str]) -> str:
        """The batches' outputs as the day's three tables."""
        from diplomacy.tasks import merge_task

        return merge_task(cleaned, batch_dirs)

    @task
    def validate(merged: str) -> str:
        """Great Expectations suites; quarantine bad rows, fail on critical expectations."""
        from diplomacy.tasks import validate_task

        return validate_task(merged, get_current_context()["run_id"])

    @task(outlets=[Asset(uri) for uri in TABLE_ASSETS.values()])
    def load(merged: str, run: dict) -> dict:
        """Replace the day's partition of every table as one commit; return the run summary."""
        from diplomacy.tasks import load_task

        return load_task(merged, run)

    run = plan()
    gate = needs_work(run)
    staged = stage(run)
    gate >> staged
    cleaned = clean(staged)
    batches = extract.expand_kwargs(plan_batches(cleaned, run))
    load(validate(merge(cleaned, batches)), run)


municipal_diplomacy()
