"""The header and byline formats of diplomacy/data/page_formats.csv, one test per row.

Each row's example line is set in a small invented page where its zone says it stands (above
the body, opening the body, or under it) and the page's facts must be the row's expected ones.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from diplomacy.page_meta import formats, line_facts, read_meta

TITLE = "가나시, 일본 다마시와 청소년 교류 협약 체결"
BODY = [
    "가나시는 13일 시청에서 일본 다마시 대표단과 청소년 교류 협약을 체결했다고 14일 밝혔다.",
    "두 도시는 내년부터 학생 교류를 정례화하기로 하고 실무 협의를 이어가기로 했다.",
]
FIELDS = ("published", "edited", "publisher", "reporter", "editor")
HEAD_ZONES = frozenset({"header", "lead", "any"})
TAIL_ZONES = frozenset({"tail", "any"})


def _page(fmt) -> list[str]:
    if fmt.zone == "tail" or "skip" in fmt.yields:
        return [TITLE, "", *BODY, "", fmt.example]
    return [TITLE, "", fmt.example, "", *BODY]


def _expected(fmt) -> dict[str, object]:
    want: dict[str, object] = dict.fromkeys(FIELDS)
    for pair in filter(None, fmt.expected.split(";")):
        kind, value = pair.split("=", 1)
        want[kind] = date.fromisoformat(value) if kind in ("published", "edited") else value
    return want


ROWS = formats()


def test_the_table_is_read():
    names = [f.name for f in ROWS]
    assert len(names) == len(set(names)) >= 30
    assert all(f.zone in ("header", "lead", "tail", "any") for f in ROWS)


@pytest.mark.parametrize("fmt", ROWS, ids=[f.name for f in ROWS])
def test_row_reads_its_example(fmt):
    """The row fires on its example, and the page around it yields the expected facts."""
    facts = line_facts(fmt.example, 0, TAIL_ZONES if fmt.zone == "tail" else HEAD_ZONES)
    if "skip" in fmt.yields:
        assert facts == []
    else:
        assert fmt.name in {f.fmt for f in facts}, facts
    meta = read_meta(_page(fmt))
    got = {k: getattr(meta, k) for k in FIELDS}
    assert got == _expected(fmt)
    assert meta.title == TITLE


@pytest.mark.parametrize("fmt", ROWS, ids=[f.name for f in ROWS])
def test_row_declares_what_its_groups_yield(fmt):
    groups = set(fmt.pattern.groupindex)
    for kind in ("publisher", "reporter", "editor"):
        assert (kind in fmt.yields) == (kind in groups), kind
    if fmt.yields & {"published", "edited"}:
        assert {"y", "d"} <= groups and ({"m", "mon"} & groups)
    if fmt.hint is not None:  # a hint may only skip lines the pattern cannot match
        assert fmt.hint.search(fmt.example)


def test_edit_stamp_loses_to_publication_stamp_on_one_line():
    (line,) = [f.example for f in ROWS if f.name == "edited"]
    facts = {f.kind: f.value for f in line_facts(line)}
    assert facts == {"published": date(2024, 11, 8), "edited": date(2024, 11, 9)}


def test_two_digit_year_after_a_label():
    assert read_meta([TITLE, "입력 95.07.09", *BODY]).published == date(1995, 7, 9)
    assert read_meta([TITLE, "등록 19.07.09 10:00", *BODY]).published == date(2019, 7, 9)


def test_invalid_dates_are_not_facts():
    assert read_meta([TITLE, "입력 2024.13.45 10:00", *BODY]).published is None


def test_check_pubdates_never_reads_held_out_files():
    path = Path(__file__).parents[2] / "tools" / "check_pubdates.py"
    spec = importlib.util.spec_from_file_location("check_pubdates", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.held_out("303_cheonan.txt") and tool.held_out("348_x.txt")
    assert not tool.held_out("300_x.txt") and not tool.held_out("365_x.txt")


def test_a_chinese_header_of_an_outlet_in_china():
    from diplomacy.clean import clean_page

    page = (
        "가나시, 한국 다라군과 자매결연\n"
        "发布时间：2023年04月07日 09:30   来源：동북아조선어신문   作者：홍길동\n"
        "가나시와 다라군이 6일 자매결연 협정을 체결했다.\n"
    )
    c = clean_page(page)
    assert (c.published_date, c.publisher) == (date(2023, 4, 7), "동북아조선어신문")
