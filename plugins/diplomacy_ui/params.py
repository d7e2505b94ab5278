"""Request parameters checked against the data contract: a bad value is a 422 with a message.

Shared by the JSON API and the HTML pages (whose filter form sends empty strings for
fields left blank: those mean "no filter").
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query, status

from diplomacy import schema
from diplomacy_ui import queries as q
from diplomacy_ui.queries import EventFilter

Text = Annotated[str | None, Query(max_length=q.MAX_TEXT)]


def review_states() -> tuple[str, ...]:
    from diplomacy import review

    return tuple(review.REVIEW_STATES)


def unprocessable(message: str) -> HTTPException:
    return HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, detail=message)


def _blank(value: str | None) -> str | None:
    return value if value not in (None, "") else None


def _day(name: str, value: str | None) -> date | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise unprocessable(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def _vocab(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    value = _blank(value)
    if value is not None and value not in allowed:
        raise unprocessable(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def event_filter(
    date_from: Text = None,
    date_to: Text = None,
    korean_city: Text = None,
    korean_province: Text = None,
    partner_city: Text = None,
    partner_region: Text = None,
    partner_country: Text = None,
    event_type: Text = None,
    status: Text = None,
    confidence_band: Text = None,
    review_state: Text = None,
) -> EventFilter:
    """The filters of the events table (a FastAPI dependency)."""
    equals = {
        "korean_city": _blank(korean_city),
        "korean_province": _blank(korean_province),
        "partner_city": _blank(partner_city),
        "partner_region": _blank(partner_region),
        "partner_country": _blank(partner_country),
        "event_type": _vocab("event_type", event_type, schema.EVENT_TYPES),
        "status": _vocab("status", status, schema.EVENT_STATUSES),
        "review_state": _vocab("review_state", review_state, review_states()),
    }
    return EventFilter(
        date_from=_day("date_from", date_from),
        date_to=_day("date_to", date_to),
        confidence_band=_vocab("confidence_band", confidence_band, tuple(q.CONFIDENCE_BANDS)),
        equals={k: v for k, v in equals.items() if v is not None},
    )


def paging(
    sort: Annotated[str, Query(max_length=40)] = "event_date",
    order: Annotated[str, Query(max_length=4)] = "desc",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=q.MAX_PAGE_SIZE)] = 50,
) -> dict:
    _vocab("sort", sort, q.SORTABLE)
    _vocab("order", order, ("asc", "desc"))
    return {"sort": sort, "order": order, "page": page, "page_size": page_size}


def filter_query(flt: EventFilter) -> dict[str, str]:
    """The filter as query parameters again (for paging and sorting links)."""
    out = {k: str(v) for k, v in flt.equals.items()}
    if flt.date_from:
        out["date_from"] = flt.date_from.isoformat()
    if flt.date_to:
        out["date_to"] = flt.date_to.isoformat()
    if flt.confidence_band:
        out["confidence_band"] = flt.confidence_band
    return out
