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
# # 6. Derivatives and gradients
#
# *Lecture 02, "Derivadas de funciones univariadas", "Gradiente".* The derivative is a limit,
#
# $$\frac{d}{dw} f(w) = \lim_{h \to 0} \frac{f(w + h) - f(w)}{h},$$
#
# and the gradient of a function of several variables is the vector of its partial
# derivatives, one limit per coordinate:
#
# $$\nabla f(w_1, w_2) = \begin{bmatrix} \partial f / \partial w_1 \\ \partial f / \partial
# w_2 \end{bmatrix} = \begin{bmatrix} \lim_{h \to 0} \frac{f(w_1+h, w_2) - f(w_1, w_2)}{h}
# \\ \lim_{h \to 0} \frac{f(w_1, w_2+h) - f(w_1, w_2)}{h} \end{bmatrix}.$$
#
# The lecture's example: $f(x, y) = x^2 y + y$ has $\nabla f(x, y) = [2xy,\; x^2 + 1]$.
# A computer cannot let $h \to 0$; we compute the quotient for a small $h$, see how small
# is small enough, and use it to check the gradient of the squared loss that gradient
# descent follows.

# %%
import matplotlib.pyplot as plt
import numpy as np

from neurona import calculus, plot
from neurona.exercises import check_gradient, check_loss

# %% [markdown]
# ## Difference quotients from scratch

# %%
def forward_difference(f, x, h):
    return (f(x + h) - f(x)) / h


def central_difference(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, v, h=1e-6):
    """One central difference per coordinate."""
    v = np.asarray(v, dtype=float)
    grad = np.zeros_like(v)
    for j in range(v.size):
        e = np.zeros_like(v)
        e[j] = h
        grad[j] = (f(v + e) - f(v - e)) / (2 * h)
    return grad


def f(v):
    x, y = v
    return x**2 * y + y


def grad_f(v):
    x, y = v
    return np.array([2 * x * y, x**2 + 1])


point = np.array([3.0, 2.0])
print("d/dx sin at 0:", forward_difference(np.sin, 0.0, 1e-6),
      central_difference(np.sin, 0.0, 1e-6))
print("∇f(3, 2) by formula:", grad_f(point), " numerically:", numerical_gradient(f, point))

# %% [markdown]
# ## With `neurona.calculus`
#
# `derivative` and `gradient` choose the step for you (about $u^{1/3}\max(1, |x|)$ for the
# central difference, $u = 2^{-53}$), and `check_gradient` compares a formula with the
# numbers.

# %%
print(calculus.derivative(np.sin, 0.0), calculus.gradient(f, point))
np.testing.assert_allclose(calculus.derivative(np.sin, 0.0), central_difference(np.sin, 0.0, 1e-6),
                           rtol=1e-9)
np.testing.assert_allclose(calculus.gradient(f, point), numerical_gradient(f, point), rtol=1e-7)
np.testing.assert_allclose(calculus.gradient(f, point), grad_f(point), rtol=1e-9)
for p in ([3.0, 2.0], [1.0, -1.0], [-0.5, 4.0]):
    result = calculus.check_gradient(f, grad_f, p)
    print(p, "passed" if result.passed else "FAILED",
          f"max relative error {result.max_rel_error:.1e}")
    assert result.passed

# %% [markdown]
# ## How small should $h$ be?
#
# The forward quotient has a truncation error $\frac{h}{2}|f''|$ that shrinks with $h$ and a
# rounding error $\approx 2u|f|/h$ that grows as $h$ shrinks; the central quotient's
# truncation error is $\frac{h^2}{6}|f'''|$. Both curves are V-shaped:

# %%
errors = calculus.step_size_errors(np.exp, np.exp, 1.0)
hs = errors.steps
ours_forward = np.abs([forward_difference(np.exp, 1.0, h) - np.exp(1.0) for h in hs])
np.testing.assert_allclose(errors.forward, ours_forward, rtol=1e-12)
print(f"best h: forward {errors.best_forward:.0e}, central {errors.best_central:.0e}")

fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
plot.derivative_error(hs, {"forward": errors.forward, "central": errors.central},
                      ax=axes[0], title="f = exp at w = 1")
xs, ys = np.meshgrid(np.linspace(-2, 2, 101), np.linspace(-2, 2, 101))
contours = axes[1].contour(xs, ys, xs**2 * ys + ys, levels=15, cmap="coolwarm")
axes[1].clabel(contours, fontsize=6)
qx, qy = np.meshgrid(np.linspace(-2, 2, 11), np.linspace(-2, 2, 11))
axes[1].quiver(qx, qy, 2 * qx * qy, qx**2 + 1, angles="xy", alpha=0.7)
axes[1].set(xlabel="x", ylabel="y", title="f(x, y) = x²y + y and its gradient")
axes[1].set_aspect("equal")
plt.show()

# %% [markdown]
# ## The gradient of the squared loss
#
# For $\mathcal{L}(\mathbf{w}, b) = \frac{1}{2n}\sum_i (\hat y_i - y_i)^2$ with $\hat y_i =
# \sigma(\mathbf{w}^\top\mathbf{x}_i + b)$ and $\sigma$ the identity, the chain rule gives
# (the lecture's derivation)
#
# $$\frac{\partial \mathcal{L}}{\partial w_j} = \frac{1}{n}\sum_i (\hat y_i - y_i)\,
# x_{ij}, \qquad \frac{\partial \mathcal{L}}{\partial b} = \frac{1}{n}\sum_i (\hat y_i -
# y_i).$$
#
# We check the formula numerically, at a random point, treating $(\mathbf{w}, b)$ as one
# vector of parameters:

# %%
rng = np.random.default_rng(0)
X = rng.normal(size=(50, 3))
y = X @ np.array([1.0, -2.0, 0.5]) + 0.3 + rng.normal(scale=0.1, size=50)


def squared_loss(params):
    w, b = params[:-1], params[-1]
    return 0.5 * np.mean((X @ w + b - y) ** 2)


def squared_loss_gradient(params):
    w, b = params[:-1], params[-1]
    residual = X @ w + b - y
    return np.append(X.T @ residual / len(y), residual.mean())


params = rng.normal(size=4)
check = calculus.check_gradient(squared_loss, squared_loss_gradient, params)
print("formula:  ", check.analytic)
print("numerical:", check.numerical)
assert check.passed
np.testing.assert_allclose(numerical_gradient(squared_loss, params), check.analytic, rtol=1e-6)

# %% [markdown]
# ## Exercises
#
# **Exercise 1.** The central difference quotient of `f` at `x` with step `h`. Checked
# against `neurona.calculus.derivative` on $\sin$ and $x^3$.

# %%
def my_central_difference(f, x, h):
    raise NotImplementedError


def check_derivative(fn):
    """Compare fn with neurona.calculus.derivative at a few points; never raises."""
    cases = [(np.sin, 0.5), (lambda x: x**3, 2.0), (np.exp, -1.0)]
    try:
        got = [fn(g, x, 1e-5) for g, x in cases]
    except NotImplementedError:
        print("not implemented yet")
        return
    except Exception as exc:  # the student's function may fail in any way
        print(f"your function raised {type(exc).__name__}: {exc}")
        return
    expected = [calculus.derivative(g, x) for g, x in cases]
    if np.allclose(got, expected, rtol=1e-7):
        print("correct:", np.round(got, 8))
    else:
        print(f"expected {np.round(expected, 8)}, got {got}")


check_derivative(my_central_difference)

# %% [markdown]
# **Exercise 2.** The gradient of $g(x, y) = \sin(x)\,y^2 + e^{xy}$ by hand. Checked with
# `neurona.calculus.check_gradient`.

# %%
def g(v):
    x, y = v
    return np.sin(x) * y**2 + np.exp(x * y)


def grad_g(v):
    raise NotImplementedError


def check_grad_g(fn):
    """neurona.calculus.check_gradient at three points; never raises."""
    try:
        points = ([0.5, 1.0], [-1.0, 2.0], [2.0, -0.5])
        results = [calculus.check_gradient(g, fn, p) for p in points]
    except NotImplementedError:
        print("not implemented yet")
        return
    except Exception as exc:  # the student's function may fail in any way
        print(f"your function raised {type(exc).__name__}: {exc}")
        return
    if all(r.passed for r in results):
        print("correct at every point")
    else:
        bad = next(r for r in results if not r.passed)
        print(f"expected about {bad.numerical}, your formula gives {bad.analytic}")


check_grad_g(grad_g)

# %% [markdown]
# **Exercise 3.** The squared loss of a linear neuron, $\mathcal{L}(\mathbf{w}, b) =
# \frac{1}{2n}\sum_i (t_i - \mathbf{w}^\top\mathbf{x}_i - b)^2$ (ADALINE's loss).

# %%
def loss(w, b, X, T):
    raise NotImplementedError


check_loss(loss, neuron="adaline", lang="en")

# %% [markdown]
# **Exercise 4.** Its gradient $(\nabla_{\mathbf{w}}\mathcal{L}, \partial \mathcal{L} /
# \partial b)$ from the formula above.

# %%
def loss_gradient(w, b, X, T):
    raise NotImplementedError


check_gradient(loss_gradient, neuron="adaline", lang="en")
