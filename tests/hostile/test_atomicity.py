"""A write or a load killed at a named point (diplomacy.faults) leaves every table complete."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest

from diplomacy.faults import EXIT_CODE, FAULT_ENV
from diplomacy.warehouse import read_table

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from diplomacy import schema
    from diplomacy.warehouse import to_table, write_partition

    wh, tag = Path(sys.argv[1]), sys.argv[2]
    rows = [{"event_id": f"{tag}-{i}", "article_id": tag, "event_type": "visit", "evidence": "가" * 400}
            for i in range(4_000)]
    write_partition(wh, "events", date(2024, 1, 1), to_table(rows, schema.EVENTS))
    """
)
KILLED = -signal.SIGKILL  # what subprocess reports for a child killed by SIGKILL


def _write(wh, tag: str, kill_at: str | None = None) -> int:
    env = {**os.environ, FAULT_ENV: f"{kill_at}=kill"} if kill_at else None
    return subprocess.run([sys.executable, "-c", WRITER, str(wh), tag], env=env, timeout=120).returncode


@pytest.mark.parametrize(
    ("point", "survivor"),
    [("atomic_path:before_replace", "old"), ("atomic_path:after_replace", "new")],
)
def test_a_write_killed_at_a_named_point_leaves_a_complete_version(tmp_path, point, survivor):
    assert _write(tmp_path, "old") == 0
    assert _write(tmp_path, "new", kill_at=point) == KILLED  # the kill landed at the point
    t = read_table(tmp_path, "events", day=date(2024, 1, 1))
    assert t.num_rows == 4_000 and set(t["article_id"].to_pylist()) == {survivor}
    folder = tmp_path / "events" / "ingest_date=2024-01-01"
    # leftovers of the killed write are hidden from readers and swept by the next write
    assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == ["part-0.parquet"]
    assert _write(tmp_path, "again") == 0
    assert [p.name for p in folder.iterdir()] == ["part-0.parquet"]


_DAY_TABLES = ("articles", "article_signatures", "events", "relationships", "quarantine")


def _tables(wh) -> dict:
    return {n: read_table(wh, n) for n in _DAY_TABLES}


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """A warehouse holding the day loaded from four sample files, the input of a rerun (three
    of them and a fifth), and the tables that rerun loads when nothing kills it."""
    from conftest import SAMPLE_DAY, SAMPLE_LANDING

    base = tmp_path_factory.mktemp("versions")
    files = sorted((SAMPLE_LANDING / SAMPLE_DAY).glob("*.txt"))
    first, second = base / "first" / SAMPLE_DAY, base / "second" / SAMPLE_DAY
    for folder, picked in ((first, files[:4]), (second, files[1:5])):
        folder.mkdir(parents=True)
        for f in picked:
            shutil.copy(f, folder / f.name)
    wh = base / "wh"
    _run(first, wh)
    after = base / "after"
    shutil.copytree(wh, after)
    _run(second, after)
    old, new = _tables(wh), _tables(after)
    assert all(old[n].num_rows for n in ("articles", "events")) and old["articles"] != new["articles"]
    return wh, second, old, new


def _run(folder, wh, fault: str | None = None) -> int:
    cmd = [sys.executable, "-m", "diplomacy", "run", "--input", str(folder), "--warehouse", str(wh)]
    env = {**os.environ, FAULT_ENV: fault} if fault else None
    proc = subprocess.run(cmd, env=env, capture_output=True, timeout=300)
    assert fault or proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return proc.returncode


@pytest.mark.parametrize(
    ("point", "version"),
    [
        ("after_stage:articles", "old"),  # the first new file staged, no commit yet
        ("before_journal", "old"),  # every file staged, the commit point not reached
        ("after_journal", "new"),  # committed, nothing replaced yet
        ("after_replace:events", "new"),  # between replacements
    ],
)
def test_a_cli_crashed_in_the_load_leaves_one_version_of_the_day(tmp_path, two_versions, point, version):
    """Crashed at a named point of the load, the run leaves the day's tables all in one version
    once `diplomacy recover` (or the next run) has finished or undone the commit: the previous
    one before the commit point, the new one after it. Never a mix."""
    wh_before, second, old, new = two_versions
    wh = tmp_path / "wh"
    shutil.copytree(wh_before, wh)
    assert _run(second, wh, fault=point) == EXIT_CODE  # the crash landed at the point
    recovered = subprocess.run(
        [sys.executable, "-m", "diplomacy", "recover", "--warehouse", str(wh)],
        capture_output=True,
        timeout=120,
    )
    assert recovered.returncode == 0, recovered.stderr.decode(errors="replace")
    now = _tables(wh)
    for n in _DAY_TABLES:
        assert now[n].equals((new if version == "new" else old)[n]), (point, n)


def test_a_killed_cli_leaves_no_staging_worker_behind(tmp_path):
    """run_all stages in a spawned worker; killed with the CLI, it must not go on writing
    into the work folder a rerun is about to use."""
    import psutil
    from conftest import SAMPLE_DAY, SAMPLE_LANDING

    cmd = [sys.executable, "-m", "diplomacy", "run", "--input", str(SAMPLE_LANDING / SAMPLE_DAY)]
    proc = subprocess.Popen(
        [*cmd, "--warehouse", str(tmp_path / "wh")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    workers = []
    deadline = time.monotonic() + 30
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        kids = psutil.Process(proc.pid).children()
        workers = [k for k in kids if "spawn_main" in " ".join(k.cmdline())]
        time.sleep(0.01)
    assert workers, "the CLI never started its staging worker"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, [p.pid for p in alive]


def test_the_staging_worker_dies_with_its_parent():
    """The worker's initializer ties it to its parent: a parent killed at any moment takes it
    along (a worker without it would sleep on here forever)."""
    import psutil

    parent_code = textwrap.dedent(
        """
        import os, subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c",
            "import sys, time; from diplomacy.pipeline import _die_with_parent; "
            "_die_with_parent(int(sys.argv[1])); print('armed', flush=True); time.sleep(600)",
            str(os.getpid())], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "armed"
        print(child.pid, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE, text=True)
    child = psutil.Process(int(parent.stdout.readline()))
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    _, alive = psutil.wait_procs([child], timeout=20)
    if alive:
        child.kill()
    assert not alive
