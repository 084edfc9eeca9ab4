"""neurona.plot: regions, curves, traces and animations, checked as files and as numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from sklearn.datasets import load_iris
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.neighbors import KNeighborsClassifier

from neurona import Adaline, LinearRegression, Perceptron, plot
from neurona.bench import Timing
from neurona.errors import DataError, MissingDependencyError, ParameterError


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def iris2():
    """Setosa vs versicolor, sepal length and petal length: the lecture's demo data."""
    iris = load_iris()
    keep = iris.target < 2
    return iris.data[keep][:, [0, 2]], iris.target_names[iris.target[keep]]


def lecture_perceptron_frames(X, y01, epochs):
    """The lecture's NumPy class (error rule), keeping (w, b) after every update."""
    w, b = np.zeros(X.shape[1]), 0.0
    frames = [(w.copy(), b)]
    for _ in range(epochs):
        for xi, yi in zip(X, y01, strict=True):
            err = yi - (1 if xi @ w + b > 0 else 0)
            if err:
                w, b = w + err * xi, b + err
                frames.append((w.copy(), b))
    return frames


# ------------------------------------------------------------------------ boundary line


def test_boundary_segment_vertical_and_horizontal_lines():
    assert plot.boundary_segment([2.0, 0.0], -1.0, (0, 1), (-3, 3)) == ((0.5, -3.0), (0.5, 3.0))
    assert plot.boundary_segment([0.0, 4.0], -2.0, (-1, 1), (0, 1)) == ((-1.0, 0.5), (1.0, 0.5))
    assert plot.boundary_segment([0.0, 0.0], -1.0, (0, 1), (0, 1)) is None
    assert plot.boundary_segment([1.0, 1.0], -10.0, (0, 1), (0, 1)) is None  # misses the box


@given(
    w=st.tuples(st.floats(-5, 5), st.floats(-5, 5)).filter(lambda w: max(map(abs, w)) > 1e-3),
    b=st.floats(-5, 5),
)
def test_boundary_segment_lies_on_the_line_and_on_the_box(w, b):
    box = (-2.0, 3.0)
    seg = plot.boundary_segment(w, b, box, box)
    corners = np.array([[x, y] for x in box for y in box])
    signs = corners @ np.array(w) + b
    if signs.min() < -1e-9 and signs.max() > 1e-9:  # the line crosses the box
        assert seg is not None
    if seg is None:
        return
    for x, y in seg:
        assert abs(w[0] * x + w[1] * y + b) <= 1e-9 * (1 + abs(b) + 5 * max(map(abs, w)))
        on_edge = min(abs(x - box[0]), abs(x - box[1]), abs(y - box[0]), abs(y - box[1]))
        assert on_edge <= 1e-9


# --------------------------------------------------------------------- decision regions


def _legend(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _region_colour_at(ax, x, y):
    image = ax.images[0]
    rgba = image.to_rgba(image.get_array())
    x0, x1, y0, y1 = image.get_extent()
    rows, cols = rgba.shape[:2]
    c = min(int((x - x0) / (x1 - x0) * cols), cols - 1)
    r = min(int((y - y0) / (y1 - y0) * rows), rows - 1)
    return rgba[r, c, :3]


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["setosa", "versicolor", "virginica"]),
        np.array([10, -3, 7]),
        np.array([True, False]),
    ],
    ids=["strings", "ints", "bools"],
)
def test_decision_regions_colours_match_between_regions_points_and_legend(labels):
    iris = load_iris()
    k = len(labels)
    keep = iris.target < k
    X, y = iris.data[keep][:, [2, 3]], labels[iris.target[keep]]
    clf = KNeighborsClassifier(n_neighbors=5).fit(X, y)  # any fitted classifier
    ax = plot.decision_regions(clf, X, y, resolution=120)
    assert _legend(ax) == [str(c) for c in clf.classes_]
    for label, points in zip(clf.classes_, ax.collections, strict=True):
        colour = points.get_facecolor()[0][:3]
        # where the model predicts this class, the region has this point colour (blended)
        mine = X[(y == label) & (clf.predict(X) == label)][0]
        region = _region_colour_at(ax, *mine)
        others = [c.get_facecolor()[0][:3] for c in ax.collections if c is not points]
        assert np.linalg.norm(region - colour) < min(np.linalg.norm(region - o) for o in others)


def test_decision_regions_of_more_than_two_features_fixes_the_others_at_their_means():
    iris = load_iris()
    X, y = iris.data, iris.target_names[iris.target]
    keep = y != "virginica"
    X, y = X[keep], y[keep]
    clf = Perceptron(epochs=20).fit(X, y)
    ax = plot.decision_regions(clf, X, y, features=(2, 3), resolution=80)
    (line,) = ax.lines
    w, b, m = clf.coef_[0], clf.intercept_[0], X.mean(axis=0)
    for x, v in zip(line.get_xdata(), line.get_ydata(), strict=True):
        point = m.copy()
        point[2], point[3] = x, v
        assert point @ w + b == pytest.approx(0.0, abs=1e-9)
    # the image is the model's prediction on the plane through the means
    image = np.asarray(ax.images[0].get_array())
    x0, x1, y0, y1 = ax.images[0].get_extent()
    xs = np.linspace(x0, x1, 81)[:-1] + (x1 - x0) / 160
    probe = np.tile(m, (len(xs), 1))
    probe[:, 2], probe[:, 3] = xs, (y0 + y1) / 2
    expect = (clf.predict(probe) == clf.classes_[1]).astype(int)
    assert image[image.shape[0] // 2].tolist() == pytest.approx(expect.tolist(), abs=0)


def test_decision_regions_fixed_values_move_the_line():
    iris = load_iris()
    X, y = iris.data[:100], iris.target[:100]
    clf = Perceptron(epochs=20).fit(X, y)
    a = plot.decision_regions(clf, X, y, features=(0, 1), resolution=40)
    b = plot.decision_regions(clf, X, y, features=(0, 1), fixed={2: 1.0, 3: 0.2}, resolution=40)
    assert not np.array_equal(a.images[0].get_array(), b.images[0].get_array())


def test_decision_regions_vertical_boundary_is_drawn_without_dividing_by_zero():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = np.array(["left", "right", "left", "right"])
    clf = Perceptron(epochs=10).fit(X, y)
    assert clf.coef_[0, 1] == 0.0  # w₂ = 0: the boundary is vertical
    ax = plot.decision_regions(clf, X, y)
    xs = ax.lines[0].get_xdata()
    assert xs[0] == pytest.approx(xs[1])
    assert xs[0] == pytest.approx(-clf.intercept_[0] / clf.coef_[0, 0])


def test_decision_regions_rejects_bad_input(iris2):
    X, y = iris2
    clf = Perceptron().fit(X, y)
    with pytest.raises(DataError, match="one label per row"):
        plot.decision_regions(clf, X, y[:-1])
    with pytest.raises(ParameterError, match="not columns"):
        plot.decision_regions(clf, X, y, features=(0, 5))


# ---------------------------------------------------------------------- learning curves


def test_learning_curves_overlay_one_line_per_run(iris2):
    X, y = iris2
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    runs = {
        m: Adaline(mode=m, epochs=12, random_state=0, batch_size=16).fit(Xs, y)
        for m in ("online", "random", "batch", "minibatch")
    }
    ax = plot.learning_curves(runs)
    assert [ln.get_label() for ln in ax.lines] == list(runs)
    for line, model in zip(ax.lines, runs.values(), strict=True):
        assert line.get_ydata().tolist() == model.history_["loss"]
        assert line.get_xdata().tolist() == list(range(1, 13))
    ax = plot.learning_curves(list(runs.values()), metric="accuracy")
    assert len(ax.lines) == 4
    with pytest.raises(DataError, match="no 'updates'"):
        plot.learning_curves(runs, metric="updates")


# ------------------------------------------------------------------------ training trace


def test_update_trace_replays_the_lecture_class_step_by_step(iris2):
    X, y = iris2
    trace = plot.trace_training(Perceptron(rule="error", epochs=10), X, y)
    y01 = (y == "versicolor").astype(int)
    frames = lecture_perceptron_frames(X, y01, trace.model.n_iter_)
    assert trace.n_frames == len(frames) == 1 + sum(trace.model.history_["updates"])
    for k, (w, b) in enumerate(frames):
        np.testing.assert_array_equal(trace.coef[k, 0], w)
        assert trace.intercept[k, 0] == b


@pytest.mark.parametrize(
    "model",
    [
        Perceptron(rule="margin", mode="online", shuffle=True, epochs=8, learning_rate=0.5),
        Perceptron(rule="error", mode="random", epochs=5),
        Perceptron(mode="minibatch", batch_size=7, shuffle=True, epochs=6),
        Adaline(mode="online", epochs=3, schedule="invscaling"),
        Adaline(mode="batch", epochs=20, learning_rate=0.01, reduction="sum"),
    ],
    ids=["margin-shuffled", "error-random", "minibatch", "adaline-invscaling", "adaline-batch"],
)
def test_trace_ends_at_the_fitted_weights_and_agrees_with_the_epoch_trace(iris2, model):
    X, y = iris2
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    seeded = model.set_params(random_state=3)
    up = plot.trace_training(seeded, Xs, y, per="update")
    ep = plot.trace_training(seeded, Xs, y, per="epoch")
    np.testing.assert_allclose(up.coef[-1], np.atleast_2d(up.model.coef_), rtol=1e-12)
    np.testing.assert_allclose(up.intercept[-1], up.model.intercept_, rtol=1e-12)
    assert ep.n_frames == ep.model.n_iter_ + 1
    # the weights at the end of each epoch of the update trace are the epoch trace's
    for e in range(1, ep.n_frames):
        last = np.flatnonzero(up.epoch <= e)[-1]
        np.testing.assert_allclose(up.coef[last], ep.coef[e], rtol=1e-10, atol=1e-12)
    assert model.get_params()["callbacks"] is None  # the model given is untouched
    assert not hasattr(model, "coef_")


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
def test_trace_without_a_seed_still_reaches_the_fitted_weights(iris2):
    X, y = iris2
    trace = plot.trace_training(Perceptron(mode="random", epochs=4), X, y)
    np.testing.assert_array_equal(trace.coef[-1], trace.model.coef_)


def test_trace_refuses_closed_form_and_unknown_models(iris2):
    X, y = iris2
    with pytest.raises(ParameterError, match="closed form"):
        plot.trace_training(Adaline(solver="normal"), X, y)
    with pytest.raises(ParameterError, match="cannot trace"):
        plot.trace_training(KNeighborsClassifier(), X, y)


# ---------------------------------------------------------------------------- animation


def test_iris_animation_has_one_frame_per_update_and_ends_on_coef(iris2, tmp_path):
    X, y = iris2
    anim = plot.animate_training(Perceptron(epochs=20), X, y, tmp_path / "iris.gif")
    model = anim.trace.model
    n_updates = sum(model.history_["updates"])
    with Image.open(anim.path) as gif:
        assert gif.format == "GIF"
        assert gif.n_frames == n_updates + 1 == len(anim.frames)
        assert gif.size == anim.size == (576, 384)
    # the last frame's line a·x + c·y + d = 0 is coef_ · x + intercept_ = 0
    a, c, d = anim.lines[-1]
    np.testing.assert_array_equal([a, c], model.coef_[0])
    assert d == model.intercept_[0]
    np.testing.assert_array_equal(anim.lines[0], [0.0, 0.0, 0.0])  # starts at w = 0
    reference = Perceptron(epochs=20).fit(X, y)
    np.testing.assert_array_equal(model.coef_, reference.coef_)


def test_epoch_animation_and_frame_thinning(iris2, tmp_path):
    X, y = iris2
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    anim = plot.animate_training(
        Adaline(epochs=6), Xs, y, tmp_path / "a.gif", per="epoch", dpi=50, resolution=40
    )
    with Image.open(anim.path) as gif:
        assert gif.n_frames == anim.trace.model.n_iter_ + 1 == 7
        assert gif.size == (360, 240)
    thin = plot.animate_training(
        Adaline(epochs=2), Xs, y, tmp_path / "b.gif", max_frames=9, dpi=40, resolution=30
    )
    assert thin.trace.n_frames == 201
    assert thin.frames.tolist() == [0, 25, 50, 75, 100, 125, 150, 175, 200]
    with Image.open(thin.path) as gif:
        assert gif.n_frames == 9
    np.testing.assert_allclose(thin.lines[-1, :2], thin.trace.model.coef_[0], rtol=1e-12)


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
def test_multiclass_and_regression_animations(tmp_path):
    iris = load_iris()
    X, y = iris.data[:, [2, 3]], iris.target_names[iris.target]
    anim = plot.animate_training(
        Perceptron(epochs=3), X, y, tmp_path / "m.gif", dpi=40, resolution=30, max_frames=20
    )
    assert anim.lines.shape == (0, 3)
    with Image.open(anim.path) as gif:
        assert gif.n_frames == len(anim.frames) <= 20
    rng = np.random.default_rng(0)
    Xr = rng.uniform(0, 4, (30, 1))
    yr = 2 * Xr[:, 0] - 1 + rng.normal(0, 0.3, 30)
    anim = plot.animate_training(
        LinearRegression(solver="gd", epochs=2), Xr, yr, tmp_path / "r.gif", dpi=40
    )
    with Image.open(anim.path) as gif:
        assert gif.n_frames == 61


def test_vertical_boundary_animation(tmp_path):
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.2, 0.0], [0.8, 0.0]])  # x₂ = 0: w₂ stays 0
    y = np.array([0, 1, 0, 1])
    anim = plot.animate_training(Perceptron(epochs=10), X, y, tmp_path / "v.gif", dpi=40)
    assert np.all(anim.lines[:, 1] == 0.0)  # w₂ = 0 in every frame
    assert Image.open(anim.path).n_frames == len(anim.frames)


def test_animation_formats(iris2, tmp_path, monkeypatch):
    X, y = iris2
    with pytest.raises(ParameterError, match="'gif' or 'mp4'"):
        plot.animate_training(Perceptron(), X, y, tmp_path / "x.avi")
    monkeypatch.setattr(plot.shutil, "which", lambda _: None)
    with pytest.raises(MissingDependencyError, match="ffmpeg"):
        plot.animate_training(Perceptron(), X, y, tmp_path / "x.mp4")
    assert not list(tmp_path.iterdir())  # nothing half-written


# --------------------------------------------------------------- loss surface, timings


def test_loss_surface_marks_the_least_squares_minimum_and_three_paths(tmp_path):
    rng = np.random.default_rng(1)
    X = rng.uniform(0, 4, (40, 1))
    y = 2 * X[:, 0] - 1 + rng.normal(0, 0.5, 40)
    ax = plot.loss_surface(X, y)
    labels = [ln.get_label() for ln in ax.lines]
    assert len(labels) == 5
    assert labels[0].startswith("batch GD")
    assert labels[2].startswith("SGD")
    star = ax.lines[3]
    sk = SkLinearRegression().fit(X, y)
    assert star.get_xdata()[0] == pytest.approx(sk.coef_[0], rel=1e-9)
    assert star.get_ydata()[0] == pytest.approx(sk.intercept_, rel=1e-9)
    for path in ax.lines[:3]:  # every path starts at (0, 0) and ends near the minimum
        assert (path.get_xdata()[0], path.get_ydata()[0]) == (0.0, 0.0)
        assert path.get_xdata()[-1] == pytest.approx(sk.coef_[0], abs=0.3)
    out = plot.save_figure(ax.figure, tmp_path / "surface.png", dpi=50)
    with Image.open(out) as png:
        assert png.size == (320, 240)


def test_vectorization_chart_and_derivative_error(tmp_path):
    records = [
        Timing("dot", name, 1000, t, t / 10, t, 5, 1, 1e-2 / t, 0.0)
        for name, t in (("for loop", 1e-2), ("numpy", 1e-5))
    ]
    ax = plot.vectorization_timings(records)
    ticks = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert ticks["for loop"] > ticks["numpy"]  # the first record on top
    assert ax.get_xscale() == "log"
    assert any("×1,000" in t.get_text() for t in ax.texts)
    h = np.logspace(-12, -1, 12)
    ax = plot.derivative_error(h, {"forward": h + 1e-16 / h, "central": h**2 + 1e-16 / h})
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert [ln.get_label() for ln in ax.lines] == ["forward", "central"]
    with pytest.raises(DataError):
        plot.vectorization_timings([])


def test_float32_trace_stays_float32_and_ends_at_the_fitted_weights(iris2):
    X, y = iris2
    Xs = ((X - X.mean(axis=0)) / X.std(axis=0)).astype(np.float32)
    trace = plot.trace_training(Adaline(mode="online", epochs=3), Xs, y)
    assert trace.coef.dtype == np.float32
    assert trace.n_frames == 1 + 3 * len(y)  # ADALINE updates on every row
    np.testing.assert_array_equal(trace.coef[-1], trace.model.coef_)
