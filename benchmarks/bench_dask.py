"""Least squares on a Dask cluster: neurona against dask.array.linalg.lstsq and dask-ml.

The cluster of the tests (2 worker processes, 1 thread each, 600 MiB each); the data are
persisted in the workers' memory first, so every method reads the same partitions (10 MB
each). Printed for each method: the median wall time of ``REPEATS`` runs, the relative
error of the coefficients against ``numpy.linalg.lstsq`` on the same rows (in memory), and
the time as a multiple of neurona's. Then batch gradient epochs: neurona's epochs from the
merged statistics of one pass, against the same epochs re-reading the partitions (one
map-reduce pass per epoch), per epoch.

dask-ml is optional (``pip install dask-ml``); without it its rows are skipped. Its
``LinearRegression`` is run with its defaults (an L2 penalty with C = 1, on the intercept
too) and with C = 1e12 (practically none).

Run: ``python benchmarks/bench_dask.py`` (about two minutes on 2 cores).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import warnings

import numpy as np

N, P, ROWS = 1_000_000, 20, 62_500  # 160 MB of X; partitions of 62 500 × 20 × 8 B = 10 MB
REPEATS = 3
EPOCHS = 40


def _median_time(fn, repeats: int = REPEATS):
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def _rel(a, b) -> float:
    a, b = np.ravel(np.asarray(a, dtype=float)), np.ravel(np.asarray(b, dtype=float))
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def _features(i: int) -> np.ndarray:
    """Partition ``i`` of ``X``: (ROWS, P), from seed ``i``."""
    rng = np.random.default_rng(i)
    return rng.normal(size=(ROWS, P)) * np.linspace(0.5, 2.0, P) + np.linspace(-1.0, 3.0, P)


def _target(X: np.ndarray, coef: np.ndarray, block_info=None) -> np.ndarray:
    """``y`` of one partition of ``X``, its noise from a seed of its own."""
    i = block_info[0]["chunk-location"][0]
    return X @ coef + 2.0 + 0.5 * np.random.default_rng([i, 1]).normal(size=X.shape[0])


def main() -> None:
    try:
        import dask
        import dask.array as da
        import distributed
    except ImportError:
        print("skipped: pip install 'neurona[dask]'")
        return
    os.environ.setdefault("NUMBA_CACHE_DIR", tempfile.mkdtemp(prefix="neurona-numba-"))
    import neurona
    from neurona import cluster

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, memory_limit="600MiB",
            dashboard_address=None,
        ) as local,
        distributed.Client(local) as client,
    ):  # fmt: skip
        # the data are made on the workers (partition i from seed i) and kept there
        coef = np.random.default_rng(0).normal(size=P)
        blocks = [
            da.from_delayed(dask.delayed(_features)(i), shape=(ROWS, P), dtype=float)
            for i in range(N // ROWS)
        ]
        dX = client.persist(da.concatenate(blocks))
        dy = client.persist(dX.map_blocks(_target, coef, drop_axis=1, dtype=float))
        dA = client.persist(
            da.concatenate([dX, da.ones((N, 1), chunks=(ROWS, 1))], axis=1).rechunk({1: -1})
        )
        distributed.wait([dX, dy, dA])
        X, y = dX.compute(), dy.compute()
        reference = np.linalg.lstsq(np.column_stack([X, np.ones(N)]), y, rcond=None)[0][:-1]
        neurona.LinearRegression().fit(dX[:ROWS], dy[:ROWS])  # warm the workers' imports

        rows = []
        t, model = _median_time(lambda: neurona.LinearRegression().fit(dX, dy))
        rows.append(("neurona LinearRegression (closed form)", t, _rel(model.coef_, reference)))
        t, sol = _median_time(lambda: da.linalg.lstsq(dA, dy)[0].compute())
        rows.append(("dask.array.linalg.lstsq", t, _rel(sol[:-1], reference)))
        try:
            from dask_ml.linear_model import LinearRegression as DaskMLLinear
        except ImportError:
            print("dask-ml is not installed: its rows are skipped (pip install dask-ml)")
        else:
            for solver in ("newton", "lbfgs", "admm"):
                for C in (1.0, 1e12):

                    def run(solver=solver, C=C):
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")
                            return DaskMLLinear(solver=solver, C=C).fit(dX, dy)

                    try:
                        t, theirs = _median_time(run, repeats=1)
                        error = _rel(theirs.coef_, reference)
                    except Exception as exc:  # a peer's failure is a result
                        print(f"dask-ml {solver} C={C:g} failed: {type(exc).__name__}: {exc}")
                        continue
                    rows.append((f"dask-ml LinearRegression {solver} C={C:g}", t, error))

        ours = rows[0][1]
        print(f"least squares on {N:,} × {P} ({X.nbytes / 2**20:.0f} MiB), partitions of "
              f"{ROWS:,} rows, 2 workers × 600 MiB")  # fmt: skip
        print(f"median of {REPEATS} runs (dask-ml: 1 run); error relative to numpy.linalg.lstsq")
        print(f"{'method':<44} {'time s':>8} {'rel. error':>11} {'× neurona':>10}")
        for name, t, error in rows:
            print(f"{name:<44} {t:8.3f} {error:11.1e} {t / ours:10.2f}")

        # batch epochs: from the merged statistics vs one map-reduce pass per epoch
        def epochs(count: int, from_statistics: bool):
            params = {"solver": "gd", "mode": "batch", "epochs": count}
            if from_statistics:
                return neurona.LinearRegression(**params).fit(dX, dy)
            original = cluster._is_identity
            cluster._is_identity = lambda neuron: False  # the generic path: re-read each epoch
            try:
                return neurona.LinearRegression(**params).fit(dX, dy)
            finally:
                cluster._is_identity = original

        per_epoch = {}
        for stats, more in ((True, 100 * EPOCHS), (False, EPOCHS)):
            t1, _ = _median_time(lambda stats=stats: epochs(1, stats))
            tn, _ = _median_time(lambda stats=stats, more=more: epochs(1 + more, stats))
            per_epoch[stats] = (tn - t1) / more
        memory = neurona.LinearRegression(solver="gd", mode="batch", epochs=1 + EPOCHS).fit(X, y)
        error = _rel(epochs(1 + EPOCHS, True).coef_, memory.coef_)
        print(f"\nbatch gradient epochs of linear regression: (time of 1 + k epochs - time of "
              f"1) / k, medians of {REPEATS}; k = {100 * EPOCHS} from statistics, {EPOCHS} "
              "re-reading")  # fmt: skip
        print(
            f"from the merged statistics      {per_epoch[True] * 1e3:9.2f} ms  "
            f"(rel. error vs in memory after {1 + EPOCHS} epochs: {error:.1e})"
        )
        print(f"re-reading the partitions       {per_epoch[False] * 1e3:9.2f} ms")
        print(f"ratio                           {per_epoch[False] / per_epoch[True]:9.1f} x")


if __name__ == "__main__":
    main()
