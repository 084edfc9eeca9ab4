"""The logistic neuron against scikit-learn, and everywhere the registries take it.

* online SGD = ``SGDClassifier(loss="log_loss", penalty=None, learning_rate="constant")``
  to 1e-12, binary and one-vs-rest, with the same ``predict_proba``;
* batch gradient descent (mean) converges to scikit-learn's unpenalised
  ``LogisticRegression`` on overlapping classes;
* the command line, model files, plots and the tour reach it through the registries.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import linear_model as sk
from typer.testing import CliRunner

import neurona
from neurona import LogisticRegression
from neurona.neurons import LOGISTIC


def _classes(seed: int, n: int = 120, k: int = 2):
    """Overlapping (not separable) classes: a logistic model of the labels."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    scores = X @ rng.normal(size=(3, k)) + rng.logistic(size=(n, k))
    y = (scores[:, 0] > 0).astype(int) if k == 2 else scores.argmax(axis=1)
    return X, np.array(["setosa", "versicolor", "virginica"])[y]


def _sgd(eta: float, epochs: int):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # max_iter reached without tol: by design
        return sk.SGDClassifier(
            loss="log_loss", penalty=None, learning_rate="constant", eta0=eta,
            shuffle=False, tol=None, max_iter=epochs,
        )  # fmt: skip


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("eta", [0.01, 0.3])
@pytest.mark.parametrize("epochs", range(1, 11))
def test_online_equals_sgdclassifier_log_loss(epochs, eta, n_classes):
    X, y = _classes(seed=epochs, k=n_classes)
    ours = LogisticRegression(mode="online", learning_rate=eta, epochs=epochs, shuffle=False)
    ours.fit(X, y)
    ref = _sgd(eta, epochs).fit(X, y)
    np.testing.assert_array_equal(ours.classes_, ref.classes_)
    assert_allclose(ours.coef_, ref.coef_, rtol=1e-12, atol=1e-14)
    assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-12, atol=1e-14)
    assert_allclose(ours.predict_proba(X), ref.predict_proba(X), rtol=1e-12, atol=1e-15)
    with np.errstate(divide="ignore"):
        assert_allclose(ours.predict_log_proba(X), ref.predict_log_proba(X), rtol=1e-12)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_batch_gradient_descent_reaches_sklearns_logistic_regression(backend):
    """Mean batch GD on overlapping classes converges to the maximum-likelihood weights."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 3))
    y = (X @ [1.0, -1.5, 0.5] + 0.3 + rng.logistic(size=300) > 0).astype(int)
    # C=inf is scikit-learn 1.9's spelling of penalty=None (deprecated there)
    ref = sk.LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, y)
    ours = LogisticRegression(mode="batch", epochs=2000, backend=backend).fit(X, y)
    assert_allclose(ours.coef_, ref.coef_, atol=1e-6)
    assert_allclose(ours.intercept_, ref.intercept_, atol=1e-6)
    assert ours.history_["loss"][-1] == pytest.approx(
        -np.mean(ref.predict_log_proba(X)[np.arange(300), y]), rel=1e-9
    )


def test_probabilities_are_sigmoids_that_sum_to_one():
    X, y = _classes(seed=3, k=3)
    model = LogisticRegression(epochs=20).fit(X, y)
    P = model.predict_proba(X)
    assert P.shape == (len(X), 3)
    assert_allclose(P.sum(axis=1), 1.0, rtol=1e-15)
    sig = 1 / (1 + np.exp(-model.decision_function(X)))
    assert_allclose(P, sig / sig.sum(axis=1, keepdims=True), rtol=1e-14)
    np.testing.assert_array_equal(model.classes_[P.argmax(axis=1)], model.predict(X))
    binary = LogisticRegression(epochs=20).fit(*_classes(seed=4))
    p = binary.predict_proba(X)
    assert_allclose(p[:, 1], 1 / (1 + np.exp(-binary.decision_function(X))), rtol=1e-14)


def test_sigmoid_and_log_loss_stay_exact_at_extreme_net_inputs():
    """No overflow warnings (the suite turns them into errors) and the right limits."""
    Z = np.array([[-800.0], [-40.0], [0.0], [40.0], [800.0], [np.inf], [-np.inf]])
    T = np.ones_like(Z)
    assert_allclose(LOGISTIC.output(Z)[:, 0], [0, 4.248354255291589e-18, 0.5, 1, 1, 1, 0])
    assert_allclose(LOGISTIC.error(Z, T)[:, 0], [1, 1, 0.5, 4.248354255291589e-18, 0, 0, 1])
    assert_allclose(LOGISTIC.loss(Z, T)[:, 0], [800, 40, np.log(2), 4.248354255291589e-18,
                                               0, 0, np.inf])  # fmt: skip
    assert np.isnan(LOGISTIC.error(np.array([[np.nan]]), np.ones((1, 1)))).all()


def test_auto_step_is_four_times_the_squared_error_step():
    X, y = _classes(seed=5)
    adaline = neurona.Adaline(epochs=1).fit(X, y)
    logistic = LogisticRegression(epochs=1).fit(X, y)
    assert logistic.learning_rate_ == pytest.approx(4 * adaline.learning_rate_)


# --------------------------------------------------------------- through the registries


def test_command_line_trains_predicts_and_evaluates_a_logistic_model(tmp_path):
    from neurona.cli import app

    runner, model = CliRunner(), tmp_path / "m.npz"
    result = runner.invoke(
        app, ["train", "--dataset", "iris-2", "--model", "logistic", "-o", str(model), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = tmp_path / "iris.csv"
    assert runner.invoke(app, ["datasets", "iris-2", "--out", str(data)]).exit_code == 0
    result = runner.invoke(app, ["evaluate", str(model), str(data), "-t", "species", "--json"])
    assert result.exit_code == 0, result.output
    assert '"accuracy": 1.0' in result.output
    help_text = runner.invoke(app, ["train", "--help"]).output
    assert "logistic" in help_text


def test_model_file_round_trip_keeps_probabilities(tmp_path):
    X, y = _classes(seed=6, k=3)
    model = LogisticRegression(epochs=5, mode="minibatch", batch_size=16).fit(X, y)
    loaded = neurona.load(model.save(tmp_path / "m.npz"))
    assert type(loaded) is LogisticRegression
    np.testing.assert_array_equal(loaded.predict_proba(X), model.predict_proba(X))
    assert loaded.history_ == model.history_


def test_plots_trace_and_draw_a_logistic_model(tmp_path):
    from neurona.plot import animate_training, decision_regions, trace_training

    X, y = _classes(seed=7)
    model = LogisticRegression(epochs=3, learning_rate=0.1)
    trace = trace_training(model, X[:, :2], y, per="update")
    assert trace.n_frames == 1 + 3 * len(X)  # every row updates: e = t - σ(z) is never 0
    fitted = model.fit(X[:, :2], y)  # numba, whose dot sums in SIMD lanes: to rounding
    assert_allclose(trace.coef[-1], fitted.coef_, rtol=1e-12)
    assert decision_regions(fitted, X[:, :2], y) is not None
    anim = animate_training(model, X[:, :2], y, tmp_path / "a.gif", per="epoch", dpi=30)
    assert anim.path.exists()


def test_the_tours_neuron_table_lists_it(tmp_path):
    from neurona.tour import run_tour

    report = run_tour(tmp_path, quick=True, sections=["widrow-hoff"])
    page = report.path.read_text(encoding="utf-8")
    for cls in neurona.estimators.ESTIMATORS.values():
        if cls is not neurona.LinearRegression:
            assert f"<td>{cls.__name__}</td>" in page
    assert LOGISTIC.sigma in page


def test_log_probabilities_stay_exact_in_the_tails():
    """log σ(z) = -log(1 + e^{-z}): exact where predict_proba rounds to 0 or 1."""
    X = np.array([[0.0], [1.0]])
    model = LogisticRegression(epochs=1, learning_rate=1.0).fit(X, [0, 1])
    w, b = model.coef_[0, 0], model.intercept_[0]
    z = 40.0
    far = np.array([[(z - b) / w]])
    assert_allclose(model.predict_log_proba(far), [[-z, -np.exp(-z)]], rtol=1e-9)
    np.testing.assert_array_equal(model.predict_proba(far), [[0.0, 1.0]])  # 1 - p, as sklearn


def test_one_vs_rest_probabilities_sum_to_one_where_every_sigmoid_underflows():
    X, y = _classes(seed=8, k=3)
    model = LogisticRegression(epochs=5).fit(X, y)
    far = np.linalg.solve(model.coef_, -1000.0 - model.intercept_)[None, :]  # every z = -1000
    assert_allclose(model.decision_function(far), -1000.0)
    P = model.predict_proba(far)
    assert np.isfinite(P).all()
    assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_array_equal(model.classes_[P.argmax(axis=1)], model.predict(far))
