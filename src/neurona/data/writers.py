"""Writing columns to CSV, TSV, Parquet, NPY or NPZ, chunk by chunk, all or nothing.

:func:`open_writer` returns a context manager; each ``write({name: array})`` appends rows.
The rows go to a temporary file beside the target (:mod:`neurona._atomic`), which replaces
the target only when the ``with`` block ends without an error: a failed run never leaves a
partial file. A CSV or TSV name ending in ``.gz``, ``.bz2``, ``.zst``, ``.lz4`` or ``.xz``
(in any case) is written compressed so; the format comes from the extension in any case,
or from ``fmt``.

Targets: a symbolic link is written through (the file it points to is replaced; the link
stays); a folder, a named pipe, a device or a socket is refused (:func:`check_output`).

Formats: CSV, TSV and Parquet hold columns of any plain type. An ``.npy`` file holds one
array of one type: the columns side by side when all are numbers, or one column of text;
columns of numbers and text together are refused (name the file ``.npz``, ``.csv`` or
``.parquet``). An ``.npz`` file holds one array per column, named by the column; a dataset
(:func:`write_dataset`) is written as arrays ``X`` and ``y``, as
:class:`neurona.data.DataFile` reads it back.

Examples
--------
>>> import numpy as np, tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "out.csv")
>>> with open_writer(path) as w:
...     w.write({"prediction": np.array(["a", "b"], dtype=object)})
>>> open(path).read().split()
['"prediction"', '"a"', '"b"']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from .._atomic import OutputPathError, atomic_path, write_target
from .._text import first_nul
from ..errors import DataError
from .readers import COMPRESSIONS, FORMATS, _format_of, compression_of

__all__ = ["WRITE_FORMATS", "check_output", "open_writer", "write_columns", "write_dataset"]

#: the formats the writers write (every format the readers read)
WRITE_FORMATS = ("csv", "tsv", "parquet", "npy", "npz")


def _choices() -> str:
    extensions = ", ".join(f"*{e}" for e in FORMATS)
    codecs = ", ".join(COMPRESSIONS)
    return f"{extensions} (CSV and TSV may also end in {codecs})"


def output_format(
    path: str | os.PathLike, fmt: str | None = None, option: str | None = None
) -> str:
    """The format ``path`` is written in: ``fmt``, or from the extension (any case).
    ``option``: the command-line option that gives the format, named in the message.

    Raises
    ------
    DataError
        An unknown ``fmt`` or extension (the message lists the choices), or a compressed
        name for a binary format.
    """
    path = Path(path)
    if fmt is not None and fmt not in WRITE_FORMATS:
        raise DataError(
            f"{path}: unknown output format {fmt!r}: choose one of {', '.join(WRITE_FORMATS)}"
        )
    try:
        return _format_of(path, fmt)
    except DataError as exc:
        if "cannot tell the format" not in str(exc):
            raise
    also = f", or pass {option} {'|'.join(WRITE_FORMATS)}" if option else ""
    raise DataError(
        f"{path}: cannot tell the output format from the name (extension "
        f"{path.suffix!r}): name the file {_choices()}{also}"
    )


def check_output(path: str | os.PathLike, fmt: str | None = None) -> str:
    """Check, before anything is written, that ``path`` can be written in a format the
    writers know: returns the format.

    Raises
    ------
    DataError
        The format (see :func:`output_format`); or ``path`` is a folder, a named pipe, a
        device, a socket, a link loop, or in a folder that does not exist.
    """
    found = output_format(path, fmt)
    try:
        write_target(path)
    except OutputPathError as exc:
        raise DataError(f"{path}: {exc.strerror}") from None
    return found


def _arrow(columns: dict[str, np.ndarray]) -> Any:
    import pyarrow as pa

    arrays = []
    for name, values in columns.items():
        values = np.asarray(values)
        if values.ndim != 1:
            raise DataError(
                f"column {name!r} has shape {values.shape}: write one 1-D array per column "
                "(split a 2-D array into one column per output)"
            )
        arrays.append(pa.array(_as_written(values)))
    return pa.table(arrays, names=list(columns))


def _as_written(values: np.ndarray) -> Any:
    """``values`` as pyarrow takes them exactly: Python objects as a list, and NumPy text
    holding a NUL character too (pyarrow cuts NumPy text at its first NUL: ``"a\\0b"``
    would be written ``"a"``)."""
    if values.dtype == object or (values.dtype.kind in "US" and first_nul(values) is not None):
        return values.tolist()
    return values


class _Writer:
    """Appends tables to a temporary file; renames it into place on success."""

    def __init__(self, path: Path, fmt: str):
        self.path, self.format = path, fmt
        self.compression = compression_of(path) if fmt in ("csv", "tsv") else None
        self._atomic = atomic_path(path)
        self.tmp = self._atomic.__enter__()
        self._sink: Any = None
        self._stream: Any = None
        self._npy: list[dict[str, np.ndarray]] = []

    def write(self, columns: dict[str, np.ndarray]) -> None:
        """Append rows: ``{name: (n_rows,) array}``, the same names on every call."""
        if self.format in ("npy", "npz"):
            self._npy.append({name: _column(name, values) for name, values in columns.items()})
            return
        table = _arrow(columns)
        if self._sink is None:
            self._sink = self._open(table.schema)
        self._sink.write_table(table)

    def _open(self, schema: Any) -> Any:
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        if self.format == "parquet":
            return pq.ParquetWriter(str(self.tmp), schema)
        delimiter = "\t" if self.format == "tsv" else ","
        options = pacsv.WriteOptions(delimiter=delimiter, quoting_style="needed")
        target = self._stream = _compressed(self.tmp, self.compression)
        return pacsv.CSVWriter(target or str(self.tmp), schema, write_options=options)

    def _close(self) -> None:
        if self._sink is not None:
            self._sink.close()
        if self._stream is not None:
            self._stream.close()

    def _finish(self) -> None:
        if self.format in ("npy", "npz"):
            names = list(self._npy[0]) if self._npy else []
            stacked = {
                n: _storable(n, np.concatenate([c[n] for c in self._npy]), self.path)
                for n in names
            }
            with self.tmp.open("wb") as f:
                if self.format == "npz":
                    np.savez(f, allow_pickle=False, **stacked)
                else:
                    np.save(f, _one_array(self.path, stacked), allow_pickle=False)
        else:
            if self._sink is None and self.compression is not None:  # no rows: empty file
                self._stream = _compressed(self.tmp, self.compression)
            self._close()

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        """Rename the file into place, or (on an error) remove it: :mod:`neurona._atomic`."""
        try:
            if exc_type is None:
                self._finish()
            else:
                self._close()
        except BaseException as error:
            self._atomic.__exit__(type(error), error, error.__traceback__)
            raise
        self._atomic.__exit__(exc_type, exc, tb)


def open_writer(path: str | os.PathLike, fmt: str | None = None) -> _Writer:
    """A writer for ``path`` (format ``fmt``, or from the extension: csv, tsv, parquet, npy
    or npz; csv and tsv compressed when the name ends in .gz, .bz2, .zst, .lz4 or .xz).

    Raises
    ------
    DataError
        See :func:`check_output`.
    """
    path = Path(path)
    return _Writer(path, check_output(path, fmt))


def write_columns(
    path: str | os.PathLike, columns: dict[str, np.ndarray], fmt: str | None = None
) -> Path:
    """Write ``{name: (n_rows,) array}`` to ``path`` in one go (atomically)."""
    with open_writer(path, fmt) as writer:
        writer.write(columns)
    return Path(path)


def write_dataset(
    path: str | os.PathLike,
    X: np.ndarray,
    y: np.ndarray,
    feature_names: list[str],
    target_name: str,
    fmt: str | None = None,
) -> Path:
    """Write a dataset so that :class:`neurona.data.DataFile` reads it back: CSV, TSV and
    Parquet as named columns (the target last), ``.npz`` as arrays ``X`` and ``y``, ``.npy``
    as one numeric array, the target last (a text target is refused: it needs .npz, .csv,
    .tsv or .parquet).
    """
    path = Path(path)
    found = check_output(path, fmt)
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    stored = _storable(target_name, y, path)
    if found == "npy" and stored.dtype.kind not in "biuf":
        _refuse_mixed(path, target_name)  # before anything is written
    if found == "npz":
        with atomic_path(path) as tmp, tmp.open("wb") as f:
            np.savez(f, allow_pickle=False, X=X, y=stored)
        return path
    columns = {name: X[:, j] for j, name in enumerate(feature_names)}
    columns[target_name] = y
    return write_columns(path, columns, found)


def _column(name: str, values: Any) -> np.ndarray:
    values = np.asarray(values)
    if values.ndim != 1:
        raise DataError(
            f"column {name!r} has shape {values.shape}: write one 1-D array per column "
            "(split a 2-D array into one column per output)"
        )
    return values


def _storable(name: str, values: np.ndarray, path: Path | None = None) -> np.ndarray:
    """``values`` as NumPy stores them without pickle: numbers, booleans or fixed-width
    text (object arrays of text become text). ``path``: the file, named in messages."""
    where = f"{path}: " if path is not None else ""
    if values.dtype.kind in "biufU":
        return values
    items = values.tolist()
    if all(isinstance(v, str) for v in items):
        lost = next((v for v in items if v.endswith("\0")), None)
        if lost is not None:  # NumPy text drops trailing NULs: "x\0" would be "x"
            raise DataError(
                f"{where}column {name!r} holds {lost[:40]!r}, which ends in a NUL character "
                "that a NumPy file cannot keep (its text drops trailing NULs): write it as "
                "*.csv, *.tsv or *.parquet"
            )
        return np.asarray(items, dtype=str) if items else np.array([], dtype=str)
    if all(isinstance(v, bool | int | float) for v in items):
        return np.asarray(items)
    kinds = sorted({type(v).__name__ for v in items})
    raise DataError(
        f"{where}column {name!r} holds values of types {', '.join(kinds)}: a NumPy file holds "
        "numbers or text; write it as *.csv, *.tsv or *.parquet"
    )


def _one_array(path: Path, columns: dict[str, np.ndarray]) -> np.ndarray:
    """The columns of an ``.npy`` file as one array: one column as it is, several side
    by side when every one is numeric."""
    if len(columns) == 1:
        return next(iter(columns.values()))
    text = [n for n, v in columns.items() if v.dtype.kind not in "biuf"]
    if text:
        return _refuse_mixed(path, text[0])
    return np.column_stack([v.astype(np.float64) for v in columns.values()])


def _refuse_mixed(path: Path, name: str) -> Any:
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    raise DataError(
        f"{path}: column {name!r} holds text, and an .npy file holds one array of numbers "
        f"(or a single column of text): name the output {stem}.npz (arrays X and y), "
        f"{stem}.csv, {stem}.tsv or {stem}.parquet"
    )


def _compressed(path: Path, codec: str | None) -> Any:
    """A pyarrow output stream that compresses into ``path`` (None: no compression)."""
    import pyarrow as pa

    if codec is None:
        return None
    if codec == "xz":
        import lzma

        return pa.PythonFile(lzma.open(path, "wb"), mode="w")
    return pa.CompressedOutputStream(str(path), codec)
