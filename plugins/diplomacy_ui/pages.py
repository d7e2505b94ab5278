"""The HTML pages (server-rendered Jinja2, autoescaped), the plugin's static files and the
run's Great Expectations Data Docs. Every link is relative to the app's mount point, so the
pages work under the api-server's base URL and inside the Airflow UI's iframe."""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Annotated
from urllib.parse import urlencode

from airflow.api_fastapi.core_api.security import GetUserDep
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates

from diplomacy import schema
from diplomacy_ui import charts, datadocs, queries, services
from diplomacy_ui.api import FilterDep, Id, ReaderDep
from diplomacy_ui.highlight import split_body
from diplomacy_ui.params import filter_query, paging, review_states
from diplomacy_ui.security import DAG_ID, can_edit
from diplomacy_ui.services import corrections

HERE = FsPath(__file__).resolve().parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter()

LIST_HEADERS = (
    ("event_date", "Date"),
    ("korean_city", "Korean government"),
    ("korean_province", "Province"),
    ("partner_city", "Partner"),
    ("partner_country", "Country"),
    ("event_type", "Type"),
    ("status", "Status"),
    ("confidence", "Confidence"),
    ("review_state", "Review"),
    ("published_date", "Published"),
)
VOCABULARIES = {
    "event_type": schema.EVENT_TYPES,
    "agreement_type": schema.AGREEMENT_TYPES,
    "direction": schema.DIRECTIONS,
    "status": schema.EVENT_STATUSES,
    "date_precision": schema.DATE_PRECISIONS,
}


def base(request: Request) -> str:
    return request.scope.get("root_path", "").rstrip("/")


def render(request: Request, name: str, **context) -> HTMLResponse:
    context.setdefault("base", base(request))
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, rdr: ReaderDep, flt: FilterDep, pg: Annotated[dict, Depends(paging)]):
    page = rdr.events(flt, **pg)
    current = filter_query(flt)
    pages = max(1, -(-page.total // page.page_size))

    def link(**changes) -> str:
        return "?" + urlencode({**current, **{k: pg[k] for k in ("sort", "order", "page_size")}, **changes})

    sort_links = {
        col: link(sort=col, order="asc" if pg["sort"] == col and pg["order"] == "desc" else "desc", page=1)
        for col, _ in LIST_HEADERS
    }
    return render(
        request,
        "events.html",
        page=page,
        pg=pg,
        pages=pages,
        flt=current,
        headers=LIST_HEADERS,
        sort_links=sort_links,
        prev_link=link(page=pg["page"] - 1) if pg["page"] > 1 else None,
        next_link=link(page=pg["page"] + 1) if pg["page"] < pages else None,
        facets=rdr.facets(),
        vocab={**VOCABULARIES, "review_state": review_states()},
        bands=tuple(queries.CONFIDENCE_BANDS),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, rdr: ReaderDep, event_id: Id, user: GetUserDep):
    detail = services.event_detail(rdr, event_id)
    if detail is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"no event {event_id!r}")
    article = detail["article"] or {}
    return render(
        request,
        "event.html",
        d=detail,
        e=detail["event"],
        article=article,
        split=split_body(article.get("body"), detail["event"].get("evidence")),
        editor=can_edit(user),
        editable=_editable(),
        vocab=VOCABULARIES,
        fields_vocab=schema.FIELDS,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, rdr: ReaderDep, article_id: Id, user: GetUserDep):
    article = rdr.article(article_id)
    if article is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"no article {article_id!r}")
    return render(
        request,
        "article.html",
        article=article,
        events=rdr.article_events(article_id),
        history=corrections(article_id=article_id),
        editor=can_edit(user),
        vocab=VOCABULARIES,
        fields_vocab=schema.FIELDS,
    )


@router.get("/pictures", response_class=HTMLResponse)
def pictures_page(request: Request, rdr: ReaderDep, flt: FilterDep):
    partners = rdr.partners(flt)
    return render(
        request,
        "pictures.html",
        monthly=charts.monthly_bars(rdr.monthly(flt)),
        land=charts.world_paths(),
        circles=charts.partner_circles(partners),
        map_w=charts.MAP_W,
        map_h=charts.MAP_H,
        flt=filter_query(flt),
    )


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def run_page(
    request: Request,
    rdr: ReaderDep,
    run_id: Id,
    dag_id: Annotated[str | None, Query(max_length=250)] = None,
):
    if dag_id and dag_id != DAG_ID:
        return render(request, "run.html", other_dag=dag_id, run_id=run_id, run=None, dag=DAG_ID)
    return render(
        request, "run.html", other_dag=None, run_id=run_id, run=services.run_detail(rdr, run_id), dag=DAG_ID
    )


@router.get("/data-docs/{path:path}")
def data_docs(path: str):
    target = datadocs.resolve(services.warehouse(), path or "index.html")
    if target is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="no such Data Docs file")
    return FileResponse(target, media_type=datadocs.content_type(target))


@router.get("/static/{name}")
def static(name: Annotated[str, Path(max_length=100)]):
    target = (STATIC / name).resolve()
    if target.parent != STATIC or not target.is_file():
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="no such file")
    return FileResponse(target, media_type=datadocs.content_type(target))


def _editable() -> tuple[str, ...]:
    from diplomacy import review

    return tuple(review.EDITABLE_FIELDS)
