"""Edges, round 7: each fault kind a tester found after round 6, with the right value.

- a SciPy sparse matrix with entries stored more than once (non-canonical CSR, which
  SciPy reads as their sum) trained gradient neurons on the wrong data, in silence;
- ``check_separability`` called separable data not separable when the features were far
  from 1 (below about 1e-154 their spread read as 0; beyond about 1e154 squares
  overflowed), raised ``OverflowError`` for the mistake bound, and read a sparse matrix
  as "not numbers";
- the command line: ``--chunk-mb inf`` ended in Python's "cannot convert float infinity
  to integer"; a data file whose name is not UTF-8 could not be read (pyarrow's "surrogates
  not allowed") nor noted in the model; ``predict --keep a,a`` blamed ``--features``;
- ``callbacks`` that are not a list (a function, a generator used up by the check);
  ``average=np.True_`` refused although scikit-learn takes NumPy booleans;
- ``logic.truth_table``/``inputs``: a negative, fractional or huge input count and a
  function returning None or 0.7 crashed, filled the memory, or were truncated to 0.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier

import neurona
from helpers import run
from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron
from neurona.errors import DataError, ParameterError
from neurona.logic import AND, XOR, inputs, truth_table
from neurona.separability import check_separability

pytestmark = pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")


def _sparse_data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 4))
    X[X < 0.3] = 0.0
    y = (X[:, 0] + X[:, 1] > 0.5).astype(int)
    return X, y


def _with_duplicates(X: np.ndarray) -> sp.csr_matrix:
    """``X`` as a CSR matrix storing each non-zero twice, as two halves (SciPy reads the
    sum: the same matrix, not in canonical format)."""
    M = sp.csr_matrix(X)
    data, indices, indptr = [], [], [0]
    for i in range(M.shape[0]):
        lo, hi = M.indptr[i], M.indptr[i + 1]
        for j, v in zip(M.indices[lo:hi], M.data[lo:hi], strict=True):
            indices += [j, j]
            data += [v / 2, v / 2]
        indptr.append(len(indices))
    D = sp.csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=M.shape)
    assert not D.has_canonical_format
    assert np.array_equal(D.toarray(), X)
    return D


# 1. sparse entries stored twice are their sum -----------------------------------------


@pytest.mark.parametrize("mode", ["online", "batch", "minibatch"])
@pytest.mark.parametrize(
    "make",
    [
        lambda mode: Adaline(mode=mode, epochs=5),
        lambda mode: LogisticRegression(mode=mode, epochs=5),
        lambda mode: Adaline(mode=mode, epochs=5, penalty="elasticnet", alpha=0.01),
        lambda mode: LinearRegression(solver="gd", mode=mode, epochs=5),
        lambda mode: Perceptron(mode=mode, epochs=5),
    ],
)
def test_sparse_entries_stored_twice_train_as_their_sum(make, mode):
    """Before: Adaline's coefficients were 0.2 away from the dense fit, the logistic's 1.4
    (the kernels square each stored value, and x² + x² is not (x + x)²)."""
    X, y = _sparse_data()
    D = _with_duplicates(X)
    stored = D.nnz
    model = make(mode)
    target = X @ [1.0, 2.0, 0.0, -1.0] if isinstance(model, LinearRegression) else y
    dense = make(mode).fit(X, target)
    model.fit(D, target)
    np.testing.assert_allclose(model.coef_, dense.coef_, atol=1e-12)
    np.testing.assert_allclose(model.intercept_, dense.intercept_, atol=1e-12)
    np.testing.assert_allclose(model.predict(D), dense.predict(X))
    assert D.nnz == stored  # the caller's matrix untouched
    assert not D.has_canonical_format


def test_sparse_entries_stored_twice_in_other_formats_and_partial_fit():
    X, y = _sparse_data()
    D = _with_duplicates(X)
    dense = Adaline(epochs=1).partial_fit(X, y, classes=[0, 1])
    for matrix in (D, D.tocsc(), sp.csr_array(D)):
        chunked = Adaline(epochs=1).partial_fit(matrix, y, classes=[0, 1])
        np.testing.assert_allclose(chunked.coef_, dense.coef_, atol=1e-12)


# 2. separability does not depend on the features' units ------------------------------


def _blobs():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    return X, (X[:, 0] > 0).astype(int), (X[:, 0] * X[:, 1] > 0).astype(int)


@pytest.mark.parametrize("scale", [5e-324 * 1e10, 1e-310, 1e-200, 1e-100, 1e100, 1e200, 1e300])
def test_separability_is_the_same_in_any_unit(scale):
    """Before: separable data scaled by 1e-200, 1e-310 or 1e200 were called not separable
    (1e-300 raised OverflowError); data that no plane separates stay so, with a witness."""
    X, separable, xor = _blobs()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning on the way either
        result = check_separability(X * scale, separable)
        crossed = check_separability(X * scale, xor)
    assert result.separable
    z = (X * scale) @ result.weights + result.bias
    assert np.array_equal(z > 0, separable == 1)  # the plane returned separates them
    assert result.margin > 0
    assert result.mistake_bound >= 1  # inf where beyond float64
    assert not crossed.separable
    assert crossed.witness.rows == check_separability(X, xor).witness.rows


def test_separability_takes_sparse_matrices_as_their_values():
    """Before: "X must hold numbers only (setting an array element with a sequence)"."""
    X, separable, xor = _blobs()
    for labels in (separable, xor):
        dense = check_separability(X, labels)
        for matrix in (sp.csr_matrix(X), _with_duplicates(X), sp.coo_array(X)):
            ours = check_separability(matrix, labels)
            assert ours.separable == dense.separable
            if ours.separable:
                np.testing.assert_allclose(ours.weights, dense.weights, atol=1e-9)


# 3. the command line ------------------------------------------------------------------


def _csv(path: Path) -> Path:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    lines = ["a,b,y"] + [f"{a},{b},{'red' if a > 0 else 'blue'}" for a, b in X]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("command", ["train", "predict", "evaluate"])
def test_an_infinite_chunk_size_is_a_usage_error(tmp_path, command):
    data = _csv(tmp_path / "d.csv")
    model = tmp_path / "m.npz"
    assert run("train", data, "-t", "y", "-o", model, "-q").exit_code == 0
    args = {
        "train": ["train", data, "-t", "y", "-o", tmp_path / "m2.npz", "--stream"],
        "predict": ["predict", model, data],
        "evaluate": ["evaluate", model, data],
    }[command]
    result = run(*args, "--chunk-mb", "inf")
    assert result.exit_code == 2
    assert "--chunk-mb" in result.output
    assert "finite number of MiB" in result.output
    assert "convert float infinity" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_keep_named_twice_names_keep(tmp_path):
    data = _csv(tmp_path / "d.csv")
    model = tmp_path / "m.npz"
    assert run("train", data, "-t", "y", "-o", model, "-q").exit_code == 0
    result = run("predict", model, data, "--keep", "a,a")
    assert result.exit_code == 1
    assert "named twice in --keep" in result.output
    assert "--features" not in result.output


def _undecodable(tmp_path: Path, name: bytes) -> str:
    """A file name of bytes that are not UTF-8, as Python holds it (lone surrogates)."""
    text = os.fsdecode(name)
    try:
        (tmp_path / text).write_bytes(b"")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes UTF-8 names only")
    (tmp_path / text).unlink()
    return text


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".parquet"])
def test_a_data_file_whose_name_is_not_utf8_is_read(tmp_path, suffix):
    """Before: "'utf-8' codec can't encode character '\\udcff' ...: surrogates not
    allowed" (pyarrow takes names as text); a NumPy file trained but its model could not be
    saved (its source note held a lone surrogate)."""
    plain = _csv(tmp_path / "plain.csv")
    odd = tmp_path / _undecodable(tmp_path, b"bad\xff" + suffix.encode())
    if suffix == ".csv":
        odd.write_bytes(plain.read_bytes())
    elif suffix == ".csv.gz":
        import gzip

        odd.write_bytes(gzip.compress(plain.read_bytes()))
    else:
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        pq.write_table(pacsv.read_csv(plain), str(tmp_path / "p.parquet"))
        odd.write_bytes((tmp_path / "p.parquet").read_bytes())
    model = tmp_path / "m.npz"
    reference = tmp_path / "ref.npz"
    assert run("train", plain, "-t", "y", "-o", reference, "-q").exit_code == 0
    result = run("train", odd, "-t", "y", "-o", model, "-q")
    assert result.exit_code == 0, result.output
    source = neurona.io.read_metadata(model)["data"]["source"]
    assert source.encode("utf-8")  # Unicode text, the odd byte escaped
    assert source.endswith(suffix)
    out = tmp_path / "p.csv"
    assert run("predict", model, odd, "-o", out, "-q").exit_code == 0
    expected = neurona.load(reference).predict(np.loadtxt(plain, delimiter=",", skiprows=1,
                                                          usecols=(0, 1)))  # fmt: skip
    assert [v.strip('"') for v in out.read_text().split()[1:]] == list(expected)
    evaluated = run("evaluate", model, odd, "--json")
    assert evaluated.exit_code == 0
    assert '"accuracy": 1.0' in evaluated.output


def test_a_numpy_file_whose_name_is_not_utf8_trains_and_saves(tmp_path):
    odd = tmp_path / _undecodable(tmp_path, b"x\xfd.npy")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 3))
    X[:, 2] = X[:, 0] - X[:, 1]
    np.save(odd, X)
    model = tmp_path / "m.npz"
    result = run("train", odd, "-t", "2", "--model", "linear", "-o", model, "-q")
    assert result.exit_code == 0, result.output
    np.testing.assert_allclose(neurona.load(model).coef_, [1.0, -1.0], atol=1e-10)


# 4. hyperparameters of odd types --------------------------------------------------------


@pytest.mark.parametrize("callbacks", [print, (c for c in [print]), "abc", {print: 1}.keys()])
def test_callbacks_that_are_not_a_list_of_callables_are_refused(callbacks):
    """Before: callbacks=print raised TypeError ('not iterable'); a generator passed the
    check by being used up, and then no callback ran."""
    X, y, _ = _blobs()
    with pytest.raises(ParameterError, match="callbacks must be a list of callables"):
        Adaline(callbacks=callbacks).fit(X, y)


def test_callbacks_in_a_list_or_tuple_run():
    X, y, _ = _blobs()
    seen = []
    Adaline(epochs=3, callbacks=(lambda *a, **k: seen.append(1),)).fit(X, y)
    assert seen


@pytest.mark.parametrize("flag", [np.True_, np.False_])
def test_numpy_booleans_average_as_python_booleans(flag):
    """scikit-learn's ``average`` takes ``numpy.bool``; neurona refused ``np.True_``."""
    X, y, _ = _blobs()
    SGDClassifier(average=flag, max_iter=3, tol=None).fit(X, y)  # scikit-learn takes it
    ours = Adaline(average=flag, epochs=3).fit(X, y)
    plain = Adaline(average=bool(flag), epochs=3).fit(X, y)
    np.testing.assert_array_equal(ours.coef_, plain.coef_)


# 5. truth tables ------------------------------------------------------------------------


@pytest.mark.parametrize("n", [-1, 1.5, True, "2", 21, 40])
def test_truth_tables_of_impossible_or_huge_input_counts_are_refused(n):
    """Before: ValueError ('repeat argument cannot be negative'), TypeError, or (40
    inputs) a list of 2**40 rows filling the memory."""
    with pytest.raises(DataError, match="n_inputs"):
        truth_table(AND, n)
    with pytest.raises(DataError, match="n_inputs"):
        inputs(n)


@pytest.mark.parametrize("value", [None, 0.7, "1", float("nan"), [1, 0]])
def test_a_function_that_is_not_boolean_is_refused_not_truncated(value):
    """Before: 0.7 became 0 in silence, None a TypeError."""
    with pytest.raises(DataError, match=r"returned .* at input 00.*whole number"):
        truth_table(lambda x: value, 2)


def test_truth_tables_still_list_every_input():
    assert truth_table(XOR, 2) == [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]
    assert truth_table(lambda x: np.float64(1.0), np.int64(1)) == [(0, 1), (1, 1)]
    assert truth_table(lambda x: True, 0) == [(1,)]
    assert len(inputs(20)) == 2**20


# --- after the round: the lead's fixes of what the tester left --------------------------
def _separable(seed=0, n=40):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    return X, (X[:, 0] + X[:, 1] > 0.3).astype(int)


@pytest.mark.parametrize("scale", [1e-170, 1e-6, 1e6, 1e150])
def test_a_perceptron_slowed_by_the_features_scale_says_so(scale):
    """Each mistake moves b by 1 and w by x: features far from the bias's 1 make separable
    data look inseparable for many epochs; the warning names their scale and the fix."""
    X, y = _separable()
    with pytest.warns(neurona.errors.SeparabilityWarning) as record:
        Perceptron(epochs=3).fit(X * scale, y)
    message = str(record[-1].message)
    assert f"largest |x| is {np.abs(X * scale).max():.1g}" in message
    assert "standardise the features" in message


def test_a_perceptron_on_unit_features_blames_no_scale():
    X, y = _separable()
    y = y.copy()
    y[:3] = 1 - y[:3]  # not separable any more
    with pytest.warns(neurona.errors.SeparabilityWarning) as record:
        Perceptron(epochs=3).fit(X, y)
    assert "largest |x|" not in str(record[-1].message)


@pytest.mark.parametrize("scale", [1e-170, 1.0, 1e200])
def test_standard_scaling_finds_the_spread_at_any_scale(tmp_path, scale):
    """``--scale standard`` stored the spread of 1e-170 data as 0 (their squares vanish),
    left them unscaled, and trained nothing; the spread is now the column's own."""
    X, y = _separable()
    data = tmp_path / "d.csv"
    rows = "".join(
        f"{float(a)!r},{float(b)!r},{t}\n" for (a, b), t in zip(X * scale, y, strict=True)
    )
    data.write_text("a,b,y\n" + rows)
    model = tmp_path / "m.npz"
    assert run("train", data, "-t", "y", "--scale", "standard", "-o", model, "-q").exit_code == 0
    fitted = neurona.load(model)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)  # the same columns at scale 1
    expected = Perceptron().fit(Z, y)
    np.testing.assert_allclose(fitted.coef_, expected.coef_, rtol=1e-9)


def test_decimal_given_by_the_user_is_blamed_not_the_file(tmp_path):
    data = tmp_path / "plain.csv"
    data.write_text("a,b,y\n1.5,2,0\n3.5,1,1\n2.5,0.5,1\n0.5,3,0\n")
    result = run("train", data, "-t", "y", "--decimal", ",", "-q")
    assert result.exit_code != 0
    assert "--decimal ',' reads every number with a decimal comma" in result.output
    assert "first lines" not in result.output
    spanish = run("--lang", "es", "train", data, "-t", "y", "--decimal", ",", "-q")
    assert "--decimal ',' lee todos los números con coma decimal" in spanish.output


def test_separability_refuses_integers_float64_would_round():
    with pytest.raises(DataError, match="2\\*\\*53"):
        check_separability([[2**62], [2**62 + 1]], [0, 1])
    with pytest.raises(DataError, match="2\\*\\*53"):
        check_separability(np.array([[2**62], [2**62 + 1]], dtype=np.uint64), [0, 1])
    assert check_separability([[2**40], [2**40 + 1]], [0, 1]).separable
