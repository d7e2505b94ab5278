"""Bounded work per file: no file under the size limit makes a stage super-linear.

Nothing here is timed. Linearity is checked by counting work (Python calls while extracting
an article twice as long), the guards by their decisions (parser or tag stripping, accepted or
rejected), and the pathological files end to end under a subprocess timeout, which only a
hang can reach.
"""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import date

import pytest
from conftest import ROOT

from diplomacy import html_text
from diplomacy.decode import MAX_LINE_CHARS, MAX_SENTENCE_CHARS, decode_bytes
from diplomacy.html_text import MAX_NESTING, html_to_text, nesting_depth
from diplomacy.spans import Containing, Overlapping
from diplomacy.warehouse import read_table

from .factory import as_html, seed_text

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from benchmarks.pathological import deep_divs, pathological_files

# --- overlap checks by bisection give the answers of the scans they replace ----------------------


def _random_spans(rng: random.Random, n: int, disjoint: bool) -> list[tuple[int, int]]:
    if disjoint:
        cuts = sorted(rng.sample(range(200), 2 * n))
        return [(cuts[i], cuts[i + 1]) for i in range(0, 2 * n, 2)]
    return [(s, s + rng.randrange(0, 12)) for s in (rng.randrange(200) for _ in range(n))]


@pytest.mark.parametrize("disjoint", [True, False])
def test_span_indexes_answer_like_the_scans(disjoint):
    rng = random.Random(15)
    for _ in range(300):
        spans = _random_spans(rng, rng.randrange(0, 20), disjoint)
        overlapping, containing = Overlapping(spans), Containing(spans)
        for _ in range(40):
            s = rng.randrange(-5, 210)
            e = s + rng.randrange(0, 15)
            assert overlapping(s, e) == any(s < b and a < e for a, b in spans), (spans, s, e)
            assert containing(s, e) == any(a <= s and e <= b and b - a > e - s for a, b in spans)


# --- extraction work grows linearly with repeated names ------------------------------------------


def _calls_to_extract(text: str) -> int:
    """Python-level calls (generator steps included) made by the rules on one analysed article."""
    from diplomacy.extract.article import worth_reading
    from diplomacy.extract.engine import extract_article
    from diplomacy.extract.nlp import analyse

    sentences = next(analyse([text], wants=worth_reading))
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        extract_article("x", "수원시 칭다오시 방문", sentences, date(2024, 11, 8))
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("unit", ["칭다오시 ", "중국 칭다오시 ", "료녕성 "])
def test_extraction_work_is_linear_in_name_repetitions(unit):
    """A line repeating a foreign name: each mention was checked against every other
    (about 3.9x the work for twice the repetitions); now twice the text is twice the work."""

    def article(n: int) -> str:
        return (
            "수원시는 중국 칭다오시와 자매결연을 맺었다.\n" + unit * n + "\n수원시장이 칭다오시를 방문했다."
        )

    _calls_to_extract(article(50))  # caches of the gazetteers and rules
    small, large = _calls_to_extract(article(500)), _calls_to_extract(article(1000))
    assert small > 0 and large <= 2.3 * small, (small, large)


# --- the HTML parser never sees hostile nesting --------------------------------------------------


def test_nesting_depth_counts_elements_not_sloppy_paragraphs():
    assert nesting_depth("<div><div><p>a<p>b<p>c</div></div>") == 3
    assert nesting_depth("<ul>" + "<li>item" * 5000 + "</ul>") == 2
    assert nesting_depth("<p>a<br>b<img src=x><hr></p>") == 1
    assert nesting_depth("<div>" * 5000 + "</div>" * 5000) == 5000
    assert nesting_depth("a < b and c <d" * 100) <= 100


def test_deeply_nested_page_is_read_by_tag_stripping(monkeypatch):
    def no_parser(_html):
        raise AssertionError("the HTML parser was handed a page nested beyond MAX_NESTING")

    monkeypatch.setattr(html_text, "LexborHTMLParser", no_parser)
    page = deep_divs(seed_text(2), size=200_000).decode("utf-8")
    assert nesting_depth(page) > MAX_NESTING
    text = html_to_text(page)
    assert text.splitlines()[0] == "기사"
    assert seed_text(2).splitlines()[-1].strip() in text


def test_tag_stripping_reads_a_page_as_the_parser_does(monkeypatch):
    page = as_html(seed_text(2))
    parsed = html_to_text(page)
    monkeypatch.setattr(html_text, "MAX_NESTING", 0)
    monkeypatch.setattr(html_text, "LexborHTMLParser", None)  # a call would fail
    assert html_to_text(page) == parsed
    assert "광고 스크립트" not in parsed and "color" not in parsed


# --- lines and sentences too long to read are rejected with a reason -----------------------------


def _sentence(n_chars: int, end: str) -> str:
    unit = "수원시와 칭다오시가 자매결연을 맺고" + end
    return unit * (n_chars // len(unit) + 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (_sentence(MAX_SENTENCE_CHARS + 10, " "), "line_too_long"),  # one sentence without end
        (_sentence(MAX_LINE_CHARS + 10, "었다. "), "line_too_long"),  # one line of sentences
        (_sentence(MAX_SENTENCE_CHARS - 100, " ") + "었다.\n" + seed_text(0), None),
        (_sentence(MAX_LINE_CHARS - 100, "었다. ") + "\n" + seed_text(0), None),
    ],
)
def test_overlong_lines_are_rejected_with_a_reason(text, reason):
    decoded = decode_bytes(text.encode("utf-8"), filename="a.txt")
    assert (decoded.status, decoded.reason) == ("rejected" if reason else "accepted", reason)


# --- end to end: every pathological file gets its row, and the run ends -------------------------


@pytest.mark.slow
def test_pathological_files_are_processed_or_rejected_end_to_end(tmp_path):
    """The files that once hung the run (a 5 MB page of nested <div>s, a city's name 80,000
    times on one line, a sentence without end) each get their expected row; the timeout is
    ten times what the run needs here and far below what the old run took."""
    folder = tmp_path / "2024-11-08"
    folder.mkdir()
    files = pathological_files(seed_text(0))
    for name, (payload, _, _) in files.items():
        (folder / name).write_bytes(payload)
    wh = tmp_path / "wh"
    cmd = [sys.executable, "-m", "diplomacy", "run", "--input", str(folder), "--warehouse", str(wh)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    rows = {r["source_file"]: (r["status"], r["reason"]) for r in read_table(wh, "articles").to_pylist()}
    assert rows == {name: (status, reason) for name, (_, status, reason) in files.items()}
