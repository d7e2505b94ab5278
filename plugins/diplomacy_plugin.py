"""Airflow plugin: the Diplomacy events pages, served by the api-server under /diplomacy.

* a FastAPI app (plugins/diplomacy_ui) mounted at /diplomacy: events table and event page
  with review, pictures, the run tab and the run's Great Expectations Data Docs;
* external views: "Diplomacy events" in the navigation and "Diplomacy run" as a tab of
  every DAG run (the page tells a run of another DAG that it is not one of ours).

Importing this file is cheap and touches no database: schedulers and workers load plugins
too, so the app (FastAPI, DuckDB, the api-server's security module) is imported on the
api-server's first request to /diplomacy, not here.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from airflow.plugins_manager import AirflowPlugin


class DiplomacyApp:
    """An ASGI app that imports and delegates to diplomacy_ui.app on first use."""

    def __init__(self) -> None:
        self._app = None
        self._lock = threading.Lock()

    def load(self):
        with self._lock:
            if self._app is None:
                from diplomacy_ui.app import app

                self._app = app
        return self._app

    async def __call__(self, scope, receive, send) -> None:
        await self.load()(scope, receive, send)


class DiplomacyPlugin(AirflowPlugin):
    name = "diplomacy"
    fastapi_apps: ClassVar[list[dict[str, Any]]] = [
        {"app": DiplomacyApp(), "url_prefix": "/diplomacy", "name": "Diplomacy events"}
    ]
    external_views: ClassVar[list[dict[str, Any]]] = [
        {
            "name": "Diplomacy events",
            "href": "diplomacy/events",
            "destination": "nav",
            "url_route": "diplomacy-events",
            "nav_top_level": True,
        },
        {
            "name": "Diplomacy run",
            "href": "diplomacy/runs/{RUN_ID}?dag_id={DAG_ID}",
            "destination": "dag_run",
            "url_route": "diplomacy-run",
        },
    ]
