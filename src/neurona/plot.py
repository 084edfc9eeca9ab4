r"""Pictures of learning: decision regions, curves, animations, loss surfaces.

Every function takes what it draws (a fitted classifier, histories, timings) and an
optional matplotlib ``ax``; it draws on ``ax`` (a new figure when None) and returns it.
Nothing here trains a model the caller did not ask for, except :func:`trace_training`,
whose job is to record a run.

A single-layer neuron's boundary is the line :math:`w_1 x_1 + w_2 x_2 + b = 0`. It is
clipped to the axes box by intersecting it with the four edges, dividing only by a
non-zero coefficient, so a vertical line (:math:`w_2 = 0`) or a horizontal one
(:math:`w_1 = 0`) is drawn like any other and :math:`w = 0` draws nothing.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import numpy as np
>>> from neurona import Perceptron
>>> from neurona.plot import decision_regions
>>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
>>> y = np.array(["off", "off", "off", "on"])
>>> ax = decision_regions(Perceptron().fit(X, y), X, y)
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['off', 'on']
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._atomic import atomic_path
from ._validation import _shorten, as_input, as_matrix, table_columns, untensor
from .errors import DataError, MissingDependencyError, ParameterError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "Trace",
    "animate_training",
    "boundary_segment",
    "decision_regions",
    "derivative_error",
    "gd_paths",
    "learning_curves",
    "loss_surface",
    "save_figure",
    "trace_training",
    "vectorization_timings",
]

_MARKERS = ("o", "s", "^", "v", "D", "P", "X", "*", "<", ">")


def _pyplot():
    """matplotlib.pyplot, or an error naming the extra to install."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - matplotlib is a dependency
        raise MissingDependencyError(
            "plotting needs matplotlib: pip install 'neurona[plot]'"
        ) from exc
    return plt


def _axes(ax: Axes | None, figsize: tuple[float, float] = (6.4, 4.8)) -> Axes:
    return _pyplot().subplots(figsize=figsize, layout="constrained")[1] if ax is None else ax


def class_colors(n_classes: int) -> list[tuple[float, float, float, float]]:
    """``n_classes`` distinct colours: tab10, then tab20, then an evenly spaced hue wheel."""
    import matplotlib as mpl

    for name, size in (("tab10", 10), ("tab20", 20)):
        if n_classes <= size:
            return [mpl.colormaps[name](k) for k in range(n_classes)]
    return [mpl.colormaps["hsv"](k / n_classes) for k in range(n_classes)]


# --------------------------------------------------------------------------- geometry


def boundary_segment(
    w: Sequence[float], b: float, xlim: Sequence[float], ylim: Sequence[float]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    r"""The part of the line :math:`w_1 x + w_2 y + b = 0` inside the box, or None.

    Parameters
    ----------
    w : (2,)
    b : float
    xlim, ylim : (2,)
        The box.

    Returns
    -------
    ((x0, y0), (x1, y1)) or None
        End points on the box's edges; None when :math:`w = 0` or the line misses the box.
        Only non-zero coefficients are divided by, so vertical lines work.

    Examples
    --------
    >>> boundary_segment([1.0, 0.0], -0.5, (0, 1), (0, 2))  # x = 0.5, vertical
    ((0.5, 0.0), (0.5, 2.0))
    >>> boundary_segment([0.0, 0.0], 1.0, (0, 1), (0, 1)) is None
    True
    """
    w1, w2 = float(w[0]), float(w[1])
    (x0, x1), (y0, y1) = sorted(map(float, xlim)), sorted(map(float, ylim))
    points = []
    if w2 != 0.0:
        points += [(x, -(w1 * x + b) / w2) for x in (x0, x1)]
    if w1 != 0.0:
        points += [(-(w2 * y + b) / w1, y) for y in (y0, y1)]
    tol = 1e-12 * max(1.0, abs(x1 - x0), abs(y1 - y0))
    inside = sorted(
        {(x, y) for x, y in points if x0 - tol <= x <= x1 + tol and y0 - tol <= y <= y1 + tol}
    )
    if len(inside) < 2:
        return None
    return (float(inside[0][0]), float(inside[0][1])), (float(inside[-1][0]), float(inside[-1][1]))


def _plane(
    X: np.ndarray, features: Sequence[int], fixed: Mapping[int, float] | None
) -> np.ndarray:
    """Values of every feature for the plane: the means, overridden by ``fixed``."""
    values = X.mean(axis=0)
    for j, v in (fixed or {}).items():
        values[int(j)] = float(v)
    return values


def _choose_features(
    n_features: int, features: Sequence[int] | None, fixed: Mapping[int, float] | None
) -> tuple[tuple[int, int], dict[int, float]]:
    """The two drawn columns and the fixed values, checked against each other.

    Without ``features`` the drawn columns are the first two that ``fixed`` leaves free.
    A column both drawn and fixed is refused in words (a drawn column varies along its
    axis, so it cannot also be held at one value)."""
    held: dict[int, float] = {}
    for j, v in (fixed or {}).items():
        try:
            k, value = int(j), float(v)
        except (TypeError, ValueError):
            raise ParameterError(
                f"fixed must map column numbers to numbers, got {j!r}: {v!r}"
            ) from None
        if not 0 <= k < n_features:
            raise ParameterError(
                f"fixed names column {k}, but X has {n_features} columns (0..{n_features - 1})"
            )
        if not np.isfinite(value):
            raise ParameterError(f"fixed value of column {k} must be finite, got {value!r}")
        held[k] = value
    if features is None:
        free = [j for j in range(n_features) if j not in held]
        if len(free) < 2:
            raise ParameterError(
                f"fixed holds {len(held)} of the {n_features} columns, leaving {len(free)} "
                "to draw: leave at least two columns out of fixed"
            )
        return (free[0], free[1]), held
    features = tuple(int(j) for j in features)
    if len(features) != 2 or len(set(features)) != 2:
        raise ParameterError(f"features must name two different columns, got {features!r}")
    bad = [j for j in features if not 0 <= j < n_features]
    if bad:
        raise ParameterError(f"features {bad} are not columns of X (it has {n_features})")
    both = [j for j in features if j in held]
    if both:
        j = both[0]
        raise ParameterError(
            f"column {j} is drawn (features={features}) and also fixed at {held[j]:g} "
            f"(fixed={held}): a drawn column varies along its axis and cannot be held; leave "
            "features out to draw the columns that fixed leaves free, or fix other columns"
        )
    return features, held  # type: ignore[return-value]


#: the words on the figures, per language
_WORDS = {
    "en": {
        "class": "class",
        "held": "held",
        "mean": "mean",
        "fixed": "fixed",
        "epoch": "epoch",
        "update": "update",
        "row": "row",
        "outside": "boundary outside the view",
        "run": "run",
        "seconds": "seconds per call (median; log scale)",
        "size": "size",
        "step": "step size h",
        "abs_error": "absolute error",
        "normal": "normal equations",
        "start": "start",
        "updates": "updates",
        "loss": "loss",
        "accuracy": "accuracy",
        "batch GD": "batch GD",
        "minibatch (k=8)": "minibatch (k=8)",
        "SGD (online, shuffled)": "SGD (online, shuffled)",
    },
    "es": {
        "class": "clase",
        "held": "fijas",
        "mean": "media",
        "fixed": "dada",
        "epoch": "época",
        "update": "actualización",
        "row": "fila",
        "outside": "frontera fuera de la vista",
        "run": "corrida",
        "seconds": "segundos por llamada (mediana; escala log)",
        "size": "tamaño",
        "step": "paso h",
        "abs_error": "error absoluto",
        "normal": "ecuaciones normales",
        "start": "inicio",
        "updates": "actualizaciones",
        "loss": "pérdida",
        "accuracy": "exactitud",
        "batch GD": "GD por lotes",
        "minibatch (k=8)": "minilotes (k=8)",
        "SGD (online, shuffled)": "SGD (en línea, barajado)",
    },
}
LANGUAGES = tuple(_WORDS)


def _words(lang: str) -> dict[str, str]:
    if lang not in _WORDS:
        raise ParameterError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return _WORDS[lang]


def held_values_text(
    names: Sequence[str] | None,
    features: Sequence[int],
    base: np.ndarray,
    fixed: Mapping[int, float],
    lang: str = "en",
) -> str:
    """What the figure holds the hidden features at, e.g. ``held: c = 1.2 (mean)``; empty
    with two features."""
    w = _words(lang)
    hidden = [j for j in range(len(base)) if j not in features]
    parts = [
        f"{names[j] if names else f'x{j + 1}'} = {base[j]:.4g} "
        f"({w['fixed'] if j in fixed else w['mean']})"
        for j in hidden
    ]
    return f"{w['held']}: " + ", ".join(parts) if parts else ""


def _held_note(ax, text: str) -> None:
    """The held values under the axes (a text artist that layout makes room for)."""
    if text:
        ax.annotate(
            text,
            xy=(0.5, 0.0),
            xycoords="axes fraction",
            xytext=(0, -32),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=7,
            color="#333333",
            wrap=True,
            annotation_clip=False,
        )


def _grid(
    X: np.ndarray, features: Sequence[int], base: np.ndarray, resolution: int, pad: float = 0.1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A ``resolution`` x ``resolution`` grid over the two features, the others at ``base``."""
    i, j = features
    axes = []
    for col in (X[:, i], X[:, j]):
        lo, hi = float(col.min()), float(col.max())
        span = hi - lo if hi > lo else 1.0
        axes.append(np.linspace(lo - pad * span, hi + pad * span, resolution))
    xx, yy = np.meshgrid(*axes)
    G = np.tile(base, (xx.size, 1))
    G[:, i], G[:, j] = xx.ravel(), yy.ravel()
    return xx, yy, G


def _as_2d_data(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    X = as_matrix(X)  # as the estimators read it: missing, text, ragged... refused in words
    y = np.asarray(as_input(y, "y"))
    if X.ndim != 2 or X.shape[1] < 2:
        raise DataError(
            f"X has shape {X.shape}; decision regions need (n_samples, n_features >= 2)"
        )
    if y.shape != (X.shape[0],):
        raise DataError(f"y has shape {y.shape}; expected one label per row of X ({len(X)},)")
    return X, y


def _class_index(labels: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Position of each label in ``classes`` (labels of any type; -1 if absent)."""
    lookup = {c.item() if hasattr(c, "item") else c: k for k, c in enumerate(classes)}
    return np.array([lookup.get(v.item() if hasattr(v, "item") else v, -1) for v in labels])


def _classes(clf: Any, y: np.ndarray) -> np.ndarray:
    """The model's classes (its ``classes_``), then any label seen only in ``y``."""
    known = np.asarray(getattr(clf, "classes_", np.unique(y)))
    extra = [v for v in np.unique(y) if _class_index(np.array([v]), known)[0] < 0]
    return np.concatenate([known, np.asarray(extra, dtype=known.dtype)]) if extra else known


# --------------------------------------------------------------------- decision regions


def decision_regions(
    clf: Any,
    X: Any,
    y: Any,
    *,
    ax: Axes | None = None,
    features: Sequence[int] | None = None,
    fixed: Mapping[int, float] | None = None,
    feature_names: Sequence[str] | None = None,
    resolution: int = 300,
    alpha: float = 0.25,
    legend: bool = True,
    lang: str = "en",
) -> Axes:
    r"""The regions where ``clf`` predicts each class, and the data on top.

    Parameters
    ----------
    clf : fitted classifier
        Anything with ``predict``; ``classes_`` fixes the colour order when present. A
        binary linear model (``coef_`` of one row) also gets its line
        :math:`w_i x_i + w_j x_j + (b + \sum_{k \ne i,j} w_k v_k) = 0`.
    X : (n_samples, n_features)
        ``n_features >= 2``; an array, or a table (pandas, pyarrow) whose column names
        label the axes. The plane shows two features, every other feature held at one
        value: its ``fixed`` value, else its mean over ``X``. With more than two features
        the held values are written under the axes, since the points are drawn at their
        own values of the hidden features, not at the held ones.
    y : (n_samples,)
        Labels of any type (strings, bools, ints) and any number of classes; each class has
        one colour, the same for its region and its points, and the legend names it.
    features : (2,), optional
        Columns on the horizontal and vertical axes; default the first two columns that
        ``fixed`` does not hold.
    fixed : mapping column -> value, optional
        Values of hidden columns. A column both in ``features`` and in ``fixed`` is
        refused (``ParameterError``), as are columns outside ``X``.
    feature_names : (n_features,), optional
        Axis labels (default: the model's ``feature_names_in_``, or the table's columns,
        or ``x1, x2, ...``).
    resolution : int
        Grid points per axis.
    lang : {"en", "es"}
        Language of the legend title and the held-values note.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        ``features`` and ``fixed`` inconsistent, or naming columns ``X`` lacks.
    DataError
        ``X`` or ``y`` of the wrong shape.
    """
    words = _words(lang)
    _check_columns(clf, X)
    names = _names(clf, X, feature_names)
    X, y = untensor(X), untensor(y)
    X, y = _as_2d_data(X, y)
    features, held = _choose_features(X.shape[1], features, fixed)
    base = _plane(X, features, held)
    xx, yy, G = _grid(X, features, base, resolution)
    classes = _classes(clf, y)
    colors = class_colors(len(classes))
    region = _class_index(np.asarray(clf.predict(_like_fit(clf, G))), classes).reshape(xx.shape)
    ax = _axes(ax)
    _regions_image(ax, xx, yy, region, colors).set_alpha(alpha)
    _scatter_classes(ax, X[:, list(features)], y, classes, colors)
    _linear_boundary(ax, clf, features, base)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    _label_axes(ax, features, names)
    _held_note(ax, held_values_text(names, features, base, held, lang))
    if legend:
        ax.legend(title=words["class"], loc="best", framealpha=0.85)
    return ax


def _check_columns(clf: Any, X: Any) -> None:
    """A table of named columns must hold the model's feature columns, in its order, as
    scikit-learn's ``predict`` requires: the plane is drawn by column position, so other
    columns (renamed, reordered, one more or one less) would draw some other features
    under the model's names. An array, or a table whose names are not all strings, is
    taken by position, as ``predict`` takes it."""
    fitted = getattr(clf, "feature_names_in_", None)
    columns = table_columns(X)
    if fitted is None or columns is None or not all(isinstance(c, str) for c in columns):
        return
    fitted = [str(n) for n in fitted]
    if columns != fitted:
        raise DataError(
            f"X has the columns {_shorten(repr(columns), 120)} but the model was fitted on "
            f"{_shorten(repr(fitted), 120)}: the plot would draw other features under the "
            "model's names; pass the model's columns in its order "
            "(X[list(clf.feature_names_in_)] for a DataFrame, "
            "X.select(list(clf.feature_names_in_)) for a pyarrow or polars table)"
        )


def _names(clf: Any, X: Any, given: Sequence[str] | None) -> list[str] | None:
    """Axis names: the given ones, else the columns the model was fitted on, else the
    data's own (a table's column names)."""
    if given is not None:
        return list(given)
    fitted = getattr(clf, "feature_names_in_", None)
    if fitted is not None:
        return [str(n) for n in fitted]
    columns = table_columns(X)
    return [str(c) for c in columns] if columns is not None else None


def _like_fit(clf: Any, G: np.ndarray) -> Any:
    """Grid points as the model was fitted: a table with its feature names when it has
    them (so scikit-learn's name check passes), else the array."""
    names = getattr(clf, "feature_names_in_", None)
    if names is None or len(names) != G.shape[1]:
        return G
    import pyarrow as pa

    return pa.table({str(name): G[:, j] for j, name in enumerate(names)})


def _scatter_classes(ax, P: np.ndarray, y: np.ndarray, classes, colors) -> None:
    idx = _class_index(y, classes)
    for k, label in enumerate(classes):
        rows = idx == k
        if rows.any():
            ax.scatter(
                *P[rows].T,
                color=colors[k],
                marker=_MARKERS[k % len(_MARKERS)],
                edgecolor="black",
                linewidth=0.5,
                s=36,
                label=str(label),
                zorder=3,
            )


def _linear_boundary(ax, clf, features, base: np.ndarray) -> None:
    coef = getattr(clf, "coef_", None)
    if coef is None or np.atleast_2d(coef).shape[0] != 1:
        return
    w = np.atleast_2d(coef)[0].astype(np.float64)
    b = float(np.ravel(clf.intercept_)[0])
    i, j = features
    offset = b + float(w @ base) - w[i] * base[i] - w[j] * base[j]
    seg = boundary_segment((w[i], w[j]), offset, ax.get_xlim(), ax.get_ylim())
    if seg is not None:
        ax.plot(*zip(*seg, strict=True), color="black", linewidth=1.5, zorder=2)


def _label_axes(ax, features, names) -> None:
    i, j = features
    ax.set_xlabel(names[i] if names else f"x{i + 1}")
    ax.set_ylabel(names[j] if names else f"x{j + 1}")


# ---------------------------------------------------------------------- learning curves


def _history(run: Any) -> dict[str, list]:
    history = run if isinstance(run, Mapping) else getattr(run, "history_", None)
    if history is None:
        raise DataError(
            f"{type(run).__name__} has no history_: fit the model first, or pass its history_ dict"
        )
    return dict(history)


def _run_label(run: Any, k: int, lang: str = "en") -> str:
    if isinstance(run, Mapping):
        return f"{_words(lang)['run']} {k + 1}"
    parts = [type(run).__name__, getattr(run, "mode", "")]
    if getattr(run, "rule", None):
        parts.append(f"rule={run.rule}")
    return " ".join(p for p in parts if p)


def learning_curves(
    runs: Any,
    *,
    metric: str = "loss",
    ax: Axes | None = None,
    logy: bool = False,
    lang: str = "en",
) -> Axes:
    """Per-epoch ``history_[metric]`` of one or several runs, overlaid.

    Parameters
    ----------
    runs : fitted estimator, history dict, a sequence of them, or a mapping label -> one
        Several runs are drawn on the same axes to compare modes or rules.
    metric : {"loss", "updates", "accuracy"}
        The history key to draw.
    logy : bool
        Logarithmic vertical axis (zero values are dropped from the line).
    lang : {"en", "es"}
        Language of the axis labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if isinstance(runs, Mapping) and "loss" not in runs:
        items = list(runs.items())
    elif isinstance(runs, Sequence) and not isinstance(runs, str):
        items = [(_run_label(r, k, lang), r) for k, r in enumerate(runs)]
    else:
        items = [(_run_label(runs, 0, lang), runs)]
    ax = _axes(ax)
    for k, (label, run) in enumerate(items):
        history = _history(run)
        if metric not in history:
            raise DataError(
                f"the history of {label!r} has no {metric!r}; it records {sorted(history)}"
            )
        values = np.asarray(history[metric], dtype=np.float64)
        epochs = np.arange(1, len(values) + 1)
        if logy:
            keep = values > 0
            epochs, values = epochs[keep], values[keep]
        ax.plot(epochs, values, marker=_MARKERS[k % len(_MARKERS)], markersize=3, label=label)
    words = _words(lang)
    ax.set_xlabel(words["epoch"])
    ax.set_ylabel(words.get(metric, metric))
    if logy:
        ax.set_yscale("log")
    ax.legend(loc="best")
    ax.grid(alpha=0.3)
    return ax


# ------------------------------------------------------------------------- training trace


@dataclass(frozen=True)
class Trace:
    r"""The weights of a training run after every update (or every epoch).

    Attributes
    ----------
    coef : (n_frames, n_outputs, n_features)
        Frame 0 is the start (zeros); the last frame is the fitted ``model``'s weights.
    intercept : (n_frames, n_outputs)
    epoch : (n_frames,)
        The epoch each frame was reached in (0 for the start).
    model : the fitted estimator (a clone of the one given)
    per : {"update", "epoch"}
    rows : (n_frames,) int array or None
        With ``per="update"``: the row of ``X`` whose step made each frame's update, or -1
        where no single row did (frame 0, multi-row steps, no intercept). A one-row step
        changes :math:`(w, b)` by :math:`c\,(x_i, 1)`, so :math:`x_i = \Delta w / \Delta b`,
        matched to the nearest row of ``X``. None with ``per="epoch"``.
    """

    coef: np.ndarray
    intercept: np.ndarray
    epoch: np.ndarray
    model: Any
    per: str
    rows: np.ndarray | None = None

    @property
    def n_frames(self) -> int:
        return int(self.coef.shape[0])


def trace_training(model: Any, X: Any, y: Any, *, per: str = "update") -> Trace:
    r"""Fit a clone of ``model`` on ``(X, y)`` and record its weights as it learns.

    Parameters
    ----------
    model : a neurona estimator set to train by gradient steps
        Left untouched; a clone is fitted.
    X : (n_samples, n_features)
    y : (n_samples,)
    per : {"update", "epoch"}
        ``"epoch"`` records the weights the engine hands its callbacks after each epoch.
        ``"update"`` records them after every step that changed them, through the
        engine's ``fit(..., on_update=...)`` hook (the clone trains on the NumPy reference
        backend, the one that calls back per update): for the perceptron in ``online``
        mode, one frame per mistake.

    Returns
    -------
    Trace
    """
    from sklearn.base import clone

    if per not in ("update", "epoch"):
        raise ParameterError(f"per must be 'update' or 'epoch', got {per!r}")
    from .estimators import ESTIMATORS, AbstractNeuronEstimator

    if not isinstance(model, AbstractNeuronEstimator):
        known = ", ".join(cls.__name__ for cls in ESTIMATORS.values())
        raise ParameterError(
            f"cannot trace a {type(model).__name__}: trace_training knows neurona's {known}"
        )
    if model.closed_form:
        params = model.get_params()
        setting = ", ".join(f"{k}={params[k]!r}" for k in model.gradient_params)
        wanted = ", ".join(f"{k}={v!r}" for k, v in model.gradient_params.items())
        raise ParameterError(
            f"{setting} solves in closed form, so there is no path to trace; use {wanted}"
        )
    model = clone(model)
    user_callbacks = model.callbacks
    frames: list = []
    epochs: list[int] = []

    def record(epoch: int, coef: np.ndarray, intercept: np.ndarray) -> None:
        frames.append((np.array(coef), np.array(intercept)))
        epochs.append(epoch)

    def count_epoch(info: Any) -> None:
        if per == "epoch":
            record(info.epoch, info.coef, info.intercept)
        done.append(info.epoch)

    done: list[int] = [0]
    model.set_params(callbacks=[*(model.callbacks or ()), count_epoch])
    if per == "update":
        model.set_params(backend="auto", device=None)  # auto: a backend that calls back
        model.fit(X, y, on_update=lambda W, b: record(done[-1] + 1, W.T, b))
    else:
        model.fit(X, y)
    model.set_params(callbacks=user_callbacks)
    start = (
        np.zeros_like(np.atleast_2d(model.coef_)),
        np.zeros_like(np.atleast_1d(model.intercept_)),
    )
    coef = np.stack([start[0]] + [f[0] for f in frames])
    intercept = np.stack([start[1]] + [f[1] for f in frames])
    rows = _update_rows(X, coef, intercept) if per == "update" else None
    return Trace(coef, intercept, np.asarray([0, *epochs]), model, per, rows)


def _update_rows(X: Any, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    r"""The row behind each update: :math:`\Delta w / \Delta b` of a one-row step is the
    row itself; -1 where no row of ``X`` matches (a step over several rows)."""
    try:
        X = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError):
        return np.full(coef.shape[0], -1)
    rows = np.full(coef.shape[0], -1)
    if X.ndim != 2 or coef.shape[0] < 2:
        return rows
    dW = np.diff(coef.astype(np.float64), axis=0)  # (n_updates, n_outputs, n_features)
    db = np.diff(intercept.astype(np.float64), axis=0)  # (n_updates, n_outputs)
    scale = np.abs(X).max() if X.size else 1.0
    for k in range(dW.shape[0]):
        out = int(np.argmax(np.abs(db[k])))
        if db[k, out] == 0:
            continue
        x = dW[k, out] / db[k, out]
        dist = np.abs(X - x).max(axis=1)
        i = int(np.argmin(dist))
        if dist[i] <= 1e-6 * (1.0 + scale):
            rows[k + 1] = i
    return rows


# ---------------------------------------------------------------------------- animation


@dataclass(frozen=True)
class Animation:
    """What :func:`animate_training` wrote.

    Attributes
    ----------
    path : Path
    trace : Trace
        Every recorded frame.
    frames : (n_shown,)
        Indices into ``trace`` of the frames in the file, in order (all of them unless
        ``max_frames`` thinned them; the first and the last are always kept).
    lines : (n_shown, 3)
        For a binary classifier, the boundary :math:`a x + c y + d = 0` drawn in each frame
        (in the plotted plane), as rows ``(a, c, d)``; empty for other models.
    size : (width, height)
        Pixels of each frame.
    """

    path: Path
    trace: Trace
    frames: np.ndarray
    lines: np.ndarray
    size: tuple[int, int]


def _thin(n: int, max_frames: int | None) -> np.ndarray:
    if max_frames is None or n <= max_frames:
        return np.arange(n)
    if max_frames < 2:
        raise ParameterError(f"max_frames must be at least 2, got {max_frames}")
    return np.unique(np.linspace(0, n - 1, max_frames).round().astype(int))


def _plane_lines(trace: Trace, features, base: np.ndarray) -> np.ndarray:
    """``(a, c, d)`` per frame: the boundary restricted to the plotted plane."""
    i, j = features
    w, b = trace.coef[:, 0, :], trace.intercept[:, 0]
    d = b + w @ base - w[:, i] * base[i] - w[:, j] * base[j]
    return np.column_stack([w[:, i], w[:, j], d])


def _format(path: Path, fmt: str | None) -> str:
    fmt = (fmt or path.suffix.lstrip(".") or "gif").lower()
    if fmt not in ("gif", "mp4"):
        raise ParameterError(f"format must be 'gif' or 'mp4', got {fmt!r} (from {path.name})")
    if fmt == "mp4" and not ffmpeg_available():
        raise MissingDependencyError(
            "writing MP4 needs the ffmpeg program on PATH (apt-get install ffmpeg, or "
            "brew install ffmpeg); or write a GIF with format='gif'"
        )
    return fmt


def animate_training(
    model: Any,
    X: Any,
    y: Any,
    path: str | os.PathLike,
    *,
    per: str = "update",
    features: Sequence[int] | None = None,
    fixed: Mapping[int, float] | None = None,
    feature_names: Sequence[str] | None = None,
    fmt: str | None = None,
    fps: int = 8,
    max_frames: int | None = 300,
    dpi: int = 80,
    resolution: int = 150,
    lang: str = "en",
) -> Animation:
    r"""Write an animation of the boundary moving as ``model`` learns ``(X, y)``.

    Parameters
    ----------
    model : Perceptron, Adaline or LinearRegression
        A clone is fitted (see :func:`trace_training`). For a classifier each frame shows
        the regions and the line :math:`w \cdot x + b = 0` of that frame's weights; for a
        regression on one feature, the line :math:`\hat y = w x + b` over the data.
    X : (n_samples, n_features)
        An array or a table (its column names label the axes).
    y : (n_samples,)
    path : file to write; its suffix picks the format unless ``fmt`` is given
    per : {"update", "epoch"}
        One frame after every update, or after every epoch. Per update, the row whose
        step made the update is ringed and named in the title (:attr:`Trace.rows`).
    features, fixed, feature_names : as for :func:`decision_regions`
        With more than two features the held values are written under the axes.
    fmt : {"gif", "mp4"}, optional
        GIF through pillow; MP4 needs ffmpeg on PATH.
    max_frames : int or None
        Keep at most this many frames, evenly spaced (first and last always kept).
    lang : {"en", "es"}
        Language of the titles, the legend and the notes.

    Returns
    -------
    Animation
        The file, the full trace, the frames shown and their boundary lines.
    """
    path = Path(path)
    fmt = _format(path, fmt)
    words = _words(lang)
    names = _names(None, X, feature_names)
    X, y = untensor(X), untensor(y)
    trace = trace_training(model, X, y, per=per)
    X = np.asarray(X, dtype=np.float64)
    shown = _thin(trace.n_frames, max_frames)
    if _is_regressor(trace.model):
        scene = _regression_scene(trace, X, np.asarray(y, dtype=np.float64), words)
        lines = None
        scene.ax.set(xlabel=names[0] if names else "x1", ylabel="y")
    else:
        if X.ndim == 2:
            features, held = _choose_features(X.shape[1], features, fixed)
        else:
            features, held = (0, 1), {}
        scene = _classifier_scene(trace, X, np.asarray(y), features, held, resolution, words)
        lines = _plane_lines(trace, features, scene.base) if scene.binary else None
        _label_axes(scene.ax, features, names)
        _held_note(scene.ax, held_values_text(names, features, scene.base, held, lang))
    scene.ax.figure.set_dpi(dpi)
    frames = scene.render(shown)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        (_write_gif if fmt == "gif" else _write_mp4)(frames, tmp, fps)
    size = frames[0].size
    lines = lines[shown] if lines is not None else np.empty((0, 3))
    return Animation(path, trace, shown, lines, size)


def _is_regressor(model: Any) -> bool:
    return not hasattr(model, "classes_")


class _Scene:
    """A figure whose static parts are drawn once; each frame redraws the moving artists.

    The static background (axes, ticks, labels) is rendered and copied once; a frame
    restores it, updates the moving artists and draws only those (matplotlib blitting),
    then reads the pixels from ``buffer_rgba``.
    """

    def __init__(
        self,
        trace: Trace,
        ax,
        moving: list,
        update: Callable[[int], None],
        words: dict[str, str],
        points: np.ndarray | None = None,
    ):
        self.trace, self.ax, self.moving, self.update = trace, ax, moving, update
        self.words = words
        self.title = ax.figure.text(0.5, 0.985, "", ha="center", va="top", fontsize=10)
        self.moving.append(self.title)
        # the row that made the update: a ring around its point (``points``: its position
        # in the plotted plane, one per row of X)
        self.points = points
        (self.ring,) = ax.plot([], [], marker="o", markersize=16, markerfacecolor="none",
                               markeredgecolor="red", markeredgewidth=2.2, linestyle="none",
                               zorder=6)  # fmt: skip
        self.moving.append(self.ring)

    def render(self, frames: np.ndarray) -> list:
        from PIL import Image

        fig = self.ax.figure
        fig.tight_layout(rect=(0, 0, 1, 0.95))
        for artist in self.moving:
            artist.set_visible(False)
        fig.canvas.draw()
        background = fig.canvas.copy_from_bbox(fig.bbox)
        for artist in self.moving:
            artist.set_visible(True)
        images = []
        for k in frames:
            self._set(int(k))
            fig.canvas.restore_region(background)
            for artist in self.moving:
                fig.draw_artist(artist)
            rgba = np.asarray(fig.canvas.buffer_rgba())
            frame = Image.fromarray(np.ascontiguousarray(rgba[..., :3]))
            images.append(frame.quantize(colors=128, method=Image.Quantize.FASTOCTREE))
        return images

    def _set(self, k: int) -> None:
        self.update(k)
        n, w = self.trace.n_frames - 1, self.words
        if self.trace.per == "epoch":
            self.title.set_text(f"{w['epoch']} {k}/{n}")
            return
        title = f"{w['epoch']} {self.trace.epoch[k]} · {w['update']} {k}/{n}"
        row = -1 if self.trace.rows is None else int(self.trace.rows[k])
        if row >= 0 and self.points is not None:
            self.ring.set_data([self.points[row, 0]], [self.points[row, 1]])
            title += f" · {w['row']} {row}"
        else:
            self.ring.set_data([], [])
        self.title.set_text(title)


def _figure(figsize: tuple[float, float] = (6.4, 4.8), layout: str | None = None) -> Figure:
    """A figure on the Agg canvas, outside pyplot (no window, nothing to close)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout=layout)
    FigureCanvasAgg(fig)
    return fig


def _classifier_scene(trace, X, y, features, fixed, resolution, words) -> _Scene:
    X, y = _as_2d_data(X, y)
    model = trace.model
    base = _plane(X, features, fixed)
    xx, yy, G = _grid(X, features, base, resolution)
    classes = _classes(model, y)
    colors = class_colors(len(classes))
    ax = _figure((7.2, 4.8)).add_subplot()
    image = _regions_image(ax, xx, yy, np.zeros(xx.shape, dtype=int), colors)
    _scatter_classes(ax, X[:, list(features)], y, classes, colors)
    points = list(ax.collections)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    ax.legend(title=words["class"], loc="upper left", bbox_to_anchor=(1.01, 1.0))  # static
    binary = trace.coef.shape[1] == 1
    lines = _plane_lines(trace, features, base) if binary else np.empty((0, 3))
    (line,) = ax.plot([], [], color="black", linewidth=2)
    text = ax.text(
        0.02,
        0.02,
        "",
        transform=ax.transAxes,
        fontsize=8,
        family="monospace",
        bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"},
    )
    pos = _class_index(model.classes_, classes)

    def update(k: int) -> None:
        Z = G @ trace.coef[k].T + trace.intercept[k]
        idx = (Z[:, 0] > 0).astype(int) if binary else Z.argmax(axis=1)
        image.set_data(pos[idx].reshape(xx.shape))
        if binary:
            seg = boundary_segment(lines[k, :2], lines[k, 2], ax.get_xlim(), ax.get_ylim())
            line.set_data(*(zip(*seg, strict=True) if seg else ([], [])))
            a, c, d = lines[k]
            where = "" if seg else f"   ({words['outside']})"
            text.set_text(f"w = ({a:+.3g}, {c:+.3g})   b = {d:+.3g}{where}")
        else:
            text.set_text("")

    scene = _Scene(trace, ax, [image, *points, line, text], update, words,
                   X[:, list(features)])  # fmt: skip
    scene.base, scene.binary = base, binary
    return scene


def _regression_scene(trace: Trace, X: np.ndarray, y: np.ndarray, words) -> _Scene:
    if X.ndim != 2 or X.shape[1] != 1:
        raise DataError(
            f"X has shape {X.shape}; a regression animation draws one feature: pass X as "
            "(n_samples, 1)"
        )
    ax = _figure().add_subplot()
    ax.scatter(X[:, 0], y, s=16, color="tab:blue", edgecolor="black", linewidth=0.4)
    xs = np.linspace(X.min(), X.max(), 2)
    (line,) = ax.plot([], [], color="tab:red", linewidth=2)
    pad = 0.1 * float(np.ptp(y)) or 1.0
    ax.set_ylim(y.min() - pad, y.max() + pad)
    text = ax.text(0.02, 0.95, "", transform=ax.transAxes, fontsize=8, family="monospace")

    def update(k: int) -> None:
        w, b = trace.coef[k, 0, 0], trace.intercept[k, 0]
        line.set_data(xs, xs * w + b)
        text.set_text(f"w = {w:+.4g}   b = {b:+.4g}")

    return _Scene(trace, ax, [line, text], update, words, np.column_stack([X[:, 0], y]))


def _write_gif(frames: list, path: Path, fps: int) -> None:
    """All frames into one looping GIF (each frame keeps its own 128-colour palette)."""
    frames[0].save(
        path,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=max(int(1000 / fps), 20),
        loop=0,
    )


def _write_mp4(frames: list, path: Path, fps: int) -> None:
    """Frames piped to ffmpeg as raw RGB (H.264, yuv420p, even width and height)."""
    import subprocess

    w, h = frames[0].size
    cmd = [
        shutil.which("ffmpeg") or "ffmpeg",
        "-y",
        "-loglevel",
        "error",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-s",
        f"{w}x{h}",
        "-r",
        str(fps),
        "-i",
        "-",
        "-vf",
        "pad=ceil(iw/2)*2:ceil(ih/2)*2",
        "-vcodec",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "-f",
        "mp4",
        str(path),
    ]
    with subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        for frame in frames:
            proc.stdin.write(frame.convert("RGB").tobytes())
        _, err = proc.communicate()
    if proc.returncode != 0:
        raise MissingDependencyError(
            f"ffmpeg could not write {path.name}: {err.decode(errors='replace').strip()}; "
            "write a GIF with format='gif' instead"
        )


def _regions_image(ax, xx: np.ndarray, yy: np.ndarray, region: np.ndarray, colors):
    """The class of each grid cell as an image (colour k for class k; -1 blank)."""
    from matplotlib.colors import BoundaryNorm, ListedColormap

    n = len(colors)
    cmap = ListedColormap(colors).with_extremes(under=(1.0, 1.0, 1.0, 0.0))
    norm = BoundaryNorm(np.arange(-0.5, n), n)
    dx, dy = (xx[0, 1] - xx[0, 0]) / 2, (yy[1, 0] - yy[0, 0]) / 2
    extent = (xx.min() - dx, xx.max() + dx, yy.min() - dy, yy.max() + dy)
    return ax.imshow(
        region,
        origin="lower",
        extent=extent,
        cmap=cmap,
        norm=norm,
        alpha=0.25,
        interpolation="nearest",
        aspect="auto",
        zorder=0,
    )


def save_figure(fig: Figure, path: str | os.PathLike, *, dpi: int = 100) -> Path:
    """Save ``fig`` to ``path`` atomically (a temporary file renamed into place)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=dpi, format=path.suffix.lstrip(".") or "png")
    return path


def ffmpeg_available() -> bool:
    """Whether MP4 animations can be written (ffmpeg on PATH)."""
    return shutil.which("ffmpeg") is not None


# ------------------------------------------------------------------------- loss surface


def gd_paths(X: np.ndarray, lang: str = "en") -> dict[str, Any]:
    r"""Batch GD, minibatch (k = 8) and SGD models for a one-feature regression on ``X``.

    Batch and minibatch use :math:`\eta = 1 / \lambda_{max}` of the Hessian of the mean
    loss; SGD uses ``learning_rate="auto"``. Unfitted; :func:`loss_surface` traces them.
    """
    from .estimators import LinearRegression

    # batch: η = 1 / λ_max of the Hessian [[mean x², mean x], [mean x, 1]] of the mean loss
    x = X[:, 0]
    hessian = np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    eta = 1.0 / float(np.linalg.eigvalsh(hessian)[-1])
    common = {"solver": "gd", "random_state": 0}
    w = _words(lang)
    return {
        w["batch GD"]: LinearRegression(mode="batch", learning_rate=eta, epochs=150, **common),
        w["minibatch (k=8)"]: LinearRegression(
            mode="minibatch", batch_size=8, learning_rate=eta, epochs=20, shuffle=True, **common
        ),
        w["SGD (online, shuffled)"]: LinearRegression(
            mode="online", learning_rate="auto", epochs=5, shuffle=True, **common
        ),
    }


def loss_surface(
    X: Any,
    y: Any,
    paths: Mapping[str, Any] | None = None,
    *,
    ax: Axes | None = None,
    resolution: int = 200,
    lang: str = "en",
) -> Axes:
    r"""Contours of :math:`L(w, b) = \frac{1}{2n}\sum_i (y_i - w x_i - b)^2` and GD paths.

    Parameters
    ----------
    X : (n_samples, 1)
        One feature, so the parameters are the two numbers :math:`(w, b)`.
    y : (n_samples,)
    paths : mapping label -> LinearRegression(solver="gd", ...), optional
        Each is traced update by update (:func:`trace_training`) from :math:`(0, 0)`.
        Default: batch gradient descent, minibatch (k = 8) and SGD (online, shuffled).
    lang : {"en", "es"}
        Language of the legend.

    Returns
    -------
    matplotlib.axes.Axes
        The minimum from the normal equations is marked with a star.
    """
    from .solvers import fit_least_squares

    X = np.asarray(untensor(X), dtype=np.float64)
    y = np.asarray(untensor(y), dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 1 or y.shape != (X.shape[0],):
        raise DataError(
            f"X has shape {X.shape} and y {y.shape}; the loss surface needs one feature: "
            "X as (n_samples, 1) and y as (n_samples,)"
        )
    coef, intercept = fit_least_squares(X, y[:, None])
    best = np.array([coef[0, 0], intercept[0]])
    words = _words(lang)
    traces = {k: trace_training(m, X, y) for k, m in (paths or gd_paths(X, lang)).items()}
    pts = np.vstack(
        [best, [0.0, 0.0]] + [np.c_[t.coef[:, 0, 0], t.intercept[:, 0]] for t in traces.values()]
    )
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.maximum(hi - lo, 1e-3)
    ws = np.linspace(lo[0] - 0.15 * span[0], hi[0] + 0.15 * span[0], resolution)
    bs = np.linspace(lo[1] - 0.15 * span[1], hi[1] + 0.15 * span[1], resolution)
    WW, BB = np.meshgrid(ws, bs)
    R = y[None, None, :] - WW[..., None] * X[:, 0] - BB[..., None]
    L = 0.5 * np.mean(R**2, axis=-1)
    ax = _axes(ax)
    levels = np.geomspace(max(L.min(), 1e-12), L.max(), 25)
    ax.contour(WW, BB, L, levels=levels, cmap="viridis", linewidths=0.8)
    for k, (label, t) in enumerate(traces.items()):
        w, b = t.coef[:, 0, 0], t.intercept[:, 0]
        ax.plot(
            w,
            b,
            marker=_MARKERS[k % len(_MARKERS)],
            markersize=2.5,
            linewidth=1,
            label=f"{label} ({t.n_frames - 1} {words['updates']})",
        )
    ax.plot(
        *best,
        marker="*",
        color="red",
        markersize=14,
        linestyle="none",
        label=words["normal"],
        zorder=4,
    )
    ax.plot(0, 0, marker="o", color="black", markersize=5, linestyle="none", label=words["start"])
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.legend(loc="best", fontsize=8)
    return ax


# ------------------------------------------------------------------- timing and calculus


def vectorization_timings(
    records: Sequence[Any],
    *,
    ax: Axes | None = None,
    lang: str = "en",
    names: Mapping[str, str] | None = None,
) -> Axes:
    """The vectorization experiment (:mod:`neurona.bench` records) as horizontal bars.

    Parameters
    ----------
    records : sequence of neurona.bench.Timing
        One bar per method (median seconds per call, log scale, the run-to-run spread as an
        error bar), labelled with its speed-up over the first record.
    lang : {"en", "es"}
        Language of the axis label and title.
    names : mapping method -> label, optional
        How to show each record's ``method`` (e.g. translated); default the method itself.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not records:
        raise DataError("no timings to draw: pass the records of neurona.bench")
    ax = _axes(ax)
    words = _words(lang)
    labels = [(names or {}).get(r.method, r.method) for r in records]
    medians = np.array([r.median for r in records])
    spreads = np.array([r.spread for r in records])
    ypos = np.arange(len(records))[::-1]
    colors = class_colors(len(records))
    ax.barh(
        ypos,
        medians,
        xerr=np.minimum(spreads, medians * 0.999),
        color=colors,
        edgecolor="black",
        linewidth=0.5,
    )
    ax.set_yticks(ypos, labels)
    ax.set_xscale("log")
    for yk, r in zip(ypos, records, strict=True):
        ax.text(
            (r.median + min(r.spread, r.median)) * 1.15,
            yk,
            f"{_seconds(r.median)}  ×{_ratio(r.speedup)}",
            va="center",
            fontsize=8,
        )
    ax.set_xlim(medians.min() / 3, medians.max() * 30)
    ax.set_xlabel(words["seconds"])
    first = records[0]
    task = (names or {}).get(first.task, first.task)
    ax.set_title(f"{task}, {words['size']} {first.size:,}")
    return ax


def _ratio(r: float) -> str:
    return f"{r:,.0f}" if r >= 10 else f"{r:.2g}"


def _seconds(s: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def derivative_error(
    h: Any,
    errors: Mapping[str, Any],
    *,
    ax: Axes | None = None,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    r"""Error of numerical derivatives against the step size :math:`h`, log-log.

    Parameters
    ----------
    h : (n_steps,)
        Step sizes.
    errors : mapping label -> (n_steps,)
        Absolute errors of each difference quotient (e.g. forward
        :math:`(f(x+h) - f(x))/h`, error :math:`O(h)`, and central, :math:`O(h^2)`); the
        rounding error :math:`O(\epsilon / h)` makes every curve rise again for small h.

    Returns
    -------
    matplotlib.axes.Axes
    """
    h = np.asarray(h, dtype=np.float64)
    ax = _axes(ax)
    for k, (label, err) in enumerate(errors.items()):
        err = np.asarray(err, dtype=np.float64)
        keep = err > 0
        ax.loglog(
            h[keep], err[keep], marker=_MARKERS[k % len(_MARKERS)], markersize=3, label=label
        )
        best = int(np.argmin(np.where(keep, err, np.inf)))
        ax.annotate(
            f"h={h[best]:.0e}",
            (h[best], err[best]),
            textcoords="offset points",
            xytext=(0, -12),
            ha="center",
            fontsize=7,
        )
    words = _words(lang)
    ax.set_xlabel(words["step"])
    ax.set_ylabel(words["abs_error"])
    ax.grid(alpha=0.3, which="both")
    ax.legend(loc="best")
    if title:
        ax.set_title(title)
    return ax
