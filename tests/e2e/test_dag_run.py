"""End to end: the real DAG through `dag.test()` on the sample landing day, and the CLI.

One DAG run per session (it loads Kiwi and GX); the tests then assert on its tables.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from conftest import SAMPLE_DAY, SAMPLE_LANDING

from diplomacy import schema
from diplomacy.warehouse import read_table

pytestmark = pytest.mark.slow
DAY = date.fromisoformat(SAMPLE_DAY)


@pytest.fixture(scope="session")
def dag_warehouse(airflow_db, dagbag, tmp_path_factory):
    """Run municipal_diplomacy for the sample day with dag.test(); return the warehouse."""
    base = tmp_path_factory.mktemp("dagrun")
    landing = base / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    warehouse = base / "warehouse"
    old = {k: os.environ.get(k) for k in ("DIPLOMACY_LANDING_ROOT", "DIPLOMACY_WAREHOUSE")}
    os.environ["DIPLOMACY_LANDING_ROOT"] = str(landing)
    os.environ["DIPLOMACY_WAREHOUSE"] = str(warehouse)
    try:
        dag = dagbag.dags["municipal_diplomacy"]
        run = dag.test(run_conf={"landing_date": SAMPLE_DAY, "reprocess": True})
        assert run.state == "success", f"DAG run ended {run.state}"
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return warehouse


@pytest.fixture(scope="session")
def cli_warehouse(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "warehouse"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "diplomacy",
            "run",
            "--input",
            str(SAMPLE_LANDING / SAMPLE_DAY),
            "--warehouse",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "files received      5" in proc.stdout
    return out


def test_every_file_has_an_article_row(dag_warehouse):
    articles = read_table(dag_warehouse, "articles")
    assert sorted(articles["source_file"].to_pylist()) == sorted(
        p.name for p in (SAMPLE_LANDING / SAMPLE_DAY).iterdir()
    )
    assert set(articles["status"].to_pylist()) == {"accepted"}
    assert all(d is not None for d in articles["published_date"].to_pylist())


def test_tables_follow_the_contract_schema(dag_warehouse):
    for name in ("articles", "events", "relationships", "validation_results"):
        t = read_table(dag_warehouse, name)
        expected = schema.TABLES[name].append(pa.field(schema.PARTITION_KEY, pa.date32()))
        assert t.schema.names == expected.names
        for f in expected:
            assert t.schema.field(f.name).type == f.type, (name, f.name)
    assert read_table(dag_warehouse, "events").num_rows > 0


def test_seed_events_the_extractor_must_find(dag_warehouse):
    events = read_table(dag_warehouse, "events").to_pylist()
    keys = {
        (e["event_type"], e["korean_city"], e["partner_city"], e["event_date"].isoformat()) for e in events
    }
    # the Ansan delegation's signing in Hunchun, and the Seoul mayor's visit to Beijing
    assert ("agreement", "안산시", "훈춘시", "2023-10-10") in keys
    assert ("visit", "안산시", "훈춘시", "2023-10-10") in keys
    assert ("visit", "서울특별시", "베이징시", "2024-07-30") in keys
    signing = next(e for e in events if e["event_type"] == "agreement" and e["partner_city"] == "훈춘시")
    assert signing["agreement_type"] == "letter_of_intent"
    assert signing["partner_country"] == "CN" and signing["korean_province"] == "경기도"


def test_validation_results_are_kept(dag_warehouse):
    v = read_table(dag_warehouse, "validation_results")
    assert v.num_rows > 10
    assert all(v["success"].to_pylist())
    assert (dag_warehouse / "_gx").exists()
    assert list((dag_warehouse / "_gx").rglob("index.html"))


def test_summary_is_written(dag_warehouse):
    s = json.loads((dag_warehouse / "_runs" / SAMPLE_DAY / "summary.json").read_text())
    # the sample day's five articles are all good, distinct articles: the outcome, not just a total
    assert (s["received"], s["accepted"], s["duplicate"], s["rejected"]) == (5, 5, 0, 0)
    assert s["reasons"] == {} and s["validation_success"] is True


def test_dag_and_cli_write_the_same_tables(dag_warehouse, cli_warehouse):
    for name in ("articles", "events", "relationships"):
        a = read_table(dag_warehouse, name)
        b = read_table(cli_warehouse, name)
        assert a.equals(b), f"{name} differs between the DAG and the CLI"


def test_rerun_is_idempotent(cli_warehouse):
    before = {n: read_table(cli_warehouse, n) for n in ("articles", "events", "relationships")}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "diplomacy",
            "run",
            "--input",
            str(SAMPLE_LANDING / SAMPLE_DAY),
            "--warehouse",
            str(cli_warehouse),
        ],
        capture_output=True,
        check=True,
    )
    for n, t in before.items():
        assert read_table(cli_warehouse, n).equals(t), n


def test_cli_refuses_bad_dates(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "diplomacy",
            "run",
            "--input",
            str(SAMPLE_LANDING / SAMPLE_DAY),
            "--warehouse",
            str(tmp_path),
            "--date",
            "2024-02-31",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "not a calendar date" in proc.stderr
    assert not Path(tmp_path, "events").exists()
