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
# # 3. Vectorization
#
# *Lecture 02, "Vectorización".* The net input of a neuron is a dot product,
#
# $$z = \sum_{j=1}^{m} x_j w_j = \mathbf{x}^\top \mathbf{w},$$
#
# and for all $n$ rows at once a matrix–vector product, $\mathbf{z} = \mathbf{X}\mathbf{w}
# + b$. The lecture times three ways of computing it: a `for` loop, a generator, and NumPy.
# Here we repeat that experiment (on smaller vectors, so the notebook runs in seconds),
# then vectorize a whole gradient.

# %%
import matplotlib.pyplot as plt
import numpy as np

import neurona
from neurona import bench
from neurona.exercises import check_epoch, check_gradient, check_loss, check_prediction

rng = np.random.default_rng(0)
n = 100_000
x_vec, w_vec = rng.standard_normal(n), rng.standard_normal(n)
x, w = x_vec.tolist(), w_vec.tolist()  # plain Python lists for the loops

# %% [markdown]
# ## Three ways, as in the lecture

# %%
def forloop(x, w):
    z = 0.0
    for i in range(len(x)):
        z += x[i] * w[i]
    return z


def listcomprehension(x, w):
    return sum(x_i * w_i for x_i, w_i in zip(x, w))


def vectorized(x_vec, w_vec):
    return x_vec.dot(w_vec)


z_loop, z_gen, z_np = forloop(x, w), listcomprehension(x, w), vectorized(x_vec, w_vec)
print(z_loop, z_gen, z_np)
# the same number, up to the order of the additions
np.testing.assert_allclose([z_loop, z_gen], z_np, rtol=1e-12)

# %%
# %timeit -r 5 -n 5 forloop(x, w)
# %timeit -r 5 -n 5 listcomprehension(x, w)
# %timeit -r 5 -n 5 vectorized(x_vec, w_vec)

# %% [markdown]
# ## With `neurona`: the whole experiment in one call
#
# `neurona.bench.dot_experiment` times the two loops, NumPy, and every other backend
# installed (the compiled numba kernel, PyTorch), and keeps what each one computed.

# %%
dots = bench.dot_experiment(n, x=x_vec, w=w_vec, repeat=3, min_run=0.0)
for r in dots:
    print(f"{r.method:>10}: {r.median * 1e3:8.3f} ms   ×{r.speedup:7.1f}   z = {r.value:.10f}")
np.testing.assert_allclose([r.value for r in dots], z_loop, rtol=1e-12)

# %% [markdown]
# ## Vectorizing over rows
#
# The perceptron's online rule changes $\mathbf{w}$ after every row, so its epoch is a loop.
# But the net inputs of all rows for *fixed* weights, and the gradient of a batch step,
# need no Python loop:
#
# $$\mathbf{z} = \mathbf{X}\mathbf{w} + b, \qquad
# \frac{\partial \mathcal{L}}{\partial \mathbf{w}} = -\frac{1}{n}\mathbf{X}^\top
# (\mathbf{y} - \mathbf{z}), \qquad \frac{\partial \mathcal{L}}{\partial b} =
# -\frac{1}{n}\sum_i (y_i - z_i)$$
#
# for the squared loss $\mathcal{L} = \frac{1}{2n}\sum_i (y_i - z_i)^2$ (notebook 6 derives
# it). The lecture's loop over rows $i$ and features $j$, and the vectorized version:

# %%
data = neurona.data.load_dataset("linear")
X, y = data.X, data.y
w0, b0 = np.array([0.5, -1.0, 2.0]), 0.25


def gradient_loops(X, y, w, b):
    n, m = X.shape
    grad_w, grad_b = [0.0] * m, 0.0
    for i in range(n):
        z = b
        for j in range(m):
            z += X[i, j] * w[j]
        for j in range(m):
            grad_w[j] += -(y[i] - z) * X[i, j] / n
        grad_b += -(y[i] - z) / n
    return np.array(grad_w), grad_b


def gradient_vectorized(X, y, w, b):
    error = y - (X @ w + b)
    return -X.T @ error / len(y), -error.mean()


gw_loop, gb_loop = gradient_loops(X, y, w0, b0)
gw_vec, gb_vec = gradient_vectorized(X, y, w0, b0)
np.testing.assert_allclose(gw_loop, gw_vec, rtol=1e-12)
np.testing.assert_allclose(gb_loop, gb_vec, rtol=1e-12)
# %timeit -r 3 -n 3 gradient_loops(X, y, w0, b0)
# %timeit -r 3 -n 3 gradient_vectorized(X, y, w0, b0)

# %% [markdown]
# One batch step of `neurona.LinearRegression` from $(\mathbf{w}_0, b_0)$ is exactly
# $\mathbf{w}_0 - \eta\, \nabla_{\mathbf{w}}\mathcal{L}$ (`warm_start` continues from the
# weights we set):

# %%
eta = 0.1
model = neurona.LinearRegression(solver="gd", mode="batch", learning_rate=eta, epochs=1,
                                 warm_start=True)
model.fit(X, y)  # sets up the model; now put our starting point in and take one step
model.coef_, model.intercept_ = w0.copy(), b0
model.fit(X, y)
np.testing.assert_allclose(model.coef_, w0 - eta * gw_vec, rtol=1e-12)
np.testing.assert_allclose(model.intercept_, b0 - eta * gb_vec, rtol=1e-12)
print("one neurona batch step == w - η ∇L:", model.coef_, model.intercept_)

# %% [markdown]
# ## A whole perceptron epoch
#
# `neurona.bench.epoch_experiment` times one epoch of the lecture's NumPy class (one row at
# a time), the lecture's PyTorch class (if installed), the NumPy reference and the compiled
# kernel of `neurona`. The per-row methods make the same updates, so they must end with the
# same weights:

# %%
epochs = bench.epoch_experiment(500, 10, repeat=3, min_run=0.0)
for r in epochs:
    print(f"{r.method:>22}: {r.median * 1e3:8.3f} ms   ×{r.speedup:7.1f}")
per_row = [r for r in epochs if "batch" not in r.method]
for r in per_row[1:]:
    np.testing.assert_allclose(r.value, per_row[0].value, rtol=1e-5)  # torch is float32

# %% [markdown]
# ## Figure

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 3.6), layout="constrained")
neurona.plot.vectorization_timings(dots, ax=axes[0])
neurona.plot.vectorization_timings(epochs, ax=axes[1])
plt.show()

# %% [markdown]
# Timings on a shared machine are noisy; the ratios (×) say more than the times.
#
# ## Exercises
#
# Write each function **without a Python loop over the rows** (NumPy only), then run the
# checker cell.
#
# **Exercise 1.** Perceptron predictions $[\mathbf{X}\mathbf{w} + b > 0]$ (0/1) for all rows.

# %%
def predict(X, w, b):
    raise NotImplementedError


check_prediction(predict, neuron="perceptron", lang="en")

# %% [markdown]
# **Exercise 2.** The ADALINE loss $\mathcal{L}(\mathbf{w}, b) = \frac{1}{2n}\sum_i (t_i -
# z_i)^2$ as a float.

# %%
def loss(w, b, X, T):
    raise NotImplementedError


check_loss(loss, neuron="adaline", lang="en")

# %% [markdown]
# **Exercise 3.** Its gradient $(\nabla_{\mathbf{w}}\mathcal{L}, \partial\mathcal{L}/\partial
# b)$, vectorized as above.

# %%
def gradient(w, b, X, T):
    raise NotImplementedError


check_gradient(gradient, neuron="adaline", lang="en")

# %% [markdown]
# **Exercise 4.** One **batch** epoch of ADALINE: a single update from all rows, with the
# weights fixed during the pass. Return the new `(w, b)`.

# %%
def batch_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(batch_epoch, neuron="adaline", mode="batch", lang="en")
