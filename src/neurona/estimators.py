"""The lecture's neurons as scikit-learn estimators: parameters in, attributes out, no math.

All three share one engine (:func:`neurona.train.train_epochs`): a neuron spec from
:mod:`neurona.neurons`, a mode from :mod:`neurona.modes`, a backend from
:mod:`neurona.backends`. Weights start at zero, as in the lecture.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted

from . import solvers
from ._validation import (
    check_number,
    check_params,
    validate_fit,
    validate_predict,
)
from .backends import Schedule, get_backend, resolve_backend_name
from .errors import DataError, DivergenceError, ParameterError, SeparabilityWarning
from .modes import MODES
from .neurons import ADALINE, LINEAR, PERCEPTRON_ERROR, PERCEPTRON_MARGIN, Neuron
from .neurons import losses as _losses
from .neurons import n_correct as _n_correct
from .train import Callback, TrainResult, new_history, train_epochs

__all__ = ["Adaline", "LinearRegression", "Perceptron"]

_CLOSED_FORM = ("auto", "cholesky", "qr", "lstsq")


def _make_rng(random_state) -> np.random.Generator:
    """One Generator from ``random_state`` (None, int, Generator, SeedSequence, RandomState)."""
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(np.iinfo(np.int32).max))
    return np.random.default_rng(random_state)


class _NeuronEstimator(BaseEstimator):
    """Shared fit / partial_fit / decision_function for every single-layer neuron."""

    # subclass hooks ------------------------------------------------------------------
    def _neuron(self) -> Neuron:
        raise NotImplementedError

    def _closed_form(self) -> str | None:
        """Name of the closed-form solver to use, or None to train by gradient steps."""
        return None

    def _targets(self, y: np.ndarray, dtype) -> np.ndarray:
        raise NotImplementedError

    # parameters ------------------------------------------------------------------------
    def _check_params(self) -> None:
        check_params(
            self,
            mode=MODES,
            schedule=("constant", "invscaling"),
            reduction=("sum", "mean"),
            shuffle=(True, False),
            warm_start=(True, False),
        )
        if not (isinstance(self.learning_rate, str) and self.learning_rate == "auto"):
            check_number(self, "learning_rate", low=0.0, strict=True)
        check_number(self, "power_t", low=0.0)
        check_number(self, "epochs", low=1, integer=True)
        check_number(self, "batch_size", low=1, integer=True)
        check_number(self, "tol", low=0.0, optional=True)
        check_number(self, "n_iter_no_change", low=1, integer=True)
        resolve_backend_name_checked(self.backend, self.mode)
        if self.device is not None:
            _check_device(self.backend, self.device)
        if self.callbacks is not None and not all(callable(c) for c in self.callbacks):
            raise ParameterError("callbacks must be a list of callables (or None)")

    def _schedule(self, X: np.ndarray) -> Schedule:
        if self.learning_rate != "auto" or not hasattr(self, "learning_rate_"):
            self.learning_rate_ = self._initial_rate(X)
        power = self.power_t if self.schedule == "invscaling" else 0.0
        return Schedule(self.learning_rate_, float(power))

    def _initial_rate(self, X: np.ndarray) -> float:
        r"""``learning_rate``, or for ``"auto"`` a step that cannot diverge.

        With :math:`\tilde x_i = (x_i, 1)`, a step over rows :math:`S` has the Hessian
        :math:`H_S = r \sum_{i \in S} \tilde x_i \tilde x_i^\top` of a squared loss, and
        :math:`\eta_0 \lambda_{max}(H_S) \le 1` rules out overshooting. ``"auto"`` takes
        :math:`\eta_0 = 1 / B` with :math:`B \ge \lambda_{max}(H_S)` for every step:
        batch uses the trace, :math:`B = r \sum_i \lVert \tilde x_i \rVert^2`; the other
        modes :math:`B = r\, k \max_i \lVert \tilde x_i \rVert^2` (k rows per step).
        """
        if not isinstance(self.learning_rate, str):
            return float(self.learning_rate)
        sq = np.einsum("ij,ij->i", X, X, dtype=np.float64) + 1.0
        if self.mode == "batch":
            bound = sq.sum() / (X.shape[0] if self.reduction == "mean" else 1)
        else:
            k = min(self.batch_size, X.shape[0]) if self.mode == "minibatch" else 1
            bound = sq.max() * (1 if self.reduction == "mean" else k)
        return float(1.0 / bound)

    # fitting ---------------------------------------------------------------------------
    def _start(self, X: np.ndarray, n_out: int, warm: bool) -> tuple[np.ndarray, np.ndarray]:
        """Weights to start from: zeros, or the fitted ones when continuing."""
        if warm:
            W = np.array(self._coef_matrix().T, dtype=X.dtype, order="C")
            return W, np.array(np.atleast_1d(self.intercept_), dtype=X.dtype)
        return np.zeros((X.shape[1], n_out), dtype=X.dtype), np.zeros(n_out, dtype=X.dtype)

    def _run(self, X, T, warm: bool, epochs: int, tol, on_update=None) -> TrainResult:
        neuron = self._neuron()
        W, b = self._start(X, T.shape[1], warm)
        if not warm:
            self.t_ = 0
            self.history_ = new_history(neuron)
        schedule, backend = self._schedule(X), resolve_backend_name(self.backend, self.mode, X)
        if self.backend == "auto" and warm and hasattr(self, "_auto_backend"):
            backend = self._auto_backend  # a continued run stays where it started
        if on_update is not None and self.backend == "auto":
            backend = "numpy"  # the only backend that calls back per update
        self._auto_backend = backend
        if self.device is not None:  # checked: the torch backend, on a device that exists
            as_tensor = get_backend("torch").as_tensor
            X, T, backend = as_tensor(X, self.device), as_tensor(T, self.device), "torch"
        try:
            result = train_epochs(
                X,
                T,
                W,
                b,
                neuron=neuron,
                mode=self.mode,
                epochs=epochs,
                schedule=schedule,
                rng=self._rng,
                backend=backend,
                batch_size=self.batch_size,
                shuffle=self.shuffle,
                reduction=self.reduction,
                tol=tol,
                n_iter_no_change=self.n_iter_no_change,
                steps_done=self.t_,
                history=self.history_,
                callbacks=tuple(self.callbacks or ()),
                on_update=on_update,
            )
        except DivergenceError:
            self._store(W, b)  # the last finite weights
            raise
        self._store(W, b)
        self.t_ = result.steps
        return result

    def _fit(self, X, y, *, partial: bool, classes=None, on_update=None):
        self._check_params()
        warm = hasattr(self, "coef_") and (partial or self.warm_start)
        X, y = validate_fit(
            self,
            X,
            y,
            reset=not warm,
            classifier=self._is_classifier(),
            multi_output=not self._is_classifier(),
        )
        self._set_outputs(y, classes=classes, partial=partial, warm=warm)
        T = self._targets(y, X.dtype)
        if not warm or not hasattr(self, "_rng"):
            self._rng = _make_rng(self.random_state)
            self.__dict__.pop("learning_rate_", None)
        solver = self._closed_form()
        if solver is not None:
            if on_update is not None:
                raise ParameterError(
                    f"solver={solver!r} solves in closed form: there are no updates to report; "
                    "use solver='gd' for on_update"
                )
            return self._fit_closed_form(X, T, solver)
        if partial:
            self._run(X, T, warm, epochs=1, tol=None)
            self.n_iter_ = getattr(self, "n_iter_", 0) + 1 if warm else 1
            return self
        result = self._run(X, T, warm, epochs=self.epochs, tol=self.tol, on_update=on_update)
        self.n_iter_ = result.n_epochs
        self._after_fit(result)
        return self

    def _fit_closed_form(self, X, T, solver: str):
        coef, intercept = solvers.fit_least_squares(
            X, T, solver=solver, alpha=float(getattr(self, "alpha", 0.0))
        )
        self._store(np.asarray(coef, dtype=X.dtype), np.asarray(intercept, dtype=X.dtype))
        neuron = self._neuron()
        Z = X @ coef + intercept
        self.history_ = new_history(neuron)
        self.history_["loss"].append(float(_losses(neuron, Z, T).mean()))
        if "accuracy" in self.history_:
            self.history_["accuracy"].append(_n_correct(neuron, Z, T) / X.shape[0])
        self.n_iter_, self.t_ = 1, 0
        return self

    def _after_fit(self, result: TrainResult) -> None:
        """Hook run after a complete fit (the perceptron warns when it did not converge)."""

    def _store(self, W: np.ndarray, b: np.ndarray) -> None:
        raise NotImplementedError

    def _coef_matrix(self) -> np.ndarray:
        return np.atleast_2d(self.coef_)

    def save(self, path) -> None:
        """Write the fitted model to ``path`` (JSON metadata + arrays; never pickle).

        Read it back with :func:`neurona.load`.
        """
        from .io import save

        save(self, path)

    # predicting ------------------------------------------------------------------------
    def _net_input(self, X) -> np.ndarray:
        check_is_fitted(self)
        X = validate_predict(self, X)
        return X @ self._coef_matrix().T + self.intercept_


def _check_device(backend: str, device) -> None:
    """``device`` needs the torch backend, a device name torch knows, and that device."""
    if backend not in ("torch", "auto"):
        raise ParameterError(
            f"device={device!r} needs backend='torch' (or 'auto'), not {backend!r}: only the "
            "torch backend runs on a device"
        )
    torch = get_backend("torch").torch  # MissingDependencyError names the extra
    if not isinstance(device, str):
        raise ParameterError(f"device must be a string such as 'cpu' or 'cuda', not {device!r}")
    try:
        dev = torch.device(device)
    except (RuntimeError, ValueError) as exc:
        raise ParameterError(
            f"device={device!r} is not a torch device name; use e.g. 'cpu', 'cuda' or 'cuda:0'"
        ) from exc
    if dev.type not in ("cpu", "cuda"):
        raise ParameterError(
            f"device={device!r}: neurona trains on 'cpu' or 'cuda' devices, not {dev.type!r}"
        )
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ParameterError(
            f"device={device!r} but torch sees no CUDA device here "
            "(torch.cuda.is_available() is False); use device='cpu' or leave it unset"
        )
    if dev.type == "cuda" and dev.index is not None and dev.index >= torch.cuda.device_count():
        raise ParameterError(
            f"device={device!r} but torch sees {torch.cuda.device_count()} CUDA device(s), "
            f"numbered from 0; pick one of those"
        )


def resolve_backend_name_checked(name, mode) -> str:
    try:
        return resolve_backend_name(name, mode)
    except ValueError as exc:
        raise ParameterError(str(exc)) from exc


class _NeuronClassifier(ClassifierMixin, _NeuronEstimator):
    """Binary by one neuron; multiclass by one-vs-rest (one neuron per class)."""

    def _is_classifier(self) -> bool:
        return True

    def _set_outputs(self, y, *, classes, partial: bool, warm: bool) -> None:
        if y.ndim != 1:
            raise DataError(
                f"y has shape {y.shape}; a classifier needs one label per sample: "
                "pass y as a 1-D array"
            )
        if warm:
            unseen = np.setdiff1d(np.unique(y), self.classes_)
            if unseen.size:
                raise DataError(
                    f"y contains labels {unseen.tolist()} not seen when fitting started "
                    f"(classes_={self.classes_.tolist()}); refit from scratch, or pass every "
                    "label in `classes` on the first partial_fit call"
                )
            return
        if partial and classes is None:
            raise DataError(
                "classes must be passed on the first call to partial_fit: "
                "partial_fit(X, y, classes=np.unique(all_labels))"
            )
        labels = np.unique(y if classes is None else np.asarray(classes))
        if labels.size < 2:
            raise DataError(
                f"y has one class only ({labels.tolist()}); a classifier needs at least two "
                "classes: check the target column, or the filter that selected the rows"
            )
        self.classes_ = labels

    def _targets(self, y, dtype) -> np.ndarray:
        neg, pos = self._neuron().targets
        columns = self.classes_[1:] if self.classes_.size == 2 else self.classes_
        return np.where(y[:, None] == columns[None, :], pos, neg).astype(dtype)

    def _store(self, W, b) -> None:
        self.coef_, self.intercept_ = W.T.copy(), b.copy()

    def decision_function(self, X) -> np.ndarray:
        """Net input z = X w + b: (n_samples,) if binary, else (n_samples, n_classes)."""
        Z = self._net_input(X)
        return Z[:, 0] if Z.shape[1] == 1 else Z

    def predict(self, X) -> np.ndarray:
        """Class labels: ``classes_[1]`` where z > 0 (binary), the largest z (one-vs-rest)."""
        Z = self._net_input(X)
        idx = (Z[:, 0] > 0).astype(int) if Z.shape[1] == 1 else Z.argmax(axis=1)
        return self.classes_[idx]

    def partial_fit(self, X, y, classes=None):
        """One epoch over (X, y), continuing from the current weights.

        ``classes`` (every label that will ever appear) is required on the first call.
        """
        return self._fit(X, y, partial=True, classes=classes)

    def fit(self, X, y, *, on_update=None):
        """Train for ``epochs`` epochs (from zero weights unless ``warm_start``).

        ``on_update(W, b)``, if given, is called after every update that changed the
        weights, with ``W`` (n_features, n_outputs) and ``b`` (n_outputs,) as they are then
        (views: copy to keep). It needs ``backend="numpy"`` (``"auto"`` takes it); it is
        what :func:`neurona.plot.trace_training` animates.
        """
        return self._fit(X, y, partial=False, on_update=on_update)


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
    mode : {"online", "random", "batch", "minibatch"}
        Which rows form an update (see :mod:`neurona.modes`).
    learning_rate : float
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
        extra) or ``"auto"`` (default): torch when ``device`` is set, NumPy for small data
        (fewer than ``neurona.backends.AUTO_MIN_SIZE`` = 100 000 values, the lecture's
        examples) and for ``fit(..., on_update=)``, numba otherwise. All give NumPy's
        weights (see :mod:`neurona.backends` for the tolerances).
    device : str or None
        A torch device (``"cpu"``, ``"cuda"``, ``"cuda:1"``) to train on, with
        ``backend="torch"`` or ``"auto"``: ``X`` and the targets are copied there once per
        ``fit``, every epoch runs there, and the fitted attributes come back as NumPy
        arrays. None (default) keeps the data where it is.

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
        the rows classified correctly by the weights at the end of the epoch).

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
        learning_rate: float = 1.0,
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

    def _check_params(self) -> None:
        check_params(self, rule=("margin", "error"))
        super()._check_params()

    def _neuron(self) -> Neuron:
        return PERCEPTRON_MARGIN if self.rule == "margin" else PERCEPTRON_ERROR

    def _after_fit(self, result: TrainResult) -> None:
        last = self.history_["updates"][-1] if self.history_["updates"] else 0
        if result.converged or result.stopped_by_callback or last == 0:
            return
        warnings.warn(
            f"the perceptron still made {last} update(s) in its last epoch "
            f"({result.n_epochs}): the data may not be linearly separable (check with "
            "neurona.check_separability(X, y)), or it needs more epochs",
            SeparabilityWarning,
            stacklevel=3,
        )


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
        loss (stored in ``learning_rate_``): :math:`1 / \max_i \lVert (x_i, 1) \rVert^2`
        for one-row steps and mean minibatches, :math:`1 / \mathrm{mean}_i \lVert (x_i, 1)
        \rVert^2` for mean batch steps (the sum-reduced steps divide by their row count).
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

    def _check_params(self) -> None:
        check_params(self, solver=("gd", "normal"))
        super()._check_params()

    def _neuron(self) -> Neuron:
        return ADALINE

    def _closed_form(self) -> str | None:
        return "auto" if self.solver == "normal" else None


class LinearRegression(RegressorMixin, _NeuronEstimator):
    r"""Linear regression: identity activation, loss :math:`L = \frac{1}{2n}\sum (\hat y - y)^2`.

    Parameters
    ----------
    solver : {"auto", "cholesky", "qr", "lstsq", "gd"}
        A closed form (the lecture's normal equations :math:`w = (X^\top X)^{-1} X^\top y`,
        solved stably; see :mod:`neurona.solvers`) or ``"gd"``, gradient descent in ``mode``
        with :math:`w \mathrel{+}= \eta\, r \sum_i (y_i - \hat y_i) x_i`.
    alpha : float
        Ridge penalty :math:`\alpha \lVert w \rVert^2` for the closed-form solvers.
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

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    def _is_classifier(self) -> bool:
        return False

    def _check_params(self) -> None:
        check_params(self, solver=(*_CLOSED_FORM, "gd"))
        check_number(self, "alpha", low=0.0)
        if self.solver == "gd" and self.alpha != 0:
            raise ParameterError(
                f"alpha={self.alpha!r} applies to the closed-form solvers only; "
                "use solver='auto' for ridge, or alpha=0 with solver='gd'"
            )
        super()._check_params()

    def _neuron(self) -> Neuron:
        return LINEAR

    def _closed_form(self) -> str | None:
        return None if self.solver == "gd" else self.solver

    def _set_outputs(self, y, *, classes, partial: bool, warm: bool) -> None:
        del classes, partial
        n_out = 1 if y.ndim == 1 else y.shape[1]
        if warm and n_out != self._n_outputs:
            raise DataError(
                f"y has {n_out} target column(s) but the model was fitted with "
                f"{self._n_outputs}; pass the same targets, or refit from scratch"
            )
        self._n_outputs, self._y_1d = n_out, y.ndim == 1

    def _targets(self, y, dtype) -> np.ndarray:
        return np.asarray(y, dtype=dtype).reshape(y.shape[0], -1)

    def _store(self, W, b) -> None:
        if self._y_1d:
            self.coef_, self.intercept_ = W[:, 0].copy(), b[0].copy()
        else:
            self.coef_, self.intercept_ = W.T.copy(), b.copy()

    def fit(self, X, y, *, on_update=None):
        """Fit by the closed form, or by ``epochs`` epochs of gradient descent.

        ``on_update`` as for :meth:`Perceptron.fit` (gradient descent only).
        """
        return self._fit(X, y, partial=False, on_update=on_update)

    @available_if(lambda self: self.solver == "gd")
    def partial_fit(self, X, y):
        """One epoch of gradient descent over (X, y), continuing from the current weights.

        Available with ``solver="gd"``.
        """
        return self._fit(X, y, partial=True)

    def predict(self, X) -> np.ndarray:
        """:math:`\\hat y = X w + b`: (n_samples,) or (n_samples, n_targets)."""
        Z = self._net_input(X)
        return Z[:, 0] if self._y_1d else Z
