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
# # 4. The four training modes
#
# *Lecture 02, "Modo On-line", "On-line II", "Batch", "minibatch".* Every neuron of the
# lecture learns with the same loop: compute the output, compute the error, update the
# parameters. The modes differ only in **which rows feed each update**. For a neuron with
# output $\hat y = \mathbf{w}^\top\mathbf{x} + b$ and error $e_i = y_i - \hat y_i$:
#
# | mode | one update | updates per epoch |
# | --- | --- | --- |
# | online | $\mathbf{w} \leftarrow \mathbf{w} + \eta\, e_i \mathbf{x}_i$ for $i = 1, \dots, n$ in order | $n$ |
# | online II | the same, for a row $i$ drawn at random each time | $n$ (our choice) |
# | batch | $\Delta\mathbf{w} = \frac{1}{n}\sum_{i=1}^n e_i \mathbf{x}_i$ with $\mathbf{w}$ fixed, then $\mathbf{w} \leftarrow \mathbf{w} + \eta\,\Delta\mathbf{w}$ | 1 |
# | minibatch | the same over $k$ rows at a time | $\lceil n/k \rceil$ |
#
# (and likewise $b$ with $e_i$ in place of $e_i\mathbf{x}_i$). In one formula: a step
# over the set $S$ of rows that the mode picks is
#
# $$\mathbf{w} \leftarrow \mathbf{w} + \eta\, r \sum_{i \in S} e_i\, \mathbf{x}_i, \qquad
# b \leftarrow b + \eta\, r \sum_{i \in S} e_i, \qquad r = 1 \text{ or } \tfrac{1}{|S|}.$$
#
# The lecture sums the updates
# of a batch; `neurona`'s default for the linear neurons is their **mean** (`reduction=
# "mean"`), which keeps one $\eta$ good for any batch size. We train a linear regression in
# each mode from scratch and with `neurona.LinearRegression(solver="gd", mode=...)`.

# %%
import matplotlib.pyplot as plt
import numpy as np

import neurona
from neurona.exercises import check_epoch

data = neurona.data.load_dataset("linear")  # y = 2 x1 - 3 x2 + 0.5 x3 + 4 + noise
X, y = data.X, data.y
n, m = X.shape
ETA, EPOCHS, K, SEED = 0.05, 10, 16, 0
print(X.shape, y[:5])

# %% [markdown]
# ## From scratch: the lecture's pseudo-code, mode by mode
#
# The random choices (the rows of online II, the shuffled order of minibatch) come from one
# `numpy.random.Generator` seeded with `SEED`, drawn epoch by epoch exactly as `neurona`
# draws them (`rng.integers(0, n, n)` and `rng.permutation(n)`), so both give the same
# numbers.

# %%
def online(X, y, eta, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in range(len(y)):
            error = y[i] - (X[i] @ w + b)  # output, error
            w = w + eta * error * X[i]  # update
            b = b + eta * error
    return w, b


def online_ii(X, y, eta, epochs, seed):
    rng = np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in rng.integers(0, len(y), size=len(y)):  # choose a row of D at random
            error = y[i] - (X[i] @ w + b)
            w = w + eta * error * X[i]
            b = b + eta * error
    return w, b


def batch(X, y, eta, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        delta_w, delta_b = np.zeros_like(w), 0.0
        for i in range(len(y)):
            error = y[i] - (X[i] @ w + b)  # w does not change during the pass
            delta_w += error * X[i] / len(y)
            delta_b += error / len(y)
        w, b = w + eta * delta_w, b + eta * delta_b
    return w, b


def minibatch(X, y, eta, epochs, k, seed):
    rng = np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(y), k):
            rows = order[start:start + k]  # the last minibatch keeps what is left
            delta_w, delta_b = np.zeros_like(w), 0.0
            for i in rows:
                error = y[i] - (X[i] @ w + b)
                delta_w += error * X[i] / len(rows)
                delta_b += error / len(rows)
            w, b = w + eta * delta_w, b + eta * delta_b
    return w, b


ours = {
    "online": online(X, y, ETA, EPOCHS),
    "random": online_ii(X, y, ETA, EPOCHS, SEED),
    "batch": batch(X, y, ETA, EPOCHS),
    "minibatch": minibatch(X, y, ETA, EPOCHS, K, SEED),
}
for mode, (w, b) in ours.items():
    print(f"{mode:>10}: w = {np.round(w, 4)}, b = {b:.4f}")

# %% [markdown]
# ## With `neurona`: one call per mode
#
# Online II is called `"random"` in `neurona`.

# %%
runs = {
    mode: neurona.LinearRegression(
        solver="gd", mode=mode, learning_rate=ETA, epochs=EPOCHS, batch_size=K,
        shuffle=(mode == "minibatch"), random_state=SEED,
    ).fit(X, y)
    for mode in ours
}
for mode, model in runs.items():
    w, b = ours[mode]
    np.testing.assert_allclose(model.coef_, w, rtol=1e-10)
    np.testing.assert_allclose(model.intercept_, b, rtol=1e-10)
    print(f"{mode:>10}: neurona agrees; "
          f"loss of the last epoch {model.history_['loss'][-1]:.4f}")

# %% [markdown]
# ## Figure: the loss after each epoch
#
# With the same $\eta$, batch makes one small step per epoch while the others make many;
# online and online II jitter around the minimum, minibatch less so. The dashed line is the
# least-squares minimum (`LinearRegression()` solves the normal equations, notebook 5).

# %%
best = neurona.LinearRegression().fit(X, y)
best_loss = 0.5 * np.mean((best.predict(X) - y) ** 2)
ax = neurona.plot.learning_curves(runs, logy=True)
ax.axhline(best_loss, color="black", linestyle="--", linewidth=1)
ax.set(xlabel="epoch", ylabel="loss (1/2n) Σ (y - ŷ)²")
plt.show()

# %% [markdown]
# ## Exercises
#
# Each function takes the current `(w, b)`, the data `X`, the targets `T` and the rate
# `eta`, runs **one epoch** of a linear neuron (ADALINE: output $z = \mathbf{w}^\top
# \mathbf{x} + b$, error $t - z$, mean of the updates of a step) and returns the new
# `(w, b)`.
#
# **Exercise 1.** Online mode, rows in order.

# %%
def online_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(online_epoch, neuron="adaline", mode="online", lang="en")

# %% [markdown]
# **Exercise 2.** Batch mode: one update, with the weights fixed during the pass over the
# rows.

# %%
def batch_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(batch_epoch, neuron="adaline", mode="batch", lang="en")

# %% [markdown]
# **Exercise 3.** Minibatch mode with `batch_size` rows per update, in order; the last
# minibatch keeps the rows that are left.

# %%
def minibatch_epoch(w, b, X, T, eta, batch_size):
    raise NotImplementedError


check_epoch(minibatch_epoch, neuron="adaline", mode="minibatch", batch_size=4, lang="en")

# %% [markdown]
# **Exercise 4.** Online II: `n` updates, each on a row drawn with `rng.integers(0, n)`.
# Checked here against `neurona.LinearRegression(mode="random")`, whose generator draws
# `rng.integers(0, n, size=n)` for the epoch (the same rows).

# %%
def online_ii_epoch(w, b, X, T, eta, rng):
    raise NotImplementedError


def check_online_ii(fn):
    """Compare one epoch of fn with neurona's, from zero weights; never raises."""
    reference = neurona.LinearRegression(solver="gd", mode="random", learning_rate=ETA,
                                         epochs=1, random_state=SEED).fit(X, y)
    rows = np.random.default_rng(SEED).integers(0, n, size=n)
    replay = iter(rows)

    class Rows:  # hands out the same rows, whether drawn one at a time or all at once
        def integers(self, low, high=None, size=None):
            return next(replay) if size is None else np.array([next(replay) for _ in range(size)])

    try:
        w, b = fn(np.zeros(m), 0.0, X, y, ETA, Rows())
    except NotImplementedError:
        print("not implemented yet")
        return
    except Exception as exc:  # the student's function may fail in any way
        print(f"your function raised {type(exc).__name__}: {exc}")
        return
    if np.allclose(w, reference.coef_) and np.isclose(b, reference.intercept_):
        print("correct: same weights as neurona's online II epoch")
    else:
        print(f"expected w = {reference.coef_}, b = {reference.intercept_:.6f}; "
              f"got w = {w}, b = {b}")


check_online_ii(online_ii_epoch)
