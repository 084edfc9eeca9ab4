"""Preprocessing that travels with the model, and scikit-learn Pipelines saved without pickle.

References: scikit-learn's own transformers (StandardScaler, MinMaxScaler, SimpleImputer,
OneHotEncoder) compute what :class:`neurona.preprocessing.Preprocessor` computes; the
command line's models are checked against a neuron trained in Python on data scaled by
the formula written here. The pickle-payload tests of ``tests/test_io.py`` are extended to
pipeline files: a payload whose construction would create a marker file (checked once by
loading it on purpose) is refused in words, and the marker never appears.
"""

from __future__ import annotations

import json
import pickle
import zipfile

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

import neurona
from helpers import run, run_process
from neurona.data import load_dataset
from neurona.errors import DataError, DataWarning, ModelFileError
from neurona.io import read_metadata
from neurona.pipeline import is_pipeline_file, load_pipeline, save_pipeline
from neurona.preprocessing import Preprocessor

sio = pytest.importorskip("skops.io")
pytestmark = pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")

RNG = np.random.default_rng(7)
X_NUM = RNG.normal(loc=[5.0, -3.0, 100.0], scale=[1.0, 0.1, 30.0], size=(80, 3))


def _columns(X):
    return {f"x{j}": X[:, j].copy() for j in range(X.shape[1])}


# --------------------------------------------------------------------------- the steps


@pytest.mark.parametrize(("scale", "reference"), [("standard", StandardScaler),
                                                  ("minmax", MinMaxScaler)])  # fmt: skip
def test_scaling_is_scikit_learns(scale, reference):
    steps = Preprocessor(scale=scale)
    X, kept = steps.fit_transform(_columns(X_NUM))
    assert kept.all()
    np.testing.assert_allclose(X, reference().fit_transform(X_NUM), rtol=1e-12, atol=1e-12)
    new = RNG.normal(size=(5, 3))
    expected = reference().fit(X_NUM).transform(new)
    np.testing.assert_allclose(steps.transform(_columns(new))[0], expected, rtol=1e-12, atol=1e-12)


def test_constant_column_is_divided_by_one():
    X = np.column_stack([np.full(10, 3.0), np.arange(10.0)])
    out, _ = Preprocessor(scale="standard").fit_transform(_columns(X))
    np.testing.assert_array_equal(out[:, 0], np.zeros(10))
    np.testing.assert_allclose(out, StandardScaler().fit_transform(X))


def test_mean_fill_then_scale_is_an_imputer_then_a_scaler():
    X = X_NUM.copy()
    X[[3, 9], 0] = np.nan
    X[5, 2] = np.nan
    steps = Preprocessor(scale="standard", missing="mean")
    out, kept = steps.fit_transform(_columns(X))
    reference = make_pipeline(SimpleImputer(strategy="mean"), StandardScaler())
    assert kept.all()
    np.testing.assert_allclose(out, reference.fit_transform(X), rtol=1e-12, atol=1e-12)


def test_text_columns_are_one_hot_as_scikit_learns_encoder():
    colour = np.array(["red", "blue", "green", "blue"] * 5, dtype=object)
    steps = Preprocessor()
    out, _ = steps.fit_transform({"n": np.arange(20.0), "colour": colour})
    encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    expected = encoder.fit_transform(colour.reshape(-1, 1))
    np.testing.assert_array_equal(out[:, 1:], expected)
    assert steps.feature_names_out_ == ["n", "colour=blue", "colour=green", "colour=red"]
    with pytest.warns(DataWarning, match="not seen in training"):
        unseen, _ = steps.transform(
            {"n": np.array([1.0]), "colour": np.array(["purple"], dtype=object)}
        )
    np.testing.assert_array_equal(unseen[0, 1:], [0.0, 0.0, 0.0])


def test_every_missing_value_is_reported_not_only_the_first():
    columns = _columns(X_NUM)
    columns["x0"][[2, 4, 6]] = np.nan
    columns["x2"][[10]] = np.nan
    columns["t"] = np.array(["a", None] * 40, dtype=object)
    with pytest.raises(DataError) as info:
        Preprocessor().fit_transform(columns, "d.csv")
    text = str(info.value)
    assert "44 missing value(s) in 3 column(s)" in text
    assert "'x0' 3 (first at data row 3)" in text
    assert "'x2' 1 (first at data row 11)" in text
    assert "'t' 40 (first at data row 2)" in text
    assert "--missing drop" in text
    assert "--missing mean" in text


def test_drop_leaves_out_the_rows_with_missing_values():
    columns = _columns(X_NUM)
    columns["x1"][[0, 7]] = np.nan
    out, kept = Preprocessor(scale="minmax", missing="drop").fit_transform(columns)
    assert kept.sum() == 78
    assert not kept[[0, 7]].any()
    np.testing.assert_allclose(out, MinMaxScaler().fit_transform(X_NUM[kept]), atol=1e-12)


def test_spec_round_trips_through_json_exactly():
    steps = Preprocessor(scale="standard", missing="mean")
    steps.fit_transform(_columns(X_NUM))
    again = Preprocessor.from_dict(json.loads(json.dumps(steps.to_dict())))
    new = RNG.normal(size=(6, 3))
    np.testing.assert_array_equal(again.transform(_columns(new))[0],
                                  steps.transform(_columns(new))[0])  # fmt: skip


@pytest.mark.parametrize(
    "patch",
    [
        {"scale": -1.0},
        {"offset": float("inf")},
        {"kind": "pickle"},
        {"extra": 1},
    ],
)
def test_a_tampered_spec_is_refused(patch):
    steps = Preprocessor(scale="standard")
    steps.fit_transform(_columns(X_NUM))
    spec = steps.to_dict()
    spec["columns"][0] |= patch
    with pytest.raises(ValueError, match="preprocessing"):
        Preprocessor.from_dict(spec)


# --------------------------------------------------------------------------- command line


@pytest.fixture(scope="module")
def cancer(tmp_path_factory):
    d = tmp_path_factory.mktemp("prep")
    ds = load_dataset("breast-cancer")
    cols = {f: ds.X[:, j] for j, f in enumerate(ds.feature_names)}
    pacsv.write_csv(pa.table(cols | {ds.target_name: ds.y.tolist()}), d / "bc.csv")
    model = d / "m.npz"
    result = run("train", "--dataset", "breast-cancer", "--scale", "standard", "-o", model,
                 "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    return d, ds, model, json.loads(result.stdout)


def _standardised(X):
    """(x - mean) / standard deviation, column by column (population, ddof=0)."""
    return np.column_stack([(c - np.mean(c)) / np.std(c) for c in X.T])


def test_breast_cancer_scaled_from_the_command_line(cancer):
    _, ds, model, summary = cancer
    assert summary["training_score"] >= 0.97
    # the same neuron in Python on the data scaled by the formula: the same weights
    scaled = _standardised(ds.X)
    reference = neurona.Perceptron().fit(scaled, ds.y)
    np.testing.assert_array_equal(neurona.load(model).coef_, reference.coef_)
    assert read_metadata(model)["data"]["preprocessing"]["scale"] == "standard"


def test_predict_and_evaluate_apply_the_stored_scaling(cancer):
    d, ds, model, summary = cancer
    scaled = _standardised(ds.X)
    expected = neurona.load(model).predict(scaled)
    result = run("predict", model, d / "bc.csv", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["predictions"] == expected.tolist()
    result = run("evaluate", model, d / "bc.csv", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["accuracy"] == pytest.approx(summary["training_score"])
    assert summary["training_score"] == pytest.approx(np.mean(expected == ds.y))


def test_text_column_one_hot_and_missing_mean_from_the_command_line(tmp_path):
    rng = np.random.default_rng(3)
    n = 60
    x = rng.normal(size=n)
    colour = np.array(["red", "blue"])[rng.integers(0, 2, n)]
    y = np.where(x + (colour == "red") > 0.5, "yes", "no")
    lines = ["id,x,colour,y"] + [
        f"{i},{'' if i in (4, 11) else x[i]},{colour[i]},{y[i]}" for i in range(n)
    ]
    data = tmp_path / "d.csv"
    data.write_text("\n".join(lines) + "\n")
    model = tmp_path / "m.npz"
    result = run("train", data, "-t", "y", "--exclude", "id", "--missing", "mean",
                 "--shuffle", "--seed", "0", "-o", model, "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    meta = read_metadata(model)["data"]
    assert meta["features"] == ["x", "colour=blue", "colour=red"]
    present = np.delete(x, [4, 11])
    filled = x.copy()
    filled[[4, 11]] = present.mean()
    X = np.column_stack([filled, colour == "blue", colour == "red"]).astype(float)
    reference = neurona.Perceptron(shuffle=True, random_state=0).fit(X, y)
    np.testing.assert_array_equal(neurona.load(model).coef_, reference.coef_)
    result = run("evaluate", model, data, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["accuracy"] == reference.score(X, y)


def test_missing_values_refused_by_default_listing_all(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("a,b,y\n1,,0\n,2,1\n3,,0\n4,5,1\n")
    result = run("train", data, "-t", "y", "--scale", "standard")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "3 missing value(s) in 2 column(s): 'a' 1" in result.stderr
    assert "'b' 2 (first at data row 1)" in result.stderr


# --------------------------------------------------------------------------- pipelines


def _iris_frame():
    pd = pytest.importorskip("pandas")  # not a dependency of neurona's extras

    ds = load_dataset("iris")
    frame = pd.DataFrame(ds.X, columns=ds.feature_names)
    return frame, ds.y


@pytest.mark.parametrize("name", list(neurona.estimators.ESTIMATORS))
def test_every_estimator_loads_trusting_exactly_its_own_type(tmp_path, name):
    cls = neurona.estimators.ESTIMATORS[name]
    X, y = _iris_frame()
    X = X.to_numpy()
    if name in ("linear",):
        y = X[:, 0]
        X = X[:, 1:]
    pipe = Pipeline([("scale", StandardScaler()), ("neuron", cls(epochs=5))]).fit(X, y)
    path = save_pipeline(pipe, tmp_path / "p.skops")
    own = f"{cls.__module__}.{cls.__qualname__}"
    assert sio.get_untrusted_types(file=path) == [own]
    direct = sio.load(path, trusted=[own])  # skops itself, naming that one type
    loaded = load_pipeline(path)
    np.testing.assert_array_equal(direct.predict(X), pipe.predict(X))
    np.testing.assert_array_equal(loaded.predict(X), pipe.predict(X))
    np.testing.assert_array_equal(loaded[-1].coef_, pipe[-1].coef_)


def test_pipeline_predicts_the_same_from_python_and_the_command_line(tmp_path):
    frame, y = _iris_frame()
    data = tmp_path / "iris.csv"
    frame.assign(species=y).to_csv(data, index=False)
    pipe = Pipeline([("scale", StandardScaler()),
                     ("neuron", neurona.Perceptron(shuffle=True, random_state=0))])  # fmt: skip
    pipe.fit(frame, y)
    path = save_pipeline(pipe, tmp_path / "pipe.skops")
    assert is_pipeline_file(path)
    result = run_process("predict", path, data, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["predictions"] == pipe.predict(frame).tolist()
    result = run("evaluate", path, data, "-t", "species", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["accuracy"] == pipe.score(frame, y)


def test_column_transformer_pipeline_with_text_and_missing_values(tmp_path):
    frame, y = _iris_frame()
    frame["colour"] = np.where(np.arange(len(frame)) % 3 == 0, "red", "blue")
    frame.iloc[5, 0] = np.nan
    data = tmp_path / "mixed.csv"
    frame.assign(species=y).to_csv(data, index=False)
    numbers = list(frame.columns[:4])
    columns = ColumnTransformer([
        ("numbers", make_pipeline(SimpleImputer(), StandardScaler()), numbers),
        ("text", OneHotEncoder(handle_unknown="ignore"), ["colour"]),
    ])  # fmt: skip
    pipe = Pipeline([("columns", columns), ("range", MinMaxScaler()),
                     ("neuron", neurona.Adaline(shuffle=True, random_state=0))])  # fmt: skip
    pipe.fit(frame, y)
    path = save_pipeline(pipe, tmp_path / "mixed.skops")
    result = run("predict", path, data, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["predictions"] == pipe.predict(frame).tolist()


def test_only_pipelines_ending_in_a_neurona_estimator_are_saved(tmp_path):
    from sklearn.linear_model import Perceptron as SkPerceptron

    X, y = _iris_frame()
    other = Pipeline([("s", StandardScaler()), ("p", SkPerceptron())]).fit(X, y)
    with pytest.raises(ModelFileError, match="not a neurona estimator"):
        save_pipeline(other, tmp_path / "x.skops")
    with pytest.raises(ModelFileError, match="not a scikit-learn Pipeline"):
        save_pipeline(StandardScaler().fit(X), tmp_path / "x.skops")
    assert not (tmp_path / "x.skops").exists()


class Payload:
    """Building this from a file creates ``marker``: code of the file's choosing ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __getstate__(self):
        return {"marker": self.marker}

    def __setstate__(self, state):
        with open(state["marker"], "w"):
            pass


def _payload_pipeline(tmp_path, marker):
    X, y = _iris_frame()
    pipe = Pipeline([("s", StandardScaler()), ("p", neurona.Perceptron(epochs=3))]).fit(X, y)
    pipe.steps.insert(0, ("payload", Payload(marker)))
    path = tmp_path / "payload.skops"
    path.write_bytes(sio.dumps(pipe))
    return path


def test_the_skops_payload_is_real(tmp_path):
    marker = tmp_path / "ran"
    path = _payload_pipeline(tmp_path, marker)
    sio.load(path, trusted=sio.get_untrusted_types(file=path))
    assert marker.exists()


def test_pipeline_payloads_never_run(tmp_path):
    marker = tmp_path / "ran"
    files = {"payload type": _payload_pipeline(tmp_path, marker)}
    # a saved pipeline whose neuron is renamed to os.system
    X, y = _iris_frame()
    pipe = Pipeline([("s", StandardScaler()), ("p", neurona.Perceptron(epochs=3))]).fit(X, y)
    good = save_pipeline(pipe, tmp_path / "good.skops")
    with zipfile.ZipFile(good) as z:
        members = {name: z.read(name) for name in z.namelist()}
    schema = members["schema.json"].decode().replace('"neurona.estimators"', '"os"')
    schema = schema.replace('"Perceptron"', '"system"')
    members["schema.json"] = schema.encode()
    crafted = tmp_path / "system.skops"
    with zipfile.ZipFile(crafted, "w") as z:
        for name, raw in members.items():
            z.writestr(name, raw)
    files["os.system"] = crafted
    raw = tmp_path / "pickle.skops"
    raw.write_bytes(pickle.dumps(Payload(marker)))
    files["raw pickle"] = raw
    for name, path in files.items():
        with pytest.raises(ModelFileError) as info:
            load_pipeline(path)
        text = str(info.value)
        assert "nothing was loaded and no code from it ran" in text or "not a pipeline" in text
        assert not marker.exists(), f"{name}: the payload ran"
    with pytest.raises(ModelFileError, match=r"os\.system"):
        load_pipeline(crafted)
    with pytest.raises(ModelFileError, match=r"test_preprocessing\.Payload"):
        load_pipeline(files["payload type"])
    for path in files.values():
        result = run("predict", path, tmp_path / "nothing.csv")
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1, result.stderr
        assert not marker.exists()


def test_the_readmes_pipeline_example_prints_what_it_says(tmp_path, monkeypatch):
    import contextlib
    import io
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Preprocessing and pipelines, without pickle")
    code = re.search(r"```python\n(.*?)```", readme[start:], re.S).group(1)
    expected = [line.split("# ", 1)[1] for line in code.splitlines() if line.startswith("print(")]
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == expected
    assert is_pipeline_file(tmp_path / "cancer.skops")
