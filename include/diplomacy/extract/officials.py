"""Officials named in a sentence: name, title and the side they speak for.

Korean news writes officials in a few shapes: "이기용 정책실장", "이동환 고양시장" (the
government glued to the title), "허슝 정저우시장", "장림국시장" (name glued to title),
"김진석 충주시 부시장", "대경시 양수덕 부시장", "도지사 량승조", and later "조 시장"
(surname only). The side comes from the government written next to the person, else the
title's own hint (성장 is Chinese, 군수 Korean), else the nearest government mentioned
before the person in the sentence, else the shape of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from diplomacy.extract import lexicon


@dataclass(frozen=True)
class Official:
    name: str
    title: str
    side: str  # korean | foreign


_NOT_NAMES = {
    "대표단", "관계자", "일행", "정부", "인민정부", "대한민국", "중국", "한국", "일본", "베트남", "양측", "이번",
    "당시", "위원회", "정책", "경제", "우리", "최근", "그리고", "또한", "국제", "지역", "주요", "이날", "시의회",
    "군의회", "도의회", "현지", "공동", "특히", "대표", "부주임", "주임", "조선족", "자치주", "외사판공실", "한편",
    "전", "현", "신임", "당", "성당위", "부서기", "서기", "시당위", "등", "및", "비롯한", "함께", "직접", "모두",
}  # fmt: skip
_PARTICLE_END = re.compile(
    r"(?:은|는|이|가|을|를|에|의|와|과|도|로|으로|에서|에는|한|된|던|인|할|고|며|해|게|서|께)$"
)
_KOREAN_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부"
)
# Syllables of Chinese, Japanese and Vietnamese names in Korean orthography that Korean given names avoid.
_FOREIGN_SYLLABLES = set(
    "쯔롄슝즈쑤쉬쥔웨잉쭝뤄펑핑훙칭밍둥쉐옌녠뎬톈젠첸셴볜쑨쭤쭈쓰츠궈쿤룽윈팅훠샤쟈쟝뤼싱쑹쩌쩡퉁쑤롼빙뉴퀴쥐취"
    "요시다히데토타로코사카노키쿠마루에후이러쑤언휘응옌쩐"
)


@cache
def _title_regex() -> re.Pattern:
    titles = sorted(lexicon.titles(), key=len, reverse=True)
    alt = "|".join(re.escape(t).replace(r"\ ", r"\s?") for t in titles)
    particles = "은|는|이|가|을|를|과|와|의|도|인|이며|이자|께서|에게|으로|로|일행|등|님"
    return re.compile(rf"(?P<title>{alt})(?=(?:{particles})?(?:[^가-힣]|$))")


_SUFFIX_TITLES = ("국장", "실장", "과장", "본부장", "원장", "처장")


def _gov_side(word: str, resolver) -> str | None:
    w = word + " "
    if any(e == len(word) for _, e, _ in resolver.korean(w)):
        return "korean"
    if any(e == len(word) for _, e, _ in resolver.foreign(w)):
        return "foreign"
    return None


def _looks_foreign(name: str) -> bool:
    if " " in name:
        return True
    if name[0] not in _KOREAN_SURNAMES or len(name) > 4 or len(name) < 2:
        return True
    return any(ch in _FOREIGN_SYLLABLES for ch in name[1:])


def find_officials(text: str, resolver, people: dict[str, Official]) -> list[Official]:
    """Officials in `text`; `people` (surname+title -> Official) lets "조 시장" resolve later."""
    hints = lexicon.titles()
    govs = sorted(
        [(s, e, "korean") for s, e, _ in resolver.korean(text)]
        + [(s, e, "foreign") for s, e, _ in resolver.foreign(text)]
    )
    found: list[Official] = []
    for m in _title_regex().finditer(text):
        title = re.sub(r"\s+", " ", m["title"])
        hint = hints.get(title, "any")
        before = re.sub(r"\s*\([^)]*\)\s*$", " ", text[: m.start()])  # "인 융(殷勇, Yin Yong) 베이징시장"
        side: str | None = None
        name: str | None = None
        # Government glued to the title: "고양시장" = 고양 + 시장, "경주시의회 의장", "야즈정장" = 야즈정 + 장.
        glued = re.search(r"([가-힣]+)$", before)
        if glued:
            word = glued.group(1)
            hit = None
            for cut in range(len(word)):
                for k in range(len(title)):
                    gs = _gov_side(word[cut:] + title[:k], resolver)
                    if gs:
                        hit = (cut, gs)
                        break
                if hit:
                    break
            if hit and title == "지사":
                continue  # "상하이지사": a branch office, not a governor
            if hit:
                side = hit[1]
                before = before[: len(before) - len(word) + hit[0]]
            elif title in _SUFFIX_TITLES and len(word) >= 2:
                title = word + title  # "행정복지국장", "기획조정실장"
                before = before[: len(before) - len(word)]
            elif len(word) == 3 and word not in _NOT_NAMES and title in ("시장", "군수", "부시장"):
                name = word  # "장림국시장": a name glued to the title
            else:
                continue  # a title inside another word ("부주임" in "외사판공실부주임")
        if name is None:
            tokens = before.rstrip().split(" ")
            while tokens and tokens[-1] and (tokens[-1] in _NOT_NAMES or _gov_side(tokens[-1], resolver)):
                side = side or _gov_side(tokens[-1], resolver)
                tokens.pop()
            cand: list[str] = []
            while tokens:
                tok = tokens[-1]
                if not re.fullmatch(r"[가-힣]{1,6}", tok) or tok in _NOT_NAMES or _gov_side(tok, resolver):
                    break
                if cand and (_PARTICLE_END.search(tok) and len(tok) > 1):
                    break
                if not cand and (
                    re.search(r"(?:을|를|에|의|와|과|로|에서|에는|한|된|던|등)$", tok)
                    or (re.search(r"(?:은|는)$", tok) and len(tok) != 3)
                ):
                    break
                if cand and not (
                    len(tok) <= 3 and (len(cand[0]) <= 2 or len(tok) <= 2 or tok[0] not in _KOREAN_SURNAMES)
                ):
                    break
                cand.insert(0, tok)
                tokens.pop()
                if len(cand) == 3 or (len(cand) == 1 and len(tok) == 3 and tok[0] in _KOREAN_SURNAMES):
                    break
            if tokens and not side:
                side = _gov_side(tokens[-1], resolver)
            if cand and not (len(cand) == 1 and len(cand[0]) == 1):
                name = " ".join(cand)
            elif cand and len(cand[0]) == 1:
                # "조 시장": a surname alone names someone already met with that title
                known = people.get(cand[0] + title)
                if known:
                    found.append(known)
                continue
        if name is None:
            after = re.match(
                r"\s?(?:인\s)?([가-힣]{3})(?:은|는|이|가|을|를|과|와)?(?![가-힣])", text[m.end() :]
            )
            if (
                after
                and after.group(1) not in _NOT_NAMES
                and (after.group(1)[0] in _KOREAN_SURNAMES or _looks_foreign(after.group(1)))
                and not _gov_side(after.group(1), resolver)
            ):
                name = after.group(1)
                prev = re.search(r"([가-힣]+)\s?$", text[: m.start()])
                side = side or (_gov_side(prev.group(1), resolver) if prev else None)
        if not name or name in _NOT_NAMES:
            continue
        if side is None and hint in ("korean", "foreign"):
            side = hint
        if side is None:
            before_govs = [g for g in govs if g[1] <= m.start()]
            if _looks_foreign(name):
                side = "foreign"
            elif before_govs and m.start() - before_govs[-1][1] < 40:
                side = before_govs[-1][2]
            else:
                side = "korean"
        o = Official(name, title, side)
        found.append(o)
        people.setdefault(name[0] + title, o)
        people.setdefault(name.split()[0] + title, o)
        if title.endswith("시장") or title.endswith("군수"):
            people.setdefault(name[0] + title[-2:], o)
    uniq: dict[str, Official] = {}
    for o in found:
        uniq.setdefault(o.name, o)
    return list(uniq.values())
