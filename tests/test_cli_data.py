"""The command line on data as people have it: Spanish spreadsheets, id columns, sorted
rows, and the small things a new user meets first (--version, the model not saved, the
defaults in --help).

The reference for each file is the same data written plainly (commas, decimal points,
UTF-8 without a byte order mark): the model trained on it must be the same, weight for
weight. The sorted-rows rule is checked on iris as shipped (sorted by class).
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sklearn.preprocessing import StandardScaler

import neurona
from helpers import run
from neurona.data import load_dataset
from neurona.errors import SortedDataWarning
from neurona.io import read_metadata

RNG = np.random.default_rng(11)
N = 60
AGE = RNG.integers(18, 65, N)
YEAR = RNG.integers(2000, 2024, N)
INCOME = np.round(RNG.normal(2000, 600, N), 2)
GENDER = RNG.choice(["F", "M"], N)
PASSED = np.where(INCOME / 100 + AGE / 4 > 30, "sí", "no")


def _spanish_and_plain(tmp_path):
    """The same table as a Spanish Excel writes it and as a plain CSV."""
    spanish = tmp_path / "es.csv"
    table = list(zip(AGE, YEAR, INCOME, GENDER, PASSED, strict=True))
    rows = [f"{a};{y};{str(i).replace('.', ',')};{g};{p}" for a, y, i, g, p in table]
    header = "Edad;Año;Ingreso;Género;Aprobado\n"
    spanish.write_bytes((header + "\n".join(rows) + "\n").encode("utf-8-sig"))
    plain = tmp_path / "plain.csv"
    rows = [f"{a},{y},{i},{g},{p}" for a, y, i, g, p in table]
    header = header.replace(";", ",")
    plain.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return spanish, plain


def test_a_spanish_excel_csv_trains_as_the_plain_one(tmp_path):
    spanish, plain = _spanish_and_plain(tmp_path)
    models = {}
    for path in (spanish, plain):
        out = tmp_path / f"{path.stem}.npz"
        result = run("train", path, "--target", "Aprobado", "--model", "adaline", "--one-hot",
                     "--shuffle", "--seed", "0", "-o", out)  # fmt: skip
        assert result.exit_code == 0, result.output
        models[path.stem] = (neurona.load(out), result.stderr.splitlines())
    (es, es_lines), (plain_model, plain_lines) = models["es"], models["plain"]
    np.testing.assert_array_equal(es.coef_, plain_model.coef_)
    np.testing.assert_array_equal(es.intercept_, plain_model.intercept_)
    assert f"read {spanish}: delimiter ';', decimal ',', encoding utf-8-sig" in es_lines
    assert f"read {plain}: delimiter ',', decimal '.', encoding utf-8" in plain_lines
    features = ["Edad", "Año", "Ingreso", "Género=F", "Género=M"]
    assert read_metadata(tmp_path / "es.npz")["data"]["features"] == features
    # and the reference: the numbers as written, in Python
    X = np.column_stack([AGE, YEAR, INCOME, GENDER == "F", GENDER == "M"]).astype(float)
    reference = neurona.Adaline(shuffle=True, random_state=0).fit(X, PASSED)
    np.testing.assert_array_equal(es.coef_, reference.coef_)


def test_the_dialect_line_is_left_out_with_quiet_and_json(tmp_path):
    spanish, _ = _spanish_and_plain(tmp_path)
    for flag in ("--quiet", "--json"):
        result = run("train", spanish, "--target", "Aprobado", "--one-hot", "--shuffle", flag)
        assert result.exit_code == 0, result.output
        assert "read " not in result.stderr


def test_decimal_overrides_what_the_first_lines_show(tmp_path):
    lines = [f"{i};{i % 7};{'a' if i % 2 else 'b'}" for i in range(300)]
    lines += [f"{i},5;{i % 7},25;{'a' if i % 2 else 'b'}" for i in range(300, 320)]
    data = tmp_path / "late.csv"
    data.write_text("x;z;y\n" + "\n".join(lines) + "\n")
    failed = run("train", data, "--target", "y", "--shuffle")
    assert failed.exit_code == 1
    assert "decimal comma" in failed.stderr
    out = tmp_path / "m.npz"
    result = run("train", data, "--target", "y", "--decimal", ",", "--shuffle", "--seed", "1",
                 "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"read {data}: delimiter ';', decimal ',', encoding utf-8" in result.stderr
    late = [[i + 0.5, i % 7 + 0.25] for i in range(300, 320)]
    X = np.array([[i, i % 7] for i in range(300)] + late, dtype=float)
    y = np.array(["a" if i % 2 else "b" for i in range(320)])
    reference = neurona.Perceptron(shuffle=True, random_state=1).fit(X, y)
    np.testing.assert_array_equal(neurona.load(out).coef_, reference.coef_)
    predicted = run("predict", out, data, "--decimal", ",", "--target", "y", "--json")
    assert predicted.exit_code == 0, predicted.output
    assert json.loads(predicted.stdout)["predictions"] == reference.predict(X).tolist()


def test_decimal_is_refused_where_it_cannot_apply(tmp_path):
    table = pa.table({"a": [1.0, 2.0, 3.0, 4.0], "y": ["p", "q", "p", "q"]})
    pq.write_table(table, tmp_path / "d.parquet")
    result = run("train", tmp_path / "d.parquet", "--target", "y", "--decimal", ",")
    assert result.exit_code == 1
    assert "--decimal applies to CSV and TSV files" in result.stderr


def _google_sheets(tmp_path):
    """The table of _spanish_and_plain as a Spanish Google Sheets / LibreOffice export
    writes it: comma-delimited, decimal commas inside quotes."""
    path = tmp_path / "gsheets.csv"
    table = list(zip(AGE, YEAR, INCOME, GENDER, PASSED, strict=True))
    rows = [f'{a},{y},"{str(i).replace(".", ",")}",{g},{p}' for a, y, i, g, p in table]
    path.write_text("Edad,Año,Ingreso,Género,Aprobado\n" + "\n".join(rows) + "\n")
    return path


@pytest.mark.parametrize("flags", [[], ["--decimal", ",", "--delimiter", ","]])
def test_a_google_sheets_csv_with_quoted_decimal_commas_trains_as_the_plain_one(tmp_path, flags):
    sheets, (_, plain) = _google_sheets(tmp_path), _spanish_and_plain(tmp_path)
    models = []
    for path in (sheets, plain):
        out = tmp_path / f"{path.stem}.npz"
        result = run("train", path, "--target", "Aprobado", "--one-hot", "--shuffle",
                     "--seed", "0", "-o", out, *(flags if path == sheets else []))  # fmt: skip
        assert result.exit_code == 0, result.output
        models.append(neurona.load(out))
    np.testing.assert_array_equal(models[0].coef_, models[1].coef_)
    features = read_metadata(tmp_path / "gsheets.npz")["data"]["features"]
    assert features == ["Edad", "Año", "Ingreso", "Género=F", "Género=M"]
    line = run("train", sheets, "--target", "Aprobado", "--one-hot", *flags).stderr
    assert f"read {sheets}: delimiter ',', decimal ',', encoding utf-8" in line


def test_numbers_with_decimal_commas_are_never_one_hot_encoded(tmp_path):
    sheets = _google_sheets(tmp_path)
    result = run("train", sheets, "--target", "Aprobado", "--one-hot", "--decimal", ".")
    assert result.exit_code == 1
    assert "column 'Ingreso' holds numbers written with a decimal comma" in result.stderr
    assert "pass --decimal ','" in result.stderr


def test_quoted_thousands_are_not_taken_for_decimal_commas(tmp_path):
    """ "1,234" may be a thousands separator: with every quoted number three digits after
    the comma, the file keeps the decimal point (and the column is refused as text)."""
    data = tmp_path / "t.csv"
    data.write_text('a,n,y\n1,"1,234",p\n2,"2,500",q\n3,"3,750",p\n4,"4,125",q\n')
    result = run("train", data, "--target", "y")
    assert result.exit_code == 1
    where = "data row 1 (line 2 of the file)"  # the first row after the header
    assert f"column 'n' at {where} holds '1,234', which is not a number" in result.stderr


# --------------------------------------------------------------------------- ids


def _with_ids(tmp_path):
    ds = load_dataset("iris-2")
    ids = np.arange(1000, 1000 + len(ds.y))
    lines = [f"{i},{x0},{x1},{y}" for i, (x0, x1), y in zip(ids, ds.X, ds.y, strict=True)]
    path = tmp_path / "ids.csv"
    path.write_text("id," + ",".join(ds.feature_names) + ",species\n" + "\n".join(lines) + "\n")
    return path, ds, ids


def test_exclude_leaves_the_id_out_and_keep_carries_it_through(tmp_path):
    path, ds, ids = _with_ids(tmp_path)
    model = tmp_path / "m.npz"
    result = run("train", path, "-t", "species", "--exclude", "id", "--no-shuffle", "-o", model,
                 "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert read_metadata(model)["data"]["features"] == list(ds.feature_names)
    reference = neurona.Perceptron().fit(ds.X, ds.y)
    np.testing.assert_array_equal(neurona.load(model).coef_, reference.coef_)
    out = tmp_path / "pred.csv"
    result = run("predict", model, path, "--keep", "id", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    written = pa.csv.read_csv(out)
    assert written.column_names == ["id", "prediction"]
    assert written.column("id").to_pylist() == ids.tolist()
    assert written.column("prediction").to_pylist() == reference.predict(ds.X).tolist()
    printed = run("predict", model, path, "--keep", "id").stdout.splitlines()
    assert printed[0] == "id,prediction"
    assert printed[1:] == [f"{i},{p}" for i, p in zip(ids, reference.predict(ds.X), strict=True)]


def test_exclude_names_a_missing_column_in_words(tmp_path):
    path, _, _ = _with_ids(tmp_path)
    result = run("train", path, "-t", "species", "--exclude", "code")
    assert result.exit_code == 2
    assert "--exclude code: no such column" in result.stderr
    assert result.stderr.count("\n") == 1


# --------------------------------------------------------------------------- first steps


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"neurona {neurona.__version__}\n"


def test_train_without_out_says_the_model_was_not_saved(tmp_path):
    result = run("train", "--dataset", "iris-2", "--epochs", "3")
    assert result.exit_code == 0, result.output
    note = "neurona: note: the model was not saved (pass --out FILE to keep it)"
    assert note in result.stderr.splitlines()
    saved = run("train", "--dataset", "iris-2", "--epochs", "3", "-o", tmp_path / "m.npz")
    assert "not saved" not in saved.stderr


def test_help_shows_the_estimators_defaults():
    text = " ".join(run("train", "--help").stdout.split())
    defaults = {name: cls().get_params() for name, cls in neurona.estimators.ESTIMATORS.items()}
    epochs = {d["epochs"] for d in defaults.values()}
    if len(epochs) == 1:
        assert f"Passes over the data. [default: {epochs.pop()}]" in text
    shown = "; ".join(f"{m}: {d['reduction']}" for m, d in defaults.items())
    assert f"How a step combines its rows. [default: {shown}]" in text
    assert "[default: none]" in " ".join(run("train", "--help").stdout.split())


def test_library_errors_use_the_command_lines_syntax():
    result = run("train", "--dataset", "diabetes", "--model", "adaline", "--mode", "batch",
                 "--reduction", "sum", "--learning-rate", "1", "--epochs", "5", "-q")  # fmt: skip
    assert result.exit_code == 1
    assert "--learning-rate 1" in result.stderr
    assert "learning_rate=" not in result.stderr
    assert "(--scale standard)" in result.stderr


# --------------------------------------------------------------------------- sorted rows


def _standard_iris():
    ds = load_dataset("iris")
    return StandardScaler().fit_transform(ds.X), ds.y


def test_iris_sorted_by_class_warns_and_names_the_fix():
    X, y = _standard_iris()
    assert (y[:50] == y[0]).all()  # as shipped: sorted by class
    with pytest.warns(SortedDataWarning, match=r"sorted by class.*shuffle=True") as record:
        model = neurona.Adaline().fit(X, y)
    assert len(record) == 1
    assert model.score(X, y) < 0.5  # the lecture's order on sorted rows: a poor model
    with warnings.catch_warnings():
        warnings.simplefilter("error", SortedDataWarning)
        shuffled = neurona.Adaline(shuffle=True, random_state=0).fit(X, y)
        order = np.random.default_rng(0).permutation(len(y))
        neurona.Adaline().fit(X[order], y[order])  # rows not sorted: nothing to say
        neurona.Adaline(mode="batch").fit(X, y)  # the order cannot matter
        neurona.Adaline(solver="normal").fit(X, y)
        few = [0, 1, 50, 51]
        neurona.Perceptron().fit(X[few], y[few])  # a handful of rows (as the gates)
    assert shuffled.score(X, y) >= 0.8


@pytest.mark.filterwarnings("always::neurona.errors.SortedDataWarning")  # pyproject hides it
def test_the_command_line_warns_unless_the_order_is_asked_for():
    result = run("train", "--dataset", "iris", "--model", "adaline")
    warned = [line for line in result.stderr.splitlines() if "SortedDataWarning" in line]
    assert len(warned) == 1
    assert "pass --shuffle" in warned[0]
    assert "shuffle=True" not in warned[0]
    quiet = run("train", "--dataset", "iris", "--model", "adaline", "--no-shuffle")
    assert "SortedDataWarning" not in quiet.stderr


def test_every_missing_value_is_counted_without_preprocessing(tmp_path):
    data = tmp_path / "holes.csv"
    data.write_text("a,b,y\n1,,p\n,2,q\n3,,p\n4,5,q\n")
    result = run("train", data, "-t", "y")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "3 missing value(s) in 2 column(s): 'a' 1 (first at data row 2), 'b' 2 " in (
        result.stderr
    )
    assert "--missing drop" in result.stderr


def test_predict_writes_in_the_dialect_of_its_input(tmp_path):
    """A ';'-delimited, decimal-comma, BOM file: the predictions (file and stdout) come out
    the same way, kept columns exactly as written (3,39 stays 3,39; no quotes added)."""
    spanish, _ = _spanish_and_plain(tmp_path)
    model = tmp_path / "m.npz"
    assert run("train", spanish, "--target", "Aprobado", "--exclude", "Género", "--shuffle",
               "-o", model).exit_code == 0  # fmt: skip
    out = tmp_path / "p.csv"
    keep = ("--keep", "Ingreso,Género")
    result = run("predict", model, spanish, *keep, "-o", out)
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the input's byte order mark
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Ingreso;Género;prediction"
    written = [line.split(";") for line in spanish.read_text("utf-8-sig").splitlines()[1:]]
    X = np.column_stack([AGE, YEAR, INCOME]).astype(float)
    expected = neurona.load(model).predict(X)
    assert lines[1:] == [f"{r[2]};{r[3]};{p}" for r, p in zip(written, expected, strict=True)]
    assert '"' not in "".join(lines)
    printed = run("predict", model, spanish, *keep, "--lang", "en")
    assert printed.stdout.splitlines() == lines


def test_predict_writes_numbers_with_the_inputs_decimal_comma(tmp_path):
    lines = [f"{i};{i % 5},5;{2 * i + (i % 5) + 0.5:.1f}".replace(".", ",") for i in range(30)]
    data = tmp_path / "r.csv"
    data.write_text("a;b;y\n" + "\n".join(lines) + "\n")
    model = tmp_path / "r.npz"
    assert run("train", data, "--target", "y", "--model", "linear", "-o", model).exit_code == 0
    out = tmp_path / "pr.csv"
    assert run("predict", model, data, "-o", out).exit_code == 0
    X = np.array([[i, i % 5 + 0.5] for i in range(30)])
    reference = neurona.load(model).predict(X)
    got = [float(v.replace(",", ".")) for v in out.read_text().splitlines()[1:]]
    assert all("." not in v for v in out.read_text().splitlines()[1:])
    np.testing.assert_allclose(got, reference, rtol=1e-15)


def _iris_with_id(tmp_path):
    """iris with an id first and the species second: file columns 0..5."""
    ds = load_dataset("iris")
    lines = [f"{1000 + i},{label}," + ",".join(map(str, row))
             for i, (row, label) in enumerate(zip(ds.X, ds.y, strict=True))]  # fmt: skip
    path = tmp_path / "iris_id.csv"
    path.write_text("id,species," + ",".join(ds.feature_names) + "\n" + "\n".join(lines) + "\n")
    return path


def test_plot_features_numbers_count_the_files_columns_as_features_does(tmp_path, monkeypatch):
    import neurona.plot

    data = _iris_with_id(tmp_path)
    saved = {}
    original = neurona.plot.save_figure

    def spy(fig, path, **kwargs):
        saved[str(path).rsplit("/", 1)[-1]] = fig
        return original(fig, path, **kwargs)

    monkeypatch.setattr(neurona.plot, "save_figure", spy)
    # file columns 4 and 5 are petal_length and petal_width, whatever --exclude removed
    result = run("train", data, "-t", "species", "--exclude", "id", "--epochs", "2", "--plot",
                 tmp_path / "p", "--plot-features", "4,5", "-q", "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    ax = saved["boundary.png"].axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("petal_length", "petal_width")
    # --features counts the same way
    same = run("train", data, "-t", "1", "--features", "4,5", "--epochs", "2", "-q", "--json")
    assert same.exit_code == 0, same.output
    # the target's column, and a column the file lacks, are refused in words
    for spec, words in (("1,4", "'species' is not a feature column"),
                        ("4,9", "the file has no column 9")):  # fmt: skip
        for command in (["train", data, "-t", "species", "--plot", tmp_path / "q"],
                        ["animate", data, "-t", "species", "-o", tmp_path / "a.gif"]):  # fmt: skip
            bad = run(*command, "--plot-features", spec, "--lang", "en")
            assert bad.exit_code != 0
            assert words in bad.output, bad.output


def test_rows_are_numbered_from_1_after_the_header_everywhere(tmp_path):
    """One convention for the command line: data rows counted from 1 (the first line
    after the header is row #1), in separable's certificates and the missing-value
    report alike."""
    xor = tmp_path / "xor.csv"
    xor.write_text("a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    result = run("separable", xor, "--target", "y", "--lang", "en")
    assert result.exit_code == 0, result.output
    # rows 1 and 4 are class 0, rows 2 and 3 class 1 (the mathematics of XOR)
    assert "rows #1, #4 (class 0)" in result.stdout
    assert "rows #2, #3 (class 1)" in result.stdout
    as_json = json.loads(run("separable", xor, "--target", "y", "--json").stdout)
    assert sorted(as_json["witness_rows"]) == [1, 2, 3, 4]
    missing = tmp_path / "m.csv"
    missing.write_text("a,b,y\n1,2,p\n3,4,q\n5,,p\n6,7,q\n")
    result = run("train", missing, "--target", "y", "--scale", "standard", "--lang", "en")
    assert result.exit_code == 1
    assert "data row 3" in result.output, result.output


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_a_windows_spanish_csv_is_read_as_cp1252_and_says_so(tmp_path, codec):
    """Bytes that are not UTF-8 (Excel's "CSV" on Windows): read as cp1252, the same
    model as the UTF-8 file, and the encoding printed with the dialect."""
    _, plain = _spanish_and_plain(tmp_path)
    text = plain.read_text("utf-8")
    legacy = tmp_path / "win.csv"
    legacy.write_bytes(text.encode(codec))
    assert "Año".encode(codec) in legacy.read_bytes()  # not UTF-8: Año is b"A\xf1o"
    models = []
    for path in (plain, legacy):
        out = tmp_path / f"{path.stem}.npz"
        result = run("train", path, "--target", "Aprobado", "--one-hot", "--shuffle", "-o", out)
        assert result.exit_code == 0, result.output
        models.append(read_metadata(out)["data"]["features"])
    assert f"read {legacy}: delimiter ',', decimal '.', encoding cp1252" in result.stderr
    assert models[0] == models[1]


def test_keep_and_evaluate_speak_of_what_they_are(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("a,b,y\n1,2,p\n3,4,q\n5,6,p\n6,7,q\n")
    model = tmp_path / "m.npz"
    assert run("train", data, "--target", "y", "-o", model, "-q").exit_code == 0
    kept = run("predict", model, data, "--keep", "Nope", "--lang", "en")
    assert kept.exit_code == 1
    assert "no column to keep 'Nope'" in kept.output
    assert "feature" not in kept.output
    table = run("evaluate", model, data, "--target", "y", "--lang", "en").stdout
    assert "n samples" in table
    assert "n_samples" not in table
