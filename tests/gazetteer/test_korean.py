import csv
import itertools
from collections import Counter
from datetime import date, timedelta
from importlib import resources

import pytest

from diplomacy.gazetteer.korean import LEVELS, KoreanGazetteer, KoreanGov, korean_gazetteer

BEFORE_GANGWON = date(2023, 1, 1)
Y2025 = date(2025, 1, 1)
AFTER_2026 = date(2026, 11, 1)  # 인천 재편, 광주·전남 통합 이후

HEADER = ["code", "name", "province", "level", "aliases", "valid_from", "valid_to", "note"]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    source = resources.files("diplomacy").joinpath("data/korean_governments.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADER
        return list(reader)


@pytest.fixture(scope="module")
def gaz() -> KoreanGazetteer:
    return korean_gazetteer()


# --- the data ------------------------------------------------------------------------------------


def test_codes_unique_and_well_formed(rows):
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    province_code = {r["name"]: r["code"] for r in rows if r["level"] == "province"}
    for r in rows:
        assert r["level"] in LEVELS, r
        if r["level"] == "province":
            assert len(r["code"]) == 2 and r["code"].isdigit(), r
            assert r["province"] == r["name"], r
        else:
            assert len(r["code"]) == 5 and r["code"].isdigit(), r
            assert r["province"] in province_code, r
            assert r["code"][:2] == province_code[r["province"]], r


def test_aliases_are_never_one_syllable_or_repeated(rows):
    for r in rows:
        aliases = [a for a in r["aliases"].split("|") if a]
        assert all(len(a) >= 2 for a in aliases), r
        assert len(aliases) == len(set(aliases)), r
        assert r["name"] not in aliases, r


def test_name_changes_chain_without_gaps(rows):
    by_code = {r["code"]: r for r in rows}
    linked = 0
    for r in rows:
        if r["valid_from"] and r["valid_to"]:
            assert r["valid_from"] <= r["valid_to"], r
        if r["note"].startswith("successor="):
            assert r["valid_to"], r
            end = date.fromisoformat(r["valid_to"])
            for code in r["note"].split(";")[0].removeprefix("successor=").split("|"):
                nxt = by_code[code]
                assert date.fromisoformat(nxt["valid_from"]) == end + timedelta(days=1), (r, nxt)
                linked += 1
    assert linked >= 10  # 강원, 전북, 광주·전남, 군위, 인천 남구/중구/동구/서구


def test_seventeen_provinces_in_2025(gaz):
    provinces = [g.name for g in gaz.governments(Y2025) if g.level == "province"]
    assert len(provinces) == 17
    assert "강원특별자치도" in provinces and "강원도" not in provinces
    assert "전북특별자치도" in provinces and "전라북도" not in provinces


EXPECTED_2025 = {  # province: (city, county, district)
    "서울특별시": (0, 0, 25),
    "부산광역시": (0, 1, 15),
    "대구광역시": (0, 2, 7),
    "인천광역시": (0, 2, 8),
    "광주광역시": (0, 0, 5),
    "대전광역시": (0, 0, 5),
    "울산광역시": (0, 1, 4),
    "세종특별자치시": (0, 0, 0),
    "경기도": (28, 3, 0),
    "강원특별자치도": (7, 11, 0),
    "충청북도": (3, 8, 0),
    "충청남도": (8, 7, 0),
    "전북특별자치도": (6, 8, 0),
    "전라남도": (5, 17, 0),
    "경상북도": (10, 12, 0),
    "경상남도": (8, 10, 0),
    "제주특별자치도": (2, 0, 0),
}


def _counts(gaz: KoreanGazetteer, on: date) -> dict[str, tuple[int, int, int]]:
    c = Counter((g.province, g.level) for g in gaz.governments(on) if g.level != "province")
    provinces = {g.name for g in gaz.governments(on) if g.level == "province"}
    return {p: (c[p, "city"], c[p, "county"], c[p, "district"]) for p in provinces}


def test_counts_per_province_in_2025(gaz):
    assert _counts(gaz, Y2025) == EXPECTED_2025
    # 226 autonomous 시군구 plus 제주시 and 서귀포시
    assert sum(sum(v) for v in EXPECTED_2025.values()) == 228


def test_counts_before_gangwon_and_gunwi_changes(gaz):
    counts = _counts(gaz, BEFORE_GANGWON)
    assert counts["강원도"] == (7, 11, 0)
    assert counts["전라북도"] == (6, 8, 0)
    assert counts["경상북도"] == (10, 13, 0)  # 군위군 still there
    assert counts["대구광역시"] == (0, 1, 7)


def test_counts_after_2026_reorganisation(gaz):
    counts = _counts(gaz, AFTER_2026)
    assert len(counts) == 16
    assert counts["인천광역시"] == (0, 2, 9)
    assert counts["전남광주통합특별시"] == (5, 17, 5)
    assert "광주광역시" not in counts and "전라남도" not in counts


@pytest.mark.parametrize("on", [date(2015, 1, 1), BEFORE_GANGWON, date(2023, 7, 1), Y2025, AFTER_2026])
def test_every_government_lies_in_a_province_of_its_time(gaz, on):
    govs = gaz.governments(on)
    provinces = {g.name for g in govs if g.level == "province"}
    assert {g.province for g in govs} <= provinces


@pytest.mark.parametrize(
    ("surface", "names"),
    [
        ("고성", {"고성군"}),
        ("고성군", {"고성군"}),
        ("강서", {"강서구"}),
        ("광주", {"광주광역시", "광주시"}),
        ("광주시", {"광주광역시", "광주시"}),
        ("제주", {"제주특별자치도", "제주시"}),
    ],
)
def test_ambiguous_forms_list_every_candidate(gaz, surface, names):
    found = gaz.candidates(surface, Y2025)
    assert len(found) == 2
    assert {g.name for g in found} == names


def test_common_nouns_are_not_aliases(gaz):
    for word in ("예산", "강화", "연수", "사상", "서해", "동해", "중", "동", "서"):
        assert gaz.candidates(word, Y2025) == (), word


# --- resolution ----------------------------------------------------------------------------------


def test_resolve_stem_and_suffixed_forms(gaz):
    ansan = gaz.resolve("안산", on=Y2025)
    assert ansan == KoreanGov("41270", "안산시", "경기도", "city")
    assert gaz.resolve("서울시", on=Y2025).name == "서울특별시"
    assert gaz.resolve("용인특례시", on=Y2025).name == "용인시"
    assert gaz.resolve("경기", on=Y2025) == KoreanGov("41", "경기도", "경기도", "province")
    assert gaz.resolve("영도구", on=Y2025).province == "부산광역시"
    assert gaz.resolve("서귀포시", on=Y2025).code == "50130"
    assert gaz.resolve("없는시", on=Y2025) is None


def test_resolve_ambiguous_needs_a_hint(gaz):
    assert gaz.resolve("고성군", on=Y2025) is None
    goseong = gaz.resolve("고성군", province_hint="경남", on=Y2025)
    assert goseong == KoreanGov("48820", "고성군", "경상남도", "county")
    assert gaz.resolve("고성", province_hint="강원", on=Y2025).code == "51820"
    assert gaz.resolve("중구", on=Y2025) is None
    assert gaz.resolve("중구", province_hint="부산", on=Y2025) == KoreanGov(
        "26110", "중구", "부산광역시", "district"
    )
    assert gaz.resolve("부산광역시 중구", on=Y2025).code == "26110"
    assert gaz.resolve("광주시", province_hint="경기", on=Y2025).code == "41610"
    # a hint that contradicts the surface leaves nothing
    assert gaz.resolve("안산", province_hint="부산", on=Y2025) is None


def test_former_names_map_to_successors(gaz):
    assert gaz.resolve("강원도", on=Y2025) == KoreanGov("51", "강원특별자치도", "강원특별자치도", "province")
    assert gaz.resolve("강원도", on=BEFORE_GANGWON).code == "42"
    assert gaz.resolve("전라북도", on=Y2025).name == "전북특별자치도"
    assert gaz.resolve("횡성군", on=Y2025).province == "강원특별자치도"
    assert gaz.resolve("횡성군", on=BEFORE_GANGWON).province == "강원도"
    assert gaz.resolve("군위군", on=BEFORE_GANGWON).province == "경상북도"
    assert gaz.resolve("군위군", on=Y2025) == KoreanGov("27720", "군위군", "대구광역시", "county")
    assert gaz.resolve("남구", province_hint="인천", on=Y2025).name == "미추홀구"


def test_2026_reorganisations(gaz):
    assert gaz.resolve("중구", province_hint="인천", on=Y2025).code == "28110"
    # 인천 중구 was split: after 2026-07-01 the old name no longer picks one 구
    assert {g.name for g in gaz.candidates("중구", AFTER_2026) if g.province == "인천광역시"} == {
        "제물포구",
        "영종구",
    }
    assert gaz.resolve("중구", province_hint="인천", on=AFTER_2026) is None
    assert gaz.resolve("검단구", on=AFTER_2026).province == "인천광역시"
    assert gaz.resolve("해남군", on=Y2025).province == "전라남도"
    assert gaz.resolve("해남군", on=AFTER_2026).province == "전남광주통합특별시"
    assert gaz.resolve("전남", on=AFTER_2026).name == "전남광주통합특별시"


def test_province_name(gaz):
    assert gaz.province_name("경남", Y2025) == "경상남도"
    assert gaz.province_name("강원", date(2024, 3, 1)) == "강원특별자치도"
    assert gaz.province_name("강원", BEFORE_GANGWON) == "강원도"
    assert gaz.province_name("제주도", Y2025) == "제주특별자치도"
    assert gaz.province_name("안산", Y2025) == "경기도"
    assert gaz.province_name("광주", Y2025) == "광주광역시"
    assert gaz.province_name("고성", Y2025) is None


# --- find ----------------------------------------------------------------------------------------


def _found(gaz, text, on=Y2025):
    return [(m.surface, tuple(g.name for g in m.candidates), m.exact) for m in gaz.find(text, on)]


def test_find_with_particles_and_suffixes(gaz):
    text = "안산과 해남에서는 지난달 안산시장이 참석한 가운데 교류 행사가 열렸다."
    mentions = gaz.find(text, Y2025)
    assert [(m.surface, m.exact) for m in mentions] == [("안산", False), ("해남", False), ("안산시", True)]
    assert [text[m.start : m.end] for m in mentions] == ["안산", "해남", "안산시"]
    assert mentions[0].candidates[0].code == "41270"


def test_find_rejects_glued_words(gaz):
    text = "화안산 일대와 서울대, 부산항, 고양이 보호소에서 예산을 강화하고 사상 최대 연수를 열었다."
    assert _found(gaz, text) == []


def test_find_uses_a_preceding_province(gaz):
    text = "부산광역시 영도구와 경남 고성군, 부산 중구가 함께 참여했다."
    assert _found(gaz, text) == [
        ("부산광역시", ("부산광역시",), True),
        ("영도구", ("영도구",), True),
        ("경남", ("경상남도",), False),
        ("고성군", ("고성군",), True),
        ("부산", ("부산광역시",), False),
        ("중구", ("중구",), True),
    ]
    mentions = gaz.find(text, Y2025)
    assert mentions[3].candidates[0].province == "경상남도"
    assert mentions[5].candidates[0].code == "26110"


def test_find_leaves_ambiguity_when_nothing_decides(gaz):
    mentions = gaz.find("고성군 대표단은 중구청을 찾았다.", Y2025)
    assert [len(m.candidates) for m in mentions] == [2, 6]
    # a province narrows a following name only when it is adjacent
    mentions = gaz.find("경남의 고성군", Y2025)
    assert len(mentions[1].candidates) == 2
    # 광주 before a 광주 자치구 is 광주광역시, not 경기도 광주시
    mentions = gaz.find("광주 광산구", Y2025)
    assert [g.name for g in mentions[0].candidates] == ["광주광역시"]


def test_find_prefers_the_longest_form(gaz):
    assert _found(gaz, "용인특례시와 부산진구, 경기도청") == [
        ("용인특례시", ("용인시",), True),
        ("부산진구", ("부산진구",), True),
        ("경기도", ("경기도",), True),
    ]


def test_find_is_left_to_right_and_non_overlapping(gaz):
    text = "서울·부산·대구시·인천광역시 강화군 그리고 제주도민과 세종시 " * 3
    mentions = gaz.find(text, Y2025)
    assert [m.surface for m in mentions] == [
        "서울",
        "부산",
        "대구시",
        "인천광역시",
        "강화군",
        "제주도",
        "세종시",
    ] * 3
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


class _CountingDict(dict):
    """A dict that counts its lookups: the unit of work of the gazetteer's scan."""

    lookups = 0

    def get(self, key, default=None):
        type(self).lookups += 1
        return super().get(key, default)


def test_find_is_linear_in_the_text(gaz, monkeypatch):
    # work is counted, not timed: a timing bound fails on a busy machine and proves nothing
    monkeypatch.setattr(gaz, "_heads", _CountingDict(gaz._heads))
    sentence = "지난 3일 경남 고성군 대표단이 안산시를 찾아 우호 교류 협약을 맺었다고 밝혔다. "
    short = (sentence * 50)[:2000]

    def work(text):
        _CountingDict.lookups = 0
        found = gaz.find(text, Y2025)
        return _CountingDict.lookups, len(found)

    (small, n_small), (large, n_large) = work(short), work(short * 20)
    assert n_large == 20 * n_small > 0  # the same mentions, twenty times
    assert small > 0 and large <= 20 * small


# --- loading -------------------------------------------------------------------------------------


def _row(code, name, level="province", province="", aliases="", note=""):
    return {
        "code": code,
        "name": name,
        "province": province or name,
        "level": level,
        "aliases": aliases,
        "valid_from": "",
        "valid_to": "",
        "note": note,
    }


def test_bad_data_fails_at_load():
    with pytest.raises(ValueError, match="duplicate"):
        KoreanGazetteer([_row("11", "서울특별시"), _row("11", "부산광역시")])
    with pytest.raises(ValueError, match="one-syllable"):
        KoreanGazetteer([_row("11", "서울특별시"), _row("11140", "중구", "district", "서울특별시", "중")])
    with pytest.raises(ValueError, match="province"):
        KoreanGazetteer([_row("11140", "중구", "district", "서울특별시")])
    with pytest.raises(ValueError, match="successor"):
        KoreanGazetteer([_row("42", "강원도", note="successor=51")])


def test_gazetteer_is_a_singleton():
    assert korean_gazetteer() is korean_gazetteer()


def test_a_provinces_short_name_glued_to_its_governors_title(gaz):
    on = date(2024, 1, 1)
    (m,) = gaz.find("안희정 충남지사가 중국을 방문했다.", on=on)
    assert (m.surface, [g.name for g in m.candidates]) == ("충남", ["충청남도"])
    # a metropolitan city has a mayor: "부산지사" is a company's branch office
    assert gaz.find("부산지사는 올해 문을 열었다.", on=on) == []
    # any other glued word still makes the stem part of another word
    assert gaz.find("충남지역 기업이 참가했다.", on=on) == []
