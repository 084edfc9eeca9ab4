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
# # 7. ADALINE (Widrow and Hoff, 1960)
#
# *Lecture 02, "Widrow and Hoff's ADALINE".* A nicely differentiable neuron: ADALINE
# classifies like the perceptron, $\hat y = [z > 0]$ with $z = \mathbf{w}^\top\mathbf{x} +
# b$, but it **learns from $z$ itself** (the activation during training is the identity),
# by gradient descent on the squared error against targets $t \in \{-1, +1\}$:
#
# $$\mathcal{L}(\mathbf{w}, b) = \frac{1}{2n}\sum_{i=1}^n (t_i - z_i)^2, \qquad
# \mathbf{w} \leftarrow \mathbf{w} + \eta\,(t_i - z_i)\,\mathbf{x}_i, \quad
# b \leftarrow b + \eta\,(t_i - z_i).$$
#
# This is the lecture's stochastic gradient descent: "almost the same as the perceptron
# rule, except that the prediction is a real number and there is a learning rate". Unlike
# the perceptron it keeps learning from rows it already classifies right, and it converges
# even when the classes are not separable.

# %%
import base64
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML

import neurona
from neurona.exercises import (
    check_epoch,
    check_gradient,
    check_loss,
    check_prediction,
    check_update,
)

# the rows come in the lecture's order (setosa, then versicolor), on purpose
warnings.simplefilter("ignore", neurona.errors.SortedDataWarning)
iris = neurona.data.load_dataset("iris-2")
X = (iris.X - iris.X.mean(axis=0)) / iris.X.std(axis=0)  # standardized: one η fits both
labels = iris.y
t = np.where(labels == "versicolor", 1.0, -1.0)  # targets ±1
print(X.shape, iris.feature_names)

# %% [markdown]
# ## From scratch: online (SGD) and batch

# %%
def adaline_online(X, t, eta, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in range(len(t)):
            z = X[i] @ w + b
            w = w + eta * (t[i] - z) * X[i]
            b = b + eta * (t[i] - z)
    return w, b


def adaline_batch(X, t, eta, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(epochs):
        error = t - (X @ w + b)  # all rows with the same weights
        w = w + eta * X.T @ error / len(t)
        b = b + eta * error.mean()
        losses.append(0.5 * np.mean((t - (X @ w + b)) ** 2))
    return w, b, losses


EPOCHS = 30
w_online, b_online = adaline_online(X, t, 0.01, EPOCHS)
w_batch, b_batch, losses_batch = adaline_batch(X, t, 0.5, EPOCHS)
print("online:", w_online, b_online)
print("batch: ", w_batch, b_batch)

# %% [markdown]
# ## With `neurona.Adaline`

# %%
online = neurona.Adaline(mode="online", learning_rate=0.01, epochs=EPOCHS).fit(X, labels)
batch = neurona.Adaline(mode="batch", learning_rate=0.5, epochs=EPOCHS).fit(X, labels)
closed = neurona.Adaline(solver="normal").fit(X, labels)  # the least-squares minimum
np.testing.assert_allclose(online.coef_[0], w_online, rtol=1e-10, atol=1e-12)
np.testing.assert_allclose(online.intercept_[0], b_online, rtol=1e-10, atol=1e-12)
np.testing.assert_allclose(batch.coef_[0], w_batch, rtol=1e-10, atol=1e-12)
np.testing.assert_allclose(batch.intercept_[0], b_batch, rtol=1e-10, atol=1e-12)
A = np.hstack([X, np.ones((len(t), 1))])
least_squares = np.linalg.lstsq(A, t, rcond=None)[0]
np.testing.assert_allclose(closed.coef_[0], least_squares[:-1], atol=1e-10)
np.testing.assert_allclose(closed.intercept_[0], least_squares[-1], atol=1e-10)
for name, model in {"online": online, "batch": batch, "normal equations": closed}.items():
    print(f"{name:>17}: w = {model.coef_[0].round(4)}, b = {model.intercept_[0]:+.4f}, "
          f"accuracy {model.score(X, labels):.2f}")

# %% [markdown]
# ## ADALINE next to the perceptron
#
# Both predict $[z > 0]$; they learn differently. The perceptron stops at the first line
# that separates the data; ADALINE keeps moving toward the least-squares line, which sits
# between the classes.

# %%
perceptron = neurona.Perceptron(epochs=EPOCHS).fit(X, labels)
fig, axes = plt.subplots(1, 3, figsize=(14, 3.8), layout="constrained")
neurona.plot.decision_regions(perceptron, X, labels, ax=axes[0], resolution=120,
                              feature_names=iris.feature_names)
axes[0].set_title("perceptron")
neurona.plot.decision_regions(online, X, labels, ax=axes[1], resolution=120,
                              feature_names=iris.feature_names)
axes[1].set_title("ADALINE (online)")
neurona.plot.learning_curves({"online, η = 0.01": online, "batch, η = 0.5": batch},
                             ax=axes[2], logy=True)
axes[2].set(xlabel="epoch", ylabel="loss (1/2n) Σ (t - z)²")
plt.show()

# %% [markdown]
# The line after each epoch of online training:

# %%
animation = neurona.plot.animate_training(
    neurona.Adaline(mode="online", learning_rate=0.01, epochs=12), X, labels, "adaline.gif",
    per="epoch", feature_names=iris.feature_names, fps=3, dpi=50, resolution=60,
)
gif = base64.b64encode(Path(animation.path).read_bytes()).decode("ascii")
HTML(f'<img src="data:image/gif;base64,{gif}">')

# %% [markdown]
# ## Exercises
#
# The checkers run your function next to the reference, update by update, on small seeded
# data with targets ±1, and report the first place where they differ.
#
# **Exercise 1.** The class ADALINE predicts for every row, in its targets: $+1$ where
# $z > 0$, else $-1$.

# %%
def predict(X, w, b):
    raise NotImplementedError


check_prediction(predict, neuron="adaline", lang="en")

# %% [markdown]
# **Exercise 2.** The loss $\frac{1}{2n}\sum_i (t_i - z_i)^2$.

# %%
def loss(w, b, X, T):
    raise NotImplementedError


check_loss(loss, neuron="adaline", lang="en")

# %% [markdown]
# **Exercise 3.** Its gradient `(grad_w, grad_b)`.

# %%
def gradient(w, b, X, T):
    raise NotImplementedError


check_gradient(gradient, neuron="adaline", lang="en")

# %% [markdown]
# **Exercise 4.** One Widrow–Hoff update on the row `x` with target `t`.

# %%
def update(w, b, x, t, eta):
    raise NotImplementedError


check_update(update, neuron="adaline", lang="en")

# %% [markdown]
# **Exercise 5.** A whole online epoch over the rows of `X` in order.

# %%
def online_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(online_epoch, neuron="adaline", mode="online", lang="en")
