"""tools/make_badinputs.py: the folder it writes holds every bad input of issue 15 that is a file,
and the pipeline accounts for each entry with the outcome the tool says it must have."""

from __future__ import annotations

import subprocess
import sys

import pyarrow.parquet as pq
from conftest import ROOT

from .factory import _load_badinputs

SEEDS = sorted((ROOT / "include" / "sample" / "landing" / "2024-11-08").glob("*.txt"))


def test_every_bad_input_is_one_row_with_the_outcome_the_tool_names(tmp_path):
    tool = _load_badinputs()
    day = tmp_path / "2024-11-08"
    cases = tool.build_day(day, SEEDS, scale=0.01)
    (day / "locked").chmod(0o755)  # root reads it anyway; the unreadable case has its own test
    pathological = {n: what for n, what in cases.items() if what.startswith("pathological")}
    assert set(pathological) == {"deep-divs.html", "city-line.txt", "city-lines.txt", "endless-sentence.txt"}
    assert any(not n.isascii() for n in cases)  # the CP949 name
    warehouse = tmp_path / "wh"
    proc = subprocess.run(
        [sys.executable, "-m", "diplomacy", "run", "--input", str(day), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = pq.read_table(warehouse / "articles", columns=["source_file", "status", "reason"]).to_pylist()
    by_file = {r["source_file"]: r for r in rows}
    assert (
        len(rows) == len(by_file) == len(cases)
    )  # one row per entry (the folder's file counts as its entry)
    for name, what in pathological.items():
        status = what.split(": ", 1)[1].split(" ")[0]
        assert by_file[name]["status"] == status, (name, by_file[name])
        if "(" in what:
            assert by_file[name]["reason"] == what.split("(")[1].rstrip(")")
