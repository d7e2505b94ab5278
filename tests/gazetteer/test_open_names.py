"""Foreign governments the gazetteer does not know: recognised by form and context, linked by sound.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from diplomacy.gazetteer.foreign import foreign_gazetteer
from diplomacy.gazetteer.open_names import (
    OpenMention,
    country_of,
    hangul_key,
    latin_key,
    link,
    open_foreign,
    recognise,
    similarity,
    threshold,
)


def names(text: str, known=()) -> list[str]:
    return [m.name for m in recognise(text, known)]


def only(text: str) -> OpenMention:
    found = recognise(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------------------------
# Cues
# ---------------------------------------------------------------------------------------------


def test_after_country():
    m = only("지난달 호주 블랙타운시 소식이 현지 언론에 실렸다.")
    assert (m.name, m.stem, m.suffix, m.country, m.region, m.cue) == (
        "블랙타운시",
        "블랙타운",
        "시",
        "AU",
        "",
        "after_country",
    )


def test_after_country_in_hanja_abbreviation():
    m = only("美 부에나파크시장 일행 입국")
    assert (m.name, m.country, m.cue) == ("부에나파크시", "US", "after_country")
    assert m.end - m.start == len("부에나파크시")  # 장 (the mayor) is not part of the name


def test_after_known_region_carries_region_and_country():
    m = only("안산시 대표단은 미국 캘리포니아주 부에나파크시에서 열린 축제에 갔다.")
    assert (m.name, m.country, m.region, m.cue) == ("부에나파크시", "US", "캘리포니아주", "after_region")


def test_after_region_found_by_form_with_genitive():
    # Upper Austria (오버외스터라이히주) and its town Traun are places no gazetteer lists (Hungary's
    # counties, used here before, now are): pick another when it learns them
    found = recognise("오스트리아 오버외스터라이히주의 트라운시에서 행사가 열렸다.")
    assert [(m.name, m.cue, m.country, m.region) for m in found] == [
        ("오버외스터라이히주", "after_country", "AT", ""),
        ("트라운시", "after_region", "AT", "오버외스터라이히주"),
    ]


def test_hyphenated_stem_and_spaced_suffix():
    m = only("독일 프랑켄-오버발트구와 교류를 넓힌다.")
    assert (m.name, m.stem, m.country) == ("프랑켄오버발트구", "프랑켄오버발트", "DE")
    m = only("몽골 바트누르 아이막과 교류한다.")
    assert (m.name, m.suffix, m.country) == ("바트누르아이막", "아이막", "MN")


@pytest.mark.parametrize(
    "text",
    [
        "함양군은 자매도시인 케로타니군에서 축제를 연다.",
        "함양군은 케로타니군과 우호교류 협약을 맺었다.",
        "군수 일행이 케로타니군을 공식 방문했다.",
        "케로타니군 대표단 5명이 함양에 왔다.",
        "일행은 케로타니군청에서 환영을 받았다.",
        "서 군수는 케로타니군수와 만났다.",
    ],
)
def test_frame_cues(text):
    m = only(text)
    assert (m.name, m.cue) == ("케로타니군", "frame")


def test_frame_takes_the_nearest_preceding_country():
    m = only("교류단은 인도네시아에 도착했다. 이튿날 자매도시인 케로타니군을 찾았다.")
    assert m.country == "ID"


def test_frame_country_is_where_the_name_links_among_the_last_countries():
    text = "교류단은 인도네시아와 베트남을 차례로 돌았다. 함양군은 자매도시인 보고르군에서 축제를 열었다."
    assert [(m.name, m.country) for m in recognise(text)] == [("보고르군", "ID")]


def test_caller_country_hints_serve_a_sentence_without_country():
    sentence = "함양군은 자매도시인 보고르군에서 축제를 열었다."
    assert recognise(sentence)[0].country == ""
    m = recognise(sentence, countries=["VN", "ID"])[0]
    assert m.country == "ID"  # the hint where the name links
    assert link(m).name_en == "Kabupaten Bogor"


def test_no_cue_no_mention():
    assert names("케로타니군은 인구가 많다.") == []


def test_repeats_of_an_accepted_name_and_stem():
    # Carinthia (케른텐주) is a state no gazetteer lists; 케른텐시 is a made-up town of its stem
    text = "오스트리아 케른텐주와 자매결연을 맺었다. 케른텐주는 넓다. 케른텐시는 그 주의 소도시다."
    found = recognise(text)
    assert [(m.name, m.cue) for m in found] == [
        ("케른텐주", "after_country"),
        ("케른텐주", "repeat"),
        ("케른텐시", "repeat"),
    ]
    assert {m.country for m in found} == {"AT"}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("호주 블랙타운시와 교류", "블랙타운시"),
        ("호주 블랙타운시에서는 축제가", "블랙타운시"),
        ("호주 블랙타운시의 시장", "블랙타운시"),
        ("호주 블랙타운시로 향했다", "블랙타운시"),
        ("호주 블랙타운시와의 교류", "블랙타운시"),
        ("호주 블랙타운시도 참여", "블랙타운시"),
    ],
)
def test_particles_are_not_part_of_the_name(text, surface):
    m = only(text)
    assert text[m.start : m.end] == surface


def test_known_spans_are_left_out():
    text = "호주 블랙타운시와 교류"
    assert names(text, known=[(3, 8)]) == []
    assert names(text, known=[(0, 2)]) == ["블랙타운시"]


def test_names_the_gazetteer_knows_are_left_to_it():
    assert foreign_gazetteer().is_exact("훈춘시")
    assert names("중국 훈춘시와 자매결연을 맺었다.") == []


# ---------------------------------------------------------------------------------------------
# Rejections
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "자매도시인 안산시와 교류를 이어간다.",  # Korean city
        "대표단은 수성구를 방문했다.",  # Korean district
        "북한 신의주시 대표단",  # the peninsula is no partner country
        "자매도시인 려수시와 교류를 이어간다.",  # 여수시 in the spelling of outlets in China
    ],
)
def test_korean_governments_are_rejected(text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "일본 히로시 씨가 방문했다.",
        "미국 토미시 대사를 만났다.",
        "미국 방문단은 제임스 타이시 시장을 만났다.",  # OOO 시장: a person, not OOO시
    ],
)
def test_persons_are_rejected(text):
    assert names(text) == []


def test_a_mayor_after_the_city_keeps_the_city():
    assert names("호주 블랙타운시 시장 일행이 방문했다.") == ["블랙타운시"]


@pytest.mark.parametrize(
    "text",
    [
        "호주 블랙타운시 병원에서 검진을 받았다.",
        "미국 부에나파크시 대학교 학생들",
        "일본 돗토리현 구라요시 국립박물관",
    ],
)
def test_institutions_are_rejected(text):
    assert "블랙타운시" not in names(text) and "부에나파크시" not in names(text)
    assert "구라요시" not in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "중국 대도시와 자매결연을 추진한다.",
        "일본 자매도시를 방문했다.",
        "독일 흑맥주를 맛봤다.",
        "중국 가능성이 크다.",
        "중국 교육부와 일본 외무성 관계자가 만났다.",
        "일행은 하노이 전통시장을 방문했다.",
        "중국 부성급시로 지정됐다.",
        "이탈리아 나폴리 역사지구를 둘러봤다.",
        "우리 시는 해외도시와 자매결연을 맺었다.",
    ],
)
def test_common_nouns_are_rejected(text):
    assert names(text) == []


def test_a_loanword_suffix_makes_a_vocabulary_stem_a_place():
    # 레몬 and 오렌지 are words Kiwi knows, but no Korean word ends in 카운티
    assert names("미국 플로리다주 레몬카운티와 자매결연을 맺었다.") == ["레몬카운티"]
    assert names("미국 캘리포니아주 오렌지 카운티를 방문했다.") == ["오렌지카운티"]
    # a Korean suffix after a vocabulary stem stays vocabulary, and a word of place is no stem
    assert names("미국 플로리다주 레몬시와 자매결연을 맺었다.") == []
    assert names("미국 캘리포니아주 인근 카운티를 방문했다.") == []


def test_a_province_word_after_a_city_is_a_persons_name():
    # a place phrase runs from the larger unit to the smaller: 페르난도 after a city is the mayor
    text = "필리핀 바탕가스주 리파시 페르난도 산토스 시장이 방문했다."
    assert "페르난도" not in names(text)
    # a city after its province still takes the province as its cue
    assert names("필리핀 바탕가스주 가나리파시를 방문했다.") == ["가나리파시"]


def test_a_name_the_gazetteer_lists_only_abroad_is_recognised_in_the_articles_country():
    # the gazetteer knows 산후안시 in Argentina and Puerto Rico; after 필리핀 it is a Philippine city
    (m,) = recognise("필리핀 산후안시 대표단이 홍천군을 방문했다.")
    assert (m.name, m.country) == ("산후안시", "PH")
    # where the gazetteer lists the name in the country named, it stays the gazetteer's business
    assert recognise("아르헨티나 산후안시 대표단이 방문했다.") == []


def test_a_short_suffix_apart_from_its_stem_before_a_word_of_government():
    assert names("일본 쓰루가오 시의회 대표단이 방문했다.") == ["쓰루가오시"]
    assert names("일본 쓰루가오 시의원 방문단이 왔다.") == ["쓰루가오시"]
    # 시장 may be a market, 성장 growth: only words of government that are nothing else
    assert names("베트남 벤탄 시장을 둘러봤다.") == []
    # without a country or a region before it, a name apart is a person ("홍길동 군의회 의장")
    assert names("홍길동 군의회 의장이 자매결연 협약식에 참석했다.") == []


def test_an_articles_name_is_found_again_with_its_suffix_apart():
    from diplomacy.gazetteer.open_names import article_names, find_named

    # a two-syllable stem is too short to stand alone: only the suffix apart makes it a mention
    text = "일본 조요시와 교류한다. 일본 조요 시의원 방문단이 왔다."
    found = find_named("조요 시의원 방문단이 왔다.", article_names(text))
    assert [(s, e, g.name) for s, e, g in found] == [(0, 4, "조요시")]
    assert find_named("조요 지역을 둘러봤다.", article_names(text)) == []


def test_a_suffix_that_ends_a_common_word_makes_no_place():
    # 궤도 (orbit) holds the 도 of a province: "정상궤도를 찾아" is back on track, not a visit
    assert names("중국과의 교류협력이 다시 정상궤도를 찾아가고 있다.") == []


# ---------------------------------------------------------------------------------------------
# Linking
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name_en", "country", "geonames_id"),
    [
        ("미국 캘리포니아주 부에나파크시와 우호협력 협약", "Buena Park", "US", 5331575),
        ("호주 블랙타운시 대표단", "Blacktown", "AU", 2175411),
        ("오스트리아 케른텐주와 자매결연", "Kärnten", "AT", 2774686),
        ("인도네시아 보고르군과 자매결연 의향서", "Kabupaten Bogor", "ID", 1648471),
        ("베트남 꽝남성의 남짜미현을 찾았다", "Huyện Trà My", "VN", 1905530),
    ],
)
def test_link_real_places(text, name_en, country, geonames_id):
    gov = link(only(text))
    assert (gov.name_en, gov.country, gov.geonames_id) == (name_en, country, geonames_id)


def test_linked_city_has_coordinates_and_region():
    gov = link(only("미국 캘리포니아주 부에나파크시와 우호협력 협약"))
    assert gov.region == "캘리포니아주" and gov.level == "city"
    assert gov.lat == pytest.approx(33.87, abs=0.05) and gov.lon == pytest.approx(-118.0, abs=0.05)


def test_linked_province_is_its_own_region():
    gov = link(only("오스트리아 케른텐주와 자매결연"))
    assert (gov.name, gov.region, gov.level) == ("케른텐주", "케른텐주", "province")


def test_region_from_the_gazetteer_name_of_the_admin1():
    gov = link(only("자매도시인 미국 부에나파크시와 교류"))
    assert gov.region == "캘리포니아주"  # Buena Park's admin1 California, named by the curated rows


def test_made_up_name_stays_unlinked():
    m = only("미국 캘리포니아주 쿠루무나파시와 우호협력 협약을 맺었다.")
    gov = link(m)
    assert (gov.name, gov.country, gov.region, gov.level) == ("쿠루무나파시", "US", "캘리포니아주", "city")
    assert (gov.geonames_id, gov.lat, gov.lon, gov.name_en) == (None, None, None, "")


def test_variant_spelling_of_a_known_japanese_town_takes_its_name():
    gov = link(only("일본 돗토리현 치즈정 대표단이 양구군을 찾았다."))
    assert (gov.name, gov.region, gov.name_native) == ("지즈정", "돗토리현", "智頭町")


def test_variant_spelling_of_a_curated_province_takes_its_standard_name():
    gov = link(only("캐나다 온타리요주 대표단이 도청을 찾았다."))
    assert (gov.name, gov.country, gov.geonames_id) == ("온타리오주", "CA", 6093943)
    assert foreign_gazetteer().is_standard(gov)


def test_variant_spelling_of_a_geonames_alternate_keeps_the_article_spelling():
    gov = link(only("호주 멜버른시 대표단이 시청을 찾았다."))  # the gazetteer's 멜번시 is no standard name
    assert gov.name == "멜버른시"


def test_a_name_after_a_city_takes_the_region_of_that_city():
    # 베를린시 has no region in the gazetteer; GeoNames puts Berlin in the state of Berlin (베를린주)
    gov = link(only("독일 베를린시 모르반구와 자매결연을 맺었다."))
    assert (gov.name, gov.country, gov.region) == ("모르반구", "DE", "베를린주")


def test_open_foreign_gives_the_region_found_in_the_text():
    text = "오스트리아 오버외스터라이히주의 트라운시에서 행사가 열렸다."
    out = open_foreign(text)
    assert [(text[s:e], g.name) for s, e, g in out] == [
        ("오버외스터라이히주", "오버외스터라이히주"),
        ("트라운시", "트라운시"),
    ]
    assert (out[1][2].region, out[1][2].name_en) == ("오버외스터라이히주", "Traun")


# ---------------------------------------------------------------------------------------------
# Keys and data
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hangul", "latin", "country"),
    [
        ("부에나파크", "Buena Park", "US"),
        ("보고르", "Kabupaten Bogor", "ID"),
        ("남짜미", "Nam Tra My District", "VN"),
        ("셀렝게", "Selenge", "MN"),
        ("브리즈번", "Brisbane", "AU"),
    ],
)
def test_keys_of_the_same_place_are_close(hangul, latin, country):
    key = hangul_key(hangul)
    best = max(similarity(key, latin_key(latin, country, english=e)) for e in (False, True))
    assert best >= threshold(key)


def test_keys_of_different_places_are_far():
    key = hangul_key("부에나파크")
    assert similarity(key, latin_key("Kennebec County", "US")) < threshold(key)
    assert threshold(hangul_key("어바인")) > threshold(hangul_key("크즐오르다"))  # short keys ask more


def test_country_words():
    assert [
        country_of(w) for w in ("베트남", "튀르키예", "터키", "인니", "美", "獨", "호주", "없는나라")
    ] == [
        "VN",
        "TR",
        "TR",
        "ID",
        "US",
        "DE",
        "AU",
        "",
    ]
    rows = list(
        csv.DictReader((resources.files("diplomacy") / "data" / "countries.csv").open(encoding="utf-8"))
    )
    codes = {r["code"] for r in rows}
    assert len(codes) >= 60
    wanted = (
        "CN JP VN US MN RU KZ UZ KG DE FR IT ES GB AU CA ID MY PH TH KH LA MM IN TR BR MX NZ PL HU CZ AT NL"
    )
    assert set(wanted.split()) <= codes


def test_latin_gazetteer_is_data_not_a_generator_dependency():
    path = resources.files("diplomacy") / "data" / "foreign_latin.csv"
    with path.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:4] == ["geonames_id", "country", "level", "name"]
    assert path.stat().st_size < 5_000_000  # type: ignore[attr-defined]


def test_a_vice_title_is_not_a_place_and_its_head():
    # 상무부시장 (常务副市长) would split as 상무부 + 시 + 장 ("the mayor of 상무부시")
    assert names("중국 상무부시장이 방문했다.") == []
    assert names("산시성 상무부시장과 회견했다.") == []
    assert names("미국 모르반시장이 방문했다.") == ["모르반시"]  # a head after its place still is one


def test_a_stem_the_article_uses_as_a_persons_name_names_no_government():
    from diplomacy.gazetteer.open_names import article_names

    article = "미국 메릴랜드주 모르반카운티를 찾았다. 테리 가스턴 카운티의회 위원장이 맞았다. 가스턴 위원장은 환영했다."
    assert list(article_names(article)) == ["모르반"]  # 가스턴 is Terry Gaston, not a county
    assert "가스턴" in article_names(
        "미국 메릴랜드주 모르반카운티를 찾았다. 가스턴 카운티의회 의장이 맞았다."
    )


def test_a_japanese_name_in_the_press_spelling_takes_the_standard_one():
    from diplomacy.gazetteer.open_names import standard_spelling

    assert standard_spelling("카츠시카구", "JP") == "가쓰시카구"
    assert standard_spelling("토야마현", "JP") == "도야마현"
    assert standard_spelling("나가사키시", "JP") == "나가사키시"
    assert standard_spelling("카자흐", "KZ") == "카자흐"  # other countries as written
    (m,) = recognise("일본 도쿄 카츠시카구와 문화예술 교류 협약을 맺었다.")
    assert link(m).name == "가쓰시카구"
