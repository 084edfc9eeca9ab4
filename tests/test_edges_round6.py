"""Edges, round 6: each fault kind a tester found after round 5, with the right value.

- with averaging, ``history_`` described the plain weights while ``coef_`` held their
  average;
- dates and durations as a regression target were read as raw tick counts;
- integers above 2**53 in X were rounded to float64 in silence;
- weights that vanish (all-zero class weights, underflow in X's dtype) trained a zero model;
- model files with a subnormal ``learning_rate_``, a huge ``average`` or class weights
  that do not match the classes loaded;
- ``calculus`` took a fixed smallest step near 0 and accepted non-elementwise functions;
- solver hints that fail on the same data; early stopping with a 1-row validation set.
"""

from __future__ import annotations

import numpy as np
import pytest

import neurona
from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron
from neurona.errors import DataTypeError, NeuronaError

pytestmark = pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")

BACKENDS = ["numpy", "numba", "torch"]


def _data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] > 0).astype(int)
    yr = X @ np.array([1.0, 2.0, -1.0]) + 0.5
    return X, y, yr


def _noisy():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 4))
    y = (X[:, 0] + 0.8 * rng.normal(size=60) > 0).astype(int)
    return X, y


# 1. averaging: the history describes the weights the model exposes -----------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("est", [Perceptron, Adaline, LogisticRegression])
@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("average", [True, 10, 150])
def test_averaged_history_accuracy_is_the_score(backend, est, average):
    X, y = _noisy()
    m = est(epochs=7, average=average, backend=backend).fit(X, y)
    assert m.history_["accuracy"][-1] == pytest.approx(m.score(X, y), abs=1e-12)
    # and every epoch's accuracy is that of the weights averaged up to its end
    m2 = est(epochs=1, average=average, backend=backend)
    for epoch in range(3):
        m2.partial_fit(X, y, classes=[0, 1]) if epoch else m2.fit(X, y)
        assert m2.history_["accuracy"][-1] == pytest.approx(m2.score(X, y), abs=1e-12)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("average", [True, 10])
def test_averaged_history_loss_is_the_loss_of_coef(backend, average):
    X, _ = _noisy()
    t = X @ np.array([1.0, 2.0, 3.0, 4.0])
    m = LinearRegression(solver="gd", epochs=7, average=average, backend=backend).fit(X, t)
    real = 0.5 * np.mean((X @ m.coef_ + m.intercept_ - t) ** 2)  # half the MSE, by hand
    assert m.history_["loss"][-1] == pytest.approx(real, rel=1e-6)
    assert real > 1e-6  # the plain weights' loss is ~1e-13: the old history said that


@pytest.mark.parametrize("backend", BACKENDS)
def test_averaged_adaline_history_loss_is_the_loss_of_coef(backend):
    X, y = _noisy()
    m = Adaline(epochs=7, average=True, backend=backend).fit(X, y)
    t = np.where(y == 1, 1.0, -1.0)
    z = X @ m.coef_.ravel() + m.intercept_[0]
    assert m.history_["loss"][-1] == pytest.approx(0.5 * np.mean((z - t) ** 2), rel=1e-6)


# 2. dates and durations as a regression target -----------------------------------


def _dates(n):
    return (np.datetime64("2024-01-01") + np.arange(n)).astype("datetime64[ns]")


@pytest.mark.parametrize(
    "target",
    [
        lambda n: _dates(n),
        lambda n: np.arange(n).astype("timedelta64[s]"),
        lambda n: __import__("pandas").Series(__import__("pandas").date_range("2024", periods=n)),
        lambda n: __import__("pyarrow").array(_dates(n)),
        lambda n: np.c_[_dates(n), _dates(n)],
    ],
    ids=["datetime64", "timedelta64", "pandas", "pyarrow", "2-D"],
)
@pytest.mark.parametrize(
    "make", [lambda: LinearRegression(), lambda: LinearRegression(solver="gd")]
)
def test_time_regression_target_refused(target, make):
    X, _, _ = _data()
    with pytest.raises(DataTypeError, match=r"dates or times.*regression target"):
        make().fit(X, target(40))
    with pytest.raises(DataTypeError, match=r"dates or times"):
        LinearRegression(solver="gd").partial_fit(X, target(40))


def test_time_class_labels_still_allowed():
    X, y, _ = _data()
    labels = np.where(y == 1, np.datetime64("2024-01-01"), np.datetime64("2024-02-01"))
    clf = Perceptron(epochs=5).fit(X, labels)
    assert set(clf.predict(X)) <= set(labels)
    assert clf.classes_.dtype.kind == "M"


# 3. integers that float64 cannot hold exactly ----------------------------------------


def _big_ints(n, dtype=np.int64):
    return (2**60 + 2 * np.arange(n) + 1).astype(dtype)


@pytest.mark.parametrize("kind", ["int64", "uint64", "negative", "pyarrow", "pandas", "list"])
def test_integers_beyond_2_53_refused(kind):
    import pandas as pd
    import pyarrow as pa

    _, _, yr = _data()
    big = _big_ints(40)
    small = np.arange(40)
    if kind == "int64":
        X, name = np.c_[small, big], "column 1"
    elif kind == "uint64":
        X, name = np.c_[small, big].astype(np.uint64), "column 1"
    elif kind == "negative":
        X, name = np.c_[-big, small], "column 0"
    elif kind == "pyarrow":
        X, name = pa.table({"a": small, "big": pa.array(big)}), "column 'big'"
    elif kind == "pandas":
        X, name = pd.DataFrame({"a": small, "big": big}), "column 'big'"
    else:
        X, name = [[int(a), int(b)] for a, b in zip(small, big, strict=True)], "column 1"
    # the silent result was a constant column: float64 rounds 2**60 + 1 and 2**60 + 3 alike
    assert float(2**60 + 1) == float(2**60 + 3)
    with pytest.raises(
        neurona.errors.DataError,
        match=rf"{name} of X holds the integer -?{2**60 + 1}.*float64 cannot hold exactly",
    ):
        LinearRegression().fit(X, yr)
    fitted = LinearRegression().fit(np.c_[small, small], yr)
    with pytest.raises(neurona.errors.DataError, match=r"float64 cannot hold exactly"):
        fitted.predict(np.c_[small, big])


def test_integers_within_2_53_still_taken():
    _, _, yr = _data()
    X = np.c_[np.arange(40), 2**53 - np.arange(40)].astype(np.int64)
    model = LinearRegression().fit(X, yr)
    ref = LinearRegression().fit(X.astype(np.float64), yr)
    np.testing.assert_allclose(model.coef_, ref.coef_)


# 4. weights that vanish, overflow, or leave no safe step -----------------------------

CLASSIFIERS = [Perceptron, Adaline, LogisticRegression]


@pytest.mark.parametrize("est", CLASSIFIERS)
@pytest.mark.parametrize(
    ("dtype", "kw", "match"),
    [
        (np.float32, {"sample_weight": np.full(40, 1e-46)}, "below the smallest normal float32"),
        (
            np.float32,
            {"sample_weight": np.r_[1.0, np.full(39, 1e-40)]},
            "below the smallest normal float32",
        ),
        (np.float64, {"sample_weight": np.full(40, 5e-324)}, "below the smallest normal float64"),
        (np.float32, {"sample_weight": np.full(40, 1e39)}, "beyond the float32 range"),
        (np.float64, {"class_weight": {0: 0, 1: 0}}, "every row's weight .* is 0"),
        (np.float64, {"class_weight": {0: 0}, "sample_weight": (np.arange(40) < 20) * 1.0}, None),
    ],
    ids=[
        "f32-underflow",
        "f32-some-subnormal",
        "f64-subnormal",
        "f32-overflow",
        "cw-zero",
        "cw-x-sw-zero",
    ],
)
def test_vanishing_or_overflowing_weights_refused(est, dtype, kw, match):
    X, y, _ = _data()
    X = X.astype(dtype)
    kw = dict(kw)
    cw = kw.pop("class_weight", None)
    if match is None:  # class 0 weighs 0, and the rows of class 1 have sample weight 0
        kw["sample_weight"] = np.where(y == 1, 0.0, 1.0)
        match = "every row's weight .* is 0"
    with pytest.raises(neurona.errors.DataError, match=match) as info:
        est(epochs=5, class_weight=cw).fit(X, y, **kw)
    assert "features reach" not in str(info.value)


@pytest.mark.parametrize("est", CLASSIFIERS)
def test_huge_class_weights_blame_the_weights(est):
    X, y, _ = _data()
    with pytest.raises(NeuronaError, match=r"weights") as info:
        est(epochs=5, class_weight={0: 1e308, 1: 1e308}).fit(X, y)
    assert "features reach" not in str(info.value)
    assert "learning rate" not in str(info.value)


@pytest.mark.parametrize("est", CLASSIFIERS)
def test_large_but_safe_weights_train_as_rescaled(est):
    # only the ratios of the weights matter to the safe-step models: 1e200 trains as 1
    X, y, _ = _data()
    big = est(epochs=5).fit(X, y, sample_weight=np.full(40, 1e200))
    assert big.score(X, y) >= 0.9


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("est", CLASSIFIERS)
def test_coef_init_beyond_dtype_refused(est):
    X, y, _ = _data()
    with pytest.raises(
        neurona.errors.DataError, match=r"coef_init holds 1e\+300.*float32 cannot represent"
    ):
        est(epochs=5).fit(X.astype(np.float32), y, coef_init=np.full(3, 1e300))
    with pytest.raises(
        neurona.errors.DataError, match=r"intercept_init.*float32 cannot represent"
    ):
        est(epochs=5).fit(X.astype(np.float32), y, intercept_init=-1e39)
    # a value float32 holds is taken: one epoch from it, as from the same float64 start
    start = np.full(3, 0.5)
    a = est(epochs=1, average=False).fit(X.astype(np.float32), y, coef_init=start)
    b = est(epochs=1, average=False).fit(X, y, coef_init=start)
    np.testing.assert_allclose(a.coef_, b.coef_, rtol=1e-4, atol=1e-5)


# 5, 7, 8. model files: learning_rate_, average, class_weight ---------------------------


def _rewrite(src, dst, change):
    """Copy the model file ``src`` to ``dst`` with its metadata changed by ``change``."""
    import io
    import json
    import zipfile

    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    meta = json.loads(np.load(io.BytesIO(members["__metadata__.npy"])).tobytes())
    change(meta)
    buf = io.BytesIO()
    np.save(buf, np.frombuffer(json.dumps(meta).encode(), np.uint8))
    members["__metadata__.npy"] = buf.getvalue()
    with zipfile.ZipFile(dst, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    return dst


def _saved(tmp_path, model, name="m.npz"):
    path = tmp_path / name
    model.save(path)
    return path


@pytest.mark.parametrize(
    ("dtype", "rate"), [(np.float64, 1e-320), (np.float32, 1e-40), (np.float32, 1e39)]
)
def test_loaded_learning_rate_must_be_a_normal_number(tmp_path, dtype, rate):
    X, y, _ = _data()
    path = _saved(tmp_path, Adaline(epochs=2).fit(X.astype(dtype), y))
    bad = _rewrite(
        path, tmp_path / "bad.npz", lambda m: m["attributes"].__setitem__("learning_rate_", rate)
    )
    with pytest.raises(neurona.errors.ModelFileError, match=r"bad\.npz.*learning_rate_.*normal"):
        neurona.load(bad)
    fine = _rewrite(
        path, tmp_path / "ok.npz", lambda m: m["attributes"].__setitem__("learning_rate_", 1e-3)
    )
    assert neurona.load(fine).learning_rate_ == 1e-3


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("average", [10**30, 2**63, np.uint64(2**64 - 1)])
def test_huge_average_agrees_across_backends(backend, average):
    # averaging from a step never reached: the plain weights, as average=False gives
    X, y, _ = _data()
    huge = Perceptron(epochs=3, average=average, backend=backend).fit(X, y)
    plain = Perceptron(epochs=3, penalty="l2", alpha=0.0, average=False, backend="numpy")
    plain.fit(X, y)
    np.testing.assert_allclose(huge.coef_, plain.coef_, rtol=1e-6)
    assert huge.history_["accuracy"][-1] == pytest.approx(huge.score(X, y))


@pytest.mark.parametrize("backend", BACKENDS)
def test_huge_average_in_a_model_file_then_partial_fit(tmp_path, backend):
    X, y, _ = _data()
    # averaging not begun (it starts after more steps than the fit took): a legal edit
    late = Perceptron(epochs=2, average=10**6, backend=backend).fit(X, y)
    path = _saved(tmp_path, late)
    big = _rewrite(
        path, tmp_path / "big.npz", lambda m: m["params"].__setitem__("average", 10**30)
    )
    model = neurona.load(big)
    assert model.average == 10**30
    model.partial_fit(X, y)
    assert np.isfinite(model.coef_).all()
    # averaging begun: the file holds the plain weights beside the averages, which an
    # average that has not begun contradicts
    begun = _saved(tmp_path, Perceptron(epochs=2, average=5, backend=backend).fit(X, y), "a.npz")
    edited = _rewrite(
        begun, tmp_path / "e.npz", lambda m: m["params"].__setitem__("average", 10**30)
    )
    with pytest.raises(neurona.errors.ModelFileError, match=r"e\.npz.*standard_coef_"):
        neurona.load(edited)


@pytest.mark.parametrize(
    ("pairs", "match"),
    [
        ('[["z", 2.0]]', "label 'z', which is not one of its classes_"),
        ('[["a", 2.0], ["a", 3.0]]', "label 'a' more than once"),
    ],
)
def test_loaded_class_weight_checked_against_classes(tmp_path, pairs, match):
    X, _, _ = _data()
    labels = np.where(X[:, 0] > 0, "a", "b")
    path = _saved(tmp_path, Perceptron(epochs=2, class_weight={"a": 2.0}).fit(X, labels))
    assert neurona.load(path).class_weight == {"a": 2.0}
    bad = _rewrite(
        path,
        tmp_path / "cw.npz",
        lambda m: m["params"].__setitem__("class_weight", "dict:" + pairs),
    )
    with pytest.raises(neurona.errors.ModelFileError, match=rf"cw\.npz.*{match}"):
        neurona.load(bad)


# 6. class_weight keys ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "key"),
    [
        (("2024-01-01", "2024-02-01"), np.datetime64("2024-01-01")),  # a key of another unit
        (("2024-01-01", "2024-02-01"), np.datetime64("2024-01-01T00:00:00", "ns")),
        ((1, 2), np.timedelta64(1, "s")),
    ],
    ids=["datetime-day-key", "datetime-ns-key", "timedelta-key"],
)
def test_time_labels_take_class_weight_keys(labels, key):
    X, y, _ = _data()
    kind = "datetime64[ns]" if isinstance(labels[0], str) else "timedelta64[s]"
    first, second = np.array(labels[0], dtype=kind), np.array(labels[1], dtype=kind)
    times = np.where(y == 1, first, second)
    weighted = Perceptron(epochs=3, class_weight={key: 3.0}).fit(X, times)
    # the same fit with integer labels: the first (smaller) class weighs 3
    codes = np.where(y == 1, 0, 1)
    same = Perceptron(epochs=3, class_weight={0: 3.0}).fit(X, codes)
    np.testing.assert_allclose(weighted.coef_, same.coef_)
    assert not np.allclose(same.coef_, Perceptron(epochs=3).fit(X, codes).coef_)


def test_time_labels_unknown_key_refused_in_words():
    X, y, _ = _data()
    times = np.where(y == 1, np.datetime64("2024-01-01", "ns"), np.datetime64("2024-02-01", "ns"))
    with pytest.raises(neurona.errors.ParameterError, match=r"2025-01-01.*is not a class"):
        Perceptron(epochs=3, class_weight={np.datetime64("2025-01-01"): 3.0}).fit(X, times)
    with pytest.raises(neurona.errors.ParameterError, match=r"'x'.* is not a class"):
        Perceptron(epochs=3, class_weight={"x": 3.0}).fit(X, times)


@pytest.mark.parametrize("value", [10**400, -(10**400), 2**1024])
def test_class_weight_beyond_float64_refused_in_words(value):
    X, y, _ = _data()
    with pytest.raises(neurona.errors.ParameterError, match=r"class_weight.*is not valid"):
        Perceptron(epochs=3, class_weight={1: value}).fit(X, y)
    # a large integer within float64 is a weight like any other
    Adaline(epochs=3, class_weight={1: 10**300, 0: 10**300}).fit(X, y)


# 8. labels fit takes and save must keep ------------------------------------------------


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda y: np.where(y == 1, b"a", b"b"), "bytes labels"),
        (lambda y: [b"a" if v else b"b" for v in y], "bytes labels"),
        (
            lambda y: np.where(
                y == 1, np.datetime64("NaT", "ns"), np.datetime64("2024-01-01", "ns")
            ),
            r"missing labels \(NaT\)",
        ),
        (
            lambda y: np.where(y == 1, np.timedelta64("NaT", "s"), np.timedelta64(1, "s")),
            r"missing labels \(NaT\)",
        ),
    ],
    ids=["bytes-array", "bytes-list", "NaT-datetime", "NaT-timedelta"],
)
def test_labels_save_cannot_keep_are_refused_at_fit(make, match):
    X, y, _ = _data()
    for fit in (lambda m, t: m.fit(X, t), lambda m, t: m.partial_fit(X, t, classes=np.unique(t))):
        with pytest.raises(neurona.errors.DataError, match=match):
            fit(Perceptron(epochs=2), make(y))


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["2024-01-01", "2024-02-01"], "datetime64[ns]"),
        np.array([1, 2], "timedelta64[s]"),
        np.array(["a", "b\n"]),
        np.array([-3, 7]),
    ],
    ids=["datetime", "timedelta", "text", "int"],
)
def test_labels_fit_takes_round_trip(tmp_path, labels):
    X, y, _ = _data()
    model = Perceptron(epochs=2).fit(X, labels[y])
    path = _saved(tmp_path, model)
    back = neurona.load(path)
    np.testing.assert_array_equal(back.classes_, model.classes_)
    np.testing.assert_array_equal(back.predict(X), model.predict(X))


# 9. calculus near 0, and functions that are not elementwise ---------------------------


@pytest.mark.parametrize("x", [1e-150, 1e-40, 1e-300, 3e-12])
def test_derivative_steps_scale_with_small_x(x):
    from neurona.calculus import derivative

    # d/dx 1/x = -1/x**2 (where float64 holds it) and d/dx log x = 1/x, the mathematics
    if x >= 1e-150:
        assert derivative(lambda v: 1 / np.asarray(v), x) == pytest.approx(-1 / x**2, rel=1e-6)
    assert derivative(np.log, x) == pytest.approx(1 / x, rel=1e-6)
    assert derivative(np.log, x, method="forward") == pytest.approx(1 / x, rel=1e-4)
    many = derivative(np.log, np.array([x, 1.0, 10.0]))
    np.testing.assert_allclose(many, [1 / x, 1.0, 0.1], rtol=1e-6)


def test_check_gradient_accepts_a_correct_gradient_near_zero():
    from neurona.calculus import check_gradient

    def f(v):
        return float(np.log(np.asarray(v)).sum())

    result = check_gradient(f, lambda v: 1 / np.asarray(v), [1e-30, 1.0])
    assert result.passed
    wrong = check_gradient(f, lambda v: 2 / np.asarray(v), [1e-30, 1.0])
    assert not wrong.passed


def test_edge_of_domain_never_suggests_what_fails():
    from neurona.calculus import derivative

    sqrt = lambda v: np.sqrt(np.asarray(v))  # noqa: E731
    with pytest.raises(NeuronaError) as info:
        derivative(sqrt, 0.0)  # one-sided too: the slope is infinite
    assert "forward" not in str(info.value)
    with pytest.raises(NeuronaError):
        derivative(sqrt, 0.0, method="forward")


@pytest.mark.parametrize(
    "f",
    [
        np.cumsum,
        lambda v: np.asarray(v) / np.asarray(v).sum(),
        lambda v: np.cumsum(np.asarray(v)[::-1])[::-1],
        lambda v: np.asarray(v) - np.asarray(v).mean(),
    ],
    ids=["cumsum", "normalise", "reverse-cumsum", "centre"],
)
def test_derivative_refuses_functions_that_are_not_elementwise(f):
    from neurona.calculus import derivative

    with pytest.raises(neurona.errors.ParameterError, match=r"not elementwise"):
        derivative(f, [1.0, 2.0, 3.0])


def test_elementwise_functions_still_differentiate():
    from neurona.calculus import derivative

    x = np.array([0.5, 1.0, 2.0])
    np.testing.assert_allclose(derivative(np.exp, x), np.exp(x), rtol=1e-8)
    np.testing.assert_allclose(derivative(lambda v: np.asarray(v) ** 2, x), 2 * x, rtol=1e-8)


# 10. solver hints that work --------------------------------------------------------------


def _suggested_solvers(message: str) -> list[str]:
    import re

    return re.findall(r"'(auto|qr|lstsq|cholesky|svd|normal)'", message)


@pytest.mark.parametrize(
    "column",
    [lambda X: np.ones(len(X)), lambda X: X[:, 0] + X[:, 1]],
    ids=["constant", "combination"],
)
def test_cholesky_suggests_only_solvers_that_work(column):
    X, _, yr = _data()
    Xs = np.c_[X, column(X)]
    with pytest.raises(neurona.errors.DataError) as info:
        LinearRegression(solver="cholesky").fit(Xs, yr)
    message = str(info.value)
    suggested = _suggested_solvers(message)
    assert suggested
    assert "qr" not in suggested
    for solver in suggested:  # each one fits these data
        model = LinearRegression(solver=solver).fit(Xs, yr)
        np.testing.assert_allclose(model.predict(Xs), yr, atol=1e-8)
    assert "alpha > 0" in message
    ridge = neurona.Ridge if hasattr(neurona, "Ridge") else None
    if ridge is not None:
        ridge(alpha=1.0, solver="cholesky").fit(Xs, yr)


# 11. early stopping: a validation set R² cannot score; scores kept by save/load -------


@pytest.mark.parametrize(("n", "fraction"), [(10, 0.1), (19, 0.05), (5, 0.2)])
def test_regression_validation_split_too_small_for_r2_refused(n, fraction):
    X, _, yr = _data()
    model = LinearRegression(
        solver="gd", early_stopping=True, validation_fraction=fraction, tol=1e-3
    )
    with pytest.raises(neurona.errors.DataError, match=r"R² .*needs at least 2"):
        model.fit(X[:n], yr[:n])


def test_regression_validation_of_two_rows_scores_finite():
    from sklearn.metrics import r2_score

    X, _, yr = _data()
    model = LinearRegression(solver="gd", early_stopping=True, validation_fraction=0.1, epochs=5)
    model.fit(X[:20], yr[:20])
    assert np.isfinite(model.validation_scores_).all()
    # the last score is R² of the final weights on two held-out rows: one of these pairs
    scores = [
        r2_score(yr[[i, j]], model.predict(X[[i, j]])) for i in range(20) for j in range(i + 1, 20)
    ]
    assert min(abs(s - model.validation_scores_[-1]) for s in scores) < 1e-9


@pytest.mark.parametrize(
    ("make", "X_y"),
    [
        (lambda: Perceptron(early_stopping=True, epochs=6, random_state=0), "clf"),
        (lambda: LogisticRegression(early_stopping=True, epochs=6, random_state=0), "clf"),
        (
            lambda: LinearRegression(solver="gd", early_stopping=True, epochs=6, random_state=0),
            "reg",
        ),
    ],
)
def test_validation_scores_survive_save_load(tmp_path, make, X_y):
    X, y, yr = _data()
    model = make().fit(X, y if X_y == "clf" else yr)
    back = neurona.load(_saved(tmp_path, model))
    assert back.validation_scores_ == model.validation_scores_
    assert back.best_validation_score_ == model.best_validation_score_
    plain = make().set_params(early_stopping=False).fit(X, y if X_y == "clf" else yr)
    assert not hasattr(neurona.load(_saved(tmp_path, plain, "p.npz")), "validation_scores_")
    bad = _rewrite(
        tmp_path / "p.npz",
        tmp_path / "bad.npz",
        lambda m: m["attributes"].__setitem__("validation_scores_", [0.5]),
    )
    with pytest.raises(
        neurona.errors.ModelFileError, match=r"validation_scores_ but early_stopping is off"
    ):
        neurona.load(bad)
