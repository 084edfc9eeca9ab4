r"""Training on files larger than memory, one chunk at a time.

:func:`fit_stream` hands the estimator the file's chunks through its public
``fit_chunks`` method, which owns every choice (see
:meth:`neurona.estimators.AbstractNeuronEstimator.fit_chunks`):

Closed form (``LinearRegression(solver="auto"|"cholesky"|"qr"|"lstsq")``, ``Adaline(
solver="normal")``)
    One pass accumulates the centred :math:`X^\top X` and :math:`X^\top y` chunk by chunk
    (:class:`neurona.solvers.GramAccumulator`, exact pairwise merging), then solves them:
    the same coefficients as fitting in memory, to rounding. ``"qr"`` and ``"lstsq"``
    accumulate the triangular factor instead (:class:`neurona.solvers.QRAccumulator`);
    ``"auto"`` falls back to a second, QR pass when :math:`X^\top X` is ill-conditioned,
    as it does in memory (:func:`neurona.solvers.solve_passes`).
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

from sklearn.base import is_classifier

from ..errors import DataError
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
    estimator : a neurona estimator
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
    classes = data.labels(chunk_bytes) if is_classifier(estimator) else None
    if classes is not None:
        data.check_class_labels(classes)
    empty = [False]  # a whole pass over the file yielded no rows

    def chunks():
        rows = 0
        for table in data.chunks(chunk_bytes):
            rows += len(table.X)
            yield table.X, table.y
        empty[0] = rows == 0

    try:
        return estimator.fit_chunks(chunks, classes=classes, epochs=epochs, on_chunk=progress)
    except DataError:
        if empty[0]:  # the estimator's "no rows", said of the file
            raise data._no_rows() from None
        raise
