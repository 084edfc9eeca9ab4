"""Every backend against the NumPy reference: all modes, all neurons, both float dtypes.

The reference is ``neurona.backends.numpy`` (the lecture's loops); each compiled or torch
epoch is driven directly through ``run_epoch`` with row orders drawn by the mode's
``plan`` (``neurona.modes.MODES``) from a seeded Generator, so every backend sees the same
rows.

Tolerances (stated in the backends' docstrings): a net input is a dot product whose sum
each backend orders in its own way (SIMD lanes, BLAS blocks), so

* perceptron weights are identical (the update depends on z only through a sign);
* identity-neuron weights agree to rtol 1e-9 in float64 and 1e-4 in float32;
* on integer-valued data every sum is exact, so every backend gives NumPy's weights and
  statistics bit for bit.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from neurona.backends import (
    BACKENDS,
    EpochStats,
    available_backends,
    get_backend,
    resolve,
)
from neurona.backends import numpy as reference
from neurona.errors import DataError, ParameterError
from neurona.modes import MODES
from neurona.neurons import NEURONS, PERCEPTRON_MARGIN, Neuron
from neurona.schedules import Schedule

COMPILED = ["numba", "torch"]
RTOL = {np.float64: 1e-9, np.float32: 1e-4}
N_ROWS, N_FEATURES, BATCH = 90, 6, 16


def plan_epoch(mode, n, *, rng, shuffle, batch_size, reduction):
    """One epoch's rows of the registered ``mode``."""
    return MODES[mode].plan(n, rng=rng, shuffle=shuffle, batch_size=batch_size,
                            mean=reduction == "mean")  # fmt: skip


def _backend(name: str):
    if name == "torch":
        pytest.importorskip("torch")
    return get_backend(name)


def _data(neuron: Neuron, n_outputs: int, dtype, *, integers: bool = False, seed: int = 0):
    """Seeded rows and targets encoded for ``neuron``: X (n, m), T (n, n_outputs)."""
    rng = np.random.default_rng(seed)
    if integers:
        X = rng.integers(-3, 4, size=(N_ROWS, N_FEATURES)).astype(dtype)
    else:
        X = rng.normal(size=(N_ROWS, N_FEATURES)).astype(dtype)
    scores = X @ rng.normal(size=(N_FEATURES, n_outputs)) + rng.normal(size=(N_ROWS, n_outputs))
    if neuron.targets is None:
        return X, scores.astype(dtype)
    neg, pos = neuron.targets
    if n_outputs == 1:
        return X, np.where(scores > 0, pos, neg).astype(dtype)
    onehot = scores == scores.max(axis=1, keepdims=True)  # one-vs-rest targets
    return X, np.where(onehot, pos, neg).astype(dtype)


def _train(run_epoch, X, T, neuron, mode, *, epochs=3, schedule=None, reduction=None):
    """Run ``epochs`` epochs from zero weights; return W, b and each epoch's stats."""
    W = np.zeros((X.shape[1], T.shape[1]), X.dtype)
    b = np.zeros(T.shape[1], X.dtype)
    rng = np.random.default_rng(42)
    schedule = schedule or Schedule(0.05, 0.5)
    stats, t = [], 0
    for _ in range(epochs):
        plan = plan_epoch(
            mode, len(X), rng=rng, shuffle=True, batch_size=BATCH,
            reduction=reduction or neuron.reduction,
        )  # fmt: skip
        s = run_epoch(X, T, W, b, plan, neuron, schedule, t)
        stats.append(s)
        t += s.n_steps
    return W, b, stats


def _same_counts(got: list[EpochStats], want: list[EpochStats]) -> None:
    for g, w in zip(got, want, strict=True):
        assert (g.n_errors, g.n_rows, g.n_steps) == (w.n_errors, w.n_rows, w.n_steps)
        assert g.n_nonfinite == w.n_nonfinite == 0


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n_outputs", [1, 3, 6])  # 6: a block of four outputs, then two
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("neuron", NEURONS.values(), ids=NEURONS.keys())
@pytest.mark.parametrize("backend", COMPILED)
def test_backend_matches_numpy(backend, neuron, mode, n_outputs, dtype):
    X, T = _data(neuron, n_outputs, dtype)
    W0, b0, s0 = _train(reference.run_epoch, X, T, neuron, mode)
    W1, b1, s1 = _train(_backend(backend).run_epoch, X, T, neuron, mode)
    assert W1.dtype == b1.dtype == dtype
    rtol = RTOL[dtype]
    if neuron.mistake_driven and MODES[mode].rows(N_ROWS, BATCH) == 1 and dtype == np.float64:
        np.testing.assert_array_equal(W1, W0)  # only signs of z matter: same updates
        np.testing.assert_array_equal(b1, b0)
    scale = max(np.abs(W0).max(), np.abs(b0).max(), 1.0)
    np.testing.assert_allclose(W1, W0, rtol=rtol, atol=rtol * scale)
    np.testing.assert_allclose(b1, b0, rtol=rtol, atol=rtol * scale)
    _same_counts(s1, s0)
    np.testing.assert_allclose(
        [s.loss_sum for s in s1], [s.loss_sum for s in s0], rtol=rtol, atol=rtol
    )


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n_outputs", [1, 3, 9])  # 9: two blocks of four outputs, then one
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("neuron", ["perceptron-margin", "perceptron-error"])
@pytest.mark.parametrize("backend", COMPILED)
def test_backend_exact_on_integer_data(backend, neuron, mode, n_outputs, dtype):
    """Integer rows and rate 1: every sum is exact, so every order gives NumPy's bits."""
    neuron = NEURONS[neuron]
    X, T = _data(neuron, n_outputs, dtype, integers=True)
    kw = {"schedule": Schedule(1.0), "reduction": "sum"}
    W0, b0, s0 = _train(reference.run_epoch, X, T, neuron, mode, **kw)
    W1, b1, s1 = _train(_backend(backend).run_epoch, X, T, neuron, mode, **kw)
    np.testing.assert_array_equal(W1, W0)
    np.testing.assert_array_equal(b1, b0)
    assert s1 == s0


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("neuron", NEURONS.values(), ids=NEURONS.keys())
def test_numba_long_rows_match_numpy(neuron, mode, dtype):
    """37 features: the kernels' SIMD loops run full vectors and a remainder, not just tails."""
    rng = np.random.default_rng(7)
    X = rng.normal(size=(203, 37)).astype(dtype)
    scores = X @ rng.normal(size=(37, 1)) + rng.normal(size=(203, 1))
    T = scores if neuron.targets is None else np.where(scores > 0, *neuron.targets[::-1])
    T = T.astype(dtype)
    kw = {"schedule": Schedule(0.01, 0.5)}
    W0, b0, s0 = _train(reference.run_epoch, X, T, neuron, mode, **kw)
    W1, b1, s1 = _train(_backend("numba").run_epoch, X, T, neuron, mode, **kw)
    rtol = RTOL[dtype]
    if neuron.mistake_driven and MODES[mode].rows(N_ROWS, BATCH) == 1 and dtype == np.float64:
        np.testing.assert_array_equal(W1, W0)
    scale = max(np.abs(W0).max(), np.abs(b0).max(), 1.0)
    np.testing.assert_allclose(W1, W0, rtol=rtol, atol=rtol * scale)
    np.testing.assert_allclose(b1, b0, rtol=rtol, atol=rtol * scale)
    _same_counts(s1, s0)


@pytest.mark.parametrize("m", [37, 120, 300])  # partial last vectors, 15 f64 vectors, none
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    ("mode", "count_start"),
    [("online", False), ("random", True), ("minibatch", True), ("batch", False)],
)
@pytest.mark.parametrize("neuron", ["perceptron-margin", "adaline"])
def test_numba_weights_held_in_registers_change_no_bit(
    neuron, mode, count_start, dtype, m, monkeypatch
):
    """Kernels with the weights (and a step's gradient block) held in vector registers and
    with them in memory: the same weights, statistics and starting counts, bit for bit.
    The register budget is set so that the held kernels run on any machine (slower
    without AVX-512, still right); m = 300 exceeds it, so both runs use memory."""
    from neurona.backends import _simd
    from neurona.backends import numba as compiled

    monkeypatch.setattr(_simd, "HOLD_VECTORS", 16)
    neuron = NEURONS[neuron]
    rng = np.random.default_rng(m)
    X = rng.normal(size=(150, m)).astype(dtype)
    scores = X @ rng.normal(size=(m, 1)) + rng.normal(size=(150, 1))
    T = scores if neuron.targets is None else np.where(scores > 0, *neuron.targets[::-1])
    T = T.astype(dtype)
    out = []
    for held in (True, False):
        monkeypatch.setattr(compiled, "HOLD_WEIGHTS", held)
        W, b = np.zeros((m, 1), dtype), np.zeros(1, dtype)
        rng = np.random.default_rng(3)
        stats = []
        for epoch in range(3):
            plan = plan_epoch(mode, len(X), rng=rng, shuffle=True, batch_size=16,
                              reduction=neuron.reduction)  # fmt: skip
            schedule = Schedule(0.01, 0.5 if epoch == 2 else 0.0)  # constant, then decaying
            stats.append(compiled.run_epoch(X, T, W, b, plan, neuron, schedule, 150 * epoch,
                                            count_start=count_start))  # fmt: skip
        out.append((W, b, stats))
    (W1, b1, s1), (W0, b0, s0) = out
    np.testing.assert_array_equal(W1, W0)
    np.testing.assert_array_equal(b1, b0)
    assert s1 == s0


@pytest.mark.parametrize("m", [37, 120])  # block held with the weights; weights alone
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_numba_held_block_sums_past_a_block_and_through_inf(dtype, m, monkeypatch):
    """A batch of 700 rows (two flushes of the 256-row block) and a batch whose rows hold
    an inf: the held block sum and the in-memory one (add_rows) give the same bits."""
    from neurona.backends import _simd
    from neurona.backends import numba as compiled

    monkeypatch.setattr(_simd, "HOLD_VECTORS", 16)
    rng = np.random.default_rng(m)
    X = rng.normal(size=(700, m)).astype(dtype)
    T = (X @ rng.normal(size=(m, 1))).astype(dtype)
    X_inf = X[:13].copy()
    X_inf[5, 3] = np.inf
    out = []
    for held in (True, False):
        monkeypatch.setattr(compiled, "HOLD_WEIGHTS", held)
        got = []
        for data, targets in ((X, T), (X_inf, T[:13])):
            W, b = np.zeros((m, 1), dtype), np.zeros(1, dtype)
            plan = plan_epoch("batch", len(data), rng=np.random.default_rng(0), shuffle=False,
                              batch_size=len(data), reduction="mean")  # fmt: skip
            with np.errstate(invalid="ignore", over="ignore"):
                stats = compiled.run_epoch(data, targets, W, b, plan, NEURONS["linear"],
                                           Schedule(0.01), 0)  # fmt: skip
            got.append((W, b, stats))
        out.append(got)
    for (W1, b1, s1), (W0, b0, s0) in zip(*out, strict=True):
        np.testing.assert_array_equal(W1, W0)
        np.testing.assert_array_equal(b1, b0)
        assert s1.n_errors == s0.n_errors
        np.testing.assert_array_equal(s1.loss_sum, s0.loss_sum)


@pytest.mark.parametrize(
    "dtype", [np.float64, pytest.param(np.float32, marks=pytest.mark.slow)]
)  # each case compiles six kernels (about a minute): float32 with `make test-slow`
@pytest.mark.parametrize("neuron", ["perceptron-margin", "adaline"])
def test_numba_k_outputs_are_k_one_output_epochs(neuron, dtype, monkeypatch):
    """Column k of a K-output epoch is the one-output epoch on target column k, bit for
    bit (and each epoch's loss is the outputs' losses added in output order), and the
    K-output kernels give the same bits with each row held in registers and read from
    memory (weights, statistics, starting counts): online, minibatch and batch.

    K = 21: vectors' worth of outputs summed together (``dots_held``: 8 float64 or 16
    float32 lanes), the rest one by one, gradient tiles three outputs at a time
    (``add_rows3``) and one at a time. The exceptions: float32 LMS online, whose one-output
    kernel computes the next net input ahead (a tolerance, as against NumPy), and batch
    steps past a 256-row block where the outputs err on different rows (the next test).
    """
    from neurona.backends import _simd
    from neurona.backends import numba as compiled

    monkeypatch.setattr(_simd, "HOLD_VECTORS", 16)  # the held kernels on any machine
    neuron = NEURONS[neuron]
    K, m = 21, 37
    rng = np.random.default_rng(K)
    X = rng.normal(size=(300, m)).astype(dtype)
    scores = X @ rng.normal(size=(m, K)) + rng.normal(size=(300, K))
    T = np.where(scores > 0, *neuron.targets[::-1]).astype(dtype)

    def run(mode, targets, held):
        monkeypatch.setattr(compiled, "HOLD_WEIGHTS", held)
        W = np.zeros((m, targets.shape[1]), dtype)
        b = np.zeros(targets.shape[1], dtype)
        order_rng, stats = np.random.default_rng(3), []
        for epoch in range(3):
            # rows in order for the multi-row modes: one kernel for minibatch (steps of
            # at most a block) and batch (300 rows: past a block), fewer to compile
            plan = plan_epoch(mode, len(X), rng=order_rng, shuffle=mode == "online",
                              batch_size=32, reduction=neuron.reduction)  # fmt: skip
            schedule = Schedule(0.01, 0.5 if epoch == 2 else 0.0)
            stats.append(compiled.run_epoch(X, targets, W, b, plan, neuron, schedule,
                                            300 * epoch, count_start=True))  # fmt: skip
        return W, b, stats

    for mode in ("online", "minibatch", "batch"):
        W1, b1, s1 = run(mode, T, True)
        W0, b0, s0 = run(mode, T, False)
        np.testing.assert_array_equal(W1, W0)
        np.testing.assert_array_equal(b1, b0)
        assert s1 == s0
        ahead = neuron.name == "adaline" and mode == "online" and dtype == np.float32
        losses = np.zeros(3)  # each epoch's loss: the outputs' own sums, in output order
        for k in range(K):
            Wk, bk, sk = run(mode, np.ascontiguousarray(T[:, k : k + 1]), True)
            if ahead:
                np.testing.assert_allclose(W1[:, k : k + 1], Wk, rtol=1e-4, atol=1e-6)
            else:
                np.testing.assert_array_equal(W1[:, k : k + 1], Wk)
                np.testing.assert_array_equal(b1[k : k + 1], bk)
            losses += [stats.loss_sum for stats in sk]
        if not ahead:
            np.testing.assert_array_equal([stats.loss_sum for stats in s1], losses)


# each case compiles the kernel for two visiting orders (a few seconds each): the cases
# that CI runs cover a mistake-driven rule, an identity one and float32; the other rules
# and the float32 perceptron run with `make test-slow`
_SLOW = pytest.mark.slow


@pytest.mark.parametrize(
    ("neuron", "dtype"),
    [("perceptron-margin", np.float64), ("adaline", np.float64), ("adaline", np.float32),
     pytest.param("perceptron-error", np.float64, marks=_SLOW),
     pytest.param("linear", np.float64, marks=_SLOW),
     pytest.param("logistic", np.float64, marks=_SLOW),
     pytest.param("perceptron-margin", np.float32, marks=_SLOW)],
)  # fmt: skip
def test_numba_many_outputs_steps_by_blas_match_numpy(neuron, dtype):
    """From ``GEMM_OUTPUTS`` outputs, minibatch and batch steps form their products by BLAS
    (``_per_step_gemm``, blocks of 64 rows): against NumPy's reference, in visiting order
    and in storage order, with steps inside a block and across blocks, counting the rows
    the starting weights read right, the counts are the same and the weights, biases and
    losses agree to the backends' tolerance (the register kernels, whose sums are in
    another order, are held to the same in ``test_backend_matches_numpy``)."""
    from neurona.backends import numba as compiled

    neuron = NEURONS[neuron]
    K, m, n = compiled.GEMM_OUTPUTS + 1, 13, 150
    rng = np.random.default_rng(K)
    X = rng.normal(size=(n, m)).astype(dtype)
    scores = X @ rng.normal(size=(m, K)) + rng.normal(size=(n, K))
    if neuron.targets is None:
        T = scores.astype(dtype)
    else:
        T = np.where(scores == scores.max(axis=1, keepdims=True), *neuron.targets[::-1])
        T = T.astype(dtype)

    def train(run_epoch, mode, batch_size, shuffle):
        W, b = np.zeros((m, K), dtype), np.zeros(K, dtype)
        order_rng, stats = np.random.default_rng(5), []
        for epoch in range(3):
            plan = plan_epoch(mode, n, rng=order_rng, shuffle=shuffle, batch_size=batch_size,
                              reduction=neuron.reduction)  # fmt: skip
            schedule = Schedule(0.05, 0.5 if epoch == 2 else 0.0)
            stats.append(run_epoch(X, T, W, b, plan, neuron, schedule, 10 * epoch,
                                   count_start=True))  # fmt: skip
        return W, b, stats

    rtol = RTOL[dtype]
    for mode, batch_size, shuffle in (("minibatch", 16, True), ("minibatch", 100, False),
                                      ("batch", 1, True)):  # fmt: skip
        W0, b0, s0 = train(reference.run_epoch, mode, batch_size, shuffle)
        runs = [train(compiled.run_epoch, mode, batch_size, shuffle)]
        scale = max(np.abs(W0).max(), np.abs(b0).max(), 1.0)
        for W, b, stats in runs:
            np.testing.assert_allclose(W, W0, rtol=rtol, atol=rtol * scale)
            np.testing.assert_allclose(b, b0, rtol=rtol, atol=rtol * scale)
            for got, want in zip(stats, s0, strict=True):
                assert (got.n_errors, got.n_rows, got.n_steps, got.n_correct_start,
                        got.n_nonfinite) == (want.n_errors, want.n_rows, want.n_steps,
                                             want.n_correct_start, want.n_nonfinite)  # fmt: skip
            np.testing.assert_allclose([st.loss_sum for st in stats],
                                       [st.loss_sum for st in s0], rtol=rtol)  # fmt: skip


def test_numba_many_outputs_steps_by_blas_take_weights_and_no_intercept():
    """Sample weights (a step's errors times each row's weight) and ``fit_intercept=False``
    in the BLAS step kernel, against NumPy's reference."""
    from neurona.backends import numba as compiled

    neuron = NEURONS["adaline"]
    K, m, n = compiled.GEMM_OUTPUTS, 9, 140
    rng = np.random.default_rng(1)
    X = rng.normal(size=(n, m))
    T = np.where(rng.integers(0, K, n)[:, None] == np.arange(K), 1.0, -1.0)
    S = rng.uniform(0.0, 2.0, size=(n, K))
    S[::7] = 0.0  # rows that count for nothing
    out = []
    for run_epoch in (reference.run_epoch, compiled.run_epoch):
        W, b = np.zeros((m, K)), np.zeros(K)
        for epoch in range(2):
            plan = plan_epoch("minibatch", n, rng=np.random.default_rng(epoch), shuffle=True,
                              batch_size=70, reduction="mean")  # fmt: skip
            stats = run_epoch(X, T, W, b, plan, neuron, Schedule(0.1), 2 * epoch,
                              sample_weight=S, fit_intercept=False)  # fmt: skip
        out.append((W, b, stats))
    (W0, b0, s0), (W1, b1, s1) = out
    np.testing.assert_allclose(W1, W0, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(b1, b0)
    np.testing.assert_array_equal(b1, np.zeros(K))
    assert (s1.n_errors, s1.n_steps) == (s0.n_errors, s0.n_steps)
    np.testing.assert_allclose(s1.loss_sum, s0.loss_sum, rtol=1e-9)


def test_numba_blas_steps_form_the_share_of_a_block_with_a_non_finite_row():
    """A block of a BLAS step whose rows all read right, one of them with an infinity,
    still forms its gradient share, as NumPy forms ``Xᵀ E`` for every step: ``0 · inf``
    makes the weights of that feature NaN, whichever block the row is in."""
    from neurona.backends import numba as compiled

    neuron = NEURONS["perceptron-error"]
    K, m, n = compiled.GEMM_OUTPUTS, 2, 64
    X = np.ones((n, m))
    X[5, 0] = np.inf
    T = np.zeros((n, K))
    T[:, 0] = 1.0  # every row in class 0, which the weights below read right
    W = np.zeros((m, K))
    W[0, 0], W[0, 1:] = 1.0, -1.0
    b = -np.ones(K)
    b[0] = 1.0
    got = {}
    for name, run_epoch in (("numpy", reference.run_epoch), ("numba", compiled.run_epoch)):
        Wr, br = W.copy(), b.copy()
        plan = plan_epoch("batch", n, rng=np.random.default_rng(0), shuffle=False,
                          batch_size=1, reduction="sum")  # fmt: skip
        stats = run_epoch(X, T, Wr, br, plan, neuron, Schedule(0.1), 0)
        got[name] = (Wr, br, stats.n_errors, stats.n_nonfinite)
    np.testing.assert_array_equal(got["numba"][0], got["numpy"][0])
    assert np.isnan(got["numpy"][0][0]).all()
    np.testing.assert_array_equal(got["numba"][1], got["numpy"][1])
    assert got["numba"][2:] == got["numpy"][2:] == (0, 1)


@pytest.mark.parametrize("K", [3, 33])  # the register kernels; from 32 outputs, BLAS steps
def test_numba_counts_a_nan_net_input_as_numpys_argmax(K, monkeypatch):
    """NumPy's ``argmax`` takes the first NaN as the largest value: so do the compiled
    counts of rows read right (the starting weights' count in a step, ``count_correct``,
    dense and sparse), on a row whose net inputs are ``[inf, inf, inf, nan, ...]``."""
    import scipy.sparse as sp

    from neurona.backends import numba as compiled

    neuron = NEURONS["perceptron-error"]
    m, n = 4, 10
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, m))
    X[3, :2] = np.inf
    W = rng.normal(size=(m, K))
    W[:2, 0] = 1.0
    W[:2, 1] = 2.0
    W[0, 2], W[1, 2] = 1.0, -1.0  # inf - inf: NaN in output 2
    b = rng.normal(size=K)
    with np.errstate(invalid="ignore"):
        z3 = X[3] @ W + b
    assert np.isnan(z3).any()
    T = np.zeros((n, K))
    T[np.arange(n), rng.integers(0, K, n)] = 1.0
    T[3] = 0.0
    T[3, int(np.argmax(z3))] = 1.0  # the class NumPy's argmax reads: the first NaN
    want = reference.count_correct(X, T, W, b, neuron)
    assert compiled.count_correct(X, T, W, b, neuron) == want
    assert compiled.count_correct(sp.csr_array(X), T, W, b, neuron) == want
    plan = plan_epoch("batch", n, rng=rng, shuffle=False, batch_size=1, reduction="sum")
    counts = []
    for run_epoch in (reference.run_epoch, compiled.run_epoch):
        stats = run_epoch(X, T, W.copy(), b.copy(), plan, neuron, Schedule(0.1), 0,
                          count_start=True)  # fmt: skip
        counts.append(stats.n_correct_start)
    assert counts[1] == counts[0] == want


@pytest.mark.parametrize(("neuron", "n", "zero_weights"), [
    ("perceptron-margin", 256, False), ("perceptron-margin", 300, False),
    ("adaline", 300, False), ("adaline", 300, True),
])  # fmt: skip
def test_numba_k_output_blocks_close_on_rows_with_any_error(neuron, n, zero_weights):
    """A batch step's gradient is summed in blocks of 256 rows with a non-zero error, in
    float64 across blocks. A K-output step closes a block after 256 rows where any output
    erred, a one-output step after 256 rows where it did: past one block, with outputs
    erring on different rows (perceptron rules, or zero sample weights), the two group
    their float64 sums differently and agree to rounding; within one block, or with every
    row erring in every output, bit for bit. (A reviewer's example, 2026-12-02.)"""
    from neurona.backends import numba as compiled

    neuron, K, m = NEURONS[neuron], 4, 4
    rng = np.random.default_rng(1)
    X = rng.normal(size=(n, m))
    T = np.where(rng.normal(size=(n, K)) > 0, *neuron.targets[::-1]).astype(float)
    W0, b0 = 0.1 * rng.normal(size=(m, K)), np.zeros(K)
    S = None
    if zero_weights:
        S = np.ones((n, K))
        S[rng.random(size=(n, K)) < 0.3] = 0.0

    def epoch(T, W, b, S):
        plan = plan_epoch("batch", n, rng=np.random.default_rng(0), shuffle=False,
                          batch_size=n, reduction=neuron.reduction)  # fmt: skip
        compiled.run_epoch(X, T, W, b, plan, neuron, Schedule(0.01), 0, sample_weight=S)

    W, b = W0.copy(), b0.copy()
    epoch(T, W, b, S)
    exact = n <= 256 or not (zero_weights or neuron.name.startswith("perceptron"))
    for k in range(K):
        Wk, bk = W0[:, k : k + 1].copy(), b0[k : k + 1].copy()
        Sk = None if S is None else np.ascontiguousarray(S[:, k : k + 1])
        epoch(np.ascontiguousarray(T[:, k : k + 1]), Wk, bk, Sk)
        if exact:
            np.testing.assert_array_equal(W[:, k : k + 1], Wk)
        else:
            np.testing.assert_allclose(W[:, k : k + 1], Wk, rtol=1e-13, atol=1e-15)
        np.testing.assert_array_equal(b[k : k + 1], bk)


class _IdentityCriterion(Neuron):
    """An identity neuron that reports the perceptron criterion of the signed class
    ``2t - 1`` (the compiled criterion's reading for a non-margin error): a rule of its own."""

    def error(self, Z, T, xp=np):
        return T - Z

    def loss(self, Z, T, xp=np):
        v = -(2 * T - 1) * Z
        return xp.where(v <= 0, xp.zeros_like(v), v)


@pytest.mark.parametrize("mode", ["online", "minibatch"])
def test_numba_custom_rules_keep_their_loss(mode, monkeypatch):
    """A kernel per rule: an identity neuron reporting the perceptron criterion keeps it."""
    from neurona.backends import numba as compiled

    neuron = _IdentityCriterion("identity-criterion", (-1.0, 1.0), "mean")
    monkeypatch.setitem(compiled.KERNEL_RULES, neuron.name,
                        (compiled._IDENTITY, compiled._CRITERION))  # fmt: skip
    X, T = _data(neuron, 1, np.float64)
    W0, b0, s0 = _train(reference.run_epoch, X, T, neuron, mode)
    W1, b1, s1 = _train(_backend("numba").run_epoch, X, T, neuron, mode)
    np.testing.assert_allclose(W1, W0, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(b1, b0, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose([s.loss_sum for s in s1], [s.loss_sum for s in s0], rtol=1e-9)


def test_numba_runs_a_neuron_it_has_no_kernel_for_on_the_reference():
    """A neuron missing from the compiled table trains on NumPy's loop: NumPy's bits."""
    neuron = _IdentityCriterion("not-compiled", (-1.0, 1.0), "mean")
    X, T = _data(neuron, 1, np.float64)
    W0, _, s0 = _train(reference.run_epoch, X, T, neuron, "online")
    W1, _, s1 = _train(_backend("numba").run_epoch, X, T, neuron, "online")
    np.testing.assert_array_equal(W1, W0)
    assert s1 == s0


@pytest.mark.parametrize("held", [True, False])
def test_numba_refuses_read_only_weights_and_mismatched_shapes(held, monkeypatch):
    """As NumPy's ``W += ...`` does: a ValueError that says what to pass, W unchanged."""
    from neurona.backends import numba as compiled

    monkeypatch.setattr(compiled, "HOLD_WEIGHTS", held)
    X, T = _data(PERCEPTRON_MARGIN, 1, np.float64)
    plan = plan_epoch("online", len(X), rng=np.random.default_rng(0), shuffle=False,
                      batch_size=1, reduction="sum")  # fmt: skip
    W, b = np.zeros((N_FEATURES, 1)), np.zeros(1)
    W.flags.writeable = False
    with pytest.raises(ValueError, match="writeable"):
        compiled.run_epoch(X, T, W, b, plan, PERCEPTRON_MARGIN, Schedule(1.0), 0)
    np.testing.assert_array_equal(W, 0)
    with pytest.raises(ValueError, match=r"W \(m, K\)"):
        compiled.run_epoch(X, T, np.zeros((N_FEATURES + 1, 1)), b, plan, PERCEPTRON_MARGIN,
                           Schedule(1.0), 0)  # fmt: skip


@pytest.mark.parametrize("mode", MODES)
def test_numba_takes_any_memory_layout(mode):
    """Fortran-ordered X and a strided W give the same result, written into the caller's W."""
    neuron = NEURONS["adaline"]
    X, T = _data(neuron, 3, np.float64)
    nb = _backend("numba")
    Wbig = np.zeros((X.shape[1], 6))
    W, b = Wbig[:, ::2], np.zeros(3)  # a non-contiguous view
    plan = plan_epoch(mode, len(X), rng=np.random.default_rng(42), shuffle=True,
                      batch_size=BATCH, reduction="mean")  # fmt: skip
    nb.run_epoch(np.asfortranarray(X), T, W, b, plan, neuron, Schedule(0.05, 0.5), 0)
    Wr, br = np.zeros_like(W), np.zeros_like(b)
    plan2 = plan_epoch(mode, len(X), rng=np.random.default_rng(42), shuffle=True,
                       batch_size=BATCH, reduction="mean")  # fmt: skip
    reference.run_epoch(X, T, Wr, br, plan2, neuron, Schedule(0.05, 0.5), 0)
    np.testing.assert_allclose(Wbig[:, ::2], Wr, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(b, br, rtol=1e-9, atol=1e-12)
    assert not Wbig[:, 1::2].any()


@pytest.mark.parametrize("backend", COMPILED)
def test_read_only_data_is_accepted_without_warnings(backend):
    """A read-only X (a memory map, scikit-learn's checks) is read in place."""
    neuron = NEURONS["perceptron-margin"]
    X, T = _data(neuron, 1, np.float64, integers=True)
    X.setflags(write=False)
    T.setflags(write=False)
    kw = {"schedule": Schedule(1.0), "reduction": "sum"}
    W0, _, s0 = _train(reference.run_epoch, X, T, neuron, "minibatch", **kw)
    W1, _, s1 = _train(_backend(backend).run_epoch, X, T, neuron, "minibatch", **kw)
    np.testing.assert_array_equal(W1, W0)
    assert s1 == s0


def test_numba_mixed_dtypes_fall_back_to_the_reference():
    """float32 X with float64 weights is not a compiled signature: NumPy's answer, exactly."""
    neuron = NEURONS["linear"]
    X, T = _data(neuron, 1, np.float64)
    X32 = X.astype(np.float32)
    plan = plan_epoch("online", len(X), rng=np.random.default_rng(0), shuffle=False,
                      batch_size=1, reduction="mean")  # fmt: skip
    W0, b0, W1, b1 = np.zeros((N_FEATURES, 1)), np.zeros(1), np.zeros((N_FEATURES, 1)), np.zeros(1)
    s0 = reference.run_epoch(X32, T, W0, b0, plan, neuron, Schedule(0.01), 0)
    s1 = _backend("numba").run_epoch(X32, T, W1, b1, plan, neuron, Schedule(0.01), 0)
    np.testing.assert_array_equal(W1, W0)
    assert s1 == s0


def test_numba_propagates_divergence_like_numpy():
    """A huge rate overflows to inf/NaN in both; the statistics say so the same way."""
    neuron = NEURONS["linear"]
    X, T = _data(neuron, 1, np.float64)
    out = []
    for run in (reference.run_epoch, _backend("numba").run_epoch):
        W, b = np.zeros((N_FEATURES, 1)), np.zeros(1)
        plan = plan_epoch("online", len(X), rng=np.random.default_rng(0), shuffle=False,
                          batch_size=1, reduction="mean")  # fmt: skip
        with np.errstate(over="ignore", invalid="ignore"):
            out.append((run(X, T, W, b, plan, neuron, Schedule(1e200), 0), W))
    (s0, W0), (s1, W1) = out
    assert not np.isfinite(s0.loss_sum)
    assert not np.isfinite(s1.loss_sum)
    np.testing.assert_array_equal(np.isfinite(W1), np.isfinite(W0))


# ------------------------------------------------------------------------------- torch


@pytest.mark.parametrize("mode", MODES)
def test_torch_tensors_stay_on_their_device_and_dtype(mode):
    torch = pytest.importorskip("torch")
    neuron = NEURONS["perceptron-error"]
    X, T = _data(neuron, 1, np.float32)
    W0, _, s0 = _train(reference.run_epoch, X, T, neuron, mode, epochs=1)
    Xt, Tt = torch.from_numpy(X), torch.from_numpy(T)
    W, b = torch.zeros((N_FEATURES, 1)), torch.zeros(1)
    plan = plan_epoch(mode, len(X), rng=np.random.default_rng(42), shuffle=True,
                      batch_size=BATCH, reduction="sum")  # fmt: skip
    s1 = _backend("torch").run_epoch(Xt, Tt, W, b, plan, neuron, Schedule(0.05, 0.5), 0)
    assert W.dtype == b.dtype == torch.float32
    np.testing.assert_allclose(W.numpy(), W0, rtol=1e-4, atol=1e-5)
    assert s1.n_errors == s0[0].n_errors


def test_torch_refuses_weights_on_another_device():
    torch = pytest.importorskip("torch")
    neuron = NEURONS["adaline"]
    X, T = _data(neuron, 1, np.float32)
    W = torch.zeros((N_FEATURES, 1), device="meta")
    plan = plan_epoch("batch", len(X), rng=np.random.default_rng(0), shuffle=False,
                      batch_size=1, reduction="mean")  # fmt: skip
    with pytest.raises(DataError, match="is on meta but X is on cpu"):
        _backend("torch").run_epoch(
            torch.from_numpy(X), T, W, torch.zeros(1), plan, neuron, Schedule(0.1), 0
        )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("neuron", NEURONS.values(), ids=NEURONS.keys())
def test_torch_cuda_matches_numpy(neuron, mode):
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device here")
    X, T = _data(neuron, 1, np.float32)
    W0, _, s0 = _train(reference.run_epoch, X, T, neuron, mode, epochs=1)
    Xc, Tc = torch.from_numpy(X).cuda(), torch.from_numpy(T).cuda()
    W, b = torch.zeros((N_FEATURES, 1), device="cuda"), torch.zeros(1, device="cuda")
    plan = plan_epoch(mode, len(X), rng=np.random.default_rng(42), shuffle=True,
                      batch_size=BATCH, reduction=neuron.reduction)  # fmt: skip
    s1 = _backend("torch").run_epoch(Xc, Tc, W, b, plan, neuron, Schedule(0.05, 0.5), 0)
    assert W.device.type == "cuda"
    assert W.dtype == torch.float32
    np.testing.assert_allclose(W.cpu().numpy(), W0, rtol=1e-4, atol=1e-4)
    assert s1.n_errors == s0[0].n_errors


# --------------------------------------------------------------------- count_correct


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n_outputs", [1, 3, 5])
@pytest.mark.parametrize("neuron", NEURONS.values(), ids=NEURONS.keys())
@pytest.mark.parametrize("backend", COMPILED)
def test_count_correct_matches_numpy(backend, neuron, n_outputs, dtype):
    """The end-of-epoch accuracy count: threshold for one output, argmax for one-vs-rest."""
    X, T = _data(neuron, n_outputs, dtype, integers=True, seed=3)
    rng = np.random.default_rng(5)
    for _ in range(5):  # integer data and weights: exact net inputs, ties included
        W = rng.integers(-2, 3, size=(N_FEATURES, n_outputs)).astype(dtype)
        b = rng.integers(-2, 3, size=n_outputs).astype(dtype)
        expected = reference.count_correct(X, T, W, b, neuron)
        assert _backend(backend).count_correct(X, T, W, b, neuron) == expected
    assert 0 < expected < N_ROWS  # the data do exercise both outcomes


def test_infinite_net_input_on_the_right_side_costs_nothing():
    """max(0, -t z) = 0 for t z = +inf (NumPy's np.maximum), not inf - inf = NaN."""
    X = np.array([[1e10, 1e10], [-1e10, -1e10]])
    T = np.array([[1.0], [-1.0]])
    plan = plan_epoch("online", 2, rng=np.random.default_rng(0), shuffle=False,
                      batch_size=1, reduction="sum")  # fmt: skip
    for backend in ("numpy", "numba"):
        W, b = np.full((2, 1), 1e300), np.zeros(1)
        with np.errstate(over="ignore"):  # z = +-inf by design
            stats = _backend(backend).run_epoch(
                X, T, W, b, plan, PERCEPTRON_MARGIN, Schedule(1.0), 0
            )
        assert stats.loss_sum == 0.0
        assert stats.n_errors == 0


def test_public_dot_checks_its_shapes():
    dot = _backend("numba").dot
    x = np.arange(64.0)
    assert dot(x, x) == float(x @ x)
    with pytest.raises(ValueError, match="one length"):
        dot(x, x[:8])


def test_count_correct_falls_back_on_mixed_dtypes():
    neuron = PERCEPTRON_MARGIN
    X, T = _data(neuron, 1, np.float64)
    W, b = np.ones((N_FEATURES, 1), np.float32), np.zeros(1, np.float32)
    expected = reference.count_correct(X, T, W, b, neuron)
    assert _backend("numba").count_correct(X, T, W, b, neuron) == expected


def test_torch_count_correct_on_cuda():
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device here")
    neuron = PERCEPTRON_MARGIN
    X, T = _data(neuron, 3, np.float32, integers=True)
    W, b = np.ones((N_FEATURES, 3), np.float32), np.zeros(3, np.float32)
    expected = reference.count_correct(X, T, W, b, neuron)
    Xc, Tc = torch.from_numpy(X).cuda(), torch.from_numpy(T).cuda()
    assert _backend("torch").count_correct(Xc, Tc, W, b, neuron) == expected


# ---------------------------------------------------------------------------- registry


def test_registry_lists_every_backend():
    assert set(BACKENDS) == {"numpy", "numba", "torch"}
    assert {"numpy", "numba"} <= set(available_backends())


@pytest.mark.parametrize("name", ["numpy", "numba"])
def test_explicit_backends_resolve_to_themselves(name):
    assert resolve(name).name == name
    assert resolve(name, X=np.zeros((3, 3))).name == name


def test_auto_picks_numba_on_cpu_and_torch_for_tensors():
    assert resolve("auto").name == "numba"
    torch = pytest.importorskip("torch")
    assert resolve("auto", X=torch.zeros(2, 2)).name == "torch"
    engine = resolve("auto", device="cpu")
    assert (engine.name, engine.device) == ("torch", "cpu")


def test_auto_compiles_at_every_size():
    for rows in (1, 4, 150, 100_000):
        assert resolve("auto", X=np.zeros((rows, 3))).name == "numba"
    assert resolve("numpy", X=np.zeros((100_000, 3))).name == "numpy"


def test_auto_policy_for_hooks_and_continued_runs():
    X = np.zeros((10, 3))
    assert resolve("auto", X=X, per_update=True).name == "numpy"  # the one that calls back
    assert resolve("auto", X=X, previous="numpy").name == "numpy"  # stays where it started
    assert resolve("auto", X=X, previous="numba", per_update=True).name == "numpy"
    with pytest.raises(ParameterError, match="per-update callbacks need backend='numpy'"):
        resolve("numba", per_update=True)


def test_a_device_and_a_per_update_hook_are_refused_before_training():
    pytest.importorskip("torch")
    with pytest.raises(ParameterError, match="leave device unset"):
        resolve("auto", device="cpu", per_update=True)
    import neurona

    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([0, 0, 1])
    model = neurona.Adaline(epochs=2).fit(X, y)
    before = (model.coef_.copy(), model.history_)
    with pytest.raises(ParameterError, match="leave device unset"):
        model.set_params(device="cpu", warm_start=True).fit(X, y, on_update=lambda W, b: None)
    np.testing.assert_array_equal(model.coef_, before[0])
    assert model.history_ == before[1]


def test_a_continued_run_leaves_the_device_when_device_is_unset(monkeypatch):
    pytest.importorskip("torch")
    import neurona
    import neurona.estimators as est

    used = []
    real = est.resolve

    def spy(*args, **kwargs):
        engine = real(*args, **kwargs)
        used.append(engine.name)
        return engine

    monkeypatch.setattr(est, "resolve", spy)
    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([0, 0, 1])
    model = neurona.Adaline(epochs=2, device="cpu", warm_start=True).fit(X, y)
    model.set_params(device=None).fit(X, y)
    model.partial_fit(X, y)
    assert used == ["torch", "numba", "numba"]


def test_a_device_needs_a_backend_with_devices():
    with pytest.raises(ParameterError, match="needs backend='torch'"):
        resolve("numba", device="cpu")


def test_unknown_backend_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="'numba', 'numpy', 'torch'"):
        resolve("cupy")


def test_import_neurona_imports_neither_numba_nor_torch():
    code = (
        "import sys, neurona, neurona.backends, neurona.modes, neurona.neurons; "
        "neurona.backends.check_backend('auto'); neurona.backends.check_backend('numba'); "
        "print(sorted(m for m in ('numba', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -------------------------------------------------------------------------- estimators


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("backend", COMPILED)
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_estimators_give_numpys_weights(backend, mode):
    import neurona

    _backend(backend)
    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 4))
    y = (X @ [1.0, -2.0, 0.5, 0.0] + 0.3 * rng.normal(size=80) > 0).astype(int)
    y3 = np.digitize(X[:, 0], [-0.5, 0.5])
    yr = X @ [1.0, -2.0, 0.5, 0.0] + 0.1 * rng.normal(size=80)
    kw = {"mode": mode, "epochs": 4, "shuffle": True, "random_state": 0, "batch_size": 8}
    exact = 0 if MODES[mode].rows(80, 8) == 1 else 1e-12  # multi-row sums are reordered
    for make, target, rtol in (
        (lambda **k: neurona.Perceptron(**k), y, exact),
        (lambda **k: neurona.Perceptron(**k), y3, exact),
        (lambda **k: neurona.Adaline(learning_rate=0.01, **k), y, 1e-9),
        (lambda **k: neurona.LogisticRegression(learning_rate=0.1, **k), y3, 1e-9),
        (lambda **k: neurona.LinearRegression(learning_rate=0.01, solver="gd", **k), yr, 1e-9),
    ):
        ref = make(backend="numpy", **kw).fit(X, target)
        got = make(backend=backend, **kw).fit(X, target)
        np.testing.assert_allclose(got.coef_, ref.coef_, rtol=rtol, atol=rtol)
        np.testing.assert_allclose(got.intercept_, ref.intercept_, rtol=rtol, atol=rtol)


@pytest.mark.parametrize("n_outputs", [1, 6])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("backend", ["numpy", *COMPILED])
def test_every_backend_counts_rows_whose_net_input_is_not_finite(backend, mode, n_outputs):
    """A NaN or an infinity in a row makes its net input non-finite whatever the weights
    (inf · 0 is NaN): every backend counts those rows, so no pass looks for them first."""
    neuron = NEURONS["adaline"]
    X, T = _data(neuron, n_outputs, np.float64)
    X[[3, 40], [1, 4]] = np.nan, np.inf
    X[70, 0] = -np.inf
    W, b = np.ones((N_FEATURES, n_outputs)), np.zeros(n_outputs)  # non-zero weights
    plan = plan_epoch(mode, len(X), rng=np.random.default_rng(0), shuffle=False,
                      batch_size=BATCH, reduction="mean")  # fmt: skip
    with np.errstate(invalid="ignore", over="ignore"):
        stats = _backend(backend).run_epoch(X, T, W, b, plan, neuron, Schedule(1e-3), 0)
    visited = set(range(len(X)) if plan.order is None else plan.order.tolist())
    assert stats.n_nonfinite >= len({3, 40, 70} & visited) > 0


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("n_outputs", [1, 3])
@pytest.mark.parametrize("mode", ["online", "minibatch", "random"])
def test_prepared_epochs_equal_run_epoch_bit_for_bit(order, n_outputs, mode):
    """The training loop's prepared epochs (``epoch_runner``: checks and copies once) give
    ``run_epoch``'s result exactly, with weights that are views of the kernels' layout
    (Fortran order) or copies (C order), and see the weights changed between epochs."""
    from neurona.backends import numba as compiled
    from neurona.modes import Steps

    rng = np.random.default_rng(7)
    X = rng.normal(size=(90, 5))
    T = np.where(rng.normal(size=(90, n_outputs)) > 0, 1.0, -1.0)
    steps = Steps(MODES[mode], 8, True, False)
    results = []
    for prepared in (False, True):
        W, b = np.zeros((5, n_outputs), order=order), np.zeros(n_outputs)
        draw = np.random.default_rng(3)
        epoch = compiled.epoch_runner(X, T, W, b, PERCEPTRON_MARGIN) if prepared else None
        stats, t = [], 0
        for e in range(4):
            plan = steps.plan(90, draw)
            if prepared:
                s = epoch(plan, Schedule(0.5), t, e > 0)
            else:
                s = compiled.run_epoch(X, T, W, b, plan, PERCEPTRON_MARGIN, Schedule(0.5), t,
                                       count_start=e > 0)  # fmt: skip
            t += s.n_steps
            stats.append(s)
            if e == 1:  # as the training loop restoring the weights of a failed epoch
                W[...], b[...] = W * 0.5, b - 1
        results.append((W.copy(), b.copy(), stats))
    (W0, b0, s0), (W1, b1, s1) = results
    np.testing.assert_array_equal(W1, W0)
    np.testing.assert_array_equal(b1, b0)
    assert s1 == s0


def test_prepared_epochs_decline_what_needs_another_path():
    import scipy.sparse as sp

    from neurona.backends import numba as compiled
    from neurona.neurons import Terms

    X, T = np.ones((4, 2)), np.ones((4, 1))
    W, b = np.zeros((2, 1)), np.zeros(1)
    assert compiled.epoch_runner(X, T, W, b, PERCEPTRON_MARGIN) is not None
    assert compiled.epoch_runner(sp.csr_array(X), T, W, b, PERCEPTRON_MARGIN) is None
    terms = Terms(l2=0.1).start(W, b)
    assert compiled.epoch_runner(X, T, W, b, PERCEPTRON_MARGIN, terms=terms) is None
    assert compiled.epoch_runner(X.astype(np.float32), T, W, b, PERCEPTRON_MARGIN) is None
    with pytest.raises(ValueError, match="run_epoch needs"):
        compiled.epoch_runner(X, T, np.zeros((3, 1)), b, PERCEPTRON_MARGIN)
