# Municipal diplomacy pipeline. `make demo` and `make test` do their own set-up.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
SAMPLE_DAY := 2024-11-08
export AIRFLOW_HOME ?= $(CURDIR)/airflow_home
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__PLUGINS_FOLDER := $(CURDIR)/plugins
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__PARALLELISM ?= 4
export DIPLOMACY_LANDING_ROOT ?= $(CURDIR)/landing
export DIPLOMACY_WAREHOUSE ?= $(CURDIR)/warehouse
export GX_ANALYTICS_ENABLED := false
export NO_PROXY := *

.PHONY: setup browser demo test test-fast lint format airflow up down lock check-lock clean bench train

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	@command -v $(PY) >/dev/null || { echo "need $(PY) on PATH (or make PY=/path/to/python3.11)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q "uv==$(UV_VERSION)"
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -r requirements.txt -r requirements-dev.txt
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

setup: $(VENV)/.installed  ## create the virtualenv with the pinned requirements

# The browser tests (tests/ui) drive Debian's chromium through Playwright; Playwright's own
# browser download is never used. Installed here, with a font for Korean text (screenshots of
# the review pages are otherwise boxes), so that `make test` (and .ci/run) on a fresh machine
# has them; sudo only when not root. The lock timeout lets a concurrent apt run finish.
BROWSER_PACKAGES := chromium fonts-noto-cjk
browser:  ## install Debian's chromium and a Korean font for the browser tests (no-op when present)
	@if ! command -v chromium >/dev/null || [ -z "$$(fc-list :lang=ko family 2>/dev/null)" ]; then \
		if ! command -v apt-get >/dev/null; then \
			echo "browser: install chromium and a Korean font yourself (no apt-get here)"; exit 0; \
		fi; \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		echo "browser: installing $(BROWSER_PACKAGES)"; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
			$(BROWSER_PACKAGES) >/dev/null; \
	fi

$(AIRFLOW_HOME)/airflow.db: $(VENV)/.installed
	mkdir -p $(AIRFLOW_HOME)
	$(BIN)/airflow db migrate >/dev/null

demo: $(AIRFLOW_HOME)/airflow.db  ## run the daily DAG through Airflow on the sample landing day
	mkdir -p $(DIPLOMACY_LANDING_ROOT)
	rm -rf $(DIPLOMACY_LANDING_ROOT)/$(SAMPLE_DAY)
	cp -r include/sample/landing/$(SAMPLE_DAY) $(DIPLOMACY_LANDING_ROOT)/
	$(BIN)/airflow dags test municipal_diplomacy $(SAMPLE_DAY) \
		-c '{"landing_date": "$(SAMPLE_DAY)", "reprocess": true}' > $(AIRFLOW_HOME)/demo.log 2>&1 \
		|| { tail -n 40 $(AIRFLOW_HOME)/demo.log; exit 1; }
	$(BIN)/python -m diplomacy summary --warehouse $(DIPLOMACY_WAREHOUSE) --date $(SAMPLE_DAY)

test: $(VENV)/.installed lint browser  ## the whole test suite (what CI runs)
	$(BIN)/python -m pytest -q

test-fast: $(VENV)/.installed browser
	$(BIN)/python -m pytest -q -m "not slow and not integration"

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The embedded default: SQLite metadata DB in $(AIRFLOW_HOME), the review pages of plugins/ in the
# api-server, corrections in $(AIRFLOW_HOME)/diplomacy_review.db (DIPLOMACY_REVIEW_DB, for airflow and demo; set it
# to an SQLAlchemy URL to use another database).
# AIRFLOW__API__PORT picks the port; tasks reach the Execution API on the same port.
airflow demo: export DIPLOMACY_REVIEW_DB ?= sqlite:///$(AIRFLOW_HOME)/diplomacy_review.db
airflow: export AIRFLOW__API__PORT ?= 8080
airflow: export AIRFLOW__CORE__EXECUTION_API_SERVER_URL ?= http://localhost:$(AIRFLOW__API__PORT)/execution/
airflow: $(AIRFLOW_HOME)/airflow.db  ## the Airflow UI and the review pages on http://localhost:8080 (password: airflow_home/simple_auth_manager_passwords.json.generated)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/airflow standalone  # standalone starts its components as `airflow` from PATH

up:  ## the production stack (needs Docker and a .env made from .env.example)
	docker compose up -d --build

down:
	docker compose down

N ?= 2000
REPEAT ?= 1
bench: $(VENV)/.installed  ## throughput and memory against raw Kiwi: make bench N=2000 [REPEAT=3] [BASELINE=benchmarks/out/results-2000.json]
	$(BIN)/python -m benchmarks.run --n $(N) --repeat $(REPEAT) $(if $(BASELINE),--baseline $(BASELINE))

EVAL ?= ../shared/eval
train: $(VENV)/.installed  ## refit the decision model on the annotated corpus (CV figures by article); TRAIN_ARGS=--write ships it
	$(BIN)/python tools/train_decision.py $(EVAL)/dev $(EVAL)/dev2 $(TRAIN_ARGS)

lock:  ## re-pin requirements from requirements*.in
	$(BIN)/uv pip compile -q requirements.in -o requirements.txt --python-version 3.11
	$(BIN)/uv pip compile -q requirements-dev.in -o requirements-dev.txt --python-version 3.11

check-lock: $(VENV)/.installed  ## fail when requirements*.txt no longer match requirements*.in (needs the index)
	@for f in requirements requirements-dev; do \
		cp $$f.txt /tmp/diplomacy-$$f.txt && \
		$(BIN)/uv pip compile -q $$f.in -o /tmp/diplomacy-$$f.txt --python-version 3.11 && \
		diff <(grep -E '^[A-Za-z0-9]' $$f.txt) <(grep -E '^[A-Za-z0-9]' /tmp/diplomacy-$$f.txt) \
		|| { echo "$$f.txt drifted from $$f.in: run make lock"; exit 1; }; \
	done; echo "requirements are locked"

clean:
	rm -rf $(AIRFLOW_HOME) $(DIPLOMACY_WAREHOUSE) $(DIPLOMACY_LANDING_ROOT) .pytest_cache .ruff_cache test-results
