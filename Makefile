# rocketgrowth: `make serve` starts the sandbox on SQLite with a demo vendor; `make test` runs every test.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: help install serve test check lint typecheck fmt browser bench clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed ## create .venv and install the project with its dev extras

serve: install ## start the server on SQLite with a demo vendor (keys printed)
	$(BIN)/rocketgrowth serve --demo

browser: ## install Debian's chromium and chromium-driver for the console test (root only)
	@bash scripts/ensure-chromium

test: install browser ## run the whole test suite
	$(BIN)/pytest -n 2 --dist loadfile

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
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache rocketgrowth.db*
