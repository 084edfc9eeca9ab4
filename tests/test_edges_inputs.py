"""Labels and inputs of unusual types: each is read as meant (scikit-learn's reading where
it has one) or refused by one ``neurona.errors`` exception that says what was found and
what to pass; never a raw TypeError/ValueError, never a silent conversion."""

from __future__ import annotations

import datetime
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from sklearn.linear_model import SGDClassifier
from sklearn.utils.multiclass import unique_labels

from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron
from neurona.errors import DataError, DataTypeError

rng = np.random.default_rng(0)
X = rng.normal(size=(20, 2))
Y01 = (X[:, 0] > 0).astype(int)


def _fit(y, make=Perceptron, Xf=X):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a non-separable sample's warning is not the point
        return make(epochs=5).fit(Xf, y)


# ------------------------------------------------------------ F6. label types mixed


@pytest.mark.parametrize(
    "labels",
    [
        [1, "a"] * 10,
        np.array([1, "a"] * 10, dtype=object),
        [np.int64(3), "a"] * 10,
        [1.5, "a"] * 10,
        [True, "a"] * 10,
    ],
    ids=["list", "object array", "numpy int", "float", "bool"],
)
def test_strings_mixed_with_numbers_are_refused_as_scikit_learn_does(labels):
    with pytest.raises(ValueError, match=r"Mix of label input types \(string and number\)"):
        unique_labels(np.asarray(labels, dtype=object).tolist())  # the reference
    for make in (Perceptron, Adaline, LogisticRegression):
        with pytest.raises(DataError, match=r"Mix of label input types \(string and number\)"):
            _fit(labels, make)
        with pytest.raises(DataError, match=r"Mix of label input types .*str values"):
            make().partial_fit(X, labels, classes=["a", "b"])


def test_mixed_labels_in_a_pandas_column_are_refused():
    pd = pytest.importorskip("pandas")
    with pytest.raises(DataError, match=r"string and number.*one type"):
        _fit(pd.Series([1, "a"] * 10, dtype=object))


def test_mixed_classes_are_refused_by_name():
    with pytest.raises(DataError, match=r"Mix of label input types .*classes holds"):
        Perceptron().partial_fit(X, Y01, classes=[0, 1, "a"])


def test_bytes_mixed_with_strings_are_refused():
    # NumPy would read b"a" as "a": two labels of different types would become one class
    with pytest.raises(DataError, match=r"string and bytes"):
        _fit([b"a", "b"] * 10)


@pytest.mark.parametrize(
    ("y", "classes"),
    [
        ([True, False] * 3, [0, 1]),
        ([1, 0] * 3, [False, True]),
        ([1.0, 0.0] * 3, [0, 1]),
        ([1, 0] * 3, np.array([0.0, 1.0])),
    ],
    ids=["bool y, int classes", "int y, bool classes", "float y, int classes", "float classes"],
)
def test_numbers_of_other_dtypes_match_classes_as_scikit_learn_does(y, classes):
    Xs = X[:6]
    reference = SGDClassifier().partial_fit(Xs, y, classes=classes).classes_
    model = Perceptron().partial_fit(Xs, y, classes=classes)
    np.testing.assert_array_equal(model.classes_, reference)
    assert model.classes_.dtype.kind == reference.dtype.kind
    as_ints = Perceptron().partial_fit(Xs, np.asarray(y, dtype=int), classes=[0, 1])
    np.testing.assert_array_equal(model.coef_, as_ints.coef_)


@pytest.mark.parametrize(
    ("y", "classes", "kinds"),
    [
        # (bytes as y are refused on their own: test_edges_round6.py, labels save cannot keep)
        (["a", "b"] * 3, [b"a", b"b"], r"strings and bytes"),
        (["0", "1"] * 3, [0, 1], r"strings and numbers"),
    ],
)
def test_labels_of_another_kind_than_classes_are_refused_naming_both(y, classes, kinds):
    with pytest.raises(DataError, match=rf"Mix of label input types \({kinds}\).*classes="):
        Perceptron().partial_fit(X[:6], y, classes=classes)


@pytest.mark.parametrize(
    ("labels", "found"),
    [
        (["a", None] * 10, r"missing labels \(None\) at rows \[1, 3, 5"),
        (np.array(["a", np.nan] * 10, dtype=object), r"missing labels \(nan\) at rows \[1, 3"),
        ([datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)] * 10, r"datetime\.date values"),
        ([datetime.datetime(2020, 1, 1), None] * 10, r"missing labels \(None\)"),
        ([{"a": 1}, {"b": 2}] * 10, r"Unknown label type: y holds dict values"),
        ([Decimal("NaN"), "a"] * 10, r"missing labels \(Decimal\('NaN'\)\) at rows \[0, 2"),
        ([Decimal("sNaN"), Decimal(1)] * 10, r"missing labels \(Decimal\('sNaN'\)\)"),
        ([1 + 2j, 3j] * 10, r"Unknown label type: y holds complex values \(e\.g\. \(1\+2j\)"),
    ],
    ids=["None", "NaN", "dates", "dates and None", "dicts", "Decimal NaN", "sNaN", "complex"],
)
def test_labels_of_no_accepted_type_say_what_was_found_and_what_is_taken(labels, found):
    with pytest.raises(DataError, match=found) as info:
        _fit(labels)
    message = str(info.value)
    if "missing" not in message:
        assert "integers (within int64), strings, bools" in message
        assert "datetime64" in message
    assert len(message) < 400


def test_missing_labels_of_a_pandas_string_column_are_refused():
    pd = pytest.importorskip("pandas")
    with pytest.raises(DataError, match=r"missing labels \(<NA>\) at rows \[1, 3"):
        _fit(pd.Series(["a", None] * 10, dtype="string"))


def test_dates_as_datetime64_are_labels():
    days = np.array(["2020-01-01", "2021-06-30"], dtype="datetime64[D]")[Y01]
    model = _fit(days)
    np.testing.assert_array_equal(model.classes_, np.unique(days))
    np.testing.assert_array_equal(model.predict(X), _fit(Y01).predict(X).choose(model.classes_))


@pytest.mark.parametrize("as_array", [False, True], ids=["list", "object array"])
@pytest.mark.parametrize("number", [int, Decimal, Fraction])
def test_numbers_held_as_objects_are_labels_of_their_value(number, as_array):
    values = np.where(Y01 == 1, 7, 0)
    labels = [number(int(v)) for v in values]
    model = _fit(np.array(labels, dtype=object) if as_array else labels)
    reference = _fit(values)
    np.testing.assert_array_equal(model.classes_, [0, 7])
    np.testing.assert_array_equal(model.predict(X), reference.predict(X))
    np.testing.assert_array_equal(model.coef_, reference.coef_)


def test_decimal_labels_that_are_not_whole_are_continuous():
    with pytest.raises(DataError, match="Unknown label type: continuous"):
        _fit([Decimal("0.5"), Decimal("1.5")] * 10)


# ---------------------------------------------------------- F10. score's labels


def test_score_with_labels_of_another_type_names_both():
    model = _fit(Y01)
    with pytest.raises(DataError, match=r"\(strings and numbers\).*'1'.*classes_=\[0, 1\]"):
        model.score(X, Y01.astype(str))
    model_s = _fit(np.array(["no", "yes"])[Y01])
    with pytest.raises(DataError, match=r"\(numbers and strings\).*classes_=\['no', 'yes'\]"):
        model_s.score(X, Y01)
    with pytest.raises(DataError, match=r"string and number"):
        model.score(X, [1, "a"] * 10)


def test_score_takes_numbers_of_any_dtype_as_scikit_learn_does():
    model = _fit(Y01)
    expected = float(np.mean(model.predict(X) == Y01))
    for labels in (Y01, Y01.astype(float), Y01.astype(bool), Y01.tolist(), Y01.astype(object)):
        assert model.score(X, labels) == expected


def test_score_with_too_few_labels_is_a_data_error():
    with pytest.raises(DataError, match="inconsistent numbers of samples"):
        _fit(Y01).score(X, Y01[:5])


def test_score_without_labels_says_so():
    with pytest.raises(DataError, match="y is None: pass the true labels"):
        _fit(Y01).score(X, None)


@pytest.mark.parametrize(
    ("target", "what"),
    [
        (["a"] * 20, "could not convert string to float"),
        (X[:5, 0], "inconsistent numbers of samples"),
        (np.r_[np.nan, X[1:, 0]], "NaN"),
        (np.c_[X[:, 0], X[:, 0]], "number of output"),
    ],
    ids=["text", "too few", "NaN", "two columns"],
)
def test_a_regression_score_refuses_bad_targets_in_words(target, what):
    model = LinearRegression().fit(X, X[:, 0])
    with pytest.raises(DataError, match=what):
        model.score(X, target)
    assert model.score(X, X[:, 0].tolist()) == model.score(X, X[:, 0]) == 1.0


def test_a_continued_run_refuses_labels_of_another_type_naming_both():
    model = Perceptron().partial_fit(X, Y01, classes=[0, 1])
    with pytest.raises(DataError, match=r"\(strings and numbers\).*classes_=\[0, 1\]"):
        model.partial_fit(X, np.array(["a", "b"])[Y01])


# ------------------------------------------------------ F4. integers beyond int64


def test_integer_labels_beyond_int64_and_uint64_are_refused_suggesting_strings():
    for labels in ([2**70, 0] * 10, [2**63, -1] * 10, [-(2**64), 0] * 10):
        with pytest.raises(DataError, match=r"outside the int64 range.*as strings"):
            _fit(labels)
    with pytest.raises(DataError, match=r"outside the int64 range"):
        _fit([2**63, 0.5] * 10)  # no float holds 2**63 + 1 and 0.5 as one dtype


def test_integer_labels_within_uint64_are_kept_exactly():
    # np.asarray([2**63, 0]) is float64: 2**63 + 1 would read as 2**63
    labels = [[0, 2**63 + 1][i] for i in Y01]
    model = _fit(labels)
    assert model.classes_.dtype == np.uint64
    assert model.classes_.tolist() == [0, 2**63 + 1]
    np.testing.assert_array_equal(model.predict(X) == 2**63 + 1, _fit(Y01).predict(X) == 1)


# ------------------------------------------------------- F4. values beyond float64


@pytest.mark.parametrize(
    "value",
    [Decimal("1e400"), Decimal("-1e400"), 10**400, -(2**1100), Fraction(10**400, 3)],
    ids=["Decimal", "-Decimal", "int", "-int", "Fraction"],
)
def test_values_beyond_float64_are_located_and_not_called_infinity(value):
    Xo = X.astype(object)
    Xo[3, 1] = value
    for call in (
        lambda: Perceptron().fit(Xo, Y01),
        lambda: Perceptron().partial_fit(Xo, Y01, classes=[0, 1]),
        lambda: Adaline(mode="online").fit(Xo, Y01),  # training looks for infinities
        lambda: LinearRegression().fit(Xo, X[:, 0]),
        lambda: _fit(Y01).predict(Xo),
    ):
        with pytest.raises(DataError, match=r"at X\[3, 1\] is beyond float64's range") as info:
            call()
        assert "infinity" not in str(info.value)
        assert len(str(info.value)) < 300


def test_a_target_beyond_float64_is_located():
    target = [Decimal(1)] * 10 + [Decimal("1e999")] * 10
    with pytest.raises(DataError, match=r"Decimal\('1E\+999'\) at y\[10\] is beyond float64"):
        LinearRegression().fit(X, target)
    with pytest.raises(DataError, match=r"at y\[0\] is beyond float64"):
        LinearRegression().fit(X, [2**1100] + [0] * 19)


def test_a_table_column_beyond_float64_is_named():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"len": X[:, 0].astype(object), "wid": X[:, 1]})
    frame.loc[2, "len"] = Decimal("1e400")
    with pytest.raises(DataError, match=r"at X\[2, 0\] in column 'len' is beyond float64"):
        Perceptron().fit(frame, Y01)


def test_real_infinities_and_nan_are_called_so_and_located():
    Xo = X.astype(object)
    Xo[4, 0] = Decimal("Infinity")
    with pytest.raises(DataError, match=r"contains infinity.*first at X\[4, 0\].*infinite"):
        Perceptron().fit(Xo, Y01)
    Xf = X.copy()
    Xf[5, 1] = np.nan
    with pytest.raises(DataError, match=r"contains NaN.*first at X\[5, 1\].*impute"):
        Perceptron().fit(Xf, Y01)
    with pytest.raises(DataError, match=r"contains NaN.*first at X\[5, 1\]"):
        Adaline(mode="online").fit(Xf, Y01)  # found by training, then located


def test_finite_decimals_and_fractions_are_their_float_values():
    Xo = X.astype(object)
    Xo[:, 0] = [Decimal(repr(float(v))) for v in X[:, 0]]
    Xo[:, 1] = [Fraction(float(v)) for v in X[:, 1]]
    for make in (Perceptron, Adaline):
        np.testing.assert_array_equal(_fit(Y01, make, Xo).coef_, _fit(Y01, make).coef_)
    np.testing.assert_array_equal(
        LinearRegression().fit(Xo, X[:, 0]).coef_, LinearRegression().fit(X, X[:, 0]).coef_
    )


def test_a_value_that_is_not_a_number_is_located():
    Xo = X.astype(object)
    Xo[6, 1] = 1 + 2j
    with pytest.raises(DataTypeError, match=r"argument must be a string.* number.*X\[6, 1\]"):
        Perceptron().fit(Xo, Y01)


# --------------------------------------------------------------- F7. containers


def test_a_record_batch_keeps_its_column_names_as_a_table_does():
    pa = pytest.importorskip("pyarrow")
    batch = pa.record_batch([pa.array(X[:, 0]), pa.array(X[:, 1])], names=["len", "wid"])
    table = pa.table({"len": X[:, 0], "wid": X[:, 1]})
    by_batch, by_table = _fit(Y01, Xf=batch), _fit(Y01, Xf=table)
    assert by_batch.feature_names_in_.tolist() == ["len", "wid"]
    np.testing.assert_array_equal(by_batch.feature_names_in_, by_table.feature_names_in_)
    np.testing.assert_array_equal(by_batch.coef_, by_table.coef_)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "X does not have valid feature names"
        np.testing.assert_array_equal(by_table.predict(batch), by_table.predict(table))
    with pytest.raises(DataError, match=r"same order.*feature_names_in_"):
        by_batch.predict(batch.select(["wid", "len"]))


@pytest.mark.parametrize("record", [False, True], ids=["structured", "recarray"])
def test_structured_arrays_are_refused_in_words(record):
    data = np.zeros(20, dtype=[("u", "f8"), ("v", "f4")])
    data = np.rec.array(data) if record else data
    with pytest.raises(DataTypeError, match=r"structured arrays are not supported.*DataFrame"):
        Perceptron().fit(data, Y01)
    model = _fit(Y01)
    with pytest.raises(DataTypeError, match="structured arrays are not supported"):
        model.predict(data)


def test_a_bfloat16_tensor_trains_in_float32():
    torch = pytest.importorskip("torch")
    Xt = torch.tensor(X, dtype=torch.bfloat16)
    as_float32 = Xt.float().numpy()
    for make in (Perceptron, Adaline, LogisticRegression):
        model = _fit(Y01, make, Xt)
        reference = _fit(Y01, make, as_float32)
        assert model.coef_.dtype == np.float32
        np.testing.assert_array_equal(model.coef_, reference.coef_)
        np.testing.assert_array_equal(model.predict(Xt), reference.predict(as_float32))
    assert LinearRegression().fit(Xt, X[:, 0]).coef_.dtype == np.float32


@pytest.mark.filterwarnings("ignore:Sparse CSR tensor support is in beta")
def test_sparse_tensors_are_refused_and_scipy_sparse_is_taken():
    torch = pytest.importorskip("torch")
    sparse = pytest.importorskip("scipy.sparse")
    fitted = Perceptron().fit(sparse.csr_matrix(X), Y01)  # issue 16: SciPy sparse is taken
    np.testing.assert_array_equal(fitted.coef_, Perceptron().fit(X, Y01).coef_)
    for layout in ("to_sparse", "to_sparse_csr"):
        Xs = getattr(torch.tensor(X), layout)()
        with pytest.raises(DataTypeError, match=r"sparse torch tensor.*to_dense\(\)"):
            Perceptron().fit(Xs, Y01)
        with pytest.raises(DataTypeError, match=r"to_dense\(\)"):
            _fit(Y01).predict(Xs)


@pytest.mark.parametrize("rows", [20, 300, 100_000])
def test_complex_data_are_refused_quoting_an_excerpt(rows):
    Xc = np.ones((rows, 2), dtype=complex)
    with pytest.raises(DataError, match=r"Complex data not supported.*real numbers") as info:
        Perceptron().fit(Xc, np.arange(rows) % 2)
    assert len(str(info.value)) < 200
    assert "\n" not in str(info.value)


@pytest.mark.filterwarnings("ignore:ComplexHalf support is experimental")
def test_complex_tensors_are_refused_in_words():
    torch = pytest.importorskip("torch")
    for dtype in (torch.complex64, torch.complex32):
        with pytest.raises(DataError, match="Complex data not supported") as info:
            Perceptron().fit(torch.ones((20, 2), dtype=dtype), Y01)
        assert len(str(info.value)) < 200


@pytest.mark.parametrize("as_array", [False, True])
def test_uint64_labels_beyond_int64_train_as_their_codes_do(as_array):
    """Labels 2**63 and 2**63 + 1 (uint64, beyond int64) are classes like 0 and 1: the same
    weights, the labels back exactly (they used to overflow the label table's offsets)."""
    X = np.random.default_rng(0).normal(size=(10, 2))
    codes = np.array([0, 1] * 5)
    y = codes.astype(np.uint64) + np.uint64(2**63)
    labels = y if as_array else [int(v) for v in y]
    big = Perceptron(epochs=3).fit(X, labels)
    small = Perceptron(epochs=3).fit(X, codes)
    np.testing.assert_array_equal(big.coef_, small.coef_)
    np.testing.assert_array_equal(big.predict(X), small.predict(X).astype(np.uint64) + y[0])
    assert big.score(X, labels) == small.score(X, codes)
    chunked = Perceptron().partial_fit(X, labels, classes=[2**63, 2**63 + 1])
    assert chunked.classes_.tolist() == [2**63, 2**63 + 1]


def test_iterators_and_meta_tensors_are_refused_in_words():
    X = np.random.default_rng(0).normal(size=(12, 2))
    y = [0, 1] * 6
    with pytest.raises(DataTypeError, match=r"'generator', an iterator: pass an array"):
        Perceptron().fit((row for row in X), y)
    with pytest.raises(DataTypeError, match="an iterator"):
        Perceptron().fit(X, iter(y))
    torch = pytest.importorskip("torch")
    with pytest.raises(DataTypeError, match="meta device, which holds shapes but no values"):
        Perceptron().fit(torch.empty((12, 2), device="meta"), y)
