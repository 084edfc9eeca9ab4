"""Edges round 14, command-line side (issue 13's kinds 14, 15 and 16).

* A column whose name holds a comma (``"x,1"`` in a CSV header) could not be named in
  ``--features`` or ``--keep``: the list was split at every comma, and the error listed
  the file's columns joined by commas, so ``x,1`` read as two names. A name holding a
  comma is now written in double quotes, as in a CSV header (``--features '"x,1",b'``);
  the error quotes such names and says how to write them.
* A Parquet column with a blank name (``""`` or ``" "``) as the target or a feature
  trained to the end, then ``--out`` failed with "its data field ... is empty: pass data
  that fit the model". It is now refused before training, naming the column's number and
  the fix (name it, or ``--exclude`` it); nothing is written.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import one_line_failure, run

ENGLISH = re.compile(r"\b(the|must|holds|which|file|column|model|value|name|written)\b")


def _one_line(result, *phrases: str, lang_es: bool = False) -> str:
    """A failure of one line on stderr, no traceback; each of ``phrases`` in it. In
    Spanish, the file's quoted column list is left out with the names and flags."""
    quoted = r"'[^']*'|--[a-z-]+|\(las columnas del archivo[^)]*\)"
    return one_line_failure(result, *phrases, spanish_without=ENGLISH if lang_es else None,
                            quoted=quoted)  # fmt: skip


def _data(n: int = 40, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = np.where(X[:, 0] + 0.5 * X[:, 1] > 0, "cat", "dog")
    return X, y


def _weights(path) -> tuple[np.ndarray, np.ndarray]:
    from neurona import load

    model = load(path)
    return np.asarray(model.coef_), np.asarray(model.intercept_)


# --- kind 15/16: column names that hold commas or quotes --------------------------------
@pytest.fixture
def comma_csv(tmp_path):
    X, y = _data()
    path = tmp_path / "q.csv"
    rows = "".join(f"{a:.4f},{b:.4f},{t}\n" for (a, b), t in zip(X, y, strict=True))
    path.write_text('"x,1","b ""q""",the y\n' + rows, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "features",
    ['"x,1","b ""q"""', '"x,1",b "q"', ' "x,1" , b "q" ', "0,1", 'b "q","x,1"'],
)
def test_names_holding_commas_are_written_in_quotes(comma_csv, tmp_path, features):
    """Each spelling selects the same two columns as their numbers do: the same weights
    (in the model's order, which follows --features)."""
    reference = tmp_path / "ref.npz"
    assert run("train", comma_csv, "-t", "the y", "--features", "0,1", "-o", reference,
               "--epochs", 5, "-q").exit_code == 0  # fmt: skip
    out = tmp_path / "m.npz"
    result = run("train", comma_csv, "-t", "the y", "--features", features, "-o", out,
                 "--epochs", 5, "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    from neurona import load

    names = list(load(out).feature_names_in_) if hasattr(load(out), "feature_names_in_") else None
    coef, bias = _weights(out)
    ref_coef, ref_bias = _weights(reference)
    if features.startswith("b"):  # the other order: the same neuron, columns swapped
        assert names in (None, ['b "q"', "x,1"])
        ref_coef = ref_coef[:, ::-1]
    np.testing.assert_array_equal(coef, ref_coef)
    np.testing.assert_array_equal(bias, ref_bias)


def test_keep_takes_a_quoted_name_and_writes_it_quoted(comma_csv, tmp_path):
    model, preds = tmp_path / "m.npz", tmp_path / "p.csv"
    assert run("train", comma_csv, "-t", "the y", "-o", model, "--epochs", 3,
               "-q").exit_code == 0  # fmt: skip
    result = run("predict", model, comma_csv, "--keep", '"x,1",the y', "-o", preds, "-q")
    assert result.exit_code == 0, result.output
    import csv

    with open(preds, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(comma_csv, newline="", encoding="utf-8") as f:
        source = list(csv.reader(f))
    assert rows[0] == ["x,1", "the y", "prediction"]
    assert [r[:2] for r in rows[1:]] == [[r[0], r[2]] for r in source[1:]]


@pytest.mark.parametrize("command", ["train", "predict", "evaluate", "keep"])
def test_an_unquoted_name_with_a_comma_says_how_to_quote_it(comma_csv, tmp_path, command):
    model = tmp_path / "m.npz"
    assert run("train", comma_csv, "-t", "the y", "-o", model, "--epochs", 3,
               "-q").exit_code == 0  # fmt: skip
    args = {
        "train": ["train", comma_csv, "-t", "the y", "--features", "x,1"],
        "predict": ["predict", model, comma_csv, "--features", "x,1"],
        "evaluate": ["evaluate", model, comma_csv, "-t", "the y", "--features", "x,1"],
        "keep": ["predict", model, comma_csv, "--keep", "x,1", "-o", tmp_path / "p.csv"],
    }[command]
    before = comma_csv.read_bytes()
    line = _one_line(run(*args), "'x,1'", "double quotes", "'\"x,1\"'")
    assert "x,1, b" not in line  # the listed names are told apart
    es = _one_line(run("--lang", "es", *args), "comillas dobles", lang_es=True)
    assert "'\"x,1\"'" in es
    assert comma_csv.read_bytes() == before
    assert not (tmp_path / "p.csv").exists()


def test_plain_names_with_quotes_inside_still_select(tmp_path):
    """A name holding quotes but no comma is taken as written when it is a column."""
    X, y = _data()
    path = tmp_path / "d.csv"
    rows = "".join(f"{a:.4f},{b:.4f},{t}\n" for (a, b), t in zip(X, y, strict=True))
    path.write_text('"""a""",b,y\n' + rows, encoding="utf-8")
    out, ref = tmp_path / "m.npz", tmp_path / "r.npz"
    assert run("train", path, "-t", "y", "--features", '"a",b', "-o", out, "--epochs", 4,
               "-q").exit_code == 0  # fmt: skip
    assert run("train", path, "-t", "y", "-o", ref, "--epochs", 4, "-q").exit_code == 0
    np.testing.assert_array_equal(_weights(out)[0], _weights(ref)[0])


# --- kind 14: Parquet columns without a name --------------------------------------------
def _parquet(path, names):
    import pyarrow as pa
    import pyarrow.parquet as pq

    X, y = _data()
    pq.write_table(pa.table({names[0]: X[:, 0], names[1]: X[:, 1], names[2]: y}), path)
    return X, y


@pytest.mark.parametrize("blank", ["", " ", "\t"])
def test_a_blank_feature_name_is_refused_before_training(tmp_path, blank):
    data = tmp_path / "d.parquet"
    _parquet(data, ["a", blank, "y"])
    out = tmp_path / "m.npz"
    args = ("train", data, "-t", "y", "-o", out, "--epochs", 3)
    result = run(*args)
    _one_line(result, "column 1 (counted from 0) has no name", "--exclude 1")
    assert "epoch" not in result.stderr  # refused before training
    assert not out.exists()
    _one_line(run("--lang", "es", *args), "no tiene nombre", "--exclude 1", lang_es=True)
    assert not out.exists()
    with_scaling = run(*args, "--scale", "standard")
    _one_line(with_scaling, "column 1 (counted from 0) has no name")
    assert not out.exists()


def test_a_blank_target_name_is_refused_before_training(tmp_path):
    data = tmp_path / "d.parquet"
    _parquet(data, ["a", "b", ""])
    out = tmp_path / "m.npz"
    _one_line(run("train", data, "-t", 2, "-o", out), "target column 2", "has no name")
    _one_line(run("--lang", "es", "train", data, "-t", 2, "-o", out), "objetivo 2",
              lang_es=True)  # fmt: skip
    assert not out.exists()


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
def test_excluding_the_blank_column_trains_as_the_api_does(tmp_path):
    """--exclude leaves the unnamed column out: the neuron of the named column alone,
    as the Python API trains it; without --out nothing is refused."""
    from neurona import Perceptron

    data = tmp_path / "d.parquet"
    X, y = _parquet(data, ["a", "", "y"])
    out = tmp_path / "m.npz"
    result = run("train", data, "-t", "y", "--exclude", 1, "-o", out, "--epochs", 4, "-q")
    assert result.exit_code == 0, result.output
    reference = Perceptron(epochs=4).fit(X[:, :1], y)
    np.testing.assert_array_equal(_weights(out)[0], reference.coef_)
    assert run("train", data, "-t", "y", "--epochs", 2, "-q").exit_code == 0


# --- the other column lists: --exclude and --plot-features ------------------------------
def test_exclude_takes_a_quoted_name_holding_a_comma(comma_csv, tmp_path):
    """``--exclude '"x,1"'`` leaves the one column out: the weights of ``--features 1``."""
    reference, out = tmp_path / "ref.npz", tmp_path / "m.npz"
    assert run("train", comma_csv, "-t", "the y", "--features", "1", "-o", reference,
               "--epochs", 5, "-q").exit_code == 0  # fmt: skip
    result = run("train", comma_csv, "-t", "the y", "--exclude", '"x,1"', "-o", out,
                 "--epochs", 5, "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    for got, want in zip(_weights(out), _weights(reference), strict=True):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("spec", ['"x,1","b ""q"""', "0,1", '1,"x,1"'])
def test_plot_features_take_quoted_names_holding_commas(comma_csv, tmp_path, spec):
    pytest.importorskip("matplotlib")
    plot = tmp_path / "p.png"
    result = run("train", comma_csv, "-t", "the y", "--plot", plot, "--plot-features", spec,
                 "--epochs", 5, "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert plot.stat().st_size > 0


def test_an_npz_of_python_objects_is_named_as_such(tmp_path):
    """Labels of mixed types saved by NumPy become an object array, which only pickle
    reads: the line says so, not that the file may be truncated."""
    path = tmp_path / "mixed.npz"
    np.savez(path, X=np.ones((4, 2)), y=np.array([1, "a", 2.5, None], dtype=object))
    for lang, words in (("en", "holds Python objects"), ("es", "contiene objetos de Python")):
        result = run("--lang", lang, "train", path, "-t", "y", "-q")
        line = _one_line(result, words)
        assert "truncated" not in line
        assert "truncado" not in line
