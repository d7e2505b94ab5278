"""Issue 15 item 6: a bad --warehouse, --input or --date is a one-line error (exit 2), and
nothing is written or read before it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from diplomacy.cli import main


def _argv(inp, wh, *extra):
    return ["run", "--input", str(inp), "--warehouse", str(wh), *extra]


def _refused(capsys, argv) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and err.count("\n") == 1, err
    return err


@pytest.fixture
def day(tmp_path):
    folder = tmp_path / "2024-11-08"
    folder.mkdir()
    (folder / "a.txt").write_text("가나시는 일본 다마시와 교류 협약을 체결했다.\n", encoding="utf-8")
    return folder


def test_a_warehouse_that_is_a_file(tmp_path, day, capsys):
    wh = tmp_path / "wh"
    wh.write_text("not a folder")
    assert "not a folder" in _refused(capsys, _argv(day, wh))
    assert wh.read_text() == "not a folder"


def test_a_warehouse_below_a_file(tmp_path, day, capsys):
    (tmp_path / "f").write_text("x")
    _refused(capsys, _argv(day, tmp_path / "f" / "wh"))


def test_a_warehouse_that_cannot_be_created(day, capsys):
    """/proc refuses new entries to every user, root included (a chmod would not stop root)."""
    assert "not writable" in _refused(capsys, _argv(day, "/proc/diplomacy-warehouse"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder; /proc case covers it")
def test_a_read_only_warehouse(tmp_path, day, capsys):
    wh = tmp_path / "wh"
    wh.mkdir()
    wh.chmod(0o555)
    try:
        assert "not writable" in _refused(capsys, _argv(day, wh))
    finally:
        wh.chmod(0o755)


def test_a_warehouse_equal_to_the_input(day, capsys):
    _refused(capsys, _argv(day, day))
    assert sorted(p.name for p in day.iterdir()) == ["a.txt"]


def test_a_warehouse_inside_the_input(day, capsys):
    _refused(capsys, _argv(day, day / "wh"))
    assert sorted(p.name for p in day.iterdir()) == ["a.txt"]


def test_a_warehouse_inside_the_input_through_a_relative_path(day, capsys, monkeypatch):
    monkeypatch.chdir(day)
    _refused(capsys, _argv(".", "./sub/../wh"))
    assert sorted(p.name for p in day.iterdir()) == ["a.txt"]


@pytest.mark.parametrize("which", ["--input", "--warehouse", "--date"])
def test_empty_strings(tmp_path, day, capsys, which, monkeypatch):
    monkeypatch.chdir(day)  # an empty path must not mean the current folder
    argv = _argv(day, tmp_path / "wh", "--date", "2024-11-08")
    argv[argv.index(which) + 1] = ""
    assert which in _refused(capsys, argv)
    assert not (tmp_path / "wh").exists()
    assert sorted(p.name for p in day.iterdir()) == ["a.txt"]


def test_the_command_prints_no_traceback(tmp_path, day):
    wh = tmp_path / "wh"
    wh.write_text("x")
    proc = subprocess.run(
        [sys.executable, "-m", "diplomacy", *_argv(day, wh)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error:") and "Traceback" not in proc.stderr
