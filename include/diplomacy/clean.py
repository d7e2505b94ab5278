"""Turn a scraped news page into an article: title, byline facts and the body alone.

Scrapers save whole pages: menus, headline lists, comment forms, copyright lines and,
on some sites, a machine-translated English copy of the article. Only the body may feed
extraction, otherwise a headline about another city becomes an event. The rules are
data-light on purpose: they key on the shapes pages share (bylines, copyright marks,
list bullets), never on a given outlet's name. The header and byline formats themselves
are data, read by diplomacy.page_meta (diplomacy/data/page_formats.csv).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from diplomacy.letters import letter_count
from diplomacy.page_meta import (
    CAPTION_RE,
    COPYRIGHT_RE,
    NAV_RE,
    NOISE_LINES,
    PageMeta,
    credit_end,
    hangul_ratio,
    is_prose,
    is_stamp,
    read_meta,
)

__all__ = ["CleanArticle", "clean_page", "hangul_ratio"]


@dataclass(frozen=True)
class CleanArticle:
    title: str | None
    publisher: str | None
    reporter: str | None
    published_date: date | None
    body: str
    dropped_lines: int


_END_MARKERS = re.compile(
    r"^\s*(?:[\[【▶■◆•·\-]\s*)?(?:관련\s*기사|\(끝\)|출처\s*:|\(?편집자\s*주|이\s*기사\s*좋아요|도배방지|닉네임|로그인|◎|관련\s*뉴스|많이\s*본|가장\s*많이|실시간|인기\s*기사|주요\s*기사|최신\s*기사|"
    r"이\s*시각|함께\s*읽|기사\s*댓글|댓글|독자\s*의견|포토\s*뉴스|이전\s*기사|목록\s*바로가기|"
    r"이\s*기사를\s*공유|책임편집|\S*\s*최근\s*기사)"
)
_MT_MARKERS = re.compile(
    r"(기계\s*번역|구글\s*번역|translated by machine|machine translation|영문\s*기사)", re.I
)
_LIST_ITEM_RE = re.compile(r"^\s*(?:\d{1,2}[.)]?\s|[·•▶\-]\s)")
_CONTACT_RE = re.compile(r"\S+@\S+\.\S+")
_SIGNATURE_RE = re.compile(r"^[/\s(]*[가-힣]{2,4}\s?기자\)?(?:\s+\S+@\S+)?\s*$")


def _looks_english(line: str) -> bool:
    return letter_count(line) >= 20 and hangul_ratio(line) < 0.1


# A photo caption without its mark: someone placed in the picture ("(사진 오른쪽)", "(왼쪽 셋째)")
# doing something in the present progressive ("… 교환하고 있다.")
_UNMARKED_CAPTION = re.compile(
    r"\((?:사진\s*)?(?:오른쪽|왼쪽|가운데|앞줄|뒷줄)[^)]{0,12}\).*[고\s]있다\.?\s*(?:[(<\[][^)>\]]{0,30}[)>\]])?\s*$"
)


def _skip(ln: str, i: int, meta: PageMeta, seen: set[str]) -> bool:
    """Lines that are page furniture, not article text."""
    return (
        ln in NOISE_LINES
        or ln == meta.title
        or i in meta.byline_lines
        or CAPTION_RE.match(ln) is not None
        or _UNMARKED_CAPTION.search(ln) is not None
        or _looks_english(ln)
        or NAV_RE.search(ln) is not None
        or (hangul_ratio(ln) < 0.3 and len(ln) < 40)
        or ln in seen
        or (len(ln) < 80 and is_stamp(ln))
    )


def _closes(ln: str, has_body: bool) -> bool:
    """A line that ends the article once some body is there: a contact line, a signature."""
    if not has_body:
        return False
    return (len(ln) < 80 and _CONTACT_RE.search(ln) is not None) or _SIGNATURE_RE.match(ln) is not None


def _list_follows(lines: list[str], i: int) -> bool:
    """The next text line after line `i` is a list item too, or there is none."""
    nxt = next((ln for ln in lines[i + 1 :] if ln), None)
    return nxt is None or _LIST_ITEM_RE.match(nxt) is not None


def _body(lines: list[str], start: int, meta: PageMeta) -> tuple[list[str], int]:
    """The article's own paragraphs from `start` on, and how many lines were dropped."""
    body: list[str] = []
    dropped = 0
    seen: set[str] = set()
    prose_seen = False
    for i in range(start, len(lines)):
        ln = lines[i]
        if not ln:
            continue
        if _MT_MARKERS.search(ln) and len(ln) < 400:
            dropped += 1
            break
        if COPYRIGHT_RE.search(ln) or _END_MARKERS.match(ln):
            if body:  # boilerplate that closes the article; above the body it is a menu
                break
            dropped += 1
            continue
        if prose_seen and _LIST_ITEM_RE.match(ln) and not ln.rstrip().endswith(("다.", "다")):
            if _list_follows(lines, i):
                break  # a list of other headlines follows the article
            dropped += 1  # one bulleted label before prose ("- 내용"): the article goes on
            continue
        if _closes(ln, bool(body)):
            break
        cut = meta.credit_cut.get(i) or (credit_end(ln) if is_prose(ln) else 0)
        if cut:  # a credit opening the lead, or a paragraph below a caption mistaken for the lead
            ln = ln[cut:].strip()
            if not ln:
                continue
        if _skip(ln, i, meta, seen) or (len(ln) < 80 and _CONTACT_RE.search(ln)):
            dropped += 1
            continue
        seen.add(ln)
        body.append(ln)
        prose_seen = prose_seen or not _LIST_ITEM_RE.match(ln)
    return body, dropped


def _prose(lines: list[str]) -> int:
    return sum(len(ln) for ln in lines if is_prose(ln))


def _more_prose(lines: list[str], meta: PageMeta, body: list[str], dropped: int) -> tuple[list[str], int]:
    """The body read again from the first paragraph when the first reading kept less than a third
    of the page's prose (a stamp or a menu guessed as the article's end); nothing is lost."""
    page, kept = _prose(lines), _prose(body)
    if page < 120 or kept * 3 >= page or meta.lead >= len(lines):
        return body, dropped
    again, again_dropped = _body(lines, meta.lead, meta)
    return (again, again_dropped) if _prose(again) > kept else (body, dropped)


def clean_page(raw: str) -> CleanArticle:
    """Split a page into header facts and body; pure, so it runs the same in a task or a test."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    stripped = [ln.replace("\u00a0", " ").strip() for ln in text.split("\n")]
    meta = read_meta(stripped)
    body, dropped = _body(stripped, meta.header_end, meta)
    if not body and meta.header_end:
        body, dropped = _body(stripped, 0, meta)  # a header guess that swallowed the article
    body, dropped = _more_prose(stripped, meta, body, dropped)
    return CleanArticle(
        title=meta.title,
        publisher=meta.publisher,
        reporter=meta.reporter,
        published_date=meta.published,
        body="\n".join(body),
        dropped_lines=dropped,
    )
