"""The lecture's neurons as scikit-learn estimators: parameters in, attributes out, no math.

Every estimator is a subclass of :class:`AbstractNeuronEstimator`, which alone writes the
fitted state: ``fit``, ``partial_fit``, :meth:`~AbstractNeuronEstimator.fit_chunks`
(data read chunk by chunk) and :func:`load` (a model file) all end in its methods. All
of them train on one engine (:func:`neurona.train.train_epochs`): a neuron from
:mod:`neurona.neurons`, a mode from :mod:`neurona.modes`, a backend resolved by
:func:`neurona.backends.resolve`. Weights start at zero, as in the lecture.

:data:`ESTIMATORS` lists them by their command-line name; the command line, the plots,
the model files and ``neurona``'s own namespace read it.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, clone, is_classifier
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted

from . import io, solvers
from ._text import keep_nuls
from ._validation import (
    as_input,
    as_labels,
    check_finite,
    check_label_kinds,
    check_number,
    check_params,
    data_errors,
    encode_labels,
    validate_fit,
    validate_predict,
)
from .backends import check_backend, resolve
from .cluster import dispatch_predictions as _dask_predictions  # dask hook (issue 19)
from .cluster import fit as _dask_fit
from .cluster import is_dask as _is_dask
from .errors import (
    DataError,
    DivergenceError,
    ModelFileError,
    ParameterError,
    SeparabilityWarning,
    warn,
)
from .modes import MODES, Steps
from .neurons import (
    ADALINE,
    LINEAR,
    LOGISTIC,
    PERCEPTRON_ERROR,
    PERCEPTRON_MARGIN,
    Neuron,
    Terms,
)
from .schedules import Schedule, check_feature_scales, safe_rate
from .train import Callback, Run, TrainResult, new_history, train_epochs

__all__ = [
    "ESTIMATORS",
    "AbstractNeuronEstimator",
    "Adaline",
    "LinearRegression",
    "LogisticRegression",
    "Perceptron",
    "load",
]

#: ``fit_chunks``' data: a callable returning a fresh iterable of ``(X, y)`` chunks
Chunks = Callable[[], Iterable[tuple[Any, Any]]]
#: ``fit_chunks``' progress: ``on_chunk(rows done in this pass, pass number from 1)``
OnChunk = Callable[[int, int], object]


def _make_rng(random_state) -> np.random.Generator:
    """One Generator from ``random_state`` (None, int, Generator, SeedSequence, RandomState).

    Raises
    ------
    ParameterError
        Anything else (a negative seed, a float, a string).
    """
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(np.iinfo(np.int32).max))
    try:
        return np.random.default_rng(random_state)
    except (TypeError, ValueError) as exc:
        raise ParameterError(
            f"random_state={random_state!r} is not a seed ({exc}): pass None, an integer "
            ">= 0, or a numpy.random.Generator"
        ) from None


class AbstractNeuronEstimator(BaseEstimator):
    """Fit, continue, solve, save and restore one single-layer neuron (or one per class).

    A subclass says which neuron it trains (:meth:`_neuron`), whether it solves in closed
    form (:meth:`_solver`), how labels become targets (:meth:`_outputs`) and how the
    weights are exposed (:meth:`_store`). Everything else, and every write of a fitted
    attribute, happens here.

    Fitted state
    ------------
    ``coef_``, ``intercept_``, ``n_features_in_`` (and ``feature_names_in_``),
    ``n_iter_``, ``t_``, ``learning_rate_`` (gradient training), ``history_``, and for
    classifiers ``classes_``. Private: the random generator of row orders, and the backend
    a continued run stays on. Everything else is derived (the number of outputs from
    ``coef_``, whether a regression target was 1-D from ``coef_.ndim``).
    """

    #: parameters that make this estimator train by gradient steps (animations need them)
    gradient_params: ClassVar[dict[str, Any]] = {}
    #: the values each of this class's few-valued hyperparameters may take
    _choices: ClassVar[dict[str, tuple]] = {
        "schedule": ("constant", "invscaling"),
        "reduction": ("sum", "mean"),
        "shuffle": (True, False),
        "warm_start": (True, False),
        "fit_intercept": (True, False),
        "penalty": (None, "l2", "l1", "elasticnet"),
        "early_stopping": (True, False),
    }
    #: the attributes saved in model files, besides the arrays
    _SCALARS: ClassVar[tuple[str, ...]] = ("n_features_in_", "n_iter_", "t_", "learning_rate_")

    # --- dask hook (issue 19): predict, score, ... take dask collections, blockwise ------
    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # SciPy sparse X (CSR, CSC, COO): issue 16
        return tags

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _dask_predictions(cls)

    # what a subclass declares ---------------------------------------------------------
    def _neuron(self) -> Neuron:
        raise NotImplementedError

    @property
    def neuron(self) -> Neuron:
        """The neuron these parameters train (:mod:`neurona.neurons`): its σ_fit, loss and
        targets."""
        return self._neuron()

    def _solver(self) -> str | None:
        """The closed-form solver to use, or None to train by gradient steps."""
        return None

    def _outputs(self, y: np.ndarray, dtype: Any, *, classes: Any, warm: bool) -> np.ndarray:
        """The targets ``T`` (n_samples, n_outputs) of ``y`` in ``dtype``; a new fit sets up
        its outputs (``classes_``), a continued one checks ``y`` against them."""
        raise NotImplementedError

    def _store(self, W: np.ndarray, b: np.ndarray, *, squeeze: bool) -> None:
        """Expose ``W`` (n_features, n_outputs) and ``b`` (n_outputs,) as coef_/intercept_."""
        self.coef_, self.intercept_ = W.T.copy(), b.copy()

    # parameters ------------------------------------------------------------------------
    @classmethod
    def param_choices(cls) -> dict[str, tuple]:
        """Every hyperparameter that takes one of a few values, with those values: the
        modes of the registry, and each class's own (``_choices``, base classes first).
        ``fit`` refuses anything else; the command line offers these."""
        choices: dict[str, tuple] = {"mode": tuple(MODES)}
        for klass in reversed(cls.__mro__):
            choices.update(vars(klass).get("_choices", {}))
        return choices

    @property
    def closed_form(self) -> bool:
        """Whether these parameters solve in closed form (no epochs, no updates to watch);
        ``gradient_params`` are the ones that train by gradient steps instead."""
        return self._solver() is not None

    def _new_history(self) -> dict[str, list]:
        """An empty ``history_`` with the keys this estimator records (``track_accuracy``:
        a classifier's per-epoch accuracy, unless turned off)."""
        return new_history(self._neuron(), accuracy=bool(getattr(self, "track_accuracy", True)))

    def _check_continuation(self, *, partial: bool) -> None:
        """A continued gradient run (``partial_fit``, ``warm_start``) appends to ``history_``:
        its keys must be the ones this estimator records now. Checked before anything else
        changes, so that a refused call leaves the estimator as it was (``learning_rate_``
        included); a closed form starts its history afresh."""
        warm = hasattr(self, "coef_") and (partial or self.warm_start)
        if not warm or self.closed_form or not hasattr(self, "history_"):
            return
        kept, want = set(self.history_), set(self._new_history())
        if kept != want:
            raise ParameterError(
                f"history_ holds {sorted(kept)} from the earlier calls, but "
                f"track_accuracy={getattr(self, 'track_accuracy', True)!r} records "
                f"{sorted(want)}: keep the same track_accuracy across partial_fit and "
                "warm_start calls, or refit from scratch"
            )

    def _check_params(self) -> None:
        check_params(self, **self.param_choices())
        if not (isinstance(self.learning_rate, str) and self.learning_rate == "auto"):
            check_number(self, "learning_rate", low=0.0, strict=True)
        check_number(self, "power_t", low=0.0)
        check_number(self, "epochs", low=1, integer=True)
        check_number(self, "batch_size", low=1, integer=True)
        check_number(self, "tol", low=0.0, optional=True)
        check_number(self, "n_iter_no_change", low=1, integer=True)
        check_backend(self.backend, self.device)
        if self.callbacks is not None and (  # a list: an iterator would be used up here
            not isinstance(self.callbacks, list | tuple)
            or not all(callable(c) for c in self.callbacks)
        ):
            raise ParameterError("callbacks must be a list of callables (or None)")
        check_number(self, "alpha", low=0.0)
        check_number(self, "l1_ratio", low=0.0)
        if self.l1_ratio > 1:
            raise ParameterError(
                f"{type(self).__name__}(l1_ratio={self.l1_ratio!r}) is not valid; pass a number "
                "in [0, 1] (0: L2 only, 1: L1 only)"
            )
        check_number(self, "validation_fraction", low=0.0, strict=True)
        if not self.validation_fraction < 1:
            raise ParameterError(
                f"{type(self).__name__}(validation_fraction={self.validation_fraction!r}) is "
                "not valid; pass a share of the rows strictly between 0 and 1"
            )
        if self.closed_form and self.early_stopping:
            raise ParameterError(
                f"early_stopping applies to gradient training; solver={self._solver()!r} "
                "solves in closed form: use solver='gd', or early_stopping=False"
            )
        avg = self.average
        if not (
            isinstance(avg, bool | np.bool_) or (isinstance(avg, int | np.integer) and avg >= 0)
        ):
            raise ParameterError(
                f"{type(self).__name__}(average={avg!r:.40}) is not valid; pass True, False, "
                "or the step (an integer >= 1) from which the weights are averaged"
            )
        if self.closed_form and (self.penalty is not None or self._average_from()):
            raise ParameterError(
                f"penalty={self.penalty!r} and average={avg!r} apply to gradient training; "
                f"solver={self._solver()!r} solves in closed form"
                + (" (its ridge penalty is alpha)" if hasattr(self, "_alpha_is_ridge") else "")
                + ": use solver='gd', or leave them at None and False"
            )

    def _average_from(self) -> int:
        """scikit-learn's ``average`` as a step (1-based; 0: no averaging)."""
        return 1 if self.average is True else int(self.average or 0)

    def _terms(self) -> Terms | None:
        """The penalties and averaging of gradient training (scikit-learn's definitions:
        ``l2 = (1 - l1_ratio) α``, ``l1 = l1_ratio α``, ``"l2"`` takes l1_ratio = 0 and
        ``"l1"`` takes 1), or None when there are none."""
        ratio = {None: None, "l2": 0.0, "l1": 1.0}.get(self.penalty, float(self.l1_ratio))
        alpha = float(self.alpha)
        l2, l1 = (0.0, 0.0) if ratio is None else ((1.0 - ratio) * alpha, ratio * alpha)
        terms = Terms(l2, l1, self._average_from())
        return terms if terms.active else None

    def _steps(self) -> Steps:
        return Steps(
            MODES[self.mode], int(self.batch_size), self.shuffle, self.reduction == "mean"
        )

    def _schedule(
        self,
        X: np.ndarray,
        steps: Steps,
        warm: bool,
        updates: int | None = None,
        row_weights: np.ndarray | None = None,
    ) -> Schedule:
        r"""``learning_rate``, or for ``"auto"`` the safe step of :func:`safe_rate`: on a
        fresh run, that of its data; on a continued one (``partial_fit``, ``warm_start``,
        chunks), the smaller of the step so far and that of the new data, so that no step
        taken on any data seen can overshoot (a run keeps its step while the data allow).
        Sample (and class) weights scale each row's curvature by its weight
        (``safe_rate(weights=)``)."""
        neuron = self._neuron()
        scales = not neuron.mistake_driven  # a gradient's steps depend on the features' scales
        try:
            if isinstance(self.learning_rate, str):
                try:
                    with np.errstate(over="ignore", under="ignore"):  # extreme weights
                        rate = safe_rate(X, steps, neuron.curvature, check_scales=scales,
                                         updates=updates, weights=row_weights)  # fmt: skip
                except DataError as exc:
                    if row_weights is None:
                        raise
                    try:  # the features alone allow a step: the weights are to blame
                        safe_rate(X, steps, neuron.curvature, check_scales=False,
                                  updates=updates)  # fmt: skip
                    except DataError:
                        raise exc from None
                    raise DataError(
                        "the row weights (sample_weight times class_weight, from "
                        f"{float(np.min(row_weights)):.3g} to {float(np.max(row_weights)):.3g})"
                        f" leave no safe {X.dtype} step (the features alone would allow "
                        "one): rescale the weights (e.g. divide them by their largest; only "
                        "their ratios matter)"
                    ) from None
                if warm and hasattr(self, "learning_rate_"):
                    rate = min(rate, float(self.learning_rate_))
            else:
                rate = float(self.learning_rate)
                tiny = float(np.finfo(X.dtype).tiny)
                if rate < tiny:
                    raise ParameterError(
                        f"learning_rate={rate:g} is below the smallest normal {X.dtype} "
                        f"number ({tiny:.3g}): the {X.dtype} updates would vanish; use a "
                        "larger rate, or learning_rate='auto'"
                    )
                if scales:
                    check_feature_scales(X, updates=updates)
        except DataError:
            check_finite(X)  # NaN or infinity in X (not yet looked for): say so
            raise
        self.learning_rate_ = rate
        power = self.power_t if self.schedule == "invscaling" else 0.0
        return Schedule(self.learning_rate_, float(power))

    # fitting ---------------------------------------------------------------------------
    def _fit(self, X, y, *, partial: bool, classes=None, on_update=None, init=(None, None),
             sample_weight=None):  # fmt: skip
        self._check_params()
        self._check_continuation(partial=partial)
        before = dict(self.__dict__)
        try:
            if _is_dask(X) and (
                sample_weight is not None
                or not self.fit_intercept
                or getattr(self, "class_weight", None) is not None
                or self._terms() is not None
                or self.early_stopping
            ):
                raise ParameterError(
                    "sample_weight, class_weight, fit_intercept=False, penalty, average and "
                    "early_stopping apply to in-memory data (NumPy arrays, tensors), not dask "
                    "collections: compute the data, or leave them at their defaults"
                )  # fmt: skip
            if _is_dask(X):  # --- dask hook (issue 19): dask data train on the cluster
                return _dask_fit(self, X, y, partial=partial, classes=classes,
                                   on_update=on_update, make_rng=_make_rng)  # fmt: skip
            if any(v is not None for v in init) and (_is_dask(X) or self.closed_form):
                raise ParameterError(
                    f"solver={self._solver()!r} solves in closed form; coef_init applies to "
                    "gradient training (solver='gd')" if self.closed_form else
                    "coef_init and intercept_init apply to in-memory data, not dask arrays"
                )  # fmt: skip
            return self._fit_checked(X, y, partial=partial, classes=classes,
                                     on_update=on_update, init=init,
                                     sample_weight=sample_weight)  # fmt: skip
        except DataError:  # refused data leave the estimator as it was
            self.__dict__.clear()
            self.__dict__.update(before)
            raise

    def _fit_checked(self, X, y, *, partial: bool, classes, on_update, init=(None, None),
                     sample_weight=None):  # fmt: skip
        warm = hasattr(self, "coef_") and (partial or self.warm_start)
        # training that visits every row notices NaN and infinity itself (no net input is
        # finite then): no pass over X looks for them first (see _run)
        finite = self.closed_form or not self._steps().mode.visits_all
        X, y, T = self._validated(
            X, y, reset=not warm, classes=classes, partial=partial, finite=finite
        )
        if not partial and is_classifier(self):  # rows sorted by class: warned (issue 17)
            from ._order import warn_if_sorted

            warn_if_sorted(self, y)
        if not warm or not hasattr(self, "_rng"):
            self._rng = _make_rng(self.random_state)
        S = self._entry_weights(sample_weight, y, T, partial=partial)
        solver = self._solver()
        if solver is not None:
            if on_update is not None:
                raise ParameterError(
                    f"solver={solver!r} solves in closed form: there are no updates to report; "
                    "use solver='gd' for on_update"
                )
            sol = self._solve(X, T, S)
            return self._install_solution(sol, squeeze=self._squeeze(y), dtype=X.dtype,
                                          data=(X, T))  # fmt: skip
        epochs, tol = (1, None) if partial else (int(self.epochs), self.tol)
        validation = None
        if self.early_stopping and not partial:  # partial_fit trains on every row given
            X, T, S, validation = self._held_out(X, y, T, S, sample_weight)
        result = self._run(X, T, warm, epochs, tol, squeeze=self._squeeze(y), on_update=on_update,
                           init=init, whole_run=not partial, weights=S,
                           validation=validation)  # fmt: skip
        if validation is not None:
            self.validation_scores_ = list(result.validation_scores)
            self.best_validation_score_ = max(self.validation_scores_)
            self.best_loss_ = None
        else:
            for name in ("validation_scores_", "best_validation_score_"):
                self.__dict__.pop(name, None)
            self.best_loss_ = min(self.history_["loss"], default=None)
        self.n_iter_ = self.n_iter_ + 1 if partial and warm else result.n_epochs
        if not partial:
            self._after_fit(result, X)
        return self

    def _validated(
        self, X, y, *, reset: bool, classes=None, partial: bool = False, finite: bool = True
    ):
        """``(X, y, T)``: validated data and their targets.

        ``reset`` starts a new fit: the outputs (classes) are set up from ``y`` (or
        ``classes``); otherwise ``y`` is checked against them. ``finite=False`` leaves the
        search for NaN and infinity in X to the training (:meth:`_run`).
        """
        classifier = is_classifier(self)
        if classifier:
            y = keep_nuls(y)  # a list's labels ending in NUL: kept apart, not merged
        X, y = validate_fit(
            self, X, y, reset=reset, classifier=classifier, multi_output=not classifier,
            finite=finite,
        )  # fmt: skip
        if partial and reset and classifier and classes is None:
            raise DataError(
                "classes must be passed on the first call to partial_fit: "
                "partial_fit(X, y, classes=np.unique(all_labels))"
            )
        return X, y, self._outputs(y, X.dtype, classes=classes, warm=not reset)

    def _solve(self, X, T, S) -> solvers.LeastSquaresSolution:
        """The closed-form solution, weighted by ``S`` (n_samples, n_outputs) if given: one
        solve when every output has the same weights, else one per output."""
        common = dict(solver=self._solver(), alpha=self._alpha(),
                      fit_intercept=bool(self.fit_intercept))  # fmt: skip
        if S is None or (S[:, :1] == S).all():
            sw = None if S is None else S[:, 0]
            return solvers.solve_least_squares(X, T, sample_weight=sw, **common)
        parts = [solvers.solve_least_squares(X, T[:, k : k + 1], sample_weight=S[:, k], **common)
                 for k in range(T.shape[1])]  # fmt: skip
        return solvers.LeastSquaresSolution(
            np.hstack([p.coef for p in parts]),
            np.concatenate([p.intercept for p in parts]),
            parts[0].solver,
            max(p.cond for p in parts),
            min(p.rank for p in parts),
        )

    def _held_out(self, X, y, T, S, sample_weight):
        """``(X, T, S)`` of the training rows and the validation scorer of early stopping.

        The held-out share ``validation_fraction`` is drawn from the estimator's one
        Generator: a seed from it drives scikit-learn's ``StratifiedShuffleSplit``
        (classifiers: each class keeps its share) or ``ShuffleSplit`` (regressors), so
        the split is scikit-learn's kind of split but not the rows scikit-learn's own
        ``random_state`` would pick. The score is scikit-learn's: the accuracy (weighted
        by ``sample_weight``) for classifiers, :math:`R^2` for regressors; each output's
        own score (its one-vs-rest binary accuracy, or its column's :math:`R^2`) decides
        when that output stops.

        Raises
        ------
        DataError
            A split that leaves no training or no validation row, or validation rows that
            all weigh 0 (scikit-learn's two refusals); for a regressor, validation rows
            whose targets (where they weigh) are all one value, whose R² is undefined.
        """
        from sklearn.metrics import r2_score
        from sklearn.model_selection import ShuffleSplit, StratifiedShuffleSplit

        n = X.shape[0]
        classifier = is_classifier(self)
        splitter = StratifiedShuffleSplit if classifier else ShuffleSplit
        seed = int(self._rng.integers(np.iinfo(np.int32).max))
        labels = np.argmax(T, axis=1) if classifier and T.shape[1] > 1 else T[:, 0]
        try:
            cv = splitter(test_size=self.validation_fraction, random_state=seed)
            train, val = next(cv.split(np.zeros((n, 1)), labels if classifier else None))
        except ValueError as exc:
            raise DataError(
                f"early_stopping cannot split {n} samples with validation_fraction="
                f"{self.validation_fraction!r} ({exc}); change validation_fraction, pass more "
                "samples, or set early_stopping=False"
            ) from None
        if train.size == 0 or val.size == 0:
            raise DataError(
                f"early_stopping: splitting {n} samples with validation_fraction="
                f"{self.validation_fraction!r} leaves an empty set ({train.size} and "
                f"{val.size} samples); change validation_fraction, pass more samples, or set "
                "early_stopping=False"
            )
        if not classifier and val.size < 2:
            raise DataError(
                f"early_stopping: splitting {n} samples with validation_fraction="
                f"{self.validation_fraction!r} leaves {val.size} validation row, and R² (the "
                "score of a regression) needs at least 2; raise validation_fraction, pass "
                "more samples, or set early_stopping=False"
            )
        train.sort()  # the training rows keep their order (scikit-learn skips the others)
        sw = None if sample_weight is None else _checked_sample_weight(sample_weight, n)[val]
        if sw is not None and not sw.any():
            raise DataError(
                "early_stopping: the sample weights of the validation rows are all zero; "
                "use another random_state"
            )
        Xv, Tv = X[val], T[val].astype(np.float64)
        if not classifier:  # R² of targets that do not vary (where they weigh) is undefined
            counted = Tv if sw is None else Tv[sw != 0]
            flat = np.flatnonzero((counted == counted[:1]).all(axis=0))
            if flat.size and Tv.shape[1] == 1:
                raise DataError(
                    f"early_stopping: the {counted.shape[0]} validation row(s) that weigh in "
                    "hold one target value, so their R² (the score of a regression) is "
                    "undefined; raise validation_fraction, use another random_state, or set "
                    "early_stopping=False"
                )
            if flat.size:
                raise DataError(
                    f"early_stopping: the {counted.shape[0]} validation row(s) that weigh in "
                    f"hold one value in target column {int(flat[0])}, so their R² (the score "
                    "of a regression) is undefined; raise validation_fraction, use another "
                    "random_state, or set early_stopping=False"
                )
        mid = self.neuron.target_midpoint
        if sw is not None:  # scaled by a power of two: sums of weights of 1e300 overflowed
            sw = np.ldexp(sw, -int(np.frexp(sw.max())[1]))

        def score(W, b):
            with np.errstate(over="ignore", invalid="ignore"):
                Z = Xv @ W.astype(np.float64) + b.astype(np.float64)
            if not classifier and not np.isfinite(Z).all():
                raise DivergenceError(
                    "training diverged: the predictions for the validation rows went beyond "
                    "float64's range, although the weights are finite; lower the learning "
                    "rate (e.g. by 10x), use reduction='mean', or standardise the features"
                )
            if classifier:
                right = (Z > 0) == (Tv > mid)  # each output's binary accuracy
                per = np.average(right, axis=0, weights=sw)
                if Z.shape[1] == 1:
                    return float(per[0]), per
                whole = np.average(Z.argmax(1) == Tv.argmax(1), weights=sw)
                return float(whole), per
            with np.errstate(all="ignore"):
                per = np.atleast_1d(r2_score(Tv, Z, sample_weight=sw, multioutput="raw_values"))
            return float(per.mean()), per

        return X[train], T[train], None if S is None else S[train], score

    def _entry_weights(self, sample_weight, y, T, *, partial: bool) -> np.ndarray | None:
        """The weight of each entry of ``T`` (n_samples, n_outputs), in ``T``'s dtype, or
        None when every weight is 1 (no ``sample_weight``, no ``class_weight``): the
        sample weight times the class weight, as scikit-learn's SGD (``update *=
        class_weight * sample_weight``), see :meth:`_class_weights`.

        Raises
        ------
        DataError
            ``sample_weight`` is not one finite number >= 0 per sample (or a scalar), or
            its weights are all 0.
        """
        n = T.shape[0]
        sw = None if sample_weight is None else _checked_sample_weight(sample_weight, n)
        cw = self._class_weights(y, T, partial=partial)
        if sw is None and cw is None:
            return None
        W = np.ones((n, 1)) if cw is None else cw
        if sw is not None:
            W = W * sw[:, None] if cw is None else cw * sw[:, None]
        W = np.broadcast_to(W, T.shape)
        _check_entry_weights(W, T.dtype)
        return np.ascontiguousarray(W, dtype=T.dtype)

    def _class_weights(self, y, T, *, partial: bool) -> np.ndarray | None:
        """Per-entry class weights (classifiers); None for regressors."""
        return None

    def _squeeze(self, y: np.ndarray) -> bool:
        """Whether coef_ is stored 1-D (a regression fitted on a 1-D target)."""
        return not is_classifier(self) and y.ndim == 1

    def _alpha(self) -> float:
        """The ridge penalty of the closed forms (none but where a subclass has one)."""
        return 0.0

    def _run(
        self, X, T, warm: bool, epochs: int, tol, *, squeeze: bool, on_update=None,
        init=(None, None), whole_run: bool = False, weights=None, validation=None,
    ):  # fmt: skip
        neuron, steps = self._neuron(), self._steps()
        terms = self._terms()
        engine = resolve(
            self.backend,
            X=X,
            device=self.device,
            per_update=on_update is not None,
            previous=getattr(self, "_backend_used", None) if warm else None,
            terms=terms is not None,
        )
        if engine.device is None:  # a continued run on host data stays on this backend
            self._backend_used = engine.name
        n = X.shape[0]  # the updates this run plans (a fit; partial_fit's are one of many)
        updates = epochs * -(-n // max(steps.rows(n), 1)) if whole_run else None
        rows = None if weights is None else weights.max(axis=1)  # each row's largest weight
        run = Run(neuron, steps, self._schedule(X, steps, warm, updates, rows), engine, tol,
                  int(self.n_iter_no_change), safe_step=isinstance(self.learning_rate, str),
                  fit_intercept=bool(self.fit_intercept))  # fmt: skip
        if not warm:
            self.t_, self.history_ = 0, self._new_history()
        W, b = self._start(X, T.shape[1], warm)
        W, b = _initial(W, b, *init)  # coef_init / intercept_init override (as scikit-learn)
        if terms is not None:  # averages continue across partial_fit and warm_start
            kept = getattr(self, "_averages", None) if warm else None
            ok = kept is not None and kept[0].shape == W.shape
            terms.start(W, b, (kept[0].astype(W.dtype), kept[1].astype(b.dtype)) if ok else None)
        data = engine.prepare(X, T) if weights is None else engine.prepare(X, T, weights)
        try:
            result = train_epochs(
                *data[:2], W, b, run, epochs=epochs, rng=self._rng, steps_done=self.t_,
                history=self.history_, callbacks=tuple(self.callbacks or ()),
                on_update=on_update, sample_weight=data[2] if len(data) > 2 else None,
                terms=terms, validation=validation,
            )  # fmt: skip
        except DivergenceError as exc:
            check_finite(X)  # NaN or infinity in the data rather than a divergence: say so
            self._store_terms(W, b, terms, squeeze=squeeze, steps=self.t_)  # last finite
            blame = _weights_blamed(weights, X, float(self.learning_rate_))
            if blame is not None:
                raise DivergenceError(f"training diverged: {blame}") from exc
            raise
        self.t_ = result.steps
        self._store_terms(W, b, terms, squeeze=squeeze, steps=result.steps)
        return result

    def _store_terms(self, W, b, terms: Terms | None, *, squeeze: bool, steps: int) -> None:
        """Store the weights: the averaged ones once averaging has begun (as scikit-learn's
        ``coef_``), keeping the plain ones to continue from."""
        avg = 0 if terms is None else terms.average
        if not avg:
            self.__dict__.pop("_averages", None)
            self.__dict__.pop("_standard", None)
            self._store(W, b, squeeze=squeeze)
            return
        self._averages = tuple(np.array(a) for a in terms.averages(W))
        self._standard = (W.copy(), b.copy())
        if avg <= steps:  # scikit-learn: average <= t_ - 1, its t_ counting from 1
            self._store(*self._averages, squeeze=squeeze)
        else:
            self._store(W, b, squeeze=squeeze)

    def _start(self, X: np.ndarray, n_out: int, warm: bool) -> tuple[np.ndarray, np.ndarray]:
        """Weights to start from: zeros, or the fitted ones when continuing (the plain
        weights, not their average, when averaging)."""
        standard = getattr(self, "_standard", None)
        if warm and standard is not None and standard[0].shape == (X.shape[1], n_out):
            return standard[0].astype(X.dtype), standard[1].astype(X.dtype)
        if warm:
            W = np.array(self._coef_matrix().T, dtype=X.dtype, order="C")
            return W, np.array(np.atleast_1d(self.intercept_), dtype=X.dtype)
        return np.zeros((X.shape[1], n_out), dtype=X.dtype), np.zeros(n_out, dtype=X.dtype)

    def _install_solution(
        self, sol: solvers.LeastSquaresSolution, *, squeeze: bool, dtype: Any, data=None
    ):
        """Install a closed-form solution: the one way, for every source of the statistics.

        ``sol.coef`` (n_features, n_outputs) and ``sol.intercept`` (n_outputs,) become the
        weights, in the data's ``dtype`` (float32 data keep float32 weights); ``data = (X,
        T)``, when the rows are at hand, gives ``history_`` its one
        entry (loss, and accuracy for classifiers); streamed data leave it empty (it would
        need another pass). ``n_iter_`` is 1 and ``t_`` 0 (no gradient steps).
        """
        neuron = self._neuron()
        self._store(sol.coef.astype(dtype), sol.intercept.astype(dtype), squeeze=squeeze)
        self.__dict__.pop("learning_rate_", None)  # no gradient steps were taken
        self.history_ = self._new_history()
        if data is not None:
            X, T = data
            Z = X @ sol.coef + sol.intercept
            self.history_["loss"].append(float(neuron.loss(Z, T).mean()))
            if "accuracy" in self.history_:
                self.history_["accuracy"].append(neuron.n_correct(Z, T) / X.shape[0])
        self.n_iter_, self.t_ = 1, 0
        return self

    def _after_fit(self, result: TrainResult, X: Any) -> None:
        """Hook run after a complete fit on ``X`` (the perceptron warns when it did not
        converge)."""

    def _coef_matrix(self) -> np.ndarray:
        return np.atleast_2d(self.coef_)

    def fit_chunks(
        self,
        chunks: Chunks | Iterable[tuple[Any, Any]],
        *,
        classes: Any = None,
        epochs: int | None = None,
        on_chunk: OnChunk | None = None,
    ):
        """Fit on data that arrive chunk by chunk (files larger than memory).

        Closed-form solvers accumulate the centred Gram matrix (or the QR factor) chunk by
        chunk and solve once (:func:`neurona.solvers.solve_passes`): the in-memory
        coefficients, to rounding; ``auto`` reads the chunks a second time when it falls
        back to QR. Gradient training makes ``epochs`` passes, each chunk one
        ``partial_fit`` (one epoch of ``mode`` over the chunk, the update count and the
        schedule carrying on; ``learning_rate="auto"`` is fixed by the first chunk); for
        ``mode="online"`` without shuffling that is exactly in-memory online training.
        If a chunk is refused, the estimator is left as it was before the call (but for
        :class:`~neurona.errors.DivergenceError`, which keeps the last finite weights, as
        ``fit`` does).

        Parameters
        ----------
        chunks : callable or re-iterable
            ``chunks()`` returns a fresh iterable of ``(X, y)`` pairs, ``X``
            (n_rows, n_features), once per pass; or a collection that can be iterated
            again (a list). A generator, which can be read once only, is refused.
        classes : array-like, optional
            Every label of the data (classifiers; required).
        epochs : int, optional
            Passes for gradient training (default ``self.epochs``).
        on_chunk : callable, optional
            ``on_chunk(rows_done_in_this_pass, pass_number)`` after each chunk.

        Returns
        -------
        self
            ``n_iter_`` counts passes; ``history_`` holds one entry per chunk (gradient
            training) or none (closed form).

        Raises
        ------
        DataError
            A pass without rows, a classifier without ``classes``, or chunks that disagree
            in their columns or labels.
        ParameterError
            ``chunks`` is a one-shot iterator, or ``epochs`` is not a positive integer.
        """
        self._check_params()
        if not callable(chunks) and iter(chunks) is chunks:
            raise ParameterError(
                "chunks is an iterator, which can be read once only: pass a function that "
                "returns a fresh iterable of (X, y) chunks, or a list of them"
            )
        if is_classifier(self) and classes is None:
            raise DataError("fit_chunks needs classes=every label of the data (a classifier)")
        before = dict(self.__dict__)
        try:
            if self._solver() is None:
                return self._fit_chunks_gradient(chunks, classes, epochs, on_chunk)
            return self._fit_chunks_closed_form(chunks, classes, on_chunk)
        except DivergenceError:
            raise
        except BaseException:
            self.__dict__.clear()
            self.__dict__.update(before)
            raise

    def _passes(self, chunks, on_chunk: OnChunk | None):
        """Every pass over ``chunks``: yields, for pass 1, 2, ..., an iterator of the pass's
        chunks; a pass without rows raises DataError."""
        number = 0
        while True:
            number += 1
            rows = 0

            def one_pass(number=number):
                nonlocal rows
                for X, y in chunks() if callable(chunks) else chunks:
                    yield X, y
                    rows += X.shape[0] if hasattr(X, "shape") else len(X)
                    if on_chunk is not None:
                        on_chunk(rows, number)
                if rows == 0:
                    raise DataError("fit_chunks received no rows: the data have no chunks")

            yield one_pass()

    def _fit_chunks_gradient(self, chunks, classes, epochs, on_chunk):
        epochs = self.epochs if epochs is None else epochs
        if not isinstance(epochs, int | np.integer) or isinstance(epochs, bool) or epochs < 1:
            raise ParameterError(f"epochs={epochs!r} must be an integer of at least 1")
        passes = self._passes(chunks, on_chunk)
        for _ in range(int(epochs)):
            for X, y in next(passes):
                self._fit(X, y, partial=True, classes=classes if is_classifier(self) else None)
        self.n_iter_ = int(epochs)  # passes over the data (history_ holds one entry per chunk)
        return self

    def _fit_chunks_closed_form(self, chunks, classes, on_chunk):
        for name in ("coef_", "intercept_"):  # a new solution: nothing to continue from
            self.__dict__.pop(name, None)
        first: dict[str, Any] = {}  # X's dtype and whether y is 1-D, from the first chunk
        passes = self._passes(chunks, on_chunk)

        def feed(acc):  # called once, or twice when auto falls back to QR
            for X, y in next(passes):
                X, y, T = self._validated(X, y, reset=not first, classes=classes)
                first.setdefault("dtype", X.dtype)
                first.setdefault("squeeze", self._squeeze(y))
                acc.add(X, T)
            return acc

        sol = solvers.solve_passes(feed, solver=self._solver(), alpha=self._alpha(),
                                   fit_intercept=bool(self.fit_intercept))  # fmt: skip
        return self._install_solution(sol, squeeze=first["squeeze"], dtype=first["dtype"])

    # model files -----------------------------------------------------------------------
    def save(self, path: str | os.PathLike, *, data: dict | None = None) -> Path:
        """Write the fitted model to ``path`` (JSON metadata + arrays; never pickle).

        Read it back with :func:`neurona.load`. ``data`` (plain JSON values) is stored
        beside the model (the command line keeps the column names there).

        Raises
        ------
        ModelFileError
            The estimator is not fitted, or holds labels that cannot be stored without
            pickle.
        """
        name = type(self).__name__
        if not hasattr(self, "coef_"):
            raise ModelFileError(f"this {name} is not fitted yet: call fit(X, y) before save()")
        arrays = {a: getattr(self, a) for a in io.ARRAYS if hasattr(self, a)}
        standard, terms = getattr(self, "_standard", None), self._terms()
        if standard is not None and terms is not None and 0 < terms.average <= self.t_:
            # averaging has begun: coef_ holds the averages, these the weights to go on from
            W, b = np.asarray(standard[0]).T, np.asarray(standard[1])
            squeezed = np.ndim(self.coef_) == 1  # (the file checks the shapes)
            arrays["standard_coef_"] = W.ravel() if squeezed else W
            arrays["standard_intercept_"] = b.reshape(()) if squeezed and b.size == 1 else b
        scalars = {a: _plain(getattr(self, a)) for a in self._SCALARS if hasattr(self, a)}
        scores = getattr(self, "validation_scores_", None)
        if scores and all(np.isfinite(scores)):  # early stopping's scores (a NaN: not kept)
            scalars["validation_scores_"] = [float(v) for v in scores]
        history = {k: [_plain(v) for v in vals] for k, vals in self.history_.items()}
        record = io.ModelRecord(name, _saved_params(self), arrays, scalars, history, data)
        return io.write_model(path, record, check=_record_as_loaded)

    @classmethod
    def _from_record(cls, record: io.ModelRecord):
        """An estimator fitted as ``record`` says, each value checked against the others."""
        allowed = cls().get_params(deep=False)
        params = record.params
        if not set(params) <= set(allowed):
            raise record.bad(f"its hyperparameters {sorted(set(params) - set(allowed))!r} "
                             f"are not those of {cls.__name__}")  # fmt: skip
        bad = [k for k, v in params.items() if not isinstance(v, str | int | float | bool | None)]
        if bad:
            raise record.bad(f"hyperparameters {bad} are not plain values")
        _check_saved_record(cls, record)  # what _check_params leaves to fit time
        params = dict(params)
        if "class_weight" in params:
            params["class_weight"] = _loaded_class_weight(record, params["class_weight"])
        est = cls(**params)
        try:  # as fit checks them, but not the device: it may be absent on this machine
            check_backend(est.backend)
            clone(est).set_params(backend="auto", device=None)._check_params()
        except ParameterError as exc:
            raise record.bad(f"its hyperparameters are not valid ({exc})") from None
        est._restore(record)
        _check_loaded_class_weight(record, est)
        return est

    def _restore(self, record: io.ModelRecord) -> None:
        arrays = record.arrays
        for name in ("coef_", "intercept_"):
            value = arrays.get(name)
            if value is None or value.dtype.kind != "f":
                raise record.bad(f"{name} is missing or not an array of floats")
        coef, intercept = arrays["coef_"], arrays["intercept_"]
        self.coef_ = coef
        self.intercept_ = intercept[()] if intercept.ndim == 0 else intercept
        n_out = np.atleast_1d(intercept).shape[0]
        if coef.ndim not in (1, 2) or self._coef_matrix().shape[0] != n_out:
            raise record.bad(f"coef_ {coef.shape} and intercept_ do not fit together")
        self._restore_outputs(record, n_out)
        if "feature_names_in_" in arrays:
            names = arrays["feature_names_in_"]
            if names.ndim != 1 or names.dtype.kind != "U":
                raise record.bad("feature_names_in_ is not a 1-D array of strings")
            self.feature_names_in_ = names.astype(object)
        for name in self._SCALARS:
            if name in record.attributes:
                setattr(self, name, _checked_scalar(record, name, record.attributes[name]))
        scores = record.attributes.get("validation_scores_")
        if scores is not None:
            if not self.early_stopping:
                raise record.bad("it holds validation_scores_ but early_stopping is off")
            self.validation_scores_ = [float(v) for v in scores]
            self.best_validation_score_ = max(self.validation_scores_)
            self.best_loss_ = None
        rate = getattr(self, "learning_rate_", None)
        if rate is not None:  # as fit takes a step: a normal number of the weights' dtype
            info = np.finfo(coef.dtype)
            if not float(info.tiny) <= rate <= float(info.max):
                raise record.bad(
                    f"attribute learning_rate_ = {rate!r} is not a normal {coef.dtype} number "
                    f"(from {float(info.tiny):.3g} to {float(info.max):.3g}): its updates "
                    "would vanish or overflow"
                )
        n_features = self._coef_matrix().shape[1]
        if record.attributes.get("n_features_in_") != n_features:
            raise record.bad(f"n_features_in_ does not match coef_ ({n_features} columns)")
        if "standard_coef_" in arrays:  # averaging had begun: its whole state, to go on
            terms = self._terms()
            if terms is None or not terms.average or terms.average > getattr(self, "t_", 0):
                raise record.bad("it holds standard_coef_ but no averaging had begun")
            plain = np.atleast_2d(arrays["standard_coef_"]).T.copy()
            self._standard = (plain, np.atleast_1d(arrays["standard_intercept_"]).copy())
            self._averages = (self._coef_matrix().T.copy(), np.atleast_1d(intercept).copy())
        if not all(isinstance(v, list) for v in record.history.values()):
            raise record.bad("its history is not a dict of lists")
        expected = set(self._new_history())
        if set(record.history) != expected:
            raise record.bad(
                f"its history holds {sorted(record.history)}, not the {sorted(expected)} "
                f"of {type(self).__name__}"
            )
        self.history_ = {str(k): list(v) for k, v in record.history.items()}

    def _restore_outputs(self, record: io.ModelRecord, n_out: int) -> None:
        """Check the outputs against the labels (classifiers) when restoring."""
        if "classes_" in record.arrays:
            raise record.bad(f"it holds classes_, but a {type(self).__name__} has no labels")

    # predicting ------------------------------------------------------------------------
    def _net_input(self, X) -> np.ndarray:
        """``X @ coef_.T + intercept_`` (n_samples, n_outputs); a net input beyond float64
        is ±inf (its sign still reads the class), without a warning."""
        check_is_fitted(self)
        X = validate_predict(self, X)
        W = self._coef_matrix()
        with np.errstate(over="ignore", invalid="ignore"):
            Z = X @ W.T + self.intercept_
        if isinstance(Z, np.ndarray) and Z.ndim == 2:
            bad = np.flatnonzero(~np.isfinite(Z).all(axis=1))
            if bad.size:  # an overflow on the way, maybe not in the net input itself
                Z[bad] = _scaled_net_input(X, W, self.intercept_, bad)
        return Z


def _scaled_net_input(X, W: np.ndarray, b: Any, rows: np.ndarray) -> np.ndarray:
    """``X[rows] @ W.T + b`` with each row and ``W`` scaled by powers of two (exactly)
    so that no product or partial sum can overflow, then scaled back: ±inf only where
    the net input itself is beyond the float range, its value otherwise (a row
    [1.7e308, -1.7e308] against weights [2, 2] has net input ``b``, not -inf or NaN)."""
    Xr = X[rows]
    Xr = Xr.toarray() if hasattr(Xr, "toarray") else np.asarray(Xr)
    ex = np.frexp(np.max(np.abs(Xr), axis=1, initial=0))[1].astype(np.int64)
    ew = int(np.frexp(np.max(np.abs(W), initial=0))[1])
    Zs = np.ldexp(Xr, -ex[:, None]) @ np.ldexp(W, -ew).T  # entries <= 1: sums <= n
    with np.errstate(over="ignore", invalid="ignore"):
        return np.ldexp(Zs, (ex + ew)[:, None]) + b


class _OverflowedPrediction(DataError):
    """A prediction beyond the float range; ``row`` is its row of ``X`` (0-based), for a
    caller that numbers rows its own way (the command line counts from the file's top)."""

    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row = row


def _initial(W: np.ndarray, b: np.ndarray, coef_init, intercept_init):
    """``W`` (n_features, n_outputs) and ``b`` (n_outputs,) with ``coef_init``
    ((n_outputs, n_features), or (n_features,) for one output) and ``intercept_init``
    ((n_outputs,) or a scalar for one output) in their place, checked in words."""
    n_feat, n_out = W.shape
    for name, value, shapes in (
        ("coef_init", coef_init, [(n_out, n_feat)] + [(n_feat,)] * (n_out == 1)),
        ("intercept_init", intercept_init, [(n_out,)] + [()] * (n_out == 1)),
    ):
        if value is None:
            continue
        try:
            arr = np.asarray(value)
            ok = arr.dtype.kind in "biuf"
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise DataError(f"{name} must be an array of numbers, got {type(value).__name__}")
        if arr.shape not in shapes:
            want = " or ".join(str(sh) for sh in shapes)
            raise DataError(f"{name} has shape {arr.shape}; this fit needs {want}")
        if not np.isfinite(arr).all():
            raise DataError(f"{name} contains NaN or infinity; pass finite starting weights")
        with np.errstate(over="ignore"):
            held = arr.astype(W.dtype)
        if not np.isfinite(held).all():
            big = float(np.abs(arr.astype(np.float64)).max())
            raise DataError(
                f"{name} holds {big:.3g}, which the data's {W.dtype} cannot represent (its "
                f"largest number is about {float(np.finfo(W.dtype).max):.3g}): pass smaller "
                "starting weights, or the data as float64"
            )
        if name == "coef_init":
            W = np.array(held.reshape(n_out, n_feat).T, dtype=W.dtype, order="C")
        else:
            b = np.array(held.reshape(n_out), dtype=b.dtype)
    return W, b


def _class_weight_ok(value: Any) -> bool:
    """Whether a ``class_weight`` value is a finite number >= 0 (not a bool; an integer
    beyond float64's range, such as ``10**400``, is not)."""
    if not isinstance(value, int | float | np.integer | np.floating) or isinstance(value, bool):
        return False
    try:
        number = float(value)
    except OverflowError:
        return False
    return bool(np.isfinite(number) and number >= 0)


def _label_matches(classes: np.ndarray, key: Any) -> np.ndarray:
    """Which of ``classes`` equal the ``class_weight`` key ``key`` (none if they cannot be
    compared: a key of another kind names no class)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            same = np.asarray(classes == key, dtype=bool)
    except (TypeError, ValueError, OverflowError):
        return np.zeros(classes.shape, dtype=bool)
    return same if same.shape == classes.shape else np.zeros(classes.shape, dtype=bool)


def _check_entry_weights(W: np.ndarray, dtype: Any) -> None:
    """Refuse combined weights (sample_weight times class_weight, float64) that train
    nothing or that the data's ``dtype`` cannot hold: all 0, beyond its range, or
    below its smallest normal number (0 or subnormal there: updates that vanish)."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        if not (W > 0).any():
            raise DataError(
                "every row's weight (sample_weight times class_weight) is 0: no row would "
                "train the model; give at least one class and one sample a weight above 0"
            )
        info = np.finfo(dtype)
        positive = W[W > 0]
        high, low = float(positive.max()), float(positive.min())
        if not np.isfinite(np.asarray(high, dtype=dtype)) or not np.isfinite(high):
            raise DataError(
                f"a row's weight (sample_weight times class_weight) is {high:.3g}, beyond "
                f"the {dtype} range (about {float(info.max):.3g}) of the data: rescale the "
                "weights (e.g. divide them by their largest); only their ratios matter"
            )
        if low < float(info.tiny):
            raise DataError(
                f"a row's weight (sample_weight times class_weight) is {low:.3g}, below the "
                f"smallest normal {dtype} number ({float(info.tiny):.3g}) of the data: its "
                "updates would vanish; rescale the weights (e.g. divide them by their "
                "largest), or give that row the weight 0"
            )


def _weights_blamed(weights: np.ndarray | None, X: np.ndarray, rate: float) -> str | None:
    """Why the row weights (not the features) make training impossible, or None: the
    largest weight times the step and the largest feature overflowing ``X``'s dtype in
    one epoch's updates."""
    if weights is None or not weights.size:
        return None
    high = float(np.max(weights))
    with np.errstate(over="ignore", invalid="ignore"):
        reach = float(np.max(np.abs(X))) if isinstance(X, np.ndarray) and X.size else 1.0
        bound = high * rate * max(reach, 1.0) * 2.0 * X.shape[0]
    if high > 1.0 and not bound < float(np.finfo(X.dtype).max):
        return (
            f"the row weights (sample_weight times class_weight, up to {high:.3g}) make the "
            f"updates overflow {X.dtype}: rescale the weights (e.g. divide them by their "
            "largest; only their ratios matter)"
        )
    return None


def _checked_sample_weight(sample_weight: Any, n: int) -> np.ndarray:
    """``sample_weight`` as (n,) float64: a scalar is every row's weight (as scikit-learn).

    Raises
    ------
    DataError
        Not numbers, another length than ``X``'s rows, NaN, an infinity or a negative
        weight, or every weight 0.
    """
    try:
        sw = np.asarray(sample_weight)
        ok = sw.dtype.kind in "biuf"
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise DataError(
            f"sample_weight must be numbers (one per sample), got {type(sample_weight).__name__}"
        )
    if sw.ndim == 0:
        sw = np.full(n, float(sw))
    if sw.shape != (n,):
        raise DataError(
            f"sample_weight has shape {sw.shape} but X has {n} samples: pass one weight per "
            f"sample, shape ({n},)"
        )
    sw = sw.astype(np.float64)
    if not np.isfinite(sw).all():
        raise DataError("sample_weight contains NaN or infinity: pass finite weights")
    if (sw < 0).any():
        raise DataError(
            f"sample_weight contains negative weights (e.g. {sw[sw < 0][0]:g} at sample "
            f"{int(np.flatnonzero(sw < 0)[0])}); weights must be >= 0"
        )
    if not (sw > 0).any():
        raise DataError("every sample weight is zero: at least one sample must weigh more than 0")
    return sw


def _score_weights(sample_weight: Any, y: Any) -> np.ndarray | None:
    """``score``'s ``sample_weight`` checked as ``fit``'s (one finite weight >= 0 per
    sample, not all 0) and scaled by a power of two (exactly) so that the largest is at
    most 1: a weighted score does not depend on the weights' scale, and the metric's sums
    then cannot overflow (weights of 1e308 gave NaN)."""
    if sample_weight is None:
        return None
    sw = _checked_sample_weight(sample_weight, np.shape(y)[0] if np.ndim(y) else 1)
    return np.ldexp(sw, -int(np.frexp(sw.max())[1]))


def _scaled_for_squares(y: Any, pred: np.ndarray) -> tuple[Any, np.ndarray]:
    """``y`` and ``pred`` scaled by one power of two (exactly, so :math:`R^2` is
    unchanged) when their squares would overflow (targets of 1e300 gave NaN); as given
    otherwise, or when ``y`` is not numbers (the metric then says what is wrong)."""
    try:  # (a dask collection is computed here, once)
        y_arr = np.asarray(y, dtype=np.float64)
        pred = np.asarray(pred, dtype=np.float64)
    except (TypeError, ValueError):
        return y, pred
    with np.errstate(all="ignore"):
        big = max(np.max(np.abs(y_arr), initial=0.0), np.max(np.abs(pred), initial=0.0))
    if not (np.isfinite(big) and big > 2.0**400):
        return y, pred
    shift = -int(np.frexp(big)[1])
    return np.ldexp(y_arr, shift), np.ldexp(pred, shift)


def _checked_classes(classes: Any) -> np.ndarray:
    """``classes`` (every label ``partial_fit`` will see) as sorted distinct labels.

    Raises
    ------
    DataError
        Not a flat list of labels of one type: nested, empty, holding None, NaN or an
        infinity, or mixing types that cannot be ordered.
    """
    classes = keep_nuls(classes)  # labels ending in NUL: kept apart, not merged
    values = np.asarray(as_labels(classes, "classes"))  # refuses mixed types in words
    if values.ndim != 1 or values.size == 0:
        raise DataError(
            f"classes has shape {values.shape}: pass a flat list of every label, e.g. "
            "classes=np.unique(all_labels)"
        )
    if values.dtype.kind == "f" and not np.isfinite(values).all():
        raise DataError("classes holds NaN or an infinity: a label must be a value")
    if values.dtype.kind == "O" and any(v is None for v in values.tolist()):
        raise DataError("classes holds None: a label must be a value")
    try:
        return np.unique(values)
    except TypeError as exc:
        raise DataError(
            f"classes mixes labels that cannot be ordered ({exc}): use labels of one type"
        ) from None


def _checked_scalar(record: io.ModelRecord, name: str, value: Any) -> int | float:
    """A saved scalar attribute, refused unless it is what a fit leaves: a count (an
    integer >= 0) or, for ``learning_rate_``, a finite step > 0."""
    rate = name == "learning_rate_"
    kind = (int, float) if rate else (int,)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise record.bad(f"attribute {name} = {value!r} is not a number" if rate
                         else f"attribute {name} = {value!r} is not a whole number")  # fmt: skip
    if not (0 < value < np.inf if rate else value >= 0):
        raise record.bad(f"attribute {name} = {value!r} is out of range "
                         f"({'a finite step > 0' if rate else 'a count >= 0'})")  # fmt: skip
    return value


# model files: checks of a record at load (and at save, which makes load's checks) ------
def _check_saved_record(cls: type[AbstractNeuronEstimator], record: io.ModelRecord) -> None:
    """Refuse what ``_check_params`` leaves to fit time, or what only fit can tell: saved
    callbacks (never saved: always null), a ``random_state`` that is not a seed (null or
    an integer >= 0), a ``device`` that is not a device name of a backend with devices
    (whether it exists here is left to fit), and, for an estimator that only takes
    gradient steps, a first loss that only a closed-form solution can leave (non-finite;
    io refuses non-finite losses after the first)."""
    from .backends import BACKENDS

    params = record.params
    if params.get("callbacks") is not None:
        raise record.bad(f"its hyperparameter callbacks = {params['callbacks']!r:.60} is not "
                         "null (callbacks are never saved)")  # fmt: skip
    seed = params.get("random_state")
    if seed is not None and not (isinstance(seed, int) and seed >= 0):
        raise record.bad(f"its hyperparameter random_state = {seed!r:.60} is not a seed "
                         "(null or an integer >= 0)")  # fmt: skip
    device, backend = params.get("device"), params.get("backend", "auto")
    if device is not None:
        able = {n: s.capabilities.devices for n, s in BACKENDS.items() if s.capabilities.devices}
        types = sorted({t for devices in able.values() for t in devices})
        kind, colon, index = device.partition(":") if isinstance(device, str) else ("", "", "")
        if kind not in types or (colon and not (index.isascii() and index.isdigit())):
            raise record.bad(f"its hyperparameter device = {device!r:.60} is not a device "
                             f"name ({' or '.join(types)}, with an optional :index)")  # fmt: skip
        if backend != "auto" and backend not in able:
            raise record.bad(f"its hyperparameter device = {device!r} needs backend 'auto' or "
                             f"{' or '.join(map(repr, able))}, not {backend!r}")  # fmt: skip
    loss = record.history.get("loss") or [0.0]
    if cls._solver is AbstractNeuronEstimator._solver and not np.isfinite(loss[0]):
        raise record.bad(f"its history of loss starts with {loss[0]!r}, which a "
                         f"{cls.__name__} (trained by gradient steps) never records")  # fmt: skip


def _record_as_loaded(record: io.ModelRecord) -> AbstractNeuronEstimator:
    """The estimator a checked record makes, as :func:`load` builds it: ``save`` passes
    it to ``io.write_model`` so that it refuses what ``load`` would."""
    cls = {c.__name__: c for c in ESTIMATORS.values()}.get(record.kind)
    if cls is None:
        raise record.bad(f"it names an unknown neuron {record.kind!r}")
    return cls._from_record(record)


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _saved_params(est: AbstractNeuronEstimator) -> dict[str, Any]:
    """``get_params()`` as plain JSON values: no callbacks, a random_state only if an int."""
    params = est.get_params(deep=False)
    params["callbacks"] = None
    if not isinstance(params.get("random_state"), int | np.integer | None):  # np.int64 kept
        params["random_state"] = None
    if isinstance(params.get("class_weight"), dict):  # as JSON text of [label, weight] pairs
        pairs = [[_plain(k), float(v)] for k, v in params["class_weight"].items()]
        params["class_weight"] = _CLASS_WEIGHT_TAG + json.dumps(pairs)
    return {k: _plain(v) for k, v in params.items()}


#: a ``class_weight`` dict in a model file: this prefix, then JSON ``[[label, weight], ...]``
_CLASS_WEIGHT_TAG = "dict:"


def _loaded_class_weight(record: io.ModelRecord, value: Any) -> Any:
    """A saved ``class_weight`` back as the estimator took it (a dict from its JSON text)."""
    if not (isinstance(value, str) and value.startswith(_CLASS_WEIGHT_TAG)):
        return value
    try:
        pairs = json.loads(value[len(_CLASS_WEIGHT_TAG) :])
        weights = {k: float(v) for k, v in pairs}
    except (ValueError, TypeError) as exc:
        raise record.bad(f"its class_weight {value!r:.60} is not a list of label, weight "
                         f"pairs ({exc})") from None  # fmt: skip
    if len(weights) != len(pairs):
        keys = [k for k, _ in pairs]
        twice = next(k for k in keys if keys.count(k) > 1)
        raise record.bad(f"its class_weight names the label {twice!r:.40} more than once")
    return weights


def _check_loaded_class_weight(record: io.ModelRecord, est: Any) -> None:
    """Refuse a saved ``class_weight`` dict whose labels are not the model's classes."""
    weights, classes = getattr(est, "class_weight", None), getattr(est, "classes_", None)
    if not isinstance(weights, dict) or classes is None:
        return
    known = {_plain(c) for c in np.asarray(classes).tolist()}
    known |= {str(c) for c in classes}  # labels saved as text (dates, for instance)
    unknown = [k for k in weights if k not in known]
    if unknown:
        raise record.bad(f"its class_weight names the label {unknown[0]!r:.40}, which is "
                         f"not one of its classes_")  # fmt: skip


class _NeuronClassifier(ClassifierMixin, AbstractNeuronEstimator):
    """Binary by one neuron; multiclass by one-vs-rest (one neuron per class)."""

    _choices: ClassVar[dict[str, tuple]] = {"track_accuracy": (True, False)}

    def _outputs(self, y, dtype, *, classes, warm: bool) -> np.ndarray:
        """Targets from labels: ``pos`` where a row is of the column's class, else ``neg``
        (one column for two classes: ``classes_[1]``; one per class otherwise)."""
        if y.ndim != 1:
            raise DataError(
                f"y has shape {y.shape}; a classifier needs one label per sample: "
                "pass y as a 1-D array"
            )
        given = None if classes is None else _checked_classes(classes)
        if warm:
            if given is not None and not np.array_equal(given, self.classes_):
                raise DataError(
                    f"classes={given.tolist()[:20]} is not the classes_="
                    f"{self.classes_.tolist()[:20]} that fitting started with; pass the same "
                    "classes (or none) to every partial_fit call, or refit from scratch"
                )
            check_label_kinds(y, self.classes_)  # strings against numbers: say so
            _, codes = encode_labels(y, self.classes_)
            if (codes < 0).any():
                unseen = np.unique(y[codes < 0])
                raise DataError(
                    f"y contains labels {unseen.tolist()[:10]} not seen when fitting started "
                    f"(classes_={self.classes_.tolist()[:20]}); refit from scratch, or pass "
                    "every label in `classes` on the first partial_fit call"
                )
        else:
            if given is not None:
                check_label_kinds(y, given, against="classes")
            labels, codes = encode_labels(y, given)
            if (codes < 0).any():
                unseen = np.unique(y[codes < 0])
                raise DataError(
                    f"y contains labels {unseen.tolist()[:10]} that are not in classes="
                    f"{labels.tolist()[:20]}; pass every label that will ever appear in "
                    "`classes`"
                )
            if labels.size < 2:
                raise DataError(
                    f"y has one class only ({labels.tolist()}); a classifier needs at least "
                    "two classes: check the target column, or the filter that selected the rows"
                )
            self.classes_ = labels
        neg, pos = (np.asarray(v, dtype) for v in self.neuron.targets)
        if self.classes_.size == 2:  # codes are 0 and 1: a lookup, one pass over them
            return np.take(np.array([neg, pos], dtype=dtype), codes)[:, None]
        T = np.full((len(codes), self.classes_.size), neg, dtype=dtype)
        T[np.arange(len(codes)), codes] = pos
        return T

    def _check_params(self) -> None:
        super()._check_params()
        cw = self.class_weight
        if cw is None or (isinstance(cw, str) and cw == "balanced"):
            return
        if not isinstance(cw, dict) or not all(_class_weight_ok(v) for v in cw.values()):
            raise ParameterError(
                f"{type(self).__name__}(class_weight={cw!r:.60}) is not valid; pass None, "
                "'balanced', or a dict {label: weight >= 0}"
            )

    def _class_weights(self, y, T, *, partial: bool) -> np.ndarray | None:
        """Each entry's class weight (n_samples, n_outputs), scikit-learn's
        (``compute_class_weight`` semantics; ``"balanced"``: ``n / (n_classes ·
        count(class))`` over this call's ``y``): two classes, one output whose rows of
        ``classes_[1]`` weigh ``cw[1]`` and the others ``cw[0]``
        (``BaseSGDClassifier._fit_binary``); one-vs-rest, output ``k``'s rows of class
        ``k`` weigh ``cw[k]`` and the others 1 (``_fit_multiclass`` passes
        ``neg_weight=1.0``). None without ``class_weight``.

        Raises
        ------
        ParameterError
            ``"balanced"`` in ``partial_fit`` (as scikit-learn: the classes' frequencies
            of one chunk are not those of the data), or a dict naming a label that is not
            a class.
        """
        cw = self.class_weight
        if cw is None:
            return None
        if partial and isinstance(cw, str):
            raise ParameterError(
                "class_weight='balanced' is not supported by partial_fit (one chunk's class "
                "frequencies are not the data's): compute the weights over all the data, e.g. "
                "sklearn.utils.class_weight.compute_class_weight('balanced', classes=classes, "
                "y=y), and pass them as a dict"
            )
        from sklearn.utils.class_weight import compute_class_weight

        _, codes = encode_labels(y, self.classes_)
        if isinstance(cw, dict):  # matched by equality (datetime64 keys of any unit too)
            weights = np.ones(self.classes_.size)
            for key, value in cw.items():
                match = _label_matches(self.classes_, key)
                if not match.any():
                    shown = self.classes_[:20]
                    shown = shown.astype(str) if shown.dtype.kind in "mM" else shown
                    raise ParameterError(
                        f"class_weight={cw!r:.80} does not fit classes_="
                        f"{shown.tolist()} (the label {key!r:.40} is not a "
                        "class); name only labels of y"
                    )
                weights[match] = float(value)
        else:
            try:
                weights = compute_class_weight(cw, classes=self.classes_, y=self.classes_[codes])
            except ValueError as exc:
                raise ParameterError(
                    f"class_weight={cw!r:.80} does not fit classes_="
                    f"{self.classes_.tolist()[:20]} ({exc}); name only labels of y"
                ) from None
        if self.classes_.size == 2:
            return weights[codes][:, None]
        W = np.ones(T.shape)
        W[np.arange(len(codes)), codes] = weights[codes]
        return W

    def _restore_outputs(self, record: io.ModelRecord, n_out: int) -> None:
        classes = record.arrays.get("classes_")
        if classes is None:
            raise record.bad("the classifier has no classes_")
        if classes.ndim != 1 or classes.dtype.kind not in "biufUOMm":
            raise record.bad("classes_ is not a 1-D array of labels")
        if n_out != (1 if classes.size == 2 else classes.size) or self.coef_.ndim != 2:
            raise record.bad(f"coef_ {self.coef_.shape} and the {classes.size} classes_ "
                             "do not fit together")  # fmt: skip
        self.classes_ = classes

    def decision_function(self, X) -> np.ndarray:
        """Net input z = X w + b: (n_samples,) if binary, else (n_samples, n_classes)."""
        Z = self._net_input(X)
        return Z[:, 0] if Z.shape[1] == 1 else Z

    def predict(self, X) -> np.ndarray:
        """Class labels: ``classes_[1]`` where z > 0 (binary), the largest z (one-vs-rest)."""
        Z = self._net_input(X)
        idx = (Z[:, 0] > 0).astype(int) if Z.shape[1] == 1 else Z.argmax(axis=1)
        return self.classes_[idx]

    def score(self, X, y, sample_weight=None) -> float:
        """Mean accuracy of ``predict(X)`` against ``y``: labels of the kind of ``classes_``
        (numbers for numbers, strings for strings; another kind is refused in words)."""
        check_is_fitted(self)
        y = check_label_kinds(y, self.classes_)
        sample_weight = _score_weights(sample_weight, y)
        with data_errors():
            return super().score(X, y, sample_weight=sample_weight)

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """One epoch over (X, y), continuing from the current weights.

        ``classes`` (every label that will ever appear) is required on the first call.
        ``sample_weight`` as for :meth:`fit`.
        """
        return self._fit(X, y, partial=True, classes=classes, sample_weight=sample_weight)

    def fit(self, X, y, sample_weight=None, *, coef_init=None, intercept_init=None,
            on_update=None):  # fmt: skip
        """Train for ``epochs`` epochs (from zero weights unless ``warm_start``).

        ``sample_weight`` (n_samples,) of finite numbers >= 0 (or a scalar) scales each
        row's error, hence its update, by its weight, as scikit-learn's SGD (times the
        row's ``class_weight``; the reported loss stays unweighted, as scikit-learn's); a
        closed-form solver solves weighted least squares.

        ``coef_init`` ((n_classes, n_features), or (n_features,) for two classes) and
        ``intercept_init`` ((n_classes,), or a scalar) start the weights instead, as in
        scikit-learn's ``SGDClassifier.fit`` (they override ``warm_start``'s weights).

        ``on_update(W, b)``, if given, is called after every update that changed the
        weights, with ``W`` (n_features, n_outputs) and ``b`` (n_outputs,) as they are then
        (views: copy to keep). It needs a backend that calls back (``"numpy"``; ``"auto"``
        takes it); it is what :func:`neurona.plot.trace_training` animates. When it
        returns a true value, training stops right after that update, inside its epoch:
        ``coef_`` and ``intercept_`` are the weights it was shown, ``n_iter_`` counts that
        epoch, and its ``history_`` entry covers the rows visited (``neurona train
        --max-updates N`` stops so at the N-th update).
        """
        return self._fit(X, y, partial=False, on_update=on_update,
                         init=(coef_init, intercept_init),
                         sample_weight=sample_weight)  # fmt: skip


class Perceptron(_NeuronClassifier):
    r"""Rosenblatt's perceptron, as the lecture writes it.

    Parameters
    ----------
    rule : {"margin", "error"}
        ``"margin"`` (the lecture's pseudo-code): labels become ±1 and a row with
        :math:`y z \le 0` updates :math:`w \mathrel{+}= \eta y x,\ b \mathrel{+}= \eta y`.
        ``"error"`` (the lecture's NumPy/PyTorch class): :math:`\hat y = [z > 0]`,
        :math:`e = y - \hat y \in \{-1, 0, 1\}`, :math:`w \mathrel{+}= \eta e x`. The rules
        differ only at :math:`z = 0`, where the margin rule always updates and the error rule
        updates class-1 rows only (see :mod:`neurona.neurons`).
    mode : str
        Which rows form an update: ``"online"``, ``"random"``, ``"batch"``,
        ``"minibatch"`` (see :mod:`neurona.modes`, whose registry is the list).
    learning_rate : float or "auto"
        :math:`\eta_0 > 0`. With the margin rule from zero weights, the mistakes made do not
        depend on it (the weights scale by :math:`\eta`).
    epochs : int
        Passes over the data (the lecture's T). Training also ends early once an epoch that
        visits every row makes no update (nothing can change after that).
    batch_size : int
        Rows per update in ``minibatch`` mode; the last partial batch is kept.
    shuffle : bool
        Reshuffle rows each epoch (``online``, ``minibatch``); the lecture keeps their order.
    reduction : {"sum", "mean"}
        How a multi-row step combines its rows; the lecture's batch mode sums (default).
    schedule : {"constant", "invscaling"}
        :math:`\eta_t = \eta_0` or :math:`\eta_0 / (t + 1)^{power\_t}` at update t.
    power_t : float
        Exponent of ``invscaling``.
    random_state : None, int or numpy.random.Generator
        Seeds the one Generator that draws every row order.
    tol : float or None
        None runs every epoch. Otherwise stop after ``n_iter_no_change`` epochs without the
        mean perceptron criterion improving by ``tol``.
    n_iter_no_change : int
    warm_start : bool
        ``fit`` continues from the current weights.
    callbacks : list of callables or None
        Each is called with a :class:`neurona.train.EpochInfo` after every epoch; returning
        True stops training.
    backend : str
        Where the arithmetic runs: ``"numpy"`` (the reference), ``"numba"`` (compiled
        kernels, X read once per epoch), ``"torch"`` (CPU or CUDA; needs the ``torch``
        extra) or ``"auto"`` (default): torch when ``device`` is set, NumPy for
        ``fit(..., on_update=)`` (the per-update hook is for teaching), numba otherwise, at
        every size. All give NumPy's weights (see :mod:`neurona.backends` for the
        tolerances).
    device : str or None
        A torch device (``"cpu"``, ``"cuda"``, ``"cuda:1"``) to train on, with
        ``backend="torch"`` or ``"auto"``: ``X`` and the targets are copied there once per
        ``fit``, every epoch runs there, and the fitted attributes come back as NumPy
        arrays. None (default) keeps the data where it is.
    fit_intercept : bool
        False: no bias is learned (``intercept_`` stays 0), as scikit-learn's; for every
        mode, backend and closed-form solver.
    class_weight : dict, "balanced" or None
        Weights of the classes, multiplying each row's ``sample_weight`` as scikit-learn's
        ``SGDClassifier``/``Perceptron`` combine them (see ``_class_weights``):
        ``"balanced"`` is ``n_samples / (n_classes · count(class))``
        (``sklearn.utils.class_weight.compute_class_weight``); for one-vs-rest the rows of
        other classes weigh 1 in each class's neuron, as in scikit-learn.
    track_accuracy : bool
        ``True`` (default): ``history_["accuracy"]`` records the accuracy of each epoch's
        final weights on the training rows. On the numba backend an epoch counts the
        previous epoch's in its own pass over ``X``, but the last epoch's costs one more
        pass (a whole 1-epoch ``fit`` reads ``X`` twice, and so does every ``partial_fit``
        call). ``False``: no accuracy is counted, ``history_`` has no ``"accuracy"``, and
        ``fit`` reads ``X`` once per epoch; the weights are the same, bit for bit. Keep
        one value across ``partial_fit`` and ``warm_start`` calls (a change raises
        :class:`~neurona.errors.ParameterError`).
    penalty : {None, "l2", "l1", "elasticnet"}
        None (default, as the lecture): no penalty. Otherwise scikit-learn's SGD penalty
        :math:`\alpha\,((1 - \rho)\,\lVert w \rVert^2 / 2 + \rho \lVert w \rVert_1)`
        (:math:`\rho` = ``l1_ratio``; 0 for ``"l2"``, 1 for ``"l1"``), applied per update
        exactly as scikit-learn does (decay :math:`w \leftarrow (1 - \eta_t (1 - \rho)
        \alpha) w` before the step, L1 by cumulative-penalty truncation after it; the
        intercept is not penalised; see :class:`neurona.neurons.Terms`). Runs on the
        ``numpy`` and ``torch`` backends (``auto`` picks NumPy for host data; ``numba``
        refuses it in words). ``history_["loss"]`` stays the unpenalised loss, so ``tol``
        compares it, not scikit-learn's penalised objective.
    alpha : float
        The penalty's strength (default ``0.0001``, scikit-learn's); used only with a
        ``penalty``.
    l1_ratio : float in [0, 1]
        The L1 share of ``"elasticnet"`` (default ``0.15``, scikit-learn's).
    average : bool or int
        ``True`` (or ``1``): ``coef_`` and ``intercept_`` are the average of the weights
        over every update (averaged SGD; with the perceptron, Freund and Schapire's
        averaged perceptron); an integer ``k``: averaged from the ``k``-th update on
        (scikit-learn's ``average``; ``coef_`` is the plain weights until then). The
        averages carry on through ``partial_fit`` and ``warm_start`` (but are not saved in
        model files: a loaded model averages afresh). With a penalty or averaging, an
        epoch without a mistake no longer ends a perceptron's run (the weights or their
        average still move).
    early_stopping : bool
        Hold out ``validation_fraction`` of the rows (stratified by class for
        classifiers; drawn from the estimator's one Generator, so not the rows
        scikit-learn's ``random_state`` would pick) and, with ``tol``, stop after
        ``n_iter_no_change`` epochs whose validation score (accuracy, or :math:`R^2`) is
        not above ``best + tol``, as scikit-learn's ``early_stopping``; each one-vs-rest
        output stops on its own binary accuracy. The weights are the last epoch's.
        ``validation_scores_`` and ``best_validation_score_`` report the scores
        (``best_loss_`` is then None; without early stopping it is the lowest
        ``history_["loss"]``). ``partial_fit`` ignores it (it trains on every row given).
    validation_fraction : float in (0, 1)
        The held-out share (default 0.1).

    Attributes
    ----------
    coef_ : (1, n_features) or (n_classes, n_features)
    intercept_ : (1,) or (n_classes,)
    classes_ : (n_classes,)
    n_iter_ : int
        Epochs run by the last ``fit``.
    t_ : int
        Updates (steps) made so far; the schedule continues from it.
    history_ : dict of lists
        Per epoch: ``loss`` (mean perceptron criterion :math:`\max(0, -s z)` over the rows
        as they were visited, each with the weights it saw), ``updates`` (rows that changed
        the weights; in ``batch`` mode, the misclassified rows) and ``accuracy`` (share of
        the rows classified correctly by the weights at the end of the epoch; not with
        ``track_accuracy=False``).

    Examples
    --------
    >>> import numpy as np
    >>> from neurona import Perceptron
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> y = np.array([0, 0, 0, 1])  # AND
    >>> clf = Perceptron(epochs=10).fit(X, y)
    >>> clf.predict(X).tolist()
    [0, 0, 0, 1]
    >>> clf.history_["updates"]
    [2, 3, 3, 2, 2, 3, 2, 1, 0]
    """

    def __init__(
        self,
        *,
        rule: str = "margin",
        mode: str = "online",
        learning_rate: float | str = 1.0,
        epochs: int = 100,
        batch_size: int = 32,
        shuffle: bool = False,
        reduction: str = "sum",
        schedule: str = "constant",
        power_t: float = 0.5,
        random_state=None,
        tol: float | None = None,
        n_iter_no_change: int = 5,
        warm_start: bool = False,
        callbacks: Sequence[Callback] | None = None,
        backend: str = "auto",
        device: str | None = None,
        fit_intercept: bool = True,
        penalty: str | None = None,
        alpha: float = 0.0001,
        l1_ratio: float = 0.15,
        average: bool | int = False,
        early_stopping: bool = False,
        validation_fraction: float = 0.1,
        class_weight: dict | str | None = None,
        track_accuracy: bool = True,
    ):
        self.rule = rule
        self.mode = mode
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.reduction = reduction
        self.schedule = schedule
        self.power_t = power_t
        self.random_state = random_state
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.warm_start = warm_start
        self.callbacks = callbacks
        self.backend = backend
        self.device = device
        self.fit_intercept = fit_intercept
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.average = average
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.class_weight = class_weight
        self.track_accuracy = track_accuracy

    _choices: ClassVar[dict[str, tuple]] = {"rule": ("margin", "error")}

    def _neuron(self) -> Neuron:
        return PERCEPTRON_MARGIN if self.rule == "margin" else PERCEPTRON_ERROR

    def _after_fit(self, result: TrainResult, X: Any) -> None:
        last = self.history_["updates"][-1] if self.history_["updates"] else 0
        stopped = result.stopped_by_callback or result.stopped_by_update
        if result.converged or stopped or result.rate_vanished or not last:
            return
        message = (
            f"the perceptron still made {last} update(s) in its last epoch "
            f"({result.n_epochs}): the data may not be linearly separable (check with "
            "neurona.check_separability(X, y)), or it needs more epochs"
        )
        # each mistake moves b by η and w by η x: features far from the bias's constant 1
        # shrink the augmented data's margin (Novikoff's (R/γ)² grows as their scale's
        # square or its inverse's), so say so where it is the likely cause
        # (the first 2**16 values: a hint, not worth another pass over X)
        values = X.data if type(X).__module__.startswith("scipy.sparse") else X
        if isinstance(values, np.ndarray):
            first = (
                values[: max(1, 2**16 // max(1, values[0].size))]
                if values.ndim == 2
                else values[: 2**16]
            )
            largest = float(np.max(np.abs(first), initial=0.0))
        else:
            largest = 1.0
        if self.fit_intercept and largest > 0 and not 1e-4 <= largest <= 1e4:
            message += (
                f"; the features' largest |x| is {largest:.1g}, far from the bias's constant "
                "1, which slows the perceptron: standardise the features (--scale standard) "
                "first (e.g. sklearn.preprocessing.StandardScaler)"
            )
        warn(message, SeparabilityWarning)


class Adaline(_NeuronClassifier):
    r"""Widrow and Hoff's ADALINE (1960): the error is taken on the linear output.

    Labels become targets ±1; each update is :math:`w \mathrel{+}= \eta (t - z) x`,
    :math:`b \mathrel{+}= \eta (t - z)` — gradient descent on
    :math:`L = \frac{1}{2n}\sum (z - t)^2` — and a class is read by the threshold
    :math:`z > 0`.

    Parameters
    ----------
    solver : {"gd", "normal"}
        ``"gd"`` trains by gradient steps in ``mode``; ``"normal"`` solves the least-squares
        problem in closed form (as mlxtend offers).
    learning_rate : float or "auto"
        :math:`\eta_0`. ``"auto"`` (default) picks a step that cannot diverge on a squared
        loss (stored in ``learning_rate_``; :func:`neurona.schedules.safe_rate`):
        :math:`1 / \mathrm{mean}_i \lVert (x_i, 1) \rVert^2` for mean steps over every row
        (``batch``, or a minibatch of all rows), :math:`1 / \max_i \lVert (x_i, 1)
        \rVert^2` for other mean steps and one-row steps (sum-reduced steps of k rows
        divide it by k).
    reduction : {"mean", "sum"}
        Default ``"mean"``: a multi-row step is the gradient of the mean loss above.

    The other parameters and the attributes are those of :class:`Perceptron`;
    ``history_["loss"]`` is half the mean squared error of the rows as they were visited.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona import Adaline
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> y = np.array([0, 1, 1, 1])  # OR
    >>> Adaline(solver="normal").fit(X, y).predict(X).tolist()
    [0, 1, 1, 1]
    """

    gradient_params: ClassVar[dict[str, Any]] = {"solver": "gd"}

    def __init__(
        self,
        *,
        solver: str = "gd",
        mode: str = "online",
        learning_rate: float | str = "auto",
        epochs: int = 100,
        batch_size: int = 32,
        shuffle: bool = False,
        reduction: str = "mean",
        schedule: str = "constant",
        power_t: float = 0.5,
        random_state=None,
        tol: float | None = None,
        n_iter_no_change: int = 5,
        warm_start: bool = False,
        callbacks: Sequence[Callback] | None = None,
        backend: str = "auto",
        device: str | None = None,
        fit_intercept: bool = True,
        penalty: str | None = None,
        alpha: float = 0.0001,
        l1_ratio: float = 0.15,
        average: bool | int = False,
        early_stopping: bool = False,
        validation_fraction: float = 0.1,
        class_weight: dict | str | None = None,
        track_accuracy: bool = True,
    ):
        self.solver = solver
        self.mode = mode
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.reduction = reduction
        self.schedule = schedule
        self.power_t = power_t
        self.random_state = random_state
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.warm_start = warm_start
        self.callbacks = callbacks
        self.backend = backend
        self.device = device
        self.fit_intercept = fit_intercept
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.average = average
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.class_weight = class_weight
        self.track_accuracy = track_accuracy

    _choices: ClassVar[dict[str, tuple]] = {"solver": ("gd", "normal")}

    def _neuron(self) -> Neuron:
        return ADALINE

    def _solver(self) -> str | None:
        return "auto" if self.solver == "normal" else None


class LogisticRegression(_NeuronClassifier):
    r"""The logistic neuron: a sigmoid output trained on the log loss by gradient steps.

    Labels become targets :math:`t \in \{0, 1\}`; each update is the lecture's rule with
    :math:`\sigma_{fit}(z) = \sigma(z) = 1 / (1 + e^{-z})`:
    :math:`w \mathrel{+}= \eta\, (t - \sigma(z))\, x`, :math:`b \mathrel{+}= \eta\,
    (t - \sigma(z))` — gradient descent on the log loss
    :math:`L = -\frac{1}{n}\sum t \log \sigma(z) + (1 - t) \log(1 - \sigma(z))`
    (:class:`neurona.neurons.Neuron`, ``"logistic"``). In ``online`` mode with a constant
    rate and no shuffling it is scikit-learn's ``SGDClassifier(loss="log_loss",
    penalty=None, learning_rate="constant", eta0=η, shuffle=False, tol=None)``; a class is
    read by :math:`z > 0`, i.e. :math:`\sigma(z) > 1/2`; several classes by one-vs-rest.

    Parameters
    ----------
    learning_rate : float or "auto"
        :math:`\eta_0`. ``"auto"`` (default) picks a step that cannot overshoot
        (:func:`neurona.schedules.safe_rate`, four times the squared-error step: the log
        loss curves at most 1/4 as much).
    reduction : {"mean", "sum"}
        Default ``"mean"``: a multi-row step is the gradient of the mean loss above.

    The other parameters are those of :class:`Perceptron`.

    Attributes
    ----------
    coef_, intercept_, classes_, n_iter_, t_ : as for :class:`Perceptron`
    history_ : dict of lists
        Per epoch: ``loss`` (the mean log loss of the rows as they were visited) and
        ``accuracy`` (of the weights at the end of the epoch; not with
        ``track_accuracy=False``).

    Examples
    --------
    >>> import numpy as np
    >>> from neurona import LogisticRegression
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> clf = LogisticRegression(epochs=200).fit(X, [0, 0, 1, 1])
    >>> clf.predict(X).tolist()
    [0, 0, 1, 1]
    >>> np.round(clf.predict_proba([[1.5]]), 2).tolist()
    [[0.5, 0.5]]
    """

    def __init__(
        self,
        *,
        mode: str = "online",
        learning_rate: float | str = "auto",
        epochs: int = 100,
        batch_size: int = 32,
        shuffle: bool = False,
        reduction: str = "mean",
        schedule: str = "constant",
        power_t: float = 0.5,
        random_state=None,
        tol: float | None = None,
        n_iter_no_change: int = 5,
        warm_start: bool = False,
        callbacks: Sequence[Callback] | None = None,
        backend: str = "auto",
        device: str | None = None,
        fit_intercept: bool = True,
        penalty: str | None = None,
        alpha: float = 0.0001,
        l1_ratio: float = 0.15,
        average: bool | int = False,
        early_stopping: bool = False,
        validation_fraction: float = 0.1,
        class_weight: dict | str | None = None,
        track_accuracy: bool = True,
    ):
        self.mode = mode
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.reduction = reduction
        self.schedule = schedule
        self.power_t = power_t
        self.random_state = random_state
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.warm_start = warm_start
        self.callbacks = callbacks
        self.backend = backend
        self.device = device
        self.fit_intercept = fit_intercept
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.average = average
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.class_weight = class_weight
        self.track_accuracy = track_accuracy

    def _neuron(self) -> Neuron:
        return LOGISTIC

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, (n_samples, n_classes), rows summing to 1.

        Binary: ``[1 - σ(z), σ(z)]``, as scikit-learn's ``SGDClassifier``. One-vs-rest:
        each class's ``σ(z_k)`` divided by their sum over the classes, as scikit-learn
        does, but taken in logarithms (:meth:`predict_log_proba`), so that rows whose
        every ``σ`` underflows still sum to 1 instead of giving 0/0.
        """
        Z = self._net_input(X)
        if Z.shape[1] == 1:
            p = self.neuron.output(Z)[:, 0]
            return np.column_stack([1 - p, p])
        return np.exp(self._log_proba(Z))

    def predict_log_proba(self, X) -> np.ndarray:
        """``log(predict_proba(X))``, (n_samples, n_classes), without rounding to 0 first.

        ``log σ(z) = -log(1 + e^{-z})`` is the log loss of target 1 (and ``log(1 - σ(z))``
        that of target 0), exact where ``predict_proba`` rounds to 0 or 1: for ``z = 40``,
        ``[-40, -4.2e-18]``, where ``log(predict_proba)`` would say ``[-inf, 0]``.
        """
        return self._log_proba(self._net_input(X))

    def _log_proba(self, Z: np.ndarray) -> np.ndarray:
        from scipy.special import logsumexp

        log_sigma = -self.neuron.loss(Z, np.ones_like(Z))
        if Z.shape[1] == 1:
            return np.column_stack([-self.neuron.loss(Z, np.zeros_like(Z))[:, 0], log_sigma[:, 0]])
        return log_sigma - logsumexp(log_sigma, axis=1, keepdims=True)


class LinearRegression(RegressorMixin, AbstractNeuronEstimator):
    r"""Linear regression: identity activation, loss :math:`L = \frac{1}{2n}\sum (\hat y - y)^2`.

    Parameters
    ----------
    solver : {"auto", "cholesky", "qr", "lstsq", "gd"}
        A closed form (the lecture's normal equations :math:`w = (X^\top X)^{-1} X^\top y`,
        solved stably; see :mod:`neurona.solvers`) or ``"gd"``, gradient descent in ``mode``
        with :math:`w \mathrel{+}= \eta\, r \sum_i (y_i - \hat y_i) x_i`.
    alpha : float
        Ridge penalty :math:`\alpha \lVert w \rVert^2` for the closed-form solvers, on the
        summed squared error :math:`\lVert X w + b - y \rVert^2` (scikit-learn's
        ``Ridge(alpha)``). With ``solver="gd"`` and a ``penalty`` it is scikit-learn's
        ``SGDRegressor`` alpha instead, :math:`\frac{\alpha}{2} \lVert w \rVert^2` on the
        mean loss :math:`\frac{1}{2n} \sum (\hat y - y)^2`: the same minimiser as the
        closed form's :math:`n\,\alpha` (for ``penalty="l2"``).
    penalty, l1_ratio, average, fit_intercept
        As for :class:`Perceptron` (gradient descent only; the closed forms refuse
        ``penalty`` and ``average``).
    learning_rate : float or "auto"
        As for :class:`Adaline`.
    reduction : {"mean", "sum"}
        Default ``"mean"``: a multi-row step is the gradient of the mean loss above.

    The gradient-descent parameters are those of :class:`Perceptron`.

    Attributes
    ----------
    coef_ : (n_features,) or (n_targets, n_features)
    intercept_ : float or (n_targets,)
    n_iter_, t_, history_ : as for :class:`Perceptron`; ``history_["loss"]`` is the loss
        above over the rows as they were visited.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona import LinearRegression
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> y = 2 * X[:, 0] + 1
    >>> reg = LinearRegression().fit(X, y)
    >>> print(np.round(reg.coef_, 6), round(float(reg.intercept_), 6))
    [2.] 1.0
    """

    gradient_params: ClassVar[dict[str, Any]] = {"solver": "gd"}

    def __init__(
        self,
        *,
        solver: str = "auto",
        alpha: float = 0.0,
        mode: str = "online",
        learning_rate: float | str = "auto",
        epochs: int = 100,
        batch_size: int = 32,
        shuffle: bool = False,
        reduction: str = "mean",
        schedule: str = "constant",
        power_t: float = 0.5,
        random_state=None,
        tol: float | None = None,
        n_iter_no_change: int = 5,
        warm_start: bool = False,
        callbacks: Sequence[Callback] | None = None,
        backend: str = "auto",
        device: str | None = None,
        fit_intercept: bool = True,
        penalty: str | None = None,
        l1_ratio: float = 0.15,
        average: bool | int = False,
        early_stopping: bool = False,
        validation_fraction: float = 0.1,
    ):
        self.solver = solver
        self.alpha = alpha
        self.mode = mode
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.reduction = reduction
        self.schedule = schedule
        self.power_t = power_t
        self.random_state = random_state
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.warm_start = warm_start
        self.callbacks = callbacks
        self.backend = backend
        self.device = device
        self.fit_intercept = fit_intercept
        self.penalty = penalty
        self.l1_ratio = l1_ratio
        self.average = average
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    _choices: ClassVar[dict[str, tuple]] = {"solver": (*solvers.SOLVERS, "gd")}

    def _check_params(self) -> None:
        super()._check_params()
        if self.solver == "gd" and self.alpha == 0 and self.penalty is not None:
            raise ParameterError(
                f"penalty={self.penalty!r} with alpha=0 penalises nothing; pass alpha > 0 "
                "(scikit-learn's SGDRegressor default is 0.0001), or penalty=None"
            )
        if self.solver == "gd" and self.alpha != 0 and self.penalty is None:
            raise ParameterError(
                f"alpha={self.alpha!r} with solver='gd' and penalty=None penalises nothing; "
                "use solver='auto' for ridge, or penalty='l2' (scikit-learn's SGD penalty, "
                "alpha/2 ‖w‖² on the mean loss) with solver='gd'"
            )

    def _neuron(self) -> Neuron:
        return LINEAR

    def _solver(self) -> str | None:
        return None if self.solver == "gd" else self.solver

    def _alpha(self) -> float:
        return float(self.alpha)

    _alpha_is_ridge = True

    def _outputs(self, y, dtype, *, classes, warm: bool) -> np.ndarray:
        del classes
        n_out = 1 if y.ndim == 1 else y.shape[1]
        if warm and hasattr(self, "coef_") and n_out != self._coef_matrix().shape[0]:
            raise DataError(
                f"y has {n_out} target column(s) but the model was fitted with "
                f"{self._coef_matrix().shape[0]}; pass the same targets, or refit from scratch"
            )
        solvers.check_target_scale(y, dtype=dtype)  # targets whose squared errors overflow
        return np.asarray(y, dtype=dtype).reshape(y.shape[0], -1)

    def _store(self, W, b, *, squeeze: bool) -> None:
        if squeeze:
            self.coef_, self.intercept_ = W[:, 0].copy(), b[0].copy()
        else:
            self.coef_, self.intercept_ = W.T.copy(), b.copy()

    def fit(self, X, y, sample_weight=None, *, coef_init=None, intercept_init=None,
            on_update=None):  # fmt: skip
        """Fit by the closed form, or by ``epochs`` epochs of gradient descent.

        ``sample_weight`` (n_samples,): weighted least squares for the closed forms
        (scikit-learn's ``LinearRegression(...).fit(X, y, sample_weight)``); each row's
        error scaled by its weight for gradient descent (``SGDRegressor``).
        ``on_update``, ``coef_init`` ((n_targets, n_features), or (n_features,) for a 1-D
        ``y``) and ``intercept_init`` as for :meth:`Perceptron.fit` (gradient descent only).
        """
        return self._fit(X, y, partial=False, on_update=on_update,
                         init=(coef_init, intercept_init),
                         sample_weight=sample_weight)  # fmt: skip

    @available_if(lambda self: self.solver == "gd")
    def partial_fit(self, X, y, sample_weight=None):
        """One epoch of gradient descent over (X, y), continuing from the current weights.

        Available with ``solver="gd"``; ``sample_weight`` as for :meth:`fit`.
        """
        return self._fit(X, y, partial=True, sample_weight=sample_weight)

    def predict(self, X) -> np.ndarray:
        """:math:`\\hat y = X w + b`: (n_samples,) or (n_samples, n_targets).

        Raises
        ------
        DataError
            A prediction is beyond the range of its float dtype (finite rows whose
            product with the weights overflows): no number can stand for it.
        """
        Z = self._net_input(X)
        if not np.isfinite(Z).all():
            row = int(np.argwhere(~np.isfinite(Z))[0, 0])
            raise _OverflowedPrediction(
                row,
                f"the prediction for row {row} is beyond {Z.dtype}'s range (|y| > "
                f"{np.finfo(Z.dtype).max:.2g}): "
                "the features are too large for these weights; scale them as the training "
                "data were scaled",
            )
        return Z[:, 0] if np.ndim(self.coef_) == 1 else Z

    def score(self, X, y, sample_weight=None) -> float:
        """:math:`R^2` of ``predict(X)`` against ``y`` (bad targets refused in words)."""
        check_is_fitted(self)
        y = as_input(y, "y")
        sample_weight = _score_weights(sample_weight, y)
        with data_errors():
            from sklearn.metrics import r2_score

            pred = self.predict(X)
            y_true, pred = _scaled_for_squares(y, pred)
            return float(r2_score(y_true, pred, sample_weight=sample_weight))


#: every estimator, by its command-line name: the one place an estimator is listed
ESTIMATORS: dict[str, type[AbstractNeuronEstimator]] = {
    "perceptron": Perceptron,
    "adaline": Adaline,
    "linear": LinearRegression,
    "logistic": LogisticRegression,
}


def load(path: str | os.PathLike) -> AbstractNeuronEstimator:
    """Read a model written by ``estimator.save(path)``; runs no code.

    Returns
    -------
    AbstractNeuronEstimator
        Fitted: ``predict`` gives the same answers as the saved model, and ``partial_fit`` /
        ``warm_start`` continue from it (with a fresh random generator, see :mod:`neurona.io`).

    Raises
    ------
    ModelFileError
        The file is not a neurona model, is truncated or corrupted, comes from a newer
        format version, holds a pickle, names an unknown estimator, or holds values that
        do not fit together.
    OSError
        The file cannot be read (missing, no permission).
    """
    record = io.read_model(path)
    cls = {c.__name__: c for c in ESTIMATORS.values()}.get(record.kind)
    if cls is None:
        raise record.bad(f"it names an unknown neuron {record.kind!r}")
    return cls._from_record(record)
