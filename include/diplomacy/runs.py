"""What a run processes: its landing date and folders, checked before any work starts.

Users type a landing date in the Airflow trigger form or on the command line; a typo or a
path that escapes the landing root must stop the run with a message that says why, not
read files it should never see. Kept free of heavy imports: the DAG's first task uses it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from diplomacy.config import Settings, settings

SEOUL = ZoneInfo("Asia/Seoul")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidRunParameter(ValueError):
    """A run parameter that cannot be honoured; the message is shown to the user."""


@dataclass(frozen=True)
class RunPlan:
    day: str  # ISO date of the landing folder = the warehouse partition
    input_dir: str
    landing_root: str
    warehouse: str
    reprocess: bool
    max_file_bytes: int
    batch_size: int
    max_batches: int

    def as_dict(self) -> dict:
        return asdict(self)


def parse_day(value: str) -> date:
    """A landing date as YYYY-MM-DD, with a clear error for anything else."""
    value = (value or "").strip()
    if not _DATE_RE.match(value):
        raise InvalidRunParameter(f"landing date {value!r} is not a date of the form YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidRunParameter(f"landing date {value!r} is not a calendar date: {exc}") from None
    if day.year < 1990:
        raise InvalidRunParameter(f"landing date {value!r} is before 1990: no landing data can exist")
    return day


def interval_day(interval_start: datetime | str) -> date:
    """The landing date a scheduled run owns: the Seoul calendar day its interval starts on."""
    if isinstance(interval_start, str):
        interval_start = datetime.fromisoformat(interval_start)
    if interval_start.tzinfo is None:
        interval_start = interval_start.replace(tzinfo=ZoneInfo("UTC"))
    return interval_start.astimezone(SEOUL).date()


def landing_folder(landing_root: Path, day: date, subdir: str | None = None) -> Path:
    """`<landing_root>/<YYYY-MM-DD>` (or a sub-folder the user named), never outside the root."""
    root = Path(landing_root).resolve()
    target = (root / (subdir if subdir else day.isoformat())).resolve()
    if target != root and root not in target.parents:
        raise InvalidRunParameter(f"landing folder {subdir!r} is outside the landing root {root}")
    return target


def plan_run(
    *,
    landing_date: str | None,
    interval_start: datetime | str | None,
    reprocess: bool = False,
    landing_subdir: str | None = None,
    cfg: Settings | None = None,
) -> RunPlan:
    """Resolve a run's parameters into folders; raises InvalidRunParameter on bad input."""
    cfg = cfg or settings()
    if landing_date:
        day = parse_day(landing_date)
    elif interval_start is not None:
        day = interval_day(interval_start)
    else:
        raise InvalidRunParameter("no landing date given and the run has no data interval")
    folder = landing_folder(cfg.landing_root, day, landing_subdir)
    if not isinstance(reprocess, bool):
        raise InvalidRunParameter(f"reprocess must be true or false, got {reprocess!r}")
    return RunPlan(
        day=day.isoformat(),
        input_dir=str(folder),
        landing_root=str(cfg.landing_root),
        warehouse=str(cfg.warehouse),
        # a day typed in the trigger form is a request to process it, loaded before or not
        reprocess=reprocess or bool(landing_date),
        max_file_bytes=cfg.max_file_bytes,
        batch_size=cfg.batch_size,
        max_batches=cfg.max_batches,
    )
