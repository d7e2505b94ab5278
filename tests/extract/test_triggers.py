"""Trigger lexicon (data/triggers.csv) on invented sentences."""

from __future__ import annotations

from diplomacy.extract.clauses import triggers


def _types(text: str) -> set[str]:
    return {t.event_type for t in triggers(text)}


def test_a_document_title_in_double_angle_brackets_then_signed():
    assert "agreement" in _types("두 사람은 《양 도시 간 교류협력 강화를 위한 합의서》에 서명했다.")
    assert "agreement" in _types("두 시장은 〈우호교류 협약〉을 체결했다.")
