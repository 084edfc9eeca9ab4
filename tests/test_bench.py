"""The vectorization experiment computes the right things (no timing assertions)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from neurona.bench import (
    LecturePerceptron,
    Timing,
    dot_experiment,
    epoch_experiment,
    forloop,
    generator,
    measure,
)

FAST = {"repeat": 2, "min_run": 0.0}


def textbook_perceptron(X, y):
    """Rosenblatt's rule, one pass, 0/1 targets: the lecture's pseudo-code."""
    w, b = [0.0] * X.shape[1], 0.0
    for xi, yi in zip(X.tolist(), y.tolist(), strict=True):
        z = sum(a * c for a, c in zip(xi, w, strict=True)) + b
        err = yi - (1 if z > 0 else 0)
        w = [wj + err * xj for wj, xj in zip(w, xi, strict=True)]
        b += err
    return (*w, b)


def test_every_dot_method_gives_the_same_exact_value_on_integers():
    x = np.arange(-50, 50, dtype=np.float64)
    w = np.arange(100, dtype=np.float64) % 7 - 3
    records = dot_experiment(x=x, w=w, **FAST)
    assert records[0].method == "for loop"
    assert {"for loop", "generator", "numpy", "numba"} <= {r.method for r in records}
    assert {r.value for r in records} == {float(x @ w)}


def test_dot_values_agree_on_random_floats_and_records_are_complete():
    records = dot_experiment(1000, seed=1, **FAST)
    ref = math.fsum(np.random.default_rng(1).standard_normal((2, 1000)).prod(axis=0))
    for r in records:
        assert isinstance(r, Timing)
        assert (r.task, r.size, r.runs) == ("dot", 1000, 2)
        assert r.value == pytest.approx(ref, rel=1e-12, abs=1e-12)
        assert r.best <= r.median
        assert r.spread >= 0
        assert r.loops >= 1
        assert r.speedup == pytest.approx(records[0].median / r.median)
    assert records[0].speedup == 1.0


def test_lecture_loops_are_the_lectures_numbers():
    x, w = [1.0, 2.0, 3.0], [0.5, -0.3, 0.7]
    assert forloop(x, w) == generator(x, w) == pytest.approx(2.0)


def test_lecture_class_is_rosenblatts_rule():
    rng = np.random.default_rng(2)
    X = rng.integers(-4, 5, size=(40, 3)).astype(float)
    y = (X @ [1.0, -1.0, 0.5] > 0).astype(int)
    model = LecturePerceptron(3)
    model.train(X, y, epochs=1)
    assert (*model.weights.ravel(), *model.bias) == textbook_perceptron(X, y)


def test_per_row_epochs_agree_and_batch_is_a_different_algorithm():
    rng = np.random.default_rng(3)
    X = rng.integers(-4, 5, size=(60, 5)).astype(float)
    y = (X @ rng.normal(size=5) > 0).astype(int)
    records = {r.method: r for r in epoch_experiment(X=X, y=y, **FAST)}
    per_row = [m for m in records if "online" in m or "lecture" in m]
    assert {"lecture class (numpy)", "numpy (online)", "numba (online)"} <= set(per_row)
    want = textbook_perceptron(X, y)
    for m in per_row:
        assert records[m].value == want, m
    # batch: one step w = Σ e_i x_i from zero weights, where every row reads class 0
    e = y - 0
    batch = (*(X.T @ e), float(e.sum()))
    assert records["numpy (batch)"].value == batch
    assert records["numba (batch)"].value == batch
    assert all(r.task == "perceptron epoch" and r.size == 60 for r in records.values())


def test_measure_reports_per_call_seconds():
    calls = []
    median, spread, best, runs, loops = measure(lambda: calls.append(1), repeat=3, min_run=0.0)
    assert (runs, loops) == (3, 1)
    assert len(calls) == 3
    assert 0 <= best <= median
    assert spread >= 0


# ------------------------------------------------------------- single-threaded, with load


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]


def test_single_threaded_limits_every_pool_and_restores_them():
    torch = pytest.importorskip("torch")
    from neurona.bench import single_threaded

    torch.set_num_threads(2)
    before_blas, before_torch = _blas_threads(), torch.get_num_threads()
    with single_threaded():
        assert set(_blas_threads()) <= {1}
        assert torch.get_num_threads() == 1
    assert _blas_threads() == before_blas
    assert torch.get_num_threads() == before_torch == 2


def test_timings_are_taken_single_threaded_and_carry_the_load(monkeypatch):
    import neurona.bench as bench

    seen = []
    real = bench.measure

    def spy(fn, **kwargs):
        seen.append(_blas_threads())
        return real(fn, **kwargs)

    loads = iter(0.25 * k for k in range(1, 100))
    monkeypatch.setattr(bench, "measure", spy)
    monkeypatch.setattr(bench.os, "getloadavg", lambda: (next(loads), 0.0, 0.0))
    records = dot_experiment(200, **FAST)
    assert all(set(threads) <= {1} for threads in seen)
    assert [r.threads for r in records] == [1] * len(records)
    assert [r.load for r in records] == [0.25 * k for k in range(1, len(records) + 1)]
    seen.clear()
    free = dot_experiment(200, threads=None, **FAST)
    assert [r.threads for r in free] == [None] * len(free)
    assert seen[0] == _blas_threads()  # pools as they were


def test_load_average_is_none_where_the_system_has_none(monkeypatch):
    import neurona.bench as bench

    def missing():
        raise OSError("no load average")

    monkeypatch.setattr(bench.os, "getloadavg", missing)
    assert bench.load_average() is None
    assert dot_experiment(50, **FAST)[0].load is None
