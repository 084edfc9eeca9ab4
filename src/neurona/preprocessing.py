"""Preprocessing that travels with a model: missing values, one-hot text, scaling.

:class:`Preprocessor` turns the raw columns of a data file (numbers, text, missing values)
into the float64 matrix a neuron trains on, and stores what it learnt as plain JSON in the
model file (``data["preprocessing"]`` of :func:`neurona.io.save`), so that ``neurona
predict`` and ``neurona evaluate`` apply exactly the same steps; nothing is pickled.

The steps, in this order, each as scikit-learn does it:

1. **Missing values** (``missing``): ``"error"`` refuses them, listing *every* column
   that has some with its count and first row; ``"drop"`` leaves out the rows that have
   any; ``"mean"`` fills a number column with its mean and a text column with its most
   frequent value (``SimpleImputer(strategy="mean")`` / ``"most_frequent"``).
2. **Text columns** (a column with a value that is not a number) become one 0/1 column per
   distinct value seen in training, in sorted order, named ``column=value``
   (``OneHotEncoder(handle_unknown="ignore")``: a value unseen in training gives all
   zeros, with a :class:`~neurona.errors.DataWarning`).
3. **Scaling** of the number columns (``scale``): ``"standard"`` subtracts the mean and
   divides by the standard deviation (population, ``ddof=0``; a constant column is
   divided by 1), as ``StandardScaler``; ``"minmax"`` maps the training range to [0, 1]
   (a constant column: range 1), as ``MinMaxScaler``; ``"none"`` leaves them.

For a Python workflow use scikit-learn's own transformers in a ``Pipeline`` with a
neurona estimator, saved by :func:`neurona.pipeline.save_pipeline`.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from .errors import DataError, DataWarning, warn

__all__ = ["MISSING", "SCALES", "Preprocessor"]

#: values of ``scale`` (``--scale``)
SCALES = ("none", "standard", "minmax")
#: values of ``missing`` (``--missing``)
MISSING = ("error", "drop", "mean")


def _is_missing(values: np.ndarray) -> np.ndarray:
    if values.dtype == object:
        return np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    return np.isnan(values)


#: a number written with a decimal comma (3,39; -0,5; 1,2e3)
_DECIMAL_COMMA = re.compile(r"[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?")


class Preprocessor:
    """Missing values, one-hot text columns and scaling, fitted on training columns.

    Parameters
    ----------
    scale : {"none", "standard", "minmax"}
    missing : {"error", "drop", "mean"}

    Attributes (after :meth:`fit_transform`)
    ----------------------------------------
    columns_ : list of dict
        One per input column, in order: ``name``, ``kind`` (``"number"`` or ``"text"``),
        ``fill`` (the value that replaces a missing one, or None), and ``offset`` and
        ``scale`` (numbers: ``x' = (x - offset) / scale``) or ``categories`` (text).
    feature_names_out_ : list of str
        The columns of the matrix, in order: a number column keeps its name, a text
        column gives ``name=value`` per category.
    """

    def __init__(self, scale: str = "none", missing: str = "error"):
        if scale not in SCALES:
            raise DataError(f"--scale {scale}: use one of {', '.join(SCALES)}")
        if missing not in MISSING:
            raise DataError(f"--missing {missing}: use one of {', '.join(MISSING)}")
        self.scale = scale
        self.missing = missing

    # ------------------------------------------------------------------ fitting

    def fit_transform(
        self, columns: dict[str, np.ndarray], source: str = "the data"
    ) -> tuple[np.ndarray, np.ndarray]:
        """Learn the steps from ``columns`` (name -> 1-D array: float64 with NaN for a
        missing value, or object of str with None) and apply them.

        Returns
        -------
        X : ndarray of shape (n_kept, n_features_out)
        kept : ndarray of bool, shape (n_rows,)
            The rows kept (all but those dropped by ``missing="drop"``).

        Raises
        ------
        DataError
            Missing values under ``missing="error"`` (all of them counted, by column), an
            infinite number, or no rows left.
        """
        names = list(columns)
        n = len(next(iter(columns.values()))) if columns else 0
        absent = {name: _is_missing(columns[name]) for name in names}
        self._refuse_infinite(columns, source)
        kept = np.ones(n, dtype=bool)
        if any(a.any() for a in absent.values()):
            if self.missing == "error":
                raise DataError(_missing_message(source, absent, "--missing drop", True))
            if self.missing == "drop":
                kept = ~np.logical_or.reduce([absent[name] for name in names])
                if not kept.any():
                    raise DataError(
                        f"{source}: every row has a missing value, so --missing drop leaves "
                        "none: use --missing mean, or --exclude the emptiest columns"
                    )
        spec = []
        for name in names:
            values = columns[name][kept]
            present = values[~_is_missing(values)]
            if values.dtype == object:
                entry = self._fit_text(name, present, n_rows=len(values))
            else:
                entry = self._fit_number(name, values, present)
            spec.append(entry)
        self.columns_ = spec
        self.feature_names_out_ = _output_names(spec)
        return self._apply({k: v[kept] for k, v in columns.items()}, source), kept

    def _fit_number(self, name: str, values: np.ndarray, present: np.ndarray) -> dict[str, Any]:
        """Scaling learnt after filling, as a scaler after an imputer in a Pipeline."""
        if not present.size:
            raise DataError(f"column {name!r} has no values at all: --exclude it")
        fill = float(np.mean(present)) if self.missing == "mean" else None
        with np.errstate(over="ignore", invalid="ignore"):
            values = present if fill is None else np.where(np.isnan(values), fill, values)
            if self.scale == "standard":
                offset = float(np.mean(values))
                spread = float(np.std(values))
                deviations = values - offset
                largest = float(np.max(np.abs(deviations), initial=0.0))
                if largest > 0 and not 1e-150 < largest < 1e150:
                    # squares that underflow (|x| ~ 1e-170) or overflow (1e200): the spread
                    # of the deviations divided by the largest, times it
                    spread = largest * float(np.std(deviations / largest))
            elif self.scale == "minmax":
                offset = float(np.min(values))
                spread = float(np.max(values)) - offset
            else:
                offset, spread = 0.0, 1.0
        if not (math.isfinite(offset) and math.isfinite(spread)):
            raise DataError(
                f"column {name!r}: its mean or spread is beyond float64's range: scale it "
                "down before training"
            )
        if spread == 0.0:
            spread = 1.0
        return {"name": name, "kind": "number", "fill": fill, "offset": offset,
                "scale": spread}  # fmt: skip

    def _fit_text(self, name: str, present: np.ndarray, n_rows: int) -> dict[str, Any]:
        categories, counts = np.unique(present.astype(str), return_counts=True)
        commas = [str(c) for c in categories if _DECIMAL_COMMA.fullmatch(c.strip())]
        if commas and len(commas) == len(categories):  # numbers written as 3,39: not text
            raise DataError(
                f"column {name!r} holds numbers written with a decimal comma ({commas[0]!r}), "
                "not text to one-hot encode: pass --decimal ',' to read them as numbers"
            )
        fill = None
        if self.missing == "mean":
            if not categories.size:
                raise DataError(f"column {name!r} has no values at all: --exclude it")
            fill = str(categories[np.argmax(counts)])
        if n_rows >= 20 and len(categories) > 0.5 * n_rows:
            warn(
                f"text column {name!r} has {len(categories)} distinct values in {n_rows} "
                f"rows: an identifier? Each value becomes a 0/1 column; leave it out with "
                f"--exclude {name}",
                DataWarning,
            )
        return {"name": name, "kind": "text", "fill": fill,
                "categories": [str(c) for c in categories]}  # fmt: skip

    # ------------------------------------------------------------------ applying

    @property
    def input_columns(self) -> list[str]:
        """The columns read from a data file, in order."""
        return [entry["name"] for entry in self.columns_]

    def transform(
        self, columns: dict[str, np.ndarray], source: str = "the data", drop: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """Apply the fitted steps to new ``columns`` (as in :meth:`fit_transform`).

        ``drop``: leave out rows with a missing value where ``missing="drop"`` (to
        evaluate); otherwise such rows are refused (a prediction per row is owed).

        Returns
        -------
        X : ndarray of shape (n_kept, n_features_out)
        kept : ndarray of bool, shape (n_rows,)

        Raises
        ------
        DataError
            A missing value that is not filled, text in a number column, an infinity.
        """
        names = self.input_columns
        missing_cols = [name for name in names if name not in columns]
        if missing_cols:
            raise DataError(f"{source}: no column {', '.join(map(repr, missing_cols))}")
        n = len(columns[names[0]])
        for entry in self.columns_:
            values = columns[entry["name"]]
            if entry["kind"] == "number" and values.dtype == object:
                bad = next(v for v in values if v is not None and not _number(v))
                raise DataError(
                    f"{source}: column {entry['name']!r} holds {bad!r}, which is not a number; "
                    "the model was trained on numbers there"
                )
        self._refuse_infinite({k: columns[k] for k in names}, source)
        absent = {
            e["name"]: _is_missing(columns[e["name"]]) for e in self.columns_ if e["fill"] is None
        }
        kept = np.ones(n, dtype=bool)
        if any(a.any() for a in absent.values()):
            if not (drop and self.missing == "drop"):
                raise DataError(_missing_message(source, absent, "fill them", False))
            kept = ~np.logical_or.reduce(list(absent.values()))
        X = self._apply({k: columns[k][kept] for k in names}, source)
        self._refuse_overflow(X, columns, kept, source)
        return X, kept

    def _refuse_overflow(self, X: np.ndarray, columns: dict[str, np.ndarray], kept: np.ndarray,
                         source: str) -> None:  # fmt: skip
        """A value far outside the training range whose scaled value ``(x - offset) /
        scale`` is beyond float64 (a column that varied by 1e-300 in training, 1e10 now):
        said of the file, its column and row, not as scikit-learn's ``Input X``."""
        bad = ~np.isfinite(X)
        if not bad.any():
            return
        i, j = np.argwhere(bad)[0]
        name = self.feature_names_out_[j]
        row = int(np.flatnonzero(kept)[i])
        raise DataError(
            f"{source}: column {name!r} holds {float(columns[name][row])!r} (data row {row + 1}), "
            "which the model's scaling takes beyond float64's range: the model was trained "
            "on a far narrower range of this column; check the value, or train on data "
            "that spans it"
        )

    def _apply(self, columns: dict[str, np.ndarray], source: str) -> np.ndarray:
        parts = []
        for entry in self.columns_:
            values = columns[entry["name"]]
            if entry["kind"] == "number":
                x = np.asarray(values, dtype=np.float64)
                if values.dtype == object:
                    x = np.array([np.nan if v is None else float(v) for v in values])
                if entry["fill"] is not None:
                    x = np.where(np.isnan(x), entry["fill"], x)
                with np.errstate(over="ignore"):  # beyond float64: refused by transform
                    parts.append(((x - entry["offset"]) / entry["scale"])[:, None])
            else:
                text = np.array(
                    [entry["fill"] if v is None else str(v) for v in values], dtype=object
                )
                categories = entry["categories"]
                block = np.zeros((len(text), len(categories)), dtype=np.float64)
                index = {c: k for k, c in enumerate(categories)}
                unseen: dict[str, int] = {}
                for i, v in enumerate(text):
                    k = index.get(v)
                    if k is None:
                        unseen[v] = unseen.get(v, 0) + 1
                    else:
                        block[i, k] = 1.0
                if unseen:
                    shown = ", ".join(repr(v) for v in list(unseen)[:5])
                    warn(
                        f"{source}: column {entry['name']!r} holds {sum(unseen.values())} "
                        f"value(s) not seen in training ({shown}): they get 0 in every "
                        f"{entry['name']}=… column",
                        DataWarning,
                    )
                parts.append(block)
        n = len(next(iter(columns.values()))) if columns else 0
        return np.hstack(parts) if parts else np.empty((n, 0))

    def _refuse_infinite(self, columns: dict[str, np.ndarray], source: str) -> None:
        for name, values in columns.items():
            if values.dtype != object and np.isinf(values).any():
                row = int(np.argmax(np.isinf(values))) + 1
                raise DataError(
                    f"{source}: column {name!r} holds an infinite value (data row {row}): "
                    "replace it, or drop that row"
                )

    # ------------------------------------------------------------------ storing

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values (``data["preprocessing"]`` of a model file)."""
        return {"scale": self.scale, "missing": self.missing,
                "columns": [dict(entry) for entry in self.columns_]}  # fmt: skip

    @classmethod
    def from_dict(cls, spec: Any) -> Preprocessor:
        """Rebuild from :meth:`to_dict`, checking every field.

        Raises
        ------
        ValueError
            A field that is missing, of the wrong type, or not finite.
        """
        if not isinstance(spec, dict) or set(spec) != {"scale", "missing", "columns"}:
            raise ValueError("preprocessing must hold exactly scale, missing and columns")
        if spec["scale"] not in SCALES or spec["missing"] not in MISSING:
            raise ValueError(f"unknown scale {spec['scale']!r} or missing {spec['missing']!r}")
        columns = spec["columns"]
        if not isinstance(columns, list) or not columns:
            raise ValueError("preprocessing columns must be a non-empty list")
        seen = set()
        for entry in columns:
            _check_entry(entry)
            if entry["name"] in seen:
                raise ValueError(f"preprocessing names column {entry['name']!r} twice")
            seen.add(entry["name"])
        self = cls(spec["scale"], spec["missing"])
        self.columns_ = [dict(entry) for entry in columns]
        self.feature_names_out_ = _output_names(self.columns_)
        return self


def _check_entry(entry: Any) -> None:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise ValueError(f"preprocessing column {entry!r} has no name")
    name = entry["name"]
    if entry.get("kind") == "number":
        if set(entry) != {"name", "kind", "fill", "offset", "scale"}:
            raise ValueError(f"preprocessing column {name!r}: unexpected fields")
        for key in ("offset", "scale", "fill"):
            value = entry[key]
            if key == "fill" and value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"preprocessing column {name!r}: {key} is not a number")
            if not math.isfinite(value):
                raise ValueError(f"preprocessing column {name!r}: {key} is not finite")
        if entry["scale"] <= 0:
            raise ValueError(f"preprocessing column {name!r}: scale must be positive")
    elif entry.get("kind") == "text":
        if set(entry) != {"name", "kind", "fill", "categories"}:
            raise ValueError(f"preprocessing column {name!r}: unexpected fields")
        categories = entry["categories"]
        if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
            raise ValueError(f"preprocessing column {name!r}: categories must be strings")
        if categories != sorted(set(categories)) or not categories:
            raise ValueError(f"preprocessing column {name!r}: categories must be sorted, distinct")
        if entry["fill"] is not None and entry["fill"] not in categories:
            raise ValueError(f"preprocessing column {name!r}: fill is not a category")
    else:
        raise ValueError(f"preprocessing column {name!r}: kind must be 'number' or 'text'")


def _output_names(spec: list[dict[str, Any]]) -> list[str]:
    names: list[str] = []
    for entry in spec:
        if entry["kind"] == "number":
            names.append(entry["name"])
        else:
            names += [f"{entry['name']}={c}" for c in entry["categories"]]
    return names


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _missing_message(source: str, absent: dict[str, np.ndarray], fix: str, training: bool) -> str:
    counts = [(name, int(a.sum()), int(np.argmax(a)) + 1) for name, a in absent.items() if a.any()]
    total = sum(c for _, c, _ in counts)
    listed = ", ".join(f"{name!r} {c} (first at data row {row})" for name, c, row in counts)
    if training:
        what = (
            "pass --missing drop to leave those rows out, or --missing mean to fill them "
            "(numbers: the column mean; text: its most frequent value)"
        )
    else:
        what = "the model was trained without filling them: fill them, or leave out those rows"
    return f"{source}: {total} missing value(s) in {len(counts)} column(s): {listed}: {what}"
