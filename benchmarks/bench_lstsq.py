"""Closed-form least squares: neurona's solvers against scikit-learn, NumPy and SciPy.

Two problems of ``n × p`` float64 (default 1e6 × 100, 800 MB): a well-conditioned X, and
the same X with column 1 replaced by column 0 plus 1e-7 noise (cond(X) ≈ 2e7). Every
method fits an intercept (the lstsq peers centre X and y first, inside their timing; the
inverse solver is the lecture's: a column of ones, then ``inv(XᵀX) Xᵀy``).

Printed per method: median seconds over ``--repeats`` (methods interleaved, so the noise of
a shared machine hits all of them alike), the speed-up over scikit-learn's
``LinearRegression().fit`` measured in the same run, and the largest relative difference of
a coefficient from ``scipy.linalg.lstsq`` (gelsd), ``max_j |w_j - w_ref_j| / |w_ref_j|``.

Run as ``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_lstsq.py``
(``--quick``: 20000 × 20, for a smoke test).
"""

from __future__ import annotations

import argparse
import gc
import time
import warnings
from collections.abc import Callable

import numpy as np
import scipy.linalg
from sklearn.linear_model import LinearRegression
from threadpoolctl import threadpool_info

from neurona.solvers import solve_least_squares

Fit = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _centred(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return X - X.mean(axis=0), y - y.mean()


def _neurona(solver: str) -> Fit:
    def fit(X, y):
        return solve_least_squares(X, y, solver=solver).coef[:, 0]

    return fit


def _sklearn(X, y):
    return LinearRegression().fit(X, y).coef_


def _numpy_lstsq(X, y):
    return np.linalg.lstsq(*_centred(X, y), rcond=None)[0]


def _scipy_lstsq(X, y):
    return scipy.linalg.lstsq(*_centred(X, y), overwrite_a=True)[0]


def _inverse(X, y):
    Xa = np.hstack([np.ones((X.shape[0], 1)), X])
    return (np.linalg.inv(Xa.T @ Xa) @ (Xa.T @ y))[1:]


METHODS: dict[str, Fit] = {
    "neurona auto": _neurona("auto"),
    "neurona cholesky": _neurona("cholesky"),
    "neurona qr": _neurona("qr"),
    "neurona lstsq": _neurona("lstsq"),
    "sklearn LinearRegression": _sklearn,
    "numpy.linalg.lstsq": _numpy_lstsq,
    "scipy.linalg.lstsq": _scipy_lstsq,
    "inv(XᵀX) Xᵀy": _inverse,
}


def make_problems(n: int, p: int, seed: int = 0):
    """Yield ``(name, X, y)``: well-conditioned, then the same X made ill-conditioned."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    w = rng.uniform(1.0, 2.0, p) * rng.choice([-1.0, 1.0], p)
    noise = rng.standard_normal(n)
    yield "well-conditioned", X, X @ w + 3.0 + noise
    X[:, 1] = X[:, 0] + 1e-7 * rng.standard_normal(n)
    yield "ill-conditioned (x1 = x0 + 1e-7 noise)", X, X @ w + 3.0 + noise


def time_methods(X, y, repeats: int) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    times: dict[str, list[float]] = {name: [] for name in METHODS}
    coefs: dict[str, np.ndarray] = {}
    for _ in range(repeats):
        for name, fit in METHODS.items():
            gc.collect()
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                coefs[name] = np.asarray(fit(X, y)).ravel()
            times[name].append(time.perf_counter() - start)
    return {k: float(np.median(v)) for k, v in times.items()}, coefs


def report(title: str, X, y, repeats: int) -> dict[str, tuple[float, float]]:
    sol = solve_least_squares(X, y, solver="auto")
    med, coefs = time_methods(X, y, repeats)
    ref, t_sk = coefs["scipy.linalg.lstsq"], med["sklearn LinearRegression"]
    print(f"\n{title}: auto took the {sol.solver!r} path, cond(scaled XᵀX) ≈ {sol.cond:.1e}")
    print("| method | median s | speed-up vs sklearn | max rel. coef diff vs scipy |")
    print("| --- | ---: | ---: | ---: |")
    rows = {}
    for name in METHODS:
        diff = float(np.max(np.abs(coefs[name] - ref) / np.abs(ref)))
        rows[name] = (med[name], diff)
        print(f"| {name} | {med[name]:.3f} | {t_sk / med[name]:.1f}× | {diff:.1e} |")
    return rows


def _blas() -> str:
    infos = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return "; ".join(
        f"{i['internal_api']} {i.get('version')} kernel={i.get('architecture')} "
        f"threads={i['num_threads']}"
        for i in infos
    )


def _cpu_pressure() -> str:
    """Linux PSI: the share of time some runnable task waited for a CPU (noise on a shared box)."""
    try:
        with open("/proc/pressure/cpu") as f:
            return f.readline().strip()
    except OSError:
        return "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20000 × 20, for a smoke test")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    n, p = (20_000, 20) if args.quick else (1_000_000, 100)
    print(f"least squares with intercept, n={n}, p={p}, float64, medians of {args.repeats}")
    print(f"BLAS: {_blas()}")
    print(f"CPU pressure at start: {_cpu_pressure()}")
    results = {}
    for title, X, y in make_problems(n, p):
        results[title] = report(title, X, y, args.repeats)
    (well, ill) = results.values()
    sk = "sklearn LinearRegression"
    speed = well[sk][0] / well["neurona auto"][0]
    print(f"\nCPU pressure at end: {_cpu_pressure()}")
    print("must show:")
    print(f"  well: auto {speed:.1f}× faster than sklearn (>= 10): {speed >= 10}")
    print(f"  well: auto within 1e-10 of scipy ({well['neurona auto'][1]:.1e}): "
          f"{well['neurona auto'][1] <= 1e-10}")  # fmt: skip
    print(f"  ill: auto within 1e-6 of scipy ({ill['neurona auto'][1]:.1e}): "
          f"{ill['neurona auto'][1] <= 1e-6}")  # fmt: skip
    print(f"  ill: auto {ill['neurona auto'][0]:.2f} s <= sklearn {ill[sk][0]:.2f} s: "
          f"{ill['neurona auto'][0] <= ill[sk][0]}")  # fmt: skip


if __name__ == "__main__":
    main()
