"""Edges of the command line found by hostile inputs (round 10).

Each test names a fault that was found and fixed:

* a class target holding an infinity (a Parquet or ``.npy`` float column, or CSV labels
  read with ``--label-type auto``) failed with scikit-learn's ``Input y contains
  infinity`` in English, naming neither file nor column. Now neurona's own line;
* ``train DATA.parquet --scale ...`` (or ``--missing ...``) failed for every Parquet file
  with ``list index out of range``: the target was read with no feature column;
* ``evaluate`` of a model whose classes are ``uint64`` beyond ``int64`` (2**64 - 1) counted
  them as labels the model never saw (accuracy 0.5 instead of 1);
* a value far outside a scaled column's training range, which the saved scaling takes
  beyond float64, failed in predict and evaluate with scikit-learn's ``Input X contains
  infinity``. Now the file, column, row and value are named;
* ``animate -o OUT`` wrote through a link to its own data file (symbolic or hard),
  destroying it. Now refused as every other command refuses it;
* a Parquet file naming one column twice was blamed on ``--features`` (not given), or
  failed with pyarrow's ``Column a does not exist in schema``;
* a Parquet, ``.npy`` or ``.npz`` file named ``*.csv``/``*.tsv`` was said to hold NUL
  characters (UTF-16 text?). Now its format is named;
* text such as ``1_000`` or ``５``, which Python's ``float`` reads but the CSV reader does
  not, was refused without its row.
"""

from __future__ import annotations

import csv
import os
import re

import numpy as np
import pytest

from helpers import run

ENGLISH = re.compile(r"\b(the|must|holds|which|file|column|model|value|range)\b")


def _one_line(result, phrase: str | None = None, lang_es: bool = False) -> str:
    """A failure of one line on stderr, no traceback; ``phrase`` in it."""
    assert result.exit_code != 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    if phrase is not None:
        assert phrase in lines[0], lines[0]
    if lang_es:
        assert not ENGLISH.search(lines[0].split("error:", 1)[1].split("'")[0]), lines[0]
    return lines[0]


def _parquet(path, **columns):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path)
    return path


# --------------------------------------------------------------- infinite class labels


def _infinite_label_file(tmp_path, kind):
    X = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 2.0], [2.0, 0.0]])
    y = np.array([np.inf, 1.0, np.inf, 1.0])
    if kind == "parquet":
        return _parquet(tmp_path / "d.parquet", a=X[:, 0], b=X[:, 1], y=y), "y"
    if kind == "npy":
        path = tmp_path / "d.npy"
        np.save(path, np.column_stack([X, y]))
        return path, "2"
    path = tmp_path / "d.csv"
    rows = [f"{a},{b},{'inf' if np.isinf(t) else '1'}" for (a, b), t in zip(X, y, strict=True)]
    path.write_text("a,b,y\n" + "\n".join(rows) + "\n")
    return path, "y"


@pytest.mark.parametrize(
    ("kind", "options"),
    [("parquet", []), ("npy", []), ("csv", ["--label-type", "auto"]),
     ("parquet", ["--stream"]), ("csv", ["--label-type", "auto", "--stream"]),
     ("parquet", ["--scale", "standard"])],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_infinite_class_label_is_named_with_its_file(tmp_path, kind, options, lang):
    path, target = _infinite_label_file(tmp_path, kind)
    out = tmp_path / "m.npz"
    result = run("--lang", lang, "train", path, "-t", target, *options, "-o", out)
    line = _one_line(result, lang_es=lang == "es")
    assert f"{path}: " in line
    assert repr(target) in line
    assert "'inf'" in line
    assert "Input y" not in line
    assert ("class labels must be finite" if lang == "en" else "deben ser finitas") in line
    assert not out.exists()


# ------------------------------------------------- Parquet with --scale or --missing


@pytest.mark.parametrize("options", [["--scale", "standard"], ["--scale", "minmax"],
                                     ["--missing", "drop"]])  # fmt: skip
def test_parquet_data_trains_with_preprocessing_as_its_csv_twin(tmp_path, options):
    """The same rows as Parquet and as CSV: the same model, scaled as numpy says."""
    rng = np.random.default_rng(0)
    a, b = rng.normal(5.0, 3.0, 30), rng.normal(-2.0, 0.5, 30)
    y = np.where(a - 3 * b > 10, "u", "v")
    pq_path = _parquet(tmp_path / "d.parquet", a=a, b=b, y=y)
    csv_path = tmp_path / "d.csv"
    with csv_path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["a", "b", "y"])
        w.writerows(zip(map(repr, a.tolist()), map(repr, b.tolist()), y, strict=True))
    models = []
    for path in (pq_path, csv_path):
        out = tmp_path / f"{path.suffix[1:]}.npz"
        result = run("train", path, "-t", "y", "--epochs", "5", *options, "-q", "-o", out)
        assert result.exit_code == 0, result.output
        models.append(out)
    from neurona import load
    from neurona.io import read_metadata

    first, second = load(models[0]), load(models[1])
    np.testing.assert_array_equal(first.coef_, second.coef_)
    np.testing.assert_array_equal(first.intercept_, second.intercept_)
    if options[0] == "--scale":
        columns = read_metadata(models[0])["data"]["preprocessing"]["columns"]
        expected = {
            "standard": [(v.mean(), v.std()) for v in (a, b)],
            "minmax": [(v.min(), v.max() - v.min()) for v in (a, b)],
        }[options[1]]
        for column, (offset, scale) in zip(columns, expected, strict=True):
            assert column["offset"] == pytest.approx(offset, rel=1e-12)
            assert column["scale"] == pytest.approx(scale, rel=1e-12)


# --------------------------------------------------- uint64 classes beyond int64


def test_uint64_classes_beyond_int64_are_scored_as_seen(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    big = 2**64 - 1
    labels = pa.array([big, 0, big, 0, big, 0], pa.uint64())
    path = tmp_path / "d.parquet"
    a = [0.0, 3.0, 0.5, 2.5, 0.2, 3.2]
    pq.write_table(pa.table({"a": a, "y": labels}), path)
    model, out = tmp_path / "m.npz", tmp_path / "p.parquet"
    assert run("train", path, "-t", "y", "--epochs", "20", "-q", "-o", model).exit_code == 0
    assert run("predict", model, path, "-q", "-o", out).exit_code == 0
    predicted = pq.read_table(out).column(0).to_pylist()
    truth = labels.to_pylist()
    expected = sum(p == t for p, t in zip(predicted, truth, strict=True)) / len(truth)
    result = run("evaluate", model, path, "--json")
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.stdout)
    assert report["n_unseen"] == 0
    assert report["unseen_labels"] == []
    assert report["classes"] == [0, big]
    assert report["accuracy"] == pytest.approx(expected)
    assert sum(map(sum, report["confusion_matrix"])) == len(truth)


# ------------------------------------------- a value the saved scaling overflows


@pytest.fixture
def narrow_model(tmp_path):
    """A model scaled on a column that varies by 1e-300."""
    data = tmp_path / "tiny.csv"
    data.write_text("a,b,y\n1e-300,1,u\n2e-300,2,v\n3e-300,1,u\n4e-300,2,v\n")
    model = tmp_path / "m.npz"
    assert run("train", data, "-t", "y", "--scale", "standard", "-q", "-o", model).exit_code == 0
    return model


@pytest.mark.parametrize("command", ["predict", "predict -o", "evaluate"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_value_the_scaling_takes_beyond_float64_is_named(narrow_model, tmp_path, command,
                                                           lang):  # fmt: skip
    data = tmp_path / "far.csv"
    data.write_text("a,b,y\n2e-300,1,u\n1e10,2,v\n")
    out = tmp_path / "p.csv"
    args = {"predict": ["predict", narrow_model, data],
            "predict -o": ["predict", narrow_model, data, "-o", out],
            "evaluate": ["evaluate", narrow_model, data]}[command]  # fmt: skip
    line = _one_line(run("--lang", lang, *args), lang_es=lang == "es")
    assert f"{data}: " in line
    assert "'a'" in line
    assert "10000000000.0" in line
    assert ("data row 2" if lang == "en" else "fila de datos 2") in line
    assert "Input X" not in line
    assert not out.exists()


def test_values_inside_the_scaled_range_still_predict(narrow_model, tmp_path):
    data = tmp_path / "near.csv"
    data.write_text("a,b\n1e-300,1\n4e-300,2\n")
    result = run("predict", narrow_model, data)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["u", "v"]


# ----------------------------------------------------- animate over its own data


@pytest.mark.parametrize("link", ["symbolic", "hard", "dotdot"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_animate_never_writes_over_its_data(tmp_path, link, lang):
    data = tmp_path / "d.csv"
    data.write_text("a,b,y\n1,2,u\n2,1,v\n3,4,u\n4,2,v\n")
    before = data.read_bytes()
    out = tmp_path / "anim.gif"
    if link == "symbolic":
        out.symlink_to(data)
    elif link == "hard":
        os.link(data, out)
    else:
        (tmp_path / "sub").mkdir()
        out.symlink_to(data)
        out = tmp_path / "sub" / ".." / "anim.gif"
    line = _one_line(run("--lang", lang, "animate", data, "-t", "y", "-o", out))
    assert f"{out} " in line
    assert str(data) in line
    assert ("never overwritten" if lang == "en" else "nunca se sobrescribe") in line
    assert data.read_bytes() == before


# ------------------------------------------------- Parquet naming a column twice


@pytest.mark.parametrize(
    "args",
    [["train", "{p}", "-t", "y"], ["train", "{p}", "-t", "y", "--features", "a"],
     ["separable", "{p}", "-t", "y"], ["predict", "{m}", "{p}"]],
)  # fmt: skip
def test_a_parquet_file_naming_a_column_twice_says_so(tmp_path, args):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "dup.parquet"
    table = pa.Table.from_arrays(
        [pa.array([1.0, 2.0]), pa.array([3.0, 4.0]), pa.array(["u", "v"])], names=["a", "a", "y"]
    )
    pq.write_table(table, path)
    model = tmp_path / "m.npz"
    good = _parquet(tmp_path / "good.parquet", a=[1.0, 2.0], b=[2.0, 1.0], y=["u", "v"])
    assert run("train", good, "-t", "y", "-q", "-o", model).exit_code == 0
    line = _one_line(run(*[a.format(p=path, m=model) for a in args]))
    assert line.endswith(f"{path}: the file names column(s) ['a'] more than once: rename them")


def test_a_parquet_column_named_twice_in_spanish(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "dup.parquet"
    table = pa.Table.from_arrays([pa.array([1.0]), pa.array(["u"]), pa.array(["u"])],
                                 names=["a", "y", "y"])  # fmt: skip
    pq.write_table(table, path)
    line = _one_line(run("--lang", "es", "train", path, "-t", "y"), lang_es=True)
    assert "más de una vez" in line


# ------------------------------------------------- binary files named as text


@pytest.mark.parametrize(
    ("made", "name", "fmt"),
    [("parquet", "d.csv", "parquet"), ("npy", "d.tsv", "npy"), ("npz", "d.csv", "npz"),
     ("parquet", "d.csv.gz", "parquet")],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_binary_file_named_as_text_names_its_format(tmp_path, made, name, fmt, lang):
    import gzip

    source = tmp_path / f"src.{made}"
    X = np.array([[1.0, 2.0, 0.0], [2.0, 1.0, 1.0], [3.0, 4.0, 0.0], [4.0, 2.0, 1.0]])
    if made == "parquet":
        _parquet(source, a=X[:, 0], b=X[:, 1], y=["u", "v", "u", "v"])
    elif made == "npy":
        np.save(source, X)
    else:
        np.savez(source, X=X[:, :2], y=X[:, 2])
    path = tmp_path / name
    raw = source.read_bytes()
    path.write_bytes(gzip.compress(raw) if name.endswith(".gz") else raw)
    target = "y" if made == "parquet" else "2"
    line = _one_line(run("--lang", lang, "train", path, "-t", target), lang_es=lang == "es")
    assert f"--format {fmt}" in line
    assert f"*.{fmt}" in line
    assert "NUL" not in line
    if not name.endswith(".gz"):  # told its format, it reads
        assert run("train", path, "-t", target, "--format", fmt, "-q",
                   "-o", tmp_path / "m.npz").exit_code == 0  # fmt: skip


@pytest.mark.parametrize(("name", "sep"), [("d.csv", ","), ("d.tsv", "\t"), ("d.csv.gz", ",")])
def test_a_text_header_starting_with_par1_is_still_text(tmp_path, name, sep):
    import gzip

    path = tmp_path / name
    text = "PAR1,b,y\n1,2,u\n2,1,v\n3,4,u\n4,2,v\n".replace(",", sep).encode()
    path.write_bytes(gzip.compress(text) if name.endswith(".gz") else text)
    result = run("train", path, "-t", "y", "-q", "-o", tmp_path / "m.npz")
    assert result.exit_code == 0, result.output


# ----------------------------------- numbers Python reads and the CSV reader does not


@pytest.mark.parametrize("value", ["1_000", "５", "٣"])
@pytest.mark.parametrize("where", ["target", "feature"])
def test_numbers_only_python_reads_are_refused_with_their_row(tmp_path, value, where):
    path = tmp_path / "d.csv"
    if where == "target":
        path.write_text(f"a,b,y\n1,2,3\n2,3,{value}\n3,1,2\n", encoding="utf-8")
        args = ["-t", "y", "--model", "linear"]
        phrase = f"target column 'y' at data row 2 (line 3 of the file) holds '{value}'"
    else:
        path.write_text(f"a,b,y\n1,2,u\n2,{value},v\n3,1,u\n", encoding="utf-8")
        args = ["-t", "y"]
        phrase = f"column 'b' at data row 2 (line 3 of the file) holds '{value}'"
    _one_line(run("train", path, *args), phrase)
