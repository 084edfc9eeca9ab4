"""Model files: one ``.npz`` holding JSON metadata and the fitted arrays; never pickle.

This module is the file format only: it writes and reads :class:`ModelRecord` objects and
knows nothing of the estimators. An estimator turns itself into a record
(``estimator.save(path)``) and back (:func:`neurona.load`), checking every value against
the others.

Format ``neurona-model``, version 1
-----------------------------------
A zip archive written by :func:`numpy.savez` (uncompressed, CRC-32 per member) with these
members, each a plain ``.npy`` array:

``__metadata__``
    ``uint8`` bytes of a UTF-8 JSON object: ``format`` (``"neurona-model"``),
    ``format_version`` (1), ``neurona_version``, ``neuron`` (the estimator's class name),
    ``params`` (``get_params()`` with ``callbacks`` stored as None; a ``random_state``
    that is not an int or None is stored as None), ``attributes`` (``n_features_in_``,
    ``n_iter_``, ``t_``, ``learning_rate_``; files of neurona 0.1.0 also hold ``_y_1d`` and
    ``_n_outputs``, which are now derived from the arrays and ignored), ``history`` (the
    per-epoch lists of ``history_``), ``classes_dtype`` (``"object"`` when the labels were
    Python strings) and ``data`` (what the caller adds, e.g. the command line's column
    names).
``coef_``, ``intercept_``
    The weights in their own dtype (float32 stays float32); a scalar ``intercept_`` is a
    0-d array.
``classes_``
    Classifiers: the labels as a NumPy array (ints, floats, bools, or unicode strings;
    labels that were Python strings in an object array come back as an object array).
``feature_names_in_``
    When the model was fitted on a data frame.

Reading never runs code: the archive is opened with ``allow_pickle=False`` (an object
array inside it is refused), every member is checked for its name, dtype and shape before
it is used, and the class is chosen by the reader from a fixed registry of names. A file
that is not such an archive, is truncated or corrupted (zip CRC), comes from a newer
format version or holds a pickle raises :class:`~neurona.errors.ModelFileError`.

Continuing after loading
------------------------
``partial_fit`` and ``warm_start`` continue from the loaded weights, update count ``t_``
(so the learning-rate schedule continues) and ``learning_rate_``. The random generator
is not saved (its state is not portable data): it is rebuilt fresh from ``random_state``,
so row orders drawn after loading repeat those of a fresh fit with that seed, not those
the original object would have drawn next.

Writing is atomic (:mod:`neurona._atomic`): the archive goes to a temporary file in the
target's directory, is flushed to disk and renamed over the target, so a crash never
leaves a half-written model.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ._atomic import atomic_write
from ._version import __version__
from .errors import ModelFileError

__all__ = ["FORMAT", "FORMAT_VERSION", "ModelRecord", "read_metadata", "read_model", "save"]

FORMAT = "neurona-model"
FORMAT_VERSION = 1

_META = "__metadata__"
#: the arrays a model file may hold
ARRAYS = ("coef_", "intercept_", "classes_", "feature_names_in_")
#: the largest metadata we agree to parse (a model's history is far smaller)
_MAX_METADATA_BYTES = 64 << 20
#: the largest member we agree to unpack (weights of 2**27 float64 values)
_MAX_MEMBER_BYTES = 1 << 30


@dataclass(frozen=True)
class ModelRecord:
    """What a model file holds, before any estimator is built from it.

    Attributes
    ----------
    kind : str
        The estimator's class name (metadata field ``neuron``).
    params : dict
        Hyperparameters, plain JSON values.
    arrays : dict of name -> ndarray
        Members of :data:`ARRAYS` present in the file (object arrays of strings allowed
        when writing; read back as object arrays).
    attributes : dict of name -> number
        Scalar fitted attributes.
    history : dict of name -> list
    data : dict or None
        The caller's notes (the command line's column names).
    neurona_version : str
        The version that wrote the file.
    """

    kind: str
    params: dict[str, Any]
    arrays: dict[str, np.ndarray]
    attributes: dict[str, Any]
    history: dict[str, list]
    data: dict | None = None
    neurona_version: str = __version__
    path: Path | None = field(default=None, compare=False)

    def bad(self, why: str) -> ModelFileError:
        """A :class:`ModelFileError` naming this record's file and saying ``why``."""
        return _bad(self.path or Path("?"), why)


# --------------------------------------------------------------------------- saving


def save(estimator: Any, path: str | os.PathLike, *, data: dict | None = None) -> Path:
    """Write a fitted neurona estimator to ``path``: ``estimator.save(path, data=data)``."""
    if not callable(getattr(type(estimator), "_from_record", None)):  # neurona's own only
        raise ModelFileError(
            f"cannot save a {type(estimator).__name__}: only neurona's estimators can be saved"
        )
    return estimator.save(path, data=data)


def write_model(path: str | os.PathLike, record: ModelRecord) -> Path:
    """Write ``record`` to ``path`` atomically (see the module docstring for the format).

    Raises
    ------
    ModelFileError
        An array holds Python objects other than strings, or the metadata is not JSON.
    """
    arrays, classes_dtype = {}, None
    for name, values in record.arrays.items():
        arrays[name], was_object = _storable(values, name)
        if name == "classes_" and was_object:
            classes_dtype = "object"
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "neurona_version": record.neurona_version,
        "neuron": record.kind,
        "params": record.params,
        "attributes": record.attributes,
        "history": record.history,
        "classes_dtype": classes_dtype,
        "data": record.data,
    }
    arrays[_META] = np.frombuffer(_json_bytes(meta), dtype=np.uint8)
    path = Path(path)
    with atomic_write(path) as f:
        np.savez(f, allow_pickle=False, **arrays)
    return path


def _storable(values: Any, name: str) -> tuple[np.ndarray, bool]:
    """``values`` as an array ``np.save`` writes without pickle; object-of-str -> unicode."""
    values = np.asarray(values)
    if values.dtype != object:
        return values, False
    if all(isinstance(v, str) for v in values.tolist()):
        return values.astype(str), True
    kinds = sorted({type(v).__name__ for v in values.tolist()})
    raise ModelFileError(
        f"{name} holds Python objects of type {', '.join(kinds)}, which cannot be saved "
        "without pickle: use labels that are all strings or all numbers"
    )


def _json_bytes(meta: dict[str, Any]) -> bytes:
    try:
        return json.dumps(meta).encode("utf-8")
    except TypeError as exc:
        raise ModelFileError(
            f"the model's metadata cannot be written as JSON ({exc}): pass plain numbers, "
            "strings and lists in `data`"
        ) from exc


# --------------------------------------------------------------------------- loading


def read_metadata(path: str | os.PathLike) -> dict[str, Any]:
    """The JSON metadata of a model file, checked for format and version.

    Raises
    ------
    ModelFileError
        Not a neurona model file, truncated, corrupted, or from a newer format version.
    """
    with _Npz(Path(path)) as npz:
        return _read_meta(npz, Path(path))


def read_model(path: str | os.PathLike) -> ModelRecord:
    """The record in a model file; runs no code (see the module docstring).

    Raises
    ------
    ModelFileError
        The file is not a neurona model, is truncated or corrupted, comes from a newer
        format version, or holds a pickle.
    OSError
        The file cannot be read (missing, no permission).
    """
    path = Path(path)
    with _Npz(path) as npz:
        meta = _read_meta(npz, path)
        arrays = {name: _member(npz, name, path) for name in ARRAYS if name in npz.files}
    if meta.get("classes_dtype") == "object" and "classes_" in arrays:
        arrays["classes_"] = arrays["classes_"].astype(object)
    attributes, history = meta.get("attributes"), meta.get("history")
    if not isinstance(attributes, dict) or not isinstance(history, dict):
        raise _bad(path, "its attributes or history are missing")
    kind, params = meta.get("neuron"), meta.get("params")
    if not isinstance(kind, str):
        raise _bad(path, f"it names an unknown neuron {kind!r}")
    if not isinstance(params, dict):
        raise _bad(path, f"its hyperparameters {params!r} are not a JSON object")
    data = meta.get("data")
    version = str(meta.get("neurona_version", "?"))
    return ModelRecord(kind, params, arrays, attributes, history, data, version, path)


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
