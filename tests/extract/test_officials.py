from datetime import date

import pytest

from diplomacy.extract.engine import _Resolver
from diplomacy.extract.officials import find_officials


@pytest.fixture(scope="module")
def resolver():
    return _Resolver("", date(2024, 5, 1))


def found(text, resolver, people=None):
    return [
        (o.name, o.title, o.side) for o in find_officials(text, resolver, {} if people is None else people)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # government glued to the title decides the side
        ("김철수 춘천시장은 다롄시를 찾았다", [("김철수", "시장", "korean")]),
        ("왕리핑 다롄시장과 만났다", [("왕리핑", "시장", "foreign")]),
        # a government between name and title, and before the name
        ("박영수 전주시 부시장이 서명했다", [("박영수", "부시장", "korean")]),
        ("항저우시 천웨이 부시장이 방문했다", [("천웨이", "부시장", "foreign")]),
        # title before name
        ("성장인 류창밍은 대표단을 맞았다", [("류창밍", "성장", "foreign")]),
        ("경상남도 도지사 홍길순 일행을 만났다", [("홍길순", "도지사", "korean")]),
        # titles that carry their own side, multi-word council titles, office titles
        ("이민호 강릉시의회 의장이 함께했다", [("이민호", "시의회 의장", "korean")]),
        ("최수정 국제협력국장은 말했다", [("최수정", "국제협력국장", "korean")]),
        ("쑨위 외사판공실 부주임을 비롯한 사절단", [("쑨위", "외사판공실 부주임", "foreign")]),
        # names with spaces (Vietnamese, Japanese) are foreign
        ("응우옌 반 남 당서기와 회담했다", [("응우옌 반 남", "당서기", "foreign")]),
        ("다나카 히로시 정장을 단장으로 한 대표단", [("다나카 히로시", "정장", "foreign")]),
    ],
)
def test_shapes(text, expected, resolver):
    assert found(text, resolver) == expected


def test_not_names(resolver):
    assert found("시장 취임 뒤 처음 찾았다", resolver) == []
    assert found("상하이지사를 방문했다", resolver) == []
    assert found("김 시장을 단장으로 한 대표단", resolver) == []  # a surname alone, never met before


def test_surname_resolves_to_someone_met_earlier(resolver):
    people = {}
    found("김철수 춘천시장은 다롄시를 찾았다", resolver, people)
    assert found("김 시장은 환영했다", resolver, people) == [("김철수", "시장", "korean")]
