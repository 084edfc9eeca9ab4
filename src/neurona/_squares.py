"""Each row's and each column's sum of squares of ``X`` in one pass (a compiled kernel).

The safe step of ``learning_rate="auto"`` needs the rows' squared norms, the check of the
features' scales the columns' (:mod:`neurona.schedules`); one pass gives both, in float64
whatever ``X``'s float dtype, at about the time it takes to read ``X`` once (NumPy's
``einsum`` takes two passes for the two, and casts float32 slowly).
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["sums_of_squares"]


@numba.njit(nogil=True, cache=True, fastmath={"reassoc", "contract", "nsz", "arcp"})
def _kernel(X):  # pragma: no cover - compiled
    n, p = X.shape
    rows = np.empty(n)
    cols = np.zeros(p)
    for i in range(n):
        s = 0.0
        for j in range(p):
            v = np.float64(X[i, j])
            q = v * v
            s += q
            cols[j] += q
        rows[i] = s
    return rows, cols


@numba.njit(nogil=True, cache=True, fastmath={"reassoc", "contract", "nsz", "arcp"})
def _csr_kernel(data, indices, indptr, p):  # pragma: no cover - compiled
    n = indptr.shape[0] - 1
    rows = np.empty(n)
    cols = np.zeros(p)
    for i in range(n):
        s = 0.0
        for q in range(indptr[i], indptr[i + 1]):
            v = np.float64(data[q])
            s += v * v
            cols[indices[q]] += v * v
        rows[i] = s
    return rows, cols


def sums_of_squares(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, cols)``: :math:`\\sum_j x_{ij}^2` per row (n_samples,) and
    :math:`\\sum_i x_{ij}^2` per column (n_features,), in float64 (summed in any order:
    they bound a step and compare scales, so the rounding of the order does not matter).
    Infinity where the squares overflow; NaN where X holds NaN. A SciPy CSR matrix is
    read through its non-zeros only."""
    if getattr(X, "format", None) == "csr":
        with np.errstate(over="ignore", invalid="ignore"):
            return _csr_kernel(X.data, X.indices, X.indptr, X.shape[1])
    if X.dtype in (np.float32, np.float64) and X.flags.c_contiguous and X.ndim == 2:
        with np.errstate(over="ignore", invalid="ignore"):
            return _kernel(X)
    with np.errstate(over="ignore", invalid="ignore"):
        return (np.einsum("ij,ij->i", X, X, dtype=np.float64),
                np.einsum("ij,ij->j", X, X, dtype=np.float64))  # fmt: skip
