"""Session-wide test set-up: a private AIRFLOW_HOME, one migrated SQLite DB, one DagBag.

Airflow reads its configuration when first imported, so the environment is fixed here,
at conftest import, before any test module imports airflow.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DAY = "2024-11-08"
SAMPLE_LANDING = ROOT / "include" / "sample" / "landing"
SHARED = ROOT.parent / "shared"

_HOME = Path(tempfile.mkdtemp(prefix="diplomacy-airflow-home-"))
os.environ["AIRFLOW_HOME"] = str(_HOME)
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(ROOT / "dags")
os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(ROOT / "plugins")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "False"
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_HOME}/airflow.db"
os.environ["GX_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("DIPLOMACY_KIWI_WORKERS", "2")
# a shell's corrections store (even a production one) must never reach the tests: each test that
# needs a store names its own, and the rest get the default beside their temporary warehouse
os.environ.pop("DIPLOMACY_REVIEW_DB", None)


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """A migrated metadata DB for tests that run DAGs (dag.test needs one)."""
    subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"],
        check=True,
        env=os.environ.copy(),
        capture_output=True,
    )
    return _HOME / "airflow.db"


@pytest.fixture(scope="session")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))


@pytest.fixture
def landing(tmp_path, monkeypatch) -> Path:
    """A landing root with the sample day, and a warehouse, wired through the environment."""
    import shutil

    root = tmp_path / "landing"
    shutil.copytree(SAMPLE_LANDING, root)
    monkeypatch.setenv("DIPLOMACY_LANDING_ROOT", str(root))
    monkeypatch.setenv("DIPLOMACY_WAREHOUSE", str(tmp_path / "warehouse"))
    return root


@pytest.fixture(scope="session")
def api_server(tmp_path_factory):
    """A real api-server with the diplomacy plugin, the sample day loaded, users admin / analyst
    (role user) / viewer (tests/plugin/server.py); one per session, shared by the plugin's API tests
    and the browser tests."""
    from plugin.server import start_api_server

    server = start_api_server(Path(tmp_path_factory.mktemp("api-server")))
    try:
        yield server
    finally:
        server.stop()
