"""The command line: help, the train → save → load → predict round trip, every command's
output, and a corpus of bad files and flags that must fail cleanly.

Most cases run in-process through Typer's ``CliRunner``; a few run ``python -m neurona`` in
a subprocess, as a user would. A clean failure is: a non-zero exit code (2 for usage
errors, 1 for the rest), exactly one line on stderr, no traceback anywhere, and no output
file (nor temporary file) left behind.
"""

from __future__ import annotations

import json
import pickle

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import neurona
from helpers import run, run_process
from neurona import load as load_model
from neurona.data import load_dataset, read_xy

COMMANDS = ["train", "predict", "evaluate", "inspect", "datasets", "gates", "separable", "bench"]


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """Good data files and a trained model, shared by the tests of this module."""
    d = tmp_path_factory.mktemp("cli")
    iris = load_dataset("iris")
    cols = {f: iris.X[:, j] for j, f in enumerate(iris.feature_names)}
    pacsv.write_csv(pa.table(cols | {"species": iris.y.tolist()}), d / "iris.csv")
    two = load_dataset("iris-2")
    cols = {f: two.X[:, j] for j, f in enumerate(two.feature_names)}
    pacsv.write_csv(pa.table(cols | {"species": two.y.tolist()}), d / "iris2.csv")
    rng = np.random.default_rng(1)
    X = rng.normal(size=(3000, 3))
    y = X @ [1.0, 2.0, -1.0] + 0.5 + 0.1 * rng.normal(size=3000)
    pacsv.write_csv(pa.table({"a": X[:, 0], "b": X[:, 1], "c": X[:, 2], "y": y}), d / "reg.csv")
    result = run("train", d / "iris2.csv", "--target", "species", "--epochs", "10",
                 "--out", d / "model.npz", "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.output
    return d


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_of_every_command(command):
    args = ["--help"] if command is None else [command, "--help"]
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    if command is not None:
        assert command in result.stdout


def test_help_lists_every_command():
    listed = run("--help").stdout
    for command in COMMANDS:
        assert command in listed


def test_no_arguments_prints_help_and_exits_2():
    result = run()
    assert result.exit_code == 2
    assert "Usage:" in result.stderr + result.stdout


def test_train_plot_writes_figures(tmp_path):
    import importlib.util

    if importlib.util.find_spec("neurona._cli_plots") is None:
        pytest.skip("neurona._cli_plots is not installed")
    folder = tmp_path / "plots"
    result = run("train", "--dataset", "iris-2", "--epochs", "10", "--plot", folder, "-q")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["boundary.png", "curves.png"]


def test_python_dash_m_runs_the_cli():
    result = run_process("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: neurona")


def test_plot_commands_are_registered_when_available():
    import importlib.util

    if importlib.util.find_spec("neurona._cli_plots") is None:
        pytest.skip("neurona._cli_plots is not installed")
    for command in ("animate", "tour"):
        result = run(command, "--help")
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.stdout


# --------------------------------------------------------------------------- round trip


def test_train_save_load_predict_identical(work, tmp_path):
    model_path = tmp_path / "m.npz"
    result = run("train", work / "iris.csv", "--target", "species", "--model", "adaline",
                 "--mode", "batch", "--epochs", "30", "--learning-rate", "0.01",
                 "--out", model_path, "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["epochs_run"] == 30
    assert summary["classes"] == ["setosa", "versicolor", "virginica"]

    data = read_xy(work / "iris.csv", target="species")
    reference = neurona.Adaline(mode="batch", epochs=30, learning_rate=0.01)
    reference.fit(data.X, data.y)
    loaded = load_model(model_path)
    np.testing.assert_array_equal(loaded.coef_, reference.coef_)
    np.testing.assert_array_equal(loaded.predict(data.X), reference.predict(data.X))

    out = tmp_path / "pred.csv"
    assert run("predict", model_path, work / "iris.csv", "--out", out, "-q").exit_code == 0
    written = pacsv.read_csv(out).column("prediction").to_pylist()
    assert written == reference.predict(data.X).tolist()
    printed = run("predict", model_path, work / "iris.csv").stdout.split()
    assert printed == written
    assert summary["training_score"] == pytest.approx(reference.score(data.X, data.y))


@pytest.mark.parametrize("suffix", [".parquet", ".npy", ".tsv"])
def test_predict_output_formats(work, tmp_path, suffix):
    out = tmp_path / f"p{suffix}"
    assert run("predict", work / "model.npz", work / "iris2.csv", "--out", out).exit_code == 0
    model = load_model(work / "model.npz")
    expected = model.predict(read_xy(work / "iris2.csv", target="species").X).tolist()
    if suffix == ".npy":
        assert np.load(out).tolist() == expected
    elif suffix == ".tsv":
        table = pacsv.read_csv(out, parse_options=pacsv.ParseOptions(delimiter="\t"))
        assert table.column("prediction").to_pylist() == expected
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(out).column("prediction").to_pylist() == expected


def test_predict_headerless_file_by_column_count(work, tmp_path):
    lines = (work / "iris2.csv").read_text().splitlines(keepends=True)[1:]
    features_only = tmp_path / "rows.csv"
    features_only.write_text("".join(",".join(line.split(",")[:2]) + "\n" for line in lines))
    result = run("predict", work / "model.npz", features_only, "--json")
    assert result.exit_code == 0, result.output
    model = load_model(work / "model.npz")
    X = read_xy(work / "iris2.csv", target="species").X
    assert json.loads(result.stdout)["predictions"] == model.predict(X).tolist()


def test_streamed_training_matches_in_memory(work, tmp_path):
    lines = run("train", work / "reg.csv", "--target", "y", "--model", "linear", "--stream",
                "--chunk-mb", "0.01").stderr.splitlines()  # fmt: skip
    assert lines[:2] == [
        "rows 3000  pass 1",
        "neurona: note: the model was not saved (pass --out FILE to keep it)",
    ]
    assert lines[2:] == [f"read {work / 'reg.csv'}: delimiter ',', decimal '.', encoding utf-8"]
    outs = {}
    for flag in ("--stream", "--no-stream"):
        out = tmp_path / f"m{flag}.npz"
        result = run("train", work / "reg.csv", "--target", "y", "--model", "linear",
                     flag, "--chunk-mb", "0.01", "--out", out, "-q")  # fmt: skip
        assert result.exit_code == 0, result.output
        outs[flag] = load_model(out)
    np.testing.assert_allclose(outs["--stream"].coef_, outs["--no-stream"].coef_, rtol=1e-11)
    np.testing.assert_allclose(outs["--stream"].intercept_, outs["--no-stream"].intercept_)


def test_streamed_online_perceptron_matches_in_memory(work, tmp_path):
    outs = {}
    for flag in ("--stream", "--no-stream"):
        out = tmp_path / f"p{flag}.npz"
        result = run("train", work / "iris2.csv", "--target", "species", "--epochs", "3",
                     flag, "--chunk-mb", "0.001", "--out", out, "-q")  # fmt: skip
        assert result.exit_code == 0, result.output
        outs[flag] = load_model(out)
    np.testing.assert_array_equal(outs["--stream"].coef_, outs["--no-stream"].coef_)


# --------------------------------------------------------------------------- output modes


def test_progress_lines_when_not_a_terminal_and_quiet(work):
    result = run("train", work / "iris2.csv", "--target", "species", "--epochs", "20", "--model",
                 "adaline", "--learning-rate", "0.001")  # fmt: skip
    assert result.exit_code == 0
    progress = [line for line in result.stderr.splitlines() if line.startswith("epoch ")]
    assert progress[0].startswith("epoch 1/20")
    assert progress[-1].startswith("epoch 20/20")
    assert 2 < len(progress) <= 12  # about one line in ten epochs
    early = run("train", work / "iris2.csv", "--target", "species", "--epochs", "20")
    last = [line for line in early.stderr.splitlines() if line.startswith("epoch ")][-1]
    assert last.startswith("epoch 6/20")  # converged: the last epoch run is always shown
    assert "Adaline trained on" in result.stdout
    quiet = run("train", work / "iris2.csv", "--target", "species", "--epochs", "20", "-q")
    assert quiet.exit_code == 0
    assert quiet.stdout == ""
    assert quiet.stderr == ""


def test_warnings_are_one_line(work):
    result = run("train", work / "iris.csv", "--target", "species", "--epochs", "2")
    assert result.exit_code == 0
    warning = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1
    assert warning[0].startswith("neurona: warning:")
    assert "SeparabilityWarning" in warning[0]


def test_evaluate_json_matches_scikit_learn(work):
    from sklearn.metrics import accuracy_score, confusion_matrix

    result = run("evaluate", work / "model.npz", work / "iris.csv", "--target", "species",
                 "--features", "sepal_length,petal_length", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    model = load_model(work / "model.npz")
    data = read_xy(work / "iris.csv", target="species", features="sepal_length,petal_length")
    predictions = model.predict(data.X)
    assert report["accuracy"] == pytest.approx(accuracy_score(data.y, predictions))
    expected = confusion_matrix(data.y, predictions, labels=model.classes_).tolist()
    # the model knows two of iris's three species: virginica is an extra row, all wrong
    assert report["confusion_matrix"][:2] == expected
    assert report["unseen_labels"] == ["virginica"]
    assert report["n_unseen"] == 50
    assert sum(report["confusion_matrix"][2]) == 50
    assert sum(map(sum, report["confusion_matrix"])) == report["n_samples"] == 150
    human = run("evaluate", work / "model.npz", work / "iris2.csv")
    assert human.exit_code == 0
    assert "accuracy" in human.stdout


def test_evaluate_regression(work, tmp_path):
    out = tmp_path / "lin.npz"
    assert run("train", "--dataset", "diabetes", "--model", "linear", "--out", out, "-q")
    path = tmp_path / "diabetes.csv"
    assert run("datasets", "diabetes", "--out", path).exit_code == 0
    result = run("evaluate", out, path, "--json")
    assert result.exit_code == 0, result.output
    from sklearn.linear_model import LinearRegression as SkLinear
    from sklearn.metrics import r2_score

    ds = load_dataset("diabetes")
    assert json.loads(result.stdout)["r2"] == pytest.approx(
        r2_score(ds.y, SkLinear().fit(ds.X, ds.y).predict(ds.X)), rel=1e-9
    )


def test_inspect(work):
    result = run("inspect", work / "model.npz", "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    model = load_model(work / "model.npz")
    assert report["neuron"] == "Perceptron"
    assert report["coef"] == model.coef_.tolist()
    assert report["features"] == ["sepal_length", "petal_length"]
    assert report["history"] == model.history_
    human = run("inspect", work / "model.npz")
    assert "weights" in human.stdout
    assert "sepal_length" in human.stdout


def test_datasets_list_and_export(tmp_path):
    listing = json.loads(run("datasets", "--json").stdout)["datasets"]
    assert {"iris", "breast-cancer", "diabetes", "and", "xor", "blobs", "linear"} <= set(listing)
    assert "iris" in run("datasets").stdout
    out = tmp_path / "blobs.csv"
    assert (
        run("datasets", "blobs", "--n-samples", "40", "--seed", "2", "--out", out).exit_code == 0
    )
    back = read_xy(out, target="y", label_type="auto")
    expected = load_dataset("blobs", n_samples=40, random_state=2)
    np.testing.assert_allclose(back.X, expected.X, rtol=1e-15)
    np.testing.assert_array_equal(back.y, expected.y)


def test_gates():
    report = json.loads(run("gates", "--json").stdout)["gates"]
    by_name = {g["gate"]: g for g in report}
    assert by_name["AND"]["weights"] == [1, 1]
    assert by_name["AND"]["threshold"] == 2
    assert by_name["XOR"]["table"] == [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]]
    assert "no_unit" in by_name["XOR"]
    assert "weights" not in by_name["XOR"]
    text = run("gates").stdout
    assert "XOR: no single unit" in text
    assert "AND(OR(x), NAND(x))" in text


def test_separable(work):
    from neurona.separability import check_separability

    result = run("separable", work / "iris2.csv", "--target", "species", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    data = read_xy(work / "iris2.csv", target="species")
    reference = check_separability(data.X, data.y)
    assert report["separable"] is True
    assert report["margin"] == pytest.approx(reference.margin)
    xor = run("separable", "--dataset", "xor")
    assert xor.exit_code == 0
    assert "Not linearly separable" in xor.stdout


def test_bench_prints_the_experiment(monkeypatch):
    """The command is a shell: the experiment itself is tested in test_bench.py."""
    import neurona.bench as experiment

    def fake(task):
        def records(*args, **kwargs):
            return [
                experiment.Timing(task, m, 10, t, t / 10, t, 3, 1, s, 0.0)
                for m, t, s in (("for loop", 1e-3, 1.0), ("numpy", 1e-6, 1000.0))
            ]

        return records

    monkeypatch.setattr(experiment, "dot_experiment", fake("dot"))
    monkeypatch.setattr(experiment, "epoch_experiment", fake("perceptron epoch"))
    result = run("bench", "--quick", "--json")
    assert result.exit_code == 0, result.output
    timings = json.loads(result.stdout)["timings"]
    assert [t["method"] for t in timings] == ["for loop", "numpy"] * 2
    table = run("bench", "--quick").stdout
    assert "1000.0x" in table
    assert "1 ms" in table


# --------------------------------------------------------------------------- bad inputs


class Payload:
    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture(scope="module")
def bad(work, tmp_path_factory):
    """The bad-input corpus: files that every command must refuse cleanly."""
    d = tmp_path_factory.mktemp("bad")
    files = {
        "empty.csv": b"",
        "header_only.csv": b"a,b,y\n",
        "ragged.csv": b"a,b,y\n1,2,0\n3,4\n5,6,1\n",
        "text.csv": b"a,b,y\n1,2,0\n3,four,1\n",
        "missing.csv": b"a,b,y\n1,2,0\n3,,1\n",
        "nan.csv": b"a,b,y\n1,2,0\n3,NaN,1\n",
        "latin1.csv": b"a,b,y\n1,2,0\n3,4,s\xed\n",
        "one_class.csv": b"a,b,y\n1,2,0\n3,4,0\n",
        "dup.csv": b"a,a,y\n1,2,0\n",
        "data.xlsx": b"PK\x03\x04",
        "data.qzx": b"a,y\n1,0\n",
        "bad.parquet": b"PAR1 not really",
        "labels.csv": b"a,b,y\n1,2,cat\n3,4,dog\n",
        "three.csv": b"a,y\n1,x\n2,y\n3,z\n",
        "not_a_model.npz": b"hello",
    }
    for name, content in files.items():
        (d / name).write_bytes(content)
    np.save(d / "pickled.npy", np.array([[Payload(d / "ran_npy")]], dtype=object), True)
    (d / "pickle_model.npz").write_bytes(pickle.dumps(Payload(d / "ran")))
    raw = (work / "model.npz").read_bytes()
    (d / "truncated.npz").write_bytes(raw[: len(raw) // 2])
    with np.load(work / "model.npz") as npz:
        arrays = {k: npz[k] for k in npz.files}
    meta = json.loads(arrays["__metadata__"].tobytes()) | {"format_version": 99}
    arrays["__metadata__"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    np.savez(d / "future.npz", **arrays)
    lines = ["a,b,y"] + [f"{i},{i % 7},{i % 2}" for i in range(4000)]
    lines[3500] = "3500,oops,1"
    (d / "late_error.csv").write_text("\n".join(lines) + "\n")
    (d / "wide.csv").write_text("a,b,c,d,e\n1,2,3,4,5\n")
    (d / "subdir").mkdir()
    return d


W = "{work}"
B = "{bad}"
OUT = "{out}"

#: ragged.csv's short line: its second data row, the file's third line
RAGGED = "data row 2 (line 3 of the file) has 2 fields"

#: (id, args, expected exit code, a phrase the message must contain)
CORPUS = [
    # files
    ("empty file", ["train", B + "/empty.csv", "-t", "y", "-o", OUT], 1, "is empty"),
    ("header only", ["train", B + "/header_only.csv", "-t", "y", "-o", OUT], 1, "no data rows"),
    ("ragged row", ["train", B + "/ragged.csv", "-t", "y", "-o", OUT], 1, RAGGED),
    ("text in feature", ["train", B + "/text.csv", "-t", "y", "-o", OUT], 1, "'four'"),
    ("missing value", ["train", B + "/missing.csv", "-t", "y", "-o", OUT], 1, "missing value"),
    ("NaN value", ["train", B + "/nan.csv", "-t", "y", "-o", OUT], 1, "line 3"),
    # latin1.csv is now read as cp1252 (tests/test_cli_data.py::test_a_windows_spanish_csv...)
    ("no such target", ["train", W + "/iris.csv", "-t", "kind", "-o", OUT], 1, "'kind'"),
    ("target index", ["train", W + "/iris.csv", "-t", "9", "-o", OUT], 1, "from 0 to 4"),
    (
        "no such feature",
        ["train", W + "/iris.csv", "-t", "species", "--features", "x", "-o", OUT],
        1,
        "no feature column",
    ),
    ("missing file", ["train", B + "/nope.csv", "-t", "y", "-o", OUT], 1, "does not exist"),
    ("directory", ["train", B + "/subdir", "-t", "y"], 1, "directory"),
    ("unknown extension", ["train", B + "/data.qzx", "-t", "y"], 1, "--format"),
    ("spreadsheet", ["train", B + "/data.xlsx", "-t", "y"], 1, "save the sheet as CSV"),
    ("bad parquet", ["train", B + "/bad.parquet", "-t", "y", "-o", OUT], 1, "Parquet"),
    ("pickled npy data", ["train", B + "/pickled.npy", "-t", "0", "-o", OUT], 1, "NumPy"),
    (
        "labels for linear",
        ["train", B + "/labels.csv", "-t", "y", "--model", "linear", "-o", OUT],
        1,
        "must be numeric",
    ),
    ("one class", ["train", B + "/one_class.csv", "-t", "y", "-o", OUT], 1, "one class"),
    ("duplicate header", ["train", B + "/dup.csv", "-t", "y"], 1, "more than once"),
    (
        "late bad row, streamed",
        ["train", B + "/late_error.csv", "-t", "y", "--stream", "--chunk-mb", "0.005", "-o", OUT],
        1,
        "line 3501",
    ),
    (
        "model is text",
        ["predict", B + "/not_a_model.npz", W + "/iris2.csv", "-o", OUT],
        1,
        "not a zip",
    ),
    (
        "model truncated",
        ["predict", B + "/truncated.npz", W + "/iris2.csv", "-o", OUT],
        1,
        "not a zip",
    ),
    (
        "model is a pickle",
        ["predict", B + "/pickle_model.npz", W + "/iris2.csv", "-o", OUT],
        1,
        "not a zip",
    ),
    (
        "model too new",
        ["predict", B + "/future.npz", W + "/iris2.csv", "-o", OUT],
        1,
        "upgrade neurona",
    ),
    (
        "model missing",
        ["predict", B + "/none.npz", W + "/iris2.csv", "-o", OUT],
        1,
        "No such file",
    ),
    (
        "wrong columns",
        ["predict", W + "/model.npz", B + "/wide.csv", "-o", OUT],
        1,
        "pass --features",
    ),
    (
        "late bad row in predict",
        [
            "predict",
            W + "/model.npz",
            B + "/late_error.csv",
            "--features",
            "a,b",
            "--chunk-mb",
            "0.005",
            "-o",
            OUT,
        ],
        1,
        "line 3501",
    ),
    (
        "evaluate no target",
        ["evaluate", W + "/model.npz", W + "/iris2.csv", "-t", "nope"],
        1,
        "'nope'",
    ),
    (
        "separable, positive class absent",
        ["separable", B + "/three.csv", "-t", "y", "--positive", "nope"],
        1,
        "'nope' is not one of the classes",
    ),
    (
        "streamed text in the first chunk",
        ["train", B + "/text.csv", "-t", "y", "--stream", "--model", "linear", "-o", OUT],
        1,
        "holds 'four'",
    ),
    (
        "streamed file without rows",
        ["train", B + "/header_only.csv", "-t", "y", "--stream", "--model", "linear", "-o", OUT],
        1,
        "no data rows",
    ),
    ("unknown model", ["train", "--dataset", "and", "--model", "svm"], 2, "logistic"),
    ("unknown mode", ["train", "--dataset", "and", "--mode", "stochastic"], 2, "minibatch"),
    ("unknown rule", ["train", "--dataset", "and", "--rule", "hebb"], 2, "margin, error"),
    ("unknown solver", ["train", "--dataset", "and", "--solver", "svd"], 2, "cholesky"),
    ("unknown backend", ["train", "--dataset", "and", "--backend", "cupy"], 2, "numba"),
    ("unknown dataset", ["train", "--dataset", "mnist", "-o", OUT], 1, "unknown dataset"),
    (
        "fixed dataset size",
        ["train", "--dataset", "iris", "--n-samples", "5", "-o", OUT],
        1,
        "is fixed",
    ),
    (
        "bad solver value",
        ["train", "--dataset", "and", "--model", "adaline", "--solver", "qr", "-o", OUT],
        1,
        "solver",
    ),
    # flags
    (
        "unknown model",
        ["train", W + "/iris.csv", "-t", "species", "--model", "mlp", "-o", OUT],
        2,
        "--model",
    ),
    ("epochs zero", ["train", "--dataset", "and", "--epochs", "0", "-o", OUT], 2, "--epochs"),
    ("epochs text", ["train", "--dataset", "and", "--epochs", "ten", "-o", OUT], 2, "--epochs"),
    (
        "negative rate",
        ["train", "--dataset", "and", "--learning-rate", "-1", "-o", OUT],
        2,
        "--learning-rate",
    ),
    ("text rate", ["train", "--dataset", "and", "--learning-rate", "fast"], 2, "positive"),
    ("unknown mode", ["train", "--dataset", "and", "--mode", "sideways"], 2, "--mode"),
    ("no data", ["train", "-o", OUT], 2, "DATA file or --dataset"),
    (
        "data and dataset",
        ["train", W + "/iris.csv", "--dataset", "iris", "-o", OUT],
        2,
        "exactly one",
    ),
    ("no target", ["train", W + "/iris.csv", "-o", OUT], 2, "--target"),
    ("unknown flag", ["train", "--dataset", "and", "--frobnicate"], 2, "--frobnicate"),
    ("unknown command", ["frobnicate"], 2, "frobnicate"),
    (
        "solver for perceptron",
        ["train", "--dataset", "and", "--solver", "qr"],
        2,
        "does not apply",
    ),
    (
        "rule for linear",
        ["train", "--dataset", "linear", "--model", "linear", "--rule", "margin"],
        2,
        "does not apply",
    ),
    ("predict without data", ["predict", W + "/model.npz"], 2, "DATA"),
    (
        "out folder missing",
        ["train", "--dataset", "and", "-o", OUT + "/no/such/m.npz"],
        2,
        "does not exist",
    ),
    ("datasets out no name", ["datasets", "--out", OUT], 2, "NAME"),
    (
        "n-samples with file",
        ["train", W + "/iris.csv", "-t", "species", "--n-samples", "5"],
        2,
        "--n-samples",
    ),
    (
        "chunk size zero",
        ["train", W + "/reg.csv", "-t", "y", "--chunk-mb", "0"],
        2,
        "--chunk-mb",
    ),
    (
        "bad format name",
        ["train", W + "/iris.csv", "-t", "species", "--format", "xls"],
        2,
        "--format",
    ),
    (
        "device without torch backend",
        ["train", "--dataset", "iris-2", "--backend", "numba", "--device", "cpu", "-o", OUT],
        1,
        "needs --backend torch",  # the library's message in the command line's syntax
    ),
]

#: these run as real processes (``python -m neurona``); the rest through CliRunner
IN_SUBPROCESS = {
    "model is a pickle",
    "late bad row, streamed",
    "unknown model",
    "unknown command",
}


def test_corpus_is_big_enough():
    assert len(CORPUS) >= 30
    assert len(IN_SUBPROCESS) >= 4


@pytest.mark.parametrize(("name", "args", "code", "phrase"), CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_input_fails_cleanly(work, bad, tmp_path, name, args, code, phrase):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    values = {"work": work, "bad": bad, "out": out_dir / "result.npz"}
    if args[0] == "predict":
        values["out"] = out_dir / "predictions.csv"
    if args[0] == "datasets":
        values["out"] = out_dir / "data.csv"
    argv = [a.format(**values) for a in args]
    if name in IN_SUBPROCESS:
        result = run_process(*argv)
        exit_code, stdout, stderr = result.returncode, result.stdout, result.stderr
    else:
        result = run(*argv)
        exit_code, stdout, stderr = result.exit_code, result.stdout, result.stderr
    assert exit_code == code, (stdout, stderr)
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert phrase in lines[0], lines[0]
    assert "Traceback" not in stdout + stderr
    assert list(out_dir.iterdir()) == [], "an output file was left behind"
    assert not (bad / "ran").exists()
    assert not (bad / "ran_npy").exists()
