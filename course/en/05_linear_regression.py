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
# # 5. Linear regression: normal equations, gradient descent, SGD
#
# *Lecture 02, "Regresión lineal".* A linear regression is a neuron whose activation is the
# identity, $\hat y = \mathbf{w}^\top\mathbf{x} + b$. The best line minimizes the mean
# squared error
#
# $$\mathcal{L}(\mathbf{w}, b) = \frac{1}{n}\sum_{i=1}^n \big(y^{(i)} - (\mathbf{w}^\top
# \mathbf{x}^{(i)} + b)\big)^2 .$$
#
# Three ways to find it:
#
# 1. **Normal equations** (closed form): with the bias inside $\mathbf{w}$ and a column of
#    ones in the design matrix $\mathbf{X}$, $\;\mathbf{w} = (\mathbf{X}^\top\mathbf{X})^{-1}
#    \mathbf{X}^\top\mathbf{y}$.
# 2. **Gradient descent** (batch): many small steps against the gradient of
#    $\mathcal{L} = \frac{1}{2n}\sum_i (\hat y_i - y_i)^2$ (the $\frac12$ is for convenience),
#    $\mathbf{w} \leftarrow \mathbf{w} - \eta\,\nabla_{\mathbf{w}}\mathcal{L}$ with
#    $\nabla_{\mathbf{w}}\mathcal{L} = \frac{1}{n}\sum_i (\hat y_i - y_i)\mathbf{x}_i$.
# 3. **Stochastic gradient descent**: the same step on one row at a time,
#    $\mathbf{w} \leftarrow \mathbf{w} + \eta\,(y_i - \hat y_i)\,\mathbf{x}_i$.

# %%
import base64
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML

import neurona
from neurona.exercises import check_gradient, check_loss, check_update

rng = np.random.default_rng(0)
n = 60
X = rng.uniform(0.0, 4.0, (n, 1))  # one feature, so we can draw the loss surface
y = 2.0 * X[:, 0] - 1.0 + rng.normal(0.0, 0.5, n)

# %% [markdown]
# ## 1. Normal equations

# %%
A = np.hstack([np.ones((n, 1)), X])  # design matrix: the bias first
b_lecture, w_lecture = np.linalg.inv(A.T @ A) @ A.T @ y  # the lecture's formula
b_solve, w_solve = np.linalg.solve(A.T @ A, A.T @ y)  # the same without forming the inverse
exact = neurona.LinearRegression().fit(X, y)  # solver="auto": a closed form
print("lecture:", w_lecture, b_lecture)
print("neurona:", exact.coef_, exact.intercept_)
np.testing.assert_allclose([w_lecture, b_lecture], [w_solve, b_solve], rtol=1e-10)
np.testing.assert_allclose(exact.coef_, [w_lecture], rtol=1e-10)
np.testing.assert_allclose(exact.intercept_, b_lecture, rtol=1e-10)

# %% [markdown]
# On more features it is the same call; here with the bundled `linear` data,
# $y = 2x_1 - 3x_2 + 0.5x_3 + 4$ plus noise:

# %%
lin = neurona.data.load_dataset("linear")
A3 = np.hstack([np.ones((len(lin.y), 1)), lin.X])
coef3 = np.linalg.solve(A3.T @ A3, A3.T @ lin.y)
model3 = neurona.LinearRegression().fit(lin.X, lin.y)
np.testing.assert_allclose(model3.coef_, coef3[1:], rtol=1e-10)
np.testing.assert_allclose(model3.intercept_, coef3[0], rtol=1e-10)
print("w =", model3.coef_.round(3), " b =", round(float(model3.intercept_), 3))

# %% [markdown]
# ## 2. Gradient descent (batch)

# %%
def gradient_descent(X, y, eta, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(epochs):
        y_hat = X @ w + b
        grad_w = X.T @ (y_hat - y) / len(y)
        grad_b = np.mean(y_hat - y)
        w, b = w - eta * grad_w, b - eta * grad_b
        losses.append(0.5 * np.mean((X @ w + b - y) ** 2))
    return w, b, losses


ETA, EPOCHS = 0.1, 800
w_gd, b_gd, losses_gd = gradient_descent(X, y, ETA, EPOCHS)
gd = neurona.LinearRegression(solver="gd", mode="batch", learning_rate=ETA,
                              epochs=EPOCHS).fit(X, y)
print("ours:", w_gd, b_gd, " neurona:", gd.coef_, gd.intercept_)
np.testing.assert_allclose(gd.coef_, w_gd, rtol=1e-10)
np.testing.assert_allclose(gd.intercept_, b_gd, rtol=1e-10)
# and after enough steps, gradient descent reaches the normal equations' line
np.testing.assert_allclose([w_gd[0], b_gd], [w_lecture, b_lecture], atol=1e-3)

# %% [markdown]
# ## 3. Stochastic gradient descent (online)

# %%
def sgd(X, y, eta, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in range(len(y)):
            error = y[i] - (X[i] @ w + b)
            w = w + eta * error * X[i]
            b = b + eta * error
    return w, b


ETA_SGD, EPOCHS_SGD = 0.02, 20
w_sgd, b_sgd = sgd(X, y, ETA_SGD, EPOCHS_SGD)
sgd_model = neurona.LinearRegression(solver="gd", mode="online", learning_rate=ETA_SGD,
                                     epochs=EPOCHS_SGD).fit(X, y)
print("ours:", w_sgd, b_sgd, " neurona:", sgd_model.coef_, sgd_model.intercept_)
np.testing.assert_allclose(sgd_model.coef_, w_sgd, rtol=1e-10)
np.testing.assert_allclose(sgd_model.intercept_, b_sgd, rtol=1e-10)

# %% [markdown]
# ## Figures: the loss surface and the paths, and the line learning
#
# With one feature the loss is a function of two numbers $(w, b)$: a bowl. Batch GD walks
# straight down, minibatch and SGD zig-zag. The star is the solution of the normal
# equations.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
neurona.plot.loss_surface(X, y, ax=axes[0])
axes[1].semilogy(losses_gd)
axes[1].axhline(0.5 * np.mean((exact.predict(X) - y) ** 2), color="black", linestyle="--")
axes[1].set(xlabel="epoch", ylabel="loss", title="batch gradient descent (ours)")
plt.show()

# %%
animation = neurona.plot.animate_training(
    neurona.LinearRegression(solver="gd", mode="online", learning_rate=ETA_SGD, epochs=2),
    X, y, "regression.gif", fps=4, dpi=50, max_frames=20,
)
gif = base64.b64encode(Path(animation.path).read_bytes()).decode("ascii")
HTML(f'<img src="data:image/gif;base64,{gif}">')

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** The normal equations for any number of features: return `(w, b)` with
# `w` of shape `(m,)`. (Add the column of ones yourself.)

# %%
def normal_equations(X, y):
    raise NotImplementedError


def check_normal_equations(fn):
    """Compare with neurona.LinearRegression() on the bundled linear data; never raises."""
    reference = neurona.LinearRegression().fit(lin.X, lin.y)
    try:
        w, b = fn(lin.X, lin.y)
    except NotImplementedError:
        print("not implemented yet")
        return
    except Exception as exc:  # the student's function may fail in any way
        print(f"your function raised {type(exc).__name__}: {exc}")
        return
    if np.allclose(w, reference.coef_) and np.isclose(b, reference.intercept_):
        print("correct:", np.round(w, 4), round(float(b), 4))
    else:
        print(f"expected w = {reference.coef_}, b = {reference.intercept_}; "
              f"got w = {w}, b = {b}")


check_normal_equations(normal_equations)

# %% [markdown]
# **Exercise 2.** The loss $\mathcal{L}(\mathbf{w}, b) = \frac{1}{2n}\sum_i (t_i -
# \mathbf{w}^\top\mathbf{x}_i - b)^2$, as a float.

# %%
def loss(w, b, X, T):
    raise NotImplementedError


check_loss(loss, neuron="linear", lang="en")

# %% [markdown]
# **Exercise 3.** Its gradient: return `(grad_w, grad_b)`.

# %%
def gradient(w, b, X, T):
    raise NotImplementedError


check_gradient(gradient, neuron="linear", lang="en")

# %% [markdown]
# **Exercise 4.** One SGD step on the row `x` with target `t`: return the new `(w, b)`.

# %%
def sgd_step(w, b, x, t, eta):
    raise NotImplementedError


check_update(sgd_step, neuron="linear", lang="en")
