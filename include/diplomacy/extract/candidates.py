"""Stage 3 of extraction: (trigger, Korean side, foreign side, date) candidates of a clause.

Each step reads one thing off the clause and the article's context (`Context`): which triggers
are live acts (not requests, pledges or a country as a tour's frame), whether the clause is
about local governments at all, its date, its foreign side (partners, a third-place venue),
its Korean side, its status, and the direction of a visit. A candidate keeps its evidence and
the features the decision step (`decide`) weighs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise

from diplomacy.extract import lexicon, rules
from diplomacy.extract.clauses import Clause, Mention, Trigger
from diplomacy.extract.dates import DateMention
from diplomacy.extract.events import Event
from diplomacy.extract.roles import COMITATIVE, GENITIVE, LOCATIVE, OBJECT, OTHER, PRIOR, SUBJECT
from diplomacy.gazetteer.foreign import ForeignGov
from diplomacy.gazetteer.korean import KoreanGov

__all__ = ["RECENT", "Candidate", "Context", "candidates", "in_region"]

RECENT = timedelta(days=45)
SEASON = timedelta(days=120)  # a signing dated to the day this close told where it took place
HISTORY = timedelta(days=400)
_ACTING = (COMITATIVE, OBJECT, SUBJECT)


@dataclass
class Context:
    """What the article has established before the current sentence."""

    published: date
    undated: bool = False  # `published` is an anchor assumed for a page that gives no date
    main_korean: KoreanGov | None = None
    main_foreign: ForeignGov | None = None
    cur_foreign: ForeignGov | None = None
    cur_date: tuple[date, str] | None = None
    last_dated: tuple[date, str] | None = None  # the date of the latest sentence that gave one
    prev_dated: tuple[date, str] | None = None  # the date the sentence just before gave, if any
    trip_start: bool = False  # cur_date is the first day of a stated span ("3일부터 … 일정으로")
    venue: ForeignGov | None = None
    noun_dates: dict[str, tuple[date, str]] = field(default_factory=dict)
    destinations: set[str] = field(default_factory=set)  # places a trip was told to go to (their names)
    # the date the next sentences give, for a lead that tells an act before its day (read lazily)
    ahead: Callable[[], tuple[date, str] | None] | None = None


@dataclass
class Candidate:
    event: Event
    features: dict[str, bool]
    may_create: bool = True
    partner_named: bool = False


def in_region(place: ForeignGov | None, of: ForeignGov | None) -> bool:
    """`place` is `of` or lies inside it (a city of a province, a district of a city)."""
    if place is None or of is None:
        return False
    return place.name == of.name or place.region == of.name


# ------------------------------------------------------------------------------------ triggers
def _goes_on(text: str, t: Trigger) -> bool:
    """ "방문해 교류를 제안했다", "만나 내년 방문을 요청했다": the act happened, the request is the next verb's."""
    return rules.rx("next_verb_after_trigger").search(text[max(0, t.end - 2) : t.end + 5]) is not None


def live_triggers(c: Clause) -> list[Trigger]:
    """Triggers that report an act: not a request or pledge, not a country framing a tour."""
    text = c.text
    out = [
        t
        for t in c.triggers
        if _goes_on(text, t) or not rules.rx("non_event_after_trigger").match(text[t.end : t.end + 24])
    ]
    off = rules.rx("called_off")  # "방문이 계획되어 있었으나 … 취소하고": no act
    out = [t for t in out if not off.match(text[t.end : t.end + 90])]
    habit = rules.rx("frequency")  # "2년마다 상호 방문해": a habit, not a dated act
    out = [t for t in out if not habit.search(text[max(c.start, t.start - 20) : t.start])]
    tours = [(m.start(), m.end()) for m in rules.rx("country_visit").finditer(c.text, c.start, c.end)]
    if tours:  # the visit of a country frames a tour; a visit of a place after it is a stop
        out = [t for t in out if t.event_type != "visit" or not any(a <= t.start < b for a, b in tours)]
    quotes = [(q.start(), q.end()) for q in rules.rx("quote").finditer(text)]
    pledge = rules.rx("pledge")
    this = rules.rx("this_occasion")

    def quoted(t: Trigger) -> bool:
        return any(
            a <= t.start < b and (pledge.search(text[a:b]) or this.search(text[a : t.start]))
            for a, b in quotes
        )

    def anaphor(t: Trigger) -> bool:  # "이번 방문은 …", "이날 회담에서는": the act already told, as a topic
        before = text[max(0, t.start - 4) : t.start]
        if t.event_type in ("meeting", "virtual_meeting") and rules.rx("meeting_as_topic").search(before):
            return rules.rx("visit_as_topic").match(text[t.end : t.end + 3]) is not None or text.startswith(
                "에서", t.end
            )
        return (
            t.event_type == "visit"
            and this.search(before) is not None
            and rules.rx("visit_as_topic").match(text[t.end : t.end + 3]) is not None
        )

    def with_body(t: Trigger) -> bool:  # "…센터와 협약을 맺고", "외자유치 협약서": a body's agreement
        return t.event_type == "agreement" and (
            rules.rx("signed_with_body").search(text[max(0, t.start - 30) : t.start]) is not None
            or rules.rx("business_document").search(text[max(0, t.start - 10) : t.end]) is not None
        )

    return [t for t in out if not quoted(t) and not anaphor(t) and not with_body(t)]


def not_local(c: Clause) -> bool:
    """The clause is national diplomacy or concerns a body that is not a government."""
    body = c.body
    if rules.rx("national_actor").search(body):
        return True
    if rules.rx("national").search(body):
        local_partner = any(f.role in _ACTING for f in c.foreign)
        foreign_official = any(o.side == "foreign" for o in c.officials)
        if not foreign_official and not local_partner:
            return True
        korean_acting = any(k.role != LOCATIVE for k in c.korean) or any(
            o.side == "korean" for o in c.officials
        )
        if not korean_acting:
            return True  # a guest of the nation: no Korean government acts, a Korean city is a place
    if rules.rx("non_government_target").search(body) or rules.rx("body_parties").search(body):
        return True
    named_partner = any(f.role in _ACTING for f in c.foreign)
    return not named_partner and rules.rx("institution_tour").search(body) is not None


# ---------------------------------------------------------------------------------------- date
def when(ctx: Context, c: Clause) -> tuple[tuple[date, str] | None, DateMention | None, str]:
    """The event date and where it came from: clause, sentence, anaphor, continuation."""
    first = min((t.start for t in c.triggers), default=c.end)
    ref_first = any(d.precision == "ref" and d.end <= first for d in c.dates)
    for pool, source in ((c.dates, "clause"), (c.sentence_dates, "sentence")):
        concrete = [d for d in pool if d.value is not None and d.usable]
        if ref_first:  # "이날 체결은 2016년 9월 제안한 뒤 …": the later date is another verb's
            concrete = [d for d in concrete if d.end <= first]
        if concrete:
            d = concrete[0]
            return (d.value, d.precision), d, source
    if ctx.last_dated and rules.rx("history_anaphor").match(c.body):
        return ctx.last_dated, None, "anaphor"  # "당시": the day of the sentence before, not the trip's
    if any(d.precision == "ref" for d in c.dates + c.sentence_dates):
        for noun, w in ctx.noun_dates.items():
            if noun in c.body:
                return w, None, "anaphor"
        if ctx.cur_date:
            return ctx.cur_date, None, "anaphor"
    ahead = ctx.prev_dated is not None and ctx.prev_dated[1] == "day" and ctx.prev_dated[0] > ctx.published
    if ahead and c.tense().future and not c.tense().past:
        return ctx.prev_dated, None, "previous"  # "26∼28일 서울에서 …의 날이 열린다. 대표단이 방문한다."
    recent = ctx.cur_date and abs(ctx.cur_date[0] - ctx.published) <= RECENT
    if recent and not rules.rx("habitual").search(c.body):
        said = c.text[: c.end]  # the anaphor may stand in an earlier clause of the sentence
        if ctx.last_dated and ctx.last_dated[1] == "day" and rules.rx("occasion_anaphor").search(said):
            return ctx.last_dated, None, "occasion"  # "이 자리에서": the occasion the sentence before dated
        if rules.rx("anaphor").search(said):
            return ctx.cur_date, None, "anaphor"
        return ctx.cur_date, None, "continuation"
    one_partner = len({f.gov.name for f in c.foreign}) <= 1  # a tour's stops each have their own day
    if (
        ctx.cur_date is None
        and ctx.ahead is not None
        and one_partner
        and c.tense().past
        and not c.tense().future
    ):
        got = ctx.ahead()  # "X시가 Y시와 협약을 체결했다. 지난달 30일 …": the lead's act, dated next
        if got is not None:
            return got, None, "ahead"
    return None, None, ""


def trip_day(ctx: Context, c: Clause, dmention: DateMention | None, source: str) -> bool:
    """The date is a trip's first day, not the act's own: a span's start in the clause, or the
    current trip's start taken from context when the clause gives no day of its own ("이날")."""
    if rules.rx("first_day").search(c.body):
        return False  # "28일부터 … 첫날 서명했다": the trip's first day is the act's own day
    if dmention is not None:
        return dmention.role == "range_start"
    own_day = any(d.precision == "ref" for d in c.dates + c.sentence_dates)
    return source in ("anaphor", "continuation") and ctx.trip_start and not own_day


# -------------------------------------------------------------------------------- foreign side
def drop_contained_provinces(cf: list[Mention]) -> list[Mention]:
    """A province beside one of its own cities is context unless it is acted on."""
    names = {f.gov.region for f in cf if f.gov.level != "province"}
    return [f for f in cf if not (f.gov.name in names and f.role not in _ACTING)]


_LIST_GAP = re.compile(r"\s?[,·ㆍ]\s?(?:[가-힣]{2,8}\s)?")  # "독일 A, 프랑스 B, 루마니아 C를"


def _partners_named(ctx: Context, c: Clause) -> tuple[list[Mention], list[Mention]]:
    cf = drop_contained_provinces(c.foreign)
    locations = [f for f in cf if f.role == LOCATIVE]
    institution = rules.rx("institution_after_genitive")
    cf = [
        f
        for f in cf
        if f.role != PRIOR
        and (f.gov != ctx.venue or f.role in (COMITATIVE, SUBJECT))
        and not (f.role == GENITIVE and institution.match(c.text[f.end : f.end + 30]))
        and not _located_in(c, f)
        and not _national_seat(c, f)
    ]
    partners = [f for f in cf if f.role in _ACTING] or [f for f in cf if f.role != LOCATIVE]
    touring = any(t.event_type == "visit" for t in c.triggers) and rules.rx("sequence").search(c.body)
    if partners and touring:  # "A, B, C를 차례로 방문": the date belongs to the first stop of the list
        listed = [f for f in cf if f.role == OTHER and f.end <= partners[0].start]
        in_list = bool(listed) and _LIST_GAP.fullmatch(c.text[listed[-1].end : partners[0].start]) is not None
        partners = [listed[0] if in_list else partners[0]]
    return partners, locations


def _partner_from_location(ctx: Context, locations: list[Mention]) -> tuple[list[Mention], ForeignGov | None]:
    location = locations[0].gov
    main = ctx.main_foreign
    if main is not None and in_region(location, main) and location != main:
        return [Mention(-1, -1, main, OBJECT)], None
    # an event the article's own partner hosts, or a stop the trip was told to make: a visit to it
    if location != ctx.venue or location == main or location.name in ctx.destinations:
        return [locations[0]], None
    return [], location


def _partner_from_context(ctx: Context, c: Clause, precision: str) -> list[Mention]:
    fallback = ctx.cur_foreign if ctx.cur_foreign not in (None, ctx.venue) else ctx.main_foreign
    if fallback is None or any(k.gov != ctx.main_korean for k in c.korean):
        return []  # another Korean government and no foreign one: a domestic meeting
    if precision == "year" and not rules.rx("pair_anaphor").search(c.body):
        return []  # history needs its partner named
    if rules.rx("foreign_cities_generic").search(c.body):
        return []
    main = ctx.main_foreign
    capital = main is not None and main.level == "province" and in_region(fallback, main) and fallback != main
    if capital and rules.rx("province_head_met").search(c.body):
        fallback = main  # "X 성장이 … 일행을 접견": the province met, in its capital
    return [Mention(-1, -1, fallback, OTHER)]


def paired(c: Clause) -> ForeignGov | None:
    """The foreign government the clause pairs with a Korean one ("세종시와 구이저우성의 인연",
    "위해시와 수성구는"): the partner of the clause, whatever else it names as the scene."""
    joint = rules.rx("pair_joint")
    for f in c.foreign:
        for k in c.korean:
            gap = c.text[k.end : f.start] if k.end <= f.start else c.text[f.end : k.start]
            if joint.fullmatch(gap):
                return f.gov
    return None


def _is_venue_of(anchor: ForeignGov | None, c: Clause, p: Mention) -> bool:
    """A place of the partner's territory, or the province around the partner, reached or named as
    the scene rather than met: the partner is meant (성도 구이양을 방문해, 산동을 찾았다)."""
    if anchor is None or p.gov == anchor or p.role in (COMITATIVE, SUBJECT):
        return False
    if in_region(p.gov, anchor):
        return True
    foreign_official = any(o.side == "foreign" for o in c.officials)
    return p.gov.level == "province" and in_region(anchor, p.gov) and not foreign_official


def _partner_for_venues(ctx: Context, c: Clause, partners: list[Mention]) -> list[Mention]:
    anchor = paired(c) or ctx.main_foreign
    out: list[Mention] = []
    for p in partners:
        if _is_venue_of(anchor, c, p):
            p = Mention(p.start, p.end, anchor, p.role)
        if all(q.gov != p.gov for q in out):
            out.append(p)
    return out


def _same_region(place: ForeignGov, partner: ForeignGov) -> bool:
    """A city of the partner city's own province (지난 for 웨이하이, both in 산둥성)."""
    return bool(partner.region) and partner.level != "province" and place.region == partner.region


def _territory(place: ForeignGov, partner: ForeignGov) -> bool:
    """Being at `place` is being in the partner's territory (the contract's visit)."""
    return in_region(place, partner) or in_region(partner, place) or _same_region(place, partner)


def foreign_side(ctx: Context, c: Clause, event_date: date, precision: str):
    """(partners, location) of the clause; partners empty when it names no usable partner."""
    partners, locations = _partners_named(ctx, c)
    partners = _partner_for_venues(ctx, c, partners)
    location = locations[0].gov if locations else None
    if not partners and location is not None:
        partners, location = _partner_from_location(ctx, locations)
    if not partners:
        moving_on = any(f.role == PRIOR for f in c.foreign) or rules.rx("country_destination").search(c.body)
        if moving_on:
            return [], None  # the delegation has left the last stop
        partners = _partner_from_context(ctx, c, precision)
    if location is not None and any(_territory(location, p.gov) for p in partners):
        location = None  # meeting the partner in its own territory is a visit
    venue = ctx.venue
    elsewhere = venue is not None and partners and not any(_territory(venue, p.gov) for p in partners)
    at_conference = (
        rules.rx("third_place_signing").search(c.body) and abs(event_date - ctx.published) <= RECENT
    )
    if location is None and elsewhere and at_conference:
        location = venue
    return partners, location


def _qualifiers(c: Clause) -> set[int]:
    """Korean mentions that only locate the next one ("춘천의 강원도청", "부산의 사하구")."""
    ks = c.korean
    return {
        i
        for i, (k, nxt) in enumerate(pairwise(ks))
        if k.role == GENITIVE and rules.rx("genitive_gap").fullmatch(c.text[k.end : nxt.start])
    }


def _national_seat(c: Clause, m: Mention) -> bool:
    return national_seat(c.text, m.start, m.end)


def national_seat(text: str, start: int, end: int) -> bool:
    """The city in brackets after a national body ("총통부(타이베이)를 방문"): its seat, no partner."""
    if start < 1 or text[start - 1] not in "(（" or text[end : end + 1] not in ")）":
        return False
    return rules.rx("national").search(text[max(0, start - 7) : start - 1]) is not None


def _located_in(c: Clause, m: Mention) -> bool:
    return m.start >= 0 and located_in(c.text, m.end)


def located_in(text: str, end: int) -> bool:
    """The government ending at `end` is where something named next stands ("미시간주 소재
    OO고등학교와", "산둥성에 위치한 도시로"): a place, not a party or a stop."""
    return rules.rx("located_in").match(text, end) is not None


def _in_title(c: Clause, m: Mention) -> bool:
    """The mention stands inside a quoted title ("'2025 청주 국제공예비엔날레'를 소개"): an event's
    name, opened by a quote mark before it and closed after the words that follow it; a title that
    names the foreign side too is the pair's own occasion, and its Korean name is the side."""
    opened = re.search(r"[\'‘\"“<《「][^\'‘’\"“”<>《》「」]{0,12}$", c.text[max(0, m.start - 13) : m.start])
    closed = rules.rx("name_in_title").match(c.text, m.end) if m.start >= 0 and opened else None
    if closed is None:
        return False
    start, end = m.start - len(opened.group()) + 1, closed.end()
    return not any(start <= f.start < end for f in c.foreign)  # "'A시-B시 교류간담회'": the pair's own


def korean_side(ctx: Context, c: Clause) -> list[Mention]:
    skip = _qualifiers(c)
    named = [
        k for i, k in enumerate(c.korean) if i not in skip and not _located_in(c, k) and not _in_title(c, k)
    ]
    side = [k for k in named if k.role != LOCATIVE] or named
    # "…도청과의 회의를 마친 후 Y군을 방문": the one visited hosts
    hosts = [k for k in side if k.role == OBJECT] if any(t.event_type == "visit" for t in c.triggers) else []
    side = hosts or side
    if not side and rules.rx("korea_destination").search(c.body):
        return []  # a visit to the country: no Korean government is the host
    if not side and ctx.main_korean is not None:
        side = [Mention(-1, -1, ctx.main_korean, OTHER)]
    return side


_TRIP = ("visit", "meeting")


def travelling_with(ctx: Context, c: Clause, ks: list[Mention]) -> Mention | None:
    """The article's own government when its delegation ("방문단은") travels with its province
    named in the clause: each gets its own trip events (the province's documents stay its own)."""
    main = ctx.main_korean
    if main is None or main.level == "province" or not rules.rx("delegation_subject").match(c.body):
        return None
    if any(k.gov == main for k in ks) or not any(k.gov.name == main.province for k in ks):
        return None
    return Mention(-1, -1, main, OTHER)


# -------------------------------------------------------------------------- status, direction
def at_korean_venue(c: Clause) -> bool:
    """The act takes place in Korea: a Korean side as its place, or a government hall that is not
    the foreign side's own ("황다오구청에서" is the partner's hall)."""
    if any(k.role == LOCATIVE for k in c.korean):
        return True
    for m in rules.rx("korean_venue").finditer(c.text, c.start, c.end):
        if not any(f.start <= m.start() <= f.end + 1 for f in c.foreign):
            return True
    return False


def status_of(ctx: Context, c: Clause, event_date: date, precision: str) -> str:
    tense = c.tense()
    pub = ctx.published
    if ctx.undated:  # no publication date to compare with: the tense alone tells
        return "planned" if tense.future and not tense.past else "occurred"
    if event_date > pub:
        return "planned"
    same_month = precision == "month" and event_date.replace(day=1) == pub.replace(day=1)
    if event_date == pub or same_month:
        return "planned" if tense.future and not tense.past else "occurred"
    return "occurred"


def direction_of(c: Clause, partner: Mention, at_korea: bool) -> str:
    """outbound when the Korean side travels, inbound when the foreign side comes."""
    body = c.body
    if at_korea:
        return "inbound"
    if partner.start >= 0:
        if partner.role in (OBJECT, LOCATIVE):  # travelling to it, or being at it abroad
            return "outbound"
        if partner.role == GENITIVE and rules.rx("invited_by").match(c.text, partner.end):
            return "outbound"  # invited by the partner: the Korean side travels
        if partner.role == SUBJECT and rules.rx("inbound_subject_verb").search(c.text, partner.end, c.end):
            return "inbound"  # the partner's own verb of coming, not one told before it
    if any(k.role == OBJECT for k in c.korean):
        return "inbound"
    if _visitor_after_relative(c) == "foreign":
        return "inbound"  # "구청을 방문한 X 시장과 서명했다": the one who visited is the foreign X
    subj = rules.rx("foreign_subject").search(body)
    if subj and any(o.side == "foreign" and o.name.split()[0] in subj.group(0) for o in c.officials):
        return "inbound"
    if rules.rx("delegation_subject").match(body):
        return "outbound"  # the article's own delegation as subject: a welcome it got abroad is no cue
    return "inbound" if rules.rx("inbound_cue").search(body) else "outbound"


def _visitor_after_relative(c: Clause) -> str | None:
    """The side of the visitor a relative clause of visiting names right after it: an official of
    that side, or a mention of its government, starting at the head noun."""
    for m in rules.rx("relative_visit").finditer(c.text, c.start, c.end):
        head = c.text[m.end() : m.end() + 24]
        named = [o.side for o in c.officials if head.startswith(o.name)]
        named += ["foreign" for f in c.foreign if f.start == m.end()]
        named += ["korean" for k in c.korean if k.start == m.end()]
        if named:
            return named[0]
    return None


def event_types(c: Clause, live: list[Trigger]) -> set[str]:
    """The clause's event types; a trip made by a youth, school, arts or sports group (not by
    officials of the two governments) is an exchange program, not a visit."""
    types = {t.event_type for t in live}
    if types & {"visit", "meeting"} and rules.rx("exchange_group_subject").search(c.body):
        types = (types - {"visit", "meeting"}) | {"exchange"}
    return types


def agreement_type(c: Clause) -> str:
    """The document kind named next to the signing verb, not anywhere in the clause; a friendship
    pact a legislature signs is a cooperation agreement (mou)."""
    for t in c.triggers:
        if t.event_type == "agreement":
            window = rules.rx("relation_anniversary").sub("", c.text[max(0, t.start - 30) : t.end])
            atype = lexicon.agreement_type(window)
            if atype == "friendship_city" and rules.rx("legislature_party").search(window):
                return "mou"
            if atype != "other":
                return atype
    return "other"


# ------------------------------------------------------------------------------- composition
@dataclass
class _Frame:
    """What one clause has decided, shared by the events it yields for each partner."""

    clause: Clause
    types: set[str]
    korean: list[Mention]
    event_date: date
    precision: str
    status: str
    location: ForeignGov | None
    at_korea: bool
    recent: bool
    range_start: bool
    source: str
    abroad: ForeignGov | None
    published_on: date
    venue: ForeignGov | None = None  # the conference place the article named ("X시에서 개최되는 포럼")


def _later_stop(f: _Frame) -> _Frame:
    """A tour's span ("21일부터 25일까지 A시와 B시를 방문") dates its first stop; a later stop
    whose day is not given takes the trip's month."""
    if f.precision != "day":
        return f
    return replace(f, event_date=f.event_date.replace(day=1), precision="month")


def _base_features(f: _Frame, p: Mention, k: Mention) -> dict[str, bool]:
    c = f.clause
    return {
        "partner_named": p.start >= 0,
        "partner_comitative": p.role == COMITATIVE,
        "partner_object": p.role == OBJECT,
        "partner_subject": p.role == SUBJECT,
        "partner_other_role": p.start >= 0 and p.role not in _ACTING,
        "partner_from_context": p.start < 0,
        "partner_unlinked": getattr(p.gov, "geonames_id", None) is None,
        "korean_named": k.start >= 0,
        "korean_from_context": k.start < 0,
        "date_in_clause": f.source == "clause",
        "date_in_sentence": f.source == "sentence",
        "date_by_anaphor": f.source in ("anaphor", "occasion"),
        "date_by_continuation": f.source == "continuation",
        "recent": f.recent,
        "history": f.precision == "year" or not f.recent,
        "precision_day": f.precision == "day",
        "planned": f.status == "planned",
        "foreign_official_present": any(o.side == "foreign" for o in c.officials),
        "korean_official_present": any(o.side == "korean" for o in c.officials),
        "two_parties_in_clause": p.start >= 0 and k.start >= 0,
    }


def _event(kind: str, k: Mention, p: Mention, f: _Frame, **extra) -> Event:
    d, prec = f.event_date, f.precision
    if kind == "agreement" and f.range_start and prec == "day":
        d, prec = d.replace(day=1), "month"  # signed on an unstated day of a dated trip
    return Event(kind, k.gov, p.gov, d, prec, f.status, **extra)


def _agreement_events(f: _Frame, k: Mention, p: Mention, direction: str) -> list[tuple[Event, bool]]:
    out = [(_event("agreement", k, p, f, agreement_type=agreement_type(f.clause)), False)]
    dated_stay = f.precision == "day" and abs(f.event_date - f.published_on) <= SEASON
    if not (f.recent or dated_stay) or "virtual_meeting" in f.types:
        return out  # signed by video: the virtual meeting is the encounter, nobody travelled
    if f.location is not None:
        out.append((_event("meeting", k, p, f, location=f.location), True))
    elif (f.at_korea or direction == "inbound") and "visit" not in f.types:
        out.append((_event("visit", k, p, f, direction="inbound"), True))
    elif (
        p.role in (OBJECT, LOCATIVE)
        or _at_partners_place(f.clause, p)
        or (f.venue is not None and f.location is None and not f.at_korea and in_region(f.venue, p.gov))
        or (p.start < 0 and "visit" not in f.types and direction == "outbound" and in_region(f.abroad, p.gov))
        or _next_stop(f, p, direction)
    ):
        # a stop from context on a trip's first day is no more dated than its signing: the month
        fv = _later_stop(f) if p.start < 0 and f.range_start else f
        out.append((_event("visit", k, p, fv, direction="outbound"), True))
    return out


def _next_stop(f: _Frame, p: Mention, direction: str) -> bool:
    """On a trip abroad, meeting another partner of the same country to sign with it ("이어 5일에는
    하얼빈시 시장을 만나 비망록에 서명") is the trip's next stop."""
    return (
        p.start >= 0
        and direction == "outbound"
        and "meeting" in f.types
        and f.abroad is not None
        and f.abroad.country == p.gov.country
        and f.abroad.name != p.gov.name
    )


def _at_partners_place(c: Clause, p: Mention) -> bool:
    """The clause places the act at the partner itself ("황다오구청에서 황다오구와 … 맺었다"): the
    partner named again as the place, so the Korean side travelled there."""
    return p.start >= 0 and any(
        m.role == LOCATIVE and m.gov.name == p.gov.name for m in c.foreign if m is not p
    )


def _events_for(f: _Frame, k: Mention, p: Mention) -> list[tuple[Event, bool]]:
    """(event, derived) pairs one partner of the clause yields, by the clause's trigger types."""
    direction = direction_of(f.clause, p, f.at_korea)
    types = f.types
    out: list[tuple[Event, bool]] = []
    if "agreement" in types:
        out += _agreement_events(f, k, p, direction)
    third_place = f.location is not None and not in_region(f.location, p.gov)
    if "visit" in types or ("meeting" in types and "agreement" not in types):
        derived = "visit" not in types
        if f.location is not None and (third_place or "visit" not in types):
            out.append((_event("meeting", k, p, f, location=f.location), False))
        else:
            out.append((_event("visit", k, p, f, direction=direction), derived))
    if "virtual_meeting" in types:
        out.append((_event("virtual_meeting", k, p, f), False))
    if "exchange" in types and not ({"visit", "agreement", "meeting", "virtual_meeting"} & types):
        out.append((_event("exchange", k, p, f), False))
    return out


_COORDINATED = re.compile(r"\s?(?:과|와|·|,|및)\s?")


def date_groups(c: Clause, live: list[Trigger]) -> list[tuple[list[Trigger], list[DateMention]]]:
    """Triggers grouped by the date they take when the clause holds several ("21일 도착해, 22일
    서명했다"; "24일 2011년 협정을 맺은 시로"): a date belongs to the first trigger after it, and a
    trigger takes the last date it owns; a trigger that owns none takes the date of the trigger
    before it, else the clause's first date."""
    usable = [d for d in c.dates if d.value is not None and d.usable]
    if len(usable) < 2:
        return [(live, c.dates)]
    owned: dict[Trigger, DateMention] = {}
    for d in usable:
        owner = next((t for t in live if t.start >= d.end), None)
        prev = owned.get(owner) if owner is not None else None
        if prev is not None and _COORDINATED.fullmatch(c.text[prev.end : d.start]):
            continue  # "20일과 21일 방문했다": the span's first day
        if owner is not None:
            owned[owner] = d  # later dates overwrite: the last one before the trigger wins
    groups: dict[int, list[Trigger]] = {}
    last: DateMention | None = None  # "6일 청사를 방문해 … 체결했다": the act goes on that day
    for t in live:
        same = next((o for o in owned if o.start <= t.start < o.end), None)  # one act, two spellings
        d = owned.get(t) or (owned[same] if same else last or usable[0])
        last = d if d.precision == "day" else None  # a history year is no day the next act goes on
        groups.setdefault(usable.index(d), []).append(t)
    if list(groups) == [0]:
        return [(live, c.dates)]
    others = [d for d in c.dates if d not in usable]
    return [(ts, [usable[i], *others]) for i, ts in sorted(groups.items())]


def date_partner_pairs(c: Clause) -> list[tuple[DateMention, Mention]] | None:
    """Days each told right before a partner of their own ("10일 장사시 당서기와, 12일 후난성 부성장
    등을 만나"; "1993년 상하이시와 A협정을, 2013년 베이징시와 B협정을 체결"): each day goes with its
    partner; None when the clause is not so."""
    usable = [d for d in c.dates if d.value is not None and d.usable]
    if len(usable) < 2 or len(usable) != len([d for d in c.dates if d.value is not None]):
        return None
    if len({d.precision == "day" for d in usable}) > 1:
        return None  # a day and a history year: date_groups sorts them by their verbs
    pairs = []
    for d in usable:
        f = next((f for f in c.foreign if 0 <= f.start - d.end <= 6), None)
        if f is None:
            return None
        pairs.append((d, f))
    return pairs if len({f.gov.name for _, f in pairs}) > 1 else None


def candidates(ctx: Context, c: Clause) -> list[Candidate]:
    """The candidates of one clause (none when it is no local act or lacks a side or a date)."""
    live = live_triggers(c)
    if not live or not_local(c):
        return []
    pairs = date_partner_pairs(c)
    if pairs:
        out = []
        for d, f in pairs:  # each day with its partner, and with the verb after it (or the one verb)
            ts = live if len(live) == 1 else [next((t for t in live if t.start >= f.end), live[-1])]
            out += _candidates(ctx, replace(c, triggers=ts, dates=[d], foreign=[f]))
        return out
    groups = date_groups(c, live)
    if groups[0][1] is not c.dates:
        return [cand for ts, ds in groups for cand in _candidates(ctx, replace(c, triggers=ts, dates=ds))]
    c.triggers = live
    return _candidates(ctx, c)


def _candidates(ctx: Context, c: Clause) -> list[Candidate]:
    live = c.triggers
    (w, dmention, source) = when(ctx, c)
    if w is None:
        return []
    event_date, precision = w
    partners, location = foreign_side(ctx, c, event_date, precision)
    ks = korean_side(ctx, c)
    if not partners or not ks:
        return []
    f = _Frame(
        clause=c,
        types=event_types(c, live),
        korean=ks,
        event_date=event_date,
        precision=precision,
        status=status_of(ctx, c, event_date, precision),
        location=location,
        at_korea=at_korean_venue(c),
        recent=abs(event_date - ctx.published) <= RECENT and precision == "day",
        range_start=trip_day(ctx, c, dmention, source),
        source=source,
        abroad=ctx.cur_foreign,
        published_on=ctx.published,
        venue=ctx.venue,
    )
    companion = travelling_with(ctx, c, ks)
    terms = rules.rx("agreement_terms").search(c.body) is not None  # what the agreement provides for
    out = []
    departing = len({m.gov.name for m in c.foreign}) > 1 and rules.rx("departure").search(c.body) is not None
    for i, p in enumerate(partners):
        k = min(ks, key=lambda m: abs(m.start - p.start)) if p.start >= 0 and len(ks) > 1 else ks[0]
        fp = _later_stop(f) if (i > 0 or departing) and f.range_start and "visit" in f.types else f
        pairs = [(k, ev) for ev in _events_for(fp, k, p)]
        if companion is not None:
            pairs += [(companion, ev) for ev in _events_for(fp, companion, p) if ev[0].event_type in _TRIP]
        for k, (event, derived) in pairs:
            feats = _base_features(f, p, k)
            feats["derived"] = derived
            feats[f"type_{event.event_type}"] = True
            create = source != "continuation" and not c.fragment() and not terms
            out.append(Candidate(event, feats, may_create=create, partner_named=p.start >= 0))
    return out
