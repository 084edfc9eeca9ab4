r"""Learning rates: the schedule of a run and the safe step of ``learning_rate="auto"``.

The schedule gives the rate of the update at global step :math:`t` (0-based),

.. math:: \eta_t = \eta_0 / (t + 1)^{p},

a constant rate for :math:`p = 0` and inverse scaling for :math:`p > 0`, as scikit-learn's
``learning_rate="invscaling"`` (whose step counter starts at 1).

The safe step
-------------
A step over rows :math:`S` of a loss whose second derivative in :math:`z` is at most
:math:`c` (:attr:`neurona.neurons.Neuron.curvature`: 1 for half the squared error) has,
with :math:`\tilde x_i = (x_i, 1)`, a Hessian :math:`H_S \preceq c\, r \sum_{i \in S}
\tilde x_i \tilde x_i^\top`, and :math:`\eta_0 \lambda_{max}(H_S) \le 1` rules out
overshooting. :func:`safe_rate` takes :math:`\eta_0 = 1 / (c B)` with
:math:`B \ge r\,\lambda_{max}(\sum_{i \in S} \tilde x_i \tilde x_i^\top)` for every step:

* a step over every row, each once (``batch``): the trace,
  :math:`B = r \sum_i \lVert \tilde x_i \rVert^2`;
* any other step of at most :math:`k` rows (the mode's ``rows``; rows may repeat when the
  mode draws with replacement): :math:`B = r\, k \max_i \lVert \tilde x_i \rVert^2`,

with :math:`r = 1` for sum-reduced steps and :math:`1 / k` for mean-reduced ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .errors import ConvergenceWarning, DataError, warn
from .modes import Steps

__all__ = ["Schedule", "check_feature_scales", "safe_rate"]


@dataclass(frozen=True)
class Schedule:
    r"""Learning rate of the update at global step ``t`` (0-based).

    .. math:: \eta_t = \eta_0 / (t + 1)^{p}

    ``power_t = 0`` is a constant rate; ``power_t > 0`` is inverse scaling.
    """

    eta0: float
    power_t: float = 0.0

    def rate(self, t: int) -> float:
        if self.power_t == 0.0:
            return self.eta0
        try:
            return self.eta0 / (t + 1.0) ** self.power_t
        except OverflowError:  # (t + 1)^p beyond float64: the rate is 0 (as compiled)
            return 0.0


def safe_rate(
    X: np.ndarray,
    steps: Steps,
    curvature: float = 1.0,
    *,
    check_scales: bool = False,
    updates: int | None = None,
    weights: np.ndarray | None = None,
) -> float:
    r"""The largest constant step that cannot overshoot on ``X`` (see the module docstring).

    Parameters
    ----------
    X : (n_samples, n_features), float32 or float64
    steps : Steps
        The mode and the parameters that shape its steps.
    curvature : float
        Bound on the loss's second derivative in ``z``.
    check_scales : bool
        Also look at the features' scales (:func:`check_feature_scales`), from the
        column sums of the same pass.
    updates : int or None
        The updates the run plans, for :func:`check_feature_scales`.
    weights : (n_samples,) or None
        Each row's largest weight (sample weight times class weight): a weighted row's
        Hessian is its weight times the unweighted one's, so each
        :math:`\lVert \tilde x_i \rVert^2` above is taken times :math:`s_i`.

    Returns
    -------
    float
        :math:`1 / (c B)`, in float64 (computed on scaled rows where the squares of
        features beyond about 1e154 would overflow).

    Raises
    ------
    DataError
        The step is not a normal number of ``X``'s dtype (features beyond about 1e154 in
        float64, 1e19 in float32): no step of that precision is safe and still moves.
        Or (``check_scales``) the scales of the features are too far apart for
        gradient descent in ``X``'s precision.
    """
    n = X.shape[0]
    k = steps.rows(n)
    trace = weights is None and k >= n and steps.mode.visits_all
    # a sparse X's columns cost a gather per non-zero: summed only where the trace needs
    # them (and by check_feature_scales, where its cheap bound cannot settle the check)
    (rows, cols), scale, counts = _sums_of_squares(X, columns=trace or not _is_sparse(X))
    if weights is not None:  # s_i ‖x̃_i‖², from the rows' sums of squares
        weighted = np.asarray(weights, np.float64) * (rows + (1.0 / scale) ** 2)
        if k >= n and steps.mode.visits_all:
            bound = weighted.sum() / (n if steps.mean else 1)
        else:
            bound = weighted.max() * (1 if steps.mean else k)
    elif k >= n and steps.mode.visits_all:  # the trace: every row's squared norm, summed
        bound = (cols.sum() + n * (1.0 / scale) ** 2) / (n if steps.mean else 1)
    else:
        bound = (rows.max() + (1.0 / scale) ** 2) * (1 if steps.mean else k)
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        rate = (1.0 / scale) ** 2 / (curvature * bound)  # 1 / (c · scale² · bound)
    tiny = float(np.finfo(X.dtype).tiny) if X.dtype.kind == "f" else 0.0
    if not rate >= tiny or not np.isfinite(rate):
        raise DataError(
            f"the largest row norm of the features is ‖x‖ = {_row_norm(rows, scale)}: no "
            f"{X.dtype} step can train on values "
            f"that large (the step that cannot overshoot is {rate:.3g}, below the smallest "
            f"normal {X.dtype} number {tiny:.3g}, and updates of smaller features vanish "
            "beside them); standardise the features first (e.g. "
            "sklearn.preprocessing.StandardScaler)"
        )
    if check_scales:
        at_hand = None if cols is None else (cols, scale, counts)
        check_feature_scales(X, at_hand, updates=updates)
    return float(rate)


def _row_norm(rows: np.ndarray, scale: float) -> str:
    """The largest row norm ``scale · sqrt(max(rows))`` as text (3 significant digits),
    also beyond float64's range (two features of 1.7e308 make a norm of 2.4e308)."""
    top = float(np.max(rows)) if np.size(rows) else 0.0
    if not top > 0.0:
        return "0"
    exponent = math.log10(scale) + 0.5 * math.log10(top)
    whole = math.floor(exponent)
    mantissa = 10.0 ** (exponent - whole)
    if mantissa >= 9.995:  # rounds to 10.0: carry into the exponent
        mantissa, whole = mantissa / 10.0, whole + 1
    return f"{mantissa:.3g}e{whole:+03d}" if abs(whole) >= 5 else f"{10.0**exponent:.3g}"


def _sums_of_squares(X: np.ndarray, *, columns: bool = True):
    """``((rows, cols), scale, counts)``: the rows' and the columns' sums of squares of
    ``X / scale`` in float64 (one pass, :mod:`neurona._squares`), with ``scale = 1``
    unless the squares overflow (then the largest ``|x|``), and for a sparse ``X`` its
    stored values per column, counted in the same pass (``None`` for a dense one). A
    sparse ``X`` without ``columns``: the rows only (``cols`` and ``counts`` None)."""
    from ._squares import csr_row_sums_of_squares, csr_sums_of_squares, sums_of_squares

    def sums(A):
        if not _is_sparse(A):
            return (*sums_of_squares(A), None)
        if columns:
            return csr_sums_of_squares(A)
        return csr_row_sums_of_squares(A), None, None

    rows, cols, counts = sums(X)
    if np.isfinite(rows).all() and (cols is None or np.isfinite(cols).all()):
        return (rows, cols), 1.0, counts
    with np.errstate(invalid="ignore", over="ignore"):  # NaN in X: caught by the caller
        values = X.data if _is_sparse(X) else X
        scale = float(np.max(np.abs(values), initial=0.0))
        rows, cols, scaled_counts = sums(X / scale)
        return (rows, cols), scale, counts if counts is not None else scaled_counts


def _is_sparse(X) -> bool:
    return type(X).__module__.startswith("scipy.sparse")


def _scales_settled(X, updates: int | None) -> bool:
    """Whether a sparse ``X``'s largest and smallest stored magnitudes already show that
    :func:`check_feature_scales` finds nothing, without its pass over the columns (a
    gather per non-zero). Every column's RMS over its stored values lies between the
    smallest non-zero ``|x|`` and the largest ``|x|`` where no stored value is 0, so their
    ratio (with the bias column's 1) bounds ``ρ`` from above; stored zeros, NaN or
    infinity: not settled here."""
    from ._squares import csr_magnitudes

    largest, smallest, zeros, finite = csr_magnitudes(X)
    if zeros or not finite or not (0 < smallest <= largest):
        return False
    log_rho = np.log10(max(largest, 1.0)) - np.log10(min(smallest, 1.0))
    u = float(np.finfo(X.dtype).eps) / 2 if X.dtype.kind == "f" else 2.0**-53
    short = updates is not None and log_rho >= 1 and 2 * log_rho > np.log10(10 * updates)
    return bool(log_rho < -0.5 * np.log10(u) and not short)


def check_feature_scales(
    X: np.ndarray, cols: tuple[np.ndarray, float] | None = None, *, updates: int | None = None
) -> None:
    r"""Refuse features whose scales gradient descent cannot reconcile in ``X``'s precision.

    The Hessian of a squared (or log) loss over the rows with the bias column,
    :math:`H \propto \frac1n \sum_i \tilde x_i \tilde x_i^\top`, has the columns' mean
    squares :math:`m_j` (and 1 for the bias) on its diagonal, and for a symmetric
    positive semi-definite matrix :math:`\lambda_{max} \ge \max_j H_{jj}`,
    :math:`\lambda_{min} \le \min_j H_{jj}`: its condition number is at least
    :math:`\kappa \ge \rho^2` with :math:`\rho = \sqrt{\max_j m_j / \min_j m_j}` (zero
    columns left out). Gradient descent with a step that cannot overshoot needs of the
    order of :math:`\kappa` steps (Nocedal & Wright, *Numerical Optimization*, 2nd ed.,
    §3.3), and a weight that starts at 0 moves by steps :math:`\rho^2` times smaller,
    relative to its goal, than the largest feature's weight: at :math:`\rho \ge 1/u`
    (:math:`u` the unit roundoff of ``X``'s dtype: 4.5e15 in float64, 8.4e6 in float32)
    those steps vanish in rounding and the run returns a model that ignores the small
    features (a :class:`DataError`); from :math:`\rho \ge u^{-1/2}` (6.7e7, 2.9e3) it
    would need more than :math:`1/u` steps (a :class:`ConvergenceWarning`); so it does
    when :math:`\rho \ge 10` and :math:`\rho^2` exceeds ten times the ``updates`` the run
    plans: along the direction of the
    smallest eigenvalue, each step shrinks the error by a factor of at least
    :math:`1 - \eta \lambda_{min} \ge 1 - \lambda_{min}/\lambda_{max} \ge 1 - 1/\kappa`
    (a step that cannot overshoot has :math:`\eta \le 1/\lambda_{max}`), so fewer than
    :math:`\kappa` steps leave it above :math:`1/e` of where it started.

    A sparse ``X`` is compared by the root mean square of each column's stored values
    (its non-zeros): in text, a word's column is rarely non-zero, and that rarity slows
    its weight whatever the scale, so the check looks at the scales of the values only.

    Parameters
    ----------
    X : (n_samples, n_features), an array or a SciPy CSR matrix
    cols : ``(sums, scale, counts)``, if already at hand: the column sums of squares of
        ``X / scale``, ``scale``, and a sparse ``X``'s stored values per column
    updates : int or None
        The updates of the run (None: a ``partial_fit`` call, one of many).

    Raises
    ------
    DataError
        :math:`\rho \ge 1/u`.
    """
    n, p = X.shape
    if n == 0 or p == 0:
        return
    if cols is None and _is_sparse(X) and _scales_settled(X, updates):
        return
    if cols is None:
        (_, sums), scale, counts = _sums_of_squares(X)
    else:
        sums, scale, counts = cols
    sparse = _is_sparse(X)
    # a sparse X (text: most columns in few rows) is compared by the RMS of each column's
    # stored values: a rare feature is slow to learn because it is rare, which no scaling
    # cures, not because it is small; dense X by the RMS over all rows (the Hessian's)
    if not sparse:
        counts = n
    with np.errstate(divide="ignore", under="ignore", invalid="ignore"):
        log_rms = 0.5 * np.log10(sums / counts) + np.log10(scale)
    vanished = sums == 0  # zero columns, or squares below the smallest float64: look again
    if sparse:
        vanished &= counts > 0  # a column with no stored value has no scale at all
    if vanished.any():
        with np.errstate(invalid="ignore"):
            if sparse:
                stored = vanished[X.indices]
                peaks = np.zeros(p)
                np.maximum.at(peaks, X.indices[stored], np.abs(X.data[stored]).astype(float))
                peaks = peaks[vanished]
            else:
                peaks = np.max(np.abs(X[:, vanished]), axis=0).astype(np.float64)
        with np.errstate(divide="ignore"):
            log_rms[vanished] = np.log10(peaks)  # at least the RMS: ρ comes out no larger
    present = np.isfinite(log_rms)  # all-zero columns (and NaN, refused elsewhere) aside
    if not present.any():
        return
    idx = np.flatnonzero(present)
    hi, lo = idx[np.argmax(log_rms[idx])], idx[np.argmin(log_rms[idx])]
    top, bottom = max(log_rms[hi], 0.0), min(log_rms[lo], 0.0)  # the bias column's RMS is 1
    log_rho = top - bottom
    u = float(np.finfo(X.dtype).eps) / 2 if X.dtype.kind == "f" else 2.0**-53
    # κ ≥ ρ² beyond ten times the run's updates, for scales at least 10 apart
    short = updates is not None and log_rho >= 1 and 2 * log_rho > np.log10(10 * updates)
    if log_rho < -0.5 * np.log10(u) and not short:
        return

    def power(log_x):  # 10**log_x in words, also beyond float64's range
        e = int(np.floor(log_x))
        m = round(10 ** (log_x - e), 1)
        return f"{m / 10:g}e{e + 1:+d}" if m >= 10 else f"{m:g}e{e:+d}"

    def name(j, log_r):
        return "the bias's constant 1" if log_r == 0.0 else f"column {j}"

    what = (
        f"the features' scales differ by a factor of {power(log_rho)} (root mean square "
        f"{power(top)} in {name(hi, top)} against {power(bottom)} in {name(lo, bottom)})"
    )
    advice = (
        "standardise the features first (e.g. sklearn.preprocessing.StandardScaler), or use "
        "a closed-form solver where the estimator has one"
    )
    if log_rho >= -np.log10(u):
        raise DataError(
            f"{what}: gradient descent in {X.dtype} cannot fit both, the steps of the "
            f"smaller one's weight vanish in rounding; {advice}"
        )
    planned = f", more than the {updates} updates of this run" if short else ""
    warn(
        f"{what}: gradient descent would need about {power(2 * log_rho)} steps to fit "
        f"both in {X.dtype}{planned}; {advice}",
        ConvergenceWarning,
    )
