"""Events of municipal diplomacy from one article: a grammar of triggers, actors and dates.

An article is read sentence by sentence with a small discourse state: the Korean
government the article is about, the foreign government of the current trip stop, and
the current date (for "이날", "같은 날" and sentences that continue the previous one).
A sentence yields an event when it has a trigger (a signing, a visit, a meeting, ...)
and both sides resolve, either in the sentence or from that state, and a date resolves.
Events are keyed per the contract on (type, Korean side, foreign side, date) and merged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from diplomacy.extract import lexicon
from diplomacy.extract.dates import DateMention, find_dates
from diplomacy.extract.nlp import Sentence
from diplomacy.extract.officials import Official, find_officials
from diplomacy.gazetteer.foreign import ForeignGov, foreign_gazetteer
from diplomacy.gazetteer.korean import KoreanGov, korean_gazetteer

__all__ = ["Extraction", "extract_article"]

_FUTURE = re.compile(
    r"예정|계획|방침|할\s?것|하기로|키로|앞두|나설|나선다|간다|갈\s|찾는다|방문한다|체결한다|맺는다|연다|개최한다|참석한다|"
    r"떠난다|출국한다|오는\s?\d|내년|다음\s?달|내달|추진한다|참가한다|방문할|찾을|체결할|맺을"
)
_PAST_SURFACE = re.compile(r"(?:했|았|었|였|됐|쳤|셨|렸|봤|왔|갔|졌|냈|켰|웠)|바\s?있|ㄴ\s?뒤|이후|당시")
_NON_EVENT = re.compile(
    r"제안(?:했|하였|한다|하며|하고)|요청(?:했|하였|한다|하며|하고)|건의|검토\s?중|검토하고|희망(?:했|한다)|"
    r"기대(?:했|한다|하고)|약속했|다짐했|바란다|바랐|하겠다|할\s?계획이라고\s?덧붙|할\s?수\s?있기를"
)
_ANAPHOR_SUBJ = re.compile(
    r"^(?:이어|이\s?자리에서|이날|한편|또|또한|아울러|앞서|특히|이번|당시|두\s|양\s|양측|이들|대표단|방문단|사절단|교류단|일행|시는|군은|도는|구는|"
    r"[가-힣]\s?(?:시장|군수|도지사|구청장|지사|부시장|당서기|성장)(?:은|는|이|과|와))"
)
_COUNTRY_HINTS = {
    "CN": re.compile(r"중국|中(?![가-힣])|中\s|성\s?정부|인민정부"),
    "JP": re.compile(r"일본|日(?![가-힣])|日\s"),
    "VN": re.compile(r"베트남|越(?![가-힣])"),
    "MN": re.compile(r"몽골"),
    "US": re.compile(r"미국|美(?![가-힣])"),
}
_KOREAN_VENUE = re.compile(
    r"(?:시청|군청|구청|도청|청사\s?접견실|접견실|집무실|시의회|본관|컨벤션센터)(?:에서|를|을)"
)
_SUBJECT_PARTICLE = re.compile(
    r"^(?:\s?(?:대표단|사절단|방문단|교류단|일행|시장|부시장|군수|당서기|성장|정부))*(?:은|는|이|가)(?![가-힣])"
)
_OBJECT_OF_VISIT = re.compile(
    r"^(?:시청|군청|구청|도청|청사|정부)?(?:을|를|에|로)?\s?(?:방문|찾|도착|순방|방한)"
)
_LOCATIVE = re.compile(r"^[가-힣]{0,8}?(?:에서|의\s?[가-힣]+에서)")


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


@dataclass
class _Mentions:
    korean: list[tuple[int, int, KoreanGov]]
    foreign: list[tuple[int, int, ForeignGov]]


def _country_hint(text: str) -> str | None:
    for code, rx in _COUNTRY_HINTS.items():
        if rx.search(text):
            return code
    return None


class _Resolver:
    """Turns gazetteer mentions into governments, with the article as disambiguating context."""

    def __init__(self, article_text: str, published: date):
        self.kg = korean_gazetteer()
        self.fg = foreign_gazetteer()
        self.published = published
        self.text = article_text
        self.country = _country_hint(article_text)

    def korean(self, text: str) -> list[tuple[int, int, KoreanGov]]:
        out = []
        for m in self.kg.find(text, on=self.published):
            cands = list(m.candidates)
            if not cands:
                continue
            if len(cands) > 1:
                in_text = [c for c in cands if c.province != c.name and self._province_named(c.province)]
                if len(in_text) == 1:
                    cands = in_text
                else:
                    top = [c for c in cands if c.level == "province"]
                    cands = top if len(top) == 1 else cands
            if len(cands) != 1:
                continue  # ambiguous and the article does not decide: never guessed
            out.append((m.start, m.end, cands[0]))
        return self._collapse(out, text)

    def _province_named(self, province: str) -> bool:
        short = self.kg.short_forms(province) if hasattr(self.kg, "short_forms") else ()
        return province in self.text or any(s in self.text for s in short)

    def foreign(self, text: str) -> list[tuple[int, int, ForeignGov]]:
        out: list[tuple[int, int, ForeignGov]] = []
        for m in self.fg.find(text):
            cands = list(m.candidates)
            region_hint = out[-1][2] if out and text[out[-1][1] : m.start].strip() == "" else None
            if len(cands) > 1 and region_hint is not None:
                narrowed = [
                    c for c in cands if c.region == region_hint.name or c.region == region_hint.region
                ]
                cands = narrowed or cands
            if len(cands) > 1 and self.country:
                narrowed = [c for c in cands if c.country == self.country]
                cands = narrowed or cands
            if len(cands) > 1:
                regions_named = [c for c in cands if c.region and c.region in self.text]
                cands = regions_named if regions_named else cands
            if len(cands) > 1:
                continue
            out.append((m.start, m.end, cands[0]))
        return self._collapse(out, text)

    @staticmethod
    def _collapse(items, text):
        """'중국 길림성 연변조선족자치주 훈춘시' names one government: keep the last of a chain."""
        out = []
        for it in items:
            if out and re.fullmatch(r"\s*(?:중국|한국|일본|베트남|中|日)?\s*", text[out[-1][1] : it[0]]):
                prev = out[-1][2]
                if getattr(prev, "level", "") == "province" or getattr(prev, "name", "") in (
                    getattr(it[2], "province", None),
                    getattr(it[2], "region", None),
                ):
                    out[-1] = it
                    continue
            out.append(it)
        return out


def _event_id(article_id: str, key: tuple, agreement_type: str | None) -> str:
    raw = "|".join([article_id, *map(str, key), agreement_type or ""])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans: commas and connective endings split coordinated events apart."""
    spans, start = [], 0
    for m in re.finditer(
        r"(?:고|며|으며|었고|했고|았고|맺었고|체결했고),\s|,\s(?=[가-힣]+(?:시|군|구|도|성)(?:와|과|는|은|가|이)\s)",
        text,
    ):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _nearest(items, pos):
    return min(items, key=lambda it: abs(it[0] - pos)) if items else None


class _Article:
    def __init__(self, article_id: str, title: str | None, sentences: Sequence[Sentence], published: date):
        self.article_id = article_id
        self.published = published
        self.sentences = sentences
        body = " ".join(s.text for s in sentences)
        self.res = _Resolver((title or "") + "\n" + body, published)
        self.title = title or ""
        self.events: dict[tuple, Event] = {}
        self.relationships: dict[tuple, Relationship] = {}
        self.people: dict[str, Official] = {}
        lead = self.title + " " + (sentences[0].text if sentences else "")
        ks = self.res.korean(lead)
        fs = self.res.foreign(lead)
        self.main_korean = ks[0][2] if ks else None
        self.main_foreign = fs[0][2] if fs else None
        self.cur_foreign: ForeignGov | None = None
        self.cur_date: tuple[date, str] | None = None
        self.last_year: int | None = None

    # ------------------------------------------------------------------ events
    def run(self) -> Extraction:
        for s in self.sentences:
            self._sentence(s)
        events = list(self.events.values())
        self._share_fields(events)
        for e in events:
            if (
                e.event_type == "agreement"
                and e.status == "occurred"
                and e.agreement_type
                in (
                    "sister_city",
                    "friendship_city",
                )
            ):
                self._add_relationship(e.korean, e.foreign, e.agreement_type, e.event_date.year, e.evidence)
        return Extraction(events=events, relationships=list(self.relationships.values()))

    def _sentence(self, s: Sentence) -> None:
        text = s.text
        dates = find_dates(text, self.published, last_year=self.last_year)
        for d in dates:
            if d.value and d.precision in ("day", "month", "year") and d.value.year != self.published.year:
                self.last_year = d.value.year
        ks = self.res.korean(text)
        fs = self.res.foreign(text)
        officials = find_officials(text, self.res, self.people)
        self._relationships(text, ks, fs, dates)
        trig = []
        for t in lexicon.triggers():
            for m in t.pattern.finditer(text):
                trig.append((m.start(), m.end(), t.event_type))
        trig.sort()
        if not trig:
            self._carry_context(text, dates, fs)
            self._attach_fields(text, dates)
            return
        for cs, ce in _clauses(text):
            clause = text[cs:ce]
            ctrig = [t for t in trig if cs <= t[0] < ce]
            if not ctrig:
                continue
            self._clause_events(s, text, cs, ce, ctrig, ks, fs, dates, officials)
        self._carry_context(text, dates, fs)

    def _carry_context(self, text, dates, fs):
        concrete = [
            d
            for d in dates
            if (d.value and d.precision == "day" and not d.past) or (d.value and d.precision == "day")
        ]
        if concrete:
            self.cur_date = (concrete[0].value, "day")
        visited = [f for f in fs if _OBJECT_OF_VISIT.match(text[f[1] :]) or _LOCATIVE.match(text[f[1] :])]
        if visited:
            self.cur_foreign = visited[-1][2]

    def _clause_events(self, s, text, cs, ce, ctrig, ks, fs, dates, officials):
        clause = text[cs:ce]
        ck = [k for k in ks if cs <= k[0] < ce]
        cf = [f for f in fs if cs <= f[0] < ce]
        cd = [d for d in dates if cs <= d.start < ce]
        if not cd:
            cd = [d for d in dates if d.value]  # a date elsewhere in the sentence
        # --- the date
        when: tuple[date, str] | None = None
        date_mention: DateMention | None = None
        for d in cd:
            if d.value is not None:
                date_mention = d
                when = (d.value, d.precision)
                break
            if d.precision == "ref" and self.cur_date:
                when = self.cur_date
                break
        if when is None and self.cur_date and _ANAPHOR_SUBJ.search(clause.strip()):
            when = self.cur_date
        if when is None:
            return
        # --- the two sides
        korean_side = ck or ([(-1, -1, self.res_main_korean())] if self.res_main_korean() else [])
        locations = [
            f for f in cf if _LOCATIVE.match(text[f[1] :]) and not _OBJECT_OF_VISIT.match(text[f[1] :])
        ]
        partners = [f for f in cf if f not in locations] or [
            f for f in cf if _OBJECT_OF_VISIT.match(text[f[1] :])
        ]
        if not partners and locations:
            partners, locations = locations, []
        if not partners:
            fallback = self.cur_foreign or self.main_foreign
            if (
                fallback is None
                or not korean_side
                or (korean_side[0][0] == -1 and not _ANAPHOR_SUBJ.search(clause.strip()))
            ):
                if fallback is None:
                    return
            partners = [(-1, -1, fallback)]
        if not korean_side or korean_side[0][2] is None:
            return
        types = {t[2] for t in ctrig}
        future = bool(_FUTURE.search(clause)) or any(d.future for d in cd)
        if _NON_EVENT.search(clause) and "agreement" not in types:
            return
        event_date, precision = when
        status = (
            "planned"
            if event_date > self.published
            or (event_date == self.published and future and not re.search(r"했다|였다|었다|았다", clause))
            or (future and event_date >= self.published)
            else "occurred"
        )
        for pf in partners:
            foreign = pf[2]
            kpos = _nearest([k for k in korean_side if k[0] >= 0], pf[0]) if pf[0] >= 0 else None
            korean = (kpos or korean_side[0])[2]
            if korean is None:
                continue
            conf = 0.9 if (pf[0] >= 0 and korean_side[0][0] >= 0) else 0.6
            loc = locations[0][2] if locations else None
            if loc is not None and (
                loc.name == foreign.name
                or loc.region == foreign.name
                or (foreign.region == loc.name and loc.level != "province")
            ):
                loc = None
            at_korea = bool(_KOREAN_VENUE.search(clause)) or any(_LOCATIVE.match(text[k[1] :]) for k in ck)
            direction = self._direction(text, ck, pf, clause, at_korea)
            made = []
            if "agreement" in types:
                atype = lexicon.agreement_type(clause)
                made.append(
                    self._add(
                        Event(
                            "agreement", korean, foreign, event_date, precision, status, agreement_type=atype
                        ),
                        s,
                        conf,
                    )
                )
                if loc is not None:
                    made.append(
                        self._add(
                            Event("meeting", korean, foreign, event_date, precision, status, location=loc),
                            s,
                            conf * 0.9,
                        )
                    )
                elif precision == "day" and (at_korea or direction == "inbound"):
                    made.append(
                        self._add(
                            Event(
                                "visit", korean, foreign, event_date, precision, status, direction="inbound"
                            ),
                            s,
                            conf * 0.8,
                        )
                    )
                elif precision == "day" and pf[0] >= 0 and _LOCATIVE.match(text[pf[1] :]):
                    made.append(
                        self._add(
                            Event(
                                "visit", korean, foreign, event_date, precision, status, direction="outbound"
                            ),
                            s,
                            conf * 0.8,
                        )
                    )
            if "visit" in types:
                made.append(
                    self._add(
                        Event("visit", korean, foreign, event_date, precision, status, direction=direction),
                        s,
                        conf,
                    )
                )
            elif "meeting" in types and "agreement" not in types:
                if loc is not None:
                    made.append(
                        self._add(
                            Event("meeting", korean, foreign, event_date, precision, status, location=loc),
                            s,
                            conf,
                        )
                    )
                else:
                    d = "inbound" if at_korea else direction
                    made.append(
                        self._add(
                            Event("visit", korean, foreign, event_date, precision, status, direction=d),
                            s,
                            conf * 0.8,
                        )
                    )
            if "virtual_meeting" in types:
                made.append(
                    self._add(
                        Event("virtual_meeting", korean, foreign, event_date, precision, status), s, conf
                    )
                )
            if "exchange" in types and not ({"visit", "agreement", "meeting"} & types):
                made.append(
                    self._add(
                        Event("exchange", korean, foreign, event_date, precision, status), s, conf * 0.8
                    )
                )
            for e in made:
                if e is None:
                    continue
                for o in officials:
                    side = (
                        e.korean_officials
                        if o.side == "korean"
                        else e.foreign_officials
                        if o.side == "foreign"
                        else None
                    )
                    if side is not None and o.name not in {x.name for x in side}:
                        side.append(o)
                for f in lexicon.fields_in(clause):
                    if f not in e.fields:
                        e.fields.append(f)
        if precision == "day":
            self.cur_date = (event_date, precision)
        if partners and partners[0][0] >= 0:
            self.cur_foreign = partners[-1][2]

    def res_main_korean(self):
        return self.main_korean

    def _direction(self, text, ck, pf, clause, at_korea) -> str:
        if at_korea:
            return "inbound"
        if pf[0] >= 0:
            after = text[pf[1] :]
            if _SUBJECT_PARTICLE.match(after):
                return "inbound"
            if _OBJECT_OF_VISIT.match(after):
                return "outbound"
        for k in ck:
            after = text[k[1] :]
            if _OBJECT_OF_VISIT.match(after):
                return "inbound"
        if re.search(r"방한|내한|초청|맞이|환영", clause):
            return "inbound"
        return "outbound"

    def _add(self, e: Event, s: Sentence, conf: float) -> Event | None:
        k = e.key()
        if e.event_type == "meeting":
            # Talks during a visit are part of the visit, not a separate meeting.
            vk = ("visit", *k[1:])
            if vk in self.events and e.location is None:
                return self.events[vk]
        if e.event_type == "visit":
            mk = ("meeting", *k[1:])
            m = self.events.get(mk)
            if m is not None and m.location is None:
                del self.events[mk]
        old = self.events.get(k)
        if old is not None:
            old.confidence = max(old.confidence, conf)
            if (
                old.event_type == "agreement"
                and old.agreement_type in ("other", "mou")
                and e.agreement_type
                in (
                    "sister_city",
                    "friendship_city",
                    "letter_of_intent",
                )
            ):
                old.agreement_type = e.agreement_type
            if old.status == "planned" and e.status == "occurred":
                old.status = e.status
            return old
        e.evidence = s.text.strip()
        e.confidence = round(min(1.0, conf), 2)
        self.events[k] = e
        return e

    def _attach_fields(self, text, dates):
        """A sentence without trigger that continues the current event adds its fields."""
        if not self.cur_date:
            return
        if not (
            any(d.precision == "ref" for d in dates)
            or re.match(r"^(?:이\s?자리에서|협약에\s?따라|두\s|양\s|이날|이어)", text.strip())
        ):
            return
        fields = lexicon.fields_in(text)
        if not fields:
            return
        for e in self.events.values():
            if (e.event_date, e.precision) == self.cur_date:
                for f in fields:
                    if f not in e.fields:
                        e.fields.append(f)

    @staticmethod
    def _share_fields(events):
        """A visit and the agreement signed during it carry the same fields."""
        by_pair: dict[tuple, list[Event]] = {}
        for e in events:
            by_pair.setdefault((e.korean.name, e.foreign.name, e.event_date, e.precision), []).append(e)
        for group in by_pair.values():
            union: list[str] = []
            ko: list[Official] = []
            fo: list[Official] = []
            for e in group:
                union += [f for f in e.fields if f not in union]
                ko += [o for o in e.korean_officials if o.name not in {x.name for x in ko}]
                fo += [o for o in e.foreign_officials if o.name not in {x.name for x in fo}]
            for e in group:
                e.fields = list(union)
                e.korean_officials = list(ko)
                e.foreign_officials = list(fo)

    # ----------------------------------------------------------- relationships
    _REL = re.compile(
        r"(자매\s?(?:결연|도시|관계)|우호\s?(?:협력\s?|교류\s?)?(?:도시|관계)|친선\s?결연|우호\s?교류\s?관계)"
    )

    def _relationships(self, text, ks, fs, dates):
        for m in self._REL.finditer(text):
            rtype = "sister_city" if "자매" in m.group(1) else "friendship_city"
            k = _nearest(ks, m.start())
            f = _nearest(fs, m.start())
            korean = k[2] if k else self.main_korean
            foreign = f[2] if f else (self.main_foreign if ks or fs else None)
            if korean is None or foreign is None:
                continue
            if re.search(
                r"(?:맺는다|체결한다|맺을|체결할|추진|예정|계획|하기로)", text[m.end() : m.end() + 30]
            ):
                continue  # a planned agreement creates no relationship yet
            years = [
                d.value.year for d in dates if d.value and d.precision in ("year", "month", "day") and d.past
            ]
            self._add_relationship(korean, foreign, rtype, years[0] if years else None, text.strip())

    def _add_relationship(self, korean, foreign, rtype, year, evidence):
        key = (korean.name, foreign.name, rtype)
        old = self.relationships.get(key)
        if old is None:
            self.relationships[key] = Relationship(korean, foreign, rtype, year, evidence)
        elif old.established_year is None and year:
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
