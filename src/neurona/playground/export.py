"""What reproduces a playground run outside it: Python code, a command line, a model file.

Every recipe trains with ``backend="numpy"``, the engine the page's run used (it reports
every update), so running it gives the weights shown, bit for bit, at any update: inside an
epoch the command line stops with ``--max-updates`` and the model file's fit with
``on_update``'s stop.
"""

from __future__ import annotations

import csv
import io
import shlex
import tempfile
import warnings
from pathlib import Path

import numpy as np

from ..train import stop_at_update
from .session import PlaygroundError, Session, estimator_params

__all__ = ["blocked", "cli_line", "model_file", "python_code", "training_csv"]


def _recipe(session: Session) -> tuple[object, int, int | None]:
    """The estimator to refit, with the epochs to run and the update to stop at (or None
    when the cursor is the end of an epoch or of the run)."""
    run, k = session.run, session.cursor
    ends = run.epoch_ends[1:]
    est = run.est
    if k in ends:
        epochs, stop = ends.index(k) + 1, None
    elif run.done and k == len(run.history) - 1:
        epochs, stop = est.epochs, None
    else:
        epochs = 1 + sum(1 for e in ends if e < k)
        stop = k
    return est, epochs, stop


def _params(session: Session, epochs: int) -> dict:
    est = session.run.est
    params = estimator_params(est)
    params.update(epochs=epochs, backend="numpy")
    params.pop("callbacks", None)
    return params


def _literal(values) -> str:
    return "[" + ", ".join(repr(v.item() if isinstance(v, np.generic) else v)
                           for v in values) + "]"  # fmt: skip


def python_code(session: Session) -> str:
    """Python that retrains the run and leaves its weights at the cursor in ``w`` and ``b``."""
    est, epochs, stop = _recipe(session)
    d = session.data
    args = ", ".join(f"{k}={v!r}" for k, v in sorted(_params(session, epochs).items()))
    rows = ",\n    ".join(_literal(r) for r in d.X.tolist())
    lines = [
        "# neurona playground: this run, retrained (the same weights, bit for bit)",
        "import numpy as np",
        "",
        f"from neurona import {type(est).__name__}",
        "",
        f"X = np.array([\n    {rows},\n])",
        f"y = np.array({_literal(d.y.tolist())})",
        f"model = {type(est).__name__}({args})",
    ]
    init = ""
    if session.hand_edit is not None:
        w0, b0 = session.hand_edit
        init = f", coef_init=np.array({_literal(w0)}), intercept_init={b0!r}"
    if stop == 0:  # no update yet: the starting weights (zeros or the hand edit)
        w0, b0 = session.run.init
        lines += [
            f"w, b = np.array({_literal(np.asarray(w0, float).tolist())}), {float(b0)!r}"
            "  # update 0: the starting weights, before any update",
        ]
    elif stop is None:
        lines += [
            f"model.fit(X, y{init})",
            "w, b = np.ravel(model.coef_), float(np.ravel(model.intercept_)[0])",
        ]
    else:
        lines += [
            "updates = []  # the weights after every update, as the page steps through them",
            f"model.fit(X, y{init}, on_update=lambda W, b: "
            "updates.append((W[:, 0].copy(), float(b[0]))))",
            f"w, b = updates[{stop - 1}]  # update {stop}",
        ]
    lines.append("print('w =', w.tolist(), ' b =', b)")
    return "\n".join(lines) + "\n"


def cli_line(session: Session) -> str:
    """``neurona train`` on the training rows (export ``data.csv``) up to the cursor: its
    epoch, and inside an epoch ``--max-updates`` (training stops at that update), from the
    weights edited by hand if there are any (``--coef-init``, ``--intercept-init``).

    Every number is written as Python's ``repr`` (the shortest text that reads back as the
    same float), so the line gives the page's weights bit for bit."""
    est, epochs, stop = _recipe(session)
    _refuse_inside_an_epoch(stop, "cli")
    params = _params(session, epochs)
    params.pop("random_state", None)
    flags = {"model": _model_name(est)}
    flags.update({k.replace("_", "-"): v for k, v in params.items()})
    parts = ["neurona", "train", "playground-train.csv", "--target", _target(session)]
    parts += _header_flag(session)
    for key, value in flags.items():
        if isinstance(value, bool):
            parts.append(f"--{key}" if value else f"--no-{key}")
        else:
            parts += [f"--{key}", _number(value)]
    if _labels_need_auto(session):
        parts += ["--label-type", "auto"]
    if session.hand_edit is not None:  # "=": a negative first number is not read as a flag
        w0, b0 = session.hand_edit
        parts += ["--coef-init=" + ",".join(_number(v) for v in w0),
                  "--intercept-init=" + _number(b0)]  # fmt: skip
    if stop is not None:
        parts += ["--max-updates", str(stop)]
    parts += ["--seed", str(est.random_state), "--out", "playground-model.npz"]
    return " ".join(shlex.quote(p) for p in parts)


def _number(value) -> str:
    """A parameter as the command line reads it back exactly (floats by ``repr``)."""
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return str(value)


def _refuse_inside_an_epoch(stop: int | None, what: str) -> None:
    """The command line and the model file train up to an update (``--max-updates``,
    ``on_update``'s stop): at update 0, before any, they are refused, in words the page
    shows in either language (``code``)."""
    thing = "a command line" if what == "cli" else "a model file"
    if stop == 0:
        raise PlaygroundError(
            f"no update yet: step at least one update first for {thing} (the Python code "
            "gives the starting weights)",
            "export_start", "export", what=what,
        )  # fmt: skip


def blocked(session: Session) -> dict | None:
    """Why the command line and the model file cannot be given at the cursor (their error's
    ``code``, ``args`` and English ``message``), or None: sent with every frame, so the page
    says it in its language without asking."""
    if session.run is None:
        return None
    try:
        _refuse_inside_an_epoch(_recipe(session)[2], "cli")
    except PlaygroundError as exc:
        return {"code": exc.code, "args": exc.args_, "message": str(exc)}
    return None


def _labels_need_auto(session: Session) -> bool:
    """Whether the command line must read the class labels as numbers (``--label-type
    auto``): numeric labels whose order as text differs from their order as numbers (2 and
    10) would otherwise swap the classes, and so the signs of the weights."""
    if session.data.task != "classification":
        return False
    values = np.unique(session.data.y)
    if values.dtype.kind not in "iufb":
        return False
    return sorted(str(v) for v in values.tolist()) != [str(v) for v in values.tolist()]


def _model_name(est) -> str:
    from ..estimators import ESTIMATORS

    return next(name for name, cls in ESTIMATORS.items() if cls is type(est))


def _target(session: Session) -> str:
    """The target's column name in the exported CSV: its own, unless that is empty, looks
    like a column index (``--target 3`` reads an index) or is also a feature's name."""
    name, features = str(session.data.target_name), set(session.data.feature_names)
    if name.strip() and not _numeric(name) and name not in features:
        return name
    name = "target"
    while name in features:
        name += "_"
    return name


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _header_flag(session: Session) -> list[str]:
    """``--header`` where a column name looks like a number (the reader would otherwise
    guess that the first line is data)."""
    return ["--header"] if any(_numeric(str(n)) for n in session.data.feature_names) else []


def training_csv(session: Session) -> bytes:
    """The training rows as CSV (features, then the target), numbers written exactly."""
    d = session.data
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*d.feature_names, _target(session)])
    for row, label in zip(d.X.tolist(), d.y.tolist(), strict=True):
        writer.writerow([*(repr(v) for v in row), repr(label) if isinstance(label, float)
                         else label])  # fmt: skip
    return out.getvalue().encode()


def model_file(session: Session) -> bytes:
    """A neurona model file of the run at the cursor (retrained by the recipe)."""
    est, epochs, stop = _recipe(session)
    _refuse_inside_an_epoch(stop, "model")
    params = {k: v for k, v in est.get_params().items() if k != "callbacks"}
    model = type(est)(**{**params, "epochs": epochs, "backend": "numpy"})
    init = {}
    if session.hand_edit is not None:
        init = {"coef_init": np.asarray(session.hand_edit[0]),
                "intercept_init": session.hand_edit[1]}  # fmt: skip
    if stop is not None:  # inside an epoch: training stops at the cursor's update
        init["on_update"] = stop_at_update(stop)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(session.data.X, session.data.y, **init)
    with tempfile.TemporaryDirectory() as tmp:
        path = model.save(Path(tmp) / "playground-model.npz")
        return Path(path).read_bytes()
