"""Run settings, read from the environment when a task runs (never at DAG parse time).

Deployments differ only in where files live and how big a file may be; everything else
is code. Reading them late keeps the DAG file free of I/O and lets tests point a run at
temporary folders with plain environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    landing_root: Path
    warehouse: Path
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    batch_size: int = 200
    max_batches: int = 8


def settings() -> Settings:
    home = Path(os.environ.get("AIRFLOW_HOME", Path.cwd()))
    return Settings(
        landing_root=Path(os.environ.get("DIPLOMACY_LANDING_ROOT", home / "landing")).resolve(),
        warehouse=Path(os.environ.get("DIPLOMACY_WAREHOUSE", home / "warehouse")).resolve(),
        max_file_bytes=int(os.environ.get("DIPLOMACY_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)),
        batch_size=int(os.environ.get("DIPLOMACY_BATCH_SIZE", 200)),
        max_batches=int(os.environ.get("DIPLOMACY_MAX_BATCHES", 8)),
    )
