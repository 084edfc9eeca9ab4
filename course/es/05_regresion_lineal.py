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
# # 5. Regresión lineal: ecuaciones normales, gradiente descendente y SGD
#
# *Clase 02, «Regresión lineal».* Una regresión lineal es una neurona cuya función de
# activación es la identidad, $\hat y = \mathbf{w}^\top\mathbf{x} + b$. La recta que mejor
# se ajusta minimiza el error cuadrático medio
#
# $$\mathcal{L}(\mathbf{w}, b) = \frac{1}{n}\sum_{i=1}^n \big(y^{(i)} - (\mathbf{w}^\top
# \mathbf{x}^{(i)} + b)\big)^2 .$$
#
# Tres maneras de encontrarla:
#
# 1. **Ecuaciones normales** (solución analítica): con el sesgo dentro de $\mathbf{w}$ y una
#    columna de unos en la matriz de diseño $\mathbf{X}$, $\;\mathbf{w} =
#    (\mathbf{X}^\top\mathbf{X})^{-1} \mathbf{X}^\top\mathbf{y}$.
# 2. **Gradiente descendente** (por lotes): muchos pasos pequeños contra el gradiente de
#    $\mathcal{L} = \frac{1}{2n}\sum_i (\hat y_i - y_i)^2$ (el $\frac12$ es por comodidad),
#    $\mathbf{w} \leftarrow \mathbf{w} - \eta\,\nabla_{\mathbf{w}}\mathcal{L}$ con
#    $\nabla_{\mathbf{w}}\mathcal{L} = \frac{1}{n}\sum_i (\hat y_i - y_i)\mathbf{x}_i$.
# 3. **Gradiente descendente estocástico**: el mismo paso, fila por fila,
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
X = rng.uniform(0.0, 4.0, (n, 1))  # una sola variable, para poder dibujar la superficie de pérdida
y = 2.0 * X[:, 0] - 1.0 + rng.normal(0.0, 0.5, n)

# %% [markdown]
# ## 1. Ecuaciones normales

# %%
A = np.hstack([np.ones((n, 1)), X])  # matriz de diseño: el sesgo primero
b_lecture, w_lecture = np.linalg.inv(A.T @ A) @ A.T @ y  # la fórmula de la clase
b_solve, w_solve = np.linalg.solve(A.T @ A, A.T @ y)  # lo mismo sin formar la inversa
exact = neurona.LinearRegression().fit(X, y)  # solver="auto": una solución cerrada
print("clase:  ", w_lecture, b_lecture)
print("neurona:", exact.coef_, exact.intercept_)
np.testing.assert_allclose([w_lecture, b_lecture], [w_solve, b_solve], rtol=1e-10)
np.testing.assert_allclose(exact.coef_, [w_lecture], rtol=1e-10)
np.testing.assert_allclose(exact.intercept_, b_lecture, rtol=1e-10)

# %% [markdown]
# Con más variables es la misma llamada; aquí con los datos `linear` incluidos,
# $y = 2x_1 - 3x_2 + 0.5x_3 + 4$ más ruido:

# %%
lin = neurona.data.load_dataset("linear")
A3 = np.hstack([np.ones((len(lin.y), 1)), lin.X])
coef3 = np.linalg.solve(A3.T @ A3, A3.T @ lin.y)
model3 = neurona.LinearRegression().fit(lin.X, lin.y)
np.testing.assert_allclose(model3.coef_, coef3[1:], rtol=1e-10)
np.testing.assert_allclose(model3.intercept_, coef3[0], rtol=1e-10)
print("w =", model3.coef_.round(3), " b =", round(float(model3.intercept_), 3))

# %% [markdown]
# ## 2. Gradiente descendente (por lotes)

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
print("nuestro:", w_gd, b_gd, " neurona:", gd.coef_, gd.intercept_)
np.testing.assert_allclose(gd.coef_, w_gd, rtol=1e-10)
np.testing.assert_allclose(gd.intercept_, b_gd, rtol=1e-10)
# y tras suficientes pasos, el gradiente descendente llega a la recta de las ecuaciones normales
np.testing.assert_allclose([w_gd[0], b_gd], [w_lecture, b_lecture], atol=1e-3)

# %% [markdown]
# ## 3. Gradiente descendente estocástico (*online*)

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
print("nuestro:", w_sgd, b_sgd, " neurona:", sgd_model.coef_, sgd_model.intercept_)
np.testing.assert_allclose(sgd_model.coef_, w_sgd, rtol=1e-10)
np.testing.assert_allclose(sgd_model.intercept_, b_sgd, rtol=1e-10)

# %% [markdown]
# ## Figuras: la superficie de pérdida y los caminos, y la recta aprendiendo
#
# Con una sola variable, la pérdida es función de dos números $(w, b)$: un tazón. El
# gradiente descendente por lotes baja derecho; *minibatch* y SGD zigzaguean. La estrella es
# la solución de las ecuaciones normales.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
neurona.plot.loss_surface(X, y, ax=axes[0])
axes[1].semilogy(losses_gd)
axes[1].axhline(0.5 * np.mean((exact.predict(X) - y) ** 2), color="black", linestyle="--")
axes[1].set(xlabel="época", ylabel="pérdida", title="gradiente descendente por lotes (nuestro)")
plt.show()

# %%
animation = neurona.plot.animate_training(
    neurona.LinearRegression(solver="gd", mode="online", learning_rate=ETA_SGD, epochs=2),
    X, y, "regression.gif", fps=4, dpi=50, max_frames=20,
)
gif = base64.b64encode(Path(animation.path).read_bytes()).decode("ascii")
HTML(f'<img src="data:image/gif;base64,{gif}">')

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** Las ecuaciones normales para cualquier número de variables: devuelva
# `(w, b)` con `w` de forma `(m,)`. (Agregue usted la columna de unos.)

# %%
def normal_equations(X, y):
    raise NotImplementedError


def check_normal_equations(fn):
    """Compara con neurona.LinearRegression() en los datos linear incluidos; nunca falla."""
    reference = neurona.LinearRegression().fit(lin.X, lin.y)
    try:
        w, b = fn(lin.X, lin.y)
    except NotImplementedError:
        print("todavía sin implementar")
        return
    except Exception as exc:  # la función del estudiante puede fallar de cualquier forma
        print(f"su función lanzó {type(exc).__name__}: {exc}")
        return
    if np.allclose(w, reference.coef_) and np.isclose(b, reference.intercept_):
        print("correcto:", np.round(w, 4), round(float(b), 4))
    else:
        print(f"se esperaba w = {reference.coef_}, b = {reference.intercept_}; "
              f"se obtuvo w = {w}, b = {b}")


check_normal_equations(normal_equations)

# %% [markdown]
# **Ejercicio 2.** La pérdida $\mathcal{L}(\mathbf{w}, b) = \frac{1}{2n}\sum_i (t_i -
# \mathbf{w}^\top\mathbf{x}_i - b)^2$, como número real.

# %%
def loss(w, b, X, T):
    raise NotImplementedError


check_loss(loss, neuron="linear", lang="es")

# %% [markdown]
# **Ejercicio 3.** Su gradiente: devuelva `(grad_w, grad_b)`.

# %%
def gradient(w, b, X, T):
    raise NotImplementedError


check_gradient(gradient, neuron="linear", lang="es")

# %% [markdown]
# **Ejercicio 4.** Un paso de SGD con la fila `x` de objetivo `t`: devuelva el nuevo
# `(w, b)`.

# %%
def sgd_step(w, b, x, t, eta):
    raise NotImplementedError


check_update(sgd_step, neuron="linear", lang="es")
