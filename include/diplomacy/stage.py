"""Account for every file of a landing folder: decoded text, a stable id, a status.

This is the only stage that touches raw files. Each file becomes exactly one record,
whatever it holds, so that `received = accepted + duplicate + rejected` always balances
and nothing disappears between the scraper and the warehouse.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from diplomacy.decode import decode_bytes

__all__ = [
    "LandingEntry",
    "StagedFile",
    "content_key",
    "landing_entries",
    "list_landing_files",
    "stage_files",
]

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class StagedFile:
    article_id: str
    source_file: str
    source_file_raw: bytes | None
    status: str
    reason: str | None
    duplicate_of: str | None
    encoding: str | None
    size_bytes: int | None
    replaced_chars: int
    text: str | None
    copy_id: str | None = None  # an accepted record's id should another copy be kept instead

    def as_row(self) -> dict:
        return asdict(self)


def content_key(text: str) -> str:
    """Identity of an article's content: the same words in other whitespace or line endings
    are the same article, so re-saved copies collapse onto one id."""
    return hashlib.sha256(_WS.sub(" ", text).strip().encode("utf-8")).hexdigest()


def _file_id(name: bytes, payload: bytes) -> str:
    return "f" + hashlib.sha256(name + b"\0" + payload).hexdigest()[:15]


@dataclass(frozen=True)
class LandingEntry:
    """One entry below a landing folder. `source_file` is its relative name as valid UTF-8,
    unique in the day; `raw` holds the name's bytes when they are not valid UTF-8 (then
    `source_file` is a readable rendering of them); `listed` is False for a folder that
    could not be listed (its `source_file` ends with "/")."""

    path: Path
    source_file: str
    raw: bytes | None
    listed: bool = True

    @property
    def name_bytes(self) -> bytes:
        return self.raw if self.raw is not None else self.source_file.encode("utf-8")


def _scandir(path):
    """The one place folders are listed: the fault point tests use for an unreadable folder."""
    return os.scandir(path)


def _walk(folder: Path) -> Iterator[tuple[str, Path, bool]]:
    """(name relative to `folder` as the OS gives it, path, listed) of every non-folder
    entry below `folder`, symlinks included and never followed; a folder that cannot be
    listed is an entry itself, named with a trailing "/"."""
    stack = [(folder, "")]
    while stack:
        here, prefix = stack.pop()
        try:
            with _scandir(here) as it:
                children = list(it)
        except OSError:
            yield (prefix or "./"), here, False
            continue
        for child in children:
            rel = prefix + child.name
            try:
                is_dir = child.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                stack.append((Path(child.path), rel + "/"))
            else:
                yield rel, Path(child.path), True


def _readable(raw: bytes) -> str:
    """A name that is not UTF-8 as text: Korean Windows archives write CP949, anything else
    shows its odd bytes as \\xNN escapes."""
    try:
        guess = raw.decode("cp949")
        if guess.isprintable():
            return guess
    except UnicodeDecodeError:
        pass
    return raw.decode("utf-8", "backslashreplace")


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def landing_entries(folder: Path) -> list[LandingEntry]:
    """Every entry below `folder` in `source_file` order (the order of the articles table).

    Names that are not valid UTF-8 (os.listdir hands them over with surrogate escapes)
    keep their bytes and get a readable name no other entry of the day has."""
    walked = list(_walk(Path(folder)))
    entries = [LandingEntry(p, rel, None, ok) for rel, p, ok in walked if _utf8(rel)]
    taken = {e.source_file for e in entries}
    for rel, p, ok in sorted((w for w in walked if not _utf8(w[0])), key=lambda w: os.fsencode(w[0])):
        raw = os.fsencode(rel)
        escaped = raw.decode("utf-8", "backslashreplace")
        suffix = "~" + hashlib.sha256(raw).hexdigest()[:8]
        name = next(n for n in (_readable(raw), escaped, escaped + suffix) if n not in taken)
        taken.add(name)
        entries.append(LandingEntry(p, name, raw, ok))
    return sorted(entries, key=lambda e: e.source_file)


def list_landing_files(folder: Path) -> list[Path]:
    """Every non-directory entry below `folder`, symlinks included, in `source_file` order."""
    return [e.path for e in landing_entries(folder) if e.listed]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _name_id(entry: LandingEntry) -> str:
    return "f" + hashlib.sha256(entry.name_bytes).hexdigest()[:15]


def _read(
    entry: LandingEntry, root: Path, max_file_bytes: int
) -> tuple[bytes | None, int | None, str | None]:
    """(payload, size, None) for a file that can be read, else (None, size, reason)."""
    path = entry.path
    if not entry.listed:
        return None, None, "unreadable"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None, None, "unreadable"
        if not _inside(target, root):
            return None, None, "symlink_outside_landing"
    try:
        if not path.is_file():
            return None, None, "unreadable"
        size = path.stat().st_size
        if size > max_file_bytes:
            return None, size, "too_large"
        return path.read_bytes(), size, None
    except OSError:
        return None, None, "unreadable"


def _stage_entry(
    entry: LandingEntry, root: Path, max_file_bytes: int, known: Collection[str], today: set[str]
) -> StagedFile:
    """One entry's record. A copy of an article already accepted today keeps its text: the
    clean stage keeps whichever copy cleans best (diplomacy.pipeline.clean)."""
    rel, raw = entry.source_file, entry.raw
    payload, size, reason = _read(entry, root, max_file_bytes)
    if payload is None:
        return StagedFile(_name_id(entry), rel, raw, "rejected", reason, None, None, size, 0, None)
    decoded = decode_bytes(payload, filename=entry.path.name)
    file_id = _file_id(entry.name_bytes, payload)
    enc, replaced = decoded.encoding, decoded.replaced
    if decoded.status != "accepted" or not decoded.text:
        return StagedFile(
            file_id, rel, raw, "rejected", decoded.reason or "empty", None, enc, size, replaced, None
        )
    article_id = content_key(decoded.text)[:16]
    if article_id in known:
        return StagedFile(file_id, rel, raw, "duplicate", None, article_id, enc, size, replaced, None)
    if article_id in today:
        return StagedFile(file_id, rel, raw, "duplicate", None, article_id, enc, size, replaced, decoded.text)
    today.add(article_id)
    return StagedFile(
        article_id, rel, raw, "accepted", None, None, enc, size, replaced, decoded.text, file_id
    )


def stage_files(
    folder: Path,
    *,
    landing_root: Path | None = None,
    max_file_bytes: int,
    known: Collection[str] = (),
) -> Iterator[StagedFile]:
    """Yield one StagedFile per entry of `folder`, whatever its name or content.

    `known` holds the ids of articles accepted on other days (the warehouse's registry), so
    a re-scraped article is a duplicate across days too. Files are read one at a time, and
    a file over `max_file_bytes` is never read at all.
    """
    folder = Path(folder)
    root = Path(landing_root).resolve() if landing_root else folder.resolve()
    known = known if isinstance(known, set | frozenset) else set(known)
    today: set[str] = set()
    for entry in landing_entries(folder):
        yield _stage_entry(entry, root, max_file_bytes, known, today)
