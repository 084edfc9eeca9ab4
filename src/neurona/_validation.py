"""Input validation: scikit-learn's checks, re-raised as neurona errors that say what to do."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy as np
from sklearn.utils import assert_all_finite
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import validate_data

from .errors import DataError, DataTypeError, NeuronaError, ParameterError

__all__ = [
    "check_finite",
    "check_labels",
    "check_params",
    "data_errors",
    "encode_labels",
    "untensor",
    "validate_fit",
    "validate_predict",
]

FLOATS = (np.float64, np.float32)

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
        raise DataTypeError(f"{exc} -> {_hint(str(exc))}") from exc
    except ValueError as exc:
        raise DataError(f"{exc} -> {_hint(str(exc))}") from exc


def untensor(a):
    """A torch tensor as validation takes it: detached from autograd (a tensor that
    requires grad cannot become an array), and on the CPU shared as the NumPy array of its
    memory (dtype kept). A tensor on another device is refused in words: pass it with
    ``.cpu()``; the estimators' ``device=`` copies the data there once per fit. Anything
    else passes through."""
    if type(a).__module__.split(".")[0] != "torch":
        return a
    a = a.detach()
    if a.device.type != "cpu":
        raise DataTypeError(
            f"the data are a torch tensor on {a.device}: pass them on the CPU (tensor.cpu()), "
            f"and device='{a.device}' to train there (the data are copied once per fit)"
        )
    return a.numpy()


def validate_fit(
    est, X, y, *, reset: bool, classifier: bool, multi_output: bool = False, finite: bool = True
):
    """Validated float X (C order; float32 kept) and y; classifier labels are checked.

    ``finite=False`` leaves out the pass over X that looks for NaN and infinity: for a
    caller whose training notices them itself (the backends count non-finite net
    inputs) and then calls :func:`check_finite`.
    """
    X, y = untensor(X), untensor(y)
    with data_errors():
        X, y = validate_data(
            est,
            X,
            y,
            reset=reset,
            dtype=FLOATS,
            order="C",
            y_numeric=not classifier,
            multi_output=multi_output,
            ensure_all_finite=finite,
        )
        if classifier:
            check_labels(y)
    return X, y


def check_finite(X) -> None:
    """Raise DataError, scikit-learn's message with a hint, if X holds NaN or infinity."""
    with data_errors():
        assert_all_finite(X, input_name="X")


def check_labels(y: np.ndarray) -> None:
    """scikit-learn's ``check_classification_targets``, without its pass over the labels
    where the dtype already says they are classes (integers, bools, strings) or a quick
    look says so (floats that are all whole numbers)."""
    if y.ndim == 1 and y.dtype.kind in "biuUS":
        return
    if y.ndim == 1 and y.dtype.kind == "f" and np.array_equal(y, np.trunc(y)):
        return
    check_classification_targets(y)


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
    return classes, codes


def _table_range(y: np.ndarray, classes) -> tuple[int, int] | None:
    """``(lowest label, table size)`` when integer labels fit a small lookup table."""
    if y.dtype.kind not in "biu" or y.size == 0:
        return None
    if classes is not None and np.asarray(classes).dtype.kind not in "biu":
        return None
    lo, hi = int(y.min()), int(y.max())
    if classes is not None and len(classes):
        lo, hi = min(lo, int(np.min(classes))), max(hi, int(np.max(classes)))
    size = hi - lo + 1
    return (lo, size) if size <= max(1 << 16, 4 * y.size) else None


def validate_predict(est, X):
    X = untensor(X)
    with data_errors():
        return validate_data(est, X, reset=False, dtype=FLOATS)


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
