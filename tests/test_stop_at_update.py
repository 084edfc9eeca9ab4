"""Stopping inside an epoch: ``fit(..., on_update=f)`` where ``f`` returns True, and the
command line's ``train --max-updates N`` built on it (the playground's exports use both).

The reference is the same fit run to the end with a hook that records every update: a
stop at update k leaves exactly the k-th recorded weights, and the history's last entry
is the loss of the rows visited until then (a textbook loop written here recomputes it).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import neurona
from helpers import run, run_process

ESTIMATORS = [
    (neurona.Perceptron, {"rule": "margin"}),
    (neurona.Perceptron, {"rule": "error"}),
    (neurona.Adaline, {}),
    (neurona.LinearRegression, {"solver": "gd", "learning_rate": 0.01}),
    (neurona.LogisticRegression, {}),
]
MODES = ["online", "random", "batch", "minibatch"]


def _data(regression: bool, n: int = 30, seed: int = 4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    z = X @ np.array([1.0, -2.0, 0.5]) + 0.4 * rng.normal(size=n)
    return X, (z if regression else (z > 0).astype(int))


def _model(cls, params, mode, **more):
    return cls(**{"mode": mode, "epochs": 4, "batch_size": 7, "random_state": 3,
                  "backend": "numpy", **params, **more})  # fmt: skip


def _recorded(model, X, y):
    seen = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X, y, on_update=lambda W, b: seen.append((W.copy(), b.copy())))
    return seen


def _stopped_at(model, X, y, k):
    count = [0]

    def hook(W, b):
        count[0] += 1
        return count[0] >= k

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X, y, on_update=hook)
    return count[0]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("cls", "params"), ESTIMATORS)
def test_a_true_return_stops_at_that_update_with_its_weights(cls, params, mode):
    X, y = _data(cls is neurona.LinearRegression)
    seen = _recorded(_model(cls, params, mode), X, y)
    assert len(seen) >= 2
    for k in sorted({1, 2, len(seen) // 2, len(seen) - 1, len(seen)} - {0}):
        model = _model(cls, params, mode)
        assert _stopped_at(model, X, y, k) == k  # no call after the stop
        W, b = seen[k - 1]
        np.testing.assert_array_equal(np.ravel(model.coef_), W[:, 0])
        np.testing.assert_array_equal(np.ravel(model.intercept_), b)
        assert len(model.history_["loss"]) == model.n_iter_ >= 1


def test_the_stopped_epochs_history_is_the_loss_of_the_rows_visited():
    """ADALINE online, the lecture's loop written out: stop at the 45th update (row 15 of
    the second epoch, in order): the last history entry is the mean of ½e² over those 15
    rows, each with the weights before its own update; ``t_`` counts the 45 steps."""
    X, y = _data(False)
    target = 2.0 * y - 1  # ADALINE's targets: the classes as -1 and +1
    eta = 0.01
    model = neurona.Adaline(mode="online", shuffle=False, learning_rate=eta, epochs=3,
                            backend="numpy")  # fmt: skip
    assert _stopped_at(model, X, y, 45) == 45
    w, b, losses = np.zeros(3), 0.0, []
    for t in range(45):
        i = t % 30
        e = target[i] - (X[i] @ w + b)
        losses.append(0.5 * e * e)
        w, b = w + eta * e * X[i], b + eta * e
    np.testing.assert_allclose(np.ravel(model.coef_), w, rtol=1e-13)
    assert model.n_iter_ == 2
    assert model.t_ == 45
    np.testing.assert_allclose(model.history_["loss"][1], np.mean(losses[30:]), rtol=1e-13)


def test_the_hook_sees_the_step_complete_with_its_penalty():
    """With L1 the weights are truncated after each update (scikit-learn's cumulative
    penalty): the hook is shown them after it, so a stop keeps what the hook saw."""
    X, y = _data(False)
    params = {"penalty": "l1", "alpha": 0.1}
    seen = _recorded(_model(neurona.Adaline, params, "online"), X, y)
    model = _model(neurona.Adaline, params, "online")
    _stopped_at(model, X, y, 28)
    np.testing.assert_array_equal(np.ravel(model.coef_), seen[27][0][:, 0])
    assert (seen[27][0] == 0).any()  # the truncation did happen


def test_a_fit_that_converges_first_ignores_the_limit():
    X, y = np.array([[0.0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 0, 0, 1])
    model = neurona.Perceptron(epochs=50, shuffle=False, backend="numpy")
    calls = _stopped_at(model, X, y, 10_000)
    assert calls < 10_000
    assert model.score(X, y) == 1.0


def test_several_classes_stop_all_outputs_at_once():
    """One-vs-rest with tol (each output trained on its own): the stop ends the fit, the
    later outputs keep their weights of the epoch before."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(36, 2))
    y = np.repeat(["a", "b", "c"], 12)
    X[y == "b"] += 3
    X[y == "c"] -= 3
    params = {"tol": 1e-3, "n_iter_no_change": 2}
    seen = _recorded(_model(neurona.Adaline, params, "online"), X, y)
    model = _model(neurona.Adaline, params, "online")
    _stopped_at(model, X, y, 40)
    np.testing.assert_array_equal(model.coef_.T, seen[39][0])


# --- the command line ------------------------------------------------------------------
def _csv(tmp_path, regression=False):
    X, y = _data(regression)
    path = tmp_path / "d.csv"
    rows = ["a,b,c,t"] + [f"{p!r},{q!r},{r!r},{v!r}" for (p, q, r), v in
                          zip(X.tolist(), y.tolist(), strict=True)]  # fmt: skip
    path.write_text("\n".join(rows) + "\n")
    return path, X, y


@pytest.mark.parametrize("mode", ["online", "minibatch"])
def test_train_max_updates_saves_the_weights_of_that_update(tmp_path, mode):
    path, X, y = _csv(tmp_path)
    out = tmp_path / "m.npz"
    r = run("train", path, "--target", "t", "--model", "logistic", "--mode", mode,
            "--batch-size", "7", "--epochs", "4", "--seed", "3", "--max-updates", "11",
            "--out", out, "--quiet")  # fmt: skip
    assert r.exit_code == 0, r.output
    seen = _recorded(_model(neurona.LogisticRegression, {}, mode, backend="auto"), X, y)
    saved = neurona.load(out)
    np.testing.assert_array_equal(np.ravel(saved.coef_), seen[10][0][:, 0])
    np.testing.assert_array_equal(np.ravel(saved.intercept_), seen[10][1])


def test_max_updates_refusals_say_what_to_do(tmp_path):
    path, _, _ = _csv(tmp_path, regression=True)
    common = ("train", path, "--target", "t", "--max-updates", "3")
    cases = {
        ("--model", "linear"): "add --solver gd",
        ("--model", "adaline", "--backend", "numba"): "use --backend numpy",
        ("--model", "adaline", "--stream"): "pass --no-stream",
        ("--model", "adaline", "--scheduler", "local"): "not --scheduler",
    }
    for extra, fix in cases.items():
        r = run(*common, *extra)
        assert r.exit_code == 2, (extra, r.output)
        assert fix in r.output
        assert "--max-updates" in r.output
    assert not (tmp_path / "m.npz").exists()
    r = run(*common[:-1], "0")
    assert r.exit_code == 2
    assert "--max-updates" in r.output


def test_max_updates_speaks_spanish(tmp_path):
    path, _, _ = _csv(tmp_path, regression=True)
    done = run_process("train", path, "--target", "t", "--model", "linear",
                       "--max-updates", "3", lang="es_CO.UTF-8")  # fmt: skip
    assert done.returncode == 2
    assert "cuenta pasos de gradiente" in done.stderr
    assert "añade --solver gd" in done.stderr
    done = run_process("train", "--help", lang="es_CO.UTF-8")
    assert "Para justo después de la N-ésima actualización" in " ".join(done.stdout.split())
