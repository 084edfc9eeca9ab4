"""The estimators on a Dask cluster (neurona.cluster): exact where the maths allows.

Two worker processes capped at 1 GiB each (600 MiB in the slow test of more data than
they hold), partitions of at most 10 MB; every test has a
timeout, so a stalled cluster fails instead of hanging. Figures compared:

* closed form: within 1e-12 (relative) of ``numpy.linalg.lstsq`` on the same rows, also
  on rank-deficient data, where ``dask.array.linalg.lstsq`` fails;
* a step over every row (``mode="batch"``): within 1e-12 of the in-memory run, each neuron;
* online, online II and minibatch chains: bit for bit the in-memory run on the rows in the
  same order; predictions equal.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import warnings

import numpy as np
import pytest

dask = pytest.importorskip("dask")
da = pytest.importorskip("dask.array")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import neurona  # noqa: E402
from neurona import cluster  # noqa: E402
from neurona.errors import DataError, MissingDependencyError, ParameterError  # noqa: E402

ROWS = 2_500  # rows per partition: 2500 × 9 float64 = 180 kB, far below 10 MB


@contextlib.contextmanager
def _cluster(memory_limit, pause=False):
    if not os.environ.get("NUMBA_CACHE_DIR"):  # the workers compile the kernels somewhere
        os.environ["NUMBA_CACHE_DIR"] = tempfile.mkdtemp(prefix="neurona-numba-")
    # unless asked, a worker never pauses (a paused worker holds its tasks, and a fit waits
    # on it until the test's timeout); past its limit the nanny restarts it and the test
    # fails instead of hanging
    with (
        dask.config.set({} if pause else {"distributed.worker.memory.pause": False}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, memory_limit=memory_limit,
            dashboard_address=None,
        ) as local,
        distributed.Client(local) as c,
    ):  # fmt: skip
        yield c


@pytest.fixture(scope="module")
def client():
    """Two workers of 1 GiB: the imports take about 300 MiB, the compiled kernels more."""
    with _cluster("1GiB") as c:
        yield c


@pytest.fixture
def small_client():
    """Two workers of 600 MiB, for the test of more data than the workers hold: Dask's own
    memory management (spilling, pausing) is what that test shows."""
    with _cluster("600MiB", pause=True) as c:
        yield c


def _regression(n=20_000, p=8, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * np.linspace(0.5, 3.0, p) + np.linspace(-2.0, 5.0, p)
    y = X @ rng.normal(size=p) + 1.5 + 0.3 * rng.normal(size=n)
    return X, y


def _classes(n=20_000, p=6, seed=1, integers=False):
    rng = np.random.default_rng(seed)
    X = rng.integers(-4, 5, size=(n, p)).astype(float) if integers else rng.normal(size=(n, p))
    y = (X @ rng.normal(size=p) + 0.3 * rng.normal(size=n) > 0.2).astype(int)
    return X, y


def _dask(X, y, rows=ROWS):
    return da.from_array(X, chunks=(rows, -1)), da.from_array(y, chunks=rows)


def _rel(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def _lstsq(X, y):
    """NumPy's least squares with an intercept column: (coef, intercept)."""
    sol = np.linalg.lstsq(np.column_stack([X, np.ones(len(X))]), y, rcond=None)[0]
    return sol[:-1], sol[-1]


# --------------------------------------------------------------------------- closed form


@pytest.mark.timeout(60)
def test_closed_form_matches_numpy_lstsq(client):
    X, y = _regression()
    dX, dy = _dask(X, y)
    model = neurona.LinearRegression().fit(dX, dy)
    coef, intercept = _lstsq(X, y)
    assert _rel(model.coef_, coef) <= 1e-12
    assert abs(model.intercept_ - intercept) <= 1e-12 * abs(intercept)
    assert model.n_features_in_ == X.shape[1]
    assert model.n_iter_ == 1
    pred = model.predict(dX)
    assert isinstance(pred, da.Array)
    np.testing.assert_array_equal(pred.compute(), model.predict(X))


@pytest.mark.timeout(60)
def test_closed_form_on_rank_deficient_data_where_dask_lstsq_fails(client):
    """A column that is an exact combination of two others: auto falls back to chunked QR
    and the minimum-norm answer, as NumPy's lstsq gives it."""
    rng = np.random.default_rng(4)
    X = rng.integers(-5, 6, size=(12_000, 4)).astype(float)
    X = np.column_stack([X, X[:, 0] - 2 * X[:, 1]])
    y = X @ [1.0, 2.0, 3.0, 4.0, 5.0] + 0.5 * rng.normal(size=len(X))
    dX, dy = _dask(X, y)
    model = neurona.LinearRegression().fit(dX, dy)
    coef, intercept = _lstsq(X, y)
    assert _rel(model.coef_, coef) <= 1e-12
    assert abs(model.intercept_ - intercept) <= 1e-12 * max(1.0, abs(intercept))
    A = da.from_array(np.column_stack([X, np.ones(len(X))]), chunks=(ROWS, -1))
    theirs = da.linalg.lstsq(A, dy)[0].compute()
    assert not np.isfinite(theirs).all() or _rel(theirs[:-1], coef) > 1e-3


@pytest.mark.timeout(60)
def test_closed_form_ridge_and_adaline_normal_match_memory(client):
    X, y = _regression(seed=2)
    dX, dy = _dask(X, y)
    ridge = neurona.LinearRegression(alpha=3.0)
    assert _rel(ridge.fit(dX, dy).coef_, neurona.LinearRegression(alpha=3.0).fit(X, y).coef_) \
        <= 1e-12  # fmt: skip
    Xc, c = _classes()
    dXc, dc = _dask(Xc, c)
    ours = neurona.Adaline(solver="normal").fit(dXc, dc)
    memory = neurona.Adaline(solver="normal").fit(Xc, c)
    assert _rel(ours.coef_, memory.coef_) <= 1e-12
    np.testing.assert_array_equal(ours.classes_, memory.classes_)
    np.testing.assert_array_equal(ours.predict(dXc).compute(), memory.predict(Xc))


@pytest.mark.timeout(60)
def test_a_dataframe_with_column_names(client):
    X, y = _regression(n=12_000, p=4, seed=5)
    frame = pd.DataFrame(X, columns=["a", "b", "c", "d"]).assign(target=y)
    ddf = dd.from_pandas(frame, npartitions=5)
    model = neurona.LinearRegression().fit(ddf[["a", "b", "c", "d"]], ddf["target"])
    coef, _ = _lstsq(X, y)
    assert _rel(model.coef_, coef) <= 1e-12
    assert list(model.feature_names_in_) == ["a", "b", "c", "d"]
    pred = model.predict(ddf[["a", "b", "c", "d"]]).compute()
    # pandas holds the whole frame and its partitions in other memory layouts, so BLAS
    # sums each row's products in another order: equal to rounding, not bit for bit
    want = model.predict(frame[["a", "b", "c", "d"]])
    np.testing.assert_allclose(pred.to_numpy(), want, rtol=1e-12)
    assert model.score(ddf[["a", "b", "c", "d"]], ddf["target"]) == pytest.approx(
        model.score(frame[["a", "b", "c", "d"]], y), rel=1e-12
    )


# --------------------------------------------------------------------------- batch epochs


BATCH = [
    (neurona.LinearRegression, {"solver": "gd"}, False),
    (neurona.Adaline, {}, False),
    (neurona.Perceptron, {"learning_rate": 1.0}, True),
    (neurona.LogisticRegression, {}, False),
]


@pytest.mark.timeout(60)
@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize(
    ("make", "params", "integers"), BATCH, ids=lambda v: getattr(v, "__name__", "")
)
def test_batch_epochs_match_memory(client, make, params, integers):
    if make is neurona.LinearRegression:
        X, y = _regression(n=10_000, p=5, seed=6)
    else:
        X, y = _classes(n=10_000, p=5, integers=integers)
    dX, dy = _dask(X, y)
    params = {"mode": "batch", "epochs": 20, **params}
    ours, memory = make(**params).fit(dX, dy), make(**params).fit(X, y)
    assert _rel(ours.coef_, memory.coef_) <= 1e-12
    assert _rel(ours.intercept_, memory.intercept_) <= 1e-12
    for key, values in memory.history_.items():
        np.testing.assert_allclose(ours.history_[key], values, rtol=1e-12, err_msg=key)
    assert ours.learning_rate_ == pytest.approx(memory.learning_rate_, rel=1e-14)
    np.testing.assert_allclose(ours.predict(dX).compute(), memory.predict(X), rtol=1e-12)


# --------------------------------------------------------------------------- chains


CHAINS = [
    (neurona.LinearRegression, {"solver": "gd", "mode": "online"}),
    (neurona.Adaline, {"mode": "minibatch", "batch_size": 48}),
    (neurona.Perceptron, {"mode": "online"}),
    (neurona.LogisticRegression, {"mode": "minibatch", "batch_size": 100}),
]


@pytest.mark.timeout(60)
@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize(("make", "params"), CHAINS, ids=lambda v: getattr(v, "__name__", ""))
def test_online_and_minibatch_chains_are_bit_identical(client, make, params):
    """Partitions of 2500 rows are no multiple of the batch size: the rows of an unfinished
    step travel to the next partition's task."""
    if make is neurona.LinearRegression:
        X, y = _regression(n=10_000, p=5, seed=7)
    else:
        X, y = _classes(n=10_000, p=5)
    dX, dy = _dask(X, y)
    params = {"epochs": 3, **params}
    ours, memory = make(**params).fit(dX, dy), make(**params).fit(X, y)
    np.testing.assert_array_equal(ours.coef_, memory.coef_)
    np.testing.assert_array_equal(ours.intercept_, memory.intercept_)
    assert ours.t_ == memory.t_
    assert ours.n_iter_ == memory.n_iter_
    for key, values in memory.history_.items():
        np.testing.assert_allclose(ours.history_[key], values, rtol=1e-13, err_msg=key)
    np.testing.assert_array_equal(ours.predict(dX).compute(), memory.predict(X))
    np.testing.assert_array_equal(
        ours.decision_function(dX).compute() if hasattr(ours, "decision_function")
        else ours.predict(dX).compute(),
        memory.decision_function(X) if hasattr(memory, "decision_function")
        else memory.predict(X),
    )  # fmt: skip


@pytest.mark.timeout(60)
@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
def test_without_the_accuracy_on_the_cluster(client):
    """``track_accuracy=False``: the cluster's fit counts none, and trains the in-memory
    weights bit for bit; ``partial_fit`` goes on without it, and refuses a change."""
    X, y = _classes(n=10_000, p=5)
    dX, dy = _dask(X, y)
    params = {"epochs": 3, "track_accuracy": False}
    ours, memory = neurona.Perceptron(**params).fit(dX, dy), neurona.Perceptron(**params).fit(X, y)
    np.testing.assert_array_equal(ours.coef_, memory.coef_)
    assert set(ours.history_) == {"loss", "updates"}
    np.testing.assert_allclose(ours.history_["loss"], memory.history_["loss"], rtol=1e-13)
    ours.partial_fit(dX, dy)
    assert len(ours.history_["loss"]) == 4
    assert "accuracy" not in ours.history_
    ours.set_params(track_accuracy=True)
    with pytest.raises(ParameterError, match="keep the same track_accuracy"):
        ours.partial_fit(dX, dy)
    ours.set_params(warm_start=True)
    kept = dict(ours.__dict__)
    with pytest.raises(ParameterError, match="keep the same track_accuracy"):
        cluster.fit_averaged(ours, dX, dy)  # refused before anything changes
    assert ours.__dict__.keys() == kept.keys()
    assert ours.learning_rate_ == kept["learning_rate_"]
    np.testing.assert_array_equal(ours.coef_, kept["coef_"])


@pytest.mark.timeout(60)
def test_one_vs_rest_online_chain_and_probabilities(client):
    rng = np.random.default_rng(8)
    X = rng.normal(size=(9_000, 4))
    y = np.digitize(X @ [1.0, -1.0, 0.5, 0.2], [-0.6, 0.6])
    dX, dy = _dask(X, y, rows=2_000)
    ours = neurona.LogisticRegression(epochs=2).fit(dX, dy)
    memory = neurona.LogisticRegression(epochs=2).fit(X, y)
    np.testing.assert_array_equal(ours.coef_, memory.coef_)
    np.testing.assert_array_equal(ours.predict_proba(dX).compute(), memory.predict_proba(X))
    assert ours.score(dX, dy) == memory.score(X, y)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", ["online", "random"])
def test_a_shuffled_epoch_is_the_seeded_block_order(client, mode):
    """One epoch of ``shuffle=True`` (or online II) is the in-memory run, without
    shuffling, on the rows in the order neurona.cluster.visit_order documents."""
    X, y = _regression(n=8_000, p=4, seed=9)
    dX, dy = _dask(X, y, rows=1_500)
    params = {"solver": "gd", "mode": mode, "shuffle": True, "random_state": 11, "epochs": 1}
    ours = neurona.LinearRegression(**params).fit(dX, dy)
    rng = np.random.default_rng(11)
    draw = rng.permutation(len(X)) if mode == "online" else rng.integers(0, len(X), len(X))
    lengths = np.array(dX.chunks[0])
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    rows = np.concatenate([offsets[j] + local for j, local in cluster.visit_order(lengths, draw)])
    assert sorted(set(rows)) == sorted(set(draw))  # the same draw, regrouped
    steady = {**params, "mode": "online", "shuffle": False,
              "learning_rate": ours.learning_rate_}  # fmt: skip
    memory = neurona.LinearRegression(**steady).fit(X[rows], y[rows])
    np.testing.assert_array_equal(ours.coef_, memory.coef_)


@pytest.mark.timeout(60)
def test_partial_fit_and_callbacks(client):
    X, y = _classes(n=6_000, p=3)
    dX, dy = _dask(X, y, rows=1_000)
    seen = []
    ours = neurona.Perceptron(callbacks=[lambda info: seen.append(info.epoch)])
    memory = neurona.Perceptron()
    for _ in range(2):
        ours.partial_fit(dX, dy, classes=[0, 1])
        memory.partial_fit(X, y, classes=[0, 1])
    np.testing.assert_array_equal(ours.coef_, memory.coef_)
    assert ours.n_iter_ == memory.n_iter_ == 2
    assert seen == [1, 1]
    with pytest.raises(DataError, match="classes must be passed"):
        neurona.Perceptron().partial_fit(dX, dy)


@pytest.mark.timeout(60)
def test_refusals(client):
    X, y = _regression(n=3_000, p=3, seed=3)
    dX, dy = _dask(X, y, rows=1_000)
    with pytest.raises(ParameterError, match="on_update"):
        neurona.LinearRegression(solver="gd").fit(dX, dy, on_update=lambda W, b: None)
    with pytest.raises(DataError, match="dask"):
        neurona.LinearRegression().fit(dX, y)
    bad = X.copy()
    bad[2_500, 1] = np.nan
    model = neurona.LinearRegression()
    with pytest.raises(DataError):
        model.fit(da.from_array(bad, chunks=(1_000, -1)), dy)
    assert not hasattr(model, "coef_")  # refused data leave the estimator as it was


@pytest.mark.timeout(30)
def test_a_missing_extra_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError) as info:
        cluster.require()
    message = str(info.value)
    assert "pip install 'neurona[dask]'" in message
    assert "\n" not in message


# --------------------------------------------------------------------------- beyond memory


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kB


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_more_data_than_the_workers_hold(small_client, tmp_path):
    client = small_client
    """1.2 GiB of float64 in Parquet (more than both 600 MiB workers together): the closed
    form within 1e-12 of NumPy's lstsq, batch epochs of linear regression within 1e-12 of
    memory, no worker restarted and each stayed under its memory limit."""
    rows, p, files = 16_200_000, 9, 150  # 16.2e6 × (9 + 1) × 8 B = 1.207 GiB; 8.6 MB a file
    per = rows // files

    def write(i):
        rng = np.random.default_rng([12, i])
        X = rng.normal(size=(per, p)) + np.arange(p)
        y = X @ np.linspace(-1.0, 1.0, p) + 0.7 + 0.1 * rng.normal(size=per)
        frame = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(y=y)
        frame.to_parquet(tmp_path / f"part-{i:04d}.parquet")
        return 0

    dask.compute(*[dask.delayed(write)(i) for i in range(files)])
    frame = dd.read_parquet(str(tmp_path / "*.parquet"))
    features = [f"x{j}" for j in range(p)]
    limits = {w: info["memory_limit"] for w, info in
              client.scheduler_info(n_workers=-1)["workers"].items()}  # fmt: skip
    model = neurona.LinearRegression().fit(frame[features], frame["y"])
    gd = neurona.LinearRegression(solver="gd", mode="batch", epochs=5).fit(
        frame[features], frame["y"]
    )
    workers = client.scheduler_info(n_workers=-1)["workers"]
    assert set(workers) == set(limits)  # no worker restarted (a restart changes the address)
    peaks = client.run(_peak_rss)  # each worker process's largest resident size so far
    assert all(peaks[w] < limits[w] for w in limits), (peaks, limits)
    data = pd.read_parquet(tmp_path)
    X, y = data[features].to_numpy(), data["y"].to_numpy()
    assert X.nbytes + y.nbytes >= 1.2 * 2**30
    coef, _ = _lstsq(X, y)
    memory = neurona.LinearRegression(solver="gd", mode="batch", epochs=5).fit(X, y)
    print(  # the figures, for `make test-slow` run with -s
        f"\n{(X.nbytes + y.nbytes) / 2**30:.3f} GiB; closed form vs lstsq "
        f"{_rel(model.coef_, coef):.1e}; batch epochs vs memory "
        f"{_rel(gd.coef_, memory.coef_):.1e}; peak RSS of the workers (MiB) "
        f"{[round(v / 2**20) for v in peaks.values()]} under "
        f"{[round(v / 2**20) for v in limits.values()]}"
    )
    assert _rel(model.coef_, coef) <= 1e-12
    assert _rel(gd.coef_, memory.coef_) <= 1e-12


@pytest.mark.timeout(10)
def test_is_dask_needs_no_import():
    assert not cluster.is_dask(np.zeros(3))
    assert not cluster.is_dask([1.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cluster.is_dask(da.zeros(3))


@pytest.mark.timeout(60)
def test_the_command_lines_parquet_glob(client, tmp_path):
    """``neurona train 'DIR/*.parquet' --scheduler ADDRESS`` (neurona._cli_dask)."""
    from neurona._cli_dask import fit_on_dask

    X, y = _regression(n=9_000, p=3, seed=13)
    for i in range(3):
        rows = slice(3_000 * i, 3_000 * (i + 1))
        pd.DataFrame(X[rows], columns=["a", "b", "c"]).assign(y=y[rows]).to_parquet(
            tmp_path / f"part-{i}.parquet"
        )
    model = neurona.LinearRegression()
    done = fit_on_dask(model, str(tmp_path / "*.parquet"), "y", None, client.scheduler.address)
    assert done.feature_names == ["a", "b", "c"]
    assert done.n_files == 3
    assert _rel(model.coef_, _lstsq(X, y)[0]) <= 1e-12
    with pytest.raises(DataError, match="no file matches"):
        fit_on_dask(model, str(tmp_path / "*.csv"), "y", None, client.scheduler.address)
    with pytest.raises(DataError, match="no column 'z'"):
        fit_on_dask(model, str(tmp_path / "*.parquet"), "z", None, client.scheduler.address)
    assert neurona.LinearRegression().fit(*_dask(X, y)).n_iter_ == 1  # the client still serves
    # the same through the command: saved, loadable, and the refusals are one line
    from helpers import run

    out = tmp_path / "model.npz"
    res = run("train", str(tmp_path / "*.parquet"), "--target", "y", "--model", "linear",
              "--scheduler", client.scheduler.address, "-o", out, "--json")  # fmt: skip
    assert res.exit_code == 0, res.output
    loaded = neurona.load(out)
    np.testing.assert_array_equal(loaded.coef_, model.coef_)
    assert json.loads(res.output)["epochs_run"] == 1
    res = run("train", str(tmp_path / "*.parquet"), "--target", "y", "--scheduler",
              client.scheduler.address, "--stream")  # fmt: skip
    assert res.exit_code == 2
    assert "--scheduler trains on DATA files only" in res.output


@pytest.mark.timeout(60)
def test_parameter_averaging_is_opt_in_and_named(client):
    """``cluster.fit_averaged`` is another method: on one partition it is the in-memory run,
    on several an approximation that still reaches the least-squares answer here."""
    rng = np.random.default_rng(14)
    X = rng.normal(size=(8_000, 3))
    y = X @ [1.0, -2.0, 0.5] + 1.5 + 0.3 * rng.normal(size=len(X))
    params = {"solver": "gd", "mode": "minibatch", "batch_size": 32, "epochs": 30}
    one = cluster.fit_averaged(neurona.LinearRegression(**params), *_dask(X, y, rows=8_000))
    memory = neurona.LinearRegression(**params).fit(X, y)
    np.testing.assert_array_equal(one.coef_, memory.coef_)
    four = cluster.fit_averaged(neurona.LinearRegression(**params), *_dask(X, y, rows=2_000))
    assert _rel(four.coef_, _lstsq(X, y)[0]) <= 0.01  # measured: 1.8e-3 (memory: 7.5e-3)
    assert len(four.history_["loss"]) == 30
    with pytest.raises(ParameterError, match="closed form"):
        cluster.fit_averaged(neurona.LinearRegression(), *_dask(X, y))


@pytest.mark.timeout(60)
def test_empty_partitions_are_skipped(client):
    X, y = _classes(n=6_000, p=3, seed=15)
    frame = pd.DataFrame(X, columns=["a", "b", "c"]).assign(label=y)
    ddf = dd.from_pandas(frame, npartitions=3)
    ddf = ddf.map_partitions(lambda part: part[part.index < 2_000])  # two become empty
    features = ["a", "b", "c"]
    params = {"mode": "minibatch", "batch_size": 30, "epochs": 2}
    ours = neurona.Adaline(**params).fit(ddf[features], ddf["label"])
    memory = neurona.Adaline(**params).fit(frame[features][:2_000], y[:2_000])
    np.testing.assert_array_equal(ours.coef_, memory.coef_)
    closed = neurona.Adaline(solver="normal").fit(ddf[features], ddf["label"])
    want = neurona.Adaline(solver="normal").fit(frame[features][:2_000], y[:2_000])
    assert _rel(closed.coef_, want.coef_) <= 1e-12
