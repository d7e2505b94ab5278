"""Command line: the same stages as the DAG, on a folder, without a scheduler.

For analysts, backfills and evaluation: `python -m diplomacy run --input DIR --warehouse DIR`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from diplomacy.commit import CommitFailed, DayBusy
from diplomacy.config import DEFAULT_MAX_FILE_BYTES
from diplomacy.runs import SEOUL, InvalidRunParameter, parse_day

BUSY = 3  # exit code: another run of the day holds the warehouse


def _default_day(input_dir: Path) -> date:
    """A folder named like a date is that landing day; anything else is today's (Seoul)."""
    try:
        return parse_day(input_dir.name)
    except InvalidRunParameter:
        from datetime import datetime

        return datetime.now(SEOUL).date()


def _empty_argument(args: argparse.Namespace) -> str | None:
    """An empty string is never a path or a date: it would silently mean the current
    folder or today."""
    for flag, value in (("--input", args.input), ("--warehouse", args.warehouse), ("--date", args.date)):
        if value is not None and not value.strip():
            return f"{flag} is empty"
    return None


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _can_write(folder: Path) -> bool:
    """Whether a file can be created in `folder`: tried, since permission bits do not tell
    for root or a read-only mount."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _warehouse_problem(warehouse: Path, input_dir: Path) -> str | None:
    """Why `warehouse` cannot take this run's tables, or None. Inside (or equal to) the input
    folder the run would stage its own files, and the next run read the warehouse as input."""
    wh, inp = warehouse.resolve(), input_dir.resolve()
    if wh == inp or inp in wh.parents:
        return f"warehouse {warehouse} is inside the input folder {input_dir}"
    existing = _nearest_existing(wh)
    if not existing.is_dir():
        return f"warehouse {warehouse} is not a folder ({existing} is a file)"
    if not _can_write(existing):
        return f"warehouse {warehouse} is not writable ({existing} refuses new files)"
    return None


def _run(args: argparse.Namespace) -> int:
    from diplomacy.pipeline import run_all
    from diplomacy.review.store import StoreUnavailable
    from diplomacy.validate import ValidationFailed

    problem = _empty_argument(args)
    input_dir = Path(args.input)
    if problem is None and not input_dir.is_dir():
        problem = f"input folder {input_dir} does not exist or is not a folder"
    problem = problem or _warehouse_problem(Path(args.warehouse), input_dir)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        day = parse_day(args.date) if args.date else _default_day(input_dir)
    except InvalidRunParameter as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.max_file_bytes <= 0:
        print("error: --max-file-bytes must be positive", file=sys.stderr)
        return 2
    if args.lock_timeout is not None and args.lock_timeout < 0:
        print("error: --lock-timeout must be zero or positive", file=sys.stderr)
        return 2
    try:
        summary = run_all(
            input_dir,
            Path(args.warehouse),
            day,
            landing_root=Path(args.landing_root) if args.landing_root else None,
            max_file_bytes=args.max_file_bytes,
            batch_size=args.batch_size,
            max_batches=args.max_batches,
            lock_timeout=args.lock_timeout,
            on_wait=lambda holder: print(
                f"waiting: another run of {day.isoformat()} holds the warehouse ({holder})",
                file=sys.stderr,
                flush=True,
            ),
        )
    except ValidationFailed as exc:
        print(f"validation failed: {exc}", file=sys.stderr)
        return 1
    except DayBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return BUSY
    except (CommitFailed, StoreUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(summary.as_dict(), ensure_ascii=False) if args.json else summary.render())
    return 0


def _summary(args: argparse.Namespace) -> int:
    p = Path(args.warehouse) / "_runs" / args.date / "summary.json"
    if not p.exists():
        print(f"error: no run summary for {args.date} under {args.warehouse}", file=sys.stderr)
        return 2
    from diplomacy.pipeline import RunSummary

    d = json.loads(p.read_text(encoding="utf-8"))
    s = RunSummary(day=date.fromisoformat(d.pop("day")), warehouse=Path(d.pop("warehouse")))
    for k, v in d.items():
        setattr(s, k, v)
    print(s.render())
    return 0


def _recover(args: argparse.Namespace) -> int:
    from diplomacy.commit import recover

    wh = Path(args.warehouse)
    if not wh.is_dir():
        print(f"error: warehouse {wh} does not exist or is not a folder", file=sys.stderr)
        return 2
    done = recover(wh)
    for r in done:
        print(r.render())
    if not done:
        print("nothing to recover: no interrupted commit")
    return BUSY if any(r.action == "busy" for r in done) else 0


def _marts(args: argparse.Namespace) -> int:
    from diplomacy.marts import build_marts

    for name, path in build_marts(Path(args.warehouse)).items():
        print(f"{name:<15} {path}")
    return 0


def _review_target(args: argparse.Namespace) -> tuple[Path, str] | str:
    """(warehouse, store URL) of a corrections command, or why not."""
    from diplomacy.config import settings
    from diplomacy.review.store import store_url

    for flag, value in (("--warehouse", args.warehouse), ("--store", args.store)):
        if value is not None and not value.strip():
            return f"{flag} is empty"
    warehouse = Path(args.warehouse) if args.warehouse else settings().warehouse
    return warehouse, args.store or store_url(warehouse)


def _corrections_export(args: argparse.Namespace) -> int:
    from diplomacy.review.export import export_gold
    from diplomacy.review.store import Store, StoreUnavailable

    target = _review_target(args)
    if isinstance(target, str) or not args.dir.strip():
        print(f"error: {target if isinstance(target, str) else 'DIR is empty'}", file=sys.stderr)
        return 2
    warehouse, url = target
    if not warehouse.is_dir():
        print(f"error: warehouse {warehouse} does not exist or is not a folder", file=sys.stderr)
        return 2
    try:
        result = export_gold(warehouse, Store(url), Path(args.dir))
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for article_id, problems in sorted(result.skipped.items()):
        print(f"skipped {article_id}: {'; '.join(problems)}", file=sys.stderr)
    print(f"{len(result.written)} reviewed articles written to {args.dir} (docs/, gold/)")
    return 1 if result.skipped else 0


def _corrections_list(args: argparse.Namespace) -> int:
    from diplomacy.review.store import Store, StoreUnavailable

    target = _review_target(args)
    if isinstance(target, str):
        print(f"error: {target}", file=sys.stderr)
        return 2
    try:
        day = parse_day(args.date) if args.date is not None else None
    except InvalidRunParameter as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        log = Store(target[1]).log(day=day)
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for c in log:
        change = "" if c.action != "edit" else f" {c.field}: {json.dumps(c.before, ensure_ascii=False)} -> "
        change += json.dumps(c.after, ensure_ascii=False) if c.action == "edit" else ""
        note = f"  ({c.note})" if c.note else ""
        print(
            f"{c.id:>6} {c.at.isoformat(timespec='seconds')} {c.ingest_date.isoformat()} {c.user} "
            f"{c.action} {c.event_id} [{c.article_id}]{change}{note}"
        )
    if not log:
        print("no corrections")
    return 0


def _add_corrections(sub) -> None:
    c = sub.add_parser(
        "corrections", help="the analysts' corrections: list them, export reviewed articles as gold"
    )
    csub = c.add_subparsers(dest="corrections_command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--warehouse", help="warehouse root (default: $DIPLOMACY_WAREHOUSE)")
    common.add_argument(
        "--store",
        help="corrections store, an SQLAlchemy URL (default: $DIPLOMACY_REVIEW_DB, else SQLite beside the warehouse)",
    )
    e = csub.add_parser(
        "export", parents=[common], help="write DIR/docs/*.txt and DIR/gold/*.json of every corrected article"
    )
    e.add_argument("dir", metavar="DIR")
    e.set_defaults(func=_corrections_export)
    ls = csub.add_parser("list", parents=[common], help="print the corrections log, oldest first")
    ls.add_argument("--date", help="only the corrections of this ingest day (YYYY-MM-DD)")
    ls.set_defaults(func=_corrections_list)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="diplomacy", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="process a folder of raw news files into the warehouse")
    r.add_argument("--input", required=True, help="folder of raw files (one landing day)")
    r.add_argument("--warehouse", required=True, help="warehouse root (Parquet tables)")
    r.add_argument(
        "--date", help="landing date YYYY-MM-DD (default: the folder's name if a date, else today)"
    )
    r.add_argument("--landing-root", help="root that symlinks may point into (default: the input folder)")
    r.add_argument("--max-file-bytes", type=int, default=DEFAULT_MAX_FILE_BYTES)
    r.add_argument("--batch-size", type=int, default=200)
    r.add_argument(
        "--max-batches",
        type=int,
        default=1,
        help="split extraction like the DAG does (default 1: in one process more batches only add work)",
    )
    r.add_argument(
        "--lock-timeout",
        type=float,
        default=None,
        help="seconds to wait for another run of the same day to finish "
        f"(default: wait as long as it takes; then exit {BUSY})",
    )
    r.add_argument("--json", action="store_true", help="print the summary as JSON")
    r.set_defaults(func=_run)
    s = sub.add_parser("summary", help="print the summary of a loaded day")
    s.add_argument("--warehouse", required=True)
    s.add_argument("--date", required=True)
    s.set_defaults(func=_summary)
    rc = sub.add_parser(
        "recover", help="finish or undo a load interrupted mid-commit (a run of the day does it too)"
    )
    rc.add_argument("--warehouse", required=True)
    rc.set_defaults(func=_recover)
    m = sub.add_parser("marts", help="rebuild the marts (events_merged, partners, city_pairs) of a warehouse")
    m.add_argument("--warehouse", required=True)
    m.set_defaults(func=_marts)
    _add_corrections(sub)
    args = ap.parse_args(argv)
    return args.func(args)
