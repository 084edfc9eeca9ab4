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
# # 3. Vectorización
#
# *Clase 02, «Vectorización».* La entrada neta de una neurona es un producto punto,
#
# $$z = \sum_{j=1}^{m} x_j w_j = \mathbf{x}^\top \mathbf{w},$$
#
# y para las $n$ filas a la vez, un producto matriz–vector, $\mathbf{z} = \mathbf{X}\mathbf{w}
# + b$. La clase mide tres formas de calcularlo: un ciclo `for`, un generador y NumPy. Aquí
# repetimos ese experimento (con vectores más pequeños, para que el cuaderno tarde segundos)
# y luego vectorizamos un gradiente completo.

# %%
import matplotlib.pyplot as plt
import numpy as np

import neurona
from neurona import bench
from neurona.exercises import check_epoch, check_gradient, check_loss, check_prediction

rng = np.random.default_rng(0)
n = 100_000
x_vec, w_vec = rng.standard_normal(n), rng.standard_normal(n)
x, w = x_vec.tolist(), w_vec.tolist()  # listas de Python para los ciclos

# %% [markdown]
# ## Tres formas, como en la clase

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
# el mismo número, salvo por el orden de las sumas
np.testing.assert_allclose([z_loop, z_gen], z_np, rtol=1e-12)

# %%
# %timeit -r 5 -n 5 forloop(x, w)
# %timeit -r 5 -n 5 listcomprehension(x, w)
# %timeit -r 5 -n 5 vectorized(x_vec, w_vec)

# %% [markdown]
# ## Con `neurona`: todo el experimento en una llamada
#
# `neurona.bench.dot_experiment` mide los dos ciclos, NumPy y cada uno de los demás motores
# instalados (el núcleo compilado con numba, PyTorch), y guarda lo que calculó cada uno.

# %%
dots = bench.dot_experiment(n, x=x_vec, w=w_vec, repeat=3, min_run=0.0)
for r in dots:
    print(f"{r.method:>10}: {r.median * 1e3:8.3f} ms   ×{r.speedup:7.1f}   z = {r.value:.10f}")
np.testing.assert_allclose([r.value for r in dots], z_loop, rtol=1e-12)

# %% [markdown]
# ## Vectorizar sobre las filas
#
# La regla *online* del perceptrón cambia $\mathbf{w}$ después de cada fila, así que su
# época es un ciclo. Pero las entradas netas de todas las filas con pesos *fijos*, y el
# gradiente de un paso *batch*, no necesitan ningún ciclo de Python:
#
# $$\mathbf{z} = \mathbf{X}\mathbf{w} + b, \qquad
# \frac{\partial \mathcal{L}}{\partial \mathbf{w}} = -\frac{1}{n}\mathbf{X}^\top
# (\mathbf{y} - \mathbf{z}), \qquad \frac{\partial \mathcal{L}}{\partial b} =
# -\frac{1}{n}\sum_i (y_i - z_i)$$
#
# para la pérdida cuadrática $\mathcal{L} = \frac{1}{2n}\sum_i (y_i - z_i)^2$ (el cuaderno 6
# la deriva). El ciclo de la clase sobre las filas $i$ y las variables $j$, y la versión
# vectorizada:

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
# Un paso *batch* de `neurona.LinearRegression` desde $(\mathbf{w}_0, b_0)$ es exactamente
# $\mathbf{w}_0 - \eta\, \nabla_{\mathbf{w}}\mathcal{L}$ (`warm_start` continúa desde los
# pesos que fijamos):

# %%
eta = 0.1
model = neurona.LinearRegression(solver="gd", mode="batch", learning_rate=eta, epochs=1,
                                 warm_start=True)
model.fit(X, y)  # prepara el modelo; ahora ponemos nuestro punto de partida y damos un paso
model.coef_, model.intercept_ = w0.copy(), b0
model.fit(X, y)
np.testing.assert_allclose(model.coef_, w0 - eta * gw_vec, rtol=1e-12)
np.testing.assert_allclose(model.intercept_, b0 - eta * gb_vec, rtol=1e-12)
print("un paso batch de neurona == w - η ∇L:", model.coef_, model.intercept_)

# %% [markdown]
# ## Una época completa del perceptrón
#
# `neurona.bench.epoch_experiment` mide una época de la clase en NumPy de la presentación
# (fila por fila), de la clase en PyTorch (si está instalado), de la referencia en NumPy y
# del núcleo compilado de `neurona`. Los métodos fila por fila hacen las mismas
# actualizaciones, así que deben terminar con los mismos pesos:

# %%
epochs = bench.epoch_experiment(500, 10, repeat=3, min_run=0.0)
for r in epochs:
    print(f"{r.method:>22}: {r.median * 1e3:8.3f} ms   ×{r.speedup:7.1f}")
per_row = [r for r in epochs if "batch" not in r.method]
for r in per_row[1:]:
    np.testing.assert_allclose(r.value, per_row[0].value, rtol=1e-5)  # torch usa float32

# %% [markdown]
# ## Figura

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 3.6), layout="constrained")
neurona.plot.vectorization_timings(dots, ax=axes[0])
neurona.plot.vectorization_timings(epochs, ax=axes[1])
plt.show()

# %% [markdown]
# En una máquina compartida los tiempos varían mucho; las razones (×) dicen más que los
# tiempos.
#
# ## Ejercicios
#
# Escriba cada función **sin ciclos de Python sobre las filas** (solo NumPy) y ejecute la
# celda del verificador.
#
# **Ejercicio 1.** Las predicciones del perceptrón $[\mathbf{X}\mathbf{w} + b > 0]$ (0/1)
# para todas las filas.

# %%
def predict(X, w, b):
    raise NotImplementedError


check_prediction(predict, neuron="perceptron", lang="es")

# %% [markdown]
# **Ejercicio 2.** La pérdida de ADALINE $\mathcal{L}(\mathbf{w}, b) = \frac{1}{2n}\sum_i
# (t_i - z_i)^2$, como número real.

# %%
def loss(w, b, X, T):
    raise NotImplementedError


check_loss(loss, neuron="adaline", lang="es")

# %% [markdown]
# **Ejercicio 3.** Su gradiente $(\nabla_{\mathbf{w}}\mathcal{L}, \partial\mathcal{L}/\partial
# b)$, vectorizado como arriba.

# %%
def gradient(w, b, X, T):
    raise NotImplementedError


check_gradient(gradient, neuron="adaline", lang="es")

# %% [markdown]
# **Ejercicio 4.** Una época *batch* de ADALINE: una sola actualización con todas las
# filas, con los pesos fijos durante la pasada. Devuelva el nuevo `(w, b)`.

# %%
def batch_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(batch_epoch, neuron="adaline", mode="batch", lang="es")
