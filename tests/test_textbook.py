"""The lecture's pseudo-code, written out plainly here, against the engine.

Each mode is the lecture's loop in pure Python (no NumPy in the arithmetic): online and
"online II" update after every row; batch accumulates Δw, Δb over all rows and updates once
per epoch; minibatch does the same over k rows at a time.
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron
from neurona.errors import DivergenceError, SeparabilityWarning


def margin_error(z, t):  # lecture's pseudo-code: if y(w·x) ≤ 0 then w = w + y x
    return t if t * z <= 0 else 0.0


def threshold_error(z, t):  # lecture's NumPy class: ŷ = 1 if z > 0 else 0, e = y − ŷ
    return t - (1.0 if z > 0.0 else 0.0)


def identity_error(z, t):  # ADALINE / linear regression: e = y − z
    return t - z


def logistic_error(z, t):  # the logistic neuron: ŷ = σ(z) = 1 / (1 + e^(−z)), e = y − ŷ
    return t - 1.0 / (1.0 + math.exp(-z))


def textbook(X, t, error, mode, eta, epochs, orders, k, mean):
    n, m = len(X), len(X[0])
    w, b = [0.0] * m, 0.0
    for epoch in range(epochs):
        rows = list(orders[epoch])
        if mode in ("online", "random"):
            for i in rows:
                z = sum(X[i][j] * w[j] for j in range(m)) + b
                err = error(z, t[i])
                w = [w[j] + eta * err * X[i][j] for j in range(m)]
                b = b + eta * err
            continue
        size = n if mode == "batch" else k
        for start in range(0, n, size):
            chunk = rows[start : start + size]
            dw, db = [0.0] * m, 0.0
            for i in chunk:
                z = sum(X[i][j] * w[j] for j in range(m)) + b
                err = error(z, t[i])
                dw = [dw[j] + err * X[i][j] for j in range(m)]
                db = db + err
            r = 1.0 / len(chunk) if mean else 1.0
            w = [w[j] + eta * r * dw[j] for j in range(m)]
            b = b + eta * r * db
    return np.array(w), b


def orders_for(mode, n, epochs, seed, shuffle):
    """The row orders neurona documents (neurona.modes), drawn here independently."""
    rng = np.random.default_rng(seed)
    if mode == "random":
        return [rng.integers(0, n, size=n) for _ in range(epochs)]
    if shuffle and mode != "batch":
        return [rng.permutation(n) for _ in range(epochs)]
    return [np.arange(n)] * epochs


def data(seed, n=37, m=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    y = (X @ np.array([1.0, -2.0, 0.5]) + 0.2 + rng.normal(scale=0.5, size=n)) > 0
    return X, y.astype(int), X @ np.array([0.5, 1.0, -1.5]) + 1.0


NEURONS = {
    # name: (estimator factory, textbook error, targets from (y01, y_real))
    "perceptron-margin": (
        lambda **kw: Perceptron(rule="margin", **kw),
        margin_error,
        lambda y, r: 2.0 * y - 1,
    ),
    "perceptron-error": (
        lambda **kw: Perceptron(rule="error", **kw),
        threshold_error,
        lambda y, r: 1.0 * y,
    ),
    "adaline": (lambda **kw: Adaline(**kw), identity_error, lambda y, r: 2.0 * y - 1),
    "linear": (
        lambda **kw: LinearRegression(solver="gd", **kw),
        identity_error,
        lambda y, r: r,
    ),
    "logistic": (lambda **kw: LogisticRegression(**kw), logistic_error, lambda y, r: 1.0 * y),
}


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("neuron", NEURONS)
@pytest.mark.parametrize(
    ("mode", "shuffle", "k"),
    [
        ("online", False, 1),
        ("online", True, 1),
        ("random", False, 1),
        ("batch", False, 1),
        ("minibatch", False, 5),
        ("minibatch", True, 8),
    ],
)
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_engine_matches_lecture_pseudocode(neuron, mode, shuffle, k, reduction):
    make, error, targets = NEURONS[neuron]
    X, y01, y_real = data(seed=len(neuron) + k)
    t = targets(y01, y_real)
    eta, epochs, seed = (0.5 if "perceptron" in neuron else 0.05), 6, 11
    orders = orders_for(mode, len(X), epochs, seed, shuffle)
    w, b = textbook(
        X.tolist(), t.tolist(), error, mode, eta, epochs, orders, k, mean=reduction == "mean"
    )
    est = make(
        mode=mode,
        learning_rate=eta,
        epochs=epochs,
        batch_size=k,
        shuffle=shuffle,
        reduction=reduction,
        random_state=seed,
    )
    try:
        est.fit(X, y_real if neuron == "linear" else y01)
    except DivergenceError:  # the summed batch step overshoots: the loss climbs each epoch
        assert (mode, reduction) == ("batch", "sum")
        w, b = textbook(X.tolist(), t.tolist(), error, mode, eta, epochs - 1, orders, k,
                        mean=False)  # the weights kept: those before the last epoch  # fmt: skip
    assert_allclose(np.ravel(est.coef_), w, rtol=1e-10, atol=1e-12)
    assert_allclose(np.ravel(est.intercept_), [b], rtol=1e-10, atol=1e-12)


def test_lecture_numpy_class_is_the_error_rule():
    """The lecture's NumPy Perceptron class, copied (np.float -> float), against rule='error'."""

    class LecturePerceptron:
        def __init__(self, num_features):
            self.num_features = num_features
            self.weights = np.zeros((num_features, 1), dtype=float)
            self.bias = np.zeros(1, dtype=float)

        def forward(self, x):
            linear = np.dot(x, self.weights) + self.bias
            return np.where(linear > 0.0, 1, 0)

        def backward(self, x, y):
            return y - self.forward(x)

        def train(self, x, y, epochs):
            for _ in range(epochs):
                for i in range(y.shape[0]):
                    errors = self.backward(x[i].reshape(1, self.num_features), y[i]).reshape(-1)
                    self.weights += (errors * x[i]).reshape(self.num_features, 1)
                    self.bias += errors

    X, y, _ = data(seed=5, n=50)
    ref = LecturePerceptron(3)
    ref.train(X, y, epochs=9)
    with pytest.warns(SeparabilityWarning):  # this data is not separable
        ours = Perceptron(rule="error", epochs=9).fit(X, y)
    np.testing.assert_array_equal(ours.coef_.ravel(), ref.weights.ravel())
    np.testing.assert_array_equal(ours.intercept_, ref.bias)
