"""Input validation: scikit-learn's checks, re-raised as neurona errors that say what to do."""

from __future__ import annotations

import contextlib
import datetime
import decimal
import fractions
from collections.abc import Iterator
from typing import Any

import numpy as np
from sklearn.utils import assert_all_finite
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_array, validate_data

from .errors import DataError, DataTypeError, NeuronaError, ParameterError

__all__ = [
    "as_input",
    "as_labels",
    "as_matrix",
    "check_finite",
    "check_label_kinds",
    "check_labels",
    "check_params",
    "data_errors",
    "encode_labels",
    "untensor",
    "validate_fit",
    "validate_predict",
]

FLOATS = (np.float64, np.float32)


def floats_for(a) -> tuple:
    """The float dtypes validation converts ``a`` to, the first where its own is neither:
    float32 first when every value of ``a`` is a float32 in another guise (a big-endian
    ``'>f4'`` array, a pyarrow table or array of float32 columns, a pandas ``Float32``
    column), which scikit-learn would make float64; float64 first otherwise."""
    return FLOATS[::-1] if _all_float32(a) else FLOATS


def _all_float32(a) -> bool:
    dtype = getattr(a, "dtype", None)
    if isinstance(dtype, np.dtype):
        return dtype.kind == "f" and dtype.itemsize == 4
    module = type(a).__module__.split(".")[0]
    if module == "pyarrow":
        import pyarrow as pa

        schema = getattr(a, "schema", None)
        types = [f.type for f in schema] if schema is not None else [getattr(a, "type", None)]
        return bool(types) and all(t == pa.float32() for t in types)
    if module == "pandas":
        dtypes = getattr(a, "dtypes", None)
        dtypes = list(dtypes) if hasattr(dtypes, "__iter__") else [getattr(a, "dtype", None)]
        return bool(dtypes) and all(str(t).lower() == "float32" for t in dtypes)
    return False


#: substring of scikit-learn's message -> what the user should do
_HINTS: tuple[tuple[str, str], ...] = (
    ("NaN", "remove or impute the missing values (e.g. sklearn.impute.SimpleImputer)"),
    ("infinity", "replace the infinite values, or drop those rows"),
    (
        "could not convert",
        "encode text columns as numbers (e.g. sklearn.preprocessing.OneHotEncoder), or drop them",
    ),
    ("must be a string", "pass numbers only; encode other values as numbers first"),
    (
        "inhomogeneous shape",
        "every row of X needs the same number of values: the rows have different lengths; "
        "pad the short rows or drop them",
    ),
    (
        "while dim <= 2",
        "pass X as (n_samples, n_features): X.reshape(len(X), -1) flattens each sample",
    ),
    (
        "Expected 2D array",
        "pass X as (n_samples, n_features): X.reshape(-1, 1) for one "
        "feature, X.reshape(1, -1) for one sample",
    ),
    (
        "inconsistent numbers of samples",
        "X and y need one entry per sample: check that they come from the same rows",
    ),
    ("minimum of", "pass at least one sample and one feature"),
    ("features, but", "pass the same feature columns, in the same order, as in fit"),
    (
        "feature names should match",
        "pass the columns seen in fit (feature_names_in_), in the same order: "
        "X[list(model.feature_names_in_)] for a DataFrame, X.select(...) for a pyarrow table",
    ),
    ("Complex data", "pass real numbers (e.g. np.real(X) or np.abs(X))"),
    (
        "Unknown label type",
        "a classifier needs discrete labels; for a numeric target use neurona.LinearRegression",
    ),
    ("parse", "pass a dense array: X.toarray() converts a sparse matrix"),
    ("sparse", "pass a dense array: X.toarray() converts a sparse matrix"),
    ("y to be passed", "pass the targets y as the second argument of fit"),
)


def _hint(message: str) -> str:
    for key, hint in _HINTS:
        if key in message:
            return hint
    return "check the shape and the values of X and y"


@contextlib.contextmanager
def data_errors() -> Iterator[None]:
    """Re-raise scikit-learn's ValueError/TypeError as DataError with a hint on what to do.

    Floating-point warnings are silenced inside: scikit-learn's finiteness check sums X
    first, which overflows on finite values near float64's limit and proves nothing.
    """
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            yield
    except NeuronaError:
        raise
    except OverflowError as exc:
        raise DataError(
            f"{exc} -> values beyond float64's range (about ±1.8e308) cannot be used: "
            "rescale them (e.g. divide by a power of 10) or drop them"
        ) from exc
    except TypeError as exc:
        raise DataTypeError(f"{_brief(str(exc))} -> {_hint(str(exc))}") from exc
    except ValueError as exc:
        raise DataError(f"{_brief(str(exc))} -> {_hint(str(exc))}") from exc


def _brief(message: str, limit: int = 600) -> str:
    """scikit-learn's message as a neurona message quotes it: an array it prints (complex
    data) cut to an excerpt, and the whole cut to ``limit`` characters."""
    first, newline, rest = message.partition("\n")
    if newline and first.startswith("Complex data not supported"):
        message = f"{first} (got {_shorten(' '.join(rest.split()), 60)})"
    return _shorten(message, limit)


def untensor(a):
    """A torch tensor as validation takes it: detached from autograd (a tensor that
    requires grad cannot become an array), and on the CPU shared as the NumPy array of its
    memory (dtype kept). A tensor on another device is refused in words: pass it with
    ``.cpu()``; the estimators' ``device=`` copies the data there once per fit. A dtype
    NumPy lacks becomes the nearest it has (bfloat16 and float8 float32, complex32
    complex64); a sparse tensor is refused in words, as a scipy sparse matrix is. Anything
    else passes through."""
    if type(a).__module__.split(".")[0] != "torch":
        return a
    import torch

    a = a.detach()
    if a.device.type == "meta":
        raise DataTypeError(
            "the data are a torch tensor on the meta device, which holds shapes but no "
            "values: create the tensor with its data (e.g. on the CPU) and pass that"
        )
    if a.device.type != "cpu":
        raise DataTypeError(
            f"the data are a torch tensor on {a.device}: pass them on the CPU (tensor.cpu()), "
            f"and device='{a.device}' to train there (the data are copied once per fit)"
        )
    if a.layout != torch.strided:  # refused, not densified: SciPy's sparse formats are taken
        raise DataTypeError(
            f"the data are a sparse torch tensor ({a.layout}): neurona takes sparse data as a "
            "SciPy sparse matrix (scipy.sparse.csr_array) or dense data; pass "
            "tensor.to_dense() (it holds every value in memory)"
        )
    if a.is_quantized:
        a = a.dequantize()
    try:
        return a.numpy()
    except TypeError:  # a dtype without a NumPy twin: bfloat16, float8, complex32, ...
        if a.is_floating_point():
            return a.float().numpy()  # float32 holds every such value exactly
        if a.is_complex():
            return a.to(torch.complex64).numpy()  # refused as complex data, in words
        raise DataTypeError(
            f"the data are a torch tensor of dtype {a.dtype}, which NumPy cannot hold: "
            "convert it first (e.g. tensor.float())"
        ) from None


def as_input(a, name: str = "X"):
    """``a`` as validation takes it: a tensor as :func:`untensor` makes it, a pyarrow
    ``RecordBatch`` as a ``Table`` (which keeps its column names as ``feature_names_in_``,
    as a pandas DataFrame's are kept); a structured (record) array is refused in words."""
    a = untensor(a)
    if name == "X":
        _refuse_times(a)
    kind = type(a)
    if kind.__name__ == "RecordBatch" and kind.__module__.split(".")[0] == "pyarrow":
        import pyarrow as pa

        return pa.Table.from_batches([a])
    if isinstance(a, Iterator):  # a generator or an iterator: read once, no length
        raise DataTypeError(
            f"{name} is {kind.__name__!r}, an iterator: pass an array, a list or a "
            f"DataFrame (e.g. list({name}), or np.array(list({name})))"
        )
    if isinstance(a, np.ma.MaskedArray):
        _refuse_masked(a, name)
        a = a.data  # no value masked: the values are the data
    if isinstance(a, np.ndarray) and a.dtype.names is not None:
        raise DataTypeError(
            f"{name} is a structured (record) array with fields "
            f"{_shorten(repr(a.dtype.names), 80)}: structured arrays are not supported; "
            "pass a plain 2-D array (e.g. "
            f"np.column_stack([{name}[f] for f in {name}.dtype.names])) or a DataFrame "
            f"(pandas.DataFrame({name}))"
        )
    return a


def _refuse_masked(a: np.ma.MaskedArray, name: str) -> None:
    """A masked array whose mask hides values: NumPy's conversion (and so scikit-learn's)
    would read the values under the mask as data, a fit on numbers meant to be missing."""
    mask = np.ma.getmaskarray(a)
    if not mask.any():
        return
    first = tuple(int(i) for i in np.argwhere(mask)[0])
    raise DataError(
        f"{name} is a masked array with {int(mask.sum())} masked value(s) (first at "
        f"{name}[{', '.join(map(str, first))}]): the values under the mask would be read as "
        f"data; fill them ({name}.filled(value)) or drop those rows "
        f"({name}[~np.ma.getmaskarray({name}).any(axis=1)])"
    )


def _time_columns(a) -> list[tuple[str, str]]:
    """``(column, type)`` for the date, time, duration and period columns of ``a``: a
    NumPy array of datetime64/timedelta64, a pandas DataFrame or a pyarrow Table."""
    if isinstance(a, np.ndarray):
        return [("", str(a.dtype))] if a.dtype.kind in "mM" else []
    module = type(a).__module__.split(".")[0]
    if module == "pandas" and hasattr(a, "dtypes"):
        dtypes = a.dtypes.items() if hasattr(a.dtypes, "items") else [("", a.dtypes)]
        return [
            (str(c), str(t))
            for c, t in dtypes
            if getattr(t, "kind", "") in ("m", "M") or type(t).__name__ == "PeriodDtype"
        ]
    if module == "pyarrow" and hasattr(a, "schema"):
        import pyarrow as pa

        def timely(t) -> bool:
            if pa.types.is_dictionary(t):
                t = t.value_type
            return pa.types.is_temporal(t)

        return [(f.name, str(f.type)) for f in a.schema if timely(f.type)]
    if module == "pyarrow" and hasattr(a, "type"):  # an Array or a ChunkedArray
        import pyarrow as pa

        return [("", str(a.type))] if pa.types.is_temporal(a.type) else []
    return []


def _refuse_times(a, name: str = "X") -> None:
    """Dates and times are not features (nor regression targets): scikit-learn would read
    datetime64 as integer nanoseconds since 1970 (values near 1e18), a model nobody
    means."""
    found = _time_columns(a)
    if not found:
        return
    column, kind = found[0]
    where = f"column {column!r} of {name}" if column else name
    if name != "X":
        raise DataTypeError(
            f"{where} holds dates or times ({kind}), and a regression target must be "
            "numbers: these would be read as raw tick counts (a date as nanoseconds since "
            "1970); convert them to a number first (e.g. days since the first date), or "
            "use a classifier if they are classes"
        )
    raise DataTypeError(
        f"{where} holds dates or times ({kind}): a neuron learns from numbers, and these "
        "would be read as raw tick counts (a date as nanoseconds since 1970); convert "
        "them to a number first (e.g. days since the first date, or the month as 1-12), "
        "or leave the column out"
    )


#: the largest integer below which float64 holds every integer exactly
_EXACT_INT = 2**53


def _int_columns(a) -> Iterator[tuple[Any, np.ndarray]]:
    """``(column, values)`` of the 64-bit integer columns of ``a`` (a NumPy array, a list,
    a pandas DataFrame or Series, a pyarrow Table), missing values left out."""
    module = type(a).__module__.split(".")[0]
    if module == "pandas":
        frame = a.to_frame() if hasattr(a, "to_frame") and not hasattr(a, "columns") else a
        for column, t in frame.dtypes.items():
            if getattr(t, "kind", "") in ("i", "u") and getattr(t, "itemsize", 0) >= 8:
                values = frame[column].dropna().to_numpy(dtype=f"{t.kind}8")
                yield column, values
        return
    if module == "pyarrow" and hasattr(a, "schema"):
        import pyarrow as pa

        for field, column in zip(a.schema, a.columns, strict=True):
            if pa.types.is_integer(field.type) and field.type.bit_width == 64:
                yield field.name, column.drop_null().to_numpy()
        return
    if isinstance(a, list | tuple):
        with contextlib.suppress(Exception):
            a = np.asarray(a)
    if isinstance(a, np.ndarray) and a.dtype.kind in "iu" and a.dtype.itemsize >= 8:
        if a.ndim == 2:
            for j in range(a.shape[1]):
                yield j, a[:, j]
        else:
            yield None, a.ravel()


def refuse_inexact_ints(a, name: str = "X") -> None:
    """Refuse 64-bit integers that float64 cannot hold exactly (beyond ±2**53): the
    conversion would round them in silence (``2**60 + 1`` and ``2**60 + 3`` become the
    same number), as the data readers refuse them in a Parquet or NumPy file. Python
    integers in a list or an object array are looked at one by one: NumPy would make a
    list of ints and floats float64 (or keep ints beyond int64 as objects), rounding them
    as silently; those beyond float64's range are left to the overflow check."""
    found = _inexact_python_int(a)
    for column, values in _int_columns(a) if found is None else ():
        bad = values > _EXACT_INT
        if values.dtype.kind == "i":
            bad |= values < -_EXACT_INT
        if bad.any():
            i = int(np.argmax(bad))
            found = column, i, values[i]
            break
    if found is not None:
        column, i, value = found
        where = name if column is None else f"column {column!r} of {name}"
        raise DataError(
            f"{where} holds the integer {value} (row {i}), which float64 cannot hold "
            f"exactly (beyond ±2**53 = {_EXACT_INT}): neurona computes in float64 and "
            "would round it in silence; scale the column down (e.g. subtract its "
            "smallest value), or convert it to floating point if rounding is acceptable"
        )


def _inexact_python_int(a) -> tuple[Any, int, Any] | None:
    """``(column, row, value)`` of the first Python (or NumPy) integer of a list or an
    object array that float64 rounds (beyond ±2**53, within float64's range)."""
    if isinstance(a, list | tuple):
        try:
            cells = np.asarray(a, dtype=object)
        except (ValueError, TypeError):  # ragged: the shape checks say so
            return None
    elif isinstance(a, np.ndarray) and a.dtype == object:
        cells = a
    else:
        return None
    if cells.ndim not in (1, 2):
        return None
    for index, v in np.ndenumerate(cells):
        if not isinstance(v, int | np.integer) or isinstance(v, bool | np.bool_):
            continue
        if -_EXACT_INT <= v <= _EXACT_INT:
            continue
        try:
            if not np.isfinite(float(v)):
                continue
        except OverflowError:  # beyond float64: the overflow check says so
            continue
        return (None if cells.ndim == 1 else index[1]), index[0], v
    return None


def validate_fit(
    est, X, y, *, reset: bool, classifier: bool, multi_output: bool = False, finite: bool = True
):
    """Validated float X (C order; float32 kept) and y; classifier labels are checked.

    ``finite=False`` leaves out the pass over X that looks for NaN and infinity: for a
    caller whose training notices them itself (the backends count non-finite net
    inputs) and then calls :func:`check_finite`. Data that are not a numeric array
    (lists, object arrays, tables) are looked at all the same: their conversion can turn
    a finite value beyond float64's range (``Decimal('1e400')``) into an infinity.
    """
    X, y = as_input(X, "X"), as_input(y, "y")
    refuse_inexact_ints(X, "X")
    if classifier:
        y = as_labels(y)
    else:
        _refuse_times(y, "y")
        refuse_inexact_ints(y, "y")
    with _located(X=X, y=y), data_errors():
        Xv, yv = validate_data(
            est,
            X,
            y,
            reset=reset,
            dtype=floats_for(X),
            order="C",
            accept_sparse=SPARSE_FORMATS,
            accept_large_sparse=True,
            y_numeric=not classifier,
            multi_output=multi_output,
            ensure_all_finite=finite,
        )
        Xv = as_csr(Xv)
        if not finite and not (_numeric_array(X) or _numeric_sparse(X)):
            assert_all_finite(Xv, input_name="X")
        if classifier:
            check_labels(yv)
        elif not _numeric_array(y):  # scikit-learn looks before an object y becomes floats
            assert_all_finite(yv, input_name="y")
    return Xv, yv


def check_finite(X) -> None:
    """Raise DataError, scikit-learn's message with a hint and the first place, if X holds
    NaN or infinity."""
    with _located(X=X), data_errors():
        assert_all_finite(X, input_name="X")


def check_labels(y: np.ndarray) -> None:
    """scikit-learn's ``check_classification_targets``, without its pass over the labels
    where the dtype already says they are classes (integers, bools, strings) or a quick
    look says so (floats that are all whole numbers). Refused in words: labels a model
    file cannot keep (bytes) and missing times (NaT), which ``save`` would refuse."""
    refuse_unsavable_labels(y)
    if y.ndim == 1 and y.dtype.kind in "biuUS":
        return
    if y.ndim == 1 and y.dtype.kind == "f" and np.array_equal(y, np.trunc(y)):
        return
    check_classification_targets(y)


def refuse_unsavable_labels(y: np.ndarray, name: str = "y") -> None:
    """Refuse class labels that a fit could use but a model file cannot keep: bytes
    (``b'a'``: a model file holds text) and NaT (a missing date or duration)."""
    y = np.asarray(y)
    if y.dtype.kind == "S" or (y.dtype == object and any(isinstance(v, bytes) for v in y.flat)):
        raise DataError(
            f"{name} holds bytes labels ({_excerpt(next(iter(y.flat), b''))}): a model file "
            "keeps labels as text, so such a model could not be saved; decode them first "
            f"(e.g. [v.decode() for v in {name}])"
        )
    if y.dtype.kind in "mM" and np.isnat(y).any():
        rows = np.flatnonzero(np.isnat(y.ravel()))
        raise DataError(
            f"{name} holds missing labels (NaT) at rows {rows[:10].tolist()}"
            f"{'…' if rows.size > 10 else ''}: a classifier needs a label for every sample; "
            "drop those rows or fill them in"
        )


def encode_labels(y: np.ndarray, classes: np.ndarray | None = None):
    """``(classes, codes)``: the sorted distinct labels (or the given sorted ``classes``)
    and each label's index among them, ``(n,)`` int64; -1 for a label not among the given
    ``classes``.

    Integer labels in a range of at most a few times their count are tabulated (a few
    passes over ``y``, no sort); other labels go through ``np.unique`` / ``searchsorted``.
    """
    table = _table_range(y, classes)
    if table is not None:
        lo, size = table
        offsets = y.astype(np.int64, copy=False)
        offsets = offsets - lo if lo else offsets  # 0-based labels: no copy
        if classes is None:
            # min and max are labels: two values next to each other need no count
            present = np.bincount(offsets, minlength=size) > 0 if size > 2 else np.ones(size, bool)
            classes = (np.flatnonzero(present) + lo).astype(y.dtype)
        if (
            len(classes) == size and classes[0] == lo
        ):  # every value of the range: codes are offsets
            return classes, offsets
        lookup = np.full(size, -1, dtype=np.int64)
        lookup[np.asarray(classes).astype(np.int64) - lo] = np.arange(len(classes))
        return classes, lookup[offsets]
    if classes is None:
        classes, codes = np.unique(y, return_inverse=True)
        return classes, codes.reshape(-1)
    codes = np.searchsorted(classes, y)
    codes[codes == len(classes)] = 0
    codes[classes[codes] != y] = -1
    _unmatch_rounded(y, np.asarray(classes), codes)
    return classes, codes


def _unmatch_rounded(y: np.ndarray, classes: np.ndarray, codes: np.ndarray) -> None:
    """Set to -1 the codes of labels that equal their class only once rounded to
    float64: an integer beyond 2**53 against a float (2**53 + 1 against 2.0**53)."""
    kinds = {y.dtype.kind, classes.dtype.kind}
    if not ("f" in kinds and kinds & set("iu")) or not len(classes):
        return
    matched = np.flatnonzero(codes >= 0)
    with np.errstate(all="ignore"):
        big = matched[np.abs(y[matched].astype(np.float64)) >= 2.0**53]
    for i in big:  # few: labels this large are rare
        if int(y[i]) != int(classes[codes[i]]):
            codes[i] = -1


def _table_range(y: np.ndarray, classes) -> tuple[int, int] | None:
    """``(lowest label, table size)`` when integer labels fit a small lookup table."""
    if y.dtype.kind not in "biu" or y.size == 0:
        return None
    if classes is not None and np.asarray(classes).dtype.kind not in "biu":
        return None
    lo, hi = int(y.min()), int(y.max())
    if classes is not None and len(classes):
        lo, hi = min(lo, int(np.min(classes))), max(hi, int(np.max(classes)))
    if lo < np.iinfo(np.int64).min or hi > np.iinfo(np.int64).max:  # uint64 beyond int64
        return None  # (offsets are taken in int64): the general path
    size = hi - lo + 1
    return (lo, size) if size <= max(1 << 16, 4 * y.size) else None


def validate_predict(est, X):
    X = as_input(X, "X")
    refuse_inexact_ints(X, "X")
    with _located(X=X), data_errors():
        Xv = validate_data(est, X, reset=False, dtype=floats_for(X), accept_sparse=SPARSE_FORMATS,
                           accept_large_sparse=True)  # fmt: skip
    return as_csr(Xv)


def as_matrix(X, name: str = "X") -> np.ndarray:
    """``X`` as a dense float64 NumPy array, converted as the estimators convert their
    data (for the tools that read data without fitting: separability, decision regions):
    tensors (requiring grad or not) and tables taken as their values, a SciPy sparse
    matrix made dense; missing, infinite, text, date, masked, ragged and complex values
    refused in words, naming the first place. Its shape is left to the caller to check."""
    X = as_input(X, name)
    refuse_inexact_ints(X, name)
    if type(X).__module__.startswith("scipy.sparse"):
        X = X.toarray()  # duplicate entries summed, as SciPy reads them
    with _located(**{name: X}), data_errors():
        return check_array(
            X, dtype=np.float64, ensure_2d=False, allow_nd=True, ensure_min_samples=0,
            ensure_all_finite=True, input_name=name,
        )  # fmt: skip


#: the SciPy sparse formats taken (``sparray`` and ``spmatrix`` alike), converted once to
#: CSR: the kernels read a row's non-zeros (``neurona.backends._sparse``)
SPARSE_FORMATS = ("csr", "csc", "coo")


def as_csr(X):
    """A SciPy sparse ``X`` as CSR (converted once; CSR is kept as it is), anything else
    unchanged. Explicitly stored zeros are kept: they add nothing to any sum. Entries
    stored more than once (a non-canonical matrix: SciPy reads their sum) are summed in a
    copy, the caller's matrix left as it is: the kernels' squares and penalties read each
    stored value as a whole entry, and ``x² + x²`` is not ``(x + x)²``."""
    if not type(X).__module__.startswith("scipy.sparse"):
        return X
    if X.format != "csr":
        X = X.tocsr()
    elif not X.has_canonical_format:
        X = X.copy()
    if not X.has_canonical_format:
        X.sum_duplicates()
    return X


def check_params(est, **choices: tuple) -> None:
    """Raise ParameterError for a hyperparameter outside its allowed values or range."""
    for name, allowed in choices.items():
        value = getattr(est, name)
        if value not in allowed:
            raise ParameterError(
                f"{type(est).__name__}({name}={value!r}) is not valid; use one of "
                + ", ".join(repr(a) for a in allowed)
            )


def check_number(
    est,
    name: str,
    *,
    low: float,
    integer: bool = False,
    strict: bool = False,
    optional: bool = False,
) -> None:
    """Raise ParameterError unless the hyperparameter ``name`` is a number above ``low``."""
    value = getattr(est, name)
    if value is None and optional:
        return
    kind = (int, np.integer) if integer else (int, float, np.integer, np.floating)
    ok = isinstance(value, kind) and not isinstance(value, bool) and _finite(value, integer)
    if ok and (value > low if strict else value >= low) and not (integer and value > _INT_MAX):
        return
    what = "an integer" if integer else "a finite float64 number"
    rel = ">" if strict else ">="
    extra = " or None" if optional else ""
    most = f" and <= {_INT_MAX}" if integer else ""
    raise ParameterError(
        f"{type(est).__name__}({name}={_excerpt(value)}) is not valid; pass {what} {rel} {low}"
        f"{most}{extra}"
    )


def _excerpt(value, limit: int = 40) -> str:
    """``repr(value)``, cut to ``limit`` characters (a 600-digit int is not a message)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: the largest count a hyperparameter may hold (a 64-bit signed integer)
_INT_MAX = 2**63 - 1


def _finite(value, integer: bool) -> bool:
    """Whether a number is finite and, unless it is a count, a finite float64 (a huge
    Python int or a long double can be finite yet overflow float64 where it is used)."""
    if integer:
        return True
    try:
        return bool(np.isfinite(np.float64(value)))
    except (TypeError, OverflowError):
        return False


def _shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# values beyond float64, and where the non-finite values are -------------------------


def _numeric_array(a) -> bool:
    """Whether ``a`` is already a NumPy array of numbers (no conversion can overflow)."""
    return isinstance(a, np.ndarray) and a.dtype.kind in "biuf"


def _numeric_sparse(a) -> bool:
    """Whether ``a`` is a SciPy sparse matrix or array of numbers: its stored values are
    converted as a NumPy array of them would be (CSC and COO become CSR without new
    values), so training that visits every row notices a NaN or infinity among them (a
    row's net input is then not finite) and no pass needs to look for them first."""
    return type(a).__module__.startswith("scipy.sparse") and np.dtype(a.dtype).kind in "biuf"


@contextlib.contextmanager
def _located(**inputs) -> Iterator[None]:
    """Say where a DataError about the values of the named inputs is: the first cell that
    a conversion to float64 overflows (a finite value beyond float64's range, such as
    ``Decimal('1e400')`` or ``10**400``: said so, not "infinity"), or the first cell that
    is NaN or infinite, or that cannot become a number, of the input the message names."""
    try:
        yield
    except DataError as exc:
        message = str(exc)
        if isinstance(exc.__cause__, OverflowError) or "infinity" in message:
            for name, data in inputs.items():
                found = _first_cell(data, "overflow")
                if found is not None:
                    index, value = found
                    raise DataError(
                        f"{_excerpt(value)} at {_where(name, data, index)} is beyond float64's "
                        "range (about ±1.8e308): rescale the data (e.g. divide by a power of "
                        "10) or drop that row"
                    ) from exc
        head, arrow, hint = message.partition(" -> ")
        if not arrow:
            raise
        if any(f"Input {name} contains" in head for name in inputs):
            wanted = {name: "nonfinite" for name in inputs if f"Input {name} contains" in head}
        elif any(key in head for key in _UNCONVERTIBLE):
            wanted = dict.fromkeys(inputs, "unconvertible")
        else:
            raise
        for name, look in wanted.items():
            found = _first_cell(inputs[name], look)
            if found is not None:
                where = _where(name, inputs[name], found[0])
                raise type(exc)(f"{head} (first at {where}) -> {hint}") from exc.__cause__
        raise


#: what scikit-learn's (NumPy's) messages say about a value that cannot become a float
_UNCONVERTIBLE = ("could not convert", "argument must be", "cannot convert")


def _first_cell(data, look: str) -> tuple[tuple[int, ...], Any] | None:
    """``(index, value)`` of the first cell of ``data`` that ``look`` asks for:
    ``"overflow"``, a finite value that float64 cannot hold (it becomes infinite, or its
    conversion overflows); ``"nonfinite"``, NaN or an infinity; ``"unconvertible"``, a
    value that cannot become a float. None if there is none or ``data`` cannot be read."""
    try:
        if isinstance(data, np.ndarray) and data.dtype.kind in "fc":
            if look != "nonfinite":
                return None  # a float is within its range; an infinity is one
            bad = np.argwhere(~np.isfinite(data))
            return (tuple(int(i) for i in bad[0]), data[tuple(bad[0])]) if bad.size else None
        if _numeric_array(data):
            return None
        cells = np.asarray(data, dtype=object)
    except Exception:  # an input that cannot be read here: scikit-learn's message stands
        return None
    for index, value in np.ndenumerate(cells):
        if isinstance(value, float | np.floating) and look != "nonfinite":
            continue
        try:
            number = float(value)
        except OverflowError:
            if look == "overflow":
                return index, value
            continue
        except (TypeError, ValueError):
            if look == "unconvertible" or (look == "nonfinite" and _missing(value)):
                return index, value  # pandas.NA or None: what "contains NaN" was
            continue
        if look == "unconvertible" or np.isfinite(number):
            continue
        if look == "nonfinite" or not _is_infinite(value):
            return index, value
    return None


def _is_infinite(value) -> bool:
    """Whether a value that became NaN or infinite as a float was one already."""
    if isinstance(value, decimal.Decimal):
        return not value.is_finite()
    # floats and anything else: its float is what it holds
    return not isinstance(value, int | fractions.Fraction | np.integer)


def table_columns(data: Any) -> list | None:
    """A table's column names (pyarrow's ``column_names``; pandas' and polars'
    ``columns``), or None for data without them."""
    columns = getattr(data, "column_names", None)
    if columns is None:
        columns = getattr(data, "columns", None)
    return None if columns is None else list(columns)


def _where(name: str, data, index: tuple[int, ...]) -> str:
    """``X[3, 1]`` (``X[3, 1] in column 'petal'`` for a table)."""
    place = f"{name}[{', '.join(map(str, index))}]"
    columns = table_columns(data)
    if columns is not None and len(index) == 2:
        with contextlib.suppress(Exception):
            place += f" in column {_excerpt(_plain_item(columns[index[1]]))}"
    return place


# class labels ------------------------------------------------------------------------

#: the label types a classifier takes, as its messages list them
_ACCEPTED = (
    "integers (within int64), strings, bools, whole-number floats, or NumPy datetime64 values"
)

_NUMBERS = {"bool", "integer", "float", "decimal"}


def _label_kind(kind: type) -> str:
    """The kind of a label's type: what the label checks tell apart."""
    if kind is type(None) or kind.__name__ in ("NAType", "NaTType"):
        return "missing"
    if issubclass(kind, bool | np.bool_):
        return "bool"
    if issubclass(kind, str):
        return "string"
    if issubclass(kind, bytes):
        return "bytes"
    if issubclass(kind, int | np.integer):
        return "integer"
    if issubclass(kind, float | np.floating):
        return "float"
    if issubclass(kind, decimal.Decimal | fractions.Fraction):
        return "decimal"
    if issubclass(kind, datetime.date | datetime.time | np.datetime64):
        return "datetime"
    if issubclass(kind, datetime.timedelta | np.timedelta64):
        return "timedelta"
    return "other"


def _missing(value) -> bool:
    """Whether a label is a missing value: None, pandas.NA or NaT, a float or Decimal NaN."""
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    if isinstance(value, decimal.Decimal):
        return value.is_nan()
    return _label_kind(type(value)) == "missing"


def as_labels(y, name: str = "y"):
    """Class labels as NumPy and scikit-learn read them as meant, or a DataError that says
    what was found and what to pass.

    A list or an object array (a pandas object column) is looked at label by label:
    labels of one kind pass (integers of an object array become an int64 array, integers
    beyond int64 but within uint64 a uint64 array, Decimal and Fraction floats); refused
    are a mix of strings and numbers (scikit-learn's "Mix of label input types"), of
    strings and bytes, missing labels (None, NaN or pandas.NA among other labels),
    integers beyond int64 and uint64, Python dates (pass datetime64) and other objects.
    Anything else is returned as given.
    """
    if isinstance(y, np.ndarray):
        if y.dtype != object:
            return y
        values, plain = y, y
    elif isinstance(y, list | tuple):
        try:
            plain = np.asarray(y)
            if plain.dtype.kind in "biumM":
                return plain  # ints within int64, bools: nothing hides in them
            if plain.ndim == 1 and set(map(type, y)) in ({str}, {bytes}, {float}):
                return plain  # labels of one plain type: nothing mixed in, nothing lost
            values = plain if plain.dtype == object else np.asarray(y, dtype=object)
        except (ValueError, TypeError):  # ragged: scikit-learn's message says so
            return y
    else:
        dtype = getattr(y, "dtype", None)
        if isinstance(dtype, np.dtype) and dtype.kind != "O":
            return y
        try:
            values = np.asarray(y)
        except Exception:
            return y
        if values.dtype != object:
            return y
        plain = y
    if values.ndim != 1 and not (values.ndim == 2 and values.shape[1] == 1):
        return plain  # not a column of labels: the shape checks say so
    items = values.ravel().tolist()
    kinds: dict[str, Any] = {}
    for kind in set(map(type, items)):
        kinds.setdefault(_label_kind(kind), []).append(kind)
    nan = ("float" in kinds and len(kinds) > 1) or "decimal" in kinds  # NaN among labels
    if "missing" in kinds or (nan and any(map(_missing, items))):
        rows = [i for i, v in enumerate(items) if _missing(v)]
        raise DataError(
            f"{name} holds missing labels ({_examples(items, rows)}) at rows "
            f"{rows[:10]}{'…' if len(rows) > 10 else ''}: a classifier needs a label for "
            "every sample; drop those rows (e.g. y.notna() with pandas) or fill them in"
        )
    if set(kinds) <= {"string"} or set(kinds) <= {"bytes"}:
        return plain
    if "string" in kinds and kinds.keys() & _NUMBERS:
        raise DataError(
            f"Mix of label input types (string and number): {name} holds "
            f"{_found(items, kinds)}; use labels of one type: all strings (e.g. "
            f"[str(v) for v in {name}]) or all numbers"
        )
    if "string" in kinds and "bytes" in kinds:
        raise DataError(
            f"Mix of label input types (string and bytes): {name} holds "
            f"{_found(items, kinds)}; use labels of one type: decode the bytes "
            "(b.decode()) or encode the strings"
        )
    if set(kinds) <= _NUMBERS:
        return _number_labels(items, kinds, values.shape, name)
    raise DataError(
        f"Unknown label type: {name} holds {_found(items, kinds)}; a classifier takes "
        f"{_ACCEPTED}: convert the labels"
        + (
            f" (e.g. np.asarray({name}, dtype='datetime64[ns]'), or strings)"
            if set(kinds) <= {"datetime", "timedelta"}
            else " (e.g. to strings, [str(v) for v in y])"
        )
    )


def _number_labels(items: list, kinds: dict, shape: tuple, name: str) -> np.ndarray:
    """Numeric labels of a list or an object array as an int64, uint64, bool or float64
    array; integers that neither int64 nor uint64 holds are refused."""
    ints = [v for v in items if _label_kind(type(v)) == "integer"]
    lo, hi = (int(min(ints)), int(max(ints))) if ints else (0, 0)
    int_max = np.iinfo(np.int64).max
    unsigned = hi > int_max and lo >= 0 and hi <= np.iinfo(np.uint64).max
    beyond = hi > int_max or lo < np.iinfo(np.int64).min
    if beyond and not (unsigned and set(kinds) == {"integer"}):
        big = hi if hi > int_max else lo
        raise DataError(
            f"{name} holds integers outside the int64 range (e.g. {_excerpt(big)}): a "
            "classifier's integer labels must fit in 64 bits; pass the labels as strings "
            f"(e.g. [str(v) for v in {name}])"
        )
    if unsigned:
        return np.array(items, dtype=np.uint64).reshape(shape)
    if "decimal" in kinds:
        converted = []
        for v in items:
            f = float(v) if _label_kind(type(v)) == "decimal" else v
            if _label_kind(type(v)) == "decimal" and not (np.isfinite(f) and f == v):
                raise DataError(
                    f"{name} holds the label {_excerpt(v)}, which float64 cannot hold "
                    "exactly: pass the labels as integers or strings"
                )
            converted.append(f)
        items = converted
    return np.array(items).reshape(shape)


def _found(items: list, kinds: dict) -> str:
    """``"strings (e.g. 'a') and integers (e.g. 1)"``: what a list of labels holds."""
    parts = []
    for kind_types in kinds.values():
        for kind in sorted(kind_types, key=lambda k: k.__qualname__)[:3]:
            example = next(v for v in items if type(v) is kind)
            parts.append(f"{_type_name(kind)} values (e.g. {_excerpt(example)})")
    return " and ".join(parts[:4]) + (" and more" if len(parts) > 4 else "")


def _examples(items: list, rows: list[int]) -> str:
    return ", ".join(sorted({_excerpt(items[i]) for i in rows[:100]})[:3])


def _type_name(kind: type) -> str:
    module = kind.__module__.split(".")[0]
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _label_family(labels) -> str:
    """What kind of labels an array holds, as type mixes are told apart: numbers (bools,
    integers and floats compare with each other), strings, bytes, datetime64, timedelta64."""
    dtype = getattr(labels, "dtype", None)
    if not isinstance(dtype, np.dtype):
        labels = np.asarray(labels)
        dtype = labels.dtype
    if dtype.kind == "O":
        kind = _label_kind(type(next(iter(np.ravel(labels)), None)))
        return "numbers" if kind in _NUMBERS else _FAMILIES.get(kind, "objects")
    return _FAMILIES.get(dtype.kind, "numbers")


_FAMILIES = {
    "U": "strings",
    "S": "bytes",
    "M": "datetime64 values",
    "m": "timedelta64 values",
    "string": "strings",
    "bytes": "bytes",
}


def check_label_kinds(y, classes, *, name: str = "y", against: str = "classes_"):
    """Refuse labels ``y`` of another kind than ``classes`` (strings scored against a
    classifier fitted on numbers, ...); scikit-learn's "Mix of label input types", said
    with both kinds. Numbers of any dtype (bools, integers, floats) go together, as
    scikit-learn compares them. Returns ``y`` as :func:`as_labels` takes it."""
    if y is None:
        raise DataError(f"{name} is None: pass the true labels, one per sample")
    y = as_labels(as_input(y, name), name)
    mine, theirs = _label_family(y), _label_family(classes)
    if mine != theirs:
        sample = _plain_item(next(iter(np.ravel(np.asarray(y))), None))
        known = _shorten(str(np.asarray(classes).tolist()), 60)
        raise DataError(
            f"Mix of label input types ({mine} and {theirs}): {name} holds {mine} (e.g. "
            f"{_excerpt(sample)}) but {against}={known} holds {theirs}; pass labels of the "
            f"type of {against} (or refit on these labels)"
        )
    return y


def _plain_item(value):
    return value.item() if isinstance(value, np.generic) else value
