"""Fixtures of the plugin tests: a real api-server with the plugin (session), small warehouses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))  # the api-server puts the plugins folder on its path too

from .server import ApiServer, start_api_server


@pytest.fixture(scope="session")
def api_server(tmp_path_factory) -> ApiServer:
    """The api-server with the diplomacy plugin, the sample day loaded, users admin/analyst/viewer."""
    server = start_api_server(Path(tmp_path_factory.mktemp("api-server")))
    try:
        yield server
    finally:
        server.stop()
