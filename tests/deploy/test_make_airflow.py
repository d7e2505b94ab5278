"""``make airflow`` from a clean shell: the embedded default (standalone, SQLite) comes up and
serves the review pages with no other set-up.

The shell is the one a newcomer has after cloning: the virtualenv is NOT activated (no
``VIRTUAL_ENV``, its ``bin`` not on ``PATH``), and nothing of the test harness's own Airflow or
diplomacy settings leaks in. ``airflow standalone`` starts its components as ``airflow`` from
``PATH``, so this is the set-up in which they used to die with ``FileNotFoundError: 'airflow'``.

Only what must differ from a developer's machine is set: ``AIRFLOW_HOME`` and the data folders in
a temporary directory, free ports, and the api-server bound to 127.0.0.1. ``DIPLOMACY_REVIEW_DB``
is deliberately left unset: the corrections store's default must work.

Under ``make test`` the project's own ``.venv`` is used as is. Run from another interpreter's
virtualenv (``/path/to/venv/bin/python -m pytest``), that virtualenv is handed to make
(``VENV=...``) and taken as installed (``-o``), so the test never reinstalls into it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest
from integration.stack import group_alive  # the native stack's process-group check

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HEALTHY_WITHIN = 600.0  # a deadline for a loaded 2-core machine, not a timing assertion
COMPONENTS = ("metadatabase", "scheduler", "dag_processor", "triggerer")
# Set by make, by the test harness or by an activated venv: none of them is in a fresh shell.
HARNESS_PREFIXES = ("AIRFLOW", "_AIRFLOW", "DIPLOMACY_", "MAKE", "MFLAGS", "GNUMAKEFLAGS")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def venv_dir() -> Path:
    """The virtualenv this test runs in (``sys.prefix``; not resolved: a venv's python is a symlink)."""
    return Path(sys.prefix)


def path_without(path: str, folder: Path) -> str:
    drop = {folder.absolute(), folder.resolve()}
    kept = [p for p in path.split(os.pathsep) if p and Path(p).absolute() not in drop]
    return os.pathsep.join(kept)


def fresh_shell_env(tmp: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV" and not k.startswith(HARNESS_PREFIXES)}
    env["PATH"] = path_without(env.get("PATH", ""), venv_dir() / "bin")
    env.update(
        {
            "AIRFLOW_HOME": str(tmp / "airflow_home"),
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__HOST": "127.0.0.1",
            # Standalone's scheduler and triggerer serve logs on 8793/8794 by default.
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
            "DIPLOMACY_LANDING_ROOT": str(tmp / "landing"),
            "DIPLOMACY_WAREHOUSE": str(tmp / "warehouse"),
        }
    )
    return env


def make_command(env: dict[str, str]) -> list[str]:
    make = shutil.which("make", path=env["PATH"])
    assert make, "make is not on PATH"
    cmd = [make, "--no-print-directory"]
    venv = venv_dir()
    if venv.absolute() != (ROOT / ".venv").absolute():
        cmd += [f"VENV={venv}", "-o", f"{venv}/.installed"]
    return [*cmd, "airflow"]


def stop_group(proc: subprocess.Popen, timeout: float = 60) -> list[int]:
    """SIGTERM to the whole process group (make, standalone and every component), then SIGKILL.
    Returns the pids that were still alive at the end (none, if all went well)."""
    try:
        family = [proc.pid] + [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        family = [proc.pid]
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while group_alive(proc.pid) and time.monotonic() < deadline:
        proc.poll()
        time.sleep(0.5)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    stray = [psutil.Process(pid) for pid in family if psutil.pid_exists(pid)]
    for p in stray:
        with contextlib.suppress(psutil.NoSuchProcess):
            p.kill()
    psutil.wait_procs(stray, timeout=10)
    return [p.pid for p in stray if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def tail(path: Path, lines: int = 80) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


@dataclass
class Standalone:
    proc: subprocess.Popen
    env: dict[str, str]
    url: str
    log: Path
    health: dict

    @property
    def home(self) -> Path:
        return Path(self.env["AIRFLOW_HOME"])

    def admin_token(self) -> str:
        passwords = self.home / "simple_auth_manager_passwords.json.generated"
        password = json.loads(passwords.read_text(encoding="utf-8"))["admin"]
        r = httpx.post(
            f"{self.url}/auth/token",
            json={"username": "admin", "password": password},
            timeout=30,
            trust_env=False,
        )
        assert r.status_code == 201, r.text
        return r.json()["access_token"]


def wait_healthy(proc: subprocess.Popen, url: str, log: Path) -> dict:
    deadline = time.monotonic() + HEALTHY_WITHIN
    last: object = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"make airflow exited with {proc.returncode}:\n{tail(log)}", pytrace=False)
        if "FileNotFoundError" in log.read_text(encoding="utf-8", errors="replace"):
            # The standalone outlives its components: without this it would wait out the deadline.
            pytest.fail(f"a component of make airflow could not start:\n{tail(log)}", pytrace=False)
        try:
            r = httpx.get(f"{url}/api/v2/monitor/health", timeout=10, trust_env=False)
            last = r.text
            health = r.json() if r.status_code == 200 else {}
            if all((health.get(c) or {}).get("status") == "healthy" for c in COMPONENTS):
                return health
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(2)
    pytest.fail(f"not healthy within {HEALTHY_WITHIN:.0f}s; last answer: {last}\n{tail(log)}", pytrace=False)


@pytest.fixture(scope="module")
def standalone(tmp_path_factory) -> Iterator[Standalone]:
    tmp = tmp_path_factory.mktemp("make-airflow")
    port = free_port()
    env = fresh_shell_env(tmp, port)
    log = tmp / "make-airflow.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            make_command(env),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: one signal reaches every component
        )
    try:
        url = f"http://127.0.0.1:{port}"
        yield Standalone(proc, env, url, log, wait_healthy(proc, url, log))
    finally:
        leftovers = stop_group(proc)
        assert not leftovers, f"processes of make airflow still alive: {leftovers}"


def test_the_shell_has_no_venv() -> None:
    """The premise: in the shell handed to make, `airflow` is not the venv's."""
    env = fresh_shell_env(Path("/nonexistent"), 0)
    assert "VIRTUAL_ENV" not in env
    found = shutil.which("airflow", path=env["PATH"])
    assert found is None or Path(found).parent.absolute() != (venv_dir() / "bin").absolute()


def test_make_airflow_becomes_healthy(standalone: Standalone) -> None:
    assert all(standalone.health[c]["status"] == "healthy" for c in COMPONENTS), standalone.health
    log = standalone.log.read_text(encoding="utf-8", errors="replace")
    assert "FileNotFoundError" not in log, tail(standalone.log)
    # The standalone's own SQLite database, in the AIRFLOW_HOME the shell gave it.
    assert (standalone.home / "airflow.db").is_file()


def test_the_review_plugin_is_served(standalone: Standalone) -> None:
    token = standalone.admin_token()
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=standalone.url, timeout=60, trust_env=False) as client:
        r = client.get("/api/v2/plugins", headers=headers, params={"limit": 100})
        assert r.status_code == 200, r.text
        plugins = {p["name"]: p for p in r.json()["plugins"]}
        assert "diplomacy" in plugins, f"plugins loaded: {sorted(plugins)}\n{tail(standalone.log)}"
        views = {v["name"] for v in plugins["diplomacy"]["external_views"]}
        assert {"Diplomacy events", "Diplomacy run"} <= views, views
        assert client.get("/diplomacy/events", headers=headers).status_code == 200
        assert client.get("/diplomacy/events").status_code == 401
