"""Model files: one ``.npz`` holding JSON metadata and the fitted arrays; never pickle.

This module is the file format only: it writes and reads :class:`ModelRecord` objects and
knows nothing of the estimators. An estimator turns itself into a record
(``estimator.save(path)``) and back (:func:`neurona.load`), checking every value against
the others.

Format ``neurona-model``, version 2
-----------------------------------
A zip archive written by :func:`numpy.savez` (uncompressed, CRC-32 per member) with these
members, each a plain ``.npy`` array:

``__metadata__``
    ``uint8`` bytes of a UTF-8 JSON object: ``format`` (``"neurona-model"``),
    ``format_version`` (2), ``neurona_version``, ``neuron`` (the estimator's class name),
    ``params`` (``get_params()`` with ``callbacks`` stored as None; a ``random_state``
    that is not an integer or None is stored as None; NumPy scalars become the JSON value
    of the same value, everything else reads back with its type: int, float, bool, str,
    None), ``attributes`` (``n_features_in_``,
    ``n_iter_``, ``t_``, ``learning_rate_``; files of neurona 0.1.0 also hold ``_y_1d`` and
    ``_n_outputs``, which are now derived from the arrays and only checked against them),
    ``history`` (the per-epoch lists of ``history_``), ``classes_dtype`` (``"object"`` when
    the labels were Python strings; the dtype of datetime64 or timedelta64 labels, in
    NumPy's spelling with a unit, e.g. ``"datetime64[ns]"``; else null), ``classes``
    (those Python-string labels, as
    a JSON list; null otherwise), ``classes_numpy_str`` (null, or one true/false per label:
    which of them were ``numpy.str_`` scalars in an object array, restored as such) and
    ``data`` (what the caller adds; a JSON object or null). In ``data``, the command
    line's ``features`` (distinct column names, one per column of ``coef_``), ``target``
    (a name that is not a feature) and ``source`` are checked; other keys are free.
``coef_``, ``intercept_``
    The weights in their own dtype (float32 stays float32); a scalar ``intercept_`` is a
    0-d array.
``classes_``
    Classifiers whose labels are a NumPy array of ints, floats, bools or unicode strings;
    datetime64 and timedelta64 labels as their ``int64`` values (``classes_dtype`` names
    their dtype; NaT is never a label). Labels that are Python strings (an object array)
    are stored in the metadata instead: NumPy's unicode arrays drop trailing NUL
    characters, a JSON list keeps every string as it is.
``feature_names_in_``
    When the model was fitted on a data frame (unicode strings).
``standard_coef_``, ``standard_intercept_``
    When averaging (``average``) has begun, ``coef_`` and ``intercept_`` hold the
    averaged weights; these hold the plain weights, of their dtype and shape, from which
    ``partial_fit`` and ``warm_start`` go on (the averages go on from ``coef_``), so that
    a loaded averaged model continues exactly as the saved one would have.

Every string (labels, feature names, hyperparameters, the caller's notes) is Unicode
text: one holding a lone surrogate (U+D800 to U+DFFF), which no UTF-8 file can hold, is
refused by ``save``, naming it, and by ``load``.

Version 1 differs in one point only: Python-string labels were a unicode ``classes_``
member with ``classes_dtype`` ``"object"`` (time labels are version 2's). Version 1 files
are still read.

Reading never runs code and never trusts the file. The path must be a regular file
(after following links: a FIFO, a device or a directory is refused before it is opened).
The zip directory is checked before it is parsed (a few members, no ZIP64), every member
must be stored uncompressed and unencrypted, appear once and have a known name, and its
``.npy`` header is checked (dtype: no objects, so no pickle; at most 2 dimensions; shape ×
item size equal to the member's real size) before its data are read, so nothing larger
than the file is ever allocated. The metadata JSON is parsed with limits (nesting, digits,
no repeated keys). Then every field is checked against the others
(:func:`check_record`): finite float weights whose shapes fit, sorted distinct labels
that fit the outputs, every fitted attribute the estimators save (``_SCALARS``:
``n_features_in_``, ``n_iter_``, ``t_``, and ``learning_rate_`` whenever gradient steps
were taken) with counts that agree with each other and with the history
(:func:`_check_counts`), a history a fit could record (losses >= 0, finite but for a
closed-form solution's one entry; whole update counts; accuracies in [0, 1]),
hyperparameters of plain values, the command line's names in ``data``; then the
estimator checks its hyperparameters as ``fit`` would (:func:`neurona.load`). Any fault
raises :class:`~neurona.errors.ModelFileError`. A path the system refuses (missing, a
loop of symbolic links, not readable, too long) raises :class:`ModelPathError`: a
ModelFileError that says why and what to do, and also the :class:`OSError` it stands for
(:class:`FileNotFoundError`, :class:`PermissionError`, ...); a NUL character in a path or
a value that is not a path is a ModelFileError. Writing applies the same checks, the
estimator's included, and refuses
values JSON would give back changed (tuples, keys that are not strings, integers of more
than 100 digits), so what ``save`` writes ``load`` reads back identically, or ``save``
refuses it in words.

Continuing after loading
------------------------
``partial_fit`` and ``warm_start`` continue from the loaded weights, update count ``t_``
(so the learning-rate schedule continues) and ``learning_rate_``. The random generator
is not saved (its state is not portable data): it is rebuilt fresh from ``random_state``,
so row orders drawn after loading repeat those of a fresh fit with that seed, not those
the original object would have drawn next.

Preprocessing and pipelines
---------------------------
``data["preprocessing"]`` holds the command line's ``--scale``/``--missing``/``--one-hot``
steps as plain JSON (:class:`neurona.preprocessing.Preprocessor`), checked on load like the
rest; its output columns must be ``data["features"]``. A scikit-learn ``Pipeline`` ending
in a neurona estimator is another format: skops' (:func:`save_pipeline`,
:func:`load_pipeline`), chosen over extending this one because skops already serialises
every scikit-learn transformer's fitted state as JSON and ``.npy`` arrays and lists the
types a file names *before* building anything, so a file naming a type outside
scikit-learn's, NumPy's and neurona's estimators is refused without running code.

Writing is atomic (:mod:`neurona._atomic`): the archive goes to a temporary file in the
target's directory, is flushed to disk and renamed over the target, so a crash never
leaves a half-written model. A write the system refuses (a folder, a full disk) raises a
:class:`ModelPathError` naming the target, which is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import json
import math
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from ._atomic import atomic_write
from ._version import __version__
from .errors import ModelFileError

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ModelPathError",
    "ModelRecord",
    "check_record",
    "read_metadata",
    "read_model",
    "save",
    "write_model",
]

FORMAT = "neurona-model"
FORMAT_VERSION = 2

_META = "__metadata__"
#: the arrays a model file may hold
ARRAYS = ("coef_", "intercept_", "classes_", "feature_names_in_", *(
    "standard_coef_", "standard_intercept_"))  # fmt: skip
#: with averaging begun, coef_ and intercept_ hold the averages; these the plain weights
#: that partial_fit and warm_start continue from (an averaged model's whole state)
STANDARD = ("standard_coef_", "standard_intercept_")
#: the zip members a model file may hold
_MEMBERS = tuple(f"{name}.npy" for name in (_META, *ARRAYS))
#: the largest metadata we agree to parse (a model's history is far smaller)
_MAX_METADATA_BYTES = 64 << 20
#: the largest member we agree to unpack (weights of 2**27 float64 values)
_MAX_MEMBER_BYTES = 1 << 30
#: the most entries and bytes a zip directory may declare before it is parsed
_MAX_ENTRIES, _MAX_DIRECTORY_BYTES = 16, 1 << 16
#: the longest ``.npy`` header (NumPy's own limit)
_MAX_NPY_HEADER = 10_000
#: JSON limits: nesting depth, digits of an integer, characters of a float
_MAX_DEPTH, _MAX_INT_DIGITS, _MAX_FLOAT_CHARS = 64, 100, 64
#: the largest count an attribute may hold (a 64-bit signed integer)
_INT_MAX = 2**63 - 1
#: scalar attributes a file may hold; the first three are required
_COUNTS = ("n_features_in_", "n_iter_", "t_")
_ATTRIBUTES = (*_COUNTS, "learning_rate_", "_y_1d", "_n_outputs", "validation_scores_")
#: the per-epoch lists a history may hold; "loss" is required
_HISTORY = ("loss", "updates", "accuracy")
#: the types of string labels an object array may hold (numpy.str_ is kept as it is)
_STRINGS = (str, np.str_)
#: a class name, a hyperparameter name
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
#: zip flag bits we cannot read: encrypted (0), compressed patched data (5), strong
#: encryption (6), masked local headers (13)
_ZIP_UNREADABLE_FLAGS = 0x1 | 0x20 | 0x40 | 0x2000
#: what zipfile and the stream below raise on a damaged archive
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    ValueError,
    EOFError,
    OSError,
    struct.error,
    OverflowError,
    IndexError,
    KeyError,
    zlib.error,
)


class ModelPathError(OSError, ModelFileError):
    """A model path the system refuses to open or write: missing, a loop of symbolic
    links, not readable or writable by this user, too long, a disk that is full.

    A :class:`~neurona.errors.ModelFileError` (so ``except NeuronaError`` catches it, and
    the message says what was wrong and what to do) that is also the :class:`OSError` it
    stands for (:class:`FileNotFoundError`, :class:`PermissionError`, ...: the subclasses
    below), with its ``errno``, so code that catches those keeps working."""


class _ModelFileNotFound(FileNotFoundError, ModelPathError):
    pass


class _ModelPermissionError(PermissionError, ModelPathError):
    pass


class _ModelNotADirectory(NotADirectoryError, ModelPathError):
    pass


class _ModelIsADirectory(IsADirectoryError, ModelPathError):
    pass


#: the class of a path error, by errno (others: ModelPathError itself)
_PATH_ERRORS: dict[int, type[ModelPathError]] = {
    errno.ENOENT: _ModelFileNotFound,
    errno.EACCES: _ModelPermissionError,
    errno.EPERM: _ModelPermissionError,
    errno.ENOTDIR: _ModelNotADirectory,
    errno.EISDIR: _ModelIsADirectory,
}


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
        Members of :data:`ARRAYS` present in the file (``classes_`` may be an object array
        of Python strings, ``feature_names_in_`` too when writing; read back as a unicode
        array).
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
    #: how a fault is reported; None: "cannot load model <path>" (write_model sets its own)
    fault: Callable[[str], ModelFileError] | None = field(default=None, compare=False, repr=False)

    def bad(self, why: str) -> ModelFileError:
        """A :class:`ModelFileError` naming this record's file and saying ``why``."""
        if self.fault is not None:
            return self.fault(why)
        return _bad(self.path or Path("?"), why)


# --------------------------------------------------------------------------- saving


def save(estimator: Any, path: str | os.PathLike, *, data: dict | None = None) -> Path:
    """Write a fitted neurona estimator to ``path``: ``estimator.save(path, data=data)``."""
    if not callable(getattr(type(estimator), "_from_record", None)):  # neurona's own only
        raise ModelFileError(
            f"cannot save a {type(estimator).__name__}: only neurona's estimators can be saved"
        )
    return estimator.save(path, data=data)


def write_model(
    path: str | os.PathLike,
    record: ModelRecord,
    check: Callable[[ModelRecord], object] | None = None,
) -> Path:
    """Write ``record`` to ``path`` atomically (see the module docstring for the format).

    The record is checked as :func:`read_model` checks a file (:func:`check_record`), and
    then by ``check`` (the estimators' own checks of hyperparameters and labels, as
    :func:`neurona.load` makes them after :func:`read_model`; it raises ``record.bad``),
    so a file this writes reads back identically.

    Raises
    ------
    ModelFileError
        An array holds Python objects other than strings, labels or feature names that a
        file cannot hold (bytes, dates, a name ending in a NUL character), values that do
        not fit together, hyperparameters the estimator would refuse at load, text that
        is not Unicode (a lone surrogate), or metadata that is not plain JSON (or that
        JSON would give back changed: a tuple, a key that is not a string, an integer of
        more than 100 digits); a path that is not one or holds a NUL character.
    ModelPathError
        The system refuses the write (a folder, a link loop, a missing folder, a full
        disk): a ModelFileError that is also the OSError it stands for, naming the
        target, which is left as it was.
    """
    path = _as_path(path, "save")

    def fail(why: str) -> ModelFileError:
        return ModelFileError(f"cannot save model to {_shown(str(path))}: {_one_line(why)}")

    _check_json_values(record.params, "hyperparameter", fail)
    _check_json_values(record.data, "data", fail)
    _check_text(record, fail, saving=True)
    arrays, classes, numpy_str, time_dtype = _storable_arrays(record.arrays, fail)
    loaded = dict(arrays)  # the arrays as read_model will return them
    if classes is not None:
        loaded["classes_"] = _label_array(classes, numpy_str)
    elif time_dtype is not None:
        loaded["classes_"] = arrays["classes_"].view(time_dtype)

    def unfit(why: str) -> ModelFileError:
        if why.startswith("its data"):  # the caller's notes, not the fit
            return fail(f"{why}: pass data that fit the model")
        return fail(f"{why} (not what a fit leaves: fit the estimator again, then save)")

    check_record(replace(record, arrays=loaded), unfit)
    if check is not None:  # the estimator's own checks, as load makes them
        check(replace(record, arrays=loaded, fault=fail))
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "neurona_version": record.neurona_version,
        "neuron": record.kind,
        "params": record.params,
        "attributes": record.attributes,
        "history": record.history,
        "classes_dtype": "object" if classes is not None else time_dtype,
        "classes": classes,
        "classes_numpy_str": numpy_str,
        "data": record.data,
    }
    raw = _json_bytes(meta, fail)
    for name, values in arrays.items():
        if values.nbytes + _MAX_NPY_HEADER > _MAX_MEMBER_BYTES:
            raise fail(
                f"{name} takes {values.nbytes} bytes; a model file holds at most "
                f"{_MAX_MEMBER_BYTES} bytes per array"
            )
    arrays[_META] = np.frombuffer(raw, dtype=np.uint8)
    try:
        with atomic_write(path) as f:
            np.savez(f, allow_pickle=False, **arrays)
    except OSError as exc:  # the target is left as it was (see neurona._atomic)
        raise _saving_fault(path, exc) from exc
    return path


def _storable_arrays(
    arrays: dict[str, Any], fail: Callable[[str], ModelFileError]
) -> tuple[dict[str, np.ndarray], list[str] | None, list[bool] | None, str | None]:
    """The arrays ``np.save`` writes without pickle; string labels of an object array
    (stored in the metadata) or None; which of those are ``numpy.str_`` scalars rather
    than Python strings (None when none are); and the dtype of datetime64 or timedelta64
    labels (stored as their int64 values), or None."""
    out, classes, numpy_str, time_dtype = {}, None, None, None
    for name, values in arrays.items():
        if name not in ARRAYS:
            raise fail(f"{name!r} is not an array of a model file (only {', '.join(ARRAYS)})")
        values = np.asarray(values)
        kind = values.dtype.kind
        if kind == "O":
            items = values.tolist() if values.ndim == 1 else None
            if items is None or not all(type(v) in _STRINGS for v in items):
                kinds = sorted({type(v).__name__ for v in values.ravel().tolist()})
                raise fail(
                    f"{name} holds Python objects of type {', '.join(kinds)}, which cannot be "
                    "saved without pickle: use labels that are all strings or all numbers"
                )
            if name == "classes_":
                flags = [type(v) is np.str_ for v in items]
                classes = [str.__str__(v) for v in items]  # (str() drops a numpy.str_'s NULs)
                numpy_str = flags if any(flags) else None
                continue
            values = values.astype(str)
            lost = [a for a, b in zip(items, values.tolist(), strict=True) if str.__str__(a) != b]
            if lost:
                raise fail(
                    f"{name} holds {_short(lost[0])}, which ends in a NUL character that a "
                    "model file cannot keep: rename it (e.g. strip the trailing '\\x00')"
                )
        elif kind in "Mm" and name == "classes_":
            values = values.astype(values.dtype.newbyteorder("="))  # native bytes
            time_dtype = str(values.dtype)  # e.g. 'datetime64[ns]'
            if _time_dtype(time_dtype) is None:
                raise fail(
                    f"classes_ holds labels of dtype {time_dtype}, without a time unit: fit on "
                    "labels with one (e.g. y.astype('datetime64[s]'))"
                )
            values = values.view(np.int64)
        elif kind not in "biufU" or values.dtype.fields is not None:
            if name == "classes_":
                raise fail(
                    f"classes_ holds labels of dtype {values.dtype}, which a model file "
                    "cannot hold: fit on labels that are numbers or strings (e.g. "
                    "y.astype(str))"
                )
            raise fail(
                f"{name} holds values of dtype {values.dtype}, which a model file "
                "cannot hold: fit the model again"
            )
        out[name] = values
    return out, classes, numpy_str, time_dtype


#: the dtype of time labels, as ``str(dtype)`` writes it: a kind, a unit, a multiple
_TIME_DTYPE = re.compile(
    r"(datetime64|timedelta64)\[([1-9][0-9]{0,8})?(Y|M|W|D|h|m|s|ms|us|ns|ps|fs|as)\]"
)


def _time_dtype(text: Any) -> np.dtype | None:
    """The datetime64 or timedelta64 dtype ``text`` names in NumPy's own spelling (e.g.
    ``'datetime64[ns]'``, ``'timedelta64[10s]'``); None for anything else."""
    if not isinstance(text, str) or not _TIME_DTYPE.fullmatch(text):
        return None
    try:
        dtype = np.dtype(text)
    except (TypeError, ValueError):
        return None
    return dtype if str(dtype) == text else None


def _object_array(items: list) -> np.ndarray:
    values = np.empty(len(items), dtype=object)
    values[:] = items
    return values


def _label_array(labels: list[str], numpy_str: list[bool] | None) -> np.ndarray:
    """String labels as fit left them: an object array of Python strings, or of
    ``numpy.str_`` scalars where ``numpy_str`` says so (``np.str_`` keeps NUL characters;
    only NumPy's unicode arrays drop them)."""
    if numpy_str is None:
        return _object_array(labels)
    return _object_array([np.str_(v) if f else v for v, f in zip(labels, numpy_str, strict=True)])


def _field_name(where: str, at: tuple) -> str:
    """``hyperparameter random_state``, ``data['features'][2]``."""
    if where == "hyperparameter" and at:
        return f"hyperparameter {at[0]}" + "".join(f"[{k!r}]" for k in at[1:])
    return where + "".join(f"[{k!r}]" for k in at)


def _check_json_values(value: Any, where: str, fail: Callable[[str], ModelFileError]) -> None:
    """Refuse, naming the field, what JSON would not give back as it is: a tuple (read
    back as a list), a key that is not a string, a number or object of another type, an
    integer of more than 100 digits (which load refuses, and which Python cannot write
    beyond 4300 digits), nesting deeper than load reads."""
    stack: list[tuple[Any, tuple, int]] = [(value, (), 0)]
    while stack:
        item, at, depth = stack.pop()
        if item is None or isinstance(item, bool | float | str):
            continue
        field_name = _field_name(where, at)
        if isinstance(item, int):
            if abs(item) >= 10**_MAX_INT_DIGITS:
                raise fail(
                    f"{field_name} is an integer of {_digits(item)} digits; a model file holds "
                    f"integers of at most {_MAX_INT_DIGITS} digits: use a smaller value"
                    + (" (a seed such as random_state=42)" if "random_state" in at else "")
                )
            continue
        if depth >= _MAX_DEPTH - 2:
            raise fail(f"{field_name} is nested more than {_MAX_DEPTH - 2} levels deep")
        if isinstance(item, list):
            stack.extend((v, (*at, i), depth + 1) for i, v in enumerate(item))
        elif isinstance(item, dict):
            for key, v in item.items():
                if not isinstance(key, str):
                    raise fail(
                        f"{field_name} has the key {_short(key)}, which JSON would read back as "
                        "the string " + _short(str(key)) + ": use string keys"
                    )
                stack.append((v, (*at, key), depth + 1))
        else:
            hint = "a list" if isinstance(item, tuple) else "plain numbers and strings"
            raise fail(
                f"{field_name} is of type {type(item).__name__}, which a model file cannot give "
                f"back as it is: use {hint}"
            )


def _json_bytes(meta: dict[str, Any], fail: Callable[[str], ModelFileError]) -> bytes:
    try:
        raw = json.dumps(meta).encode("utf-8")
    except (TypeError, ValueError, RecursionError) as exc:
        raise fail(
            f"the model's metadata cannot be written as JSON ({_short(exc)}): pass plain "
            "numbers, strings and lists in `data`"
        ) from exc
    if len(raw) > _MAX_METADATA_BYTES:
        raise fail(f"its metadata takes {len(raw)} bytes (at most {_MAX_METADATA_BYTES})")
    try:
        _parse_json(raw)  # what load will parse
    except _Refused as exc:
        raise fail(f"its metadata {exc}: pass plain, shallow values in `data`") from None
    return raw


# --------------------------------------------------------------------------- loading


def read_metadata(path: str | os.PathLike) -> dict[str, Any]:
    """The JSON metadata of a model file, checked for format and version.

    Raises
    ------
    ModelFileError
        Not a neurona model file, not a regular file, truncated, corrupted, or from a
        newer format version; not a path, or a path holding a NUL character.
    ModelPathError
        The system cannot open the path (missing, a link loop, no permission, too long):
        a ModelFileError that is also the OSError it stands for.
    """
    path = _as_path(path, "load")
    with _Archive(path) as archive:
        return archive.metadata()


def read_model(path: str | os.PathLike) -> ModelRecord:
    """The record in a model file, every field checked (see the module docstring); runs
    no code.

    Raises
    ------
    ModelFileError
        The file is not a neurona model, not a regular file, is truncated or corrupted,
        comes from a newer format version, holds a pickle, holds values that do not
        fit together or text that is not Unicode.
    ModelPathError
        The system cannot open the path (missing, a link loop, no permission, too long):
        a ModelFileError that is also the OSError it stands for.
    """
    path = _as_path(path, "load")
    with _Archive(path) as archive:
        meta = archive.metadata()
        arrays = {name: archive.array(name) for name in ARRAYS if archive.has(name)}
    record = _record(meta, arrays, path)
    refit = "fit the model again on labels and names that are Unicode text, and save it"
    _check_text(record, lambda why: _bad(path, why, fix=refit), saving=False)
    check_record(record, lambda why: _bad(path, why))
    history = {  # a fit records losses and accuracies as floats (JSON may say 1 for 1.0)
        k: v if k == "updates" else [float(x) for x in v] for k, v in record.history.items()
    }
    attributes = dict(record.attributes)
    if "learning_rate_" in attributes:  # a step is a float (JSON may say 1 for 1.0)
        attributes["learning_rate_"] = float(attributes["learning_rate_"])
    return replace(record, history=history, attributes=attributes)


def _record(meta: dict[str, Any], arrays: dict[str, np.ndarray], path: Path) -> ModelRecord:
    version, flag, listed = meta["format_version"], meta.get("classes_dtype"), None
    time_dtype = _time_dtype(flag) if version >= 2 else None
    if flag not in (None, "object") and time_dtype is None:
        raise _bad(
            path,
            f"its classes_dtype {_short(flag)} is neither null, 'object' nor a datetime64 or "
            "timedelta64 dtype with a unit (e.g. 'datetime64[ns]')",
        )
    if time_dtype is not None:  # time labels: their int64 values in classes_
        labels = arrays.get("classes_")
        if labels is None or labels.dtype != np.int64 or labels.ndim != 1:
            why = f"its classes_dtype says {flag} labels, but classes_ is not their int64 values"
            raise _bad(path, why)
        arrays["classes_"] = labels.view(time_dtype)
    if version >= 2:
        listed = meta.get("classes")
        if (flag == "object") != (listed is not None):
            raise _bad(path, "its classes_dtype and its classes list disagree")
    if listed is None and meta.get("classes_numpy_str") is not None:
        raise _bad(path, "it flags numpy.str_ labels but holds no classes list")
    if flag == "object":
        if listed is not None:
            if "classes_" in arrays:
                raise _bad(path, "it holds labels both as classes_ and in its metadata")
            if not isinstance(listed, list) or not all(type(v) is str for v in listed):
                raise _bad(path, "its classes are not a list of strings")
            numpy_str = meta.get("classes_numpy_str")
            if numpy_str is not None and (
                not isinstance(numpy_str, list)
                or len(numpy_str) != len(listed)
                or not all(isinstance(v, bool) for v in numpy_str)
                or not any(numpy_str)
            ):
                why = f"its classes_numpy_str {_short(numpy_str)} is not one flag per label"
                raise _bad(path, why + " (null, or a list of true/false holding a true)")
            arrays["classes_"] = _label_array(listed, numpy_str)
        else:  # format version 1: a unicode member
            labels = arrays.get("classes_")
            if labels is None or labels.dtype.kind != "U" or labels.ndim != 1:
                raise _bad(path, "its classes_dtype says string labels, but classes_ is not")
            arrays["classes_"] = labels.astype(object)
    kind, params = meta.get("neuron"), meta.get("params")
    attributes, history = meta.get("attributes"), meta.get("history")
    version_text = meta.get("neurona_version", "?")
    if not isinstance(version_text, str) or len(version_text) > 100 or not version_text.strip():
        raise _bad(path, f"its neurona_version {_short(version_text)} is not a version")
    # the types of these fields are checked by check_record
    return ModelRecord(
        kind, params, arrays, attributes, history, meta.get("data"), version_text, path
    )


def _check_text(
    record: ModelRecord, fail: Callable[[str], ModelFileError], *, saving: bool
) -> None:
    """Refuse, naming it, a string that is not Unicode text: one holding a lone surrogate
    (U+D800 to U+DFFF, which Python strings may hold but no UTF-8 text can: a prediction
    written to a CSV file, a JSON report or a terminal would fail). Labels, feature names,
    hyperparameters, the caller's notes (keys too) and the version are checked."""
    fields: list[tuple[str, str, Any]] = []  # (what it is, where it is, value)
    arrays = record.arrays if isinstance(record.arrays, dict) else {}
    for name, what in (("classes_", "the label"), ("feature_names_in_", "the feature name")):
        values = arrays.get(name)
        if isinstance(values, np.ndarray) and values.dtype.kind in "OU" and values.ndim == 1:
            fields.extend((what, f" ({name}[{i}])", v) for i, v in enumerate(values.tolist()))
    fields.append(("the hyperparameter text", "", record.params))
    fields.append(("the text", " in its data", record.data))
    fields.append(("the neurona_version", "", record.neurona_version))
    for what, where, value in fields:
        bad = _not_text(value)
        if bad is None:
            continue
        text, char = bad
        why = (
            f"{what} {_short(text, 60)}{where} holds the lone surrogate U+{ord(char):04X}, "
            "which is not Unicode text (no UTF-8 file can hold it)"
        )
        if saving:
            why += ": replace it (e.g. text.encode('utf-8', 'replace').decode()) and fit again"
        raise fail(why)


#: a lone surrogate: a code point that UTF-8 cannot encode
_SURROGATE = re.compile("[\ud800-\udfff]")


def _not_text(value: Any) -> tuple[str, str] | None:
    """A string in ``value`` (a string, or lists and dicts of them, keys too) that holds a
    lone surrogate, with that character; None when there is none."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = None if item.isascii() else _SURROGATE.search(item)
            if found is not None:
                return str.__str__(item), found.group()
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return None


def check_record(record: ModelRecord, fail: Callable[[str], ModelFileError]) -> None:
    """Raise ``fail(why)`` unless ``record`` is what a completed fit leaves, whatever the
    estimator: a class name; hyperparameters of plain values; finite float weights whose
    shapes fit; labels (when present) 1-D, sorted, distinct, at least two, fitting the
    outputs; feature names fitting the features; the counts and step of a fit; a history
    of per-epoch lists of one length (losses >= 0, update counts, accuracies in [0, 1]),
    with accuracies exactly when there are labels; the caller's notes a JSON object or
    null, whose ``features``, ``target`` and ``source`` (the command line's) are names
    that fit the model.

    :func:`read_model` calls it on what a file holds, :func:`write_model` on what it is
    about to write. The estimator checks what only it knows (its hyperparameters' names,
    whether it needs labels).
    """
    kind = record.kind
    if not isinstance(kind, str) or not _NAME.fullmatch(kind):
        raise fail(f"it names an unknown neuron {_short(kind)}")
    _check_params(record.params, fail)
    arrays = record.arrays
    coef, intercept = _check_weights(arrays, fail)
    n_out, n_features = intercept.size, coef.shape[-1]
    classes = arrays.get("classes_")
    if classes is not None:
        _check_classes(classes, coef, n_out, fail)
    names = arrays.get("feature_names_in_")
    if names is not None:
        if not isinstance(names, np.ndarray) or names.ndim != 1 or names.dtype.kind != "U":
            raise fail("feature_names_in_ is not a 1-D array of strings")
        if names.size != n_features:
            raise fail(f"feature_names_in_ names {names.size} features but coef_ has {n_features}")
        seen: set[str] = set()
        twice = next((n for n in names.tolist() if n in seen or seen.add(n)), None)
        if twice is not None:  # a fit never leaves it: a table's column names are distinct
            raise fail(f"feature_names_in_ names the feature {_short(twice)} twice")
    _check_attributes(record.attributes, coef, n_out, fail)
    tracked = bool(record.params.get("track_accuracy", True))  # as fit reads it; older files: on
    _check_history(record.history, classes is not None, tracked, fail)
    _check_counts(record.attributes, len(record.history["loss"]), fail)
    _check_data(record.data, names, n_features, fail)


def _check_data(
    data: Any, names: np.ndarray | None, n_features: int, fail: Callable[[str], ModelFileError]
) -> None:
    """The caller's notes: a JSON object or null. Its ``features`` (the columns the model
    reads, in order), ``target`` and ``source``, which the command line writes and reads
    back, are each null or: distinct strings, one per column of coef_ (and those of
    feature_names_in_ when both are present); a string that is not one of the features;
    a string. Other keys are the caller's own."""
    if data is None:
        return
    if not isinstance(data, dict):
        raise fail(f"its data {_short(data)} is not a JSON object")
    features = data.get("features")
    if features is not None:
        if not isinstance(features, list):
            raise fail(f"its data field 'features' {_short(features)} is not a list of names")
        odd = [f for f in features if not isinstance(f, str)]
        if odd:
            raise fail(
                f"its data field 'features' holds {_short(odd[0])}, which is not a column "
                "name (a string)"
            )
        if len(features) != n_features:
            raise fail(
                f"its data field 'features' names {len(features)} columns but coef_ has "
                f"{n_features}"
            )
        blank = next((f for f in features if not f.strip()), None)
        if blank is not None:  # the command line names an unnamed column "(unnamed 3)"
            raise fail(
                f"its data field 'features' holds the empty name {_short(blank)}: a column "
                "name is never empty"
            )
        seen: set[str] = set()
        twice = next((f for f in features if f in seen or seen.add(f)), None)
        if twice is not None:
            raise fail(f"its data field 'features' names the column {_short(twice)} twice")
        if names is not None and names.tolist() != [str.__str__(f) for f in features]:
            raise fail("its data field 'features' and its feature_names_in_ disagree")
    for key in ("target", "source"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise fail(f"its data field {key!r} = {_short(value)} is not a string (or null)")
        if value is not None and not value.strip():  # predict and evaluate would look it up
            raise fail(
                f"its data field {key!r} = {_short(value)} is empty: it names a column or a "
                "file (or is null)"
            )
    target = data.get("target")
    if target is not None and features is not None and target in features:
        raise fail(f"its data field 'target' {_short(target)} is also one of its 'features'")
    _check_preprocessing(data.get("preprocessing"), features, fail)


def _check_preprocessing(
    spec: Any, features: list | None, fail: Callable[[str], ModelFileError]
) -> None:
    """``data["preprocessing"]`` (the command line's ``--scale``, ``--missing`` and
    one-hot columns; :class:`neurona.preprocessing.Preprocessor`): null, or a spec whose
    every field checks and whose output columns are the data's ``features``."""
    if spec is None:
        return
    from .preprocessing import Preprocessor

    try:
        steps = Preprocessor.from_dict(spec)
    except ValueError as exc:
        raise fail(f"its data field 'preprocessing' is not valid: {exc}") from None
    if features is None or steps.feature_names_out_ != list(features):
        raise fail(
            "its data field 'preprocessing' makes columns that are not its 'features' "
            f"({_short(steps.feature_names_out_)})"
        )


def _check_params(params: Any, fail: Callable[[str], ModelFileError]) -> None:
    if not isinstance(params, dict):
        raise fail(f"its hyperparameters {_short(params)} are not a JSON object")
    if len(params) > 100:
        raise fail(f"it holds {len(params)} hyperparameters; an estimator has a few dozen")
    for name in params:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise fail(f"its hyperparameter name {_short(name)} is not a name")
    bad = sorted(name for name, value in params.items() if not _plain(value))
    if bad:
        raise fail(f"hyperparameters {_short(bad)} are not plain values")


def _plain(value: Any) -> bool:
    """A plain JSON scalar: null, a bool, an int, a finite float, a short string."""
    if value is None or isinstance(value, bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str) and len(value) <= 1000


def _check_weights(
    arrays: Any, fail: Callable[[str], ModelFileError]
) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(arrays, dict):
        raise fail("its arrays are not a mapping")
    unknown = sorted(set(arrays) - set(ARRAYS))
    if unknown:
        raise fail(f"it holds arrays {_short(unknown)} that are not those of a model")
    for name in ("coef_", "intercept_"):
        value = arrays.get(name)
        if not isinstance(value, np.ndarray):
            raise fail(f"{name} is missing")
        if value.dtype not in (np.float32, np.float64):
            raise fail(f"{name} is not an array of floats (float32 or float64) but {value.dtype}")
    coef, intercept = arrays["coef_"], arrays["intercept_"]
    if intercept.dtype != coef.dtype:
        raise fail(f"intercept_ is {intercept.dtype} but coef_ is {coef.dtype}")
    if (
        coef.ndim not in (1, 2)
        or coef.shape[:-1] != intercept.shape
        or coef.size == 0
        or intercept.size == 0
    ):
        raise fail(f"coef_ {coef.shape} and intercept_ {intercept.shape} do not fit together")
    for name, value in (("coef_", coef), ("intercept_", intercept)):
        if not np.isfinite(value).all():
            raise fail(f"{name} holds NaN or infinity")
    held = [name for name in STANDARD if name in arrays]
    if held and len(held) != len(STANDARD):
        raise fail(f"it holds {held[0]} without {(set(STANDARD) - set(held)).pop()}")
    for name, like in zip(STANDARD, (coef, intercept), strict=True):
        value = arrays.get(name, like)  # absent (no averaging begun): nothing to check
        if not isinstance(value, np.ndarray) or value.dtype != like.dtype or (
                value.shape != like.shape):  # fmt: skip
            raise fail(f"{name} is not an array of the dtype and shape of {name[9:]}")
        if not np.isfinite(value).all():
            raise fail(f"{name} holds NaN or infinity")
    return coef, intercept


def _check_classes(
    classes: Any, coef: np.ndarray, n_out: int, fail: Callable[[str], ModelFileError]
) -> None:
    if not isinstance(classes, np.ndarray) or classes.ndim != 1:
        raise fail(f"classes_ is not a 1-D array of labels (shape {np.shape(classes)})")
    kind = classes.dtype.kind
    if kind == "O":
        items = list(classes)  # (tolist would make numpy.str_ scalars Python strings)
        if not all(type(v) in _STRINGS for v in items):
            raise fail("classes_ holds Python objects that are not strings")
        text = [str.__str__(v) for v in items]  # Python's order (numpy.str_ pads with NULs)
        ordered = all(a < b for a, b in itertools.pairwise(text))
    elif kind in "biufUMm" and classes.dtype.fields is None:
        if kind == "f" and not np.isfinite(classes).all():
            raise fail("classes_ holds NaN or infinity")
        if kind in "Mm" and (_time_dtype(str(classes.dtype)) is None or np.isnat(classes).any()):
            raise fail(
                f"classes_ holds {classes.dtype} labels that are NaT (not a time) or have no "
                "unit, which a fit never leaves"
            )
        ordered = bool(np.all(classes[1:] > classes[:-1]))
    else:
        raise fail(f"classes_ holds labels of dtype {classes.dtype}, not numbers or strings")
    if classes.size < 2:
        raise fail(f"classes_ has {classes.size} label(s); a classifier has at least two")
    if not ordered:
        raise fail("classes_ is not sorted without repeats (labels are sorted and distinct)")
    expected = 1 if classes.size == 2 else classes.size
    if coef.ndim != 2 or n_out != expected:
        raise fail(f"coef_ {coef.shape} and the {classes.size} classes_ do not fit together")


def _check_attributes(
    attributes: Any, coef: np.ndarray, n_out: int, fail: Callable[[str], ModelFileError]
) -> None:
    if not isinstance(attributes, dict):
        raise fail("its attributes are missing (not a JSON object)")
    unknown = sorted(str(name) for name in attributes if name not in _ATTRIBUTES)
    if unknown:
        raise fail(f"it holds attributes {_short(unknown)} that are not those of a model")
    for name in _COUNTS:
        if name not in attributes:
            raise fail(f"attribute {name} is missing (every fitted model has it)")
    for name, value in attributes.items():
        if name == "_y_1d":
            if not isinstance(value, bool):
                raise fail(f"attribute {name} = {_short(value)} is not true or false")
            continue
        if name == "validation_scores_":  # early stopping's score of each epoch
            if not (
                isinstance(value, list)
                and value
                and all(
                    isinstance(v, float | int) and not isinstance(v, bool) and math.isfinite(v)
                    for v in value
                )
            ):
                raise fail(f"attribute {name} = {_short(value)} is not a list of finite scores")
            continue
        rate = name == "learning_rate_"
        if not isinstance(value, float | int if rate else int) or isinstance(value, bool):
            raise fail(
                f"attribute {name} = {_short(value)} is "
                + ("not a number" if rate else "not a whole number")
            )
        if not (0 < value < math.inf if rate else 0 <= value <= _INT_MAX):
            raise fail(
                f"attribute {name} = {_short(value)} is out of range "
                f"({'a finite step > 0' if rate else 'a count >= 0'})"
            )
    n_features = coef.shape[-1]
    if attributes["n_features_in_"] != n_features:
        raise fail(
            f"attribute n_features_in_ = {attributes['n_features_in_']} does not match coef_ "
            f"({n_features} columns)"
        )
    if "_y_1d" in attributes and attributes["_y_1d"] != (coef.ndim == 1):
        raise fail(f"attribute _y_1d = {attributes['_y_1d']} does not match coef_ {coef.shape}")
    if "_n_outputs" in attributes and attributes["_n_outputs"] != n_out:
        raise fail(
            f"attribute _n_outputs = {attributes['_n_outputs']} does not match intercept_ "
            f"({n_out} outputs)"
        )


def _check_counts(attributes: dict, epochs: int, fail: Callable[[str], ModelFileError]) -> None:
    """The counts against each other and the history's ``epochs`` entries, as every way of
    fitting leaves them (fit, partial_fit, warm_start, fit_chunks, a Dask cluster):

    - ``t_`` > 0 (gradient steps were taken): a ``learning_rate_`` (the step they took),
      at least one history entry, and ``n_iter_`` at most one more than the entries
      (``n_iter_`` counts this fit's epochs or passes, each recorded in the history: one
      more where gradient steps continued a closed-form solution streamed without one),
      and at most ``t_ + 1`` (each of those epochs took a step);
    - ``t_`` = 0 (a closed-form solution, no gradient steps): ``n_iter_`` = 1 and at most
      one history entry (none when it was solved from streamed data).

    ``n_iter_`` is at least 1 either way: every fit runs an epoch or solves once."""
    n_iter, steps = attributes["n_iter_"], attributes["t_"]
    if n_iter < 1:
        raise fail(f"attribute n_iter_ = {n_iter} is not a count of epochs a fit ran (>= 1)")
    if steps == 0:
        if n_iter != 1 or epochs > 1:
            raise fail(
                f"attribute t_ = 0 says no gradient step was taken (a closed-form solution), "
                f"but n_iter_ = {n_iter} and its history records {epochs} epochs (a "
                "closed-form solution has n_iter_ = 1 and at most one)"
            )
        return
    if "learning_rate_" not in attributes:
        raise fail(
            f"attribute learning_rate_ is missing, but t_ = {steps} gradient steps were "
            "taken (a model trained by gradient steps has the step they took)"
        )
    if epochs == 0 or n_iter > epochs + 1:
        raise fail(
            f"attribute n_iter_ = {_short(n_iter)} does not fit its history of {epochs} "
            "epochs (a fit records each epoch it runs)"
        )
    if n_iter > steps + 1:
        raise fail(
            f"attribute n_iter_ = {_short(n_iter)} counts more epochs than its t_ = "
            f"{_short(steps)} gradient steps (each epoch takes at least one)"
        )


def _check_history(
    history: Any, classifier: bool, tracked: bool, fail: Callable[[str], ModelFileError]
) -> None:
    """Per-epoch lists of numbers of one length, each what a fit records: ``loss`` >= 0
    and finite (a gradient step that makes it non-finite stops the fit; only the one
    entry of a closed-form solution, the first, may have overflowed to infinity or NaN),
    ``updates`` whole counts >= 0, ``accuracy`` shares in [0, 1]."""
    if not isinstance(history, dict):
        raise fail("its history is not a dict of lists")
    unknown = sorted(str(k) for k in history if k not in _HISTORY)
    if unknown:
        raise fail(f"its history holds {_short(unknown)}, not per-epoch figures")
    if "loss" not in history:
        raise fail("its history has no loss")
    for name, values in history.items():
        if not isinstance(values, list) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in values
        ):
            raise fail(f"its history of {name} is not a list of numbers")
    if len({len(v) for v in history.values()}) > 1:
        lengths = {k: len(v) for k, v in history.items()}
        raise fail(f"its history lists have different lengths {lengths}")
    for name, values in history.items():
        for epoch, value in enumerate(values, 1):
            if name == "loss":
                ok = 0 <= value < math.inf or (epoch == 1 and not value < 0)
                what = "a loss >= 0, finite after the first entry"
            elif name == "updates":
                ok = isinstance(value, int) and 0 <= value <= _INT_MAX
                what = "a whole count >= 0"
            else:
                ok = 0 <= value <= 1
                what = "a share in [0, 1]"
            if not ok:
                raise fail(
                    f"its history of {name} holds {_short(value)} at epoch {epoch}, which a "
                    f"fit never records ({what})"
                )
    if ("accuracy" in history) != (classifier and tracked):
        if not classifier:
            raise fail("its history has accuracy (a classifier's) but the file holds no classes_")
        raise fail(
            "it holds classes_ but its history has no accuracy"
            if tracked
            else "its history has accuracy but its track_accuracy is False"
        )


# ------------------------------------------------------------------------ the archive


class _Archive:
    """A model file opened for reading: a regular file whose zip directory and members
    are checked before anything is read from them; damage becomes ModelFileError."""

    def __init__(self, path: Path):
        self.path = path
        self.file: BinaryIO | None = None
        self.zip: zipfile.ZipFile | None = None
        self.members: dict[str, zipfile.ZipInfo] = {}

    def __enter__(self) -> _Archive:
        self.file, size = _open_regular(self.path)
        try:
            _check_directory(self.file, size, self.path)
            self.zip = zipfile.ZipFile(self.file)
            self.members = _check_members(self.zip.infolist(), size, self.path)
        except ModelFileError:
            self.__exit__()
            raise
        except _ZIP_ERRORS as exc:
            self.__exit__()
            raise _bad(self.path, f"it is corrupted or truncated ({_short(exc)})") from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        for thing in (self.zip, self.file):
            if thing is not None:
                thing.close()
        self.zip = self.file = None

    def has(self, name: str) -> bool:
        return f"{name}.npy" in self.members

    def metadata(self) -> dict[str, Any]:
        raw = self.array(_META)
        if raw.dtype != np.uint8 or raw.ndim != 1:
            raise _bad(self.path, "its metadata is not a JSON byte string")
        try:
            meta = _parse_json(raw.tobytes())
        except _Refused as exc:
            raise _bad(self.path, f"its metadata {exc}") from None
        return _check_meta(meta, self.path)

    def array(self, name: str) -> np.ndarray:
        info = self.members[f"{name}.npy"]
        limit = _MAX_METADATA_BYTES if name == _META else _MAX_MEMBER_BYTES
        try:
            if self.zip is None or self.file is None:
                raise ValueError("the archive is closed")
            self.file.seek(info.header_offset)  # the local header must agree
            local = self.file.read(30)
            flags, method = struct.unpack("<6xHH20x", local) if len(local) == 30 else (0, 0)
            if flags & _ZIP_UNREADABLE_FLAGS or method != zipfile.ZIP_STORED:
                why = f"member {name!r} is encrypted or compressed in its local header"
                raise _bad(self.path, why + "; a model file stores its arrays as they are")
            with self.zip.open(info) as stream:
                return _read_npy(stream, info.file_size, name, limit, self.path)
        except ModelFileError:
            raise
        except _ZIP_ERRORS as exc:
            why = f"member {name!r} is corrupted or truncated ({_short(exc)})"
            raise _bad(self.path, why) from None


def _open_regular(path: Path) -> tuple[BinaryIO, int]:
    """``path`` opened for reading, and its size; anything but a regular file (after
    following links) is refused before it is opened, so a FIFO never blocks and a device
    is never read. A path the system refuses (missing, a link loop, no permission, too
    long) raises a :class:`ModelPathError` that says why and what to do."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _os_fault(path, exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(path, info.st_mode)
    flags = os.O_RDONLY
    for extra in ("O_NONBLOCK", "O_NOCTTY", "O_BINARY", "O_CLOEXEC"):
        flags |= getattr(os, extra, 0)
    try:  # O_NONBLOCK: should a FIFO replace it meanwhile, no block
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_fault(path, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb"), info.st_size


def _as_path(path: Any, verb: str) -> Path:
    """``path`` (a str, bytes or os.PathLike) as a Path; refused in words when it is not
    a path or holds a NUL character (which no file name can hold)."""
    try:
        text = os.fspath(path)
    except TypeError:
        raise ModelFileError(
            f"cannot {verb} model: {_short(path)} (of type {type(path).__name__}) is not a "
            "path: pass a str or a pathlib.Path"
        ) from None
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if "\0" in text:
        where = "load model" if verb == "load" else "save model to"
        raise ModelFileError(
            f"cannot {where} {_shown(text)}: the path holds a NUL character ('\\x00'), "
            "which no file name can hold: pass the path without it"
        )
    return Path(text)


def _os_fault(path: Path, exc: OSError) -> ModelPathError:
    """What the system's refusal to open ``path`` for reading means, and what to do."""
    code = exc.errno
    detail = exc.strerror or _short(exc)
    look = (
        "check the path: a model file is written by estimator.save(path) or "
        "`neurona train ... --out`"
    )
    if code == errno.ELOOP:
        why = "its path runs through a loop of symbolic links"
        fix = "point the link at a model file, or pass the model file's own path"
    elif code == errno.ENOENT:
        target = None
        with contextlib.suppress(OSError, ValueError):
            target = os.readlink(path) if os.path.islink(path) else None
        if target is not None:
            why = f"it is a symbolic link to {_shown(target)}, which does not exist"
            fix = "point the link at a model file, or pass the model file's own path"
        elif path.parent != path and not os.path.isdir(path.parent):
            why, fix = f"its folder {_shown(str(path.parent))} does not exist", look
        else:
            why, fix = "it does not exist", look
    elif code == errno.ENOTDIR:
        why, fix = "a part of its path is a file, not a folder", look
    elif code in (errno.EACCES, errno.EPERM):
        why = "this user may not read it (or a folder on its path)"
        fix = "make it readable (e.g. chmod u+r on the file, u+x on its folders) or copy it"
    elif code == errno.ENAMETOOLONG:
        why = f"its path ({len(str(path))} characters) or a name in it is too long for this system"
        fix = "move or rename the file to a shorter path"
    else:
        why, fix = "the system cannot open it", "check the path and the disk"
    message = f"cannot load model {_shown(str(path))}: {_one_line(f'{why} ({detail})')}; {fix}"
    error = _PATH_ERRORS.get(code, ModelPathError)(message)
    error.errno = code
    return error


def _saving_fault(path: Path, exc: OSError) -> ModelPathError:
    """``exc``, raised while writing ``path``, as a ModelPathError of the same errno and
    file name whose reason says what to do (an OutputPathError's already does)."""
    if isinstance(exc, ModelPathError):
        return exc
    code, reason = exc.errno, exc.strerror or _short(exc)
    hints = {
        errno.ENAMETOOLONG: "use a shorter path",
        errno.EACCES: "this user may not write there: choose a folder you can write to",
        errno.EPERM: "this user may not write there: choose a folder you can write to",
        errno.ENOSPC: "free some space, or save elsewhere",
        errno.EDQUOT: "free some space, or save elsewhere",
        errno.EROFS: "save to a writable folder",
        errno.ENOENT: "check that its folder exists and can hold files",
    }
    if code in hints and ":" not in reason:
        reason = f"{reason}: {hints[code]}"
    filename = exc.filename if exc.filename is not None else str(path)
    if code is None:
        return ModelPathError(f"cannot save model to {_shown(str(filename))}: {_one_line(reason)}")
    return _PATH_ERRORS.get(code, ModelPathError)(code, _one_line(reason), filename)


def _not_regular(path: Path, mode: int) -> ModelFileError:
    kinds = [
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    what = next((text for test, text in kinds if test(mode)), "not a regular file")
    return _bad(
        path,
        f"it is {what}, not a model file",
        fix="pass the path of a file written by estimator.save(path) or `neurona train ... --out`",
    )


def _check_directory(file: BinaryIO, size: int, path: Path) -> None:
    """Find the zip's end record as :mod:`zipfile` does and refuse a directory that would
    cost more to parse than a model's few members need (entries, bytes, ZIP64)."""
    end = 22  # the end-of-central-directory record, without its comment
    if size < end:
        raise _bad(path, "it is not a neurona model file (not a zip archive)")
    file.seek(size - end)
    tail = file.read(end)
    at = 0 if tail[:4] == b"PK\x05\x06" and tail[-2:] == b"\0\0" else -1
    if at < 0:
        start = max(size - (1 << 16) - end, 0)
        file.seek(start)
        tail = file.read(size - start)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < end:
            raise _bad(path, "it is not a neurona model file (not a zip archive)")
    position = size - len(tail) + at
    if position >= 20:
        file.seek(position - 20)
        if file.read(4) == b"PK\x06\x07":
            raise _bad(path, "its zip directory is a ZIP64 one, which a model file never needs")
    file.seek(size - len(tail) + at)
    entries, directory_bytes = struct.unpack("<10xHI6x", file.read(end))
    if entries > _MAX_ENTRIES or directory_bytes > _MAX_DIRECTORY_BYTES:
        raise _bad(
            path,
            f"its zip directory lists {entries} members in {directory_bytes} bytes; a model "
            f"has at most {len(_MEMBERS)}",
        )


def _check_members(infos: list[zipfile.ZipInfo], size: int, path: Path) -> dict:
    """The members by name, each checked: no repeats, known names, stored, unencrypted,
    within the file."""
    names = [info.filename for info in infos]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise _bad(path, f"its members {_short(repeated)} appear more than once")
    if f"{_META}.npy" not in names:
        raise _bad(path, "it has no neurona metadata (a foreign .npz archive?)")
    unknown = sorted(set(names) - set(_MEMBERS))
    if unknown:
        raise _bad(path, f"its members {_short(unknown)} are not those of a model file")
    total = 0
    for info in infos:
        name = repr(info.filename)
        if info.file_size > _MAX_MEMBER_BYTES:
            raise _bad(path, f"member {name} is implausibly large ({info.file_size} bytes)")
        if info.flag_bits & _ZIP_UNREADABLE_FLAGS:
            why = f"member {name} is encrypted or uses zip features a model file never uses"
            raise _bad(path, why)
        if info.compress_type != zipfile.ZIP_STORED:
            why = f"member {name} is compressed (zip method {info.compress_type})"
            raise _bad(path, why + "; a model file stores its arrays uncompressed")
        if info.compress_size != info.file_size or info.header_offset + info.file_size > size:
            raise _bad(path, f"member {name} is corrupted or truncated (sizes do not agree)")
        total += info.file_size
    if total > size:
        raise _bad(path, "its members overlap (their sizes add up to more than the file)")
    return dict(zip(names, infos, strict=True))


def _read_npy(stream: Any, size: int, name: str, limit: int, path: Path) -> np.ndarray:
    """The ``.npy`` array of a member of ``size`` bytes, its header checked before its
    data are read: no objects, at most 2 dimensions, shape × item size = the data's size."""
    prefix = _read_exact(stream, 10, name, path)
    if prefix[:6] != b"\x93NUMPY":
        raise _bad(path, f"member {name!r} is not a NumPy array (.npy)")
    major = prefix[6]
    if major not in (1, 2):
        raise _bad(path, f"member {name!r} is an .npy array of unknown version {major}")
    if major == 2:
        prefix += _read_exact(stream, 2, name, path)
        (length,) = struct.unpack("<I", prefix[8:12])
    else:
        (length,) = struct.unpack("<H", prefix[8:10])
    start = len(prefix) + length
    if length > _MAX_NPY_HEADER or start > size:
        raise _bad(path, f"member {name!r} has a damaged .npy header")
    header = prefix + _read_exact(stream, length, name, path)
    try:
        reader = BytesIO(header)
        version = np.lib.format.read_magic(reader)
        read = (
            np.lib.format.read_array_header_1_0
            if version == (1, 0)
            else np.lib.format.read_array_header_2_0
        )
        shape, fortran, dtype = read(reader, max_header_size=_MAX_NPY_HEADER)
    except Exception as exc:  # a header is data: any failure to parse it is damage
        why = f"member {name!r} has a damaged .npy header ({_short(exc)})"
        raise _bad(path, why) from None
    if dtype.hasobject:
        why = f"member {name!r} holds pickled Python objects, which are never loaded"
        raise _bad(path, why)
    if dtype.kind not in "biufU" or dtype.fields is not None or dtype.itemsize == 0:
        why = f"member {name!r} holds values of dtype {_short(str(dtype))}"
        raise _bad(path, why + ", which a model file never holds")
    if any(n < 0 for n in shape):
        raise _bad(path, f"member {name!r} has a negative shape {_short(shape)}")
    if len(shape) > 2:
        raise _bad(path, f"member {name!r} has {len(shape)} dimensions; a model's have at most 2")
    nbytes = math.prod(shape) * dtype.itemsize
    if start + nbytes != size or nbytes > limit:
        raise _bad(
            path,
            f"member {name!r} declares shape {shape} of {dtype} ({nbytes} bytes) but holds "
            f"{size - start} bytes",
        )
    data = bytearray(nbytes)
    view, done = memoryview(data), 0
    while done < nbytes:
        chunk = stream.read(min(nbytes - done, 1 << 20))
        if not chunk:
            raise _bad(path, f"member {name!r} is truncated")
        view[done : done + len(chunk)] = chunk
        done += len(chunk)
    if stream.read(1):  # also completes the CRC-32 check of an empty array
        raise _bad(path, f"member {name!r} holds more bytes than its shape")
    if dtype.kind == "U":  # code points beyond Unicode's would crash NumPy's str()
        codes = np.frombuffer(data, dtype=np.dtype(np.uint32).newbyteorder(dtype.byteorder))
        if codes.size and int(codes.max()) > 0x10FFFF:
            raise _bad(path, f"member {name!r} holds characters outside Unicode")
    values = np.frombuffer(data, dtype=dtype)
    values = values.reshape(shape[::-1]).T if fortran else values.reshape(shape)
    if fortran or not dtype.isnative:  # C order, native bytes (0-d arrays stay 0-d)
        values = values.astype(dtype.newbyteorder("="), order="C")
    return values


def _read_exact(stream: Any, n: int, name: str, path: Path) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise _bad(path, f"member {name!r} is truncated")
    return data


# ------------------------------------------------------------------------ metadata


class _Refused(Exception):
    """JSON that a model's metadata never holds."""


def _parse_json(raw: bytes) -> Any:
    """``raw`` as JSON, within limits: nesting depth, digits, no repeated keys."""
    try:
        value = json.loads(
            raw.decode("utf-8"),
            parse_int=_json_int,
            parse_float=_json_float,
            object_pairs_hook=_json_object,
        )
    except RecursionError:
        raise _Refused(f"is nested more than {_MAX_DEPTH} levels deep") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise _Refused(f"is not valid JSON ({_short(exc)})") from None
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            if depth > _MAX_DEPTH:
                raise _Refused(f"is nested more than {_MAX_DEPTH} levels deep")
            stack.extend((child, depth + 1) for child in children)
    return value


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise _Refused(f"holds an integer of {len(text.lstrip('-'))} digits")
    return int(text)


def _json_float(text: str) -> float:
    if len(text) > _MAX_FLOAT_CHARS:
        raise _Refused(f"holds a number written with {len(text)} characters")
    return float(text)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"repeats the key {_short(key)} in one object")
        out[key] = value
    return out


def _check_meta(meta: Any, path: Path) -> dict[str, Any]:
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise _bad(path, f"its metadata does not declare format {FORMAT!r}")
    version = meta.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad(path, f"its format version {_short(version)} is not a positive integer")
    if version > FORMAT_VERSION:
        writer = meta.get("neurona_version", "?")
        raise ModelFileError(
            f"cannot load model {str(path)!r}: it was written in format version {version} "
            f"(by neurona {_short(writer, 40)}); this neurona reads version {FORMAT_VERSION} "
            "and older: upgrade neurona (pip install -U neurona)"
        )
    if not isinstance(meta.get("attributes"), dict) or not isinstance(meta.get("history"), dict):
        raise _bad(path, "its attributes or history are missing")
    return meta


# ------------------------------------------------------------------------ messages


def _bad(path: Path, why: str, *, fix: str | None = None) -> ModelFileError:
    fix = fix or (
        "re-save the model with neurona's estimator.save(path) or `neurona train ... --out`"
    )
    return ModelFileError(f"cannot load model {_shown(str(path))}: {_one_line(why)}; {fix}")


def _shown(path: str, limit: int = 240) -> str:
    """``repr(path)``, its middle cut when it is longer than ``limit`` (a message is a line)."""
    text = repr(path)
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]}...{text[-(limit // 3) :]}"


def _one_line(text: str) -> str:
    """``text`` with control characters escaped: a message is one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _short(value: Any, limit: int = 80) -> str:
    """``repr(value)`` (``str`` for exceptions), cut to ``limit`` characters."""
    if isinstance(value, BaseException):
        text = _one_line(str(value) or type(value).__name__)
    elif isinstance(value, int) and value.bit_length() > 4 * limit:  # repr may refuse it
        text = f"{'-' if value < 0 else ''}an integer of {_digits(value)} digits"
    else:
        text = _one_line(repr(value))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _digits(value: int) -> int:
    """The decimal digits of ``value``, without writing it out (Python refuses to write
    an integer of more than 4300 digits)."""
    value = abs(value)
    if value < 10:
        return 1
    digits = int((value.bit_length() - 1) * math.log10(2)) + 1
    return digits + (value >= 10**digits)
