"""Fixtures for the native-stack integration tests: services check, one Airflow stack per executor.

PostgreSQL and Redis are mandatory in CI (``CI`` set, or ``DIPLOMACY_REQUIRE_SERVICES=1``): a
missing service fails the run there, and only skips the tests on a laptop.
"""

from __future__ import annotations

import contextlib
import os
import time

import pytest

from . import stack as st

DAG_ID = "municipal_diplomacy"

# Wall times measured by the tests, printed in pytest's terminal summary.
TIMINGS: list[tuple[str, float]] = []


def record(label: str, seconds: float) -> None:
    TIMINGS.append((label, seconds))
    print(f"[integration] {label}: {seconds:.1f} s", flush=True)


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("native Airflow stack wall times")
        for label, seconds in TIMINGS:
            terminalreporter.write_line(f"{label:<55} {seconds:7.1f} s")


def services_required() -> bool:
    ci = os.environ.get("CI", "").strip().lower()
    return ci not in ("", "0", "false", "no") or os.environ.get("DIPLOMACY_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def services() -> None:
    problems = st.unavailable_services()
    if not problems:
        return
    reason = "; ".join(problems)
    if services_required():
        pytest.fail(
            f"integration services unavailable and required (CI / DIPLOMACY_REQUIRE_SERVICES=1): {reason}",
            pytrace=False,
        )
    pytest.skip(f"integration services unavailable: {reason}")


@pytest.fixture(scope="module", params=["CeleryExecutor", "LocalExecutor"])
def stack(request, services, tmp_path_factory):
    """A running Airflow stack on a fresh PostgreSQL database, with the DAG parsed and unpaused.

    Every resource is registered for cleanup the moment it exists, so a failure anywhere
    (in set-up or in a test) still stops the processes, flushes the Redis db and drops the DB.
    """
    executor: str = request.param
    base = tmp_path_factory.mktemp(f"stack-{executor}")
    with contextlib.ExitStack() as cleanup:
        database = st.create_database()
        cleanup.callback(_drop_and_check, database)
        review_database = st.create_database("_review")
        cleanup.callback(_drop_and_check, review_database)
        redis_db = 0
        if executor == "CeleryExecutor":
            redis_db = st.claim_redis_db(owner=database)
            cleanup.callback(st.flush_redis_db, redis_db)
        stack = st.AirflowStack(
            base=base,
            executor=executor,
            database=database,
            redis_db=redis_db,
            landing_root=base / "landing",
            warehouse=base / "warehouse",
            review_database=review_database,
        )
        print(
            f"\n[integration] {executor}: db={database} review_db={review_database} redis_db={redis_db or '-'} "
            f"api=http://127.0.0.1:{stack.api_port} home={stack.home}",
            flush=True,
        )
        record(f"{executor}: airflow db migrate", stack.migrate())

        cleanup.callback(_stop_and_check, stack)
        t0 = time.monotonic()
        stack.start_services()
        stack.wait_until_healthy()
        stack.login()
        dag = stack.wait_for_dag(DAG_ID)
        assert dag["is_paused"], "DAGS_ARE_PAUSED_AT_CREATION=True should leave the DAG paused"
        assert stack.unpause(DAG_ID)["is_paused"] is False
        record(f"{executor}: services start -> DAG parsed and unpaused", time.monotonic() - t0)
        yield stack


def _stop_and_check(stack: st.AirflowStack) -> None:
    pids = stack.pids()
    stack.stop()
    leftovers = [pid for pid in pids if st.group_alive(pid)]
    assert not leftovers, f"process groups still alive after stop: {leftovers}"


def _drop_and_check(database: str) -> None:
    st.drop_database(database)
    assert not st.database_exists(database), f"database {database} still exists"
