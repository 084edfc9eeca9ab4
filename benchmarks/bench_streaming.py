"""Streaming: a linear regression trained from a CSV larger than the memory it may use.

Writes a seeded CSV of about 2 GB (``--quick``: about 60 MB) to /tmp, then runs in child
processes whose address space is capped with ``RLIMIT_AS`` (default 1 GiB):

* ``neurona train BIG.csv --model linear --stream`` (closed form: one pass of chunked,
  centred XᵀX),
* the same with ``--solver gd --mode online --epochs 1 --backend numba`` (one
  ``partial_fit`` per chunk: the lecture's online rule, row by row, compiled), and
* two peers reading the same file with pyarrow alone (``open_csv``, float64 columns, no
  arithmetic): serially, as neurona reads (so errors can name their line), and threaded;
  both with neurona's 1 MiB blocks (pyarrow reads up to 32 blocks ahead: with 16 MiB
  blocks that is 512 MiB of text, and the capped process runs out of memory).

The coefficients each capped child saves are compared with ``LinearRegression(...).fit``
(same parameters) on the same rows held in memory by this (uncapped) process. Printed:
wall time, MB/s, peak RSS of each child, and the ratio to the serial pyarrow read. The
CSV is deleted at the end.

An address-space cap counts reserved virtual memory, not only what is used: OpenBLAS
reserves a buffer per thread and glibc an arena per thread, so the children run with one
BLAS thread and ``MALLOC_ARENA_MAX=2``; pyarrow is told to use the system allocator. Peak
RSS (``ru_maxrss``) shows what was really touched.

Usage: ``python benchmarks/bench_streaming.py [--quick] [--cap-mb 1024] [--keep]``
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

N_FEATURES = 8
COEF = np.linspace(-2.0, 2.0, N_FEATURES)
ROWS_PER_BLOCK = 500_000
#: one epoch of the lecture's online rule, compiled: streamed by partial_fit per chunk
GD_PARAMS = {"solver": "gd", "mode": "online", "epochs": 1, "learning_rate": 1e-4}
GD_PARAMS |= {"backend": "numba"}
GD_FLAGS = ["--solver", "gd", "--mode", "online", "--epochs", "1", "--learning-rate", "1e-4"]
GD_FLAGS += ["--backend", "numba"]

READER = """
import sys, pyarrow as pa, pyarrow.csv as c
path, threads = sys.argv[1], sys.argv[2] == "1"
names = c.open_csv(path).schema.names
opts = c.ConvertOptions(column_types={n: pa.float64() for n in names})
rows = 0
for b in c.open_csv(path, read_options=c.ReadOptions(block_size=1 << 20, use_threads=threads),
                    convert_options=opts):
    rows += b.num_rows
print(rows)
"""


def _blocks(n_rows: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    done = 0
    while done < n_rows:
        m = min(ROWS_PER_BLOCK, n_rows - done)
        X = rng.normal(size=(m, N_FEATURES)) * np.arange(1, N_FEATURES + 1) + 10.0
        y = X @ COEF + 3.0 + rng.normal(size=m)
        yield X, y
        done += m


def write_csv(path: Path, n_rows: int) -> None:
    """Write the seeded rows block by block (never all in memory)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"x{j}" for j in range(N_FEATURES)] + ["y"]
    writer = None
    for X, y in _blocks(n_rows):
        table = pa.table([*X.T, y], names=names)
        if writer is None:
            writer = pacsv.CSVWriter(str(path), table.schema)
        writer.write_table(table)
    writer.close()


def _limit(cap_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    return apply


def run_capped(argv: list[str], cap_bytes: int) -> dict:
    """Run ``argv`` under the cap; wall time, peak RSS (MiB), exit code, output."""
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env |= {
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MALLOC_ARENA_MAX": "2",
        "ARROW_DEFAULT_MEMORY_POOL": "system",
    }
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        prlimit = shutil.which("prlimit")
        if prlimit:  # spawned without forking this process (its pages stay out of the RSS)
            argv, preexec = [prlimit, f"--as={cap_bytes}", *argv], None
        else:
            preexec = _limit(cap_bytes)
        proc = subprocess.Popen(
            argv, stdout=out, stderr=err, env=env, preexec_fn=preexec, text=True
        )
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak RSS
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "wall": wall,
            "rss_mib": usage.ru_maxrss / 1024,
            "code": proc.returncode,
            "out": out.read(),
            "err": err.read(),
        }


def blas_kernel() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown (threadpoolctl not installed)"
    infos = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return ", ".join(f"{i['internal_api']} {i.get('architecture')}" for i in infos) or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about 60 MB instead of 2 GB")
    parser.add_argument("--cap-mb", type=int, default=1024, help="RLIMIT_AS of the children")
    parser.add_argument("--keep", action="store_true", help="keep the CSV")
    args = parser.parse_args()
    n_rows = 350_000 if args.quick else 11_500_000
    tmp = Path(tempfile.mkdtemp(prefix="neurona-stream-", dir="/tmp"))
    free = shutil.disk_usage(tmp).free
    if free < 3 * (n_rows * 190):
        sys.exit(f"not enough space in /tmp ({free / 2**30:.1f} GiB free)")
    csv, model = tmp / "big.csv", tmp / "model.npz"
    try:
        report(csv, model, n_rows, args.cap_mb << 20)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def report(csv: Path, model: Path, n_rows: int, cap: int) -> None:
    t0 = time.perf_counter()
    write_csv(csv, n_rows)
    size_mb = csv.stat().st_size / 1e6
    print(f"wrote {csv} ({size_mb:.0f} MB, {n_rows} rows) in {time.perf_counter() - t0:.1f} s")
    print(f"BLAS in this process: {blas_kernel()}; children capped at {cap >> 20} MiB (AS)")
    # Linux keeps a process's peak RSS across fork + exec, so the children are started
    # while this process is small; the rows for the reference are drawn again afterwards.
    print(f"this process before spawning: {_rss_mib():.0f} MiB RSS (a floor of the column)")

    cli = [sys.executable, "-m", "neurona", "train", str(csv), "--target", "y"]
    cli += ["--model", "linear", "--stream", "--json", "--quiet"]
    gd_model = model.with_name("gd.npz")
    runs = {
        "neurona train --stream (closed form)": run_capped([*cli, "--out", str(model)], cap),
        "neurona train --stream (gd, numba online)": run_capped(
            [*cli, *GD_FLAGS, "--out", str(gd_model)], cap
        ),
        "peer: pyarrow open_csv, serial": run_capped(
            [sys.executable, "-c", READER, str(csv), "0"], cap
        ),
        "peer: pyarrow open_csv, threaded": run_capped(
            [sys.executable, "-c", READER, str(csv), "1"], cap
        ),
    }
    for name, r in runs.items():
        if r["code"] != 0:
            sys.exit(f"{name} failed ({r['code']}): {r['err'].strip()[-2000:]}")
    X, y = (np.concatenate(parts) for parts in zip(*_blocks(n_rows), strict=True))
    compare("closed form", model, in_memory_fit(X, y, {}), rtol=1e-9)
    compare("gradient, one online epoch", gd_model, in_memory_fit(X, y, GD_PARAMS), rtol=1e-12)
    del X, y
    base = runs["peer: pyarrow open_csv, serial"]["wall"]
    print(f"\n{'run':42s} {'wall s':>8s} {'MB/s':>8s} {'peak RSS MiB':>13s} {'vs serial':>10s}")
    for name, r in runs.items():
        print(
            f"{name:42s} {r['wall']:8.1f} {size_mb / r['wall']:8.1f} "
            f"{r['rss_mib']:13.0f} {r['wall'] / base:9.2f}x"
        )


def in_memory_fit(X: np.ndarray, y: np.ndarray, params: dict) -> tuple[np.ndarray, float]:
    """The reference: ``LinearRegression(**params).fit`` on the same rows, in memory."""
    from neurona import LinearRegression

    memory = LinearRegression(**params).fit(X, y)
    return memory.coef_.copy(), float(memory.intercept_)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def compare(what: str, model: Path, reference: tuple[np.ndarray, float], rtol: float) -> None:
    from neurona import load

    streamed = load(model)
    coef, intercept = reference
    err = np.abs(streamed.coef_ - coef).max() / np.abs(coef).max()
    ierr = abs(float(streamed.intercept_) - intercept) / max(abs(intercept), 1.0)
    print(
        f"{what}: streamed vs in memory, max relative difference {err:.2e} (coef), "
        f"{ierr:.2e} (intercept)"
    )
    print("  streamed: ", np.array2string(streamed.coef_, precision=6))
    print("  in memory:", np.array2string(coef, precision=6))
    if not (err < rtol and ierr < rtol * 100):
        sys.exit(f"{what}: the streamed coefficients differ from the in-memory ones")


if __name__ == "__main__":
    main()
