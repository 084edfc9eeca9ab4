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

The default step checks itself
------------------------------
The default step :math:`h = u^{1/3}\max(1, |x|)` (:func:`default_step`) assumes that
:math:`f` varies on the scale :math:`\max(1, |x|)`: the "curvature scale" :math:`x_c`
of Numerical Recipes (Press et al., 3rd ed., §5.7), taken as :math:`x` when nothing else
is known; Nocedal & Wright (*Numerical Optimization*, 2nd ed., §8.1) scale the step the
same way. Where :math:`f` varies faster (``sin`` at :math:`x = 10^8`, where
:math:`h \approx 600` spans a hundred periods) that quotient is meaningless, so
:func:`derivative` and :func:`gradient` check it, with the error estimate of Ridders'
method (Numerical Recipes §5.7): the quotient :math:`D` is also taken at
:math:`h/t`, :math:`h/t^2, \dots` (:math:`t = \varphi^2 \approx 2.618`, irrational so
that the steps cannot keep lining up with the period of a periodic :math:`f`, as halvings
can), and Richardson's extrapolation (Neville's tableau in :math:`h^2`, in :math:`h` for
forward differences, on the steps really taken, up to three columns) removes the leading
error terms. A value is accepted when

* :math:`D(h)` and :math:`D(h/t)` agree: the result is :math:`D(h)`, the plain quotient
  (this is the usual case, at the first try); or
* an extrapolated value agrees with both values it was made from (Ridders' criterion):
  the result is that value (:math:`x^3` at 0, where every quotient is off by
  :math:`h^2` relative to :math:`f' = 0`, gives 0 this way);

where "agree" means to within :math:`\sqrt{u}` relative (to the larger of the values and
:math:`|f| / \max(1, |x|)`), plus the rounding error of :math:`f`, :math:`64u|f|/h`
(a few units in the last place), plus :math:`\min(8u|x|/h,\; u^{1/3})` relative, for
:math:`x` itself being known only to :math:`u|x|` (as in ``sin(x + 0.1)``). So
``derivative(np.sin, 1e8)`` is :math:`\cos(10^8)` to about :math:`10^{-12}`, the
derivative of ``np.log`` at :math:`10^{-7}` no longer steps below 0, and a kink just
beside :math:`x` is stepped over. When no value is accepted before :math:`x \pm h` rounds
back to :math:`x` (``sin`` at :math:`10^{16}` or :math:`10^{308}`, where neighbouring
floats are 2 or :math:`2 \cdot 10^{292}` apart), or after 60 shrinkings (a jump, such as
``np.sign`` at 0), or when :math:`f` is not finite at :math:`x \pm h` for any step (the
edge of its domain), a :class:`~neurona.errors.ParameterError` says so. The check costs two
more evaluations of ``f`` per point (per coordinate for :func:`gradient`) where the first
step passes; an explicit ``h`` gives the plain quotient at that step, unchecked. No check
on samples can see a function that repeats itself exactly on the floating-point numbers
around :math:`x`; the irrational ratio only makes such agreement by chance unlikely.

The precision of ``f``
----------------------
``f`` receives float64 NumPy arrays and may return floats, NumPy arrays or torch tensors
(detached; float16 and bfloat16 included). The steps are sized for the precision ``f``
computes in: the dtype it returns (float32, float16, bfloat16), or, for a Python float,
the precision its outputs and its input rounding show (a float32, float16 or bfloat16
computation ending in ``.item()`` or ``float()``). The points are rounded to that
precision, so the step in each quotient is the one ``f`` really takes.

``f`` must return real floating-point values: integers and booleans are refused (a
function rounded to integers is a staircase, flat between its jumps, whose quotients are 0
or jump/h, never the derivative), as are complex numbers, text and ``None``; ``x`` must be
finite real numbers. Every refusal is a :class:`~neurona.errors.ParameterError` (about
``f``, ``h``, ``method``, ``rtol``) or a :class:`~neurona.errors.DataError` (about ``x``)
that says what was wrong and what to do.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from ._validation import _excerpt
from .errors import DataError, DataTypeError, NeuronaError, ParameterError

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
#: the order of the truncation error: O(h) forward, O(h²) central
_ORDER: dict[str, int] = {"forward": 1, "central": 2}
#: how much the self-checking default step shrinks at a time: φ², irrational, so the steps
#: cannot keep lining up with the period of a periodic f (as halvings can)
_SHRINK = (3 + math.sqrt(5)) / 2
#: how many times it may shrink (φ^120 ≈ 1e25)
_MAX_SHRINKS = 60


# ----------------------------------------------------------------------- precisions


@dataclass(frozen=True)
class _Precision:
    """A floating-point format ``f`` may compute in."""

    name: str
    bits: int  # mantissa bits after the binary point
    max: float  # the largest finite number
    tiny: float  # the smallest normal number
    rtol: float  # check_gradient's default tolerance in this precision

    @property
    def eps(self) -> float:
        """Machine epsilon, the spacing of the numbers just above 1."""
        return 2.0**-self.bits

    def round(self, x: ArrayLike) -> np.ndarray:
        """``x`` rounded to this precision (to nearest, ties to even), as float64."""
        x = np.asarray(x, dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            if self.name == "float64":
                return x.copy()
            if self.name == "bfloat16":  # float32's upper half; via float32, as torch does
                bits = x.astype(np.float32).view(np.uint32).astype(np.uint64)
                bits = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
                return bits.astype(np.uint32).view(np.float32).astype(np.float64)
            return x.astype(self.name).astype(np.float64)

    def holds(self, values: np.ndarray) -> bool:
        """Whether every value is exactly a number of this precision."""
        return bool(np.array_equal(self.round(values), values))

    def ulp(self, v: float) -> float:
        """The spacing of this precision's numbers at ``|v|`` (a normal number)."""
        return math.ldexp(1.0, math.frexp(abs(v))[1] - 1 - self.bits)


_F64 = _Precision("float64", 52, float(np.finfo(np.float64).max), 2.0**-1022, 1e-6)
_F32 = _Precision("float32", 23, float(np.finfo(np.float32).max), 2.0**-126, 1e-3)
_F16 = _Precision("float16", 10, 65504.0, 2.0**-14, 1e-1)
_BF16 = _Precision("bfloat16", 7, 3.3895313892515355e38, 2.0**-126, 0.25)
_PRECISIONS = {p.name: p for p in (_F64, _F32, _F16, _BF16)}
#: the precisions below float64, the coarsest first
_COARSE_FIRST = (_BF16, _F16, _F32)


def _precision_named(dtype: Any) -> _Precision:
    """The precision a dtype names: a NumPy float dtype, "bfloat16", or a torch dtype."""
    if isinstance(dtype, _Precision):
        return dtype
    name = str(dtype).removeprefix("torch.")
    if name in _PRECISIONS:
        return _PRECISIONS[name]
    try:
        np_dtype = np.dtype(dtype)
    except TypeError:
        np_dtype = None
    if np_dtype is not None and np_dtype.kind == "f":
        return _PRECISIONS.get(np_dtype.name, _F64)  # long double: computed in float64
    raise ParameterError(
        f"dtype={_excerpt(dtype)} is not a floating-point precision; use float64, float32, "
        "float16 or bfloat16"
    )


# ------------------------------------------------------------------- checked inputs


def _check_method(method: str) -> None:
    if not isinstance(method, str) or method not in _STEP_POWER:
        raise ParameterError(f"unknown method {_excerpt(method)}; choose 'central' or 'forward'")


def _is_tensor(value: Any) -> bool:
    return type(value).__module__.split(".")[0] == "torch" and hasattr(value, "detach")


def _index(shape: tuple[int, ...], flat_index: int) -> str:
    """``"[i, j]"`` for an entry of an array of ``shape``; ``""`` for a scalar."""
    if not shape:
        return ""
    return "[" + ", ".join(str(int(i)) for i in np.unravel_index(flat_index, shape)) + "]"


def _as_point(x: Any, *, allow_empty: bool = False) -> np.ndarray:
    """``x`` as a float64 array (a copy): finite real numbers, or a DataError in words."""
    what = "pass a float or an array of floats"
    if _is_tensor(x):
        t = x.detach()
        if t.is_complex():
            raise DataTypeError(
                f"x is a complex tensor ({t.dtype}); derivatives here are of real functions "
                "of real variables: pass the real part (x.real), or differentiate real and "
                "imaginary parts as two real variables"
            )
        if str(t.dtype) == "torch.bool":
            raise DataTypeError(f"x is a boolean tensor; {what}")
        arr = t.cpu().double().numpy().copy()
    else:
        if isinstance(x, (str, bytes)):
            raise DataTypeError(
                f"x={_excerpt(x)} is text; {what} (float(...) converts a numeric string)"
            )
        try:
            arr = np.asarray(x)
        except (TypeError, ValueError) as exc:
            raise DataTypeError(
                f"x cannot be read as an array of numbers ({exc}); {what}, with rows of "
                "equal length"
            ) from exc
        kind = "f" if arr.dtype.name == "bfloat16" else arr.dtype.kind  # ml_dtypes (JAX)
        if kind == "c":
            raise DataTypeError(
                f"x holds complex numbers ({arr.dtype}); derivatives here are of real "
                "functions of real variables: pass the real part (np.real(x)), or treat "
                "real and imaginary parts as two real variables"
            )
        if kind == "b":
            raise DataTypeError(f"x holds booleans; {what} (x.astype(float) converts them)")
        if kind in "USa":
            raise DataTypeError(f"x holds text ({_excerpt(x)}); {what}")
        if kind not in "iufO":
            raise DataTypeError(f"x has dtype {arr.dtype}, which is not numbers; {what}")
        if kind == "O" and any(v is None for v in arr.reshape(-1)):
            raise DataTypeError(f"x holds None (a missing value); {what}")
        try:
            with np.errstate(over="ignore"):
                arr = arr.astype(np.float64)
        except OverflowError as exc:
            raise DataError(
                f"x = {_excerpt(x)} is beyond float64's range (about ±1.8e308), which the "
                "derivative is computed in: rescale the variable (e.g. divide by a power of "
                "10)"
            ) from exc
        except (TypeError, ValueError) as exc:
            raise DataTypeError(
                f"x holds values that are not real numbers ({exc}); {what}"
            ) from exc
    if arr.size == 0 and not allow_empty:
        raise DataError(
            f"x is empty (shape {arr.shape}): there is nothing to differentiate; pass at "
            "least one point (one coordinate)"
        )
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        k = int(bad[0])
        raise DataError(
            f"x{_index(arr.shape, k)} = {float(arr.reshape(-1)[k])!r} is not finite "
            f"({bad.size} of {arr.size} entries): a derivative needs a finite point; remove "
            "or replace NaN and infinity"
        )
    return arr


def _as_step(h: Any, shape: tuple[int, ...]) -> np.ndarray:
    """A given step ``h``: positive and finite, a number or an array shaped like x."""
    arr = None
    if not isinstance(h, (str, bytes, bool, np.bool_)):
        try:
            raw = h.detach().cpu().double().numpy() if _is_tensor(h) else np.asarray(h)
            if raw.dtype.kind in "iufO":
                with np.errstate(over="ignore"):
                    arr = np.broadcast_to(raw.astype(np.float64), shape)
        except (TypeError, ValueError, OverflowError):
            arr = None
    if arr is None or not (np.all(np.isfinite(arr)) and np.all(arr > 0)):
        raise ParameterError(
            f"h={_excerpt(h)} must be a positive, finite step: a float, or an array of them "
            f"shaped like x {shape}; or h=None for the default step"
        )
    return np.array(arr, dtype=np.float64)


def _show(point: np.ndarray) -> str:
    """A point for a message: a number, or the start of an array."""
    if np.ndim(point) == 0:
        return repr(float(point))
    text = np.array2string(np.asarray(point), precision=17, threshold=8)
    return text if len(text) <= 80 else text[:79] + "…"


def _call(f: Callable, point: np.ndarray, who: str) -> Any:
    """``f(point)``; an exception inside ``f`` becomes a ParameterError naming the point."""
    try:
        return f(point)
    except NeuronaError:
        raise
    except Exception as exc:
        where = "at x" if who == "grad" else "at x and next to it (x ± h)"
        raise ParameterError(
            f"{who} raised {type(exc).__name__} at x = {_show(point)}: {exc} -> {who} must "
            f"be defined {where}; check {who} at that point"
        ) from exc


def _as_values(out: Any, who: str, *, integers: bool = False) -> tuple[np.ndarray, _Precision]:
    """What ``who`` returned as float64 values, and the precision its dtype says it
    computed in (float64 for float64 or a Python float). Integers are refused unless
    ``integers`` (an exact gradient may be integer, a function to differentiate not)."""
    if out is None:
        raise ParameterError(
            f"{who} returned None; {who}(x) must return a number or an array of numbers "
            "(is a `return` missing?)"
        )
    if _is_tensor(out):
        t = out.detach()
        name = str(t.dtype).removeprefix("torch.")
        kind = "c" if t.is_complex() else "f" if t.is_floating_point() else "b"
        kind = "i" if kind == "b" and name != "bool" else kind
        label = f"a {name} tensor"
        arr = t.cpu().double().numpy() if kind in "fi" else None
    else:
        label = f"{type(out).__name__}"
        try:
            arr = np.asarray(out)
        except Exception as exc:  # a ragged list, an object without __array__ ...
            raise ParameterError(
                f"{who} returned {label} {_excerpt(out)}, which is not a number or an array "
                f"of numbers ({exc})"
            ) from exc
        name, kind = arr.dtype.name, arr.dtype.kind
        if isinstance(out, (np.ndarray, np.generic)):
            label = f"{name} values"
        if name == "bfloat16":  # ml_dtypes (JAX)
            kind = "f"
        if kind == "O":
            items = arr.reshape(-1)
            if items.size and all(
                isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in items
            ):
                kind = "i"
    if kind == "b":
        raise ParameterError(
            f"{who} returned booleans ({label}); {who}(x) must return real numbers "
            "(a boolean function is a step, with no derivative to approximate)"
        )
    if kind in "iu" and not integers:
        raise ParameterError(
            f"{who} returned integers ({label}): a derivative needs a function that returns "
            "floats. A function rounded to integers is a staircase, flat between its jumps, "
            f"so its difference quotients are 0 or jump/h, never f'. Compute {who} in "
            "floating point (drop .astype(int), round(), // or int(...))"
        )
    if kind == "c":
        raise ParameterError(
            f"{who} returned complex numbers ({label}); derivatives here are of real "
            f"functions: differentiate np.real({who}(x)) and np.imag({who}(x)) separately"
        )
    if kind in "USa":
        raise ParameterError(
            f"{who} returned text ({_excerpt(out)}); {who}(x) must return a number or an "
            "array of numbers"
        )
    if kind not in "iufO":
        raise ParameterError(
            f"{who} returned {label} ({_excerpt(out)}), which are not real numbers; "
            f"{who}(x) must return a float or an array of floats"
        )
    try:
        with np.errstate(over="ignore"):
            values = np.asarray(arr, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ParameterError(
            f"{who} returned {_excerpt(out)}, which is not a real number or an array of "
            f"them ({exc}); {who}(x) must return a float or an array of floats"
        ) from exc
    precision = _PRECISIONS.get(name, _F64) if kind == "f" else _F64
    return values, precision


# --------------------------------------------------------------- the function's precision


def default_step(
    x: ArrayLike, method: Method = "central", dtype: DTypeLike = np.float64
) -> np.ndarray:
    r"""The step :math:`h` used when none is given: :math:`\sqrt{u}\max(1,|x|)` for
    ``"forward"``, :math:`u^{1/3}\max(1,|x|)` for ``"central"``, with :math:`u` the machine
    epsilon of ``dtype``, the precision the function computes in (float64 unless it
    returns float32, float16 or bfloat16: a step sized for float64 drowns in float32's
    rounding). ``dtype`` may be a NumPy float dtype, ``"bfloat16"`` or a torch dtype.

    Scaling by :math:`\max(1, |x|)` keeps :math:`x + h \ne x` for large :math:`|x|`; where
    it makes the step too large for ``f``, :func:`derivative` and :func:`gradient` notice
    and shrink it (see the module's notes).

    >>> float(default_step(0.0, "forward")) == 2.0**-26, round(float(default_step(100.0)), 8)
    (True, 0.00060555)
    """
    _check_method(method)
    precision = _precision_named(dtype)
    x = _as_point(x, allow_empty=True)
    return precision.eps ** _STEP_POWER[method] * np.maximum(1.0, np.abs(x))


def _try(values: Callable[[np.ndarray], np.ndarray], point: np.ndarray) -> np.ndarray | None:
    """``values(point)`` for a probe: None where ``f`` fails or is not finite there."""
    try:
        with np.errstate(all="ignore"):
            out = values(point)
    except Exception:
        return None
    return out if np.all(np.isfinite(out)) else None


#: generic offsets for the probe points (irrational, so a float64 f gives full mantissas)
_GENERIC = (0.6180339887498949, -0.41421356237309515)


def _probe_precision(
    values: Callable[[np.ndarray], np.ndarray], x: np.ndarray, first: np.ndarray
) -> _Precision:
    """The precision a function that returns float64 values (or Python floats) computes
    in: the coarser of what its outputs show (:func:`_by_outputs`) and what its input
    rounding shows (:func:`_by_inputs`)."""
    found = (_by_outputs(values, x, first), _by_inputs(values, x))
    return min(found, key=lambda p: p.bits)


def _by_outputs(values, x: np.ndarray, first: np.ndarray) -> _Precision:
    """The coarsest precision that holds every value of ``f`` at ``x`` and at two points
    next to it with irrational offsets: a float64 ``f`` gives full 53-bit mantissas there,
    a float32, float16 or bfloat16 one (ending in ``.item()``) only numbers of its own
    precision. Only values that need more than 4 significant bits count, and at least two
    different ones: a step function's 0 and ±1, or a constant, prove nothing (float64)."""
    samples = [first.reshape(-1)[:1000]]  # a thousand values per point are plenty
    for c in _GENERIC:
        with np.errstate(over="ignore"):  # beside ±1.8e308 the probe point is ±inf
            near = x + c * 2.0**-10 * np.maximum(np.abs(x), 2.0**-10)
        out = _try(values, near)
        if out is not None:
            samples.append(out.reshape(-1)[:1000])
    seen = np.concatenate(samples)
    seen = seen[np.isfinite(seen)]
    mantissa = np.frexp(seen)[0] * 16
    seen = seen[mantissa != np.round(mantissa)]
    if seen.size == 0 or seen.min() == seen.max():
        return _F64
    return next((p for p in _COARSE_FIRST if p.holds(seen)), _F64)


def _by_inputs(values, x: np.ndarray) -> _Precision:
    """Whether ``f`` rounds its input to bfloat16, float16 or float32, probed on up to
    three nonzero coordinates.

    From a point ``x0`` that the precision holds exactly, a move of a quarter of its
    spacing there leaves such an ``f`` exactly unchanged, where a finer ``f`` changes (by
    ``f' δ``, or ``f'' δ² / 2`` where ``f' = 0``); a move of eight spacings changes both,
    unless ``f`` is flat there (then the next coordinate decides). The coarsest precision
    is tried first; a change at its quarter spacing rules it out."""
    flat = x.reshape(-1)
    for j in np.flatnonzero(flat)[:3]:
        for p in _COARSE_FIRST:
            xj = float(p.round(flat[j]))
            if not p.tiny <= abs(xj) <= p.max / 2:
                continue  # f cannot compute in p here at all
            point = x.copy()
            moved = point.reshape(-1)
            moved[j] = xj
            base = _try(values, point)
            moved[j] = xj + p.ulp(xj) / 4
            below = _try(values, point)
            if base is None or below is None:
                break  # f is not finite or fails next to x: try the next coordinate
            if not np.array_equal(base, below):
                continue  # f resolves finer than p
            moved[j] = xj + 8 * p.ulp(xj)
            above = _try(values, point)
            if above is None or np.array_equal(base, above):
                break  # flat here: the next coordinate decides
            return p
        else:
            return _F64  # every coarser precision ruled out
    return _F64


# ------------------------------------------------------------------ difference quotients


@dataclass
class _Quotients:
    """Difference quotients at one step per entry, and what went into them."""

    D: np.ndarray  # the quotients
    F: np.ndarray  # max(|f(x + h)|, |f(x - h)|)
    fp: np.ndarray
    fm: np.ndarray
    taken: np.ndarray  # the step really taken, (x + h) - (x - h) with both rounded
    inside: np.ndarray  # x ± h finite
    ok: np.ndarray  # inside, a step was taken, and f is finite at both points


def _quotients(values, x: np.ndarray, h: np.ndarray, method: str, p: _Precision) -> _Quotients:
    """One difference quotient per entry, with ``h`` replaced by the step the machine really
    takes (``(x + h) - x`` with both points rounded to ``p``, exact in floating point),
    which removes one rounding error. Points beyond float64's range are replaced by ``x``
    (and marked), so ``f`` is only called at finite points."""
    with np.errstate(all="ignore"):
        base = p.round(x)
        xp = p.round(x + h)
        xm = p.round(x - h) if method == "central" else base
        inside = np.isfinite(xp) & np.isfinite(xm)
        xp, xm = np.where(inside, xp, base), np.where(inside, xm, base)
        taken = xp - xm
        fp, fm = values(xp), values(xm)
        D = (fp - fm) / taken
        F = np.maximum(np.abs(fp), np.abs(fm))
        ok = inside & (taken > 0) & np.isfinite(D) & np.isfinite(F)
    return _Quotients(D, F, fp, fm, taken, inside, ok)


def _plain(values, x, h, method, p, label) -> np.ndarray:
    """The quotient at a step the caller chose: no check, but no silent failure."""
    q = _quotients(values, x, h, method, p)
    for fault in ("overflow", "small", "not finite"):
        bad = np.flatnonzero(
            {"overflow": ~q.inside, "small": q.taken == 0, "not finite": ~q.ok}[fault]
        )
        if not bad.size:
            continue
        k = int(bad[0])
        hk, fp, fm = (float(a.reshape(-1)[k]) for a in (h, q.fp, q.fm))
        if fault == "overflow":
            raise ParameterError(
                f"x ± h overflows float64 at {label(k)} with h = {hk:.3g}: use a smaller h, "
                "or the default (h=None)"
            )
        if fault == "small":
            raise ParameterError(
                f"the step h={hk!r} is too small for {label(k)}: x + h == x in {p.name}, the "
                "precision f computes in; use a larger h, or the default (h=None)"
            )
        other = "f(x - h)" if method == "central" else "f(x)"
        forward = method == "central" and bool(
            _quotients(values, x, h, "forward", p).ok.reshape(-1)[k]
        )  # suggested only where it gives a finite quotient
        raise ParameterError(
            f"f is not finite next to {label(k)} (f(x + h) = {fp!r}, {other} = {fm!r}): the "
            f"step h = {hk:.3g} leaves f's domain or f overflows there; use a smaller h"
            + (", or method='forward' (finite there) at the edge of the domain" if forward else "")
        )
    return q.D


def _settled(values, x, h0, method, p, label) -> np.ndarray:
    """The quotient at the default step, checked against the one at a smaller step and
    shrunk until they agree, or until Richardson's extrapolations agree (the rule in the
    module's notes)."""
    u = p.eps / 2
    rho = math.sqrt(u)
    power = _ORDER[method]  # the error is a series in h^power
    x_abs = np.abs(x)
    x_c = np.maximum(1.0, x_abs)
    result = np.full(x.shape, np.nan)
    done = np.zeros(x.shape, dtype=bool)
    h = np.array(h0, dtype=np.float64)
    q = _quotients(values, x, h, method, p)
    ever_ok = q.ok.copy()
    row = [np.where(q.ok, q.D, np.nan)]  # the last row of the Richardson tableau
    steps = [q.taken]  # the steps of its quotients, newest last
    for _ in range(_MAX_SHRINKS + _extra_shrinks(x_abs)):
        h_next = np.where(done, h, h / _SHRINK)
        r = _quotients(values, x, h_next, method, p)
        ever_ok |= r.ok
        steps = [*steps[-3:], r.taken]
        with np.errstate(all="ignore"):
            f_max = np.maximum(q.F, r.F)
            rounding = 64 * u * f_max / h  # f's own rounding, a few units in the last place
            # x itself is known to u|x|: that moves D by u|x|/h relative, trusted up to u^(1/3)
            argument = np.minimum(8 * u * x_abs / h, u ** (1 / 3))

            def tolerance(*estimates, f_max=f_max, rounding=rounding, argument=argument):
                d_max = np.maximum.reduce([np.abs(e) for e in estimates])
                return (rho + argument) * d_max + rho * f_max / x_c + rounding

            # the plain check: D(h) and D(h/t) agree; the result is D(h)
            # two quotients only check each other if their steps differ (near the spacing
            # of the numbers at x, h / t can round to the same points as h)
            both = q.ok & r.ok & (q.taken >= 1.5 * r.taken)
            agree = ~done & both & (np.abs(q.D - r.D) <= tolerance(q.D, r.D))
            result[agree], done = q.D[agree], done | agree
            # Richardson (Neville) on the steps taken: T[k][m] = T[k][m-1] +
            # (T[k][m-1] - T[k-1][m-1]) / ((h[k-m] / h[k])^power - 1), accepted when it
            # agrees with both entries it came from (Ridders' error estimate)
            new = [np.where(r.ok & (q.taken >= 1.5 * r.taken), r.D, np.nan)]
            for m in range(1, min(len(row), 3) + 1):
                ratio = (steps[-1 - m] / steps[-1]) ** power
                t = new[m - 1] + (new[m - 1] - row[m - 1]) / (ratio - 1)
                error = np.maximum(np.abs(t - new[m - 1]), np.abs(t - row[m - 1]))
                fits = ~done & (error <= tolerance(t, new[m - 1], row[m - 1]))
                result[fits], done = t[fits], done | fits
                new.append(t)
            row = new
        if done.all():
            _check_one_sided(values, x, h, result, p, label)
            return result
        stuck = ~done & r.inside & (r.taken == 0)
        if stuck.any():
            _no_step(int(np.flatnonzero(stuck)[0]), True, h0, h, r, ever_ok, method, p, label, x)
        q, h = r, h_next
    k = int(np.flatnonzero(~done)[0])
    forward = method == "central" and not ever_ok.reshape(-1)[k] and _forward_works(values, x, p)
    _no_step(k, False, h0, h, q, ever_ok, method, p, label, x, forward=forward)
    raise AssertionError("unreachable")  # pragma: no cover


def _extra_shrinks(x_abs: np.ndarray) -> int:
    """Shrinks beyond ``_MAX_SHRINKS`` so that the smallest step scales with a small
    ``|x|`` (the default step is sized for ``max(1, |x|)``: near 0, a function such as
    ``1/x`` or ``log`` at ``x = 1e-150`` needs steps below ``|x|`` itself)."""
    small = x_abs[(x_abs > 0) & (x_abs < 1)]
    if not small.size:
        return 0
    return math.ceil(-math.log(float(small.min())) / math.log(_SHRINK))


def _forward_works(values, x, p) -> bool:
    """Whether the checked forward quotient succeeds at ``x`` (so that an error may
    suggest it): tried, not guessed."""
    try:
        _settled(values, x, default_step(x, "forward", p.name), "forward", p,
                 lambda k: "")  # fmt: skip
    except ParameterError:
        return False
    return True


def _check_one_sided(values, x, h, result, p, label) -> None:
    """Refuse a kink: where the slopes from the left and from the right differ, ``f`` has
    no derivative, yet the central quotient of ``|x|`` at 0 is 0 for every step and the
    forward one is 1. Smooth ``f`` gives one-sided slopes that differ by ``f''(x) h``,
    which shrinks with the step; at a kink the gap stays. Both are measured at the step
    the quotient was accepted at and at an eighth of it."""
    with np.errstate(all="ignore"):
        base = p.round(x)
        f0 = values(base)
        gaps, sides, scale = [], None, None
        for step in (h, h / 8):
            xp, xm = p.round(x + step), p.round(x - step)
            inside = np.isfinite(xp) & np.isfinite(xm) & (xp > base) & (base > xm)
            fp, fm = values(np.where(inside, xp, base)), values(np.where(inside, xm, base))
            left, right = (f0 - fm) / (base - xm), (fp - f0) / (xp - base)
            f_max = np.maximum.reduce([np.abs(f0), np.abs(fp), np.abs(fm)])
            noise = 512 * (p.eps / 2) * f_max / np.maximum(xp - base, base - xm)
            gap = np.where(inside, np.abs(right - left), np.nan)
            gaps.append((gap, noise))
            if sides is None:
                sides = (left, right)
            scale = np.maximum(np.abs(left), np.abs(right))
        (g1, _), (g2, n2) = gaps
        kink = np.isfinite(result) & (g2 > 0.5 * g1) & (g2 > 1e-4 * scale + n2)
    bad = np.flatnonzero(kink.reshape(-1))
    if bad.size:
        k = int(bad[0])
        left, right = (float(np.reshape(a, -1)[k]) for a in sides)
        raise ParameterError(
            f"f has no derivative at {label(k)}: its slope is {left:.6g} from the left and "
            f"{right:.6g} from the right (a kink, like |x| at 0), however small the step. "
            "A one-sided quotient at a step you choose (h=..., method='forward') gives the "
            "right-hand slope if that is what you want"
        )


def _no_step(k, floor, h0, h, q, ever_ok, method, p, label, x, *, forward=False) -> None:
    """Raise the ParameterError of an entry for which no step passed the check: ``floor``
    when x ± h rounded back to x, else after the last shrinking; ``forward``: the checked
    forward quotient was tried and works, so the message may suggest it."""
    h_first, h_last = float(np.reshape(h0, -1)[k]), float(h.reshape(-1)[k])
    x_k = float(x.reshape(-1)[k])
    steps = (
        f"the {method} quotients for h = {h_first:.3g}, {h_first / _SHRINK:.3g}, … {h_last:.3g}"
    )
    if not ever_ok.reshape(-1)[k]:
        why = (
            f"f is not finite at x ± h for every step down to h = {h_last:.3g} (or x ± h "
            "overflows): x is at the edge of f's domain"
            + (", where method='forward' works" if forward else "")
        )
    elif floor:
        why = (
            f"{steps} never agree before x ± h rounds back to x in {p.name}, where numbers "
            f"near x are {p.ulp(x_k):.3g} apart: f varies faster than that, so it cannot be "
            "differentiated numerically at this |x|; shift or rescale the variable so that "
            "x is smaller"
        )
    else:
        why = (
            f"{steps} keep disagreeing (the last: {float(q.D.reshape(-1)[k]):.6g}): f is "
            "discontinuous, not differentiable or too noisy at x"
        )
    raise ParameterError(
        f"no step gives a reliable derivative of f at {label(k)}: {why}. Pass h= to get "
        "the plain quotient at a step of your choice"
    )


# ---------------------------------------------------------------- derivative, gradient


def _labeller(shape: tuple[int, ...], flat: np.ndarray) -> Callable[[int], str]:
    return lambda k: f"x{_index(shape, k)} = {float(flat[k])!r}"


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
        ``np.sin``), returning one value per entry, and the derivative is taken at every
        entry. ``f`` receives float64 arrays and may return floats, NumPy arrays or torch
        tensors of any float dtype (float32, float16, bfloat16: the steps are sized for
        it); integers, booleans, complex numbers and text are refused.
    x : float or array
        Where to differentiate: finite real numbers (a torch tensor is taken by value).
    h : float or array, optional
        Step; default :func:`default_step` of ``x`` for ``method`` and ``f``'s precision,
        checked against smaller steps and shrunk until the quotients agree (module notes).
        A given ``h`` gives the plain quotient at that step.
    method : {"central", "forward"}
        ``"forward"``: :math:`(f(x+h) - f(x))/h`, the lecture's limit with :math:`h > 0`
        fixed, error :math:`O(h)`. ``"central"``: :math:`(f(x+h) - f(x-h))/(2h)`, error
        :math:`O(h^2)`.

    Returns
    -------
    float or array shaped like ``x``

    Raises
    ------
    DataError
        ``x`` is empty, not finite, complex or not numbers.
    ParameterError
        A bad ``h`` or ``method``; ``f`` fails, returns something other than real floats
        of ``x``'s shape, or is not finite at ``x``; no step passes the check.

    Examples
    --------
    >>> round(derivative(np.sin, 0.0), 10), round(derivative(lambda x: x**3, 2.0), 6)
    (1.0, 12.0)
    >>> round(derivative(np.sin, 1e8), 10), round(float(np.cos(1e8)), 10)  # h ≈ 600 shrunk
    (-0.3633850894, -0.3633850894)
    """
    _check_method(method)
    x_arr = _as_point(x)

    def shaped(out: np.ndarray) -> np.ndarray:
        if out.shape != x_arr.shape:
            if x_arr.ndim == 0 and out.size == 1:
                return out.reshape(())
            raise ParameterError(
                f"f returned shape {out.shape} for x of shape {x_arr.shape}: derivative "
                "differentiates f entry by entry, so f must return one value per entry of x "
                "(like np.sin); for a scalar function of a vector use gradient(f, x)"
            )
        return out

    def values(points: np.ndarray) -> np.ndarray:
        return shaped(_as_values(_call(f, points, "f"), "f")[0])

    first, precision = _first_value(f, x_arr, shaped)
    if precision is _F64:
        precision = _probe_precision(values, x_arr, first)
    _check_range(x_arr, precision)
    _check_elementwise(values, x_arr, first, precision)
    label = _labeller(x_arr.shape, x_arr.reshape(-1))
    if h is None:
        step = default_step(x_arr, method, precision)
        d = _settled(values, x_arr, step, method, precision, label)
    else:
        d = _plain(values, x_arr, _as_step(h, x_arr.shape), method, precision, label)
    return float(d) if d.ndim == 0 else d


def _check_elementwise(values, x: np.ndarray, first: np.ndarray, p: _Precision) -> None:
    """Refuse an ``f`` that is not elementwise (``np.cumsum``, ``x / x.sum()``): moving the
    first or the last entry of ``x`` by its default step changes another entry of
    ``f(x)``. Two calls of ``f``; an elementwise ``f`` gives the other entries bit for
    bit."""
    if x.size < 2:
        return
    flat = x.reshape(-1)
    for k in (0, flat.size - 1):
        moved = flat.copy()
        moved[k] = p.round(flat[k] + float(default_step(flat[k], "central", p.name)))
        try:
            out = values(moved.reshape(x.shape)).reshape(-1)
        except ParameterError:
            continue  # f is not defined there: the derivative itself will say so
        before = first.reshape(-1)
        others = np.arange(flat.size) != k
        same = (out == before) | (np.isnan(out) & np.isnan(before))
        if not same[others].all():
            j = int(np.flatnonzero(others & ~same)[0])
            raise ParameterError(
                f"f is not elementwise: moving x{_index(x.shape, k)} changes f(x)"
                f"{_index(x.shape, j)} (from {float(before[j])!r} to {float(out[j])!r}); "
                "derivative(f, x) takes the derivative entry by entry, which needs f to act "
                "on each entry alone (like np.sin). For the derivatives of a function of a "
                "vector, take the gradient of each output: gradient(lambda v: f(v)[j], x)"
            )


def _first_value(f, x: np.ndarray, shaped) -> tuple[np.ndarray, _Precision]:
    """``f(x)``, checked (type, shape by ``shaped``, finite), and the precision its dtype
    shows (float64 for float64 values or a Python float)."""
    out, precision = _as_values(_call(f, x.copy(), "f"), "f")
    first = shaped(out)
    bad = np.flatnonzero(~np.isfinite(first))
    if bad.size:
        k = int(bad[0])
        if first.ndim:  # entry by entry
            at = f"x{_index(x.shape, k)} = {float(x.reshape(-1)[k])!r}"
        else:
            at = f"x = {_show(x)}"
        raise ParameterError(
            f"f(x) is {float(first.reshape(-1)[k])!r} at {at}: f must be finite at x to have a "
            "derivative there (x is outside f's domain, or f overflows)"
        )
    return first, precision


def _check_range(x: np.ndarray, p: _Precision) -> None:
    """Refuse an ``x`` that the precision ``f`` computes in cannot hold."""
    big = np.flatnonzero(~np.isfinite(p.round(x)))
    if big.size:
        k = int(big[0])
        raise DataError(
            f"x{_index(x.shape, k)} = {float(x.reshape(-1)[k])!r} is beyond the range of "
            f"{p.name} (about ±{p.max:.3g}), the precision f computes in: rescale the "
            f"variable, or compute f in a wider precision"
        )


def gradient(
    f: Callable[[np.ndarray], float],
    x: ArrayLike,
    h: float | None = None,
    method: Method = "central",
) -> np.ndarray:
    r"""Numerical gradient :math:`\nabla f(x)` of a scalar function of many variables.

    One difference quotient per coordinate, as in the lecture's definition
    :math:`\partial f / \partial x_j = \lim_{h\to 0} (f(x + h e_j) - f(x))/h`. With the
    default step each coordinate's quotient is checked against the one at a smaller step
    (module notes): ``4 x.size`` evaluations for ``"central"`` where the step passes at
    once, plus a few to find the precision of ``f``; a given ``h`` takes ``2 x.size``
    (``x.size + 1`` for ``"forward"``) and no check.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` (a number, or an array or tensor with one entry) with ``x``
        shaped like the ``x`` given (a vector, or a weight matrix: any shape).
    x : array
        Where to differentiate: finite real numbers, at least one.
    h : float or array, optional
        Step; default :func:`default_step` of each coordinate.
    method : {"central", "forward"}

    Returns
    -------
    ndarray, same shape as ``x``

    Raises
    ------
    DataError, ParameterError
        As in :func:`derivative`; ``f`` must return a single number.
    """
    return _gradient(f, x, h, method)[0]


def _gradient(f, x, h, method, resolution: list | None = None) -> tuple[np.ndarray, _Precision]:
    """The gradient and the precision ``f`` computes in; ``resolution``, a list: receives
    each entry's rounding floor, the most ``f``'s own rounding moves its quotient at the
    first step (:func:`_rounding_floor`)."""
    _check_method(method)
    x0 = _as_point(x)

    def scalar(out: np.ndarray) -> np.ndarray:
        if out.size != 1:
            raise ParameterError(
                f"f returned an array of shape {out.shape}; gradient needs a scalar function "
                "f(x) -> float (a loss); for a function applied entry by entry use "
                "derivative(f, x)"
            )
        return out.reshape(())

    def value(point: np.ndarray) -> np.ndarray:
        return scalar(_as_values(_call(f, point, "f"), "f")[0])

    first, precision = _first_value(f, x0, scalar)
    if precision is _F64:
        precision = _probe_precision(value, x0, first)
    _check_range(x0, precision)
    x0 = precision.round(x0)  # the point f really sees
    steps = (default_step(x0, method, precision) if h is None else _as_step(h, x0.shape)).reshape(
        -1
    )
    grad = np.empty_like(x0)
    flat, g = x0.reshape(-1), grad.reshape(-1)
    for j in range(flat.size):

        def partial(xj: np.ndarray, j: int = j) -> np.ndarray:
            point = x0.copy()
            point.reshape(-1)[j] = xj
            return value(point)

        xj, hj = flat[j : j + 1].reshape(()), steps[j : j + 1].reshape(())
        name = f"x{_index(x0.shape, j)} = {float(flat[j])!r}"
        label = lambda _k, name=name: name  # noqa: E731
        solve = _settled if h is None else _plain
        g[j] = solve(partial, xj, hj, method, precision, label)
        if resolution is not None:
            resolution.append(_rounding_floor(partial, xj, hj, method, precision))
    return grad, precision


def _rounding_floor(values, x, h, method, p) -> tuple[float, float, float]:
    """``(floor, F, step)``: a difference quotient at step ``h`` is known to no better than
    ``floor = 64 u F / step`` (the rounding allowance of :func:`_settled`), with ``F`` the
    largest ``|f|`` at the points it compares and ``step`` the step really taken; a
    derivative smaller than that is not resolved there, whatever the function."""
    q = _quotients(values, x, h, method, p)
    step, big = float(q.taken), float(q.F)
    if not (step > 0 and math.isfinite(big)):
        return math.inf, big, step
    return 64 * (p.eps / 2) * big / step, big, step


# -------------------------------------------------------------------- gradient checks


@dataclass(frozen=True)
class GradientCheck:
    """What :func:`check_gradient` found.

    Attributes
    ----------
    max_rel_error : float
        :math:`\\max_j |a_j - n_j| / \\max(\\lVert a\\rVert_\\infty, \\lVert n\\rVert_\\infty)`,
        analytic ``a`` against numerical ``n`` (an absolute error where both are zero; NaN
        where ``grad`` returned NaN).
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
        ``grad(x) -> array`` shaped like ``x``: the gradient to check (real numbers;
        integers are fine here).
    x : array
        Where to check.
    h, method
        As in :func:`gradient`.
    rtol : float, optional
        Largest accepted ``max_rel_error``; default ``1e-6`` for a function that computes
        in float64, ``1e-3`` in float32 (whose central differences agree to about
        ``u^(2/3) ≈ 2e-5``), ``1e-1`` in float16, ``0.25`` in bfloat16 (still enough to
        catch a factor 2).

    Returns
    -------
    GradientCheck
    """
    if rtol is not None and not (
        isinstance(rtol, (int, float, np.integer, np.floating))
        and not isinstance(rtol, (bool, np.bool_))
        and math.isfinite(float(rtol) if abs(rtol) < 2**1024 else math.inf)
        and rtol >= 0
    ):
        raise ParameterError(
            f"rtol={_excerpt(rtol)} must be a finite number >= 0, or None for the default "
            "of f's precision"
        )
    x0 = _as_point(x)
    analytic, _ = _as_values(_call(grad, x0.copy(), "grad"), "grad", integers=True)
    if analytic.shape != x0.shape:
        if analytic.size == 1 and x0.size == 1:
            analytic = analytic.reshape(x0.shape)
        else:
            raise ParameterError(
                f"grad(x) has shape {analytic.shape} but x has {x0.shape}: return one "
                "partial derivative per entry of x"
            )
    floors: list[tuple[float, float, float]] = []
    numerical, precision = _gradient(f, x0, h, method, floors)
    if rtol is None:
        rtol = precision.rtol
    with np.errstate(all="ignore"):
        gap = np.abs(analytic - numerical)
        diff = float(np.max(gap, initial=0.0))
        scale = float(
            max(np.max(np.abs(analytic), initial=0.0), np.max(np.abs(numerical), initial=0.0))
        )
        err = diff / scale if scale > 0 else diff
    if np.isnan(analytic).any():
        err = math.nan
    elif not err <= rtol:
        _undecided(gap.reshape(-1), floors, x0, precision)
    return GradientCheck(err, bool(err <= rtol), analytic, numerical)


def _undecided(gap: np.ndarray, floors: list, x: np.ndarray, p: _Precision) -> None:
    """Refuse to judge a gradient that disagrees with the numerical one only by less than
    finite differences resolve at ``x`` (every entry's gap within its rounding floor): at
    ``x = 1e-12`` in float32, ``f(x ± h)`` of ``Σx²`` round to one number and the quotient
    is 0 for a right gradient and a wrong one alike."""
    floor = np.array([entry[0] for entry in floors])
    if not (gap <= floor).all():
        return  # some entry differs by more than rounding explains: a wrong gradient
    k = int(np.argmax(floor))
    _, big, step = floors[k]
    larger = "" if p is _F64 else f", or compute f in float64 (it computes in {p.name})"
    raise ParameterError(
        f"check_gradient cannot decide at x = {_show(x)}: grad and the numerical gradient "
        f"differ by at most {float(gap.max()):.3g}, less than finite differences in "
        f"{p.name} resolve there (about {float(floor[k]):.3g}: f ≈ {big:.3g} rounds by more "
        f"than the step {step:.3g} moves it); the gradient at this point is too small to "
        f"check. Check at a point where it is larger (x farther from where it vanishes, "
        f"entries of x nearer 1){larger}"
    )


# ------------------------------------------------------------------- the step trade-off


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


def _scalar(fn: Callable, x: float, who: str, *, integers: bool = False) -> float:
    """``fn(x)`` as one float, checked."""
    out, _ = _as_values(_call(fn, x, who), who, integers=integers)
    if out.size != 1:
        raise ParameterError(
            f"{who} returned an array of shape {out.shape}; {who}(x) must return one number "
            "for the one number x"
        )
    return float(out.reshape(()))


def _as_steps(steps: Any) -> np.ndarray:
    """``step_size_errors``' steps: a non-empty 1-D array of positive, finite numbers."""
    try:
        hs = _as_step(steps, np.shape(steps))
    except (ParameterError, TypeError, ValueError):
        hs = None
    if hs is None or hs.ndim != 1 or hs.size == 0:
        raise ParameterError(
            f"steps={_excerpt(steps)} must be a 1-D array of positive, finite numbers"
        )
    return hs


def _naive_quotients(f: Callable, x: float, h: float) -> tuple[float, float]:
    """Forward and central quotients exactly as written, with the nominal ``h``."""
    fx, fp, fm = _scalar(f, x, "f"), _scalar(f, x + h, "f"), _scalar(f, x - h, "f")
    with np.errstate(all="ignore"):
        return (fp - fx) / h, (fp - fm) / (2 * h)


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
    point = _as_point(x)
    if point.size != 1:
        raise DataError(
            f"x has shape {point.shape}; step_size_errors studies one point: pass a single number"
        )
    x = float(point.reshape(()))
    hs = np.logspace(-16, 0, 65) if steps is None else _as_steps(steps)
    exact = _scalar(df, x, "df", integers=True)
    quotients = np.array([_naive_quotients(f, x, float(h)) for h in hs]).reshape(-1, 2)
    fwd, ctr = np.abs(quotients[:, 0] - exact), np.abs(quotients[:, 1] - exact)
    return StepSizeErrors(hs, fwd, ctr, float(hs[np.argmin(fwd)]), float(hs[np.argmin(ctr)]))
