"""The extraction-quality tests never pass unnoticed without their corpora: they skip with a
loud reason, and DIPLOMACY_REQUIRE_EVAL=1 turns that skip into a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCORE_TESTS = Path(__file__).with_name("test_dev_score.py")


def _pytest(tmp_path, require: bool) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(SCORE_TESTS)]
    env = {k: v for k, v in os.environ.items() if k != "DIPLOMACY_REQUIRE_EVAL"}
    env["DIPLOMACY_SHARED_EVAL"] = str(tmp_path / "no-shared-eval")
    if require:
        env["DIPLOMACY_REQUIRE_EVAL"] = "1"
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)


def test_absent_corpora_skip_with_a_loud_reason(tmp_path):
    proc = _pytest(tmp_path, require=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "EXTRACTION QUALITY NOT MEASURED" in proc.stdout and " passed" not in proc.stdout


def test_required_corpora_fail_the_run_when_absent(tmp_path):
    proc = _pytest(tmp_path, require=True)
    assert proc.returncode == 1, proc.stdout[-3000:]
    assert "EXTRACTION QUALITY NOT MEASURED" in proc.stdout and " error" in proc.stdout
