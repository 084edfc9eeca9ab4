r"""The lecture's vectorization experiment, as data.

The lecture times the dot product :math:`z = \sum_i x_i w_i` three ways (a ``for`` loop
38.9 ms, a generator ``sum(x_i*w_i for x_i, w_i in zip(x, w))`` 29.7 ms, NumPy 46.8 µs)
and then writes the perceptron as a class that updates one row at a time. This module
repeats both experiments here and returns the timings as records; printing them is the
command line's job.

* :func:`dot_experiment`: the dot product by ``for`` loop, by generator, by NumPy, by
  torch (when installed) and compiled by Numba;
* :func:`epoch_experiment`: one perceptron epoch by the lecture's NumPy class (one row at
  a time, :class:`LecturePerceptron`), by the lecture's PyTorch class (when installed), by
  the NumPy reference backend, vectorized over rows (one ``batch`` step) and compiled
  (numba ``online`` and ``batch``).

Timings are taken as ``timeit`` does: each of ``repeat`` runs times ``loops`` calls
(``loops`` grows until a run lasts ``min_run`` seconds) and reports the time per call;
the records hold the median and the spread (standard deviation) over runs.

The timings are taken single-threaded by default (:func:`single_threaded`: BLAS and
OpenMP pools through threadpoolctl, torch and numba set to one thread, all restored
after), so that a loop and a library call compare one core against one core, and each
record carries the machine's 1-minute load average (``os.getloadavg``) taken just before
its runs: a load above the number of cores means other work shared the CPU and the
ratios are unreliable.

Examples
--------
>>> from neurona.bench import dot_experiment
>>> [r.method for r in dot_experiment(1000, repeat=2, min_run=0.0)][:3]
['for loop', 'generator', 'numpy']
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import statistics
import sys
import timeit
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from .backends import BACKENDS, available_backends, get_backend
from .modes import MODES, Mode, Steps
from .neurons import PERCEPTRON_ERROR
from .schedules import Schedule

__all__ = [
    "LecturePerceptron",
    "Timing",
    "dot_experiment",
    "epoch_experiment",
    "load_average",
    "measure",
    "single_threaded",
]


@dataclass(frozen=True)
class Timing:
    """One method's timing, as ``timeit`` reports it, and what it computed.

    Attributes
    ----------
    task : str
        ``"dot"`` or ``"perceptron epoch"``.
    method : str
        How it was computed (``"for loop"``, ``"numpy"``, ...).
    size : int
        Elements of each vector (dot) or rows of X (epoch).
    median, spread, best : float
        Seconds per call: median over runs, their standard deviation, the fastest run.
    runs, loops : int
        Runs timed, and calls per run.
    speedup : float
        Median of the first method (the loop or the lecture's class) over this median.
    value : float or tuple of float
        The dot product, or the epoch's weights followed by the bias.
    threads : int or None
        1 when timed single-threaded (:func:`single_threaded`); None when the thread pools
        were left as they were.
    load : float or None
        The machine's 1-minute load average just before this method's runs (None where the
        system does not report one). Compare it with ``os.cpu_count()``.
    """

    task: str
    method: str
    size: int
    median: float
    spread: float
    best: float
    runs: int
    loops: int
    speedup: float
    value: Any
    threads: int | None = None
    load: float | None = None


def load_average() -> float | None:
    """The 1-minute load average (``os.getloadavg()[0]``), or None where there is none."""
    try:
        return float(os.getloadavg()[0])
    except (AttributeError, OSError):  # Windows; or unavailable
        return None


@contextlib.contextmanager
def single_threaded() -> Iterator[None]:
    """Run the block with every thread pool limited to one thread, then restore them.

    BLAS and OpenMP pools through ``threadpoolctl.threadpool_limits(1)``; torch
    (``torch.set_num_threads``) and numba (``numba.set_num_threads``) when already
    imported. Timings of a Python loop against a library call then compare one core with
    one core, whatever else runs on the machine.
    """
    from threadpoolctl import threadpool_limits

    restore = []
    torch = sys.modules.get("torch")
    if torch is not None:
        restore.append((torch.set_num_threads, torch.get_num_threads()))
        torch.set_num_threads(1)
    numba = sys.modules.get("numba")
    if numba is not None:
        with contextlib.suppress(Exception):  # no threading layer: nothing to limit
            restore.append((numba.set_num_threads, numba.get_num_threads()))
            numba.set_num_threads(1)
    try:
        with threadpool_limits(limits=1):
            yield
    finally:
        for setter, value in reversed(restore):
            setter(value)


def measure(
    fn: Callable[[], Any], *, repeat: int = 7, min_run: float = 0.2
) -> tuple[float, float, float, int, int]:
    """Time ``fn()`` as ``timeit`` does; return (median, spread, best, runs, loops).

    ``loops`` calls make one run, with ``loops`` the smallest of 1, 2, 5, 10, 20, ...
    that makes a run last ``min_run`` seconds (``timeit.Timer.autorange``).
    """
    timer = timeit.Timer(fn)
    loops = 1
    if min_run > 0:
        for loops in (10**k * f for k in range(10) for f in (1, 2, 5)):
            if timer.timeit(loops) >= min_run:
                break
    per_call = [t / loops for t in timer.repeat(repeat=max(repeat, 1), number=loops)]
    spread = statistics.stdev(per_call) if len(per_call) > 1 else 0.0
    return statistics.median(per_call), spread, min(per_call), len(per_call), loops


# ------------------------------------------------------------------------- dot product


def forloop(x: list[float], w: list[float]) -> float:
    """The lecture's ``for`` loop: ``z += x[i] * w[i]``."""
    z = 0.0
    for i in range(len(x)):
        z += x[i] * w[i]
    return z


def generator(x: list[float], w: list[float]) -> float:
    """The lecture's ``sum(x_i*w_i for x_i, w_i in zip(x, w))``."""
    return sum(x_i * w_i for x_i, w_i in zip(x, w, strict=True))


def dot_experiment(
    n: int = 1_000_000,
    *,
    repeat: int = 7,
    min_run: float = 0.2,
    seed: int = 0,
    x: np.ndarray | None = None,
    w: np.ndarray | None = None,
    threads: int | None = 1,
) -> list[Timing]:
    """Time :math:`x^\\top w` for vectors of ``n`` float64 elements, every way we have.

    Parameters
    ----------
    n : int
        Elements per vector (the lecture's size class is about 1e6).
    x, w : (n,) arrays, optional
        The vectors; drawn from a seeded standard normal when not given.
    threads : 1 or None
        1 (default): timed single-threaded (:func:`single_threaded`); None: the thread
        pools as they are.

    Returns
    -------
    list of Timing
        ``for loop``, ``generator``, then each installed backend's ``dot`` under the
        backend's name (NumPy's BLAS, numba's SIMD kernel, torch's), in the registry's
        order; ``speedup`` is over the ``for`` loop.
    """
    if x is None or w is None:
        rng = np.random.default_rng(seed)
        x, w = rng.standard_normal(n), rng.standard_normal(n)
    x, w = np.ascontiguousarray(x, dtype=np.float64), np.ascontiguousarray(w, dtype=np.float64)
    methods = _dot_methods(x, w)
    return _records("dot", len(x), methods, repeat, min_run, threads)


def _dot_methods(x: np.ndarray, w: np.ndarray) -> dict[str, Callable[[], Any]]:
    """The lecture's two Python loops, then each installed backend's dot product."""
    xl, wl = x.tolist(), w.tolist()
    methods: dict[str, Callable[[], Any]] = {
        "for loop": lambda: forloop(xl, wl),
        "generator": lambda: generator(xl, wl),
    }
    for name in available_backends():
        dot = get_backend(name).dot
        dot(x, w)  # compile (or load from the cache) before timing
        methods[name] = functools.partial(dot, x, w)
    return methods


# ---------------------------------------------------------------------- perceptron epoch


class LecturePerceptron:
    """The lecture's NumPy perceptron class, as written there (``np.float`` is ``float``).

    Targets are 0/1, :math:`\\hat y = [x^\\top w + b > 0]`, and each row updates
    :math:`w \\leftarrow w + (y - \\hat y) x`, :math:`b \\leftarrow b + (y - \\hat y)`.
    """

    def __init__(self, num_features: int):
        self.num_features = num_features
        self.weights = np.zeros((num_features, 1), dtype=float)
        self.bias = np.zeros(1, dtype=float)

    def forward(self, x: np.ndarray) -> np.ndarray:
        linear = np.dot(x, self.weights) + self.bias
        return np.where(linear > 0.0, 1, 0)

    def backward(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return y - self.forward(x)

    def train(self, x: np.ndarray, y: np.ndarray, epochs: int) -> None:
        for _ in range(epochs):
            for i in range(y.shape[0]):
                errors = self.backward(x[i].reshape(1, self.num_features), y[i]).reshape(-1)
                self.weights += (errors * x[i]).reshape(self.num_features, 1)
                self.bias += errors


def _torch_lecture_epoch(x, y):
    """The lecture's PyTorch class, one epoch, every tensor on the data's device."""
    import torch

    w = torch.zeros(x.shape[1], 1, dtype=x.dtype, device=x.device)
    b = torch.zeros(1, dtype=x.dtype, device=x.device)
    ones, zeros = torch.ones(1, dtype=x.dtype, device=x.device), torch.zeros_like(b)
    for i in range(y.shape[0]):
        xi = x[i].reshape(1, -1)
        pred = torch.where(torch.add(torch.mm(xi, w), b) > 0.0, ones, zeros)
        errors = (y[i] - pred).view(-1)
        w += (errors * x[i]).reshape(-1, 1)
        b += errors
    return w, b


def epoch_experiment(
    n: int = 20_000,
    m: int = 100,
    *,
    repeat: int = 5,
    min_run: float = 0.2,
    seed: int = 0,
    X: np.ndarray | None = None,
    y: np.ndarray | None = None,
    threads: int | None = 1,
) -> list[Timing]:
    """Time one perceptron epoch (0/1 targets, rate 1) by the lecture's class and ours.

    Parameters
    ----------
    n, m : int
        Rows and features of the seeded data (a noisy linear rule) when ``X`` is not given.
    X : (n_samples, n_features) array, optional
    y : (n_samples,) array of 0/1, optional
    threads : 1 or None
        As for :func:`dot_experiment`.

    Returns
    -------
    list of Timing
        ``lecture class (numpy)`` first (``speedup`` is over it), ``lecture class
        (torch)`` if installed, ``numpy (online)``, ``numba (online)`` if installed (each
        host backend in the per-row mode): these make the same updates, so their
        ``value`` (weights, then bias) agree; then ``numpy (batch)`` and ``numba (batch)``,
        one update per epoch from all rows: a different algorithm, with other weights.
    """
    if X is None or y is None:
        rng = np.random.default_rng(seed)
        X = rng.standard_normal((n, m))
        y = (X @ rng.standard_normal(m) + rng.standard_normal(n) > 0).astype(np.int64)
    X = np.ascontiguousarray(X, dtype=np.float64)
    methods = _epoch_methods(X, np.asarray(y))
    return _records("perceptron epoch", len(X), methods, repeat, min_run, threads)


def _epoch_methods(X: np.ndarray, y: np.ndarray) -> dict[str, Callable[[], Any]]:
    T = y.astype(X.dtype).reshape(-1, 1)

    def lecture() -> tuple[float, ...]:
        model = LecturePerceptron(X.shape[1])
        model.train(X, y, epochs=1)
        return _weights(model.weights, model.bias)

    def epoch_on(backend: str, mode: Mode) -> Callable[[], tuple[float, ...]]:
        run = get_backend(backend).run_epoch
        steps = Steps(mode, batch_size=1, shuffle=False, mean=False)
        plan = steps.plan(len(X), np.random.default_rng(0))

        def epoch() -> tuple[float, ...]:
            W, b = np.zeros((X.shape[1], 1)), np.zeros(1)
            run(X, T, W, b, plan, PERCEPTRON_ERROR, Schedule(1.0), 0)
            return _weights(W, b)

        return epoch

    methods: dict[str, Callable[[], Any]] = {"lecture class (numpy)": lecture}
    if _installed("torch"):
        import torch

        Xt, yt = torch.from_numpy(X), torch.from_numpy(y.astype(X.dtype))
        methods["lecture class (torch)"] = lambda: _weights(*_torch_lecture_epoch(Xt, yt))
    # the lecture's two loops: a row at a time in order, and every row in one step,
    # on each backend that computes on this machine's memory
    n = len(X)
    in_order = next(m for m in MODES.values() if m.visits_all and m.rows(n, 1) == 1)
    whole = next(m for m in MODES.values() if m.visits_all and m.rows(n, 1) == n)
    hosts = [b for b in available_backends() if not BACKENDS[b].capabilities.devices]
    for mode in (in_order, whole):
        for backend in hosts:
            methods[f"{backend} ({mode.name})"] = epoch_on(backend, mode)
            if not BACKENDS[backend].capabilities.reference:
                methods[f"{backend} ({mode.name})"]()  # compile (or load the cache) first
    return methods


def _weights(W: Any, b: Any) -> tuple[float, ...]:
    return tuple(float(v) for v in [*np.asarray(W).ravel(), *np.asarray(b).ravel()])


# ----------------------------------------------------------------------------- helpers


def _records(
    task: str,
    size: int,
    methods: dict[str, Callable[[], Any]],
    repeat: int,
    min_run: float,
    threads: int | None = 1,
) -> list[Timing]:
    if threads not in (1, None):
        raise ValueError(f"threads must be 1 or None, got {threads!r}")
    out: list[Timing] = []
    limit = single_threaded() if threads == 1 else contextlib.nullcontext()
    with limit:
        for method, fn in methods.items():
            value = fn()
            load = load_average()
            median, spread, best, runs, loops = measure(fn, repeat=repeat, min_run=min_run)
            base = out[0].median if out else median
            out.append(Timing(task, method, size, median, spread, best, runs, loops,
                              base / median if median > 0 else float("inf"), value,
                              threads, load))  # fmt: skip
    return out


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None
