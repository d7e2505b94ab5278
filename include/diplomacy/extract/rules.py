"""The phrase shapes of extraction, read once from `diplomacy/data/rules.yaml`.

Each rule is a named regular expression with a description and invented examples it must
and must not match (tests run every rule alone). Country names come from `countries.csv`
so a new country costs a data row. Code asks for a rule by name: `rx("future")`.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from diplomacy.alternation import alternation

__all__ = ["countries", "countries_in", "country_spans", "rule_names", "rx", "spec"]


def _open(name: str):
    return resources.files("diplomacy.data").joinpath(name).open(encoding="utf-8")


@cache
def _specs() -> dict[str, dict]:
    import yaml

    with _open("rules.yaml") as fh:
        return yaml.safe_load(fh)


@cache
def countries() -> dict[str, str]:
    """Korean country names and short forms -> ISO 3166-1 alpha-2, longest first."""
    from diplomacy.gazetteer.open_names import country_forms

    return dict(sorted(country_forms().items(), key=lambda kv: -len(kv[0])))


def _expand(pattern: str) -> str:
    if "{COUNTRY}" in pattern:
        names = [n for n in countries() if len(n) >= 2 and re.fullmatch(r"[가-힣]+", n)]
        pattern = pattern.replace("{COUNTRY}", alternation(names))
    return pattern


def rule_names() -> list[str]:
    return list(_specs())


def spec(name: str) -> dict:
    return _specs()[name]


@cache
def rx(name: str) -> re.Pattern:
    return re.compile(_expand(_specs()[name]["pattern"]))


@cache
def _country_rx() -> re.Pattern:
    return re.compile(r"(?<![가-힣])" + alternation(countries()) + r"(?![가-힣]{2,})")


def country_spans(text: str) -> list[tuple[int, int]]:
    """Where the text names a country (말레이시아, 베트남)."""
    return [m.span() for m in _country_rx().finditer(text)]


def countries_in(text: str) -> list[str]:
    """The countries a text speaks of, in order of first mention (ISO codes)."""
    seen: list[str] = []
    table = countries()
    for m in _country_rx().finditer(text):
        iso = table[m.group()]
        if iso not in seen and iso != "KR":
            seen.append(iso)
    return seen
