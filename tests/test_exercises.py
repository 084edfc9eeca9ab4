"""neurona.exercises: each checker passes a right student function and names, for each
common mistake, the first wrong update and the mistake's hint, in Spanish and in English.

The students below are written as students write them (explicit loops over rows, the
lecture's Δw accumulators), independently of the checkers' reference; that reference is
itself checked against neurona's estimators. Where a report names a first wrong call,
the test replays the student against a textbook reference written here and checks that
every earlier call agreed and that call did not.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from neurona import Adaline, LinearRegression, LogisticRegression, Perceptron
from neurona.errors import NeuronaError, ParameterError, SeparabilityWarning
from neurona.exercises import (
    ExerciseError,
    Report,
    _data,
    _prediction_data,
    _resolve,
    _run_epoch,
    check_epoch,
    check_gradient,
    check_loss,
    check_prediction,
    check_update,
)

LANGS = ("es", "en")
K = 6  # batch_size of the minibatch checks: 20 rows -> 6, 6, 6, 2


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# --------------------------------------------------------------------- the students
def row_error(neuron, rule, z, t, m):
    """The error a student computes for one row, with mistake ``m`` (a set of flags)."""
    if neuron == "perceptron" and rule == "margin":
        if "every_row" in m:
            e = t
        elif "strict" in m:
            e = t if t * z < 0 else 0.0
        elif "class_rule" in m:  # ŷ = [z > 0] read as ±1: the error rule in ±1 targets
            e = t if (1.0 if z > 0 else -1.0) != t else 0.0
        else:
            e = t if t * z <= 0 else 0.0
        return -e if "sign" in m else e
    if neuron == "perceptron":
        y_hat = 1.0 if (z >= 0 if "ge" in m else z > 0) else 0.0
    elif neuron == "logistic":
        y_hat = z if "z_not_sigma" in m else sigmoid(z)
    elif "threshold" in m:
        y_hat = 1.0 if z > 0 else -1.0
    else:
        y_hat = z
    e = t if "t_only" in m else t - y_hat
    return -e if "sign" in m else e


def update_student(neuron, rule=None, *mistakes):
    """``f(w, b, x, t, eta)``: one online step, as the lecture's pseudo-code writes it."""
    m = set(mistakes)

    def step(w, b, x, t, eta):
        e = row_error(neuron, rule, x @ w + b, t, m)
        lr = 1.0 if "no_eta" in m else eta
        lr *= 2.0 if "no_half" in m else 1.0
        w = w + lr * e * x
        if "no_bias" not in m:
            b = b + lr * e
        return w, b

    return step


def epoch_student(neuron, mode, rule=None, *mistakes):
    """``f(w, b, X, T, eta[, batch_size])``: one epoch with the lecture's Δw accumulators."""
    m = set(mistakes)
    mean = neuron != "perceptron"
    if "sum" in m or "mean" in m:
        mean = "mean" in m

    def epoch(w, b, X, T, eta, batch_size=None):
        n = len(X)
        k = {"online": 1, "batch": n, "minibatch": batch_size}[mode]
        if "whole_batch" in m:
            k = n
        lr = (1.0 if "no_eta" in m else eta) * (2.0 if "no_half" in m else 1.0)
        w = np.array(w, dtype=float)
        for start in range(0, n, k):
            rows = range(start, min(start + k, n))
            if "drop_last" in m and len(rows) < k:
                break
            size = k if "last_k" in m else len(rows)
            r = 1.0 / size if mean else 1.0
            dw, db = np.zeros_like(w), 0.0
            for i in rows:
                e = row_error(neuron, rule, X[i] @ w + b, T[i], m)
                if "online_inside" in m:
                    w = w + lr * r * e * X[i]
                    b = b if "no_bias" in m else b + lr * r * e
                else:
                    dw += e * X[i]
                    db += e
            w = w + lr * r * dw
            if "no_bias" not in m:
                b = b + lr * r * db
        return w, b

    return epoch


def predict_student(neuron, *mistakes):
    m = set(mistakes)

    def predict(X, w, b):
        z = X @ w + (0.0 if "no_bias" in m else b)
        if neuron == "linear" or "raw_z" in m:
            return z
        if neuron == "logistic":
            if "class_not_prob" in m:
                return np.where(z > 0, 1, 0)
            return 1 - sigmoid(z) if "one_minus" in m else sigmoid(z)
        negative = {"perceptron": 0, "adaline": -1}[neuron]
        if "labels" in m:
            negative = -1 - negative
        return np.where(z >= 0 if "ge" in m else z > 0, 1, negative)

    return predict


def loss_student(neuron, rule=None, *mistakes):
    m = set(mistakes)

    def loss(w, b, X, T):
        z = X @ w + (0.0 if "no_bias" in m else b)
        if neuron == "logistic":
            p = sigmoid(z)
            T_ = 1 - T if "swapped" in m else T
            terms = -(T_ * np.log(p) + (1 - T_) * np.log(1 - p))
            terms = -terms if "sign" in m else terms
        elif neuron == "perceptron":
            s = T if rule == "margin" else 2 * T - 1
            terms = np.maximum(0.0, -s * z)
        else:
            terms = (z - T) ** 2 * (1.0 if "no_half" in m else 0.5)
        return float(np.sum(terms) if "sum" in m else np.mean(terms))

    return loss


def gradient_student(neuron, rule=None, *mistakes):
    m = set(mistakes)

    def gradient(w, b, X, T):
        n = len(X)
        z = X @ w + (0.0 if "no_bias_z" in m else b)
        e = np.array([row_error(neuron, rule, z[i], T[i], m) for i in range(n)])
        grad_w, grad_b = -(X.T @ e), -np.sum(e)
        if "sum" not in m:
            grad_w, grad_b = grad_w / n, grad_b / n
        if "no_half" in m:
            grad_w, grad_b = 2 * grad_w, 2 * grad_b
        if "grad_sign" in m:
            grad_w, grad_b = -grad_w, -grad_b
        return grad_w, (0.0 if "no_bias" in m else grad_b)

    return gradient


def stub(*args, **kwargs):
    raise NotImplementedError


# --------------------------------------------------------------------- the references
NEURON_RULES = [("perceptron", "error"), ("perceptron", "margin"), ("adaline", None),
                ("linear", None), ("logistic", None)]  # fmt: skip


def estimator(neuron, rule, mode, eta, epochs):
    common = dict(mode=mode, learning_rate=eta, epochs=epochs, batch_size=K, shuffle=False,
                  backend="numpy", tol=None)  # fmt: skip
    if neuron == "perceptron":
        return Perceptron(rule=rule, **common)
    if neuron == "linear":
        return LinearRegression(solver="gd", **common)
    return {"adaline": Adaline, "logistic": LogisticRegression}[neuron](**common)


@pytest.mark.filterwarnings("ignore::neurona.errors.SeparabilityWarning")
@pytest.mark.parametrize("mode", ["online", "batch", "minibatch"])
@pytest.mark.parametrize(("neuron", "rule"), NEURON_RULES)
def test_the_reference_is_neuronas_estimator(neuron, rule, mode):
    """Three epochs of the checkers' reference are three epochs of the estimator."""
    unit = _resolve(neuron, rule)
    data = _data(unit, seed=0)
    step = {"online": 1, "batch": len(data.X), "minibatch": K}[mode]
    w, b = np.zeros(data.X.shape[1]), 0.0
    for _ in range(3):
        w, b = _run_epoch(lambda z, t: unit.error(z, t), w, b, data.X, data.T, data.eta,
                          step=step, mean=unit.reduction == "mean")  # fmt: skip
    est = estimator(neuron, rule, mode, data.eta, 3).fit(data.X, data.T)
    np.testing.assert_allclose(np.ravel(est.coef_), w, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(np.ravel(est.intercept_), [b], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("neuron", "rule"), NEURON_RULES)
def test_the_right_students_agree_with_the_estimator_too(neuron, rule):
    """The test's own students (right ones) are neurona's online fit: they are independent
    witnesses, not copies of the checker."""
    unit = _resolve(neuron, rule)
    data = _data(unit, seed=0)
    w, _ = epoch_student(neuron, "online", rule)(np.zeros(data.X.shape[1]), 0.0, data.X,
                                                 data.T, data.eta)  # fmt: skip
    with pytest.warns(SeparabilityWarning) if neuron == "perceptron" else _nothing():
        est = estimator(neuron, rule, "online", data.eta, 1).fit(data.X, data.T)
    np.testing.assert_allclose(np.ravel(est.coef_), w, rtol=1e-12, atol=1e-12)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


# --------------------------------------------------------------------- right answers pass
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("seed", [0, 1, 7])
@pytest.mark.parametrize(("neuron", "rule"), NEURON_RULES)
def test_right_students_pass_every_checker(neuron, rule, seed, lang):
    reports = [
        check_update(update_student(neuron, rule), neuron=neuron, rule=rule, lang=lang,
                     seed=seed),
        *[check_epoch(epoch_student(neuron, mode, rule), neuron=neuron, mode=mode, rule=rule,
                      batch_size=K, lang=lang, seed=seed)
          for mode in ("online", "batch", "minibatch")],
        check_loss(loss_student(neuron, rule), neuron=neuron, rule=rule, lang=lang, seed=seed),
        check_gradient(gradient_student(neuron, rule), neuron=neuron, rule=rule, lang=lang,
                       seed=seed),
    ]  # fmt: skip
    if rule != "margin":
        reports.append(check_prediction(predict_student(neuron), neuron=neuron, lang=lang,
                                        seed=seed))  # fmt: skip
    for report in reports:
        assert report.passed, report.message
        assert report.mistake is None
        assert report.where == {}
        assert report.message.startswith("Correcto" if lang == "es" else "Correct")


def test_defaults_are_the_error_rule_and_online_mode():
    assert check_update(update_student("perceptron", "error"), neuron="perceptron")
    assert check_epoch(epoch_student("perceptron", "online", "error"), neuron="perceptron")
    assert not check_update(update_student("perceptron", "margin"), neuron="perceptron")


def test_the_lectures_column_weights_and_array_bias_are_accepted():
    """The lecture's class keeps w as (m, 1) and b as np.zeros(1)."""

    def step(w, b, x, t, eta):
        w, b = w.reshape(-1, 1), np.array([b])
        e = t - (1.0 if float(x @ w[:, 0] + b[0]) > 0 else 0.0)
        return w + eta * e * x.reshape(-1, 1), b + eta * e

    assert check_update(step, neuron="perceptron", rule="error")

    def forward(X, w, b):
        return np.where(X @ w.reshape(-1, 1) + b > 0.0, 1, 0)  # (n, 1)

    assert check_prediction(forward, neuron="perceptron")


def test_a_student_that_changes_its_arguments_in_place_still_gets_the_reference():
    def step(w, b, x, t, eta):
        e = t - (x @ w + b)
        w += eta * e * x  # in place, on the checker's copy
        x *= 0  # vandalism, on the checker's copy
        return w, b + eta * e

    assert check_update(step, neuron="linear"), "in-place updates are a right answer"


# --------------------------------------------------------------------- the mistakes
# (checker kind, neuron, rule, mode, student flags, mistake the report must name)
UPDATE_MISTAKES = [
    ("perceptron", "error", ("sign",), "sign"),
    ("perceptron", "error", ("no_bias",), "no_bias"),
    ("perceptron", "error", ("no_eta",), "no_eta"),
    ("perceptron", "error", ("t_only",), "t_only"),
    ("perceptron", "error", ("ge",), "rule_at_zero"),
    ("perceptron", "margin", ("sign",), "sign"),
    ("perceptron", "margin", ("no_bias",), "no_bias"),
    ("perceptron", "margin", ("no_eta",), "no_eta"),
    ("perceptron", "margin", ("strict",), "rule_at_zero"),
    ("perceptron", "margin", ("class_rule",), "rule_at_zero"),
    ("perceptron", "margin", ("every_row",), "every_row"),
    ("adaline", None, ("sign",), "sign"),
    ("adaline", None, ("no_bias",), "no_bias"),
    ("adaline", None, ("no_eta",), "no_eta"),
    ("adaline", None, ("t_only",), "t_only"),
    ("adaline", None, ("threshold",), "threshold"),
    ("adaline", None, ("no_half",), "no_half"),
    ("linear", None, ("sign",), "sign"),
    ("linear", None, ("no_bias",), "no_bias"),
    ("linear", None, ("no_eta",), "no_eta"),
    ("linear", None, ("t_only",), "t_only"),
    ("logistic", None, ("sign",), "sign"),
    ("logistic", None, ("no_bias",), "no_bias"),
    ("logistic", None, ("no_eta",), "no_eta"),
    ("logistic", None, ("t_only",), "t_only"),
    ("logistic", None, ("z_not_sigma",), "z_not_sigma"),
]

#: a phrase of each mistake's hint, per language (the hint the report must carry)
HINT = {
    "sign": ("¿invertiste el signo", "did you flip the sign"),
    "no_bias": ("¿olvidaste el sesgo?", "did you forget the bias?"),
    "no_eta": ("¿olvidaste la tasa de aprendizaje η?", "did you forget the learning rate η?"),
    "t_only": ("¿usaste t en vez de t − ŷ?", "did you use t instead of t − ŷ?"),
    "every_row": ("¿actualizaste en todas las filas?", "did you update on every row?"),
    "rule_at_zero": ("¿confundiste las dos reglas del perceptrón en z = 0?",
                     "did you mix up the two perceptron rules at z = 0?"),
    "z_not_sigma": ("¿usaste z en vez de σ(z)?", "did you use z instead of σ(z)?"),
    "threshold": ("¿umbralizaste la salida?", "did you threshold the output?"),
    "no_half": ("¿multiplicaste por 2?", "did you multiply by 2?"),
    "online_in_batch": ("¿actualizaste los pesos durante la pasada del lote?",
                        "did you update the weights during the batch pass?"),
    "sum_not_mean": ("¿sumaste en vez de promediar?", "did you sum instead of averaging?"),
    "mean_not_sum": ("¿promediaste en vez de sumar?", "did you average instead of summing?"),
    "whole_batch": ("¿usaste todo el conjunto como un solo lote?",
                    "did you use the whole data set as one batch?"),
    "last_dropped": ("¿descartaste el último minilote incompleto?",
                     "did you drop the last, incomplete minibatch?"),
    "last_k": ("¿dividiste el último minilote por k?", "did you divide the last minibatch by k?"),
    "loss_sum": ("¿sumaste en vez de promediar?", "did you sum instead of averaging?"),
    "loss_no_half": ("¿falta el factor 1/2?", "is the factor 1/2 missing?"),
    "loss_sum_no_half": ("¿usaste 𝓛 = Σ(ŷ − t)²?", "did you use 𝓛 = Σ(ŷ − t)²?"),
    "loss_sign": ("¿falta el signo menos?", "is the minus sign missing?"),
    "loss_swapped": ("¿intercambiaste los términos?", "did you swap the terms?"),
    "grad_sign": ("¿devolviste el gradiente negativo?", "did you return the negative gradient?"),
    "grad_sum": ("¿sumaste en vez de promediar?", "did you sum instead of averaging?"),
    "grad_no_half": ("¿falta el factor 1/2 de la pérdida?", "is the loss's factor 1/2 missing?"),
    "ge_at_zero": ("¿usaste z ≥ 0?", "did you use z ≥ 0?"),
    "raw_z": ("¿devolviste z", "did you return z"),
    "labels": ("¿usaste las etiquetas equivocadas?", "did you use the wrong labels?"),
    "class_not_prob": ("¿devolviste la clase en vez de la probabilidad?",
                       "did you return the class instead of the probability?"),
    "one_minus": ("¿usaste σ(−z) = 1 − σ(z)?", "did you use σ(−z) = 1 − σ(z)?"),
}  # fmt: skip


def assert_hint(report, mistake, lang):
    assert not report.passed
    assert report.mistake == mistake, report.message
    phrase = HINT[mistake][LANGS.index(lang)]
    prefix = "Pista: " if lang == "es" else "Hint: "
    assert prefix + phrase in report.message, report.message


def reference_step(neuron, rule):
    """The textbook step: the right student's (checked against neurona above)."""
    return update_student(neuron, rule)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("neuron", "rule", "flags", "mistake"), UPDATE_MISTAKES)
def test_check_update_names_the_first_wrong_update_and_the_mistake(
    neuron, rule, flags, mistake, lang
):
    student = update_student(neuron, rule, *flags)
    report = check_update(student, neuron=neuron, rule=rule, lang=lang)
    assert_hint(report, mistake, lang)
    # replay: every earlier update agreed, the named one did not
    data = _data(_resolve(neuron, rule), seed=0)
    right = reference_step(neuron, rule)
    w, b = np.zeros(data.X.shape[1]), 0.0
    for epoch in (1, 2):
        for i in range(len(data.X)):
            args = (w, b, data.X[i], float(data.T[i]), data.eta)
            expected, got = right(*args), student(*args)
            same = np.allclose(expected[0], got[0]) and math.isclose(expected[1], got[1])
            if (epoch, i) == (report.where["epoch"], report.where["row"]):
                assert not same
                word = "época {}, fila {}" if lang == "es" else "epoch {}, row {}"
                assert report.message.startswith(word.format(epoch, i)), report.message
                w_text = "se esperaba w = " if lang == "es" else "expected w = "
                assert w_text in report.message
                assert ("se obtuvo w = " if lang == "es" else "got w = ") in report.message
                return
            assert same, f"epoch {epoch} row {i} differs before the reported update"
            w, b = expected
    pytest.fail("the reported update was never reached")


EPOCH_MISTAKES = [
    *[(n, r, "online", f, k) for n, r, f, k in UPDATE_MISTAKES],
    *[(n, r, mode, ("online_inside",), "online_in_batch") for n, r in NEURON_RULES
      for mode in ("batch", "minibatch")],
    *[(n, r, mode, ("sum",), "sum_not_mean") for n, r in NEURON_RULES if n != "perceptron"
      for mode in ("batch", "minibatch")],
    *[(n, r, mode, ("mean",), "mean_not_sum") for n, r in NEURON_RULES if n == "perceptron"
      for mode in ("batch", "minibatch")],
    *[(n, r, "minibatch", ("whole_batch",), "whole_batch") for n, r in NEURON_RULES],
    *[(n, r, "minibatch", ("drop_last",), "last_dropped") for n, r in NEURON_RULES],
    *[(n, r, "minibatch", ("last_k",), "last_k") for n, r in NEURON_RULES if n != "perceptron"],
    *[(n, r, mode, f, k) for n, r, f, k in UPDATE_MISTAKES
      if k in ("sign", "no_bias", "no_eta", "rule_at_zero", "z_not_sigma")
      for mode in ("batch", "minibatch")],
]  # fmt: skip


def _epoch_id(case):
    return "-".join(str(p) for p in case if p is not None).replace("'", "")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("neuron", "rule", "mode", "flags", "mistake"), EPOCH_MISTAKES,
                         ids=[_epoch_id(c) for c in EPOCH_MISTAKES])  # fmt: skip
def test_check_epoch_names_the_first_wrong_update_and_the_mistake(
    neuron, rule, mode, flags, mistake, lang
):
    student = epoch_student(neuron, mode, rule, *flags)
    report = check_epoch(student, neuron=neuron, mode=mode, rule=rule, batch_size=K,
                         lang=lang)  # fmt: skip
    assert_hint(report, mistake, lang)
    where = report.where
    # replay on prefixes: the right epoch and the student's agree before the named step
    data = _data(_resolve(neuron, rule), seed=0)
    X, T, eta = data.X, data.T, data.eta
    right = epoch_student(neuron, mode, rule)
    kw = {"batch_size": K} if mode == "minibatch" else {}
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(1, where["epoch"]):
        assert np.allclose(right(w, b, X, T, eta, **kw)[0], student(w, b, X, T, eta, **kw)[0])
        w, b = right(w, b, X, T, eta, **kw)
    if mode == "batch":
        assert set(where) == {"epoch"}
        assert report.message.startswith(
            f"época {where['epoch']} (lote completo de 20 filas)" if lang == "es"
            else f"epoch {where['epoch']} (full batch of 20 rows)"
        ), report.message  # fmt: skip
        return
    stop = where["row"] + 1 if mode == "online" else where["rows"][1]
    step = 1 if mode == "online" else K
    for end in range(step, stop, step):
        assert np.allclose(right(w, b, X[:end], T[:end], eta, **kw)[0],
                           student(w, b, X[:end], T[:end], eta, **kw)[0]), end  # fmt: skip
    expected, got = (
        right(w, b, X[:stop], T[:stop], eta, **kw),
        student(w, b, X[:stop], T[:stop], eta, **kw),
    )
    assert not (np.allclose(expected[0], got[0]) and math.isclose(expected[1], got[1]))
    if mode == "online":
        head = ("época {}, fila {}" if lang == "es" else "epoch {}, row {}").format(
            where["epoch"], where["row"]
        )
    else:
        a, z = where["rows"]
        head = ("época {}, minilote {} (filas {}–{})" if lang == "es"
                else "epoch {}, minibatch {} (rows {}–{})").format(
            where["epoch"], where["step"], a, z - 1)  # fmt: skip
    assert report.message.startswith(head), report.message


def test_the_issues_example_reads_as_it_should():
    report = check_epoch(epoch_student("adaline", "online", None, "t_only"), neuron="adaline",
                         mode="online")  # fmt: skip
    assert report.message.startswith("época 1, fila 1 (x = [")  # row 0: t = −1 = t − 0
    assert ": se esperaba w = [" in report.message
    assert "; se obtuvo w = [" in report.message
    assert report.message.endswith("Pista: ¿usaste t en vez de t − ŷ? El error es la "
                                   "diferencia entre el objetivo y la salida.")  # fmt: skip


LOSS_MISTAKES = [
    ("adaline", None, ("sum",), "loss_sum"),
    ("adaline", None, ("no_half",), "loss_no_half"),
    ("adaline", None, ("sum", "no_half"), "loss_sum_no_half"),
    ("adaline", None, ("no_bias",), "no_bias"),
    ("linear", None, ("sum",), "loss_sum"),
    ("linear", None, ("no_half",), "loss_no_half"),
    ("linear", None, ("sum", "no_half"), "loss_sum_no_half"),
    ("linear", None, ("no_bias",), "no_bias"),
    ("logistic", None, ("sum",), "loss_sum"),
    ("logistic", None, ("sign",), "loss_sign"),
    ("logistic", None, ("swapped",), "loss_swapped"),
    ("logistic", None, ("no_bias",), "no_bias"),
    ("perceptron", "error", ("sum",), "loss_sum"),
    ("perceptron", "margin", ("no_bias",), "no_bias"),
]

GRADIENT_MISTAKES = [
    *[(n, r, (f,), k) for n, r in NEURON_RULES
      for f, k in [("grad_sign", "grad_sign"), ("sum", "grad_sum"), ("no_bias", "no_bias"),
                   ("no_bias_z", "no_bias")]],
    *[(n, None, ("no_half",), "grad_no_half") for n in ("adaline", "linear")],
    *[(n, None, ("t_only",), "t_only") for n in ("adaline", "linear", "logistic")],
    ("adaline", None, ("threshold",), "threshold"),
    ("logistic", None, ("z_not_sigma",), "z_not_sigma"),
    ("perceptron", "error", ("ge",), "rule_at_zero"),
    ("perceptron", "margin", ("strict",), "rule_at_zero"),
]  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("neuron", "rule", "flags", "mistake"), LOSS_MISTAKES)
def test_check_loss_names_the_first_wrong_point_and_the_mistake(
    neuron, rule, flags, mistake, lang
):
    report = check_loss(loss_student(neuron, rule, *flags), neuron=neuron, rule=rule,
                        lang=lang)  # fmt: skip
    assert_hint(report, mistake, lang)
    assert report.where == {"point": 1}
    assert report.message.startswith("punto 1 de 3 (w = [" if lang == "es" else
                                     "point 1 of 3 (w = [")  # fmt: skip
    assert ("se esperaba L = " if lang == "es" else "expected L = ") in report.message


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("neuron", "rule", "flags", "mistake"), GRADIENT_MISTAKES)
def test_check_gradient_names_the_first_wrong_point_and_the_mistake(
    neuron, rule, flags, mistake, lang
):
    report = check_gradient(gradient_student(neuron, rule, *flags), neuron=neuron, rule=rule,
                            lang=lang)  # fmt: skip
    assert_hint(report, mistake, lang)
    k = report.where["point"]
    head = f"punto {k} de 3 (w = [" if lang == "es" else f"point {k} of 3 (w = ["
    assert report.message.startswith(head), report.message
    assert ("se esperaba grad_w = " if lang == "es" else "expected grad_w = ") in report.message


PREDICTION_MISTAKES = [
    *[(n, ("no_bias",), "no_bias") for n in ("perceptron", "adaline", "linear", "logistic")],
    *[(n, (f,), f if f != "ge" else "ge_at_zero") for n in ("perceptron", "adaline")
      for f in ("ge", "raw_z", "labels")],
    *[("logistic", (f,), f) for f in ("raw_z", "class_not_prob", "one_minus")],
]  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("neuron", "flags", "mistake"), PREDICTION_MISTAKES)
def test_check_prediction_names_the_first_wrong_row_and_the_mistake(neuron, flags, mistake, lang):
    student = predict_student(neuron, *flags)
    report = check_prediction(student, neuron=neuron, lang=lang)
    assert_hint(report, mistake, lang)
    X, points = _prediction_data(_resolve(neuron, None), seed=0)
    k, row = report.where["point"], report.where["row"]
    right = predict_student(neuron)
    for w, b in points[: k - 1]:
        assert np.allclose(right(X, w, b), student(X, w, b))
    w, b = points[k - 1]
    differs = ~np.isclose(np.ravel(right(X, w, b)), np.ravel(student(X, w, b)))
    assert int(np.flatnonzero(differs)[0]) == row
    head = f"punto {k} de 3" if lang == "es" else f"point {k} of 3"
    assert report.message.startswith(head)
    assert (f", fila {row} (x = " if lang == "es" else f", row {row} (x = ") in report.message


def test_a_z_equal_zero_row_is_where_the_threshold_mistake_shows():
    report = check_prediction(predict_student("perceptron", "ge"), neuron="perceptron")
    assert "z = 0)" in report.message
    assert report.where == {"point": 1, "row": 1}


# --------------------------------------------------------------------- stubs, crashes, returns
CALLS = [
    (check_update, dict(neuron="adaline")),
    (check_epoch, dict(neuron="adaline", mode="online")),
    (check_epoch, dict(neuron="perceptron", mode="batch")),
    (check_epoch, dict(neuron="logistic", mode="minibatch")),
    (check_loss, dict(neuron="adaline")),
    (check_gradient, dict(neuron="adaline")),
    (check_prediction, dict(neuron="perceptron")),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("check", "kwargs"), CALLS)
def test_an_unsolved_stub_is_a_failed_report_not_an_exception(check, kwargs, lang):
    def mi_funcion(*args, **kw):
        raise NotImplementedError("completa esta función")

    report = check(mi_funcion, lang=lang, **kwargs)
    assert not report
    assert report.mistake == "not_implemented"
    if lang == "es":
        assert report.message == ("La función mi_funcion todavía no está implementada (lanza "
                                  "NotImplementedError): complétala y vuelve a ejecutar esta "
                                  "celda.")  # fmt: skip
    else:
        assert report.message.startswith("The function mi_funcion is not implemented yet")


@pytest.mark.parametrize("lang", LANGS)
def test_an_exception_names_itself_and_the_call(lang):
    def step(w, b, x, t, eta):
        if t > 0:
            raise ValueError("boom")
        return w, b

    report = check_update(step, neuron="perceptron", rule="error", lang=lang)
    assert report.mistake == "exception"
    if lang == "es":
        assert report.message.startswith(
            "época 1, fila 1 (x = [2, -1], t = 1, z = 0): tu función lanzó ValueError: boom "
            "al llamarla como step(w, b, x, t, eta) con w = [0, 0], b = 0"
        )
    else:
        assert "your function raised ValueError: boom when called as step(w, b, x, t, eta)" in (
            report.message
        )


@pytest.mark.parametrize("lang", LANGS)
def test_an_exception_inside_an_epoch_is_found_on_its_row(lang):
    def epoch(w, b, X, T, eta):
        for i in range(len(X)):
            if i == 4:
                raise ZeroDivisionError("division by zero")
            w, b = w + eta * (T[i] - X[i] @ w - b) * X[i], b + eta * (T[i] - X[i] @ w - b)
        return w, b

    report = check_epoch(epoch, neuron="linear", mode="online", lang=lang)
    assert report.mistake == "exception"
    assert "ZeroDivisionError: division by zero" in (report.message)
    assert report.message.startswith("época 1, fila 4" if lang == "es" else "epoch 1, row 4")


@pytest.mark.parametrize(
    ("value", "es", "en"),
    [
        (None, "tu función devolvió None; debe devolver una tupla (w, b).",
         "your function returned None; it must return a tuple (w, b)."),
        ("w", "tu función debe devolver una tupla (w, b); devolvió str.",
         "your function must return a tuple (w, b); it returned str."),
        ((np.zeros(3), 0.0), "w debe tener forma (2,); tiene forma (3,).",
         "w must have shape (2,); it has shape (3,)."),
    ],
)  # fmt: skip
def test_a_wrong_return_is_named(value, es, en):
    for lang, text in (("es", es), ("en", en)):
        report = check_update(lambda *a: value, neuron="perceptron", lang=lang)
        assert report.mistake == "bad_return"
        assert report.message.endswith(text), report.message


def test_a_student_producing_nan_fails_with_a_comparison_not_a_warning():
    report = check_loss(lambda w, b, X, T: np.log(-1.0), neuron="adaline")
    assert not report
    assert "se obtuvo L = nan" in report.message


# --------------------------------------------------------------------- the report
def test_the_report_reads_as_a_bool_a_string_and_markdown():
    good = check_loss(loss_student("adaline"), neuron="adaline")
    bad = check_loss(loss_student("adaline", None, "sum"), neuron="adaline", lang="en")
    assert good
    assert not bad
    assert str(bad) == bad.message
    assert "expected L = " in str(bad)
    assert good._repr_markdown_().startswith("✅ ")
    assert bad._repr_markdown_().startswith("❌ ")
    assert good.raise_if_failed() is good
    with pytest.raises(ExerciseError) as caught:
        bad.raise_if_failed()
    assert str(caught.value) == bad.message
    assert isinstance(caught.value, AssertionError)
    assert isinstance(caught.value, NeuronaError)
    with pytest.raises(AssertionError, match="expected L"):
        assert bad, bad.message
    assert isinstance(good, Report)
    assert "passed=True" in repr(good)


def test_the_checks_are_deterministic():
    student = epoch_student("adaline", "minibatch", None, "last_k")
    first = check_epoch(student, neuron="adaline", mode="minibatch")
    assert first == check_epoch(student, neuron="adaline", mode="minibatch")
    other = check_epoch(student, neuron="adaline", mode="minibatch", seed=3)
    assert other.mistake == "last_k"
    assert other.message != first.message


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: check_update(stub, neuron="mlp"), "neuron='mlp'"),
        (lambda: check_update(stub, neuron="perceptron", rule="hinge"), "rule='hinge'"),
        (lambda: check_update(stub, neuron="adaline", rule="margin"), "rule='margin'"),
        (lambda: check_epoch(stub, neuron="adaline", mode="stochastic"), "mode='stochastic'"),
        (lambda: check_epoch(stub, neuron="adaline", mode="random"), "check_update"),
        (lambda: check_epoch(stub, neuron="adaline", mode="minibatch", batch_size=0),
         "batch_size=0"),
        (lambda: check_loss(stub, neuron="adaline", lang="fr"), "lang='fr'"),
    ],
)  # fmt: skip
def test_a_wrong_checker_argument_is_the_authors_error(call, match):
    with pytest.raises(ParameterError, match=match):
        call()


#: English words that must not appear in a Spanish message
ENGLISH = ("the ", " you", "did ", "expected", " got ", "row ", "epoch", "hint", "point ",
           "should", "must", "your", "instead")  # fmt: skip


def _spanish_messages() -> list[str]:
    out = []
    for case in UPDATE_MISTAKES:
        out.append(check_update(update_student(case[0], case[1], *case[2]), neuron=case[0],
                                rule=case[1]).message)  # fmt: skip
    for n, r, mode, flags, _ in EPOCH_MISTAKES:
        out.append(check_epoch(epoch_student(n, mode, r, *flags), neuron=n, mode=mode, rule=r,
                               batch_size=K).message)  # fmt: skip
    out += [check_loss(loss_student(n, r, *f), neuron=n, rule=r).message
            for n, r, f, _ in LOSS_MISTAKES]  # fmt: skip
    out += [check_gradient(gradient_student(n, r, *f), neuron=n, rule=r).message
            for n, r, f, _ in GRADIENT_MISTAKES]  # fmt: skip
    out += [check_prediction(predict_student(n, *f), neuron=n).message
            for n, f, _ in PREDICTION_MISTAKES]  # fmt: skip
    out += [check(stub, **kwargs).message for check, kwargs in CALLS]
    return out


def test_spanish_messages_are_spanish_with_their_accents():
    messages = _spanish_messages()
    for message in messages:
        lowered = message.lower()
        assert not [w for w in ENGLISH if w in lowered], message
    text = " ".join(messages)
    for word in ("época", "fila", "se esperaba", "se obtuvo", "sesgo", "tasa de aprendizaje",
                 "minilote", "Pista:", "¿", "función", "todavía", "está"):  # fmt: skip
        assert word in text, word
    for unaccented in ("epoca ", "funcion ", "todavia ", "esta implementada"):
        assert unaccented not in text, unaccented


def test_the_module_docstring_example_runs():
    import doctest

    import neurona.exercises

    failed, attempted = doctest.testmod(neurona.exercises)
    assert attempted > 0
    assert failed == 0


def test_exercises_is_part_of_neuronas_namespace():
    import neurona

    assert neurona.exercises.check_update is check_update


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_hints_hold_on_other_seeds(seed):
    """Each mistake of the tables is named on other data too (a mistake that a data set
    happens not to show, or shows exactly as another, can only be named where it shows)."""
    wrong = []
    for n, r, f, k in UPDATE_MISTAKES:
        got = check_update(update_student(n, r, *f), neuron=n, rule=r, seed=seed).mistake
        wrong += [("update", n, r, f, k, got)] if got != k else []
    for n, r, mode, f, k in EPOCH_MISTAKES:
        got = check_epoch(epoch_student(n, mode, r, *f), neuron=n, mode=mode, rule=r,
                          batch_size=K, seed=seed).mistake  # fmt: skip
        wrong += [("epoch", n, r, mode, f, k, got)] if got != k else []
    for n, r, f, k in LOSS_MISTAKES:
        got = check_loss(loss_student(n, r, *f), neuron=n, rule=r, seed=seed).mistake
        wrong += [("loss", n, r, f, k, got)] if got != k else []
    for n, r, f, k in GRADIENT_MISTAKES:
        got = check_gradient(gradient_student(n, r, *f), neuron=n, rule=r, seed=seed).mistake
        wrong += [("gradient", n, r, f, k, got)] if got != k else []
    for n, f, k in PREDICTION_MISTAKES:
        got = check_prediction(predict_student(n, *f), neuron=n, seed=seed).mistake
        wrong += [("prediction", n, f, k, got)] if got != k else []
    assert not wrong
