"""One exception family for everything neurona refuses to do.

Every message says what was wrong and what to do about it. The command line turns
these into a one-line message and a non-zero exit code.
"""

from __future__ import annotations

import os
import sys
import warnings

from sklearn.exceptions import ConvergenceWarning as _SklearnConvergenceWarning

__all__ = [
    "ConvergenceWarning",
    "DataError",
    "DataTypeError",
    "DataWarning",
    "DivergenceError",
    "MissingDependencyError",
    "ModelFileError",
    "NeuronaError",
    "ParameterError",
    "SeparabilityWarning",
    "SortedDataWarning",
    "warn",
]


class NeuronaError(Exception):
    """Base class of every error neurona raises on purpose."""


class DataError(NeuronaError, ValueError):
    """The data cannot be used as given (NaN, wrong shape, one class, text, ...)."""


class DataTypeError(DataError, TypeError):
    """The data hold values of a type that cannot become a number."""


class ParameterError(NeuronaError, ValueError):
    """A hyperparameter has a value the estimator cannot use."""


class DivergenceError(NeuronaError, FloatingPointError):
    """Training produced non-finite weights or loss; the last finite weights are kept."""


class ModelFileError(NeuronaError, ValueError):
    """A model file is corrupted, truncated, foreign, too new or unsafe to open."""


class MissingDependencyError(NeuronaError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class ConvergenceWarning(_SklearnConvergenceWarning):
    """The epoch limit stopped a run that had a tolerance before it converged.

    A subclass of scikit-learn's ``ConvergenceWarning``, so filters for either apply.
    """


class DataWarning(UserWarning):
    """Data that train, but probably not as the user meant (e.g. a continuous target
    read as one class per value)."""


class SortedDataWarning(DataWarning):
    """A classifier's training rows arrive sorted by class (its labels form one block per
    class) and are visited in that order: pass ``shuffle=True`` (``--shuffle``), or
    filter this warning where the lecture's order is meant (:mod:`neurona._order`)."""


class SeparabilityWarning(UserWarning):
    """A perceptron ended its epochs still making mistakes: the data may not be separable."""


_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def warn(message: str, category: type[Warning]) -> None:
    """``warnings.warn`` attributed to the first line outside neurona: the caller's own
    ``fit`` (or script) line, however deep inside neurona the warning was raised."""
    frame, level = sys._getframe(1), 2  # stacklevel 1 is this function, 2 its caller
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)
