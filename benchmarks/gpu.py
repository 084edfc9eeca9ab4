"""The torch backend on a GPU: epoch time and GB/s against the card's memory bandwidth.

    python benchmarks/gpu.py                      # n = 1e7 and 1e8 rows x 100, float32
    python benchmarks/gpu.py --quick              # n = 1e6 (smoke test)
    python benchmarks/gpu.py --quick --device cpu # the same code path on the CPU

Without CUDA (or without torch) it says so and exits 0. X, the targets and the weights
are created on the device; one ADALINE epoch (identity neuron, mean reduction) is timed in
``batch`` mode and in ``minibatch`` mode (k rows per step; small k is bound by kernel
launches, not by memory). ``GB/s`` = bytes of X / epoch time. torch computes a step as two
products, ``Z = X W`` and ``Xᵀ E``, so a batch epoch reads X twice: the ceiling for that
figure is half the bandwidth. The yardstick ``read X`` is ``X.sum()`` on the device,
measured in the same run, beside the card's nominal bandwidth where it is known.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from neurona.modes import MODES
from neurona.neurons import ADALINE
from neurona.schedules import Schedule

#: nominal memory bandwidth, GB/s, by a substring of the device name
NOMINAL_GBS = {
    "H200": 4800,
    "H100 NVL": 3900,
    "H100 PCIe": 2000,
    "H100": 3350,
    "A100-SXM4-80GB": 2039,
    "A100 80GB PCIe": 1935,
    "A100": 1555,
    "L40S": 864,
    "A10G": 600,
    "T4": 320,
}


def nominal(name: str) -> float | None:
    return next((v for k, v in NOMINAL_GBS.items() if k in name), None)


def timed(fn, sync, repeat: int) -> float:
    fn()  # warm up
    sync()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_size(torch, device, n: int, m: int, ks: list[int], repeat: int) -> list[str]:
    from neurona.backends import torch as tb

    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    gen = torch.Generator(device=device).manual_seed(0)
    X = torch.randn(n, m, generator=gen, device=device, dtype=torch.float32)
    T = X @ torch.randn(m, 1, generator=gen, device=device) + 0.1
    nbytes = X.numel() * X.element_size()
    lines: list[str] = []
    read = timed(lambda: X.sum(), sync, repeat)
    lines.append(row(n, "read X (X.sum())", read, nbytes, read))
    for k in [n, *ks]:
        mode = "batch" if k == n else "minibatch"
        plan = MODES[mode].plan(n, rng=np.random.default_rng(0), shuffle=False,
                          batch_size=k, mean=True)  # fmt: skip

        def epoch(plan=plan):
            W = torch.zeros(m, 1, device=device)
            b = torch.zeros(1, device=device)
            return tb.run_epoch(X, T, W, b, plan, ADALINE, Schedule(0.01), 0)

        label = "batch" if mode == "batch" else f"minibatch k={k}"
        lines.append(row(n, label, timed(epoch, sync, repeat), nbytes, read))
    return lines


def row(n: int, label: str, t: float, nbytes: int, read: float) -> str:
    return f"{n:>11,d} {label:22s} {t * 1e3:10.2f} {nbytes / t / 1e9:9.1f} {t / read:8.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="n = 1e6 only")
    ap.add_argument("--device", default="cuda", help="cuda (default), cuda:1, or cpu")
    ap.add_argument("--m", type=int, default=100)
    ap.add_argument("--k", type=int, nargs="*", default=[4096, 65536], help="minibatch sizes")
    ap.add_argument("--repeat", type=int, default=None)
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        print("torch is not installed (pip install 'neurona[torch]'): nothing to measure")
        return 0
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        print("no CUDA device here (torch.cuda.is_available() is False): nothing to measure")
        return 0
    if device.type == "cpu":
        torch.set_num_threads(1)  # a shared CPU: OpenMP threads that wait on each other stall
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "CPU (1 thread)"
    peak = nominal(name) if device.type == "cuda" else None
    print(f"device: {name}; torch {torch.__version__}; nominal bandwidth: "
          f"{f'{peak} GB/s' if peak else 'unknown'}")  # fmt: skip
    print(f"{'n':>11s} {'epoch':22s} {'median ms':>10s} {'GB/s':>9s} {'x read':>8s}")
    sizes = [1_000_000] if args.quick else [10_000_000, 100_000_000]
    repeat = args.repeat or (3 if args.quick else 5)
    for n in sizes:
        try:
            lines = bench_size(torch, device, n, args.m, [k for k in args.k if k < n], repeat)
        except torch.OutOfMemoryError:
            lines = [f"{n:>11,d} does not fit in the device's memory: skipped"]
        if device.type == "cuda":
            torch.cuda.empty_cache()  # the previous size's X is gone; give its memory back
        print("\n".join(lines), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
