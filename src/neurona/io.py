"""Model files: one ``.npz`` holding JSON metadata and the fitted arrays; never pickle.

Format ``neurona-model``, version 1
-----------------------------------
A zip archive written by :func:`numpy.savez` (uncompressed, CRC-32 per member) with these
members, each a plain ``.npy`` array:

``__metadata__``
    ``uint8`` bytes of a UTF-8 JSON object: ``format`` (``"neurona-model"``),
    ``format_version`` (1), ``neurona_version``, ``neuron`` (the class name),
    ``params`` (``get_params()`` with ``callbacks`` stored as None; a ``random_state``
    that is not an int or None is stored as None), ``attributes`` (``n_features_in_``,
    ``n_iter_``, ``t_``, ``learning_rate_``, and for :class:`~neurona.LinearRegression`
    ``_y_1d`` and ``_n_outputs``), ``history`` (the per-epoch lists of ``history_``),
    ``classes_dtype`` (``"object"`` when the labels were Python strings) and ``data``
    (what the caller adds, e.g. the command line's column names).
``coef_``, ``intercept_``
    The weights in their own dtype (float32 stays float32); a scalar ``intercept_`` is a
    0-d array.
``classes_``
    Classifiers: the labels as a NumPy array (ints, floats, bools, or unicode strings;
    labels that were Python strings in an object array come back as an object array).
``feature_names_in_``
    When the model was fitted on a data frame.

Reading never runs code: the archive is opened with ``allow_pickle=False`` (an object
array inside it is refused), the class is chosen from a fixed table of names, and every
member is checked for its name, dtype and shape before it is used. A file that is not
such an archive, is truncated or corrupted (zip CRC), comes from a newer format version
or holds a pickle raises :class:`~neurona.errors.ModelFileError`.

Continuing after loading
------------------------
``partial_fit`` and ``warm_start`` continue from the loaded weights, update count ``t_``
(so the learning-rate schedule continues) and ``learning_rate_``. The random generator
is not saved (its state is not portable data): it is rebuilt fresh from ``random_state``,
so row orders drawn after loading repeat those of a fresh fit with that seed, not those
the original object would have drawn next.

Writing is atomic: the archive goes to a temporary file in the target's directory, is
flushed to disk and renamed over the target, so a crash never leaves a half-written model.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ModelFileError

__all__ = ["FORMAT", "FORMAT_VERSION", "load", "read_metadata", "save"]

FORMAT = "neurona-model"
FORMAT_VERSION = 1

_META = "__metadata__"
_ARRAYS = ("coef_", "intercept_", "classes_", "feature_names_in_")
_ATTRIBUTES = ("n_features_in_", "n_iter_", "t_", "learning_rate_", "_y_1d", "_n_outputs")
#: the largest metadata we agree to parse (a model's history is far smaller)
_MAX_METADATA_BYTES = 64 << 20
#: the largest member we agree to unpack (weights of 2**27 float64 values)
_MAX_MEMBER_BYTES = 1 << 30


def _classes() -> dict[str, type]:
    """The only classes a model file may name (no import by name)."""
    from .estimators import Adaline, LinearRegression, Perceptron

    return {c.__name__: c for c in (Perceptron, Adaline, LinearRegression)}


# --------------------------------------------------------------------------- saving


def save(estimator: Any, path: str | os.PathLike, *, data: dict | None = None) -> Path:
    """Write a fitted neurona estimator to ``path`` (see the module docstring for the format).

    Parameters
    ----------
    estimator : Perceptron, Adaline or LinearRegression
        Fitted (``coef_`` set).
    path : str or path-like
        Target file; replaced atomically if it exists. The name is used as given (no
        extension is added).
    data : dict, optional
        JSON-serialisable notes stored under ``"data"`` in the metadata (the command line
        stores the feature and target column names there).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ModelFileError
        The estimator is not fitted, is not a neurona estimator, or holds labels that
        cannot be stored without pickle.
    """
    name = type(estimator).__name__
    if name not in _classes() or not isinstance(estimator, _classes()[name]):
        raise ModelFileError(
            f"cannot save a {name}: only neurona's Perceptron, Adaline and LinearRegression "
            "can be saved"
        )
    if not hasattr(estimator, "coef_"):
        raise ModelFileError(f"this {name} is not fitted yet: call fit(X, y) before save()")
    arrays, classes_dtype = _arrays(estimator)
    meta = _metadata(estimator, classes_dtype, data)
    arrays[_META] = np.frombuffer(_json_bytes(meta), dtype=np.uint8)
    path = Path(path)
    _write_atomic(path, arrays)
    return path


def _arrays(est: Any) -> tuple[dict[str, np.ndarray], str | None]:
    arrays = {"coef_": np.asarray(est.coef_), "intercept_": np.asarray(est.intercept_)}
    classes_dtype = None
    if hasattr(est, "classes_"):
        arrays["classes_"], classes_dtype = _storable(est.classes_, "classes_")
    if hasattr(est, "feature_names_in_"):
        arrays["feature_names_in_"], _ = _storable(est.feature_names_in_, "feature_names_in_")
    return arrays, classes_dtype


def _storable(values: np.ndarray, name: str) -> tuple[np.ndarray, str | None]:
    """``values`` as an array ``np.save`` writes without pickle; object-of-str -> unicode."""
    values = np.asarray(values)
    if values.dtype != object:
        return values, None
    if all(isinstance(v, str) for v in values.tolist()):
        return values.astype(str), "object"
    kinds = sorted({type(v).__name__ for v in values.tolist()})
    raise ModelFileError(
        f"{name} holds Python objects of type {', '.join(kinds)}, which cannot be saved "
        "without pickle: use labels that are all strings or all numbers"
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def _params(est: Any) -> dict[str, Any]:
    params = est.get_params(deep=False)
    params["callbacks"] = None
    if not isinstance(params.get("random_state"), int | None):
        params["random_state"] = None
    return {k: _jsonable(v) for k, v in params.items()}


def _metadata(est: Any, classes_dtype: str | None, data: dict | None) -> dict[str, Any]:
    from . import __version__

    attributes = {a: _jsonable(getattr(est, a)) for a in _ATTRIBUTES if hasattr(est, a)}
    history = {k: [_jsonable(v) for v in vals] for k, vals in est.history_.items()}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "neurona_version": __version__,
        "neuron": type(est).__name__,
        "params": _params(est),
        "attributes": attributes,
        "history": history,
        "classes_dtype": classes_dtype,
        "data": data,
    }


def _json_bytes(meta: dict[str, Any]) -> bytes:
    try:
        return json.dumps(meta).encode("utf-8")
    except TypeError as exc:
        raise ModelFileError(
            f"the model's metadata cannot be written as JSON ({exc}): pass plain numbers, "
            "strings and lists in `data`"
        ) from exc


def _write_atomic(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """``np.savez`` into a temporary file beside ``path``, fsync, then rename over it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, allow_pickle=False, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- loading


def read_metadata(path: str | os.PathLike) -> dict[str, Any]:
    """The JSON metadata of a model file, checked for format and version.

    Raises
    ------
    ModelFileError
        Not a neurona model file, truncated, corrupted, or from a newer format version.
    """
    with _open(Path(path)) as npz:
        return _read_meta(npz, Path(path))


def load(path: str | os.PathLike) -> Any:
    """Read a model written by :func:`save` (or ``estimator.save``); runs no code.

    Returns
    -------
    Perceptron, Adaline or LinearRegression
        Fitted: ``predict`` gives the same answers as the saved model, and ``partial_fit`` /
        ``warm_start`` continue from it (with a fresh random generator, see the module
        docstring).

    Raises
    ------
    ModelFileError
        The file is not a neurona model, is truncated or corrupted, comes from a newer
        format version, or holds a pickle.
    OSError
        The file cannot be read (missing, no permission).
    """
    path = Path(path)
    with _open(path) as npz:
        meta = _read_meta(npz, path)
        arrays = {name: _member(npz, name, path) for name in _ARRAYS if name in npz.files}
    return _build(meta, arrays, path)


class _Npz:
    """``np.load`` of a zip, with its errors turned into ModelFileError."""

    def __init__(self, path: Path):
        self.path = path
        self.npz: Any = None

    def __enter__(self):
        if not zipfile.is_zipfile(self.path):
            self.path.open("rb").close()  # a missing or unreadable file raises OSError here
            raise _bad(self.path, "it is not a neurona model file (not a zip archive)")
        try:
            _check_sizes(self.path)
            self.npz = np.load(self.path, allow_pickle=False)
        except (zipfile.BadZipFile, ValueError, EOFError) as exc:
            raise _bad(self.path, f"it is corrupted or truncated ({exc})") from exc
        return self.npz

    def __exit__(self, *exc_info) -> None:
        if self.npz is not None:
            self.npz.close()


def _check_sizes(path: Path) -> None:
    """Refuse members that would unpack to more than ``_MAX_MEMBER_BYTES`` (zip bombs)."""
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.file_size > _MAX_MEMBER_BYTES:
                raise _bad(path, f"member {info.filename!r} is implausibly large")


def _open(path: Path) -> _Npz:
    return _Npz(path)


def _bad(path: Path, why: str) -> ModelFileError:
    return ModelFileError(
        f"cannot load model {str(path)!r}: {why}; re-save the model with neurona's "
        "estimator.save(path) or `neurona train ... --out`"
    )


def _member(npz: Any, name: str, path: Path) -> np.ndarray:
    try:
        return npz[name]
    except ValueError as exc:
        if "pickle" in str(exc) or "allow_pickle" in str(exc):
            why = f"member {name!r} holds pickled Python objects, which are never loaded"
        else:
            why = f"member {name!r} is not a valid array ({exc})"
        raise _bad(path, why) from exc
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise _bad(path, f"member {name!r} is corrupted or truncated ({exc})") from exc


def _read_meta(npz: Any, path: Path) -> dict[str, Any]:
    if _META not in npz.files:
        raise _bad(path, "it has no neurona metadata (a foreign .npz archive?)")
    raw = _member(npz, _META, path)
    if raw.dtype != np.uint8 or raw.ndim != 1 or raw.size > _MAX_METADATA_BYTES:
        raise _bad(path, "its metadata is not a JSON byte string")
    try:
        meta = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path, f"its metadata is not valid JSON ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise _bad(path, f"its metadata does not declare format {FORMAT!r}")
    version = meta.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise _bad(path, f"its format version {version!r} is not a positive integer")
    if version > FORMAT_VERSION:
        raise ModelFileError(
            f"cannot load model {str(path)!r}: it was written in format version {version} "
            f"(by neurona {meta.get('neurona_version', '?')}); this neurona reads version "
            f"{FORMAT_VERSION} and older: upgrade neurona (pip install -U neurona)"
        )
    return meta


def _build(meta: dict[str, Any], arrays: dict[str, np.ndarray], path: Path) -> Any:
    neuron = meta.get("neuron")
    cls = _classes().get(neuron) if isinstance(neuron, str) else None
    if cls is None:
        raise _bad(path, f"it names an unknown neuron {meta.get('neuron')!r}")
    est = cls(**_checked_params(cls, meta.get("params"), path))
    _set_arrays(est, arrays, meta, path)
    _set_attributes(est, meta, path)
    est._rng = np.random.default_rng(est.random_state)  # fresh; see the module docstring
    return est


def _checked_params(cls: type, params: Any, path: Path) -> dict[str, Any]:
    allowed = cls().get_params(deep=False)
    if not isinstance(params, dict) or not set(params) <= set(allowed):
        extra = sorted(set(params) - set(allowed)) if isinstance(params, dict) else params
        raise _bad(path, f"its hyperparameters {extra!r} are not those of {cls.__name__}")
    bad = [k for k, v in params.items() if not isinstance(v, str | int | float | bool | None)]
    if bad:
        raise _bad(path, f"hyperparameters {bad} are not plain values")
    return params


def _set_arrays(est: Any, arrays: dict[str, np.ndarray], meta: dict, path: Path) -> None:
    for name in ("coef_", "intercept_"):
        value = arrays.get(name)
        if value is None or value.dtype.kind != "f":
            raise _bad(path, f"{name} is missing or not an array of floats")
    coef, intercept = arrays["coef_"], arrays["intercept_"]
    est.coef_ = coef
    est.intercept_ = intercept[()] if intercept.ndim == 0 else intercept
    if "classes_" in arrays:
        classes = arrays["classes_"]
        if classes.ndim != 1 or classes.dtype.kind not in "biufU":
            raise _bad(path, "classes_ is not a 1-D array of labels")
        est.classes_ = classes.astype(object) if meta.get("classes_dtype") == "object" else classes
    elif est._is_classifier():
        raise _bad(path, "the classifier has no classes_")
    if "feature_names_in_" in arrays:
        names = arrays["feature_names_in_"]
        if names.ndim != 1 or names.dtype.kind != "U":
            raise _bad(path, "feature_names_in_ is not a 1-D array of strings")
        est.feature_names_in_ = names.astype(object)
    _check_shapes(est, path)


def _check_shapes(est: Any, path: Path) -> None:
    coef = np.atleast_2d(est.coef_)
    n_out = np.atleast_1d(est.intercept_).shape[0]
    ok = coef.ndim == 2 and coef.shape[0] == n_out
    if hasattr(est, "classes_"):
        ok = ok and n_out == (1 if est.classes_.size == 2 else est.classes_.size)
    if not ok:
        raise _bad(path, f"coef_ {est.coef_.shape} and intercept_ do not fit together")


def _set_attributes(est: Any, meta: dict[str, Any], path: Path) -> None:
    attributes, history = meta.get("attributes"), meta.get("history")
    if not isinstance(attributes, dict) or not isinstance(history, dict):
        raise _bad(path, "its attributes or history are missing")
    for name in _ATTRIBUTES:
        if name in attributes:
            value = attributes[name]
            if not isinstance(value, int | float):
                raise _bad(path, f"attribute {name} = {value!r} is not a number")
            setattr(est, name, value)
    n_features = np.atleast_2d(est.coef_).shape[1]
    if attributes.get("n_features_in_") != n_features:
        raise _bad(path, f"n_features_in_ does not match coef_ ({n_features} columns)")
    if not all(isinstance(v, list) for v in history.values()):
        raise _bad(path, "its history is not a dict of lists")
    est.history_ = {str(k): list(v) for k, v in history.items()}
