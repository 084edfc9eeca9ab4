"""The otter-grader example in course/grading/ grades its submissions right, offline.

``otter generate`` builds the autograder from ``course/grading/tests/`` and ``otter run``
grades each notebook in a kernel of this interpreter (no container, no network): the right
submission gets 2/2, the wrong one (ADALINE's batch epoch updating inside the pass) 1/2 with
the checker's Spanish hint as feedback, and the unsolved assignment 0/2 without an error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("otter", reason="otter-grader is in the dev extra")

GRADING = Path(__file__).resolve().parents[1] / "course" / "grading"


def otter(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ}
    env.setdefault("NUMBA_CACHE_DIR", str(cwd / ".numba-cache"))
    done = subprocess.run(
        [sys.executable, "-m", "otter", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A copy of course/grading/ with its autograder.zip built."""
    root = tmp_path_factory.mktemp("grading") / "grading"
    shutil.copytree(GRADING, root)
    otter("generate", "-t", "tests", "-o", "autograder.zip", "--no-requirements",
          "--no-environment", "--no-config", cwd=root)  # fmt: skip
    return root


@pytest.mark.parametrize(
    ("notebook", "scores"),
    [
        ("submissions/correct.ipynb", {"q1": 1, "q2": 1}),
        ("submissions/wrong.ipynb", {"q1": 1, "q2": 0}),
        ("assignment.ipynb", {"q1": 0, "q2": 0}),
    ],
)
def test_otter_grades_the_example_submissions(course, notebook, scores):
    out = course / ("out-" + Path(notebook).stem)
    out.mkdir()
    otter("run", "-a", "autograder.zip", "-o", str(out), "--no-logo", notebook, cwd=course)
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    tests = {t["name"]: t for t in results["tests"] if "score" in t}
    assert {name: t["score"] for name, t in tests.items()} == scores
    if notebook.endswith("wrong.ipynb"):
        feedback = tests["q2"]["output"]
        assert "época 1 (lote completo de 20 filas): se esperaba w = [" in feedback
        assert "Pista: ¿actualizaste los pesos durante la pasada del lote?" in feedback
    if notebook == "assignment.ipynb":
        assert "todavía no está implementada" in tests["q1"]["output"]
