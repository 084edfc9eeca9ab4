r"""The single-layer neurons: what each one does with a net input, written once.

Every neuron computes the net input :math:`z = x^\top w + b` and learns by the same
rule (DESIGN.md, "The one idea")

.. math::

    e_i = t_i - \sigma_{fit}(z_i), \qquad
    w \leftarrow w + \eta\, r \sum_{i \in S} e_i x_i, \qquad
    b \leftarrow b + \eta\, r \sum_{i \in S} e_i,

where :math:`S` is the set of rows of one step (chosen by the mode) and :math:`r` is 1
(``reduction="sum"``) or :math:`1/|S|` (``reduction="mean"``). Neurons differ only in how
labels become targets :math:`t`, in :math:`\sigma_{fit}` and in the loss they report; each
:class:`Neuron` carries those as methods, written once over an array namespace ``xp``
(``numpy`` or ``torch``: both spell ``where``, ``zeros_like``, ``exp``, ``abs`` and
``log1p`` alike), so the NumPy and PyTorch backends run the same text. The compiled
backend keeps scalar versions in one table keyed by :attr:`Neuron.name`
(``neurona.backends.numba``; tests/test_architecture.py checks them against these).

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

Adding a neuron
---------------
Subclass :class:`Neuron` with ``error`` and ``loss`` (and ``output`` if :math:`\sigma` is
not the identity), add an instance to :data:`NEURONS`, and give the compiled backend its
scalar version (its table is keyed by the name; a test says when one is missing).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

import numpy as np

__all__ = [
    "ADALINE",
    "LINEAR",
    "LOGISTIC",
    "NEURONS",
    "PERCEPTRON_ERROR",
    "PERCEPTRON_MARGIN",
    "Neuron",
    "Terms",
    "loss_and_gradient",
]

Array = Any  # a NumPy array or a torch tensor, as ``xp`` says


@dataclass(frozen=True)
class Neuron:
    """A neuron: how labels become targets, its error, its loss, how its output reads.

    Attributes
    ----------
    name : str
        Registry key (:data:`NEURONS`).
    targets : (negative, positive) or None
        How the two classes of a binary problem (or each one-vs-rest column) are encoded
        as targets; None for regression, whose targets are the values themselves.
    reduction : {"sum", "mean"}
        Default reduction of a multi-row step.
    mistake_driven : bool
        A row's error is zero unless the neuron gets the row wrong (or, for a margin rule,
        not right by enough), so the weights change only on such rows (the perceptrons).
        Then an epoch that visits every row without an update has converged (no later
        epoch can change the weights), and ``history_`` counts the updates of each epoch.
    curvature : float
        An upper bound on the second derivative of the row loss in ``z`` (1 for half the
        squared error, 1/4 for the log loss): ``learning_rate="auto"`` divides its safe
        step by it. Piecewise-linear losses (the perceptron criterion) have none; they
        take 1, a step on the data's own scale (from zero weights their mistakes do not
        depend on the step). Must be positive.
    sigma : str
        :math:`\\sigma_{fit}` and the loss, written out for tables (``"z"``,
        ``"[z > 0]"``, ...); ``loss_formula`` likewise.
    """

    name: str
    targets: tuple[float, float] | None
    reduction: Literal["sum", "mean"]
    mistake_driven: bool = False
    curvature: float = 1.0
    sigma: str = "z"
    loss_formula: str = "(z − t)² / 2"

    def __post_init__(self) -> None:
        if not self.curvature > 0:
            raise ValueError(
                f"Neuron {self.name!r}: curvature must be positive, not {self.curvature!r} "
                "(use 1 for a piecewise-linear loss)"
            )

    @property
    def is_classifier(self) -> bool:
        return self.targets is not None

    @property
    def target_midpoint(self) -> float:
        """A target above this value encodes the positive class."""
        neg, pos = self.targets or (0.0, 0.0)
        return (neg + pos) / 2.0

    # behaviour, elementwise over (rows, outputs); subclasses define error and loss ----------
    def error(self, Z: Array, T: Array, xp: ModuleType = np) -> Array:
        """``e = t - σ_fit(z)`` of each entry; same shape and dtype as ``Z``."""
        raise NotImplementedError

    def loss(self, Z: Array, T: Array, xp: ModuleType = np) -> Array:
        """The loss of each entry (``history_["loss"]`` is their mean); NaN propagates."""
        raise NotImplementedError

    def output(self, Z: Array, xp: ModuleType = np) -> Array:
        """``σ(z)``, the neuron's output read as a value (identity unless overridden)."""
        return Z

    def n_correct(self, Z: Array, T: Array) -> int:
        """Rows whose class is read correctly from ``Z``: ``z > 0`` against ``t >`` the
        target midpoint for one output, the largest ``z`` against the largest ``t`` for
        one-vs-rest (first index on ties, as ``argmax``)."""
        if Z.shape[1] == 1:
            right = (Z[:, 0] > 0) == (T[:, 0] > self.target_midpoint)
        else:
            right = Z.argmax(1) == T.argmax(1)
        return int(right.sum())


def _positive_part(V: Array, xp: ModuleType) -> Array:
    """``max(0, v)`` with NaN kept (``where(v <= 0, 0, v)``: NaN <= 0 is False)."""
    return xp.where(V <= 0, xp.zeros_like(V), V)


@dataclass(frozen=True)
class _MarginPerceptron(Neuron):
    """Targets ±1; a row with ``t·z <= 0`` is wrong and its error is ``t``."""

    def error(self, Z, T, xp=np):
        return xp.where(T * Z <= 0, T, xp.zeros_like(T))

    def loss(self, Z, T, xp=np):
        return _positive_part(-T * Z, xp)


@dataclass(frozen=True)
class _ThresholdPerceptron(Neuron):
    """Targets {0, 1}; ``ŷ = [z > 0]`` and ``e = t - ŷ``."""

    def error(self, Z, T, xp=np):
        return xp.where(Z > 0, T - 1, T)

    def loss(self, Z, T, xp=np):
        return _positive_part(-(2 * T - 1) * Z, xp)


@dataclass(frozen=True)
class _Identity(Neuron):
    """``σ_fit(z) = z``: the error is the residual, the loss half its square."""

    def error(self, Z, T, xp=np):
        return T - Z

    def loss(self, Z, T, xp=np):
        return 0.5 * (Z - T) ** 2


@dataclass(frozen=True)
class _Logistic(Neuron):
    r"""Targets {0, 1}; :math:`\sigma(z) = 1 / (1 + e^{-z})`, log loss, ``e = t - σ(z)``.

    With the signed class :math:`y = 2t - 1` and :math:`u = y z`, the error is
    :math:`e = y\,\sigma(-u)` and the loss :math:`\log(1 + e^{-u})`; both are computed
    from :math:`s = e^{-|u|}` (never :math:`e^{+|u|}`, which overflows), so they are exact
    to rounding for every finite :math:`z`: :math:`e = y s / (1 + s)` for :math:`u > 0`,
    :math:`y / (1 + s)` otherwise, and :math:`\ell = \max(-u, 0) + \log(1 + s)`.
    (scikit-learn's ``log_loss`` replaces :math:`e` by :math:`y` for :math:`u < -18` and by
    :math:`y e^{-u}` for :math:`u > 18`, relative changes below :math:`2 \cdot 10^{-8}`.)
    """

    def error(self, Z, T, xp=np):
        Y = 2 * T - 1
        U = Y * Z
        S = xp.exp(-xp.abs(U))
        return Y * xp.where(U > 0, S, xp.ones_like(S)) / (1 + S)

    def loss(self, Z, T, xp=np):
        U = (2 * T - 1) * Z
        return _positive_part(-U, xp) + xp.log1p(xp.exp(-xp.abs(U)))

    def output(self, Z, xp=np):
        """``σ(z)``, the probability of the positive class: ``1 / (1 + e^{-z})``."""
        S = xp.exp(-xp.abs(Z))
        return xp.where(Z >= 0, xp.ones_like(S), S) / (1 + S)


PERCEPTRON_MARGIN = _MarginPerceptron(
    "perceptron-margin", (-1.0, 1.0), "sum", mistake_driven=True,
    sigma="t if t·z ≤ 0 else 0", loss_formula="max(0, −t·z)",
)  # fmt: skip
PERCEPTRON_ERROR = _ThresholdPerceptron(
    "perceptron-error", (0.0, 1.0), "sum", mistake_driven=True,
    sigma="[z > 0]", loss_formula="max(0, −(2t − 1)·z)",
)  # fmt: skip
ADALINE = _Identity("adaline", (-1.0, 1.0), "mean")
LINEAR = _Identity("linear", None, "mean")
LOGISTIC = _Logistic(
    "logistic", (0.0, 1.0), "mean", curvature=0.25,
    sigma="1 / (1 + e^−z)", loss_formula="−t·log σ(z) − (1 − t)·log(1 − σ(z))",
)  # fmt: skip

#: every neuron, by name: the one place a neuron is listed
NEURONS: dict[str, Neuron] = {
    n.name: n for n in (PERCEPTRON_MARGIN, PERCEPTRON_ERROR, ADALINE, LINEAR, LOGISTIC)
}


@dataclass
class Terms:
    r"""What a gradient update does beyond the lecture's rule, as scikit-learn's SGD
    (``sklearn/linear_model/_sgd_fast.pyx.tp``, ``_plain_sgd``, and the ``WeightVector``
    of ``sklearn/utils/_weight_vector.pyx.tp``) does it, with the state these terms carry
    through one training call (one ``fit``, or one ``partial_fit``).

    At each step :math:`t` (0-based; scikit-learn counts from 1) with rate
    :math:`\eta_t`, after the net inputs are taken at the weights before the step:

    1. L2 (``l2 = (1 - l1_ratio) α``): :math:`W \leftarrow c\, W` with
       :math:`c = \max(0, 1 - \eta_t\, l2)` (on every step, whether or not the step's
       error is 0);
    2. the lecture's update :math:`\Delta W` of :math:`W` and (with ``fit_intercept``)
       :math:`b`;
    3. averaging from step ``average`` (1-based, scikit-learn's ``average``; 0: none),
       with :math:`k = t + 2 - average` and :math:`\mu = 1/k`: the running mean
       :math:`ar W \leftarrow (1 - \mu) ar W + \mu W` (Polyak–Ruppert; with the
       perceptron, Freund and Schapire's averaged perceptron), kept as scikit-learn keeps
       it, :math:`ar W = (A + a W) / eta` (``aw``, ``average_a / wscale`` and
       ``average_b``): :math:`A \mathrel{-}= a\, \Delta W`, :math:`eta \mathrel{/}=
       (1 - \mu)` for :math:`k > 1`, :math:`a \mathrel{+}= \mu eta`, and step 1 divides
       :math:`a` by :math:`c`. The intercept's mean is plain: :math:`ar b \mathrel{+}=
       (b - ar b) / k`;
    4. L1 (``l1 = l1_ratio α``) by cumulative-penalty truncation (Tsuruoka, Tsujii and
       Ananiadou 2009, as scikit-learn): :math:`u \mathrel{+}= \eta_t\, l1`, then each
       :math:`w_j > 0` becomes :math:`\max(0, w_j - (u + q_j))`, each :math:`w_j < 0`
       becomes :math:`\min(0, w_j + (u - q_j))`, and :math:`q_j` accumulates the change.
       These changes bypass step 3's bookkeeping, so with L1 the average weighs them by
       :math:`a / eta` as scikit-learn's does (not exactly a running mean).

    The intercept is never penalised. Per output: ``u``, ``a``, ``beta`` (n_outputs,),
    ``q`` and ``A`` (n_features, n_outputs).
    """

    l2: float = 0.0
    l1: float = 0.0
    average: int = 0
    u: Any = None
    q: Any = None
    A: Any = None
    avg_b: Any = None
    a: Any = None
    beta: Any = None
    scale: Any = None

    #: scikit-learn's ``WeightVector`` resets its scale below this (``reset_wscale``)
    RESET = 1e-9
    #: the average is made explicit when ``a > GROWTH · β`` (neurona's rule; without a
    #: decay ``a = β``)
    GROWTH = 2.0

    @property
    def active(self) -> bool:
        return bool(self.l2 or self.l1 or self.average)

    def start(self, W: Any, b: Any, avg: tuple[Any, Any] | None = None) -> Terms:
        """The state of a new training call for ``W`` (n_features, n_outputs), ``b``: L1's
        ``u = 0`` and ``q = 0`` (as each call of scikit-learn's ``_plain_sgd``), the
        averages continued from ``avg = (W̄, b̄)`` (or zeros)."""
        zeros = np.zeros_like if isinstance(W, np.ndarray) else _torch_zeros_like
        self.u, self.q, self.a = zeros(b), zeros(W), zeros(b)
        self.beta, self.scale = zeros(b) + 1, zeros(b) + 1
        self.A, self.avg_b = (zeros(W), zeros(b)) if avg is None else (avg[0] + 0, avg[1] + 0)
        return self

    def state(self) -> list[Any]:
        return [self.u, self.q, self.A, self.avg_b, self.a, self.beta, self.scale]

    def column(self, k: int) -> Terms:
        """The terms of output ``k`` alone (views: their state stays shared)."""
        return Terms(self.l2, self.l1, self.average, self.u[k : k + 1], self.q[:, k : k + 1],
                     self.A[:, k : k + 1], self.avg_b[k : k + 1], self.a[k : k + 1],
                     self.beta[k : k + 1], self.scale[k : k + 1])  # fmt: skip

    def averages(self, W: Any) -> tuple[Any, Any]:
        """``(W̄, b̄)``: the averaged weights, given the plain ones ``W``."""
        return (self.A + self.a * W) / self.beta, self.avg_b + 0

    def decay(self, W: Any, eta: float) -> None:
        """Step 1 (L2), in place."""
        if not self.l2:
            return
        c = max(0.0, 1.0 - eta * self.l2)
        scale = self.scale * c
        # scikit-learn's reset_wscale: the average is made explicit (a = 0, β = 1) before
        # the scale reaches RESET, and (neurona, without L1) before a outgrows GROWTH·β,
        # so that the sum A + a W never cancels by more than a few digits. With L1 the
        # average is not a plain mean (step 4): where it is reset changes its value, so
        # scikit-learn's point alone is kept.
        reset = scale < self.RESET
        if not self.l1:
            reset = reset | (self.a > self.GROWTH * self.beta)
        if reset.any():
            explicit = (self.A + self.a * W) / self.beta
            self.A[:, reset] = explicit[:, reset]
            self.a[reset], self.beta[reset], scale[reset] = 0, 1, 1
        if c > 0.0:
            self.a /= c
        self.scale[...] = scale
        W *= c

    def after_step(self, W: Any, b: Any, eta: float, t: int, delta: Any) -> None:
        """Steps 3 and 4 above, in place, after the update ``delta`` (ΔW, or None for
        none) of step ``t``."""
        if self.average and t + 1 >= self.average:
            k = t + 2 - self.average
            mu = 1.0 / k
            if delta is not None:
                self.A -= self.a * delta
            if k > 1:
                self.beta /= 1.0 - mu
            self.a += mu * self.beta
            self.avg_b += (b - self.avg_b) / k
        if self.l1:
            self.u += eta * self.l1
            self.truncate(W)

    def truncate(self, W: Any) -> None:
        """L1's cumulative-penalty truncation of every weight (scikit-learn's
        ``l1penalty``), in place; ``q`` records what was taken."""
        u, q = self.u, self.q
        old = W.copy() if isinstance(W, np.ndarray) else W.clone()
        if isinstance(W, np.ndarray):
            shrunk = np.maximum(0, old - (u + q))
            grown = np.minimum(0, old + (u - q))
            W[...] = np.where(old > 0, shrunk, np.where(old < 0, grown, old))
        else:  # a torch tensor
            import torch

            shrunk = (old - (u + q)).clamp(min=0)
            grown = (old + (u - q)).clamp(max=0)
            W[...] = torch.where(old > 0, shrunk, torch.where(old < 0, grown, old))
        q += W - old


def _torch_zeros_like(a: Any) -> Any:
    import torch

    return torch.zeros_like(a)


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
    E = neuron.error(Z, T)
    scale = 1.0 / (Z.shape[0] * Z.shape[1])
    loss = float(neuron.loss(Z, T).sum() * scale)
    return loss, -(X.T @ E) * scale, -E.sum(axis=0) * scale
