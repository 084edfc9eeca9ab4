"""With Spanish selected, no English sentence reaches the user from any command: help
pages, errors, warnings, progress lines, tables and the lines that say what was written.

Each case runs ``python -m neurona`` in a fresh process with ``LANG=es_CO.UTF-8`` (as a
user in Colombia has it). An English detector (the tour's word list, widened with the
command line's own words) looks at what is left once the values the user typed or the
program names are taken out: flags and their values, quoted values, file names, code
spans and ``key=value`` pairs. The detector is shown to find English in the English
output, so the Spanish test can fail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import typer

from helpers import _CACHE
from neurona import _i18n
from test_tour_es import ENGLISH

#: words of the command line's messages that are English and not Spanish
CLI_ENGLISH = ENGLISH | {
    "wrote",
    "column",
    "columns",
    "file",
    "missing",
    "pass",
    "check",
    "should",
    "input",
    "frames",
    "sections",
    "hyperparameters",
    "history",
    "features",
    "feature",
    "mode",
    "model",
    "does",
    "exist",
    "greater",
    "equal",
    "holds",
    "number",
    "leave",
    "out",
    "trained",
    "read",
    "delimiter",
    "encoding",
    "warning",
    "usage",
    "target",
    "seen",
    "labels",
    "data",
    "sorted",
    "order",
    "fresh",
    "random",
    "may",
    "linearly",
    "needs",
    "more",
    "it",
    "or",
    "be",
    "unit",
    "single",
    "layers",
    "compute",
    "first",
    "show",
    "write",
    "folder",
    "smaller",
    "fewer",
    "seed",
    "most",
    "kept",
    "language",
    "draw",
    "names",
    "means",
    "written",
    "figure",
    "bundled",
    "instead",
    "gate",
    "seeded",
    "noise",
    "clouds",
    "patients",
    "flowers",
    "species",
    "tumours",
    "unseen",
    "steps",
    "step",
    "output",
    "outputs",
}

_CODE = [
    re.compile(r"`[^`]*`"),  # commands
    re.compile(r"'[^']*'"),  # values
    re.compile(r"\"[^\"]*\""),
    re.compile(r"--[\w-]+(?: (?:[a-z0-9_.,;-]+|'[^']*'))?"),  # flags and a plain value
    re.compile(r"\S+=\S+"),  # key=value
    re.compile(r"\S+\.(?:csv|npz|gif|mp4|skops|html|tsv|parquet)\b"),  # file names
    re.compile(r"\([A-Z]\w+(?:Warning|Error)\)"),  # the category of a warning
    # values the user types: choices of an option, defaults, the dataset names
    re.compile(r"<[^>]*>"),
    re.compile(r"Uno de: [^.\]]*"),
    re.compile(r"por defecto: [^\]]*"),
    re.compile(r"\((?:perceptron|logistic): [^)]*\)"),
    re.compile(r"iris-2, iris, and, or, blobs, linear"),
    re.compile(r"^│ [\w-]+ +│"),  # the name column of `neurona datasets`
    re.compile(r"\bmodo \w+"),
    re.compile(r"\bOut$"),  # the lecture's truth-table header (x_1 x_2 Out)
]


def english_words(text: str) -> list[str]:
    """English words of ``text`` outside code (flags, values, file names, identifiers)."""
    for pattern in _CODE:
        text = pattern.sub(" ", text)
    words = re.findall(r"[A-Za-z_][A-Za-z_.]*", text)
    return [
        w
        for w in words
        if "_" not in w
        and "." not in w.strip(".")
        and not w.isupper()
        and w.lower() in CLI_ENGLISH
    ]


def _neurona(args, cwd, lang="es_CO.UTF-8"):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env |= {"LANG": lang, "NUMBA_CACHE_DIR": _CACHE, "COLUMNS": "400"}
    result = subprocess.run(
        [sys.executable, "-m", "neurona", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=cwd,
    )
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A Spanish spreadsheet export, small plain files, a model and a one-hot model."""
    d = tmp_path_factory.mktemp("es")
    rows = [
        ("1000", "28", "3,39", "Femenino", "Sí"),
        ("1001", "17", "3,79", "Otro", "No"),
        ("1002", "35", "2,10", "Masculino", "No"),
        ("1003", "22", "4,50", "Femenino", "Sí"),
        ("1004", "41", "1,95", "Otro", "No"),
        ("1005", "19", "4,05", "Masculino", "Sí"),
    ]
    text = "ID;Edad;Nota;Género;Aprobado\n" + "".join(";".join(r) + "\n" for r in rows)
    (d / "es.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (d / "ok.csv").write_text("a,b,y\n1,2,p\n3,4,q\n5,6,p\n6,7,q\n")
    (d / "miss.csv").write_text("a,b,y\n1,2,p\n3,4,q\n5,,p\n6,7,q\n")
    (d / "cat.csv").write_text("a,c,y\n1,u,p\n3,v,q\n5,u,p\n6,v,q\n")
    (d / "cat2.csv").write_text("a,c,y\n1,w,p\n")
    for args in (
        ["train", "ok.csv", "--target", "y", "-o", "ok.npz", "-q"],
        ["train", "cat.csv", "--target", "y", "--one-hot", "-o", "cat.npz", "-q"],
        ["datasets", "iris", "-o", "iris.csv"],
    ):
        assert (
            subprocess.run(
                [sys.executable, "-m", "neurona", *args],
                cwd=d,
                capture_output=True,
                env={**os.environ, "NUMBA_CACHE_DIR": _CACHE},
                timeout=300,
            ).returncode
            == 0
        )
    return d


#: failures, warnings, progress and tables a CLI user meets (one process each)
MATRIX = [
    ["--help"],
    *[
        [c, "--help"]
        for c in (
            "train",
            "predict",
            "evaluate",
            "inspect",
            "datasets",
            "gates",
            "separable",
            "bench",
            "animate",
            "tour",
            "playground",
        )
    ],
    ["gates"],
    ["datasets"],
    ["train", "es.csv", "--target", "Nope"],
    ["train", "es.csv", "--target", "aprobado"],
    ["train", "es.csv", "--target", "Aprobado"],  # a text column
    ["train", "nofile.csv", "--target", "a"],
    ["train", "ok.csv", "--target", "y", "--epochs", "0"],
    ["train", "ok.csv", "--target", "y", "--features", "a,zz"],
    ["train", "ok.csv", "--target", "y", "--delimiter", ";"],
    ["train", "miss.csv", "--target", "y"],
    ["train", "ok.csv", "--target", "y", "--model", "adaline", "--learning-rate", "1e6"],
    ["train", "ok.csv", "--target", "y", "--epochs", "3"],  # progress and the summary
    ["train", "--dataset", "xor", "--epochs", "5"],  # the separability warning
    ["predict", "ok.npz", "ok.csv", "--keep", "Nope"],
    ["predict", "cat.npz", "cat2.csv"],  # an unseen category
    ["predict", "nofile.npz", "ok.csv"],
    ["inspect", "ok.npz"],
    ["evaluate", "ok.npz", "ok.csv", "--target", "y"],
    ["separable", "ok.csv", "--target", "Nope"],
    ["animate", "iris.csv", "--target", "species", "-o", "a.gif", "--max-frames", "3"],
    ["animate", "--dataset", "xor", "-o", "b.gif", "--max-frames", "3", "--epochs", "3"],
    ["animate", "ok.csv", "--target", "Nope", "-o", "c.gif"],
    ["animate", "--dataset", "linear", "-o", "d.gif"],  # a regression task for a classifier
    ["animate", "--dataset", "iris", "--plot-features", "9,10", "-o", "e.gif"],
    [
        "animate",
        "ok.csv",
        "--target",
        "y",
        "--model",
        "adaline",
        "--learning-rate",
        "1e6",
        "-o",
        "f.gif",
    ],
    ["animate", "es.csv", "--target", "Aprobado", "-o", "g.gif"],
    ["separable", "miss.csv", "--target", "y"],
    ["train", "es.csv", "--target", "Aprobado", "--one-hot", "--decimal", "."],
    ["inspect", "ok.csv"],
    ["train", "miss.csv", "--target", "y", "--scale", "standard"],  # the missing-value report
    ["train", "miss.csv", "--target", "y", "--plot", "plots"],
]


@pytest.mark.timeout(900)
def test_no_english_sentence_reaches_a_spanish_user(files):
    with ThreadPoolExecutor(2) as pool:
        outputs = list(pool.map(lambda args: _neurona(args, files), MATRIX))
    found = {}
    for args, output in zip(MATRIX, outputs, strict=True):
        # a help page wraps its option texts: read it as one text
        lines = [" ".join(output.split())] if args[-1] == "--help" else output.splitlines()
        for line in lines:
            words = english_words(line)
            if words:
                found.setdefault(" ".join(args), []).append((words, line))
    shown = "\n".join(
        f"{cmd}: {words} {line}" for cmd, hits in found.items() for words, line in hits
    )
    assert not found, shown
    # and the cases did meet what they meant to (an error, a warning, a written file)
    joined = dict(zip((" ".join(a) for a in MATRIX), outputs, strict=True))
    assert "no existe la columna objetivo 'Nope'" in joined["train es.csv --target Nope"]
    assert "¿quisiste decir 'Aprobado'?" in joined["train es.csv --target aprobado"]
    assert "debe ser mayor o igual que 1" in joined["train ok.csv --target y --epochs 0"]
    assert "no existe la columna a conservar 'Nope'" in joined["predict ok.npz ok.csv --keep Nope"]
    assert "no visto(s) en el entrenamiento" in joined["predict cat.npz cat2.csv"]
    animated = joined["animate iris.csv --target species -o a.gif --max-frames 3"]
    assert "llegan ordenadas por clase" in animated
    assert "escrito a.gif" in animated
    assert (
        "`neurona separable`" in joined["animate --dataset xor -o b.gif --max-frames 3 --epochs 3"]
    )
    assert "Ningún hiperplano las separa" in joined["gates"]
    assert "iris de Fisher" in joined["datasets"]
    assert "época 1/3  pérdida" in joined["train ok.csv --target y --epochs 3"]
    assert "historial (" in joined["inspect ok.npz"]


@pytest.mark.timeout(900)
def test_the_detector_finds_english_in_the_english_output(files):
    picked = (
        "--help",
        "gates",
        "datasets",
        "train nofile.csv --target a",
        "inspect ok.npz",
        "predict cat.npz cat2.csv",
        "train ok.csv --target y --epochs 3",
    )
    cases = [a for a in MATRIX if " ".join(a) in picked]
    assert len(cases) == len(picked)
    with ThreadPoolExecutor(2) as pool:
        outputs = list(pool.map(lambda a: _neurona(a, files, lang="en_US.UTF-8"), cases))
    for args, output in zip(cases, outputs, strict=True):
        assert english_words(output), (args, output)


@pytest.mark.timeout(300)
def test_warnings_use_command_line_syntax_in_both_languages(files):
    """No Python call or keyword argument in a warning of train or animate."""
    for lang in ("en_US.UTF-8", "es_CO.UTF-8"):
        for args in (
            ["train", "--dataset", "xor", "--epochs", "5"],
            [
                "animate",
                "iris.csv",
                "--target",
                "species",
                "-o",
                "s.gif",
                "--max-frames",
                "3",
                "--learning-rate",
                "0.5",
            ],
        ):
            output = _neurona(args, files, lang=lang)
            assert "warning" in output or "aviso" in output, output
            for python in ("check_separability", "(X, y)", "mode=", "shuffle=", "rate="):
                assert python not in output, (lang, args, output)


def test_every_help_text_of_animate_and_tour_has_a_spanish_entry():
    from neurona import _cli_plots

    missing = []
    for name in ("animate", "tour"):
        sub = typer.Typer(add_completion=False)
        sub.command(name)(getattr(_cli_plots, f"{name}_command"))
        command = typer.main.get_command(sub)
        texts = [command.help] + [getattr(p, "help", None) for p in command.params]
        missing += [(name, t) for t in texts if t and t not in _i18n.ES]
    assert not missing


def test_inspect_shows_the_steps_of_a_saved_pipeline(tmp_path):
    pytest.importorskip("skops")
    import numpy as np
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from neurona import Perceptron
    from neurona.pipeline import save_pipeline

    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    pipe = make_pipeline(StandardScaler(), Perceptron(epochs=5)).fit(X, y)
    save_pipeline(pipe, tmp_path / "p.skops")
    output = _neurona(["inspect", "p.skops", "--lang", "en"], tmp_path)
    assert "pipeline step 1: standardscaler (StandardScaler)" in output, output
    assert "pipeline step 2: perceptron (Perceptron)" in output
    final = pipe.steps[-1][1]
    for w in np.ravel(final.coef_):
        assert f"{w:.6g}" in output
    spanish = _neurona(["inspect", "p.skops"], tmp_path)
    assert "paso del pipeline 1" in spanish
    assert not english_words(spanish), spanish


@pytest.mark.timeout(600)
def test_every_suggestion_names_only_flags_of_the_command_in_use(files):
    """A text column, a missing value, a missing column: what animate, separable and
    train advise can be typed on that same command."""
    from neurona.cli import _command_flags

    cases = [
        ["animate", "es.csv", "--target", "Aprobado", "-o", "x.gif"],
        ["separable", "es.csv", "--target", "Aprobado"],
        ["animate", "miss.csv", "--target", "y", "-o", "x.gif"],
        ["separable", "miss.csv", "--target", "y"],
        ["train", "es.csv", "--target", "Aprobado"],
        [
            "animate",
            "ok.csv",
            "--target",
            "y",
            "--learning-rate",
            "1e6",
            "--model",
            "adaline",
            "-o",
            "x.gif",
        ],
    ]
    with ThreadPoolExecutor(2) as pool:
        outputs = list(pool.map(lambda a: _neurona(a, files, lang="en_US.UTF-8"), cases))
    for args, output in zip(cases, outputs, strict=True):
        assert "error" in output or "warning" in output, (args, output)
        named = set(re.findall(r"--[a-z][\w-]*", re.sub(r"`[^`]*`", "", output)))
        assert named <= _command_flags(args[0]), (args, output)
    assert "--one-hot" in outputs[4]  # train has it, and says so
    assert "--one-hot" not in outputs[0] + outputs[1]
