"""One playground session: data, a real neurona estimator driven update by update, frames.

The estimator trains by its own ``fit(X, y, on_update=...)`` in a worker thread. The hook
records every update's weights and then waits until the page asks for more, so the page
steps, plays and rewinds through the engine's own updates (nothing here re-implements
training). What the page shows beside the weights (``z``, ``ŷ``, ``e`` of the rows of an
update, the boundary on a grid, the metrics) is read through the estimator's public pieces:
``decision_function``, ``score``, its ``neuron`` (σ, error and loss) and the mode's row plan
(:mod:`neurona.modes`, drawn from the same seed as the engine draws it).
"""

from __future__ import annotations

import base64
import math
import re
import threading
import warnings
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

import numpy as np

from .._i18n import spanish
from ..data import load_dataset
from ..data.datasets import DATASETS, GENERATORS
from ..errors import DataError, DivergenceError, NeuronaError, ParameterError
from ..estimators import ESTIMATORS
from ..logic import find_unit, why_no_unit
from ..modes import MODES, Steps
from ..schedules import Schedule, safe_rate
from ..separability import check_separability

__all__ = ["GATES", "Session", "Settings"]

#: the bundled datasets that are truth tables (find_unit applies to them)
GATES = ("and", "or", "nand", "nor", "xor", "not")
#: datasets the playground makes itself: the NOT gate (one input) and a 1-D line
LOCAL = ("not", "line")
#: the datasets the page lists, in its order
LISTED = (*GATES[:2], "not", *GATES[2:5], "iris-2", *(n for n in DATASETS if n.startswith(
    ("blobs", "lin"))), "line", "xor-blobs")  # fmt: skip  # the registry's names, not ours
#: most updates a run may record (a bound on memory: two floats per weight each)
MAX_UPDATES = 200_000
#: most rows a session holds
MAX_ROWS = 20_000
GRID = 64
#: the numeric settings' ranges (the page's inputs say the same)
RANGES = {"n_samples": (4, MAX_ROWS), "seed": (0, 2**32 - 1), "noise": (0.0, 100.0),
          "test_fraction": (0.0, 0.9), "epochs": (1, 100_000), "batch_size": (1, MAX_ROWS),
          "power_t": (0.0, 10.0), "fx": (0, 100_000), "fy": (0, 100_000)}  # fmt: skip


class Stopped(Exception):
    """Raised inside the hook to end a run the page no longer wants."""


class PlaygroundError(ParameterError):
    """A refusal the page explains in its own language: ``code`` names the text, ``args``
    fill it, ``kind`` labels it (``settings``, ``data``, ``upload``, ``divergence``)."""

    def __init__(self, message: str, code: str, kind: str = "settings", **args: Any) -> None:
        super().__init__(message)
        self.code, self.kind, self.args_ = code, kind, args


#: the engine's divergence messages, read into a code and its numbers for the page's words
DIVERGED = (
    ("diverged", re.compile(r"training diverged in epoch (?P<epoch>\d+): .*?with "
                            r"learning_rate=(?P<eta>[^;\s]+);")),
    ("diverging", re.compile(r"training is diverging (?:at the final weights of epoch|in "
                             r"epoch) (?P<epoch>\d+): the loss grew from (?P<before>\S+) to "
                             r"(?P<after>\S+), .*?with learning_rate=(?P<eta>[^;\s]+);")),
)  # fmt: skip


def error_info(exc: BaseException) -> dict[str, Any]:
    """``{"message", "kind", "code", "args"}`` of an error, for the page."""
    if isinstance(exc, PlaygroundError):
        return {"message": str(exc), "kind": exc.kind, "code": exc.code, "args": exc.args_}
    for code, pattern in DIVERGED if isinstance(exc, DivergenceError) else ():
        found = pattern.match(str(exc))
        if found:
            return {"message": str(exc), "kind": "divergence", "code": code,
                    "args": found.groupdict()}  # fmt: skip
    if isinstance(exc, (DivergenceError, ArithmeticError)):
        kind = "divergence"
    elif isinstance(exc, DataError):
        kind = "data"
    elif isinstance(exc, NeuronaError):
        kind = "settings"
    else:
        kind = "internal"
    return {"message": str(exc), "message_es": spanish(str(exc)), "kind": kind, "code": None,
            "args": {}}  # fmt: skip


@dataclass
class Settings:
    """Everything the URL holds: the data, the model and the run (defaults of a first visit)."""

    dataset: str = "and"
    n_samples: int = 200
    seed: int = 0
    noise: float = 0.0
    test_fraction: float = 0.0
    fx: int = 0  # the feature drawn across
    fy: int = 1  # the feature drawn up (classification; a regression draws its target)
    model: str = next(iter(ESTIMATORS))  # the registries' first: the perceptron
    rule: str = "margin"
    mode: str = next(iter(MODES))  # online
    learning_rate: str = "1"
    epochs: int = 20
    batch_size: int = 4
    shuffle: bool = False
    reduction: str = "default"
    schedule: str = "constant"
    power_t: float = 0.5
    tol: str = "none"

    @classmethod
    def from_dict(cls, values: dict[str, Any], base: Settings | None = None) -> Settings:
        """Settings from the page's values (strings or numbers); unknown keys refused."""
        base = base or cls()
        known = {f.name: f for f in fields(cls)}
        out = {}
        for key, value in values.items():
            if key not in known:
                raise ParameterError(f"unknown setting {key!r}; known: {', '.join(known)}")
            kind = type(getattr(base, key))
            text = str(value).strip().replace(",", ".")  # a decimal comma reads as a point
            try:
                if kind is bool:
                    out[key] = value in (True, "true", "1", 1, "on")
                elif kind is int:
                    out[key] = int(value) if isinstance(value, int) else int(text)
                elif kind is float:
                    out[key] = float(text)
                    if not math.isfinite(out[key]):
                        raise ValueError
                else:
                    out[key] = str(value)[:40]
            except (TypeError, ValueError):
                whole = kind is int
                raise PlaygroundError(
                    f"{key} = {value!r} is not a {'whole number' if whole else 'number'}",
                    "not_int" if whole else "not_number", key=key, value=str(value)[:40],
                ) from None  # fmt: skip
            if key in RANGES:
                lo, hi = RANGES[key]
                if not lo <= out[key] <= hi:
                    raise PlaygroundError(f"{key} = {out[key]} is out of range: give a value "
                                          f"from {lo} to {hi}", "out_of_range", key=key,
                                          value=out[key], lo=lo, hi=hi)  # fmt: skip
        return replace(base, **out)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def make_estimator(s: Settings):
    """The estimator the settings name, with the seed as ``random_state``."""
    if s.model not in ESTIMATORS:
        raise ParameterError(f"model {s.model!r} is not one of {', '.join(ESTIMATORS)}")
    cls = ESTIMATORS[s.model]
    params: dict[str, Any] = {"mode": s.mode, "epochs": s.epochs, "random_state": s.seed}
    known = cls().get_params()
    if "rule" in known:
        params["rule"] = s.rule
    if "solver" in known:
        params["solver"] = "gd"
    rate = s.learning_rate.strip().lower().replace(",", ".")  # a decimal comma reads too
    try:
        params["learning_rate"] = "auto" if rate == "auto" else float(rate)
        if rate != "auto" and not 0 < params["learning_rate"] < math.inf:
            raise ValueError
    except ValueError:
        raise PlaygroundError(
            f"learning rate {s.learning_rate!r} is not a number > 0; give η > 0 or 'auto'",
            "eta_not_number", value=s.learning_rate,
        ) from None  # fmt: skip
    params.update(batch_size=s.batch_size, shuffle=s.shuffle, schedule=s.schedule,
                  power_t=s.power_t)  # fmt: skip
    if s.reduction != "default":
        params["reduction"] = s.reduction
    tol = s.tol.strip().lower().replace(",", ".")
    if tol not in ("", "none", "ninguna"):
        try:
            params["tol"] = float(tol)
            if not 0 <= params["tol"] < math.inf:
                raise ValueError
        except ValueError:
            raise PlaygroundError(f"tolerance {s.tol!r} is not a number >= 0; give one, or "
                                  "leave it empty for none", "tol_not_number",
                                  value=s.tol) from None  # fmt: skip
    return cls(**params)


def estimator_params(est) -> dict[str, Any]:
    """The parameters that differ from the class's defaults (what the export writes)."""
    defaults = type(est)().get_params()
    return {k: v for k, v in est.get_params().items() if v != defaults[k] and k != "callbacks"}


def _gate_outputs(X: np.ndarray, y: np.ndarray) -> list[int] | None:
    """The truth table's outputs in binary counting order, if (X, y) is one."""
    n, m = X.shape
    if n != 2**m or not np.isin(X, (0.0, 1.0)).all():
        return None
    order = np.argsort(X @ (2.0 ** np.arange(m - 1, -1, -1)))
    return [int(v) for v in np.asarray(y)[order]]


@dataclass
class Data:
    """The rows a run trains and tests on (features already chosen)."""

    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    feature_names: list[str]
    target_name: str
    task: str
    gate: list[int] | None = None
    #: classes beyond the first two, left out (the page trains on two), with their rows
    left_out: dict[str, Any] | None = None


@dataclass
class Run:
    """One call of ``fit(on_update=...)`` in a worker thread, paused between updates."""

    est: Any
    data: Data
    init: tuple[np.ndarray, float]
    history: list[tuple[np.ndarray, float]] = field(default_factory=list)
    epoch_ends: list[int] = field(default_factory=lambda: [0])
    want: int = 0
    want_epochs: int = 0
    done: bool = False
    error: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    stop: bool = False

    def __post_init__(self) -> None:
        self.cond = threading.Condition()
        self.history = [(self.init[0].copy(), float(self.init[1]))]
        self.thread = threading.Thread(target=self._work, daemon=True, name="neurona-run")
        self.thread.start()

    # worker side -----------------------------------------------------------------------
    def _gate(self) -> None:
        self.cond.notify_all()
        while not self.stop and not (
            len(self.history) - 1 < self.want or len(self.epoch_ends) - 1 < self.want_epochs
        ):
            self.cond.wait()
        if self.stop:
            raise Stopped

    def _on_update(self, W, b) -> None:
        with self.cond:
            self.history.append((np.array(W[:, 0], dtype=float), float(b[0])))
            if len(self.history) > MAX_UPDATES:
                self.notes.append(f"stopped after {MAX_UPDATES} updates (the playground's cap)")
                raise Stopped
            self._gate()

    def _on_epoch(self, info) -> None:
        with self.cond:
            self.epoch_ends.append(len(self.history) - 1)
            self._gate()

    def _work(self) -> None:
        d = self.data
        self.est.set_params(callbacks=[self._on_epoch])
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self.est.fit(d.X, d.y, coef_init=self.init[0], intercept_init=self.init[1],
                             on_update=self._on_update)  # fmt: skip
            self.notes.extend(str(w.message) for w in caught if issubclass(w.category, Warning))
        except Stopped:
            pass
        except (NeuronaError, ArithmeticError) as exc:  # DivergenceError, overflow, bad data
            self.error = error_info(exc)
        except Exception as exc:  # never a dead page: the error is shown in words
            self.error = error_info(exc)
        finally:
            with self.cond:
                finite = [np.isfinite(w).all() and math.isfinite(b) for w, b in self.history]
                if not all(finite):
                    first = finite.index(False)
                    rate = getattr(self.est, "learning_rate_", self.est.learning_rate)
                    message = (f"the weights left the float range at update {first} "
                               f"(η = {rate}): the step size is too large for these data, "
                               "so the updates grow instead of shrinking")  # fmt: skip
                    if self.error is None or self.error["kind"] != "divergence":
                        args = {"k": first, "eta": rate}
                        self.error = {"message": message, "kind": "divergence",
                                      "code": "overflow", "args": args}  # fmt: skip
                    del self.history[first:]
                    self.epoch_ends = [e for e in self.epoch_ends if e < first]
                self.done = True
                self.cond.notify_all()

    # page side -------------------------------------------------------------------------
    def ensure(self, k: int) -> int:
        """Wait until update ``k`` exists (or the run ended); the updates there are.

        The run goes one update further than ``k``, so the end of the epoch that ``k``
        closes (if it closes one) is recorded before the page shows ``k``."""
        with self.cond:
            self.want = max(self.want, k + 1)
            self.cond.notify_all()
            self.cond.wait_for(lambda: self.done or len(self.history) - 1 >= k + 1)
            return len(self.history) - 1

    def epoch_of(self, k: int) -> int:
        """The epoch (1, 2, ...) update ``k`` belongs to; 0 for the starting weights."""
        if k <= 0:
            return 0
        return 1 + sum(1 for e in self.epoch_ends[1:] if e < k)

    def ensure_epoch(self, e: int) -> int:
        """Wait until epoch ``e`` has ended (or the run did); the epochs ended."""
        with self.cond:
            self.want_epochs = max(self.want_epochs, e)
            self.cond.notify_all()
            self.cond.wait_for(lambda: self.done or len(self.epoch_ends) - 1 >= e)
            return len(self.epoch_ends) - 1

    def close(self) -> None:
        with self.cond:
            self.stop = True
            self.cond.notify_all()
        self.thread.join(timeout=5)


class Explainer:
    """The rows of each update, walked through the mode's plan as the engine draws it.

    Only for display: the weights come from the engine; the explanation's own
    ``Δw = η_t · r · Σ e x`` is shown beside the engine's and tests check they agree.
    """

    def __init__(self, est, data: Data) -> None:
        self.est, self.neuron = est, est.neuron
        self.X, self.n = data.X, data.X.shape[0]
        self.T = self._targets(data.y)
        self.steps = Steps(MODES[est.mode], int(est.batch_size), est.shuffle,
                           est.reduction == "mean")  # fmt: skip
        self.rng = np.random.default_rng(est.random_state)
        self.plans: list[tuple[np.ndarray, int]] = []  # (rows in order, rows per step)
        self.where: list[tuple[int, int, int]] = [(0, -1, -1)]  # update -> epoch, step, t
        self.epoch, self.step, self.t = 0, 0, 0

    def _targets(self, y) -> np.ndarray:
        if self.neuron.targets is None:
            return np.asarray(y, dtype=float)
        lo, hi = self.neuron.targets
        return np.where(np.asarray(y) == np.unique(y)[1], hi, lo).astype(float)

    def _plan(self, epoch: int) -> tuple[np.ndarray, int]:
        while len(self.plans) <= epoch:
            p = self.steps.plan(self.n, self.rng)
            order = np.arange(self.n) if p.order is None else np.asarray(p.order)
            self.plans.append((order, p.step))
        return self.plans[epoch]

    def rows(self, k: int) -> np.ndarray:
        order, size = self._plan(self.where[k][0])
        s = self.where[k][1]
        return order[s * size : (s + 1) * size]

    def locate(self, history: list[tuple[np.ndarray, float]]) -> None:
        """Find the step of every recorded update not yet located."""
        while len(self.where) < len(history) and self.epoch < 10_000:
            k = len(self.where)
            w, b = history[k - 1]
            order, size = self._plan(self.epoch)
            n_steps = -(-len(order) // size)
            found = False
            while self.step < n_steps:
                rows = order[self.step * size : (self.step + 1) * size]
                e = self.neuron.error((self.X[rows] @ w + b)[:, None], self.T[rows][:, None])
                self.step, self.t = self.step + 1, self.t + 1
                if np.any(e != 0):
                    self.where.append((self.epoch, self.step - 1, self.t - 1))
                    found = True
                    break
            if not found:
                self.epoch, self.step = self.epoch + 1, 0
        return None

    def explain(self, k: int, history) -> dict[str, Any] | None:
        """``x, t, z, σ(z), e`` of update ``k``'s rows and its ``Δw`` both ways."""
        if k < 1 or k >= len(history):
            return None
        self.locate(history[: k + 1])
        if len(self.where) <= k:
            return None
        epoch, _, t = self.where[k]
        rows = self.rows(k)
        (w, b), (w2, b2) = history[k - 1], history[k]
        z = self.X[rows] @ w + b
        e = self.neuron.error(z[:, None], self.T[rows][:, None])[:, 0]
        power = self.est.power_t if self.est.schedule == "invscaling" else 0.0
        eta = Schedule(float(self.est.learning_rate_), float(power)).rate(t)
        r = 1.0 / len(rows) if self.est.reduction == "mean" else 1.0
        if self.neuron.mistake_driven:  # a perceptron reads its class: ŷ = [z > 0]
            lo, hi = self.neuron.targets
            out = np.where(z > 0, hi, lo)
        else:
            out = self.neuron.output(z)
        return {
            "epoch": epoch + 1, "t": t, "rows": [int(i) for i in rows[:8]],
            "n_rows": len(rows), "x": self.X[rows[0]].tolist(), "target": float(self.T[rows[0]]),
            "z": float(z[0]), "output": float(out[0]), "error": float(e[0]),
            "eta": eta, "r": r,
            "sum_ex": (e @ self.X[rows]).tolist(), "sum_e": float(e.sum()),
            "dw_rule": (eta * r * (e @ self.X[rows])).tolist(),
            "db_rule": eta * r * float(e.sum()),
            "dw": (w2 - w).tolist(), "db": b2 - b,
            "targets": None if self.neuron.targets is None else list(self.neuron.targets),
        }  # fmt: skip


class Session:
    """What one page holds: settings, data, the current run and the cursor into it."""

    def __init__(self, settings: Settings | None = None, table=None) -> None:
        self.settings = settings or Settings()
        self.upload = table  # a Table read from an uploaded file, or None
        self.added: list[tuple[float, float, Any]] = []
        self.removed: set[int] = set()
        self.cursor = 0
        self.run: Run | None = None
        self.error: dict[str, Any] | None = None
        self.hand_edit: tuple[list[float], float] | None = None
        self.notices: list[dict[str, Any]] = []  # changes the server made to the settings
        self.all_features: list[str] = []
        self.rebuild()

    @property
    def notice(self) -> dict[str, Any] | None:
        """The first of the changes the server made that the page is told of."""
        return self.notices[0] if self.notices else None

    @notice.setter
    def notice(self, value: dict[str, Any] | None) -> None:
        self.notices = [value] if value else []

    # data ------------------------------------------------------------------------------
    def _source(self):
        s = self.settings
        if self.upload is not None:
            t = self.upload
            task = "regression" if np.asarray(t.y).dtype.kind == "f" else "classification"
            return t.X, t.y, list(t.feature_names), t.target_name or "y", task
        if s.dataset == "upload":
            raise PlaygroundError("upload the data file again (uploads are not kept in the URL)",
                                  "upload_again", "upload")  # fmt: skip
        if s.dataset == "not":  # the NOT gate: one input
            return np.array([[0.0], [1.0]]), np.array([1, 0]), ["x1"], "y", "classification"
        if s.dataset == "line":  # a 1-D regression line: y = 2x + 1 + noise
            rng = np.random.default_rng(s.seed)
            n = max(4, min(int(s.n_samples), MAX_ROWS))
            x = np.sort(rng.uniform(-3.0, 3.0, n))
            y = 2.0 * x + 1.0 + 0.5 * rng.standard_normal(n)
            return x[:, None], y, ["x"], "y", "regression"
        if s.dataset not in DATASETS:
            raise PlaygroundError(f"dataset {s.dataset!r} is not one of {', '.join(LISTED)}",
                                  "no_dataset", "settings", name=s.dataset)  # fmt: skip
        n = s.n_samples if s.dataset in GENERATORS else None
        d = load_dataset(s.dataset, n_samples=n, random_state=s.seed)
        return d.X, d.y, list(d.feature_names), d.target_name, d.task

    def _data(self) -> Data:
        s = self.settings
        X, y, names, target, task = self._source()
        names = [str(n) for n in names]
        self.all_features = names
        m = X.shape[1]
        cols = [s.fx] if task == "regression" or m == 1 else [s.fx, s.fy]
        for axis, c in zip(("x", "y"), cols, strict=False):
            if not 0 <= c < m:
                raise PlaygroundError(
                    f"feature {axis} = {c} is out of range: these data have {m} features, "
                    f"numbered 0 to {m - 1} ({', '.join(names)})",
                    "feature_range", "data", axis=axis, index=c, m=m, names=list(names),
                )  # fmt: skip
        if len(set(cols)) < len(cols):
            raise PlaygroundError(
                f"feature x and feature y are both column {cols[0]} ({names[cols[0]]}): "
                "choose two different features",
                "feature_same", "data", index=cols[0], name=names[cols[0]],
            )  # fmt: skip
        X = np.asarray(X, dtype=float)[:, cols].copy()
        if X.shape[0] > MAX_ROWS:
            raise PlaygroundError(f"{X.shape[0]} rows: the playground holds at most {MAX_ROWS}",
                                  "too_many_rows", "data", n=X.shape[0], max=MAX_ROWS)  # fmt: skip
        y = np.asarray(y)
        left_out = None
        if task == "classification" and len(np.unique(y)) > 2:
            classes = np.unique(y)
            keep = np.isin(y, classes[:2])
            left_out = {
                "kept": [str(c) for c in classes[:2]],
                "classes": [str(c) for c in classes[2:]],
                "rows": int((~keep).sum()),
            }
            X, y = X[keep], y[keep]  # fmt: skip
        gate = _gate_outputs(X, y) if self.upload is None and s.dataset in GATES else None
        if X.shape[1] == 1 and task == "classification":
            gate = _gate_outputs(X, y) if gate is not None else None
        rng = np.random.default_rng(s.seed)
        if s.noise > 0:
            X = X + s.noise * rng.standard_normal(X.shape)
        test = np.zeros(len(y), dtype=bool)
        if 0 < s.test_fraction < 1 and len(y) >= 10:
            test[rng.permutation(len(y))[: round(s.test_fraction * len(y))]] = True
        Xtr, ytr = X[~test], y[~test]
        if self.added:
            pts = np.array([p[:2] for p in self.added], dtype=float)
            if task == "classification" and Xtr.shape[1] == 1:
                pts = pts[:, :1]
            labels = np.array([p[2] for p in self.added]).astype(y.dtype)
            Xtr = np.vstack([Xtr, pts[:, : Xtr.shape[1]]])
            ytr = np.concatenate([ytr, labels if task == "classification" else pts[:, 1]])
        keep = np.array([i not in self.removed for i in range(len(ytr))], dtype=bool)
        names = [names[c] for c in cols]
        return Data(Xtr[keep], ytr[keep], X[test], y[test], names, target, task, gate, left_out)

    def rebuild(self, init: tuple[np.ndarray, float] | None = None) -> None:
        """Read the data and start a fresh run (from ``init`` or zero weights)."""
        if self.run is not None:
            self.run.close()
        self.run, self.error, self.cursor = None, None, 0
        self.runs = getattr(self, "runs", 0) + 1  # the page tells one run from the next
        if init is None and self.hand_edit is not None:  # points added after a hand edit
            init = (np.asarray(self.hand_edit[0], float), float(self.hand_edit[1]))
        self._facts: dict[str, Any] | None = None
        try:
            self.data = self._data()
            est = make_estimator(self.settings)
            if self.data.task == "regression" and est.neuron.targets is not None:
                raise PlaygroundError("this dataset's target is a number: choose linear "
                                      "regression", "need_regression")  # fmt: skip
            if self.data.task == "classification" and est.neuron.targets is None:
                raise PlaygroundError("this dataset has classes: choose a classifier",
                                      "need_classifier")  # fmt: skip
            # the view holds the weights shown (fitted once for its shapes and classes)
            self.view = make_estimator(replace(self.settings, epochs=1, learning_rate="auto"))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.view.fit(self.data.X, self.data.y)
            m = self.data.X.shape[1]
            if init is not None and np.shape(init[0]) != (m,):
                init, self.hand_edit = None, None
            w0 = np.zeros(m) if init is None else np.asarray(init[0], float)
            b0 = 0.0 if init is None else float(init[1])
            self.run = Run(est, self.data, (w0, b0))
            self.explainer = Explainer(est, self.data)
        except NeuronaError as exc:
            self.error = error_info(exc)

    def close(self) -> None:
        if self.run is not None:
            self.run.close()

    # commands --------------------------------------------------------------------------
    def load_table(self, table) -> None:
        """Train on an uploaded table (its first two features drawn) instead of a dataset."""
        self.upload, self.added, self.removed, self.hand_edit = table, [], set(), None
        left = list(getattr(table, "left_out", None) or [])
        self.notice = left and {
            "code": "left_out", "args": {"columns": left},
            "message": f"columns left out (not numbers): {', '.join(left)}"}  # fmt: skip
        self.notice = self.notice or None
        self.settings = replace(self.settings, dataset="upload", fx=0,
                                fy=1 if table.X.shape[1] > 1 else 0)  # fmt: skip
        self.rebuild()
        self._fit_task()

    def set(self, values: dict[str, Any], restore: bool = False) -> None:
        """Apply the page's settings. A change of dataset or neuron may change others, and
        the page is told (``notice``): features the new data lack, a neuron that does not
        fit the new data's task, η above the new neuron's stable range. ``restore`` (a
        reload from the URL) applies the settings exactly as given (a URL without η still
        gets a stable one)."""
        old, new = self.settings, Settings.from_dict(values, self.settings)
        data_keys = {"dataset", "n_samples", "seed", "noise", "test_fraction", "fx", "fy"}
        if any(getattr(new, k) != getattr(old, k) for k in data_keys):
            self.added, self.removed = [], set()
        self.notice = None
        if new.dataset != old.dataset and "dataset" in values:
            self.upload = None
            # another dataset: features kept from the last one (not chosen in this message)
            # that it does not have are set back to its first two, and the page says so
            m = self._n_features(new)
            stale = [k for k in ("fx", "fy") if getattr(new, k) == getattr(old, k)]
            outside = m and any(not 0 <= getattr(new, k) < m for k in stale)
            if outside or (m and m > 1 and new.fx == new.fy):  # from one feature: x = y
                if outside and m > 1:  # one feature (NOT, the line): nothing to say
                    self.notice = {"code": "features_reset", "args": {},
                                   "message": "the new data are drawn through their first "
                                   "two features"}  # fmt: skip
                new = replace(new, fx=0, fy=min(1, m - 1))
        self.settings, self.hand_edit = new, None
        self.rebuild()
        if not restore and new.dataset != old.dataset and new.model == old.model:
            self._fit_task()
        model_keys = ("model", "rule", "mode", "batch_size", "reduction")
        if (
            not (restore and "learning_rate" in values)  # a URL's own η is kept as it is
            and self.run is not None
            and new.learning_rate == old.learning_rate  # η itself was not just chosen
            and any(getattr(new, k) != getattr(old, k) for k in model_keys)
        ):
            self._keep_rate_stable()

    def _fit_task(self) -> None:
        """New data whose task the neuron does not do (a number to predict, or classes):
        the first neuron of the registry that does it, and the page says so."""
        code = (self.error or {}).get("code")
        if code not in ("need_regression", "need_classifier"):
            return
        regression = code == "need_regression"
        model = next(name for name, cls in ESTIMATORS.items()
                     if (cls().neuron.targets is None) is regression)  # fmt: skip
        self.settings = replace(self.settings, model=model, learning_rate="auto")
        self.rebuild()
        what = "a number" if regression else "classes"
        self.notices.append({"code": "model_switched", "args": {"model": model,
                             "regression": regression}, "message": f"these data's target is "
                             f"{what}: the neuron is now {model} (η auto)"})  # fmt: skip

    def _n_features(self, settings: Settings) -> int | None:
        """How many features the dataset of ``settings`` has (None when it cannot say)."""
        kept, self.settings = self.settings, settings
        try:
            return int(np.shape(self._source()[0])[1])
        except NeuronaError:
            return None
        finally:
            self.settings = kept

    def _keep_rate_stable(self) -> None:
        """After a change of neuron or mode: a numeric η above the new stable range becomes
        ``auto`` (and the page says so)."""
        est = self.run.est
        try:
            eta = float(self.settings.learning_rate)
        except ValueError:
            return
        if est.neuron.mistake_driven:  # the perceptron's rule does not depend on η's size
            return
        safe = self.facts().get("safe_rate")
        if safe is None or eta <= safe:
            return
        self.settings = replace(self.settings, learning_rate="auto")
        self.rebuild()
        self.notices.append({"code": "eta_reset", "args": {"eta": eta, "safe": safe},
                             "message": f"η = {eta:g} is above the stable range of this "
                             f"neuron and mode (0 < η ≤ {safe:.4g}): η is now auto"})  # fmt: skip

    def reset(self) -> None:
        """A fresh run from zero weights (a hand edit is dropped)."""
        self.hand_edit = None
        self.rebuild()

    def step(self, n: int = 1) -> None:
        if self.run is None:
            return
        have = self.run.ensure(self.cursor + n)
        self.cursor = min(self.cursor + n, have)

    def step_epoch(self) -> None:
        """Move to the end of the next epoch that ends after the cursor (or the run's end)."""
        if self.run is None:
            return
        target = 1
        while True:
            got = self.run.ensure_epoch(target)
            if got < target:  # the run ended first: its last update
                self.cursor = len(self.run.history) - 1
                return
            if self.run.epoch_ends[target] > self.cursor:
                self.cursor = self.run.epoch_ends[target]
                return
            target += 1

    def seek(self, k: int) -> None:
        if self.run is None:
            return
        self.cursor = max(0, min(int(k), len(self.run.history) - 1))

    def edit(self, w: list[float], b: float) -> None:
        """Set the weights by hand; a new run continues from them."""
        if self.run is None:
            return
        m = self.data.X.shape[1]
        try:
            w = np.asarray(w, dtype=float)
            b = float(b)
        except (TypeError, ValueError):
            w = np.full(m, np.nan)
        if w.shape != (m,):
            raise PlaygroundError(f"give {m} weights and a bias", "edit_count", m=m)
        if not (np.isfinite(w).all() and math.isfinite(b)):
            raise PlaygroundError("weights and bias must be finite numbers (a decimal point "
                                  "or comma: 0.5 or 0,5)", "edit_finite")  # fmt: skip
        self.hand_edit = (w.tolist(), float(b))
        self.rebuild(init=(w, float(b)))
        self.notice = {"code": "edited", "args": {}, "message": "a new run starts from the "
                       "weights you set (update 0); Reset starts again from zero"}  # fmt: skip

    def add_point(self, x: float, y: float, label: Any) -> None:
        if self.data is None:
            return
        if self.data.task == "classification":
            classes = np.unique(self.data.y).tolist()
            if label not in classes:
                label = classes[int(bool(label))] if label in (0, 1) else classes[0]
        self.added.append((float(x), float(y), label))
        self.rebuild()

    def remove_point(self, index: int) -> None:
        n = len(self.data.y) + len(self.removed)
        if not 0 <= index < len(self.data.y):
            raise ParameterError(f"row {index} is not one of the {len(self.data.y)} rows")
        visible = [i for i in range(n) if i not in self.removed]
        self.removed.add(visible[index])
        self.rebuild()

    def set_points(self, added: list, removed: list) -> None:
        """The rows added and removed by clicks, as a reloaded URL gives them back: added
        ``(x, y, label)`` and the removed rows' places among the rows and the added ones."""
        unreadable = PlaygroundError("the URL's added or removed points are not readable: "
                                     "they are left out", "points_unreadable", "data")  # fmt: skip
        try:
            rows = [(float(x), float(y), lab) for x, y, lab in added][:MAX_ROWS]
            gone = {int(i) for i in removed}
        except (TypeError, ValueError):
            raise unreadable from None
        if not all(math.isfinite(x) and math.isfinite(y) for x, y, _ in rows):
            raise unreadable
        self.added, self.removed = rows, {i for i in gone if 0 <= i < MAX_ROWS + len(rows)}
        self.rebuild()

    # what the page shows ---------------------------------------------------------------
    def weights(self, k: int | None = None) -> tuple[np.ndarray, float]:
        k = self.cursor if k is None else k
        return self.run.history[k]

    def _set_view(self, w: np.ndarray, b: float):
        self.view.coef_ = np.asarray(w, dtype=float).reshape(np.shape(self.view.coef_))
        self.view.intercept_ = np.asarray(b, dtype=float).reshape(np.shape(self.view.intercept_))
        return self.view

    def facts(self) -> dict[str, Any]:
        """What does not change during a run: separability, the gate's unit, the optimum, η."""
        if self._facts is not None:
            return self._facts
        d, est, f = self.data, self.run.est, {}
        neuron = est.neuron
        f["mistake_driven"] = bool(neuron.mistake_driven)  # η only scales its weights
        steps = Steps(MODES[est.mode], int(est.batch_size), est.shuffle,
                      est.reduction == "mean")  # fmt: skip
        try:
            f["safe_rate"] = safe_rate(d.X, steps, neuron.curvature)
        except NeuronaError as exc:
            f["safe_rate"] = None
            f["safe_rate_error"] = str(exc)
        if d.task == "classification":
            r = check_separability(d.X, d.y)
            f["separable"] = bool(r.separable)
            f["margin"] = r.margin
            f["radius"] = r.radius
            f["mistake_bound"] = None if math.isinf(r.mistake_bound) else r.mistake_bound
            f["classes"] = [_jsonable(c) for c in r.classes]
        if d.gate is not None:
            unit = find_unit(d.gate)
            f["unit"] = None if unit is None else {
                "weights": list(unit.weights), "threshold": unit.threshold}  # fmt: skip
            f["why_no_unit"] = None if unit else str(why_no_unit(d.gate))
        if est.neuron.sigma == "z":  # an identity output (ADALINE, linear): a closed form
            try:
                opt = _closed_form(type(est), d.X, d.y)
                f["optimum"] = {"w": np.ravel(opt.coef_).tolist(),
                                "b": float(np.ravel(opt.intercept_)[0])}  # fmt: skip
            except NeuronaError as exc:
                f["optimum_error"] = str(exc)
        self._facts = f
        return f

    def grid(self, w: np.ndarray, b: float, n: int = GRID) -> dict[str, Any]:
        """``decision_function`` on an n × n grid over the data (classification) or on a
        line of n points (regression)."""
        d = self.data
        lo, hi = d.X.min(axis=0), d.X.max(axis=0)
        pad = np.maximum((hi - lo) * 0.15, 0.5)
        lo, hi = lo - pad, hi + pad
        view = self._set_view(w, b)
        if d.task == "regression":
            xs = np.linspace(lo[0], hi[0], n)
            ys = np.concatenate([d.y, d.y_test]).astype(float)
            ylo, yhi = ys.min(), ys.max()
            ypad = max((yhi - ylo) * 0.15, 0.5)
            try:  # the estimator's own prediction along the axis
                line = view.predict(xs[:, None])
            except NeuronaError:  # beyond the float range: nothing to draw
                line = np.full(n, np.nan)
            return {"x0": lo[0], "x1": hi[0], "y0": ylo - ypad, "y1": yhi + ypad,
                    "line": finite(np.asarray(line, dtype=float).ravel().tolist())}  # fmt: skip
        if d.X.shape[1] == 1:  # one feature (the NOT gate): drawn along x, the same upward
            z1 = np.asarray(view.decision_function(np.linspace(lo[0], hi[0], n)[:, None]))
            Z = np.tile(z1.ravel(), n)
            lo, hi = np.array([lo[0], -1.0]), np.array([hi[0], 1.0])
        else:
            gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n))
            Z = view.decision_function(np.column_stack([gx.ravel(), gy.ravel()]))
        Z = np.nan_to_num(np.asarray(Z, dtype=float), nan=0.0, posinf=3.4e38, neginf=-3.4e38)
        Z = np.clip(Z, -3.4e38, 3.4e38).astype(np.float32).reshape(n, n)
        scale = float(np.max(np.abs(Z))) or 1.0
        return {"x0": lo[0], "x1": hi[0], "y0": lo[1], "y1": hi[1], "n": n,
                "z": base64.b64encode(Z.tobytes()).decode(),
                "scale": scale}  # fmt: skip

    def metrics(self, w: np.ndarray, b: float) -> dict[str, Any]:
        """Mean loss (the neuron's) and accuracy or R² (the estimator's) on train and test."""
        d, view = self.data, self._set_view(w, b)
        neuron = self.run.est.neuron
        out: dict[str, Any] = {}
        for part, X, y in (("train", d.X, d.y), ("test", d.X_test, d.y_test)):
            if len(y) == 0:
                continue
            T = self.explainer._targets(y) if neuron.targets is not None else y.astype(float)
            Z = (X @ w + b)[:, None]
            with np.errstate(all="ignore"):
                out[f"{part}_loss"] = float(np.mean(neuron.loss(Z, T[:, None])))
            if d.task == "classification":  # what score() computes, without its checks
                out[f"{part}_score"] = float(np.mean(view.predict(X) == y))
            else:
                out[f"{part}_score"] = float(view.score(X, y)) if len(y) > 1 else None
        return out

    def curves(self) -> dict[str, list]:
        """Loss and accuracy (or R²) at the end of each epoch up to the cursor."""
        ends = [e for e in self.run.epoch_ends[1:] if e <= self.cursor]
        cache = self.__dict__.setdefault("_curve_cache", {})
        rows: dict[str, list] = {"epoch": []}
        for i, k in enumerate(ends, start=1):
            key = (id(self.run), i)
            if key not in cache:
                cache[key] = self.metrics(*self.run.history[k])
            rows["epoch"].append(i)
            for name, value in cache[key].items():
                rows.setdefault(name, []).append(value)
        return rows

    def frame(self, *, full: bool = True, points: bool = True) -> dict[str, Any]:
        """Everything the page draws for the cursor's update (JSON-ready): with ``full``
        the run's facts and curves, with ``points`` the rows."""
        s = self.settings.to_dict()
        if self.run is None:
            info = self.error or {}
            return jsonsafe({"type": "frame", "error": info.get("message"),
                             "error_info": self.error, "settings": s, "notice": self.notice,
                             "notices": self.notices,
                             "features": self._feature_names()})  # fmt: skip
        with np.errstate(all="ignore"):
            return jsonsafe(self._frame(s, full, points))

    def _relevant(self) -> dict[str, bool]:
        """Which settings change this run (the page greys out the others): read from the
        estimator's parameters, the mode's row plan and the data (once a run)."""
        cached = self.__dict__.get("_relevant_of")
        if cached and cached[0] == self.runs:
            return cached[1]
        self._relevant_of = (self.runs, self._find_relevant())
        return self._relevant_of[1]

    def _find_relevant(self) -> dict[str, bool]:
        est, d, s = self.run.est, self.data, self.settings
        mode, n = MODES[est.mode], max(len(d.y), 4)
        orders = [mode.order(n, np.random.default_rng(0), on) for on in (True, False)]
        return {
            "rule": "rule" in est.get_params(),
            "batch_size": mode.rows(n, 1) != mode.rows(n, 2),
            "reduction": mode.rows(n, int(est.batch_size)) > 1,
            "shuffle": not np.array_equal(*[np.arange(n) if o is None else o for o in orders]),
            "power_t": est.schedule == "invscaling",
            "n_samples": self.upload is None and s.dataset in (*GENERATORS, "line"),
            "fy": d.task == "classification" and len(self.all_features) > 1,
            "cls": d.task == "classification",
        }

    def _notices(self) -> list[dict[str, Any]]:
        """The changes the server made, and what the data left out (classes beyond two)."""
        out = list(self.notices)
        left = self.data.left_out if self.data is not None else None
        if left:
            out.append({"code": "classes_left_out", "args": left, "message": (
                f"{len(left['kept']) + len(left['classes'])} classes: the playground trains "
                f"on the first two ({', '.join(left['kept'])}); {left['rows']} rows of "
                f"{', '.join(left['classes'])} are left out")})  # fmt: skip
        return out

    def _feature_names(self) -> list[str] | None:
        try:
            return [str(n) for n in self._source()[2]]
        except NeuronaError:
            return None

    def _frame(self, s: dict[str, Any], full: bool, points: bool) -> dict[str, Any]:
        run, k = self.run, self.cursor
        w, b = self.weights()
        data = self.data
        view = self._set_view(w, b)
        wrong = []
        if data.task == "classification":
            wrong = np.flatnonzero(view.predict(data.X) != data.y).tolist()
        error = run.error or self.error
        metrics = self.metrics(w, b)
        if error is None and not all(
            isinstance(v, float) and math.isfinite(v) for k_, v in metrics.items()
            if k_.endswith("loss")
        ):  # fmt: skip
            error = {"message": "the loss is beyond the float range at these weights: they are "
                     "too large for these data", "kind": "divergence", "code": "overflow_loss",
                     "args": {}}  # fmt: skip
        frame = finite({
            "k": k, "w": w.tolist(), "b": b, "error": error and error["message"],
            "explain": self.explainer.explain(k, run.history), "metrics": metrics,
            "learning_rate": getattr(run.est, "learning_rate_", None),
            "facts": self.facts() if full else None, "curves": self.curves() if full else None,
        })  # fmt: skip
        frame.update({
            "type": "frame", "settings": s, "known": len(run.history) - 1, "done": run.done,
            "epoch": run.epoch_of(k), "error_info": error, "notice": self.notice,
            "notices": self._notices(),
            "all_features": self.all_features, "fx_fy": [self.settings.fx, self.settings.fy],
            "epoch_ends": run.epoch_ends[1:], "notes": run.notes[-3:],
            "grid": self.grid(w, b), "wrong": wrong, "neuron": run.est.neuron.name,
            "sigma": run.est.neuron.sigma, "hand_edit": self.hand_edit,
            "relevant": self._relevant(), "run_id": self.runs,
            "notes_es": [spanish(n) for n in run.notes[-3:]],
        })  # fmt: skip
        if not full:
            del frame["facts"], frame["curves"]
        if points:
            frame["points"] = self.points()
        return frame

    def points(self) -> dict[str, Any]:
        d = self.data
        classes = np.unique(np.concatenate([d.y, d.y_test])) if d.task == "classification" else []
        code = (lambda y: np.searchsorted(classes, y).tolist()) if len(classes) else (
            lambda y: np.asarray(y, float).tolist())  # fmt: skip
        return {
            "task": d.task, "features": d.feature_names, "target": d.target_name,
            "classes": [_jsonable(c) for c in classes],
            "X": d.X.tolist(), "y": code(d.y), "X_test": d.X_test.tolist(),
            "y_test": code(d.y_test), "added": len(self.added), "removed": sorted(self.removed),
            "added_points": [[x, y, _jsonable(lab)] for x, y, lab in self.added],
            "upload": self.upload is not None,
        }  # fmt: skip


def _closed_form(cls, X, y):
    """The estimator solved by its normal equations (the optimum gradient descent nears)."""
    try:
        return cls(solver="normal").fit(X, y)
    except ParameterError:  # a regression's solvers: "auto" picks the stable closed form
        return cls(solver="auto").fit(X, y)


def jsonsafe(value: Any) -> Any:
    """``value`` with every non-finite float written as the string ``"inf"``, ``"-inf"``
    or ``"nan"`` (JSON has no such numbers), NumPy scalars and arrays as plain values."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else ("nan" if value != value else
                                                   "inf" if value > 0 else "-inf")  # fmt: skip
    if isinstance(value, dict):
        return {k: jsonsafe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if all(type(v) is int or (type(v) is float and v - v == 0) for v in value):
            return list(value)  # finite numbers only (a row, the misclassified rows): as is
        return [jsonsafe(v) for v in value]
    return value


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by None (JSON has no NaN)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return _jsonable(value)


def _jsonable(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v
