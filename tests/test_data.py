"""Data files, bundled datasets and streamed training.

References: the readers against numpy arrays written by pyarrow/numpy themselves; the
datasets against scikit-learn's loaders and neurona.logic; streamed training against
fitting the same rows in memory.
"""

from __future__ import annotations

import warnings

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from neurona import Adaline, LinearRegression, Perceptron
from neurona.data import DataFile, fit_stream, load_dataset, read_xy
from neurona.data.datasets import DATASETS, GENERATORS
from neurona.data.writers import open_writer, write_columns
from neurona.errors import DataError, SeparabilityWarning

RNG = np.random.default_rng(0)
N = 500
XS = RNG.normal(size=(N, 3)).round(6)
YREG = XS @ np.array([1.5, -2.0, 0.25]) + 3.0 + 0.1 * RNG.normal(size=N)
LABELS = np.where(XS[:, 0] - XS[:, 1] > 0, "up", "down").astype(object)


def _table(y, name="target") -> pa.Table:
    cols = {f"f{j}": XS[:, j] for j in range(3)}
    cols[name] = pa.array(y.tolist() if y.dtype == object else y)
    return pa.table(cols)


@pytest.fixture
def files(tmp_path):
    """The same rows as CSV (with and without header), TSV, Parquet, NPY and NPZ."""
    out = {}
    table = _table(LABELS)
    pacsv.write_csv(table, tmp_path / "d.csv")
    out["csv"] = tmp_path / "d.csv"
    pacsv.write_csv(table, tmp_path / "d.tsv", pacsv.WriteOptions(delimiter="\t"))
    out["tsv"] = tmp_path / "d.tsv"
    pq.write_table(table, tmp_path / "d.parquet")
    out["parquet"] = tmp_path / "d.parquet"
    text = (tmp_path / "d.csv").read_text().splitlines(keepends=True)
    (tmp_path / "nohdr.csv").write_text("".join(text[1:]))
    out["nohdr"] = tmp_path / "nohdr.csv"
    np.savez(tmp_path / "d.npz", X=XS, y=LABELS.astype(str))
    out["npz"] = tmp_path / "d.npz"
    np.save(tmp_path / "d.npy", np.column_stack([XS, YREG]))
    out["npy"] = tmp_path / "d.npy"
    return out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "parquet"])
def test_text_and_parquet_read_the_same_rows(files, fmt):
    t = read_xy(files[fmt], target="target")
    np.testing.assert_array_equal(t.X, XS)
    assert t.y.tolist() == LABELS.tolist()
    assert t.feature_names == ["f0", "f1", "f2"]
    assert t.target_name == "target"
    assert t.X.flags.c_contiguous
    assert t.X.dtype == np.float64


def test_header_is_detected_and_can_be_forced(files):
    assert DataFile(files["csv"], target=-1).columns == ["f0", "f1", "f2", "target"]
    nohdr = DataFile(files["nohdr"], target=3)
    assert nohdr.columns == ["0", "1", "2", "3"]
    np.testing.assert_array_equal(nohdr.read().X, XS)
    forced = DataFile(files["nohdr"], target=3, header=True)
    assert forced.read().X.shape == (N - 1, 3)


def test_target_and_features_by_name_or_index(files):
    a = read_xy(files["csv"], target="target", features="f2,f0")
    b = read_xy(files["csv"], target=3, features=[2, 0])
    c = read_xy(files["csv"], target=-1, features="-2,0")
    for t in (a, b, c):
        np.testing.assert_array_equal(t.X, XS[:, [2, 0]])
        assert t.feature_names == ["f2", "f0"]


def test_numpy_files(files):
    npz = read_xy(files["npz"], target="y")
    np.testing.assert_array_equal(npz.X, XS)
    assert npz.y.tolist() == LABELS.tolist()
    npy = read_xy(files["npy"], target=-1, target_kind="numbers")
    np.testing.assert_array_equal(npy.X, XS)
    np.testing.assert_array_equal(npy.y, YREG)


@pytest.mark.parametrize(
    ("values", "dtype", "expected"),
    [
        (["1", "0", "1"], np.int64, [1, 0, 1]),
        (["-1", "1", "-1"], np.int64, [-1, 1, -1]),
        (["1.0", "2.5", "1.0"], np.float64, [1.0, 2.5, 1.0]),
        (["true", "False", "true"], np.bool_, [True, False, True]),
        (["cat", "dog", "1"], object, ["cat", "dog", "1"]),
        (["ñandú", "zorro", "ñandú"], object, ["ñandú", "zorro", "ñandú"]),
    ],
)
def test_labels_of_any_type(tmp_path, values, dtype, expected):
    """label_type="auto": the narrowest type every label reads as."""
    path = tmp_path / "l.csv"
    path.write_text("a,label\n" + "".join(f"{i},{v}\n" for i, v in enumerate(values)))
    t = read_xy(path, target="label", label_type="auto")
    assert t.y.dtype == dtype
    assert t.y.tolist() == expected
    d = DataFile(path, target="label", label_type="auto")
    assert d.labels().tolist() == sorted(set(expected))
    chunks = list(d.chunks(chunk_bytes=4096))
    assert np.concatenate([c.y for c in chunks]).dtype == dtype


@pytest.mark.parametrize(
    "values",
    [["1", "0", "1"], ["007", "070", "7"], ["01", "1", "01"], ["0.5", "1.5"], ["TRUE", "true"]],
)
def test_csv_labels_are_text_as_written_by_default(tmp_path, values):
    path = tmp_path / "l.csv"
    path.write_text("a,label\n" + "".join(f"{i},{v}\n" for i, v in enumerate(values)))
    t = read_xy(path, target="label")
    assert t.y.dtype == object
    assert t.y.tolist() == values
    d = DataFile(path, target="label")
    assert d.labels().tolist() == sorted(set(values))
    assert np.concatenate([c.y for c in d.chunks(chunk_bytes=4096)]).tolist() == values


@pytest.mark.parametrize(
    ("values", "merged"),
    [
        (["01", "1"], ["01", "1"]),
        (["1.0", "1", "2"], ["1.0", "1"]),
        (["TRUE", "true"], ["TRUE", "true"]),
    ],
)
def test_auto_labels_that_would_merge_are_refused(tmp_path, values, merged):
    path = tmp_path / "l.csv"
    path.write_text("a,label\n" + "".join(f"{i},{v}\n" for i, v in enumerate(values)))
    for read in (lambda: read_xy(path, target="label", label_type="auto"),
                 lambda: DataFile(path, target="label", label_type="auto").labels()):  # fmt: skip
        with pytest.raises(DataError, match="both read as") as info:
            read()
        for label in merged:
            assert f"'{label}'" in str(info.value)


def test_chunks_join_to_the_whole_file(files):
    d = DataFile(files["csv"], target="target")
    chunks = list(d.chunks(chunk_bytes=4096))
    assert len(chunks) > 2
    np.testing.assert_array_equal(np.concatenate([c.X for c in chunks]), XS)
    for fmt in ("parquet", "npz"):
        d = DataFile(files[fmt], target=-1)
        chunks = list(d.chunks(chunk_bytes=4096))
        assert len(chunks) > 1
        np.testing.assert_array_equal(np.concatenate([c.X for c in chunks]), XS)


#: where the value of the files below is: the second data row, the file's third line
ROW_2 = r"data row 2 \(line 3 of the file\)"

BAD_FILES = [
    ("empty.csv", b"", "is empty"),
    ("blank.csv", b"\n\n", "is empty"),
    ("header_only.csv", b"a,b,y\n", "no data rows"),
    ("ragged.csv", b"a,b,y\n1,2,0\n3,4\n5,6,1\n", rf"{ROW_2} has 2 fields"),
    ("text.csv", b"a,b,y\n1,2,0\n3,four,1\n", rf"column 'b' at {ROW_2} holds 'four'"),
    ("missing.csv", b"a,b,y\n1,2,0\n3,,1\n", rf"column 'b' has a missing value at {ROW_2}"),
    ("nan.csv", b"a,b,y\n1,2,0\n3,NaN,1\n", rf"missing value at {ROW_2}"),
    ("no_label.csv", b"a,b,y\n1,2,0\n3,4,\n", rf"column 'y' has a missing value at {ROW_2}"),
    ("dup.csv", b"a,a,y\n1,2,0\n", "more than once"),
    ("data.xlsx", b"PK\x03\x04", "cannot tell the format"),
    ("bad.parquet", b"PAR1 not really", "not a readable Parquet"),
    ("bad.npy", b"\x93NUMPY garbage", "not a readable NumPy"),
]


@pytest.mark.parametrize(("name", "content", "match"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_give_one_line_data_errors(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=match) as info:
        read_xy(path, target="y")
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message


def test_missing_columns_and_files(files, tmp_path):
    with pytest.raises(DataError, match=r"no target column 'nope'.*pass a column name"):
        DataFile(files["csv"], target="nope")
    with pytest.raises(DataError, match="no feature column '9'"):
        DataFile(files["csv"], target="target", features="9")
    with pytest.raises(DataError, match="both the target and a feature"):
        DataFile(files["csv"], target="target", features="f0,target")
    with pytest.raises(DataError, match="does not exist"):
        DataFile(tmp_path / "nope.csv", target=0)
    with pytest.raises(DataError, match="regression target must be numeric"):
        read_xy(files["csv"], target="target", target_kind="numbers")


def test_pickled_numpy_data_is_refused(tmp_path):
    path = tmp_path / "obj.npy"
    np.save(path, np.array([[object()]], dtype=object), allow_pickle=True)
    with pytest.raises(DataError, match=r"pickled|not a readable"):
        read_xy(path, target=0)


def test_latin1_file_reads_with_its_encoding(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("a,label\n1,sí\n2,no\n".encode("latin-1"))
    t = read_xy(path, target="label", encoding="latin-1")
    assert t.y.tolist() == ["sí", "no"]


# --------------------------------------------------------------------------- writers


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".npy"])
def test_writers_round_trip(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    values = np.array(["a", "b", "c"], dtype=object)
    with open_writer(path) as w:
        w.write({"prediction": values[:2]})
        w.write({"prediction": values[2:]})
    if suffix == ".npy":
        got = np.load(path, allow_pickle=False)
    elif suffix == ".parquet":
        got = pq.read_table(path).column("prediction").to_numpy(zero_copy_only=False)
    else:
        delimiter = "\t" if suffix == ".tsv" else ","
        table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(delimiter=delimiter))
        got = table.column("prediction").to_numpy(zero_copy_only=False)
    assert got.tolist() == ["a", "b", "c"]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_writer_leaves_nothing_on_error(tmp_path):
    path = tmp_path / "out.csv"

    def write_then_fail():
        with open_writer(path) as w:
            w.write({"prediction": np.arange(3)})
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert list(tmp_path.iterdir()) == []
    write_columns(path, {"x": np.arange(2)})
    assert pacsv.read_csv(path).column("x").to_pylist() == [0, 1]


# --------------------------------------------------------------------------- datasets


@pytest.mark.parametrize(
    ("name", "loader"),
    [
        ("iris", "load_iris"),
        ("breast-cancer", "load_breast_cancer"),
        ("diabetes", "load_diabetes"),
    ],
)
def test_real_datasets_are_scikit_learns(name, loader):
    import sklearn.datasets

    ref = getattr(sklearn.datasets, loader)()
    ds = load_dataset(name)
    np.testing.assert_array_equal(ds.X, ref.data)
    if ds.task == "classification":
        np.testing.assert_array_equal(ds.y, ref.target_names[ref.target])
        assert ds.y.dtype == object
    else:
        np.testing.assert_array_equal(ds.y, ref.target)
    assert len(ds.feature_names) == ref.data.shape[1]


@pytest.mark.parametrize("gate", ["and", "or", "nand", "nor", "xor"])
def test_gates_are_the_logic_truth_tables(gate):
    from neurona import logic

    unit = getattr(logic, gate.upper())
    ds = load_dataset(gate)
    for x, out in zip(ds.X.astype(int), ds.y, strict=True):
        assert unit(list(x)) == out
    assert ds.X.shape == (4, 2)


def test_generators_are_seeded_and_shaped():
    from neurona.separability import check_separability

    for name in GENERATORS:
        a = load_dataset(name, n_samples=64, random_state=3)
        b = load_dataset(name, n_samples=64, random_state=3)
        c = load_dataset(name, n_samples=64, random_state=4)
        np.testing.assert_array_equal(a.X, b.X)
        assert not np.array_equal(a.X, c.X)
        assert a.X.shape[0] == 64
    assert check_separability(*_xy(load_dataset("blobs", random_state=1))).separable
    assert not check_separability(*_xy(load_dataset("xor-blobs"))).separable
    lin = load_dataset("linear", n_samples=2000)
    coef = np.linalg.lstsq(np.column_stack([lin.X, np.ones(2000)]), lin.y, rcond=None)[0]
    np.testing.assert_allclose(coef, [2.0, -3.0, 0.5, 4.0], atol=0.05)


def _xy(ds):
    return ds.X, ds.y


def test_every_listed_dataset_loads_and_unknown_ones_fail():
    for name in DATASETS:
        ds = load_dataset(name)
        assert ds.X.shape[0] == ds.y.shape[0] > 0
    with pytest.raises(DataError, match="unknown dataset 'mnist'"):
        load_dataset("mnist")
    with pytest.raises(DataError, match="is fixed"):
        load_dataset("iris", n_samples=10)


# --------------------------------------------------------------------------- streaming


@pytest.fixture
def reg_csv(tmp_path):
    path = tmp_path / "reg.csv"
    cols = {f"f{j}": XS[:, j] for j in range(3)} | {"y": YREG}
    pacsv.write_csv(pa.table(cols), path)
    return path


@pytest.mark.parametrize("solver", ["auto", "cholesky", "qr", "lstsq"])
def test_streamed_closed_form_equals_in_memory(reg_csv, solver):
    data = DataFile(reg_csv, target="y", target_kind="numbers")
    streamed = fit_stream(LinearRegression(solver=solver), data, chunk_bytes=2048)
    memory = LinearRegression(solver=solver).fit(XS, YREG)
    np.testing.assert_allclose(streamed.coef_, memory.coef_, rtol=1e-11, atol=1e-12)
    np.testing.assert_allclose(streamed.intercept_, memory.intercept_, rtol=1e-11)
    assert np.shape(streamed.coef_) == np.shape(memory.coef_)
    assert np.ndim(streamed.intercept_) == 0
    np.testing.assert_allclose(streamed.predict(XS), memory.predict(XS), rtol=1e-10)


def test_streamed_closed_form_falls_back_when_ill_conditioned(tmp_path):
    X = np.column_stack([XS[:, 0], XS[:, 0] * 2.0, XS[:, 1]])  # exactly collinear
    path = tmp_path / "collinear.csv"
    pacsv.write_csv(pa.table({"a": X[:, 0], "b": X[:, 1], "c": X[:, 2], "y": YREG}), path)
    data = DataFile(path, target="y", target_kind="numbers")
    streamed = fit_stream(LinearRegression(), data, chunk_bytes=2048)
    memory = LinearRegression().fit(X, YREG)
    np.testing.assert_allclose(streamed.predict(X), memory.predict(X), rtol=1e-8)


def test_streamed_online_perceptron_is_in_memory_online_training(files):
    """One partial_fit per chunk, rows in file order: the same updates as fit()."""
    data = DataFile(files["csv"], target="target")
    streamed = fit_stream(Perceptron(), data, epochs=3, chunk_bytes=4096)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparabilityWarning)
        memory = Perceptron(epochs=3).fit(XS, LABELS)
    np.testing.assert_array_equal(streamed.coef_, memory.coef_)
    np.testing.assert_array_equal(streamed.intercept_, memory.intercept_)
    assert streamed.t_ == memory.t_
    assert streamed.n_iter_ == 3
    assert streamed.classes_.tolist() == ["down", "up"]


def test_streamed_adaline_normal_equations(files):
    data = DataFile(files["parquet"], target="target")
    streamed = fit_stream(Adaline(solver="normal"), data, chunk_bytes=4096)
    memory = Adaline(solver="normal").fit(XS, LABELS)
    np.testing.assert_allclose(streamed.coef_, memory.coef_, rtol=1e-11, atol=1e-13)
    np.testing.assert_array_equal(streamed.predict(XS), memory.predict(XS))


def test_streamed_gradient_regression_matches_in_memory_online(reg_csv):
    data = DataFile(reg_csv, target="y", target_kind="numbers")
    params = dict(solver="gd", learning_rate=0.01, epochs=2)
    streamed = fit_stream(LinearRegression(**params), data, chunk_bytes=2048)
    memory = LinearRegression(**params).fit(XS, YREG)
    np.testing.assert_allclose(streamed.coef_, memory.coef_, rtol=1e-12)


def test_stream_needs_a_target(files):
    with pytest.raises(DataError, match="needs a target"):
        fit_stream(LinearRegression(), DataFile(files["npy"]))


def test_compressed_csv(tmp_path):
    import gzip

    path = tmp_path / "d.csv.gz"
    with gzip.open(path, "wt") as f:
        f.write("a,b,label\n1,2,x\n3,4,y\n")
    t = read_xy(path, target="label")
    np.testing.assert_array_equal(t.X, [[1.0, 2.0], [3.0, 4.0]])
    assert t.y.tolist() == ["x", "y"]


def test_header_of_a_very_wide_file(tmp_path):
    names = [f"feature_{j:05d}" for j in range(8000)]  # a first line longer than 64 KiB
    path = tmp_path / "wide.csv"
    path.write_text(",".join([*names, "y"]) + "\n" + ",".join(["1"] * 8000 + ["a"]) + "\n")
    d = DataFile(path, target="y")
    assert d.feature_names == names
    assert d.read().X.shape == (1, 8000)
