"""The JSON API under /diplomacy/api: reads for every authenticated user with plugin access,
writes for users who may edit municipal_diplomacy runs (see diplomacy_ui.security)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Body, Depends, HTTPException, Path, status
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field

from diplomacy_ui import services
from diplomacy_ui.data import WarehouseReader
from diplomacy_ui.params import event_filter, paging
from diplomacy_ui.queries import EventFilter
from diplomacy_ui.security import EditorDep, user_name

router = APIRouter()

ReaderDep = Annotated[WarehouseReader, Depends(services.reader)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
Id = Annotated[str, Path(min_length=1, max_length=200)]


class RejectBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(default=None, max_length=2000)


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"no {what} {key!r}")


@router.get("/events")
def list_events(rdr: ReaderDep, flt: FilterDep, pg: Annotated[dict, Depends(paging)]) -> Any:
    """One page of events: {"total", "page", "page_size", "rows"}."""
    return jsonable_encoder(rdr.events(flt, **pg).as_dict())


@router.get("/events/{event_id}")
def get_event(rdr: ReaderDep, event_id: Id) -> Any:
    """The event with its article, run and corrections."""
    detail = services.event_detail(rdr, event_id)
    if detail is None:
        raise not_found("event", event_id)
    return jsonable_encoder(detail)


@router.get("/facets")
def facets(rdr: ReaderDep) -> Any:
    """The values (with counts) the filter selects offer."""
    return jsonable_encoder(rdr.facets())


@router.get("/stats/monthly")
def stats_monthly(rdr: ReaderDep, flt: FilterDep) -> Any:
    """Events per month and type: [{"month", "event_type", "n"}]."""
    return jsonable_encoder(rdr.monthly(flt))


@router.get("/stats/partners")
def stats_partners(rdr: ReaderDep, flt: FilterDep) -> Any:
    """Partner governments with coordinates and event counts."""
    return jsonable_encoder(rdr.partners(flt))


@router.get("/runs/{run_id}")
def get_run(rdr: ReaderDep, run_id: Id) -> Any:
    """A run's accounting, validation, quarantined rows and Data Docs pages."""
    detail = services.run_detail(rdr, run_id)
    if detail is None:
        raise not_found("run", run_id)
    return jsonable_encoder(detail)


# -- writes -----------------------------------------------------------------------------------


def _write(action: str, key: str, *args, user, background: BackgroundTasks, **kw) -> Any:
    """One correction through `diplomacy.review.<action>` (validate, log, write the day through);
    the marts are refreshed after the response."""
    from diplomacy import review

    wh = services.warehouse()
    out = services.call_review(
        getattr(review, action), wh, services.store(), key, *args, user=user_name(user), **kw
    )
    background.add_task(review.refresh_marts, wh)
    return out


@router.post("/events/{event_id}/confirm")
def confirm_event(event_id: Id, user: EditorDep, background: BackgroundTasks) -> Any:
    return jsonable_encoder(_write("confirm", event_id, user=user, background=background))


@router.post("/events/{event_id}/reject")
def reject_event(
    event_id: Id, user: EditorDep, background: BackgroundTasks, body: RejectBody | None = None
) -> Any:
    _write("reject", event_id, user=user, background=background, note=body.note if body else None)
    return {"event_id": event_id, "review_state": "rejected"}


@router.patch("/events/{event_id}")
def edit_event(
    event_id: Id, user: EditorDep, background: BackgroundTasks, changes: Annotated[dict, Body()]
) -> Any:
    if not changes:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, detail="no field to change")
    return jsonable_encoder(_write("edit", event_id, changes, user=user, background=background))


@router.post("/articles/{article_id}/events", status_code=status.HTTP_201_CREATED)
def add_event(
    article_id: Id, user: EditorDep, background: BackgroundTasks, event: Annotated[dict, Body()]
) -> Any:
    return jsonable_encoder(_write("add", article_id, event, user=user, background=background))
