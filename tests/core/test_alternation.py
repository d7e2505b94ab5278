"""The trie form of a word list matches what the plain longest-first alternation matches."""

import random
import re

import pytest

from diplomacy.alternation import alternation, plain_alternation
from diplomacy.extract import rules


@pytest.mark.parametrize("tail", ["", "(?![가-힣]{2,})", "다", "(?:가|나)?라$", "[가-힣]*마"])
def test_same_matches_as_the_plain_alternation(tail):
    rng = random.Random(tail)
    for _ in range(200):
        words = {
            "".join(rng.choice("가나다라") for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 10))
        }
        plain, trie = (
            re.compile(f"(?:{plain_alternation(words)}){tail}"),
            re.compile(alternation(words) + tail),
        )
        for _ in range(20):
            text = "".join(rng.choice("가나다라마 ") for _ in range(rng.randint(0, 14)))
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_special_characters_and_edge_cases():
    assert re.fullmatch(alternation(["a.b", "a-b", "a"]), "a-b")
    assert not re.fullmatch(alternation(["a.b"]), "axb")
    assert re.search(alternation([]), "anything") is None
    with pytest.raises(ValueError):
        alternation(["", "a"])


def test_country_rule_reads_countries_longest_first():
    assert rules.country_spans("남아프리카공화국과 남아공, 미합중국") == [(0, 8), (10, 13), (15, 19)]
