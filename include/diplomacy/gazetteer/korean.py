"""Korean local governments: turn the names Korean news uses into one official government.

The list is data (``diplomacy/data/korean_governments.csv``) because Korea reorganises its local
governments every year or two, and that should be a data edit, not a code change. A row is one
government over its validity. Where a government was renamed, merged or split, its ``note`` starts
with ``successor=CODE[|CODE]``, and that link is what lets a name be read as of a date: a former
name maps forward to what replaced it (강원도 in 2025 is 강원특별자치도), a new name maps back to what
preceded it, and a 시군구 reports the province that existed on that date, because the spec wants
``korean_province`` as it was at publication.

Codes are the 행정표준코드 (법정동 코드) prefixes: two digits for a 시·도, five for a 시군구.
A date of ``None`` means today.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from importlib import resources

LEVELS = ("province", "city", "county", "district")

# What may follow a bare stem ("안산과", "안산에서는"). Anything else glued to a stem makes it part
# of another word ("서울대", "안성맞춤", "부산항"), and news has far more of those than of places.
_JOSA = re.compile(
    "은|는|이|가|을|를|의|와|과|도|에|로|으로|에서|에게|께|만|까지|부터|보다|처럼|나|이나|랑|이랑|하고|엔|에선"
    "|에는|에도|에서는|에서도|에서의|와의|과의|으로는|로는|으로의|로의|으로도|로도|이며|며|이고|과는|와는"
    "|과도|와도|이다|였다|이었다|으로부터|로부터|만의"
)

# Ordinary words that begin with a place name and pass the rules above: the one case where a list
# of exceptions is cheaper than a rule ("고양이" is a stem plus 이, "동구권" the Eastern bloc).
_NOT_PLACES = ("고양이", "동구권", "서구권", "북구권", "서구식", "서구화", "서구적", "서구인")

# A province's short name glued to its governor's title ("충남지사는"): the province.
_GOVERNOR = re.compile(r"지사(?:" + _JOSA.pattern + r")?")

_SUFFIX = re.compile(r"(특별자치도|특별자치시|통합특별시|특별시|광역시|특례시|도|시|군|구)$")
_SUCCESSOR = re.compile(r"^successor=([0-9|]+)")
_HANGUL_RUN = re.compile(r"[가-힣]+")


@dataclass(frozen=True)
class KoreanGov:
    code: str
    name: str
    province: str
    level: str


@dataclass(frozen=True)
class KoreanMention:
    start: int
    end: int
    surface: str
    candidates: tuple[KoreanGov, ...]
    exact: bool


@dataclass(frozen=True)
class _Row:
    code: str
    name: str
    province: str
    level: str
    valid_from: date | None
    valid_to: date | None
    successors: tuple[str, ...]

    def valid_on(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


def _stem(name: str) -> str:
    return _SUFFIX.sub("", name) or name


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


class KoreanGazetteer:
    """Lookups over the list; build it from CSV rows (dicts) so tests can feed a small list."""

    def __init__(self, rows: Iterable[Mapping[str, str]]):
        self._rows: dict[str, _Row] = {}
        surfaces: dict[str, list[str]] = {}
        exact: set[str] = set()
        for raw in rows:
            row = self._parse(raw)
            if row.code in self._rows:
                raise ValueError(f"duplicate code {row.code}")
            self._rows[row.code] = row
            stem = _stem(row.name)
            for alias in [row.name, *filter(None, (a.strip() for a in raw["aliases"].split("|")))]:
                if len(alias) < 2:
                    raise ValueError(f"{row.code}: one-syllable alias {alias!r} would match everywhere")
                codes = surfaces.setdefault(alias, [])
                if row.code not in codes:
                    codes.append(row.code)
                if alias == row.name or (alias != stem and _SUFFIX.search(alias)):
                    exact.add(alias)
        self._province_code = {r.name: r.code for r in self._rows.values() if r.level == "province"}
        predecessors: dict[str, list[str]] = {}
        for row in self._rows.values():
            if row.level != "province" and row.province not in self._province_code:
                raise ValueError(f"{row.code}: unknown province {row.province!r}")
            for nxt in row.successors:
                if nxt not in self._rows:
                    raise ValueError(f"{row.code}: unknown successor {nxt}")
                predecessors.setdefault(nxt, []).append(row.code)
        self._predecessors = {k: tuple(v) for k, v in predecessors.items()}
        self._surfaces = {k: tuple(v) for k, v in surfaces.items()}
        self._exact = frozenset(exact)
        # find() looks a word up by its first two syllables, then tries that head's surfaces longest
        # first: most words are dismissed by one dict lookup, so find() stays linear in the text.
        heads: dict[str, set[int]] = {}
        for s in self._surfaces:
            heads.setdefault(s[:2], set()).add(len(s))
        self._heads = {h: tuple(sorted(ns, reverse=True)) for h, ns in heads.items()}
        self._candidates = lru_cache(maxsize=65536)(self._compute_candidates)

    @staticmethod
    def _parse(raw: Mapping[str, str]) -> _Row:
        level = raw["level"].strip()
        if level not in LEVELS:
            raise ValueError(f"{raw['code']}: unknown level {level!r}")
        match = _SUCCESSOR.match(raw.get("note") or "")
        name = raw["name"].strip()
        return _Row(
            code=raw["code"].strip(),
            name=name,
            province=name if level == "province" else raw["province"].strip(),
            level=level,
            valid_from=_date(raw.get("valid_from") or ""),
            valid_to=_date(raw.get("valid_to") or ""),
            successors=tuple(match.group(1).split("|")) if match else (),
        )

    def _as_of(self, code: str, on: date, direction: int = 0) -> tuple[str, ...]:
        """The codes standing for `code` on `on`: itself, or its successors/predecessors.

        The direction is kept once chosen so a gap between two rows cannot make it bounce.
        """
        row = self._rows[code]
        if row.valid_on(on):
            return (code,)
        if row.valid_to is not None and on > row.valid_to and direction >= 0:
            nxt, direction = row.successors, 1
        elif row.valid_from is not None and on < row.valid_from and direction <= 0:
            nxt, direction = self._predecessors.get(code, ()), -1
        else:
            return ()
        out: list[str] = []
        for c in nxt:
            out.extend(x for x in self._as_of(c, on, direction) if x not in out)
        return tuple(out)

    def _gov(self, code: str, on: date) -> KoreanGov:
        row = self._rows[code]
        province = row.province
        if row.level != "province":
            now = self._as_of(self._province_code[row.province], on)
            if len(now) == 1:
                province = self._rows[now[0]].name
        return KoreanGov(row.code, row.name, province, row.level)

    def _compute_candidates(self, surface: str, on: date) -> tuple[KoreanGov, ...]:
        out: list[KoreanGov] = []
        for code in self._surfaces.get(surface, ()):
            for now in self._as_of(code, on):
                gov = self._gov(now, on)
                if gov not in out:
                    out.append(gov)
        return tuple(out)

    def candidates(self, surface: str, on: date | None = None) -> tuple[KoreanGov, ...]:
        return self._candidates(surface.strip(), on or date.today())

    def governments(self, on: date | None = None) -> tuple[KoreanGov, ...]:
        """Every government that existed on `on`, in file order."""
        day = on or date.today()
        return tuple(self._gov(r.code, day) for r in self._rows.values() if r.valid_on(day))

    def _provinces(self, surface: str, on: date | None) -> set[str]:
        return {c.name for c in self.candidates(surface, on) if c.level == "province"}

    def resolve(
        self, surface: str, *, province_hint: str | None = None, on: date | None = None
    ) -> KoreanGov | None:
        """One government, or None when the surface is unknown or still ambiguous.

        "경남 고성군" works without a hint: the leading token is taken as one. A hint that names no
        province is ignored; one that names a province the surface is not in leaves nothing.
        """
        text = surface.strip()
        if province_hint is None and " " in text:
            province_hint, _, text = text.rpartition(" ")
        found = self.candidates(text, on)
        if province_hint is not None:
            provinces = self._provinces(province_hint.strip(), on)
            if provinces:
                found = tuple(c for c in found if c.province in provinces)
        return found[0] if len(found) == 1 else None

    def province_name(self, surface: str, on: date | None = None) -> str | None:
        """The 시·도 a surface names or lies in; a 시·도 reading wins ("광주" is 광주광역시 here)."""
        found = self.candidates(surface, on)
        provinces = {c.name for c in found if c.level == "province"} or {c.province for c in found}
        return provinces.pop() if len(provinces) == 1 else None

    def find(self, text: str, on: date | None = None) -> list[KoreanMention]:
        day = on or date.today()
        out: list[KoreanMention] = []
        for match in _HANGUL_RUN.finditer(text):
            word = match.group()
            for n in self._heads.get(word[:2], ()):
                if n > len(word):
                    continue
                surface = word[:n]
                if surface not in self._surfaces:
                    continue
                exact = surface in self._exact
                governor = not exact and _GOVERNOR.fullmatch(word, n) is not None
                if not exact and n < len(word) and not _JOSA.fullmatch(word, n) and not governor:
                    continue
                if word.startswith(_NOT_PLACES):
                    break
                found = self._candidates(surface, day)
                if governor:
                    found = tuple(g for g in found if g.level == "province" and g.name.endswith("도"))
                if found:
                    start = match.start()
                    out.append(KoreanMention(start, start + n, surface, found, exact))
                    break
        return self._narrow_by_province(text, out)

    @staticmethod
    def _narrow_by_province(text: str, mentions: list[KoreanMention]) -> list[KoreanMention]:
        """ "경남 고성군", "부산광역시 영도구": a 시·도 right before a 시군구 says which one is meant."""
        for i in range(1, len(mentions)):
            prev, cur = mentions[i - 1], mentions[i]
            gap = text[prev.end : cur.start]
            if len(gap) > 1 or (gap and not gap.isspace()):
                continue
            provinces = {c.name for c in prev.candidates if c.level == "province"}
            inside = tuple(c for c in cur.candidates if c.level != "province" and c.province in provinces)
            if not inside:
                continue
            used = {c.province for c in inside}
            mentions[i] = replace(cur, candidates=inside)
            mentions[i - 1] = replace(
                prev, candidates=tuple(c for c in prev.candidates if c.level == "province" and c.name in used)
            )
        return mentions


@cache
def korean_gazetteer() -> KoreanGazetteer:
    source = resources.files("diplomacy").joinpath("data/korean_governments.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return KoreanGazetteer(csv.DictReader(handle))
