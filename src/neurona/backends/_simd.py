r"""Explicit-SIMD row primitives for the compiled kernels, as Numba intrinsics.

LLVM's loop vectorizer turns ``for j in range(m): s += x[j] * w[j]`` into a 4-way
interleaved vector loop, then a narrower vector epilogue, then a scalar loop, each chained
to the one before. For the rows the kernels see (m ≈ 100), that is about three times the
instructions of the arithmetic itself, and float32 rows are short enough to be bound by
those instructions rather than by memory. These intrinsics emit the loops directly on LLVM
vector types of one 64-byte register (16 float32 or 8 float64 lanes; LLVM splits them on
narrower machines): two or four accumulators over the full vectors, one horizontal sum,
and a scalar tail summed on its own chain.

Rounding contract:

* sums (``dot``, ``dot2``, the two sums of ``dot_ahead_update``) are taken in lanes,
  with fused multiply-adds where the machine has them (``llvm.fmuladd``); they differ from
  BLAS's order in the last bits, as any SIMD dot product does;
* ``add_rows`` (a step's gradient, ``y += Σ_r e_r x_r`` over ``TILE`` rows) takes, per
  feature, ``y + e_0 x_0 + e_1 x_1 + …`` in that order, fused where the machine has it;
* ``axpy`` is ``y[j] + x[j] * a`` rounded twice, a multiply then an add, never fused: bit
  for bit NumPy's ``y += a * x``;
* ``dot_ahead_update`` (LMS, whose net inputs are computed ahead and so agree with NumPy's
  only to a tolerance anyway) fuses its update ``w[j] + x[j] * s`` where the machine can:
  one instruction fewer per vector on the kernel's critical loop.

Every array argument must be C-contiguous, 1-D (but ``add_rows``'s ``X``) and of one float
dtype (float32 or float64), and the array that is updated must be writeable; the scalar
is cast to that dtype first (NumPy's weak-scalar rule).

Numba's on-disk cache is keyed on the kernels' file (``numba.py``), not on this one: after
editing here, delete the cached kernels (``make clean`` does) or touch ``numba.py``.
"""

from __future__ import annotations

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

__all__ = ["TILE", "add_rows", "axpy", "dot", "dot2", "dot_ahead_update"]

#: bytes per vector: one AVX-512 register; LLVM legalises wider-than-native vectors
_VECTOR_BYTES = 64
_I32 = ir.IntType(32)
#: independent vector accumulators per sum (``_Rows.loop``'s ``unroll``): a row's sum is a
#: chain of about m / (lanes · unroll) dependent multiply-adds, which bounds a perceptron
#: epoch after each update (its next row waits for this one). ``dot`` and ``dot2`` take 4;
#: ``axpy`` unrolls by 2; ``dot_ahead_update`` takes 2 for float32 and 4 for float64
#: (interleaved A/B runs of the LMS kernel on m = 100).
_UNROLL = {"dot": 4, "fused": 2, "ahead": {32: 2, 64: 4}}
#: rows added to an accumulator by one ``add_rows`` call
TILE = 8


def _rows_ok(*arrays) -> bool:
    """Whether the intrinsics take these arrays: 1-D, C order, one float dtype."""
    first = arrays[0]
    return all(
        isinstance(a, types.Array) and a.ndim == 1 and a.layout == "C" and a.dtype == first.dtype
        for a in arrays
    ) and first.dtype in (types.float32, types.float64)


class _Rows:
    """Code generation shared by the intrinsics: pointers, vector loads, loops."""

    def __init__(self, context, builder, dtype, arrays, array_types):
        self.builder = builder
        self.ft = context.get_value_type(dtype)
        self.itemsize = dtype.bitwidth // 8
        self.lanes = _VECTOR_BYTES // self.itemsize
        self.vty = ir.VectorType(self.ft, self.lanes)
        pairs = zip(array_types, arrays, strict=True)
        structs = [context.make_array(t)(context, builder, a) for t, a in pairs]
        self.data = [s.data for s in structs]
        self.n = cgutils.unpack_tuple(builder, structs[0].shape, 1)[0]
        self.intp = self.n.type
        suffix = f"v{self.lanes}f{dtype.bitwidth}"
        fnty = ir.FunctionType(self.vty, [self.vty] * 3)
        self._fmuladd_v = cgutils.get_or_insert_function(
            builder.module, fnty, f"llvm.fmuladd.{suffix}"
        )
        fnty = ir.FunctionType(self.ft, [self.ft] * 3)
        self._fmuladd_s = cgutils.get_or_insert_function(
            builder.module, fnty, f"llvm.fmuladd.f{dtype.bitwidth}"
        )

    def const(self, value: int):
        return ir.Constant(self.intp, value)

    def zero_vector(self):
        return ir.Constant(self.vty, [ir.Constant(self.ft, 0.0)] * self.lanes)

    def splat(self, scalar):
        b = self.builder
        v = b.insert_element(ir.Constant(self.vty, ir.Undefined), scalar, _I32(0))
        zeros = ir.Constant(ir.VectorType(_I32, self.lanes), [0] * self.lanes)
        return b.shuffle_vector(v, v, zeros)

    def _vector_ptr(self, which: int, offset):
        ptr = self.builder.gep(self.data[which], [offset])
        return self.builder.bitcast(ptr, self.vty.as_pointer())

    def load_vector(self, which: int, offset):
        return self.builder.load(self._vector_ptr(which, offset), align=self.itemsize)

    def store_vector(self, value, which: int, offset):
        self.builder.store(value, self._vector_ptr(which, offset), align=self.itemsize)

    def load(self, which: int, j):
        return self.builder.load(self.builder.gep(self.data[which], [j]))

    def store(self, value, which: int, j):
        self.builder.store(value, self.builder.gep(self.data[which], [j]))

    def fmuladd(self, a, b, c):
        fn = self._fmuladd_v if isinstance(a.type, ir.VectorType) else self._fmuladd_s
        return self.builder.call(fn, [a, b, c])

    def hsum(self, v):
        """Sum of a vector's lanes, by halves (a fixed tree)."""
        b, n = self.builder, self.lanes
        while n > 1:
            h = n // 2
            lo = b.shuffle_vector(v, v, ir.Constant(ir.VectorType(_I32, h), list(range(h))))
            hi = b.shuffle_vector(v, v, ir.Constant(ir.VectorType(_I32, h), list(range(h, n))))
            v, n = b.fadd(lo, hi), h
        return b.extract_element(v, _I32(0))

    def loop(self, n_sums: int, vector_body, scalar_body, unroll: int):
        """Run ``vector_body(offset, accs)`` over the full vectors, ``unroll`` at a time
        into ``unroll`` sets of accumulators, and ``scalar_body(j, accs)`` over the tail;
        each body returns its new accumulators.

        Return the ``n_sums`` sums: the vector accumulators added pairwise, summed across
        lanes, plus the tail's scalar accumulator.
        """
        b, lanes = self.builder, self.lanes
        n_vectors = b.udiv(self.n, self.const(lanes))
        groups = b.udiv(n_vectors, self.const(unroll))
        accs = [
            [cgutils.alloca_once_value(b, self.zero_vector()) for _ in range(n_sums)]
            for _ in range(unroll)
        ]

        def vector_step(slot, index):
            offset = b.mul(index, self.const(lanes))
            new = vector_body(offset, [b.load(a) for a in accs[slot]])
            for a, v in zip(accs[slot], new, strict=True):
                b.store(v, a)

        with cgutils.for_range(b, groups) as loop:
            first = b.mul(loop.index, self.const(unroll))
            for slot in range(unroll):
                vector_step(slot, b.add(first, self.const(slot)))
        done = b.mul(groups, self.const(unroll))
        for slot in range(unroll - 1):  # the last < unroll full vectors
            index = b.add(done, self.const(slot))
            with b.if_then(b.icmp_unsigned("<", index, n_vectors)):
                vector_step(slot, index)
        tail = [cgutils.alloca_once_value(b, ir.Constant(self.ft, 0.0)) for _ in range(n_sums)]
        start = b.mul(n_vectors, self.const(lanes))
        with cgutils.for_range_slice(b, start, self.n, self.const(1)) as (j, _):
            new = scalar_body(j, [b.load(a) for a in tail])
            for a, v in zip(tail, new, strict=True):
                b.store(v, a)
        sums = []
        for k in range(n_sums):
            vectors = [b.load(accs[slot][k]) for slot in range(unroll)]
            while len(vectors) > 1:  # pairwise: (a0 + a1) + (a2 + a3)
                vectors = [b.fadd(u, v) for u, v in zip(vectors[::2], vectors[1::2], strict=True)]
            sums.append(b.fadd(self.hsum(vectors[0]), b.load(tail[k])))
        return sums


@intrinsic
def dot(typingctx, x, w):
    """``Σ_j x[j] w[j]`` in the arrays' dtype (``len(w) >= len(x)``)."""
    if not _rows_ok(x, w):
        return None

    def codegen(context, builder, signature, args):
        r = _Rows(context, builder, x.dtype, args, signature.args)
        (s,) = r.loop(
            1,
            lambda off, a: [r.fmuladd(r.load_vector(0, off), r.load_vector(1, off), a[0])],
            lambda j, a: [r.fmuladd(r.load(0, j), r.load(1, j), a[0])],
            _UNROLL["dot"],
        )
        return s

    return x.dtype(x, w), codegen


@intrinsic
def dot2(typingctx, x, w, v):
    """``(xᵀ w, xᵀ v)``: two dot products of one row, in one pass over it.

    Each sum is taken in exactly ``dot``'s order (same accumulators, same tree), so
    ``dot2(x, w, v)[0] == dot(x, w)`` bit for bit: a kernel may use either.
    """
    if not _rows_ok(x, w, v):
        return None

    def codegen(context, builder, signature, args):
        r = _Rows(context, builder, x.dtype, args, signature.args)

        def vector_body(off, acc):
            xv = r.load_vector(0, off)
            return [
                r.fmuladd(xv, r.load_vector(1, off), acc[0]),
                r.fmuladd(xv, r.load_vector(2, off), acc[1]),
            ]

        def scalar_body(j, acc):
            xj = r.load(0, j)
            return [r.fmuladd(xj, r.load(1, j), acc[0]), r.fmuladd(xj, r.load(2, j), acc[1])]

        sums = r.loop(2, vector_body, scalar_body, _UNROLL["dot"])
        return context.make_tuple(builder, signature.return_type, sums)

    return types.UniTuple(x.dtype, 2)(x, w, v), codegen


def _cast_scalar(context, builder, signature, args, position, dtype):
    return context.cast(builder, args[position], signature.args[position], dtype)


@intrinsic
def axpy(typingctx, y, x, a):
    """``y[j] += x[j] * a`` for ``j < len(x)``: a multiply, then an add (NumPy's order)."""
    if not (_rows_ok(y, x) and y.mutable and isinstance(a, (types.Float, types.Integer))):
        return None

    def codegen(context, builder, signature, args):
        arrays, array_types = [args[1], args[0]], [signature.args[1], signature.args[0]]
        r = _Rows(context, builder, x.dtype, arrays, array_types)  # data[0] = x, data[1] = y
        s = _cast_scalar(context, builder, signature, args, 2, x.dtype)
        sv = r.splat(s)

        def vector_body(off, _):
            new = builder.fadd(r.load_vector(1, off), builder.fmul(r.load_vector(0, off), sv))
            r.store_vector(new, 1, off)
            return []

        def scalar_body(j, _):
            r.store(builder.fadd(r.load(1, j), builder.fmul(r.load(0, j), s)), 1, j)
            return []

        r.loop(0, vector_body, scalar_body, _UNROLL["fused"])
        return context.get_dummy_value()

    return types.void(y, x, a), codegen


@intrinsic
def dot_ahead_update(typingctx, x_next, x, w, s):
    """Return ``x_nextᵀ w + s · x_nextᵀ x`` (``w`` before the update) and apply
    ``w[j] += x[j] * s``, in one pass over the features."""
    if not (_rows_ok(x_next, x, w) and w.mutable and isinstance(s, (types.Float, types.Integer))):
        return None

    def codegen(context, builder, signature, args):
        r = _Rows(context, builder, x.dtype, args[:3], signature.args[:3])
        sc = _cast_scalar(context, builder, signature, args, 3, x.dtype)
        sv = r.splat(sc)

        def vector_body(off, acc):
            xn, xv, wv = (r.load_vector(k, off) for k in range(3))
            r.store_vector(r.fmuladd(xv, sv, wv), 2, off)
            return [r.fmuladd(xn, wv, acc[0]), r.fmuladd(xn, xv, acc[1])]

        def scalar_body(j, acc):
            xn, xv, wv = (r.load(k, j) for k in range(3))
            r.store(r.fmuladd(xv, sc, wv), 2, j)
            return [r.fmuladd(xn, wv, acc[0]), r.fmuladd(xn, xv, acc[1])]

        a, c = r.loop(2, vector_body, scalar_body, _UNROLL["ahead"][x.dtype.bitwidth])
        return builder.fadd(a, builder.fmul(sc, c))

    return x.dtype(x_next, x, w, s), codegen


@intrinsic
def add_rows(typingctx, y, X, rows, e):
    """``y[j] += Σ_{r < TILE} e[r] · X[rows[r], j]`` for ``j < len(y)``.

    One pass over ``y`` for ``TILE`` rows of a C-contiguous ``X`` (rows recently read, so
    in cache), instead of one read-modify-write of ``y`` per row: a step's gradient
    ``Σ e x`` at about half the instructions. ``rows`` (int64) and ``e`` (the data's
    dtype) hold at least ``TILE`` entries; pad a short tile with ``e = 0`` on a row
    already in it.
    """
    ok = (
        _rows_ok(y, e)
        and y.mutable
        and isinstance(X, types.Array)
        and X.ndim == 2
        and X.layout == "C"
        and X.dtype == y.dtype
        and isinstance(rows, types.Array)
        and rows.ndim == 1
        and rows.dtype == types.int64
    )
    if not ok:
        return None

    def codegen(context, builder, signature, args):
        r = _Rows(context, builder, y.dtype, args[:1], signature.args[:1])  # n = len(y)
        Xa, ra, ea = (
            context.make_array(t)(context, builder, a)
            for t, a in zip(signature.args[1:], args[1:], strict=True)
        )
        m = cgutils.unpack_tuple(builder, Xa.shape, 2)[1]
        row_ptrs, scales = [], []
        for k in range(TILE):
            row = builder.load(builder.gep(ra.data, [r.const(k)]))
            row_ptrs.append(builder.gep(Xa.data, [builder.mul(row, m)]))
            scales.append(builder.load(builder.gep(ea.data, [r.const(k)])))
        splats = [r.splat(s) for s in scales]
        n_vectors = builder.udiv(r.n, r.const(r.lanes))
        with cgutils.for_range(builder, n_vectors) as loop:
            offset = builder.mul(loop.index, r.const(r.lanes))
            acc = r.load_vector(0, offset)
            for ptr, sv in zip(row_ptrs, splats, strict=True):
                xp = builder.bitcast(builder.gep(ptr, [offset]), r.vty.as_pointer())
                acc = r.fmuladd(builder.load(xp, align=r.itemsize), sv, acc)
            r.store_vector(acc, 0, offset)
        start = builder.mul(n_vectors, r.const(r.lanes))
        with cgutils.for_range_slice(builder, start, r.n, r.const(1)) as (j, _):
            acc = r.load(0, j)
            for ptr, s in zip(row_ptrs, scales, strict=True):
                acc = r.fmuladd(builder.load(builder.gep(ptr, [j])), s, acc)
            r.store(acc, 0, j)
        return context.get_dummy_value()

    return types.void(y, X, rows, e), codegen
