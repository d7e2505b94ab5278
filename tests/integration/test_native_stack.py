"""The production stack, natively: PostgreSQL + Redis + api-server, scheduler, dag-processor
and (CeleryExecutor) a Celery worker, driven through the REST API v2 like an operator would.

Each executor gets its own fresh database and services (fixture ``stack`` in conftest.py);
the tests trigger ``municipal_diplomacy`` for the sample landing day, and backfill two days,
then check task states, where the tasks ran, and the Parquet tables they wrote.
"""

from __future__ import annotations

import shutil
import time
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest

from diplomacy.warehouse import read_table

from . import stack as st
from .conftest import DAG_ID, record

pytestmark = pytest.mark.integration

SAMPLE_DAY = "2024-11-08"
SAMPLE = st.ROOT / "include" / "sample" / "landing" / SAMPLE_DAY
SAMPLE_FILES = sorted(p.name for p in SAMPLE.iterdir() if p.is_file())
DAG_TASKS = {"plan", "needs_work", "stage", "clean", "plan_batches", "extract", "merge", "validate", "load"}
TABLES = ("articles", "events", "relationships", "quarantine", "validation_results")
RUN_TIMEOUT = 600


def reset_data(stack: st.AirflowStack, days: dict[str, list[str]]) -> None:
    """Empty the landing root and the warehouse (the folders stay: the services point at them)
    and land the given sample files on the given days."""
    for folder in (stack.landing_root, stack.warehouse):
        for child in folder.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    for day, names in days.items():
        st.copy_landing_day(SAMPLE, stack.landing_root, day, names)


def partitions(warehouse: Path) -> dict[str, set[str]]:
    """``{table: {ingest_date, ...}}`` for every table folder in the warehouse."""
    out = {}
    for table in sorted(p for p in warehouse.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        out[table.name] = {p.name.removeprefix("ingest_date=") for p in table.iterdir()}
    return out


def finish(stack: st.AirflowStack, run_ids: list[str]) -> dict[str, dict]:
    runs = stack.wait_for_runs(DAG_ID, run_ids, timeout=RUN_TIMEOUT)
    failed = [r for r, run in runs.items() if run["state"] != "success"]
    if failed:
        pytest.fail(
            f"{stack.executor}: run(s) ended {[runs[r]['state'] for r in failed]}\n"
            + "\n".join(stack.describe_run(DAG_ID, r) for r in failed)
            + "\n"
            + stack.diagnostics(60),
            pytrace=False,
        )
    return runs


def assert_all_tasks_succeeded(stack: st.AirflowStack, run_id: str) -> list[dict]:
    tis = stack.task_instances(DAG_ID, run_id)
    assert {ti["task_id"] for ti in tis} == DAG_TASKS, stack.describe_run(DAG_ID, run_id)
    not_ok = [(ti["task_id"], ti["map_index"], ti["state"]) for ti in tis if ti["state"] != "success"]
    assert not not_ok, f"task instances not successful: {not_ok}\n{stack.describe_run(DAG_ID, run_id)}"
    assert [ti["map_index"] for ti in tis if ti["task_id"] == "extract"] == [0]  # 5 articles: one batch
    for ti in tis:
        assert ti["try_number"] == 1, f"{ti['task_id']} needed a retry\n{stack.describe_run(DAG_ID, run_id)}"
        assert ti["hostname"], f"{ti['task_id']} has no hostname: it never ran in a worker process"
        assert ti["queue"] == "default"
        assert ti["executor"] is None  # no per-task executor: the configured default ran them
    return tis


def assert_ran_on_executor(stack: st.AirflowStack, tis: list[dict]) -> None:
    """The supervisor that ran each task logs ``Workload finished``: in the Celery worker's log for
    the CeleryExecutor (and never in the scheduler's), in the scheduler's for the LocalExecutor."""
    ids = [ti["id"] for ti in tis]
    runner = "celery-worker" if stack.executor == "CeleryExecutor" else "scheduler"
    found = st.wait_for_workloads(stack.service(runner).log, ids)
    missing = sorted({ti["task_id"] for ti in tis if ti["id"] not in found})
    assert not missing, (
        f"{runner} log has no finished workload for {missing}\n{stack.service(runner).tail(80)}"
    )
    assert set(found.values()) == {"success"}, found

    if stack.executor == "CeleryExecutor":
        in_scheduler = set(ids) & st.finished_workloads(stack.service("scheduler").log).keys()
        assert not in_scheduler, f"CeleryExecutor tasks ran in the scheduler process: {in_scheduler}"
        worker_log = stack.service("celery-worker").log.read_text(encoding="utf-8", errors="replace")
        received = [
            line
            for line in worker_log.splitlines()
            if "Executing workload in Celery" in line and ids[0] in line
        ]
        assert received, "worker log does not show the Celery task receiving the workload"
        for ti in tis:
            assert f"task_id='{ti['task_id']}'" in worker_log, f"{ti['task_id']} never reached the worker"
        results = st.celery_results(stack.database)  # the db+postgresql result backend
        assert results.get("SUCCESS", 0) >= len(tis), results
        assert not results.get("FAILURE"), results


def test_triggered_run_writes_the_sample_day(stack: st.AirflowStack):
    """Trigger with config through the REST API; every task succeeds on the configured executor."""
    reset_data(stack, {SAMPLE_DAY: SAMPLE_FILES})
    t0 = time.monotonic()
    run = stack.trigger(
        DAG_ID,
        logical_date=datetime.now(UTC).isoformat(),  # what the UI's trigger form sends
        conf={"landing_date": SAMPLE_DAY, "reprocess": True},
    )
    assert run["conf"] == {"landing_date": SAMPLE_DAY, "reprocess": True}
    run_id = run["dag_run_id"]
    finish(stack, [run_id])
    record(f"{stack.executor}: trigger -> run success", time.monotonic() - t0)

    tis = assert_all_tasks_succeeded(stack, run_id)
    assert_ran_on_executor(stack, tis)

    day = date.fromisoformat(SAMPLE_DAY)
    articles = read_table(stack.warehouse, "articles")
    assert articles.num_rows == len(SAMPLE_FILES) == 5
    assert set(articles.column("status").to_pylist()) == {"accepted"}
    assert set(articles.column("ingest_date").to_pylist()) == {day}
    events = read_table(stack.warehouse, "events")
    assert events.num_rows > 0
    assert set(events.column("ingest_date").to_pylist()) == {day}
    assert set(partitions(stack.warehouse)) >= set(TABLES)
    assert all(days == {SAMPLE_DAY} for days in partitions(stack.warehouse).values())


PLUGIN_VIEWS = {
    "Diplomacy events": ("diplomacy/events", "nav"),
    "Diplomacy run": ("diplomacy/runs/{RUN_ID}?dag_id={DAG_ID}", "dag_run"),
}


def test_review_plugin_is_served_by_the_api_server(stack: st.AirflowStack):
    """The api-server loads plugins/ (the review pages): listed with its views, behind Airflow's login."""
    plugins = {p["name"]: p for p in stack.api("GET", "/api/v2/plugins", params={"limit": 100})["plugins"]}
    errors = stack.api("GET", "/api/v2/plugins/importErrors")
    assert "diplomacy" in plugins, f"loaded: {sorted(plugins)}; import errors: {errors}"
    plugin = plugins["diplomacy"]
    views = {v["name"]: (v["href"], v["destination"]) for v in plugin["external_views"]}
    for name, expected in PLUGIN_VIEWS.items():
        assert views.get(name) == expected, views
    assert "/diplomacy" in {app.get("url_prefix") for app in plugin["fastapi_apps"]}, plugin["fastapi_apps"]
    assert not errors["import_errors"], errors

    assert stack.request("GET", "/diplomacy/events").status_code == 200  # the admin's token
    with httpx.Client(base_url=stack.base_url, timeout=30, trust_env=False) as anonymous:
        assert anonymous.get("/diplomacy/events").status_code == 401


def test_review_store_is_its_own_database(stack: st.AirflowStack):
    """api-server and workers share one DIPLOMACY_REVIEW_DB, in the stack's PostgreSQL, not Airflow's."""
    url = stack.env["DIPLOMACY_REVIEW_DB"]
    assert url == st.pg_url(stack.review_database)
    assert stack.review_database != stack.database
    assert st.database_exists(stack.review_database)


@pytest.mark.parametrize("stack", ["LocalExecutor"], indirect=True)
def test_backfill_writes_one_partition_per_day(stack: st.AirflowStack):
    """``airflow backfill create`` over two Seoul days: two runs, each loading its own landing day.

    The bounds carry the +09:00 offset on purpose: the DAG's timetable runs at Seoul midnight,
    while the CLI reads plain dates in ``[core] default_timezone`` (UTC). Plain
    ``--from-date 2024-11-07 --to-date 2024-11-08`` would select only the run of Seoul day
    2024-11-08 (logical date 2024-11-07T15:00Z).
    """
    days = {"2024-11-07": SAMPLE_FILES[:3], "2024-11-08": SAMPLE_FILES[3:]}
    reset_data(stack, days)
    before = {r["dag_run_id"] for r in stack.dag_runs(DAG_ID)}

    t0 = time.monotonic()
    stack.run(
        "backfill",
        "create",
        "--dag-id",
        DAG_ID,
        "--from-date",
        "2024-11-07T00:00:00+09:00",
        "--to-date",
        "2024-11-08T00:00:00+09:00",
    )
    new = [r for r in stack.dag_runs(DAG_ID) if r["dag_run_id"] not in before]
    assert sorted(r["run_type"] for r in new) == ["backfill", "backfill"], new
    assert sorted(r["logical_date"] for r in new) == ["2024-11-06T15:00:00Z", "2024-11-07T15:00:00Z"]
    finish(stack, [r["dag_run_id"] for r in new])
    record(f"{stack.executor}: backfill of 2 days -> both runs success", time.monotonic() - t0)

    for r in new:
        assert_all_tasks_succeeded(stack, r["dag_run_id"])

    found = partitions(stack.warehouse)
    assert set(found) >= set(TABLES), found
    assert all(d == set(days) for d in found.values()), f"expected exactly {sorted(days)}: {found}"
    for day, names in days.items():
        articles = read_table(stack.warehouse, "articles", day=date.fromisoformat(day))
        assert sorted(articles.column("source_file").to_pylist()) == sorted(names), day
        assert set(articles.column("status").to_pylist()) == {"accepted"}, day
    assert read_table(stack.warehouse, "events").num_rows > 0
