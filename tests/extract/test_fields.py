"""Cooperation fields (data/fields.csv, lexicon.fields_in) on invented sentences."""

import pytest

from diplomacy.extract.lexicon import fields_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("관광과 문화, 산업 분야의 교류를 넓히기로 했다", ["tourism", "culture", "industry"]),
        ("두 도시는 기업 간 교류를 늘리기로 했다", ["economy"]),
        ("첨단산업과 바이오 분야", ["industry", "bio"]),
        ("생명과학 연구단지를 둘러봤다", ["bio"]),
        ("태권도 시범단과 친선 경기를 가졌다", ["sports"]),
        ("공무원 상호 파견 근무를 이어가기로 했다", ["administration"]),
        ("농특산물 판로를 넓히는 방안", ["agriculture", "trade"]),
    ],
)
def test_fields_named_in_a_sentence(text, expected):
    assert fields_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "김철수 행정복지국장 등 방문단이 시청을 찾았다",  # a title, not administration
        "국제통상국 국장이 이끄는 실무단",  # a department, not trade
        "온양관광호텔에서 만찬을 가졌다",  # a hotel, not tourism
        "시청 간부 공무원 10명이 참석했다",  # officials present, not staff exchange
        "대표 산업도시인 창원시",  # a description of the city
        "문화산업 교류센터 개소식",  # the culture industry is culture
    ],
)
def test_field_words_that_name_no_field(text):
    assert "administration" not in fields_in(text)
    assert "trade" not in fields_in(text)
    assert "tourism" not in fields_in(text)
    assert "industry" not in fields_in(text)
