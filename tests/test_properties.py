"""Properties that hold for any data (hypothesis, derandomized)."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from neurona import Adaline, LinearRegression, Perceptron
from neurona.errors import DivergenceError

pytestmark = pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")


@st.composite
def integer_classification(draw, min_rows=2):
    """Small-integer features: every sum is exact in float64, whatever its order."""
    n = draw(st.integers(min_rows, 30))
    m = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    X = rng.integers(-5, 6, size=(n, m)).astype(float)
    y = rng.integers(0, 2, size=n)
    assume(len(np.unique(y)) == 2)
    return X, y


ESTIMATORS = {
    "perceptron-margin": lambda **kw: Perceptron(rule="margin", learning_rate=1.0, **kw),
    "perceptron-error": lambda **kw: Perceptron(rule="error", learning_rate=1.0, **kw),
    "adaline": lambda **kw: Adaline(learning_rate=0.01, **kw),
    "linear": lambda **kw: LinearRegression(solver="gd", learning_rate=0.01, **kw),
}


@pytest.mark.parametrize("name", ESTIMATORS)
@given(data=integer_classification(), shuffle=st.booleans(), epochs=st.integers(1, 5))
def test_minibatch_of_one_is_online(name, data, shuffle, epochs):
    X, y = data
    kw = dict(epochs=epochs, shuffle=shuffle, random_state=1)
    online = ESTIMATORS[name](mode="online", **kw).fit(X, y)
    mini = ESTIMATORS[name](mode="minibatch", batch_size=1, **kw).fit(X, y)
    assert_allclose(mini.coef_, online.coef_, rtol=1e-12, atol=1e-12)
    assert_allclose(mini.intercept_, online.intercept_, rtol=1e-12, atol=1e-12)
    assert mini.history_.keys() == online.history_.keys()


@pytest.mark.parametrize("name", ESTIMATORS)
@pytest.mark.parametrize("reduction", ["sum", "mean"])
@given(data=integer_classification(), epochs=st.integers(1, 5))
def test_minibatch_of_all_rows_is_batch(name, reduction, data, epochs):
    X, y = data
    kw = dict(epochs=epochs, reduction=reduction)
    batch = ESTIMATORS[name](mode="batch", **kw)
    mini = ESTIMATORS[name](mode="minibatch", batch_size=len(X), **kw)
    said = []
    for model in (batch, mini):  # a step too large for the summed rows diverges in both
        try:
            model.fit(X, y)
            said.append(None)
        except DivergenceError as exc:
            said.append(str(exc))
    assert said[0] == said[1]
    assert_array_equal(mini.coef_, batch.coef_)  # (after a divergence: the weights kept)
    assert_array_equal(mini.intercept_, batch.intercept_)


MODES = st.sampled_from(["online", "random", "batch", "minibatch"])


def _same_mistakes(X, y, eta, mode, rtol):
    kw = dict(mode=mode, epochs=5, batch_size=4, random_state=3, shuffle=True)
    one = Perceptron(learning_rate=1.0, **kw).fit(X, y)
    scaled = Perceptron(learning_rate=eta, **kw).fit(X, y)
    assert scaled.history_["updates"] == one.history_["updates"]
    assert_array_equal(scaled.predict(X), one.predict(X))
    atol = 1e-9 * eta if rtol else 0  # sums that cancel leave η-sized rounding, not zero
    assert_allclose(scaled.coef_, eta * one.coef_, rtol=rtol, atol=atol)
    assert_allclose(scaled.intercept_, eta * one.intercept_, rtol=rtol, atol=atol)


@given(data=integer_classification(), k=st.integers(-20, 20), mode=MODES)
def test_margin_rule_same_mistakes_for_any_eta_exact(data, k, mode):
    """From w = 0 the margin rule's weights are η times those of η = 1.

    With η a power of two every product is exact, so even rows that land exactly on the
    boundary (z = 0, frequent with integer data) are treated alike.
    """
    X, y = data
    _same_mistakes(X, y, 2.0**k, mode, rtol=0)


@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(2, 40),
    eta=st.floats(1e-3, 1e3),
    mode=MODES,
)
def test_margin_rule_same_mistakes_for_any_eta(seed, n, eta, mode):
    """Any η > 0 on continuous data (where z = 0 only at the zero start)."""
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(n, 3)), rng.integers(0, 2, size=n)
    assume(len(np.unique(y)) == 2)
    _same_mistakes(X, y, eta, mode, rtol=1e-9)


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(20, 60), m=st.integers(1, 4))
def test_batch_gd_on_linear_regression_reaches_lstsq(seed, n, m):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    y = X @ rng.normal(size=m) + rng.normal() + rng.normal(scale=0.1, size=n)
    Xa = np.column_stack([X, np.ones(n)])
    eig = np.linalg.eigvalsh(Xa.T @ Xa / n)
    assume(eig[-1] / eig[0] < 20)  # well conditioned: 2000 epochs are plenty
    reg = LinearRegression(
        solver="gd", mode="batch", reduction="mean", learning_rate=1.0 / eig[-1], epochs=2000
    ).fit(X, y)
    w = np.linalg.lstsq(Xa, y, rcond=None)[0]
    assert_allclose(reg.coef_, w[:-1], atol=1e-8)
    assert_allclose(reg.intercept_, w[-1], atol=1e-8)
