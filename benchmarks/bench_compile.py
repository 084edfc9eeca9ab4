"""What the compiled backend costs before its first epoch, in a fresh process.

    python benchmarks/bench_compile.py            # 3 fresh processes per cache state
    python benchmarks/bench_compile.py --quick    # 1 process per cache state

Each fresh process imports ``neurona.backends.numba`` (which imports numba) and makes the
first call of each kernel on a tiny problem: the online float64 kernel (the one a default
fit runs first), then batch float64, online float32 and online with 3 outputs. With a
``cold`` cache (an empty ``NUMBA_CACHE_DIR``) every kernel is compiled; with a ``warm``
cache (the directory the cold run filled) it is loaded. Target (issue 5): the first call
with a warm cache <= 0.5 s. Medians over the processes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import json, time
t0 = time.perf_counter()
import numpy as np
from neurona.modes import MODES
from neurona.schedules import Schedule
from neurona.neurons import ADALINE
t1 = time.perf_counter()
from neurona.backends import numba as nbk
t2 = time.perf_counter()
out = {"import numpy + neurona": t1 - t0, "import numba backend": t2 - t1}

def first(label, mode, dtype, k):
    X, T = np.ones((8, 3), dtype), np.ones((8, k), dtype)
    W, b = np.zeros((3, k), dtype), np.zeros(k, dtype)
    plan = MODES[mode].plan(8, rng=np.random.default_rng(0), shuffle=False, batch_size=4,
                      mean=True)
    t = time.perf_counter()
    nbk.run_epoch(X, T, W, b, plan, ADALINE, Schedule(0.1), 0)
    out[label] = time.perf_counter() - t

first("first call: online float64", "online", np.float64, 1)
first("first call: batch float64", "batch", np.float64, 1)
first("first call: online float32", "online", np.float32, 1)
first("first call: online float64, 3 outputs", "online", np.float64, 3)
out["import + first online call"] = (
    out["import numba backend"] + out["first call: online float64"]
)
print(json.dumps(out))
"""


def run_child(cache_dir: str) -> dict[str, float]:
    env = {**os.environ, "NUMBA_CACHE_DIR": cache_dir}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one process per cache state")
    ap.add_argument("--repeat", type=int, default=None)
    args = ap.parse_args()
    repeat = args.repeat or (1 if args.quick else 3)
    results: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="neurona-numba-cache-") as cache:
            results["cold"].append(run_child(cache))
            results["warm"].append(run_child(cache))
    keys = list(results["cold"][0])
    print(f"{'seconds (median of ' + str(repeat) + ' fresh processes)':44s} {'cold':>8s} "
          f"{'warm':>8s} {'cold/warm':>9s}")  # fmt: skip
    for key in keys:
        cold = statistics.median(r[key] for r in results["cold"])
        warm = statistics.median(r[key] for r in results["warm"])
        print(f"{key:44s} {cold:8.3f} {warm:8.3f} {cold / warm:9.1f}")
    warm_first = statistics.median(r["first call: online float64"] for r in results["warm"])
    verdict = "ok" if warm_first <= 0.5 else "MISSED"
    print(f"target: first call with a warm cache <= 0.5 s: {warm_first:.3f} s, {verdict}")


if __name__ == "__main__":
    main()
