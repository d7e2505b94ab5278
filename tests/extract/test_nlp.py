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
