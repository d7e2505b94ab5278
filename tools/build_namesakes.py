"""Chinese governments whose Sino-Korean reading is also a Korean government's name.

    .venv/bin/python tools/build_namesakes.py   # needs tools/requirements-gazetteer.txt

`foreign_governments.csv` leaves out every alias that is a Korean government's name ("광주시" for
广州, "상주시" for 常州): read alone, the name means the Korean one. Right after a Chinese cue
("중국 광동성 광주시", "강소성 상주시") it means the Chinese one. This writes those readings to
`data/foreign_namesakes.csv` (alias, the government's standard name, its region), which the
resolver uses only after such a cue.
"""

from __future__ import annotations

import csv
from pathlib import Path

import hanja
from opencc import OpenCC

DATA = Path(__file__).resolve().parents[1] / "include" / "diplomacy" / "data"
SUFFIX = {"市": "시", "县": "현", "区": "구"}


def main() -> None:
    korean = set()
    with (DATA / "korean_governments.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            korean |= {n for n in [row["name"], *row["aliases"].split("|")] if n}
    to_traditional = OpenCC("s2t")
    rows = []
    with (DATA / "foreign_governments.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            native = row["name_native"]
            if row["country"] != "CN" or not native or native[-1] not in SUFFIX:
                continue
            reading = hanja.translate(to_traditional.convert(native), "substitution")
            if reading in korean and reading != row["name"]:
                rows.append({"alias": reading, "name": row["name"], "region": row["region"]})
    rows.sort(key=lambda r: (r["alias"], r["region"], r["name"]))
    with (DATA / "foreign_namesakes.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["alias", "name", "region"])
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} namesakes written")


if __name__ == "__main__":
    main()
