"""The command line's road to Dask: ``neurona train 'data/*.parquet' --scheduler ADDRESS|local``.

A glob of Parquet files becomes a dask dataframe (one partition per file, or per row group
of a large one); the estimator trains on it through its own ``fit``
(:mod:`neurona.cluster`). ``--scheduler local`` starts a :class:`distributed.LocalCluster`
on this machine for the run; an address (``tcp://host:8786``) joins a running cluster
(``dask scheduler`` and ``dask worker tcp://host:8786`` on the machines). No math lives
here; the command line (``cli.py``) calls :func:`fit_on_dask`.
"""

from __future__ import annotations

import contextlib
import glob
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .cluster import require
from .errors import DataError

__all__ = ["DaskFit", "fit_on_dask", "read_parquet_glob", "scheduler"]


@dataclass(frozen=True)
class DaskFit:
    """What a fit on Dask read: the feature columns, the target column, the source."""

    feature_names: list[str]
    target_name: str
    source: str
    n_files: int


@contextlib.contextmanager
def scheduler(address: str) -> Iterator[Any]:
    """A :class:`distributed.Client` for ``address``; ``"local"`` starts a LocalCluster on
    this machine (one worker process per core) for the duration of the block.

    Raises
    ------
    MissingDependencyError
        dask or distributed is missing (the message names ``pip install 'neurona[dask]'``).
    DataError
        No scheduler answers at ``address``.
    """
    require()
    from distributed import Client, LocalCluster

    if address == "local":
        with LocalCluster(processes=True, dashboard_address=":0") as local, Client(local) as c:
            yield c
        return
    try:
        client = Client(address, timeout="10s")
    except OSError as exc:
        raise DataError(
            f"no Dask scheduler answers at {address!r} ({exc}): start one with `dask "
            "scheduler` (and workers with `dask worker ADDRESS`), or pass --scheduler local"
        ) from None
    with client:
        yield client


def read_parquet_glob(
    pattern: str, target: str, features: Sequence[str] | None = None
) -> tuple[Any, Any, list[str]]:
    """``(X, y, feature names)`` of the Parquet files matching ``pattern``, as a dask
    dataframe ``X`` (n_samples, n_features) and series ``y`` (n_samples,).

    ``pattern`` is a local glob (``data/part-*.parquet``) or a URL that dask reads
    (``s3://bucket/data/*.parquet``, with its filesystem package installed).

    Raises
    ------
    DataError
        No file matches, or a named column is missing.
    """
    _, _, dd = require()
    local = "://" not in pattern
    if local and not glob.glob(pattern):
        raise DataError(f"no file matches {pattern!r}: quote the glob so the shell leaves it")
    frame = dd.read_parquet(pattern)
    columns = list(frame.columns)
    if target not in columns:
        raise DataError(f"no column {target!r} in {pattern}; the columns are {columns[:20]}")
    names = [c for c in columns if c != target] if features is None else list(features)
    missing = [c for c in names if c not in columns]
    if missing:
        raise DataError(f"no column(s) {missing} in {pattern}; the columns are {columns[:20]}")
    return frame[names], frame[target], names


def fit_on_dask(
    estimator: Any,
    pattern: str,
    target: str,
    features: Sequence[str] | None,
    address: str,
    *,
    on_epoch: Callable[[Any], object] | None = None,
) -> DaskFit:
    """Fit ``estimator`` on the Parquet files of ``pattern`` on the scheduler ``address``.

    ``on_epoch(EpochInfo)`` reports progress (gradient training), through the estimator's
    callbacks. Returns what was read; the fitted state is in ``estimator``.
    """
    if "://" not in pattern and not glob.glob(pattern):  # before any cluster starts
        raise DataError(f"no file matches {pattern!r}: quote the glob so the shell leaves it")
    with scheduler(address):
        X, y, names = read_parquet_glob(pattern, target, features)
        previous = estimator.get_params()["callbacks"]
        if on_epoch is not None:
            estimator.set_params(callbacks=[*(previous or ()), on_epoch])
        try:
            estimator.fit(X, y)
        finally:
            estimator.set_params(callbacks=previous)
        n_files = X.npartitions
    return DaskFit(names, target, f"{pattern} on Dask ({address})", n_files)
