"""Browser tests: pytest-playwright driving Debian's chromium, headless.

Playwright's own browser builds are never downloaded (``playwright install`` is not part of the
set-up): ``make browser`` (a prerequisite of ``make test``) installs Debian's ``chromium`` and
the fixture below points Playwright at it. Without chromium the browser tests fail under CI
(``CI`` set) and are skipped, loudly, on a laptop.

Screenshots go under pytest-playwright's output folder (``--output``, default ``test-results/``,
git-ignored), one sub-folder per test: use the ``screenshot`` fixture.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium")

# Headless in a container as root, with nothing reaching out to the network on its own.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",  # the pages under test are served on 127.0.0.1
)

SCREENSHOT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def browser_required() -> bool:
    ci = os.environ.get("CI", "").strip().lower()
    return ci not in ("", "0", "false", "no")


def find_chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's chromium, or a failure (CI) / a loud skip (laptop) saying how to get it."""
    found = find_chromium()
    if found:
        return found
    message = (
        "Debian's chromium is not installed (looked for /usr/bin/chromium and `chromium` on PATH); "
        "`make browser` installs it (apt-get install -y chromium). Playwright's browser download is not used."
    )
    if browser_required():
        pytest.fail(f"browser tests required under CI: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], chromium_executable: str, browser_name: str
) -> dict:
    """pytest-playwright's launch options (``--headed``, ``--slowmo`` still work) on Debian's chromium."""
    if browser_name != "chromium":
        pytest.skip(f"only Debian's chromium is installed here, not {browser_name} (--browser)")
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": chromium_executable,
        "args": [*CHROMIUM_ARGS, *browser_type_launch_args.get("args", [])],
    }


@pytest.fixture
def screenshot(output_path: str) -> Callable[..., Path]:
    """``screenshot(page, "events")`` writes ``<output>/<test>/events.png`` and returns its path."""
    folder = Path(output_path)

    def take(page, name: str, *, full_page: bool = True) -> Path:
        if not SCREENSHOT_NAME.fullmatch(name):
            raise ValueError(f"screenshot name must be a plain file name: {name!r}")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
