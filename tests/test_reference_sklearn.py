"""The engine against scikit-learn where both compute the same thing."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn import linear_model as sk

from neurona import LinearRegression, Perceptron
from neurona.errors import SeparabilityWarning


def _noisy_classes(seed, n=60, m=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    score = X @ rng.normal(size=m) + 0.3 + rng.normal(scale=0.7, size=n)  # not separable
    return X, score > 0


LABELINGS = {
    "zero-one": lambda pos: pos.astype(int),
    "plus-minus-one": lambda pos: np.where(pos, 1, -1),
    "strings": lambda pos: np.where(pos, "spam", "ham"),
    "bools": lambda pos: pos,
}


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("labels", LABELINGS)
@pytest.mark.parametrize("epochs", range(1, 21))
def test_margin_perceptron_equals_sklearn_exactly(labels, epochs):
    X, pos = _noisy_classes(seed=epochs)
    y = LABELINGS[labels](pos)
    ours = Perceptron(
        rule="margin", mode="online", learning_rate=1.0, epochs=epochs, shuffle=False
    ).fit(X, y)
    ref = sk.Perceptron(eta0=1.0, penalty=None, shuffle=False, tol=None, max_iter=epochs).fit(X, y)
    assert_array_equal(ours.classes_, ref.classes_)
    assert_array_equal(ours.coef_, ref.coef_)  # float64 equality, not closeness
    assert_array_equal(ours.intercept_, ref.intercept_)
    assert_array_equal(ours.predict(X), ref.predict(X))


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
def test_multiclass_one_vs_rest_equals_sklearn():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(90, 3))
    y = np.array(["a", "b", "c"])[np.argmax(X @ rng.normal(size=(3, 3)), axis=1)]
    ours = Perceptron(epochs=7).fit(X, y)
    ref = sk.Perceptron(eta0=1.0, penalty=None, shuffle=False, tol=None, max_iter=7).fit(X, y)
    assert_array_equal(ours.coef_, ref.coef_)
    assert_array_equal(ours.intercept_, ref.intercept_)
    assert_array_equal(ours.decision_function(X), ref.decision_function(X))


def _regression(seed, n=80, m=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    return X, X @ rng.normal(size=m) + 2.0 + rng.normal(scale=0.1, size=n)


@pytest.mark.parametrize("eta", [0.001, 0.01, 0.05])
@pytest.mark.parametrize("epochs", [1, 5, 20])
def test_online_lms_equals_sgdregressor(eta, epochs):
    X, y = _regression(seed=epochs)
    ours = LinearRegression(
        solver="gd", mode="online", learning_rate=eta, epochs=epochs, shuffle=False
    ).fit(X, y)
    ref = sk.SGDRegressor(
        learning_rate="constant",
        eta0=eta,
        penalty=None,
        shuffle=False,
        tol=None,
        max_iter=epochs,
    ).fit(X, y)
    assert_allclose(ours.coef_, ref.coef_, rtol=1e-12, atol=1e-12)
    assert_allclose(ours.intercept_, ref.intercept_[0], rtol=1e-12, atol=1e-12)


def test_inverse_scaling_schedule_equals_sgdregressor():
    X, y = _regression(seed=7)
    ours = LinearRegression(
        solver="gd", learning_rate=0.05, schedule="invscaling", power_t=0.25, epochs=6
    ).fit(X, y)
    ref = sk.SGDRegressor(
        learning_rate="invscaling",
        eta0=0.05,
        power_t=0.25,
        penalty=None,
        shuffle=False,
        tol=None,
        max_iter=6,
    ).fit(X, y)
    assert_allclose(ours.coef_, ref.coef_, rtol=1e-12, atol=1e-12)
    assert_allclose(ours.intercept_, ref.intercept_[0], rtol=1e-12, atol=1e-12)
    assert ours.t_ == 6 * X.shape[0]


def test_perceptron_not_converged_warns_and_points_to_check_separability():
    X, pos = _noisy_classes(seed=0)
    with pytest.warns(SeparabilityWarning, match=r"check_separability"):
        Perceptron(epochs=3).fit(X, pos)
