"""McCulloch–Pitts units: the lecture's truth tables, XOR, and which functions one unit computes.

References are independent of ``neurona.logic``: the lecture's tables typed in from the
lecture text, and the set of threshold functions found by brute force over small integer
weights (whose sizes, 14 / 104 / 1882 for n = 2 / 3 / 4, are the known counts).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neurona.errors import DataError
from neurona.logic import (
    AND,
    NAND,
    NOR,
    NOT,
    OR,
    XOR,
    McCullochPitts,
    Network,
    Unit,
    Wired,
    find_unit,
    format_table,
    inputs,
    truth_table,
    why_no_unit,
)

# The lecture's tables (lecture-02, "Modelo de Neurona de McCulloch Pitts"), verbatim.
LECTURE_AND = "x_1\tx_2\tOut\n0\t0\t0\n0\t1\t0\n1\t0\t0\n1\t1\t1"
LECTURE_OR = "x_1\tx_2\tOut\n0\t0\t0\n0\t1\t1\n1\t0\t1\n1\t1\t1"
LECTURE_NOT = "x_1\tOut\n0\t1\n1\t0"
LECTURE_XOR = "x_1\tx_2\tOut\n0\t0\t0\n0\t1\t1\n1\t0\t1\n1\t1\t0"


def _rows(text: str) -> list[tuple[int, ...]]:
    return [tuple(int(v) for v in line.split("\t")) for line in text.splitlines()[1:]]


def _fires(weights, threshold, x) -> int:
    """The unit's rule by hand: 1 when w·x >= θ."""
    return int(sum(w * xi for w, xi in zip(weights, x, strict=True)) >= threshold)


def _threshold_functions(n: int, max_weight: int) -> set[tuple[int, ...]]:
    """Output vectors of every unit with integer weights in [-m, m], by brute force."""
    X = np.array(list(itertools.product((0, 1), repeat=n)))
    W = np.array(list(itertools.product(range(-max_weight, max_weight + 1), repeat=n)))
    sums = W @ X.T
    found: set[tuple[int, ...]] = set()
    for theta in range(-n * max_weight - 1, n * max_weight + 2):
        found.update(map(tuple, (sums >= theta).astype(int).tolist()))
    return found


@pytest.mark.parametrize(
    ("unit", "n", "lecture"),
    [(AND, 2, LECTURE_AND), (OR, 2, LECTURE_OR), (NOT, 1, LECTURE_NOT)],
)
def test_gate_truth_tables_are_the_lectures(unit, n, lecture):
    assert truth_table(unit, n) == _rows(lecture)
    assert format_table(truth_table(unit, n)) == lecture


def test_nand_nor_are_negations():
    for x in inputs(2):
        assert NAND(x) == 1 - AND(x)
        assert NOR(x) == 1 - OR(x)


def test_two_layer_network_computes_the_lectures_xor():
    assert format_table(truth_table(XOR, 2)) == LECTURE_XOR
    assert len(XOR.layers) == 2


def test_xor_is_impossible_for_one_unit_with_the_reason():
    xor = [row[-1] for row in _rows(LECTURE_XOR)]
    assert find_unit(xor) is None
    witness = why_no_unit(xor)
    # inputs 00, 11 (output 0) and 01, 10 (output 1) have the same midpoint (½, ½)
    assert witness.rows_a.tolist() == [0, 3]
    assert witness.rows_b.tolist() == [1, 2]
    np.testing.assert_allclose(witness.coef_a, [0.5, 0.5])
    np.testing.assert_allclose(witness.coef_b, [0.5, 0.5])
    np.testing.assert_allclose(witness.point, [0.5, 0.5])
    text = str(witness)
    assert "(0.5, 0.5)" in text
    assert text.startswith(
        "The convex hull of inputs 00, 11 (output 0) and the convex hull of inputs 01, 10 "
        "(output 1) meet at the point z = (0.5, 0.5): z = 0.5·00 + 0.5·11 = 0.5·01 + 0.5·10."
    )
    assert "No hyperplane separates them" in text
    assert why_no_unit([1, 0, 0, 1]).rows == [0, 1, 2, 3]  # XNOR: the same four inputs
    assert why_no_unit([0, 0, 0, 1]) is None


def test_of_16_functions_of_two_inputs_exactly_14_have_a_unit():
    realized, impossible = [], []
    for outputs in itertools.product((0, 1), repeat=4):
        unit = find_unit(outputs)
        if unit is None:
            impossible.append(outputs)
            continue
        realized.append(outputs)
        for x, out in zip(inputs(2), outputs, strict=True):
            assert _fires(unit.weights, unit.threshold, x) == out
    assert len(realized) == 14
    assert sorted(impossible) == [(0, 1, 1, 0), (1, 0, 0, 1)]  # XOR, XNOR
    assert set(realized) == _threshold_functions(2, 1)


def test_find_unit_gives_the_lectures_small_weights():
    assert find_unit([0, 0, 0, 1]) == AND
    assert find_unit([0, 1, 1, 1]) == OR
    assert find_unit([1, 0]) == NOT
    assert find_unit([1, 1, 1, 0]) == NAND
    assert find_unit([1, 0, 0, 0]) == NOR
    assert find_unit([1]) == Unit((), 0)  # constants: n = 0
    assert find_unit([0]) == Unit((), 1)


def test_three_inputs_all_256_functions_give_104_units():
    reference = _threshold_functions(3, 2)
    assert len(reference) == 104
    realized = set()
    for outputs in itertools.product((0, 1), repeat=8):
        unit = find_unit(outputs)
        if unit is not None:
            assert all(
                _fires(unit.weights, unit.threshold, x) == o
                for x, o in zip(inputs(3), outputs, strict=True)
            )
            realized.add(outputs)
    assert realized == reference


def test_four_inputs_seeded_sample_matches_brute_force():
    # All 65536 are enumerated by benchmarks/bench_separability.py (1882 found).
    reference = _threshold_functions(4, 3)
    assert len(reference) == 1882
    rng = np.random.default_rng(4)
    random_functions = rng.integers(0, 2, size=(120, 16))
    threshold_functions = np.array(sorted(reference))[rng.choice(1882, 120, replace=False)]
    for outputs in map(tuple, np.vstack([random_functions, threshold_functions]).tolist()):
        unit = find_unit(outputs)
        assert (unit is not None) == (outputs in reference)
        if unit is not None:
            assert tuple(_fires(unit.weights, unit.threshold, x) for x in inputs(4)) == outputs


@st.composite
def neurons_1943(draw):
    n = draw(st.integers(1, 5))
    kinds = draw(st.lists(st.sampled_from("ei-"), min_size=n, max_size=n))
    excitatory = tuple(i for i, k in enumerate(kinds) if k == "e")
    inhibitory = tuple(i for i, k in enumerate(kinds) if k == "i")
    threshold = draw(st.integers(0, len(excitatory) + 1))
    return McCullochPitts(excitatory, inhibitory, threshold, n_inputs=n)


@given(neurons_1943())
def test_1943_neuron_any_active_inhibitor_silences_it(neuron):
    for x in inputs(neuron.n_inputs):
        inhibited = any(x[i] for i in neuron.inhibitory)
        expected = (
            0 if inhibited else int(sum(x[i] for i in neuron.excitatory) >= neuron.threshold)
        )
        assert neuron(x) == expected
        assert neuron.as_unit()(x) == expected


def test_1943_gates():
    and_ = McCullochPitts(excitatory=(0, 1), inhibitory=(), threshold=2)
    or_ = McCullochPitts(excitatory=(0, 1), inhibitory=(), threshold=1)
    not_ = McCullochPitts(excitatory=(), inhibitory=(0,), threshold=0)
    assert format_table(truth_table(and_, 2)) == LECTURE_AND
    assert format_table(truth_table(or_, 2)) == LECTURE_OR
    assert format_table(truth_table(not_, 1)) == LECTURE_NOT
    # x_1 AND NOT x_2: excitatory x_1, inhibitory x_2
    assert [row[-1] for row in truth_table(McCullochPitts((0,), (1,), 1), 2)] == [0, 0, 1, 0]


def test_networks_compose_units_layer_by_layer():
    # half adder: (sum, carry) = (x1 XOR x2, x1 AND x2), two layers, two outputs
    half_adder = Network(((OR, NAND, AND), (Unit((1, 1, 0), 2), Unit((0, 0, 1), 1))))
    for x in inputs(2):
        assert half_adder(x) == (x[0] ^ x[1], x[0] & x[1])
    # one layer of three units: at least 1, 2, 3 of three inputs active
    count = Network(((Unit((1, 1, 1), 1), Unit((1, 1, 1), 2), Unit((1, 1, 1), 3)),))
    assert count([1, 0, 1]) == (1, 1, 0)
    # a network is callable like a unit, so it can be a unit of a bigger network
    xor3 = Network(((Wired(XOR, (0, 1), 3), Wired(Unit((1,), 1), (2,), 3)), (XOR,)))
    assert [xor3(x) for x in inputs(3)] == [sum(x) % 2 for x in inputs(3)]


def test_bad_inputs_are_refused_with_a_message():
    with pytest.raises(DataError, match="2 inputs, each 0 or 1"):
        AND([0, 2])
    with pytest.raises(DataError, match="2 inputs"):
        AND([1])
    with pytest.raises(DataError, match="2\\*\\*n inputs"):
        find_unit([0, 1, 1])
    with pytest.raises(DataError, match="0 or 1"):
        find_unit([0, 2, 1, 0])
    with pytest.raises(DataError, match="layer 1"):
        Network(((AND, OR), (NOT,)))
    with pytest.raises(DataError, match="same inputs"):
        Network(((AND, NOT),))
    with pytest.raises(DataError, match=r"positions in 0\.\.2"):
        Wired(AND, (0, 3), 3)
    with pytest.raises(DataError, match="excitatory or inhibitory"):
        McCullochPitts((0,), (0,), 1)
