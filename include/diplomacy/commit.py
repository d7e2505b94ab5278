"""A day's tables change together: one commit across every file a load replaces.

Each table's day is one file, replaced in one `os.replace`; a load replaces several of
them (articles, signatures, events, relationships, quarantine, validation results and the
day's summary). So that a crash or a write error between two of those replacements never
leaves articles of the new run beside events of the old, a load is a redo-journal commit:

1. **stage** – every new file is written and fsynced beside its target as
   `.<name>.<txid>.staged` (hidden: dataset readers skip names starting with `.`);
2. **commit point** – the journal `_commits/<day>.json`, naming each (staged, target)
   pair, is written atomically (temporary file, fsync, rename, fsync of the folder);
3. **replace** – each staged file is renamed over its target;
4. the journal is deleted.

A crash or an error before 2 leaves the previous version and hidden staged files: recovery
deletes them (undo). After 2, recovery renames the staged files still there (roll forward):
a rename that already happened left no staged file behind, so replaying is idempotent.
Every commit and recovery of a day runs under that day's lock (`day_lock`): a live writer
holds it, a dead one lost it with its process (flock), so recovery never races a writer.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from diplomacy import faults

Writer = Callable[[Path], None]  # writes the new content of a file at the path it is given
COMMITS = "_commits"
LOCKS = "_locks"
_STAGED = ".staged"


class DayBusy(RuntimeError):
    """Another writer holds the day's lock and did not release it in time."""


class CommitFailed(RuntimeError):
    """A load could not stage its files; the warehouse keeps the previous version."""


@dataclass(frozen=True)
class Recovery:
    day: str
    action: str  # "rolled forward", "undone", "busy" or "clean"
    files: int = 0

    def render(self) -> str:
        n = f" ({self.files} file{'s' if self.files != 1 else ''})" if self.files else ""
        return f"{self.day}: {self.action}{n}"


# ---------------------------------------------------------------- the day's lock

_held: dict[Path, list] = {}  # lock file -> [fd, depth]: re-entrant within one process


def lock_path(warehouse: Path, day: date | str) -> Path:
    return Path(warehouse) / LOCKS / f"{_iso(day)}.lock"


def _iso(day: date | str) -> str:
    return day if isinstance(day, str) else day.isoformat()


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"


def _acquire(fd: int, path: Path, timeout: float | None, on_wait: Callable[[str], None] | None) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    if on_wait:
        on_wait(_holder(path))
    if timeout is None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise DayBusy(
                    f"another run is writing {path.stem} ({_holder(path)}); gave up after {timeout:g} s"
                ) from None
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))


@contextmanager
def day_lock(
    warehouse: Path,
    day: date | str,
    *,
    timeout: float | None = None,
    owner: str = "",
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the exclusive lock of one day of the warehouse (an OS file lock, released by the
    kernel if the process dies). `timeout` None waits for ever; otherwise `DayBusy` after it.
    `on_wait(holder)` is called once if the lock is busy, before waiting."""
    path = Path(os.path.abspath(lock_path(warehouse, day)))
    if path in _held:
        _held[path][1] += 1
        try:
            yield
        finally:
            _held[path][1] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, timeout, on_wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()} {owner}".strip().encode(), 0)
        _held[path] = [fd, 1]
        try:
            yield
        finally:
            del _held[path]
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


# ---------------------------------------------------------------- commit


def journal_path(warehouse: Path, day: date | str) -> Path:
    return Path(warehouse) / COMMITS / f"{_iso(day)}.json"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _stage(changes: dict[str, tuple[Path, Writer]], txid: str) -> dict[str, Path]:
    """Write every new file beside its target; on any error remove what was staged and raise."""
    staged: dict[str, Path] = {}
    try:
        for name, (target, write) in changes.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.parent / f".{target.name}.{txid}{_STAGED}"
            staged[name] = tmp
            write(tmp)
            _fsync_file(tmp)
            faults.point(f"after_stage:{name}")
        for folder in {p.parent for p in staged.values()}:
            _fsync_dir(folder)
    except BaseException as exc:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            where = getattr(exc, "filename", None) or name
            raise CommitFailed(
                f"could not write {name} ({where}): {exc.strerror or exc}; "
                "the warehouse keeps the previous version of every table"
            ) from exc
        raise
    return staged


def _write_journal(warehouse: Path, day: date, entries: list[dict], txid: str) -> Path:
    """The commit point: once this file exists the commit will be finished, by us or recovery."""
    path = journal_path(warehouse, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{txid}.tmp"
    body = {"txid": txid, "day": day.isoformat(), "files": entries}
    try:
        tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
        _fsync_file(tmp)
        faults.point("before_journal")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)
    return path


def _roll_forward(warehouse: Path, journal: Path) -> int:
    """Rename every staged file the journal names over its target, then drop the journal."""
    body = json.loads(journal.read_text(encoding="utf-8"))
    moved = 0
    for e in body["files"]:
        staged, target = Path(warehouse) / e["staged"], Path(warehouse) / e["target"]
        if staged.exists():  # gone: renamed before the interruption
            os.replace(staged, target)
            _fsync_dir(target.parent)
            moved += 1
        faults.point(f"after_replace:{e['name']}")
    journal.unlink()
    _fsync_dir(journal.parent)
    return moved


def commit(warehouse: Path, day: date, changes: dict[str, tuple[Path, Writer]]) -> None:
    """Replace every target of `changes` ({name: (target, writer)}) as one commit.

    Must run under `day_lock(warehouse, day)`. Finishes an interrupted commit of the day
    first. Raises CommitFailed (previous version kept) when a new file cannot be staged."""
    warehouse = Path(warehouse)
    recover_day(warehouse, day)
    txid = uuid.uuid4().hex
    staged = _stage(changes, txid)
    entries = [
        {
            "name": name,
            "staged": str(staged[name].relative_to(warehouse)),
            "target": str(target.relative_to(warehouse)),
        }
        for name, (target, _) in changes.items()
    ]
    try:
        journal = _write_journal(warehouse, day, entries, txid)
    except BaseException:
        if not journal_path(warehouse, day).exists():
            for tmp in staged.values():
                tmp.unlink(missing_ok=True)
        raise
    faults.point("after_journal")
    _roll_forward(warehouse, journal)


def day_version(warehouse: Path, day: date | str, last: str | Path | None = None) -> tuple | None:
    """A token of the day's committed version, None while a commit of it is in flight or awaits
    recovery. Equal tokens before and after a reader's reads mean the reads saw one version:
    `last` (by default the day's summary, which load renames last) gets a new inode per commit."""
    warehouse = Path(warehouse)
    if journal_path(warehouse, day).exists():
        return None
    last = Path(last) if last else warehouse / "_runs" / _iso(day) / "summary.json"
    try:
        st = last.stat()
    except FileNotFoundError:
        return ()
    if journal_path(warehouse, day).exists():
        return None
    return (st.st_ino, st.st_mtime_ns)


# ---------------------------------------------------------------- recovery


def _orphans(warehouse: Path, day: str) -> list[Path]:
    """Staged files of the day that no journal names, and a journal never renamed into place:
    left by a commit that never reached its commit point. Staged files live beside the day's
    partitions and the day's summary."""
    folders = [p for p in warehouse.glob(f"*/*={day}") if p.is_dir()]
    folders.append(warehouse / "_runs" / day)
    staged = [f for d in folders if d.is_dir() for f in d.glob(f".*{_STAGED}")]
    return staged + list((warehouse / COMMITS).glob(f".{day}.json.*.tmp"))  # a journal never renamed


def recover_day(warehouse: Path, day: date | str) -> Recovery:
    """Finish (journal present) or undo (staged files only) an interrupted commit of a day.
    Must run under the day's lock."""
    warehouse, day = Path(warehouse), _iso(day)
    journal = journal_path(warehouse, day)
    if journal.exists():
        moved = _roll_forward(warehouse, journal)
        for f in _orphans(warehouse, day):  # of an even older, unfinished attempt
            f.unlink(missing_ok=True)
        return Recovery(day, "rolled forward", moved)
    orphans = _orphans(warehouse, day)
    for f in orphans:
        f.unlink(missing_ok=True)
    return Recovery(day, "undone" if orphans else "clean", len(orphans))


def pending_days(warehouse: Path) -> list[str]:
    """Days with a journal or staged files left by an interrupted commit."""
    warehouse = Path(warehouse)
    days = {p.stem for p in (warehouse / COMMITS).glob("*.json")}
    for f in warehouse.glob(f"*/*=*/.*{_STAGED}"):
        days.add(f.parent.name.partition("=")[2])
    for f in (warehouse / "_runs").glob(f"*/.*{_STAGED}"):
        days.add(f.parent.name)
    for f in (warehouse / COMMITS).glob(".*.json.*.tmp"):
        days.add(f.name[1:].partition(".json")[0])
    return sorted(days)


def recover(warehouse: Path) -> list[Recovery]:
    """Recover every day left mid-commit; a day whose lock a live writer holds is left to it."""
    out = []
    for day in pending_days(warehouse):
        try:
            with day_lock(warehouse, day, timeout=0, owner="recover"):
                out.append(recover_day(warehouse, day))
        except DayBusy:
            out.append(Recovery(day, "busy"))
    return out
