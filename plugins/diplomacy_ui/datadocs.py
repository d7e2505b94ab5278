"""The Great Expectations Data Docs site of the warehouse, served file by file.

`resolve` is the only way from a request path to a file: the path is resolved (symlinks
followed) and must land inside the site folder, else there is no file (a 404).
"""

from __future__ import annotations

import mimetypes
from datetime import UTC, datetime
from pathlib import Path

# diplomacy.validate builds the site with GX's file context under <warehouse>/_gx
SITE_CANDIDATES = ("_gx/gx/uncommitted/data_docs/local_site", "_gx/uncommitted/data_docs/local_site")
_TS_FORMAT = "%Y%m%dT%H%M%S.%fZ"


def site_root(warehouse: Path) -> Path | None:
    for rel in SITE_CANDIDATES:
        root = Path(warehouse) / rel
        if (root / "index.html").is_file():
            return root.resolve()
    return None


def resolve(warehouse: Path, rel_path: str) -> Path | None:
    """The site file `rel_path` names, or None when there is none or it lies outside the site."""
    root = site_root(warehouse)
    if root is None or "\x00" in rel_path:
        return None
    try:
        target = (root / rel_path.lstrip("/")).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if root not in target.parents or not target.is_file():
        return None
    return target


def content_type(path: Path) -> str:
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed is None:
        return "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def _page_time(ts_dir: str) -> datetime | None:
    try:
        return datetime.strptime(ts_dir, _TS_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def run_pages(warehouse: Path, validated_at: datetime | None) -> dict[str, str]:
    """{suite: site-relative page} of the validation a run started at `validated_at`.

    A run validates every suite after it takes `validated_at`, and a later run takes its own
    later, so a suite's page of this run is its first page at or after that instant."""
    root = site_root(warehouse)
    if root is None or validated_at is None:
        return {}
    if validated_at.tzinfo is None:
        validated_at = validated_at.replace(tzinfo=UTC)
    pages: dict[str, tuple[datetime, str]] = {}
    for page in (root / "validations").glob("*/*/*/*.html"):
        when = _page_time(page.parent.name)
        suite = page.parents[2].name
        if when is None or when < validated_at:
            continue
        if suite not in pages or when < pages[suite][0]:
            pages[suite] = (when, page.relative_to(root).as_posix())
    return {suite: rel for suite, (_, rel) in sorted(pages.items())}
