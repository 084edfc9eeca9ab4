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
# # 7. ADALINE (Widrow y Hoff, 1960)
#
# *Clase 02, «ADALINE de Widrow y Hoff».* Un modelo de neurona bien diferenciable: ADALINE
# clasifica como el perceptrón, $\hat y = [z > 0]$ con $z = \mathbf{w}^\top\mathbf{x} + b$,
# pero **aprende de $z$ mismo** (durante el entrenamiento la activación es la identidad),
# por gradiente descendente sobre el error cuadrático contra objetivos $t \in \{-1, +1\}$:
#
# $$\mathcal{L}(\mathbf{w}, b) = \frac{1}{2n}\sum_{i=1}^n (t_i - z_i)^2, \qquad
# \mathbf{w} \leftarrow \mathbf{w} + \eta\,(t_i - z_i)\,\mathbf{x}_i, \quad
# b \leftarrow b + \eta\,(t_i - z_i).$$
#
# Es el gradiente descendente estocástico de la clase: «parece casi el mismo de la regla
# del perceptrón, exceptuando que la predicción es un número real y se tiene una tasa de
# aprendizaje». A diferencia del perceptrón, sigue aprendiendo de las filas que ya clasifica
# bien, y converge aunque las clases no sean separables.

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

# las filas llegan en el orden de la clase (setosa, luego versicolor), a propósito
warnings.simplefilter("ignore", neurona.errors.SortedDataWarning)
iris = neurona.data.load_dataset("iris-2")
X = (iris.X - iris.X.mean(axis=0)) / iris.X.std(axis=0)  # estandarizadas: un η sirve para ambas
labels = iris.y
t = np.where(labels == "versicolor", 1.0, -1.0)  # objetivos ±1
print(X.shape, iris.feature_names)

# %% [markdown]
# ## Desde cero: *online* (SGD) y *batch*

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
        error = t - (X @ w + b)  # todas las filas con los mismos pesos
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
# ## Con `neurona.Adaline`

# %%
online = neurona.Adaline(mode="online", learning_rate=0.01, epochs=EPOCHS).fit(X, labels)
batch = neurona.Adaline(mode="batch", learning_rate=0.5, epochs=EPOCHS).fit(X, labels)
closed = neurona.Adaline(solver="normal").fit(X, labels)  # el mínimo de mínimos cuadrados
np.testing.assert_allclose(online.coef_[0], w_online, rtol=1e-10, atol=1e-12)
np.testing.assert_allclose(online.intercept_[0], b_online, rtol=1e-10, atol=1e-12)
np.testing.assert_allclose(batch.coef_[0], w_batch, rtol=1e-10, atol=1e-12)
np.testing.assert_allclose(batch.intercept_[0], b_batch, rtol=1e-10, atol=1e-12)
A = np.hstack([X, np.ones((len(t), 1))])
least_squares = np.linalg.lstsq(A, t, rcond=None)[0]
np.testing.assert_allclose(closed.coef_[0], least_squares[:-1], atol=1e-10)
np.testing.assert_allclose(closed.intercept_[0], least_squares[-1], atol=1e-10)
for name, model in {"online": online, "batch": batch, "ecuaciones normales": closed}.items():
    print(f"{name:>19}: w = {model.coef_[0].round(4)}, b = {model.intercept_[0]:+.4f}, "
          f"exactitud {model.score(X, labels):.2f}")

# %% [markdown]
# ## ADALINE junto al perceptrón
#
# Ambos predicen $[z > 0]$, pero aprenden de forma distinta. El perceptrón se detiene en la
# primera recta que separa los datos; ADALINE sigue avanzando hacia la recta de mínimos
# cuadrados, que queda entre las clases.

# %%
perceptron = neurona.Perceptron(epochs=EPOCHS).fit(X, labels)
fig, axes = plt.subplots(1, 3, figsize=(14, 3.8), layout="constrained")
neurona.plot.decision_regions(perceptron, X, labels, ax=axes[0], resolution=120,
                              feature_names=iris.feature_names)
axes[0].set_title("perceptrón")
neurona.plot.decision_regions(online, X, labels, ax=axes[1], resolution=120,
                              feature_names=iris.feature_names)
axes[1].set_title("ADALINE (online)")
neurona.plot.learning_curves({"online, η = 0.01": online, "batch, η = 0.5": batch},
                             ax=axes[2], logy=True)
axes[2].set(xlabel="época", ylabel="pérdida (1/2n) Σ (t - z)²")
plt.show()

# %% [markdown]
# La recta después de cada época del entrenamiento *online*:

# %%
animation = neurona.plot.animate_training(
    neurona.Adaline(mode="online", learning_rate=0.01, epochs=12), X, labels, "adaline.gif",
    per="epoch", feature_names=iris.feature_names, fps=3, dpi=50, resolution=60,
)
gif = base64.b64encode(Path(animation.path).read_bytes()).decode("ascii")
HTML(f'<img src="data:image/gif;base64,{gif}">')

# %% [markdown]
# ## Ejercicios
#
# Los verificadores ejecutan su función junto a la referencia, actualización por
# actualización, con datos pequeños de semilla fija y objetivos ±1, e informan el primer
# lugar donde difieren.
#
# **Ejercicio 1.** La clase que predice ADALINE para cada fila, en sus objetivos: $+1$
# donde $z > 0$ y $-1$ en otro caso.

# %%
def predict(X, w, b):
    raise NotImplementedError


check_prediction(predict, neuron="adaline", lang="es")

# %% [markdown]
# **Ejercicio 2.** La pérdida $\frac{1}{2n}\sum_i (t_i - z_i)^2$.

# %%
def loss(w, b, X, T):
    raise NotImplementedError


check_loss(loss, neuron="adaline", lang="es")

# %% [markdown]
# **Ejercicio 3.** Su gradiente `(grad_w, grad_b)`.

# %%
def gradient(w, b, X, T):
    raise NotImplementedError


check_gradient(gradient, neuron="adaline", lang="es")

# %% [markdown]
# **Ejercicio 4.** Una actualización de Widrow–Hoff con la fila `x` de objetivo `t`.

# %%
def update(w, b, x, t, eta):
    raise NotImplementedError


check_update(update, neuron="adaline", lang="es")

# %% [markdown]
# **Ejercicio 5.** Una época *online* completa sobre las filas de `X`, en orden.

# %%
def online_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(online_epoch, neuron="adaline", mode="online", lang="es")
