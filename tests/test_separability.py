"""Linear separability: certificates both ways, the maximum margin and Novikoff's bound.

Independent references: a textbook margin-rule perceptron written here (the lecture's
pseudo-code with bias), scipy's SLSQP on the hard-margin program, the generating
hyperplane of the data (a lower bound on the best margin), and the optimality condition
of the best margin checked with scipy's NNLS.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
import scipy.optimize
from hypothesis import assume, given
from hypothesis import strategies as st

from neurona import Perceptron
from neurona.errors import DataError, SeparabilityWarning
from neurona.separability import check_separability

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def textbook_perceptron_updates(X, s, eta=1.0, order=None):
    """The lecture's pseudo-code on rows (x, 1): w = 0; if s (w·x) <= 0 then w += η s x.

    Runs epochs until one makes no update; returns the number of updates.
    """
    A = np.hstack([X, np.ones((len(X), 1))])
    order = range(len(X)) if order is None else order
    w = np.zeros(A.shape[1])
    updates = 0
    while True:
        changed = False
        for i in order:
            if s[i] * (w @ A[i]) <= 0:
                w = w + eta * s[i] * A[i]
                updates += 1
                changed = True
        if not changed:
            return updates


def slsqp_margin(X, s, feasible):
    """Margin attained by SLSQP on min ||u||² s.t. s_i u·(x_i, 1) >= 1, from ``feasible``."""
    P = s[:, None] * np.hstack([X, np.ones((len(X), 1))])
    res = scipy.optimize.minimize(
        lambda u: u @ u,
        x0=feasible / (P @ feasible).min(),
        jac=lambda u: 2 * u,
        constraints=[{"type": "ineq", "fun": lambda u: P @ u - 1, "jac": lambda u: P}],
        method="SLSQP",
        options={"ftol": 1e-12, "maxiter": 500},
    )
    return (P @ res.x).min() / np.linalg.norm(res.x)


def assert_max_margin_certificate(X, s, r):
    """KKT: γ·(w, b) is a convex combination of the support rows' s_i (x_i, 1).

    Then for every unit v: min_i p_i·v <= Σ λ_i p_i·v = γ (w, b)·v <= γ, so no plane beats γ.
    """
    u = np.append(r.weights, r.bias)
    P = s[:, None] * np.hstack([X, np.ones((len(X), 1))])
    support = P[r.support]
    E = np.vstack([support.T, np.ones(len(support))])
    _, residual = scipy.optimize.nnls(E, np.append(r.margin * u, 1.0))
    assert residual < 1e-7
    assert (P @ u).min() == pytest.approx(r.margin, rel=1e-12)


@st.composite
def separable_data(draw):
    """Rows in [-1, 1]^d labelled by a random hyperplane, with a gap around it."""
    seed = draw(st.integers(0, 2**32 - 1))
    n = draw(st.integers(2, 40))
    d = draw(st.integers(1, 5))
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(4 * n, d))
    true = rng.standard_normal(d + 1)
    true[-1] = rng.uniform(-0.5, 0.5) - np.median(X[:n] @ true[:-1])  # both classes, mostly
    true /= np.linalg.norm(true)
    z = X @ true[:-1] + true[-1]
    keep = np.abs(z) > 0.08
    X, z = X[keep][:n], z[keep][:n]
    s = np.where(z > 0, 1.0, -1.0)
    assume(len(X) >= 2 and abs(s.sum()) < len(s))  # both classes present
    return X, s, true


@given(separable_data())
def test_random_separable_data_max_margin_and_novikoff(data):
    X, s, true = data
    r = check_separability(X, s)
    assert r.separable
    assert r.witness is None
    np.testing.assert_allclose(np.linalg.norm(np.append(r.weights, r.bias)), 1.0)
    # the returned hyperplane separates every row with margin >= γ, attained on `support`
    margins = s * (X @ r.weights + r.bias)
    assert margins.min() >= r.margin * (1 - 1e-12)
    np.testing.assert_allclose(margins[r.support], r.margin, rtol=1e-6)
    # γ is the best margin: at least the generating plane's and SLSQP's, and optimal
    true_margin = (s * (X @ true[:-1] + true[-1])).min()
    assert r.margin >= true_margin * (1 - 1e-9)
    assert r.margin >= slsqp_margin(X, s, true) * (1 - 1e-9)
    assert_max_margin_certificate(X, s, r)
    R = np.sqrt(1 + (X**2).sum(axis=1).max())
    np.testing.assert_allclose(r.radius, R)
    np.testing.assert_allclose(r.mistake_bound, (R / r.margin) ** 2)
    assert r.input_margin >= r.margin
    # Novikoff: the textbook margin-rule perceptron, to convergence
    assert textbook_perceptron_updates(X, s) <= r.mistake_bound * (1 + 1e-9)


@given(separable_data(), st.floats(0.01, 100), st.integers(0, 1000))
def test_novikoff_holds_for_any_learning_rate_and_row_order(data, eta, seed):
    X, s, _ = data
    r = check_separability(X, s)
    order = np.random.default_rng(seed).permutation(len(X))
    assert textbook_perceptron_updates(X, s, eta, order) <= r.mistake_bound * (1 + 1e-9)


@given(separable_data())
def test_novikoff_bounds_the_library_perceptron(data):
    X, s, _ = data
    r = check_separability(X, s)
    epochs = int(r.mistake_bound) + 2  # each epoch before convergence updates at least once
    clf = Perceptron(rule="margin", mode="online", learning_rate=1.0, epochs=epochs, shuffle=False)
    clf.fit(X, s)
    assert clf.history_["updates"][-1] == 0
    assert sum(clf.history_["updates"]) <= r.mistake_bound * (1 + 1e-9)
    assert sum(clf.history_["updates"]) == textbook_perceptron_updates(X, s)


def test_max_margin_is_optimal_on_a_larger_set():
    rng = np.random.default_rng(7)
    X = rng.standard_normal((3000, 6))
    z = X @ rng.standard_normal(6) + 0.4
    X, s = X[np.abs(z) > 0.2], np.where(z[np.abs(z) > 0.2] > 0, 1.0, -1.0)
    assert_max_margin_certificate(X, s, check_separability(X, s))


def test_and_is_separable_with_the_textbook_bound():
    r = check_separability(XOR_X, [0, 0, 0, 1])
    # best plane by symmetry: w = (a, a), b = -1.5a, margin 0.5a, ||(w, b)|| = a·√4.25
    assert r.margin == pytest.approx(0.5 / np.sqrt(4.25))
    assert r.mistake_bound == pytest.approx(3 * 4.25 / 0.25)
    assert r.support.tolist() == [1, 2, 3]
    text = str(r)
    assert "Linearly separable" in text
    assert "(R/γ)² = 51" in text
    assert "reads class 1" in text


def test_xor_is_not_separable_and_says_why():
    r = check_separability(XOR_X, [0, 1, 1, 0])
    assert not r.separable
    assert r.weights is None
    assert r.margin is None
    assert r.mistake_bound == np.inf
    assert r.witness.rows == [0, 1, 2, 3]
    text = str(r)
    assert text.startswith("Not linearly separable (classes 0 and 1).")
    assert "meet at the point z = (0.5, 0.5)" in text
    assert "cannot be both" in text


@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 4),
    st.integers(2, 6),
)
def test_label_flipped_inside_the_other_hull_is_named(seed, d, k):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(60, d))
    true = rng.standard_normal(d + 1)
    true[-1] = -np.median(X @ true[:-1])
    z = X @ true[:-1] + true[-1]
    X, labels = X[np.abs(z) > 0.05], np.where(z[np.abs(z) > 0.05] > 0, "yes", "no")
    no = np.flatnonzero(labels == "no")
    assume(len(no) > k and (labels == "yes").any())
    # row j moves inside the hull of k other "no" rows, and its label flips to "yes"
    j, others = no[0], no[1 : k + 1]
    X[j] = rng.dirichlet(np.ones(k)) @ X[others]
    labels[j] = "yes"
    r = check_separability(X, labels)
    assert not r.separable
    w = r.witness
    assert j in w.rows  # without row j the data are separable, so every proof uses it
    assert re.search(rf"\b{j}\b", w.statement())
    # the witness is a true statement: two convex combinations, one per class, coincide
    for rows, coef, label in ((w.rows_a, w.coef_a, w.class_a), (w.rows_b, w.coef_b, w.class_b)):
        assert (labels[rows] == label).all()
        assert (coef >= 0).all()
        assert coef.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(w.coef_a @ X[w.rows_a], w.coef_b @ X[w.rows_b], atol=1e-7)
    assert {w.class_a, w.class_b} == {"no", "yes"}


def test_point_inside_the_other_hull_reads_as_one_row():
    X = np.array([[0, 0], [4, 0], [0, 4], [1, 1]], dtype=float)
    r = check_separability(X, ["a", "a", "a", "b"])
    assert str(r.witness).startswith(
        "Row 3 (class b) lies inside the convex hull of rows 0, 1, 2 (class a): "
        "x_3 = 0.5·x_0 + 0.25·x_1 + 0.25·x_2."
    )


def test_same_point_in_both_classes():
    r = check_separability([[1.0, 2.0], [1.0, 2.0], [3.0, 3.0]], [True, False, False])
    assert str(r.witness).startswith("Row 1 (class False) and row 0 (class True) are the same")


@pytest.mark.parametrize(
    "labels",
    [[0, 0, 1, 1, 1], [-1, -1, 1, 1, 1], [False, False, True, True, True], list("nnyyy")],
)
def test_any_two_label_types_give_the_same_plane(labels):
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0], [2.5, 3.0]])
    r = check_separability(X, labels)
    assert r.separable
    assert r.classes == (labels[0], labels[-1])
    assert (np.sign(X @ r.weights + r.bias) == [-1, -1, 1, 1, 1]).all()
    reference = check_separability(X, [0, 0, 1, 1, 1])
    np.testing.assert_allclose(r.weights, reference.weights)


def test_scaling_and_shifting_columns_keeps_the_decision():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((200, 3))
    y = X @ [1.0, -2.0, 0.5] > 0.1
    big = X * [1e4, 1e-3, 1.0] + [5e5, -3.0, 0.0]
    assert check_separability(big, y).separable
    y[0] = not y[0]  # now almost surely not separable: the flipped row is surrounded
    assert check_separability(X, y).separable == check_separability(big, y).separable


def test_bad_data_is_refused_with_a_message():
    with pytest.raises(DataError, match="at least 2 classes, y has 1"):
        check_separability(XOR_X, [1, 1, 1, 1])
    with pytest.raises(DataError, match="NaN"):
        check_separability([[np.nan, 0.0], [1.0, 1.0]], [0, 1])
    with pytest.raises(DataError, match="one label per row"):
        check_separability(XOR_X, [0, 1])
    with pytest.raises(DataError, match="2-D"):
        check_separability([0.0, 1.0], [0, 1])
    with pytest.raises(DataError, match="numbers"):
        check_separability([["a", "b"], ["c", "d"]], [0, 1])


def test_perceptron_warns_on_non_separable_data_and_points_here():
    y = np.array([0, 1, 1, 0])
    with pytest.warns(SeparabilityWarning, match="check_separability"):
        Perceptron(epochs=5).fit(XOR_X, y)
    assert not check_separability(XOR_X, y).separable
    with warnings.catch_warnings():
        warnings.simplefilter("error", SeparabilityWarning)
        Perceptron(epochs=10).fit(XOR_X, [0, 0, 0, 1])  # AND converges: no warning
