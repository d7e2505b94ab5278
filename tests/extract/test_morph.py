"""Roles and tense read from Kiwi's analysis (particles, endings), on invented sentences."""

from __future__ import annotations

import pytest

from diplomacy.extract import morph
from diplomacy.extract.roles import COMITATIVE, GENITIVE, LOCATIVE, OBJECT, OTHER, SUBJECT


def role(sentence: str, name: str) -> str | None:
    (toks,) = morph.tokenize([sentence])
    return morph.particle_role(toks, sentence.index(name) + len(name))


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("춘천시는 다롄시와 자매결연 협약을 체결했다.", "다롄시", COMITATIVE),
        ("춘천시는 다롄시와의 교류를 넓히기로 했다.", "다롄시", COMITATIVE),
        ("춘천시 대표단은 다롄시를 방문했다.", "다롄시", OBJECT),
        ("대표단은 다롄시청을 찾았다.", "다롄시", OBJECT),  # the city hall stands for the city
        ("대표단은 11일 다롄시로 이동해 시장을 만났다.", "다롄시", OBJECT),
        ("다롄시 대표단은 춘천시를 방문했다.", "다롄시", SUBJECT),
        ("춘천시장은 베이징에서 다롄시 부시장을 만났다.", "베이징", LOCATIVE),
        ("다롄시의 칭화대학을 방문했다.", "다롄시", GENITIVE),
        ("도지사는 다롄시 부시장을 접견했다.", "다롄시", COMITATIVE),  # the head met: the party
        ("군수는 헤이룽장성 당서기를 만나 협력을 논의했다.", "헤이룽장성", COMITATIVE),
        ("군수는 다롄시 소개 영상을 보았다.", "다롄시", None),
        (
            "두 사람은 각기 랴오닝성과 강원도를 대표하여 서명했다.",
            "강원도",
            OTHER,
        ),  # object of 대표하다: no travel
    ],
)
def test_particle_role(sentence, name, expected):
    assert role(sentence, name) == expected


def test_no_particle_means_kiwi_cannot_tell():
    assert role("춘천시 다롄시 방문 성과 보고회", "다롄시") is None


@pytest.mark.parametrize(
    ("sentence", "past", "future", "pledge"),
    [
        ("춘천시는 지난 3일 협약을 체결했다.", True, False, False),
        ("춘천시는 오는 13일 협약을 체결할 예정이다.", False, True, False),
        ("춘천시는 다롄시와 협약을 맺기로 했다.", True, True, False),
        ("교류를 넓혀 나가겠다.", False, False, True),
        ("방문할 계획이라고 밝혔다.", False, True, False),  # 밝혔다 is the report's tense, not the act's
    ],
)
def test_tense(sentence, past, future, pledge):
    (toks,) = morph.tokenize([sentence])
    assert morph.tense(toks, 0, len(sentence)) == morph.Tense(past, future, pledge)
