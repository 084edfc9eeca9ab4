"""Separability at 1e5 x 100, and every Boolean function of four inputs.

Run:  python benchmarks/bench_separability.py [--quick] [--repeats K]

1. ``check_separability`` against scikit-learn's ``LinearSVC`` (hinge loss, huge C, no
   intercept, on the augmented rows (x, 1): the same hard-margin problem), measured in the
   same run on the same data. Times are medians over K runs; the margin column is the
   margin each method's plane attains, min_i s_i (w·x_i + b) / ||(w, b)|| (higher is
   better; the maximum is the γ of Novikoff's bound). LinearSVC gives no witness when the
   data are not separable.
2. ``find_unit`` over all 2**16 functions of four inputs (``--quick``: three inputs, and a
   seeded sample of four-input functions): the count of threshold functions (1882 for n=4,
   104 for n=3) beside a brute-force enumeration of integer weights in [-3, 3].

Benchmark commands only: run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset; the BLAS
kernel that ran is printed first.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_info

from neurona.logic import find_unit
from neurona.separability import check_separability


def blas() -> str:
    info = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return ", ".join(
        f"{i['internal_api']} {i.get('version')} {i.get('architecture')} x{i['num_threads']}"
        for i in info
    )


def make_data(kind: str, n: int, d: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Rows labelled by a random plane z = x·w + 0.3.

    ``gap``: separable, rows with |z| < 0.5 dropped; ``tight``: separable, no gap;
    ``noisy``: 1% of the labels flipped (not separable).
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2 * n, d))
    z = X @ rng.standard_normal(d) + 0.3
    keep = np.abs(z) > 0.5 if kind == "gap" else np.ones(2 * n, dtype=bool)
    X, y = X[keep][:n], (z[keep][:n] > 0).astype(int)
    if kind == "noisy":
        flip = rng.random(n) < 0.01
        y[flip] = 1 - y[flip]
    return X, y


def augmented_margin(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    s = np.where(y == 1, 1.0, -1.0)
    return float((s * (X @ w + b)).min() / np.linalg.norm(np.append(w, b)))


def run_ours(X, y):
    r = check_separability(X, y)
    margin = r.margin if r.separable else float("nan")
    return r, margin


def run_linearsvc(X, y):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = LinearSVC(C=1e4, loss="hinge", fit_intercept=False, max_iter=_SVC_ITER, tol=1e-6)
        clf.fit(A, y)
    u = clf.coef_.ravel()
    return clf, augmented_margin(X, y, u[:-1], u[-1])


#: LinearSVC's iteration cap: with a huge C it needs many passes, and on data that are not
#: separable it never meets its tolerance; the table says whether it stopped on the cap
_SVC_ITER = 500


def timed(fn, *args, repeats: int):
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def bench_separability(n: int, d: int, repeats: int) -> None:
    print(f"\n## check_separability vs LinearSVC, {n} x {d}, median of {repeats}")
    print(
        f"{'data':<8}{'separable':>10}{'ours s':>10}{'LinearSVC s':>13}{'ratio':>8}"
        f"{'ours γ':>12}{'SVC γ':>12}{'SVC iter':>10}{'witness rows':>14}"
    )
    for kind in ("gap", "tight", "noisy"):
        X, y = make_data(kind, n, d)
        t_ours, (r, g_ours) = timed(run_ours, X, y, repeats=repeats)
        t_svc, (svc, g_svc) = timed(run_linearsvc, X, y, repeats=repeats)
        rows = len(r.witness.rows) if r.witness is not None else "-"
        print(
            f"{kind:<8}{r.separable!s:>10}{t_ours:>10.3f}{t_svc:>13.3f}{t_svc / t_ours:>8.2f}"
            f"{g_ours:>12.3e}{g_svc:>12.3e}{svc.n_iter_:>10}{rows!s:>14}"
        )
    print("ratio = LinearSVC time / ours (above 1: ours is faster); γ: higher is better,")
    print(f"negative = that plane misclassifies rows; SVC iter {_SVC_ITER} = stopped on its cap")


def brute_force_count(n: int, max_weight: int) -> int:
    X = np.array(list(itertools.product((0, 1), repeat=n)))
    W = np.array(list(itertools.product(range(-max_weight, max_weight + 1), repeat=n)))
    sums = W @ X.T
    found: set[bytes] = set()
    for theta in range(-n * max_weight - 1, n * max_weight + 2):
        found.update(row.tobytes() for row in (sums >= theta).astype(np.uint8))
    return len(found)


def bench_find_unit(quick: bool) -> None:
    print("\n## find_unit over Boolean functions (brute force: integer weights in [-3, 3])")
    print(f"{'n':<4}{'functions':>10}{'units':>8}{'known':>8}{'find_unit s':>13}{'brute s':>9}")
    cases = [(2, None), (3, None), (4, 2000 if quick else None)]
    for n, sample in cases:
        functions = list(itertools.product((0, 1), repeat=2**n))
        if sample is not None:
            pick = np.random.default_rng(0).choice(len(functions), sample, replace=False)
            functions = [functions[i] for i in pick]
        t0 = time.perf_counter()
        units = sum(find_unit(f) is not None for f in functions)
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        known = brute_force_count(n, 3)
        t_brute = time.perf_counter() - t0
        label = f"{len(functions)}" + ("*" if sample else "")
        print(f"{n:<4}{label:>10}{units:>8}{known:>8}{t_ours:>13.2f}{t_brute:>9.3f}")
    if quick:
        print("* a seeded sample of the 65536; run without --quick for all of them")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--repeats", type=int, default=None)
    args = parser.parse_args()
    n, d = (10_000, 20) if args.quick else (100_000, 100)
    repeats = args.repeats or 3
    print(f"BLAS: {blas()}")
    bench_separability(n, d, repeats)
    bench_find_unit(args.quick)


if __name__ == "__main__":
    main()
