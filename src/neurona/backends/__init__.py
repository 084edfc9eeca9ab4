"""Backends: where the arithmetic of an epoch runs.

A backend is a module that provides (the :class:`Backend` protocol)::

    run_epoch(X, T, W, b, plan, neuron, schedule, t0, *, count_start=False, on_update=None,
              sample_weight=None, fit_intercept=True, terms=None) -> EpochStats
    count_correct(X, T, W, b, neuron) -> int
    dot(x, w) -> float

and may provide ``epoch_runner(X, T, W, b, neuron, **options)``: a prepared
``epoch(plan, schedule, t0, count_start)`` for a loop of epochs on the same arrays (the
checks and copies done once: on lecture-sized data they cost more than an epoch), or None
where it has no prepared path. :meth:`Engine.runner` falls back to ``run_epoch``.

``run_epoch`` performs every update of one epoch in place on ``W`` (n_features, n_outputs)
and ``b`` (n_outputs,), visiting the rows of ``plan`` (see :mod:`neurona.modes`) with the
learning rate ``schedule.rate(t)`` at global step ``t = t0, t0 + 1, ...``. ``sample_weight``
(n_rows, n_outputs) scales each entry's error after the rate, ``fit_intercept=False``
leaves ``b`` alone, and ``terms`` (:class:`neurona.neurons.Terms`) adds scikit-learn's
penalties and averaging; the training loop passes them only when set, so an engine
without them runs every default fit. Backends differ
only in where the arithmetic runs. Each is registered in :data:`BACKENDS` with what it can
do (:class:`Capabilities`) and imported lazily, so ``import neurona`` imports none of the
optional ones. :func:`resolve` owns every choice between them: ``backend="auto"``, devices
and the per-update hook. The training loop reads capabilities only, never names.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Protocol

from ..errors import MissingDependencyError, ParameterError

__all__ = [
    "BACKENDS",
    "Backend",
    "BackendSpec",
    "Capabilities",
    "Engine",
    "EpochStats",
    "available_backends",
    "check_backend",
    "get_backend",
    "is_sparse",
    "resolve",
]


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do beyond running epochs.

    Attributes
    ----------
    counts_in_epoch : bool
        ``run_epoch(..., count_start=True)`` counts the rows that the epoch's starting
        weights read correctly in the epoch's own pass (no extra read of ``X``).
    calls_back : bool
        ``run_epoch(..., on_update=f)`` calls ``f(W, b)`` after every update, and ends
        the epoch there when ``f`` returns a true value (``EpochStats.stopped``).
    devices : tuple of str
        Device types it runs on when asked (``device="cuda"``); empty: the host only.
    native : str or None
        The array library whose arrays it takes where they are (``"torch"``: tensors stay
        on their device).
    reference : bool
        The readable reference the others are checked against.
    terms : bool
        ``run_epoch(..., terms=...)`` applies penalties and averaging
        (:class:`neurona.neurons.Terms`). Every backend takes ``sample_weight`` and
        ``fit_intercept``.
    sparse : bool
        ``run_epoch`` and ``count_correct`` take a SciPy CSR matrix ``X`` (weights stay
        dense).
    """

    counts_in_epoch: bool = False
    calls_back: bool = False
    devices: tuple[str, ...] = ()
    native: str | None = None
    reference: bool = False
    terms: bool = False
    sparse: bool = False


@dataclass(frozen=True)
class BackendSpec:
    """A registry entry: the module, the pip extra that provides it, what it can do."""

    module: str
    extra: str | None
    capabilities: Capabilities
    package: str | None = None  # checked with find_spec before import (None: always there)


#: every backend, by name: the one place a backend is listed
BACKENDS: dict[str, BackendSpec] = {
    "numpy": BackendSpec("neurona.backends.numpy", None,
                         Capabilities(calls_back=True, reference=True, terms=True,
                                      sparse=True)),
    "numba": BackendSpec("neurona.backends.numba", None,
                         Capabilities(counts_in_epoch=True, terms=True, sparse=True),
                         package="numba"),
    "torch": BackendSpec("neurona.backends.torch", "torch",
                         Capabilities(devices=("cpu", "cuda"), native="torch", terms=True),
                         package="torch"),
}  # fmt: skip

#: what ``backend="auto"`` picks for host data, fastest first, at every size
#: (benchmarks/bench_epochs.py: a numba epoch costs 1.0-1.1x one read of X in every mode,
#: NumPy's Python loop 3-40x; benchmarks/bench_fit.py: a lecture-sized fit takes less
#: than scikit-learn's on numba and 100-300x longer on the reference)
_AUTO_ORDER: tuple[str, ...] = ("numba", "numpy")


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
        the epoch was asked to count them (``count_start=True``); otherwise None.
    n_nonfinite : int
        Visited rows whose net input was NaN or infinite in some output: a NaN or an
        infinity in the row (then ``z`` is never finite: ``inf · 0`` is NaN), or an
        overflow. The training loop stops on them, so data need no separate finiteness
        pass before training.
    stopped : bool
        ``on_update`` returned a true value: the epoch ended right after that update,
        and the other figures cover the rows visited until then.
    """

    loss_sum: float
    n_errors: int
    n_rows: int
    n_steps: int
    n_correct_start: int | None = None
    n_nonfinite: int = 0
    stopped: bool = False


class Backend(Protocol):
    """What a backend module provides (see the module docstring)."""

    def run_epoch(
        self, X: Any, T: Any, W: Any, b: Any, plan: Any, neuron: Any, schedule: Any, t0: int,
        *, count_start: bool = False, on_update: Callable[[Any, Any], object] | None = None,
    ) -> EpochStats: ...  # fmt: skip

    def count_correct(self, X: Any, T: Any, W: Any, b: Any, neuron: Any) -> int: ...

    def dot(self, x: Any, w: Any) -> float:
        """``xᵀ w`` of two 1-D arrays (the lecture's vectorization experiment times it)."""
        ...


@dataclass(frozen=True)
class Engine:
    """A resolved backend: the module, and the device it runs on (None: where X is)."""

    name: str
    module: Any
    device: str | None = None

    @property
    def capabilities(self) -> Capabilities:
        return BACKENDS[self.name].capabilities

    def prepare(self, *arrays: Any) -> tuple[Any, ...]:
        """The arrays where this engine computes: copied to its device once, if it has one."""
        if self.device is None:
            return arrays
        return tuple(self.module.to_device(a, self.device) for a in arrays)

    def run_epoch(self, *args: Any, **kwargs: Any) -> EpochStats:
        return self.module.run_epoch(*args, **kwargs)

    def runner(
        self, X: Any, T: Any, W: Any, b: Any, neuron: Any, **options: Any
    ) -> Callable[..., EpochStats]:
        """``epoch(plan, schedule, t0, count_start=False) -> EpochStats``: ``run_epoch``
        on these arrays with these options (``sample_weight``, ``fit_intercept``,
        ``terms``), for a loop of epochs. A backend whose module has ``epoch_runner``
        checks and prepares the arrays once there (None from it: no prepared path);
        otherwise each epoch is a plain ``run_epoch`` call."""
        make = getattr(self.module, "epoch_runner", None)
        epoch = make(X, T, W, b, neuron, **options) if make is not None else None
        if epoch is not None:
            return epoch
        module = self.module

        def run(plan: Any, schedule: Any, t0: int, count_start: bool = False) -> EpochStats:
            return module.run_epoch(X, T, W, b, plan, neuron, schedule, t0,
                                    count_start=count_start, **options)  # fmt: skip

        return run

    def count_correct(self, *args: Any) -> int:
        return self.module.count_correct(*args)


def get_backend(name: str) -> ModuleType:
    """Import and return the backend module registered as ``name``."""
    spec = _spec(name)
    try:
        return importlib.import_module(spec.module)
    except ImportError as exc:  # pragma: no cover - depends on what is installed
        hint = f"pip install 'neurona[{spec.extra}]'" if spec.extra else "reinstall neurona"
        raise MissingDependencyError(
            f"backend {name!r} needs a package that is not installed ({exc.name}): {hint}"
        ) from exc


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


def resolve(
    name: str,
    *,
    X: Any = None,
    device: str | None = None,
    per_update: bool = False,
    previous: str | None = None,
    terms: bool = False,
) -> Engine:
    """The engine a fit runs on: the one policy for ``auto``, devices and per-update hooks.

    Parameters
    ----------
    name : str
        A key of :data:`BACKENDS`, or ``"auto"``.
    X : array or tensor, optional
        The training data (``auto`` looks at its library and size).
    device : str, optional
        A device to train on (``"cpu"``, ``"cuda"``, ``"cuda:1"``); needs a backend with
        devices (``auto`` picks one), and that device must exist.
    per_update : bool
        The caller wants ``on_update`` called after every update.
    previous : str, optional
        The backend a continued run (``partial_fit``, ``warm_start``) started on; ``auto``
        stays there.
    terms : bool
        The run has a penalty or averaging (``Capabilities.terms``): ``auto`` picks a
        backend that applies them, another is refused in words.

    ``auto`` picks, in order: a backend with devices when ``device`` is set; the backend
    native to ``X``'s library (a torch tensor stays on its device); the backend that calls
    back when ``per_update`` (the reference: the hook is for teaching, not speed);
    ``previous``; otherwise the fastest installed, at every size (numba, reading ``X``
    about once per epoch in every mode; benchmarks/bench_epochs.py).

    Raises
    ------
    ParameterError
        An unknown name, a device the backend cannot use or torch cannot see, or a
        per-update hook the backend cannot call.
    MissingDependencyError
        The backend's package is not installed (the message names the extra).
    """
    if name == "auto":
        name = _auto(X, device, per_update, previous, terms)
    spec = _spec(name)
    if is_sparse(X) and not spec.capabilities.sparse:
        able = " or ".join(f"backend={n!r}" for n, s in BACKENDS.items()
                           if s.capabilities.sparse)  # fmt: skip
        raise ParameterError(
            f"sparse X needs {able} (or 'auto'), not {name!r}: its kernels take dense "
            "arrays only; or pass X.toarray() if it fits in memory"
        )
    if terms and not spec.capabilities.terms:
        able = " or ".join(f"backend={n!r}" for n, s in BACKENDS.items()
                           if s.capabilities.terms)  # fmt: skip
        raise ParameterError(
            f"penalty and average need {able} (or 'auto'), not {name!r}: its compiled "
            "kernels do not apply them yet"
        )
    if per_update and not spec.capabilities.calls_back:
        able = " or ".join(f"backend={n!r}" for n, s in BACKENDS.items()
                           if s.capabilities.calls_back)  # fmt: skip
        why = "; leave device unset" if device is not None else " (or 'auto')"
        raise ParameterError(
            f"per-update callbacks need {able}{why}, not {name!r}: the other backends do not "
            "call back in their loops"
        )
    if device is not None:
        if not spec.capabilities.devices:
            able = " or ".join(f"backend={n!r}" for n, s in BACKENDS.items()
                               if s.capabilities.devices)  # fmt: skip
            raise ParameterError(
                f"device={device!r} needs {able} (or 'auto'), not {name!r}: only a backend "
                "with devices runs on one"
            )
        module = get_backend(name)
        module.check_device(device, spec.capabilities.devices)
        return Engine(name, module, device)
    return Engine(name, get_backend(name))


def is_sparse(X: Any) -> bool:
    """Whether ``X`` is a SciPy sparse matrix or array (without importing SciPy)."""
    return type(X).__module__.startswith("scipy.sparse")


def _spec(name: str) -> BackendSpec:
    spec = BACKENDS.get(name) if isinstance(name, str) else None
    if spec is None:
        raise ParameterError(
            f"backend={name!r} is not one of {sorted(BACKENDS)} or 'auto'; pick one of those names"
        )
    return spec


def _auto(
    X: Any, device: str | None, per_update: bool, previous: str | None, terms: bool = False
) -> str:
    def first(test: Callable[[Capabilities], bool]) -> str | None:
        return next((n for n, s in BACKENDS.items() if test(s.capabilities)), None)

    library = type(X).__module__.split(".")[0]
    able = previous if previous is None or not terms or BACKENDS[previous].capabilities.terms \
        else None  # fmt: skip
    chosen = (
        (device is not None and first(lambda c: bool(c.devices)))
        or first(lambda c: c.native == library)
        or (per_update and first(lambda c: c.calls_back))
        or able
    )
    sparse = is_sparse(X)
    if chosen and sparse and not BACKENDS[chosen].capabilities.sparse:
        chosen = None
    return chosen or next(n for n in _AUTO_ORDER if _installed(n)
                          and (BACKENDS[n].capabilities.terms or not terms)
                          and (BACKENDS[n].capabilities.sparse or not sparse))  # fmt: skip


def _installed(name: str) -> bool:
    """Whether the package behind backend ``name`` can be found, without importing it."""
    package = BACKENDS[name].package
    return package is None or importlib.util.find_spec(package) is not None


def check_backend(name: str, device: str | None = None) -> None:
    """Refuse an unknown backend name, or a device it cannot use, before any data is read
    (imports a backend only when a device must be checked)."""
    if name != "auto":
        _spec(name)
    if device is not None:
        resolve(name, device=device)
