"""Events of municipal diplomacy from one article, and their table rows.

The stages live in their own modules, each named for what it does:
`mentions` (governments in a sentence, gazetteer and open vocabulary) → `clauses` (Kiwi's
particles and endings: roles, tense) → `candidates` (trigger × sides × date, with features) →
`decide` (one scoring step: confidence and threshold) → `merge` (article-level conventions) →
rows (here). `article.read_article` runs them in one pass; the phrase shapes they use are data
(`data/rules.yaml`, `triggers.csv`, `fields.csv`, `titles.csv`, gazetteers).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from diplomacy.extract.article import read_article
from diplomacy.extract.events import Event, Extraction, Relationship
from diplomacy.extract.mentions import Resolver
from diplomacy.extract.nlp import Sentence

__all__ = [
    "Event",
    "Extraction",
    "Relationship",
    "Resolver",
    "event_rows",
    "extract_article",
    "relationship_rows",
]


def extract_article(
    article_id: str, title: str | None, sentences: Sequence[Sentence], published: date | None
) -> Extraction:
    """Events and relationships of one analysed article; pure (gazetteers and rules are data).

    A page without a publication date cannot resolve "지난 10일" or "올해": it is read against
    two anchors years apart (`undated_reading`), and only what both readings agree on is kept."""
    if not sentences:
        return Extraction([], [])
    if published is None:
        return undated_reading(title, sentences)
    return read_article(title, sentences, published)[0]


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*년")


def _anchors(sentences: Sequence[Sentence]) -> tuple[date, date]:
    """Two publication dates, years apart, after every year the page names (its acts told with
    their year, 1994년 or 2019년 5월, lie before both and read the same against both; a relative
    date, 지난 10일 or 올해, never does). Status then comes from the tense alone."""
    years = [int(y) for s in sentences for y in _YEAR.findall(s.text)]
    latest = max(years, default=2000)
    return date(latest + 1, 1, 1), date(latest + 3, 12, 31)


def _identity(e: Event) -> tuple:
    return (e.key(), e.status, e.direction, e.agreement_type)


def undated_reading(title: str | None, sentences: Sequence[Sentence]) -> Extraction:
    """What a page without a publication date says for sure: the events both anchors date alike
    (history told with its year), the relationships (a year only when both agree), and whether it
    tells acts at all (the article is diplomacy even when its acts cannot be dated)."""
    early, late = (read_article(title, sentences, a, undated=True)[0] for a in _anchors(sentences))
    agreed = {_identity(e) for e in late.events}
    events = [e for e in early.events if _identity(e) in agreed]
    years = {
        (r.korean.name, r.foreign.name, r.relationship_type): r.established_year for r in late.relationships
    }
    relationships = [
        replace(r, established_year=r.established_year if years.get(pair) == r.established_year else None)
        for r in early.relationships
        if (pair := (r.korean.name, r.foreign.name, r.relationship_type)) in years
    ]
    return Extraction(events, relationships, undated_acts=bool(early.events or late.events))


def _event_id(article_id: str, key: tuple, agreement_type: str | None) -> str:
    raw = "|".join([article_id, *map(str, key), agreement_type or ""])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def _event_row(article_id: str, published: date | None, e: Event) -> dict:
    f = e.foreign
    return {
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
        "partner_city": f.name,
        "partner_region": f.region or None,
        "partner_country": f.country,
        "partner_city_en": f.name_en or None,
        "partner_city_native": f.name_native or None,
        "partner_geonames_id": f.geonames_id,
        "partner_lat": f.lat,
        "partner_lon": f.lon,
        "korean_officials": [{"name": o.name, "title": o.title} for o in e.korean_officials],
        "foreign_officials": [{"name": o.name, "title": o.title} for o in e.foreign_officials],
        "fields": list(e.fields),
        "location": e.location.name if (e.event_type == "meeting" and e.location) else None,
        "evidence": e.evidence,
        "confidence": e.confidence,
        "published_date": published,
    }


def event_rows(article_id: str, published: date | None, extraction: Extraction) -> list[dict]:
    return [_event_row(article_id, published, e) for e in extraction.events]


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
