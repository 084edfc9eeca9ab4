"""The training loop: stopping, divergence, history, warm starts, callbacks, dtypes."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris, make_regression
from sklearn.preprocessing import StandardScaler

from neurona import Adaline, LinearRegression, Perceptron
from neurona.errors import (
    ConvergenceWarning,
    DivergenceError,
    ParameterError,
    SeparabilityWarning,
    SortedDataWarning,
)

pytestmark = pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")


def regression(n=200, m=4, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    return X, X @ rng.normal(size=m) + 1.0 + rng.normal(scale=0.1, size=n)


def iris_setosa_versicolor():
    X, y = load_iris(return_X_y=True)
    keep = y < 2
    return X[keep][:, [0, 2]], y[keep]


def test_diverging_run_raises_and_keeps_last_finite_weights():
    X, y = regression()
    Xa = np.column_stack([X, np.ones(len(X))])
    eta = 11.0 / np.linalg.eigvalsh(Xa.T @ Xa / len(X))[-1]  # error grows ~10x per epoch
    seen = []
    reg = LinearRegression(
        solver="gd",
        mode="batch",
        learning_rate=eta,
        epochs=2000,
        callbacks=[lambda info: seen.append(info)],
    )
    with pytest.raises(DivergenceError, match=r"epoch (\d+).*learning_rate=") as err:
        reg.fit(X, y)
    assert np.isfinite(reg.coef_).all()
    assert np.isfinite(reg.intercept_)
    epoch = int(err.value.args[0].split("epoch ")[1].split(":")[0])
    assert len(seen) == epoch - 1  # every finished epoch was reported, the failing one not
    assert epoch <= 10  # stopped while blowing up, long before anything overflows
    assert "diverging" in str(err.value)
    assert_array_equal(reg.coef_, seen[-1].coef[0])
    assert reg.coef_.dtype == np.float64


def test_tol_stops_early_and_epoch_limit_warns():
    X, y = regression()
    reg = LinearRegression(solver="gd", learning_rate=0.01, epochs=500, tol=1e-6).fit(X, y)
    assert reg.n_iter_ < 500
    assert len(reg.history_["loss"]) == reg.n_iter_
    with pytest.warns(ConvergenceWarning, match="epochs=3"):
        LinearRegression(solver="gd", learning_rate=1e-4, epochs=3, tol=1e-9).fit(X, y)


def test_tol_none_runs_every_epoch_like_the_lecture():
    X, y = regression()
    reg = LinearRegression(solver="gd", learning_rate=0.01, epochs=37).fit(X, y)
    assert reg.n_iter_ == 37 == len(reg.history_["loss"])


def test_perceptron_stops_once_an_epoch_makes_no_update():
    X, y = iris_setosa_versicolor()
    clf = Perceptron(epochs=1000).fit(X, y)
    assert clf.n_iter_ < 1000
    assert clf.history_["updates"][-1] == 0
    assert all(u > 0 for u in clf.history_["updates"][:-1])
    assert clf.score(X, y) == 1.0
    assert clf.history_["accuracy"][-1] == 1.0


@pytest.mark.parametrize("backend", ["numpy", "numba"])
@pytest.mark.parametrize("mode", ["online", "random", "batch"])
@pytest.mark.parametrize("multiclass", [False, True])
def test_history_accuracy_is_that_of_the_weights_at_each_epochs_end(backend, mode, multiclass):
    """Recomputed from the weights each callback saw: the backend's count, and the value
    recorded without a second pass when a full epoch made no update."""
    X, y = load_iris(return_X_y=True)
    if not multiclass:
        X, y = iris_setosa_versicolor()
    seen = []
    clf = Perceptron(
        mode=mode, epochs=40, backend=backend, random_state=0, callbacks=[seen.append]
    ).fit(X, y)
    expected = []
    for info in seen:
        z = X @ info.coef.T + info.intercept
        pred = clf.classes_[z.argmax(axis=1)] if multiclass else clf.classes_[(z[:, 0] > 0) * 1]
        expected.append(float(np.mean(pred == y)))
    assert clf.history_["accuracy"] == expected
    if not multiclass and mode != "random":
        assert clf.history_["updates"][-1] == 0
        assert expected[-1] == 1.0


@pytest.mark.parametrize("mode", ["online", "minibatch", "batch"])
@pytest.mark.parametrize("multiclass", [False, True])
@pytest.mark.parametrize("est", [Perceptron, Adaline])
def test_numba_counts_accuracy_in_the_next_epochs_pass(est, multiclass, mode, monkeypatch):
    """Without callbacks the numba backend counts an epoch's accuracy during the next
    epoch (and the last one in a pass of its own): the history equals NumPy's."""
    import neurona.backends.numba as compiled

    passes = []
    counted = compiled.count_correct
    monkeypatch.setattr(compiled, "count_correct", lambda *a: passes.append(1) or counted(*a))
    X, y = load_iris(return_X_y=True)
    if not multiclass:
        X, y = iris_setosa_versicolor()
    X = StandardScaler().fit_transform(X)
    kw = {"mode": mode, "epochs": 7, "shuffle": True, "random_state": 1, "batch_size": 16}
    if est is Adaline:
        kw["learning_rate"] = 0.01
    ref = est(**kw, backend="numpy").fit(X, y)
    fast = est(**kw, backend="numba").fit(X, y)
    assert len(fast.history_["accuracy"]) == len(fast.history_["loss"]) == ref.n_iter_
    assert fast.history_["accuracy"] == ref.history_["accuracy"]
    assert_allclose(fast.history_["loss"], ref.history_["loss"], rtol=1e-9)
    assert len(passes) <= 1  # at most the last epoch's, not one per epoch


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_numba_run_does_not_depend_on_callbacks(dtype):
    """A callback turns off the in-pass accuracy count; the arithmetic must not change."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(3000, 37)).astype(dtype)
    y = (X @ rng.normal(size=37) + rng.normal(size=3000) > 0).astype(int)
    kw = {"epochs": 6, "backend": "numba", "learning_rate": 0.1}
    plain = Perceptron(**kw).fit(X, y)
    watched = Perceptron(**kw, callbacks=[lambda info: None]).fit(X, y)
    assert_array_equal(watched.coef_, plain.coef_)
    assert watched.history_ == plain.history_


def test_auto_partial_fit_stays_on_the_backend_it_started_on(monkeypatch):
    import neurona.backends.numba as compiled

    calls = []
    runner = compiled.epoch_runner  # the training loop's way into the compiled epochs
    monkeypatch.setattr(compiled, "epoch_runner",
                        lambda *a, **k: calls.append(1) or runner(*a, **k))  # fmt: skip
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1500, 100))
    y = (X[:, 0] > 0).astype(int)
    clf = Perceptron().partial_fit(X, y, classes=[0, 1])  # 150 000 values: numba
    clf.partial_fit(X[:10], y[:10])  # a small chunk continues on numba
    assert len(calls) == 2


def test_history_loss_is_the_running_loss_of_the_epoch():
    """Batch mode sees every row with the same weights: its loss is exactly L(w_epoch)."""
    X, y = regression(n=50)
    snapshots = []
    reg = LinearRegression(
        solver="gd",
        mode="batch",
        learning_rate=0.1,
        epochs=5,
        callbacks=[lambda info: snapshots.append((info.coef[0], info.intercept[0]))],
    ).fit(X, y)
    w, b = np.zeros(X.shape[1]), 0.0
    for epoch in range(5):
        assert_allclose(reg.history_["loss"][epoch], np.mean((X @ w + b - y) ** 2) / 2)
        w, b = snapshots[epoch]


def test_warm_start_and_partial_fit_continue_the_same_run():
    X, y = regression()
    kw = dict(
        solver="gd", learning_rate=0.01, schedule="invscaling", random_state=0, mode="random"
    )
    full = LinearRegression(epochs=6, **kw).fit(X, y)
    warm = LinearRegression(epochs=2, warm_start=True, **kw)
    for _ in range(3):
        warm.fit(X, y)
    assert_allclose(warm.coef_, full.coef_, rtol=1e-12)
    part = LinearRegression(**kw)
    for _ in range(6):
        part.partial_fit(X, y)
    assert_allclose(part.coef_, full.coef_, rtol=1e-12)
    assert part.t_ == full.t_ == 6 * len(X)
    assert len(part.history_["loss"]) == 6


def test_partial_fit_classifier_needs_classes_first_then_accepts_subsets():
    X, y = iris_setosa_versicolor()
    clf = Perceptron()
    with pytest.raises(ValueError, match="classes must be passed"):
        clf.partial_fit(X, y)
    clf.partial_fit(X[:10], y[:10], classes=[0, 1])
    clf.partial_fit(X[y == 1][:5], y[y == 1][:5])
    with pytest.raises(ValueError, match=r"labels \[7\] not seen"):
        clf.partial_fit(X[:3], [0, 1, 7])


def test_callback_returning_true_stops_training():
    X, y = regression()
    reg = LinearRegression(
        solver="gd", learning_rate=0.01, epochs=50, callbacks=[lambda info: info.epoch == 4]
    ).fit(X, y)
    assert reg.n_iter_ == 4


@pytest.mark.parametrize("est", [Perceptron(), Adaline(), LinearRegression(solver="gd")])
def test_float32_stays_float32(est):
    X, y = iris_setosa_versicolor()
    X32 = X.astype(np.float32)
    est.fit(X32, y)
    assert est.coef_.dtype == np.float32
    assert np.asarray(est.intercept_).dtype == np.float32
    assert est.predict(X32).dtype == (np.float32 if isinstance(est, LinearRegression) else y.dtype)


def test_multiclass_is_one_vs_rest_of_binary_neurons():
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    kw = dict(epochs=50, shuffle=True, random_state=0)  # iris rows are sorted by class
    ova = Adaline(**kw).fit(X, labels)
    for k, name in enumerate(ova.classes_):
        binary = Adaline(**kw).fit(X, labels == name)
        assert_allclose(ova.coef_[k], binary.coef_[0], rtol=1e-12)
    assert ova.score(X, labels) > 0.8
    assert ova.decision_function(X).shape == (150, 3)


def test_random_mode_is_reproducible_and_seed_dependent():
    X, y = iris_setosa_versicolor()
    a = Perceptron(mode="random", random_state=5, epochs=3).fit(X, y)
    b = Perceptron(mode="random", random_state=5, epochs=3).fit(X, y)
    c = Perceptron(mode="random", random_state=6, epochs=3).fit(X, y)
    assert_array_equal(a.coef_, b.coef_)
    assert not np.array_equal(a.coef_, c.coef_)
    rng = np.random.default_rng(5)
    d = Perceptron(mode="random", random_state=rng, epochs=3).fit(X, y)
    assert_array_equal(a.coef_, d.coef_)


def test_gradient_descent_fits_scikit_learn_regression_check_data():
    """The data set of scikit-learn's check_regressors_train, through solver='gd'."""
    X, y = make_regression(
        n_samples=200, n_features=10, n_informative=1, bias=5.0, noise=20, random_state=42
    )
    X = StandardScaler().fit_transform(X)
    y = StandardScaler().fit_transform(y[:, None])[:, 0]
    gd = LinearRegression(solver="gd", mode="batch", epochs=500).fit(X, y)
    exact = LinearRegression(solver="lstsq").fit(X, y)
    assert gd.score(X, y) > 0.5
    assert_allclose(gd.coef_, exact.coef_, atol=1e-4)


def test_auto_learning_rate_survives_unscaled_features():
    rng = np.random.default_rng(0)
    X = rng.normal(loc=100, size=(30, 2))
    y = rng.integers(0, 2, size=30)
    for mode in ("online", "batch", "minibatch", "random"):
        for reduction in ("sum", "mean"):
            est = Adaline(mode=mode, reduction=reduction, batch_size=7).fit(X, y)
            assert np.isfinite(est.coef_).all()
    with pytest.raises(DivergenceError):
        Adaline(learning_rate=0.01).fit(X, y)


def test_separability_warning_only_when_mistakes_remain():
    X, y = iris_setosa_versicolor()
    with pytest.warns(SeparabilityWarning):
        Perceptron(epochs=1).fit(X, y)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", SortedDataWarning)  # the lecture's order, on purpose
        Perceptron(epochs=100).fit(X, y)


def test_on_update_reports_every_update_of_the_numpy_backend():
    X, y = iris_setosa_versicolor()
    seen = []
    clf = Perceptron(epochs=20).fit(X, y, on_update=lambda W, b: seen.append((W.copy(), b.copy())))
    assert len(seen) == sum(clf.history_["updates"])
    assert_array_equal(seen[-1][0].T, clf.coef_)
    assert_array_equal(seen[-1][1], clf.intercept_)
    with pytest.raises(ParameterError, match="backend='numpy'"):
        Perceptron(backend="numba").fit(X, y, on_update=print)
    with pytest.raises(ParameterError, match="closed form"):
        LinearRegression().fit(X, y, on_update=print)


# ------------------------------------------------------------------------------ device


@pytest.mark.parametrize("est", [Perceptron, Adaline, LinearRegression])
def test_torch_device_cpu_trains_like_numpy(est):
    pytest.importorskip("torch")
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    kw = {"epochs": 8, "mode": "minibatch", "batch_size": 16}
    if est is LinearRegression:
        kw["solver"], y = "gd", X[:, 0] * 2 + 1
    ref = est(**kw).fit(X, y)
    dev = est(**kw, backend="torch", device="cpu").fit(X, y)
    assert isinstance(dev.coef_, np.ndarray)
    assert_allclose(dev.coef_, ref.coef_, rtol=1e-9, atol=1e-12)
    assert dev.history_.keys() == ref.history_.keys()
    if "accuracy" in ref.history_:
        assert dev.history_["accuracy"] == ref.history_["accuracy"]


def test_device_needs_the_torch_backend_and_a_known_device():
    pytest.importorskip("torch")
    X, y = iris_setosa_versicolor()
    with pytest.raises(ParameterError, match="needs backend='torch'"):
        Perceptron(backend="numba", device="cpu").fit(X, y)
    with pytest.raises(ParameterError, match="not a torch device name"):
        Perceptron(backend="torch", device="gpu0").fit(X, y)
    with pytest.raises(ParameterError, match="must be a string"):
        Perceptron(backend="torch", device=0).fit(X, y)
    with pytest.raises(ParameterError, match="'cpu' or 'cuda' devices, not 'meta'"):
        Perceptron(backend="torch", device="meta").fit(X, y)


def test_device_takes_reversed_targets_and_traces_per_update():
    pytest.importorskip("torch")
    from neurona.plot import trace_training

    X, y = regression()
    reg = LinearRegression(solver="gd", epochs=3, backend="torch", device="cpu")
    reg.fit(X[::-1], y[::-1])  # negative strides: copied, not refused by torch
    ref = LinearRegression(solver="gd", epochs=3).fit(X[::-1], y[::-1])
    assert_allclose(reg.coef_, ref.coef_, rtol=1e-9)
    Xc, yc = iris_setosa_versicolor()
    trace = trace_training(Perceptron(backend="torch", device="cpu"), Xc, yc, per="update")
    assert len(trace.epoch) > 1


def test_cuda_device_without_cuda_is_refused_in_words():
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    X, y = iris_setosa_versicolor()
    with pytest.raises(ParameterError, match="sees no CUDA device"):
        Perceptron(backend="auto", device="cuda").fit(X, y)


def test_cuda_device_trains_like_numpy():
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device here")
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X).astype(np.float32)
    kw = {"epochs": 8, "mode": "minibatch", "batch_size": 16}
    ref = Perceptron(**kw).fit(X, y)
    dev = Perceptron(**kw, backend="torch", device="cuda").fit(X, y)
    assert_allclose(dev.coef_, ref.coef_, rtol=1e-4, atol=1e-4)


def test_default_backend_is_compiled_at_every_size(monkeypatch):
    import neurona.backends.numba as compiled

    calls = []
    runner = compiled.epoch_runner  # the training loop's way into the compiled epochs

    def counting(*a, **k):
        epoch = runner(*a, **k)
        return lambda *e: calls.append(1) or epoch(*e)

    monkeypatch.setattr(compiled, "epoch_runner", counting)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1200, 100))
    y = (X[:, 0] > 0).astype(int)
    assert Perceptron().backend == "auto"
    Perceptron(epochs=2).fit(X, y)
    assert len(calls) == 2
    Perceptron(epochs=2).fit(X[:5], y[:5])  # a lecture-sized example: compiled too
    assert len(calls) == 4
    seen = []  # per-update hooks need the reference: auto takes it
    Perceptron(epochs=1).fit(X, y, on_update=lambda W, b: seen.append(1))
    assert len(calls) == 4
    assert len(seen) > 0
