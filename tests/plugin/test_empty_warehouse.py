"""A deployment whose warehouse has no table yet shows empty pages, not errors.

In process (fastapi TestClient) with the auth dependency satisfied: authentication itself is
tested against the real api-server (test_api_server.py)."""

from __future__ import annotations

import pytest
from airflow.api_fastapi.core_api.security import get_user
from fastapi.testclient import TestClient


@pytest.fixture
def client(tmp_path, monkeypatch):
    from diplomacy_ui.app import app
    from diplomacy_ui.security import read_access

    monkeypatch.setenv("DIPLOMACY_WAREHOUSE", str(tmp_path / "empty-warehouse"))
    monkeypatch.setenv("DIPLOMACY_REVIEW_DB", f"sqlite:///{tmp_path}/review.db")
    app.dependency_overrides[read_access] = lambda: None
    app.dependency_overrides[get_user] = lambda: None
    try:
        with TestClient(app, root_path="/diplomacy") as c:
            yield c
    finally:
        app.dependency_overrides.clear()


def test_pages_and_api_on_an_empty_warehouse(client):
    page = client.get("/events")
    assert (
        page.status_code == 200 and '<span id="total">0</span>' in page.text and "No events yet" in page.text
    )
    assert client.get("/api/events").json() == {"total": 0, "page": 1, "page_size": 50, "rows": []}
    assert client.get("/api/facets").status_code == 200
    assert client.get("/api/stats/monthly").json() == [] and client.get("/api/stats/partners").json() == []
    pictures = client.get("/pictures")
    assert (
        pictures.status_code == 200 and 'id="map"' in pictures.text and "No dated events yet" in pictures.text
    )
    assert client.get("/runs/manual__2024-11-08").status_code == 200
    assert client.get("/api/runs/manual__2024-11-08").status_code == 404
    assert client.get("/api/events/x").status_code == 404
    assert client.get("/data-docs/index.html").status_code == 404
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
