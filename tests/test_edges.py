"""Numbers at the edge of floating point, labels and inputs: each fault's whole kind.

Every case either gives the right value or raises one clear ``neurona.errors`` exception;
each backend agrees, and history never disagrees with ``predict``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import neurona
from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron
from neurona.calculus import check_gradient, derivative, gradient
from neurona.errors import DataError, DataTypeError, DivergenceError, ParameterError

BACKENDS = ["numpy", "numba", "torch"]


def _backend(name):
    if name == "torch":
        pytest.importorskip("torch")
    return name


# ------------------------------------------------------------------- 1. net input overflow


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "X",
    [
        [[1.7e308, 1.7e308], [-1.7e308, -1.7e308], [1.7e308, -1.7e308], [-1.7e308, 1.7e308]],
        [[1e200, 0.0], [0.0, 1e200], [-1e200, 0.0], [0.0, -1e200]],  # z = w·x overflows later
    ],
)
def test_net_input_overflow_stops_every_backend_alike(X, backend):
    model = Perceptron(epochs=5, backend=_backend(backend), learning_rate=1e200)
    with pytest.raises(DivergenceError, match="non-finite"):
        model.fit(np.array(X), [1, 0, 1, 0])
    assert np.isfinite(model.coef_).all()  # the last finite weights


# -------------------------------------------------------------- 2. steps and tiny features


@pytest.mark.parametrize("magnitude", [1e155, 3e160, 1e165, 1e300])
def test_a_safe_step_below_every_float_is_refused_in_words(magnitude):
    with pytest.raises(DataError, match="standardise the features"):
        Adaline().fit([[magnitude], [-magnitude]], [0, 1])


@pytest.mark.parametrize("backend", ["numpy", "numba", "torch"])
@pytest.mark.parametrize("magnitude", [1e19, 1e25, 3.4e38])
@pytest.mark.parametrize("make", [Adaline, LogisticRegression])
def test_a_float32_step_below_float32s_normal_range_is_refused_alike(make, magnitude, backend):
    """In float32 the safe step 1/|x|² leaves float32's normal range from |x| ≈ 1e19: every
    backend refuses in words (before: zero weights on numpy and torch, a divergence on
    numba)."""
    if backend == "torch":
        pytest.importorskip("torch")
    X = np.array([[magnitude], [-magnitude]], dtype=np.float32)
    with pytest.raises(DataError, match=r"float32.*standardise the features"):
        make(backend=backend).fit(X, [0, 1])


def test_an_explicit_rate_below_the_dtypes_normal_range_is_refused():
    X = np.array([[1.0], [-1.0]], dtype=np.float32)
    with pytest.raises(ParameterError, match="below the smallest normal float32"):
        Adaline(learning_rate=1e-50).fit(X, [0, 1])
    assert Adaline(learning_rate=1e-50, epochs=3).fit(X.astype(np.float64), [0, 1]).n_iter_ == 3


def _scaled(columns):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, len(columns))) * np.asarray(columns)
    return X, (X[:, 0] > 0).astype(int), X @ np.arange(1.0, len(columns) + 1)


SCALES_BEYOND_GD = {
    "all tiny": [1e-200, 1e-200, 1e-200],
    "subnormal": [1e-310, 1e-310, 1e-310],
    "one huge column": [2e153],
    "mixed": [1e150, 1e-150, 1.0],
    "float32 mixed": [1e4, 1e-4],
}


@pytest.mark.parametrize("columns", SCALES_BEYOND_GD.values(), ids=SCALES_BEYOND_GD.keys())
@pytest.mark.parametrize(
    "make",
    [Adaline, LogisticRegression, lambda **k: LinearRegression(solver="gd", **k),
     lambda **k: Adaline(mode="online", learning_rate=0.01, **k)],
    ids=["adaline", "logistic", "linear-gd", "adaline-explicit-rate"],
)  # fmt: skip
def test_scales_that_gradient_descent_cannot_reconcile_are_refused(make, columns):
    """Features whose root mean squares (with the bias's 1) differ by more than 1/u (u the
    unit roundoff) leave the small ones' weights where they start: refused, naming the
    columns, where the run used to return a model that ignored them (score 0.3 to -1.7)."""
    X, labels, target = _scaled(columns)
    if columns == SCALES_BEYOND_GD["float32 mixed"]:
        X = X.astype(np.float32)
    model = make()
    y = target if isinstance(model, LinearRegression) else labels
    with pytest.raises(DataError, match=r"scales differ by a factor of .*standardise"):
        model.fit(X, y)


def test_scales_too_far_apart_for_the_runs_updates_warn():
    """ρ = 1.1e4 (one column ×1e4): κ ≥ ρ² = 1.2e8 steps are needed, and a fit of 100
    epochs over 40 rows makes 4000: it warns (before: the loss sat at 0.546 from the first
    epoch, score 0.6, in silence). Standardised, or one partial_fit call of many, it does
    not."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 3))
    X[:, 2] *= 1e4
    y = X[:, 0] + X[:, 1] > 0
    with pytest.warns(neurona.errors.ConvergenceWarning, match="more than the 4000 updates"):
        Adaline().fit(X, y)
    standard = (X - X.mean(axis=0)) / X.std(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Adaline().fit(standard, y).score(standard, y) >= 0.9
        Adaline().partial_fit(X, y, classes=[False, True])


def test_scales_far_apart_warn_and_close_ones_do_not():
    X, y, _ = _scaled([1e9, 1.0])  # ρ = 1e9: between u^-1/2 and 1/u in float64
    need = r"factor of 1.2e\+9 .* would need about 1.5e\+18 steps"
    with pytest.warns(neurona.errors.ConvergenceWarning, match=need):
        Adaline(epochs=2).fit(X, y)
    X, y, _ = _scaled([12.0, 1.0])  # ρ ≈ 17: ρ² ≈ 280, below ten times the 40 updates
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Adaline(epochs=2).fit(X, y)
        Perceptron(epochs=2).fit(*_scaled([1e150, 1e-150])[:2])  # mistake-driven: any scale


@pytest.mark.parametrize("solver", ["auto", "cholesky", "qr", "lstsq"])
@pytest.mark.parametrize("scale", [1e-250, 1e200, 1e250])
def test_closed_form_scales_columns_far_from_one(scale, solver):
    rng = np.random.default_rng(0)
    X, w = rng.normal(size=(20, 3)), np.array([1.0, 2.0, 3.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no RuntimeWarning on the way
        model = LinearRegression(solver=solver).fit(X * scale, X @ w + 1.0)
    np.testing.assert_allclose(model.coef_ * scale, w, rtol=1e-10)
    np.testing.assert_allclose(model.intercept_, 1.0, rtol=1e-10)


@pytest.mark.parametrize("scale", [1e-310, 5e-324])
def test_unrepresentable_coefficients_are_refused_in_words(scale):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 3))
    with pytest.raises(DataError, match="beyond float64's range"):
        LinearRegression().fit(X * scale, X @ [1.0, 2.0, 3.0])


def test_the_refusal_of_an_unsafe_step_says_what_to_do_not_what_cannot_help():
    with pytest.raises(DataError) as caught:
        Adaline().fit([[1e200, 1.0], [-1e200, 2.0]], [0, 1])
    assert "standardise the features" in str(caught.value)
    assert "learning_rate" not in str(caught.value)  # a given step would not train either


# ------------------------------------------------------------ 3. divergence while finite


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("make", "mode"),
    [
        (lambda **k: Adaline(learning_rate=10, **k), "batch"),
        (lambda **k: LinearRegression(solver="gd", learning_rate=2.0, **k), "minibatch"),
    ],
)
def test_a_run_that_blows_up_is_stopped_before_it_overflows(make, mode, backend):
    rng = np.random.default_rng(0)
    X = 10 * rng.standard_normal((20, 3))
    y = X[:, 0] > 0
    target = X[:, 0] if mode == "minibatch" else y
    model = make(mode=mode, epochs=30, backend=_backend(backend), batch_size=8)
    with pytest.raises(DivergenceError, match="diverging"):
        model.fit(X, target)
    assert np.isfinite(model.coef_).all()


def test_a_converging_run_is_not_mistaken_for_a_divergent_one():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((200, 4))
    model = LinearRegression(solver="gd", mode="batch", epochs=300, learning_rate=0.9)
    model.fit(X, X @ [1.0, -1.0, 2.0, 0.5])
    assert model.history_["loss"][-1] < 1e-10


@pytest.mark.parametrize("mode", ["batch", "online", "minibatch"])
@pytest.mark.parametrize("epochs", [3, 4])
def test_a_short_run_that_blows_up_is_stopped_too(mode, epochs):
    rng = np.random.default_rng(0)
    X = 10 * rng.standard_normal((20, 3))
    model = Adaline(mode=mode, learning_rate=10, epochs=epochs, batch_size=8)
    with pytest.raises(DivergenceError):
        model.fit(X, X[:, 0] > 0)
    assert np.isfinite(model.coef_).all()


def test_a_partial_fit_chain_that_blows_up_is_stopped_at_its_first_call():
    """One epoch per call: the loss at the final weights (an explicit rate is not proven
    safe) shows the overshoot at once."""
    rng = np.random.default_rng(0)
    X = 10 * rng.standard_normal((20, 3))
    model = Adaline(mode="batch", learning_rate=10, epochs=1)
    with pytest.raises(DivergenceError, match="at the final weights of epoch 1"):
        model.partial_fit(X, X[:, 0] > 0, classes=[False, True])
    assert np.isfinite(model.coef_).all()
    np.testing.assert_array_equal(model.coef_, 0.0)  # the weights before the step
    assert model.history_ == {"loss": [], "accuracy": []}  # and the history with them


@pytest.mark.parametrize(
    ("make", "epochs"),
    [(lambda **k: Adaline(mode="batch", learning_rate=10, **k), 2),
     (lambda **k: Adaline(mode="batch", learning_rate=1e3, **k), 1),
     (lambda **k: LinearRegression(solver="gd", mode="batch", learning_rate=100, **k), 1),
     (lambda **k: LinearRegression(solver="gd", mode="minibatch", learning_rate=10, **k), 2)],
)  # fmt: skip
def test_a_blow_up_within_one_or_two_epochs_is_caught(make, epochs):
    rng = np.random.default_rng(0)
    X = 10 * rng.standard_normal((20, 3))
    model = make(epochs=epochs)
    y = X @ [1.0, 2.0, 3.0] if isinstance(model, LinearRegression) else X[:, 0] > 0
    with pytest.raises(DivergenceError, match="diverging"):
        model.fit(X, y)
    assert np.isfinite(model.coef_).all()
    assert len(model.history_["loss"]) < epochs  # the epoch that overshot is not kept


def test_a_converging_explicit_rate_passes_the_final_check():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 3))
    for mode in ("online", "random", "batch", "minibatch"):
        model = LinearRegression(solver="gd", mode=mode, learning_rate=0.05, epochs=200,
                                 random_state=0).fit(X, X @ [1.0, 2.0, 3.0])  # fmt: skip
        assert model.score(X, X @ [1.0, 2.0, 3.0]) > 0.999


# ------------------------------------------------------------ 4. Python-level overflow


def test_values_beyond_float64_are_a_data_error():
    X = np.array([[2**2000, 1], [0, 1]], dtype=object)
    with pytest.raises(DataError, match="beyond float64's range"):
        Perceptron().fit(X, [0, 1])
    with pytest.raises(DataError, match="beyond float64's range"):
        LinearRegression().fit([[10**400], [1]], [0.0, 1.0])


@pytest.mark.parametrize("power_t", [1000.0, 1e6])
@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_a_huge_power_t_gives_a_vanishing_rate_not_an_overflow(power_t, backend):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    y = (X[:, 0] > 0).astype(int)
    model = Perceptron(schedule="invscaling", power_t=power_t, backend=backend, epochs=2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X, y)
    assert np.isfinite(model.coef_).all()
    kinds = {type(w.message) for w in caught}
    # the rate, not the data, stopped the learning: no blame on separability
    assert kinds == {neurona.errors.ConvergenceWarning}
    assert "decayed below the smallest normal float64" in str(caught[0].message)
    with pytest.warns(neurona.errors.ConvergenceWarning, match="power_t=100"):
        Adaline(schedule="invscaling", power_t=100.0, backend=backend).fit(X, y)


@pytest.mark.parametrize(
    ("name", "value"),
    [("epochs", np.uint64(2**64 - 1)), ("epochs", 10**30), ("batch_size", 2**70),
     ("n_iter_no_change", np.uint64(2**63))],
)  # fmt: skip
def test_counts_beyond_64_bits_are_refused_in_words(name, value):
    with pytest.raises(ParameterError, match=f"{name}=.*<= 9223372036854775807"):
        Perceptron(**{name: value}).fit([[0.0], [1.0]], [0, 1])


def test_numpy_integer_counts_run_as_many_epochs():
    model = Perceptron(epochs=np.uint8(3), tol=0.0, n_iter_no_change=np.int64(100))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 0])
    assert model.n_iter_ == 3


@pytest.mark.parametrize(
    ("make", "name", "value"),
    [
        (Perceptron, "learning_rate", 2**2000),
        (Perceptron, "tol", 2**2000),
        (LinearRegression, "alpha", 2**2000),
        (Perceptron, "learning_rate", np.longdouble("1e4000")),
        (LinearRegression, "alpha", np.longdouble("-1e4000")),
    ],
)
def test_real_parameters_beyond_float64_are_refused_in_words(make, name, value):
    with pytest.raises(ParameterError, match=f"{name}=.*finite float64") as caught:
        make(**{name: value}).fit([[0.0], [1.0], [2.0]], [0, 1, 1])
    assert len(str(caught.value)) < 200  # the value is quoted as an excerpt


@pytest.mark.parametrize("seed", [-1, 1.5, "seven", -(2**200), object()])
def test_a_bad_random_state_is_a_parameter_error(seed):
    with pytest.raises(ParameterError, match=r"random_state=.*is not a seed"):
        Perceptron(shuffle=True, random_state=seed).fit([[0.0], [1.0]], [0, 1])


# ---------------------------------------------------------------- 5. float32 calculus


def _f32(f):
    return lambda v: f(np.asarray(v, np.float32))


def test_steps_are_sized_for_the_functions_own_precision():
    assert abs(derivative(_f32(np.sin), 1.0) - np.cos(1.0)) < 1e-4
    assert abs(derivative(_f32(np.exp), 0.5) - np.exp(0.5)) < 1e-4
    grad = gradient(_f32(lambda v: v[0] ** 2 * v[1]), np.array([1.0, 3.0]))
    np.testing.assert_allclose(grad, [6.0, 1.0], atol=1e-4)
    grad = gradient(_f32(lambda v: np.sum(np.tanh(v))), np.array([0.3, -1.2, 2.0]))
    np.testing.assert_allclose(grad, 1 - np.tanh([0.3, -1.2, 2.0]) ** 2, atol=1e-4)


def test_check_gradient_accepts_a_right_float32_gradient_and_refuses_a_wrong_one():
    f = _f32(lambda v: v[0] ** 2 * v[1] + v[1])
    right = lambda v: np.array([2 * v[0] * v[1], v[0] ** 2 + 1])  # noqa: E731
    wrong = lambda v: np.array([v[0] * v[1], v[0] ** 2 + 1])  # noqa: E731
    assert check_gradient(f, right, [1.0, 3.0]).passed
    assert not check_gradient(f, wrong, [1.0, 3.0]).passed


def _f32_scalar(f):
    """``f`` in float32, returning a plain Python float (as ``.item()`` and ``float()`` do)."""
    return lambda v: float(f(np.asarray(v, np.float32)))


def test_steps_are_sized_for_float32_functions_that_return_python_floats():
    assert abs(derivative(_f32_scalar(np.sin), 1.0) - np.cos(1.0)) < 1e-4
    grad = gradient(_f32_scalar(lambda v: v[0] ** 2 * v[1]), np.array([1.0, 3.0]))
    np.testing.assert_allclose(grad, [6.0, 1.0], atol=1e-4)
    f = _f32_scalar(lambda v: v[0] ** 2 * v[1])
    assert check_gradient(f, lambda v: np.array([2 * v[0] * v[1], v[0] ** 2]), [1.0, 3.0]).passed
    assert not check_gradient(f, lambda v: np.array([v[0] * v[1], v[0] ** 2]), [1.0, 3.0]).passed


def test_steps_are_sized_for_torch_float32_functions():
    torch = pytest.importorskip("torch")
    f = lambda x: torch.sin(torch.tensor(x, dtype=torch.float32)).item()  # noqa: E731
    assert abs(derivative(f, 1.0) - np.cos(1.0)) < 1e-4


def test_float64_functions_keep_float64_steps():
    assert abs(derivative(np.sin, 1.0) - np.cos(1.0)) < 1e-9
    assert abs(derivative(lambda x: float(np.sin(x)), 1.0) - np.cos(1.0)) < 1e-9
    assert abs(derivative(lambda x: x**3, 0.0)) < 1e-9  # f' = 0 there: still float64
    grad = gradient(lambda v: float(v[0] ** 2 * v[1]), np.array([1.0, 3.0]))
    np.testing.assert_allclose(grad, [6.0, 1.0], atol=1e-9)


# -------------------------------------------------------------------------- 6. classes


def test_partial_fit_classes_are_checked_on_every_call():
    X = np.arange(8.0).reshape(4, 2)
    y = np.array(["cat", "dog", "eel", "cat"])
    with pytest.raises(DataError, match="not in classes"):
        Perceptron().partial_fit(X, y, classes=["cat", "dog"])
    model = Perceptron().partial_fit(X, y, classes=["eel", "dog", "cat"])
    model.partial_fit(X, y, classes=["cat", "dog", "eel"])  # the same set: fine
    with pytest.raises(DataError, match="is not the classes_"):
        model.partial_fit(X, y, classes=["cat", "dog"])
    with pytest.raises(DataError, match="is not the classes_"):
        model.partial_fit(X, y, classes=["cat", "dog", "eel", "fox"])


@pytest.mark.parametrize(
    "classes",
    [
        ["cat", None],
        np.array(["cat", None], dtype=object),
        [0.0, np.nan],
        [np.inf, 1.0],
        [[0, 1], [1, 0]],
        [],
        np.array([1, "cat"], dtype=object),
    ],
)
def test_classes_that_are_not_a_flat_list_of_labels_are_refused(classes):
    X = np.arange(8.0).reshape(4, 2)
    with pytest.raises(DataError, match="classes"):
        Perceptron().partial_fit(X, [0, 1, 0, 1], classes=classes)


# ------------------------------------------------------------------ 7. tables, tensors


def test_a_model_fitted_on_a_table_is_plotted_without_a_feature_names_warning():
    pa = pytest.importorskip("pyarrow")
    from neurona.plot import decision_regions

    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    y = (X[:, 0] > 0).astype(int)
    table = pa.table({"sepal": X[:, 0], "petal": X[:, 1]})
    model = Perceptron(epochs=5).fit(table, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = decision_regions(model, table, y)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("sepal", "petal")


def test_tensors_that_require_grad_are_taken_as_their_values():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2)).astype(np.float32)
    y = (X[:, 0] > 0).astype(int)
    Xt = torch.tensor(X, requires_grad=True)
    for make in (Perceptron, LogisticRegression):
        model = make(epochs=5).fit(Xt, torch.tensor(y))
        reference = make(epochs=5).fit(X, y)
        assert model.coef_.dtype == np.float32
        np.testing.assert_array_equal(model.coef_, reference.coef_)
        np.testing.assert_array_equal(model.predict(Xt), reference.predict(X))


def test_a_tensor_without_values_is_refused_in_words():
    """The meta device (the one other device every machine has) holds no values: said so,
    not "pass it with .cpu()", which cannot work there."""
    torch = pytest.importorskip("torch")
    X = torch.zeros((4, 2), device="meta")
    with pytest.raises(DataTypeError, match=r"meta device, which holds shapes but no values"):
        Perceptron().fit(X, [0, 1, 0, 1])


def test_plots_take_tensors_that_require_grad(tmp_path):
    torch = pytest.importorskip("torch")
    from neurona.plot import animate_training, decision_regions, loss_surface

    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    y = (X[:, 0] > 0).astype(float)
    Xt, yt = torch.tensor(X, requires_grad=True), torch.tensor(y, requires_grad=True)
    model = Perceptron(epochs=5).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", neurona.errors.SeparabilityWarning)
        ax = decision_regions(model, Xt, yt)
        reference = decision_regions(model, X, y)
        loss_surface(Xt[:, :1], yt)
        shown = animate_training(Perceptron(epochs=2), Xt, yt, tmp_path / "a.gif", max_frames=4)
    np.testing.assert_array_equal(ax.images[0].get_array(), reference.images[0].get_array())
    assert shown.path.stat().st_size > 0


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_regression_prediction_beyond_the_float_range_is_refused_in_words(dtype):
    X = np.array([[0.0], [1.0]], dtype=dtype)
    model = LinearRegression().fit(X, [0.0, 2.0])
    huge = np.array([[np.finfo(dtype).max / 1.5]], dtype=dtype)
    with pytest.raises(DataError, match="prediction for row 0 is beyond"):
        model.predict(huge)
    np.testing.assert_allclose(model.predict(X), [0.0, 2.0], atol=1e-6)


def test_the_auto_step_of_a_continued_run_stays_safe_for_every_chunk_seen():
    """Continued runs (``partial_fit``, ``warm_start``) keep a step no larger than the safe
    step of any data they have seen (issue: the first chunk's step was kept for all)."""
    model = LinearRegression(solver="gd")
    model.partial_fit([[0.0]], [0.0])
    assert model.learning_rate_ == 1.0  # rows of norm 1 (the bias): 1 / (1 + 0)
    for _ in range(10):
        model.partial_fit([[3.0]], [3.0])
    assert model.learning_rate_ == 0.1  # 1 / (1 + 3**2), as a fresh fit on [[3]] picks
    fresh = LinearRegression(solver="gd", epochs=10).fit([[3.0]], [3.0])
    assert fresh.learning_rate_ == model.learning_rate_
    assert np.isfinite(model.coef_).all()
    assert abs(model.predict([[3.0]])[0] - 3.0) < 0.5
    warm = LinearRegression(solver="gd", warm_start=True, epochs=5).fit([[0.1]], [0.1])
    warm.fit([[30.0]], [30.0])
    assert warm.learning_rate_ == pytest.approx(1 / (1 + 900.0))
    assert abs(warm.predict([[30.0]])[0] - 30.0) < 30.0  # not blown up


@pytest.mark.parametrize("solver", ["qr", "cholesky"])
@pytest.mark.parametrize(
    ("X", "y", "says"),
    [
        ([[1.0, 2.0]], [3.0], "there is one sample for 2 features"),
        ([[1.0, 2.0], [2.0, 1.0]], [3.0, 1.0], "there are 2 samples for 2 features"),
        ([[1.0, 2.0, 0.0], [2.0, 1.0, 1.0]], [3.0, 1.0], "at most 1 of the 3 weights"),
    ],
)
def test_too_few_samples_are_named_as_such(X, y, says, solver):
    with pytest.raises(DataError, match=says):
        LinearRegression(solver=solver).fit(X, y)
    # and the minimum-norm answer is there for the asking, as lstsq gives it
    Xa, ya = np.asarray(X), np.asarray(y)
    Xc = Xa - Xa.mean(axis=0)
    expected = np.linalg.lstsq(Xc, ya - ya.mean(), rcond=None)[0]
    np.testing.assert_allclose(LinearRegression(solver="lstsq").fit(X, y).coef_, expected)


def test_a_constant_column_with_enough_samples_keeps_its_message():
    X = np.column_stack([np.arange(5.0), np.ones(5)])
    with pytest.raises(DataError, match="constant column"):
        LinearRegression(solver="qr").fit(X, np.arange(5.0))
