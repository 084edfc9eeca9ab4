"""Edges round 13: class labels that look like missing values (issue 13, kind 9).

pyarrow's CSV reader reads ``NA``, ``N/A``, ``NaN``, ``null``, ``#N/A`` and other spellings
as missing values in every column, so a class target whose classes include ``NA`` (North
America) or ``null`` was refused as missing. Class labels are text as written: in a CSV
class-label column only an empty field is missing; number columns (features, a
regressor's target) keep reading those spellings as missing, and the message lists them.
"""

from __future__ import annotations

import csv
import json
import re

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers import run
from neurona.data import DataFile, read_xy
from neurona.data.readers import MISSING_SPELLINGS
from neurona.errors import DataError
from neurona.estimators import LogisticRegression, load

#: classes that pyarrow would read as missing, and one it would not
LOOKALIKES = ["NA", "N/A", "NaN", "null", "None"]
ENGLISH = re.compile(r"\b(the|must|holds|which|file|column|value|label|empty|count)\b")


def _clusters(labels: list[str], per_class: int = 6) -> tuple[np.ndarray, list[str]]:
    """Points around the vertices of a regular polygon, one vertex per label: each class
    is linearly separable from the rest (the vertices of a convex polygon)."""
    rng = np.random.default_rng(13)
    X, y = [], []
    for k, label in enumerate(labels):
        angle = 2 * np.pi * k / len(labels)
        centre = 10 * np.array([np.cos(angle), np.sin(angle)])
        X.append(centre + 0.3 * rng.standard_normal((per_class, 2)))
        y += [label] * per_class
    return np.vstack(X), y


def _write(path, X, y, names=("a", "b", "region")):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(names)
        for row, label in zip(X, y, strict=True):
            w.writerow([*(f"{v:.6f}" for v in row), label])
    return path


def _one_line(result, *phrases: str, lang_es: bool = False) -> str:
    assert result.exit_code != 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    if lang_es:
        words = re.sub(r"'[^']*'|--[a-z-]+|\((in|en) .*", "", lines[0].split("error", 1)[1])
        assert not ENGLISH.search(words), lines[0]
    return lines[0]


# --- the reader -----------------------------------------------------------------------
@pytest.mark.parametrize("label_type", ["text", "auto"])
def test_labels_that_look_missing_are_read_as_written(tmp_path, label_type):
    X, y = _clusters([*LOOKALIKES, "#N/A", "NULL"], per_class=2)
    path = _write(tmp_path / "d.csv", X, y)
    table = read_xy(path, target="region", label_type=label_type)
    assert table.y.tolist() == y
    np.testing.assert_allclose(table.X, np.round(X, 6))
    reader = DataFile(path, target="region", label_type=label_type)
    assert reader.labels().tolist() == sorted(set(y))
    # streamed in small chunks: the same labels, every chunk
    got = [v for t in DataFile(path, target="region").chunks(64) for v in t.y.tolist()]
    assert got == y


def test_auto_reads_numbers_but_nan_is_no_number(tmp_path):
    """``--label-type auto``: 0/1 are integers; with a ``NaN`` class every label is text."""
    path = tmp_path / "n.csv"
    path.write_text("a,y\n1,0\n2,1\n3,1\n")
    assert read_xy(path, target="y", label_type="auto").y.tolist() == [0, 1, 1]
    path.write_text("a,y\n1,0\n2,1\n3,NaN\n")
    y = read_xy(path, target="y", label_type="auto").y
    assert y.tolist() == ["0", "1", "NaN"]
    assert all(isinstance(v, str) for v in y)


@pytest.mark.parametrize("empty", ["", '""'])
def test_an_empty_label_is_still_missing_and_named_by_row(tmp_path, empty):
    path = tmp_path / "e.csv"
    path.write_text(f"a,y\n1,NA\n2,EU\n3,{empty}\n4,EU\n")
    with pytest.raises(DataError, match=r"column 'y' has a missing value at data row 3 "
                       r"\(line 4 of the file\): .*an empty field"):  # fmt: skip
        read_xy(path, target="y")
    with pytest.raises(DataError, match=r"data row 3 \(line 4 of the file\)"):
        DataFile(path, target="y").labels(chunk_bytes=8)


@pytest.mark.parametrize("spelling", MISSING_SPELLINGS)
def test_number_columns_still_read_the_spellings_as_missing(tmp_path, spelling):
    """A feature and a regressor's target: each spelling is a missing value, and the
    message lists the spellings (the empty field as "empty fields")."""
    path = tmp_path / "f.csv"
    path.write_text(f"a,b,y\n1,2,NA\n3,{spelling},EU\n")
    with pytest.raises(DataError, match=r"column 'b' has a missing value at data row 2") as e:
        read_xy(path, target="y")
    for listed in MISSING_SPELLINGS[1:]:
        if listed.lower() not in ("nan", "-nan"):
            assert f" {listed}," in str(e.value) or f" {listed} count" in str(e.value)
    assert "NaN in any spelling" in str(e.value)
    path.write_text(f"a,y\n1,2.5\n3,{spelling}\n")
    with pytest.raises(DataError, match=r"column 'y' has a missing value at data row 2"):
        read_xy(path, target="y", target_kind="numbers")


def test_the_count_of_missing_values_leaves_out_labels_as_written(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("a,b,y\n1,,NA\nNA,4,null\n5,1,NA\n6,2,\n")
    with pytest.raises(DataError) as e:
        read_xy(path, target="y")
    text = str(e.value)
    assert "3 missing value(s) in 3 column(s)" in text, text
    assert "'y' 1 (first at data row 4)" in text, text


def test_parquet_labels_are_unaffected(tmp_path):
    """Parquet stores real nulls: the text "NA" is a class, a null is missing."""
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"a": [1.0, 2.0, 3.0], "y": ["NA", "EU", "null"]}), path)
    assert read_xy(path, target="y").y.tolist() == ["NA", "EU", "null"]
    pq.write_table(pa.table({"a": [1.0, 2.0, 3.0], "y": ["NA", None, "EU"]}), path)
    with pytest.raises(DataError, match=r"column 'y' has a missing value at data row 2: "
                       r"fill it in or drop that row \(a null or NaN value\)"):  # fmt: skip
        read_xy(path, target="y")


# --- the command line: train, predict, evaluate ------------------------------------------
@pytest.mark.parametrize("stream", [False, True])
def test_train_predict_evaluate_round_trip(tmp_path, stream):
    X, y = _clusters(LOOKALIKES)
    data = _write(tmp_path / "d.csv", X, y)
    model = tmp_path / "m.npz"
    args = ["train", data, "-t", "region", "--model", "logistic", "--epochs", "300",
            "--seed", "0", "-q", "-o", model, *(["--stream"] if stream else [])]  # fmt: skip
    result = run(*args)
    assert result.exit_code == 0, result.output
    clf = load(model)
    assert clf.classes_.tolist() == sorted(LOOKALIKES)
    # the same fit in memory from Python strings: the CSV path read the labels as written
    ref = LogisticRegression(epochs=300, random_state=0).fit(np.round(X, 6), np.array(y))
    np.testing.assert_array_equal(clf.predict(np.round(X, 6)), ref.predict(np.round(X, 6)))
    assert clf.predict(np.round(X, 6)).tolist() == y  # separable: every row right

    out = tmp_path / "p.csv"
    result = run("predict", model, data, "--features", "a,b", "--keep", "region", "-o", out)
    assert result.exit_code == 0, result.output
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["region"] for r in rows] == y  # kept as written, not emptied
    assert [r["prediction"] for r in rows] == y

    result = run("evaluate", model, data, "-t", "region", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["accuracy"] == 1.0
    assert summary["n_samples"] == len(y)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_cli_empty_label_is_one_line_naming_the_row(tmp_path, lang):
    data = tmp_path / "e.csv"
    data.write_text("a,b,region\n1,2,NA\n3,4,EU\n5,1,\n")
    line = _one_line(run("--lang", lang, "train", data, "-t", "region", "-q"),
                     "'region'", lang_es=lang == "es")  # fmt: skip
    if lang == "en":
        assert "data row 3 (line 4 of the file)" in line
        assert "an empty field" in line
    else:
        assert "fila de datos 3 (línea 4 del archivo)" in line
        assert "un campo vacío" in line


@pytest.mark.parametrize("lang", ["en", "es"])
def test_cli_regression_target_na_is_still_missing(tmp_path, lang):
    data = tmp_path / "r.csv"
    data.write_text("a,b,y\n1,2,NA\n3,4,2\n5,1,3\n")
    line = _one_line(run("--lang", lang, "train", data, "-t", "y", "--model", "linear", "-q"),
                     "'y'", lang_es=lang == "es")  # fmt: skip
    assert ("data row 1" if lang == "en" else "fila de datos 1") in line
    assert "#N/A" in line
    assert "NULL" in line


def test_cli_missing_mean_fills_a_feature_na_and_keeps_the_na_class(tmp_path):
    """``--missing mean``: the feature's NA is filled with the column mean (computed here
    with NumPy), the class NA is a class."""
    X, y = _clusters(["NA", "EU"], per_class=5)
    data = _write(tmp_path / "d.csv", X, y)
    text = data.read_text().splitlines()
    first = text[1].split(",")
    text[1] = ",".join(["NA", *first[1:]])
    data.write_text("\n".join(text) + "\n")
    model = tmp_path / "m.npz"
    result = run("train", data, "-t", "region", "--missing", "mean", "-q", "-o", model)
    assert result.exit_code == 0, result.output
    clf = load(model)
    assert sorted(clf.classes_.tolist()) == ["EU", "NA"]
    from neurona.io import read_metadata

    columns = read_metadata(model)["data"]["preprocessing"]["columns"]
    assert columns[0]["name"] == "a"
    assert columns[0]["fill"] == pytest.approx(np.mean(np.round(X[1:, 0], 6)), abs=1e-9)
