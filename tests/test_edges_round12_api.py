"""Edges found by hostile inputs to the Python API (round 12), each fault fixed as its kind.

* the torch backend crashed with a ``TypeError`` when several outputs stop one by one
  (``tol`` with three classes or more) and a penalty or averaging is on;
* a perceptron epoch without an update was taken to read every row right (accuracy 1.0 in
  ``history_``) although rows of weight 0, or rows whose step vanished (``invscaling``
  with a huge ``power_t``), were misread: ``score`` said otherwise;
* integer labels beyond 2**53 matched float ``classes`` (and the reverse) once rounded to
  float64, so a row of one label trained as another;
* ``score``'s ``sample_weight`` of 1e308 gave NaN; negative or text weights passed or got
  NumPy's words; a regression ``score`` of targets near 1e300 was NaN;
* a net input whose products overflow on the way (``[1.7e308, -1.7e308]`` against weights
  ``[2, 2]``) was -inf or NaN instead of its value: a wrong class, or a regression
  prediction refused as beyond the float range;
* early stopping with predictions beyond float64 on the validation rows raised
  scikit-learn's ``ValueError``; huge weights made its validation accuracy NaN;
* ``check_gradient(rtol=2**2000)`` raised ``OverflowError``; a derivative probed next to
  the float limit leaked NumPy's overflow warning;
* weighted least squares with weights of 1e300 overflowed its scaled rows (refused, or
  SciPy's ``ValueError`` with ``solver="lstsq"``) although only the weights' ratios (and
  alpha against them) matter.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import neurona
from neurona.calculus import check_gradient, derivative
from neurona.errors import DataError, DivergenceError, ParameterError

BACKENDS = ["numpy", "numba", "torch"]


def _data(n=20, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 3))
    return X, (X[:, 0] > 0).astype(int), np.digitize(X[:, 0], [-0.5, 0.5])


def _accuracy(est, X, y):
    """The share of rows whose largest (or positive) net input names their label,
    computed here from coef_ and intercept_."""
    Z = X @ np.atleast_2d(est.coef_).T + est.intercept_
    idx = (Z[:, 0] > 0).astype(int) if Z.shape[1] == 1 else Z.argmax(axis=1)
    return float(np.mean(est.classes_[idx] == y))


# --- 1. torch with per-output stopping and penalty/averaging -----------------------------


@pytest.mark.parametrize(
    "terms", [dict(average=True), dict(penalty="l2"), dict(penalty="l1", alpha=1e-3)]
)
def test_torch_stops_outputs_one_by_one_with_penalty_or_averaging_as_numpy(terms):
    pytest.importorskip("torch")
    X, _, y3 = _data(30)
    kw = dict(tol=1e-3, epochs=10, **terms)
    ref = neurona.Perceptron(backend="numpy", **kw).fit(X, y3)
    got = neurona.Perceptron(backend="torch", **kw).fit(X, y3)
    np.testing.assert_allclose(got.coef_, ref.coef_, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got.intercept_, ref.intercept_, rtol=1e-9, atol=1e-12)
    assert got.n_iter_ == ref.n_iter_


# --- 2. an epoch without an update is not proof of a right reading -----------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("multiclass", [False, True])
def test_history_accuracy_counts_rows_of_weight_zero(backend, multiclass):
    if backend == "torch":
        pytest.importorskip("torch")
    X, y2, y3 = _data()
    y = y3 if multiclass else y2
    sw = np.r_[np.zeros(len(y) - 1), 1.0]  # only the last row moves the weights
    est = neurona.Perceptron(mode="batch", epochs=4, backend=backend)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(X, y, sample_weight=sw)
    assert est.history_["accuracy"][-1] == pytest.approx(_accuracy(est, X, y))
    assert est.history_["accuracy"][-1] == pytest.approx(est.score(X, y))
    assert est.history_["accuracy"][-1] < 1.0  # rows of weight 0 stay misread


@pytest.mark.parametrize("backend", BACKENDS)
def test_history_accuracy_counts_rows_whose_step_vanished(backend):
    if backend == "torch":
        pytest.importorskip("torch")
    X, y2, _ = _data()
    est = neurona.Perceptron(schedule="invscaling", power_t=1e300, epochs=4, backend=backend)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(X, y2)
    assert est.history_["accuracy"][-1] == pytest.approx(_accuracy(est, X, y2))
    assert est.history_["accuracy"][-1] == pytest.approx(est.score(X, y2))


def test_a_truly_clean_epoch_still_reports_every_row_right():
    X, y2, _ = _data()
    X = X + np.where(y2 == 1, 3.0, -3.0)[:, None]  # separable
    est = neurona.Perceptron(epochs=50).fit(X, y2)
    assert est.history_["accuracy"][-1] == 1.0 == est.score(X, y2)


# --- 3. integer labels beyond 2**53 against float classes ---------------------------------


def test_labels_beyond_2_53_match_classes_only_exactly():
    X, _, _ = _data(12)
    y = np.zeros(12)
    y[-1] = 2.0**53
    with pytest.raises(DataError, match=r"not in classes"):
        neurona.Perceptron().partial_fit(X, y, classes=np.array([0, 2**53 + 1]))
    yi = np.zeros(12, np.int64)
    yi[-1] = 2**53 + 1
    with pytest.raises(DataError, match=r"not in classes"):
        neurona.Perceptron().partial_fit(X, yi, classes=np.array([0.0, 2.0**53]))
    # a continued run against the classes it started with likewise
    est = neurona.Perceptron().partial_fit(X, yi, classes=np.array([0, 2**53 + 1]))
    with pytest.raises(DataError, match=r"not seen when fitting started"):
        est.partial_fit(X, y)
    # equal values of two dtypes still match, as scikit-learn compares them
    est = neurona.Perceptron().partial_fit(X, y, classes=np.array([0, 2**53]))
    assert est.classes_.tolist() == [0, 2**53]


# --- 4. score's sample_weight and huge regression targets --------------------------------


def test_score_weights_of_any_scale_give_the_weighted_score():
    from sklearn.metrics import accuracy_score, r2_score

    X, y2, _ = _data()
    clf = neurona.Perceptron(epochs=3).fit(X, y2)
    w = np.linspace(1, 2, len(y2))
    want = accuracy_score(y2, clf.predict(X), sample_weight=w)
    for scale in (1e307, 1.0, 1e-310):  # 20 weights of 1e307 sum beyond float64
        assert clf.score(X, y2, sample_weight=w * scale) == pytest.approx(want)
    yr = X @ [1.0, 2.0, 3.0]
    reg = neurona.LinearRegression(solver="gd", epochs=3).fit(X, yr)
    want = r2_score(yr, reg.predict(X), sample_weight=w)
    assert reg.score(X, yr, sample_weight=w * 1e307) == pytest.approx(want)


@pytest.mark.parametrize(
    ("weights", "words"),
    [
        (-np.ones(20), "negative"),
        (np.zeros(20), "zero"),
        (["a"] * 20, "must be numbers"),
        (np.ones(3), "shape"),
        (np.full(20, np.inf), "NaN or infinity"),
    ],
)
def test_score_refuses_weights_fit_refuses_in_words(weights, words):
    X, y2, _ = _data()
    yr = X @ [1.0, 2.0, 3.0]
    for est, y in (
        (neurona.Perceptron(epochs=2).fit(X, y2), y2),
        (neurona.LinearRegression().fit(X, yr), yr),
    ):
        with pytest.raises(DataError, match=words):
            est.score(X, y, sample_weight=weights)


@pytest.mark.parametrize("scale", [1e300, 1e250, 2.0**1000])
def test_regression_score_of_huge_targets_is_their_r2(scale):
    X, _, _ = _data()
    yr = X @ [1.0, 2.0, 3.0]
    reg = neurona.LinearRegression(solver="gd", epochs=3).fit(X, yr)
    y_big = yr * scale
    pred = reg.predict(X)
    # the textbook R² in units where nothing overflows: y / scale and pred / scale
    yu, pu = yr, pred / scale
    want = 1 - np.sum((yu - pu) ** 2) / np.sum((yu - yu.mean()) ** 2)
    assert reg.score(X, y_big) == pytest.approx(want, rel=1e-9)


# --- 5. a net input that overflows on the way ---------------------------------------------


@pytest.mark.parametrize("cls", [neurona.Perceptron, neurona.Adaline, neurona.LogisticRegression])
def test_a_net_input_that_overflows_on_the_way_is_its_value(cls):
    X = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
    est = cls(epochs=5).fit(X, [1, 0, 1, 0])
    est.coef_, est.intercept_ = np.array([[2.0, 2.0]]), np.array([0.25])
    Z = np.array([[1.7e308, -1.7e308], [1.7e308, 1.7e308], [-1e308, -1e308], [1.0, 2.0]])
    # exact: 2·1.7e308 − 2·1.7e308 + 0.25 = 0.25; the next two beyond float64
    np.testing.assert_array_equal(est.decision_function(Z), [0.25, np.inf, -np.inf, 6.25])
    np.testing.assert_array_equal(est.predict(Z), [1, 1, 0, 1])
    import scipy.sparse as sp

    assert est.decision_function(sp.csr_matrix(Z[:1])).tolist() == [0.25]
    est32 = cls(epochs=5).fit(X.astype(np.float32), [1, 0, 1, 0])
    est32.coef_ = np.array([[2.0, 2.0]], np.float32)
    est32.intercept_ = np.array([-0.25], np.float32)
    z32 = est32.decision_function(np.array([[3e38, -3e38]], np.float32))
    assert z32.dtype == np.float32
    assert z32.tolist() == [-0.25]


def test_a_regression_prediction_that_overflows_only_on_the_way_is_given():
    X = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
    reg = neurona.LinearRegression().fit(X, [1.0, 2.0, 3.0, 4.0])
    reg.coef_, reg.intercept_ = np.array([2.0, 2.0]), np.float64(0.25)
    assert reg.predict(np.array([[1.7e308, -1.7e308], [1e300, 1e300]])).tolist() == [
        0.25,
        4e300,
    ]
    with pytest.raises(DataError, match="beyond float64's range"):
        reg.predict(np.array([[1.7e308, 1.7e308]]))


# --- 6. early stopping ----------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_validation_predictions_beyond_float64_are_a_divergence(backend):
    if backend == "torch":
        pytest.importorskip("torch")
    X, _, _ = _data()
    yr = X @ [1.0, 2.0, 3.0]
    est = neurona.LinearRegression(
        solver="gd", mode="minibatch", epochs=2, early_stopping=True, learning_rate=1e308,
        backend=backend, random_state=0,
    )  # fmt: skip
    with pytest.raises(DivergenceError, match="validation rows"):
        est.fit(X, yr)


def test_validation_accuracy_with_huge_weights_is_the_weighted_accuracy():
    X, y2, _ = _data()
    kw = dict(early_stopping=True, epochs=5, random_state=0, validation_fraction=0.3)
    one = neurona.Perceptron(**kw).fit(X, y2, sample_weight=np.full(20, 1.0))
    big = neurona.Perceptron(**kw).fit(X, y2, sample_weight=np.full(20, 1e300))
    assert np.isfinite(big.validation_scores_).all()
    assert big.validation_scores_ == one.validation_scores_


# --- 7. calculus ------------------------------------------------------------------------------


@pytest.mark.parametrize("rtol", [2**2000, -(2**2000)])
def test_check_gradient_refuses_a_tolerance_beyond_float64_in_words(rtol):
    with pytest.raises(ParameterError, match=r"rtol=.* must be a finite number"):
        check_gradient(lambda v: v.sum(), lambda v: np.ones(2), [1.0, 1.0], rtol=rtol)


def test_check_gradient_takes_a_large_finite_tolerance():
    assert check_gradient(lambda v: v.sum(), lambda v: np.ones(2), [1.0, 1.0], rtol=2**1023)


def test_a_derivative_at_the_float_limit_leaks_no_numpy_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ParameterError, match="no step gives a reliable derivative"):
            derivative(lambda x: x, np.finfo(np.float64).max)


# --- 8. weighted least squares ------------------------------------------------------------

SOLVERS = ["auto", "cholesky", "qr", "lstsq"]


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("weight", [1e300, 1e308, 1e-300])
def test_uniform_weights_of_any_scale_solve_as_no_weights(solver, weight):
    X, _, _ = _data()
    y = X @ [1.0, 2.0, 3.0] + 0.5
    for scale in (1.0, 1e300):
        got = neurona.LinearRegression(solver=solver).fit(
            X * scale, y, sample_weight=np.full(20, weight)
        )
        np.testing.assert_allclose(got.coef_ * scale, [1.0, 2.0, 3.0], rtol=1e-9)
        assert got.intercept_ == pytest.approx(0.5, rel=1e-9)


@pytest.mark.parametrize("solver", SOLVERS)
def test_ridge_with_huge_weights_is_ridge_with_alpha_over_the_weight(solver):
    # Σ w r² + α|β|² with every w = c has the minimiser of Σ r² + (α / c)|β|²
    X, _, _ = _data()
    y = X @ [1.0, 2.0, 3.0] + 0.5
    got = neurona.LinearRegression(solver=solver, alpha=1e300).fit(
        X, y, sample_weight=np.full(20, 1e300)
    )
    want = neurona.LinearRegression(solver=solver, alpha=1.0).fit(X, y)
    np.testing.assert_allclose(got.coef_, want.coef_, rtol=1e-9)


def test_lstsq_refuses_rows_that_overflow_as_the_other_solvers_do():
    X, _, _ = _data()
    y = X @ [1.0, 2.0, 3.0]
    for solver in SOLVERS:
        with pytest.raises(DataError, match="NaN or infinite values"):
            neurona.LinearRegression(solver=solver, alpha=1e-300).fit(
                X * 1e300, y, sample_weight=np.full(20, 1e300)
            )
