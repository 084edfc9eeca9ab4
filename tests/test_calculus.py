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
from neurona.errors import DataError, DataTypeError, NeuronaError, ParameterError
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


# ------------------------------------------------------------- what f returns (F5 a, d)


@pytest.mark.parametrize(
    "f",
    [
        lambda x: (np.asarray(x) ** 2).astype(np.int64),  # the tester's silent 137616.98
        lambda x: np.asarray(x, np.int64) ** 2,
        lambda x: 3,  # a Python int
        lambda x: 10**400,  # beyond int64 too
    ],
)
def test_a_function_returning_integers_is_refused(f):
    # an integer-valued f is a staircase: its quotients are 0 or jump/h, never f'
    with pytest.raises(ParameterError, match=r"returned integers.*returns floats"):
        derivative(f, 3.0)
    with pytest.raises(ParameterError, match="returned integers"):
        gradient(f, [3.0])


def test_an_exact_gradient_may_be_integers():
    res = check_gradient(lambda v: float(v @ v), lambda v: np.array([2, 4]), [1.0, 2.0])
    assert res.passed


@pytest.mark.parametrize(
    ("f", "match"),
    [
        (lambda x: "a", r"returned text \('a'\)"),
        (lambda x: None, "returned None"),
        (lambda x: {"a": 1.0}, r"returned \{'a': 1.0\}, which is not a real number"),
        (lambda x: x * 1j, "returned complex numbers"),
        (lambda x: x > 0, "returned booleans"),
        (lambda x: [[1.0], [1.0, 2.0]], "not a number or an array of numbers"),
    ],
)
def test_a_function_returning_something_other_than_floats_is_named(f, match):
    with pytest.raises(ParameterError, match=match):
        derivative(f, 1.0)


def test_a_function_returning_a_one_entry_list_or_array_is_fine():
    assert derivative(lambda x: [float(x) ** 2], 3.0) == pytest.approx(6.0, rel=1e-9)
    grad = gradient(lambda v: np.array([[v @ v]]), [1.0, 2.0])  # a 1x1 loss
    np.testing.assert_allclose(grad, [2.0, 4.0], rtol=1e-9)


def test_a_function_of_the_wrong_shape_is_refused():
    with pytest.raises(ParameterError, match=r"one value per entry of x.*gradient"):
        derivative(lambda x: np.sum(x**2), np.array([1.0, 2.0]))
    with pytest.raises(ParameterError, match=r"scalar function.*derivative"):
        gradient(lambda v: v**2, np.array([1.0, 2.0]))
    with pytest.raises(ParameterError, match="shape"):
        check_gradient(lambda v: float(v @ v), lambda v: np.zeros(3), [1.0, 2.0])


def test_an_exception_inside_f_names_f_and_the_point():
    with pytest.raises(ParameterError, match=r"f raised ZeroDivisionError at x = 1\.0") as info:
        derivative(lambda x: 1 / 0, 1.0)
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    with pytest.raises(ParameterError, match="grad raised AttributeError"):
        check_gradient(lambda v: float(v @ v), lambda v: v.nothing, [1.0, 2.0])


def test_a_function_not_finite_at_x_is_refused():
    with np.errstate(all="ignore"), pytest.raises(ParameterError, match=r"f\(x\) is .*inf"):
        derivative(lambda x: 1 / x, 0.0)


@pytest.mark.parametrize(
    ("grad", "match"),
    [
        (lambda v: v * 1j, "grad returned complex"),
        (lambda v: None, "grad returned None"),
        (lambda v: "2", "grad returned text"),
    ],
)
def test_a_bad_analytic_gradient_is_named(grad, match):
    with pytest.raises(ParameterError, match=match):
        check_gradient(lambda v: float(v @ v), grad, [1.0, 2.0])


def test_a_nan_analytic_gradient_fails_the_check():
    res = check_gradient(lambda v: float(v @ v), lambda v: np.array([np.nan, 4.0]), [1.0, 2.0])
    assert not res.passed
    assert np.isnan(res.max_rel_error)


# ---------------------------------------------------------------------- x itself (F5 c, e)


@pytest.mark.parametrize(
    ("x", "error", "match"),
    [
        (float("nan"), DataError, r"x = nan is not finite"),
        ([1.0, np.inf], DataError, r"x\[1\] = inf is not finite"),
        (10**400, DataError, "beyond float64's range"),
        (-(10**400), DataError, "beyond float64's range"),
        (1 + 1j, DataTypeError, "complex"),
        (np.array([1.0, 2.0], dtype=complex), DataTypeError, "complex"),
        (True, DataTypeError, "booleans"),
        ("1.0", DataTypeError, "is text"),
        (None, DataTypeError, "None"),
        (np.array([1.0, "a"], dtype=object), DataTypeError, "not real numbers"),
        ([[1.0], [1.0, 2.0]], DataTypeError, "equal length"),
        ([], DataError, "empty"),
        (np.zeros((0, 3)), DataError, "empty"),
    ],
)
def test_a_bad_point_is_a_data_error(x, error, match):
    for call in (
        lambda: derivative(np.sin, x),
        lambda: gradient(lambda v: float(np.sum(v)), x),
        lambda: check_gradient(lambda v: float(np.sum(v)), np.ones_like, x),
    ):
        with pytest.raises(error, match=match):
            call()


def test_points_of_other_number_types_are_taken_by_value():
    from decimal import Decimal
    from fractions import Fraction

    for x in (Decimal("1.0"), Fraction(1, 1), np.float16(1.0), 1, np.array([1.0], dtype=object)):
        np.testing.assert_allclose(derivative(np.sin, x), np.cos(1.0), rtol=1e-9)


def test_x_beyond_the_range_of_the_functions_precision_is_refused():
    with np.errstate(over="ignore"), pytest.raises(ParameterError, match=r"f\(x\) is inf"):
        derivative(lambda x: np.asarray(x, np.float16) * 2, 1e5)  # float16 ends at 65504


# ------------------------------------------------------------- h, method, rtol, steps


@pytest.mark.parametrize("h", ["a", float("nan"), True, 10**400, -1e-3, [1e-3, 1e-3, 1e-3]])
def test_a_bad_step_is_a_parameter_error(h):
    with pytest.raises(ParameterError, match="positive, finite step"):
        gradient(lambda v: float(v @ v), [1.0, 2.0], h=h)


def test_a_step_per_coordinate():
    grad = gradient(lambda v: float(v @ v), [1.0, 2.0], h=[1e-4, 1e-3])
    np.testing.assert_allclose(grad, [2.0, 4.0], rtol=1e-9)


@pytest.mark.parametrize("method", [["central"], None, 2])
def test_a_method_that_is_not_a_name_is_a_parameter_error(method):
    with pytest.raises(ParameterError, match="unknown method"):
        derivative(np.sin, 1.0, method=method)


@pytest.mark.parametrize("rtol", ["x", -1.0, float("nan"), True])
def test_a_bad_rtol_is_a_parameter_error(rtol):
    with pytest.raises(ParameterError, match="rtol"):
        check_gradient(lambda v: float(v @ v), lambda v: 2 * v, [1.0], rtol=rtol)


@pytest.mark.parametrize("steps", ["abc", [], [[1e-3]], [1e-3, np.inf], [1e-3, 0.0]])
def test_bad_steps_for_the_trade_off_are_a_parameter_error(steps):
    with pytest.raises(ParameterError, match="steps"):
        step_size_errors(np.sin, np.cos, 1.0, steps=steps)


def test_the_trade_off_checks_its_point_and_functions():
    with pytest.raises(DataError, match="one point"):
        step_size_errors(np.sin, np.cos, [1.0, 2.0])
    with pytest.raises(ParameterError, match="returned text"):
        step_size_errors(lambda x: "a", np.cos, 1.0)
    with pytest.raises(ParameterError, match="returned integers"):
        step_size_errors(lambda x: 1, np.cos, 1.0)
    assert step_size_errors(lambda x: 2.0 * x, lambda x: 2, 1.0).central.min() < 1e-12


def test_default_steps_for_each_precision():
    cube_root = {"float32": 2.0**-23, "float16": 2.0**-10, "bfloat16": 2.0**-7}
    for name, eps in cube_root.items():
        assert float(default_step(1.0, dtype=name)) == pytest.approx(eps ** (1 / 3))
    with pytest.raises(ParameterError, match="not a floating-point precision"):
        default_step(1.0, dtype="int64")


# ------------------------------------------------------------- the function's precision (F5 b)


def _round_to_bfloat16(x):
    torch = pytest.importorskip("torch")
    return torch.as_tensor(np.asarray(x, dtype=np.float64)).to(torch.bfloat16).double().numpy()


def test_bfloat16_rounding_is_torchs():
    rng = np.random.default_rng(0)
    x = rng.normal(size=20_000) * 10.0 ** rng.integers(-30, 30, 20_000)
    np.testing.assert_array_equal(calculus._BF16.round(x), _round_to_bfloat16(x))


@pytest.mark.parametrize("dtype", ["bfloat16", "float16", "float32"])
def test_torch_low_precision_functions_are_differentiated(dtype):
    """A bfloat16 tensor used to be a raw TypeError; the step is now sized for the dtype.
    Central differences in a precision of unit roundoff u agree to about u^(2/3):
    bfloat16 0.025, float16 0.006, float32 2e-5 (relative)."""
    torch = pytest.importorskip("torch")
    tdtype = getattr(torch, dtype)
    tol = {"bfloat16": 0.03, "float16": 0.006, "float32": 1e-4}[dtype]

    def f(x):
        return torch.sin(torch.as_tensor(np.asarray(x), dtype=tdtype))

    def f_item(x):  # a Python float: the precision is found from the values
        return f(x).item()

    for fn in (f, f_item):
        assert abs(derivative(fn, 1.0) - np.cos(1.0)) < tol
        assert abs(derivative(fn, 1.0, method="forward") - np.cos(1.0)) < 4 * tol
    grad = gradient(lambda v: (torch.as_tensor(v, dtype=tdtype) ** 2).sum(), [1.0, 2.0])
    np.testing.assert_allclose(grad, [2.0, 4.0], rtol=tol)
    right = check_gradient(
        lambda v: (torch.as_tensor(v, dtype=tdtype) ** 2).sum(), lambda v: 2 * v, [1.0, 2.0]
    )
    wrong = check_gradient(
        lambda v: (torch.as_tensor(v, dtype=tdtype) ** 2).sum(), lambda v: 4 * v, [1.0, 2.0]
    )
    assert right.passed
    assert not wrong.passed


def test_low_precision_tensors_as_the_point():
    torch = pytest.importorskip("torch")
    x = torch.tensor([1.0, 2.0], dtype=torch.bfloat16, requires_grad=True)
    np.testing.assert_allclose(derivative(np.sin, x), np.cos([1.0, 2.0]), rtol=1e-9)


@pytest.mark.parametrize(
    ("dtype", "x", "tol"),
    [(np.float32, 0.3, 1e-5), (np.float16, 1.0, 3e-3), (np.float16, 0.3, 3e-3)],
)
def test_functions_returning_python_floats_are_stepped_for_their_precision(dtype, x, tol):
    # float16 used to get float64 steps that it rounds away: a derivative of exactly 0
    def f(v):
        return float(np.sin(np.asarray(v, dtype)))

    assert abs(derivative(f, x) - np.cos(x)) < tol


def test_a_step_function_is_not_taken_for_a_low_precision_one():
    # sign's values 0, ±1 fit every precision; they must not make the step bfloat16's
    assert derivative(np.sign, 0.5) == 0.0
    assert derivative(lambda x: np.maximum(x, 0.0), -1e-3) == 0.0


# ------------------------------------------------------------ steps too large for f (F5 f)


@pytest.mark.parametrize("x", [1e3, 1e5, 1e8, 1e11, 1e13, -4.2e9])
def test_periodic_functions_far_from_zero(x):
    """The default step u^(1/3)|x| spans many periods of sin there (600 at 1e8): the
    check shrinks it until the quotients, or their Richardson extrapolations, agree."""
    assert abs(derivative(np.sin, x) - np.cos(x)) < 1e-8
    np.testing.assert_allclose(
        gradient(lambda v: float(np.sum(np.sin(v))), [x, 2.0]), np.cos([x, 2.0]), atol=1e-8
    )
    assert check_gradient(lambda v: float(np.sum(np.sin(v))), np.cos, [x, 2.0]).passed


@given(x=st.floats(-1e12, 1e12, allow_nan=False))
def test_sin_anywhere_below_1e12(x):
    assert abs(derivative(np.sin, x) - np.cos(x)) < 1e-7


@given(x=st.floats(-30, 30, allow_nan=False))
def test_exp_to_full_accuracy(x):
    # the plain clause accepts when D(h) and D(h/t) agree to sqrt(u): the error is below
    # that over 1 - 1/t², about 1.8e-8 relative
    assert derivative(np.exp, x) == pytest.approx(np.exp(x), rel=2e-8)


def test_when_the_first_step_passes_the_result_is_the_plain_quotient():
    for f, x in ((np.exp, 1.0), (np.sin, 0.7), (lambda x: x**3 - 2 * x, 5.0)):
        for method in ("central", "forward"):
            step = float(default_step(x, method))
            assert derivative(f, x, method=method) == derivative(f, x, h=step, method=method)


def test_an_argument_known_only_to_its_rounding():
    # x + 0.1 rounds at 1e8: the quotients carry u|x|/h of noise, accepted as such
    assert abs(derivative(lambda x: np.sin(x + 0.1), 1e8) - np.cos(1e8 + 0.1)) < 1e-6


@pytest.mark.parametrize("x", [1e16, 1e20, 1e308, -1e300])
def test_sin_beyond_the_resolution_of_the_numbers_near_x_is_refused(x):
    # neighbouring floats near 1e16 are 2 apart, a third of sin's period: no step can work
    with pytest.raises(ParameterError, match=r"rounds back to x.*apart"):
        derivative(np.sin, x)


def test_functions_on_the_scale_of_x_stay_fine_at_huge_x():
    assert derivative(np.log, 1e300) == pytest.approx(1e-300, rel=1e-9)
    # x ± h overflows at the top of the range: the step shrinks until it does not
    assert derivative(lambda x: x * 1e-300, 1.79e308) == pytest.approx(1e-300, rel=1e-9)
    with pytest.raises(ParameterError, match="overflows float64"):
        derivative(lambda x: x * 1e-300, 1.79e308, h=1e306)


def test_stationary_points_of_polynomials():
    # every quotient is off by h², h⁴ relative to f' = 0; the extrapolation removes it
    assert abs(derivative(lambda x: x**3, 0.0)) < 1e-20
    assert abs(derivative(lambda x: x**5, 0.0)) < 1e-20
    assert derivative(lambda x: x**2, 0.0) == 0.0
    assert derivative(np.cos, 0.0) == 0.0


def test_near_the_edge_of_the_domain():
    # the default step 6e-6 stepped below 0 (nan); now it shrinks below 1e-7
    assert derivative(np.log, 1e-7) == pytest.approx(1e7, rel=1e-9)
    np.testing.assert_allclose(derivative(np.log, [1e-7, 1.0]), [1e7, 1.0], rtol=1e-9)
    with pytest.raises(ParameterError, match="edge of f's domain"):
        derivative(np.sqrt, 0.0)
    with pytest.raises(ParameterError, match=r"not finite next to x = 0.001.*smaller h"):
        derivative(np.log, 1e-3, h=1e-2)


def test_kinks_and_jumps():
    # at a kink there is no derivative: refused in words with both one-sided slopes,
    # for either method, entry by entry and in the gradient (not the symmetric quotient 0)
    for method in ("central", "forward"):
        with pytest.raises(ParameterError, match=r"no derivative at x = 0.0: .* -1 from the left"):
            derivative(np.abs, 0.0, method=method)
        with pytest.raises(ParameterError, match="0 from the left and 1 from the right"):
            derivative(lambda x: np.maximum(x, 0.0), 0.0, method=method)
    with pytest.raises(ParameterError, match=r"no derivative at x\[1\] = 0.0"):
        derivative(np.abs, np.array([1.0, 0.0, -2.0]))
    with pytest.raises(ParameterError, match=r"no derivative at x\[2\] = 0.0"):
        gradient(lambda v: float(np.abs(v).sum()), np.array([1.0, 2.0, 0.0]))
    # a chosen step gives the plain quotient, one-sided if asked
    assert derivative(np.abs, 0.0, h=1e-3, method="forward") == 1.0
    # smooth functions with large curvature are not kinks: the gap shrinks with the step
    assert derivative(lambda x: 1e12 * x**2, 0.0) == pytest.approx(0.0, abs=1e-3)
    assert derivative(lambda x: np.exp(50 * x), 0.1) == pytest.approx(50 * np.exp(5.0), rel=1e-8)
    assert derivative(np.abs, 1e-3) == pytest.approx(1.0, rel=1e-12)
    # a kink 1e-6 away, within the default step 6e-6: stepped over, not averaged
    assert derivative(lambda x: np.maximum(x, 0.0), -1e-6) == 0.0
    assert derivative(lambda x: np.maximum(x, 0.0), 1e-6) == 1.0
    with pytest.raises(ParameterError, match="discontinuous"):
        derivative(np.sign, 0.0)


def test_every_refusal_is_a_neurona_error():
    calls = [
        lambda: derivative(lambda x: "a", 1.0),
        lambda: derivative(np.sin, 10**400),
        lambda: derivative(np.sin, float("nan")),
        lambda: derivative(np.sin, 1e308),
        lambda: gradient(lambda v: 1 / 0, [1.0]),
    ]
    for call in calls:
        with pytest.raises(NeuronaError):
            call()
