#!/usr/bin/env python
"""Compare clean_page's published_date with the gold of the annotated corpora.

Run from the repository root:  .venv/bin/python tools/check_pubdates.py [-v]

Every docs/NNN_*.txt of each corpus is cleaned and its published_date compared with the
"published_date" of gold/NNN_*.json (same stem). The held-out files of dev2 (numbers ending
in 3 or 8) are never opened: they are skipped by name before any read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from diplomacy.clean import clean_page

EVAL = Path("/work/shared/eval")
# corpus -> whether its held-out files (number ending in 3 or 8) must be skipped
CORPORA = {"dev": False, "dev2": True}


def held_out(name: str) -> bool:
    """dev2 keeps files whose number ends in 3 or 8 for the final test."""
    number = name.split("_", 1)[0]
    return number[-1:] in ("3", "8")


def check(corpus: Path, skip_held_out: bool, verbose: bool) -> tuple[int, int, int]:
    """(right, total, skipped) for one corpus."""
    right = total = skipped = 0
    for doc in sorted((corpus / "docs").glob("*.txt")):
        if skip_held_out and held_out(doc.name):
            skipped += 1
            continue
        gold_file = corpus / "gold" / f"{doc.stem}.json"
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8")).get("published_date")
        got = clean_page(doc.read_text(encoding="utf-8")).published_date
        got_s = got.isoformat() if got else None
        total += 1
        right += got_s == gold
        if verbose or got_s != gold:
            mark = "ok  " if got_s == gold else "MISS"
            print(f"  {mark} {doc.name}: got {got_s}, gold {gold}")
    return right, total, skipped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every file, not only misses")
    ap.add_argument("--eval", type=Path, default=EVAL, help="folder holding the corpora")
    args = ap.parse_args(argv)
    misses = 0
    for name, skip in CORPORA.items():
        corpus = args.eval / name
        if not corpus.is_dir():
            continue
        print(f"{name}:")
        right, total, skipped = check(corpus, skip, args.verbose)
        misses += total - right
        print(f"{name}: {right}/{total} published dates right ({skipped} held-out files skipped)")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
