"""Cached kernels load without Numba's compiler set-up, and compute what they compiled to.

``neurona.backends._jit.kernel`` loads a kernel from Numba's disk cache without
``target_context.refresh()`` (see its module docstring). Two fresh processes share this
test process's cache folder (under ``make test``, the worker's own): the first compiles
whichever kernels of the script are not there yet, the second loads them all. The second
must never refresh the compiler's context, and every fitted value must be the first's,
bit for bit; both must equal the fit of this process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from neurona.backends import _jit

SCRIPT = r"""
import json, sys, warnings
import numpy as np
import numba.core.base as base

refreshes = [0]
_refresh = base.BaseContext.refresh
def counted(self):
    refreshes[0] += 1
    return _refresh(self)
base.BaseContext.refresh = counted

sys.path.insert(0, sys.argv[1])
from kernel_fits import fits  # noqa: E402

warnings.simplefilter("ignore")
out = {name: [float(v) for v in np.ravel(value)] for name, value in fits().items()}
print(json.dumps({"fits": out, "refreshes": refreshes[0]}))
"""

FITS = r'''
import numpy as np
import scipy.sparse as sp

from neurona import Adaline, LogisticRegression, Perceptron


def fits():
    """A fit for each family of kernels: dense per-row and per-step, one and several
    outputs, float32, penalties with averaging, sparse rows, and the safe step's sums of
    squares (learning_rate="auto")."""
    rng = np.random.default_rng(7)
    X = rng.standard_normal((120, 6))
    y3 = np.argmax(X[:, :3], axis=1)
    y2 = (X[:, 0] - X[:, 1] > 0).astype(int)
    out = {}
    out["online 1"] = Perceptron(backend="numba", epochs=5).fit(X, y2).coef_
    out["online 3"] = Perceptron(backend="numba", epochs=5).fit(X, y3).coef_
    out["minibatch 3"] = Adaline(backend="numba", mode="minibatch", batch_size=16,
                                 epochs=5).fit(X, y3).coef_
    out["batch f32"] = Adaline(backend="numba", mode="batch", epochs=5).fit(
        X.astype(np.float32), y2).coef_
    out["l2 averaged"] = Adaline(backend="numba", penalty="l2", alpha=1e-3, average=True,
                                 learning_rate=0.01, epochs=5).fit(X, y2).coef_
    out["logistic auto"] = LogisticRegression(backend="numba", learning_rate="auto",
                                              epochs=5).fit(X, y2).coef_
    Xs = sp.random(120, 40, density=0.1, format="csr", random_state=3)
    out["sparse"] = Perceptron(backend="numba", epochs=5).fit(Xs, y2).coef_
    return out
'''


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kernel-loading")
    (folder / "kernel_fits.py").write_text(FITS, encoding="utf-8")
    (folder / "run.py").write_text(SCRIPT, encoding="utf-8")
    # the folder this process compiles into, so that kernels compiled by earlier tests
    # are loaded, not compiled again (without one: a folder of this test's own)
    cache = os.environ.get("NUMBA_CACHE_DIR") or str(folder / "numba-cache")
    env = {**os.environ, "NUMBA_CACHE_DIR": cache}
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, str(folder / "run.py"), str(folder)],
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    return folder, runs


def test_the_loader_is_in_use():
    # the Numba installed has what the loader calls; were it missing, kernels would load
    # the slow way and the next test would say so
    assert _jit.QUICK_LOAD
    from neurona.backends import numba as backend

    assert type(backend._dot_compiled._cache) is _jit._LoadingCache


def test_the_second_process_only_loads(two_processes):
    _, (_, second) = two_processes
    assert second["refreshes"] == 0  # every kernel came from the cache, set-up skipped


def test_loaded_kernels_compute_what_compiled_ones_did(two_processes):
    _, (first, second) = two_processes
    assert second["fits"].keys() == first["fits"].keys()
    for name, values in first["fits"].items():
        assert second["fits"][name] == values, name  # bit for bit (floats in JSON)


def test_both_processes_equal_this_one(two_processes):
    folder, (first, _) = two_processes
    sys.path.insert(0, str(folder))
    try:
        from kernel_fits import fits
    finally:
        sys.path.remove(str(folder))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        here = fits()
    for name, value in here.items():
        np.testing.assert_array_equal(np.ravel(value), first["fits"][name], err_msg=name)
