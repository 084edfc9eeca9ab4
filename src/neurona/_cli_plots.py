"""The plotting commands of the CLI: ``neurona animate``, ``neurona tour``, ``train --plot``.

Plain Typer-annotated functions that :mod:`neurona.cli` registers; each calls the public
functions of :mod:`neurona.plot` and :mod:`neurona.tour` and holds no math. Errors are
``neurona.errors`` exceptions, which the CLI prints as one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import typer
from sklearn.base import is_classifier

from .errors import DataError, ParameterError
from .estimators import ESTIMATORS
from .modes import MODES

__all__ = ["animate_command", "tour_command", "write_training_plots"]


def _model(name: str, rule: str, mode: str, epochs: int, learning_rate: str | None, seed: int):
    """The estimator registered as ``name``, set to train by gradient steps."""
    rate: Any = learning_rate
    if rate is not None and rate != "auto":
        try:
            rate = float(rate)
        except ValueError:
            raise ParameterError(
                f"--learning-rate {learning_rate!r} is not a number or 'auto'"
            ) from None
    cls = ESTIMATORS[name]
    params = {"rule": rule, "mode": mode, "epochs": epochs, "random_state": seed,
              "learning_rate": rate, **cls.gradient_params}  # fmt: skip
    known = cls().get_params()
    return cls(**{k: v for k, v in params.items() if k in known and v is not None})


#: the values of ``rule`` across the registered estimators that take one
_RULES = tuple(
    dict.fromkeys(v for cls in ESTIMATORS.values() for v in cls.param_choices().get("rule", ()))
)


def _kind_names(classifier: bool) -> str:
    """The command-line names of the registered classifiers (or regressors)."""
    names = [n for n, cls in ESTIMATORS.items() if is_classifier(cls()) == classifier]
    return " or ".join(names)


def animate_command(
    dataset: Annotated[
        str, typer.Option(help="Bundled dataset: iris-2, and, or, nand, nor, blobs, linear, ...")
    ] = "iris-2",
    model: Annotated[
        Literal[tuple(ESTIMATORS)],  # type: ignore[valid-type]  # the registry's names
        typer.Option(help="The neuron's estimator."),
    ] = next(iter(ESTIMATORS)),
    rule: Annotated[
        Literal[_RULES],  # type: ignore[valid-type]  # the estimators' own values
        typer.Option(help="Update rule (the estimators that have one)."),
    ] = _RULES[0],
    mode: Annotated[
        Literal[tuple(MODES)],  # type: ignore[valid-type]  # the registry's names
        typer.Option(help="Training mode."),
    ] = next(iter(MODES)),
    epochs: Annotated[int, typer.Option(min=1, help="Epochs (the lecture's T).")] = 20,
    learning_rate: Annotated[
        str | None, typer.Option(help="η, a positive number or 'auto'.")
    ] = None,
    per: Annotated[
        Literal["update", "epoch"], typer.Option(help="One frame per update or per epoch.")
    ] = "update",
    features: Annotated[
        str, typer.Option(help="Two feature columns to draw, e.g. '0,1'.")
    ] = "0,1",
    out: Annotated[Path, typer.Option("--out", "-o", help="The GIF or MP4 to write.")] = Path(
        "training.gif"
    ),
    fmt: Annotated[
        Literal["gif", "mp4"] | None,
        typer.Option("--format", help="gif or mp4 (default: from the file name)."),
    ] = None,
    fps: Annotated[int, typer.Option(min=1, help="Frames per second.")] = 8,
    max_frames: Annotated[int, typer.Option(min=2, help="Most frames kept.")] = 200,
    seed: Annotated[int, typer.Option("--seed", "--random-state", help="Seed.")] = 0,
) -> None:
    """Animate training: the boundary moving update by update (GIF, or MP4 with ffmpeg)."""
    from .data import load_dataset
    from .plot import animate_training

    _writable(out, "--out")
    ds = load_dataset(dataset, random_state=seed)
    regression = ds.task == "regression"
    estimator = _model(model, rule, mode, epochs, learning_rate, seed)
    if regression == is_classifier(estimator):
        raise DataError(
            f"dataset {dataset!r} is a {ds.task} task; use --model {_kind_names(not regression)}"
        )
    cols = _columns(features, ds.X.shape[1], 1 if regression else 2)
    X = ds.X[:, cols] if regression else ds.X
    anim = animate_training(
        estimator,
        X,
        ds.y,
        out,
        per=per,
        features=(cols if not regression else (0, 1)),
        feature_names=ds.feature_names if not regression else [ds.feature_names[cols[0]]],
        fmt=fmt,
        fps=fps,
        max_frames=max_frames,
    )
    typer.echo(
        f"wrote {anim.path} ({len(anim.frames)} frames of {anim.trace.n_frames}, one per "
        f"{per}; {anim.size[0]}x{anim.size[1]} px)"
    )


def _writable(path: Path, option: str) -> None:
    """Refuse, before any work, an output that is a folder, a named pipe, a device, a
    socket or a link loop (a link to a file is written through)."""
    from ._atomic import OutputPathError, write_target

    if not path.parent.exists():
        return  # the folder is created
    try:
        write_target(path)
    except OutputPathError as exc:
        raise ParameterError(f"{option} {path}: {exc.strerror}") from None


def _folder(path: Path, option: str, receives: str) -> None:
    """Refuse an output folder that exists as something else."""
    if path.exists() and not path.is_dir():
        raise ParameterError(
            f"{option} {path}: exists and is not a folder: give a new or an existing folder "
            f"(it receives {receives})"
        )


def _columns(text: str, n_features: int, count: int) -> list[int]:
    try:
        cols = [int(c) for c in text.split(",") if c.strip()]
    except ValueError:
        cols = []
    if len(cols) < count or not all(0 <= c < n_features for c in cols):
        raise ParameterError(
            f"--features {text!r}: give {count} column number(s) in 0..{n_features - 1}, "
            "separated by commas"
        )
    return cols[:2] if count == 2 else cols[:1]


def tour_command(
    lang: Annotated[
        Literal["en", "es"], typer.Option(help="en, or es: the lecture's own section names.")
    ] = "en",
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write index.html into.")
    ] = Path("neurona-tour"),
    quick: Annotated[bool, typer.Option(help="Smaller sizes, fewer epochs.")] = False,
) -> None:
    """Replay the lecture on this machine and write one self-contained HTML report."""
    from .tour import run_tour

    _folder(out, "--out", "index.html")
    report = run_tour(out, lang=lang, quick=quick)
    skipped = [s.missing for s in report.sections if s.missing]
    note = f"; skipped (missing modules): {', '.join(skipped)}" if skipped else ""
    typer.echo(
        f"wrote {report.path} ({len(report.sections)} sections, {report.seconds:.1f} s{note})"
    )


def write_training_plots(
    model: Any, X: Any, y: Any, out_dir: str | Path, feature_names: list[str] | None = None
) -> list[Path]:
    """``train --plot DIR``: the fitted ``model``'s boundary and learning curves as PNGs.

    Writes ``boundary.png`` (classifiers with two or more features: the decision regions of
    the first two, the others at their means; a regression on one feature: the fitted line)
    and ``curves.png`` (every per-epoch metric in ``history_``); ``feature_names`` label the
    axes. Returns the paths written.
    """
    from . import plot

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    written = []
    fig = _boundary_figure(plot, model, X, y, feature_names)
    if fig is not None:
        written.append(plot.save_figure(fig, out_dir / "boundary.png"))
    history = getattr(model, "history_", None) or {}
    if history:
        metrics = list(history)
        fig = plot._figure((4.2 * len(metrics), 3.4), layout="constrained")
        for ax, metric in zip(np.atleast_1d(fig.subplots(1, len(metrics))), metrics, strict=True):
            plot.learning_curves({type(model).__name__: history}, metric=metric, ax=ax)
        written.append(plot.save_figure(fig, out_dir / "curves.png"))
    return written


def _boundary_figure(plot, model, X: np.ndarray, y: np.ndarray, names):
    if hasattr(model, "classes_"):
        if X.ndim != 2 or X.shape[1] < 2:
            return None
        fig = plot._figure((6.4, 4.8), layout="constrained")
        plot.decision_regions(model, X, y, ax=fig.subplots(), feature_names=names)
        return fig
    if X.ndim != 2 or X.shape[1] != 1:
        return None
    fig = plot._figure((6.4, 4.8), layout="constrained")
    ax = fig.subplots()
    ax.scatter(X[:, 0], y.astype(np.float64), s=14, edgecolor="black", linewidth=0.4)
    xs = np.linspace(X.min(), X.max(), 2)
    ax.plot(xs, np.ravel(model.predict(xs[:, None])), color="tab:red", linewidth=2)
    ax.set(xlabel=names[0] if names else "x1", ylabel="y")
    return fig
