"""Pipelines: a scikit-learn ``Pipeline`` of preprocessing steps ending in a neurona
estimator, saved and loaded without pickle.

The format is skops' (``skops.io``): a zip of JSON and ``.npy`` arrays that names the type
of every object it holds, so the loader can refuse any type it does not trust before
building anything. It is trusted here for skops' default types (scikit-learn's
transformers and estimators, NumPy and SciPy values), ``numpy.dtype`` and the neurona
estimators of :data:`neurona.estimators.ESTIMATORS`, nothing else. neurona's own model
files (:mod:`neurona.io`) hold one estimator; this module sits above both the estimators
and :mod:`neurona.io`, so neither imports the other through it.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ModelFileError
from .estimators import ESTIMATORS
from .io import _MAX_MEMBER_BYTES, _as_path, _bad, _open_regular, _saving_fault, _short, _shown

__all__ = ["PIPELINE_SUFFIX", "is_pipeline_file", "load_pipeline", "save_pipeline"]

#: the extension :func:`save_pipeline` writes (any name is read)
PIPELINE_SUFFIX = ".skops"


#: types skops does not trust by default that are plain values: a NumPy dtype (e.g.
#: ``OneHotEncoder(dtype=np.float64)``) is built by ``numpy.dtype(name)``, which runs no
#: code of the file's choosing
_PLAIN_TYPES = ("numpy.dtype",)


def _neurona_types() -> dict[str, type]:
    """The neurona estimators, by the type name skops writes (``module.Class``)."""
    return {f"{cls.__module__}.{cls.__qualname__}": cls for cls in ESTIMATORS.values()}


def _trusted(name: str) -> bool:
    return name in _PLAIN_TYPES or name in _neurona_types()


def _skops(verb: str) -> Any:
    try:
        import skops.io as sio
    except ImportError as exc:
        from .errors import MissingDependencyError

        raise MissingDependencyError(
            f"cannot {verb} a pipeline: skops is not installed: pip install 'neurona[pipeline]'"
        ) from exc
    return sio


def save_pipeline(pipeline: Any, path: str | os.PathLike) -> Path:
    """Write a fitted scikit-learn ``Pipeline`` whose last step is a neurona estimator
    to ``path`` in skops' format (a zip of JSON and ``.npy`` arrays; no pickle), atomically.

    Every type it holds must be one :func:`load_pipeline` trusts: skops' default trusted
    types (scikit-learn's transformers and estimators, NumPy and SciPy values) and the
    neurona estimators. ``neurona predict PIPE DATA`` and ``neurona evaluate`` read it.

    Raises
    ------
    ModelFileError
        Not a fitted Pipeline ending in a neurona estimator, or a type that would not be
        trusted when loading (named).
    MissingDependencyError
        skops is not installed (``pip install 'neurona[pipeline]'``).
    """
    sio = _skops("save")
    path = _as_path(path, "save")
    _check_pipeline(pipeline, lambda why: ModelFileError(f"cannot save pipeline: {why}"))
    raw = sio.dumps(pipeline)
    untrusted = [t for t in sio.get_untrusted_types(data=raw) if not _trusted(t)]
    if untrusted:
        raise ModelFileError(
            f"cannot save pipeline to {_shown(str(path))}: it holds {', '.join(untrusted)}, "
            "which load_pipeline does not trust (only scikit-learn's and NumPy's types, and "
            "neurona's estimators): build it from those"
        )
    from ._atomic import atomic_path

    try:
        with atomic_path(path) as tmp:
            Path(tmp).write_bytes(raw)
    except OSError as exc:
        raise _saving_fault(path, exc) from None
    return path


def _check_pipeline(obj: Any, fail: Callable[[str], ModelFileError]) -> None:
    from sklearn.pipeline import Pipeline

    if not isinstance(obj, Pipeline):
        raise fail(f"a {type(obj).__name__} is not a scikit-learn Pipeline")
    last = obj.steps[-1][1] if obj.steps else None
    if type(last) not in _neurona_types().values():
        raise fail(
            f"its last step is a {type(last).__name__}, not a neurona estimator "
            f"({', '.join(cls.__name__ for cls in _neurona_types().values())})"
        )
    if not hasattr(last, "coef_"):
        raise fail("its neurona estimator is not fitted: call pipeline.fit(X, y) first")


def is_pipeline_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a zip archive holding ``schema.json`` (a skops file) rather
    than a neurona model (``__metadata__.npy``). Never raises for a readable file."""
    try:
        file, _size = _open_regular(_as_path(path, "load"))
    except (ModelFileError, OSError):
        return False
    try:
        with file, zipfile.ZipFile(file) as archive:
            return "schema.json" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def load_pipeline(path: str | os.PathLike) -> Any:
    """Read a pipeline written by :func:`save_pipeline`; runs no code from the file.

    skops lists the types the file names before building anything; a type that is
    neither one skops trusts by default (scikit-learn's estimators and transformers,
    NumPy and SciPy values) nor a neurona estimator is refused in words, naming it, and
    nothing is built. The file is then loaded with ``skops.io.loads(raw, trusted=...)``
    naming exactly the neurona estimator types it holds (and ``numpy.dtype``, a plain
    value skops does not trust by default, where it holds one).

    Returns
    -------
    sklearn.pipeline.Pipeline
        Its last step is a fitted neurona estimator.

    Raises
    ------
    ModelFileError
        Not a skops file, an untrusted type, or not a Pipeline ending in a neurona
        estimator.
    ModelPathError
        The system cannot open the path.
    """
    sio = _skops("load")
    path = _as_path(path, "load")
    file, size = _open_regular(path)
    fix = "save it with neurona.pipeline.save_pipeline(pipeline, path)"
    with file:
        if size > _MAX_MEMBER_BYTES:
            raise _bad(path, f"it is implausibly large for a pipeline ({size} bytes)", fix=fix)
        raw = file.read()
    try:
        untrusted = sio.get_untrusted_types(data=raw)
    except Exception as exc:  # skops raises many types for a file that is not its own
        raise _bad(path, f"not a pipeline file ({_short(exc)})", fix=fix) from None
    refused = [t for t in untrusted if not _trusted(t)]
    if refused:
        raise _bad(
            path,
            f"it holds types neurona does not trust ({', '.join(map(_short, refused))}); "
            "nothing was loaded and no code from it ran",
            fix="load only pipelines of scikit-learn's transformers and a neurona estimator",
        )
    try:
        pipeline = sio.loads(raw, trusted=list(untrusted))
    except Exception as exc:
        raise _bad(path, f"its contents cannot be rebuilt ({_short(exc)})", fix=fix) from None
    _check_pipeline(pipeline, lambda why: _bad(path, why, fix=fix))
    final = pipeline.steps[-1][1]  # a file from an older neurona lacks the newer parameters:
    for name, value in type(final)().get_params(deep=False).items():  # their defaults
        final.__dict__.setdefault(name, value)
    return pipeline
