"""Edges of the sparse data files, the new ``train`` options and averaged SGD (round 8).

Each test names a fault found by feeding hostile files and options to the command line:

* an svmlight file whose header says its indices count from 0 (or 1) read by a model
  trained on a file counting from 1 (or 0) was read shifted by one column: silently wrong
  predictions. Now refused, in words;
* a sparse ``.npz`` with float index arrays (1.7 truncated to 1), a float or text shape
  (20.7 rows), or DIA diagonals outside the matrix (their values dropped by SciPy) was
  read: silently wrong or lost data. Now refused;
* object arrays, a ``format`` of two values, CSR/CSC index arrays that disagree, a ``y``
  with NaN: SciPy's or NumPy's English words (or a generic ``Input y contains NaN``),
  never in Spanish. Now neurona's own message, in both languages;
* an svmlight index beyond the parser's C ``int`` gave the parser's ``value too large to
  convert to int`` without a line. Now the line is named;
* a width (largest index, declared header or shape) whose weights cannot fit: an
  allocation, then ``out of memory``; an archive that unpacks to more than memory: read
  first. Now refused before anything is allocated, saying why;
* ``--coef-init`` with a closed-form solver: English left in Spanish mode.

The averaged SGD weights under strong L2 are checked against a textbook loop in extended
precision (``np.longdouble``): the explicit average stays within 1e-12 of it, where
scikit-learn's lazily scaled one drifts by 1e-8.
"""

from __future__ import annotations

import io
import re
import zipfile

import numpy as np
import pytest
import scipy.sparse as sp

from helpers import run
from neurona import LinearRegression
from neurona.data import sparse_files
from neurona.data.sparse_files import read_sparse_file
from neurona.errors import DataError

#: Spanish messages keep these English words only inside file names and array names
ENGLISH = re.compile(r"\b(the|must|holds|which|would|save|not|entries|need|model)\b")


def _one_line(result, lang_es=False):
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    if lang_es:
        assert not ENGLISH.search(lines[0].split("error:", 1)[1]), lines[0]
    return lines[0]


# --------------------------------------------------------------------------- svmlight


@pytest.fixture
def one_based_model(tmp_path):
    """A model trained on a file without index 0 (read as counting from 1), 2 columns."""
    data = tmp_path / "train.svmlight"
    data.write_text("1 1:2 2:0\n0 1:0 2:2\n1 1:3 2:0\n0 1:0 2:3\n")
    model = tmp_path / "m.npz"
    result = run("train", data, "--model", "logistic", "--epochs", "20", "-o", model)
    assert result.exit_code == 0, result.output
    return model


@pytest.mark.parametrize("lang", ["en", "es"])
def test_header_base_against_the_model_base_is_refused_not_shifted(one_based_model, lang):
    """``1:1`` in a file that says it counts from 0 is the second column; the one-based
    model would read it as the first (its prediction flips): refused instead."""
    data = one_based_model.parent / "zero.svmlight"
    data.write_text("# Column indices are zero-based\n1 1:5\n")
    line = _one_line(run("--lang", lang, "predict", one_based_model, data), lang == "es")
    assert "zero.svmlight" in line
    assert (
        ("count from 0" in line and "counting from 1" in line)
        if lang == "en"
        else ("desde 0" in line and "desde 1" in line)
    )
    # evaluate too; the same file without its header is read as the model reads it
    _one_line(run("--lang", lang, "evaluate", one_based_model, data), lang == "es")
    data.write_text("1 1:5\n")
    assert run("predict", one_based_model, data).exit_code == 0


def test_index_zero_under_a_one_based_model_does_not_advise_a_header(one_based_model):
    data = one_based_model.parent / "zero.svmlight"
    data.write_text("1 0:1 2:1\n")
    line = _one_line(run("predict", one_based_model, data))
    assert "line 1" in line
    assert "index 0" in line
    assert "zero-based" not in line  # a header would not change the model's reading


@pytest.mark.parametrize("index", [2**31, 99999999999, 2**63 - 1])
def test_index_beyond_the_parser_names_its_line(tmp_path, index):
    data = tmp_path / "big.svmlight"
    data.write_text(f"1 1:1\n0 2:1 {index}:1\n")
    with pytest.raises(DataError, match=rf"line 2: the index {index} is out of range"):
        read_sparse_file(data)


def test_a_width_whose_weights_cannot_fit_is_refused_before_allocating(tmp_path, monkeypatch):
    """A header may declare any width, and one index makes the width: the model holds a
    weight per column. With a machine of 8 MiB (monkeypatched), 2**20 columns (8 MiB of
    weights) are refused; 1000 columns are not."""
    monkeypatch.setattr(sparse_files, "_physical_memory", lambda: 8 * 2**20)
    wide = tmp_path / "wide.svmlight"
    wide.write_text("# n_features 1048576\n1 1:1\n0 2:1\n")
    with pytest.raises(DataError, match=r"1048576 columns .*one weight per column"):
        read_sparse_file(wide)
    index = tmp_path / "index.svmlight"
    index.write_text("1 1:1\n0 1048575:1\n")
    with pytest.raises(DataError, match="1048575 columns"):
        read_sparse_file(index)
    assert read_sparse_file(tmp_path / "index.svmlight", n_features=1048575).X.shape[1] == (
        1048575
    )  # predicting: the model's own width was allowed when it was trained
    narrow = tmp_path / "narrow.svmlight"
    narrow.write_text("1 1:1\n0 999:1\n")
    assert read_sparse_file(narrow).X.shape == (2, 999)


def test_the_width_guard_in_spanish_on_the_command_line(tmp_path):
    data = tmp_path / "decl.svmlight"
    data.write_text("# n_features 1000000000000\n1 1:1\n0 2:1\n")
    line = _one_line(run("--lang", "es", "train", data, "-o", tmp_path / "m.npz"), True)
    assert "1000000000000 columnas" in line
    assert "memoria" in line
    assert not (tmp_path / "m.npz").exists()


# --------------------------------------------------------------------------- npz


def _csr_arrays(**change):
    X = sp.random(20, 5, density=0.4, format="csr", random_state=0)
    arrays = {
        "data": X.data,
        "indices": X.indices,
        "indptr": X.indptr,
        "format": np.array(b"csr"),
        "shape": np.array(X.shape),
        "y": np.arange(20) % 2,
    }
    arrays.update(change)
    return X, arrays


def _archive(tmp_path, name, **arrays):
    path = tmp_path / name
    np.savez(path, **arrays)
    return path


def test_float_indices_and_shape_are_refused_not_truncated(tmp_path):
    X, arrays = _csr_arrays()
    bad = _archive(tmp_path, "f.npz", **{**arrays, "indices": X.indices + 0.7})
    with pytest.raises(DataError, match="the array indices holds float64, not integers"):
        read_sparse_file(bad)
    for shape in (np.array([20.7, 5.2]), np.array(["20", "5"])):
        bad = _archive(tmp_path, "s.npz", **{**arrays, "shape": shape})
        with pytest.raises(DataError, match=r"the array shape holds .* not whole numbers"):
            read_sparse_file(bad)
    good = read_sparse_file(_archive(tmp_path, "ok.npz", **arrays))
    np.testing.assert_array_equal(good.X.toarray(), X.toarray())


def test_dia_diagonals_outside_the_matrix_are_refused_not_dropped(tmp_path):
    """SciPy keeps an offset beyond the matrix and drops its values: data lost."""
    dense = np.arange(1.0, 21.0).reshape(4, 5)
    dia = sp.dia_array(dense)
    common = {"format": np.array(b"dia"), "shape": np.array(dia.shape), "y": np.arange(4)}
    path = _archive(tmp_path, "d.npz", data=dia.data, offsets=dia.offsets + 100, **common)
    with pytest.raises(DataError, match=r"offset 9[0-9] lies outside the 4x5 matrix"):
        read_sparse_file(path)
    path = _archive(tmp_path, "ok.npz", data=dia.data, offsets=dia.offsets, **common)
    np.testing.assert_array_equal(read_sparse_file(path).X.toarray(), dense)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"indices": np.arange(40) % 5 + 100}, "indices must lie from 0 to 4"),
        ({"indices": -(np.arange(40) % 5) - 1}, "indices must lie from 0 to 4"),
        ({"indptr": np.arange(5)}, "indptr has 5 entries; 20 rows need 21"),
        ({"data": np.ones(3)}, "data has 3 values and indices 40"),
        ({"indptr": np.r_[0, np.full(19, 30), 40]}, None),  # valid: rows of 30 and 10
        ({"indptr": np.r_[0, 30, np.full(18, 20), 40]}, "indptr must not decrease"),
        ({"indptr": np.r_[1, np.full(19, 30), 40]}, "indptr must run from 0 to 40"),
        ({"data": np.ones((1, 40))}, "must be flat"),
        ({"format": np.array([b"csr", b"csc"])}, "format holds 2 values, not one name"),
        ({"data": np.array([None] * 40, dtype=object)}, "data holds Python objects"),
        ({"y": np.array(["a"] * 20, dtype=object)}, "y holds Python objects"),
        ({"y": np.where(np.arange(20) == 3, np.nan, 1.0)}, "y holds nan in row 4"),
    ],
)
def test_inconsistent_archives_are_refused_in_neuronas_words(tmp_path, change, words):
    X, arrays = _csr_arrays()
    assert X.nnz == 40
    path = _archive(tmp_path, "bad.npz", **{**arrays, **change})
    if words is None:
        assert read_sparse_file(path).X.shape == (20, 5)
        return
    with pytest.raises(DataError, match=re.escape(words)):
        read_sparse_file(path)
    line = _one_line(run("--lang", "es", "train", path, "-o", tmp_path / "m.npz"), True)
    assert line.startswith("neurona: error: ")
    assert not (tmp_path / "m.npz").exists()


def test_csc_and_coo_faults_are_named(tmp_path):
    X = sp.random(20, 5, density=0.4, format="csc", random_state=0)
    path = _archive(tmp_path, "c.npz", data=X.data, indices=X.indices, indptr=X.indptr[:3],
                    format=np.array(b"csc"), shape=np.array(X.shape), y=np.arange(20))  # fmt: skip
    with pytest.raises(DataError, match="indptr has 3 entries; 5 columns need 6"):
        read_sparse_file(path)
    C = X.tocoo()
    path = _archive(tmp_path, "o.npz", data=C.data, row=C.coords[0][:3], col=C.coords[1],
                    format=np.array(b"coo"), shape=np.array(C.shape), y=np.arange(20))  # fmt: skip
    with pytest.raises(DataError, match="a row and a column index per value"):
        read_sparse_file(path)


def test_an_archive_that_unpacks_beyond_memory_is_refused_before_reading(tmp_path, monkeypatch):
    """A run of zeros compresses to almost nothing: the arrays' headers say their size,
    checked against the machine's memory (monkeypatched to 4 MiB) before any is read."""
    monkeypatch.setattr(sparse_files, "_physical_memory", lambda: 4 * 2**20)
    _, arrays = _csr_arrays()
    path = tmp_path / "bomb.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in {**arrays, "data": np.zeros(2**20)}.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(value))
            archive.writestr(name + ".npy", buffer.getvalue())
    assert path.stat().st_size < 2**16
    with pytest.raises(DataError, match="GiB once unpacked, more than half"):
        read_sparse_file(path)


def test_a_huge_declared_shape_is_refused_for_training(tmp_path):
    _, arrays = _csr_arrays(shape=np.array([20, 10**12]))
    path = _archive(tmp_path, "wide.npz", **arrays)
    with pytest.raises(DataError, match="1000000000000 columns"):
        read_sparse_file(path)
    with pytest.raises(DataError, match="1000000000000 columns"):  # before the column cut
        read_sparse_file(path, target=0)
    with pytest.raises(DataError, match="999999999999 feature columns but the model reads 5"):
        read_sparse_file(path, target=0, n_features=5)


# --------------------------------------------------------------------------- train options


def test_coef_init_with_a_closed_form_solver_in_spanish(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    rows = ["a,b,y", *(f"{a},{b},{a + 2 * b}" for a, b in X)]
    data = tmp_path / "d.csv"
    data.write_text("\n".join(rows) + "\n")
    args = ("train", data, "--target", "y", "--model", "linear", "--coef-init", "1,2")
    line = _one_line(run("--lang", "es", *args), True)
    assert "forma cerrada" in line
    assert "--solver gd" in line
    assert _one_line(run(*args)).endswith("(--solver gd)")


# --------------------------------------------------------------------------- averaged SGD


def _averaged_reference(X, y, alpha, eta0, power_t, epochs):
    """scikit-learn's averaged SGD (squared loss, L2, invscaling) written plainly: the
    weights decayed and stepped, their running mean kept explicitly, in long double."""
    L = np.longdouble
    Xl, yl = X.astype(L), y.astype(L)
    w, b = np.zeros(X.shape[1], L), L(0)
    mean_w, mean_b, t = np.zeros(X.shape[1], L), L(0), 0
    for _ in range(epochs):
        for x, target in zip(Xl, yl, strict=True):
            t += 1
            eta = L(eta0) / L(t) ** L(power_t)
            step = -eta * (x @ w + b - target)
            w *= max(L(0), 1 - eta * L(alpha))
            w += step * x
            b += step
            mean_w += (w - mean_w) / t
            mean_b += (b - mean_b) / t
    return mean_w.astype(float), float(mean_b)


@pytest.mark.parametrize("alpha", [0.1, 1.0, 3.0, 9.0])
def test_averaged_weights_under_strong_l2_match_the_textbook(alpha):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(80, 5))
    y = X @ rng.normal(size=5) + 0.5 + 0.1 * rng.normal(size=80)
    ours = LinearRegression(solver="gd", learning_rate=0.1, schedule="invscaling",
                            power_t=0.25, epochs=20, penalty="l2", alpha=alpha,
                            average=True).fit(X, y)  # fmt: skip
    coef, intercept = _averaged_reference(X, y, alpha, 0.1, 0.25, 20)
    np.testing.assert_allclose(ours.coef_, coef, rtol=0, atol=1e-12)
    assert abs(ours.intercept_ - intercept) < 1e-12
