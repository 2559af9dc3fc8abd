# rocketgrowth: `make serve` starts the sandbox on SQLite with a demo vendor; `make test` runs every test.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
comma := ,
# Python's bytecode cache on (some machines set PYTHONDONTWRITEBYTECODE=1): the suite starts many
# Python processes (pytest's workers, servers, the CLI): without the cache each compiles every module of
# the project again and pytest rewrites the asserts of every plugin again. The caches are gitignored.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install lock serve test test-sdk-lowest check lint typecheck fmt browser bench clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# requirements.lock pins every package of every extra (and pip, setuptools, wheel) with its hashes:
# plain pip installs it, then the project itself goes in editable with --no-index, so that nothing moves
# the pins and a dependency missing from the lock (pyproject.toml changed, `make lock` not run) fails here.
EXTRAS := server,cli,dev,bench
$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-index --no-build-isolation -e '.[$(EXTRAS)]'
	touch $@

install: $(BIN)/.installed ## create .venv and install the project with every extra, as requirements.lock pins them

$(BIN)/pip-compile:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements.lock

lock: $(BIN)/pip-compile ## regenerate requirements.lock from pyproject.toml (keeps the pins that still fit; LOCK_ARGS=--upgrade moves them all)
	$(BIN)/pip-compile -q $(foreach e,$(subst $(comma), ,$(EXTRAS)),--extra $(e)) --generate-hashes --allow-unsafe \
		--all-build-deps --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) -o requirements.lock pyproject.toml

serve: install ## start the server on SQLite with a demo vendor (keys printed)
	$(BIN)/rocketgrowth serve --demo

browser: ## install Debian's chromium and chromium-driver for the console test (root only)
	@bash scripts/ensure-chromium

# The SDK's lowest-versions run (a venv to build, mostly waiting on pip) goes beside pytest, whose two
# workers leave a quarter of the CPU idle while tests wait on servers and subprocesses; its output follows
# pytest's. Either failing fails the target.
test: install browser ## run the whole test suite and, beside it, the SDK's own tests at its lowest declared dependencies
	@log=$$(mktemp); bash scripts/test-sdk-lowest > $$log 2>&1 & lowest=$$!; \
	trap 'kill $$lowest 2>/dev/null; rm -f $$log' EXIT; \
	echo "$(BIN)/pytest -n 2 --dist worksteal   (and scripts/test-sdk-lowest beside it)"; \
	$(BIN)/pytest -n 2 --dist worksteal; tests=$$?; \
	wait $$lowest; sdk=$$?; cat $$log; \
	test $$tests -eq 0 && test $$sdk -eq 0

test-sdk-lowest: ## the SDK's tests that need no server, in a throwaway venv at the lowest httpx/pydantic/anyio
	bash scripts/test-sdk-lowest

lint: install ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install ## mypy --strict
	$(BIN)/mypy

check: lint typecheck ## lint and type checks

fmt: install ## format the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install ## run the benchmarks (writes docs/benchmarks.md)
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache rocketgrowth.db*
