"""neurona: single-layer neural networks, exactly as the lecture writes them.

The estimators are imported on first use, so ``import neurona`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> module that defines it
_LAZY: dict[str, str] = {
    "Perceptron": "neurona.estimators",
    "Adaline": "neurona.estimators",
    "LinearRegression": "neurona.estimators",
    "check_separability": "neurona.separability",
    "load": "neurona.io",
    "errors": "neurona.errors",
    "logic": "neurona.logic",
    "calculus": "neurona.calculus",
    "solvers": "neurona.solvers",
    "data": "neurona.data",
    "io": "neurona.io",
    "plot": "neurona.plot",
    "tour": "neurona.tour",
}

__all__ = [
    "Adaline",
    "LinearRegression",
    "Perceptron",
    "__version__",
    "calculus",
    "check_separability",
    "data",
    "errors",
    "io",
    "load",
    "logic",
    "plot",
    "solvers",
    "tour",
]

if TYPE_CHECKING:  # pragma: no cover
    from . import calculus, data, errors, io, logic, plot, solvers, tour
    from .estimators import Adaline, LinearRegression, Perceptron
    from .io import load
    from .separability import check_separability


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'neurona' has no attribute {name!r}")
    mod = importlib.import_module(module)
    value = mod if module.endswith("." + name) else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
