# Baton — the two commands of the README: `make run` and `make test`; `make dist` builds the app.
PYTHON ?= python3
VENV ?= .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
STAMP := $(VENV)/.installed
# The bundle's console executable (on Windows Baton.exe is windowed and prints nothing).
ifeq ($(OS),Windows_NT)
BUNDLE_CLI := dist/Baton/baton-cli.exe
else
BUNDLE_CLI := dist/Baton/Baton
endif

.PHONY: run test test-postgres lint format translations dist bench clean system-deps

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
	# The 20 slowest steps are listed at the end: the suite must stay well under 15 minutes
	QT_QPA_PLATFORM=offscreen BATON_KDF_PROFILE=fast $(BIN)/python -m pytest -n 2 -p xdist --dist worksteal --durations=20 $(PYTEST_ARGS)
	# The service layer again, on a throwaway PostgreSQL server as the seat role every PC uses (skipped without one, except in CI)
	QT_QPA_PLATFORM=offscreen BATON_KDF_PROFILE=fast $(BIN)/python -m pytest -n 2 -p xdist --dist worksteal tests/services --db=postgresql --pg-role=seat $(PYTEST_ARGS)

# Only the service layer on PostgreSQL (what the second half of `make test` runs).
test-postgres: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen BATON_KDF_PROFILE=fast $(BIN)/python -m pytest -n 2 -p xdist --dist worksteal tests/services --db=postgresql --pg-role=seat $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check desktop tests tools
	$(BIN)/ruff format --check desktop tests tools
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format desktop tests tools
	$(BIN)/ruff check --fix desktop tests tools

translations: $(STAMP)
	$(BIN)/python tools/translations.py

# One-folder app in dist/Baton/ for this platform (PyInstaller comes with the dev extra), then
# the bundle proves itself. Windows installer: ISCC installer/windows/baton.iss (installer/README.md).
dist: system-deps $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build installer/baton.spec
	QT_QPA_PLATFORM=offscreen $(BUNDLE_CLI) --self-test
	$(BUNDLE_CLI) --version
	@du -sh dist/Baton 2>/dev/null || true

bench: $(STAMP)
	$(BIN)/baton bench --size small

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
