"""Static checks of the container deployment.

There is no Docker engine on the development machines or in CI, so nothing here
starts a container: the compose file has to be right by construction, and these
tests pin down the properties whose loss would only show up on a real host
(a service never becoming healthy, a worker that cannot be scaled, a credential
committed to git, an image whose Airflow differs from the one we test against).
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yaml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
REQUIREMENTS = ROOT / "requirements.txt"
DOCKERIGNORE = ROOT / ".dockerignore"

IMAGE_REF = "${AIRFLOW_IMAGE_NAME:-municipal-diplomacy-airflow:latest}"
LANDING_TARGET = "/opt/airflow/landing"
WAREHOUSE_TARGET = "/opt/airflow/warehouse"

AIRFLOW_LONG_RUNNING = (
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-worker",
    "airflow-triggerer",
)
AIRFLOW_SERVICES = (*AIRFLOW_LONG_RUNNING, "airflow-init", "flower")
BACKING_SERVICES = ("postgres", "redis")
LONG_RUNNING = (*BACKING_SERVICES, *AIRFLOW_LONG_RUNNING, "flower")

SECRET_NAME = re.compile(r"PASSWORD|SECRET|FERNET|KEY|_CONN|BROKER_URL|RESULT_BACKEND|_AUTH$")
# scheme://user:password@  -- the password group is what must never be literal.
CREDENTIAL_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://(?P<user>[^\s:/@]*):(?P<password>[^\s@]*)@")
# A ${...} reference compose will substitute; "$${" is an escaped, literal "${".
VAR_REF = re.compile(r"(?<!\$)\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}")
BARE_VAR_REF = re.compile(r"(?<!\$)\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)")
WHOLE_VAR_REF = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?+][^}]*)?\}")


# --------------------------------------------------------------------------- helpers


def load_compose() -> dict[str, Any]:
    with COMPOSE_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load_compose()


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    return compose["services"]


def env_of(service: Mapping[str, Any]) -> dict[str, str]:
    """Compose allows environment as a mapping or a KEY=VALUE list; normalise it."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def volume_map(service: Mapping[str, Any]) -> dict[str, str]:
    """Container path -> host source, for the short and long volume syntaxes."""
    mounts: dict[str, str] = {}
    for vol in service.get("volumes") or []:
        if isinstance(vol, dict):
            mounts[vol["target"]] = vol.get("source", "")
            continue
        # The source may itself contain ":" (e.g. "${X:-./landing}"), so split from the right.
        parts = vol.rsplit(":", 2)
        if len(parts) == 3 and parts[2] in {"ro", "rw", "z", "Z", "cached", "delegated", "consistent"}:
            source, target = parts[0], parts[1]
        else:
            source, target = vol.rsplit(":", 1)
        mounts[target] = source
    return mounts


def healthcheck_test(service: Mapping[str, Any]) -> str:
    test = (service.get("healthcheck") or {}).get("test")
    if isinstance(test, list):
        return " ".join(str(part) for part in test)
    return str(test or "")


def walk_strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in the parsed document, keys included, with where it was found."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}.{key}", str(key)
            yield from walk_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from walk_strings(item, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def literal_credentials(text: str) -> list[str]:
    """Credential URLs in ``text`` whose password is not wholly a ${VAR} reference."""
    found = []
    for match in CREDENTIAL_URL.finditer(text):
        password = match.group("password")
        if password and not WHOLE_VAR_REF.fullmatch(password):
            found.append(match.group(0))
    return found


def referenced_vars(compose: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for _, text in walk_strings(compose):
        names.update(m.group("name") for m in VAR_REF.finditer(text))
    return names


def parse_env_example() -> tuple[dict[str, str], set[str]]:
    """Active assignments, and every name documented (active or commented out)."""
    active: dict[str, str] = {}
    documented: set[str] = set()
    for raw in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        commented = re.match(r"#\s*([A-Za-z_][A-Za-z0-9_]*)=", line)
        if commented:
            documented.add(commented.group(1))
            continue
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        active[name.strip()] = value.strip()
        documented.add(name.strip())
    return active, documented


class MissingRequiredVariable(Exception):
    pass


def interpolate(text: str, env: Mapping[str, str]) -> str:
    """The subset of compose interpolation this project uses, to test what compose will see."""

    def substitute(match: re.Match[str]) -> str:
        name, op, arg = match.group("name"), match.group("op"), match.group("arg")
        value = env.get(name)
        unset_or_empty = not value if op and op.startswith(":") else value is None
        if op in (":-", "-"):
            return arg if unset_or_empty else value
        if op in (":?", "?"):
            if unset_or_empty:
                raise MissingRequiredVariable(f"{name}: {arg}")
            return value
        if op in (":+", "+"):
            return "" if unset_or_empty else arg
        return value or ""

    # Protect escaped dollars, substitute, then unescape -- compose's own order.
    protected = text.replace("$$", "\0")
    protected = VAR_REF.sub(substitute, protected)
    return protected.replace("\0", "$")


def interpolate_tree(node: Any, env: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        return {k: interpolate_tree(v, env) for k, v in node.items()}
    if isinstance(node, list):
        return [interpolate_tree(v, env) for v in node]
    if isinstance(node, str):
        return interpolate(node, env)
    return node


# --------------------------------------------------------------------- the services


def test_required_services_exist(services: dict[str, Any]) -> None:
    missing = set(AIRFLOW_SERVICES + BACKING_SERVICES) - set(services)
    assert not missing, f"services missing from docker-compose.yaml: {sorted(missing)}"


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_airflow_services_run_the_project_image(services: dict[str, Any], name: str) -> None:
    """A service on the stock image would lack kiwipiepy and the diplomacy package."""
    service = services[name]
    assert service.get("image") == IMAGE_REF
    build = service.get("build")
    context = build.get("context") if isinstance(build, dict) else build
    assert context in {".", "./"}, f"{name} must be built from the repo's Dockerfile"


def test_flower_is_opt_in(services: dict[str, Any]) -> None:
    assert services["flower"].get("profiles") == ["flower"]


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_long_running_services_have_healthchecks(services: dict[str, Any], name: str) -> None:
    healthcheck = services[name].get("healthcheck") or {}
    assert not healthcheck.get("disable"), f"{name} healthcheck is disabled"
    test = healthcheck.get("test")
    assert isinstance(test, list) and test[0] in {"CMD", "CMD-SHELL"} and len(test) > 1, (
        f"{name} needs a healthcheck: depends_on service_healthy and restart policies rely on it"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("postgres", "pg_isready"),
        ("redis", "redis-cli ping"),
        ("airflow-apiserver", "http://localhost:8080/api/v2/version"),
        ("airflow-scheduler", "http://localhost:8974/health"),
        ("airflow-dag-processor", 'airflow jobs check --job-type DagProcessorJob --hostname "$${HOSTNAME}"'),
        ("airflow-triggerer", 'airflow jobs check --job-type TriggererJob --hostname "$${HOSTNAME}"'),
        (
            "airflow-worker",
            'celery --app airflow.providers.celery.executors.celery_executor.app inspect ping -d "celery@$${HOSTNAME}"',
        ),
        ("flower", "http://localhost:5555/"),
    ],
)
def test_healthchecks_probe_the_right_thing(services: dict[str, Any], name: str, expected: str) -> None:
    assert expected in healthcheck_test(services[name])


def test_redis_healthcheck_authenticates(services: dict[str, Any]) -> None:
    """An unauthenticated ping gets NOAUTH; only an authenticated PONG proves Celery can connect."""
    redis = services["redis"]
    assert "PONG" in healthcheck_test(redis)
    assert env_of(redis).get("REDISCLI_AUTH", "").startswith("${REDIS_PASSWORD")
    command = redis.get("command")
    assert isinstance(command, list) and "--requirepass" in command
    assert command[command.index("--requirepass") + 1].startswith("${REDIS_PASSWORD:?")


def test_scheduler_health_server_is_enabled(services: dict[str, Any]) -> None:
    # Without it nothing listens on :8974 and the scheduler never turns healthy.
    assert env_of(services["airflow-scheduler"]).get("AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK") == "true"


@pytest.mark.parametrize("name", (*AIRFLOW_LONG_RUNNING, "flower"))
def test_airflow_services_wait_for_backends_and_init(services: dict[str, Any], name: str) -> None:
    depends = services[name].get("depends_on") or {}
    assert isinstance(depends, dict), f"{name}: depends_on needs conditions, not a bare list"
    assert depends.get("postgres", {}).get("condition") == "service_healthy"
    assert depends.get("redis", {}).get("condition") == "service_healthy"
    assert depends.get("airflow-init", {}).get("condition") == "service_completed_successfully"


def test_init_waits_for_backends(services: dict[str, Any]) -> None:
    depends = services["airflow-init"].get("depends_on") or {}
    assert depends.get("postgres", {}).get("condition") == "service_healthy"
    assert depends.get("redis", {}).get("condition") == "service_healthy"


def test_worker_waits_for_execution_api(services: dict[str, Any]) -> None:
    depends = services["airflow-worker"]["depends_on"]
    assert depends.get("airflow-apiserver", {}).get("condition") == "service_healthy"


def test_init_migrates_and_provisions_admin(services: dict[str, Any]) -> None:
    init = services["airflow-init"]
    env = env_of(init)
    assert env.get("_AIRFLOW_DB_MIGRATE") == "true"
    assert env.get("_AIRFLOW_WWW_USER_CREATE") == "true"
    assert env.get("_AIRFLOW_WWW_USER_USERNAME", "").startswith("${_AIRFLOW_WWW_USER_USERNAME:?")
    assert env.get("_AIRFLOW_WWW_USER_PASSWORD", "").startswith("${_AIRFLOW_WWW_USER_PASSWORD:?")
    assert init.get("user") == "0:0", "airflow-init must run as root to chown the mounted folders"
    script = "\n".join(init["command"]) if isinstance(init["command"], list) else init["command"]
    assert "/entrypoint airflow version" in script
    assert "airflow db check-migrations" in script
    assert "chown" in script
    assert "$${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE}" in script


def test_simple_auth_manager_admin_comes_from_env(services: dict[str, Any]) -> None:
    env = env_of(services["airflow-apiserver"])
    assert env["AIRFLOW__CORE__AUTH_MANAGER"].endswith("simple_auth_manager.SimpleAuthManager")
    assert env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS"].startswith("${_AIRFLOW_WWW_USER_USERNAME")
    assert env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS"].endswith(":admin")
    passwords_file = env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
    # The file must sit on a volume that both the writer (init) and reader (api-server) mount,
    # and that is not a bind mount of the working tree (it holds a plaintext password).
    for name in ("airflow-init", "airflow-apiserver"):
        mounts = volume_map(services[name])
        holders = [t for t in mounts if passwords_file.startswith(t.rstrip("/") + "/")]
        assert holders, f"{name} does not mount the directory of {passwords_file}"
        source = mounts[max(holders, key=len)]
        assert not source.startswith((".", "/", "$")), f"{passwords_file} is on a bind mount: {source}"


# ------------------------------------------------------------- executor and scaling


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_celery_executor_everywhere(services: dict[str, Any], name: str) -> None:
    env = env_of(services[name])
    assert env.get("AIRFLOW__CORE__EXECUTOR") == "CeleryExecutor"
    assert env.get("AIRFLOW__CELERY__BROKER_URL", "").startswith("redis://")
    assert env.get("AIRFLOW__CELERY__RESULT_BACKEND", "").startswith("db+postgresql://")
    assert env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "").startswith("postgresql+psycopg2://")
    assert env.get("AIRFLOW__CORE__EXECUTION_API_SERVER_URL") == "http://airflow-apiserver:8080/execution/"
    assert env.get("AIRFLOW__CORE__LOAD_EXAMPLES") == "false"


def test_concurrency_defaults_fit_the_kiwi_model(services: dict[str, Any]) -> None:
    """Each extract task holds a ~0.5 GB Kiwi model; large defaults would OOM a laptop."""
    env = env_of(services["airflow-worker"])

    def default(value: str) -> int:
        match = re.fullmatch(r"\$\{[A-Za-z_][A-Za-z0-9_]*:-(\d+)\}|(\d+)", value)
        assert match, f"expected an integer or ${{VAR:-N}}, got {value!r}"
        return int(match.group(1) or match.group(2))

    assert default(env["AIRFLOW__CELERY__WORKER_CONCURRENCY"]) <= 4
    assert default(env["AIRFLOW__CORE__PARALLELISM"]) <= 8


def test_worker_is_scalable(services: dict[str, Any]) -> None:
    """`docker compose up --scale airflow-worker=N` fails on a fixed name or host port."""
    worker = services["airflow-worker"]
    assert "container_name" not in worker
    assert not worker.get("ports")
    assert env_of(worker).get("DUMB_INIT_SETSID") == "0"
    assert worker.get("command") == "celery worker"


# -------------------------------------------------------------------------- volumes


@pytest.mark.parametrize("name", AIRFLOW_LONG_RUNNING)
def test_data_folders_are_mounted_where_the_pipeline_looks(services: dict[str, Any], name: str) -> None:
    """Tasks run on any worker and the api-server reads logs and outputs: all must see the same paths."""
    service = services[name]
    mounts = volume_map(service)
    env = env_of(service)
    assert mounts.get(LANDING_TARGET) == "${DIPLOMACY_LANDING_DIR:-./landing}"
    assert mounts.get(WAREHOUSE_TARGET) == "${DIPLOMACY_WAREHOUSE_DIR:-./warehouse}"
    assert env.get("DIPLOMACY_LANDING_ROOT") == LANDING_TARGET
    assert env.get("DIPLOMACY_WAREHOUSE") == WAREHOUSE_TARGET
    assert env.get("GX_ANALYTICS_ENABLED") == "false"
    for target, source in {
        "/opt/airflow/dags": "./dags",
        "/opt/airflow/plugins": "./plugins",
        "/opt/airflow/include": "./include",
        "/opt/airflow/logs": "./logs",
        "/opt/airflow/config": "./config",
    }.items():
        assert mounts.get(target) == source, f"{name}: {target} should be mounted from {source}"
    assert service.get("user") == "${AIRFLOW_UID:-50000}:0"


# -------------------------------------------------------------------------- secrets


def test_credential_detector_flags_literal_passwords() -> None:
    # Guards the guard: if the regex stops matching, the secret tests pass vacuously.
    assert literal_credentials("postgresql+psycopg2://airflow:airflow@postgres/airflow")
    assert literal_credentials("redis://:hunter2@redis:6379/0")
    assert literal_credentials("db+postgresql://${POSTGRES_USER}:pw${POSTGRES_PASSWORD}@postgres/db")
    assert not literal_credentials(
        "postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD:?x}@postgres/db"
    )
    assert not literal_credentials("redis://:${REDIS_PASSWORD}@redis:6379/0")
    assert not literal_credentials("http://airflow-apiserver:8080/execution/")


def test_no_literal_credentials_anywhere(compose: dict[str, Any]) -> None:
    leaks = [(path, hit) for path, text in walk_strings(compose) for hit in literal_credentials(text)]
    assert not leaks, f"literal credentials in docker-compose.yaml: {leaks}"
    # Comments are not parsed, so scan the raw text too (e.g. a commented-out example URL).
    raw_leaks = literal_credentials(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert not raw_leaks, f"literal credentials in docker-compose.yaml text: {raw_leaks}"


def test_secret_env_vars_come_from_env_file(services: dict[str, Any]) -> None:
    checked = 0
    for name, service in services.items():
        for key, value in env_of(service).items():
            if not SECRET_NAME.search(key):
                continue
            if key.endswith("_FILE"):
                # A path to a secret, not a secret.
                assert value.startswith("/"), f"{name}.{key} should be an absolute path"
                continue
            checked += 1
            assert "${" in value, f"{name}.{key} is a literal secret: {value!r}"
    # postgres, redis and every Airflow service carry secrets; a low count means the walk broke.
    assert checked >= 5 * len(AIRFLOW_SERVICES)


def test_secrets_are_required_not_defaulted(compose: dict[str, Any]) -> None:
    """A ${VAR:-default} secret would silently start with a guessable credential."""
    secret_vars: set[str] = set()
    required: set[str] = set()
    for _, text in walk_strings(compose):
        for match in VAR_REF.finditer(text):
            name, op = match.group("name"), match.group("op")
            if op == ":?":
                required.add(name)
            if SECRET_NAME.search(name) or name in {"POSTGRES_USER", "POSTGRES_DB"}:
                secret_vars.add(name)
                assert op in (None, ":?"), f"${{{name}{op}...}} gives a secret a fallback"
    assert secret_vars >= {
        "POSTGRES_PASSWORD",
        "REDIS_PASSWORD",
        "AIRFLOW__CORE__FERNET_KEY",
        "AIRFLOW__API_AUTH__JWT_SECRET",
        "AIRFLOW__API__SECRET_KEY",
        "_AIRFLOW_WWW_USER_PASSWORD",
    }
    assert secret_vars <= required, f"secrets never marked required: {sorted(secret_vars - required)}"


def test_compose_refuses_to_start_without_secrets(compose: dict[str, Any]) -> None:
    with pytest.raises(MissingRequiredVariable):
        interpolate_tree(compose, {"AIRFLOW_UID": "1000"})


# ---------------------------------------------------------------------- .env.example


def test_every_variable_is_documented_in_env_example(compose: dict[str, Any]) -> None:
    _, documented = parse_env_example()
    used = referenced_vars(compose)
    assert used, "no ${VAR} references found; the parser is broken"
    undocumented = used - documented
    assert not undocumented, f"add to .env.example: {sorted(undocumented)}"


def test_no_unbraced_variables(compose: dict[str, Any]) -> None:
    # $VAR is interpolated by compose too, but the other checks only understand ${VAR}.
    bare = [(path, m.group(0)) for path, text in walk_strings(compose) for m in BARE_VAR_REF.finditer(text)]
    assert not bare, f"use ${{VAR}} (or $$VAR for the container shell): {bare}"


def test_env_example_placeholders_are_not_real_secrets() -> None:
    active, _ = parse_env_example()
    secrets = {k: v for k, v in active.items() if SECRET_NAME.search(k)}
    assert {"POSTGRES_PASSWORD", "REDIS_PASSWORD", "AIRFLOW__CORE__FERNET_KEY"} <= set(secrets)
    for key, value in secrets.items():
        assert "change-me" in value, f".env.example {key} must be an obvious placeholder"
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    assert "Fernet.generate_key()" in text
    assert "openssl rand -hex 32" in text


def test_compose_resolves_with_env_example(compose: dict[str, Any]) -> None:
    """With .env.example filled in, every reference resolves and the URLs point at our services."""
    active, _ = parse_env_example()
    resolved = interpolate_tree(compose, active)
    env = env_of(resolved["services"]["airflow-scheduler"])
    user, password, db = active["POSTGRES_USER"], active["POSTGRES_PASSWORD"], active["POSTGRES_DB"]
    assert (
        env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] == f"postgresql+psycopg2://{user}:{password}@postgres/{db}"
    )
    assert env["AIRFLOW__CELERY__RESULT_BACKEND"] == f"db+postgresql://{user}:{password}@postgres/{db}"
    assert env["AIRFLOW__CELERY__BROKER_URL"] == f"redis://:{active['REDIS_PASSWORD']}@redis:6379/0"
    assert env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS"] == f"{active['_AIRFLOW_WWW_USER_USERNAME']}:admin"
    # Escaped $$ must reach the container shell as a single $.
    assert '"$${HOSTNAME}"' not in healthcheck_test(resolved["services"]["airflow-triggerer"])
    assert '"${HOSTNAME}"' in healthcheck_test(resolved["services"]["airflow-triggerer"])


# ----------------------------------------------------------------- image and pins


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    lines: list[str] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        lines.append(pending + stripped)
        pending = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def image_airflow_version() -> str:
    froms = [args for instr, args in dockerfile_instructions() if instr == "FROM"]
    assert len(froms) == 1, "expected a single-stage build on the official image"
    match = re.fullmatch(r"apache/airflow:(3\.3\.\d+)-python3\.11(?:\s+AS\s+\S+)?", froms[0], re.IGNORECASE)
    assert match, f"unexpected base image: {froms[0]}"
    return match.group(1)


def test_dockerfile_uses_official_airflow_3_3_image() -> None:
    assert image_airflow_version().startswith("3.3.")


def test_image_airflow_matches_requirements_pin() -> None:
    """Pip would otherwise swap the image's Airflow for the pinned one (or fail resolving)."""
    if not REQUIREMENTS.exists():
        pytest.skip("requirements.txt not written yet")
    pins = re.findall(
        r"^\s*apache-airflow\s*==\s*([0-9][^\s;#\\]*)",
        REQUIREMENTS.read_text(encoding="utf-8"),
        re.MULTILINE | re.IGNORECASE,
    )
    assert pins, "requirements.txt should pin apache-airflow==X.Y.Z"
    assert set(pins) == {image_airflow_version()}


def test_dockerfile_installs_requirements_and_package_as_airflow_user() -> None:
    instructions = dockerfile_instructions()
    users = [args for instr, args in instructions if instr == "USER"]
    assert users and users[-1] == "airflow", "pip must run as the airflow user, not root"
    runs = [args for instr, args in instructions if instr == "RUN"]
    assert any(
        '"apache-airflow==${AIRFLOW_VERSION}"' in run and "-r " in run and "--no-cache-dir" in run
        for run in runs
    ), "requirements must be installed with apache-airflow held at the image's version"
    assert any("--no-deps" in run and "/opt/airflow" in run for run in runs), (
        "diplomacy package not installed"
    )


def test_dockerfile_copies_what_the_dags_need() -> None:
    copies = [args for instr, args in dockerfile_instructions() if instr == "COPY"]
    sources = {src.rstrip("/") for args in copies for src in args.split()[:-1] if not src.startswith("--")}
    assert {"requirements.txt", "pyproject.toml", "README.md", "include", "dags", "plugins"} <= sources


def test_dockerignore_keeps_state_and_secrets_out_of_the_image() -> None:
    entries = {
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".venv", ".git", "warehouse", "landing", "logs", "airflow_home", ".env"} <= entries
    # The Dockerfile copies these; ignoring them would break the build.
    for needed in ("requirements.txt", "pyproject.toml", "README.md", "include", "dags", "plugins"):
        assert needed not in entries


# ------------------------------------------------------- review plugin and its store

PLUGINS = ROOT / "plugins"
REVIEW_DB_SERVICES = ("airflow-apiserver", "airflow-worker", "airflow-scheduler", "airflow-init")
INIT_PYTHON = re.compile(r"python - <<'PY'[^\n]*\n(?P<body>.*?)\nPY\n", re.DOTALL)


def tracked_files(folder: Path) -> list[str]:
    """Files git tracks under ``folder``: an empty folder is not in a clone, whatever the disk says."""
    if not (ROOT / ".git").exists():
        return sorted(str(p.relative_to(ROOT)) for p in folder.rglob("*") if p.is_file())
    out = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--", str(folder.relative_to(ROOT))],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def test_plugins_folder_is_in_a_fresh_clone() -> None:
    """The Dockerfile copies plugins/ (and compose mounts it): a clone without it cannot build."""
    assert PLUGINS.is_dir()
    assert tracked_files(PLUGINS), "plugins/ has no tracked file: `docker compose build` fails on a clone"
    copies = [args.split() for instr, args in dockerfile_instructions() if instr == "COPY"]
    assert any("plugins/" in args[:-1] and args[-1] == "/opt/airflow/plugins/" for args in copies)


def init_script(services: dict[str, Any]) -> str:
    """The script airflow-init's bash runs (its command is ``["-c", script]``)."""
    command = services["airflow-init"]["command"]
    assert isinstance(command, list) and command[0] == "-c" and len(command) == 2, command
    return command[1]


@pytest.mark.parametrize("name", REVIEW_DB_SERVICES)
def test_review_store_is_postgres_in_its_own_database(services: dict[str, Any], name: str) -> None:
    """The api-server writes corrections, load tasks (workers) apply them: all see one store,
    in PostgreSQL, in a database that is not Airflow's."""
    active, _ = parse_env_example()
    url = env_of(services[name]).get("DIPLOMACY_REVIEW_DB", "")
    assert url.startswith("postgresql+psycopg2://${POSTGRES_USER:?"), f"{name}: {url!r}"
    resolved = interpolate(url, active)
    user, password = active["POSTGRES_USER"], active["POSTGRES_PASSWORD"]
    match = re.fullmatch(
        rf"postgresql\+psycopg2://{user}:{re.escape(password)}@postgres/(?P<db>\w+)", resolved
    )
    assert match, resolved
    assert match.group("db") != active["POSTGRES_DB"], "corrections must not live in Airflow's database"
    airflow_conn = interpolate(env_of(services[name])["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"], active)
    assert resolved != airflow_conn


def test_review_store_url_has_no_literal_password(services: dict[str, Any]) -> None:
    for name in REVIEW_DB_SERVICES:
        url = env_of(services[name])["DIPLOMACY_REVIEW_DB"]
        assert not literal_credentials(url)
        assert "${POSTGRES_PASSWORD:?" in url


def test_init_creates_the_review_database(services: dict[str, Any]) -> None:
    script = init_script(services)
    match = INIT_PYTHON.search(script)
    assert match, "airflow-init should create the review database (python - <<'PY' ... PY)"
    assert "|| exit 1" in match.group(0), "a failure to create it must fail airflow-init"
    # Before anything that depends on airflow-init may start, i.e. inside its command.
    assert script.index("CREATE DATABASE") < script.index("chown -R")


def _init_python(services: dict[str, Any]) -> str:
    match = INIT_PYTHON.search(init_script(services))
    assert match
    return match.group("body")


def test_init_review_database_step_runs_on_real_postgres(services: dict[str, Any]) -> None:
    """The very Python airflow-init runs, against this machine's PostgreSQL: it creates the
    database once, finds it on a rerun, and refuses a URL naming Airflow's own database."""
    try:
        import psycopg2

        admin = psycopg2.connect(
            host="127.0.0.1", port=5432, user="postgres", dbname="postgres", connect_timeout=3
        )
    except Exception as exc:
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"PostgreSQL on 127.0.0.1:5432 is required under CI: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL on 127.0.0.1:5432 unreachable: {exc}")
    admin.autocommit = True
    body = _init_python(services)
    review = f"diplomacy_review_test_{secrets.token_hex(4)}"
    base = "postgresql+psycopg2://postgres@127.0.0.1:5432"
    env = {**os.environ, "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"{base}/postgres"}

    def run(review_url: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", body],
            env={**env, "DIPLOMACY_REVIEW_DB": review_url},
            capture_output=True,
            text=True,
            timeout=60,
        )

    try:
        first, second = run(f"{base}/{review}"), run(f"{base}/{review}")
        assert first.returncode == 0 and "created database" in first.stdout, first.stderr
        assert second.returncode == 0 and "exists" in second.stdout, second.stderr
        with admin.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (review,))
            assert cur.fetchone() is not None
        same = run(f"{base}/postgres")
        assert same.returncode != 0 and "its own database" in same.stderr
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{review}"')
        admin.close()


def test_init_script_is_valid_bash(services: dict[str, Any]) -> None:
    """What bash in airflow-init gets once compose has filled in .env (heredoc included) parses."""
    active, _ = parse_env_example()
    script = interpolate(init_script(services), active)
    check = subprocess.run(["bash", "-n", "-c", script], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
