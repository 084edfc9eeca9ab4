"""Writing files whole or not at all: the one helper every writer of neurona uses.

:func:`atomic_path` gives a temporary path beside the target; when the ``with`` block ends
without an error the file is flushed to disk (``fsync``), given the permissions a new file
gets under the user's umask (or those of the file it replaces), and renamed over the
target in one step (``os.replace``), so readers see the old file or the new one, never a
half-written one. On an error, ``KeyboardInterrupt`` (Ctrl-C), ``SIGTERM`` or ``SIGHUP``
the temporary file is removed and the target is left as it was. (``SIGKILL`` cannot be
caught: then a hidden ``.neurona-*.tmp`` file may stay behind, but the target is intact.)

The temporary name is short and fixed in form (``.neurona-XXXXXXXX.tmp`` plus the target's
extension), so any legal target name works, however long.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_path", "atomic_write", "new_file_mode", "terminating_signals_exit"]

#: signals that terminate a process by default and are turned into SystemExit while a
#: temporary file exists, so that it is removed
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_lock = threading.Lock()
_depth = 0
_previous: dict[int, Any] = {}


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
    fd, name = tempfile.mkstemp(prefix=".neurona-", suffix=".tmp" + suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    with terminating_signals_exit():
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


def _sync(tmp: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())


def _mode_for(path: Path) -> int:
    """The target's own permission bits when it exists, else a new file's."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return new_file_mode()


@contextlib.contextmanager
def terminating_signals_exit() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise SystemExit (so ``finally`` blocks and
    context managers clean up) where they would have killed the process outright; handlers
    the program set stay. Only the main thread can install handlers; elsewhere this does
    nothing."""
    global _depth
    main = threading.current_thread() is threading.main_thread()
    if main:
        with _lock:
            if _depth == 0:
                for sig in _SIGNALS:
                    if signal.getsignal(sig) is signal.SIG_DFL:
                        _previous[sig] = signal.signal(sig, _exit)
            _depth += 1
    try:
        yield
    finally:
        if main:
            with _lock:
                _depth -= 1
                if _depth == 0:
                    for sig, handler in _previous.items():
                        signal.signal(sig, handler)
                    _previous.clear()


def _exit(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)
