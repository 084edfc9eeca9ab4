"""Whole ``fit`` calls through the estimator API, against scikit-learn's ``fit``.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_fit.py
    python benchmarks/bench_fit.py --quick    # n = 1e5, one round

bench_epochs.py times the kernels; this times what a user runs: validation, label
encoding, every epoch and the per-epoch history (neurona records loss, updates and the
accuracy of each epoch's final weights; the numba backend counts that accuracy inside the
next epoch's pass, so it costs no extra read of X but for the last epoch; the line
"neurona, no accuracy" is the same fit with ``track_accuracy=False``, which counts none).
n = 10^6 rows x 100 features, ``--epochs`` (1 and 5) epochs, one thread everywhere
(threadpoolctl), float64 and float32, in rounds of interleaved repeats. Each line: wall
median, x read (median of per-repeat ratios to the fastest of three reads of X, as
bench_epochs.py), x sklearn (median of per-repeat ratios). scikit-learn's fit converts
float32 to float64, validates X and reads labels the same way.

=========================  ===============================================================
neurona                    scikit-learn
=========================  ===============================================================
``Perceptron(backend=..)``  ``Perceptron(max_iter=E, tol=None, shuffle=False)``
``Adaline(backend=..)``     ``SGDClassifier(loss="squared_error", penalty=None,
                           learning_rate="constant", eta0=1e-4, max_iter=E, tol=None,
                           shuffle=False)`` (ADALINE is SGD on the squared error of ±1)
=========================  ===============================================================

Data: standard normal X, labels ``X w + 3 noise > 0`` (about 13% of rows update).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import warnings

import numpy as np
from sklearn.linear_model import Perceptron as SkPerceptron
from sklearn.linear_model import SGDClassifier
from threadpoolctl import threadpool_info, threadpool_limits

from bench_epochs import read_x  # the same yardstick: the fastest read of X
from neurona import Adaline, Perceptron

LMS_RATE = 1e-4


def quiet(fit):
    def go():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning, SeparabilityWarning
            return fit()

    return go


def cases(X, y, epochs: int):
    ours = {"rule": "margin", "epochs": epochs, "learning_rate": 1.0}
    yield (
        "perceptron fit",
        {
            "neurona numba": quiet(lambda: Perceptron(**ours, backend="numba").fit(X, y)),
            "neurona, no accuracy": quiet(
                lambda: Perceptron(**ours, backend="numba", track_accuracy=False).fit(X, y)
            ),
            "sklearn Perceptron": quiet(
                lambda: SkPerceptron(max_iter=epochs, tol=None, shuffle=False).fit(X, y)
            ),
        },
    )
    ada = {"epochs": epochs, "learning_rate": LMS_RATE}
    sgd = SGDClassifier(loss="squared_error", penalty=None, learning_rate="constant",
                        eta0=LMS_RATE, max_iter=epochs, tol=None, shuffle=False)  # fmt: skip
    yield (
        "ADALINE fit",
        {
            "neurona numba": quiet(lambda: Adaline(**ada, backend="numba").fit(X, y)),
            "sklearn SGDClassifier": quiet(lambda: sgd.fit(X, y)),
        },
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="n = 1e5, one round")
    ap.add_argument("--n", type=int, default=None)
    ap.add_argument("--m", type=int, default=100)
    ap.add_argument("--epochs", type=int, nargs="+", default=[1, 5])
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    n = args.n or (100_000 if args.quick else 1_000_000)
    rounds = args.rounds or (1 if args.quick else 3)
    threadpool_limits(1)
    blas = [f"{i['internal_api']} {i.get('architecture')}" for i in threadpool_info()
            if i["user_api"] == "blas"]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS")}
    print(f"n = {n}, m = {args.m}, epochs {args.epochs}, {rounds} rounds x {args.repeat} "
          f"repeats, BLAS: {', '.join(blas)}, OPENBLAS env: {env or 'none'}")  # fmt: skip
    rng = np.random.default_rng(0)
    X64 = rng.standard_normal((n, args.m))
    y = (X64 @ rng.standard_normal(args.m) + 3 * rng.standard_normal(n) > 0).astype(int)
    runs = []
    for dtype in ("float64", "float32"):
        X = X64 if dtype == "float64" else X64.astype(np.float32)
        for epochs in args.epochs:
            for case, fns in cases(X, y, epochs):
                runs.append((f"{case} E={epochs}", dtype, {**read_x(X), **fns}))
    for _, _, fns in runs:
        for fn in fns.values():
            fn()  # warm up: compile, caches, memory
    times: list[dict[str, list[float]]] = [{} for _ in runs]
    for _ in range(rounds):
        for (_, _, fns), t in zip(runs, times, strict=True):
            for _ in range(args.repeat):
                for name, fn in fns.items():
                    t0 = time.perf_counter()
                    fn()
                    t.setdefault(name, []).append(time.perf_counter() - t0)
    print(f"{'case':19s} {'dtype':8s} {'method':22s} {'wall ms':>8s} {'x read':>7s} "
          f"{'x sklearn':>9s}")  # fmt: skip
    for (case, dtype, _), t in zip(runs, times, strict=True):
        reads = [v for k, v in t.items() if k.startswith("read")]
        read = [min(ws) for ws in zip(*reads, strict=True)]
        sk = next(v for k, v in t.items() if k.startswith("sklearn"))
        for name, ws in t.items():
            if name.startswith("read"):
                continue
            x_read = statistics.median(w / r for w, r in zip(ws, read, strict=True))
            x_sk = statistics.median(s / w for s, w in zip(sk, ws, strict=True))
            print(f"{case:19s} {dtype:8s} {name:22s} {statistics.median(ws) * 1e3:8.1f} "
                  f"{x_read:7.2f} {x_sk:9.1f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
