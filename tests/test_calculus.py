"""neurona.calculus: numerical derivatives against exact ones, and every neuron's gradient."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from neurona import calculus
from neurona.calculus import (
    check_gradient,
    default_step,
    derivative,
    gradient,
    step_size_errors,
)
from neurona.errors import ParameterError
from neurona.neurons import NEURONS, Neuron, loss_and_gradient

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


def lecture_f(v):
    """The lecture's example, f(x, y) = x²y + y."""
    x, y = v
    return x**2 * y + y


def lecture_grad(v):
    """Worked out in the lecture: ∇f(x, y) = [2xy, x² + 1]."""
    x, y = v
    return np.array([2 * x * y, x**2 + 1])


def test_docstring_examples_run():
    failed, attempted = doctest.testmod(calculus, extraglobs={"np": np})
    assert attempted > 0
    assert failed == 0


@given(x=finite, y=finite)
def test_lecture_example_gradient(x, y):
    np.testing.assert_allclose(
        gradient(lecture_f, [x, y]), lecture_grad([x, y]), rtol=1e-8, atol=1e-8
    )
    assert check_gradient(lecture_f, lecture_grad, [x, y]).passed


def test_lecture_example_at_a_point():
    # at (3, 2): [2·3·2, 3² + 1] = [12, 10]
    np.testing.assert_allclose(gradient(lecture_f, [3.0, 2.0]), [12.0, 10.0], rtol=1e-10)
    np.testing.assert_allclose(
        gradient(lecture_f, [3.0, 2.0], method="forward"), [12.0, 10.0], rtol=1e-6
    )


@pytest.mark.parametrize(
    ("f", "df"),
    [(np.sin, np.cos), (np.exp, np.exp), (lambda x: x**3 - 2 * x, lambda x: 3 * x**2 - 2)],
)
@pytest.mark.parametrize("x", [-2.5, 0.0, 0.7, 5.0])
def test_derivative_accuracy_by_method(f, df, x):
    exact = df(x)
    scale = max(1.0, abs(exact), abs(f(x)))
    assert abs(derivative(f, x) - exact) <= 1e-9 * scale
    assert abs(derivative(f, x, method="forward") - exact) <= 1e-6 * scale


def test_derivative_is_elementwise_on_arrays():
    x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(derivative(np.sin, x), np.cos(x), atol=1e-10)
    assert isinstance(derivative(np.sin, 1.0), float)


def test_gradient_of_a_matrix_argument_keeps_its_shape():
    A = np.arange(6.0).reshape(2, 3)
    W = np.ones((3, 2))
    g = gradient(lambda W: float(np.sum((A @ W) ** 2)), W)  # ∇ = 2 Aᵀ A W
    np.testing.assert_allclose(g, 2 * A.T @ A @ W, rtol=1e-8)


def test_check_gradient_catches_a_wrong_gradient():
    wrong = check_gradient(lecture_f, lambda v: np.array([v[0] * v[1], v[0] ** 2 + 1]), [3, 2])
    assert not wrong.passed
    assert wrong.max_rel_error > 0.1
    right = check_gradient(lecture_f, lecture_grad, [3, 2])
    assert right.passed
    assert right.max_rel_error < 1e-9


def test_check_gradient_at_a_stationary_point():
    res = check_gradient(lambda v: float(v @ v), lambda v: 2 * v, np.zeros(3))
    assert res.passed
    assert res.max_rel_error == 0.0


def test_step_size_trade_off():
    e = step_size_errors(np.exp, np.exp, 1.0)
    # V shape: the best step of each method is near its default, within two decades
    assert 1e-2 < e.best_forward / default_step(1.0, "forward") < 1e2
    assert 1e-2 < e.best_central / default_step(1.0, "central") < 1e2
    # truncation dominates at h = 1, rounding at h = 1e-16 (x + h == x: error is |f'|)
    assert e.forward[-1] > 0.1
    assert e.central[-1] > 0.1
    assert e.forward[0] == pytest.approx(np.e)
    # central differences reach a smaller error: about u^(2/3) against sqrt(u)
    assert e.central.min() < 1e-9 < e.forward.min() < 1e-7


def test_default_steps():
    assert default_step(0.5, "forward") == pytest.approx(np.sqrt(np.finfo(float).eps))
    assert default_step(1e6, "central") == pytest.approx(np.cbrt(np.finfo(float).eps) * 1e6)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: derivative(np.sin, 1.0, method="backward"), "unknown method"),
        (lambda: derivative(np.sin, 1.0, h=0.0), "positive"),
        (lambda: derivative(np.sin, 1.0, h=1e-20), "too small"),
        (lambda: gradient(lecture_f, [1.0, 2.0], h=-1.0), "positive"),
        (lambda: gradient(lecture_f, [1.0, 2.0], h=1e-20), "too small"),
        (lambda: check_gradient(lecture_f, lambda v: np.zeros(3), [1.0, 2.0]), "shape"),
        (lambda: step_size_errors(np.sin, np.cos, 1.0, steps=[1e-3, -1.0]), "positive"),
    ],
)
def test_bad_arguments_raise_parameter_error(call, match):
    with pytest.raises(ParameterError, match=match):
        call()


# --------------------------------------------------------------------------- neurons


def _encoded_targets(neuron: Neuron, rng, n: int, k: int) -> np.ndarray:
    if neuron.targets is None:
        return rng.normal(size=(n, k))
    return rng.choice(np.array(neuron.targets), size=(n, k))


@pytest.mark.parametrize("name", sorted(NEURONS))
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 8),
    p=st.integers(1, 4),
    k=st.integers(1, 3),
)
def test_every_neuron_loss_gradient_passes_check(name, seed, n, p, k):
    """The analytic gradient of loss_and_gradient equals the central-difference one."""
    neuron = NEURONS[name]
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * 2
    T = _encoded_targets(neuron, rng, n, k)
    theta = rng.normal(size=p * k + k)

    def unpack(theta):
        return theta[: p * k].reshape(p, k), theta[p * k :]

    if neuron.mistake_driven:  # the criterion has a kink at z = 0: stay clear of it
        W, b = unpack(theta)
        assume(np.min(np.abs(X @ W + b)) > 1e-3)

    def loss(theta):
        return loss_and_gradient(neuron, X, T, *unpack(theta))[0]

    def grad(theta):
        _, gW, gb = loss_and_gradient(neuron, X, T, *unpack(theta))
        return np.concatenate([gW.ravel(), gb])

    res = check_gradient(loss, grad, theta)
    assert res.passed, (res.max_rel_error, res.analytic, res.numerical)


def test_the_neuron_check_has_teeth():
    """A gradient off by the lecture's factor 2 (loss without the 1/2) is caught."""
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(5, 2)), rng.normal(size=(5, 1))
    neuron = NEURONS["linear"]

    def loss(w):
        return loss_and_gradient(neuron, X, T, w[:2, None], w[2:])[0]

    def half_grad(w):
        _, gW, gb = loss_and_gradient(neuron, X, T, w[:2, None], w[2:])
        return np.concatenate([gW.ravel(), gb]) / 2

    assert not check_gradient(loss, half_grad, rng.normal(size=3)).passed
