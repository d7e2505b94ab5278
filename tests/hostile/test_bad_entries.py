"""Issue 15 item 1: every entry is a row. A name that is not valid UTF-8 or a folder that
cannot be listed gets a row with a status and a reason, and never fails the day."""

from __future__ import annotations

import os
from datetime import date

import pyarrow.parquet as pq
import pytest

from diplomacy import pipeline, stage
from diplomacy.pipeline import run_all
from diplomacy.stage import stage_files
from diplomacy.warehouse import read_table

from .factory import badinputs, seed_text

DAY = date(2024, 11, 8)
LIMIT = 2 * 1024 * 1024
CP949 = badinputs.CP949_NAME
READABLE = CP949.decode("cp949")


def _staged(folder, **kw):
    return {f.source_file: f for f in stage_files(folder, max_file_bytes=LIMIT, **kw)}


def test_a_non_utf8_name_is_staged_with_a_readable_name_and_its_bytes(tmp_path):
    badinputs.non_utf8_name(tmp_path, seed_text(0).encode("utf-8"))
    badinputs.non_utf8_name(tmp_path, b"\x00\x01\x02" * 200, name=b"bin\xff\xfe.txt")
    (tmp_path / "good.txt").write_text(seed_text(1), encoding="utf-8")
    got = _staged(tmp_path)
    assert set(got) == {READABLE, "bin\\xff\\xfe.txt", "good.txt"}
    assert (got[READABLE].status, got[READABLE].source_file_raw) == ("accepted", CP949)
    assert (got["bin\\xff\\xfe.txt"].status, got["bin\\xff\\xfe.txt"].reason) == ("rejected", "binary")
    assert got["bin\\xff\\xfe.txt"].source_file_raw == b"bin\xff\xfe.txt"
    assert got["good.txt"].source_file_raw is None
    assert _staged(tmp_path) == got  # ids and names are deterministic


def test_a_readable_form_never_takes_the_name_of_another_entry(tmp_path):
    (tmp_path / READABLE).write_text(seed_text(1), encoding="utf-8")  # the same name in UTF-8
    badinputs.non_utf8_name(tmp_path, seed_text(0).encode("utf-8"))
    got = _staged(tmp_path)
    assert len(got) == 2 and got[READABLE].source_file_raw is None
    (other,) = set(got) - {READABLE}
    assert got[other].source_file_raw == CP949 and got[other].status == "accepted"


def test_a_non_utf8_name_beside_good_files_does_not_fail_the_day(tmp_path):
    folder = tmp_path / DAY.isoformat()
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(seed_text(i), encoding="utf-8")
    badinputs.non_utf8_name(folder, seed_text(3).encode("utf-8"))
    wh = tmp_path / "wh"
    summary = run_all(folder, wh, DAY, max_file_bytes=LIMIT)
    rows = {r["source_file"]: r for r in read_table(wh, "articles").to_pylist()}
    assert set(rows) == {"0.txt", "1.txt", "2.txt", READABLE}
    assert rows[READABLE]["status"] == "accepted" and rows[READABLE]["source_file_raw"] == CP949
    assert rows[READABLE]["body"]
    assert summary.received == 4 and summary.accepted == 4 and summary.validation_success


def _deny(name):
    """The named fault point: listing the folder called `name` fails as chmod 000 would for
    a non-root reader (root reads anything, so a permission bit cannot stand in)."""
    real = stage._scandir

    def scandir(path):
        if os.path.basename(path) == name:
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    return scandir


def test_an_unreadable_subfolder_is_a_row_not_a_silent_skip(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(seed_text(0), encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text(seed_text(1), encoding="utf-8")
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "inside.txt").write_text(seed_text(2), encoding="utf-8")
    monkeypatch.setattr(stage, "_scandir", _deny("locked"))
    got = _staged(tmp_path)
    assert set(got) == {"good.txt", "locked/", "open/inside.txt"}
    assert (got["locked/"].status, got["locked/"].reason) == ("rejected", "unreadable")
    assert got["good.txt"].status == got["open/inside.txt"].status == "accepted"


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists a chmod-000 folder; the fault-point test covers it")
def test_a_chmod_000_subfolder_is_a_row(tmp_path):
    (tmp_path / "good.txt").write_text(seed_text(0), encoding="utf-8")
    sub = badinputs.unreadable_folder(tmp_path, seed_text(1).encode("utf-8"))
    try:
        got = _staged(tmp_path)
    finally:
        sub.chmod(0o755)
    assert (got["locked/"].status, got["locked/"].reason) == ("rejected", "unreadable")


def test_the_stage_task_writes_the_unreadable_folder_row(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(seed_text(0), encoding="utf-8")
    (folder / "locked").mkdir()
    badinputs.non_utf8_name(folder, seed_text(1).encode("utf-8"))
    monkeypatch.setattr(stage, "_scandir", _deny("locked"))
    staged = pipeline.stage(folder, tmp_path / "wh", DAY, landing_root=None, max_file_bytes=LIMIT)
    rows = {r["source_file"]: r for r in pq.read_table(staged).to_pylist()}
    assert rows["locked/"]["reason"] == "unreadable"
    assert rows[READABLE]["source_file_raw"] == CP949
    cleaned = {r["source_file"]: r for r in pq.read_table(pipeline.clean(staged)).to_pylist()}
    assert set(cleaned) == set(rows)
