"""Sparse data files from the command line: ``neurona datasets text``, then ``train``,
``predict`` and ``evaluate`` on svmlight text and sparse ``.npz`` archives.

The references are independent of the command line's reading: the matrix the generator
drew (:func:`neurona.data.text.make_text`, a CSR matrix built in memory) fitted from
Python, sparse and densified; scikit-learn's metrics; a matrix written by SciPy's own
``save_npz``. The sparse fit of integer counts equals the dense fit bit for bit for the
perceptron (integer arithmetic in floats) and to 1e-12 for the gradient neurons (sums in
another order). Every refusal is one line on stderr, never a traceback, in English and
in Spanish.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.metrics import confusion_matrix, mean_squared_error, r2_score

import neurona
from helpers import run, run_process
from neurona.data.sparse_files import archive_kind, is_sparse_file, read_sparse_file
from neurona.data.text import make_text
from neurona.errors import DataError
from neurona.estimators import ESTIMATORS

#: the generator's sizes used throughout (small: each fit takes milliseconds); NARROW for
#: closed-form least squares, which solves a (features x features) system
SIZES = {"n_samples": 240, "n_features": 3000, "nnz_per_row": 15}
NARROW = {"n_samples": 240, "n_features": 120, "nnz_per_row": 15}


def _flags(sizes):
    return [text for key, value in sizes.items()
            for text in ("--" + key.replace("_", "-"), str(value))]  # fmt: skip


SIZE_FLAGS = _flags(SIZES)


def _drawn(sizes=SIZES):
    return make_text(**sizes, random_state=3)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The text dataset written as svmlight and as a sparse .npz by the command line
    (t.*), and a narrower one (n.*)."""
    d = tmp_path_factory.mktemp("sparse")
    for stem, sizes in (("t", SIZES), ("n", NARROW)):
        for suffix in (".svmlight", ".npz"):
            out = d / (stem + suffix)
            result = run("datasets", "text", "--out", out, *_flags(sizes), "--seed", "3")
            assert result.exit_code == 0, result.output
    return d


def _ok(result):
    assert result.exit_code == 0, result.output
    return result


def _one_line_error(result, code=None):
    """The refusal: one line on stderr, no traceback, nothing on stdout."""
    assert result.exit_code != 0, result.output
    if code is not None:
        assert result.exit_code == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# --------------------------------------------------------------------------- datasets


def test_datasets_text_writes_the_generators_matrix_in_both_formats(files):
    X, y = _drawn()
    for name in ("t.svmlight", "t.npz"):
        read = read_sparse_file(files / name)
        assert sp.issparse(read.X)
        assert read.X.format == "csr"
        assert read.X.shape == X.shape  # the svmlight header keeps the width (n_features)
        assert (read.X != X).nnz == 0
        np.testing.assert_array_equal(read.y, y)
    assert "n_features 3000" in (files / "t.svmlight").read_text().split("\n", 5)[3]
    # the npz is what scipy.sparse.load_npz reads
    loaded = sp.load_npz(files / "t.npz")
    assert (sp.csr_array(loaded) != X).nnz == 0
    listing = json.loads(_ok(run("datasets", "--json")).stdout)["datasets"]
    assert "text" in listing


def test_datasets_text_is_seeded_and_refuses_dense_formats(tmp_path):
    for seed in ("3", "4"):
        _ok(run("datasets", "text", "-o", tmp_path / f"s{seed}.npz", *SIZE_FLAGS, "--seed", seed))
    a, b = (read_sparse_file(tmp_path / f"s{s}.npz") for s in ("3", "4"))
    assert (a.X != b.X).nnz > 0
    line = _one_line_error(run("datasets", "text", "--out", tmp_path / "t.csv"), 2)
    assert "the text dataset is sparse" in line
    assert "t.csv" in line
    line = _one_line_error(run("datasets", "iris", "--out", tmp_path / "i.csv", "--flip", "0.1"))
    assert "apply to the text dataset only" in line
    args = ("datasets", "text", "-o", tmp_path / "x.svm", "--n-features", "5", "--nnz-per-row")
    line = _one_line_error(run(*args, "9"), 2)
    assert "--n-features 5 is below --nnz-per-row 9" in line
    line = _one_line_error(run("train", "--dataset", "text"), 2)
    assert "neurona datasets text --out" in line


def test_an_svmlight_file_whose_first_column_is_empty_reads_back_unshifted(tmp_path):
    """scikit-learn's reader takes a file without index 0 as counting from 1: the header
    written beside the rows keeps the columns where they were."""
    from neurona.data.sparse_files import write_sparse

    X = sp.csr_array(np.array([[0, 1.0, 0, 2], [0, 0, 3, 0]]))
    write_sparse(tmp_path / "s.svmlight", X, np.array([0, 1]))
    read = read_sparse_file(tmp_path / "s.svmlight")
    np.testing.assert_array_equal(read.X.toarray(), X.toarray())
    assert read.zero_based is True


# --------------------------------------------------------------------------- train


CASES = [
    ("perceptron", ["--mode", "online"], "numpy"),
    ("perceptron", ["--mode", "minibatch", "--batch-size", "16", "--shuffle"], "numba"),
    ("adaline", ["--mode", "batch", "--learning-rate", "0.001"], "numba"),
    ("logistic", ["--mode", "online", "--learning-rate", "0.01", "--shuffle"], "numpy"),
    ("linear", ["--solver", "gd", "--mode", "batch", "--learning-rate", "0.001"], "numba"),
    ("linear", [], "auto"),
]


def _python_params(flags, backend):
    """The estimator's parameters that the command line's ``flags`` set."""
    params = {"epochs": 4, "random_state": 7, "backend": backend}
    it = iter(flags)
    for flag in it:
        key = flag[2:].replace("-", "_")
        if flag == "--shuffle":
            params[key] = True
        elif key == "batch_size":
            params[key] = int(next(it))
        elif key == "learning_rate":
            params[key] = float(next(it))
        else:
            params[key] = next(it)
    return params


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize(("model", "flags", "backend"), CASES)
@pytest.mark.parametrize("name", ["t.svmlight", "t.npz"])
def test_train_saves_the_python_fit_on_the_csr_matrix(files, tmp_path, monkeypatch, model,
                                                      flags, backend, name):  # fmt: skip
    cls = ESTIMATORS[model]
    seen = []
    original = cls.fit

    def spy(self, X, y, **kw):
        seen.append(X)
        return original(self, X, y, **kw)

    monkeypatch.setattr(cls, "fit", spy)
    closed_form = model == "linear" and not flags
    if closed_form:  # a (features x features) system: the narrow file
        name = name.replace("t.", "n.")
    out = tmp_path / "m.npz"
    args = ["train", files / name, "--model", model, "--epochs", "4", "--seed", "7",
            "--backend", backend, *flags, "-o", out, "-q"]  # fmt: skip
    if closed_form:
        args.remove("--epochs")
        args.remove("4")
    _ok(run(*args))
    assert len(seen) == 1
    assert sp.issparse(seen[0])  # nothing densified on the way
    monkeypatch.undo()

    X, y = _drawn(NARROW if closed_form else SIZES)
    params = _python_params(flags, backend)
    if closed_form:
        params.pop("epochs")
    saved = neurona.load(out)
    sparse_fit = cls(**params).fit(X, y)
    np.testing.assert_array_equal(saved.coef_, sparse_fit.coef_)
    np.testing.assert_array_equal(saved.intercept_, sparse_fit.intercept_)
    dense_params = params | {"backend": "numpy" if backend == "auto" else backend}
    dense_fit = cls(**dense_params).fit(X.toarray(), y)
    if model == "perceptron":  # integer counts, integer steps: the same numbers
        np.testing.assert_array_equal(saved.coef_, dense_fit.coef_)
        np.testing.assert_array_equal(saved.intercept_, dense_fit.intercept_)
    else:
        scale = np.max(np.abs(dense_fit.coef_))
        np.testing.assert_allclose(saved.coef_, dense_fit.coef_, rtol=1e-9, atol=1e-12 * scale)
        np.testing.assert_allclose(saved.intercept_, dense_fit.intercept_, rtol=1e-9,
                                   atol=1e-12 * scale)  # fmt: skip
    if hasattr(saved, "classes_"):
        np.testing.assert_array_equal(saved.classes_, [0, 1])  # whole labels, not 0.0, 1.0


def test_a_save_npz_matrix_trains_on_its_target_column(tmp_path):
    """A matrix written by scipy.sparse.save_npz, no y: --target names the column that
    holds the labels, which leaves the features; predict and evaluate drop it again."""
    X, y = _drawn()
    j = 11
    whole = sp.hstack([X[:, :j], sp.csr_array(y[:, None].astype(float)), X[:, j:]]).tocsr()
    sp.save_npz(tmp_path / "m.npz", whole)
    assert is_sparse_file(tmp_path / "m.npz")
    out = tmp_path / "model.npz"
    _ok(run("train", tmp_path / "m.npz", "--target", str(j), "--epochs", "3", "-o", out, "-q"))
    reference = neurona.Perceptron(epochs=3).fit(X, y)
    saved = neurona.load(out)
    np.testing.assert_array_equal(saved.coef_, reference.coef_)
    np.testing.assert_array_equal(saved.intercept_, reference.intercept_)
    report = json.loads(_ok(run("evaluate", out, tmp_path / "m.npz", "--json")).stdout)
    assert report["accuracy"] == pytest.approx(reference.score(X, y), abs=0)
    line = _one_line_error(run("train", tmp_path / "m.npz", "-q"))
    assert "holds no array y: pass --target COLUMN_INDEX" in line


# --------------------------------------------------------------------------- predict


@pytest.fixture(scope="module")
def model(files):
    out = files / "model.npz"
    _ok(run("train", files / "t.svmlight", "--epochs", "5", "-o", out, "-q"))
    return out


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_predict_and_evaluate_give_the_python_answers(files, model, tmp_path):
    X, y = _drawn()
    reference = neurona.Perceptron(epochs=5).fit(X, y)
    expected = reference.predict(X)
    for name in ("t.svmlight", "t.npz"):
        printed = _ok(run("predict", model, files / name)).stdout.split()
        assert printed == [str(v) for v in expected]
        values = json.loads(_ok(run("predict", model, files / name, "--json")).stdout)
        assert values["predictions"] == expected.tolist()
        report = json.loads(_ok(run("evaluate", model, files / name, "--json")).stdout)
        assert report["accuracy"] == reference.score(X, y)
        assert report["confusion_matrix"] == confusion_matrix(y, expected).tolist()
    _ok(run("predict", model, files / "t.npz", "-o", tmp_path / "p.npy", "-q"))
    np.testing.assert_array_equal(np.load(tmp_path / "p.npy"), expected)


def test_an_svmlight_file_with_fewer_columns_is_read_at_the_models_width(files, model, tmp_path):
    """svmlight does not say how wide a row is: a file without the last columns (and
    without a header that says so) is read with the model's n_features."""
    X, y = _drawn()
    reference = neurona.Perceptron(epochs=5).fit(X, y)
    keep = X.indices.max(initial=0)
    X_few = X[:, :keep].tocsr()  # the last non-empty column left out
    lines = [f"{label} " + " ".join(f"{j}:{int(v)}" for j, v in
             zip(row.indices, row.data, strict=True)) for label, row in
             zip(y, (X_few[[i]] for i in range(X.shape[0])), strict=True)]  # fmt: skip
    text = "# Column indices are zero-based\n" + "\n".join(lines) + "\n"
    (tmp_path / "few.svmlight").write_text(text)
    assert read_sparse_file(tmp_path / "few.svmlight").X.shape[1] < X.shape[1]
    printed = _ok(run("predict", model, tmp_path / "few.svmlight")).stdout.split()
    padded = sp.hstack([X_few, sp.csr_array((X.shape[0], X.shape[1] - keep))]).tocsr()
    assert printed == [str(v) for v in reference.predict(padded)]


def test_a_one_based_libsvm_file_is_read_the_same_way_at_predict_time(tmp_path):
    """A file without a header whose indices count from 1 (the libsvm convention): the
    model keeps the base its training file was read with."""
    rng = np.random.default_rng(0)
    X = sp.random_array((60, 8), density=0.4, rng=rng, format="csr")
    X.data = np.round(X.data * 4) + 1
    y = (X @ np.arange(-4.0, 4.0) > 0).astype(int)

    def libsvm(path, A, labels):
        rows = []
        for i, label in enumerate(labels):
            row = A[[i]]
            pairs = zip(row.indices, row.data, strict=True)
            rows.append(f"{label} " + " ".join(f"{j + 1}:{int(x)}" for j, x in pairs))
        path.write_text("\n".join(rows) + "\n")

    libsvm(tmp_path / "a.libsvm", X, y)
    _ok(run("train", tmp_path / "a.libsvm", "--epochs", "6", "-o", tmp_path / "m.npz", "-q"))
    reference = neurona.Perceptron(epochs=6).fit(X, y)
    saved = neurona.load(tmp_path / "m.npz")
    np.testing.assert_array_equal(saved.coef_, reference.coef_)
    part = X[:20]
    libsvm(tmp_path / "b.libsvm", part, y[:20])
    printed = _ok(run("predict", tmp_path / "m.npz", tmp_path / "b.libsvm")).stdout.split()
    assert printed == [str(v) for v in reference.predict(part)]


def test_regression_on_a_sparse_file_scores_as_scikit_learn(files, tmp_path):
    X, y = _drawn(NARROW)
    out = tmp_path / "lin.npz"
    _ok(run("train", files / "n.npz", "--model", "linear", "-o", out, "-q"))
    fitted = neurona.LinearRegression().fit(X, y.astype(float))
    predictions = fitted.predict(X)
    report = json.loads(_ok(run("evaluate", out, files / "n.svmlight", "--json")).stdout)
    assert report["r2"] == pytest.approx(r2_score(y, predictions), rel=1e-12)
    assert report["mse"] == pytest.approx(mean_squared_error(y, predictions), rel=1e-12)


# --------------------------------------------------------------------------- refusals


def _corrupt(d):
    text = (d / "t.svmlight").read_text().splitlines()
    text[7] = "1 12:1 bad:2"  # line 8 of the file
    (d / "bad.svmlight").write_text("\n".join(text) + "\n")
    return d / "bad.svmlight"


REFUSALS = [
    (["train", "{t}", "--scale", "standard"], "--scale standard would turn the zeros", 2),
    (["train", "{t}", "--one-hot"], "has no named columns: leave out --one-hot (for CSV", 2),
    (["train", "{t}", "--exclude", "3"], "has no named columns: leave out --exclude", 2),
    (["train", "{t}", "--missing", "mean"], "has no named columns: leave out --missing", 2),
    (["train", "{t}", "--delimiter", ";", "--header"], "leave out --header, --delimiter", 2),
    (["train", "{t}", "--backend", "torch"], "--backend torch takes dense data only", 2),
    (["train", "{t}", "--device", "cpu"], "--backend numpy or --backend numba", 2),
    (["train", "{t}", "--target", "3"], "leave out --target", 1),
    (["train", "{bad}"], "bad.svmlight, line 8: the index 'bad' is not a whole number", 1),
    (["predict", "{model}", "{bad}"], "line 8", 1),
    (["predict", "{model}", "{wide}"], "6000 feature columns but the model reads 3000", 1),
    (["predict", "{model}", "{wide_svm}"], "declares 6000 features (n_features 6000)", 1),
    (["predict", "{model}", "{beyond}"], "feature index 3000 is beyond the 3000 features", 1),
    (["predict", "{model}", "{t}", "--keep", "1"], "no named columns: leave out --keep", 2),
    (["evaluate", "{model}", "{model}"], "is a neurona model file, not data", 1),
    (["train", "{model}"], "is a neurona model file, not data", 1),
    (["separable", "{t}"], "is a sparse file: this command reads files of named columns", 2),
    (["predict", "{t}", "{model}"], "is a sparse data file, not a model", 1),
    (["predict", "{npz}", "{t}"], "is a sparse data file, not a model", 1),
    (["predict", "{junk}", "{t}"], "cannot load model", 1),
    (["train", "{t}", "-o", "{t}"], "an input is never overwritten", 2),
    (["predict", "{model}", "{npz}", "-o", "{npz}"], "an input is never overwritten", 2),
]


@pytest.fixture(scope="module")
def bad_files(files, model):
    d = files
    wide, wide_y = make_text(20, 6000, nnz_per_row=5, random_state=1)
    from neurona.data.sparse_files import write_sparse

    write_sparse(d / "wide.npz", wide, wide_y)
    write_sparse(d / "wide.svmlight", wide, wide_y)
    (d / "beyond.svmlight").write_text("1 2:1 3000:1\n")
    np.savez(d / "junk.npz", a=np.arange(3))
    return {"t": d / "t.svmlight", "npz": d / "t.npz", "model": model, "bad": _corrupt(d),
            "wide": d / "wide.npz", "wide_svm": d / "wide.svmlight",
            "beyond": d / "beyond.svmlight", "junk": d / "junk.npz"}  # fmt: skip


@pytest.mark.parametrize(("args", "expected", "code"), REFUSALS)
def test_every_refusal_is_one_line_that_says_what_to_do(bad_files, args, expected, code):
    before = {p: p.read_bytes() for p in bad_files.values()}
    args = [a.format(**bad_files) if a.startswith("{") else a for a in args]
    line = _one_line_error(run(*args), code)
    assert expected in line, line
    assert {p: p.read_bytes() for p in bad_files.values()} == before  # no input touched


def test_a_model_file_is_never_taken_for_data_nor_data_for_a_model(files, model, tmp_path):
    assert archive_kind(model) == "model"
    assert not is_sparse_file(model)
    assert archive_kind(files / "t.npz") == "sparse"
    assert is_sparse_file(files / "t.npz")
    np.savez(tmp_path / "dense.npz", X=np.eye(3), y=np.arange(3))
    assert archive_kind(tmp_path / "dense.npz") == "other"
    assert not is_sparse_file(tmp_path / "dense.npz")
    with pytest.raises(DataError, match="is a neurona model file, not data"):
        read_sparse_file(model)
    with pytest.raises(neurona.errors.ModelFileError):
        neurona.load(files / "t.npz")


@pytest.mark.timeout(300)
def test_the_refusals_speak_spanish_in_a_fresh_process(bad_files):
    from test_cli_es import english_words

    names = {key: path.name for key, path in bad_files.items()}  # run beside the files
    cases = [
        (["train", names["t"], "--scale", "standard"], "convertiría los ceros"),
        (["train", names["t"], "--one-hot", "--exclude", "2"], "quita --exclude, --one-hot"),
        (["train", names["t"], "--backend", "torch"], "o --backend numba"),
        (["train", names["bad"]], "línea 8: el índice 'bad' no es un número entero"),
        (["predict", names["model"], names["wide"]], "columnas de características"),
        (["predict", names["model"], names["beyond"]], "excede las 3000"),
        (["predict", names["t"], names["model"]], "no un modelo"),
        (["train", names["model"]], "no de datos"),
    ]
    for args, expected in cases:
        result = run_process("--lang", "es", *args, cwd=bad_files["t"].parent)
        lines = result.stderr.splitlines()
        assert result.returncode != 0
        assert len(lines) == 1, result.stderr
        assert expected in lines[0], lines[0]
        # file names aside (the detector knows .npz, not .svmlight), no English word
        assert not english_words(lines[0].replace(".svmlight", ".npz")), lines[0]
