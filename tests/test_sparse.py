"""Sparse input: CSR epochs equal the dense reference's, read only the non-zeros.

The CSR kernels (``neurona.backends._sparse``) against the NumPy reference on the same
matrix densified, for every neuron, mode, output count, sample weights and intercept; on
integer data (exact sums) bit for bit, on random reals to a few ulps (the net input's sum
runs in another order). The text-like generator against a brute-force count.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from neurona.backends import numpy as reference
from neurona.backends._sparse import count_correct_csr, run_epoch_csr
from neurona.data.text import make_text
from neurona.errors import ParameterError
from neurona.modes import MODES, Steps
from neurona.neurons import NEURONS
from neurona.schedules import Schedule


def _targets(neuron, rng, n, K, dtype):
    if neuron.targets is None:
        return rng.standard_normal((n, K)).astype(dtype)
    neg, pos = neuron.targets
    return np.where(rng.random((n, K)) > 0.5, pos, neg).astype(dtype)


def _matrix(rng, n, m, density, integer, dtype, empty_rows=(), empty_cols=()):
    A = sp.random_array((n, m), density=density, rng=rng, dtype=np.float64).tocsr()
    A.data = np.round(A.data * 8) if integer else A.data * 4 - 2
    A = A.tolil()
    for i in empty_rows:
        A[i, :] = 0
    for j in empty_cols:
        A[:, j] = 0
    A = sp.csr_array(A)
    A.eliminate_zeros()
    return A.astype(dtype)


def _both(A, T, neuron, mode, *, S=None, fit_b=True, rate=0.25, epochs=3, batch=7):
    n, K = T.shape
    dtype = A.dtype
    steps = Steps(MODES[mode], batch, False, False)
    W1, b1 = np.zeros((A.shape[1], K), dtype), np.zeros(K, dtype)
    W2, b2 = W1.copy(), b1.copy()
    sched, dense = Schedule(rate), A.toarray()
    for epoch in range(epochs):
        plan = steps.plan(n, np.random.default_rng(epoch))
        kw = {"count_start": plan.visits_all, "sample_weight": S, "fit_intercept": fit_b}
        s1 = reference.run_epoch(dense, T, W1, b1, plan, neuron, sched, epoch * n, **kw)
        s2 = run_epoch_csr(A, T, W2, b2, plan, neuron, sched, epoch * n, **kw)
        assert (s1.n_errors, s1.n_steps, s1.n_rows) == (s2.n_errors, s2.n_steps, s2.n_rows)
        assert s1.n_correct_start == s2.n_correct_start
        assert s1.n_nonfinite == s2.n_nonfinite
        assert s2.loss_sum == pytest.approx(
            s1.loss_sum, rel=1e-12 if dtype == np.float64 else 1e-5
        )
    return (W1, b1), (W2, b2)


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("name", sorted(NEURONS))
@pytest.mark.parametrize("K", [1, 3])
def test_integer_data_gives_the_dense_weights_bit_for_bit(name, mode, K):
    rng = np.random.default_rng(7)
    neuron = NEURONS[name]
    A = _matrix(rng, 40, 25, 0.2, True, np.float64, empty_rows=(3, 17), empty_cols=(0, 9))
    T = _targets(neuron, rng, 40, K, np.float64)
    if neuron.name in ("perceptron-margin", "perceptron-error"):  # integer weights: exact
        (W1, b1), (W2, b2) = _both(A, T, neuron, mode, rate=1.0)
        np.testing.assert_array_equal(W2, W1)
        np.testing.assert_array_equal(b2, b1)
    else:
        (W1, b1), (W2, b2) = _both(A, T, neuron, mode, rate=2.0**-8)
        np.testing.assert_allclose(W2, W1, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(b2, b1, rtol=1e-12, atol=1e-15)
    assert count_correct_csr(A, T, W2, b2, neuron) == reference.count_correct(
        A.toarray(), T, W2, b2, neuron
    )


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 30),
    m=st.integers(1, 20),
    density=st.sampled_from([0.0, 0.05, 0.3, 1.0]),
    name=st.sampled_from(sorted(NEURONS)),
    mode=st.sampled_from(sorted(MODES)),
    K=st.sampled_from([1, 2, 4]),
    weighted=st.booleans(),
    fit_b=st.booleans(),
    dtype=st.sampled_from([np.float64, np.float32]),
)
def test_random_sparse_matrices_match_the_dense_reference(
    seed, n, m, density, name, mode, K, weighted, fit_b, dtype
):
    rng = np.random.default_rng(seed)
    neuron = NEURONS[name]
    A = _matrix(rng, n, m, density, False, dtype)
    T = _targets(neuron, rng, n, K, dtype)
    S = rng.random((n, K)).astype(dtype) if weighted else None
    (W1, b1), (W2, b2) = _both(A, T, neuron, mode, S=S, fit_b=fit_b, rate=0.05, batch=4)
    tol = 1e-12 if dtype == np.float64 else 2e-5
    scale = max(1.0, float(np.abs(W1).max(initial=0)), float(np.abs(b1).max(initial=0)))
    np.testing.assert_allclose(W2, W1, rtol=tol, atol=tol * scale)
    np.testing.assert_allclose(b2, b1, rtol=tol, atol=tol * scale)
    if not fit_b:
        assert not b2.any()


def test_an_epoch_touches_only_the_columns_of_its_rows():
    rng = np.random.default_rng(3)
    A = _matrix(rng, 30, 1000, 0.005, True, np.float64)
    T = _targets(NEURONS["adaline"], rng, 30, 1, np.float64)
    for mode in MODES:
        W, b = np.zeros((1000, 1)), np.zeros(1)
        plan = Steps(MODES[mode], 8, False, False).plan(30, np.random.default_rng(0))
        run_epoch_csr(A, T, W, b, plan, NEURONS["adaline"], Schedule(0.01), 0)
        untouched = np.setdiff1d(np.arange(1000), A.indices)
        assert not W[untouched].any()
        assert W[np.unique(A.indices)].any()


def test_text_generator_counts_tokens_and_is_seeded():
    X, y = make_text(300, 2**12, nnz_per_row=20, vocabulary=5000, random_state=4)
    X2, y2 = make_text(300, 2**12, nnz_per_row=20, vocabulary=5000, random_state=4)
    assert isinstance(X, sp.csr_array)
    assert X.has_sorted_indices
    np.testing.assert_array_equal(X.toarray(), X2.toarray())
    np.testing.assert_array_equal(y, y2)
    assert np.all(np.diff(X.indptr) == 20)
    assert np.all(X.data >= 1)
    assert np.all(X.data == np.round(X.data))
    assert X.sum() >= 300 * 20
    assert abs(y.mean() - 0.5) <= 1 / 300  # split at the median score
    # Zipf: the most frequent column is in far more rows than the median column
    df = np.bincount(X.indices, minlength=X.shape[1])
    assert df.max() >= 0.9 * 300
    assert np.median(df[df > 0]) <= 5
    other, _ = make_text(300, 2**12, nnz_per_row=20, vocabulary=5000, random_state=5)
    assert (other != X).nnz


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_samples": 0}, "n_samples must be an integer"),
        ({"n_features": 10, "nnz_per_row": 50}, "n_features must be"),
        ({"zipf": 0.0}, "zipf must be > 0"),
        ({"flip": 0.7}, r"flip must be in \[0, 0.5\]"),
        ({"dtype": np.int64}, "dtype must be float32 or float64"),
    ],
)
def test_text_generator_refuses_bad_sizes(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        make_text(**kwargs)
