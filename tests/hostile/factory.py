"""Builds hostile landing folders from the sample articles: what real scrapers leave behind."""

from __future__ import annotations

import html
import importlib.util
import os
import unicodedata
from pathlib import Path

from conftest import ROOT, SAMPLE_DAY, SAMPLE_LANDING

SEEDS = sorted((SAMPLE_LANDING / SAMPLE_DAY).glob("*.txt"))


def _load_badinputs():
    """tools/make_badinputs.py, the generator of the issue-15 bad inputs (tools is no package)."""
    spec = importlib.util.spec_from_file_location("make_badinputs", ROOT / "tools" / "make_badinputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


badinputs = _load_badinputs()


def seed_text(i: int = 0) -> str:
    return SEEDS[i].read_text(encoding="utf-8")


def cp949_safe(text: str) -> str:
    """The text minus the few characters CP949 cannot hold (bullets, NBSP)."""
    return "".join(ch for ch in text if _encodable(ch))


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp949")
        return True
    except UnicodeEncodeError:
        return False


def as_html(text: str) -> str:
    paras = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines())
    return (
        "<!DOCTYPE html><html><head><title>기사</title><style>p{color:red}</style>"
        "<script>var tracking = '광고 스크립트';</script></head><body><nav>홈 | 정치 | 사회</nav>"
        f"<article>{paras}</article></body></html>"
    )


# (file name, bytes, expected status, expected reason)
def hostile_files(tmp: Path) -> list[tuple[str, bytes, str, str | None]]:
    base = cp949_safe(seed_text(0))
    other = seed_text(1)
    mojibake = other.encode("utf-8").decode("latin-1").encode("utf-8")
    files = [
        # one article saved seven ways: one is accepted (the first by name), six are its duplicates
        ("utf8.txt", base.encode("utf-8"), "same:A", None),
        ("utf8 copy (1).txt", base.encode("utf-8"), "same:A", None),
        ("crlf.txt", base.replace("\n", "\r\n").encode("utf-8"), "same:A", None),
        ("bom.txt", b"\xef\xbb\xbf" + base.encode("utf-8"), "same:A", None),
        ("utf16.txt", base.encode("utf-16"), "same:A", None),
        ("euckr.txt", base.encode("cp949"), "same:A", None),
        ("nfd.txt", unicodedata.normalize("NFD", base).encode("utf-8"), "same:A", None),
        ("기사 원문 (한글 이름).txt", other.encode("utf-8"), "same:B", None),
        ("mojibake.txt", mojibake, "same:B", None),
        ("page.html", as_html(seed_text(2)).encode("utf-8"), "accepted", None),
        ("empty.txt", b"", "rejected", "empty"),
        ("blank.txt", b" \n\t\n", "rejected", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "rejected", "binary"),
        ("garbage.txt", bytes((i * 37 + 11) % 256 for i in range(4000)), "rejected", None),
        (
            "english.txt",
            b"This page is an English press release about trade. " * 20,
            "rejected",
            "not_korean",
        ),
        ("big.txt", ("가" * 3_000_000).encode("utf-8"), "rejected", "too_large"),
        ("nul.txt", base[:500].encode("utf-8") + b"\x00\x00" + base[500:].encode("utf-8"), "same:A", None),
        ("truncated.txt", seed_text(3).encode("utf-8")[:-1], "accepted", None),
    ]
    return files


def build(folder: Path) -> dict[str, tuple[str, str | None]]:
    """Write the hostile files (and a symlink escaping the root) into `folder`; return expectations."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, payload, status, reason in hostile_files(folder):
        (folder / name).write_bytes(payload)
        expected[name] = (status, reason)
    outside = folder.parent.parent / "outside-secret.txt"
    outside.write_text(seed_text(4), encoding="utf-8")
    os.symlink(outside, folder / "escape.txt")
    expected["escape.txt"] = ("rejected", "symlink_outside_landing")
    return expected
