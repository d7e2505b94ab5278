"""The resolver: an article's governments in each of its sentences. Every sentence is invented."""

from __future__ import annotations

from datetime import date

from diplomacy.extract.mentions import Resolver
from diplomacy.gazetteer.open_names import article_names, find_named

PUB = date(2024, 5, 1)


def foreign(article: str, sentence: str) -> list[tuple[str, str]]:
    res = Resolver(article, PUB)
    return [(sentence[s:e], g.name) for s, e, g in res.foreign(sentence)]


def test_a_country_word_is_never_a_local_government():
    # 호주 is also the Korean reading of 湖州; 파라과이 begins like a stem of the gazetteer
    sentence = "호주와 파라과이의 도시들이 교류한다."
    assert foreign(sentence, sentence) == []


def test_a_name_cued_once_is_found_in_every_sentence():
    article = (
        "가나시는 캐나다 모르반타운시와 자매결연을 맺었다.\n"
        "모르반타운 대표단은 이날 가나시를 찾았다.\n"
        "두 도시는 모르반타운시 청사에서 만났다."
    )
    lines = article.split("\n")
    assert foreign(article, lines[1]) == [("모르반타운", "모르반타운시")]
    assert foreign(article, lines[2]) == [("모르반타운시", "모르반타운시")]


def test_a_name_is_not_found_in_an_article_that_never_cued_it():
    assert foreign("모르반타운 대표단이 왔다.", "모르반타운 대표단이 왔다.") == []


def test_names_keep_their_hyphens_in_the_text():
    names = article_names("독일 카르텐-뮐러구와 자매결연을 맺었다.")
    assert list(names) == ["카르텐뮐러"]
    text = "카르텐-뮐러 구청에서 협정에 서명했다."
    ((s, e, gov),) = find_named(text, names)
    assert text[s:e] == "카르텐-뮐러" and gov.name == "카르텐뮐러구"


def test_a_short_stem_alone_is_not_the_name():
    names = article_names("일본 모키정과 우호교류 협약을 맺었다.")  # a two-syllable stem
    assert find_named("모키정 대표단이 왔다.", names)
    assert find_named("모키를 보냈다.", names) == []


def test_namesakes_told_apart_by_a_region_in_any_spelling():
    # 심양시 reads both 沈阳市 (랴오닝성) and 沁阳市 (허난성); the article names 료녕성, not 랴오닝성
    article = "료녕성 정부가 주최한 박람회가 열렸다.\n심양시 대표단이 가나구를 찾았다."
    line = article.split("\n")[1]
    assert foreign(article, line) == [("심양시", "선양시")]
