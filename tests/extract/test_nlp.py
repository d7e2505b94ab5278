"""Sentence analysis: Kiwi decides only where a line may hold several sentences, streamed."""

from __future__ import annotations

import pytest

from diplomacy.extract import nlp

BODY = (
    "춘천시 대표단은 지난 4일 다롄시를 방문했다. 이날 양 도시는 교류 확대에 합의했다.\n"
    "\n"
    '  시장은 "두 도시의 우정이 깊어지길 바란다"고 말했다\n'
    "한편 춘천시는 1994년 다롄시와 자매결연을 맺었다."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("춘천시 대표단은 지난 4일 다롄시를 방문했다.", False),
        ("춘천시 대표단은 다롄시를 방문했다. 이날 합의했다.", True),
        ("소제목 없는 한 줄", False),
        ("방문했다. ", False),  # a trailing mark ends the line's only sentence
        ("“좋다.”라고 말했다.", True),  # Kiwi decides whether a quote closes a sentence
        ("정말 그럴까? 아니다.", True),
    ],
)
def test_needs_split(line, expected):
    assert nlp.needs_split(line) is expected


def test_sentences_carry_their_offsets_in_the_body():
    (sentences,) = list(nlp.analyse([BODY]))
    assert len(sentences) == 4
    for s in sentences:
        assert BODY[s.start : s.start + len(s.text)] == s.text
        assert s.text == s.text.strip()
    assert sentences[1].text == "이날 양 도시는 교류 확대에 합의했다."


def test_lines_kiwi_skips_come_out_as_kiwi_would_split_them():
    lines = [line for line in BODY.split("\n") if line.strip() and not nlp.needs_split(line)]
    assert lines
    for line, sents in zip(lines, nlp.kiwi().split_into_sents(lines), strict=True):
        assert [s.text for s in sents] == [line.strip()]


def test_bodies_stay_in_order_and_empty_ones_yield_nothing():
    bodies = ["", "한 문장이다.", "\n\n", "첫 문장이다. 둘째 문장이다.", "마지막 줄"]
    out = list(nlp.analyse(bodies))
    assert [[s.text for s in sents] for sents in out] == [
        [],
        ["한 문장이다."],
        [],
        ["첫 문장이다.", "둘째 문장이다."],
        ["마지막 줄"],
    ]


def test_analysis_streams_instead_of_reading_the_whole_input():
    pulled = 0

    def bodies():
        nonlocal pulled
        for i in range(5000):
            pulled += 1
            yield f"{i}번째 기사다. 두 번째 문장이다."

    stream = nlp.analyse(bodies())
    first = next(stream)
    assert [s.text for s in first] == ["0번째 기사다.", "두 번째 문장이다."]
    assert pulled < 5000  # a window ahead of the consumer, not the batch
    assert sum(1 for _ in stream) == 4999


def _wants_trigger(line: str) -> bool:
    return "방문" in line


def test_wanted_lines_carry_kiwi_tokens_that_point_into_their_sentence():
    body = (
        "춘천시 대표단은 다롄시를 방문했다. 이날 양 도시는 합의했다.\n대표단이 훈춘시를 방문\n날씨가 좋았다."
    )
    (sentences,) = list(nlp.analyse([body], wants=_wants_trigger))
    assert [s.text for s in sentences] == [
        "춘천시 대표단은 다롄시를 방문했다.",
        "이날 양 도시는 합의했다.",
        "대표단이 훈춘시를 방문",
        "날씨가 좋았다.",
    ]
    for s in sentences[:3]:  # a split line's sentences and a wanted one-sentence line
        assert s.tokens
        nouns = [t for t in s.tokens if t.tag in ("NNG", "NNP", "SF")]  # verbs' forms are lemmas
        assert nouns
        for t in nouns:
            assert s.text[t.start - s.shift : t.end - s.shift] == t.form
    assert sentences[3].tokens is None  # nobody wants it: Kiwi never read it


def test_unwanted_lines_are_cut_at_their_marks_without_kiwi():
    body = '시장은 "좋다. 정말이다"라고 말했다. 이어 떠났다.행사는 끝났다.'
    (sentences,) = list(nlp.analyse([body], wants=_wants_trigger))
    assert [s.text for s in sentences] == [
        '시장은 "좋다. 정말이다"라고 말했다.',
        "이어 떠났다.",
        "행사는 끝났다.",
    ]
    assert all(s.tokens is None for s in sentences)
    for s in sentences:
        assert body[s.start : s.start + len(s.text)] == s.text


def test_lines_say_what_kiwi_does_with_each_line():
    body = "방문했다. 합의했다.\n방문 예정\n좋다. 나쁘다.\n한 줄"
    todo = [t for *_, t in nlp.lines(body, _wants_trigger)]
    assert todo == [nlp.SPLIT, nlp.READ, nlp.CUT, nlp.SKIP]
    assert [t for *_, t in nlp.lines(body, None)] == [nlp.SPLIT, nlp.SKIP, nlp.SPLIT, nlp.SKIP]
