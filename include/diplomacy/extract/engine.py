"""Events of municipal diplomacy from one article: a grammar of triggers, roles and dates.

An article is read clause by clause with a small discourse state: the Korean government
the article is about, the foreign government of the current trip stop, the current date
(for "이날" and clauses that continue the previous one), the venue of a conference, and
the members of the travelling delegation. A clause yields an event when it has a trigger
(a signing, a visit, a meeting, ...), both sides resolve — in the clause or from that
state — and a date resolves. Events are keyed per the contract on (type, Korean side,
foreign side, date), merged, and then a few article-level rules apply: one visit per
trip stop dated by its first day, the visit or meeting that frames a signing, and shared
fields and officials between a visit and the agreement signed during it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from diplomacy.extract import lexicon
from diplomacy.extract.dates import DateMention, find_dates
from diplomacy.extract.nlp import Sentence
from diplomacy.extract.officials import Official, find_officials
from diplomacy.extract.roles import COMITATIVE, GENITIVE, LOCATIVE, OBJECT, OTHER, PRIOR, SUBJECT, role_after
from diplomacy.gazetteer.foreign import ForeignGov, foreign_gazetteer
from diplomacy.gazetteer.korean import KoreanGov, korean_gazetteer

__all__ = ["Event", "Extraction", "Relationship", "event_rows", "extract_article", "relationship_rows"]

_FUTURE = re.compile(
    r"예정|계획|방침|할\s?것|하기로|키로|앞두|나설|나선다|간다|찾는다|방문한다|체결한다|맺는다|연다|개최한다|참석한다|"
    r"떠난다|출국한다|추진한다|참가한다|방문할|찾을|체결할|맺을|보낼|파견할|면담할|논의할"
)
_PAST = re.compile(
    r"(?:했|았|었|였|됐|쳤|셨|렸|봤|왔|갔|졌|냈|켰|웠|눴|혔)(?:다|고|으며|는데|던|지만)|[한은]\s?바\s?있|있다"
)
# Right after a trigger, these make it a request, proposal or pledge instead of an act.
_NON_EVENT = re.compile(
    r"^[^.,]{0,10}?(?:제안|요청|건의|검토|희망|약속|다짐|바란|하겠|겠다|해\s?달|해\s?줄|하자|할\s?수\s?있)"
)
_NATIONAL = re.compile(
    r"(?:문화체육관광부|외교부|[가-힣]{1,6}부\s?(?:장관|차관)|장관|차관|대사관|총영사|영사관|대사(?![가-힣])|대통령|총리|국무원)"
)
_NON_GOV_TARGET = re.compile(
    r"(?:대학교?|학교|기업|공장|본사|법인|KOTRA|코트라|은행|그룹)(?:을|를|에|과|와)\s?(?:방문|찾|견학)"
)
_ANAPHOR = re.compile(
    r"(?:^|\s)(?:이어|이\s?자리에서|이날|같은\s?날|두\s?(?:도시|지역|사람|시장|단체장)|양\s?(?:도시|지역|측)|양측|량측|쌍방|대표단|방문단|사절단|교류단|일행|회견에\s?이어|협약식|체결식)"
)
_PAIR_ANAPHOR = re.compile(r"두\s?(?:도시|지역|사람)|양\s?(?:도시|지역|측)|양측|량측|쌍방")
_KOREAN_VENUE = re.compile(
    r"(?:시청|군청|구청|도청)(?:\s?[가-힣]{0,6})?에서|접견실|집무실|(?:시|군|구)청\s?로비"
)
_CONFERENCE = re.compile(r"대회|총회|포럼|박람회|엑스포|회의|정상회의|서밋|원탁회의|페스티벌")
_VENUE_SENTENCE = re.compile(
    r"에서\s?(?:성황리에\s?|성대하게\s?|개최된|열린|열리는|개막한|진행된)|(?:열렸|개최됐|개최되었|개막했)"
)
_DELEGATION = re.compile(r"대표단|방문단|사절단|교류단|일행|단장|동행|함께\s?(?:했|참석)")
_SEQUENCE = re.compile(r"차례로|잇달아|잇따라|순방|\d+개\s?(?:도시|국)|출국해")
_RELATION = re.compile(
    r"(자매\s?(?:결연|도시|관계|우호)|우호\s?(?:협력\s?|교류\s?)?(?:도시|관계)|친선\s?결연|국제\s?우호\s?도시)"
    r"(?!\s?(?:련합회|연합회|협회|대회|총회|교류회의|연맹|협력상))"
)
_REL_PLANNED = re.compile(
    r"맺는다|체결한다|맺을|체결할|추진|예정|계획|하기로|된다|될\s|되기로|맺기로|협의\s?중"
)
_RECENT = timedelta(days=45)
_HISTORY = timedelta(days=400)
_COUNTRY_VISIT = re.compile(
    r"(?:중국|일본|베트남|미국|몽골|러시아|독일|프랑스|이집트|아랍에미리트|우즈베키스탄|카자흐스탄|인도네시아|태국|필리핀|캐나다|호주|뉴질랜드|세\s?나라|[두세네]\s?나라|\d개국)"
    r"(?:\([^)]*\))?(?:을|를|에)\s?(?:공식\s?)?(?:[가-힣]+\s)?(?:방문|순방|찾)"
)
_CONTINUES = re.compile(
    r"^(?:이\s?자리에서|협약에\s?따라|협정에\s?따라|두\s|양\s|량측|양측|이날|이어|이번\s?(?:방문|면담|협약|만남))"
)
_HABITUAL = re.compile(r"그간|그동안|그\s동안|지금까지|오랫동안|수년간|해마다|매년")
_COUNTRY_DEST = re.compile(
    r"(?:중국|일본|베트남|미국|몽골|러시아|독일|프랑스|이집트|아랍에미리트|우즈베키스탄|카자흐스탄|인도네시아|태국|필리핀|캐나다|호주)"
    r"(?:\([^)]*\))?(?:로|으로)\s?(?:건너가|이동|향)"
)
_PLEDGE = re.compile(r"겠|바란|기를|기원|길\s?바|희망")
_INSTITUTION = re.compile(
    r"^의\s?(?:[가-힣]{1,8}\s)?[가-힣]{0,8}(?:대학교?|대(?=[와과를을])|무역관|기업|공장|지사|법인|본사|병원|학교|연구원|연구소)"
)
_REPORTING = re.compile(r"(?:밝혔|전했|말했|알렸|설명했|덧붙였|발표했)다")


@dataclass
class Event:
    event_type: str
    korean: KoreanGov
    foreign: ForeignGov
    event_date: date
    precision: str
    status: str
    agreement_type: str | None = None
    direction: str | None = None
    location: ForeignGov | None = None
    korean_officials: list[Official] = field(default_factory=list)
    foreign_officials: list[Official] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    evidence: str = ""
    confidence: float = 0.5

    def key(self) -> tuple:
        d = self.event_date.isoformat()
        d = {"year": d[:4], "month": d[:7]}.get(self.precision, d)
        return (self.event_type, self.korean.name, self.foreign.name, d)


@dataclass
class Relationship:
    korean: KoreanGov
    foreign: ForeignGov
    relationship_type: str
    established_year: int | None
    evidence: str


@dataclass
class Extraction:
    events: list[Event]
    relationships: list[Relationship]

    @property
    def is_diplomacy(self) -> bool:
        return bool(self.events)


@dataclass(frozen=True)
class _M:
    """A resolved mention: span, government, role in its clause."""

    start: int
    end: int
    gov: object
    role: str


_COUNTRY_HINTS = {
    "CN": re.compile(r"중국|中(?![가-힣])|中\s|인민정부|성장(?![가-힣])"),
    "JP": re.compile(r"일본|日(?![가-힣])|日\s"),
    "VN": re.compile(r"베트남|越(?![가-힣])"),
    "MN": re.compile(r"몽골"),
    "US": re.compile(r"미국|美(?![가-힣])"),
}


_DUEUM_CANDIDATE = re.compile(r"(?<![가-힣])[\uB77C-\uB9C7\uB098-\uB2E3]")  # word-initial ㄹ or ㄴ syllables


def _dueum_syllable(m: re.Match) -> str:
    ch = m.group()
    code = ord(ch) - 0xAC00
    lead, vowel, tail = code // 588, (code % 588) // 28, code % 28
    if lead == 5:  # ㄹ
        lead = 11 if vowel in (2, 6, 7, 12, 17, 20) else 2  # ㅑㅕㅖㅛㅠㅣ -> ㅇ, else ㄴ
    elif vowel in (6, 12, 17, 20):  # 녀 뇨 뉴 니 -> 여 요 유 이
        lead = 11
    else:
        return ch
    return chr(0xAC00 + lead * 588 + vowel * 28 + tail)


def _dueum(text: str) -> str:
    """Apply the initial-sound rule (두음법칙) at word starts: 료녕 -> 요녕, 리해 -> 이해."""
    return _DUEUM_CANDIDATE.sub(_dueum_syllable, text)


class _Resolver:
    """Gazetteer mentions as governments, with the article as disambiguating context."""

    def __init__(self, article_text: str, published: date):
        self.kg = korean_gazetteer()
        self.fg = foreign_gazetteer()
        self.published = published
        self.text = article_text
        self.countries = [c for c, rx in _COUNTRY_HINTS.items() if rx.search(article_text)]
        # A sentence is resolved by the event rules and again by the officials' rules: once is enough.
        self._korean: dict[str, tuple] = {}
        self._foreign: dict[str, tuple] = {}

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

    def _resolve_korean(self, text: str) -> list[tuple[int, int, KoreanGov]]:
        out = []
        for m in self.kg.find(text, on=self.published):
            cands = list(m.candidates)
            if len(cands) > 1:
                named = [c for c in cands if c.province != c.name and c.province in self.text]
                if len(named) == 1:
                    cands = named
                else:
                    top = [c for c in cands if c.level == "province"]
                    cands = top if len(top) == 1 else cands
            if len(cands) == 1:
                out.append((m.start, m.end, cands[0]))
            elif len({c.name for c in cands}) == 1:
                # 고성군 of 강원 or 경남, undecided: the name is sure, the province is left empty
                c = cands[0]
                out.append((m.start, m.end, KoreanGov(code="", name=c.name, province="", level=c.level)))
        return _collapse(out, text)

    def _find_foreign(self, text: str):
        """Gazetteer mentions, also in the orthography of Korean outlets in China, which keep
        an initial ㄹ/ㄴ that standard Korean drops (료녕성 = 요녕성 = 랴오닝성)."""
        found = list(self.fg.find(text))
        alt = _dueum(text)
        if alt != text:
            spans = [(m.start, m.end) for m in found]
            for m in self.fg.find(alt):
                if not any(m.start < e and s < m.end for s, e in spans):
                    found.append(m)
            found.sort(key=lambda m: m.start)
        return found

    def _resolve_foreign(self, text: str) -> list[tuple[int, int, ForeignGov]]:
        out: list[tuple[int, int, ForeignGov]] = []
        for m in self._find_foreign(text):
            cands = list(m.candidates)
            prev = out[-1][2] if out and re.fullmatch(r"\s*", text[out[-1][1] : m.start]) else None
            if len(cands) > 1 and prev is not None:
                cands = [c for c in cands if prev.name in (c.region, c.name)] or cands
            if len(cands) > 1 and self.countries:
                cands = [c for c in cands if c.country in self.countries] or cands
            if len(cands) > 1:
                cands = [c for c in cands if c.region and c.region in self.text] or cands
            if len(cands) > 1:
                big = [c for c in cands if c.level in ("province", "city", "prefecture")]
                cands = big if len(big) == 1 else cands
            if len(cands) == 1:
                out.append((m.start, m.end, cands[0]))
            elif len({c.name for c in cands}) == 1 and len({c.country for c in cands}) == 1:
                out.append((m.start, m.end, _undecided(cands)))
        return _collapse(out, text)


def _undecided(cands: list[ForeignGov]) -> ForeignGov:
    """Namesakes the article does not tell apart (쑤저우시 of 장쑤 or 안후이): keep what they share,
    leave region, ids and coordinates empty rather than guess."""
    first = cands[0]
    same = lambda attr: getattr(first, attr) if len({getattr(c, attr) for c in cands}) == 1 else ""  # noqa: E731
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


def _collapse(items, text):
    """'중국 길림성 연변조선족자치주 훈춘시' names one government: keep the last of a chain."""
    out = []
    for it in items:
        if out and re.fullmatch(r"\s*(?:중국|한국|일본|베트남|中|日)?\s*", text[out[-1][1] : it[0]]):
            prev, cur = out[-1][2], it[2]
            contains = prev.name in (getattr(cur, "province", None), getattr(cur, "region", None))
            if contains or getattr(prev, "level", "") == "province":
                out[-1] = it
                continue
        out.append(it)
    return out


_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"|《[^》]*》|‘[^’]*’")
_LIST_GAP = re.compile(r"^\s*(?:,|·|ㆍ|와|과|및|그리고|에\s?이어|,\s?그리고)\s*$")


def _attached(mentions: list[_M], pos: int, text: str) -> list[_M]:
    """The mention a relation word at `pos` speaks of, with the list it stands in.

    Korean puts the partner before the relation word ("광주와 자매도시 관계"), so the nearest
    mention before it wins; "강원도, 경기도에 이어 충청남도" is one list and counts whole.
    """
    before = [m for m in mentions if m.end <= pos and pos - m.end < 60]
    after = [m for m in mentions if m.start >= pos and m.start - pos < 40]
    if before:
        pick = before[-1]
    elif after:
        pick = after[0]
    else:
        return []
    ordered = sorted(mentions, key=lambda m: m.start)
    i = ordered.index(pick)
    lo = hi = i
    while lo > 0 and _LIST_GAP.match(text[ordered[lo - 1].end : ordered[lo].start]):
        lo -= 1
    while hi + 1 < len(ordered) and _LIST_GAP.match(text[ordered[hi].end : ordered[hi + 1].start]):
        hi += 1
    return ordered[lo : hi + 1]


def _event_id(article_id: str, key: tuple, agreement_type: str | None) -> str:
    raw = "|".join([article_id, *map(str, key), agreement_type or ""])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


_CLAUSE_SPLIT = re.compile(
    r"(?:었고|했고|았고|였고|고|며|으며|면서)[,]?\s(?=[^\s]*(?:시|군|구|도|성|현|정|주)(?:와|과|는|은|가|이)\s)"
    r"|[가-힣](?:고|며|으며|면서|는데),\s"
)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Coordinated clauses ("A는 B와 맺었고, C와 D는 체결했다") hold separate events."""
    spans, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _same_trip(a: Event, b: Event) -> bool:
    """A visit and an agreement signed a few days into it belong together."""
    visit, other = (a, b) if a.event_type == "visit" else (b, a)
    if visit.event_type != "visit" or other.event_type != "agreement" or visit.precision != "day":
        return False
    return 0 <= (other.event_date - visit.event_date).days <= 6


def _in_region(place: ForeignGov | None, of: ForeignGov | None) -> bool:
    """`place` is `of` or lies inside it (a city of a province, a district of a city)."""
    if place is None or of is None:
        return False
    return place.name == of.name or place.region == of.name


class _Article:
    def __init__(self, article_id: str, title: str | None, sentences: Sequence[Sentence], published: date):
        self.article_id = article_id
        self.published = published
        self.sentences = sentences
        body = " ".join(s.text for s in sentences)
        self.res = _Resolver((title or "") + "\n" + body, published)
        self.events: dict[tuple, Event] = {}
        self.relationships: dict[tuple, Relationship] = {}
        self.people: dict[str, Official] = {}
        lead = (title or "") + " " + " ".join(s.text for s in sentences[:2])
        ks = self.res.korean(lead)
        fs = self.res.foreign(lead)
        self.main_korean: KoreanGov | None = ks[0][2] if ks else None
        self.main_foreign: ForeignGov | None = fs[0][2] if fs else None
        self.cur_foreign: ForeignGov | None = None
        self.cur_date: tuple[date, str] | None = None
        self.venue: ForeignGov | None = None
        self.noun_dates: dict[str, tuple[date, str]] = {}
        self.last_year: int | None = None
        self.delegation: list[Official] = []  # Korean officials travelling
        self.guests: list[Official] = []  # foreign officials visiting Korea
        self._last_events: list[Event] = []  # what the latest trigger clause was about
        self._field_text = ""

    # ------------------------------------------------------------------ reading
    def run(self) -> Extraction:
        for s in self.sentences:
            self._sentence(s)
        events = self._postprocess(list(self.events.values()))
        for e in events:
            if (
                e.event_type == "agreement"
                and e.status == "occurred"
                and e.agreement_type in ("sister_city", "friendship_city")
            ):
                self._add_relationship(e.korean, e.foreign, e.agreement_type, e.event_date.year, e.evidence)
        return Extraction(events=events, relationships=list(self.relationships.values()))

    def _mentions(self, text: str) -> tuple[list[_M], list[_M]]:
        ks = [_M(s, e, g, role_after(text, e)) for s, e, g in self.res.korean(text)]
        fs = [_M(s, e, g, role_after(text, e)) for s, e, g in self.res.foreign(text)]
        return ks, fs

    def _sentence(self, s: Sentence) -> None:
        text = s.text
        self._partner_named = False
        dates = find_dates(text, self.published, last_year=self.last_year)
        for d in dates:
            if d.value and d.explicit_year:
                self.last_year = d.value.year
        ks, fs = self._mentions(text)
        officials = find_officials(text, self.res, self.people)
        self._note_venue(text, fs)
        self._note_delegation(text, officials)
        self._relationships(text, ks, fs, dates)
        trig = sorted(
            (m.start(), m.end(), t.event_type) for t in lexicon.triggers() for m in t.pattern.finditer(text)
        )
        if trig:
            spans = _clauses(text)
            for i, (cs, ce) in enumerate(spans):
                ctrig = [t for t in trig if cs <= t[0] < ce]
                if ctrig:
                    # fields may be named in the clauses that follow without a trigger of their own
                    fe = ce
                    for ns, ne in spans[i + 1 :]:
                        if any(ns <= t[0] < ne for t in trig):
                            break
                        fe = ne
                    self._field_text = text[cs:fe]
                    self._clause(s, text, cs, ce, ctrig, ks, fs, dates, officials)
        else:
            self._attach_fields(text, dates)
        self._carry(text, dates, fs)

    def _note_venue(self, text: str, fs: list[_M]) -> None:
        """A conference abroad ("곤명시에서 열린 … 대회") is a venue, not a partner."""
        if not (_CONFERENCE.search(text) and _VENUE_SENTENCE.search(text)):
            return
        for f in fs:
            if f.role == LOCATIVE:
                self.venue = f.gov
                return

    def _note_delegation(self, text: str, officials: list[Official]) -> None:
        if not _DELEGATION.search(text):
            return
        for o in officials:
            group = self.delegation if o.side == "korean" else self.guests
            if o.name not in {x.name for x in group}:
                group.append(o)

    def _carry(self, text: str, dates: list[DateMention], fs: list[_M]) -> None:
        concrete = [
            d
            for d in dates
            if d.value and d.precision == "day" and d.usable and abs(d.value - self.published) <= _RECENT
        ]
        if concrete:  # history ("1994년 3월 15일") never becomes the current day
            self.cur_date = (concrete[0].value, "day")
            for noun in re.findall(
                r"(체결식|협약식|협정식|조인식|기념식|대회|총회|회의|면담|간담회|만찬|제막식|행사)", text
            ):
                self.noun_dates.setdefault(noun, self.cur_date)  # the first dated mention defines it
        if self._partner_named:
            return  # the sentence's events already set the current partner
        visited = [f for f in fs if f.role in (OBJECT, LOCATIVE) and f.gov != self.venue]
        if visited:
            self.cur_foreign = visited[-1].gov

    # ------------------------------------------------------------------ events
    def _when(self, clause: str, cd: list[DateMention], sd: list[DateMention], ck, cf):
        """The event date: a usable date of the clause, else of the sentence, else the context."""
        for pool in (cd, sd):
            concrete = [d for d in pool if d.value is not None and d.usable]
            if concrete:
                d = concrete[0]
                return (d.value, d.precision), d, True
        if any(d.precision == "ref" for d in cd + sd):
            for noun, when in self.noun_dates.items():
                if noun in clause:
                    return when, None, True
            if self.cur_date:
                return self.cur_date, None, True
        if (
            self.cur_date
            and abs(self.cur_date[0] - self.published) <= _RECENT
            and not _HABITUAL.search(clause)
        ):
            if _ANAPHOR.search(clause):
                return self.cur_date, None, True
            # a continuation without a marker may only enrich an event already found
            return self.cur_date, None, False
        return None, None, False

    def _clause(self, s, text, cs, ce, ctrig, ks, fs, dates, officials):
        clause = text[cs:ce]
        ctrig = [t for t in ctrig if not _NON_EVENT.match(text[t[1] : t[1] + 24])]
        if not ctrig:
            return
        if _COUNTRY_VISIT.search(clause):
            ctrig = [t for t in ctrig if t[2] != "visit"]  # "베트남을 방문": the trip's frame, stops follow
        quotes = [(q.start(), q.end()) for q in _QUOTE.finditer(text)]
        ctrig = [t for t in ctrig if not any(a <= t[0] < b and _PLEDGE.search(text[a:b]) for a, b in quotes)]
        if not ctrig:
            return
        types = {t[2] for t in ctrig}
        local_partner = any(f.role in (COMITATIVE, OBJECT, SUBJECT) for f in fs if cs <= f.start < ce)
        if _NATIONAL.search(clause) and not any(o.side == "foreign" for o in officials) and not local_partner:
            self._last_events = []
            return  # national-government diplomacy, not a local partner
        if _NON_GOV_TARGET.search(clause):
            return
        ck = [k for k in ks if cs <= k.start < ce]
        cf = [f for f in fs if cs <= f.start < ce]
        cd = [d for d in dates if cs <= d.start < ce]
        when, dmention, may_create = self._when(clause, cd, dates, ck, cf)
        if when is None:
            return
        event_date, precision = when

        # --- the foreign side: partners and a possible location
        cf = self._drop_contained_provinces(cf)
        locations = [f for f in cf if f.role == LOCATIVE]
        cf = [f for f in cf if f.role != PRIOR]  # "훈춘시 방문 후": the stop before this one
        cf = [
            f for f in cf if f.gov != self.venue or f.role in (COMITATIVE, SUBJECT)
        ]  # travel to a conference city
        cf = [f for f in cf if not (f.role == GENITIVE and _INSTITUTION.match(text[f.end : f.end + 30]))]
        partners = [f for f in cf if f.role in (COMITATIVE, OBJECT, SUBJECT)]
        if not partners:
            partners = [f for f in cf if f.role not in (LOCATIVE,)]
        if partners and len(partners) > 1 and "visit" in types and _SEQUENCE.search(clause):
            partners = partners[:1]  # "A, B, C를 차례로 방문": the date belongs to the first stop
        location = locations[0].gov if locations else None
        if not partners and location is not None:
            if (
                self.main_foreign is not None
                and _in_region(location, self.main_foreign)
                and location != self.main_foreign
            ):
                partners, location = [_M(-1, -1, self.main_foreign, OBJECT)], None
            elif location != self.venue:
                partners, location = [locations[0]], None
        moving_on = any(f.role == PRIOR for f in fs if cs <= f.start < ce) or _COUNTRY_DEST.search(clause)
        if not partners and moving_on:
            return  # the delegation has left the last stop; this clause is about somewhere else
        if not partners:
            fallback = self.cur_foreign if self.cur_foreign not in (None, self.venue) else self.main_foreign
            foreign_korean = [k for k in ck if k.gov != self.main_korean]
            if fallback is None or foreign_korean:
                self._last_events = []  # what follows is about the domestic meeting
                return  # another Korean government and no foreign one: a domestic meeting
            if precision == "year" and not _PAIR_ANAPHOR.search(clause):
                return  # history needs its partner named
            if re.search(r"외국\s?도시|해외\s?(?:도시|자매도시)", clause):
                return
            partners = [_M(-1, -1, fallback, OTHER)]
        if location is not None and any(
            _in_region(location, p.gov) or _in_region(p.gov, location) for p in partners
        ):
            location = None  # meeting the partner in its own territory is a visit
        if (
            location is None
            and self.venue is not None
            and partners
            and not any(_in_region(self.venue, p.gov) for p in partners)
        ) and (
            re.search(r"대회|체결식|총회|이번\s?행사", clause) and abs(event_date - self.published) <= _RECENT
        ):
            location = self.venue

        # --- the Korean side
        korean_side = [k for k in ck if k.role != LOCATIVE] or ck
        if not korean_side:
            if self.main_korean is None:
                return
            korean_side = [_M(-1, -1, self.main_korean, OTHER)]

        at_korea = bool(_KOREAN_VENUE.search(clause)) or any(k.role == LOCATIVE for k in ck)
        future = bool(_FUTURE.search(clause)) or any(d.future for d in cd)
        past = bool(_PAST.search(_REPORTING.sub("", clause)))
        if event_date > self.published:
            status = "planned"
        elif event_date == self.published or (
            precision == "month" and event_date.replace(day=1) == self.published.replace(day=1)
        ):
            status = "planned" if future and not past else "occurred"
        else:
            status = "occurred"
        recent = abs(event_date - self.published) <= _RECENT and precision == "day"
        range_start = dmention is not None and dmention.role == "range_start"

        for p in partners:
            foreign = p.gov
            if p.start >= 0 and len(korean_side) > 1:
                korean = min(korean_side, key=lambda k: abs(k.start - p.start)).gov
            else:
                korean = korean_side[0].gov
            direction = self._direction(clause, text, cs, p, ck, officials, at_korea)
            conf = 0.9 if p.start >= 0 and korean_side[0].start >= 0 else 0.65
            made: list[Event] = []
            if "agreement" in types:
                atype = self._agreement_type(text, ctrig)
                aprec = "month" if (range_start and precision == "day") else precision
                adate = event_date.replace(day=1) if aprec == "month" else event_date
                made.append(
                    self._add(
                        Event("agreement", korean, foreign, adate, aprec, status, agreement_type=atype),
                        s,
                        conf,
                        may_create,
                    )
                )
                if recent and location is not None:
                    made.append(
                        self._add(
                            Event(
                                "meeting", korean, foreign, event_date, precision, status, location=location
                            ),
                            s,
                            conf * 0.9,
                            may_create,
                        )
                    )
                elif recent and (at_korea or direction == "inbound") and "visit" not in types:
                    made.append(
                        self._add(
                            Event(
                                "visit", korean, foreign, event_date, precision, status, direction="inbound"
                            ),
                            s,
                            conf * 0.8,
                            may_create,
                        )
                    )
                elif (recent and p.role in (OBJECT, LOCATIVE)) or (
                    recent
                    and p.start < 0
                    and "visit" not in types
                    and direction == "outbound"
                    and self._abroad(foreign)
                ):
                    made.append(
                        self._add(
                            Event(
                                "visit", korean, foreign, event_date, precision, status, direction="outbound"
                            ),
                            s,
                            conf * 0.8,
                            may_create,
                        )
                    )
            if "visit" in types:
                if location is not None and not _in_region(location, foreign):
                    made.append(
                        self._add(
                            Event(
                                "meeting", korean, foreign, event_date, precision, status, location=location
                            ),
                            s,
                            conf,
                            may_create,
                        )
                    )
                else:
                    made.append(
                        self._add(
                            Event(
                                "visit", korean, foreign, event_date, precision, status, direction=direction
                            ),
                            s,
                            conf,
                            may_create,
                        )
                    )
            elif "meeting" in types and "agreement" not in types:
                if location is not None:
                    made.append(
                        self._add(
                            Event(
                                "meeting", korean, foreign, event_date, precision, status, location=location
                            ),
                            s,
                            conf,
                            may_create,
                        )
                    )
                else:
                    made.append(
                        self._add(
                            Event(
                                "visit", korean, foreign, event_date, precision, status, direction=direction
                            ),
                            s,
                            conf * 0.8,
                            may_create,
                        )
                    )
            if "virtual_meeting" in types:
                made.append(
                    self._add(
                        Event("virtual_meeting", korean, foreign, event_date, precision, status),
                        s,
                        conf,
                        may_create,
                    )
                )
            if "exchange" in types and not ({"visit", "agreement", "meeting", "virtual_meeting"} & types):
                made.append(
                    self._add(
                        Event("exchange", korean, foreign, event_date, precision, status),
                        s,
                        conf * 0.8,
                        may_create,
                    )
                )
            recent_made = [e for e in made if e is not None and abs(e.event_date - self.published) <= _RECENT]
            self._last_events = recent_made or self._last_events
            for e in made:
                if e is None:
                    continue
                self._enrich(
                    e,
                    clause,
                    officials,
                    history=precision == "year" or abs(event_date - self.published) > _HISTORY,
                )
        if precision == "day" and may_create and recent:
            self.cur_date = (event_date, precision)
        named = [p for p in partners if p.start >= 0]
        if named:
            self.cur_foreign = named[-1].gov
            self._partner_named = True

    @staticmethod
    def _agreement_type(text: str, ctrig) -> str:
        """The document kind named next to the signing verb, not anywhere in the clause."""
        for start, end, kind in ctrig:
            if kind == "agreement":
                atype = lexicon.agreement_type(text[max(0, start - 30) : end])
                if atype != "other":
                    return atype
        return "other"

    def _abroad(self, foreign: ForeignGov) -> bool:
        return self.cur_foreign is not None and _in_region(self.cur_foreign, foreign)

    @staticmethod
    def _drop_contained_provinces(cf: list[_M]) -> list[_M]:
        """'돗토리현 식목제' beside 야즈정: the province is context unless it is acted on."""
        names = {f.gov.region for f in cf if f.gov.level != "province"}
        return [f for f in cf if not (f.gov.name in names and f.role not in (COMITATIVE, OBJECT, SUBJECT))]

    def _direction(self, clause, text, cs, p, ck, officials, at_korea) -> str:
        if at_korea:
            return "inbound"
        if p.start >= 0:
            if p.role == OBJECT:
                return "outbound"
            if p.role == SUBJECT and re.search(r"방문|찾|도착|방한|보내|파견", clause):
                return "inbound"
        for k in ck:
            if k.role == OBJECT:
                return "inbound"
        subj = re.search(
            r"([가-힣]{1,6})\s?(?:[가-힣]{1,4}\s)?(?:당서기|시장|성장|정장|주임|부주임|주장|현장|일행|대표단|사절단)(?:\s?일행)?(?:이|가|은|는)\s",
            clause,
        )
        if subj:
            for o in officials:
                if o.side == "foreign" and o.name.split()[0] in subj.group(0):
                    return "inbound"
        if re.search(r"방한|내한|초청|맞이|맞아|맞았|환영|답방|찾아온", clause):
            return "inbound"
        return "outbound"

    def _add(self, e: Event, s: Sentence, conf: float, may_create: bool = True) -> Event | None:
        k = e.key()
        if e.event_type == "meeting" and e.location is None and ("visit", *k[1:]) in self.events:
            return self.events[("visit", *k[1:])]  # talks during a visit are part of the visit
        old = self.events.get(k)
        if old is None and e.event_type == "visit" and not may_create:
            return None
        if old is None and not may_create:
            return None
        if old is not None:
            old.confidence = max(old.confidence, round(conf, 2))
            if (
                old.event_type == "agreement"
                and old.agreement_type == "other"
                and e.agreement_type != "other"
            ):
                old.agreement_type = e.agreement_type
            if old.status == "planned" and e.status == "occurred":
                old.status = "occurred"
            return old
        e.evidence = s.text.strip()
        e.confidence = round(min(1.0, conf), 2)
        self.events[k] = e
        return e

    def _enrich(self, e: Event, clause: str, officials: list[Official], history: bool) -> None:
        if history:
            return  # background history: no people, no fields
        for f in lexicon.fields_in(self._field_text or clause):
            if f not in e.fields:
                e.fields.append(f)
        for o in officials:
            side = e.korean_officials if o.side == "korean" else e.foreign_officials
            if o.name not in {x.name for x in side}:
                side.append(o)

    def _attach_fields(self, text: str, dates: list[DateMention]) -> None:
        """A sentence without a trigger that continues the latest event adds its fields
        ("이날 … 경제, 통상 분야 협력을 논의했다", "협약에 따라 두 도시는 …")."""
        current = [
            e
            for e in self._last_events
            if self.cur_date
            and (e.event_date, e.precision) == self.cur_date
            and abs(e.event_date - self.published) <= _RECENT
        ]
        if not current:
            return
        people = {o.name for e in current for o in e.korean_officials + e.foreign_officials}
        dated = any(d.usable and d.value for d in dates)
        continues = (
            any(d.precision == "ref" for d in dates)
            or _CONTINUES.match(text.strip())
            or (not dated and (_DELEGATION.search(text[:30]) or any(p in text[:40] for p in people)))
        )
        if not continues or _HABITUAL.search(text):
            return
        fields = lexicon.fields_in(text)
        for e in current:
            e.fields += [f for f in fields if f not in e.fields]

    # ------------------------------------------------------------ post-process
    def _postprocess(self, events: list[Event]) -> list[Event]:
        events = self._merge_trip_visits(events)
        events = self._drop_vague_agreements(events)
        self._add_delegations(events)
        self._share(events)
        return events

    @staticmethod
    def _merge_trip_visits(events: list[Event]) -> list[Event]:
        """A multi-day stay is one visit, dated by its first day."""
        visits = sorted(
            (e for e in events if e.event_type == "visit" and e.precision == "day"),
            key=lambda e: e.event_date,
        )
        drop = set()
        for i, a in enumerate(visits):
            if id(a) in drop:
                continue
            for b in visits[i + 1 :]:
                same = (a.korean.name, a.foreign.name, a.direction) == (
                    b.korean.name,
                    b.foreign.name,
                    b.direction,
                )
                if (
                    same
                    and id(b) not in drop
                    and (b.event_date - a.event_date).days <= 6
                    and a.status == b.status
                ):
                    a.fields += [f for f in b.fields if f not in a.fields]
                    a.korean_officials += [
                        o for o in b.korean_officials if o.name not in {x.name for x in a.korean_officials}
                    ]
                    a.foreign_officials += [
                        o for o in b.foreign_officials if o.name not in {x.name for x in a.foreign_officials}
                    ]
                    drop.add(id(b))
        return [e for e in events if id(e) not in drop]

    @staticmethod
    def _drop_vague_agreements(events: list[Event]) -> list[Event]:
        """An untyped or month-dated signing next to a precise one of the same pair is the same signing."""
        precise = [
            e
            for e in events
            if e.event_type == "agreement" and e.precision == "day" and e.agreement_type != "other"
        ]
        out = []
        for e in events:
            if e.event_type == "agreement" and e not in precise:
                same = [
                    p
                    for p in precise
                    if (p.korean.name, p.foreign.name) == (e.korean.name, e.foreign.name)
                    and abs((p.event_date - e.event_date).days) <= 31
                ]
                if same:
                    continue
            out.append(e)
        return out

    def _add_delegations(self, events: list[Event]) -> None:
        """The head and members of a delegation take part in every stop of its trip."""
        for e in events:
            if e.precision != "day" or abs(e.event_date - self.published) > _RECENT:
                continue
            if e.event_type in ("visit", "meeting", "agreement") and (e.direction != "inbound"):
                e.korean_officials += [
                    o for o in self.delegation if o.name not in {x.name for x in e.korean_officials}
                ]
            if e.direction == "inbound":
                e.foreign_officials += [
                    o for o in self.guests if o.name not in {x.name for x in e.foreign_officials}
                ]

    @staticmethod
    def _share(events: list[Event]) -> None:
        """A visit and the agreement signed during it carry the same fields and people."""
        day_events = [e for e in events if e.precision != "year"]
        for a in day_events:
            group = [
                b
                for b in day_events
                if (b.korean.name, b.foreign.name) == (a.korean.name, a.foreign.name)
                and (b.event_date == a.event_date or _same_trip(a, b))
            ]
            if len(group) < 2:
                continue
            fields: list[str] = []
            ko: list[Official] = []
            fo: list[Official] = []
            for e in group:
                fields += [f for f in e.fields if f not in fields]
                ko += [o for o in e.korean_officials if o.name not in {x.name for x in ko}]
                fo += [o for o in e.foreign_officials if o.name not in {x.name for x in fo}]
            for e in group:
                e.fields, e.korean_officials, e.foreign_officials = list(fields), list(ko), list(fo)

    # ----------------------------------------------------------- relationships
    def _relationships(self, text: str, ks: list[_M], fs: list[_M], dates: list[DateMention]) -> None:
        quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
        for m in _RELATION.finditer(text):
            if _REL_PLANNED.search(text[m.end() : m.end() + 30]):
                continue  # a planned agreement creates no relationship yet
            if any(a <= m.start() < b for a, b in quoted):
                continue  # hopes in quotes ("우호도시로의 관계를 공고히") are no standing relation
            rtype = "sister_city" if "자매" in m.group(1) else "friendship_city"
            near_k = _attached(ks, m.start(), text)
            near_f = _attached(self._drop_contained_provinces(fs), m.start(), text)
            if not near_k and near_f and self.main_korean and (_PAIR_ANAPHOR.search(text) or not ks):
                near_k = [_M(-1, -1, self.main_korean, OTHER)]
            if not near_f and near_k and self.main_foreign and _PAIR_ANAPHOR.search(text):
                near_f = [_M(-1, -1, self.main_foreign, OTHER)]
            if not near_k or not near_f:
                continue
            years = [
                d.value.year
                for d in dates
                if d.value
                and d.explicit_year
                and d.start < m.end() + 15
                and d.value.year <= self.published.year
            ]
            year = years[-1] if years else None
            for k in near_k:
                for f in near_f:
                    self._add_relationship(k.gov, f.gov, rtype, year, text.strip())

    def _add_relationship(self, korean, foreign, rtype, year, evidence) -> None:
        key = (korean.name, foreign.name, rtype)
        old = self.relationships.get(key)
        if old is None:
            self.relationships[key] = Relationship(korean, foreign, rtype, year, evidence)
        elif year and (old.established_year is None or year < old.established_year):
            old.established_year = year


def extract_article(
    article_id: str, title: str | None, sentences: Sequence[Sentence], published: date | None
) -> Extraction:
    """Events and relationships of one analysed article; pure (gazetteers and lexicons are data)."""
    if published is None or not sentences:
        return Extraction([], [])
    return _Article(article_id, title, sentences, published).run()


def event_rows(article_id: str, published: date, extraction: Extraction) -> list[dict]:
    rows = []
    for e in extraction.events:
        rows.append(
            {
                "event_id": _event_id(article_id, e.key(), e.agreement_type),
                "article_id": article_id,
                "event_type": e.event_type,
                "agreement_type": e.agreement_type if e.event_type == "agreement" else None,
                "direction": e.direction if e.event_type == "visit" else None,
                "status": e.status,
                "event_date": e.event_date,
                "date_precision": e.precision,
                "korean_city": e.korean.name,
                "korean_province": e.korean.province or None,
                "korean_admin_code": e.korean.code,
                "partner_city": e.foreign.name,
                "partner_region": e.foreign.region or None,
                "partner_country": e.foreign.country,
                "partner_city_en": e.foreign.name_en or None,
                "partner_city_native": e.foreign.name_native or None,
                "partner_geonames_id": e.foreign.geonames_id,
                "partner_lat": e.foreign.lat,
                "partner_lon": e.foreign.lon,
                "korean_officials": [{"name": o.name, "title": o.title} for o in e.korean_officials],
                "foreign_officials": [{"name": o.name, "title": o.title} for o in e.foreign_officials],
                "fields": list(e.fields),
                "location": e.location.name if (e.event_type == "meeting" and e.location) else None,
                "evidence": e.evidence,
                "confidence": e.confidence,
                "published_date": published,
            }
        )
    return rows


def relationship_rows(article_id: str, extraction: Extraction) -> list[dict]:
    return [
        {
            "article_id": article_id,
            "korean_city": r.korean.name,
            "korean_province": r.korean.province or None,
            "partner_city": r.foreign.name,
            "partner_region": r.foreign.region or None,
            "partner_country": r.foreign.country,
            "relationship_type": r.relationship_type,
            "established_year": r.established_year,
            "evidence": r.evidence,
        }
        for r in extraction.relationships
    ]
