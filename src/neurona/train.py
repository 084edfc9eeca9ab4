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
rows classified correctly by the weights at the end of the epoch. With averaging
(``average``), once it has begun, both describe the averaged weights at the end of the
epoch (those ``coef_`` holds), taken in one more pass over the rows.

Stopping
--------
* ``epochs`` bounds the run (the lecture's T).
* ``tol`` (None: run all epochs, as the lecture does): training stops after
  ``n_iter_no_change`` consecutive epochs whose loss is not below ``best_loss - tol``.
  Several outputs (one-vs-rest, multi-target regression) stop one by one, as that many
  single-output fits would (scikit-learn's one-vs-rest): each output trains alone, on the
  epoch's row order, until its own loss stops improving by ``tol`` (or, mistake-driven,
  its epoch is clean), then keeps its weights; training ends when every output has
  stopped (``n_epochs``: the last one's epochs). ``history["loss"]`` stays the mean over
  the outputs (a stopped output counts with the loss of its last epoch) and
  ``history["updates"]`` then sums the outputs' updates.
  When ``epochs`` ends a run that had a tolerance first, a :class:`ConvergenceWarning` says so.
* A mistake-driven neuron's epoch (the perceptrons') that visits every row and makes no
  update has converged: no later epoch can change the weights, so training stops
  (``converged=True``).
* Non-finite net inputs, weights or loss stop the run with :class:`DivergenceError`; ``W``
  and ``b`` are restored to the last finite values (those at the start of the failing
  epoch). So does a loss that is clearly blowing up while still finite (:class:`_Growth`):
  rising two epochs in a row to a million times the lowest loss of the history, or in one
  epoch to a million times this call's first loss. A run whose step is not proven safe
  (an explicit ``learning_rate``) has its loss taken once more at its final weights, so a
  step that overshoots in the last (or only) epoch is caught too.
* A decaying rate (``power_t > 0``) that falls below the smallest normal number of the
  weights' dtype leaves the later updates without effect: a :class:`ConvergenceWarning`.

``history["loss"]`` keeps the loss of each epoch's pass as Keras and scikit-learn's
``loss_curve_`` do (for ``batch``, at the epoch's starting weights): the last entry is the
loss before the last update, not after it.
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
from .neurons import Neuron, Terms
from .schedules import Schedule

__all__ = ["EpochInfo", "Run", "TrainResult", "new_history", "stop_at_update", "train_epochs"]


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
    safe_step : bool
        Whether the step is proven not to overshoot (``learning_rate="auto"``). A run with
        another step has its loss taken once more at its final weights (one more pass
        over the rows): a step that overshot in the run's last epoch is caught there.
    fit_intercept : bool
        False: the bias stays where it started (0 for a fresh fit), as scikit-learn's
        ``fit_intercept=False``.
    """

    neuron: Neuron
    steps: Steps
    schedule: Schedule
    engine: Engine
    tol: float | None = None
    n_iter_no_change: int = 5
    safe_step: bool = True
    fit_intercept: bool = True

    def options(self, sample_weight: Any = None, terms: Terms | None = None) -> dict[str, Any]:
        """The keyword arguments of ``run_epoch`` beyond the defaults (none when every
        option is off, so that engines without the options keep running)."""
        opts: dict[str, Any] = {}
        if sample_weight is not None:
            opts["sample_weight"] = sample_weight
        if not self.fit_intercept:
            opts["fit_intercept"] = False
        if terms is not None and terms.active:
            opts["terms"] = terms
        return opts


@dataclass
class TrainResult:
    """How a call to :func:`train_epochs` ended."""

    n_epochs: int = 0
    steps: int = 0
    converged: bool = False
    stopped_by_callback: bool = False
    stopped_by_update: bool = False  # on_update returned a true value, inside an epoch
    rate_vanished: bool = False
    history: dict[str, list] = field(default_factory=dict)
    validation_scores: list[float] = field(default_factory=list)


def new_history(neuron: Neuron, *, accuracy: bool = True) -> dict[str, list]:
    """An empty per-epoch history with the keys that ``neuron`` reports; ``accuracy=False``
    leaves a classifier's ``"accuracy"`` out, and with it every count of it (the training
    loop counts it only where the history has the key)."""
    keys = ["loss"]
    if neuron.mistake_driven:
        keys.append("updates")
    if neuron.is_classifier and accuracy:
        keys.append("accuracy")
    return {k: [] for k in keys}


def _clean(neuron: Neuron, plan: EpochPlan, stats: EpochStats) -> bool:
    """A mistake-driven epoch over every row without an update: no later epoch can change
    the weights (every row is read right, unless its update vanished: a weight of 0, a
    step that underflowed)."""
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
    sample_weight: Any = None,
    terms: Terms | None = None,
    validation: Callable[[np.ndarray, np.ndarray], tuple[float, np.ndarray]] | None = None,
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
        A true return value stops training right there, inside its epoch: ``W`` and ``b``
        stay as it was shown them, and that epoch's history covers the rows visited
        (``result.stopped_by_update``).
    sample_weight : (n_samples, n_outputs) or None
        Each entry's error is scaled by its weight (scikit-learn's SGD: the sample weight
        times the class weight), beside ``X``; the loss stays unweighted.
    terms : Terms or None
        Penalties and averaging, with their state (:class:`neurona.neurons.Terms`,
        ``start`` already called). With a penalty or averaging a clean perceptron epoch
        no longer ends the run: the decay (or the average) still moves.
    validation : callable or None
        Early stopping (scikit-learn's ``early_stopping``): ``validation(W, b)`` after
        each epoch returns the score of the held-out rows (higher is better) and each
        output's own score (n_outputs,), appended to ``result.validation_scores``. With
        ``run.tol`` it replaces the loss as the stopping rule, as scikit-learn's: an
        epoch whose score is below ``best_score + tol`` is stale, and ``n_iter_no_change``
        stale epochs in a row stop training (each output on its own score with several
        outputs, as one-vs-rest fits do). The weights are those of the last epoch.

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
    opts = run.options(sample_weight, terms)
    several = run.tol is not None and T.shape[1] > 1
    outputs = _Outputs(X, T, run, sample_weight, terms) if several else None
    moving = terms is not None and terms.active  # the weights move without mistakes
    can_defer = can_defer and outputs is None
    # averaging: the history describes the averaged weights (coef_) once averaging began
    averaging = terms is not None and bool(terms.average)
    can_defer = can_defer and not averaging
    W_prev, b_prev = W, b
    # a step not proven safe: the loss is taken once more at the final weights, in the
    # pass that also counts the last epoch's accuracy where the backend counts in its pass
    final_check = growth.watch and not run.safe_step
    # the epochs run on the same arrays: a backend checks and prepares them once (an
    # engine without ``runner``, as the Dask cluster's, runs each epoch as it comes)
    direct = on_update is None and outputs is None and epochs > 0
    prepare = getattr(engine, "runner", None) if direct else None
    epoch_on = prepare(X, T, W, b, neuron, **opts) if prepare is not None else None
    try:
        best, stale = math.inf, 0
        best_score = -math.inf
        for epoch in range(1, epochs + 1):
            plan = run.steps.plan(X.shape[0], rng)
            W_prev, b_prev = W.copy(), b.copy()
            if outputs is not None:  # each output that has not stopped, alone
                stats = outputs.run_epoch(W, b, plan, result.steps, on_update)
            elif epoch_on is not None:
                stats = epoch_on(plan, run.schedule, result.steps, owed)
            else:
                stats = engine.run_epoch(
                    X, T, W, b, plan, neuron, run.schedule, result.steps,
                    count_start=owed, on_update=on_update, **opts,
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
                raise _diverging(epoch, growth, loss, run)
            if owed:
                result.history["accuracy"].append(stats.n_correct_start / stats.n_rows)
            clean = (_clean(neuron, plan, stats) and (outputs is None or outputs.all_clean)
                     and not moving)  # fmt: skip
            owed = _record(result.history, run, plan, stats, (X, T, W, b),
                           defer=can_defer and (epoch < epochs or final_check),
                           clean=clean)  # fmt: skip
            result.n_epochs, result.steps = epoch, result.steps + stats.n_steps
            if averaging and terms.average <= result.steps:
                _record_averaged(result.history, run, terms, X, T, W)
            if stats.stopped:  # on_update asked to stop right after its update
                result.stopped_by_update = True
                _score_last(validation, W, b, result)
                return result
            if _notify(callbacks, epoch, W, b, result, run.schedule):
                result.stopped_by_callback = True
                _score_last(validation, W, b, result)
                return result
            scores = None
            if validation is not None:
                score, scores = validation(W, b)
                result.validation_scores.append(float(score))
            if outputs is not None:
                if outputs.stop(plan, scores):
                    if not moving and growth.rose_to_a_stop(loss):
                        owed = _undo_epoch(result.history, owed, W, b, W_prev, b_prev)
                        raise _diverging(epoch, growth, loss, run)
                    result.converged = True
                    return result
                continue
            if _clean(neuron, plan, stats) and not moving:
                result.converged = True
                return result
            if run.tol is not None and validation is not None:
                score = float(scores[0])
                stale = stale + 1 if score < best_score + run.tol else 0
                best_score = max(best_score, score)
                if stale >= run.n_iter_no_change:
                    if not moving and growth.rose_to_a_stop(loss):
                        owed = _undo_epoch(result.history, owed, W, b, W_prev, b_prev)
                        raise _diverging(epoch, growth, loss, run)
                    result.converged = True
                    return result
            elif run.tol is not None:
                stale = stale + 1 if loss > best - run.tol else 0
                best = min(best, loss)
                if stale >= run.n_iter_no_change:
                    if not moving and growth.rose_to_a_stop(loss):
                        owed = _undo_epoch(result.history, owed, W, b, W_prev, b_prev)
                        raise _diverging(epoch, growth, loss, run)
                    result.converged = True
                    _check_finite_travel(run.schedule, result)
                    return result
        # the epoch limit reached while the loss climbs: a step overshooting (each of the
        # last three epochs higher, above this call's first loss and 4x its lowest)
        if not moving and growth.rises > _Growth.RISES and growth.rose_to_a_stop(loss):
            owed = _undo_epoch(result.history, owed, W, b, W_prev, b_prev)
            raise _diverging(result.n_epochs, growth, loss, run)
        if result.n_epochs and final_check:
            stats = _final_pass(X, T, W, b, run, count=owed)
            loss = stats.loss_sum / (stats.n_rows * T.shape[1])
            if not math.isfinite(loss) or growth.blows_past(loss):
                W[...], b[...] = W_prev, b_prev  # the weights before the last epoch: so
                for key, values in result.history.items():  # is the history
                    if key != "accuracy" or not owed:
                        values.pop()
                owed = False
                raise _diverging(result.n_epochs, growth, loss, run, final=True)
            if owed:
                result.history["accuracy"].append(stats.n_correct_start / stats.n_rows)
                owed = False
    finally:
        if owed:  # stopped before the next epoch could count it: one pass now
            correct = engine.count_correct(X, T, W, b, neuron)
            result.history["accuracy"].append(correct / X.shape[0])
    _check_schedule(run.schedule, result, W.dtype)
    if run.tol is not None:
        warn(
            f"stopped by the epoch limit (epochs={epochs}) before the loss stopped improving "
            f"by tol={run.tol:g}; raise `epochs` or `tol`, or tune the learning rate",
            ConvergenceWarning,
        )
    return result


def _record_averaged(history, run: Run, terms: Terms, X, T, W) -> None:
    """Replace the epoch's loss and accuracy by those of the averaged weights (what
    ``coef_`` and ``intercept_`` hold once averaging has begun): one more pass."""
    W_avg, b_avg = terms.averages(W)
    W_avg = np.ascontiguousarray(W_avg, dtype=W.dtype)
    b_avg = np.ascontiguousarray(b_avg, dtype=W.dtype)
    stats = _final_pass(X, T, W_avg, b_avg, run, count="accuracy" in history)
    history["loss"][-1] = stats.loss_sum / (stats.n_rows * T.shape[1])
    if "accuracy" in history:
        history["accuracy"][-1] = stats.n_correct_start / stats.n_rows


def stop_at_update(n: int) -> Callable[[Any, Any], bool]:
    """An ``on_update`` hook that stops training right after the ``n``-th update (``n``
    ≥ 1): what ``neurona train --max-updates N`` and the playground's exports pass to
    ``fit``."""
    count = 0

    def on_update(W: Any, b: Any) -> bool:
        nonlocal count
        count += 1
        return count >= n

    return on_update


def _final_pass(X, T, W, b, run: Run, *, count: bool) -> EpochStats:
    """The loss at the final weights (and, ``count``, the rows they read right): one step of
    rate 0 over every row (a step over every row takes its loss at the weights it starts
    from), on copies of ``W`` and ``b``."""
    whole = EpochPlan(order=None, step=X.shape[0], mean=True, visits_all=True)
    return run.engine.run_epoch(X, T, W.copy(), b.copy(), whole, run.neuron, Schedule(0.0), 0,
                                count_start=count)  # fmt: skip


def _score_last(validation, W, b, result: TrainResult) -> None:
    """A run stopped (by ``on_update`` or a callback) before its epoch was scored on the
    held-out rows: score the weights it stops with, so that ``validation_scores_`` has
    one score per epoch, the last of the weights kept."""
    if validation is not None:
        result.validation_scores.append(float(validation(W, b)[0]))


def _undo_epoch(history: dict, owed: bool, W, b, W_prev, b_prev) -> bool:
    """Put back the weights and the history of before the last epoch (a diverging run
    keeps those); returns the new ``owed`` (False: nothing is left to count)."""
    W[...], b[...] = W_prev, b_prev
    for key, values in history.items():
        if values and (key != "accuracy" or not owed):
            values.pop()
    return False


def _diverging(epoch: int, growth: _Growth, loss: float, run: Run, *, final=False):
    rise = (
        f"rising for {growth.rises} epochs in a row"
        if growth.rises >= growth.RISES and not final
        else "in one epoch"
    )
    where = "at the final weights of epoch" if final else "in epoch"
    return DivergenceError(
        f"training is diverging {where} {epoch}: the loss grew from {growth.reference:.3g} "
        f"to {loss:.3g}, {rise}, with learning_rate={run.schedule.eta0:g}; the weights "
        "before that epoch are kept. Lower the learning rate (learning_rate='auto' picks a "
        "step that cannot overshoot), or standardise the features."
    )


def _check_finite_travel(schedule: Schedule, result: TrainResult) -> bool:
    """Warn when ``power_t > 1``: the steps η₀/(t+1)^p then sum to at most η₀·ζ(p)
    however long the run, so the weights can travel only a bounded distance and the loss
    stops improving short of the optimum, which looks like convergence (Robbins & Monro,
    1951: a decaying rate reaches the optimum only when Σ η_t diverges, p ≤ 1)."""
    if schedule.power_t <= 1 or result.steps == 0 or schedule.eta0 == 0:
        return False
    total = schedule.eta0 * float(_zeta(schedule.power_t))
    result.rate_vanished = True
    warn(
        f"schedule='invscaling' with power_t={schedule.power_t:g} > 1: the learning rates "
        f"of all updates together sum to at most {total:.3g} (η₀·ζ(power_t)) however many "
        "epochs run, so the weights stop moving before they reach the optimum. Use "
        "power_t ≤ 1 (scikit-learn's default is 0.25) or a constant rate.",
        ConvergenceWarning,
    )
    return True


def _zeta(p: float) -> float:
    from scipy.special import zeta

    return zeta(p, 1)


def _check_schedule(schedule: Schedule, result: TrainResult, dtype) -> None:
    """Warn when a decaying rate fell below the smallest normal number of the weights'
    dtype: the updates after that point change nothing (a ConvergenceWarning); else when
    ``power_t > 1`` bounds the distance the weights can travel (:func:`_check_finite_travel`).
    """
    if schedule.power_t <= 0 or result.steps == 0 or schedule.eta0 == 0:
        return
    tiny = float(np.finfo(dtype).tiny) if np.dtype(dtype).kind == "f" else 0.0
    if schedule.rate(result.steps - 1) >= tiny:  # not vanished: maybe a bounded travel
        _check_finite_travel(schedule, result)
        return
    with np.errstate(over="ignore"):  # (η₀ / tiny)^(1/p): the step from which η_t < tiny
        vanish = float(np.ceil(np.float64(schedule.eta0 / tiny) ** (1.0 / schedule.power_t)))
    result.rate_vanished = True
    warn(
        f"the learning rate decayed below the smallest normal {np.dtype(dtype)} number "
        f"after about {min(vanish, result.steps):.0f} of the run's {result.steps} updates "
        f"(schedule='invscaling', power_t={schedule.power_t:g}): later updates change "
        "nothing. Use a smaller power_t (scikit-learn's default is 0.25) or a constant rate.",
        ConvergenceWarning,
    )


class _Growth:
    """Notices a run that is blowing up before anything overflows: the loss of a neuron
    with curvature (squared or log loss; a perceptron's criterion grows with its weights'
    scale, harmlessly) rose ``RISES`` epochs in a row to ``FACTOR`` times the lowest loss
    of the whole history (earlier ``partial_fit`` and ``warm_start`` calls included).
    Gradient steps too large for the data multiply the squared loss every epoch (by
    ``(η λ - 1)²`` along the Hessian's top direction), so the rule fires within a few
    epochs of such a run and never on one that converges, however slowly."""

    RISES, FACTOR, STOP_FACTOR = 2, 1e6, 4.0

    def __init__(self, neuron: Neuron, earlier: list):
        self.watch = not neuron.mistake_driven
        finite = [v for v in earlier if math.isfinite(v)]
        self.lowest = min(finite, default=math.inf)
        self.last = finite[-1] if finite else math.inf
        self.first = math.nan  # the first loss of this call (its first epoch's)
        self.call_lowest = math.inf  # the lowest loss of this call
        self.reference = self.lowest
        self.rises = 0
        for before, after in itertools.pairwise(finite):
            self.rises = self.rises + 1 if after > before else 0

    def blowing_up(self, loss: float) -> bool:
        if not self.watch:
            return False
        if math.isnan(self.first):
            self.first = loss
        self.rises = self.rises + 1 if loss > self.last else 0
        self.last, self.lowest = loss, min(self.lowest, loss)
        self.call_lowest = min(self.call_lowest, loss)
        if self.rises >= self.RISES and loss > self.FACTOR * self.lowest > 0:
            self.reference = self.lowest
            return True
        return self.blows_past(loss)

    def rose_to_a_stop(self, loss: float) -> bool:
        """At a stop for no improvement (``tol``): the loss rose in each of the last
        ``RISES`` epochs, above this call's first loss and ``STOP_FACTOR`` times its lowest.
        That is a step overshooting, not a run settling (one that settles hovers near its
        lowest; a full-batch step that is stable never raises the loss at all), so the
        stop is a divergence rather than convergence."""
        if (
            self.watch
            and self.rises >= self.RISES
            and loss > max(self.first, self.STOP_FACTOR * self.call_lowest)
        ):
            self.reference = self.call_lowest
            return True
        return False

    def blows_past(self, loss: float) -> bool:
        """One epoch (or the final weights) ``FACTOR`` times above this call's first loss:
        a run that converges, however noisily, never climbs that far above where it
        started; one whose step overshoots does so within an epoch or two."""
        if loss > self.FACTOR * self.first > 0:
            self.reference = self.first
            return True
        return False


def _record(history, run: Run, plan: EpochPlan, stats: EpochStats, data, *, defer, clean) -> bool:
    """Append the epoch's figures; return True when its accuracy is left to the next epoch.

    The accuracy is that of the weights at the end of the epoch, on every row. It costs a
    pass over ``X`` (the backend's ``count_correct``) unless ``defer``: the next epoch,
    which starts from these weights, counts it in its own pass. A ``clean`` epoch (see
    :func:`_clean`), the last, is counted too: it made no update, which does not prove
    that it read every row right (a row of weight 0, or a step that vanished, updates
    nothing).
    """
    X, T, W, b = data
    history["loss"].append(stats.loss_sum / (stats.n_rows * T.shape[1]))
    if "updates" in history:
        history["updates"].append(stats.n_errors)
    if "accuracy" not in history:
        return False
    if clean:  # counted all the same: a misread row of weight 0, or one whose step
        # vanished (invscaling), updates nothing, so a clean epoch may still misread rows
        history["accuracy"].append(run.engine.count_correct(X, T, W, b, run.neuron) / X.shape[0])
        return False
    if defer:
        return True
    history["accuracy"].append(run.engine.count_correct(X, T, W, b, run.neuron) / X.shape[0])
    return False


class _Outputs:
    """Per-output stopping (``tol`` with several outputs): each output trains alone, as a
    single-output fit would, and stops on its own loss (see the module docstring)."""

    def __init__(self, X, T, run: Run, sample_weight=None, terms: Terms | None = None):
        self.X, self.run = X, run
        self.T = [_column(T, k) for k in range(T.shape[1])]
        S = sample_weight
        self.S = [None if S is None else _column(S, k) for k in range(T.shape[1])]
        self.terms = terms if terms is not None and terms.active else None
        n_out = T.shape[1]
        self.active = np.ones(n_out, dtype=bool)
        self.clean = np.zeros(n_out, dtype=bool)  # stopped by (or now in) a clean epoch
        self.best = np.full(n_out, math.inf)
        self.stale = np.zeros(n_out, dtype=int)
        self.loss_sum = np.zeros(n_out)  # each output's last epoch's loss sum
        self.errors = np.zeros(n_out, dtype=int)
        self.rows = np.zeros(n_out, dtype=int)  # the rows each output's loss_sum covers
        self.n_rows = 1

    @property
    def all_clean(self) -> bool:
        return bool(self.clean.all())

    def run_epoch(self, W, b, plan: EpochPlan, t0: int, on_update) -> EpochStats:
        """One epoch of every output that has not stopped, in place on ``W`` and ``b``;
        the stats of all outputs together (a stopped output's loss: its last epoch's).

        ``on_update`` stopping inside output ``k``'s epoch: the later outputs wait (their
        weights those of the epoch before); the steps are the most any output took (the
        schedule's clock, as when outputs stop by ``tol`` at different epochs), and the
        loss is the mean over the outputs of each one's loss per row: over the rows it
        visited in this epoch, else over its last epoch (an output that has none yet is
        left out)."""
        n_rows = n_steps = n_bad = 0
        self.errors[:] = 0
        for k in np.flatnonzero(self.active):
            Wk, bk = np.ascontiguousarray(W[:, k : k + 1]), b[k : k + 1].copy()
            hook = None if on_update is None else _column_hook(W, b, k, on_update)
            terms_k = self._terms(k)
            stats = self.run.engine.run_epoch(
                self.X, self.T[k], Wk, bk, plan, self.run.neuron, self.run.schedule, t0,
                on_update=hook, **self.run.options(self.S[k], terms_k),
            )  # fmt: skip
            W[:, k], b[k] = Wk[:, 0], bk[0]
            if terms_k is not None:
                terms_k.write_back()
            self.loss_sum[k], self.errors[k] = stats.loss_sum, stats.n_errors
            self.rows[k] = stats.n_rows
            n_rows, n_steps = stats.n_rows, max(n_steps, stats.n_steps)
            n_bad = max(n_bad, stats.n_nonfinite)
            if stats.stopped:  # on_update stopped training: the later outputs wait
                have = self.rows > 0
                mean = float(np.mean(self.loss_sum[have] / self.rows[have]))
                return EpochStats(mean * n_rows * len(self.T), int(self.errors.sum()),
                                  n_rows, n_steps, n_nonfinite=n_bad, stopped=True)  # fmt: skip
        self.n_rows = n_rows
        return EpochStats(float(self.loss_sum.sum()), int(self.errors.sum()), n_rows,
                          n_steps, n_nonfinite=n_bad, stopped=False)  # fmt: skip

    def _terms(self, k: int) -> Terms | None:
        """Output ``k``'s terms: copies of its state, written back after its epoch."""
        if self.terms is None:
            return None
        return _ColumnTerms(self.terms, k)

    def stop(self, plan: EpochPlan, scores=None) -> bool:
        """Stop the outputs whose epoch was clean or whose loss (or, given, validation
        score: higher is better) stopped improving by ``tol``; True once every output has
        stopped."""
        run = self.run
        for k in np.flatnonzero(self.active):
            still = self.terms is None  # with terms, the weights move without mistakes
            if run.neuron.mistake_driven and plan.visits_all and self.errors[k] == 0 and still:
                self.active[k], self.clean[k] = False, True
                continue
            loss = self.loss_sum[k] / self.n_rows  # as a single-output run's loss
            if scores is not None:  # the score, as a loss to minimise
                loss = -float(scores[k])
            self.stale[k] = self.stale[k] + 1 if loss > self.best[k] - run.tol else 0
            self.best[k] = min(self.best[k], loss)
            if self.stale[k] >= run.n_iter_no_change:
                self.active[k] = False
        return not self.active.any()


class _ColumnTerms(Terms):
    """Output ``k``'s terms with contiguous copies of its state, which the output's epoch
    updates; ``write_back`` (called by :meth:`_Outputs.run_epoch`) returns them."""

    def __init__(self, terms: Terms, k: int):
        col = terms.column(k)
        copy = (lambda a: a.copy()) if isinstance(col.q, np.ndarray) else (lambda a: a.clone())
        state = [_column(a, 0) if a.ndim == 2 else copy(a) for a in col.state()]
        super().__init__(col.l2, col.l1, col.average, *state)
        self.views = col

    def write_back(self) -> None:
        for dst, src in zip(self.views.state(), self.state(), strict=True):
            dst[...] = src


def _column(A, k: int):
    """Column ``k`` of a NumPy array or tensor, as a contiguous (n, 1) copy."""
    col = A[:, k : k + 1]
    return col.contiguous().clone() if hasattr(col, "contiguous") else np.ascontiguousarray(col)


def _column_hook(W, b, k: int, on_update):
    """``on_update`` for output ``k`` trained alone: shows it within all the weights."""

    def hook(Wk, bk):
        W[:, k], b[k] = Wk[:, 0], bk[0]
        return on_update(W, b)

    return hook


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
