"""Model files: round trips, continuing training, atomic writes, and files that must not load.

The pickle tests use a real pickle whose ``__reduce__`` would create a marker file when
unpickled (checked once by unpickling it on purpose), and check that ``neurona.load``
refuses it in every disguise without creating the marker.
"""

from __future__ import annotations

import json
import pickle
import warnings
import zipfile

import numpy as np
import pytest

from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron, load
from neurona.errors import ModelFileError, SeparabilityWarning
from neurona.io import FORMAT_VERSION, read_metadata, save

RNG = np.random.default_rng(0)
X = RNG.normal(size=(60, 3))
SCORE = X @ np.array([1.0, -2.0, 0.5]) + 0.3


def _labels(kind: str) -> np.ndarray:
    positive = SCORE > 0
    three = np.digitize(SCORE, [-1.0, 1.0])
    return {
        "str-object": np.where(positive, "yes", "no").astype(object),
        "unicode": np.where(positive, "yes", "no"),
        "bool": positive,
        "int": np.where(positive, 7, -3),
        "float": np.where(positive, 1.0, 3.0),
        "three-str": np.array(["lo", "mid", "hi"], dtype=object)[three],
    }[kind]


CLASSIFIERS = [
    Perceptron(epochs=5),
    Perceptron(rule="error", mode="minibatch", batch_size=7, shuffle=True, random_state=3),
    Adaline(mode="batch", epochs=20, learning_rate=0.01),
    Adaline(solver="normal"),
    LogisticRegression(mode="random", epochs=4, random_state=1),
]


def _roundtrip(est, tmp_path, name="model.npz"):
    path = tmp_path / name
    est.save(path)
    return load(path)


@pytest.mark.parametrize("kind", ["str-object", "unicode", "bool", "int", "float", "three-str"])
@pytest.mark.parametrize("est", CLASSIFIERS, ids=lambda e: repr(e))
def test_classifier_roundtrip_identical_predictions(est, kind, tmp_path):
    y = _labels(kind)
    _fit_quiet(est, X, y)
    loaded = _roundtrip(est, tmp_path)
    assert type(loaded) is type(est)
    np.testing.assert_array_equal(loaded.predict(X), est.predict(X))
    assert loaded.predict(X).dtype == est.predict(X).dtype
    assert loaded.classes_.dtype == est.classes_.dtype
    np.testing.assert_array_equal(loaded.decision_function(X), est.decision_function(X))
    assert loaded.history_ == est.history_
    params = est.get_params()
    assert loaded.get_params() == params | {"callbacks": None}
    assert (loaded.n_iter_, loaded.t_, loaded.n_features_in_) == (
        est.n_iter_,
        est.t_,
        est.n_features_in_,
    )


def _fit_quiet(est, X, y):
    """Fit, ignoring the perceptron's warning that it did not converge in a few epochs."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparabilityWarning)
        return est.fit(X, y)


@pytest.mark.parametrize("solver", ["auto", "qr", "gd"])
@pytest.mark.parametrize("n_targets", [1, 2])
def test_regression_roundtrip(solver, n_targets, tmp_path):
    Y = np.column_stack([SCORE, -SCORE + 1])[:, :n_targets]
    y = Y[:, 0] if n_targets == 1 else Y
    est = LinearRegression(solver=solver, epochs=5).fit(X, y)
    loaded = _roundtrip(est, tmp_path)
    np.testing.assert_array_equal(loaded.predict(X), est.predict(X))
    assert loaded.predict(X).shape == est.predict(X).shape
    assert np.shape(loaded.intercept_) == np.shape(est.intercept_)
    assert type(loaded.intercept_) is type(est.intercept_)
    assert loaded.coef_.shape == est.coef_.shape  # a 1-D target stays 1-D


def test_float32_is_kept(tmp_path):
    est = LinearRegression().fit(X.astype(np.float32), SCORE.astype(np.float32))
    loaded = _roundtrip(est, tmp_path)
    assert loaded.coef_.dtype == np.float32
    np.testing.assert_array_equal(loaded.predict(X), est.predict(X))


@pytest.mark.parametrize(
    "make",
    [
        lambda: Perceptron(epochs=3),
        lambda: Adaline(epochs=3, learning_rate=0.01),
        lambda: LinearRegression(solver="gd", epochs=3, learning_rate=0.01),
    ],
)
def test_partial_fit_continues_as_the_original(make, tmp_path):
    """Without shuffling the generator is unused: continuing is exactly the same."""
    y = SCORE if isinstance(make(), LinearRegression) else _labels("int")
    est = _fit_quiet(make(), X, y)
    loaded = _roundtrip(est, tmp_path)
    est.partial_fit(X, y)
    loaded.partial_fit(X, y)
    np.testing.assert_array_equal(loaded.coef_, est.coef_)
    np.testing.assert_array_equal(loaded.intercept_, est.intercept_)
    assert loaded.t_ == est.t_
    assert loaded.history_ == est.history_


def test_warm_start_continues_from_loaded_weights(tmp_path):
    y = _labels("int")
    est = _fit_quiet(Adaline(epochs=3, learning_rate=0.01, warm_start=True), X, y)
    loaded = _roundtrip(est, tmp_path)
    est.fit(X, y)
    loaded.fit(X, y)
    np.testing.assert_array_equal(loaded.coef_, est.coef_)


def test_shuffled_model_restarts_its_generator_from_random_state(tmp_path):
    """Documented: the generator is rebuilt from random_state, as in a fresh fit, so every
    load continues alike (and not as the original object, whose generator moved on)."""
    y = _labels("int")
    est = Perceptron(mode="random", epochs=2, random_state=5)
    _fit_quiet(est, X, y)
    est.save(tmp_path / "m.npz")
    first, second = load(tmp_path / "m.npz"), load(tmp_path / "m.npz")
    for model in (first, second, est):
        model.partial_fit(X, y)
    np.testing.assert_array_equal(first.coef_, second.coef_)
    assert not np.array_equal(first.coef_, est.coef_)


def test_file_is_json_metadata_plus_arrays(tmp_path):
    est = _fit_quiet(Perceptron(epochs=3), X, _labels("str-object"))
    path = tmp_path / "m.npz"
    save(est, path, data={"features": ["a", "b", "c"], "target": "t"})
    with zipfile.ZipFile(path) as z:  # Python-string labels live in the metadata
        assert sorted(z.namelist()) == sorted(["__metadata__.npy", "coef_.npy", "intercept_.npy"])
    meta = read_metadata(path)
    assert meta["format"] == "neurona-model"
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["neuron"] == "Perceptron"
    assert meta["classes_dtype"] == "object"
    assert meta["classes"] == ["no", "yes"]
    assert meta["data"] == {"features": ["a", "b", "c"], "target": "t"}
    assert meta["params"]["callbacks"] is None
    assert meta["history"] == est.history_


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    good = _fit_quiet(Perceptron(epochs=2), X, _labels("int"))
    path = tmp_path / "m.npz"
    good.save(path)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", broken)
    with pytest.raises(OSError, match="No space"):
        _fit_quiet(Perceptron(epochs=3), X, _labels("bool")).save(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.npz"]


def test_cannot_save_unfitted_foreign_or_unpicklable(tmp_path):
    with pytest.raises(ModelFileError, match="not fitted"):
        Perceptron().save(tmp_path / "a.npz")
    from sklearn.linear_model import Perceptron as SkPerceptron

    with pytest.raises(ModelFileError, match="only neurona"):
        save(SkPerceptron().fit(X, _labels("int")), tmp_path / "b.npz")
    mixed = np.array([1, "a", 1, "a"] * 15, dtype=object)
    est = _fit_quiet(Perceptron(epochs=1), X, mixed.astype(str))
    est.classes_ = np.array([1, "a"], dtype=object)
    with pytest.raises(ModelFileError, match="without pickle"):
        est.save(tmp_path / "c.npz")
    assert not any(tmp_path.iterdir())


# --------------------------------------------------------------------------- bad files


def _good_file(tmp_path):
    path = tmp_path / "good.npz"
    _fit_quiet(Perceptron(epochs=2), X, _labels("unicode")).save(path)
    return path


def _rewrite(tmp_path, meta_patch=None, arrays_patch=None, drop=()):
    """A copy of a good model with its metadata or arrays changed."""
    with np.load(_good_file(tmp_path), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files if k not in drop}
    meta = json.loads(arrays["__metadata__"].tobytes())
    if meta_patch:
        meta_patch(meta)
    arrays["__metadata__"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    arrays.update(arrays_patch or {})
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    return path


def _cases(tmp_path):
    good = _good_file(tmp_path)
    raw = good.read_bytes()
    cases = {
        "text": (b"hello, I am not a model\n", "not a zip"),
        "empty": (b"", "not a zip"),
        "truncated": (raw[: len(raw) // 2], "not a zip|corrupted|truncated"),
        "zip tail cut": (raw[:-10], "not a zip|corrupted|truncated"),
    }
    flipped = bytearray(raw)
    k = raw.index(b"\x93NUMPY", raw.index(b"coef_")) + 140  # inside coef_'s data
    flipped[k] ^= 0xFF
    cases["bit flip"] = (bytes(flipped), "corrupted|truncated")
    out = {}
    for name, (content, match) in cases.items():
        path = tmp_path / f"{name.replace(' ', '_')}.npz"
        path.write_bytes(content)
        out[name] = (path, match)
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, a=np.arange(3))
    out["foreign npz"] = (foreign, "no neurona metadata")
    return out


def test_bad_files_raise_model_file_error(tmp_path):
    for name, (path, match) in _cases(tmp_path).items():
        with pytest.raises(ModelFileError, match=match) as info:
            load(path)
        assert "\n" not in str(info.value), name


@pytest.mark.parametrize(
    ("patch", "match"),
    [
        (
            lambda m: m.update(format_version=FORMAT_VERSION + 1),
            f"format version {FORMAT_VERSION + 1}.*upgrade",
        ),
        (lambda m: m.update(format="something-else"), "does not declare format"),
        (lambda m: m.update(format_version="1"), "not a positive integer"),
        (lambda m: m.update(neuron="os.system"), "unknown neuron"),
        (lambda m: m.update(neuron=["Perceptron"]), "unknown neuron"),
        (lambda m: m["params"].update(evil=1), "hyperparameters"),
        (lambda m: m["params"].update(epochs={"a": 1}), "not plain values"),
        (lambda m: m["attributes"].update(n_features_in_=7), "n_features_in_"),
        (lambda m: m["attributes"].update(t_="many"), "not a whole number"),
        (lambda m: m["attributes"].update(t_=-7), "out of range"),
        (lambda m: m["attributes"].update(t_=7.5), "not a whole number"),
        (lambda m: m["attributes"].update(n_iter_=True), "not a whole number"),
        (lambda m: m["attributes"].update(learning_rate_=-5.0), "out of range"),
        (lambda m: m["attributes"].update(learning_rate_=0), "out of range"),
        (lambda m: m.update(history=[1, 2]), "history"),
    ],
)
def test_bad_metadata_raises_model_file_error(patch, match, tmp_path):
    with pytest.raises(ModelFileError, match=match):
        load(_rewrite(tmp_path, meta_patch=patch))


@pytest.mark.parametrize(
    ("arrays", "drop", "match"),
    [
        ({"coef_": np.ones((3, 3), dtype=np.int64)}, (), "floats"),
        ({"coef_": np.ones((2, 3))}, (), "do not fit"),
        ({}, ("classes_",), "no classes_"),
        ({}, ("coef_",), "missing"),
        ({"classes_": np.ones((2, 2))}, (), "1-D array of labels"),
        ({"__metadata__": np.array([1.5, 2.0])}, (), "not a JSON byte string"),
        ({"__metadata__": np.frombuffer(b"{not json", dtype=np.uint8)}, (), "not valid JSON"),
    ],
)
def test_bad_arrays_raise_model_file_error(arrays, drop, match, tmp_path):
    with np.load(_good_file(tmp_path), allow_pickle=False) as npz:
        content = {k: npz[k] for k in npz.files if k not in drop}
    content.update(arrays)
    path = tmp_path / "bad.npz"
    np.savez(path, **content)
    with pytest.raises(ModelFileError, match=match):
        load(path)


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "nope.npz")


# --------------------------------------------------------------------------- pickles


class Payload:
    """Unpickling this creates ``marker`` (``open(marker, "w")``): code would have run."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _pickled_models(tmp_path, marker):
    payload = Payload(marker)
    files = {}
    raw = tmp_path / "raw_pickle.npz"
    raw.write_bytes(pickle.dumps(payload))
    files["raw pickle"] = raw
    obj = tmp_path / "object_array.npz"
    np.savez(obj, coef_=np.array([payload], dtype=object), allow_pickle=True)
    files["object array in npz"] = obj
    disguised = _rewrite(
        tmp_path, arrays_patch={"coef_": np.array([payload, payload], dtype=object)}
    )
    files["object coef_ in a neurona file"] = disguised
    meta_pickle = tmp_path / "meta_pickle.npz"
    np.savez(meta_pickle, __metadata__=np.array([payload], dtype=object), allow_pickle=True)
    files["object metadata"] = meta_pickle
    npy = tmp_path / "pickle.npy"
    np.save(npy, np.array([payload], dtype=object), allow_pickle=True)
    files["object .npy"] = npy
    return files


def test_the_payload_is_real(tmp_path):
    marker = tmp_path / "ran"
    pickle.loads(pickle.dumps(Payload(marker))).close()
    assert marker.exists()


def test_pickle_payload_never_runs(tmp_path):
    marker = tmp_path / "ran"
    for name, path in _pickled_models(tmp_path, marker).items():
        with pytest.raises(ModelFileError) as info:
            load(path)
        assert "pickle" in str(info.value) or "not a zip" in str(info.value), name
        assert not marker.exists(), f"{name}: the payload ran"


def test_implausibly_large_member_is_refused(tmp_path, monkeypatch):
    import neurona.io

    path = _good_file(tmp_path)
    monkeypatch.setattr(neurona.io, "_MAX_MEMBER_BYTES", 64)
    with pytest.raises(ModelFileError, match="implausibly large"):
        load(path)
