"""scikit-learn's own estimator contract, run as tests."""

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron

#: every estimator with its defaults (and the closed-form ADALINE): `make test`
ESTIMATORS = [
    Perceptron(),
    Adaline(),
    Adaline(solver="normal"),
    LinearRegression(),
    LogisticRegression(),
]
#: other rules and modes (the same engine, other kernels): `make test-slow`, which keeps
#: `make test` (CI) under its time limit
VARIANTS = [
    Perceptron(rule="error", mode="minibatch", batch_size=8),
    Perceptron(mode="random"),
    Adaline(mode="batch"),
    LinearRegression(solver="gd", mode="minibatch", batch_size=16, epochs=300),
    LogisticRegression(mode="batch", reduction="sum"),
]


def _expected_failures(estimator):
    failures = {}
    if not estimator.closed_form:
        # As scikit-learn marks its own SGDClassifier, SGDRegressor and Perceptron: a
        # row's weight scales its update, which is not the same as visiting the row that
        # many times in a row (tests/test_sgd_contract.py checks the weighted updates
        # against scikit-learn's SGD instead). The closed forms pass this check.
        for data in ("dense", "sparse"):  # the same on sparse X (issue 16)
            failures[f"check_sample_weight_equivalence_on_{data}_data"] = (
                "weighted SGD steps are not repeated rows, as for scikit-learn's SGD"
            )
    if not estimator.closed_form and not estimator.neuron.mistake_driven:
        # The check's blobs have features of scale 20 and it raises max_iter to 1000,
        # which neurona calls epochs: 100 epochs of a step that cannot overshoot do not
        # reach the weighted optimum (1000 do; tests/test_sgd_contract.py checks the class
        # weights against scikit-learn's).
        failures["check_class_weight_classifiers"] = (
            "sets max_iter=1000; neurona's epochs stay 100, too few on the check's data"
        )
    if isinstance(estimator, LinearRegression) and estimator.solver == "gd":
        # The check sets alpha=0.01; ridge is a closed-form option only, and gradient
        # descent refuses it rather than ignoring it. tests/test_training.py runs the same
        # data set through solver="gd" with alpha=0.
        reason = "sets alpha=0.01, which solver='gd' refuses by design"
        failures.update(
            {
                "check_regressors_train": reason,
                "check_regressors_train(readonly_memmap=True)": reason,
                "check_regressors_train(readonly_memmap=True,X_dtype=float32)": reason,
            }
        )
    return failures


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@parametrize_with_checks(ESTIMATORS, expected_failed_checks=_expected_failures)
def test_sklearn_contract(estimator, check):
    check(estimator)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@parametrize_with_checks(VARIANTS, expected_failed_checks=_expected_failures)
def test_sklearn_contract_of_other_modes(estimator, check):
    check(estimator)
