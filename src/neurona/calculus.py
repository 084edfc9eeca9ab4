r"""Derivatives and gradients, the lecture's limits made numerical, and gradient checks.

The lecture defines the derivative as a limit,

.. math::

    \frac{d f}{d x} = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h},

and the gradient as the vector of partial derivatives, one limit per coordinate. A
computer cannot take :math:`h \to 0`: the **forward** difference
:math:`(f(x+h) - f(x))/h` has a truncation error :math:`\tfrac{h}{2} |f''|` that shrinks
with :math:`h` and a rounding error :math:`\approx 2u|f|/h` (:math:`u = 2^{-53}`) that
grows as :math:`h` shrinks. Their sum is smallest near :math:`h \approx \sqrt{u}`. The
**central** difference :math:`(f(x+h) - f(x-h))/(2h)` cancels the even terms of the Taylor
series: truncation :math:`\tfrac{h^2}{6}|f'''|`, best near :math:`h \approx u^{1/3}`, about
:math:`u^{2/3} \approx 10^{-11}` relative instead of :math:`\sqrt{u} \approx 10^{-8}`.
:func:`step_size_errors` gives the data of this trade-off for a plot.

The lecture's example
---------------------
:math:`f(x, y) = x^2 y + y` has :math:`\nabla f(x, y) = [2xy,\; x^2 + 1]`:

>>> import numpy as np
>>> f = lambda v: v[0] ** 2 * v[1] + v[1]
>>> np.round(gradient(f, [3.0, 2.0]), 6).tolist()  # [2·3·2, 3² + 1]
[12.0, 10.0]
>>> check_gradient(f, lambda v: np.array([2 * v[0] * v[1], v[0] ** 2 + 1]), [3.0, 2.0]).passed
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from .errors import ParameterError

__all__ = [
    "GradientCheck",
    "StepSizeErrors",
    "check_gradient",
    "default_step",
    "derivative",
    "gradient",
    "step_size_errors",
]

Method = Literal["central", "forward"]
#: the power of the unit roundoff ``u`` that balances truncation and rounding: h = u^p ·
#: max(1, |x|)
_STEP_POWER: dict[str, float] = {"forward": 1 / 2, "central": 1 / 3}
#: ``check_gradient``'s default tolerance by the precision the function computes in
_RTOL = {np.dtype(np.float64): 1e-6, np.dtype(np.float32): 1e-3, np.dtype(np.float16): 1e-1}


def _check_method(method: str) -> None:
    if method not in _STEP_POWER:
        raise ParameterError(f"unknown method {method!r}; choose 'central' or 'forward'")


def default_step(
    x: ArrayLike, method: Method = "central", dtype: DTypeLike = np.float64
) -> np.ndarray:
    r"""The step :math:`h` used when none is given: :math:`\sqrt{u}\max(1,|x|)` for
    ``"forward"``, :math:`u^{1/3}\max(1,|x|)` for ``"central"``, with :math:`u` the unit
    roundoff of ``dtype``, the precision the function computes in (float64 unless it
    returns float32 or float16: a step sized for float64 drowns in float32's rounding).

    Scaling by :math:`\max(1, |x|)` keeps :math:`x + h \ne x` for large :math:`|x|`.

    >>> float(default_step(0.0, "forward")) == 2.0**-26, round(float(default_step(100.0)), 8)
    (True, 0.00060555)
    """
    _check_method(method)
    u = float(np.finfo(dtype).eps)
    return u ** _STEP_POWER[method] * np.maximum(1.0, np.abs(np.asarray(x, dtype=np.float64)))


def _precision(f: Callable, x: np.ndarray) -> np.dtype:
    """The float dtype ``f`` computes in: float32 or float16 when it returns one, or when it
    rounds its input to float32 and returns a plain float (:func:`_rounds_to_float32`);
    else float64."""
    out = np.asarray(f(x.copy()))
    if out.dtype in (np.float32, np.float16):
        return out.dtype
    return np.dtype(np.float32) if _rounds_to_float32(f, x) else np.dtype(np.float64)


def _rounds_to_float32(f: Callable, x: np.ndarray) -> bool:
    """Whether ``f`` rounds its input to float32, probed on up to three coordinates.

    From a point ``x0`` that float32 holds exactly, a move of ``2^-25 max(1, |x0_j|)``
    (below float32's resolution) leaves such an ``f`` exactly unchanged, where a float64
    ``f`` changes (by ``f' δ``, or ``f'' δ² / 2`` where ``f' = 0``); a move of
    ``2^-18 max(1, |x0_j|)`` changes both, unless ``f`` is flat there (then the next
    coordinate decides)."""
    x0 = _round_to(np.array(x, dtype=np.float64), np.dtype(np.float32))
    flat = x0.reshape(-1)
    base = np.asarray(f(x0.copy()), dtype=np.float64)
    for j in range(min(flat.size, 3)):
        scale = max(1.0, abs(float(flat[j])))
        moved = []
        for power in (-25, -18):
            point = x0.copy()
            point.reshape(-1)[j] += scale * 2.0**power
            moved.append(not np.array_equal(np.asarray(f(point), dtype=np.float64), base))
        below, above = moved
        if above:
            return not below
    return False


def _round_to(x: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``x`` rounded to ``dtype`` (and back to float64): the point ``f`` really sees."""
    return np.asarray(x).astype(dtype).astype(np.float64)


def _difference(
    f: Callable, x: np.ndarray, h: np.ndarray, method: str, dtype: np.dtype
) -> np.ndarray:
    """One difference quotient, with ``h`` replaced by the step the machine really takes
    (``(x + h) - x`` with both points rounded to ``dtype``, exact in floating point), which
    removes one rounding error."""
    xp = _round_to(x + h, dtype)
    xm = _round_to(x if method == "forward" else x - h, dtype)
    taken = xp - xm
    if np.any(taken == 0):
        raise ParameterError(
            f"the step h={h!r} is too small for x={x!r}: x + h == x in {dtype}; use a "
            "larger h, or the default (h=None)"
        )
    fp, fm = np.asarray(f(xp), dtype=np.float64), np.asarray(f(xm), dtype=np.float64)
    return (fp - fm) / taken


def _naive_quotients(f: Callable, x: float, h: float) -> tuple[float, float]:
    """Forward and central quotients exactly as written, with the nominal ``h``."""
    fx, fp, fm = float(f(x)), float(f(x + h)), float(f(x - h))
    return (fp - fx) / h, (fp - fm) / (2 * h)


def derivative(
    f: Callable[[np.ndarray], ArrayLike],
    x: ArrayLike,
    h: float | None = None,
    method: Method = "central",
) -> float | np.ndarray:
    r"""Numerical derivative :math:`f'(x)` of a function of one variable.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``; if ``x`` is an array, ``f`` must act elementwise (like
        ``np.sin``) and the derivative is taken at every entry.
    x : float or array
        Where to differentiate.
    h : float, optional
        Step; default :func:`default_step` of ``x`` for ``method``.
    method : {"central", "forward"}
        ``"forward"``: :math:`(f(x+h) - f(x))/h`, the lecture's limit with :math:`h > 0`
        fixed, error :math:`O(h)`. ``"central"``: :math:`(f(x+h) - f(x-h))/(2h)`, error
        :math:`O(h^2)`.

    Returns
    -------
    float or array shaped like ``x``

    Examples
    --------
    >>> round(derivative(np.sin, 0.0), 10), round(derivative(lambda x: x**3, 2.0), 6)
    (1.0, 12.0)
    """
    _check_method(method)
    x_arr = np.asarray(x, dtype=np.float64)
    dtype = _precision(f, x_arr)
    step = default_step(x_arr, method, dtype) if h is None else np.asarray(h, dtype=np.float64)
    if np.any(step <= 0) or not np.all(np.isfinite(step)):
        raise ParameterError(f"h={h!r} must be a positive, finite step")
    d = _difference(f, x_arr, step, method, dtype)
    return float(d) if d.ndim == 0 else d


def gradient(
    f: Callable[[np.ndarray], float],
    x: ArrayLike,
    h: float | None = None,
    method: Method = "central",
) -> np.ndarray:
    r"""Numerical gradient :math:`\nabla f(x)` of a scalar function of many variables.

    One difference quotient per coordinate, as in the lecture's definition
    :math:`\partial f / \partial x_j = \lim_{h\to 0} (f(x + h e_j) - f(x))/h`; ``2 x.size``
    evaluations for ``"central"``, ``x.size + 1`` for ``"forward"``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` with ``x`` shaped like the ``x`` given (a vector, or a weight
        matrix: any shape).
    x : array
        Where to differentiate.
    h : float, optional
        Step; default :func:`default_step` of each coordinate.
    method : {"central", "forward"}

    Returns
    -------
    ndarray, same shape as ``x``
    """
    _check_method(method)
    x0 = np.array(x, dtype=np.float64)
    dtype = _precision(f, x0)
    x0 = _round_to(x0, dtype)  # the point f really sees
    steps = default_step(x0, method, dtype) if h is None else np.full(x0.shape, float(h))
    if np.any(steps <= 0) or not np.all(np.isfinite(steps)):
        raise ParameterError(f"h={h!r} must be a positive, finite step")
    grad = np.empty_like(x0)
    flat, g = x0.reshape(-1), grad.reshape(-1)
    for j in range(flat.size):
        g[j] = _partial(f, x0, flat, j, steps.reshape(-1)[j], method, dtype)
    return grad


def _partial(f, x0: np.ndarray, flat: np.ndarray, j: int, h: float, method: str, dtype) -> float:
    """``∂f/∂x_j`` by one difference quotient; ``flat`` is a view of ``x0``, restored after.
    The moved coordinate is rounded to ``dtype``, so the step taken is the one ``f`` sees."""
    xj = flat[j]
    flat[j] = _round_to(xj + h, dtype)
    f_plus, step_plus = float(f(x0.copy())), flat[j] - xj
    if step_plus == 0:
        flat[j] = xj
        raise ParameterError(
            f"the step h={h!r} is too small for x[{j}]={xj!r}: x + h == x in {dtype}; use a "
            "larger h, or the default (h=None)"
        )
    if method == "forward":
        flat[j] = xj
        return (f_plus - float(f(x0.copy()))) / step_plus
    flat[j] = _round_to(xj - h, dtype)
    f_minus, step_minus = float(f(x0.copy())), xj - flat[j]
    flat[j] = xj
    return (f_plus - f_minus) / (step_plus + step_minus)


@dataclass(frozen=True)
class GradientCheck:
    """What :func:`check_gradient` found.

    Attributes
    ----------
    max_rel_error : float
        :math:`\\max_j |a_j - n_j| / \\max(\\lVert a\\rVert_\\infty, \\lVert n\\rVert_\\infty)`,
        analytic ``a`` against numerical ``n`` (an absolute error where both are zero).
    passed : bool
        ``max_rel_error <= rtol``.
    analytic, numerical : ndarray, shaped like ``x``
    """

    max_rel_error: float
    passed: bool
    analytic: np.ndarray
    numerical: np.ndarray


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad: Callable[[np.ndarray], ArrayLike],
    x: ArrayLike,
    *,
    h: float | None = None,
    method: Method = "central",
    rtol: float | None = None,
) -> GradientCheck:
    """Compare an analytic gradient with the numerical one at ``x``.

    The error is relative to the largest gradient entry (a scale-free criterion that does
    not blow up at entries that are zero). With central differences and the default step
    a correct gradient of a smooth function agrees to about ``1e-9``; ``rtol=1e-6`` leaves
    room for curvature, a wrong one is off by order 1.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    grad : callable
        ``grad(x) -> array`` shaped like ``x``: the gradient to check.
    x : array
        Where to check.
    h, method
        As in :func:`gradient`.
    rtol : float, optional
        Largest accepted ``max_rel_error``; default ``1e-6`` for a function that computes
        in float64, ``1e-3`` in float32 (whose central differences agree to about
        ``u^(2/3) ≈ 2e-5``), ``1e-1`` in float16.

    Returns
    -------
    GradientCheck
    """
    x0 = np.array(x, dtype=np.float64)
    analytic = np.asarray(grad(x0.copy()), dtype=np.float64)
    if analytic.shape != x0.shape:
        raise ParameterError(
            f"grad(x) has shape {analytic.shape} but x has {x0.shape}: return one partial "
            "derivative per entry of x"
        )
    numerical = gradient(f, x0, h=h, method=method)
    if rtol is None:
        rtol = _RTOL[_precision(f, x0)]
    diff = float(np.max(np.abs(analytic - numerical), initial=0.0))
    scale = float(
        max(np.max(np.abs(analytic), initial=0.0), np.max(np.abs(numerical), initial=0.0))
    )
    err = diff / scale if scale > 0 else diff
    return GradientCheck(err, bool(err <= rtol), analytic, numerical)


@dataclass(frozen=True)
class StepSizeErrors:
    """Absolute errors of the difference quotients against the exact derivative.

    Attributes
    ----------
    steps : (n_steps,)
    forward, central : (n_steps,)
        :math:`|D_h f(x) - f'(x)|` for each step.
    best_forward, best_central : float
        The step of the smallest error of each method (compare with :func:`default_step`).
    """

    steps: np.ndarray
    forward: np.ndarray
    central: np.ndarray
    best_forward: float
    best_central: float


def step_size_errors(
    f: Callable[[np.ndarray], ArrayLike],
    df: Callable[[np.ndarray], ArrayLike],
    x: float,
    steps: ArrayLike | None = None,
) -> StepSizeErrors:
    r"""Truncation against rounding: the error of each difference quotient as :math:`h`
    varies, the data of the classic V-shaped log-log plot.

    The quotients are computed exactly as written, with the nominal :math:`h` (unlike
    :func:`derivative`), so the rounding of :math:`x + h` shows in the data: where
    :math:`x + h = x` the forward quotient is 0 and the error is :math:`|f'(x)|`.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``, one variable.
    df : callable
        Its exact derivative.
    x : float
        Where to differentiate.
    steps : (n_steps,), optional
        Positive steps; default ``np.logspace(-16, 0, 65)``.

    Returns
    -------
    StepSizeErrors

    Examples
    --------
    >>> e = step_size_errors(np.exp, np.exp, 1.0)
    >>> 1e-10 < e.best_forward < 1e-6, 1e-7 < e.best_central < 1e-3
    (True, True)
    >>> bool(e.central.min() < e.forward.min())
    True
    """
    hs = np.logspace(-16, 0, 65) if steps is None else np.asarray(steps, dtype=np.float64)
    if hs.ndim != 1 or np.any(hs <= 0):
        raise ParameterError("steps must be a 1-D array of positive numbers")
    exact = float(np.asarray(df(float(x))))
    quotients = np.array([_naive_quotients(f, float(x), float(h)) for h in hs]).reshape(-1, 2)
    fwd, ctr = np.abs(quotients[:, 0] - exact), np.abs(quotients[:, 1] - exact)
    return StepSizeErrors(hs, fwd, ctr, float(hs[np.argmin(fwd)]), float(hs[np.argmin(ctr)]))
