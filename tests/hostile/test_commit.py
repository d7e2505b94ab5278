"""A day's tables change together: a load interrupted between any two file replacements,
or stopped by a table folder it cannot write, leaves one version of the day, never a mix.

Faults are injected at the commit's named points (DIPLOMACY_FAULT, see diplomacy.faults):
the writer ends itself there with os._exit, which runs no cleanup, like SIGKILL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from diplomacy import schema
from diplomacy.commit import CommitFailed, day_version, journal_path
from diplomacy.faults import EXIT_CODE
from diplomacy.pipeline import LOADED_TABLES, load, stage, summary_path
from diplomacy.warehouse import read_table, to_table

DAY = date(2024, 3, 5)
FILES = (*LOADED_TABLES, "summary")  # the order the commit replaces them in
ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "include"), os.environ.get("PYTHONPATH", "")])}


def merged_dir(root: Path, tag: str, n: int) -> Path:
    """A merged, validated day whose every table names `tag`; `n` articles (the summary's count)."""
    d = root / tag / "merged"
    d.mkdir(parents=True)
    rows = {
        "articles": [
            {"article_id": f"{tag}-{i}", "source_file": f"{i}.txt", "status": "accepted"} for i in range(n)
        ],
        "article_signatures": [{"article_id": f"{tag}-0"}],
        "events": [{"event_id": f"{tag}-e", "article_id": f"{tag}-0", "event_type": "visit"}],
        "relationships": [{"article_id": f"{tag}-0"}],
        "quarantine": [{"table_name": "events", "row_key": f"{tag}-0", "expectation": "x"}],
        "validation_results": [{"run_id": f"{tag}-0", "table_name": "events", "expectation": "x"}],
    }
    for name, r in rows.items():
        pq.write_table(to_table(r, schema.TABLES[name]), d / f"{name}.parquet")
    return d


KEY = {
    "articles": "article_id",
    "article_signatures": "article_id",
    "events": "article_id",
    "relationships": "article_id",
    "quarantine": "row_key",
    "validation_results": "run_id",
}


def versions(wh: Path) -> dict[str, set[str]]:
    """Which version each table of the day (and the day's summary) shows a reader."""
    seen = {
        name: {v.split("-")[0] for v in read_table(wh, name, day=DAY)[KEY[name]].to_pylist()}
        for name in LOADED_TABLES
    }
    received = json.loads(summary_path(wh, DAY).read_text())["received"]
    seen["summary"] = {{1: "old", 2: "new"}.get(received, f"received={received}")}
    return seen


def one_version(wh: Path) -> str:
    seen = versions(wh)
    tags = set().union(*seen.values())
    assert len(tags) == 1 and all(len(s) == 1 for s in seen.values()), f"a mix of versions: {seen}"
    return tags.pop()


def hidden_leftovers(wh: Path) -> list[str]:
    return sorted(
        str(p.relative_to(wh))
        for p in wh.rglob(".*")
        if p.is_file() and not p.name.endswith(".lock") and "_gx" not in p.parts
    )


@pytest.fixture
def warehouse(tmp_path) -> tuple[Path, Path]:
    """A warehouse holding the 'old' day, and the merged folder of a 'new' run of it."""
    wh = tmp_path / "wh"
    load(str(merged_dir(tmp_path, "old", 1)), wh, DAY)
    assert one_version(wh) == "old"
    return wh, merged_dir(tmp_path, "new", 2)


def crash_load(wh: Path, merged: Path, point: str) -> None:
    code = (
        "import sys; from datetime import date; from pathlib import Path; from diplomacy.pipeline import load; "
        f"load(sys.argv[1], Path(sys.argv[2]), date.fromisoformat('{DAY.isoformat()}'))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(merged), str(wh)],
        env={**ENV, "DIPLOMACY_FAULT": point},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == EXIT_CODE, (
        f"the writer did not stop at {point}: {proc.returncode} {proc.stderr}"
    )


def recover_cli(wh: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "diplomacy", "recover", "--warehouse", str(wh)],
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


BEFORE_COMMIT_POINT = [f"after_stage:{n}" for n in FILES] + ["before_journal"]
# between every pair of replacements: before the first, after each, and after the last
AFTER_COMMIT_POINT = ["after_journal"] + [f"after_replace:{n}" for n in FILES]


@pytest.mark.parametrize("point", BEFORE_COMMIT_POINT)
def test_a_crash_before_the_commit_point_keeps_the_old_day(warehouse, point):
    wh, new = warehouse
    crash_load(wh, new, point)
    assert one_version(wh) == "old"  # readers never see the staged files
    assert "undone" in recover_cli(wh)
    assert one_version(wh) == "old"
    assert hidden_leftovers(wh) == []
    assert not journal_path(wh, DAY).exists()


@pytest.mark.parametrize("point", AFTER_COMMIT_POINT)
def test_a_crash_between_replacements_is_rolled_forward_by_recover(warehouse, point):
    wh, new = warehouse
    before = day_version(wh, DAY)
    crash_load(wh, new, point)
    assert journal_path(wh, DAY).exists()
    assert before and day_version(wh, DAY) is None  # a reader can tell a commit is unfinished
    assert "rolled forward" in recover_cli(wh)
    assert one_version(wh) == "new"
    assert day_version(wh, DAY) not in (None, before)
    assert hidden_leftovers(wh) == []
    assert "nothing to recover" in recover_cli(wh)  # idempotent


def test_the_next_run_finishes_an_interrupted_commit_before_reading(warehouse, tmp_path):
    wh, new = warehouse
    crash_load(wh, new, "after_replace:events")
    empty = tmp_path / "landing"
    empty.mkdir()
    stage(empty, wh, date(2024, 3, 6), landing_root=None, max_file_bytes=1000)  # the next run's first stage
    assert one_version(wh) == "new"
    assert not journal_path(wh, DAY).exists()


def test_the_next_load_of_the_day_finishes_the_interrupted_one_first(warehouse, tmp_path):
    wh, new = warehouse
    crash_load(wh, new, "after_replace:articles")
    load(str(merged_dir(tmp_path / "again", "old", 1)), wh, DAY)
    assert one_version(wh) == "old"
    assert hidden_leftovers(wh) == [] and not journal_path(wh, DAY).exists()


def _make_unwritable(folder: Path) -> None:
    """A folder this process cannot create files in: mode bits, and for root (whom mode bits do
    not stop) the immutable attribute."""
    folder.chmod(0o555)
    probe = folder / "probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return
    probe.unlink()
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        folder.chmod(0o755)
        pytest.fail(
            f"cannot make {folder} unwritable here (root and no chattr): the test would prove nothing"
        )


def _make_writable(folder: Path) -> None:
    subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


@pytest.mark.parametrize("table", ["events", "validation_results"])
def test_an_unwritable_table_folder_fails_the_load_and_keeps_every_old_table(warehouse, table):
    wh, new = warehouse
    folder = wh / table / f"{schema.PARTITION_KEY}={DAY.isoformat()}"
    _make_unwritable(folder)
    try:
        with pytest.raises(CommitFailed, match=f"could not write {table}.*previous version"):
            load(str(new), wh, DAY)
    finally:
        _make_writable(folder)
    assert one_version(wh) == "old"
    assert hidden_leftovers(wh) == [] and not journal_path(wh, DAY).exists()
    load(str(new), wh, DAY)  # writable again: the same run loads whole
    assert one_version(wh) == "new"


def test_a_raised_error_mid_replace_is_finished_by_recovery(warehouse):
    from diplomacy.commit import recover
    from diplomacy.faults import InjectedFault

    wh, new = warehouse
    os.environ["DIPLOMACY_FAULT"] = "after_replace:events=raise"
    try:
        with pytest.raises(InjectedFault):
            load(str(new), wh, DAY)
    finally:
        del os.environ["DIPLOMACY_FAULT"]
    assert [r.action for r in recover(wh)] == ["rolled forward"]
    assert one_version(wh) == "new"


def test_the_cli_killed_between_two_replacements_recovers_to_the_new_run(tmp_path):
    """The real CLI on the sample day, ended at the instant after articles are replaced and
    before events are: `recover` completes the new run; readers never keep the mix."""
    import shutil

    from conftest import SAMPLE_DAY, SAMPLE_LANDING

    wh = tmp_path / "wh"
    few = tmp_path / "few"
    few.mkdir()
    for f in sorted((SAMPLE_LANDING / SAMPLE_DAY).iterdir())[:2]:
        shutil.copy(f, few / f.name)

    def run(folder: Path, **env: str) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "diplomacy", "run", "--input", str(folder), "--warehouse", str(wh)]
        return subprocess.run(
            [*cmd, "--date", SAMPLE_DAY], env={**ENV, **env}, capture_output=True, text=True
        )

    assert run(SAMPLE_LANDING / SAMPLE_DAY).returncode == 0
    crashed = run(few, DIPLOMACY_FAULT="after_replace:article_signatures")
    assert crashed.returncode == EXIT_CODE, crashed.stderr[-2000:]
    assert read_table(wh, "articles").num_rows == 2  # new articles already in place ...
    assert "rolled forward" in recover_cli(wh)
    arts = read_table(wh, "articles")
    assert sorted(arts["source_file"].to_pylist()) == sorted(p.name for p in few.iterdir())
    ids = set(arts["article_id"].to_pylist())
    for name in ("events", "relationships", "article_signatures"):  # ... and now the rest too
        assert set(read_table(wh, name)["article_id"].to_pylist()) <= ids, name
    assert json.loads(summary_path(wh, date.fromisoformat(SAMPLE_DAY)).read_text())["received"] == 2
