"""The functions the DAG's tasks call: plan dicts and paths in, paths out.

They adapt the pipeline stages to XCom (small JSON values only) and hold the run-level
decisions (skip a day already loaded unless asked to reprocess; a missing landing folder
is an empty day, not an error) so the DAG file stays declarations only.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from diplomacy.runs import plan_run

__all__ = [
    "already_loaded",
    "build_marts_task",
    "clean_task",
    "extract_task",
    "load_task",
    "merge_task",
    "plan_batches_task",
    "plan_task",
    "stage_task",
    "validate_task",
]


def plan_task(params: dict, interval_start, run_id: str | None = None) -> dict:
    """A bad parameter fails the run at once: a retry would meet the same bad date.
    The run id names the run's own work folder (two runs of a day never share files)."""
    from airflow.sdk.exceptions import AirflowFailException

    from diplomacy.runs import InvalidRunParameter

    try:
        plan = plan_run(
            landing_date=params.get("landing_date") or None,
            interval_start=interval_start,
            reprocess=bool(params.get("reprocess", False)),
        )
    except InvalidRunParameter as exc:
        raise AirflowFailException(str(exc)) from None
    return {**plan.as_dict(), "run_id": run_id}


def already_loaded(plan: dict) -> bool:
    """True when the day's partition exists and the user did not ask to reprocess it."""
    from diplomacy.warehouse import partition_path

    if plan["reprocess"]:
        return False
    return partition_path(Path(plan["warehouse"]), "articles", date.fromisoformat(plan["day"])).exists()


def stage_task(plan: dict) -> str:
    from diplomacy import pipeline

    folder = Path(plan["input_dir"])
    folder.mkdir(parents=True, exist_ok=True)  # no files that day: an empty, accounted day
    return pipeline.stage(
        folder,
        Path(plan["warehouse"]),
        date.fromisoformat(plan["day"]),
        landing_root=Path(plan["landing_root"]),
        max_file_bytes=plan["max_file_bytes"],
        work_id=plan.get("run_id"),
    )


def clean_task(staged_path: str) -> str:
    from diplomacy import pipeline

    return pipeline.clean(staged_path)


def plan_batches_task(cleaned_path: str, plan: dict) -> list[dict]:
    from diplomacy import pipeline

    return pipeline.plan_batches(cleaned_path, batch_size=plan["batch_size"], max_batches=plan["max_batches"])


def extract_task(cleaned_path: str, batch_index: int, batch_count: int) -> str:
    from diplomacy import pipeline

    return pipeline.extract(cleaned_path, batch_index, batch_count)


def merge_task(cleaned_path: str, batch_dirs: list[str]) -> str:
    from diplomacy import pipeline

    return pipeline.merge(cleaned_path, list(batch_dirs))


def validate_task(merged_dir: str, run_id: str) -> str:
    from diplomacy import pipeline

    return pipeline.validate(merged_dir, run_id)


def load_task(merged_dir: str, plan: dict) -> dict:
    from diplomacy import pipeline

    summary = pipeline.load(
        merged_dir, Path(plan["warehouse"]), date.fromisoformat(plan["day"]), run_id=plan.get("run_id")
    )
    return summary


def build_marts_task() -> dict:
    from diplomacy.config import settings
    from diplomacy.marts import build_marts

    return build_marts(settings().warehouse)
