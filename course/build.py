"""Execute the course notebooks and write them as .ipynb and HTML (``make course``).

The notebooks are authored as jupytext "percent" scripts (``course/es/*.py``,
``course/en/*.py``). This script reads each one, executes it in a fresh Python kernel of
*this* interpreter (a kernel spec written to a temporary folder, so no installed Jupyter
kernel is needed or used), writes the executed notebook next to its script
(``course/<lang>/<name>.ipynb``, not committed) and an HTML page to
``<out>/<lang>/<name>.html``, plus ``<out>/index.html``. Every notebook runs in its own
working folder ``<out>/<lang>/`` (animations are written there). It stops with exit code 1
if any cell raises.

    python course/build.py [--out build/course] [--lang es en] [--timeout 120] [--jobs 2]

:func:`execute` is also what ``tests/test_course.py`` runs.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

COURSE = Path(__file__).resolve().parent
LANGS = ("es", "en")
KERNEL_NAME = "neurona-course"


def notebooks(lang: str) -> list[Path]:
    """The notebook scripts of one language, in the lecture's order (by their number)."""
    return sorted(p for p in (COURSE / lang).glob("[0-9][0-9]_*.py"))


def read(path: Path):
    """The notebook of a jupytext percent script, as an ``nbformat`` node."""
    import jupytext

    return jupytext.read(path, fmt="py:percent")


@contextlib.contextmanager
def kernel_spec(env: dict[str, str] | None = None) -> Iterator[str]:
    """A kernel spec for this interpreter in a temporary ``JUPYTER_PATH`` folder.

    ``env`` is added to the kernel's environment (for example ``NUMBA_CACHE_DIR``). Yields
    the kernel name; the spec and the ``JUPYTER_PATH`` entry are removed afterwards.
    """
    with tempfile.TemporaryDirectory(prefix="neurona-kernel-") as root:
        spec_dir = Path(root) / "kernels" / KERNEL_NAME
        spec_dir.mkdir(parents=True)
        spec = {
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (neurona)",
            "language": "python",
            "env": dict(env or {}),
        }
        (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
        old = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [root, old]))
        try:
            yield KERNEL_NAME
        finally:
            if old is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = old


def execute(nb, *, cwd: Path, kernel_name: str, timeout: int = 120):
    """Run every cell of ``nb`` in a fresh kernel started in ``cwd``; return ``nb``.

    Raises ``nbclient.exceptions.CellExecutionError`` (with the cell's traceback) at the
    first cell that raises, and ``CellTimeoutError`` for a cell that runs past ``timeout``.
    """
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        kernel_name=kernel_name,
        timeout=timeout,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    return nb


def to_html(nb) -> str:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nb)
    return body


def _index(done: dict[str, list[tuple[str, str, float]]]) -> str:
    titles = {
        "es": "Curso: redes neuronales de una sola capa",
        "en": "Course: single-layer neural networks",
    }
    parts = []
    for lang, rows in done.items():
        items = "".join(
            f'<li><a href="{lang}/{html.escape(name)}.html">{html.escape(title)}</a> '
            f"<small>({seconds:.1f} s)</small></li>"
            for name, title, seconds in rows
        )
        parts.append(f"<h2>{html.escape(titles[lang])}</h2><ol>{items}</ol>")
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>neurona course</title>'
        "</head><body>" + "".join(parts) + "</body></html>"
    )


def _title(nb, default: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return default


def build(out: Path, langs: tuple[str, ...], timeout: int, jobs: int) -> int:
    import nbformat

    out.mkdir(parents=True, exist_ok=True)
    env = {"NUMBA_CACHE_DIR": os.environ.get("NUMBA_CACHE_DIR", str(out / ".numba-cache"))}
    done: dict[str, list[tuple[str, str, float]]] = {}
    failed: list[str] = []

    def one(path: Path, lang: str, kernel: str) -> tuple[str, str, float] | None:
        cwd = out / lang
        cwd.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        nb = read(path)
        try:
            execute(nb, cwd=cwd, kernel_name=kernel, timeout=timeout)
        except Exception as exc:  # report and go on: every failure is listed at the end
            failed.append(f"{lang}/{path.name}: {type(exc).__name__}: {exc}")
            return None
        seconds = time.perf_counter() - start
        nbformat.write(nb, path.with_suffix(".ipynb"))
        (cwd / f"{path.stem}.html").write_text(to_html(nb), encoding="utf-8")
        print(f"{lang}/{path.name}: {seconds:.1f} s", flush=True)
        return path.stem, _title(nb, path.stem), seconds

    start = time.perf_counter()
    with kernel_spec(env) as kernel, ThreadPoolExecutor(max_workers=jobs) as pool:
        for lang in langs:
            futures = [pool.submit(one, p, lang, kernel) for p in notebooks(lang)]
            done[lang] = [r for f in futures if (r := f.result()) is not None]
    (out / "index.html").write_text(_index(done), encoding="utf-8")
    print(f"total {time.perf_counter() - start:.1f} s; HTML in {out}/")
    for line in failed:
        print("FAILED", line, file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/course"))
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at once")
    args = parser.parse_args(argv)
    return build(args.out.resolve(), tuple(args.lang), args.timeout, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
