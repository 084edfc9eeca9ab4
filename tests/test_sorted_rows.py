"""Rows sorted by class: the check in one pass over ``y``, against the definition."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from neurona._order import MIN_ROWS, sorted_by_class


def textbook_sorted(y) -> bool:
    """The definition, written out: one contiguous block per class, 2 classes or more,
    MIN_ROWS rows or more, and at least twice as many rows as classes."""
    y = list(y)
    if len(y) < MIN_ROWS:
        return False
    blocks = [y[0]] + [b for a, b in itertools.pairwise(y) if a != b]
    classes = set(y)
    return 2 <= len(classes) <= len(y) // 2 and len(blocks) == len(classes)


@given(st.lists(st.integers(0, 3), min_size=0, max_size=40))
def test_any_labels_agree_with_the_definition(labels):
    assert sorted_by_class(np.array(labels, dtype=int)) == textbook_sorted(labels)


@given(st.lists(st.tuples(st.sampled_from("abcde"), st.integers(1, 12)), min_size=1, max_size=6))
def test_runs_of_labels_agree_with_the_definition(runs):
    # blocks of repeated labels, the shape that sorted data has (and a class that comes
    # back after another makes it unsorted)
    labels = [label for label, count in runs for _ in range(count)]
    assert sorted_by_class(np.array(labels, dtype=object)) == textbook_sorted(labels)
    assert sorted_by_class(np.array(labels)) == textbook_sorted(labels)


def test_the_iris_order_and_its_edges():
    assert sorted_by_class(np.repeat([0, 1, 2], 50))
    assert not sorted_by_class(np.repeat([0, 1, 0], 50))  # a class in two blocks
    assert not sorted_by_class(np.zeros(50, int))  # one class
    assert not sorted_by_class(np.tile([0, 1], 50))  # blocks of one row
    assert sorted_by_class(np.repeat([0, 1], [5, 5]))  # 10 rows, 2 classes: at the bounds
    assert not sorted_by_class(np.repeat([0, 1], [5, 4]))  # below MIN_ROWS
    assert not sorted_by_class(np.array([[0], [1]] * 10))  # not 1-D
