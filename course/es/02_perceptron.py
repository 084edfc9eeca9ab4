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
# # 2. El perceptrón
#
# *Clase 02, «Perceptrón».* El perceptrón de Rosenblatt calcula la entrada neta
#
# $$z^{[i]} = \mathbf{w}^\top \mathbf{x}^{[i]} + b$$
#
# y predice $\hat y^{[i]} = [z^{[i]} > 0]$. Aprende fila por fila, y solo de sus errores.
# La clase escribe la regla de dos maneras:
#
# * **regla del margen** (el pseudocódigo, objetivos $t \in \{-1, +1\}$): si
#   $t^{[i]} z^{[i]} \le 0$ entonces $\mathbf{w} \leftarrow \mathbf{w} + \eta\, t^{[i]}
#   \mathbf{x}^{[i]}$ y $b \leftarrow b + \eta\, t^{[i]}$;
# * **regla del error** (las clases en NumPy y PyTorch, objetivos $y \in \{0, 1\}$):
#   $e = y^{[i]} - \hat y^{[i]}$, $\mathbf{w} \leftarrow \mathbf{w} + \eta\, e\,
#   \mathbf{x}^{[i]}$, $b \leftarrow b + \eta\, e$.
#
# Solo difieren cuando $z = 0$: la regla del margen corrige esa fila sea cual sea su clase;
# la regla del error lee $z = 0$ como clase 0. Entrenamos ambas con iris (setosa contra
# versicolor), desde cero y con `neurona.Perceptron`, y ejecutamos las dos clases de la
# presentación.

# %%
import base64
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML

import neurona
from neurona.data import load_dataset
from neurona.exercises import check_epoch, check_prediction, check_update

# las filas llegan en el orden de la clase (setosa, luego versicolor), a propósito
warnings.simplefilter("ignore", neurona.errors.SortedDataWarning)
iris = load_dataset("iris-2")
X, labels = iris.X, iris.y  # largo del sépalo y del pétalo (cm); "setosa" o "versicolor"
y01 = (labels == "versicolor").astype(np.float64)  # objetivos {0, 1}
ypm = 2.0 * y01 - 1.0  # objetivos {-1, +1}
print(X.shape, iris.feature_names, np.unique(labels))

# %% [markdown]
# ## Desde cero: las dos reglas
#
# Veinte épocas sobre las filas en orden, partiendo de $\mathbf{w} = 0$, $b = 0$, con
# $\eta = 1$.

# %%
EPOCHS, ETA = 20, 1.0


def train_margin(X, t, epochs, eta):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in range(X.shape[0]):
            if t[i] * (X[i] @ w + b) <= 0:  # mal clasificada, o sobre la recta
                w = w + eta * t[i] * X[i]
                b = b + eta * t[i]
    return w, b


def train_error(X, y, epochs, eta):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in range(X.shape[0]):
            y_hat = float(X[i] @ w + b > 0)
            error = y[i] - y_hat  # -1, 0 o +1
            w = w + eta * error * X[i]
            b = b + eta * error
    return w, b


w_margin, b_margin = train_margin(X, ypm, EPOCHS, ETA)
w_error, b_error = train_error(X, y01, EPOCHS, ETA)
print("regla del margen:", w_margin, b_margin)
print("regla del error: ", w_error, b_error)

# %% [markdown]
# ## Con `neurona`: una llamada para cada regla
#
# `neurona.Perceptron` acepta las etiquetas tal como vienen (aquí, cadenas de texto) y se
# detiene antes si una época entera no hace ninguna actualización, pues después ya nada
# puede cambiar.

# %%
models = {
    rule: neurona.Perceptron(rule=rule, epochs=EPOCHS, learning_rate=ETA).fit(X, labels)
    for rule in ("margin", "error")
}
for rule, model in models.items():
    print(rule, model.coef_, model.intercept_, "épocas ejecutadas:", model.n_iter_,
          "actualizaciones por época:", model.history_["updates"])

np.testing.assert_allclose(models["margin"].coef_[0], w_margin)
np.testing.assert_allclose(models["margin"].intercept_[0], b_margin)
np.testing.assert_allclose(models["error"].coef_[0], w_error)
np.testing.assert_allclose(models["error"].intercept_[0], b_error)
print("ciclos desde cero == neurona.Perceptron, con ambas reglas")

# %% [markdown]
# Los datos son linealmente separables, así que el teorema de Novikoff acota el número de
# actualizaciones por $(R/\gamma)^2$, con $R$ el radio de las filas $(\mathbf{x}, 1)$ y
# $\gamma$ el mejor margen:

# %%
sep = neurona.check_separability(X, labels)
updates = sum(models["margin"].history_["updates"])
print(f"separables: {sep.separable}; actualizaciones: {updates}; "
      f"cota (R/γ)²: {sep.mistake_bound:.0f}")
assert updates <= sep.mistake_bound

# %% [markdown]
# ## La clase en NumPy de la presentación
#
# Tal como aparece en la clase, salvo `np.float`, que NumPy eliminó en la versión 1.24:
# aquí es `np.float64`.

# %%
class Perceptron:
    def __init__(self, num_features):
        self.num_features = num_features
        self.weights = np.zeros((num_features, 1), dtype=np.float64)
        self.bias = np.zeros(1, dtype=np.float64)

    def forward(self, x):
        linear = np.dot(x, self.weights) + self.bias
        predictions = np.where(linear > 0., 1, 0)
        return predictions

    def backward(self, x, y):
        predictions = self.forward(x)
        errors = y - predictions
        return errors

    def train(self, x, y, epochs):
        for e in range(epochs):
            for i in range(y.shape[0]):
                errors = self.backward(x[i].reshape(1, self.num_features), y[i]).reshape(-1)
                self.weights += (errors * x[i]).reshape(self.num_features, 1)
                self.bias += errors

    def evaluate(self, x, y):
        predictions = self.forward(x).reshape(-1)
        accuracy = np.sum(predictions == y) / y.shape[0]
        return accuracy


lecture_np = Perceptron(num_features=2)
lecture_np.train(X, y01, epochs=EPOCHS)
print(lecture_np.weights.ravel(), lecture_np.bias, lecture_np.evaluate(X, y01))
# la clase de la presentación es la regla del error con η = 1
np.testing.assert_allclose(lecture_np.weights.ravel(), models["error"].coef_[0])
np.testing.assert_allclose(lecture_np.bias, models["error"].intercept_)

# %% [markdown]
# ## La clase en PyTorch de la presentación
#
# La misma clase con tensores (float32). Si PyTorch no está instalado, esta celda lo
# avisa y no hace nada más.

# %%
try:
    import torch
except ImportError:
    torch = None
    print("PyTorch no está instalado: se omite la clase en PyTorch "
          "(pip install 'neurona[torch]').")

if torch is not None:
    device = torch.device("cpu")

    class TorchPerceptron:
        def __init__(self, num_features):
            self.num_features = num_features
            self.weights = torch.zeros(num_features, 1, dtype=torch.float32, device=device)
            self.bias = torch.zeros(1, dtype=torch.float32, device=device)
            # vectores de relleno, para no tener que crearlos cada vez
            self.ones = torch.ones(1)
            self.zeros = torch.zeros(1)

        def forward(self, x):
            linear = torch.add(torch.mm(x, self.weights), self.bias)
            predictions = torch.where(linear > 0., self.ones, self.zeros)
            return predictions

        def backward(self, x, y):
            predictions = self.forward(x)
            errors = y - predictions
            return errors

        def train(self, x, y, epochs):
            for e in range(epochs):
                for i in range(y.shape[0]):
                    # view, porque backward espera una matriz (es decir, un tensor 2D)
                    errors = self.backward(x[i].reshape(1, self.num_features), y[i]).view(-1)
                    self.weights += (errors * x[i]).reshape(self.num_features, 1)
                    self.bias += errors

        def evaluate(self, x, y):
            predictions = self.forward(x).reshape(-1)
            accuracy = torch.sum(predictions == y).float() / y.shape[0]
            return accuracy

    X_t = torch.tensor(X, dtype=torch.float32, device=device)
    y_t = torch.tensor(y01, dtype=torch.float32, device=device)
    lecture_torch = TorchPerceptron(num_features=2)
    lecture_torch.train(X_t, y_t, epochs=EPOCHS)
    print(lecture_torch.weights.view(-1), lecture_torch.bias, lecture_torch.evaluate(X_t, y_t))
    # sumas en float32: iguales a los pesos en float64 salvo redondeo
    np.testing.assert_allclose(lecture_torch.weights.numpy().ravel(), models["error"].coef_[0],
                               rtol=1e-5)
    np.testing.assert_allclose(lecture_torch.bias.numpy(), models["error"].intercept_,
                               rtol=1e-5)

# %% [markdown]
# ## Figuras: las fronteras, las actualizaciones y una animación

# %%
fig, axes = plt.subplots(1, 3, figsize=(13, 3.6), layout="constrained")
for ax, (rule, model) in zip(axes, models.items(), strict=False):
    neurona.plot.decision_regions(model, X, labels, ax=ax, feature_names=iris.feature_names,
                                  resolution=150)
    ax.set_title(f"regla = {rule}")
neurona.plot.learning_curves({f"regla = {r}": m for r, m in models.items()}, metric="updates",
                             ax=axes[2])
axes[2].set(xlabel="época", ylabel="actualizaciones en la época")
plt.show()

# %% [markdown]
# `neurona.plot.animate_training` registra los pesos después de cada actualización (cada
# error) y dibuja la recta en movimiento:

# %%
animation = neurona.plot.animate_training(
    neurona.Perceptron(epochs=EPOCHS), X, labels, "perceptron.gif",
    feature_names=iris.feature_names, fps=3, dpi=50, max_frames=25, resolution=60,
)
print(f"{animation.trace.n_frames - 1} actualizaciones, {len(animation.frames)} cuadros")
gif = base64.b64encode(Path(animation.path).read_bytes()).decode("ascii")
HTML(f'<img src="data:image/gif;base64,{gif}">')

# %% [markdown]
# ## Ejercicios
#
# Reemplace cada `raise NotImplementedError` por su código y ejecute la celda: el
# verificador entrena su función junto a la referencia con datos pequeños y semilla fija, y
# le dice la primera actualización en la que se separan, con una pista. Sin resolver, solo
# lo avisa.
#
# **Ejercicio 1.** La predicción $\hat y = [\mathbf{X}\mathbf{w} + b > 0]$ para todas las
# filas a la vez (0/1).

# %%
def predict(X, w, b):
    raise NotImplementedError


check_prediction(predict, neuron="perceptron", lang="es")

# %% [markdown]
# **Ejercicio 2.** Una actualización de la **regla del error** con una fila `x` de objetivo
# `t` en {0, 1}: devuelva el nuevo `(w, b)`.

# %%
def update_error_rule(w, b, x, t, eta):
    raise NotImplementedError


check_update(update_error_rule, neuron="perceptron", rule="error", lang="es")

# %% [markdown]
# **Ejercicio 3.** Una actualización de la **regla del margen** con una fila `x` de objetivo
# `t` en {-1, +1}. Cuidado con $z = 0$.

# %%
def update_margin_rule(w, b, x, t, eta):
    raise NotImplementedError


check_update(update_margin_rule, neuron="perceptron", rule="margin", lang="es")

# %% [markdown]
# **Ejercicio 4.** Una época completa de la regla del error en modo *online*: recorra las
# filas de `X` en orden y actualice después de cada una (objetivos `T` en {0, 1}); devuelva
# el `(w, b)` final.

# %%
def online_epoch(w, b, X, T, eta):
    raise NotImplementedError


check_epoch(online_epoch, neuron="perceptron", rule="error", mode="online", lang="es")
