"""The extraction rules on short articles written for these tests (not from the eval set)."""

from datetime import date

import pytest

from diplomacy.extract.engine import extract_article
from diplomacy.extract.nlp import analyse

PUB = date(2024, 9, 12)


def run(body, title="", pub=PUB):
    (sentences,) = list(analyse([body]))
    ex = extract_article("t", title, sentences, pub)
    events = {
        (e.event_type, e.korean.name, e.foreign.name, e.event_date.isoformat(), e.status): e
        for e in ex.events
    }
    rels = {
        (r.korean.name, r.foreign.name, r.relationship_type, r.established_year) for r in ex.relationships
    }
    return events, rels


def test_visit_with_signing_is_two_events_with_people_and_fields():
    events, rels = run(
        "전주시 대표단은 지난 10일 쑤저우시청을 방문해 우호도시 협정을 체결했다고 12일 밝혔다.\n"
        "이날 대표단은 관광과 문화 분야 교류 방안을 논의했다.",
        title="전주시, 中 쑤저우시와 우호도시 협정",
    )
    visit = events[("visit", "전주시", "쑤저우시", "2024-09-10", "occurred")]
    sign = events[("agreement", "전주시", "쑤저우시", "2024-09-10", "occurred")]
    assert visit.direction == "outbound"
    assert sign.agreement_type == "friendship_city"
    assert set(visit.fields) == set(sign.fields) == {"tourism", "culture"}
    # two Chinese cities are called 쑤저우시 and nothing here tells which: the region stays empty
    assert visit.foreign.region == "" and visit.foreign.country == "CN" and visit.foreign.geonames_id is None
    assert ("전주시", "쑤저우시", "friendship_city", 2024) in rels


def test_planned_visit_and_announcement_day_is_not_the_event_date():
    events, _ = run("춘천시 방문단은 오는 20일 다롄시를 방문할 예정이라고 11일 밝혔다.")
    assert set(events) == {("visit", "춘천시", "다롄시", "2024-09-20", "planned")}


def test_inbound_reception_at_city_hall():
    events, _ = run("김철수 춘천시장은 지난 9일 시청 접견실에서 다롄시 왕리핑 부시장 일행을 맞아 환담했다.")
    (e,) = events.values()
    assert (e.event_type, e.direction, e.event_date) == ("visit", "inbound", date(2024, 9, 9))
    assert [o.name for o in e.korean_officials] == ["김철수"]
    assert [o.name for o in e.foreign_officials] == ["왕리핑"]


def test_third_place_meeting_keeps_its_location():
    events, _ = run("창원시장은 지난 5일 베이징에서 선양시 부시장과 간담회를 가졌다.")
    (e,) = events.values()
    assert e.event_type == "meeting" and e.foreign.name == "선양시" and e.location.name == "베이징시"


def test_history_signing_is_an_event_at_year_precision_and_a_relationship():
    events, rels = run("춘천시와 다롄시는 1998년 자매결연을 맺은 뒤 교류를 이어오고 있다.")
    assert ("agreement", "춘천시", "다롄시", "1998-01-01", "occurred") in events
    assert events[("agreement", "춘천시", "다롄시", "1998-01-01", "occurred")].precision == "year"
    assert ("춘천시", "다롄시", "sister_city", 1998) in rels


def test_standing_relation_gives_a_relationship_but_no_event():
    events, rels = run("전주시와 쑤저우시는 2001년부터 우호도시로 교류하고 있다.")
    assert events == {}
    assert rels == {("전주시", "쑤저우시", "friendship_city", 2001)}


@pytest.mark.parametrize(
    "body",
    [
        "춘천시와 전주시는 지난 3일 자매결연 협약을 체결했다.",  # two Korean cities
        "주다롄 총영사는 지난 3일 다롄시를 방문해 한인회와 간담회를 가졌다.",  # a consul, no local government
        "춘천시 대표단은 지난 3일 베이징의 칭화대학교를 방문했다.",  # a university
        "다롄시장은 '춘천시와 자매결연을 맺고 싶다'며 방문을 요청했다.",  # a request
        # bodies in the plural sign, not the governments
        "춘천시의 여러 기관과 단체들은 지난 3일 다롄시측 기관, 단체들과 교류협력 양해각서를 체결했다.",
        # a government's name glued to a body names the body ("헤이룽장성사회과학원")
        "춘천시는 지난 3일 헤이룽장성사회과학원과 교류협정을 맺었다.",
        # a document signed with a body of the partner's territory is the body's
        "춘천시 대표단은 지난 3일 다롄시 의과대학 부속 센터와 우호교류 협약을 맺었다.",
    ],
)
def test_non_events(body):
    events, _ = run(body)
    assert events == {}


def test_repeated_sentences_are_one_event():
    body = "전주시 대표단은 지난 10일 쑤저우시를 방문했다.\n전주시 대표단은 지난 10일 쑤저우시를 방문했다."
    events, _ = run(body)
    assert len(events) == 1


def test_multi_day_stay_is_one_visit_dated_by_the_first_day():
    events, _ = run(
        "춘천시 대표단은 지난 3일 다롄시에 도착했다.\n대표단은 지난 5일 다롄시 부시장을 만나 교류 방안을 논의했다."
    )
    assert [k for k in events if k[0] == "visit"] == [("visit", "춘천시", "다롄시", "2024-09-03", "occurred")]


def test_sino_korean_and_yanbian_spellings_resolve_to_the_standard_name():
    events, _ = run("춘천시 대표단은 지난 4일 료녕성 대련시를 방문했다.")
    (e,) = events.values()
    assert e.foreign.name == "다롄시" and e.foreign.region == "랴오닝성"


def test_no_publication_date_no_events():
    (sentences,) = list(analyse(["춘천시 대표단은 지난 4일 다롄시를 방문했다."]))
    assert extract_article("t", "", sentences, None).events == []


def test_namesakes_are_told_apart_by_the_region_in_the_article():
    events, _ = run("전주시 대표단은 지난 10일 중국 장쑤성 쑤저우시를 방문했다.")
    (e,) = events.values()
    assert (e.foreign.name, e.foreign.region) == ("쑤저우시", "장쑤성")
    assert e.foreign.geonames_id is not None


def test_the_capital_of_a_partner_province_is_the_scene_not_the_partner():
    # the pair "전주시와 허난성의" names the partner; 정저우 (허난성's capital) is where it happened
    events, _ = run(
        "전주시와 허난성의 교류는 지난 3일 시장이 성도 정저우를 방문해 성장과 우호협정을 맺으면서 시작됐다.",
        title="전주시, 허난성과 교류 확대",
    )
    assert ("visit", "전주시", "허난성", "2024-09-03", "occurred") in events
    assert ("agreement", "전주시", "허난성", "2024-09-03", "occurred") in events
    assert not any(key[2] == "정저우시" for key in events)


def test_the_province_around_a_partner_city_is_the_route_not_the_partner():
    # the delegation travels to 산둥 at the invitation of 옌타이시, the partner of the article
    events, _ = run(
        "옌타이시가 춘천시와 우호교류 협정을 맺었다.\n"
        "춘천시 대표단은 옌타이시의 초청을 받고 지난 3일부터 5일까지 산동을 찾았다.",
        title="옌타이시, 춘천시와 우호교류",
    )
    assert ("visit", "춘천시", "옌타이시", "2024-09-03", "occurred") in events
    assert not any(key[2] == "산둥성" for key in events)


def test_a_conference_in_the_partner_citys_own_province_is_no_third_place_meeting():
    # 칭다오 and 옌타이 both lie in 산둥성: the signing there is in the partner's region
    events, _ = run(
        "지난 3일 칭다오에서 열린 국제우호교류대회 기간에 옌타이시와 춘천시는 우호교류 협정 체결식을 가졌다.",
        title="옌타이시, 춘천시와 우호교류",
    )
    assert ("agreement", "춘천시", "옌타이시", "2024-09-03", "occurred") in events
    assert not any(key[0] == "meeting" for key in events)


def test_a_korean_city_that_only_locates_a_provincial_hall_is_not_the_side():
    events, _ = run(
        "다롄시 대표단은 지난 10일 수원의 경기도청 접견실에서 도지사와 만나 교류 방안을 논의했다.",
        title="다롄시 대표단, 경기도 방문",
    )
    assert {k[1] for k in events} == {"경기도"}


def test_a_guest_of_the_nation_in_a_korean_city_is_no_local_event():
    events, _ = run(
        "외교부 초청으로 방한한 선양시 당서기는 지난 10일 서울에서 국무총리와 회견했다.\n"
        "그는 지난해 선양시장의 한국 방문에 이어 교류가 늘었다고 말했다.",
        title="선양시 당서기 방한",
    )
    assert events == {}


def test_a_visit_that_was_called_off_is_no_event():
    events, _ = run(
        "2020년 코로나19로 상호 방문이 중단됐던 전주시와 쑤저우시는 교류를 재개하기로 했다.",
        title="전주시-쑤저우시 교류 재개",
    )
    assert not any(k[0] == "visit" for k in events)


def test_a_youth_group_trip_and_staff_sent_are_exchanges_not_visits():
    events, _ = run(
        "지난 8월 5일에는 관내 학생 20명으로 꾸린 청소년교류단이 자매도시 다롄시를 찾아 문화 체험을 했다.\n"
        "춘천시는 지난 7월 1일 공무원 2명을 다롄시에 보내 행정 연수를 받도록 했다.",
        title="춘천시-다롄시 교류",
    )
    assert ("exchange", "춘천시", "다롄시", "2024-08-05", "occurred") in events
    assert ("exchange", "춘천시", "다롄시", "2024-07-01", "occurred") in events
    assert not any(k[0] == "visit" for k in events)


def test_a_tour_of_universities_and_trade_offices_is_no_visit_to_the_partner():
    events, _ = run(
        "전주시 대표단은 지난 10일 쑤저우시를 방문했다.\n"
        "한편 전주시 대표단은 오는 15일부터 현지 대학과 무역관, 기업 지사 등을 차례로 방문할 예정이다.",
        title="전주시 대표단, 쑤저우시 방문",
    )
    assert set(events) == {("visit", "전주시", "쑤저우시", "2024-09-10", "occurred")}


def test_a_county_delegation_travelling_with_its_province_gets_its_own_visit():
    events, _ = run(
        "경북 청송군 방문단은 지난 5일 베트남 하노이시를 찾았다.\n"
        "방문단은 같은 날 박닌성으로 이동해 경북도지사와 함께 경상북도와 박닌성의 우호교류 협약 체결식에 참석했다.",
        title="청송군 방문단, 베트남 방문",
    )
    assert ("visit", "청송군", "박닌성", "2024-09-05", "occurred") in events
    assert ("visit", "경상북도", "박닌성", "2024-09-05", "occurred") in events
    assert ("agreement", "경상북도", "박닌성", "2024-09-05", "occurred") in events
    assert ("agreement", "청송군", "박닌성", "2024-09-05", "occurred") not in events


def test_this_visit_in_a_quote_points_back_and_makes_no_new_pair():
    events, _ = run(
        "춘천시 대표단은 지난 10일 다롄시를 찾았다.\n"
        '이재수 시장은 "이번 방문으로 춘천시와 다롄시, 강원도와 랴오닝성 사이의 연결고리가 단단해졌다"며 '
        '"자매도시 다롄시와 우정을 이어가겠다"고 말했다.',
        title="춘천시 대표단, 다롄 방문",
    )
    assert set(events) == {("visit", "춘천시", "다롄시", "2024-09-10", "occurred")}


def test_each_act_of_a_clause_takes_the_date_before_it():
    events, _ = run(
        "전주시 대표단은 지난 3일 쑤저우시에 도착해 이튿날인 4일 쑤저우시청에서 우호도시 협정을 체결했다.\n"
        "대표단은 7일 2015년 자매결연을 맺은 다롄시로 자리를 옮겼다."
    )
    assert ("visit", "전주시", "쑤저우시", "2024-09-03", "occurred") in events
    assert ("agreement", "전주시", "쑤저우시", "2024-09-04", "occurred") in events
    assert ("agreement", "전주시", "다롄시", "2015-01-01", "occurred") in events
    assert not any(k[0] == "agreement" and k[3] == "2024-09-07" for k in events)


def test_a_history_date_inside_a_relative_clause_leaves_the_visit_its_day():
    events, _ = run("전주시 대표단은 지난 5일 2015년 자매결연을 맺은 다롄시를 방문했다.")
    assert ("visit", "전주시", "다롄시", "2024-09-05", "occurred") in events
    assert ("agreement", "전주시", "다롄시", "2015-01-01", "occurred") in events


def test_a_signing_on_an_unstated_day_of_a_trip_takes_the_trip_month():
    events, _ = run(
        "전주시 대표단(단장 김철수 시장)이 3일부터 8일까지 6일 일정으로 중국 쑤저우시를 방문하고 있다.\n"
        "대표단은 쑤저우시 정부를 방문해 왕리핑 시장과 우호교류협정서에 서명했다."
    )
    visit = events[("visit", "전주시", "쑤저우시", "2024-09-03", "occurred")]
    sign = events[("agreement", "전주시", "쑤저우시", "2024-09-01", "occurred")]
    assert sign.precision == "month"
    assert [o.name for o in sign.korean_officials] == [o.name for o in visit.korean_officials]


def test_a_tour_span_dates_its_first_stop_and_a_later_stop_by_its_own_day():
    events, _ = run(
        "전주시 대표단은 2일부터 6일까지 4박 5일 일정으로 쑤저우시와 다롄시를 방문했다고 11일 밝혔다.\n"
        "대표단은 5일 다롄시로 자리를 옮겨 다롄시청을 방문했다."
    )
    visits = sorted(k for k in events if k[0] == "visit")
    assert visits == [
        ("visit", "전주시", "다롄시", "2024-09-05", "occurred"),
        ("visit", "전주시", "쑤저우시", "2024-09-02", "occurred"),
    ]


def test_a_later_stop_without_its_day_takes_the_trip_month():
    events, _ = run(
        "전주시 대표단은 2일부터 6일까지 4박 5일 일정으로 쑤저우시와 다롄시를 방문했다고 11일 밝혔다."
    )
    assert ("visit", "전주시", "다롄시", "2024-09-01", "occurred") in events
    assert events[("visit", "전주시", "다롄시", "2024-09-01", "occurred")].precision == "month"


def test_a_past_visit_told_with_gido_is_an_event():
    events, _ = run("2019년에는 5월 3일 다롄시 대표단이 전주시를 찾기도 했다.")
    assert ("visit", "전주시", "다롄시", "2019-05-03", "occurred") in events


def test_what_an_agreement_provides_for_is_no_visit():
    events, _ = run(
        "전주시는 지난 10일 쑤저우시청에서 쑤저우시와 우호도시 협정을 체결했다고 11일 밝혔다.\n"
        "김 시장은 9일 중국에 들어왔다.\n"
        "협정에 따라 두 도시는 공무원 상호 방문을 통해 행정 경험을 나눈다."
    )
    assert not any(k[0] == "visit" and k[3] == "2024-09-09" for k in events)


def test_a_bare_day_inside_the_stay_stated_just_before_takes_its_month():
    events, _ = run(
        "2019년 5월 3일부터 6일까지는 다롄시 대표단이 전주시를 방문했다.\n"
        "대표단은 4일 전주시청에서 전주시와 우호도시 협정을 체결했다."
    )
    assert ("agreement", "전주시", "다롄시", "2019-05-04", "occurred") in events


def test_a_move_to_the_next_stop_takes_the_date_after_it():
    events, _ = run(
        "전주시 방문단은 지난 5일 베이징에서 전시를 관람한 뒤 다롄으로 이동해 7일 열린 다롄시 행사에 참석했다."
    )
    assert set(events) == {("visit", "전주시", "다롄시", "2024-09-07", "occurred")}


def test_the_arrival_at_a_conference_is_no_second_meeting_with_the_partner_signed_there():
    events, _ = run(
        "지난 9~10일 베이징에서 국제우호도시대회가 열렸다.\n"
        "10일 열린 체결식에서 다롄시는 전주시와 우호도시 협약을 체결했다.\n"
        "8일 베이징에 도착한 전주시 대표단은 체결식 외에도 대회 포럼에 참가했다."
    )
    assert set(events) == {
        ("agreement", "전주시", "다롄시", "2024-09-10", "occurred"),
        ("meeting", "전주시", "다롄시", "2024-09-10", "occurred"),
    }


def test_the_day_a_country_tour_began_dates_no_stop():
    events, _ = run(
        "전주시장은 지난 10일 다롄시를 방문해 다롄시와 우호도시 협약을 체결했다.\n"
        "전주시장 일행은 지난 7일부터 중국과 일본을 잇달아 방문하고 있다.\n"
        "같은 날 전주시장은 다롄시 부시장과 만났다."
    )
    assert ("visit", "전주시", "다롄시", "2024-09-10", "occurred") in events
    assert not any(k[3] == "2024-09-07" for k in events)


def test_dangsi_takes_the_date_of_the_event_told_just_before():
    events, _ = run(
        "전주시는 다롄시 대표단이 지난 10일 시청을 찾아 김철수 시장과 만났다고 11일 밝혔다.\n"
        "두 도시는 2019년 5월 3일 우호도시 협약을 맺었다.\n"
        "당시 왕리핑 다롄시장이 전주시청을 찾아 김 시장과 협약서에 서명했다."
    )
    assert ("visit", "전주시", "다롄시", "2019-05-03", "occurred") in events
    assert ("visit", "전주시", "다롄시", "2024-09-10", "occurred") in events


def test_a_plan_told_in_passing_does_not_move_the_visit_day():
    events, _ = run(
        "다롄시 왕리핑 부시장 일행이 10일 전주시청을 찾아 김철수 시장과 만났다.\n"
        "왕 부시장은 다음 달 6일부터 열리는 전주 축제 기간에 공연을 열기로 했다고 밝혔다.\n"
        "면담 뒤에는 다롄시 일행이 전주시의회로 자리를 옮겨 의장과 우호협력 협정서를 주고받았다."
    )
    assert ("agreement", "전주시", "다롄시", "2024-09-10", "occurred") in events
    assert not any(k[4] == "planned" for k in events)


def test_a_stay_under_way_dates_the_visit_by_its_first_day():
    events, _ = run(
        "전주시는 김철수 시장이 지난 10일 쑤저우시청에서 왕리핑 시장과 우호도시 협정서에 서명했다고 11일 밝혔다.\n"
        "김 시장 등 대표단은 지난 7일부터 4박 6일 일정으로 현지에 머물고 있다.",
        title="전주시, 쑤저우시와 우호도시 협정",
    )
    assert ("visit", "전주시", "쑤저우시", "2024-09-07", "occurred") in events
    assert ("agreement", "전주시", "쑤저우시", "2024-09-10", "occurred") in events
    assert not any(k[0] == "visit" and k[3] == "2024-09-10" for k in events)


def test_invited_by_the_partner_is_outbound():
    events, _ = run("전주시의회 의원 5명이 다롄시의 초청을 받아 지난 10일 현지를 방문했다고 12일 밝혔다.")
    visit = events[("visit", "전주시", "다롄시", "2024-09-10", "occurred")]
    assert visit.direction == "outbound"


def test_own_delegation_welcomed_abroad_is_outbound():
    events, _ = run(
        "전주시 대표단이 다롄시를 찾았다고 12일 밝혔다.\n"
        "대표단은 지난 10일 현지에 도착해 왕리핑 다롄시 당서기를 만난 데 이어 다롄시가 마련한 환영 리셉션에 참석했다."
    )
    visit = events[("visit", "전주시", "다롄시", "2024-09-10", "occurred")]
    assert visit.direction == "outbound"


def test_people_of_a_past_signing_take_part_in_it():
    events, _ = run(
        "전주시와 다롄시는 2015년 5월 3일 김철수 전주시장과 왕리핑 다롄시장이 참석한 가운데 "
        "자매결연 협정을 체결했다."
    )
    sign = events[("agreement", "전주시", "다롄시", "2015-05-03", "occurred")]
    assert [o.name for o in sign.korean_officials] == ["김철수"]
    assert [o.name for o in sign.foreign_officials] == ["왕리핑"]


def test_people_present_at_the_occasion_just_told_take_part():
    events, _ = run(
        "전주시 대표단은 지난 10일 다롄시를 방문해 우호도시 협정을 체결했다.\n"
        "협약식에는 김철수 전주시장과 왕리핑 다롄시장 등 양측 관계자 20여 명이 참석했다."
    )
    for kind in ("visit", "agreement"):
        e = events[(kind, "전주시", "다롄시", "2024-09-10", "occurred")]
        assert [o.name for o in e.korean_officials] == ["김철수"]
        assert [o.name for o in e.foreign_officials] == ["왕리핑"]


def test_members_listed_for_this_trip_join_its_stops():
    events, _ = run(
        "전주시의회 의원 3명이 지난 10일 다롄시를 방문했다고 12일 밝혔다.\n"
        "이번 출장에는 박영민·최수진 의원이 이름을 올렸다."
    )
    visit = events[("visit", "전주시", "다롄시", "2024-09-10", "occurred")]
    assert {o.name for o in visit.korean_officials} == {"박영민", "최수진"}


def _fields(events, event_type, foreign, day):
    (e,) = [e for k, e in events.items() if k[0] == event_type and k[2] == foreign and k[3] == day]
    return set(e.fields)


def test_the_content_of_a_signed_document_gives_the_fields_of_the_signing_and_its_visit():
    events, _ = run(
        "전주시 대표단은 지난 10일 쑤저우시청을 방문해 우호도시 협정을 체결했다.\n"
        "협정서에는 관광과 문화 분야의 교류를 넓힌다는 내용이 담겼다.\n"
        "경제 분야에서는 투자와 무역을 늘리기로 했다."
    )
    want = {"tourism", "culture", "economy", "investment", "trade"}
    assert _fields(events, "agreement", "쑤저우시", "2024-09-10") == want
    assert _fields(events, "visit", "쑤저우시", "2024-09-10") == want


def test_a_past_signing_takes_the_content_of_its_document_but_not_the_years_after_it():
    events, _ = run(
        "두 도시는 2015년 5월 3일 다롄시에서 자매결연 협정을 맺었으며, 협정에는 교육과 체육 분야의 교류가 담겼다.\n"
        "춘천시와 선양시는 2010년 자매결연을 맺은 뒤 문화 분야에서 교류해 왔다.",
        title="춘천시, 다롄시와 자매결연 10년",
    )
    assert _fields(events, "agreement", "다롄시", "2015-05-03") == {"education", "sports"}
    assert _fields(events, "agreement", "선양시", "2010-01-01") == set()


def test_the_occasion_as_a_reason_continues_it_and_another_country_does_not():
    events, _ = run(
        "춘천시 방문단은 지난 10일 다롄시를 방문해 우호교류 협약을 체결했다.\n"
        "2019년 이후 교류가 멈췄는데 양측은 이번 협약을 계기로 공무원 교류를 다시 잇기로 했다.\n"
        "방문단은 이어 베트남에 건너가 현지 업체와 만나 농산물 수출 방안을 협의한다."
    )
    assert _fields(events, "visit", "다롄시", "2024-09-10") == {"administration"}


def test_headline_fields_go_to_the_main_recent_events_but_not_a_past_item_of_the_headline():
    events, _ = run(
        "- 관광설명회·스포츠 교류도\n"
        "- 지난해 5월 업무협약…교육 협력\n"
        "전주시 대표단은 지난 10일 쑤저우시청을 방문했다.",
        title="전주시, 中 쑤저우시 찾아 문화 교류 논의",
    )
    assert _fields(events, "visit", "쑤저우시", "2024-09-10") == {"culture", "tourism", "sports"}


def test_signing_online_is_an_agreement_and_a_virtual_meeting_without_a_visit():
    events, rels = run("춘천시는 지난 10일 시청 영상회의실에서 다롄시와 우호교류 협약을 온라인으로 체결했다.")
    assert {k[0] for k in events} == {"agreement", "virtual_meeting"}
    assert ("춘천시", "다롄시", "friendship_city", 2024) in rels


def test_bare_days_after_then_are_of_the_month_the_sentence_before_gave():
    events, _ = run(
        "전주시와 쑤저우시는 지난달 14일 전주시청에서 우호도시 협정을 체결했다.\n"
        "당시 쑤저우시 방문단은 13일부터 15일까지 전주에 머물렀다.",
        title="전주시, 쑤저우시와 우호도시 협정",
    )
    assert ("visit", "전주시", "쑤저우시", "2024-08-13", "occurred") in events
    assert not any(k[3].startswith("2024-09") for k in events)  # not this month's 13th


def test_this_visit_as_a_topic_reports_no_new_visit():
    body = (
        "춘천시 대표단은 지난 3일 다롄시를 방문했다.\n"
        "이번 방문은 자매도시 선양시와의 결연 10주년을 기념하고, 지난해 6월 의향서를 주고받은 칭다오시와의 "
        "교류를 넓히기 위해 마련됐다."
    )
    events, _ = run(body)
    visits = {k for k in events if k[0] == "visit"}
    assert visits == {("visit", "춘천시", "다롄시", "2024-09-03", "occurred")}


def test_signing_at_the_partners_own_hall_is_also_an_outbound_visit():
    body = "춘천시는 지난 3일 중국 산둥성 칭다오시 황다오구청에서 황다오구와 자매결연을 맺었다고 5일 밝혔다."
    events, _ = run(body)
    kinds = {(k[0], k[2], k[3]) for k in events}
    assert ("agreement", "황다오구", "2024-09-03") in kinds
    visit = events.get(("visit", "춘천시", "황다오구", "2024-09-03", "occurred"))
    assert visit is not None and visit.direction == "outbound"


def test_this_occasion_dates_an_act_by_the_occasion_the_sentence_before_dated():
    body = (
        "춘천시 대표단은 지난 3일부터 6일까지 다롄시를 방문했다.\n"
        "방문 이틀째인 4일 대표단은 다롄시장과 공식 면담을 가졌다.\n"
        "이 자리에서 두 도시는 협력 체계를 만들고, 앞으로의 협력 방향을 담은 교류의향서를 체결했다."
    )
    events, _ = run(body)
    agreements = {k for k in events if k[0] == "agreement"}
    assert agreements == {("agreement", "춘천시", "다롄시", "2024-09-04", "occurred")}


def test_a_delegation_attending_an_event_its_partner_hosts_visits_the_partner():
    body = (
        "춘천시와 다롄시는 1995년 자매결연을 맺었다.\n"
        "지난해 11월에는 다롄시에서 열린 국제민간포럼에 춘천시 대표단이 참석해 도시 문제를 논의했다."
    )
    events, _ = run(body)
    visit = events.get(("visit", "춘천시", "다롄시", "2023-11-01", "occurred"))
    assert visit is not None and visit.direction == "outbound"


def test_a_year_dated_mention_of_a_dated_visit_is_that_visit():
    body = (
        "춘천시 대표단은 지난해 9월 23일 다롄시를 방문했다.\n"
        "시장은 “지난해 다롄시에서 받은 환대를 잊지 못한다”며 지난해 다롄시를 방문한 일을 떠올렸다."
    )
    events, _ = run(body)
    visits = {k for k in events if k[0] == "visit"}
    assert visits == {("visit", "춘천시", "다롄시", "2023-09-23", "occurred")}


def test_visits_of_different_years_stay_apart():
    body = "춘천시 대표단은 지난해 9월 23일 다롄시를 방문했다.\n시장은 2019년에도 다롄시를 방문했다."
    events, _ = run(body)
    assert {k[3] for k in events if k[0] == "visit"} == {"2023-09-23", "2019-01-01"}


def test_the_visitor_of_a_relative_clause_of_visiting_is_the_noun_after_it():
    # the place visited is a bare hall; who came is the foreign mayor the clause describes
    events, _ = run(
        "서울 마포구는 10일 독일 베를린의 슈판다우구와 우호협력 협약을 체결했다고 12일 밝혔다.\n"
        "홍길동 마포구청장은 이날 구청을 방문한 안나 슈미트 구청장과 협약서에 서명했다."
    )
    visits = [e for e in events.values() if e.event_type == "visit"]
    assert [(e.direction, e.foreign.name) for e in visits] == [("inbound", "슈판다우구")]


def test_a_lead_that_tells_the_act_before_its_day_takes_the_day_the_next_sentence_gives():
    events, _ = run(
        "여수시가 베트남 후에시와 우호교류 의향서를 체결했다.\n"
        "지난 10일 김철수 시장이 후에시를 직접 찾아 응웬 반 남 후에시장과 협력을 약속했다."
    )
    assert ("agreement", "여수시", "후에시", "2024-09-10", "occurred") in events
    assert ("visit", "여수시", "후에시", "2024-09-10", "occurred") in events
    # the first day of a stay is the trip's, not the signing's
    events, _ = run(
        "여수시가 베트남 후에시와 우호교류 의향서를 체결했다.\n"
        "시 대표단은 지난 3일부터 7일까지 후에시를 찾았으며 5일 응웬 반 남 후에시장과 의향서에 서명했다."
    )
    assert ("agreement", "여수시", "후에시", "2024-09-03", "occurred") not in events


def test_the_korean_side_is_found_past_a_lead_of_subtitles_and_bylines():
    events, _ = run(
        "김철수-응웬 반 남 시장, 손 맞잡고 협력 약속\n"
        "홍길동\n"
        "여수시가 베트남 후에시와 우호교류 의향서를 체결했다.\n"
        "지난 10일 김철수 시장이 후에시를 직접 찾아 응웬 반 남 후에시장과 협력을 약속했다.",
        title="베트남 후에시와 우호 교류 협력",
    )
    assert ("visit", "여수시", "후에시", "2024-09-10", "occurred") in events


def test_an_agreement_told_alone_is_no_stop_of_a_trip():
    # signed by mail: nobody travelled, so the next clause's signing makes no visit
    events, _ = run(
        "가평군이 중국 관난현과 자매결연을 맺었다.\n"
        "군은 10일 양측 대표가 각자 자매결연 협정서에 서명한 뒤 이를 우편으로 교환했다고 밝혔다."
    )
    assert [k for k in events if k[0] == "visit"] == []
    assert ("agreement", "가평군", "관난현", "2024-09-10", "occurred") in events


def test_a_signing_on_the_first_day_of_a_stay_keeps_its_day():
    events, _ = run(
        "충청남도 대표단은 10일부터 중국을 방문 중이다.\n"
        "10일부터 중국을 방문 중인 도지사는 첫날 하얼빈에서 헤이룽장성 성장과 자매결연 협정서에 최종 서명했다."
    )
    assert ("agreement", "충청남도", "헤이룽장성", "2024-09-10", "occurred") in events


def test_a_lead_naming_two_stops_leaves_each_stop_its_own_day():
    events, _ = run(
        "서울시의회는 의장이 중국 베이징시와 상하이시를 방문해 교류 방안을 논의했다고 12일 밝혔다.\n"
        "의장은 이달 5일 베이징시 인민대표대회 부의장과 만났다.\n"
        "또 의장은 8일에는 상하이시 인민대표대회 의장을 만나 협력을 논의했다."
    )
    shanghai = [k for k in events if k[0] == "visit" and k[2] == "상하이시"]
    assert shanghai == [("visit", "서울특별시", "상하이시", "2024-09-08", "occurred")]


def test_a_korean_city_named_in_passing_after_the_lead_is_not_the_articles_side():
    # the subject is a university; "서울과 난징 사이" names Seoul only as a place
    events, _ = run(
        "가나과학기술대학은 중국 명문대와 잇달아 교류 협약을 체결했다.\n"
        "총장은 지난 10일 중국 난징을 방문하여 동남대와 학술교류 협정을 맺었다.\n"
        "동남대는 서울과 난징 사이에 직항편이 있어 교류가 기대된다."
    )
    assert events == {}


def test_a_tour_of_countries_dates_no_stop_a_stop_visited_that_day_does():
    events, _ = run(
        "지난 5일부터 카자흐스탄과 중국, 마카오를 방문 중인 경기도지사는 6일 오후 카자흐스탄 "
        "알마티주 청사를 방문해 알마티 주지사와 우호협력 합의서를 체결했다."
    )
    visits = [k for k in events if k[0] == "visit"]
    assert visits == [("visit", "경기도", "알마티주", "2024-09-06", "occurred")]


def test_on_the_day_of_publication_a_plan_stays_planned_whatever_the_sentences_after_it_say():
    # a continuation told in the past tense (the agreement's content) does not make the trip done
    events, _ = run(
        "서울시와 태국 방콕시가 자매도시 결연 10년을 맞아 교류를 확대한다.\n"
        "시장은 12일 방콕시청에서 방콕시장을 만나 협력 강화 양해각서를 체결하고 공동기자회견을 연다.\n"
        "관광교류 활성화를 위해 부서간 협력하고 인력 교류, 문화예술행사 상호 방문 등도 협약에 담겼다.\n"
        "시장은 방콕 첫 일정으로 오후 2시 왕궁을 방문해 방콕 시장과 함께 서명을 한다."
    )
    visits = [k for k in events if k[0] == "visit"]
    assert visits == [("visit", "서울특별시", "방콕시", "2024-09-12", "planned")]
    assert ("agreement", "서울특별시", "방콕시", "2024-09-12", "planned") in events


def test_a_span_the_sentence_states_holds_the_days_after_its_start():
    from diplomacy.extract.article import _spans
    from diplomacy.extract.dates import find_dates

    text = "8∼14일에는 방콕 시내에 서울관광홍보부스가 운영된다."
    dates = find_dates(text, PUB)
    assert _spans(text, dates, date(2024, 9, 12))
    assert not _spans(text, dates, date(2024, 9, 8))  # its first day is its own
    assert not _spans(text, dates, date(2024, 9, 15))


def test_governments_that_only_locate_the_parties_are_no_parties():
    events, _ = run(
        "용인시 수지구 소재 가나고등학교와 미국 미시간주 소재 다라고등학교가 자매결연을 맺었다.\n"
        "지난 6일 다라고등학교 화상교육실에서 자매결연 체결식을 개최한 두 학교는 교류를 시작했다."
    )
    assert events == {}


def test_a_troupe_to_be_sent_is_a_planned_exchange_that_leaves_the_days_of_the_visit():
    events, _ = run(
        "중국 구이저우성 당서기를 비롯한 방문단 17명이 10일 세종시청을 찾아 시장과 교류 방안을 논의했다.\n"
        "당서기는 다음 달 6일부터 9일까지 열리는 세종축제에 구이저우성 공연단 25명을 세종에 보내기로 했다. "
        "두 사람은 여러 분야에서 교류를 넓혀 가기로 합의했다."
    )
    assert ("exchange", "세종특별자치시", "구이저우성", "2024-10-06", "planned") in events
    assert not [k for k in events if k[0] != "exchange" and k[3] == "2024-10-06"]


def test_a_signing_at_the_partners_hall_months_before_publication_is_a_visit_too():
    events, _ = run(
        "지난 7월 14일 알마티 시청사에서 부산시 방문단과 알마티 시 관계자들이 우호협력도시 협정을 체결했다.",
        pub=date(2024, 9, 12),
    )
    assert ("visit", "부산광역시", "알마티시", "2024-07-14", "occurred") in events


def test_a_plan_without_a_day_takes_the_future_day_the_sentence_before_gave():
    events, _ = run(
        "서울시장은 12일 방콕시청에서 방콕시장을 만나 협력 강화 양해각서를 체결했다.\n"
        "10월 26∼28일에는 서울에서 방콕의 날이 열린다. 방콕시장 등 대표단이 서울을 방문한다."
    )
    assert ("visit", "서울특별시", "방콕시", "2024-10-26", "planned") in events
    # a month named in passing (an election in a quote) dates no plan after it
    events, _ = run(
        "서울시장은 12일 방콕시청에서 방콕시장을 만나 협력 강화 양해각서를 체결했다.\n"
        '시장은 "11월 선거 결과와 상관없이 협력하자"고 말했다. 시는 방콕시와 협력 채널을 넓혀 갈 계획이다.'
    )
    assert not [k for k in events if k[3].startswith("2024-11")]


def test_a_partner_described_as_located_in_its_province_stays_the_partner():
    events, _ = run(
        "대구시 대표단은 10일 중국 칭다오시를 방문해 시장과 교류 방안을 논의했다.\n"
        "칭다오시는 산둥성에 위치한 항구 도시로 대구시와 교류해 왔다. "
        "양 도시는 1993년 자매결연을 체결했다."
    )
    assert ("agreement", "대구광역시", "칭다오시", "1993-01-01", "occurred") in events


def test_days_each_told_before_a_partner_of_their_own_go_with_it():
    events, _ = run(
        "구미시장은 지난 5일 왕리 창사시 당서기와 6일 후중슝 창사시장, 7일 후난성 허바오 부성장 등을 만나 "
        "교류협력 방안을 논의했다."
    )
    visits = sorted(k for k in events if k[0] == "visit")
    assert visits == [
        ("visit", "구미시", "창사시", "2024-09-05", "occurred"),
        ("visit", "구미시", "후난성", "2024-09-07", "occurred"),
    ]


def test_each_past_signing_of_a_list_goes_with_its_own_partner_and_year():
    events, _ = run(
        "부산시는 1993년 8월 중국 상하이시와 자매결연 협정을, 2013년 8월 중국 베이징시와 우호도시 협정을 각각 체결했다."
    )
    agreements = sorted((k[2], k[3]) for k in events if k[0] == "agreement")
    assert agreements == [("베이징시", "2013-08-01"), ("상하이시", "1993-08-01")]


def test_a_date_after_the_act_told_on_that_day_belongs_to_another_verb():
    events, _ = run(
        "서귀포시는 10일 중국 충밍구와 우호도시 협약을 체결했다.\n"
        "이날 협약 체결은 서귀포시가 2016년 9월 충밍구에 처음 제안한 뒤 2년 만에 성사됐다."
    )
    assert [k for k in events if k[0] == "agreement"] == [
        ("agreement", "서귀포시", "충밍구", "2024-09-10", "occurred")
    ]


def test_a_stop_from_context_on_a_trips_first_day_keeps_the_day_it_was_visited():
    events, _ = run(
        "나주시 협력단은 지난 2일부터 4박 6일 일정으로 프랑스 파리와 리옹시를 방문하고, "
        "도시 간 우호 교류 협약을 체결했다.\n"
        "4일에는 리옹시청을 방문해 리옹 시장과 우호 교류 협약을 체결했다."
    )
    visits = sorted((k[2], k[3]) for k in events if k[0] == "visit" and k[2] == "리옹시")
    assert visits == [("리옹시", "2024-09-04")]


def test_on_a_trip_abroad_meeting_another_partner_to_sign_is_the_next_stop():
    events, _ = run(
        "인천시 방문단은 먼저 4일 창춘시를 찾아 창춘시장과 교류 방안을 협의했다.\n"
        "시장은 이어 5일에는 왕펑 하얼빈시 시장을 만나 '교류강화 비망록'에 서명했다."
    )
    assert ("visit", "인천광역시", "하얼빈시", "2024-09-05", "occurred") in events


def test_a_mayors_surname_that_is_also_a_place_is_the_mayor():
    events, _ = run("파주시장은 10일 캐나다 코퀴틀람시청에서 리처드 스튜어트 시장과 합의서에 서명했다.")
    assert {k[2] for k in events} == {"코퀴틀람시"}
    # where the article names the place in full, "X 시장" after a name is that place's mayor
    events, _ = run(
        "부산시 대표단은 10일 블라디보스토크시를 찾았다.\n"
        "시장은 이날 이고리 푸쉬카료프 블라디보스토크 시장을 만나 협정을 체결했다."
    )
    assert {k[2] for k in events} == {"블라디보스토크시"}


def test_a_foreign_mayors_two_names_that_are_also_places_are_the_mayor():
    from diplomacy.extract.mentions import Resolver

    text = "대표단은 2일 프랑스 투르에서 마르틴 호른 시장을 만나 교류를 논의한다."
    names = [g.name for _, _, g in Resolver(text, PUB, {text: 0}).foreign(text)]
    assert "호른시" not in names and "마르틴시" not in names


def test_a_body_named_after_a_foreign_place_acts_for_itself():
    events, _ = run(
        "지난해에는 윈저 투자개발공사(WIDC) 사절단이 군산시를 찾았고, 6월에는 윈저에서 "
        "WIDC와 가나산업진흥공단 간 투자협약을 체결했다.",
        title="캐나다 윈저시와 군산시 교류",
    )
    assert events == {}


def test_the_seat_of_a_national_body_in_brackets_is_no_partner():
    events, _ = run(
        "수원시장은 대만과 베트남을 순방한다.\n"
        "시장은 13일 대만 총통부(타이베이)를 방문해 비서장을 만나고 우호 도시 결연을 논의한다."
    )
    assert not [k for k in events if k[2] == "타이베이시"]


def test_a_habits_frequency_dates_no_act():
    events, _ = run("충북도의회와 중국 헤이룽장성은 2001년 우호 협정한 뒤 3년마다 번갈아 방문해 교류해 왔다.")
    assert [k[0] for k in events] == ["agreement"]


def test_a_trip_called_off_later_in_the_sentence_is_no_event():
    events, _ = run(
        "한편 경산시 대표단은 자매도시 중국 옌타이시의 초청으로 12월 초 옌타이시 방문이 계획되어 있었으나 "
        "비상 상황으로 전격 취소하고 지역 안정에 힘쓰고 있다."
    )
    assert events == {}


def test_two_days_joined_date_a_visit_by_the_first():
    events, _ = run("중국 저장성 신창현 방문단이 지난 5일과 6일 합천군을 찾았다.")
    assert [k for k in events if k[0] == "visit"] == [("visit", "합천군", "신창현", "2024-09-05", "occurred")]


def test_setting_out_on_a_tour_dates_no_stop_that_has_a_day_of_its_own():
    events, _ = run(
        "부산시장이 오는 19일부터 유럽 2개 도시(이탈리아 제노바, 스페인 바르셀로나) 순방길에 오른다.\n"
        "시장은 현지시각 20일 제노바 시장과 만나 협력을 논의한다.\n"
        "22일에는 바르셀로나시를 방문할 예정이다.",
        pub=date(2024, 9, 17),
    )
    genoa = [k for k in events if k[0] == "visit" and k[2] == "제노바시"]
    assert genoa == [("visit", "부산광역시", "제노바시", "2024-09-20", "planned")]


@pytest.mark.parametrize(
    ("met", "partner"),
    [("헤이룽장성 당서기를 만나", "헤이룽장성"), ("하얼빈시 부시장을 만나", "하얼빈시")],
)
def test_the_government_whose_head_is_met_is_the_partner(met, partner):
    # the scene is the province's capital; the one met decides which government was visited
    events, _ = run(f"김영록 전남지사는 지난 10일 헤이룽장성 하얼빈시에서 {met} 농업 교류를 논의했다.")
    assert set(events) == {("visit", "전라남도", partner, "2024-09-10", "occurred")}


def test_a_page_without_a_publication_date_keeps_only_what_its_text_dates():
    # no header date: "지난 10일" cannot be resolved, the signing told with its year can
    body = (
        "춘천시 대표단이 지난 10일 중국 다롄시를 방문해 교류 방안을 논의했다.\n"
        "춘천시는 2009년 5월 다롄시와 우호도시 협정을 체결했다."
    )
    (sentences,) = list(analyse([body]))
    ex = extract_article("t", "", sentences, None)
    assert [(e.event_type, e.event_date, e.precision, e.status) for e in ex.events] == [
        ("agreement", date(2009, 5, 1), "month", "occurred")
    ]
    assert ex.is_diplomacy  # the undated visit still makes it an article about diplomacy
    assert {(r.foreign.name, r.relationship_type, r.established_year) for r in ex.relationships} == {
        ("다롄시", "friendship_city", 2009)
    }


def test_a_page_without_a_publication_date_and_without_acts_is_no_diplomacy():
    (sentences,) = list(analyse(["춘천시는 다롄시와 같은 항구 도시로 인구는 29만 명이다."]))
    ex = extract_article("t", "", sentences, None)
    assert ex.events == [] and not ex.is_diplomacy


def test_a_page_without_a_publication_date_tells_planned_from_occurred_by_tense():
    body = "춘천시는 2027년 3월 다롄시를 방문해 자매결연 협약을 체결할 예정이다."
    (sentences,) = list(analyse([body]))
    ex = extract_article("t", "", sentences, None)
    assert {(e.event_type, e.event_date, e.status) for e in ex.events} == {
        ("visit", date(2027, 3, 1), "planned"),
        ("agreement", date(2027, 3, 1), "planned"),
    }


def test_the_stream_flags_an_undated_page_that_tells_acts_as_diplomacy():
    from diplomacy.extract import extract_stream

    rows = [
        {
            "article_id": "a",
            "title": "",
            "published_date": None,
            "body": "춘천시 대표단이 지난 10일 다롄시를 방문했다.",
        },
        {
            "article_id": "b",
            "title": "",
            "published_date": PUB,
            "body": "춘천시 대표단이 지난 10일 다롄시를 방문했다.",
        },
    ]
    (ev_a, _, flag_a), (ev_b, _, flag_b) = extract_stream(rows)
    assert (ev_a, flag_a["is_diplomacy"], flag_a["event_count"]) == ([], True, 0)
    assert flag_b["is_diplomacy"] and [e["event_date"] for e in ev_b] == [date(2024, 9, 10)]


def test_a_korean_name_inside_a_quoted_event_title_is_no_side():
    events, _ = run(
        "충청북도 대표단은 지난 9일 하얼빈시를 방문했다. "
        "대표단은 9일 하얼빈시 관계자를 만나 '2024 충주 세계무예대회'를 소개했다."
    )
    assert set(events) == {("visit", "충청북도", "하얼빈시", "2024-09-09", "occurred")}


def test_a_town_abroad_named_by_its_bare_stem_needs_its_country_in_the_article():
    # 그레이스 (Grays, England) is a trading company's name in an article about China
    from diplomacy.extract.mentions import Resolver

    text = "충청북도 대표단은 지난 9일 중국 하얼빈시를 방문하고 하얼빈시 그레이스 무역회사를 방문했다."
    assert [g.name for _, _, g in Resolver(text, PUB).foreign(text)] == ["하얼빈시", "하얼빈시"]


def test_the_provincial_capital_where_the_province_received_the_delegation_is_no_visit_of_its_own():
    events, _ = run(
        "강원도 대표단은 지난 9일 중국 지린성 창춘을 방문했다.\n"
        "대표단은 이날 지린성 외사판공실 관계자를 만나 청소년 교류를 협의했다."
    )
    assert set(events) == {("visit", "강원특별자치도", "지린성", "2024-09-09", "occurred")}


def test_a_trip_already_begun_is_one_visit_with_its_planned_signing():
    events, _ = run(
        "춘천시 방문단은 일본 벳푸시와 자매결연을 맺기 위해 지난 9일 출국했다고 10일 밝혔다.\n"
        "협약식은 오는 13일 벳푸시청에서 열릴 예정이다."
    )
    assert {k for k in events if k[0] != "agreement"} == {
        ("visit", "춘천시", "벳푸시", "2024-09-09", "occurred")
    }
    assert {k for k in events if k[0] == "agreement"} == {
        ("agreement", "춘천시", "벳푸시", "2024-09-13", "planned")
    }


def test_a_signing_attended_by_both_sides_without_travel_is_also_their_meeting():
    events, _ = run(
        "춘천시는 지난 10일 미국 오리건주 레인카운티와 우호교류 협약을 체결했다.\n"
        "이날 협약식에는 김철수 춘천시장과 존 밀러 레인카운티 의장이 참석했다."
    )
    meeting = events[("meeting", "춘천시", "레인카운티", "2024-09-10", "occurred")]
    assert meeting.location is None and [o.name for o in meeting.foreign_officials] == ["존 밀러"]
    assert ("agreement", "춘천시", "레인카운티", "2024-09-10", "occurred") in events


def test_a_signing_on_a_visit_is_no_separate_meeting():
    events, _ = run(
        "미국 레인카운티 대표단이 지난 10일 춘천시를 방문해 우호교류 협약을 체결했다.\n"
        "이날 협약식에는 김철수 춘천시장과 존 밀러 레인카운티 의장이 참석했다."
    )
    assert {k[0] for k in events} == {"visit", "agreement"}


def test_a_national_leaders_visit_is_no_citys_visit():
    events, _ = run("지난 7월 대통령의 다롄시 방문으로 춘천시와 다롄시는 교류 도시로 선정되었다.")
    assert not any(k[0] == "visit" for k in events)


def test_a_friendship_exchange_signed_in_a_year_then_years_of_mutual_visits():
    events, _ = run(
        "춘천시와 다롄시는 2001년 우호교류 체결 이후 20년 동안 상호 대표단 방문과 청소년 교류를 이어 왔다."
    )
    assert set(events) == {("agreement", "춘천시", "다롄시", "2001-01-01", "occurred")}


def test_young_people_travelling_in_an_exchange_programme_are_an_exchange_not_a_visit():
    events, _ = run("내년 여름에는 춘천시 청소년들이 자매도시인 중국 다롄시를 방문할 예정이다.")
    assert {k[0] for k in events} == {"exchange"}
    events, _ = run("다롄시 청소년 교류단 방문 기간인 오는 20일부터 춘천시 가정이 홈스테이를 제공한다.")
    assert "visit" not in {k[0] for k in events}


def test_an_interview_with_parents_is_no_meeting_with_a_partner():
    events, _ = run(
        "춘천시는 다롄시 청소년 교류단을 모집한다. 구는 오는 20일 학부모 면담을 거친 후 참가자를 선발한다."
    )
    assert not events


def test_a_video_talk_then_talked_about_as_this_meeting_is_one_virtual_meeting():
    events, _ = run(
        "춘천시와 일본 벳푸시가 지난 5일 양 시장 간 화상회담을 가졌다.\n"
        "이번 화상회담은 다음 달 협약 체결에 앞서 마련됐다.\n"
        "이날 회담에서는 관광 교류 방안이 논의됐다."
    )
    assert {k[0] for k in events if k[3] == "2024-09-05"} == {"virtual_meeting"}
    assert not any(k[0] == "virtual_meeting" and k[4] == "planned" for k in events)


def test_a_quoted_title_naming_both_governments_keeps_the_korean_side():
    events, _ = run(
        "한중우호협회 김영수 회장은 지난 5일 강원도춘천시장실에서 열린 '춘천시-중국 다롄시 교류간담회'에 "
        "참석해 다롄시 방문단을 만났다."
    )
    assert {k[1] for k in events} == {"춘천시"}


def test_a_name_a_gazetteer_knows_only_abroad_is_the_article_countrys_own():
    # 로사리오 is in Argentina for the gazetteer; in an article about the Philippines it is a Philippine city
    from diplomacy.extract.mentions import Resolver

    text = "홍천군 대표단은 필리핀을 찾아 지난 8일 로사리오시와 산호세시를 방문했다."
    got = [(g.name, g.country) for _, _, g in Resolver(text, PUB).foreign(text)]
    assert got == [("로사리오시", "PH"), ("산호세시", "PH")]


def test_a_list_of_stops_visited_in_turn_dates_its_first_stop():
    events, _ = run("춘천시 대표단은 오는 20일부터 일본 벳푸, 중국 다롄, 베트남 다낭시를 차례로 방문한다.")
    assert {(k[2], k[3]) for k in events if k[0] == "visit"} == {("벳푸시", "2024-09-20")}


def test_tourists_visiting_every_year_are_no_visit():
    events, _ = run(
        "춘천시장은 오는 20일 다롄시를 방문한다.\n연간 관광객 500만 명이 찾는 다롄시는 2005년 새 항구를 열었다."
    )
    assert {k[0] for k in events} == {"visit"} and {k[3] for k in events} == {"2024-09-20"}


def test_the_governments_a_delegation_is_made_of_each_take_part_in_its_visit():
    events, _ = run(
        "춘천시는 해외 자매도시 대표단이 오는 20일부터 사흘간 춘천을 방문한다고 밝혔다.\n"
        "이번 대표단은 ▲일본 벳푸시 ▲중국 다롄시·선양시 등 2개국 3개 도시 40명으로 구성됐다."
    )
    assert set(events) == {
        ("visit", "춘천시", partner, "2024-09-20", "planned") for partner in ("벳푸시", "다롄시", "선양시")
    }
    assert {e.direction for e in events.values()} == {"inbound"}


def test_a_list_of_governments_that_is_no_delegation_makes_no_visits():
    events, _ = run(
        "춘천시는 해외 자매도시 대표단이 오는 20일부터 사흘간 춘천을 방문한다고 밝혔다.\n"
        "춘천시의 자매도시는 일본 벳푸시와 중국 다롄시, 선양시 등이다."
    )
    assert {k[2] for k in events if k[0] == "visit"} <= {"벳푸시"}


def test_pupils_counted_or_named_as_a_group_are_an_exchange_with_their_talks():
    events, _ = run("춘천시 고등학생 12명은 지난 3일 다롄시 청사를 방문하고 간담회를 가졌다.")
    assert {k[0] for k in events} == {"exchange"}
    events, _ = run("춘천시 중학생 방문단은 지난 2일 벳푸 시청을 방문했다.")
    assert {k[0] for k in events} == {"exchange"}


def test_a_signing_at_a_forum_the_partner_hosts_is_a_visit_too():
    events, _ = run(
        "춘천시는 중국 다롄시에서 개최되는 국제우호도시포럼에 참가한다.\n"
        "춘천시는 오는 25일 열리는 개막식에서 다롄시와 우호협력도시 협약을 체결한다."
    )
    assert {(k[0], k[3]) for k in events} == {("agreement", "2024-09-25"), ("visit", "2024-09-25")}


def test_a_stop_of_the_trip_that_hosts_a_conference_is_visited_on_its_day():
    events, _ = run(
        "춘천시장 일행은 10일부터 12일까지 2박 3일 일정으로 중국 다롄과 선양을 방문한다.\n"
        "첫날에는 다롄시장과 면담한다.\n"
        "마지막 날에는 선양시에서 열리는 동북아 관광포럼에 초청 받아 방문할 예정이다."
    )
    visits = {(k[2], k[3]) for k in events if k[0] == "visit"}
    assert visits == {("다롄시", "2024-09-10"), ("선양시", "2024-09-12")}
    assert {e.direction for k, e in events.items() if k[0] == "visit"} == {"outbound"}


def test_a_cut_off_sentence_still_gives_the_day_of_a_stop_dated_by_its_month():
    # a page cut mid-sentence: the last sentence makes no event, but it tells the stop's day
    events, _ = run(
        "춘천시장 일행은 10일부터 12일까지 2박 3일 일정으로 중국 다롄과 선양을 방문한다.\n"
        "마지막 날에는 선양시를 방문할 계획으로, 개막식 축하와 함께 시장",
        pub=date(2024, 9, 9),
    )
    assert ("visit", "춘천시", "선양시", "2024-09-12", "planned") in events
    assert not any(k[2] == "선양시" and k[3] == "2024-09-01" for k in events)


def test_the_guests_of_a_reception_for_visiting_partners_each_visited():
    events, _ = run(
        "춘천시는 지난 11일 국제포럼 참석차 춘천을 찾은 자매도시 대표들을 위해 환영 오찬을 마련했다고 밝혔다.\n"
        "이날 오찬에는 중국 다롄 왕리 시장, 일본 벳푸 나카무라 부시장 등이 참석했다."
    )
    assert {(k[0], k[2], k[3]) for k in events} == {
        ("visit", "다롄시", "2024-09-11"),
        ("visit", "벳푸시", "2024-09-11"),
    }


def test_the_lead_names_its_government_through_its_head_as_subject():
    # subtitles first; the first sentence names the province only in its governor's title
    events, _ = run(
        "- 지사, 다음 주 중국 출장 -\n"
        "- 지사·성장 회의 참가 -\n"
        "김철수 강원도지사가 오는 20일 중국 출장길에 오른다.\n"
        "도는 1994년 지린성과 자매결연협정을 체결했다."
    )
    assert ("agreement", "강원특별자치도", "지린성", "1994-01-01", "occurred") in events


def test_an_investment_agreement_is_signed_with_companies():
    events, _ = run(
        "김철수 춘천시장은 지난 10일 다롄시를 방문하고, 현지 기업인 A사와 투자유치 협약을 체결했다."
    )
    assert {k[0] for k in events} == {"visit"}


def test_an_act_then_a_proposal_is_still_the_act():
    events, _ = run(
        "춘천시장은 지난 7일 상하이 국제관광박람회장에서 일본 벳푸시 나카무라 시장과 만나 교류를 요청했다."
    )
    assert {(k[0], k[2]) for k in events} == {("meeting", "벳푸시")}
    events, _ = run("춘천시장은 지난 9일 다롄시를 방문해 교류 확대를 제안했다.")
    assert {(k[0], k[2]) for k in events} == {("visit", "다롄시")}
    events, _ = run("춘천시장은 다롄시 방문을 제안했다.")  # the proposal is the visit's own: none happened
    assert not events


def test_the_korean_government_a_foreign_delegation_visits_hosts_the_visit():
    events, _ = run("다롄시 대표단은 지난 9일 강원도청과의 회의를 마친 후 춘천시를 방문했다.")
    assert ("visit", "춘천시", "다롄시", "2024-09-09", "occurred") in events


def test_the_province_whose_head_receives_the_delegation_in_its_capital_is_visited():
    events, _ = run(
        "지린성과 강원도의 자매결연 30주년 기념행사가 지난 10일 창춘에서 열렸다.\n"
        "하루 전인 9일에는 왕리 성장이 김철수 지사 일행을 접견했다."
    )
    assert ("visit", "강원특별자치도", "지린성", "2024-09-09", "occurred") in events
    assert not any(k[0] == "visit" and k[2] == "창춘시" for k in events)
