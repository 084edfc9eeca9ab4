r"""Explicit-SIMD row primitives for the compiled kernels, as Numba intrinsics.

LLVM's loop vectorizer turns ``for j in range(m): s += x[j] * w[j]`` into a 4-way
interleaved vector loop, then a narrower vector epilogue, then a scalar loop, each chained
to the one before. For the rows the kernels see (m ≈ 100), that is about three times the
instructions of the arithmetic itself, and float32 rows are short enough to be bound by
those instructions rather than by memory. These intrinsics emit the loops directly on LLVM
vector types of one 64-byte register (16 float32 or 8 float64 lanes; LLVM splits them on
narrower machines): two or four accumulators over the vectors of a row, the last partial
vector under a lane mask, then one horizontal sum.

Operands
--------
A row operand is a 1-D C-contiguous array or a :class:`Row`: ``row(X, i)`` is row ``i``
of a C-contiguous 2-D array as a bare (pointer, length) pair. Unlike ``X[i]``, a ``Row``
carries no reference count: Numba increments and decrements the count of every array view
a loop creates, two calls per row that the compiler cannot remove around a branch, and
those calls also force every value held in vector registers out to the stack.

Weights may also be held in registers across rows: ``hold(w, held_shape(m, itemsize))``
returns a :class:`Held` value (the weights as ``⌈m / lanes⌉`` vectors, a compile-time
count, the last one under its lane mask); ``update`` and ``update_ahead`` return the
updated value and ``release`` stores it back. After an update, an online perceptron's
next row then waits only for register arithmetic, not for 13 stores and their reloads.
``hold(w, None)`` returns ``w`` as a ``Row`` instead, and ``update`` on a ``Row`` writes
through it (a ``Row`` of a read-only array cannot be updated): a kernel written against
``hold``/``update``/``release`` compiles to either form. Every sum and update is the same
arithmetic in the same order in both forms, so they agree bit for bit.

Rounding contract:

* sums (``dot``, ``dot2``, ``dot4``, ``dots_held``, the two sums of
  ``dot_ahead_update``/``update_ahead``) are taken in lanes, vector ``k`` of the row into
  accumulator ``k mod unroll``, with fused multiply-adds where the machine has them
  (``llvm.fmuladd``); they differ from BLAS's order in the last bits, as any SIMD dot
  product does. ``dot2``, ``dot4`` and ``dots_held`` take each of their sums in
  ``dot``'s order exactly (``dots_held`` adds the same lane pairs as ``dot``'s horizontal
  sum, for a vector's worth of sums at once);
* ``add_rows`` (a step's gradient, ``y += Σ_r e_r x_r`` over ``TILE`` rows) takes, per
  feature, ``y + e_0 x_0 + e_1 x_1 + …`` in that order, fused where the machine has it;
  ``add_rows3`` does so for three outputs in one pass over the rows;
* ``axpy`` and ``update`` are ``y[j] + x[j] * a`` rounded twice, a multiply then an add,
  never fused: bit for bit NumPy's ``y += a * x`` (``axpy``'s ``x`` may be a held row);
* ``dot_ahead_update`` and ``update_ahead`` (LMS, whose net inputs are computed ahead and
  so agree with NumPy's only to a tolerance anyway) fuse their update ``w[j] + x[j] * s``
  where the machine can: one instruction fewer per vector on the kernel's critical loop.

Every array operand must be C-contiguous, 1-D (but ``add_rows``'s and ``row``'s ``X``) and
of one float dtype (float32 or float64), an array that is updated must be writeable, and
the operands of one call have one length (an array ``w`` may be longer than ``x`` in
``dot``). The scalar is cast to the data's dtype first (NumPy's weak-scalar rule). Row
indices (``0 <= i < len(X)``, no wrap-around) and held shapes are not checked: the kernels
pass rows of their own arrays, whose shapes ``run_epoch`` checked.

Numba's on-disk cache is keyed on the kernels' file (``numba.py``), not on this one: after
editing here, delete the cached kernels (``make clean`` does) or touch ``numba.py``.
"""

from __future__ import annotations

import llvmlite.binding as _llvm
from llvmlite import ir
from numba import types
from numba.core import cgutils, config
from numba.extending import intrinsic, models, register_model

__all__ = [
    "HOLD_VECTORS",
    "ROWS_OUTPUTS",
    "TILE",
    "Held",
    "Row",
    "accumulate",
    "add_rows",
    "add_rows3",
    "axpy",
    "dot",
    "dot2",
    "dot4",
    "dot_ahead_update",
    "dots_held",
    "held_shape",
    "hold",
    "prefetch",
    "prefetch_row",
    "release",
    "row",
    "update",
    "update_ahead",
]

#: bytes per vector: one AVX-512 register; LLVM legalises wider-than-native vectors
_VECTOR_BYTES = 64
_I32 = ir.IntType(32)
_FLOATS = (types.float32, types.float64)
#: independent vector accumulators per sum (``_Rows.loop``'s ``unroll``): a row's sum is a
#: chain of about m / (lanes · unroll) dependent multiply-adds, which bounds a perceptron
#: epoch after each update (its next row waits for this one). ``dot`` and ``dot2`` take 4;
#: ``axpy`` unrolls by 2; ``dot_ahead_update`` takes 2 for float32 and 4 for float64
#: (interleaved A/B runs of the LMS kernel on m = 100).
_UNROLL = {"dot": 4, "fused": 2, "ahead": {32: 2, 64: 4}}
#: rows added to an accumulator by one ``add_rows`` call
TILE = 8


def _hold_budget() -> int:
    """Vectors of weights the kernels may hold in registers.

    16 of AVX-512's 32 registers (the rest hold a sum's accumulators and the row's
    vectors); 0 without AVX-512, or when Numba is told to compile for another CPU: with
    16 narrower registers, held weights would go to the stack and back every row.
    """
    if config.CPU_NAME not in (None, "host") or config.CPU_FEATURES:
        return 0
    try:
        features = _llvm.get_host_cpu_features()
    except RuntimeError:  # pragma: no cover - hosts whose features LLVM cannot read
        return 0
    return 16 if features.get("avx512f") else 0


#: at most this many vectors of weights are held in registers (0: never)
HOLD_VECTORS = _hold_budget()


def held_shape(m: int, itemsize: int) -> tuple[int, ...] | None:
    """The ``shape`` argument of ``hold`` for ``m`` weights of ``itemsize`` bytes: a tuple
    of ``⌈m / lanes⌉`` zeros (its length is the compile-time count of vectors held), or
    None where the weights should stay in memory (no register budget, or too many)."""
    vectors = -(-m // (_VECTOR_BYTES // itemsize))
    return (0,) * vectors if 0 < vectors <= HOLD_VECTORS else None


class Row(types.Type):
    """A row of a C-contiguous float array: (pointer to its first item, length), with no
    reference count. Valid while the array it points into is (a kernel's argument);
    ``mutable`` is the array's: a row of a read-only array cannot be updated."""

    def __init__(self, dtype, mutable: bool = True):
        self.dtype, self.mutable = dtype, mutable
        super().__init__(name=f"Row({dtype}, {'mutable' if mutable else 'readonly'})")


@register_model(Row)
class _RowModel(models.StructModel):
    def __init__(self, dmm, fe_type):
        members = [("data", types.CPointer(fe_type.dtype)), ("n", types.intp)]
        super().__init__(dmm, fe_type, members)


class Held(types.Type):
    """Weights held in ``n_vectors`` vector registers: full vectors, then the last one
    under its lane mask (the ``m - (n_vectors - 1) · lanes`` last weights; its other lanes
    are never summed or stored)."""

    def __init__(self, dtype, n_vectors: int):
        self.dtype, self.n_vectors = dtype, n_vectors
        self.lanes = _VECTOR_BYTES * 8 // dtype.bitwidth
        super().__init__(name=f"Held({dtype}, {n_vectors})")


@register_model(Held)
class _HeldModel(models.PrimitiveModel):
    def __init__(self, dmm, fe_type):
        ft = dmm.lookup(fe_type.dtype).get_value_type()
        vectors = ir.ArrayType(ir.VectorType(ft, fe_type.lanes), fe_type.n_vectors)
        super().__init__(dmm, fe_type, vectors)


def _is_row(t, dtype=None) -> bool:
    array = isinstance(t, types.Array) and t.ndim == 1 and t.layout == "C"
    ok = (array or isinstance(t, Row)) and t.dtype in _FLOATS
    return ok and (dtype is None or t.dtype == dtype)


def _rows_ok(*operands) -> bool:
    """Whether the intrinsics take these row operands: 1-D C arrays or Rows, one float
    dtype."""
    return _is_row(operands[0]) and all(_is_row(t, operands[0].dtype) for t in operands)


def _writable(t) -> bool:
    return t.mutable  # an array's or a Row's


def _writable_handle(t) -> bool:
    return isinstance(t, Held) or t.mutable


def _is_scalar(t) -> bool:
    return isinstance(t, (types.Float, types.Integer))


def _data_and_length(context, builder, ty, value):
    """(pointer to the first item, length) of a 1-D array or a Row."""
    if isinstance(ty, Row):
        proxy = cgutils.create_struct_proxy(ty)(context, builder, value=value)
        return proxy.data, proxy.n
    array = context.make_array(ty)(context, builder, value)
    return array.data, cgutils.unpack_tuple(builder, array.shape, 1)[0]


class _Rows:
    """Code generation shared by the intrinsics: pointers, vector loads, loops."""

    def __init__(self, context, builder, dtype, arrays, array_types):
        self.builder = builder
        self.ft = context.get_value_type(dtype)
        self.itemsize = dtype.bitwidth // 8
        self.lanes = _VECTOR_BYTES // self.itemsize
        self.vty = ir.VectorType(self.ft, self.lanes)
        pairs = [
            _data_and_length(context, builder, t, a)
            for t, a in zip(array_types, arrays, strict=True)
        ]
        self.data = [data for data, _ in pairs]
        self.n = pairs[0][1]
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
        mty = ir.VectorType(ir.IntType(1), self.lanes)
        vptr = self.vty.as_pointer()
        self._masked_load = cgutils.get_or_insert_function(
            builder.module,
            ir.FunctionType(self.vty, [vptr, _I32, mty, self.vty]),
            f"llvm.masked.load.{suffix}.p0",
        )
        self._masked_store = cgutils.get_or_insert_function(
            builder.module,
            ir.FunctionType(ir.VoidType(), [self.vty, vptr, _I32, mty]),
            f"llvm.masked.store.{suffix}.p0",
        )

    def const(self, value: int):
        return ir.Constant(self.intp, value)

    def zero_vector(self):
        return ir.Constant(self.vty, [ir.Constant(self.ft, 0.0)] * self.lanes)

    def _splat(self, scalar, vty):
        b = self.builder
        v = b.insert_element(ir.Constant(vty, ir.Undefined), scalar, _I32(0))
        zeros = ir.Constant(ir.VectorType(_I32, vty.count), [0] * vty.count)
        return b.shuffle_vector(v, v, zeros)

    def splat(self, scalar):
        return self._splat(scalar, self.vty)

    def tail(self, n_vectors: int | None = None):
        """(index of the partial vector, its lane mask: lane < n mod lanes); for a row held
        in ``n_vectors`` vectors, the mask of the last one (all lanes if it is full)."""
        b = self.builder
        if n_vectors is None:
            index = b.udiv(self.n, self.const(self.lanes))
        else:
            index = self.const(max(n_vectors - 1, 0))
        n_tail = b.trunc(b.sub(self.n, b.mul(index, self.const(self.lanes))), _I32)
        lanes = ir.Constant(ir.VectorType(_I32, self.lanes), list(range(self.lanes)))
        mask = b.icmp_unsigned("<", lanes, self._splat(n_tail, ir.VectorType(_I32, self.lanes)))
        return index, mask

    def _vector_ptr(self, which: int, offset):
        ptr = self.builder.gep(self.data[which], [offset])
        return self.builder.bitcast(ptr, self.vty.as_pointer())

    def load_vector(self, which: int, offset, mask=None):
        """The vector at ``offset``; under ``mask``, its other lanes read as 0 (and are not
        read from memory)."""
        return self._load(self._vector_ptr(which, offset), mask)

    def load_from(self, first, offset, mask=None):
        """``load_vector`` from an item pointer ``first`` that is not one of the operands
        (a row of ``X`` picked by index)."""
        ptr = self.builder.bitcast(self.builder.gep(first, [offset]), self.vty.as_pointer())
        return self._load(ptr, mask)

    def _load(self, ptr, mask):
        if mask is None:
            return self.builder.load(ptr, align=self.itemsize)
        align = _I32(self.itemsize)
        return self.builder.call(self._masked_load, [ptr, align, mask, self.zero_vector()])

    def store_vector(self, value, which: int, offset, mask=None):
        """Store ``value`` at ``offset``; under ``mask``, only its lanes."""
        ptr = self._vector_ptr(which, offset)
        if mask is None:
            self.builder.store(value, ptr, align=self.itemsize)
        else:
            self.builder.call(self._masked_store, [value, ptr, _I32(self.itemsize), mask])

    def load(self, which: int, j):
        return self.builder.load(self.builder.gep(self.data[which], [j]))

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

    def _combine(self, vectors):
        """A sum's accumulator sets added pairwise ((a0 + a1) + (a2 + a3)): one vector."""
        b = self.builder
        while len(vectors) > 1:
            vectors = [b.fadd(u, v) for u, v in zip(vectors[::2], vectors[1::2], strict=True)]
        return vectors[0]

    def _finish(self, vectors):
        """One sum from a sum's accumulator sets: added pairwise ((a0 + a1) + (a2 + a3)),
        then across lanes."""
        return self.hsum(self._combine(vectors))

    def hsums(self, vectors):
        """``[hsum(v) for v in vectors]`` for ``lanes`` vectors, as one vector: lane ``o``
        is ``hsum(vectors[o])`` bit for bit (each level adds the same lane pairs as
        ``hsum``'s halves), in ``lanes - 1`` adds and twice as many two-source shuffles
        instead of ``lanes`` separate trees.

        Each level pairs neighbouring vectors: where each held ``g`` sums ``w`` lanes wide,
        the pair's low halves go to one vector and its high halves to another, and their
        sum holds the pair's ``2g`` sums, ``w / 2`` lanes wide, in order.
        """
        b, n = self.builder, self.lanes
        assert len(vectors) == n
        width = n
        while len(vectors) > 1:
            half = width // 2
            groups = n // width  # sums per vector before this level
            lo = [c * width + i for c in range(groups) for i in range(half)]
            lo += [n + j for j in lo]
            hi = [j + half for j in lo]
            mask_lo = ir.Constant(ir.VectorType(_I32, n), lo)
            mask_hi = ir.Constant(ir.VectorType(_I32, n), hi)
            vectors = [
                b.fadd(b.shuffle_vector(p, q, mask_lo), b.shuffle_vector(p, q, mask_hi))
                for p, q in zip(vectors[::2], vectors[1::2], strict=True)
            ]
            width = half
        return vectors[0]

    def _masked_step(self, mask, old, new):
        """Accumulators after a partial vector: lanes past the row keep their old value."""
        return [self.builder.select(mask, v, o) for v, o in zip(new, old, strict=True)]

    def loop(self, n_sums: int, body, unroll: int):
        """Run ``body(offset, mask, accs)`` over the row's vectors, ``unroll`` at a time into
        ``unroll`` sets of accumulators (vector ``k`` into set ``k mod unroll``); ``mask``
        is None for full vectors and the lane mask of the last, partial one (if any).
        ``body`` returns the new accumulators. Return the ``n_sums`` sums.
        """
        b, lanes = self.builder, self.lanes
        n_vectors, mask = self.tail()
        has_tail = b.icmp_unsigned("!=", b.mul(n_vectors, self.const(lanes)), self.n)
        groups = b.udiv(n_vectors, self.const(unroll))
        accs = [
            [cgutils.alloca_once_value(b, self.zero_vector()) for _ in range(n_sums)]
            for _ in range(unroll)
        ]

        def step(slot, index, mask=None):
            offset = b.mul(index, self.const(lanes))
            old = [b.load(a) for a in accs[slot]]
            new = body(offset, mask, old)
            if mask is not None:
                new = self._masked_step(mask, old, new)
            for a, v in zip(accs[slot], new, strict=True):
                b.store(v, a)

        with cgutils.for_range(b, groups) as loop:
            first = b.mul(loop.index, self.const(unroll))
            for slot in range(unroll):
                step(slot, b.add(first, self.const(slot)))
        done = b.mul(groups, self.const(unroll))
        for slot in range(unroll):  # the last < unroll full vectors, then the partial one
            index = b.add(done, self.const(slot))
            if slot < unroll - 1:
                with b.if_then(b.icmp_unsigned("<", index, n_vectors)):
                    step(slot, index)
            is_tail = b.and_(b.icmp_unsigned("==", index, n_vectors), has_tail)
            with b.if_then(is_tail):
                step(slot, index, mask)
        return [self._finish([b.load(accs[s][k]) for s in range(unroll)]) for k in range(n_sums)]

    def unrolled_vectors(self, n_vectors: int, n_sums: int, body, unroll: int):
        """``unrolled``'s sums before their horizontal step: each sum's accumulator sets
        added pairwise (``_combine``), one vector a sum."""
        lanes = self.lanes
        _, mask = self.tail(n_vectors)
        accs = [[self.zero_vector()] * n_sums for _ in range(unroll)]
        for k in range(n_vectors):
            partial = mask if k == n_vectors - 1 else None
            old = accs[k % unroll]
            new = body(k, self.const(k * lanes), partial, old)
            accs[k % unroll] = new if partial is None else self._masked_step(mask, old, new)
        return [self._combine([accs[s][k] for s in range(unroll)]) for k in range(n_sums)]

    def unrolled(self, n_vectors: int, n_sums: int, body, unroll: int):
        """``loop`` for a row of ``n_vectors`` vectors, the last one under its mask,
        unrolled at compile time: ``body(k, offset, mask, accs)``, ``k`` the vector's
        index. The same sums, in the same order, as ``loop`` (a last vector that is full
        gives the same sums masked or not)."""
        vectors = self.unrolled_vectors(n_vectors, n_sums, body, unroll)
        return [self.hsum(v) for v in vectors]


def _held_vector(builder, held, k):
    return builder.extract_value(held, k)


@intrinsic
def prefetch(typingctx, a, i):
    """Ask the cache for ``a[i]`` (a 1-D array of any stride, ``0 <= i < len(a)``, not
    checked), as a read to be kept in every cache level (LLVM's ``llvm.prefetch``, one
    instruction such as x86's ``prefetcht0``). A hint only: it never faults, computes
    nothing and changes no result; the CSR kernels issue it some non-zeros ahead, so that
    the weight a later non-zero gathers is on its way while this one is summed."""
    if not (isinstance(a, types.Array) and a.ndim == 1 and isinstance(i, types.Integer)):
        return None

    def codegen(context, builder, signature, args):
        array_type = signature.args[0]
        array = context.make_array(array_type)(context, builder, args[0])
        index = context.cast(builder, args[1], signature.args[1], types.intp)
        item = cgutils.get_item_pointer(
            context, builder, array_type, array, [index], wraparound=False
        )
        _ask_cache(builder, builder.bitcast(item, ir.IntType(8).as_pointer()))
        return context.get_dummy_value()

    return types.void(a, i), codegen


def _ask_cache(builder, address) -> None:
    """``llvm.prefetch`` of the byte at ``address`` (an i8 pointer): a read (0), kept in
    every cache level (locality 3), of data (1)."""
    fn = cgutils.get_or_insert_function(
        builder.module,
        ir.FunctionType(ir.VoidType(), [address.type, _I32, _I32, _I32]),
        "llvm.prefetch.p0",
    )
    builder.call(fn, [address, _I32(0), _I32(3), _I32(1)])


def _is_row_of(X, i) -> bool:
    """``X`` a C-contiguous 2-D float array and ``i`` an integer: ``row``'s operands."""
    return (
        isinstance(X, types.Array)
        and X.ndim == 2
        and X.layout == "C"
        and X.dtype in _FLOATS
        and isinstance(i, types.Integer)
    )


def _row_start(context, builder, signature, args):
    """(pointer to the first item of row ``args[1]`` of the matrix ``args[0]``, its
    length)."""
    array = context.make_array(signature.args[0])(context, builder, args[0])
    m = cgutils.unpack_tuple(builder, array.shape, 2)[1]
    index = context.cast(builder, args[1], signature.args[1], types.intp)
    return builder.gep(array.data, [builder.mul(index, m)]), m


@intrinsic
def prefetch_row(typingctx, X, i):
    """Ask the cache for row ``i`` of a C-contiguous 2-D float array (every 64-byte line it
    touches; ``0 <= i < len(X)``, not checked), as ``prefetch`` does for one item. A hint
    only: it never faults and changes no result."""
    if not _is_row_of(X, i):
        return None

    def codegen(context, builder, signature, args):
        first, m = _row_start(context, builder, signature, args)
        address = builder.bitcast(first, ir.IntType(8).as_pointer())
        n_bytes = builder.mul(m, ir.Constant(m.type, signature.args[0].dtype.bitwidth // 8))
        start, line = ir.Constant(m.type, 0), ir.Constant(m.type, 64)
        with cgutils.for_range_slice(builder, start, n_bytes, line) as (offset, _):
            _ask_cache(builder, builder.gep(address, [offset]))
        # the line of the row's last byte (the loop misses it when the row starts mid-line)
        with builder.if_then(builder.icmp_signed(">", n_bytes, start)):
            last = builder.sub(n_bytes, ir.Constant(m.type, 1))
            _ask_cache(builder, builder.gep(address, [last]))
        return context.get_dummy_value()

    return types.void(X, i), codegen


@intrinsic
def row(typingctx, X, i):
    """Row ``i`` of a C-contiguous 2-D float array, as a :class:`Row` (``0 <= i < len(X)``,
    not checked; no wrap-around of negative ``i``)."""
    if not _is_row_of(X, i):
        return None
    row_type = Row(X.dtype, X.mutable)

    def codegen(context, builder, signature, args):
        first, m = _row_start(context, builder, signature, args)
        proxy = cgutils.create_struct_proxy(row_type)(context, builder)
        proxy.data = first
        proxy.n = m
        return proxy._getvalue()

    return row_type(X, i), codegen


@intrinsic
def hold(typingctx, w, shape):
    """``w`` (1-D C array or :class:`Row`) held in registers (``shape =
    held_shape(len(w), itemsize)``, a tuple) or, for ``shape = None``, as a :class:`Row`
    of ``w``: the weights of one output, or a row of data read by many outputs."""
    if not _rows_ok(w):
        return None
    if isinstance(shape, types.NoneType):
        row_type = Row(w.dtype, w.mutable)

        def codegen_row(context, builder, signature, args):
            data, n = _data_and_length(context, builder, signature.args[0], args[0])
            proxy = cgutils.create_struct_proxy(row_type)(context, builder)
            proxy.data, proxy.n = data, n
            return proxy._getvalue()

        return row_type(w, shape), codegen_row
    if not isinstance(shape, types.BaseTuple):
        return None
    held = Held(w.dtype, len(shape))

    def codegen(context, builder, signature, args):
        r = _Rows(context, builder, w.dtype, args[:1], signature.args[:1])
        _, mask = r.tail(held.n_vectors)
        value = ir.Constant(ir.ArrayType(r.vty, held.n_vectors), ir.Undefined)
        for k in range(held.n_vectors):
            partial = mask if k == held.n_vectors - 1 else None
            vector = r.load_vector(0, r.const(k * r.lanes), partial)
            value = builder.insert_value(value, vector, k)
        return value

    return held(w, shape), codegen


@intrinsic
def release(typingctx, h, w):
    """Store held weights ``h`` back into ``w`` (the writeable array they were held from);
    nothing for a :class:`Row`, whose updates were written through."""
    if not (isinstance(h, (Row, Held)) and isinstance(w, types.Array) and _rows_ok(w)):
        return None
    if w.dtype != h.dtype or not w.mutable or not _writable_handle(h):
        return None
    if isinstance(h, Row):
        return types.void(h, w), lambda context, builder, signature, args: None

    def codegen(context, builder, signature, args):
        r = _Rows(context, builder, w.dtype, args[1:], signature.args[1:])
        _, mask = r.tail(h.n_vectors)
        for k in range(h.n_vectors):
            partial = mask if k == h.n_vectors - 1 else None
            r.store_vector(_held_vector(builder, args[0], k), 0, r.const(k * r.lanes), partial)
        return context.get_dummy_value()

    return types.void(h, w), codegen


@intrinsic
def dot(typingctx, x, w):
    """``Σ_j x[j] w[j]`` in the operands' dtype (``w`` may be held; an array or Row ``w``
    may be longer than ``x``)."""
    if isinstance(w, Held):
        if not (_rows_ok(x) and x.dtype == w.dtype):
            return None

        def codegen_held(context, builder, signature, args):
            r = _Rows(context, builder, x.dtype, args[:1], signature.args[:1])

            def body(k, off, mask, a):
                xv = r.load_vector(0, off, mask)
                return [r.fmuladd(xv, _held_vector(builder, args[1], k), a[0])]

            return r.unrolled(w.n_vectors, 1, body, _UNROLL["dot"])[0]

        return x.dtype(x, w), codegen_held
    if not _rows_ok(x, w):
        return None

    def codegen(context, builder, signature, args):
        r = _Rows(context, builder, x.dtype, args, signature.args)

        def body(off, mask, a):
            return [r.fmuladd(r.load_vector(0, off, mask), r.load_vector(1, off, mask), a[0])]

        return r.loop(1, body, _UNROLL["dot"])[0]

    return x.dtype(x, w), codegen


@intrinsic
def dot2(typingctx, x, w, v):
    """``(xᵀ w, xᵀ v)``: two dot products of one row, in one pass over it (``w`` may be
    held).

    Each sum is taken in exactly ``dot``'s order (same accumulators, same tree), so
    ``dot2(x, w, v)[0] == dot(x, w)`` bit for bit: a kernel may use either.
    """
    held = isinstance(w, Held)
    if held and not (_rows_ok(x, v) and w.dtype == x.dtype):
        return None
    if not held and not _rows_ok(x, w, v):
        return None

    def codegen(context, builder, signature, args):
        if held:
            ops, op_types = [args[0], args[2]], [signature.args[0], signature.args[2]]
        else:
            ops, op_types = args, signature.args
        r = _Rows(context, builder, x.dtype, ops, op_types)

        def pair(xv, wv, vv, acc):
            return [r.fmuladd(xv, wv, acc[0]), r.fmuladd(xv, vv, acc[1])]

        if held:

            def body_held(k, off, mask, acc):
                xv, vv = r.load_vector(0, off, mask), r.load_vector(1, off, mask)
                return pair(xv, _held_vector(builder, args[1], k), vv, acc)

            sums = r.unrolled(w.n_vectors, 2, body_held, _UNROLL["dot"])
        else:

            def body(off, mask, acc):
                xv, wv, vv = (r.load_vector(k, off, mask) for k in range(3))
                return pair(xv, wv, vv, acc)

            sums = r.loop(2, body, _UNROLL["dot"])
        return context.make_tuple(builder, signature.return_type, sums)

    return types.UniTuple(x.dtype, 2)(x, w, v), codegen


def _cast_scalar(context, builder, signature, args, position, dtype):
    return context.cast(builder, args[position], signature.args[position], dtype)


def _axpy_codegen(context, builder, signature, args, fused=False):
    """``y[j] += x[j] * a`` in place (``args = (y, x, a)``, y an array or a Row): a
    multiply then an add, or (``fused``) one fused multiply-add where the machine has it."""
    x_type = signature.args[1]
    arrays, array_types = [args[1], args[0]], [x_type, signature.args[0]]
    r = _Rows(context, builder, x_type.dtype, arrays, array_types)  # data[0] = x, data[1] = y
    s = _cast_scalar(context, builder, signature, args, 2, x_type.dtype)
    sv = r.splat(s)

    def body(off, mask, _):
        xv, yv = r.load_vector(0, off, mask), r.load_vector(1, off, mask)
        new = r.fmuladd(xv, sv, yv) if fused else builder.fadd(yv, builder.fmul(xv, sv))
        r.store_vector(new, 1, off, mask)
        return []

    r.loop(0, body, _UNROLL["fused"])


@intrinsic
def axpy(typingctx, y, x, a):
    """``y[j] += x[j] * a`` for ``j < len(x)``: a multiply, then an add (NumPy's order).

    ``x`` may be held (``hold(row(X, i), shape)``: a row of data that several outputs'
    weights add, loaded once for all of them); ``y`` then has the held row's length."""
    if isinstance(x, Held):
        if not (_rows_ok(y) and y.dtype == x.dtype and _writable(y) and _is_scalar(a)):
            return None

        def codegen_held(context, builder, signature, args):
            r = _Rows(context, builder, x.dtype, args[:1], signature.args[:1])  # n = len(y)
            sv = r.splat(_cast_scalar(context, builder, signature, args, 2, x.dtype))
            _, mask = r.tail(x.n_vectors)
            for k in range(x.n_vectors):
                partial = mask if k == x.n_vectors - 1 else None
                offset = r.const(k * r.lanes)
                yv = r.load_vector(0, offset, partial)
                xv = _held_vector(builder, args[1], k)
                r.store_vector(builder.fadd(yv, builder.fmul(xv, sv)), 0, offset, partial)
            return context.get_dummy_value()

        return types.void(y, x, a), codegen_held
    if not (_rows_ok(y, x) and _writable(y) and _is_scalar(a)):
        return None

    def codegen(context, builder, signature, args):
        _axpy_codegen(context, builder, signature, args)
        return context.get_dummy_value()

    return types.void(y, x, a), codegen


def _held_add(context, builder, held_type, held, r, x_which, sv, fused):
    """Held weights plus ``x · s`` (vector by vector; ``fused``: one rounding)."""
    _, mask = r.tail(held_type.n_vectors)
    value = held
    for k in range(held_type.n_vectors):
        partial = mask if k == held_type.n_vectors - 1 else None
        xv = r.load_vector(x_which, r.const(k * r.lanes), partial)
        wv = _held_vector(builder, value, k)
        new = r.fmuladd(xv, sv, wv) if fused else builder.fadd(wv, builder.fmul(xv, sv))
        value = builder.insert_value(value, new, k)
    return value


def _adder(name: str, fused: bool, doc: str):
    """The intrinsic ``name(y, x, a)`` = ``y + x · a`` (``fused``: one rounding) on a
    handle: the updated held value, or a :class:`Row` ``y`` updated in place and returned.
    """

    def typer(typingctx, y, x, a):
        if not (_rows_ok(x) and _is_scalar(a)):
            return None
        if isinstance(y, Row) and y.dtype == x.dtype and y.mutable:

            def codegen_row(context, builder, signature, args):
                _axpy_codegen(context, builder, signature, args, fused)
                return args[0]

            return y(y, x, a), codegen_row
        if not (isinstance(y, Held) and y.dtype == x.dtype):
            return None

        def codegen(context, builder, signature, args):
            r = _Rows(context, builder, x.dtype, args[1:2], signature.args[1:2])
            sv = r.splat(_cast_scalar(context, builder, signature, args, 2, x.dtype))
            return _held_add(context, builder, y, args[0], r, 0, sv, fused)

        return y(y, x, a), codegen

    typer.__name__ = typer.__qualname__ = name
    typer.__doc__ = doc
    return intrinsic(typer)


update = _adder(
    "update",
    False,
    """``w + x · a`` (multiply, then add: ``axpy``'s rounding): the updated held weights,
    or, for a :class:`Row` ``w``, ``w`` itself after ``axpy(w, x, a)``.""",
)
accumulate = _adder(
    "accumulate",
    True,
    """``y + x · a`` fused where the machine can (``add_rows``'s rounding, one row at a
    time): the updated held value, or, for a :class:`Row` ``y``, ``y`` itself after
    ``y[j] = fma(x[j], a, y[j])`` in place. A gradient summed row by row with it equals
    ``add_rows`` over the same rows in the same order, bit for bit.""",
)


def _ahead_codegen(context, builder, signature, args, w_type):
    """(``x_nextᵀ w + s · x_nextᵀ x`` with ``w`` before the update, the updated held value
    or None) for ``args = (x_next, x, w, s)``; an array or Row ``w`` is updated in place."""
    dtype = signature.args[0].dtype
    held = isinstance(w_type, Held)
    n_ops = 2 if held else 3
    r = _Rows(context, builder, dtype, args[:n_ops], signature.args[:n_ops])
    sc = _cast_scalar(context, builder, signature, args, 3, dtype)
    sv = r.splat(sc)
    unroll = _UNROLL["ahead"][dtype.bitwidth]
    new_held = [args[2]]

    def step(xn, xv, wv, acc):
        return [r.fmuladd(xn, wv, acc[0]), r.fmuladd(xn, xv, acc[1])]

    if held:

        def body_held(k, off, mask, acc):
            xn, xv = r.load_vector(0, off, mask), r.load_vector(1, off, mask)
            wv = _held_vector(builder, args[2], k)
            new_held[0] = builder.insert_value(new_held[0], r.fmuladd(xv, sv, wv), k)
            return step(xn, xv, wv, acc)

        a, c = r.unrolled(w_type.n_vectors, 2, body_held, unroll)
    else:

        def body(off, mask, acc):
            xn, xv, wv = (r.load_vector(k, off, mask) for k in range(3))
            r.store_vector(r.fmuladd(xv, sv, wv), 2, off, mask)
            return step(xn, xv, wv, acc)

        a, c = r.loop(2, body, unroll)
    return builder.fadd(a, builder.fmul(sc, c)), (new_held[0] if held else None)


@intrinsic
def dot_ahead_update(typingctx, x_next, x, w, s):
    """Return ``x_nextᵀ w + s · x_nextᵀ x`` (``w`` before the update) and apply
    ``w[j] += x[j] * s``, in one pass over the features."""
    if not (_rows_ok(x_next, x, w) and _writable(w) and _is_scalar(s)):
        return None

    def codegen(context, builder, signature, args):
        return _ahead_codegen(context, builder, signature, args, w)[0]

    return x.dtype(x_next, x, w, s), codegen


@intrinsic
def update_ahead(typingctx, x_next, x, w, s):
    """``(x_nextᵀ w + s · x_nextᵀ x, w + x · s)``, as ``dot_ahead_update``, for held
    weights (returned updated) or a :class:`Row` (updated in place and returned)."""
    if not (_rows_ok(x_next, x) and _is_scalar(s)):
        return None
    if not (isinstance(w, (Held, Row)) and w.dtype == x.dtype and _writable_handle(w)):
        return None

    def codegen(context, builder, signature, args):
        total, held = _ahead_codegen(context, builder, signature, args, w)
        new = held if held is not None else args[2]
        return context.make_tuple(builder, signature.return_type, [total, new])

    return types.Tuple((x.dtype, w))(x_next, x, w, s), codegen


@intrinsic
def add_rows(typingctx, y, X, rows, e):
    """``y[j] += Σ_{r < TILE} e[r] · X[rows[r], j]`` for ``j < len(y)`` (``y`` a 1-D array
    or a :class:`Row`).

    One pass over ``y`` for ``TILE`` rows of a C-contiguous ``X`` (rows recently read, so
    in cache), instead of one read-modify-write of ``y`` per row: a step's gradient
    ``Σ e x`` at about half the instructions. ``rows`` (int64) and ``e`` (the data's
    dtype) hold at least ``TILE`` entries; pad a short tile with ``e = 0`` on a row
    already in it.
    """
    ok = (
        isinstance(y, (types.Array, Row))
        and _rows_ok(y, e)
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
            index = builder.load(builder.gep(ra.data, [r.const(k)]))
            row_ptrs.append(builder.gep(Xa.data, [builder.mul(index, m)]))
            scales.append(builder.load(builder.gep(ea.data, [r.const(k)])))
        splats = [r.splat(s) for s in scales]

        def body(offset, mask, _):
            acc = r.load_vector(0, offset, mask)
            for ptr, sv in zip(row_ptrs, splats, strict=True):
                acc = r.fmuladd(r.load_from(ptr, offset, mask), sv, acc)
            r.store_vector(acc, 0, offset, mask)
            return []

        r.loop(0, body, 1)
        return context.get_dummy_value()

    return types.void(y, X, rows, e), codegen


@intrinsic
def dots_held(typingctx, W, x, k):
    """``(dot(row(W, k), x), …, dot(row(W, k + L - 1), x))`` for a row ``x`` held in
    registers (``hold``) and ``L`` = the lanes of one vector (8 float64 or 16 float32):
    ``L`` outputs' net inputs, each sum in ``dot``'s order up to its accumulator sets, and
    the ``L`` horizontal sums taken together (``_Rows.hsums``), so each equals ``dot``'s
    bit for bit. ``W`` is a C-contiguous 2-D array of ``x``'s dtype whose rows have
    ``x``'s length; rows ``k .. k + L - 1`` must exist (not checked).
    """
    if not (isinstance(x, Held) and _is_matrix(W, x.dtype) and isinstance(k, types.Integer)):
        return None
    lanes = x.lanes
    row_type = Row(x.dtype, W.mutable)

    def codegen(context, builder, signature, args):
        Wa = context.make_array(signature.args[0])(context, builder, args[0])
        first = context.cast(builder, args[2], signature.args[2], types.intp)
        combined = []
        for w_row in _matrix_row_values(context, builder, row_type, Wa, first, lanes):
            r = _Rows(context, builder, x.dtype, [w_row], [row_type])

            def body(j, off, mask, a, r=r):
                wv = r.load_vector(0, off, mask)
                return [r.fmuladd(wv, _held_vector(builder, args[1], j), a[0])]

            combined += r.unrolled_vectors(x.n_vectors, 1, body, _UNROLL["dot"])
        sums = r.hsums(combined)
        items = [builder.extract_element(sums, _I32(o)) for o in range(lanes)]
        return context.make_tuple(builder, signature.return_type, items)

    return types.UniTuple(x.dtype, lanes)(W, x, k), codegen


#: outputs whose gradient blocks ``add_rows3`` adds in one pass over a tile's rows
ROWS_OUTPUTS = 3


@intrinsic
def add_rows3(typingctx, Y, X, rows, E, k):
    """``add_rows(row(Y, k + o), X, rows, row(E, k + o))`` for ``o`` in 0, 1, 2, in one pass
    over the tile's rows: each of their vectors loaded once for the three outputs (a
    K-output step's gradient, with every error non-zero, at about half the loads and
    stores). ``Y`` (K, m) and ``E`` (K, at least ``TILE``) are C-contiguous 2-D arrays of
    the data's dtype, ``Y`` writeable, rows ``k .. k + 2`` of both exist (not checked).

    Each output's sums are ``add_rows``'s, in its order (``y + e_0 x_0 + e_1 x_1 + …``),
    so the two agree bit for bit.
    """
    ok = (
        isinstance(Y, types.Array)
        and Y.ndim == 2
        and Y.layout == "C"
        and Y.dtype in _FLOATS
        and Y.mutable
        and _is_matrix(X, Y.dtype)
        and _is_matrix(E, Y.dtype)
        and isinstance(rows, types.Array)
        and rows.ndim == 1
        and rows.dtype == types.int64
        and isinstance(k, types.Integer)
    )
    if not ok:
        return None
    row_type = Row(Y.dtype)

    def codegen(context, builder, signature, args):
        Ya, Xa, ra, Ea = (
            context.make_array(t)(context, builder, a)
            for t, a in zip(signature.args[:4], args[:4], strict=True)
        )
        first = context.cast(builder, args[4], signature.args[4], types.intp)
        y_rows = _matrix_row_values(context, builder, row_type, Ya, first, ROWS_OUTPUTS)
        r = _Rows(context, builder, Y.dtype, y_rows, [row_type] * ROWS_OUTPUTS)  # n = m
        x_width = cgutils.unpack_tuple(builder, Xa.shape, 2)[1]
        e_width = cgutils.unpack_tuple(builder, Ea.shape, 2)[1]
        row_ptrs, splats = [], [[] for _ in range(ROWS_OUTPUTS)]
        for t in range(TILE):
            index = builder.load(builder.gep(ra.data, [r.const(t)]))
            row_ptrs.append(builder.gep(Xa.data, [builder.mul(index, x_width)]))
        for o in range(ROWS_OUTPUTS):
            e_row = builder.mul(builder.add(first, ir.Constant(first.type, o)), e_width)
            for t in range(TILE):
                e = builder.load(builder.gep(Ea.data, [builder.add(e_row, r.const(t))]))
                splats[o].append(r.splat(e))

        def body(offset, mask, _):
            accs = [r.load_vector(o, offset, mask) for o in range(ROWS_OUTPUTS)]
            for t, ptr in enumerate(row_ptrs):
                xv = r.load_from(ptr, offset, mask)
                accs = [r.fmuladd(xv, splats[o][t], accs[o]) for o in range(ROWS_OUTPUTS)]
            for o in range(ROWS_OUTPUTS):
                r.store_vector(accs[o], o, offset, mask)
            return []

        r.loop(0, body, 1)
        return context.get_dummy_value()

    return types.void(Y, X, rows, E, k), codegen


def _matrix_row_values(context, builder, row_type, array, first, count):
    """Rows ``first .. first + count - 1`` of a C-contiguous 2-D array (``array`` made by
    ``context.make_array``), as :class:`Row` values of ``row_type``."""
    m = cgutils.unpack_tuple(builder, array.shape, 2)[1]
    values = []
    for o in range(count):
        index = builder.add(first, ir.Constant(first.type, o))
        proxy = cgutils.create_struct_proxy(row_type)(context, builder)
        proxy.data, proxy.n = builder.gep(array.data, [builder.mul(index, m)]), m
        values.append(proxy._getvalue())
    return values


def _matrix_rows(context, builder, r, matrix_type, matrix, k):
    """Pointers to rows ``k .. k+3`` of a C-contiguous 2-D array, appended to ``r.data``."""
    array = context.make_array(matrix_type)(context, builder, matrix)
    m = cgutils.unpack_tuple(builder, array.shape, 2)[1]
    first = context.cast(builder, k, types.intp, types.intp)
    for i in range(4):
        index = builder.add(first, ir.Constant(first.type, i))
        r.data.append(builder.gep(array.data, [builder.mul(index, m)]))


def _is_matrix(t, dtype) -> bool:
    return isinstance(t, types.Array) and t.ndim == 2 and t.layout == "C" and t.dtype == dtype


@intrinsic
def dot4(typingctx, x, W, k):
    """``(xᵀ W[k], xᵀ W[k+1], xᵀ W[k+2], xᵀ W[k+3])``: four dot products in one pass over
    ``x`` (each of its vectors loaded once for the four), ``W`` a C-contiguous 2-D array
    whose rows are at least as long as ``x`` (rows ``k..k+3`` must exist; not checked).

    Each sum is taken in exactly ``dot``'s order (same accumulators, same tree), so
    ``dot4(x, W, k)[i] == dot(x, row(W, k + i))`` bit for bit.
    """
    if not (_rows_ok(x) and _is_matrix(W, x.dtype) and isinstance(k, types.Integer)):
        return None

    def codegen(context, builder, signature, args):
        r = _Rows(context, builder, x.dtype, args[:1], signature.args[:1])
        k_intp = context.cast(builder, args[2], signature.args[2], types.intp)
        _matrix_rows(context, builder, r, signature.args[1], args[1], k_intp)

        def body(off, mask, acc):
            xv = r.load_vector(0, off, mask)
            return [r.fmuladd(xv, r.load_vector(1 + i, off, mask), acc[i]) for i in range(4)]

        sums = r.loop(4, body, _UNROLL["dot"])
        return context.make_tuple(builder, signature.return_type, sums)

    return types.UniTuple(x.dtype, 4)(x, W, k), codegen
