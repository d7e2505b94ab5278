"""Standing relationships read from invented sentences (not from the eval set)."""

from datetime import date

from diplomacy.extract.engine import extract_article
from diplomacy.extract.nlp import analyse

PUB = date(2024, 9, 12)


def rels(body, title=""):
    (sentences,) = list(analyse([body]))
    ex = extract_article("t", title, sentences, PUB)
    return {(r.korean.name, r.foreign.name, r.relationship_type) for r in ex.relationships}


def test_a_class_of_both_kinds_names_no_relation():
    found = rels("춘천시가 우호·자매 관계를 맺은 해외 도시는 다롄시에 이어 일곱 곳이다.")
    assert ("춘천시", "다롄시", "sister_city") not in found


def test_a_prize_or_a_letter_of_intent_is_no_relation():
    found = rels(
        "춘천시는 지난해 '우호도시 교류협력상'을 다롄시와 함께 받았다.\n"
        "춘천시는 선양시와 자매결연 의향서를 주고받고 교류를 약속했다."
    )
    assert found == set()


def test_a_hope_or_an_intention_is_no_relation():
    found = rels(
        "춘천시와 다롄시는 때가 되면 자매결연 협정으로 관계를 높이자는 데 뜻을 모았다.\n"
        "당시 춘천시와 다롄시는 우호도시 관계를 발전시키려는 의향을 밝혔다."
    )
    assert not {r for r in found if r[1] == "다롄시"}


def test_the_building_where_a_relation_was_celebrated_is_no_party():
    found = rels(
        "김 지사는 당시 선양시 청사에서 자매결연 20주년 기념 업무협약을 맺었다.",
        title="강원도, 中 다롄시와 교류",
    )
    assert not {r for r in found if r[1] == "선양시"}


def test_a_name_after_a_relation_word_across_a_clause_break_is_not_described():
    found = rels(
        "26일 '자매결연 20주년 기념 한마당'이 열리고, 27일에는 선양에 있는 기업을 찾는다.",
        title="춘천시, 中 다롄시와 자매결연 20주년",
    )
    assert ("춘천시", "선양시", "sister_city") not in found


def test_a_list_with_readings_in_parentheses():
    found = rels("춘천시는 다롄시 외에 선양시(瀋陽市), 창춘시(長春市)와도 자매결연을 맺고 있다.")
    assert {("춘천시", "선양시", "sister_city"), ("춘천시", "창춘시", "sister_city")} <= found


def test_the_pair_named_by_an_anaphor_before_an_upgrade():
    found = rels(
        "춘천시와 다롄시의 인연은 2005년 시작됐다.\n"
        "이후 우호교류 관계를 이어 오던 두 도시는 선양 빈하이호텔에서 자매결연 협정을 맺었다.",
        title="춘천시, 中 다롄시와 자매결연 10주년",
    )
    assert ("춘천시", "다롄시", "friendship_city") in found
    assert not {r for r in found if r[1] == "선양시"}


def test_a_long_list_far_from_the_topic_with_countries_and_provinces_between():
    found = rels(
        "춘천시는 2001년 3월 일본 오카야마시와 처음으로 국제 자매결연을 맺었으며 "
        "호주 시드니시, 중국 랴오닝성 선양시 등과도 자매도시 관계를 이어오고 있다."
    )
    assert {("춘천시", "시드니시", "sister_city"), ("춘천시", "선양시", "sister_city")} <= found


def test_a_quote_that_states_a_standing_relation_or_names_a_partner_by_it():
    found = rels(
        '김 시장은 "춘천시는 중국 다롄시와도 우호교류관계를 이어오고 있다"며 "교류를 넓히겠다"고 말했다.\n'
        '김 시장은 "자매결연도시인 일본 오카야마시와의 교류도 더 늘리겠다"고 말했다.\n'
        '김 시장은 "선양시와 자매결연을 맺어 교류를 넓히고 싶다"고 말했다.'
    )
    assert ("춘천시", "다롄시", "friendship_city") in found
    assert ("춘천시", "오카야마시", "sister_city") in found
    assert not {r for r in found if r[1] == "선양시"}


def test_a_legislatures_friendship_pact_is_an_mou_and_no_relation():
    (sentences,) = list(analyse(["춘천시의회는 2010년 다롄시 인민대표대회와 우호교류 협정을 체결했다."]))
    ex = extract_article("t", "", sentences, PUB)
    assert [(e.event_type, e.agreement_type) for e in ex.events] == [("agreement", "mou")]
    assert ex.relationships == []


def years(body, title=""):
    (sentences,) = list(analyse([body]))
    ex = extract_article("t", title, sentences, PUB)
    return {(r.foreign.name, r.relationship_type): r.established_year for r in ex.relationships}


def test_a_relation_is_dated_by_the_nearest_date_since_the_previous_relation_word():
    found = years(
        "춘천시와 다롄시는 2015년 3월 우호교류 협약을 맺은 뒤 교류를 이어오다 올해 5월 자매결연으로 관계를 높였다.\n"
        "춘천시는 2001년 일본 오카야마시와 자매결연을 맺었으며 중국 선양시 등과도 자매도시 관계를 이어오고 있다."
    )
    assert found[("다롄시", "sister_city")] == 2024
    assert found[("오카야마시", "sister_city")] == 2001
    assert found[("선양시", "sister_city")] is None


def test_an_anniversary_dates_the_relation_and_a_partner_named_by_it_takes_no_date():
    found = years(
        "춘천시는 다롄시와 자매결연 20주년을 맞아 기념행사를 열었다.\n"
        "춘천시 대표단은 지난 10일 자매도시인 오카야마시를 방문했다."
    )
    assert found[("다롄시", "sister_city")] == 2004
    assert found[("오카야마시", "sister_city")] is None
