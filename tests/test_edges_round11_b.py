"""Edges round 11, part B (issue 13's kinds 7, 8/12 and the per-update stop).

* Float32 data in another guise (a big-endian ``'>f4'`` array, a pyarrow table of
  float32 columns, pandas ``Float32`` columns) trained in float64: scikit-learn's
  conversion makes them float64. They now keep float32, as a native float32 array does.
* A masked array was read with the values under its mask (NumPy's and scikit-learn's
  conversion ignores the mask): a fit on numbers meant to be missing. It is refused in
  words, naming the first masked place.
* ``check_separability`` crashed with torch's RuntimeError on a tensor that requires
  grad, and called a missing pandas value text; ``plot.decision_regions`` let NumPy's and
  Python's errors through for missing values, text, ragged rows, iterators, structured
  arrays and dates, and drew masked values. Both now read their data as the estimators
  do. A pandas missing value (``pd.NA``) is located as NaN is.
* Python integers that float64 rounds (beyond ±2**53) in a list or an object array were
  rounded in silence (a NumPy int64 array was already refused).
* A stop by ``on_update`` inside a one-vs-rest epoch trained output by output (``tol``
  with several classes) recorded the loss sum of whole epochs divided by the rows of the
  stopped output, and the stopped output's steps as ``t_``.
* An averaged model (``average``) saved and loaded went on from its averages, not from
  its plain weights, with the average restarted: the continuation differed from the
  saved model's. The file now keeps the plain weights too.
"""

from __future__ import annotations

import contextlib
import warnings

import numpy as np
import pytest

import neurona
from neurona.errors import DataError, NeuronaError
from neurona.separability import check_separability
from neurona.train import stop_at_update


def _data(n: int = 40, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    return X, (X[:, 0] + X[:, 1] > 0).astype(int)


@contextlib.contextmanager
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and order warnings are not the point
        yield


# --- kind 7: float32 kept ---------------------------------------------------------------
def _float32_guises(X32):
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    names = ["a", "b", "c"]
    return {
        "big-endian": X32.astype(">f4"),
        "pyarrow": pa.table({n: X32[:, j] for j, n in enumerate(names)}),
        "pandas Float32": pd.DataFrame(
            {n: pd.array(X32[:, j], dtype="Float32") for j, n in enumerate(names)}
        ),
    }


@pytest.mark.parametrize("guise", ["big-endian", "pyarrow", "pandas Float32"])
@pytest.mark.parametrize(
    "make",
    [
        lambda: neurona.Perceptron(backend="numpy", random_state=0),
        lambda: neurona.LogisticRegression(backend="numpy", random_state=0),
        lambda: neurona.LinearRegression(),
    ],
)
def test_float32_in_another_guise_stays_float32(guise, make):
    X, y = _data()
    X32 = X.astype(np.float32)
    target = y if not isinstance(make(), neurona.LinearRegression) else X @ [1.0, -1.0, 0.5]
    data = _float32_guises(X32)[guise]
    with _quiet():
        ours = make().fit(data, target)
        native = make().fit(X32, target)
    assert ours.coef_.dtype == np.float32
    np.testing.assert_array_equal(ours.coef_, native.coef_)
    np.testing.assert_array_equal(ours.predict(data), native.predict(X32))


def test_float32_and_float64_columns_together_train_in_float64():
    pa = pytest.importorskip("pyarrow")
    X, y = _data()
    table = pa.table({"a": X[:, 0].astype(np.float32), "b": X[:, 1], "c": X[:, 2]})
    with _quiet():
        assert neurona.Perceptron(backend="numpy").fit(table, y).coef_.dtype == np.float64


# --- kind 7: masked arrays --------------------------------------------------------------
def test_masked_values_are_refused_in_words_everywhere():
    import matplotlib

    matplotlib.use("Agg")
    from neurona.plot import decision_regions

    X, y = _data()
    mask = np.zeros_like(X, dtype=bool)
    mask[5, 1] = mask[7, 2] = True
    masked = np.ma.masked_array(X, mask=mask)
    fitted = neurona.Perceptron(backend="numpy").fit(X, y)
    calls = [
        lambda: neurona.Perceptron(backend="numpy").fit(masked, y),
        lambda: fitted.predict(masked),
        lambda: check_separability(masked, y),
        lambda: decision_regions(fitted, masked, y),
        lambda: neurona.Perceptron(backend="numpy").fit(X, np.ma.masked_array(y, y == 0)),
    ]
    for call in calls:
        with pytest.raises(
            DataError,
            match=r"masked array with 2 masked value\(s\) \(first at "
            r"X\[5, 1\]\).*filled|masked array with \d+ masked value\(s\).*y",
        ):
            call()
    # nothing masked: the values are the data, as for the plain array
    with _quiet():
        plain = neurona.Perceptron(backend="numpy").fit(np.ma.masked_array(X), y)
    np.testing.assert_array_equal(plain.coef_, fitted.coef_)


# --- kind 7: separability and decision regions read data as the estimators do ------------
def test_separability_takes_tensors_that_require_grad():
    torch = pytest.importorskip("torch")
    X, y = _data()
    expected = check_separability(X, y)
    for dtype in (torch.float32, torch.float64):
        ours = check_separability(
            torch.tensor(X, dtype=dtype, requires_grad=True),
            torch.tensor(y, dtype=torch.float32, requires_grad=True),
        )
        assert ours.separable == expected.separable
        if dtype == torch.float64:
            np.testing.assert_allclose(ours.weights, expected.weights, rtol=1e-9)


def _bad_inputs(X):
    pd = pytest.importorskip("pandas")
    na = pd.DataFrame(
        {
            "u": pd.array([1, 2, pd.NA] + [3] * (len(X) - 3), dtype="Int64"),
            "v": X[:, 1],
            "w": X[:, 2],
        }
    )
    dates = pd.DataFrame({"u": pd.date_range("2020", periods=len(X)), "v": X[:, 1]})
    return {
        "pandas NA": (na, r"NaN\. \(first at X\[2, 0\] in column 'u'\)"),
        "text": ([["a", "b", "c"]] * len(X), r"could not convert.*first at X\[0, 0\]"),
        "ragged": ([[1.0, 2.0, 3.0], [1.0]] * (len(X) // 2), "same number of values"),
        "iterator": (iter(X), "an iterator"),
        "structured": (
            np.zeros(len(X), dtype=[("a", "f8"), ("b", "f8"), ("c", "f8")]),
            "structured",
        ),
        "dates": (dates, "dates or times"),
        "NaN": (np.where(np.eye(len(X), 3, k=0) == 1, np.nan, X), r"NaN.*first at X\[0, 0\]"),
    }


@pytest.mark.parametrize(
    "kind", ["pandas NA", "text", "ragged", "iterator", "structured", "dates", "NaN"]
)
def test_decision_regions_and_separability_refuse_bad_data_in_words(kind):
    """Before: TypeError, ValueError (NumPy's), or a plot of NaN grid points."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from neurona.plot import decision_regions

    X, y = _data()
    data, message = _bad_inputs(X)[kind]
    fitted = neurona.Perceptron(backend="numpy").fit(X, y)
    with pytest.raises(NeuronaError, match=message):
        decision_regions(fitted, data, y)
    data, message = _bad_inputs(X)[kind]  # (an iterator is spent)
    with pytest.raises(NeuronaError, match=message):
        check_separability(data, y)
    plt.close("all")


def test_decision_regions_draw_a_sparse_matrix_as_its_values():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import scipy.sparse as sp

    from neurona.plot import decision_regions

    X, y = _data()
    fitted = neurona.Perceptron(backend="numpy").fit(X, y)
    dense = decision_regions(fitted, X, y)
    sparse = decision_regions(fitted, sp.csr_array(X), y)
    np.testing.assert_array_equal(
        dense.collections[0].get_offsets(), sparse.collections[0].get_offsets()
    )
    plt.close("all")


def test_a_missing_pandas_value_is_located_in_fit():
    pd = pytest.importorskip("pandas")
    X, y = _data()
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    frame["c"] = pd.array(np.round(X[:, 2] * 3).astype(int), dtype="Int64")
    frame.loc[3, "c"] = pd.NA
    with pytest.raises(DataError, match=r"NaN\. \(first at X\[3, 2\] in column 'c'\)"):
        neurona.Perceptron(backend="numpy").fit(frame, y)


@pytest.mark.parametrize(
    "X",
    [
        [[2**60 + 1, 0.5], [1, 2.0]],  # NumPy makes it float64: 2**60 + 1 rounded
        np.array([[2**70 + 1, 1], [3, 4]], dtype=object),  # beyond int64: objects
    ],
)
def test_python_integers_float64_would_round_are_refused(X):
    """As an int64 array beyond ±2**53 already was; scikit-learn rounds them in silence."""
    with pytest.raises(DataError, match=r"column 0 of X holds the integer \d+ \(row 0\).*2\*\*53"):
        neurona.Perceptron(backend="numpy").fit(X, [0, 1])
    exact = [[2**53, 0.5], [-(2**53), 2.0]]  # float64 holds these exactly: taken
    neurona.Perceptron(backend="numpy").fit(exact, [0, 1])


@pytest.mark.parametrize(
    ("X", "hint"),
    [
        ([[1.0, 2.0], [3.0]], "every row of X needs the same number of values"),
        (np.zeros((4, 2, 2)), r"X.reshape\(len\(X\), -1\)"),
    ],
)
def test_shape_faults_say_what_to_do(X, hint):
    with pytest.raises(DataError, match=hint):
        neurona.Perceptron(backend="numpy").fit(X, [0, 1] * (len(X) // 2))


# --- the per-update stop in a one-vs-rest epoch trained output by output -----------------
def _ovr_textbook(X, y, eta, rows_per_output):
    """ADALINE one-vs-rest, online, in order: each output's mean ½e² over the rows it
    visited in its first epoch (outputs that visited none are left out), and the mean of
    those means."""
    means = []
    for k, rows in enumerate(rows_per_output):
        t, w, b, losses = np.where(y == k, 1.0, -1.0), np.zeros(X.shape[1]), 0.0, []
        for i in range(rows):
            e = t[i] - (X[i] @ w + b)
            losses.append(0.5 * e * e)
            w, b = w + eta * e * X[i], b + eta * e
        if rows:
            means.append(np.mean(losses))
    return float(np.mean(means))


@pytest.mark.parametrize("stop", [40, 75, 90])
def test_a_stop_inside_a_one_vs_rest_epoch_records_the_rows_visited(stop):
    """Before: stop 40 recorded 0.544 (two outputs' sums over 40 rows, divided by 10 rows
    times 3 outputs) where the outputs' losses are 0.444, and ``t_`` 10."""
    X, _ = _data(30, seed=4)
    y = np.digitize(X[:, 0], [-0.5, 0.5])
    eta = 0.02
    model = neurona.Adaline(mode="online", shuffle=False, learning_rate=eta, epochs=3,
                            backend="numpy", tol=1e-3, n_iter_no_change=2)  # fmt: skip
    with _quiet():
        model.fit(X, y, on_update=stop_at_update(stop))
    rows = [min(30, max(0, stop - 30 * k)) for k in range(3)]
    np.testing.assert_allclose(model.history_["loss"], [_ovr_textbook(X, y, eta, rows)],
                               rtol=1e-12)  # fmt: skip
    assert model.t_ == 30  # the schedule's clock: the most steps an output took
    with _quiet():
        model.partial_fit(X, y)
    assert model.t_ == 60


def test_a_stopped_fit_goes_on_as_the_textbook_loop():
    """ADALINE online with an inverse-scaling rate: 17 updates (a stop inside the first
    epoch), then a warm-start fit of 2 epochs and a partial_fit: the lecture's loop of 17
    + 60 + 30 updates, the rate taken at the global step."""
    X, y = _data(30, seed=4)
    eta, power = 0.02, 0.5
    model = neurona.Adaline(mode="online", shuffle=False, learning_rate=eta, epochs=3,
                            schedule="invscaling", power_t=power, warm_start=True,
                            backend="numpy")  # fmt: skip
    with _quiet():
        model.fit(X, y, on_update=stop_at_update(17))
        assert (model.t_, model.n_iter_) == (17, 1)
        model.set_params(epochs=2).fit(X, y)
        model.partial_fit(X, y)
    t, w, b = 2.0 * y - 1, np.zeros(3), 0.0
    for step, i in enumerate([*range(17), *range(30), *range(30), *range(30)]):
        e = t[i] - (X[i] @ w + b)
        rate = eta / (step + 1.0) ** power
        w, b = w + rate * e * X[i], b + rate * e
    np.testing.assert_allclose(np.ravel(model.coef_), w, rtol=1e-12)
    np.testing.assert_allclose(model.intercept_, [b], rtol=1e-12)
    assert model.t_ == 107


# --- kind 8/12: an averaged model goes on after load as before save ------------------------
@pytest.mark.parametrize("average", [True, 50, 500])
@pytest.mark.parametrize("cls", [neurona.Perceptron, neurona.Adaline, neurona.LinearRegression])
def test_an_averaged_model_continues_after_load_as_before_save(tmp_path, cls, average):
    X, y = _data(30)
    target = X @ [1.0, -2.0, 0.5] if cls is neurona.LinearRegression else y
    extra = {"solver": "gd"} if cls is neurona.LinearRegression else {}
    first = {} if cls is neurona.LinearRegression else {"classes": [0, 1]}
    saved = cls(average=average, shuffle=False, backend="numpy", **extra)
    with _quiet():
        saved.partial_fit(X, target, **first)
        saved.partial_fit(X, target)
        saved.save(tmp_path / "m.npz")
        loaded = neurona.load(tmp_path / "m.npz")
        np.testing.assert_array_equal(loaded.predict(X), saved.predict(X))
        for model in (saved, loaded):
            model.partial_fit(X, target)
    np.testing.assert_array_equal(loaded.coef_, saved.coef_)  # before: off by up to 1.05
    np.testing.assert_array_equal(loaded.intercept_, saved.intercept_)


def test_a_file_whose_plain_weights_do_not_fit_is_refused(tmp_path):
    X, y = _data(30)
    model = neurona.Adaline(average=True, backend="numpy").fit(X, y)
    model._standard = (model._standard[0][:2], model._standard[1])
    with pytest.raises(neurona.errors.ModelFileError, match="standard_coef_"):
        model.save(tmp_path / "m.npz")
    plain = neurona.Adaline(backend="numpy").fit(X, y)
    plain._standard = (plain.coef_.T.copy(), np.atleast_1d(plain.intercept_).copy())
    plain.save(tmp_path / "p.npz")  # no averaging: nothing more is written
    assert not hasattr(neurona.load(tmp_path / "p.npz"), "_standard")
