# The two commands a newcomer needs: `make demo` and `make test`.
# Each creates .venv when it is missing and installs what it needs.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test lint typecheck layers pytest docs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# reinstall only when the project's metadata changes
$(VENV)/.installed-all: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[all]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-all $(VENV)/.installed-docs

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	touch $@

demo: $(VENV)/.installed-all
	$(BIN)/python -m mkba.demo --out $(OUT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# the layers of docs/design.md ("Layers that hold"), contract in pyproject.toml
layers: $(VENV)/.installed-test
	$(BIN)/lint-imports

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

# the documentation site, warnings as errors; executes the notebooks (-E: rebuild all
# pages, so a docstring error always shows)
docs: $(VENV)/.installed-docs
	$(BIN)/sphinx-build -W --keep-going -E -q -b html docs docs/_build/html

test: lint typecheck layers pytest docs

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) docs/_build .pytest_cache .mypy_cache .ruff_cache $(OUT)
