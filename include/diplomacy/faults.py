"""Named points where a test can kill the process, to check what a crash there leaves behind.

    DIPLOMACY_KILL_AT=load:before:events python -m diplomacy run ...

kills the run with SIGKILL (no cleanup, no `finally`, as the OOM killer or a lost node would)
when it reaches that point. The points are listed in `POINTS`; unset, a point costs one
environment lookup. Tests inject crashes here instead of killing after a delay, which lands
wherever the machine's speed puts it.
"""

from __future__ import annotations

import os
import signal

__all__ = ["KILL_AT_ENV", "POINTS", "kill_point"]

KILL_AT_ENV = "DIPLOMACY_KILL_AT"
POINTS = (
    "atomic_path:before_replace",  # a file written beside its target, not yet swapped in
    "atomic_path:after_replace",  # swapped in, its folder not yet synced
    "load:before:<table>",  # the load, before the day's partition of <table> is replaced
    "load:replaced",  # the load, every table replaced, the summary not yet written
)


def kill_point(name: str) -> None:
    """SIGKILL this process when `DIPLOMACY_KILL_AT` names this point."""
    if os.environ.get(KILL_AT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
