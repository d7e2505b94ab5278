"""Turn a scraped news page into an article: title, byline facts and the body alone.

Scrapers save whole pages: menus, headline lists, comment forms, copyright lines and,
on some sites, a machine-translated English copy of the article. Only the body may feed
extraction, otherwise a headline about another city becomes an event. The rules are
data-light on purpose: they key on the shapes pages share (bylines, copyright marks,
list bullets), never on a given outlet's name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from diplomacy.letters import letter_count

__all__ = ["CleanArticle", "clean_page", "hangul_ratio"]


@dataclass(frozen=True)
class CleanArticle:
    title: str | None
    publisher: str | None
    reporter: str | None
    published_date: date | None
    body: str
    dropped_lines: int


_DATE = r"(?P<y>(?:19|20)\d{2})\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})"
# Labels that introduce the first publication of an article, in the order of trust.
_PUB_LABELS = ("기사입력", "기사등록", "등록일시", "발표시간", "입력", "등록", "승인", "게재", "발행", "송고")
_EDIT_LABELS = ("수정", "최종수정", "업데이트")
_DATE_RE = re.compile(_DATE)
_LABELLED_DATE_RE = re.compile(
    r"(?P<label>" + "|".join(_PUB_LABELS + _EDIT_LABELS) + r")\s*[:：]?\s*" + _DATE
)

_REPORTER_RE = re.compile(r"(?:^|[\s\[=|/(])(?P<name>[가-힣]{2,4})\s?(?:[가-힣0-9]{0,12})?기자(?![가-힣])")
_BRACKET_CREDIT_RE = re.compile(
    r"^\s*[\[【(]\s*(?P<pub>[^\]】)=]{2,30}?)\s*(?:=|\s)\s*(?:[가-힣 ]{0,12}?)(?P<name>[가-힣]{2,4})\s?기자\s*[\]】)]"
)
_COPYRIGHT_RE = re.compile(
    r"(?:copyright|ⓒ|©|저작권자|무단\s*전재|무단전재|재배포\s*금지|all rights reserved|版权所有)", re.I
)
_END_MARKERS = re.compile(
    r"^\s*(?:[\[【▶■◆•·\-]\s*)?(?:관련\s*기사|\(끝\)|출처\s*:|\(?편집자\s*주|이\s*기사\s*좋아요|도배방지|닉네임|로그인|◎|관련\s*뉴스|많이\s*본|가장\s*많이|실시간|인기\s*기사|주요\s*기사|최신\s*기사|"
    r"이\s*시각|함께\s*읽|기사\s*댓글|댓글|독자\s*의견|포토\s*뉴스|이전\s*기사|목록\s*바로가기|"
    r"이\s*기사를\s*공유|책임편집|\S*\s*최근\s*기사)"
)
_MT_MARKERS = re.compile(
    r"(기계\s*번역|구글\s*번역|translated by machine|machine translation|영문\s*기사)", re.I
)
_CAPTION_RE = re.compile(r"^\s*(?:▲|△|\[사진\]|\[포토\]|<사진|\(사진)")
_LIST_ITEM_RE = re.compile(r"^\s*(?:\d{1,2}[.)]?\s|[·•▶\-]\s)")
_NAV_RE = re.compile(r"(?:\s[|>]\s|^\s*(?:홈|home|首页|메인)\s*[>|])", re.I)
_NOISE_LINES = {"기사 메일전송", "기사수정", "0", "인쇄", "모바일 버전 바로가기"}


_NOT_SYLLABLE = re.compile(r"[^가-힣]+")


def hangul_ratio(text: str) -> float:
    """Share of Hangul syllables among letters: tells Korean prose from English copies and code."""
    letters = letter_count(text)
    return len(_NOT_SYLLABLE.sub("", text)) / letters if letters else 0.0


def _parse_date(m: re.Match) -> date | None:
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def _publication_date(header: list[str]) -> date | None:
    """The first-publication stamp; an edit stamp only when nothing else is there."""
    best: tuple[int, date] | None = None
    for line in header:
        for m in _LABELLED_DATE_RE.finditer(line):
            d = _parse_date(m)
            if d is None:
                continue
            rank = 0 if m["label"] in _PUB_LABELS else 1
            if best is None or rank < best[0]:
                best = (rank, d)
        if best and best[0] == 0:
            return best[1]
    if best:
        return best[1]
    for line in header:
        # A bare stamp ("2024.06.21 15:31 | 조회 214") beside a byline or a time of day.
        for m in _DATE_RE.finditer(line):
            rest = line[m.end() :]
            if re.match(r"\s*(?:\[|\(|오전|오후|\d{1,2}:\d{2})", rest) or "기자" in line:
                d = _parse_date(m)
                if d:
                    return d
    return None


def _is_byline(line: str) -> bool:
    if _LABELLED_DATE_RE.search(line):
        return True
    if "기자" in line and len(line) < 60 and (_DATE_RE.search(line) or "|" in line or "•" in line):
        return True
    return bool(re.match(r"^\s*[•·]?\s*[가-힣]{2,4}\s?(?:[가-힣0-9]{0,12})?기자\s*$", line))


def _looks_english(line: str) -> bool:
    return letter_count(line) >= 20 and hangul_ratio(line) < 0.1


def clean_page(raw: str) -> CleanArticle:
    """Split a page into header facts and body; pure, so it runs the same in a task or a test."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln.replace("\u00a0", " ").rstrip() for ln in text.split("\n")]
    stripped = [ln.strip() for ln in lines]

    # The header ends at the last byline among the first lines: titles, outlet name, stamps.
    byline_idx = [i for i, ln in enumerate(stripped[:40]) if ln and _is_byline(ln)]
    header_end = byline_idx[-1] + 1 if byline_idx else 0
    header = stripped[: max(header_end, 1)] if byline_idx else stripped[:12]
    published = _publication_date(header if byline_idx else stripped[:20])

    title = None
    publisher = None
    first_lines = [ln for ln in stripped[: (byline_idx[0] if byline_idx else 12)] if ln]
    for ln in first_lines:
        if ln in _NOISE_LINES or _NAV_RE.search(ln):
            continue
        if len(ln) >= 12 and hangul_ratio(ln) > 0.3 and title is None:
            title = ln
        elif publisher is None and title is None and len(ln) < 30 and not _DATE_RE.search(ln):
            publisher = ln

    reporter = None
    for ln in header:
        m = _REPORTER_RE.search(ln)
        if m:
            reporter = m["name"]
            break

    body: list[str] = []
    dropped = 0
    seen: set[str] = set()
    prose_seen = False
    for ln in stripped[header_end:]:
        if not ln:
            continue
        if _MT_MARKERS.search(ln) and len(ln) < 400:
            dropped += 1
            break
        if _COPYRIGHT_RE.search(ln) or _END_MARKERS.match(ln):
            if body:  # boilerplate that closes the article; above the body it is a menu
                break
            dropped += 1
            continue
        if prose_seen and _LIST_ITEM_RE.match(ln) and not ln.rstrip().endswith(("다.", "다")):
            break  # a list of other headlines follows the article
        credit = _BRACKET_CREDIT_RE.match(ln)
        if credit:
            publisher = publisher or credit["pub"].strip()
            reporter = reporter or credit["name"]
            ln = ln[credit.end() :].strip()
            if not ln:
                continue
        if (
            ln in _NOISE_LINES
            or ln == title
            or _is_byline(ln)
            or _CAPTION_RE.match(ln)
            or _looks_english(ln)
            or _NAV_RE.search(ln)
            or (hangul_ratio(ln) < 0.3 and len(ln) < 40)
            or ln in seen
        ):
            dropped += 1
            continue
        if len(ln) < 80 and re.search(r"\S+@\S+\.\S+", ln):
            break  # a contact line ("제보: news@...", "name 기자 email") closes the body
        # A trailing "name 기자" signature closes the body.
        if re.match(r"^[/\s]*[가-힣]{2,4}\s?기자(?:\s+\S+@\S+)?\s*$", ln):
            reporter = reporter or re.search(r"[가-힣]{2,4}", ln).group(0)
            break
        seen.add(ln)
        body.append(ln)
        prose_seen = prose_seen or not _LIST_ITEM_RE.match(ln)

    if publisher is None:
        for ln in stripped:
            m = re.search(r"(?:copyright\s*)?[ⓒ©]\s*([^\s|,<>\]]+)", ln, re.I)
            if m and _COPYRIGHT_RE.search(ln):
                publisher = m.group(1).strip(".")
                break
    return CleanArticle(
        title=title,
        publisher=publisher,
        reporter=reporter,
        published_date=published,
        body="\n".join(body),
        dropped_lines=dropped,
    )
