"""The classic perceptron demo: iris setosa vs versicolor on two features.

Run with ``python -m neurona.demo`` (``make demo``). Trains the lecture's perceptron
(margin rule, online) and an ADALINE on scikit-learn's bundled iris data, and prints the
weights, the per-epoch history and the accuracy.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_iris

from neurona import Adaline, Perceptron


def iris_two_classes() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Setosa (0) vs versicolor (1), sepal length and petal length (cm)."""
    iris = load_iris()
    keep = iris.target < 2
    features = [iris.feature_names[0], iris.feature_names[2]]
    return iris.data[keep][:, [0, 2]], iris.target_names[iris.target[keep]], features


def _history_table(history: dict[str, list]) -> str:
    keys = list(history)
    lines = ["  epoch  " + "  ".join(f"{k:>9}" for k in keys)]
    for i in range(len(history[keys[0]])):
        lines.append(f"  {i + 1:5d}  " + "  ".join(f"{history[k][i]:9.4g}" for k in keys))
    return "\n".join(lines)


def _report(title: str, model, X: np.ndarray, y: np.ndarray, features: list[str]) -> None:
    w = ", ".join(f"{name} {c:+.4f}" for name, c in zip(features, model.coef_[0], strict=True))
    print(f"\n== {title}")
    print(f"weights: {w}; bias {model.intercept_[0]:+.4f}")
    print(f"positive class: {str(model.classes_[1])!r}; epochs run: {model.n_iter_}")
    print(_history_table(model.history_))
    print(f"training accuracy: {model.score(X, y):.3f}")


def main() -> None:
    X, y, features = iris_two_classes()
    print(f"iris: {len(y)} flowers, classes {sorted(map(str, set(y)))}, features {features}")
    perceptron = Perceptron(rule="margin", mode="online", learning_rate=1.0, epochs=20)
    _report("Perceptron (margin rule, online, η = 1)", perceptron.fit(X, y), X, y, features)
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    adaline = Adaline(mode="batch", learning_rate=0.1, epochs=15)
    _report(
        "ADALINE (batch gradient descent, η = 0.1, standardised)",
        adaline.fit(Xs, y),
        Xs,
        y,
        features,
    )


if __name__ == "__main__":
    main()
