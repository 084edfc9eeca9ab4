"""Rows sorted by class: noticed, and named with the fix.

The lecture's loop visits the rows in the order they come (``shuffle=False``, the default
here as in the lecture). When a classifier's rows come sorted by class — iris as shipped:
50 setosa, then 50 versicolor, then 50 virginica — an online or minibatch run sees one
class for a long stretch, and each stretch undoes the last: ``Adaline().fit`` on
standardised iris reaches 0.34 and never predicts setosa, ``shuffle=True`` 0.81.
scikit-learn's and mlxtend's estimators shuffle by default for this reason.

neurona keeps the lecture's order and warns instead (:class:`~neurona.errors.
SortedDataWarning`, a :class:`~neurona.errors.DataWarning`), naming the fix, when

* the labels form one contiguous block per class (``y`` changes value exactly
  ``n_classes - 1`` times), with at least 2 classes and at least ``MIN_ROWS`` rows, and
* the run visits the rows in that order: a mode that visits every row in order
  (``online``, or ``minibatch`` with ``batch_size`` below the number of rows), without
  ``shuffle``, by gradient steps (not a closed-form solver).

Where the lecture's order is meant (its worked examples, the demo, the tour, the
exactness tests), filter it: ``warnings.simplefilter("ignore", SortedDataWarning)``; the
command line does so when ``--no-shuffle`` is given explicitly.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import SortedDataWarning, warn

__all__ = ["MIN_ROWS", "sorted_by_class", "warn_if_sorted"]

#: fewer rows than this are never called sorted (the logic gates' four rows are)
MIN_ROWS = 10


def sorted_by_class(y: Any) -> bool:
    """Whether the labels ``y`` (1-D) form one contiguous block per class, with at least
    two classes, :data:`MIN_ROWS` rows and at least twice as many rows as classes."""
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] < MIN_ROWS:
        return False
    changes = y[1:] != y[:-1]
    # one block per class, and blocks of two rows or more on average (labels that are all
    # distinct are in blocks of one: no order to speak of); more blocks than that settles
    # it without counting the classes (a pass over y, not a sort of it), and without
    # listing where the blocks begin (a list of half a million for shuffled binary labels)
    if not 1 <= np.count_nonzero(changes) < y.shape[0] // 2:
        return False
    starts = np.flatnonzero(changes) + 1  # where a new block begins
    # every class leads at least one block, so the blocks' first labels hold every class
    # once exactly when each class is one block
    leaders = y[np.concatenate(([0], starts))]
    return len(np.unique(leaders)) == leaders.shape[0]


def warn_if_sorted(estimator: Any, y: Any) -> None:
    """Warn (:class:`~neurona.errors.SortedDataWarning`) when ``estimator``'s ``fit``
    would visit the rows of ``y`` in an order sorted by class; see the module docstring."""
    from .modes import MODES

    if estimator.closed_form or getattr(estimator, "shuffle", True):
        return
    mode = MODES.get(getattr(estimator, "mode", None))
    n = np.shape(y)[0]
    if mode is None or not mode.visits_all or mode.rows(n, int(estimator.batch_size)) >= n:
        return
    if not sorted_by_class(y):
        return
    labels = np.asarray(y)
    first = [labels[0], *labels[1:][labels[1:] != labels[:-1]]]
    order = " → ".join(repr(v.item() if hasattr(v, "item") else v) for v in first[:4])
    order += ", ..." if len(first) > 4 else ""
    warn(
        f"the {n} training rows arrive sorted by class ({order}) and "
        f"mode={estimator.mode!r} visits them in that order, so each class's stretch undoes "
        "the last; pass shuffle=True (--shuffle on the command line) to visit them in a "
        "fresh random order every epoch",
        SortedDataWarning,
    )
