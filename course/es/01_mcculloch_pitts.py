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
# # 1. La neurona de McCulloch–Pitts y las compuertas lógicas
#
# *Clase 02, «Modelo de Neurona de McCulloch Pitts».* McCulloch y Pitts (1943) modelaron
# una neurona como una unidad que lee entradas binarias $x \in \{0, 1\}^n$ y se **activa**
# cuando la suma ponderada de sus entradas alcanza un umbral $\theta$:
#
# $$\text{out}(\mathbf{x}) = \big[\, \mathbf{w} \cdot \mathbf{x} \ge \theta \,\big] \in \{0, 1\}.$$
#
# En este cuaderno escribimos esa unidad desde cero, construimos las compuertas de la clase
# (AND, OR, NOT), las comparamos con `neurona.logic`, vemos por qué **ninguna unidad sola
# calcula XOR** y construimos XOR con **dos capas**.

# %%
import itertools

import matplotlib.pyplot as plt
import numpy as np

from neurona import logic
from neurona.exercises import check_prediction
from neurona.plot import boundary_segment

# %% [markdown]
# ## Una unidad desde cero
#
# Todo el modelo cabe en una línea: un producto punto y una comparación.

# %%
def unit(x, w, theta):
    """1 si w · x >= theta; si no, 0."""
    return int(np.dot(w, x) >= theta)


def table(w, theta):
    """La tabla de verdad de una unidad: una salida por patrón de entrada, en orden binario."""
    n = len(w)
    return [unit(x, w, theta) for x in itertools.product((0, 1), repeat=n)]


# las tres compuertas de la clase, con pesos enteros
AND_w, AND_theta = (1, 1), 2
OR_w, OR_theta = (1, 1), 1
NOT_w, NOT_theta = (-1,), 0

for name, (w, theta) in {"AND": (AND_w, AND_theta), "OR": (OR_w, OR_theta),
                         "NOT": (NOT_w, NOT_theta)}.items():
    print(name, table(w, theta))

# %% [markdown]
# ## Lo mismo con `neurona`
#
# `neurona.logic` contiene las mismas unidades (`logic.AND`, `logic.OR`, `logic.NOT`, además
# de `NAND` y `NOR`) e imprime sus tablas de verdad como en la clase.

# %%
print(logic.format_table(logic.truth_table(logic.AND, 2)))

# %% [markdown]
# Las dos implementaciones deben coincidir en cada fila de cada tabla:

# %%
for name, (w, theta) in {"AND": (AND_w, AND_theta), "OR": (OR_w, OR_theta),
                         "NOT": (NOT_w, NOT_theta)}.items():
    gate = getattr(logic, name)
    ours = table(w, theta)
    theirs = [row[-1] for row in logic.truth_table(gate, gate.n_inputs)]
    np.testing.assert_array_equal(ours, theirs)
print("nuestras unidades coinciden con neurona.logic en AND, OR y NOT")

# %% [markdown]
# ## La forma de 1943: entradas excitadoras e inhibidoras
#
# En el artículo original, una entrada **inhibidora** activa silencia la unidad, digan lo
# que digan las demás entradas. NOT es una unidad con una entrada inhibidora y umbral 0:

# %%
NOT_1943 = logic.McCullochPitts(excitatory=(), inhibitory=(0,), threshold=0)
print([NOT_1943([x]) for x in (0, 1)], "como unidad con pesos:", NOT_1943.as_unit())

# %% [markdown]
# ## XOR: imposible para una sola unidad
#
# XOR vale 1 exactamente cuando sus dos entradas son distintas. Una búsqueda exhaustiva
# entre pesos y umbrales enteros pequeños no encuentra ninguna unidad:

# %%
XOR_outputs = [0, 1, 1, 0]
found = [
    (w1, w2, theta)
    for w1, w2, theta in itertools.product(range(-3, 4), repeat=3)
    if table((w1, w2), theta) == XOR_outputs
]
print("unidades halladas para XOR entre", 7**3, "candidatas:", found)

# %% [markdown]
# Buscar entre enteros pequeños no demuestra nada sobre pesos reales. El argumento que sí lo
# demuestra: las entradas 01 y 10 (salida 1) y las entradas 00 y 11 (salida 0) tienen **el
# mismo punto medio** $(\tfrac12, \tfrac12)$, y $\mathbf{w}\cdot\mathbf{x}$ es lineal, así
# que su promedio sobre cada pareja es el mismo número. No puede ser $\ge \theta$ en los dos
# puntos de una pareja y $< \theta$ en los dos puntos de la otra.
# `neurona.logic.find_unit` lo decide para cualquier función booleana mediante programación
# lineal, y `why_no_unit` enuncia la prueba (en inglés):

# %%
print(logic.find_unit(XOR_outputs))
print(logic.why_no_unit(XOR_outputs).statement())
assert found == []  # ambos dicen: no hay unidad
assert logic.find_unit(XOR_outputs) is None

# %% [markdown]
# ## XOR con dos capas
#
# $\text{XOR}(\mathbf{x}) = \text{AND}(\text{OR}(\mathbf{x}), \text{NAND}(\mathbf{x}))$:
# la primera capa traza dos rectas y la segunda se queda con la franja entre ellas.

# %%
def xor_two_layers(x):
    h1 = unit(x, (1, 1), 1)  # OR
    h2 = unit(x, (-1, -1), -1)  # NAND
    return unit((h1, h2), (1, 1), 2)  # AND de las unidades ocultas


patterns = list(itertools.product((0, 1), repeat=2))
ours = [xor_two_layers(x) for x in patterns]
theirs = [logic.XOR(x) for x in patterns]  # neurona: Network(((OR, NAND), (AND,)))
np.testing.assert_array_equal(ours, theirs)
np.testing.assert_array_equal(ours, XOR_outputs)
print("XOR:", ours)

# %% [markdown]
# ## Figura: las rectas de las unidades
#
# Cada unidad divide el plano con la recta $\mathbf{w}\cdot\mathbf{x} = \theta - \tfrac12$
# (a medio camino entre las sumas que la activan y las demás). XOR necesita dos rectas.

# %%
fig, axes = plt.subplots(1, 3, figsize=(9, 3.2), layout="constrained")
X = np.array(patterns, dtype=float)
for ax, name in zip(axes, ("AND", "OR", "XOR"), strict=True):
    out = np.array([logic.XOR(x) if name == "XOR" else getattr(logic, name)(x) for x in X])
    units = [logic.OR, logic.NAND] if name == "XOR" else [getattr(logic, name)]
    for u in units:
        segment = boundary_segment(u.weights, 0.5 - u.threshold, (-0.5, 1.5), (-0.5, 1.5))
        ax.plot(*zip(*segment, strict=True), "k--", linewidth=1)
    for k, color in ((0, "tab:blue"), (1, "tab:orange")):
        ax.scatter(*X[out == k].T, s=120, color=color, edgecolor="black", label=f"salida = {k}")
    ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), title=name, xlabel="$x_1$", ylabel="$x_2$")
    ax.set_aspect("equal")
axes[0].legend(loc="upper left", fontsize=8)
plt.show()

# %% [markdown]
# ## Ejercicios
#
# Cada ejercicio es una función que lanza `NotImplementedError`; reemplace su cuerpo por su
# respuesta y ejecute la celda, que la revisa y dice qué está mal. Mientras no lo resuelva,
# la revisión solo dice que falta implementarla, así que el cuaderno se ejecuta igual.
#
# Una pequeña función auxiliar compara una tabla de verdad con la esperada, para los
# ejercicios 1 a 3:


# %%
def check_table(fn, expected, n_inputs=2):
    """Compara fn(x) con las salidas esperadas en cada patrón de entrada; nunca falla."""
    try:
        got = [int(fn(x)) for x in itertools.product((0, 1), repeat=n_inputs)]
    except NotImplementedError:
        print("todavía sin implementar")
        return
    except Exception as exc:  # la función del estudiante puede fallar de cualquier forma
        print(f"su función lanzó {type(exc).__name__}: {exc}")
        return
    if got == list(expected):
        print("correcto:", got)
    else:
        print(f"se esperaba {list(expected)}, se obtuvo {got}")


# %% [markdown]
# **Ejercicio 1.** Dé pesos y umbral de una sola unidad que calcule NOR (1 solo cuando
# ambas entradas valen 0).

# %%
def nor_unit():
    """Devuelve (w, theta) tales que unit(x, w, theta) es NOR."""
    raise NotImplementedError


check_table(lambda x: unit(x, *nor_unit()), [1, 0, 0, 0])

# %% [markdown]
# **Ejercicio 2.** La mayoría de tres entradas (1 cuando al menos dos valen 1) es una sola
# unidad. Encuentre sus pesos y su umbral.

# %%
def majority_unit():
    """Devuelve (w, theta) para una unidad de mayoría con 3 entradas."""
    raise NotImplementedError


check_table(lambda x: unit(x, *majority_unit()), [0, 0, 0, 1, 0, 1, 1, 1], n_inputs=3)

# %% [markdown]
# **Ejercicio 3.** XNOR (1 cuando las entradas son iguales) tampoco es posible con una sola
# unidad. Constrúyala con dos capas de unidades, como XOR arriba.

# %%
def xnor_two_layers(x):
    """XNOR de x = (x1, x2), usando solo llamadas a unit(...)."""
    raise NotImplementedError


check_table(xnor_two_layers, [1, 0, 0, 1])

# %% [markdown]
# **Ejercicio 4.** Vectorice la unidad: calcule las salidas de todas las filas de una matriz
# `X` a la vez. Con el sesgo $b = -\theta$, la unidad se activa cuando
# $\mathbf{w}\cdot\mathbf{x} + b$ es positivo; es la predicción del perceptrón del
# siguiente cuaderno, $\hat y = [\mathbf{X}\mathbf{w} + b > 0]$, devuelta como 0/1.

# %%
def predict(X, w, b):
    """Predicciones 0/1 [X @ w + b > 0] para cada fila de X."""
    raise NotImplementedError


check_prediction(predict, neuron="perceptron", lang="es")
