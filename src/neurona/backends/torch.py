r"""The PyTorch backend: the lecture's PyTorch perceptron, on the CPU or a GPU.

The arithmetic is the NumPy reference's, written with tensors:

.. math:: Z = X_S W + b,\quad E = T_S - \sigma_{fit}(Z),\quad
          W \leftarrow W + \eta_t r\, X_S^\top E,\quad b \leftarrow b + \eta_t r \sum_i E_i,

one row per step in ``online`` and ``random`` (a Python loop, as the lecture's class), a
block of rows per step in ``minibatch`` and ``batch`` (two matrix products).

Devices
-------
Everything runs on the device of ``X``: NumPy arrays run on the CPU and are updated in
place through shared memory; a tensor ``X`` on ``cuda`` keeps every tensor of the epoch
on ``cuda`` (row orders, accumulators and constants are created there; the lecture's
class made its ``ones``/``zeros`` on the CPU while its weights were on the GPU, which
fails). ``W`` and ``b`` may be NumPy arrays or tensors; NumPy ``W``/``b`` with a GPU ``X``
are copied to the device and written back after the epoch. Tensors on another device than
``X`` are refused with :class:`~neurona.errors.DataError`. The multi-row modes synchronise
with the host once per epoch (for the statistics), the per-row modes once per row.

Exactness
---------
float32 stays float32. Dot products and matrix products are summed by torch's BLAS in
its own order, so weights agree with NumPy's to ``rtol = 1e-9`` (float64) and
``rtol = 1e-4`` (float32) per epoch on well-scaled data; the perceptron's weights agree
exactly unless some ``z`` lands within rounding of 0.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import torch

from ..errors import DataError, ParameterError
from ..modes import EpochPlan
from ..neurons import Neuron, Terms
from ..schedules import Schedule
from . import EpochStats

__all__ = ["as_tensor", "check_device", "count_correct", "dot", "run_epoch", "to_device"]


def as_tensor(a: Any, device: str | torch.device | None = None) -> torch.Tensor:
    """``a`` as a tensor on ``device`` (default: its own, or the CPU), dtype kept.

    NumPy arrays on the CPU share memory with the tensor (no copy). A read-only array
    (e.g. a memory map) is shared too: the backend only writes ``W`` and ``b``.
    """
    if isinstance(a, torch.Tensor):
        return a if device is None else a.to(device)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The given NumPy array is not writable")
        # torch refuses negative strides (a reversed view); contiguous arrays stay shared
        return torch.as_tensor(np.ascontiguousarray(a), device=device)


def to_device(a: Any, device: str) -> torch.Tensor:
    """``a`` copied to ``device`` once (the estimators train there; see :func:`as_tensor`)."""
    return as_tensor(a, device)


def check_device(device: Any, types: tuple[str, ...] = ("cpu", "cuda")) -> None:
    """Refuse in words a device that is not a torch device name of ``types`` or that torch
    cannot see here (:class:`~neurona.errors.ParameterError`)."""
    if not isinstance(device, str):
        raise ParameterError(f"device must be a string such as 'cpu' or 'cuda', not {device!r}")
    try:
        dev = torch.device(device)
    except (RuntimeError, ValueError) as exc:
        raise ParameterError(
            f"device={device!r} is not a torch device name; use e.g. 'cpu', 'cuda' or 'cuda:0'"
        ) from exc
    if dev.type not in types:
        raise ParameterError(
            f"device={device!r}: neurona trains on {' or '.join(map(repr, types))} devices, "
            f"not {dev.type!r}"
        )
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ParameterError(
            f"device={device!r} but torch sees no CUDA device here "
            "(torch.cuda.is_available() is False); use device='cpu' or leave it unset"
        )
    if dev.type == "cuda" and dev.index is not None and dev.index >= torch.cuda.device_count():
        raise ParameterError(
            f"device={device!r} but torch sees {torch.cuda.device_count()} CUDA device(s), "
            f"numbered from 0; pick one of those"
        )


def run_epoch(
    X: np.ndarray | torch.Tensor,
    T: np.ndarray | torch.Tensor,
    W: np.ndarray | torch.Tensor,
    b: np.ndarray | torch.Tensor,
    plan: EpochPlan,
    neuron: Neuron,
    schedule: Schedule,
    t0: int,
    *,
    count_start: bool = False,
    on_update: Any = None,
    sample_weight: Any = None,
    fit_intercept: bool = True,
    terms: Any = None,
) -> EpochStats:
    """Run one epoch in place on ``W`` (n_features, n_outputs) and ``b`` (n_outputs,).

    ``X`` is (n_rows, n_features), ``T`` (n_rows, n_outputs) holds the targets; the
    semantics are those of :func:`neurona.backends.numpy.run_epoch`. Runs on ``X``'s device.
    ``count_start`` costs a pass of its own; ``on_update`` is refused (this backend does
    not call back per update). ``sample_weight`` (n_rows, n_outputs), ``fit_intercept`` and
    ``terms`` as for :func:`neurona.backends.numpy.run_epoch`.
    """
    if on_update is not None:
        raise ParameterError("the torch backend does not call back per update: use numpy")
    correct = count_correct(X, T, W, b, neuron) if count_start else None
    Xt = as_tensor(X)
    device = Xt.device
    Tt = _on(T, device, "T")
    Wt, bt = _on(W, device, "W"), _on(b, device, "b")
    St = None if sample_weight is None else _on(sample_weight, device, "sample_weight")
    held = None
    if terms is not None and terms.active:  # their state as tensors (shared on the CPU)
        state = terms.state()
        held = [as_tensor(a, device) for a in state]
        # plain Terms: a subclass (one output's copy, train._ColumnTerms) builds otherwise
        terms_t = Terms(terms.l2, terms.l1, terms.average, *held)
    opts = (St, bool(fit_intercept), None if held is None else terms_t)
    with torch.no_grad():
        if plan.step == 1:
            stats = _per_row(Xt, Tt, Wt, bt, plan, neuron, schedule, t0, opts)
        else:
            stats = _per_step(Xt, Tt, Wt, bt, plan, neuron, schedule, t0, opts)
    if held is not None:
        for dst, src in zip(state, held, strict=True):
            _write_back(dst, src)
    _write_back(W, Wt)
    _write_back(b, bt)
    return EpochStats(stats.loss_sum, stats.n_errors, stats.n_rows, stats.n_steps, correct,
                      stats.n_nonfinite)  # fmt: skip


def count_correct(X: Any, T: Any, W: Any, b: Any, neuron: Neuron) -> int:
    """Rows whose class the weights read correctly, computed on ``X``'s device."""
    Xt = as_tensor(X)
    device = Xt.device
    Tt = _on(T, device, "T")
    Wt, bt = _on(W, device, "W"), _on(b, device, "b")
    with torch.no_grad():
        return neuron.n_correct(Xt @ Wt + bt, Tt)


def dot(x: Any, w: Any) -> float:
    """``xᵀ w`` of two 1-D arrays or tensors, by ``torch.dot`` on ``x``'s device."""
    xt = as_tensor(x)
    return float(torch.dot(xt, _on(w, xt.device, "w")))


def _on(a: Any, device: torch.device, name: str) -> torch.Tensor:
    """``a`` on ``device``; a NumPy array is copied there, a tensor elsewhere is refused."""
    if isinstance(a, torch.Tensor):
        if a.device != device:
            raise DataError(
                f"{name} is on {a.device} but X is on {device}; move both to one device "
                f"(e.g. {name}.to(X.device)) before training"
            )
        return a
    return as_tensor(a, device)


def _write_back(dst: Any, src: torch.Tensor) -> None:
    """Copy ``src`` into a NumPy ``dst`` unless it already shares its memory."""
    if isinstance(dst, np.ndarray) and not (
        src.device.type == "cpu" and np.shares_memory(dst, src.numpy())
    ):
        dst[...] = src.cpu().numpy()


def _per_row(X, T, W, b, plan, neuron, schedule, t0, opts) -> EpochStats:
    S, fit_b, terms = opts
    n = X.shape[0]
    order = range(n) if plan.order is None else np.asarray(plan.order).tolist()
    loss_sum, n_err, n_bad = 0.0, 0, 0
    for t, i in enumerate(order, start=t0):
        x, y = X[i], T[i : i + 1]
        z = (x @ W + b)[None, :]  # output with the weights before this row's update
        n_bad += not bool(torch.isfinite(z).all())
        e = neuron.error(z, y, torch)[0]
        loss_sum += float(neuron.loss(z, y, torch).sum())
        if S is not None:  # (η_t e) s, as the reference
            e = (schedule.rate(t) * e) * S[i]
        if terms is not None:  # L2's decay comes first, on every step
            terms.decay(W, schedule.rate(t))
        if bool(e.any()):
            n_err += 1
            step = schedule.rate(t) * e if S is None else e
            delta = torch.outer(x, step)
            W += delta
            if fit_b:
                b += step
        if terms is not None:
            terms.after_step(W, b, schedule.rate(t), t, delta if bool(e.any()) else None)
    return EpochStats(loss_sum, n_err, len(order), len(order), n_nonfinite=n_bad)


def _per_step(X, T, W, b, plan, neuron, schedule, t0, opts) -> EpochStats:
    S, fit_b, terms = opts
    device = X.device
    n = X.shape[0] if plan.order is None else len(plan.order)
    order = None if plan.order is None else torch.as_tensor(plan.order, device=device)
    loss = torch.zeros((), dtype=torch.float64, device=device)
    n_err = torch.zeros((), dtype=torch.int64, device=device)
    n_bad = torch.zeros((), dtype=torch.int64, device=device)
    t = t0
    for start in range(0, n, plan.step):
        rows = slice(start, start + plan.step)
        Xs, Ts = (X[rows], T[rows]) if order is None else (X[order[rows]], T[order[rows]])
        Z = Xs @ W + b  # every row of the step sees the same weights
        n_bad += (~torch.isfinite(Z).all(dim=1)).sum()
        E = neuron.error(Z, Ts, torch)
        loss += neuron.loss(Z, Ts, torch).sum().double()
        if S is not None:
            E = E * (S[rows] if order is None else S[order[rows]])
        n_err += E.ne(0).any(dim=1).sum()
        scale = schedule.rate(t) / (Xs.shape[0] if plan.mean else 1)
        if terms is not None:  # L2's decay comes first, on every step
            terms.decay(W, schedule.rate(t))
        delta = scale * (Xs.T @ E)
        W += delta
        if fit_b:
            b += scale * E.sum(dim=0)
        if terms is not None:
            terms.after_step(W, b, schedule.rate(t), t, delta)
        t += 1
    return EpochStats(float(loss), int(n_err), n, t - t0, n_nonfinite=int(n_bad))
