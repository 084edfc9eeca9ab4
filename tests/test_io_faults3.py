"""Model files, round 3: kinds of faults found in review, each with the example that
showed it and other inputs of the same kind.

F11. Paths the system refuses (a link loop, a dangling link, a missing folder, no
     permission, a name too long, a NUL character) are ModelFileErrors that name the path
     and say what to do (and stay the OSError they stand for); the command line prints one
     line.
F12. A file missing a fitted attribute, or whose counts disagree with each other or with
     its history, is refused at load (and save refuses to write one).
F8.  Text that is not Unicode (a lone surrogate) is refused by save, naming it, and by
     load; datetime64 and timedelta64 labels round-trip (tests/test_io_labels.py).
"""

from __future__ import annotations

import errno
import json
import os
import warnings
from pathlib import Path

import numpy as np
import pytest

import neurona
from helpers import run
from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron, load
from neurona.errors import ModelFileError, NeuronaError
from neurona.estimators import AbstractNeuronEstimator
from neurona.io import ModelPathError, read_metadata

RNG = np.random.default_rng(3)
X = RNG.normal(size=(30, 3))
Y = (X @ np.array([1.0, -2.0, 0.5]) > 0).astype(int)
R = X @ np.array([1.0, 2.0, 3.0])


def _quiet(fit, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fit(*args, **kwargs)


def _model(tmp_path: Path, name: str = "m.npz") -> Path:
    path = tmp_path / name
    _quiet(Perceptron(epochs=3).fit, X, Y).save(path)
    return path


def _one_line(exc: BaseException, path=None) -> str:
    message = str(exc)
    assert "\n" not in message, message
    assert len(message) < 700, message
    if path is not None:
        assert repr(str(path)) in message, message
    return message


def _refused(path, match: str, *, also: type[BaseException] = ModelFileError) -> str:
    """load refuses ``path`` with one line naming it (read_metadata too, for a path that
    cannot be opened)."""
    readers = (load, read_metadata) if also is not ModelFileError else (load,)
    for read in readers:
        with pytest.raises(ModelFileError, match=match) as info:
            read(path)
        assert isinstance(info.value, also), type(info.value).__mro__
        message = _one_line(info.value, path)
    return message


# ------------------------------------------------------------ F11: paths the system refuses


def test_a_link_loop_is_a_model_file_error(tmp_path):
    """The example: a symbolic link to itself, then a loop of two links and a loop on the
    way to the file; each says what to do."""
    loop = tmp_path / "loop.npz"
    loop.symlink_to(loop)
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    a.symlink_to(b)
    b.symlink_to(a)
    folder = tmp_path / "folder"
    folder.symlink_to(folder)
    for path in (loop, a, folder / "m.npz"):
        message = _refused(path, "loop of symbolic links", also=OSError)
        assert "point the link at a model file" in message
    with pytest.raises(OSError, match="loop") as info:  # the OSError it stands for, its errno
        load(loop)
    assert info.value.errno == errno.ELOOP


def test_missing_paths_say_what_is_missing(tmp_path):
    """A missing file, a dangling link (naming where it points) and a missing folder:
    ModelFileErrors that are still FileNotFoundErrors, as the docs promised."""
    dangling = tmp_path / "dangling.npz"
    dangling.symlink_to(tmp_path / "nowhere.npz")
    far = tmp_path / "far.npz"  # a long target keeps its end, the name that is missing
    far.symlink_to(tmp_path.joinpath(*["d" * 60] * 3, "elsewhere.npz"))
    cases = {
        far: "symbolic link to '.*[.][.][.].*/elsewhere.npz', which does not exist",
        tmp_path / "missing.npz": "it does not exist",
        dangling: "symbolic link to '.*nowhere.npz', which does not exist",
        tmp_path / "no" / "such" / "m.npz": "its folder '.*no/such' does not exist",
    }
    for path, match in cases.items():
        message = _refused(path, match, also=FileNotFoundError)
        assert "No such file" in message  # the system's own words too
        assert "check the path" in message or "point the link" in message


def test_a_file_on_the_way_is_not_a_folder(tmp_path):
    model = _model(tmp_path)
    _refused(model / "m.npz", "a part of its path is a file, not a folder",
             also=NotADirectoryError)  # fmt: skip


def test_names_and_paths_too_long_are_refused_in_a_short_line(tmp_path):
    for path in (tmp_path / ("x" * 300), tmp_path.joinpath(*["d" * 200] * 30, "m.npz")):
        for read in (load, read_metadata):
            with pytest.raises(ModelPathError, match="too long for this system") as info:
                read(path)
            message = _one_line(info.value)
            assert "shorter path" in message
            assert str(path)[:50] in message  # the path, its middle cut


def test_a_nul_character_in_the_path_is_refused(tmp_path):
    for path in (f"{tmp_path}/m\0.npz", tmp_path / "a\0b.npz", b"m\0.npz"):
        for read in (load, read_metadata):
            with pytest.raises(ModelFileError, match="NUL character") as info:
                read(path)
            assert isinstance(info.value, ValueError)  # as os.stat raised it
            _one_line(info.value)


def test_paths_of_other_types(tmp_path):
    model = _model(tmp_path)
    assert load(os.fsencode(model)).predict(X).shape == (len(X),)  # bytes are a path
    assert read_metadata(str(model))["neuron"] == "Perceptron"
    for value in (None, 3, ["m.npz"]):
        with pytest.raises(ModelFileError, match="is not a path: pass a str"):
            load(value)


def test_permission_denied_says_what_to_do(tmp_path, monkeypatch):
    """A file this user may not read (simulated: the tests may run as root, who may)."""
    model = _model(tmp_path)
    real_open = os.open

    def denied(path, *args, **kwargs):
        if Path(path) == model:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    message = _refused(model, "this user may not read it", also=PermissionError)
    assert "Permission denied" in message
    assert "chmod" in message


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may read any file")  # fmt: skip
def test_an_unreadable_file_for_real(tmp_path):
    model = _model(tmp_path)
    model.chmod(0)
    try:
        _refused(model, "this user may not read it", also=PermissionError)
    finally:
        model.chmod(0o644)


def test_other_system_errors_are_model_file_errors(tmp_path, monkeypatch):
    model = _model(tmp_path)

    def broken(path, *args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", str(path))

    monkeypatch.setattr(os, "stat", broken)
    message = _refused(model, "cannot open it", also=OSError)
    assert "Input/output error" in message


def test_every_path_fault_is_a_neurona_error(tmp_path):
    """Whatever the system says, load raises a NeuronaError (never a raw OSError)."""
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    (tmp_path / "dir.npz").mkdir()
    paths = [loop, loop / "x", tmp_path / "dir.npz", tmp_path / "gone", "a\0b",
             tmp_path / ("y" * 5000), _model(tmp_path) / "x"]  # fmt: skip
    for path in paths:
        with pytest.raises(NeuronaError):
            load(path)


@pytest.mark.parametrize("command", ["predict", "inspect"])
def test_the_command_line_prints_one_line(tmp_path, command):
    data = tmp_path / "x.csv"
    np.savetxt(data, X, delimiter=",", header="a,b,c", comments="")
    loop = tmp_path / "loop.npz"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.npz"
    dangling.symlink_to(tmp_path / "nowhere.npz")
    for path, phrase in ((loop, "loop of symbolic links"), (dangling, "does not exist")):
        args = ["predict", path, data] if command == "predict" else ["inspect", path]
        result = run(*args)
        assert result.exit_code == 1, result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert phrase in lines[0], lines[0]
        assert str(path) in lines[0], lines[0]
        assert "Traceback" not in result.output


def test_save_to_a_path_the_system_refuses(tmp_path, monkeypatch):
    """save: a NUL character, a non-path, a name too long and a full disk are
    ModelFileErrors (the last two also OSErrors naming the file); an existing file is
    left as it was and nothing else is written."""
    model = _model(tmp_path)
    before = model.read_bytes()
    est = _quiet(Perceptron(epochs=2).fit, X, 1 - Y)
    for path in (f"{model}\0", 7):
        with pytest.raises(ModelFileError, match=r"NUL character|is not a path"):
            est.save(path)
    with pytest.raises(ModelPathError, match="too long") as info:
        est.save(tmp_path / ("z" * 300))
    assert info.value.errno == errno.ENAMETOOLONG

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(np, "savez", full)
    with pytest.raises(ModelPathError, match=r"No space left on device.*free some space") as info:
        est.save(model)
    assert isinstance(info.value, OSError)
    assert info.value.filename == str(model)
    assert model.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [model.name]


# --------------------------------------------------- F12: attributes and counts that disagree


def _rewritten(path: Path, patch) -> Path:
    """``path`` with its metadata changed by ``patch(meta)``."""
    with np.load(path, allow_pickle=False) as npz:
        content = {k: npz[k] for k in npz.files}
    meta = json.loads(content["__metadata__"].tobytes())
    patch(meta)
    content["__metadata__"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    out = path.with_name("bad.npz")
    np.savez(out, **content)
    return out


#: a model trained by gradient steps, of each estimator
GRADIENT = {
    "perceptron": lambda: Perceptron(epochs=3).fit(X, Y),
    "adaline": lambda: Adaline(epochs=3).fit(X, Y),
    "logistic": lambda: LogisticRegression(epochs=3).fit(X, Y),
    "linear": lambda: LinearRegression(solver="gd", epochs=3).fit(X, R),
}


def test_the_saved_attributes_are_the_estimators_own():
    """io checks what the estimators save (their _SCALARS): the two lists cannot drift
    apart unnoticed (save would refuse an attribute io does not know, or miss one it
    requires)."""
    from neurona import io

    current = {a for a in io._ATTRIBUTES if not a.startswith("_")}  # (_y_1d: 0.1.0's)
    current -= {"validation_scores_"}  # early stopping's list, saved apart from _SCALARS
    assert current == set(AbstractNeuronEstimator._SCALARS)
    assert set(io._COUNTS) <= current


@pytest.mark.parametrize("which", GRADIENT)
@pytest.mark.parametrize("name", AbstractNeuronEstimator._SCALARS)
def test_every_missing_attribute_is_refused(tmp_path, which, name):
    """The example (learning_rate_ deleted) and every other attribute a fit leaves: the
    file is refused at load, not in predict, inspect or partial_fit later."""
    path = tmp_path / "m.npz"
    _quiet(GRADIENT[which]).save(path)
    bad = _rewritten(path, lambda m: m["attributes"].pop(name))
    _refused(bad, f"attribute {name} is missing")
    result = run("inspect", bad)
    assert result.exit_code == 1
    assert f"attribute {name} is missing" in result.stderr


def _set(**attributes):
    return lambda m: m["attributes"].update(attributes)


def _history_length(n):
    def patch(m):
        for values in m["history"].values():
            values[:] = (values * n)[:n]

    return patch


COUNT_CASES = {
    "n_iter_ beyond the history": (_set(n_iter_=99), "n_iter_ = 99 does not fit its history"),
    "n_iter_ two beyond": (_set(n_iter_=5), "n_iter_ = 5 does not fit its history of 3"),
    "n_iter_ zero": (_set(n_iter_=0), "n_iter_ = 0 is not a count"),
    "n_iter_ beyond t_": (
        lambda m: m["attributes"].update(n_iter_=3, t_=1),
        "n_iter_ = 3 counts more epochs than its t_ = 1",
    ),
    "no history with steps": (_history_length(0), "does not fit its history of 0 epochs"),
    "t_ zero after epochs": (_set(t_=0), "t_ = 0 says no gradient step was taken"),
    "t_ zero, n_iter_ 2": (
        lambda m: (m["attributes"].update(t_=0, n_iter_=2), _history_length(1)(m)),
        "n_iter_ = 2 and its history records 1",
    ),
    "n_features_in_": (_set(n_features_in_=4), "n_features_in_ = 4 does not match coef_"),
}


@pytest.mark.parametrize(("patch", "match"), COUNT_CASES.values(), ids=COUNT_CASES.keys())
def test_counts_that_disagree_are_refused(tmp_path, patch, match):
    path = _model(tmp_path)
    _refused(_rewritten(path, patch), match)


def test_closed_form_counts(tmp_path):
    """A closed-form solution: t_ = 0, n_iter_ = 1, no learning_rate_, at most one
    history entry (none when solved from chunks)."""
    path = tmp_path / "m.npz"
    LinearRegression().fit(X, R).save(path)
    assert load(path).t_ == 0
    _refused(_rewritten(path, _set(n_iter_=2)), "t_ = 0 says no gradient step")
    _refused(_rewritten(path, _set(t_=5)), "learning_rate_ is missing, but t_ = 5")
    loaded = load(_rewritten(path, _set(t_=5, learning_rate_=1)))  # an int step is a step
    assert loaded.learning_rate_ == 1.0
    assert type(loaded.learning_rate_) is float


def test_save_refuses_counts_load_would_refuse(tmp_path):
    est = _quiet(Perceptron(epochs=3).fit, X, Y)
    path = tmp_path / "m.npz"
    for change, match in (
        (lambda e: delattr(e, "learning_rate_"), "learning_rate_ is missing"),
        (lambda e: setattr(e, "n_iter_", 50), "n_iter_ = 50 does not fit"),
        (lambda e: setattr(e, "t_", 0), "t_ = 0 says no gradient step"),
        (lambda e: delattr(e, "n_iter_"), "n_iter_ is missing"),
    ):
        broken = _quiet(Perceptron(epochs=3).fit, X, Y)
        change(broken)
        with pytest.raises(ModelFileError, match=match) as info:
            broken.save(path)
        _one_line(info.value, path)
        assert not path.exists()
    est.save(path)


def _chunks(y):
    return [(X[:10], y[:10]), (X[10:], y[10:])]


def _states():
    """Every way of fitting leaves counts that load accepts."""
    two = {"classes": [0, 1]}
    yield "fit", Perceptron(epochs=3).fit(X, Y)
    m = LogisticRegression()
    for _ in range(3):
        m.partial_fit(X, Y, **two)
    yield "partial_fit x3", m
    m = Adaline(epochs=2, warm_start=True).fit(X, Y).fit(X, Y)
    yield "warm_start twice", m.partial_fit(X, Y)
    yield "fit_chunks", Perceptron(epochs=2).fit_chunks(_chunks(Y), **two)
    yield "tol", LinearRegression(solver="gd", epochs=50, tol=1e-2).fit(X, R)
    stop = [lambda info: info.epoch == 2]
    yield "stopped by a callback", Adaline(epochs=5, callbacks=stop).fit(X, Y)
    yield "closed form", LinearRegression().fit(X, R)
    yield "closed form from chunks", LinearRegression().fit_chunks(_chunks(R))
    m = LinearRegression().fit_chunks(_chunks(R)).set_params(solver="gd")
    yield "chunks, then gradient steps", m.partial_fit(X, R).partial_fit(X, R)
    m = Adaline(solver="normal").fit(X, Y).set_params(solver="gd", warm_start=True)
    yield "closed form, then warm epochs", m.fit(X, Y)


@pytest.mark.parametrize("index", range(10))
def test_every_way_of_fitting_round_trips(tmp_path, index):
    name, est = _quiet(lambda: list(_states())[index])
    path = tmp_path / "m.npz"
    est.save(path)
    loaded = load(path)
    for attr in AbstractNeuronEstimator._SCALARS:
        assert getattr(loaded, attr, None) == getattr(est, attr, None), (name, attr)
    assert loaded.history_ == est.history_, name


# ------------------------------------------------------------ F8: text that is not Unicode


SURROGATE_LABELS = {
    "unicode": np.array(["\ud800", "a"] * 15),  # the example
    "object": np.array(["ok", "b\udfffc"] * 15, dtype=object),
    "numpy.str_": np.array([np.str_("x"), np.str_("\udc80y")] * 15, dtype=object),
}


@pytest.mark.parametrize("labels", SURROGATE_LABELS.values(), ids=SURROGATE_LABELS.keys())
def test_save_refuses_labels_that_are_not_unicode_text(tmp_path, labels):
    est = _quiet(Perceptron(epochs=2).fit, X, labels)
    path = _model(tmp_path)
    before = path.read_bytes()
    surrogate = r"the label '.*\\ud[89a-f][0-9a-f]{2}.*' \(classes_\[\d\]\) holds the lone"
    with pytest.raises(ModelFileError, match=surrogate) as info:
        est.save(path)
    message = _one_line(info.value, path)
    assert "replace it" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_save_refuses_other_text_that_is_not_unicode(tmp_path):
    """Feature names, the caller's notes (values and keys): the same kind."""
    path = tmp_path / "m.npz"
    est = _quiet(Perceptron(epochs=2).fit, X, Y)
    est.feature_names_in_ = np.array(["a", "b\ud83d", "c"], dtype=object)
    with pytest.raises(
        ModelFileError, match=r"feature name 'b\\ud83d' \(feature_names_in_\[1\]\)"
    ):
        est.save(path)
    del est.feature_names_in_
    for data in ({"features": ["a", "\udead", "c"]}, {"mine": {"k\ud800": 1}}, {"s": "\udfff"}):
        with pytest.raises(ModelFileError, match="in its data holds the lone surrogate"):
            est.save(path, data=data)
    assert not path.exists()
    est.save(path, data={"features": ["a", "é", "日"], "emoji": "\U0001f600"})  # real text
    assert read_metadata(path)["data"]["emoji"] == "\U0001f600"


def test_load_refuses_files_whose_text_is_not_unicode(tmp_path):
    """Files written by an older neurona (or by hand): labels in a unicode member or in
    the metadata, feature names, notes; each refused in one line (the tester's example:
    predict and inspect failed on it afterwards)."""
    path = _model(tmp_path)
    with np.load(path, allow_pickle=False) as npz:
        content = {k: npz[k] for k in npz.files}
    meta = json.loads(content["__metadata__"].tobytes())
    member = dict(content, classes_=np.array(["a", "\ud800"]))
    np.savez(tmp_path / "member.npz", **member)
    listed = {k: v for k, v in content.items() if k != "classes_"}
    listed_meta = dict(meta, classes_dtype="object", classes=["a", "\ud800"])
    listed["__metadata__"] = np.frombuffer(json.dumps(listed_meta).encode(), np.uint8)
    np.savez(tmp_path / "listed.npz", **listed)
    names = dict(content, feature_names_in_=np.array(["a", "\udc00", "c"]))
    np.savez(tmp_path / "names.npz", **names)
    notes = dict(content)
    notes["__metadata__"] = np.frombuffer(
        json.dumps(dict(meta, data={"source": "\ud800.csv"})).encode(), np.uint8
    )
    np.savez(tmp_path / "notes.npz", **notes)
    for name, match in (
        ("member", r"the label '\\ud800' \(classes_\[1\]\)"),
        ("listed", r"the label '\\ud800' \(classes_\[1\]\)"),
        ("names", r"the feature name '\\udc00' \(feature_names_in_\[1\]\)"),
        ("notes", r"the text '\\ud800.csv' in its data"),
    ):
        bad = tmp_path / f"{name}.npz"
        with pytest.raises(ModelFileError, match=match) as info:
            load(bad)
        assert "fit the model again" in _one_line(info.value, bad)
        result = run("inspect", bad)
        assert result.exit_code == 1
        assert len(result.stderr.splitlines()) == 1
        assert "lone surrogate U+" in result.stderr


def test_non_ascii_labels_still_round_trip(tmp_path):
    labels = np.array(["日本", "\U0001f469\u200d\U0001f467", "e\u0301"] * 10)
    est = _quiet(Perceptron(epochs=2).fit, X, labels)
    est.save(tmp_path / "m.npz")
    assert load(tmp_path / "m.npz").classes_.tolist() == est.classes_.tolist()


def test_neurona_errors_are_neurona_errors():
    assert issubclass(ModelPathError, ModelFileError)
    assert issubclass(ModelPathError, OSError)
    assert neurona.errors.ModelFileError is ModelFileError
