"""Per-output stopping: one-vs-rest with ``tol`` behaves as K independent binary fits."""

import numpy as np
import pytest
from sklearn import linear_model as sk
from sklearn.datasets import load_iris
from sklearn.multiclass import OneVsRestClassifier

from neurona import Adaline, LinearRegression, Perceptron
from neurona.errors import DataError, ParameterError

BACKENDS = ["numpy", "numba", "torch"]

X3, Y3 = np.array([[1.0], [3.0], [-1.0]]), np.array([1, 2, 0])


def _backend(name):
    if name == "torch":
        pytest.importorskip("torch")
    return name


def _binary_fits(make, X, y):
    """coef_ (K, n_features), intercept_ (K,) and the largest n_iter_ of K binary fits."""
    fits = [make().fit(X, (y == c).astype(int)) for c in np.unique(y)]
    coef = np.vstack([f.coef_ for f in fits])
    return coef, np.concatenate([f.intercept_ for f in fits]), max(f.n_iter_ for f in fits)


@pytest.mark.parametrize("backend", BACKENDS)
def test_perceptron_ovr_tol_matches_sklearn_and_binary_fits(backend):
    make = lambda: Perceptron(tol=1e-3, epochs=100, backend=_backend(backend))  # noqa: E731
    ours = make().fit(X3, Y3)
    ref = sk.Perceptron(tol=1e-3, max_iter=100, shuffle=False, eta0=1.0).fit(X3, Y3)
    ovr = OneVsRestClassifier(make()).fit(X3, Y3)
    coef, intercept, n_iter = _binary_fits(make, X3, Y3)
    np.testing.assert_array_equal(ours.coef_, [[-2.0], [0.0], [2.0]])
    np.testing.assert_array_equal(ours.intercept_, [0.0, -2.0, -4.0])
    np.testing.assert_array_equal(ours.coef_, ref.coef_)
    np.testing.assert_array_equal(ours.intercept_, ref.intercept_)
    np.testing.assert_array_equal(ours.coef_, np.vstack([e.coef_ for e in ovr.estimators_]))
    np.testing.assert_array_equal(ours.coef_, coef)
    np.testing.assert_array_equal(ours.intercept_, intercept)
    # the largest binary fit's epochs (scikit-learn's n_iter_ is its binary fits' largest
    # too, but its binary fits have no clean-epoch stop: 10 epochs here, ours 8)
    assert ours.n_iter_ == n_iter


def _iris():
    X, y = load_iris(return_X_y=True)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("shuffle", [False, True])
def test_adaline_iris_tol_equals_binary_fits(backend, shuffle):
    X, y = _iris()

    def make():
        return Adaline(tol=1e-4, epochs=200, learning_rate=1e-3, shuffle=shuffle,
                       random_state=0, backend=_backend(backend))  # fmt: skip

    ours = make().fit(X, y)
    coef, intercept, n_iter = _binary_fits(make, X, y)
    np.testing.assert_allclose(ours.coef_, coef, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours.intercept_, intercept, rtol=0, atol=1e-12)
    assert ours.n_iter_ == n_iter
    assert len(ours.history_["loss"]) == n_iter


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("backend", BACKENDS)
def test_without_tol_nothing_changes(backend):
    X, y = _iris()
    for make in (
        lambda: Adaline(epochs=20, learning_rate=1e-3, backend=_backend(backend)),
        lambda: Perceptron(epochs=20, backend=_backend(backend)),
    ):
        ours = make().fit(X, y)
        coef, intercept, _ = _binary_fits(make, X, y)
        np.testing.assert_allclose(ours.coef_, coef, rtol=0, atol=1e-12)
        np.testing.assert_allclose(ours.intercept_, intercept, rtol=0, atol=1e-12)
        assert ours.n_iter_ == 20


# coef_init / intercept_init (as scikit-learn's fit) ------------------------------------
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
def test_perceptron_coef_init_equals_sklearn():
    X, y = _iris()
    rng = np.random.default_rng(0)
    coef, intercept = rng.normal(size=(3, 4)), rng.normal(size=3)
    ours = Perceptron(learning_rate=1.0, epochs=5, shuffle=False)
    ours.fit(X, y, coef_init=coef, intercept_init=intercept)
    ref = sk.Perceptron(eta0=1.0, penalty=None, shuffle=False, tol=None, max_iter=5)
    ref.fit(X, y, coef_init=coef, intercept_init=intercept)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=0, atol=1e-12)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_linear_regression_coef_init_equals_sgdregressor():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 3))
    y = X @ [1.0, -2.0, 0.5] + 0.3 + 0.1 * rng.normal(size=40)
    coef, intercept = rng.normal(size=3), 0.7
    ours = LinearRegression(solver="gd", mode="online", learning_rate=0.01, epochs=5,
                            shuffle=False)  # fmt: skip
    ours.fit(X, y, coef_init=coef, intercept_init=intercept)
    ref = sk.SGDRegressor(learning_rate="constant", eta0=0.01, penalty=None, shuffle=False,
                          tol=None, max_iter=5)  # fmt: skip
    ref.fit(X, y, coef_init=coef, intercept_init=intercept)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_[0], rtol=1e-12, atol=1e-12)


def test_coef_init_refused_in_words():
    X, y = _iris()
    with pytest.raises(DataError, match="shape"):
        Perceptron(epochs=2).fit(X, y, coef_init=np.zeros((2, 4)))
    with pytest.raises(DataError, match="NaN"):
        Perceptron(epochs=2).fit(X, y, intercept_init=[0.0, np.nan, 0.0])
    with pytest.raises(DataError, match="numbers"):
        Perceptron(epochs=2).fit(X, y, coef_init=[["a"] * 4] * 3)
    with pytest.raises(ParameterError, match="closed form"):
        LinearRegression().fit(X, X[:, 0], coef_init=np.zeros(4))
