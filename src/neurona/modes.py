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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = ["MODES", "EpochPlan", "plan_epoch"]

Mode = Literal["online", "random", "batch", "minibatch"]
MODES: tuple[str, ...] = ("online", "random", "batch", "minibatch")


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
        Whether every row is visited exactly once (not so for ``random``).
    """

    order: np.ndarray | None
    step: int
    mean: bool
    visits_all: bool


def plan_epoch(
    mode: str,
    n: int,
    *,
    rng: np.random.Generator,
    shuffle: bool,
    batch_size: int,
    reduction: str,
) -> EpochPlan:
    """Draw the rows of one epoch of ``mode`` over ``n`` rows."""
    mean = reduction == "mean"
    if mode == "random":
        return EpochPlan(rng.integers(0, n, size=n), 1, mean, False)
    if mode == "batch":
        return EpochPlan(None, n, mean, True)
    order = rng.permutation(n) if shuffle else None
    step = 1 if mode == "online" else min(batch_size, n)
    return EpochPlan(order, step, mean, True)
