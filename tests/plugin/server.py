"""A real `airflow api-server` with the diplomacy plugin, for the plugin's tests (and the browser test).

`start_api_server(tmp)` makes a private AIRFLOW_HOME (SQLite metadata DB, migrated), a
warehouse filled by the sample landing day through the real pipeline (`python -m diplomacy
run`), a SQLite review store, the Simple auth manager with three users (admin, analyst =
role user, viewer) and fixed passwords, a shared JWT secret, and the api-server on a free
port in its own process group. `ApiServer.stop()` stops the whole group.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DAY = "2024-11-08"
USERS = {"admin": "admin", "analyst": "user", "viewer": "viewer"}  # user -> Simple auth manager role
START_TIMEOUT = 240.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(home: Path, warehouse: Path, passwords_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW__")}
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
            "AIRFLOW__CORE__AUTH_MANAGER": (
                "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
            ),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": ",".join(f"{u}:{r}" for u, r in USERS.items()),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords_file),
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
            "AIRFLOW__API__EXPOSE_CONFIG": "False",
            "DIPLOMACY_WAREHOUSE": str(warehouse),
            "DIPLOMACY_REVIEW_DB": f"sqlite:///{home}/review.db",
            "GX_ANALYTICS_ENABLED": "false",
            "NO_PROXY": "*",
            # the checkout's library first; the plugins folder is put on the path by Airflow itself
            "PYTHONPATH": os.pathsep.join(
                p
                for p in [str(ROOT / "include"), *env.get("PYTHONPATH", "").split(os.pathsep)]
                if p and Path(p).resolve() != (ROOT / "plugins").resolve()
            ),
        }
    )
    return env


@dataclass
class ApiServer:
    url: str
    home: Path
    warehouse: Path
    env: dict[str, str]
    proc: subprocess.Popen | None = None
    log: Path | None = None
    _passwords: dict[str, str] = field(default_factory=dict)
    _tokens: dict[str, str] = field(default_factory=dict)

    def password(self, user: str) -> str:
        return self._passwords[user]

    def token(self, user: str) -> str:
        """A JWT for `user`, from the Simple auth manager's POST /auth/token."""
        if user not in self._tokens:
            r = httpx.post(
                f"{self.url}/auth/token",
                json={"username": user, "password": self.password(user)},
                timeout=30,
            )
            r.raise_for_status()
            self._tokens[user] = r.json()["access_token"]
        return self._tokens[user]

    def client(self, user: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token(user)}"} if user else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60, follow_redirects=False)

    def tail(self, lines: int = 80) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):  # uvicorn workers left behind, if any
            os.killpg(self.proc.pid, signal.SIGKILL)


def _run(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    fh = open(log, "wb")  # noqa: SIM115  (the child owns it; closed with the process)
    return subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
    )


def _wait(proc: subprocess.Popen, log: Path, what: str, timeout: float = 600) -> None:
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    if rc != 0:
        raise RuntimeError(f"{what} failed ({rc}):\n{log.read_text(errors='replace')[-4000:]}")


def prepare(tmp: Path) -> ApiServer:
    """Home, warehouse and metadata DB (migrate and the sample run go side by side)."""
    home, warehouse = tmp / "airflow_home", tmp / "warehouse"
    home.mkdir(parents=True, exist_ok=True)
    passwords = {u: f"{u}-{secrets.token_hex(6)}" for u in USERS}
    passwords_file = home / "passwords.json"
    passwords_file.write_text(json.dumps(passwords), encoding="utf-8")
    env = server_env(home, warehouse, passwords_file)
    migrate = _run([sys.executable, "-m", "airflow", "db", "migrate"], env, home / "migrate.log")
    sample = _run(
        [
            sys.executable,
            "-m",
            "diplomacy",
            "run",
            "--input",
            str(ROOT / "include" / "sample" / "landing" / SAMPLE_DAY),
            "--warehouse",
            str(warehouse),
            "--date",
            SAMPLE_DAY,
        ],
        env,
        home / "sample-run.log",
    )
    _wait(sample, home / "sample-run.log", "the sample run")
    _wait(migrate, home / "migrate.log", "airflow db migrate")
    return ApiServer(url="", home=home, warehouse=warehouse, env=env, _passwords=passwords)


def start(server: ApiServer) -> ApiServer:
    port = free_port()
    server.url = f"http://127.0.0.1:{port}"
    server.log = server.home / "api-server.log"
    server.proc = _run(
        [
            sys.executable,
            "-m",
            "airflow",
            "api-server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "-w",
            "1",
        ],
        server.env,
        server.log,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"the api-server exited ({server.proc.returncode}):\n{server.tail()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{server.url}/api/v2/monitor/health", timeout=5).status_code == 200:
                return server
        time.sleep(1)
    server.stop()
    raise RuntimeError(f"the api-server did not answer within {START_TIMEOUT:.0f} s:\n{server.tail()}")


def start_api_server(tmp: Path) -> ApiServer:
    return start(prepare(tmp))
