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

from neurona.backends import _jit  # noqa: E402
loads = [0]
_rebuild = _jit._CheckedImpl.rebuild
def rebuild(self, target_context, payload):
    loads[0] += 1
    return _rebuild(self, target_context, payload)
_jit._CheckedImpl.rebuild = rebuild

sys.path.insert(0, sys.argv[1])
from kernel_fits import fits  # noqa: E402

warnings.simplefilter("ignore")
out = {name: [float(v) for v in np.ravel(value)] for name, value in fits().items()}
print(json.dumps({"fits": out, "refreshes": refreshes[0], "loads": loads[0]}))
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
    assert second["loads"] >= len(second["fits"])  # the kernels came from the cache
    assert second["refreshes"] == 0  # and the compiler's set-up was skipped


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


def _payload(ir_text: str) -> tuple:
    """A cached kernel's state as Numba stores it, its library built from ``ir_text``."""
    import llvmlite.binding as ll

    bitcode = ll.parse_assembly(ir_text).as_bitcode()
    return (("library", "object", (b"", bitcode)),)


def test_a_symbol_nobody_defines_makes_the_load_refresh_first():
    # LLVM would end the process on an unresolved symbol: the loader must see it coming
    missing = (
        "declare double @neurona_no_such_symbol(double)\n"
        "@neurona_no_such_global = external global i64\n"
    )
    assert not _jit.links_without_refresh(_payload(missing))
    only_global = "@neurona_no_such_global = external global i64\n"
    assert not _jit.links_without_refresh(_payload(only_global))


def test_numbas_helpers_and_the_c_api_resolve_without_refresh():
    from neurona.backends import numba as backend

    x = np.arange(3.0)
    backend._dot_compiled(x, x)  # compiled or loaded: its library is at hand
    # a real kernel's cached state, read as Numba's loader reads it
    kernel = backend._dot_compiled
    sig = next(iter(kernel.overloads))  # the float64 one, or any other compiled before
    cache = kernel._cache
    payload = cache._cache_file.load(cache._index_key(sig, kernel.targetctx.codegen()))
    assert payload is not None
    assert _jit.links_without_refresh(payload)
    helpers = (
        "declare i8* @PyObject_Str(i8*)\n"
        "declare void @numba_gil_ensure(i8*)\n"
        "declare void @NRT_decref(i8*)\n"
        "declare void @llvm.memset.p0i8.i64(i8*, i8, i64, i1)\n"
    )
    assert _jit.links_without_refresh(_payload(helpers))


def test_an_unreadable_payload_goes_numbas_own_way():
    assert not _jit.links_without_refresh(())
    assert not _jit.links_without_refresh((("library", "bitcode", b"not bitcode"),))


def test_the_rebuild_refreshes_exactly_when_a_symbol_is_missing(monkeypatch):
    from numba.core.caching import CompileResultCacheImpl

    class Context:
        refreshes = 0

        def refresh(self):
            self.refreshes += 1

    monkeypatch.setattr(CompileResultCacheImpl, "rebuild", lambda self, ctx, payload: "kernel")
    impl = _jit._CheckedImpl.__new__(_jit._CheckedImpl)
    for resolves, refreshes in ((True, 0), (False, 1)):
        monkeypatch.setattr(_jit, "links_without_refresh", lambda payload, r=resolves: r)
        ctx = Context()
        assert impl.rebuild(ctx, ()) == "kernel"
        assert ctx.refreshes == refreshes


def test_without_the_jit_the_kernels_are_plain_functions(tmp_path):
    # NUMBA_DISABLE_JIT: njit returns the function itself, which has no cache to replace
    code = (
        "import numpy as np, warnings; warnings.simplefilter('ignore')\n"
        "from neurona import LogisticRegression\n"
        "import neurona.backends.numba as backend\n"
        "assert not hasattr(backend._dot_compiled, '_cache')\n"
        "X = np.random.default_rng(0).standard_normal((30, 3)); y = (X[:, 0] > 0).astype(int)\n"
        "m = LogisticRegression(backend='numpy', learning_rate='auto', epochs=3).fit(X, y)\n"
        "print(m.score(X, y))\n"
    )
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1", "NUMBA_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert 0.5 <= float(done.stdout.split()[-1]) <= 1.0
