"""The one training loop: epochs, history, stopping rules and callbacks.

Every neuron in every mode on every backend trains here. The loop never prints; progress
reaches the outside through callbacks, which receive an :class:`EpochInfo` after each epoch
and may return True to stop.

History
-------
Per epoch, ``history["loss"]`` is the mean loss of the rows as they were visited, each with
the weights it saw (in ``batch`` mode: exactly the loss at the epoch's starting weights);
``history["updates"]`` (perceptron) counts the rows that changed the weights (in ``batch``
mode: the misclassified rows); ``history["accuracy"]`` (classifiers) is the share of all
rows classified correctly by the weights at the end of the epoch.

Stopping
--------
* ``epochs`` bounds the run (the lecture's T).
* ``tol`` (None: run all epochs, as the lecture does): training stops after
  ``n_iter_no_change`` consecutive epochs whose loss is not below ``best_loss - tol``.
  When ``epochs`` ends a run that had a tolerance first, a :class:`ConvergenceWarning` says so.
* A perceptron epoch that visits every row and makes no update has converged: no later
  epoch can change the weights, so training stops (``converged=True``).
* Non-finite weights or loss stop the run with :class:`DivergenceError`; ``W`` and ``b``
  are restored to the last finite values (those at the start of the failing epoch).
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .backends import EpochStats, Schedule, get_backend
from .errors import ConvergenceWarning, DivergenceError, ParameterError
from .modes import plan_epoch
from .neurons import Neuron

__all__ = ["EpochInfo", "TrainResult", "new_history", "train_epochs"]


@dataclass(frozen=True)
class EpochInfo:
    """What a callback sees after each epoch (copies; safe to keep)."""

    epoch: int
    coef: np.ndarray
    intercept: np.ndarray
    loss: float
    updates: int
    accuracy: float | None
    learning_rate: float


Callback = Callable[[EpochInfo], bool | None]


@dataclass
class TrainResult:
    """How a call to :func:`train_epochs` ended."""

    n_epochs: int = 0
    steps: int = 0
    converged: bool = False
    stopped_by_callback: bool = False
    history: dict[str, list] = field(default_factory=dict)


def new_history(neuron: Neuron) -> dict[str, list]:
    """An empty per-epoch history with the keys that ``neuron`` reports."""
    keys = ["loss"]
    if neuron.loss == "perceptron":
        keys.append("updates")
    if neuron.is_classifier:
        keys.append("accuracy")
    return {k: [] for k in keys}


def _record(history, neuron: Neuron, stats: EpochStats, plan, X, T, W, b, count, defer) -> bool:
    """Append the epoch's figures; return True when its accuracy is left to the next epoch.

    The accuracy is that of the weights at the end of the epoch, on every row. It costs a
    pass over ``X`` (``count``, in the backend) unless a perceptron epoch visited every row
    without an update (then it is 1: each row was read correctly by the final weights), or
    ``defer``: the next epoch, which starts from these weights, counts it in its own pass.
    """
    history["loss"].append(stats.loss_sum / (stats.n_rows * T.shape[1]))
    if "updates" in history:
        history["updates"].append(stats.n_errors)
    if "accuracy" not in history:
        return False
    if neuron.loss == "perceptron" and plan.visits_all and stats.n_errors == 0:
        history["accuracy"].append(1.0)
        return False
    if defer:
        return True
    history["accuracy"].append(count(X, T, W, b, neuron) / X.shape[0])
    return False


def train_epochs(
    X: np.ndarray,
    T: np.ndarray,
    W: np.ndarray,
    b: np.ndarray,
    *,
    neuron: Neuron,
    mode: str,
    epochs: int,
    schedule: Schedule,
    rng: np.random.Generator,
    backend: str = "numpy",
    batch_size: int = 32,
    shuffle: bool = False,
    reduction: str = "sum",
    tol: float | None = None,
    n_iter_no_change: int = 5,
    steps_done: int = 0,
    history: dict[str, list] | None = None,
    callbacks: Sequence[Callback] = (),
    on_update: Callable[[np.ndarray, np.ndarray], object] | None = None,
) -> TrainResult:
    """Train ``W`` (n_features, n_outputs) and ``b`` (n_outputs,) in place for ``epochs``.

    Parameters
    ----------
    X : (n_samples, n_features)
    T : (n_samples, n_outputs)
        Targets encoded for ``neuron``.
    steps_done : int
        Updates already made (``warm_start`` and ``partial_fit`` continue the schedule).
    history : dict or None
        Per-epoch lists to append to (see :func:`new_history`).
    on_update : callable or None
        ``on_update(W, b)`` after every update that changed the weights (views; copy
        them to keep them). Only the ``numpy`` backend calls back per update.
    """
    engine = get_backend(backend)
    run_epoch = engine.run_epoch
    if on_update is not None:
        if backend != "numpy":
            raise ParameterError(
                f"per-update callbacks need backend='numpy' (got {backend!r}): the compiled "
                "backends do not call back in their loops"
            )
        run_epoch = functools.partial(run_epoch, on_update=on_update)
    result = TrainResult(steps=steps_done, history=history or new_history(neuron))
    # the accuracy of an epoch's final weights can be counted by the next epoch's pass
    # when that epoch visits every row once and the backend counts in its kernels
    can_defer = (
        getattr(engine, "COUNTS_IN_EPOCH", False)
        and mode != "random"
        and not callbacks
        and on_update is None
    )
    owed = False  # the last epoch's accuracy is still to be appended
    try:
        best, stale = math.inf, 0
        for epoch in range(1, epochs + 1):
            plan = plan_epoch(
                mode, X.shape[0], rng=rng, shuffle=shuffle, batch_size=batch_size,
                reduction=reduction,
            )  # fmt: skip
            W_prev, b_prev = W.copy(), b.copy()
            extra = {"count_start": True} if owed else {}
            stats = run_epoch(X, T, W, b, plan, neuron, schedule, result.steps, **extra)
            loss = stats.loss_sum / (stats.n_rows * T.shape[1])
            if not (math.isfinite(loss) and np.isfinite(W).all() and np.isfinite(b).all()):
                W[...], b[...] = W_prev, b_prev
                raise DivergenceError(
                    f"training diverged in epoch {epoch}: the weights or the loss became "
                    f"non-finite with learning_rate={schedule.eta0:g}; the last finite "
                    "weights are kept. Lower the learning rate (e.g. by 10x), use "
                    "reduction='mean', or standardise the features."
                )
            if owed:
                result.history["accuracy"].append(stats.n_correct_start / stats.n_rows)
            count, defer = engine.count_correct, can_defer and epoch < epochs
            owed = _record(result.history, neuron, stats, plan, X, T, W, b, count, defer)
            result.n_epochs, result.steps = epoch, result.steps + stats.n_steps
            if _notify(callbacks, epoch, W, b, result, schedule):
                result.stopped_by_callback = True
                return result
            if neuron.loss == "perceptron" and plan.visits_all and stats.n_errors == 0:
                result.converged = True
                return result
            if tol is not None:
                stale = stale + 1 if loss > best - tol else 0
                best = min(best, loss)
                if stale >= n_iter_no_change:
                    result.converged = True
                    return result
    finally:
        if owed:  # stopped before the next epoch could count it: one pass now
            result.history["accuracy"].append(engine.count_correct(X, T, W, b, neuron) / len(X))
    if tol is not None:
        warnings.warn(
            f"stopped by the epoch limit (epochs={epochs}) before the loss stopped improving "
            f"by tol={tol:g}; raise `epochs` or `tol`, or tune the learning rate",
            ConvergenceWarning,
            stacklevel=3,
        )
    return result


def _notify(callbacks, epoch, W, b, result, schedule) -> bool:
    if not callbacks:
        return False
    h = result.history
    info = EpochInfo(
        epoch=epoch,
        coef=W.T.copy(),
        intercept=b.copy(),
        loss=h["loss"][-1],
        updates=h["updates"][-1] if "updates" in h else 0,
        accuracy=h["accuracy"][-1] if "accuracy" in h else None,
        learning_rate=schedule.rate(max(result.steps - 1, 0)),
    )
    return any([bool(cb(info)) for cb in callbacks])
