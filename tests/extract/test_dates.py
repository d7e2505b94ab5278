from datetime import date

import pytest

from diplomacy.extract.dates import find_dates

PUB = date(2022, 3, 9)


def first(text, pub=PUB, **kw):
    found = [d for d in find_dates(text, pub, **kw) if d.precision != "ref"]
    return (found[0].value, found[0].precision) if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("지난 7일 대표단이 떠났다", (date(2022, 3, 7), "day")),
        ("지난 25일 협약을 맺었다", (date(2022, 2, 25), "day")),  # 지난 + day after publication: last month
        ("오는 15일 방문한다", (date(2022, 3, 15), "day")),
        ("오는 2일 방문한다", (date(2022, 4, 2), "day")),  # 오는 + earlier day: next month
        ("지난달 19일 회의", (date(2022, 2, 19), "day")),
        ("지난해 6월 방문", (date(2021, 6, 1), "month")),
        ("지난해 6월 3일 체결", (date(2021, 6, 3), "day")),
        ("2019년 4월 11일 체결", (date(2019, 4, 11), "day")),
        ("2017년 5월 교류", (date(2017, 5, 1), "month")),
        ("1998년 자매결연을 맺었다", (date(1998, 1, 1), "year")),
        ("8일(화) 오전", (date(2022, 3, 8), "day")),
        ("4월 20~21일 열린 회의", (date(2022, 4, 20), "day")),
        ("5일부터 9일 일정으로", (date(2022, 3, 5), "day")),
        ("올해 가을 방문할 계획", (date(2022, 1, 1), "year")),
        ("내년 상반기 체결", (date(2023, 1, 1), "year")),
        ("‘15년 이후 처음", (date(2015, 1, 1), "year")),
        ("2022.03.08 발표", (date(2022, 3, 8), "day")),
        ("시는 이달 협약을 맺었다", (date(2022, 3, 1), "month")),  # this month
        ("이번 달 초 방문했다", (date(2022, 3, 1), "month")),
        ("지난달 방문했다", (date(2022, 2, 1), "month")),
    ],
)
def test_resolution(text, expected):
    assert first(text) == expected


def test_geuhae_uses_last_explicit_year():
    found = find_dates("2016년 3월 서한을 받고 그해 5월 회의를 열었다", PUB)
    assert [(d.value, d.precision) for d in found] == [
        (date(2016, 3, 1), "month"),
        (date(2016, 5, 1), "month"),
    ]


@pytest.mark.parametrize(
    "text", ["3박 4일 일정", "5일간 머문다", "2020~2021년 사업", "10년 만에 만났다", "20주년"]
)
def test_durations_are_not_dates(text):
    assert first(text) is None


def test_anaphora_is_reported_unresolved():
    (d,) = find_dates("이날 두 시장은 만났다", PUB)
    assert d.precision == "ref" and d.value is None


def test_markers():
    (d,) = find_dates("오는 20일", PUB)
    assert d.future and not d.past
    (d,) = find_dates("지난 2일", PUB)
    assert d.past and not d.future


# the pieces dates are made of, without digits, for the random texts below
_WORD_PIECES = [
    "지난",
    "오는",
    "올",
    "이번",
    "해",
    "작년",
    "금년",
    "내년",
    "이듬해",
    "그해",
    "올해",
    "달",
    "다음",
]
_WORD_PIECES += ["날", "이날", "당일", "이튿날", "전날", "같은 ", "월", "일", "년", "봄", "상반기", "(화)"]
_WORD_PIECES += ["~", "∼", "-", ".", "/", " ", "'", "’", "박", "간", "째", "부터", "까지", "말", "초"]
_WORD_PIECES += ["지난달", "내달", "도착 ", "에는 ", "시는 ", "따르면 "]


def _random_texts(pieces: list[str], seed: int, n: int, longest: int):
    import random

    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(1, longest)))


def test_only_the_word_patterns_match_text_without_digits():
    """find_dates skips the digit patterns on digit-free sentences: none of them may match there."""
    from diplomacy.extract import dates

    for text in _random_texts(_WORD_PIECES, 7, 20_000, 8):
        for kind, rx in dates._COMPILED:
            if kind not in dates._WORD_KINDS:
                assert rx.search(text) is None, (kind, text)


def test_a_pattern_matches_only_text_holding_one_of_its_words():
    """find_dates skips a pattern on a sentence without any of its words (_NEEDS): every match of
    the pattern must hold one, on random text made of the pieces of dates."""
    from diplomacy.extract import dates

    for text in _random_texts([*_WORD_PIECES, "3", "12", "2019", "24", "95"], 11, 30_000, 9):
        for kind, rx in dates._COMPILED:
            for m in rx.finditer(text):
                assert dates._may_match(kind, m.group()), (kind, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("지난 16년 7월 협약을 맺었다", (date(2016, 7, 1), "month")),
        ("16년 7월 5일 체결했다", (date(2016, 7, 5), "day")),
        ("16년 7월5일(화) 방문", (date(2016, 7, 5), "day")),
        ("'16년 7월 교류", (date(2016, 7, 1), "month")),
        ("‘16년 자매결연", (date(2016, 1, 1), "year")),
        ("'95년 7월 결연", (date(1995, 7, 1), "month")),  # a 9x two-digit year is 199x
        ("95년 7월 3일 결연", (date(1995, 7, 3), "day")),
        ("'88년 서울올림픽", (date(1988, 1, 1), "year")),  # far past publication: 19xx
        ("'30년까지 교류를 늘린다", (date(2030, 1, 1), "year")),  # a target within ten years
    ],
)
def test_two_digit_years(text, expected):
    assert first(text) == expected


def test_two_digit_year_is_written_out_and_sets_geuhae():
    found = find_dates("16년 3월 서한을 받고 그해 5월 회의를 열었다", PUB)
    assert [(d.value, d.explicit_year) for d in found] == [
        (date(2016, 3, 1), True),
        (date(2016, 5, 1), False),
    ]


@pytest.mark.parametrize("text", ["16년 동안 교류했다", "16년간 이어졌다", "16년 7개월 만에"])
def test_two_digit_year_patterns_leave_durations(text):
    assert find_dates(text, PUB) == []


def test_four_digit_year_is_not_read_as_two_digits():
    (d,) = find_dates("2016년 7월 방문", PUB)
    assert (d.start, d.value, d.precision) == (0, date(2016, 7, 1), "month")


def test_a_bare_month_day_takes_the_year_of_the_date_before_it_in_the_sentence():
    pub = date(2024, 10, 14)
    ds = find_dates("대표단이 지난해 11월 5일 시를 찾았고, 12월 20일에는 답방했다.", pub)
    assert [d.value for d in ds] == [date(2023, 11, 5), date(2023, 12, 20)]
    assert not ds[1].future
    # without a year before it, a bare month-day is the publication year's
    assert [d.value for d in find_dates("12월 20일 답방한다.", pub)] == [date(2024, 12, 20)]


@pytest.mark.parametrize(
    "text",
    ["9일 경기 한빛시에 따르면 대표단은 방문했다", "곤명 3월 9일발 소식: 시장이 만났다"],
)
def test_the_day_of_a_report_source_or_dateline_dates_no_event(text):
    assert find_dates(text, PUB)[0].role == "report"


def test_the_end_of_a_stay_is_not_a_start():
    (d,) = find_dates("대표단은 12일까지 머물며 공장을 둘러본다", PUB)
    assert d.role == "range_end" and not d.usable


def test_jeonnal_is_the_day_before_the_day_given():
    found = find_dates("9일 한빛시에 따르면 대표단은 전날 시청을 찾았다", PUB)
    assert found[-1].value == date(2022, 3, 8) and found[-1].usable
    assert find_dates("행사 전날 도착했다", PUB) == []


def test_a_bare_day_takes_the_month_given_before_it_in_the_sentence():
    found = find_dates("대표단은 10월 11일부터 현지에 머물며 12일 시청을 찾았다", PUB)
    assert [d.value for d in found] == [date(2021, 10, 11), date(2021, 10, 12)]
    found = find_dates("곤명 3월 9일발 소식: 8일 시장이 만났다", PUB)
    assert found[-1].value == date(2022, 3, 8)


def test_a_year_with_a_topic_particle_before_its_month_day():
    found = find_dates("2019년에는 9월 26일부터 대표단이 찾기도 했다", PUB)
    assert (found[0].value, found[0].precision, found[0].role) == (date(2019, 9, 26), "day", "range_start")


def test_a_date_before_then_office_is_the_date_of_what_the_sentence_tells():
    # "당시 …시장이던": the date frames the narration (then-mayor), it is the act's date, not a reference
    (d,) = find_dates("그해 10월 당시 시장이던 왕모 일행이 시를 방문했다.", PUB, last_year=2013)
    assert (d.value, d.precision, d.usable) == (date(2013, 10, 1), "month", True)
    # a date followed by 이후 / 이래 is still a reference point
    (d,) = find_dates("2018년 이후 교류가 끊겼다.", PUB)
    assert not d.usable


def test_the_year_a_standing_relation_runs_from_dates_no_act():
    from datetime import date

    pub = date(2024, 9, 12)
    (d,) = [
        d for d in find_dates("시흥시가 2013년부터 우호 교류를 이어온 길림시를 방문했다.", pub) if d.value
    ]
    assert not d.usable
    # a span of years someone served is a span, not a standing relation
    spans = find_dates("그는 2005년부터 2008년까지 대사를 지냈다.", pub)
    assert spans[0].role == "range_start"


def test_the_year_in_a_quoted_title_is_a_name_but_a_quote_opening_with_a_year_is_not():
    pub = date(2024, 10, 10)
    titled = find_dates("대표단이 ‘2024년 막국수축제’ 기간에 맞춰 10월 9일 춘천을 찾는다.", pub)
    assert [d.precision for d in titled] == ["day"]
    said = find_dates('시장은 "1996년 자매결연을 맺은 뒤 여러 분야에서 교류해 왔다"며 말했다.', pub)
    assert [(d.value, d.precision) for d in said] == [(date(1996, 1, 1), "year")]


def test_a_stated_span_up_to_a_day_is_dated_by_its_first_day():
    (d,) = find_dates("대표단이 11월 3~6일까지 나흘간 춘천을 찾는다.", date(2024, 10, 1))
    assert (d.value, d.role) == (date(2024, 11, 3), "range_start") and d.usable


def test_the_days_of_a_stated_stay_told_by_their_order():
    trip = (date(2024, 9, 10), date(2024, 9, 12))
    got = find_dates("둘째 날에는 본회의가, 마지막 날에는 폐막식이 열린다.", date(2024, 9, 9), trip=trip)
    assert [d.value for d in got] == [date(2024, 9, 11), date(2024, 9, 12)]
    assert find_dates("마지막 날에는 폐막식이 열린다.", date(2024, 9, 9)) == []  # no stay: no day


def test_the_year_a_standing_relation_runs_from_is_a_reference():
    (d,) = find_dates("두 군의회는 1998년 자매결연 이후 교류를 넓혀 왔다.", date(2024, 10, 1))
    assert d.role == "reference" and not d.usable
    (d,) = find_dates("두 군은 1998년 자매결연을 맺었다.", date(2024, 10, 1))
    assert d.usable
