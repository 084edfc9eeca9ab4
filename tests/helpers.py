"""Shared by the command-line tests: run ``neurona`` in this process or in a fresh one.

A fresh process gets its own numba cache folder for this test session
(``NUMBA_CACHE_DIR``), so that test runs side by side never share a half-written cache.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from neurona.cli import app

RUNNER = CliRunner()
_CACHE = tempfile.mkdtemp(prefix="neurona-test-numba-")


def run(*args):
    """``neurona ARGS`` in this process (Typer's test runner)."""
    return RUNNER.invoke(app, [str(a) for a in args], catch_exceptions=False)


def one_line_failure(result, *phrases: str, spanish_without=None, quoted=r"'[^']*'|--[a-z-]+"):
    """A command's failure as one line on stderr, no traceback, each of ``phrases`` in it;
    return that line. With ``spanish_without`` (a regular expression of English words),
    the message's own words (outside the ``quoted`` names, values and flags) must be
    Spanish: none of those words may appear."""
    assert result.exit_code != 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    if spanish_without is not None:
        words = re.sub(quoted, "", lines[0].split("error", 1)[1])
        assert not re.search(spanish_without, words), lines[0]
    return lines[0]


def run_process(*args, cwd: Path | None = None, lang: str | None = None):
    """``python -m neurona ARGS`` in a fresh process, with a timeout; ``lang`` (such as
    ``"es_CO.UTF-8"``) sets ``LANG`` alone, as a user's shell does, on wide lines."""
    env = {**os.environ, "NUMBA_CACHE_DIR": _CACHE}
    if lang is not None:
        env = {k: v for k, v in env.items() if k not in ("LC_ALL", "LC_MESSAGES")}
        env |= {"LANG": lang, "COLUMNS": "400"}
    return subprocess.run(
        [sys.executable, "-m", "neurona", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env=env,
    )


def spy_figures(monkeypatch) -> dict:
    """Keep every matplotlib figure that ``neurona.plot.save_figure`` writes, by file name
    (``{"boundary.png": fig, ...}``), still writing it."""
    import neurona.plot

    saved: dict = {}
    original = neurona.plot.save_figure

    def spy(fig, path, **kwargs):
        saved[Path(path).name] = fig
        return original(fig, path, **kwargs)

    monkeypatch.setattr(neurona.plot, "save_figure", spy)
    return saved
