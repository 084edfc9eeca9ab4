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
* A mistake-driven neuron's epoch (the perceptrons') that visits every row and makes no
  update has converged: no later epoch can change the weights, so training stops
  (``converged=True``).
* Non-finite net inputs, weights or loss stop the run with :class:`DivergenceError`; ``W``
  and ``b`` are restored to the last finite values (those at the start of the failing
  epoch). So does a loss that is clearly blowing up while still finite (:class:`_Growth`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .backends import Engine, EpochStats
from .errors import ConvergenceWarning, DivergenceError, warn
from .modes import EpochPlan, Steps
from .neurons import Neuron
from .schedules import Schedule

__all__ = ["EpochInfo", "Run", "TrainResult", "new_history", "train_epochs"]


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


@dataclass(frozen=True)
class Run:
    """Everything one training run holds fixed.

    Attributes
    ----------
    neuron : Neuron
    steps : Steps
        The mode and the parameters that shape its steps.
    schedule : Schedule
    engine : Engine
        The resolved backend (:func:`neurona.backends.resolve`).
    tol : float or None
        None: every epoch runs. Otherwise stop after ``n_iter_no_change`` epochs whose
        loss is not below ``best_loss - tol``.
    n_iter_no_change : int
    """

    neuron: Neuron
    steps: Steps
    schedule: Schedule
    engine: Engine
    tol: float | None = None
    n_iter_no_change: int = 5


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
    if neuron.mistake_driven:
        keys.append("updates")
    if neuron.is_classifier:
        keys.append("accuracy")
    return {k: [] for k in keys}


def _clean(neuron: Neuron, plan: EpochPlan, stats: EpochStats) -> bool:
    """A mistake-driven epoch over every row without an update: every row is read right by
    the final weights, and no later epoch can change them."""
    return neuron.mistake_driven and plan.visits_all and stats.n_errors == 0


def train_epochs(
    X: Any,
    T: Any,
    W: np.ndarray,
    b: np.ndarray,
    run: Run,
    *,
    epochs: int,
    rng: np.random.Generator,
    steps_done: int = 0,
    history: dict[str, list] | None = None,
    callbacks: Sequence[Callback] = (),
    on_update: Callable[[Any, Any], object] | None = None,
) -> TrainResult:
    """Train ``W`` (n_features, n_outputs) and ``b`` (n_outputs,) in place for ``epochs``.

    Parameters
    ----------
    X : (n_samples, n_features)
        A NumPy array, or a tensor on the engine's device.
    T : (n_samples, n_outputs)
        Targets encoded for ``run.neuron``, beside ``X``.
    W, b : NumPy arrays, updated in place
    run : Run
    epochs : int
    rng : numpy.random.Generator
        Draws every epoch's row order (:meth:`Steps.plan`).
    steps_done : int
        Updates already made (``warm_start`` and ``partial_fit`` continue the schedule).
    history : dict or None
        Per-epoch lists to append to (see :func:`new_history`).
    callbacks : sequence of callables
        ``callback(EpochInfo)`` after every epoch; a true return value stops training.
    on_update : callable or None
        ``on_update(W, b)`` after every update that changed the weights (views; copy
        them to keep them); ``run.engine`` must call back (:func:`neurona.backends.resolve`).

    Raises
    ------
    DivergenceError
        The weights or the loss became non-finite; ``W`` and ``b`` hold the last finite
        weights (those at the start of the failing epoch).
    """
    neuron, engine = run.neuron, run.engine
    result = TrainResult(steps=steps_done, history=history or new_history(neuron))
    # the accuracy of an epoch's final weights can be counted by the next epoch's pass
    # when that epoch visits every row once and the backend counts in its own pass
    can_defer = (
        engine.capabilities.counts_in_epoch
        and run.steps.mode.visits_all
        and not callbacks
        and on_update is None
    )
    owed = False  # the last epoch's accuracy is still to be appended
    growth = _Growth(neuron, result.history["loss"])
    try:
        best, stale = math.inf, 0
        for epoch in range(1, epochs + 1):
            plan = run.steps.plan(X.shape[0], rng)
            W_prev, b_prev = W.copy(), b.copy()
            stats = engine.run_epoch(
                X, T, W, b, plan, neuron, run.schedule, result.steps,
                count_start=owed, on_update=on_update,
            )  # fmt: skip
            loss = stats.loss_sum / (stats.n_rows * T.shape[1])
            finite = math.isfinite(loss) and np.isfinite(W).all() and np.isfinite(b).all()
            if stats.n_nonfinite or not finite:
                W[...], b[...] = W_prev, b_prev
                raise DivergenceError(
                    f"training diverged in epoch {epoch}: the net inputs, the weights or the "
                    f"loss became non-finite with learning_rate={run.schedule.eta0:g}; the "
                    "last finite weights are kept. Lower the learning rate (e.g. by 10x), "
                    "use reduction='mean', or standardise the features."
                )
            if growth.blowing_up(loss):
                W[...], b[...] = W_prev, b_prev
                raise DivergenceError(
                    f"training is diverging in epoch {epoch}: the loss grew from "
                    f"{growth.lowest:.3g} to {loss:.3g}, rising for {growth.rises} epochs in a "
                    f"row, with learning_rate={run.schedule.eta0:g}; the weights before this "
                    "epoch are kept. Lower the learning rate (learning_rate='auto' picks a "
                    "step that cannot overshoot), or standardise the features."
                )
            if owed:
                result.history["accuracy"].append(stats.n_correct_start / stats.n_rows)
            owed = _record(result.history, run, plan, stats, (X, T, W, b),
                           defer=can_defer and epoch < epochs)  # fmt: skip
            result.n_epochs, result.steps = epoch, result.steps + stats.n_steps
            if _notify(callbacks, epoch, W, b, result, run.schedule):
                result.stopped_by_callback = True
                return result
            if _clean(neuron, plan, stats):
                result.converged = True
                return result
            if run.tol is not None:
                stale = stale + 1 if loss > best - run.tol else 0
                best = min(best, loss)
                if stale >= run.n_iter_no_change:
                    result.converged = True
                    return result
    finally:
        if owed:  # stopped before the next epoch could count it: one pass now
            correct = engine.count_correct(X, T, W, b, neuron)
            result.history["accuracy"].append(correct / X.shape[0])
    if run.tol is not None:
        warn(
            f"stopped by the epoch limit (epochs={epochs}) before the loss stopped improving "
            f"by tol={run.tol:g}; raise `epochs` or `tol`, or tune the learning rate",
            ConvergenceWarning,
        )
    return result


class _Growth:
    """Notices a run that is blowing up before anything overflows: the loss of a neuron
    with curvature (squared or log loss; a perceptron's criterion grows with its weights'
    scale, harmlessly) rose ``RISES`` epochs in a row to ``FACTOR`` times the lowest loss
    of the whole history (earlier ``partial_fit`` and ``warm_start`` calls included).
    Gradient steps too large for the data multiply the squared loss every epoch (by
    ``(η λ - 1)²`` along the Hessian's top direction), so the rule fires within a few
    epochs of such a run and never on one that converges, however slowly."""

    RISES, FACTOR = 2, 1e6

    def __init__(self, neuron: Neuron, earlier: list):
        self.watch = not neuron.mistake_driven
        finite = [v for v in earlier if math.isfinite(v)]
        self.lowest = min(finite, default=math.inf)
        self.last = finite[-1] if finite else math.inf
        self.rises = 0
        for before, after in itertools.pairwise(finite):
            self.rises = self.rises + 1 if after > before else 0

    def blowing_up(self, loss: float) -> bool:
        if not self.watch:
            return False
        self.rises = self.rises + 1 if loss > self.last else 0
        self.last, self.lowest = loss, min(self.lowest, loss)
        return self.rises >= self.RISES and loss > self.FACTOR * self.lowest > 0


def _record(history, run: Run, plan: EpochPlan, stats: EpochStats, data, *, defer) -> bool:
    """Append the epoch's figures; return True when its accuracy is left to the next epoch.

    The accuracy is that of the weights at the end of the epoch, on every row. It costs a
    pass over ``X`` (the backend's ``count_correct``) unless the epoch was clean (then it
    is 1: each row was read correctly by the final weights, see :func:`_clean`), or
    ``defer``: the next epoch, which starts from these weights, counts it in its own pass.
    """
    X, T, W, b = data
    history["loss"].append(stats.loss_sum / (stats.n_rows * T.shape[1]))
    if "updates" in history:
        history["updates"].append(stats.n_errors)
    if "accuracy" not in history:
        return False
    if _clean(run.neuron, plan, stats):
        history["accuracy"].append(1.0)
        return False
    if defer:
        return True
    history["accuracy"].append(run.engine.count_correct(X, T, W, b, run.neuron) / X.shape[0])
    return False


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
