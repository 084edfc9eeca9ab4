# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 2. The perceptron
#
# *Lecture 02, "Perceptrón".* Rosenblatt's perceptron computes the net input
#
# $$z^{[i]} = \mathbf{w}^\top \mathbf{x}^{[i]} + b$$
#
# and predicts $\hat y^{[i]} = [z^{[i]} > 0]$. It learns one row at a time, and only from
# its mistakes. The lecture writes the rule in two ways:
#
# * **margin rule** (the pseudo-code, targets $t \in \{-1, +1\}$): if
#   $t^{[i]} z^{[i]} \le 0$ then $\mathbf{w} \leftarrow \mathbf{w} + \eta\, t^{[i]}
#   \mathbf{x}^{[i]}$ and $b \leftarrow b + \eta\, t^{[i]}$;
# * **error rule** (the NumPy and PyTorch classes, targets $y \in \{0, 1\}$):
#   $e = y^{[i]} - \hat y^{[i]}$, $\mathbf{w} \leftarrow \mathbf{w} + \eta\, e\,
#   \mathbf{x}^{[i]}$, $b \leftarrow b + \eta\, e$.
#
# They differ only when $z = 0$: the margin rule corrects such a row whatever its class,
# the error rule reads $z = 0$ as class 0. We train both on iris (setosa against
# versicolor), from scratch and with `neurona.Perceptron`, and run the lecture's two classes.

# %%
import base64
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML

import neurona
from neurona.data import load_dataset
from neurona.exercises import check_epoch, check_prediction, check_update

# the rows come in the lecture's order (setosa, then versicolor), on purpose
warnings.simplefilter("ignore", neurona.errors.SortedDataWarning)
iris = load_dataset("iris-2")
X, labels = iris.X, iris.y  # sepal and petal length (cm); "setosa" or "versicolor"
y01 = (labels == "versicolor").astype(np.float64)  # targets {0, 1}
ypm = 2.0 * y01 - 1.0  # targets {-1, +1}
print(X.shape, iris.feature_names, np.unique(labels))

# %% [markdown]
# ## From scratch: both rules
#
# Twenty epochs over the rows in order, starting from $\mathbf{w} = 0$, $b = 0$, with
# $\eta = 1$.

# %%
EPOCHS, ETA = 20, 1.0


def train_margin(X, t, epochs, eta):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in range(X.shape[0]):
            if t[i] * (X[i] @ w + b) <= 0:  # wrong, or on the line
                w = w + eta * t[i] * X[i]
                b = b + eta * t[i]
    return w, b


def train_error(X, y, epochs, eta):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in range(X.shape[0]):
            y_hat = float(X[i] @ w + b > 0)
            error = y[i] - y_hat  # -1, 0 or +1
            w = w + eta * error * X[i]
            b = b + eta * error
    return w, b


w_margin, b_margin = train_margin(X, ypm, EPOCHS, ETA)
w_error, b_error = train_error(X, y01, EPOCHS, ETA)
print("margin rule:", w_margin, b_margin)
print("error rule: ", w_error, b_error)

# %% [markdown]
# ## With `neurona`: one call each
#
# `neurona.Perceptron` takes the labels as they come (here strings) and stops early when a
# whole epoch makes no update, since nothing can change after that.

# %%
models = {
    rule: neurona.Perceptron(rule=rule, epochs=EPOCHS, learning_rate=ETA).fit(X, labels)
    for rule in ("margin", "error")
}
for rule, model in models.items():
    print(rule, model.coef_, model.intercept_, "epochs run:", model.n_iter_,
          "updates per epoch:", model.history_["updates"])

np.testing.assert_allclose(models["margin"].coef_[0], w_margin)
np.testing.assert_allclose(models["margin"].intercept_[0], b_margin)
np.testing.assert_allclose(models["error"].coef_[0], w_error)
np.testing.assert_allclose(models["error"].intercept_[0], b_error)
print("from-scratch loops == neurona.Perceptron, both rules")

# %% [markdown]
# The data are linearly separable, so Novikoff's theorem bounds the number of updates by
# $(R/\gamma)^2$, with $R$ the radius of the rows $(\mathbf{x}, 1)$ and $\gamma$ the best
# margin:

# %%
sep = neurona.check_separability(X, labels)
updates = sum(models["margin"].history_["updates"])
print(f"separable: {sep.separable}; updates made: {updates}; "
      f"bound (R/γ)²: {sep.mistake_bound:.0f}")
assert updates <= sep.mistake_bound

# %% [markdown]
# ## The lecture's NumPy class
#
# Exactly as in the lecture, except `np.float`, which NumPy removed in version 1.24:
# it is `np.float64` here.

# %%
class Perceptron:
    def __init__(self, num_features):
        self.num_features = num_features
        self.weights = np.zeros((num_features, 1), dtype=np.float64)
        self.bias = np.zeros(1, dtype=np.float64)

    def forward(self, x):
        linear = np.dot(x, self.weights) + self.bias
        predictions = np.where(linear > 0., 1, 0)
        return predictions

    def backward(self, x, y):
        predictions = self.forward(x)
        errors = y - predictions
        return errors

    def train(self, x, y, epochs):
        for e in range(epochs):
            for i in range(y.shape[0]):
                errors = self.backward(x[i].reshape(1, self.num_features), y[i]).reshape(-1)
                self.weights += (errors * x[i]).reshape(self.num_features, 1)
                self.bias += errors

    def evaluate(self, x, y):
        predictions = self.forward(x).reshape(-1)
        accuracy = np.sum(predictions == y) / y.shape[0]
        return accuracy


lecture_np = Perceptron(num_features=2)
lecture_np.train(X, y01, epochs=EPOCHS)
print(lecture_np.weights.ravel(), lecture_np.bias, lecture_np.evaluate(X, y01))
# the lecture's class is the error rule with η = 1
np.testing.assert_allclose(lecture_np.weights.ravel(), models["error"].coef_[0])
np.testing.assert_allclose(lecture_np.bias, models["error"].intercept_)

# %% [markdown]
# ## The lecture's PyTorch class
#
# The same class on tensors (float32). If PyTorch is not installed this cell says so and
# does nothing else.

# %%
try:
    import torch
except ImportError:
    torch = None
    print("PyTorch is not installed: skipping the PyTorch class "
          "(pip install 'neurona[torch]').")

if torch is not None:
    device = torch.device("cpu")

    class TorchPerceptron:
        def __init__(self, num_features):
            self.num_features = num_features
            self.weights = torch.zeros(num_features, 1, dtype=torch.float32, device=device)
            self.bias = torch.zeros(1, dtype=torch.float32, device=device)
            # placeholder vectors so they don't need to be recreated each time
            self.ones = torch.ones(1)
            self.zeros = torch.zeros(1)

        def forward(self, x):
            linear = torch.add(torch.mm(x, self.weights), self.bias)
            predictions = torch.where(linear > 0., self.ones, self.zeros)
            return predictions

        def backward(self, x, y):
            predictions = self.forward(x)
            errors = y - predictions
            return errors

        def train(self, x, y, epochs):
            for e in range(epochs):
                for i in range(y.shape[0]):
                    # use view because backward expects a matrix (i.e., 2D tensor)
                    errors = self.backward(x[i].reshape(1, self.num_features), y[i]).view(-1)
                    self.weights += (errors * x[i]).reshape(self.num_features, 1)
                    self.bias += errors

        def evaluate(self, x, y):
            predictions = self.forward(x).reshape(-1)
            accuracy = torch.sum(predictions == y).float() / y.shape[0]
            return accuracy

    X_t = torch.tensor(X, dtype=torch.float32, device=device)
    y_t = torch.tensor(y01, dtype=torch.float32, device=device)
    lecture_torch = TorchPerceptron(num_features=2)
    lecture_torch.train(X_t, y_t, epochs=EPOCHS)
    print(lecture_torch.weights.view(-1), lecture_torch.bias, lecture_torch.evaluate(X_t, y_t))
    # float32 sums: equal to the float64 weights up to rounding
    np.testing.assert_allclose(lecture_torch.weights.numpy().ravel(), models["error"].coef_[0],
                               rtol=1e-5)
    np.testing.assert_allclose(lecture_torch.bias.numpy(), models["error"].intercept_,
                               rtol=1e-5)

# %% [markdown]
# ## Figures: the boundaries, the updates, an animation

# %%
fig, axes = plt.subplots(1, 3, figsize=(13, 3.6), layout="constrained")
for ax, (rule, model) in zip(axes, models.items(), strict=False):
    neurona.plot.decision_regions(model, X, labels, ax=ax, feature_names=iris.feature_names,
                                  resolution=150)
    ax.set_title(f"rule = {rule}")
neurona.plot.learning_curves({f"rule = {r}": m for r, m in models.items()}, metric="updates",
                             ax=axes[2])
axes[2].set(xlabel="epoch", ylabel="updates in the epoch")
plt.show()

# %% [markdown]
# `neurona.plot.animate_training` records the weights after every update (every mistake)
# and draws the line moving:

# %%
animation = neurona.plot.animate_training(
    neurona.Perceptron(epochs=EPOCHS), X, labels, "perceptron.gif",
    feature_names=iris.feature_names, fps=3, dpi=50, max_frames=25, resolution=60,
)
print(f"{animation.trace.n_frames - 1} updates, {len(animation.frames)} frames")
gif = base64.b64encode(Path(animation.path).read_bytes()).decode("ascii")
HTML(f'<img src="data:image/gif;base64,{gif}">')

# %% [markdown]
# ## Exercises
#
# Replace each `raise NotImplementedError` with your code and run the cell: the checker
# trains your function next to the reference on small seeded data and tells you the first
# update where they part, with a hint. Unsolved, it only says so.
#
# **Exercise 1.** The prediction $\hat y = [\mathbf{X}\mathbf{w} + b > 0]$ for all rows at
# once (0/1).

# %%
def predict(X, w, b):
    raise NotImplementedError


check_prediction(predict, neuron="perceptron", lang="en")

# %% [markdown]
# **Exercise 2.** One update of the **error rule** on one row `x` with target `t` in
# {0, 1}: return the new `(w, b)`.

# %%
def update_error_rule(w, b, x, t, eta):
    raise NotImplementedError


check_update(update_error_rule, neuron="perceptron", rule="error", lang="en")

# %% [markdown]
# **Exercise 3.** One update of the **margin rule** on one row `x` with target `t` in
# {-1, +1}. Careful at $z = 0$.

# %%
def update_margin_rule(w, b, x, t, eta):
    raise NotImplementedError


check_update(update_margin_rule, neuron="perceptron", rule="margin", lang="en")

# %% [markdown]
# **Exercise 4.** A whole online epoch of the error rule: visit the rows of `X` in order
# and update after each one (targets `T` in {0, 1}); return the final `(w, b)`.

# %%
def online_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(online_epoch, neuron="perceptron", rule="error", mode="online", lang="en")
