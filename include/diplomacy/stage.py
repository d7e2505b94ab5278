"""Account for every file of a landing folder: decoded text, a stable id, a status.

This is the only stage that touches raw files. Each file becomes exactly one record,
whatever it holds, so that `received = accepted + duplicate + rejected` always balances
and nothing disappears between the scraper and the warehouse.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from diplomacy.decode import decode_bytes

__all__ = ["StagedFile", "content_key", "list_landing_files", "stage_files"]

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class StagedFile:
    article_id: str
    source_file: str
    status: str
    reason: str | None
    duplicate_of: str | None
    encoding: str | None
    size_bytes: int | None
    replaced_chars: int
    text: str | None

    def as_row(self) -> dict:
        return asdict(self)


def content_key(text: str) -> str:
    """Identity of an article's content: the same words in other whitespace or line endings
    are the same article, so re-saved copies collapse onto one id."""
    return hashlib.sha256(_WS.sub(" ", text).strip().encode("utf-8")).hexdigest()


def _file_id(rel: str, payload: bytes) -> str:
    return "f" + hashlib.sha256(rel.encode("utf-8") + b"\0" + payload).hexdigest()[:15]


def list_landing_files(folder: Path) -> list[Path]:
    """Every non-directory entry below `folder`, symlinks included, in the order of their
    relative paths as strings (the `source_file` order of the articles table)."""
    out = []
    for p in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
        if p.is_symlink() or p.is_file() or not p.is_dir():
            out.append(p)
    return out


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def stage_files(
    folder: Path,
    *,
    landing_root: Path | None = None,
    max_file_bytes: int,
    known: Collection[str] = (),
) -> Iterable[StagedFile]:
    """Yield one StagedFile per entry of `folder`.

    `known` holds the ids of articles accepted on other days (the warehouse's registry), so
    a re-scraped article is a duplicate across days too. Files are read one at a time, and
    a file over `max_file_bytes` is never read at all.
    """
    folder = Path(folder)
    root = Path(landing_root).resolve() if landing_root else folder.resolve()
    seen: set[str] = set(known)
    for path in list_landing_files(folder):
        rel = path.relative_to(folder).as_posix()
        name_id = "f" + hashlib.sha256(rel.encode("utf-8")).hexdigest()[:15]

        def rejected(reason: str, size: int | None = None, payload: bytes = b"", _rel=rel, _nid=name_id):
            fid = _file_id(_rel, payload) if payload else _nid
            return StagedFile(fid, _rel, "rejected", reason, None, None, size, 0, None)

        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                yield rejected("unreadable")
                continue
            if not _inside(target, root):
                yield rejected("symlink_outside_landing")
                continue
        if not path.is_file():
            yield rejected("unreadable")
            continue
        try:
            size = path.stat().st_size
            if size > max_file_bytes:
                yield rejected("too_large", size)
                continue
            payload = path.read_bytes()
        except OSError:
            yield rejected("unreadable")
            continue

        decoded = decode_bytes(payload, filename=path.name)
        if decoded.status != "accepted" or not decoded.text:
            yield StagedFile(
                _file_id(rel, payload),
                rel,
                "rejected",
                decoded.reason or "empty",
                None,
                decoded.encoding,
                size,
                decoded.replaced,
                None,
            )
            continue
        article_id = content_key(decoded.text)[:16]
        if article_id in seen:
            yield StagedFile(
                _file_id(rel, payload),
                rel,
                "duplicate",
                None,
                article_id,
                decoded.encoding,
                size,
                decoded.replaced,
                None,
            )
            continue
        seen.add(article_id)
        yield StagedFile(
            article_id, rel, "accepted", None, None, decoded.encoding, size, decoded.replaced, decoded.text
        )
