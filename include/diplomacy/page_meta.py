"""Page metadata from a scraped news page: publication date, publisher, reporter, title.

The header and byline formats are data (``diplomacy/data/page_formats.csv``), one row per
format: a regular expression with named groups (and a cheap ``hint`` a line must match
before the expression is tried), what it yields (``published``, ``edited``,
``publisher``, ``reporter``, ``editor``, ``credit``, or ``skip`` for site-information lines),
where on the page it applies, a trust rank (lower is better) and an example line the tests
read back. A new outlet's byline costs a row, not a release.

Where on the page (the ``zone`` column):
- ``header``: the lines above the first prose paragraph (title, outlet, byline, stamps);
- ``lead``: those lines and the first prose paragraph itself (a credit opening the lead,
  "[서울=뉴시스] 홍길동 기자 = ...");
- ``tail``: the lines below the first paragraph (signatures, footers);
- ``any``: everywhere. A fact found below the first paragraph loses trust, so a stamp in a
  footer ("2013-06-09" under the copyright line) never beats one in the header.

Patterns may use these macros: ``{YMD}`` a dated stamp with groups y, m, d ("2024.11.08",
"2024-11-08", "2013년 06월 09일", "2024.11.08일", "2016年05月27日"), ``{YMD2}`` the same with a two-digit year,
``{TIME}`` an optional weekday and time of day, ``{MDY_EN}``/``{DMY_EN}`` English month names
(group mon), ``{NAME}`` a Korean personal name, ``{B}`` no Hangul or Latin letter before,
``{SEP}`` the separator after a label (":", "|", spaces).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from diplomacy.letters import letter_count

__all__ = [
    "CAPTION_RE",
    "COPYRIGHT_RE",
    "NAV_RE",
    "NOISE_LINES",
    "Fact",
    "Format",
    "PageMeta",
    "credit_end",
    "formats",
    "hangul_ratio",
    "is_prose",
    "is_stamp",
    "line_facts",
    "read_meta",
]

_MON = (
    r"(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?"
)
_MACROS = {
    "{YMD}": r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-./]|년|年)\s*(?P<m>\d{1,2})\s*(?:[-./]|월|月)\s*"
    r"(?P<d>\d{1,2})(?!\d)\.?(?:\s*[일日])?",
    "{YMD2}": r"(?<![\d.])(?P<y>\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?![\d.])",
    "{TIME}": r"(?:\s*[(（]\s*[월화수목금토일](?:요일)?\s*[)）])?(?:\s*|T)[\[(（]?\s*"
    r"(?:(?:오전|오후|AM|PM|am|pm)\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}\s?[시時]\s?\d{1,2}\s?[분分])(?:\s*[\])）])?",
    "{DMY_KO}": r"(?<!\d)(?P<d>\d{1,2})\s+(?P<m>\d{1,2})\s*월\s+(?P<y>(?:19|20)\d{2})(?!\d)",
    "{DMY_NUM}": r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])",
    "{MDY_EN}": _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})",
    "{DMY_EN}": r"(?P<d>\d{1,2})\s+" + _MON + r",?\s+(?P<y>(?:19|20)\d{2})",
    # Two to four syllables that are not a byline word standing where a name would.
    "{NAME}": r"(?!본사|취재|사진|촬영|영상|객원|수습|편집|인턴|시민|명예|기자|회견|간담|설명|협회)[가-힣]{2,4}",
    "{B}": r"(?<![가-힣A-Za-z])",
    "{SEP}": r"\s*[:：|]?\s*",
}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DATE_KINDS = frozenset({"published", "edited"})
_DIGIT = re.compile(r"\d")
_HEAD_ZONES = frozenset({"header", "lead", "any"})
_LEAD_ZONES = frozenset({"lead", "any"})
_TAIL_ZONES = frozenset({"tail", "any"})
_STAMP_ZONES = frozenset({"header", "tail", "any"})  # not "lead": a credit opens text, it is no stamp
_PERSON_KINDS = frozenset({"reporter", "editor"})
_TAIL_PENALTY = 10  # a fact below the first paragraph
_EDIT_PENALTY = 15  # an edit stamp stands in for the publication date only when nothing better is there
_TAIL_LINE_MAX = 120  # longer lines below the first paragraph are prose, not footers
_HEADER_MAX = 40  # the header never runs past this many lines
_MASTHEAD_RANK = 5  # the outlet's name atop the page: below a credit or a source line, above a copyright
_CLUSTER_GAP = 4  # byline lines further apart than this many text lines are not one header
_NOT_SYLLABLE = re.compile(r"[^가-힣]+")
_SENTENCE_END = re.compile(r"(?:다|요|음|함|됨)\.[\"'”’」』)\]]*(?:\s|$)")
CAPTION_RE = re.compile(r"^\s*(?:▲|△|\[사진\]|\[포토\]|<사진|\(사진)")
COPYRIGHT_RE = re.compile(
    r"(?:copyright|ⓒ|©|저작권자|무단\s*전재|무단전재|재배포\s*금지|all rights reserved|版权所有|판권\s?소유)",
    re.I,
)
NAV_RE = re.compile(r"(?:\s(?:[|>]|>>)\s|^\s*(?:(?:홈|home|首页|메인)\s*[>|]|>>))", re.I)
NOISE_LINES = frozenset({"기사 메일전송", "기사수정", "0", "인쇄", "모바일 버전 바로가기"})
_MENU_SPLIT = re.compile(r"\s*(?:\||>|◇|▷|▶|\[|\]|【|】|\s{2,})\s*")
_LIST_MARK = re.compile(r"^[-–•·▶▷■□◆◇○●※*]")
_TITLE_LABEL = re.compile(r"^제\s?목\s*[:：]\s*")
_MASTHEAD_PART = re.compile(r"\s+[|·]\s+.*$")


@dataclass(frozen=True)
class Format:
    name: str
    yields: frozenset[str]
    zone: str  # header | lead | tail | any
    rank: int
    pattern: re.Pattern
    example: str
    expected: str
    families: frozenset[str] = frozenset()  # date | person | publisher: the spans it claims
    hint: re.Pattern | None = None  # a cheap test a line must pass before the pattern is tried


@dataclass(frozen=True)
class Fact:
    kind: str  # published | edited | publisher | reporter | editor | credit
    value: object
    score: int  # the format's rank, plus penalties for where it stood
    line: int
    start: int
    end: int
    fmt: str


@dataclass(frozen=True)
class PageMeta:
    published: date | None
    edited: date | None
    publisher: str | None
    reporter: str | None
    editor: str | None
    title: str | None
    header_end: int  # index of the first line below the header
    lead: int  # index of the first prose paragraph (len(lines) when there is none)
    byline_lines: frozenset[int] = frozenset()  # lines that are stamps or bylines, not text
    credit_cut: dict[int, int] = field(default_factory=dict)  # line -> length of a leading credit


def _expand(pattern: str) -> str:
    for macro, rx in _MACROS.items():
        pattern = pattern.replace(macro, rx)
    return pattern


@cache
def formats() -> tuple[Format, ...]:
    """The rows of page_formats.csv, compiled, best rank first (file order breaks ties)."""
    source = resources.files("diplomacy").joinpath("data/page_formats.csv")
    with source.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        yields = frozenset(r["yields"].split(";"))
        out.append(
            Format(
                name=r["name"],
                yields=yields,
                zone=r["zone"],
                rank=int(r["rank"]),
                pattern=re.compile(_expand(r["pattern"])),
                example=r["example"],
                expected=r["expected"],
                families=_families(yields),
                hint=re.compile(r["hint"]) if r["hint"] else None,
            )
        )
    return tuple(sorted(out, key=lambda f: f.rank))


@cache
def _formats_for(zones: frozenset[str], has_digit: bool, wanted: frozenset[str] | None) -> tuple[Format, ...]:
    """The formats that can match a line of these zones and yield a wanted kind; dates need a digit."""
    return tuple(
        f
        for f in formats()
        if f.zone in zones
        and (has_digit or not f.yields & _DATE_KINDS)
        and (wanted is None or f.yields & wanted or "skip" in f.yields)
    )


@cache
def _any_hint(zones: frozenset[str], has_digit: bool, wanted: frozenset[str] | None) -> re.Pattern:
    """Whether a line passes any of those formats' hints: most header and footer lines pass none."""
    tests = dict.fromkeys(
        f.hint.pattern if f.hint else f.pattern.pattern for f in _formats_for(zones, has_digit, wanted)
    )
    return re.compile("|".join(f"(?:{t})" for t in tests) or "(?!)")


def _year(text: str) -> int:
    y = int(text)
    if y >= 100:
        return y
    return 1900 + y if y >= 90 else 2000 + y  # a 9x two-digit year is the 1990s


def _date_of(m: re.Match) -> date | None:
    groups = m.groupdict()
    try:
        month = _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["m"])
        return date(_year(groups["y"]), month, int(groups["d"]))
    except (KeyError, TypeError, ValueError):
        return None


def _families(yields: frozenset[str]) -> frozenset[str]:
    """Facts of one family claim their span: a date read by one row is not read again by a looser one."""
    fam = set()
    if yields & _DATE_KINDS:
        fam.add("date")
    if yields & _PERSON_KINDS:
        fam.add("person")
    if "publisher" in yields:
        fam.add("publisher")
    return frozenset(fam)


def _values(fmt: Format, m: re.Match) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for kind in sorted(fmt.yields):
        if kind in _DATE_KINDS:
            value = _date_of(m)
        elif kind == "credit":
            value = m.end()
        else:
            value = (m.groupdict().get(kind) or "").strip(" .,·")
        if value:
            out.append((kind, value))
    return out


def line_facts(
    line: str, index: int = 0, zones: frozenset[str] = _HEAD_ZONES, wanted: frozenset[str] | None = None
) -> list[Fact]:
    """Facts of one line under the formats whose zone is in `zones` (and that yield a `wanted`
    kind, when given), best rank first. A site-information line yields nothing."""
    facts: list[Fact] = []
    claimed: dict[str, list[tuple[int, int]]] = {}
    hints: dict[re.Pattern, bool] = {}
    has_digit = _DIGIT.search(line) is not None
    if not _any_hint(zones, has_digit, wanted).search(line):
        return facts
    for fmt in _formats_for(zones, has_digit, wanted):
        if fmt.hint is not None:
            if fmt.hint not in hints:
                hints[fmt.hint] = fmt.hint.search(line) is not None
            if not hints[fmt.hint]:
                continue
        fams = fmt.families
        for m in fmt.pattern.finditer(line):
            if "skip" in fmt.yields:
                return []
            s, e = m.span()
            if any(s < ce and cs < e for fam in fams for cs, ce in claimed.get(fam, ())):
                continue
            values = _values(fmt, m)
            if not values:
                continue
            for fam in fams:
                claimed.setdefault(fam, []).append((s, e))
            facts += [Fact(kind, v, fmt.rank, index, s, e, fmt.name) for kind, v in values]
    return facts


@lru_cache(maxsize=1024)
def hangul_ratio(text: str) -> float:
    """Share of Hangul syllables among letters: tells Korean prose from English copies and code.
    A line of a page is judged by several tests of its reading and cleaning (five times on
    average): the latest answers are kept (lines are at most 20,000 characters, see decode)."""
    letters = letter_count(text)
    return len(_NOT_SYLLABLE.sub("", text)) / letters if letters else 0.0


def is_prose(line: str) -> bool:
    """A paragraph of the article: long Korean text with a finished sentence."""
    return (
        len(line) >= 40
        and not CAPTION_RE.match(line)
        and _SENTENCE_END.search(line) is not None
        and hangul_ratio(line) >= 0.5
    )


def is_menu(line: str) -> bool:
    """A row of menu words ("홈 | 정치 | 경제", "요문  국내  국제", "[메인] [심양]")."""
    tokens = [t for t in _MENU_SPLIT.split(line) if t]
    return len(tokens) >= 3 and max(map(len, tokens)) <= 10


_LABEL_ALONE = re.compile(
    _LIST_MARK.pattern
    + r"?\s*(?:기사\s?)?(?:작성|등록|입력|게재|발행|송고|승인)(?:일시|일자|시간|일)?\s*[:：]?$"
)


def _with_value(lines: list[str], i: int) -> str:
    """Line `i`, or a date label alone on it followed by its value on the next line, as one
    line ("- 작성일자" then "- 2012-07-04" in a page's table of facts: "작성일자 2012-07-04")."""
    ln = lines[i]
    if i + 1 < len(lines) and lines[i + 1] and _LABEL_ALONE.match(ln):
        label = _LIST_MARK.sub("", ln).strip()
        return f"{label} {_LIST_MARK.sub('', lines[i + 1]).strip()}"
    return ln


def _head_facts(lines: list[str], header_stop: int, lead: int) -> list[Fact]:
    """Facts of the header lines and of the lead paragraph."""
    facts: list[Fact] = []
    for i, ln in enumerate(lines[:header_stop]):
        if ln:
            facts += line_facts(_with_value(lines, i), i, _HEAD_ZONES)
    if lead < len(lines) and lead >= header_stop:
        facts += line_facts(lines[lead], lead, _LEAD_ZONES)
    return facts


def _tail_facts(lines: list[str], header_stop: int, lead: int, wanted: frozenset[str]) -> list[Fact]:
    """Facts below the header, read only for what the header lacks, at a loss of trust."""
    facts: list[Fact] = []
    if not wanted:
        return facts
    for i in range(header_stop, len(lines)):
        ln = lines[i]
        if not ln or i == lead or len(ln) > _TAIL_LINE_MAX:
            continue
        for f in line_facts(_with_value(lines, i), i, _TAIL_ZONES, wanted):
            facts.append(Fact(f.kind, f.value, f.score + _TAIL_PENALTY, f.line, f.start, f.end, f.fmt))
    return facts


def credit_end(line: str) -> int:
    """Where a credit that opens a line ends ("(가나일보 홍길동 기자) 가나시는 …"), else 0."""
    ends = [f.value for f in line_facts(line, 0, _LEAD_ZONES, frozenset({"credit"})) if f.kind == "credit"]
    return max(ends, default=0)


def is_stamp(line: str) -> bool:
    """A line that carries a date stamp or a byline of its own (not article text)."""
    kinds = _DATE_KINDS | _PERSON_KINDS
    return any(f.kind in kinds for f in line_facts(line, 0, _STAMP_ZONES))


def _best(facts: list[Fact], *kinds: str) -> Fact | None:
    """The most trusted fact of these kinds; an edit stamp pays a penalty against a publication one."""
    pool = [f for f in facts if f.kind in kinds]
    if not pool:
        return None
    return min(pool, key=lambda f: (f.score + (_EDIT_PENALTY if f.kind == "edited" else 0), f.line))


def _header_end(lines: list[str], header_lines: list[int], anchor: int | None) -> int:
    """The header runs through the byline cluster around the publication stamp: byline lines
    separated by a few lines (a repeated title, a photo credit) belong together; one further
    down (a signature under a short article) does not."""
    if not header_lines:
        return 0
    end = anchor if anchor in header_lines else header_lines[0]
    for i in header_lines:
        if i <= end:
            continue
        if sum(1 for ln in lines[end + 1 : i] if ln) > _CLUSTER_GAP:
            break
        end = i
    return end + 1


def _plain(line: str) -> bool:
    """Not a menu, a breadcrumb, a caption or a boilerplate word."""
    return not (line in NOISE_LINES or NAV_RE.search(line) or is_menu(line) or CAPTION_RE.match(line))


def _title_like(line: str) -> bool:
    line = _TITLE_LABEL.sub("", line)
    return (
        len(line) >= 12
        and len(_NOT_SYLLABLE.sub("", line)) >= 8
        and not _LIST_MARK.match(line)
        and "://" not in line
        and hangul_ratio(line) > 0.3
        and _plain(line)
    )


def _masthead(line: str) -> str | None:
    """The outlet's name at the top of the page: short, a few words, no title punctuation."""
    name = _MASTHEAD_PART.sub("", line).strip()
    if not 2 <= len(name) <= 25 or len(name.split()) > 3 or re.search(r"[,…'\"‘’“”]|\d{4}", name):
        return None
    if _FURNITURE.search(name) or _a_government(name):
        return None  # a site's menu ("본문 바로가기", "최신글") or a place ("포항시"), no outlet
    return name if _plain(line) else None


# Words of a site's navigation and forms, never of an outlet's name.
_FURNITURE = re.compile(
    r"바로가기|메뉴|로그인|회원|검색|입력해|최신글|로고|글자|닫기|열기|구독|공유|전체기사|본문"
)


def _a_government(name: str) -> bool:
    from diplomacy.gazetteer.korean import korean_gazetteer

    return bool(korean_gazetteer().candidates(name))


def _title_and_masthead(lines: list[str], stop: int, bylines: list[int]) -> tuple[str | None, str | None]:
    """The title is the first title-like line above the byline (or, when a stamp opens the page,
    below it). The outlet's name is a short line above the title."""
    skip = set(bylines)
    top = [i for i in range(stop) if lines[i] and lines[i] not in NOISE_LINES and i not in skip]
    titles = [i for i in top if _title_like(lines[i])]
    first_byline = min((i for i in bylines if i < stop), default=stop)
    masthead = None
    for i in top:
        name = _masthead(lines[i])
        others = [j for j in titles if j > i and lines[j] != lines[i]]
        if name and others:
            masthead = name
            titles = [j for j in titles if j != i]
            break
        if i in titles:
            break  # the title comes first: no outlet's name above it
    above = [i for i in titles if i < first_byline]
    pick = above[0] if above else (titles[0] if titles else None)
    title = _TITLE_LABEL.sub("", lines[pick]) if pick is not None else None
    return title, masthead


def _wanted(facts: list[Fact], masthead: str | None) -> frozenset[str]:
    """What the header left unknown, to look for below it."""
    kinds = {f.kind for f in facts}
    wanted = set()
    if not kinds & _DATE_KINDS:
        wanted |= _DATE_KINDS
    if "reporter" not in kinds:
        wanted.add("reporter")
    if "publisher" not in kinds and not masthead:
        wanted.add("publisher")
    return frozenset(wanted)


def read_meta(lines: list[str]) -> PageMeta:
    """Header facts of a page given as stripped lines (empty strings for blank lines)."""
    lead = next((i for i, ln in enumerate(lines) if ln and is_prose(ln)), len(lines))
    footer = next((i for i, ln in enumerate(lines) if i and ln and COPYRIGHT_RE.search(ln)), len(lines))
    header_stop = min(lead, footer, _HEADER_MAX)
    facts = _head_facts(lines, header_stop, lead)
    people = _DATE_KINDS | _PERSON_KINDS
    head_bylines = sorted({f.line for f in facts if f.kind in people and f.line != lead})
    stamp = _best(facts, "published", "edited")
    header_end = _header_end(lines, head_bylines, stamp.line if stamp else None)
    title, masthead = _title_and_masthead(lines, max(header_end, min(lead, header_stop, 12)), head_bylines)
    facts += _tail_facts(lines, header_stop, lead, _wanted(facts, masthead))
    published, edited, publisher = (
        _best(facts, *k) for k in (("published", "edited"), ("edited",), ("publisher",))
    )
    if masthead and (publisher is None or publisher.score > _MASTHEAD_RANK):
        publisher = Fact("publisher", masthead, _MASTHEAD_RANK, 0, 0, 0, "masthead")
    reporter = _best(facts, "reporter") or _best(facts, "editor")
    editor = _best(facts, "editor")
    credit_cut: dict[int, int] = {}
    for f in facts:
        if f.kind == "credit":
            credit_cut[f.line] = max(credit_cut.get(f.line, 0), int(f.value))
    return PageMeta(
        published=published.value if published else None,
        edited=edited.value if edited else None,
        publisher=publisher.value if publisher else None,
        reporter=reporter.value if reporter else None,
        editor=editor.value if editor else None,
        title=title,
        header_end=header_end,
        lead=lead,
        byline_lines=frozenset(f.line for f in facts if f.kind in people and f.line != lead),
        credit_cut=credit_cut,
    )
