"""Labels and names survive save/load exactly, or ``save`` refuses them in words.

NumPy's unicode arrays drop trailing NUL characters, so Python-string labels (an object
array) are stored as a JSON list in the metadata (format version 2); labels of a dtype a
model file cannot hold (dates, bytes) and feature names a unicode array cannot keep are
refused by ``save``. Files of format version 1 still load.
"""

from __future__ import annotations

import json
import re
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from neurona import Adaline, LinearRegression, Perceptron, load
from neurona.errors import DataError, ModelFileError, SeparabilityWarning
from neurona.io import read_metadata

RNG = np.random.default_rng(0)
X = RNG.normal(size=(24, 3))


def _fit(est, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparabilityWarning)
        return est.fit(X, y)


def _same(a, b) -> bool:
    """Identical arrays: dtype, shape, bytes (so -0.0 differs from 0.0), and for object
    arrays each element's type and value."""
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype == object:  # str.__str__: the text itself (str() drops a numpy.str_'s NULs)
        return _items(a) == _items(b)
    return a.tobytes() == b.tobytes()


def _items(a: np.ndarray) -> list:
    return [(type(v), str.__str__(v) if isinstance(v, str) else v) for v in list(a)]


def _labels(values, dtype=None, n=24, seed=0):
    """``n`` labels using every one of ``values``, in a shuffled order."""
    array = np.empty(len(values), dtype=object) if dtype is object else None
    if array is not None:
        array[:] = values
    else:
        array = np.array(values, dtype=dtype)
    order = np.random.default_rng(seed).permutation(np.arange(n) % len(values))
    return array[order]


def _roundtrip(tmp_path, est, X, y):
    est = _fit(est, X, y)
    path = tmp_path / "m.npz"
    est.save(path)
    loaded = load(path)
    assert _same(loaded.classes_, est.classes_), (loaded.classes_, est.classes_)
    assert _same(loaded.predict(X), est.predict(X))
    return est, loaded


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize(
    "values",
    [
        ["x", "x\0"],  # NumPy's unicode arrays would make both "x"
        ["", "\0"],
        ["a\0\0", "a\0", "a"],
        ["a\0b", "a"],
    ],
)
def test_labels_ending_in_nul_round_trip(tmp_path, values):
    _, loaded = _roundtrip(tmp_path, Perceptron(epochs=2), X, _labels(values, object))
    assert loaded.classes_.tolist() == sorted(values)
    assert read_metadata(tmp_path / "m.npz")["classes"] == sorted(values)


@pytest.mark.parametrize("dtype", [object, str])
@pytest.mark.parametrize(
    "values", [["line\nbreak", "other"], ["\r\n", "\t", "\u2028"], ["é", "日本", "\U0001f600"]]
)
def test_labels_with_newlines_and_non_ascii_round_trip(tmp_path, values, dtype):
    _roundtrip(tmp_path, Adaline(solver="normal"), X, _labels(values, dtype))


@pytest.mark.parametrize("labels", [np.array([b"no", b"yes"])], ids=["bytes"])
def test_labels_a_file_cannot_hold_are_refused_by_save(tmp_path, labels):
    try:
        est = _fit(Perceptron(epochs=2), X, _labels(list(labels), labels.dtype))
    except DataError:
        pytest.skip(f"fit refuses {labels.dtype} labels")
    with pytest.raises(
        ModelFileError, match=re.escape(str(labels.dtype)) + r".*y\.astype\(str\)"
    ) as info:
        est.save(tmp_path / "m.npz")
    assert "\n" not in str(info.value)
    assert not any(tmp_path.iterdir())  # nothing written


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["2020-01-01", "2021-06-30", "1969-12-31"], dtype="datetime64[D]"),
        np.array(["2020-01-01T00:00:00.000000001", "1677-09-22"], dtype="datetime64[ns]"),
        np.array([-1, 2**62], dtype="timedelta64[s]"),
        np.array([3, 5], dtype="timedelta64[10ms]"),
        np.array(["2020-01-01", "2021-01-01"], dtype=">M8[us]"),  # big-endian: read native
    ],
    ids=["datetime64[D]", "datetime64[ns]", "timedelta64[s]", "timedelta64[10ms]", "big-endian"],
)
@pytest.mark.parametrize("cls", [Perceptron, Adaline])
def test_time_labels_round_trip(tmp_path, labels, cls):
    """datetime64 and timedelta64 labels are stored as their int64 values with their dtype
    ('datetime64[ns]'), and read back exactly: same dtype, same values, same predictions."""
    est = _fit(cls(epochs=2), X, _labels(list(labels), labels.dtype))
    path = tmp_path / "m.npz"
    est.save(path)
    meta = read_metadata(path)
    assert meta["classes_dtype"] == str(labels.dtype.newbyteorder("="))
    loaded = load(path)
    assert loaded.classes_.dtype == labels.dtype.newbyteorder("=")
    assert loaded.classes_.tolist() == est.classes_.tolist()
    native = est.classes_.astype(loaded.classes_.dtype)
    assert (loaded.classes_.view(np.int64) == native.view(np.int64)).all()
    assert _same(loaded.predict(X), est.predict(X).astype(loaded.classes_.dtype))
    loaded.partial_fit(X, est.predict(X))  # continues with the same labels
    with np.load(path, allow_pickle=False) as npz:  # the member holds plain int64 values
        assert npz["classes_"].dtype == np.int64


def test_time_labels_a_file_lies_about_are_refused(tmp_path):
    est = _fit(Perceptron(epochs=2), X, _labels(np.array([1, 2], "m8[s]"), "m8[s]"))
    est.save(tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz", allow_pickle=False) as npz:
        content = {k: npz[k] for k in npz.files}
    meta = json.loads(content["__metadata__"].tobytes())

    def write(meta_change=None, **arrays):
        changed = {**meta, **(meta_change or {})}
        raw = np.frombuffer(json.dumps(changed).encode(), np.uint8)
        np.savez(tmp_path / "bad.npz", **{**content, **arrays, "__metadata__": raw})
        return tmp_path / "bad.npz"

    cases = [
        ({"classes_dtype": "datetime64"}, {}, "classes_dtype 'datetime64' is neither"),
        ({"classes_dtype": "datetime64[lightyear]"}, {}, "is neither null"),
        ({"classes_dtype": "M8[s]"}, {}, "is neither null"),  # NumPy's own spelling only
        ({"classes_dtype": "timedelta64[s]", "format_version": 1}, {}, "is neither null"),
        ({}, {"classes_": np.array([1.0, 2.0])}, "not their int64 values"),
        ({}, {"classes_": np.array([[1, 2]])}, "not their int64 values"),
        ({}, {"classes_": np.array([np.iinfo(np.int64).min, 2])}, "NaT"),
        ({}, {"classes_": np.array([2, 1])}, "sorted without repeats"),
        ({"classes": ["a", "b"]}, {}, "disagree"),
    ]
    for meta_change, arrays, match in cases:
        with pytest.raises(ModelFileError, match=match):
            load(write(meta_change, **arrays))


def test_feature_names_that_a_file_cannot_keep_are_refused_by_save(tmp_path):
    est = _fit(Perceptron(epochs=2), X, _labels([0, 1]))
    est.feature_names_in_ = np.array(["a", "b\0", "c"], dtype=object)
    with pytest.raises(ModelFileError, match="NUL"):
        est.save(tmp_path / "m.npz")
    est.feature_names_in_ = np.array(["a", "b\nc", "é"], dtype=object)  # these are kept
    est.save(tmp_path / "m.npz")
    names = load(tmp_path / "m.npz").feature_names_in_
    assert _same(names, est.feature_names_in_)


def test_save_refuses_what_load_would_refuse(tmp_path):
    """save checks the record as load does: nothing unreadable is ever written."""
    est = _fit(Perceptron(epochs=2), X, _labels([0, 1]))
    del est.n_iter_  # as after a fit interrupted by a DivergenceError
    with pytest.raises(ModelFileError, match=r"cannot save model.*n_iter_ is missing"):
        est.save(tmp_path / "a.npz")
    est = _fit(Perceptron(epochs=2), X, _labels([0, 1]))
    est.classes_ = np.array([1, 0])
    with pytest.raises(ModelFileError, match="sorted"):
        est.save(tmp_path / "b.npz")
    est = LinearRegression().fit(X, X[:, 0])
    with pytest.raises(ModelFileError, match="201 digits"):
        est.save(tmp_path / "c.npz", data={"n": 10**200})
    with pytest.raises(ModelFileError, match="not a JSON object"):
        est.save(tmp_path / "d.npz", data=["a"])
    assert not any(tmp_path.iterdir())


def test_non_finite_history_round_trips(tmp_path):
    """A closed-form solution's one loss that is not finite (a model file written before
    fit refused targets whose squares overflow) is kept. Gradient steps that make the
    loss non-finite stop the fit, so a later entry that is not finite is refused, by save
    as by load."""
    y = RNG.normal(size=len(X))
    with pytest.raises(DataError, match="standardise the target"):  # squares overflow
        LinearRegression().fit(X, y * 1e200)  # such a fit is refused now
    est = LinearRegression().fit(X, y)
    est.history_["loss"] = [float("inf")]  # as a model file written before may hold
    est.save(tmp_path / "m.npz")
    assert load(tmp_path / "m.npz").history_["loss"] == [float("inf")]
    est.history_["loss"] = [float("nan")]
    est.save(tmp_path / "m.npz")
    assert np.isnan(load(tmp_path / "m.npz").history_["loss"][0])
    est.history_["loss"] = [1.0, float("inf")]
    with pytest.raises(ModelFileError, match=r"loss holds inf at epoch 2"):
        est.save(tmp_path / "n.npz")
    assert not (tmp_path / "n.npz").exists()


def _numpy_str(values) -> np.ndarray:
    """An object array of numpy string scalars (what a pandas column of them holds)."""
    return _labels([np.str_(v) for v in values], object)


@pytest.mark.parametrize(
    "values", [["cat", "dog"], ["x", "x\0"], ["a", "b\nc", "日本"], ["", "\0", "z"]]
)
def test_numpy_str_labels_round_trip(tmp_path, values):
    """numpy.str_ labels come back as numpy.str_ (NULs and all), in a list or an object
    array, alone or mixed with Python strings."""
    _, loaded = _roundtrip(tmp_path, Perceptron(epochs=2), X, _numpy_str(values))
    assert {type(v) for v in loaded.classes_} == {np.str_}
    assert [str.__str__(v) for v in loaded.classes_] == sorted(values)
    assert read_metadata(tmp_path / "m.npz")["classes_numpy_str"] == [True] * len(values)
    if not any(v.endswith("\0") for v in values):  # a list becomes a unicode array first
        _roundtrip(tmp_path, Adaline(solver="normal"), X, list(_numpy_str(values)))
    mixed = _labels([np.str_(values[0]), *values[1:]], object)
    _, loaded = _roundtrip(tmp_path, Perceptron(epochs=2), X, mixed)
    assert read_metadata(tmp_path / "m.npz")["classes_numpy_str"] is not None


def _object(values) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


@pytest.mark.parametrize(
    ("classes", "match"),
    [
        (np.array([1 + 0j, 2 + 0j]), "dtype complex128"),
        (np.array([b"a", b"b"], "V1"), "dtype |V1"),
        (np.zeros(2, "i4,f4"), "dtype"),
        (np.array(["NaT", 1], "m8[s]"), "NaT"),
        (np.array(["NaT", "NaT"], "M8"), "datetime64, without a time unit"),
        (_object([1, "a"]), "objects of type int, str"),
        (_object([None, "a"]), "objects of type NoneType, str"),
        (_object([b"a", "b"]), "objects of type bytes, str"),
    ],
    ids=[
        "complex",
        "void",
        "structured",
        "NaT",
        "no unit",
        "int and str",
        "None",
        "bytes and str",
    ],
)
def test_labels_a_fit_cannot_leave_are_refused_by_save(tmp_path, classes, match):
    est = _fit(Perceptron(epochs=2), X, _labels([0, 1]))
    est.classes_ = classes
    with pytest.raises(ModelFileError, match=re.escape(match)):
        est.save(tmp_path / "m.npz")
    assert not any(tmp_path.iterdir())


# --------------------------------------------------------------------------- hyperparameters

#: hyperparameters of each type, for each estimator; each fits
PARAMS = {
    Perceptron: dict(
        rule="error",
        mode="minibatch",
        learning_rate=0.25,
        epochs=3,
        batch_size=7,
        shuffle=True,
        reduction="mean",
        schedule="invscaling",
        power_t=1,
        random_state=2**70,
        tol=0,
        n_iter_no_change=2,
        warm_start=True,
        backend="numpy",
        device=None,
    ),
    Adaline: dict(
        solver="gd",
        mode="batch",
        learning_rate="auto",
        epochs=4,
        tol=1e-12,
        random_state=0,
        power_t=0.75,
    ),
    LinearRegression: dict(solver="cholesky", alpha=0.5, random_state=None, epochs=1),
}


def _typed(params: dict) -> dict:
    return {k: (type(v), v) for k, v in params.items()}


@pytest.mark.filterwarnings("ignore::neurona.errors.ConvergenceWarning")
@pytest.mark.parametrize("cls", list(PARAMS), ids=lambda c: c.__name__)
def test_hyperparameters_round_trip_with_their_types(tmp_path, cls):
    y = X[:, 0] if cls is LinearRegression else _labels([0, 1])
    est = _fit(cls(**PARAMS[cls]), X, y)
    est.save(tmp_path / "m.npz")
    loaded = load(tmp_path / "m.npz")
    assert _typed(loaded.get_params()) == _typed(est.get_params())


def test_numpy_scalar_hyperparameters_keep_their_values(tmp_path):
    """JSON holds no NumPy types: a NumPy scalar comes back as the Python value of the
    same value (a NumPy integer seed is kept, not dropped)."""
    est = _fit(Perceptron(epochs=np.int64(2), learning_rate=np.float32(0.1), shuffle=np.bool_(1),
                          random_state=np.uint64(2**64 - 1)), X, _labels([0, 1]))  # fmt: skip
    est.save(tmp_path / "m.npz")
    params = load(tmp_path / "m.npz").get_params()
    expected = {"epochs": 2, "learning_rate": float(np.float32(0.1)), "shuffle": True,
                "random_state": 2**64 - 1}  # fmt: skip
    assert _typed({k: params[k] for k in expected}) == _typed(expected)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"epochs": 0}, r"epochs=0"),
        ({"random_state": -1}, "random_state = -1 is not a seed"),
        ({"device": 5}, "device = 5 is not a device name"),
        ({"mode": "sometimes"}, "mode='sometimes'"),
        ({"tol": float("nan")}, r"\['tol'\] are not plain values"),
    ],
)
def test_save_refuses_hyperparameters_load_would_refuse(tmp_path, change, match):
    est = _fit(Perceptron(epochs=2), X, _labels([0, 1]))
    est.set_params(**change)
    with pytest.raises(ModelFileError, match=match):
        est.save(tmp_path / "m.npz")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("seed", [10**400, 10**5000, 2**100_000], ids=["1e400", "1e5000", "2^1e5"])
def test_huge_seed_is_refused_in_words_at_save(tmp_path, seed):
    """A seed numpy takes but a model file cannot hold: save says so, without Python's
    int-limit message; smaller huge seeds (up to 100 digits) round-trip."""
    est = _fit(Perceptron(epochs=2, shuffle=True, random_state=seed), X, _labels([0, 1]))
    with pytest.raises(ModelFileError, match=r"random_state is an integer of \d+ digits") as info:
        est.save(tmp_path / "m.npz")
    message = str(info.value)
    assert "set_int_max_str_digits" not in message
    assert "Exceeds the limit" not in message
    assert len(message) < 300
    assert not any(tmp_path.iterdir())
    est.set_params(random_state=10**99)
    est.save(tmp_path / "m.npz")
    assert load(tmp_path / "m.npz").random_state == 10**99


def test_huge_integers_elsewhere_are_refused_in_words(tmp_path):
    est = _fit(Perceptron(epochs=2), X, _labels([0, 1]))
    for data in ({"n": 10**5000}, {"deep": [[-(10**400)]]}):
        with pytest.raises(ModelFileError, match=r"data\[.*is an integer of \d+ digits") as info:
            est.save(tmp_path / "m.npz", data=data)
        assert "Exceeds the limit" not in str(info.value)
    est.t_ = 10**5000
    with pytest.raises(ModelFileError, match="t_ = an integer of 5001 digits is out of range"):
        est.save(tmp_path / "m.npz")
    assert not any(tmp_path.iterdir())


# --------------------------------------------------------------------------- data


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ({"features": ["a", "b"]}, "'features' names 2 columns but coef_ has 3"),
        ({"features": ["a", "a", "b"]}, "names the column 'a' twice"),
        ({"features": ["a", None, "b"]}, "'features' holds None"),
        ({"features": ["a", "b", "c"], "target": "c"}, "'target' 'c' is also one of"),
        ({"target": 3}, "'target' = 3 is not a string"),
        ({"source": ["x"]}, "'source' = ['x'] is not a string"),
        ({"columns": ("a", "b")}, "data['columns'] is of type tuple"),
        ({1: "a"}, "has the key 1"),
        ({"x": {"y": np.int64(3)}}, "data['x']['y'] is of type int64"),
    ],
)
def test_save_refuses_data_load_would_refuse_or_change(tmp_path, data, match):
    """``data`` comes back from JSON as it went in, and the command line's fields fit the
    model; the message names the field."""
    est = _fit(Perceptron(epochs=2), X, _labels([0, 1]))
    with pytest.raises(ModelFileError, match=re.escape(match)) as info:
        est.save(tmp_path / "m.npz", data=data)
    assert "fit the estimator again" not in str(info.value)
    assert not any(tmp_path.iterdir())


def test_data_round_trips(tmp_path):
    est = _fit(Perceptron(epochs=2), X, _labels([0, 1]))
    data = {"features": ["a", "b\n", "日本"], "target": "y", "source": None,
            "mine": [1, 2.5, True, None, {"k": [float("inf")]}]}  # fmt: skip
    est.save(tmp_path / "m.npz", data=data)
    assert read_metadata(tmp_path / "m.npz")["data"] == data
    load(tmp_path / "m.npz")


# --------------------------------------------------------------------------- version 1


def _version_1(tmp_path, est, *, y_1d=None):
    """``est`` written as neurona 0.1.0 wrote it: format version 1, string labels as a
    unicode member flagged ``classes_dtype: "object"``."""
    arrays = {
        name: np.asarray(getattr(est, name))
        for name in ("coef_", "intercept_", "classes_")
        if hasattr(est, name)
    }
    flag = None
    if "classes_" in arrays and arrays["classes_"].dtype == object:
        arrays["classes_"], flag = arrays["classes_"].astype(str), "object"
    attributes = {  # 0.1.0 wrote learning_rate_ when the model had one (gradient steps)
        a: getattr(est, a)
        for a in ("n_features_in_", "n_iter_", "t_", "learning_rate_")
        if hasattr(est, a)
    }
    if y_1d is not None:
        attributes |= {"_y_1d": y_1d, "_n_outputs": 1}
    meta = {
        "format": "neurona-model",
        "format_version": 1,
        "neurona_version": "0.1.0",
        "neuron": type(est).__name__,
        "params": est.get_params() | {"callbacks": None},
        "attributes": attributes,
        "history": est.history_,
        "classes_dtype": flag,
        "data": None,
    }
    arrays["__metadata__"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    path = tmp_path / "v1.npz"
    np.savez(path, **arrays)
    return path


@pytest.mark.parametrize(
    "labels",
    [_labels(["no", "yes"], object), _labels(["a", "b", "c"]), _labels([3, 5, 9])],
    ids=["object strings", "unicode", "ints"],
)
def test_version_1_files_still_load(tmp_path, labels):
    est = _fit(Perceptron(epochs=2), X, labels)
    loaded = load(_version_1(tmp_path, est))
    assert _same(loaded.classes_, est.classes_)
    assert _same(loaded.predict(X), est.predict(X))
    assert read_metadata(tmp_path / "v1.npz")["format_version"] == 1


def test_version_1_regression_with_its_flags_loads(tmp_path):
    est = LinearRegression().fit(X, X[:, 0])
    loaded = load(_version_1(tmp_path, est, y_1d=True))
    assert _same(loaded.predict(X), est.predict(X))
    with pytest.raises(ModelFileError, match="_y_1d"):
        load(_version_1(tmp_path, est, y_1d=False))


# --------------------------------------------------------------------------- property

_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(["\0", "\n", "\r", " ", "x", "é", "日", "\U0001f600", "\x7f"]),
        st.characters(codec="utf-8"),
    ),
    max_size=4,
)
_INTS = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
#: kinds fit accepts that a model file cannot hold: save refuses them
_REFUSED = ["bytes"]
#: time labels: stored as their int64 values and their dtype
_TIMES = {
    "datetime64": "datetime64[D]",
    "datetime64ns": "datetime64[ns]",
    "timedelta64": "timedelta64[s]",
}
_SPECIAL_FLOATS = st.sampled_from([0.0, -0.0, 1e300, -1e300, 2.0**60, 65504.0, 1e-300])


@st.composite
def _labelled(draw):
    """``(kind, labels)``: 2 to 4 distinct labels of one kind, each used."""
    kinds = ["object", "numpy_str", "unicode", "bool", "float", *_INTS, *_REFUSED, *_TIMES]
    kind = draw(st.sampled_from(kinds))
    n = draw(st.integers(2, 4))
    if kind in _REFUSED:
        values = draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n, unique=True))
        values, dtype = [str(v).encode() for v in values], "S7"
    elif kind in _TIMES:  # any int64 but the smallest (NaT)
        whole = st.integers(-(2**63) + 1, 2**63 - 1)
        values = draw(st.lists(whole, min_size=n, max_size=n, unique=True))
        values, dtype = np.array(values, np.int64).view(_TIMES[kind]), _TIMES[kind]
    elif kind == "bool":
        values, dtype = [False, True], bool
    elif kind in ("object", "unicode"):
        values = draw(st.lists(_TEXT, min_size=n, max_size=n, unique=True))
        dtype = object if kind == "object" else str
    elif kind == "numpy_str":  # numpy string scalars in an object array (a pandas column)
        values = [np.str_(v) for v in draw(st.lists(_TEXT, min_size=n, max_size=n, unique=True))]
        dtype = object
    elif kind == "float":
        dtype = draw(st.sampled_from(["float16", "float32", "float64"]))
        whole = st.integers(-(2**60), 2**60).map(float) | _SPECIAL_FLOATS
        values = draw(st.lists(whole, min_size=n, max_size=n, unique=True))
    else:
        info = np.iinfo(kind)
        values = draw(st.lists(st.integers(int(info.min), int(info.max)), min_size=n,
                               max_size=n, unique=True))  # fmt: skip
        dtype = kind
    with np.errstate(over="ignore"):
        labels = _labels(values, dtype, seed=draw(st.integers(0, 2**16)))
    return kind, labels


@given(_labelled(), st.sampled_from(["perceptron", "adaline-normal"]))
def test_any_labels_fit_accepts_round_trip_or_save_refuses(tmp_path_factory, case, which):
    kind, y = case
    est = Perceptron(epochs=2) if which == "perceptron" else Adaline(solver="normal")
    try:
        est = _fit(est, X, y)
    except DataError:
        assume(False)  # labels fit refuses (e.g. float16 overflowing to infinity)
    path = tmp_path_factory.mktemp("labels") / "m.npz"
    if kind in _REFUSED:  # the property's other branch: save refuses, writes nothing
        with pytest.raises(ModelFileError, match="cannot hold"):
            est.save(path)
        assert not path.exists()
        return
    try:
        est.save(path)
    except ModelFileError as exc:  # allowed by the property; none of these kinds needs it
        pytest.fail(f"save refused {kind} labels {est.classes_!r}: {exc}")
    loaded = load(path)
    assert _same(loaded.classes_, est.classes_), (loaded.classes_, est.classes_)
    assert _same(loaded.predict(X), est.predict(X))
    assert _same(loaded.decision_function(X), est.decision_function(X))
