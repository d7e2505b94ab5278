"""Stage 5 of extraction: the article-level conventions of the data contract.

- the same event told twice is one event (`absorb`);
- a multi-day stay is one visit, dated by its first day;
- an untyped or month-dated signing beside a precise one of the same pair is that signing;
- a month-dated tour stop beside the day given for it is that stop;
- at a third place, the other days of a pair that signed there are that signing's meeting;
- the head and members of a delegation take part in every stop of its trip;
- a visit and the agreement signed during it carry the same fields and people;
- a signing told with officials of both sides, and no travel or place, is also their meeting.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from diplomacy.extract.candidates import RECENT
from diplomacy.extract.events import Event, add_people
from diplomacy.extract.officials import Official

__all__ = ["absorb", "article_level"]

_TRIP_DAYS = 6


def absorb(old: Event, new: Event, confidence: float) -> Event:
    """`new` is `old` told again: keep the most certain reading."""
    old.confidence = max(old.confidence, confidence)
    if old.event_type == "agreement" and old.agreement_type == "other" and new.agreement_type != "other":
        old.agreement_type = new.agreement_type
    if old.status == "planned" and new.status == "occurred":
        old.status = "occurred"
    return old


def _join(into: Event, other: Event) -> None:
    into.fields += [f for f in other.fields if f not in into.fields]
    add_people(into.korean_officials, other.korean_officials)
    add_people(into.foreign_officials, other.foreign_officials)


def _same_stay(a: Event, b: Event) -> bool:
    """b (no earlier than a) is a day of a's stay; a stay already begun goes on with its planned
    days ("1일 출국했다 … 3일 체결할 예정"): one visit."""
    same = (a.korean.name, a.foreign.name, a.direction) == (b.korean.name, b.foreign.name, b.direction)
    status = a.status == b.status or (a.status, b.status) == ("occurred", "planned")
    return same and status and 0 <= (b.event_date - a.event_date).days <= _TRIP_DAYS


def merge_trip_visits(events: list[Event]) -> list[Event]:
    """A multi-day stay is one visit, dated by its first day."""
    visits = sorted(
        (e for e in events if e.event_type == "visit" and e.precision == "day"), key=lambda e: e.event_date
    )
    drop: set[int] = set()
    for i, a in enumerate(visits):
        if id(a) in drop:
            continue
        for b in visits[i + 1 :]:
            if id(b) not in drop and _same_stay(a, b):
                _join(a, b)
                drop.add(id(b))
    return [e for e in events if id(e) not in drop]


def drop_vague_agreements(events: list[Event]) -> list[Event]:
    """An untyped or month-dated signing next to a precise one of the same pair is the same signing."""
    precise = [
        e
        for e in events
        if e.event_type == "agreement" and e.precision == "day" and e.agreement_type != "other"
    ]

    def shadowed(e: Event) -> bool:
        return any(
            (p.korean.name, p.foreign.name) == (e.korean.name, e.foreign.name)
            and abs((p.event_date - e.event_date).days) <= 31
            for p in precise
        )

    return [e for e in events if not (e.event_type == "agreement" and e not in precise and shadowed(e))]


def drop_vague_visits(events: list[Event]) -> list[Event]:
    """A month-dated stop of a tour beside the day the article gives for it is that stop; a year-dated
    visit ("지난해 다롄에서 받은 환대") beside a dated visit of the same pair that year is that visit."""
    days = {
        (e.korean.name, e.foreign.name, e.event_date.replace(day=1))
        for e in events
        if e.event_type == "visit" and e.precision == "day"
    }
    years = {
        (e.korean.name, e.foreign.name, e.event_date.year)
        for e in events
        if e.event_type == "visit" and e.precision in ("day", "month")
    }

    def shadowed(e: Event) -> bool:
        if e.event_type != "visit":
            return False
        pair = (e.korean.name, e.foreign.name)
        if e.precision == "year":
            return (*pair, e.event_date.year) in years
        return e.precision == "month" and (*pair, e.event_date) in days

    return [e for e in events if not shadowed(e)]


def _fold(events: list[Event], into) -> list[Event]:
    """Each event `into` maps to another is joined to it (people, fields) and leaves the list."""
    drop: set[int] = set()
    for e in events:
        target = into(e)
        if target is not None:
            _join(target, e)
            drop.add(id(e))
    return [e for e in events if id(e) not in drop]


def drop_venue_days(events: list[Event]) -> list[Event]:
    """At a third place, a meeting of a pair a few days from the one where it signed is that
    meeting (the arrival at the venue, the days of the conference): one meeting, the signing's day."""
    signed = {(e.korean.name, e.foreign.name, e.event_date) for e in events if e.event_type == "agreement"}
    anchors = [
        e
        for e in events
        if e.event_type == "meeting"
        and e.location is not None
        and (e.korean.name, e.foreign.name, e.event_date) in signed
    ]

    def shadow(e: Event) -> Event | None:
        if e.event_type != "meeting" or e.location is None or e in anchors:
            return None
        return next(
            (
                a
                for a in anchors
                if (a.korean.name, a.foreign.name, a.location.name)
                == (e.korean.name, e.foreign.name, e.location.name)
                and abs((a.event_date - e.event_date).days) <= _TRIP_DAYS
            ),
            None,
        )

    return _fold(events, shadow)


def drop_seat_visits(events: list[Event]) -> list[Event]:
    """A visit to a city on the day its province is visited, with nobody of the city met and
    nothing signed with it, is where the province received the delegation ("X성 Y시를 방문해
    … 성 관계자를 만나"): one visit, the province's."""
    own = {(e.korean.name, e.foreign.name) for e in events if e.event_type == "agreement"}

    def seat_of(e: Event) -> Event | None:
        if e.event_type != "visit" or e.foreign_officials or (e.korean.name, e.foreign.name) in own:
            return None
        return next(
            (
                p
                for p in events
                if p.event_type == "visit"
                and p.foreign.level == "province"
                and e.foreign.region == p.foreign.name != e.foreign.name
                and (p.korean.name, p.event_date, p.direction, p.status)
                == (e.korean.name, e.event_date, e.direction, e.status)
            ),
            None,
        )

    return _fold(events, seat_of)


def add_delegations(
    events: list[Event], delegation: list[Official], guests: list[Official], published: date
) -> None:
    """The head and members of a delegation take part in every stop of its trip."""
    for e in events:
        if e.precision != "day" or abs(e.event_date - published) > RECENT:
            continue
        if e.event_type in ("visit", "meeting", "agreement") and e.direction != "inbound":
            add_people(e.korean_officials, delegation)
        if e.direction == "inbound":
            add_people(e.foreign_officials, guests)


def _same_trip(a: Event, b: Event) -> bool:
    """A visit and an agreement signed a few days into it belong together."""
    visit, other = (a, b) if a.event_type == "visit" else (b, a)
    if visit.event_type != "visit" or other.event_type != "agreement" or visit.precision != "day":
        return False
    if other.precision == "month":  # signed on an unstated day of the trip
        return other.event_date == visit.event_date.replace(day=1)
    return 0 <= (other.event_date - visit.event_date).days <= _TRIP_DAYS


def share(events: list[Event]) -> None:
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
        union = Event(a.event_type, a.korean, a.foreign, a.event_date, a.precision, a.status)
        for e in group:
            _join(union, e)
        for e in group:
            e.fields = list(union.fields)
            e.korean_officials = list(union.korean_officials)
            e.foreign_officials = list(union.foreign_officials)


def add_signing_meetings(events: list[Event], published: date) -> list[Event]:
    """The contract's signing with no place and no travel given, officials of both sides present:
    an agreement plus a meeting (location null), unless the pair met or travelled on the trip."""
    encounters = [e for e in events if e.event_type in ("visit", "meeting", "virtual_meeting")]

    def met(a: Event) -> bool:
        return any(
            (e.korean.name, e.foreign.name) == (a.korean.name, a.foreign.name)
            and abs((e.event_date - a.event_date).days) <= _TRIP_DAYS
            for e in encounters
        )

    added = [
        replace(
            a,
            event_type="meeting",
            agreement_type=None,
            location=None,
            korean_officials=list(a.korean_officials),
            foreign_officials=list(a.foreign_officials),
            fields=list(a.fields),
            confidence=a.confidence * 0.9,
        )
        for a in events
        if a.event_type == "agreement"
        and a.status == "occurred"
        and a.precision == "day"
        and abs(a.event_date - published) <= RECENT
        and a.korean_officials
        and a.foreign_officials
        and not met(a)
    ]
    return events + added


def article_level(events: list[Event], delegation, guests, published: date) -> list[Event]:
    events = merge_trip_visits(events)
    events = drop_vague_agreements(events)
    events = drop_vague_visits(events)
    events = drop_venue_days(events)
    events = drop_seat_visits(events)
    add_delegations(events, delegation, guests, published)
    share(events)
    return add_signing_meetings(events, published)
