"""Edges round 10 (issue 13's kinds, new inputs) on the Python API.

* A full-batch step too large for the data raises the loss every epoch; with ``tol`` the
  run stopped after ``n_iter_no_change`` epochs "without improvement" and said it had
  converged (``n_iter_`` 6, the loss 116 times its start, no word). A stop for no
  improvement on a loss that rose in each of the last epochs, above where the call began
  and several times its lowest, is now the divergence it is (the weights before that epoch
  kept, as any divergence). The reference is gradient descent written out here.
* ``early_stopping`` with a run stopped by ``on_update`` or a callback in its first epoch
  crashed (``max()`` of no validation score); a later stop left the stopped epoch
  unscored. The stopped weights are now scored: one validation score per epoch.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

import neurona
from neurona.errors import DivergenceError

BACKENDS = ["numpy", "numba", "torch"]


def _backend(name: str) -> str:
    if name != "numpy":
        pytest.importorskip(name)
    return name


def _line(n: int = 50, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    return X, X @ np.array([1.0, -1.0]) + 0.1


def _top_curvature(X: np.ndarray) -> float:
    """The largest eigenvalue of the mean squared loss's Hessian (bias column included)."""
    H = np.c_[X, np.ones(len(X))]
    return float(np.linalg.eigvalsh(H.T @ H / len(X))[-1])


def _batch_descent(X, y, eta, steps):
    """Full-batch gradient descent on ½·mean(e²): the loss at each step's start, and the
    weights after every step."""
    w, b, losses, weights = np.zeros(X.shape[1]), 0.0, [], []
    for _ in range(steps):
        e = X @ w + b - y
        losses.append(0.5 * float(np.mean(e * e)))
        w, b = w - eta * X.T @ e / len(X), b - eta * float(np.mean(e))
        weights.append((w.copy(), b))
    return losses, weights


# --- 3. a rising loss is not convergence ----------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_loss_rising_to_the_tol_stop_is_a_divergence(backend):
    """η = 3/λ_max: the top direction's error grows ×2 each step, the loss ×4. Epochs
    2-6 each raise the loss (0.76 → 0.80 → 1.7 → 5.9 → 22 → 89): the 6th epoch is the
    5th without improvement, where the stop used to claim convergence."""
    X, y = _line()
    eta = 3.0 / _top_curvature(X)
    losses, weights = _batch_descent(X, y, eta, 6)
    assert all(b > a for a, b in itertools.pairwise(losses))  # rising every epoch
    model = neurona.LinearRegression(solver="gd", mode="batch", reduction="mean",
                                     learning_rate=eta, epochs=30, tol=1e-3,
                                     backend=_backend(backend))  # fmt: skip
    with pytest.raises(DivergenceError, match=r"diverging in epoch 6: the loss grew from "):
        model.fit(X, y)
    w5, b5 = weights[4]  # the weights before the 6th epoch are kept, with their history
    np.testing.assert_allclose(model.coef_, w5, rtol=1e-10)
    np.testing.assert_allclose(model.intercept_, b5, rtol=1e-10)
    np.testing.assert_allclose(model.history_["loss"], losses[:5], rtol=1e-10)


@pytest.mark.parametrize(
    ("make", "target"),
    [(lambda **k: neurona.Adaline(solver="gd", **k), "class"),
     (lambda **k: neurona.LinearRegression(solver="gd", **k), "value"),
     (lambda **k: neurona.LinearRegression(solver="gd", early_stopping=True, **k), "value"),
     (lambda **k: neurona.Adaline(solver="gd", early_stopping=True, **k), "class3")],
)  # fmt: skip
def test_every_tol_stop_refuses_a_rising_loss(make, target):
    """The same overshoot through the other stops: classes (one output), several classes
    (one output per class, each with its own stop), the held-out score's stop."""
    X, y = _line(60)
    t = {"class": (y > 0).astype(int), "value": y, "class3": np.digitize(y, [-1, 1])}
    model = make(mode="batch", reduction="mean", learning_rate=3.0 / _top_curvature(X),
                 epochs=40, tol=1e-3, random_state=0, backend="numpy")  # fmt: skip
    with pytest.raises(DivergenceError, match="rising for"):
        model.fit(X, t[target])
    assert np.isfinite(model.coef_).all()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_loss_climbing_to_the_epoch_limit_is_a_divergence(backend):
    """No tol: η = 3/λ_max for 10 epochs took the loss from 0.76 to 2e4 in silence (the
    end-of-run check waited for 1e6 times the first loss). Three epochs in a row higher,
    above the first and 4x the lowest, at the epoch limit: the divergence is said, the
    weights before the last epoch kept (gradient descent written out here)."""
    X, y = _line()
    eta = 3.0 / _top_curvature(X)
    model = neurona.LinearRegression(solver="gd", mode="batch", reduction="mean",
                                     learning_rate=eta, epochs=10,
                                     backend=_backend(backend))  # fmt: skip
    with pytest.raises(DivergenceError, match=r"diverging in epoch 10: .* rising for"):
        model.fit(X, y)
    losses, weights = _batch_descent(X, y, eta, 10)
    assert 1e3 * losses[0] < losses[-1] < 1e6 * losses[0]  # what the old check let pass
    np.testing.assert_allclose(model.coef_, weights[8][0], rtol=1e-10)
    np.testing.assert_allclose(model.history_["loss"], losses[:9], rtol=1e-10)


@pytest.mark.parametrize("mode", ["batch", "minibatch", "online", "random"])
@pytest.mark.parametrize("k", [0.3, 1.0, 1.9])
def test_a_converging_run_to_the_epoch_limit_is_not_called_diverging(mode, k):
    """Steps below 2/λ_max (a minibatch or online step of the same size is noisier but
    settles): no error at the epoch limit, however many epochs."""
    X, y = _line()
    eta = k / _top_curvature(X)
    for epochs in (3, 10, 60):
        model = neurona.LinearRegression(solver="gd", mode=mode, reduction="mean",
                                         batch_size=10, learning_rate=eta / 4, epochs=epochs,
                                         random_state=0, backend="numpy")  # fmt: skip
        model.fit(X, y)
        assert model.n_iter_ == epochs


@pytest.mark.parametrize("k", [0.5, 1.0, 1.9])
def test_a_stable_step_still_stops_for_tol(k):
    """Below 2/λ_max a full-batch step never raises the loss: tol stops it, no error."""
    X, y = _line()
    eta = k / _top_curvature(X)
    model = neurona.LinearRegression(solver="gd", mode="batch", reduction="mean",
                                     learning_rate=eta, epochs=500, tol=1e-3,
                                     backend="numpy")  # fmt: skip
    model.fit(X, y)
    losses, _ = _batch_descent(X, y, eta, model.n_iter_)
    np.testing.assert_allclose(model.history_["loss"], losses, rtol=1e-10)
    assert model.n_iter_ < 500


# --- the on_update stop with early_stopping -------------------------------------------
def _classes(n: int = 40, seed: int = 3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    return X, (X @ np.array([1.0, -1.0, 0.5]) + 0.3 * rng.normal(size=n) > 0).astype(int)


def _adaline(**more):
    return neurona.Adaline(mode="online", learning_rate=0.01, epochs=4, early_stopping=True,
                           validation_fraction=0.25, random_state=1, backend="numpy",
                           **more)  # fmt: skip


@pytest.mark.parametrize("how", ["on_update", "callback"])
def test_a_stop_in_the_first_epoch_keeps_its_validation_score(how):
    X, y = _classes()
    full = _adaline().fit(X, y)
    n_train = 30  # 40 rows less a quarter held out; ADALINE updates on every row
    if how == "on_update":
        model = _adaline().fit(X, y, on_update=lambda W, b: True)
        assert model.t_ == 1
    else:
        model = _adaline(callbacks=[lambda info: True]).fit(X, y)
        assert model.t_ == n_train
        assert model.validation_scores_ == full.validation_scores_[:1]
    assert model.n_iter_ == len(model.validation_scores_) == len(model.history_["loss"]) == 1
    assert model.best_validation_score_ == model.validation_scores_[0]


def test_a_stop_at_an_epochs_last_update_scores_as_that_epoch():
    """The hook's stop at the 60th update (the end of epoch 2) leaves the weights, and so
    the validation scores, of the full run's second epoch."""
    X, y = _classes()
    full = _adaline().fit(X, y)
    count = [0]

    def hook(W, b):
        count[0] += 1
        return count[0] >= 60

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = _adaline().fit(X, y, on_update=hook)
    assert model.n_iter_ == 2
    assert model.validation_scores_ == full.validation_scores_[:2]
    assert model.best_validation_score_ == max(full.validation_scores_[:2])
