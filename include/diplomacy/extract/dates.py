"""Date expressions of Korean news, resolved against the article's publication date.

News dates are mostly relative ("지난 10일", "오는 13일", "지난달 28일", "지난해 11월"): the
day number is the article's own, and the month and year come from the publication date
and the marker. Each mention keeps its character span so the extractor can tell which
date belongs to which clause, and a precision (day, month, year) per the data contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise

from diplomacy.extract import rules

__all__ = ["DateMention", "find_dates", "stated_span"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: date | None  # None for anaphora ("이날") the extractor resolves from context
    precision: str  # day | month | year | ref
    future: bool = False  # marked as ahead of publication ("오는", "다음 달", "내년")
    past: bool = False  # marked as behind publication ("지난", "지난해", "앞서")
    explicit_year: bool = False  # the year is written out ("1994년", "2023.10.5")
    role: str = "event"  # event | report ("11일 밝혔다", "11일 시에 따르면") | reference ("'18년 이후")
    # | range_start ("3일부터") | range_end ("~5일", "5일까지")

    @property
    def usable(self) -> bool:
        """A date an event can take: not the day a press release was issued, not a reference point."""
        return self.role in ("event", "range_start")


_DOW = r"(?:\s*\((?:월|화|수|목|금|토|일)(?:요일)?\))?"
_NUM = r"(\d{1,2})"

_PATTERNS: list[tuple[str, str]] = [
    # spans that look like dates but are durations, year ranges or the year in a quoted title
    # ("‘2024년 OO축제’"): claimed first, never dates
    (
        "skip",
        r"(?<=[‘“\"'<《「])\s?(?:19|20)\d{2}\s?년?(?=\s?[가-힣][가-힣A-Za-z0-9·]*(?:\s[가-힣A-Za-z0-9·]+){0,2}[’”\"'>》」])|\d+\s*박\s*\d+\s*일|\d+\s*(?:일|년|개월)\s*(?:간|째|동안|만에|만의)|(?:19|20)\d{2}\s*[~∼\-]\s*(?:19|20)?\d{2}\s*년?",
    ),
    # full dates
    # "2019년에는 9월 26일": a topic particle between the year and the month-day
    ("ymd", r"(?<!\d)((?:19|20)\d{2})\s*년(?:에는|에|엔)?\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일" + _DOW),
    ("ymd_num", r"(?<![\d.])((?:19|20)\d{2})[.\-/]\s?(\d{1,2})[.\-/]\s?(\d{1,2})(?![\d])"),
    ("ym", r"(?<!\d)((?:19|20)\d{2})\s*년(?:에는|에|엔)?\s*(\d{1,2})\s*월(?!\s*\d{1,2}\s*일)"),
    # two-digit years with a month ("16년 7월 5일", "지난 16년 7월", "'16년 7월"): 2016, a 9x year 199x
    ("yy_md", r"(?<![\d.])(?:[‘’'`]\s?)?(\d{2})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일" + _DOW),
    ("yy_m", r"(?<![\d.])(?:[‘’'`]\s?)?(\d{2})\s*년\s*(\d{1,2})\s*월(?!\s*\d{1,2}\s*일)"),
    ("rel_year_md", r"(지난해|작년|올해|금년|내년|이듬해|그해)\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"),
    ("rel_year_m", r"(지난해|작년|올해|금년|내년|이듬해|그해)\s*(\d{1,2})\s*월(?!\s*\d{1,2}\s*일)"),
    (
        "rel_month_d",
        r"(지난달|지난\s*달|이달|이번\s*달|다음\s*달|내달|오는\s*달)\s*" + _NUM + r"\s*일" + _DOW,
    ),
    ("rel_month", r"(지난달|지난\s*달|다음\s*달|내달|(?<![가-힣])이달|이번\s*달)(?!\s*\d)"),
    ("range_md", r"(?<!\d)" + _NUM + r"\s*월\s*" + _NUM + r"\s*[~∼\-]\s*\d{1,2}\s*일"),
    ("md", r"(?:(지난|오는|올|이번)\s*)?(?<!\d)" + _NUM + r"\s*월\s*" + _NUM + r"\s*일" + _DOW),
    (
        "m",
        r"(?:(지난|오는|올|이번)\s*)?(?<![\d~])"
        + _NUM
        + r"\s*월(?!\s*\d)(?![가-힣]*(?:까지|말|초순|중순|하순))",
    ),
    ("range_d", r"(?:(지난|오는)\s*)?(?<![\d.~])" + _NUM + r"\s*[~∼\-]\s*\d{1,2}\s*일"),
    ("d", r"(?:(지난|오는)\s*)?(?<![\d.~∼\-/])" + _NUM + r"\s*일" + _DOW + r"(?![간째차])"),
    ("yy", r"[‘’'`]\s?(\d{2})\s*년"),
    ("season", r"(지난해|작년|올해|금년|내년)\s*(봄|여름|가을|겨울|상반기|하반기|초)"),
    ("y", r"(?<![\d~∼\-])((?:19|20)\d{2})\s*년(?!\s*\d{1,2}\s*월)(?!\s*[~∼\-])(?!\s*(?:간|동안|만에|째))"),
    (
        "rel_year",
        r"(지난해|작년|내년|그해|이듬해)(?!\s*\d{1,2}\s*월)(?!\s*(?:봄|여름|가을|겨울|상반기|하반기|초))",
    ),
    ("ref", r"(이날|같은\s*날|당일|이튿날|다음\s*날|도착\s*당일)"),
    # "전날" as an adverb (sentence start, after a subject/topic or a report source): the day
    # before the day the sentence gives ("15일 시에 따르면 … 전날 방문해"), else before publication;
    # "행사 전날" (the eve of something) is not matched
    ("eve", r"(?:(?<=^)|(?<=[은는이가,]\s)|(?<=따르면\s))전날(?=\s|에)"),
]
_COMPILED = [(kind, re.compile(p)) for kind, p in _PATTERNS]
# Most sentences of a body hold no digit, and only these patterns can match without one;
# the test suite checks the claim on digit-free text (tests/extract/test_dates.py).
_WORD_KINDS = frozenset({"rel_month", "season", "rel_year", "ref", "eve"})
_COMPILED_WORDS = [(kind, rx) for kind, rx in _COMPILED if kind in _WORD_KINDS]
_DIGIT = re.compile(r"\d")
# Every match of these patterns holds one of its words, so a sentence with none of them skips the
# pattern (most sentences with a digit hold no 월, many no 일); the test suite checks the claim.
_MONTH, _DAY, _YEAR = ("월",), ("일",), ("년",)
_NEEDS: dict[str, tuple[str, ...]] = {
    "ymd": _MONTH,
    "ym": _MONTH,
    "yy_md": _MONTH,
    "yy_m": _MONTH,
    "rel_year_md": _MONTH,
    "rel_year_m": _MONTH,
    "rel_month_d": _DAY,
    "rel_month": ("달",),
    "range_md": _MONTH,
    "md": _MONTH,
    "m": _MONTH,
    "range_d": _DAY,
    "d": _DAY,
    "yy": _YEAR,
    "season": ("지난해", "작년", "올해", "금년", "내년"),
    "y": _YEAR,
    "rel_year": ("지난해", "작년", "내년", "그해", "이듬해"),
    "ref": ("날", "당일"),
    "eve": ("전날",),
}
_EXPLICIT_YEAR = {"ymd", "ymd_num", "ym", "y", "yy", "yy_md", "yy_m"}
_REPORT = re.compile(r"^\s?(?:오전|오후)?\s?(?:밝혔|전했|발표했|알렸|말했|설명했|보도했|덧붙였)")
_REFERENCE = re.compile(
    r"^\s?(?:(?:자매결연|우호결연|결연|우호교류|수교)\s)?(?:이후|이래|만에|만의|만이다|이전|전후|인\s?(?:19|20)\d\d)"
)  # "1991년 자매결연 이후": the time a standing relation runs from, no act's date
_RANGE = re.compile(r"^\s?(?:부터|~|∼)")
_YEAR_KINDS = frozenset({"y", "yy", "rel_year"})
_STANDING = re.compile(r"^\s?부터\s?[^.,]{0,20}?(?:이어|지속|계속|꾸준|해\s?오|해\s?왔|유지)")


def _role(after: str, kind: str) -> str:
    if kind == "ref":
        return "event"
    if _REPORT.match(after) or rules.rx("date_source_after").match(after):
        return "report"
    if rules.rx("date_until_after").match(after):  # "9~12일까지": a stated span, dated by its first day
        return "range_start" if kind in ("range_md", "range_d") else "range_end"
    if _REFERENCE.match(after):
        return "reference"
    if _RANGE.match(after):
        # "2013년부터 교류를 이어온": a year a standing relation runs from dates no act
        standing = kind in _YEAR_KINDS and _STANDING.match(after) is not None
        return "reference" if standing else "range_start"
    return "event"


def _safe(y: int, m: int, d: int = 1) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def _two_digit_year(yy: int, pub: date) -> int:
    """'16 is 2016; a year that would lie more than ten years past publication ('95, '88) is 19xx."""
    return 2000 + yy if yy < 90 and 2000 + yy <= pub.year + 10 else 1900 + yy


def _resolve_two_digit(kind: str, g: tuple, pub: date):
    y = _two_digit_year(int(g[0]), pub)
    if kind == "yy":
        return (date(y, 1, 1), "year", False, y < pub.year)
    v = _safe(y, int(g[1]), int(g[2]) if kind == "yy_md" else 1)
    if v is None:
        return None
    if kind == "yy_m":
        return (v, "month", False, False)
    return (v, "day", v > pub, v < pub)


def _year_word(word: str, pub: date, last_year: int | None) -> int:
    if word in ("지난해", "작년"):
        return pub.year - 1
    if word == "내년":
        return pub.year + 1
    if word in ("그해", "이듬해") and last_year:
        return last_year + (1 if word == "이듬해" else 0)
    return pub.year


def find_dates(
    text: str,
    published: date,
    *,
    last_year: int | None = None,
    span: tuple[date, date] | None = None,
    trip: tuple[date, date] | None = None,
) -> list[DateMention]:
    """All date mentions of `text`, left to right, non-overlapping, resolved against `published`.

    `last_year` is the year of the latest explicit year mentioned before `text` (for "그해");
    `span` the stay the sentence before stated ("10월 4일부터 7일까지"): a bare day inside it is
    of its month ("대표단은 5일 …" is October 5th). `trip` the latest stay the article stated: its
    days told by their order ("첫날", "둘째 날", "마지막 날") are days of it.
    """
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    kinds: dict[int, str] = {}
    for kind, rx in _COMPILED if _DIGIT.search(text) else _COMPILED_WORDS:
        if not _may_match(kind, text):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "skip":
                taken.append((s, e))
                continue
            mention = _resolve(kind, m, published, last_year)
            if mention is None:
                continue
            taken.append((s, e))
            kinds[s] = kind if not (m.groups() and m.group(1) in ("지난", "오는", "올", "이번")) else "marked"
            out.append(
                DateMention(
                    s,
                    e,
                    *mention,
                    explicit_year=kind in _EXPLICIT_YEAR,
                    role="range_end"
                    if re.search(r"(?:부터|까지|~|∼)\s*$", text[max(0, s - 4) : s])
                    else _role(text[e : e + 24], kind),
                )
            )
            if mention[0] is not None:
                last_year = mention[0].year if kind in _EXPLICIT_YEAR else last_year
    if trip is not None:
        out += [d for d in _trip_days(text, trip) if not any(d.start < te and ts < d.end for ts, te in taken)]
    out.sort(key=lambda d: d.start)
    out = _carry_month(_carry_year(out, kinds, published), kinds, published, span)
    return _resolve_eve(out, kinds, published)


_ORDINAL_DAY = re.compile(r"(첫|둘째|셋째|넷째|다섯째|마지막)\s?날")
_ORDINALS = {"첫": 0, "둘째": 1, "셋째": 2, "넷째": 3, "다섯째": 4}


def _trip_days(text: str, trip: tuple[date, date]) -> list[DateMention]:
    """ "둘째 날", "마지막 날": days of the stated stay, counted from its first (the last is its end)."""
    out = []
    start, end = trip
    for m in _ORDINAL_DAY.finditer(text):
        day = end if m.group(1) == "마지막" else start + timedelta(days=_ORDINALS[m.group(1)])
        if day <= end:
            out.append(DateMention(m.start(), m.end(), day, "day", False, False, False, "event"))
    return out


def _may_match(kind: str, text: str) -> bool:
    needs = _NEEDS.get(kind)
    return needs is None or any(word in text for word in needs)


def stated_span(found: list[DateMention]) -> tuple[date, date] | None:
    """The stay a sentence states: a day-precise start followed by a day-precise end."""
    for a, b in pairwise(found):
        ends = a.role == "range_start" and b.role == "range_end" and a.precision == b.precision == "day"
        if ends and a.value is not None and b.value is not None and a.value <= b.value:
            return a.value, b.value
    return None


# A bare day after a day with its month in the same sentence is of that month ("10월 11일부터
# 머물며 12일 …" is October 12th; "9월 30일 출국해 2일 …" is October 2nd), not of publication's.
_MONTHED = frozenset({"ymd", "ymd_num", "yy_md", "rel_year_md", "rel_month_d", "md", "range_md"})


def _carry_month(
    out: list[DateMention], kinds: dict[int, str], pub: date, span: tuple[date, date] | None
) -> list[DateMention]:
    anchor: date | None = None
    for i, d in enumerate(out):
        kind = kinds.get(d.start, "")
        if kind in _MONTHED and d.value is not None and d.precision == "day" and d.usable:
            anchor = d.value
        elif kind in ("d", "range_d") and anchor is None and span is not None and d.value is not None:
            v = _safe(span[0].year, span[0].month, d.value.day)
            if v is not None and span[0] <= v <= span[1] and v != d.value:
                out[i] = replace(d, value=v, future=v > pub, past=v < pub)
        elif kind in ("d", "range_d") and anchor is not None and d.value is not None:
            y, m = (
                (anchor.year, anchor.month)
                if d.value.day >= anchor.day
                else _shift_month(anchor.year, anchor.month, 1)
            )
            v = _safe(y, m, d.value.day)
            if v is not None and v != d.value:
                out[i] = replace(d, value=v, future=v > pub, past=v < pub)
    return out


def _resolve_eve(out: list[DateMention], kinds: dict[int, str], pub: date) -> list[DateMention]:
    """ "전날" is the day before the latest day-precise date before it in the sentence, else before `pub`."""
    for i, d in enumerate(out):
        if kinds.get(d.start) != "eve":
            continue
        days = [p.value for p in out[:i] if p.value is not None and p.precision == "day"]
        v = (days[-1] if days else pub) - timedelta(days=1)
        out[i] = replace(d, value=v, past=v < pub, future=v > pub)
    return out


# A month-day without a year marker inherits the year of the date before it in the sentence
# ("지난해 11월 5일 … 12월 20일에는" is December of last year, not of this year).
_YEARED = frozenset({"ymd", "ymd_num", "ym", "rel_year_md", "rel_year_m", "yy_md", "yy_m"})
_BARE = frozenset({"md", "m", "range_md"})


def _carry_year(out: list[DateMention], kinds: dict[int, str], pub: date) -> list[DateMention]:
    anchor: int | None = None
    for i, d in enumerate(out):
        kind = kinds.get(d.start, "")
        if kind in _YEARED and d.value is not None:
            anchor = d.value.year
        elif kind in _BARE and anchor is not None and d.value is not None and d.value.year != anchor:
            v = _safe(anchor, d.value.month, d.value.day)
            if v is not None:
                out[i] = replace(d, value=v, future=v > pub, past=v < pub)
    return out


def _resolve(kind: str, m: re.Match, pub: date, last_year: int | None):
    g = m.groups()
    if kind in ("yy", "yy_md", "yy_m"):
        return _resolve_two_digit(kind, g, pub)
    if kind in ("ymd", "ymd_num"):
        v = _safe(int(g[0]), int(g[1]), int(g[2]))
        return (v, "day", v is not None and v > pub, v is not None and v < pub) if v else None
    if kind == "ym":
        v = _safe(int(g[0]), int(g[1]))
        return (v, "month", False, False) if v else None
    if kind in ("rel_year_md", "rel_year_m"):
        y = _year_word(g[0], pub, last_year)
        v = _safe(y, int(g[1]), int(g[2]) if kind == "rel_year_md" else 1)
        prec = "day" if kind == "rel_year_md" else "month"
        return (v, prec, y > pub.year, y < pub.year) if v else None
    if kind == "rel_month_d":
        word = g[0].replace(" ", "")
        delta = {"지난달": -1, "이달": 0, "이번달": 0, "다음달": 1, "내달": 1, "오는달": 1}[word]
        y, mo = _shift_month(pub.year, pub.month, delta)
        v = _safe(y, mo, int(g[1]))
        return (v, "day", delta > 0, delta < 0) if v else None
    if kind == "rel_month":
        delta = {"지난달": -1, "이달": 0, "이번달": 0}.get(g[0].replace(" ", ""), 1)
        y, mo = _shift_month(pub.year, pub.month, delta)
        return (date(y, mo, 1), "month", delta > 0, delta < 0)
    if kind in ("md", "range_md", "m"):
        marker = g[0] if kind != "range_md" else None
        month = int(g[1] if kind != "range_md" else g[0])
        day = int(g[2]) if kind == "md" else int(g[1]) if kind == "range_md" else 1
        if not 1 <= month <= 12:
            return None
        y = pub.year
        v = _safe(y, month, day)
        if v is None:
            return None
        if marker == "지난" and v > pub:
            v = _safe(y - 1, month, day)
        elif marker == "오는" and v < pub:
            v = _safe(y + 1, month, day)
        elif marker is None and (v - pub).days > 183:
            v = _safe(y - 1, month, day)  # "11월" in a January article is last November
        prec = "month" if kind == "m" else "day"
        return (v, prec, marker == "오는", marker == "지난") if v else None
    if kind in ("d", "range_d"):
        marker = g[0]
        day = int(g[1])
        if not 1 <= day <= 31:
            return None
        y, mo = pub.year, pub.month
        if marker == "지난" and day > pub.day:
            y, mo = _shift_month(y, mo, -1)
        elif marker == "오는" and day < pub.day:
            y, mo = _shift_month(y, mo, 1)
        elif marker is None and day > pub.day + 7:
            y, mo = _shift_month(y, mo, -1)  # a bare day well past publication is last month's
        v = _safe(y, mo, day)
        return (v, "day", marker == "오는", marker == "지난") if v else None
    if kind == "season":
        y = _year_word(g[0], pub, last_year)
        return (date(y, 1, 1), "year", y > pub.year or g[0] == "내년", y < pub.year)
    if kind == "y":
        y = int(g[0])
        if y > pub.year + 5:
            return None
        return (date(y, 1, 1), "year", y > pub.year, y < pub.year)
    if kind == "rel_year":
        if g[0] in ("그해", "이듬해") and last_year is None:
            return None
        y = _year_word(g[0], pub, last_year)
        return (date(y, 1, 1), "year", y > pub.year, y < pub.year)
    if kind == "ref":
        return (None, "ref", False, False)
    if kind == "eve":
        return (pub - timedelta(days=1), "day", False, True)  # re-anchored by _resolve_eve
    return None
