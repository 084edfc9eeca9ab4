"""neurona.solvers against scipy.linalg.lstsq, scikit-learn and a textbook normal equation."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.linear_model import Ridge

import neurona
from neurona.errors import DataError, ParameterError
from neurona.solvers import (
    SOLVERS,
    GramAccumulator,
    QRAccumulator,
    fit_least_squares,
    solve_least_squares,
)


def make_data(n=2000, p=6, k=1, seed=0, offset=0.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) + offset + rng.uniform(-3, 3, size=p)
    W = rng.uniform(1, 2, size=(p, k)) * rng.choice([-1, 1], size=(p, k))
    Y = X @ W + rng.uniform(-5, 5, size=k) + 0.1 * rng.normal(size=(n, k))
    return X, Y


def ill_conditioned(n=20_000, p=20, seed=1):
    """Column 1 is column 0 plus 1e-7 noise: cond(X) ≈ 2e7, cond(XᵀX) ≈ 4e14."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    X[:, 1] = X[:, 0] + 1e-7 * rng.normal(size=n)
    w = rng.uniform(1, 2, size=p) * rng.choice([-1, 1], size=p)
    return X, (X @ w + 3.0 + rng.normal(size=n))[:, None]


def scipy_reference(X, Y, alpha=0.0):
    """The answer of scipy.linalg.lstsq (gelsd) on centred data (ridge as extra rows)."""
    mx, my = X.mean(axis=0), Y.mean(axis=0)
    Xc, Yc = X - mx, Y - my
    if alpha:
        Xc = np.vstack([Xc, np.sqrt(alpha) * np.eye(X.shape[1])])
        Yc = np.vstack([Yc, np.zeros((X.shape[1], Y.shape[1]))])
    W = scipy.linalg.lstsq(Xc, Yc)[0]
    return W, my - mx @ W


def rel_diff(a, ref):
    return float(np.max(np.abs(a - ref)) / (np.max(np.abs(ref)) or 1.0))


# --------------------------------------------------------------------------- agreement


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("k", [1, 3])
def test_each_solver_agrees_with_scipy_lstsq(solver, k):
    X, Y = make_data(k=k)
    W_ref, b_ref = scipy_reference(X, Y)
    W, b = fit_least_squares(X, Y, solver=solver)
    assert W.shape == (6, k)
    assert b.shape == (k,)
    assert rel_diff(W, W_ref) < 1e-10
    assert rel_diff(b, b_ref) < 1e-10


@pytest.mark.parametrize("solver", SOLVERS)
def test_without_intercept_matches_lstsq_on_raw_data(solver):
    X, Y = make_data(k=2)
    W_ref = scipy.linalg.lstsq(X, Y)[0]
    W, b = fit_least_squares(X, Y, solver=solver, fit_intercept=False)
    assert rel_diff(W, W_ref) < 1e-10
    np.testing.assert_array_equal(b, 0.0)


@pytest.mark.parametrize("solver", SOLVERS)
def test_textbook_normal_equations_with_a_column_of_ones(solver):
    """The lecture's w = (XᵀX)⁻¹Xᵀy with the bias inside w, on small well-posed data."""
    X, Y = make_data(n=50, p=3, seed=4)
    Xa = np.hstack([np.ones((50, 1)), X])
    wa = np.linalg.inv(Xa.T @ Xa) @ Xa.T @ Y
    W, b = fit_least_squares(X, Y, solver=solver)
    np.testing.assert_allclose(W, wa[1:], rtol=1e-9)
    np.testing.assert_allclose(b, wa[0], rtol=1e-9)


@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 40),
    p=st.integers(1, 5),
    k=st.integers(1, 3),
    solver=st.sampled_from(["auto", "lstsq"]),
)
def test_any_shape_matches_numpy_minimum_norm_lstsq(seed, n, p, k, solver):
    """Also n < p and n = 1: auto and lstsq return the minimum-norm answer, like NumPy."""
    rng = np.random.default_rng(seed)
    X, Y = rng.normal(size=(n, p)), rng.normal(size=(n, k))
    Xc, Yc = X - X.mean(axis=0), Y - Y.mean(axis=0)
    W_ref = np.linalg.lstsq(Xc, Yc, rcond=None)[0]
    W, b = fit_least_squares(X, Y, solver=solver)
    np.testing.assert_allclose(W, W_ref, rtol=1e-7, atol=1e-7 * (1 + np.abs(W_ref).max()))
    np.testing.assert_allclose(b, Y.mean(axis=0) - X.mean(axis=0) @ W, atol=1e-9)


def test_large_column_means_are_centred_without_loss():
    """Raw sums would cancel catastrophically with means 1e6 times the spread."""
    X, Y = make_data(offset=1e6)
    W_ref, b_ref = scipy_reference(X, Y)
    for solver in ("auto", "cholesky", "qr"):
        sol = solve_least_squares(X, Y, solver=solver, chunk_rows=97)
        assert rel_diff(sol.coef, W_ref) < 1e-9, solver
        # b = ȳ - x̄ᵀW inherits |x̄| ≈ 1e6 times the error of W: compare on that scale
        scale = np.abs(X.mean(axis=0)) @ np.abs(W_ref)
        np.testing.assert_allclose(sol.intercept, b_ref, atol=1e-9 * scale.max(), rtol=0)


# --------------------------------------------------------------------------- conditioning


def test_auto_on_ill_conditioned_data_agrees_with_scipy():
    X, Y = ill_conditioned()
    W_ref, b_ref = scipy_reference(X, Y)
    sol = solve_least_squares(X, Y, solver="auto")
    assert sol.solver == "qr-lstsq"
    assert sol.cond > 1e12
    assert rel_diff(sol.coef, W_ref) < 1e-6
    assert rel_diff(sol.intercept, b_ref) < 1e-6
    # the explicit stable solvers agree too
    assert rel_diff(fit_least_squares(X, Y, solver="qr")[0], W_ref) < 1e-6


def test_cholesky_on_ill_conditioned_data_warns_and_is_off():
    X, Y = ill_conditioned()
    with pytest.warns(scipy.linalg.LinAlgWarning, match="ill-conditioned"):
        W, _ = fit_least_squares(X, Y, solver="cholesky")
    assert rel_diff(W, scipy_reference(X, Y)[0]) > 1e-6  # why auto does not stop here


def test_auto_on_well_conditioned_data_takes_the_normal_equations():
    X, Y = make_data()
    sol = solve_least_squares(X, Y, solver="auto")
    assert sol.solver == "cholesky"
    assert 1 <= sol.cond < 100


@pytest.mark.parametrize("kind", ["constant column", "duplicate column"])
def test_rank_deficient_data(kind):
    X, Y = make_data(p=4)
    if kind == "constant column":
        X[:, 2] = 5.0
    else:
        X[:, 2] = X[:, 1]
    W_ref = np.linalg.lstsq(X - X.mean(axis=0), Y - Y.mean(axis=0), rcond=None)[0]
    for solver in ("auto", "lstsq"):
        sol = solve_least_squares(X, Y, solver=solver)
        assert sol.rank == 3
        np.testing.assert_allclose(sol.coef, W_ref, rtol=1e-8, atol=1e-10)
    with pytest.raises(DataError, match="rank-deficient"):
        fit_least_squares(X, Y, solver="qr")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scipy.linalg.LinAlgWarning)
        with pytest.raises(DataError, match=r"singular|ill-conditioned"):
            fit_least_squares(X, Y, solver="cholesky")


# --------------------------------------------------------------------------- ridge


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("alpha", [1e-3, 1.0, 250.0])
def test_ridge_equals_sklearn_ridge(solver, alpha):
    X, Y = make_data(n=300, p=5, k=2, seed=3)
    ref = Ridge(alpha=alpha, solver="svd").fit(X, Y)
    W, b = fit_least_squares(X, Y, solver=solver, alpha=alpha)
    np.testing.assert_allclose(W, ref.coef_.T, rtol=1e-9)
    np.testing.assert_allclose(b, ref.intercept_, rtol=1e-9)


def test_ridge_regularises_rank_deficient_data_for_every_solver():
    X, Y = make_data(p=4)
    X[:, 3] = X[:, 0]
    ref = Ridge(alpha=0.5, solver="svd").fit(X, Y)
    for solver in SOLVERS:
        W, _ = fit_least_squares(X, Y, solver=solver, alpha=0.5)
        np.testing.assert_allclose(W.ravel(), ref.coef_.ravel(), rtol=1e-8, err_msg=solver)


# --------------------------------------------------------------------------- chunks


@pytest.mark.parametrize("accumulator", [GramAccumulator, QRAccumulator])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_hundred_chunks_equal_one_pass(accumulator, fit_intercept):
    X, Y = make_data(n=5000, p=8, k=2, offset=50.0)
    one = accumulator(fit_intercept=fit_intercept).add(X, Y).solve()
    acc = accumulator(fit_intercept=fit_intercept)
    for rows in np.array_split(np.arange(5000), 100):
        acc.add(X[rows], Y[rows])
    many = acc.solve()
    assert acc.n_samples == 5000
    assert rel_diff(many.coef, one.coef) < 1e-10
    assert rel_diff(many.intercept, one.intercept) < 1e-10


@pytest.mark.parametrize("accumulator", [GramAccumulator, QRAccumulator])
def test_merged_partial_accumulators_equal_one_pass(accumulator):
    """What Dask does: one accumulator per partition, merged at the end."""
    X, Y = make_data(n=3000, p=5, k=1)
    one = accumulator().add(X, Y).solve()
    parts = [accumulator().add(X[i::3], Y[i::3]) for i in range(3)]
    merged = parts[0].merge(parts[1]).merge(parts[2]).merge(accumulator())
    assert rel_diff(merged.solve().coef, one.coef) < 1e-10


def test_gram_accumulator_sums_equal_numpy():
    X, Y = make_data(n=700, p=4, k=2, offset=10.0)
    acc = GramAccumulator()
    for rows in np.array_split(np.arange(700), 7):
        acc.add(X[rows], Y[rows])
    Xc, Yc = X - X.mean(axis=0), Y - Y.mean(axis=0)
    np.testing.assert_allclose(acc.gram, Xc.T @ Xc, rtol=1e-12)
    np.testing.assert_allclose(acc.cross, Xc.T @ Yc, rtol=1e-12)
    np.testing.assert_allclose(acc.mean_x, X.mean(axis=0), rtol=1e-14)


def test_qr_accumulator_factor_reproduces_the_scatter():
    X, Y = make_data(n=700, p=4, k=2)
    acc = QRAccumulator(blas_threads=None)
    for rows in np.array_split(np.arange(700), 5):
        acc.add(X[rows], Y[rows])
    Z = np.hstack([X, Y])
    Zc = Z - Z.mean(axis=0)
    np.testing.assert_allclose(acc.r.T @ acc.r, Zc.T @ Zc, rtol=1e-10)


def test_gram_accumulator_auto_refuses_ill_conditioned_data():
    X, Y = ill_conditioned(n=2000, p=4)
    with pytest.raises(DataError, match="ill-conditioned"):
        GramAccumulator().add(X, Y).solve(solver="auto")


# --------------------------------------------------------------------------- dtypes


@pytest.mark.parametrize("solver", SOLVERS)
def test_float32_in_float32_out_accumulated_in_float64(solver):
    X, Y = make_data(n=4000, p=5)
    W64, b64 = fit_least_squares(X, Y, solver=solver)
    W32, b32 = fit_least_squares(X.astype(np.float32), Y.astype(np.float32), solver=solver)
    assert W32.dtype == np.float32
    assert b32.dtype == np.float32
    # only the input rounding (and the final one) separates the two answers
    np.testing.assert_allclose(W32, W64, rtol=1e-4)
    np.testing.assert_allclose(b32, b64, rtol=1e-4)


def test_one_dimensional_y_is_one_column():
    X, Y = make_data()
    W, b = fit_least_squares(X, Y[:, 0], solver="auto")
    assert W.shape == (6, 1)
    assert b.shape == (1,)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("alpha", [-1.0, float("nan"), float("inf")])
def test_bad_alpha_is_a_parameter_error(alpha):
    X, Y = make_data(n=20, p=2)
    with pytest.raises(ParameterError, match="alpha"):
        fit_least_squares(X, Y, solver="auto", alpha=alpha)


def test_unknown_solver_is_a_parameter_error():
    X, Y = make_data(n=20, p=2)
    with pytest.raises(ParameterError, match="unknown solver 'svd'"):
        fit_least_squares(X, Y, solver="svd")
    with pytest.raises(ParameterError, match="unknown solver"):
        QRAccumulator().add(X, Y).solve(solver="cholesky")


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_data_is_a_data_error(solver, bad):
    X, Y = make_data(n=20, p=2)
    X[3, 1] = bad
    with pytest.raises(DataError, match="NaN or infinite"):
        fit_least_squares(X, Y, solver=solver)


def test_shape_errors():
    X, Y = make_data(n=20, p=2)
    with pytest.raises(DataError, match="20 rows but Y has 19"):
        fit_least_squares(X, Y[:19], solver="auto")
    with pytest.raises(DataError, match="no rows"):
        fit_least_squares(X[:0], Y[:0], solver="auto")
    with pytest.raises(DataError, match="same columns"):
        GramAccumulator().add(X, Y).add(X[:, :1], Y)
    with pytest.raises(DataError, match="cannot merge"):
        GramAccumulator().add(X, Y).merge(GramAccumulator(fit_intercept=False).add(X, Y))
    with pytest.raises(DataError, match="no rows were added"):
        GramAccumulator().solve()
    with pytest.raises(ParameterError, match="chunk_rows"):
        fit_least_squares(X, Y, solver="qr", chunk_rows=0)


# --------------------------------------------------------------------------- estimators


@pytest.mark.parametrize("solver", SOLVERS)
def test_linear_regression_estimator_matches_sklearn(solver):
    X, Y = make_data(n=500, p=4, k=1, seed=7)
    y = Y[:, 0]
    ours = neurona.LinearRegression(solver=solver).fit(X, y)
    ref = SkLinearRegression().fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-10)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-10)


def test_linear_regression_estimator_ridge_matches_sklearn():
    X, Y = make_data(n=500, p=4, k=2, seed=8)
    ours = neurona.LinearRegression(alpha=3.0).fit(X, Y)
    ref = Ridge(alpha=3.0).fit(X, Y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-10)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-10)


def test_adaline_normal_is_least_squares_on_plus_minus_one_targets():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(200, 3))
    y = (X @ [1.0, -1.0, 0.5] + 0.3 * rng.normal(size=200) > 0).astype(int)
    clf = neurona.Adaline(solver="normal").fit(X, y)
    W, b = fit_least_squares(X, np.where(y == 1, 1.0, -1.0)[:, None], solver="lstsq")
    np.testing.assert_allclose(np.ravel(clf.coef_), W[:, 0], rtol=1e-10)
    np.testing.assert_allclose(np.ravel(clf.intercept_), b, rtol=1e-10)


def test_batch_gradient_descent_reaches_the_closed_form():
    """Batch GD on the mean loss 1/(2n) Σ(ŷ - y)² converges to the normal equations."""
    rng = np.random.default_rng(11)
    X = rng.normal(size=(400, 3))
    y = X @ [2.0, -1.0, 0.5] + 1.5 + 0.1 * rng.normal(size=400)
    closed = neurona.LinearRegression(solver="auto").fit(X, y)
    gd = neurona.LinearRegression(
        solver="gd", mode="batch", reduction="mean", learning_rate=0.5, epochs=400
    ).fit(X, y)
    np.testing.assert_allclose(gd.coef_, closed.coef_, atol=1e-6)
    np.testing.assert_allclose(gd.intercept_, closed.intercept_, atol=1e-6)


def test_textbook_batch_gradient_descent_reaches_the_closed_form():
    """The same, with the lecture's update written out in NumPy (independent of the engine)."""
    rng = np.random.default_rng(11)
    X = rng.normal(size=(400, 3))
    y = X @ [2.0, -1.0, 0.5] + 1.5 + 0.1 * rng.normal(size=400)
    w, b, eta = np.zeros(3), 0.0, 0.5
    for _ in range(400):
        e = y - (X @ w + b)  # w += η (1/n) Σ e_i x_i
        w, b = w + eta * X.T @ e / len(y), b + eta * e.mean()
    W, b_closed = fit_least_squares(X, y[:, None], solver="auto")
    np.testing.assert_allclose(w, W[:, 0], atol=1e-6)
    np.testing.assert_allclose(b, b_closed[0], atol=1e-6)


@pytest.mark.parametrize("solver", ["auto", "lstsq"])
@pytest.mark.parametrize(("n", "p"), [(30, 400), (60, 61), (12, 12)])
def test_wide_data_give_the_minimum_norm_solution(solver, n, p):
    """n <= p: centring leaves rank n - 1 and XᵀX is singular. The minimum-norm solution
    is scikit-learn's and numpy.linalg.lstsq's; LAPACK's default cutoff once kept the
    rounding-level singular value (errors of 4e-4 at 240 x 3000), and ``auto`` formed and
    factored the p x p XᵀX (80 s there, against 2 s now)."""
    rng = np.random.default_rng(n + p)
    X, y = rng.normal(size=(n, p)), rng.normal(size=n)
    ours = neurona.LinearRegression(solver=solver).fit(X, y)
    centred = X - X.mean(axis=0)
    w = np.linalg.lstsq(centred, y - y.mean(), rcond=None)[0]
    np.testing.assert_allclose(ours.coef_, w, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours.coef_, SkLinearRegression().fit(X, y).coef_, atol=1e-10)
    np.testing.assert_allclose(ours.intercept_, y.mean() - X.mean(axis=0) @ w, atol=1e-10)
