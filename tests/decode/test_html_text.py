"""Tests for diplomacy.html_text: what a reader sees, one block per line."""

from __future__ import annotations

import random

import pytest

from diplomacy.html_text import html_to_text


def test_title_first_then_body_blocks():
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title> 수원시 \n 국제교류 </title>"
        "<link rel='stylesheet' href='a.css'></head>"
        "<body><h1>협약 체결</h1><p>첫 문단.</p><p>둘째 문단.</p></body></html>"
    )
    assert html_to_text(page) == "수원시 국제교류\n협약 체결\n첫 문단.\n둘째 문단."


@pytest.mark.parametrize("tag", ["script", "style", "noscript", "template", "iframe"])
def test_invisible_elements_are_dropped(tag):
    page = f"<body><p>앞</p><{tag}>숨김 &amp; 내용<p>숨은 문단</p></{tag}><p>뒤</p></body>"
    assert html_to_text(page) == "앞\n뒤"


def test_svg_text_is_dropped():
    # (A <p> inside <svg> would break out of it, as in browsers, so use SVG's own text.)
    page = "<p>앞</p><svg><title>아이콘</title><text x='0'>그림 글자</text></svg><p>뒤</p>"
    assert html_to_text(page) == "앞\n뒤"


def test_head_is_dropped_except_title():
    page = (
        "<html><head><title>제목</title><style>p{}</style><script>var x = '본문';</script>"
        "<meta name='description' content='설명'></head><body>본문</body></html>"
    )
    assert html_to_text(page) == "제목\n본문"


def test_svg_title_is_not_the_page_title():
    page = "<body><svg><title>아이콘</title></svg><p>본문</p></body>"
    assert html_to_text(page) == "본문"


@pytest.mark.parametrize(
    "tag", ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "blockquote"]
)
def test_block_elements_become_lines(tag):
    assert html_to_text(f"<{tag}>하나</{tag}><{tag}>둘</{tag}>") == "하나\n둘"


def test_br_and_list_and_table_structure():
    page = (
        "<div>첫째 줄<br>둘째 줄<br/><br>셋째 줄</div>"
        "<ul><li>항목 1</li><li>항목 2</li></ul>"
        "<table><tr><th>도시</th><th>국가</th></tr><tr><td>빈증성</td><td>베트남</td></tr></table>"
    )
    assert html_to_text(page) == "첫째 줄\n둘째 줄\n셋째 줄\n항목 1\n항목 2\n도시 국가\n빈증성 베트남"


def test_inline_elements_do_not_break_words():
    assert (
        html_to_text("<p>수원<b>시</b>는 <a href='#'>빈증성</a>과<span>협약</span></p>")
        == "수원시는 빈증성과협약"
    )


def test_entities_are_unescaped():
    page = "<p>&lt;수원&gt; &amp; &quot;빈증&quot; &#xC218;&#50896; &copy; a&nbsp;b</p>"
    assert html_to_text(page) == '<수원> & "빈증" 수원 © a b'


def test_whitespace_runs_collapse_and_blank_blocks_disappear():
    page = "<p>  수원시는 \n\t  베트남과  </p><p>&nbsp;</p><p>   </p><div>\n\n</div><p>협약했다</p>"
    assert html_to_text(page) == "수원시는 베트남과\n협약했다"


def test_ideographic_space_is_content_not_layout():
    assert html_to_text("<p>수원\u3000빈증</p>") == "수원\u3000빈증"


def test_pre_keeps_its_line_breaks():
    assert html_to_text("<pre>일정\n  10시 협약\n  11시 오찬</pre>") == "일정\n10시 협약\n11시 오찬"


def test_comments_are_dropped():
    assert html_to_text("<p>앞<!-- 광고 자리 -->뒤</p>") == "앞뒤"


def test_boilerplate_is_kept():
    page = "<nav>홈 | 정치 | 사회</nav><article><p>본문</p></article><footer>저작권 경기일보</footer>"
    assert html_to_text(page) == "홈 | 정치 | 사회\n본문\n저작권 경기일보"


def test_fragment_without_html_or_body():
    assert html_to_text("수원시는 <b>베트남</b>과<p>협약했다") == "수원시는 베트남과\n협약했다"


@pytest.mark.parametrize("html", ["", "   \n\t", "<html></html>", "<!-- 주석 -->", "<script>x</script>"])
def test_empty_documents(html):
    assert html_to_text(html) == ""


def test_deep_nesting_does_not_hit_recursion_limit():
    page = "<div><span>" * 30000 + "깊은 본문" + "</span></div>" * 30000
    assert html_to_text(page) == "깊은 본문"


def test_never_raises_on_tag_soup():
    rng = random.Random(1234)
    alphabet = [
        *"<>/!-=&;#'\" \n\r\t\x00pdivbrscriptlehaml가나수원",
        "<p>",
        "</div>",
        "<br>",
        "&amp;",
        "<!--",
    ]
    for _ in range(2000):
        soup = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120)))
        text = html_to_text(soup)
        assert isinstance(text, str)
        for line in text.split("\n") if text else []:
            assert line == line.strip()
            assert line
            assert "  " not in line
        assert "\r" not in text
