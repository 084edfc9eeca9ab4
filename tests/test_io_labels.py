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
    if a.dtype == object:
        return [(type(v), v) for v in a.tolist()] == [(type(v), v) for v in b.tolist()]
    return a.tobytes() == b.tobytes()


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


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["2020-01-01", "2021-06-30"], dtype="datetime64[D]"),
        np.array([1, 2], dtype="timedelta64[s]"),
        np.array([b"no", b"yes"]),
    ],
    ids=["datetime64", "timedelta64", "bytes"],
)
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
    """A history is a report: NaN and infinity in it are kept (the command line prints
    them as null); they are refused in weights, counts and hyperparameters."""
    est = LinearRegression().fit(X, X[:, 0])
    est.history_["loss"] = [float("nan"), float("inf")]
    est.save(tmp_path / "m.npz")
    loss = load(tmp_path / "m.npz").history_["loss"]
    assert np.isnan(loss[0])
    assert loss[1] == float("inf")


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
    attributes = {a: getattr(est, a) for a in ("n_features_in_", "n_iter_", "t_")}
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
_REFUSED = ["datetime64", "bytes"]
_SPECIAL_FLOATS = st.sampled_from([0.0, -0.0, 1e300, -1e300, 2.0**60, 65504.0, 1e-300])


@st.composite
def _labelled(draw):
    """``(kind, labels)``: 2 to 4 distinct labels of one kind, each used."""
    kinds = ["object", "unicode", "bool", "float", *_INTS, *_REFUSED]
    kind = draw(st.sampled_from(kinds))
    n = draw(st.integers(2, 4))
    if kind in _REFUSED:
        values = draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n, unique=True))
        dtype = "datetime64[D]" if kind == "datetime64" else "S7"
        values = [str(v).encode() if kind == "bytes" else v for v in values]
    elif kind == "bool":
        values, dtype = [False, True], bool
    elif kind in ("object", "unicode"):
        values = draw(st.lists(_TEXT, min_size=n, max_size=n, unique=True))
        dtype = object if kind == "object" else str
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
