r"""Closed-form least squares (a solver, not a mode): fast when it can be, right always.

Every solver minimises, over ``coef`` :math:`W` and ``intercept`` :math:`b`,

.. math::

    \lVert X W + \mathbf{1} b^\top - Y \rVert_F^2 + \alpha \lVert W \rVert_F^2,
    \qquad \alpha \ge 0,

the lecture's :math:`w = (X^\top X)^{-1} X^\top y` with the bias in :math:`w`, plus ridge.

Intercept by centring
---------------------
With ``fit_intercept=True`` the columns are centred, :math:`X_c = X - \mathbf{1}\bar x^\top`,
:math:`Y_c = Y - \mathbf{1}\bar y^\top`; then :math:`W` solves the centred problem and
:math:`b = \bar y - W^\top \bar x`. This is the same minimiser as augmenting :math:`X` with a
column of ones, the intercept is never penalised by ridge, and centring removes the
ill-conditioning that a large column mean would add. Centring happens chunk by chunk in one
pass: each chunk is centred by its own mean and the chunks are merged by the pairwise update
of Chan, Golub and LeVeque (1979), which is exact and needs no second pass,

.. math::

    S = S_a + S_b + \frac{n_a n_b}{n_a + n_b}\, \delta \delta^\top, \qquad
    \delta = \bar z_b - \bar z_a,

for the scatter :math:`S = Z_c^\top Z_c` of :math:`Z = [X \mid Y]`. Because no chunk is ever
far from its own mean, nothing cancels, whatever the column means are.

The solvers
-----------
``"cholesky"``
    Normal equations: :math:`X_c^\top X_c` by a symmetric rank-k update (BLAS ``syrk``,
    half the flops of a matrix product), chunk by chunk in :class:`GramAccumulator`, then a
    Cholesky factorisation of the diagonally scaled :math:`X_c^\top X_c + \alpha I` (LAPACK
    ``potrf``/``potrs``). Fastest; its relative error is about
    :math:`\kappa(X_c^\top X_c)\,u` (:math:`u = 2^{-53}`), so it is only as good as the
    condition number allows: a warning (:class:`scipy.linalg.LinAlgWarning`) says so when
    the estimate exceeds ``cond_max``, and :class:`~neurona.errors.DataError` is raised
    when the matrix is singular (estimate :math:`\ge 1/\varepsilon`).
``"qr"``
    Householder QR of :math:`[X_c \mid Y_c]` without forming :math:`Q`, chunk by chunk
    (TSQR: each chunk is factorised under the previous :math:`R`, in
    :class:`QRAccumulator`), then :math:`R_{11} W = R_{12}` by back substitution. Backward
    stable: error about :math:`\kappa(X_c)\,u`, the square root of the above.
``"lstsq"``
    LAPACK ``gelsd`` (SVD) on the centred data: the reference, the minimum-norm answer for
    rank-deficient data, and the slowest (it copies ``X`` once).
``"auto"`` (default)
    Normal equations first; LAPACK ``pocon`` estimates :math:`\kappa` of the scaled
    :math:`X_c^\top X_c + \alpha I` from its Cholesky factor at the cost of a few
    triangular solves. If :math:`\kappa \le` ``cond_max`` (default ``1e8``, so the answer
    carries an error of at most about :math:`10^8 u \approx 10^{-8}`), that answer is
    returned; otherwise (or when Cholesky fails) the data are read a second time, factorised
    by chunked QR, and the small triangular problem is solved by ``gelsd`` with the cut-off
    :math:`\varepsilon \max(n, p)` of :func:`numpy.linalg.lstsq`: the minimum-norm
    least-squares answer, as accurate as any backward-stable solver can be on those data
    (:math:`\kappa(X_c)\,u`, plus the :math:`\kappa(X_c)^2 u \tan\theta` that a large
    residual adds for every method), never a silently wrong one.

Ridge adds :math:`\alpha I` to the Gram matrix, or the rows :math:`\sqrt\alpha\, I` under
:math:`R` for the QR paths, or under :math:`X_c` for ``"lstsq"``.

Precision: sums are accumulated in float64 whatever the input dtype; float32 input gives
float32 ``coef`` and ``intercept`` (rounded once, at the end).

The accumulators take chunks by ``add(X_chunk, Y_chunk)`` and combine by ``merge``, so the
same code serves in-memory arrays, streamed files and Dask partitions.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Self

import numpy as np
import scipy.linalg
from scipy.linalg import blas, lapack
from threadpoolctl import ThreadpoolController

from .errors import DataError, ParameterError

__all__ = [
    "AUTO_COND_MAX",
    "SOLVERS",
    "GramAccumulator",
    "LeastSquaresSolution",
    "QRAccumulator",
    "check_target_scale",
    "fit_least_squares",
    "solve_least_squares",
    "solve_passes",
]

SOLVERS: tuple[str, ...] = ("auto", "cholesky", "qr", "lstsq")

#: ``auto`` trusts the normal equations while the estimated condition number of the scaled
#: ``XᵀX + αI`` is at most this: a relative error of about ``1e8 · 2**-53 ≈ 1e-8``.
AUTO_COND_MAX = 1e8


_EPS = float(np.finfo(np.float64).eps)


@dataclass(frozen=True)
class LeastSquaresSolution:
    """The answer of a closed-form solver, and how it was reached.

    Attributes
    ----------
    coef : (n_features, n_outputs)
    intercept : (n_outputs,)
    solver : str
        The method that produced the answer: ``"cholesky"``, ``"qr"``, ``"lstsq"``, or
        ``"qr-lstsq"`` (chunked QR, then ``gelsd`` on ``R``: the stable path of ``auto``).
    cond : float
        Estimated condition number of the scaled ``XcᵀXc + αI`` (``inf`` when Cholesky
        failed; ``nan`` when not estimated).
    rank : int
        Numerical rank of the centred problem (``n_features`` unless an SVD cut some off).
    """

    coef: np.ndarray
    intercept: np.ndarray
    solver: str
    cond: float
    rank: int


# --------------------------------------------------------------------------- validation


def _check_solver(solver: str, allowed: Iterable[str] = SOLVERS) -> None:
    allowed = tuple(allowed)
    if solver not in allowed:
        raise ParameterError(
            f"unknown solver {solver!r}; choose one of {', '.join(map(repr, allowed))}"
        )


def _check_alpha(alpha: float) -> float:
    alpha = float(alpha)
    if not np.isfinite(alpha) or alpha < 0:
        raise ParameterError(
            f"alpha={alpha!r} must be a finite number >= 0 (0 for ordinary least squares, "
            "larger for more ridge shrinkage)"
        )
    return alpha


def _as_2d(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Arrays as ``(n, p)`` and ``(n, k)`` of a float dtype; 1-D ``Y`` becomes one column.
    A sparse chunk is densified (the accumulators hold ``p x p`` dense matrices anyway)."""
    X = X.toarray() if _is_sparse(X) else np.asarray(X)
    Y = np.asarray(Y)
    if Y.ndim == 1:
        Y = Y[:, None]
    if X.ndim != 2 or Y.ndim != 2:
        raise DataError(
            f"X must be 2-D (n_samples, n_features) and Y 1-D or 2-D; got X.ndim={X.ndim}, "
            f"Y.ndim={Y.ndim}: reshape them (X.reshape(-1, 1) for one feature)"
        )
    if X.shape[0] != Y.shape[0]:
        raise DataError(
            f"X has {X.shape[0]} rows but Y has {Y.shape[0]}: pass one target row per sample"
        )
    return X, Y


def _out_dtype(X: np.ndarray) -> np.dtype:
    return X.dtype if X.dtype == np.float32 else np.dtype(np.float64)


def _check_finite_means(mx: np.ndarray, my: np.ndarray) -> None:
    """A NaN or inf anywhere in a chunk makes its column sums non-finite."""
    if not (np.isfinite(mx).all() and np.isfinite(my).all()):
        raise DataError(
            "X or Y holds NaN or infinite values (or values so large their sum overflows): "
            "remove or impute them before solving"
        )


def check_target_scale(
    Y: np.ndarray, *, fit_intercept: bool = True, dtype: Any = np.float64
) -> None:
    """Raise DataError when the squares of the targets' deviations from their mean (from
    0 without an intercept) sum beyond the range of ``dtype`` (the training's): then
    neither the squared-error loss nor R² of a fit can be computed in it (the targets are
    too large, e.g. ±1e300 in float64). Finite targets assumed; one pass over ``Y``."""
    Y = np.asarray(Y)
    if Y.size == 0:
        return
    with np.errstate(over="ignore", invalid="ignore"):
        Y = Y.astype(np.float64, copy=False).reshape(Y.shape[0], -1)
        centre = Y.mean(axis=0) if fit_intercept else 0.0
        squares = np.einsum("ij,ij->j", Y - centre, Y - centre)
    dtype = np.dtype(dtype)
    if (squares <= np.finfo(dtype).max).all():
        return
    raise _too_large_targets(dtype, float(np.max(np.abs(Y))))


def _too_large_targets(dtype: Any, largest: float | None = None) -> DataError:
    reach = f"reaches |y| = {largest:.3g}" if largest is not None else "is too large"
    return DataError(
        f"the target {reach}: the squares of its deviations from its mean overflow "
        f"{np.dtype(dtype)}, so the squared-error loss cannot be computed; standardise the "
        "target (e.g. sklearn.preprocessing.StandardScaler, or divide it by a power of 10) "
        "and train again"
    )


def _check_scatter_targets(acc: _Accumulator) -> None:
    """:func:`check_target_scale` on accumulated data: the targets' diagonal of the
    scatter (Gram) or of ``RᵀR`` (QR) must be finite."""
    p = acc.n_features
    if isinstance(acc, GramAccumulator) and acc._s is not None:
        squares = np.diag(acc._s)[p:]
    elif isinstance(acc, QRAccumulator) and acc._r is not None:
        squares = np.einsum("ij,ij->j", acc._r[:, p:], acc._r[:, p:])
    else:
        return
    if not np.isfinite(squares).all():
        raise _too_large_targets(np.float64)


# --------------------------------------------------------------------------- accumulators


class _Accumulator:
    """Shared bookkeeping: sample count and column means of ``[X | Y]``, merged pairwise."""

    chunk_values = 1 << 20

    def __init__(self, *, fit_intercept: bool = True) -> None:
        self.fit_intercept = bool(fit_intercept)
        self.n_samples = 0
        self.mean_x: np.ndarray | None = None
        self.mean_y: np.ndarray | None = None
        self._buf = np.empty(0)

    @property
    def n_features(self) -> int:
        return 0 if self.mean_x is None else self.mean_x.shape[0]

    @property
    def n_outputs(self) -> int:
        return 0 if self.mean_y is None else self.mean_y.shape[0]

    def _check_shape(self, p: int, k: int) -> None:
        if self.mean_x is not None and (p, k) != (self.n_features, self.n_outputs):
            raise DataError(
                f"this chunk has {p} features and {k} outputs, earlier chunks had "
                f"{self.n_features} and {self.n_outputs}: every chunk needs the same columns"
            )

    def _check_merge(self, other: _Accumulator) -> None:
        if type(other) is not type(self) or other.fit_intercept != self.fit_intercept:
            raise DataError(
                f"cannot merge a {type(other).__name__}(fit_intercept={other.fit_intercept}) "
                f"into a {type(self).__name__}(fit_intercept={self.fit_intercept}): build "
                "every partial accumulator the same way"
            )
        if other.n_samples:
            self._check_shape(other.n_features, other.n_outputs)

    def _chunk_means(self, X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if not self.fit_intercept:
            mx, my = np.zeros(X.shape[1]), np.zeros(Y.shape[1])
            _check_finite_means(X.sum(axis=0, dtype=np.float64), Y.sum(axis=0, dtype=float))
            return mx, my
        mx, my = X.mean(axis=0, dtype=np.float64), Y.mean(axis=0, dtype=np.float64)
        _check_finite_means(mx, my)
        return mx, my

    def _merge_means(
        self, n_b: int, mx_b: np.ndarray, my_b: np.ndarray
    ) -> tuple[float, np.ndarray, np.ndarray]:
        """Update count and means; return ``(n_a n_b / n, δx, δy)`` for the scatter term."""
        n_a = self.n_samples
        if self.mean_x is None:
            self.n_samples, self.mean_x, self.mean_y = n_b, mx_b.copy(), my_b.copy()
            return 0.0, mx_b * 0, my_b * 0
        n = n_a + n_b
        dx, dy = mx_b - self.mean_x, my_b - self.mean_y
        self.mean_x += dx * (n_b / n)
        self.mean_y += dy * (n_b / n)
        self.n_samples = n
        return n_a * n_b / n, dx, dy

    def _centred(self, A: np.ndarray, mean: np.ndarray, out: np.ndarray) -> np.ndarray:
        """``A - mean`` in float64, written into ``out`` (C- or F-ordered)."""
        np.subtract(A, mean, out=out)
        return out

    def _intercept(self, coef: np.ndarray) -> np.ndarray:
        if not self.fit_intercept:
            return np.zeros(self.n_outputs)
        return self.mean_y - self.mean_x @ coef

    def _require_data(self) -> None:
        if self.n_samples == 0:
            raise DataError("no rows were added: pass at least one sample before solving")


class GramAccumulator(_Accumulator):
    r"""Normal equations over chunks: running :math:`X_c^\top X_c`, :math:`X_c^\top Y_c`.

    Each chunk is centred by its own mean (when ``fit_intercept``); the scatter of
    ``[X | Y]`` comes from one BLAS ``syrk`` per chunk, accumulated in place; chunks are
    merged by the pairwise formula of the module docstring. Memory: ``O((p + k)²)`` plus
    one chunk-sized float64 buffer.

    Parameters
    ----------
    fit_intercept : bool
        Centre the data (the intercept is then ``ȳ - W ᵀx̄``); otherwise use raw sums.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(1000, 3)); y = X @ [1.0, -2.0, 0.5] + 4.0
    >>> acc = GramAccumulator()
    >>> for rows in np.array_split(np.arange(1000), 10):
    ...     _ = acc.add(X[rows], y[rows])
    >>> sol = acc.solve()
    >>> np.round(sol.coef.ravel(), 6).tolist(), np.round(sol.intercept, 6).tolist()
    ([1.0, -2.0, 0.5], [4.0])
    """

    #: default chunk size of :func:`solve_least_squares`, in float64 values (1 MiB)
    chunk_values = 1 << 17

    def __init__(self, *, fit_intercept: bool = True) -> None:
        super().__init__(fit_intercept=fit_intercept)
        self._s: np.ndarray | None = None  # upper triangle: scatter of [X | Y], (p+k, p+k)

    def add(self, X: np.ndarray, Y: np.ndarray) -> Self:
        """Add the rows ``X : (m, n_features)``, ``Y : (m, n_outputs)`` or ``(m,)``.

        One ``syrk`` on the centred ``[X | Y]`` gives ``XᵀX``, ``XᵀY`` (and ``YᵀY``) at once.
        """
        X, Y = _as_2d(X, Y)
        self._check_shape(X.shape[1], Y.shape[1])
        if X.shape[0] == 0:
            return self
        mx, my = self._chunk_means(X, Y)
        m, p, q = X.shape[0], X.shape[1], X.shape[1] + Y.shape[1]
        if self._buf.size < m * q:
            self._buf = np.empty(m * q)
        Z = self._buf[: m * q].reshape(m, q)  # C-ordered, so Z.T is what BLAS wants
        self._centred(X, mx, Z[:, :p])
        self._centred(Y, my, Z[:, p:])
        w, dx, dy = self._merge_means(m, mx, my)
        self._s = self._add_scatter(Z, w, np.concatenate([dx, dy]))
        return self

    def merge(self, other: GramAccumulator) -> Self:
        """Add the rows another accumulator has seen (for partial sums from workers)."""
        self._check_merge(other)
        if other.n_samples == 0:
            return self
        w, dx, dy = self._merge_means(other.n_samples, other.mean_x, other.mean_y)
        self._s = self._add_scatter(None, w, np.concatenate([dx, dy]), other._s)
        return self

    def _add_scatter(self, Z, w: float, delta: np.ndarray, other_s=None) -> np.ndarray:
        """``S + ZᵀZ`` (BLAS ``syrk``, accumulated in place) ``+ other_s + w δδᵀ``."""
        q = delta.shape[0]
        S = np.zeros((q, q), order="F") if self._s is None else self._s
        if Z is not None:
            S = blas.dsyrk(1.0, Z.T, beta=1.0, c=S, trans=0, lower=0, overwrite_c=1)
        if other_s is not None:
            S += other_s
        if w:
            S += w * np.outer(delta, delta)
        return S

    @property
    def scatter(self) -> np.ndarray:
        r""":math:`[X_c \mid Y_c]^\top [X_c \mid Y_c]`, ``(p + k, p + k)``, symmetric."""
        self._require_data()
        upper = np.triu(self._s)
        return upper + np.triu(upper, 1).T

    @property
    def gram(self) -> np.ndarray:
        r""":math:`X_c^\top X_c`, ``(n_features, n_features)``, symmetric."""
        p = self.n_features
        return self.scatter[:p, :p]

    @property
    def cross(self) -> np.ndarray:
        r""":math:`X_c^\top Y_c`, ``(n_features, n_outputs)``."""
        p = self.n_features
        return self.scatter[:p, p:]

    def solve(
        self, *, alpha: float = 0.0, solver: str = "cholesky", cond_max: float = AUTO_COND_MAX
    ) -> LeastSquaresSolution:
        """Solve the normal equations by Cholesky of the scaled ``XcᵀXc + αI``.

        ``solver="cholesky"`` warns (:class:`scipy.linalg.LinAlgWarning`) when the
        estimated condition number exceeds ``cond_max`` and raises :class:`DataError` when
        the matrix is singular (Cholesky fails, or the estimate reaches ``1/eps``, where no
        digit of the answer would be right); ``solver="auto"`` raises :class:`DataError`
        in both cases, since the Gram matrix alone cannot give a trustworthy answer:
        accumulate the data in a :class:`QRAccumulator` instead (:func:`solve_passes`
        does that for you: it is the ``auto`` the estimators use, with its fallback).
        """
        _check_solver(solver, ("cholesky", "auto"))
        alpha = _check_alpha(alpha)
        self._require_data()
        coef, cond = _cholesky_solve(self.gram, self.cross, alpha)
        if cond > cond_max:  # beyond 1/eps the answer carries no correct digit: refuse
            with _few_rows_named(
                self.n_samples, self.n_features, alpha, solver, self.fit_intercept
            ):
                _ill_conditioned(cond, cond_max, strict=solver == "auto" or cond * _EPS >= 1)
        return LeastSquaresSolution(coef, self._intercept(coef), "cholesky", cond, coef.shape[0])


class QRAccumulator(_Accumulator):
    r"""Householder QR of :math:`[X_c \mid Y_c]` over chunks (TSQR), never forming :math:`Q`.

    Keeps only the triangular factor :math:`R` (``(p + k) × (p + k)``) with
    :math:`R^\top R = [X_c \mid Y_c]^\top [X_c \mid Y_c]`: each chunk, centred by its own
    mean, is stacked under :math:`R` together with the row
    :math:`\sqrt{n_a n_b / n}\,\delta^\top` of the pairwise mean correction, and factorised
    again by LAPACK ``geqrt``. Orthogonal transformations only, so the result is as
    accurate as a QR of the whole matrix at once.

    Parameters
    ----------
    fit_intercept : bool
        Centre the data; otherwise factorise the raw rows.
    blas_threads : int or None
        BLAS threads while factorising (``None``: leave the setting alone). The default, 1,
        is deliberate: the Householder panels are level-2 work on narrow blocks, where a
        second thread gained 25% on an idle 2-core machine but made the factorisation 5 to
        30 times slower when other processes compete for the cores. Parallelism across
        chunks (``merge`` of per-worker accumulators) is the scalable route.
    """

    #: default chunk size of :func:`solve_least_squares`, in float64 values (8 MiB)
    chunk_values = 1 << 20

    def __init__(self, *, fit_intercept: bool = True, blas_threads: int | None = 1) -> None:
        super().__init__(fit_intercept=fit_intercept)
        self.blas_threads = blas_threads
        self._r: np.ndarray | None = None

    def add(self, X: np.ndarray, Y: np.ndarray) -> Self:
        """Add the rows ``X : (m, n_features)``, ``Y : (m, n_outputs)`` or ``(m,)``."""
        X, Y = _as_2d(X, Y)
        self._check_shape(X.shape[1], Y.shape[1])
        if X.shape[0] == 0:
            return self
        mx, my = self._chunk_means(X, Y)
        p, m = X.shape[1], X.shape[0]
        q = p + Y.shape[1]
        stack = self._stack_buffer(m + q + 1, q)
        self._centred(X, mx, stack[q : q + m, :p])
        self._centred(Y, my, stack[q : q + m, p:])
        self._push(stack, m, mx, my)
        return self

    def merge(self, other: QRAccumulator) -> Self:
        """Add the rows another accumulator has seen (for partial factors from workers)."""
        self._check_merge(other)
        if other.n_samples == 0:
            return self
        q = other._r.shape[0]
        stack = self._stack_buffer(2 * q + 1, q)
        stack[q : 2 * q] = other._r
        self._push(stack, q, other.mean_x, other.mean_y, n_b=other.n_samples)
        return self

    def _stack_buffer(self, rows: int, q: int) -> np.ndarray:
        if self._buf.size < rows * q:
            self._buf = np.empty(rows * q)
        return self._buf[: rows * q].reshape((rows, q), order="F")

    def _push(self, stack, m: int, mx_b, my_b, *, n_b: int | None = None) -> None:
        """Factorise ``[R; block; correction]``, the block already in ``stack[q:q+m]``."""
        q = stack.shape[1]
        w, dx, dy = self._merge_means(m if n_b is None else n_b, mx_b, my_b)
        stack[:q] = 0.0 if self._r is None else self._r
        stack[q + m] = np.sqrt(w) * np.concatenate([dx, dy])
        with _blas_threads(self.blas_threads):
            self._r = _triangular_factor(stack)

    @property
    def r(self) -> np.ndarray:
        r"""The triangular factor :math:`R` of :math:`[X_c \mid Y_c]`, ``(p + k, p + k)``."""
        self._require_data()
        return self._r.copy()

    def solve(self, *, alpha: float = 0.0, solver: str = "qr") -> LeastSquaresSolution:
        """Solve from :math:`R`: ``"qr"`` by back substitution (raises :class:`DataError`
        on rank-deficient data), ``"lstsq"`` by ``gelsd`` on :math:`R_{11}` (minimum norm,
        cut-off ``eps · max(n, p)`` of :func:`numpy.linalg.lstsq`)."""
        _check_solver(solver, ("qr", "lstsq"))
        alpha = _check_alpha(alpha)
        self._require_data()
        p = self.n_features
        R = self._r if alpha == 0 else _append_ridge_rows(self._r, p, alpha)
        r11, r12 = R[:p, :p], R[:p, p:]
        if solver == "qr":
            with _few_rows_named(self.n_samples, p, alpha, solver, self.fit_intercept):
                coef, rank = _back_substitute(r11, r12), p
        else:
            rcond = _EPS * max(self.n_samples, p)
            coef, _, rank, _ = scipy.linalg.lstsq(r11, r12, cond=rcond, lapack_driver="gelsd")
        name = "qr" if solver == "qr" else "qr-lstsq"
        return LeastSquaresSolution(coef, self._intercept(coef), name, float("nan"), int(rank))


# --------------------------------------------------------------------------- dense kernels


def _triangular_factor(A: np.ndarray) -> np.ndarray:
    """Upper-triangular ``R`` of ``A = Q R`` (``A`` F-ordered, overwritten), Q never formed.

    LAPACK ``geqrt`` factorises its panels recursively (BLAS 3), about twice as fast as
    ``geqrf`` on the tall, narrow blocks of TSQR (measured: 0.9 s vs 1.8 s per 1e6 × 101).
    """
    rows, q = A.shape
    qr, _, info = lapack.dgeqrt(max(1, min(32, rows, q)), A, overwrite_a=1)
    if info != 0:  # pragma: no cover - only for invalid arguments
        raise DataError(f"LAPACK dgeqrt failed (info={info})")
    return np.triu(qr[:q])


_CONTROLLER: list[ThreadpoolController] = []


def _blas_threads(limit: int | None) -> contextlib.AbstractContextManager:
    """Limit BLAS threads (``None``: leave them alone); the controller is built once."""
    if limit is None:
        return contextlib.nullcontext()
    if not _CONTROLLER:
        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0].limit(limits=int(limit), user_api="blas")


def _append_ridge_rows(R: np.ndarray, p: int, alpha: float) -> np.ndarray:
    """``R`` of ``[R; √α I  0]``: ridge as extra rows, so the QR paths stay orthogonal."""
    q = R.shape[0]
    stack = np.zeros((q + p, q), order="F")
    stack[:q] = R
    stack[q + np.arange(p), np.arange(p)] = np.sqrt(alpha)
    return _triangular_factor(stack)


def _back_substitute(r11: np.ndarray, r12: np.ndarray) -> np.ndarray:
    diag = np.abs(np.diag(r11))
    if diag.size and diag.min() <= _EPS * diag.max() * r11.shape[0]:
        raise DataError(
            "the centred X is rank-deficient (a constant column, or columns that are exact "
            "combinations of others): solver='qr' cannot divide by zero; use solver='auto' "
            "or 'lstsq' for the minimum-norm answer, or alpha > 0"
        )
    return scipy.linalg.solve_triangular(r11, r12, lower=False)


def _cholesky_solve(
    gram: np.ndarray, xty: np.ndarray, alpha: float
) -> tuple[np.ndarray | None, float]:
    r"""Solve ``(G + αI) W = XᵀY`` by Cholesky of the scaled :math:`D^{-1}(G+αI)D^{-1}`.

    Scaling by :math:`D = \mathrm{diag}(G + \alpha I)^{1/2}` makes the condition estimate
    independent of the units of each column (van der Sluis: the scaled matrix is within a
    factor ``p`` of the best-scaled one). Returns ``(None, inf)`` when the factorisation
    fails (not positive definite in floating point).
    """
    p = gram.shape[0]
    if p == 0:
        return np.zeros((0, xty.shape[1])), 1.0
    H = gram + alpha * np.eye(p)
    d = np.sqrt(np.diag(H))
    if d.min() <= 0 or not np.isfinite(H).all():
        return None, float("inf")
    Hs = H / np.outer(d, d)
    anorm = float(np.abs(Hs).sum(axis=0).max())
    U, info = lapack.dpotrf(Hs, lower=0, clean=1, overwrite_a=1)
    if info != 0:
        return None, float("inf")
    rcond, _ = lapack.dpocon(U, anorm, uplo="U")
    Ws, _ = lapack.dpotrs(U, xty / d[:, None], lower=0)
    cond = float("inf") if rcond <= 0 else 1.0 / rcond
    return Ws / d[:, None], cond


@contextlib.contextmanager
def _few_rows_named(n: int, p: int, alpha: float, solver: str, centred: bool) -> Iterator[None]:
    """A singular system that has too few rows says so: ``n`` rows span at most ``n``
    dimensions (``n - 1`` once centred for the intercept), so with no ridge they cannot
    determine ``p`` weights when ``p`` exceeds that, whatever the columns hold."""
    try:
        yield
    except DataError:
        span = n - 1 if centred else n
        if alpha > 0 or span >= p:
            raise
        rows = "is one sample" if n == 1 else f"are {n} samples"
        how = "once centred (for the intercept), they" if centred else "they"
        raise DataError(
            f"there {rows} for {p} feature{'s' * (p != 1)}: {how} determine at most {span} "
            f"of the {p} weights, so solver={solver!r} has no unique answer; pass more "
            "samples than features, or use solver='auto' or 'lstsq' (the minimum-norm "
            "answer) or ridge alpha > 0"
        ) from None


def _ill_conditioned(cond: float, cond_max: float, *, strict: bool) -> None:
    what = (
        "singular (a constant column, or columns that are exact combinations of others)"
        if cond * _EPS >= 1
        else f"ill-conditioned (estimated condition number {cond:.1e} > {cond_max:.0e}), so "
        f"the normal-equations answer may be off by a relative {cond * _EPS:.0e}"
    )
    singular = cond * _EPS >= 1  # then qr refuses the same data (rank-deficient)
    message = (
        f"XᵀX is {what}; use solver='auto' or 'lstsq' (minimum norm), or ridge alpha > 0"
        if singular
        else f"XᵀX is {what}; use solver='auto' or 'qr' (stable), 'lstsq' (minimum norm), "
        "or ridge alpha > 0"
    )
    if strict:
        raise DataError(message)
    warnings.warn(message, scipy.linalg.LinAlgWarning, stacklevel=4)


# --------------------------------------------------------------------------- entry points


def _check_chunk_rows(chunk_rows: int | None) -> None:
    if chunk_rows is not None and int(chunk_rows) < 1:
        raise ParameterError(f"chunk_rows={chunk_rows!r} must be a positive integer")


def _accumulate(acc: _Accumulator, X: np.ndarray, Y: np.ndarray, rows: int | None):
    """Feed ``X, Y`` to ``acc`` in chunks of ``rows`` (default: ``acc.chunk_values`` values)."""
    if rows is None:
        rows = max(256, acc.chunk_values // (X.shape[1] + Y.shape[1]))
    for start in range(0, X.shape[0], int(rows)):
        acc.add(X[start : start + rows], Y[start : start + rows])
    return acc


def _lstsq_dense(
    X: np.ndarray, Y: np.ndarray, alpha: float, fit_intercept: bool
) -> LeastSquaresSolution:
    """LAPACK ``gelsd`` on the centred data (and ``√α I`` rows for ridge): the reference."""
    mx = X.mean(axis=0, dtype=np.float64) if fit_intercept else np.zeros(X.shape[1])
    my = Y.mean(axis=0, dtype=np.float64) if fit_intercept else np.zeros(Y.shape[1])
    _check_finite_means(mx, my)
    Xc, Yc = np.empty(X.shape, order="F"), np.empty(Y.shape, order="F")
    np.subtract(X, mx, out=Xc)  # written in LAPACK's order: no second, transposing copy
    np.subtract(Y, my, out=Yc)
    if not (np.isfinite(Xc).all() and np.isfinite(Yc).all()):  # as the other solvers say
        _check_finite_means(np.full(1, np.nan), my)
    if alpha:
        Xc = np.vstack([Xc, np.sqrt(alpha) * np.eye(X.shape[1])])
        Yc = np.vstack([Yc, np.zeros((X.shape[1], Y.shape[1]))])
    # singular values below eps·max(n, p)·σ_max are rounding (numpy.linalg.lstsq's rcond):
    # centring alone makes n <= p rows rank n - 1, and LAPACK's default keeps that noise
    cond = np.finfo(np.float64).eps * max(Xc.shape)
    coef, _, rank, _ = scipy.linalg.lstsq(
        Xc, Yc, cond=cond, lapack_driver="gelsd", overwrite_a=True
    )
    return LeastSquaresSolution(coef, my - mx @ coef, "lstsq", float("nan"), int(rank))


def solve_least_squares(
    X: np.ndarray,
    Y: np.ndarray,
    *,
    solver: str = "auto",
    alpha: float = 0.0,
    fit_intercept: bool = True,
    cond_max: float = AUTO_COND_MAX,
    chunk_rows: int | None = None,
    sample_weight: np.ndarray | None = None,
) -> LeastSquaresSolution:
    r"""Minimise ``‖X W + 1 bᵀ − Y‖² + α‖W‖²`` and say how (see the module docstring).

    With ``sample_weight`` :math:`s` (n_samples,), weighted least squares
    :math:`\sum_i s_i \lVert x_i^\top W + b - y_i \rVert^2 + \alpha \lVert W \rVert^2`:
    the columns are centred on their weighted means, the rows scaled by
    :math:`\sqrt{s_i}`, the unweighted problem solved without intercept and
    :math:`b = \bar y_s - W^\top \bar x_s` (scikit-learn's ``LinearRegression`` and
    ``Ridge`` do the same: ``_preprocess_data`` then ``_rescale_data``).

    Parameters
    ----------
    X : (n_samples, n_features)
    Y : (n_samples, n_outputs) or (n_samples,)
    solver : {"auto", "cholesky", "qr", "lstsq"}
        ``auto`` on wide data (``n_samples <= n_features``, no ridge) is ``lstsq`` on the
        rows (the minimum-norm solution, as scikit-learn's), never forming ``XᵀX``.
    alpha : float
        Ridge penalty, ``>= 0``; the intercept is not penalised.
    fit_intercept : bool
        Centre the data and return ``b = ȳ − Wᵀx̄``; otherwise ``b = 0``.
    cond_max : float
        ``auto`` uses the normal equations only while the estimated condition number of
        the scaled ``XᵀX + αI`` is at most this; ``cholesky`` warns above it.
    chunk_rows : int, optional
        Rows per chunk of the accumulation (default: about 1 MiB of float64 per chunk for
        the normal equations, which then stays in cache between its passes; 8 MiB for QR,
        whose stacked ``R`` rows cost less in taller chunks).
    sample_weight : (n_samples,) array of finite numbers >= 0, or None
        Checked by the caller (the estimators); their sum must be positive.

    Returns
    -------
    LeastSquaresSolution
        ``coef`` ``(n_features, n_outputs)`` and ``intercept`` ``(n_outputs,)`` in float32
        for float32 ``X``, float64 otherwise; ``solver``, ``cond`` and ``rank`` say how.
    """
    _check_solver(solver)
    alpha = _check_alpha(alpha)
    if _is_sparse(X):
        return _sparse_least_squares(
            X, Y, solver=solver, alpha=alpha, fit_intercept=fit_intercept,
            cond_max=cond_max, chunk_rows=chunk_rows, sample_weight=sample_weight,
        )  # fmt: skip
    X, Y = _as_2d(X, Y)
    if X.shape[0] == 0:
        raise DataError("X has no rows: pass at least one sample")
    if sample_weight is not None:
        return _weighted(X, Y, np.asarray(sample_weight, np.float64), solver=solver,
                         alpha=alpha, fit_intercept=fit_intercept, cond_max=cond_max,
                         chunk_rows=chunk_rows)  # fmt: skip
    _check_chunk_rows(chunk_rows)
    dtype = _out_dtype(X)
    check_target_scale(Y, fit_intercept=fit_intercept, dtype=dtype)
    given = X
    X, halves = _power_of_two_scaled(X, alpha)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        # wide data without ridge (n <= p: XᵀX is singular): gelsd on the n x p rows gives
        # the minimum-norm solution at O(n² p), where XᵀX and its factor would cost O(p³)
        wide = solver == "auto" and not alpha and X.shape[0] <= X.shape[1]
        if solver == "lstsq" or wide:
            sol = _lstsq_dense(X, Y, alpha, fit_intercept)
        else:
            sol = _solve_chunked(X, Y, solver, alpha, fit_intercept, cond_max, chunk_rows)
        coef = sol.coef * halves[:, None] * halves[:, None]  # back to the features' scale
    _check_representable(coef, sol.intercept, given)
    return LeastSquaresSolution(
        coef.astype(dtype), sol.intercept.astype(dtype), sol.solver, sol.cond, sol.rank
    )


#: a sparse ``X`` that holds at most this many entries densified is solved as the dense
#: array it stands for (the dense fit's answer, bit for bit); with a Gram matrix of at
#: most this many entries, by the accumulators over densified row chunks; beyond both, by
#: LSMR (:mod:`neurona._sparse_solve`), which never forms ``XᵀX``
SPARSE_DENSE_ENTRIES = 2**24


def _is_sparse(X) -> bool:
    return type(X).__module__.startswith("scipy.sparse")


def _sparse_least_squares(X, Y, *, solver, alpha, fit_intercept, cond_max, chunk_rows,
                          sample_weight) -> LeastSquaresSolution:  # fmt: skip
    """:func:`solve_least_squares` for a SciPy sparse ``X`` (see ``SPARSE_DENSE_ENTRIES``:
    as dense where that is small, else the dense accumulators over densified row chunks
    where ``XᵀX`` is small, else LSMR with the intercept by implicit centring)."""
    from ._sparse_solve import lsmr_solve

    X = X.tocsr()
    Y = np.asarray(Y)
    Y = Y[:, None] if Y.ndim == 1 else Y
    n, p = X.shape
    if Y.ndim != 2 or Y.shape[0] != n:
        raise DataError(
            f"X has {n} rows but Y has shape {Y.shape}: pass one target row per sample"
        )
    if n == 0:
        raise DataError("X has no rows: pass at least one sample")
    kwargs = dict(solver=solver, alpha=alpha, fit_intercept=fit_intercept, cond_max=cond_max,
                  chunk_rows=chunk_rows, sample_weight=sample_weight)  # fmt: skip
    if n * p <= SPARSE_DENSE_ENTRIES:
        return solve_least_squares(X.toarray(), Y, **kwargs)
    dtype = _out_dtype(X)
    check_target_scale(Y, fit_intercept=fit_intercept, dtype=dtype)
    if p * p <= SPARSE_DENSE_ENTRIES and sample_weight is None:
        rows = chunk_rows or max(1, SPARSE_DENSE_ENTRIES // (8 * p))

        def feed(acc):
            for start in range(0, n, rows):
                acc.add(X[start : start + rows].toarray(), Y[start : start + rows])
            return acc

        sol = solve_passes(feed, solver=solver, alpha=alpha, fit_intercept=fit_intercept,
                           cond_max=cond_max)  # fmt: skip
        return LeastSquaresSolution(sol.coef.astype(dtype), sol.intercept.astype(dtype),
                                    sol.solver, sol.cond, sol.rank)  # fmt: skip
    if solver in ("cholesky", "qr"):
        raise ParameterError(
            f"solver={solver!r} needs the dense {p} x {p} matrix XᵀX (or its factor) of this "
            "sparse X, too large to hold: use solver='auto' (or 'lstsq'), which solves it "
            "by LSMR without forming XᵀX"
        )
    W, b, _ = lsmr_solve(X, Y, alpha=alpha, sample_weight=sample_weight,
                            fit_intercept=fit_intercept)  # fmt: skip
    return LeastSquaresSolution(W.astype(dtype), b.astype(dtype), "lsmr", float("nan"), p)


def _weighted(X, Y, sw, *, fit_intercept: bool, **kwargs) -> LeastSquaresSolution:
    """Weighted least squares by centring on the weighted means and scaling the rows by
    the square roots of the weights (see :func:`solve_least_squares`)."""
    dtype = _out_dtype(X)
    # the weights and alpha scaled alike by a power of two (the same minimiser, exactly),
    # the largest weight to [0.5, 1): weights of 1e300 overflowed the scaled rows
    shift = -int(np.frexp(np.max(sw, initial=0.0))[1])
    alpha = kwargs.get("alpha") or 0.0
    with np.errstate(all="ignore"):
        moved = float(np.ldexp(alpha, shift))
    if not alpha or (np.isfinite(moved) and moved >= np.finfo(np.float64).tiny):
        sw = np.ldexp(sw, shift)
        kwargs = {**kwargs, "alpha": moved} if alpha else kwargs
    root = np.sqrt(sw)[:, None]
    Xf, Yf = X.astype(np.float64), Y.astype(np.float64)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused below
        if fit_intercept:
            total = sw.sum()
            mx, my = (sw @ Xf) / total, (sw @ Yf) / total
            Xf, Yf = Xf - mx, Yf - my
        Xf, Yf = Xf * root, Yf * root
    sol = solve_least_squares(Xf, Yf, fit_intercept=False, **kwargs)
    coef = sol.coef.astype(np.float64)
    intercept = my - mx @ coef if fit_intercept else np.zeros(Y.shape[1])
    return LeastSquaresSolution(coef.astype(dtype), intercept.astype(dtype), sol.solver,
                                sol.cond, sol.rank)  # fmt: skip


def _power_of_two_scaled(X: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """``X`` with every column of magnitude beyond 2^±400 scaled by a power of two (exact),
    so that its Gram matrix neither underflows nor overflows, and the powers (1 where none
    was needed). Ridge (``alpha > 0``) penalises the columns as given: no scaling."""
    halves = np.ones(X.shape[1])  # the power is applied as two halves: 2^±1074 overflows
    if alpha or X.size == 0:
        return X, halves
    with np.errstate(divide="ignore"):
        exponents = np.log2(np.max(np.abs(X), axis=0))
    bad = np.isfinite(exponents) & (np.abs(exponents) > 400)
    if not bad.any():
        return X, halves
    halves[bad] = np.exp2(-np.round(exponents[bad]) / 2)
    return X * halves * halves, halves


def _check_representable(coef: np.ndarray, intercept: np.ndarray, X: np.ndarray) -> None:
    """Raise DataError when the solution overflows float64 (features far below 1)."""
    if np.isfinite(coef).all() and np.isfinite(intercept).all():
        return
    smallest = float(np.min(np.abs(X[X != 0]), initial=np.inf))
    raise DataError(
        "the least-squares coefficients are beyond float64's range (features as small as "
        f"{smallest:.3g} need weights above 1.8e308): rescale the features (e.g. "
        "sklearn.preprocessing.StandardScaler)"
    )


def _solve_chunked(X, Y, solver, alpha, fit_intercept, cond_max, rows) -> LeastSquaresSolution:
    feed = lambda acc: _accumulate(acc, X, Y, rows)  # noqa: E731 - one expression
    return _solve_passes(feed, solver, alpha, fit_intercept, cond_max)


def solve_passes(
    feed: Callable[[_Accumulator], _Accumulator],
    *,
    solver: str = "auto",
    alpha: float = 0.0,
    fit_intercept: bool = True,
    cond_max: float = AUTO_COND_MAX,
) -> LeastSquaresSolution:
    """Solve least squares from data read in passes: the one home of ``auto``'s fallback.

    Parameters
    ----------
    feed : callable
        ``feed(accumulator)`` adds every chunk of the data (``accumulator.add(X, Y)``, or
        ``merge`` of per-part accumulators) and returns the accumulator. It is called once,
        or twice when ``auto`` falls back from the normal equations to QR.
    solver : {"auto", "cholesky", "qr", "lstsq"}
        As :func:`solve_least_squares`; ``"lstsq"`` solves the accumulated triangular
        factor by ``gelsd`` (the data are never held whole).
    alpha, fit_intercept, cond_max
        As :func:`solve_least_squares`.

    Returns
    -------
    LeastSquaresSolution
        In float64 (the accumulators' precision).

    Raises
    ------
    DataError
        No rows were fed, ``"cholesky"`` met a singular matrix, or the solution is not
        finite (features too far from 1 in magnitude for float64).
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        return _finite_solution(_solve_passes(feed, solver, alpha, fit_intercept, cond_max))


def _solve_passes(feed, solver, alpha, fit_intercept, cond_max) -> LeastSquaresSolution:
    _check_solver(solver)
    alpha = _check_alpha(alpha)
    if solver in ("qr", "lstsq"):
        qr = feed(QRAccumulator(fit_intercept=fit_intercept))
        _check_scatter_targets(qr)
        return qr.solve(alpha=alpha, solver=solver)
    gram = feed(GramAccumulator(fit_intercept=fit_intercept))
    _check_scatter_targets(gram)
    if solver == "cholesky":
        return gram.solve(alpha=alpha, solver="cholesky", cond_max=cond_max)
    coef, cond = _cholesky_solve(gram.gram, gram.cross, alpha)
    if coef is not None and cond <= cond_max:
        return LeastSquaresSolution(coef, gram._intercept(coef), "cholesky", cond, coef.shape[0])
    sol = feed(QRAccumulator(fit_intercept=fit_intercept)).solve(alpha=alpha, solver="lstsq")
    return LeastSquaresSolution(sol.coef, sol.intercept, sol.solver, cond, sol.rank)


def _finite_solution(sol: LeastSquaresSolution) -> LeastSquaresSolution:
    """``sol``, or DataError when it is not finite (data whose Gram matrix under- or
    overflowed: features far from 1 in magnitude)."""
    if np.isfinite(sol.coef).all() and np.isfinite(sol.intercept).all():
        return sol
    raise DataError(
        "the least-squares solution is not finite: the features are too far from 1 in "
        "magnitude for float64 sums of their squares; rescale them (e.g. "
        "sklearn.preprocessing.StandardScaler)"
    )


def fit_least_squares(
    X: np.ndarray,
    Y: np.ndarray,
    *,
    solver: str = "auto",
    alpha: float = 0.0,
    fit_intercept: bool = True,
    cond_max: float = AUTO_COND_MAX,
    chunk_rows: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``(coef (n_features, n_outputs), intercept (n_outputs,))`` of
    :func:`solve_least_squares`, which documents the parameters.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]]); y = 2.0 * X[:, 0] + 1.0
    >>> coef, intercept = fit_least_squares(X, y[:, None], solver="auto")
    >>> np.round(coef, 12).tolist(), np.round(intercept, 12).tolist()
    ([[2.0]], [1.0])
    """
    sol = solve_least_squares(
        X, Y, solver=solver, alpha=alpha, fit_intercept=fit_intercept,
        cond_max=cond_max, chunk_rows=chunk_rows,
    )  # fmt: skip
    return sol.coef, sol.intercept
