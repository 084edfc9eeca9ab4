"""Edges round 14 (Python API): a plot drawn under the wrong names, a model file naming a
feature twice, early stopping scored by an undefined R² (issue 13, kinds 7, 12 and 3).

- ``decision_regions`` drew a table by column position, so a table whose columns were
  reordered or renamed was drawn with the model's names on other features, silently, and
  a table with one more column warned "X does not have valid feature names" before failing.
  Such a table is refused in words, as scikit-learn's ``predict`` refuses it.
- A model file whose ``feature_names_in_`` names a feature twice loaded and failed only in
  ``predict``, with scikit-learn's message about feature names: refused at load.
- A regressor's early stopping whose validation rows (those that weigh in) hold one target
  value scored every epoch R² = 0.0, scikit-learn's stand-in for an undefined R², and
  stopped on it: refused in words, as a validation split of one row already is.
"""

from __future__ import annotations

import io
import warnings
import zipfile

import matplotlib
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from neurona import _i18n
from neurona.errors import DataError, ModelFileError
from neurona.estimators import LinearRegression, Perceptron, load
from neurona.plot import decision_regions

matplotlib.use("Agg")


def _spanish(text: str) -> str:
    _i18n.set_lang("es")
    try:
        return _i18n.message(f"neurona: error: {text}")
    finally:
        _i18n.set_lang(None)


def _three_columns():
    rng = np.random.default_rng(14)
    X = rng.normal(size=(24, 3))
    y = np.where(X[:, 0] - X[:, 1] > 0, "up", "down")
    return pd.DataFrame(X, columns=["a", "b", "c"]), y


# 7. decision_regions takes a table only with the model's columns, in its order ---------


@pytest.mark.parametrize(
    "change",
    [
        lambda df: df[["b", "a", "c"]],  # reordered
        lambda df: df.rename(columns={"a": "z"}),  # renamed
        lambda df: df.assign(d=1.0),  # one more
        lambda df: df[["a", "b"]],  # one less
        lambda df: pa.table(df[["c", "b", "a"]]),  # a pyarrow table, reordered
    ],
    ids=["reordered", "renamed", "extra", "missing", "pyarrow-reordered"],
)
def test_a_table_with_other_columns_than_the_models_is_refused_by_decision_regions(change):
    import matplotlib.pyplot as plt

    df, y = _three_columns()
    clf = Perceptron(epochs=100).fit(df, y)
    X = change(df)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no scikit-learn warning on the way
        with pytest.raises(DataError) as caught:
            decision_regions(clf, X, y)
    plt.close("all")
    message = str(caught.value)
    columns = list(getattr(X, "column_names", None) or X.columns)
    assert f"X has the columns {columns!r}" in message
    assert "fitted on ['a', 'b', 'c']" in message
    assert "X[list(clf.feature_names_in_)]" in message
    spanish = _spanish(message)
    assert "pero el modelo se ajustó con ['a', 'b', 'c']" in spanish, spanish


def test_the_models_own_columns_an_array_or_unnamed_columns_draw_the_same_regions():
    import matplotlib.pyplot as plt

    df, y = _three_columns()
    clf = Perceptron(epochs=100).fit(df, y)
    images = []
    for X in (df, pa.table(df), df.to_numpy(), pd.DataFrame(df.to_numpy())):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ax = decision_regions(clf, X, y, resolution=40)
        images.append(np.asarray(ax.images[0].get_array()))
        plt.close("all")
    for image in images[1:]:
        np.testing.assert_array_equal(image, images[0])
    # the regions are the model's own predictions over the plane of the first two columns
    held = df["c"].mean()
    xs = np.linspace(df.a.min() - 0.1 * np.ptp(df.a), df.a.max() + 0.1 * np.ptp(df.a), 40)
    ys = np.linspace(df.b.min() - 0.1 * np.ptp(df.b), df.b.max() + 0.1 * np.ptp(df.b), 40)
    xx, yy = np.meshgrid(xs, ys)
    grid = pd.DataFrame({"a": xx.ravel(), "b": yy.ravel(), "c": held})
    expected = np.searchsorted(clf.classes_, clf.predict(grid)).reshape(xx.shape)
    np.testing.assert_array_equal(np.ma.filled(images[0], -1), expected)


# 12. a model file naming a feature twice ---------------------------------------------


def test_a_model_file_naming_a_feature_twice_is_refused_at_load(tmp_path):
    df, y = _three_columns()
    path = Perceptron(epochs=100).fit(df, y).save(tmp_path / "m.npz")
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    buf = io.BytesIO()
    np.save(buf, np.array(["a", "b", "a"]), allow_pickle=False)
    members["feature_names_in_.npy"] = buf.getvalue()
    bad = tmp_path / "twice.npz"
    with zipfile.ZipFile(bad, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    with pytest.raises(ModelFileError) as caught:
        load(bad)
    message = str(caught.value)
    assert str(bad) in message
    assert "feature_names_in_ names the feature 'a' twice" in message
    assert "nombra la característica 'a' dos veces" in _spanish(message)
    assert list(load(path).feature_names_in_) == ["a", "b", "c"]  # the file itself loads


# 3. early stopping scored by an undefined R² ------------------------------------------


def _regression():
    rng = np.random.default_rng(140)
    X = rng.normal(size=(40, 3))
    return X, X @ np.array([1.0, -2.0, 0.5]) + 0.25


def test_early_stopping_refuses_validation_targets_of_one_value():
    X, _ = _regression()
    reg = LinearRegression(solver="gd", early_stopping=True, tol=1e-3, random_state=0)
    with pytest.raises(DataError) as caught:
        reg.fit(X, np.full(40, 3.0))
    message = str(caught.value)
    assert "validation row(s) that weigh in hold one target value" in message
    assert "R²" in message
    assert "early_stopping=False" in message
    assert "tienen un solo valor del objetivo" in _spanish(message)
    # the run itself is fine without early stopping: the intercept finds the value
    fitted = LinearRegression(solver="gd", epochs=200, random_state=0).fit(X, np.full(40, 3.0))
    np.testing.assert_allclose(fitted.predict(X), 3.0, atol=1e-6)


def test_early_stopping_counts_only_the_validation_rows_that_weigh_in():
    """The rows of weight 0 hold other targets; every row that weighs in holds 1.0."""
    X, noise = _regression()
    y = np.where(np.arange(40) % 2 == 0, 1.0, noise)
    weights = np.where(np.arange(40) % 2 == 0, 1.0, 0.0)
    reg = LinearRegression(
        solver="gd", early_stopping=True, validation_fraction=0.5, tol=1e-3, random_state=3
    )
    with pytest.raises(DataError, match="weigh in hold one target value"):
        reg.fit(X, y, sample_weight=weights)


def test_early_stopping_names_the_constant_column_of_several_targets():
    X, y = _regression()
    Y = np.column_stack([y, np.full(40, -1.0)])
    reg = LinearRegression(solver="gd", early_stopping=True, tol=1e-3, random_state=0)
    with pytest.raises(DataError) as caught:
        reg.fit(X, Y)
    assert "one value in target column 1" in str(caught.value)
    assert "en la columna objetivo 1" in _spanish(str(caught.value))


def test_varied_validation_targets_still_train_and_round_trip(tmp_path):
    X, y = _regression()
    reg = LinearRegression(solver="gd", early_stopping=True, tol=1e-3, random_state=0).fit(X, y)
    assert max(reg.validation_scores_) > 0.99  # a noiseless linear target: R² near 1
    back = load(reg.save(tmp_path / "r.npz"))
    assert back.validation_scores_ == reg.validation_scores_
    np.testing.assert_array_equal(back.predict(X), reg.predict(X))
