"""Honest pictures with more than two features: the held values written on the figure,
the drawn features chosen (``features``, ``fixed``, ``--plot-features``), column names on
the axes, animations from data files with the row of each update ringed.

References: the means and the model's own predictions recomputed here, and the lecture's
margin-rule perceptron written here, row by row.
"""

from __future__ import annotations

import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from matplotlib.text import Text
from PIL import Image

import neurona.plot
from helpers import run
from neurona import Perceptron, plot
from neurona.data import load_dataset
from neurona.errors import ParameterError, SeparabilityWarning


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def iris():
    ds = load_dataset("iris")
    return ds.X, np.asarray(ds.y), list(ds.feature_names)


@pytest.fixture(scope="module")
def iris_csv(tmp_path_factory, iris):
    X, y, names = iris
    path = tmp_path_factory.mktemp("plots") / "iris.csv"
    pacsv.write_csv(pa.table({n: X[:, j] for j, n in enumerate(names)} | {"species": y}), path)
    return path


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def held(fig) -> dict[str, tuple[float, str]]:
    """``name -> (value, why)`` from the figure's held-values note."""
    notes = [t for t in texts(fig) if t.startswith(("held: ", "fijas: "))]
    assert len(notes) == 1, texts(fig)
    pairs = re.findall(r"([\w ()]+?) = ([-\d.e+]+) \((\w+)\)", notes[0].split(": ", 1)[1])
    return {name.strip(", "): (float(v), why) for name, v, why in pairs}


def fitted(X, y):
    """A perceptron; iris is not separable, and that warning is not the point here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparabilityWarning)
        return Perceptron(epochs=30, shuffle=True, random_state=0).fit(X, y)


def test_iris_figure_states_the_values_held_for_the_hidden_features(iris):
    X, y, names = iris
    clf = fitted(X, y)
    ax = plot.decision_regions(clf, X, y, feature_names=names, resolution=60)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("sepal_length", "sepal_width")
    note = held(ax.figure)
    assert set(note) == {"petal_length", "petal_width"}
    for j in (2, 3):
        value, why = note[names[j]]
        assert why == "mean"
        assert value == pytest.approx(X[:, j].mean(), rel=1e-3)  # 4 significant digits


def test_two_features_need_no_note(iris):
    X, y, _ = iris
    X2 = X[:, [2, 3]]
    ax = plot.decision_regions(fitted(X2, y), X2, y, resolution=40)
    assert not [t for t in texts(ax.figure) if t.startswith("held")]


def test_fixed_values_are_honoured_and_the_free_columns_drawn(iris):
    X, y, names = iris
    keep = y != "setosa"
    Xb, yb = X[keep], y[keep]
    clf = fitted(Xb, yb)
    ax = plot.decision_regions(clf, Xb, yb, fixed={0: 5.0, 1: 3.0}, feature_names=names,
                               resolution=50)  # fmt: skip
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("petal_length", "petal_width")
    assert held(ax.figure) == {"sepal_length": (5.0, "fixed"), "sepal_width": (3.0, "fixed")}
    # the points drawn are the rows' petal columns
    drawn = np.vstack([c.get_offsets() for c in ax.collections])
    np.testing.assert_allclose(np.sort(drawn, axis=0), np.sort(Xb[:, [2, 3]], axis=0))
    # the line is the model's boundary on the plane sepal_length = 5, sepal_width = 3
    (line,) = ax.lines
    w, b = clf.coef_[0], clf.intercept_[0]
    for u, v in zip(line.get_xdata(), line.get_ydata(), strict=True):
        assert np.array([5.0, 3.0, u, v]) @ w + b == pytest.approx(0.0, abs=1e-9)
    # the regions are the model's predictions on that plane
    image = np.asarray(ax.images[0].get_array())
    x0, x1, y0, y1 = ax.images[0].get_extent()
    xs = np.linspace(x0, x1, 51)[:-1] + (x1 - x0) / 100
    ys = np.linspace(y0, y1, 51)[:-1] + (y1 - y0) / 100
    for r in (5, 25, 45):
        probe = np.column_stack([np.full(50, 5.0), np.full(50, 3.0), xs, np.full(50, ys[r])])
        expect = (clf.predict(probe) == clf.classes_[1]).astype(int)
        assert image[r].tolist() == expect.tolist()


def test_inconsistent_fixed_values_are_refused_in_words(iris):
    X, y, _ = iris
    clf = fitted(X, y)
    with pytest.raises(ParameterError, match=r"column 0 is drawn .* and also fixed at 5"):
        plot.decision_regions(clf, X, y, features=(0, 2), fixed={0: 5.0})
    with pytest.raises(ParameterError, match="leaving 1 to draw"):
        plot.decision_regions(clf, X, y, fixed={0: 5.0, 1: 3.0, 2: 1.0})
    with pytest.raises(ParameterError, match=r"fixed names column 7, but X has 4 columns"):
        plot.decision_regions(clf, X, y, fixed={7: 1.0})
    with pytest.raises(ParameterError, match="finite"):
        plot.decision_regions(clf, X, y, fixed={3: float("nan")})


def test_table_column_names_label_the_axes(iris):
    X, y, names = iris
    table = pa.table({n: X[:, j] for j, n in enumerate(names)})
    clf = fitted(X, y)  # fitted on an array: the names come from the table drawn
    ax = plot.decision_regions(clf, table, y, features=(2, 3), resolution=40)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("petal_length", "petal_width")
    assert set(held(ax.figure)) == {"sepal_length", "sepal_width"}


def test_spanish_words_on_the_figure(iris):
    X, y, names = iris
    ax = plot.decision_regions(fitted(X, y), X, y, feature_names=names, resolution=40,
                               lang="es")  # fmt: skip
    assert ax.get_legend().get_title().get_text() == "clase"
    assert {why for _, why in held(ax.figure).values()} == {"media"}
    with pytest.raises(ParameterError, match="lang"):
        plot.decision_regions(fitted(X, y), X, y, lang="fr")


# --------------------------------------------------------------------------- animation


def lecture_margin_rule_rows(X, s, epochs):
    """The lecture's pseudo-code (w = 0; if s·(w·x + b) <= 0: w += s·x, b += s): the row of
    every update, in order."""
    w, b, rows = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        for i in range(len(X)):
            if s[i] * (X[i] @ w + b) <= 0:
                w, b = w + s[i] * X[i], b + s[i]
                rows.append(i)
    return rows


def test_animation_rings_the_row_of_each_update(iris, tmp_path, monkeypatch):
    X, y, _ = iris
    keep = y != "virginica"
    X2, y2 = X[keep][:, [0, 2]], y[keep]
    frames = []
    original = neurona.plot._Scene._set

    def spy(scene, k):
        original(scene, k)
        frames.append((k, scene.title.get_text(), np.asarray(scene.ring.get_data(), float)))

    monkeypatch.setattr(neurona.plot._Scene, "_set", spy)
    anim = plot.animate_training(Perceptron(epochs=10), X2, y2, tmp_path / "a.gif", dpi=30)
    expected = lecture_margin_rule_rows(X2, np.where(y2 == "versicolor", 1, -1), 10)
    assert anim.trace.rows[0] == -1
    assert anim.trace.rows[1:].tolist() == expected
    assert len(frames) == anim.trace.n_frames == len(expected) + 1
    for k, title, ring in frames[1:]:
        row = expected[k - 1]
        assert title.endswith(f" · row {row}")
        np.testing.assert_allclose(ring.ravel(), X2[row])
    assert frames[0][2].size == 0  # the start: no ring


def test_animation_of_four_features_holds_and_states_the_others(iris, tmp_path, monkeypatch):
    X, y, names = iris
    figures = []
    original = neurona.plot._Scene.render

    def spy(scene, shown):
        figures.append(scene.ax.figure)
        return original(scene, shown)

    monkeypatch.setattr(neurona.plot._Scene, "render", spy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparabilityWarning)
        plot.animate_training(
            Perceptron(epochs=2, shuffle=True),
            X,
            y,
            tmp_path / "b.gif",
            fixed={0: 5.0, 1: 3.0},
            feature_names=names,
            dpi=30,
            max_frames=5,
        )
    (fig,) = figures
    assert held(fig) == {"sepal_length": (5.0, "fixed"), "sepal_width": (3.0, "fixed")}
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("petal_length", "petal_width")


def test_animate_command_on_a_data_file_with_plot_features(iris_csv, tmp_path):
    out = tmp_path / "iris.gif"
    result = run("animate", iris_csv, "--target", "species", "--plot-features",
                 "petal_length,petal_width", "--epochs", "2", "--no-shuffle", "-o", out,
                 "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    frames = int(re.search(r"wrote .* \((\d+) frames of (\d+)", result.stdout).group(1))
    with Image.open(out) as gif:
        assert gif.n_frames == frames
    bad = run("animate", iris_csv, "--target", "species", "--plot-features", "petal,zzz",
              "-o", tmp_path / "x.gif")  # fmt: skip
    assert bad.exit_code != 0
    assert "'petal' is not a feature column" in bad.output
    assert "Traceback" not in bad.output
    assert not (tmp_path / "x.gif").exists()
    both = run("animate", iris_csv, "--dataset", "iris", "-o", tmp_path / "y.gif")
    assert both.exit_code != 0
    assert "not both" in both.output


def test_train_plot_features_draws_the_chosen_pair_and_states_the_rest(
    iris_csv, tmp_path, monkeypatch, iris
):
    X, _, _ = iris
    saved = {}
    original = neurona.plot.save_figure

    def spy(fig, path, **kwargs):
        saved[str(path).rsplit("/", 1)[-1]] = fig
        return original(fig, path, **kwargs)

    monkeypatch.setattr(neurona.plot, "save_figure", spy)
    result = run("train", iris_csv, "-t", "species", "--epochs", "3", "--plot",
                 tmp_path / "p", "--plot-features", "petal_width,2", "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    ax = saved["boundary.png"].axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("petal_width", "petal_length")
    note = held(saved["boundary.png"])
    assert note["sepal_length"][0] == pytest.approx(X[:, 0].mean(), rel=1e-3)
    assert note["sepal_width"][0] == pytest.approx(X[:, 1].mean(), rel=1e-3)
    assert (tmp_path / "p" / "boundary.png").exists()
    alone = run("train", iris_csv, "-t", "species", "--plot-features", "0,1", "-q")
    assert alone.exit_code != 0
    assert "--plot-features" in alone.output
