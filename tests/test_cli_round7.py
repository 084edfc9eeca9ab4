"""Round 7 of the command line for data as people have it (issue 17).

- Every message the library can raise or warn reaches a Spanish user in Spanish: the
  messages are read from the source (each ``raise``/``warn`` call, its text with ``{}``
  for what varies) and each, filled in, is translated with no English sentence left
  (the detector of tests/test_cli_es.py), and real failures of each kind are run.
- With ``--scale`` the plotted boundary is drawn in the file's own units: the points of
  its line are where the model's decision function, applied through the stored scaling,
  is 0.
- Rows are numbered one way: data rows from 1, and in a text file the line too.
- What a Spanish-speaking instructor and a student met when trying every command.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from helpers import _CACHE, run, spy_figures
from neurona import _i18n
from neurona.data import load_dataset, read_xy
from neurona.errors import DataError
from test_cli_es import english_words

SRC = Path(__file__).resolve().parents[1] / "src" / "neurona"
#: modules the command line never reaches: the course's exercises, the calculus and
#: logic of the tour (fixed inputs), the Dask cluster helper and the playground (its own UI)
UNREACHED = ("exercises", "calculus", "cluster", "playground", "logic", "_i18n", "_tour_text")
#: variables that hold a part of a message (a reason, a fix) before it is raised
PARTS = {"why", "fix", "reason", "hint", "look", "need", "msg", "message", "advice", "what"}


def _template(node) -> str | None:
    """A message's text with ``{}`` for each part that varies (None: not a string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value.replace("{", "{{").replace("}", "}}") if isinstance(v, ast.Constant) else "{}"
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else "{}") + (right if right is not None else "{}")
    return None


def library_messages() -> dict[str, str]:
    """Every message text of the modules the command line reaches -> where it is: the
    first argument of each exception or warning made, every string given to a helper
    that is raised (``raise _bad(path, "why", fix="...")``), and the reasons and fixes
    kept in variables or tables before they are raised."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(UNREACHED):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        raised = {id(n.exc) for n in ast.walk(tree) if isinstance(n, ast.Raise) and n.exc}
        for node in ast.walk(tree):
            texts = []
            if isinstance(node, ast.Call):
                f = node.func
                name = getattr(f, "id", None) or getattr(f, "attr", "")
                if name.endswith(("Error", "Exception", "Warning")) or name in ("warn", "_warn"):
                    texts += node.args[:1]
                elif id(node) in raised or name in ("_bad", "_missing", "_unreadable"):
                    texts += [*node.args, *(k.value for k in node.keywords)]
            elif (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and getattr(node.targets[0], "id", None) in PARTS
            ):
                texts.append(node.value)
                if isinstance(node.value, ast.IfExp):
                    texts += [node.value.body, node.value.orelse]
            elif isinstance(node, ast.Dict) and node.values:
                values = [_template(v) for v in node.values]
                if all(v and " " in v for v in values):
                    texts += node.values
            for text in texts:
                template = _template(text)
                if template and " " in template.strip() and sum(map(str.isalpha, template)) > 8:
                    found.setdefault(" ".join(template.split()), f"{rel}:{node.lineno}")
    return found


def _filled(template: str) -> str:
    """The message as the command line's translator gets it, each part a value."""
    from neurona import cli

    text = template.replace("{}", "7").replace("{{", "{").replace("}}", "}")
    return f"neurona: error: {cli._cli_syntax(text)}"


@pytest.fixture
def spanish():
    _i18n.set_lang("es")
    yield
    _i18n.set_lang(None)


def test_every_message_of_the_library_comes_out_in_spanish(spanish):
    messages = library_messages()
    assert len(messages) > 400  # the reading of the source found them
    untranslated = []
    for template, where in messages.items():
        words = english_words(_i18n.message(_filled(template)))
        if words:
            untranslated.append(f"{where}: {words}: {template}")
    assert not untranslated, "\n".join(untranslated)


def test_the_messages_are_english_without_spanish():
    """The check can fail: in English most of those messages hold English words."""
    _i18n.set_lang("en")
    try:
        messages = list(library_messages())
        english = [t for t in messages if english_words(_i18n.message(_filled(t)))]
    finally:
        _i18n.set_lang(None)
    assert len(english) > 0.9 * len(messages)


def test_a_part_of_a_message_is_translated_inside_it(spanish):
    """A model file's reason and fix, a row's place, a fragment kept in a variable."""
    text = _i18n.message(
        "neurona: error: cannot load model 'm.npz': its members 'x.npy' appear more than "
        "once; re-save the model with `neurona train ... --out`"
    )
    assert text == (
        "neurona: error: no se puede cargar el modelo 'm.npz': sus miembros 'x.npy' aparecen "
        "más de una vez; vuelve a guardar el modelo con `neurona train ... --out`"
    )
    text = _i18n.message(
        "neurona: error: a.csv: column 'b' has a missing value at data row 2 (line 3 of the "
        "file): fill it in or drop that row (in a number column, empty fields, NaN in any "
        "spelling and NA, N/A count as missing)"
    )
    assert "en la fila de datos 2 (línea 3 del archivo)" in text, text
    text = _i18n.message(
        "neurona: error: Perceptron(--epochs 0) is not valid; pass an integer >= 1 and <= "
        "9223372036854775807"
    )
    assert text.endswith("no es válido; indica un entero >= 1 y <= 9223372036854775807"), text


def _neurona(args, cwd, lang="es_ES.UTF-8"):
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
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Spreadsheets as exported (Excel ;-and-comma with BOM, Google Sheets quoted commas,
    cp1252), broken files of each kind, and models."""
    d = tmp_path_factory.mktemp("round7")
    rows = [("Ana", "21", "7,5", "10", "Sí"), ("Luis", "23", "4,2", "3", "No"),
            ("Marta", "20", "8,1", "12", "Sí"), ("Pedro", "22", "3,9", "2", "No"),
            ("Lucía", "21", "6,8", "8", "Sí"), ("Juan", "24", "5,1", "4", "No")]  # fmt: skip
    head = "Nombre;Edad;Nota media;Horas estudio;Aprobado\n"
    (d / "excel.csv").write_bytes(
        b"\xef\xbb\xbf" + (head + "".join(";".join(r) + "\n" for r in rows)).encode()
    )
    (d / "otra.csv").write_bytes(
        "Nombre;Edad;Nota;Aprobado\r\nJosé;21;7,5;Sí\r\n".encode("cp1252")
    )
    (d / "ragged.csv").write_text("\n\na,b,y\n1,2,p\n3,4,q\n5,6\n")
    (d / "inf.csv").write_text("a,b,y\n1,2,p\n3,inf,q\n")
    (d / "nul.csv").write_bytes(b"a,b,y\n1,2\x00,p\n")
    (d / "quote.csv").write_text('a,b,y\n1,"2,p\n3,4,q\n')
    (d / "sep.csv").write_text("sep=;\n")
    (d / "empty.csv").write_text("")
    (d / "notzip.npz").write_text("not a model")
    (d / "dir.npz").mkdir()
    np.savez(d / "foreign.npz", a=np.arange(3))
    for args in (
        ["train", "excel.csv", "-t", "Aprobado", "--exclude", "Nombre", "--scale", "standard",
         "-o", "scaled.npz", "-q"],
        ["train", "excel.csv", "-t", "Aprobado", "--exclude", "Nombre", "-o", "plain.npz", "-q"],
    ):  # fmt: skip
        code, output = _neurona(args, d)
        assert code == 0, output
    raw = (d / "plain.npz").read_bytes()
    (d / "truncated.npz").write_bytes(raw[: len(raw) // 2])
    return d


#: failures of each kind a Spanish-speaking user meets, and a phrase each must show
FAILURES = [
    (["predict", "notzip.npz", "excel.csv"], "no es un archivo de modelo de neurona"),
    (["predict", "dir.npz", "excel.csv"], "es una carpeta, no un archivo de modelo"),
    (["predict", "foreign.npz", "excel.csv"], "no tiene metadatos de neurona"),
    (["inspect", "truncated.npz"], "no se puede cargar el modelo"),
    (["predict", "excel.csv", "plain.npz"], "no se puede cargar el modelo 'excel.csv'"),
    (["train", "ragged.csv", "-t", "y"], "la fila de datos 3 (línea 6 del archivo) tiene 2"),
    (["train", "inf.csv", "-t", "y"], "un valor infinito"),
    (["train", "nul.csv", "-t", "y"], "que no es un número"),
    (["train", "quote.csv", "-t", "y"], "nunca se cierra"),
    (["train", "sep.csv", "-t", "y"], "solo contiene la línea 'sep=;'"),
    (["train", "empty.csv", "-t", "y"], "el archivo está vacío"),
    (["train", "excel.csv", "-t", "Aprobado"], "en la fila de datos 1 (línea 2 del archivo)"),
    (
        ["train", "excel.csv", "-t", "Aprobado", "--exclude", "Nombre", "--model", "linear"],
        "un objetivo de regresión debe ser numérico",
    ),
    (
        ["train", "excel.csv", "-t", "Aprobado", "--exclude", "Nombre", "--epochs", "2.5"],
        "debe ser un número entero",
    ),
    (
        [
            "train",
            "excel.csv",
            "-t",
            "Aprobado",
            "--exclude",
            "Nombre",
            "--model",
            "adaline",
            "--learning-rate",
            "10",
        ],
        "diverge en la época",
    ),
    (
        ["train", "excel.csv", "-t", "Aprobado", "--exclude", "Nombre", "--device", "cuda:9"],
        "--device",
    ),
    (["train", "--dataset", "iris", "--n-samples", "5"], "se aplica a blobs, linear"),
    (["datasets", "nope"], "conjunto de datos desconocido 'nope'"),
    (["datasets", "iris", "-o", "iris.xlsx"], "los CSV y TSV también pueden terminar en"),
    (
        ["train", "excel.csv", "-t", "Aprobado", "--exclude", "Nombre", "--plot", "excel.csv"],
        "boundary.png y curves.png",
    ),
    (["predict", "scaled.npz", "otra.csv"], "al archivo le falta(n) 'Nota media'"),
    (["evaluate", "plain.npz", "otra.csv"], "con la(s) que se entrenó el modelo"),
    (
        ["separable", "excel.csv", "-t", "Aprobado", "--features", "Edad", "--positive", "Si"],
        "no es una de las clases",
    ),
]


@pytest.mark.timeout(900)
def test_real_failures_reach_a_spanish_user_in_spanish(files):
    cases = [(args if k % 2 else [*args, "--lang", "es"], phrase)
             for k, (args, phrase) in enumerate(FAILURES)]  # fmt: skip
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda case: _neurona(case[0], files), cases))
    faults = []
    for (args, phrase), (code, output) in zip(cases, results, strict=True):
        # the bundled datasets' names (and, or, ...) are names, not English
        shown = re.sub(r"elige uno de [^(]*", "", output)
        words = [w for line in shown.splitlines() for w in english_words(line)]
        if code == 0 or "Traceback" in output or words or phrase not in output:
            faults.append(f"{' '.join(args)} -> {code}, {words}: {output}")
    assert not faults, "\n".join(faults)


# ------------------------------------------------------------- plots in the data's units


def _two_class_iris(tmp_path) -> Path:
    ds = load_dataset("iris")
    keep = ds.y != "setosa"
    lines = [",".join(map(str, row)) + f",{label}" for row, label in
             zip(ds.X[keep], ds.y[keep], strict=True)]  # fmt: skip
    path = tmp_path / "iris2.csv"
    path.write_text(",".join(ds.feature_names) + ",species\n" + "\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("scale", ["standard", "minmax"])
def test_a_scaled_models_boundary_is_drawn_in_the_files_units(tmp_path, monkeypatch, scale):
    from neurona.estimators import load
    from neurona.io import read_metadata

    data = _two_class_iris(tmp_path)
    saved = spy_figures(monkeypatch)
    result = run("train", data, "-t", "species", "--scale", scale, "--model", "logistic",
                 "--epochs", "30", "--plot", tmp_path / "p", "--plot-features",
                 "petal_length,petal_width", "-o", tmp_path / "m.npz", "-q",
                 "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    ax = saved["boundary.png"].axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("petal_length", "petal_width")
    raw = np.loadtxt(data, delimiter=",", skiprows=1, usecols=range(4))
    # the axes span the file's values, not the scaled ones
    low, high = ax.get_xlim()
    assert low <= raw[:, 2].min()
    assert high >= raw[:, 2].max()
    assert high > 3  # petal lengths in cm, beyond any standardised or [0, 1] value
    # the line: where w·((x - offset)/scale) + b = 0, the hidden columns at their means
    model = load(tmp_path / "m.npz")
    steps = {c["name"]: c for c in read_metadata(tmp_path / "m.npz")["data"]["preprocessing"]
             ["columns"]}  # fmt: skip
    names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    offset = np.array([steps[n]["offset"] for n in names])
    spread = np.array([steps[n]["scale"] for n in names])
    (line,) = [ln for ln in ax.lines if len(ln.get_xdata()) == 2]
    for px, py in zip(line.get_xdata(), line.get_ydata(), strict=True):
        point = raw.mean(axis=0)
        point[2], point[3] = px, py
        z = float(np.ravel(model.coef_) @ ((point - offset) / spread) + model.intercept_[0])
        assert abs(z) < 1e-9 * (1 + np.abs(model.coef_).sum() * np.abs(point).max()), z


def test_the_model_in_the_data_units_predicts_as_the_scaled_model():
    from neurona import LogisticRegression
    from neurona._cli_plots import InDataUnits

    rng = np.random.default_rng(7)
    X = rng.normal(loc=[50.0, -3.0, 1000.0], scale=[10.0, 0.5, 300.0], size=(200, 3))
    y = np.where(X[:, 0] / 10 + X[:, 2] / 300 > 8.5, "a", "b")
    offset, spread = X.mean(axis=0), X.std(axis=0)
    model = LogisticRegression(epochs=20).fit((X - offset) / spread, y)
    view = InDataUnits(model, offset, spread)
    np.testing.assert_array_equal(view.predict(X), model.predict((X - offset) / spread))
    np.testing.assert_allclose(
        X @ view.coef_.T + view.intercept_,
        model.decision_function((X - offset) / spread).reshape(-1, 1),
        rtol=1e-12,
        atol=1e-9,
    )
    assert list(view.classes_) == list(model.classes_)


# ---------------------------------------------------------------- one way to number rows


def test_csv_rows_are_data_rows_with_their_line(tmp_path):
    """A value's place: its data row from 1 (as the missing-value report, predict and
    separable count) and its line in the file (the spreadsheet's row number)."""
    cases = {
        "missing.csv": ("\n\na,b,y\n1,2,p\n3,,q\n", "has a missing value at data row 2 (line 5 "),
        "text.csv": ("a,b,y\n1,2,p\n3,x,q\n", "column 'b' at data row 2 (line 3 of the file)"),
        "inf.csv": ("a,b,y\n1,2,p\n3,4,q\n5,-inf,p\n", "at data row 3 (line 4 of the file)"),
        "ragged.csv": ("a,b,y\n1,2,p\n3,4\n", "data row 2 (line 3 of the file) has 2 fields"),
    }
    for name, (text, phrase) in cases.items():
        (tmp_path / name).write_text(text)
        with pytest.raises(DataError) as info:
            read_xy(tmp_path / name, target="y")
        assert phrase in str(info.value), (name, str(info.value))


def test_a_binary_files_rows_are_data_rows(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"a": [1.0, 2.0, float("nan")], "y": ["p", "q", "p"]}),
                   tmp_path / "t.parquet")  # fmt: skip
    with pytest.raises(DataError, match=r"missing value at data row 3:"):
        read_xy(tmp_path / "t.parquet", target="y")


def test_the_reader_and_the_missing_value_report_name_the_same_row(tmp_path):
    (tmp_path / "m.csv").write_text("a,b,y\n1,2,p\n3,,q\n5,6,p\n")
    reader = run("train", tmp_path / "m.csv", "-t", "y", "--lang", "en")
    report = run("train", tmp_path / "m.csv", "-t", "y", "--scale", "standard", "--lang", "en")
    assert "data row 2 (line 3 of the file)" in reader.output, reader.output
    assert "(first at data row 2)" in report.output, report.output


# ------------------------------------------------------------------- the trial's faults


def test_an_unknown_dataset_name_is_said_before_the_missing_out(tmp_path):
    result = run("datasets", "nope", "--lang", "en")
    assert "unknown dataset 'nope'" in result.output
    assert "--out" not in result.output.split("unknown dataset")[0]


def test_a_fixed_dataset_lists_the_generators_without_python_syntax():
    result = run("train", "--dataset", "iris", "--n-samples", "5", "--lang", "en")
    assert "--n-samples applies to blobs, linear, xor-blobs" in result.output, result.output
    assert "(" not in result.output.split("applies to")[1]


def test_a_preprocessed_model_names_the_missing_columns_and_only_what_helps(tmp_path):
    (tmp_path / "a.csv").write_text("x,z,y\n1,2,p\n3,4,q\n5,6,p\n7,8,q\n")
    (tmp_path / "b.csv").write_text("x,w,y\n1,2,p\n")
    trained = run("train", tmp_path / "a.csv", "-t", "y", "--scale", "standard", "-q",
                  "-o", tmp_path / "m.npz")  # fmt: skip
    assert trained.exit_code == 0, trained.output
    result = run("predict", tmp_path / "m.npz", tmp_path / "b.csv", "--lang", "en")
    assert result.exit_code == 1
    assert "no column 'z', which the model was trained on (it reads x, z" in result.output
    assert "--features" not in result.output  # refused for such a model: not advised


# ------------------------------------------------------------------- animate --exclude


def _with_text_id(tmp_path):
    """A file whose first column is a text id: not a feature for a neuron."""
    path = tmp_path / "ids.csv"
    path.write_text("id,a,b,y\nx1,1,2,p\nx2,3,4,q\nx3,5,1,p\nx4,2,6,q\n")
    return path


@pytest.mark.parametrize(("lang", "advice"), [
    ("en", "leave it out with --exclude"), ("es", "déjala fuera con --exclude")])  # fmt: skip
def test_animate_advises_the_flag_that_leaves_a_text_column_out(tmp_path, lang, advice):
    """animate's --features picks the two columns drawn, so a text column is left out
    with --exclude (which animate has, as train has)."""
    out = tmp_path / "a.gif"
    result = run("animate", _with_text_id(tmp_path), "-t", "y", "-o", out, "--lang", lang)
    assert result.exit_code == 1
    assert "'id'" in result.output
    assert advice in result.output, result.output
    assert "--features" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("spec", ["id", "0"])
def test_animate_exclude_leaves_the_columns_out(tmp_path, monkeypatch, spec):
    """--exclude by name or by the file's column number (from 0, as train counts them):
    the neuron learns from the other columns, read as they are in the file."""
    import neurona.plot

    seen = {}
    original = neurona.plot.animate_training

    def spy(estimator, X, y, path, **kwargs):
        seen.update(X=np.array(X), y=list(y), names=list(kwargs["feature_names"]))
        return original(estimator, X, y, path, **kwargs)

    monkeypatch.setattr(neurona.plot, "animate_training", spy)
    data = _with_text_id(tmp_path)
    out = tmp_path / "a.gif"
    result = run("animate", data, "-t", "y", "--exclude", spec, "--epochs", "2", "-o", out,
                 "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:6] in (b"GIF87a", b"GIF89a")
    assert seen["names"] == ["a", "b"]
    expected = np.loadtxt(data, delimiter=",", skiprows=1, usecols=(1, 2))
    np.testing.assert_array_equal(seen["X"], expected)
    assert seen["y"] == ["p", "q", "p", "q"]


def test_animate_exclude_on_a_dataset_drops_that_feature(tmp_path, monkeypatch):
    import neurona.plot

    seen = {}
    original = neurona.plot.animate_training

    def spy(estimator, X, y, path, **kwargs):
        seen.update(X=np.array(X), names=list(kwargs["feature_names"]))
        return original(estimator, X, y, path, **kwargs)

    monkeypatch.setattr(neurona.plot, "animate_training", spy)
    result = run("animate", "--dataset", "iris", "--exclude", "sepal_length", "--epochs", "1",
                 "--max-frames", "2", "-o", tmp_path / "a.gif", "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    ds = load_dataset("iris")
    assert seen["names"] == list(ds.feature_names[1:])
    np.testing.assert_array_equal(seen["X"], ds.X[:, 1:])


def test_animate_exclude_refuses_what_it_cannot_leave_out(tmp_path):
    data = _with_text_id(tmp_path)
    cases = {
        "zz": "--exclude zz: no such column (the columns: id, a, b, y)",
        "y": "--exclude y: 'y' is not a feature column",
        "id,a,b": "--exclude leaves no feature column",
    }
    for spec, phrase in cases.items():
        out = tmp_path / "a.gif"
        result = run("animate", data, "-t", "y", "--exclude", spec, "-o", out, "--lang", "en")
        assert result.exit_code == 1, (spec, result.output)
        assert phrase in result.output, (spec, result.output)
        assert not out.exists()
    result = run("animate", data, "-t", "y", "--exclude", "zz", "-o", out, "--lang", "es")
    assert "--exclude zz: no existe esa columna (las columnas: id, a, b, y)" in result.output


def test_animate_does_not_advise_its_features_for_an_unnamed_column(tmp_path):
    """An unnamed column is left out with a warning; animate's --features cannot pick it
    (it picks the columns drawn), so only naming it is advised, in either language."""
    data = tmp_path / "u.csv"
    data.write_text("a,b,,y\n1,2,9,p\n3,4,8,q\n5,1,7,p\n2,6,6,q\n")
    for lang, advice in (("en", "give them a name in the header"),
                         ("es", "ponles un nombre en la cabecera")):  # fmt: skip
        result = run("animate", data, "-t", "y", "--epochs", "1", "--max-frames", "2",
                     "-o", tmp_path / "a.gif", "--lang", lang)  # fmt: skip
        assert result.exit_code == 0, result.output
        assert f"{advice} (DataWarning)" in result.output, result.output
        assert "--features" not in result.output
        if lang == "es":
            assert not english_words(result.output.split("(DataWarning)")[0]), result.output


def test_the_text_datasets_row_is_spanish():
    """`neurona datasets` lists the sparse text dataset in the language in force."""
    result = run("datasets", "--lang", "es")
    assert result.exit_code == 0, result.output
    row = " ".join(re.sub("[│─┘]", " ", result.output.split("│ text")[1].split("└")[0]).split())
    assert "con semilla, disperso: conteos de bolsa de palabras con hashing" in row, row
    assert not english_words(row), row
