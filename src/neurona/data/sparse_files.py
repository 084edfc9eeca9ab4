"""Sparse data files: svmlight/libsvm text and SciPy's ``save_npz`` archives.

Text-sized data (bag-of-words, hashed features) are kept sparse on disk as well:

* svmlight / libsvm text (``*.svmlight``, ``*.svm``, ``*.libsvm``): one row per line,
  ``label index:value index:value ...`` (indices increasing; ``#`` starts a comment), read
  by scikit-learn's :func:`sklearn.datasets.load_svmlight_file` (a compiled parser). The
  indices count from 0 or from 1: the file's own header says which (``# Column indices
  are zero-based``, as :func:`write_sparse` and scikit-learn's writer put it), else
  scikit-learn's rule decides (from 1 when no index 0 appears). The choice made is
  returned (:attr:`SparseData.zero_based`) so that a model trained on one file reads the
  next one the same way. A line the parser refuses, and a value or label that is not a
  finite number, is an error naming the line;
* ``.npz`` archives written by :func:`scipy.sparse.save_npz` (CSR, CSC, COO, BSR or DIA;
  arrays ``data``, ``format``, ``shape`` and the format's index arrays), read without
  pickles. The target is a column of the matrix (``target``: its index), taken out of the
  features, or an array ``y`` of the same archive (``neurona datasets text --out FILE.npz``
  writes one). The index arrays are checked in full before anything reads them.

Both give a CSR matrix of float64 (canonical: sorted indices, no duplicates) and the
target; nothing is densified. A neurona model file is an ``.npz`` too; it is never taken
for data (:func:`archive_kind`), nor a sparse archive for a model.
"""

from __future__ import annotations

import math
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ..errors import DataError

__all__ = [
    "SPARSE_SUFFIXES",
    "SparseData",
    "archive_kind",
    "is_sparse_file",
    "read_sparse",
    "read_sparse_file",
    "write_sparse",
]

#: file name endings read as svmlight/libsvm text
SPARSE_SUFFIXES = (".svmlight", ".svm", ".libsvm")
#: what every ``save_npz`` archive holds, and the index arrays of each format
_SCIPY_COMMON = {"data", "format", "shape"}
_SCIPY_INDEX = {
    "csr": {"indices", "indptr"},
    "csc": {"indices", "indptr"},
    "bsr": {"indices", "indptr"},
    "coo": {"row", "col"},
    "dia": {"offsets"},
}
#: the members of a neurona model file and of a skops pipeline that mark them
_MODEL_MEMBER, _PIPELINE_MEMBER = "__metadata__.npy", "schema.json"
#: what each line of an svmlight file must look like (said in every message about one)
_LINE_FORM = "each line must be `label index:value index:value ...`, indices increasing"
_HEADER = re.compile(rb"#\s*column indices are (zero|one)-based", re.I)
#: the largest index scikit-learn's svmlight parser reads (a C int)
_INDEX_LIMIT = 2**31 - 1
_WIDTH = re.compile(rb"#.*\bn_features\s*[=:]?\s*(\d{1,18})\b")


@dataclass(frozen=True)
class SparseData:
    """A sparse data file as read by :func:`read_sparse_file`.

    Attributes
    ----------
    X : scipy.sparse.csr_array (n_samples, n_features), float64
    y : (n_samples,) or None
    fmt : ``"svmlight"`` or ``"npz"``
    target : the target as read: ``"label"`` (svmlight), ``"y"``, a column index as
        text, or None (an archive without ``y`` and no ``target``)
    zero_based : svmlight: whether the indices were read as counting from 0; None for npz
    """

    X: Any
    y: np.ndarray | None
    fmt: Literal["svmlight", "npz"]
    target: str | None
    zero_based: bool | None

    @property
    def feature_names(self) -> list[str]:
        """The column indices as text."""
        return [str(j) for j in range(self.X.shape[1])]


def archive_kind(
    path: str | os.PathLike,
) -> Literal["sparse", "model", "pipeline", "other"] | None:
    """What an ``.npz`` (or any zip) archive holds, by its member names: ``"sparse"`` (a
    ``save_npz`` archive), ``"model"`` (a neurona model file), ``"pipeline"`` (a skops
    file), ``"other"`` (other arrays); None when ``path`` is not a readable zip archive.
    Never raises."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if _MODEL_MEMBER in members:
        return "model"
    if _PIPELINE_MEMBER in members:
        return "pipeline"
    names = {n.removesuffix(".npy") for n in members}
    if names >= _SCIPY_COMMON or names >= {"indices", "indptr"} or names >= {"row", "col"}:
        return "sparse"
    return "other"


def is_sparse_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is an svmlight file (by its ending) or a SciPy ``save_npz`` archive
    (by its members: ``data``, ``format`` and ``shape``, or a format's index arrays; a
    neurona model file never is one). Never raises for a readable path."""
    path = Path(path)
    if path.suffix.lower() in SPARSE_SUFFIXES:
        return True
    if path.suffix.lower() != ".npz" or not path.is_file():
        return False
    return archive_kind(path) == "sparse"


def read_sparse(
    path: str | os.PathLike, target: str | int | None = None, n_features: int | None = None
) -> tuple[Any, np.ndarray | None, list[str]]:
    """Read a sparse data file (module docstring): ``(X, y, feature_names)``.

    See :func:`read_sparse_file` for the parameters; the feature names are the column
    indices as text."""
    data = read_sparse_file(path, target, n_features)
    return data.X, data.y, data.feature_names


def read_sparse_file(
    path: str | os.PathLike,
    target: str | int | None = None,
    n_features: int | None = None,
    zero_based: bool | Literal["auto"] = "auto",
) -> SparseData:
    """Read a sparse data file (module docstring).

    Parameters
    ----------
    path : path of an svmlight file or a ``save_npz`` archive
    target : None, or (``save_npz`` only) the index of the matrix column that holds the
        target, or ``"y"`` for the archive's array ``y`` (the default when it has one)
    n_features : int or None
        The columns the matrix must have (a model's ``n_features_in_`` when predicting):
        an svmlight file whose largest index is below the last column gets the missing
        columns as zeros; one with an index beyond it, or an archive of another width, is
        an error. Default: as many as the file says.
    zero_based : bool or "auto"
        (svmlight) whether the indices count from 0; "auto": as the file's header says,
        else scikit-learn's rule (from 1 when no index 0 appears).

    Returns
    -------
    SparseData

    Raises
    ------
    DataError
        No such file, a malformed line (named by its number), a value that is not a finite
        number, an unknown target column, a width other than ``n_features``, or no rows.
    """
    path = Path(path)
    if path.suffix.lower() in SPARSE_SUFFIXES:
        if target not in (None, "y", "label"):
            raise DataError(
                f"{path}: an svmlight file holds its target as each line's first field: "
                "leave out --target"
            )
        data = _read_svmlight(path, n_features, zero_based)
    else:
        data = _read_npz(path, target, n_features)
    if data.X.shape[0] == 0:
        raise DataError(f"{path}: the file has no data rows: give a file with at least one")
    if n_features is None:  # training: the model will hold a weight per column
        _check_width(path, data.X.shape[1])
    return data


# --------------------------------------------------------------------------- svmlight


_BOM = b"\xef\xbb\xbf"  # UTF-8's byte order mark


def _read_svmlight(path: Path, n_features: int | None, zero_based) -> SparseData:
    import scipy.sparse as sp
    from sklearn.datasets import load_svmlight_file

    _check_readable(path)
    base, declared = _header(path)
    given = zero_based != "auto"  # the model's training file decided (predict, evaluate)
    if given and base != "auto" and bool(base) != bool(zero_based):
        raise DataError(
            f"{path}: the file's header says its column indices count from "
            f"{0 if base else 1}, but the model reads them counting from "
            f"{0 if zero_based else 1}, as its training file did: write the indices as the "
            "training file did, or train on files written as this one"
        )
    if zero_based == "auto":
        zero_based = base
    try:  # the indices as written; their base is applied below
        with open(path, "rb") as f:
            if f.read(len(_BOM)) != _BOM:  # a UTF-8 byte order mark (Windows editors) is
                f.seek(0)  # skipped, as the CSV reader skips it
            raw, y = load_svmlight_file(f, dtype=np.float64, zero_based=True)
    except (ValueError, OverflowError, UnicodeDecodeError) as exc:
        raise _line_error(path, exc) from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read the data file ({exc.strerror or exc})") from None
    raw = sp.csr_array(raw)
    if not (np.isfinite(raw.data).all() and np.isfinite(y).all()):
        raise _line_error(path, None)
    if zero_based == "auto":  # scikit-learn's rule: from 1 when no index 0 appears
        zero_based = raw.nnz == 0 or int(raw.indices.min()) == 0
    indices = raw.indices
    if not zero_based:
        if raw.nnz and int(indices.min()) == 0:
            line = _first_line(path, lambda idx, _: idx == 0)
            if given:  # the model's base, which no header of this file changes
                raise DataError(
                    f"{path}, line {line}: index 0, but the model reads the indices counting "
                    "from 1, as its training file did: write them from 1, or train on files "
                    "whose indices count from 0"
                )
            raise DataError(
                f"{path}, line {line}: index 0, but the indices are read as counting from 1 "
                "(as the model's training file was): write them from 1, or say "
                "`# Column indices are zero-based` in the file's first line"
            )
        indices = indices - 1
    width = int(indices.max()) + 1 if raw.nnz else 0
    base = 0 if zero_based else 1
    if n_features is None and declared is not None:  # the header's width (write_sparse)
        if width > declared:
            line = _first_line(path, lambda idx, _: idx - base >= declared)
            raise DataError(
                f"{path}, line {line}: feature index {width - 1 + base} is beyond the "
                f"{declared} features the file's header declares (n_features {declared})"
            )
        width = declared
    if n_features is not None and declared not in (None, n_features):
        raise DataError(
            f"{path}: the file's header declares {declared} features (n_features {declared}) "
            f"but the model reads {n_features}: its columns are another hashing or "
            "vocabulary; predict with a model trained on files of that width"
        )
    if n_features is not None and width > n_features:
        line = _first_line(path, lambda idx, _: idx - base >= n_features)
        raise DataError(
            f"{path}, line {line}: feature index {width - 1 + base} is beyond the "
            f"{n_features} features the model reads (indices {base} to "
            f"{n_features - 1 + base}): predict with a model trained on as many columns"
        )
    shape = (raw.shape[0], width if n_features is None else int(n_features))
    X = sp.csr_array((raw.data, indices, raw.indptr), shape=shape)
    return SparseData(X, y, "svmlight", "label", bool(zero_based))


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise DataError(f"{path}: the data file does not exist: check the path")
    if path.is_dir():
        raise DataError(f"{path}: cannot read the data file (it is a folder)")


def _header(path: Path) -> tuple[bool | Literal["auto"], int | None]:
    """What the file's leading comment lines say: the base of the indices (``# Column
    indices are zero-based``, else "auto") and the width (``n_features 1048576``, as
    :func:`write_sparse` writes it, else None)."""
    base: bool | Literal["auto"] = "auto"
    width = None
    try:
        with open(path, "rb") as f:
            for i in range(100):
                line = f.readline(4096)
                if i == 0 and line.startswith(_BOM):
                    line = line[len(_BOM) :]
                if not line.lstrip().startswith(b"#"):
                    break
                found = _HEADER.search(line)
                if found is not None:
                    base = found.group(1).lower() == b"zero"
                found = _WIDTH.search(line)
                if found is not None:
                    width = int(found.group(1))
    except OSError:
        pass
    return base, width


def _line_error(path: Path, exc: BaseException | None) -> DataError:
    """The parser refused the file (``exc``) or read a value that is not finite: the first
    line at fault, said with what is wrong in it."""
    found = _first_fault(path)
    if found is None:  # not found by the line check: the parser's own words
        detail = f" ({str(exc).splitlines()[0]})" if exc is not None and str(exc) else ""
        return DataError(f"{path}: not a readable svmlight/libsvm file{detail}: {_LINE_FORM}")
    line, reason, text = found
    return DataError(f"{path}, line {line}: {reason} (`{text}`): {_LINE_FORM}")


def _first_line(path: Path, test) -> int | None:
    """The number of the first line with an index:value pair for which ``test(index,
    value)`` holds (the line check has passed: every line is well formed)."""
    with open(path, "rb") as f:
        for number, line in enumerate(f, 1):
            for token in line.split(b"#", 1)[0].split()[1:]:
                if not token.startswith(b"qid:"):
                    idx, value = token.split(b":", 1)
                    if test(int(idx), float(value)):
                        return number
    return None


def _first_fault(path: Path) -> tuple[int, str, str] | None:
    """(line number, what is wrong, the line cut short) of the first line that is not
    ``label index:value ...`` with finite numbers and increasing indices from 0 up; None
    when every line is."""
    with open(path, "rb") as f:
        for number, line in enumerate(f, 1):
            if number == 1 and line.startswith(_BOM):
                line = line[len(_BOM) :]
            reason = _line_fault(line.split(b"#", 1)[0].split())
            if reason is not None:
                return number, reason, _cut(line)
    return None


def _line_fault(tokens: list[bytes]) -> str | None:
    if not tokens:
        return None
    label = _number(tokens[0])
    if label is None:
        return f"the label {_text(tokens[0])!r} is not a number"
    if not math.isfinite(label):
        return f"the label {_text(tokens[0])} is not a finite number"
    previous = None
    for k, token in enumerate(tokens[1:]):
        if k == 0 and token.startswith(b"qid:"):
            continue
        if b":" not in token:
            return f"{_text(token)!r} is not index:value"
        idx_text, value_text = token.split(b":", 1)
        try:
            idx = int(idx_text)
        except ValueError:
            return f"the index {_text(idx_text)!r} is not a whole number"
        value = _number(value_text)
        if value is None:
            return f"the value {_text(value_text)!r} is not a number"
        if not math.isfinite(value):
            return f"the value {_text(value_text)} of index {idx} is not a finite number"
        if not 0 <= idx <= _INDEX_LIMIT:
            return f"the index {idx} is out of range"
        if previous is not None and idx <= previous:
            return f"the indices are not increasing ({idx} after {previous})"
        previous = idx
    return None


def _number(token: bytes) -> float | None:
    try:
        return float(token)
    except ValueError:
        return None


def _text(token: bytes, limit: int = 40) -> str:
    text = token.decode("utf-8", errors="replace")
    return text if len(text) <= limit else text[:limit] + "…"


def _cut(line: bytes, limit: int = 60) -> str:
    text = " ".join(line.decode("utf-8", errors="replace").split()).replace("`", "'")
    return text if len(text) <= limit else text[:limit] + "…"


# --------------------------------------------------------------------------- npz


def _read_npz(path: Path, target: str | int | None, n_features: int | None) -> SparseData:
    import scipy.sparse as sp

    _check_readable(path)
    kind = archive_kind(path)
    if kind == "model":
        raise DataError(
            f"{path} is a neurona model file, not data: give a data file (CSV, TSV, "
            "Parquet, NPY, NPZ, svmlight or a sparse .npz)"
        )
    try:
        with np.load(path, allow_pickle=False) as npz:
            names = set(npz.files)
            fmt = _format_of(path, npz, names)
            missing = sorted((_SCIPY_COMMON | _SCIPY_INDEX[fmt]) - names)
            if missing:
                raise DataError(
                    f"{path}: a sparse .npz archive of format {fmt!r} needs the arrays "
                    f"{', '.join(sorted(_SCIPY_COMMON | _SCIPY_INDEX[fmt]))} (as "
                    f"scipy.sparse.save_npz writes them); it lacks {', '.join(missing)}"
                )
            extra = sorted(names - _SCIPY_COMMON - _SCIPY_INDEX[fmt] - {"y", "_is_array"})
            if extra:  # never read: a weight or label array left out unnoticed
                expected = ", ".join(map(repr, sorted(_SCIPY_COMMON | _SCIPY_INDEX[fmt])))
                raise DataError(
                    f"{path}: a sparse .npz archive of format {fmt!r} holds the arrays "
                    f"{expected} and, optionally, "
                    f"y; this one also holds {', '.join(map(repr, extra))}, which neurona would "
                    "not read: save the matrix with scipy.sparse.save_npz and the target as y"
                )
            _check_sizes(path)
            X = _matrix(path, npz, fmt)
            y = _member(path, npz, "y") if "y" in names else None
    except DataError:
        raise
    except (ValueError, OSError, zipfile.BadZipFile, KeyError, TypeError) as exc:
        raise DataError(f"{path}: not a readable sparse .npz archive ({exc})") from None
    if X.dtype.kind not in "biuf":
        raise DataError(f"{path}: the matrix holds {X.dtype} values; give real numbers")
    if n_features is None:  # training: before a column is taken out of the width
        _check_width(path, X.shape[1])
    X = sp.csr_array(X.astype(np.float64))
    if not X.has_canonical_format:
        X.sum_duplicates()  # sorted indices, each column once per row
    if not np.isfinite(X.data).all():
        bad = int(np.flatnonzero(~np.isfinite(X.data))[0])
        row = int(np.searchsorted(X.indptr, bad, side="right")) - 1
        raise DataError(
            f"{path}: row {row + 1}, column {int(X.indices[bad])} holds {X.data[bad]}, which "
            "is not a finite number: fix or drop that row"
        )
    if target is None or target == "y":
        if y is None and target == "y":
            raise DataError(
                f"{path}: the archive holds no array y: pass --target COLUMN_INDEX (the "
                "matrix column that holds the target)"
            )
        if y is not None and y.shape != (X.shape[0],):
            raise DataError(f"{path}: y has shape {y.shape}, X has {X.shape[0]} rows")
        if y is not None and y.dtype.kind in "fc" and not np.isfinite(y).all():
            bad = int(np.flatnonzero(~np.isfinite(y))[0])
            raise DataError(
                f"{path}: y holds {y[bad]} in row {bad + 1}, which is not a finite number: fix "
                "or drop that row"
            )
        X = _width(path, X, n_features)
        return SparseData(X, y, "npz", None if y is None else "y", None)
    try:
        j = int(target)
    except (TypeError, ValueError):
        raise DataError(
            f"{path}: the target of a sparse .npz is a column index (0 to {X.shape[1] - 1}) "
            f"or 'y', not {target!r}"
        ) from None
    if not 0 <= j < X.shape[1]:
        raise DataError(f"{path}: no column {j}: pass an index from 0 to {X.shape[1] - 1}")
    if n_features is not None and X.shape[1] - 1 != n_features:  # said before any slicing
        _width(path, sp.csr_array((X.shape[0], X.shape[1] - 1)), n_features)
    column = X[:, [j]].toarray().ravel()
    keep = np.r_[0:j, j + 1 : X.shape[1]]
    X = _width(path, sp.csr_array(X[:, keep]), n_features)
    return SparseData(X, column, "npz", str(j), None)


def _format_of(path: Path, npz, names: set[str]) -> str:
    if "format" not in names:
        raise DataError(
            f"{path}: a sparse .npz archive needs the arrays data, format and shape and the "
            f"format's index arrays (as scipy.sparse.save_npz writes them); it holds "
            f"{', '.join(sorted(names))}"
        )
    raw = _member(path, npz, "format")
    if raw.size != 1:
        raise DataError(
            f"{path}: the array format holds {raw.size} values, not one name: save the "
            "matrix with scipy.sparse.save_npz"
        )
    fmt = raw.item().decode("ascii", "replace") if raw.dtype.kind == "S" else str(raw.item())
    if fmt not in _SCIPY_INDEX:
        raise DataError(
            f"{path}: a sparse matrix in format {fmt!r}: save it as CSR, CSC or COO "
            "(scipy.sparse.save_npz)"
        )
    return fmt


def _matrix(path: Path, npz, fmt: str):
    """The archive's matrix as CSR, its index arrays checked in full (bounds, order of
    ``indptr``) before any kernel reads them."""
    import scipy.sparse as sp

    raw = _member(path, npz, "shape")
    if raw.dtype.kind not in "iu":  # 20.7 rows, or '20': never rounded or parsed
        raise DataError(
            f"{path}: the array shape holds {raw.dtype} values, not whole numbers: save the "
            "matrix with scipy.sparse.save_npz"
        )
    shape = tuple(int(v) for v in raw.ravel())
    if len(shape) != 2 or min(shape) < 0:
        raise DataError(f"{path}: the matrix shape {shape} is not (rows, columns)")
    data = _member(path, npz, "data")
    arrays = {name: _member(path, npz, name) for name in sorted(_SCIPY_INDEX[fmt])}
    for name, index in arrays.items():  # a float index would be truncated, never refused
        if index.dtype.kind not in "iu":
            raise DataError(f"{path}: the array {name} holds {index.dtype}, not integers")
    if fmt in ("csr", "csc"):
        _check_compressed(path, fmt, data, arrays["indices"], arrays["indptr"], shape)
    if fmt == "coo":
        row, col = arrays["row"], arrays["col"]
        if not row.shape == col.shape == data.shape or data.ndim != 1:
            raise DataError(
                f"{path}: the COO matrix's arrays have {data.shape}, {row.shape} and "
                f"{col.shape} entries (values, row indices, column indices); it needs a row "
                "and a column index per value"
            )
        for name, index, size in (("row", row, shape[0]), ("col", col, shape[1])):
            if index.dtype.kind not in "iu":
                raise DataError(f"{path}: the array {name} holds {index.dtype}, not integers")
            if index.size and (int(index.min()) < 0 or int(index.max()) >= size):
                raise DataError(f"{path}: the array {name} holds indices outside 0 to {size - 1}")
        return sp.coo_array((data, (row, col)), shape=shape).tocsr()
    if fmt == "dia":
        offsets = arrays["offsets"].ravel()
        outside = [int(k) for k in offsets if not -shape[0] < int(k) < shape[1]]
        if outside:  # scipy keeps such a diagonal and drops its values
            raise DataError(
                f"{path}: the diagonal offset {outside[0]} lies outside the "
                f"{shape[0]}x{shape[1]} matrix, so its values would be lost: save the matrix "
                "with scipy.sparse.save_npz"
            )
        return sp.dia_array((data, offsets), shape=shape).tocsr()
    cls = {"csr": sp.csr_array, "csc": sp.csc_array, "bsr": sp.bsr_array}[fmt]
    matrix = cls((data, arrays["indices"], arrays["indptr"]), shape=shape)
    matrix.check_format(full_check=True)
    return matrix.tocsr()


def _member(path: Path, npz, name: str) -> np.ndarray:
    """The archive's array ``name``; one of Python objects (a pickle) is refused."""
    try:
        return np.asarray(npz[name])
    except ValueError as exc:
        if "allow_pickle" not in str(exc):
            raise
        raise DataError(
            f"{path}: the array {name} holds Python objects (a pickle), which neurona never "
            "loads: save numbers (scipy.sparse.save_npz)"
        ) from None


def _check_compressed(path: Path, fmt: str, data, indices, indptr, shape) -> None:
    """A CSR or CSC matrix's arrays agree (each fault said in neurona's words)."""
    major, minor = shape if fmt == "csr" else shape[::-1]
    fault = None
    if data.ndim != 1 or indices.ndim != 1 or indptr.ndim != 1:
        fault = "data, indices and indptr must be flat (1-D) arrays"
    elif indptr.size != major + 1:
        fault = f"indptr has {indptr.size} entries; {major} rows need {major + 1}"
        if fmt == "csc":
            fault = f"indptr has {indptr.size} entries; {major} columns need {major + 1}"
    elif data.size != indices.size:
        fault = f"data has {data.size} values and indices {indices.size}; they must be as many"
    elif int(indptr[0]) != 0 or int(indptr[-1]) != indices.size:
        fault = f"indptr must run from 0 to {indices.size}, the number of values"
    elif np.any(np.diff(indptr) < 0):
        fault = "indptr must not decrease"
    elif indices.size and (int(indices.min()) < 0 or int(indices.max()) >= minor):
        fault = f"indices must lie from 0 to {minor - 1}"
    if fault is not None:
        raise DataError(
            f"{path}: the {fmt.upper()} matrix's arrays disagree: {fault}: save the matrix "
            "with scipy.sparse.save_npz"
        )


def _physical_memory() -> int | None:
    """This machine's memory in bytes, or None where the system does not say."""
    try:
        return int(os.sysconf("SC_PHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


def _gib(n: float) -> str:
    return f"{n / 2**30:.3g} GiB"


def _check_sizes(path: Path) -> None:
    """The arrays' sizes as their headers declare them, before any is read: an archive
    whose arrays would fill more than half of this machine's memory (a compressed run of
    zeros unpacks to gigabytes) is refused."""
    memory = _physical_memory()
    if memory is None:
        return
    total = 0
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            with archive.open(member) as f:
                try:
                    version = np.lib.format.read_magic(f)
                    read = {(1, 0): np.lib.format.read_array_header_1_0,
                            (2, 0): np.lib.format.read_array_header_2_0}.get(version)  # fmt: skip
                    if read is None:
                        continue
                    shape, _, dtype = read(f)
                except (ValueError, OSError, EOFError, TypeError, SyntaxError):
                    continue  # np.load says what is wrong with it
            total += math.prod(shape) * dtype.itemsize
    if total > memory // 2:
        raise DataError(
            f"{path}: its arrays hold {_gib(total)} once unpacked, more than half this "
            f"machine's memory ({_gib(memory)}): split the data into smaller files"
        )


def _check_width(path: Path, width: int) -> None:
    """A model of ``width`` columns holds a weight per column (several copies while it
    trains): a width whose one weight vector fills more than half of this machine's memory
    is refused before anything is allocated."""
    memory = _physical_memory()
    if memory is not None and width * 8 > memory // 2:
        raise DataError(
            f"{path}: {width} columns (its largest index, or the width it declares): a model "
            f"holds one weight per column, {_gib(width * 8)} for each output, more than half "
            f"this machine's memory ({_gib(memory)}): number the features densely (e.g. hash "
            "them into fewer columns)"
        )


def _width(path: Path, X, n_features: int | None):
    if n_features is not None and X.shape[1] != n_features:
        raise DataError(
            f"{path}: {X.shape[1]} feature columns but the model reads {n_features}: "
            "predict with a model trained on as many columns"
        )
    return X


# --------------------------------------------------------------------------- writing


def write_sparse(path: str | os.PathLike, X, y: np.ndarray | None = None) -> Path:
    """Write ``X`` (and ``y``) as svmlight text (by the ending of ``path``; the header says
    the indices count from 0 and the width, ``n_features``) or as a ``save_npz``-compatible
    CSR archive with an array ``y``; atomically (a crash leaves the old file or none)."""
    import scipy.sparse as sp

    from .._atomic import atomic_path

    path = Path(path)
    X = sp.csr_array(X)
    with atomic_path(path) as tmp:
        if path.suffix.lower() in SPARSE_SUFFIXES:
            from sklearn.datasets import dump_svmlight_file

            labels = np.zeros(X.shape[0]) if y is None else np.asarray(y)
            note = f"neurona: label index:value ...; n_features {X.shape[1]}"
            dump_svmlight_file(X, labels, str(tmp), zero_based=True, comment=note)
        else:
            arrays = {"data": X.data, "indices": X.indices, "indptr": X.indptr,
                      "format": np.array(b"csr"), "shape": np.array(X.shape)}  # fmt: skip
            if y is not None:
                arrays["y"] = np.asarray(y)
            with open(tmp, "wb") as f:
                np.savez(f, **arrays)
    return path
