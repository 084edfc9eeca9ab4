"""Edges, round 5: each fault kind a tester found after round 4, with the right value.

- a header ending in the delimiter (spreadsheet exports) named a column 'None' and
  refused the file for a missing value;
- codecs that are not text encodings (rot13, base64) surfaced Python's wording;
- text labels with spaces around them (``a, yes``) made extra classes in silence;
- date and time feature columns were trained on as integer nanoseconds;
- ``schedule="invscaling"`` with ``power_t > 1`` stalled short of the optimum in silence.
(The kink refused by ``derivative`` is in test_calculus.py::test_kinks_and_jumps.)
"""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import neurona
from neurona.data.readers import DataFile, read_xy
from neurona.errors import ConvergenceWarning, DataError, DataTypeError, DataWarning


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


ROWS = [(1, 2, "yes"), (3, 4, "no"), (5, 1, "yes"), (0, 0, "no"), (2, 5, "no")]


def _plain(tmp_path):
    body = "".join(f"{a},{b},{y}\n" for a, b, y in ROWS)
    return _write(tmp_path / "plain.csv", "a,b,y\n" + body)


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_trailing_delimiter_reads_as_the_plain_file(tmp_path, sep):
    body = "".join(f"{a}{sep}{b}{sep}{y}{sep}\n" for a, b, y in ROWS)
    trailing = _write(tmp_path / "trailing.csv", f"a{sep}b{sep}y{sep}\n" + body)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an empty trailing column is left out silently
        got = read_xy(trailing, target="y")
    want = read_xy(_plain(tmp_path), target="y")
    np.testing.assert_array_equal(got.X, want.X)
    np.testing.assert_array_equal(got.y, want.y)
    assert got.feature_names == ["a", "b"]


def test_unnamed_column_with_values_is_left_out_with_a_warning(tmp_path):
    body = "".join(f"{a},{b},{a + b},{y}\n" for a, b, y in ROWS)
    path = _write(tmp_path / "mid.csv", "a,b,,y\n" + body)
    with pytest.warns(DataWarning, match=r"'\(unnamed 3\)' have no name in the header"):
        table = read_xy(path, target="y")
    assert table.feature_names == ["a", "b"]
    # picked by position it is read like any other column
    chosen = read_xy(path, target="y", features=[0, 1, 2])
    np.testing.assert_array_equal(chosen.X[:, 2], [a + b for a, b, _ in ROWS])


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "hex"])
def test_codecs_that_are_not_text_encodings_are_refused_in_words(tmp_path, codec):
    with pytest.raises(DataError, match=rf"{codec!r} is not a text encoding: pass one such as"):
        DataFile(_plain(tmp_path), target="y", encoding=codec)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "latin-1", "cp1252"])
def test_text_encodings_still_pass_the_check(tmp_path, encoding):
    path = tmp_path / "enc.csv"
    path.write_bytes("a,b,y\n1,2,sí\n3,4,no\n".encode(encoding))
    table = read_xy(path, target="y", encoding=encoding)
    assert sorted(set(table.y)) == ["no", "sí"]


def test_labels_differing_only_by_spaces_around_them_are_warned(tmp_path):
    # a quoted field keeps its spaces, and pyarrow cannot say which fields were quoted,
    # so the labels stay as written; twins that differ only by padding are named
    padded = _write(tmp_path / "padded.csv", "a,b,y\n1,2, yes\n3,4,no \n5,1,yes\n0,0,no\n")
    data = DataFile(padded, target="y")
    table = data.read()
    with pytest.warns(
        DataWarning, match=r"differ only by spaces around them \(' yes', 'no', 'no ', 'yes'\)"
    ):
        data.check_class_labels(table.y)
    assert sorted(set(table.y)) == [" yes", "no", "no ", "yes"]  # nothing altered
    # labels padded alike, or a label of spaces only, are one class each: no warning
    alike = _write(tmp_path / "alike.csv", "a,y\n1, yes\n2, no\n3, yes\n4,  \n")
    data = DataFile(alike, target="y")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        data.check_class_labels(data.read().y)


_DAYS = pd.date_range("2024-01-01", periods=4)
_TIMES = {
    "pandas datetime64": lambda: pd.DataFrame({"a": [1.0, 2, 3, 4], "when": _DAYS}),
    "pandas tz-aware": lambda: pd.DataFrame({"when": _DAYS.tz_localize("UTC")}),
    "pandas timedelta": lambda: pd.DataFrame({"when": pd.to_timedelta([1, 2, 3, 4], "D")}),
    "pandas period": lambda: pd.DataFrame({"when": pd.period_range("2024-01", periods=4)}),
    "numpy datetime64": lambda: np.asarray(_DAYS.values).reshape(-1, 1),
    "numpy timedelta64": lambda: np.arange(4).astype("timedelta64[D]").reshape(-1, 1),
    "arrow timestamp": lambda: pa.table({"a": [1.0, 2, 3, 4], "when": pa.array(_DAYS.values)}),
    "arrow date32": lambda: pa.table({"when": [dt.date(2024, 1, d) for d in (1, 2, 3, 4)]}),
    "arrow time64": lambda: pa.table({"when": pa.array([dt.time(h) for h in range(4)])}),
    "arrow record batch": lambda: pa.record_batch({"when": pa.array(_DAYS.values)}),
}


@pytest.mark.parametrize("kind", sorted(_TIMES))
@pytest.mark.parametrize("estimator", [neurona.Perceptron, neurona.Adaline])
def test_date_and_time_features_are_refused(kind, estimator):
    X = _TIMES[kind]()
    with pytest.raises(DataTypeError, match=r"holds dates or times .*convert them to a number"):
        estimator().fit(X, [0, 1, 0, 1])


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
def test_date_columns_named_and_other_columns_untouched():
    X = _TIMES["pandas datetime64"]()
    with pytest.raises(DataTypeError, match=r"column 'when' of X holds dates or times"):
        neurona.LinearRegression().fit(X, [1.0, 2.0, 3.0, 4.0])
    fitted = neurona.LinearRegression().fit(X[["a"]], [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(DataTypeError, match="column 'when'"):
        fitted.predict(X.rename(columns={"a": "a"}))
    # date labels remain labels: only features must be numbers
    clf = neurona.Perceptron().fit([[0.0], [1.0], [2.0], [3.0]], np.asarray(_DAYS.values[:4]))
    assert clf.classes_.dtype.kind == "M"


def _diabetes():
    from sklearn.datasets import load_diabetes

    return load_diabetes(return_X_y=True)


@pytest.mark.filterwarnings("ignore:stopped by the epoch limit")
@pytest.mark.parametrize("tol", [None, 1e-4])
@pytest.mark.parametrize("power_t", [1.5, 3.0])
def test_invscaling_beyond_power_one_warns_of_its_bounded_travel(tol, power_t):
    from scipy.special import zeta

    X, y = _diabetes()
    reg = neurona.LinearRegression(
        solver="gd", learning_rate=0.5, schedule="invscaling", power_t=power_t, epochs=30, tol=tol
    )
    with pytest.warns(ConvergenceWarning, match=rf"power_t={power_t:g} > 1") as record:
        reg.fit(X, y)
    total = 0.5 * zeta(power_t, 1)
    assert any(f"{total:.3g}" in str(w.message) for w in record)
    # the stall is real: the weights sit far from the least-squares optimum
    best = np.linalg.lstsq(np.column_stack([X, np.ones(len(X))]), y, rcond=None)[0]
    assert np.linalg.norm(reg.coef_ - best[:-1]) > 0.5 * np.linalg.norm(best[:-1])


@pytest.mark.parametrize("power_t", [0.25, 1.0])
def test_invscaling_up_to_power_one_does_not_warn_of_bounded_travel(power_t):
    X, y = _diabetes()
    reg = neurona.LinearRegression(
        solver="gd", learning_rate=0.1, schedule="invscaling", power_t=power_t, epochs=5
    )
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        reg.fit(X, y)
    assert not [w for w in record if "> 1" in str(w.message)]
