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
# # 1. The McCulloch–Pitts neuron and logic gates
#
# *Lecture 02, "Modelo de Neurona de McCulloch Pitts".* McCulloch and Pitts (1943) modelled
# a neuron as a unit that reads binary inputs $x \in \{0, 1\}^n$ and **fires** when the
# weighted sum of its inputs reaches a threshold $\theta$:
#
# $$\text{out}(\mathbf{x}) = \big[\, \mathbf{w} \cdot \mathbf{x} \ge \theta \,\big] \in \{0, 1\}.$$
#
# In this notebook we write such a unit from scratch, build the lecture's gates (AND, OR,
# NOT), check them against `neurona.logic`, see why **no single unit computes XOR**, and
# build XOR with **two layers**.

# %%
import itertools

import matplotlib.pyplot as plt
import numpy as np

from neurona import logic
from neurona.exercises import check_prediction
from neurona.plot import boundary_segment

# %% [markdown]
# ## A unit from scratch
#
# The whole model is one line: a dot product and a comparison.

# %%
def unit(x, w, theta):
    """1 if w · x >= theta, else 0."""
    return int(np.dot(w, x) >= theta)


def table(w, theta):
    """The truth table of a unit: one output per input pattern, in binary counting order."""
    n = len(w)
    return [unit(x, w, theta) for x in itertools.product((0, 1), repeat=n)]


# the lecture's three gates, with whole-number weights
AND_w, AND_theta = (1, 1), 2
OR_w, OR_theta = (1, 1), 1
NOT_w, NOT_theta = (-1,), 0

for name, (w, theta) in {"AND": (AND_w, AND_theta), "OR": (OR_w, OR_theta),
                         "NOT": (NOT_w, NOT_theta)}.items():
    print(name, table(w, theta))

# %% [markdown]
# ## The same with `neurona`
#
# `neurona.logic` holds the same units (`logic.AND`, `logic.OR`, `logic.NOT`, plus `NAND`
# and `NOR`) and prints their truth tables as the lecture does.

# %%
print(logic.format_table(logic.truth_table(logic.AND, 2)))

# %% [markdown]
# The two implementations must agree on every row of every table:

# %%
for name, (w, theta) in {"AND": (AND_w, AND_theta), "OR": (OR_w, OR_theta),
                         "NOT": (NOT_w, NOT_theta)}.items():
    gate = getattr(logic, name)
    ours = table(w, theta)
    theirs = [row[-1] for row in logic.truth_table(gate, gate.n_inputs)]
    np.testing.assert_array_equal(ours, theirs)
print("our units agree with neurona.logic on AND, OR and NOT")

# %% [markdown]
# ## The 1943 form: excitatory and inhibitory inputs
#
# In the original paper an active **inhibitory** input silences the unit whatever the other
# inputs say. NOT is a unit with one inhibitory input and threshold 0:

# %%
NOT_1943 = logic.McCullochPitts(excitatory=(), inhibitory=(0,), threshold=0)
print([NOT_1943([x]) for x in (0, 1)], "as a weighted unit:", NOT_1943.as_unit())

# %% [markdown]
# ## XOR: impossible for one unit
#
# XOR outputs 1 exactly when its two inputs differ. A brute-force search over small
# whole-number weights and thresholds finds no unit:

# %%
XOR_outputs = [0, 1, 1, 0]
found = [
    (w1, w2, theta)
    for w1, w2, theta in itertools.product(range(-3, 4), repeat=3)
    if table((w1, w2), theta) == XOR_outputs
]
print("units found for XOR among", 7**3, "candidates:", found)

# %% [markdown]
# A search over small integers proves nothing about real weights. The argument that does:
# the inputs 01 and 10 (output 1) and the inputs 00 and 11 (output 0) have **the same
# average point** $(\tfrac12, \tfrac12)$, and $\mathbf{w}\cdot\mathbf{x}$ is linear, so its
# average over each pair is the same number. It cannot be $\ge \theta$ on both points of one
# pair and $< \theta$ on both points of the other. `neurona.logic.find_unit` decides this
# for any Boolean function by linear programming and `why_no_unit` states the proof:

# %%
print(logic.find_unit(XOR_outputs))
print(logic.why_no_unit(XOR_outputs).statement())
assert found == []  # both say: no unit
assert logic.find_unit(XOR_outputs) is None

# %% [markdown]
# ## XOR with two layers
#
# $\text{XOR}(\mathbf{x}) = \text{AND}(\text{OR}(\mathbf{x}), \text{NAND}(\mathbf{x}))$:
# the first layer draws two lines, the second keeps the strip between them.

# %%
def xor_two_layers(x):
    h1 = unit(x, (1, 1), 1)  # OR
    h2 = unit(x, (-1, -1), -1)  # NAND
    return unit((h1, h2), (1, 1), 2)  # AND of the hidden units


patterns = list(itertools.product((0, 1), repeat=2))
ours = [xor_two_layers(x) for x in patterns]
theirs = [logic.XOR(x) for x in patterns]  # neurona: Network(((OR, NAND), (AND,)))
np.testing.assert_array_equal(ours, theirs)
np.testing.assert_array_equal(ours, XOR_outputs)
print("XOR:", ours)

# %% [markdown]
# ## Figure: the lines of the units
#
# Each unit splits the plane by the line $\mathbf{w}\cdot\mathbf{x} = \theta - \tfrac12$
# (halfway between the sums that fire and the rest). XOR needs two lines.

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
        ax.scatter(*X[out == k].T, s=120, color=color, edgecolor="black", label=f"output = {k}")
    ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), title=name, xlabel="$x_1$", ylabel="$x_2$")
    ax.set_aspect("equal")
axes[0].legend(loc="upper left", fontsize=8)
plt.show()

# %% [markdown]
# ## Exercises
#
# Each exercise is a function that raises `NotImplementedError`; replace its body with your
# answer and run the cell below it, which checks it and says what is wrong. Until you solve
# it the check just says it is not implemented yet, so the notebook runs either way.
#
# A small helper compares a truth table with the expected one, for exercises 1–3:


# %%
def check_table(fn, expected, n_inputs=2):
    """Compare fn(x) with the expected outputs on every input pattern; never raises."""
    try:
        got = [int(fn(x)) for x in itertools.product((0, 1), repeat=n_inputs)]
    except NotImplementedError:
        print("not implemented yet")
        return
    except Exception as exc:  # the student's function may fail in any way
        print(f"your function raised {type(exc).__name__}: {exc}")
        return
    if got == list(expected):
        print("correct:", got)
    else:
        print(f"expected {list(expected)}, got {got}")


# %% [markdown]
# **Exercise 1.** Give weights and a threshold for a single unit computing NOR
# (1 only when both inputs are 0).

# %%
def nor_unit():
    """Return (w, theta) such that unit(x, w, theta) is NOR."""
    raise NotImplementedError


check_table(lambda x: unit(x, *nor_unit()), [1, 0, 0, 0])

# %% [markdown]
# **Exercise 2.** The majority of three inputs (1 when at least two are 1) is one unit.
# Find its weights and threshold.

# %%
def majority_unit():
    """Return (w, theta) for a 3-input majority unit."""
    raise NotImplementedError


check_table(lambda x: unit(x, *majority_unit()), [0, 0, 0, 1, 0, 1, 1, 1], n_inputs=3)

# %% [markdown]
# **Exercise 3.** XNOR (1 when the inputs are equal) is impossible for one unit too. Build it
# with two layers of units, as XOR above.

# %%
def xnor_two_layers(x):
    """XNOR of x = (x1, x2), using only unit(...) calls."""
    raise NotImplementedError


check_table(xnor_two_layers, [1, 0, 0, 1])

# %% [markdown]
# **Exercise 4.** Vectorize the unit: compute the outputs of all rows of a matrix `X` at
# once. With the bias $b = -\theta$, the unit fires when $\mathbf{w}\cdot\mathbf{x} + b$ is
# positive; this is the perceptron's prediction of the next notebook,
# $\hat y = [\mathbf{X}\mathbf{w} + b > 0]$, returned as 0/1.

# %%
def predict(X, w, b):
    """0/1 predictions [X @ w + b > 0] for every row of X."""
    raise NotImplementedError


check_prediction(predict, neuron="perceptron", lang="en")
