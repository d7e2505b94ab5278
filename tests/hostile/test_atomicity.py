"""A load killed at any moment leaves every table's previous version readable and complete."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest

from diplomacy.warehouse import read_table

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from diplomacy import schema
    from diplomacy.warehouse import to_table, write_partition

    wh = Path(sys.argv[1])
    rows = lambda tag: [{"event_id": f"{tag}-{i}", "article_id": tag, "event_type": "visit",
                         "evidence": "가" * 400} for i in range(40_000)]
    tables = {tag: to_table(rows(tag), schema.EVENTS) for tag in ("old", "new")}
    write_partition(wh, "events", date(2024, 1, 1), tables["old"])
    print("ready", flush=True)
    while True:  # keep rewriting the partition until killed
        for tag in ("new", "old"):
            write_partition(wh, "events", date(2024, 1, 1), tables[tag])
    """
)


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45, 0.8, 1.3])
def test_sigkill_mid_write_leaves_a_complete_version(tmp_path, delay):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    t = read_table(tmp_path, "events", day=date(2024, 1, 1))
    tags = set(t["article_id"].to_pylist())
    assert t.num_rows == 40_000 and len(tags) == 1 and tags <= {"old", "new"}
    # leftovers of the killed write are hidden from readers and swept by the next write
    visible = [
        p.name
        for p in (tmp_path / "events" / "ingest_date=2024-01-01").iterdir()
        if not p.name.startswith(".")
    ]
    assert visible == ["part-0.parquet"]


def test_sigkill_of_the_cli_keeps_the_previous_day(tmp_path):
    from conftest import SAMPLE_DAY, SAMPLE_LANDING

    src = SAMPLE_LANDING / SAMPLE_DAY
    wh = tmp_path / "wh"
    cmd = [sys.executable, "-m", "diplomacy", "run", "--input", str(src), "--warehouse", str(wh)]
    subprocess.run(cmd, check=True, capture_output=True)
    before = {n: read_table(wh, n) for n in ("articles", "events", "relationships")}
    for delay in (1.0, 4.0, 8.0):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for n, t in before.items():
            assert read_table(wh, n).equals(t), (n, delay)


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
