"""Closed-form least squares (a solver, not a mode)."""

from __future__ import annotations

import numpy as np
import scipy.linalg

__all__ = ["fit_least_squares"]


def fit_least_squares(
    X: np.ndarray,
    Y: np.ndarray,
    *,
    solver: str = "lstsq",
    alpha: float = 0.0,
    fit_intercept: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise ``||X w + b - Y||² + alpha ||w||²``.

    Parameters
    ----------
    X : (n_samples, n_features)
    Y : (n_samples, n_outputs)

    Returns
    -------
    coef : (n_features, n_outputs)
    intercept : (n_outputs,)
        The intercept is handled by centring: ``b = mean(Y) - mean(X) @ coef``.
    """
    if solver not in ("lstsq", "auto") or alpha != 0.0:
        raise ValueError(f"solver={solver!r} with alpha={alpha!r} is not available yet")
    x_mean = X.mean(axis=0) if fit_intercept else np.zeros(X.shape[1], X.dtype)
    y_mean = Y.mean(axis=0) if fit_intercept else np.zeros(Y.shape[1], Y.dtype)
    coef = scipy.linalg.lstsq(X - x_mean, Y - y_mean, lapack_driver="gelsd")[0]
    return coef.astype(X.dtype, copy=False), (y_mean - x_mean @ coef).astype(X.dtype)
