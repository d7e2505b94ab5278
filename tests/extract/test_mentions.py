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


def _korean(article: str, sentence: str) -> list[str]:
    return [g.name for _, _, g in Resolver(article, PUB).korean(sentence)]


def _foreign(article: str, sentence: str) -> list[str]:
    return [g.name for _, _, g in Resolver(article, PUB).foreign(sentence)]


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


def korean(sentence: str) -> list[str]:
    return [g.name for _, _, g in Resolver(sentence, PUB).korean(sentence)]


def test_a_reading_in_parentheses_is_the_foreign_name_again():
    # 광주 in "광저우(광주)시" is 廣州 read in Korean, not a Korean 광주; the chain names the district
    sentence = "중국 광저우(광주)시 톈허구 대표단이 의왕시를 찾았다."
    assert korean(sentence) == ["의왕시"]
    assert foreign(sentence, sentence) == [("톈허구", "톈허구")]


def test_a_city_before_its_own_district_names_the_district():
    sentence = "중국 광저우시 톈허구와 우호교류 협약을 맺었다."
    assert foreign(sentence, sentence) == [("톈허구", "톈허구")]
    listed = "광저우시, 톈허구와 각각 협약을 맺었다."
    assert [name for _, name in foreign(listed, listed)] == ["광저우시", "톈허구"]


def test_a_reading_in_parentheses_is_no_second_foreign_mention():
    # the article writes 청도시 (靑島) in full, so a bare 청도 is its foreign namesake; in the gloss it
    # is 칭다오 again, and the chain 칭다오(청도)시 성양구 (城阳区) names the district
    article = "가나구는 청도시 성양구와 교류한다.\n중국 칭다오(청도)시 성양구 대표단이 가나구를 찾았다."
    line = article.split("\n")[1]
    assert foreign(article, line) == [("성양구", "청양구")]


def test_a_geonames_city_takes_the_region_it_lies_in():
    # the gazetteer lists 나폴리시 without region; GeoNames puts Naples in Campania (캄파니아주)
    sentence = "가나시는 이탈리아 나폴리시와 자매결연을 맺었다."
    regions = [(g.name, g.region) for _, _, g in Resolver(sentence, PUB).foreign(sentence)]
    assert regions == [("나폴리시", "캄파니아주")]


# -- sentences read off the article's one gazetteer scan -------------------------------------


def _readings(article: str, sentences: list[str], pieces: dict[str, int] | None):
    res = Resolver(article, PUB, pieces)
    return [
        (
            [(s, e, g.name, g.province) for s, e, g in res.korean(t)],
            [(s, e, g.name, g.country) for s, e, g in res.foreign(t)],
        )
        for t in sentences
    ]


def _article(title: str, sentences: list[str]) -> tuple[str, dict[str, int]]:
    from diplomacy.extract.article import _offsets
    from diplomacy.extract.nlp import Sentence

    text = title + "\n" + " ".join(sentences)
    offsets = _offsets(title, [Sentence(text=s, start=0) for s in sentences])
    for s, at in offsets.items():
        assert text[at : at + len(s)] == s
    return text, offsets


def test_sentences_read_off_the_article_scan_are_read_as_if_alone():
    sentences = [
        "안산시 대표단은 중국 지린성 훈춘시를 방문했다.",
        "이어 경남 고성군 관계자가 훈춘시장과 만났다.",
        "시는 칭다오시와 우호협력 협약을 맺었다.",
    ]
    text, pieces = _article("안산시, 훈춘시와 교류", sentences)
    assert _readings(text, sentences, pieces) == _readings(text, sentences, None)
    assert _readings(text, sentences, pieces)[1][0][0][2:] == ("고성군", "경상남도")


def test_a_pair_read_together_across_sentences_makes_the_sentence_scanned_alone():
    # the article's scan reads "경남 고성군" across the boundary as one place; alone, the second
    # sentence's 고성군 stays a namesake of two provinces: the window must not borrow the article's reading
    sentences = ["대표단은 경남", "고성군 관계자를 만났다."]
    text, pieces = _article("제목", sentences)
    assert _readings(text, sentences, pieces) == _readings(text, sentences, None)


def test_window_refuses_a_mention_crossing_an_edge():
    from diplomacy.extract.mentions import _window
    from diplomacy.gazetteer.korean import KoreanMention

    found = (KoreanMention(2, 6, "xxxx", (), True), KoreanMention(10, 12, "yy", (), True))
    starts = [2, 10]
    never = lambda a, b: False  # noqa: E731
    assert _window(found, starts, 4, 10, never) is None  # the first starts before the piece
    assert _window(found, starts, 0, 11, never) is None  # the second ends after it
    got = _window(found, starts, 8, 5, never)
    assert [(m.start, m.end) for m in got] == [(2, 4)]
    assert _window(found, starts, 8, 5, lambda a, b: True) is None


def test_a_council_members_electoral_district_is_no_government():
    from datetime import date

    from diplomacy.extract.mentions import Resolver

    text = "서울시의회 홍길동 부의장(가나당·동대문구3) 등 대표단이 베이징시를 방문했다."
    r = Resolver(text, date(2024, 9, 12), {text: 0})
    assert [g.name for _, _, g in r.korean(text)] == ["서울특별시"]


def test_a_korean_governments_name_after_a_chinese_cue_is_the_chinese_namesake():
    from datetime import date

    from diplomacy.extract.mentions import Resolver

    def sides(text):
        r = Resolver(text, date(2024, 9, 12), {text: 0})
        return [g.name for _, _, g in r.korean(text)], [g.name for _, _, g in r.foreign(text)]

    # 广州 and 常州 read in Sino-Korean are 광주, 상주: Korean names, unless a Chinese cue precedes
    assert sides("대구시는 중국 광동성 광주시와 우호협력을 맺었다.") == (["대구광역시"], ["광저우시"])
    assert sides("남양주시는 중국 강소성 상주시와 화상 회의를 열었다.") == (["남양주시"], ["창저우시"])
    assert sides("상주시는 중국을 방문했다.") == (["상주시"], [])


def test_every_namesake_row_names_a_chinese_government_of_its_region():
    import csv
    from importlib import resources

    from diplomacy.gazetteer.foreign import foreign_gazetteer

    text = resources.files("diplomacy.data").joinpath("foreign_namesakes.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows
    fg = foreign_gazetteer()
    for r in rows:
        assert any(g.region == r["region"] and g.country == "CN" for g in fg.candidates(r["name"])), r


def test_the_items_of_a_list_share_the_last_ones_suffix():
    from datetime import date

    from diplomacy.extract.mentions import Resolver

    text = "대표단은 베이징에서 허베이·지린·구이저우성 부성장을 차례로 접견했다."
    got = [g.name for _, _, g in Resolver(text, date(2018, 11, 26)).foreign(text)]
    assert got[-3:] == ["허베이성", "지린성", "구이저우성"]


def test_a_big_citys_bare_stem_stays_a_place_in_a_story_about_another_country():
    from datetime import date

    from diplomacy.extract.mentions import Resolver

    text = "시장은 상하이에서 열린 포럼에서 일본 벳푸시 시장과 만났다."
    assert [g.name for _, _, g in Resolver(text, date(2024, 9, 12)).foreign(text)] == ["상하이시", "벳푸시"]
