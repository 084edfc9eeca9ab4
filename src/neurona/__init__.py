"""neurona: single-layer neural networks, exactly as the lecture writes them.

Everything is imported on first use, so ``import neurona`` stays light. The estimators
(``neurona.Perceptron``, ...) are the classes registered in
:data:`neurona.estimators.ESTIMATORS`, found there by name.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._version import __version__ as __version__

#: public name -> module that defines it (besides the registered estimators)
_LAZY: dict[str, str] = {
    "check_separability": "neurona.separability",
    "load": "neurona.estimators",
    "errors": "neurona.errors",
    "logic": "neurona.logic",
    "calculus": "neurona.calculus",
    "exercises": "neurona.exercises",
    "solvers": "neurona.solvers",
    "data": "neurona.data",
    "io": "neurona.io",
    "plot": "neurona.plot",
    "tour": "neurona.tour",
}


def _estimators() -> dict[str, type]:
    """The registered estimator classes by class name (imports scikit-learn)."""
    from .estimators import ESTIMATORS

    return {cls.__name__: cls for cls in ESTIMATORS.values()}


def __getattr__(name: str) -> Any:
    if name == "__all__":
        value: Any = sorted([*_LAZY, *_estimators(), "__version__"])
    elif name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        value = module if _LAZY[name].endswith("." + name) else getattr(module, name)
    elif not name.startswith("_") and name in _estimators():
        value = _estimators()[name]
    else:
        raise AttributeError(f"module 'neurona' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__getattr__("__all__"))
