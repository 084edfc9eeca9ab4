"""Backends: where the arithmetic of an epoch runs.

A backend is a module with one function::

    run_epoch(X, T, W, b, plan, neuron, schedule, t0) -> EpochStats

that performs every update of one epoch in place on ``W`` (n_features, n_outputs) and
``b`` (n_outputs,), visiting the rows of ``plan`` (see :mod:`neurona.modes`) with the
learning rate ``schedule.rate(t)`` at global step ``t = t0, t0 + 1, ...``. Backends differ
only in where the arithmetic runs; they are registered here by name and imported lazily,
so ``import neurona`` imports none of the optional ones.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from types import ModuleType

from ..errors import MissingDependencyError

__all__ = [
    "AUTO_MIN_SIZE",
    "BACKENDS",
    "EpochStats",
    "Schedule",
    "available_backends",
    "get_backend",
    "resolve_backend_name",
]

#: name -> (module path, pip extra that provides it or None)
BACKENDS: dict[str, tuple[str, str | None]] = {
    "numpy": ("neurona.backends.numpy", None),
    "numba": ("neurona.backends.numba", None),
    "torch": ("neurona.backends.torch", "torch"),
}

#: what ``backend="auto"`` picks on CPU data, fastest first (benchmarks/bench_epochs.py:
#: a numba epoch costs 1.0-1.5x one read of X in every mode; NumPy 3-40x)
_AUTO_ORDER: tuple[str, ...] = ("numba", "numpy")
#: ``auto`` keeps data with fewer values (rows x features) on the NumPy reference: the
#: first compiled call of a process (about 0.2 s with numba's cache warm,
#: benchmarks/bench_compile.py) costs more than a whole NumPy fit of a lecture-sized
#: example, and NumPy is the reference the others are checked against
AUTO_MIN_SIZE = 100_000


@dataclass(frozen=True)
class Schedule:
    r"""Learning rate of the update at global step ``t`` (0-based).

    .. math:: \eta_t = \eta_0 / (t + 1)^{p}

    ``power_t = 0`` is a constant rate; ``power_t > 0`` is inverse scaling, as
    scikit-learn's ``learning_rate="invscaling"`` (whose step counter starts at 1).
    """

    eta0: float
    power_t: float = 0.0

    def rate(self, t: int) -> float:
        if self.power_t == 0.0:
            return self.eta0
        return self.eta0 / (t + 1.0) ** self.power_t


@dataclass(frozen=True)
class EpochStats:
    """What one epoch measured, row by row, with the weights each row saw.

    Attributes
    ----------
    loss_sum : float
        Sum of the per-entry losses (rows × outputs).
    n_errors : int
        Rows with a non-zero error in some output (for the perceptron: its updates in the
        per-row modes, its misclassified rows in batch).
    n_rows : int
        Rows visited.
    n_steps : int
        Updates made (steps), for the learning-rate schedule.
    n_correct_start : int or None
        Visited rows that the weights at the start of the epoch classify correctly, when
        the backend was asked to count them in the same pass (``count_start=True``, numba
        only); otherwise None.
    """

    loss_sum: float
    n_errors: int
    n_rows: int
    n_steps: int
    n_correct_start: int | None = None


def available_backends() -> list[str]:
    """Names of the backends that can be imported here."""
    names = []
    for name in BACKENDS:
        try:
            get_backend(name)
        except MissingDependencyError:
            continue
        names.append(name)
    return names


def resolve_backend_name(name: str, mode: str, X: object = None) -> str:
    """Map ``"auto"`` to the fastest available backend for ``mode`` and data ``X``.

    ``auto`` picks ``torch`` when ``X`` is a torch tensor (it stays on its device);
    ``numpy`` when ``X`` has fewer than :data:`AUTO_MIN_SIZE` values; otherwise ``numba``
    when it is installed, for every mode (it reads ``X`` about once per epoch; see
    benchmarks/bench_epochs.py), otherwise ``numpy``. ``mode`` is accepted so the choice
    can depend on it; on the measured CPUs it does not. Checking whether numba is
    installed does not import it.
    """
    del mode  # the same order wins in every mode (benchmarks/bench_epochs.py)
    if name == "auto":
        if type(X).__module__.split(".")[0] == "torch":
            return "torch"
        if X is not None and getattr(X, "size", AUTO_MIN_SIZE) < AUTO_MIN_SIZE:
            return "numpy"
        return next(n for n in _AUTO_ORDER if n == "numpy" or _installed(n))
    if name not in BACKENDS:
        raise ValueError(
            f"backend={name!r} is not one of {sorted(BACKENDS)} or 'auto'; pick one of those names"
        )
    return name


def _installed(name: str) -> bool:
    """Whether the package behind backend ``name`` can be found, without importing it."""
    return importlib.util.find_spec(name) is not None


def get_backend(name: str) -> ModuleType:
    """Import and return the backend module registered as ``name``."""
    module, extra = BACKENDS[name]
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on what is installed
        hint = f"pip install 'neurona[{extra}]'" if extra else "reinstall neurona"
        raise MissingDependencyError(
            f"backend {name!r} needs a package that is not installed ({exc.name}): {hint}"
        ) from exc
