"""`python -m diplomacy`: run the CLI, then leave without the interpreter's teardown.

Tearing down the thousands of classes Great Expectations defines takes ~0.7 s after the
run's work is done. Every output file is closed, fsync'd and swapped in by then, so the
process flushes its streams and exits at once with the CLI's status.
"""

import os
import sys

from diplomacy.cli import main


def _run() -> None:
    try:
        code = main()
    except SystemExit as exc:  # argparse errors and --help
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, int | None):
            print(exc.code, file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":  # not when a spawned worker process imports this module
    _run()
