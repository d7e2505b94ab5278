#!/usr/bin/env python
"""Write the bad landing inputs of issue 15 beside good ones: what hostile users and odd
scrapers leave in a landing folder. The tests (tests/hostile) build their cases with these
functions; run it to get a folder to try by hand:

    .venv/bin/python tools/make_badinputs.py OUT_DAY_FOLDER [--seeds include/sample/landing/2024-11-08]

then `python -m diplomacy run --input OUT_DAY_FOLDER --warehouse ...`: every entry must
come out as one row of `articles`, accepted, duplicate or rejected with a reason.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from pathlib import Path

SAMPLE_SEEDS = Path(__file__).resolve().parents[1] / "include" / "sample" / "landing" / "2024-11-08"

# "기사 원문.txt" as a Windows zip stores it: CP949 bytes, not valid UTF-8
CP949_NAME = "기사 원문.txt".encode("cp949")


def non_utf8_name(folder: Path, payload: bytes, name: bytes = CP949_NAME) -> Path:
    """A file whose name is `name`'s bytes (not valid UTF-8); returns its path, which on
    Linux holds the surrogate escapes os.listdir gives for those bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
    path.write_bytes(payload)
    return path


def unreadable_folder(folder: Path, payload: bytes, name: str = "locked") -> Path:
    """A subfolder holding one file, with no permissions: a non-root reader cannot list it
    (root can, so tests inject the failure at diplomacy.stage._scandir as well)."""
    sub = folder / name
    sub.mkdir(parents=True, exist_ok=True)
    (sub / "inside.txt").write_bytes(payload)
    sub.chmod(0)
    return sub


def html_in_one_block(text: str) -> str:
    """A text article saved as HTML with the whole text inside one <p>: the source's line
    breaks are the only structure it has."""
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>{html.escape(text)}</p></body></html>"


def one_line(text: str) -> str:
    """The article with every line break turned into a space: the same content id (the id
    ignores whitespace), but no structure left for the header and body."""
    return " ".join(text.split())


def _pathological(article: str, scale: float) -> dict[str, tuple[bytes, str, str | None]]:
    """benchmarks/pathological.py's files (nested divs, a city name repeated on one line or on many,
    an endless sentence), shrunk by `scale` (1.0: the sizes the benchmark times)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "pathological.py"
    spec = importlib.util.spec_from_file_location("pathological", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pathological_files(article, scale)


# What is not a file of the landing folder: the commands that try the rest of issue 15's cases.
OTHER_CASES = (
    "--warehouse pointing at a file, inside --input, equal to it, or '' (exit 2, one line)",
    "--date '' or --input '' (exit 2, one line)",
    "two runs of the same day at once (the second waits for the day's lock; --lock-timeout 0: exit 3)",
    "DIPLOMACY_FAULT=after_replace:events=kill python -m diplomacy run ... then "
    "python -m diplomacy recover --warehouse W (one version or the other, never a mix)",
)


def build_day(folder: Path, seeds: list[Path], scale: float = 0.02) -> dict[str, str]:
    """Good seed files plus every bad input; returns entry -> what it exercises (and, for the
    pathological files, what the run must make of them)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    cases = {}
    for p, t in zip(seeds, texts, strict=True):
        (folder / p.name).write_text(t, encoding="utf-8")
        cases[p.name] = "good"
    non_utf8_name(folder, texts[0].encode("utf-8"))
    cases[CP949_NAME.decode("cp949")] = "name not valid UTF-8 (CP949 bytes)"
    (folder / "a-copy.html").write_text(html_in_one_block(texts[1]), encoding="utf-8")
    cases["a-copy.html"] = "HTML copy of a text article, text in one <p>"
    (folder / "0-one-line.txt").write_text(one_line(texts[2]), encoding="utf-8")
    cases["0-one-line.txt"] = "same id as a good file, sorts first, cleans to no body"
    unreadable_folder(folder, texts[3].encode("utf-8"))
    cases["locked/"] = "unreadable subfolder"
    for name, (data, status, reason) in _pathological(texts[0], scale).items():
        (folder / name).write_bytes(data)
        cases[name] = f"pathological, {len(data):,} bytes: {status}" + (f" ({reason})" if reason else "")
    return cases


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="landing day folder to write (created)")
    ap.add_argument("--seeds", type=Path, default=SAMPLE_SEEDS, help="folder of good .txt articles")
    ap.add_argument(
        "--scale", type=float, default=0.02, help="size of the pathological files (1.0: the benchmark's MBs)"
    )
    args = ap.parse_args(argv)
    seeds = sorted(args.seeds.glob("*.txt"))
    if len(seeds) < 4:
        print(f"error: {args.seeds} needs at least 4 .txt articles", file=sys.stderr)
        return 2
    for name, what in build_day(args.out, seeds, args.scale).items():
        print(f"{name:<40} {what}")
    print("\nnot files, to try by hand:")
    for case in OTHER_CASES:
        print(f"  - {case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
