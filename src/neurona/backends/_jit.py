"""``kernel``: Numba's ``njit(cache=True)`` for neurona's kernels, whose cached machine code
loads without first setting up Numba's compiler.

Every compiled kernel is cached on disk (``cache=True``), so a fresh process (a command
line run, a joblib worker of ``GridSearchCV``) loads machine code instead of compiling
it. Numba's loader (``numba.core.caching.Cache.load_overload``, 0.5x-0.68) nevertheless
calls ``target_context.refresh()`` before it loads anything: that imports and installs
every typing and lowering registry of the compiler (about 250 registries, 1 900 function
types), which took 0.1-0.2 s of a fresh process's first fit and about 0.1 s more at its
exit on the machine of ``benchmarks/bench_small.py``. A cached kernel needs none of it: its
code is already lowered, and what it links against is Numba's C helpers and math
functions (installed when the target context is created) and the NRT allocator
(``rtsys.initialize``, which the refresh also runs). ``_LoadingCache`` therefore loads
after ``rtsys.initialize`` alone; a kernel that is not in the cache compiles as before,
and Numba's compiler refreshes the context itself (``CompilerBase.__init__``).

A symbol the machine code needs and nobody has defined would not raise: LLVM ends the
process. So before a cached kernel is rebuilt, ``_CheckedImpl`` reads the declarations
of its module (the bitcode Numba caches beside the object code, about 3 ms a kernel)
and refreshes the context first, as Numba's own loader does, unless every external
function and global resolves already: in the process (``llvmlite``'s
``address_of_symbol``: the C API, Numba's C helpers, the math library) or in the NRT
library that ``rtsys.initialize`` compiled. (A kernel hashing strings, for instance,
declares ``_numba_hashsecret_*``, which only the import of ``numba.cpython.hashing``
defines: unless something imported that module already, such a kernel loads through the
refresh.)

The override is used with the Numba versions whose loader it was written against
(``NUMBA_VERSIONS``); with any other, ``kernel`` is plain ``njit(cache=True)``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import llvmlite.binding as ll
import numba as nb
from numba.core.caching import CompileResultCacheImpl, FunctionCache

try:
    from numba.core.runtime.nrt import rtsys as _rtsys
except ImportError:  # pragma: no cover - another Numba layout
    _rtsys = None

__all__ = ["NUMBA_VERSIONS", "QUICK_LOAD", "kernel"]

#: Numba versions (major, minor) whose ``Cache.load_overload`` and ``_load_overload``
#: this module's loader was checked against: [first, last]
NUMBA_VERSIONS = ((0, 60), (0, 68))


def _version(text: str) -> tuple[int, int]:
    try:
        major, minor = text.split(".")[:2]
        return int(major), int(minor)
    except ValueError:  # pragma: no cover - an unusual version string
        return (0, 0)


def links_without_refresh(payload: tuple) -> bool:
    """Whether a cached kernel's external functions and globals all resolve already
    (``payload`` is Numba's cached ``CompileResult`` state, its library first)."""
    try:
        _, kind, data = payload[0]
        module = ll.parse_bitcode(data[1]) if kind == "object" else None
        nrt = {fn.name for fn in _rtsys.library.get_defined_functions()}
    except Exception:  # any other layout: let Numba load it its own way
        return False
    if module is None:
        return False
    for value in itertools.chain(module.functions, module.global_variables):
        name = value.name
        if not value.is_declaration or name.startswith("llvm.") or name in nrt:
            continue
        if ll.address_of_symbol(name) is None:
            return False
    return True


class _CheckedImpl(CompileResultCacheImpl):
    """Numba's rebuild of a cached kernel, after the refresh where a symbol needs it."""

    def rebuild(self, target_context, payload):
        if not links_without_refresh(payload):
            target_context.refresh()  # what Numba's own loader does before every load
        return super().rebuild(target_context, payload)


class _LoadingCache(FunctionCache):
    """Numba's per-function disk cache, loading without the compiler's registries."""

    _impl_class = _CheckedImpl

    def load_overload(self, sig, target_context):
        _rtsys.initialize(target_context)  # the allocator the kernels call: idempotent
        with self._guard_against_spurious_io_errors():
            return self._load_overload(sig, target_context)


#: the loader is used: a Numba of ``NUMBA_VERSIONS``, whose cache has what it calls
QUICK_LOAD = (
    _rtsys is not None
    and NUMBA_VERSIONS[0] <= _version(nb.__version__) <= NUMBA_VERSIONS[1]
    and all(
        hasattr(FunctionCache, name)
        for name in ("_load_overload", "_guard_against_spurious_io_errors")
    )
)


def kernel(**options: Any) -> Callable[[Callable], Any]:
    """``numba.njit(cache=True, **options)``, loading from the disk cache as above (a
    plain function where ``NUMBA_DISABLE_JIT`` is set, as ``njit`` returns)."""

    def compile_later(fn: Callable) -> Any:
        dispatcher = nb.njit(cache=True, **options)(fn)
        if QUICK_LOAD and type(getattr(dispatcher, "_cache", None)) is FunctionCache:
            dispatcher._cache = _LoadingCache(dispatcher.py_func)
        return dispatcher

    return compile_later
