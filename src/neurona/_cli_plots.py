"""The plotting commands of the CLI: ``neurona animate``, ``neurona tour``, ``train --plot``.

Plain Typer-annotated functions that :mod:`neurona.cli` registers; each calls the public
functions of :mod:`neurona.plot` and :mod:`neurona.tour` and holds no math. Errors are
``neurona.errors`` exceptions, which the CLI prints as one line.
"""

from __future__ import annotations

import contextlib
import math
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import typer
from sklearn.base import is_classifier

from .errors import DataError, ParameterError
from .estimators import ESTIMATORS
from .modes import MODES

__all__ = ["animate_command", "tour_command", "write_training_plots"]


def _model(
    name: str,
    rule: str,
    mode: str,
    epochs: int,
    learning_rate: str | None,
    seed: int,
    shuffle: bool | None = None,
):
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
              "learning_rate": rate, "shuffle": shuffle, **cls.gradient_params}  # fmt: skip
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
    data: Annotated[
        Path | None,
        typer.Argument(metavar="[DATA]", help="A data file (CSV, Parquet, ...) with --target."),
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", "-t", help="The label column of DATA.")
    ] = None,
    dataset: Annotated[
        str | None,
        typer.Option(
            help="Bundled dataset instead of DATA: iris-2, iris, and, or, blobs, linear, ... "
            "(default iris-2)"
        ),
    ] = None,
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
    shuffle: Annotated[
        bool | None,
        typer.Option(
            help="Visit the rows in a fresh random order every epoch (default: in order)."
        ),
    ] = None,
    per: Annotated[
        Literal["update", "epoch"], typer.Option(help="One frame per update or per epoch.")
    ] = "update",
    plot_features: Annotated[
        str | None,
        typer.Option(
            "--plot-features",
            "--features",
            metavar="A,B",
            help="The two features to draw, by name or column number (default the first "
            "two); the others are held at their means, written on the figure.",
        ),
    ] = None,
    exclude: Annotated[
        str | None,
        typer.Option(metavar="COLS", help="Columns to leave out of the features (e.g. an id)."),
    ] = None,
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
    lang: Annotated[
        Literal["en", "es"] | None,
        typer.Option(help="Language of titles and labels (default: from LANG)."),
    ] = None,
) -> None:
    """Animate training: the boundary moving update by update (GIF, or MP4 with ffmpeg).

    Each frame rings the row that made its update."""
    from .plot import animate_training

    _writable(out, "--out", data)
    lang = lang or locale_language()
    estimator = _model(model, rule, mode, epochs, learning_rate, seed, shuffle)
    classifier = is_classifier(estimator)
    X, y, names, source, regression = _animation_data(
        data, target, dataset, seed, classifier, exclude
    )
    if regression == classifier:
        kind = "regression" if regression else "classification"
        raise DataError(f"{source} is a {kind} task; use --model {_kind_names(not regression)}")
    count = 1 if regression else 2
    if data is not None:  # column numbers count the file's columns, as --features does
        from .data import DataFile

        plot_features = file_column_names(plot_features, DataFile(data).columns)
    cols = _plot_columns(plot_features, names, X.shape[1], count)
    with _one_line_warnings(quiet=shuffle is False):  # --no-shuffle: the order is meant
        anim = animate_training(
            estimator,
            X[:, cols] if regression else X,
            y,
            out,
            per=per,
            features=None if regression else cols,
            feature_names=[names[cols[0]]] if regression else names,
            fmt=fmt,
            fps=fps,
            max_frames=max_frames,
            lang=lang,
        )
    from ._i18n import message

    typer.echo(
        message(
            f"wrote {anim.path} ({len(anim.frames)} frames of {anim.trace.n_frames}, one per "
            f"{per}; {anim.size[0]}x{anim.size[1]} px)"
        )
    )


@contextlib.contextmanager
def _one_line_warnings(quiet: bool = False):
    """neurona's data warnings as ``neurona: warning: ...`` lines on stderr (each once);
    with ``quiet`` the sorted-rows warning is left out (the order was asked for)."""
    import warnings

    from .errors import DataWarning, SeparabilityWarning, SortedDataWarning

    ours = (DataWarning, SeparabilityWarning)
    with warnings.catch_warnings(record=True) as caught:
        for category in ours:
            warnings.simplefilter("always", category)
        if quiet:
            warnings.simplefilter("ignore", SortedDataWarning)
        yield
    seen = set()
    for w in caught:
        if not issubclass(w.category, ours):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        elif str(w.message) not in seen:
            seen.add(str(w.message))
            _say_warning(w)


def _say_warning(w) -> None:
    """One warning as the command line shows it: one line, CLI syntax, its language (the
    command line installs that as ``warnings.showwarning`` while a command runs)."""
    import warnings

    warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def _animation_data(
    data: Path | None,
    target: str | None,
    dataset: str | None,
    seed: int,
    classifier: bool,
    exclude: str | None = None,
):
    """(X, y, feature names, where from, is regression) of DATA --target T or --dataset;
    DATA's target is read as class labels for a classifier, as numbers otherwise;
    ``exclude`` (``--exclude A,B``): feature columns left out, by name or column number."""
    if data is not None and dataset is not None:
        raise ParameterError("give a DATA file or --dataset NAME, not both")
    if data is None:
        from .data import load_dataset

        if target is not None:
            raise ParameterError("--target applies to DATA files; leave it out with --dataset")
        ds = load_dataset(dataset or "iris-2", random_state=seed)
        names = list(ds.feature_names)
        kept = kept_features(exclude, names, names)
        X = ds.X[:, [names.index(n) for n in kept]]
        return X, ds.y, kept, f"dataset {ds.name!r}", ds.task == "regression"
    if target is None:
        raise ParameterError("pass --target COL (the label or value column of DATA)")
    from .data import DataFile, read_xy

    kind = "labels" if classifier else "numbers"
    features = None
    if exclude is not None:
        file = DataFile(data, target=target, target_kind=kind)
        features = kept_features(exclude, list(file.feature_names), list(file.columns))
    table = read_xy(data, target=target, features=features, target_kind=kind)
    return table.X, np.asarray(table.y), list(table.feature_names), str(data), not classifier


def kept_features(
    exclude: str | None, names: list[str], columns: list[str], error=ParameterError
) -> list[str]:
    """The feature ``names`` without those ``--exclude`` names (each by name, or by number
    among all the file's ``columns``), for ``train`` and ``animate``; ``error`` makes the
    exception of a refusal from its message."""
    if exclude is None:
        return names
    from .data.readers import column_list, listing

    dropped = []
    for spec in column_list(exclude, columns):
        if spec in columns:
            name = spec
        elif spec.lstrip("-").isdigit() and -len(columns) <= int(spec) < len(columns):
            name = columns[int(spec)]
        else:
            raise error(f"--exclude {spec}: no such column (the columns: {listing(columns)})")
        if name not in names:
            raise error(f"--exclude {spec}: {name!r} is not a feature column")
        dropped.append(name)
    kept = [n for n in names if n not in dropped]
    if not kept:
        raise error("--exclude leaves no feature column")
    return kept


def file_column_names(text: str | None, file_columns: list[str] | None) -> str | None:
    """``--plot-features A,B`` with each column number read as the data file's column
    (counted from 0 over all its columns, as ``--features`` and ``--target`` count them),
    written as that column's name; names are left as they are."""
    if text is None or file_columns is None:
        return text
    from .data.readers import column_list

    parts = []
    for part in column_list(text, file_columns):
        if part in file_columns or not part.isdigit():
            parts.append(part)
        elif int(part) < len(file_columns):
            parts.append(file_columns[int(part)])
        else:
            shown = ", ".join(file_columns[:12]) + (", …" if len(file_columns) > 12 else "")
            raise ParameterError(
                f"--plot-features {text!r}: the file has no column {part} (its columns, "
                f"from 0: {shown})"
            )
    # a name holding a comma or a quote goes on quoted, as column_list reads it
    return ",".join(f'"{p.replace(chr(34), 2 * chr(34))}"' if "," in p or '"' in p else p
                    for p in parts)  # fmt: skip


def _plot_columns(text: str | None, names: list[str], n_features: int, count: int) -> list[int]:
    """``--plot-features A,B``: feature names or column numbers, as column numbers."""
    if text is None:
        if n_features < count:
            raise ParameterError(
                f"the data have {n_features} feature column(s); drawing needs {count}"
            )
        return list(range(count))
    from .data.readers import column_list

    cols = []
    for part in column_list(text, names):
        if part in names:
            cols.append(names.index(part))
        elif part.isdigit() and int(part) < n_features:
            cols.append(int(part))
        else:
            shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
            raise ParameterError(
                f"--plot-features {text!r}: {part!r} is not a feature column (features: "
                f"{shown}); give {count} name(s) or column number(s) 0..{n_features - 1}"
            )
    if len(cols) != count or len(set(cols)) != count:
        raise ParameterError(
            f"--plot-features {text!r}: give {count} different feature column(s), separated "
            "by commas"
        )
    return cols


def locale_language() -> str:
    """The command line's language (``--lang``, else the locale's: ``neurona._i18n``)."""
    from ._i18n import lang

    return lang()


def _writable(path: Path, option: str, source: Path | None = None) -> None:
    """Refuse, before any work, an output that is a folder, a named pipe, a device, a
    socket or a link loop (a link to a file is written through), or that is the input
    file ``source`` by any path (a symbolic or hard link, ``..``)."""
    import os

    from ._atomic import OutputPathError, write_target

    if str(path) == "-":  # not standard output: a file named '-' would be written
        raise ParameterError(f"{option} '-' is not standard output here: name a file")
    if not path.parent.exists():
        return  # the folder is created
    try:
        write_target(path)
    except OutputPathError as exc:
        raise ParameterError(f"{option} {path}: {exc.strerror}") from None
    with contextlib.suppress(OSError):  # either missing: no file to overwrite
        if source is not None and os.path.samefile(path, source):
            raise ParameterError(
                f"{path} is the input file {source}: write to another file (an input is "
                "never overwritten)"
            )


def _folder(path: Path, option: str, receives: str) -> None:
    """Refuse an output folder that exists as something else, or ``-``."""
    if str(path) == "-":
        raise ParameterError(f"{option} '-' is not standard output here: name a folder")
    if path.exists() and not path.is_dir():
        raise ParameterError(
            f"{option} {path}: exists and is not a folder: give a new or an existing folder "
            f"(it receives {receives})"
        )


def tour_command(
    lang: Annotated[
        Literal["en", "es"] | None,
        typer.Option(help="en, or es: the lecture's own section names (default: from LANG)."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write index.html into.")
    ] = Path("neurona-tour"),
    quick: Annotated[bool, typer.Option(help="Smaller sizes, fewer epochs.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No line per section on stderr.")
    ] = False,
) -> None:
    """Replay the lecture on this machine and write one self-contained HTML report."""
    import sys

    from .tour import SECTIONS, run_tour

    _folder(out, "--out", "index.html")
    lang = lang or locale_language()
    total = len(SECTIONS)

    def progress(k: int, title: str, seconds: float | None) -> None:
        if seconds is None:  # a section starts
            sys.stderr.write(f"[{k}/{total}] {title} …\n")
        sys.stderr.flush()

    report = run_tour(out, lang=lang, quick=quick, progress=None if quiet else progress)
    skipped = [s.missing for s in report.sections if s.missing]
    note = f"; skipped (missing modules): {', '.join(skipped)}" if skipped else ""
    from ._i18n import message

    typer.echo(
        message(
            f"wrote {report.path} ({len(report.sections)} sections, {report.seconds:.1f} s{note})"
        )
    )


def write_training_plots(
    model: Any,
    X: Any,
    y: Any,
    out_dir: str | Path,
    feature_names: list[str] | None = None,
    plot_features: str | None = None,
    lang: str | None = None,
    scaled: dict[str, str] | None = None,
) -> list[Path]:
    """``train --plot DIR``: the fitted ``model``'s boundary and learning curves as PNGs.

    Writes ``boundary.png`` (classifiers with two or more features: the decision regions of
    two features, ``plot_features`` "A,B" by name or column number, default the first two,
    the others held at their means and the held values written on the figure; a
    regression on one feature: the fitted line) and ``curves.png`` (every per-epoch metric
    in ``history_``); ``feature_names`` label the axes; ``lang`` (default from the locale)
    the words; ``scaled`` (column name -> ``(offset, scale)``): the columns the model saw
    scaled, ``x' = (x - offset) / scale``, given in ``X`` as the model saw them: the
    figure is drawn in the data's own units (the columns unscaled, the model applied to
    them through its scaling, a linear model's line ``w/scale · x + b - Σ w·offset/scale
    = 0``), so the axes read as the file's columns. Returns the paths written.
    """
    from . import plot

    lang = lang or locale_language()
    out_dir = Path(out_dir)
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    names = list(feature_names) if feature_names is not None else None
    cols = None
    if plot_features is not None or (hasattr(model, "classes_") and X.ndim == 2):
        n = X.shape[1] if X.ndim == 2 else 0
        if plot_features is not None or n >= 2:
            labels = names or [f"x{j + 1}" for j in range(n)]
            cols = _plot_columns(plot_features, labels, n, 2 if hasattr(model, "classes_") else 1)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    drawn = model
    if scaled and names is not None and X.ndim == 2:
        offset = np.array([float(scaled[n][0]) if n in scaled else 0.0 for n in names])
        spread = np.array([float(scaled[n][1]) if n in scaled else 1.0 for n in names])
        X, drawn = X * spread + offset, InDataUnits(model, offset, spread)
    X, drawn, names = _in_drawable_units(X, drawn, names, cols)
    fig = _boundary_figure(plot, drawn, X, y, names, cols, lang)
    if fig is not None:
        written.append(plot.save_figure(fig, out_dir / "boundary.png"))
    history = getattr(model, "history_", None) or {}
    if history:
        metrics = list(history)
        fig = plot._figure((4.2 * len(metrics), 3.4), layout="constrained")
        for ax, metric in zip(np.atleast_1d(fig.subplots(1, len(metrics))), metrics, strict=True):
            plot.learning_curves({type(model).__name__: history}, metric=metric, ax=ax,
                                 lang=lang)  # fmt: skip
        written.append(plot.save_figure(fig, out_dir / "curves.png"))
    return written


#: below this, a plot axis cannot span the values (matplotlib widens any axis whose
#: largest value is under about 2e-287 to ±0.05, and every point then sits on 0)
_TINY_AXIS = 1e-250


def _in_drawable_units(X: np.ndarray, model: Any, names, cols):
    """The drawn columns of values too small for a plot axis, in units of a power of ten
    (``x / 10^k``, the axis named "name (× 1e-k)"), and the model seen in those units; the
    others as they are."""
    if X.ndim != 2 or X.shape[0] == 0:
        return X, model, names
    drawn = range(X.shape[1]) if cols is None else cols
    unit = np.ones(X.shape[1])
    for c in drawn:
        top = float(np.max(np.abs(X[:, c])))
        if 0.0 < top < _TINY_AXIS:
            unit[c] = max(10.0 ** math.floor(math.log10(top)), 1e-300)  # 1/unit finite
    if (unit == 1.0).all():
        return X, model, names
    labels = list(names) if names is not None else [f"x{j + 1}" for j in range(X.shape[1])]
    for c in np.flatnonzero(unit != 1.0):
        labels[c] = f"{labels[c]} (× {unit[c]:.0e})"
    return X / unit, InDataUnits(model, np.zeros(X.shape[1]), 1.0 / unit), labels


class InDataUnits:
    """A fitted model seen in its data's own units: it was trained on columns scaled as
    ``x' = (x - offset) / scale`` and is given them unscaled.

    ``predict`` scales, then asks the model; a linear model's weights become
    ``coef_ / scale`` and its bias ``intercept_ - coef_ @ (offset / scale)``, the same
    plane written in the unscaled columns, so a drawn boundary line is where the model's
    decision function is 0 in the file's units.
    """

    def __init__(self, model: Any, offset: np.ndarray, scale: np.ndarray):
        self.model = model
        self.offset = np.asarray(offset, dtype=np.float64)
        self.scale = np.asarray(scale, dtype=np.float64)
        if hasattr(model, "classes_"):
            self.classes_ = model.classes_
        coef = getattr(model, "coef_", None)
        if coef is not None:
            W = np.atleast_2d(np.asarray(coef, dtype=np.float64))
            self.coef_ = W / self.scale
            self.intercept_ = np.ravel(model.intercept_).astype(np.float64) - W @ (
                self.offset / self.scale
            )

    def predict(self, X: Any) -> np.ndarray:
        from .plot import _like_fit

        scaled = (np.asarray(X, dtype=np.float64) - self.offset) / self.scale
        return self.model.predict(_like_fit(self.model, scaled))


def _boundary_figure(plot, model, X: np.ndarray, y: np.ndarray, names, cols, lang):
    if hasattr(model, "classes_"):
        if X.ndim != 2 or X.shape[1] < 2:
            return None
        fig = plot._figure((6.4, 4.8), layout="constrained")
        plot.decision_regions(model, X, y, ax=fig.subplots(), feature_names=names,
                              features=cols, lang=lang)  # fmt: skip
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
