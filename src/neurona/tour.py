"""The lecture, replayed on this machine as one self-contained HTML page.

:func:`run_tour` runs each section of lecture 02 in order — McCulloch–Pitts gates and their
truth tables; the perceptron on iris with both rules and its animation; the vectorization
timings of this machine; the four training modes; normal equations against gradient
descent; derivatives and the gradient of :math:`f(x, y) = x^2 y + y`; ADALINE — and writes
``DIR/index.html`` with every figure embedded (base64 PNG and GIF: one file, no network).
Titles and text are English or Spanish (the lecture's own section names, see
:mod:`neurona._tour_text`). A section whose module is missing from the installation says
so instead of failing.

Examples
--------
>>> import tempfile
>>> from neurona.tour import run_tour
>>> report = run_tour(tempfile.mkdtemp(), lang="es", sections=["gates"])
>>> [s.title for s in report.sections], report.path.name
(['Modelo de Neurona de McCulloch Pitts'], 'index.html')
"""

from __future__ import annotations

import base64
import html
import io
import os
import platform
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ._atomic import atomic_write, removed_on_termination
from ._tour_text import LANGUAGES, TEXT
from .errors import ParameterError

_EN = TEXT["en"]

__all__ = ["SECTIONS", "Section", "TourReport", "run_tour"]

#: section keys, in the lecture's order
SECTIONS = (
    "gates",
    "rosenblatt",
    "vectorization",
    "modes",
    "regression",
    "derivatives",
    "gradient",
    "widrow-hoff",
)


@dataclass(frozen=True)
class Section:
    """One section of the report: its key, title, HTML body and how long it took."""

    key: str
    title: str
    body: str
    seconds: float
    missing: str | None = None


@dataclass(frozen=True)
class TourReport:
    """What :func:`run_tour` wrote."""

    path: Path
    lang: str
    sections: tuple[Section, ...]
    seconds: float


@dataclass
class _Context:
    text: dict[str, str]
    quick: bool
    workdir: Path
    lang: str = "en"

    def t(self, key: str, **fields: Any) -> str:
        return self.text[key].format(**fields) if fields else self.text[key]

    def features(self, names: Sequence[str]) -> list[str]:
        """Feature names as the page's language writes them (``sepal_length`` ...)."""
        return [self.text.get(f"f_{n}", n) for n in names]

    def method(self, name: str) -> str:
        """A timing method or task (``for loop``, ``lecture class (numpy)``) in words."""
        for key in ("for_loop", "generator", "lecture_class", "word_online"):
            name = name.replace(_EN[key], self.t(key))
        return {"dot": self.t("task_dot"), "perceptron epoch": self.t("task_epoch")}.get(
            name, name
        )

    def formula(self, text: str) -> str:
        """A neuron's formula with its words (``if``, ``else``) in the page's language."""
        return text.replace(" if ", f" {self.t('if')} ").replace(" else ", f" {self.t('else')} ")


# ----------------------------------------------------------------------------- HTML bits


def _esc(value: Any) -> str:
    return html.escape(str(value))


def _png(fig, dpi: int = 80) -> str:
    """The figure as a ``data:`` URI (PNG)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _figure(uri: str, caption: str, alt: str = "") -> str:
    return (
        f'<figure><img src="{uri}" alt="{_esc(alt or caption)}">'
        f"<figcaption>{_esc(caption)}</figcaption></figure>"
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _p(text: str) -> str:
    return f"<p>{_esc(text)}</p>"


def _vec(v: Any, digits: int = 4) -> str:
    return "(" + ", ".join(f"{float(x):.{digits}g}" for x in np.ravel(v)) + ")"


def _subplots(n: int, width: float = 5.0, height: float = 3.8):
    """A row of ``n`` axes on an Agg figure outside pyplot (no window, nothing to close)."""
    from .plot import _figure

    fig = _figure((width * n, height), layout="constrained")
    return fig, np.atleast_1d(fig.subplots(1, n))


# ------------------------------------------------------------------------------ sections


def _gates(ctx: _Context) -> str:
    from . import logic

    tables = []
    for name in ("AND", "OR", "NOT", "XOR"):
        gate = getattr(logic, name)
        rows = logic.truth_table(gate, gate.n_inputs)
        header = [f"x_{j + 1}" for j in range(gate.n_inputs)] + ["Out"]
        tables.append(f"<div><h4>{name}</h4>{_table(header, rows)}</div>")
    found = []
    for name in ("AND", "OR", "NAND", "NOR", "XOR"):
        outputs = [row[-1] for row in logic.truth_table(getattr(logic, name), 2)]
        unit = logic.find_unit(outputs)
        described = f"w = {unit.weights}, θ = {unit.threshold}" if unit else ctx.t("no_unit")
        found.append((name, "".join(map(str, outputs)), described))
    witness = logic.why_no_unit([0, 1, 1, 0])
    return "".join(
        [
            _p(ctx.t("gates_intro")),
            f'<div class="row">{"".join(tables)}</div>',
            _p(ctx.t("gates_found")),
            _table([ctx.t("gate"), ctx.t("outputs"), ctx.t("unit")], found),
            _p(ctx.t("xor_two_layers")),
            _p(ctx.t("why_xor")) + f"<pre>{_esc(witness.text(ctx.lang) if witness else '')}</pre>",
            _figure(_png(_gates_figure(logic)), ctx.t("gates_fig")),
        ]
    )


def _gates_figure(logic):
    from .plot import boundary_segment, class_colors

    fig, axes = _subplots(3, 3.2, 3.2)
    colors = class_colors(2)
    X = np.array(logic.inputs(2), dtype=float)
    for ax, name in zip(axes, ("AND", "OR", "XOR"), strict=True):
        out = np.array([logic.XOR(x) if name == "XOR" else getattr(logic, name)(x) for x in X])
        units = [logic.OR, logic.NAND] if name == "XOR" else [getattr(logic, name)]
        for unit in units:
            # whole-number weights: w·x = θ − ½ lies between the sums that fire and the rest
            seg = boundary_segment(unit.weights, 0.5 - unit.threshold, (-0.5, 1.5), (-0.5, 1.5))
            if seg:
                ax.plot(*zip(*seg, strict=True), color="black", linestyle="--", linewidth=1)
        for k in (0, 1):
            ax.scatter(
                *X[out == k].T,
                s=120,
                color=colors[k],
                edgecolor="black",
                label=f"Out = {k}",
                zorder=3,
            )
        ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), title=name, xlabel="x_1", ylabel="x_2")
        ax.set_aspect("equal")
    axes[0].legend(loc="upper left", fontsize=8)
    return fig


def _perceptron(ctx: _Context) -> str:
    from . import plot
    from .data import load_dataset
    from .estimators import Perceptron
    from .separability import check_separability

    iris = load_dataset("iris-2")
    X, y, names = iris.X, iris.y, ctx.features(iris.feature_names)
    models = {r: Perceptron(rule=r, epochs=20).fit(X, y) for r in ("margin", "error")}
    rule = {r: f"{ctx.t('rule')} = {ctx.t('rule_' + r)}" for r in models}
    rows = [
        (
            ctx.t("rule_" + r),
            m.n_iter_,
            " ".join(map(str, m.history_["updates"])),
            _vec(m.coef_),
            f"{m.intercept_[0]:.4g}",
            f"{m.score(X, y):.3f}",
        )
        for r, m in models.items()
    ]
    sep = check_separability(X, y)
    updates = sum(models["margin"].history_["updates"])
    fig, axes = _subplots(2, 4.6, 3.6)
    for ax, (r, m) in zip(axes, models.items(), strict=True):
        plot.decision_regions(m, X, y, ax=ax, feature_names=names, resolution=200, lang=ctx.lang)
        ax.set_title(rule[r])
    regions = _png(fig)
    fig, axes = _subplots(1, 5.5, 3.2)
    plot.learning_curves(
        {rule[r]: m for r, m in models.items()}, metric="updates", ax=axes[0], lang=ctx.lang
    )
    axes[0].set(xlabel=ctx.t("epoch_axis"), ylabel=ctx.t("updates_per_epoch"))
    curves = _png(fig)
    anim = plot.animate_training(
        Perceptron(epochs=20),
        X,
        y,
        ctx.workdir / "perceptron.gif",
        feature_names=names,
        fps=3,
        dpi=72,
        lang=ctx.lang,
    )
    fitted = anim.trace.model
    same = np.array_equal(anim.lines[-1], [*fitted.coef_[0], fitted.intercept_[0]])
    gif = "data:image/gif;base64," + base64.b64encode(anim.path.read_bytes()).decode("ascii")
    caption = ctx.t(
        "animation",
        frames=len(anim.frames),
        w=_vec(fitted.coef_),
        b=f"{fitted.intercept_[0]:.4g}",
        same=ctx.t("same_yes") if same else ctx.t("same_no"),
    )
    header = [
        ctx.t(k) for k in ("rule", "epochs", "updates_per_epoch", "weights", "bias", "accuracy")
    ]
    return "".join(
        [
            _p(ctx.t("perceptron_intro")),
            _table(header, rows),
            _p(
                ctx.t(
                    "separable",
                    margin=sep.margin,
                    radius=sep.radius,
                    bound=sep.mistake_bound,
                    updates=updates,
                )
            ),
            _figure(regions, ctx.t("regions_fig")),
            _figure(curves, ctx.t("updates_fig")),
            _figure(gif, caption),
        ]
    )


def _vectorization(ctx: _Context) -> str:
    from . import bench, plot

    n, (rows, m) = (20_000, (500, 10)) if ctx.quick else (1_000_000, (5_000, 50))
    repeat, min_run = (3, 0.0) if ctx.quick else (5, 0.05)
    dot = bench.dot_experiment(n, repeat=repeat, min_run=min_run)
    epoch = bench.epoch_experiment(rows, m, repeat=repeat, min_run=min_run)
    fig, axes = _subplots(2, 5.6, 3.4)
    labels = {r.method: ctx.method(r.method) for r in [*dot, *epoch]}
    labels |= {r.task: ctx.method(r.task) for r in (dot[0], epoch[0])}
    plot.vectorization_timings(dot, ax=axes[0], lang=ctx.lang, names=labels)
    plot.vectorization_timings(epoch, ax=axes[1], lang=ctx.lang, names=labels)
    header = [ctx.t(k) for k in ("method", "median", "spread", "speedup", "load")]
    cpus = os.cpu_count() or 1
    parts = [_p(ctx.t("vectorization_intro")), _p(ctx.t("single_thread", cpus=cpus))]
    for records, caption in (
        (dot, ctx.t("dot_caption", n=n)),
        (epoch, ctx.t("epoch_caption", n=rows, m=m)),
    ):
        table = [
            (
                labels[r.method],
                plot._seconds(r.median),
                plot._seconds(r.spread),
                f"×{plot._ratio(r.speedup)}",
                "—" if r.load is None else f"{r.load:.2f}",
            )
            for r in records
        ]
        parts += [f"<h4>{_esc(caption)}</h4>", _table(header, table)]
    parts.append(
        _figure(_png(fig), ctx.t("dot_caption", n=n) + " " + ctx.t("epoch_caption", n=rows, m=m))
    )
    loads = [r.load for r in [*dot, *epoch] if r.load is not None]
    if loads and max(loads) > cpus:
        parts.append(_p(ctx.t("busy", load=max(loads), cpus=cpus)))
    parts += [_p(ctx.t("blas", blas=_blas(ctx))), _p(ctx.t("noisy"))]
    env = [v for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if v in os.environ]
    if env:
        parts.append(_p(ctx.t("blas_env", vars=", ".join(env))))
    return "".join(parts)


def _blas(ctx: _Context) -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return ctx.t("blas_unknown")
    libs = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return "; ".join(
        f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')}, "
        f"{i.get('num_threads')} {ctx.t('threads')})"
        for i in libs
    ) or ctx.t("blas_none")


def _standardised_diabetes() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_diabetes

    data = load_diabetes()
    X = (data.data - data.data.mean(axis=0)) / data.data.std(axis=0)
    return X, data.target.astype(np.float64)


def _modes(ctx: _Context) -> str:
    from . import plot
    from .estimators import LinearRegression
    from .modes import MODES

    X, y = _standardised_diabetes()
    epochs, k = (8 if ctx.quick else 30), 32
    best = LinearRegression().fit(X, y)
    best_loss = 0.5 * float(np.mean((best.predict(X) - y) ** 2))
    # multi-row steps (mean of the rows) take η = 1/λ_max of the Hessian of the mean loss;
    # one-row steps take "auto", 1/max‖(x, 1)‖², which no single row can overshoot
    A = np.hstack([X, np.ones((len(X), 1))])
    eta = 1.0 / float(np.linalg.eigvalsh(A.T @ A / len(X))[-1])
    runs, rows, parts = {}, [], [_p(ctx.t("modes_intro", epochs=epochs))]
    for name, mode in MODES.items():
        key = "mode_" + name
        step = mode.rows(len(y), k)
        model = LinearRegression(
            solver="gd",
            mode=name,
            epochs=epochs,
            batch_size=k,
            learning_rate=eta if step > 1 else "auto",
            random_state=0,
        ).fit(X, y)
        title = ctx.t(key) if key in ctx.text else name
        runs[title] = model
        loss = 0.5 * float(np.mean((model.predict(X) - y) ** 2))
        per_epoch = -(-len(y) // step)
        rows.append(
            (
                title,
                f"{model.learning_rate_:.3g}",
                per_epoch,
                f"{loss:.2f}",
                f"{loss - best_loss:.3g}",
            )
        )
        text = ctx.t(key + "_text", k=k) if key in ctx.text else mode.description
        parts.append(f"<h3>{_esc(title)}</h3>" + _p(text))
    fig, axes = _subplots(1, 6.4, 3.8)
    plot.learning_curves(runs, ax=axes[0], logy=True, lang=ctx.lang)
    axes[0].set(xlabel=ctx.t("epoch_axis"), ylabel=ctx.t("loss"))
    axes[0].axhline(best_loss, color="black", linestyle="--", linewidth=1)
    header = [ctx.t("mode"), "η", *(ctx.t(c) for c in ("updates_epoch", "final_loss", "gap"))]
    parts += [_table(header, rows), _figure(_png(fig), ctx.t("modes_fig"))]
    return "".join(parts)


def _regression(ctx: _Context) -> str:
    from . import plot
    from .estimators import LinearRegression

    n = 60
    rng = np.random.default_rng(0)
    X = rng.uniform(0.0, 4.0, (n, 1))
    y = 2.0 * X[:, 0] - 1.0 + rng.normal(0.0, 0.5, n)
    A = np.hstack([np.ones((n, 1)), X])  # the lecture's design matrix, bias first
    b_lecture, w_lecture = np.linalg.inv(A.T @ A) @ A.T @ y

    def loss(w: float, b: float) -> str:
        return f"{0.5 * np.mean((y - w * X[:, 0] - b) ** 2):.5f}"

    exact = LinearRegression().fit(X, y)
    rows = [
        (
            ctx.t("normal_equations"),
            f"{exact.coef_[0]:.5f}",
            f"{exact.intercept_:.5f}",
            loss(exact.coef_[0], exact.intercept_),
            1,
        ),
        (
            ctx.t("normal_lecture"),
            f"{w_lecture:.5f}",
            f"{b_lecture:.5f}",
            loss(w_lecture, b_lecture),
            1,
        ),
    ]
    for label, model in plot.gd_paths(X, ctx.lang).items():
        trace = plot.trace_training(model, X, y)
        w, b = trace.coef[-1, 0, 0], trace.intercept[-1, 0]
        rows.append((label, f"{w:.5f}", f"{b:.5f}", loss(w, b), trace.n_frames - 1))
    fig, axes = _subplots(1, 6.4, 4.4)
    plot.loss_surface(X, y, ax=axes[0], lang=ctx.lang)
    header = [ctx.t("method"), "w", "b", ctx.t("loss"), ctx.t("steps")]
    return "".join(
        [
            _p(ctx.t("regression_intro", n=n)),
            _table(header, rows),
            f"<h3>{_esc(ctx.t('gd'))}</h3>",
            _figure(_png(fig), ctx.t("surface_fig")),
        ]
    )


def _derivatives(ctx: _Context) -> str:
    from . import plot
    from .calculus import step_size_errors

    errors = step_size_errors(np.exp, np.exp, 1.0)
    fig, axes = _subplots(1, 6.0, 3.6)
    plot.derivative_error(
        errors.steps,
        {ctx.t("forward_label"): errors.forward, ctx.t("central_label"): errors.central},
        ax=axes[0],
        title="f = exp, w = 1",
        lang=ctx.lang,
    )
    intro = ctx.t("derivatives_intro", fwd=errors.best_forward, ctr=errors.best_central)
    return _p(intro) + _figure(_png(fig), ctx.t("derivatives_fig"))


def _f(v: np.ndarray) -> float:
    """The lecture's example, f(x, y) = x²y + y."""
    return v[0] ** 2 * v[1] + v[1]


def _grad_f(v: np.ndarray) -> np.ndarray:
    return np.array([2 * v[0] * v[1], v[0] ** 2 + 1])


def _gradient(ctx: _Context) -> str:
    from .calculus import check_gradient, gradient

    rows = []
    for point in ([3.0, 2.0], [1.0, -1.0], [-0.5, 4.0], [2.5, 0.0]):
        numeric = gradient(_f, point)
        check = check_gradient(_f, _grad_f, point)
        rows.append(
            (
                _vec(point),
                _vec(_grad_f(np.array(point)), 8),
                _vec(numeric, 12),
                f"{check.max_rel_error:.1e}",
                "✓" if check.passed else "✗",
            )
        )
    header = [ctx.t(k) for k in ("point", "formula", "numerical", "error", "check")]
    return (
        _p(ctx.t("gradient_intro"))
        + _table(header, rows)
        + _figure(_png(_gradient_figure()), ctx.t("gradient_fig"))
    )


def _gradient_figure():
    fig, axes = _subplots(1, 5.0, 4.0)
    ax = axes[0]
    xs, ys = np.meshgrid(np.linspace(-2, 2, 101), np.linspace(-2, 2, 101))
    contours = ax.contour(xs, ys, xs**2 * ys + ys, levels=15, cmap="coolwarm", linewidths=0.8)
    ax.clabel(contours, fontsize=6)
    qx, qy = np.meshgrid(np.linspace(-2, 2, 11), np.linspace(-2, 2, 11))
    ax.quiver(qx, qy, 2 * qx * qy, qx**2 + 1, angles="xy", color="black", alpha=0.7)
    ax.set(xlabel="x", ylabel="y", title="f(x, y) = x²y + y,  ∇f = [2xy, x² + 1]")
    ax.set_aspect("equal")
    return fig


def _adaline(ctx: _Context) -> str:
    from . import plot
    from .data import load_dataset
    from .estimators import Adaline

    iris = load_dataset("iris-2")
    X, y = iris.X, iris.y
    names = [ctx.text.get(f"fs_{n}", n) for n in iris.feature_names]  # standardised units
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    models = {
        ctx.t("adaline_batch"): Adaline(mode="batch", learning_rate=0.1, epochs=30),
        ctx.t("adaline_online"): Adaline(mode="online", epochs=30),
        ctx.t("adaline_normal"): Adaline(solver="normal"),
    }
    for model in models.values():
        model.fit(Xs, y)
    rows = [
        (name, _vec(m.coef_), f"{m.intercept_[0]:.4g}", f"{m.score(Xs, y):.3f}")
        for name, m in models.items()
    ]
    fig, axes = _subplots(2, 4.8, 3.6)
    first = next(iter(models.values()))
    plot.decision_regions(
        first, Xs, y, ax=axes[0], feature_names=names, resolution=200, lang=ctx.lang
    )
    axes[0].set_title(next(iter(models)))
    gd = {k: m for k, m in models.items() if m.n_iter_ > 1}  # the closed form has no path
    plot.learning_curves(gd, ax=axes[1], logy=True, lang=ctx.lang)
    axes[1].set(xlabel=ctx.t("epoch_axis"), ylabel=ctx.t("loss"))
    header = [ctx.t(k) for k in ("model", "weights", "bias", "accuracy")]
    return (
        _p(ctx.t("adaline_intro"))
        + _table(header, rows)
        + _figure(_png(fig), ctx.t("adaline_fig"))
        + _p(ctx.t("neurons_intro"))
        + _neurons_table(ctx, Xs, y)
    )


def _neurons_table(ctx: _Context, X: np.ndarray, y: np.ndarray) -> str:
    """Every registered classifier, trained by gradient steps on the same data: its neuron's
    σ_fit and loss beside what it learned (read from the registries alone)."""
    from sklearn.base import is_classifier

    from .estimators import ESTIMATORS

    rows = []
    for cls in ESTIMATORS.values():
        if not is_classifier(cls()):
            continue
        model = cls(epochs=30, **cls.gradient_params)
        with warnings.catch_warnings():  # a non-converged perceptron says so: not news here
            warnings.simplefilter("ignore")
            model.fit(X, y)
        neuron = model.neuron
        rows.append((cls.__name__, ctx.formula(neuron.sigma), ctx.formula(neuron.loss_formula),
                     _vec(model.coef_),
                     f"{model.intercept_[0]:.4g}", f"{model.score(X, y):.3f}"))  # fmt: skip
    header = [ctx.t(k) for k in ("model", "sigma_fit", "loss", "weights", "bias", "accuracy")]
    return _table(header, rows)


_RUNNERS: dict[str, Callable[[_Context], str]] = {
    "gates": _gates,
    "rosenblatt": _perceptron,
    "vectorization": _vectorization,
    "modes": _modes,
    "regression": _regression,
    "derivatives": _derivatives,
    "gradient": _gradient,
    "widrow-hoff": _adaline,
}


# --------------------------------------------------------------------------------- page


def _run_section(key: str, ctx: _Context) -> Section:
    """One section; the lecture's row order is meant here, so sorted rows are not warned."""
    from .errors import SortedDataWarning

    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SortedDataWarning)
            body, missing = _RUNNERS[key](ctx), None
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("neurona"):
            raise
        missing = exc.name
        body = f"<p class='missing'>{ctx.t('missing', module=_esc(missing))}</p>"
    return Section(key, ctx.t(key), body, time.perf_counter() - start, missing)


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.7em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}th{background:#f3f3f3}
figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}
figcaption{font-size:.85em;color:#555}.row{display:flex;gap:1.5em;flex-wrap:wrap}
pre{background:#f7f7f7;padding:.6em;white-space:pre-wrap}.missing{color:#a40}
nav ol{columns:2}small{color:#666}
"""


def _machine() -> str:
    import matplotlib
    import sklearn

    from . import __version__

    return (
        f"Python {platform.python_version()} · numpy {np.__version__} · scikit-learn "
        f"{sklearn.__version__} · matplotlib {matplotlib.__version__} · neurona {__version__}"
        f" · {platform.machine()} · {os.cpu_count()} CPUs · "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


def _page(ctx: _Context, lang: str, sections: Sequence[Section], total: float) -> str:
    from . import __version__

    nav = "".join(f'<li><a href="#{s.key}">{_esc(s.title)}</a></li>' for s in sections)
    body = "".join(
        f'<section id="{s.key}"><h2>{_esc(s.title)}</h2>{s.body}</section>' for s in sections
    )
    timing_rows = [(s.title, f"{s.seconds:.1f}") for s in sections]
    timing_rows.append((ctx.t("total"), f"{total:.1f}"))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(ctx.t('page_title'))}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_esc(ctx.t('page_title'))}</h1>"
        f"{_p(ctx.t('intro', version=__version__))}"
        f"<p><small>{_esc(ctx.t('machine'))}: {_esc(_machine())}</small></p>"
        + (_p(ctx.t("quick")) if ctx.quick else "")
        + f"<nav><h2>{_esc(ctx.t('contents'))}</h2><ol>{nav}</ol></nav>{body}"
        f"<section id='timings'><h2>{_esc(ctx.t('timings'))}</h2>"
        f"{_table([ctx.t('section'), ctx.t('seconds')], timing_rows)}</section>"
        "</body></html>"
    )


def run_tour(
    out: str | os.PathLike = "neurona-tour",
    *,
    lang: str = "en",
    quick: bool = False,
    sections: Sequence[str] = SECTIONS,
    progress: Callable[[int, str, float | None], object] | None = None,
) -> TourReport:
    """Run the lecture's sections in order and write ``out/index.html``.

    Parameters
    ----------
    out : folder
        Created if needed; ``index.html`` is written into it (atomically).
    lang : {"en", "es"}
        English, or Spanish with the lecture's own section names.
    quick : bool
        Smaller timing sizes and fewer epochs (for tests and slow machines).
    sections : subset of SECTIONS
        Which sections to run (default: all, in the lecture's order).
    progress : callable, optional
        ``progress(k, title, None)`` as section ``k`` (1-based, of ``len(SECTIONS)``)
        starts and ``progress(k, title, seconds)`` when it ends; the command line prints
        one line per section with it.

    Returns
    -------
    TourReport
        The page's path, its sections (with the seconds each took) and the total time.
    """
    if lang not in LANGUAGES:
        raise ParameterError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise ParameterError(f"unknown sections {unknown}; choose from {SECTIONS}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as work, removed_on_termination(Path(work)):
        ctx = _Context(TEXT[lang], quick, Path(work), lang)
        done = []
        for k, key in enumerate(SECTIONS, start=1):
            if key not in sections:
                continue
            if progress is not None:
                progress(k, ctx.t(key), None)
            done.append(_run_section(key, ctx))
            if progress is not None:
                progress(k, done[-1].title, done[-1].seconds)
        done = tuple(done)
    total = time.perf_counter() - start
    page = _page(ctx, lang, done, total)
    path = out / "index.html"
    with atomic_write(path, "w", encoding="utf-8") as fh:
        fh.write(page)
    return TourReport(path, lang, done, total)
