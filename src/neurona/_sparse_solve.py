r"""Least squares on a sparse ``X`` without forming ``XᵀX`` or centring ``X``.

The closed forms of :mod:`neurona.solvers` centre the columns (the intercept) and solve
the normal equations or a QR factorisation of a dense matrix. A text-sized CSR matrix
(10⁵–10⁶ columns) has a Gram matrix of up to 8 TB and loses its sparsity when centred, so
here the problem

.. math:: \min_{w, b} \sum_i s_i (x_i^\top w + b - y_i)^2 + \alpha \lVert w \rVert^2

is solved by LSMR (Fong & Saunders, *SIAM J. Sci. Comput.* 33, 2011;
:func:`scipy.sparse.linalg.lsmr`), a Krylov method that touches ``X`` only through
``X v`` and ``Xᵀ u``. The intercept is handled by centring implicitly: with the weighted
column means :math:`\mu = \sum_i s_i x_i / \sum_i s_i` and :math:`\bar y` likewise, ``w``
solves the centred problem through the operator
:math:`v \mapsto S^{1/2}(X v - \mathbf 1 \mu^\top v)` and its adjoint
:math:`u \mapsto X^\top S^{1/2} u - \mu\, \mathbf 1^\top S^{1/2} u` (never a dense copy),
and :math:`b = \bar y - \mu^\top w` (the intercept is not penalised). The ridge term is
LSMR's ``damp`` :math:`= \sqrt{\alpha}`.

LSMR stops when the relative residual of the normal equations falls below ``atol`` (its
``istop`` 1 or 2); a run that ends on the iteration limit or the condition limit is
refused in words rather than returned (never silently wrong).
"""

from __future__ import annotations

import numpy as np

from .errors import DataError

__all__ = ["lsmr_solve"]

#: LSMR's tolerances: the relative residual of the normal equations it stops at
ATOL = 1e-14
BTOL = 1e-14


def lsmr_solve(
    X,
    Y: np.ndarray,
    *,
    alpha: float = 0.0,
    sample_weight: np.ndarray | None = None,
    fit_intercept: bool = True,
    max_iter: int | None = None,
) -> tuple[np.ndarray, np.ndarray, dict]:
    """Weighted, ridge-damped least squares on a SciPy sparse ``X`` (module docstring).

    Parameters
    ----------
    X : SciPy sparse matrix or array (n_samples, n_features)
    Y : (n_samples, n_outputs) float
    alpha : float
        Ridge penalty on ``w`` (not on ``b``), ≥ 0.
    sample_weight : (n_samples,) or None
        Non-negative row weights.
    fit_intercept : bool
    max_iter : int or None
        LSMR's iteration limit per output (default ``10 · min(n, p)``, at least 100).

    Returns
    -------
    W : (n_features, n_outputs) float64
    b : (n_outputs,) float64 (zeros without an intercept)
    info : dict
        ``iterations`` (per output), ``istop`` (LSMR's stop reasons), ``solver="lsmr"``.

    Raises
    ------
    DataError
        LSMR stopped on its iteration or condition limit for some output (named).
    """
    from scipy.sparse.linalg import LinearOperator, lsmr

    X = X.tocsr()
    n, p = X.shape
    Y = np.asarray(Y, dtype=np.float64)
    s = np.ones(n) if sample_weight is None else np.asarray(sample_weight, np.float64)
    root = np.sqrt(s)
    total = s.sum()
    if fit_intercept and total > 0:
        mu = np.asarray(X.T @ s, dtype=np.float64).ravel() / total
        y_bar = (s @ Y) / total
    else:
        mu, y_bar = np.zeros(p), np.zeros(Y.shape[1])

    def matvec(v):
        v = np.asarray(v, np.float64).ravel()
        return root * (np.asarray(X @ v).ravel() - mu @ v)

    def rmatvec(u):
        u = np.asarray(u, np.float64).ravel() * root
        return np.asarray(X.T @ u).ravel() - mu * u.sum()

    A = LinearOperator((n, p), matvec=matvec, rmatvec=rmatvec, dtype=np.float64)
    limit = max_iter or max(100, 10 * min(n, p))
    W = np.zeros((p, Y.shape[1]))
    iterations, stops = [], []
    for k in range(Y.shape[1]):
        rhs = root * (Y[:, k] - y_bar[k])
        out = lsmr(A, rhs, damp=float(np.sqrt(alpha)), atol=ATOL, btol=BTOL,
                   conlim=1e16, maxiter=limit)  # fmt: skip
        w, istop, itn = out[0], int(out[1]), int(out[2])
        if istop not in (0, 1, 2, 4, 5):  # 3, 6: condition limit; 7: iteration limit
            why = {3: "the condition limit", 6: "the condition limit", 7: "its iteration limit"}
            raise DataError(
                f"the sparse least-squares solver (LSMR) stopped on {why.get(istop, istop)} "
                f"after {itn} iterations for output {k} without reaching its tolerance "
                f"{ATOL:g}: the columns are (nearly) dependent; add a ridge penalty "
                f"(alpha > 0), or pass max_iter larger than {limit}"
            )
        W[:, k] = w
        iterations.append(itn)
        stops.append(istop)
    b = y_bar - mu @ W if fit_intercept else np.zeros(Y.shape[1])
    return W, b, {"solver": "lsmr", "iterations": iterations, "istop": stops}
