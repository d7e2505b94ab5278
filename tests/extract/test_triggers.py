"""Trigger lexicon (data/triggers.csv) on invented sentences."""

from __future__ import annotations

from diplomacy.extract.clauses import triggers


def _types(text: str) -> set[str]:
    return {t.event_type for t in triggers(text)}


def test_a_document_title_in_double_angle_brackets_then_signed():
    assert "agreement" in _types("두 사람은 《양 도시 간 교류협력 강화를 위한 합의서》에 서명했다.")
    assert "agreement" in _types("두 시장은 〈우호교류 협약〉을 체결했다.")
    assert "agreement" in _types("두 도시는 자매결연을 위한 사전 의정서에 서명했다.")  # a protocol
    assert "agreement" in _types("구는 블루타운시와 우호증진 서약을 체결했다.")  # a covenant
    assert "agreement" not in _types("직원들은 청렴 서약을 다짐했다.")  # a pledge nobody signs with a partner


def _agreements(text: str) -> list[str]:
    return [text[t.start : t.end] for t in triggers(text) if t.event_type == "agreement"]


def test_documents_signed_one_after_another():
    # an adverb of succession between the document and the verb of signing
    assert _agreements("두 도시는 2015년 경제교류협약을 잇따라 체결했다.")
    assert _agreements("양 지역은 관광협정을 연이어 맺으며 교류를 넓혀 왔다.")
    # an adverb that says nothing was signed keeps the sentence out
    assert not _agreements("두 도시는 협약을 아직 체결하지 못했다.")


def test_each_document_of_a_list_signed_by_one_verb_is_a_trigger():
    text = "가나도와 다라현은 2003년 관광교류협정, 2009년 산업교류협정을 잇따라 체결했다."
    found = _agreements(text)
    assert len(found) == 2
    assert found[0].startswith("관광교류협정"[-2:])  # the first item, before the comma
    # a list of documents that were only discussed is no trigger
    assert not _agreements("두 도시는 관광협정, 산업협정을 논의했다.")
    # nor a document named beside another noun that is not a signed document
    assert len(_agreements("두 도시는 협약과 공동사업 계획을 발표하고 협약을 체결했다.")) == 1


def test_staff_sent_is_an_exchange_but_a_posting_programme_named_as_a_noun_is_not():
    assert "exchange" in _types("시는 지난달 공무원 2명을 자매도시에 파견했다.")
    assert "exchange" not in _types(
        "양측은 앞으로 공무원 상호파견근무, 예술단 교차공연 등을 추진하기로 했다."
    )
    assert "exchange" not in _types("공무원 파견 제도를 도입하기로 했다.")


def test_a_covenant_between_partners_is_a_cooperation_agreement_not_a_friendship_city_one():
    from diplomacy.extract.lexicon import agreement_type

    assert agreement_type("블루타운시와 우호증진 서약을 체결") == "mou"
    assert agreement_type("블루타운시와 우호도시 협약을 체결") == "friendship_city"


def test_a_relation_concluded_as_the_object_of_signing():
    assert _agreements("두 도는 2001년 5월 우호교류를 체결했다.")
    assert _agreements("2010년 친선교류협력을 맺은 두 도시는 교류를 이어 왔다.")
    # a relation prepared or discussed is no act (a decision to sign is: a planned event)
    assert not _agreements("두 도시는 우호교류를 맺을 준비를 하고 있다.")
    assert not _agreements("두 도시는 우호교류를 체결하는 방안을 논의했다.")
    assert _agreements("두 도시는 우호교류를 체결하기로 했다.")


def test_a_relation_concluded_with_gyeolyeon_as_a_verb():
    assert _agreements("두 도시는 2003년 자매결연한 뒤 교류해 왔다.")
    assert _agreements("양 시는 우호결연하고 교류를 시작했다.")
    # 결연한 alone is the adjective 'resolute'
    assert not _agreements("시장은 결연한 의지를 밝혔다.")
    assert not _agreements("두 도시는 자매결연해 달라고 요청했다.")


def test_a_relation_upgraded():
    assert _agreements("두 지역은 2004년 자매지역으로 관계를 승격했다.")
    assert _agreements("양 도시는 우호도시에서 자매도시로 격상됐다.")
    assert not _agreements("두 도시는 자매도시로 관계를 승격하는 방안을 논의했다.")


def test_a_dated_past_signing_told_in_a_relative_clause_before_its_document():
    assert _agreements("두 도시는 2018년 체결된 우호협약에 이어 자매결연을 맺었다.")
    assert _agreements("지난해 맺은 교류협정을 바탕으로 사업을 넓힌다.")
    # without a date before it, a relative clause names a document, not a signing told
    assert len(_agreements("이날 체결된 협약에 따라 두 도시는 교류한다.")) == 0


def test_a_visit_campaign_is_no_visit():
    assert "visit" not in _types("시는 2019 대전방문의 해를 홍보했다.")
    assert "visit" in _types("시장은 대전을 방문해 협약을 맺었다.")


def test_a_video_link_as_the_means_of_the_act_is_a_virtual_meeting():
    assert "virtual_meeting" in _types("지사는 25일 도청에서 온라인을 통해 주지사와 양해각서를 체결했다.")
    assert "virtual_meeting" in _types("시장은 자매도시 단체장 화상교류회의에 참석했다.")
    assert "virtual_meeting" not in _types("시는 온라인 홍보관을 열었다.")


def test_a_relation_concluded_with_hyeopjeong_as_a_verb():
    assert _agreements("두 지역은 2001년 우호 협정한 뒤 교류해 왔다.")
    assert not _agreements("두 지역은 협정 내용을 검토했다.")


def test_a_joint_declaration_signed_is_a_cooperation_agreement():
    from diplomacy.extract.lexicon import agreement_type

    assert _agreements("두 지사는 기념식을 갖고 공동선언에 서명했다.")
    assert agreement_type("공동선언에 서명") == "mou"


def test_a_document_in_angle_brackets_signed_in_the_loanword_spelling():
    assert _agreements("두 시장은 <우호교류 강화 공동성명>에 싸인했다.")
    assert _agreements("양측은 우호교류 합의서에 사인했다.")
    assert not _agreements("두 지사는 기념 액자에 사인했다.")  # no document between the sides


def test_a_signing_as_a_purpose_is_no_signing_but_a_ceremony_told_as_a_topic_is():
    assert not _agreements("방문단은 벳푸시와 자매결연을 맺기 위해 출국했다.")
    assert not _agreements("방문단은 협정을 체결하기 위해 출국했다.")
    assert _agreements("협약식은 오는 13일 벳푸시청에서 열릴 예정이다.")
    assert not _agreements("협약식은 교류의 상징이다.")


def test_a_signing_told_as_the_start_of_a_relation():
    assert _agreements("두 군은 2010년 친선 협정을 시작으로 교류를 넓혀 왔다.")
    assert not _agreements("두 도시는 청소년 교류를 시작으로 협력을 넓혀 왔다.")


def test_a_relation_concluded_as_a_compound_noun():
    assert _agreements("두 시는 2012년 우호교류 체결 이후 교류를 이어 왔다.")
    assert not _agreements("두 구는 우호교류 체결을 위한 절차를 밟고 있다.")


def test_a_document_signed_anew():
    assert _agreements("두 시장은 우호협력 협약서를 새롭게 체결했다.")
    assert _agreements("양측은 우호협력 협약을 다시 맺었다.")


def test_a_video_letter_delivered_is_an_exchange():
    assert "exchange" in _types("시장은 새해 영상편지도 다롄시에 전달했다.")
    assert "exchange" in _types("시장은 축하 메시지를 보냈다.")
