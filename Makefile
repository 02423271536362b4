# Baton — the two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
STAMP := $(VENV)/.installed

.PHONY: run test lint format translations dist bench clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@echo ok > $(STAMP)

# Qt needs a few system libraries that a bare Linux may lack; install them when we can.
system-deps:
	@sh tools/system-deps.sh

run: system-deps $(STAMP)
	$(BIN)/baton

test: system-deps $(STAMP)
	$(BIN)/ruff check desktop tests tools
	$(BIN)/ruff format --check desktop tests tools
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen BATON_KDF_PROFILE=fast $(BIN)/python -m pytest -n 2 -p xdist $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check desktop tests tools
	$(BIN)/ruff format --check desktop tests tools
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format desktop tests tools
	$(BIN)/ruff check --fix desktop tests tools

translations: $(STAMP)
	$(BIN)/python tools/translations.py

bench: $(STAMP)
	$(BIN)/baton bench --size small

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
