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
from neurona.errors import DataError, ParameterError
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


@settings(max_examples=25, deadline=None, derandomize=True)
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


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("name", sorted(NEURONS))
def test_the_final_pass_of_rate_zero_scores_as_the_reference(name, weighted):
    """neurona.train's last pass (one step of rate 0 over every row, one output) takes a
    path of its own on CSR input: its loss, errors, counts and non-finite rows are the
    NumPy reference's on the dense matrix, and the weights stay as they are."""
    from neurona.modes import EpochPlan

    rng = np.random.default_rng(5)
    neuron = NEURONS[name]
    A = _matrix(rng, 40, 30, 0.2, False, np.float64, empty_rows=(3,), empty_cols=(7,))
    T = _targets(neuron, rng, 40, 1, np.float64)
    S = rng.uniform(0.0, 2.0, size=(40, 1)) if weighted else None
    if S is not None:
        S[::5] = 0.0  # a row of weight 0 has no error to count
    W, b = rng.normal(size=(30, 1)), np.array([0.3])
    whole = EpochPlan(order=None, step=40, mean=True, visits_all=True)
    kw = {"count_start": True, "sample_weight": S}
    W1, b1, W2, b2 = W.copy(), b.copy(), W.copy(), b.copy()
    s1 = reference.run_epoch(A.toarray(), T, W1, b1, whole, neuron, Schedule(0.0), 0, **kw)
    s2 = run_epoch_csr(A, T, W2, b2, whole, neuron, Schedule(0.0), 0, **kw)
    assert (s2.n_errors, s2.n_steps, s2.n_rows) == (s1.n_errors, s1.n_steps, s1.n_rows)
    assert (s2.n_correct_start, s2.n_nonfinite) == (s1.n_correct_start, s1.n_nonfinite)
    assert s2.loss_sum == pytest.approx(s1.loss_sum, rel=1e-12)
    np.testing.assert_array_equal(W2, W)
    np.testing.assert_array_equal(b2, b)


@pytest.mark.parametrize("updates", [None, 10, 10**6])
@pytest.mark.parametrize(
    ("low", "high"), [(0, 0), (-1, 1), (-2, 3), (-4, 4), (-9, 0), (0, 17), (-20, -3)]
)
@pytest.mark.parametrize("stored_zero", [False, True])
def test_the_cheap_bound_on_sparse_scales_never_changes_the_verdict(
    low, high, updates, stored_zero
):
    """``check_feature_scales`` on a sparse X first bounds the scales' ratio by the largest
    and smallest stored magnitudes (a streaming pass) and skips its pass over the columns
    where that bound settles it: the verdict (nothing, a warning, or the error and its
    words) is the one of the full check, given the columns' sums."""
    import warnings

    from neurona._squares import csr_sums_of_squares
    from neurona.schedules import _scales_settled, check_feature_scales

    rng = np.random.default_rng(abs(low) + high)
    A = sp.random(200, 12, density=0.3, format="csr", random_state=1, dtype=np.float64)
    A.data = rng.uniform(0.5, 1.0, A.nnz) * 10.0 ** rng.uniform(low, high, A.nnz)
    if stored_zero:
        A.data[3] = 0.0

    def verdict(cols):
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            try:
                check_feature_scales(A, cols, updates=updates)
            except DataError as exc:
                return ("error", str(exc))
        return ("warned", [str(w.message) for w in seen]) if seen else ("nothing",)

    _, cols, counts = csr_sums_of_squares(A)
    full = verdict((cols, 1.0, counts))
    assert verdict(None) == full
    if _scales_settled(A, updates):
        assert full == ("nothing",)


def test_one_pass_gives_the_squares_and_counts_of_rows_and_columns():
    """``neurona._squares.csr_sums_of_squares`` (one pass over the non-zeros) against
    SciPy: the rows' and columns' sums of squares and the stored values per column,
    explicit zeros and empty rows and columns included."""
    from neurona._squares import csr_sums_of_squares

    X = sp.random(300, 400, density=0.02, format="csr", random_state=3, dtype=np.float64)
    X.data[::7] = 0.0  # stored zeros count as stored values
    rows, cols, counts = csr_sums_of_squares(X)
    np.testing.assert_allclose(rows, np.asarray(X.multiply(X).sum(axis=1)).ravel(), rtol=1e-14)
    np.testing.assert_allclose(cols, np.asarray(X.multiply(X).sum(axis=0)).ravel(), rtol=1e-14)
    np.testing.assert_array_equal(counts, np.bincount(X.indices, minlength=400))
    assert counts.dtype == np.int64


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


# ------------------------------------------------------------------ estimators on sparse X

import warnings  # noqa: E402

import sklearn.linear_model as sk  # noqa: E402
from sklearn.exceptions import ConvergenceWarning as SkConvergenceWarning  # noqa: E402

import neurona  # noqa: E402
from neurona.errors import SeparabilityWarning  # noqa: E402

SPARSE_BACKENDS = ["numpy", "numba"]
FORMATS = {
    "csr_array": sp.csr_array,
    "csr_matrix": sp.csr_matrix,
    "csc_array": sp.csc_array,
    "coo_matrix": sp.coo_matrix,
}


def _sk_fit(est, X, y, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkConvergenceWarning)
        return est.fit(X, y, **kw)


def _text(n=300, m=2**9, nnz=12, seed=0):
    X, y = make_text(n, m, nnz_per_row=nnz, vocabulary=4000, random_state=seed, flip=0.1)
    X = X.tolil()
    X[7, :] = 0  # an empty row
    return sp.csr_array(X), y


def _estimators():
    yield "perceptron-margin", lambda **k: neurona.Perceptron(epochs=4, **k)
    yield "perceptron-error", lambda **k: neurona.Perceptron(epochs=4, rule="error", **k)
    yield "adaline", lambda **k: neurona.Adaline(epochs=4, learning_rate=2.0**-7, **k)
    yield "logistic", lambda **k: neurona.LogisticRegression(epochs=4, learning_rate=0.25, **k)
    yield (
        "linear",
        lambda **k: neurona.LinearRegression(solver="gd", epochs=4, learning_rate=2.0**-7, **k),
    )


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("backend", SPARSE_BACKENDS)
@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize(("name", "make"), list(_estimators()))
def test_every_estimator_and_mode_fits_sparse_as_dense(name, make, mode, backend):
    X, y = _text()
    target = y.astype(np.float64) if name == "linear" else y
    kw = {"mode": mode, "batch_size": 16, "backend": backend, "random_state": 0}
    if mode == "online":
        kw["shuffle"] = True
    sparse_fit = make(**kw).fit(X, target)
    dense_fit = make(**kw).fit(X.toarray(), target)
    exact = name.startswith("perceptron") or backend == "numpy"
    if exact:  # integer counts and integer steps, or the reference's dense rows
        np.testing.assert_array_equal(sparse_fit.coef_, dense_fit.coef_)
        np.testing.assert_array_equal(sparse_fit.intercept_, dense_fit.intercept_)
    else:
        np.testing.assert_allclose(sparse_fit.coef_, dense_fit.coef_, rtol=1e-12, atol=1e-13)
        np.testing.assert_allclose(sparse_fit.intercept_, dense_fit.intercept_, rtol=1e-12)
    assert sparse_fit.history_.keys() == dense_fit.history_.keys()
    for key, values in dense_fit.history_.items():
        assert sparse_fit.history_[key] == pytest.approx(values, rel=1e-12), key
    for fmt in FORMATS.values():  # predictions take every format, as the dense rows
        Xf = fmt(X)
        got, want = sparse_fit.predict(Xf), dense_fit.predict(X.toarray())
        if name == "linear":  # a sparse product: the sum in another order
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)
        else:
            np.testing.assert_array_equal(got, want)
        assert sparse_fit.score(Xf, target) == pytest.approx(
            dense_fit.score(X.toarray(), target), rel=1e-12
        )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_sparse_format_trains_as_csr(fmt):
    X, y = _text()
    ref = neurona.Adaline(epochs=2).fit(X, y)
    got = neurona.Adaline(epochs=2).fit(FORMATS[fmt](X), y)
    np.testing.assert_array_equal(got.coef_, ref.coef_)


@pytest.mark.parametrize("backend", SPARSE_BACKENDS)
def test_sparse_margin_perceptron_equals_sklearn_bit_for_bit(backend):
    X, y = _text(n=400, seed=3)
    # without an intercept: scikit-learn's sparse SGD is the same arithmetic
    ours = neurona.Perceptron(epochs=5, fit_intercept=False, backend=backend).fit(X, y)
    ref = _sk_fit(sk.Perceptron(eta0=1.0, penalty=None, shuffle=False, tol=None, max_iter=5,
                                fit_intercept=False), sp.csr_matrix(X), y)  # fmt: skip
    np.testing.assert_array_equal(ours.coef_, ref.coef_)
    # with an intercept scikit-learn damps its step to 1% on sparse input (intercept_decay),
    # so its sparse and dense fits differ; neurona's sparse fit is its dense fit, and that
    # is scikit-learn's dense fit
    ours = neurona.Perceptron(epochs=5, backend=backend).fit(X, y)
    dense = _sk_fit(sk.Perceptron(eta0=1.0, penalty=None, shuffle=False, tol=None, max_iter=5),
                    X.toarray(), y)  # fmt: skip
    np.testing.assert_array_equal(ours.coef_, dense.coef_)
    np.testing.assert_array_equal(ours.intercept_, dense.intercept_)
    damped = _sk_fit(sk.Perceptron(eta0=1.0, penalty=None, shuffle=False, tol=None, max_iter=5),
                     sp.csr_matrix(X), y)  # fmt: skip
    assert not np.array_equal(damped.intercept_, dense.intercept_)


@pytest.mark.parametrize("backend", SPARSE_BACKENDS)
@pytest.mark.parametrize("penalty", [None, "l2"])
def test_sparse_online_lms_equals_sgdregressor(backend, penalty):
    X, y = _text(n=300, seed=5)
    target = y + 0.1 * np.arange(len(y)) / len(y)
    kw = {"penalty": penalty, "alpha": 1e-3} if penalty else {}
    tol = 1e-10 if penalty else 1e-12
    ours = neurona.LinearRegression(
        solver="gd", learning_rate=0.01, epochs=4, fit_intercept=False, backend=backend, **kw
    ).fit(X, target)
    ref = _sk_fit(sk.SGDRegressor(penalty=penalty, alpha=kw.get("alpha", 1e-4),
                                  learning_rate="constant", eta0=0.01, shuffle=False,
                                  tol=None, max_iter=4, fit_intercept=False),
                  sp.csr_matrix(X), target)  # fmt: skip
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=0, atol=tol)
    # with an intercept: equal to scikit-learn's dense fit (its sparse one damps b)
    ours = neurona.LinearRegression(solver="gd", learning_rate=0.01, epochs=4, backend=backend,
                                    **kw).fit(X, target)  # fmt: skip
    dense = _sk_fit(sk.SGDRegressor(penalty=penalty, alpha=kw.get("alpha", 1e-4),
                                    learning_rate="constant", eta0=0.01, shuffle=False,
                                    tol=None, max_iter=4), X.toarray(), target)  # fmt: skip
    np.testing.assert_allclose(ours.coef_, dense.coef_, rtol=0, atol=tol)
    np.testing.assert_allclose(ours.intercept_, dense.intercept_, rtol=0, atol=tol)


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("backend", SPARSE_BACKENDS)
def test_sparse_options_match_dense(backend):
    X, y = _text(n=200, seed=8)
    sw = np.random.default_rng(0).uniform(0.1, 2.0, len(y))
    for params, fit in [
        ({"class_weight": "balanced"}, {}),
        ({}, {"sample_weight": sw}),
        ({"penalty": "elasticnet", "alpha": 1e-3, "l1_ratio": 0.3}, {}),
        ({"average": 5}, {}),
        ({"early_stopping": True, "random_state": 0}, {}),
    ]:
        a = neurona.Adaline(epochs=3, backend=backend, **params).fit(X, y, **fit)
        b = neurona.Adaline(epochs=3, backend=backend, **params).fit(X.toarray(), y, **fit)
        np.testing.assert_allclose(a.coef_, b.coef_, rtol=1e-12, atol=1e-14, err_msg=str(params))


def test_sparse_partial_fit_and_on_update_are_the_dense_ones():
    X, y = _text(n=120)
    a, b = neurona.Adaline(), neurona.Adaline()
    for chunk in np.array_split(np.arange(120), 3):
        a.partial_fit(X[chunk], y[chunk], classes=[0, 1])
        b.partial_fit(X.toarray()[chunk], y[chunk], classes=[0, 1])
    np.testing.assert_allclose(a.coef_, b.coef_, rtol=1e-12)
    seen_sparse, seen_dense = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparabilityWarning)
        neurona.Perceptron(epochs=1).fit(X, y, on_update=lambda W, b: seen_sparse.append(W.copy()))
        neurona.Perceptron(epochs=1).fit(
            X.toarray(), y, on_update=lambda W, b: seen_dense.append(W.copy())
        )
    assert len(seen_sparse) == len(seen_dense) > 0
    np.testing.assert_array_equal(seen_sparse[-1], seen_dense[-1])


def test_torch_refuses_sparse_in_words():
    pytest.importorskip("torch")
    X, y = _text(n=20)
    with pytest.raises(ParameterError, match=r"sparse X needs backend='numpy' or backend='numba'"):
        neurona.Perceptron(backend="torch").fit(X, y)


@pytest.mark.parametrize("solver", ["auto", "cholesky", "qr", "lstsq"])
def test_sparse_closed_forms_equal_the_dense_ones(solver):
    X, y = _text(n=400, m=64, nnz=8)
    target = y + 0.01 * np.arange(len(y))
    sw = np.random.default_rng(1).uniform(0.5, 2.0, len(y))
    for kw, fit in [({"alpha": 0.5}, {}), ({"alpha": 0.5}, {"sample_weight": sw}),
                    ({"alpha": 0.5, "fit_intercept": False}, {})]:  # fmt: skip
        a = neurona.LinearRegression(solver=solver, **kw).fit(X, target, **fit)
        b = neurona.LinearRegression(solver=solver, **kw).fit(X.toarray(), target, **fit)
        np.testing.assert_allclose(a.coef_, b.coef_, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(a.intercept_, b.intercept_, rtol=1e-12, atol=1e-12)


def test_large_sparse_closed_form_uses_lsmr_and_matches_lsqr_and_lstsq(monkeypatch):
    from scipy.sparse.linalg import lsqr

    import neurona.solvers as solvers

    rng = np.random.default_rng(2)
    X = sp.random_array((3000, 400), density=0.02, rng=rng, format="csr")
    y = X @ rng.normal(size=400) + 0.3 + 0.05 * rng.normal(size=3000)
    monkeypatch.setattr(solvers, "SPARSE_DENSE_ENTRIES", 1000)  # as if XᵀX did not fit
    for alpha in (0.0, 2.0):
        sol = solvers.solve_least_squares(X, y, alpha=alpha)
        assert sol.solver == "lsmr"
        Xd = np.column_stack([X.toarray(), np.ones(3000)])
        if alpha:
            Xd = np.vstack([Xd, np.sqrt(alpha) * np.eye(401)[:-1]])
        yd = np.concatenate([y, np.zeros(400)]) if alpha else y
        ref = np.linalg.lstsq(Xd, yd, rcond=None)[0]
        np.testing.assert_allclose(sol.coef[:, 0], ref[:-1], rtol=0, atol=1e-8)
        np.testing.assert_allclose(sol.intercept[0], ref[-1], rtol=0, atol=1e-8)
        Xa = sp.hstack([X, np.ones((3000, 1))]).tocsr()
        it = (
            lsqr(Xa, y, damp=0.0, atol=1e-15, btol=1e-15, iter_lim=10**5)[0] if not alpha else None
        )
        if it is not None:
            np.testing.assert_allclose(sol.coef[:, 0], it[:-1], rtol=0, atol=1e-8)
    with pytest.raises(ParameterError, match="solver='qr' needs the dense 400 x 400"):
        solvers.solve_least_squares(X, y, solver="qr")
    est = neurona.LinearRegression().fit(X, y)
    np.testing.assert_allclose(est.predict(X), X @ est.coef_ + est.intercept_)


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize(("alpha", "rate"), [(1e-3, 0.01), (0.5, 0.01), (5.0, 0.1), (20.0, 0.1)])
def test_lazily_scaled_l2_equals_the_reference_and_sklearn(alpha, rate, fit_intercept):
    # numba's CSR kernel holds w = scale · v (the decay multiplies scale alone; scale is
    # folded back below 1e-9: alpha=5, rate=0.1 halves it each step; alpha=20 zeroes it)
    X, y = _text(n=300, seed=9)
    target = y + 0.1 * np.arange(len(y)) / len(y)
    kw = {"solver": "gd", "learning_rate": rate, "epochs": 3, "penalty": "l2", "alpha": alpha,
          "fit_intercept": fit_intercept}  # fmt: skip
    fast = neurona.LinearRegression(backend="numba", **kw).fit(X, target)
    ref = neurona.LinearRegression(backend="numpy", **kw).fit(X.toarray(), target)
    np.testing.assert_allclose(fast.coef_, ref.coef_, rtol=0, atol=1e-10)
    np.testing.assert_allclose(fast.intercept_, ref.intercept_, rtol=0, atol=1e-10)
    if alpha * rate < 1:  # scikit-learn's own sparse fit, without the damped intercept
        skl = _sk_fit(sk.SGDRegressor(penalty="l2", alpha=alpha, learning_rate="constant",
                                      eta0=rate, shuffle=False, tol=None, max_iter=3,
                                      fit_intercept=False), sp.csr_matrix(X), target)  # fmt: skip
        if not fit_intercept:
            np.testing.assert_allclose(fast.coef_, skl.coef_, rtol=0, atol=1e-10)
