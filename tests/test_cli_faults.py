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
        line = assert_clean_failure(
            run("train", path, "-t", "y"), 1, "column 'g' at data row 21 (line 22 of"
        )
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
        run("train", bad, "-t", "y", "--encoding", encoding),
        1,
        "column 'b' at data row 2 (line 3 of the file)",
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
        phrase = "column '0' holds the integer 9007199254740993 at data row 2,"
    else:
        path = _parquet(
            tmp_path / "d.parquet", a=[1.0, 2.0, 3.0], n=[5, big, 7], y=["u", "v", "u"]
        )
        if where == "feature":
            args = ["train", path, "-t", "y"]
        else:
            args = ["train", path, "-t", "n", "--features", "a", "--model", "linear"]
        phrase = "column 'n' holds the integer 9007199254740993 at data row 2,"
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
    where = f"at data row 2 (line {lines_before + 3} of the file)"
    assert_clean_failure(run("train", path, "-t", "y"), 1, where)


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
    # another: a model whose history starts with NaN or an infinity (a first epoch may
    # record one; a model file holds nothing else that is not finite)
    fitted = load_model(model)
    for first in (float("nan"), float("inf")):
        fitted.history_["loss"] = [first, *fitted.history_["loss"][1:]]
        fitted.save(tmp_path / "nan.npz")
        report = strict_json(run("inspect", tmp_path / "nan.npz", "--json").stdout)
        assert report["history"]["loss"][0] is None
        assert all(v is not None for v in report["history"]["loss"][1:])


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
    where = "column 'b' at data row 2 (line 3 of the file)"
    line = assert_clean_failure(run("train", path, "-t", "y"), 1, where)
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
        assert "column 'y' at data row 1 (line 2 of the file) holds 'cat'" in line
        assert "target column 'a'" not in line
        assert "feature columns must be numeric" in line


@pytest.mark.parametrize("stream", [[], ["--stream", "--chunk-mb", "0.001"]])
def test_errors_name_the_column_with_features_in_any_order(tmp_path, stream):
    path = tmp_path / "w.csv"
    path.write_text("a,b,c,y\n1,2,x,0\n3,4,5,1\n")
    line = assert_clean_failure(run("train", path, "-t", "y", "--features", "c,a", *stream), 1)
    assert "column 'c' at data row 1 (line 2 of the file) holds 'x'" in line
    regression = tmp_path / "r.csv"
    regression.write_text("a,b,y\n1,2,0\n3,4,x\n")
    line = assert_clean_failure(
        run("train", regression, "-t", "y", "--model", "linear", "--features", "b,a", *stream), 1
    )
    assert "target column 'y' at data row 2 (line 3 of the file) holds 'x'" in line


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


# --------------------------------------------------------------------------- second round
# New inputs of the same kinds, found by an independent tester after the first fixes.


def no_temporary_files(folder: Path) -> bool:
    return not list(folder.rglob(".neurona-*"))


# G1. outputs that are links or special files


def _special_output(tmp_path: Path, kind: str) -> Path:
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe.csv")
        return tmp_path / "pipe.csv"
    if kind == "device":
        return Path("/dev/null")
    if kind == "link to a folder":
        (tmp_path / "folder").mkdir()
        (tmp_path / "to-folder.csv").symlink_to(tmp_path / "folder")
        return tmp_path / "to-folder.csv"
    if kind == "link loop":
        (tmp_path / "loop-a.csv").symlink_to(tmp_path / "loop-b.csv")
        (tmp_path / "loop-b.csv").symlink_to(tmp_path / "loop-a.csv")
        return tmp_path / "loop-a.csv"
    assert kind == "link into a missing folder"
    (tmp_path / "nowhere.csv").symlink_to(tmp_path / "missing" / "p.csv")
    return tmp_path / "nowhere.csv"


SPECIAL = ["fifo", "device", "link to a folder", "link loop", "link into a missing folder"]
PHRASE = {
    "fifo": "is a named pipe (FIFO), not a regular file",
    "device": "is a character device, not a regular file",
    "link to a folder": "is a folder",
    "link loop": "loop of symbolic links",
    "link into a missing folder": "does not exist",
}


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/null"),
                    reason="no named pipes or /dev/null here")  # fmt: skip
@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("command", ["train", "predict", "datasets"])
def test_outputs_that_are_special_files_are_refused(data, model, tmp_path, kind, command):
    out = _special_output(tmp_path, kind)
    args = {
        "train": ["train", data, "-t", "species", "-o", out],
        "predict": ["predict", model, data, "-o", out],
        "datasets": ["datasets", "iris", "--out", out],
    }[command]
    before = snapshot(tmp_path)
    line = assert_clean_failure(run(*args), 2, PHRASE[kind])
    assert str(out) in line
    assert snapshot(tmp_path) == before
    assert no_temporary_files(tmp_path)
    if kind == "fifo":
        assert stat_is_fifo(out)  # still a pipe, not replaced by a file


def stat_is_fifo(path: Path) -> bool:
    import stat

    return stat.S_ISFIFO(os.lstat(path).st_mode)


@pytest.mark.parametrize("command", ["predict", "datasets", "train"])
def test_an_output_link_is_written_through(data, model, tmp_path, command):
    real = tmp_path / "elsewhere" / ("real.npz" if command == "train" else "real.csv")
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / ("link.npz" if command == "train" else "link.csv")
    link.symlink_to(real)
    args = {
        "train": ["train", data, "-t", "species", "--epochs", "2", "-o", link, "-q"],
        "predict": ["predict", model, data, "-o", link, "-q"],
        "datasets": ["datasets", "iris", "--out", link],
    }[command]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert link.resolve() == real.resolve()
    assert real.read_bytes()[:2] != b"ol"
    if command == "train":
        assert load_model(real).n_features_in_ == 4
    else:
        assert len(pacsv.read_csv(real)) == 150
    assert no_temporary_files(tmp_path)


def test_a_link_to_an_input_is_refused_for_every_output(data, model, tmp_path):
    (tmp_path / "to-data.csv").symlink_to(data)
    (tmp_path / "to-model.csv").symlink_to(model)
    plots = tmp_path / "plots"
    plots.mkdir()
    (plots / "boundary.png").symlink_to(data)
    before = snapshot(tmp_path)
    for args in (
        ["predict", model, data, "-o", tmp_path / "to-data.csv"],
        ["predict", model, data, "-o", tmp_path / "to-model.csv"],
        ["train", data, "-t", "species", "-o", tmp_path / "to-data.csv"],
        ["train", data, "-t", "species", "--plot", plots],
    ):
        assert_clean_failure(run(*args), 2, "is the input file")
    assert snapshot(tmp_path) == before
    assert all(p.is_symlink() for p in (tmp_path / "to-data.csv", plots / "boundary.png"))


def test_a_failed_write_names_the_target_not_the_temporary_file(data, model, tmp_path,
                                                                 monkeypatch):  # fmt: skip
    import errno

    import neurona._atomic as atomic

    def full(tmp):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_sync", full)
    for out, args in (
        (tmp_path / "p.csv", ["predict", model, data]),
        (tmp_path / "p.npy", ["predict", model, data]),
        (tmp_path / "new.npz", ["train", data, "-t", "species", "--epochs", "2", "-q"]),
        (tmp_path / "iris.parquet", ["datasets", "iris"]),
    ):
        line = assert_clean_failure(run(*args, "-o", out), 1, "No space left on device")
        assert f"{out}: " in line
        assert ".neurona-" not in line
        assert not out.exists()
    assert no_temporary_files(tmp_path)


def test_plot_files_that_are_folders_or_links(data, tmp_path):
    plots = tmp_path / "plots"
    (plots / "curves.png").mkdir(parents=True)
    assert_clean_failure(run("train", data, "-t", "species", "--plot", plots), 2, "is a folder")
    (plots / "curves.png").rmdir()
    real = tmp_path / "real.png"
    real.write_text("old")
    (plots / "curves.png").symlink_to(real)
    result = run("train", data, "-t", "species", "--epochs", "2", "--plot", plots, "-q")
    assert result.exit_code == 0, result.output
    assert (plots / "curves.png").is_symlink()
    assert real.read_bytes()[:4] == b"\x89PNG"
    assert no_temporary_files(tmp_path)


# G2. first lines and headers


@pytest.mark.parametrize("start", ["   \n", "\t\n\n", " \r\n \t \r\n", "\n \n"])
def test_first_lines_of_whitespace_are_blank(tmp_path, start):
    path = tmp_path / "w.csv"
    path.write_text(start + "a,b,y\n1,2,u\n3,4,v\n", newline="")
    result = run("train", path, "-t", "y", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["n_samples"] == 2
    path.write_text(start + "a,b,y\n1,2,u\n3,x,v\n", newline="")
    skipped = start.count("\n")
    where = f"column 'b' at data row 2 (line {skipped + 3} of the file)"
    assert_clean_failure(run("train", path, "-t", "y"), 1, where)
    path.write_text(" \n\t\n   \n", newline="")
    assert_clean_failure(run("train", path, "-t", "y"), 1, "the file is empty")


@pytest.mark.parametrize("shape", ["one long name", "many columns", "after blank lines"])
@pytest.mark.parametrize("stream", [[], ["--stream", "--chunk-mb", "0.01"]])
def test_a_header_over_a_mebibyte(tmp_path, shape, stream):
    if shape == "many columns":
        names = [f"feature_{i:06d}" for i in range(80_000)]
        header, row = ",".join([*names, "y"]), lambda i: ",".join(["1"] * 80_000 + [str(i % 2)])
        rows = [row(i) for i in range(4)]
    else:
        header = "f" * (3 << 20) + ",y"
        rows = [f"{i},{i % 2}" for i in range(50)]
    start = "\n \n" if shape == "after blank lines" else ""
    path = tmp_path / "h.csv"
    path.write_text(start + header + "\n" + "\n".join(rows) + "\n")
    result = run("train", path, "-t", "y", "--epochs", "1", "--json", "-q", *stream)
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["n_features"] == (80_000 if shape == "many columns" else 1)


# G3. datasets whose target is text, to binary formats


def test_datasets_with_text_targets_to_npy_are_refused_in_one_line(tmp_path):
    line = assert_clean_failure(run("datasets", "iris", "--out", tmp_path / "iris.npy"), 1)
    assert "'species' holds text" in line
    assert "iris.npz" in line
    assert "iris.csv" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["iris", "and", "diabetes", "xor-blobs"])
def test_datasets_to_npz_read_back(tmp_path, name):
    out = tmp_path / f"{name}.npz"
    assert run("datasets", name, "--out", out).exit_code == 0
    ds = load_dataset(name)
    back = read_xy(out, target="y", target_kind="numbers" if ds.task == "regression" else "labels")
    np.testing.assert_array_equal(back.X, ds.X)
    assert back.y.tolist() == ds.y.tolist()
    result = run("train", out, "-t", "y", "--epochs", "2", "--json", "-q",
                 *(["--model", "linear"] if ds.task == "regression" else []))  # fmt: skip
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", ["and", "diabetes"])
def test_datasets_with_numeric_targets_to_npy(tmp_path, name):
    out = tmp_path / f"{name}.npy"
    assert run("datasets", name, "--out", out).exit_code == 0
    ds = load_dataset(name)
    array = np.load(out)
    assert array.dtype == np.float64
    np.testing.assert_array_equal(array, np.column_stack([ds.X, ds.y]))


@pytest.mark.parametrize("fmt", ["csv", "tsv", "parquet", "npz"])
def test_datasets_format_option(tmp_path, fmt):
    out = tmp_path / "no-extension"
    assert run("datasets", "iris", "--out", out, "--format", fmt).exit_code == 0
    back = read_xy(out, target="species" if fmt != "npz" else "y", fmt=fmt)
    assert back.X.shape == (150, 4)


# G4. streaming chosen automatically, with --plot


def test_automatic_streaming_with_plot_says_to_pass_no_stream(data, tmp_path, monkeypatch):
    import neurona.cli as cli

    monkeypatch.setattr(cli, "STREAM_THRESHOLD", 16)
    before = snapshot(tmp_path)
    out = tmp_path / "m.npz"
    result = run("train", data, "-t", "species", "--plot", tmp_path / "plots", "-o", out)
    line = assert_clean_failure(result, 2, "pass --no-stream")
    assert "larger than" in line
    assert "--plot" in line
    assert result.stdout == ""  # nothing was trained
    assert snapshot(tmp_path) == before
    result = run("train", data, "-t", "species", "--plot", tmp_path / "plots", "--no-stream",
                 "--epochs", "2", "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plots" / "curves.png").exists()


# G5. missing target columns, values that are not finite


def test_a_missing_target_lists_the_header(tmp_path, data, model):
    for args in (
        ["train", data, "-t", "Species"],
        ["evaluate", model, data, "-t", "kind"],
        ["predict", model, data, "-t", "kind"],
        ["separable", data, "-t", "kind"],
    ):
        line = assert_clean_failure(run(*args), 1, "no target column")
        assert "sepal_length, sepal_width, petal_length, petal_width, species" in line
    line = assert_clean_failure(run("train", data, "-t", "Species"), 1)
    assert "did you mean 'species'" in line
    path = tmp_path / "years.csv"  # a header with a number in it reads as data
    path.write_text("name,2020,y\n1,2,u\n3,4,v\n")
    line = assert_clean_failure(run("train", path, "-t", "y"), 1, "pass --header")
    assert "name, 2020, y" in line
    result = run("train", path, "-t", "y", "--header", "--json", "-q")
    assert result.exit_code == 0, result.output
    features = data.read_text().splitlines()[0].replace('"', "").split(",")[:4]
    wide = tmp_path / "wide.csv"  # many columns: listed up to a count
    wide.write_text(",".join(f"c{i}" for i in range(40)) + "\n" + ",".join("1" * 40) + "\n")
    line = assert_clean_failure(run("train", wide, "-t", "y"), 1, "40 in all")
    assert features  # the iris header, read above


@pytest.mark.parametrize(
    ("value", "phrase"),
    [("inf", "'inf', an infinite value"), ("-Infinity", "'-Infinity', an infinite value"),
     ("1e400", "'1e400', which is beyond the range of float64"),
     ("-2e308", "'-2e308', which is beyond the range of float64"),
     ("NAN", "has a missing value")],
)  # fmt: skip
@pytest.mark.parametrize("command", ["train", "evaluate", "predict", "predict -o"])
def test_values_that_are_not_finite_name_file_column_and_line(data, model, tmp_path, value,
                                                             phrase, command):  # fmt: skip
    lines = data.read_text().splitlines()
    fields = lines[5].split(",")
    fields[2] = value
    lines[5] = ",".join(fields)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    args = {
        "train": ["train", bad, "-t", "species"],
        "evaluate": ["evaluate", model, bad],
        "predict": ["predict", model, bad],
        "predict -o": ["predict", model, bad, "-o", tmp_path / "p.csv"],
    }[command]
    line = assert_clean_failure(run(*args), 1, phrase)
    assert f"{bad}: column 'petal_length'" in line
    assert "line 6" in line
    assert "Input X" not in line
    assert not (tmp_path / "p.csv").exists()


@pytest.mark.parametrize("value", ["inf", "1e400"])
def test_a_regression_target_that_is_not_finite(tmp_path, value):
    path = tmp_path / "r.csv"
    path.write_text(f"a,b,y\n1,2,3\n2,3,{value}\n3,1,2\n")
    line = assert_clean_failure(run("train", path, "-t", "y", "--model", "linear"), 1,
                                "target column 'y' at data row 2 (line 3 of")  # fmt: skip
    assert value in line


@pytest.mark.parametrize("kind", ["parquet", "npy"])
def test_infinities_in_binary_files(tmp_path, kind):
    if kind == "parquet":
        path = _parquet(tmp_path / "d.parquet", a=[1.0, np.inf, 3.0], y=["u", "v", "u"])
        where = "column 'a' at data row 2 holds"
    else:
        path = tmp_path / "d.npy"
        np.save(path, np.array([[1.0, 0], [2.0, 1], [-np.inf, 0]]))
        where = "column '0' at data row 3 holds"
    target = "y" if kind == "parquet" else "1"
    assert_clean_failure(run("train", path, "-t", target), 1, where)


# G6. xz compression


def _xz(path: Path, text: str) -> Path:
    import lzma

    path.write_bytes(lzma.compress(text.encode()))
    return path


@pytest.mark.parametrize("name", ["d.csv.xz", "D.CSV.XZ", "d.Tsv.Xz", "plain-name.csv"])
def test_xz_files_are_read(tmp_path, name):
    text = "a,b,y\n1,2,u\n3,4,v\n5,6,u\n"
    if ".tsv" in name.lower():
        text = text.replace(",", "\t")
    path = _xz(tmp_path / name, text)  # "plain-name.csv": told from its first bytes
    result = run("train", path, "-t", "y", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["n_samples"] == 3


def test_a_truncated_xz_file_is_a_clear_error(tmp_path):
    rows = "".join(f"{i},{i % 7},{i % 2}\n" for i in range(20000))
    whole = _xz(tmp_path / "whole.csv.xz", "a,b,y\n" + rows).read_bytes()
    (tmp_path / "cut.csv.xz").write_bytes(whole[: len(whole) * 2 // 3])
    for extra in ([], ["--stream"]):
        line = assert_clean_failure(run("train", tmp_path / "cut.csv.xz", "-t", "y", *extra), 1)
        assert "cannot read the file" in line
        assert "truncated" in line


@pytest.mark.parametrize("name", ["p.csv.xz", "P.TSV.XZ"])
def test_xz_outputs_are_compressed(data, model, tmp_path, name):
    import lzma

    assert run("predict", model, data, "-o", tmp_path / name).exit_code == 0
    assert lzma.decompress((tmp_path / name).read_bytes()).split()[0] == b'"prediction"'
    assert run("datasets", "iris", "--out", tmp_path / ("d" + name)).exit_code == 0
    assert read_xy(tmp_path / ("d" + name), target="species").X.shape == (150, 4)


def test_compressed_binary_outputs_and_inputs_with_xz(tmp_path):
    assert_clean_failure(run("datasets", "and", "--out", tmp_path / "a.npy.xz"), 1,
                         "only CSV and TSV")  # fmt: skip
    np.save(tmp_path / "d.npy", np.eye(3))
    _xz(tmp_path / "d.npy.xz", "x")
    assert_clean_failure(run("train", tmp_path / "d.npy.xz", "-t", "0"), 1, "only CSV and TSV")


# G7. unknown formats and output extensions


def test_unknown_output_formats_list_the_choices(data, model, tmp_path):
    before = snapshot(tmp_path)
    for args, code in (
        (["datasets", "iris", "--out", tmp_path / "x.dat"], 1),
        (["datasets", "iris", "--out", tmp_path / "x"], 1),
        (["predict", model, data, "-o", tmp_path / "p.json"], 1),
        (["predict", model, data, "-o", tmp_path / "p"], 1),
    ):
        line = assert_clean_failure(run(*args), code, "cannot tell the output format")
        assert "*.csv" in line
        assert "*.parquet" in line
        assert "*.npz" in line
        assert ".xz" in line
    line = assert_clean_failure(run("datasets", "iris", "--out", tmp_path / "x.dat"), 1)
    assert "--format" in line
    for args in (
        ["datasets", "iris", "--out", tmp_path / "x.csv", "--format", "xlsx"],
        ["predict", model, data, "--format", "xlsx"],
    ):
        line = assert_clean_failure(run(*args), 2, "'xlsx' is not one of")
        assert "'csv', 'tsv', 'parquet', 'npy', 'npz'" in line
        assert "Value error" not in line
    assert snapshot(tmp_path) == before


def test_predictions_to_npz(data, model, tmp_path):
    assert run("predict", model, data, "-o", tmp_path / "p.npz").exit_code == 0
    with np.load(tmp_path / "p.npz") as npz:
        predictions = npz["prediction"]
    assert predictions.tolist() == run("predict", model, data).stdout.split()


# G8. values beyond float64 in evaluate and predict


def _huge_model(tmp_path: Path) -> Path:
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    fitted = neurona.LinearRegression().fit(X, 2 * X[:, 0] + 1)
    fitted.save(tmp_path / "lr.npz", data={"features": ["a"], "target": "y"})
    return tmp_path / "lr.npz"


@pytest.mark.parametrize("command", ["evaluate", "predict", "predict -o"])
def test_an_output_beyond_float64_is_a_clear_error(tmp_path, command):
    model = _huge_model(tmp_path)
    path = tmp_path / "x.csv"
    path.write_text("a,y\n1,3\n1.5e308,1\n")
    args = [command.split()[0], model, path]
    if command == "predict -o":
        args += ["-o", tmp_path / "p.csv"]
    line = assert_clean_failure(run(*args), 1, "output for data row 2 is beyond the range")
    assert not (tmp_path / "p.csv").exists()
    assert "inf" not in line.replace("infinite", "")


def test_regression_metrics_that_overflow_are_a_clear_error(tmp_path):
    model = _huge_model(tmp_path)
    path = tmp_path / "x.csv"
    path.write_text("a,y\n1,3\n2,1e300\n3,-1e300\n")
    line = assert_clean_failure(run("evaluate", model, path), 1, "cannot be computed in float64")
    assert "mse" in line
    assert "row 2" in line
    assert "warning" not in line


# G9. class labels as written


@pytest.mark.parametrize("labels", [("0.5", "1.5"), ("1.0", "1"), ("1e1", "10"), ("-0", "0")])
@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".npy", ".npz"])
def test_float_looking_labels_are_written_back_as_written(tmp_path, labels, suffix):
    path = tmp_path / "l.csv"
    path.write_text("a,y\n" + "".join(f"{i},{labels[i >= 5]}\n" for i in range(10)))
    model = tmp_path / "m.npz"
    result = run("train", path, "-t", "y", "--epochs", "100", "-o", model, "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] == sorted(labels)
    out = tmp_path / f"p{suffix}"
    assert run("predict", model, path, "-o", out).exit_code == 0
    if suffix in (".csv", ".tsv"):
        delimiter = "\t" if suffix == ".tsv" else ","
        written = pacsv.read_csv(out, parse_options=pacsv.ParseOptions(delimiter=delimiter),
                                 convert_options=pacsv.ConvertOptions(
                                     column_types={"prediction": pa.string()}))  # fmt: skip
        written = written.column("prediction").to_pylist()
    elif suffix == ".parquet":
        written = pq.read_table(out).column("prediction").to_pylist()
    elif suffix == ".npz":
        with np.load(out) as npz:
            written = npz["prediction"].tolist()
    else:
        written = np.load(out).tolist()
    assert set(written) <= set(labels)
    expected = load_model(model).predict(np.arange(10.0)[:, None]).tolist()
    assert written == expected
    assert run("predict", model, path).stdout.split() == expected


def test_float_looking_labels_streamed(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("a,y\n" + "".join(f"{i},{('1.0', '1')[i >= 50]}\n" for i in range(100)))
    result = run("train", path, "-t", "y", "--stream", "--chunk-mb", "0.001", "--json", "-q",
                 "-o", tmp_path / "m.npz")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] == ["1", "1.0"]
    report = strict_json(run("evaluate", tmp_path / "m.npz", path, "--json").stdout)
    assert report["n_unseen"] == 0
    assert sum(map(sum, report["confusion_matrix"])) == 100


# G10. --features matched by name


def test_features_given_in_another_order_are_matched_by_name(data, model, tmp_path):
    names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    plain = strict_json(run("evaluate", model, data, "--json").stdout)
    for features in (",".join(reversed(names)), "3,2,1,0", "petal_length,sepal_length,3,1"):
        report = strict_json(run("evaluate", model, data, "--features", features, "--json").stdout)
        assert report["accuracy"] == plain["accuracy"], features
        assert report["confusion_matrix"] == plain["confusion_matrix"], features
    printed = run("predict", model, data).stdout
    assert run("predict", model, data, "--features", ",".join(reversed(names))).stdout == printed
    out = tmp_path / "p.csv"
    assert run("predict", model, data, "--features", "3,2,1,0", "-o", out).exit_code == 0
    assert out.read_text().split()[1:] == printed.split()  # as the input writes text


@pytest.mark.parametrize("command", ["evaluate", "predict"])
def test_features_that_leave_out_a_model_feature_name_it(data, model, command):
    line = assert_clean_failure(
        run(command, model, data, "--features", "petal_width,petal_length,sepal_width"), 1
    )
    assert "leaves out sepal_length" in line
    extra = "petal_width,petal_length,sepal_width,a_column"
    line = assert_clean_failure(run(command, model, data, "--features", extra), 1)
    assert "no feature column 'a_column'" in line


def test_features_naming_other_columns_map_by_position(data, model, tmp_path):
    """A renamed header: --features names the file's columns for the model's, in order."""
    renamed = _renamed(data, "sepal_length", "sl", tmp_path)
    plain = strict_json(run("evaluate", model, data, "--json").stdout)
    features = "sl,sepal_width,petal_length,petal_width"
    line = assert_clean_failure(run("evaluate", model, renamed, "--features", features), 1)
    assert "leaves out sepal_length" in line
    assert "names sl" in line
    table = pacsv.read_csv(data)
    other = tmp_path / "other.csv"
    pacsv.write_csv(table.rename_columns(["a", "b", "c", "d", "species"]), other)
    report = strict_json(run("evaluate", model, other, "--features", "a,b,c,d", "--json").stdout)
    assert report["accuracy"] == plain["accuracy"]


# --------------------------------------------------------------------------- third round
# Kinds of faults found by a third tester, each with the example and others of its kind.

# H1. a continuous target for a classifier, in every format


def _fractional_target(tmp_path: Path, kind: str, values=(0.5, 1.5)) -> tuple[Path, list]:
    X = np.array([[1.0, 0.0], [-1.0, 0.0]] * 4)
    y = np.array(list(values) * 4)
    if kind == "parquet":
        pq.write_table(pa.table({"a": X[:, 0], "b": X[:, 1], "y": y}), tmp_path / "d.parquet")
        return tmp_path / "d.parquet", ["-t", "y"]
    if kind == "npz":
        np.savez(tmp_path / "d.npz", X=X, y=y)
        return tmp_path / "d.npz", ["-t", "y"]
    if kind == "npy":
        np.save(tmp_path / "d.npy", np.column_stack([X, y]))
        return tmp_path / "d.npy", ["-t", "2"]
    path = tmp_path / "d.csv"
    rows = "".join(f"{a},{b},{t!r}\n" for (a, b), t in zip(X.tolist(), y.tolist(), strict=True))
    path.write_text("a,b,y\n" + rows)
    return path, ["-t", "y", "--label-type", "auto"]


@pytest.mark.parametrize("kind", ["parquet", "npz", "npy", "csv"])
@pytest.mark.parametrize("stream", [[], ["--stream", "--chunk-mb", "0.001"]])
def test_a_continuous_target_is_refused_naming_file_and_column(tmp_path, kind, stream):
    path, target = _fractional_target(tmp_path, kind)
    out = tmp_path / "m.npz"
    before = snapshot(tmp_path)
    line = assert_clean_failure(run("train", path, *target, *stream, "-o", out), 1, str(path))
    assert f"target column '{target[1]}'" in line
    assert "fractional part" in line
    assert "--model linear" in line
    assert snapshot(tmp_path) == before
    result = run("train", path, *target[:2], "--model", "linear", "-o", out, "--json", "-q")
    assert result.exit_code == 0, result.output
    (tmp_path / "w").mkdir()
    whole, target = _fractional_target(tmp_path / "w", kind, (0.0, 1.0))
    result = run("train", whole, *target, *stream, "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] in ([0.0, 1.0], [0, 1])


def test_csv_labels_read_as_text_stay_class_names(tmp_path):
    path, target = _fractional_target(tmp_path, "csv")
    result = run("train", path, *target[:2], "--json", "-q")  # no --label-type auto
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] == ["0.5", "1.5"]


# H2. CSV files: a header alone, a quote never closed, UTF-16, other delimiters


@pytest.mark.parametrize(
    "raw", [b"a,b,y", b"\na,b,y", b"a;b;y\r", "a,b,y".encode("utf-16"), b"a,b,y\n \n"]
)
@pytest.mark.parametrize("command", ["train", "predict", "evaluate"])
def test_a_header_alone_says_there_are_no_data_rows(tmp_path, model, raw, command):
    path = tmp_path / "h.csv"
    path.write_bytes(raw)
    args = ["train", path, "-t", "y"] if command == "train" else [command, model, path]
    line = assert_clean_failure(run(*args), 1)
    assert "longer than" not in line
    if command == "train":
        assert "has a header line but no data rows" in line


@pytest.mark.parametrize(
    ("text", "line"),
    [('a,b,y\n1,2,x\n3,"4,5\n6,7,z\n', 3), ('a,b,y\n1,2,x\n3,4,"z\n1,2,x\n', 3),
     ('a,b,y\n1,2,x\n3,4,"z', 3), ('a,b,"y\n1,2,x\n3,4,z\n', 1)],
)  # fmt: skip
def test_an_unclosed_quote_is_a_clear_error(tmp_path, text, line):
    path = tmp_path / "q.csv"
    path.write_text(text)
    before = snapshot(tmp_path)
    message = f'the quote (") that opens a field on line {line} is never closed'
    assert_clean_failure(run("train", path, "-t", "y", "-o", tmp_path / "m.npz"), 1, message)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "bom-utf-16-be"])
def test_utf16_files_train_and_predict_as_utf8_ones(data, tmp_path, encoding):
    text = data.read_text(encoding="utf-8")
    bom = encoding == "bom-utf-16-be"
    raw = ("\ufeff" + text).encode("utf-16-be") if bom else text.encode(encoding)
    path = tmp_path / "u.csv"
    path.write_bytes(raw)
    for source in (data, path):
        out = tmp_path / f"{source.stem}.npz"
        result = run("train", source, "-t", "species", "--epochs", "5", "-o", out, "--json")
        assert result.exit_code == 0, result.output
    assert (
        run("predict", tmp_path / "u.npz", path).stdout
        == run("predict", tmp_path / "data.npz", data).stdout
    )


def test_a_file_not_in_utf8_is_named_so(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes("a,b,y\n1,2,x\n3,4,z\n".encode("utf-32-le"))
    line = assert_clean_failure(run("train", path, "-t", "y"), 1, "UTF-16")
    assert "--encoding" in line
    result = run("train", path, "-t", "y", "--encoding", "utf-32-le", "--json", "-q")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "text",
    ["a;b;y\n1;2;x\n3;4;z\n1;2;x\n3;4;z\n",  # a Spanish spreadsheet's CSV
     "a;b;y\n1,5;2;x\n3;4,25;z\n1;2;x\n3;4;z\n",  # with decimal commas
     "a\tb\ty\n1\t2\tx\n3\t4\tz\n"],
)  # fmt: skip
def test_a_file_delimited_otherwise_is_read(tmp_path, text):
    path = tmp_path / "d.csv"
    path.write_text(text)
    result = run("train", path, "-t", "y", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["n_features"] == 2
    line = assert_clean_failure(run("train", path, "-t", "y", "--delimiter", ","), 1)
    assert "--delimiter" in line


# H3. least squares on targets whose squares overflow float64


@pytest.mark.parametrize(
    "options",
    [[], ["--solver", "qr"], ["--solver", "lstsq"], ["--solver", "gd"], ["--stream"],
     ["--stream", "--solver", "qr"]],
)  # fmt: skip
def test_targets_beyond_float64_squares_are_refused_and_nothing_is_saved(tmp_path, options):
    path = tmp_path / "big.csv"
    path.write_text("a,b,y\n1,2,1e300\n2,3,-1e300\n3,1,1e300\n4,5,-1e300\n")
    out = tmp_path / "m.npz"
    out.write_bytes(b"an earlier model")
    before = snapshot(tmp_path)
    result = run_process("train", path, "-t", "y", "--model", "linear", *options, "-o", out)
    line = assert_clean_failure(result, 1, "standardise the target")
    assert "warning" not in line.lower()
    assert snapshot(tmp_path) == before


def test_features_near_float64s_limit_train_without_warnings(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("a,b,y\n1e300,2,1\n-1e300,3,2\n2e300,-1,3\n-3e300,1e300,4\n5,6,7\n")
    result = run_process("train", path, "-t", "y", "--model", "linear", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    summary = strict_json(result.stdout)
    assert summary["loss"] is not None
    assert summary["training_score"] is not None


def test_the_api_refuses_such_targets_and_stays_unfitted():
    import warnings

    from neurona.solvers import solve_least_squares

    X, y = np.array([[1.0, 2], [2, 3], [3, 1], [4, 5]]), np.array([1e300, -1e300] * 2)
    for solver in ("auto", "cholesky", "qr", "lstsq", "gd"):
        model = neurona.LinearRegression(solver=solver)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(neurona.errors.DataError, match="standardise the target"):
                model.fit(X, y)
        assert not hasattr(model, "coef_")
    with pytest.raises(neurona.errors.DataError, match="standardise the target"):
        solve_least_squares(X, y, solver="lstsq")
    X32, y32 = X.astype(np.float32), np.array([1e30, -1e30] * 2, dtype=np.float32)
    for solver in ("auto", "gd"):  # float32 training: its squares overflow float32
        with pytest.raises(neurona.errors.DataError, match="overflow float32"):
            neurona.LinearRegression(solver=solver).fit(X32, y32)


# H4. labels with NUL characters: kept apart and written exactly, or refused in words


@pytest.mark.parametrize(
    "labels", [["x", "x\0"], ["a\0b", "ab"], ["\0", "a", ""], ("x", "x\0", "x\0\0")]
)
def test_labels_ending_in_nul_stay_apart_in_the_api(tmp_path, labels):
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0]] * 4)
    y = [labels[i % len(labels)] for i in range(len(X))]  # a list: NumPy text would merge
    fitted = neurona.Adaline(epochs=2).fit(X, y)
    assert fitted.classes_.tolist() == sorted(set(labels))
    fitted.save(tmp_path / "m.npz")
    assert load_model(tmp_path / "m.npz").classes_.tolist() == sorted(set(labels))
    model = neurona.Adaline(epochs=2)
    model.partial_fit(X, y, classes=list(labels))
    assert model.classes_.tolist() == sorted(set(labels))


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_data_file_with_nul_labels_trains_and_predicts_them(tmp_path, suffix):
    path = tmp_path / f"n{suffix}"
    table = pa.table({"a": [1.0, -1.0, 2.0, -2.0], "y": ["x", "x\0", "x", "x\0"]})
    if suffix == ".csv":
        pacsv.write_csv(table, path)
    else:
        pq.write_table(table, path)
    model = tmp_path / "m.npz"
    result = run("train", path, "-t", "y", "-o", model, "--json", "-q")
    assert result.exit_code == 0, result.output
    assert strict_json(result.stdout)["classes"] == ["x", "x\0"]
    expected = load_model(model).predict(np.array([[1.0], [-1.0], [2.0], [-2.0]])).tolist()
    for out in (tmp_path / "p.csv", tmp_path / "p.parquet"):
        assert run("predict", model, path, "-o", out).exit_code == 0
        written = (pq.read_table(out).column("prediction").to_pylist() if out.suffix ==
                   ".parquet" else _text_column(out, ","))  # fmt: skip
        assert written == expected
    assert "x\0" in expected
    for out in (tmp_path / "p.npy", tmp_path / "p.npz"):  # NumPy text cannot end in NUL
        line = assert_clean_failure(run("predict", model, path, "-o", out), 1, str(out))
        assert "ends in a NUL character that a NumPy file cannot keep" in line
        assert not out.exists()


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".npy", ".npz", ".csv.gz"])
def test_predictions_with_nul_characters_are_written_exactly(tmp_path, suffix):
    X = np.array([[1.0, 0.0], [-1.0, 0.0]] * 4)
    fitted = neurona.Perceptron(epochs=5).fit(X, ["p", "q"] * 4)
    fitted.classes_ = np.array(["a\0b", "ab"])  # a model file may hold such labels
    fitted.save(tmp_path / "m.npz", data={"features": ["a", "b"], "target": "y"})
    data = tmp_path / "x.csv"
    pacsv.write_csv(pa.table({"a": X[:, 0], "b": X[:, 1]}), data)
    out = tmp_path / f"p{suffix}"
    result = run("predict", tmp_path / "m.npz", data, "-o", out)
    assert result.exit_code == 0, result.output
    expected = load_model(tmp_path / "m.npz").predict(X).tolist()
    assert "a\0b" in expected
    if suffix == ".npy":
        written = np.load(out).tolist()
    elif suffix == ".npz":
        with np.load(out) as npz:
            written = npz["prediction"].tolist()
    elif suffix == ".parquet":
        written = pq.read_table(out).column("prediction").to_pylist()
    else:
        written = _text_column(out, "\t" if suffix == ".tsv" else ",")
    assert written == expected


def _text_column(path: Path, delimiter: str) -> list[str]:
    table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(delimiter=delimiter),
                           convert_options=pacsv.ConvertOptions(
                               column_types={"prediction": pa.string()}))  # fmt: skip
    return table.column("prediction").to_pylist()


def test_a_continuous_target_read_as_text_labels_is_warned_in_one_line(tmp_path):
    """Text labels (the default) that are all numbers with fractional parts, mostly
    distinct: one class per value is probably not meant; a warning names the file, the
    column and --model linear (they may still be class names: it trains)."""
    rng = np.random.default_rng(0)
    rows = [f"{a:.3f},{b:.3f},{t:.4f}" for a, b, t in rng.normal(size=(20, 3))]
    data = tmp_path / "c.csv"
    data.write_text("a,b,t\n" + "\n".join(rows) + "\n", encoding="utf-8")
    done = run_process("train", data, "--target", "t", "--model", "logistic", "--epochs", "2")
    assert done.returncode == 0, done.stderr
    warned = [line for line in done.stderr.splitlines() if "DataWarning" in line]
    assert len(warned) == 1
    assert "'t' holds 20 distinct numbers in 20 rows" in warned[0]
    assert "--model linear" in warned[0]
    labels = tmp_path / "labels.csv"  # numbers as class names, repeated: no warning
    labels.write_text("a,t\n" + "\n".join(f"{i},{i % 2 + 0.5}" for i in range(20)) + "\n")
    done = run_process("train", labels, "--target", "t", "--epochs", "2")
    assert done.returncode == 0, done.stderr
    assert "DataWarning" not in done.stderr
