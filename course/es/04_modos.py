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
# # 4. Los cuatro modos de entrenamiento
#
# *Clase 02, «Modo On-line», «On-line II», «Batch», «minibatch».* Todas las neuronas de la
# clase aprenden con el mismo ciclo: cálculo de la salida, cálculo del error, actualización
# de parámetros. Los modos solo difieren en **qué filas alimentan cada actualización**. Para
# una neurona con salida $\hat y = \mathbf{w}^\top\mathbf{x} + b$ y error $e_i = y_i - \hat
# y_i$:
#
# | modo | una actualización | actualizaciones por época |
# | --- | --- | --- |
# | *online* | $\mathbf{w} \leftarrow \mathbf{w} + \eta\, e_i \mathbf{x}_i$ para $i = 1, \dots, n$ en orden | $n$ |
# | *online II* | lo mismo, con una fila $i$ elegida al azar cada vez | $n$ (a nuestra elección) |
# | *batch* | $\Delta\mathbf{w} = \frac{1}{n}\sum_{i=1}^n e_i \mathbf{x}_i$ con $\mathbf{w}$ fijo, y luego $\mathbf{w} \leftarrow \mathbf{w} + \eta\,\Delta\mathbf{w}$ | 1 |
# | *minibatch* | lo mismo con $k$ filas a la vez | $\lceil n/k \rceil$ |
#
# (e igual para $b$, con $e_i$ en lugar de $e_i\mathbf{x}_i$). En una sola fórmula: un paso
# sobre el conjunto $S$ de filas que elige el modo es
#
# $$\mathbf{w} \leftarrow \mathbf{w} + \eta\, r \sum_{i \in S} e_i\, \mathbf{x}_i, \qquad
# b \leftarrow b + \eta\, r \sum_{i \in S} e_i, \qquad r = 1 \text{ o } \tfrac{1}{|S|}.$$
#
# La clase suma las actualizaciones de un lote; `neurona`, para las neuronas lineales, usa
# por omisión su **promedio** (`reduction="mean"`), con lo que un mismo $\eta$ sirve para
# cualquier tamaño de lote. Entrenamos una regresión lineal en cada modo, desde cero y con
# `neurona.LinearRegression(solver="gd", mode=...)`.

# %%
import matplotlib.pyplot as plt
import numpy as np

import neurona
from neurona.exercises import check_epoch

data = neurona.data.load_dataset("linear")  # y = 2 x1 - 3 x2 + 0.5 x3 + 4 + ruido
X, y = data.X, data.y
n, m = X.shape
ETA, EPOCHS, K, SEED = 0.05, 10, 16, 0
print(X.shape, y[:5])

# %% [markdown]
# ## Desde cero: el pseudocódigo de la clase, modo por modo
#
# Las elecciones al azar (las filas de *online II*, el orden barajado del *minibatch*)
# salen de un único `numpy.random.Generator` con semilla `SEED`, sorteadas época por época
# tal como las sortea `neurona` (`rng.integers(0, n, n)` y `rng.permutation(n)`), de modo
# que ambos dan los mismos números.

# %%
def online(X, y, eta, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in range(len(y)):
            error = y[i] - (X[i] @ w + b)  # salida, error
            w = w + eta * error * X[i]  # actualización
            b = b + eta * error
    return w, b


def online_ii(X, y, eta, epochs, seed):
    rng = np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in rng.integers(0, len(y), size=len(y)):  # elija una fila de D al azar
            error = y[i] - (X[i] @ w + b)
            w = w + eta * error * X[i]
            b = b + eta * error
    return w, b


def batch(X, y, eta, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        delta_w, delta_b = np.zeros_like(w), 0.0
        for i in range(len(y)):
            error = y[i] - (X[i] @ w + b)  # w no cambia durante la pasada
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
            rows = order[start:start + k]  # el último lote conserva las filas que quedan
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
# ## Con `neurona`: una llamada por modo
#
# En `neurona`, *online II* se llama `"random"`.

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
    print(f"{mode:>10}: neurona coincide; "
          f"pérdida de la última época {model.history_['loss'][-1]:.4f}")

# %% [markdown]
# ## Figura: la pérdida después de cada época
#
# Con el mismo $\eta$, *batch* da un paso pequeño por época mientras los demás dan muchos;
# *online* y *online II* oscilan alrededor del mínimo, *minibatch* menos. La línea
# discontinua es el mínimo de mínimos cuadrados (`LinearRegression()` resuelve las
# ecuaciones normales, cuaderno 5).

# %%
best = neurona.LinearRegression().fit(X, y)
best_loss = 0.5 * np.mean((best.predict(X) - y) ** 2)
ax = neurona.plot.learning_curves(runs, logy=True)
ax.axhline(best_loss, color="black", linestyle="--", linewidth=1)
ax.set(xlabel="época", ylabel="pérdida (1/2n) Σ (y - ŷ)²")
plt.show()

# %% [markdown]
# ## Ejercicios
#
# Cada función recibe el `(w, b)` actual, los datos `X`, los objetivos `T` y la tasa `eta`,
# ejecuta **una época** de una neurona lineal (ADALINE: salida $z = \mathbf{w}^\top
# \mathbf{x} + b$, error $t - z$, promedio de las actualizaciones de un paso) y devuelve el
# nuevo `(w, b)`.
#
# **Ejercicio 1.** Modo *online*, filas en orden.

# %%
def online_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(online_epoch, neuron="adaline", mode="online", lang="es")

# %% [markdown]
# **Ejercicio 2.** Modo *batch*: una actualización, con los pesos fijos durante la pasada
# por las filas.

# %%
def batch_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(batch_epoch, neuron="adaline", mode="batch", lang="es")

# %% [markdown]
# **Ejercicio 3.** Modo *minibatch* con `batch_size` filas por actualización, en orden; el
# último lote conserva las filas que sobran.

# %%
def minibatch_epoch(w, b, X, T, eta, batch_size):
    raise NotImplementedError


check_epoch(minibatch_epoch, neuron="adaline", mode="minibatch", batch_size=4, lang="es")

# %% [markdown]
# **Ejercicio 4.** *Online II*: `n` actualizaciones, cada una con una fila sorteada con
# `rng.integers(0, n)`. Se revisa aquí contra `neurona.LinearRegression(mode="random")`,
# cuyo generador sortea `rng.integers(0, n, size=n)` para la época (las mismas filas).

# %%
def online_ii_epoch(w, b, X, T, eta, rng):
    raise NotImplementedError


def check_online_ii(fn):
    """Compara una época de fn con la de neurona, desde pesos cero; nunca falla."""
    reference = neurona.LinearRegression(solver="gd", mode="random", learning_rate=ETA,
                                         epochs=1, random_state=SEED).fit(X, y)
    rows = np.random.default_rng(SEED).integers(0, n, size=n)
    replay = iter(rows)

    class Rows:  # entrega las mismas filas, sorteadas de a una o todas a la vez
        def integers(self, low, high=None, size=None):
            return next(replay) if size is None else np.array([next(replay) for _ in range(size)])

    try:
        w, b = fn(np.zeros(m), 0.0, X, y, ETA, Rows())
    except NotImplementedError:
        print("todavía sin implementar")
        return
    except Exception as exc:  # la función del estudiante puede fallar de cualquier forma
        print(f"su función lanzó {type(exc).__name__}: {exc}")
        return
    if np.allclose(w, reference.coef_) and np.isclose(b, reference.intercept_):
        print("correcto: los mismos pesos que la época online II de neurona")
    else:
        print(f"se esperaba w = {reference.coef_}, b = {reference.intercept_:.6f}; "
              f"se obtuvo w = {w}, b = {b}")


check_online_ii(online_ii_epoch)
