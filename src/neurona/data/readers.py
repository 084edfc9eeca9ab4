"""Data files as (X, y): CSV, TSV, Parquet (pyarrow), NPY and NPZ (numpy), in chunks.

One reader, :class:`DataFile`, serves small and large files alike: :meth:`DataFile.chunks`
yields ``(X, y)`` blocks of about ``chunk_bytes`` of file, :meth:`DataFile.read` joins
them. Nothing is parsed by hand: text goes through :func:`pyarrow.csv.open_csv`, Parquet
through :class:`pyarrow.parquet.ParquetFile`, NumPy files through :func:`numpy.load`
(memory-mapped, ``allow_pickle=False``).

Files
-----
The format comes from the extension, in any case (``D.CSV.GZ`` is a gzip-compressed CSV),
or from ``fmt``. CSV and TSV files may be compressed (gzip, bzip2, zstd, lz4, xz: told from
the file's first bytes) and in any text encoding Python knows (``encoding="utf-16"``; where
UTF-8, the default, is asked for, UTF-16 and UTF-32 text is told by its byte order mark, or
UTF-16 by its NUL bytes); blank lines (empty or only spaces and tabs) before the header are
skipped, and a row, the header too, may be of any length up to 64 MiB. Without
``delimiter``, a file whose first lines the default (``,``; a tab for ``.tsv``) does not
split into one number of fields is read with ``;``, tab or ``|`` where one does; a file not
delimited by commas whose first lines write numbers with a decimal comma (``1,5``) and none
with a decimal point is read so. A quote that opens a field and is never closed is an error
that names the line it opens on. A NumPy
file is told from its content, so an ``.npy`` named ``.npz`` still reads. The path must be
a regular file: a folder, a named pipe or a device is refused.

Columns
-------
``target`` and ``features`` name columns by header name or by 0-based index (negative
counts from the end; a NumPy file's columns are called ``"0"``, ``"1"``, ...). The
features default to every column but the target. A CSV file has a header when no field of
its first line reads as a number (``header=True/False`` overrides the guess); a column
asked for by a name that the first line holds, where the guess said "no header", is an
error that says to pass ``header=True`` (``--header``).

Values
------
Feature columns must be finite numbers; they are read as float64, and an integer that
float64 cannot hold exactly (beyond ±2**53, from a Parquet or NumPy file) is refused rather
than rounded, as are infinities (``inf``) and numbers beyond float64's range (``1e400``),
named by file, column and line.

A classifier's target (``target_kind="labels"``) may be of any plain type: a CSV file's
labels are text as written (``label_type="text"``: ``007`` and ``7`` are two classes,
``0.5`` and ``1.5`` two text labels); ``label_type="auto"`` reads them as integers, floats
or booleans when *every* label reads as one (``"true"`` / ``"false"`` for booleans),
refusing labels that would merge (``01`` and ``1``). Parquet and NumPy labels keep their
stored type. A regressor's target (``target_kind="numbers"``) is float64. In a number
column (features, a regressor's target) empty fields and ``NA``, ``NaN``, ``null`` and the
other :data:`MISSING_SPELLINGS` are missing values, which are refused; in a CSV class-label
column only an empty field is: ``NA`` (North America), ``None`` or ``null`` are labels as
written, under ``label_type="auto"`` too (``NaN`` reads as no number there).

Every problem — a missing file, an empty one, ragged rows, text in a number column, a
missing value, undecodable bytes, an unknown column — raises
:class:`~neurona.errors.DataError` whose one-line message names the file, the line (CSV,
counting the header as line 1) or row (Parquet, NumPy; 1-based) or the column, and the fix.
Values quoted in messages are cut to :data:`EXCERPT_CHARS` characters.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError

__all__ = ["FORMATS", "LABEL_TYPES", "DataFile", "Table", "read_xy"]

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
#: compressed extension -> pyarrow codec (text formats only)
COMPRESSIONS: dict[str, str] = {
    ".gz": "gzip",
    ".bz2": "bz2",
    ".zst": "zstd",
    ".lz4": "lz4",
    ".xz": "xz",  # through Python's lzma: pyarrow has no xz codec
}
_COMPRESSED = tuple(COMPRESSIONS)
#: first bytes of each compressed format -> pyarrow codec
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\x28\xb5\x2f\xfd", "zstd"),
          (b"\x04\x22\x4d\x18", "lz4"), (b"\xfd7zXZ\x00", "xz"))  # fmt: skip
#: how class labels of a text file are read (see the module docstring)
LABEL_TYPES = ("text", "auto")
#: values quoted in error messages are cut to this many characters
EXCERPT_CHARS = 40
_SAMPLE_BYTES = 1 << 16
_MAX_LINE_BYTES = 64 << 20
#: pyarrow's CSV reader parses blocks of at most this size and reads up to 32 blocks
#: ahead in the background (its default queue), so this bounds that read-ahead to 32 MiB;
#: blocks are then joined into chunks of about ``chunk_bytes``. A row longer than a block
#: makes the reader start again with blocks 4 times as large, up to ``_MAX_LINE_BYTES``.
_BLOCK_BYTES = 1 << 20
DEFAULT_CHUNK_BYTES = 16 << 20
#: float64 holds every integer up to this size exactly, and not all beyond it
_EXACT_INT = 2**53
#: the fields of a CSV/TSV number column read as missing values (pyarrow's default list,
#: fixed here); a class-label column keeps every non-empty field as written (``NA`` for
#: North America, ``None`` as a category)
MISSING_SPELLINGS = ("", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "NULL", "null",
                     "#N/A", "#N/A N/A", "#NA", "1.#IND", "-1.#IND", "1.#QNAN",
                     "-1.#QNAN")  # fmt: skip
#: as messages list them (NaN in any spelling: the float parser reads NAN, nan(1) too)
_MISSING_WORDS = ", ".join(s for s in MISSING_SPELLINGS[1:] if s.lower() not in ("nan", "-nan"))


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


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """``repr`` of ``value`` as text, cut to ``limit`` characters with an ellipsis."""
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return repr(text[:limit] + "…")


#: extensions of files that hold data neurona reads only once converted
_SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".numbers")
_ARCHIVES = (".zip", ".7z", ".rar", ".tar", ".tgz")


def _spreadsheet(path: Path) -> DataError:
    return DataError(
        f"{path}: the file is a spreadsheet workbook, which neurona does not read: save the "
        "sheet as CSV from the spreadsheet program (CSV UTF-8) and pass that file"
    )


def _archive(path: Path, inside: list[str]) -> DataError:
    shown = ", ".join(excerpt(n, 60) for n in inside[:3])
    more = f" and {len(inside) - 3} more" if len(inside) > 3 else ""
    return DataError(
        f"{path}: the file is an archive of files ({shown}{more}), which neurona does not "
        "unpack: unpack it and pass the data file inside"
    )


def _format_of(path: Path, fmt: str | None) -> str:
    names = sorted(set(FORMATS.values()))
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] in _COMPRESSED
    if compressed:
        suffixes = suffixes[:-1]
    if fmt is not None:
        if fmt not in names:
            raise DataError(f"unknown format {fmt!r}; use one of {', '.join(names)}")
        found = fmt
    else:
        found = FORMATS.get(suffixes[-1]) if suffixes else None
        if found is None and suffixes and suffixes[-1] in _SPREADSHEETS:
            raise DataError(
                f"{path}: cannot tell the format from the extension {path.suffix!r}: a "
                "spreadsheet workbook, which neurona does not read; save the sheet as CSV from "
                "the spreadsheet program (CSV UTF-8) and pass that file"
            )
        if found is None and suffixes and suffixes[-1] in _ARCHIVES:
            raise DataError(
                f"{path}: cannot tell the format from the extension {path.suffix!r}: an "
                "archive of files, which neurona does not unpack; unpack it and pass the data "
                "file inside"
            )
        if found is None and suffixes and suffixes[-1] in (".feather", ".arrow", ".ipc"):
            raise DataError(
                f"{path}: cannot tell the format from the extension {path.suffix!r}: an Arrow "
                "IPC (Feather) file, which neurona does not read; write the table as Parquet "
                "(pyarrow.parquet.write_table) and pass that file"
            )
        if found is None:
            raise DataError(
                f"{path}: cannot tell the format from the extension {path.suffix!r}; name the "
                "file *.csv, *.tsv, *.parquet, *.npy or *.npz, or pass --format"
            )
    if compressed and found not in ("csv", "tsv"):
        raise DataError(
            f"{path}: a {found} file cannot be {path.suffix} compressed (only CSV and TSV "
            f"files can): name it without {path.suffix}, or decompress it first"
        )
    return found


def compression_of(path: Path) -> str | None:
    """The pyarrow codec a file name asks for (``.gz`` in any case: gzip), or None."""
    return COMPRESSIONS.get(path.suffix.lower())


def _sniff_compression(path: Path) -> str | None:
    """The codec of a compressed file, told from its first bytes (None: not compressed)."""
    with open(path, "rb") as f:
        head = f.read(8)
    for magic, codec in _MAGIC:
        if head.startswith(magic):
            if codec == "bz2" and not (len(head) > 3 and head[3:4].isdigit()):
                continue
            return codec
    return None


def open_stream(path: Path, codec: str | None) -> Any:
    """A pyarrow input stream of ``path``, decompressed with ``codec`` (None: as is)."""
    import pyarrow as pa

    if codec == "xz":
        import lzma

        return pa.PythonFile(lzma.open(path, "rb"), mode="r")
    if not _utf8(path):  # pyarrow takes names as UTF-8 text: open it by its bytes
        raw = pa.OSFile(os.fsencode(path))
        return raw if codec is None else pa.CompressedInputStream(raw, codec)
    return pa.input_stream(str(path), compression=codec)


def _utf8(path: Path) -> bool:
    """Whether ``path`` is UTF-8 text (a name of other bytes holds lone surrogates)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _decompression_errors() -> tuple[type[BaseException], ...]:
    """What a truncated or corrupted compressed stream raises (besides OSError)."""
    import lzma

    return (OSError, EOFError, lzma.LZMAError)


def _regular_file(path: Path) -> None:
    """Refuse a path that is not a regular, readable file, saying what it is."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        broken = " (a symbolic link to nothing)" if os.path.islink(path) else ""
        raise DataError(f"{path}: the data file does not exist{broken}: check the path") from None
    except NotADirectoryError:
        raise DataError(f"{path}: the data file does not exist: check the path") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read the data file ({exc.strerror})") from None
    if stat.S_ISREG(mode):
        if not os.access(path, os.R_OK):
            raise DataError(f"{path}: cannot read the data file (permission denied)")
        try:  # a file the system lists but will not read (/proc/self/mem: EIO)
            with open(path, "rb") as f:
                f.read(1)
        except OSError as exc:
            raise DataError(f"{path}: cannot read the data file ({exc.strerror})") from None
        return
    if stat.S_ISDIR(mode):
        raise DataError(f"{path}: the data file is a directory: give the path of a file")
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a character device"
        if stat.S_ISCHR(mode)
        else "a block device"
        if stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a special file"
    )
    raise DataError(
        f"{path}: is {kind}, not a regular file: neurona reads data from regular files "
        "only (a file is read more than once); save the data to a file and pass its path"
    )


def listing(names: Sequence[Any], limit: int = 12) -> str:
    """``names`` as a short comma-separated list (each cut to an excerpt, at most
    ``limit`` of them, then how many there are in all)."""
    shown = ", ".join(excerpt(c) if "," in str(c) else excerpt(c)[1:-1] for c in names[:limit])
    return shown + (f", ... ({len(names)} in all)" if len(names) > limit else "")


def _pick(
    spec: str | int,
    columns: Sequence[str],
    path: Path,
    what: str,
    first_fields: Sequence[str] | None = None,
) -> str:
    """The column named ``spec``, or at index ``spec`` (negative from the end).

    ``first_fields``: the fields of a first line that was guessed not to be a header; a
    name among them is an error that says to pass ``--header``."""
    import difflib

    text = str(spec).strip()
    if text in columns:
        return text
    integer = re.fullmatch(r"[+-]?\d+", text)
    if integer:
        i = int(text)
        if -len(columns) <= i < len(columns):
            return columns[i]
    if first_fields is not None and not integer and text in first_fields:
        raise DataError(
            f"{path}: no {what} column {excerpt(text)}: the first line ({listing(first_fields)}) "
            "was read as a row of data, not as column names, because some of its fields read "
            "as numbers; pass --header to read it as the header"
        )
    close = [c for c in columns if c.lower() == text.lower()] or difflib.get_close_matches(
        text, [str(c) for c in columns], n=1, cutoff=0.8
    )
    hint = f" (did you mean {excerpt(close[0])}?)" if close and not integer else ""
    if not hint and columns and str(columns[0]).startswith("#"):
        raise DataError(
            f"{path}: no {what} column {excerpt(text)}: the header line starts with '#', a "
            f"comment ({excerpt(columns[0])}), but a CSV file holds none: delete the comment "
            "lines (those starting with '#') so that the column names come first"
        )
    split = [d for d in (";", "\t", "|", ",") if len(columns) == 1 and d in columns[0]]
    if split and not hint:
        raise DataError(
            f"{path}: no {what} column {excerpt(text)}: the file reads as one column "
            f"({excerpt(columns[0])}), so it is delimited by another character: pass the "
            f"one it uses, e.g. --delimiter {split[0]!r}"
        )
    shown = listing(columns) if columns else "none"
    comma = next((excerpt(c)[1:-1] for c in columns if "," in str(c)), None)
    quote = (
        f"; a name holding a comma is written in double quotes, as in '\"{comma}\"'"
        if comma is not None and not hint
        else ""
    )
    raise DataError(
        f"{path}: no {what} column {excerpt(text)}{hint} (the file's columns: {shown}): pass "
        f"a column name or an index from 0 to {len(columns) - 1}{quote}"
    )


def column_list(text: str, columns: Sequence[str] = ()) -> list[str]:
    """A command line's comma-separated column names or numbers. A name holding a comma
    is written in double quotes, as in a CSV header (``"x,1",b``; a doubled quote stands
    for one); a list whose plain comma-separated parts are all ``columns`` reads as those."""
    import csv

    plain = [f.strip() for f in text.split(",") if f.strip()]
    if '"' not in text or all(f in columns for f in plain):
        return plain
    fields = next(csv.reader([text], skipinitialspace=True))
    return [f.strip() for f in fields if f.strip()]


def _parse_features(
    features: str | Sequence[str | int] | None, columns: Sequence[str] = ()
) -> list[str] | None:
    if features is None:
        return None
    if isinstance(features, str):
        features = column_list(features, columns)
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
    label_type : {"text", "auto"}
        CSV/TSV class labels: text as written (default), or integers, floats or booleans
        when every label reads as one (labels that would merge are refused).
    header : bool or None
        CSV/TSV: whether the first line holds the column names (None: guess).
    delimiter : str, optional
        CSV field separator (default ``,``; tab for ``.tsv``).
    encoding : str
        Text encoding of a CSV file (default UTF-8).
    fmt : str, optional
        ``csv``, ``tsv``, ``parquet``, ``npy`` or ``npz``; default from the extension.
    decimal : {".", ","}, optional
        CSV/TSV decimal mark (default: found from the first lines, see the module
        docstring). Giving it for another format raises DataError.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        target: str | int | None = None,
        features: str | Sequence[str | int] | None = None,
        target_kind: str = "labels",
        label_type: str = "text",
        header: bool | None = None,
        delimiter: str | None = None,
        encoding: str = "utf8",
        fmt: str | None = None,
        decimal: str | None = None,
    ):
        self.path = Path(path)
        _regular_file(self.path)
        self.format = _format_of(self.path, fmt)
        if decimal is not None and decimal not in (".", ","):
            raise DataError(f"--decimal must be '.' or ',', got {decimal!r}")
        if target_kind not in ("labels", "numbers"):
            raise DataError(f"target_kind={target_kind!r}: use 'labels' or 'numbers'")
        if label_type not in LABEL_TYPES:
            raise DataError(f"label_type={label_type!r}: use one of {', '.join(LABEL_TYPES)}")
        self.target_kind = target_kind
        self.label_type = label_type
        if self.format in ("csv", "tsv"):
            self._source = _CsvSource(
                self.path, self.format, header, delimiter, encoding, decimal=decimal
            )
        elif decimal is not None:
            raise DataError(
                f"{self.path}: --decimal applies to CSV and TSV files, not to {self.format} "
                "files (their numbers are stored as numbers): leave it out"
            )
        else:
            self._source = _SOURCES[self.format](
                self.path, self.format, header, delimiter, encoding
            )
        columns = self._source.columns
        self.target_name = None if target is None else self._pick(target, "target")
        wanted = _parse_features(features, columns)
        if wanted is None:
            unnamed = set(getattr(self._source, "unnamed", ()))
            if unnamed:
                self._source.warn_unnamed(self.target_name)
            self.feature_names = [c for c in columns if c != self.target_name and c not in unnamed]
        else:
            self.feature_names = [self._pick(f, "feature") for f in wanted]
        self._check_columns()
        self._label_kind: str | None = None

    def _pick(self, spec: str | int, what: str) -> str:
        known = self.__dict__.get("_known_columns")
        if known is None or len(known[0]) != len(self._source.columns):
            known = (self._source.columns, frozenset(self._source.columns))
            self._known_columns = known  # a name found in one lookup, not a scan per column
        if str(spec).strip() in known[1]:
            return str(spec).strip()
        guessed = getattr(self._source, "guessed_no_header", False)
        first = self._source.first_fields if guessed else None
        return _pick(spec, self._source.columns, self.path, what, first)

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
            twice = next(c for c in self.feature_names if self.feature_names.count(c) > 1)
            raise DataError(
                f"{self.path}: the feature column {excerpt(twice)} is named twice in "
                "--features: give each column once"
            )

    @property
    def columns(self) -> list[str]:
        """Every column of the file, in order."""
        return list(self._source.columns)

    @property
    def named_columns(self) -> bool:
        """Whether the columns have names of their own (a header, a Parquet schema), not
        positions (a headerless CSV, a NumPy file)."""
        return bool(self._source.named)

    @property
    def size_bytes(self) -> int:
        """Size of the file on disk."""
        return self.path.stat().st_size

    @property
    def dialect(self) -> dict[str, str] | None:
        """How a CSV/TSV file is read: ``{"delimiter", "decimal", "encoding"}`` (the
        encoding ``utf-8-sig`` when a UTF-8 byte order mark starts the file); None for
        Parquet and NumPy files."""
        source = self._source
        if not isinstance(source, _CsvSource):
            return None
        encoding = codecs.lookup(source.encoding).name
        if source.bom and encoding == "utf-8":
            encoding = "utf-8-sig"
        return {
            "delimiter": source.delimiter,
            "decimal": source.decimal_point,
            "encoding": encoding,
        }

    def read_columns(self, names: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        """Whole columns as they are, for preprocessing (:mod:`neurona.preprocessing`):
        a column whose every present value is a number as float64 with NaN where a value
        is missing; any other column as an object array of ``str`` with None where a
        value is missing. ``names``: default the feature columns.

        Raises
        ------
        DataError
            A file that cannot be read (as :meth:`read`).
        """
        names = list(self.feature_names if names is None else names)
        for name in names:
            if name not in self._source.columns:
                raise DataError(f"{self.path}: no column {name!r}")
        return self._source.raw_columns(names)

    def read_text_columns(self, names: Sequence[str]) -> dict[str, np.ndarray]:
        """Whole columns of a CSV/TSV file exactly as written (object arrays of ``str``,
        None where a field is empty): what ``predict --keep`` carries through. Other
        formats: as :meth:`read_columns`.

        Raises
        ------
        DataError
            A name that is not a column, or a file that cannot be read.
        """
        import pyarrow as pa

        names = list(names)
        for name in names:
            if name not in self._source.columns:
                raise DataError(f"{self.path}: no column {name!r}")
        source = self._source
        if not isinstance(source, _CsvSource):
            return self.read_columns(names)
        parts: dict[str, list[Any]] = {name: [] for name in names}
        types = {name: pa.string() for name in names}
        for batch in source._batches(names, types, DEFAULT_CHUNK_BYTES, text_nulls=False):
            for name in names:
                parts[name].append(batch.column(name))
        return {  # NA, null, ... as written: only an empty field is None
            name: np.array([v or None for v in pa.chunked_array(parts[name], type=pa.string())
                            .to_pylist()], dtype=object)
            for name in names
        }  # fmt: skip

    def read_target(self) -> np.ndarray:
        """The whole target column, as :meth:`read` gives it (labels or float64)."""
        if self.target_name is None:
            raise DataError(f"{self.path}: no target column was given: pass --target")
        parts = [y for _, y in self._source.chunks([], self.target_name, self.target_kind)]
        if not parts:
            raise self._no_rows()
        y = _concat(parts)
        if self.target_kind == "labels":
            self._label_kind = self._kind_of(_unique(y))
            y = _as_labels(y, self._label_kind)
        return y

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
        self._label_kind = self._kind_of(seen)
        return np.unique(_as_labels(seen, self._label_kind))

    def _refuse_one_class(self, labels: np.ndarray) -> None:
        """A target of one class, said of the file and its column (the estimator would
        say "y has one class only")."""
        try:
            classes = np.unique(labels)
        except TypeError:  # labels of mixed types: the estimator says what is wrong
            return
        if classes.shape[0] == 1:
            raise DataError(
                f"{self.path}: target column {self.target_name!r} holds one class only "
                f"({excerpt(classes[0])}): a classifier needs rows of at least two "
                "classes; check the target column, or the filter that selected the rows"
            )

    def check_class_labels(self, labels: np.ndarray) -> None:
        """Refuse, for a classifier, labels of this file's target that are numbers with a
        fractional part: a continuous target, whatever the format (a Parquet or NumPy
        float column, or CSV labels read with ``label_type="auto"``); the message names
        the file and the column and says to train a regression.

        Raises
        ------
        DataError
        """
        self._refuse_one_class(labels)
        if labels.dtype.kind in "UO":
            self._warn_numeric_text_labels(labels)
            self._warn_padded_labels(labels)
            return
        if labels.dtype.kind != "f":
            return
        infinite = labels[np.isinf(labels)]
        if infinite.size:  # not a class: said of the file, not as scikit-learn's "Input y"
            raise DataError(
                f"{self.path}: target column {self.target_name!r} holds "
                f"{str(infinite[0].item())!r}, an infinite value: class labels must be "
                "finite; replace it, or drop those rows"
            )
        values = labels[np.isfinite(labels)]
        fractional = values[values != np.trunc(values)]
        if not fractional.size:
            return
        if self._label_kind == "float":
            keep = "to keep them as class labels, read them as text (leave out --label-type auto)"
        else:
            keep = "if they name classes, store them as text or whole numbers"
        raise DataError(
            f"{self.path}: target column {self.target_name!r} holds numbers with a fractional "
            f"part (e.g. {fractional[0].item()!r}): a continuous target, not class labels; to "
            f"predict these numbers train a regression (--model linear); {keep}"
        )

    def _warn_padded_labels(self, labels: np.ndarray) -> None:
        """Warn (``DataWarning``) when two labels differ only by spaces or tabs around
        them (``yes`` and `` yes``, a space typed after the delimiter): they are two
        classes, since a quoted field keeps its spaces and the file cannot say which were
        meant; the message names them and the fix."""
        from ..errors import DataWarning, warn

        groups: dict[str, list[str]] = {}
        for v in np.unique(labels.astype(str)).tolist():
            groups.setdefault(v.strip(" \t"), []).append(v)
        twins = sorted(v for group in groups.values() if len(group) > 1 for v in group)
        if not twins:
            return
        shown = ", ".join(repr(v) for v in twins[:4])
        warn(
            f"{self.path}: target column {self.target_name!r} has labels that differ only by "
            f"spaces around them ({shown}): they are read as different classes; remove the "
            "spaces in the file if they name one class",
            DataWarning,
        )

    def _warn_numeric_text_labels(self, labels: np.ndarray) -> None:
        """Labels read as text (the default) that are all numbers, some with a fractional
        part, and more than half of them distinct: a continuous target read as one class
        per value. They may still name classes, so this warns (``DataWarning``)."""
        from ..errors import DataWarning, warn

        n = labels.size
        if n < 4:
            return
        uniques = np.unique(labels.astype(str))
        if 2 * len(uniques) <= n:
            return
        try:
            values = np.asarray(uniques, dtype=np.float64)
        except ValueError:  # not all numbers: class names
            return
        fractional = values[np.isfinite(values) & (values != np.trunc(values))]
        if not fractional.size:
            return
        warn(
            f"{self.path}: target column {self.target_name!r} holds {len(uniques)} distinct "
            f"numbers in {n} rows (e.g. {str(uniques[0])!r}), read as as many classes: a "
            "continuous target? To predict the numbers train a regression (--model linear)",
            DataWarning,
        )

    def _kind_of(self, uniques: Any) -> str:
        """How the labels are read: ``native``, ``str``, or (``label_type="auto"``) the
        narrowest of ``int``, ``float``, ``bool``, ``str`` that keeps them apart."""
        kind = _label_kind(uniques, self.label_type)
        if kind in ("int", "float", "bool"):
            texts = uniques.to_pylist()
            read = _as_labels(uniques, kind).tolist()
            first: dict[Any, str] = {}
            for text, value in zip(texts, read, strict=True):
                if value in first:
                    raise DataError(
                        f"{self.path}: the labels {excerpt(first[value])} and {excerpt(text)} "
                        f"of column {self.target_name!r} both read as {value!r}: keep them "
                        "apart as text (--label-type text), or make them one label in the file"
                    )
                first[value] = text
        return kind

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
        """The whole file as one ``Table``.

        Raises
        ------
        DataError
            As :meth:`chunks`; missing values are all counted, by column (the first row of
            each named), not only the first met.
        """
        try:
            parts = list(
                self._source.chunks(self.feature_names, self.target_name, self.target_kind)
            )
        except _MissingValue as exc:
            raise self._all_missing() or exc from None
        if not parts:
            raise self._no_rows()
        X = np.concatenate([p[0] for p in parts]) if len(parts) > 1 else parts[0][0]
        y = None
        if self.target_name is not None:
            y = _concat([p[1] for p in parts])
            if self.target_kind == "labels":
                self._label_kind = self._kind_of(_unique(y))
                y = _as_labels(y, self._label_kind)
        return Table(X, y, self.feature_names, self.target_name)

    def _all_missing(self) -> DataError | None:
        """Every missing value of the columns read, counted by column (None: there is
        only one, or the file cannot be read so)."""
        from ..preprocessing import _is_missing

        names = [*self.feature_names, *([self.target_name] if self.target_name else [])]
        try:
            columns = self.read_columns(names)
            if self.target_name is not None and self.target_kind == "labels":
                # class labels as written: only an empty field is missing (CSV)
                columns.update(self.read_text_columns([self.target_name]))
        except Exception:  # best effort: the first missing value is said in any case
            return None
        absent = {name: _is_missing(values) for name, values in columns.items()}
        counts = [(n, int(a.sum()), int(np.argmax(a)) + 1) for n, a in absent.items() if a.any()]
        if sum(c for _, c, _ in counts) < 2:  # one: the first met says it, by line
            return None
        listed = ", ".join(f"{n!r} {c} (first at data row {r})" for n, c, r in counts)
        total = sum(c for _, c, _ in counts)
        return DataError(
            f"{self.path}: {total} missing value(s) in {len(counts)} column(s): {listed}: fill "
            "them in or drop those rows (in number columns, empty fields, NaN in any spelling "
            f"and {_MISSING_WORDS} count as missing; in a class-label column, empty fields "
            "only); on the command line, --missing drop leaves them out and --missing mean "
            "fills them"
        )

    def _no_rows(self) -> DataError:
        if getattr(self._source, "header", False):
            return DataError(
                f"{self.path}: the file has a header line but no data rows: add rows of data "
                "below the header"
            )
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


def _label_kind(uniques: Any, label_type: str = "text") -> str:
    """``native`` (not text), ``str``, or for ``label_type="auto"`` the narrowest of
    ``int``, ``float``, ``bool`` and ``str`` every label reads as."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(uniques, pa.Array):
        return "native"
    if label_type == "text":
        return "str"
    for kind, typ in (("int", pa.int64()), ("float", pa.float64())):
        try:
            read = pc.cast(_unsigned_plus(uniques) if kind == "int" else uniques, typ)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        if kind == "float" and pc.any(pc.is_nan(read)).as_py():
            break  # NaN names no number: the labels are text (a class "NaN")
        return kind
    if set(pc.utf8_lower(uniques).to_pylist()) <= {"true", "false"}:
        return "bool"
    return "str"


def _unsigned_plus(values: Any) -> Any:
    """Text labels without a ``+`` before their digits (``+1`` reads as the integer 1, as
    ``-1`` reads as -1; Arrow's integer parser takes no plus sign, its float parser does)."""
    import pyarrow.compute as pc

    return pc.replace_substring_regex(values, pattern=r"^\+([0-9])", replacement=r"\1")


def _as_labels(values: Any, kind: str | None) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(values, pa.Array):
        return np.asarray(values)
    if kind == "int":
        return pc.cast(_unsigned_plus(values), pa.int64()).to_numpy()
    if kind == "float":
        return pc.cast(values, pa.float64()).to_numpy()
    if kind == "bool":
        return pc.equal(pc.utf8_lower(values), "true").to_numpy(zero_copy_only=False)
    return np.asarray(values.to_numpy(zero_copy_only=False), dtype=object)


# --------------------------------------------------------------------------- sources


class _MissingValue(DataError):
    """A missing value (the first met): :meth:`DataFile.read` counts them all."""


def _at_row(row: int, skipped: int | None = None) -> str:
    """Where a value is, as the command line numbers rows everywhere: its data row counted
    from 1 (the first row after the header is 1, as in the missing-value report, predict's
    and separable's messages) and, in a text file, its line (``skipped`` lines come before
    the first data row; the line is the row number a spreadsheet shows). Problems of the
    text itself (an unclosed quote, a NUL character, undecodable bytes before the data)
    name the line alone."""
    if skipped is None:
        return f"data row {row}"
    return f"data row {row} (line {row + skipped} of the file)"


def _missing(path: Path, column: str, where: str, kind: str = "text") -> DataError:
    """A missing value. ``kind``: ``text`` (a CSV number column: MISSING_SPELLINGS),
    ``labels`` (a CSV class-label column: only an empty field, any other text is a label
    as written), ``stored`` (Parquet, NumPy: a null or NaN)."""
    if kind == "stored":
        return _MissingValue(
            f"{path}: column {column!r} has a missing value at {where}: fill it in or drop "
            "that row (a null or NaN value)"
        )
    if kind == "labels":
        return _MissingValue(
            f"{path}: column {column!r} has a missing value at {where}: fill it in or drop "
            "that row (an empty field; in a class-label column any other text, NA and null "
            "too, is a label)"
        )
    return _MissingValue(
        f"{path}: column {column!r} has a missing value at {where}: fill it in or drop "
        f"that row (in a number column, empty fields, NaN in any spelling and {_MISSING_WORDS} "
        "count as missing)"
    )


_LINE_END = re.compile(r"\r\n|\n|\r")


class _CsvSource:
    """CSV/TSV through pyarrow's streaming reader (serial, so errors carry row numbers).

    The delimiter, the decimal mark and UTF-16/32 text are found as the module docstring
    says; a quote never closed is looked for once, after the first complete pass (or at
    the first error), by a count of the quote characters (their line only where it is
    odd)."""

    named = False

    def __init__(
        self,
        path: Path,
        fmt: str,
        header: bool | None,
        delimiter: str | None,
        encoding: str,
        decimal: str | None = None,
    ):
        self.path = path
        self.bom = False  # a UTF-8 byte order mark starts the file
        self.delimiter = delimiter or ("\t" if fmt == "tsv" else ",")
        if len(self.delimiter) != 1:
            raise DataError(f"--delimiter must be one character, got {self.delimiter!r}")
        try:
            codecs.lookup(encoding)
            b"a".decode(encoding, "ignore")  # rot13, base64: codecs, not text encodings
        except LookupError:
            raise DataError(
                f"{path}: {encoding!r} is not a text encoding: pass one such as utf-8, "
                "latin-1 or cp1252 (--encoding latin-1)"
            ) from None
        self.compression = _sniff_compression(path)
        _refuse_binary(path, fmt)
        self.encoding = self._detect_encoding(encoding)
        self.blank_lines = 0  # empty lines before the first line, skipped
        self.head_bytes = 0  # bytes up to the end of the first line
        self.rows_follow = True  # False: nothing but blank lines after the first line
        self._quotes_checked = False
        self._sample = ""  # the text from the first line on, about 64 KiB
        self.sep_line: str | None = None  # the delimiter of an Excel "sep=;" first line
        first = self._first_row(find_delimiter=delimiter is None)
        self.decimal_point = "."
        self.decimal_given = decimal is not None  # --decimal, not found in the file
        if decimal is not None:
            # a decimal comma in a comma-delimited file: the numbers are quoted ("3,39"),
            # as Google Sheets and LibreOffice write them, so the two cannot be confused
            self.decimal_point = decimal
        elif (self.delimiter != "," and _decimal_commas(self._sample, self.delimiter)) or (
            self.delimiter == "," and _quoted_decimal_commas(self._sample)
        ):
            self.decimal_point = ","
        self.header = _looks_like_header(first, self.decimal_point) if header is None else header
        self.guessed_no_header = header is None and not self.header
        self.named = self.header
        names = ["" if v is None else str(v).strip() for v in first]
        self.first_fields = names
        # a header field left empty (a trailing delimiter, as spreadsheets export): the
        # column gets a name, and is left out of the default features (see _unnamed)
        self.unnamed: list[str] = []
        if self.header:
            for i, name in enumerate(names):
                if name == "":
                    names[i] = f"(unnamed {i + 1})"
                    self.unnamed.append(names[i])
        self.columns = names if self.header else [str(i) for i in range(len(first))]
        if len(set(self.columns)) != len(self.columns):
            dup = sorted({c for c in self.columns if self.columns.count(c) > 1})
            raise DataError(
                f"{path}: the header names column(s) {dup} more than once: rename them"
            )

    def warn_unnamed(self, target: str | None) -> None:
        """Warn (``DataWarning``) when a column with no name in the header holds values in
        the first rows: it is left out of the features; an empty one (a trailing
        delimiter) is left out silently."""
        import pyarrow as pa
        import pyarrow.csv as pacsv

        from ..errors import DataWarning, warn

        unnamed = [c for c in self.unnamed if c != target]
        if not unnamed:
            return
        sample = self._sample
        cut = sample.rfind("\n")
        sample = sample[: cut + 1] if cut >= 0 else sample + "\n"
        try:
            table = pacsv.read_csv(
                pa.BufferReader(sample.encode("utf-8")),
                read_options=pacsv.ReadOptions(column_names=self.columns, skip_rows=1),
                parse_options=pacsv.ParseOptions(delimiter=self.delimiter),
                convert_options=pacsv.ConvertOptions(
                    include_columns=unnamed, column_types=dict.fromkeys(unnamed, pa.string())
                ),
            )
            filled = [
                c
                for c in unnamed
                if any(v.strip() for v in table.column(c).drop_null().to_pylist())
            ]
        except (pa.ArrowInvalid, ValueError):
            filled = unnamed
        if filled:
            warn(
                f"{self.path}: column(s) {', '.join(repr(c) for c in filled)} have no name in "
                "the header and hold values: they are left out of the features; give them a "
                "name in the header, or pick them with --features",
                DataWarning,
            )

    def _stream(self) -> Any:
        return open_stream(self.path, self.compression)

    def _detect_encoding(self, encoding: str) -> str:
        """``encoding``, or where it is UTF-8 the UTF-16/UTF-32 encoding the first bytes
        show: a byte order mark, or (UTF-16 without one) a NUL byte beside most
        characters, at odd offsets (little endian) or even ones (big endian)."""
        if codecs.lookup(encoding).name != "utf-8":
            return encoding
        try:
            with self._stream() as f:
                head = f.read(4096)
        except _decompression_errors():
            return encoding  # said when the file is read
        self.bom = head.startswith(codecs.BOM_UTF8)
        for bom, name in _UNICODE_BOMS:
            if head.startswith(bom):
                return name
        pairs = len(head) // 2
        if pairs >= 2:
            even, odd = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
            if odd >= 0.3 * pairs and even <= 0.02 * pairs:
                return "utf-16-le"
            if even >= 0.3 * pairs and odd <= 0.02 * pairs:
                return "utf-16-be"
        return self._legacy_encoding(encoding)

    def _legacy_encoding(self, encoding: str) -> str:
        """``encoding`` (UTF-8), or ``cp1252`` when the first MiB is not valid UTF-8 (a
        Spanish Excel on Windows saves "CSV" so: ``Año`` as ``A\xf1o``), or ``latin-1``
        when it is not valid cp1252 either. The encoding chosen is printed with the
        dialect; ``--encoding`` overrides it."""
        try:
            with self._stream() as f:
                head = f.read(_BLOCK_BYTES)
        except _decompression_errors():
            return encoding
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return "latin-1"
            return "cp1252"
        return encoding

    def _text_blocks(self) -> Iterator[str]:
        """The file decoded, in blocks of about 1 MiB (undecodable bytes replaced)."""
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        first = True
        with self._stream() as f:
            while True:
                raw = f.read(_BLOCK_BYTES)
                text = decoder.decode(raw, final=not raw)
                if first and text:
                    text, first = text.removeprefix("\ufeff"), False
                if text:
                    yield text
                if not raw:
                    return

    def _unclosed_quote(self) -> DataError | None:
        """The error for a quote that opens a field and is never closed (None: there is
        none), looked for once: a count of the quote characters first, the line only
        where the count is odd."""
        if self._quotes_checked:
            return self._quote_error
        self._quotes_checked, self._quote_error = True, None
        try:
            if _ascii_compatible(self.encoding):
                count = 0
                with self._stream() as f:
                    while raw := f.read(_BLOCK_BYTES):
                        count += raw.count(b'"')
            else:
                count = sum(block.count('"') for block in self._text_blocks())
            line = (
                None
                if count % 2 == 0
                else _unclosed_quote_line(self._text_blocks(), self.delimiter)
            )
        except (*_decompression_errors(), UnicodeError):
            return None
        if line is not None:
            self._quote_error = DataError(
                f'{self.path}: the quote (") that opens a field on line {line} is never '
                "closed: a quoted field must end with a quote (a quote inside it is written "
                'twice, ""); add the closing quote on that line, or remove the opening one'
            )
        return self._quote_error

    def _check_quotes(self) -> None:
        error = self._unclosed_quote()
        if error is not None:
            raise error

    def _first_line(self) -> str:
        """The first line that is not empty, decoded (``blank_lines`` counts those before)."""
        raw, eof, bad = b"", False, False
        with self._stream() as f:
            while not eof and len(raw) < _MAX_LINE_BYTES:
                more = f.read(max(_SAMPLE_BYTES, len(raw)))
                eof = not more
                raw += more
                try:
                    text = raw.decode(self.encoding)
                except UnicodeDecodeError as exc:  # bad bytes, or a character cut at the end
                    text = raw[: exc.start].decode(self.encoding)
                    bad = eof or exc.end < len(raw)
                else:
                    bad = False
                text = text.removeprefix("\ufeff")
                if eof and not bad and not text.strip():
                    break
                line, blank, end = _first_nonempty_line(text, complete=eof and not bad)
                hint = _EXCEL_SEP.fullmatch(line.strip()) if line is not None else None
                if hint is not None:  # Excel's "sep=;" line: the delimiter, not a row
                    line, more, after = _first_nonempty_line(text[end:], eof and not bad)
                    if line is None and not eof:
                        continue  # the next line is still to be read
                    self.sep_line = hint.group(1)
                    blank, end = blank + 1 + more, end + after
                    if line is None:
                        raise DataError(
                            f"{self.path}: the file holds only the line 'sep={hint.group(1)}' "
                            "(the delimiter, for Excel): it needs a header and rows of data"
                        )
                if line is not None:
                    self.blank_lines = blank
                    self.head_bytes = len(text[:end].encode(self.encoding, "replace"))
                    self.rows_follow = bool(text[end:].strip()) or not _blank_to_end(f, eof)
                    self._sample = line + "\n" + text[end:]
                    if "\x00" in line:
                        raise _nul_in_text(self.path, blank + 1, self.encoding)
                    return line
                if bad:
                    raise _undecodable(self.path, f"line {blank + 1}", self.encoding)
        if not text.strip():
            raise DataError(
                f"{self.path}: the file is empty: it needs rows of numbers (and may start "
                "with a header line)"
            )
        raise DataError(
            f"{self.path}: the first line is longer than {_size(_MAX_LINE_BYTES)}: check "
            "the delimiter and the line endings of the file"
        )

    def _first_row(self, find_delimiter: bool = False) -> list[Any]:
        """The fields of the first line, parsed by pyarrow. ``find_delimiter``: where the
        delimiter does not split the first lines into one number of fields (more than
        one), use the one of ``;``, tab, ``|`` and ``,`` that does (the most fields)."""
        import pyarrow as pa
        import pyarrow.csv as pacsv

        try:
            first_line = (self._first_line() + "\n").encode("utf-8")
        except _decompression_errors() as exc:
            raise _unreadable(self.path, exc) from exc
        if self.sep_line is not None and find_delimiter:  # the file says its delimiter
            self.delimiter, find_delimiter = self.sep_line, False

        def parse(delimiter: str) -> Any:
            return pacsv.read_csv(
                pa.BufferReader(first_line),
                read_options=pacsv.ReadOptions(
                    autogenerate_column_names=True,
                    use_threads=False,
                    block_size=max(_BLOCK_BYTES, 2 * len(first_line)),
                ),
                parse_options=pacsv.ParseOptions(delimiter=delimiter),
                convert_options=pacsv.ConvertOptions(strings_can_be_null=False),
            )

        try:
            table = parse(self.delimiter)
        except pa.ArrowInvalid as exc:
            self._check_quotes()
            raise _arrow_error(self.path, exc, []) from exc
        if find_delimiter:
            found = _delimiter_of(self._sample, self.delimiter)
            if found != self.delimiter:
                table, self.delimiter = parse(found), found
        row = [table.column(i)[0].as_py() for i in range(table.num_columns)]
        if any(isinstance(v, bytes) for v in row):
            raise _undecodable(self.path, "line 1", self.encoding)
        return row

    @property
    def _skipped(self) -> int:
        """Lines before the first data row: blank lines, and the header."""
        return self.blank_lines + int(self.header)

    def _options(
        self, include: list[str], types: dict, block_bytes: int, text_nulls: bool = True
    ) -> dict:
        """pyarrow's options; ``text_nulls=False``: text columns keep every field as
        written (an empty field is ``""``), number columns read MISSING_SPELLINGS as
        missing in any case."""
        import pyarrow.csv as pacsv

        return {
            "read_options": pacsv.ReadOptions(
                column_names=self.columns,
                skip_rows=self._skipped,
                block_size=block_bytes,
                encoding=self.encoding,
                use_threads=False,
            ),
            "parse_options": pacsv.ParseOptions(delimiter=self.delimiter),
            "convert_options": pacsv.ConvertOptions(
                include_columns=include,
                column_types=types,
                null_values=list(MISSING_SPELLINGS),
                strings_can_be_null=text_nulls,
                quoted_strings_can_be_null=text_nulls,
                decimal_point=self.decimal_point,
            ),
        }

    def _raw_batches(
        self, include: list[str], types: dict, chunk_bytes: int, text_nulls: bool = True
    ) -> Iterator[Any]:
        """pyarrow's record batches; a row longer than a block restarts the reader with
        larger blocks, skipping the rows already yielded. Raises pyarrow's errors."""
        import pyarrow as pa
        import pyarrow.csv as pacsv

        if not self.rows_follow and self.header:  # the header alone (pyarrow cannot skip it)
            return
        block = max(1 << 12, min(int(chunk_bytes), _BLOCK_BYTES))
        # the lines skipped (blank ones, the header) must fit in the first block
        block = min(max(block, 2 * self.head_bytes + 1024), _MAX_LINE_BYTES)
        done = 0
        while True:
            skip = done
            try:
                for batch in pacsv.open_csv(
                    self._stream(), **self._options(include, types, block, text_nulls)
                ):
                    if skip:
                        if batch.num_rows <= skip:
                            skip -= batch.num_rows
                            continue
                        batch, skip = batch.slice(skip), 0
                    done += batch.num_rows
                    yield batch
                self._check_quotes()  # pyarrow takes a quote left open as running to the end
                return
            except pa.ArrowInvalid as exc:
                if "straddling" not in str(exc) and "larger than block size" not in str(exc):
                    raise
                if block >= _MAX_LINE_BYTES:
                    self._check_quotes()
                    raise DataError(
                        f"{self.path}: a row after line {done + self._skipped} is longer than "
                        f"{_size(_MAX_LINE_BYTES)}, more than neurona reads in one piece: "
                        "check the line endings and quotes of the file, or shorten that row"
                    ) from exc
                block = min(4 * block, _MAX_LINE_BYTES)

    def _batches(
        self,
        include: list[str],
        types: dict,
        chunk_bytes: int,
        target: str | None = None,
        text_nulls: bool = True,
    ) -> Iterator[Any]:
        import pyarrow as pa

        try:
            yield from self._raw_batches(include, types, chunk_bytes, text_nulls)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            self._check_quotes()  # a quote left open makes ragged rows and odd values
            raise _arrow_error(
                self.path,
                exc,
                self.columns,
                self._locate,
                target,
                self.decimal_point,
                self.delimiter,
                skipped=self._skipped,
                decimal_given=self.decimal_given,
            ) from exc
        except _decompression_errors() as exc:  # a truncated or corrupted stream
            raise _unreadable(self.path, exc) from exc

    def target_chunks(self, target: str, chunk_bytes: int) -> Iterator[Any]:
        """The class labels, as written (an empty field is a missing value)."""
        import pyarrow as pa

        offset = 0
        types = {target: pa.string()}
        for batch in self._batches([target], types, chunk_bytes, target, text_nulls=False):
            yield self._no_nulls(batch, [target], offset, labels=target).column(0)
            offset += batch.num_rows

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
        labels = target if target is not None and target_kind == "labels" else None
        if target is not None:
            types[target] = pa.string() if labels else pa.float64()
            include.append(target)
        offset = 0
        batches = self._batches(include, types, chunk_bytes, target, text_nulls=not labels)
        for group in _grouped(batches, chunk_bytes):
            start = offset
            for batch in group:
                self._no_nulls(batch, include, offset, labels)
                offset += batch.num_rows
            X = _stack_batches(group, features)
            self._finite(X, features, start)
            y = None if target is None else pa.concat_arrays([b.column(target) for b in group])
            if y is not None and target_kind != "labels":
                y = y.to_numpy()
                self._finite(y[:, None], [target], start, target)
            yield X, y

    def raw_columns(self, names: list[str]) -> dict[str, np.ndarray]:
        """Whole columns read as text, then as numbers where every present value is one
        (see :meth:`DataFile.read_columns`)."""
        import pyarrow as pa

        parts: dict[str, list[Any]] = {name: [] for name in names}
        types = {name: pa.string() for name in names}
        for batch in self._batches(names, types, DEFAULT_CHUNK_BYTES):
            for name in names:
                parts[name].append(batch.column(name))
        out = {}
        for name in names:
            column = pa.chunked_array(parts[name], type=pa.string())
            out[name] = _text_or_numbers(column, self.decimal_point)
        return out

    def _finite(
        self, X: np.ndarray, names: list[str], start: int, target: str | None = None
    ) -> None:
        """Refuse infinities and numbers beyond float64 (NaN spelled otherwise too),
        quoting the text of the file."""
        found = _first_not_finite(X)
        if found is None:
            return
        i, j = found
        where = _at_row(start + i + 1, self._skipped)
        if np.isnan(X[i, j]):
            raise _missing(self.path, names[j], where)
        text = self._text_at(names[j], start + i)
        raise _not_finite(self.path, names[j], where, text if text is not None else X[i, j],
                          names[j] == target)  # fmt: skip

    def _text_at(self, column: str, row: int) -> str | None:
        """The text of ``column`` in data row ``row`` (0-based), or None."""
        import pyarrow as pa

        seen = 0
        try:
            for batch in self._raw_batches([column], {column: pa.string()}, 1 << 20):
                if row < seen + batch.num_rows:
                    return batch.column(0)[row - seen].as_py()
                seen += batch.num_rows
        except (pa.ArrowInvalid, DataError, *_decompression_errors()):
            return None
        return None

    def _no_nulls(
        self, batch: Any, include: list[str], offset: int, labels: str | None = None
    ) -> Any:
        """Refuse a missing value; in the class-label column ``labels`` (read with
        ``text_nulls=False``) that is an empty field."""
        import pyarrow.compute as pc

        for name in include:
            column = batch.column(name)
            if name == labels:
                absent = pc.equal(column, "")
                if not pc.any(absent).as_py():
                    continue
            elif column.null_count:
                absent = pc.is_null(column)
            else:
                continue
            i = int(pc.index(absent, True).as_py())
            where = _at_row(offset + i + 1, self._skipped)
            raise _missing(self.path, name, where, "labels" if name == labels else "text")
        return batch

    def _locate(self, column: str, text_only: bool) -> tuple[str, str | None] | None:
        """(where, text) of the first value of ``column`` that is not a number: where is
        its data row and line (:func:`_at_row`).

        ``text`` is None when the value is not valid text in the file's encoding;
        ``text_only`` looks for such values only.
        """
        import pyarrow as pa

        offset = 0
        try:
            for batch in self._raw_batches([column], {column: pa.binary()}, 1 << 20):
                for i, raw in enumerate(batch.column(0).to_pylist()):
                    bad = _bad_value(raw, self.decimal_point)
                    if bad is None or (bad is not False and not text_only):
                        return _at_row(offset + i + 1, self._skipped), bad
                offset += batch.num_rows
        except (pa.ArrowInvalid, DataError, *_decompression_errors()):
            return None
        return None


def _text_or_numbers(column: Any, decimal_point: str = ".") -> np.ndarray:
    """A pyarrow text column as float64 (NaN where missing) when every present value is a
    number, else as an object array of str (None where missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    trimmed = pc.utf8_trim_whitespace(column)
    if decimal_point == ",":
        trimmed = pc.replace_substring(trimmed, ",", ".")
    try:
        numbers = pc.cast(trimmed, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return np.asarray(column.to_pylist(), dtype=object)
    return numbers.to_numpy(zero_copy_only=False).astype(np.float64)


def _first_not_finite(X: np.ndarray) -> tuple[int, int] | None:
    """(row, column) of the first value of ``X`` that is not finite, or None."""
    if X.size == 0 or np.isfinite(X).all():
        return None
    i, j = np.argwhere(~np.isfinite(X))[0]
    return int(i), int(j)


def _not_finite(path: Path, column: str, where: str, value: Any, target: bool) -> DataError:
    """An infinity, or a number beyond float64's range, in a numeric column."""
    label = f"target column {column!r}" if target else f"column {column!r}"
    need = "a regression target" if target else "feature columns"
    text = str(value).strip()
    if re.fullmatch(r"[+-]?inf(inity)?", text, flags=re.I):
        return DataError(
            f"{path}: {label} at {where} holds {excerpt(text)}, an infinite value: {need} "
            "must hold finite numbers; replace it, or drop that row"
        )
    return DataError(
        f"{path}: {label} at {where} holds {excerpt(text)}, which is beyond the range of "
        f"float64 (magnitudes up to about 1.8e308): neurona computes in float64; scale "
        "the column down (another unit), or drop that row"
    )


def _size(n: int) -> str:
    return f"{n >> 20} MiB" if n >= 1 << 20 else f"{n >> 10} KiB"


def _blank_to_end(f: Any, eof: bool) -> bool:
    """Whether the stream ``f`` holds nothing but spaces, tabs and line ends from here on
    (read as bytes; a multi-byte encoding's NUL bytes count as blank too)."""
    while not eof:
        more = f.read(_SAMPLE_BYTES)
        eof = not more
        if more.translate(None, b" \t\r\n\x00"):
            return False
    return True


def _first_nonempty_line(text: str, complete: bool) -> tuple[str | None, int, int]:
    """(the first line of ``text`` that is not blank, how many blank lines precede it, where
    in ``text`` it ends); the line is None while it may continue past the end of ``text``
    (unless ``complete``). A blank line is empty or holds spaces and tabs only."""
    start, blank = 0, 0
    for end in _LINE_END.finditer(text):
        line = text[start : end.start()]
        if line.strip():
            return line, blank, end.end()
        blank += 1
        start = end.end()
    rest = text[start:]
    if complete and rest.strip():
        return rest, blank, len(text)
    return None, blank, len(text)


#: Excel's first line naming the delimiter (``sep=;``), skipped like a blank line
_EXCEL_SEP = re.compile(r"sep=(.)")
#: byte order marks -> the codec that reads the text after them (UTF-32 before UTF-16:
#: the UTF-32 little-endian mark starts with the UTF-16 one)
_UNICODE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                 (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
#: delimiters tried, in this order, where the one asked for leaves the first line one field
_OTHER_DELIMITERS = (";", "\t", "|", ",")


def _delimiter_of(sample: str, default: str, lines: int = 50) -> str:
    """``default``, unless it does not split the first ``lines`` lines of ``sample`` into
    one number of fields (more than one) and another of :data:`_OTHER_DELIMITERS` does:
    then the one of those that gives the most fields."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    parts = _LINE_END.split(sample, maxsplit=lines)
    head = ("\n".join(parts[: max(1, min(lines, len(parts) - 1))]) + "\n").encode("utf-8")

    def fields(delimiter: str) -> int:
        if delimiter.encode() not in head:
            return 1
        try:
            table = pacsv.read_csv(
                pa.BufferReader(head),
                read_options=pacsv.ReadOptions(
                    autogenerate_column_names=True,
                    use_threads=False,
                    block_size=max(_BLOCK_BYTES, 2 * len(head)),
                ),
                parse_options=pacsv.ParseOptions(delimiter=delimiter),
                convert_options=pacsv.ConvertOptions(
                    column_types={}, strings_can_be_null=False, include_columns=[]
                ),
            )
        except pa.ArrowInvalid:
            return 0
        return table.num_columns

    if fields(default) > 1:
        return default
    found = {d: fields(d) for d in _OTHER_DELIMITERS if d != default}
    best = max(found, key=lambda d: found[d], default=default)
    return best if found.get(best, 0) > 1 else default


def _ascii_compatible(encoding: str) -> bool:
    """Whether ``encoding`` writes the quote, the line ends and ASCII as ASCII bytes (so a
    quote byte is a quote character): UTF-8, Latin-1 and the like, not UTF-16."""
    try:
        return 'a"\r\n'.encode(encoding) == b'a"\r\n'
    except (LookupError, UnicodeError):
        return False


def _line_ends(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _unclosed_quote_line(blocks: Iterator[str], delimiter: str) -> int | None:
    """The line (1-based) on which a quoted field opens that the text never closes, or
    None. pyarrow's rules: a quote opens a quoted field at the start of a field only
    (after a delimiter or a line end, or at the start of the text), elsewhere it is a
    character; inside, two quotes stand for one and one quote closes the field."""
    inside, opened, line, before = False, None, 1, "\n"
    for text in _whole_pairs(blocks):
        i = text.find('"')
        while i != -1:
            if inside:
                if i + 1 < len(text) and text[i + 1] == '"':
                    i = text.find('"', i + 2)
                    continue
                inside = False
            elif (text[i - 1] if i else before) in (delimiter, "\n", "\r"):
                inside, opened = True, (line, text, i)
            i = text.find('"', i + 1)
        before = text[-1]
        line += _line_ends(text)
    if not inside or opened is None:
        return None
    start, text, i = opened
    return start + _line_ends(text[:i])


def _whole_pairs(blocks: Iterator[str]) -> Iterator[str]:
    """``blocks`` cut so that none but the last ends in a quote or a carriage return (a
    ``""`` or ``\r\n`` is never split between two blocks)."""
    carry = ""
    for block in blocks:
        text = carry + block
        cut = len(text.rstrip('"\r'))
        carry = text[cut:]
        if cut:
            yield text[:cut]
    if carry:
        yield carry


#: first bytes of the binary formats a text file may be misnamed for: (name, format)
_BINARY_MAGIC = ((b"PAR1", ("Parquet", "parquet")), (b"\x93NUMPY", ("NumPy .npy", "npy")),
                 (b"PK\x03\x04", ("zip (.npz)", "npz")))  # fmt: skip


_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_members(path: Path) -> list[str]:
    """The member names of the zip file ``path`` ([] when it cannot be listed)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []


def _refuse_binary(path: Path, fmt: str) -> None:
    """A Parquet, ``.npy`` or ``.npz`` file named as text (``data.csv``): said so, not
    read as text full of NUL characters."""
    codec = _sniff_compression(path)
    if codec is None:
        with open(path, "rb") as f:
            head = f.read(8)
    else:
        try:
            with open_stream(path, codec) as f:
                head = f.read(8)
        except Exception:  # a damaged stream is said when it is read
            return
    after = head[4:5]
    if head.startswith(b"PAR1") and (not after or 0x20 <= after[0] < 0x7F or after in b"\t\r\n"):
        return  # a header "PAR1,...": Parquet's page header follows in binary
    if head.startswith(_OLE2_MAGIC):  # Excel 97-2003 (and other Office files)
        raise _spreadsheet(path)
    if head.startswith(b"ARROW1"):
        raise DataError(
            f"{path}: the file starts as an Arrow IPC (Feather) file does, which neurona does "
            "not read: write the table as Parquet (pyarrow.parquet.write_table) and pass that "
            "file"
        )
    if head.startswith(b"PK\x03\x04") and codec is None:
        inside = _zip_members(path)
        if any(n.startswith("xl/") or n == "content.xml" for n in inside):
            raise _spreadsheet(path)
        if inside and not all(n.endswith(".npy") for n in inside):
            raise _archive(path, inside)
    for magic, (name, ext) in _BINARY_MAGIC:
        if head.startswith(magic):
            raise DataError(
                f"{path}: the file starts as a {name} file does, not as {fmt.upper()} text: "
                f"name it *.{ext}, or pass --format {ext}"
            )


def _nul_in_text(path: Path, line: int, encoding: str) -> DataError:
    return DataError(
        f"{path}: line {line} holds NUL characters, which {encoding} text does not: the file "
        "looks like UTF-16 or UTF-32 text, or is not a text file; save it as UTF-8, or pass "
        "its encoding with --encoding (e.g. --encoding utf-16)"
    )


def _decimal_commas(sample: str, delimiter: str) -> bool:
    """Whether the numbers of a file not delimited by commas are written with a decimal
    comma (``1,5``): some field of its first lines is such a number, and none is
    written with a decimal point."""
    fields: list[str] = []
    for line in _LINE_END.split(sample, maxsplit=200)[:200]:
        fields += [f.strip().strip('"') for f in line.split(delimiter)]
    if any(_POINT_NUMBER.fullmatch(f) for f in fields):
        return False
    return any(_COMMA_NUMBER.fullmatch(f) for f in fields)


def _quoted_decimal_commas(sample: str) -> bool:
    """Whether a comma-delimited file writes its numbers with a decimal comma inside
    quotes (``1000,"3,39",Sí``, as a Spanish Google Sheets or LibreOffice export does):
    some field of its first lines is such a number (a field holding a comma was quoted),
    none is written with a decimal point, and not all of them have exactly three digits
    after the comma (``"1,234"`` may be a thousands separator)."""
    import csv

    lines = _LINE_END.split(sample, maxsplit=200)[:200]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last line of the sample may be cut short
    try:
        fields = [f.strip() for row in csv.reader(lines) for f in row]
    except csv.Error:  # a field beyond csv's limit (a huge header): no numbers to judge
        return False
    if any(_POINT_NUMBER.fullmatch(f) for f in fields):
        return False
    commas = [f for f in fields if _COMMA_NUMBER.fullmatch(f)]
    return any(len(f.split(",")[1].split("e")[0].split("E")[0]) != 3 for f in commas)


_COMMA_NUMBER = re.compile(r"[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?")
_POINT_NUMBER = re.compile(r"[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?")


def _bad_value(raw: bytes | None, decimal_point: str = ".") -> str | bool | None:
    """False for a number (or a missing value), None for undecodable bytes, else the text.

    pyarrow has already decoded the file's encoding into UTF-8: only a UTF-8 file's bad
    bytes reach here undecoded."""
    if raw is None:
        return False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if _not_number(text, decimal_point) else False


def _unreadable(path: Path, exc: BaseException) -> DataError:
    reason = getattr(exc, "strerror", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    return DataError(
        f"{path}: cannot read the file ({reason}): it may be truncated or corrupted, or "
        "compressed in a way its name does not say"
    )


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


def _not_number(text: str, decimal_point: str = ".") -> bool:
    if "_" in text or not text.isascii():  # 1_000, ５: Python's float reads them, pyarrow not
        return True
    if decimal_point != ".":
        if "." in text:
            return True
        text = text.replace(decimal_point, ".")
    try:
        float(text)
    except ValueError:
        return True
    return False


def _looks_like_header(first: list[Any], decimal_point: str = ".") -> bool:
    """A first line is a header when none of its fields reads as a number."""
    return not any(
        isinstance(v, int | float) or (isinstance(v, str) and not _not_number(v, decimal_point))
        for v in first
    )


def _stack(columns: list[Any], rows: int) -> np.ndarray:
    """Float64 columns of ``rows`` values -> C-ordered ``(rows, p)`` (``p`` may be 0: the
    target alone is read)."""
    out = np.empty((rows, len(columns)), dtype=np.float64)
    for j, col in enumerate(columns):
        out[:, j] = col.to_numpy()
    return out


def _undecodable(path: Path, where: str, encoding: str) -> DataError:
    return DataError(
        f"{path}: {where} is not valid {encoding} text: re-save the file as UTF-8, or pass "
        "its encoding with --encoding (e.g. --encoding latin-1)"
    )


def _unreadable_numpy(path, exc: BaseException) -> DataError:
    """The refusal of a .npy/.npz file NumPy could not read, with NumPy's reason."""
    return DataError(
        f"{path}: not a readable NumPy file ({_first_line_of(str(exc))}): the file "
        "may be truncated or corrupted; NumPy files must hold plain numeric arrays "
        "(no pickled objects)"
    )


def _first_line_of(text: str, limit: int = 200) -> str:
    line = (text.splitlines() or [""])[0]
    return line if len(line) <= limit else line[:limit] + "…"


_ROW = re.compile(r"Row #(\d+)")
_COLUMN = re.compile(r"column #(\d+)")
_FIELDS = re.compile(r"Expected (\d+) columns, got (\d+)")
_VALUE = re.compile(r"invalid value '(.*)'", re.S)


def _arrow_error(
    path: Path,
    exc: Exception,
    columns: list[str],
    locate=None,
    target: str | None = None,
    decimal_point: str = ".",
    delimiter: str = ",",
    skipped: int | None = None,
    decimal_given: bool = False,
) -> DataError:
    """A pyarrow CSV error as a one-line DataError naming the row or column and the fix.

    ``columns`` are the file's columns: pyarrow numbers a column by its place in the file;
    ``decimal_point``: the one the file's numbers are read with.
    """
    text = str(exc)
    if isinstance(exc, LookupError):
        return DataError(f"{path}: unknown text encoding ({exc}): pass e.g. --encoding latin-1")
    if "Empty CSV file" in text:
        return DataError(f"{path}: the file is empty: it needs a header line and rows of data")
    fields = _FIELDS.search(text)
    if fields:
        row = _ROW.search(text)
        line = int(row.group(1)) if row else None
        where = (
            "a line"
            if line is None
            else f"line {line}"
            if skipped is None or line <= skipped
            else _at_row(line - skipped, skipped)
        )
        if text[fields.end() :].lstrip(": ").startswith("#"):
            return DataError(
                f"{path}: {where} starts with '#', a comment, but a CSV file holds none: "
                "delete the comment lines (those starting with '#')"
            )
        return DataError(
            f"{path}: {where} has {fields.group(2)} fields but the file has "
            f"{fields.group(1)} columns: fix that line (a missing field, or a delimiter "
            "inside an unquoted value), or pass the right --delimiter"
        )
    col = _COLUMN.search(text)
    name = columns[int(col.group(1))] if col and int(col.group(1)) < len(columns) else None
    value = _VALUE.search(text)
    if "invalid UTF8" in text or value:
        found = locate(name, "invalid UTF8" in text) if locate and name is not None else None
        where = f" at {found[0]}" if found else ""
        shown = found[1] if found else (value.group(1) if value else None)
        label = repr(name) if name is not None else "a column"
        if shown is None or "\ufffd" in shown:
            return _undecodable(path, f"column {label}{where}", "UTF-8")
        hint = _decimal_hint(shown, decimal_point, delimiter, decimal_given)
        if name is not None and name == target:
            return DataError(
                f"{path}: target column {label}{where} holds {excerpt(shown)}, which is not a "
                f"number{hint}: a regression target must be numeric; for class labels use a "
                "classifier (--model perceptron or adaline)"
            )
        return DataError(
            f"{path}: column {label}{where} holds {excerpt(shown)}, which is not a number"
            f"{hint}: feature columns must be numeric; leave it out with --features, or "
            "pass --one-hot to encode its values as 0/1 columns"
        )
    return DataError(f"{path}: cannot read the file as CSV: {_first_line_of(text)}")


#: a number written with digit groups (1,000.5; 1.000,5; 1 000; 1'000), its sign apart
_GROUPED = re.compile(
    r"[+-]?\d{1,3}(?P<sep>[,. '\u00a0\u202f_])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
)
#: a currency sign or code before or after a number
_CURRENCY = re.compile(r"^[+-]?(?:[$€£¥₹₩₽¢]|[A-Z]{3}\s?)|(?:[$€£¥₹₩₽¢]|\s?[A-Z]{3})$")


def _written_number(text: str, decimal_point: str) -> str:
    """Why ``text``, a number as people write one (digit groups, a percent sign, a
    currency), is not read as one: the hint, or ``""``."""
    if text.endswith("%") and not _not_number(text[:-1].strip(), decimal_point):
        return (
            " (a percent sign: numbers are read without one; write 10% as 10 or as 0.10, "
            "and the same way in every row)"
        )
    bare = _CURRENCY.sub("", text).strip()
    if (
        bare != text
        and bare
        and (not _not_number(bare, decimal_point) or _GROUPED.fullmatch(bare))
    ):
        return (
            " (a currency sign or code: numbers are read without one; write the amount "
            "alone, 10.5, and name the currency in the column's header)"
        )
    grouped = _GROUPED.fullmatch(text)
    if grouped and grouped.group("sep") != decimal_point:
        return (
            f" (digits grouped by {grouped.group('sep')!r}: numbers are read without "
            f"thousands separators; write 1000, not 1{grouped.group('sep')}000)"
        )
    return ""


def _decimal_hint(
    shown: str, decimal_point: str, delimiter: str = ",", decimal_given: bool = False
) -> str:
    """Why a number written with the other decimal mark (or numbers joined by another
    delimiter) is not one, or ``""``; ``decimal_given``: the mark came from --decimal."""
    text = shown.strip()
    if text.startswith("#"):
        return " (a comment: a CSV file holds none; delete the lines starting with '#')"
    if decimal_given and decimal_point == "," and _POINT_NUMBER.fullmatch(text):
        return (
            " (a decimal point: --decimal ',' reads every number with a decimal comma; "
            "leave --decimal out, or pass --decimal '.')"
        )
    if decimal_given and decimal_point == "." and _COMMA_NUMBER.fullmatch(text):
        return (
            " (a decimal comma: --decimal '.' reads every number with a decimal point; "
            "leave --decimal out, or pass --decimal ',')"
        )
    if decimal_point == "." and _COMMA_NUMBER.fullmatch(text):
        return (
            " (a decimal comma: numbers are read with a decimal point, 1.5, except in a file "
            "delimited by ';' or tabs whose numbers all have a decimal comma)"
        )
    if decimal_point == "," and _POINT_NUMBER.fullmatch(text):
        return (
            " (a decimal point: the file's first lines write numbers with a decimal comma, "
            "1,5, so every number is read so; write them all one way)"
        )
    written = _written_number(text, decimal_point)
    if written:
        return written
    other = [d for d in _OTHER_DELIMITERS if d != delimiter and d in text]
    if other and all(not _not_number(part, decimal_point) for part in text.split(other[0])):
        return (
            f" (numbers joined by {other[0]!r}: if the file is delimited so, pass "
            f"--delimiter {other[0]!r})"
        )
    return ""


def _exactly_float(path: Path, values: np.ndarray, name: str, offset: int, where: str) -> None:
    """Refuse integers that float64 cannot hold exactly (beyond ±2**53)."""
    if values.dtype.kind not in "iu" or values.dtype.itemsize < 8 or not values.size:
        return
    bad = values > _EXACT_INT
    if values.dtype.kind == "i":
        bad |= values < -_EXACT_INT
    if bad.any():
        i = int(np.argmax(bad))
        raise DataError(
            f"{path}: column {name!r} holds the integer {values[i]} at {_at_row(offset + i + 1)}, "
            f"which float64 cannot hold exactly (beyond ±2**53 = {_EXACT_INT}): neurona "
            "computes in float64; scale the column down, or store it as floating point if "
            "rounding is acceptable"
        )


class _ParquetSource:
    """Parquet through pyarrow, row group batches of about ``chunk_bytes``."""

    named = True

    def __init__(self, path: Path, fmt: str, header, delimiter, encoding):
        import pyarrow as pa
        import pyarrow.parquet as pq

        del fmt, header, delimiter, encoding
        self.path = path
        try:
            self.file = pq.ParquetFile(str(path) if _utf8(path) else pa.OSFile(os.fsencode(path)))
        except (pa.ArrowInvalid, OSError) as exc:
            raise DataError(
                f"{path}: not a readable Parquet file ({_first_line_of(str(exc))}): check "
                "that the file is complete, or that its extension matches its format"
            ) from exc
        self.columns = list(self.file.schema_arrow.names)
        if len(set(self.columns)) != len(self.columns):  # pyarrow finds neither by name
            dup = sorted({c for c in self.columns if self.columns.count(c) > 1})
            raise DataError(f"{path}: the file names column(s) {dup} more than once: rename them")

    def _batch_rows(self, n_columns: int, chunk_bytes: int) -> int:
        return max(16, int(chunk_bytes) // (8 * max(1, n_columns)))

    def _iter(self, include: list[str], chunk_bytes: int) -> Iterator[Any]:
        import pyarrow as pa

        rows = self._batch_rows(len(include), chunk_bytes)
        try:
            yield from self.file.iter_batches(batch_size=rows, columns=include)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError) as exc:
            raise DataError(
                f"{self.path}: cannot read the Parquet file ({_first_line_of(str(exc))}): "
                "check that the file is complete"
            ) from exc

    def _type(self, name: str) -> Any:
        return self.file.schema_arrow.field(name).type

    def _check_target(self, target: str, target_kind: str) -> None:
        import pyarrow as pa

        typ = self._type(target)
        if pa.types.is_dictionary(typ):
            typ = typ.value_type
        numeric = _arrow_numeric(typ)
        if target_kind != "labels":
            if not numeric:
                raise DataError(
                    f"{self.path}: target column {target!r} has type {typ}, not numbers: a "
                    "regression target must be numeric (use a classifier for labels)"
                )
            return
        text = pa.types.is_string(typ) or pa.types.is_large_string(typ)
        if not (numeric or text or pa.types.is_boolean(typ)):
            raise DataError(
                f"{self.path}: target column {target!r} has type {typ}: class labels must "
                "be text, integers, numbers or booleans; choose another --target, or store "
                "the labels as one plain column"
            )

    def raw_columns(self, names: list[str]) -> dict[str, np.ndarray]:
        """Whole columns: numbers and booleans as float64 (NaN where missing), anything
        else as an object array of str (None where missing)."""
        import pyarrow as pa

        table = pa.Table.from_batches(list(self._iter(names, DEFAULT_CHUNK_BYTES)))
        out = {}
        for name in names:
            column = table.column(name)
            if pa.types.is_dictionary(column.type):  # a ChunkedArray: decoded by a cast
                column = column.cast(column.type.value_type)
            typ = column.type
            if _arrow_numeric(typ) or pa.types.is_boolean(typ):
                values = column.cast(pa.float64()).to_numpy()
                out[name] = np.asarray(values, dtype=np.float64)
            else:
                out[name] = np.asarray(
                    [None if v is None else str(v) for v in column.to_pylist()], dtype=object
                )
        return out

    def target_chunks(self, target: str, chunk_bytes: int) -> Iterator[Any]:
        self._check_target(target, "labels")
        offset = 0
        for batch in self._iter([target], chunk_bytes):
            _parquet_nulls(self.path, batch, [target], offset)
            labels = _native_labels(batch.column(0))
            _nan_labels(self.path, labels, target, offset)
            offset += batch.num_rows
            yield labels

    def chunks(self, features, target, target_kind, chunk_bytes=DEFAULT_CHUNK_BYTES):
        import pyarrow as pa

        for name in features:
            typ = self._type(name)
            if pa.types.is_dictionary(typ):
                typ = typ.value_type
            if pa.types.is_string(typ) or pa.types.is_large_string(typ):
                raise DataError(
                    f"{self.path}: column {name!r} has type {typ}, not numbers: feature "
                    "columns must be numeric; leave it out with --features, or pass --one-hot "
                    "to encode its values as 0/1 columns"
                )
            if not (_arrow_numeric(typ) or pa.types.is_boolean(typ)):
                raise DataError(
                    f"{self.path}: column {name!r} has type {typ}, not numbers: feature "
                    "columns must be numeric; leave it out with --features, or store it as "
                    "numbers"
                )
        if target is not None:
            self._check_target(target, target_kind)
        include = [*features, *([target] if target is not None else [])]
        offset = 0
        for batch in self._iter(include, chunk_bytes):
            _parquet_nulls(self.path, batch, include, offset)
            columns = []
            for f in features:
                column = batch.column(f)
                if pa.types.is_dictionary(column.type):
                    column = column.dictionary_decode()
                if pa.types.is_integer(column.type):
                    _exactly_float(self.path, column.to_numpy(), f, offset, "row")
                columns.append(column.cast(pa.float64()))
            X = _stack(columns, batch.num_rows)
            _rows_finite(self.path, X, features, offset)
            y = None
            if target is not None:
                col = batch.column(target)
                if target_kind == "labels":
                    y = _native_labels(col)
                    _nan_labels(self.path, y, target, offset)
                else:
                    y = _numbers(self.path, col, target, offset)
                    _rows_finite(self.path, y[:, None], [target], offset, target)
            offset += batch.num_rows
            yield X, y


def _nan_labels(path: Path, labels: np.ndarray, name: str, offset: int) -> None:
    """Refuse NaN among a class target's values (a Parquet or NumPy float column): a
    missing label, as an empty CSV field is, never a class of its own."""
    if labels.dtype.kind in "fc":
        found = np.flatnonzero(np.isnan(labels))
        if found.size:
            raise _missing(path, name, _at_row(offset + int(found[0]) + 1), "stored")


def _arrow_numeric(typ: Any) -> bool:
    """Whether an Arrow type holds numbers read as float64: integers, floating point
    and decimals (exact decimal fractions, rounded to float64 as any text number is)."""
    import pyarrow as pa

    return pa.types.is_integer(typ) or pa.types.is_floating(typ) or pa.types.is_decimal(typ)


def _native_labels(column: Any) -> np.ndarray:
    import pyarrow as pa

    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    values = column.to_numpy(zero_copy_only=False)
    return np.asarray(values, dtype=object) if values.dtype == object else values


def _numbers(path: Path, column: Any, name: str, offset: int = 0) -> np.ndarray:
    import pyarrow as pa

    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    if pa.types.is_integer(column.type):
        _exactly_float(path, column.to_numpy(), name, offset, "row")
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
            raise _missing(path, name, _at_row(offset + i + 1), "stored")


_NPY_MAGIC, _ZIP_MAGIC = b"\x93NUMPY", b"PK\x03\x04"


class _NumpySource:
    """``.npy`` (a 2-D array) or ``.npz`` (``X`` and ``y``, or one 2-D array), memory-mapped.

    Which of the two a file is comes from its first bytes, not its name."""

    named = False

    def __init__(self, path: Path, fmt: str, header, delimiter, encoding):
        del fmt, header, delimiter, encoding
        self.path = path
        self.X, self.y = self._load(path)
        self.columns = [str(i) for i in range(self.X.shape[1])]
        if self.y is not None:
            self.columns.append("y")

    def _load(self, path: Path) -> tuple[np.ndarray, np.ndarray | None]:
        import zipfile
        import zlib

        with open(path, "rb") as f:
            head = f.read(len(_NPY_MAGIC))
        if not (head.startswith(_NPY_MAGIC) or head.startswith(_ZIP_MAGIC)):
            raise DataError(
                f"{path}: not a readable NumPy file (it starts like neither an .npy nor an "
                ".npz file): check that the file is complete, or that its extension matches "
                "its format"
            )
        try:
            if head.startswith(_NPY_MAGIC):
                return _matrix(path, np.load(path, mmap_mode="r", allow_pickle=False)), None
            with np.load(path, allow_pickle=False) as npz:
                return _from_npz(path, npz)
        except DataError:
            raise
        except ValueError as exc:
            if "allow_pickle" in str(exc):  # NumPy's refusal of an object array
                raise DataError(
                    f"{path}: an array in the file holds Python objects (dtype object, such "
                    "as labels of mixed types), which are only read by unpickling them, and "
                    "neurona never unpickles: save the labels as text (np.str_) or numbers"
                ) from exc
            raise _unreadable_numpy(path, exc) from exc
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            raise _unreadable_numpy(path, exc) from exc

    def target_chunks(self, target: str, chunk_bytes: int) -> Iterator[np.ndarray]:
        column = self._column(target)
        step = max(16, int(chunk_bytes) // 8)
        for start in range(0, column.shape[0], step):
            labels = np.asarray(column[start : start + step])
            _nan_labels(self.path, labels, target, start)
            yield labels

    def _column(self, name: str) -> np.ndarray:
        return self.y if name == "y" and self.y is not None else self.X[:, int(name)]

    def raw_columns(self, names: list[str]) -> dict[str, np.ndarray]:
        """Whole columns as float64 (NaN stays NaN: a missing value)."""
        return {name: np.asarray(self._column(name), dtype=np.float64) for name in names}

    def chunks(self, features, target, target_kind, chunk_bytes=DEFAULT_CHUNK_BYTES):
        cols = [int(f) if f != "y" else None for f in features]
        if None in cols:
            raise DataError(f"{self.path}: 'y' is the target array, not a feature column")
        step = max(16, int(chunk_bytes) // (8 * (len(cols) + 1)))
        for start in range(0, self.X.shape[0], step):
            block = np.asarray(self.X[start : start + step, cols])
            for j, name in enumerate(features):
                _exactly_float(self.path, block[:, j], name, start, "row")
            X = np.array(block, dtype=np.float64, order="C")
            _numpy_finite(self.path, X, features, start)
            y = None
            if target is not None:
                y = np.asarray(self._column(target)[start : start + step])
                if target_kind == "labels":
                    _nan_labels(self.path, y, target, start)
                else:
                    if y.dtype.kind not in "biuf":
                        raise DataError(
                            f"{self.path}: target column {target!r} holds {y.dtype}, not "
                            "numbers: a regression target must be numeric (use a classifier "
                            "for labels)"
                        )
                    _exactly_float(self.path, y, target, start, "row")
                    y = y.astype(np.float64)
                    _numpy_finite(self.path, y[:, None], [target], start, target)
            yield X, y


def _matrix(path: Path, array: np.ndarray) -> np.ndarray:
    if not isinstance(array, np.ndarray) or array.ndim != 2 or array.dtype.kind not in "biuf":
        what = (
            f"a {array.ndim}-D array of {array.dtype}"
            if isinstance(array, np.ndarray)
            else type(array).__name__
        )
        raise DataError(
            f"{path}: holds {what}; a data file needs a 2-D numeric array (n_samples, "
            "n_columns), or an .npz with arrays X and y"
        )
    return array


def _from_npz(path: Path, npz: Any) -> tuple[np.ndarray, np.ndarray | None]:
    names = list(npz.files)
    if not names:
        raise DataError(
            f"{path}: holds no arrays: an .npz data file holds X and, optionally, y (or one "
            "2-D array): save them as np.savez(FILE, X=X, y=y)"
        )
    extra = [n for n in names if n not in ("X", "y")]
    if "X" in names and extra:  # never read: a weight or label array left out unnoticed
        raise DataError(
            f"{path}: holds the arrays {_quoted(names)}; an .npz data file holds X and, "
            f"optionally, y (or one 2-D array), and neurona would not read {_quoted(extra)}: "
            "save only X and y (np.savez(FILE, X=X, y=y))"
        )
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
        f"{path}: holds the arrays {_quoted(names)}; an .npz data file holds X and, "
        "optionally, y (or one 2-D array): save them as np.savez(FILE, X=X, y=y)"
    )


def _quoted(names: list[str]) -> str:
    """Array names as a short list, each quoted (a name is a value, never a word)."""
    return listing([repr(n) for n in names])


def _numpy_finite(
    path: Path, X: np.ndarray, names: list[str], start: int, target: str | None = None
) -> None:
    _rows_finite(path, X, names, start, target)


def _rows_finite(
    path: Path, X: np.ndarray, names: list[str], start: int, target: str | None = None
) -> None:
    """Refuse NaN (a missing value) and infinities in a Parquet or NumPy block."""
    found = _first_not_finite(X)
    if found is None:
        return
    i, j = found
    where = _at_row(start + i + 1)
    if np.isnan(X[i, j]):
        raise _missing(path, names[j], where, "stored")
    raise _not_finite(path, names[j], where, X[i, j], names[j] == target)


_SOURCES = {
    "csv": _CsvSource,
    "tsv": _CsvSource,
    "parquet": _ParquetSource,
    "npy": _NumpySource,
    "npz": _NumpySource,
}
