r"""Exercise checkers: run a student's function against the lecture's rule, update by update.

Each checker takes a student's function, calls it on small seeded data next to a
reference, and returns a :class:`Report` that says, in the student's language (``"es"``
or ``"en"``), where the function first disagrees and which common mistake explains it::

    >>> import numpy as np
    >>> from neurona.exercises import check_update
    >>> def paso(w, b, x, t, eta):
    ...     y_hat = 1.0 if x @ w + b > 0 else 0.0
    ...     return w + eta * (y_hat - t) * x, b + eta * (y_hat - t)   # error flipped
    >>> report = check_update(paso, neuron="perceptron", rule="error")
    >>> bool(report), report.mistake
    (False, 'sign')
    >>> print(report.message)  # doctest: +NORMALIZE_WHITESPACE
    época 1, fila 1 (x = [2, -1], t = 1, z = 0): se esperaba w = [1, -0.5], b = 0.5;
    se obtuvo w = [-1, 0.5], b = -0.5. Pista: ¿invertiste el signo del error? El error es
    t − ŷ (no ŷ − t) y la regla suma η·(t − ŷ)·x a w.

The reference is the lecture's rule, written once for every neuron (the error ``e`` of
:mod:`neurona.neurons`, the rows of a step from :mod:`neurona.modes`):

.. math::

    \hat y^{[i]} = \sigma(\mathbf{x}^{[i]\top} \mathbf{w} + b), \quad
    \mathbf{w} \leftarrow \mathbf{w} + \eta\, r \sum_{i \in S} (t^{[i]} - \hat y^{[i]})
    \mathbf{x}^{[i]}, \quad
    b \leftarrow b + \eta\, r \sum_{i \in S} (t^{[i]} - \hat y^{[i]})

(lecture, "Regla de aprendizaje del perceptrón" and "Gradiente descendente estocástico";
:math:`S` is one row online, all rows in batch mode, ``batch_size`` rows in minibatch mode
— "Modo Batch", "Modo minibatch"; :math:`r = 1` for the perceptron, which sums as the
lecture's :math:`\Delta\mathbf{w}` does, and :math:`1/|S|` for the other neurons, whose
step is the gradient of the mean loss :math:`L = \frac{1}{2n}\sum_i (\hat y^{[i]} -
t^{[i]})^2`).

Targets as the student's function receives them (``T`` is float64):

================  ===================  =====================================================
neuron            targets ``t``        :math:`\hat y` in the error
================  ===================  =====================================================
``perceptron``    {0, 1} (``error``)   ``[z > 0]``: :math:`e = t - \hat y`
                  ±1 (``margin``)      update :math:`\eta\, t\, x` where :math:`t z \le 0`
``adaline``       ±1                   :math:`z` (the linear output)
``linear``        real                 :math:`z`
``logistic``      {0, 1}               :math:`\sigma(z) = 1 / (1 + e^{-z})`
================  ===================  =====================================================

How a checker finds the first wrong update: every call gets the *reference's* weights
(copies: the student may change them in place), so one wrong update is reported where it
happens and not everywhere after it. :func:`check_epoch` also calls the student's epoch on
the first rows of the data (``X[:k]``, after each row or minibatch), so it names the row
(online) or the minibatch whose update first goes wrong, even when later updates make up
for it. The hint names the known mistaken variant of the rule whose result equals the
student's at that call and at the calls after it (so that two variants that agree at one
call are told apart); ``Report.mistake`` is its key:

===================  ==================================================  =======================
``mistake``          the student ...                                     checkers
===================  ==================================================  =======================
``sign``             flipped the error (``ŷ − t``)                       update, epoch
``no_bias``          never updated ``b``, or left it out of ``z``        all
``no_eta``           left out η                                          update, epoch
``t_only``           used ``t`` for ``t − ŷ``                            update, epoch, gradient
``every_row``        updated every row (margin rule)                     update, epoch
``rule_at_zero``     mixed up the perceptron's rules at ``z = 0``        update, epoch, gradient
``threshold``        took ADALINE's error on the class                   update, epoch, gradient
``z_not_sigma``      took the logistic error on ``z``, not ``σ(z)``      update, epoch, gradient
``no_half``          doubled the step (no 1/2 in the loss)               update, epoch
``online_in_batch``  moved the weights during a (mini)batch pass         epoch
``sum_not_mean``     summed a mean step (``mean_not_sum``: the reverse)  epoch
``whole_batch``      made one batch of a minibatch epoch                 epoch
``last_dropped``     dropped the short last minibatch                    epoch
``last_k``           divided the short last minibatch by ``k``           epoch
``loss_sum``         summed the loss; ``loss_no_half``,                  loss
                     ``loss_sum_no_half``: left out the 1/2;
                     ``loss_sign``, ``loss_swapped``: the log loss's
                     minus sign, its two terms
``grad_sign``        returned −∇L; ``grad_sum``, ``grad_no_half``:       gradient
                     summed, doubled
``ge_at_zero``       predicted the positive class at ``z = 0``           prediction
``raw_z``            returned ``z``; ``labels``: the other labels;       prediction
                     ``class_not_prob``, ``one_minus``: the logistic
                     class, ``1 − σ(z)``
``unknown``          none of these                                       all
===================  ==================================================  =======================

The checkers never raise for the student's sake: a function that raises
``NotImplementedError`` (an unsolved stub) gives a failed report saying that it is not
implemented yet, any other exception a failed report naming it and the call, so a
notebook with unsolved exercises still runs. A wrong argument to the checker itself (an
unknown neuron, mode, rule or language) is the notebook author's mistake and raises
:class:`neurona.errors.ParameterError`.

Use a report in a plain ``assert report, report.message``, with
``report.raise_if_failed()`` (raises :class:`ExerciseError`, an ``AssertionError``), or
let Jupyter show it (``_repr_markdown_``). ``course/grading/`` has an otter-grader
example.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import NeuronaError, ParameterError
from .estimators import ESTIMATORS
from .modes import MODES, Mode
from .neurons import (
    ADALINE,
    LINEAR,
    LOGISTIC,
    PERCEPTRON_ERROR,
    PERCEPTRON_MARGIN,
    Neuron,
    loss_and_gradient,
)

__all__ = [
    "ExerciseError",
    "Report",
    "check_epoch",
    "check_gradient",
    "check_loss",
    "check_prediction",
    "check_update",
]

LANGUAGES = ("es", "en")
#: rows of the seeded data, epochs of check_epoch, online epochs of check_update
N_ROWS, N_EPOCHS, N_UPDATE_EPOCHS = 20, 3, 2
#: (w, b) points at which predictions, losses and gradients are checked
N_POINTS = 3
#: a result agrees with the reference within these (a loop and a matrix product differ)
RTOL, ATOL = 1e-6, 1e-9


# ------------------------------------------------------------------------------ report
class ExerciseError(NeuronaError, AssertionError):
    """A checked exercise failed; the message is the report's (``Report.raise_if_failed``).

    An ``AssertionError``, so test runners (pytest, otter-grader, nbgrader) count it as a
    failed test, and a :class:`neurona.errors.NeuronaError`.
    """


@dataclass(frozen=True)
class Report:
    """What a checker found.

    Attributes
    ----------
    passed : bool
        Whether the student's function agrees with the reference everywhere it was tried.
        ``bool(report)`` is this, so ``assert report, report.message`` works.
    message : str
        In the language asked for: what agreed, or where it first went wrong, what was
        expected and obtained, and a hint.
    mistake : str or None
        The common mistake that explains the difference (``"sign"``, ``"no_bias"``,
        ``"no_eta"``, ``"rule_at_zero"``, ``"online_in_batch"``, ``"sum_not_mean"``,
        ``"no_half"``, ...), ``"not_implemented"``, ``"exception"``, ``"bad_return"``,
        ``"unknown"`` when no known mistake matches, or None when passed.
    where : dict
        The first wrong call: ``epoch`` (from 1) and ``row`` (index into ``X``) of an
        online step, or ``step`` (the minibatch, from 1) and its ``rows`` (``start, stop``),
        or ``epoch`` alone (batch mode), or ``point`` (from 1) and, for a prediction,
        ``row``; empty when passed.
    """

    passed: bool
    message: str
    mistake: str | None = None
    where: dict[str, Any] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"Report(passed={self.passed}, message={self.message!r})"

    def _repr_markdown_(self) -> str:
        text = self.message.replace("*", r"\*").replace("_", r"\_")
        return ("✅ " if self.passed else "❌ ") + text

    def raise_if_failed(self) -> Report:
        """Return the report if it passed; raise :class:`ExerciseError` with its message if not."""
        if not self.passed:
            raise ExerciseError(self.message)
        return self


class _Stop(Exception):
    """Internal: the check ends here with this report."""

    def __init__(self, report: Report):
        super().__init__(report.message)
        self.report = report


# ------------------------------------------------------------------------------ texts
_TEXT: dict[str, dict[str, str]] = {
    "es": {
        "not_implemented": "La función {fn} todavía no está implementada (lanza "
        "NotImplementedError): complétala y vuelve a ejecutar esta celda.",
        "raised": "{where}: tu función lanzó {exc} al llamarla como {call}.",
        "returned_none": "{where}: tu función devolvió None; debe devolver {what}.",
        "bad_return": "{where}: tu función debe devolver {what}; devolvió {got}.",
        "bad_shape": "{where}: {name} debe tener forma {expected}; tiene forma {got}.",
        "mismatch": "{where}: se esperaba {expected}; se obtuvo {got}.",
        "hint": "Pista: {hint}",
        "passed_updates": "Correcto: las {count} actualizaciones coinciden con la referencia "
        "({what}).",
        "passed_epochs": "Correcto: las {count} épocas coinciden con la referencia ({what}).",
        "passed_points": "Correcto: coincide con la referencia en los {count} puntos ({what}).",
        "epoch_row": "época {epoch}, fila {row} (x = {x}, t = {t}, z = {z})",
        "epoch_batch": "época {epoch}, minilote {batch} (filas {start}–{last})",
        "epoch_all": "época {epoch} (lote completo de {n} filas)",
        "point": "punto {k} de {count} (w = {w}, b = {b})",
        "point_row": "punto {k} de {count} (w = {w}, b = {b}), fila {row} (x = {x}, z = {z})",
        "with": "con",
        "rows_of": "X de forma {shape}",
        "pair": "una tupla (w, b)",
        "vector": "un vector ŷ de forma ({n},)",
        "number": "un número (la pérdida)",
        "grad_pair": "una tupla (grad_w, grad_b)",
        "mode": "modo {name}",
        "batch_size": "k = {k}",
    },
    "en": {
        "not_implemented": "The function {fn} is not implemented yet (it raises "
        "NotImplementedError): complete it and run this cell again.",
        "raised": "{where}: your function raised {exc} when called as {call}.",
        "returned_none": "{where}: your function returned None; it must return {what}.",
        "bad_return": "{where}: your function must return {what}; it returned {got}.",
        "bad_shape": "{where}: {name} must have shape {expected}; it has shape {got}.",
        "mismatch": "{where}: expected {expected}; got {got}.",
        "hint": "Hint: {hint}",
        "passed_updates": "Correct: all {count} updates match the reference ({what}).",
        "passed_epochs": "Correct: all {count} epochs match the reference ({what}).",
        "passed_points": "Correct: it matches the reference at all {count} points ({what}).",
        "epoch_row": "epoch {epoch}, row {row} (x = {x}, t = {t}, z = {z})",
        "epoch_batch": "epoch {epoch}, minibatch {batch} (rows {start}–{last})",
        "epoch_all": "epoch {epoch} (full batch of {n} rows)",
        "point": "point {k} of {count} (w = {w}, b = {b})",
        "point_row": "point {k} of {count} (w = {w}, b = {b}), row {row} (x = {x}, z = {z})",
        "with": "with",
        "rows_of": "X of shape {shape}",
        "pair": "a tuple (w, b)",
        "vector": "a vector ŷ of shape ({n},)",
        "number": "a number (the loss)",
        "grad_pair": "a tuple (grad_w, grad_b)",
        "mode": "{name} mode",
        "batch_size": "k = {k}",
    },
}

_UNIT_LABEL: dict[Neuron, dict[str, str]] = {
    PERCEPTRON_ERROR: {"es": "perceptrón, regla del error", "en": "perceptron, error rule"},
    PERCEPTRON_MARGIN: {"es": "perceptrón, regla del margen", "en": "perceptron, margin rule"},
    ADALINE: {"es": "ADALINE", "en": "ADALINE"},
    LINEAR: {"es": "regresión lineal", "en": "linear regression"},
    LOGISTIC: {"es": "neurona logística", "en": "logistic neuron"},
}

#: mistake -> hint; (mistake, neuron) -> a hint worded for that neuron
_HINTS: dict[Any, dict[str, str]] = {
    "sign": {
        "es": "¿invertiste el signo del error? El error es t − ŷ (no ŷ − t) y la regla suma "
        "η·(t − ŷ)·x a w.",
        "en": "did you flip the sign of the error? The error is t − ŷ (not ŷ − t) and the "
        "rule adds η·(t − ŷ)·x to w.",
    },
    ("sign", PERCEPTRON_MARGIN): {
        "es": "¿invertiste el signo? La regla del margen suma η·t·x a w (y η·t a b) cuando "
        "t·z ≤ 0.",
        "en": "did you flip the sign? The margin rule adds η·t·x to w (and η·t to b) when "
        "t·z ≤ 0.",
    },
    "no_bias": {
        "es": "¿olvidaste el sesgo? b también se actualiza: b ← b + η·(t − ŷ), y entra en "
        "z = x·w + b.",
        "en": "did you forget the bias? b is updated too: b ← b + η·(t − ŷ), and it enters "
        "z = x·w + b.",
    },
    ("no_bias", "z"): {
        "es": "¿olvidaste el sesgo? z = x·w + b incluye b.",
        "en": "did you forget the bias? z = x·w + b includes b.",
    },
    ("no_bias", "gradient"): {
        "es": "¿olvidaste el sesgo? z = x·w + b incluye b, y ∂L/∂b = −(1/n)·Σ(t − ŷ) no es cero.",
        "en": "did you forget the bias? z = x·w + b includes b, and ∂L/∂b = −(1/n)·Σ(t − ŷ) "
        "is not zero.",
    },
    "no_eta": {
        "es": "¿olvidaste la tasa de aprendizaje η? La actualización es w ← w + η·(t − ŷ)·x.",
        "en": "did you forget the learning rate η? The update is w ← w + η·(t − ŷ)·x.",
    },
    "t_only": {
        "es": "¿usaste t en vez de t − ŷ? El error es la diferencia entre el objetivo y la "
        "salida.",
        "en": "did you use t instead of t − ŷ? The error is the target minus the output.",
    },
    "every_row": {
        "es": "¿actualizaste en todas las filas? La regla del margen solo actualiza cuando "
        "t·z ≤ 0 (fila mal clasificada o sobre la frontera).",
        "en": "did you update on every row? The margin rule updates only when t·z ≤ 0 (a "
        "row misclassified or on the boundary).",
    },
    ("rule_at_zero", PERCEPTRON_ERROR): {
        "es": "¿confundiste las dos reglas del perceptrón en z = 0? La regla del error predice "
        "ŷ = 1 solo si z > 0 (desigualdad estricta), así que una fila de clase 0 con z = 0 "
        "no actualiza; actualizar ahí es la regla del margen (t·z ≤ 0).",
        "en": "did you mix up the two perceptron rules at z = 0? The error rule predicts "
        "ŷ = 1 only if z > 0 (strict inequality), so a class-0 row with z = 0 makes no "
        "update; updating there is the margin rule (t·z ≤ 0).",
    },
    ("rule_at_zero", PERCEPTRON_MARGIN): {
        "es": "¿confundiste las dos reglas del perceptrón en z = 0? La regla del margen "
        "actualiza cuando t·z ≤ 0, también con z = 0 y sea cual sea la clase; usar t·z < 0 "
        "o ŷ = [z > 0] es la regla del error.",
        "en": "did you mix up the two perceptron rules at z = 0? The margin rule updates "
        "when t·z ≤ 0, also at z = 0 and whatever the class; t·z < 0 or ŷ = [z > 0] is the "
        "error rule.",
    },
    "z_not_sigma": {
        "es": "¿usaste z en vez de σ(z)? La neurona logística calcula el error con "
        "ŷ = σ(z) = 1/(1 + e^(−z)).",
        "en": "did you use z instead of σ(z)? The logistic neuron takes the error with "
        "ŷ = σ(z) = 1/(1 + e^(−z)).",
    },
    "threshold": {
        "es": "¿umbralizaste la salida? ADALINE calcula el error con la salida lineal ŷ = z, "
        "no con la clase (eso es el perceptrón).",
        "en": "did you threshold the output? ADALINE takes the error on the linear output "
        "ŷ = z, not on the class (that is the perceptron).",
    },
    "no_half": {
        "es": "¿multiplicaste por 2? Con la pérdida L = 1/(2n)·Σ(ŷ − t)², el factor 1/2 "
        "cancela el 2 de la derivada: w ← w + η·(t − ŷ)·x.",
        "en": "did you multiply by 2? With the loss L = 1/(2n)·Σ(ŷ − t)², the factor 1/2 "
        "cancels the 2 of the derivative: w ← w + η·(t − ŷ)·x.",
    },
    "online_in_batch": {
        "es": "¿actualizaste los pesos durante la pasada del lote? En modo batch se acumulan "
        "Δw y Δb con los pesos del inicio del lote y se aplican una sola vez al final "
        "(w ← w + Δw, b ← b + Δb).",
        "en": "did you update the weights during the batch pass? In batch mode Δw and Δb are "
        "accumulated with the weights from the start of the batch and applied once at its "
        "end (w ← w + Δw, b ← b + Δb).",
    },
    "sum_not_mean": {
        "es": "¿sumaste en vez de promediar? El paso usa la media sobre las filas del lote: "
        "divide Δw y Δb por su número de filas.",
        "en": "did you sum instead of averaging? The step takes the mean over the rows of the "
        "batch: divide Δw and Δb by its number of rows.",
    },
    "mean_not_sum": {
        "es": "¿promediaste en vez de sumar? El perceptrón suma las actualizaciones de las "
        "filas del lote (Δw ← Δw + η·(t − ŷ)·x), sin dividir.",
        "en": "did you average instead of summing? The perceptron sums the updates of the rows "
        "of the batch (Δw ← Δw + η·(t − ŷ)·x), without dividing.",
    },
    "whole_batch": {
        "es": "¿usaste todo el conjunto como un solo lote? En modo minibatch cada minilote "
        "de k filas hace su propia actualización.",
        "en": "did you use the whole data set as one batch? In minibatch mode each minibatch "
        "of k rows makes its own update.",
    },
    "last_dropped": {
        "es": "¿descartaste el último minilote incompleto? Cuando k no divide a n, las filas "
        "que sobran forman un último minilote más pequeño, que también actualiza.",
        "en": "did you drop the last, incomplete minibatch? When k does not divide n, the "
        "remaining rows form a smaller last minibatch, which updates too.",
    },
    "last_k": {
        "es": "¿dividiste el último minilote por k? Se promedia sobre su número real de filas.",
        "en": "did you divide the last minibatch by k? It is averaged over its actual number "
        "of rows.",
    },
    "loss_sum": {
        "es": "¿sumaste en vez de promediar? La pérdida es la media sobre las n filas, "
        "L = (1/n)·Σ ℓ.",
        "en": "did you sum instead of averaging? The loss is the mean over the n rows, "
        "L = (1/n)·Σ ℓ.",
    },
    "loss_no_half": {
        "es": "¿falta el factor 1/2? La pérdida es L = 1/(2n)·Σ(ŷ − t)².",
        "en": "is the factor 1/2 missing? The loss is L = 1/(2n)·Σ(ŷ − t)².",
    },
    "loss_sum_no_half": {
        "es": "¿usaste 𝓛 = Σ(ŷ − t)²? Aquí la pérdida es la media con el factor 1/2: "
        "L = 1/(2n)·Σ(ŷ − t)².",
        "en": "did you use 𝓛 = Σ(ŷ − t)²? Here the loss is the mean with the factor 1/2: "
        "L = 1/(2n)·Σ(ŷ − t)².",
    },
    "loss_sign": {
        "es": "¿falta el signo menos? L = −(1/n)·Σ[t·log σ(z) + (1 − t)·log(1 − σ(z))] es "
        "positiva.",
        "en": "is the minus sign missing? L = −(1/n)·Σ[t·log σ(z) + (1 − t)·log(1 − σ(z))] "
        "is positive.",
    },
    "loss_swapped": {
        "es": "¿intercambiaste los términos? log σ(z) va con t y log(1 − σ(z)) con 1 − t.",
        "en": "did you swap the terms? log σ(z) goes with t and log(1 − σ(z)) with 1 − t.",
    },
    "grad_sign": {
        "es": "¿devolviste el gradiente negativo? ∇L = −(1/n)·Σ(t − ŷ)·x; la regla de "
        "aprendizaje suma η·(−∇L).",
        "en": "did you return the negative gradient? ∇L = −(1/n)·Σ(t − ŷ)·x; the learning "
        "rule adds η·(−∇L).",
    },
    "grad_sum": {
        "es": "¿sumaste en vez de promediar? El gradiente de la pérdida media lleva el "
        "factor 1/n.",
        "en": "did you sum instead of averaging? The gradient of the mean loss carries the "
        "factor 1/n.",
    },
    "grad_no_half": {
        "es": "¿falta el factor 1/2 de la pérdida? Con L = 1/(2n)·Σ(ŷ − t)² el gradiente es "
        "(1/n)·Σ(ŷ − t)·x, sin el 2.",
        "en": "is the loss's factor 1/2 missing? With L = 1/(2n)·Σ(ŷ − t)² the gradient is "
        "(1/n)·Σ(ŷ − t)·x, without the 2.",
    },
    "ge_at_zero": {
        "es": "¿usaste z ≥ 0? La clase positiva se predice solo si z > 0 (desigualdad "
        "estricta): con z = 0 se predice la clase negativa.",
        "en": "did you use z ≥ 0? The positive class is predicted only if z > 0 (strict "
        "inequality): at z = 0 the negative class is predicted.",
    },
    "raw_z": {
        "es": "¿devolviste z sin aplicar el umbral? La predicción es la clase: ŷ = [z > 0].",
        "en": "did you return z without the threshold? The prediction is the class: ŷ = [z > 0].",
    },
    ("raw_z", LOGISTIC): {
        "es": "¿devolviste z? La neurona logística predice la probabilidad σ(z) = 1/(1 + e^(−z)).",
        "en": "did you return z? The logistic neuron predicts the probability "
        "σ(z) = 1/(1 + e^(−z)).",
    },
    "labels": {
        "es": "¿usaste las etiquetas equivocadas? El perceptrón predice 0 y 1; ADALINE, −1 y 1.",
        "en": "did you use the wrong labels? The perceptron predicts 0 and 1; ADALINE, −1 and 1.",
    },
    "class_not_prob": {
        "es": "¿devolviste la clase en vez de la probabilidad? Aquí ŷ = σ(z), un número "
        "entre 0 y 1.",
        "en": "did you return the class instead of the probability? Here ŷ = σ(z), a number "
        "between 0 and 1.",
    },
    "one_minus": {
        "es": "¿usaste σ(−z) = 1 − σ(z)? σ(z) = 1/(1 + e^(−z)) es la probabilidad de la clase 1.",
        "en": "did you use σ(−z) = 1 − σ(z)? σ(z) = 1/(1 + e^(−z)) is the probability of class 1.",
    },
    "unknown": {
        "es": "ninguno de los errores frecuentes explica la diferencia: repasa la fórmula "
        "paso a paso.",
        "en": "none of the usual mistakes explains the difference: go through the formula "
        "step by step.",
    },
}


def _text(lang: str, key: str, **values: Any) -> str:
    return _TEXT[lang][key].format(**values)


def _hint(lang: str, mistake: str, unit: Neuron, context: str | None = None) -> str:
    """The hint worded for the checker (``context``), else for the neuron, else plain."""
    for key in ((mistake, context), (mistake, unit), mistake):
        if key in _HINTS:
            return _text(lang, "hint", hint=_HINTS[key][lang])
    raise KeyError(mistake)


# ------------------------------------------------------------------------------ numbers
def _num(x: float) -> str:
    x = float(x)
    return "0" if x == 0 else f"{x:.6g}"


def _fmt(a: Any) -> str:
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return _num(a)
    return "[" + ", ".join(_num(v) for v in a.ravel()) + "]"


def _close(got: Any, expected: Any) -> bool:
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    return got.shape == expected.shape and bool(
        np.allclose(got, expected, rtol=RTOL, atol=ATOL, equal_nan=False)
    )


def _pair_close(got: tuple, expected: tuple) -> bool:
    return all(_close(g, e) for g, e in zip(got, expected, strict=True))


# ------------------------------------------------------------------------------ arguments
def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ParameterError(f"lang={lang!r}: use one of {', '.join(map(repr, LANGUAGES))}")
    return lang


def _resolve(neuron: str, rule: str | None) -> Neuron:
    """The neuron of the estimator registered as ``neuron`` (with ``rule`` if it has one)."""
    if neuron not in ESTIMATORS:
        raise ParameterError(f"neuron={neuron!r}: use one of {', '.join(map(repr, ESTIMATORS))}")
    cls = ESTIMATORS[neuron]
    rules = getattr(cls, "_choices", {}).get("rule")
    if rules is None:
        if rule is not None:
            raise ParameterError(f"rule={rule!r} applies to a neuron with rules only, "
                                 f"not to {neuron!r}; leave it out")  # fmt: skip
        return cls()._neuron()
    rule = "error" if rule is None else rule
    if rule not in rules:
        raise ParameterError(f"rule={rule!r}: use one of {', '.join(map(repr, rules))}")
    return cls(rule=rule)._neuron()


def _one_row_in_order() -> Mode:
    """The default mode: one row per update, every row once (the lecture's on-line mode)."""
    return next(m for m in MODES.values() if m.visits_all and m.rows(N_ROWS, N_ROWS) == 1)


def _resolve_mode(mode: str | None) -> Mode:
    if mode is None:
        return _one_row_in_order()
    if mode not in MODES:
        raise ParameterError(f"mode={mode!r}: use one of {', '.join(map(repr, MODES))}")
    chosen = MODES[mode]
    if not chosen.visits_all:
        raise ParameterError(
            f"mode={mode!r} draws its rows at random, so an epoch has no single right "
            "answer; check its one-row step with check_update"
        )
    return chosen


def _is_identity(unit: Neuron) -> bool:
    return unit in (ADALINE, LINEAR)


# ------------------------------------------------------------------------------ data
@dataclass(frozen=True)
class _Data:
    X: np.ndarray  # (n, m)
    T: np.ndarray  # (n,)
    eta: float


def _targets(unit: Neuron, X: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    score = X @ rng.normal(size=X.shape[1]) + rng.normal(scale=0.5, size=len(X))
    if unit.targets is None:
        return np.round(score + 0.5, 2)
    negative, positive = unit.targets
    T = np.where(score > 0, positive, negative)
    T[0], T[1] = negative, positive  # from zero weights both classes meet z = 0
    return T


def _data(unit: Neuron, seed: int) -> _Data:
    """Small seeded data: integer features for the perceptron (z = 0 happens), η = 0.5;
    two-decimal Gaussian features otherwise, η = 0.1. Rows 0 and 1 are of the negative and
    the positive class (from zero weights both meet z = 0)."""
    rng = np.random.default_rng(seed)
    if unit.mistake_driven:
        X = rng.integers(-2, 3, size=(N_ROWS, 2)).astype(float)
        X[0], X[1] = [1.0, 2.0], [2.0, -1.0]  # nonzero, so the first updates show
        X[-1] = X[-2] = [-1.0, 1.0]
        T = _targets(unit, X, rng)
        T[-2:] = unit.targets  # a contradictory last pair: every epoch's last step updates
        return _Data(X, T, 0.5)
    X = np.round(rng.normal(size=(N_ROWS, 3)), 2)
    return _Data(X, _targets(unit, X, rng), 0.1)


def _points(unit: Neuron, m: int, rng: np.random.Generator) -> list[tuple[np.ndarray, float]]:
    """(w, b) points with w and b nonzero (so a forgotten bias shows at the first).

    The perceptron's are integers, so that rows with z = 0 occur on integer data; b is
    never −1, where leaving b out of ``[z > 0]`` would read exactly as ``[z ≥ 0]``."""
    if unit.mistake_driven:
        return [(rng.integers(1, 3, size=m) * rng.choice([-1.0, 1.0], size=m),
                 float(rng.choice([-2.0, 1.0, 2.0]))) for _ in range(N_POINTS)]  # fmt: skip
    return [(np.round(rng.normal(size=m), 2), float(np.round(rng.normal(), 2)) or 0.5)
            for _ in range(N_POINTS)]  # fmt: skip


# ------------------------------------------------------------------------------ rules
ErrorFn = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _error_fn(unit: Neuron) -> ErrorFn:
    return lambda z, t: unit.error(z, t)


#: per neuron: (mistake, error) — the error ``e(z, t)`` a common mistake computes
_WRONG_ERRORS: dict[Neuron, list[tuple[str, ErrorFn]]] = {
    PERCEPTRON_ERROR: [
        ("t_only", lambda z, t: t),
        ("rule_at_zero", lambda z, t: np.where(z >= 0, t - 1, t)),
    ],
    PERCEPTRON_MARGIN: [
        ("every_row", lambda z, t: t),
        ("rule_at_zero", lambda z, t: np.where(t * z < 0, t, 0 * t)),
        ("rule_at_zero", lambda z, t: np.where(np.where(z > 0, 1.0, -1.0) != t, t, 0 * t)),
    ],
    ADALINE: [
        ("t_only", lambda z, t: t),
        ("threshold", lambda z, t: t - np.where(z > 0, 1.0, -1.0)),
    ],
    LINEAR: [("t_only", lambda z, t: t)],
    LOGISTIC: [("t_only", lambda z, t: t), ("z_not_sigma", lambda z, t: t - z)],
}


def _run_epoch(
    error: ErrorFn,
    w: np.ndarray,
    b: float,
    X: np.ndarray,
    T: np.ndarray,
    eta: float,
    *,
    step: int,
    mean: bool,
    bias: bool = True,
    scale: float = 1.0,
    per_row: bool = False,
    last: str = "own",
) -> tuple[np.ndarray, float]:
    r"""One epoch of the lecture's rule over ``X`` (n, m), ``T`` (n,), from ``(w, b)``.

    Steps of ``step`` rows in order; each adds :math:`\eta\, r \sum_S e_i x_i` to ``w``
    and :math:`\eta\, r \sum_S e_i` to ``b``, with :math:`r = 1/|S|` if ``mean``. The other
    arguments make the known mistakes: ``bias=False`` never moves ``b``; ``scale`` flips or
    doubles the step; ``per_row`` moves the weights after each row of a step (online inside
    a batch); ``last="drop"`` skips a short last step, ``last="k"`` divides it by ``step``.
    """
    w, b = np.array(w, dtype=float), float(b)
    n = len(X)
    for start in range(0, n, step):
        stop = min(start + step, n)
        if stop - start < step and last == "drop":
            break
        r = 1.0 / (step if last == "k" else stop - start) if mean else 1.0
        for rows in (
            [slice(i, i + 1) for i in range(start, stop)] if per_row else [slice(start, stop)]
        ):
            e = error(X[rows] @ w + b, T[rows])
            w = w + scale * eta * r * (X[rows].T @ e)
            b = b + scale * eta * r * float(np.sum(e)) if bias else b
    return w, b


def _epoch_variants(unit: Neuron, n: int, step: int, mean: bool) -> list[tuple[str, dict]]:
    """The known mistakes of an epoch of ``step``-row steps, as ``_run_epoch`` overrides."""
    out: list[tuple[str, dict]] = [
        ("sign", {"scale": -1.0}),
        ("no_eta", {"eta": 1.0}),
        ("no_bias", {"bias": False}),
    ]
    out += [(key, {"error": fn}) for key, fn in _WRONG_ERRORS[unit]]
    if _is_identity(unit):
        out.append(("no_half", {"scale": 2.0}))
    if step > 1:
        out += [("online_in_batch", {"per_row": True}),
                ("online_in_batch", {"per_row": True, "mean": False}),
                ("mean_not_sum" if not mean else "sum_not_mean", {"mean": not mean})]  # fmt: skip
    if 1 < step < n:
        out.append(("whole_batch", {"step": n}))
        if n % step:
            out.append(("last_dropped", {"last": "drop"}))
            if mean:
                out.append(("last_k", {"last": "k"}))
    return out


# ------------------------------------------------------------------------------ calling
def _fn_name(f: Callable) -> str:
    return getattr(f, "__name__", None) or repr(f)


def _call(f: Callable, args: tuple, kwargs: dict, *, lang: str, where: str, call: str) -> Any:
    """``f(*args, **kwargs)`` on copies; an exception becomes a failed report (``_Stop``)."""
    args = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return f(*args, **kwargs)
    except NotImplementedError:
        raise _Stop(Report(False, _text(lang, "not_implemented", fn=_fn_name(f)),
                           "not_implemented")) from None  # fmt: skip
    except Exception as exc:  # the student's exception, reported in words
        text = _text(lang, "raised", where=where, exc=f"{type(exc).__name__}: {exc}", call=call)
        raise _Stop(Report(False, text, "exception")) from None


def _bad(lang: str, where: str, what: str, value: Any) -> _Stop:
    if value is None:
        return _Stop(Report(False, _text(lang, "returned_none", where=where, what=what),
                            "bad_return"))  # fmt: skip
    got = type(value).__name__
    return _Stop(Report(False, _text(lang, "bad_return", where=where, what=what, got=got),
                        "bad_return"))  # fmt: skip


def _as_array(value: Any, shape: tuple[int, ...], name: str, *, lang: str, where: str,
              what: str) -> np.ndarray:  # fmt: skip
    """``value`` as a float array of ``shape`` (any shape of the same size is taken: the
    lecture keeps w as a column and b as a 1-element array)."""
    try:
        a = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise _bad(lang, where, what, value) from None
    if a.shape != shape:
        if a.size != int(np.prod(shape)):
            text = _text(lang, "bad_shape", where=where, name=name, expected=shape, got=a.shape)
            raise _Stop(Report(False, text, "bad_return"))
        a = a.reshape(shape)
    return a


def _as_pair(value: Any, m: int, names: tuple[str, str], *, lang: str, where: str,
             what: str) -> tuple[np.ndarray, float]:  # fmt: skip
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise _bad(lang, where, what, value)
    w = _as_array(value[0], (m,), names[0], lang=lang, where=where, what=what)
    b = _as_array(value[1], (), names[1], lang=lang, where=where, what=what)
    return w, float(b)


def _mismatch(lang: str, where: str, expected: str, got: str, mistake: str, unit: Neuron,
              location: dict, context: str | None = None) -> Report:  # fmt: skip
    text = _text(lang, "mismatch", where=where, expected=expected, got=got)
    return Report(False, f"{text} {_hint(lang, mistake, unit, context)}", mistake, location)


Candidates = list[tuple[str, Callable[[], Any]]]


def _same(got: Any, value: Any) -> bool:
    return _pair_close(got, value) if isinstance(got, tuple) else _close(got, value)


def _explain(observations: Iterator[tuple[Any, Candidates]]) -> str:
    """The mistake whose variant gives the student's result at the first wrong call and at
    the calls after it, as far as they tell the candidates apart ("unknown" if no variant
    gives the first wrong result).

    ``observations`` yields ``(got, candidates)``: the student's result of a call and each
    variant's result of the same call, the first wrong call first; a later call that no
    remaining variant explains (a second mistake) is passed over.
    """
    keys: list[str] = []
    alive: list[int] = []
    for got, candidates in observations:
        with np.errstate(all="ignore"):
            matching = [j for j, (_, result) in enumerate(candidates)
                        if (not keys or j in alive) and _same(got, result())]  # fmt: skip
        if not keys:
            if not matching:
                return "unknown"
            keys = [key for key, _ in candidates]
        alive = matching or alive
        if len({keys[j] for j in alive}) == 1:
            break
    return keys[alive[0]]


def _checker(fn: Callable[..., Report]) -> Callable[..., Report]:
    """Validate ``lang``; turn an internal stop into its report."""

    @functools.wraps(fn)
    def wrapper(f: Callable, *, lang: str = "es", **kwargs: Any) -> Report:
        _check_lang(lang)
        try:
            return fn(f, lang=lang, **kwargs)
        except _Stop as stop:
            return stop.report

    return wrapper


def _wb(w: np.ndarray, b: float) -> str:
    return f"w = {_fmt(w)}, b = {_num(b)}"


# ------------------------------------------------------------------------------ checkers
@_checker
def check_update(
    f: Callable, *, neuron: str, rule: str | None = None, lang: str = "es", seed: int = 0
) -> Report:
    r"""Check one online step ``f(w, b, x, t, eta) -> (w, b)`` on one row.

    The lecture's "Regla de aprendizaje del perceptrón" / "Gradiente descendente
    estocástico": :math:`\hat y = \sigma(x^\top w + b)`,
    :math:`w \leftarrow w + \eta (t - \hat y) x`, :math:`b \leftarrow b + \eta (t - \hat y)`
    (the margin rule: :math:`w \leftarrow w + \eta\, t\, x` and :math:`b \leftarrow b +
    \eta\, t` when :math:`t z \le 0`, the lecture's pseudo-code).

    ``f`` is called for every row of two online epochs over 20 seeded rows, each time with
    the reference's weights before that row, and must return the weights after it.

    Parameters
    ----------
    f : callable
        ``f(w, b, x, t, eta)`` with ``w`` (m,) float64, ``b`` float, ``x`` (m,) float64,
        ``t`` float (encoded as the table of :mod:`neurona.exercises` says), ``eta``
        float; returns ``(w, b)``: ``w`` of m numbers (shape (m,), or (m, 1) as the
        lecture's class keeps it) and ``b`` one number.
    neuron : {"perceptron", "adaline", "linear", "logistic"}
    rule : {"error", "margin"} or None
        The perceptron's rule (None: ``"error"``, the lecture's NumPy class); other
        neurons take none.
    lang : {"es", "en"}
        Language of the report.
    seed : int
        Seeds the data.

    Returns
    -------
    Report

    Raises
    ------
    neurona.errors.ParameterError
        An unknown ``neuron``, ``rule`` or ``lang`` (never for the student's function).
    """
    unit = _resolve(neuron, rule)
    data = _data(unit, seed)
    X, T, eta = data.X, data.T, data.eta
    ref, variants = _error_fn(unit), _epoch_variants(unit, 1, 1, False)
    cases = list(_online_cases(ref, data))

    def ask(epoch: int, i: int, w: np.ndarray, b: float) -> tuple[np.ndarray, float]:
        x, t = X[i], float(T[i])
        where = _text(lang, "epoch_row", epoch=epoch, row=i, x=_fmt(x), t=_num(t),
                      z=_num(x @ w + b))  # fmt: skip
        call = (f"{_fn_name(f)}(w, b, x, t, eta) {_text(lang, 'with')} {_wb(w, b)}, "
                f"x = {_fmt(x)}, t = {_num(t)}, eta = {_num(eta)}")  # fmt: skip
        value = _call(f, (w, b, x, t, eta), {}, lang=lang, where=where, call=call)
        return _as_pair(value, len(x), ("w", "b"), lang=lang, where=where,
                        what=_text(lang, "pair"))  # fmt: skip

    def step(i: int, w: np.ndarray, b: float, **mistake: Any) -> tuple[np.ndarray, float]:
        return _run_epoch(**{"error": ref, "w": w, "b": b, "X": X[i : i + 1],
                             "T": T[i : i + 1], "eta": eta, "step": 1, "mean": False,
                             **mistake})  # fmt: skip

    def observations(k: int, got: Any) -> Iterator[tuple[Any, Candidates]]:
        for j, (epoch, i, w, b) in enumerate(cases[k:]):
            try:
                seen = got if j == 0 else ask(epoch, i, w, b)
            except _Stop:
                return
            yield seen, [(key, functools.partial(step, i, w, b, **kw)) for key, kw in variants]

    for k, (epoch, i, w, b) in enumerate(cases):
        got, expected = ask(epoch, i, w, b), step(i, w, b)
        if not _pair_close(got, expected):
            where = _text(lang, "epoch_row", epoch=epoch, row=i, x=_fmt(X[i]), t=_num(T[i]),
                          z=_num(X[i] @ w + b))  # fmt: skip
            return _mismatch(lang, where, _wb(*expected), _wb(*got),
                             _explain(observations(k, got)), unit,
                             {"epoch": epoch, "row": i})  # fmt: skip
    what = _UNIT_LABEL[unit][lang]
    return Report(True, _text(lang, "passed_updates", count=len(cases), what=what))


def _online_cases(ref: ErrorFn, data: _Data) -> Iterator[tuple[int, int, np.ndarray, float]]:
    """``(epoch, row, w, b)`` of each step of the reference's online epochs, with the
    weights before it."""
    w, b = np.zeros(data.X.shape[1]), 0.0
    for epoch in range(1, N_UPDATE_EPOCHS + 1):
        for i in range(len(data.X)):
            yield epoch, i, w, b
            w, b = _run_epoch(ref, w, b, data.X[i : i + 1], data.T[i : i + 1], data.eta,
                              step=1, mean=False)  # fmt: skip


@_checker
def check_epoch(
    f: Callable,
    *,
    neuron: str,
    mode: str | None = None,
    rule: str | None = None,
    batch_size: int = 6,
    lang: str = "es",
    seed: int = 0,
) -> Report:
    r"""Check one training epoch ``f(w, b, X, T, eta) -> (w, b)`` in a mode.

    The lecture's modes ("Modo On-line", "Modo Batch", "Modo minibatch"): the rows in
    order, one update per row (online), one update per epoch from
    :math:`\Delta w = \eta\, r \sum_i (t_i - \hat y_i) x_i` with the weights of the start
    of the epoch (batch), or one such update per minibatch of ``batch_size`` rows, the last
    one keeping the ``n % batch_size`` remaining rows (minibatch). :math:`r = 1` for the
    perceptron (the lecture's :math:`\Delta w` sums) and :math:`1 / |S|`, the rows of the
    step, for the other neurons (the gradient of the mean loss).

    ``f`` is called for three epochs over 20 seeded rows, each with the reference's weights
    at the start of the epoch (zeros first), and, in online and minibatch mode, on the
    epoch's first rows too (``X[:k]``, ``T[:k]``, after each row or minibatch): the report
    names the first row (online) or minibatch whose update goes wrong, even where a later
    update makes up for it (as a perceptron's often does).

    Parameters
    ----------
    f : callable
        ``f(w, b, X, T, eta)`` (and ``batch_size=k`` as a keyword in minibatch mode) with
        ``w`` (m,), ``b`` float, ``X`` (n, m), ``T`` (n,) float64 (targets as the table of
        :mod:`neurona.exercises` says), ``eta`` float; returns ``(w, b)`` after the epoch.
    neuron : {"perceptron", "adaline", "linear", "logistic"}
    mode : {"online", "batch", "minibatch"} or None
        None: ``"online"``. ``"random"`` (online II) draws its rows at random and is refused:
        check its step with :func:`check_update`.
    rule : {"error", "margin"} or None
        The perceptron's rule (None: ``"error"``).
    batch_size : int
        ``k`` of minibatch mode (6: 20 rows make three minibatches of 6 and one of 2).
    lang : {"es", "en"}
    seed : int

    Returns
    -------
    Report

    Raises
    ------
    neurona.errors.ParameterError
        An unknown ``neuron``, ``mode``, ``rule`` or ``lang``, or ``batch_size`` < 1.
    """
    unit, chosen = _resolve(neuron, rule), _resolve_mode(mode)
    if not isinstance(batch_size, int | np.integer) or batch_size < 1:
        raise ParameterError(f"batch_size={batch_size!r}: use a positive integer")
    data = _data(unit, seed)
    X, T, eta = data.X, data.T, data.eta
    n, m = X.shape
    step, mean = chosen.rows(n, batch_size), unit.reduction == "mean"
    kwargs = {"batch_size": int(batch_size)} if chosen.rows(n, 1) != chosen.rows(n, n) else {}
    ref, variants = _error_fn(unit), _epoch_variants(unit, n, step, mean)
    stops = [*range(step, n, step), n]  # where each step of an epoch ends

    def run(w: np.ndarray, b: float, stop: int, **mistake: Any) -> tuple[np.ndarray, float]:
        return _run_epoch(**{"error": ref, "w": w, "b": b, "X": X[:stop], "T": T[:stop],
                             "eta": eta, "step": step, "mean": mean, **mistake})  # fmt: skip

    def ask(w: np.ndarray, b: float, stop: int, where: str) -> tuple[np.ndarray, float]:
        extra = "".join(f", {k}={v}" for k, v in kwargs.items())
        call = (f"{_fn_name(f)}(w, b, X, T, eta{extra}) {_text(lang, 'with')} {_wb(w, b)}, "
                f"{_text(lang, 'rows_of', shape=(stop, m))}, eta = {_num(eta)}")  # fmt: skip
        value = _call(f, (w, b, X[:stop], T[:stop], eta), kwargs, lang=lang, where=where,
                      call=call)  # fmt: skip
        return _as_pair(value, m, ("w", "b"), lang=lang, where=where, what=_text(lang, "pair"))

    def place(epoch: int, stop: int, w: np.ndarray, b: float) -> tuple[str, dict]:
        """The words and the ``where`` of the step of ``epoch`` that ends at ``stop``."""
        if len(stops) == 1:
            return _text(lang, "epoch_all", epoch=epoch, n=n), {"epoch": epoch}
        start = stop - (stop - 1) % step - 1
        if step == 1:
            w_before, b_before = run(w, b, start)
            z = X[start] @ w_before + b_before
            return _text(lang, "epoch_row", epoch=epoch, row=start, x=_fmt(X[start]),
                         t=_num(T[start]), z=_num(z)), {"epoch": epoch, "row": start}  # fmt: skip
        batch = start // step + 1
        return (_text(lang, "epoch_batch", epoch=epoch, batch=batch, start=start,
                      last=stop - 1),
                {"epoch": epoch, "step": batch, "rows": (start, stop)})  # fmt: skip

    starts = [(np.zeros(m), 0.0)]
    for _ in range(N_EPOCHS - 1):
        starts.append(run(*starts[-1], n))

    calls = [(epoch, w, b, stop) for epoch, (w, b) in enumerate(starts, 1) for stop in stops]

    def observations(k: int, got: Any) -> Iterator[tuple[Any, Candidates]]:
        for j, (_, w, b, stop) in enumerate(calls[k:]):
            try:
                seen = got if j == 0 else ask(w, b, stop, "")
            except _Stop:
                return
            yield seen, [(key, functools.partial(run, w, b, stop, **kw)) for key, kw in variants]

    for k, (epoch, w, b, stop) in enumerate(calls):
        where, location = place(epoch, stop, w, b)
        got, expected = ask(w, b, stop, where), run(w, b, stop)
        if not _pair_close(got, expected):
            mistake = _explain(observations(k, got))
            return _mismatch(lang, where, _wb(*expected), _wb(*got), mistake, unit, location)
    what = _UNIT_LABEL[unit][lang] + ", " + _text(lang, "mode", name=chosen.name)
    if kwargs:
        what += ", " + _text(lang, "batch_size", k=batch_size)
    return Report(True, _text(lang, "passed_epochs", count=N_EPOCHS, what=what))


# ------------------------------------------------------------------------------ points
def _classes(unit: Neuron) -> tuple[float, float]:
    """The classes a prediction reads: the perceptron's {0, 1} (the lecture's forward),
    ADALINE's targets ±1."""
    return (0.0, 1.0) if unit.mistake_driven else unit.targets or (0.0, 1.0)


def _predict(unit: Neuron, X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    z = X @ w + b
    if unit is LOGISTIC:
        return unit.output(z)
    if unit.targets is None:
        return z
    negative, positive = _classes(unit)
    return np.where(z > 0, positive, negative)


def _prediction_variants(unit: Neuron, X, w, b) -> list[tuple[str, Callable[[], Any]]]:
    z = X @ w + b
    out = [("no_bias", lambda: _predict(unit, X, w, 0.0))]
    if unit is LOGISTIC:
        return [*out, ("raw_z", lambda: z), ("class_not_prob", lambda: np.where(z > 0, 1.0, 0.0)),
                ("one_minus", lambda: 1 - unit.output(z))]  # fmt: skip
    if unit.targets is None:
        return out
    negative, positive = _classes(unit)
    other = -1.0 if negative == 0 else 0.0
    return [*out, ("ge_at_zero", lambda: np.where(z >= 0, positive, negative)),
            ("raw_z", lambda: z),
            ("labels", lambda: np.where(z > 0, positive, other))]  # fmt: skip


def _prediction_data(unit: Neuron, seed: int) -> tuple[np.ndarray, list]:
    """Integer rows and points for classifiers (rows with z = 0 exist at the first point)."""
    rng = np.random.default_rng(seed)
    if unit.targets is not None and unit is not LOGISTIC:
        X = rng.integers(-2, 3, size=(N_ROWS, 2)).astype(float)
        points = _points(PERCEPTRON_ERROR, 2, rng)
        w, b = points[0]
        X[1] = [-b / w[0], 0.0]  # z = 0 at row 1 of the first point
        return X, points
    return np.round(rng.normal(size=(N_ROWS, 3)), 2), _points(unit, 3, rng)


@_checker
def check_prediction(f: Callable, *, neuron: str, lang: str = "es", seed: int = 0) -> Report:
    r"""Check a prediction ``f(X, w, b) -> ŷ`` of shape (n,).

    :math:`z = X w + b` and (lecture, "Perceptrón" and "Regresión lineal"):

    * perceptron: :math:`\hat y = [z > 0] \in \{0, 1\}` (the lecture's ``forward``,
      ``np.where(linear > 0., 1, 0)``);
    * adaline: the class :math:`\hat y = 1` if :math:`z > 0` else :math:`-1` (its targets);
    * linear: :math:`\hat y = z`;
    * logistic: the probability :math:`\hat y = \sigma(z) = 1 / (1 + e^{-z})`.

    ``f`` is called at three seeded points ``(w, b)`` on 20 rows; the report names the
    first point and row that differ.

    Parameters
    ----------
    f : callable
        ``f(X, w, b)`` with ``X`` (n, m) float64, ``w`` (m,), ``b`` float; returns n
        numbers (shape (n,), or (n, 1) as the lecture's ``forward``).
    neuron : {"perceptron", "adaline", "linear", "logistic"}
    lang : {"es", "en"}
    seed : int

    Returns
    -------
    Report

    Raises
    ------
    neurona.errors.ParameterError
        An unknown ``neuron`` or ``lang``.
    """
    unit = _resolve(neuron, None)
    X, points = _prediction_data(unit, seed)
    n = len(X)

    def ask(k: int, w: np.ndarray, b: float) -> np.ndarray:
        where = _text(lang, "point", k=k, count=len(points), w=_fmt(w), b=_num(b))
        call = (f"{_fn_name(f)}(X, w, b) {_text(lang, 'with')} {_wb(w, b)}, "
                + _text(lang, "rows_of", shape=X.shape))  # fmt: skip
        value = _call(f, (X, w, b), {}, lang=lang, where=where, call=call)
        return _as_array(value, (n,), "ŷ", lang=lang, where=where,
                         what=_text(lang, "vector", n=n))  # fmt: skip

    for k, (w, b) in enumerate(points, 1):
        got, expected = ask(k, w, b), _predict(unit, X, w, b)
        if _close(got, expected):
            continue
        i = int(np.flatnonzero(~np.isclose(got, expected, rtol=RTOL, atol=ATOL))[0])
        mistake = _explain(_point_observations(
            lambda j, w, b: ask(j, w, b), points, k, got,
            lambda w, b: _prediction_variants(unit, X, w, b)))  # fmt: skip
        where = _text(lang, "point_row", k=k, count=len(points), w=_fmt(w), b=_num(b), row=i,
                      x=_fmt(X[i]), z=_num(X[i] @ w + b))  # fmt: skip
        return _mismatch(lang, where, f"ŷ = {_num(expected[i])}", f"ŷ = {_num(got[i])}",
                         mistake, unit, {"point": k, "row": i}, "z")  # fmt: skip
    what = _UNIT_LABEL[unit][lang].split(",")[0]
    return Report(True, _text(lang, "passed_points", count=len(points), what=what))


def _point_observations(ask, points, k, got, variants) -> Iterator[tuple[Any, Candidates]]:
    """The student's result at point ``k`` (from 1), then at each later point, beside each
    variant's result there."""
    for j, (w, b) in enumerate(points[k - 1 :], k):
        try:
            seen = got if j == k else ask(j, w, b)
        except _Stop:
            return
        yield seen, variants(w, b)


def _loss_gradient(unit: Neuron, error: ErrorFn, X, T, w, b) -> tuple[np.ndarray, float]:
    """Gradient of the mean loss with ``error`` as :math:`-\\partial \\ell / \\partial z`."""
    e = error(X @ w + b, T)
    return -(X.T @ e) / len(X), -float(np.sum(e)) / len(X)


def _loss_variants(unit, X, T, w, b) -> list[tuple[str, Callable[[], Any]]]:
    z = X @ w + b
    out = [("loss_sum", lambda: unit.loss(z, T).sum()),
           ("no_bias", lambda: unit.loss(X @ w, T).mean())]  # fmt: skip
    if _is_identity(unit):
        out += [("loss_no_half", lambda: 2 * unit.loss(z, T).mean()),
                ("loss_sum_no_half", lambda: 2 * unit.loss(z, T).sum())]  # fmt: skip
    if unit is LOGISTIC:
        out += [("loss_sign", lambda: -unit.loss(z, T).mean()),
                ("loss_swapped", lambda: unit.loss(z, 1 - T).mean())]  # fmt: skip
    return out


def _gradient_variants(unit, X, T, w, b) -> list[tuple[str, Callable[[], Any]]]:
    n = len(X)
    ref = _loss_gradient(unit, _error_fn(unit), X, T, w, b)
    out = [("grad_sign", lambda: (-ref[0], -ref[1])),
           ("grad_sum", lambda: (n * ref[0], n * ref[1])),
           ("no_bias", lambda: (ref[0], 0.0)),
           ("no_bias", lambda: _loss_gradient(unit, _error_fn(unit), X, T, w, 0.0))]  # fmt: skip
    if _is_identity(unit):
        out.append(("grad_no_half", lambda: (2 * ref[0], 2 * ref[1])))
    for key, fn in _WRONG_ERRORS[unit]:
        out.append((key, functools.partial(_loss_gradient, unit, fn, X, T, w, b)))
    return out


def _point_checks(f, unit, seed, lang, *, expect, variants, convert, show, context) -> Report:
    """Call ``f(w, b, X, T)`` at each seeded point; report the first that differs."""
    data = _data(unit, seed)
    X, T = data.X, data.T
    points = _points(unit, X.shape[1], np.random.default_rng(seed + 1))

    def ask(k: int, w: np.ndarray, b: float) -> Any:
        where = _text(lang, "point", k=k, count=len(points), w=_fmt(w), b=_num(b))
        call = (f"{_fn_name(f)}(w, b, X, T) {_text(lang, 'with')} {_wb(w, b)}, "
                + _text(lang, "rows_of", shape=X.shape))  # fmt: skip
        return convert(_call(f, (w, b, X, T), {}, lang=lang, where=where, call=call), where)

    for k, (w, b) in enumerate(points, 1):
        got, expected = ask(k, w, b), expect(X, T, w, b)
        if not _same(got, expected):
            mistake = _explain(_point_observations(
                ask, points, k, got, lambda w, b: variants(unit, X, T, w, b)))  # fmt: skip
            where = _text(lang, "point", k=k, count=len(points), w=_fmt(w), b=_num(b))
            return _mismatch(
                lang, where, show(expected), show(got), mistake, unit, {"point": k}, context
            )
    return Report(True, _text(lang, "passed_points", count=len(points),
                              what=_UNIT_LABEL[unit][lang]))  # fmt: skip


@_checker
def check_loss(
    f: Callable, *, neuron: str, rule: str | None = None, lang: str = "es", seed: int = 0
) -> Report:
    r"""Check a loss ``f(w, b, X, T) -> float``: the mean loss over the rows.

    With :math:`z_i = x_i^\top w + b`:

    * adaline, linear: :math:`L = \frac{1}{2n} \sum_i (z_i - t_i)^2` (the lecture's loss
      "escalada por un factor de 1/2 por conveniencia");
    * logistic: :math:`L = -\frac{1}{n} \sum_i [t_i \log \sigma(z_i) + (1 - t_i)
      \log(1 - \sigma(z_i))]`;
    * perceptron: the perceptron criterion :math:`\frac{1}{n} \sum_i \max(0, -s_i z_i)`
      with :math:`s_i = t_i` (margin rule, ±1) or :math:`2 t_i - 1` (error rule, {0, 1}).

    The reference is :func:`neurona.neurons.loss_and_gradient`, at three seeded points.

    Parameters
    ----------
    f : callable
        ``f(w, b, X, T)`` with ``w`` (m,), ``b`` float, ``X`` (n, m), ``T`` (n,); returns
        one number.
    neuron : {"perceptron", "adaline", "linear", "logistic"}
    rule : {"error", "margin"} or None
        The perceptron's rule, which sets its targets (None: ``"error"``).
    lang : {"es", "en"}
    seed : int

    Returns
    -------
    Report

    Raises
    ------
    neurona.errors.ParameterError
        An unknown ``neuron``, ``rule`` or ``lang``.
    """
    unit = _resolve(neuron, rule)

    def expect(X, T, w, b):
        return loss_and_gradient(unit, X, T[:, None], w[:, None], np.array([b]))[0]

    def convert(value, where):
        return float(_as_array(value, (), "L", lang=lang, where=where,
                               what=_text(lang, "number")))  # fmt: skip

    return _point_checks(f, unit, seed, lang, expect=expect, variants=_loss_variants,
                         convert=convert, show=lambda v: f"L = {_num(v)}",
                         context="z")  # fmt: skip


@_checker
def check_gradient(
    f: Callable, *, neuron: str, rule: str | None = None, lang: str = "es", seed: int = 0
) -> Report:
    r"""Check a gradient ``f(w, b, X, T) -> (grad_w, grad_b)`` of the mean loss.

    The loss is :func:`check_loss`'s; its gradient (lecture, "La derivada estaría dada
    por", with the factor 1/2):

    .. math::

        \nabla_w L = -\frac{1}{n} \sum_i (t_i - \hat y_i)\, x_i, \qquad
        \frac{\partial L}{\partial b} = -\frac{1}{n} \sum_i (t_i - \hat y_i),

    with :math:`\hat y = z` (adaline, linear) or :math:`\sigma(z)` (logistic); for the
    perceptron, the subgradient its rule steps along (:math:`t - \hat y` of the error
    rule, :math:`t\,[t z \le 0]` of the margin rule). The reference is
    :func:`neurona.neurons.loss_and_gradient`, at three seeded points.

    Parameters
    ----------
    f : callable
        ``f(w, b, X, T)`` with ``w`` (m,), ``b`` float, ``X`` (n, m), ``T`` (n,); returns
        ``(grad_w, grad_b)``: m numbers and one number.
    neuron : {"perceptron", "adaline", "linear", "logistic"}
    rule : {"error", "margin"} or None
        The perceptron's rule (None: ``"error"``).
    lang : {"es", "en"}
    seed : int

    Returns
    -------
    Report

    Raises
    ------
    neurona.errors.ParameterError
        An unknown ``neuron``, ``rule`` or ``lang``.
    """
    unit = _resolve(neuron, rule)

    def expect(X, T, w, b):
        _, gw, gb = loss_and_gradient(unit, X, T[:, None], w[:, None], np.array([b]))
        return gw[:, 0], float(gb[0])

    m = _data(unit, seed).X.shape[1]

    def convert(value, where):
        return _as_pair(value, m, ("grad_w", "grad_b"), lang=lang, where=where,
                        what=_text(lang, "grad_pair"))  # fmt: skip

    return _point_checks(
        f, unit, seed, lang, expect=expect, variants=_gradient_variants, convert=convert,
        show=lambda v: f"grad_w = {_fmt(v[0])}, grad_b = {_num(v[1])}", context="gradient",
    )  # fmt: skip
