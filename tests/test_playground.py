"""neurona.playground: the WebSocket protocol against the estimators driven in Python,
the exports run for real, and the security rules (token, Origin, sizes, paths)."""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("starlette", reason="the playground extra is not installed")
pytest.importorskip("httpx2", reason="Starlette's test client needs httpx2")

from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

import neurona
from neurona.data import load_dataset
from neurona.data.datasets import GENERATORS
from neurona.playground.app import create_app
from neurona.playground.export import _recipe, model_file
from neurona.playground.session import Session, Settings

TOKEN = "t0k3n-for-tests"
ORIGIN = {"origin": "http://testserver"}
#: uPlot 1.6.32 from its npm tarball (`npm pack uplot@1.6.32`), vendored with its licence
VENDOR_SHA256 = {
    "uPlot.esm.js": "5dd9b3281aa64b461b42d9945f6adb2649d346502b12281a9ae0d46599a80eba",
    "uPlot.min.css": "df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04",
    "LICENSE": "8f989229699b4fe2f1a0432d0e9edc338a8a911e250e2d1b01ecd770a5f5b1bd",
}

NEURONS = [
    ("perceptron", {"rule": "margin"}, neurona.Perceptron, {"rule": "margin"}),
    ("perceptron", {"rule": "error"}, neurona.Perceptron, {"rule": "error"}),
    ("adaline", {}, neurona.Adaline, {}),
    ("linear", {}, neurona.LinearRegression, {"solver": "gd"}),
    ("logistic", {}, neurona.LogisticRegression, {}),
]
MODES = ["online", "random", "batch", "minibatch"]


@pytest.fixture
def client():
    with TestClient(create_app(TOKEN, max_upload=4096)) as c:
        yield c


def _frame(ws, op: dict) -> dict:
    ws.send_text(json.dumps(op))
    while True:
        m = json.loads(ws.receive_text())
        if m["type"] == "error":
            raise AssertionError(m["message"])
        if m["type"] == "frame" and m.get("reply_to") == op["op"]:
            return m


def _reference(cls, params, X, y, epochs, seed, lr):
    """The same estimator driven in Python: every update's weights, from fit(on_update=)."""
    est = cls(mode=params.pop("mode"), learning_rate=lr, epochs=epochs, batch_size=3,
              random_state=seed, **params)  # fmt: skip
    seen = [(np.zeros(X.shape[1]), 0.0)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(X, y, on_update=lambda W, b: seen.append((W[:, 0].copy(), float(b[0]))))
    return seen


@pytest.mark.timeout(120)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("model", "extra", "cls", "params"), NEURONS)
def test_stepping_over_the_socket_gives_the_weights_of_fit_on_update(
    client, model, extra, cls, params, mode
):
    dataset = "linear" if model == "linear" else "xor-blobs"  # many updates
    settings = {"dataset": dataset, "n_samples": 24, "seed": 3, "model": model, "mode": mode,
                "learning_rate": "0.05", "epochs": 4, "batch_size": 3, **extra}  # fmt: skip
    d = load_dataset(dataset, n_samples=24, random_state=3)
    X = d.X[:, :1] if model == "linear" else d.X[:, :2]
    expected = _reference(cls, {"mode": mode, **params}, X, d.y, 4, 3, 0.05)
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        assert json.loads(ws.receive_text())["type"] == "hello"
        f = _frame(ws, {"op": "set", "params": settings})
        assert f["error"] is None
        assert f["k"] == 0
        for k in range(1, min(len(expected), 12)):
            f = _frame(ws, {"op": "step"})
            assert f["k"] == k
            assert f["w"] == expected[k][0].tolist()  # exactly: the engine's own numbers
            assert f["b"] == expected[k][1]
            x = f["explain"]  # the rule filled in gives the engine's step
            np.testing.assert_allclose(x["dw_rule"], x["dw"], rtol=1e-9, atol=1e-12)
            np.testing.assert_allclose(x["db_rule"], x["db"], rtol=1e-9, atol=1e-12)
        f = _frame(ws, {"op": "epoch"})
        assert f["w"] == expected[f["k"]][0].tolist()
        assert len(expected) > 3
        f = _frame(ws, {"op": "seek", "k": 2})  # rewind keeps every update
        assert (f["k"], f["w"]) == (2, expected[2][0].tolist())
        ends = f["epoch_ends"]
    if mode not in ("online", "random"):
        return  # history_["updates"] counts rows that erred, not steps
    # the epoch ends the page shows are those of the estimator's own history_
    est = cls(mode=mode, learning_rate=0.05, epochs=4, batch_size=3, random_state=3, **params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(X, d.y, on_update=lambda W, b: None)
    per_epoch = est.history_.get("updates", [len(X)] * 4)  # a gradient step on every row
    assert np.diff([0, *ends]).tolist() == per_epoch[: len(ends)]


def test_partial_fit_one_epoch_at_a_time_matches_the_pages_epochs(client):
    """Batch mode: each partial_fit is one update; the page's epochs are the same weights."""
    d = load_dataset("blobs", n_samples=30, random_state=1)
    est = neurona.Adaline(mode="batch", learning_rate=0.01, random_state=1, backend="numpy")
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        ws.receive_text()
        _frame(ws, {"op": "set", "params": {"dataset": "blobs", "n_samples": 30, "seed": 1,
                                            "model": "adaline", "mode": "batch",
                                            "learning_rate": "0.01", "epochs": 5}})  # fmt: skip
        for _ in range(5):
            f = _frame(ws, {"op": "epoch"})
            est.partial_fit(d.X, d.y, classes=np.unique(d.y))
            np.testing.assert_array_equal(f["w"], est.coef_.ravel())
            assert f["b"] == float(est.intercept_[0])


def _session_export(client, ws, sid, kind) -> str:
    r = client.get(f"/t/{TOKEN}/export/{kind}", params={"session": sid})
    assert r.status_code == 200, r.text
    return r.text


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("settings", "ops"),
    [
        ({"dataset": "blobs", "n_samples": 40, "model": "logistic", "mode": "random",
          "learning_rate": "auto", "epochs": 3}, [{"op": "step", "n": 17}]),
        ({"dataset": "xor", "model": "perceptron", "rule": "error", "mode": "online",
          "epochs": 6}, [{"op": "epoch"}, {"op": "epoch"}]),
        ({"dataset": "linear", "n_samples": 30, "model": "linear", "mode": "minibatch",
          "batch_size": 4, "learning_rate": "0.01", "schedule": "invscaling",
          "epochs": 3}, [{"op": "step", "n": 9}]),
    ],
)  # fmt: skip
def test_exported_python_code_reproduces_the_weights(client, settings, ops):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        _frame(ws, {"op": "set", "params": settings})
        f = _frame(ws, {"op": "edit", "w": [0.5] * (1 if settings["model"] == "linear" else 2),
                        "b": -0.25})  # fmt: skip
        for op in ops:
            f = _frame(ws, op)
        code = _session_export(client, ws, sid, "python")
    space: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(code, "<playground export>", "exec"), space)  # the user's own code
    assert space["w"].tolist() == f["w"]
    assert space["b"] == f["b"]


@pytest.mark.timeout(180)
def test_exported_command_line_and_model_file_reproduce_the_weights(client, tmp_path):
    settings = {
        "dataset": "blobs",
        "n_samples": 40,
        "seed": 2,
        "model": "adaline",
        "mode": "minibatch",
        "batch_size": 5,
        "learning_rate": "0.02",
        "epochs": 9,
    }
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        _frame(ws, {"op": "set", "params": settings})
        for _ in range(3):
            f = _frame(ws, {"op": "epoch"})
        line = _session_export(client, ws, sid, "cli")
        (tmp_path / "playground-train.csv").write_bytes(
            client.get(f"/t/{TOKEN}/export/data.csv", params={"session": sid}).content
        )
        model = client.get(f"/t/{TOKEN}/export/model", params={"session": sid})
    assert model.status_code == 200
    (tmp_path / "page.npz").write_bytes(model.content)
    saved = neurona.load(tmp_path / "page.npz")
    assert saved.coef_.ravel().tolist() == f["w"]
    argv = line.split()
    assert argv[:2] == ["neurona", "train"]
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "numba")}
    done = subprocess.run([sys.executable, "-m", "neurona", *argv[1:]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=150)  # fmt: skip
    assert done.returncode == 0, done.stderr
    cli = neurona.load(tmp_path / "playground-model.npz")
    assert cli.coef_.ravel().tolist() == f["w"]
    assert float(np.ravel(cli.intercept_)[0]) == f["b"]


# --- security ----------------------------------------------------------------------------
def test_every_request_needs_the_token(client):
    assert client.get("/").status_code == 403
    assert client.get("/t/wrong/").status_code == 403
    assert client.get("/static/app.js").status_code == 403
    assert client.get(f"/t/{TOKEN}x/static/app.js").status_code == 403
    r = client.get(f"/t/{TOKEN}/")
    assert r.status_code == 200
    assert r.headers["content-security-policy"].startswith("default-src 'self'")
    for path in ("/ws", "/t/wrong/ws"):
        with pytest.raises(WebSocketDisconnect), client.websocket_connect(path, headers=ORIGIN):
            pass


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None])
def test_a_foreign_origin_is_refused(client, origin):
    headers = {} if origin is None else {"origin": origin}
    with (
        pytest.raises(WebSocketDisconnect),
        client.websocket_connect(f"/t/{TOKEN}/ws", headers=headers) as ws,
    ):
        ws.receive_text()


@pytest.mark.parametrize(
    "path",
    ["static/../app.py", "static/%2e%2e/app.py", "static/..%2fsession.py",
     "static/%2e%2e%2f%2e%2e%2fpyproject.toml", "static/vendor/../../app.py", "..%2f..%2fetc"],
)  # fmt: skip
def test_no_path_outside_the_static_folder(client, path):
    r = client.get(f"/t/{TOKEN}/{path}")
    assert r.status_code == 404
    assert b"import" not in r.content


def test_oversize_upload_and_message_are_refused_in_words(client):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        body = b"x1,x2,y\n" + b"0.5,1.5,1\n" * 1000
        r = client.post(f"/t/{TOKEN}/upload", params={"session": sid},
                        files={"file": ("big.csv", body, "text/csv")})  # fmt: skip
        assert r.status_code == 413
        assert "MiB" in r.json()["error"]
        assert "up to" in r.json()["error"]
        ws.send_text(json.dumps({"op": "set", "params": {"dataset": "x" * 70_000}}))
        m = json.loads(ws.receive_text())
        assert m["type"] == "error"
        assert "limit" in m["message"]


@pytest.mark.timeout(60)
def test_a_csv_upload_trains(client):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2)) + np.repeat([[2, 2], [-2, -2]], 15, axis=0)
    y = np.repeat(["yes", "no"], 15)
    text = "a,b,label\n" + "".join(
        f"{float(r[0])!r},{float(r[1])!r},{c}\n" for r, c in zip(X, y, strict=True)
    )
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        r = client.post(f"/t/{TOKEN}/upload", params={"session": sid},
                        files={"file": ("two.csv", text.encode(), "text/csv")})  # fmt: skip
        assert r.status_code == 200, r.text
        f = _frame(ws, {"op": "frame"})
        assert f["points"]["features"] == ["a", "b"]
        assert len(f["points"]["X"]) == 30
        f = _frame(ws, {"op": "epoch"})
        expected = neurona.Perceptron(epochs=1, random_state=0).fit(X, y)
        assert f["w"] == expected.coef_.ravel().tolist()
        bad = client.post(
            f"/t/{TOKEN}/upload",
            params={"session": sid},
            files={"file": ("bad.csv", b"a,b,y\nx,u,0\nz,v,1\n", "text/csv")},
        )
        assert bad.status_code == 400
        error = bad.json()["error"]
        assert "bad.csv" in error
        assert "'x'" in error
        assert "/tmp" not in error
        assert "upload." not in error
        assert "--" not in error  # no command-line flags: the page has none
        one = client.post(
            f"/t/{TOKEN}/upload",
            params={"session": sid},
            files={"file": ("one.csv", b"a,b,y\n1,2,0\n2,3,0\n", "text/csv")},
        )
        assert one.status_code == 400
        assert "one.csv" in one.json()["error"]


def test_a_huge_rate_shows_the_divergence_and_the_stable_range():
    s = Session(Settings(dataset="linear", n_samples=50, model="linear", mode="batch",
                         learning_rate="50", epochs=5, fx=0))  # fmt: skip
    try:
        s.step(1000)
        f = s.frame()
        assert "diverged" in f["error"] or "learning rate" in f["error"]
        assert np.isfinite(f["w"]).all()
        assert 0 < f["facts"]["safe_rate"] < 50
    finally:
        s.close()


def test_gates_show_find_units_unit_or_the_reason_none_exists():
    for gate, unit in (("and", True), ("xor", False)):
        s = Session(Settings(dataset=gate))
        try:
            facts = s.frame()["facts"]
        finally:
            s.close()
        assert (facts["unit"] is not None) is unit
        assert facts["separable"] is unit
        if not unit:
            assert str(neurona.logic.why_no_unit([0, 1, 1, 0])) == facts["why_no_unit"]


def test_the_vendored_uplot_is_the_npm_release():
    vendor = importlib.resources.files("neurona.playground") / "static" / "vendor"
    digests = {n: hashlib.sha256((vendor / n).read_bytes()).hexdigest() for n in VENDOR_SHA256}
    assert digests == VENDOR_SHA256
    assert "MIT" in (vendor / "LICENSE").read_text()


def test_missing_extra_names_it(monkeypatch):
    from typer.testing import CliRunner

    from neurona.cli import app

    monkeypatch.setitem(sys.modules, "neurona.playground", None)
    result = CliRunner().invoke(app, ["playground", "--no-browser"])
    assert result.exit_code != 0
    assert "pip install 'neurona[playground]'" in result.output


def test_frame_time_on_ten_thousand_points(record_property):
    """Measured, not asserted: a frame (grid + numbers) on 10⁴ points, as the player sends it
    (the rows themselves go once a run, not with every frame)."""
    s = Session(Settings(dataset="xor-blobs", n_samples=10_000, model="perceptron", epochs=2))
    try:
        s.frame()
        times = []
        for _ in range(15):
            s.step(1)
            started = time.perf_counter()
            s.frame(full=False, points=False)
            times.append((time.perf_counter() - started) * 1e3)
        record_property("frame_ms_median", float(np.median(times)))
        out = Path("build/playground-screenshots")
        out.mkdir(parents=True, exist_ok=True)
        (out / "server-frame-ms.txt").write_text(f"{np.median(times):.2f} ms median\n")
        assert s.cursor == 15
    finally:
        s.close()


def test_points_added_and_removed_are_trained_on():
    s = Session(Settings(dataset="and", epochs=5))
    try:
        s.add_point(0.9, 0.8, 1)
        s.add_point(0.1, 0.2, 0)
        s.remove_point(0)  # the row (0, 0)
        X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.9, 0.8], [0.1, 0.2]])
        y = np.array([0, 0, 1, 1, 0])
        np.testing.assert_array_equal(s.data.X, X)
        np.testing.assert_array_equal(s.data.y, y)
        assert s.cursor == 0
        for _ in range(5):
            s.step_epoch()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = neurona.Perceptron(epochs=5, random_state=0).fit(X, y)
        assert s.weights()[0].tolist() == expected.coef_.ravel().tolist()
        assert s.frame()["points"]["removed"] == [0]
        with pytest.raises(neurona.errors.ParameterError, match="not one of the 5 rows"):
            s.remove_point(9)
    finally:
        s.close()


def test_weights_edited_by_hand_continue_as_fit_from_coef_init():
    s = Session(Settings(dataset="blobs", n_samples=30, model="logistic", learning_rate="0.1"))
    try:
        s.step(4)
        s.edit([1.5, -2.0], 0.25)
        assert s.cursor == 0
        assert s.weights()[0].tolist() == [1.5, -2.0]
        s.step(7)
        d = load_dataset("blobs", n_samples=30, random_state=0)
        seen = []
        neurona.LogisticRegression(learning_rate=0.1, epochs=20, random_state=0).fit(
            d.X, d.y, coef_init=np.array([1.5, -2.0]), intercept_init=0.25,
            on_update=lambda W, b: seen.append(W[:, 0].tolist()),
        )  # fmt: skip
        assert s.weights()[0].tolist() == seen[6]
        with pytest.raises(neurona.errors.ParameterError, match="finite"):
            s.edit([np.nan, 1.0], 0.0)
    finally:
        s.close()


# --- the tester's faults: divergence, epoch numbering, export at update 0, error kinds ----


def _strict(text: str) -> dict:
    """A frame parsed as strict JSON (NaN and Infinity are not JSON)."""

    def refuse(name):
        raise AssertionError(f"{name} in a frame: not JSON")

    return json.loads(text, parse_constant=refuse)


def _strict_frame(ws, op: dict) -> dict:
    ws.send_text(json.dumps(op))
    while True:
        m = _strict(ws.receive_text())
        if m["type"] == "error" or (m["type"] == "frame" and m.get("reply_to") == op["op"]):
            return m


@pytest.mark.timeout(120)
@pytest.mark.parametrize("mode", MODES)
def test_a_diverging_run_is_explained_and_the_socket_stays_open(client, mode):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        json.loads(ws.receive_text())
        _strict_frame(ws, {"op": "set", "params": {
            "dataset": "blobs", "model": "adaline", "mode": mode, "learning_rate": "1000",
            "batch_size": 4, "epochs": 50}})  # fmt: skip
        f = _strict_frame(ws, {"op": "step", "n": 5000})
        assert f["type"] == "frame"
        assert f["error_info"]["kind"] == "divergence", f["error"]
        assert 0 < f["facts"]["safe_rate"] < 1000
        assert all(isinstance(v, float) and np.isfinite(v) for v in [*f["w"], f["b"]])
        k = f["k"]
        back = _strict_frame(ws, {"op": "seek", "k": max(k - 1, 0)})  # the socket still answers
        assert back["type"] == "frame"
        assert back["k"] == max(k - 1, 0)
        # a weight edited to 1e308: every frame stays JSON, the overflow is explained
        edited = _strict_frame(ws, {"op": "edit", "w": [1e308, -1e308], "b": 0.0})
        assert edited["w"] == [1e308, -1e308]
        f = _strict_frame(ws, {"op": "step", "n": 3})
        assert f["type"] == "frame"
        assert f["error_info"]["kind"] == "divergence"


def test_a_rate_outside_the_new_neurons_stable_range_becomes_auto_and_says_so(client):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        json.loads(ws.receive_text())
        params = {"dataset": "blobs", "model": "perceptron", "mode": "minibatch",
                  "learning_rate": "1", "batch_size": 4}  # fmt: skip
        f = _strict_frame(ws, {"op": "set", "params": params})
        assert f["settings"]["learning_rate"] == "1"  # the perceptron takes any η
        f = _strict_frame(ws, {"op": "set", "params": {**params, "model": "adaline"}})
        assert f["settings"]["learning_rate"] == "auto"
        assert f["notice"]["code"] == "eta_reset"
        assert f["notice"]["args"]["safe"] == f["facts"]["safe_rate"] < 1.0
        f = _strict_frame(ws, {"op": "step", "n": 200})
        assert f["error"] is None
        kept = _strict_frame(ws, {"op": "set", "params": {**params, "model": "adaline",
                                                           "learning_rate": "0.001"}})  # fmt: skip
        assert kept["settings"]["learning_rate"] == "0.001"  # inside the range: kept
        assert kept["notice"] is None


def _reference_epochs(cls, X, y, **params) -> list[int]:
    """The epoch (1, 2, ...) of every update of fit, read from its own epoch callbacks."""
    ended, seen = [0], [0]
    est = cls(**params, callbacks=[lambda info: ended.__setitem__(0, ended[0] + 1)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(X, y, on_update=lambda W, b: seen.append(ended[0] + 1))
    return seen


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("settings", "cls", "params"),
    [
        ({"dataset": "and"}, neurona.Perceptron, {}),
        ({"dataset": "iris-2", "mode": "batch"}, neurona.Perceptron, {"mode": "batch"}),
        ({"dataset": "blobs", "model": "adaline", "mode": "minibatch", "batch_size": 7,
          "learning_rate": "0.01"}, neurona.Adaline,
         {"mode": "minibatch", "batch_size": 7, "learning_rate": 0.01}),
    ],
)  # fmt: skip
def test_epoch_numbers_agree_in_header_panel_and_export(client, settings, cls, params):
    s = Settings.from_dict(settings)
    n = s.n_samples if s.dataset in GENERATORS else None
    d = load_dataset(s.dataset, n_samples=n, random_state=0)
    X = d.X[:, :2]
    keep = np.isin(d.y, np.unique(d.y)[:2])
    expected = _reference_epochs(cls, X[keep], d.y[keep], epochs=20, random_state=0, **params)
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        _frame(ws, {"op": "set", "params": settings})
        for k in range(1, min(len(expected), 12)):
            f = _frame(ws, {"op": "step"})
            assert f["k"] == k
            assert f["epoch"] == expected[k] == f["explain"]["epoch"]
        if params.get("mode") == "batch":  # every batch update ends an epoch: a CLI line
            _frame(ws, {"op": "set", "params": {**settings, "seed": 1}})
            _frame(ws, {"op": "set", "params": settings})  # a fresh run, then 3 steps at once
            f = _frame(ws, {"op": "step", "n": 3})
            assert (f["k"], f["epoch"]) == (3, 3)
            line = client.get(f"/t/{TOKEN}/export/cli", params={"session": sid})
            assert line.status_code == 200, line.text
            assert "--epochs 3" in line.text


def _run_python(code: str, tmp_path) -> tuple[list[float], float]:
    script = tmp_path / "export.py"
    script.write_text(code + "print('RESULT', json.dumps([w.tolist(), b]))\n")
    script.write_text("import json\n" + script.read_text())
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "numba")}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120, env=env)  # fmt: skip
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT "))
    return tuple(json.loads(line[len("RESULT ") :]))


@pytest.mark.timeout(180)
def test_exported_python_reproduces_the_page_after_a_hand_edit_at_every_update(client, tmp_path):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        _frame(ws, {"op": "set", "params": {"dataset": "and"}})
        _frame(ws, {"op": "edit", "w": [-3.0, 1.0], "b": 0.5})
        f = _frame(ws, {"op": "add", "x": 0.9, "y": 0.9, "label": 1})
        assert (f["k"], f["w"], f["b"]) == (0, [-3.0, 1.0], 0.5)  # the edit is kept
        shown = []
        for op in ({"op": "frame"}, {"op": "step"}, {"op": "step", "n": 2}):
            f = _frame(ws, op)
            code = client.get(f"/t/{TOKEN}/export/python", params={"session": sid}).text
            shown.append(((f["w"], f["b"]), _run_python(code, tmp_path)))
        f = _frame(ws, {"op": "reset"})
        assert (f["w"], f["b"]) == ([0.0, 0.0], 0.0)  # reset drops the edit
        code = client.get(f"/t/{TOKEN}/export/python", params={"session": sid}).text
        shown.append(((f["w"], f["b"]), _run_python(code, tmp_path)))
        line = client.get(f"/t/{TOKEN}/export/cli", params={"session": sid})
        assert line.status_code == 400
        assert "no update yet" in line.json()["error"]
    for page, exported in shown:
        assert tuple(exported) == page
    assert shown[0][0] == ([-3.0, 1.0], 0.5)


def test_errors_have_their_own_kind_and_features_out_of_range_are_refused_in_words(client):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        f = _frame(ws, {"op": "set", "params": {"dataset": "upload"}})
        assert f["error_info"]["kind"] == "upload"
        assert f["error_info"]["code"] == "upload_again"
        f = _frame(ws, {"op": "set", "params": {"dataset": "iris-2", "fx": 2}})
        info = f["error_info"]
        assert (info["kind"], info["code"], info["args"]["index"]) == ("data", "feature_range", 2)
        assert "out of range" in info["message"]
        assert "not distinct" not in info["message"]
        f = _frame(ws, {"op": "set", "params": {"dataset": "iris-2", "fx": 1, "fy": 1}})
        assert f["error_info"]["code"] == "feature_same"
        # a 4-feature upload viewed through features 2 and 3, then a 2-feature dataset
        rng = np.random.default_rng(3)
        X = rng.normal(size=(20, 4))
        text = "p,q,r,s,c\n" + "".join(
            ",".join(repr(float(v)) for v in row) + f",{i % 2}\n" for i, row in enumerate(X)
        )
        r = client.post(f"/t/{TOKEN}/upload", params={"session": sid},
                        files={"file": ("four.csv", text.encode(), "text/csv")})  # fmt: skip
        assert r.status_code == 200, r.text
        f = _frame(ws, {"op": "set", "params": {"dataset": "upload", "fx": 2, "fy": 3}})
        assert f["points"]["features"] == ["r", "s"]
        assert f["all_features"] == ["p", "q", "r", "s"]
        f = _frame(ws, {"op": "set", "params": {"dataset": "and", "fx": 2, "fy": 3}})
        assert f["error"] is None
        assert f["grid"]
        assert (f["settings"]["fx"], f["settings"]["fy"]) == (0, 1)
        ws.send_text(json.dumps({"op": "warp"}))
        m = json.loads(ws.receive_text())
        assert (m["type"], m["kind"]) == ("error", "settings")


@pytest.mark.timeout(60)
def test_an_upload_with_a_text_column_trains_on_its_numeric_columns(client):
    rng = np.random.default_rng(8)
    n = 30
    edad = rng.integers(17, 30, n)
    horas = rng.normal(10, 3, n).round(2)
    genero = rng.choice(["Femenino", "Masculino", "NoBinario"], n)
    y = np.where(horas + 0.2 * edad > 14, "Sí", "No")
    text = "Edad;Género;Horas;Aprobado\n" + "".join(
        f"{a};{g};{str(h).replace('.', ',')};{c}\n"
        for a, g, h, c in zip(edad, genero, horas, y, strict=True)
    )
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        r = client.post(f"/t/{TOKEN}/upload", params={"session": sid},
                        files={"file": ("notas.csv", text.encode(), "text/csv")})  # fmt: skip
        assert r.status_code == 200, r.text
        assert r.json()["left_out"] == ["Género"]
        f = _frame(ws, {"op": "epoch"})
        assert f["points"]["features"] == ["Edad", "Horas"]
        assert f["notice"]["args"]["columns"] == ["Género"]
        Xn = np.column_stack([edad, horas]).astype(float)
        expected = neurona.Perceptron(epochs=1, random_state=0).fit(Xn, y)
        assert f["w"] == expected.coef_.ravel().tolist()


def test_the_not_gate_and_the_one_dimensional_line():
    s = Session(Settings(dataset="not", epochs=10))
    try:
        f = s.frame()
        assert f["facts"]["unit"] is not None
        assert f["facts"]["separable"] is True
        for _ in range(10):
            s.step_epoch()
        X, y = np.array([[0.0], [1.0]]), np.array([1, 0])
        expected = neurona.Perceptron(epochs=10, random_state=0).fit(X, y)
        assert s.weights()[0].tolist() == expected.coef_.ravel().tolist()
        assert s.frame()["wrong"] == []
    finally:
        s.close()
    s = Session(Settings(dataset="line", model="linear", n_samples=60, seed=2))
    try:
        f = s.frame()
        assert s.data.X.shape == (60, 1)
        assert s.data.task == "regression"
        slope, intercept = np.polyfit(s.data.X[:, 0], s.data.y, 1)
        assert f["facts"]["optimum"]["w"][0] == pytest.approx(slope)
        assert f["facts"]["optimum"]["b"] == pytest.approx(intercept)
        assert 1.5 < slope < 2.5  # the line y = 2x + 1 under noise
    finally:
        s.close()


# --- the command line reproduces every neuron, mode and schedule, hand edits included ----

#: runs exported command lines one after another in one interpreter, each in its own
#: folder, exactly as a shell splits them (shlex), through the console script's entry point
_DRIVER = """
import json, os, shlex, sys
from neurona.cli import app
for folder, line in json.loads(sys.stdin.read()):
    os.chdir(folder)
    argv = shlex.split(line)
    assert argv[:2] == ["neurona", "train"], argv
    try:
        app(args=argv[1:], prog_name="neurona")
    except SystemExit as exc:
        if exc.code:
            sys.exit(f"{folder}: exit {exc.code}")
"""


def _run_lines(cases: list[tuple[Path, str]], tmp_path: Path) -> None:
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "numba")}
    done = subprocess.run([sys.executable, "-c", _DRIVER], input=json.dumps(
        [[str(d), line] for d, line in cases]), capture_output=True, text=True, env=env,
        timeout=400)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]


def _exported(session: Session, folder: Path) -> str:
    from neurona.playground.export import cli_line, training_csv

    folder.mkdir()
    (folder / "playground-train.csv").write_bytes(training_csv(session))
    return cli_line(session)


def _saved(folder: Path) -> tuple[list[float], float]:
    model = neurona.load(folder / "playground-model.npz")
    return np.ravel(model.coef_).tolist(), float(np.ravel(model.intercept_)[0])


@pytest.mark.timeout(600)
@pytest.mark.parametrize(("model", "extra", "cls", "params"), NEURONS)
def test_the_exported_command_line_reproduces_every_mode_and_schedule_after_a_hand_edit(
    tmp_path, model, extra, cls, params
):
    """For each mode and schedule: three updates, a hand edit mid-epoch (or none), two
    epochs, then two updates more (inside an epoch: ``--max-updates``); the exported line,
    run, and the page's model file give exactly the weights the page shows, each time."""
    rate = {"perceptron": "1", "adaline": "0.05", "linear": "0.01", "logistic": "0.2"}[model]
    dataset = "linear" if model == "linear" else "xor-blobs"
    cases, shown = [], {}
    for mode in MODES:
        for schedule in ("constant", "invscaling"):
            s = Session(Settings.from_dict({
                "dataset": dataset, "n_samples": 24, "seed": 5, "model": model, "mode": mode,
                "learning_rate": rate, "epochs": 6, "batch_size": 5, "schedule": schedule,
                "power_t": 0.25 if schedule == "invscaling" else 0.5, **extra}))  # fmt: skip
            try:
                assert s.error is None, s.error
                s.step(3)  # mid-epoch (24 rows; the batch mode's third epoch has begun)
                edit = mode in ("online", "batch")
                if edit:
                    w0 = [0.3, -0.7][: s.data.X.shape[1]]
                    s.edit(w0, -0.15)
                for _ in range(2):
                    s.step_epoch()
                folder = tmp_path / f"{mode}-{schedule}"
                line = _exported(s, folder)
                assert ("--coef-init=" in line) is edit
                assert ("--schedule invscaling" in line) is (schedule == "invscaling")
                assert ("--power-t 0.25" in line) is (schedule == "invscaling")
                cases.append((folder, line))
                w, b = s.weights()
                shown[folder] = (w.tolist(), b)
                if edit:  # the run after the edit is fit from coef_init, as the line says
                    ref = cls(
                        mode=mode,
                        learning_rate=float(rate),
                        epochs=2,
                        batch_size=5,
                        random_state=5,
                        schedule=schedule,
                        power_t=0.25 if schedule == "invscaling" else 0.5,
                        backend="numpy",
                        **params,
                    )
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        ref.fit(s.data.X, s.data.y, coef_init=np.array(w0), intercept_init=-0.15)
                    assert np.ravel(ref.coef_).tolist() == shown[folder][0]
                s.step(2)  # and two updates more: inside an epoch but in the batch mode
                inside = _recipe(s)[2] is not None
                assert inside is (mode != "batch") or model == "perceptron"
                folder = tmp_path / f"{mode}-{schedule}-inside"
                line = _exported(s, folder)
                assert ("--max-updates" in line) is inside
                cases.append((folder, line))
                w, b = s.weights()
                shown[folder] = (w.tolist(), b)
                (folder / "page.npz").write_bytes(model_file(s))  # the page's model file
                page = neurona.load(folder / "page.npz")
                assert np.ravel(page.coef_).tolist() == shown[folder][0]
                assert float(np.ravel(page.intercept_)[0]) == shown[folder][1]
            finally:
                s.close()
    _run_lines(cases, tmp_path)
    for folder, _ in cases:
        assert _saved(folder) == shown[folder], folder.name


@pytest.mark.timeout(300)
def test_the_command_line_reads_awkward_columns_and_numeric_labels_as_the_page_did(tmp_path):
    """Labels 2 and 10 (as text "10" sorts before "2"), a target named like a number, a
    feature named like a number, spaces and a semicolon in names: the line still gives the
    page's weights."""
    from types import SimpleNamespace

    rng = np.random.default_rng(11)
    X = rng.normal(size=(30, 2)) + np.repeat([[1.0, 1.0], [-1.0, -1.0]], 15, axis=0)
    y = np.repeat([10, 2], 15)
    table = SimpleNamespace(X=X, y=y, feature_names=["1", "peso (kg); total"],
                            target_name="7", left_out=[])  # fmt: skip
    cases, shown = [], {}
    for i, (model, edit) in enumerate([("perceptron", False), ("logistic", True)]):
        s = Session(Settings(dataset="upload", model=model, learning_rate="0.5", epochs=4))
        try:
            s.load_table(table)
            if edit:
                s.edit([-1.5, 2.25], 1e-3)
            s.step_epoch()
            s.step_epoch()
            folder = tmp_path / f"case{i}"
            line = _exported(s, folder)
            assert "--label-type auto" in line
            assert "--header" in line
            assert "'peso (kg); total'" not in line  # features are the other columns
            cases.append((folder, line))
            w, b = s.weights()
            shown[folder] = (w.tolist(), b)
        finally:
            s.close()
    _run_lines(cases, tmp_path)
    for folder, _ in cases:
        assert _saved(folder) == shown[folder], folder.name


# --- a new user's trial: words in both languages, reloads, notices, exports' state ---------


def _set(ws, params: dict, **extra) -> dict:
    ws.send_text(json.dumps({"op": "set", "params": params, **extra}))
    while True:
        m = json.loads(ws.receive_text())
        if m["type"] == "error" or (m["type"] == "frame" and m.get("reply_to") == "set"):
            return m


def test_settings_are_read_with_a_decimal_comma_and_refused_with_a_code(client):
    d = load_dataset("blobs", n_samples=40, random_state=0)
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        json.loads(ws.receive_text())
        base = {
            "dataset": "blobs",
            "n_samples": 40,
            "model": "adaline",
            "epochs": 2,
            "learning_rate": "0.05",
            "tol": "none",
        }  # the form sends every field
        f = _set(ws, {**base, "learning_rate": "0,05", "tol": "0,5"})
        assert f["error"] is None
        f = _frame(ws, {"op": "epoch"})
        ref = neurona.Adaline(learning_rate=0.05, tol=0.5, epochs=1, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref.fit(d.X, d.y)
        assert f["w"] == ref.coef_.ravel().tolist()  # "0,05" is η = 0.05
        for params, code, key in [
            ({"seed": -1}, "out_of_range", "seed"),  # was numpy's "expected non-negative"
            ({"epochs": "2.5"}, "not_int", "epochs"),
            ({"noise": "1e308"}, "out_of_range", "noise"),
            ({"test_fraction": 1}, "out_of_range", "test_fraction"),
            ({"learning_rate": "-1"}, "eta_not_number", None),
            ({"learning_rate": "abc"}, "eta_not_number", None),
            ({"tol": "-1"}, "tol_not_number", None),
        ]:
            m = _set(ws, {**base, **params})
            info = m if m["type"] == "error" else m["error_info"]
            assert (info["kind"], info["code"]) == ("settings", code), (params, info)
            if key:
                assert info["args"]["key"] == key
        ws.send_text(json.dumps({"op": "speed", "n": 0}))
        m = json.loads(ws.receive_text())
        assert (m["code"], m["args"]["key"]) == ("out_of_range", "speed")


def test_a_message_without_a_code_comes_in_spanish_too():
    from neurona.playground.session import error_info

    info = error_info(neurona.errors.DataError(
        "y has one class only ([1]); a classifier needs at least two classes: check the "
        "target column, or the filter that selected the rows"))  # fmt: skip
    assert info["message_es"].startswith("y tiene una sola clase")


def test_a_reload_keeps_the_rate_it_was_given_and_a_choice_of_neuron_resets_it(client):
    """The URL of a divergence shown on purpose (ADALINE at η = 1) reloads as it was; choosing
    ADALINE in the form with η = 1 left from the perceptron sets η to auto and says so."""
    params = {"dataset": "blobs", "model": "adaline", "learning_rate": "1"}
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        json.loads(ws.receive_text())
        f = _set(ws, params, restore=True)
        assert f["settings"]["learning_rate"] == "1"
        assert f["notices"] == []
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        json.loads(ws.receive_text())
        f = _set(ws, params)
        assert f["settings"]["learning_rate"] == "auto"
        assert [n["code"] for n in f["notices"]] == ["eta_reset"]


def test_new_data_of_the_other_task_choose_a_neuron_that_fits_and_say_so(client):
    from neurona.estimators import ESTIMATORS

    regressor = next(n for n, c in ESTIMATORS.items() if c().neuron.targets is None)
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        f = _set(ws, {"dataset": "line"})  # the perceptron is still chosen
        assert f["error"] is None
        assert f["settings"]["model"] == regressor
        assert [n["code"] for n in f["notices"]] == ["model_switched"]
        assert f["notices"][0]["args"] == {"model": regressor, "regression": True}
        f = _set(ws, {"dataset": "and", "model": regressor})  # back: a classifier
        assert f["error"] is None
        assert f["settings"]["model"] == next(iter(ESTIMATORS))
        f = _set(ws, {"dataset": "and", "model": regressor})  # chosen by hand: refused
        assert f["error_info"]["code"] == "need_classifier"
        f = _set(ws, {"dataset": "and", "model": "perceptron"})
        rows = "horas,nota\n" + "".join(f"{x},{2 * x + 1}\n" for x in np.linspace(0, 3, 25))
        r = client.post(f"/t/{TOKEN}/upload", params={"session": sid},
                        files={"file": ("notas.csv", rows.encode())})  # fmt: skip
        assert r.status_code == 200, r.text
        f = _frame(ws, {"op": "frame"})
        assert f["settings"]["model"] == regressor
        assert f["points"]["task"] == "regression"


def test_more_than_two_classes_and_the_one_input_gate_are_said_plainly(client):
    y = np.array(["x", "y", "z"] * 10)
    X = np.random.default_rng(2).normal(size=(30, 2))
    text = "a,b,c\n" + "".join(
        f"{p!r},{q!r},{c}\n" for (p, q), c in zip(X.tolist(), y, strict=True)
    )
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        r = client.post(f"/t/{TOKEN}/upload", params={"session": sid},
                        files={"file": ("tres.csv", text.encode())})  # fmt: skip
        assert r.status_code == 200, r.text
        f = _frame(ws, {"op": "frame"})
        left = [n for n in f["notices"] if n["code"] == "classes_left_out"]
        assert left[0]["args"] == {"kept": ["x", "y"], "classes": ["z"], "rows": 10}
        assert len(f["points"]["X"]) == 20
        f = _set(ws, {"dataset": "not"})  # one input: no "first two features" to speak of
        assert f["error"] is None
        assert f["notices"] == []
        assert f["relevant"]["fy"] is False


def test_frames_say_when_the_command_line_and_model_file_cannot_be_given(client, tmp_path):
    """Only before the first update; inside an epoch they stop at the cursor's update."""
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        f = _set(ws, {"dataset": "blobs", "n_samples": 20, "model": "adaline",
                      "learning_rate": "0.01"})  # fmt: skip
        assert f["export"]["code"] == "export_start"
        r = client.get(f"/t/{TOKEN}/export/model", params={"session": sid})
        assert r.status_code == 400
        assert (r.json()["code"], r.json()["args"]) == ("export_start", {"what": "model"})
        f = _frame(ws, {"op": "step", "n": 3})  # inside the first epoch: given
        assert f["export"] is None
        r = client.get(f"/t/{TOKEN}/export/cli", params={"session": sid})
        assert r.status_code == 200
        assert "--epochs 1 " in r.text
        assert "--max-updates 3 " in r.text
        r = client.get(f"/t/{TOKEN}/export/model", params={"session": sid})
        assert r.status_code == 200
        (tmp_path / "page.npz").write_bytes(r.content)
        saved = neurona.load(tmp_path / "page.npz")
        assert (saved.coef_.ravel().tolist(), saved.n_iter_) == (f["w"], 1)
        assert len(saved.history_["loss"]) == 1  # the epoch begun: its first three rows


def test_hand_edits_are_refused_with_a_code_and_start_a_new_run_that_says_so(client):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        json.loads(ws.receive_text())
        _set(ws, {"dataset": "and"})
        for w, code in (([1.0], "edit_count"), ([1.0, None], "edit_finite"),
                        (["x", 1.0], "edit_finite")):  # fmt: skip
            ws.send_text(json.dumps({"op": "edit", "w": w, "b": 0.0}))
            m = json.loads(ws.receive_text())
            assert (m["type"], m["code"]) == ("error", code)
        f = _frame(ws, {"op": "edit", "w": [0.25, -0.5], "b": 1.0})
        assert [n["code"] for n in f["notices"]] == ["edited"]
        assert (f["k"], f["hand_edit"]) == (0, [[0.25, -0.5], 1.0])


def test_points_from_a_reloaded_url_give_the_rows_the_clicks_gave(client):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        json.loads(ws.receive_text())
        _set(ws, {"dataset": "xor"})
        _frame(ws, {"op": "add", "x": 0.5, "y": 0.4, "label": 1})
        _frame(ws, {"op": "remove", "index": 1})
        f = _frame(ws, {"op": "add", "x": -0.2, "y": 0.9, "label": 0})
        clicked = f["points"]
        _set(ws, {"dataset": "xor", "seed": 3})
        assert len(_set(ws, {"dataset": "xor"})["points"]["X"]) == 4  # a fresh start
        f = _frame(ws, {"op": "points", "added": clicked["added_points"],
                        "removed": clicked["removed"]})  # fmt: skip
        assert (f["points"]["X"], f["points"]["y"]) == (clicked["X"], clicked["y"])
        ws.send_text(json.dumps({"op": "points", "added": [["a", 1, 0]], "removed": []}))
        m = json.loads(ws.receive_text())
        assert (m["type"], m["code"]) == ("error", "points_unreadable")


def test_which_settings_a_run_reads_follows_the_estimator_and_the_mode(client):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        json.loads(ws.receive_text())
        seen = {}
        for mode in MODES:
            for model in ("perceptron", "logistic"):
                f = _set(ws, {"dataset": "blobs", "model": model, "mode": mode})
                seen[mode, model] = f["relevant"]
    for (mode, model), r in seen.items():
        assert r["rule"] is ("rule" in ESTIMATOR_PARAMS[model])
        assert r["batch_size"] is (mode == "minibatch")  # k rows a step: the mode's own rows
        assert r["reduction"] is (mode in ("batch", "minibatch"))  # several rows a step
        assert r["shuffle"] is (mode in ("online", "minibatch"))  # the order can change
        assert r["n_samples"] is True


ESTIMATOR_PARAMS = {"perceptron": neurona.Perceptron().get_params(),
                    "logistic": neurona.LogisticRegression().get_params()}  # fmt: skip


def test_upload_refusals_come_in_both_languages_without_flags_or_fragments(client):
    with client.websocket_connect(f"/t/{TOKEN}/ws", headers=ORIGIN) as ws:
        sid = json.loads(ws.receive_text())["session"]
        for name, body, start_en, start_es in [
            ("vacio.csv", b"", "vacio.csv: the file is empty", "vacio.csv: el archivo está vacío"),
            ("bin.csv", bytes(range(256)) * 4, "bin.csv: line 1 holds NUL", "bin.csv: la línea 1"),
        ]:
            r = client.post(f"/t/{TOKEN}/upload", params={"session": sid},
                            files={"file": (name, body)})  # fmt: skip
            assert r.status_code == 400
            got = r.json()
            assert got["error"].startswith(start_en), got
            assert got["error_es"].startswith(start_es), got
            for text in (got["error"], got["error_es"]):
                assert "--" not in text
                assert ".g." not in text  # no fragment of "(e.g. --encoding utf-16)"
                assert not text.endswith((",", ";", ":"))
        r = client.post(f"/t/{TOKEN}/upload", params={"session": sid},
                        files={"file": ("libro.xlsx", b"PK\x03\x04")})  # fmt: skip
        assert r.status_code == 400
        assert (r.json()["code"], r.json()["args"]) == ("upload_type", {"suffix": ".xlsx"})
        assert r.json()["error"].count("libro.xlsx") == 1


@pytest.mark.timeout(60)
def test_the_player_stops_quietly_when_the_page_goes_away():
    """A page closed while playing: the player ends, no 'Task exception was never
    retrieved' on the terminal."""
    import asyncio

    from neurona.playground.app import Connection

    class Gone:
        async def send_text(self, text):
            raise WebSocketDisconnect(1006)

    async def main():
        s = Session(Settings(dataset="and"))
        try:
            conn = Connection(Gone(), s)
            conn.playing = True
            await asyncio.wait_for(conn.play(), 30)  # returns instead of raising
            return conn.playing
        finally:
            s.close()

    assert asyncio.run(main()) is False


def test_the_engines_divergence_reaches_the_page_as_a_code_with_its_numbers():
    s = Session(Settings(dataset="iris-2", model="adaline", learning_rate="1", epochs=3))
    try:
        s.step(1000)
        info = s.frame()["error_info"]
    finally:
        s.close()
    assert info["kind"] == "divergence"
    assert info["code"] in ("diverged", "diverging"), info
    assert info["args"]["eta"] == "1"
    assert info["args"]["epoch"] == "1"
    assert info["message"].startswith("training")
