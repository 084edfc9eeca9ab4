r"""Compiled epochs on CSR matrices: the same rule, reading only each row's non-zeros.

A row of a CSR matrix ``X`` is ``data[indptr[i]:indptr[i+1]]`` at columns
``indices[indptr[i]:indptr[i+1]]``. The kernels here run the lecture's update on it with
dense weights ``W`` (n_features, K), C order (a column's K weights side by side, so a
non-zero reads and writes one short run):

* per row (``online``, ``random``): :math:`z_k = \sum_{q} x_q W_{j_q k} + b_k` summed over
  the row's non-zeros in their stored order, then ``e = t - σ_fit(z)``,
  ``W[j_q, k] += x_q · (η_t e_k)`` for each non-zero and ``b += η_t e`` — the NumPy
  reference's arithmetic on the non-zeros (a zero adds nothing to a sum, and
  ``x_j · s = 0`` changes no weight), so the weights equal the dense fit's up to the order
  of the net input's sum (bit for bit where the dense dot's order is the same, e.g. on
  integer data), and scikit-learn's sparse SGD (``WeightVector.dot`` then ``add``, same
  order) bit for bit;
* per step (``minibatch``, ``batch``): every row of a step sees the weights before it;
  the gradient :math:`G = \sum_{i \in S} x_i e_i^\top` is summed row by row into a dense
  buffer over the columns the step touches (as SciPy's ``Xs.T @ E`` sums a CSC product),
  then ``W += (η_t r) G`` on those columns only and the buffer cleared there: a step
  costs its non-zeros, never ``n_features``.

Nothing here reads a zero: an epoch costs the non-zeros, plus the rows.
"""

from __future__ import annotations

import functools

import numba as nb
import numpy as np

from . import EpochStats
from ._jit import kernel as _cached
from ._kernel_rules import (
    _KERNEL_MATH,
    KERNEL_RULES,
    _above,
    _error,
    _loss,
    _rate,
    _row_index,
)
from ._simd import prefetch

#: how many non-zeros ahead (in storage order) a row's sum asks the cache for the weight
#: of: about two rows of text data, far enough for a gather from the last cache level to
#: arrive in time (an online epoch on 2^20 columns, whose 8 MB of weights miss the
#: per-core caches: 3.1 -> 2.3 times the time to read the non-zeros, same process, A/B)
AHEAD = 128

__all__ = ["count_correct_csr", "run_epoch_csr"]


def run_epoch_csr(
    X, T, W, b, plan, neuron, schedule, t0, *, count_start=False, sample_weight=None,
    fit_intercept=True, l2=0.0,
) -> EpochStats:  # fmt: skip
    """One epoch in place on ``W`` (n_features, K) and ``b`` (K,) for a CSR ``X``.

    ``X``: a SciPy CSR matrix or array with sorted or unsorted indices (float32 or
    float64, the dtype of ``T``, ``W``, ``b``); ``T`` (n_rows, K); semantics as
    :func:`neurona.backends.numpy.run_epoch`. ``W`` must be C-contiguous and writeable.
    ``l2`` > 0: scikit-learn's L2 decay on every step (``neurona.neurons.Terms`` with
    ``l1 = 0`` and no averaging), for one output per row only (``_per_row_1``).
    """
    rule = KERNEL_RULES[neuron.name]
    key = (*rule, bool(fit_intercept))
    if l2 and not (plan.step == 1 and W.shape[1] == 1):
        raise ValueError("the CSR kernels apply l2 on one output, per row only")
    data, indices, indptr = X.data, X.indices, X.indptr
    order = None if plan.order is None else np.ascontiguousarray(plan.order, dtype=np.int64)
    power_t = None if schedule.power_t == 0 else float(schedule.power_t)
    sched = (float(schedule.eta0), power_t, int(t0))
    S = None if sample_weight is None else np.ascontiguousarray(sample_weight)
    K = W.shape[1]
    z, e = np.empty(K, W.dtype), np.empty(K, W.dtype)
    mid = W.dtype.type(neuron.target_midpoint)
    initial = (W.copy(), b.copy(), np.empty(K, W.dtype), mid) if count_start else None
    if sched[0] == 0 and K == 1 and order is None and plan.step >= X.shape[0] > 0:
        # one step of rate 0 over every row (the loss at the final weights, as
        # neurona.train's last pass asks): per_step's sums, without its step buffers
        s1 = None if S is None else np.ascontiguousarray(S[:, 0])
        w, t1 = np.ascontiguousarray(W[:, 0]), np.ascontiguousarray(T[:, 0])
        loss_sum, n_err, n_right, n_bad = _score_1(rule)(
            data, indices, indptr, t1, w, b[0], mid, s1
        )
        result = (loss_sum, n_err, 1, n_right, n_bad)
    elif plan.step == 1 and K == 1:  # the hot path: 1-D weights and targets
        s1 = None if S is None else np.ascontiguousarray(S[:, 0])
        t1 = np.ascontiguousarray(T[:, 0])
        kernel = _per_row_1((*key, bool(l2)))
        if initial is None:
            w, one = W[:, 0], None
        else:  # the weights beside their copy at the start: (w_j, w0_j) share a cache line
            pair = np.empty((W.shape[0], 2), W.dtype)
            pair[:, 0] = pair[:, 1] = W[:, 0]
            w, one = pair[:, 0], (pair[:, 1], initial[1][0], initial[3])
        result = kernel(data, indices, indptr, order, t1, w, b, sched, one, s1, float(l2))
        if initial is not None:
            W[:, 0] = w
    elif plan.step == 1:
        result = _per_row(key)(data, indices, indptr, order, T, W, b, sched, initial, S, z, e)
    else:
        E = np.empty((plan.step, K), W.dtype)
        G = np.zeros_like(W)
        touched = np.empty(min(X.nnz, W.shape[0]) + 1, np.int64)
        seen = np.zeros(W.shape[0], np.bool_)
        buffers = (E, G, touched, seen, z)
        steps = (plan.step, plan.mean)
        result = _per_step(key)(
            data, indices, indptr, order, T, W, b, sched, steps, initial, S, buffers
        )
    loss_sum, n_err, n_steps, n_right, n_bad = result
    n_rows = X.shape[0] if order is None else len(order)
    correct = int(n_right) if count_start else None
    return EpochStats(float(loss_sum), int(n_err), n_rows, int(n_steps), correct, int(n_bad))


def count_correct_csr(X, T, W, b, neuron) -> int:
    """Rows whose class the weights read correctly (``Neuron.n_correct`` of
    ``X @ W + b``), one pass over the non-zeros."""
    mid = W.dtype.type(neuron.target_midpoint)
    if W.shape[1] == 1:  # 1-D weights and targets: a third faster than the (n, 1) forms
        w, t = np.ascontiguousarray(W[:, 0]), np.ascontiguousarray(T[:, 0])
        return int(_correct_1(X.data, X.indices, X.indptr, t, w, b[0], mid))
    z = np.empty(W.shape[1], W.dtype)
    return int(_correct(X.data, X.indices, X.indptr, T, W, b, mid, z))


@nb.njit(inline="always")
def _net(data, indices, lo, hi, W, b, z):  # pragma: no cover - compiled
    """``z[k] = Σ_q data[q] W[indices[q], k] + b[k]`` over the non-zeros lo..hi, in order
    (one output: in four running sums, as :func:`_sparse_dot`)."""
    K = W.shape[1]
    if K == 1:  # one output: four running sums, as _sparse_dot
        z[0] = _sparse_dot(data, indices, lo, hi, W[:, 0]) + b[0]
        return
    for k in range(K):
        z[k] = 0
    W0, last = W[:, 0], indices.shape[0] - AHEAD - 1
    for q in range(lo, hi):
        if q <= last:
            prefetch(W0, indices[q + AHEAD])
        j, v = indices[q], data[q]
        for k in range(K):
            z[k] += v * W[j, k]
    for k in range(K):
        z[k] += b[k]


@nb.njit(inline="always")
def _agrees(z, T, i, mid):  # pragma: no cover - compiled
    """1 if ``z`` reads row ``i``'s class: the sign against ``T > mid`` for one output,
    the first argmax (NaN the largest, as NumPy's) against the first argmax of ``T[i]``
    for K."""
    K = z.shape[0]
    if K == 1:
        return 1 if (z[0] > 0) == (T[i, 0] > mid) else 0
    z_best, k_best, t_best, k_true = z[0], 0, T[i, 0], 0
    for k in range(1, K):
        if _above(z[k], z_best):
            z_best, k_best = z[k], k
        if T[i, k] > t_best:
            t_best, k_true = T[i, k], k
    return 1 if k_best == k_true else 0


@_cached(nogil=True, fastmath=_KERNEL_MATH)
def _correct(data, indices, indptr, T, W, b, mid, z):  # pragma: no cover - compiled
    n_right = 0
    for i in range(indptr.shape[0] - 1):
        _net(data, indices, indptr[i], indptr[i + 1], W, b, z)
        n_right += _agrees(z, T, i, mid)
    return n_right


@_cached(nogil=True, fastmath=_KERNEL_MATH)
def _correct_1(data, indices, indptr, t, w, b0, mid):  # pragma: no cover - compiled
    """:func:`_correct` for one output: the sign of ``x · w + b0`` against ``t > mid``."""
    n_right = 0
    for i in range(indptr.shape[0] - 1):
        z = _sparse_dot(data, indices, indptr[i], indptr[i + 1], w) + b0
        n_right += 1 if (z > 0) == (t[i] > mid) else 0
    return n_right


@nb.njit(inline="always")
def _right_at_start(data, indices, lo, hi, T, i, initial):  # pragma: no cover - compiled
    if initial is None:
        return 0
    W0, b0, z0, mid = initial
    _net(data, indices, lo, hi, W0, b0, z0)
    return _agrees(z0, T, i, mid)


@nb.njit(inline="always")
def _scaled_error(e, S, i, k, rate):  # pragma: no cover - compiled
    """The row's step for output ``k``: ``η_t e`` without weights, ``(η_t e) s`` with
    (the reference's rounding: the rate first, then the weight)."""
    if S is None:
        return rate * e
    return (rate * e) * S[i, k]


@nb.njit(inline="always")
def _sparse_dot(data, indices, lo, hi, w):  # pragma: no cover - compiled
    """``Σ_q data[q] w[indices[q]]`` over lo..hi in four running sums (non-zeros
    ``q ≡ 0, 1, 2, 3 mod 4`` from ``lo``), added as ``(s0 + s1) + (s2 + s3)``: the gathers
    overlap instead of waiting on one chain of additions. Exact wherever the products and
    partial sums are (integer counts with integer weights: the perceptron's)."""
    zero = w[0] - w[0]
    s0, s1, s2, s3 = zero, zero, zero, zero
    q = lo
    last = indices.shape[0] - AHEAD - 4  # prefetches up to q + AHEAD + 3 < nnz
    while q + 4 <= hi:
        if q <= last:
            prefetch(w, indices[q + AHEAD])
            prefetch(w, indices[q + AHEAD + 1])
            prefetch(w, indices[q + AHEAD + 2])
            prefetch(w, indices[q + AHEAD + 3])
        s0 += data[q] * w[indices[q]]
        s1 += data[q + 1] * w[indices[q + 1]]
        s2 += data[q + 2] * w[indices[q + 2]]
        s3 += data[q + 3] * w[indices[q + 3]]
        q += 4
    while q < hi:
        s0 += data[q] * w[indices[q]]
        q += 1
    return (s0 + s1) + (s2 + s3)


@nb.njit(inline="always")
def _sparse_dot2(data, indices, lo, hi, w, v):  # pragma: no cover - compiled
    """``(Σ_q data[q] w[indices[q]], Σ_q data[q] v[indices[q]])`` in one pass, each in
    :func:`_sparse_dot`'s order (so each is that call's result bit for bit). With ``w``
    and ``v`` side by side in memory (the two columns of an (n, 2) C array), the second
    gather reads the cache line the first one brought. (The prefetch block is written out
    here as in :func:`_sparse_dot`: moved into an inlined helper, it made an online epoch
    2.6 times slower, same process, A/B.)"""
    zero = w[0] - w[0]
    s0, s1, s2, s3 = zero, zero, zero, zero
    r0, r1, r2, r3 = zero, zero, zero, zero
    q = lo
    last = indices.shape[0] - AHEAD - 4
    while q + 4 <= hi:
        if q <= last:
            prefetch(w, indices[q + AHEAD])
            prefetch(w, indices[q + AHEAD + 1])
            prefetch(w, indices[q + AHEAD + 2])
            prefetch(w, indices[q + AHEAD + 3])
        j0, j1, j2, j3 = indices[q], indices[q + 1], indices[q + 2], indices[q + 3]
        x0, x1, x2, x3 = data[q], data[q + 1], data[q + 2], data[q + 3]
        s0 += x0 * w[j0]
        s1 += x1 * w[j1]
        s2 += x2 * w[j2]
        s3 += x3 * w[j3]
        r0 += x0 * v[j0]
        r1 += x1 * v[j1]
        r2 += x2 * v[j2]
        r3 += x3 * v[j3]
        q += 4
    while q < hi:
        s0 += data[q] * w[indices[q]]
        r0 += data[q] * v[indices[q]]
        q += 1
    return (s0 + s1) + (s2 + s3), (r0 + r1) + (r2 + r3)


@nb.njit(inline="always")
def _dot_and_start(data, indices, lo, hi, w, t, initial):  # pragma: no cover - compiled
    """``(x · w, 1 or 0)``: the row's sum with the weights and whether the weights at the
    epoch's start read its class right (0 without ``initial``), in one pass."""
    if initial is None:
        return _sparse_dot(data, indices, lo, hi, w), 0
    w0, b0, mid = initial
    d, d0 = _sparse_dot2(data, indices, lo, hi, w, w0)
    return d, (1 if (d0 + b0 > 0) == (t > mid) else 0)


@nb.njit(inline="always")
def _prefetch_next(indices, indptr, order, p, w):  # pragma: no cover - compiled
    """With a visiting ``order`` (shuffled or random rows), ask the cache for the weights
    of the row visited after position ``p``: the storage-order prefetch of
    :func:`_sparse_dot` would fetch rows that are not next."""
    if order is not None and p + 1 < order.shape[0]:
        i = order[p + 1]
        for q in range(indptr[i], indptr[i + 1]):
            prefetch(w, indices[q])


@functools.cache
def _score_1(rule: tuple[int, int]):
    """One output, every row against the same weights, nothing learnt: ``(loss_sum,
    rows with an error, rows read right, rows whose net input is not finite)``, each as
    :func:`_per_step` sums it for a step of rate 0 over all rows."""

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def score_1(data, indices, indptr, t, w, b0, mid, sw):  # pragma: no cover
        loss_sum, n_err, n_right, n_bad = 0.0, 0, 0, 0
        for i in range(indptr.shape[0] - 1):
            z = _sparse_dot(data, indices, indptr[i], indptr[i + 1], w) + b0
            n_bad += not np.isfinite(z)
            n_right += 1 if (z > 0) == (t[i] > mid) else 0
            loss_sum += _loss(rule, z, t[i])
            e = _error(rule[0], z, t[i])
            if sw is not None:
                e = e * sw[i]
            n_err += e != 0
        return loss_sum, n_err, n_right, n_bad

    return score_1


@functools.cache
def _per_row_1(key: tuple[int, int, bool, bool]):
    """The online/random CSR kernel of one output (``w`` 1-D, a view of ``W[:, 0]``) for
    ``key = (*rule, fit_intercept, l2)``. With ``l2`` (a compile-time choice) the weights
    are held as ``w = scale · v``, scikit-learn's ``WeightVector``: the penalty's decay
    ``w ← max(0, 1 - η_t l2) w`` of every step multiplies ``scale`` alone, an update adds
    ``x s / scale`` to ``v`` at the row's non-zeros, and ``v`` is rescaled (``v ← scale v``,
    ``scale = 1``) when ``scale`` falls below 1e-9 and at the end of the epoch: a
    penalised epoch costs the non-zeros, not ``n_features`` per row."""
    rule, fit_b, has_l2 = key[:2], key[2], key[3]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_row_1(
        data, indices, indptr, order, t, w, b, sched, initial, sw, l2
    ):  # pragma: no cover
        n = indptr.shape[0] - 1 if order is None else order.shape[0]
        bias = b[0]
        scale = 1.0
        loss_sum, n_err, n_right, n_bad = 0.0, 0, 0, 0
        for p in range(n):
            i = _row_index(order, p)
            lo, hi = indptr[i], indptr[i + 1]
            _prefetch_next(indices, indptr, order, p, w)
            d, right = _dot_and_start(data, indices, lo, hi, w, t[i], initial)
            n_right += right
            z = d * scale + bias if has_l2 else d + bias
            n_bad += not np.isfinite(z)
            loss_sum += _loss(rule, z, t[i])
            e = _error(rule[0], z, t[i])
            if has_l2:  # the decay of every step, before its update
                scale *= max(0.0, 1.0 - _rate(sched, sched[2] + p) * l2)
                if scale < 1e-9:
                    for j in range(w.shape[0]):
                        w[j] *= scale
                    scale = 1.0
            if e != 0:
                s = w.dtype.type(_rate(sched, sched[2] + p)) * e
                if sw is not None:
                    s = s * sw[i]
                if s != 0:
                    n_err += 1
                    step = s / scale if has_l2 else s
                    for q in range(lo, hi):
                        w[indices[q]] += data[q] * step
                    if fit_b:
                        bias += s
        if has_l2 and scale != 1.0:
            for j in range(w.shape[0]):
                w[j] *= scale
        b[0] = bias
        return loss_sum, n_err, n, n_right, n_bad

    return per_row_1


@functools.cache
def _per_row(key: tuple[int, int, bool]):
    """The online/random CSR kernel for ``key = (*rule, fit_intercept)``."""
    rule, fit_b = key[:2], key[2]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_row(
        data, indices, indptr, order, T, W, b, sched, initial, S, z, e
    ):  # pragma: no cover
        n = indptr.shape[0] - 1 if order is None else order.shape[0]
        K = W.shape[1]
        loss_sum, n_err, n_right, n_bad = 0.0, 0, 0, 0
        for p in range(n):
            i = _row_index(order, p)
            lo, hi = indptr[i], indptr[i + 1]
            _prefetch_next(indices, indptr, order, p, W[:, 0])
            n_right += _right_at_start(data, indices, lo, hi, T, i, initial)
            _net(data, indices, lo, hi, W, b, z)
            rate = W.dtype.type(_rate(sched, sched[2] + p))
            changed = False
            for k in range(K):
                if not np.isfinite(z[k]):
                    n_bad += 1
                    break
            for k in range(K):
                loss_sum += _loss(rule, z[k], T[i, k])
                e[k] = _scaled_error(_error(rule[0], z[k], T[i, k]), S, i, k, rate)
                changed = changed or e[k] != 0
            if changed:
                n_err += 1
                for q in range(lo, hi):
                    j, v = indices[q], data[q]
                    for k in range(K):
                        if e[k] != 0:
                            W[j, k] += v * e[k]
                if fit_b:
                    for k in range(K):
                        b[k] += e[k]
        return loss_sum, n_err, n, n_right, n_bad

    return per_row


@functools.cache
def _per_step(key: tuple[int, int, bool]):
    """The minibatch/batch CSR kernel for ``key = (*rule, fit_intercept)``."""
    rule, fit_b = key[:2], key[2]

    @_cached(nogil=True, fastmath=_KERNEL_MATH)
    def per_step(
        data, indices, indptr, order, T, W, b, sched, steps, initial, S, buffers
    ):  # pragma: no cover
        E, G, touched, seen, z = buffers
        n = indptr.shape[0] - 1 if order is None else order.shape[0]
        K = W.shape[1]
        size, mean = steps
        learns = sched[0] != 0  # a rate of 0 (the training loop's final loss pass): no G
        loss_sum, n_err, n_right, n_bad, t = 0.0, 0, 0, 0, 0
        for start in range(0, n, size):
            stop = min(start + size, n)
            for p in range(start, stop):  # every row of the step sees the same weights
                i = _row_index(order, p)
                lo, hi = indptr[i], indptr[i + 1]
                if t > 0:  # the first step's weights are the starting ones: z below
                    n_right += _right_at_start(data, indices, lo, hi, T, i, initial)
                _net(data, indices, lo, hi, W, b, z)
                if t == 0 and initial is not None:
                    n_right += _agrees(z, T, i, initial[3])
                for k in range(K):
                    if not np.isfinite(z[k]):
                        n_bad += 1
                        break
                any_e = False
                for k in range(K):
                    loss_sum += _loss(rule, z[k], T[i, k])
                    ek = _error(rule[0], z[k], T[i, k])
                    if S is not None:
                        ek = ek * S[i, k]
                    E[p - start, k] = ek
                    any_e = any_e or ek != 0
                n_err += any_e
            # G = Σ x_i e_iᵀ over the step's rows, in row order (SciPy's Xs.T @ E)
            m = 0
            for p in range(start, stop if learns else start):
                i = _row_index(order, p)
                for q in range(indptr[i], indptr[i + 1]):
                    j, v = indices[q], data[q]
                    if not seen[j]:
                        seen[j] = True
                        touched[m] = j
                        m += 1
                    for k in range(K):
                        G[j, k] += v * E[p - start, k]
            rate = _rate(sched, sched[2] + t)
            scale = W.dtype.type(rate / (stop - start) if mean else rate)
            for r in range(m):
                j = touched[r]
                for k in range(K):
                    W[j, k] += scale * G[j, k]
                    G[j, k] = 0
                seen[j] = False
            if fit_b:
                for k in range(K):
                    total = E[0, k] - E[0, k]
                    for p in range(start, stop):
                        total += E[p - start, k]
                    b[k] += scale * total
            t += 1
        return loss_sum, n_err, t, n_right, n_bad

    return per_step
