"""The explicit-SIMD row primitives (neurona.backends._simd) against NumPy.

Lengths 0..70 cover every path of the generated loops for both lane widths (8 float64,
16 float32 per vector): no full vector, an odd and an even number of vectors, with and
without a partial last vector. Updates must equal NumPy's ``y + x * a`` bit for bit; sums
must equal a float64 (``math.fsum``-exact for these sizes) reference to the dtype's
rounding. Rows taken by ``row(X, i)`` and weights held in registers (``hold``) must give
the array forms' results bit for bit.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np
import pytest

from neurona.backends import _simd
from neurona.backends._simd import (
    TILE,
    accumulate,
    add_rows,
    axpy,
    dot,
    dot2,
    dot_ahead_update,
    held_shape,
    hold,
    release,
    row,
    update,
    update_ahead,
)

LENGTHS = range(71)
DTYPES = [np.float64, np.float32]
#: |sum - exact| <= SLACK * eps * Σ|terms|: a lane-wise sum of at most 70 terms
SLACK = 70


@nb.njit
def _dot(x, w):
    return dot(x, w)


@nb.njit
def _dot2(x, w, v):
    return dot2(x, w, v)


@nb.njit
def _axpy(y, x, a):
    axpy(y, x, a)


@nb.njit
def _dot_ahead_update(x_next, x, w, s):
    return dot_ahead_update(x_next, x, w, s)


@nb.njit
def _add_rows(y, X, rows, e):
    add_rows(y, X, rows, e)


def _rows(n: int, dtype, k: int = 3, seed: int = 0):
    rng = np.random.default_rng(seed + n)
    return [rng.normal(size=n).astype(dtype) for _ in range(k)]


def _exact_dot(x, w):
    terms = [float(a) * float(b) for a, b in zip(x, w, strict=True)]
    return math.fsum(terms), math.fsum(abs(t) for t in terms)


def _assert_sum_close(got, x, w, dtype):
    exact, magnitude = _exact_dot(x, w)
    eps = np.finfo(dtype).eps
    assert abs(float(got) - exact) <= SLACK * eps * magnitude + np.finfo(dtype).tiny


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", LENGTHS)
def test_dot_matches_an_exact_sum(n, dtype):
    x, w, _ = _rows(n, dtype)
    got = _dot(x, w)
    _assert_sum_close(got, x, w, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", LENGTHS)
def test_dot2_is_two_dots_in_dots_order(n, dtype):
    """Bit for bit ``dot``'s sums: a kernel's net input must not depend on which it used."""
    x, w, v = _rows(n, dtype)
    a, c = _dot2(x, w, v)
    assert a == _dot(x, w)
    assert c == _dot(x, v)
    _assert_sum_close(a, x, w, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_dot_of_integers_is_exact(dtype):
    rng = np.random.default_rng(1)
    for n in LENGTHS:
        x = rng.integers(-9, 10, size=n).astype(dtype)
        w = rng.integers(-9, 10, size=n).astype(dtype)
        assert _dot(x, w) == int(x.astype(np.int64) @ w.astype(np.int64))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", LENGTHS)
def test_axpy_is_numpys_update_bit_for_bit(n, dtype):
    y, x, _ = _rows(n, dtype)
    a = 0.37  # a Python float: cast to the dtype first, as NumPy's weak scalar
    expected = y + a * x
    _axpy(y, x, a)
    np.testing.assert_array_equal(y, expected)
    assert y.dtype == dtype


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", LENGTHS)
def test_dot_ahead_update_predicts_the_next_net_input(n, dtype):
    x_next, x, w = _rows(n, dtype)
    s = dtype(0.5)
    w0 = w.copy()
    got = _dot_ahead_update(x_next, x, w, s)
    # the update may be fused (one rounding): within one ulp of the twice-rounded value
    exact = w0.astype(np.float64) + x.astype(np.float64) * float(s)
    assert np.all(np.abs(w - exact) <= np.finfo(dtype).eps * np.abs(exact))
    # x_nextᵀ w_old + s x_nextᵀ x: both sums to the dtype's rounding, then combined
    a, mag_a = _exact_dot(x_next, w0)
    c, mag_c = _exact_dot(x_next, x)
    eps = np.finfo(dtype).eps
    bound = SLACK * eps * (mag_a + 0.5 * mag_c) + eps * abs(a + 0.5 * c)
    assert abs(float(got) - (a + 0.5 * c)) <= bound + np.finfo(dtype).tiny


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", LENGTHS)
def test_add_rows_adds_a_tile_of_scaled_rows(n, dtype):
    rng = np.random.default_rng(n)
    X = rng.normal(size=(20, n)).astype(dtype)
    y = rng.normal(size=n).astype(dtype)
    rows = rng.integers(0, 20, size=TILE)  # repeats allowed
    e = rng.normal(size=TILE).astype(dtype)
    e[-2:] = 0  # the padding of a short tile changes nothing
    y0 = y.copy()
    _add_rows(y, X, rows, e)
    terms = [y0.astype(np.float64)] + [
        float(e[k]) * X[r].astype(np.float64) for k, r in enumerate(rows)
    ]
    exact = np.sum(terms, axis=0)
    magnitude = np.sum(np.abs(terms), axis=0)
    assert np.all(np.abs(y - exact) <= (TILE + 1) * np.finfo(dtype).eps * magnitude)


@pytest.mark.parametrize("dtype", DTYPES)
def test_add_rows_of_integers_is_exact(dtype):
    rng = np.random.default_rng(2)
    X = rng.integers(-9, 10, size=(30, 37)).astype(dtype)
    y = rng.integers(-9, 10, size=37).astype(dtype)
    rows = rng.integers(0, 30, size=TILE)
    e = rng.integers(-3, 4, size=TILE).astype(dtype)
    expected = y + e @ X[rows]
    _add_rows(y, X, rows, e)
    np.testing.assert_array_equal(y, expected)


def test_rows_must_be_contiguous_and_of_one_dtype():
    x = np.ones(20)
    with pytest.raises(nb.core.errors.TypingError):
        _dot(x[::2], x[:10])
    with pytest.raises(nb.core.errors.TypingError):
        _dot(x, x.astype(np.float32))
    with pytest.raises(nb.core.errors.TypingError):
        _dot(x.astype(np.int64), x.astype(np.int64))
    y = np.ones(20)
    y.flags.writeable = False
    with pytest.raises(nb.core.errors.TypingError):
        _axpy(y, x, 1.0)


# ------------------------------------------------------------- rows and held weights

#: every held layout up to 4 float32 / 8 float64 full vectors, with and without a partial
HELD_LENGTHS = [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 70]


@nb.njit
def _array_ops(x_next, x, w, s):
    d = dot(x, w)
    d2 = dot2(x, w, x_next)
    axpy(w, x, s)
    a = dot_ahead_update(x_next, x, w, s)
    return d, d2, a


@nb.njit
def _handle_ops(x_next, x, w, s, shape):
    h = hold(w, shape)
    d = dot(x, h)
    d2 = dot2(x, h, x_next)
    h = update(h, x, s)
    a, h = update_ahead(x_next, x, h, s)
    release(h, w)
    return d, d2, a


@nb.njit
def _row_ops(X, w, s, shape):
    """``_handle_ops`` on rows 0 and 1 of ``X`` taken by ``row``."""
    return _handle_ops(row(X, 1), row(X, 0), w, s, shape)


@pytest.mark.parametrize("held", [True, False], ids=["held", "row"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", HELD_LENGTHS)
def test_held_and_row_weights_give_the_arrays_bits(n, dtype, held):
    """Weights in registers (or as a Row) and rows by ``row``: the same sums and updates
    as the array forms, bit for bit."""
    x, w, x_next = _rows(n, dtype)
    s = dtype(0.37)
    lanes = 64 // np.dtype(dtype).itemsize
    shape = (0,) * -(-n // lanes) if held else None  # ⌈n / lanes⌉ vectors
    w_array, w_handle, w_row = w.copy(), w.copy(), w.copy()
    want = _array_ops(x_next, x, w_array, s)
    assert _handle_ops(x_next, x, w_handle, s, shape) == want
    assert _row_ops(np.stack([x, x_next]), w_row, s, shape) == want
    np.testing.assert_array_equal(w_handle, w_array)
    np.testing.assert_array_equal(w_row, w_array)


@pytest.mark.parametrize("dtype", DTYPES)
def test_release_writes_only_the_weights(dtype):
    """The partial vector is stored under its mask: the items after ``w`` are untouched."""
    buffer = np.full(40, 7.0, dtype)
    w, x = buffer[:19], np.arange(19, dtype=dtype)
    lanes = 64 // np.dtype(dtype).itemsize
    _handle_ops(x, x, w, dtype(1), (0,) * -(-19 // lanes))
    np.testing.assert_array_equal(buffer[19:], 7.0)
    np.testing.assert_array_equal(w, 7 + 2 * x)  # two updates by x·1


def test_held_shape_follows_the_register_budget(monkeypatch):
    """Vector count for ``hold`` (the partial one included); None past the budget or
    without one."""
    monkeypatch.setattr(_simd, "HOLD_VECTORS", 16)
    assert held_shape(100, 8) == (0,) * 13  # 12 full float64 vectors + a partial one
    assert held_shape(128, 8) == (0,) * 16  # no partial vector: no register spent on one
    assert held_shape(129, 8) is None  # 17 vectors
    assert held_shape(256, 4) == (0,) * 16
    assert held_shape(3, 4) == (0,)  # one partial vector
    assert held_shape(0, 8) is None
    monkeypatch.setattr(_simd, "HOLD_VECTORS", 0)
    assert held_shape(100, 8) is None


def test_handles_are_refused_where_they_do_not_fit():
    x = np.ones(20)
    with pytest.raises(nb.core.errors.TypingError):
        _handle_ops(x, x, x.astype(np.float32), np.float32(1), None)  # mixed dtypes
    with pytest.raises(nb.core.errors.TypingError):
        _handle_ops(x, x, x, 1.0, 3)  # a shape must be a tuple or None


@pytest.mark.parametrize("shape", [None, (0, 0, 0)], ids=["row", "held"])
def test_read_only_weights_cannot_be_updated(shape):
    """A Row keeps its array's read-only flag: no update through it, no release into it."""
    x, w = np.ones(20), np.ones(20)
    w.flags.writeable = False
    with pytest.raises(nb.core.errors.TypingError):
        _handle_ops(x, x, w, 1.0, shape)
    X = np.ones((2, 20))
    X.flags.writeable = False
    with pytest.raises(nb.core.errors.TypingError):
        _row_axpy(X, x)


@nb.njit
def _row_axpy(X, x):
    axpy(row(X, 0), x, 1.0)


@nb.njit
def _accumulate_rows(y, X, rows, e, shape):
    """``accumulate`` of rows ``rows`` scaled by ``e``, one at a time, into ``y``."""
    h = hold(y, shape)
    for k in range(rows.shape[0]):
        h = accumulate(h, row(X, rows[k]), e[k])
    release(h, y)


@pytest.mark.parametrize("held", [True, False], ids=["held", "row"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", HELD_LENGTHS)
def test_accumulate_row_by_row_is_add_rows(n, dtype, held):
    """A gradient summed row by row (held in registers or in memory) is ``add_rows``'s
    over the same rows in the same order, bit for bit."""
    rng = np.random.default_rng(n + 100)
    X = rng.normal(size=(20, n)).astype(dtype)
    y = rng.normal(size=n).astype(dtype)
    rows = rng.integers(0, 20, size=TILE)
    e = rng.normal(size=TILE).astype(dtype)
    want, got = y.copy(), y.copy()
    _add_rows(want, X, rows, e)
    lanes = 64 // np.dtype(dtype).itemsize
    _accumulate_rows(got, X, rows, e, (0,) * -(-n // lanes) if held else None)
    np.testing.assert_array_equal(got, want)


@nb.njit
def _sum_with_prefetch(a, idx):
    total = a[0] - a[0]
    for q in range(idx.shape[0]):
        if q + 3 < idx.shape[0]:
            _simd.prefetch(a, idx[q + 3])
        total += a[idx[q]]
    return total


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("step", [1, 2, 3])
def test_prefetch_is_a_hint_that_changes_nothing(dtype, step):
    """``prefetch`` on contiguous and strided arrays (a column of a C matrix): the sum it
    rides along is the plain one, bit for bit, and the array is untouched."""
    rng = np.random.default_rng(step)
    base = rng.normal(size=(500, step)).astype(dtype)
    a = base[:, 0]
    before = base.copy()
    idx = rng.integers(0, len(a), size=300)
    want = a[0] - a[0]
    for j in idx:
        want += a[j]
    assert _sum_with_prefetch(a, idx) == want
    np.testing.assert_array_equal(base, before)


@nb.njit
def _rows_with_prefetch(X, idx, ahead):
    total = X.dtype.type(0)
    for q in range(idx.shape[0]):
        if q + ahead < idx.shape[0]:
            _simd.prefetch_row(X, idx[q + ahead])
        for j in range(X.shape[1]):
            total += X[idx[q], j]
    return total


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("m", [0, 1, 7, 8, 9, 100, 1000])
def test_prefetch_row_is_a_hint_that_changes_nothing(dtype, m):
    """``prefetch_row`` on every row of matrices whose rows start anywhere in a cache line
    (and rows of no bytes): the sum it rides along is the plain one, bit for bit, and the
    matrix is untouched; the last row's lines end at the array's end (no fault)."""
    rng = np.random.default_rng(m)
    X = rng.normal(size=(40, m)).astype(dtype)
    before = X.copy()
    idx = np.concatenate([np.arange(len(X)), rng.integers(0, len(X), size=60)])
    idx[-1] = len(X) - 1
    for ahead in (1, 5):
        want = X.dtype.type(0)
        for q in idx:
            for j in range(m):
                want += X[q, j]
        assert _rows_with_prefetch(X, idx, ahead) == want
    np.testing.assert_array_equal(X, before)


# ---------------------------------------------------------------- many outputs, one row
# A K-output kernel holds the row (``hold(row(X, i), shape)``) and reads every output's
# weights against it: its sums (``dots_held``, ``dot`` on the held row), its updates
# (``axpy`` from the held row) and its gradient tiles (``add_rows3``) must equal the
# one-output primitives bit for bit, so that column k of a K-output fit is the fit of
# output k alone.


@nb.njit
def _dots_of_held_row(W, X, i, shape, lanes, out):
    """Every output's sum against row ``i`` held: ``dots_held`` a vector's worth
    (``lanes``) at a time, ``dot`` on the held row for the rest."""
    x = hold(row(X, i), shape)
    k = 0
    while k + lanes <= W.shape[0]:
        sums = _simd.dots_held(W, x, k)
        for o in range(len(sums)):
            out[k + o] = sums[o]
        k += lanes
    for j in range(k, W.shape[0]):
        out[j] = dot(row(W, j), x)


@nb.njit
def _axpy_from_held_row(y, X, i, shape, a):
    axpy(y, hold(row(X, i), shape), a)


@nb.njit
def _add_rows3(Y, X, rows, E, k):
    _simd.add_rows3(Y, X, rows, E, k)


def _wide(rng, shape, dtype):
    """Normal values over six decades of magnitude, some exactly zero."""
    values = rng.normal(size=shape) * 10.0 ** rng.uniform(-3, 3, size=shape)
    values[rng.random(size=shape) < 0.05] = 0.0
    return values.astype(dtype)


def _bits(a):
    return np.ascontiguousarray(a).view(np.uint8)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", HELD_LENGTHS)
def test_dots_of_a_held_row_are_dots_sums(n, dtype):
    """``dots_held`` (the horizontal sums of a vector's worth of outputs taken together)
    and ``dot`` against a held row: each equals ``dot(x, W[k])`` on the row in memory bit
    for bit, for outputs filling one vector, one and a half, and two."""
    rng = np.random.default_rng(n + 200)
    lanes = 64 // np.dtype(dtype).itemsize
    X = _wide(rng, (3, n), dtype)
    shape = (0,) * -(-n // lanes)
    for K in (lanes, lanes + lanes // 2, 2 * lanes):
        W = _wide(rng, (K, n), dtype)
        got = np.empty(K, dtype)
        _dots_of_held_row(W, X, 1, shape, lanes, got)
        want = np.array([_dot(X[1], W[k]) for k in range(K)], dtype)
        np.testing.assert_array_equal(_bits(got), _bits(want))
        for k in range(K):  # and each is the sum to the dtype's rounding
            _assert_sum_close(got[k], X[1], W[k], dtype)


def test_dots_held_keeps_infinities_and_nans_apart():
    """One output's inf or NaN stays in its own lane of the shared horizontal sums."""
    X = np.ones((1, 20))
    W = np.ones((8, 20))
    W[2, 3], W[5, 0], W[6, 1] = np.inf, np.nan, -np.inf
    got = np.empty(8)
    _dots_of_held_row(W, X, 0, (0,) * 3, 8, got)
    np.testing.assert_array_equal(got, [20, 20, np.inf, 20, 20, np.nan, -np.inf, 20])


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", HELD_LENGTHS)
def test_axpy_from_a_held_row_is_axpy(n, dtype):
    """``y += x · a`` from the held row: NumPy's ``y + x * a`` (two roundings), bit for
    bit, and only ``y``'s first ``n`` entries written."""
    rng = np.random.default_rng(n + 300)
    lanes = 64 // np.dtype(dtype).itemsize
    X = _wide(rng, (2, n), dtype)
    y = _wide(rng, n, dtype)
    a = dtype(rng.normal())
    want = y + X[1] * a
    _axpy_from_held_row(y, X, 1, (0,) * -(-n // lanes), a)
    np.testing.assert_array_equal(_bits(y), _bits(want))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 15, 16, 17, 33, 100])
def test_add_rows3_is_three_add_rows(n, dtype):
    """Three outputs' gradient blocks in one pass over a tile's rows: each is
    ``add_rows``'s, bit for bit, and the other rows of the block are untouched."""
    rng = np.random.default_rng(n + 400)
    X = _wide(rng, (20, n), dtype)
    Y = _wide(rng, (5, n), dtype)
    E = _wide(rng, (5, TILE + 2), dtype)  # rows wider than a tile: only TILE are read
    rows = rng.integers(0, 20, size=TILE)
    want = Y.copy()
    for o in range(1, 4):
        _add_rows(want[o], X, rows, np.ascontiguousarray(E[o, :TILE]))
    _add_rows3(Y, X, rows, E, 1)
    np.testing.assert_array_equal(_bits(Y), _bits(want))


def test_the_row_primitives_refuse_what_they_cannot_take():
    """Typing errors, not wrong sums: a held row of another dtype, a Fortran-ordered
    matrix, a read-only block."""
    X = np.ones((2, 9))
    with pytest.raises(nb.core.errors.TypingError):
        _dots_of_held_row(np.ones((8, 9), np.float32), X, 0, (0, 0), 8, np.empty(8))
    with pytest.raises(nb.core.errors.TypingError):
        _dots_of_held_row(np.asfortranarray(np.ones((8, 9))), X, 0, (0, 0), 8, np.empty(8))
    rows, E = np.zeros(TILE, np.int64), np.ones((3, TILE))
    frozen = np.ones((3, 9))
    frozen.flags.writeable = False
    with pytest.raises(nb.core.errors.TypingError):
        _add_rows3(frozen, X, rows, E, 0)
