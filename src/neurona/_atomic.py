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
extension), so any legal target name works, however long.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_path", "atomic_write", "new_file_mode", "removed_on_termination"]

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
    OSError
        The folder does not exist or cannot be written.
    """
    path = Path(path)
    suffix = path.suffix[:16] if suffix is None else suffix
    with _terminating_signals():  # before the file exists: no moment without cleanup
        fd, name = tempfile.mkstemp(prefix=".neurona-", suffix=".tmp" + suffix, dir=path.parent)
        tmp = Path(name)
        with removed_on_termination(tmp):
            os.close(fd)
            try:
                yield tmp
                _sync(tmp)
                os.chmod(tmp, _mode_for(path))
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
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
