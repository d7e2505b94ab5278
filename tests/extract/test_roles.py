import pytest

from diplomacy.extract.roles import COMITATIVE, GENITIVE, LOCATIVE, OBJECT, OTHER, PRIOR, SUBJECT, role_after


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("다롄시와 협약을 맺었다", "다롄시", COMITATIVE),
        ("다롄시장과 협약을 맺었다", "다롄시", COMITATIVE),
        ("다롄시청을 방문해", "다롄시", OBJECT),
        ("다롄시를 공식 방문했다", "다롄시", OBJECT),
        ("다롄시로 자리를 옮겨", "다롄시", OBJECT),
        ("다롄시 방문", "다롄시", OBJECT),
        ("다롄시 방문 후 선양시로", "다롄시", PRIOR),
        ("다롄시 대표단이 찾았다", "다롄시", SUBJECT),
        ("다롄시에서 열린 회의", "다롄시", LOCATIVE),
        ("다롄시의 한 호텔에서", "다롄시", LOCATIVE),
        ("다롄시의 부시장", "다롄시", GENITIVE),
        ("다롄시 인구는", "다롄시", OTHER),
        ("다롄시 부시장을 접견했다", "다롄시", COMITATIVE),
        ("다롄시 성장을 만나 논의했다", "다롄시", COMITATIVE),
        ("다롄시 성장을 이끈 산업", "다롄시", OTHER),
        ("다롄시 왕 리핑(Wang Liping) 시장과 만나", "다롄시", COMITATIVE),  # the head named between
        ("다롄시 왕리핑 부시장을 접견했다", "다롄시", COMITATIVE),
        ("다롄시 항구 개발 사업과 관련해", "다롄시", OTHER),
    ],
)
def test_roles(text, name, role):
    assert role_after(text, len(name)) == role
