"""Named fault and pause points, so tests crash or hold a writer at an exact instant.

Production code calls `point("after_replace:events")` at the instants that matter; nothing
happens unless the environment asks for it:

- `DIPLOMACY_FAULT=after_replace:events` ends the process there at once (`os._exit`, no
  cleanup, no `finally`: what SIGKILL or a power cut leaves); `...=raise` raises
  `InjectedFault` instead (a write error the caller sees); `...=kill` sends the process SIGKILL
  itself (what the OOM killer or a lost node does). Several points: comma-separated.
- `DIPLOMACY_PAUSE=locked` writes `diplomacy: paused at locked` to stderr and blocks until a
  line (or end of file) arrives on stdin: a test holds a writer there while it starts another.

No wall clock anywhere: a test waits for the pause line, never for a number of seconds.
"""

from __future__ import annotations

import os
import signal
import sys

FAULT_ENV = "DIPLOMACY_FAULT"
PAUSE_ENV = "DIPLOMACY_PAUSE"
EXIT_CODE = 86  # a crash at an injected point, told apart from every real exit code


class InjectedFault(OSError):
    """Raised at a point named in DIPLOMACY_FAULT with `=raise`."""


def _wanted(env: str, name: str) -> str | None:
    for item in os.environ.get(env, "").split(","):
        target, _, action = item.strip().partition("=")
        if target and target == name:
            return action or "exit"
    return None


def point(name: str) -> None:
    """Crash, raise or pause here if the environment names this point; otherwise nothing."""
    action = _wanted(FAULT_ENV, name)
    if action == "raise":
        raise InjectedFault(f"injected fault at {name}")
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if action is not None:
        sys.stderr.flush()
        os._exit(EXIT_CODE)
    if _wanted(PAUSE_ENV, name) is not None:
        print(f"diplomacy: paused at {name}", file=sys.stderr, flush=True)
        sys.stdin.readline()
