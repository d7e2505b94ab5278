"""Foreign local governments the gazetteer does not know, recognised by form and context.

``foreign.py`` finds the names it lists. News also names places it does not list: a US county, a
Berlin borough, a Japanese town, a Mongolian aimag, an Indonesian regency. This module finds those by
their *form* (a Hangul word ending in an administrative suffix: 시, 현, 정, 주, 성, 구, 군, 카운티,
아이막 ... followed by nothing, a particle or a word of government such as 청, 장, 수, 정부) and their
*context* (the cue):

- ``after_country``: right after a country word ("호주 모르반타운시", "美 부에나파크시장");
- ``after_region``: right after a foreign region or place, known to the gazetteer or found here, with
  an optional 의 ("미국 캘리포니아주 부에나파크시", "꽝남성의 남짜미현");
- ``frame``: inside a diplomacy frame ("자매도시인 X시", "X시와 자매결연", "X시를 방문", "X시 대표단",
  "X군청", "X군수");
- ``repeat``: a name (or stem) already accepted by one of the cues above in the same text.

It rejects Korean governments (korean_governments.csv), common nouns (a stop-list, names ending in
도시/지역/..., and words Kiwi knows as ordinary vocabulary: a name counts as foreign-looking only
when Kiwi analyses it with an out-of-vocabulary or proper-noun token), persons (a name followed by
씨, 님, 대사, 교수 ...) and institutions (followed by 대학교, 병원, 공사 ...). The word lists and the frames
are data (``data/open_names.csv``), so are the suffixes (``data/open_suffixes.csv``) and the country
words (``data/countries.csv``).

``link`` ties a recognised name to a GeoNames place of its country (``data/foreign_latin.csv``, made by
``tools/build_latin_gazetteer.py``) by transliteration distance: the Hangul stem and each Latin name
are mapped to the same coarse sound classes (j for ㅈ ㅊ ㅉ and ch, j, z, ts; k for ㄱ ㅋ and c, g, k, q;
p for ㅂ ㅍ and b, f, p, v; t for ㄷ ㅌ and d, t; l for ㄹ and l, r; vowels in three classes, the
epenthetic ㅡ dropped), after country rules (``data/latin_rules.csv``: Vietnamese tr → ㅉ, German w → ㅂ,
Japanese tsu → 쓰, generic words such as County, Kabupaten, Huyện removed). A link is accepted above
``LINK_THRESHOLD``; otherwise the government is returned unlinked (no id, no coordinates).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import NamedTuple

from diplomacy.alternation import alternation
from diplomacy.gazetteer.foreign import ForeignGov, foreign_gazetteer
from diplomacy.spans import Overlapping

__all__ = [
    "LINK_THRESHOLD",
    "ArticleNames",
    "OpenMention",
    "article_names",
    "country_of",
    "country_spans",
    "find_named",
    "hangul_key",
    "latin_key",
    "latin_keys",
    "link",
    "open_foreign",
    "recognise",
    "region_name",
    "similarity",
    "standard_spelling",
    "threshold",
]

FULL_WEIGHT = 0.6  # of the key's ratio against the skeleton's in similarity()
LINK_THRESHOLD = 0.86  # keys of 7 sounds or more; chosen on 100 real and 40 made-up names
MID_THRESHOLD = 0.9  # keys of 6
SHORT_THRESHOLD = 0.95  # keys of 5 or fewer
MIN_STEM = 2  # syllables
SPACED_SUFFIXES = ("아이마크", "아이막", "카운티")  # may stand apart from the stem ("아르항가이 아이막")
SHORT_SPACED = frozenset("시현군구주성정")  # apart from the stem only before a word of government
# the words of government that may follow a short suffix apart from its stem: not 장 (시장 is a
# market, 성장 growth), 수, 민 or 지사 (a branch office)
_SPACED_TAILS = (
    "의회",
    "의원",
    "의장",
    "청사",
    "청",
    "정부",
    "인민정부",
    "당국",
    "대표단",
    "방문단",
    "사절단",
)
_SPACED_FIRST = frozenset(s[0] for s in SPACED_SUFFIXES)
REPEAT = "repeat"
HOME_CUE = "home"  # right after 한국 or 북한: never a partner
HOME = frozenset({"KR", "KP"})  # the peninsula: not a partner country
# Countries whose gazetteer names come from the 외래어 표기법 tables (pinyin, Hepburn): a variant spelling
# found here takes the gazetteer's name, as it does for any row whose source gives 외래어 표기법 (the curated
# provinces and states: 알버타주 is 앨버타주). Elsewhere the gazetteer's Korean names are GeoNames'
# alternates (키질로르다 for 크즐오르다), so the article's spelling is kept and only the id and coordinates
# are taken.
STANDARD_SPELLING = frozenset({"CN", "JP"})


class OpenMention(NamedTuple):
    start: int
    end: int
    name: str  # stem + suffix without spaces or hyphens ("아르항가이아이막")
    stem: str
    suffix: str
    country: str  # ISO 3166-1 alpha-2, "" when the text gives none
    region: str  # the Korean name of the province/state it follows, else ""
    cue: str  # after_country | after_region | frame | repeat


class _Suffix(NamedTuple):
    suffix: str
    level: str
    targets: tuple[str, ...]  # levels of foreign_latin.csv rows it may link to
    countries: frozenset[str]  # empty: any country


class _Split(NamedTuple):
    start: int
    end: int  # end of stem + suffix
    stem: str
    suffix: str
    tail: str
    after: int  # where the text after the name starts (the tail included)
    apart: bool = False  # a short suffix apart from its stem ("조요 시의회"): needs a country or region cue


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


def _read_csv(name: str) -> list[dict[str, str]]:
    resource = resources.files("diplomacy") / "data" / name
    with io.StringIO(resource.read_text(encoding="utf-8")) as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class _Rules:
    suffixes: dict[str, tuple[_Suffix, ...]]
    suffix_order: tuple[str, ...]  # longest first
    tails: frozenset[str]
    particles: frozenset[str]
    endings: dict[str, str]  # suffix + tail -> its shortest suffix: what a word may end in
    common: frozenset[str]
    common_end: tuple[str, ...]
    vice_titles: tuple[str, ...]  # 부시장 …: a word ending in one is a title, not a place + its head
    frames_before: tuple[re.Pattern, ...]
    frames_after: tuple[re.Pattern, ...]
    any_country: re.Pattern  # a country word, whatever follows it
    any_frame: re.Pattern  # any frame, anywhere: a text without one (nor a country or place) has no cue
    person: re.Pattern
    institution: re.Pattern
    country_forms: dict[str, str]
    country_end: re.Pattern  # a country word ending a stretch of text (the cue)
    country_any: re.Pattern  # country words anywhere
    korean_names: frozenset[str]
    korean_stems: frozenset[str]


@functools.cache
def _rules() -> _Rules:
    words: dict[str, list[str]] = {}
    for row in _read_csv("open_names.csv"):
        words.setdefault(row["kind"], []).append(row["value"])
    suffixes: dict[str, list[_Suffix]] = {}
    for row in _read_csv("open_suffixes.csv"):
        countries = frozenset(c for c in row["countries"].split("|") if c)
        suffixes.setdefault(row["suffix"], []).append(
            _Suffix(row["suffix"], row["level"], tuple(row["targets"].split("|")), countries)
        )
    tails = (
        {""} | set(words["particle"]) | {g + p for g in words["gov_tail"] for p in ["", *words["particle"]]}
    )
    forms = country_forms()
    hangul = alternation(f for f in forms if not _is_han(f))
    han = alternation(f for f in forms if _is_han(f))
    country = rf"(?:(?<![가-힣])(?:{hangul})|(?<![\u4e00-\u9fff])(?:{han}))"
    korean_names, korean_stems = _korean_names()
    return _Rules(
        suffixes={k: tuple(v) for k, v in suffixes.items()},
        suffix_order=tuple(sorted(suffixes, key=len, reverse=True)),
        tails=frozenset(tails),
        particles=frozenset(words["particle"]),
        endings=_endings(suffixes, tails),
        common=frozenset(words["common"]),
        common_end=tuple(words["common_end"]),
        vice_titles=tuple(words["vice_title"]),
        frames_before=tuple(re.compile(p) for p in words["frame_before"]),
        frames_after=tuple(re.compile(p) for p in words["frame_after"]),
        any_country=re.compile(country),
        any_frame=re.compile(
            "|".join(
                f"(?:{p.removeprefix('^').removesuffix('$')})"
                for p in words["frame_before"] + words["frame_after"]
            )
        ),
        person=re.compile(
            rf"^\s+(?:{alternation(words['person_title'])})(?:[은는이가을를의와과에도]|에게|께서|으로|로)?(?![가-힣])"
        ),
        institution=re.compile(
            rf"^\s+(?:국립|시립|주립|도립|현립|(?:{alternation(words['institution'])})"
            r"(?:[은는이가을를의와과에도]|에서|으로|로)?(?![가-힣]))"
        ),
        country_forms=forms,
        country_end=re.compile(rf"({country})(?:의)?\s*$"),
        country_any=re.compile(rf"({country})(?=[^가-힣]|[의과와을를은는이가에으로도내측]|$)"),
        korean_names=korean_names,
        korean_stems=korean_stems,
    )


def _is_han(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


@functools.cache
def country_forms() -> dict[str, str]:
    """Korean country names and short forms (countries.csv) -> ISO 3166-1 alpha-2."""
    forms: dict[str, str] = {}
    for row in _read_csv("countries.csv"):
        for form in [row["name"], *row["aliases"].split("|")]:
            if form:
                forms[form] = row["code"]
    return forms


def _korean_names() -> tuple[frozenset[str], frozenset[str]]:
    names: set[str] = set()
    for row in _read_csv("korean_governments.csv"):
        names.add(row["name"])
        names.update(a for a in (row.get("aliases") or "").split("|") if a)
    suffix = re.compile(r"(?:특별자치도|특별자치시|특별시|광역시|특례시|도|시|군|구)$")
    stems = {suffix.sub("", n) for n in names}
    return frozenset(names), frozenset(s for s in stems if len(s) >= MIN_STEM)


def country_of(word: str) -> str:
    """The ISO code of a country word ("베트남" -> "VN", "美" -> "US"), "" when not one."""
    return _rules().country_forms.get(word, "")


# ---------------------------------------------------------------------------------------------
# Recognition
# ---------------------------------------------------------------------------------------------

_WORD = re.compile(r"(?<![가-힣A-Za-z0-9])[가-힣]+(?:[-‐][가-힣]+)*")


def _splits(text: str) -> list[_Split]:
    """Every word that is stem + suffix + allowed tail, in text order (one split per word)."""
    rules = _rules()
    out: list[_Split] = []
    for m in _WORD.finditer(text):
        word, start = m.group(), m.start()
        split = _split_word(word, start, rules)
        if split is None:
            split = _split_spaced(text, m, rules)
        if split is not None:
            out.append(split)
    return out


def _split_word(word: str, start: int, rules: _Rules) -> _Split | None:
    """The split with the leftmost suffix end: "모르반타운시도" is 모르반타운시 + 도, not 모르반타운시도."""
    for i in range(1, len(word)):
        suffix = rules.endings.get(word[i:])
        if suffix is not None:
            end = start + i + len(suffix)
            return _Split(start, end, word[:i], suffix, word[i + len(suffix) :], end)
    return None


def _endings(suffixes, tails) -> dict[str, str]:
    """Every suffix + allowed tail, mapped to the shortest suffix that makes it (the leftmost end)."""
    out: dict[str, str] = {}
    for suffix in sorted(suffixes, key=len, reverse=True):
        for tail in tails:
            out[suffix + tail] = suffix
    return out


def _split_spaced(text: str, m: re.Match, rules: _Rules) -> _Split | None:
    """'아르항가이 아이막': a long suffix standing apart from its stem; '조요 시의회': a short one
    standing apart, with a word of government glued to it (the council, the mayor of 조요)."""
    nxt = _WORD.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else None
    if nxt is not None and nxt.group()[:1] in SHORT_SPACED:
        suffix, tail = nxt.group()[:1], nxt.group()[1:]
        if _spaced_tail(tail, rules):
            return _Split(m.start(), nxt.start() + 1, m.group(), suffix, tail, nxt.start() + 1, True)
    if text[m.end() + 1 : m.end() + 2] not in _SPACED_FIRST:
        return None
    rest = text[m.end() : m.end() + 12]
    for suffix in SPACED_SUFFIXES:
        if rest.startswith(" " + suffix):
            after = m.end() + 1 + len(suffix)
            tail = _WORD.match(text, m.end() + 1)
            tail_text = tail.group()[len(suffix) :] if tail else ""
            if tail_text in rules.tails:
                return _Split(m.start(), after, m.group(), suffix, tail_text, after)
    return None


def _spaced_tail(tail: str, rules: _Rules) -> bool:
    """A word of government, with or without its particle, after a short suffix apart."""
    return any(tail.startswith(w) and tail[len(w) :] in rules.particles | {""} for w in _SPACED_TAILS)


def _name(split: _Split) -> str:
    return (split.stem + split.suffix).replace("-", "").replace("‐", "")


@functools.lru_cache(maxsize=8192)
def _looks_foreign(stem: str, suffix: str) -> bool:
    """Not ordinary Korean vocabulary, by Kiwi: the stem holds a proper noun or a word Kiwi does not
    know (보고르, 부에나파크); or it is several known words (블랙 + 타운) whose whole name Kiwi does not
    know either (블랙타운시, but not 흑맥주); or nouns before a suffix that is itself a loanword
    (레몬카운티: no Korean word ends in 카운티). A stem that is one known word (전통, 가능, 외무)
    before a Korean suffix is vocabulary."""
    from diplomacy.extract.nlp import kiwi

    whole = kiwi().tokenize(stem + suffix)
    if any(t.tag == "NNG" and not t.oov and t.start < len(stem) < t.start + t.len for t in whole):
        return False  # the suffix ends a common word: 정상궤도 is 정상 + 궤도 (orbit), no province
    tokens = kiwi().tokenize(stem)
    if any(t.oov or t.tag == "NNP" for t in tokens) or any(map(_loan_syllable, stem)):
        return True
    if any(map(_loan_syllable, suffix)) and all(t.tag in _NAME_TAGS for t in tokens):
        return True  # a loanword suffix (카운티, 아이마크) ends no Korean word: 오렌지카운티 is a place
    if len(tokens) < 2:
        return False
    return any(t.oov for t in whole)


_NAME_TAGS = frozenset({"NNG", "NNP", "SL", "SH", "SN"})  # nouns and letters, no determiner or verb


def _loan_syllable(ch: str) -> bool:
    """A syllable no Sino-Korean word has: open ㅡ (즈 르 스 크), a tense initial (ㄲ ㄸ ㅃ ㅉ), ㅋ but 쾌.
    It marks a loanword stem that Kiwi knows as a word (치즈정, the town Chizu, is no cheese)."""
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return False
    lead, vowel, tail = code // 588, (code % 588) // 28, code % 28
    return (vowel == 18 and tail == 0) or lead in (1, 4, 8, 13) or (lead == 15 and ch != "쾌")


def _plausible(split: _Split, text: str, rules: _Rules) -> bool:
    """Shape and word checks that do not depend on the cue (Kiwi's look at the stem comes later,
    only for the splits a cue accepts: `_foreign_word`)."""
    stem = split.stem.replace("-", "").replace("‐", "")
    name = stem + split.suffix
    short = len(stem) < (1 if len(split.suffix) > 1 else MIN_STEM)  # 킹카운티: a long suffix carries the name
    if short or name in rules.common or stem in rules.common:
        return False
    if name.endswith(rules.common_end) or _is_korean(name, stem, rules):
        return False
    if any(t in stem[-2:] + split.suffix + split.tail for t in rules.vice_titles):
        return False  # 상무부시장 is an executive vice-mayor, not the mayor of a 상무부시
    after = text[split.end : split.end + 20]
    return not (rules.person.match(after) or rules.institution.match(after))


def _foreign_word(split: _Split) -> bool:
    return _looks_foreign(split.stem.replace("-", "").replace("‐", ""), split.suffix)


def _dueum(name: str) -> str:
    """The initial-sound rule on the first syllable (룡정 -> 용정, 녕안 -> 영안)."""
    code = ord(name[0]) - 0xAC00 if name else -1
    if not 0 <= code < 11172:
        return name
    lead, vowel, tail = code // 588, (code % 588) // 28, code % 28
    if lead == 5:  # ㄹ
        lead = 11 if vowel in (2, 6, 7, 12, 17, 20) else 2
    elif lead == 2 and vowel in (6, 12, 17, 20):
        lead = 11
    return chr(0xAC00 + lead * 588 + vowel * 28 + tail) + name[1:]


def _is_korean(name: str, stem: str, rules: _Rules) -> bool:
    """A Korean government, also in the spelling of outlets in China (련제구 is 연제구)."""
    return any(n in rules.korean_names for n in (name, _dueum(name))) or any(
        s in rules.korean_stems for s in (stem, _dueum(stem))
    )


def _suffix_row(suffix: str, country: str) -> _Suffix | None:
    rows = _rules().suffixes[suffix]
    specific = [r for r in rows if country and country in r.countries]
    generic = [r for r in rows if not r.countries]
    return (specific or generic or [None])[0]


_GAP = re.compile(r"^(?:의)?\s*$")


@dataclass
class _Context:
    text: str
    known: list[tuple[int, int, ForeignGov]]  # gazetteer places in the text (regions, cities)
    accepted: list[OpenMention]
    countries: tuple[str, ...] = ()  # the caller's hints (the article's countries), used last

    def before(self, start: int, province: bool = False) -> tuple[str, str, str] | None:
        """(cue, country, region) from what stands right before `start`. A `province`-level name
        takes no cue from a city or district before it: a place phrase runs from the larger unit
        to the smaller ("바탕가스주 산후안시"), so "산후안시 일데브란도 시장" names a person."""
        window = self.text[max(0, start - 24) : start]
        hit = _rules().country_end.search(window)
        if hit and _GAP.match(window[hit.end(1) :]):
            code = country_of(hit.group(1))
            return ("after_country", code, "") if code not in HOME else (HOME_CUE, code, "")
        for _s, e, gov in reversed(self.known):
            if e <= start and _GAP.match(self.text[e:start]):
                if province and gov.level != "province":
                    return None
                region = gov.name if gov.level == "province" else gov.region or region_name(gov)
                return "after_region", gov.country, region
        for m in reversed(self.accepted):
            if m.end <= start and _GAP.match(self.text[m.end : start]) and _is_region(m):
                return "after_region", m.country, m.name
        return None


def _is_region(m: OpenMention) -> bool:
    row = _suffix_row(m.suffix, m.country)
    return row is not None and row.level == "province"


def _frame(split: _Split, text: str, rules: _Rules) -> bool:
    before = text[max(0, split.start - 30) : split.start]
    after = text[split.end : split.end + 80]
    return any(p.search(before) for p in rules.frames_before) or any(
        p.match(after) for p in rules.frames_after
    )


def _frame_country(split: _Split, text: str, hints: Sequence[str] = ()) -> str:
    """Of the last three countries named before the mention (then the caller's hints), the first where
    the name links, else the first ("인니·베트남 ... 보고르군": Bogor is in Indonesia)."""
    recent: list[str] = []
    for hit in _rules().country_any.finditer(text, 0, split.start):
        code = country_of(hit.group(1))
        if code and code not in HOME:
            recent = [c for c in recent if c != code] + [code]
    candidates = recent[::-1][:3] + [c for c in hints if c not in recent and c not in HOME]
    stem = _name(split)[: -len(split.suffix)]
    linked = [c for c in candidates if _link_cached(stem, split.suffix, c, "") is not None]
    return (linked or candidates or [""])[0]


def _nearest_country(text: str, start: int) -> str:
    code = ""
    for hit in _rules().country_any.finditer(text, 0, start):
        found = country_of(hit.group(1))
        if found and found not in HOME:
            code = found
    return code


def _known_places(text: str) -> list[tuple[int, int, ForeignGov]]:
    out = []
    for m in foreign_gazetteer().find(text):
        if country_of(text[m.start : m.end]):
            continue  # 호주 is Australia before it is 湖州
        provinces = [c for c in m.candidates if c.level == "province"]
        out.append((m.start, m.end, (provinces or list(m.candidates))[0]))
    return out


def recognise(
    text: str, known: Sequence[tuple[int, int]] = (), countries: Sequence[str] = ()
) -> list[OpenMention]:
    """Foreign local governments named in `text` that the gazetteer does not know, in text order.

    Spans overlapping `known` (the caller's gazetteer hits) are left out. `countries` (ISO codes, e.g.
    the countries the whole article names) are tried after those named in `text` when a mention found
    by its frame needs a country: pass them when `text` is one sentence.
    """
    rules = _rules()
    places = _known_places(text)
    if not (places or rules.any_country.search(text) or rules.any_frame.search(text)):
        return []  # no cue a name could follow: nothing to recognise
    ctx = _Context(text, places, [], tuple(countries))
    taken = Overlapping(known)
    candidates = [s for s in _splits(text) if not taken(s.start, s.end) and _plausible(s, text, rules)]
    rest = []
    for split in candidates:
        mention = _cued(split, ctx, rules)
        if mention is None:
            rest.append(split)
        elif _foreign_word(split):
            ctx.accepted.append(mention)
    ctx.accepted.extend(_repeats(rest, ctx))
    return _share_regions(sorted(ctx.accepted))


def _share_regions(mentions: list[OpenMention]) -> list[OpenMention]:
    """Mentions of one name name one place: the country of its first mention after a country or a
    region (else of its first mention), and the first region any mention of it was given."""
    country: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: (m.cue not in ("after_country", "after_region"), m.start)):
        country.setdefault(m.name, m.country)
    mentions = [m._replace(country=country[m.name]) for m in mentions]
    regions: dict[tuple[str, str], str] = {}
    for m in mentions:
        if m.region:
            regions.setdefault((m.name, m.country), m.region)
    return [m if m.region else m._replace(region=regions.get((m.name, m.country), "")) for m in mentions]


def _cued(split: _Split, ctx: _Context, rules: _Rules) -> OpenMention | None:
    row = _suffix_row(split.suffix, "")
    before = ctx.before(split.start, province=row is not None and row.level == "province")
    if before is not None and before[0] == HOME_CUE:
        return None
    if before is not None:
        cue, country, region = before
    elif split.apart:
        return None  # "유시문 군의회 의장": a person before the council of a Korean county
    elif _frame(split, ctx.text, rules):
        cue, country, region = "frame", _frame_country(split, ctx.text, ctx.countries), ""
    else:
        return None
    return _mention(split, cue, country, region)


def _known_in(name: str, country: str) -> bool:
    """The gazetteer lists `name` (룡정시 as its 용정시 in the spelling of outlets in China) in
    `country`, or in some country when none is given: then the name is the gazetteer's business.
    A namesake abroad does not make it so ("필리핀 산후안시" is not the Argentine 산후안시)."""
    fg = foreign_gazetteer()
    govs = fg.candidates(name) + fg.candidates(_dueum(name))
    exact = fg.is_exact(name) or fg.is_exact(_dueum(name))
    return exact and (not country or any(g.country == country for g in govs))


def _mention(split: _Split, cue: str, country: str, region: str) -> OpenMention | None:
    row = _suffix_row(split.suffix, country)
    if row is None or (row.countries and country not in row.countries):
        return None
    name = _name(split)
    if _known_in(name, country) and not split.apart:  # apart, the gazetteer cannot read it: linked below
        return None
    return OpenMention(
        split.start, split.end, name, name[: -len(split.suffix)], split.suffix, country, region, cue
    )


def _repeats(rest: list[_Split], ctx: _Context) -> list[OpenMention]:
    """Other mentions of an accepted name, or of its stem with another suffix (크즐오르다주 -> 크즐오르다시)."""
    by_name: dict[str, OpenMention] = {}
    by_stem: dict[str, OpenMention] = {}
    for m in ctx.accepted:
        by_name.setdefault(m.name, m)
        by_stem.setdefault(m.stem, m)
    out = []
    for split in rest:
        name = _name(split)
        first = by_name.get(name) or by_stem.get(name[: -len(split.suffix)])
        if first is None or not _foreign_word(split):
            continue
        country = first.country or _nearest_country(ctx.text, split.start)
        region = first.region if first.name == name else ""
        mention = _mention(split, REPEAT, country, region)
        if mention is not None:
            out.append(mention)
    return out


# ---------------------------------------------------------------------------------------------
# Transliteration keys
# ---------------------------------------------------------------------------------------------

_CHO = ["k", "k", "n", "t", "t", "l", "m", "p", "p", "s", "s", "", "j", "j", "j", "k", "t", "p", "h"]
_JUNG = ["a", "a", "ia", "ia", "a", "e", "io", "ie", "o", "oa", "oe", "oe", "io", "u", "uo", "ue", "ui", "iu", "", "i", "i"]  # fmt: skip
_JONG = ["", "k", "k", "k", "n", "n", "n", "t", "l", "l", "l", "l", "l", "l", "l", "l", "m", "p", "p", "t", "t", "N", "t", "t", "k", "t", "p", "t"]  # fmt: skip
_VOWEL_CLASS = str.maketrans({"e": "a", "y": "i", "u": "o", "w": "o"})
_LATIN_SOUNDS = (
    (r"tsch|tch", "j"),
    (r"sch|sh", "s"),
    (r"ch|zh|dz|ts|tz|dj|j|z", "j"),
    (r"th", "t"),
    (r"ph", "p"),
    (r"ck|qu|kh|q", "k"),
    (r"ng(?=[aeiouy])", "Nk"),  # the velar nasal is N: 셀렝게 Selenge, 아르항가이 Arhangay
    (r"ng", "N"),
    (r"gh", ""),
    (r"x", "ks"),
    (r"c(?=[eiy])", "s"),
    (r"[cg]", "k"),
    (r"[bfv]", "p"),
    (r"d", "t"),
    (r"r", "l"),
    (r"[^a-zN]", ""),
)
_LATIN_SOUNDS_RE = tuple((re.compile(p), r) for p, r in _LATIN_SOUNDS)


def _classes(sounds: str) -> str:
    """Vowels to three classes (a/e, i/y, o/u/w), letters repeated in a row once."""
    out = []
    for ch in sounds.translate(_VOWEL_CLASS):
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def hangul_key(text: str) -> str:
    """'부에나파크' -> 'poanapak': the Hangul spelling in coarse sound classes (ㅡ dropped)."""
    sounds = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            sounds.append(_CHO[code // 588] + _JUNG[(code % 588) // 28] + _JONG[code % 28])
    return _classes("".join(sounds))


@functools.cache
def _latin_rules() -> dict[str, tuple[tuple[re.Pattern, str], ...]]:
    rules: dict[str, list[tuple[re.Pattern, str]]] = {}
    for row in _read_csv("latin_rules.csv"):
        rules.setdefault(row["country"], []).append((re.compile(row["pattern"]), row["replacement"]))
    return {k: tuple(v) for k, v in rules.items()}


def _fold(text: str) -> str:
    text = text.lower().replace("đ", "dh").replace("ı", "i").replace("ł", "l").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# An English reading as Korean loanwords spell it: no r after a vowel (Park 파크), th as ㅅ (South 사우스),
# soft g (Orange 오렌지), ow as 아우 (town 타운), ee as 이 and oo as 우, no final silent e (Wales 웨일스).
_ENGLISH = (
    (re.compile(r"(?<=[aeiou])r(?![aeiouy])"), ""),
    (re.compile(r"ch(?=r)"), "k"),
    (re.compile(r"th"), "s"),
    (re.compile(r"g(?=[eiy])"), "j"),
    (re.compile(r"ow"), "au"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"oo"), "u"),
    (re.compile(r"(?<=[^aeiou])e\b"), ""),
)


def latin_key(name: str, country: str = "", english: bool = False) -> str:
    """'Kabupaten Bogor' -> 'pokol': generic words dropped, country rules, then the sound classes."""
    text = _fold(name).replace("-", " ").replace("’", "").replace("'", "")
    rules = _latin_rules()
    for pattern, repl in rules.get("*", ()) + rules.get(country, ()):
        text = pattern.sub(repl, text)
    if english:
        for pattern, repl in _ENGLISH:
            text = pattern.sub(repl, text)
    for pattern, repl in _LATIN_SOUNDS_RE:
        text = pattern.sub(repl, text)
    return _classes(text)


def latin_keys(name: str, country: str = "") -> tuple[str, ...]:
    """The keys of a Latin name: as spelt, and read as English."""
    keys = (latin_key(name, country), latin_key(name, country, english=True))
    return tuple(dict.fromkeys(k for k in keys if k))


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return 1.0 - _levenshtein(a, b) / max(len(a), len(b))


def _skeleton(key: str) -> str:
    """The consonants, sibilants as one (즈 for s: 브리즈번 Brisbane)."""
    return _classes("".join(ch for ch in key if ch not in "aio").replace("s", "j").replace("N", "n"))


def _bound(a: str, b: str) -> float:
    """An upper bound of _ratio(a, b) from the lengths alone."""
    return 1.0 - abs(len(a) - len(b)) / max(len(a), len(b), 1)


def similarity(hangul_k: str, latin_k: str) -> float:
    """Weighted mean of the ratio of the keys and of their consonant skeletons."""
    return _similarity(hangul_k, _skeleton(hangul_k), latin_k, _skeleton(latin_k), 0.0)


def _similarity(key: str, skel: str, other: str, other_skel: str, floor: float) -> float:
    """similarity(), or 0.0 as soon as it cannot reach `floor` (most places are dismissed by lengths)."""
    full_bound = _bound(key, other)
    if FULL_WEIGHT * full_bound + (1 - FULL_WEIGHT) * _bound(skel, other_skel) < floor:
        return 0.0
    skel_ratio = _ratio(skel, other_skel)
    if FULL_WEIGHT * full_bound + (1 - FULL_WEIGHT) * skel_ratio < floor:
        return 0.0
    return FULL_WEIGHT * _ratio(key, other) + (1 - FULL_WEIGHT) * skel_ratio


def threshold(key: str) -> float:
    """Short keys need a closer match: 'apain' (어바인) is 0.9 from 'Payne'."""
    if len(key) <= 5:
        return SHORT_THRESHOLD
    return MID_THRESHOLD if len(key) == 6 else LINK_THRESHOLD


# ---------------------------------------------------------------------------------------------
# Linking
# ---------------------------------------------------------------------------------------------


class _Place(NamedTuple):
    geonames_id: int
    country: str
    level: str  # admin1 | admin2 | city
    name: str
    admin1: str
    admin1_code: str
    name_ko: str
    lat: float | None
    lon: float | None
    population: int
    keys: tuple[tuple[str, str], ...]  # (key, skeleton) of each Latin name


@functools.cache
def _latin_rows() -> dict[str, tuple[dict[str, str], ...]]:
    by_country: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv("foreign_latin.csv"):
        by_country.setdefault(row["country"], []).append(row)
    return {k: tuple(v) for k, v in by_country.items()}


@functools.lru_cache(maxsize=64)
def _places(country: str) -> tuple[_Place, ...]:
    """The Latin gazetteer of one country with the sound keys of its names (computed on first use)."""
    out = []
    for row in _latin_rows().get(country, ()):
        names = [row["name"], *(a for a in row["alt"].split("|") if a)]
        keys = tuple(
            (k, _skeleton(k)) for k in dict.fromkeys(k for n in names for k in latin_keys(n, country))
        )
        out.append(
            _Place(
                int(row["geonames_id"]),
                country,
                row["level"],
                row["name"],
                row["admin1"],
                row["admin1_code"],
                row["name_ko"],
                float(row["lat"]) if row["lat"] else None,
                float(row["lon"]) if row["lon"] else None,
                int(row["population"] or 0),
                keys,
            )
        )
    return tuple(out)


def _admin1_code(region: str, country: str) -> str:
    """The admin1 code of a Korean region name, from foreign_latin's Korean names or the gazetteer's ids."""
    if not region:
        return ""
    places = _places(country)
    ids = {g.geonames_id for g in foreign_gazetteer().candidates(region) if g.level == "province"}
    for p in places:
        if p.level == "admin1" and (p.name_ko == region or p.geonames_id in ids):
            return p.admin1_code
    linked = _best(hangul_key(region[:-1]), places, ("admin1",), "")
    return linked[0].admin1_code if linked else ""


def _best(
    key: str, places: Sequence[_Place], targets: Sequence[str], admin1: str
) -> tuple[_Place, float] | None:
    """The best-scoring place above the threshold: higher score, then target order, then population."""
    if not key:
        return None
    floor, skel = threshold(key), _skeleton(key)
    best, best_rank = None, None
    for p in places:
        if p.level not in targets or (admin1 and p.admin1_code != admin1):
            continue
        # the first consonants must agree: 'Buena Park' is never 'Kennebec'; this also keeps it fast
        score = max(
            (_similarity(key, skel, k, ks, floor) for k, ks in p.keys if ks[:1] == skel[:1]), default=0.0
        )
        if score < floor:
            continue
        rank = (round(score, 3), -targets.index(p.level), p.population)
        if best_rank is None or rank > best_rank:
            best, best_rank = (p, score), rank
    return best


@functools.lru_cache(maxsize=4096)
def _link_cached(stem: str, suffix: str, country: str, region: str) -> _Place | None:
    row = _suffix_row(suffix, country)
    places = _places(country)
    if row is None or not places:
        return None
    key = hangul_key(stem)
    admin1 = _admin1_code(region, country) if row.level != "province" else ""
    hit = (_best(key, places, row.targets, admin1) if admin1 else None) or _best(key, places, row.targets, "")
    return hit[0] if hit else None


def _korean_admin1(place: _Place) -> str:
    for p in _places(place.country):
        if p.level == "admin1" and p.admin1_code == place.admin1_code:
            if p.name_ko:
                return p.name_ko
            gov = next((g for g in foreign_gazetteer().governments if g.geonames_id == p.geonames_id), None)
            return gov.name if gov else ""
    return ""


@functools.cache
def _gazetteer_keys() -> dict[tuple[str, str], tuple[tuple[ForeignGov, str], ...]]:
    """The gazetteer's governments by (country, suffix), with the sound key of their stems."""
    suffixes = _rules().suffix_order
    out: dict[tuple[str, str], list[tuple[ForeignGov, str]]] = {}
    for gov in foreign_gazetteer().governments:
        suffix = next((x for x in suffixes if gov.name.endswith(x) and len(gov.name) > len(x)), None)
        if suffix is not None:
            out.setdefault((gov.country, suffix), []).append((gov, hangul_key(gov.name[: -len(suffix)])))
    return {k: tuple(v) for k, v in out.items()}


def _gazetteer_match(mention: OpenMention) -> ForeignGov | None:
    """A known government spelt another way (치즈정 for 지즈정, 회이산구 for 후이산구): same country and
    suffix, a sound key as close as link's thresholds ask, and no other name as close."""
    if not mention.country:
        return None
    key = hangul_key(mention.stem)
    floor, skel = threshold(key), _skeleton(key)
    scored = []
    for gov, other in _gazetteer_keys().get((mention.country, mention.suffix), ()):
        other_skel = _skeleton(other)
        if other_skel[:1] == skel[:1]:
            score = _similarity(key, skel, other, other_skel, floor)
            if score >= floor and (not mention.region or gov.region in ("", mention.region)):
                scored.append((score, gov))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    names = {gov.name for score, gov in scored if score == top}
    return next(gov for score, gov in scored if score == top) if len(names) == 1 else None


def link(mention: OpenMention) -> ForeignGov:
    """The government a recognised name stands for: a gazetteer government spelt another way (then with
    the gazetteer's canonical name), else a GeoNames place when the transliteration is close enough,
    else unlinked (geonames_id, lat and lon None) with what the text gives."""
    known = _gazetteer_match(mention)
    if known is not None:
        standard = known.country in STANDARD_SPELLING or foreign_gazetteer().is_standard(known)
        name = known.name if standard else mention.name
        return replace(known, name=name, region=known.region or mention.region)
    row = _suffix_row(mention.suffix, mention.country)
    level = row.level if row else ""
    place = _link_cached(mention.stem, mention.suffix, mention.country, mention.region)
    name = standard_spelling(mention.name, mention.country)
    if place is None:
        return ForeignGov(name, "", "", mention.country, mention.region, level, None, None, None)
    region = name if place.level == "admin1" else mention.region or _korean_admin1(place)
    return ForeignGov(
        name=name,
        name_en=place.name,
        name_native=place.name,
        country=place.country,
        region=region,
        level=level,
        geonames_id=place.geonames_id,
        lat=place.lat,
        lon=place.lon,
    )


# 외래어 표기법 for Japanese: a word-initial voiceless stop is written plain (카츠시카 -> 가쓰시카,
# 토야마 -> 도야마, 치바 -> 지바) and つ is 쓰 anywhere. Lead consonant indexes of Hangul syllables.
_JA_INITIAL = {15: 0, 16: 3, 14: 12}  # ㅋ -> ㄱ, ㅌ -> ㄷ, ㅊ -> ㅈ
_JA_TSU = {14: 10, 13: 10}  # 츠, 쯔 -> 쓰


def standard_spelling(name: str, country: str) -> str:
    """A Japanese name in the press's spelling put into the standard one; other countries as given."""
    if country != "JP" or not name:
        return name
    out = []
    for i, ch in enumerate(name):
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            out.append(ch)
            continue
        lead, rest = divmod(code, 588)
        if rest == 18 * 28 and lead in _JA_TSU:  # ㅡ with no tail: 츠, 쯔
            lead = _JA_TSU[lead]
        elif i == 0 and lead in _JA_INITIAL:
            lead = _JA_INITIAL[lead]
        out.append(chr(0xAC00 + lead * 588 + rest))
    return "".join(out)


@functools.cache
def _admin1_names() -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> the Korean name of that first-level unit, where one is known
    (foreign_latin's name_ko, else a gazetteer province with the same GeoNames id)."""
    ids = {
        g.geonames_id: g.name
        for g in foreign_gazetteer().governments
        if g.level == "province" and g.geonames_id
    }
    out: dict[tuple[str, str], str] = {}
    for country, rows in _latin_rows().items():
        for row in rows:
            if row["level"] == "admin1":
                name = row["name_ko"] or ids.get(int(row["geonames_id"]), "")
                if name:
                    out[(country, row["admin1_code"])] = name
    return out


@functools.cache
def _admin1_codes() -> dict[int, tuple[str, str]]:
    """GeoNames id of a city or second-level unit -> (country, admin1 code)."""
    return {
        int(row["geonames_id"]): (country, row["admin1_code"])
        for country, rows in _latin_rows().items()
        for row in rows
        if row["level"] != "admin1" and row["admin1_code"]
    }


def region_name(gov: ForeignGov) -> str:
    """The Korean name of the first-level unit a GeoNames place lies in (나폴리시 -> 캄파니아주), "" when
    the place or the unit's Korean name is unknown."""
    if gov.geonames_id is None:
        return ""
    code = _admin1_codes().get(gov.geonames_id)
    return _admin1_names().get(code, "") if code else ""


def _admin1_of(gov: ForeignGov) -> str:
    place = next((p for p in _places(gov.country) if p.geonames_id == gov.geonames_id), None)
    return place.admin1_code if place else ""


def open_foreign(
    text: str, known: Sequence[tuple[int, int]] = (), countries: Sequence[str] = ()
) -> list[tuple[int, int, ForeignGov]]:
    """recognise + link: (start, end, government) for every foreign government the gazetteer does not know.

    A first-level unit linked in the same text names the region of the places linked inside it
    ("크즐오르다주 ... 크즐오르다시": the city's region is 크즐오르다주) when nothing else gave one.
    """
    mentions = recognise(text, known, countries)
    return [(m.start, m.end, gov) for m, gov in zip(mentions, _linked(mentions), strict=True)]


def _linked(mentions: list[OpenMention]) -> list[ForeignGov]:
    govs = [link(m) for m in mentions]
    regions = {_admin1_of(g): g.name for g in govs if g.geonames_id is not None and g.region == g.name}
    out = []
    for gov in govs:
        if gov.geonames_id is not None and not gov.region and _admin1_of(gov) in regions:
            gov = replace(gov, region=regions[_admin1_of(gov)])
        out.append(gov)
    return out


# ---------------------------------------------------------------------------------------------
# An article's own gazetteer
# ---------------------------------------------------------------------------------------------

ArticleNames = dict[str, list[tuple[str, ForeignGov]]]  # stem -> (suffix, government), first seen first
MIN_BARE_STEM = 3  # a stem standing without its suffix ("모르반타운과") needs this many syllables


def article_names(
    text: str, known: Sequence[tuple[int, int]] = (), countries: Sequence[str] = ()
) -> ArticleNames:
    """The foreign governments no gazetteer knows that a whole article names, recognised once over
    all of it (a name's cue may stand in another sentence than its other mentions). A stem the
    article also uses as a person's name ("베이커 위원장은": the 베이커 of "테리 베이커 카운티의회
    위원장" is a person) names no government."""
    mentions = [m for m in recognise(text, known, countries) if not _a_person(m.stem, text)]
    names: ArticleNames = {}
    for m, gov in zip(mentions, _linked(mentions), strict=True):
        entries = names.setdefault(_plain(m.stem), [])
        if all(suffix != m.suffix for suffix, _ in entries):
            entries.append((m.suffix, gov))
    return names


def _a_person(stem: str, text: str) -> bool:
    """Whether `text` writes `stem` as a word followed by a person's title."""
    person = _rules().person
    return any(
        person.match(text[m.end() : m.end() + 20])
        for m in re.finditer(rf"(?<![가-힣]){re.escape(stem)}(?![가-힣])", text)
    )


def find_named(text: str, names: ArticleNames) -> list[tuple[int, int, ForeignGov]]:
    """Mentions in `text` of an article's own names: the name with its suffix ("모르반타운시는"), or a
    long enough stem alone before a particle, a word of government or a break ("모르반타운과",
    "슈테글리츠-첼렌도르프 구청")."""
    if not names:
        return []
    tails = _rules().tails
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        plain = _plain(word)
        for stem, entries in names.items():
            if not plain.startswith(stem):
                continue
            rest = plain[len(stem) :]
            hit = next(((s, g) for s, g in entries if rest.startswith(s) and rest[len(s) :] in tails), None)
            if hit is None and len(stem) >= MIN_BARE_STEM and rest in tails:
                hit = ("", entries[0][1])
            if hit is None and not rest:  # "조요 시의원": the suffix apart, before a word of government
                apart = next(((s, g) for s, g in entries if _apart_at(text, m.end(), s)), None)
                if apart is not None:
                    out.append((m.start(), m.end() + 2, apart[1]))
                    break
            if hit is not None:
                out.append((m.start(), m.start() + _width(word, len(stem) + len(hit[0])), hit[1]))
                break
    return out


def _apart_at(text: str, at: int, suffix: str) -> bool:
    """`text` goes on at `at` with a short suffix apart from its stem and a word of government."""
    if suffix not in SHORT_SPACED or text[at : at + 2] != " " + suffix:
        return False
    word = _WORD.match(text, at + 1)
    return _spaced_tail(word.group()[1:] if word else "", _rules())


def _plain(word: str) -> str:
    return word.replace("-", "").replace("‐", "")


def _width(word: str, letters: int) -> int:
    """How many characters of `word` hold its first `letters` letters (hyphens do not count)."""
    seen = 0
    for i, ch in enumerate(word):
        if ch not in "-‐":
            seen += 1
            if seen == letters:
                return i + 1
    return len(word)


def country_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` names a country ("호주와", "파라과이 아순시온시"): no local government stands there."""
    return [m.span(1) for m in _rules().country_any.finditer(text)]
