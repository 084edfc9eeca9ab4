"""What reproduces a playground run outside it: Python code, a command line, a model file.

Both recipes train with ``backend="numpy"``, the engine the page's run used (it reports
every update), so running them gives the weights shown, bit for bit.
"""

from __future__ import annotations

import csv
import io
import tempfile
import warnings
from pathlib import Path

import numpy as np

from ..errors import ParameterError
from .session import Session, estimator_params

__all__ = ["cli_line", "model_file", "python_code", "training_csv"]


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
    """``neurona train`` on the training rows (export ``data.csv``) up to the cursor's epoch."""
    est, epochs, stop = _recipe(session)
    if session.hand_edit is not None:
        raise ParameterError(
            "weights edited by hand have no command-line form; export the Python code"
        )
    if stop == 0:
        raise ParameterError(
            "no update yet: step at least one epoch first (the Python code shows the "
            "starting weights)"
        )
    if stop is not None:
        raise ParameterError(
            f"update {stop} is inside an epoch: step to the end of the epoch for a command "
            "line (the Python code stops at any update)"
        )
    params = _params(session, epochs)
    if params.pop("schedule", "constant") != "constant" or "power_t" in params:
        raise ParameterError("the command line has no --schedule; export the Python code")
    params.pop("random_state", None)
    flags = {"model": _model_name(est)}
    flags.update({k.replace("_", "-"): v for k, v in params.items()})
    parts = ["neurona", "train", "playground-train.csv", "--target", _target(session)]
    for key, value in flags.items():
        if isinstance(value, bool):
            parts.append(f"--{key}" if value else f"--no-{key}")
        else:
            parts += [f"--{key}", str(value)]
    parts += ["--seed", str(est.random_state), "--out", "playground-model.npz"]
    return " ".join(parts)


def _model_name(est) -> str:
    from ..estimators import ESTIMATORS

    return next(name for name, cls in ESTIMATORS.items() if cls is type(est))


def _target(session: Session) -> str:
    name = session.data.target_name
    return name if name not in session.data.feature_names else "target"


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
    if stop == 0:
        raise ParameterError(
            "no update yet: step at least one epoch first (the Python code shows the "
            "starting weights)"
        )
    if stop is not None:
        raise ParameterError(
            f"update {stop} is inside an epoch: step to the end of the epoch to save a model"
        )
    params = {k: v for k, v in est.get_params().items() if k != "callbacks"}
    model = type(est)(**{**params, "epochs": epochs, "backend": "numpy"})
    init = {}
    if session.hand_edit is not None:
        init = {"coef_init": np.asarray(session.hand_edit[0]),
                "intercept_init": session.hand_edit[1]}  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(session.data.X, session.data.y, **init)
    with tempfile.TemporaryDirectory() as tmp:
        path = model.save(Path(tmp) / "playground-model.npz")
        return Path(path).read_bytes()
