"""The course (``course/es``, ``course/en``): every notebook executes without an error.

Each notebook is read from its jupytext "percent" script and executed cell by cell with
nbclient in a fresh kernel of this interpreter (the kernel spec of ``course/build.py``,
which ``make course`` uses too), two notebooks at a time, with a per-cell timeout and
one fresh numba cache folder for all kernels (``make course`` prints each one's time). A
failing agreement assertion inside a notebook (``np.testing.assert_*``) fails its test.
Each executed notebook gets its exercises appended, solved, and every check must then
pass: the exercises can be done as their text says. The other tests read the scripts
only: both languages run the same code, every notebook has its parts (formula,
from-scratch loop checked against neurona, 3–5 exercises whose stubs run unsolved,
PyTorch optional), and the Spanish notebooks contain no English prose (a check that the
English notebooks are shown to fail).
"""

from __future__ import annotations

import importlib.util
import io
import re
import time
import tokenize
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("jupytext", reason="the course needs the 'course' extra")
pytest.importorskip("nbclient", reason="the course needs the 'course' extra")
pytest.importorskip("ipykernel", reason="the course needs the 'course' extra")

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "course"
#: seconds any one cell may run (the slowest notebook takes about 10 s in all)
CELL_TIMEOUT = 120


def _load_build():
    spec = importlib.util.spec_from_file_location("course_build", COURSE / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()
NOTEBOOKS = [path for lang in build.LANGS for path in build.notebooks(lang)]
IDS = [f"{p.parent.name}/{p.stem}" for p in NOTEBOOKS]


def _cells(path: Path, kind: str) -> list[str]:
    return [c.source for c in build.read(path).cells if c.cell_type == kind]


# ------------------------------------------------------------------------------ running

#: notebooks executed at once (this machine has 2 cores; each kernel is one process)
JOBS = 2
#: seconds for executing every notebook of both languages (measured: 78–85 s, JOBS = 2, on
#: this shared 2-core machine)

#: a solution for each exercise stub, by function name (and notebook number where the same
#: name means another neuron): appended to the executed notebook to check that every
#: exercise can be solved as its text says and that its check then passes
SOLUTIONS = {
    "nor_unit": "return (-1, -1), 0",
    "majority_unit": "return (1, 1, 1), 2",
    "xnor_two_layers": (
        "h1 = unit(x, (1, 1), 2)\nh2 = unit(x, (-1, -1), 0)\nreturn unit((h1, h2), (1, 1), 1)"
    ),
    "predict": "return (X @ w + b > 0).astype(float)",
    ("07", "predict"): "return np.where(X @ w + b > 0, 1.0, -1.0)",
    "update_error_rule": "e = t - float(x @ w + b > 0)\nreturn w + eta * e * x, b + eta * e",
    "update_margin_rule": (
        "if t * (x @ w + b) <= 0:\n    return w + eta * t * x, b + eta * t\nreturn w, b"
    ),
    "online_epoch": (
        "for x, t in zip(X, T):\n    e = t - (x @ w + b)\n    w, b = w + eta * e * x, b + eta * e"
        "\nreturn w, b"
    ),
    ("02", "online_epoch"): (
        "for x, t in zip(X, T):\n    e = t - float(x @ w + b > 0)\n"
        "    w, b = w + eta * e * x, b + eta * e\nreturn w, b"
    ),
    "loss": "return 0.5 * np.mean((T - (X @ w + b)) ** 2)",
    "gradient": "e = T - (X @ w + b)\nreturn -X.T @ e / len(T), -e.mean()",
    "loss_gradient": "e = T - (X @ w + b)\nreturn -X.T @ e / len(T), -e.mean()",
    "batch_epoch": "e = T - (X @ w + b)\nreturn w + eta * X.T @ e / len(T), b + eta * e.mean()",
    "minibatch_epoch": (
        "for s in range(0, len(T), batch_size):\n"
        "    Xs, Ts = X[s:s + batch_size], T[s:s + batch_size]\n"
        "    e = Ts - (Xs @ w + b)\n"
        "    w, b = w + eta * Xs.T @ e / len(Ts), b + eta * e.mean()\n"
        "return w, b"
    ),
    "online_ii_epoch": (
        "for _ in range(len(T)):\n    i = rng.integers(0, len(T))\n    e = T[i] - (X[i] @ w + b)"
        "\n    w, b = w + eta * e * X[i], b + eta * e\nreturn w, b"
    ),
    "normal_equations": (
        "A = np.hstack([np.ones((len(y), 1)), X])\nc = np.linalg.solve(A.T @ A, A.T @ y)"
        "\nreturn c[1:], c[0]"
    ),
    "sgd_step": "e = t - (x @ w + b)\nreturn w + eta * e * x, b + eta * e",
    "update": "e = t - (x @ w + b)\nreturn w + eta * e * x, b + eta * e",
    "my_central_difference": "return (f(x + h) - f(x - h)) / (2 * h)",
    "grad_g": (
        "x, y = v\nreturn np.array([np.cos(x) * y**2 + y * np.exp(x * y), "
        "2 * np.sin(x) * y + x * np.exp(x * y)])"
    ),
}
#: makes every neurona checker print whether it passed (the solved cells run after it)
REPORTING = """\
def _reporting(check):
    def checked(*args, **kwargs):
        report = check(*args, **kwargs)
        print("REPORT", "PASSED" if report.passed else "FAILED: " + report.message)
        return report
    return checked
for _name in ("check_prediction", "check_update", "check_epoch", "check_loss", "check_gradient"):
    if _name in globals():
        globals()[_name] = _reporting(globals()[_name])
"""
STUB = re.compile(r'def (\w+)\(.*\):\n(?:    """.*"""\n)?    raise NotImplementedError\n')
PASSED = re.compile(r"^(REPORT PASSED|correct[o]?\b)", re.MULTILINE)
FAILED = re.compile(
    r"REPORT FAILED|expected|esperaba|not implemented|sin implementar|raised|lanzó"
)


def _solved(path: Path, source: str) -> str:
    def solve(match: re.Match) -> str:
        name = match.group(1)
        body = SOLUTIONS.get((path.name[:2], name), SOLUTIONS[name])
        return (
            match.group(0).split("    raise")[0]
            + "\n".join("    " + line for line in body.splitlines())
            + "\n"
        )

    return STUB.sub(solve, source)


def _with_solutions(path: Path, nb):
    """``nb`` followed by its exercise cells solved, each printing whether its check passed."""
    from nbformat.v4 import new_code_cell

    stubs = [c.source for c in nb.cells if c.cell_type == "code" and STUB.search(c.source)]
    nb.cells.append(new_code_cell(REPORTING, metadata={"solutions": True}))
    for source in stubs:
        nb.cells.append(new_code_cell(_solved(path, source), metadata={"solutions": True}))
    return nb


@pytest.fixture(scope="module")
def executed(request, tmp_path_factory) -> dict[Path, tuple]:
    """Execute the notebooks this session's tests ask for, JOBS at a time, each in a fresh
    kernel (all kernels share one fresh numba cache); path -> (nb, seconds, exception)."""
    wanted = [
        item.callspec.params["path"]
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_notebook_executes"
    ]
    cache = tmp_path_factory.mktemp("numba-cache")

    def run(path: Path) -> tuple:
        nb = _with_solutions(path, build.read(path))
        cwd = tmp_path_factory.mktemp(path.stem)
        start = time.perf_counter()
        try:
            build.execute(nb, cwd=cwd, kernel_name=kernel, timeout=CELL_TIMEOUT)
        except Exception as exc:  # reported by the notebook's own test
            return nb, time.perf_counter() - start, exc
        return nb, time.perf_counter() - start, None

    start = time.perf_counter()
    with (
        build.kernel_spec({"NUMBA_CACHE_DIR": str(cache)}) as kernel,
        ThreadPoolExecutor(max_workers=JOBS) as pool,
    ):
        results = dict(zip(wanted, pool.map(run, wanted), strict=True))
    results["total"] = time.perf_counter() - start
    return results


def _outputs(cells) -> list[dict]:
    return [o for c in cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []))


@pytest.mark.slow  # about a minute of Jupyter kernels: `make test-slow` and `make course`
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_executes(path: Path, executed: dict) -> None:
    """No cell raises (the agreement assertions hold), a figure is drawn, and with the
    solutions appended every exercise's check passes."""
    nb, seconds, error = executed[path]
    assert error is None, f"{path.parent.name}/{path.name} failed:\n{error}"
    own = [c for c in nb.cells if not c.get("metadata", {}).get("solutions")]
    outputs = _outputs(own)
    figures = [
        o
        for o in outputs
        if "image/png" in o.get("data", {})
        or "data:image/gif" in str(o.get("data", {}).get("text/html", ""))
    ]
    assert figures, f"{path.name} drew no figure"
    solved = [c for c in nb.cells if c.get("metadata", {}).get("solutions")][1:]
    assert solved, "the exercises were solved"
    for cell in solved:
        text = _text(cell)
        assert PASSED.search(text), (cell.source, text)
        assert not FAILED.search(text), (cell.source, text)
    print(f"{path.parent.name}/{path.name}: {seconds:.1f} s")


# ------------------------------------------------------------------------ the notebooks


def test_both_languages_have_the_same_notebooks() -> None:
    numbers = {lang: [p.name[:2] for p in build.notebooks(lang)] for lang in build.LANGS}
    assert numbers["es"] == numbers["en"] == [f"{k:02d}" for k in range(1, 8)]


def _code_tokens(source: str) -> list[str]:
    """The code of a cell without its comments and string literals (which are translated)."""
    source = "\n".join(
        line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))
    )
    skip = {tokenize.COMMENT, tokenize.STRING, tokenize.NL, tokenize.NEWLINE}
    skip |= {getattr(tokenize, n) for n in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
             if hasattr(tokenize, n)}  # fmt: skip
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [t.string for t in tokens if t.type not in skip]


@pytest.mark.parametrize("number", [f"{k:02d}" for k in range(1, 8)])
def test_spanish_and_english_run_the_same_code(number: str) -> None:
    es, en = (next((COURSE / lang).glob(f"{number}_*.py")) for lang in ("es", "en"))
    code_es, code_en = _cells(es, "code"), _cells(en, "code")
    assert len(code_es) == len(code_en), f"{es.name} and {en.name} differ in code cells"
    for k, (a, b) in enumerate(zip(code_es, code_en, strict=True)):
        assert _code_tokens(a) == _code_tokens(b), f"code cell {k} of {es.name} / {en.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_its_parts(path: Path) -> None:
    markdown, code = "\n".join(_cells(path, "markdown")), _cells(path, "code")
    allcode = "\n".join(code)
    assert "$$" in markdown, "the formula, in LaTeX"
    assert re.search(r"\bfor\b.+\bin\b", allcode), "a from-scratch loop"
    assert re.search(r"np\.testing\.assert_\w+", allcode), "an assertion of agreement"
    assert re.search(r"\bneurona\.|from neurona", allcode), "the neurona call"
    exercises = [c for c in code if "raise NotImplementedError" in c]
    assert 3 <= len(exercises) <= 5, f"{len(exercises)} exercises"
    assert all(STUB.search(c) for c in exercises), "each stub is one the tests can solve"
    for cell in code:  # PyTorch is optional: its cells say so and skip when it is missing
        if re.search(r"^\s*import torch\b", cell, re.MULTILINE):
            assert re.search(r"try:\n\s+import torch\nexcept ImportError:", cell), cell
            assert "if torch is not None:" in cell, cell
    for cell in exercises:  # each stub is followed, in its cell, by the call that checks it
        stub_end = cell.rindex("raise NotImplementedError")
        assert re.search(r"^check_\w+\(", cell[stub_end:], re.MULTILINE), cell


# ------------------------------------------------------------------ no English in Spanish

#: common English words that are not Spanish words (nor words the lecture borrows)
ENGLISH = frozenset(
    re.findall(
        r"\w+",
        """the and of is are was were be been to with for from this that these those which who
    what when where why how we you your our they their it its by an at or if then than
    there here all each every only also not but can cannot will would should could
    have had do does did into onto over under after before between same other such while
    because so just very more most less many much some any one two three first last next
    above below again both row rows weight weights update updates learning rate
    epoch epochs loss errors step steps exercise exercises function functions line
    lines figure notebook same data set sets numbers number show shows shown see compute
    computes train trains trained""",
    )
)


#: a word: letters, hyphenated compounds kept whole (the lecture's "On-line")
WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"


def _prose(path: Path) -> list[str]:
    """The prose of a notebook: its Markdown without math, code and links, and the
    comments and docstrings of its code."""
    texts = []
    for text in _cells(path, "markdown"):
        text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
        text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|<[^>]*>|https?://\S+", " ", text,
                      flags=re.DOTALL)  # fmt: skip
        texts.append(text)
    for source in _cells(path, "code"):
        source = "\n".join(
            line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                texts.append(tok.string.lstrip("#"))
            elif tok.type == tokenize.STRING and tok.string.startswith(('"""', "'''")):
                texts.append(tok.string.strip("\"'"))  # docstrings
    return texts


def english_words(path: Path) -> list[str]:
    """The common English words in the prose of a notebook, in order."""
    words = re.findall(WORD, " ".join(_prose(path)))
    # names in capitals (the gates AND, OR, NOT; ADALINE) are names, not prose
    return [w.lower() for w in words if w.lower() in ENGLISH and not w.isupper()]


@pytest.mark.parametrize("path", build.notebooks("es"), ids=lambda p: p.stem)
def test_spanish_notebooks_have_no_english_prose(path: Path) -> None:
    found = english_words(path)
    assert not found, f"{path.name}: English words in the prose: {sorted(set(found))}"
    words = re.findall(WORD, " ".join(_prose(path)))
    assert len(words) > 150, "the notebook has prose to check"


@pytest.mark.parametrize("path", build.notebooks("en"), ids=lambda p: p.stem)
def test_the_check_finds_english(path: Path) -> None:
    """The same check flags every English notebook: it is not passing by accident."""
    assert len(set(english_words(path))) >= 10
