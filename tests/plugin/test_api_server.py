"""The plugin in a real api-server: authentication and rights on every route, validation,
unknown ids, the Data Docs guard, injection strings, and the pages' DOM contract.

Routes are enumerated from the app itself, so a route added later is checked too.
"""

from __future__ import annotations

import json
import re

import pytest
from fastapi.routing import APIRoute
from selectolax.lexbor import LexborHTMLParser as HTMLParser

INJECTION = "<script>alert(1)</script>' OR '1'='1'; DROP TABLE events; --"
WRITES = {"POST", "PATCH", "PUT", "DELETE"}


@pytest.fixture(scope="module")
def ids(api_server) -> dict:
    """Real ids of the sample day, and the events the write tests may change (one each)."""
    with api_server.client("viewer") as c:
        rows = c.get(
            "/diplomacy/api/events", params={"sort": "event_id", "order": "asc", "page_size": 200}
        ).json()["rows"]
    run_id = json.loads(
        next((api_server.warehouse / "_runs" / "_by_run").glob("*.json")).read_text(encoding="utf-8")
    )["run_id"]
    events = [r["event_id"] for r in rows]
    assert len(events) >= 6, "the sample day has too few events for these tests"
    return {
        "event_id": events[0],  # read-only
        "article_id": rows[0]["article_id"],
        "run_id": run_id,
        "confirm": events[1],
        "edit": events[2],
        "reject": events[3],
        "inject": events[4],
        "total": len(rows),
    }


def concrete_routes(ids) -> list[tuple[str, str]]:
    """(method, url) of every route of the plugin's app, path parameters filled in."""
    from diplomacy_ui.app import app

    values = {
        "event_id": ids["event_id"],
        "article_id": ids["article_id"],
        "run_id": ids["run_id"],
        "path": "index.html",
        "name": "app.css",
    }
    out = []
    for route in app.routes:
        assert isinstance(route, APIRoute), f"{route!r} is not an APIRoute: it would escape the app's auth"
        url = "/diplomacy" + re.sub(r"\{(\w+)(:\w+)?\}", lambda m: values[m.group(1)], route.path)
        out += [(m, url) for m in sorted(route.methods - {"HEAD"})]
    return out


def test_the_app_has_no_unauthenticated_extras():
    from diplomacy_ui.app import app

    assert app.docs_url is None and app.redoc_url is None and app.openapi_url is None
    assert app.router.dependencies or app.dependency_overrides == {}
    assert any(d.dependency.__qualname__.startswith("requires_access_view") for d in app.router.dependencies)


def test_every_route_refuses_anonymous_requests(api_server, ids):
    routes = concrete_routes(ids)
    assert len(routes) >= 18
    with api_server.client() as anon:
        for method, url in routes:
            r = anon.request(method, url, json={} if method in WRITES else None)
            assert r.status_code == 401, (method, url, r.status_code, r.text[:200])
        r = anon.get("/diplomacy/events", headers={"Authorization": "Bearer not-a-jwt"})
        assert r.status_code in (401, 403)


def test_a_viewer_reads_everything_and_writes_nothing(api_server, ids):
    with api_server.client("viewer") as viewer:
        before = viewer.get(f"/diplomacy/api/events/{ids['confirm']}").json()
        for method, url in concrete_routes(ids):
            if method in WRITES:
                r = viewer.request(method, url, json={"status": "planned", "note": "x"})
                assert r.status_code == 403, (method, url, r.status_code)
                assert "edit" in r.json()["detail"]
            else:
                r = viewer.get(url)
                assert r.status_code == 200, (url, r.status_code, r.text[:300])
        after = viewer.get(f"/diplomacy/api/events/{ids['confirm']}").json()
        assert after == before
        page = HTMLParser(viewer.get(f"/diplomacy/events/{ids['event_id']}").text)
        assert "disabled" in page.css_first("button#confirm").attributes
        assert page.css_first("#read-only") is not None


def test_the_ui_cookie_authenticates_the_pages(api_server):
    with api_server.client() as c:
        c.cookies.set("_token", api_server.token("viewer"))
        assert c.get("/diplomacy/events").status_code == 200


def test_an_analyst_confirms_edits_and_rejects(api_server, ids):
    with api_server.client("analyst") as a:
        r = a.post(f"/diplomacy/api/events/{ids['confirm']}/confirm")
        assert r.status_code == 200, r.text
        assert a.get(f"/diplomacy/api/events/{ids['confirm']}").json()["event"]["review_state"] == "confirmed"

        changes = {
            "partner_region": "테스트성",
            "foreign_officials": [{"name": "홍길동", "title": "시장"}],
            "fields": ["culture", "trade"],
        }
        r = a.patch(f"/diplomacy/api/events/{ids['edit']}", json=changes)
        assert r.status_code == 200, r.text
        detail = a.get(f"/diplomacy/api/events/{ids['edit']}").json()
        assert detail["event"]["review_state"] == "corrected"
        assert detail["event"]["partner_region"] == "테스트성"
        assert detail["event"]["foreign_officials"] == [{"name": "홍길동", "title": "시장"}]
        assert sorted(detail["event"]["fields"]) == ["culture", "trade"]
        assert {c["field"] for c in detail["corrections"]} >= {"partner_region", "fields"}
        assert {c["user"] for c in detail["corrections"]} == {"analyst"}

        r = a.post(f"/diplomacy/api/events/{ids['reject']}/reject", json={"note": INJECTION})
        assert r.status_code == 200, r.text
        assert a.get(f"/diplomacy/api/events/{ids['reject']}").status_code == 404
        from diplomacy import review

        (logged,) = review.Store(api_server.env["DIPLOMACY_REVIEW_DB"]).log(event_id=ids["reject"])
        assert (logged.action, logged.note, logged.user) == ("reject", INJECTION, "analyst")  # verbatim
        listed = a.get("/diplomacy/api/events", params={"page_size": 200}).json()
        assert ids["reject"] not in {row["event_id"] for row in listed["rows"]}
        article = HTMLParser(a.get(f"/diplomacy/articles/{ids['article_id']}").text)
        assert article.css_first("form#add-event") is not None


def test_an_analyst_adds_a_missed_event(api_server, ids):
    event = {
        "event_type": "meeting",
        "status": "occurred",
        "event_date": "2023-10-01",
        "date_precision": "day",
        "korean_city": "안산시",
        "korean_province": "경기도",
        "partner_city": "하노이시",
        "partner_country": "VN",
        "location": "안산시청",
        "evidence": "안산시장은 하노이시 대표단을 만났다.",
    }
    with api_server.client("analyst") as a:
        r = a.post(f"/diplomacy/api/articles/{ids['article_id']}/events", json=event)
        assert r.status_code == 201, r.text
        new = r.json()
        assert new["review_state"] == "added" and new["partner_city"] == "하노이시"
        rows = a.get("/diplomacy/api/events", params={"review_state": "added", "page_size": 200}).json()[
            "rows"
        ]
        assert new["event_id"] in {row["event_id"] for row in rows}
        assert a.get(f"/diplomacy/events/{new['event_id']}").status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "finished"},
        {"event_type": "party"},
        {"event_date": "2024-13-01"},
        {"event_date": "yesterday"},
        {"partner_country": "Korea"},
        {"korean_city": "안산"},
        {"fields": ["gardening"]},
        {"foreign_officials": "홍길동"},
        {"evidence": "not editable"},
        {},
    ],
)
def test_bad_values_are_422_with_a_message(api_server, ids, changes):
    with api_server.client("analyst") as a:
        r = a.patch(f"/diplomacy/api/events/{ids['event_id']}", json=changes)
        assert r.status_code == 422, r.text
        assert isinstance(r.json()["detail"], str) and r.json()["detail"]
        assert (
            a.get(f"/diplomacy/api/events/{ids['event_id']}").json()["event"]["review_state"] == "unreviewed"
        )


@pytest.mark.parametrize(
    "params",
    [
        {"event_type": "party"},
        {"status": "finished"},
        {"review_state": "approved"},
        {"confidence_band": "huge"},
        {"date_from": "yesterday"},
        {"sort": "evidence"},
        {"sort": "event_date; DROP TABLE events"},
        {"order": "up"},
        {"page_size": "201"},
        {"page": "0"},
    ],
)
def test_bad_filters_are_422(api_server, params):
    with api_server.client("viewer") as v:
        for url in ("/diplomacy/api/events", "/diplomacy/events"):
            r = v.get(url, params=params)
            assert r.status_code == 422, (url, params, r.text)


def test_unknown_ids_are_404(api_server):
    with api_server.client("analyst") as a:
        for url in (
            "/diplomacy/api/events/nope",
            "/diplomacy/events/nope",
            "/diplomacy/articles/nope",
            "/diplomacy/api/runs/nope",
        ):
            assert a.get(url).status_code == 404, url
        assert a.post("/diplomacy/api/events/nope/confirm").status_code == 404
        assert a.post("/diplomacy/api/events/nope/reject", json={}).status_code == 404
        assert a.patch("/diplomacy/api/events/nope", json={"status": "planned"}).status_code == 404
        r = a.post("/diplomacy/api/articles/nope/events", json={"event_type": "visit"})
        assert r.status_code in (404, 422)
        assert a.get("/diplomacy/static/nope.js").status_code == 404
        assert "No record" in a.get("/diplomacy/runs/nope").text


@pytest.mark.parametrize(
    "raw",
    [
        "/diplomacy/data-docs/%2e%2e/%2e%2e/%2e%2e/%2e%2e/events/ingest_date=2024-11-08/part-0.parquet",
        "/diplomacy/data-docs/..%2f..%2f..%2f..%2f..%2fairflow_home%2fpasswords.json",
        "/diplomacy/data-docs/%2fetc%2fpasswd",
        "/diplomacy/data-docs/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/diplomacy/static/%2e%2e%2fapp.py",
        "/diplomacy/static/..%2f..%2fdiplomacy_plugin.py",
    ],
)
def test_paths_never_leave_the_site(api_server, raw):
    import httpx

    with httpx.Client(headers={"Authorization": f"Bearer {api_server.token('admin')}"}) as c:
        r = c.send(c.build_request("GET", httpx.URL(api_server.url + raw)))
        assert r.status_code == 404, (raw, r.status_code)
        assert "root:" not in r.text and "password" not in r.text.lower()


def test_data_docs_are_served_with_their_content_types_and_no_internet(api_server, ids):
    with api_server.client("viewer") as v:
        run = HTMLParser(v.get(f"/diplomacy/runs/{ids['run_id']}").text)
        href = run.css_first("a#data-docs").attributes["href"]
        assert href.startswith("/diplomacy/data-docs/validations/")
        page = v.get(href)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in page.headers["content-security-policy"]
        css = v.get("/diplomacy/data-docs/static/styles/data_docs_default_styles.css")
        assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_injection_in_a_filter_returns_no_rows(api_server, ids):
    with api_server.client("viewer") as v:
        for name in ("korean_city", "partner_city", "partner_country", "korean_province"):
            r = v.get("/diplomacy/api/events", params={name: INJECTION})
            assert r.status_code == 200 and r.json()["total"] == 0
            assert v.get("/diplomacy/events", params={name: INJECTION}).status_code == 200
        assert v.get("/diplomacy/api/events").json()["total"] >= ids["total"] - 1  # one may be rejected


def test_an_injection_string_is_stored_verbatim_and_harmless(api_server, ids):
    with api_server.client("analyst") as a:
        r = a.patch(f"/diplomacy/api/events/{ids['inject']}", json={"partner_city": INJECTION})
        assert r.status_code == 200, r.text
        assert a.get(f"/diplomacy/api/events/{ids['inject']}").json()["event"]["partner_city"] == INJECTION
        found = a.get("/diplomacy/api/events", params={"partner_city": INJECTION}).json()
        assert [row["event_id"] for row in found["rows"]] == [ids["inject"]]
        html = a.get(f"/diplomacy/events/{ids['inject']}").text
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        dd = HTMLParser(html).css_first('dd[data-field="partner_city"]')
        assert dd.text() == INJECTION
        log = a.get(f"/diplomacy/api/events/{ids['inject']}").json()["corrections"]
        assert log and log[-1]["after"] == INJECTION
        assert a.get("/diplomacy/api/events", params={"page_size": 1}).json()["total"] >= 1


def test_the_events_page_keeps_its_dom_contract(api_server):
    with api_server.client("viewer") as v:
        api = v.get(
            "/diplomacy/api/events", params={"page_size": 5, "sort": "event_date", "order": "asc"}
        ).json()
        html = HTMLParser(
            v.get("/diplomacy/events", params={"page_size": 5, "sort": "event_date", "order": "asc"}).text
        )
    form = html.css_first("form#filters")
    for name in ("korean_city", "korean_province", "partner_city", "partner_country", "event_type", "status"):
        assert form.css_first(f'select[name="{name}"]') is not None, name
    assert form.css_first('select[name="review_state"]') and form.css_first('select[name="confidence_band"]')
    assert form.css_first('input[name="date_from"][type="date"]') and form.css_first(
        'input[name="date_to"][type="date"]'
    )
    rows = html.css("table#events tr[data-event-id]")
    assert [r.attributes["data-event-id"] for r in rows] == [r["event_id"] for r in api["rows"]]
    assert rows[0].css_first("a").attributes["href"] == f"/diplomacy/events/{api['rows'][0]['event_id']}"
    assert html.css_first("span#total").text() == str(api["total"])
    assert html.css_first("a#next") is not None and html.css_first("a#prev") is None


def test_the_event_page_shows_the_evidence_in_the_body(api_server, ids):
    with api_server.client("analyst") as a:
        detail = a.get(f"/diplomacy/api/events/{ids['event_id']}").json()
        html = HTMLParser(a.get(f"/diplomacy/events/{ids['event_id']}").text)
    assert html.css_first("div#body mark#evidence").text().split() == detail["event"]["evidence"].split()
    assert html.css_first('dd[data-field="event_type"]').text() == detail["event"]["event_type"]
    assert html.css_first('dd[data-field="source_file"]').text() == detail["article"]["source_file"]
    assert html.css_first('dd[data-field="run_id"]').text().strip() == ids["run_id"]
    assert html.css_first("span#review-state") and html.css_first("table#history")
    edit = html.css_first("form#edit")
    assert edit.css_first('select[name="event_type"]') and edit.css_first('input[name="event_date"]')
    assert "disabled" not in edit.css_first("button[type=submit]").attributes


def test_pictures_and_run_tab(api_server, ids):
    with api_server.client("viewer") as v:
        partners = v.get("/diplomacy/api/stats/partners").json()
        html = HTMLParser(v.get("/diplomacy/pictures").text)
        run_html = HTMLParser(
            v.get(f"/diplomacy/runs/{ids['run_id']}", params={"dag_id": "municipal_diplomacy"}).text
        )
        other = v.get(f"/diplomacy/runs/{ids['run_id']}", params={"dag_id": "some_other_dag"}).text
        record = v.get(f"/diplomacy/api/runs/{ids['run_id']}").json()
    assert len(html.css("svg#map circle.partner")) == len(partners) > 0
    assert len(html.css("svg#map path.land")) > 50
    assert html.css("svg#monthly rect.bar")
    accounting = {
        tr.attributes["data-key"]: tr.css_first("td").text()
        for tr in run_html.css("table#accounting tr[data-key]")
    }
    assert accounting["received"] == str(record["record"]["received"]) == "5"
    assert accounting["events"] == str(record["record"]["events"])
    assert run_html.css_first("table#quarantine") is not None
    assert "Not a municipal_diplomacy run" in other


def test_the_api_server_lists_the_plugin(api_server):
    with api_server.client("viewer") as v:
        plugins = v.get("/api/v2/plugins").json()["plugins"]
    (plugin,) = [p for p in plugins if p["name"] == "diplomacy"]
    assert plugin["fastapi_apps"][0]["url_prefix"] == "/diplomacy"
    views = {v["url_route"]: v for v in plugin["external_views"]}
    assert (
        views["diplomacy-events"]["href"] == "diplomacy/events"
        and views["diplomacy-events"]["destination"] == "nav"
    )
    assert views["diplomacy-run"]["destination"] == "dag_run" and "{RUN_ID}" in views["diplomacy-run"]["href"]
