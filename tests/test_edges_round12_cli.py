"""Edges round 12, command-line side (issue 13's kinds 9, 13, 14 and 15).

* Numbers as people write them (``1,000.5``, ``1.000,5``, ``1 000``, ``10%``, ``$10.5``,
  ``10 EUR``) were refused as "not a number" with a hint to use a classifier, or called a
  decimal comma: the message now says what is in the way (digit groups, a percent sign,
  a currency) and how to write the number.
* An Excel workbook (``.xls`` or ``.xlsx``) named ``.csv`` was called UTF-16 text or an
  ``.npz`` file; a ``.xlsx``/``.zip`` name was told to be renamed ``*.csv``; a zip of a
  CSV named ``.csv`` was told to be renamed ``*.npz``. Each is now said to be a workbook
  (save the sheet as CSV) or an archive (unpack it, naming what it holds).
* Comment lines (``# ...``) were reported as rows with missing fields, values that are
  not numbers, or a header with no such column: now said to be comments, to delete.
* ``--out -`` (and ``--plot -``) wrote a file (a folder) named ``-``, or refused it for
  its missing extension: ``-`` is now refused as standard output, before anything runs.
* ``--features a,a`` and ``--keep y,y`` said a column was named twice without naming it.
"""

from __future__ import annotations

import re
import zipfile

import numpy as np
import pytest

from helpers import one_line_failure, run

ENGLISH = re.compile(r"\b(the|must|holds|which|file|column|model|value|numbers|written)\b")


def _one_line(result, *phrases: str, lang_es: bool = False) -> str:
    """A failure of one line on stderr, no traceback; each of ``phrases`` in it."""
    return one_line_failure(result, *phrases, spanish_without=ENGLISH if lang_es else None)


def _csv(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


# --- kind 9/14: numbers written with groups, percent signs, currencies -------------------
WRITTEN = [
    ("1,000.5", ",", "digits grouped by ','"),
    ("2,000,000", ",", "digits grouped by ','"),
    ("1 000", ",", "digits grouped by ' '"),
    ("1'000", ",", 'digits grouped by "\'"'),
    ("1.000,5", ";", "digits grouped by '.'"),
    ("10%", ",", "a percent sign"),
    ("12,5 %", ";", "a percent sign"),
    ("$10.5", ",", "a currency sign"),
    ("10 EUR", ",", "a currency sign"),
    ("€1.000,50", ";", "a currency sign"),
]


@pytest.mark.parametrize(("value", "sep", "phrase"), WRITTEN)
def test_a_regression_target_written_for_people_says_what_is_in_the_way(
    tmp_path, value, sep, phrase
):
    other = "2,5" if sep == ";" else "2.5"
    path = _csv(tmp_path / "r.csv", f'a{sep}y\n1{sep}{other}\n2{sep}"{value}"\n3{sep}{other}\n')
    line = _one_line(
        run("train", path, "-t", "y", "--model", "linear", "-q", "-o", tmp_path / "m.npz"),
        phrase,
        "target column 'y'",
        "data row 2",
    )
    assert "decimal comma" not in line
    assert not (tmp_path / "m.npz").exists()


@pytest.mark.parametrize(("value", "sep", "phrase"), WRITTEN[:1] + WRITTEN[5:6] + WRITTEN[7:8])
def test_a_feature_written_for_people_says_what_is_in_the_way(tmp_path, value, sep, phrase):
    path = _csv(tmp_path / "f.csv", f'a,y\n"{value}",r\n2,b\n')
    _one_line(run("train", path, "-t", "y", "-q", "-o", tmp_path / "m.npz"), phrase, "column 'a'")


def test_numbers_written_for_people_in_spanish(tmp_path):
    for value, phrase in [("1,000.5", "dígitos agrupados"), ("10%", "porcentaje"),
                          ("$10.5", "moneda")]:  # fmt: skip
        path = _csv(tmp_path / "r.csv", f'a,y\n1,2\n2,"{value}"\n')
        args = ("train", path, "-t", "y", "--model", "linear", "-q", "-o", tmp_path / "m.npz")
        _one_line(run("--lang", "es", *args), phrase, lang_es=True)


def test_plain_numbers_still_read(tmp_path):
    path = _csv(tmp_path / "r.csv", "a;y\n1;1,5\n2;2,5\n3;3,5\n")
    result = run("train", path, "-t", "y", "--model", "linear", "-q", "-o", tmp_path / "m.npz")
    assert result.exit_code == 0, result.output


# --- kind 14: workbooks and archives ------------------------------------------------------
def _xlsx(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _ods(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return path


def _zip_of_csv(path, names=("data.csv",)):
    with zipfile.ZipFile(path, "w") as z:
        for name in names:
            z.writestr(name, "a,y\n1,r\n2,b\n")
    return path


def _xls(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # OLE2's magic
    return path


def _named_xls(path):
    path.write_bytes(b"anything")
    return path


SPREADSHEETS = {
    "xls named csv": lambda p: _xls(p.with_name("w.csv")),
    "xlsx named csv": lambda p: _xlsx(p.with_name("w.csv")),
    "ods named csv": lambda p: _ods(p.with_name("w.csv")),
    "xlsx": lambda p: _xlsx(p.with_name("w.xlsx")),
    "xls": lambda p: _named_xls(p.with_name("w.xls")),
}


@pytest.mark.parametrize("kind", sorted(SPREADSHEETS))
@pytest.mark.parametrize("command", ["train", "predict", "separable"])
def test_a_spreadsheet_is_said_to_be_one(tmp_path, kind, command):
    path = SPREADSHEETS[kind](tmp_path / "x")
    model = tmp_path / "m.npz"
    if command == "predict":
        good = _csv(tmp_path / "g.csv", "a,y\n0,r\n1,b\n")
        assert run("train", good, "-t", "y", "-q", "-o", model).exit_code == 0
    args = {"train": ("train", path, "-t", "y", "-q", "-o", model),
            "predict": ("predict", model, path),
            "separable": ("separable", path, "-t", "y")}[command]  # fmt: skip
    line = _one_line(run(*args), path.name, "spreadsheet", "save the sheet as CSV")
    assert "UTF-16" not in line
    assert "*.csv" not in line
    assert "npz" not in line.split(":")[-1]


def test_a_spreadsheet_in_spanish(tmp_path):
    path = _xlsx(tmp_path / "w.csv")
    _one_line(run("--lang", "es", "train", path, "-t", "y"), "hoja de cálculo", lang_es=True)


@pytest.mark.parametrize("name", ["d.csv", "d.zip", "d.tsv"])
def test_an_archive_is_said_to_be_one_with_what_it_holds(tmp_path, name):
    path = _zip_of_csv(tmp_path / name, names=[f"part{i}.csv" for i in range(5)])
    line = _one_line(run("train", path, "-t", "y", "-q", "-o", tmp_path / "m.npz"),
                     "archive", "unpack it")  # fmt: skip
    assert "*.npz" not in line
    assert "*.csv" not in line
    if name != "d.zip":  # read by its content: the members are named
        assert "'part0.csv'" in line
        assert "2 more" in line


def test_an_archive_in_spanish(tmp_path):
    path = _zip_of_csv(tmp_path / "d.csv")
    _one_line(run("--lang", "es", "train", path, "-t", "y"), "desempaqu", lang_es=True)


def test_an_npz_named_csv_is_still_told_to_be_named_npz(tmp_path):
    import numpy as np

    path = tmp_path / "d.csv"
    with open(path, "wb") as f:
        np.savez(f, X=np.eye(2), y=np.arange(2))
    _one_line(run("train", path, "-t", "y"), "name it *.npz")


# --- kind 14: comment lines ---------------------------------------------------------------
COMMENTED = {
    "a first line": ("# made by hand\na,b,y\n1,2,r\n3,4,b\n", "header line starts with '#'"),
    "a short line": ("a,b,y\n1,2,r\n# checked\n3,4,b\n", "line 3 of the file) starts with '#'"),
    "a full line": ("a,b,y\n1,2,r\n# x,y,z\n3,4,b\n", "a comment"),
}


@pytest.mark.parametrize("kind", sorted(COMMENTED))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_comment_lines_are_said_to_be_comments(tmp_path, kind, lang):
    text, phrase = COMMENTED[kind]
    path = _csv(tmp_path / "c.csv", text)
    line = _one_line(run("--lang", lang, "train", path, "-t", "y", "-q", "-o", tmp_path / "m"),
                     lang_es=lang == "es")  # fmt: skip
    assert "'#'" in line
    if lang == "en":
        assert phrase in line, line
        assert "delete the" in line, line
    else:
        assert "comentario" in line, line
        assert "borra" in line, line


# --- kind 13: '-' as an output ------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_dash_output_is_not_written_as_a_file(tmp_path, monkeypatch, lang):
    monkeypatch.chdir(tmp_path)
    data = _csv(tmp_path / "d.csv", "a,b,y\n0,0,r\n0,1,r\n5,5,b\n6,5,b\n")
    assert run("train", data, "-t", "y", "-q", "-o", "m.npz").exit_code == 0
    before = (tmp_path / "m.npz").read_bytes()
    for args in (("train", data, "-t", "y", "-q", "-o", "-"),
                 ("train", data, "-t", "y", "-q", "-o", "m.npz", "--plot", "-"),
                 ("predict", "m.npz", data, "-o", "-"),
                 ("datasets", "iris", "-o", "-"),
                 ("animate", data, "-t", "y", "--epochs", "1", "-o", "-"),
                 ("tour", "--quick", "-o", "-")):  # fmt: skip
        line = _one_line(run("--lang", lang, *args), lang_es=lang == "es")
        assert ("standard output" if lang == "en" else "salida estándar") in line, line
        assert not (tmp_path / "-").exists()
    assert (tmp_path / "m.npz").read_bytes() == before


def test_without_out_predict_still_prints(tmp_path):
    data = _csv(tmp_path / "d.csv", "a,b,y\n0,0,r\n0,1,r\n5,5,b\n6,5,b\n")
    model = tmp_path / "m.npz"
    assert run("train", data, "-t", "y", "-q", "-o", model).exit_code == 0
    result = run("predict", model, data)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["r", "r", "b", "b"]


# --- kind 15: a column named twice --------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_column_named_twice_is_named(tmp_path, lang):
    data = _csv(tmp_path / "d.csv", "a b,c,y\n0,0,r\n0,1,r\n5,5,b\n6,5,b\n")
    model = tmp_path / "m.npz"
    es = lang == "es"
    line = _one_line(run("--lang", lang, "train", data, "-t", "y", "--features", "c,a b,c"),
                     "'c'", "--features", lang_es=es)  # fmt: skip
    assert ("each column once" if not es else "una sola vez") in line
    assert run("train", data, "-t", "y", "-q", "-o", model).exit_code == 0
    line = _one_line(run("--lang", lang, "predict", model, data, "--keep", "y,a b,y"),
                     "'y'", "--keep", lang_es=es)  # fmt: skip
    assert ("each column once" if not es else "una sola vez") in line


# --- kind 14: Parquet columns of decimals, dictionaries, booleans; Arrow IPC files --------
def _parquet(path, **columns):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path)
    return path


def _coefficients(model_path):
    import neurona

    model = neurona.load(model_path)
    return np.ravel(model.coef_).tolist(), np.ravel(model.intercept_).tolist()


@pytest.mark.parametrize("stream", [False, True])
def test_decimal_columns_are_numbers(tmp_path, stream):
    from decimal import Decimal

    pa = pytest.importorskip("pyarrow")
    xs, ys = [0.5, 1.5, 5.5, 6.25], [1.5, 2.5, 3.75, 4.5]
    exact = _parquet(tmp_path / "d.parquet", a=pa.array([Decimal(str(v)) for v in xs]),
                     y=pa.array([Decimal(str(v)) for v in ys]))  # fmt: skip
    floats = _parquet(tmp_path / "f.parquet", a=pa.array(xs), y=pa.array(ys))
    fits = []
    for path in (exact, floats):
        out = tmp_path / f"{path.stem}.npz"
        extra = ("--stream",) if stream else ()
        result = run("train", path, "-t", "y", "--model", "linear", *extra, "-q", "-o", out)
        assert result.exit_code == 0, result.output
        fits.append(_coefficients(out))
    assert fits[0] == fits[1]
    X = np.c_[np.ones(4), xs]  # the least-squares line, by the normal equations
    bias, slope = np.linalg.solve(X.T @ X, X.T @ np.asarray(ys))
    assert fits[0][0] == pytest.approx([slope])
    assert fits[0][1] == pytest.approx([bias])


def test_decimal_and_dictionary_features_train_as_their_plain_twins(tmp_path):
    from decimal import Decimal

    pa = pytest.importorskip("pyarrow")
    a, b, y = [0.5, 1.5, 5.5, 6.5], [1, 2, 1, 2], ["r", "r", "b", "b"]
    odd = _parquet(tmp_path / "odd.parquet", a=pa.array([Decimal(str(v)) for v in a]),
                   b=pa.array(b).dictionary_encode(), y=pa.array(y))  # fmt: skip
    plain = _parquet(tmp_path / "plain.parquet", a=pa.array(a), b=pa.array(b), y=pa.array(y))
    for options in ((), ("--scale", "standard")):
        fits = []
        for path in (odd, plain):
            out = tmp_path / f"{path.stem}.npz"
            result = run("train", path, "-t", "y", "--epochs", "5", *options, "-q", "-o", out)
            assert result.exit_code == 0, result.output
            fits.append(_coefficients(out))
            assert run("predict", out, odd).stdout.split() == y
        assert fits[0] == fits[1]


def test_a_dictionary_text_column_is_one_hot_encoded(tmp_path):
    pa = pytest.importorskip("pyarrow")
    y = ["r", "b", "r", "b"]
    coded = _parquet(tmp_path / "c.parquet", a=pa.array(y).dictionary_encode(), y=pa.array(y))
    plain = _parquet(tmp_path / "p.parquet", a=pa.array(y), y=pa.array(y))
    fits = []
    for path in (coded, plain):
        out = tmp_path / f"{path.stem}.npz"
        result = run("train", path, "-t", "y", "--one-hot", "-q", "-o", out)
        assert result.exit_code == 0, result.output  # was pyarrow's AttributeError
        fits.append(_coefficients(out))
    assert fits[0] == fits[1]


def test_boolean_features_are_zero_and_one(tmp_path):
    pa = pytest.importorskip("pyarrow")
    y = ["r", "b", "r", "b"]
    flags = _parquet(tmp_path / "b.parquet", a=pa.array([True, False, True, False]), y=pa.array(y))
    ones = _parquet(tmp_path / "n.parquet", a=pa.array([1.0, 0.0, 1.0, 0.0]), y=pa.array(y))
    fits = []
    for path in (flags, ones):
        out = tmp_path / f"{path.stem}.npz"
        assert run("train", path, "-t", "y", "-q", "-o", out).exit_code == 0
        fits.append(_coefficients(out))
    assert fits[0] == fits[1]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_columns_that_are_not_numbers_say_what_to_do(tmp_path, lang):
    import datetime

    pa = pytest.importorskip("pyarrow")
    y = pa.array(["r", "b"])
    text = _parquet(tmp_path / "t.parquet", a=pa.array(["x", "z"]), y=y)
    dates = _parquet(tmp_path / "d.parquet", a=pa.array([datetime.date(2020, 1, 1)] * 2), y=y)
    es = lang == "es"
    line = _one_line(run("--lang", lang, "train", text, "-t", "y"), "--one-hot", lang_es=es)
    assert not line.endswith("or encode it")
    line = _one_line(run("--lang", lang, "train", dates, "-t", "y"), "date32", lang_es=es)
    assert ("store it as numbers" if not es else "guárdala como números") in line
    line = _one_line(run("--lang", lang, "animate", text, "-t", "y", "-o", tmp_path / "a.gif"),
                     "--exclude", lang_es=es)  # fmt: skip
    assert "--one-hot" not in line


@pytest.mark.parametrize("name", ["t.feather", "t.arrow", "t.csv"])
def test_an_arrow_ipc_file_is_said_to_be_one(tmp_path, name):
    pa = pytest.importorskip("pyarrow")
    from pyarrow import feather

    path = tmp_path / name
    feather.write_feather(pa.table({"a": [1.0, 2.0], "y": ["r", "b"]}), str(path))
    line = _one_line(run("train", path, "-t", "y"), "Arrow IPC (Feather)", "as Parquet")
    assert "UTF-16" not in line
    _one_line(run("--lang", "es", "train", path, "-t", "y"), "Parquet", lang_es=True)


# --- kind 14: very wide files -------------------------------------------------------------
def test_wide_files_find_each_named_column_in_one_lookup(tmp_path, monkeypatch):
    """A model's 3000 feature names were each found by a scan of the file's columns (a
    100 000-column file spent minutes there); a name is now one lookup."""
    import neurona.data.readers as readers

    n = 3000
    names = [f"c{i}" for i in range(n)]
    rows = [",".join(["y", *names])] + [",".join([c, *("1" if i % 3 == r else "0"
                                                       for i in range(n))])
                                        for r, c in enumerate("rbr")]  # fmt: skip
    path = _csv(tmp_path / "w.csv", "\n".join(rows) + "\n")
    scans = []
    original = readers._pick
    monkeypatch.setattr(readers, "_pick", lambda *a, **k: scans.append(a) or original(*a, **k))
    wanted = list(reversed(names))
    data = readers.DataFile(path, target="y", features=wanted)
    assert data.feature_names == wanted
    assert not scans  # every name, the target too, found without a scan
    table = data.read()
    X, y = table.X, table.y
    assert X.shape == (3, n)
    assert X[0, -1] == 1.0  # column c0 of row 'r' (0 % 3 == 0), last in the order asked
    assert list(y) == ["r", "b", "r"]
    with pytest.raises(readers.DataError, match="no feature column 'zz'"):
        readers.DataFile(path, target="y", features=["c1", "zz"])
