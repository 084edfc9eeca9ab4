"""One online epoch on a text-sized CSR matrix, against reading its non-zeros and peers.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_sparse.py
    python benchmarks/bench_sparse.py --quick     # 1e5 rows, one round (smoke test)

Data: :func:`neurona.data.text.make_text`, 10⁶ rows × 2²⁰ hashed columns, 50 non-zeros
per row (Zipf token counts), float64; labels from a planted linear rule.

Each repeat times, interleaved (the machine's load hits them alike):
``read`` (``data.sum()`` and ``indices.sum()``: one pass over what an epoch must read),
neurona's online epoch through the estimator (``Perceptron(epochs=1)`` margin rule,
``Adaline(epochs=1, learning_rate=1e-4)``, whole ``fit`` calls: validation included) and
the compiled kernel alone (``neurona.backends._sparse.run_epoch_csr``), and the peers on the
same CSR matrix: scikit-learn's ``Perceptron(max_iter=1, tol=None, shuffle=False)`` and
``SGDClassifier(loss="squared_error", penalty=None, learning_rate="constant", eta0=1e-4,
max_iter=1, tol=None, shuffle=False)`` (whole ``fit`` calls too).
``x read`` = median over repeats of time / read time; ``x peer`` = median of peer time /
neurona's time. Targets (issue 16): ≤ 1.5x read and ≥ 5x faster than the peer.
``gather floor``: the non-zeros times their weights, gathered and summed in storage order
as the kernels sum a row (prefetching ahead), as one row: no per-row work, no updates. No
online epoch can take less; ``x floor`` = median of time / that time.

Memory: a fresh process loads the matrix from a ``save_npz`` file, resets its peak RSS
(the reading of the file holds each array twice for a moment) and fits one epoch of each
estimator; that peak (``VmHWM``) above the RSS after imports is printed against the CSR
matrix plus the weights (target: ≤ 1.5x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_info, threadpool_limits

import neurona
from neurona.data.text import make_text

RATE = 1e-4


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _cases(X, y):
    from sklearn.linear_model import Perceptron, SGDClassifier

    from neurona.backends._sparse import run_epoch_csr
    from neurona.modes import MODES, Steps
    from neurona.neurons import ADALINE, PERCEPTRON_MARGIN
    from neurona.schedules import Schedule

    Xm = sp.csr_matrix(X)  # scikit-learn's SGD takes spmatrix and sparray alike
    plan = Steps(MODES["online"], 1, False, False).plan(X.shape[0], np.random.default_rng(0))
    T_pm = np.where(y > 0, 1.0, -1.0)[:, None]
    T_01 = y.astype(np.float64)[:, None]

    def kernel(neuron, T, rate):
        def run():
            W, b = np.zeros((X.shape[1], 1)), np.zeros(1)
            run_epoch_csr(X, T, W, b, plan, neuron, Schedule(rate), 0)

        return run

    sk_p = Perceptron(max_iter=1, tol=None, shuffle=False)
    sk_s = SGDClassifier(loss="squared_error", penalty=None, learning_rate="constant",
                         eta0=RATE, max_iter=1, tol=None, shuffle=False)  # fmt: skip
    return {
        "online perceptron": {
            "neurona fit": lambda: neurona.Perceptron(epochs=1).fit(X, y),
            "neurona kernel": kernel(PERCEPTRON_MARGIN, T_pm, 1.0),
            "scikit-learn Perceptron": lambda: sk_p.fit(Xm, y),
        },
        "online LMS (ADALINE)": {
            "neurona fit": lambda: neurona.Adaline(epochs=1, learning_rate=RATE).fit(X, y),
            "neurona kernel": kernel(ADALINE, T_01, RATE),
            "scikit-learn SGDClassifier(squared_error)": lambda: sk_s.fit(Xm, y),
        },
    }


def _gather_floor(X):
    """The least an online epoch reads: every non-zero times its weight, gathered from a
    dense ``w`` of ``n_features`` values, in storage order, summed as the kernels sum a row
    (``neurona.backends._sparse._sparse_dot``: four running sums, the weights asked for
    ``AHEAD`` non-zeros early), but over all non-zeros as one row: no rows, no updates."""
    import numba

    from neurona.backends._sparse import _sparse_dot

    @numba.njit(nogil=True)
    def floor(data, indices, w):
        return _sparse_dot(data, indices, 0, indices.shape[0], w)

    w = np.random.default_rng(1).standard_normal(X.shape[1])
    return lambda: floor(X.data, X.indices, w)


def _status(field: str) -> int:
    """A size from /proc/self/status, in bytes (``VmRSS`` now, ``VmHWM`` the peak of this
    program: unlike ``ru_maxrss``, which Linux carries over from the parent across exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _memory(n: int, path: str) -> None:
    """Child process: load the matrix, fit one epoch, print the RSS figures."""
    import neurona.backends._sparse  # its imports are not the data's cost

    rss0 = _status("VmRSS")
    X = sp.load_npz(path)
    y = np.load(path + ".y.npy")
    csr = X.data.nbytes + X.indices.nbytes + X.indptr.nbytes
    # the peak from here on: NumPy's reading of the .npz holds a second copy of each array
    # for a moment, a cost of the file format, not of training (Linux: clear_refs 5)
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    neurona.Perceptron(epochs=1).fit(X, y)
    neurona.Adaline(epochs=1, learning_rate=RATE).fit(X, y)
    peak = _status("VmHWM")
    weights = X.shape[1] * 8
    print(f"{csr} {weights} {rss0} {peak}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1e5 rows, one round")
    ap.add_argument("--n", type=int, default=None, help="rows (default 1e6)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--memory-child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        _memory(int(args.memory_child[0]), args.memory_child[1])
        return
    n = args.n or (10**5 if args.quick else 10**6)
    repeat = 1 if args.quick else args.repeat
    blas = [f"{i['internal_api']} {i.get('architecture')}" for i in threadpool_info()]
    left = {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS_")}
    print(f"BLAS: {', '.join(blas) or 'none'}; OPENBLAS_* set: {left or 'none'}")
    t0 = time.perf_counter()
    X, y = make_text(n, 2**20, nnz_per_row=50, random_state=0)
    print(f"data: {n} x {X.shape[1]}, {X.nnz} non-zeros ({X.nnz / n:.1f} per row), "
          f"drawn in {time.perf_counter() - t0:.1f} s")  # fmt: skip

    def read():
        return X.data.sum(), X.indices.sum()

    gather = _gather_floor(X)

    cases = _cases(X, y)
    warnings.simplefilter("ignore")
    with threadpool_limits(1):
        for fns in cases.values():  # compile and warm up
            for fn in fns.values():
                fn()
        times: dict[str, dict[str, list[float]]] = {c: {} for c in cases}
        gather()
        reads: list[float] = []
        floors: list[float] = []
        for _ in range(repeat):
            reads.append(_timed(read))
            floors.append(_timed(gather))
            for case, fns in cases.items():
                for name, fn in fns.items():
                    times[case].setdefault(name, []).append(_timed(fn))
    print(f"read data + indices once: {statistics.median(reads) * 1e3:.1f} ms (median)")
    floor_x = statistics.median(f / r for f, r in zip(floors, reads, strict=True))
    print(f"gather floor (data · w[indices], all non-zeros as one row): "
          f"{statistics.median(floors) * 1e3:.1f} ms = {floor_x:.2f}x read")  # fmt: skip
    for case, results in times.items():
        print(f"\n{case}")
        peer = next(name for name in results if not name.startswith("neurona"))
        for name, ts in results.items():
            x_read = statistics.median(t / r for t, r in zip(ts, reads, strict=True))
            line = f"  {name:45s} {statistics.median(ts) * 1e3:9.1f} ms  {x_read:6.2f}x read"
            if name.startswith("neurona"):
                faster = statistics.median(p / t for p, t in zip(results[peer], ts, strict=True))
                verdict = "met" if x_read <= 1.5 and faster >= 5 else "NOT MET"
                x_floor = statistics.median(t / f for t, f in zip(ts, floors, strict=True))
                line += (f"  {x_floor:5.2f}x floor  {faster:6.2f}x faster than {peer}"
                         f"  [{verdict}: ≤1.5x read, ≥5x]")  # fmt: skip
            print(line)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "text.npz")
        sp.save_npz(path, sp.csr_matrix(X), compressed=False)
        np.save(path + ".y.npy", y)
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(n), path],
            capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
    csr, weights, rss0, peak = map(int, out[-4:])
    extra = peak - rss0
    ratio = extra / (csr + weights)
    print(
        f"\nmemory: CSR {csr / 2**20:.0f} MiB + weights {weights / 2**20:.0f} MiB; peak RSS "
        f"{peak / 2**20:.0f} MiB, {extra / 2**20:.0f} MiB above the {rss0 / 2**20:.0f} MiB "
        f"after imports = {ratio:.2f}x [{'met' if ratio <= 1.5 else 'NOT MET'}: ≤1.5x]"
    )


if __name__ == "__main__":
    main()
