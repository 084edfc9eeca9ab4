"""Fuzzing the public surface: only neurona's own errors escape, and what a fit records
agrees with what the fitted model says.

hypothesis is derandomized (tests/conftest.py), so every run tries the same inputs; each
test is bounded by its number of examples.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.base import is_classifier

from neurona.errors import NeuronaError
from neurona.estimators import ESTIMATORS

ORDINARY = st.floats(-10, 10, allow_nan=False)
#: values at the edges of float64: zeros, subnormals, huge, NaN and the infinities
EDGES = st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e-310, 1e-200, 1e150, -1e155, 1e200,
                         1.7e308, -1.7e308, np.nan, np.inf, -np.inf])  # fmt: skip


@st.composite
def datasets(draw):
    """Ordinary rows with a few values at the edges (none in about half the draws)."""
    n = draw(st.integers(2, 12))
    m = draw(st.integers(1, 3))
    X = np.array(draw(st.lists(ORDINARY, min_size=n * m, max_size=n * m))).reshape(n, m)
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        X[draw(st.integers(0, n - 1)), draw(st.integers(0, m - 1))] = draw(EDGES)
    if draw(st.booleans()):
        with np.errstate(over="ignore"):  # float32's own infinities, on purpose
            X = X.astype(np.float32)
    labels = draw(
        st.sampled_from(
            [
                st.integers(0, 1),
                st.integers(-3, 3),
                st.sampled_from(["a", "b", "c"]),
                st.booleans(),
                st.floats(-5, 5, allow_nan=False),
            ]
        )
    )
    y = np.array(draw(st.lists(labels, min_size=n, max_size=n)))
    return X, y


@st.composite
def estimators(draw):
    cls = draw(st.sampled_from(list(ESTIMATORS.values())))
    params = {name: draw(st.sampled_from(values)) for name, values in cls.param_choices().items()}
    params["learning_rate"] = draw(
        st.one_of(st.just("auto"), st.sampled_from([1e-3, 0.1, 1.0, 1e3, 1e300, 0.0, -1.0]))
    )
    params["epochs"] = draw(st.integers(1, 4))
    params["batch_size"] = draw(st.integers(1, 4))
    params["tol"] = draw(st.sampled_from([None, 0.0, 1e-3]))
    params["power_t"] = draw(st.sampled_from([0.5, 0.0, 1e3]))
    params["random_state"] = draw(st.integers(0, 3))
    params["backend"] = draw(st.sampled_from(["numpy", "numba"]))
    return cls(**{k: v for k, v in params.items() if k in cls().get_params()})


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(data=datasets(), model=estimators())
def test_only_neurona_errors_escape_and_history_agrees_with_score(data, model):
    X, y = data
    if not is_classifier(model):
        y = y.astype(np.float64) if y.dtype.kind in "biuf" else np.arange(len(y), dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the estimators' own warnings are not the point
        try:
            model.fit(X, y)
        except NeuronaError:
            return
    assert np.isfinite(model.coef_).all()
    assert np.isfinite(model.intercept_).all()
    predictions = model.predict(X)
    assert len(predictions) == len(X)
    accuracy = model.history_.get("accuracy")
    # with early stopping the history is the training rows' (the validation rows held out)
    held_out = model.get_params().get("early_stopping", False)
    if accuracy and model.get_params()["backend"] == "numpy" and not held_out:
        assert accuracy[-1] == pytest.approx(model.score(X, y), abs=1e-12)


# ------------------------------------------------------------------------ CSV bytes

NUMBERS = st.one_of(st.integers(-5, 5).map(str), st.floats(-1e3, 1e3, allow_nan=False).map(repr))
ODD_CELLS = st.one_of(
    st.sampled_from(["", "NaN", "inf", "1e400", "007", "cat", '"a,b"', "é", "\t", " "]),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
)
LABEL_CELLS = st.one_of(st.sampled_from(["0", "1", "007", "cat", "dog", "2.5"]), NUMBERS)


@st.composite
def csv_bytes(draw):
    """A small delimited file: mostly well formed (numeric features, then a label), with
    odd cells, ragged rows, a BOM, blank lines or stray bytes now and then."""
    delimiter = draw(st.sampled_from([",", ",", ",", ";", "\t"]))  # mostly what .csv says
    n_cols = draw(st.integers(2, 4))
    rows = []
    for _ in range(draw(st.sampled_from([0, *range(2, 11)]))):
        cells = [draw(NUMBERS) for _ in range(n_cols - 1)] + [draw(LABEL_CELLS)]
        if draw(st.integers(0, 9)) == 0:
            cells[draw(st.integers(0, n_cols - 1))] = draw(ODD_CELLS)
        if draw(st.integers(0, 14)) == 0:
            cells = cells[: draw(st.integers(1, n_cols))]
        rows.append(cells)
    header = [[f"c{j}" for j in range(n_cols)]] if draw(st.booleans()) else []
    raw = "\n".join(delimiter.join(r) for r in header + rows).encode("utf-8")
    if draw(st.integers(0, 3)) == 0:
        raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"\n"])) + raw
    if draw(st.integers(0, 7)) == 0:
        raw += draw(st.binary(max_size=8))
    return raw


@settings(max_examples=150)
@given(raw=csv_bytes(), suffix=st.sampled_from([".csv", ".tsv", ".CSV"]))
def test_csv_bytes_give_tables_or_data_errors(raw, suffix, tmp_path_factory):
    from neurona.data import DataFile

    path = tmp_path_factory.mktemp("csv") / f"data{suffix}"
    path.write_bytes(raw)
    try:
        data = DataFile(path, target=-1)
        for table in data.chunks(1 << 10):
            assert table.X.shape[0] == len(table.y)
            assert table.X.dtype == np.float64
    except NeuronaError:
        pass


@settings(max_examples=40)
@given(raw=csv_bytes(), model=st.sampled_from(["perceptron", "linear", "logistic"]))
def test_the_command_line_answers_any_csv_in_one_line(raw, model, tmp_path_factory):
    from helpers import run

    folder = tmp_path_factory.mktemp("cli")
    data, out = folder / "data.csv", folder / "m.npz"
    data.write_bytes(raw)
    result = run("train", data, "--target", "-1", "--model", model, "--epochs", "2",
                 "-o", out, "--quiet")  # fmt: skip
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert not out.exists()
    assert data.read_bytes() == raw  # the input is never touched


# ------------------------------------------------------------------ model-file bytes


@pytest.fixture(scope="module")
def model_bytes(tmp_path_factory):
    from neurona import Perceptron

    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    path = tmp_path_factory.mktemp("model") / "m.npz"
    Perceptron(epochs=10).fit(X, ["off", "off", "off", "on"]).save(path)
    return path.read_bytes(), X


@settings(max_examples=200)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 255), st.sampled_from("rid")),
        min_size=1,
        max_size=4,
    ),
    cut=st.one_of(st.none(), st.integers(0, 10_000)),
)
def test_mutated_model_files_load_right_or_raise_model_file_errors(
    edits, cut, model_bytes, tmp_path_factory
):
    """Bytes replaced, inserted or deleted anywhere, or the file cut short: ``load`` gives a
    model that predicts, or a ModelFileError; nothing else, and nothing hangs."""
    from neurona import load

    good, X = model_bytes
    raw = bytearray(good)
    for where, byte, how in edits:
        i = where % (len(raw) + 1)
        if how == "r" and i < len(raw):
            raw[i] = byte
        elif how == "i":
            raw.insert(i, byte)
        elif how == "d" and i < len(raw):
            del raw[i]
    if cut is not None:
        raw = raw[: cut % (len(raw) + 1)]
    path = tmp_path_factory.mktemp("mutated") / "m.npz"
    path.write_bytes(bytes(raw))
    try:
        model = load(path)
    except NeuronaError as exc:
        refused = str(exc)
    else:
        assert set(model.predict(X).tolist()) <= set(model.classes_.tolist())
        return
    assert "\n" not in refused


# ---------------------------------------------------------- labels through predict -o

LABELS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=5
)


@settings(max_examples=30)
@given(labels=st.lists(LABELS, min_size=2, max_size=3, unique=True))
def test_every_text_label_survives_train_save_load_and_predict_to_a_file(labels, tmp_path_factory):
    """Labels as a user's file holds them (commas, quotes, newlines, leading zeros, any
    script) come back from ``predict -o`` exactly as written."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from helpers import run

    folder = tmp_path_factory.mktemp("labels")
    n = 4 * len(labels)
    x = np.arange(n, dtype=float)
    y = [labels[i % len(labels)] for i in range(n)]
    data, model, out = folder / "data.csv", folder / "m.npz", folder / "p.csv"
    pacsv.write_csv(pa.table({"x": x, "y": y}), data)
    result = run("train", data, "-t", "y", "--epochs", "3", "-o", model, "--quiet")
    assert result.exit_code == 0, result.output
    result = run("predict", model, data, "--features", "x", "-o", out, "--quiet")
    assert result.exit_code == 0, result.output
    options = pacsv.ConvertOptions(column_types={"prediction": pa.string()})
    written = pacsv.read_csv(out, convert_options=options).column("prediction").to_pylist()
    assert len(written) == n
    assert set(written) <= set(labels)
