"""The objects extraction produces: events, relationships, and the evidence behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from diplomacy.extract.officials import Official
from diplomacy.gazetteer.foreign import ForeignGov
from diplomacy.gazetteer.korean import KoreanGov

__all__ = ["Event", "Extraction", "Relationship", "add_people", "date_key"]


def date_key(d: date, precision: str) -> str:
    text = d.isoformat()
    return {"year": text[:4], "month": text[:7]}.get(precision, text)


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
        return (
            self.event_type,
            self.korean.name,
            self.foreign.name,
            date_key(self.event_date, self.precision),
        )


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
    undated_acts: bool = False  # acts were found whose dates need the publication date the page lacks

    @property
    def is_diplomacy(self) -> bool:
        return bool(self.events) or self.undated_acts


def add_people(into: list[Official], people: list[Official]) -> None:
    """Append the officials not yet listed (by name), keeping order."""
    names = {o.name for o in into}
    for o in people:
        if o.name not in names:
            into.append(o)
            names.add(o.name)
