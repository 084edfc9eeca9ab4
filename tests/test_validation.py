"""Bad input gets one exception family, and messages that say what to do."""

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neurona
from neurona import Adaline, LinearRegression, Perceptron
from neurona._validation import encode_labels
from neurona.errors import DataError, DataTypeError, NeuronaError, ParameterError

X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
y = np.array([0, 1, 1, 0])

BAD_DATA = {
    "nan": (np.array([[np.nan, 1.0], [1.0, 0.0]]), [0, 1], "NaN", "impute"),
    "inf": (np.array([[np.inf, 1.0], [1.0, 0.0]]), [0, 1], "infinity", "infinite"),
    "1-d X": (np.array([0.0, 1.0]), [0, 1], "Expected 2D array", "reshape"),
    "3-d X": (np.zeros((2, 2, 2)), [0, 1], "dim 3", "shape"),
    "mismatched lengths": (X, [0, 1], "inconsistent numbers of samples", "same rows"),
    "empty": (np.zeros((0, 2)), [], "0 sample", "at least one sample"),
    "no features": (np.zeros((3, 0)), [0, 1, 0], "0 feature", "at least one"),
    "one class": (X, [1, 1, 1, 1], "one class", "at least two classes"),
    "text": (np.array([["a", "b"], ["c", "d"]]), [0, 1], "could not convert", "encode"),
    "complex": (X + 1j, y, "Complex data", "real numbers"),
    "continuous labels": (X, [0.1, 0.2, 0.3, 0.4], "Unknown label type", "LinearRegression"),
}


@pytest.mark.parametrize("case", BAD_DATA)
@pytest.mark.parametrize("make", [Perceptron, Adaline])
def test_bad_classification_data(make, case):
    Xb, yb, what, todo = BAD_DATA[case]
    with pytest.raises(DataError, match=what) as err:
        make().fit(Xb, yb)
    assert todo in str(err.value)
    assert isinstance(err.value, NeuronaError)
    assert isinstance(err.value, ValueError)


def test_object_values_raise_a_type_error_of_the_family():
    Xo = X.astype(object)
    Xo[0, 0] = {"not": "a number"}
    with pytest.raises(DataTypeError, match="number"):
        Perceptron().fit(Xo, y)


@pytest.mark.parametrize("target", [[0.0, np.nan, 1.0, 2.0], [0.0, np.inf, 1.0, 2.0]])
def test_bad_regression_targets(target):
    with pytest.raises(DataError, match=r"NaN|infinity"):
        LinearRegression().fit(X, target)


def test_wrong_number_of_features_at_predict():
    clf = Perceptron().fit(X, y)
    with pytest.raises(DataError, match=r"X has 3 features.*same feature columns"):
        clf.predict(np.zeros((2, 3)))


@pytest.mark.parametrize(
    ("params", "what"),
    [
        (dict(mode="sideways"), "mode='sideways'"),
        (dict(rule="hebb"), "rule='hebb'"),
        (dict(learning_rate=0), "learning_rate=0"),
        (dict(learning_rate=float("nan")), "learning_rate=nan"),
        (dict(epochs=0), "epochs=0"),
        (dict(epochs=2.5), "epochs=2.5"),
        (dict(batch_size=0), "batch_size=0"),
        (dict(reduction="max"), "reduction='max'"),
        (dict(schedule="cosine"), "schedule='cosine'"),
        (dict(tol=-1.0), "tol=-1.0"),
        (dict(backend="fortran"), "backend='fortran'"),
        (dict(callbacks=[42]), "callbacks"),
    ],
)
def test_bad_parameters_name_the_parameter(params, what):
    with pytest.raises(ParameterError, match=what.replace("(", r"\(")):
        Perceptron(**params).fit(X, y)


def test_ridge_with_gradient_descent_is_refused_not_ignored():
    with pytest.raises(ParameterError, match="alpha"):
        LinearRegression(solver="gd", alpha=1.0).fit(X, [0.0, 1.0, 2.0, 3.0])


def test_any_binary_labels():
    for labels in (["no", "yes"], [False, True], [-1, 1], [0, 1], [2.0, 5.0]):
        yl = np.array(labels)[y]
        clf = Perceptron().fit(X, yl)
        assert clf.predict(X).tolist() == yl.tolist()
        assert clf.classes_.tolist() == sorted(labels)


def test_public_api():
    assert sorted(neurona.__all__) == sorted(
        [
            "Adaline",
            "LinearRegression",
            "LogisticRegression",
            "Perceptron",
            "__version__",
            "calculus",
            "check_separability",
            "data",
            "errors",
            "exercises",
            "io",
            "load",
            "logic",
            "plot",
            "solvers",
            "tour",
        ]
    )
    for name in neurona.__all__:
        assert getattr(neurona, name) is not None


def test_import_neurona_is_light():
    code = (
        "import sys, neurona; "
        "print(sorted(m for m in ('sklearn', 'numba', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------- labels and finiteness


@given(
    labels=st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=60),
    dense=st.booleans(),
)
def test_encode_labels_equals_numpy_unique(labels, dense):
    y = np.array(labels, dtype=np.int64)
    if dense:
        y = y % 7 - 3  # a small range: the lookup table
    classes, codes = encode_labels(y)
    want_classes, want_codes = np.unique(y, return_inverse=True)
    np.testing.assert_array_equal(classes, want_classes)
    assert classes.dtype == y.dtype
    np.testing.assert_array_equal(codes, want_codes)
    _, again = encode_labels(y, classes)
    np.testing.assert_array_equal(again, want_codes)


@pytest.mark.parametrize(
    "y",
    [
        np.array([True, False, True]),
        np.array([3, 1, 3], dtype=np.uint8),
        np.array(["b", "a", "b"]),
        np.array(["b", "a", "b"], dtype=object),
        np.array([2.0, -1.0, 2.0]),
    ],
)
def test_encode_labels_of_every_label_type(y):
    classes, codes = encode_labels(y)
    want_classes, want_codes = np.unique(y, return_inverse=True)
    np.testing.assert_array_equal(classes, want_classes)
    np.testing.assert_array_equal(codes, want_codes)
    _, marked = encode_labels(y, want_classes[:1])
    assert (marked[y != want_classes[0]] == -1).all()


def test_partial_fit_refuses_labels_outside_classes():
    X = np.arange(8.0).reshape(4, 2)
    y = np.array(["cat", "dog", "eel", "cat"])
    with pytest.raises(DataError, match=r"\['eel'\] that are not in classes"):
        Perceptron().partial_fit(X, y, classes=["cat", "dog"])
    model = Perceptron().partial_fit(X, y, classes=["cat", "dog", "eel"])
    with pytest.raises(DataError, match="not seen when fitting started"):
        model.partial_fit(X, np.array(["cat", "fox", "eel", "cat"]))


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("mode", ["online", "random", "batch", "minibatch"])
@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_data_are_refused_and_nothing_is_lost(value, mode):
    """Training that visits every row finds NaN and infinity itself (no pass before it);
    the error is scikit-learn's, and a fitted model keeps its weights."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 3)), np.arange(40) % 2
    bad = X.copy()
    bad[17, 2] = value
    for make in (Perceptron, Adaline, LinearRegression):
        target = y.astype(float) if make is LinearRegression else y
        kw = {"solver": "gd"} if make is LinearRegression else {}
        model = make(mode=mode, epochs=2, **kw)
        with pytest.raises(DataError, match=r"NaN|infinity"):
            model.fit(bad, target)
        assert not hasattr(model, "coef_")
        model.fit(X, target)
        coef, history = model.coef_.copy(), model.history_
        with pytest.raises(DataError, match=r"NaN|infinity"):
            model.partial_fit(bad, target)
        np.testing.assert_array_equal(model.coef_, coef)
        assert model.history_ == history


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize(
    ("backend", "mode", "value"),
    [("numpy", m, v) for m in ("online", "random", "batch", "minibatch")
     for v in (np.nan, np.inf, -np.inf)]
    + [("numba", "online", np.nan), ("numba", "online", -np.inf)],
)  # fmt: skip
def test_non_finite_sparse_data_are_refused_and_nothing_is_lost(value, backend, mode):
    """The same for a CSR matrix: its stored values are not looked through before the
    training, which finds a NaN or infinity among them (a row's net input is not finite);
    the error is scikit-learn's, and a fitted model keeps its weights."""
    sp = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(1)
    dense = rng.normal(size=(40, 5)) * (rng.random((40, 5)) < 0.5)
    dense[17, 2] = 1.0
    y = np.arange(40) % 2
    bad = dense.copy()
    bad[17, 2] = value
    X_bad = sp.csr_array(bad)
    for make in (Perceptron, Adaline, LinearRegression):
        target = y.astype(float) if make is LinearRegression else y
        kw = {"solver": "gd"} if make is LinearRegression else {}
        model = make(mode=mode, epochs=2, backend=backend, **kw)
        with pytest.raises(DataError, match=r"NaN|infinity"):
            model.fit(X_bad, target)
        assert not hasattr(model, "coef_")
        model.fit(sp.csr_array(dense), target)
        coef, history = model.coef_.copy(), model.history_
        with pytest.raises(DataError, match=r"NaN|infinity"):
            model.partial_fit(sp.coo_array(bad), target)
        np.testing.assert_array_equal(model.coef_, coef)
        assert model.history_ == history


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("sparse", [False, True])
def test_training_that_visits_every_row_reads_no_values_first(sparse, monkeypatch):
    """No finiteness pass over X's values before a training that visits every row (dense
    arrays and SciPy sparse matrices of numbers alike); a list still gets one (its
    conversion can overflow)."""
    import neurona._validation as validation

    sp = pytest.importorskip("scipy.sparse")
    looked = []
    real = validation.assert_all_finite
    monkeypatch.setattr(validation, "assert_all_finite",
                        lambda X, **kw: (looked.append(X), real(X, **kw))[1])  # fmt: skip
    rng = np.random.default_rng(2)
    dense = rng.normal(size=(30, 4))
    y = np.arange(30) % 2
    X_in = sp.csr_array(dense) if sparse else dense
    Perceptron(epochs=2, backend="numpy").fit(X_in, y)
    Adaline(epochs=2, mode="batch", backend="numpy").partial_fit(X_in, y, classes=[0, 1])
    assert looked == []
    Perceptron(epochs=2, backend="numpy").fit(dense.tolist(), y)
    assert len(looked) == 1


def test_warnings_point_at_the_callers_line():
    from neurona.errors import ConvergenceWarning, SeparabilityWarning

    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 2)), np.arange(30) % 2
    with pytest.warns(SeparabilityWarning) as record:
        Perceptron(epochs=2).fit(X, y)
    assert record[0].filename == __file__
    with pytest.warns(ConvergenceWarning) as record:
        Adaline(epochs=2, tol=1e-9).fit(X, y)
    assert record[0].filename == __file__
