from datetime import date

import pytest

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


# Invented headers for the formats real news sites use (the formats themselves: test_page_meta.py).
TITLE = "가나시, 일본 다마시와 청소년 교류 협약 체결"
PARAS = (
    "가나시는 13일 시청에서 일본 다마시 대표단과 청소년 교류 협약을 체결했다고 14일 밝혔다.\n\n"
    "두 도시는 내년부터 학생 교류를 정례화하기로 하고 실무 협의를 이어가기로 했다."
)
PARA_LINES = [p for p in PARAS.split("\n") if p]


def test_footer_stamp_never_beats_the_header_stamp():
    page = f"가나일보\n\n{TITLE}\n\n입력 2024.11.08 10:00\n홍길동 기자\n\n{PARAS}\n\nⓒ 가나일보 무단전재 및 재배포 금지\n2013-06-09\n"
    a = clean_page(page)
    assert a.published_date == date(2024, 11, 8)
    assert a.body.splitlines() == PARA_LINES


def test_page_whose_only_date_is_in_the_footer():
    page = f"가나일보\n\n{TITLE}\n\n홍길동 기자\n\n{PARAS}\n\nCopyright © 2024 가나일보. All rights reserved.\n2013-06-09\n"
    a = clean_page(page)
    assert a.published_date == date(2013, 6, 9)  # the lowest trust, but the only stamp there is
    assert a.body.splitlines() == PARA_LINES
    assert (a.reporter, a.publisher) == ("홍길동", "가나일보")


def test_copyright_year_and_site_information_are_no_publication_date():
    page = f"{TITLE}\n\n{PARAS}\n\nCopyright 2024 가나일보 All rights reserved\n가나일보 | 등록번호 서울 아00000 | 등록일 2010.05.03 | 발행인 홍길동\n"
    a = clean_page(page)
    assert a.published_date is None
    assert a.publisher == "가나일보"
    assert a.body.splitlines() == PARA_LINES


def test_balhaeng_time_with_il_after_the_day():
    page = f"{TITLE}\n발행시간: 2024.11.08일 10:00    편집: 박매화\n\n{PARAS}"
    a = clean_page(page)
    assert a.published_date == date(2024, 11, 8)
    assert a.reporter == "박매화"  # the editor stands in when no reporter is named


def test_edit_stamp_first_on_one_line():
    page = f"{TITLE}\n최종수정 2024-02-02 10:00 | 기사입력 2024-02-01 09:00\n\n{PARAS}"
    assert clean_page(page).published_date == date(2024, 2, 1)


def test_edit_stamp_alone_stands_in():
    page = f"{TITLE}\n수정 2024-02-02 10:00\n\n{PARAS}"
    assert clean_page(page).published_date == date(2024, 2, 2)


def test_a_site_banner_date_on_top_loses_to_the_byline():
    page = f"2024년 11월 10일 (일) 09:00\n가나일보\n\n{TITLE}\n\n입력 2024.11.08 10:00  |  홍길동 기자\n\n{PARAS}"
    a = clean_page(page)
    assert a.published_date == date(2024, 11, 8)
    assert a.body.splitlines() == PARA_LINES


def test_signature_of_a_short_article_does_not_swallow_the_body():
    """A closing "name 기자" within the first lines is not the end of the header."""
    page = f"가나일보\n홈 | 지역 | 행정\n\n{TITLE}\n\n홍길동 기자 입력 2014/11/13 15:20\n\n{PARAS}\n\n홍길동 기자\n\n[많이 본 기사]\n1. 다른 도시 소식\n"
    a = clean_page(page)
    assert a.body.splitlines() == PARA_LINES
    assert a.published_date == date(2014, 11, 13)


def test_reporter_line_with_mail_under_the_stamp_keeps_the_body():
    page = f"{TITLE}\n\n입력 2024.10.09 14:22  |  수정 2024.10.09 15:05\n홍길동 기자  hong@example.com\n\n{PARAS}"
    a = clean_page(page)
    assert a.body.splitlines() == PARA_LINES
    assert a.reporter == "홍길동"


def test_signed_reporter_beats_the_editor():
    page = f"가나신문\n\n{TITLE}\n\n2013년 06월 09일 10:52   출처: 가나뉴스넷   편집: 박매화\n\n{PARAS}\n\n(기자 림철수)\n"
    a = clean_page(page)
    assert (a.published_date, a.publisher, a.reporter) == (date(2013, 6, 9), "가나뉴스넷", "림철수")
    assert a.body.splitlines() == PARA_LINES


@pytest.mark.parametrize(
    ("byline", "reporter"),
    [
        ("글·사진 홍길동 기자 | 2024.11.08", "홍길동"),
        ("도쿄=김철수 통신원 | 입력 2024.11.08", "김철수"),
        ("2024-11-08 10:00  |  본사기자 현미옥  |  클릭수: 1,072", "현미옥"),
        ("취재 황보민 / 촬영기자 김태곤 | 입력 2024.11.08", "황보민"),
        ("[2024-11-08 10:00]   [래원: 가나통신]   [기자: 문경애]", "문경애"),
    ],
)
def test_reporter_formats(byline, reporter):
    a = clean_page(f"{TITLE}\n{byline}\n\n{PARAS}")
    assert (a.reporter, a.published_date) == (reporter, date(2024, 11, 8))


def test_agency_credit_names_publisher_and_reporter_and_leaves_the_body():
    page = f"{TITLE}\n송고시간 2024-11-08 10:00\n\n[서울=뉴시스] 홍길동 기자 = {PARAS}"
    a = clean_page(page)
    assert (a.publisher, a.reporter) == ("뉴시스", "홍길동")
    assert a.body.splitlines() == PARA_LINES


def test_menus_are_not_titles():
    page = f"가나일보\n요문  국내  국제  경제  지방  문화\n위치: 홈 > 국제 > 교류\n\n{TITLE}\n\n2024-11-08 10:00   편집: 박매화\n\n{PARAS}"
    a = clean_page(page)
    assert (a.title, a.publisher) == (TITLE, "가나일보")


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("2024.11.08 10:00", date(2024, 11, 8)),
        ("· 2019-07-09 15:20", date(2019, 7, 9)),
        ("| 2019/07/09", date(2019, 7, 9)),
        ("Posted : 2019-07-09", date(2019, 7, 9)),
        ("Posted on July 9, 2019", date(2019, 7, 9)),
        ("[2019-07-09 10:00]", date(2019, 7, 9)),
        ("작성일 | 2024-11-08 | 조회 123", date(2024, 11, 8)),
        ("기사입력 : 2023년 12월 06일 11:05  |  최종수정 : 2023년 12월 07일 13:20", date(2023, 12, 6)),
        ("2012년 04월 23일 (월) 17:35:20     홍길동 기자  hong@example.com", date(2012, 4, 23)),
        ("발행일: 2024.11.08", date(2024, 11, 8)),
        ("보도일시: 2024. 11. 8.(금) 15:00", date(2024, 11, 8)),
        ("기사입력 2024-11-08 오후 3:05", date(2024, 11, 8)),
        ("승인 2024.11.08 14:05", date(2024, 11, 8)),
        ("Nov. 8, 2024", date(2024, 11, 8)),
        ("8 November 2024 | Updated 9 November 2024", date(2024, 11, 8)),
        ("가나미디어 2018년10월11일 09시56분", date(2018, 10, 11)),  # hours and minutes in Korean
        ("• 入力 2022年 5月 23日 03時 00分", date(2022, 5, 23)),  # a page in hanja
        ("가나일보 2021년06월14일", date(2021, 6, 14)),  # the outlet, then its date line
        ("가나일보=하얼빈 2008.12.09", date(2008, 12, 9)),  # a dateline
        ("2025-07-24,", date(2025, 7, 24)),
        ("Createdd 2005-10-19 Hit 6322", date(2005, 10, 19)),
        ("10:52, May 24, 2015", date(2015, 5, 24)),
        ("2013-10-29 홍길동 기자", date(2013, 10, 29)),  # a date and the reporter, one space apart
        ("작성자 :가나넷 | 작성일 :20-01-24 16:17|", date(2020, 1, 24)),  # boards: two-digit years
        ("홍길동 작성일19-10-21 19:54", date(2019, 10, 21)),
        ("• 글쓴날 : [15-11-04 15:59]", date(2015, 11, 4)),
        ("홍길동 기자 / hong@example.com입력 : 2023년 04월 19일", date(2023, 4, 19)),  # glued to a mail
        ("28/10/2025 09:32", date(2025, 10, 28)),  # day first, outlets abroad
        ("뉴스일자: 2009-03-13", date(2009, 3, 13)),
        ("가나 중앙일보 뉴스 | 업데이트 23-07-20 11:04", date(2023, 7, 20)),  # an edit stamp alone
        ("最終更新日:2018年3月26日(月)", date(2018, 3, 26)),
    ],
)
def test_stamps_right_under_the_title(stamp, day):
    a = clean_page(f"{TITLE}\n{stamp}\n\n{PARAS}")
    assert a.published_date == day
    assert a.body.splitlines() == PARA_LINES


def test_footer_labelled_stamp_never_beats_a_bare_header_stamp():
    page = f"{TITLE}\n2024.11.08 10:00\n\n{PARAS}\n\n기사입력 2013-06-09 08:00\nⓒ 가나일보\n"
    assert clean_page(page).published_date == date(2024, 11, 8)


def test_stamp_under_a_body_without_full_stops_leaves_the_body():
    lines = ["가나시는 13일 다마시와 청소년 교류 협약을 체결", "두 도시는 내년부터 학생 교류를 정례화"]
    page = "\n".join([TITLE, "홍길동 기자", "", *lines, "", "입력 2024.11.08 10:00"])
    a = clean_page(page)
    assert a.published_date == date(2024, 11, 8)
    assert a.body.splitlines() == lines


def test_a_table_of_facts_with_labels_and_values_on_their_own_bulleted_lines():
    # a board page: the subtitle, a bulleted label "- 내용" before the text, then a table of
    # facts below it, each label and each value a bulleted line of its own
    page = (
        f"{TITLE}\n부제 한 줄\n- 내용\n{PARAS}\n"
        "- 작성자\n- 홍길동\n- 작성일자\n- 2012-07-04\n- 자료출처\n- 가나소식\n"
    )
    a = clean_page(page)
    assert a.published_date == date(2012, 7, 4)
    assert a.body.splitlines() == ["부제 한 줄", *PARA_LINES]


def test_a_list_of_other_headlines_after_the_article_still_ends_it():
    page = f"{TITLE}\n입력 2024.11.08 10:00\n\n{PARAS}\n- 다른 도시 소식\n- 또 다른 소식\n"
    assert clean_page(page).body.splitlines() == PARA_LINES


def test_a_guessed_end_before_the_articles_paragraphs_loses_none_of_them():
    # a photo's copyright line right under a subtitle looks like the article's end; the
    # paragraphs after it are still the article: the body is read again from the first paragraph
    paras = [
        "가나시는 13일 시청에서 일본 다마시 대표단과 청소년 교류 협약을 체결했다고 14일 밝혔다.",
        "두 도시는 내년부터 학생 교류를 정례화하기로 하고 실무 협의를 이어가기로 했다.",
        "협약식에는 양 도시 시장과 시의회 의장 등 스무 명이 참석해 교류 방안을 논의했다.",
    ]
    page = f"{TITLE}\n입력 2024.11.08 10:00\n부제 한 줄\nⓒ 가나일보\n" + "\n".join(paras) + "\n"
    assert clean_page(page).body.splitlines()[-3:] == paras


def test_an_unmarked_caption_over_the_lead_leaves_the_lead_and_its_credit():
    # a photo caption without its mark stands where the lead is looked for; the real lead
    # below it opens with the outlet's credit, which is cut, and the paragraph is kept
    page = (
        f"{TITLE}\n\n2024-11-08 10:00\n\n"
        "홍길동 가나시장(사진 오른쪽)과 다마 시장이 협정서를 교환하고 있다.\n\n"
        "(가나일보 김철수 기자) 가나시는 13일 시청에서 일본 다마시 대표단과 청소년 교류 협약을 체결했다.\n\n"
        "두 도시는 내년부터 학생 교류를 정례화하기로 하고 실무 협의를 이어가기로 했다.\n"
    )
    body = clean_page(page).body.splitlines()
    assert body == [
        "가나시는 13일 시청에서 일본 다마시 대표단과 청소년 교류 협약을 체결했다.",
        "두 도시는 내년부터 학생 교류를 정례화하기로 하고 실무 협의를 이어가기로 했다.",
    ]


def test_a_source_line_or_a_print_edition_stamp_at_the_foot_of_a_page():
    for foot, day in [
        ("가나일보 2023.05.24", date(2023, 5, 24)),
        ("[news.mn 2019.10.17.]", date(2019, 10, 17)),
        ("1992-04-05 13면", date(1992, 4, 5)),
        ("ⓒ 가나일보 무단전재 2022/10/11 09:32 송고", date(2022, 10, 11)),
    ]:
        a = clean_page(f"{TITLE}\n\n{PARAS}\n\n{foot}\n")
        assert a.published_date == day, foot


def test_a_sites_menu_or_a_place_atop_the_page_is_no_outlet():
    for top in ("본문 바로가기", "최신글", "포항시"):
        a = clean_page(f"{top}\n\n{TITLE}\n입력 2024.11.08 10:00\n\n{PARAS}")
        assert a.publisher != top, top


def test_a_repost_boards_post_date_yields_to_the_articles_own_stamp():
    page = f"{TITLE}\n작성자 관리자 작성일24-01-10 10:14 조회766회\n- 승인 2024.01.09 14:08\n\n{PARAS}"
    assert clean_page(page).published_date == date(2024, 1, 9)


def test_an_english_date_or_a_bracketed_source_below_the_text():
    assert clean_page(f"{TITLE}\n\n{PARAS}\n\nby 가나뉴스\nMarch 12, 2023\n").published_date == date(
        2023, 3, 12
    )
    page = f"{TITLE}\n\n{PARAS}\n\n(2006. 2. 16, The UB Post)\n"
    assert clean_page(page).published_date == date(2006, 2, 16)


def test_a_stamp_beside_a_mail_address_and_dates_of_documents_and_issues():
    line = "2018.09.13(목) 17:43:20 | 가나도 (이메일주소:gana@example.com)"
    assert clean_page(f"{TITLE}\n{line}\n\n{PARAS}").published_date == date(2018, 9, 13)
    assert clean_page(f"{TITLE}\n결재일자 2021. 5. 12.\n\n{PARAS}").published_date == date(2021, 5, 12)
    page = f"{TITLE}\n제 0441호 2017년 10월 13일 금요일\n\n{PARAS}"
    assert clean_page(page).published_date == date(2017, 10, 13)
