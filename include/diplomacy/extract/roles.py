"""What a government mention does in its clause, read from the words that follow it.

Korean marks grammatical roles with particles, so the few characters after a name say
whether it is the party one signs *with* ("허난성과 협약"), the place one *travels to*
("훈춘시청을 방문", "장자제시로 자리를 옮겨"), the one who *acts* ("사절단은", "정부가"),
or merely *where* something happens ("정저우에서 열린").
"""

from __future__ import annotations

import re

COMITATIVE = "comitative"
OBJECT = "object"
SUBJECT = "subject"
LOCATIVE = "locative"
GENITIVE = "genitive"
PRIOR = "prior"
OTHER = "other"

# Words that may sit between a government's name and its particle: its bodies and people.
_BODY = r"(?:청사|청)?(?:\s?(?:시청|군청|구청|도청|청사|인민정부|정부|당국|대표단|사절단|방문단|교류단|우호방문단|일행|외사판공실|관계자들?|측|시장|부시장|군수|성장|부성장|당서기|대표|도지사|시의회|의회|정장|주장)\s?)*"
_HEAD = r"(?:시장|부시장|군수|구청장|구장|현장|주지사|지사|성장|부성장|당서기|주석|의장|시의장|카운티장)"
_NAMED = (
    r"(?:\s[가-힣]{1,6}){1,4}\s?(?:\([^)]{1,40}\))?\s?"  # a person's name, its Latin spelling in brackets
)
_MET = r"(?:만나|만났|접견|면담|예방|환담)"  # verbs of meeting someone
_ROLE_RX = [
    (PRIOR, re.compile(r"^" + _BODY + r"\s?(?:방문|일정)(?:을|를)?\s?(?:후|뒤|마치|마무리|끝)")),
    (
        OBJECT,
        re.compile(
            r"^"
            + _BODY
            + r"(?:을|를|에|로|으로)\s?(?:[가-힣]+\s)?(?:공식\s?)?(?:방문|찾|도착|이동|옮|순방|출국|보내|파견|들러|머물)"
        ),
    ),
    (OBJECT, re.compile(r"^" + _BODY + r"\s?방문")),
    (COMITATIVE, re.compile(r"^" + _BODY + r"(?:와|과|와의|과의|하고)(?![가-힣])")),
    (COMITATIVE, re.compile(r"^장(?:과|와|을|를)(?![가-힣])")),  # "장자제시장과": the mayor, so the city
    (COMITATIVE, re.compile(r"^" + _BODY + r"(?:을|를)\s?" + _MET)),  # the head met
    # the head named between the government and the title ("X시 왕 리핑(Wang Liping) 시장과 만나")
    (COMITATIVE, re.compile(r"^" + _NAMED + _HEAD + r"(?:(?:과|와)(?![가-힣])|(?:을|를)\s?" + _MET + ")")),
    (SUBJECT, re.compile(r"^" + _BODY + r"(?:은|는|이|가|에서는|도)(?![가-힣])")),
    (LOCATIVE, re.compile(r"^(?:[가-힣·\s]{0,14}?)(?:에서|에\s?있는|에\s?위치한)(?![가-힣])")),
    (LOCATIVE, re.compile(r"^의\s[^.,]{0,28}?(?:호텔|청사|센터|광장|공원|회관|홀|빌딩)에서(?![가-힣])")),
    (GENITIVE, re.compile(r"^" + _BODY + r"의(?![가-힣])")),
]


def role_after(text: str, end: int) -> str:
    """The role of a mention ending at `end` in `text`."""
    after = text[end : end + 40]
    for role, rx in _ROLE_RX:
        if rx.match(after):
            return role
    return OTHER
