"""Foreign-government gazetteer: generated data, lookup API and the pinyin → Hangul table."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from diplomacy.gazetteer.foreign import (
    ForeignGazetteer,
    ForeignGov,
    foreign_gazetteer,
    pinyin_syllable_to_hangul,
    pinyin_to_hangul,
    reading_variants,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "include" / "diplomacy" / "data"
GENERATOR = ROOT / "tools" / "build_foreign_gazetteer.py"


@pytest.fixture(scope="module")
def gaz() -> ForeignGazetteer:
    return foreign_gazetteer()


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("build_foreign_gazetteer", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


# --- pinyin → Hangul (중국어 표기법) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("pinyin", "hangul"),
    [
        # zh ch sh r z c s + i → ㅡ
        ("zhi", "즈"),
        ("chi", "츠"),
        ("shi", "스"),
        ("ri", "르"),
        ("zi", "쯔"),
        ("ci", "츠"),
        ("si", "쓰"),
        # j q x + i / ü; ㅈ ㅊ drop the glide (자 저 조 주), ㅅ keeps it
        ("ji", "지"),
        ("qi", "치"),
        ("xi", "시"),
        ("jia", "자"),
        ("jie", "제"),
        ("jiu", "주"),
        ("jiang", "장"),
        ("qing", "칭"),
        ("xia", "샤"),
        ("xiu", "슈"),
        ("ju", "쥐"),
        ("qu", "취"),
        ("xu", "쉬"),
        ("jue", "줴"),
        ("xuan", "쉬안"),
        ("jun", "쥔"),
        ("lv", "뤼"),
        ("lü", "뤼"),
        ("nve", "눼"),
        ("lue", "뤠"),
        # er, -ian, -iong, -ui, -un, -uo
        ("er", "얼"),
        ("bian", "볜"),
        ("lian", "롄"),
        ("tian", "톈"),
        ("jian", "젠"),
        ("xian", "셴"),
        ("yan", "옌"),
        ("xiong", "슝"),
        ("qiong", "충"),
        ("yong", "융"),
        ("gui", "구이"),
        ("hui", "후이"),
        ("dui", "두이"),
        ("hun", "훈"),
        ("kun", "쿤"),
        ("chun", "춘"),
        ("luo", "뤄"),
        ("zuo", "쭤"),
        # others from the table
        ("zhou", "저우"),
        ("shang", "상"),
        ("hai", "하이"),
        ("dao", "다오"),
        ("ming", "밍"),
        ("long", "룽"),
        ("zhuang", "좡"),
        ("yuan", "위안"),
        ("wei", "웨이"),
        ("weng", "웡"),
    ],
)
def test_pinyin_syllables(pinyin: str, hangul: str) -> None:
    assert pinyin_syllable_to_hangul(pinyin) == hangul


@pytest.mark.parametrize(
    ("pinyin", "hangul"),
    [
        ("ha er bin", "하얼빈"),
        ("ha'er'bin", "하얼빈"),
        ("hei long jiang", "헤이룽장"),
        ("shi jia zhuang", "스자좡"),
        ("zhang jia jie", "장자제"),
        ("si chuan", "쓰촨"),
        ("jiang su", "장쑤"),
        ("xi zang", "시짱"),
    ],
)
def test_pinyin_words(pinyin: str, hangul: str) -> None:
    assert pinyin_to_hangul(pinyin) == hangul


@pytest.mark.parametrize("bad", ["xyz", "bv", "zho", "q"])
def test_pinyin_rejects_non_syllables(bad: str) -> None:
    with pytest.raises(ValueError):
        pinyin_syllable_to_hangul(bad)


def test_place_name_polyphones(generator) -> None:
    pypinyin = pytest.importorskip("pypinyin")
    pypinyin.load_phrases_dict({k: [[s] for s in v.split()] for k, v in generator.PLACE_PHRASES.items()})
    for hanzi, expected in {
        "珲春": "훈춘",
        "长春": "창춘",
        "长治": "창즈",
        "朝阳": "차오양",
        "重庆": "충칭",
        "六安": "루안",
    }.items():
        assert pinyin_to_hangul(pypinyin.lazy_pinyin(hanzi)) == expected


@pytest.mark.parametrize(
    ("romaji", "hangul"),
    [
        ("Yazu", "야즈"),
        ("Chizu", "지즈"),
        ("Sapporo", "삿포로"),
        ("Kitakyushu", "기타큐슈"),
        ("Tsukuba", "쓰쿠바"),
        ("Gunma", "군마"),
    ],
)
def test_hepburn_to_hangul(generator, romaji: str, hangul: str) -> None:
    assert generator.hepburn_to_hangul(romaji) == hangul


# --- names and variants --------------------------------------------------------------------------

STANDARD = {
    "珲春市": "훈춘시",
    "长春市": "창춘시",
    "吉林省": "지린성",
    "昆明市": "쿤밍시",
    "大庆市": "다칭시",
    "上海市": "상하이시",
    "哈尔滨市": "하얼빈시",
    "青岛市": "칭다오시",
    "郑州市": "정저우시",
    "西安市": "시안시",
    "开封市": "카이펑시",
    "义乌市": "이우시",
    "德州市": "더저우시",
    "运城市": "윈청시",
    "张家界市": "장자제시",
    "广州市": "광저우시",
    "南京市": "난징시",
    "黑龙江省": "헤이룽장성",
    "辽宁省": "랴오닝성",
    "山东省": "산둥성",
    "陕西省": "산시성",
    "山西省": "산시성",
    "广东省": "광둥성",
    "河南省": "허난성",
    "河北省": "허베이성",
    "四川省": "쓰촨성",
    "贵州省": "구이저우성",
    "浙江省": "저장성",
    "江苏省": "장쑤성",
    "湖南省": "후난성",
    "北京市": "베이징시",
    "延边朝鲜族自治州": "옌볜조선족자치주",
}


@pytest.mark.parametrize(("native", "name"), sorted(STANDARD.items()))
def test_standard_names(gaz: ForeignGazetteer, native: str, name: str) -> None:
    natives = {g.name_native for g in gaz.candidates(name) if g.country == "CN"}
    assert native in natives


VARIANTS = {
    "길림성": "지린성",
    "장춘시": "창춘시",
    "곤명시": "쿤밍시",
    "대경시": "다칭시",
    "상해시": "상하이시",
    "합이빈시": "하얼빈시",
    "할빈": "하얼빈시",
    "흑룡강성": "헤이룽장성",
    "연변": "옌볜조선족자치주",
    "혼춘시": "훈춘시",
    "훈춘": "훈춘시",
    "창춘": "창춘시",
    "장춘": "창춘시",
    "길림": None,  # 吉林省 and 吉林市 share the stem
    "개봉시": "카이펑시",
    "연길": "옌지시",
    "목단강시": "무단장시",
    "동관시": "둥관시",  # 東莞: 莞 read 관 as well as 완 (hanja_readings.csv)
}


@pytest.mark.parametrize(("variant", "standard"), sorted(VARIANTS.items()))
def test_variants_resolve_to_standard(gaz: ForeignGazetteer, variant: str, standard: str | None) -> None:
    gov = gaz.resolve(variant, country="CN")
    assert (gov.name if gov else None) == standard
    if standard is None:
        assert {g.name for g in gaz.candidates(variant)} >= {"지린성", "지린시"}


def test_canadian_provinces_take_the_standard_orthography(gaz: ForeignGazetteer) -> None:
    for variant in ("알버타주", "알버타", "앨버타"):
        gov = gaz.resolve(variant, country="CA")
        assert gov is not None and gov.name == "앨버타주" and gov.level == "province"


@pytest.mark.parametrize(
    ("variant", "standard", "country"),
    [
        ("알버타주", "앨버타주", "CA"),
        ("브리티쉬컬럼비아주", "브리티시컬럼비아주", "CA"),
        ("퀸스랜드", "퀸즐랜드주", "AU"),
    ],
)
def test_press_spellings_of_provinces_resolve_to_standard(
    gaz: ForeignGazetteer, variant: str, standard: str, country: str
) -> None:
    gov = gaz.resolve(variant)
    assert (gov.name, gov.country, gov.level) == (standard, country, "province")
    assert gaz.is_standard(gov)


def test_two_provinces_named_sanxi(gaz: ForeignGazetteer) -> None:
    provinces = [g for g in gaz.candidates("산시성") if g.level == "province"]
    assert sorted(g.name_native for g in provinces) == ["山西省", "陕西省"]
    assert {g.geonames_id for g in provinces} == {1795912, 1796480}
    assert gaz.resolve("산시성") is None  # told apart only by native name / GeoNames id
    assert gaz.resolve("섬서성").name_native == "陕西省"
    assert gaz.resolve("산서성").name_native == "山西省"


# --- regions, countries, ids -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("훈춘시", "지린성"),
        ("이우시", "저장성"),
        ("창춘시", "지린성"),
        ("윈청시", "산시성"),
        ("장자제시", "후난성"),
        ("베이징시", "베이징시"),
        ("상하이시", "상하이시"),
        ("야즈정", "돗토리현"),
        ("로스앤젤레스시", "캘리포니아주"),
        ("캘거리시", "앨버타주"),
        ("토론토시", "온타리오주"),
    ],
)
def test_regions(gaz: ForeignGazetteer, name: str, region: str) -> None:
    gov = gaz.resolve(name)
    assert gov is not None and gov.region == region
    parent = gaz.region_of(gov)
    assert parent is not None and parent.name == region and parent.level == "province"


def test_first_level_units_are_their_own_region(gaz: ForeignGazetteer) -> None:
    for name in ("베이징시", "지린성", "울란바토르시", "빈즈엉성"):
        gov = gaz.resolve(name)
        assert gaz.region_of(gov) is gov


def test_same_name_told_apart_by_region(gaz: ForeignGazetteer) -> None:
    assert gaz.resolve("황푸구") is None
    assert gaz.resolve("황푸구", region_hint="광둥성").name_native == "黄埔区"
    assert gaz.resolve("황푸구", region_hint="상해시").name_native == "黄浦区"  # a variant as hint


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("훈춘시", "CN"),
        ("야즈정", "JP"),
        ("돗토리현", "JP"),
        ("빈즈엉성", "VN"),
        ("박닌성", "VN"),
        ("울란바토르시", "MN"),
        ("캘리포니아주", "US"),
        ("홍콩", "HK"),
    ],
)
def test_country_codes(gaz: ForeignGazetteer, name: str, country: str) -> None:
    gov = gaz.resolve(name)
    assert gov is not None and gov.country == country


@pytest.mark.parametrize(
    ("name", "geonames_id"),
    [
        ("창춘시", 2038180),
        ("하얼빈시", 2037013),
        ("훈춘시", 2036653),
        ("칭다오시", 1797929),
        ("광저우시", 1809858),
        ("지린성", 2036500),
        ("베이징시", 2038349),
        ("요코하마시", 1848354),
        ("블라디보스토크시", 2013348),
    ],
)
def test_geonames_ids(gaz: ForeignGazetteer, name: str, geonames_id: int) -> None:
    gov = gaz.resolve(name)
    assert gov is not None and gov.geonames_id == geonames_id
    if gov.level != "province":
        assert gov.lat is not None and gov.lon is not None


# --- find() ----------------------------------------------------------------------------------


def spans(gaz: ForeignGazetteer, text: str) -> list[tuple[str, bool, str]]:
    return [(m.surface, m.exact, m.candidates[0].name) for m in gaz.find(text)]


def test_find_suffixed_and_bare(gaz: ForeignGazetteer) -> None:
    text = "시 대표단은 중국 길림성 훈춘시를 찾은 뒤 창춘으로 이동해 장춘, 곤명과의 교류를 논의했다."
    assert spans(gaz, text) == [
        ("길림성", True, "지린성"),
        ("훈춘시", True, "훈춘시"),
        ("창춘", False, "창춘시"),
        ("장춘", False, "창춘시"),
        ("곤명", False, "쿤밍시"),
    ]


def test_find_longest_first(gaz: ForeignGazetteer) -> None:
    found = gaz.find("연변조선족자치주 정부와 옌볜 조선족 동포")
    assert found[0].surface == "연변조선족자치주" and found[0].exact
    assert found[1].surface == "옌볜" and not found[1].exact


def test_find_government_words_after_short_names(gaz: ForeignGazetteer) -> None:
    found = spans(gaz, "훈춘시장과 창춘시청, 지린성정부 관계자")
    assert [s for s, _, _ in found] == ["훈춘시", "창춘시", "지린성"]


def test_find_skips_common_words_and_glued_text(gaz: ForeignGazetteer) -> None:
    # stop-listed / common words that are readings of Chinese places: 대표, 시장, 상해(上海), 한중(汉中)
    text = (
        "대표단과 시장은 이번 한중 교류에서 경제 관계를 논의했고, 상해를 입은 사람은 없었다. 시안이 채택됐다."
    )
    assert gaz.find(text) == []
    for word in ("대표", "시장", "관계", "경제", "이번", "한중", "상해", "시안", "성도"):
        assert not gaz.candidates(word), word
    # glued to preceding Hangul, or a stem running on into a longer word
    assert gaz.find("대훈춘시 창춘역사") == []


def test_find_one_syllable_stems_never_match() -> None:
    rows = [{"name": "빈시", "country": "VN", "level": "city", "aliases": "빈"}]
    gaz = ForeignGazetteer(rows)
    assert [m.surface for m in gaz.find("빈 방문, 빈시 방문")] == ["빈시"]


def test_find_short_exact_needs_a_follower() -> None:
    rows = [{"name": "리현", "name_native": "蠡县", "country": "CN", "region": "허베이성", "level": "county"}]
    gaz = ForeignGazetteer(rows)
    assert gaz.find("리현우 기자") == []
    assert [m.surface for m in gaz.find("리현에서, 리현장")] == ["리현", "리현"]


def test_find_skips_korean_government_names() -> None:
    rows = [
        {
            "name": "안산시",
            "name_native": "鞍山市",
            "country": "CN",
            "region": "랴오닝성",
            "level": "city",
            "aliases": "안산",
        }
    ]
    gaz = ForeignGazetteer(rows, korean_names={"안산시", "안산"})
    assert gaz.find("안산시는 중국 안산시와") == []
    assert gaz.resolve("안산시", country="CN").name_native == "鞍山市"


def test_rows_of_the_same_government_merge() -> None:
    rows = [
        {
            "name": "하얼빈시",
            "name_native": "哈尔滨市",
            "country": "CN",
            "region": "헤이룽장성",
            "level": "city",
            "geonames_id": "2037013",
        },
        {
            "name": "하얼빈시",
            "country": "CN",
            "region": "헤이룽장성",
            "level": "city",
            "aliases": "할빈|할빈시",
        },
    ]
    gaz = ForeignGazetteer(rows)
    assert len(gaz.governments) == 1
    assert gaz.resolve("할빈").geonames_id == 2037013
    assert isinstance(gaz.governments[0], ForeignGov)


def test_reading_variants_of_polyphonic_hanja() -> None:
    readings = {"莞": ("완", "관")}
    assert reading_variants("东莞市", "동완시", readings) == {"동관시"}
    assert reading_variants("东莞市", "동완", readings) == {"동관"}
    assert reading_variants("东莞市", "둥관", readings, "둥관시") == set()  # the standard name's own syllable
    assert reading_variants("东莞市", "동완구청", readings) == set()  # not aligned with the native name


def test_polyphonic_readings_are_aliases() -> None:
    rows = [
        {
            "name": "둥관시",
            "name_native": "东莞市",
            "country": "CN",
            "region": "광둥성",
            "level": "city",
            "aliases": "동완|동완시|둥관",
        }
    ]
    plain = ForeignGazetteer(rows)
    assert plain.find("동관시 대표단") == []
    gaz = ForeignGazetteer(rows, readings={"莞": ("완", "관")})
    assert [(m.surface, m.exact) for m in gaz.find("동관시 대표단이 동관을 떠나")] == [
        ("동관시", True),
        ("동관", False),
    ]
    assert gaz.resolve("동관시").name == "둥관시"


# --- the data files --------------------------------------------------------------------------


def test_generated_file_shape() -> None:
    path = DATA / "foreign_governments.csv"
    assert path.stat().st_size < 5_000_000
    with path.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == [
            "name", "name_en", "name_native", "country", "region", "level", "geonames_id", "lat", "lon", "aliases", "source",
        ]  # fmt: skip
        rows = list(reader)
    assert len(rows) > 5000
    keys = [(r["country"], r["name"]) for r in rows]
    assert keys == sorted(keys)
    assert all(r["source"] for r in rows)
    cn = [r for r in rows if r["country"] == "CN"]
    assert sum(1 for r in cn if r["level"] == "province") == 31
    assert all(len(a) >= 2 for r in rows for a in r["aliases"].split("|") if a)


def test_curated_rows_have_sources() -> None:
    with (DATA / "foreign_curated.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["source"].strip() for r in rows)
    assert {r["country"] for r in rows if r["level"] == "province"} >= {
        "JP",
        "VN",
        "MN",
        "US",
        "CA",
        "AU",
        "DE",
        "IT",
    }


def test_russian_far_east_units_and_their_cities():
    g = foreign_gazetteer()
    (m,) = g.find("러시아 연해주와 교류의향서를 맺었다")
    assert {(c.name, c.country, c.level) for c in m.candidates} == {("연해주", "RU", "province")}
    (city,) = [c for m in g.find("우스리스크를 찾았다") for c in m.candidates]
    assert (city.name, city.region) == ("우수리스크시", "연해주")  # the standard spelling, its province
    vladivostok = g.resolve("블라디보스토크시", country="RU")
    assert vladivostok is not None and vladivostok.region == "연해주"


# --- first-level units of the partner countries (foreign_curated.csv) ---------------------------


def _curated_rows() -> list[dict[str, str]]:
    with (DATA / "foreign_curated.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _country_names() -> dict[str, str]:
    with (DATA / "countries.csv").open(encoding="utf-8") as fh:
        return {r["code"]: r["name"] for r in csv.DictReader(fh)}


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("우리 시는 카자흐스탄 알마티주와 우호협력 협약을 체결했다.", "알마티주", "KZ"),
        ("도는 우즈베키스탄 사마르칸트주 대표단을 맞았다.", "사마르칸트주", "UZ"),
        ("군은 키르기스스탄 이식쿨주와 교류의향서를 맺었다.", "이식쿨주", "KG"),
        ("시는 타지키스탄 소그드주와 자매결연을 추진한다.", "소그드주", "TJ"),
        ("시장은 투르크메니스탄 레바프주 주지사를 접견했다.", "레바프주", "TM"),
        ("시는 태국 치앙마이주와 우호도시 협약을 맺었다.", "치앙마이주", "TH"),
        ("군은 캄보디아 시엠립주와 교류 협약을 체결했다.", "시엠레아프주", "KH"),
        ("시는 라오스 루앙프라방주와 업무협약을 맺었다.", "루앙프라방주", "LA"),
        ("도는 미얀마 양곤주 대표단과 만났다.", "양곤주", "MM"),
        ("시는 말레이시아 셀랑고르주와 교류를 논의했다.", "슬랑오르주", "MY"),
        ("시는 인도네시아 북수마트라주와 협약을 체결했다.", "북수마트라주", "ID"),
        ("시는 대만 타이중시와 우호교류 협약을 맺었다.", "타이중시", "TW"),
        ("도는 러시아 타타르스탄공화국과 교류 의향서를 교환했다.", "타타르스탄공화국", "RU"),
        ("시는 폴란드 마워폴스카주와 협력하기로 했다.", "마워폴스카주", "PL"),
        ("시는 튀르키예 부르사주와 우호협력 협약을 맺었다.", "부르사주", "TR"),
        ("도는 필리핀 팜팡가주 주지사 일행을 맞았다.", "팜팡가주", "PH"),
        ("시는 뉴질랜드 와이카토주와 교육 교류를 약속했다.", "와이카토주", "NZ"),
        ("도는 프랑스 브르타뉴주와 협약을 맺었다.", "브르타뉴주", "FR"),
        ("도는 스페인 카탈루냐 자치주와 교류를 논의했다.", "카탈루냐주", "ES"),
        ("도는 헝가리 버러녀주와 우호협력 의향서를 교환했다.", "버러녀주", "HU"),
        ("시는 체코 남모라바주 대표단을 맞았다.", "남모라바주", "CZ"),
        ("시는 우크라이나 자카르파탸주에 구호품을 보냈다.", "자카르파탸주", "UA"),
        ("도는 벨라루스 비텝스크주와 교류를 이어 왔다.", "비텝스크주", "BY"),
    ],
)
def test_first_level_units_found_in_a_sentence(
    gaz: ForeignGazetteer, sentence: str, name: str, country: str
) -> None:
    found = [c for m in gaz.find(sentence) for c in m.candidates if c.country == country]
    assert found and found[0].name == name and found[0].level == "province"
    assert gaz.region_of(found[0]) is found[0]


def test_every_curated_province_resolves_in_its_country(gaz: ForeignGazetteer) -> None:
    countries = _country_names()
    failures = []
    for row in _curated_rows():
        if row["level"] != "province":
            continue
        sentence = f"우리 시는 {countries.get(row['country'], '')} {row['name']}와 우호협력 협약을 체결했다."
        found = [c for m in gaz.find(sentence) for c in m.candidates if c.country == row["country"]]
        gov = gaz.resolve(row["name"], country=row["country"])
        if not found or found[0].name != row["name"] or gov is None or gov.name != row["name"]:
            failures.append(row["name"])
        for alias in filter(None, (a.strip() for a in row["aliases"].split("|"))):
            hit = gaz.resolve(alias, country=row["country"])
            if hit is not None and hit.name != row["name"]:
                failures.append(f"{row['name']}:{alias}")
    assert failures == []


def test_curated_forms_are_no_korean_government_or_country_names() -> None:
    korean: set[str] = set()
    with (DATA / "korean_governments.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            korean.add(r["name"])
            korean.update(a for a in r.get("aliases", "").split("|") if a)
    with (DATA / "countries.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            korean.add(r["name"])
            korean.update(a for a in r.get("aliases", "").split("|") if a)
    clashes = []
    for row in _curated_rows():
        for form in [row["name"], *row["aliases"].split("|")]:
            if "".join(form.split()) in korean:
                clashes.append(f"{row['name']}:{form}")
    assert clashes == []


def test_curated_first_level_rows_carry_ids_and_codes() -> None:
    rows = [r for r in _curated_rows() if r["level"] == "province" and r["country"] in NEW_FIRST_LEVEL]
    assert {r["country"] for r in rows} == set(NEW_FIRST_LEVEL)
    for country, at_least in NEW_FIRST_LEVEL.items():
        assert sum(1 for r in rows if r["country"] == country) >= at_least, country
    assert all(r["geonames_id"].isdigit() and r["region"] == r["name"] for r in rows)
    ids = [int(r["geonames_id"]) for r in rows]
    assert len(ids) == len(set(ids))
    # Taiwan's counties and the Philippine provinces are GeoNames admin2 units (admin1 stays empty)
    assert all(r["admin1"] for r in rows if r["country"] not in {"TW", "PH"})


NEW_FIRST_LEVEL = {
    "KZ": 20, "UZ": 14, "KG": 9, "TJ": 4, "TM": 6, "TH": 76, "KH": 25, "LA": 18, "MM": 15, "MY": 14,
    "ID": 37, "TW": 22, "PL": 16, "RU": 40, "TR": 80, "PH": 82, "NZ": 16,
    "FR": 13, "ES": 17, "HU": 20, "CZ": 14, "UA": 26,
    "BY": 7,
}  # fmt: skip


@pytest.mark.parametrize(
    ("city", "country", "region"),
    [
        ("타라즈시", "KZ", "잠빌주"),
        ("세메이시", "KZ", "아바이주"),
        ("카라콜시", "KG", "이식쿨주"),
        ("나베레주니예첼니시", "RU", "타타르스탄공화국"),
        ("노릴스크시", "RU", "크라스노야르스크주"),
        ("이즈미르시", "TR", "이즈미르주"),
        ("트라브존시", "TR", "트라브존주"),
        ("안타키아시", "TR", "하타이주"),
        ("라푸라푸시", "PH", "세부주"),
        ("크라이스트처치시", "NZ", "캔터베리주"),
        ("리옹시", "FR", "오베르뉴론알프주"),
        ("바르셀로나시", "ES", "카탈루냐주"),
        ("줄러시", "HU", "베케시주"),
        ("브르노시", "CZ", "남모라바주"),
        ("하르키우시", "UA", "하르키우주"),
        ("호멜시", "BY", "고멜주"),
    ],
)
def test_cities_take_their_new_first_level_unit(
    gaz: ForeignGazetteer, city: str, country: str, region: str
) -> None:
    gov = gaz.resolve(city, country=country)
    assert gov is not None and gov.region == region
    parent = gaz.region_of(gov)
    assert parent is not None and parent.level == "province" and parent.country == country


@pytest.mark.parametrize(
    ("name", "country"), [("부다페스트시", "HU"), ("프라하시", "CZ"), ("키이우시", "UA"), ("민스크시", "BY")]
)
def test_capitals_that_are_first_level_units(gaz: ForeignGazetteer, name: str, country: str) -> None:
    gov = gaz.resolve(name, country=country)
    assert gov is not None and gov.level == "province" and gaz.region_of(gov) is gov
    assert [g.level for g in gaz.candidates(name) if g.country == country] == ["province"]
