r"""The single-layer neurons: how each one turns a net input into an error.

Every neuron computes the net input :math:`z = x^\top w + b` and learns by the same
rule (DESIGN.md, "The one idea")

.. math::

    e_i = t_i - \sigma_{fit}(z_i), \qquad
    w \leftarrow w + \eta\, r \sum_{i \in S} e_i x_i, \qquad
    b \leftarrow b + \eta\, r \sum_{i \in S} e_i,

where :math:`S` is the set of rows of one step (chosen by the mode) and :math:`r` is 1
(``reduction="sum"``) or :math:`1/|S|` (``reduction="mean"``). Neurons differ only in how
labels become targets :math:`t`, in :math:`\sigma_{fit}` and in the loss they report.

Margin rule vs error rule
-------------------------
Both perceptron rules make the same update whenever the row is misclassified with
:math:`z \ne 0`. They differ at :math:`z = 0` exactly:

* margin rule (lecture's pseudo-code, targets :math:`\pm 1`): updates when
  :math:`t z \le 0`, so a row with :math:`z = 0` is corrected *whatever its class*;
* error rule (lecture's NumPy/PyTorch class, targets :math:`\{0, 1\}`):
  :math:`\hat y = [z > 0]`, so :math:`z = 0` reads as class 0 and only a class-1 row is
  corrected; a class-0 row at :math:`z = 0` makes no update.

From :math:`w = 0, b = 0` the first row therefore always updates under the margin rule, but
under the error rule only if it belongs to class 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = ["ADALINE", "LINEAR", "NEURONS", "PERCEPTRON_ERROR", "PERCEPTRON_MARGIN", "Neuron"]

ErrorKind = Literal["margin", "threshold", "identity"]


@dataclass(frozen=True)
class Neuron:
    """A neuron spec: data, not behaviour; the backends read ``error``.

    Attributes
    ----------
    name : str
        Registry key.
    error : {"margin", "threshold", "identity"}
        How the error of one row is computed from its net input ``z`` and target ``t``:
        ``margin``: ``e = t if t*z <= 0 else 0``; ``threshold``: ``e = t - [z > 0]``;
        ``identity``: ``e = t - z``.
    targets : (negative, positive) or None
        How the two classes are encoded as targets (None for regression).
    loss : {"perceptron", "squared"}
        What ``history_["loss"]`` reports: the perceptron criterion ``max(0, -s*z)``
        with ``s = ±1`` the signed class, or half the squared error ``(z - t)**2 / 2``.
    reduction : {"sum", "mean"}
        Default reduction of a multi-row step.
    """

    name: str
    error: ErrorKind
    targets: tuple[float, float] | None
    loss: Literal["perceptron", "squared"]
    reduction: Literal["sum", "mean"]

    @property
    def is_classifier(self) -> bool:
        return self.targets is not None

    @property
    def target_midpoint(self) -> float:
        """A target above this value encodes the positive class."""
        neg, pos = self.targets or (0.0, 0.0)
        return (neg + pos) / 2.0


PERCEPTRON_MARGIN = Neuron("perceptron-margin", "margin", (-1.0, 1.0), "perceptron", "sum")
PERCEPTRON_ERROR = Neuron("perceptron-error", "threshold", (0.0, 1.0), "perceptron", "sum")
ADALINE = Neuron("adaline", "identity", (-1.0, 1.0), "squared", "mean")
LINEAR = Neuron("linear", "identity", None, "squared", "mean")

NEURONS: dict[str, Neuron] = {
    n.name: n for n in (PERCEPTRON_MARGIN, PERCEPTRON_ERROR, ADALINE, LINEAR)
}


def errors(neuron: Neuron, Z: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Error ``e = t - σ_fit(z)`` of each row, elementwise; same shape as ``Z``."""
    if neuron.error == "margin":
        return np.where(T * Z <= 0, T, np.zeros_like(T))
    if neuron.error == "threshold":
        return T - (Z > 0).astype(Z.dtype)
    return T - Z


def losses(neuron: Neuron, Z: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Loss of each entry, elementwise; ``history_["loss"]`` is their mean."""
    if neuron.loss == "perceptron":
        signed = T if neuron.error == "margin" else 2 * T - 1
        return np.maximum(0, -signed * Z)
    return 0.5 * (Z - T) ** 2


def n_correct(neuron: Neuron, Z: np.ndarray, T: np.ndarray) -> int:
    """Rows whose class is read correctly from ``Z`` (threshold, or argmax for one-vs-rest)."""
    if Z.shape[1] == 1:
        return int(np.count_nonzero((Z[:, 0] > 0) == (T[:, 0] > neuron.target_midpoint)))
    return int(np.count_nonzero(Z.argmax(axis=1) == T.argmax(axis=1)))


def loss_and_gradient(
    neuron: Neuron, X: np.ndarray, T: np.ndarray, W: np.ndarray, b: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    r"""Mean loss over rows and outputs, and its gradient with respect to ``W`` and ``b``.

    Parameters
    ----------
    X : (n_samples, n_features)
    T : (n_samples, n_outputs)
        Targets, encoded as the neuron expects (see ``Neuron.targets``).
    W : (n_features, n_outputs)
    b : (n_outputs,)

    Returns
    -------
    loss : float
        :math:`L = \frac{1}{nK}\sum_{i,k} \ell(z_{ik}, t_{ik})`.
    grad_W : (n_features, n_outputs)
    grad_b : (n_outputs,)

    Notes
    -----
    The learning rule's error is the negative derivative of the row loss with respect to
    ``z``: :math:`e = -\partial \ell / \partial z` (for the perceptron criterion, the
    subgradient at ``z = 0`` that the rule picks). Hence
    :math:`\nabla_W L = -X^\top E / (nK)` and one batch step with mean reduction is
    exactly gradient descent on :math:`L` (times ``K``, which is 1 but for one-vs-rest).
    """
    Z = X @ W + b
    E = errors(neuron, Z, T)
    scale = 1.0 / (Z.shape[0] * Z.shape[1])
    return float(losses(neuron, Z, T).sum() * scale), -(X.T @ E) * scale, -E.sum(axis=0) * scale
