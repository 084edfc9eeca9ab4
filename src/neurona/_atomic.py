"""Writing files whole or not at all: the one helper every writer of neurona uses.

:func:`atomic_path` gives a temporary path beside the target; when the ``with`` block ends
without an error the file is flushed to disk (``fsync``), given the permissions a new file
gets under the user's umask (or those of the file it replaces), and renamed over the
target in one step (``os.replace``), so readers see the old file or the new one, never a
half-written one. On an error or ``KeyboardInterrupt`` the temporary file is removed and
the target is left as it was.

Termination: while a temporary file exists, ``SIGTERM`` and ``SIGHUP`` (where the program
has not set handlers of its own) remove every temporary file of the process, of every
thread, then end the process by the same signal, as it would have ended without neurona
(a supervisor still sees the signal). ``SIGKILL`` cannot be caught: then a hidden
``.neurona-*.tmp`` file may stay behind, but the target is intact. Signal handlers can be
set only from the main thread; a write from another thread while none is set is removed on
errors only.

The temporary name is short and fixed in form (``.neurona-XXXXXXXX.tmp`` plus the target's
extension), so any legal target name works, however long; an error while writing names the
target the caller gave, never the temporary file.

Targets (:func:`write_target`): a symbolic link is written through (the file it points to
is replaced, the link stays a link, as ``>`` in a shell would); a folder, a named pipe, a
device or a socket is refused (:class:`OutputPathError`) before any temporary file exists,
as are a link loop and a missing folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = [
    "OutputPathError",
    "atomic_path",
    "atomic_write",
    "new_file_mode",
    "removed_on_termination",
    "write_target",
]

#: signals that end a process by default, during which temporary files are removed first
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_lock = threading.RLock()
_live: dict[Path, int] = {}  # temporary paths to remove on termination -> how many holders
_installed: dict[int, Any] = {}  # signal -> the handler it had before ours


def new_file_mode() -> int:
    """Permission bits of a new regular file under this process's umask (0o644 for 022)."""
    try:  # Linux: read it without changing it (os.umask would, for every thread)
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


class OutputPathError(OSError):
    """A path that cannot be written whole: a folder, a special file, a link loop, a
    missing folder. ``filename`` is the path as given; ``strerror`` says what it is and
    what to do."""

    def __init__(self, path: str | os.PathLike, reason: str, code: int = errno.EINVAL):
        super().__init__(code, reason, os.fspath(path))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def write_target(path: str | os.PathLike) -> Path:
    """The regular file that writing ``path`` replaces or creates: ``path`` itself, or
    for a symbolic link the file it points to (every link followed).

    Raises
    ------
    OutputPathError
        ``path`` is (or points to) a folder, a named pipe, a device or a socket; it is a
        link loop; or the folder it goes into does not exist.
    """
    given = Path(path)
    target = Path(os.path.realpath(given)) if os.path.islink(given) else given
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputPathError(
                given, "is a loop of symbolic links: give the name of a file", errno.ELOOP
            ) from None
        mode = None  # e.g. a path through a file: the folder check below says so
    via = f" (a link to {target})" if target != given else ""
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise OutputPathError(
                given, f"is a folder{via}: give the name of a file to write", errno.EISDIR
            )
        if not stat.S_ISREG(mode):
            raise OutputPathError(
                given,
                f"is {_kind(mode)}{via}, not a regular file: outputs are written as regular "
                "files (whole or not at all); give the name of a file",
            )
        return target
    folder = target.parent
    if not folder.is_dir():
        raise OutputPathError(
            given, f"the folder {folder} does not exist{via}: create it first", errno.ENOENT
        )
    return target


def _named_as_given(exc: BaseException, tmp: Path, given: Path) -> None:
    """Let ``exc`` (raised while writing ``tmp``) name ``given`` instead of ``tmp``: an
    ``OSError`` through its file names, any other error through the text of its message."""
    old, new = str(tmp), str(given)
    if isinstance(exc, OSError) and exc.errno is not None:
        with contextlib.suppress(AttributeError, TypeError):
            if exc.filename is None or str(exc.filename) == old:
                exc.filename = new
            if exc.filename2 is not None and str(exc.filename2) == old:
                exc.filename2 = new
        return
    if any(isinstance(a, str) and tmp.name in a for a in exc.args):
        with contextlib.suppress(AttributeError, TypeError):
            exc.args = tuple(
                a.replace(old, new).replace(tmp.name, given.name) if isinstance(a, str) else a
                for a in exc.args
            )


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` if the block succeeds.

    Parameters
    ----------
    path : path-like
        The target. Its folder must exist.
    suffix : str, optional
        Extension of the temporary name (default: the target's, so tools that read the
        format from the name still see it).

    Raises
    ------
    OutputPathError
        ``path`` cannot be a file written whole (see :func:`write_target`).
    OSError
        The folder cannot be written (the error names ``path``, not the temporary file).
    """
    given = Path(path)
    path = write_target(given)
    suffix = given.suffix[:16] if suffix is None else suffix
    with _terminating_signals():  # before the file exists: no moment without cleanup
        try:
            fd, name = tempfile.mkstemp(
                prefix=".neurona-", suffix=".tmp" + suffix, dir=path.parent
            )
        except OSError as exc:
            if exc.errno is not None and ".neurona-" in str(exc.filename or ".neurona-"):
                exc.filename = str(given)
            raise
        tmp = Path(name)
        with removed_on_termination(tmp):
            os.close(fd)
            try:
                yield tmp
                _sync(tmp)
                os.chmod(tmp, _mode_for(path))
                os.replace(tmp, path)
            except BaseException as exc:
                tmp.unlink(missing_ok=True)
                _named_as_given(exc, tmp, given)
                raise


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike, mode: str = "wb", *, encoding: str | None = None
) -> Iterator[IO[Any]]:
    """Yield a file object open on a temporary file; it replaces ``path`` on success."""
    with atomic_path(path) as tmp, open(tmp, mode, encoding=encoding) as f:
        yield f


@contextlib.contextmanager
def removed_on_termination(path: Path) -> Iterator[Path]:
    """Remove ``path`` (a file or a folder) if SIGTERM or SIGHUP ends the process while
    the block runs (see the module docstring); the caller removes it otherwise."""
    with _terminating_signals():
        with _lock:
            _live[path] = _live.get(path, 0) + 1
        try:
            yield path
        finally:
            with _lock:
                _live[path] -= 1
                if not _live[path]:
                    del _live[path]


def _sync(tmp: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())


def _mode_for(path: Path) -> int:
    """The target's own permission bits when it exists, else a new file's."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return new_file_mode()


_depth = 0


@contextlib.contextmanager
def _terminating_signals() -> Iterator[None]:
    """Our handler on SIGTERM/SIGHUP while the block runs, where the default was set; the
    outermost block puts back what it found, unless the program changed it meanwhile."""
    global _depth
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with _lock:
        if _depth == 0:
            for sig in _SIGNALS:
                if signal.getsignal(sig) is signal.SIG_DFL:
                    _installed[sig] = signal.signal(sig, _terminate)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                for sig, before in _installed.items():
                    if signal.getsignal(sig) is _terminate:
                        signal.signal(sig, before)
                _installed.clear()


def _terminate(signum: int, frame: Any) -> None:
    """Remove every live temporary path, then die of ``signum`` as the default would."""
    with _lock:  # reentrant: the main thread may hold it where the signal arrived
        paths = list(_live)
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
