"""The compiled scalar rules the numba backend's kernels share with its CSR kernels
(:mod:`neurona.backends._sparse`): each neuron's error and loss codes, the rate of a
step, the row visited at a position, and how far ahead rows are asked of the cache. Kept
apart from both so that neither imports the other."""

from __future__ import annotations

import numba as nb
import numpy as np
from numba.extending import overload

from ._simd import prefetch_row

#: codes of the scalar error (``_error``) inside the kernels
_MARGIN, _THRESHOLD, _IDENTITY, _SIGMOID = 0, 1, 2, 3
#: codes of the scalar loss (``_loss``): the perceptron criterion, half the squared
#: error, the log loss
_CRITERION, _SQUARED, _LOG = 0, 1, 2
#: each neuron's scalar rule, ``(error code, loss code)``, compiled into the kernels as a
#: constant: the compiled twin of ``Neuron.error`` / ``Neuron.loss``, keyed by
#: ``Neuron.name`` (tests/test_architecture.py checks it against ``neurona.neurons.NEURONS``,
#: value by value). A neuron missing here trains on the NumPy reference.
KERNEL_RULES: dict[str, tuple[int, int]] = {
    "perceptron-margin": (_MARGIN, _CRITERION),
    "perceptron-error": (_THRESHOLD, _CRITERION),
    "adaline": (_IDENTITY, _SQUARED),
    "linear": (_IDENTITY, _SQUARED),
    "logistic": (_SIGMOID, _LOG),
}
_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))

#: No fast-math flags: every sum is taken in the order ``neurona.backends._simd`` writes
#: it (SIMD lanes, a fixed tree), whichever kernel inlines it, so a row's net input is the
#: same bits in every kernel and pass (with ``reassoc``, LLVM re-associated ``dot`` and
#: ``dot2`` differently, and a run's loss changed in the last bit when a callback was
#: added). Updates are never contracted into fused multiply-adds either, so each weight
#: update is rounded exactly as NumPy's ``W += np.outer(x, step)``.
_KERNEL_MATH: set[str] = set()


@nb.njit(inline="always")
def _above(z, best):  # pragma: no cover - compiled
    """Whether ``z`` takes the place of ``best`` in NumPy's ``argmax``: it is larger, or
    it is the first NaN (NumPy's ``argmax`` returns the first NaN)."""
    return z > best or (z != z and best == best)


@nb.njit(inline="always")
def _error(code, z, t):  # pragma: no cover - compiled
    """``e = t - σ_fit(z)`` of one entry, in the data's dtype (``Neuron.error``)."""
    if code == _MARGIN:
        return t if t * z <= 0 else t - t
    if code == _THRESHOLD:
        return t - (z > 0)
    if code == _SIGMOID:  # y σ(-y z), y = 2t - 1, from e^{-|u|} (Neuron.error's text)
        one = t - t + True  # 1 in the data's dtype (an int literal would widen float32)
        y = t + t - one
        u = y * z
        s = np.exp(-abs(u))
        return (y * s if u > 0 else y) / (one + s)
    return t - z


@nb.njit(inline="always")
def _loss(rule, z, t):  # pragma: no cover - compiled
    """Loss of one entry (``Neuron.loss``); NaN propagates as in ``np.maximum``."""
    if rule[1] == _CRITERION:
        s = t if rule[0] == _MARGIN else 2 * t - 1
        v = -s * z
        return 0.0 if v <= 0 else v  # max(0, v); NaN (v <= 0 is False) propagates
    if rule[1] == _LOG:  # log(1 + e^{-u}) = max(-u, 0) + log1p(e^{-|u|}), u = (2t - 1) z
        u = (t + t - (t - t + True)) * z
        return (t - t if -u <= 0 else -u) + np.log1p(np.exp(-abs(u)))
    d = z - t
    return 0.5 * (d * d)


@nb.njit(inline="always")
def _row_index(order, p):  # pragma: no cover - compiled
    """Row visited at position ``p``: ``p`` itself when there is no order."""
    if order is None:
        return p
    return order[p]


def _rate(sched, t):
    """``η_t = η_0 / (t + 1)^p``, the same float64 arithmetic as ``Schedule.rate``.

    Overloaded on ``p``: a constant rate (``p`` None) compiles to ``η_0`` alone. A call to
    ``pow`` anywhere in a loop, even on a branch never taken, makes the compiler save every
    vector register around it, weights held across rows included.
    """
    raise NotImplementedError("compiled only")  # pragma: no cover


@overload(_rate, inline="always")
def _rate_impl(sched, t):
    if isinstance(sched.types[1], nb.types.NoneType):
        return lambda sched, t: sched[0]
    return lambda sched, t: sched[0] / (t + 1.0) ** sched[1]


#: how far ahead of the row being summed the kernels ask for rows, in bytes: a row's
#: cache lines are requested about 8 KiB of data ahead (10 rows of 100 float64), where the
#: hardware prefetcher, which follows one stream and restarts after each page, lags.
#: Measured on 10⁶ x 100 float64 (Emerald Rapids): an online epoch that also counts its
#: starting weights' accuracy took 1.29 times a counting pass, 1.04 with the rows asked
#: ahead; the plain epoch 1.11, then 1.01.
_AHEAD_BYTES = 8192


@nb.njit(inline="always")
def _rows_ahead(X):  # pragma: no cover - compiled
    """Rows between the one summed and the one asked for (at least 1)."""
    return max(1, _AHEAD_BYTES // max(1, X.shape[1] * X.itemsize))


@nb.njit(inline="always")
def _ask_ahead(X, order, p, n, ahead):  # pragma: no cover - compiled
    """Ask the cache for the row visited ``ahead`` visits after visit ``p`` (of ``n``)."""
    if p + ahead < n:
        prefetch_row(X, _row_index(order, p + ahead))
