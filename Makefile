# Every target sets itself up on a fresh machine: it creates .venv and installs into it.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test lint format bench clean

# torch==2.13.0 first: the CPU build that lies on this machine's disk, installed before
# anything can ask for a plain `torch` (which would download a multi-GB CUDA build).
$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,torch]'
	touch $(STAMP)

install: $(STAMP)

## The main job: the lecture's perceptron and ADALINE on iris.
demo: install
	$(PY) -m neurona.demo

## Lint, format check, then every test (hypothesis derandomized, no timings).
test: install lint
	$(PY) -m pytest

LINTED := src tests $(wildcard benchmarks)

lint: install
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)

format: install
	$(PY) -m ruff format $(LINTED)
	$(PY) -m ruff check --fix $(LINTED)

## Speed and accuracy against peers (not part of the tests). BLAS tuning variables that
## slow current numpy on some processors are unset for these runs only.
BENCH := env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(PY)
bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BENCH) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build src/*.egg-info
