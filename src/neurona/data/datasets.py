"""Bundled datasets: scikit-learn's real ones, the logic gates, and seeded generators.

Nothing is downloaded: iris, breast cancer and diabetes are the files scikit-learn ships
(:func:`sklearn.datasets.load_iris` and friends); the gates are the truth tables of
:mod:`neurona.logic`; the generators draw from one seeded :class:`numpy.random.Generator`,
so the same ``random_state`` always gives the same rows.

Examples
--------
>>> from neurona.data import load_dataset
>>> ds = load_dataset("and")
>>> ds.X.tolist(), ds.y.tolist()
([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 0, 0, 1])
>>> load_dataset("blobs", n_samples=50, random_state=1).X.shape
(50, 2)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..errors import DataError

__all__ = ["DATASETS", "Dataset", "load_dataset"]


@dataclass(frozen=True)
class Dataset:
    """A bundled dataset.

    Attributes
    ----------
    name : str
    X : (n_samples, n_features) float64
    y : (n_samples,)
        Class labels (strings or 0/1) or float64 numbers (``task == "regression"``).
    feature_names : list of str
    target_name : str
    task : {"classification", "regression"}
    description : str
    """

    name: str
    X: np.ndarray
    y: np.ndarray
    feature_names: list[str]
    target_name: str
    task: str
    description: str


def _snake(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.lower().replace("(cm)", "")).strip("_")


def _sklearn(loader: str, name: str, description: str, target_name: str) -> Dataset:
    import sklearn.datasets

    bunch = getattr(sklearn.datasets, loader)()
    names = getattr(bunch, "target_names", None)
    regression = names is None
    y = bunch.target.astype(np.float64) if regression else names[bunch.target].astype(object)
    return Dataset(
        name,
        np.asarray(bunch.data, dtype=np.float64),
        y,
        [_snake(f) for f in bunch.feature_names],
        target_name,
        "regression" if regression else "classification",
        description,
    )


def _iris(**_) -> Dataset:
    return _sklearn("load_iris", "iris", _DESCRIPTIONS["iris"], "species")


def _iris2(**_) -> Dataset:
    ds = _iris()
    keep = np.isin(ds.y, ["setosa", "versicolor"])
    cols = [0, 2]  # sepal length, petal length: the classic separable pair
    return Dataset(
        "iris-2",
        ds.X[keep][:, cols],
        ds.y[keep],
        [ds.feature_names[c] for c in cols],
        "species",
        "classification",
        _DESCRIPTIONS["iris-2"],
    )


def _breast_cancer(**_) -> Dataset:
    return _sklearn(
        "load_breast_cancer", "breast-cancer", _DESCRIPTIONS["breast-cancer"], "diagnosis"
    )


def _diabetes(**_) -> Dataset:
    return _sklearn("load_diabetes", "diabetes", _DESCRIPTIONS["diabetes"], "progression")


def _gate(name: str) -> Callable[..., Dataset]:
    def load(**_) -> Dataset:
        from .. import logic

        unit = getattr(logic, name.upper())
        rows = np.array(logic.truth_table(unit, unit.n_inputs))
        features = [f"x_{j + 1}" for j in range(unit.n_inputs)]
        X, y = rows[:, :-1].astype(np.float64), rows[:, -1].astype(np.int64)
        return Dataset(name, X, y, features, "out", "classification", _DESCRIPTIONS[name])

    return load


def _blobs(n_samples: int = 200, random_state: int | None = 0, margin: float = 0.5) -> Dataset:
    r"""Two Gaussian clouds with a gap: every row has :math:`|w^* \cdot x + b^*| \ge` margin."""
    rng = np.random.default_rng(random_state)
    w, b = np.array([1.0, -1.0]) / np.sqrt(2.0), 0.0
    rows: list[np.ndarray] = []
    while sum(len(r) for r in rows) < n_samples:
        X = rng.normal(scale=2.0, size=(2 * n_samples, 2))
        rows.append(X[np.abs(X @ w + b) >= margin])
    X = np.concatenate(rows)[:n_samples]
    y = (X @ w + b > 0).astype(np.int64)
    return Dataset("blobs", X, y, ["x_1", "x_2"], "y", "classification", _DESCRIPTIONS["blobs"])


def _linear(n_samples: int = 200, random_state: int | None = 0, noise: float = 0.5) -> Dataset:
    """``y = X @ (2, -3, 0.5) + 4 + noise·N(0, 1)``, features standard normal."""
    rng = np.random.default_rng(random_state)
    X = rng.normal(size=(n_samples, 3))
    y = X @ np.array([2.0, -3.0, 0.5]) + 4.0 + noise * rng.normal(size=n_samples)
    names = ["x_1", "x_2", "x_3"]
    return Dataset("linear", X, y, names, "y", "regression", _DESCRIPTIONS["linear"])


def _xor_blobs(n_samples: int = 200, random_state: int | None = 0, noise: float = 0.15):
    """Clouds around the four corners of the unit square, labelled by XOR of the corner."""
    rng = np.random.default_rng(random_state)
    corners = rng.integers(0, 2, size=(n_samples, 2))
    X = corners + noise * rng.normal(size=(n_samples, 2))
    y = (corners[:, 0] ^ corners[:, 1]).astype(np.int64)
    return Dataset(
        "xor-blobs", X, y, ["x_1", "x_2"], "y", "classification", _DESCRIPTIONS["xor-blobs"]
    )


_DESCRIPTIONS = {
    "iris": "Fisher's iris: 150 flowers, 4 measurements (cm), 3 species (scikit-learn)",
    "iris-2": "iris setosa vs versicolor on sepal and petal length: separable (the demo)",
    "breast-cancer": "Wisconsin breast cancer: 569 tumours, 30 features, malignant/benign",
    "diabetes": "diabetes progression: 442 patients, 10 standardised features (regression)",
    "and": "the AND gate: 4 rows, inputs x_1 x_2, output out",
    "or": "the OR gate: 4 rows",
    "nand": "the NAND gate: 4 rows",
    "nor": "the NOR gate: 4 rows",
    "xor": "the XOR gate: 4 rows, not linearly separable",
    "blobs": "seeded: two Gaussian clouds with a gap (separable), 2 features",
    "linear": "seeded: y = 2 x_1 - 3 x_2 + 0.5 x_3 + 4 + noise (regression)",
    "xor-blobs": "seeded: noisy clouds at the unit square's corners, labelled by XOR",
}

#: name -> loader; generators take ``n_samples`` and ``random_state``
DATASETS: dict[str, Callable[..., Dataset]] = {
    "iris": _iris,
    "iris-2": _iris2,
    "breast-cancer": _breast_cancer,
    "diabetes": _diabetes,
    **{g: _gate(g) for g in ("and", "or", "nand", "nor", "xor")},
    "blobs": _blobs,
    "linear": _linear,
    "xor-blobs": _xor_blobs,
}

GENERATORS = ("blobs", "linear", "xor-blobs")


def describe() -> dict[str, str]:
    """Name -> one-line description of every bundled dataset."""
    return dict(_DESCRIPTIONS)


def load_dataset(
    name: str, *, n_samples: int | None = None, random_state: int | None = 0
) -> Dataset:
    """A bundled dataset by name (see :data:`DATASETS`).

    Parameters
    ----------
    name : str
    n_samples : int, optional
        Rows to draw (generators only; default 200).
    random_state : int or None
        Seed of the generators (default 0: the same rows every time).

    Raises
    ------
    DataError
        Unknown name, or ``n_samples`` for a fixed dataset.
    """
    key = name.lower().replace("_", "-")
    if key not in DATASETS:
        raise DataError(
            f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)} "
            "(`neurona datasets` lists them)"
        )
    if key not in GENERATORS:
        if n_samples is not None:
            raise DataError(
                f"dataset {key!r} is fixed; --n-samples applies to {', '.join(GENERATORS)}"
            )
        return DATASETS[key]()
    if n_samples is not None and n_samples < 1:
        raise DataError(f"n_samples={n_samples} must be at least 1")
    kwargs = {"random_state": random_state}
    if n_samples is not None:
        kwargs["n_samples"] = int(n_samples)
    return DATASETS[key](**kwargs)
