"""Hostile model files: each is built byte by byte (zipfile, hand-made ``.npy`` headers, raw
JSON) and must be refused by ``neurona.load`` with one ModelFileError that names the file,
quickly, without hanging and without allocating more than the file holds.

Zip-level faults (unsupported or encrypted members, raw bytes, lying ``.npy`` headers, JSON
bombs, paths that are not regular files, truncation, repeated members) first; then files
that are well-formed but whose values disagree with each other.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import threading
import time
import tracemalloc
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest

from neurona import LinearRegression, Perceptron, load
from neurona.errors import ModelFileError, SeparabilityWarning
from neurona.io import FORMAT_VERSION, read_metadata

RNG = np.random.default_rng(0)
X = RNG.normal(size=(40, 3))
SCORE = X @ np.array([1.0, -2.0, 0.5]) + 0.3
#: seconds a refusal may take (each takes milliseconds)
QUICK = 5.0


def _fit(labels: np.ndarray) -> Perceptron:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparabilityWarning)
        return Perceptron(epochs=2).fit(X, labels)


def _good(tmp_path: Path, labels: str = "int") -> Path:
    """A valid model file: binary int labels, three unicode classes, or a regression."""
    path = tmp_path / f"good-{labels}.npz"
    if labels == "int":
        _fit(np.where(SCORE > 0, 7, -3)).save(path)
    elif labels == "three":
        _fit(np.array(["hi", "lo", "mid"])[np.digitize(SCORE, [-1.0, 1.0])]).save(path)
    else:
        LinearRegression().fit(X, SCORE).save(path)
    return path


def _members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(info.filename, z.read(info)) for info in z.infolist()]


def _zip(path: Path, members: list[tuple[str, bytes]], tweak=None, **writestr) -> Path:
    """Write ``members`` as a zip; ``tweak(infos)`` may change the central directory."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile: "Duplicate name"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
            for name, data in members:
                z.writestr(name, data, **writestr)
            if tweak is not None:
                tweak(z.infolist())
    return path


def _npy(header: str, data: bytes = b"", major: int = 1) -> bytes:
    """An ``.npy`` member with a hand-written header dict."""
    text = header.encode("latin1")
    size = 12 if major == 2 else 10
    text += b" " * (-(size + len(text) + 1) % 64) + b"\n"
    length = struct.pack("<I" if major == 2 else "<H", len(text))
    return b"\x93NUMPY" + bytes([major, 0]) + length + text + data


def _meta(path: Path) -> dict:
    member = dict(_members(path))["__metadata__.npy"]
    (length,) = struct.unpack("<H", member[8:10])
    return json.loads(member[10 + length :].decode())


def _with_meta(tmp_path: Path, source: Path, meta_bytes: bytes, name="bad.npz") -> Path:
    """``source`` with its metadata member's JSON replaced by ``meta_bytes``."""
    members = [
        (n, data if n != "__metadata__.npy" else _uint8_npy(meta_bytes))
        for n, data in _members(source)
    ]
    return _zip(tmp_path / name, members)


def _uint8_npy(raw: bytes) -> bytes:
    return _npy(f"{{'descr': '|u1', 'fortran_order': False, 'shape': ({len(raw)},), }}", raw)


def _refused(path, match: str = "") -> ModelFileError:
    """``load(path)`` raises one quick, one-line ModelFileError naming the file."""
    start = time.monotonic()
    with pytest.raises(ModelFileError, match=match) as info:
        load(path)
    assert time.monotonic() - start < QUICK
    message = str(info.value)
    assert "\n" not in message, message
    assert len(message) < 700, message
    assert repr(str(path)) in message
    return info.value


# --------------------------------------------------------------------------- zip level


def test_good_files_load(tmp_path):
    for kind in ("int", "three", "regression"):
        load(_good(tmp_path, kind))


def test_member_with_an_unsupported_compression_method(tmp_path):
    members = _members(_good(tmp_path))

    def method_99(infos):  # the central directory says 99 (AES), the data are stored
        infos[1].compress_type = 99

    _refused(_zip(tmp_path / "m99.npz", members, method_99), "compressed.*method 99")
    # the same kind: deflate, bzip2 and lzma, which a model file never uses
    for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        path = _zip(tmp_path / f"m{method}.npz", members, compress_type=method)
        _refused(path, f"compressed.*method {method}")


def test_member_with_the_encrypted_flag(tmp_path):
    members = _members(_good(tmp_path))

    def encrypted(infos):
        infos[2].flag_bits |= 0x1

    _refused(_zip(tmp_path / "enc.npz", members, encrypted), "encrypted")

    def strong(infos):  # strong encryption (bit 6) in the central directory
        infos[0].flag_bits |= 0x40

    _refused(_zip(tmp_path / "strong.npz", members, strong), "encrypted")
    # the same flags in a local header only, where zipfile finds them on opening
    path = _zip(tmp_path / "local.npz", members)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        offset = z.infolist()[1].header_offset
    raw[offset + 6] |= 0x40
    path.write_bytes(bytes(raw))
    _refused(path, "local header")
    raw[offset + 6] &= ~0x40  # and a local header that says deflate
    raw[offset + 8] = zipfile.ZIP_DEFLATED
    path.write_bytes(bytes(raw))
    _refused(path, "local header")


@pytest.mark.parametrize(
    "content",
    [b"these are raw bytes, not an .npy array", b"", b"\x93NUM", b"\x93NUMPY\x09\x00\x10\x00"],
    ids=["text", "empty", "short magic", "npy version 9"],
)
def test_member_of_raw_bytes(tmp_path, content):
    members = [(n, content if n == "coef_.npy" else d) for n, d in _members(_good(tmp_path))]
    _refused(_zip(tmp_path / "raw.npz", members), "coef_")


@pytest.mark.parametrize(
    ("header", "data"),
    [
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1099511627776), }", 24),
        ("{'descr': '<f8', 'fortran_order': True, 'shape': (2**62, 2**62), }", 24),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 3), }", 24),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 3), }", 24),
        ("{'descr': '<U0', 'fortran_order': False, 'shape': (1099511627776,), }", 0),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3, 1), }", 24),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", 24),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 4), }", 24),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3)}" + " " * 20000, 24),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': " + "(" * 300 + ")" * 300 + "}", 24),
        ("{'descr': '<f8', 'fortran_order': False}", 24),
        ("{'descr': 'not-a-dtype', 'fortran_order': False, 'shape': (1, 3), }", 24),
        ("__import__('os').system('false')", 24),
    ],
    ids=[
        "2**40 columns",
        "2**124 values",
        "2**62 rows",
        "negative",
        "zero-size items",
        "3 dims",
        "fewer bytes",
        "more bytes",
        "huge header",
        "nested header",
        "no shape",
        "bad descr",
        "code",
    ],
)
def test_npy_header_that_lies_about_its_size(tmp_path, header, data):
    members = [
        (n, _npy(header, b"\0" * data) if n == "coef_.npy" else d)
        for n, d in _members(_good(tmp_path))
    ]
    path = _zip(tmp_path / "lying.npz", members)
    tracemalloc.start()
    try:
        _refused(path, "coef_")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20  # nothing near the declared size was allocated


def test_metadata_header_that_lies_about_its_size(tmp_path):
    members = [
        (n, _npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2**40,), }", b"{}"))
        if n == "__metadata__.npy"
        else (n, d)
        for n, d in _members(_good(tmp_path))
    ]
    _refused(_zip(tmp_path / "meta.npz", members), "__metadata__")


def test_npy_version_2_header_is_read(tmp_path):
    """The same kind, the other way: a valid version 2.0 header loads."""
    members = []
    for n, d in _members(_good(tmp_path)):
        if n == "coef_.npy":
            d = _npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }", d[-24:], 2)
        members.append((n, d))
    load(_zip(tmp_path / "v2.npz", members))


def _nested(depth: int, opener="[", closer="]") -> str:
    return opener * depth + closer * depth


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda m: m | {"data": {"a": [[1]]}}, ""),  # sanity: a valid file (checked below)
        (lambda m: json.dumps(m)[:-1] + ', "notes": ' + _nested(100_000) + "}", "nested"),
        (
            lambda m: json.dumps(m)[:-1] + ', "x": ' + '{"a": ' * 100 + "1" + "}" * 100 + "}",
            "nested",
        ),
        (lambda m: json.dumps(m)[:-1] + ', "notes": [' + _nested(70) + "]}", "nested"),
        (lambda m: json.dumps(m).replace('"t_": ', '"t_": ' + "9" * 4999), "5000 digits"),
        (lambda m: json.dumps(m | {"data": {"n": -(10**200)}}), "201 digits"),
        (lambda m: json.dumps(m).replace('"t_": 0', '"t_": 1.' + "0" * 10**6), "characters"),
        (lambda m: json.dumps(m)[:-1] + ', "neuron": "Adaline"}', "repeats the key 'neuron'"),
        (lambda m: json.dumps(m).encode("utf-8") + b"\xff", "not valid JSON"),
        (lambda m: "[" + json.dumps(m) + "]", "does not declare format"),
    ],
    ids=[
        "valid",
        "100000 brackets",
        "100 objects",
        "71 lists",
        "5000-digit int",
        "200-digit int",
        "million-digit float",
        "repeated key",
        "not UTF-8",
        "not an object",
    ],
)
def test_metadata_json_bombs(tmp_path, make, match):
    good = _good(tmp_path, "regression")
    made = make(_meta(good))
    if isinstance(made, dict):
        load(_with_meta(tmp_path, good, json.dumps(made).encode()))
        return
    raw = made if isinstance(made, bytes) else made.encode()
    _refused(_with_meta(tmp_path, good, raw), match)


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "model.npz"
    os.mkfifo(fifo)
    outcome: list = []

    def target():
        try:
            load(fifo)
        except BaseException as exc:  # reported to the test below
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(QUICK)
    if thread.is_alive():  # blocked in open(): release it by opening the writing end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(QUICK)
        pytest.fail("load() blocked on a FIFO")
    assert len(outcome) == 1, outcome
    assert isinstance(outcome[0], ModelFileError), outcome
    assert "FIFO" in str(outcome[0])
    # through a symlink, and read_metadata alike
    link = tmp_path / "link.npz"
    link.symlink_to(fifo)
    _refused(link, "FIFO")
    with pytest.raises(ModelFileError, match="FIFO"):
        read_metadata(link)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_symlink_to_a_device_is_refused(tmp_path, target):
    if not os.path.exists(target):
        pytest.skip(f"no {target}")
    link = tmp_path / "model.npz"
    link.symlink_to(target)
    _refused(link, "character device")


def test_directory_and_device_paths_are_refused(tmp_path):
    (tmp_path / "dir.npz").mkdir()
    _refused(tmp_path / "dir.npz", "a directory")
    if os.path.exists("/dev/zero"):
        _refused("/dev/zero", "character device")
    with pytest.raises(FileNotFoundError):  # missing: an OSError, as documented
        load(tmp_path / "missing.npz")
    dangling = tmp_path / "dangling.npz"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError):
        load(dangling)


def test_every_truncation_is_refused(tmp_path):
    raw = _good(tmp_path, "three").read_bytes()
    path = tmp_path / "cut.npz"
    for size in range(len(raw)):
        path.write_bytes(raw[:size])
        _refused(path, "cannot load model")


def test_every_single_byte_change_is_refused_or_harmless(tmp_path):
    """Flip each byte: either a ModelFileError, or a model that predicts (a flip in a
    timestamp, say); never another exception."""
    good = _good(tmp_path, "three")
    raw = good.read_bytes()
    expected = load(good).predict(X)
    path = tmp_path / "flipped.npz"
    loaded, errors = 0, []
    for k in range(len(raw)):
        for mask in (0x01, 0x80):
            flipped = bytearray(raw)
            flipped[k] ^= mask
            path.write_bytes(bytes(flipped))
            try:
                model = load(path)
            except ModelFileError as exc:
                errors.append(str(exc))
                continue
            loaded += 1
            assert model.predict(X).shape == expected.shape
    assert not [e for e in errors if "\n" in e]
    assert loaded < len(raw)  # most flips are caught (CRC-32, headers, JSON)


def test_central_directory_that_lies_about_sizes(tmp_path):
    path = _zip(tmp_path / "sizes.npz", _members(_good(tmp_path)))
    raw = bytearray(path.read_bytes())
    at = raw.index(b"PK\x01\x02")  # the first member's central directory entry
    struct.pack_into("<II", raw, at + 20, 10**9, 10**9)  # compressed, uncompressed size
    path.write_bytes(bytes(raw))
    _refused(path, "corrupted|truncated|implausibly")


@pytest.mark.parametrize("name", ["coef_.npy", "__metadata__.npy"])
def test_duplicated_member_is_refused(tmp_path, name):
    members = _members(_good(tmp_path))
    data = dict(members)[name]
    _refused(_zip(tmp_path / "dup.npz", [*members, (name, data)]), f"{name}.*more than once")


def test_unknown_members_are_refused(tmp_path):
    members = _members(_good(tmp_path))
    for extra in ("evil.npy", "coef_", "sub/coef_.npy"):
        path = _zip(tmp_path / "extra.npz", [*members, (extra, b"x")])
        _refused(path, "not those of a model file")
    many = [*members, *((f"m{i}.npy", b"") for i in range(20))]
    _refused(_zip(tmp_path / "many.npz", many), "lists 24 members")


def test_zip64_directory_is_refused(tmp_path):
    raw = _good(tmp_path).read_bytes()
    end = raw.rindex(b"PK\x05\x06")
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, 0, 1)
    path = tmp_path / "zip64.npz"
    path.write_bytes(raw[:end] + locator + raw[end:])
    _refused(path, "ZIP64")


def test_not_a_zip_and_foreign_files(tmp_path):
    (tmp_path / "short.npz").write_bytes(b"PK\x05\x06")
    _refused(tmp_path / "short.npz", "not a zip")
    np.save(tmp_path / "plain.npy", np.arange(3.0))
    _refused(tmp_path / "plain.npy", "not a zip")
    np.savez_compressed(tmp_path / "foreign.npz", a=np.arange(3.0))
    _refused(tmp_path / "foreign.npz", "no neurona metadata")


# --------------------------------------------------------------------------- values


def _rewritten(tmp_path, labels="int", meta=None, arrays=None, drop=(), raw_meta=None):
    """A copy of a good file with its metadata (a function changing the dict) or arrays
    changed; written with np.savez, which pickles object arrays."""
    with np.load(_good(tmp_path, labels), allow_pickle=False) as npz:
        content = {k: npz[k] for k in npz.files if k not in drop}
    data = json.loads(content["__metadata__"].tobytes())
    if meta is not None:
        meta(data)
    raw = raw_meta(data) if raw_meta else json.dumps(data).encode()
    content["__metadata__"] = np.frombuffer(raw, dtype=np.uint8)
    content.update(arrays or {})
    path = tmp_path / "bad.npz"
    np.savez(path, **content)
    return path


def _set(section, key, value):
    return lambda m: m[section].update({key: value})


def _del(section, key):
    return lambda m: m[section].pop(key)


ARRAY_CASES = {
    # classes_: repeated, unsorted, too few, not finite, not labels
    "classes repeated": ({"classes_": np.array([7, 7])}, "sorted without repeats"),
    "classes unsorted": ({"classes_": np.array([7, -3])}, "sorted without repeats"),
    "strings unsorted": ({"classes_": np.array(["yes", "no"])}, "sorted without repeats"),
    "one class": ({"classes_": np.array([0])}, "at least two"),
    "no class": ({"classes_": np.array([], dtype=np.int64)}, "at least two"),
    "NaN class": ({"classes_": np.array([0.0, np.nan])}, "NaN"),
    "inf class": ({"classes_": np.array([0.0, np.inf])}, "NaN or infinity"),
    "0-d classes": ({"classes_": np.array(3)}, "1-D array of labels"),
    "2-D classes": ({"classes_": np.array([[1, 2]])}, "1-D array of labels"),
    "object classes": ({"classes_": np.array([1, "a"], dtype=object)}, "pickle"),
    "complex classes": ({"classes_": np.array([1j, 2j])}, "complex128"),
    "datetime classes": ({"classes_": np.array(["2020", "2021"], "M8[Y]")}, "datetime64"),
    "bytes classes": ({"classes_": np.array([b"a", b"b"])}, "S1"),
    "structured classes": ({"classes_": np.zeros(2, "i4,f4")}, "dtype"),
    "3 classes, 1 output": ({"classes_": np.array([1, 2, 3])}, "do not fit"),
    # weights: not finite, not floats, wrong dimensions, shapes that disagree
    "NaN coef": ({"coef_": np.array([[1.0, np.nan, 0.0]])}, "coef_ holds NaN"),
    "inf coef": ({"coef_": np.array([[1.0, np.inf, 0.0]])}, "coef_ holds NaN"),
    "NaN intercept": ({"intercept_": np.array([np.nan])}, "intercept_ holds NaN"),
    "-inf intercept": ({"intercept_": np.array([-np.inf])}, "intercept_ holds NaN"),
    "int coef": ({"coef_": np.ones((1, 3), dtype=np.int64)}, "floats"),
    "float16 coef": ({"coef_": np.ones((1, 3), dtype=np.float16)}, "floats"),
    "complex coef": ({"coef_": np.ones((1, 3), dtype=complex)}, "complex128"),
    "object coef": ({"coef_": np.array([[1.0, 2.0, 3.0]], dtype=object)}, "pickle"),
    "structured coef": ({"coef_": np.zeros((1, 3), "f8,f8")}, "dtype"),
    "float32 intercept": ({"intercept_": np.zeros(1, np.float32)}, "intercept_ is float32"),
    "3-D coef": ({"coef_": np.ones((1, 1, 3))}, "at most 2"),
    "0-d coef": ({"coef_": np.array(1.0)}, "do not fit"),
    "2-D intercept": ({"intercept_": np.ones((1, 1))}, "do not fit"),
    "2 outputs": ({"coef_": np.ones((2, 3))}, "do not fit"),
    "no features": ({"coef_": np.ones((1, 0))}, "do not fit"),
    "big-endian coef": ({"coef_": np.ones((1, 3), ">f8")}, ""),  # valid: loads (below)
    # feature names
    "names too few": ({"feature_names_in_": np.array(["a", "b"])}, "names 2 features"),
    "names not strings": ({"feature_names_in_": np.array([1, 2, 3])}, "1-D array of strings"),
}


@pytest.mark.parametrize(("arrays", "match"), ARRAY_CASES.values(), ids=ARRAY_CASES.keys())
def test_arrays_that_disagree(tmp_path, arrays, match):
    path = _rewritten(tmp_path, arrays=arrays)
    if not match:
        assert load(path).coef_.dtype == np.float64
        return
    _refused(path, match)


META_CASES = {
    # missing attributes that would only fail in predict or partial_fit
    "no n_iter_": (_del("attributes", "n_iter_"), "n_iter_ is missing"),
    "no t_": (_del("attributes", "t_"), "t_ is missing"),
    "no n_features_in_": (_del("attributes", "n_features_in_"), "n_features_in_ is missing"),
    "unknown attribute": (_set("attributes", "coef_", 1), "not those of a model"),
    "huge count": (_set("attributes", "t_", 2**63), "out of range"),
    "inf step": (_set("attributes", "learning_rate_", 1e999), "out of range"),
    "no history": (lambda m: m.pop("history"), "history"),
    "history null": (lambda m: m.update(history=None), "history"),
    "empty history": (lambda m: m.update(history={}), "no loss"),
    "history of text": (_set("history", "loss", "low"), "not a list of numbers"),
    "history of bools": (_set("history", "loss", [True, False]), "not a list of numbers"),
    "history of lists": (_set("history", "loss", [[1.0], [2.0]]), "not a list of numbers"),
    "history lengths": (_set("history", "loss", [1.0, 2.0, 3.0]), "different lengths"),
    "history unknown": (_set("history", "score", []), "not per-epoch"),
    "no accuracy": (_del("history", "accuracy"), "no accuracy"),
    # flags that disagree with the arrays
    "_y_1d": (_set("attributes", "_y_1d", True), "_y_1d"),
    "_y_1d not bool": (_set("attributes", "_y_1d", 1), "_y_1d"),
    "_n_outputs": (_set("attributes", "_n_outputs", 3), "_n_outputs"),
    "classes_dtype object": (lambda m: m.update(classes_dtype="object"), "classes"),
    "classes_dtype other": (lambda m: m.update(classes_dtype="int64"), "classes_dtype"),
    "listed classes": (lambda m: m.update(classes=["a", "b"]), "disagree"),
    "both classes": (lambda m: m.update(classes=["a", "b"], classes_dtype="object"), "both"),
    # hyperparameters, names, notes
    "param list": (_set("params", "epochs", [1, 2]), "not plain values"),
    "param NaN": (_set("params", "tol", float("nan")), "not plain values"),
    "param long": (_set("params", "mode", "x" * 5000), "not plain values"),
    "param name": (_set("params", "a b", 1), "not a name"),
    "many params": (
        lambda m: m["params"].update({f"p{i}": 0 for i in range(500)}),
        "525 hyperparameters",  # Perceptron's 25 and 500 more
    ),
    "params list": (lambda m: m.update(params=[1]), "not a JSON object"),
    "long neuron": (lambda m: m.update(neuron="P" * 10**6), "unknown neuron"),
    "neuron null": (lambda m: m.update(neuron=None), "unknown neuron"),
    "data list": (lambda m: m.update(data=[1, 2]), "data"),
    "version number": (lambda m: m.update(neurona_version=3), "neurona_version"),
    "format bool": (lambda m: m.update(format_version=True), "not a positive integer"),
    "format 0": (lambda m: m.update(format_version=0), "not a positive integer"),
}


@pytest.mark.parametrize(("patch", "match"), META_CASES.values(), ids=META_CASES.keys())
def test_metadata_that_disagrees(tmp_path, patch, match):
    _refused(_rewritten(tmp_path, meta=patch), match)


def test_regression_flags_and_shapes(tmp_path):
    """A regression: no accuracy, no classes_; 0.1.0's flags must agree with coef_."""
    regression = "regression"
    with_classes = {"classes_": np.array([0, 1])}
    _refused(_rewritten(tmp_path, regression, arrays=with_classes), "do not fit")
    accuracy = _set("history", "accuracy", [1.0])
    _refused(_rewritten(tmp_path, regression, meta=accuracy), "no classes_")
    patch = _set("attributes", "_y_1d", False)
    _refused(_rewritten(tmp_path, regression, meta=patch), "_y_1d")
    wide = {"intercept_": np.zeros(1)}  # coef_ (3,) with intercept_ (1,)
    _refused(_rewritten(tmp_path, regression, arrays=wide), "do not fit")
    ok = _rewritten(tmp_path, regression, meta=_set("attributes", "_y_1d", True))
    assert load(ok).predict(X).shape == (len(X),)


def test_regression_with_classes_and_accuracy_is_left_to_the_estimator(tmp_path):
    """A file that is a valid classifier's but names LinearRegression: io cannot know."""
    path = _rewritten(tmp_path, meta=lambda m: m.update(neuron="LinearRegression"))
    with contextlib.suppress(ModelFileError):
        load(path)


def test_current_format_version_is_written(tmp_path):
    assert read_metadata(_good(tmp_path))["format_version"] == FORMAT_VERSION == 2


# ------------------------------------------------- the caller's data, history, labels


def _object_labels() -> np.ndarray:
    """Python-string labels (an object array): a format-2 file lists them in its metadata."""
    labels = np.empty(len(X), dtype=object)
    labels[:] = np.where(SCORE > 0, "yes", "no").tolist()
    return labels


def _rewritten_object(tmp_path, meta) -> Path:
    """A valid file with Python-string labels, its metadata changed by ``meta``."""
    source = tmp_path / "object.npz"
    _fit(_object_labels()).save(source)
    return _with_meta(tmp_path, source, json.dumps(_patched(_meta(source), meta)).encode())


def _patched(meta: dict, patch) -> dict:
    patch(meta)
    return meta


#: what the command line writes in ``data``: the columns read, the target, the source
DATA = {"features": ["a", "b", "c"], "target": "y", "source": "d.csv", "mine": [1, {"k": None}]}


def _data(**change):
    return lambda m: m.update(data={**DATA, **change})


DATA_CASES = {
    "features numbers": (_data(features=[1, 2, 3]), "data field 'features' holds 1"),
    "features nested": (_data(features=[["a"], "b", "c"]), "data field 'features' holds"),
    "features None": (_data(features=["a", None, "c"]), "data field 'features' holds None"),
    "features text": (_data(features="abc"), "data field 'features' 'abc' is not a list"),
    "features object": (_data(features={"a": 1}), "data field 'features'.*not a list"),
    "features repeated": (_data(features=["a", "b", "a"]), "column 'a' twice"),
    "features too few": (_data(features=["a", "b"]), "names 2 columns but coef_ has 3"),
    "features too many": (_data(features=list("abcd")), "names 4 columns but coef_ has 3"),
    "features none": (_data(features=[]), "names 0 columns"),
    "target number": (_data(target=5), "data field 'target' = 5 is not a string"),
    "target list": (_data(target=["y"]), "data field 'target'.*not a string"),
    "target a feature": (_data(target="b"), "'target' 'b' is also one of its 'features'"),
    "source number": (_data(source=1.5), "data field 'source' = 1.5 is not a string"),
    "source object": (_data(source={}), "data field 'source'.*not a string"),
}


@pytest.mark.parametrize(("patch", "match"), DATA_CASES.values(), ids=DATA_CASES.keys())
def test_data_that_disagrees(tmp_path, patch, match):
    """The command line's notes (columns, target, source) are read back by predict and
    evaluate: each must fit the model, and the message names the field."""
    _refused(_rewritten(tmp_path, meta=patch), match)


def test_data_that_fits_loads(tmp_path):
    for patch in (_data(), _data(target=None, source=None), _data(features=None)):
        load(_rewritten(tmp_path, meta=patch))
    load(_rewritten(tmp_path, meta=lambda m: m.update(data={"anything": [[1], "x"]})))
    names = {"feature_names_in_": np.array(["a", "b", "c"])}
    load(_rewritten(tmp_path, meta=_data(), arrays=names))
    other = _data(features=["c", "b", "a"])
    path = _rewritten(tmp_path, meta=other, arrays=names)
    _refused(path, "'features' and its feature_names_in_")


def _history(name, index, value):
    return lambda m: m["history"][name].__setitem__(index, value)


HISTORY_CASES = {
    "accuracy above 1": (_history("accuracy", 0, 2.0), "accuracy holds 2.0 at epoch 1"),
    "accuracy negative": (_history("accuracy", 1, -0.5), "accuracy holds -0.5 at epoch 2"),
    "accuracy NaN": (_history("accuracy", 0, float("nan")), "accuracy holds nan"),
    "accuracy inf": (_history("accuracy", 0, float("inf")), "accuracy holds inf"),
    "updates negative": (_history("updates", 0, -1), "updates holds -1 at epoch 1"),
    "updates fraction": (_history("updates", 1, 1.5), "updates holds 1.5"),
    "updates float": (_history("updates", 1, 2.0), "updates holds 2.0"),
    "updates huge": (_history("updates", 0, 2**63), "updates holds 9223372036854775808"),
    "loss negative": (_history("loss", 0, -1.0), "loss holds -1.0 at epoch 1"),
    "loss -inf": (_history("loss", 0, float("-inf")), "loss holds -inf"),
    "loss NaN later": (_history("loss", 1, float("nan")), "loss holds nan at epoch 2"),
    "loss inf later": (_history("loss", 1, float("inf")), "loss holds inf at epoch 2"),
    # a perceptron only takes gradient steps: even its first loss is finite
    "loss NaN first": (_history("loss", 0, float("nan")), "starts with nan.*Perceptron"),
    "loss inf first": (_history("loss", 0, float("inf")), "starts with inf.*Perceptron"),
    "accuracy short": (lambda m: m["history"]["accuracy"].pop(), "different lengths"),
    "updates long": (lambda m: m["history"]["updates"].append(0), "different lengths"),
    "loss empty": (lambda m: m["history"]["loss"].clear(), "different lengths"),
}


@pytest.mark.parametrize(("patch", "match"), HISTORY_CASES.values(), ids=HISTORY_CASES.keys())
def test_history_a_fit_never_records(tmp_path, patch, match):
    _refused(_rewritten(tmp_path, meta=patch), match)


def test_closed_form_history(tmp_path):
    """A closed-form solution's one loss may have overflowed (it is kept); a loss that
    JSON writes as an integer reads back as a float, as a fit records it."""
    for value in (float("inf"), float("nan")):
        loss = load(_rewritten(tmp_path, "regression", meta=_history("loss", 0, value)))
        assert not np.isfinite(loss.history_["loss"][0])
    loaded = load(_rewritten(tmp_path, "regression", meta=_history("loss", 0, 2)))
    assert loaded.history_["loss"] == [2.0]
    assert type(loaded.history_["loss"][0]) is float
    longer = lambda m: m["history"].update(loss=[1.0, float("inf")])  # noqa: E731
    _refused(_rewritten(tmp_path, "regression", meta=longer), "loss holds inf at epoch 2")


LABEL_CASES = {
    "mixed": (lambda m: m.update(classes=[1, "yes"]), "not a list of strings"),
    "None": (lambda m: m.update(classes=[None, "yes"]), "not a list of strings"),
    "nested": (lambda m: m.update(classes=[["no"], "yes"]), "not a list of strings"),
    "not a list": (lambda m: m.update(classes="noyes"), "not a list of strings"),
    "unsorted": (lambda m: m.update(classes=["yes", "no"]), "sorted without repeats"),
    "repeated": (lambda m: m.update(classes=["no", "no"]), "sorted without repeats"),
    "one": (lambda m: m.update(classes=["no"]), "at least two"),
    "numpy_str short": (lambda m: m.update(classes_numpy_str=[True]), "one flag per label"),
    "numpy_str ints": (lambda m: m.update(classes_numpy_str=[1, 0]), "one flag per label"),
    "numpy_str false": (lambda m: m.update(classes_numpy_str=[False] * 2), "one flag per label"),
    "numpy_str text": (lambda m: m.update(classes_numpy_str="all"), "one flag per label"),
}


@pytest.mark.parametrize(("patch", "match"), LABEL_CASES.values(), ids=LABEL_CASES.keys())
def test_listed_labels_a_fit_never_leaves(tmp_path, patch, match):
    _refused(_rewritten_object(tmp_path, patch), match)


def test_numpy_str_flags_without_listed_labels(tmp_path):
    flags = lambda m: m.update(classes_numpy_str=[True, True])  # noqa: E731
    _refused(_rewritten(tmp_path, meta=flags), "numpy.str_ labels but holds no classes list")
    version_1 = lambda m: m.update(format_version=1, classes_numpy_str=[True, True])  # noqa: E731
    _refused(_rewritten(tmp_path, meta=version_1), "numpy.str_")
    loaded = load(_rewritten_object(tmp_path, lambda m: m.update(classes_numpy_str=[True, False])))
    assert [type(v) for v in loaded.classes_] == [np.str_, str]


@pytest.mark.parametrize(
    "classes",
    [
        np.array([1 + 0j, 2 + 0j]),
        np.array([b"a", b"b"], "V1"),
        np.zeros(2, "i4,f4"),
        np.array([1, 2], "m8[s]"),
        np.array(["2020", "2021"], "M8[D]"),
        np.array([b"a", b"b"]),
    ],
    ids=["complex", "void", "structured", "timedelta", "datetime", "bytes"],
)
def test_labels_of_a_dtype_no_model_file_holds(tmp_path, classes):
    _refused(_rewritten(tmp_path, arrays={"classes_": classes}), "dtype.*never holds")


def _param(name, value):
    return _set("params", name, value)


PARAM_CASES = {
    "seed negative": (_param("random_state", -1), "random_state = -1 is not a seed"),
    "seed text": (_param("random_state", "abc"), "random_state = 'abc' is not a seed"),
    "seed float": (_param("random_state", 1.5), "random_state = 1.5 is not a seed"),
    "callbacks number": (_param("callbacks", 1), "callbacks = 1 is not null"),
    "callbacks text": (_param("callbacks", "print"), "callbacks = 'print' is not null"),
    "callbacks true": (_param("callbacks", True), "callbacks = True is not null"),
    "device number": (_param("device", 5), "device = 5 is not a device name"),
    "device unknown": (_param("device", "tpu"), "device = 'tpu' is not a device name"),
    "device index": (_param("device", "cuda:x"), "device = 'cuda:x' is not a device"),
    "device empty index": (_param("device", "cuda:"), "is not a device name"),
    "device on numpy": (
        lambda m: m["params"].update(device="cpu", backend="numpy"),
        "device = 'cpu' needs backend 'auto' or 'torch', not 'numpy'",
    ),
    "backend unknown": (_param("backend", "cupy"), "backend='cupy' is not one of"),
    "epochs float": (_param("epochs", 5.0), r"epochs=5\.0"),
    "epochs zero": (_param("epochs", 0), "epochs=0"),
    "epochs huge": (_param("epochs", 2**64), "epochs="),
    "shuffle text": (_param("shuffle", "yes"), "shuffle='yes'"),
    "mode unknown": (_param("mode", "sometimes"), "mode='sometimes'"),
    "rule unknown": (_param("rule", "hebb"), "rule='hebb'"),
    "rate negative": (_param("learning_rate", -1.0), "learning_rate=-1.0"),
    "rate text": (_param("learning_rate", "fast"), "learning_rate='fast'"),
    "tol negative": (_param("tol", -1.0), "tol=-1.0"),
    "unknown name": (_param("ridge", 1.0), r"\['ridge'\] are not those of Perceptron"),
}


@pytest.mark.parametrize(("patch", "match"), PARAM_CASES.values(), ids=PARAM_CASES.keys())
def test_hyperparameters_the_estimator_refuses(tmp_path, patch, match):
    """Every value the estimator's own checks refuse is refused at load (none escapes as
    a TypeError later, in fit or partial_fit)."""
    _refused(_rewritten(tmp_path, meta=patch), match)


def test_hyperparameters_the_estimator_takes_load(tmp_path):
    """A device is checked for its form only (the machine that loads may have none)."""
    for name, value in [("random_state", 10**99), ("random_state", 0), ("device", "cuda:3"),
                        ("device", "cpu"), ("learning_rate", "auto"), ("tol", None)]:  # fmt: skip
        loaded = load(_rewritten(tmp_path, meta=_param(name, value)))
        assert loaded.get_params()[name] == value
