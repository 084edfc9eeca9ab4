"""The ``neurona`` command line: a thin shell over the library (Typer + Rich).

Every command reads its input through :mod:`neurona.data`, calls the public library and
prints the result; no arithmetic happens here. Results go to stdout (a Rich table, or one
JSON object with ``--json``), progress and errors to stderr: a Rich progress bar on a
terminal, plain lines otherwise, nothing with ``--quiet``.

Exit codes: 0 success, 2 usage error (unknown option, bad value), 1 any other error. An
error is one line on stderr, never a traceback (set ``NEURONA_DEBUG=1`` to see one), and
never leaves a partial output file: models and predictions are written to a temporary
file and renamed into place. Every output is checked before anything is read or written:
an output that is one of the command's input files (by any path to it) is refused, as is
a ``--plot`` path that exists and is not a folder, so an input is never overwritten; an
output that is a symbolic link is written through (the file it points to is replaced, the
link stays), and one that is a folder, a named pipe, a device or a socket is refused, as
is a data output whose format the name does not tell (the message lists the choices).
An error while writing names the output as given, never the temporary file.

``--json`` prints one valid JSON object: a value that is not a finite number (NaN, an
infinity) is written as ``null``.

A command that read a CSV/TSV file says, once it has succeeded, how it read it (``read
es.csv: delimiter ';', decimal ',', encoding utf-8-sig``; not with ``--quiet``/``--json``).
``train --scale/--missing/--one-hot`` store their steps in the model file
(:mod:`neurona.preprocessing`) and ``predict``/``evaluate`` apply them; both also take a
scikit-learn Pipeline saved by :func:`neurona.pipeline.save_pipeline`. Library messages are
shown in the command line's syntax (``learning_rate=1`` as ``--learning-rate 1``), and
help, messages, warnings and tables speak ``--lang es|en`` (default from ``LANG``;
:mod:`neurona._i18n`).

Imports are lazy (numpy, scikit-learn and pyarrow load inside the commands), so
``neurona --help`` stays fast; help is printed by Click's plain formatter for the same
reason (Typer's Rich help costs about 0.3 s more to import).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from typer.core import TyperCommand, TyperGroup

__all__ = ["app", "main"]

#: files above this size are streamed in chunks unless --stream/--no-stream says otherwise
STREAM_THRESHOLD = 256 << 20


def _choices(option: str) -> tuple[list[str], str]:
    """The values an option takes, read from the library's registries when a command runs
    or shows its help (so ``neurona --help`` imports none of them), and a note for the
    help: ``--model`` (the estimators; imports scikit-learn), ``--mode``, ``--backend``,
    and the estimators' own few-valued parameters (``--rule``, ``--solver``)."""
    if option == "mode":
        from .modes import MODES

        return list(MODES), ""
    if option == "backend":
        from .backends import BACKENDS

        return [*BACKENDS, "auto"], " (default: auto)"
    from .estimators import ESTIMATORS

    if option == "model":
        return list(ESTIMATORS), f" (default: {next(iter(ESTIMATORS))})"
    per_model = {m: cls.param_choices()[option] for m, cls in ESTIMATORS.items()
                 if option in cls.param_choices()}  # fmt: skip
    names = list(dict.fromkeys(v for values in per_model.values() for v in values))
    note = "; ".join(f"{m}: {', '.join(map(str, v))}" for m, v in per_model.items())
    return names, f" ({note})"


def _choice(option: str):
    """An option callback that accepts only the values :func:`_choices` lists."""

    def check(value: str | None) -> str | None:
        names = _choices(option)[0]
        if value is not None and value not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)}")
        return value

    return check


# --------------------------------------------------------------------------- errors


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "unknown error"


def _error_line(exc: BaseException) -> str:
    """What went wrong, on one line (OSError: the file and the reason)."""
    if isinstance(exc, OSError) and exc.filename is not None:
        return _one_line(f"{exc.filename}: {exc.strerror or exc}")
    if isinstance(exc, _OutOfMemory):
        return _one_line(str(exc))
    if isinstance(exc, MemoryError):
        detail = f" ({_cut(str(exc), 200)})" if str(exc) else ""
        return f"out of memory{detail}: the data do not fit in this machine's memory"
    text = str(exc) if str(exc) else type(exc).__name__
    return _one_line(text)


def _cut(text: str, limit: int) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[:limit] + "…"


class _OutOfMemory(MemoryError):
    """A MemoryError whose message already says what to do (``--stream`` where it helps)."""


class _Group(TyperGroup):
    """Runs a command; turns every failure into one line on stderr and an exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **kw):
        import warnings

        from typer import Abort

        click = _click_exceptions()
        ClickException, UsageError = click.ClickException, click.UsageError
        NoArgsIsHelpError = getattr(click, "NoArgsIsHelpError", ())

        from . import _i18n

        args = list(sys.argv[1:] if args is None else args)
        try:
            args = _take_lang(args)
        except ValueError as exc:
            _fail(_i18n.message(f"neurona: usage error: --lang: {exc} (see `neurona --help`)"), 2)
        _translate(self)
        _IN_USE[0] = next((a for a in args if a in self.commands), None)
        shown, warnings.showwarning = warnings.showwarning, _show_warning
        _NOTES.clear()
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **kw)
            for note in _NOTES:  # said once the command succeeded (an error is one line)
                sys.stderr.write(_i18n.message(note) + "\n")
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "neurona"
            message = _cli_syntax(_one_line(exc.format_message()).replace("Value error, ", ""))
            _fail(f"{where}: usage error: {message} (see `{where} --help`)", 2)
        except ClickException as exc:
            _fail(f"neurona: error: {_one_line(exc.format_message())}", exc.exit_code)
        except Abort:
            _fail("neurona: aborted", 1)
        except KeyboardInterrupt:
            _fail("neurona: interrupted", 130)
        except Exception as exc:
            if os.environ.get("NEURONA_DEBUG"):
                raise
            _fail(f"neurona: error: {_cli_syntax(_error_line(exc))}", 1)
        finally:
            warnings.showwarning = shown
            _NOTES.clear()
            _i18n.set_lang(None)
            _IN_USE[0] = None  # a later call in this process (a test) is no command's
        sys.exit(code if isinstance(code, int) else 0)


#: lines for stderr once the command has succeeded (how a CSV file was read)
_NOTES: list[str] = []


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings as one line on stderr (no source line, no file name), in CLI syntax and
    the command line's language."""
    from ._i18n import message as translated

    del filename, lineno, file, line
    text = f"neurona: warning: {_cli_syntax(_one_line(str(message)))} ({category.__name__})"
    sys.stderr.write(translated(text) + "\n")


def _take_lang(args: list[str]) -> list[str]:
    """``args`` without ``--lang es|en`` (taken anywhere, so every command and its help
    speak it); sets the language (:mod:`neurona._i18n`). Raises ValueError for another
    value."""
    from . import _i18n

    out, i, chosen = [], 0, None
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out += args[i:]
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen, i = args[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            chosen, i = arg.split("=", 1)[1], i + 1
            continue
        out.append(arg)
        i += 1
    _i18n.set_lang(chosen)
    return out


class _HelpContext(typer.Context):
    """A context whose help page speaks the command line's language."""

    def get_help(self) -> str:
        from ._i18n import help_text

        return help_text(super().get_help())


def _translate(group) -> None:
    """The program's, its commands' and their options' help in the chosen language (the
    catalog of :mod:`neurona._i18n`); each page is then post-processed by
    :class:`_HelpContext`."""
    from ._i18n import tr

    group.context_class = _HelpContext
    group.help = tr(group.help)
    for param in group.params:
        param.help = tr(getattr(param, "help", None))
    for command in group.commands.values():
        command.context_class = _HelpContext
        command.help = tr(command.help)
        command.short_help = tr(command.short_help)
        for param in command.params:
            if getattr(param, "help", None):
                param.help = tr(param.help)


#: option names of the library's errors, written as the command line's flags
_PARAM = re.compile(r"(?<![\w.-])([a-z][a-z0-9_]*)=('[^']*'|\"[^\"]*\"|[^\s,;:()]+)")


def _cli_syntax(text: str) -> str:
    """A library message in the command line's syntax: ``reduction='mean'`` becomes
    ``--reduction mean``, ``shuffle=True`` ``--shuffle``, ``shuffle=False``
    ``--no-shuffle``, for the names that are options of some command (others, and values
    that are not plain, are left as they are)."""
    options = _option_names()

    def flag(found: re.Match) -> str:
        name, value = found.group(1), found.group(2)
        if name not in options:
            return found.group(0)
        dashed = "--" + name.replace("_", "-")
        if value == "True":
            return dashed
        if value == "False":
            return "--no-" + name.replace("_", "-")
        if value == "None":
            return found.group(0)
        return f"{dashed} {value.strip(chr(39) + chr(34))}"

    text = _INIT_SHAPE.sub(_init_counts, text)
    text = _PARAM.sub(flag, text)
    # "pass --shuffle (--shuffle on the command line)": said once
    text = re.sub(r"(--[\w-]+) \(\1 on the command line\)", r"\1", text)
    # the library's advice, as the command line takes it
    for python, command_line in _PYTHON_ADVICE:
        text = re.sub(python, command_line, text)
    text = re.sub(r"standardi[sz]e the features(?! \()", r"\g<0> (--scale standard)", text)
    return _own_flags(text)


#: fit's message on starting weights of the wrong shape, said as --coef-init's counts
_INIT_SHAPE = re.compile(
    r"\b(coef_init|intercept_init) has shape (\([\d, ]*\)); this fit needs (\([\d, ]*\))"
    r"(?: or \([\d, ]*\))?"
)


def _counted(shape: str) -> str:
    """``(3,)`` as "3 numbers", ``(2, 4)`` as "2 rows of 4 numbers" (``()``: 1 number)."""
    sizes = [int(v) for v in re.findall(r"\d+", shape)]
    if len(sizes) == 2 and sizes[0] > 1:
        return f"{sizes[0]} rows of {sizes[1]} numbers"
    n = sizes[-1] if sizes else 1
    return "1 number" if n == 1 else f"{n} numbers"


def _init_counts(found: re.Match) -> str:
    """``coef_init has shape (3,); this fit needs (1, 2) or (2,)`` as the flags' counts:
    ``--coef-init gives 3 numbers; this data needs 2 numbers (one per feature; rows by ';'
    for several outputs)``."""
    flag = "--" + found.group(1).replace("_", "-")
    what = ("one per feature; a row per output, separated by ';'" if flag == "--coef-init"
            else "one per output")  # fmt: skip
    return (f"{flag} gives {_counted(found.group(2))}; this data needs "
            f"{_counted(found.group(3))} ({what})")  # fmt: skip


#: the command being run (its name), for :func:`_own_flags`
_IN_USE: list[str | None] = [None]


def _command_flags(name: str) -> set[str] | None:
    """Every flag of command ``name`` (None when it is not known)."""
    if name in ("animate", "tour"):
        from . import _cli_plots

        sub = typer.Typer(add_completion=False)
        sub.command(name)(getattr(_cli_plots, f"{name}_command"))
        command = typer.main.get_command(sub)
    else:
        command = typer.main.get_command(app).commands.get(name)
    if command is None:
        return None
    flags = {"--help", "--lang", "--version"}
    for param in command.params:
        flags |= {o for o in [*param.opts, *param.secondary_opts] if o.startswith("--")}
    return flags


#: advice that names a flag which a command has with another meaning, as that command
#: says it: animate's --features picks the two columns drawn, its --exclude the columns
#: left unread
_ADVICE_IN = {
    "animate": (
        ("leave it out with --features", "leave it out with --exclude"),
        ("give them a name in the header, or pick them with --features",
         "give them a name in the header"),
    ),
}  # fmt: skip


def _own_flags(text: str) -> str:
    """Advice that names a flag the command in use does not have (``--one-hot`` said
    to ``animate``) left out: the clause that names it (``, or pass --one-hot ...``,
    ``; leave it out with --features``) is dropped, so every suggestion can be followed;
    advice a command takes otherwise (:data:`_ADVICE_IN`) is said its way."""
    name = _IN_USE[0]
    for said, meant in _ADVICE_IN.get(name, ()):
        text = text.replace(said, meant)
    # a flag inside a command in backquotes (`neurona train ... --out`) belongs to that one
    named = set(re.findall(r"--[a-z][\w-]*", re.sub(r"`[^`]*`", "", text)))
    if name is None or not named:
        return text
    flags = _command_flags(name)
    if flags is None:
        return text
    for flag in sorted(named - flags):
        text = re.sub(rf" \({re.escape(flag)}\b[^()]*\)", "", text)  # "(--scale standard)"
        text = re.sub(
            rf"(?:,? or |; )(?:(?!,? or |; )[^;()])*?{re.escape(flag)}\b[^;()]*?"
            r"(?=;|\)|$|\.(?:\s|$))",
            "",
            text,
        )
    return text


#: Python calls named in the library's messages, and what the command line does instead
_PYTHON_ADVICE = (
    (r"neurona\.check_separability\(X, y\)", "`neurona separable`"),
    (r"check_separability\(X, y\)", "`neurona separable`"),
    (r"estimator\.save\(path\) or (`neurona train \.\.\. --out`)", r"\1"),
    (r"estimator\.save\(path\)", "`neurona train ... --out`"),
    (r"neurona\.pipeline\.save_pipeline\(pipeline, path\)", "save_pipeline (Python)"),
)


def _option_names() -> set[str]:
    """Every option name of the command line's commands (``learning_rate``, ...)."""
    import inspect

    names = {"format"}  # the parameter fmt is the option --format
    for info in app.registered_commands:
        if info.callback is not None:
            names |= set(inspect.signature(info.callback).parameters)
    return names - {"data", "model_path", "ctx", "name", "fmt", "as_json"}


def _click_exceptions():
    """Click's exception module: vendored inside Typer since 0.2x, else the click package."""
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - older Typer
        from click import exceptions
    return exceptions


def _usage(message: str) -> Exception:
    """A usage error (exit code 2) that is not about one option."""
    return _click_exceptions().UsageError(message)


def _fail(message: str, code: int) -> None:
    from ._i18n import message as translated

    sys.stderr.write(translated(message) + "\n")
    sys.stderr.flush()
    sys.exit(code)


class _RegistryCommand(TyperCommand):
    """A command whose ``--model``, ``--mode``, ``--rule``, ``--solver`` and ``--backend``
    help lists the registries' values, filled in when the command runs or shows its help."""

    #: the options whose values come from the registries
    listed = ("model", "mode", "rule", "solver", "backend", "schedule")

    def get_params(self, ctx):
        from ._i18n import tr

        params = super().get_params(ctx)
        for param in params:
            if param.name in self.listed and not getattr(param, "_listed", False):
                names, note = _choices(param.name)
                note = note.replace("default", tr("default"))
                param.help = f"{param.help}{tr(' One of: ')}{', '.join(names)}{note}."
                param._listed = True
            elif param.default is None and not getattr(param, "_listed", False):
                shown = _model_defaults(param.name)
                if shown:
                    param.help = f"{param.help}  [{tr('default')}: {shown}]"
                param._listed = True
        return params


def _model_defaults(name: str) -> str | None:
    """The estimators' defaults of the hyperparameter ``name`` for the help: one value, or
    one per estimator when they differ; None when no estimator has it."""
    from .estimators import ESTIMATORS

    if name in ("random_state", "device", "backend", "model"):
        return None
    values = {m: cls().get_params()[name] for m, cls in ESTIMATORS.items()
              if name in cls().get_params()}  # fmt: skip
    if not values:
        return None
    shown = {m: _flag_value(v) for m, v in values.items()}
    if len(set(shown.values())) == 1:
        return next(iter(shown.values()))
    return "; ".join(f"{m}: {v}" for m, v in shown.items())


def _flag_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "none" if value is None else str(value)


app = typer.Typer(
    name="neurona",
    cls=_Group,
    help="Single-layer neural networks from the command line: the lecture's neurons, trained "
    "in each of its modes, saved to files that run no code.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from ._version import __version__

        sys.stdout.write(f"neurona {__version__}\n")
        raise typer.Exit()


@app.callback()
def _program(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_show_version, help="Show the version and exit."
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="es|en",
            help="Language of the command line: es or en (default: from LANG).",
        ),
    ] = None,
) -> None:
    # --lang is taken from the arguments before they are parsed (_take_lang), anywhere on
    # the line; declared here for the help
    del version, lang


# --------------------------------------------------------------------------- options

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
Json = Annotated[bool, typer.Option("--json", help="Print one JSON object (for scripts).")]
Target = Annotated[
    str | None,
    typer.Option("--target", "-t", help="Target column: a header name or a 0-based index."),
]
Features = Annotated[
    str | None,
    typer.Option(help="Feature columns, comma-separated names or indices (default: the rest)."),
]
Header = Annotated[
    bool | None,
    typer.Option("--header/--no-header", help="CSV: first line is a header (default: guess)."),
]
Delimiter = Annotated[
    str | None,
    typer.Option(
        help="CSV field separator (default , or tab; ';', tab or '|' where the first lines "
        "are split so)."
    ),
]
Encoding = Annotated[
    str,
    typer.Option(help="Text encoding of CSV files (UTF-16 and UTF-32 are found by themselves)."),
]
Decimal = Annotated[
    str | None,
    typer.Option(
        metavar="'.'|','",
        help="CSV decimal mark (default: found from the first lines: ',' in a file delimited "
        "by ';' or tabs whose numbers all have one, else '.').",
    ),
]
Format = Annotated[
    Literal["csv", "tsv", "parquet", "npy", "npz"] | None,
    typer.Option("--format", help="File format (default: from the extension)."),
]
Stream = Annotated[
    bool | None,
    typer.Option(
        "--stream/--no-stream",
        help=f"Read the file in chunks (default: when larger than {STREAM_THRESHOLD >> 20} MiB).",
    ),
]


def _finite_mb(value: float) -> float:
    """``--chunk-mb``: a size, so finite (``inf`` passes the option's lower bound)."""
    import math

    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a size: give a finite number of MiB")
    return value


ChunkMB = Annotated[
    float, typer.Option("--chunk-mb", min=0.001, callback=_finite_mb, help="Chunk size, MiB.")
]
LabelType = Annotated[
    Literal["text", "auto"] | None,
    typer.Option(
        "--label-type",
        help="CSV/TSV class labels: 'text' keeps them as written (007 and 7 are two classes; "
        "the default), 'auto' reads them as integers, numbers or booleans when every label "
        "is one (refused where two labels would become one).",
    ),
]


def _reader(
    path: Path,
    target,
    features,
    header,
    delimiter,
    encoding,
    fmt,
    kind="labels",
    label_type: str | None = None,
    decimal: str | None = None,
):
    from .data import DataFile

    return DataFile(
        path,
        target=target,
        features=features,
        target_kind=kind,
        label_type=label_type or "text",
        header=header,
        delimiter=delimiter,
        encoding=encoding,
        fmt=fmt,
        decimal=decimal,
    )


def _say_dialect(reader, quiet: bool) -> None:
    """One line on stderr when the command has succeeded: how a CSV/TSV file was read
    (delimiter, decimal mark, encoding), so a file read wrongly is noticed; nothing for
    other formats or with --quiet/--json, and nothing beside an error (one line)."""
    dialect = reader.dialect if reader is not None else None
    if dialect is None or quiet:
        return
    delimiter = "tab" if dialect["delimiter"] == "\t" else repr(dialect["delimiter"])
    _NOTES.append(
        f"read {reader.path}: delimiter {delimiter}, decimal {dialect['decimal']!r}, "
        f"encoding {dialect['encoding']}"
    )


def _streaming(stream: bool | None, path: Path) -> bool:
    return stream if stream is not None else path.stat().st_size > STREAM_THRESHOLD


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _emit_json(payload: dict[str, Any]) -> None:
    """One line of valid JSON (``allow_nan=False``): non-finite numbers become null."""
    sys.stdout.write(json.dumps(_jsonable(payload), allow_nan=False) + "\n")


def _labels(values: Any) -> list[Any]:
    """Class labels as JSON keeps them: each a plain value, a number JSON cannot hold (an
    infinity, NaN) as its text (``"inf"``, ``"-inf"``, ``"nan"``), never null: null is
    no label, and two infinities would read back as one."""
    import math

    import numpy as np

    out = []
    for label in np.asarray(values, dtype=object).ravel().tolist():
        label = label.item() if isinstance(label, np.generic) else label
        out.append(str(label) if isinstance(label, float) and not math.isfinite(label) else label)
    return out


def _jsonable(value: Any) -> Any:
    """``value`` as plain JSON values: numpy scalars and arrays as numbers and lists, paths
    as text, NaN and infinities as None."""
    import math

    import numpy as np

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, np.generic):
        return _jsonable(value.item())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# --------------------------------------------------------------------------- progress


class _Progress:
    """Epoch progress: a Rich bar on a terminal, plain lines otherwise, or nothing."""

    def __init__(self, total: int | None, quiet: bool, what: str = "epoch"):
        from ._i18n import tr

        self.total, self.what, self.quiet = total, tr(what), quiet
        self.console = _console(stderr=True)
        self.bar: Any = None
        self.task: Any = None
        self.every = max(1, (total or 10) // 10)
        self.pending: str | None = None  # the last line, if not printed yet

    def __enter__(self) -> _Progress:
        if not self.quiet and self.console.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self.bar = Progress(
                TextColumn(f"[bold]{self.what}s"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[status]}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=False,
            )
            self.bar.__enter__()
            self.task = self.bar.add_task("train", total=self.total, status="")
        return self

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc_info)
        elif self.pending is not None and exc_info[0] is None:
            self._line(self.pending)

    def epoch(self, info) -> None:
        """A training callback: receives :class:`neurona.train.EpochInfo`."""
        from ._i18n import tr

        status = f"{tr('loss')} {info.loss:.6g}"
        if info.accuracy is not None:
            status += f"  {tr('accuracy')} {info.accuracy:.4f}"
        self.update(info.epoch, status)

    def update(self, done: int, status: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done, status=status)
            return
        if self.quiet:
            return
        if self.total is None:  # streaming: one line per pass over the file
            if self.pending is not None and not self.pending.endswith(status):
                self._line(self.pending)
            self.pending = f"{self.what}s {done}  {status}"
            return
        self.pending = f"{self.what} {done}/{self.total}  {status}"
        if done % self.every == 0 or done == 1 or done == self.total:
            self._line(self.pending)

    def _line(self, text: str) -> None:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
        self.pending = None


# --------------------------------------------------------------------------- train


def _estimator(model: str | None, **params: Any):
    from .estimators import ESTIMATORS

    model = model or next(iter(ESTIMATORS))
    cls = ESTIMATORS[model]
    allowed = cls().get_params()
    unused = sorted(k for k, v in params.items() if v is not None and k not in allowed)
    if unused:
        flags = ", ".join("--" + k.replace("_", "-") for k in unused)
        raise _usage(f"{flags} does not apply to --model {model}")
    return cls(**{k: v for k, v in params.items() if v is not None})


def _learning_rate(value: str | None) -> float | str | None:
    if value is None or value == "auto":
        return value
    try:
        eta = float(value)
    except ValueError:
        eta = float("nan")
    if not eta > 0 or eta == float("inf"):
        raise typer.BadParameter(
            f"{value!r} is not a positive number or 'auto'", param_hint="'--learning-rate'"
        )
    return eta


def _initial_weights(coef: str | None, intercept: str | None) -> dict[str, Any]:
    """``fit``'s ``coef_init`` and ``intercept_init`` from ``--coef-init W1,W2,...`` (rows
    of several outputs separated by ';') and ``--intercept-init B`` (or B1,B2,...)."""
    out: dict[str, Any] = {}
    for flag, key, text in (("--coef-init", "coef_init", coef),
                            ("--intercept-init", "intercept_init", intercept)):  # fmt: skip
        if text is None:
            continue
        try:
            rows = [[float(v) for v in row.split(",")] for row in text.split(";")]
        except ValueError:
            rows = []
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            raise typer.BadParameter(
                f"{text!r} is not numbers separated by commas (rows by ';', all as long)",
                param_hint=f"'{flag}'",
            )
        if not all(abs(v) < float("inf") for r in rows for v in r):  # NaN fails too
            raise typer.BadParameter(f"{text!r} holds NaN or infinity; give finite numbers",
                                     param_hint=f"'{flag}'")  # fmt: skip
        value: Any = rows if len(rows) > 1 else rows[0]
        if key == "intercept_init" and len(rows) == 1 and len(rows[0]) == 1:
            value = rows[0][0]
        out[key] = value
    return out


def _stop_at_update(estimator, n: int):
    """``fit``'s ``on_update`` for ``--max-updates N``: true at the N-th update, which
    stops training there (:meth:`neurona.Perceptron.fit`)."""
    if estimator.closed_form:
        raise _usage("--max-updates counts gradient steps, and this model is solved in closed "
                     "form: add --solver gd")  # fmt: skip
    if estimator.backend not in ("auto", "numpy"):
        raise _usage("--max-updates needs the engine that reports every update: use --backend "
                     f"numpy (or leave out --backend), not {estimator.backend}")  # fmt: skip
    from .train import stop_at_update

    return stop_at_update(n)


def _training_data(data, dataset, target, features, n_samples, seed, read_args):
    """(DataFile or None, Table or Dataset-like, source name) for ``train``/``separable``."""
    if (data is None) == (dataset is None):
        raise _usage("give a DATA file or --dataset NAME (exactly one)")
    if dataset is not None:
        from .data import Table, load_dataset

        if dataset.lower() == "text":  # sparse: written to a file first (TEXT_DATASET)
            raise _usage("--dataset text is sparse: write it with `neurona datasets text --out "
                         "text.svmlight`, then train on that file")  # fmt: skip
        ds = load_dataset(dataset, n_samples=n_samples, random_state=seed)
        if target is not None or features is not None:
            raise _usage("--target and --features apply to DATA files only")
        return None, Table(ds.X, ds.y, ds.feature_names, ds.target_name), f"dataset {ds.name}"
    if _data_kind(data) == "sparse":  # train reads it before this point
        raise _usage(f"{data} is a sparse file: this command reads files of named columns; "
                     "`neurona train`, `predict` and `evaluate` read sparse files")  # fmt: skip
    if target is None:
        raise _usage("pass --target COL (the label or value column of DATA)")
    if n_samples is not None:
        raise _usage("--n-samples applies to --dataset generators only")
    return _reader(data, target, features, *read_args), None, str(data)


def _fit(model, reader, table, stream, chunk_mb, quiet, plot=None, init=None):
    """Train in memory, or stream the file; returns the table it trained on (or None).

    Running out of memory in memory says to pass ``--stream`` where that would help: a
    data file, without ``--plot``."""
    if reader is not None and _streaming(stream, reader.path):
        from .data import fit_stream

        if "on_update" in init:
            raise _usage(f"--max-updates needs the data in memory, and {reader.path} is read "
                         "in chunks: pass --no-stream")  # fmt: skip
        if init:
            raise _usage(f"--coef-init and --intercept-init need the data in memory, and "
                         f"{reader.path} is read in chunks: pass --no-stream")  # fmt: skip
        if stream is None and not quiet:
            sys.stderr.write(
                f"neurona: note: {reader.path} is larger than {STREAM_THRESHOLD >> 20} MiB, so "
                "it is read in chunks (--no-stream loads it whole)\n"
            )

        with _Progress(None, quiet, what="row") as progress, _warnings(quiet):
            # a plain line per pass: "rows 1000  pass 1"
            fit_stream(
                model,
                reader,
                chunk_bytes=int(chunk_mb * (1 << 20)),
                progress=lambda rows, p: progress.update(rows, f"pass {p}"),
            )
        return None
    try:
        if table is None:
            table = reader.read()
        with _Progress(model.epochs, quiet or model.closed_form) as progress, _warnings(quiet):
            if _is_classifier(model) and reader is not None:
                reader.check_class_labels(table.y)  # a continuous target, named by file
            model.set_params(callbacks=[progress.epoch])
            try:
                model.fit(table.X, table.y, **(init or {}))
            finally:
                model.set_params(callbacks=None)
    except MemoryError as exc:
        if reader is None or plot is not None or isinstance(exc, _OutOfMemory):
            raise
        detail = f" ({_cut(str(exc), 200)})" if str(exc) else ""
        raise _OutOfMemory(
            f"out of memory with {reader.path} in memory{detail}: pass --stream to read it "
            "in chunks"
        ) from exc
    return table


@contextlib.contextmanager
def _warnings(quiet: bool) -> Iterator[None]:
    """Silence warnings under --quiet."""
    import warnings

    with warnings.catch_warnings():
        if quiet:
            warnings.simplefilter("ignore")
        yield


def _summary(model, table, source: str, out: Path | None) -> dict[str, Any]:
    history = model.history_
    summary: dict[str, Any] = {
        "model": type(model).__name__,
        "source": source,
        "n_features": int(model.n_features_in_),
        "epochs_run": int(model.n_iter_),
        "loss": history["loss"][-1] if history["loss"] else None,
        "out": str(out) if out is not None else None,
    }
    if hasattr(model, "classes_"):
        summary["classes"] = _labels(model.classes_)
    if table is not None:
        summary["n_samples"] = int(table.X.shape[0])
        summary["training_score"] = float(model.score(table.X, table.y))
        summary["score_name"] = "accuracy" if hasattr(model, "classes_") else "r2"
    return summary


def _print_summary(summary: dict[str, Any]) -> None:
    from rich.table import Table

    from ._i18n import message, tr

    title = message(f"{summary['model']} trained on {summary['source']}")
    table = Table(title=title, show_header=False)
    for key, value in summary.items():
        if key not in ("model", "source") and value is not None:
            shown = tr(value) if key == "score_name" else _fmt(value)
            table.add_row(tr(key.replace("_", " ")), shown)
    _console().print(table)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _is_classifier(estimator: Any) -> bool:
    from sklearn.base import is_classifier

    return is_classifier(estimator)


@app.command(cls=_RegistryCommand)
def train(
    data: Annotated[
        Path | None,
        typer.Argument(
            metavar="DATA",
            help="CSV, TSV, Parquet, NPY, NPZ or svmlight file.",
            show_default=False,
        ),
    ] = None,
    dataset: Annotated[
        str | None, typer.Option(help="A bundled dataset instead of DATA (`neurona datasets`).")
    ] = None,
    target: Target = None,
    features: Features = None,
    model: Annotated[
        str | None, typer.Option(help="The neuron's estimator.", callback=_choice("model"))
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            help="Which rows form an update (default: the model's).", callback=_choice("mode")
        ),
    ] = None,
    epochs: Annotated[int | None, typer.Option(min=1, help="Passes over the data.")] = None,
    learning_rate: Annotated[
        str | None,
        typer.Option(help="Learning rate η > 0, or 'auto' (a step that cannot overshoot)."),
    ] = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="Rows per minibatch.")] = None,
    shuffle: Annotated[bool | None, typer.Option(help="Reshuffle rows every epoch.")] = None,
    reduction: Annotated[
        Literal["sum", "mean"] | None, typer.Option(help="How a step combines its rows.")
    ] = None,
    rule: Annotated[
        str | None, typer.Option(help="Update rule.", callback=_choice("rule"))
    ] = None,
    label_type: LabelType = None,
    solver: Annotated[
        str | None,
        typer.Option(help="Closed form or gradient steps.", callback=_choice("solver")),
    ] = None,
    tol: Annotated[float | None, typer.Option(min=0, help="Stop when the loss stalls.")] = None,
    schedule: Annotated[
        str | None,
        typer.Option(help="How η changes over the updates.", callback=_choice("schedule")),
    ] = None,
    power_t: Annotated[
        float | None, typer.Option(min=0, help="invscaling's exponent p: η_t = η / (t + 1)^p.")
    ] = None,
    coef_init: Annotated[
        str | None,
        typer.Option(
            metavar="W1,W2,...",
            help="Starting weights instead of zeros, one per feature, comma-separated "
            "(several outputs: rows separated by ';'); a negative first one as "
            "--coef-init=-0.5,1.",
        ),
    ] = None,
    intercept_init: Annotated[
        str | None,
        typer.Option(
            metavar="B", help="Starting bias instead of 0 (several outputs: comma-separated)."
        ),
    ] = None,
    max_updates: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Stop right after the N-th update (a step that changed the weights), even "
            "inside an epoch, as the playground's scrubber does.",
        ),
    ] = None,
    backend: Annotated[
        str | None, typer.Option(help="Where the arithmetic runs.", callback=_choice("backend"))
    ] = None,
    device: Annotated[
        str | None, typer.Option(help="Torch device to train on (cpu, cuda, cuda:1).")
    ] = None,
    random_state: Annotated[
        int | None, typer.Option("--random-state", "--seed", help="Seed for row orders and data.")
    ] = None,
    n_samples: Annotated[
        int | None, typer.Option(min=1, help="Rows to draw (generated datasets).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Save the model here.")] = None,
    plot: Annotated[Path | None, typer.Option(help="Write training plots to this folder.")] = None,
    plot_features: Annotated[
        str | None,
        typer.Option(
            metavar="A,B",
            help="With --plot: the two features to draw, by name or column number (default "
            "the first two); the others are held at their means, written on the figure.",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS|local",
            help="Train on Dask: a scheduler address (tcp://host:8786), or 'local' for a "
            "LocalCluster here; DATA is then a quoted glob of Parquet files.",
        ),
    ] = None,
    scale: Annotated[
        Literal["none", "standard", "minmax"],
        typer.Option(
            help="Scale the number columns, saved in the model and applied by predict and "
            "evaluate: 'standard' (mean 0, standard deviation 1), 'minmax' (to [0, 1])."
        ),
    ] = "none",
    missing: Annotated[
        Literal["error", "drop", "mean"],
        typer.Option(
            help="Missing values: 'error' lists them all, 'drop' leaves out their rows, "
            "'mean' fills numbers with the column mean and text with its most frequent value."
        ),
    ] = "error",
    one_hot: Annotated[
        bool,
        typer.Option(
            "--one-hot",
            help="Encode text feature columns as one 0/1 column per value (also done with "
            "--scale or --missing).",
        ),
    ] = False,
    exclude: Annotated[
        str | None,
        typer.Option(metavar="COLS", help="Columns to leave out of the features (e.g. an id)."),
    ] = None,
    stream: Stream = None,
    chunk_mb: ChunkMB = 16.0,
    header: Header = None,
    delimiter: Delimiter = None,
    decimal: Decimal = None,
    encoding: Encoding = "utf8",
    fmt: Format = None,
    quiet: Quiet = False,
    as_json: Json = False,
) -> None:
    """Train a neuron on DATA (or --dataset NAME) and save it with --out."""
    params = dict(
        mode=mode,
        epochs=epochs,
        learning_rate=_learning_rate(learning_rate),
        batch_size=batch_size,
        shuffle=shuffle,
        reduction=reduction,
        rule=rule,
        solver=solver,
        tol=tol,
        schedule=schedule,
        power_t=power_t,
        backend=backend,
        device=device,
        random_state=random_state,
    )
    estimator = _estimator(model, **params)
    init = _initial_weights(coef_init, intercept_init)
    if max_updates is not None:
        init["on_update"] = _stop_at_update(estimator, max_updates)
    preprocess = scale != "none" or missing != "error" or one_hot
    if scheduler is not None:  # Parquet files on a Dask cluster (neurona._cli_dask)
        if max_updates is not None:
            raise _usage("--max-updates applies to data in memory, not --scheduler")
        if init:
            raise _usage("--coef-init and --intercept-init apply to data in memory, not "
                         "--scheduler")  # fmt: skip
        if preprocess or exclude is not None or decimal is not None:
            raise _usage("--scheduler trains on the columns as they are: leave out --scale, "
                         "--missing, --one-hot, --exclude and --decimal")  # fmt: skip
        if dataset is not None or plot is not None or stream is not None:
            raise _usage("--scheduler trains on DATA files only: leave out --dataset, "
                         "--plot and --stream")  # fmt: skip
        _check_outputs([], [("--out", out)])
        return _train_on_dask(estimator, data, target, features, scheduler, out,
                              quiet, as_json)  # fmt: skip
    _check_outputs([data], [("--out", out)], plot=plot)
    if plot_features is not None and plot is None:
        raise _usage("--plot-features chooses what --plot DIR draws: add --plot DIR")
    if plot is not None:
        if stream:
            raise _usage("--plot needs the data in memory; leave out --stream")
        _plot_module()
    classifier = _is_classifier(estimator)
    if label_type is not None and not classifier:
        raise _usage("--label-type applies to classifiers (class labels), not to regression")
    kind = "labels" if classifier else "numbers"
    read_args = (header, delimiter, encoding, fmt, kind, label_type, decimal)
    seed = 0 if random_state is None else random_state
    if preprocess and stream:
        raise _usage(
            "--scale, --missing and --one-hot need the data in memory; leave out --stream"
        )
    sparse = None  # an svmlight file or a sparse .npz: trained on as it is (CSR)
    if dataset is None and _data_kind(data) == "sparse":
        if n_samples is not None:
            raise _usage("--n-samples applies to --dataset generators only")
        _refuse_for_sparse(data, {
            "--features": features is not None, "--exclude": exclude is not None,
            "--one-hot": one_hot, "--missing": missing != "error",
            "--header": header is not None, "--delimiter": delimiter is not None,
            "--decimal": decimal is not None, "--encoding": encoding != "utf8",
            "--format": fmt is not None, "--label-type": label_type is not None,
            "--stream": bool(stream), "--plot": plot is not None}, scale)  # fmt: skip
        table, sparse = _sparse_training(data, target, classifier, backend, device)
        reader, source = None, str(data)
    else:
        reader, table, source = _training_data(
            data, dataset, target, features, n_samples, seed, read_args
        )
    _say_dialect(reader, quiet or as_json)
    if exclude is not None:
        reader, table = _excluded(reader, table, exclude, read_args)
    if out is not None and reader is not None:
        _refuse_unnamed(reader)  # before training: save would refuse the names
    steps = None
    file_columns = list(reader.columns) if reader is not None else None
    if preprocess:
        table, steps = _preprocessed(reader, table, scale, missing, source, classifier)
        reader = None  # trained on the table
    if plot is not None and reader is not None and stream is None and _streaming(None, data):
        raise _usage(
            f"{data} is larger than {STREAM_THRESHOLD >> 20} MiB, so it would be read in "
            "chunks, and --plot needs the data in memory: pass --no-stream to load it whole "
            "(it must fit in memory), or leave out --plot"
        )
    with contextlib.ExitStack() as stack:
        if shuffle is False:  # --no-shuffle: the lecture's order, asked for in so many words
            import warnings

            from .errors import SortedDataWarning

            stack.enter_context(warnings.catch_warnings())
            warnings.simplefilter("ignore", SortedDataWarning)
        table = _fit(estimator, reader, table, stream, chunk_mb, quiet or as_json, plot, init)
    names = table.feature_names if table is not None else reader.feature_names
    target_name = table.target_name if table is not None else reader.target_name
    with _written(out) as model_file:  # the model appears only if the plots are written too
        if model_file is not None:
            from .io import save

            # a file name of bytes that are not UTF-8 (held as lone surrogates) is noted
            # with those bytes escaped: a model file holds Unicode text only
            shown = source.encode("utf-8", "backslashreplace").decode("utf-8")
            columns = {"features": names, "target": target_name, "source": shown}
            if steps is not None:
                columns["preprocessing"] = steps.to_dict()
            if sparse is not None:  # how predict and evaluate read the next sparse file
                columns["sparse"] = sparse
            save(estimator, model_file, data=columns)
        if plot is not None:
            scaled = {
                c["name"]: (c["offset"], c["scale"]) for c in (steps.columns_ if steps else [])
                if c["kind"] == "number"
            }  # fmt: skip
            _plots(estimator, table, plot, plot_features, file_columns, scale, scaled)
    summary = _summary(estimator, table, source, out)
    if as_json:
        _emit_json(summary)
    elif not quiet:
        _print_summary(summary)
        if out is None:
            from ._i18n import message

            sys.stderr.write(
                message("neurona: note: the model was not saved (pass --out FILE to keep it)")
                + "\n"
            )


def _refuse_unnamed(reader) -> None:
    """``train --out``: a target or feature column with a blank name (a Parquet file's;
    a CSV header's blank field is read as "(unnamed N)") is refused before training, since
    the saved model notes its columns by name."""
    from .errors import DataError

    columns = list(reader.columns)
    target = reader.target_name
    if target is not None and not str(target).strip():
        raise DataError(
            f"{reader.path}: the target column {columns.index(target)} (counted from 0) has "
            "no name: a saved model notes its target by name; name it in the file"
        )
    blank = next((c for c in reader.feature_names if not str(c).strip()), None)
    if blank is not None:
        i = columns.index(blank)
        raise DataError(
            f"{reader.path}: column {i} (counted from 0) has no name: a saved model finds its "
            f"columns by name; name it in the file, or leave it out with --exclude {i}"
        )


def _names(spec: str) -> list[str]:
    from .data.readers import column_list

    return column_list(spec)


def _excluded(reader, table, exclude: str, read_args):
    """The reader (or the dataset's table) without the ``--exclude`` columns, each of
    which must be a feature column (by name or 0-based index)."""
    from ._cli_plots import kept_features
    from .data import Table

    names = reader.feature_names if reader is not None else list(table.feature_names)
    columns = reader.columns if reader is not None else names
    kept = kept_features(exclude, names, columns, error=_usage)
    if reader is not None:
        return _reader(reader.path, reader.target_name, kept, *read_args), None
    index = [names.index(n) for n in kept]
    return None, Table(table.X[:, index], table.y, kept, table.target_name)


def _preprocessed(reader, table, scale: str, missing: str, source: str, classifier: bool):
    """(the table the neuron trains on, the fitted Preprocessor): missing values, text
    columns one-hot, number columns scaled (:mod:`neurona.preprocessing`)."""
    from .data import Table
    from .preprocessing import Preprocessor

    steps = Preprocessor(scale, missing)
    if reader is not None:
        columns = reader.read_columns()
        y = reader.read_target()
        if classifier:
            reader.check_class_labels(y)
        target_name = reader.target_name
    else:
        columns = {name: table.X[:, j] for j, name in enumerate(table.feature_names)}
        y, target_name = table.y, table.target_name
    X, kept = steps.fit_transform(columns, source)
    return Table(X, y[kept], steps.feature_names_out_, target_name), steps


def _train_on_dask(estimator, data, target, features, scheduler, out, quiet, as_json) -> None:
    """``train --scheduler``: fit on the Parquet files of the glob DATA on Dask, then save
    and summarise as ``train`` does."""
    from ._cli_dask import fit_on_dask

    if data is None or target is None:
        raise _usage("--scheduler needs DATA (a quoted glob of Parquet files) and --target COL")
    names = None if features is None else _names(features)
    silent = quiet or as_json or estimator.closed_form
    with _Progress(estimator.epochs, silent) as progress, _warnings(quiet):
        done = fit_on_dask(estimator, str(data), target, names, scheduler,
                           on_epoch=progress.epoch)  # fmt: skip
    with _written(out) as model_file:
        if model_file is not None:
            from .io import save

            columns = {"features": done.feature_names, "target": done.target_name,
                       "source": done.source}  # fmt: skip
            save(estimator, model_file, data=columns)
    summary = _summary(estimator, None, done.source, out)
    if as_json:
        _emit_json(summary)
    elif not quiet:
        _print_summary(summary)


#: the files ``train --plot DIR`` writes into DIR
PLOT_FILES = ("boundary.png", "curves.png")


def _check_outputs(
    inputs: list[Path | None],
    outputs: list[tuple[str, Path | None]],
    plot: Path | None = None,
    formats: dict[str, tuple[str | None, str | None]] | None = None,
) -> None:
    """Refuse, before anything is read or written, an output that cannot be written whole
    or that is one of the ``inputs`` (by any path: links, ``..``, another spelling).

    An output that is a symbolic link is written through (the file it points to is
    replaced); one that is a folder, a named pipe, a device or a socket is refused.
    ``formats``: for the options that write data files, the format given (or None) and the
    option that gives it (or None): an output whose format is unknown is refused too,
    listing the choices."""
    from ._atomic import OutputPathError, write_target

    written: list[tuple[str, Path]] = []
    for option, out in outputs:
        if out is None:
            continue
        if str(out) == "-":  # not standard output: a file named '-' would be written
            raise typer.BadParameter(
                "'-' is not standard output here: name a file (without --out, predict "
                "prints its predictions)",
                param_hint=f"'{option}'",
            )
        try:
            write_target(out)
        except OutputPathError as exc:
            raise typer.BadParameter(f"{out}: {exc.strerror}", param_hint=f"'{option}'") from None
        written.append((option, out))
    if plot is not None:
        if str(plot) == "-":
            raise typer.BadParameter(
                "'-' is not standard output here: name a folder for the plots",
                param_hint="'--plot'",
            )
        if plot.exists() and not plot.is_dir():
            raise typer.BadParameter(
                f"{plot} exists and is not a folder: give a new or an existing folder (it "
                f"receives {' and '.join(PLOT_FILES)})",
                param_hint="'--plot'",
            )
        for name in PLOT_FILES if plot.is_dir() else ():
            try:
                write_target(plot / name)
            except OutputPathError as exc:
                raise typer.BadParameter(
                    f"{plot / name}: {exc.strerror}", param_hint="'--plot'"
                ) from None
        written += [("--plot", plot)] + [("--plot", plot / name) for name in PLOT_FILES]
    for option, out in written:
        for source in inputs:
            if source is not None and _same_file(out, source):
                raise typer.BadParameter(
                    f"{out} is the input file {source}: write to another file (an input is "
                    "never overwritten)",
                    param_hint=f"'{option}'",
                )
    for i, (option, out) in enumerate(written):
        for other_option, other in written[i + 1 :]:
            if _same_file(out, other):
                raise typer.BadParameter(
                    f"{out} would be written twice (also by {other_option}): give "
                    f"{option} and {other_option} different paths",
                    param_hint=f"'{option}'",
                )
    if formats:
        from .data.writers import output_format

        for option, out in written:
            if option in formats:
                output_format(out, *formats[option])


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same inode when both exist, else the same
    resolved path (symbolic links and ``..`` followed)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


@contextlib.contextmanager
def _written(out: Path | None) -> Iterator[Path | None]:
    """A temporary path renamed to ``out`` when the block succeeds (None: no file)."""
    if out is None:
        yield None
        return
    from ._atomic import atomic_path

    with atomic_path(out) as tmp:
        yield tmp


def _plots(
    model,
    table,
    folder: Path,
    plot_features: str | None = None,
    file_columns: list[str] | None = None,
    scale: str | None = None,
    scaled_columns: dict[str, tuple[float, float]] | None = None,
) -> None:
    """Write the plots into a hidden folder inside ``folder``, then move them in: all of
    them appear, or none. ``scaled_columns``: name -> (offset, scale) of the columns the
    model saw scaled, drawn in the file's units."""
    import shutil
    import tempfile

    from ._atomic import atomic_path, removed_on_termination, write_target

    if table is None:
        raise _usage("--plot needs the data in memory; leave out --stream")
    module = _plot_module()
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".neurona-", suffix=".tmp", dir=folder))
    try:
        with removed_on_termination(staging):
            if plot_features is not None:  # numbers count the file's columns
                plot_features = module.file_column_names(plot_features, file_columns)
            chosen = {} if plot_features is None else {"plot_features": plot_features}
            if scale not in (None, "none") and scaled_columns:  # drawn in the file's units
                chosen["scaled"] = dict(scaled_columns)
            written = module.write_training_plots(
                model, table.X, table.y, staging, table.feature_names, **chosen
            )
            for path in written:  # a link in the folder is written through
                target = write_target(folder / Path(path).name)
                if target.parent == folder:
                    os.replace(path, target)
                else:  # maybe another file system: copied beside it, then renamed
                    with atomic_path(target) as tmp:
                        shutil.copyfile(path, tmp)
    except BaseException:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _plot_module():
    """:mod:`neurona._cli_plots`, or a usage error when this installation lacks it."""
    try:
        from . import _cli_plots
    except ImportError as exc:
        raise _usage(f"--plot is not available in this installation ({exc})") from exc
    return _cli_plots


# --------------------------------------------------------------------------- predict


def _load(model_path: Path):
    """(model, its data notes): a neurona model file, or a scikit-learn Pipeline saved by
    :func:`neurona.pipeline.save_pipeline` (notes: its ``feature_names_in_``, if any)."""
    from .data.sparse_files import is_sparse_file
    from .estimators import load
    from .io import read_metadata
    from .pipeline import is_pipeline_file, load_pipeline

    if model_path.exists() and is_sparse_file(model_path):
        from .errors import ModelFileError

        raise ModelFileError(f"{model_path} is a sparse data file, not a model: give the "
                             "model file first, then the data")  # fmt: skip
    if is_pipeline_file(model_path):
        pipeline = load_pipeline(model_path)
        names = getattr(pipeline, "feature_names_in_", None)
        meta = {"pipeline": True}
        if names is not None:
            meta["features"] = [str(n) for n in names]
        return pipeline, meta
    return load(model_path), read_metadata(model_path).get("data") or {}


def _raw_inputs(model, meta, data, target, features, read_args, evaluating: bool):
    """For a model with preprocessing or a Pipeline: (its input X, the true answers or
    None, the rows used as a boolean mask, the reader), the whole file in memory.

    A model trained with ``--scale``/``--missing``/``--one-hot`` reads its columns by name
    and applies the stored steps; a Pipeline gets the columns as they are (a data frame
    when it was fitted on one; missing values as NaN for its imputer)."""
    import numpy as np

    kind = "numbers" if not hasattr(model, "classes_") else "labels"
    spec = meta.get("preprocessing")
    if spec is not None:
        from .preprocessing import Preprocessor

        steps = Preprocessor.from_dict(spec)
        if features is not None:
            raise _usage("the model reads its columns by name: leave out --features")
        probe = _reader(data, None, None, *read_args[:4], decimal=read_args[4])
        _refuse_missing_columns(data, steps.input_columns, probe, by_name=True)
        reader = _reader(data, target, steps.input_columns, *read_args[:4], kind=kind,
                         decimal=read_args[4])  # fmt: skip
        X, kept = steps.transform(reader.read_columns(), str(data), drop=evaluating)
    else:
        reader = _model_reader(model, meta, data, target, features, read_args)
        columns = reader.read_columns()
        values = [np.where(c == None, np.nan, c) if c.dtype == object else c  # noqa: E711
                  for c in columns.values()]  # fmt: skip
        if "features" in meta and hasattr(model, "feature_names_in_"):
            import pandas as pd

            X = pd.DataFrame(dict(zip(columns, values, strict=True)))
        elif all(v.dtype != object for v in values):
            X = np.column_stack(values)
        else:
            X = np.column_stack([v.astype(object) for v in values])
        kept = np.ones(len(values[0]) if values else 0, dtype=bool)
    y = reader.read_target()[kept] if target is not None else None
    if not kept.any():
        raise reader._no_rows()
    return X, y, kept, reader


def _model_reader(model, meta, data, target, features, read_args):
    """A reader of DATA's feature columns, as the model was trained on them.

    Class labels are read as text (or their stored type): :func:`_label_codes` matches
    them to the model's classes."""
    from .data.readers import listing
    from .errors import DataError

    kind = "numbers" if not hasattr(model, "classes_") else "labels"
    given = features is not None
    if features is None:
        features = _model_features(model, meta, data, target, read_args)
    reader = _reader(data, target, features, *read_args[:4], kind=kind, decimal=read_args[4])
    names = meta.get("features")
    if given and names and not _positional(names) and reader.named_columns:
        ordered = _by_name(data, reader.feature_names, list(names))
        if ordered is not None and ordered != reader.feature_names:
            reader = _reader(data, target, ordered, *read_args[:4], kind=kind,
                             decimal=read_args[4])  # fmt: skip
    if len(reader.feature_names) != model.n_features_in_:
        reads = f" ({listing(names)})" if names else ""
        raise DataError(
            f"{data}: {len(reader.feature_names)} feature columns selected but the model reads "
            f"{model.n_features_in_}{reads}: pass --features with that many columns"
        )
    return reader


def _by_name(data: Path, chosen: list[str], names: list[str]) -> list[str] | None:
    """``--features`` matched to the model's feature ``names``: the chosen columns in the
    model's order when they are its names in another order; None when none of them is one
    of its names (the columns then stand for the model's features by position, as for a
    file whose header was renamed). Naming some of the model's features but not all is an
    error that names the missing ones."""
    from .data.readers import listing
    from .errors import DataError

    known = [c for c in chosen if c in names]
    if not known:
        return None
    if set(chosen) == set(names):
        return list(names)
    missing = [n for n in names if n not in chosen]
    extra = [c for c in chosen if c not in names]
    parts = []
    if missing:
        parts.append(f"leaves out {listing(missing, 5)}, which the model was trained on")
    if extra:
        parts.append(f"names {listing(extra, 5)}, which the model was not trained on")
    raise DataError(
        f"{data}: --features {' and '.join(parts)} (it reads {listing(names)}): pass the "
        "model's feature columns, in any order (they are matched by name), or leave out "
        "--features"
    )


def _positional(names: list[str]) -> bool:
    """Names that are only positions: those of a headerless CSV or a NumPy file."""
    return all(str(name).isdigit() for name in names)


def _model_features(model, meta, data, target, read_args) -> list[str] | None:
    """The model's feature columns in DATA: by name when both the model and the file have
    names (a missing one is an error naming it), else by position."""
    from .errors import DataError

    probe = _reader(data, None, None, *read_args[:4], decimal=read_args[4])
    names = meta.get("features")
    if names and set(names) <= set(probe.columns):
        return list(names)
    if names and probe.named_columns and not _positional(names):
        _refuse_missing_columns(data, names, probe)
    n = int(model.n_features_in_)
    if target is None and len(probe.columns) == n:
        return None
    if target is None and len(probe.columns) == n + 1 and meta.get("target") in probe.columns:
        return [c for c in probe.columns if c != meta["target"]]
    if target is not None:
        return None
    raise DataError(
        f"{data} has {len(probe.columns)} columns and the model reads {n} features"
        + (f" ({', '.join(names)})" if names else "")
        + ": pass --features (or --target to leave the target column out)"
    )


def _refuse_missing_columns(data, names: list[str], probe, by_name: bool = False) -> None:
    """Say which of the model's columns ``names`` DATA (read by ``probe``) lacks;
    ``by_name``: the model reads its columns by name only (its preprocessing)."""
    from .data.readers import excerpt
    from .errors import DataError

    if names and probe.named_columns and not set(names) <= set(probe.columns):
        missing = [name for name in names if name not in probe.columns]
        listed = ", ".join(excerpt(c) for c in missing[:5]) + (", ..." if len(missing) > 5 else "")
        columns = ", ".join(excerpt(c)[1:-1] for c in probe.columns[:12]) + (
            ", ..." if len(probe.columns) > 12 else ""
        )
        reads = ", ".join(excerpt(c)[1:-1] for c in names[:12]) + (
            ", ..." if len(names) > 12 else ""
        )
        raise DataError(
            f"{data}: no column {listed}, which the model was trained on (it reads {reads}; "
            f"the file has {columns}): name the columns as in training"
            + ("" if by_name else ", or pass --features with the columns to use, in the "
               "model's order")
        )  # fmt: skip


@app.command()
def predict(
    model_path: Annotated[Path, typer.Argument(metavar="MODEL", help="A saved model file.")],
    data: Annotated[
        Path,
        typer.Argument(
            metavar="DATA", help="Rows to predict (CSV, TSV, Parquet, NPY, NPZ, svmlight)."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write predictions here (csv/tsv/parquet/npy/npz, by extension)."
        ),
    ] = None,
    target: Target = None,
    features: Features = None,
    keep: Annotated[
        str | None,
        typer.Option(
            metavar="COLS",
            help="Columns of DATA to copy beside the predictions (e.g. an id), comma-separated.",
        ),
    ] = None,
    chunk_mb: ChunkMB = 16.0,
    header: Header = None,
    delimiter: Delimiter = None,
    decimal: Decimal = None,
    encoding: Encoding = "utf8",
    fmt: Format = None,
    quiet: Quiet = False,
    as_json: Json = False,
) -> None:
    """Predict DATA's rows with a saved MODEL; write them to --out (or print them).

    MODEL is a file of `neurona train --out` or a scikit-learn Pipeline saved by
    neurona.pipeline.save_pipeline. A model with several outputs writes one column per output
    (prediction_0, ...)."""
    import numpy as np

    _check_outputs([model_path, data], [("--out", out)], formats={"--out": (None, None)})
    model, meta = _load(model_path)
    read_args = (header, delimiter, encoding, fmt, decimal)
    sparse = _sparse_source(model, meta, data, target, {
        "--features": features is not None, "--keep": keep is not None,
        "--header": header is not None, "--delimiter": delimiter is not None,
        "--decimal": decimal is not None, "--encoding": encoding != "utf8",
        "--format": fmt is not None}, labelled=False)  # fmt: skip
    kept_columns = {} if sparse is not None else _kept_columns(data, keep, read_args)
    if sparse is not None:  # an svmlight file or a sparse .npz, whole and sparse (CSR)
        reader, chunks = sparse, iter([sparse.X])
    elif "preprocessing" in meta or "pipeline" in meta:
        X, _, _, reader = _raw_inputs(model, meta, data, target, features, read_args, False)
        _say_dialect(reader, quiet or as_json)
        chunks = iter([X])
    else:
        reader = _model_reader(model, meta, data, target, features, read_args)
        _say_dialect(reader, quiet or as_json)
        chunks = (table.X for table in reader.chunks(int(chunk_mb * (1 << 20))))
    if out is not None:
        n = _predict_to_file(model, reader, chunks, out, kept_columns)
        if as_json:
            _emit_json({"out": str(out), "n_samples": n})
        elif not quiet:
            from ._i18n import message

            _console(stderr=True).print(message(f"wrote {n} predictions to {out}"), markup=False)
        return
    predictions, n = [], 0
    for X in chunks:
        predictions.append(_predicted(model, X, data, n))
        n += X.shape[0]
    if not predictions:
        raise reader._no_rows()
    values = np.concatenate(predictions)
    if as_json:
        _emit_json({"predictions": values} | ({"keep": kept_columns} if kept_columns else {}))
    elif not quiet:
        dialect = reader.dialect or {"delimiter": ",", "decimal": "."}
        columns = kept_columns | _prediction_columns(values)
        text = _delimited(columns, dialect["delimiter"], dialect["decimal"])
        if not kept_columns:
            text = text.split("\n", 1)[1]  # the predictions alone: no header line
        sys.stdout.write(text)


def _delimited(columns: dict[str, Any], delimiter: str, decimal: str) -> str:
    """``columns`` as delimited text with a header line, in a data file's dialect: its
    delimiter, its decimal mark for numbers, kept text as it was (quoted only where it
    holds the delimiter, a quote or a line break)."""
    import csv
    import io

    import numpy as np

    def cell(value: Any) -> str:
        if isinstance(value, float | np.floating):
            text = _text(float(value))
            return text.replace(".", decimal) if decimal != "." else text
        return _text(value)

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(list(columns))
    lists = [np.asarray(c, dtype=object).tolist() for c in columns.values()]
    for row in zip(*lists, strict=True):
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def _text(value: Any) -> str:
    """A kept value as printed: missing values empty, whole floats without '.0' noise."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _kept_columns(data: Path, keep: str | None, read_args) -> dict[str, Any]:
    """``predict --keep COLS``: those columns of DATA as read (numbers, or text)."""
    if keep is None:
        return {}
    from .errors import DataError

    try:
        reader = _reader(data, None, keep, *read_args[:4], decimal=read_args[4])
        columns = reader.read_text_columns(reader.feature_names)
    except DataError as exc:  # the reader speaks of features; these are columns to keep
        text = str(exc).replace(": no feature column ", ": no column to keep ", 1)
        text = re.sub(r": the feature column (.*) is named twice in --features",
                      r": the column \1 is named twice in --keep", text)  # fmt: skip
        raise DataError(text) from None
    clash = [c for c in columns if c == "prediction" or c.startswith("prediction_")]
    if clash:
        raise _usage(f"--keep {clash[0]}: the output's prediction column has that name")
    return columns


def _predicted(model, X, data: Path, offset: int):
    """``model.predict(X)``; a number the model's output cannot hold in float64 (its net
    input overflows) is an error naming the row, not an infinity in the output."""
    import warnings

    import numpy as np

    from .errors import DataError

    row = None
    try:
        with np.errstate(over="ignore", invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            predictions = model.predict(X)
    except DataError as exc:  # a regression's output beyond float64 (it says which row)
        row = getattr(exc, "row", None)
        if row is None:
            raise
    else:
        values = np.asarray(predictions)
        if values.dtype.kind == "f" and not np.isfinite(values).all():
            row = int(np.argwhere(~np.isfinite(values.reshape(len(values), -1)))[0][0])
    if row is not None:
        numeric = isinstance(X, np.ndarray) and X.dtype.kind == "f" and X.shape[1]
        big = float(np.max(np.abs(X[row]))) if numeric else float("nan")
        raise DataError(
            f"{data}: the model's output for data row {offset + row + 1} is beyond the range of "
            f"float64 (the row holds values up to {big:.3g} in magnitude): neurona computes "
            "in float64; scale the features as in training, or drop that row"
        )
    return predictions


def _prediction_columns(predictions) -> dict[str, Any]:
    """``{"prediction": values}``, or one column per output of a several-output model."""
    if predictions.ndim == 2:
        return {f"prediction_{k}": predictions[:, k] for k in range(predictions.shape[1])}
    return {"prediction": predictions}


def _predict_to_file(model, reader, chunks, out: Path, kept_columns: dict) -> int:
    from .data.writers import check_output, compression_of, open_writer

    fmt = check_output(out, None)
    if reader.dialect is not None and fmt in ("csv", "tsv") and compression_of(out) is None:
        return _predict_to_text(model, reader, chunks, out, kept_columns, fmt)

    n = 0
    with open_writer(out) as writer:
        for X in chunks:
            predicted = _prediction_columns(_predicted(model, X, reader.path, n))
            rows = X.shape[0]
            kept = {name: column[n : n + rows] for name, column in kept_columns.items()}
            writer.write(kept | predicted)
            n += rows
        if n == 0:  # nothing is written
            raise reader._no_rows()
    return n


def _predict_to_text(model, reader, chunks, out: Path, kept_columns: dict, fmt: str) -> int:
    """Predictions written as the data file is: its delimiter (a tab for a .tsv name),
    decimal mark and encoding (a byte order mark kept); kept columns as written."""
    import numpy as np

    from ._atomic import atomic_path

    parts, n = [], 0
    for X in chunks:
        parts.append(_predicted(model, X, reader.path, n))
        n += X.shape[0]
    if n == 0:
        raise reader._no_rows()
    dialect = reader.dialect
    delimiter = "\t" if fmt == "tsv" else dialect["delimiter"]
    columns = kept_columns | _prediction_columns(np.concatenate(parts))
    text = _delimited(columns, delimiter, dialect["decimal"])
    with atomic_path(out) as tmp:
        tmp.write_text(text, encoding=dialect["encoding"], newline="")
    return n


# --------------------------------------------------------------------------- evaluate


def _class_key(value: Any, kind: str) -> Any:
    """A true label as the model's classes spell it (``kind``: their dtype kind), or None
    when it cannot be one of them. A CSV label is text: ``"1"`` is class ``1`` of a model
    with integer classes, ``"01"`` too."""
    import re

    if kind in "iu":
        if isinstance(value, str):
            text = value.strip()
            return int(text) if re.fullmatch(r"[+-]?\d+", text) else None
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float) and float(value).is_integer():
            return int(value)
        return None
    if kind == "f":
        if isinstance(value, bool):
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    if kind == "b":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        return {"true": True, "false": False}.get(text)
    return value if isinstance(value, str) else str(value)


class _Confusion:
    """Accuracy and a confusion matrix over chunks, with the true labels the model never
    saw as extra rows (in order of first appearance); they count as wrong."""

    def __init__(self, classes):
        import numpy as np

        self.classes = classes
        values = np.asarray(classes).tolist()
        kind = np.asarray(classes).dtype.kind  # uint64 classes stay "u", not float64's "f"
        self.kind = np.asarray(values).dtype.kind if kind == "O" else kind  # "U" for text
        self.index = {c: i for i, c in enumerate(values)}
        self.unseen: dict[Any, int] = {}
        self.true: list = []
        self.predicted: list = []

    def _codes(self, values, lookup) -> Any:
        import numpy as np

        values = np.asarray(values)
        uniq, inverse = np.unique(values, return_inverse=True)
        codes = np.fromiter((lookup(u) for u in uniq.tolist()), dtype=np.intp, count=len(uniq))
        return codes[inverse.reshape(-1)]

    def _true_code(self, label: Any) -> int:
        code = self.index.get(_class_key(label, self.kind))
        if code is None:
            code = self.unseen.setdefault(label, len(self.index) + len(self.unseen))
        return code

    def add(self, y, predictions) -> None:
        self.true.append(self._codes(y, self._true_code))
        self.predicted.append(self._codes(predictions, self.index.__getitem__))

    def result(self) -> dict[str, Any]:
        import numpy as np

        true, predicted = np.concatenate(self.true), np.concatenate(self.predicted)
        k, rows = len(self.index), len(self.index) + len(self.unseen)
        matrix = np.bincount(true * k + predicted, minlength=rows * k).reshape(rows, k)
        n_unseen = int((true >= k).sum())
        return {
            "accuracy": float(np.mean(true == predicted)),
            "classes": _labels(self.classes),
            "confusion_matrix": matrix,
            "unseen_labels": _labels(list(self.unseen)),
            "n_unseen": n_unseen,
        }


def _regression_metrics(data: Path, y, predictions) -> dict[str, Any]:
    from sklearn import metrics

    from .errors import DataError

    if predictions.ndim == 2 and predictions.shape[1] != 1:
        raise DataError(
            f"{data}: the model predicts {predictions.shape[1]} outputs but the file gives one "
            "target column: evaluate it from Python (model.score), or use a one-output model"
        )
    import warnings

    import numpy as np

    predictions = predictions.reshape(-1)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        errors = np.abs(np.asarray(y, dtype=np.float64) - predictions)
        result = {
            "r2": float(metrics.r2_score(y, predictions)) if len(y) > 1 else float("nan"),
            "mse": float(metrics.mean_squared_error(y, predictions)),
            "mae": float(metrics.mean_absolute_error(y, predictions)),
        }
        spread = float(np.sum(np.square(y - np.mean(y)))) if len(y) > 1 else 0.0
    overflow = [k for k in ("mse", "mae") if not np.isfinite(result[k])]
    if len(y) > 1 and not (np.isfinite(result["r2"]) and np.isfinite(spread)):
        overflow.append("r2")
    if overflow:
        row = int(np.argmax(np.where(np.isfinite(errors), errors, np.inf)))
        raise DataError(
            f"{data}: {', '.join(overflow)} cannot be computed in float64: the errors or the "
            f"true values are too large (the largest error is {errors[row]:.3g}, at row "
            f"{row + 1}; squares overflow above about 1.3e154): scale the target and the "
            "features as in training, or drop the rows with huge values"
        )
    return result


@app.command()
def evaluate(
    model_path: Annotated[Path, typer.Argument(metavar="MODEL", help="A saved model file.")],
    data: Annotated[
        Path,
        typer.Argument(
            metavar="DATA", help="Labelled rows (CSV, TSV, Parquet, NPY, NPZ, svmlight)."
        ),
    ],
    target: Target = None,
    features: Features = None,
    chunk_mb: ChunkMB = 16.0,
    header: Header = None,
    delimiter: Delimiter = None,
    decimal: Decimal = None,
    encoding: Encoding = "utf8",
    fmt: Format = None,
    quiet: Quiet = False,
    as_json: Json = False,
) -> None:
    """Score a saved MODEL on DATA: accuracy and confusion matrix, or R², MSE, MAE.

    True labels the model never saw count as wrong: they are extra rows of the confusion
    matrix, and the output says how many rows hold them (n_unseen, unseen_labels)."""
    import numpy as np

    model, meta = _load(model_path)
    sparse = _sparse_source(model, meta, data, target, {
        "--features": features is not None, "--header": header is not None,
        "--delimiter": delimiter is not None, "--decimal": decimal is not None,
        "--encoding": encoding != "utf8", "--format": fmt is not None},
        labelled=True)  # fmt: skip
    target = target if target is not None or sparse is not None else meta.get("target")
    if target is None and sparse is None:
        raise _usage("pass --target COL (the column with the true answers)")
    read_args = (header, delimiter, encoding, fmt, decimal)
    if sparse is not None:  # an svmlight file or a sparse .npz, whole and sparse (CSR)
        reader, blocks = sparse, iter([(sparse.X, sparse.y)])
    elif "preprocessing" in meta or "pipeline" in meta:
        X, y, _, reader = _raw_inputs(model, meta, data, target, features, read_args, True)
        blocks = iter([(X, y)])
    else:
        reader = _model_reader(model, meta, data, target, features, read_args)
        blocks = ((t.X, t.y) for t in reader.chunks(int(chunk_mb * (1 << 20))))
    _say_dialect(reader, quiet or as_json)
    classifier = hasattr(model, "classes_")
    confusion = _Confusion(model.classes_) if classifier else None
    ys, preds, n = [], [], 0
    for X, y_true in blocks:
        predictions = _predicted(model, X, data, n)
        n += y_true.shape[0]
        if confusion is not None:
            confusion.add(y_true, predictions)
        else:
            ys.append(y_true)
            preds.append(predictions)
    if not n:
        raise reader._no_rows()
    result = {"model": str(model_path), "data": str(data), "n_samples": n}
    if confusion is not None:
        result |= confusion.result()
    else:
        result |= _regression_metrics(data, np.concatenate(ys), np.concatenate(preds))
    if as_json:
        _emit_json(result)
    elif not quiet:
        _print_metrics(result)


def _print_metrics(result: dict[str, Any]) -> None:
    from rich.table import Table

    from ._i18n import lang, message, tr

    console = _console()
    on = " sobre " if lang() == "es" else " on "
    table = Table(title=f"{result['model']}{on}{result['data']}", show_header=False)
    for key in ("n_samples", "accuracy", "r2", "mse", "mae"):
        if key in result:
            table.add_row(tr(key.replace("_", " ")), _fmt(result[key]))
    if result.get("n_unseen"):
        table.add_row(tr("rows with unseen labels"), str(result["n_unseen"]))
    console.print(table)
    if "confusion_matrix" in result:
        cm = Table(title=tr("confusion matrix (rows: true, columns: predicted)"))
        cm.add_column("")
        for label in result["classes"]:
            cm.add_column(str(label), justify="right")
        labels = [
            *map(str, result["classes"]),
            *(f"{u} ({tr('unseen')})" for u in result["unseen_labels"]),
        ]
        for label, row in zip(labels, result["confusion_matrix"], strict=True):
            cm.add_row(label, *map(str, row.tolist()))
        console.print(cm)
    if result.get("n_unseen"):
        shown = ", ".join(map(str, result["unseen_labels"][:10]))
        more = ", ..." if len(result["unseen_labels"]) > 10 else ""
        console.print(
            message(
                f"{result['n_unseen']} of {result['n_samples']} rows have labels the model "
                f"never saw ({shown}{more}): they count as wrong in the accuracy"
            ),
            markup=False,
        )


# --------------------------------------------------------------------------- inspect


@app.command()
def inspect(
    model_path: Annotated[Path, typer.Argument(metavar="MODEL", help="A saved model file.")],
    as_json: Json = False,
) -> None:
    """Show a saved model: neuron, mode, hyperparameters, weights and history."""
    from .estimators import load
    from .io import read_metadata
    from .pipeline import is_pipeline_file

    if is_pipeline_file(model_path):
        report = _pipeline_report(model_path)
        if as_json:
            _emit_json(report)
        else:
            _print_inspect(report)
        return
    meta = read_metadata(model_path)
    model = load(model_path)
    names = (meta.get("data") or {}).get("features") or [
        f"x_{j}" for j in range(model.n_features_in_)
    ]
    report = {
        "neuron": meta["neuron"],
        "format_version": meta["format_version"],
        "neurona_version": meta.get("neurona_version"),
        "params": meta["params"],
        "features": names,
        "target": (meta.get("data") or {}).get("target"),
        "classes": _labels(model.classes_) if hasattr(model, "classes_") else None,
        "coef": model.coef_,
        "intercept": model.intercept_,
        "epochs_run": meta["attributes"].get("n_iter_"),
        "updates": meta["attributes"].get("t_"),
        "history": meta["history"],
        "preprocessing": (meta.get("data") or {}).get("preprocessing"),
    }
    if as_json:
        _emit_json(report)
    else:
        _print_inspect(report)


def _pipeline_report(model_path: Path) -> dict[str, Any]:
    """What ``inspect`` shows of a Pipeline file: its steps (name, class, parameters) and
    its final neuron as for a model file (weights on the inputs of the last step)."""
    from .pipeline import load_pipeline

    pipeline = load_pipeline(model_path)
    final = pipeline.steps[-1][1]
    n_in = final.n_features_in_
    try:  # the names the last step sees (after one-hot encoding, say)
        names = list(pipeline[:-1].get_feature_names_out()) if len(pipeline) > 1 else None
    except (AttributeError, ValueError, TypeError):
        names = None
    if names is None:
        names = getattr(pipeline, "feature_names_in_", None)
    if names is None or len(names) != n_in:
        names = [f"x_{j}" for j in range(n_in)]
    steps = []
    for step_name, step in pipeline.steps:
        params = {k: v for k, v in step.get_params(deep=False).items() if v is not None}
        steps.append({"name": step_name, "class": type(step).__name__, "params": params})
    params = final.get_params(deep=False)
    return {
        "neuron": type(final).__name__,
        "format_version": "skops",
        "steps": steps,
        "params": params,
        "features": [str(n) for n in names],
        "classes": _labels(final.classes_) if hasattr(final, "classes_") else None,
        "coef": final.coef_,
        "intercept": final.intercept_,
        "epochs_run": getattr(final, "n_iter_", None),
        "updates": getattr(final, "t_", None),
        "history": dict(getattr(final, "history_", None) or {}),
        "preprocessing": None,
    }


def _print_inspect(report: dict[str, Any]) -> None:
    import numpy as np
    from rich.table import Table

    console = _console()
    p = report["params"]
    from ._i18n import tr

    console.print(
        f"[bold]{report['neuron']}[/bold]  {tr('mode')} {p.get('mode')}, "
        f"{tr('learning rate')} {p.get('learning_rate')}, {tr('epochs run')} "
        f"{report['epochs_run']}, {tr('format')} "
        f"{'' if report['format_version'] == 'skops' else 'v'}{report['format_version']}"
    )
    console.print(tr("hyperparameters: ") + ", ".join(f"{k}={v}" for k, v in p.items()))
    for k, step in enumerate(report.get("steps") or [], 1):
        shown = ", ".join(f"{key}={value}" for key, value in step["params"].items())
        console.print(
            f"{tr('pipeline step')} {k}: {step['name']} ({step['class']}) {shown}", markup=False
        )
    coef = np.atleast_2d(report["coef"])
    outputs = _output_names(report, coef.shape[0])
    from ._i18n import tr

    weights = Table(title=tr("weights"))
    weights.add_column(tr("feature"))
    for name in outputs:
        weights.add_column(name, justify="right")
    for j, feature in enumerate(report["features"]):
        weights.add_row(str(feature), *(f"{w:.6g}" for w in coef[:, j]))
    bias = np.atleast_1d(report["intercept"])
    weights.add_row(tr("bias"), *(f"{b:.6g}" for b in bias))
    console.print(weights)
    steps = report.get("preprocessing")
    if steps is not None:
        text = [f"scale {steps['scale']}", f"missing {steps['missing']}"]
        text += [f"one-hot {c['name']}" for c in steps["columns"] if c["kind"] == "text"]
        from ._i18n import tr

        head = tr("preprocessing (applied by predict and evaluate): ")
        console.print(head + ", ".join(text), markup=False)
    _print_history(console, report["history"])


def _output_names(report: dict[str, Any], n_out: int) -> list[str]:
    classes = report["classes"]
    if classes is None:
        from ._i18n import tr

        return [tr("weight")] if n_out == 1 else [f"{tr('output')} {k}" for k in range(n_out)]
    if len(classes) == 2:
        return [f"{classes[1]} (vs {classes[0]})"]
    return [str(c) for c in classes]


def _print_history(console, history: dict[str, list]) -> None:
    from rich.table import Table

    from ._i18n import message, tr

    keys = [k for k, v in history.items() if v]
    if not keys:
        console.print(tr("history: none recorded"))
        return
    n = len(history[keys[0]])
    shown = list(range(n)) if n <= 12 else [*range(5), None, *range(n - 5, n)]
    table = Table(title=message(f"history ({n} epochs)"))
    table.add_column(tr("epoch"), justify="right")
    for key in keys:
        table.add_column(tr(key), justify="right")
    for i in shown:
        if i is None:
            table.add_row("…", *["…"] * len(keys))
        else:
            table.add_row(str(i + 1), *(_fmt(history[k][i]) for k in keys))
    console.print(table)


# --------------------------------------------------------------------------- datasets


@app.command()
def datasets(
    name: Annotated[str | None, typer.Argument(help="Write this dataset to --out.")] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File to write: csv, tsv (both may end in .gz, .bz2, .zst, .lz4 or .xz), "
            "parquet, npz (arrays X and y) or npy (numbers only).",
        ),
    ] = None,
    fmt: Annotated[
        Literal["csv", "tsv", "parquet", "npy", "npz"] | None,
        typer.Option("--format", help="Format of --out (default: from its extension)."),
    ] = None,
    n_samples: Annotated[int | None, typer.Option(min=1, help="Rows (generators).")] = None,
    n_features: Annotated[
        int | None, typer.Option(min=1, help="text: columns (hash buckets; default 1048576).")
    ] = None,
    nnz_per_row: Annotated[
        int | None, typer.Option(min=1, help="text: non-zeros per row (default 50).")
    ] = None,
    flip: Annotated[
        float | None,
        typer.Option(min=0, max=0.5, help="text: share of labels flipped (default 0)."),
    ] = None,
    random_state: Annotated[int, typer.Option("--random-state", "--seed")] = 0,
    as_json: Json = False,
) -> None:
    """List the bundled datasets, or write one to a file with NAME --out FILE."""
    from .data.datasets import describe, load_dataset

    if name is not None and name.lower() == "text":  # sparse: svmlight or a sparse .npz
        return _write_text_dataset(out, fmt, n_samples, n_features, nnz_per_row, flip,
                                   random_state, as_json)  # fmt: skip
    if n_features is not None or nnz_per_row is not None or flip is not None:
        raise _usage("--n-features, --nnz-per-row and --flip apply to the text dataset only")
    if name is None:
        if out is not None or fmt is not None:
            raise _usage("--out and --format need a dataset NAME")
        listing = describe() | {"text": TEXT_DATASET}
        if as_json:
            _emit_json({"datasets": listing})
            return
        from rich.table import Table

        from ._i18n import tr

        table = Table(title=tr("bundled datasets (use with `neurona train --dataset NAME`)"))
        table.add_column(tr("name"))
        table.add_column(tr("description"))
        for key, text in listing.items():
            table.add_row(key, tr(text))
        _console().print(table)
        return
    if out is None:
        from .data.datasets import DATASETS

        if name.lower().replace("_", "-") not in DATASETS:  # an unknown NAME is said first
            load_dataset(name)
        raise _usage("pass --out FILE to write the dataset")
    _check_outputs([], [("--out", out)], formats={"--out": (fmt, "--format")})
    ds = load_dataset(name, n_samples=n_samples, random_state=random_state)
    from .data.writers import write_dataset

    write_dataset(out, ds.X, ds.y, ds.feature_names, ds.target_name, fmt)
    if as_json:
        _emit_json({"dataset": ds.name, "out": str(out), "n_samples": len(ds.y)})
    else:
        from ._i18n import message

        _console(stderr=True).print(
            message(f"wrote {ds.name} ({len(ds.y)} rows) to {out}"), markup=False
        )


# --------------------------------------------------------------------------- sparse files

#: what ``neurona datasets`` says of the sparse text dataset (not in the registry of
#: dense datasets: ``train --dataset`` and the playground read dense columns)
TEXT_DATASET = ("seeded, sparse: hashed bag-of-words counts (write it with --out FILE.svmlight "
                "or FILE.npz, then train on that file)")  # fmt: skip


def _write_text_dataset(out, fmt, n_samples, n_features, nnz_per_row, flip, seed, as_json):
    """``neurona datasets text --out FILE``: :func:`neurona.data.text.make_text`, written as
    svmlight text or a sparse ``.npz`` archive (never densified)."""
    from .data.sparse_files import SPARSE_SUFFIXES, write_sparse
    from .data.text import make_text

    if out is None:
        raise _usage("pass --out FILE to write the dataset")
    endings = (*SPARSE_SUFFIXES, ".npz")
    suffix = out.suffix.lower()
    if suffix not in endings or fmt not in (None, "npz") or (fmt == "npz") > (suffix == ".npz"):
        raise _usage(f"the text dataset is sparse: write it to a file ending in "
                     f"{', '.join(endings)}, not {out.name}")  # fmt: skip
    sizes = {"n_samples": n_samples, "n_features": n_features, "nnz_per_row": nnz_per_row,
             "flip": flip}  # fmt: skip
    sizes = {k: v for k, v in sizes.items() if v is not None}
    width = sizes.get("n_features", 2**20)
    if width < sizes.get("nnz_per_row", min(50, width)):
        raise _usage(f"--n-features {width} is below --nnz-per-row "
                     f"{sizes.get('nnz_per_row', 50)}: each row keeps that many distinct "
                     "columns")  # fmt: skip
    _check_outputs([], [("--out", out)])
    X, y = make_text(**sizes, random_state=seed)
    write_sparse(out, X, y)
    if as_json:
        _emit_json({"dataset": "text", "out": str(out), "n_samples": X.shape[0],
                    "n_features": X.shape[1], "nnz": X.nnz})  # fmt: skip
    else:
        from ._i18n import message

        _console(stderr=True).print(
            message(f"wrote text ({X.shape[0]} rows) to {out}"), markup=False
        )


def _data_kind(data: Path | None) -> str | None:
    """``"sparse"`` for an svmlight file or a sparse ``.npz`` archive (read as it is, never
    densified), None for other data; a neurona model file given as data is refused."""
    if data is None:
        return None
    from .data.sparse_files import archive_kind, is_sparse_file
    from .errors import DataError

    if data.suffix.lower() == ".npz" and archive_kind(data) == "model":
        raise DataError(
            f"{data} is a neurona model file, not data: give a data file (CSV, TSV, "
            "Parquet, NPY, NPZ, svmlight or a sparse .npz)"
        )
    return "sparse" if is_sparse_file(data) else None


def _refuse_for_sparse(data: Path, given: dict[str, bool], scale: str = "none") -> None:
    """Options that read named columns (given: flag -> whether the user set it) refused for
    the sparse file ``data``, in words; ``--scale`` said apart (it would fill the zeros)."""
    if scale != "none":
        raise _usage(
            f"--scale {scale} would turn the zeros of the sparse file {data} into other values "
            "and make it dense: scale the values before writing the file (scikit-learn's "
            "MaxAbsScaler keeps the zeros), or leave out --scale"
        )
    flags = [flag for flag, set_ in given.items() if set_]
    if flags:
        raise _usage(
            f"the sparse file {data} has no named columns: leave out {', '.join(flags)} (for "
            "CSV, TSV, Parquet, NPY and NPZ files)"
        )


def _whole_labels(y):
    """Class labels read as numbers (svmlight's are floats) as integers when every one is
    whole, so that the model's classes read 0, 1 rather than 0.0, 1.0."""
    import numpy as np

    finite = y.dtype.kind == "f" and y.size and np.all(np.isfinite(y))
    if finite and np.all(y == np.round(y)) and np.max(np.abs(y)) < 2**53:
        return y.astype(np.int64)
    return y


def _sparse_training(data: Path, target, classifier: bool, backend, device):
    """(Table with a CSR ``X``, the notes the model file keeps) for ``train`` on a sparse
    file: svmlight labels, an archive's ``y``, or its column ``--target``."""
    from .backends import BACKENDS
    from .data import Table
    from .data.sparse_files import read_sparse_file
    from .errors import DataError

    dense_only = backend in BACKENDS and not BACKENDS[backend].capabilities.sparse
    if dense_only or device is not None:  # the backends with devices take dense arrays
        able = " or ".join(f"--backend {n}" for n, s in BACKENDS.items() if s.capabilities.sparse)
        what = f"--backend {backend}" if dense_only else "--device"
        raise _usage(
            f"{data} is sparse and {what} takes dense data only: leave it out, or train with "
            f"{able}"
        )
    read = read_sparse_file(data, target)
    if read.y is None:
        raise DataError(
            f"{data}: the archive holds no array y: pass --target COLUMN_INDEX (the matrix "
            "column that holds the target)"
        )
    y = _whole_labels(read.y) if classifier else read.y
    notes = {"format": read.fmt, "zero_based": read.zero_based}
    return Table(read.X, y, None, read.target), notes


class _SparseSource:
    """A sparse file read whole for ``predict``/``evaluate``, standing where a reader of
    columns stands (``path``, no CSV ``dialect``)."""

    dialect = None

    def __init__(self, path: Path, read):
        self.path, self.X, self.y = path, read.X, read.y

    def _no_rows(self):
        from .errors import DataError

        return DataError(f"{self.path}: the file has no data rows: give a file with at least one")


def _sparse_source(model, meta, data: Path, target, given: dict[str, bool], labelled: bool):
    """DATA read as the sparse file it is, with the model's width (an svmlight file may
    stop short of the last columns) and the base of indices its training file had; None
    when DATA is not a sparse file."""
    if _data_kind(data) != "sparse":
        return None
    from .data.sparse_files import read_sparse_file
    from .errors import DataError

    _refuse_for_sparse(data, given)
    if "preprocessing" in meta:
        raise DataError(
            f"the model preprocesses named columns (scaling, missing values or one-hot "
            f"encoding), which the sparse file {data} does not have: use a model trained on a "
            "sparse file"
        )
    notes = meta.get("sparse") or {}
    if target is None and notes.get("format") == "npz" and data.suffix.lower() == ".npz":
        target = meta.get("target")  # the matrix column it was trained to predict, if any
    zero_based = notes.get("zero_based")
    n_features = getattr(model, "n_features_in_", None)
    read = read_sparse_file(data, target, n_features,
                            "auto" if zero_based is None else bool(zero_based))  # fmt: skip
    if labelled and read.y is None:
        raise DataError(
            f"{data}: the archive holds no array y: pass --target COLUMN_INDEX (the matrix "
            "column that holds the target)"
        )
    return _SparseSource(data, read)


# --------------------------------------------------------------------------- gates


@app.command()
def gates(as_json: Json = False) -> None:
    """McCulloch–Pitts truth tables, and why one unit cannot compute XOR."""
    from . import logic

    report = []
    for name in ("AND", "OR", "NAND", "NOR", "NOT", "XOR"):
        function = getattr(logic, name)
        rows = logic.truth_table(function, function.n_inputs)
        outputs = [row[-1] for row in rows]
        unit = logic.find_unit(outputs)
        entry: dict[str, Any] = {"gate": name, "table": [list(r) for r in rows]}
        if unit is not None:
            entry |= {"weights": list(unit.weights), "threshold": unit.threshold}
        else:
            from ._i18n import lang

            entry["no_unit"] = logic.why_no_unit(outputs).text(lang())
            entry["two_layers"] = "XOR(x) = AND(OR(x), NAND(x))"
        report.append(entry)
    if as_json:
        _emit_json({"gates": report})
        return
    from ._i18n import tr

    console = _console()
    for entry in report:
        header = "\t".join([*(f"x_{j + 1}" for j in range(len(entry["table"][0]) - 1)), "Out"])
        if "weights" in entry:
            unit = f"w = {entry['weights']}, θ = {entry['threshold']}"
            title = f"{entry['gate']}: {tr('one unit')}, {unit}"
        else:
            title = f"{entry['gate']}: {tr('no single unit')}"
        console.print(f"\n[bold]{title}[/bold]")
        console.print(header, markup=False)
        for row in entry["table"]:
            console.print("\t".join(map(str, row)), markup=False)
        if "no_unit" in entry:
            console.print(entry["no_unit"], markup=False)
            console.print(f"{tr('Two layers compute it:')} {entry['two_layers']}.", markup=False)


# --------------------------------------------------------------------------- separable


@app.command()
def separable(
    data: Annotated[
        Path | None, typer.Argument(metavar="DATA", help="A data file with two classes.")
    ] = None,
    dataset: Annotated[str | None, typer.Option(help="A bundled dataset instead of DATA.")] = None,
    target: Target = None,
    features: Features = None,
    n_samples: Annotated[int | None, typer.Option(min=1, help="Rows (generators).")] = None,
    random_state: Annotated[int, typer.Option("--random-state", "--seed")] = 0,
    header: Header = None,
    delimiter: Delimiter = None,
    decimal: Decimal = None,
    encoding: Encoding = "utf8",
    fmt: Format = None,
    label_type: LabelType = None,
    positive: Annotated[
        str | None,
        typer.Option(metavar="CLASS", help="Check this class against all the others."),
    ] = None,
    as_json: Json = False,
) -> None:
    """Decide whether classes are linearly separable, and prove it either way.

    Two classes: one certificate. More: a table, each class against the rest."""
    from .separability import Rest, SeparabilityResult, check_separability

    read_args = (header, delimiter, encoding, fmt, "labels", label_type, decimal)
    reader, table, _ = _training_data(
        data, dataset, target, features, n_samples, random_state, read_args
    )
    table = table if table is not None else reader.read()
    result = _numbered_rows(check_separability(table.X, table.y, positive=positive))
    from ._i18n import lang as current_lang

    lang = current_lang()
    if not as_json:
        _console().print(result.report(lang), markup=False)
        return

    def certificate(r) -> dict[str, Any]:
        return {
            "separable": r.separable,
            "classes": _labels([str(c) if isinstance(c, Rest) else c for c in r.classes]),
            "weights": r.weights,
            "bias": r.bias,
            "margin": r.margin,
            "radius": r.radius,
            "mistake_bound": r.mistake_bound if r.separable else None,
            "witness_rows": [i + 1 for i in r.witness.rows] if r.witness is not None else None,
            "report": r.report(lang),
        }

    if isinstance(result, SeparabilityResult):
        return _emit_json(certificate(result))
    pairs = zip(result.classes, result, strict=True)
    per_class = [{"class": _labels([c])[0], **certificate(r)} for c, r in pairs]
    _emit_json({"separable": result.separable, "classes": _labels(list(result.classes)),
                "one_vs_rest": per_class, "report": result.report(lang)})  # fmt: skip


def _numbered_rows(result):
    """A separability result whose witness names its rows as the command line numbers
    rows everywhere: data rows counted from 1 (the first row after the header is #1, as
    in the missing-value report and predict's errors)."""
    from dataclasses import replace

    from .separability import OneVsRestSeparability

    def numbered(r):
        if r.witness is None:  # a plane: the rows reaching the margin, shown from #1
            support = getattr(r, "support", None)
            if support is None:
                return r
            return replace(r, support=tuple(f"#{i + 1}" for i in support))
        n = int(max(r.witness.rows)) + 1
        return replace(r, witness=replace(r.witness, names=tuple(f"#{i + 1}" for i in range(n))))

    if isinstance(result, OneVsRestSeparability):
        return replace(result, results=tuple(numbered(r) for r in result.results))
    return numbered(result)


# --------------------------------------------------------------------------- bench


@app.command()
def playground(
    data: Annotated[
        Path | None, typer.Argument(metavar="DATA", help="A CSV/Parquet file to start with.")
    ] = None,
    dataset: Annotated[
        str | None, typer.Option(help="A bundled dataset to start with (`neurona datasets`).")
    ] = None,
    target: Target = None,
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: a free one).")] = 0,
    host: Annotated[
        str, typer.Option(help="Address to listen on (other than 127.0.0.1: a warning).")
    ] = "127.0.0.1",
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Print the address only.")
    ] = False,
) -> None:
    """The neurons learning live in the browser (needs neurona[playground]); the page
    speaks the command line's language (--lang es|en)."""
    from ._i18n import lang as current_lang

    try:
        from .playground import serve
        from .playground.app import read_upload
    except ImportError as exc:
        from .errors import MissingDependencyError

        raise MissingDependencyError(
            f"the playground needs {exc.name or 'its web server'}: "
            "pip install 'neurona[playground]'"
        ) from None
    if data is not None and dataset is not None:
        raise _usage("give a DATA file or --dataset NAME, not both")
    upload, initial = None, {}
    if dataset is not None:
        initial["dataset"] = dataset
    if data is not None:
        upload = read_upload(data.read_bytes(), data.name, target or "")
        initial["dataset"] = "upload"
    serve(host=host, port=port, lang=current_lang(), open_browser=not no_browser, initial=initial,
          upload=upload)  # fmt: skip


@app.command()
def bench(
    size: Annotated[int, typer.Option(min=1, help="Elements of the dot-product vectors.")] = (
        1_000_000
    ),
    rows: Annotated[int, typer.Option(min=1, help="Rows of the perceptron epoch.")] = 20_000,
    n_features: Annotated[int, typer.Option("--features", min=1, help="Its features.")] = 100,
    repeat: Annotated[int, typer.Option(min=1, help="Timed runs per method.")] = 5,
    quick: Annotated[bool, typer.Option(help="Small sizes, few runs (a smoke test).")] = False,
    as_json: Json = False,
) -> None:
    """The lecture's vectorization experiment: loops vs NumPy vs compiled code."""
    from . import bench as experiment

    if quick:
        size, rows, n_features, repeat = 10_000, 500, 10, 2
    min_run = 0.0 if quick else 0.2
    records = [
        *experiment.dot_experiment(size, repeat=repeat, min_run=min_run),
        *experiment.epoch_experiment(rows, n_features, repeat=repeat, min_run=min_run),
    ]
    fields = ("task", "method", "size", "median", "spread", "best", "runs", "loops", "speedup",
              "threads", "load")  # fmt: skip
    rows_out = [{f: getattr(r, f, None) for f in fields} for r in records]
    cpus = os.cpu_count()
    if as_json:
        _emit_json({"timings": rows_out, "cpus": cpus})
        return
    from rich.table import Table

    table = Table(
        title="vectorization (seconds per call; speed-up over the first method), timed "
        f"single-threaded; load = 1-minute load average before each method, on {cpus} CPUs",
    )
    for f in ("task", "method", "size", "median", "spread", "speedup", "load"):
        table.add_column(f, justify="left" if f in ("task", "method") else "right")
    for r in rows_out:
        table.add_row(
            r["task"],
            r["method"],
            str(r["size"]),
            _seconds(r["median"]),
            _seconds(r["spread"]),
            f"{r['speedup']:.1f}x",
            "—" if r["load"] is None else f"{r['load']:.2f}",
        )
    _console().print(table)
    loads = [r["load"] for r in rows_out if r["load"] is not None]
    if cpus and loads and max(loads) > cpus:
        sys.stderr.write(
            f"neurona: warning: the load average reached {max(loads):.1f} on {cpus} CPUs: "
            "other work shared the machine, so these ratios are unreliable; run again when "
            "it is idle\n"
        )


def _seconds(s: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


# --------------------------------------------------------------------------- plots


def _register_plot_commands() -> None:
    """``animate`` and ``tour`` from :mod:`neurona._cli_plots`, when it is installed.

    The module is only looked up here (cheap); it is imported when a command runs.
    """
    import importlib.util

    if importlib.util.find_spec("neurona._cli_plots") is None:
        return
    for name in ("animate", "tour"):
        app.command(
            name, help=_plot_help(name), context_settings=_PASS_THROUGH, add_help_option=False
        )(_plot_stub(name))


_PASS_THROUGH = {"ignore_unknown_options": True, "allow_extra_args": True}


def _plot_help(name: str) -> str:
    return {
        "animate": "Animate training: the boundary moving update by update (GIF or MP4).",
        "tour": "Write the lecture's figures: gates, modes, loss surfaces, timings.",
    }[name]


def _plot_stub(name: str):
    def run(ctx: typer.Context) -> None:
        from . import _cli_plots, _i18n

        sub = typer.Typer(add_completion=False, rich_markup_mode=None)
        sub.command(name)(getattr(_cli_plots, f"{name}_command"))
        command = typer.main.get_command(sub)
        command.context_class = _HelpContext
        command.help = _i18n.tr(command.help)
        for param in command.params:
            if getattr(param, "help", None):
                param.help = _i18n.tr(param.help)
        with contextlib.ExitStack() as stack:
            if name == "tour":  # the lecture's examples keep its row order, on purpose
                import warnings

                from .errors import SortedDataWarning

                stack.enter_context(warnings.catch_warnings())
                warnings.simplefilter("ignore", SortedDataWarning)
            command.main(list(ctx.args), prog_name=f"neurona {name}", standalone_mode=False)

    run.__name__ = name
    return run


_register_plot_commands()


def main() -> None:
    """Entry point of the ``neurona`` console script (and ``python -m neurona``)."""
    app(prog_name="neurona")
