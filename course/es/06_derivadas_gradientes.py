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
# # 6. Derivadas y gradientes
#
# *Clase 02, «Derivadas de funciones univariadas», «Gradiente».* La derivada es un límite,
#
# $$\frac{d}{dw} f(w) = \lim_{h \to 0} \frac{f(w + h) - f(w)}{h},$$
#
# y el gradiente de una función de varias variables es el vector de sus derivadas
# parciales, un límite por coordenada:
#
# $$\nabla f(w_1, w_2) = \begin{bmatrix} \partial f / \partial w_1 \\ \partial f / \partial
# w_2 \end{bmatrix} = \begin{bmatrix} \lim_{h \to 0} \frac{f(w_1+h, w_2) - f(w_1, w_2)}{h}
# \\ \lim_{h \to 0} \frac{f(w_1, w_2+h) - f(w_1, w_2)}{h} \end{bmatrix}.$$
#
# El ejemplo de la clase: $f(x, y) = x^2 y + y$ tiene $\nabla f(x, y) = [2xy,\; x^2 + 1]$.
# Un computador no puede hacer $h \to 0$; calculamos el cociente con un $h$ pequeño, vemos
# qué tan pequeño basta, y lo usamos para verificar el gradiente de la pérdida cuadrática
# que sigue el gradiente descendente.

# %%
import matplotlib.pyplot as plt
import numpy as np

from neurona import calculus, plot
from neurona.exercises import check_gradient, check_loss

# %% [markdown]
# ## Cocientes de diferencias desde cero

# %%
def forward_difference(f, x, h):
    return (f(x + h) - f(x)) / h


def central_difference(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, v, h=1e-6):
    """Una diferencia central por coordenada."""
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
print("d/dx sen en 0:", forward_difference(np.sin, 0.0, 1e-6),
      central_difference(np.sin, 0.0, 1e-6))
print("∇f(3, 2) por fórmula:", grad_f(point), " numérico:", numerical_gradient(f, point))

# %% [markdown]
# ## Con `neurona.calculus`
#
# `derivative` y `gradient` eligen el paso por usted (cerca de $u^{1/3}\max(1, |x|)$ para
# la diferencia central, con $u = 2^{-53}$), y `check_gradient` compara una fórmula con los
# números.

# %%
print(calculus.derivative(np.sin, 0.0), calculus.gradient(f, point))
np.testing.assert_allclose(calculus.derivative(np.sin, 0.0), central_difference(np.sin, 0.0, 1e-6),
                           rtol=1e-9)
np.testing.assert_allclose(calculus.gradient(f, point), numerical_gradient(f, point), rtol=1e-7)
np.testing.assert_allclose(calculus.gradient(f, point), grad_f(point), rtol=1e-9)
for p in ([3.0, 2.0], [1.0, -1.0], [-0.5, 4.0]):
    result = calculus.check_gradient(f, grad_f, p)
    print(p, "correcto" if result.passed else "FALLA",
          f"error relativo máximo {result.max_rel_error:.1e}")
    assert result.passed

# %% [markdown]
# ## ¿Qué tan pequeño debe ser $h$?
#
# El cociente hacia adelante tiene un error de truncamiento $\frac{h}{2}|f''|$ que se
# achica con $h$ y un error de redondeo $\approx 2u|f|/h$ que crece cuando $h$ se achica; el
# error de truncamiento del cociente central es $\frac{h^2}{6}|f'''|$. Las dos curvas tienen
# forma de V:

# %%
errors = calculus.step_size_errors(np.exp, np.exp, 1.0)
hs = errors.steps
ours_forward = np.abs([forward_difference(np.exp, 1.0, h) - np.exp(1.0) for h in hs])
np.testing.assert_allclose(errors.forward, ours_forward, rtol=1e-12)
print(f"mejor h: hacia adelante {errors.best_forward:.0e}, central {errors.best_central:.0e}")

fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
plot.derivative_error(hs, {"hacia adelante": errors.forward, "central": errors.central},
                      ax=axes[0], title="f = exp en w = 1")
xs, ys = np.meshgrid(np.linspace(-2, 2, 101), np.linspace(-2, 2, 101))
contours = axes[1].contour(xs, ys, xs**2 * ys + ys, levels=15, cmap="coolwarm")
axes[1].clabel(contours, fontsize=6)
qx, qy = np.meshgrid(np.linspace(-2, 2, 11), np.linspace(-2, 2, 11))
axes[1].quiver(qx, qy, 2 * qx * qy, qx**2 + 1, angles="xy", alpha=0.7)
axes[1].set(xlabel="x", ylabel="y", title="f(x, y) = x²y + y y su gradiente")
axes[1].set_aspect("equal")
plt.show()

# %% [markdown]
# ## El gradiente de la pérdida cuadrática
#
# Para $\mathcal{L}(\mathbf{w}, b) = \frac{1}{2n}\sum_i (\hat y_i - y_i)^2$ con $\hat y_i =
# \sigma(\mathbf{w}^\top\mathbf{x}_i + b)$ y $\sigma$ la identidad, la regla de la cadena da
# (la derivación de la clase)
#
# $$\frac{\partial \mathcal{L}}{\partial w_j} = \frac{1}{n}\sum_i (\hat y_i - y_i)\,
# x_{ij}, \qquad \frac{\partial \mathcal{L}}{\partial b} = \frac{1}{n}\sum_i (\hat y_i -
# y_i).$$
#
# Verificamos la fórmula numéricamente en un punto al azar, tratando $(\mathbf{w}, b)$ como
# un solo vector de parámetros:

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
print("fórmula: ", check.analytic)
print("numérico:", check.numerical)
assert check.passed
np.testing.assert_allclose(numerical_gradient(squared_loss, params), check.analytic, rtol=1e-6)

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** El cociente de diferencias central de `f` en `x` con paso `h`. Se revisa
# contra `neurona.calculus.derivative` con $\sin$, $x^3$ y $e^x$.

# %%
def my_central_difference(f, x, h):
    raise NotImplementedError


def check_derivative(fn):
    """Compara fn con neurona.calculus.derivative en algunos puntos; nunca falla."""
    cases = [(np.sin, 0.5), (lambda x: x**3, 2.0), (np.exp, -1.0)]
    try:
        got = [fn(g, x, 1e-5) for g, x in cases]
    except NotImplementedError:
        print("todavía sin implementar")
        return
    except Exception as exc:  # la función del estudiante puede fallar de cualquier forma
        print(f"su función lanzó {type(exc).__name__}: {exc}")
        return
    expected = [calculus.derivative(g, x) for g, x in cases]
    if np.allclose(got, expected, rtol=1e-7):
        print("correcto:", np.round(got, 8))
    else:
        print(f"se esperaba {np.round(expected, 8)}, se obtuvo {got}")


check_derivative(my_central_difference)

# %% [markdown]
# **Ejercicio 2.** El gradiente de $g(x, y) = \sin(x)\,y^2 + e^{xy}$, a mano. Se revisa
# con `neurona.calculus.check_gradient`.

# %%
def g(v):
    x, y = v
    return np.sin(x) * y**2 + np.exp(x * y)


def grad_g(v):
    raise NotImplementedError


def check_grad_g(fn):
    """neurona.calculus.check_gradient en tres puntos; nunca falla."""
    try:
        points = ([0.5, 1.0], [-1.0, 2.0], [2.0, -0.5])
        results = [calculus.check_gradient(g, fn, p) for p in points]
    except NotImplementedError:
        print("todavía sin implementar")
        return
    except Exception as exc:  # la función del estudiante puede fallar de cualquier forma
        print(f"su función lanzó {type(exc).__name__}: {exc}")
        return
    if all(r.passed for r in results):
        print("correcto en todos los puntos")
    else:
        bad = next(r for r in results if not r.passed)
        print(f"se esperaba cerca de {bad.numerical}; su fórmula da {bad.analytic}")


check_grad_g(grad_g)

# %% [markdown]
# **Ejercicio 3.** La pérdida cuadrática de una neurona lineal, $\mathcal{L}(\mathbf{w}, b)
# = \frac{1}{2n}\sum_i (t_i - \mathbf{w}^\top\mathbf{x}_i - b)^2$ (la pérdida de ADALINE).

# %%
def loss(w, b, X, T):
    raise NotImplementedError


check_loss(loss, neuron="adaline", lang="es")

# %% [markdown]
# **Ejercicio 4.** Su gradiente $(\nabla_{\mathbf{w}}\mathcal{L}, \partial \mathcal{L} /
# \partial b)$, a partir de la fórmula de arriba.

# %%
def loss_gradient(w, b, X, T):
    raise NotImplementedError


check_gradient(loss_gradient, neuron="adaline", lang="es")
