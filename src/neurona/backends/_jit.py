"""``kernel``: Numba's ``njit(cache=True)`` for neurona's kernels, whose cached machine code
loads without first setting up Numba's compiler.

Every compiled kernel is cached on disk (``cache=True``), so a fresh process (a command
line run, a joblib worker of ``GridSearchCV``) loads machine code instead of compiling
it. Numba's loader (``numba.core.caching.Cache.load_overload``, 0.5x-0.68) nevertheless
calls ``target_context.refresh()`` before it loads anything: that imports and installs
every typing and lowering registry of the compiler (about 250 registries, 1 900 function
types), which took 0.10-0.18 s of a fresh process's first fit and 0.1 s more at its exit
on the machine of ``benchmarks/bench_small.py``. A cached kernel needs none of it: its
code is already lowered, and what it links against is Numba's C helpers and math
functions (installed when the target context is created) and the NRT allocator
(``rtsys.initialize``, which the refresh also runs). ``_LoadingCache`` therefore loads
after ``rtsys.initialize`` alone; a kernel that is not in the cache compiles as before,
and Numba's compiler refreshes the context itself (``CompilerBase.__init__``).

Where the installed Numba lacks the pieces this relies on, ``kernel`` is plain
``njit(cache=True)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numba as nb
from numba.core.caching import FunctionCache

try:
    from numba.core.runtime.nrt import rtsys as _rtsys
except ImportError:  # pragma: no cover - another Numba layout
    _rtsys = None

__all__ = ["kernel"]


class _LoadingCache(FunctionCache):
    """Numba's per-function disk cache, loading without the compiler's registries."""

    def load_overload(self, sig, target_context):
        _rtsys.initialize(target_context)  # the allocator the kernels call: idempotent
        with self._guard_against_spurious_io_errors():
            return self._load_overload(sig, target_context)


#: the loader can be used: Numba's cache has the methods it calls
QUICK_LOAD = _rtsys is not None and all(
    hasattr(FunctionCache, name)
    for name in ("_load_overload", "_guard_against_spurious_io_errors")
)


def kernel(**options: Any) -> Callable[[Callable], Any]:
    """``numba.njit(cache=True, **options)``, loading from the disk cache as above."""

    def compile_later(fn: Callable) -> Any:
        dispatcher = nb.njit(cache=True, **options)(fn)
        if QUICK_LOAD and type(dispatcher._cache) is FunctionCache:
            dispatcher._cache.__class__ = _LoadingCache  # the same state, one method more
        return dispatcher

    return compile_later
