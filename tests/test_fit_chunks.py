"""``fit_chunks``: the estimators fitted from data that arrive in pieces.

The closed forms give the in-memory coefficients; gradient training equals ``partial_fit``
over the same chunks; a refused chunk leaves the estimator as it was.
"""

from __future__ import annotations

import numpy as np
import pytest

from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron
from neurona.errors import DataError, DivergenceError, ParameterError

RNG = np.random.default_rng(0)
X = RNG.normal(size=(90, 3))
Y = X @ [1.0, -2.0, 0.5] + 0.3 + 0.1 * RNG.normal(size=90)
LABELS = np.array(["a", "b", "c"])[np.digitize(Y, [-1.0, 1.0])]


def _pieces(X, y, n=4):
    return [(X[rows], y[rows]) for rows in np.array_split(np.arange(len(X)), n)]


@pytest.mark.parametrize("solver", ["auto", "cholesky", "qr", "lstsq"])
@pytest.mark.parametrize("as_list", [True, False])
def test_closed_form_from_chunks_equals_in_memory(solver, as_list):
    pieces = _pieces(X, Y)
    chunks = pieces if as_list else (lambda: iter(pieces))
    streamed = LinearRegression(solver=solver).fit_chunks(chunks)
    memory = LinearRegression(solver=solver).fit(X, Y)
    np.testing.assert_allclose(streamed.coef_, memory.coef_, rtol=1e-11)
    np.testing.assert_allclose(streamed.intercept_, memory.intercept_, rtol=1e-11)


def test_closed_form_keeps_float32():
    pieces = _pieces(X.astype(np.float32), Y.astype(np.float32))
    model = Adaline(solver="normal").fit_chunks(
        [(x, np.where(y > 0, "p", "n")) for x, y in pieces], classes=["n", "p"]
    )
    assert model.coef_.dtype == np.float32


@pytest.mark.parametrize("make", [Perceptron, LogisticRegression])
def test_gradient_chunks_equal_partial_fit(make):
    pieces = _pieces(X, LABELS)
    chunked = make(random_state=0).fit_chunks(pieces, classes=["a", "b", "c"], epochs=3)
    by_hand = make(random_state=0)
    for _ in range(3):
        for x, y in pieces:
            by_hand.partial_fit(x, y, classes=["a", "b", "c"])
    np.testing.assert_array_equal(chunked.coef_, by_hand.coef_)
    assert chunked.n_iter_ == 3
    assert chunked.history_ == by_hand.history_


def test_a_refused_chunk_leaves_the_estimator_as_it_was():
    model = LinearRegression().fit(X, Y)
    before = (model.coef_.copy(), model.intercept_, model.n_features_in_)
    bad = _pieces(X, Y)
    bad[2] = (bad[2][0], np.full(len(bad[2][1]), np.nan))
    with pytest.raises(DataError):
        model.fit_chunks(bad)
    np.testing.assert_array_equal(model.coef_, before[0])
    assert (model.intercept_, model.n_features_in_) == before[1:]
    np.testing.assert_array_equal(model.predict(X), LinearRegression().fit(X, Y).predict(X))
    wide = _pieces(X, Y)
    wide[1] = (np.hstack([wide[1][0], wide[1][0]]), wide[1][1])
    with pytest.raises(DataError):
        model.fit_chunks(wide)
    assert model.n_features_in_ == 3


def test_divergence_keeps_the_last_finite_weights_as_fit_does():
    model = LinearRegression(solver="gd", learning_rate=1e6)
    with pytest.raises(DivergenceError):
        model.fit_chunks(_pieces(100 * X, Y), epochs=2)
    assert np.isfinite(model.coef_).all()


def test_one_shot_iterators_and_empty_data_are_refused():
    with pytest.raises(ParameterError, match="read once only"):
        LinearRegression().fit_chunks(iter(_pieces(X, Y)))
    with pytest.raises(DataError, match="no rows"):
        LinearRegression(solver="gd").fit_chunks([])
    fitted = LinearRegression(solver="gd").fit(X, Y)
    with pytest.raises(DataError, match="no rows"):
        fitted.fit_chunks(lambda: iter([]))
    with pytest.raises(DataError, match="classes"):
        Perceptron().fit_chunks(_pieces(X, LABELS))
