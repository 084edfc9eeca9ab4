"""The command line against kinds of faults found in review, each with the example that
showed it and another input of the same kind.

A. outputs that are inputs (or would be written half), B. raw errors of the readers and
writers, C. errors naming the wrong column, D. columns matched by position after a rename,
E. CSV class labels that lose their text, F. true labels the model never saw.

A clean failure is a non-zero exit code, one line on stderr, no traceback, no output file
(nor a temporary one) and every input as it was.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

import neurona
from helpers import run, run_process
from neurona import load as load_model
from neurona.data import load_dataset, read_xy


def strict_json(text: str):
    """``json.loads`` that refuses NaN and Infinity, which are not JSON."""

    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def assert_clean_failure(result, code: int = 1, phrase: str | None = None) -> str:
    exit_code = getattr(result, "exit_code", None)
    exit_code = result.returncode if exit_code is None else exit_code
    assert exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    if phrase is not None:
        assert phrase in lines[0], lines[0]
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
        if not p.is_symlink()
    }


@pytest.fixture(scope="module")
def iris_csv(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("faults")
    iris = load_dataset("iris")
    cols = {f: iris.X[:, j] for j, f in enumerate(iris.feature_names)}
    path = d / "iris.csv"
    pacsv.write_csv(pa.table(cols | {"species": iris.y.tolist()}), path)
    return path


@pytest.fixture
def data(iris_csv, tmp_path) -> Path:
    path = tmp_path / "data.csv"
    path.write_bytes(iris_csv.read_bytes())
    return path


@pytest.fixture
def model(data, tmp_path) -> Path:
    out = tmp_path / "m.npz"
    result = run("train", data, "-t", "species", "--epochs", "5", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    return out


# --------------------------------------------------------------------------- A. outputs


@pytest.mark.parametrize("spelling", ["same", "dotdot", "symlink", "hardlink", "absolute"])
def test_train_never_overwrites_its_data(data, tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    out = {
        "same": Path("data.csv"),
        "dotdot": Path("sub/../data.csv"),
        "symlink": tmp_path / "link.csv",
        "hardlink": tmp_path / "hard.csv",
        "absolute": data.resolve(),
    }[spelling]
    if spelling == "symlink":
        out.symlink_to(data)
    if spelling == "hardlink":
        os.link(data, out)
    before = snapshot(tmp_path)
    result = run("train", "data.csv", "-t", "species", "-o", out, "-q")
    line = assert_clean_failure(result, 2, "is the input file")
    assert "--out" in line
    assert snapshot(tmp_path) == before


def test_train_with_the_data_as_out_in_a_real_process(data, tmp_path):
    before = snapshot(tmp_path)
    result = run_process("train", "data.csv", "-t", "species", "-o", "data.csv", cwd=tmp_path)
    assert_clean_failure(result, 2, "is the input file")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("which", ["data", "model"])
def test_predict_never_overwrites_its_inputs(data, model, tmp_path, which):
    out = data if which == "data" else model
    before = snapshot(tmp_path)
    result = run("predict", model, data, "-o", out)
    assert_clean_failure(result, 2, "is the input file")
    assert snapshot(tmp_path) == before


def test_plot_path_that_is_a_file_is_refused_before_the_model_is_written(data, model, tmp_path):
    existing = tmp_path / "notes.txt"
    existing.write_text("mine")
    before = snapshot(tmp_path)
    result = run("train", data, "-t", "species", "-o", model, "--plot", existing, "-q")
    assert_clean_failure(result, 2, "exists and is not a folder")
    assert snapshot(tmp_path) == before  # m.npz as it was


@pytest.mark.parametrize("plot", ["data", "folder-with-out"])
def test_plot_paths_that_clash_with_other_files(data, tmp_path, plot):
    folder = tmp_path / "plots"
    folder.mkdir()
    if plot == "data":  # --plot naming the data file itself
        args = ["train", data, "-t", "species", "-o", tmp_path / "m.npz", "--plot", data]
        phrase = "is not a folder"
    else:  # the model would be written where a plot goes
        args = ["train", data, "-t", "species", "-o", folder / "curves.png", "--plot", folder]
        phrase = "written twice"
    before = snapshot(tmp_path)
    assert_clean_failure(run(*args, "-q"), 2, phrase)
    assert snapshot(tmp_path) == before


def test_failed_plots_leave_the_model_and_the_folder_untouched(data, model, tmp_path, monkeypatch):
    pytest.importorskip("neurona._cli_plots")
    import neurona._cli_plots as plots

    def half_then_fail(model, X, y, out_dir, names=None):
        (Path(out_dir) / "boundary.png").write_bytes(b"half")
        raise RuntimeError("the plot failed")

    monkeypatch.setattr(plots, "write_training_plots", half_then_fail)
    before = snapshot(tmp_path)
    result = run("train", data, "-t", "species", "-o", model, "--plot", tmp_path / "new", "-q")
    assert_clean_failure(result, 1, "the plot failed")
    assert snapshot(tmp_path) == before  # no new folder, no half plot, the old model


def test_outputs_that_are_folders_are_refused(tmp_path, model, data):
    folder = tmp_path / "folder"
    folder.mkdir()
    assert_clean_failure(run("datasets", "iris", "--out", folder), 2, "is a folder")
    assert_clean_failure(run("predict", model, data, "-o", folder), 2, "is a folder")
    assert list(folder.iterdir()) == []


# --------------------------------------------------------------------------- B. readers


def test_truncated_npz_is_a_clear_error(tmp_path):
    rng = np.random.default_rng(0)
    np.savez(tmp_path / "good.npz", X=rng.normal(size=(50, 2)), y=np.arange(50) % 2)
    raw = (tmp_path / "good.npz").read_bytes()
    (tmp_path / "cut.npz").write_bytes(raw[: len(raw) // 3])
    line = assert_clean_failure(run("train", tmp_path / "cut.npz", "-t", "y"), 1)
    assert "not a readable NumPy file" in line
    assert "truncated" in line
    (tmp_path / "text.npz").write_text("a,b,y\n1,2,0\n")  # another: text named .npz
    assert_clean_failure(run("train", tmp_path / "text.npz", "-t", "y"), 1, "not a readable")


@pytest.mark.parametrize(("content", "name"), [("npy", "renamed.npz"), ("npz", "renamed.npy")])
def test_numpy_files_are_told_by_their_content(tmp_path, content, name):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] > 0).astype(np.int64)
    if content == "npy":
        np.save(tmp_path / "d.npy", np.column_stack([X, y]))
        (tmp_path / "d.npy").rename(tmp_path / name)
        target = "2"
    else:
        np.savez(tmp_path / "d.npz", X=X, y=y)
        (tmp_path / "d.npz").rename(tmp_path / name)
        target = "y"
    result = run("train", tmp_path / name, "-t", target, "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["n_samples"] == 40


@pytest.mark.parametrize("where", ["label", "feature"])
def test_fields_over_a_mebibyte(tmp_path, where):
    big = "x" * (2 << 20)
    rows = "".join(f"{i},{i % 3},{'a' if i % 2 else 'b'}\n" for i in range(20))
    path = tmp_path / "big.csv"
    if where == "label":  # read, as a label of its own
        path.write_text("f,g,y\n" + rows + f"1,2,{big}\n")
        result = run("train", path, "-t", "y", "--json", "-q", "--epochs", "2")
        assert result.exit_code == 0, result.output
        assert len(strict_json(result.stdout)["classes"]) == 3
    else:  # refused, quoting a short excerpt of the value
        path.write_text("f,g,y\n" + rows + f"1,{big},a\n")
        line = assert_clean_failure(run("train", path, "-t", "y"), 1, "column 'g' at line 22")
        assert "'" + "x" * 40 + "…'" in line
        assert len(line) < 400


def test_a_streamed_file_with_a_long_row_late(tmp_path):
    rows = "".join(f"{i},{i % 5},{i % 2}\n" for i in range(5000))
    path = tmp_path / "late.csv"
    path.write_text("f,g,y\n" + rows + f"1,2,{'z' * (3 << 20)}\n" + rows)
    result = run("train", path, "-t", "y", "--stream", "--chunk-mb", "0.01", "--json", "-q",
                 "--epochs", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] == ["0", "1", "z" * (3 << 20)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le"])
def test_files_in_wide_encodings(tmp_path, encoding):
    path = tmp_path / "wide.csv"
    path.write_bytes("a,b,y\n1,2,sí\n3,4,no\n5,6,sí\n".encode(encoding))
    result = run("train", path, "-t", "y", "--encoding", encoding, "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] == ["no", "sí"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes("a,b,y\n1,2,sí\n3,cuatro,no\n".encode(encoding))
    assert_clean_failure(
        run("train", bad, "-t", "y", "--encoding", encoding), 1, "column 'b' at line 3"
    )


@pytest.mark.parametrize("name", ["D.CSV.GZ", "d.Csv.Gz", "d.TSV.BZ2", "d.csv.zst"])
def test_compression_and_extensions_in_any_case(tmp_path, name):
    import pyarrow as pa

    text = "a,b,y\n1,2,u\n3,4,v\n5,6,u\n"
    if ".tsv" in name.lower():
        text = text.replace(",", "\t")
    codec = {".gz": "gzip", ".bz2": "bz2", ".zst": "zstd"}[Path(name).suffix.lower()]
    with pa.CompressedOutputStream(str(tmp_path / name), codec) as f:
        f.write(text.encode())
    result = run("train", tmp_path / name, "-t", "y", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["n_samples"] == 3


def test_compressed_binary_formats_are_refused(tmp_path):
    np.save(tmp_path / "d.npy", np.eye(3))
    (tmp_path / "d.npy.gz").write_bytes(gzip.compress((tmp_path / "d.npy").read_bytes()))
    assert_clean_failure(run("train", tmp_path / "d.npy.gz", "-t", "0"), 1, "only CSV and TSV")


def _parquet(path: Path, **columns) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


@pytest.mark.parametrize("where", ["feature", "regression target", "npy feature"])
def test_integers_beyond_float64_are_refused(tmp_path, where):
    big = 2**53 + 1
    if where == "npy feature":
        np.save(tmp_path / "d.npy", np.array([[1, 0], [big, 1], [3, 0]], dtype=np.int64))
        args = ["train", tmp_path / "d.npy", "-t", "1"]
        phrase = "column '0' holds the integer 9007199254740993 at row 2"
    else:
        path = _parquet(
            tmp_path / "d.parquet", a=[1.0, 2.0, 3.0], n=[5, big, 7], y=["u", "v", "u"]
        )
        if where == "feature":
            args = ["train", path, "-t", "y"]
        else:
            args = ["train", path, "-t", "n", "--features", "a", "--model", "linear"]
        phrase = "column 'n' holds the integer 9007199254740993 at row 2"
    line = assert_clean_failure(run(*args), 1, phrase)
    assert "float64" in line


@pytest.mark.parametrize("column", ["struct", "list"])
def test_nested_parquet_columns_are_refused(tmp_path, column):
    values = [{"x": 1}, {"x": 2}, {"x": 1}] if column == "struct" else [[1], [2], [1]]
    path = _parquet(tmp_path / "n.parquet", a=[1.0, 2.0, 3.0], nested=values, y=["u", "v", "u"])
    line = assert_clean_failure(run("train", path, "-t", "nested", "--features", "a"), 1)
    assert "target column 'nested' has type" in line
    assert column in line
    line = assert_clean_failure(run("train", path, "-t", "y", "--features", "a,nested"), 1)
    assert "column 'nested' has type" in line


@pytest.mark.parametrize("start", ["\n", "\n\r\n\n"])
def test_files_starting_with_blank_lines(tmp_path, start):
    path = tmp_path / "b.csv"
    path.write_text(start + "a,b,y\n1,2,u\n3,4,v\n", newline="")
    result = run("train", path, "-t", "y", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["n_samples"] == 2
    lines_before = start.count("\n")
    path.write_text(start + "a,b,y\n1,2,u\n3,four,v\n", newline="")
    assert_clean_failure(run("train", path, "-t", "y"), 1, f"at line {lines_before + 3}")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    line = assert_clean_failure(run("train", fifo, "-t", "y"), 1, "named pipe (FIFO)")
    assert "not a regular file" in line
    assert "does not exist" not in line


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_dev_null_is_not_a_regular_file():
    result = run_process("train", "/dev/null", "-t", "y", "--format", "csv")
    line = assert_clean_failure(result, 1, "character device, not a regular file")
    assert "does not exist" not in line


def test_json_has_no_nan(tmp_path):
    rows = tmp_path / "one.csv"
    ds = load_dataset("linear", n_samples=50)
    cols = {f: ds.X[:, j] for j, f in enumerate(ds.feature_names)}
    pacsv.write_csv(pa.table(cols | {"y": ds.y}), tmp_path / "lin.csv")
    model = tmp_path / "lin.npz"
    assert (
        run("train", tmp_path / "lin.csv", "-t", "y", "--model", "linear", "-o", model).exit_code
        == 0
    )
    lines = (tmp_path / "lin.csv").read_text().splitlines()
    rows.write_text("\n".join(lines[:2]) + "\n")  # one row: R² is not defined
    result = run("evaluate", model, rows, "--json")
    assert result.exit_code == 0, result.output
    report = strict_json(result.stdout)
    assert report["r2"] is None
    assert report["mse"] >= 0
    # another: a model whose history holds NaN and an infinity
    fitted = load_model(model)
    fitted.history_["loss"] = [float("nan"), float("inf"), 1.0]
    fitted.save(tmp_path / "nan.npz")
    report = strict_json(run("inspect", tmp_path / "nan.npz", "--json").stdout)
    assert report["history"]["loss"] == [None, None, 1.0]


def test_every_json_output_is_valid_json(data, model, tmp_path):
    commands = [
        ["train", data, "-t", "species", "--epochs", "3", "--json"],
        ["predict", model, data, "--json"],
        ["predict", model, data, "-o", tmp_path / "p.csv", "--json"],
        ["evaluate", model, data, "--json"],
        ["inspect", model, "--json"],
        ["datasets", "--json"],
        ["datasets", "and", "--out", tmp_path / "and.csv", "--json"],
        ["gates", "--json"],
        ["separable", "--dataset", "xor", "--json"],
        ["separable", "--dataset", "and", "--json"],
    ]
    for args in commands:
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        assert isinstance(strict_json(result.stdout), dict), args


@pytest.mark.parametrize("name", ["iris.csv.gz", "IRIS.TSV.GZ", "iris.csv.bz2"])
def test_datasets_compress_when_the_name_says_so(tmp_path, name):
    out = tmp_path / name
    assert run("datasets", "iris", "--out", out).exit_code == 0
    magic = out.read_bytes()[:3]
    assert magic[:2] == b"\x1f\x8b" if ".gz" in name.lower() else magic == b"BZh"
    back = read_xy(out, target="species")
    np.testing.assert_allclose(back.X, load_dataset("iris").X)
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_datasets_refuse_compressed_binary_outputs(tmp_path):
    out = tmp_path / "iris.npy.gz"
    assert_clean_failure(run("datasets", "iris", "--out", out), 1, "only CSV and TSV")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def two_outputs(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    Y = np.column_stack([X @ [1.0, 2.0] + 1, X @ [3.0, -1.0]])
    fitted = neurona.LinearRegression().fit(X, Y)
    fitted.save(tmp_path / "two.npz", data={"features": ["a", "b"], "target": None})
    pacsv.write_csv(pa.table({"a": X[:, 0], "b": X[:, 1]}), tmp_path / "x.csv")
    return tmp_path / "two.npz", tmp_path / "x.csv", fitted.predict(X)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".npy", ".tsv"])
def test_predict_writes_one_column_per_output(two_outputs, tmp_path, suffix):
    model, rows, expected = two_outputs
    out = tmp_path / f"p{suffix}"
    result = run("predict", model, rows, "-o", out)
    assert result.exit_code == 0, result.output
    if suffix == ".npy":
        got = np.load(out)
    elif suffix == ".parquet":
        table = pq.read_table(out)
        assert table.column_names == ["prediction_0", "prediction_1"]
        got = np.column_stack([c.to_numpy() for c in table.columns])
    else:
        delimiter = "\t" if suffix == ".tsv" else ","
        table = pacsv.read_csv(out, parse_options=pacsv.ParseOptions(delimiter=delimiter))
        assert table.column_names == ["prediction_0", "prediction_1"]
        got = np.column_stack([c.to_numpy() for c in table.columns])
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_predict_prints_several_outputs_per_row(two_outputs):
    model, rows, expected = two_outputs
    printed = run("predict", model, rows).stdout.splitlines()
    assert len(printed) == 30
    np.testing.assert_allclose([list(map(float, p.split(","))) for p in printed], expected)
    assert np.allclose(
        strict_json(run("predict", model, rows, "--json").stdout)["predictions"], expected
    )


def _out_of_memory(*args, **kwargs):
    raise MemoryError("Unable to allocate 80.0 GiB for an array")


def test_out_of_memory_suggests_stream_only_where_it_applies(data, model, monkeypatch):
    from neurona.data.readers import DataFile

    monkeypatch.setattr(DataFile, "read", _out_of_memory)
    line = assert_clean_failure(run("train", data, "-t", "species"), 1, "pass --stream")
    assert "80.0 GiB" in line
    monkeypatch.setattr(DataFile, "chunks", _out_of_memory)
    for args in (
        ["evaluate", model, data],
        ["predict", model, data],
        ["train", data, "-t", "species", "--stream"],  # already streaming
        ["separable", data, "-t", "species"],  # no --stream option
    ):
        line = assert_clean_failure(run(*args), 1, "out of memory")
        assert "--stream" not in line, args
    monkeypatch.setattr(neurona.Perceptron, "fit", _out_of_memory)
    line = assert_clean_failure(run("train", "--dataset", "iris"), 1, "out of memory")
    assert "--stream" not in line  # a bundled dataset is not a file to stream


def test_long_values_are_excerpted(tmp_path):
    path = tmp_path / "t.csv"
    long = "word " * 200
    path.write_text(f"a,b,y\n1,2,0\n3,{long},1\n")
    line = assert_clean_failure(run("train", path, "-t", "y"), 1, "column 'b' at line 3")
    assert "…" in line
    assert len(line) < 400
    # another: a long unknown column name
    line = assert_clean_failure(run("train", path, "-t", "z" * 5000), 1, "no target column")
    assert len(line) < 400


# --------------------------------------------------------------------------- C. columns


def test_errors_name_the_column_that_holds_the_value(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("a,b,y\n1,2,cat\n3,4,dog\n")
    for model in ("perceptron", "linear"):
        line = assert_clean_failure(run("train", path, "-t", "a", "--model", model), 1)
        assert "column 'y' at line 2 holds 'cat'" in line
        assert "target column 'a'" not in line
        assert "feature columns must be numeric" in line


@pytest.mark.parametrize("stream", [[], ["--stream", "--chunk-mb", "0.001"]])
def test_errors_name_the_column_with_features_in_any_order(tmp_path, stream):
    path = tmp_path / "w.csv"
    path.write_text("a,b,c,y\n1,2,x,0\n3,4,5,1\n")
    line = assert_clean_failure(run("train", path, "-t", "y", "--features", "c,a", *stream), 1)
    assert "column 'c' at line 2 holds 'x'" in line
    regression = tmp_path / "r.csv"
    regression.write_text("a,b,y\n1,2,0\n3,4,x\n")
    line = assert_clean_failure(
        run("train", regression, "-t", "y", "--model", "linear", "--features", "b,a", *stream), 1
    )
    assert "target column 'y' at line 3 holds 'x'" in line


# --------------------------------------------------------------------------- D. names


def _renamed(data: Path, old: str, new: str, tmp_path: Path) -> Path:
    text = data.read_text().split("\n", 1)
    path = tmp_path / "renamed.csv"
    path.write_text(text[0].replace(old, new) + "\n" + text[1])
    return path


@pytest.mark.parametrize("command", ["evaluate", "predict"])
def test_a_renamed_column_is_an_error_naming_it(data, model, tmp_path, command):
    renamed = _renamed(data, "petal_length", "petal_len", tmp_path)
    args = [command, model, renamed]
    if command == "predict":
        args += ["-o", tmp_path / "p.csv"]
    line = assert_clean_failure(run(*args), 1, "no column 'petal_length'")
    assert "petal_len" in line  # what the file has
    assert not (tmp_path / "p.csv").exists()


def test_columns_in_another_order_are_matched_by_name(data, model, tmp_path):
    table = pacsv.read_csv(data)
    shuffled = tmp_path / "shuffled.csv"
    pacsv.write_csv(table.select(["species", *reversed(table.column_names[:-1])]), shuffled)
    a = strict_json(run("evaluate", model, data, "--json").stdout)
    b = strict_json(run("evaluate", model, shuffled, "--json").stdout)
    assert a["accuracy"] == b["accuracy"]
    assert a["confusion_matrix"] == b["confusion_matrix"]
    # and a file without names is still matched by position
    headerless = tmp_path / "rows.csv"
    headerless.write_text("".join(data.read_text().splitlines(keepends=True)[1:]))
    c = strict_json(run("evaluate", model, headerless, "-t", "4", "--json").stdout)
    assert c["accuracy"] == a["accuracy"]


# --------------------------------------------------------------------------- E. labels


def test_label_codes_keep_their_text(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("a,b,code\n" + "".join(
        f"{i},{i % 3},{'007' if i < 10 else '070'}\n" for i in range(20)))  # fmt: skip
    model = tmp_path / "m.npz"
    result = run("train", path, "-t", "code", "--epochs", "50", "-o", model, "--json")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] == ["007", "070"]
    out = tmp_path / "p.csv"
    assert run("predict", model, path, "-o", out).exit_code == 0
    written = pacsv.read_csv(out, convert_options=pacsv.ConvertOptions(
        column_types={"prediction": pa.string()})).column("prediction").to_pylist()  # fmt: skip
    assert set(written) <= {"007", "070"}
    assert "007" in out.read_text()
    assert set(run("predict", model, path).stdout.split()) <= {"007", "070"}


@pytest.mark.parametrize(("labels", "classes"), [(["01", "1"], ["01", "1"]),
                                                  (["0.5", "1.5"], ["0.5", "1.5"])])  # fmt: skip
def test_labels_that_read_as_numbers_stay_apart(tmp_path, labels, classes):
    path = tmp_path / "l.csv"
    path.write_text("a,y\n" + "".join(f"{i},{labels[i % 2]}\n" for i in range(10)))
    result = run("train", path, "-t", "y", "--epochs", "5", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] == classes


def test_label_type_auto_reads_numbers_and_refuses_merges(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("a,y\n" + "".join(f"{i},{i % 2}\n" for i in range(10)))
    result = run("train", path, "-t", "y", "--label-type", "auto", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] == [0, 1]
    path.write_text("a,y\n1,01\n2,1\n3,01\n")
    assert_clean_failure(
        run("train", path, "-t", "y", "--label-type", "auto"), 1, "both read as 1"
    )
    assert_clean_failure(
        run("train", path, "-t", "y", "--label-type", "auto", "--model", "linear"),
        2,
        "classifiers",
    )


# --------------------------------------------------------------------------- F. unseen


def test_evaluate_counts_labels_the_model_never_saw(tmp_path):
    train = tmp_path / "rb.csv"
    train.write_text("a,b,y\n0,0,red\n0,1,red\n5,5,blue\n5,6,blue\n")
    model = tmp_path / "rb.npz"
    assert run("train", train, "-t", "y", "-o", model, "-q").exit_code == 0
    rows = tmp_path / "rbg.csv"
    rows.write_text("a,b,y\n0,0,red\n5,5,blue\n1,1,green\n6,6,green\n0,2,red\n")
    report = strict_json(run("evaluate", model, rows, "--json").stdout)
    assert report["n_samples"] == 5
    assert report["n_unseen"] == 2
    assert report["unseen_labels"] == ["green"]
    matrix = np.array(report["confusion_matrix"])
    assert matrix.shape == (3, 2)
    assert matrix.sum() == 5
    assert matrix[2].sum() == 2
    assert report["accuracy"] == pytest.approx(np.trace(matrix[:2]) / 5)
    human = run("evaluate", model, rows).stdout
    assert "green (unseen)" in human
    assert "2 of 5 rows have labels the model never saw" in human


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
def test_unseen_labels_of_a_model_with_integer_classes(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] > 0).astype(np.int64)
    fitted = neurona.Perceptron(epochs=20).fit(X, y)
    fitted.save(tmp_path / "int.npz", data={"features": ["a", "b"], "target": "y"})
    labels = [str(v) for v in y]
    labels[:3] = ["2", "x", "2"]
    labels[3] = "01" if y[3] == 1 else "00"  # the integer 1 or 0, spelled otherwise
    pacsv.write_csv(pa.table({"a": X[:, 0], "b": X[:, 1], "y": labels}), tmp_path / "d.csv")
    report = strict_json(
        run("evaluate", tmp_path / "int.npz", tmp_path / "d.csv", "--json").stdout
    )
    assert report["classes"] == [0, 1]
    assert report["unseen_labels"] == ["2", "x"]
    assert report["n_unseen"] == 3
    predictions = fitted.predict(X)
    correct = int((predictions[3:] == y[3:]).sum())
    assert report["accuracy"] == pytest.approx(correct / 40)
    assert sum(map(sum, report["confusion_matrix"])) == 40


def test_evaluate_of_a_two_output_model_is_a_clear_error(two_outputs, tmp_path):
    model, rows, expected = two_outputs
    table = pacsv.read_csv(rows).append_column("y", pa.array(expected[:, 0]))
    pacsv.write_csv(table, tmp_path / "xy.csv")
    line = assert_clean_failure(run("evaluate", model, tmp_path / "xy.csv", "-t", "y"), 1)
    assert "predicts 2 outputs" in line
