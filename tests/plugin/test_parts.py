"""The plugin's pure parts: evidence highlighting, the Data Docs path guard, the pictures'
geometry, and a plugin file that imports cheaply (schedulers and workers load it too)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from conftest import ROOT
from diplomacy_ui import charts, datadocs
from diplomacy_ui.highlight import split_body


def test_evidence_is_found_verbatim_or_across_line_breaks():
    body = "첫 문장.\n시흥시 대표단은 지난 7일\n더저우시를 방문했다. 끝."
    s = split_body(body, "시흥시 대표단은 지난 7일 더저우시를 방문했다.")
    assert s.evidence == "시흥시 대표단은 지난 7일\n더저우시를 방문했다."
    assert s.before + s.evidence + s.after == body
    exact = split_body(body, "첫 문장.")
    assert (exact.before, exact.evidence) == ("", "첫 문장.")


def test_evidence_missing_from_the_body_leaves_the_body_whole():
    assert split_body("본문", "없는 문장") == ("본문", None, "")
    assert split_body(None, "x") == ("", None, "")
    assert split_body("본문 (괄호) [대괄호]", "(괄호) [대괄호]").evidence == "(괄호) [대괄호]"  # regex-safe


@pytest.fixture
def site(tmp_path):
    wh = tmp_path / "warehouse"
    root = wh / "_gx" / "gx" / "uncommitted" / "data_docs" / "local_site"
    (root / "static").mkdir(parents=True)
    (root / "index.html").write_text("<html>index</html>")
    (root / "static" / "a.css").write_text("body{}")
    for suite, ts in [
        ("diplomacy_events", "20240101T000010.000000Z"),
        ("diplomacy_events", "20240102T000010.000000Z"),
    ]:
        page = root / "validations" / suite / "__none__" / ts / f"{suite}.html"
        page.parent.mkdir(parents=True)
        page.write_text(ts)
    (wh / "events").mkdir()
    (wh / "events" / "secret.parquet").write_text("not for the web")
    (tmp_path / "outside.txt").write_text("outside")
    (root / "link-out").symlink_to(tmp_path / "outside.txt")
    return wh, root


def test_data_docs_serves_site_files_only(site):
    wh, root = site
    assert datadocs.resolve(wh, "index.html") == root / "index.html"
    assert datadocs.resolve(wh, "static/a.css") == root / "static" / "a.css"
    for bad in [
        "../../../../events/secret.parquet",
        "static/../../../../../events/secret.parquet",
        "/etc/passwd",
        "link-out",  # a symlink leading out of the site
        "static",  # a folder
        "nope.html",
        "index.html\x00.png",
        "",
    ]:
        assert datadocs.resolve(wh, bad) is None, bad
    assert datadocs.content_type(root / "index.html") == "text/html; charset=utf-8"
    assert datadocs.content_type(root / "static" / "a.css") == "text/css; charset=utf-8"


def test_data_docs_missing_site_is_no_file(tmp_path):
    assert datadocs.site_root(tmp_path) is None
    assert datadocs.resolve(tmp_path, "index.html") is None
    assert datadocs.run_pages(tmp_path, datetime.now(UTC)) == {}


def test_run_pages_pick_each_suites_first_page_after_the_run_started(site):
    wh, _ = site
    first = datadocs.run_pages(wh, datetime(2024, 1, 1, tzinfo=UTC))
    second = datadocs.run_pages(wh, datetime(2024, 1, 1, 12, tzinfo=UTC))
    assert first == {
        "diplomacy_events": "validations/diplomacy_events/__none__/20240101T000010.000000Z/diplomacy_events.html"
    }
    assert second["diplomacy_events"].split("/")[3] == "20240102T000010.000000Z"
    assert datadocs.run_pages(wh, datetime(2025, 1, 1, tzinfo=UTC)) == {}


def test_monthly_bars_stack_every_month_to_scale():
    rows = [
        {"month": "2023-11", "event_type": "visit", "n": 2},
        {"month": "2023-11", "event_type": "agreement", "n": 2},
        {"month": "2024-02", "event_type": "visit", "n": 1},
    ]
    chart = charts.monthly_bars(rows)
    assert chart["max"] == 4
    assert [b["title"] for b in chart["bars"]] == [
        "2023-11 agreement: 2",
        "2023-11 visit: 2",
        "2024-02 visit: 1",
    ]
    nov = [b for b in chart["bars"] if b["title"].startswith("2023-11")]
    assert math.isclose(nov[0]["h"] + nov[1]["h"], 4 * chart["bars"][2]["h"], rel_tol=0.01)
    assert nov[1]["y"] + nov[1]["h"] == pytest.approx(nov[0]["y"], abs=0.02)  # stacked
    xs = sorted({b["x"] for b in chart["bars"]})
    step = (xs[1] - xs[0]) / 3  # Nov -> Feb is three months: empty months keep their place
    assert step > 0 and len(chart["ticks"]) == 4
    assert [item["type"] for item in chart["legend"]] == ["agreement", "visit"]
    assert charts.monthly_bars([])["bars"] == []


def test_partner_circles_area_follows_count_and_map_is_local():
    rows = [
        {"partner_city": "창춘시", "partner_country": "CN", "lat": 43.88, "lon": 125.32, "n": 16},
        {"partner_city": "오사카시", "partner_country": "JP", "lat": 34.69, "lon": 135.5, "n": 4},
    ]
    big, small = charts.partner_circles(rows)
    assert (big["r"] / small["r"]) ** 2 == pytest.approx(4)
    assert charts.project(0, 0)[0] == charts.MAP_W / 2 and "창춘시" in big["title"]
    paths = charts.world_paths()
    assert len(paths) > 50 and all(p.startswith("M") for p in paths)
    assert charts.LAND_FILE.stat().st_size < 300_000
    assert json.loads(charts.LAND_FILE.read_text())["type"] == "FeatureCollection"


def test_static_files_name_nothing_outside():
    for f in (ROOT / "plugins" / "diplomacy_ui").rglob("*"):
        if f.suffix in (".html", ".js", ".css"):
            text = f.read_text(encoding="utf-8")
            assert "http://" not in text and "https://" not in text and "//cdn" not in text, f


def test_plugin_file_imports_cheaply_without_the_app():
    code = (
        "import sys, json, runpy\n"
        f"runpy.run_path({str(ROOT / 'plugins' / 'diplomacy_plugin.py')!r})\n"
        "print(json.dumps([m for m in ['fastapi', 'duckdb', 'pyarrow', 'diplomacy_ui.app', 'airflow.api_fastapi.core_api.security'] if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_the_plugin_manager_sees_the_plugin_and_not_the_packages_modules():
    code = (
        "import json\n"
        "from airflow import plugins_manager\n"
        "plugins, errors = plugins_manager._get_plugins()\n"
        "print(json.dumps({'names': [p.name for p in plugins], 'errors': errors, "
        "'views': [v['url_route'] for p in plugins for v in p.external_views]}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["errors"] == {}
    assert got["names"] == ["diplomacy"]
    assert got["views"] == ["diplomacy-events", "diplomacy-run"]
