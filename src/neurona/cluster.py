r"""The estimators on Dask: data spread over a cluster, weights and statistics moved, rows never.

``fit``, ``partial_fit``, ``predict``, ``decision_function``, ``predict_proba`` and
``score`` of every estimator accept a :class:`dask.array.Array` or a
:class:`dask.dataframe.DataFrame` (with ``y`` a dask array, series or dataframe with the
same row partitions). They dispatch here; each task runs neurona's own kernels on one
partition, and only weights, sufficient statistics, counts and losses travel. With no
:class:`distributed.Client` the default Dask scheduler (threads on this machine) runs the
same tasks. Install with ``pip install 'neurona[dask]'``.

What is computed how
--------------------
=====================================  =====================================================
work                                   how; exact?
=====================================  =====================================================
closed form (any ``solver`` but        one pass: a :class:`~neurona.solvers.GramAccumulator`
``"gd"``, ridge ``alpha``)             (or :class:`~neurona.solvers.QRAccumulator`) per
                                       partition, merged pairwise in a fixed binary tree by
                                       the accumulators' exact update (Chan, Golub and
                                       LeVeque 1979); ``solvers.solve_passes`` applies the
                                       ``auto`` rule to the merged result and asks for a
                                       second (QR) pass when it falls back. Exact: the
                                       summation order alone differs from memory.
a step over every row (``mode`` whose  identity neurons (ADALINE, linear regression): every
step covers all rows), identity        epoch from the merged centred statistics of one pass,
neuron                                 :math:`\sum_i x_i e_i^\top = (C - G W) + n\bar x
                                       d^\top`, :math:`\sum_i e_i = n d`, with
                                       :math:`d = \bar t - W^\top \bar x - b`, :math:`G =
                                       X_c^\top X_c`, :math:`C = X_c^\top T_c`; the loss
                                       :math:`\tfrac12\sum_k (v_k^\top S v_k + n d_k^2)`,
                                       :math:`v_k = (-w_k, e_k)`, :math:`S` the scatter of
                                       ``[X | T]``. Equal to the in-memory run up to rounding
                                       (a loss from the statistics loses relative digits when
                                       it is far below :math:`\lVert T_c\rVert^2`, so the
                                       last epoch's loss is taken by one real pass). A
                                       classifier's accuracy still needs one counting pass
                                       per epoch.
a step over every row, other neurons   one map-reduce per epoch: the weights are broadcast,
                                       each partition returns :math:`X^\top E`, the sum of
                                       :math:`E`, its loss, update and correct counts. Exact
                                       up to summation order.
steps of fewer rows (one row, online   a sequential chain of tasks over the partitions in a
II, minibatches)                       fixed order, the weights, the step counter and the
                                       rows of an unfinished step (fewer than
                                       ``batch_size``) handed from task to task: bit for bit
                                       the in-memory run over the rows in the same order.
parallel averaging of per-partition    opt-in only, :func:`fit_averaged`: each partition
epochs                                 runs the epoch alone, the weights are averaged.
                                       Approximate: a different method, never the default.
predictions and ``score``              blockwise and lazy (``score`` reduces counts or sums
                                       of squares). Exact.
=====================================  =====================================================

Row order of a shuffled (or drawn) epoch
----------------------------------------
Visiting rows in a global random order would send a task per row across the cluster.
Instead, the epoch's order drawn by the estimator's seeded generator (the one the
in-memory run draws) is regrouped by partition: partitions are visited in the order in
which that draw first reaches one of their rows, and inside a partition the rows keep the
draw's relative order. So ``shuffle=True`` is a seeded block order, then a seeded row order
within each block; the run is bit for bit the in-memory run on the rows in that order.
Online II draws rows with replacement in the same way, each draw kept.

Data that fit
-------------
Gradient training reads the data once per epoch. When a distributed client is active and
the decoded partitions take at most :data:`PERSIST_FRACTION` of its workers' memory
together, they are persisted in the workers' memory after the first decoding; otherwise
each pass recomputes them from their source (for instance Parquet files).

Exactness caveats: float32 identity neurons in ``online`` mode compute each row's net input
ahead of the update (:mod:`neurona.backends.numba`), so their chains agree with memory to a
tolerance, not bit for bit, at partition boundaries. ``on_update`` and ``device`` are not
available on a cluster (:class:`~neurona.errors.ParameterError`).
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import is_classifier

from . import solvers
from .backends import Capabilities, EpochStats, resolve
from .errors import DataError, DivergenceError, MissingDependencyError, ParameterError
from .modes import EpochPlan
from .neurons import Neuron
from .schedules import Schedule
from .train import Run, train_epochs

__all__ = [
    "PERSIST_FRACTION",
    "PREDICTORS",
    "Blocks",
    "ClusterEngine",
    "dispatch_predictions",
    "fit",
    "fit_averaged",
    "is_dask",
    "merged_statistics",
    "require",
    "visit_order",
]

#: persist decoded partitions when they take at most this share of the workers' memory
PERSIST_FRACTION = 0.5

#: the estimator methods that accept dask collections (wrapped by dispatch_predictions)
PREDICTORS = ("predict", "decision_function", "predict_proba", "predict_log_proba", "score")

_HINT = "pip install 'neurona[dask]'"


def is_dask(X: Any) -> bool:
    """Whether ``X`` is a dask collection (array, dataframe, series); imports nothing."""
    module = type(X).__module__
    return module == "dask" or module.startswith(("dask.", "dask_expr"))


def require() -> tuple[Any, Any, Any]:
    """``(dask, dask.array, dask.dataframe)``, importing ``distributed`` too.

    Raises
    ------
    MissingDependencyError
        One of them is missing; the one-line message names ``pip install 'neurona[dask]'``.
    """
    try:
        import dask
        import dask.array as da
        import dask.dataframe as dd
        import distributed  # noqa: F401 - part of the extra: checked here, used by callers
    except ImportError as exc:
        raise MissingDependencyError(
            f"training on Dask needs the optional packages dask[dataframe] and distributed "
            f"({exc.name or exc} is missing): {_HINT}"
        ) from None
    return dask, da, dd


def _client():
    """The active distributed client, or None (then dask's default scheduler runs)."""
    try:
        from distributed import get_client

        return get_client()
    except (ImportError, ValueError):
        return None


# --------------------------------------------------------------------------- partitions


def _row_partitions(X: Any, y: Any) -> tuple[list, list, list | None]:
    """Delayed ``(X_j, y_j)`` pairs of aligned row partitions, and their lengths if known.

    Raises
    ------
    DataError
        ``y`` is not a dask collection with ``X``'s row partitions.
    """
    _, _da, dd = require()
    if not is_dask(y):
        raise DataError(f"y is a {type(y).__name__}: pass a dask collection partitioned like X")
    frame = isinstance(X, dd.DataFrame | dd.Series)
    if frame != isinstance(y, dd.DataFrame | dd.Series):  # one of each: both as arrays
        X = X.to_dask_array(lengths=True) if frame else X
        y = y.to_dask_array(lengths=True) if isinstance(y, dd.DataFrame | dd.Series) else y
        frame = False
    if frame:
        if X.npartitions != y.npartitions:
            raise DataError(
                f"X has {X.npartitions} partitions and y {y.npartitions}: take both from the "
                "same dataframe, e.g. frame[features] and frame[target]"
            )
        # one frame of both: the optimiser may regroup the files of a column subset (the
        # partitions of X and y alone need not match); each task splits its partition
        series = isinstance(y, dd.Series)
        both = dd.concat([X, y], axis=1).to_delayed()
        dask = require()[0]
        split = dask.delayed(_split_columns, nout=2, pure=True)
        pairs = [split(part, len(X.columns), series) for part in both]
        return [a for a, _ in pairs], [b for _, b in pairs], None
    if X.ndim != 2 or y.ndim not in (1, 2):
        raise DataError(
            f"X must be 2-D (n_samples, n_features) and y 1-D or 2-D; got X.ndim={X.ndim}, "
            f"y.ndim={y.ndim}"
        )
    if any(math.isnan(c) for c in X.chunks[0]):
        X = X.compute_chunk_sizes()
    if any(math.isnan(c) for c in y.chunks[0]):
        y = y.compute_chunk_sizes()
    if X.shape[0] != y.shape[0]:
        raise DataError(f"X has {X.shape[0]} rows but y has {y.shape[0]}")
    X = X.rechunk({1: -1})
    y = y.rechunk({0: X.chunks[0], **({1: -1} if y.ndim == 2 else {})})
    xs = X.to_delayed()[:, 0].tolist()
    ys = y.to_delayed().reshape(len(xs), -1)[:, 0].tolist()
    return xs, ys, list(X.chunks[0])


def _split_columns(part: Any, n_features: int, series: bool) -> tuple[Any, Any]:
    """A partition of ``[X | y]`` as ``(X, y)`` (``y`` a series when it was one)."""
    y = part.iloc[:, n_features] if series else part.iloc[:, n_features:]
    return part.iloc[:, :n_features], y


def _head(X: Any, y: Any, rows: int = 2) -> tuple[Any, Any]:
    """The first rows of ``X`` and ``y`` on this machine (to set up the fitted outputs)."""
    Xh = X.head(rows, npartitions=-1, compute=True) if hasattr(X, "head") else X[:rows].compute()
    yh = y.head(rows, npartitions=-1, compute=True) if hasattr(y, "head") else y[:rows].compute()
    return Xh, yh


def _labels(y: Any) -> np.ndarray:
    """Every distinct label of a dask ``y`` (one pass over ``y`` only)."""
    dask, _, _ = require()
    parts = np.ravel(np.asarray(y.to_delayed(), dtype=object))
    found = dask.compute(*[dask.delayed(_unique)(part) for part in parts])
    return np.unique(np.concatenate(found))


def _unique(labels: Any) -> np.ndarray:
    return np.unique(np.asarray(labels).ravel())


def _decode(encoder: Any, X: Any, y: Any, dtype, n_outputs: int) -> tuple[np.ndarray, ...]:
    """One partition validated and encoded as the estimator does in memory: ``(X, T)``
    (an empty partition, which the validation would refuse, as empty arrays)."""
    if len(X) == 0:
        p = encoder.n_features_in_
        return np.empty((0, p), dtype=dtype), np.empty((0, n_outputs), dtype=dtype)
    X, _, T = encoder._validated(X, y, reset=False)
    return np.ascontiguousarray(X), np.ascontiguousarray(T)


def _summary(part) -> tuple[int, float, float]:
    """``(rows, Σ_i ‖(x_i, 1)‖², max_i ‖(x_i, 1)‖²)`` of one partition."""
    X = part[0]
    sq = np.einsum("ij,ij->i", X, X, dtype=np.float64) + 1.0
    return X.shape[0], float(sq.sum()), float(sq.max(initial=0.0))


@dataclass
class Blocks:
    """Decoded row partitions on the cluster: what the training loop takes as ``X``.

    Attributes
    ----------
    parts : list of dask.delayed
        Each evaluates to ``(X_j (m_j, n_features), T_j (m_j, n_outputs))``.
    lengths : (n_blocks,) int array
    n_features, n_outputs : int
    dtype : numpy.dtype
    norms : list of (rows, float, float), optional
        Per partition: rows, sum and largest of the squared norms of ``(x_i, 1)``.
    """

    parts: list
    lengths: np.ndarray
    n_features: int
    n_outputs: int
    dtype: np.dtype
    norms: list | None = None  # (rows, Σ‖x̃‖², max ‖x̃‖²) per partition, once computed

    @property
    def shape(self) -> tuple[int, int]:
        return int(self.lengths.sum()), self.n_features

    @property
    def offsets(self) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(self.lengths)])


@dataclass(frozen=True)
class _Targets:
    """Stands for ``T`` in the training loop, which reads only its shape."""

    shape: tuple[int, int]


def _blocks(est: Any, X: Any, y: Any, *, persist: bool, dtype, n_outputs: int) -> Blocks:
    """The decoded partitions of ``(X, y)`` for ``est`` (whose outputs are set up).

    ``persist`` (gradient training): keep them in the workers' memory where they fit, and
    learn the partitions' lengths (with their row norms, in one pass) if not yet known.
    The closed form needs neither; its lengths stay unknown (zeros)."""
    dask, _, _ = require()
    xs, ys, lengths = _row_partitions(X, y)
    encoder = copy.copy(est)  # the fitted outputs and column checks, no callbacks to ship
    encoder.callbacks = None
    for name in ("coef_", "intercept_", "history_", "_rng"):
        encoder.__dict__.pop(name, None)
    decode = dask.delayed(_decode, pure=True)
    parts = [decode(encoder, a, b, dtype, n_outputs) for a, b in zip(xs, ys, strict=True)]
    p = int(est.n_features_in_)
    if not persist:
        return Blocks(parts, np.zeros(len(parts), dtype=np.int64), p, n_outputs, np.dtype(dtype))
    parts = _persisted(parts, lengths, p + n_outputs)
    norms = None
    if lengths is None:
        norms = list(dask.compute(*[dask.delayed(_summary)(part) for part in parts]))
        lengths = [m for m, _, _ in norms]
    if int(np.sum(lengths)) == 0:
        raise DataError("X has no rows: pass at least one sample")
    lengths = np.asarray(lengths, dtype=np.int64)
    return Blocks(parts, lengths, p, n_outputs, np.dtype(dtype), norms)


def _persisted(parts: list, lengths: list | None, width: int) -> list:
    """``parts`` held in the workers' memory when they fit (see :data:`PERSIST_FRACTION`)."""
    client = _client()
    if client is None:
        return parts
    workers = client.scheduler_info(n_workers=-1)["workers"].values()
    memory = sum(w.get("memory_limit", 0) or 0 for w in workers)
    if lengths is None:  # estimate from the first partition
        dask, _, _ = require()
        first = dask.compute(dask.delayed(_summary)(parts[0]))[0][0]
        rows = first * len(parts)
    else:
        rows = int(np.sum(lengths))
    if memory and rows * width * 8 <= PERSIST_FRACTION * memory:
        dask, _, _ = require()
        return list(dask.persist(*parts))
    return parts


# --------------------------------------------------------------------------- closed form


def _accumulate(kind: str, fit_intercept: bool, part) -> solvers._Accumulator:
    X, T = part
    acc = solvers.GramAccumulator if kind == "gram" else solvers.QRAccumulator
    acc = solvers._accumulate(acc(fit_intercept=fit_intercept), X, T, None)
    acc._buf = np.empty(0)  # the chunk buffer stays here: only the statistics travel
    return acc


def _merge(a: solvers._Accumulator, b: solvers._Accumulator) -> solvers._Accumulator:
    out = copy.deepcopy(a)
    return out.merge(b)


def _tree(items: list, combine: Callable) -> Any:
    """``items`` combined pairwise in a fixed binary tree (delayed), left to right."""
    dask, _, _ = require()
    combine = dask.delayed(combine, pure=True)
    while len(items) > 1:
        items = [combine(items[i], items[i + 1]) if i + 1 < len(items) else items[i]
                 for i in range(0, len(items), 2)]  # fmt: skip
    return items[0]


def merged_statistics(blocks: Blocks, kind: str = "gram", *, fit_intercept: bool = True):
    """One pass: an accumulator per partition, merged pairwise; the merged accumulator.

    Parameters
    ----------
    blocks : Blocks
    kind : {"gram", "qr"}
        :class:`~neurona.solvers.GramAccumulator` or :class:`~neurona.solvers.QRAccumulator`.
    fit_intercept : bool
    """
    dask, _, _ = require()
    task = dask.delayed(_accumulate, pure=True)
    return dask.compute(_tree([task(kind, fit_intercept, p) for p in blocks.parts], _merge))[0]


def _fit_closed_form(est: Any, blocks: Blocks, *, squeeze: bool):
    def feed(acc):  # once, or twice when auto falls back to QR
        kind = "gram" if isinstance(acc, solvers.GramAccumulator) else "qr"
        return acc.merge(merged_statistics(blocks, kind, fit_intercept=acc.fit_intercept))

    sol = solvers.solve_passes(feed, solver=est._solver(), alpha=est._alpha())
    return est._install_solution(sol, squeeze=squeeze, dtype=blocks.dtype)


# --------------------------------------------------------------------------- gradient steps


def _auto_rate(blocks: Blocks, steps, curvature: float) -> float:
    """The safe step of :func:`neurona.schedules.safe_rate`, from per-partition norms."""
    dask, _, _ = require()
    norms = blocks.norms or dask.compute(*[dask.delayed(_summary)(p) for p in blocks.parts])
    n = blocks.shape[0]
    k = steps.rows(n)
    if k >= n and steps.mode.visits_all:
        bound = sum(s for _, s, _ in norms) / (n if steps.mean else 1)
    else:
        bound = max(m for _, _, m in norms) * (1 if steps.mean else k)
    rate = 1.0 / (curvature * bound)
    if not (rate > 0 and np.isfinite(rate)):
        raise DataError(
            "no float64 step can train on these features (their squared norms overflow or "
            "are not finite): remove NaN and infinities and standardise the features"
        )
    return rate


def _is_identity(neuron: Neuron) -> bool:
    """Whether ``neuron``'s error is ``t - z`` and its loss ``(z - t)² / 2`` (by evaluation)."""
    Z = np.array([[0.5], [-2.0], [3.0]])
    T = np.array([[1.0], [-1.0], [-3.0]]) if neuron.targets is None else np.array(
        [[neuron.targets[1]], [neuron.targets[0]], [neuron.targets[0]]]
    )  # fmt: skip
    return np.array_equal(neuron.error(Z, T), T - Z) and np.array_equal(
        neuron.loss(Z, T), 0.5 * (Z - T) ** 2
    )


def _whole_step(part, W, b, neuron: Neuron, count: bool):
    """One partition's share of a step over every row, at the weights ``W``, ``b``."""
    X, T = part
    with np.errstate(over="ignore", invalid="ignore"):
        Z = X @ W + b
        E = neuron.error(Z, T)
        return (
            X.T @ E,
            E.sum(axis=0),
            float(neuron.loss(Z, T).sum()),
            int(np.count_nonzero(E.any(axis=1))),
            int(np.count_nonzero(~np.isfinite(Z).all(axis=1))),
            neuron.n_correct(Z, T) if count else 0,
        )


def _loss_sum(part, W, b, neuron: Neuron) -> float:
    X, T = part
    with np.errstate(over="ignore", invalid="ignore"):
        return float(neuron.loss(X @ W + b, T).sum())


def _count(part, W, b, neuron: Neuron) -> int:
    X, T = part
    with np.errstate(over="ignore", invalid="ignore"):
        return neuron.n_correct(X @ W + b, T)


def _local_epoch(part, W, b, plan: EpochPlan, neuron, schedule, backend, t0, count_start):
    """One epoch on one partition alone, from copies of ``W``, ``b``: ``(W, b, stats)``."""
    X, T = part
    W, b = W.copy(), b.copy()
    correct = _count(part, W, b, neuron) if count_start else None
    stats = resolve(backend, X=X).run_epoch(X, T, W, b, plan, neuron, schedule, t0)
    return W, b, EpochStats(stats.loss_sum, stats.n_errors, stats.n_rows, stats.n_steps,
                            correct, stats.n_nonfinite)  # fmt: skip


@dataclass
class _Chain:
    """What one task of a sequential epoch hands to the next."""

    W: np.ndarray
    b: np.ndarray
    t: int
    rest_X: np.ndarray | None = None  # rows of an unfinished step
    rest_T: np.ndarray | None = None
    loss_sum: float = 0.0
    n_errors: int = 0
    n_rows: int = 0
    n_steps: int = 0
    n_nonfinite: int = 0
    n_correct: int = 0


def _chain_step(state: _Chain, part, local, plan: EpochPlan, neuron, schedule, backend,
                start, last: bool) -> _Chain:  # fmt: skip
    """Run the steps of one partition (after the rows left over by the previous one)."""
    X, T = part
    state = copy.deepcopy(state)
    if start is not None:  # the epoch's starting weights, for the accuracy they give
        state.n_correct += _count(part, *start, neuron)
    if local is not None:
        X, T = X[local], T[local]
    if state.rest_X is not None:
        X, T = np.concatenate([state.rest_X, X]), np.concatenate([state.rest_T, T])
    q = X.shape[0] if last or plan.step == 1 else X.shape[0] // plan.step * plan.step
    if q:
        engine = resolve(backend, X=X)
        stats = engine.run_epoch(
            np.ascontiguousarray(X[:q]), np.ascontiguousarray(T[:q]), state.W, state.b,
            EpochPlan(None, plan.step, plan.mean, plan.visits_all), neuron, schedule, state.t,
        )  # fmt: skip
        state.t += stats.n_steps
        state.n_steps += stats.n_steps
        state.loss_sum += stats.loss_sum
        state.n_errors += stats.n_errors
        state.n_rows += stats.n_rows
        state.n_nonfinite += stats.n_nonfinite
    state.rest_X, state.rest_T = (X[q:], T[q:]) if q < X.shape[0] else (None, None)
    return state


def visit_order(lengths: np.ndarray, order: np.ndarray | None) -> list[tuple[int, Any]]:
    """The partitions an epoch visits and the rows within each: ``[(block, local order)]``.

    ``order`` (global row indices, or None for ``0..n-1``) is regrouped by partition:
    partitions in the order the draw first reaches them, rows within a partition in the
    draw's relative order (``None`` when a partition is read in its own order).
    """
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    if order is None:
        return [(j, None) for j in range(len(lengths)) if lengths[j]]
    block = np.searchsorted(offsets, order, side="right") - 1
    grouped = np.argsort(block, kind="stable")
    counts = np.bincount(block, minlength=len(lengths))
    first = np.full(len(lengths), len(order))
    np.minimum.at(first, block, np.arange(len(order)))
    ends = np.cumsum(counts)
    out = []
    for j in np.argsort(first, kind="stable"):
        if counts[j]:
            rows = order[grouped[ends[j] - counts[j] : ends[j]]] - offsets[j]
            out.append((int(j), rows))
    return out


class ClusterEngine:
    """The training loop's engine for :class:`Blocks` (``neurona.train.train_epochs``).

    ``run_epoch`` updates ``W`` (n_features, n_outputs) and ``b`` (n_outputs,) in place by
    the rules of the module docstring; ``count_correct`` is one counting pass.
    """

    capabilities = Capabilities(counts_in_epoch=True)

    def __init__(self, backend: str, neuron: Neuron, *, average_with=None):
        self.name = backend
        self.device = None
        #: a Generator when every epoch is the opt-in parameter averaging (fit_averaged)
        self.average_with = average_with
        self.identity = _is_identity(neuron)
        self._statistics = None
        #: the starting weights of the last epoch taken from the statistics, if any
        self.last_start: tuple[np.ndarray, np.ndarray] | None = None

    def prepare(self, *arrays):
        return arrays

    def loss(self, X: Blocks, W, b, neuron) -> float:
        """The mean loss of ``W``, ``b`` over every row and output: one real pass."""
        dask, _, _ = require()
        sums = dask.compute(*[dask.delayed(_loss_sum)(p, W, b, neuron) for p in X.parts])
        return float(sum(sums)) / (X.shape[0] * W.shape[1])

    def count_correct(self, X: Blocks, T, W, b, neuron) -> int:
        dask, _, _ = require()
        counts = dask.compute(*[dask.delayed(_count)(p, W, b, neuron) for p in X.parts])
        return int(sum(counts))

    def run_epoch(self, X: Blocks, T, W, b, plan: EpochPlan, neuron, schedule, t0, *,
                  count_start=False, on_update=None) -> EpochStats:  # fmt: skip
        n = X.shape[0]
        if self.average_with is not None:
            return self._averaged(X, W, b, plan, neuron, schedule, t0, count_start)
        if plan.visits_all and plan.step >= n:
            if self.identity:
                return self._from_statistics(X, W, b, plan, neuron, schedule, t0, count_start)
            return self._map_reduce(X, W, b, plan, neuron, schedule, t0, count_start)
        return self._chain(X, W, b, plan, neuron, schedule, t0, count_start)

    def _map_reduce(self, X, W, b, plan, neuron, schedule, t0, count_start) -> EpochStats:
        dask, _, _ = require()
        task = dask.delayed(_whole_step)
        shares = dask.compute(*[task(p, W, b, neuron, count_start) for p in X.parts])
        G, e = sum(s[0] for s in shares), sum(s[1] for s in shares)
        n = X.shape[0]
        scale = schedule.rate(t0) / (n if plan.mean else 1)
        with np.errstate(over="ignore", invalid="ignore"):
            W += scale * G
            b += scale * e
        return EpochStats(
            float(sum(s[2] for s in shares)), sum(s[3] for s in shares), n, 1,
            sum(s[5] for s in shares) if count_start else None, sum(s[4] for s in shares),
        )  # fmt: skip

    def _from_statistics(self, X, W, b, plan, neuron, schedule, t0, count_start) -> EpochStats:
        if self._statistics is None:
            acc = merged_statistics(X, "gram", fit_intercept=True)
            self._statistics = (acc.scatter, acc.mean_x, acc.mean_y, acc.n_samples)
        S, mx, mt, n = self._statistics
        self.last_start = (W.copy(), b.copy())
        correct = self.count_correct(X, None, W, b, neuron) if count_start else None
        p = W.shape[0]
        W64, b64 = W.astype(np.float64), b.astype(np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            d = mt - mx @ W64 - b64  # mean residual per output
            G = S[:p, p:] - S[:p, :p] @ W64 + n * np.outer(mx, d)  # Σ x eᵀ
            V = np.vstack([-W64, np.eye(W.shape[1])])  # (p + k, k)
            loss = 0.5 * float(np.einsum("ik,ij,jk->", V, S, V) + n * (d @ d))
            scale = schedule.rate(t0) / (n if plan.mean else 1)
            W += (scale * G).astype(W.dtype)
            b += (scale * n * d).astype(b.dtype)
        bad = 0 if np.isfinite(loss) else n
        return EpochStats(loss, n, n, 1, correct, bad)

    def _averaged(self, X, W, b, plan, neuron, schedule, t0, count_start) -> EpochStats:
        """Every partition runs the epoch alone from ``W``, ``b``; the results are averaged,
        weighted by rows (Zinkevich et al. 2010, "Parallelized stochastic gradient
        descent"). Approximate: not the in-memory run."""
        dask, _, _ = require()
        rng = self.average_with
        tasks = []
        for j, part in enumerate(X.parts):
            m = int(X.lengths[j])
            if m == 0:
                continue
            if plan.order is None:
                local = None
            else:  # this partition's own draw: a permutation, or rows with replacement
                local = rng.permutation(m) if plan.visits_all else rng.integers(0, m, m)
            local_plan = EpochPlan(local, min(plan.step, m), plan.mean, plan.visits_all)
            tasks.append(dask.delayed(_local_epoch)(part, W, b, local_plan, neuron, schedule,
                                                    self.name, t0, count_start))  # fmt: skip
        results = dask.compute(*tasks)
        n = X.shape[0]
        sizes = [int(m) for m in X.lengths if m]
        W[...] = sum(r[0] * (m / n) for r, m in zip(results, sizes, strict=True))
        b[...] = sum(r[1] * (m / n) for r, m in zip(results, sizes, strict=True))
        stats = [r[2] for r in results]
        return EpochStats(
            sum(st.loss_sum for st in stats), sum(st.n_errors for st in stats), n,
            max(st.n_steps for st in stats),
            sum(st.n_correct_start for st in stats) if count_start else None,
            sum(st.n_nonfinite for st in stats),
        )  # fmt: skip

    def _chain(self, X, W, b, plan, neuron, schedule, t0, count_start) -> EpochStats:
        dask, _, _ = require()
        step = dask.delayed(_chain_step)
        visits = visit_order(X.lengths, plan.order)
        start = (W.copy(), b.copy()) if count_start else None
        state = _Chain(W.copy(), b.copy(), int(t0))
        for i, (j, local) in enumerate(visits):
            last = i == len(visits) - 1
            state = step(state, X.parts[j], local, plan, neuron, schedule, self.name, start,
                         last)  # fmt: skip
        state = dask.compute(state)[0]
        W[...], b[...] = state.W, state.b
        return EpochStats(state.loss_sum, state.n_errors, state.n_rows, state.n_steps,
                          state.n_correct if count_start else None, state.n_nonfinite)  # fmt: skip


def _backend(est: Any, warm: bool) -> str:
    """The backend every task runs (resolved here once, so all partitions agree)."""
    if est.device is not None:
        raise ParameterError(
            f"device={est.device!r} is not available on a Dask cluster: each worker trains on "
            "its host; leave device unset"
        )
    previous = getattr(est, "_backend_used", None) if warm else None
    name = resolve(est.backend, X=np.zeros((1, 1)), previous=previous).name
    est._backend_used = name
    return name


def _fit_gradient(est, blocks: Blocks, *, warm: bool, partial: bool, squeeze: bool,
                  average: bool = False):  # fmt: skip
    neuron, steps = est._neuron(), est._steps()
    backend = _backend(est, warm)
    if isinstance(est.learning_rate, str):
        if not (warm and hasattr(est, "learning_rate_")):
            est.learning_rate_ = _auto_rate(blocks, steps, neuron.curvature)
    else:
        est.learning_rate_ = float(est.learning_rate)
    power = est.power_t if est.schedule == "invscaling" else 0.0
    engine = ClusterEngine(backend, neuron, average_with=est._rng if average else None)
    run = Run(neuron, steps, Schedule(est.learning_rate_, float(power)), engine,
              None if partial else est.tol, int(est.n_iter_no_change))  # fmt: skip
    if not warm:
        est.t_, est.history_ = 0, est._new_history()
    W, b = est._start(blocks, blocks.n_outputs, warm)
    try:
        result = train_epochs(
            blocks, _Targets((blocks.shape[0], blocks.n_outputs)), W, b, run,
            epochs=1 if partial else int(est.epochs), rng=est._rng, steps_done=est.t_,
            history=est.history_, callbacks=tuple(est.callbacks or ()),
        )  # fmt: skip
    except DivergenceError:
        est._store(W, b, squeeze=squeeze)
        raise
    est._store(W, b, squeeze=squeeze)
    if engine.last_start is not None and result.n_epochs:  # the last loss from a real pass
        est.history_["loss"][-1] = engine.loss(blocks, *engine.last_start, neuron)
    est.t_ = result.steps
    est.n_iter_ = est.n_iter_ + 1 if partial and warm else result.n_epochs
    if not partial:
        est._after_fit(result, blocks)
    return est


def fit(est: Any, X: Any, y: Any, *, partial: bool, classes: Any, on_update: Any,
        make_rng: Callable, average: bool = False) -> Any:  # fmt: skip
    """Fit ``est`` on dask collections ``X`` (n_samples, n_features) and ``y``.

    Called by the estimators' ``fit`` and ``partial_fit`` (after their parameter checks)
    when ``X`` is a dask collection; see the module docstring for what runs where.

    Raises
    ------
    MissingDependencyError
        dask[dataframe] or distributed is not installed.
    ParameterError
        ``on_update`` or ``device`` was given (not available on a cluster).
    DataError
        As in memory (checked partition by partition), and ``y`` not partitioned like ``X``.
    """
    require()
    if not is_dask(y):
        raise DataError(
            f"X is a dask collection but y is a {type(y).__name__}: pass y as a dask array, "
            "series or dataframe partitioned like X (e.g. y = frame['target'])"
        )
    if on_update is not None:
        raise ParameterError(
            "on_update is not available on a Dask cluster (the updates run on the workers); "
            "use callbacks for per-epoch progress, or fit in memory"
        )
    warm = hasattr(est, "coef_") and (partial or est.warm_start)
    Xh, yh = _head(X, y)
    if classes is None and not warm and not partial and is_classifier(est):
        classes = _labels(y)  # partial_fit's first call must name them (_validated says so)
    _, yv, T = est._validated(Xh, yh, reset=not warm, classes=classes, partial=partial)
    squeeze = est._squeeze(yv)
    if not warm or not hasattr(est, "_rng"):
        est._rng = make_rng(est.random_state)
    closed = est._solver() is not None and not average
    blocks = _blocks(est, X, y, persist=not closed, dtype=T.dtype, n_outputs=T.shape[1])
    if closed:
        for name in ("coef_", "intercept_"):  # a new solution: nothing to continue from
            est.__dict__.pop(name, None)
        return _fit_closed_form(est, blocks, squeeze=squeeze)
    return _fit_gradient(est, blocks, warm=warm, partial=partial, squeeze=squeeze,
                         average=average)  # fmt: skip


def fit_averaged(est: Any, X: Any, y: Any, *, classes: Any = None) -> Any:
    """Parallel parameter averaging: a different, approximate method, never the default.

    Every epoch, each partition runs ``est``'s mode alone from the current weights, all at
    once; the new weights are the row-weighted mean of theirs (Zinkevich, Weimer, Smola and
    Li 2010, "Parallelized stochastic gradient descent"). Partitions train in parallel,
    but the result is not the in-memory run (use ``est.fit`` for that). A shuffled mode
    draws each partition's rows from the estimator's generator.

    Parameters
    ----------
    est : estimator with ``solver="gd"`` (or no solver)
        Fitted in place, from zero weights (or its own with ``warm_start``).
    X : dask array (n_samples, n_features) or dask dataframe
    y : dask array, series or dataframe, partitioned like ``X``
    classes : array-like, optional
        Every label (classifiers; found by one pass over ``y`` when omitted).

    Returns
    -------
    est

    Raises
    ------
    ParameterError
        ``est`` solves in closed form (there is nothing to average).
    DataError, MissingDependencyError
        As :func:`fit`.
    """
    est._check_params()
    est._check_continuation(partial=False)
    if est._solver() is not None:
        raise ParameterError(
            f"{type(est).__name__} with solver={est._solver()!r} solves in closed form: there "
            "are no epochs to average; use fit (exact), or solver='gd'"
        )
    before = dict(est.__dict__)
    try:
        return fit(est, X, y, partial=False, classes=classes, on_update=None,
                   make_rng=_seeded, average=True)  # fmt: skip
    except DataError:
        est.__dict__.clear()
        est.__dict__.update(before)
        raise


def _seeded(random_state: Any) -> np.random.Generator:
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(np.iinfo(np.int32).max))
    return np.random.default_rng(random_state)


# --------------------------------------------------------------------------- predictions


def _meta_input(X: Any, n_features: int, dtype) -> Any:
    """One row of zeros shaped like a partition of ``X`` (to learn the output's shape)."""
    if hasattr(X, "columns"):
        import pandas as pd

        return pd.DataFrame(np.zeros((1, len(X.columns))), columns=X.columns)
    return np.zeros((1, n_features), dtype=dtype)


def _score(est: Any, method: Callable, X: Any, y: Any, sample_weight=None) -> float:
    """Accuracy (classifiers) or R² averaged over outputs (regressors), from per-partition
    sums: counts, or ``(n, mean, Σ(y − ȳ)², Σ(y − ŷ)²)`` merged by Chan et al. (1979)."""
    dask, _, _ = require()
    if sample_weight is not None:
        raise ParameterError("sample_weight is not supported with dask collections")
    xs, ys, _ = _row_partitions(X, y)
    predict = functools.partial(_unwrapped(type(est), "predict"), est)
    pairs = list(zip(xs, ys, strict=True))
    if is_classifier(est):
        parts = dask.compute(*[dask.delayed(_correct)(predict, a, b) for a, b in pairs])
        return float(sum(c for c, _ in parts) / sum(m for _, m in parts))
    parts = dask.compute(*[dask.delayed(_r2_sums)(predict, a, b) for a, b in pairs])
    n, mean, m2, res = parts[0]
    for nb, mb, m2b, rb in parts[1:]:
        total = n + nb
        delta = mb - mean
        m2 = m2 + m2b + delta**2 * (n * nb / total)
        mean = mean + delta * (nb / total)
        n, res = total, res + rb
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = np.where(m2 > 0, 1 - res / np.where(m2 > 0, m2, 1), np.where(res == 0, 1.0, 0.0))
    return float(np.mean(r2))


def _correct(predict, X, y) -> tuple[int, int]:
    return int(np.sum(predict(X) == np.asarray(y))), len(y)


def _r2_sums(predict, X, y):
    Y = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
    P = np.asarray(predict(X), dtype=np.float64).reshape(len(y), -1)
    mean = Y.mean(axis=0)
    return len(Y), mean, ((Y - mean) ** 2).sum(axis=0), ((Y - P) ** 2).sum(axis=0)


def _blockwise(est: Any, name: str, X: Any, *args, **kwargs) -> Any:
    """``est.name(X)`` on a dask collection: lazy, one task per partition."""
    _, da, dd = require()
    method = _unwrapped(type(est), name)
    if name == "score":
        return _score(est, method, X, *args, **kwargs)
    call = functools.partial(method, est, *args, **kwargs)
    meta = call(_meta_input(X, est.n_features_in_, getattr(X, "dtype", np.float64)))
    if isinstance(X, dd.DataFrame):
        import pandas as pd

        def frame(part):
            out = call(part) if len(part) else meta[:0]
            if out.ndim == 1:
                return pd.Series(out, index=part.index)
            return pd.DataFrame(out, index=part.index)

        empty = pd.Series(meta[:0]) if meta.ndim == 1 else pd.DataFrame(meta[:0])
        return X.map_partitions(frame, meta=empty)
    if not isinstance(X, da.Array) or X.ndim != 2:
        raise DataError(f"{name} takes a 2-D dask array or a dask dataframe, not {type(X)}")
    X = X.rechunk({1: -1})
    if meta.ndim == 1:
        return X.map_blocks(call, drop_axis=1, dtype=meta.dtype, meta=meta[:0])
    return X.map_blocks(call, chunks=(X.chunks[0], (meta.shape[1],)), dtype=meta.dtype,
                        meta=meta[:0])  # fmt: skip


def _unwrapped(cls: type, name: str) -> Callable:
    method = getattr(cls, name)
    return getattr(method, "__wrapped__", method)


def dispatch_predictions(cls: type) -> None:
    """Let ``cls``'s :data:`PREDICTORS` take dask collections (lazily, blockwise); other
    inputs reach the method unchanged."""
    for name in PREDICTORS:
        method = cls.__dict__.get(name, getattr(cls, name, None))
        if not callable(method) or getattr(method, "_dask_dispatch", False):
            continue

        def dispatching(self, X, *args, _method=method, _name=name, **kwargs):
            if is_dask(X):
                return _blockwise(self, _name, X, *args, **kwargs)
            return _method(self, X, *args, **kwargs)

        functools.update_wrapper(dispatching, method)
        dispatching._dask_dispatch = True
        setattr(cls, name, dispatching)
