"""Officials named in a sentence: name, title and the side they speak for, read from Kiwi's tokens.

The words around each title of `titles.csv` are analysed by Kiwi, which tells for each word
where its particles begin and what its stem is (a proper noun, an unknown word, a common
noun, a verb). A person is a name written next to a title:

- before it: "이기용 정책실장", "장안순(張安順) 부시장" (a gloss in brackets is skipped),
  "응우옌 반 남 성장" (a run of name words), "김진석 충주시 부시장" (a government between),
  "조우현·구재평 의원" (a list sharing the title);
- glued to it: "장림국시장", "최문수지사", while "고양시장" and "야즈정장" carry a government
  and "행정복지국장" a department;
- after it: "도지사 김철수 일행", "성장인 왕리는", "(시장 이민근)";
- by surname alone once met: "조 시장" (`people` maps surname + title to the person).

What is a name is read from the word and its context, never from a list of names: Kiwi's
proper or unknown nouns, a run of one-syllable words, the shape of a Korean name (surname +
two syllables); common nouns, clause fragments ("참석한 시장"), governments, the places and
office words of `person_context.csv`, and words the article writes as places ("알버타주의",
"아이막 대표단") are not names. The side comes from the government written next to the
person, else the same person met before, else the title's hint (성장 is Chinese, 군수
Korean), else a name no Korean bears, else the nearest government before the person, else
Korean. Only officials of governments and councils: ambassadors, consuls, ministers, national
legislators and company or university people are left out.

Kiwi costs about 20 µs a character, so a sentence is analysed only when it holds a title (a
regular expression decides), only a few words each side of its titles, and once per text.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple


@dataclass(frozen=True)
class Official:
    name: str
    title: str
    side: str  # korean | foreign


class _Tok(NamedTuple):
    form: str
    tag: str
    start: int
    oov: bool  # a word Kiwi's dictionary does not hold


class _Word(NamedTuple):
    start: int
    end: int
    cut: int  # where the word's particles and endings begin
    text: str  # the word without them
    toks: tuple[_Tok, ...]  # the tokens of `text`
    tail: tuple[str, ...]  # tags of the particles and endings
    gap: str  # what joins it to the word before: adj (blanks, a gloss), list (·), open ("("), break


class _Gov(NamedTuple):
    start: int
    end: int
    side: str
    level: str


class _Title(NamedTuple):
    title: str
    hint: str
    first: int  # index of the word the title (with what is glued to it) starts in
    last: int  # index of the word it ends in
    side: str | None  # side of a government glued to it
    name: str | None  # a name glued to it


class _Sentence(NamedTuple):
    text: str
    words: tuple[_Word, ...]
    govs: list[_Gov]
    titled: set[int]  # indices of the words that hold a title
    article: str


_OOV_ID = 64  # Kiwi gives an unknown word the id of its tag's placeholder, all below this
_VERBAL = frozenset(("VV", "VA", "VX", "XSV", "XSA", "VCP", "VCN", "EC", "EF", "EP", "ETM", "ETN"))
_NOUNS = frozenset(("NNP", "NNG", "NR", "XR"))
_JAMO = re.compile(r"[\u1100-\u11ff\u3131-\u318e]+")  # a syllable Kiwi cut in two ("씬" -> 씨 + ㄴ)
_GLOSS = re.compile(r"\s*(?:\([^()가-힣]*\)\s*)?")  # blanks, or a gloss in Hanja or Latin letters
_PARTICLES = re.compile(r"(?:님|들)?(?:[은는이가을를과와의도에로인]|에게|에서|께서|으로|이며|이자|이다)?")
_GLUED_PARTICLE = re.compile(r"(?:은|는|을|를|과|와|에게|께서|에서|으로)$")
_WINDOW = (4, 3)  # blank-separated words analysed before and after a title


def _rows(name: str) -> list[dict]:
    with resources.files("diplomacy.data").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def _titles() -> dict[str, tuple[str, str, frozenset[str]]]:
    """Title without blanks -> (title, side hint, what may be glued before it: gov, office)."""
    out: dict[str, tuple[str, str, frozenset[str]]] = {}
    for r in _rows("titles.csv"):  # the first spelling of a title is its name: 당서기, not 당 서기
        glues = frozenset((r["glues"] or "").split())
        out.setdefault(r["title"].replace(" ", ""), (r["title"], r["side_hint"], glues))
    return out


@cache
def _context() -> dict[str, frozenset[str]]:
    """The kinds of `person_context.csv`: excluded_title (titles of no local official that hold
    one: 국회의원), skip / organ / place (words that may stand between a name and its title),
    organ_suffix (last word of an office compound), organisation_suffix (a company, a school),
    place_follower (a word only a polity has before it: 대표단, 청사), admin_suffix and
    place_suffix (시, 성, 주...), surname_syllables, foreign_syllables (in names no Korean bears)."""
    out: dict[str, set[str]] = {}
    for r in _rows("person_context.csv"):
        out.setdefault(r["kind"], set()).add(r["word"])
    ctx = {k: frozenset(v) for k, v in out.items()}
    for kind in ("surname_syllables", "foreign_syllables", "admin_suffix", "place_suffix"):
        ctx[kind] = frozenset("".join(ctx[kind]))
    ctx["between"] = ctx["skip"] | ctx["organ"] | ctx["place"]
    ctx["not_name"] = ctx["between"] | set(_titles())
    return ctx


def _alternation(words) -> str:
    return "|".join(re.escape(t).replace(r"\ ", r"\s?") for t in sorted(words, key=len, reverse=True))


@cache
def _title_rx(excluded: bool = True) -> re.Pattern:
    """Titles, and (to mask them) the excluded ones that hold a title: 국회의원, 대표이사."""
    words = [r["title"] for r in _rows("titles.csv")]
    return re.compile(_alternation(words + list(_context()["excluded_title"]) if excluded else words))


@cache
def _place_rx() -> tuple[re.Pattern, ...]:
    ctx = _context()
    admin = "".join(sorted(ctx["place_suffix"]))
    return (
        re.compile(rf"(?<![가-힣])([가-힣]+?)[{admin}](?:[은는이가을를과와의에도]|에서)?(?![가-힣])"),
        re.compile(
            r"(?<![가-힣])([가-힣]+?)(?:(?:에서|에|으로|로)[는도의]?(?![가-힣])|[을를]\s?(?:방문|찾))"
        ),
        re.compile(rf"(?<![가-힣])([가-힣]+)\s?(?:{_alternation(ctx['place_follower'])})"),
    )


@lru_cache(maxsize=16)
def _places_in(article: str) -> frozenset[str]:
    """Words the article writes as places: with an administrative suffix ("알버타주의"), with a
    particle of place ("푸트라자야에서", "푸트라자야를 방문") or before a word only a polity has
    ("아이막 대표단", "아이막 청사")."""
    return frozenset(m.group(1) for rx in _place_rx() for m in rx.finditer(article))


def _gap(g: str) -> str:
    if _GLOSS.fullmatch(g):
        return "adj"
    s = g.strip()
    if s in ("·", "ㆍ", "・", "･", "、"):
        return "list"
    return "open" if s.endswith("(") else "break"


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of `text` around its titles (a few words each side), merged where they meet."""
    cuts = [0] + [m.end() for m in re.finditer(r"\s+", text)] + [len(text) + 1]
    out: list[tuple[int, int]] = []
    for m in _title_rx(excluded=False).finditer(text):
        i, j = bisect_right(cuts, m.start()) - 1, bisect_right(cuts, m.end() - 1)
        a, b = cuts[max(0, i - _WINDOW[0])], cuts[min(len(cuts) - 1, j + _WINDOW[1])] - 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _word(text: str, s: int, e: int, toks: list[_Tok], gap: str) -> _Word:
    """A word from its tokens: the particles and endings at its end are its tail."""
    k = len(toks)
    while k > 1 and (toks[k - 1].tag[0] in "JE" or toks[k - 1].tag == "VCP" or toks[k - 1].form in "님들"):
        k -= 1
    cut = max(toks[k].start, s + 1) if k < len(toks) else e
    tail = tuple(t.tag for t in toks[k:])
    glued = _GLUED_PARTICLE.search(text, s + 2, e) if k == len(toks) and toks and toks[-1].oov else None
    if glued:  # an unknown word that swallowed its particle: "왕샤오밍은"
        cut, tail = glued.start(), ("J",)
        toks = [*toks[:-1], toks[-1]._replace(form=text[toks[-1].start : cut])]
    return _Word(s, e, cut, text[s:cut], tuple(toks[:k]), tail, gap)


def _words(text: str, tokens=None) -> tuple[_Word, ...]:
    """The Hangul words around the titles of `text`, with Kiwi's tokens: the sentence's own
    (`tokens`, morph.Tok) when the caller has them, else one analysis per window."""
    if tokens is None:
        return _window_words(text)
    toks = [_Tok(t.form, t.tag.split("-")[0], t.start, t.oov) for t in tokens]
    return tuple(w for a, b in _windows(text) for w in _split_words(text, a, b, toks))


@lru_cache(maxsize=4096)
def _window_words(text: str) -> tuple[_Word, ...]:
    from diplomacy.extract.nlp import kiwi

    out: list[_Word] = []
    for a, b in _windows(text):
        toks = [
            _Tok(t.form, t.tag.split("-")[0], a + t.start, t.id < _OOV_ID) for t in kiwi().tokenize(text[a:b])
        ]
        out += _split_words(text, a, b, toks)
    return tuple(out)


def _split_words(text: str, a: int, b: int, toks: list[_Tok]) -> list[_Word]:
    """The Hangul words of text[a:b], each with the tokens that fall inside it."""
    out: list[_Word] = []
    i, prev = bisect_right([t.start for t in toks], a - 1), None
    for m in re.finditer(r"[가-힣]+", text[a:b]):
        s, e = a + m.start(), a + m.end()
        while i < len(toks) and toks[i].start < s:
            i += 1
        j = i
        while j < len(toks) and toks[j].start < e:
            j += 1
        out.append(_word(text, s, e, toks[i:j], _gap(text[prev:s]) if prev is not None else "break"))
        i, prev = j, e
    return out


def _namey(text: str, toks: tuple[_Tok, ...], inflected: bool = False) -> int:
    """2: a whole Korean-shaped name, 1: a name or a word of one, 0: no name. A stem Kiwi reads
    as a verb counts only when an ending follows it (`inflected`): "왕헌괴" is no verb."""
    ctx = _context()
    if not toks or len(text) > 6 or text in ctx["not_name"]:
        return 0
    split = any(_JAMO.fullmatch(t.form) for t in toks)
    verb = inflected and any(t.tag in _VERBAL for t in toks)
    if not split and (verb or any(t.tag[0] in "JSE" or t.tag == "VCP" for t in toks)):
        return 0  # a clause fragment: "참석한", "찾아"
    oov = split or any(t.oov for t in toks)
    if len(text) == 1:
        return 1  # a surname ("조 시장") or a word of a name ("인 융")
    if not oov and (not any(t.tag in _NOUNS for t in toks) or (len(toks) == 1 and toks[0].tag == "NNG")):
        return 0  # an adverb ("그리고") or a common noun ("관계자", "신임")
    if len(text) > 3 and any(text.endswith(s) for s in ctx["organisation_suffix"]):
        return 0  # "한국관광공사"
    if len(text) == 3 and text[0] in ctx["surname_syllables"] and not _foreign_syllables(text):
        return 2
    if not oov and any(t.tag == "NNG" and len(t.form) > 1 for t in toks):
        return 0  # common nouns: "국화문화축제"
    return 1


def _foreign_syllables(name: str) -> bool:
    return any(ch in _context()["foreign_syllables"] for ch in name[1:])


def _gov_of(w: _Word, s: _Sentence) -> _Gov | None:
    return next((g for g in s.govs if g.start <= w.start and g.end >= w.cut), None)


def _nameish(w: _Word, s: _Sentence) -> int:
    if _gov_of(w, s) or _counter(w, s) or (len(w.text) > 1 and w.text in _places_in(s.article)):
        return 0
    return _namey(w.text, w.toks, any(t[0] == "E" for t in w.tail))


def _counter(w: _Word, s: _Sentence) -> bool:
    """A unit after a number: "5월", "21일", "3명"."""
    return w.start > 0 and s.text[w.start - 1].isdigit()


def _glued(text: str, s: _Sentence, i: int, m: re.Match, key: str):
    """(title, side, glued name) of a title written after something in the same word, or None."""
    w = s.words[i]
    title, _, glues = _titles()[key]
    for g in s.govs:
        if w.start <= g.start < m.start() <= g.end <= m.end():
            if key == "지사" and g.level not in ("province", "prefecture"):
                return None  # "상하이지사": a branch office
            return title, g.side, None
    prefix = text[w.start : m.start()]
    ptoks = tuple(t for t in w.toks if t.start < m.start())
    if prefix in _context()["place"] or prefix in _context()["organ"]:
        return title, None, None  # "전남지사", "시외사판공실 책임자"
    named_before = i > 0 and w.gap == "adj" and not s.words[i - 1].tail and _nameish(s.words[i - 1], s)
    n = _namey(prefix, ptoks)
    if n and len(prefix) <= 4 and not named_before and (n == 2 or any(t.oov for t in ptoks)):
        return title, None, prefix  # "장림국시장", "최문수지사"
    split = _name_then_place(prefix, key)
    if split is not None and not named_before:
        return title, "korean", split  # "조병돈이천시장": a name, then the Korean city, then the title
    if "office" in glues and ptoks and all(t.tag == "NNG" and not t.oov for t in ptoks):
        return prefix + title, None, None  # "행정복지국장", "상무부성장"
    if "gov" in glues and named_before:
        return title, None, None  # a place the gazetteer lacks: "치즈정의회 의장", "크즐오르다주지사"
    return None


def _name_then_place(prefix: str, key: str) -> str | None:
    """The name in "조병돈이천" before "시장": a Korean-shaped name of three syllables whose rest,
    with the title's first syllable, is a Korean government (이천 + 시 = 이천시)."""
    from diplomacy.gazetteer.korean import korean_gazetteer

    name, place = prefix[:3], prefix[3:]
    if len(place) < 2 or name[0] not in _context()["surname_syllables"]:
        return None
    kg = korean_gazetteer()
    return name if kg.candidates(place + key[0]) or kg.candidates(place) else None


def _find_titles(text: str, words: tuple[_Word, ...], s: _Sentence) -> list[_Title]:
    starts = [w.start for w in words]
    out = []
    for m in _title_rx().finditer(text):
        key = re.sub(r"\s+", "", m.group())
        first = bisect_right(starts, m.start()) - 1
        last = bisect_right(starts, m.end() - 1) - 1
        if key not in _titles() or first < 0:
            continue  # an excluded title: 국회의원, 대표이사
        w = words[last]
        if m.end() != w.cut and not _PARTICLES.fullmatch(text[m.end() : w.end]):
            continue  # a title inside a longer noun: "시장경제"
        if any(t.tag in _VERBAL for t in w.toks if m.start() <= t.start < m.end() + 1):
            continue  # a verb: "성장했다"
        glued = (_titles()[key][0], None, None)
        if m.start() > words[first].start:
            glued = _glued(text, s, first, m, key)
        if glued:
            out.append(_Title(glued[0], _titles()[key][1], first, last, glued[1], glued[2]))
    return out


def _side_before(s: _Sentence, i: int, gaps=("adj",)) -> tuple[int, str | None]:
    """Walk back from word i over governments, places and office words: (new i, side of a government)."""
    side = None
    for _ in range(3):
        if i == 0 or s.words[i].gap not in gaps:
            break
        w = s.words[i - 1]
        g = _gov_of(w, s)
        if g and (not w.tail or w.tail == ("JKG",)):
            side = side or g.side
        elif w.tail or not (w.text in _context()["between"] or _organ_like(w)):
            break
        i -= 1
        if s.words[i + 1].gap == "open":
            break
    return i, side


def _organ_like(w: _Word) -> bool:
    """A compound of common nouns ending in an office word: "국경경제합작구", "선전부"."""
    toks = w.toks
    return (
        len(toks) > 1
        and all(t.tag == "NNG" and not t.oov for t in toks)
        and toks[-1].form in _context()["organ_suffix"]
    )


@lru_cache(maxsize=4096)
def _alone(word: str) -> tuple[_Tok, ...]:
    """Kiwi's reading of a word by itself ("허지저" read as a verb in its sentence)."""
    from diplomacy.extract.nlp import kiwi

    return tuple(_Tok(t.form, t.tag.split("-")[0], t.start, t.id < _OOV_ID) for t in kiwi().tokenize(word))


def _run_back(s: _Sentence, last: int) -> tuple[int, str] | None:
    """(first word, name) of the name that ends at word `last`: "응우옌 반 남", "조이스 안", "파라 칸"."""
    w = s.words[last]
    if last in s.titled or _gov_of(w, s):
        return None
    name, n = w.text, 0 if w.tail else _nameish(w, s)
    if not n and not any(t[0] == "J" for t in w.tail) and (w.tail or any(t.tag in _VERBAL for t in w.toks)):
        alone = _alone(s.text[w.start : w.end])  # Kiwi read a name as a verb in its sentence: "허지저"
        if not any(t.tag in _VERBAL or t.tag[0] in "JE" for t in alone):
            name, n = s.text[w.start : w.end], _namey(s.text[w.start : w.end], alone)
    if not n:
        return None
    first = last
    while n != 2 and first > 0 and last - first < 2 and s.words[first].gap == "adj":
        p = s.words[first - 1]
        inner = p.tail == ("VCP", "ETM") and p.end - p.start == 2  # Kiwi reads "아인" as 아 + 인
        if (p.tail and not inner) or (first - 1) in s.titled:
            break
        pn = _nameish(p, s)
        if first == last and len(name) == 1 and p.text[-1] not in _context()["admin_suffix"]:
            pn = pn or (not _counter(p, s) and _namey(p.text, p.toks))  # "조이스 안", "파라 칸" (a place?)
        if not (pn or inner):
            break
        if pn == 2 and len(name) > 1 and not any(t.oov for t in s.words[first].toks):
            break  # a Korean-shaped word before an unknown one: "안도오 야스하루", not "김철수 민주노총"
        first -= 1
        if pn == 2:
            break
    return first, " ".join([s.text[x.start : x.end] for x in s.words[first:last]] + [name])


def _before(s: _Sentence, t: _Title) -> list[tuple[str, int, str | None]]:
    """Names written before the title: (name, its first word, side of a government beside it)."""
    i, side = _side_before(s, t.first)
    if i == 0 or s.words[i].gap != "adj":
        return []
    run = _run_back(s, i - 1)
    if run is None:
        return []
    side = t.side or side or _side_before(s, run[0])[1]
    out = [(run[1], run[0], side)]
    while s.words[run[0]].gap == "list":  # "조우현·구재평 의원", "코니시 유마·타니구치 시안 주무관"
        run = _run_back(s, run[0] - 1)
        if run is None or len(run[1]) == 1:
            break
        out.append((run[1], run[0], side))
    return out


def _after(s: _Sentence, t: _Title) -> list[tuple[str, int, str | None]]:
    """The name written after the title ("도지사 김철수 일행", "성장인 왕리는")."""
    words = s.words
    if words[t.last].tail and words[t.last].tail[0] != "VCP":
        return []
    first = last = t.last + 1
    if last >= len(words) or words[last].gap != "adj" or last in s.titled:
        return []
    n = _nameish(words[last], s)
    if not n or len(words[last].text) == 1:
        return []
    while n == 1 and not words[last].tail and last + 1 < len(words) and last - first < 2:
        nxt = words[last + 1]
        if nxt.gap != "adj" or (last + 1) in s.titled or _nameish(nxt, s) != 1:
            break
        last += 1
    if not words[last].tail and (last + 1) in s.titled and words[last + 1].gap == "adj":
        return []  # the name of the next title: "단장 이동환 시장"
    name = " ".join([s.text[w.start : w.end] for w in words[first:last]] + [words[last].text])
    return [(name, first, t.side or _side_before(s, t.first, ("adj", "open"))[1])]


def _side(name: str, near: str | None, hint: str, start: int, govs: list[_Gov], people: dict) -> str:
    if near:
        return near
    if name in people:
        return people[name].side
    if hint in ("korean", "foreign"):
        return hint
    ctx = _context()
    if " " in name or len(name) != 3 or name[0] not in ctx["surname_syllables"] or _foreign_syllables(name):
        return "foreign"
    before = [g for g in govs if g.end <= start and start - g.end <= 40]
    return before[-1].side if before else "korean"


def _known(people: dict[str, Official], name: str, title: str) -> Official | None:
    """Someone met before and named now in part: "조 시장", "요시다 정장", "러우 당서기", "인융"."""
    known = people.get(name + title) or people.get(name.replace(" ", ""))
    if known and known.name != name:
        return known
    if len(name) > 1 and " " not in name:  # a surname of two syllables, or the first word of a name
        return next(
            (o for o in people.values() if o.title == title and o.name.startswith(name) and o.name != name),
            None,
        )
    return None


def _remember(people: dict[str, Official], o: Official) -> None:
    """Keys for later mentions: surname (or one word of the name) + the title or its short form."""
    titles = _titles()
    # its short forms: 도지사 -> 지사, 외사판공실 부주임 -> 부주임, but not 부시장 -> 시장
    short = {o.title} | {
        o.title[k:].strip()
        for k in range(1, len(o.title))
        if o.title[k:].replace(" ", "") in titles and "부" not in o.title[:k]
    }
    words = o.name.split()
    for key in {o.name[0], words[0], words[-1]}:
        for title in short:
            people.setdefault(key + title, o)
    people.setdefault(o.name, o)
    people.setdefault(o.name.replace(" ", ""), o)


def _aside(s: _Sentence, t: _Title, first: int) -> bool:
    """A bracketed appositive ("안산시(시장 이민근)는") names who heads a government, not who
    took part: the person is remembered for later mentions but not found here."""
    if first <= t.last or s.words[t.first].gap != "open":
        return False
    return re.match(r"[^()]{1,14}\)", s.text[s.words[first].start :]) is not None


def has_title(text: str) -> bool:
    """Whether `text` names a title an official may hold (the cheap test before any reading)."""
    return _title_rx(excluded=False).search(text) is not None


def find_officials(text: str, resolver, people: dict[str, Official], tokens=None) -> list[Official]:
    """Officials in `text`; `people` (surname+title -> Official) lets "조 시장" resolve later.
    `tokens` (morph.Tok of the sentence), when given, spare a Kiwi analysis."""
    if not has_title(text):
        return []
    govs = sorted(
        [_Gov(s, e, "korean", g.level) for s, e, g in resolver.korean(text)]
        + [_Gov(s, e, "foreign", g.level) for s, e, g in resolver.foreign(text)]
    )
    words = _words(text, tokens)
    s = _Sentence(text, words, govs, set(), getattr(resolver, "text", "") or "")
    titles = _find_titles(text, words, s)
    s.titled.update(k for t in titles for k in range(t.first, t.last + 1))
    found: list[Official] = []
    for t in titles:
        spans = [(t.name, t.first, _side_before(s, t.first)[1])] if t.name else _before(s, t) or _after(s, t)
        for name, first, near in spans:
            known = _known(people, name, t.title)
            if known or len(name) == 1:
                found += [known] if known else []  # "조 시장": only someone met before
                continue
            o = Official(name, t.title, _side(name, near, t.hint, words[first].start, govs, people))
            _remember(people, o)
            if not _aside(s, t, first):
                found.append(o)
    uniq: dict[str, Official] = {}
    for o in found:
        uniq.setdefault(o.name, o)
    return list(uniq.values())
