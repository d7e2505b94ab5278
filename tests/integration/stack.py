"""A small process manager for a native Airflow stack: PostgreSQL + Redis + Airflow services.

Everything the integration tests start is owned here and torn down here, by PID:

* a fresh PostgreSQL database ``diplomacy_it_<random>`` (dropped after its connections are
  terminated), and a second one for the review corrections store (``DIPLOMACY_REVIEW_DB``: its
  own database, as in docker-compose, never Airflow's),
* one Redis database number nobody else is using (claimed with a marker key, flushed after),
* ``airflow api-server``, ``scheduler``, ``dag-processor`` and, for the CeleryExecutor,
  ``celery worker``, each started in its own session so its whole process group (uvicorn
  workers, Celery pool children, task supervisors) can be signalled at once.

No Docker: the stack is the one ``docker-compose.yaml`` describes, run as local processes.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[2]
DAGS = ROOT / "dags"
PLUGINS = ROOT / "plugins"

PG_HOST = os.environ.get("DIPLOMACY_IT_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("DIPLOMACY_IT_PG_PORT", "5432"))
PG_USER = os.environ.get("DIPLOMACY_IT_PG_USER", "postgres")
REDIS_HOST = os.environ.get("DIPLOMACY_IT_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("DIPLOMACY_IT_REDIS_PORT", "6379"))

DB_PREFIX = "diplomacy_it_"
ADMIN = "admin"
REDIS_CLAIM_KEY = "diplomacy_it:claimed_by"

# A child that ignores SIGTERM this long gets SIGKILL.
STOP_TIMEOUT = 30.0


# -- services -------------------------------------------------------------------------------


def _pg_connect(dbname: str = "postgres"):
    import psycopg2

    conn = psycopg2.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=dbname, connect_timeout=3)
    conn.autocommit = True
    return conn


def _redis(db: int = 0):
    import redis

    return redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=db, socket_timeout=3, socket_connect_timeout=3)


def unavailable_services() -> list[str]:
    """Why PostgreSQL or Redis cannot be used (empty when both answer)."""
    problems = []
    try:
        _pg_connect().close()
    except Exception as exc:
        problems.append(f"PostgreSQL at {PG_USER}@{PG_HOST}:{PG_PORT} unreachable: {exc}".strip())
    try:
        _redis().ping()
    except Exception as exc:
        problems.append(f"Redis at {REDIS_HOST}:{REDIS_PORT} unreachable: {exc}".strip())
    return problems


def create_database(suffix: str = "") -> str:
    name = DB_PREFIX + secrets.token_hex(4) + suffix
    conn = _pg_connect()
    try:
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()
    return name


def drop_database(name: str) -> None:
    assert name.startswith(DB_PREFIX), name  # never drop anything this module did not create
    conn = _pg_connect()
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        conn.close()


def database_exists(name: str) -> bool:
    conn = _pg_connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            return cur.fetchone() is not None
    finally:
        conn.close()


def pg_url(db: str, driver: str = "postgresql+psycopg2") -> str:
    return f"{driver}://{PG_USER}@{PG_HOST}:{PG_PORT}/{db}"


def claim_redis_db(owner: str) -> int:
    """An empty Redis database number (1..N-1), claimed with a marker key so parallel runs differ."""
    try:
        count = int(_redis().config_get("databases").get("databases", 16))
    except Exception:
        count = 16
    numbers = list(range(1, count))
    secrets.SystemRandom().shuffle(numbers)
    for n in numbers:
        r = _redis(n)
        if r.dbsize() == 0 and r.set(REDIS_CLAIM_KEY, owner, nx=True):
            return n
    raise RuntimeError(f"no empty Redis database among 1..{count - 1} at {REDIS_HOST}:{REDIS_PORT}")


def flush_redis_db(n: int) -> None:
    assert n != 0, "refusing to flush Redis db 0"
    _redis(n).flushdb()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- processes ------------------------------------------------------------------------------


@dataclass
class Service:
    name: str
    proc: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    def tail(self, lines: int = 60) -> str:
        return tail(self.log, lines)


def tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return f"<{path} missing>"
    return "\n".join(text.splitlines()[-lines:])


def stop_process_group(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """Stop a service started with ``start_new_session=True`` (so its pgid is its pid).

    SIGTERM to the leader first (a Celery worker then finishes its running tasks, a scheduler
    stops its executor), then SIGTERM and finally SIGKILL to whatever is left of the process
    group, and SIGKILL to any descendant that left the group.
    """
    pid = proc.pid
    try:
        descendants = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        proc.wait(timeout=10)
    if group_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while group_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    alive = [p for p in descendants if _alive(p)]
    for p in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            p.kill()
    psutil.wait_procs(alive, timeout=10)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


# -- the stack ------------------------------------------------------------------------------


@dataclass
class AirflowStack:
    """Airflow services sharing one environment, one metadata DB and one Redis db."""

    base: Path
    executor: str  # "CeleryExecutor" | "LocalExecutor"
    database: str
    redis_db: int
    landing_root: Path
    warehouse: Path
    review_database: str  # the corrections store's own database (DIPLOMACY_REVIEW_DB)
    api_port: int = field(default_factory=free_port)
    services: list[Service] = field(default_factory=list)
    token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.home = self.base / "airflow_home"
        self.logs = self.base / "service_logs"
        for d in (self.home, self.logs, self.landing_root, self.warehouse):
            d.mkdir(parents=True, exist_ok=True)
        self.base_url = f"http://127.0.0.1:{self.api_port}"
        # SimpleAuthManager with a real admin login, as docker-compose's airflow-init writes it:
        # requests without a token are anonymous (401), which the plugin tests rely on.
        self.admin_password = secrets.token_urlsafe(16)
        self.passwords_file = self.home / "simple_auth_manager_passwords.json"
        self.passwords_file.write_text(json.dumps({ADMIN: self.admin_password}), encoding="utf-8")
        self.env = self._environment()

    # environment ---------------------------------------------------------------------------

    def _environment(self) -> dict[str, str]:
        # Start from the caller's environment minus any Airflow/diplomacy settings (the unit-test
        # conftest points AIRFLOW_HOME and the DB at a SQLite file in this very process).
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("AIRFLOW", "DIPLOMACY_", "_AIRFLOW")) and k.lower() not in _PROXY_VARS
        }
        bin_dir = str(Path(sys.executable).parent)
        env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
        env["NO_PROXY"] = env["no_proxy"] = "*"
        fernet = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        env.update(
            {
                "AIRFLOW_HOME": str(self.home),
                "AIRFLOW__CORE__EXECUTOR": self.executor,
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": pg_url(self.database),
                "AIRFLOW__CORE__FERNET_KEY": fernet,
                "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(64),
                "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(32),
                "AIRFLOW__API__BASE_URL": self.base_url,
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.base_url}/execution/",
                "AIRFLOW__CORE__AUTH_MANAGER": (
                    "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
                ),
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{ADMIN}:admin",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(self.passwords_file),
                "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
                "AIRFLOW__CORE__PLUGINS_FOLDER": str(PLUGINS),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
                "AIRFLOW__CORE__PARALLELISM": "4",
                "AIRFLOW__CELERY__WORKER_CONCURRENCY": "2",
                # Only triggered runs and backfills: an unpaused catchup=False DAG would otherwise
                # get a scheduled run for "yesterday" that competes with ours (max_active_runs=1).
                "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
                # Ports of the log servers the worker/scheduler start: free ones, not 8793/8794.
                "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
                "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
                "DIPLOMACY_LANDING_ROOT": str(self.landing_root),
                "DIPLOMACY_WAREHOUSE": str(self.warehouse),
                # The api-server writes corrections, the load task applies them: one store for all.
                "DIPLOMACY_REVIEW_DB": pg_url(self.review_database),
                "GX_ANALYTICS_ENABLED": "false",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if self.executor == "CeleryExecutor":
            env["AIRFLOW__CELERY__BROKER_URL"] = f"redis://{REDIS_HOST}:{REDIS_PORT}/{self.redis_db}"
            env["AIRFLOW__CELERY__RESULT_BACKEND"] = "db+" + pg_url(self.database, "postgresql")
        return env

    # processes -----------------------------------------------------------------------------

    def airflow(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "airflow", *args]

    def run(self, *args: str, timeout: float = 600) -> tuple[float, subprocess.CompletedProcess]:
        """Run an airflow CLI command to completion; return (seconds, result). Raises on failure."""
        t0 = time.monotonic()
        res = subprocess.run(
            self.airflow(*args),
            env=self.env,
            cwd=self.base,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        elapsed = time.monotonic() - t0
        if res.returncode != 0:
            raise RuntimeError(
                f"airflow {' '.join(args)} exited {res.returncode}\n"
                f"--- stdout ---\n{res.stdout[-4000:]}\n--- stderr ---\n{res.stderr[-4000:]}"
            )
        return elapsed, res

    def migrate(self) -> float:
        elapsed, _ = self.run("db", "migrate")
        return elapsed

    def start(self, name: str, *args: str) -> Service:
        log = self.logs / f"{name}.log"
        fh = open(log, "ab")  # noqa: SIM115 - the child owns it; closed right after Popen
        try:
            proc = subprocess.Popen(
                self.airflow(*args),
                env=self.env,
                cwd=self.base,
                stdin=subprocess.DEVNULL,
                stdout=fh,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            fh.close()
        svc = Service(name, proc, log)
        self.services.append(svc)
        return svc

    def start_services(self) -> None:
        self.start("api-server", "api-server", "--host", "127.0.0.1", "--port", str(self.api_port), "-w", "1")
        self.start("scheduler", "scheduler")
        self.start("dag-processor", "dag-processor")
        if self.executor == "CeleryExecutor":
            self.start(
                "celery-worker",
                "celery",
                "worker",
                "--concurrency",
                "2",
                "--celery-hostname",
                f"diplomacy-it-{self.database}@%h",
                "--without-gossip",
                "--without-mingle",
            )

    def service(self, name: str) -> Service:
        return next(s for s in self.services if s.name == name)

    def check_alive(self) -> None:
        dead = [s for s in self.services if s.proc.poll() is not None]
        if dead:
            raise RuntimeError(
                "service(s) exited: "
                + ", ".join(f"{s.name} (rc={s.proc.returncode})" for s in dead)
                + "\n"
                + "\n".join(f"--- {s.name} log ---\n{s.tail(80)}" for s in dead)
            )

    def stop(self) -> None:
        """Stop every service this stack started, newest first, by process group."""
        errors = []
        for svc in reversed(self.services):
            try:
                stop_process_group(svc.proc)
            except Exception as exc:  # keep going: every other service must still be stopped
                errors.append(f"{svc.name} (pid {svc.pid}): {exc!r}")
        self.services.clear()
        if errors:
            raise RuntimeError("could not stop: " + "; ".join(errors))

    def pids(self) -> list[int]:
        return [s.pid for s in self.services]

    # REST API (v2) -------------------------------------------------------------------------

    def client(self) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30, trust_env=False)

    def request(self, method: str, path: str, **kw) -> httpx.Response:
        with self.client() as c:
            return c.request(method, path, **kw)

    def api(self, method: str, path: str, **kw) -> dict:
        r = self.request(method, path, **kw)
        if r.status_code >= 400:
            raise RuntimeError(f"{method} {path} -> {r.status_code}: {r.text[:2000]}")
        return r.json()

    def wait_until_healthy(self, timeout: float = 180) -> dict:
        """Wait for the api-server, then for the scheduler and dag-processor heartbeats it reports."""
        wanted = ["metadatabase", "scheduler", "dag_processor"]
        deadline = time.monotonic() + timeout
        last: object = None
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                r = self.request("GET", "/api/v2/monitor/health")
                last = r.text
                if r.status_code == 200:
                    health = r.json()
                    if all((health.get(k) or {}).get("status") == "healthy" for k in wanted):
                        return health
            except httpx.HTTPError as exc:
                last = exc
            time.sleep(1)
        raise TimeoutError(f"stack not healthy after {timeout}s; last answer: {last}\n{self.diagnostics()}")

    def login(self) -> str:
        """The admin's JWT from SimpleAuthManager (POST /auth/token with the passwords file's login)."""
        r = self.request("POST", "/auth/token", json={"username": ADMIN, "password": self.admin_password})
        if r.status_code >= 400:
            raise RuntimeError(f"POST /auth/token -> {r.status_code}: {r.text[:500]}")
        self.token = r.json()["access_token"]
        return self.token

    def wait_for_dag(self, dag_id: str, timeout: float = 180) -> dict:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            self.check_alive()
            r = self.request("GET", f"/api/v2/dags/{dag_id}")
            if r.status_code == 200:
                return r.json()
            last = f"{r.status_code}: {r.text[:300]}"
            time.sleep(1)
        raise TimeoutError(f"DAG {dag_id} not parsed after {timeout}s (last: {last})\n{self.diagnostics()}")

    def unpause(self, dag_id: str) -> dict:
        return self.api("PATCH", f"/api/v2/dags/{dag_id}", json={"is_paused": False})

    def trigger(self, dag_id: str, *, logical_date: str, conf: dict, run_id: str | None = None) -> dict:
        body = {"logical_date": logical_date, "conf": conf}
        if run_id:
            body["dag_run_id"] = run_id
        return self.api("POST", f"/api/v2/dags/{dag_id}/dagRuns", json=body)

    def dag_runs(self, dag_id: str) -> list[dict]:
        return self.api("GET", f"/api/v2/dags/{dag_id}/dagRuns", params={"limit": 100})["dag_runs"]

    def wait_for_runs(self, dag_id: str, run_ids: Iterable[str], timeout: float = 600) -> dict[str, dict]:
        """Poll until every run is success or failed; return the runs by id."""
        pending = set(run_ids)
        done: dict[str, dict] = {}
        deadline = time.monotonic() + timeout
        while pending and time.monotonic() < deadline:
            self.check_alive()
            for run_id in sorted(pending):
                run = self.api("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")
                if run["state"] in ("success", "failed"):
                    done[run_id] = run
                    pending.discard(run_id)
            if pending:
                time.sleep(2)
        if pending:
            raise TimeoutError(
                f"runs {sorted(pending)} not finished after {timeout}s\n"
                + "\n".join(self.describe_run(dag_id, r) for r in sorted(pending))
                + "\n"
                + self.diagnostics()
            )
        return done

    def task_instances(self, dag_id: str, run_id: str) -> list[dict]:
        return self.api(
            "GET",
            f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances",
            params={"limit": 1000},
        )["task_instances"]

    # diagnosis -----------------------------------------------------------------------------

    def task_log_files(self, dag_id: str, run_id: str) -> list[Path]:
        root = self.home / "logs" / f"dag_id={dag_id}" / f"run_id={run_id}"
        return sorted(root.rglob("*.log")) if root.exists() else []

    def describe_run(self, dag_id: str, run_id: str, log_lines: int = 40) -> str:
        """Task states, and the log tails of every task that did not succeed."""
        out = [f"=== run {run_id} ==="]
        try:
            tis = self.task_instances(dag_id, run_id)
        except Exception as exc:
            return f"{out[0]}\n<task instances unavailable: {exc}>"
        for ti in sorted(tis, key=lambda t: (t["start_date"] or "", t["task_id"], t["map_index"])):
            out.append(
                f"  {ti['task_id']}[{ti['map_index']}] {ti['state']} try={ti['try_number']} "
                f"host={ti['hostname']} queue={ti['queue']} executor={ti['executor']}"
            )
        bad = {ti["task_id"] for ti in tis if ti["state"] not in ("success", "skipped")}
        for path in self.task_log_files(dag_id, run_id):
            task_dir = next((p.name for p in path.parents if p.name.startswith("task_id=")), "")
            if task_dir.removeprefix("task_id=") in bad:
                lines = tail(path, log_lines).splitlines()
                body = "\n".join(render_task_log_line(line) for line in lines)
                out.append(f"--- {path.relative_to(self.home / 'logs')} ---\n{body}")
        return "\n".join(out)

    def diagnostics(self, lines: int = 40) -> str:
        return "\n".join(f"--- {s.name} (pid {s.pid}) log ---\n{s.tail(lines)}" for s in self.services)


def render_task_log_line(line: str) -> str:
    """A task log line (JSON in Airflow 3) as ``time level event``, with any exception and the
    innermost frames that raised it."""
    try:
        rec = json.loads(line)
    except ValueError:
        return line
    if not isinstance(rec, dict):
        return line
    text = f"{rec.get('timestamp', '')} {rec.get('level', '')} {rec.get('event', '')}"
    for exc in rec.get("error_detail") or []:
        text += f"\n    {exc.get('exc_type')}: {exc.get('exc_value')}"
        for frame in (exc.get("frames") or [])[-3:]:
            text += f"\n      {frame.get('filename')}:{frame.get('lineno')} in {frame.get('name')}"
    return text


_WORKLOAD_RE = re.compile(r"Workload finished.*?final_state=(\S+).*?workload_id=(\S+)")


def finished_workloads(log: Path) -> dict[str, str]:
    """``{task instance id: final state}`` from the supervisor lines of a service log.

    Airflow's task supervisor logs ``Workload finished ... final_state=... workload_id=<ti id>``
    in the process that ran the task: the Celery worker, or the scheduler for the LocalExecutor.
    """
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return {}
    return {m.group(2): m.group(1) for m in _WORKLOAD_RE.finditer(text)}


def wait_for_workloads(log: Path, ti_ids: Iterable[str], timeout: float = 60) -> dict[str, str]:
    """Wait until every task instance id has a finished line in ``log`` (the supervisor logs it
    a moment after the task reported its state to the API server); return what was found."""
    wanted = set(ti_ids)
    deadline = time.monotonic() + timeout
    while True:
        found = finished_workloads(log)
        if wanted <= found.keys() or time.monotonic() > deadline:
            return {k: v for k, v in found.items() if k in wanted}
        time.sleep(1)


def celery_results(database: str) -> dict[str, int]:
    """Task results per status in the Celery result backend table (``celery_taskmeta``)."""
    conn = _pg_connect(database)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT status, count(*) FROM celery_taskmeta GROUP BY status")
            return dict(cur.fetchall())
    finally:
        conn.close()


def copy_landing_day(
    sample_day_dir: Path, landing_root: Path, day: str, names: Iterable[str] | None = None
) -> Path:
    """Copy a sample landing day (or some of its files) to ``landing_root/day``."""
    target = landing_root / day
    target.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in sample_day_dir.iterdir() if p.is_file())
    if names is not None:
        wanted = set(names)
        files = [p for p in files if p.name in wanted]
    for p in files:
        shutil.copy2(p, target / p.name)
    return target


_PROXY_VARS = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
