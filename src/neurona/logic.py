r"""McCulloch–Pitts units (1943): binary threshold neurons, logic gates and XOR.

A unit with weights :math:`w` and threshold :math:`\theta` reads a 0/1 input vector
:math:`x` and fires when the weighted sum reaches the threshold:

.. math::

    \text{out}(x) = [\, w \cdot x \ge \theta \,] \in \{0, 1\}.

In McCulloch and Pitts' own form the inputs are *excitatory* (weight 1) or *inhibitory*:
the unit fires when at least :math:`\theta` excitatory inputs are active **and no
inhibitory input is**. One unit computes AND, OR and NOT (the lecture's tables) but not
XOR: its inputs 01 and 10 average to the same point (½, ½) as 00 and 11, and a linear
:math:`w \cdot x` cannot be :math:`\ge \theta` on average for one pair and
:math:`< \theta` on average for the other. Two layers compute it:
:math:`\mathrm{XOR}(x) = \mathrm{AND}(\mathrm{OR}(x), \mathrm{NAND}(x))`.

``find_unit`` decides for any Boolean function of ``n`` inputs whether one unit computes
it, by linear programming: it looks for :math:`w, \theta` with :math:`w \cdot x \ge \theta`
on the rows that output 1 and :math:`w \cdot x \le \theta - 1` on the rows that output 0
(the 1 is a choice of scale). An infeasible program is the proof that no unit exists;
``why_no_unit`` states that proof in words.

Examples
--------
>>> from neurona.logic import AND, XOR, truth_table, format_table
>>> print(format_table(truth_table(AND, 2)))  # doctest: +NORMALIZE_WHITESPACE
x_1	x_2	Out
0	0	0
0	1	0
1	0	0
1	1	1
>>> [XOR(x) for x in ([0, 0], [0, 1], [1, 0], [1, 1])]
[0, 1, 1, 0]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import product
from typing import Any, Protocol

import numpy as np
import scipy.optimize

from .errors import DataError, NeuronaError
from .separability import Witness, check_separability

__all__ = [
    "AND",
    "NAND",
    "NOR",
    "NOT",
    "OR",
    "XOR",
    "McCullochPitts",
    "Network",
    "Unit",
    "Wired",
    "find_unit",
    "format_table",
    "inputs",
    "truth_table",
    "why_no_unit",
]


class BinaryFunction(Protocol):
    """Anything with ``n_inputs`` that maps a 0/1 vector to 0 or 1."""

    @property
    def n_inputs(self) -> int: ...

    def __call__(self, x: Sequence[int]) -> int: ...


def _binary(x: Sequence[int], n_inputs: int) -> tuple[int, ...]:
    values = tuple(x)
    if len(values) != n_inputs or any(v not in (0, 1) for v in values):
        raise DataError(f"expected {n_inputs} inputs, each 0 or 1; got {list(values)}")
    return tuple(int(v) for v in values)


def _number(value: float) -> float:
    value = float(value)
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class Unit:
    r"""A threshold unit: fires (returns 1) when :math:`w \cdot x \ge \theta`.

    Parameters
    ----------
    weights : (n_inputs,)
        One weight per input; negative weights inhibit.
    threshold : float
        :math:`\theta`.

    Examples
    --------
    >>> Unit((1, 1), 2)([1, 1]), Unit((1, 1), 2)([0, 1])
    (1, 0)
    """

    weights: tuple[float, ...]
    threshold: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", tuple(_number(w) for w in self.weights))
        object.__setattr__(self, "threshold", _number(self.threshold))

    @property
    def n_inputs(self) -> int:
        return len(self.weights)

    def __call__(self, x: Sequence[int]) -> int:
        """Output for one 0/1 input vector ``x`` of length ``n_inputs``."""
        x = _binary(x, self.n_inputs)
        return int(sum(w * xi for w, xi in zip(self.weights, x, strict=True)) >= self.threshold)


@dataclass(frozen=True)
class McCullochPitts:
    """The 1943 neuron: excitatory and inhibitory inputs and a threshold.

    Fires when no inhibitory input is active and at least ``threshold`` excitatory inputs
    are (an active inhibitory input silences the unit whatever the rest say).

    Parameters
    ----------
    excitatory, inhibitory : tuple of int
        Positions (0-based) of the excitatory and inhibitory inputs in ``x``; the unit
        reads ``n_inputs = max position + 1`` inputs unless ``n_inputs`` is given.
    threshold : int
        Number of active excitatory inputs needed, ``>= 0``.

    Examples
    --------
    >>> NOT_1943 = McCullochPitts(excitatory=(), inhibitory=(0,), threshold=0)
    >>> NOT_1943([0]), NOT_1943([1])
    (1, 0)
    >>> NOT_1943.as_unit()
    Unit(weights=(-1,), threshold=0)
    """

    excitatory: tuple[int, ...]
    inhibitory: tuple[int, ...]
    threshold: int
    n_inputs: int = -1

    def __post_init__(self) -> None:
        used = (*self.excitatory, *self.inhibitory)
        n = self.n_inputs if self.n_inputs >= 0 else max(used, default=-1) + 1
        if len(set(used)) != len(used) or any(i < 0 or i >= n for i in used):
            raise DataError(
                f"inputs {used} must be distinct positions in 0..{n - 1}; an input is "
                "either excitatory or inhibitory"
            )
        if int(self.threshold) != self.threshold or self.threshold < 0:
            raise DataError(f"threshold must be a whole number >= 0, got {self.threshold!r}")
        object.__setattr__(self, "n_inputs", n)

    def __call__(self, x: Sequence[int]) -> int:
        x = _binary(x, self.n_inputs)
        if any(x[i] for i in self.inhibitory):
            return 0
        return int(sum(x[i] for i in self.excitatory) >= self.threshold)

    def as_unit(self) -> Unit:
        """The same function as a weighted ``Unit``.

        Excitatory weight 1, inhibitory weight :math:`-(E + 1)` with :math:`E` the number
        of excitatory inputs: one active inhibitor pulls the sum below 0, so below any
        threshold :math:`\\ge 0`.
        """
        weights = [0] * self.n_inputs
        for i in self.excitatory:
            weights[i] = 1
        for i in self.inhibitory:
            weights[i] = -(len(self.excitatory) + 1)
        return Unit(tuple(weights), self.threshold)


@dataclass(frozen=True)
class Network:
    """Units in layers: each unit of a layer reads the outputs of the layer before.

    The first layer reads the network's input. A unit that should read only some of the
    signals is wrapped in ``Wired``; a network is itself a unit of a bigger network. The
    output is the last layer's outputs: an ``int`` when the last layer has one unit, else
    a tuple.

    Examples
    --------
    >>> xor = Network(((OR, NAND), (AND,)))
    >>> [xor(x) for x in inputs(2)]
    [0, 1, 1, 0]
    """

    layers: tuple[tuple[BinaryFunction, ...], ...]

    def __post_init__(self) -> None:
        layers = tuple(tuple(layer) for layer in self.layers)
        if not layers or not all(layers):
            raise DataError("a network needs at least one layer and one unit in each layer")
        for k in range(1, len(layers)):
            bad = [u for u in layers[k] if u.n_inputs != len(layers[k - 1])]
            if bad:
                raise DataError(
                    f"layer {k} units must read the {len(layers[k - 1])} outputs of layer "
                    f"{k - 1}; {bad[0]} reads {bad[0].n_inputs}"
                )
        if len({u.n_inputs for u in layers[0]}) != 1:
            raise DataError("the units of the first layer must all read the same inputs")
        object.__setattr__(self, "layers", layers)

    @property
    def n_inputs(self) -> int:
        return self.layers[0][0].n_inputs

    def __call__(self, x: Sequence[int]) -> Any:
        signal = _binary(x, self.n_inputs)
        for layer in self.layers:
            signal = tuple(unit(signal) for unit in layer)
        return signal[0] if len(signal) == 1 else signal


@dataclass(frozen=True)
class Wired:
    """A unit (or network) that reads only some of the outputs of the layer before.

    Parameters
    ----------
    unit : a unit or network with ``len(sources)`` inputs
    sources : tuple of int
        Which of the ``n_inputs`` incoming signals it reads, in order.
    n_inputs : int
        How many signals arrive (the width of the layer before, or the network's inputs).

    Examples
    --------
    >>> xor_of_first_two = Wired(XOR, (0, 1), n_inputs=3)
    >>> xor_of_first_two([1, 0, 1])
    1
    """

    unit: BinaryFunction
    sources: tuple[int, ...]
    n_inputs: int

    def __post_init__(self) -> None:
        if len(self.sources) != self.unit.n_inputs or not all(
            0 <= i < self.n_inputs for i in self.sources
        ):
            raise DataError(
                f"sources {self.sources} must be {self.unit.n_inputs} positions in "
                f"0..{self.n_inputs - 1}"
            )

    def __call__(self, x: Sequence[int]) -> Any:
        x = _binary(x, self.n_inputs)
        return self.unit([x[i] for i in self.sources])


AND = Unit((1, 1), 2)
OR = Unit((1, 1), 1)
NOT = Unit((-1,), 0)
NAND = Unit((-1, -1), -1)
NOR = Unit((-1, -1), 0)
#: XOR(x) = AND(OR(x), NAND(x)): two layers, since one unit cannot (see ``why_no_unit``).
XOR = Network(((OR, NAND), (AND,)))


def inputs(n_inputs: int) -> list[tuple[int, ...]]:
    """All 0/1 input vectors of length ``n_inputs``, in binary counting order (00, 01, ...).

    Raises
    ------
    DataError
        ``n_inputs`` is not a whole number from 0 to :data:`MAX_INPUTS` (2**n rows: a
        table beyond about a million rows would fill the memory).
    """
    if isinstance(n_inputs, bool) or not isinstance(n_inputs, int | np.integer):
        raise DataError(
            f"n_inputs={n_inputs!r:.40} is not a whole number: pass the number of 0/1 inputs"
        )
    if not 0 <= n_inputs <= MAX_INPUTS:
        raise DataError(
            f"n_inputs={int(n_inputs)} is outside 0 to {MAX_INPUTS}: a truth table has 2**n "
            f"rows (2**{MAX_INPUTS} = {2**MAX_INPUTS:,}); pass from 0 to {MAX_INPUTS} inputs"
        )
    return list(product((0, 1), repeat=int(n_inputs)))


#: the most inputs a truth table is listed for (2**20 rows)
MAX_INPUTS = 20


def truth_table(function: Callable[[Sequence[int]], Any], n_inputs: int) -> list[tuple[int, ...]]:
    """Rows ``(x_1, ..., x_n, out)`` of ``function`` over all inputs, in counting order.

    Examples
    --------
    >>> truth_table(NOT, 1)
    [(0, 1), (1, 0)]
    """
    return [(*x, _whole(function(x), x)) for x in inputs(n_inputs)]


def _whole(value: Any, x: tuple[int, ...]) -> int:
    """A function's output as an int; anything but a whole number is refused in words
    (``int()`` would turn 0.7 into 0 and fail on None)."""
    try:
        whole = int(value)
        exact = whole == value
    except (TypeError, ValueError, OverflowError):
        exact = False
    if not exact:
        raise DataError(
            f"the function returned {value!r:.40} at input {''.join(map(str, x)) or '()'}: "
            "a truth table needs a whole number (0 or 1) for every input"
        )
    return whole


def format_table(rows: Sequence[Sequence[int]]) -> str:
    """A truth table as the lecture prints it: tab-separated, header ``x_1 ... Out``."""
    n_inputs = len(rows[0]) - 1
    header = [f"x_{j + 1}" for j in range(n_inputs)] + ["Out"]
    return "\n".join("\t".join(map(str, row)) for row in [header, *rows])


def find_unit(outputs: Sequence[int]) -> Unit | None:
    r"""One unit computing the given Boolean function, or None if no unit can.

    Parameters
    ----------
    outputs : (2**n,)
        The function's outputs (0/1) over its inputs in binary counting order: for two
        inputs, the outputs at 00, 01, 10, 11.

    Returns
    -------
    Unit or None
        Among units with whole-number weights and threshold, one with the least
        :math:`\sum_j |w_j| + |\theta|`; checked on every row before it is returned.
        None when the linear program

        .. math::

            w \cdot x \ge \theta \ (\text{out}(x) = 1), \qquad
            w \cdot x \le \theta - 1 \ (\text{out}(x) = 0)

        is infeasible: then no real :math:`w, \theta` exist either (any solution could be
        rescaled to this one), and ``why_no_unit`` says why in words.

    Examples
    --------
    >>> find_unit([0, 0, 0, 1])
    Unit(weights=(1, 1), threshold=2)
    >>> find_unit([0, 1, 1, 0]) is None
    True
    """
    out, n = _outputs(outputs)
    X = np.array(inputs(n), dtype=np.float64)
    s = np.where(out == 1, 1.0, -1.0)
    # variables z = (w, theta); rows: -s * (w.x - theta) <= -(out == 0)
    A_ub = -s[:, None] * np.hstack([X, -np.ones((X.shape[0], 1))])
    b_ub = -(out == 0).astype(np.float64)
    free = [(None, None)] * (n + 1)
    feasible = scipy.optimize.linprog(
        np.zeros(n + 1), A_ub=A_ub, b_ub=b_ub, bounds=free, method="highs"
    )
    if feasible.status == 2:
        return None
    for candidate in (_smallest_integer_unit(A_ub, b_ub), _real_unit(feasible)):
        if candidate is not None and all(
            candidate(x) == o for x, o in zip(inputs(n), out, strict=True)
        ):
            return candidate
    raise NeuronaError(  # pragma: no cover - both HiGHS answers failed the check
        f"HiGHS found the function {out.tolist()} realizable but its unit failed the check; "
        "please report this with the outputs"
    )


def why_no_unit(outputs: Sequence[int]) -> Witness | None:
    """Why no single unit computes the function, or None if one does.

    The rows of the truth table are points of :math:`\\{0,1\\}^n`; a unit exists exactly
    when a hyperplane separates the inputs that output 1 from those that output 0
    (``neurona.separability``). The witness names input patterns (row ``k`` is ``k`` in
    binary, printed as its pattern) whose convex hulls meet.

    Examples
    --------
    >>> print(why_no_unit([0, 1, 1, 0]).statement())  # doctest: +NORMALIZE_WHITESPACE
    the convex hull of inputs 00, 11 (output 0) and the convex hull of inputs 01, 10
    (output 1) meet at the point z = (0.5, 0.5): z = 0.5·00 + 0.5·11 = 0.5·01 + 0.5·10
    """
    out, n = _outputs(outputs)
    if out.min() == out.max():
        return None
    witness = check_separability(np.array(inputs(n)), out).witness
    if witness is None:
        return None
    names = tuple("".join(map(str, x)) for x in inputs(n))
    return replace(witness, names=names, words=("input", "output"))


def _smallest_integer_unit(A_ub: np.ndarray, b_ub: np.ndarray) -> Unit | None:
    """Least ``sum |w| + |theta|`` over whole numbers (HiGHS branch and bound), or None."""
    k = A_ub.shape[1]
    # z = z_plus - z_minus, both >= 0 and integer
    res = scipy.optimize.linprog(
        np.ones(2 * k),
        A_ub=np.hstack([A_ub, -A_ub]),
        b_ub=b_ub,
        bounds=(0, None),
        integrality=1,
        method="highs",
        options={"time_limit": 10.0},
    )
    if res.status != 0:
        return None
    z = np.rint(res.x[:k] - res.x[k:]).astype(int)
    return Unit(tuple(int(v) for v in z[:-1]), int(z[-1]))


def _real_unit(res: Any) -> Unit | None:
    """The feasibility LP's own (real) solution: the fallback when branch and bound fails.

    Its rows satisfy ``w·x >= θ`` or ``w·x <= θ - 1``, so ``θ - 1/2`` decides with room.
    """
    if res.status != 0:
        return None
    return Unit(tuple(res.x[:-1]), res.x[-1] - 0.5)


def _outputs(outputs: Sequence[int]) -> tuple[np.ndarray, int]:
    out = np.asarray(outputs)
    size = out.shape[0] if out.ndim == 1 else 0
    n = size.bit_length() - 1
    if size == 0 or size != 2**n:
        raise DataError(
            f"outputs must list the function's value at each of the 2**n inputs (1, 2, 4, "
            f"8, ... values in binary counting order), got shape {out.shape}"
        )
    if not np.isin(out, (0, 1)).all():
        raise DataError(f"outputs must be 0 or 1, got {sorted(set(out.tolist()))}")
    return out.astype(int), n
