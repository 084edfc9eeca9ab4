"""The shape of the code: one place per concept, read from the source and by running it.

* the compiled backend's table of scalar rules is the neuron registry, value by value;
* no module outside the registries (``neurons.py``, ``modes.py``, ``backends/``,
  ``estimators.py``) holds a neuron, mode or estimator name as a string;
* the import graph of ``src/neurona`` (every ``import``, also inside functions) has no cycle;
* a mode registered in ``modes.py`` alone trains on every backend with a right history and
  a safe ``auto`` step;
* every file neurona writes gets the permissions of the user's umask, and a terminated
  process leaves no temporary file behind.
"""

from __future__ import annotations

import ast
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import neurona
from neurona.estimators import ESTIMATORS
from neurona.modes import MODES, Mode
from neurona.neurons import NEURONS

SRC = Path(neurona.__file__).parent
#: the modules allowed to list or compare names: the registries and what they register
REGISTRIES = ("neurons.py", "modes.py", "estimators.py", "backends")


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


# ----------------------------------------------------------------------- numba table


def test_compiled_rules_cover_the_neuron_registry():
    from neurona.backends import numba as compiled

    assert set(compiled.KERNEL_RULES) == set(NEURONS)


@pytest.mark.parametrize("name", sorted(NEURONS))
def test_compiled_rules_compute_each_neurons_error_and_loss(name):
    """The scalar twin of each neuron, run compiled, gives the neuron's own error and loss
    on a grid of net inputs (zero, signs, large values, infinities) and targets."""
    import numba

    from neurona.backends import numba as compiled

    @numba.njit
    def scalar(rule, z, t):
        return compiled._error(rule[0], z, t), compiled._loss(rule, z, t)

    neuron = NEURONS[name]
    rule = compiled.KERNEL_RULES[name]
    targets = neuron.targets or (-2.5, 0.0, 1.0, 3.0)
    zs = np.array([-np.inf, -1e300, -30.0, -2.0, -0.5, -0.0, 0.0, 1e-300, 0.5, 2.0, 30.0, np.inf])
    with np.errstate(over="ignore", invalid="ignore"):
        for t in targets:
            Z, T = zs[:, None], np.full((len(zs), 1), t)
            want_e, want_l = neuron.error(Z, T)[:, 0], neuron.loss(Z, T)[:, 0]
            got = np.array([scalar(rule, z, t) for z in zs])
            np.testing.assert_allclose(got[:, 0], want_e, rtol=1e-15, equal_nan=True)
            np.testing.assert_allclose(got[:, 1], want_l, rtol=1e-15, equal_nan=True)


# ------------------------------------------------------------------ names as strings


def _registered_names() -> set[str]:
    names = set(NEURONS) | set(MODES) | set(ESTIMATORS)
    return names | {cls.__name__ for cls in ESTIMATORS.values()}


def _strings(tree: ast.AST):
    """String constants that are not docstrings and not a keyword argument's value (a
    keyword argument configures an estimator through its public parameters, as a user's
    script does: ``LinearRegression(mode="batch")`` in the tour's examples)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring (or a bare expression)
        if isinstance(node, ast.keyword):
            skip.add(id(node.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node


#: strings that equal a registered name but mean something else, with the reason
_HOMONYMS = {
    ("data/datasets.py", "linear"): "the bundled regression dataset, not the estimator",
    ("_tour_text.py", "Perceptron"): "the English title of the tour's perceptron section",
    ("_tour_text.py", "online"): "the word in the tour's timing rows (Spanish: on-line)",
}


def test_no_module_outside_the_registries_names_a_neuron_mode_or_estimator():
    names = _registered_names()
    found = []
    for path in _modules().values():
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(REGISTRIES):
            continue
        for node in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if node.value in names and (rel, node.value) not in _HOMONYMS:
                found.append(f"{rel}:{node.lineno}: {node.value!r}")
    assert not found, "names outside the registries:\n" + "\n".join(found)


def test_the_names_check_has_teeth(tmp_path):
    """The scan finds a name used in a comparison, a dict key and a default."""
    code = 'def f(mode="online"):\n    return {"adaline": 1}.get(mode) if mode != "batch" else 0\n'
    hits = [n.value for n in _strings(ast.parse(code))]
    assert {"online", "adaline", "batch"} <= set(hits)
    assert not [n for n in _strings(ast.parse('f(mode="batch")\n'))]


# ------------------------------------------------------------------------ import graph


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of the package that ``name`` imports, anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                       for a in node.names]  # fmt: skip
        else:
            continue
        out |= {t for t in targets if t in modules and t != name}
    return out


def test_import_graph_has_no_cycle():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path, node, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, node])):
                return cycle
        state[node] = 2
        return None

    for name in sorted(graph):
        if name not in state and (cycle := visit(name, [])):
            pytest.fail("import cycle: " + " -> ".join(cycle[cycle.index(cycle[-1]) :]))
    assert graph["neurona.estimators"] >= {"neurona.io", "neurona.train"}  # the graph is real


def test_public_names_resolve():
    for name in neurona.__all__:
        assert getattr(neurona, name) is not None, name
    assert {cls.__name__ for cls in ESTIMATORS.values()} <= set(neurona.__all__)
    assert neurona.__version__ == neurona._version.__version__


# -------------------------------------------------------------------- a throwaway mode


def _random_minibatches(n: int, rng: np.random.Generator, shuffle: bool) -> np.ndarray:
    del shuffle
    return rng.integers(0, n, size=n)


@pytest.fixture
def random_minibatch(monkeypatch):
    """A mode registered in modes.py's registry only: minibatches of rows drawn with
    replacement."""
    mode = Mode("throwaway-random-minibatch", "batch_size rows drawn with replacement",
                _random_minibatches, lambda n, k: min(k, n), visits_all=False)  # fmt: skip
    monkeypatch.setitem(MODES, mode.name, mode)
    return mode.name


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("backend", ["numpy", "numba", "torch"])
@pytest.mark.parametrize("make", [neurona.Perceptron, neurona.Adaline])
def test_a_registered_mode_keeps_history_equal_to_score(random_minibatch, make, backend):
    if backend == "torch":
        pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 4))
    y = np.digitize(X @ [1.0, -1.0, 0.5, 0.2] + 0.5 * rng.normal(size=120), [-0.7, 0.7])
    params = {"mode": random_minibatch, "batch_size": 8, "random_state": 1, "backend": backend}
    if make is neurona.Adaline:
        params["learning_rate"] = 0.01
    history = make(epochs=5, **params).fit(X, y).history_["accuracy"]
    for epochs in range(1, 6):
        model = make(epochs=epochs, **params).fit(X, y)
        assert model.history_["accuracy"] == history[:epochs]
        assert history[epochs - 1] == model.score(X, y), epochs


@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_a_registered_mode_gets_a_safe_auto_step(random_minibatch, reduction):
    """η λ_max(H_S) <= 1 for every step S the mode can draw: with replacement, a step may
    repeat the longest row k times."""
    rng = np.random.default_rng(2)
    X = rng.normal(size=(200, 3)) * [1.0, 5.0, 0.2]
    y = X @ [1.0, -2.0, 0.5]
    k = 32
    model = neurona.LinearRegression(
        solver="gd", mode=random_minibatch, batch_size=k, reduction=reduction, epochs=3
    ).fit(X, y)
    longest = float(np.max(np.sum(X**2, axis=1) + 1.0))
    worst = longest * (k if reduction == "sum" else 1.0)
    assert model.learning_rate_ * worst <= 1.0 + 1e-12
    assert model.learning_rate_ * worst == pytest.approx(1.0)  # not needlessly small
    assert np.isfinite(model.coef_).all()


# ------------------------------------------------------------------------ file writes


def _write_everything(folder: Path) -> list[Path]:
    """Every kind of file neurona writes: a model, predictions, a figure, an animation, a
    tour page."""
    from neurona.data.writers import write_columns
    from neurona.plot import _figure, animate_training, save_figure
    from neurona.tour import run_tour

    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 0, 0, 1])
    model = neurona.Perceptron(epochs=10).fit(X, y)
    fig = _figure((2, 2))
    fig.subplots().plot([0, 1])
    return [
        model.save(folder / "model.npz"),
        write_columns(folder / "predictions.csv", {"prediction": model.predict(X)}),
        save_figure(fig, folder / "figure.png"),
        animate_training(neurona.Perceptron(epochs=3), X, y, folder / "a.gif", dpi=30).path,
        run_tour(folder / "tour", quick=True, sections=["gates"]).path,
    ]


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_get_the_umask_permissions(umask, mode, tmp_path):
    old = os.umask(umask)
    try:
        written = _write_everything(tmp_path)
    finally:
        os.umask(old)
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in written} == {
        p.name: oct(mode) for p in written
    }
    assert not list(tmp_path.rglob(".neurona-*"))


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(b"old")
    path.chmod(0o640)
    X, y = np.array([[0.0], [1.0]]), np.array([0, 1])
    neurona.Perceptron().fit(X, y).save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert neurona.load(path).predict(X).tolist() == [0, 1]


_CHILD = """
import sys, threading
from pathlib import Path
from neurona._atomic import atomic_write

def worker():  # a second writer, in another thread
    with atomic_write(Path(sys.argv[2])) as f:
        f.write(b"partial")
        started.set()
        threading.Event().wait()

started = threading.Event()
threading.Thread(target=worker, daemon=False).start()
started.wait()
with atomic_write(Path(sys.argv[1])) as f:
    f.write(b"partial")
    f.flush()
    print("writing", flush=True)
    sys.stdin.readline()  # blocks until the parent has signalled
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminated_writer_leaves_no_temporary_file(signum, tmp_path):
    """Both threads' temporary files are removed, the targets are untouched, and the
    process dies of the signal (as it would have without neurona)."""
    target, other = tmp_path / "out.bin", tmp_path / "other.bin"
    target.write_bytes(b"old")
    with subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(target), str(other)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    ) as child:  # fmt: skip
        assert child.stdout.readline().strip() == "writing"
        assert len(list(tmp_path.glob(".neurona-*"))) == 2  # both temporary files exist
        child.send_signal(signum)
        child.wait(timeout=60)
    assert child.returncode == -signum
    assert not list(tmp_path.glob(".neurona-*"))
    assert target.read_bytes() == b"old"
    assert not other.exists()


def test_the_programs_own_signal_handler_is_kept(tmp_path):
    import neurona._atomic as atomic

    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        with atomic.atomic_path(tmp_path / "a"):
            assert signal.getsignal(signal.SIGTERM) is mine
        with atomic.atomic_path(tmp_path / "b"):
            signal.signal(signal.SIGTERM, mine)  # set inside the block: also kept
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, previous)
    with atomic.atomic_path(tmp_path / "c"):
        assert signal.getsignal(signal.SIGTERM) is atomic._terminate
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_each_estimators_default_reduction_is_its_neurons():
    for cls in ESTIMATORS.values():
        model = cls(**cls.gradient_params)
        assert model.reduction == model.neuron.reduction, cls.__name__


def test_param_choices_are_what_fit_accepts():
    for cls in ESTIMATORS.values():
        choices = cls.param_choices()
        assert set(choices["mode"]) == set(MODES)
        for name, values in choices.items():
            assert getattr(cls(), name) in values, (cls.__name__, name)
            with pytest.raises(neurona.errors.ParameterError, match=name):
                cls(**{name: "not-a-choice"}).fit([[0.0], [1.0]], [0, 1])
