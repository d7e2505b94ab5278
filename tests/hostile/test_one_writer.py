"""One writer per day: two runs of one day never share files and never both succeed wrongly;
different days load side by side.

Runs overlap deterministically: the first CLI is held at its `locked` pause point (it holds
the day's lock and prints `diplomacy: paused at locked`) until the test writes to its stdin.
No sleeps: every wait is for a line a process printed, or for its exit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from diplomacy.warehouse import read_table

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "include"), os.environ.get("PYTHONPATH", "")])}
BUSY = 3


def landing(tmp_path: Path, name: str, count: int) -> Path:
    """A landing folder with the first `count` files of the sample day."""
    from conftest import SAMPLE_DAY, SAMPLE_LANDING

    d = tmp_path / name
    d.mkdir()
    for f in sorted((SAMPLE_LANDING / SAMPLE_DAY).iterdir())[:count]:
        shutil.copy(f, d / f.name)
    return d


def cli(folder: Path, wh: Path, day: str, *extra: str, pause: bool = False) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "diplomacy", "run", "--input", str(folder), "--warehouse", str(wh)]
    env = {**ENV, "DIPLOMACY_PAUSE": "locked"} if pause else ENV
    return subprocess.Popen(
        [*cmd, "--date", day, "--json", *extra],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_cli(folder: Path, wh: Path, day: str, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "diplomacy", "run", "--input", str(folder), "--warehouse", str(wh)]
    return subprocess.run([*cmd, "--date", day, *extra], env=ENV, capture_output=True, text=True)


def wait_for_line(proc: subprocess.Popen, marker: str) -> str:
    """Read the process's stderr up to a line containing `marker`; fail if it ends first."""
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if marker in line:
            return line
    proc.wait()
    pytest.fail(
        f"the run ended (exit {proc.returncode}) without printing {marker!r}: {''.join(seen)[-2000:]}"
    )


def finish(proc: subprocess.Popen) -> tuple[int, dict | None, str]:
    out, err = proc.communicate("\n")
    return proc.returncode, (json.loads(out) if proc.returncode == 0 else None), err


def test_a_second_run_of_the_day_waits_or_fails_clearly_never_mixes(tmp_path):
    day = "2024-11-08"
    wh = tmp_path / "wh"
    a_files, c_files = landing(tmp_path, "a", 2), landing(tmp_path, "c", 4)
    a = cli(a_files, wh, day, pause=True)
    wait_for_line(a, "paused at locked")  # A holds the day's lock
    # B will not wait: a clear one-line refusal, nothing written
    b = run_cli(c_files, wh, day, "--lock-timeout", "0")
    assert b.returncode == BUSY, b.stderr
    assert f"another run is writing {day}" in b.stderr and "Traceback" not in b.stderr
    # C waits for A, then runs whole
    c = cli(c_files, wh, day)
    waiting = wait_for_line(c, "waiting: another run of")
    assert "pid" in waiting
    rc_a, sum_a, err_a = finish(a)
    rc_c, sum_c, err_c = finish(c)
    assert (rc_a, rc_c) == (0, 0), (err_a[-2000:], err_c[-2000:])
    # each run reports its own files, and the day holds the run that loaded last (C), whole
    assert (sum_a["received"], sum_c["received"]) == (2, 4)
    arts = read_table(wh, "articles").to_pylist()
    assert sorted(r["source_file"] for r in arts) == sorted(p.name for p in c_files.iterdir())
    ids = {r["article_id"] for r in arts}
    assert {e["article_id"] for e in read_table(wh, "events").to_pylist()} <= ids
    # no run's scratch files are left beside the day's summary
    assert [p.name for p in (wh / "_runs" / day).iterdir()] == ["summary.json"]


def test_two_days_load_side_by_side(tmp_path):
    wh = tmp_path / "wh"
    a = cli(landing(tmp_path, "a", 2), wh, "2024-11-08", pause=True)
    wait_for_line(a, "paused at locked")  # day 1's writer holds its lock ...
    # ... and day 2 loads meanwhile, without waiting at all
    other = run_cli(landing(tmp_path, "b", 3), wh, "2024-11-09", "--lock-timeout", "0", "--json")
    assert other.returncode == 0, other.stderr[-2000:]
    assert a.poll() is None  # day 1 is still held at its pause point
    rc, summary, err = finish(a)
    assert rc == 0, err[-2000:]
    days = sorted({str(r["ingest_date"]) for r in read_table(wh, "articles").to_pylist()})
    assert days == ["2024-11-08", "2024-11-09"]
    assert summary["received"] == 2 and json.loads(other.stdout)["received"] == 3


def test_dag_runs_of_one_day_work_in_folders_of_their_own(tmp_path):
    """The DAG's stage task names the work folder after the Airflow run id."""
    from datetime import date

    from diplomacy.tasks import stage_task

    plan = {
        "day": "2024-11-08",
        "input_dir": str(landing(tmp_path, "in", 1)),
        "landing_root": str(tmp_path),
        "warehouse": str(tmp_path / "wh"),
        "max_file_bytes": 1_000_000,
    }
    first = stage_task({**plan, "run_id": "manual__2024-11-08T00:00:00+00:00"})
    second = stage_task({**plan, "run_id": "scheduled__2024-11-08T00:00:00+00:00"})
    assert Path(first).parent != Path(second).parent
    assert Path(first).exists() and Path(second).exists()
    assert Path(first).parents[1] == tmp_path / "wh" / "_runs" / date(2024, 11, 8).isoformat()


def test_two_dag_runs_of_one_day_interleaved_each_load_their_own_files(tmp_path, monkeypatch):
    """Two DAG runs of one day (a manual trigger beside the schedule), their tasks interleaved
    as two Celery workers may run them; the landing folder grows between the two stages.
    Each run stages, reports and loads its own files; the day holds the run that loaded last."""
    from diplomacy import tasks
    from diplomacy.warehouse import read_table

    root = tmp_path / "landing"
    root.mkdir()
    day = "2024-11-08"
    folder = landing(root, day, 2)
    monkeypatch.setenv("DIPLOMACY_LANDING_ROOT", str(root))
    monkeypatch.setenv("DIPLOMACY_WAREHOUSE", str(tmp_path / "wh"))
    monkeypatch.setenv("DIPLOMACY_MAX_BATCHES", "1")
    plans = {
        rid: tasks.plan_task({"landing_date": day}, None, rid)
        for rid in ("manual__2024-11-08T01:00:00+00:00", "scheduled__2024-11-08T00:00:00+00:00")
    }
    (a, plan_a), (b, plan_b) = plans.items()
    staged_a = tasks.stage_task(plan_a)
    for f in sorted(sample_files())[2:4]:  # two more files land before the second run stages
        shutil.copy(f, folder / f.name)
    staged_b = tasks.stage_task(plan_b)
    cleaned = {a: tasks.clean_task(staged_a), b: tasks.clean_task(staged_b)}
    merged = {}
    for rid, c in cleaned.items():
        batches = tasks.plan_batches_task(c, plans[rid])
        merged[rid] = tasks.merge_task(c, [tasks.extract_task(**x) for x in batches])
        tasks.validate_task(merged[rid], rid)
    summary_b = tasks.load_task(merged[b], plan_b)
    summary_a = tasks.load_task(merged[a], plan_a)
    assert (summary_a["received"], summary_b["received"]) == (2, 4)
    arts = read_table(tmp_path / "wh", "articles").to_pylist()
    assert len(arts) == 2  # run A loaded last: its two files, whole
    ids = {r["article_id"] for r in arts}
    assert {e["article_id"] for e in read_table(tmp_path / "wh", "events").to_pylist()} <= ids


def sample_files() -> list[Path]:
    from conftest import SAMPLE_DAY, SAMPLE_LANDING

    return list((SAMPLE_LANDING / SAMPLE_DAY).iterdir())
