"""``track_accuracy=False`` (issue 14): a classifier's fit counts no accuracy, so it reads X
once per epoch, and trains the same weights, bit for bit, as with the accuracy counted."""

from __future__ import annotations

import numpy as np
import pytest

from neurona import Adaline, LogisticRegression, Perceptron, load
from neurona.backends import get_backend
from neurona.errors import ParameterError

CLASSIFIERS = [Perceptron, Adaline, LogisticRegression]
pytestmark = pytest.mark.filterwarnings(
    "ignore::neurona.errors.SeparabilityWarning", "ignore::neurona.errors.SortedDataWarning"
)


def _data(n_classes: int, n: int = 120, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 5))
    scores = X @ rng.standard_normal((5, n_classes)) + 0.5 * rng.standard_normal((n, n_classes))
    y = scores.argmax(axis=1) if n_classes > 2 else (scores[:, 0] > 0).astype(int)
    return X, y


def _kwargs(cls, mode: str, backend: str) -> dict:
    kw = {"mode": mode, "epochs": 4, "backend": backend, "shuffle": True, "random_state": 3}
    if cls is not Perceptron:
        kw["learning_rate"] = 0.01
    return kw


@pytest.mark.parametrize("backend", ["numpy", "numba"])
@pytest.mark.parametrize("mode", ["online", "minibatch", "batch"])
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("cls", CLASSIFIERS)
def test_the_same_fit_without_the_accuracy(cls, n_classes, mode, backend):
    X, y = _data(n_classes)
    kw = _kwargs(cls, mode, backend)
    on = cls(**kw).fit(X, y)
    off = cls(**kw, track_accuracy=False).fit(X, y)
    np.testing.assert_array_equal(off.coef_, on.coef_)
    np.testing.assert_array_equal(off.intercept_, on.intercept_)
    assert (off.n_iter_, off.t_) == (on.n_iter_, on.t_)
    assert "accuracy" not in off.history_
    assert len(on.history_["accuracy"]) == on.n_iter_
    assert off.history_ == {k: v for k, v in on.history_.items() if k != "accuracy"}
    np.testing.assert_array_equal(off.predict(X), on.predict(X))


def _spy(monkeypatch, backend: str) -> list[str]:
    """Record every count of the accuracy the backend is asked for: ``count_correct``
    passes, and epochs asked to count their starting weights' accuracy."""
    module = get_backend(backend)
    seen: list[str] = []
    count, run_epoch = module.count_correct, module.run_epoch

    def counting(*args, **kwargs):
        seen.append("count_correct")
        return count(*args, **kwargs)

    def epoch(*args, count_start=False, **kwargs):
        if count_start:
            seen.append("run_epoch(count_start=True)")
        return run_epoch(*args, count_start=count_start, **kwargs)

    monkeypatch.setattr(module, "count_correct", counting)
    monkeypatch.setattr(module, "run_epoch", epoch)
    runner = getattr(module, "epoch_runner", None)
    if runner is not None:

        def prepared(*args, **kwargs):
            run = runner(*args, **kwargs)
            if run is None:
                return None

            def each(plan, schedule, t0, count_start=False):
                if count_start:
                    seen.append("epoch(count_start=True)")
                return run(plan, schedule, t0, count_start)

            return each

        monkeypatch.setattr(module, "epoch_runner", prepared)
    return seen


@pytest.mark.parametrize("backend", ["numpy", "numba"])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_nothing_is_counted(backend, n_classes, monkeypatch):
    X, y = _data(n_classes)
    seen = _spy(monkeypatch, backend)
    Perceptron(epochs=5, backend=backend).fit(X, y)  # the spy sees the counts it is to see
    assert "count_correct" in seen
    if backend == "numba":
        assert "epoch(count_start=True)" in seen
    seen.clear()
    clf = Perceptron(epochs=5, backend=backend, track_accuracy=False).fit(X, y)
    clf.partial_fit(X[:60], y[:60])
    Adaline(epochs=3, backend=backend, mode="minibatch", track_accuracy=False).fit(X, y)
    assert seen == []


def test_partial_fit_streams_without_a_second_pass(monkeypatch):
    X, y = _data(3, n=300)
    seen = _spy(monkeypatch, "numba")
    clf = Perceptron(backend="numba", track_accuracy=False)
    for start in range(0, 300, 100):
        clf.partial_fit(X[start : start + 100], y[start : start + 100], classes=[0, 1, 2])
    assert seen == []
    assert set(clf.history_) == {"loss", "updates"}
    assert len(clf.history_["loss"]) == 3


@pytest.mark.parametrize("how", ["partial_fit", "warm_start"])
@pytest.mark.parametrize("first", [True, False])
def test_a_continued_run_keeps_the_setting(how, first):
    X, y = _data(2)
    clf = Perceptron(epochs=3, track_accuracy=first, warm_start=how == "warm_start")
    clf.partial_fit(X, y, classes=[0, 1]) if how == "partial_fit" else clf.fit(X, y)
    coef, history = clf.coef_.copy(), {k: list(v) for k, v in clf.history_.items()}
    clf.set_params(track_accuracy=not first)
    with pytest.raises(ParameterError, match="keep the same track_accuracy"):
        clf.partial_fit(X, y) if how == "partial_fit" else clf.fit(X, y)
    np.testing.assert_array_equal(clf.coef_, coef)  # nothing trained, nothing lost
    assert clf.history_ == history
    clf.set_params(track_accuracy=first)  # back to the setting it started with: it goes on
    clf.partial_fit(X, y) if how == "partial_fit" else clf.fit(X, y)
    assert all(len(v) == len(history["loss"]) + (1 if how == "partial_fit" else 3)
               for v in clf.history_.values())  # fmt: skip


def test_a_new_fit_may_change_it():
    X, y = _data(2)
    clf = Perceptron(epochs=2).fit(X, y)
    clf.set_params(track_accuracy=False)
    assert set(clf.fit(X, y).history_) == {"loss", "updates"}


@pytest.mark.parametrize("value", ["yes", 2, None, "False"])
def test_only_true_or_false(value):
    X, y = _data(2)
    with pytest.raises(ParameterError, match="track_accuracy"):
        Perceptron(track_accuracy=value).fit(X, y)


def test_closed_form_history_follows_it():
    X, y = _data(3)
    on = Adaline(solver="normal").fit(X, y)
    off = Adaline(solver="normal", track_accuracy=False).fit(X, y)
    np.testing.assert_array_equal(off.coef_, on.coef_)
    assert set(off.history_) == {"loss"}
    assert off.history_["loss"] == on.history_["loss"]


def test_a_saved_model_keeps_it(tmp_path):
    X, y = _data(3)
    clf = Perceptron(epochs=3, track_accuracy=False).fit(X, y)
    clf.save(tmp_path / "m.json")
    back = load(tmp_path / "m.json")
    assert back.get_params()["track_accuracy"] is False
    assert back.history_ == clf.history_
    back.partial_fit(X, y)  # goes on without the accuracy
    assert set(back.history_) == {"loss", "updates"}


def test_a_refused_continuation_changes_nothing():
    """A partial_fit refused for a changed track_accuracy leaves every attribute as it was
    (learning_rate="auto" would have taken the new rows' smaller step), so going on with
    the first setting trains as if the refused call had never been made."""
    X, y = _data(2)
    big = 30.0 * X[:40]  # rows whose safe step is smaller than the fit's
    clf = LogisticRegression(epochs=2, random_state=0).fit(X, y)
    twin = LogisticRegression(epochs=2, random_state=0).fit(X, y)
    before = clf.learning_rate_
    clf.set_params(track_accuracy=False)
    with pytest.raises(ParameterError, match="keep the same track_accuracy"):
        clf.partial_fit(big, y[:40])
    assert clf.learning_rate_ == before
    clf.set_params(track_accuracy=True)
    clf.partial_fit(X, y)
    twin.partial_fit(X, y)
    np.testing.assert_array_equal(clf.coef_, twin.coef_)
    assert clf.learning_rate_ == twin.learning_rate_
    assert clf.history_ == twin.history_


@pytest.mark.parametrize("value", [0, 1])
def test_zero_and_one_save_as_fit_reads_them(tmp_path, value):
    """track_accuracy=0 fits without the accuracy (as False), so its file saves and loads
    (it was refused: "it holds classes_ but its history has no accuracy")."""
    X, y = _data(3)
    clf = Perceptron(epochs=2, track_accuracy=value).fit(X, y)
    assert ("accuracy" in clf.history_) is bool(value)
    clf.save(tmp_path / "m.json")
    back = load(tmp_path / "m.json")
    assert back.history_ == clf.history_
    back.partial_fit(X, y)
    assert set(back.history_) == set(clf.history_)


def test_an_older_model_file_goes_on_with_the_accuracy(tmp_path, monkeypatch):
    """A file written before track_accuracy (no such hyperparameter) loads with it on,
    and a continued run records the accuracy as before."""
    from neurona import estimators

    saved = estimators._saved_params

    def without(est):
        params = saved(est)
        del params["track_accuracy"]
        return params

    X, y = _data(2)
    clf = Perceptron(epochs=2).fit(X, y)
    monkeypatch.setattr(estimators, "_saved_params", without)
    clf.save(tmp_path / "old.json")
    monkeypatch.undo()
    back = load(tmp_path / "old.json")
    assert back.track_accuracy is True
    back.partial_fit(X, y)
    assert len(back.history_["accuracy"]) == 3


def test_an_older_pipeline_file_goes_on(tmp_path):
    """A skops pipeline saved before track_accuracy holds an estimator without the
    attribute: it loads with the default (get_params, clone, partial_fit work; they
    raised AttributeError)."""
    pytest.importorskip("skops")
    from sklearn.base import clone
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from neurona.pipeline import load_pipeline, save_pipeline

    X, y = _data(2)
    pipe = make_pipeline(StandardScaler(), LogisticRegression(epochs=2)).fit(X, y)
    del pipe[-1].__dict__["track_accuracy"]  # what an older neurona wrote
    save_pipeline(pipe, tmp_path / "old.skops")
    back = load_pipeline(tmp_path / "old.skops")
    assert back[-1].get_params()["track_accuracy"] is True
    assert clone(back).get_params()["logisticregression__track_accuracy"] is True
    back[-1].partial_fit(StandardScaler().fit_transform(X), y)
    assert len(back[-1].history_["accuracy"]) == 3
