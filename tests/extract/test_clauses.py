"""Triggers of the lexicon in a sentence. Every sentence is invented."""

from __future__ import annotations

from diplomacy.extract.clauses import triggers


def kinds(text: str) -> list[tuple[str, str]]:
    return [(text[t.start : t.end], t.event_type) for t in triggers(text)]


def test_triggers_in_the_orthography_of_outlets_in_china():
    # 량해각서 is 양해각서 with the initial ㄹ kept, as Korean-language outlets in China write it
    text = "이날 두 도시는 량해각서를 체결했다."
    assert [kind for _, kind in kinds(text)] == ["agreement"]
    assert kinds(text)[0][0].startswith("량해각서")


def test_a_trigger_is_found_once_in_standard_spelling():
    text = "이날 두 도시는 양해각서를 체결했다."
    assert [kind for _, kind in kinds(text)] == ["agreement"]


def test_the_items_of_a_list_joined_by_middle_dots_take_the_role_of_the_last():
    from diplomacy.extract.clauses import mentions
    from diplomacy.extract.roles import SUBJECT

    text = "지난해에는 일본 벳푸시·중국 다롄시 대표단이 방문했다."
    found = [(text.index(n), text.index(n) + len(n), n) for n in ("벳푸시", "다롄시")]
    assert [m.role for m in mentions(text, found, None)] == [SUBJECT, SUBJECT]
    text = "일본 벳푸시와 인구가 비슷한 다롄시 대표단이 방문했다."
    found = [(text.index(n), text.index(n) + len(n), n) for n in ("벳푸시", "다롄시")]
    assert mentions(text, found, None)[0].role != SUBJECT
