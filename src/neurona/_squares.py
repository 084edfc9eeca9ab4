"""Each row's and each column's sum of squares of ``X`` in one pass (a compiled kernel).

The safe step of ``learning_rate="auto"`` needs the rows' squared norms, the check of the
features' scales the columns' (:mod:`neurona.schedules`); one pass gives both, in float64
whatever ``X``'s float dtype, at about the time it takes to read ``X`` once (NumPy's
``einsum`` takes two passes for the two, and casts float32 slowly).
"""

from __future__ import annotations

import numpy as np

from .backends._jit import kernel as _cached
from .backends._kernel_rules import _ask_ahead, _rows_ahead
from .backends._simd import prefetch

__all__ = ["csr_magnitudes", "csr_row_sums_of_squares", "csr_sums_of_squares", "sums_of_squares"]

#: non-zeros ahead whose column is asked of the cache (as the CSR epochs' ``AHEAD``)
_AHEAD = 128


@_cached(nogil=True, fastmath={"reassoc", "contract", "nsz", "arcp"})
def _kernel(X):  # pragma: no cover - compiled
    n, p = X.shape
    rows = np.empty(n)
    cols = np.zeros(p)
    # rows asked for ahead as the epochs ask them: 10⁶ x 100 float64 took 73 ms instead of
    # 105 (68 to 44 in float32)
    ahead = _rows_ahead(X)
    for i in range(n):
        _ask_ahead(X, None, i, n, ahead)
        s = 0.0
        for j in range(p):
            v = np.float64(X[i, j])
            q = v * v
            s += q
            cols[j] += q
        rows[i] = s
    return rows, cols


@_cached(nogil=True, fastmath={"reassoc", "contract", "nsz", "arcp"})
def _csr_kernel(data, indices, indptr, p):  # pragma: no cover - compiled
    # a column's sum of squares and count side by side (one cache line per non-zero, not
    # two: the columns are visited in no order, so each visit misses the near caches)
    n = indptr.shape[0] - 1
    rows = np.empty(n)
    cols = np.zeros((p, 2))
    flat = cols.reshape(2 * p)
    last = indices.shape[0] - _AHEAD - 1
    for i in range(n):
        s = 0.0
        for q in range(indptr[i], indptr[i + 1]):
            if q <= last:  # the column a later non-zero adds to, on its way to the cache
                prefetch(flat, 2 * indices[q + _AHEAD])
            v = np.float64(data[q])
            j = indices[q]
            s += v * v
            cols[j, 0] += v * v
            cols[j, 1] += 1.0
        rows[i] = s
    return rows, cols


def sums_of_squares(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, cols)``: :math:`\\sum_j x_{ij}^2` per row (n_samples,) and
    :math:`\\sum_i x_{ij}^2` per column (n_features,), in float64 (summed in any order:
    they bound a step and compare scales, so the rounding of the order does not matter).
    Infinity where the squares overflow; NaN where X holds NaN. A SciPy CSR matrix is
    read through its non-zeros only (:func:`csr_sums_of_squares` also counts them)."""
    if getattr(X, "format", None) == "csr":
        return csr_sums_of_squares(X)[:2]
    if X.dtype in (np.float32, np.float64) and X.flags.c_contiguous and X.ndim == 2:
        with np.errstate(over="ignore", invalid="ignore"):
            return _kernel(X)
    with np.errstate(over="ignore", invalid="ignore"):
        return (np.einsum("ij,ij->i", X, X, dtype=np.float64),
                np.einsum("ij,ij->j", X, X, dtype=np.float64))  # fmt: skip


def csr_sums_of_squares(X) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(rows, cols, counts)`` of a SciPy CSR matrix in one pass over its non-zeros: the
    sums of squares of :func:`sums_of_squares` and the stored values per column (int64,
    n_features), which the check of a sparse X's feature scales divides by."""
    with np.errstate(over="ignore", invalid="ignore"):
        rows, cols = _csr_kernel(X.data, X.indices, X.indptr, X.shape[1])
    return rows, np.ascontiguousarray(cols[:, 0]), cols[:, 1].astype(np.int64)


@_cached(nogil=True, fastmath={"reassoc", "contract", "nsz", "arcp"})
def _rows_kernel(data, indptr):  # pragma: no cover - compiled
    n = indptr.shape[0] - 1
    rows = np.empty(n)
    for i in range(n):
        s = 0.0
        for q in range(indptr[i], indptr[i + 1]):
            v = np.float64(data[q])
            s += v * v
        rows[i] = s
    return rows


def csr_row_sums_of_squares(X) -> np.ndarray:
    """The rows' sums of squares of a SciPy CSR matrix, (n_samples,) float64: a pass that
    streams through ``data`` (no column is visited, so nothing is gathered)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return _rows_kernel(X.data, X.indptr)


@_cached(nogil=True)
def _magnitudes_kernel(data):  # pragma: no cover - compiled
    largest, smallest, zeros, finite = 0.0, np.inf, 0, True
    for q in range(data.shape[0]):
        a = abs(np.float64(data[q]))
        if not a < np.inf:  # infinity or NaN
            finite = False
        elif a == 0.0:
            zeros += 1
        else:
            largest = max(largest, a)
            smallest = min(smallest, a)
    return largest, smallest, zeros, finite


def csr_magnitudes(X) -> tuple[float, float, int, bool]:
    """``(largest |x|, smallest non-zero |x|, stored zeros, all finite)`` over a SciPy
    sparse matrix's stored values, in one streaming pass (``inf`` for the smallest when
    no stored value is non-zero)."""
    return _magnitudes_kernel(X.data)
