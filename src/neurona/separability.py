r"""Linear separability: a certificate either way, the margin and Novikoff's bound.

The lecture's perceptron has a bias, so it works on augmented rows :math:`a_i = (x_i, 1)`
and signed targets :math:`s_i = \pm 1`. Write :math:`p_i = s_i a_i`. The data are linearly
separable exactly when some :math:`u = (w, b)` has :math:`p_i \cdot u > 0` for every row.

Geometry in one picture
-----------------------
For a unit vector :math:`u`, the smallest :math:`p_i \cdot u` is the *margin* of
:math:`u`. The best margin is the distance from the origin to the convex hull of the
:math:`p_i` (Gilbert's min-norm-point duality):

.. math::

    \gamma = \max_{\|u\| = 1} \min_i p_i \cdot u
           = \min_{\lambda \ge 0,\ \sum \lambda_i = 1} \Big\| \sum_i \lambda_i p_i \Big\|.

* If the origin is **outside** the hull, the nearest point :math:`p^*` of the hull gives
  the maximum-margin direction :math:`u = p^* / \|p^*\|` (a hard-margin SVM without
  intercept on the augmented rows).
* If the origin is **inside** the hull, the :math:`\lambda` with
  :math:`\sum_i \lambda_i s_i (x_i, 1) = 0` is a proof that no hyperplane separates the
  data (Farkas' lemma): the last coordinate says both classes carry the same total weight,
  so after dividing by it a convex combination of rows of one class *equals* a convex
  combination of rows of the other. A hyperplane that is positive on the first rows is
  positive on their average, and one that is non-positive on the second rows is
  non-positive on theirs; the average is the same point, so no hyperplane does both.

Novikoff's theorem
------------------
The margin rule (update when :math:`s_i\, u \cdot a_i \le 0`) started from :math:`u = 0`
makes at most :math:`(R / \gamma)^2` updates, for any learning rate :math:`\eta > 0` and
rows in any order, where :math:`R = \max_i \|(x_i, 1)\|` and :math:`\gamma` is the margin
above: :math:`k` updates give :math:`u_k \cdot u^* \ge k\eta\gamma` and
:math:`\|u_k\|^2 \le k \eta^2 R^2`, and Cauchy–Schwarz ends the proof.

How it is computed
------------------
The nearest point of the hull is a Least Distance Program (Lawson and Hanson, ch. 23)
solved by non-negative least squares (``scipy.optimize.nnls``) on a working set of rows
that grows by the worst-served rows until every row is checked. If the working set's
hull holds the origin, a linear program (``scipy.optimize.linprog``, HiGHS) finds the
convex combination that proves it; its basic solution uses at most ``n_features + 2``
rows (Carathéodory). With few features, a few rows that a least-squares plane gets most
wrong are tried first as "this row lies inside the other class's hull", the easiest proof
to read (a mislabelled row usually is). Every reported number is recomputed from the
returned hyperplane or witness over all rows, so the reported margin is attained.

More than two classes
---------------------
With :math:`K > 2` classes each class :math:`c` is checked against the rest (the rows of
every other class, labelled :class:`Rest`), which is what a one-vs-rest perceptron learns:
one certificate per class, either the maximum-margin plane that puts :math:`c` alone on
its positive side, or rows of :math:`c` and of the other classes whose hulls meet
(:class:`OneVsRestSeparability`, printed as a table). ``positive=c`` checks one class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.optimize

from ._validation import as_input, as_matrix
from .errors import DataError, DataTypeError

__all__ = [
    "OneVsRestSeparability",
    "Rest",
    "SeparabilityResult",
    "Witness",
    "check_separability",
]

#: the hull is taken to hold the origin when its distance to it is below this fraction of
#: the largest entry of the (standardized) rows

_RELATIVE_TOL = 1e-10
#: rows tried as "inside the other class's hull" before a longer witness is kept, and up to
#: how many features (in high dimension a row is seldom inside the hull: the tries cost time)
_ONE_ROW_TRIES = 4
_ONE_ROW_MAX_FEATURES = 20
#: rows added to the working set per round, as a multiple of n_features + 2
_GROWTH = 2

#: the languages of the reports
LANGUAGES = ("en", "es")
#: what rows and classes are called, in Spanish (plurals add an "s" in both languages)
_WORDS_ES = {"row": "fila", "class": "clase", "input": "entrada", "output": "salida"}


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return lang


@dataclass(frozen=True)
class Rest:
    """The negative side of a one-vs-rest check: every class but ``of``.

    Prints as ``not <of>`` (``no <of>`` with ``lang="es"``).
    """

    of: Any

    def text(self, lang: str = "en") -> str:
        return f"{'no' if _lang(lang) == 'es' else 'not'} {self.of}"

    def __str__(self) -> str:
        return self.text()


def _label(label: Any, lang: str) -> str:
    return label.text(lang) if isinstance(label, Rest) else str(label)


@dataclass(frozen=True)
class Witness:
    r"""A proof that no hyperplane separates two classes.

    ``point`` is a convex combination of the rows ``rows_a`` (class ``class_a``) with
    coefficients ``coef_a`` and also of the rows ``rows_b`` (class ``class_b``) with
    coefficients ``coef_b``: :math:`z = \sum_j c^a_j x_{a_j} = \sum_k c^b_k x_{b_k}`.

    Attributes
    ----------
    rows_a, rows_b : (k,) int arrays
        Row indices into the ``X`` given to ``check_separability``.
    coef_a, coef_b : (k,) float arrays
        Non-negative, each summing to 1.
    class_a, class_b :
        The two labels, as given.
    point : (n_features,)
        The common point :math:`z`.
    residual : float
        :math:`\|\sum c^a x_a - \sum c^b x_b\|`, computed in float64 (zero up to rounding).
    names : tuple of str or None
        How to print row ``i`` (default ``x_i``); e.g. the input pattern ``"01"``.
    words : (str, str)
        What a row and a class are called in the text (default ``("row", "class")``).
    """

    rows_a: np.ndarray
    coef_a: np.ndarray
    class_a: Any
    rows_b: np.ndarray
    coef_b: np.ndarray
    class_b: Any
    point: np.ndarray
    residual: float
    names: tuple[str, ...] | None = None
    words: tuple[str, str] = ("row", "class")

    @property
    def rows(self) -> list[int]:
        """Every row the proof uses, sorted."""
        return sorted(int(i) for i in (*self.rows_a, *self.rows_b))

    def statement(self, lang: str = "en") -> str:
        """What the witness says, in one sentence (side ``a`` is the one with fewer rows).

        ``lang``: ``"en"`` or ``"es"``.
        """
        es = _lang(lang) == "es"
        ra, rb = self.rows_a, self.rows_b
        a, b = self._rows(ra, self.class_a, lang), self._rows(rb, self.class_b, lang)
        point = _vec(self.point)
        if len(ra) == 1 and len(rb) == 1:
            return (
                f"{a} y {b} son el mismo punto {point}"
                if es
                else (f"{a} and {b} are the same point {point}")
            )
        if len(ra) == 1:
            where = (
                "está dentro de la envolvente convexa de"
                if es
                else ("lies inside the convex hull of")
            )
            return f"{a} {where} {b}: {self._name(ra[0])} = {self._combo(rb, self.coef_b)}"
        combos = f"z = {self._combo(ra, self.coef_a)} = {self._combo(rb, self.coef_b)}"
        if es:
            return (
                f"la envolvente convexa de {a} y la envolvente convexa de {b} se cortan en "
                f"el punto z = {point}: {combos}"
            )
        return (
            f"the convex hull of {a} and the convex hull of {b} meet at the point "
            f"z = {point}: {combos}"
        )

    def _words(self, lang: str) -> tuple[str, str]:
        if lang == "es":
            return tuple(_WORDS_ES.get(w, w) for w in self.words)  # type: ignore[return-value]
        return self.words

    def _name(self, i: int) -> str:
        return self.names[i] if self.names is not None else f"x_{i}"

    def _rows(self, rows: np.ndarray, label: Any, lang: str = "en") -> str:
        row, kind = self._words(lang)
        listed = _list([self.names[i] for i in rows] if self.names else rows)
        return f"{row}{'s' if len(rows) > 1 else ''} {listed} ({kind} {_label(label, lang)})"

    def _combo(self, rows: np.ndarray, coef: np.ndarray) -> str:
        terms = [f"{_g(c)}·{self._name(i)}" for i, c in zip(rows, coef, strict=True)]
        return " + ".join(terms[:12]) + (" + …" if len(terms) > 12 else "")

    def reason(self, lang: str = "en") -> str:
        """Why the statement rules out every hyperplane (``lang``: ``"en"`` or ``"es"``)."""
        r, k = self._words(_lang(lang))
        a, b = _label(self.class_a, lang), _label(self.class_b, lang)
        if lang == "es":
            return (
                "Ningún hiperplano las separa: w·x + b es lineal, así que su valor en un "
                f"promedio ponderado de {r}s es el promedio ponderado de sus valores en ellas. "
                f"Un hiperplano con la {k} {b} en su lado positivo es > 0 en esas {r}s de la "
                f"{k} {b}, luego > 0 en el punto común; y ≤ 0 en esas {r}s de la {k} {a}, "
                "luego ≤ 0 en el mismo punto. No puede ser ambas cosas (ni al revés)."
            )
        return (
            "No hyperplane separates them: w·x + b is linear, so its value at a weighted "
            f"average of {r}s is the weighted average of its values there. A hyperplane with "
            f"{k} {b} on its positive side is > 0 on those {r}s of {k} {b}, hence > 0 at the "
            f"common point; and ≤ 0 on those {r}s of {k} {a}, hence ≤ 0 at the same point. "
            "It cannot be both (nor the other way round)."
        )

    def text(self, lang: str = "en") -> str:
        """The statement and the reason, in ``lang``."""
        return f"{_capital(self.statement(lang))}.\n{self.reason(lang)}"

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class SeparabilityResult:
    r"""What ``check_separability`` found.

    Attributes
    ----------
    separable : bool
    weights : (n_features,) or None
        The maximum-margin hyperplane on augmented rows, scaled so that
        :math:`\|(w, b)\| = 1`; :math:`w \cdot x + b > 0` reads ``classes[1]``.
    bias : float or None
    margin : float or None
        :math:`\gamma = \min_i s_i (w \cdot x_i + b)` with :math:`\|(w, b)\| = 1`: the
        margin of the augmented rows :math:`(x_i, 1)`, the :math:`\gamma` of Novikoff's
        bound. It is the largest such value (up to solver precision) and is attained by
        ``weights``, ``bias`` on the rows in ``support``.
    input_margin : float or None
        :math:`\min_i s_i (w \cdot x_i + b) / \|w\|`: the Euclidean distance, in input
        space, from the same hyperplane to the nearest row. It is at least ``margin``.
        (The input-space maximum, an SVM with free intercept, may pick another plane.)
    radius : float
        :math:`R = \max_i \|(x_i, 1)\|`, the radius of Novikoff's bound.
    mistake_bound : float
        :math:`(R / \gamma)^2`, the most updates a margin-rule perceptron started from
        zero makes, for any learning rate and row order; ``inf`` if not separable.
    witness : Witness or None
        If not separable, rows of the two classes whose convex hulls meet.
    classes : (negative, positive)
        The two labels: ``classes[0]`` is :math:`s = -1`, ``classes[1]`` is :math:`s = +1`.
    support : (k,) int array
        Rows at distance ``margin`` (the support vectors); empty if not separable.
    """

    separable: bool
    weights: np.ndarray | None
    bias: float | None
    margin: float | None
    input_margin: float | None
    radius: float
    mistake_bound: float
    witness: Witness | None
    classes: tuple[Any, Any]
    support: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))

    def report(self, lang: str = "en") -> str:
        """The certificate in words: the plane and its numbers, or the witness and why.

        ``lang``: ``"en"`` or ``"es"``.
        """
        es = _lang(lang) == "es"
        neg, pos = (_label(c, lang) for c in self.classes)
        if not self.separable:
            why = self.witness.text(lang) if self.witness is not None else _borderline(lang)
            if es:
                return (
                    f"No son linealmente separables (clases {neg} y {pos}).\n{why}\n"
                    "Un perceptrón sobre estos datos nunca deja de equivocarse; deténgalo por "
                    "épocas."
                )
            return (
                f"Not linearly separable (classes {neg} and {pos}).\n{why}\n"
                "A perceptron on these data never stops making mistakes; stop it by epochs."
            )
        w, b, support = _vec(self.weights), f"{self.bias:.6g}", _list(self.support)
        gamma, rho, R = (f"{v:.6g}" for v in (self.margin, self.input_margin, self.radius))
        bound = f"{self.mistake_bound:.6g}"
        if es:
            lines = [
                f"Linealmente separables: w·x + b > 0 se lee clase {pos}, < 0 clase {neg}.",
                f"  w = {w}, b = {b}   (escalados para que ||(w, b)|| = 1)",
                f"  margen γ = {gamma}   (de las filas (x, 1); el γ de la cota, alcanzado en "
                f"las filas {support})",
                f"  margen en el espacio de entrada = {rho}   (distancia euclídea del "
                "hiperplano a la fila más cercana)",
                f"  radio R = max ||(x, 1)|| = {R}",
                "  Novikoff: un perceptrón con la regla del margen que parte de cero hace a lo "
                f"sumo (R/γ)² = {bound} actualizaciones (cualquier η > 0, cualquier orden).",
            ]
        else:
            lines = [
                f"Linearly separable: w·x + b > 0 reads class {pos}, < 0 reads class {neg}.",
                f"  w = {w}, b = {b}   (scaled so ||(w, b)|| = 1)",
                f"  margin γ = {gamma}   (of the rows (x, 1); the γ of the bound, attained by "
                f"rows {support})",
                f"  input-space margin = {rho}   (Euclidean distance from the hyperplane to the "
                "nearest row)",
                f"  radius R = max ||(x, 1)|| = {R}",
                "  Novikoff: a margin-rule perceptron started at zero makes at most "
                f"(R/γ)² = {bound} updates (any η > 0, any row order).",
            ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()


def _borderline(lang: str) -> str:
    if lang == "es":
        return (
            "No se pudo enunciar un testigo: las clases se tocan dentro de la precisión "
            f"numérica (el mejor margen hallado es menor que {_RELATIVE_TOL:g}·R)."
        )
    return (
        "No witness could be stated: the classes touch within numerical precision "
        f"(the best margin found is below {_RELATIVE_TOL:g}·R)."
    )


@dataclass(frozen=True)
class OneVsRestSeparability:
    r"""One certificate per class: each class against the rows of all the others.

    Attributes
    ----------
    classes : tuple
        Every class, sorted.
    results : tuple of SeparabilityResult
        ``results[k]`` checks ``classes[k]`` (:math:`s = +1`) against ``Rest(classes[k])``
        (:math:`s = -1`): a plane with ``w·x + b > 0`` exactly on that class, or a witness.
    """

    classes: tuple[Any, ...]
    results: tuple[SeparabilityResult, ...]

    @property
    def separable(self) -> bool:
        """Whether every class is linearly separable from the rest."""
        return all(r.separable for r in self.results)

    def __getitem__(self, label: Any) -> SeparabilityResult:
        """The certificate of class ``label`` (its value, or its text)."""
        return self.results[_find_class(self.classes, label)]

    def __iter__(self):
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def table(self, lang: str = "en") -> str:
        """One line per class: separable or not, γ, (R/γ)², and the certificate in short."""
        es = _lang(lang) == "es"
        head = (
            ("clase", "separable del resto", "margen γ", "(R/γ)²", "certificado")
            if es
            else ("class", "separable from the rest", "margin γ", "(R/γ)²", "certificate")
        )
        rows = [head]
        for label, r in zip(self.classes, self.results, strict=True):
            if r.separable:
                yes = "sí" if es else "yes"
                cert = f"w = {_vec(r.weights)}, b = {r.bias:.4g}"
                rows.append((str(label), yes, f"{r.margin:.4g}", f"{r.mistake_bound:.4g}", cert))
            else:
                cert = _short_witness(r.witness, lang)
                rows.append((str(label), "no", "—", "∞", cert))
        widths = [max(len(row[j]) for row in rows) for j in range(len(head) - 1)]
        lines = [
            "  ".join([*(c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)), row[-1]])
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in [*widths, len(head[-1])]))
        return "\n".join(lines)

    def report(self, lang: str = "en") -> str:
        """The table, then each class's full certificate."""
        es = _lang(lang) == "es"
        title = (
            f"Cada clase contra el resto ({len(self.classes)} clases):"
            if es
            else f"Each class against the rest ({len(self.classes)} classes):"
        )
        parts = [title, self.table(lang)]
        for label, r in zip(self.classes, self.results, strict=True):
            head = f"{label} {'contra el resto' if es else 'against the rest'}:"
            parts.append(f"\n{head}\n" + r.report(lang))
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.report()


def _short_witness(witness: Witness | None, lang: str) -> str:
    if witness is None:
        return _borderline(lang).split(":")[0]
    named = witness.names is not None and len(witness.names) > max(witness.rows, default=-1)
    rows = _list([witness.names[i] for i in witness.rows] if named else witness.rows, limit=8)
    if lang == "es":
        return f"testigo: las envolventes de las filas {rows} se cortan"
    return f"witness: the hulls of rows {rows} meet"


def _find_class(classes: Any, label: Any) -> int:
    """Position of ``label`` in ``classes``: the value itself, else its text (a CLI
    ``--positive`` is text whatever the labels' type)."""
    for k, c in enumerate(classes):
        if type(c) is type(label) and c == label:
            return k
    for k, c in enumerate(classes):
        if str(c) == str(label):
            return k
    raise DataError(
        f"positive class {label!r} is not one of the classes ({_list(classes)}); give one of them"
    )


def check_separability(
    X: Any, y: Any, *, positive: Any = None
) -> SeparabilityResult | OneVsRestSeparability:
    r"""Decide whether classes are linearly separable, and prove it either way.

    Parameters
    ----------
    X : (n_samples, n_features)
        Finite numbers.
    y : (n_samples,)
        Labels of any type (strings, bools, 0/1, ±1), at least two distinct values. With
        two, the smaller (sorted) label is :math:`s = -1`, the larger :math:`s = +1`.
    positive : label, optional
        Check this class (:math:`s = +1`) against all the others (:math:`s = -1`, shown
        as ``Rest(positive)`` when there are more than two classes). A label's text
        (``"1"`` for ``1``) also names it.

    Returns
    -------
    SeparabilityResult
        With two classes, or with ``positive``. Separable: the maximum-margin hyperplane
        on rows :math:`(x, 1)`, its margin :math:`\gamma`, the radius :math:`R` and
        Novikoff's bound :math:`(R/\gamma)^2`. Not separable: a ``Witness`` (rows of the
        two sides whose hulls meet).
    OneVsRestSeparability
        With more than two classes and no ``positive``: one such result per class, each
        class against the rest.

    Raises
    ------
    DataError
        Wrong shapes, NaN or infinite values, fewer than two classes, or a ``positive``
        that is not a label of ``y``.

    Examples
    --------
    >>> from neurona.separability import check_separability
    >>> r = check_separability([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0])
    >>> r.separable, r.witness.rows
    (False, [0, 1, 2, 3])
    >>> r.witness.point
    array([0.5, 0.5])
    >>> r = check_separability([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1])
    >>> r.separable, round(r.mistake_bound, 3)
    (True, 51.0)
    >>> ovr = check_separability([[0, 0], [1, 0], [0, 1], [1, 1]], ["a", "b", "b", "c"])
    >>> [(c, r.separable) for c, r in zip(ovr.classes, ovr.results)]
    [('a', True), ('b', False), ('c', True)]
    >>> ovr["b"].witness.rows, str(ovr["b"].classes[0])
    ([0, 1, 2, 3], 'not b')
    """
    X, codes, classes = _validate(X, y)
    if positive is None and len(classes) == 2:
        return _check(X, np.where(codes == 1, 1.0, -1.0), (classes[0], classes[1]))
    if positive is not None:
        k = _find_class(classes, positive)
        rest = classes[1 - k] if len(classes) == 2 else Rest(classes[k])
        return _check(X, np.where(codes == k, 1.0, -1.0), (rest, classes[k]))
    results = tuple(
        _check(X, np.where(codes == k, 1.0, -1.0), (Rest(c), c)) for k, c in enumerate(classes)
    )
    return OneVsRestSeparability(tuple(classes), results)


def _check(X: np.ndarray, s: np.ndarray, classes: tuple[Any, Any]) -> SeparabilityResult:
    """Two sides: ``s = -1`` reads ``classes[0]``, ``s = +1`` reads ``classes[1]``."""
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    radius = _largest_norm(A)
    standard, shift, scale = _standardised(X)
    P_std = s[:, None] * np.hstack([standard, np.ones((X.shape[0], 1))])
    u_std, rows = _nearest_hull_point(P_std, None)
    if u_std is None:
        witness = _witness(P_std, rows, X, s, classes)
        simplest = witness is None or min(len(witness.rows_a), len(witness.rows_b)) == 1
        if not simplest and X.shape[1] <= _ONE_ROW_MAX_FEATURES:
            witness = _one_row_witness(P_std, rows, X, s, classes) or witness
        return _not_separable(radius, classes, witness)
    # the same plane in X's units, times min(scale) > 0 (a positive multiple is the same
    # plane) so that columns of tiny spread do not overflow its weights
    least = scale.min()
    u = np.append(u_std[:-1] * (least / scale), least * (u_std[-1] - u_std[:-1] @ shift))
    P = s[:, None] * A / radius
    u_raw, _ = _nearest_hull_point(P, rows)
    candidates = [c for c in (u_raw, u) if c is not None]
    # margins on the rows as they are: divided by the radius, rows of tiny columns beside
    # huge ones underflow to 0 (a positive factor changes no comparison)
    signed = s[:, None] * A
    best = max(candidates, key=lambda c: _margin(signed, c))
    if _margin(signed, best) <= 0:  # separable only within rounding: no clean proof
        _refuse_unwritable_plane(P_std, u_std, scale)
        return _not_separable(radius, classes, None)
    return _separable(best, A, s, radius, classes)


def _refuse_unwritable_plane(P_std: np.ndarray, u_std: np.ndarray, scale: np.ndarray) -> None:
    """Raise when the standardised columns are clearly separable but no plane in X's
    units can be written in float64: weights ``u_j / scale_j`` of columns whose scales
    differ by more than float64's range (about 1e308) cannot both be non-zero."""
    spread = math.log10(float(scale.max())) - math.log10(float(scale.min()))
    if spread <= 300 or _margin(P_std, u_std) <= 1e-9 * _largest_norm(P_std):
        return
    raise DataError(
        f"the rows are linearly separable once each column is standardised, but no "
        f"hyperplane in X's own units can be written in float64: the columns' scales differ "
        f"by a factor of 1e{spread:.0f}, beyond float64's range (about 1e308), so a plane's "
        "weights would overflow or vanish; rescale the columns (e.g. standardise them) and "
        "check again"
    )


def _validate(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray, list[Any]]:
    """(X as float64, the class index of each row, the sorted classes)."""
    # as the estimators read data: tensors, tables and sparse matrices as their values;
    # missing, text, masked and ragged values, and integers float64 would round, refused
    X = as_matrix(X)  # (the programs solved here are dense)
    if X.ndim != 2:
        raise DataError(f"X must be 2-D (n_samples, n_features), got shape {X.shape}")
    y = np.asarray(as_input(y, "y"))
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise DataError(f"y must be 1-D with one label per row of X: got {y.shape}, X {X.shape}")
    if y.dtype.kind == "f" and np.isnan(y).any():
        raise DataError("y contains NaN labels; drop those rows first")
    try:
        classes, codes = np.unique(y, return_inverse=True)
    except TypeError as exc:
        raise DataTypeError(f"labels in y cannot be compared ({exc}); use one type") from exc
    if classes.shape[0] < 2:
        raise DataError(
            f"separability needs at least 2 classes, y has {classes.shape[0]}: "
            f"{_list(classes[:10])}; give rows of two or more classes"
        )
    return X, codes.reshape(-1), [_py(c) for c in classes]


def _standardised(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(Z, shift, scale)``: the columns standardised, ``Z = X / scale - shift`` (mean 0,
    standard deviation 1; a constant column is only centred), computed on each column
    divided by its largest ``|x|``: the squares of values beyond about 1e154 would
    overflow, those of values below about 1e-154 vanish (the spread would read as 0, the
    rows stay tiny, and separable data would be called not separable)."""
    top = np.max(np.abs(X), axis=0)
    top = np.where(top > 0, top, 1.0)
    Z = X / top
    mean = Z.mean(axis=0)
    spread = (Z - mean).std(axis=0)
    spread = np.where(spread * top > 0, spread, 1.0)
    return (Z - mean) / spread, mean / spread, spread * top


def _largest_norm(A: np.ndarray) -> float:
    """The largest row norm of ``A``, without overflow or underflow of its squares."""
    top = float(np.max(np.abs(A)))
    return top * float(np.sqrt(((A / top) ** 2).sum(axis=1).max())) if top > 0 else 0.0


def _nearest_hull_point(
    P: np.ndarray, start: np.ndarray | None
) -> tuple[np.ndarray | None, np.ndarray]:
    r"""Maximum-margin direction of the rows ``P``, on a growing working set.

    Solves the Least Distance Program :math:`\min \|u\|` s.t. :math:`P_S u \ge 1` as
    ``nnls([P_S^T; 1^T], e_last)`` (Lawson–Hanson): with residual :math:`r`,
    :math:`u = -r_{:-1} / r_{-1}`; a zero residual means the hull of :math:`P_S` holds
    the origin. Rows of ``P`` whose margin is below the working set's are then added.

    Returns
    -------
    u : (n_columns,) or None
        None when the working set ``S`` is not separable.
    S : (k,) int array
        The final working set.
    """
    k = P.shape[1]
    grow = _GROWTH * (k + 1)
    if start is None:
        start = np.argsort(P @ P.mean(axis=0))[:grow]
    S = np.unique(start)
    while True:
        u = _least_distance(P[S])
        if u is None:
            return None, S
        margins = P @ u
        target = margins[S].min()
        if target <= 0:  # the solver could not separate S: treat S as not separable
            return None, S
        worse = np.flatnonzero(margins < target * (1 - 1e-9))
        if worse.size == 0:
            return u, S
        S = np.union1d(S, worse[np.argsort(margins[worse])[:grow]])


def _least_distance(PS: np.ndarray) -> np.ndarray | None:
    E = np.vstack([PS.T, np.ones(PS.shape[0])])
    f = np.zeros(E.shape[0])
    f[-1] = 1.0
    alpha, rnorm = scipy.optimize.nnls(E, f, maxiter=50 * E.shape[1] + 100)
    r = E @ alpha - f
    if rnorm <= _RELATIVE_TOL * np.abs(PS).max() or r[-1] >= 0:
        return None
    return -r[:-1] / r[-1]


def _margin(P: np.ndarray, u: np.ndarray) -> float:
    top = np.max(np.abs(u))
    if not (top > 0 and np.isfinite(top)):  # no direction (or none in float64): no margin
        return -np.inf
    return float((P @ _unit(u)).min())


def _unit(u: np.ndarray) -> np.ndarray:
    """``u / ‖u‖``, without overflow or underflow of its squares (weights of columns far
    from 1 reach beyond 1e154, or below 1e-154)."""
    u = u / np.max(np.abs(u))
    return u / np.linalg.norm(u)


def _witness(
    P: np.ndarray, rows: np.ndarray, X: np.ndarray, s: np.ndarray, classes: tuple[Any, Any]
) -> Witness | None:
    r"""Convex combination of rows ``rows`` of ``P`` equal to zero, by linear programming.

    Minimises :math:`\|\sum_i \lambda_i p_i\|_1` over :math:`\lambda \ge 0`,
    :math:`\sum_i \lambda_i = 1` (HiGHS; a basic optimal solution has at most
    ``n_columns + 1`` non-zeros). Returns None if the optimum is not zero.
    """
    PS = P[rows]
    m, k = PS.shape
    # variables: lambda (m), t+ (k), t- (k);  PS^T lambda - t+ + t- = 0,  sum lambda = 1
    A_eq = np.block([[PS.T, -np.eye(k), np.eye(k)], [np.ones((1, m)), np.zeros((1, 2 * k))]])
    b_eq = np.append(np.zeros(k), 1.0)
    c = np.append(np.zeros(m), np.ones(2 * k))
    res = scipy.optimize.linprog(c, A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if res.status != 0 or res.fun > 1e-9 * k:
        return None
    lam = res.x[:m]
    keep = lam > 1e-12
    return _state_witness(rows[keep], lam[keep], X, s, classes)


def _one_row_witness(
    P: np.ndarray, rows: np.ndarray, X: np.ndarray, s: np.ndarray, classes: tuple[Any, Any]
) -> Witness | None:
    """The simplest proof to read: one row inside the convex hull of the other class.

    Tries the few rows of the working set that a least-squares plane gets most wrong, each
    against every row of the other class in the working set; None if none of them is.
    """
    A = P[rows] * s[rows, None]
    u = np.linalg.lstsq(A, s[rows], rcond=None)[0]
    for j in rows[np.argsort(s[rows] * (A @ u))[:_ONE_ROW_TRIES]]:
        witness = _witness(P, np.append(j, rows[s[rows] != s[j]]), X, s, classes)
        if witness is not None:
            return witness
    return None


def _state_witness(
    rows: np.ndarray, lam: np.ndarray, X: np.ndarray, s: np.ndarray, classes: tuple[Any, Any]
) -> Witness:
    """Split ``sum lam_i s_i (x_i, 1) = 0`` into two convex combinations of equal value."""
    sides = []
    for sign, label in ((-1.0, classes[0]), (1.0, classes[1])):
        mine = s[rows] == sign
        order = np.argsort(rows[mine])
        coef = lam[mine][order]
        sides.append((rows[mine][order], coef / coef.sum(), label))
    sides.sort(key=lambda side: len(side[0]))  # stable: ties keep class order
    (ra, ca, la), (rb, cb, lb) = sides
    za, zb = ca @ X[ra], cb @ X[rb]
    return Witness(
        rows_a=ra,
        coef_a=ca,
        class_a=la,
        rows_b=rb,
        coef_b=cb,
        class_b=lb,
        point=(za + zb) / 2,
        residual=_largest_norm((za - zb)[None, :]),
    )


def _separable(
    u: np.ndarray, A: np.ndarray, s: np.ndarray, radius: float, classes: tuple[Any, Any]
) -> SeparabilityResult:
    u = _unit(u)
    margins = s * (A @ u)
    gamma = float(margins.min())
    w, b = u[:-1], float(u[-1])
    norm_w = float(np.linalg.norm(w))
    return SeparabilityResult(
        separable=True,
        weights=w,
        bias=b,
        margin=gamma,
        input_margin=gamma / norm_w if norm_w > 0 else float("inf"),
        radius=radius,
        mistake_bound=_squared(radius / gamma),
        witness=None,
        classes=classes,
        support=np.flatnonzero(margins <= gamma * (1 + 1e-7)),
    )


def _squared(value: float) -> float:
    """``value²``, ``inf`` beyond float64 (Novikoff's bound of data whose margin is some
    1e-154 of their radius or less)."""
    return value * value if abs(value) < 1e154 else float("inf")


def _not_separable(
    radius: float, classes: tuple[Any, Any], witness: Witness | None
) -> SeparabilityResult:
    return SeparabilityResult(
        separable=False,
        weights=None,
        bias=None,
        margin=None,
        input_margin=None,
        radius=radius,
        mistake_bound=float("inf"),
        witness=witness,
        classes=classes,
    )


def _py(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _g(v: float) -> str:
    return f"{float(v):.4g}"


def _vec(v: np.ndarray | None, limit: int = 6) -> str:
    v = np.asarray(v).ravel()
    text = ", ".join(_g(x) for x in v[:limit])
    return f"({text}{', …' if v.size > limit else ''})"


def _list(items: Any, limit: int = 12) -> str:
    """Comma-separated, the first ``limit`` only (then the count)."""
    items = list(items)
    text = ", ".join(str(_py(i)) for i in items[:limit])
    return text if len(items) <= limit else f"{text}, … ({len(items)} in all)"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
