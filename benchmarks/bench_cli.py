"""Start-up time of the command line: ``neurona --help`` beside ``python -c pass``.

The target is ``neurona --help`` in at most 0.3 s wall on this machine. Each command runs
``--runs`` times in a fresh process (alternating, so load spikes hit all of them alike);
the table gives the median wall time, the spread (min–max), and the ratio to
``python -c pass``. Peers in the same run: ``import typer`` (the floor any Typer CLI pays)
and a bare Typer app that prints its help with Rich (Typer's default), to show what the
plain help formatter saves.

Usage: ``python benchmarks/bench_cli.py [--quick] [--runs N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RICH_APP = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def train(x: int = 1):
    "Train."
@app.command()
def predict(x: int = 1):
    "Predict."
app()
"""


def commands(tmp: Path) -> dict[str, list[str]]:
    rich_app = tmp / "rich_app.py"
    rich_app.write_text(RICH_APP)
    py = sys.executable
    return {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import typer'": [py, "-c", "import typer"],
        "bare Typer app --help (Rich help)": [py, str(rich_app), "--help"],
        "neurona --help": [py, "-m", "neurona", "--help"],
        "neurona train --help": [py, "-m", "neurona", "train", "--help"],
    }


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def blas_kernel() -> str:
    try:
        import numpy  # noqa: F401  (loads the BLAS threadpoolctl reports)
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown"
    infos = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return ", ".join(f"{i['internal_api']} {i.get('architecture')}" for i in infos) or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs each")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    env = {
        k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
    }
    with tempfile.TemporaryDirectory() as tmp:
        cmds = commands(Path(tmp))
        for argv in cmds.values():  # warm the page cache and __pycache__
            time_once(argv, env)
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(runs):
            for name, argv in cmds.items():
                times[name].append(time_once(argv, env))
    base = statistics.median(times["python -c pass"])
    print(f"{runs} runs each; BLAS (not used by --help): {blas_kernel()}; load {os.getloadavg()}")
    print(f"{'command':36s} {'median s':>9s} {'min–max s':>13s} {'vs pass':>8s}")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:36s} {med:9.3f} {min(ts):6.3f}–{max(ts):.3f} {med / base:7.1f}x")
    neurona = statistics.median(times["neurona --help"])
    verdict = "meets" if neurona <= 0.3 else "MISSES"
    print(f"\nneurona --help: median {neurona:.3f} s, {verdict} the 0.3 s target")


if __name__ == "__main__":
    main()
