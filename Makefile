# Every target sets itself up on a fresh machine: it creates .venv and installs into it.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check
STAMP  := $(VENV)/.installed-stamp
# the demo's own set: the package and its dependencies, no torch, no browser tooling
BASE_STAMP := $(VENV)/.base-stamp

.PHONY: install demo tour course test test-slow lint format bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip

$(BASE_STAMP): pyproject.toml Makefile | $(VENV)/bin/python
	$(PIP) -e .
	touch $(BASE_STAMP)

# torch==2.13.0 first: the CPU build that lies on this machine's disk, installed before
# anything can ask for a plain `torch` (which would download a multi-GB CUDA build).
$(STAMP): pyproject.toml Makefile | $(VENV)/bin/python
	$(PIP) torch==2.13.0
	$(PIP) -e '.[dev,torch]'
	touch $(STAMP) $(BASE_STAMP)

install: $(STAMP)

## The main job: the command line on bundled iris (setosa vs versicolor) — the lecture's
## perceptron and an ADALINE trained, saved, inspected (weights, per-epoch history) and
## evaluated; then predictions written from the saved model.
DEMO := build/demo
NEURONA := $(PY) -m neurona
demo: $(BASE_STAMP)
	@mkdir -p $(DEMO)
	$(NEURONA) datasets iris-2 --out $(DEMO)/iris-2.csv
	$(NEURONA) train $(DEMO)/iris-2.csv --target species --model perceptron --rule margin \
		--mode online --no-shuffle --epochs 20 --learning-rate 1 --out $(DEMO)/perceptron.npz
	$(NEURONA) inspect $(DEMO)/perceptron.npz
	$(NEURONA) evaluate $(DEMO)/perceptron.npz $(DEMO)/iris-2.csv --target species
	$(NEURONA) train $(DEMO)/iris-2.csv --target species --model adaline --mode online \
		--shuffle --seed 0 --epochs 30 --out $(DEMO)/adaline.npz
	$(NEURONA) inspect $(DEMO)/adaline.npz
	$(NEURONA) evaluate $(DEMO)/adaline.npz $(DEMO)/iris-2.csv --target species
	$(NEURONA) predict $(DEMO)/perceptron.npz $(DEMO)/iris-2.csv --out $(DEMO)/predictions.csv
	@echo "predictions written to $(DEMO)/predictions.csv"

## The lecture replayed on this machine, as HTML: build/tour-en/index.html and tour-es.
tour: install
	$(NEURONA) tour --lang en --out build/tour-en
	$(NEURONA) tour --lang es --out build/tour-es

## The course, a notebook per section of the lecture in Spanish and English: each
## course/<lang>/NN_*.py (jupytext) executed in a fresh kernel (nbclient) into a .ipynb
## beside it (not committed) and an HTML page: build/course/index.html.
course: install
	$(PY) course/build.py --out build/course

## Lint, format check, then every test (hypothesis derandomized, no timings). The tests
## read the command line's English (LC_ALL=C.UTF-8); tests/test_i18n.py sets Spanish itself.
## Two pytest-xdist workers, a test file each at a time (a file's module fixtures, such as
## its Dask cluster, stay in one worker; each worker has its own numba cache folder).
test: install lint
	LC_ALL=C.UTF-8 $(PY) -m pytest -n 2 --dist loadfile --durations=30

## The slow tests only (`make test` deselects them): Dask on 1.2 GiB of Parquet, more
## than its two 600 MiB workers hold (a few minutes on 2 cores); scikit-learn's estimator
## checks on the non-default rules and modes; torch against NumPy for every SGD option;
## the compiled kernels' longest-compiling cases (float32 K-output epochs bit for bit, BLAS
## steps for the other rules).
test-slow: install
	LC_ALL=C.UTF-8 $(PY) -m pytest -m slow

LINTED := src tests course/build.py $(wildcard benchmarks)

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
	find src -name '*.nbi' -delete -o -name '*.nbc' -delete
