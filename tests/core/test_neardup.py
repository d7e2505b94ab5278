"""Near-duplicate articles (diplomacy.neardup) on invented bodies."""

from __future__ import annotations

import random
from datetime import date

from diplomacy import neardup

WIRE = (
    "전북 가나시가 중국 산둥성 다라시와 우호교류 협약을 체결하고 항만 물류 분야 협력에 나섰다. "
    "가나시는 시장을 단장으로 한 대표단이 지난 6일 다라시를 방문해 다라시장과 협약서에 서명했다고 7일 밝혔다. "
    "두 도시는 협약에 따라 항만 물류와 관광, 청소년 교류 등 여러 분야에서 협력하기로 했다. "
    "시장은 바다를 사이에 둔 두 도시가 함께 성장하는 계기가 되길 바란다고 말했다."
)
# the same wire copy with its title, last sentence and credit changed by another outlet
EDITED = (
    WIRE.replace("밝혔다", "전했다")[: len(WIRE) - 40]
    + " 한편 시는 내년 봄 답방단을 맞을 계획이다. ⓒ 다른신문"
)
# the same city's next press release: its template opening, another partner and story
TEMPLATE = (
    "전북 가나시가 일본 미야현 사라시와 청소년 교류 협약을 체결하고 교육 분야 협력에 나섰다. "
    "가나시는 부시장을 단장으로 한 청소년 교류단이 지난 20일 사라시를 찾아 홈스테이와 문화 체험을 했다고 "
    "21일 밝혔다. 교류단은 사라시 고등학교 두 곳에서 수업을 듣고 전통 공예를 배웠다."
)
# an independent report of the same signing
OTHER = (
    "6일 산동성 다라시와 한국 가나시가 다라시에서 우호교류 협약을 맺었다. 이날 두 도시 시장이 협약서에 "
    "서명했으며 앞으로 항구 물류와 관광 분야에서 협력을 강화한다."
)


def test_a_signature_is_fixed_and_of_its_size():
    assert neardup.signature(WIRE) == neardup.signature(WIRE)
    assert len(neardup.signature(WIRE)) == neardup.NUM_PERM
    assert len(neardup.signature("")) == neardup.NUM_PERM  # empty bodies do not crash


def test_an_edited_copy_is_a_near_duplicate_and_other_texts_are_not():
    sig = neardup.signature
    assert neardup.similarity(sig(WIRE), sig(EDITED)) >= neardup.THRESHOLD
    assert neardup.similarity(sig(WIRE), sig(TEMPLATE)) < neardup.THRESHOLD
    assert neardup.similarity(sig(WIRE), sig(OTHER)) < neardup.THRESHOLD


def test_copies_point_at_the_earliest_article_whatever_the_input_order():
    rows = [
        ("c", date(2024, 11, 8), neardup.signature(EDITED + " 추가 문단입니다.")),
        ("b", date(2024, 11, 7), neardup.signature(EDITED)),
        ("a", date(2024, 11, 7), neardup.signature(WIRE)),
        ("t", date(2024, 11, 7), neardup.signature(TEMPLATE)),
        ("o", date(2024, 11, 6), neardup.signature(OTHER)),
    ]
    expected = {"b": "a", "c": "a"}
    for _ in range(5):
        random.shuffle(rows)
        found = {d.article_id: d.original_id for d in neardup.near_duplicates(rows)}
        assert found == expected
