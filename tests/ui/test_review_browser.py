"""An analyst's review, in a real browser against a real api-server with the plugin.

Debian's chromium (pytest-playwright) logs in through the Simple auth manager's form, opens the
events page from Airflow's navigation, filters it, opens an event, corrects it, and then the
day is reprocessed through the DAG itself (`airflow dags test` on the api-server's metadata
database). The reloaded page still shows the correction, under the same event id, and the DAG
run's "Diplomacy run" tab shows that run's accounting and its Data Docs. Screenshots of every
page go to the test's output folder and, with DIPLOMACY_SCREENSHOTS=DIR, to DIR (the README's).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT, SAMPLE_DAY, SAMPLE_LANDING
from playwright.sync_api import expect

pytestmark = pytest.mark.slow

NEW_PARTNER = "테스트검증시"  # an invented partner name: no engine run produces it


def _keep(shot: Path) -> None:
    """Copy a screenshot to DIPLOMACY_SCREENSHOTS (how docs/screenshots/ is refreshed)."""
    target = os.environ.get("DIPLOMACY_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / shot.name)


def _log_in(page, server, user: str) -> None:
    page.goto(f"{server.url}/auth/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", server.password(user))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/auth/login" not in url, timeout=60_000)


def _reprocess_through_the_dag(server, tmp_path: Path) -> str:
    """Run municipal_diplomacy for the sample day with `airflow dags test`, on the api-server's own
    metadata DB, warehouse and review store; return the DAG run's id."""
    landing = tmp_path / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    env = {**server.env, "DIPLOMACY_LANDING_ROOT": str(landing)}
    conf = json.dumps({"landing_date": SAMPLE_DAY, "reprocess": True})
    proc = subprocess.run(
        [sys.executable, "-m", "airflow", "dags", "test", "municipal_diplomacy", SAMPLE_DAY, "-c", conf],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    records = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in (server.warehouse / "_runs" / "_by_run").glob("*.json")
    ]
    dag_runs = [r["run_id"] for r in records if r.get("run_id", "").startswith("manual__")]
    assert dag_runs, f"no run record of the DAG run among {[r.get('run_id') for r in records]}"
    return dag_runs[0]


def _field(page, name: str) -> str:
    return page.locator(f"dl#fields dd[data-field={name}]").inner_text().strip()


def test_an_analyst_corrects_an_event_and_the_correction_survives_a_reprocess(
    page, api_server, screenshot, tmp_path
):
    server = api_server
    _log_in(page, server, "analyst")

    # the events page, as Airflow's navigation shows it (the plugin's external view, in an iframe)
    page.goto(f"{server.url}/plugin/diplomacy-events")
    frame = page.frame_locator("iframe")
    frame.locator("table#events tr[data-event-id]").first.wait_for(timeout=60_000)
    _keep(screenshot(page, "airflow-nav"))

    page.goto(f"{server.url}/diplomacy/events")
    rows = page.locator("table#events tr[data-event-id]")
    total = int(page.locator("#total").inner_text())
    assert total == rows.count() > 0 or total > rows.count() > 0
    _keep(screenshot(page, "events"))

    # filter: visits only
    page.select_option("form#filters select[name=event_type]", "visit")
    page.locator("form#filters [type=submit]").click()
    page.wait_for_url(re.compile(r"event_type=visit"))
    visits = int(page.locator("#total").inner_text())
    assert 0 < visits < total
    columns = page.locator("table#events thead th a").evaluate_all("els => els.map(e => e.dataset.sort)")
    nth = columns.index("event_type") + 1
    types = page.locator(f"table#events tr[data-event-id] td:nth-child({nth})").all_inner_texts()
    assert types and {t.strip() for t in types} == {"visit"}

    # open the first visit: every field, the evidence highlighted in the article's body
    first = page.locator("table#events tr[data-event-id]").first
    event_id = first.get_attribute("data-event-id")
    first.locator("a").first.click()
    page.wait_for_url(re.compile(re.escape(f"/diplomacy/events/{event_id}")))
    assert page.locator("div#body mark#evidence").count() == 1
    assert _field(page, "event_type") == "visit"
    assert page.locator("#review-state").inner_text().strip() == "unreviewed"
    _keep(screenshot(page, "event"))

    # correct it: the partner's name and the status
    status = "planned" if _field(page, "status") == "occurred" else "occurred"
    edit = page.locator("form#edit")
    edit.locator("[name=partner_city]").fill(NEW_PARTNER)
    edit.locator("select[name=status]").select_option(status)
    edit.locator("[type=submit]").click()
    expect(page.locator("#review-state")).to_have_text("corrected", timeout=60_000)
    page.reload()
    assert _field(page, "partner_city") == NEW_PARTNER
    assert _field(page, "status") == status
    assert page.locator("table#history tr", has_text=NEW_PARTNER).count() >= 1
    assert page.locator("table#history", has_text="analyst").count() == 1

    # reprocess the day through the DAG: the correction is applied again, the event keeps its id
    run_id = _reprocess_through_the_dag(server, tmp_path)
    page.goto(f"{server.url}/diplomacy/events/{event_id}")
    assert _field(page, "partner_city") == NEW_PARTNER
    assert _field(page, "status") == status
    assert page.locator("#review-state").inner_text().strip() == "corrected"
    assert page.locator("dl#source", has_text=run_id).count() == 1, "the event names the run that loaded it"
    page.goto(f"{server.url}/diplomacy/events?partner_city={quote(NEW_PARTNER)}")
    assert [
        r.get_attribute("data-event-id") for r in page.locator("table#events tr[data-event-id]").all()
    ] == [event_id]

    # the run tab of that DAG run, inside Airflow's run page, and the run's Data Docs
    page.goto(f"{server.url}/dags/municipal_diplomacy/runs/{quote(run_id, safe='')}/plugin/diplomacy-run")
    tab = page.frame_locator("iframe")
    tab.locator("table#accounting tr[data-key=received]").wait_for(timeout=60_000)
    _keep(screenshot(page, "run"))
    page.goto(f"{server.url}/diplomacy/runs/{quote(run_id, safe='')}")
    received = page.locator("table#accounting tr[data-key=received] td").last.inner_text()
    assert int(received) == len([p for p in (SAMPLE_LANDING / SAMPLE_DAY).iterdir()])
    docs = page.locator("a#data-docs").first.get_attribute("href")
    assert docs
    answer = page.request.get(docs if docs.startswith("http") else f"{server.url}{docs}")
    assert answer.status == 200 and "html" in answer.headers["content-type"]

    # the pictures: a chart of events per month by type, partners on a map drawn from local files
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None)
    page.goto(f"{server.url}/diplomacy/pictures")
    assert page.locator("svg#monthly rect.bar").count() > 0
    assert page.locator("svg#map path.land").count() > 0
    assert page.locator("svg#map circle.partner").count() > 0
    _keep(screenshot(page, "pictures"))
    assert [u for u in outside if not u.startswith("data:")] == []


def test_a_viewer_sees_the_event_but_cannot_change_it(page, api_server, screenshot):
    server = api_server
    _log_in(page, server, "viewer")
    page.goto(f"{server.url}/diplomacy/events")
    event_id = page.locator("table#events tr[data-event-id]").first.get_attribute("data-event-id")
    page.goto(f"{server.url}/diplomacy/events/{event_id}")
    assert page.locator("#read-only").count() == 1
    assert page.locator("button#confirm").is_disabled()
    # and the API refuses the write even when the page is bypassed
    answer = page.request.post(f"{server.url}/diplomacy/api/events/{event_id}/confirm")
    assert answer.status == 403
    screenshot(page, "viewer-event")
