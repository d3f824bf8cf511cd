# fyp-notices — the two commands a user needs: `make run` and `make test`.
# Needs only python3 (3.11), pip and make; everything else is installed into .venv from requirements.lock
# (every package pinned with its hashes; --no-deps because the lock already lists the whole closure).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAW ?= raw
WAREHOUSE ?= warehouse/fyp.duckdb
EXPORTS ?= exports
SHARED ?= ../shared

.PHONY: run build release evaluate test install lock dagster benchmark clean browser

QUALITY ?= gold/quality.json
EVALUATION ?= warehouse/evaluation.json

run: $(STAMP)  ## build the warehouse from raw/ and publish a release under exports/ (nothing when nothing changed)
	$(BIN)/fyp release --raw $(RAW) --warehouse $(WAREHOUSE) --exports $(EXPORTS) --quality $(QUALITY)

build: $(STAMP)
	$(BIN)/fyp build --raw $(RAW) --warehouse $(WAREHOUSE)

evaluate: build  ## score the warehouse against every gold set and keep the scores in gold/quality.json (commit it)
	$(BIN)/fyp evaluate --warehouse $(WAREHOUSE) --gold gold --shared $(SHARED) --quiet --json $(EVALUATION)
	$(BIN)/python -m fyp.release.quality $(EVALUATION) $(QUALITY)

test: $(STAMP) browser  ## lint, then run the whole test suite
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

CHROMIUM ?= /usr/bin/chromium
browser:  ## Debian's headless Chromium + a CJK font, for the release page test (it skips without them)
	@if [ ! -x $(CHROMIUM) ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; \
	  else echo "browser: not root and no sudo: install chromium fonts-noto-cjk yourself"; exit 0; fi; \
	  { $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk; } \
	    || echo "browser: could not install chromium fonts-noto-cjk; the browser test will skip"; \
	fi

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

lock:  ## recompile requirements.lock from requirements.in (needs uv: pip install uv)
	uv pip compile --quiet --python-version 3.11 --generate-hashes --no-header --annotation-style line -o requirements.lock requirements.in

dagster: $(STAMP)  ## the Dagster UI on the same code (instance settings: dagster.yaml; paths: the FYP_* variables)
	@if [ -z "$$DAGSTER_HOME" ]; then mkdir -p .dagster_home && cp dagster.yaml .dagster_home/dagster.yaml; \
	elif [ ! -f "$$DAGSTER_HOME/dagster.yaml" ]; then mkdir -p "$$DAGSTER_HOME" && cp dagster.yaml "$$DAGSTER_HOME/dagster.yaml"; fi
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/.dagster_home} $(BIN)/dagster dev

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py

clean:
	rm -rf $(VENV) .pytest_cache
