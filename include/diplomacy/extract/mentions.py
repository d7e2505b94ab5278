"""Stage 1 of extraction: government mentions in a sentence, resolved with the article as context.

A mention is a span of the sentence that names a Korean or a foreign local government. Korean
governments come from the Korean gazetteer (valid on the publication date). Foreign ones come
from the foreign gazetteer, also in the orthography of Korean outlets in China (which keeps an
initial ㄹ/ㄴ that standard Korean drops: 료녕성 = 요녕성 = 랴오닝성), and, for governments no
gazetteer lists, from their form and context (`diplomacy.gazetteer.open_names`: a proper noun
with an administrative suffix after a country or region name, or inside a diplomacy frame).

Namesakes are told apart by the article: the region named before them, the countries the
article speaks of, a region named anywhere in it. What the article does not decide stays
undecided (name and country sure, region and ids empty) rather than guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

from diplomacy.extract import rules
from diplomacy.gazetteer import open_names
from diplomacy.gazetteer.foreign import ForeignGov, chinese_namesakes, foreign_gazetteer
from diplomacy.gazetteer.korean import KoreanGov, korean_gazetteer
from diplomacy.spans import Containing, Overlapping

__all__ = ["Resolver", "dueum"]

_FOREIGN_SUFFIXES = "성시현구주"  # 해남성, 청도시: a foreign name made of a Korean stem and a suffix

_CHINA_CUE = re.compile(r"(?:중국|中)\s?(?:의\s?)?$")


def _initial_sound(ch: str) -> str:
    """A syllable with initial ㄹ or ㄴ as the initial-sound rule reads it at a word start."""
    code = ord(ch) - 0xAC00
    lead, vowel, tail = code // 588, (code % 588) // 28, code % 28
    if lead == 5:  # ㄹ
        lead = 11 if vowel in (2, 6, 7, 12, 17, 20) else 2  # ㅑㅕㅖㅛㅠㅣ -> ㅇ, else ㄴ
    elif vowel in (6, 12, 17, 20):  # 녀 뇨 뉴 니 -> 여 요 유 이
        lead = 11
    else:
        return ch
    return chr(0xAC00 + lead * 588 + vowel * 28 + tail)


# the syllables with initial ㄹ (U+B77C-U+B9C7) or ㄴ (U+B098-U+B2E3) the rule changes, and what they
# become: the regex finds only those, so the common 나, 는, 내 at word starts cost nothing
_DUEUM = {
    ch: _initial_sound(ch)
    for ch in map(chr, [*range(0xB77C, 0xB9C8), *range(0xB098, 0xB2E4)])
    if _initial_sound(ch) != ch
}
_DUEUM_CANDIDATE = re.compile("(?<![가-힣])[" + "".join(_DUEUM) + "]")  # at word starts


@lru_cache(maxsize=4096)
def dueum(text: str) -> str:
    """Apply the initial-sound rule (두음법칙) at word starts: 료녕 -> 요녕, 리해 -> 이해 (a sentence
    is read this way by several readers: the answers are kept)."""
    return _DUEUM_CANDIDATE.sub(lambda m: _DUEUM[m.group()], text)


def _undecided(cands: list[ForeignGov]) -> ForeignGov:
    """Namesakes the article does not tell apart: keep what they share, leave the rest empty."""
    first = cands[0]

    def same(attr: str):
        return getattr(first, attr) if len({getattr(c, attr) for c in cands}) == 1 else ""

    return ForeignGov(
        name=first.name,
        name_en=same("name_en"),
        name_native="",
        country=first.country,
        region=same("region"),
        level=same("level"),
        geonames_id=None,
        lat=None,
        lon=None,
    )


def _district_of_city(prev, cur) -> bool:
    """A foreign city named right before a district or county of its own province ("칭다오시 청양구"): the
    gazetteer gives districts their province as region, so the city's containing them is read off the chain."""
    if not (isinstance(prev, ForeignGov) and isinstance(cur, ForeignGov)):
        return False
    same_region = bool(prev.region) and prev.region == cur.region and prev.country == cur.country
    return same_region and prev.level == "city" and cur.level in ("district", "county")


def _collapse(items: list[tuple], text: str) -> list[tuple]:
    """'중국 길림성 연변조선족자치주 훈춘시' names one government: keep the last of a chain.

    The last one inherits the region of a province-level name before it when it has none
    ("미국 캘리포니아주 부에나파크시": the city lies in 캘리포니아주).
    """
    out: list[tuple] = []
    gap = rules.rx("chain_gap")
    for it in items:
        if out and gap.fullmatch(text[out[-1][1] : it[0]]):
            prev, cur = out[-1][2], it[2]
            contains = prev.name in (getattr(cur, "province", None), getattr(cur, "region", None))
            if contains or getattr(prev, "level", "") == "province" or _district_of_city(prev, cur):
                if (
                    isinstance(cur, ForeignGov)
                    and not cur.region
                    and getattr(prev, "country", "") == cur.country
                ):
                    cur = replace(cur, region=prev.region or prev.name)
                out[-1] = (it[0], it[1], cur)
                continue
        out.append(it)
    return out


def _with_region(gov: ForeignGov) -> ForeignGov:
    """A GeoNames city the gazetteer lists without region takes the first-level unit it lies in."""
    if gov.region or gov.geonames_id is None or gov.level == "province":
        return gov
    region = open_names.region_name(gov)
    return replace(gov, region=region) if region else gov


def _glosses(text: str, foreign) -> set[tuple[int, int]]:
    """Spans of readings given in parentheses right after a foreign name (rule `reading_gloss`)."""
    out = set()
    gloss = rules.rx("reading_gloss")
    for m in foreign:
        hit = gloss.match(text, m.end)
        if hit:
            out.add(hit.span("gloss"))
    return out


def _window(found: Sequence, starts: Sequence[int], off: int, length: int, glued) -> list | None:
    """The mentions of `found` (one scan of a whole text, sorted, non-overlapping) that lie in
    text[off:off + length], shifted to start there; None when a mention crosses either edge or
    `glued(a, b)` says two mentions across an edge were read together (then the piece is scanned
    alone)."""
    lo = bisect_left(starts, off)
    if lo > 0 and (found[lo - 1].end > off or (lo < len(found) and glued(found[lo - 1], found[lo]))):
        return None
    end = off + length
    out = []
    for i in range(lo, len(found)):
        m = found[i]
        if m.start >= end:
            if out and glued(found[i - 1], m):
                return None
            break
        if m.end > end:
            return None
        out.append(replace(m, start=m.start - off, end=m.end - off))
    return out


_SHARED_SUFFIX = re.compile(r"(?:[가-힣]{2,8}[·ㆍ]){1,6}[가-힣]{2,8}(?P<suffix>성|시|현|주)(?![가-힣])")


class Resolver:
    """Gazetteer and open-vocabulary mentions as governments, with the article as context.

    `pieces` are the offsets in the article's text of its sentences: their gazetteer mentions are
    read off the article's one scan (`_window`) instead of scanning each sentence again."""

    def __init__(self, article_text: str, published: date, pieces: dict[str, int] | None = None):
        self.kg = korean_gazetteer()
        self.fg = foreign_gazetteer()
        self.published = published
        self.text = article_text
        self.countries = rules.countries_in(article_text)
        self._korean: dict[str, tuple] = {}
        self._foreign: dict[str, tuple] = {}
        self._article_names: open_names.ArticleNames | None = None
        self._named_provinces: set[str] | None = None
        self._namesake: dict[str, ForeignGov] | None = None
        self._found_korean: dict[str, tuple] = {}
        self._raw_korean: dict[str, tuple] = {}
        self._found_foreign: dict[str, tuple] = {}
        self._cn_found: dict[str, list] = {}
        self._pieces = pieces or {}
        self._whole: dict[tuple[str, bool], tuple[tuple, list[int]]] = {}

    def korean(self, text: str) -> tuple[tuple[int, int, KoreanGov], ...]:
        hit = self._korean.get(text)
        if hit is None:
            hit = self._korean[text] = tuple(self._resolve_korean(text))
        return hit

    def foreign(self, text: str) -> tuple[tuple[int, int, ForeignGov], ...]:
        hit = self._foreign.get(text)
        if hit is None:
            hit = self._foreign[text] = tuple(self._resolve_foreign(text))
        return hit

    def _pick_korean(self, cands: list[KoreanGov]) -> KoreanGov | None:
        if len(cands) > 1:
            # a city whose province the article names, unless that province is itself a reading
            # of the stem (제주: the article naming 제주특별자치도 does not make it 제주시)
            own = {c.name for c in cands if c.level == "province"}
            named = [
                c
                for c in cands
                if c.province != c.name
                and c.province in self.text
                and (c.province not in own or c.name in self.text)
            ]
            if len(named) == 1:
                cands = named
            else:
                top = [c for c in cands if c.level == "province"]
                cands = top if len(top) == 1 else cands
        if len(cands) == 1:
            return cands[0]
        if len({c.name for c in cands}) == 1:  # 고성군 of 강원 or 경남: the province stays empty
            c = cands[0]
            return KoreanGov(code="", name=c.name, province="", level=c.level)
        return None

    def _find_korean(self, text: str) -> tuple:
        """Gazetteer mentions, also in the orthography of Korean outlets in China (련제구 = 연제구);
        once per text (the article and its sentences are looked up by several readers)."""
        hit = self._found_korean.get(text)
        if hit is None:
            hit = self._found_korean[text] = tuple(self._lookup_korean(text))
        return hit

    def _lookup_korean(self, text: str) -> list:
        found = list(self._korean_raw(text))
        alt = dueum(text)
        if alt != text:
            taken = Overlapping((m.start, m.end) for m in found)
            again = self._piece("korean", text, self._kg_scan, self._adjacent, alt=True)
            found += [m for m in again if not taken(m.start, m.end)]
            found.sort(key=lambda m: m.start)
        return found

    def _namesakes(self) -> dict[str, ForeignGov]:
        """Bare Korean stems the article uses for a foreign government it names in full: an
        article with "해남성" (海南省) means that province by a bare "해남", not 해남군, unless it
        names the Korean government in full too."""
        if self._namesake is None:
            self._namesake = {}
            for m in self._find_foreign(self.text):
                stem = m.surface[:-1]
                if not m.exact or m.surface[-1] not in _FOREIGN_SUFFIXES or len(stem) < 2:
                    continue
                korean = self.kg.candidates(stem, self.published)
                if not korean or self.kg.candidates(m.surface, self.published):
                    continue
                if any(k.name in self.text for k in korean):
                    continue
                gov = self._pick_foreign(list(m.candidates), None)
                if gov is not None:
                    self._namesake.setdefault(stem, gov)
        return self._namesake

    def _cn_namesakes(self, text: str) -> list[tuple[int, int, ForeignGov]]:
        """Korean governments' names read right after a Chinese cue ("중국 광동성 광주시", "강소성
        상주시"): the Chinese government of that Sino-Korean reading, in the cue's province; once
        per text (both sides' resolution reads it)."""
        hit = self._cn_found.get(text)
        if hit is None:
            hit = self._cn_found[text] = self._find_cn_namesakes(text)
        return hit

    def _find_cn_namesakes(self, text: str) -> list[tuple[int, int, ForeignGov]]:
        table = chinese_namesakes()
        out = []
        for m in self._korean_raw(text):
            rows = table.get(m.surface) if m.exact else None
            if not rows:
                continue
            before = text[max(0, m.start - 12) : m.start]
            province = self._province_right_before(text, m.start)
            picked = [r for r in rows if province is not None and r[1] == province.name]
            if not picked and _CHINA_CUE.search(before) and len(rows) == 1:
                picked = list(rows)
            for name, region in picked[:1]:
                gov = next((g for g in self.fg.candidates(name) if g.region == region), None)
                if gov is not None:
                    out.append((m.start, m.end, gov))
        return out

    def _province_right_before(self, text: str, start: int) -> ForeignGov | None:
        for f in self._find_foreign(text):
            if f.end <= start and text[f.end : start].strip() in ("", "의"):
                provinces = [g for g in f.candidates if g.level == "province"]
                if provinces:
                    return provinces[0]
        return None

    def _resolve_korean(self, text: str) -> list[tuple[int, int, KoreanGov]]:
        out = []
        glued = rules.rx("institution_glued")
        glosses = _glosses(text, self._fg_find(text)) if "(" in text or "（" in text else ()
        chinese = Overlapping((a, b) for a, b, _ in self._cn_namesakes(text))
        for m in self._find_korean(text):
            if glued.match(text, m.end) or (not m.exact and m.surface in self._namesakes()):
                continue
            if chinese(m.start, m.end):
                continue  # "강소성 상주시": the Chinese 창저우시 in its Sino-Korean reading
            if (m.start, m.end) in glosses:
                continue  # 칭다오(청도)시: the foreign name read again, not 청도군
            if text[m.end : m.end + 1].isdigit():
                continue  # "동대문구3": a council member's electoral district, not the government
            gov = self._pick_korean(list(m.candidates))
            if gov is not None:
                out.append((m.start, m.end, gov))
        return _collapse(out, text)

    def _korean_raw(self, text: str) -> tuple:
        hit = self._raw_korean.get(text)
        if hit is None:
            hit = self._raw_korean[text] = tuple(self._piece("korean", text, self._kg_scan, self._adjacent))
        return hit

    def _adjacent(self, a, b) -> bool:
        """Two Korean mentions the gazetteer may have read together ("경남 고성군")."""
        return b.start - a.end <= 1 and not self.text[a.end : b.start].strip()

    def _kg_scan(self, text: str) -> list:
        return self.kg.find(text, on=self.published)

    def _fg_find(self, text: str) -> list:
        return self._piece("foreign", text, self.fg.find, lambda a, b: False)

    def _piece(self, kind: str, text: str, scan, glued, *, alt: bool = False) -> list:
        """`scan(text)` (with `alt`: of `dueum(text)`), read off the article's scan when `text` is one
        of its sentences; `dueum` keeps every position and reads a word start alike in both."""
        off = 0 if text == self.text else self._pieces.get(text)
        if off is None:
            return scan(dueum(text) if alt else text)
        whole = self._whole.get((kind, alt))
        if whole is None:
            found = tuple(scan(dueum(self.text) if alt else self.text))
            whole = self._whole[(kind, alt)] = (found, [m.start for m in found])
        if text == self.text:
            return list(whole[0])
        got = _window(whole[0], whole[1], off, len(text), glued)
        return scan(dueum(text) if alt else text) if got is None else got

    def _find_foreign(self, text: str) -> tuple:
        """Gazetteer mentions outside country names, also in the orthography of outlets in China;
        once per text."""
        hit = self._found_foreign.get(text)
        if hit is None:
            hit = self._found_foreign[text] = tuple(self._lookup_foreign(text))
        return hit

    def _lookup_foreign(self, text: str) -> list:
        countries = open_names.country_spans(text)  # 호주 is Australia, not 湖州; 파라과이 holds no 파라
        in_country = Overlapping(countries)
        found = [m for m in self._fg_find(text) if not in_country(m.start, m.end)]
        alt = dueum(text)
        if alt != text:
            taken = Overlapping([(m.start, m.end) for m in found] + countries)
            for m in self._piece("foreign", text, self.fg.find, lambda a, b: False, alt=True):
                if not taken(m.start, m.end):
                    found.append(m)
            found.sort(key=lambda m: m.start)
        return found

    def _pick_foreign(self, cands: list[ForeignGov], prev: ForeignGov | None) -> ForeignGov | None:
        narrowing = (
            lambda cs: [c for c in cs if prev is not None and prev.name in (c.region, c.name)],
            lambda cs: [c for c in cs if c.country in self.countries],
            lambda cs: [
                c for c in cs if c.region and (c.region in self.text or c.region in self._provinces())
            ],
        )
        for narrow in narrowing:
            if len(cands) > 1:
                cands = narrow(cands) or cands
        if len(cands) > 1:
            big = [c for c in cands if c.level in ("province", "city", "prefecture")]
            cands = big if len(big) == 1 else cands
        if len(cands) == 1:
            return cands[0]
        if len({c.name for c in cands}) == 1 and len({c.country for c in cands}) == 1:
            return _undecided(cands)
        return None

    def _provinces(self) -> set[str]:
        """First-level units the article names, in any spelling the gazetteer knows (료녕성)."""
        if self._named_provinces is None:
            found = self._find_foreign(self.text)
            self._named_provinces = {
                m.candidates[0].name for m in found if m.exact and m.candidates[0].level == "province"
            }
        return self._named_provinces

    def _resolve_foreign(self, text: str) -> list[tuple[int, int, ForeignGov]]:
        out: list[tuple[int, int, ForeignGov]] = []
        in_country = Containing(rules.country_spans(text))
        glued = rules.rx("institution_glued")
        for m in self._find_foreign(text):
            if in_country(m.start, m.end):
                continue  # a piece of a country's name ("말레" of 말레이시아)
            if glued.match(text, m.end) or rules.rx("institution_spaced").match(text, m.end):
                continue  # "헤이룽장성사회과학원", "윈저 경제개발공사": the body, not the government
            if not m.exact and (self._surname(text, m) or self._given_name(text, m)):
                continue  # "리차드 스튜어트 시장": a mayor's name, not the place 스튜어트
            bare_world_town = not m.exact and all(not c.region for c in m.candidates)
            if not self._of_the_article(m) and (bare_world_town or self._taken_openly(m.surface)):
                continue  # a namesake abroad: a world town's bare stem ("그레이스 무역회사"), or a name the article's own
                # country has too (필리핀 로사리오시, not Argentina's): the open names take it

            prev = out[-1][2] if out and not text[out[-1][1] : m.start].strip() else None
            gov = self._pick_foreign(list(m.candidates), prev)
            if gov is not None:
                out.append((m.start, m.end, _with_region(gov)))
        out = self._add_namesakes(text, out)
        out = sorted(out + self._cn_namesakes(text), key=lambda t: t[0])
        out = self._open(text, out)
        out = self._shared_suffix(text, out)
        if "(" in text or "（" in text:  # 칭다오(청도)시: the reading is the name again, not a second mention
            glosses = _glosses(text, self._fg_find(text))
            out = [it for it in out if (it[0], it[1]) not in glosses]
        return _collapse(out, text)

    def _shared_suffix(self, text: str, out: list[tuple]) -> list[tuple]:
        """The items of a list that share the last one's suffix ("허베이·지린·구이저우성" names three
        provinces): each item with that suffix, when the gazetteer knows it so in one way only."""
        if "·" not in text and "ㆍ" not in text:
            return out
        taken = Overlapping([(s, e) for s, e, _ in out])
        extra = []
        for m in _SHARED_SUFFIX.finditer(text):
            suffix = m.group("suffix")
            for item in re.finditer(r"[가-힣]{2,8}(?=[·ㆍ])", m.group()):
                start, end = m.start() + item.start(), m.start() + item.end()
                cands = {
                    c.name: c for f in self.fg.find(item.group() + suffix) if f.exact for c in f.candidates
                }
                if not taken(start, end) and len(cands) == 1:
                    extra.append((start, end, _with_region(next(iter(cands.values())))))
        return sorted(out + extra, key=lambda t: t[0]) if extra else out

    def _surname(self, text: str, m) -> bool:
        """A bare stem between a given name and a title ("리차드 스튜어트 시장과") is a person's,
        unless the article names that place in full."""
        if not rules.rx("title_after_name").match(text, m.end):
            return False
        if self._named_in_full(m):
            return False  # "…블라디보스토크 시장" where the article names 블라디보스토크시: its mayor
        before = re.search(r"([가-힣]{2,5})\s$", text[max(0, m.start - 8) : m.start])
        if before is None:
            return False
        word = before.group(1)  # a given name; a country or a place named in full is none
        exact = any(f.exact for f in self.fg.find(word))
        return not (rules.country_spans(word) or exact or self.kg.find(word, on=self.published))

    def _given_name(self, text: str, m) -> bool:
        """A bare stem, a second word, then a title ("마르틴 호른 시장"): a person's given name,
        unless a country names it a place ("중국 다롄 왕리 시장": the mayor of 다롄)."""
        after = re.match(r"\s[가-힣]{2,6}(?=\s)", text[m.end :])
        if after is None or not rules.rx("title_after_name").match(text, m.end + after.end()):
            return False
        return not self._named_in_full(m) and not self._after_country(text, m.start)

    @staticmethod
    def _after_country(text: str, start: int) -> bool:
        """A country's name ends right before `start` (spaces apart)."""
        before = text[max(0, start - 12) : start].rstrip()
        return any(e == len(before) for _, e in rules.country_spans(before))

    def _named_in_full(self, m) -> bool:
        """The article names the place of a bare stem with its suffix somewhere."""
        return any(g.name in self.text for g in m.candidates)

    def _add_namesakes(self, text: str, known: list[tuple[int, int, ForeignGov]]) -> list[tuple]:
        names = self._namesakes()
        if not names:
            return known
        taken = Overlapping((s, e) for s, e, _ in known)
        extra = [
            (m.start, m.end, names[m.surface])
            for m in self._korean_raw(text)
            if not m.exact and m.surface in names and not taken(m.start, m.end)
        ]
        return sorted(known + extra, key=lambda t: t[0])

    def _open(self, text: str, known: list[tuple[int, int, ForeignGov]]) -> list[tuple[int, int, ForeignGov]]:
        """Governments no gazetteer lists: the article's own names (recognised once, over the whole
        article, by form and context), wherever a sentence mentions them."""
        korean = [(s, e) for s, e, _ in self.korean(text)]
        taken = Overlapping([(s, e) for s, e, _ in known] + korean)
        extra = [(s, e, g) for s, e, g in open_names.find_named(text, self._names()) if not taken(s, e)]
        return sorted(known + extra, key=lambda t: t[0])

    def _taken_openly(self, surface: str) -> bool:
        """The article's open names hold `surface`, first named after a country it names ("필리핀
        … 로사리오시"); a name told before any country (다롄시 in a story that goes on to 베트남)
        stays the gazetteer's."""
        first = self.text.find(surface)
        named_before = any(s < first for s, _ in rules.country_spans(self.text))
        return named_before and bool(open_names.find_named(surface, self._names()))

    def _of_the_article(self, m) -> bool:
        return not self.countries or any(c.country in self.countries for c in m.candidates)

    def _names(self) -> open_names.ArticleNames:
        if self._article_names is None:
            text = self.text
            # a gazetteer name counts as known unless it lists that name only in countries the
            # article does not name (its namesake abroad): then the open names may take it
            known = [(m.start, m.end) for m in self._find_foreign(text) if self._of_the_article(m)]
            known += [(s, e) for s, e, _ in self._resolve_korean(text)]
            self._article_names = open_names.article_names(text, known, countries=self.countries)
        return self._article_names
