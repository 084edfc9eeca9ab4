"""Writing columns to CSV, TSV, Parquet or NPY, chunk by chunk, all or nothing.

:func:`open_writer` returns a context manager; each ``write({name: array})`` appends rows.
The rows go to a temporary file beside the target (:mod:`neurona._atomic`), which replaces
the target only when the ``with`` block ends without an error: a failed run never leaves a
partial file. A CSV or TSV name ending in ``.gz``, ``.bz2``, ``.zst`` or ``.lz4`` (in any
case) is written compressed so; the format comes from the extension in any case.

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

from .._atomic import atomic_path
from ..errors import DataError
from .readers import _format_of, compression_of

__all__ = ["open_writer", "write_columns"]


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
        arrays.append(pa.array(values.tolist() if values.dtype == object else values))
    return pa.table(arrays, names=list(columns))


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
        if self.format == "npy":
            self._npy.append(columns)
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
        target: Any = str(self.tmp)
        if self.compression is not None:
            import pyarrow as pa

            target = self._stream = pa.CompressedOutputStream(target, self.compression)
        return pacsv.CSVWriter(target, schema, write_options=options)

    def _close(self) -> None:
        if self._sink is not None:
            self._sink.close()
        if self._stream is not None:
            self._stream.close()

    def _finish(self) -> None:
        if self.format == "npy":
            names = list(self._npy[0]) if self._npy else []
            stacked = [np.concatenate([c[n] for c in self._npy]) for n in names]
            array = stacked[0] if len(stacked) == 1 else np.column_stack(stacked)
            if array.dtype == object:
                array = array.astype(str)
            with self.tmp.open("wb") as f:
                np.save(f, array, allow_pickle=False)
        else:
            if self._sink is None and self.compression is not None:  # no rows: empty file
                import pyarrow as pa

                self._stream = pa.CompressedOutputStream(str(self.tmp), self.compression)
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
    """A writer for ``path`` (format from the extension: csv, tsv, parquet or npy; csv and
    tsv compressed when the name ends in .gz, .bz2, .zst or .lz4)."""
    path = Path(path)
    fmt = _format_of(path, fmt)
    if fmt not in ("csv", "tsv", "parquet", "npy"):
        raise DataError(
            f"{path}: cannot write {fmt} files; name the output *.csv, *.tsv, *.parquet or *.npy"
        )
    if not path.parent.is_dir():
        raise DataError(f"{path}: the folder {path.parent} does not exist: create it first")
    if path.is_dir():
        raise DataError(f"{path}: is a folder: give the name of a file to write")
    return _Writer(path, fmt)


def write_columns(
    path: str | os.PathLike, columns: dict[str, np.ndarray], fmt: str | None = None
) -> Path:
    """Write ``{name: (n_rows,) array}`` to ``path`` in one go (atomically)."""
    with open_writer(path, fmt) as writer:
        writer.write(columns)
    return Path(path)
