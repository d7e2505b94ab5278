"""Officials named in a sentence: name, title and the side they speak for.

Korean news writes officials in a few shapes: "이기용 정책실장", "이동환 고양시장" (the
city glued to the title), "허슝 정저우시장", "장림국시장" (name glued to title), and later
"조 시장" (surname only). The side comes from the government glued to the title, else
from the title's own hint (성장 is Chinese, 군수 is Korean), else from earlier mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplomacy.extract import lexicon

_NAME = r"(?P<name>[가-힣]{2,4}(?:\s[가-힣]{2,4}){0,2})"


@dataclass(frozen=True)
class Official:
    name: str
    title: str
    side: str  # korean | foreign | unknown


_NOT_NAMES = {
    "대표단",
    "관계자",
    "일행",
    "정부",
    "인민정부",
    "대한민국",
    "중국",
    "한국",
    "일본",
    "베트남",
    "양측",
    "이번",
    "당시",
    "위원회",
    "정책",
    "경제",
    "우리",
    "최근",
    "그리고",
    "또한",
    "국제",
    "지역",
    "주요",
    "이날",
    "시의회",
    "군의회",
    "도의회",
    "현지",
    "공동",
    "특히",
    "대표",
    "부주임",
    "주임",
    "조선족",
    "자치주",
}


def _title_regex() -> re.Pattern:
    titles = sorted(lexicon.titles(), key=len, reverse=True)
    alt = "|".join(re.escape(t).replace(r"\ ", r"\s?") for t in titles)
    return re.compile(rf"(?P<title>{alt})(?![가-힣])")


_TITLE_RX = None


def find_officials(text: str, resolver, people: dict[str, Official]) -> list[Official]:
    """Officials in `text`; `people` (surname+title -> Official) lets "조 시장" resolve later."""
    global _TITLE_RX
    if _TITLE_RX is None:
        _TITLE_RX = _title_regex()
    hints = lexicon.titles()
    found: list[Official] = []
    for m in _TITLE_RX.finditer(text):
        title = re.sub(r"\s", " ", m["title"])
        before = text[: m.start()]
        side = hints.get(title, hints.get(title.replace(" ", ""), "any"))
        gov_side = None
        # Government glued before the title: "고양시장" = 고양시 + 장, "정저우시장" = 정저우시 + 장.
        glued = re.search(r"([가-힣]+?)(시|군|구|도|성|현|정)$", before)
        prefix_name = None
        if glued and title in ("시장", "군수", "구청장", "도지사", "지사", "성장", "현장", "정장", "장"):
            stem = glued.group(0)
            for k in resolver.korean(stem + " "):
                if k[1] == len(stem):
                    gov_side, prefix_name = "korean", stem
            if gov_side is None:
                for f in resolver.foreign(stem + " "):
                    if f[1] == len(stem):
                        gov_side, prefix_name = "foreign", stem
        if prefix_name is None and re.search(r"[가-힣]$", before) and title in ("시장", "군수", "부시장"):
            # "장림국시장": a name glued to the title
            nm = re.search(r"(?<![가-힣])([가-힣]{3})$", before)
            if nm and nm.group(1) not in _NOT_NAMES:
                found.append(Official(nm.group(1), title, _side(side, None)))
            continue
        if prefix_name is None and re.search(r"[가-힣]$", before):
            # a title glued to a non-government word ("주임" inside "부주임") is not a title here
            pass_word = re.search(r"([가-힣]+)$", before).group(1)
            if not pass_word.endswith(("시", "의회", "판공실", "정부")):
                continue
        name = None
        head = before[: len(before) - len(prefix_name)] if prefix_name else before
        # "허슝 정저우시장", "이기용 정책실장", "김진석 충주시 부시장"
        nm = re.search(
            r"(?<![가-힣])([가-힣]{2,4}(?:\s[가-힣]{1,4}){0,2})\s?(?:[가-힣]+(?:시|군|구|도|성|현)\s?)?$",
            head,
        )
        if nm:
            cand = nm.group(1).strip()
            parts = cand.split()
            # keep the name part only: a government or org word before it is not a name
            while parts and (parts[0] in _NOT_NAMES or _is_gov(parts[0], resolver)):
                parts = parts[1:]
            while parts and (parts[-1] in _NOT_NAMES or _is_gov(parts[-1], resolver)):
                parts = parts[:-1]
            cand = " ".join(parts)
            if cand and len(cand.replace(" ", "")) >= 2 and cand not in _NOT_NAMES:
                name = cand
        if name is None:
            # "TITLE NAME" order: "도지사 량승조", "성장인 경준해"
            after = text[m.end() :]
            nm = re.match(r"\s?(?:인\s)?([가-힣]{3})(?![가-힣])", after)
            if nm and nm.group(1) not in _NOT_NAMES:
                name = nm.group(1)
        if name is None:
            # "조 시장": a surname alone resolves to someone already named with that title
            sm = re.search(r"(?<![가-힣])([가-힣])\s$", head)
            if sm and (sm.group(1) + title) in people:
                found.append(people[sm.group(1) + title])
            continue
        if len(name.split()) == 1 and len(name) > 4:
            continue
        o = Official(name, title, _side(side, gov_side))
        found.append(o)
        people[name[0] + title] = o
        people.setdefault(name.split()[0] + title, o)
    uniq: dict[str, Official] = {}
    for o in found:
        uniq.setdefault(o.name, o)
    return [o for o in uniq.values() if o.side != "unknown"]


def _is_gov(word: str, resolver) -> bool:
    return bool(resolver.korean(word + " ") or resolver.foreign(word + " "))


def _side(hint: str, gov_side: str | None) -> str:
    if gov_side:
        return gov_side
    if hint in ("korean", "foreign"):
        return hint
    # A bare "시장" in Korean news is the Korean side's; foreign officials come with their city.
    return "korean"
