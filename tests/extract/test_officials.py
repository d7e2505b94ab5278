"""find_officials on invented sentences: the shapes a person takes, the side, and what is no official."""

from datetime import date

import pytest

from diplomacy.extract import morph
from diplomacy.extract.mentions import Resolver
from diplomacy.extract.officials import find_officials


@pytest.fixture(scope="module")
def resolver():
    return Resolver("", date(2024, 5, 1))


@pytest.fixture(params=["windows", "sentence_tokens"], autouse=True)
def reading(request):
    """Every test runs twice: officials reading their own windows with Kiwi, and reading the
    tokens of the whole sentence the extractor hands them (what the pipeline does)."""
    global _READING
    _READING = request.param


_READING = "windows"


def found(text, resolver, people=None):
    tokens = morph.tokenize([text])[0] if _READING == "sentence_tokens" else None
    people = {} if people is None else people
    return [(o.name, o.title, o.side) for o in find_officials(text, resolver, people, tokens)]


def in_article(article):
    """Each sentence of `article` in turn, with the article as the resolver's context."""
    res = Resolver(article, date(2024, 5, 1))
    people = {}
    return [found(line, res, people) for line in article.splitlines()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # government glued to the title decides the side
        ("김철수 춘천시장은 다롄시를 찾았다", [("김철수", "시장", "korean")]),
        ("왕리핑 다롄시장과 만났다", [("왕리핑", "시장", "foreign")]),
        ("춘천시장 김영호는 말했다", [("김영호", "시장", "korean")]),
        # a government between name and title, and before the name
        ("박영수 전주시 부시장이 서명했다", [("박영수", "부시장", "korean")]),
        ("항저우시 천웨이 부시장이 방문했다", [("천웨이", "부시장", "foreign")]),
        ("다롄시 송해진 부시장이 방문했다", [("송해진", "부시장", "foreign")]),  # Korean-shaped, Kiwi: a verb
        # title before name
        ("성장인 류창밍은 대표단을 맞았다", [("류창밍", "성장", "foreign")]),
        ("경상남도 도지사 홍길순 일행을 만났다", [("홍길순", "도지사", "korean")]),
        ("허베이성 성장 왕샤오밍은 대표단을 맞았다", [("왕샤오밍", "성장", "foreign")]),
        # names glued to the title
        ("방문단은 웨이팡시청에서 한송국시장과 만났다", [("한송국", "시장", "foreign")]),
        ("강원도 대표단은 최문수지사와 함께 출국했다", [("최문수", "지사", "korean")]),
        # a Hanja gloss after the name, the title before or after
        ("장안순(張安順) 부시장이 방문했다", [("장안순", "부시장", "korean")]),
        ("다롄시 부시장 장안순(張安順)이 방문했다", [("장안순", "부시장", "foreign")]),
        ("리샤오핑(李晓平, Li Xiaoping) 선양시장과 만났다", [("리샤오핑", "시장", "foreign")]),
        # names of several words
        ("응우옌 반 남 당서기와 회담했다", [("응우옌 반 남", "당서기", "foreign")]),
        ("팜 반 득 성장과 만났다", [("팜 반 득", "성장", "foreign")]),
        ("다나카 히로시 정장을 단장으로 한 대표단", [("다나카 히로시", "정장", "foreign")]),
        ("마크 존슨 시장이 환영했다", [("마크 존슨", "시장", "foreign")]),
        ("린다 오 풀러턴시장과 만났다", [("린다 오", "시장", "foreign")]),
        # a unit after a number or a dependent noun does not start a name
        ("21일 허슝 시장과 만났다", [("허슝", "시장", "foreign")]),
        ("찾았을 때 천웨이 시장님과 약속했다", [("천웨이", "시장", "foreign")]),
        # titles that carry their own side, multi-word council titles, office titles
        ("이민호 강릉시의회 의장이 함께했다", [("이민호", "시의회 의장", "korean")]),
        ("최수정 국제협력국장은 말했다", [("최수정", "국제협력국장", "korean")]),
        ("쑨위 외사판공실 부주임을 비롯한 사절단", [("쑨위", "외사판공실 부주임", "foreign")]),
        ("한지훈 당서기가 참석했다", [("한지훈", "당서기", "foreign")]),  # the hint beats the shape
        ("이수근 군수가 참석했다", [("이수근", "군수", "korean")]),
        # no government, no hint: the shape of the name
        ("첸위펑 시장은 말했다", [("첸위펑", "시장", "foreign")]),
        ("박지수 시장은 말했다", [("박지수", "시장", "korean")]),
        # a Korean-shaped name takes the nearest government before it
        ("대표단은 웨이하이시를 찾아 장춘복 시장과 회담했다", [("장춘복", "시장", "foreign")]),
        # Kiwi splits some names ("하/NNG 서/NNG 림/NNG"): the shape still makes them names
        (
            "해남성 부성장 하서림, 상무부성장 모추봉도 참석했다",
            [("하서림", "부성장", "foreign"), ("모추봉", "상무부성장", "foreign")],
        ),
        # a list sharing one title
        (
            "박영민·최수진·강도윤 의원이 동행했다",
            [("강도윤", "의원", "korean"), ("최수진", "의원", "korean"), ("박영민", "의원", "korean")],
        ),
        # a bracketed appositive names the head of a government, not a participant
        ("안양시(시장 김도현)는 밝혔다", []),
    ],
)
def test_shapes(text, expected, resolver):
    assert found(text, resolver) == expected


@pytest.mark.parametrize(
    "text",
    [
        "시장 취임 뒤 처음 찾았다",
        "상하이지사를 방문했다",  # a branch office, not a governor
        "김 시장을 단장으로 한 대표단",  # a surname alone, never met before
        # clause fragments before a title
        "행사에 참석한 시장은 인사말을 했다",
        "축제를 찾은 부시장 일행은 돌아갔다",
        "새로 선출된 의장은 말했다",
        # a market, growth: the title's words in other senses
        "중국 시장 진출을 노린다",
        "세계시장에서 경쟁한다",
        "경제가 빠르게 성장하고 있다",
        # no government official
        "홍길동 대표이사가 서명했다",
        "김민수 회장과 박성호 총장이 참석했다",
        "주한 베트남 대사 응우옌 반 꾸옥이 참석했다",
        "이철민 국회의원이 축사를 했다",
        "교류단은 한국관광공사 자카르타지사를 방문했다",
        "김철수 민주노총 위원장은 반발했다",
        "더불어민주당 의원 10명이 참석했다",
    ],
)
def test_not_officials(text, resolver):
    assert found(text, resolver) == []


def test_surname_resolves_to_someone_met_earlier(resolver):
    people = {}
    found("김철수 춘천시장은 다롄시를 찾았다", resolver, people)
    assert found("김 시장은 환영했다", resolver, people) == [("김철수", "시장", "korean")]


def test_a_surname_after_a_number(resolver):
    people = {}
    found("명대호 진천군수가 참석했다", resolver, people)
    assert found("지난 5월 명 군수가 방문했다", resolver, people) == [("명대호", "군수", "korean")]


def test_later_mentions_of_foreign_names():
    assert in_article(
        "왕 레이 톈진시장과 만났다\n왕레이시장은 환영했다\n왕 시장은 말했다\n"
        "야마다 다로 정장을 단장으로 한 대표단\n야마다 정장은 말했다\n"
        "러우칭젠 당서기를 만났다\n러우 당서기는 말했다\n이철호 경북도지사도 함께했다\n이 지사는 말했다"
    ) == [
        [("왕 레이", "시장", "foreign")],
        [("왕 레이", "시장", "foreign")],  # glued and unspaced
        [("왕 레이", "시장", "foreign")],
        [("야마다 다로", "정장", "foreign")],
        [("야마다 다로", "정장", "foreign")],  # the first word of the name
        [("러우칭젠", "당서기", "foreign")],
        [("러우칭젠", "당서기", "foreign")],  # a surname of two syllables
        [("이철호", "도지사", "korean")],
        [("이철호", "도지사", "korean")],  # the short form of the title
    ]


def test_a_word_the_article_writes_as_a_place_is_no_name():
    assert in_article(
        "캐나다 매니토바주의 존 스미스 주수상이 방문했다\n매니토바 주수상이 한국을 찾은 것은 처음이다"
    ) == [[("존 스미스", "주수상", "foreign")], []]


def test_a_person_keeps_the_side_first_found():
    assert in_article("다롄시 송해진 부시장이 방문했다\n송해진 부시장은 서울에 머물렀다") == [
        [("송해진", "부시장", "foreign")],
        [("송해진", "부시장", "foreign")],
    ]


def test_appositive_is_remembered_for_later_mentions(resolver):
    people = {}
    assert found("안양시(시장 김도현)는 대표단을 맞았다고 밝혔다", resolver, people) == []
    assert found("김 시장은 다롄시 부시장과 만났다", resolver, people)[0] == ("김도현", "시장", "korean")


def test_a_name_glued_to_a_korean_city_and_its_title():
    from datetime import date

    from diplomacy.extract.mentions import Resolver
    from diplomacy.extract.officials import find_officials

    for text, name, title in [
        ("조병돈이천시장은 10일 룽징시 대표단을 시청에서 맞이했다.", "조병돈", "시장"),
        ("김영환충북지사는 대표단을 맞았다.", "김영환", "지사"),
    ]:
        found = find_officials(text, Resolver(text, date(2024, 9, 12), {text: 0}), {})
        assert [(o.name, o.title, o.side) for o in found] == [(name, title, "korean")], text
