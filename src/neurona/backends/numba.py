r"""The compiled backend: the lecture's loops, compiled by Numba.

Two kinds of kernel run every neuron and every mode, each in a one-output version (the
hot path, on 1-D weights) and a ``K``-output version (one-vs-rest):

* per row (``online``, ``random``: ``_per_row_1``, ``_per_row_k``), one update per row,

  .. math:: z = x^\top W + b,\quad e = t - \sigma_{fit}(z),\quad
            W \leftarrow W + x\,(\eta_t e)^\top,\quad b \leftarrow b + \eta_t e,

  visiting ``plan.order`` through its index array (``X`` is never copied or gathered).
  For float32 identity neurons (every row updates, and a row is read in half the time)
  the next row's net input is computed ahead, from the weights before the update plus a
  correction, so the rows do not wait on each other (``_per_row_identity``);
* per step (``minibatch``, ``batch``: ``_per_step_1``, ``_per_step_k``): the weights are
  fixed during a step, so each row's net input and its share of the gradient
  :math:`G = \sum_{i \in S} x_i e_i^\top` are computed while the row is in cache (the
  one-output kernel adds them to a block sum held in registers, or ``TILE`` = 8 rows at a
  time with ``add_rows``); ``X`` is read once per epoch, and ``W += (η_t r) G`` once per
  step.

The row arithmetic (dot products, updates) is written with explicit SIMD vectors in
``neurona.backends._simd``, which states its rounding. Two things keep a row's cost at the
cost of reading it:

* rows are taken by ``_simd.row(X, i)``, never as ``X[i]``: a Numba array view costs two
  reference-count calls per row, which the compiler cannot remove around the update's
  branch (measured: the online perceptron went from 1.16x to 1.03x the time to read X);
* the one-output kernels hold the weights in vector registers (``HOLD_WEIGHTS``; on
  AVX-512, up to 16 vectors: m <= 128 in float64, 256 in float32): for a whole online
  epoch, so after an update the next row waits only for register arithmetic, not for
  stores and reloads of ``w``; and for each minibatch/batch step, with the step's gradient
  block as well where both fit (``_STEP_HOLD``: m <= 104 in float64, 208 in float32).
  The held and in-memory forms compute the same bits;
* the ``K``-output kernels hold each row instead (``_hold(row(X, i), held)``, the same
  budget), and every output's weights are read against it: ``dots_held`` sums a vector's
  worth of outputs (8 float64, 16 float32) and takes their horizontal sums together, an
  update adds ``x · step`` from the held row, and a step's gradient adds a tile's rows to
  three outputs' blocks per pass (``add_rows3``). Each sum and update is the one-output
  kernel's, in its order: column ``k`` of a ``K``-output epoch is the one-output epoch on
  column ``k``, bit for bit (tests/test_backends.py), with one exception: a step of more
  than ``_BLOCK`` = 256 rows in which the outputs err on different rows (perceptron
  rules; zero sample weights). The K-output kernel closes a block after 256 rows with any
  error, the one-output kernel after 256 rows with its own, so their float64 sums across
  blocks are grouped differently and agree to rounding. 2·10⁵ x 100 float64, K = 10: the
  online perceptron epoch went from 2.95 to about 2.0-2.4 reads of ``X``, the batch and
  minibatch ADALINE epochs from 4.0-4.2 to about 2.8-3.2 (the machine of
  ``benchmarks/bench_small.py``; its sums run at roughly one vector multiply-add a cycle,
  so 2·K·m multiply-adds a row bound them near 2 reads).
* from ``GEMM_OUTPUTS`` = 32 outputs, minibatch and batch steps hand their two products
  to BLAS instead (``_per_step_gemm``): for each block of 64 rows of a step,
  :math:`Z = X_B W` and the gradient share :math:`E_B^\top X_B` (``np.dot``, GEMM; the
  block's rows come from memory once), in BLAS's summation order, so the weights agree
  with the register kernels' and NumPy's to rounding (tested), not bit for bit. One
  epoch of batch ADALINE, K = 48 on 10⁵ x 100: 14.6 -> 9.6 reads of ``X``; K = 100 on
  2·10⁴ rows: 40 -> 23 (the perceptron's 53 -> 27); below 32 outputs the register
  kernels are the faster (K = 10: 3.3 reads against 4.1).

Sample weights and ``fit_intercept`` are compile-time choices of every kernel (a weight
array or None, overloaded helpers; the intercept flag a closure constant of the kernel
factories): with neither, the kernels compile to the code they were before them.
Penalties and averaging (:class:`neurona.neurons.Terms`) run in kernels of their own
(``_per_row_terms``, ``_per_step_terms``: weights in memory, every output), the hot
kernels untouched.

The kernels are single-threaded (``nogil``), compiled on first use for the dtypes met
(float64 and float32) and for each held-weights layout, and cached on disk (``cache=True``).

Exactness against the NumPy reference
-------------------------------------
The per-row updates are the reference's elementwise operations in the reference's order
(``step = η_t e`` rounded to the data's dtype, then ``W[j, k] += x[j] * step[k]``, no fused
multiply-add; the float32 LMS pass, whose net inputs are computed ahead, fuses it), so
weights agree bit for bit whenever the net inputs do. The net input is a
dot product summed in SIMD lanes (as BLAS does, in another lane order), so ``z`` can
differ from NumPy's in the last bits:

* perceptron rules, per row: the update depends on ``z`` only through a sign, so the
  weights are identical unless some ``z`` lands within rounding of 0; on data whose sums
  are exact (integers) every mode gives NumPy's weights and statistics bit for bit;
* identity neurons (ADALINE, linear; in float32 ``z`` is also computed ahead, see above)
  and every multi-row step: weights agree to ``rtol = 1e-9`` (float64) and ``rtol = 1e-4``
  (float32) per epoch on well-scaled data (tested in tests/test_backends.py). A step's
  ``G`` is summed in the data's dtype over blocks of 256 rows with ``e != 0`` (row by
  row, with fused multiply-adds, in the one-output kernel) and in float64 across blocks,
  then rounded to the data's dtype; BLAS sums ``Xᵀ E`` in its own blocks (and so does
  ``_per_step_gemm``, from 32 outputs, for ``Z`` as well, in blocks of 64 rows).

float32 data are computed in float32 (only the cross-block sums are float64) and ``W``,
``b`` stay float32. Inputs the kernels do not take (mixed or non-float dtypes, empty X)
run on the NumPy reference instead; non-contiguous ``X`` is copied to C order once.
"""

from __future__ import annotations

import functools

import numba as nb
import numpy as np
from numba.extending import overload

from ..errors import ParameterError
from ..modes import EpochPlan
from ..neurons import Neuron
from ..schedules import Schedule
from . import EpochStats
from . import numpy as _reference
from ._jit import kernel as _cached
from ._simd import HOLD_VECTORS, Held
from ._simd import ROWS_OUTPUTS as _ROWS_OUTPUTS
from ._simd import TILE as _TILE
from ._simd import accumulate as _accumulate
from ._simd import add_rows as _add_rows
from ._simd import add_rows3 as _add_rows3
from ._simd import axpy as _axpy_row
from ._simd import dot as _dot
from ._simd import dot2 as _dot2
from ._simd import dot4 as _dot4
from ._simd import dots_held as _dots_held
from ._simd import held_shape as _held_shape
from ._simd import hold as _hold
from ._simd import release as _release
from ._simd import row as _row
from ._simd import update as _update
from ._simd import update_ahead as _update_ahead

__all__ = ["HOLD_WEIGHTS", "KERNEL_RULES", "count_correct", "dot", "run_epoch"]

from ._kernel_rules import (  # noqa: F401 - shared with the CSR kernels (_sparse)
    _CRITERION,
    _FLOATS,
    _IDENTITY,
    _KERNEL_MATH,
    _LOG,
    _MARGIN,
    _SIGMOID,
    _SQUARED,
    _THRESHOLD,
    KERNEL_RULES,
    _above,
    _ask_ahead,
    _error,
    _loss,
    _rate,
    _row_index,
    _rows_ahead,
)  # fmt: skip

#: The one-output kernels hold the weights in vector registers across rows where the
#: machine has room (AVX-512, at most ``_simd.HOLD_VECTORS`` vectors of weights): after an
#: update, the next row's net input waits for register arithmetic only. Both forms compute
#: the same bits (tests/test_backends.py switches this off to compare).
HOLD_WEIGHTS = HOLD_VECTORS > 0
#: vectors the step kernel may hold for the weights and the block sum together (13 + 13
#: for m = 100 in float64: 1.06x read-X against 1.2-1.3x with the block sum in memory)
_STEP_HOLD = 26
#: rows whose gradient shares are summed in the data's dtype before joining the float64 sum
#: (a multiple of ``_TILE``)
_BLOCK = 256


def run_epoch(
    X: np.ndarray,
    T: np.ndarray,
    W: np.ndarray,
    b: np.ndarray,
    plan: EpochPlan,
    neuron: Neuron,
    schedule: Schedule,
    t0: int,
    *,
    count_start: bool = False,
    on_update: object = None,
    sample_weight: np.ndarray | None = None,
    fit_intercept: bool = True,
    terms: object = None,
) -> EpochStats:
    """Run one epoch in place on ``W`` (n_features, n_outputs) and ``b`` (n_outputs,).

    ``X`` is (n_rows, n_features), ``T`` (n_rows, n_outputs) holds the targets; the
    semantics are those of :func:`neurona.backends.numpy.run_epoch`. With
    ``count_start``, the epoch also counts the visited rows that the weights it started
    from classify correctly (``EpochStats.n_correct_start``; see :func:`count_correct`),
    in the same pass: a second dot product per row on the row already in cache, none in
    the first step of a multi-row mode, whose weights are still the starting ones.
    ``on_update`` is refused: the kernels do not call back. ``sample_weight``
    (n_rows, n_outputs) and ``fit_intercept`` as for
    :func:`neurona.backends.numpy.run_epoch`; both are compile-time choices of the
    kernels (None and True compile to the kernels without them).
    """
    if on_update is not None:
        raise ParameterError("the numba backend does not call back per update: use numpy")
    epoch = epoch_runner(X, T, W, b, neuron, sample_weight=sample_weight,
                         fit_intercept=fit_intercept, terms=terms)  # fmt: skip
    if epoch is not None:
        return epoch(plan, schedule, t0, count_start)
    S, rule = sample_weight, KERNEL_RULES.get(neuron.name)
    compiled = rule is not None and _compiled_types(X, T, W, b, S)
    if compiled and _is_sparse(X):
        l2 = _csr_l2(terms, plan, T) if terms is not None and terms.active else 0.0
        if l2 is not None:  # (with L2 alone, Terms' other state stays unused)
            return _run_csr(X, T, W, b, plan, neuron, schedule, t0, count_start, S,
                            fit_intercept, l2)  # fmt: skip
    elif compiled:  # dense, with penalties or averaging (the runner took the others)
        _check_epoch_arrays(X, T, W, b, S)
        S = None if S is None else np.ascontiguousarray(S)
        key = (*rule, bool(fit_intercept))
        return _run_terms(X, T, W, b, plan, neuron, schedule, t0, count_start, S, key, terms)
    return _reference.run_epoch(
        X, T, W, b, plan, neuron, schedule, t0, count_start=count_start,
        sample_weight=S, fit_intercept=fit_intercept, terms=terms,
    )  # fmt: skip


def epoch_runner(X, T, W, b, neuron, *, sample_weight=None, fit_intercept=True, terms=None):
    """``epoch(plan, schedule, t0, count_start=False) -> EpochStats``: :func:`run_epoch` on
    these arrays, with what stays the same from one epoch to the next (the checks, the
    contiguous copies, the kernel's arguments) done once; None where the epoch needs
    another path (sparse ``X``, penalties or averaging, types the kernels do not take).

    For the training loop, which runs many epochs on the same arrays: on lecture-sized
    data the checks cost more than the epoch itself (569 x 30: about 9 µs against 4 µs).
    ``W`` and ``b`` may be changed between epochs (the training loop restores them after a
    diverging epoch): each epoch reads them, and writes its result into them.
    """
    S = sample_weight
    rule = KERNEL_RULES.get(neuron.name)
    if (
        rule is None
        or _is_sparse(X)
        or (terms is not None and terms.active)
        or not _compiled_types(X, T, W, b, S)
    ):
        return None
    _check_epoch_arrays(X, T, W, b, S)
    S = None if S is None else np.ascontiguousarray(S)
    key = (*rule, bool(fit_intercept))  # the kernels are made per rule and intercept
    X, T = np.ascontiguousarray(X), np.ascontiguousarray(T)
    Wt, bc = np.ascontiguousarray(W.T), np.ascontiguousarray(b)  # views unless they must copy
    copied = not np.may_share_memory(Wt, W), not np.may_share_memory(bc, b)
    mid = X.dtype.type(neuron.target_midpoint)
    n_rows = len(X)
    # one output's weights, or each row of K outputs, held in registers where they fit
    held = _held_shape(X.shape[1], X.itemsize) if HOLD_WEIGHTS else None
    if Wt.shape[0] == 1:  # one output: the hot path, on 1-D weights and targets
        weights, t = (Wt[0], bc), T[:, 0]
        sw = None if S is None else np.ascontiguousarray(S[:, 0])
        holds = _step_holds(X.shape[1], X.itemsize)
        ahead = rule[0] == _IDENTITY and X.dtype == np.float32
        per_row = _per_row_identity(key) if ahead else _per_row_1(key)
    else:
        weights = (Wt, bc)
        scratch = np.empty(Wt.shape[0], X.dtype)

    def epoch(plan: EpochPlan, schedule: Schedule, t0: int, count_start: bool = False):
        if copied[0]:
            Wt[...] = W.T
        if copied[1]:
            bc[...] = b
        order = None if plan.order is None else np.ascontiguousarray(plan.order, dtype=np.int64)
        power_t = None if schedule.power_t == 0 else float(schedule.power_t)  # see _rate
        sched = (float(schedule.eta0), power_t, int(t0))
        steps = (plan.step, plan.mean)
        if Wt.shape[0] == 1:
            initial = (Wt[0].copy(), bc[0], mid) if count_start else None
            if plan.step > 1:
                result = _per_step_1(key)(X, order, t, weights, sched, steps, initial, holds, sw)
            else:
                result = per_row(X, order, t, weights, sched, initial, held, sw)
        else:
            initial = (Wt.copy(), bc.copy(), scratch) if count_start else None
            if plan.step == 1:
                kernel = _per_row_k(key)
            elif Wt.shape[0] >= GEMM_OUTPUTS:  # many outputs: the step's products by BLAS
                kernel = _per_step_gemm(key)
            else:
                kernel = _per_step_k(key)
            result = kernel(X, order, T, weights, sched, steps, initial, held, S)
        loss_sum, n_err, n_steps, n_right, n_bad = result
        if copied[0]:
            W[...] = Wt.T
        if copied[1]:
            b[...] = bc
        n = n_rows if order is None else len(order)
        correct = int(n_right) if count_start else None
        return EpochStats(float(loss_sum), int(n_err), n, int(n_steps), correct, int(n_bad))

    return epoch


def _run_terms(X, T, W, b, plan, neuron, schedule, t0, count_start, S, key, terms):
    """An epoch with penalties or averaging (:class:`neurona.neurons.Terms`): the kernels
    ``_per_row_terms`` and ``_per_step_terms`` (K outputs, weights in memory), kept apart
    from the hot kernels so that those compile without a trace of them. ``count_start``
    costs a pass of its own here."""
    correct = count_correct(X, T, W, b, neuron) if count_start else None
    X, T = np.ascontiguousarray(X), np.ascontiguousarray(T)
    Wt, bc = np.ascontiguousarray(W.T), np.ascontiguousarray(b)
    order = None if plan.order is None else np.ascontiguousarray(plan.order, dtype=np.int64)
    power_t = None if schedule.power_t == 0 else float(schedule.power_t)
    sched = (float(schedule.eta0), power_t, int(t0))
    vectors = [np.ascontiguousarray(a) for a in (terms.u, terms.avg_b, terms.a, terms.beta,
                                                 terms.scale)]  # fmt: skip
    qt, At = np.ascontiguousarray(terms.q.T), np.ascontiguousarray(terms.A.T)
    # an averaging start beyond int64 is never reached: the largest int64 means the same
    start = min(int(terms.average), int(np.iinfo(np.int64).max))
    tm = (float(terms.l2), float(terms.l1), start, vectors[0], qt, At,
          *vectors[1:])  # fmt: skip
    if plan.step > 1:
        kernel = _per_step_terms(key)
        result = kernel(X, order, T, (Wt, bc), sched, (plan.step, plan.mean), S, tm)
    else:
        result = _per_row_terms(key)(X, order, T, (Wt, bc), sched, S, tm)
    loss_sum, n_err, n_steps, n_bad = result
    _write_back(W, Wt)
    _write_back(b, bc)
    for dst, src in zip((terms.u, terms.avg_b, terms.a, terms.beta, terms.scale), vectors,
                        strict=True):  # fmt: skip
        _write_back(dst, src)
    _write_back(terms.q, qt)
    _write_back(terms.A, At)
    n_rows = len(X) if order is None else len(order)
    return EpochStats(float(loss_sum), int(n_err), n_rows, int(n_steps), correct, int(n_bad))


def count_correct(
    X: np.ndarray, T: np.ndarray, W: np.ndarray, b: np.ndarray, neuron: Neuron
) -> int:
    """Rows whose class the weights read correctly, in one compiled pass over ``X``.

    The same count as :func:`neurona.neurons.n_correct` on ``X @ W + b`` (threshold at 0
    for one output, argmax for one-vs-rest), without forming ``X @ W``; a row whose net
    input lands within rounding of the threshold (or of a tie) may count differently.
    """
    if neuron.name not in KERNEL_RULES or not _compiled_types(X, T, W, b):
        return _reference.count_correct(X, T, W, b, neuron)
    if _is_sparse(X):
        from ._sparse import count_correct_csr

        return count_correct_csr(X, np.ascontiguousarray(T), np.ascontiguousarray(W), b, neuron)
    X, T = np.ascontiguousarray(X), np.ascontiguousarray(T)
    Wt = np.ascontiguousarray(W.T)
    held = _held_shape(X.shape[1], X.itemsize) if HOLD_WEIGHTS else None
    if Wt.shape[0] == 1:
        mid = X.dtype.type(neuron.target_midpoint)
        return int(_correct_1(X, np.ascontiguousarray(T[:, 0]), Wt[0], b[0], mid, held))
    scratch = np.empty(Wt.shape[0], X.dtype)
    return int(_correct_k(X, T, Wt, np.ascontiguousarray(b), scratch, held))


@_cached(nogil=True, fastmath=_KERNEL_MATH)
def _correct_1(X, t, w_out, b0, mid, held):  # pragma: no cover - compiled
    """Rows of ``X`` that ``(w_out, b0)`` reads right; ``held`` as for ``per_row_1``: the
    weights are held in registers where they fit (the same sums, bit for bit: 63 ms against
    80 ms for a pass that reloads them every row, 10⁶ x 100 float64), and rows are asked
    for ahead as in the epochs."""
    w = _hold(w_out, held)
    n_right, n = 0, X.shape[0]
    ahead = _rows_ahead(X)
    for i in range(n):
        _ask_ahead(X, None, i, n, ahead)
        n_right += _right_1(_row(X, i), t[i], (w, b0, mid))
    return n_right


@_cached(nogil=True, fastmath=_KERNEL_MATH)
def _correct_k(X, T, Wt, b, scratch, held):  # pragma: no cover - compiled
    """As ``_correct_1`` for ``K`` outputs (argmax against argmax): each row held in
    registers where it fits (``held``), its ``K`` sums taken from there."""
    n_right, n = 0, X.shape[0]
    ahead = _rows_ahead(X)
    for i in range(n):
        _ask_ahead(X, None, i, n, ahead)
        n_right += _right_k(_hold(_row(X, i), held), T, i, (Wt, b, scratch))
    return n_right


# ``initial`` is None, or (weights at the epoch's start, their bias, target midpoint) for
# one output, (weights, bias, a scratch array of K) for K: the rows those weights read
# correctly are counted. The helpers below are overloaded on its type, so a kernel
# compiled for None carries no trace of the count.


def _right_1(x, t, initial):
    """1 if ``initial = (w, b, midpoint)`` reads row ``x`` correctly (``z > 0`` against
    ``t > midpoint``), else 0; 0 for ``initial = None``."""
    raise NotImplementedError("compiled only")  # pragma: no cover


def _right_k(x, T, i, initial):
    """As ``_right_1`` for ``K`` outputs (``initial = (Wt (K, m), b (K,), scratch (K,))``):
    argmax of ``z`` against argmax of ``T[i]``, the first index on ties (as NumPy's)."""
    raise NotImplementedError("compiled only")  # pragma: no cover


def _right_of_zk(z, T, i, initial):
    """``_right_k`` when ``z`` (K,) already holds the starting weights' net inputs."""
    raise NotImplementedError("compiled only")  # pragma: no cover


def _z_and_right(x, w, bias, t, initial):
    """``(xᵀ w + bias, _right_1(x, t, initial))``, both in one pass over ``x``."""
    raise NotImplementedError("compiled only")  # pragma: no cover


def _right_of_z(z, t, initial):
    """``_right_1`` when ``z`` already is the starting weights' net input."""
    raise NotImplementedError("compiled only")  # pragma: no cover


@overload(_right_1, inline="always")
def _right_1_impl(x, t, initial):
    if isinstance(initial, nb.types.NoneType):
        return lambda x, t, initial: 0

    def impl(x, t, initial):  # pragma: no cover - compiled
        w, b0, mid = initial
        return 1 if (_dot(x, w) + b0 > 0) == (t > mid) else 0

    return impl


@overload(_right_k, inline="always")
def _right_k_impl(x, T, i, initial):
    if isinstance(initial, nb.types.NoneType):
        return lambda x, T, i, initial: 0

    def impl(x, T, i, initial):  # pragma: no cover - compiled
        Wt, b, z = initial
        _dots(x, Wt, b, z)
        return _argmax_agrees(z, T, i)

    return impl


@overload(_right_of_zk, inline="always")
def _right_of_zk_impl(z, T, i, initial):
    if isinstance(initial, nb.types.NoneType):
        return lambda z, T, i, initial: 0
    return lambda z, T, i, initial: _argmax_agrees(z, T, i)


@nb.njit(inline="always")
def _argmax_agrees(z, T, i):  # pragma: no cover - compiled
    """1 if the first largest ``z[k]`` (NaN the largest, as in NumPy's ``argmax``) and
    the first largest ``T[i, k]`` share ``k``."""
    z_best, k_best = z[0], 0
    t_best, k_true = T[i, 0], 0
    for k in range(1, z.shape[0]):
        if _above(z[k], z_best):
            z_best, k_best = z[k], k
        if T[i, k] > t_best:
            t_best, k_true = T[i, k], k
    return 1 if k_best == k_true else 0


def _dots(x, Wt, b, z):
    """``z[k] = xᵀ Wt[k] + b[k]`` for every output, every sum in ``dot``'s order: for a row
    held in registers (``_hold(x, held)``), from there (the row loaded once for all ``K``:
    about 85 ns a row against 130-155 for ``dot4``, K = 10, m = 100 float64), a vector's
    worth of outputs at a time (``dots_held``: their horizontal sums taken together), the
    rest one by one; for a ``Row``, four at a time (``dot4``: each vector of ``x`` loaded
    once for the four), the rest one by one."""
    raise NotImplementedError("compiled only")  # pragma: no cover


@overload(_dots, inline="always")
def _dots_impl(x, Wt, b, z):
    if isinstance(x, Held):
        lanes = x.lanes

        def impl_held(x, Wt, b, z):  # pragma: no cover - compiled
            K = Wt.shape[0]
            grouped = K - K % lanes
            for first in range(0, grouped, lanes):  # a vector's worth of outputs at once
                sums = _dots_held(Wt, x, first)
                for o in range(lanes):
                    z[first + o] = sums[o] + b[first + o]
            for j in range(grouped, K):
                z[j] = _dot(_row(Wt, j), x) + b[j]

        return impl_held

    def impl(x, Wt, b, z):  # pragma: no cover - compiled
        K = Wt.shape[0]
        grouped = K - K % 4
        for k in range(0, grouped, 4):
            z0, z1, z2, z3 = _dot4(x, Wt, k)
            z[k], z[k + 1], z[k + 2], z[k + 3] = (z0 + b[k], z1 + b[k + 1], z2 + b[k + 2],
                                                  z3 + b[k + 3])  # fmt: skip
        for j in range(grouped, K):
            z[j] = _dot(x, _row(Wt, j)) + b[j]

    return impl


@overload(_z_and_right, inline="always")
def _z_and_right_impl(x, w, bias, t, initial):
    if isinstance(initial, nb.types.NoneType):
        return lambda x, w, bias, t, initial: (_dot(x, w) + bias, 0)

    def impl(x, w, bias, t, initial):  # pragma: no cover - compiled
        z, z0 = _dot2(x, w, initial[0])
        return z + bias, 1 if (z0 + initial[1] > 0) == (t > initial[2]) else 0

    return impl


@overload(_right_of_z, inline="always")
def _right_of_z_impl(z, t, initial):
    if isinstance(initial, nb.types.NoneType):
        return lambda z, t, initial: 0
    return lambda z, t, initial: 1 if (z > 0) == (t > initial[2]) else 0


def dot(x: np.ndarray, w: np.ndarray):
    """``xᵀ w`` of two 1-D C-contiguous arrays of one float dtype (the kernels' dot)."""
    if x.shape != w.shape or x.ndim != 1:
        raise ValueError(f"dot needs two 1-D arrays of one length, got {x.shape} and {w.shape}")
    return _dot_compiled(x, w)


@_cached(nogil=True)
def _dot_compiled(x, w):  # pragma: no cover - compiled
    return _dot(x, w)


def _step_holds(m: int, itemsize: int):
    """(held_w, held_g) for the one-output step kernel: the weights and the block sum held
    in registers when both fit in ``_STEP_HOLD`` vectors, else the weights alone where
    they fit (the block sum then goes through ``add_rows``)."""
    shape = _held_shape(m, itemsize) if HOLD_WEIGHTS else None
    if shape is not None and 2 * len(shape) <= _STEP_HOLD:
        return shape, shape
    return shape, None


def _check_epoch_arrays(X, T, W, b, S=None) -> None:
    """Refuse what the kernels would read or write out of bounds, or write through a
    read-only array (NumPy's reference raises ValueError on both, from its own operators).
    """
    (n, m), (n_t, k), (m_w, k_w) = X.shape, T.shape, W.shape
    if n_t != n or m_w != m or k_w != k or b.shape != (k,):
        raise ValueError(
            f"run_epoch needs X (n, m), T (n, K), W (m, K) and b (K,); got X {X.shape}, "
            f"T {T.shape}, W {W.shape}, b {b.shape}"
        )
    if S is not None and S.shape != T.shape:
        raise ValueError(f"run_epoch needs sample_weight {T.shape} like T; got {S.shape}")
    if not (W.flags.writeable and b.flags.writeable):
        raise ValueError("run_epoch updates W and b in place: pass writeable arrays")


def _is_sparse(X) -> bool:
    return type(X).__module__.startswith("scipy.sparse")


def _csr_l2(terms, plan, T) -> float | None:
    """The L2 rate the CSR kernel applies for ``terms`` (L2 alone, one output, per row), or
    None where the terms need the reference (L1, averaging, several outputs, steps)."""
    if terms.l1 or terms.average or plan.step != 1 or T.shape[1] != 1:
        return None
    return float(terms.l2)


def _run_csr(X, T, W, b, plan, neuron, schedule, t0, count_start, S, fit_intercept, l2=0.0):
    """An epoch on a CSR ``X`` (``neurona.backends._sparse``), on C-ordered ``W``, ``T``."""
    from ._sparse import run_epoch_csr

    _check_epoch_arrays(X, T, W, b, S)
    Wc, bc = np.ascontiguousarray(W), np.ascontiguousarray(b)
    stats = run_epoch_csr(
        X, np.ascontiguousarray(T), Wc, bc, plan, neuron, schedule, t0,
        count_start=count_start, sample_weight=S, fit_intercept=fit_intercept, l2=l2,
    )  # fmt: skip
    _write_back(W, Wc.T if W.ndim == 2 else Wc)
    _write_back(b, bc)
    return stats


def _compiled_types(X, T, W, b, S=None) -> bool:
    """Whether the kernels take these arrays: one float dtype, 2-D X, T, W and 1-D b (and
    the sample weights, if any, in that dtype)."""
    dtypes = {X.dtype, T.dtype, W.dtype, b.dtype} | ({S.dtype} if S is not None else set())
    shapes_ok = X.ndim == T.ndim == W.ndim == 2 and b.ndim == 1 and X.shape[0] > 0
    return len(dtypes) == 1 and X.dtype in _FLOATS and shapes_ok


def _write_back(dst: np.ndarray, src: np.ndarray) -> None:
    """Copy the kernel's result into the caller's array unless it was a view of it."""
    if not np.may_share_memory(dst, src):
        dst[...] = src.T if dst.ndim == 2 else src


# --------------------------------------------------------------------------- kernels
# ``order`` is None (rows 0..n-1: numba compiles a version without the index array) or an
# int64 array. Other arguments are grouped in tuples: rule = (error code, loss code),
# sched = (eta0, power_t or None for a constant rate, t0), steps = (rows per step, mean).
# Each kernel returns (loss_sum, n_errors, n_steps, rows the starting weights read right).
# The one-output kernels are made per rule (``_per_row_1(rule)``, ``_per_step_1(rule)``):
# the rule is then a compile-time constant. Passed at run time, it cost a branch per row on
# each code, and the values it kept live pushed held weights out of registers: an online
# perceptron epoch took 1.18x the time to read X instead of 1.00x (same process, A/B).


# Sample weights (``sw``: None, an (n,) array for one output, (n, K) for K) scale a row's
# error after the rate, as the reference: ``s = (η_t e) sw[i]``. The helpers are overloaded
# on ``sw``'s type, so the kernels compiled for None carry no trace of them.


def _weigh(e, sw, i, X, sched, t):
    """One output: ``e`` for ``sw = None``; else ``(η_t e) sw[i]``, the weighted step."""
    raise NotImplementedError("compiled only")  # pragma: no cover


def _step_of(e, sw, X, sched, t):
    """The step of a row whose (weighed) error ``e`` is not 0: ``η_t e`` for ``sw = None``
    (the rate taken only on updating rows), else ``e`` (already the step)."""
    raise NotImplementedError("compiled only")  # pragma: no cover


def _weigh_scaled(s, sw, i):
    """``s`` for ``sw = None``, else ``s · sw[i]`` (one output)."""
    raise NotImplementedError("compiled only")  # pragma: no cover


def _weigh_k(e, sw, i, X, sched, t):
    """K outputs, in place: nothing for ``sw = None``; else ``e[k] = (η_t e[k]) sw[i, k]``
    (``X`` for the dtype; ``sched`` None: ``e[k] · sw[i, k]``, a multi-row step's share)."""
    raise NotImplementedError("compiled only")  # pragma: no cover


@overload(_weigh, inline="always")
def _weigh_impl(e, sw, i, X, sched, t):
    if isinstance(sw, nb.types.NoneType):
        return lambda e, sw, i, X, sched, t: e
    if isinstance(sched, nb.types.NoneType):
        return lambda e, sw, i, X, sched, t: e * sw[i]
    return lambda e, sw, i, X, sched, t: (X.dtype.type(_rate(sched, t)) * e) * sw[i]


@overload(_step_of, inline="always")
def _step_of_impl(e, sw, X, sched, t):
    if isinstance(sw, nb.types.NoneType):
        return lambda e, sw, X, sched, t: X.dtype.type(_rate(sched, t)) * e
    return lambda e, sw, X, sched, t: e


@overload(_weigh_scaled, inline="always")
def _weigh_scaled_impl(s, sw, i):
    if isinstance(sw, nb.types.NoneType):
        return lambda s, sw, i: s
    return lambda s, sw, i: s * sw[i]


@overload(_weigh_k, inline="always")
def _weigh_k_impl(e, sw, i, X, sched, t):
    if isinstance(sw, nb.types.NoneType):
        return lambda e, sw, i, X, sched, t: None
    if isinstance(sched, nb.types.NoneType):

        def share(e, sw, i, X, sched, t):  # pragma: no cover - compiled
            for k in range(e.shape[0]):
                e[k] = e[k] * sw[i, k]

        return share

    def impl(e, sw, i, X, sched, t):  # pragma: no cover - compiled
        r = X.dtype.type(_rate(sched, t))
        for k in range(e.shape[0]):
            e[k] = (r * e[k]) * sw[i, k]

    return impl


@functools.cache
def _per_row_1(key: tuple[int, int, bool]):
    """The online/random kernel of one output for ``key = (*rule, fit_intercept)``
    (float32 identity neurons run ``_per_row_identity``)."""
    rule, fit_b = key[:2], key[2]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_row_1(X, order, T, weights, sched, initial, held, sw):  # pragma: no cover
        """Online/random epoch, one output: ``w`` (n_features,), ``T`` (n_rows,).

        ``held`` is ``_simd.held_shape(...)`` (the weights live in registers during the
        epoch) or None (they are updated in memory); both compute the same bits. A row
        with ``e = 0`` changes nothing (for an identity neuron, ``e = 0`` means a finite
        row, to which NumPy's ``0 · x`` adds nothing either).
        """
        w_out, b = weights
        w = _hold(w_out, held)
        n = X.shape[0] if order is None else order.shape[0]
        bias = b[0]
        loss_sum, n_err, n_right, n_bad = 0.0, 0, 0, 0
        ahead = _rows_ahead(X)
        for p in range(n):
            i = _row_index(order, p)
            _ask_ahead(X, order, p, n, ahead)
            x, t = _row(X, i), T[i]
            z, right = _z_and_right(x, w, bias, t, initial)
            n_right += right
            n_bad += not np.isfinite(z)
            e = _error(rule[0], z, t)
            loss_sum += _loss(rule, z, t)
            e = _weigh(e, sw, i, X, sched, sched[2] + p)
            if e != 0:
                n_err += 1
                s = _step_of(e, sw, X, sched, sched[2] + p)  # NumPy's weak scalar
                w = _update(w, x, s)
                if fit_b:
                    bias += s
        _release(w, w_out)
        b[0] = bias
        return loss_sum, n_err, n, n_right, n_bad

    return per_row_1


@functools.cache
def _per_row_identity(key: tuple[int, int, bool]):
    """The online/random kernel of one output for an identity neuron's ``key``."""
    rule, fit_b = key[:2], key[2]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_row_identity(X, order, T, weights, sched, initial, held, sw):  # pragma: no cover
        r"""LMS (identity neuron), one output, with the next row's net input computed ahead.

        Every row updates, so row ``p + 1``'s net input would wait for row ``p``'s update.
        Instead it is computed from the weights before that update (exactly as stored) and
        corrected: :math:`x_{p+1}^\top w_{p+1} = x_{p+1}^\top w_p + s_p\, x_{p+1}^\top x_p`,
        in the same pass over the row that applies :math:`w_{p+1} = w_p + s_p x_p` (fused
        into one rounding, see ``_simd``: LMS weights agree with NumPy's to a tolerance,
        not bit for bit). The loop has no branch on the data: a row with ``e = 0`` adds
        ``0 · x`` (no change for finite ``x``; a non-finite ``x`` makes ``z``, hence ``e``,
        non-finite anyway).

        Run for float32 only. A float64 row takes twice as long to arrive, long enough to
        hide the wait, and the second sum per row costs more than it saves: the plain loop
        (``_per_row_1``) ran at 0.93-1.05x read-X with the weights held against 1.23-1.30x
        for this one, and at 1.15x against 1.29x in memory; in float32 this one wins
        (0.79x against 0.84x held, 0.93x against 1.36x in memory), in A/B runs on m = 100.
        """
        w_out, b = weights
        w = _hold(w_out, held)
        n = X.shape[0] if order is None else order.shape[0]
        bias = b[0]
        loss_sum, n_err, n_right, n_bad = 0.0, 0, 0, 0
        ahead = _dot(_row(X, _row_index(order, 0)), w)  # x_0ᵀ w_0
        rows_ahead = _rows_ahead(X)
        for p in range(n):
            i = _row_index(order, p)
            _ask_ahead(X, order, p, n, rows_ahead)
            x, t = _row(X, i), T[i]
            n_right += _right_1(x, t, initial)
            z = ahead + bias
            n_bad += not np.isfinite(z)
            e = t - z
            loss_sum += _loss(rule, z, t)
            s = X.dtype.type(_rate(sched, sched[2] + p)) * e  # NumPy's weak scalar
            s = _weigh_scaled(s, sw, i)
            n_err += _weigh(e, sw, i, X, None, 0) != 0
            if p + 1 < n:
                ahead, w = _update_ahead(_row(X, _row_index(order, p + 1)), x, w, s)
            else:
                w = _update(w, x, s)
            if fit_b:
                bias += s
        _release(w, w_out)
        b[0] = bias
        return loss_sum, n_err, n, n_right, n_bad

    return per_row_identity


@functools.cache
def _per_row_k(key: tuple[int, int, bool]):
    """The online/random kernel of ``K`` outputs for ``key = (*rule, fit_intercept)``."""
    rule, fit_b = key[:2], key[2]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_row_k(X, order, T, weights, sched, steps, initial, held, sw):  # pragma: no cover
        """Online/random epoch, ``K`` outputs: ``Wt`` (K, n_features), ``T`` (n_rows, K).

        Each row is held in registers where it fits (``held``, as ``held_shape``; else
        None) and its ``K`` net inputs summed from there (``_dots``); a row updates the
        outputs whose error is not zero (NumPy's ``W += np.outer(x, step)`` adds ``0 · x``
        to the others: nothing for a finite row, and an epoch with a non-finite row is
        undone by the training loop), from the held row too.
        """
        Wt, b = weights
        n = X.shape[0] if order is None else order.shape[0]
        K = Wt.shape[0]
        z, e = np.empty(K, X.dtype), np.empty(K, X.dtype)
        losses, n_err, n_right, n_bad = np.zeros(K, np.float64), 0, 0, 0
        ahead = _rows_ahead(X)
        for p in range(n):
            i = _row_index(order, p)
            _ask_ahead(X, order, p, n, ahead)
            x = _hold(_row(X, i), held)
            n_right += _right_k(x, T, i, initial)
            n_bad += _row_k(x, T, i, Wt, b, z, e, rule, losses)
            _weigh_k(e, sw, i, X, sched, sched[2] + p)
            if _any(e):
                n_err += 1
                for k in range(K):
                    if e[k] != 0:  # NumPy adds 0 · x: nothing, for the finite rows kept
                        s = _step_of(e[k], sw, X, sched, sched[2] + p)  # NumPy's weak scalar
                        _axpy_row(_row(Wt, k), x, s)
                        if fit_b:
                            b[k] += s
        return _total(losses), n_err, n, n_right, n_bad

    return per_row_k


@nb.njit(inline="always")
def _row_k(x, T, i, Wt, b, z, e, rule, losses):  # pragma: no cover - compiled
    """Fill ``z`` and ``e`` (K,) for row ``x`` (targets ``T[i]``) and add each output's
    loss to ``losses`` (K,) float64; return 1 if a net input is not finite (else 0).

    Each output's loss is summed over the rows in its own float64 accumulator, as the
    one-output kernel sums its loss; the epoch's loss is their sum over outputs
    (``_total``). No sum runs across a row's outputs, so the outputs' arithmetic is
    independent lanes (one vector loop) rather than one chain of K dependent adds a row.
    """
    _dots(x, Wt, b, z)
    bad = 0
    for k in range(z.shape[0]):
        zk, tk = z[k], T[i, k]
        e[k] = _error(rule[0], zk, tk)
        losses[k] += _loss(rule, zk, tk)
        bad |= 0 if np.isfinite(zk) else 1
    return bad


@nb.njit(inline="always")
def _total(losses):  # pragma: no cover - compiled
    """The epoch's loss: the outputs' loss sums, added in output order."""
    total = 0.0
    for k in range(losses.shape[0]):
        total += losses[k]
    return total


@nb.njit(inline="always")
def _any(e):  # pragma: no cover - compiled
    for k in range(e.shape[0]):
        if e[k] != 0:
            return True
    return False


@functools.cache
def _per_step_1(key: tuple[int, int, bool]):
    """The minibatch/batch kernel of one output for ``key = (*rule, fit_intercept)``."""
    rule, fit_b = key[:2], key[2]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_step_1(X, order, T, weights, sched, steps, initial, holds, sw):  # pragma: no cover
        """Minibatch/batch epoch, one output; ``X`` is read once (z and gradient fused).

        ``holds = (held_w, held_g)`` (``_step_holds``). The weights are fixed during a step:
        held in registers where they fit. Each row's share ``e x`` of the gradient is added
        while the row is in cache, to a block sum (at most ``_BLOCK`` rows, in the data's
        dtype) that is either held in registers too (``held_g``: one fused multiply-add per
        vector and row) or, where it does not fit, in memory: rows with ``e != 0`` are
        then queued and every ``TILE`` of them added by one ``add_rows`` pass. Both add
        ``Σ e x`` row by row in the same order, with the same roundings.
        """
        w, b = weights
        held_w, held_g = holds
        n = X.shape[0] if order is None else order.shape[0]
        m = w.shape[0]
        g = np.zeros(m + 1, np.float64)  # Σ e x, then Σ e in the last slot
        block = np.zeros(m, X.dtype)  # Σ e x over at most _BLOCK rows, in the data's dtype
        rows, errors = np.zeros(_TILE, np.int64), np.zeros(_TILE, X.dtype)  # the queue
        loss_sum, n_err, n_right, n_bad, t = 0.0, 0, 0, 0, sched[2]
        ahead = _rows_ahead(X)
        for start in range(0, n, steps[0]):
            stop = min(start + steps[0], n)
            queued = in_block = 0
            w_step = _hold(w, held_w)
            acc = _hold(block, held_g)
            for p in range(start, stop):
                i = _row_index(order, p)
                _ask_ahead(X, order, p, n, ahead)
                x, ti = _row(X, i), T[i]
                z = _dot(x, w_step) + b[0]
                n_bad += not np.isfinite(z)
                if start == 0:  # the first step sees the starting weights: z is theirs
                    n_right += _right_of_z(z, ti, initial)
                else:
                    n_right += _right_1(x, ti, initial)
                e = _error(rule[0], z, ti)
                loss_sum += _loss(rule, z, ti)
                e = _weigh(e, sw, i, X, None, 0)
                if e != 0:
                    n_err += 1
                    g[-1] += e
                    if held_g is not None:
                        acc = _accumulate(acc, x, e)
                        in_block += 1
                    else:
                        rows[queued], errors[queued] = i, e
                        queued += 1
                        if queued == _TILE:
                            _add_rows(block, X, rows, errors)
                            queued, in_block = 0, in_block + _TILE
                    if in_block == _BLOCK:
                        _release(acc, block)
                        _flush(g, block)
                        acc = _hold(block, held_g)
                        in_block = 0
            if queued:  # a short tile: its rows one by one, as add_rows would add them
                in_memory = _hold(block, None)
                for k in range(queued):
                    in_memory = _accumulate(in_memory, _row(X, rows[k]), errors[k])
            _release(acc, block)
            _flush(g, block)
            _apply(w, b, 0, g, _rate(sched, t) / ((stop - start) if steps[1] else 1), fit_b)
            t += 1
        return loss_sum, n_err, t - sched[2], n_right, n_bad

    return per_step_1


@functools.cache
def _per_step_k(key: tuple[int, int, bool]):
    """The minibatch/batch kernel of ``K`` outputs for ``key = (*rule, fit_intercept)``."""
    rule, fit_b = key[:2], key[2]
    sparse = rule[0] in (_MARGIN, _THRESHOLD)  # mostly zero errors: skip the zero outputs

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_step_k(X, order, T, weights, sched, steps, initial, held, sw):  # pragma: no cover
        """Minibatch/batch epoch, ``K`` outputs; ``X`` is read once (z and gradient fused).

        A row's ``K`` net inputs are summed from the row held in registers where it fits
        (``held``, as in ``per_row_k``; ``_dots``); rows with a non-zero error are queued,
        and every ``TILE`` of them added to each output's block (``_add_tile``:
        ``add_rows3`` for three outputs at a time where every error counts, ``add_rows``
        for one; one pass over the tile's rows, in the data's dtype, at most ``_BLOCK``
        rows a block) that joins the float64 sum ``G``; ``W += (η_t r) G`` once per step.
        The same sums, in the same order, as the one-output kernel's, except where a
        step's outputs err on different rows past ``_BLOCK`` rows: a block then closes
        after ``_BLOCK`` rows with any error (the one-output kernel: with its own error),
        which groups the float64 sum ``G`` differently.
        """
        Wt, b = weights
        n = X.shape[0] if order is None else order.shape[0]
        K, m = Wt.shape
        z, e = np.empty(K, X.dtype), np.empty(K, X.dtype)
        G = np.zeros((K, m + 1), np.float64)  # Σ e xᵀ, then Σ e in the last column
        block = np.zeros((K, m), X.dtype)  # Σ e xᵀ over at most _BLOCK rows
        rows, errors = np.zeros(_TILE, np.int64), np.zeros((K, _TILE), X.dtype)  # the queue
        losses, n_err, n_right, n_bad, t = np.zeros(K, np.float64), 0, 0, 0, sched[2]
        ahead = _rows_ahead(X)
        for start in range(0, n, steps[0]):
            stop = min(start + steps[0], n)
            queued = in_block = 0
            flushed = False  # whether G[:, :m] holds more than this step's last block
            for p in range(start, stop):
                i = _row_index(order, p)
                _ask_ahead(X, order, p, n, ahead)
                x = _hold(_row(X, i), held)
                n_bad += _row_k(x, T, i, Wt, b, z, e, rule, losses)
                if start == 0:  # the first step sees the starting weights: z is theirs
                    n_right += _right_of_zk(z, T, i, initial)
                else:
                    n_right += _right_k(x, T, i, initial)
                _weigh_k(e, sw, i, X, None, 0)
                if _any(e):
                    n_err += 1
                    rows[queued] = i
                    for k in range(K):
                        errors[k, queued] = e[k]
                        G[k, m] += e[k]
                    queued += 1
                    if queued == _TILE:
                        _add_tile(block, X, rows, errors, sparse)
                        queued, in_block = 0, in_block + _TILE
                        if in_block == _BLOCK:
                            _flush_k(G, block)
                            in_block, flushed = 0, True
            for r in range(queued):  # a short tile: its rows one by one, as add_rows would
                for k in range(K):
                    _accumulate(_row(block, k), _row(X, rows[r]), errors[k, r])
            scale = _rate(sched, t) / ((stop - start) if steps[1] else 1)
            if flushed:
                _flush_k(G, block)
                for k in range(K):
                    _apply(Wt[k], b, k, G[k], scale, fit_b)
            else:  # a step of at most _BLOCK rows (minibatch): G's sum is the block's
                for k in range(K):
                    _apply_block(Wt, b, k, block, G, scale, fit_b)
            t += 1
        return _total(losses), n_err, t - sched[2], n_right, n_bad

    return per_step_k


#: outputs from which a minibatch/batch step hands its two products to BLAS (``_per_step_gemm``)
#: instead of the register kernel (``_per_step_k``). One epoch of batch and minibatch
#: (k = 32) ADALINE on 4·10⁴ x 100 float64, in reads of X, register kernel against BLAS:
#: K = 16 4.95/5.23 against 5.08/5.29, K = 24 6.53/6.18 against 6.21/6.15, K = 32
#: 8.30/9.35 against 7.30/7.65, K = 48 16.5/17.2 against 8.7/9.8; K = 100 on 2·10⁴ rows
#: 78/80 against 24/26 (OpenBLAS, SkylakeX kernels, one thread)
GEMM_OUTPUTS = 32
#: rows of a step whose products one pair of BLAS calls forms (``_per_step_gemm``): their
#: gradient share is summed in the data's dtype, blocks in float64 (64 rows took 0.9x the
#: time of 256 at K = 10 and 100)
_GEMM_ROWS = 64


def _rights(Z, Xb, T, rows, initial, first):
    """Rows of a block (``Xb``, rows ``rows`` of ``X``) that the epoch's starting
    weights ``initial = (Wt, b, scratch)`` read right (``_argmax_agrees``); 0 without
    ``initial``. ``first``: the block is in the epoch's first step, whose weights are the
    starting ones, so ``Z`` (with the biases) is theirs; otherwise their net inputs are
    formed by one more product."""
    raise NotImplementedError("compiled only")  # pragma: no cover


@overload(_rights, inline="always")
def _rights_impl(Z, Xb, T, rows, initial, first):
    if isinstance(initial, nb.types.NoneType):
        return lambda Z, Xb, T, rows, initial, first: 0

    def impl(Z, Xb, T, rows, initial, first):  # pragma: no cover - compiled
        Z0 = Z if first else np.dot(Xb, initial[0].T)
        if not first:
            for r in range(Z0.shape[0]):
                for k in range(Z0.shape[1]):
                    Z0[r, k] += initial[1][k]
        right = 0
        for r in range(Z0.shape[0]):
            right += _argmax_agrees(Z0[r], T, rows[r])
        return right

    return impl


@functools.cache
def _per_step_gemm(key: tuple[int, int, bool]):
    """The minibatch/batch kernel of many outputs (``K >= GEMM_OUTPUTS``) for
    ``key = (*rule, fit_intercept)``: each block of ``_GEMM_ROWS`` rows of a step forms its
    net inputs :math:`Z = X_B W^\top` and its gradient share :math:`E_B^\top X_B` by BLAS
    (``np.dot``: GEMM), the block's rows read from memory once and from cache for the
    second product."""
    rule, fit_b = key[:2], key[2]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_step_gemm(X, order, T, weights, sched, steps, initial, held, sw):  # pragma: no cover
        """Minibatch/batch epoch, ``K`` outputs, by blocks of ``_GEMM_ROWS`` rows.

        Per block: ``Z = X_B Wtᵀ`` (``X_B`` the block's rows: a slice of ``X``, or gathered
        in the visiting order), then for each row in order and each output ``z = Z + b``,
        the error, its loss (each output's own float64 sum, as ``per_step_k``) and the
        weighted error ``e``; ``Eᵀ X_B`` in the data's dtype joins the float64 sum ``G``
        (formed where a row of the block has an error or a net input that is not finite:
        as NumPy's ``Xᵀ E``, ``0 · inf`` then makes NaN; otherwise it is zero);
        ``W += (η_t r) G``, ``b += (η_t r) Σ e`` once per step (``_apply``).
        The counts (rows with an error, with a net input that is not finite, read right by
        the starting weights) are ``per_step_k``'s; the sums are BLAS's, in its order, so
        the weights agree with ``per_step_k``'s to rounding, not bit for bit. ``held`` is
        not used (the signature is ``per_step_k``'s).
        """
        Wt, b = weights
        n = X.shape[0] if order is None else order.shape[0]
        K, m = Wt.shape
        G = np.zeros((K, m + 1), np.float64)  # Σ e xᵀ over the step, then Σ e
        gathered = np.empty((_GEMM_ROWS if order is not None else 0, m), X.dtype)
        rows = np.empty(_GEMM_ROWS, np.int64)  # the block's rows of X
        E = np.empty((_GEMM_ROWS, K), X.dtype)
        losses, n_err, n_right, n_bad, t = np.zeros(K, np.float64), 0, 0, 0, sched[2]
        for start in range(0, n, steps[0]):
            stop = min(start + steps[0], n)
            for lo in range(start, stop, _GEMM_ROWS):
                hi = min(lo + _GEMM_ROWS, stop)
                for r in range(hi - lo):
                    rows[r] = _row_index(order, lo + r)
                if order is None:
                    Xb = X[lo:hi]
                else:
                    for r in range(hi - lo):
                        for j in range(m):
                            gathered[r, j] = X[rows[r], j]
                    Xb = gathered[: hi - lo]
                Z = np.dot(Xb, Wt.T)
                share_needed = False  # a row with an error, or with a non-finite net input
                for r in range(hi - lo):
                    i, bad = rows[r], 0
                    for k in range(K):
                        zk, tk = Z[r, k] + b[k], T[i, k]
                        Z[r, k] = zk
                        losses[k] += _loss(rule, zk, tk)
                        bad |= 0 if np.isfinite(zk) else 1
                        E[r, k] = _error(rule[0], zk, tk)
                    e = E[r]
                    _weigh_k(e, sw, i, X, None, 0)
                    for k in range(K):
                        G[k, m] += e[k]
                    any_e = _any(e)
                    n_bad += bad
                    n_err += any_e
                    share_needed = share_needed or any_e or bad != 0
                n_right += _rights(Z, Xb, T, rows, initial, start == 0)
                if share_needed:  # (else every e is 0 and every x finite: a zero share)
                    share = np.dot(E[: hi - lo].T, Xb)
                    for k in range(K):
                        for j in range(m):
                            G[k, j] += share[k, j]
            scale = _rate(sched, t) / ((stop - start) if steps[1] else 1)
            for k in range(K):
                _apply(Wt[k], b, k, G[k], scale, fit_b)
            t += 1
        return _total(losses), n_err, t - sched[2], n_right, n_bad

    return per_step_gemm


# --------------------------------------------------------------- penalties and averaging
# ``tm = (l2, l1, average, u, qt, At, avg_b, a, beta, scale)``: the state of
# ``neurona.neurons.Terms`` with ``q`` and ``A`` transposed to (K, m), the rows of ``Wt``.
# Each helper is the reference's arithmetic for output ``k`` (``Terms.decay``,
# ``Terms.after_step``, ``Terms.truncate``).
# They are compiled functions of their own, not inlined: inlined (``inline="always"``),
# numba 0.6x dropped ``_decay``'s writes to ``a`` and ``scale`` (the weights' were kept),
# so the averages drifted from the reference's (tests/test_sgd_contract_terms.py).


@_cached(nogil=True)
def _decay(w, k, tm, eta):  # pragma: no cover - compiled
    """L2's decay of output ``k``'s weights ``w`` (m,), with the average's bookkeeping."""
    l2, At, a, beta, scale = tm[0], tm[5], tm[7], tm[8], tm[9]
    if l2 == 0:
        return
    c = max(0.0, 1.0 - eta * l2)
    new_scale = scale[k] * c
    if new_scale < 1e-9 or (tm[1] == 0 and a[k] > 2.0 * beta[k]):  # RESET, GROWTH
        for j in range(w.shape[0]):
            At[k, j] = (At[k, j] + a[k] * w[j]) / beta[k]
        a[k], beta[k], new_scale = 0.0, 1.0, 1.0
    if c > 0:
        a[k] /= c
    scale[k] = new_scale
    cc = w.dtype.type(c)
    for j in range(w.shape[0]):
        w[j] *= cc


@_cached(nogil=True)
def _average_delta(k, tm, t, v, s):  # pragma: no cover - compiled
    """``A[k] -= a[k] · ΔW`` for the update ``ΔW = v · s`` of step ``t`` (when averaging)."""
    average, At, a = tm[2], tm[5], tm[7]
    if average and t + 1 >= average:
        for j in range(At.shape[1]):
            At[k, j] -= a[k] * (v[j] * s)


@_cached(nogil=True)
def _after(w, bias, k, tm, eta, t):  # pragma: no cover - compiled
    """The average's step and L1's truncation of output ``k`` after step ``t``."""
    l1, average, u, qt, avg_b, a, beta = tm[1], tm[2], tm[3], tm[4], tm[6], tm[7], tm[8]
    if average and t + 1 >= average:
        kk = t + 2 - average
        mu = 1.0 / kk
        if kk > 1:
            beta[k] /= 1.0 - mu
        a[k] += mu * beta[k]
        avg_b[k] += (bias - avg_b[k]) / kk
    if l1:
        u[k] += eta * l1
        for j in range(w.shape[0]):
            old = w[j]
            if old > 0:
                w[j] = max(0, old - (u[k] + qt[k, j]))
            elif old < 0:
                w[j] = min(0, old + (u[k] - qt[k, j]))
            qt[k, j] += w[j] - old


@functools.cache
def _per_row_terms(key: tuple[int, int, bool]):
    """The online/random kernel with penalties or averaging, for ``K`` outputs."""
    rule, fit_b = key[:2], key[2]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_row_terms(X, order, T, weights, sched, sw, tm):  # pragma: no cover
        Wt, b = weights
        n = X.shape[0] if order is None else order.shape[0]
        K, m = Wt.shape
        z, e = np.empty(K, X.dtype), np.empty(K, X.dtype)
        losses, n_err, n_bad = np.zeros(K, np.float64), 0, 0
        ahead = _rows_ahead(X)
        for p in range(n):
            i = _row_index(order, p)
            _ask_ahead(X, order, p, n, ahead)
            t = sched[2] + p
            x = _row(X, i)
            xv = X[i]
            n_bad += _row_k(x, T, i, Wt, b, z, e, rule, losses)
            _weigh_k(e, sw, i, X, sched, t)
            eta = _rate(sched, t)
            n_err += _any(e)
            for k in range(K):
                w = Wt[k]
                _decay(w, k, tm, eta)
                if e[k] != 0:
                    s = _step_of(e[k], sw, X, sched, t)
                    _average_delta(k, tm, t, xv, s)
                    for j in range(m):
                        w[j] += xv[j] * s
                    if fit_b:
                        b[k] += s
                _after(w, b[k], k, tm, eta, t)
        return _total(losses), n_err, n, n_bad

    return per_row_terms


@functools.cache
def _per_step_terms(key: tuple[int, int, bool]):
    """The minibatch/batch kernel with penalties or averaging, for ``K`` outputs."""
    rule, fit_b = key[:2], key[2]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_step_terms(X, order, T, weights, sched, steps, sw, tm):  # pragma: no cover
        Wt, b = weights
        n = X.shape[0] if order is None else order.shape[0]
        K, m = Wt.shape
        z, e = np.empty(K, X.dtype), np.empty(K, X.dtype)
        G = np.zeros((K, m + 1), np.float64)  # Σ e xᵀ, then Σ e in the last column
        dw = np.empty(m, X.dtype)
        losses, n_err, n_bad, t = np.zeros(K, np.float64), 0, 0, sched[2]
        ahead = _rows_ahead(X)
        for start in range(0, n, steps[0]):
            stop = min(start + steps[0], n)
            for p in range(start, stop):
                i = _row_index(order, p)
                _ask_ahead(X, order, p, n, ahead)
                x = _row(X, i)
                xv = X[i]
                n_bad += _row_k(x, T, i, Wt, b, z, e, rule, losses)
                _weigh_k(e, sw, i, X, None, 0)
                n_err += _any(e)
                for k in range(K):
                    if e[k] != 0:
                        for j in range(m):
                            G[k, j] += xv[j] * e[k]
                        G[k, m] += e[k]
            eta = _rate(sched, t)
            scale = eta / ((stop - start) if steps[1] else 1)
            s = X.dtype.type(scale)
            for k in range(K):
                w = Wt[k]
                _decay(w, k, tm, eta)
                for j in range(m):
                    dw[j] = X.dtype.type(G[k, j])
                _average_delta(k, tm, t, dw, s)
                _apply(w, b, k, G[k], scale, fit_b)
                _after(w, b[k], k, tm, eta, t)
            t += 1
        return _total(losses), n_err, t - sched[2], n_bad

    return per_step_terms


@nb.njit(inline="always")
def _add_tile(block, X, rows, errors, sparse):  # pragma: no cover - compiled
    """``block[k] += Σ_r errors[k, r] X[rows[r]]`` for every output (``add_rows``: one pass
    over ``block[k]`` for ``TILE`` rows); outputs whose tile errors are all zero are
    skipped where most are (``sparse``)."""
    K = block.shape[0]
    grouped = 0 if sparse else K - K % _ROWS_OUTPUTS
    for first in range(0, grouped, _ROWS_OUTPUTS):  # every error counts: three outputs
        _add_rows3(block, X, rows, errors, first)  # per pass over the tile's rows
    for j in range(grouped, K):
        if sparse and not _any(errors[j]):
            continue
        _add_rows(_row(block, j), X, rows, errors[j])


@nb.njit(inline="always")
def _flush_k(G, block):  # pragma: no cover - compiled
    """``G[k, :m] += block[k]`` in float64 for every output, then ``block = 0``."""
    K, m = block.shape
    for k in range(K):
        for j in range(m):
            G[k, j] += block[k, j]
            block[k, j] = 0


@nb.njit(inline="always")
def _flush(g, block):  # pragma: no cover - compiled
    """``g[:m] += block`` in float64, then ``block = 0``."""
    for j in range(block.shape[0]):
        g[j] += block[j]
        block[j] = 0


@nb.njit(inline="always")
def _apply_block(Wt, b, k, block, G, scale, fit_b):  # pragma: no cover - compiled
    """For output ``k``: ``_flush`` then ``_apply`` where ``G[k, :m]`` is zero (no block
    joined it yet this step): ``Wt[k] += s·(0.0 + block[k])``, the same arithmetic, in one
    pass instead of two and without ``G``'s stores and reloads (a minibatch step of K
    outputs: 2·K·m memory operations instead of 4·K·m), indexing the matrices rather than
    taking row views (each view costs reference counting, K of them a step); then
    ``block[k] = 0`` and ``G[k] = 0``. ``G[k, m]`` is the intercept's sum, as for
    ``_apply``."""
    m = Wt.shape[1]
    s = Wt.dtype.type(scale)
    for j in range(m):
        Wt[k, j] += s * Wt.dtype.type(0.0 + np.float64(block[k, j]))
        block[k, j] = 0
    if fit_b:
        b[k] += s * Wt.dtype.type(G[k, m])
    G[k, m] = 0.0


@nb.njit(inline="always")
def _apply(w, b, k, g, scale, fit_b):  # pragma: no cover - compiled
    """``w += s·g[:m]``, ``b[k] += s·g[m]`` (when ``fit_b``), then ``g = 0``.

    This is NumPy's ``W += scale * (Xs.T @ E)``: the sum is rounded to the weights' dtype
    before it is scaled, and the scale is a weak scalar rounded to that dtype.
    """
    m = w.shape[0]
    s = w.dtype.type(scale)
    for j in range(m):
        w[j] += s * w.dtype.type(g[j])
        g[j] = 0.0
    if fit_b:
        b[k] += s * w.dtype.type(g[m])
    g[m] = 0.0
