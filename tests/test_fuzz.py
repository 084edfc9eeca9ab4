"""Fuzzing the public surface: only neurona's own errors escape, and what a fit records
agrees with what the fitted model says.

hypothesis is derandomized (tests/conftest.py), so every run tries the same inputs; each
test is bounded by its number of examples.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.base import is_classifier

from neurona.errors import NeuronaError
from neurona.estimators import ESTIMATORS

ORDINARY = st.floats(-10, 10, allow_nan=False)
#: values at the edges of float64: zeros, subnormals, huge, NaN and the infinities
EDGES = st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e-310, 1e-200, 1e150, -1e155, 1e200,
                         1.7e308, -1.7e308, np.nan, np.inf, -np.inf])  # fmt: skip


@st.composite
def datasets(draw):
    """Ordinary rows with a few values at the edges (none in about half the draws)."""
    n = draw(st.integers(2, 12))
    m = draw(st.integers(1, 3))
    X = np.array(draw(st.lists(ORDINARY, min_size=n * m, max_size=n * m))).reshape(n, m)
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        X[draw(st.integers(0, n - 1)), draw(st.integers(0, m - 1))] = draw(EDGES)
    if draw(st.booleans()):
        with np.errstate(over="ignore"):  # float32's own infinities, on purpose
            X = X.astype(np.float32)
    labels = draw(
        st.sampled_from(
            [
                st.integers(0, 1),
                st.integers(-3, 3),
                st.sampled_from(["a", "b", "c"]),
                st.booleans(),
                st.floats(-5, 5, allow_nan=False),
            ]
        )
    )
    y = np.array(draw(st.lists(labels, min_size=n, max_size=n)))
    return X, y


@st.composite
def estimators(draw):
    cls = draw(st.sampled_from(list(ESTIMATORS.values())))
    params = {name: draw(st.sampled_from(values)) for name, values in cls.param_choices().items()}
    params["learning_rate"] = draw(
        st.one_of(st.just("auto"), st.sampled_from([1e-3, 0.1, 1.0, 1e3, 1e300, 0.0, -1.0]))
    )
    params["epochs"] = draw(st.integers(1, 4))
    params["batch_size"] = draw(st.integers(1, 4))
    params["tol"] = draw(st.sampled_from([None, 0.0, 1e-3]))
    params["power_t"] = draw(st.sampled_from([0.5, 0.0, 1e3]))
    params["random_state"] = draw(st.integers(0, 3))
    params["backend"] = draw(st.sampled_from(["numpy", "numba"]))
    return cls(**{k: v for k, v in params.items() if k in cls().get_params()})


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=datasets(), model=estimators())
def test_only_neurona_errors_escape_and_history_agrees_with_score(data, model):
    X, y = data
    if not is_classifier(model):
        y = y.astype(np.float64) if y.dtype.kind in "biuf" else np.arange(len(y), dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the estimators' own warnings are not the point
        try:
            model.fit(X, y)
        except NeuronaError:
            return
    assert np.isfinite(model.coef_).all()
    assert np.isfinite(model.intercept_).all()
    predictions = model.predict(X)
    assert len(predictions) == len(X)
    accuracy = model.history_.get("accuracy")
    if accuracy and model.get_params()["backend"] == "numpy":
        assert accuracy[-1] == pytest.approx(model.score(X, y), abs=1e-12)
