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

from dataclasses import dataclass

import numpy as np

from .errors import DataError
from .modes import Steps

__all__ = ["Schedule", "safe_rate"]


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


def safe_rate(X: np.ndarray, steps: Steps, curvature: float = 1.0) -> float:
    """The largest constant step that cannot overshoot on ``X`` (see the module docstring).

    Parameters
    ----------
    X : (n_samples, n_features)
    steps : Steps
        The mode and the parameters that shape its steps.
    curvature : float
        Bound on the loss's second derivative in ``z``.

    Returns
    -------
    float
        :math:`1 / (c B)`, in float64 (computed on scaled rows where the squares of
        features beyond about 1e154 would overflow).

    Raises
    ------
    DataError
        The step underflows to zero (features beyond about 1e162): no float64 step is safe.
    """
    n = X.shape[0]
    sq = np.einsum("ij,ij->i", X, X, dtype=np.float64) + 1.0
    scale = 1.0
    if not np.isfinite(sq).all():  # |x| beyond 1e154: the squares overflow; take them scaled
        with np.errstate(invalid="ignore", over="ignore"):  # NaN in X: caught below
            scale = float(np.max(np.abs(X)))
            sq = np.einsum("ij,ij->i", X / scale, X / scale, dtype=np.float64)
            sq += (1.0 / scale) ** 2
    k = steps.rows(n)
    if k >= n and steps.mode.visits_all:
        bound = sq.sum() / (n if steps.mean else 1)
    else:
        bound = sq.max() * (1 if steps.mean else k)
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        rate = (1.0 / scale) ** 2 / (curvature * bound)  # 1 / (c · scale² · bound)
    if not rate > 0 or not np.isfinite(rate):
        raise DataError(
            f"the features reach |x| = {scale if scale != 1.0 else np.sqrt(sq.max()):.3g}: "
            "no float64 step can train on values that large (the step that cannot overshoot "
            f"is {rate:.3g}, and updates of smaller features vanish beside them); standardise "
            "the features first (e.g. sklearn.preprocessing.StandardScaler)"
        )
    return float(rate)
