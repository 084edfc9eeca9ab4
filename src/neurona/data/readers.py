"""Data files as (X, y): CSV, TSV, Parquet (pyarrow), NPY and NPZ (numpy), in chunks.

One reader, :class:`DataFile`, serves small and large files alike: :meth:`DataFile.chunks`
yields ``(X, y)`` blocks of about ``chunk_bytes`` of file, :meth:`DataFile.read` joins
them. Nothing is parsed by hand: text goes through :func:`pyarrow.csv.open_csv`, Parquet
through :class:`pyarrow.parquet.ParquetFile`, NumPy files through :func:`numpy.load`
(memory-mapped, ``allow_pickle=False``).

Columns
-------
``target`` and ``features`` name columns by header name or by 0-based index (negative
counts from the end; a NumPy file's columns are called ``"0"``, ``"1"``, ...). The
features default to every column but the target. A CSV file has a header when no field of
its first line reads as a number (``header=True/False`` overrides the guess).

Values
------
Feature columns must be numbers; they are read as float64. A classifier's target
(``target_kind="labels"``) may be of any type: text labels are read as text, then become
integers, floats or booleans when *every* label in the file reads as one (``"true"`` /
``"false"`` for booleans), else stay strings (an object array). A regressor's target
(``target_kind="numbers"``) is float64. Empty fields and ``NA``, ``NaN``, ``null`` and the
other spellings pyarrow knows are missing values, which are refused.

Every problem — a missing file, an empty one, ragged rows, text in a number column, a
missing value, undecodable bytes, an unknown column — raises
:class:`~neurona.errors.DataError` whose one-line message names the file, the line (CSV,
counting the header as line 1) or row (Parquet, NumPy; 1-based) or the column, and the fix.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError

__all__ = ["FORMATS", "DataFile", "Table", "read_xy"]

#: file extension -> format name
FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".npy": "npy",
    ".npz": "npz",
}
_COMPRESSED = (".gz", ".bz2", ".zst", ".lz4")
_SAMPLE_BYTES = 1 << 16
_MAX_LINE_BYTES = 64 << 20
#: pyarrow's CSV reader parses blocks of at most this size and reads up to 32 blocks
#: ahead in the background (its default queue), so this bounds that read-ahead to 32 MiB;
#: blocks are then joined into chunks of about ``chunk_bytes``.
_BLOCK_BYTES = 1 << 20
DEFAULT_CHUNK_BYTES = 16 << 20


@dataclass(frozen=True)
class Table:
    """Rows of a data file as arrays.

    Attributes
    ----------
    X : (n_samples, n_features) float64
    y : (n_samples,) or None
        Labels of their own type, or float64 numbers; None without a target.
    feature_names : list of str
    target_name : str or None
    """

    X: np.ndarray
    y: np.ndarray | None
    feature_names: list[str]
    target_name: str | None


def _format_of(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in set(FORMATS.values()):
            raise DataError(
                f"unknown format {fmt!r}; use one of {', '.join(sorted(set(FORMATS.values())))}"
            )
        return fmt
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in _COMPRESSED:
        suffixes = suffixes[:-1]
    found = FORMATS.get(suffixes[-1]) if suffixes else None
    if found is None:
        raise DataError(
            f"{path}: cannot tell the format from the extension {path.suffix!r}; name the file "
            f"*.csv, *.tsv, *.parquet, *.npy or *.npz, or pass --format"
        )
    return found


def _pick(spec: str | int, columns: Sequence[str], path: Path, what: str) -> str:
    """The column named ``spec``, or at index ``spec`` (negative from the end)."""
    text = str(spec).strip()
    if text in columns:
        return text
    if re.fullmatch(r"[+-]?\d+", text):
        i = int(text)
        if -len(columns) <= i < len(columns):
            return columns[i]
    shown = ", ".join(columns[:12]) + (", ..." if len(columns) > 12 else "")
    raise DataError(
        f"{path}: no {what} column {text!r} (columns: {shown}): pass a column name or an "
        f"index from 0 to {len(columns) - 1}"
    )


def _parse_features(features: str | Sequence[str | int] | None) -> list[str] | None:
    if features is None:
        return None
    if isinstance(features, str):
        features = [f for f in features.split(",") if f.strip()]
    return [str(f).strip() for f in features]


class DataFile:
    """A data file read as a target column and numeric feature columns.

    Parameters
    ----------
    path : str or path-like
    target : str or int, optional
        The target column (name or index). None reads features only.
    features : str (comma-separated), sequence of str/int, or None
        The feature columns (names or indices); default all but the target.
    target_kind : {"labels", "numbers"}
        Class labels of any type, or float64 numbers (regression).
    header : bool or None
        CSV/TSV: whether the first line holds the column names (None: guess).
    delimiter : str, optional
        CSV field separator (default ``,``; tab for ``.tsv``).
    encoding : str
        Text encoding of a CSV file (default UTF-8).
    fmt : str, optional
        ``csv``, ``tsv``, ``parquet``, ``npy`` or ``npz``; default from the extension.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        target: str | int | None = None,
        features: str | Sequence[str | int] | None = None,
        target_kind: str = "labels",
        header: bool | None = None,
        delimiter: str | None = None,
        encoding: str = "utf8",
        fmt: str | None = None,
    ):
        self.path = Path(path)
        if not self.path.is_file():
            what = "is a directory" if self.path.is_dir() else "does not exist"
            raise DataError(f"{self.path}: the data file {what}: check the path")
        self.format = _format_of(self.path, fmt)
        if target_kind not in ("labels", "numbers"):
            raise DataError(f"target_kind={target_kind!r}: use 'labels' or 'numbers'")
        self.target_kind = target_kind
        if delimiter is None and self.format == "tsv":
            delimiter = "\t"
        self._source = _SOURCES[self.format](self.path, self.format, header, delimiter, encoding)
        columns = self._source.columns
        self.target_name = None if target is None else _pick(target, columns, self.path, "target")
        wanted = _parse_features(features)
        if wanted is None:
            self.feature_names = [c for c in columns if c != self.target_name]
        else:
            self.feature_names = [_pick(f, columns, self.path, "feature") for f in wanted]
        self._check_columns()
        self._label_kind: str | None = None

    def _check_columns(self) -> None:
        if not self.feature_names:
            raise DataError(
                f"{self.path}: no feature columns are left besides the target "
                f"{self.target_name!r}: the file needs at least one feature column"
            )
        if self.target_name in self.feature_names:
            raise DataError(
                f"{self.path}: column {self.target_name!r} is both the target and a feature: "
                "leave it out of --features"
            )
        if len(set(self.feature_names)) != len(self.feature_names):
            raise DataError(f"{self.path}: a feature column is named twice in --features")

    @property
    def columns(self) -> list[str]:
        """Every column of the file, in order."""
        return list(self._source.columns)

    @property
    def size_bytes(self) -> int:
        """Size of the file on disk."""
        return self.path.stat().st_size

    def labels(self, chunk_bytes: int = DEFAULT_CHUNK_BYTES) -> np.ndarray:
        """The sorted distinct labels of the target column (one pass over that column)."""
        if self.target_name is None:
            raise DataError(f"{self.path}: no target column was given: pass --target")
        seen = None
        for y in self._source.target_chunks(self.target_name, chunk_bytes):
            uniq = _unique(y)
            seen = uniq if seen is None else _unique(_concat([seen, uniq]))
        if seen is None:
            raise self._no_rows()
        self._label_kind = _label_kind(seen)
        return np.unique(_as_labels(seen, self._label_kind))

    def chunks(self, chunk_bytes: int = DEFAULT_CHUNK_BYTES) -> Iterator[Table]:
        """``Table`` blocks of about ``chunk_bytes`` of file each, in file order.

        For ``target_kind="labels"`` the label type is fixed by :meth:`labels`, which is
        run first if it has not been.
        """
        labelled = self.target_kind == "labels" and self.target_name is not None
        if labelled and self._label_kind is None:
            self.labels(chunk_bytes)
        for X, y in self._source.chunks(
            self.feature_names, self.target_name, self.target_kind, chunk_bytes
        ):
            if y is not None and self.target_kind == "labels":
                y = _as_labels(y, self._label_kind)
            yield Table(X, y, self.feature_names, self.target_name)

    def read(self) -> Table:
        """The whole file as one ``Table``."""
        parts = list(self._source.chunks(self.feature_names, self.target_name, self.target_kind))
        if not parts:
            raise self._no_rows()
        X = np.concatenate([p[0] for p in parts]) if len(parts) > 1 else parts[0][0]
        y = None
        if self.target_name is not None:
            y = _concat([p[1] for p in parts])
            if self.target_kind == "labels":
                self._label_kind = _label_kind(_unique(y))
                y = _as_labels(y, self._label_kind)
        return Table(X, y, self.feature_names, self.target_name)

    def _no_rows(self) -> DataError:
        return DataError(f"{self.path}: the file has no data rows: give a file with at least one")


def read_xy(path: str | os.PathLike, **kwargs: Any) -> Table:
    """Read a whole data file: ``DataFile(path, **kwargs).read()``."""
    return DataFile(path, **kwargs).read()


# --------------------------------------------------------------------------- labels


def _concat(parts: list) -> Any:
    import pyarrow as pa

    if isinstance(parts[0], pa.Array | pa.ChunkedArray):
        return pa.chunked_array(parts).combine_chunks()
    return np.concatenate(parts)


def _unique(values: Any) -> Any:
    import pyarrow as pa

    if isinstance(values, pa.Array | pa.ChunkedArray):
        return values.unique()
    return np.unique(values)


def _label_kind(uniques: Any) -> str:
    """``int``, ``float``, ``bool`` or ``str``: the narrowest type every label reads as."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(uniques, pa.Array):
        return "native"
    for kind, typ in (("int", pa.int64()), ("float", pa.float64())):
        try:
            pc.cast(uniques, typ)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        return kind
    if set(pc.utf8_lower(uniques).to_pylist()) <= {"true", "false"}:
        return "bool"
    return "str"


def _as_labels(values: Any, kind: str | None) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(values, pa.Array):
        return np.asarray(values)
    if kind == "int":
        return pc.cast(values, pa.int64()).to_numpy()
    if kind == "float":
        return pc.cast(values, pa.float64()).to_numpy()
    if kind == "bool":
        return pc.equal(pc.utf8_lower(values), "true").to_numpy(zero_copy_only=False)
    return np.asarray(values.to_numpy(zero_copy_only=False), dtype=object)


# --------------------------------------------------------------------------- sources


def _missing(path: Path, column: str, where: str) -> DataError:
    return DataError(
        f"{path}: column {column!r} has a missing value at {where}: fill it in or drop "
        "that row (empty fields, NA and NaN count as missing)"
    )


class _CsvSource:
    """CSV/TSV through pyarrow's streaming reader (serial, so errors carry row numbers)."""

    def __init__(
        self, path: Path, fmt: str, header: bool | None, delimiter: str | None, encoding: str
    ):
        del fmt
        self.path = path
        self.delimiter = delimiter or ","
        if len(self.delimiter) != 1:
            raise DataError(f"--delimiter must be one character, got {self.delimiter!r}")
        self.encoding = encoding
        first = self._first_row()
        self.header = _looks_like_header(first) if header is None else header
        names = [str(v).strip() for v in first]
        self.columns = names if self.header else [str(i) for i in range(len(first))]
        if len(set(self.columns)) != len(self.columns):
            dup = sorted({c for c in self.columns if self.columns.count(c) > 1})
            raise DataError(
                f"{path}: the header names column(s) {dup} more than once: rename them"
            )

    def _stream(self) -> Any:
        import pyarrow as pa

        return pa.input_stream(str(self.path), compression="detect")

    def _first_row(self) -> list[Any]:
        """The fields of the first line, read by pyarrow from a sample of the file."""
        import pyarrow as pa
        import pyarrow.csv as pacsv

        with self._stream() as f:
            sample = f.read(_SAMPLE_BYTES)
            while b"\n" not in sample and len(sample) < _MAX_LINE_BYTES:
                more = f.read(_SAMPLE_BYTES)
                if not more:
                    break
                sample += more
        if not sample.strip():
            raise DataError(
                f"{self.path}: the file is empty: it needs rows of numbers (and may start "
                "with a header line)"
            )
        cut = sample.find(b"\n")
        first_line = sample if cut < 0 else sample[: cut + 1]
        try:
            table = pacsv.read_csv(
                pa.BufferReader(first_line),
                read_options=pacsv.ReadOptions(
                    autogenerate_column_names=True, encoding=self.encoding, use_threads=False
                ),
                parse_options=pacsv.ParseOptions(delimiter=self.delimiter),
                convert_options=pacsv.ConvertOptions(strings_can_be_null=False),
            )
        except (pa.ArrowInvalid, LookupError) as exc:
            raise _arrow_error(self.path, exc, []) from exc
        row = [table.column(i)[0].as_py() for i in range(table.num_columns)]
        if any(isinstance(v, bytes) for v in row):
            raise _undecodable(self.path, "line 1", self.encoding)
        return row

    def _options(self, include: list[str], types: dict, chunk_bytes: int) -> dict:
        import pyarrow.csv as pacsv

        return {
            "read_options": pacsv.ReadOptions(
                column_names=self.columns,
                skip_rows=int(self.header),
                block_size=max(1 << 12, min(int(chunk_bytes), _BLOCK_BYTES)),
                encoding=self.encoding,
                use_threads=False,
            ),
            "parse_options": pacsv.ParseOptions(delimiter=self.delimiter),
            "convert_options": pacsv.ConvertOptions(
                include_columns=include,
                column_types=types,
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        }

    def _batches(
        self, include: list[str], types: dict, chunk_bytes: int, target: str | None = None
    ) -> Iterator[Any]:
        import pyarrow as pa
        import pyarrow.csv as pacsv

        try:
            reader = pacsv.open_csv(self._stream(), **self._options(include, types, chunk_bytes))
            yield from reader
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, LookupError) as exc:
            raise _arrow_error(self.path, exc, include, self._locate, target) from exc

    def target_chunks(self, target: str, chunk_bytes: int) -> Iterator[Any]:
        import pyarrow as pa

        for batch in self._batches([target], {target: pa.string()}, chunk_bytes):
            yield self._no_nulls(batch, [target], 0).column(0)

    def chunks(
        self,
        features: list[str],
        target: str | None,
        target_kind: str,
        chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    ) -> Iterator[tuple[np.ndarray, Any]]:
        import pyarrow as pa

        types = {f: pa.float64() for f in features}
        include = list(features)
        if target is not None:
            types[target] = pa.string() if target_kind == "labels" else pa.float64()
            include.append(target)
        offset = 0
        for group in _grouped(self._batches(include, types, chunk_bytes, target), chunk_bytes):
            for batch in group:
                self._no_nulls(batch, include, offset)
                offset += batch.num_rows
            X = _stack_batches(group, features)
            y = None if target is None else pa.concat_arrays([b.column(target) for b in group])
            if y is not None and target_kind != "labels":
                y = y.to_numpy()
            yield X, y

    def _no_nulls(self, batch: Any, include: list[str], offset: int) -> Any:
        import pyarrow.compute as pc

        for name in include:
            column = batch.column(name)
            if column.null_count:
                i = int(pc.index(pc.is_null(column), True).as_py())
                raise _missing(self.path, name, f"line {offset + i + 1 + int(self.header)}")
        return batch

    def _locate(self, column: str, text_only: bool) -> tuple[int, str | None] | None:
        """(line, text) of the first value of ``column`` that is not a number.

        ``text`` is None when the value is not valid text in the file's encoding;
        ``text_only`` looks for such values only.
        """
        import pyarrow as pa
        import pyarrow.csv as pacsv

        options = self._options([column], {column: pa.binary()}, 1 << 20)
        offset = 0
        try:
            for batch in pacsv.open_csv(self._stream(), **options):
                for i, raw in enumerate(batch.column(0).to_pylist()):
                    bad = _bad_value(raw, self.encoding)
                    if bad is None or (bad is not False and not text_only):
                        return offset + i + 1 + int(self.header), bad
                offset += batch.num_rows
        except (pa.ArrowInvalid, LookupError):
            return None
        return None


def _bad_value(raw: bytes | None, encoding: str) -> str | bool | None:
    """False for a number (or a missing value), None for undecodable bytes, else the text."""
    if raw is None:
        return False
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _not_number(text) else False


def _grouped(batches: Iterator[Any], chunk_bytes: int) -> Iterator[list[Any]]:
    """Record batches in groups that hold about ``chunk_bytes`` of values each."""
    group: list[Any] = []
    size = 0
    for batch in batches:
        if batch.num_rows:
            group.append(batch)
            size += batch.nbytes
        if size >= chunk_bytes:
            yield group
            group, size = [], 0
    if group:
        yield group


def _stack_batches(group: list[Any], features: list[str]) -> np.ndarray:
    """The float64 feature columns of consecutive batches as one C-ordered ``(n, p)``."""
    out = np.empty((sum(b.num_rows for b in group), len(features)), dtype=np.float64)
    start = 0
    for batch in group:
        stop = start + batch.num_rows
        for j, name in enumerate(features):
            out[start:stop, j] = batch.column(name).to_numpy()
        start = stop
    return out


def _not_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return True
    return False


def _looks_like_header(first: list[Any]) -> bool:
    """A first line is a header when none of its fields reads as a number."""
    return not any(
        isinstance(v, int | float) or (isinstance(v, str) and not _not_number(v)) for v in first
    )


def _stack(columns: list[Any]) -> np.ndarray:
    """Float64 columns -> C-ordered ``(n, p)``."""
    out = np.empty((len(columns[0]), len(columns)), dtype=np.float64)
    for j, col in enumerate(columns):
        out[:, j] = col.to_numpy()
    return out


def _undecodable(path: Path, where: str, encoding: str) -> DataError:
    return DataError(
        f"{path}: {where} is not valid {encoding} text: re-save the file as UTF-8, or pass "
        "its encoding with --encoding (e.g. --encoding latin-1)"
    )


_ROW = re.compile(r"Row #(\d+)")
_COLUMN = re.compile(r"column #(\d+)")
_FIELDS = re.compile(r"Expected (\d+) columns, got (\d+)")
_VALUE = re.compile(r"invalid value '(.*)'", re.S)


def _arrow_error(
    path: Path, exc: Exception, include: list[str], locate=None, target: str | None = None
) -> DataError:
    """A pyarrow CSV error as a one-line DataError naming the line or column and the fix."""
    text = str(exc)
    if isinstance(exc, LookupError):
        return DataError(f"{path}: unknown text encoding ({exc}): pass e.g. --encoding latin-1")
    if "Empty CSV file" in text:
        return DataError(f"{path}: the file is empty: it needs a header line and rows of data")
    fields = _FIELDS.search(text)
    if fields:
        row = _ROW.search(text)
        where = f"line {row.group(1)}" if row else "a line"
        return DataError(
            f"{path}: {where} has {fields.group(2)} fields but the file has "
            f"{fields.group(1)} columns: fix that line (a missing field, or a delimiter "
            "inside an unquoted value), or pass the right --delimiter"
        )
    col = _COLUMN.search(text)
    name = include[int(col.group(1))] if col and int(col.group(1)) < len(include) else "?"
    value = _VALUE.search(text)
    if "invalid UTF8" in text or value:
        found = locate(name, "invalid UTF8" in text) if locate is not None else None
        where = f" at line {found[0]}" if found else ""
        shown = found[1] if found else (value.group(1) if value else None)
        if shown is None or "\ufffd" in shown:
            return _undecodable(path, f"column {name!r}{where}", "UTF-8")
        if include and name == include[-1] and name == target:
            return DataError(
                f"{path}: target column {name!r}{where} holds {shown!r}, which is not a "
                "number: a regression target must be numeric; for class labels use a "
                "classifier (--model perceptron or adaline)"
            )
        return DataError(
            f"{path}: column {name!r}{where} holds {shown!r}, which is not a number: "
            "feature columns must be numeric; leave it out with --features, or encode it "
            "as numbers"
        )
    return DataError(f"{path}: cannot read the file as CSV: {text.splitlines()[0]}")


class _ParquetSource:
    """Parquet through pyarrow, row group batches of about ``chunk_bytes``."""

    def __init__(self, path: Path, fmt: str, header, delimiter, encoding):
        import pyarrow as pa
        import pyarrow.parquet as pq

        del fmt, header, delimiter, encoding
        self.path = path
        try:
            self.file = pq.ParquetFile(str(path))
        except (pa.ArrowInvalid, OSError) as exc:
            raise DataError(
                f"{path}: not a readable Parquet file ({str(exc).splitlines()[0]}): check "
                "that the file is complete, or that its extension matches its format"
            ) from exc
        self.columns = list(self.file.schema_arrow.names)

    def _batch_rows(self, n_columns: int, chunk_bytes: int) -> int:
        return max(16, int(chunk_bytes) // (8 * max(1, n_columns)))

    def _iter(self, include: list[str], chunk_bytes: int) -> Iterator[Any]:
        rows = self._batch_rows(len(include), chunk_bytes)
        yield from self.file.iter_batches(batch_size=rows, columns=include)

    def target_chunks(self, target: str, chunk_bytes: int) -> Iterator[Any]:
        offset = 0
        for batch in self._iter([target], chunk_bytes):
            _parquet_nulls(self.path, batch, [target], offset)
            offset += batch.num_rows
            yield _native_labels(batch.column(0))

    def chunks(self, features, target, target_kind, chunk_bytes=DEFAULT_CHUNK_BYTES):
        import pyarrow as pa

        for name in features:
            typ = self.file.schema_arrow.field(name).type
            if not (pa.types.is_integer(typ) or pa.types.is_floating(typ)):
                raise DataError(
                    f"{self.path}: column {name!r} has type {typ}, not numbers: feature "
                    "columns must be numeric; leave it out with --features, or encode it"
                )
        include = [*features, *([target] if target is not None else [])]
        offset = 0
        for batch in self._iter(include, chunk_bytes):
            _parquet_nulls(self.path, batch, include, offset)
            X = _stack([batch.column(f).cast(pa.float64()) for f in features])
            y = None
            if target is not None:
                col = batch.column(target)
                y = _numbers(self.path, col, target) if target_kind != "labels" else col
                y = _native_labels(y) if target_kind == "labels" else y
            offset += batch.num_rows
            yield X, y


def _native_labels(column: Any) -> np.ndarray:
    values = column.to_numpy(zero_copy_only=False)
    return np.asarray(values, dtype=object) if values.dtype == object else values


def _numbers(path: Path, column: Any, name: str) -> np.ndarray:
    import pyarrow as pa

    try:
        return column.cast(pa.float64()).to_numpy()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise DataError(
            f"{path}: target column {name!r} has type {column.type}, not numbers: a "
            "regression target must be numeric (use a classifier for labels)"
        ) from exc


def _parquet_nulls(path: Path, batch: Any, include: list[str], offset: int) -> None:
    import pyarrow.compute as pc

    for name in include:
        column = batch.column(name)
        if column.null_count:
            i = int(pc.index(pc.is_null(column), True).as_py())
            raise _missing(path, name, f"row {offset + i + 1}")


class _NumpySource:
    """``.npy`` (a 2-D array) or ``.npz`` (``X`` and ``y``, or one 2-D array), memory-mapped."""

    def __init__(self, path: Path, fmt: str, header, delimiter, encoding):
        del header, delimiter, encoding
        self.path = path
        self.X, self.y = self._load(path, fmt)
        self.columns = [str(i) for i in range(self.X.shape[1])]
        if self.y is not None:
            self.columns.append("y")

    def _load(self, path: Path, fmt: str) -> tuple[np.ndarray, np.ndarray | None]:
        try:
            if fmt == "npy":
                return _matrix(path, np.load(path, mmap_mode="r", allow_pickle=False)), None
            with np.load(path, allow_pickle=False) as npz:
                return _from_npz(path, npz)
        except DataError:
            raise
        except (ValueError, OSError, EOFError) as exc:
            raise DataError(
                f"{path}: not a readable NumPy file ({str(exc).splitlines()[0]}): NumPy "
                "files must hold plain numeric arrays (no pickled objects)"
            ) from exc

    def target_chunks(self, target: str, chunk_bytes: int) -> Iterator[np.ndarray]:
        column = self._column(target)
        step = max(16, int(chunk_bytes) // 8)
        for start in range(0, column.shape[0], step):
            yield np.asarray(column[start : start + step])

    def _column(self, name: str) -> np.ndarray:
        return self.y if name == "y" and self.y is not None else self.X[:, int(name)]

    def chunks(self, features, target, target_kind, chunk_bytes=DEFAULT_CHUNK_BYTES):
        cols = [int(f) if f != "y" else None for f in features]
        if None in cols:
            raise DataError(f"{self.path}: 'y' is the target array, not a feature column")
        step = max(16, int(chunk_bytes) // (8 * (len(cols) + 1)))
        for start in range(0, self.X.shape[0], step):
            X = np.array(self.X[start : start + step, cols], dtype=np.float64, order="C")
            _numpy_finite(self.path, X, features, start)
            y = None
            if target is not None:
                y = np.asarray(self._column(target)[start : start + step])
                if target_kind != "labels":
                    y = y.astype(np.float64)
                    _numpy_finite(self.path, y[:, None], [target], start)
            yield X, y


def _matrix(path: Path, array: np.ndarray) -> np.ndarray:
    if array.ndim != 2 or array.dtype.kind not in "biuf":
        raise DataError(
            f"{path}: holds a {array.ndim}-D array of {array.dtype}; a data file needs a 2-D "
            "numeric array (n_samples, n_columns), or an .npz with arrays X and y"
        )
    return array


def _from_npz(path: Path, npz: Any) -> tuple[np.ndarray, np.ndarray | None]:
    names = list(npz.files)
    if "X" in names:
        X = _matrix(path, npz["X"])
        y = npz["y"] if "y" in names else None
        if y is not None and (y.ndim != 1 or y.shape[0] != X.shape[0]):
            raise DataError(
                f"{path}: y has shape {y.shape} but X has {X.shape[0]} rows: y must be 1-D "
                "with one entry per row of X"
            )
        return X, y
    if len(names) == 1:
        return _matrix(path, npz[names[0]]), None
    raise DataError(
        f"{path}: an .npz data file needs arrays named X (and y), or a single array; it "
        f"holds {names}"
    )


def _numpy_finite(path: Path, X: np.ndarray, names: list[str], start: int) -> None:
    bad = np.isnan(X)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise _missing(path, names[j], f"row {start + i + 1}")


_SOURCES = {
    "csv": _CsvSource,
    "tsv": _CsvSource,
    "parquet": _ParquetSource,
    "npy": _NumpySource,
    "npz": _NumpySource,
}
