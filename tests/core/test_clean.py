from datetime import date

from diplomacy.clean import clean_page, hangul_ratio

PAGE = """세계로일보
홈 > 지역 > 행정

가나시, 일본 다마시와 청소년 교류 협약 체결

홍길동 기자 | 기사입력 2025/03/14 [09:30]

가나시, 일본 다마시와 청소년 교류 협약 체결

▲ 협약식 모습 (사진=가나시)

[세계로일보=홍길동 기자] 가나시는 13일 시청에서 일본 다마시 대표단과 청소년 교류 협약을 체결했다고 14일 밝혔다.

두 도시는 내년부터 학생 교류를 정례화한다.

[아래는 위 기사를 기계번역으로 옮긴 영문 기사 전문입니다.]

Gana City signed a youth exchange agreement with Tama City of Japan on the 13th at city hall.

ⓒ 세계로일보 무단전재 및 재배포 금지

[관련기사]
· 가나시, 봄꽃 축제 개최
많이 본 뉴스
1. 다른 도시 소식
"""


def test_header_facts():
    a = clean_page(PAGE)
    assert a.title == "가나시, 일본 다마시와 청소년 교류 협약 체결"
    assert a.published_date == date(2025, 3, 14)
    assert a.reporter == "홍길동"
    assert a.publisher == "세계로일보"


def test_body_drops_boilerplate_and_english_copy():
    body = clean_page(PAGE).body
    assert body.splitlines() == [
        "가나시는 13일 시청에서 일본 다마시 대표단과 청소년 교류 협약을 체결했다고 14일 밝혔다.",
        "두 도시는 내년부터 학생 교류를 정례화한다.",
    ]


def test_publication_date_prefers_first_publication_over_edit():
    page = "제목이 충분히 긴 기사 제목입니다 여기\n  • 김철수 기자\n  • 수정 2024-02-02 10:00:00\n  • 등록 2024-02-01 09:00:00\n\n본문 문장입니다. 가나다라 마바사."
    assert clean_page(page).published_date == date(2024, 2, 1)


def test_missing_publication_date_is_none_not_invented():
    assert clean_page("제목만 있는 긴 기사 제목이 여기 있다\n\n본문입니다 날짜 없이.").published_date is None


def test_nfc_normalisation():
    import unicodedata

    nfd = unicodedata.normalize("NFD", PAGE)
    assert clean_page(nfd).body == clean_page(PAGE).body


def test_hangul_ratio():
    assert hangul_ratio("가나다 abc") == 0.5
    assert hangul_ratio("1234") == 0.0


def test_letter_count_ignores_digits_spaces_and_punctuation():
    from diplomacy.letters import letter_count

    assert letter_count("가나 ab 12_3, 다!") == 5
    assert letter_count("") == 0
