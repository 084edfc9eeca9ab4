"""The reference backend: the lecture's loops, in NumPy.

Per-row modes run a Python loop over rows (one update per row, exactly the lecture's
pseudo-code); multi-row modes compute a step as two matrix products. The other backends
are checked against this one. It is the backend that calls back after every update
(``on_update``, for teaching and animations).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from ..modes import EpochPlan
from ..neurons import Neuron, Terms
from ..schedules import Schedule
from . import EpochStats

__all__ = ["count_correct", "dot", "run_epoch"]


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
    on_update: Callable[[np.ndarray, np.ndarray], object] | None = None,
    sample_weight: np.ndarray | None = None,
    fit_intercept: bool = True,
    terms: Terms | None = None,
) -> EpochStats:
    """Run one epoch in place on ``W`` (n_features, n_outputs) and ``b`` (n_outputs,).

    ``X`` is (n_rows, n_features), ``T`` (n_rows, n_outputs) holds the targets.
    ``count_start`` counts the rows the starting weights read correctly (a pass of its
    own here). ``on_update(W, b)``, when given, is called after every step that changed
    the weights, once the step is complete (penalties and averaging included); when it
    returns a true value the epoch ends there (``EpochStats.stopped``, its figures over
    the rows visited).

    ``sample_weight`` (n_rows, n_outputs), in ``X``'s dtype, or None: each entry's error
    is scaled by its weight, after the rate (``step = (η_t e) s``: scikit-learn's SGD,
    ``update *= class_weight * sample_weight``); the loss stays unweighted, as
    scikit-learn's. ``fit_intercept=False`` leaves ``b`` as it is. ``terms``
    (:class:`neurona.neurons.Terms`, with its state) adds scikit-learn's penalties and
    averaging to every step.
    """
    correct = count_correct(X, T, W, b, neuron) if count_start else None
    S, fit_b = sample_weight, bool(fit_intercept)
    extra = terms if terms is not None and terms.active else None
    with np.errstate(over="ignore", invalid="ignore"):
        if plan.step == 1:
            stats = _per_row(X, T, W, b, plan, neuron, schedule, t0, on_update, S, fit_b, extra)
        else:
            stats = _per_step(X, T, W, b, plan, neuron, schedule, t0, on_update, S, fit_b, extra)
    return dataclasses.replace(stats, n_correct_start=correct)


def count_correct(
    X: np.ndarray, T: np.ndarray, W: np.ndarray, b: np.ndarray, neuron: Neuron
) -> int:
    """Rows whose class the weights read correctly (:meth:`Neuron.n_correct`); a sparse
    ``X`` in dense row blocks, so that the count is the dense array's."""
    with np.errstate(over="ignore", invalid="ignore"):
        if isinstance(X, np.ndarray):
            return neuron.n_correct(X @ W + b, T)
        rows = max(1, _DENSE_BLOCK // max(1, X.shape[1]))
        return sum(
            neuron.n_correct(_dense_block(X[i : i + rows]) @ W + b, T[i : i + rows])
            for i in range(0, X.shape[0], rows)
        )


def dot(x: np.ndarray, w: np.ndarray) -> float:
    """``xᵀ w`` of two 1-D arrays: NumPy's (BLAS) dot product."""
    return float(x @ w)


def _per_row(X, T, W, b, plan, neuron, schedule, t0, on_update, S, fit_b, terms) -> EpochStats:
    order = range(X.shape[0]) if plan.order is None else plan.order
    loss_sum, n_err, n_bad = 0.0, 0, 0
    for t, i in enumerate(order, start=t0):
        x, y = _row(X, i), T[i : i + 1]
        z = (x @ W + b)[None, :]  # output with the weights before this row's update
        n_bad += not np.isfinite(z).all()
        e = neuron.error(z, y)[0]
        loss_sum += float(neuron.loss(z, y).sum())
        if S is not None:  # (η_t e) s, as scikit-learn rounds it; a weight of 0: no update
            e = (schedule.rate(t) * e) * S[i]
        if terms is not None:  # L2's decay comes first, on every step
            terms.decay(W, schedule.rate(t))
        changed = bool(e.any())
        if changed:
            n_err += 1
            step = schedule.rate(t) * e if S is None else e
            delta = np.outer(x, step)
            W += delta
            if fit_b:
                b += step
        if terms is not None:
            terms.after_step(W, b, schedule.rate(t), t, delta if changed else None)
        if changed and on_update is not None and on_update(W, b):
            n = t - t0 + 1  # the rows visited
            return EpochStats(loss_sum, n_err, n, n, n_nonfinite=n_bad, stopped=True)
    n = len(order)
    return EpochStats(loss_sum, n_err, n, n, n_nonfinite=n_bad)


def _per_step(X, T, W, b, plan, neuron, schedule, t0, on_update, S, fit_b, terms) -> EpochStats:
    n = X.shape[0] if plan.order is None else len(plan.order)
    loss_sum, n_err, n_bad, t = 0.0, 0, 0, t0
    for start in range(0, n, plan.step):
        rows = slice(start, start + plan.step)
        Xs, Ts = (X[rows], T[rows]) if plan.order is None else _take(X, T, plan.order[rows])
        Xs = _dense_block(Xs)
        Z = Xs @ W + b  # every row of the step sees the same weights
        n_bad += int(np.count_nonzero(~np.isfinite(Z).all(axis=1)))
        E = neuron.error(Z, Ts)
        loss_sum += float(neuron.loss(Z, Ts).sum())
        if S is not None:  # each entry's error scaled by its weight
            E = E * (S[rows] if plan.order is None else S[plan.order[rows]])
        n_err += int(np.count_nonzero(E.any(axis=1)))
        scale = schedule.rate(t) / (Xs.shape[0] if plan.mean else 1)
        if terms is not None:
            terms.decay(W, schedule.rate(t))
        delta = scale * (Xs.T @ E)
        W += delta
        if fit_b:
            b += scale * E.sum(axis=0)
        if terms is not None:
            terms.after_step(W, b, schedule.rate(t), t, delta)
        t += 1
        if on_update is not None and E.any() and on_update(W, b):
            visited = min(n, start + plan.step)
            return EpochStats(loss_sum, n_err, visited, t - t0, n_nonfinite=n_bad,
                              stopped=True)  # fmt: skip
    return EpochStats(loss_sum, n_err, n, t - t0, n_nonfinite=n_bad)


def _take(X, T, idx):
    return X[idx], T[idx]


# A SciPy CSR ``X`` (sparse input): the reference reads a row, or a step's rows, as the
# dense array they stand for, so that its arithmetic is the dense fit's, bit for bit;
# it costs ``n_features`` per row, which the compiled CSR kernels
# (``neurona.backends._sparse``) do not. A step too large to densify (more than
# ``_DENSE_BLOCK`` entries) is computed with SciPy's sparse products instead.
_DENSE_BLOCK = 2**22


def _row(X, i: int) -> np.ndarray:
    """Row ``i`` of ``X`` as a dense 1-D array (a view for a NumPy array)."""
    if isinstance(X, np.ndarray):
        return X[i]
    lo, hi = X.indptr[i], X.indptr[i + 1]
    x = np.zeros(X.shape[1], dtype=X.dtype)
    np.add.at(x, X.indices[lo:hi], X.data[lo:hi])  # duplicate entries add up, as in X
    return x


def _dense_block(Xs):
    """A step's rows as a dense array, unless they are sparse and too many to densify."""
    if isinstance(Xs, np.ndarray) or Xs.shape[0] * Xs.shape[1] > _DENSE_BLOCK:
        return Xs
    return Xs.toarray()
