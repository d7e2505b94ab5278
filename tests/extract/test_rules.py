"""Every phrase shape of data/rules.yaml, alone, on its own invented examples (spaCy-Matcher style)."""

from __future__ import annotations

import re

import pytest

from diplomacy.extract import rules

CASES = [
    (name, example, expected)
    for name in rules.rule_names()
    for key, expected in (("match", True), ("no_match", False))
    for example in rules.spec(name).get(key, [])
]


def _hits(name: str, text: str) -> bool:
    rx = rules.rx(name)
    if rules.spec(name).get("mode") == "fullmatch":
        return rx.fullmatch(text) is not None
    return rx.search(text) is not None


def test_every_rule_documents_itself_with_examples_both_ways():
    for name in rules.rule_names():
        s = rules.spec(name)
        assert s.get("doc"), name
        assert s.get("match") and s.get("no_match"), f"{name} needs match and no_match examples"


@pytest.mark.parametrize(("name", "example", "expected"), CASES, ids=[f"{n}:{e}" for n, e, _ in CASES])
def test_rule_on_its_examples(name, example, expected):
    assert _hits(name, example) is expected


def test_country_placeholder_expands_from_countries_csv():
    rx = rules.rx("country_visit")
    assert "{COUNTRY}" not in rx.pattern
    assert rx.search("카자흐스탄을 방문했다") and rx.search("몽골을 방문해")
    assert not rx.search("울란바토르시를 방문했다")


def test_countries_in_reads_names_and_short_forms_in_order():
    assert rules.countries_in("中 쑤저우시 대표단이 미국과 일본을 거쳐") == ["CN", "US", "JP"]
    assert rules.countries_in("한국 안산시") == []  # Korea is the home side, never a partner country
    assert all(re.fullmatch(r"[A-Z]{2}", iso) for iso in rules.countries().values())
