"""What a practitioner brings from scikit-learn's SGD (issue 15): sample weights, class
weights and ``fit_intercept``, for every neuron, mode, backend and closed-form solver.

References: scikit-learn's ``SGDRegressor``, ``SGDClassifier``, ``Perceptron`` and
``LinearRegression`` where they compute the same thing (online, constant rate, no
shuffling); a textbook loop written here for the modes scikit-learn does not have
(minibatch and batch steps, rows drawn with replacement); and every backend against the
NumPy reference through ``run_epoch``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning as SkConvergenceWarning
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.linear_model import Perceptron as SkPerceptron
from sklearn.linear_model import SGDClassifier, SGDRegressor

from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron
from neurona.backends import get_backend
from neurona.backends import numpy as reference
from neurona.errors import DataError, ParameterError
from neurona.modes import MODES
from neurona.neurons import NEURONS
from neurona.schedules import Schedule

BACKENDS = ["numpy", "numba", "torch"]
pytestmark = pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")


def _backend(name):
    if name == "torch":
        pytest.importorskip("torch")
    return name


def _sk(est, X, y, **fit):
    """Fit a scikit-learn estimator whose max_iter ends the run (tol=None warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkConvergenceWarning)
        return est.fit(X, y, **fit)


def _regression(seed=0, n=80, m=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    y = X @ rng.normal(size=m) + 0.7 + 0.2 * rng.normal(size=n)
    return X, y, rng.uniform(0.05, 3.0, size=n)


def _classes(n_classes, seed=1, n=90, m=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    score = X @ rng.normal(size=m) + 0.8 * rng.normal(size=n)
    # two classes unbalanced on purpose
    y = (score > 0.3).astype(int) if n_classes == 2 else np.digitize(score, [-0.8, 0.6])
    return X, y, rng.uniform(0.05, 3.0, size=n)


def _close(a, b, tol):
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=0, atol=tol)


# --- sample_weight against scikit-learn --------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_weighted_online_lms_equals_sgdregressor(backend, fit_intercept):
    X, y, sw = _regression()
    ours = LinearRegression(solver="gd", learning_rate=0.01, epochs=6, fit_intercept=fit_intercept,
                            backend=_backend(backend)).fit(X, y, sample_weight=sw)  # fmt: skip
    sk = _sk(SGDRegressor(penalty=None, learning_rate="constant", eta0=0.01, shuffle=False,
                          tol=None, max_iter=6, fit_intercept=fit_intercept),
             X, y, sample_weight=sw)  # fmt: skip
    _close(ours.coef_, sk.coef_, 1e-12)
    _close(ours.intercept_, sk.intercept_[0], 1e-12)
    if not fit_intercept:
        assert ours.intercept_ == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_weighted_partial_fit_equals_sgdregressor_partial_fit(backend):
    X, y, sw = _regression(seed=3)
    ours = LinearRegression(solver="gd", learning_rate=0.02, backend=_backend(backend))
    sk = SGDRegressor(penalty=None, learning_rate="constant", eta0=0.02, shuffle=False, tol=None)
    for chunk in np.array_split(np.arange(len(X)), 4):
        ours.partial_fit(X[chunk], y[chunk], sample_weight=sw[chunk])
        sk.partial_fit(X[chunk], y[chunk], sample_weight=sw[chunk])
    _close(ours.coef_, sk.coef_, 1e-12)
    _close(ours.intercept_, sk.intercept_[0], 1e-12)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_weighted_margin_perceptron_equals_sgdclassifier(backend, n_classes, fit_intercept):
    X, y, sw = _classes(n_classes)
    ours = Perceptron(epochs=7, fit_intercept=fit_intercept,
                      backend=_backend(backend)).fit(X, y, sample_weight=sw)  # fmt: skip
    sk = _sk(SGDClassifier(loss="perceptron", eta0=1, learning_rate="constant", penalty=None,
                           shuffle=False, tol=None, max_iter=7, fit_intercept=fit_intercept),
             X, y, sample_weight=sw)  # fmt: skip
    _close(ours.coef_, sk.coef_, 1e-12)
    _close(ours.intercept_, sk.intercept_, 1e-12)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("n_classes", [2, 3])
def test_weighted_adaline_and_logistic_equal_sgdclassifier(backend, n_classes):
    X, y, sw = _classes(n_classes, seed=5)
    for ours, loss in (
        (Adaline(learning_rate=0.01, epochs=4, backend=_backend(backend)), "squared_error"),
        (LogisticRegression(learning_rate=0.05, epochs=4, backend=backend), "log_loss"),
    ):
        ours.fit(X, y, sample_weight=sw)
        sk = _sk(SGDClassifier(loss=loss, eta0=ours.learning_rate, learning_rate="constant",
                               penalty=None, shuffle=False, tol=None, max_iter=4),
                 X, y, sample_weight=sw)  # fmt: skip
        _close(ours.coef_, sk.coef_, 1e-12)
        _close(ours.intercept_, sk.intercept_, 1e-12)


@pytest.mark.parametrize("solver", ["auto", "cholesky", "qr", "lstsq"])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("alpha", [0.0, 0.5])
def test_weighted_closed_form_equals_sklearn(solver, fit_intercept, alpha):
    from sklearn.linear_model import Ridge

    X, y, sw = _regression(seed=7)
    Y = np.column_stack([y, 2 - y + X[:, 0]])
    for target in (y, Y):
        ours = LinearRegression(solver=solver, alpha=alpha, fit_intercept=fit_intercept)
        ours.fit(X, target, sample_weight=sw)
        sk = (Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="svd") if alpha
              else SkLinearRegression(fit_intercept=fit_intercept))  # fmt: skip
        sk.fit(X, target, sample_weight=sw)
        _close(ours.coef_, sk.coef_, 1e-10)
        _close(ours.intercept_, sk.intercept_, 1e-10)


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_weighted_adaline_normal_is_weighted_least_squares_on_pm1(n_classes, fit_intercept):
    X, y, sw = _classes(n_classes, seed=9)
    ours = Adaline(solver="normal", fit_intercept=fit_intercept).fit(X, y, sample_weight=sw)
    labels = np.unique(y)
    T = np.where(y[:, None] == labels[1:] if n_classes == 2 else y[:, None] == labels, 1.0, -1.0)
    sk = SkLinearRegression(fit_intercept=fit_intercept).fit(X, T, sample_weight=sw)
    _close(ours.coef_, sk.coef_, 1e-10)
    _close(ours.intercept_, sk.intercept_, 1e-10)


def test_scalar_and_unit_weights_change_nothing():
    X, y, _ = _regression(seed=11)
    plain = LinearRegression(solver="gd", learning_rate=0.01, epochs=3).fit(X, y)
    ones = LinearRegression(solver="gd", learning_rate=0.01, epochs=3).fit(X, y, np.ones(len(y)))
    two = LinearRegression(solver="gd", learning_rate=0.005, epochs=3).fit(X, y, 2.0)
    np.testing.assert_array_equal(ones.coef_, plain.coef_)
    _close(two.coef_, plain.coef_, 1e-12)  # (η/2)·(2e): the same steps


# --- class_weight -------------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("n_classes", [2, 3])
def test_balanced_class_weight_equals_sklearn_perceptron(backend, n_classes):
    X, y, _ = _classes(n_classes, seed=13)
    ours = Perceptron(epochs=8, class_weight="balanced", backend=_backend(backend)).fit(X, y)
    sk = _sk(SkPerceptron(class_weight="balanced", shuffle=False, tol=None, max_iter=8), X, y)
    _close(ours.coef_, sk.coef_, 1e-12)
    _close(ours.intercept_, sk.intercept_, 1e-12)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("n_classes", [2, 3])
def test_class_weight_dict_times_sample_weight_equals_sgdclassifier(backend, n_classes):
    X, y, sw = _classes(n_classes, seed=17)
    cw = {0: 0.5, 1: 2.5} if n_classes == 2 else {0: 0.5, 2: 3.0}
    ours = Perceptron(epochs=6, class_weight=cw, backend=_backend(backend))
    ours.fit(X, y, sample_weight=sw)
    sk = _sk(SGDClassifier(loss="perceptron", eta0=1, learning_rate="constant", penalty=None,
                           shuffle=False, tol=None, max_iter=6, class_weight=cw),
             X, y, sample_weight=sw)  # fmt: skip
    _close(ours.coef_, sk.coef_, 1e-12)
    _close(ours.intercept_, sk.intercept_, 1e-12)


def test_class_weight_refusals_are_worded():
    X, y, _ = _classes(2)
    with pytest.raises(ParameterError, match="not supported by partial_fit"):
        Perceptron(class_weight="balanced").partial_fit(X, y, classes=[0, 1])
    with pytest.raises(ParameterError, match="class_weight"):
        Perceptron(class_weight={7: 1.0}).fit(X, y)
    with pytest.raises(ParameterError, match="class_weight"):
        Perceptron(class_weight="heavy").fit(X, y)
    with pytest.raises(ParameterError, match="class_weight"):
        Perceptron(class_weight={0: -1.0}).fit(X, y)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (np.ones(5), "one weight per sample"),
        (-np.ones(90), "negative"),
        (np.full(90, np.nan), "NaN"),
        (np.zeros(90), "every sample weight is zero"),
        (["a"] * 90, "numbers"),
    ],
)
def test_bad_sample_weight_is_refused_in_words(weights, message):
    X, y, _ = _classes(2)
    before = Perceptron(epochs=2).fit(X, y)
    coef = before.coef_.copy()
    with pytest.raises(DataError, match=message):
        before.fit(X, y, sample_weight=weights)
    np.testing.assert_array_equal(before.coef_, coef)  # refused data leave it as it was


# --- fit_intercept=False against scikit-learn --------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_no_intercept_equals_sklearn_for_every_gradient_estimator(backend):
    X, y, _ = _classes(3, seed=19)
    be = _backend(backend)
    pairs = [
        (Perceptron(epochs=5, backend=be),
         SkPerceptron(shuffle=False, tol=None, max_iter=5, fit_intercept=False)),
        (Perceptron(epochs=5, backend=be, learning_rate=0.5, mode="online"),
         SGDClassifier(loss="perceptron", eta0=0.5, learning_rate="constant", penalty=None,
                       shuffle=False, tol=None, max_iter=5, fit_intercept=False)),
        (Adaline(learning_rate=0.01, epochs=5, backend=be),
         SGDClassifier(loss="squared_error", eta0=0.01, learning_rate="constant", penalty=None,
                       shuffle=False, tol=None, max_iter=5, fit_intercept=False)),
        (LogisticRegression(learning_rate=0.05, epochs=5, backend=be),
         SGDClassifier(loss="log_loss", eta0=0.05, learning_rate="constant", penalty=None,
                       shuffle=False, tol=None, max_iter=5, fit_intercept=False)),
    ]  # fmt: skip
    for ours, sk in pairs:
        ours.set_params(fit_intercept=False).fit(X, y)
        _sk(sk, X, y)
        _close(ours.coef_, sk.coef_, 1e-12)
        assert not np.asarray(ours.intercept_).any()
    Xr, yr, _ = _regression(seed=19)
    ours = LinearRegression(solver="gd", learning_rate=0.01, epochs=5, fit_intercept=False,
                            backend=be).fit(Xr, yr)  # fmt: skip
    sk = _sk(SGDRegressor(penalty=None, learning_rate="constant", eta0=0.01, shuffle=False,
                          tol=None, max_iter=5, fit_intercept=False), Xr, yr)  # fmt: skip
    _close(ours.coef_, sk.coef_, 1e-12)
    assert ours.intercept_ == 0


@pytest.mark.parametrize("solver", ["auto", "cholesky", "qr", "lstsq"])
def test_no_intercept_equals_sklearn_for_every_solver(solver):
    X, y, _ = _regression(seed=23)
    X = X + 3.0  # an intercept would matter
    ours = LinearRegression(solver=solver, fit_intercept=False).fit(X, y)
    sk = SkLinearRegression(fit_intercept=False).fit(X, y)
    _close(ours.coef_, sk.coef_, 1e-10)
    assert ours.intercept_ == 0
    chunks = [(X[i : i + 20], y[i : i + 20]) for i in range(0, len(X), 20)]
    streamed = LinearRegression(solver=solver, fit_intercept=False).fit_chunks(chunks)
    _close(streamed.coef_, sk.coef_, 1e-10)
    Xc, yc, _ = _classes(2, seed=23)
    ada = Adaline(solver="normal", fit_intercept=False).fit(Xc + 1.0, yc)
    sk = SkLinearRegression(fit_intercept=False).fit(Xc + 1.0, np.where(yc == 1, 1.0, -1.0))
    _close(ada.coef_[0], sk.coef_, 1e-10)


# --- every backend equals NumPy for every option -----------------------------------------
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n_outputs", [1, 3, pytest.param(6, marks=pytest.mark.slow)])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("neuron", NEURONS.values(), ids=NEURONS.keys())
@pytest.mark.parametrize("backend", ["numba", pytest.param("torch", marks=pytest.mark.slow)])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_backend_equals_numpy_with_weights(backend, neuron, mode, n_outputs, dtype, fit_intercept):
    """rtol 1e-9 (float64) and 1e-4 (float32): the backends sum dot products in their own
    order (tests/test_backends.py); the weights scale each error after the rate."""
    if backend == "torch":
        pytest.importorskip("torch")
    rng = np.random.default_rng(29)
    X = rng.normal(size=(70, 5)).astype(dtype)
    scores = X @ rng.normal(size=(5, n_outputs)) + rng.normal(size=(70, n_outputs))
    if neuron.targets is None:
        T = scores.astype(dtype)
    else:
        neg, pos = neuron.targets
        hot = scores > 0 if n_outputs == 1 else scores == scores.max(axis=1, keepdims=True)
        T = np.where(hot, pos, neg).astype(dtype)
    S = rng.uniform(0.0, 2.0, size=T.shape).astype(dtype)
    S[::7] = 0  # rows that weigh nothing
    results = []
    for run_epoch in (reference.run_epoch, get_backend(backend).run_epoch):
        W, b = np.zeros((5, n_outputs), dtype), np.full(n_outputs, 0.25, dtype)
        order_rng, t = np.random.default_rng(3), 0
        for _ in range(3):
            plan = MODES[mode].plan(70, rng=order_rng, shuffle=True, batch_size=16,
                                    mean=neuron.reduction == "mean")  # fmt: skip
            stats = run_epoch(X, T, W, b, plan, neuron, Schedule(0.05, 0.5), t,
                              sample_weight=S, fit_intercept=fit_intercept)  # fmt: skip
            t += stats.n_steps
        results.append((W, b, stats))
    (W0, b0, s0), (W1, b1, s1) = results
    rtol = 1e-9 if dtype == np.float64 else 1e-4
    scale = max(np.abs(W0).max(), 1.0)
    np.testing.assert_allclose(W1, W0, rtol=rtol, atol=rtol * scale)
    np.testing.assert_allclose(b1, b0, rtol=rtol, atol=rtol * scale)
    if not fit_intercept:
        np.testing.assert_array_equal(b1, np.full(n_outputs, 0.25, dtype))
    assert (s1.n_errors, s1.n_steps) == (s0.n_errors, s0.n_steps)


# --- textbook loops: weighted steps in the modes scikit-learn does not have ---------------
def _textbook(X, y, sw, *, rows_per_step, eta, epochs, mean, fit_intercept, order=None):
    """Weighted LMS written out: a step over rows S adds
    eta * r * sum_i sw_i (y_i - z_i) x_i (r = 1/|S| for mean), the bias likewise."""
    w, b = np.zeros(X.shape[1]), 0.0
    idx = np.arange(len(X)) if order is None else order
    for _ in range(epochs):
        for start in range(0, len(idx), rows_per_step):
            rows = idx[start : start + rows_per_step]
            gw, gb = np.zeros_like(w), 0.0
            for i in rows:
                e = sw[i] * (y[i] - (X[i] @ w + b))
                gw, gb = gw + e * X[i], gb + e
            r = 1 / len(rows) if mean else 1.0
            w = w + eta * r * gw
            if fit_intercept:
                b = b + eta * r * gb
    return w, b


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("mode", "rows"), [("minibatch", 16), ("batch", None)])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_weighted_multi_row_steps_equal_the_textbook_loop(backend, mode, rows, fit_intercept):
    X, y, sw = _regression(seed=31)
    rows = rows or len(X)
    est = LinearRegression(solver="gd", mode=mode, batch_size=16, learning_rate=0.05, epochs=5,
                           fit_intercept=fit_intercept, backend=_backend(backend))  # fmt: skip
    est.fit(X, y, sample_weight=sw)
    w, b = _textbook(X, y, sw, rows_per_step=rows, eta=0.05, epochs=5, mean=True,
                     fit_intercept=fit_intercept)  # fmt: skip
    _close(est.coef_, w, 1e-11)
    _close(est.intercept_, b, 1e-11)


@pytest.mark.parametrize("backend", BACKENDS)
def test_weighted_random_mode_follows_its_draws(backend):
    """Rows drawn with replacement: the textbook loop on the same draws (the estimator's
    one Generator, seeded alike)."""
    X, y, sw = _regression(seed=37)
    est = LinearRegression(solver="gd", mode="random", learning_rate=0.02, epochs=1,
                           random_state=5, backend=_backend(backend))  # fmt: skip
    est.fit(X, y, sample_weight=sw)
    order = np.random.default_rng(5).integers(0, len(X), size=len(X))
    w, b = _textbook(X, y, sw, rows_per_step=1, eta=0.02, epochs=1, mean=True,
                     fit_intercept=True, order=order)  # fmt: skip
    _close(est.coef_, w, 1e-12)
    _close(est.intercept_, b, 1e-12)


# --- the safe step and model files --------------------------------------------------------
def test_auto_step_stays_safe_under_heavy_weights():
    X, y, _ = _regression(seed=41)
    sw = np.ones(len(y))
    sw[::5] = 200.0
    est = LinearRegression(solver="gd", epochs=2000, mode="batch").fit(X, y, sample_weight=sw)
    exact = SkLinearRegression().fit(X, y, sample_weight=sw)
    _close(est.coef_, exact.coef_, 1e-10)  # the weighted minimiser, reached without overshoot
    # batch steps: 1 / Σ s_i ‖(x_i, 1)‖² · n, the trace of the weighted Hessian
    bound = np.sum(sw * (np.sum(X**2, axis=1) + 1)) / len(X)
    assert est.learning_rate_ == pytest.approx(1 / bound, rel=1e-12)


def test_new_parameters_survive_a_model_file(tmp_path):
    X, y, sw = _classes(3, seed=43)
    est = Perceptron(epochs=4, fit_intercept=False, class_weight={0: 2.0, 1: 0.5, 2: 1.0})
    est.fit(X, y, sample_weight=sw)
    from neurona import load

    back = load(est.save(tmp_path / "model.json"))
    assert back.get_params() == est.get_params()
    np.testing.assert_array_equal(back.coef_, est.coef_)
    back.partial_fit(X, y, sample_weight=sw)  # continues with the same options
    assert not back.intercept_.any()
