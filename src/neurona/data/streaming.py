r"""Training on files larger than memory, one chunk at a time.

Two ways, chosen by the estimator's solver:

Closed form (``LinearRegression(solver="auto"|"cholesky"|"qr"|"lstsq")``, ``Adaline(
solver="normal")``)
    One pass accumulates the centred :math:`X^\top X` and :math:`X^\top y` chunk by chunk
    (:class:`neurona.solvers.GramAccumulator`, exact pairwise merging), then solves them:
    the same coefficients as fitting in memory, to rounding. ``"qr"`` and ``"lstsq"``
    accumulate the triangular factor instead (:class:`neurona.solvers.QRAccumulator`);
    ``"auto"`` falls back to a second, QR pass when :math:`X^\top X` is ill-conditioned,
    as :func:`neurona.solvers.solve_least_squares` does in memory.
Gradient modes (``solver="gd"``, perceptrons)
    ``epochs`` passes over the file; each chunk is one ``partial_fit`` call (one epoch of
    the estimator's ``mode`` over that chunk, the update count and schedule carrying on).
    For ``mode="online"`` without shuffling this is exactly in-memory online training,
    row after row in file order; ``batch`` becomes one update per chunk. With
    ``learning_rate="auto"`` the rate is fixed from the first chunk. Classifiers learn
    the full label set from a first pass over the target column. Afterwards ``n_iter_``
    counts passes over the file and ``history_`` holds one entry per chunk.

Memory: one chunk of the file (``chunk_bytes`` of text, as float64) plus
:math:`O(p^2)` for the accumulators.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import DataError, ParameterError
from .readers import DEFAULT_CHUNK_BYTES, DataFile

__all__ = ["fit_stream"]

#: called after each chunk with (rows done in this pass, pass number starting at 1)
Progress = Callable[[int, int], None]


def fit_stream(
    estimator: Any,
    data: DataFile,
    *,
    epochs: int | None = None,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    progress: Progress | None = None,
) -> Any:
    """Fit ``estimator`` on ``data`` chunk by chunk (see the module docstring).

    Parameters
    ----------
    estimator : Perceptron, Adaline or LinearRegression
        Unfitted, or fitted (gradient modes then continue from its weights).
    data : DataFile
        With a target column.
    epochs : int, optional
        Passes over the file for the gradient modes (default ``estimator.epochs``).
    chunk_bytes : int
        About how much of the file each chunk holds.
    progress : callable, optional
        ``progress(rows_done, pass_number)`` after each chunk.

    Returns
    -------
    estimator
    """
    if data.target_name is None:
        raise DataError(f"{data.path}: training needs a target column: pass --target")
    solver = estimator._closed_form()
    if solver is not None:
        return _fit_closed_form(estimator, data, solver, chunk_bytes, progress)
    return _fit_gradient(estimator, data, epochs, chunk_bytes, progress)


def _fit_gradient(est, data: DataFile, epochs, chunk_bytes, progress) -> Any:
    epochs = est.epochs if epochs is None else int(epochs)
    if epochs < 1:
        raise ParameterError(f"epochs={epochs} must be at least 1")
    classifier = est._is_classifier()
    classes = data.labels(chunk_bytes) if classifier else None
    for epoch in range(1, epochs + 1):
        rows = 0
        for table in data.chunks(chunk_bytes):
            if classifier:
                first = not hasattr(est, "coef_")
                est.partial_fit(table.X, table.y, classes=classes if first else None)
            else:
                est.partial_fit(table.X, table.y)
            rows += table.X.shape[0]
            if progress is not None:
                progress(rows, epoch)
    est.n_iter_ = epochs  # passes over the file (history_ holds one entry per chunk)
    return est


def _accumulator(solver: str):
    from ..solvers import GramAccumulator, QRAccumulator

    return QRAccumulator() if solver in ("qr", "lstsq") else GramAccumulator()


def _one_pass(est, data: DataFile, acc, chunk_bytes, progress, epoch: int):
    rows = 0
    for table in data.chunks(chunk_bytes):
        T = est._targets(table.y, np.float64)
        acc.add(table.X, T)
        rows += table.X.shape[0]
        if progress is not None:
            progress(rows, epoch)
    return acc


def _fit_closed_form(est, data: DataFile, solver: str, chunk_bytes, progress) -> Any:
    est._check_params()
    alpha = float(getattr(est, "alpha", 0.0))
    _set_outputs(est, data, chunk_bytes)
    acc = _one_pass(est, data, _accumulator(solver), chunk_bytes, progress, 1)
    if acc.n_samples == 0:
        raise data._no_rows()
    if solver in ("qr", "lstsq"):
        sol = acc.solve(alpha=alpha, solver=solver)
    elif solver == "cholesky":
        sol = acc.solve(alpha=alpha, solver="cholesky")
    else:
        try:
            sol = acc.solve(alpha=alpha, solver="auto")
        except DataError:  # ill-conditioned normal equations: the stable path, as in memory
            qr = _one_pass(est, data, _accumulator("qr"), chunk_bytes, progress, 2)
            sol = qr.solve(alpha=alpha, solver="lstsq")
    _store(est, sol, acc.n_features)
    return est


def _set_outputs(est, data: DataFile, chunk_bytes: int) -> None:
    if est._is_classifier():
        est._set_outputs(data.labels(chunk_bytes), classes=None, partial=False, warm=False)
    else:
        est._n_outputs, est._y_1d = 1, True


def _store(est, sol, n_features: int) -> None:
    from ..train import new_history

    est._store(sol.coef, sol.intercept)
    est.n_features_in_ = int(n_features)
    est.history_ = new_history(est._neuron())  # the loss would need a second pass
    est.n_iter_, est.t_ = 1, 0
    est._rng = np.random.default_rng(est.random_state)
