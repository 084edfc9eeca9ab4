"""Sparse data files: svmlight/libsvm text and SciPy's ``save_npz`` archives.

Text-sized data (bag-of-words, hashed features) are kept sparse on disk as well:

* svmlight / libsvm text (``*.svmlight``, ``*.svm``, ``*.libsvm``): one row per line,
  ``label index:value index:value ...``, read by scikit-learn's
  :func:`sklearn.datasets.load_svmlight_file` (a compiled parser; indices are taken as
  written, zero-based unless the file says otherwise, ``zero_based="auto"``);
* ``.npz`` archives written by :func:`scipy.sparse.save_npz` (arrays ``data``,
  ``indices``, ``indptr``, ``format``, ``shape``), read by
  :func:`scipy.sparse.load_npz` with pickles refused. The target is a column of the
  matrix (``target``: its index), taken out of the features, or an array ``y`` of the
  same archive (``neurona datasets text --out FILE.npz`` writes one).

Both give a CSR matrix of float64 and the target; nothing is densified.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError

__all__ = ["SPARSE_SUFFIXES", "is_sparse_file", "read_sparse", "write_sparse"]

#: file name endings read as svmlight/libsvm text
SPARSE_SUFFIXES = (".svmlight", ".svm", ".libsvm")
_SCIPY_KEYS = {"data", "indices", "indptr", "format", "shape"}


def is_sparse_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is an svmlight file (by its ending) or a SciPy ``save_npz`` archive
    (by its contents). Never raises for a readable path."""
    path = Path(path)
    if path.suffix.lower() in SPARSE_SUFFIXES:
        return True
    if path.suffix.lower() != ".npz" or not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = {n.removesuffix(".npy") for n in archive.namelist()}
    except (zipfile.BadZipFile, OSError):
        return False
    return names >= _SCIPY_KEYS


def read_sparse(
    path: str | os.PathLike, target: str | int | None = None, n_features: int | None = None
) -> tuple[Any, np.ndarray | None, list[str]]:
    """Read a sparse data file (module docstring).

    Parameters
    ----------
    path : path of an svmlight file or a ``save_npz`` archive
    target : None, or (``save_npz`` only) the index of the matrix column that holds the
        target, or ``"y"`` for the archive's array ``y`` (the default when it has one)
    n_features : int or None
        (svmlight) the columns of the matrix, for a file whose largest index is below the
        last column (a model's ``n_features_in_`` when predicting); default: as many as
        the largest index says

    Returns
    -------
    X : scipy.sparse.csr_array (n_samples, n_features), float64
    y : (n_samples,) or None
    feature_names : list of str (the column indices as text)

    Raises
    ------
    DataError
        Not such a file, a malformed line, an unknown target column, or no rows.
    """
    import scipy.sparse as sp

    path = Path(path)
    if path.suffix.lower() in SPARSE_SUFFIXES:
        from sklearn.datasets import load_svmlight_file

        try:
            X, y = load_svmlight_file(str(path), dtype=np.float64, n_features=n_features)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            raise DataError(
                f"{path}: not a readable svmlight/libsvm file ({str(exc).splitlines()[0]}): "
                "each line must be `label index:value index:value ...`"
            ) from None
        if target not in (None, "y"):
            raise DataError(
                f"{path}: an svmlight file holds its target as each line's first field: "
                "leave out --target"
            )
        X = sp.csr_array(X)
    else:
        X, y = _read_npz(path, target)
    if X.shape[0] == 0:
        raise DataError(f"{path}: the file has no rows")
    return X, y, [str(j) for j in range(X.shape[1])]


def _read_npz(path: Path, target: str | int | None):
    import scipy.sparse as sp

    try:
        with np.load(path, allow_pickle=False) as npz:
            names = set(npz.files)
            if not names >= _SCIPY_KEYS:
                raise DataError(f"{path}: not a scipy.sparse.save_npz archive ({sorted(names)})")
            fmt = str(npz["format"].item(), "ascii") if npz["format"].dtype.kind == "S" else (
                str(npz["format"].item())
            )  # fmt: skip
            if fmt not in ("csr", "csc"):
                raise DataError(f"{path}: a sparse matrix in format {fmt!r}: save CSR or CSC")
            shape = tuple(int(v) for v in npz["shape"])
            cls = sp.csr_array if fmt == "csr" else sp.csc_array
            X = cls((npz["data"], npz["indices"], npz["indptr"]), shape=shape).tocsr()
            y = np.asarray(npz["y"]) if "y" in names else None
    except DataError:
        raise
    except (ValueError, OSError, zipfile.BadZipFile, KeyError) as exc:
        raise DataError(f"{path}: not a readable sparse .npz archive ({exc})") from None
    X = X.astype(np.float64)
    if target is None or target == "y":
        if y is not None and y.shape != (X.shape[0],):
            raise DataError(f"{path}: y has shape {y.shape}, X has {X.shape[0]} rows")
        return X, y
    try:
        j = int(target)
    except (TypeError, ValueError):
        raise DataError(
            f"{path}: the target of a sparse .npz is a column index (0 to {X.shape[1] - 1}) "
            f"or 'y', not {target!r}"
        ) from None
    if not 0 <= j < X.shape[1]:
        raise DataError(f"{path}: no column {j}: pass an index from 0 to {X.shape[1] - 1}")
    column = X[:, [j]].toarray().ravel()
    keep = np.r_[0:j, j + 1 : X.shape[1]]
    return X[:, keep].tocsr(), column


def write_sparse(path: str | os.PathLike, X, y: np.ndarray | None = None) -> Path:
    """Write ``X`` (and ``y``) as svmlight text (by the ending of ``path``) or as a
    ``save_npz``-compatible archive with an array ``y``; atomically, never over an input."""
    import scipy.sparse as sp

    from .._atomic import atomic_path

    path = Path(path)
    X = sp.csr_array(X)
    with atomic_path(path) as tmp:
        if path.suffix.lower() in SPARSE_SUFFIXES:
            from sklearn.datasets import dump_svmlight_file

            labels = np.zeros(X.shape[0]) if y is None else np.asarray(y)
            dump_svmlight_file(X, labels, str(tmp), zero_based=True)
        else:
            arrays = {"data": X.data, "indices": X.indices, "indptr": X.indptr,
                      "format": np.array(b"csr"), "shape": np.array(X.shape)}  # fmt: skip
            if y is not None:
                arrays["y"] = np.asarray(y)
            with open(tmp, "wb") as f:
                np.savez(f, **arrays)
    return path
