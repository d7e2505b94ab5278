"""Government mentions resolved with the article as context (invented sentences)."""

from __future__ import annotations

from datetime import date

from diplomacy.extract.mentions import Resolver

DAY = date(2024, 5, 1)


def _korean(article: str, sentence: str) -> list[str]:
    return [g.name for _, _, g in Resolver(article, DAY).korean(sentence)]


def _foreign(article: str, sentence: str) -> list[str]:
    return [g.name for _, _, g in Resolver(article, DAY).foreign(sentence)]


def test_korean_names_in_the_orthography_of_outlets_in_china():
    s = "상해시 가정구는 2010년 서울 로원구와 우호교류협정을 맺었다."
    assert "노원구" in _korean(s, s)


def test_a_name_glued_to_a_foundation_is_the_foundation():
    s = "(재)안산시문화재단 대표단이 지난 3일 현지 극장을 찾았다."
    assert _korean(s, s) == []
    s2 = "안산시 대표단이 지난 3일 현지 시청을 찾았다."
    assert _korean(s2, s2) == ["안산시"]


def test_a_bare_stem_of_a_foreign_name_the_article_uses_is_foreign():
    article = "해남성 대표단이 제주를 찾았다. 이어 제주도 교류단이 해남을 방문했다."
    sentence = "이어 제주도 교류단이 해남을 방문했다."
    assert "해남군" not in _korean(article, sentence)
    assert _foreign(article, sentence) == ["하이난성"]


def test_a_bare_stem_stays_korean_when_the_article_names_the_korean_government():
    article = "해남군은 해남성과 교류한다. 해남을 찾은 대표단은 ..."
    assert _korean(article, "해남을 찾은 대표단은") == ["해남군"]


def test_a_province_named_in_full_does_not_make_its_bare_stem_its_city():
    article = "제주특별자치도 교류단이 출국했다. 대표단은 제주를 방문했다."
    assert _korean(article, "대표단은 제주를 방문했다.") == ["제주특별자치도"]
    article2 = "제주특별자치도 제주시 교류단이 출국했다. 대표단은 제주를 방문했다."
    assert _korean(article2, "대표단은 제주를 방문했다.") == ["제주시"]


def test_a_piece_of_a_country_name_is_no_foreign_government():
    s = "시 대표단이 말레이시아를 찾았다."
    assert _foreign(s, s) == []
