"""Training modes: which rows form each step of an epoch.

A mode is a row order plus a step size; nothing else. Row orders are drawn here, in
NumPy, from the one seeded :class:`numpy.random.Generator` of the fit, and handed to the
backend, so every backend sees the same rows and gives the same weights.

================  =================================================  ==================
mode              rows of an epoch (``order``)                        rows per update
================  =================================================  ==================
``online``        ``0..n-1``; ``rng.permutation(n)`` if ``shuffle``   1
``random``        ``rng.integers(0, n, size=n)`` (with replacement)  1
``batch``         ``0..n-1`` (the order cannot change the sum)        n
``minibatch``     ``0..n-1``; ``rng.permutation(n)`` if ``shuffle``   ``batch_size``
================  =================================================  ==================

``random`` is the lecture's "online II": each step picks a row of D at random. The last
minibatch of an epoch keeps the remaining ``n % batch_size`` rows.

Adding a mode
-------------
Add a :class:`Mode` to :data:`MODES`. Everything else reads its properties: the training
loop (whether an epoch visits every row once), the safe step of ``learning_rate="auto"``
(the largest step and whether its rows are distinct), the backends (the plan's order and
step), the estimators' parameter checks and the command line's choices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["MODES", "EpochPlan", "Mode", "Steps"]


@dataclass(frozen=True)
class EpochPlan:
    """What one epoch visits.

    Attributes
    ----------
    order : (n_rows,) int array or None
        Row indices in visiting order; None means ``0..n-1`` (no copy of X is needed).
    step : int
        Rows per update (the last step may be shorter).
    mean : bool
        Whether a step's summed update is divided by its number of rows.
    visits_all : bool
        Whether every row is visited exactly once (so the rows of a step are distinct).
    """

    order: np.ndarray | None
    step: int
    mean: bool
    visits_all: bool


#: ``order(n, rng, shuffle)``: the rows of one epoch, or None for ``0..n-1``
OrderRule = Callable[[int, np.random.Generator, bool], np.ndarray | None]
#: ``rows(n, batch_size)``: the rows of a full step
StepRule = Callable[[int, int], int]


@dataclass(frozen=True)
class Mode:
    """A training mode: how an epoch's rows are ordered and grouped into steps.

    Attributes
    ----------
    name : str
        Registry key (:data:`MODES`), the estimators' ``mode=``.
    description : str
        One line for tables and help.
    order : callable
        ``order(n, rng, shuffle)``: row indices of one epoch (drawn from ``rng``), or None
        for the rows in order.
    rows : callable
        ``rows(n, batch_size)``: rows per full step (at most ``n``).
    visits_all : bool
        Every row exactly once per epoch (a permutation, or the rows in order).
    """

    name: str
    description: str
    order: OrderRule
    rows: StepRule
    visits_all: bool

    def plan(
        self, n: int, *, rng: np.random.Generator, shuffle: bool, batch_size: int, mean: bool
    ) -> EpochPlan:
        """Draw the rows of one epoch over ``n`` rows."""
        return EpochPlan(self.order(n, rng, shuffle), self.rows(n, batch_size), mean,
                         self.visits_all)  # fmt: skip


def _in_order(n: int, rng: np.random.Generator, shuffle: bool) -> np.ndarray | None:
    return rng.permutation(n) if shuffle else None


def _with_replacement(n: int, rng: np.random.Generator, shuffle: bool) -> np.ndarray:
    del shuffle  # every epoch is a fresh draw
    return rng.integers(0, n, size=n)


def _whole(n: int, rng: np.random.Generator, shuffle: bool) -> None:
    del rng, shuffle  # one step over every row: the order cannot change the sum
    return None


#: every mode, by name: the one place a mode is listed
MODES: dict[str, Mode] = {
    m.name: m
    for m in (
        Mode("online", "one row per update, in order (or shuffled)", _in_order,
             lambda n, k: 1, True),
        Mode("random", "one row per update, drawn at random with replacement (online II)",
             _with_replacement, lambda n, k: 1, False),
        Mode("batch", "all rows per update, one update per epoch", _whole,
             lambda n, k: n, True),
        Mode("minibatch", "batch_size rows per update, in order (or shuffled)", _in_order,
             lambda n, k: min(k, n), True),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Steps:
    """A mode with the estimator parameters that shape its steps.

    Attributes
    ----------
    mode : Mode
    batch_size : int
    shuffle : bool
    mean : bool
        ``reduction == "mean"``.
    """

    mode: Mode
    batch_size: int
    shuffle: bool
    mean: bool

    def plan(self, n: int, rng: np.random.Generator) -> EpochPlan:
        """Draw one epoch's plan over ``n`` rows."""
        return self.mode.plan(n, rng=rng, shuffle=self.shuffle, batch_size=self.batch_size,
                              mean=self.mean)  # fmt: skip

    def rows(self, n: int) -> int:
        """Rows of a full step over ``n`` rows."""
        return self.mode.rows(n, self.batch_size)
