"""Separability of K classes: one certificate per class, each class against the rest.

Every certificate is checked on its own terms (the plane's margins recomputed here, the
witness's two convex combinations recomputed here) and against independent references:
scipy's linprog on the feasibility program s_i (w·x_i + b) >= 1, which has a solution
exactly when the two sides are linearly separable, and scikit-learn's Perceptron, which
reaches 100% training accuracy on the classes that are.
"""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Perceptron as SkPerceptron

from helpers import run
from neurona.data import load_dataset
from neurona.errors import DataError
from neurona.separability import (
    OneVsRestSeparability,
    Rest,
    SeparabilityResult,
    check_separability,
)


def linprog_separable(X, s):
    """Is there (w, b) with s_i (w·x_i + b) >= 1 for every row? (HiGHS feasibility LP)."""
    A = np.hstack([X, np.ones((len(X), 1))])
    res = scipy.optimize.linprog(
        np.zeros(A.shape[1]),
        A_ub=-s[:, None] * A,
        b_ub=-np.ones(len(X)),
        bounds=(None, None),
        method="highs",
    )
    assert res.status in (0, 2), res.message  # solved, or proven infeasible
    return res.status == 0


def assert_certificate(X, y, label, r: SeparabilityResult):
    """The certificate of ``label`` against the rest holds, recomputed from scratch."""
    s = np.where(y == label, 1.0, -1.0)
    assert r.classes[1] == label
    if r.separable:
        margins = s * (X @ r.weights + r.bias)
        assert margins.min() > 0  # every row on its own side
        assert margins.min() == pytest.approx(r.margin, rel=1e-9)
        assert np.linalg.norm(np.append(r.weights, r.bias)) == pytest.approx(1.0)
        R = np.sqrt(1 + (X**2).sum(axis=1).max())
        assert r.mistake_bound == pytest.approx((R / r.margin) ** 2)
        return
    w = r.witness
    assert w is not None
    sides = {}
    for rows, coef, side in ((w.rows_a, w.coef_a, w.class_a), (w.rows_b, w.coef_b, w.class_b)):
        assert (coef >= 0).all()
        assert coef.sum() == pytest.approx(1.0)
        inside = y[rows] == label
        assert inside.all() or not inside.any()  # one side only
        sides[bool(inside.all())] = coef @ X[rows]
        if not inside.any():
            assert isinstance(side, Rest)
            assert side.of == label
    assert set(sides) == {True, False}  # the class and the rest
    np.testing.assert_allclose(sides[True], sides[False], atol=1e-7)


@pytest.fixture(scope="module")
def iris():
    ds = load_dataset("iris")
    return ds.X, np.asarray(ds.y)


def test_iris_gives_one_certificate_per_class(iris):
    X, y = iris
    result = check_separability(X, y)
    assert isinstance(result, OneVsRestSeparability)
    assert result.classes == ("setosa", "versicolor", "virginica")
    assert len(result) == 3
    for label, r in zip(result.classes, result, strict=True):
        assert_certificate(X, y, label, r)
        s = np.where(y == label, 1.0, -1.0)
        assert r.separable == linprog_separable(X, s)
    # the reference on the separable class: a perceptron reaches 100% on it
    for label in result.classes:
        if result[label].separable:
            sk = SkPerceptron(max_iter=5000, tol=None, random_state=0).fit(X, y == label)
            assert sk.score(X, y == label) == 1.0
    assert result["setosa"].separable
    assert not result.separable  # versicolor and virginica overlap


def test_positive_checks_one_class_and_agrees_with_the_table(iris):
    X, y = iris
    table = check_separability(X, y)
    for label in table.classes:
        one = check_separability(X, y, positive=label)
        assert isinstance(one, SeparabilityResult)
        assert one.separable == table[label].separable
        assert one.classes == (Rest(label), label)
        if one.separable:
            np.testing.assert_allclose(one.weights, table[label].weights)


def test_two_classes_with_positive_flip_the_plane():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    y = np.array(["a", "a", "b", "b"])
    default = check_separability(X, y)
    as_b = check_separability(X, y, positive="b")
    as_a = check_separability(X, y, positive="a")
    assert default.classes == as_b.classes == ("a", "b")
    assert as_a.classes == ("b", "a")
    np.testing.assert_allclose(as_b.weights, default.weights)
    np.testing.assert_allclose(as_a.weights, -default.weights)
    assert as_a.margin == pytest.approx(default.margin)


def test_positive_by_text_and_refused_when_absent():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([1, 1, 2, 3])
    assert check_separability(X, y, positive="3").classes[1] == 3  # a CLI's text
    with pytest.raises(DataError, match=r"positive class 7 is not one of the classes \(1, 2, 3\)"):
        check_separability(X, y, positive=7)


@st.composite
def k_class_data(draw):
    """K blobs in d dimensions, sometimes overlapping, with seeded noise."""
    seed = draw(st.integers(0, 2**32 - 1))
    k, d = draw(st.integers(3, 5)), draw(st.integers(1, 3))
    spread = draw(st.sampled_from([0.05, 0.3, 1.0]))
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-3, 3, (k, d))
    y = np.repeat(np.arange(k), 8)
    X = centres[y] + spread * rng.standard_normal((len(y), d))
    return X, y


@settings(max_examples=40, deadline=None, derandomize=True)
@given(k_class_data())
def test_random_k_class_data_match_linear_programming(data):
    X, y = data
    result = check_separability(X, y)
    assert result.classes == tuple(range(len(np.unique(y))))
    for label, r in zip(result.classes, result, strict=True):
        assert r.separable == linprog_separable(X, np.where(y == label, 1.0, -1.0))
        assert_certificate(X, y, label, r)


def test_table_and_reports_in_both_languages(iris):
    X, y = iris
    result = check_separability(X, y)
    table = result.table().splitlines()
    assert table[0].split()[:2] == ["class", "separable"]
    assert [line.split()[:2] for line in table[2:]] == [
        ["setosa", "yes"],
        ["versicolor", "no"],
        ["virginica", "no"],
    ]
    es = result.report("es")
    assert "Cada clase contra el resto (3 clases):" in es
    assert "setosa      sí" in es
    assert "clase no versicolor" in es
    for english in (" the ", " and ", " of ", "Linearly", "witness", "hull"):
        assert english not in es
    with pytest.raises(ValueError, match="lang"):
        result.report("fr")


# --------------------------------------------------------------------------- the CLI


@pytest.fixture(scope="module")
def iris_csv(tmp_path_factory, iris):
    X, y = iris
    path = tmp_path_factory.mktemp("sepk") / "data.csv"
    names = load_dataset("iris").feature_names
    cols = {f: X[:, j] for j, f in enumerate(names)}
    pacsv.write_csv(pa.table(cols | {"species": y.tolist()}), path)
    return path


def test_readme_command_on_iris_prints_a_certificate_per_class(iris_csv, iris, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    result = run("separable", iris_csv, "--target", "species")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for label in ("setosa", "versicolor", "virginica"):
        assert f"{label} against the rest:" in out
    assert "Linearly separable: w·x + b > 0 reads class setosa" in out
    assert out.count("Not linearly separable") == 2
    data = json.loads(run("separable", iris_csv, "--target", "species", "--json").stdout)
    X, y = iris
    assert data["classes"] == ["setosa", "versicolor", "virginica"]
    for entry in data["one_vs_rest"]:
        s = np.where(y == entry["class"], 1.0, -1.0)
        assert entry["separable"] == linprog_separable(X, s)
        if entry["separable"]:
            assert (s * (X @ np.array(entry["weights"]) + entry["bias"])).min() > 0
        else:
            assert entry["witness_rows"]
    one = json.loads(
        run("separable", iris_csv, "--target", "species", "--positive", "setosa", "--json").stdout
    )
    assert one["classes"] == ["not setosa", "setosa"]
    assert one["separable"] is True


def test_cli_refuses_an_unknown_positive_class_in_one_line(iris_csv):
    result = run("separable", iris_csv, "--target", "species", "--positive", "daisy")
    assert result.exit_code != 0
    assert "'daisy' is not one of the classes (setosa, versicolor, virginica)" in result.output
    assert "Traceback" not in result.output


def test_cli_report_follows_a_spanish_locale(iris_csv, monkeypatch):
    monkeypatch.setenv("LC_ALL", "es_CO.UTF-8")
    result = run("separable", iris_csv, "--target", "species")
    assert result.exit_code == 0, result.output
    assert "setosa contra el resto:" in result.stdout
    assert "Linealmente separables" in result.stdout
