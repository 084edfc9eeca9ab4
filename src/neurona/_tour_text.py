"""The words of ``neurona tour``, in English and in Spanish (the lecture's own section names).

Each language maps a key to a string; ``{name}`` fields are filled by :mod:`neurona.tour`.
Spanish section titles are the lecture's slide titles, verbatim, except the one slide
titled in English (ADALINE's), translated so that the Spanish tour has no English sentence.
Words that reach tables and figures (rule names, feature names, method names, legends)
are here too.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "TEXT"]

LANGUAGES = ("en", "es")

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "page_title": "neurona — a tour of lecture 02: single-layer networks",
        "intro": (
            "Every section of the lecture, run on this machine by neurona {version}: the "
            "figures, tables and timings below were computed while this page was written."
        ),
        "machine": "Machine",
        "epoch_axis": "epoch",
        "contents": "Contents",
        "missing": (
            "This section needs <code>{module}</code>, which this installation of neurona "
            "does not have; it was skipped."
        ),
        "timings": "Time per section",
        "total": "total",
        "seconds": "seconds",
        "section": "section",
        "quick": "Quick mode: smaller sizes and fewer epochs than the full tour.",
        # --- McCulloch–Pitts
        "gates": "McCulloch–Pitts neuron model",
        "gates_intro": (
            "McCulloch and Pitts (1943): a unit fires (outputs 1) when the weighted sum of its "
            "binary inputs reaches a threshold, w·x ≥ θ. One unit computes AND, OR and NOT, the "
            "lecture's tables; XOR needs two layers."
        ),
        "gates_found": "Units found by linear programming (smallest whole-number weights):",
        "gate": "gate",
        "outputs": "outputs at 00, 01, 10, 11",
        "unit": "unit",
        "no_unit": "none: not linearly separable",
        "xor_two_layers": "XOR = AND(OR(x), NAND(x)): two layers",
        "why_xor": "Why no single unit computes XOR:",
        "gates_fig": (
            "Each gate's inputs, coloured by output, and the unit's line w·x = θ − ½ "
            "(XOR: the lines of its two hidden units, OR and NAND)."
        ),
        # --- Perceptron
        "rosenblatt": "Perceptron",
        "perceptron_intro": (
            "Rosenblatt's perceptron on Fisher's iris, setosa against versicolor, on sepal "
            "length and petal length (the lecture's pseudo-code: w = 0, then for each row with "
            "y(w·x) ≤ 0, w ← w + y x). Both rules: the pseudo-code's margin rule and the error "
            "rule of the lecture's NumPy/PyTorch class."
        ),
        "separable": (
            "The two classes are linearly separable: margin γ = {margin:.4g}, radius "
            "R = {radius:.4g}, so Novikoff's theorem allows at most (R/γ)² = {bound:,.0f} "
            "updates; the margin rule made {updates}."
        ),
        "rule": "rule",
        "epochs": "epochs",
        "updates_per_epoch": "updates per epoch",
        "weights": "weights w",
        "bias": "bias b",
        "accuracy": "training accuracy",
        "regions_fig": "Decision regions after training, one panel per rule.",
        "updates_fig": "Updates (mistakes) per epoch: both rules stop once an epoch is clean.",
        "animation": (
            "The boundary moving, one frame per update ({frames} frames). The last frame is "
            "the fitted model: w = {w}, b = {b} (coef_ and intercept_: {same})."
        ),
        "same_yes": "identical",
        "same_no": "DIFFERENT",
        # --- Vectorization
        "vectorization": "Vectorization",
        "vectorization_intro": (
            "The lecture times z = Σ xᵢwᵢ by a for loop (38.9 ms), a generator (29.7 ms) and "
            "NumPy (46.8 µs). Here are the same methods on this machine, and one perceptron "
            "epoch by the lecture's class against neurona's backends. Medians over runs; the "
            "error bars are the spread; the label is the speed-up over the first method."
        ),
        "dot_caption": "Dot product of two vectors of {n:,} numbers.",
        "epoch_caption": "One perceptron epoch over {n:,} rows and {m} features.",
        "method": "method",
        "median": "median",
        "spread": "spread",
        "speedup": "speed-up",
        "blas": "BLAS: {blas}.",
        "blas_env": (
            "Note: {vars} set in this environment; these variables can slow NumPy's BLAS."
        ),
        "noisy": "Timings on a shared machine are noisy; compare ratios, not absolute times.",
        # --- Modes
        "modes": "Online mode · Online mode II · Batch mode · Minibatch mode",
        "modes_intro": (
            "The same linear neuron (identity activation, loss (1/2n)Σ(ŷ − y)²) trained on "
            "scikit-learn's diabetes data (442 patients, 10 standardised features) in the "
            "lecture's four modes, {epochs} epochs each, from w = 0. The dashed line is the "
            "least-squares minimum."
        ),
        "mode_online": "Online mode",
        "mode_online_text": "One update per row, rows in order.",
        "mode_random": "Online mode II",
        "mode_random_text": "One update per row drawn at random from D (with replacement).",
        "mode_batch": "Batch mode",
        "mode_batch_text": "Δw summed over all rows, one update per epoch.",
        "mode_minibatch": "Minibatch mode",
        "mode_minibatch_text": (
            "One update per k = {k} rows; the most common mode in deep learning."
        ),
        "mode": "mode",
        "updates_epoch": "updates per epoch",
        "final_loss": "final loss",
        "gap": "above the minimum",
        "modes_fig": "Loss per epoch (log scale) in each mode.",
        # --- Linear regression
        "regression": "Linear regression",
        "regression_intro": (
            "ŷ = w₁x + b on {n} seeded points (y = 2x − 1 + noise). The normal equations "
            "w = (XᵀX)⁻¹Xᵀy give the minimum in one step; gradient descent walks to it: in "
            "batches (one step per epoch), in minibatches and by SGD (one row per step)."
        ),
        "normal_equations": "normal equations",
        "normal_lecture": "(XᵀX)⁻¹Xᵀy as written",
        "loss": "loss",
        "steps": "updates",
        "surface_fig": (
            "Contours of L(w, b) = (1/2n)Σ(y − wx − b)² and the path of each method from (0, 0)."
        ),
        "gd": "Gradient descent",
        # --- Derivatives
        "derivatives": "Derivatives of univariate functions",
        "derivatives_intro": (
            "The derivative is the limit of (f(w + h) − f(w))/h as h → 0, but a computer "
            "cannot take the limit: for f = exp at w = 1 the error first falls with h "
            "(truncation) and then rises (rounding). The forward difference is best near "
            "h = {fwd:.0e}, the central difference (f(w+h) − f(w−h))/2h near h = {ctr:.0e}."
        ),
        "derivatives_fig": "Absolute error of each difference quotient against the step h.",
        # --- Gradient
        "gradient": "Gradient: derivatives of multivariate functions",
        "gradient_intro": (
            "The lecture's example: f(x, y) = x²y + y has gradient ∇f = [2xy, x² + 1]. "
            "Numerical gradients (central differences) against the formula:"
        ),
        "point": "point (x, y)",
        "formula": "formula [2xy, x² + 1]",
        "numerical": "numerical",
        "error": "relative error",
        "check": "check",
        "gradient_fig": "Contours of f and its gradient field: arrows point uphill.",
        # --- ADALINE
        "widrow-hoff": "Widrow and Hoff's ADALINE (1960)",
        "adaline_intro": (
            "A nicely differentiable neuron: the error is taken on the linear output, "
            "w ← w + η(y − z)x, which is gradient descent on the squared error; the class is "
            "read by the threshold. Iris setosa against versicolor, standardised."
        ),
        "model": "model",
        "adaline_fig": "ADALINE's decision regions, and its loss per epoch, batch and online.",
        "neurons_intro": (
            "Every classifier neuron of neurona on the same standardised data (30 epochs, "
            "default settings, gradient steps): one learning rule, e = t − σ_fit(z), with "
            "its own σ_fit and loss."
        ),
        "sigma_fit": "σ_fit(z)",
        # --- words inside tables and figures
        "rule_margin": "margin",
        "rule_error": "error",
        "f_sepal_length": "sepal length (cm)",
        "f_petal_length": "petal length (cm)",
        "fs_sepal_length": "sepal length (standardised)",
        "fs_petal_length": "petal length (standardised)",
        "for_loop": "for loop",
        "generator": "generator",
        "lecture_class": "lecture class",
        "word_online": "online",
        "task_dot": "dot product",
        "task_epoch": "perceptron epoch",
        "threads": "threads",
        "blas_unknown": "unknown (threadpoolctl is not installed)",
        "blas_none": "none found",
        "load": "load",
        "single_thread": (
            "Every method is timed single-threaded (BLAS, OpenMP, torch and numba limited to "
            "one thread), so each uses one core. The load column is the machine's 1-minute "
            "load average just before each method ran, on {cpus} CPUs."
        ),
        "busy": (
            "The load average reached {load:.1f} on {cpus} CPUs: other work shared the machine "
            "during these timings, so the ratios are unreliable; run the tour again when it is "
            "idle."
        ),
        "forward_label": "forward (f(w+h) − f(w))/h",
        "central_label": "central (f(w+h) − f(w−h))/2h",
        "adaline_batch": "ADALINE (batch, η = 0.1)",
        "adaline_online": "ADALINE (online)",
        "adaline_normal": "ADALINE (normal equations)",
        "if": "if",
        "else": "else",
    },
    "es": {
        "page_title": "neurona — recorrido por la lección 02: redes de una sola capa",
        "intro": (
            "Cada sección de la lección, ejecutada en esta máquina por neurona {version}: las "
            "figuras, tablas y tiempos se calcularon al escribir esta página."
        ),
        "machine": "Máquina",
        "epoch_axis": "época",
        "contents": "Contenido",
        "missing": (
            "Esta sección necesita <code>{module}</code>, que esta instalación de neurona no "
            "tiene; se omitió."
        ),
        "timings": "Tiempo por sección",
        "total": "total",
        "seconds": "segundos",
        "section": "sección",
        "quick": "Modo rápido: tamaños más pequeños y menos épocas que el recorrido completo.",
        "gates": "Modelo de Neurona de McCulloch Pitts",
        "gates_intro": (
            "McCulloch y Pitts (1943): una unidad se activa (sale 1) cuando la suma ponderada "
            "de sus entradas binarias alcanza un umbral, w·x ≥ θ. Una unidad calcula AND, OR y "
            "NOT, las tablas de la lección; XOR necesita dos capas."
        ),
        "gates_found": (
            "Unidades encontradas por programación lineal (pesos enteros más pequeños):"
        ),
        "gate": "compuerta",
        "outputs": "salidas en 00, 01, 10, 11",
        "unit": "unidad",
        "no_unit": "ninguna: no es linealmente separable",
        "xor_two_layers": "XOR = AND(OR(x), NAND(x)): dos capas",
        "why_xor": "Por qué ninguna unidad sola calcula XOR:",
        "gates_fig": (
            "Entradas de cada compuerta, coloreadas por su salida, y la recta w·x = θ − ½ "
            "(XOR: las rectas de sus dos unidades ocultas, OR y NAND)."
        ),
        "rosenblatt": "Perceptrón",
        "perceptron_intro": (
            "El perceptrón de Rosenblatt sobre el iris de Fisher, setosa contra versicolor, con "
            "el largo del sépalo y el largo del pétalo (el pseudo-código de la lección: w = 0 y, "
            "para cada fila con y(w·x) ≤ 0, w ← w + y x). Las dos reglas: la del margen del "
            "pseudo-código y la del error de la clase NumPy/PyTorch de la lección."
        ),
        "separable": (
            "Las dos clases son linealmente separables: margen γ = {margin:.4g}, radio "
            "R = {radius:.4g}; el teorema de Novikoff permite a lo sumo (R/γ)² = {bound:,.0f} "
            "actualizaciones; la regla del margen hizo {updates}."
        ),
        "rule": "regla",
        "epochs": "épocas",
        "updates_per_epoch": "actualizaciones por época",
        "weights": "pesos w",
        "bias": "sesgo b",
        "accuracy": "exactitud en entrenamiento",
        "regions_fig": "Regiones de decisión tras el entrenamiento, un panel por regla.",
        "updates_fig": (
            "Actualizaciones (errores) por época: ambas reglas paran tras una época sin errores."
        ),
        "animation": (
            "La frontera en movimiento, un cuadro por actualización ({frames} cuadros). El "
            "último cuadro es el modelo entrenado: w = {w}, b = {b} (coef_ e intercept_: {same})."
        ),
        "same_yes": "idénticos",
        "same_no": "DISTINTOS",
        "vectorization": "Vectorización",
        "vectorization_intro": (
            "La lección mide z = Σ xᵢwᵢ con un ciclo for (38.9 ms), un generador (29.7 ms) y "
            "NumPy (46.8 µs). Aquí están los mismos métodos en esta máquina, y una época del "
            "perceptrón con la clase de la lección frente a los backends de neurona. Medianas "
            "entre corridas; las barras de error son la dispersión; la etiqueta es la "
            "aceleración sobre el primer método."
        ),
        "dot_caption": "Producto punto de dos vectores de {n:,} números.",
        "epoch_caption": "Una época del perceptrón sobre {n:,} filas y {m} variables.",
        "method": "método",
        "median": "mediana",
        "spread": "dispersión",
        "speedup": "aceleración",
        "blas": "BLAS: {blas}.",
        "blas_env": (
            "Nota: {vars} definidas en este entorno; estas variables pueden hacer más lento el "
            "BLAS de NumPy."
        ),
        "noisy": (
            "Los tiempos en una máquina compartida son ruidosos; compare razones, no tiempos "
            "absolutos."
        ),
        "modes": "Modo On-line · Modo On-line II · Modo Batch · Modo minibatch",
        "modes_intro": (
            "La misma neurona lineal (activación identidad, pérdida (1/2n)Σ(ŷ − y)²) entrenada "
            "con los datos de diabetes de scikit-learn (442 pacientes, 10 variables "
            "estandarizadas) en los cuatro modos de la lección, {epochs} épocas cada uno, desde "
            "w = 0. La línea discontinua es el mínimo de mínimos cuadrados."
        ),
        "mode_online": "Modo On-line",
        "mode_online_text": "Una actualización por fila, las filas en orden.",
        "mode_random": "Modo On-line II",
        "mode_random_text": "Una actualización por fila elegida al azar de D (con reemplazo).",
        "mode_batch": "Modo Batch",
        "mode_batch_text": "Δw sumado sobre todas las filas, una actualización por época.",
        "mode_minibatch": "Modo minibatch",
        "mode_minibatch_text": (
            "Una actualización cada k = {k} filas; el modo más común en Deep Learning."
        ),
        "mode": "modo",
        "updates_epoch": "actualizaciones por época",
        "final_loss": "pérdida final",
        "gap": "sobre el mínimo",
        "modes_fig": "Pérdida por época (escala logarítmica) en cada modo.",
        "regression": "Regresión Lineal",
        "regression_intro": (
            "ŷ = w₁x + b sobre {n} puntos con semilla (y = 2x − 1 + ruido). Las ecuaciones "
            "normales w = (XᵀX)⁻¹Xᵀy dan el mínimo en un paso; el gradiente descendente camina "
            "hacia él: por lotes (un paso por época), por minilotes y estocástico (una fila por "
            "paso)."
        ),
        "normal_equations": "ecuaciones normales",
        "normal_lecture": "(XᵀX)⁻¹Xᵀy tal como se escribe",
        "loss": "pérdida",
        "steps": "actualizaciones",
        "surface_fig": (
            "Curvas de nivel de L(w, b) = (1/2n)Σ(y − wx − b)² y el camino de cada método desde "
            "(0, 0)."
        ),
        "gd": "Gradiente descendente",
        "derivatives": "Derivadas de funciones univariadas",
        "derivatives_intro": (
            "La derivada es el límite de (f(w + h) − f(w))/h cuando h → 0, pero un computador no "
            "puede tomar el límite: para f = exp en w = 1 el error primero baja con h "
            "(truncamiento) y luego sube (redondeo). La diferencia hacia adelante es mejor cerca "
            "de h = {fwd:.0e}, la diferencia central (f(w+h) − f(w−h))/2h cerca de h = {ctr:.0e}."
        ),
        "derivatives_fig": "Error absoluto de cada cociente de diferencias según el paso h.",
        "gradient": "Gradiente: Derivadas de funciones multivariadas",
        "gradient_intro": (
            "El ejemplo de la lección: f(x, y) = x²y + y tiene gradiente ∇f = [2xy, x² + 1]. "
            "Gradientes numéricos (diferencias centrales) frente a la fórmula:"
        ),
        "point": "punto (x, y)",
        "formula": "fórmula [2xy, x² + 1]",
        "numerical": "numérico",
        "error": "error relativo",
        "check": "verificación",
        "gradient_fig": (
            "Curvas de nivel de f y su campo de gradiente: las flechas apuntan cuesta arriba."
        ),
        # the slide's own title is in English ("Widrow and Hoff's ADALINE (1960)")
        "widrow-hoff": "ADALINE de Widrow y Hoff (1960)",
        "adaline_intro": (
            "Una neurona bien diferenciable: el error se toma sobre la salida lineal, "
            "w ← w + η(y − z)x, que es gradiente descendente sobre el error cuadrático; la clase "
            "se lee con el umbral. Iris setosa contra versicolor, estandarizado."
        ),
        "model": "modelo",
        "adaline_fig": (
            "Regiones de decisión de ADALINE, y su pérdida por época, en batch y on-line."
        ),
        "neurons_intro": (
            "Cada neurona clasificadora de neurona sobre los mismos datos estandarizados "
            "(30 épocas, valores por defecto, pasos de gradiente): una sola regla de "
            "aprendizaje, e = t − σ_fit(z), cada una con su σ_fit y su pérdida."
        ),
        "sigma_fit": "σ_fit(z)",
        "rule_margin": "margen",
        "rule_error": "error",
        "f_sepal_length": "largo del sépalo (cm)",
        "f_petal_length": "largo del pétalo (cm)",
        "fs_sepal_length": "largo del sépalo (estandarizado)",
        "fs_petal_length": "largo del pétalo (estandarizado)",
        "for_loop": "ciclo for",
        "generator": "generador",
        "lecture_class": "clase de la lección",
        "word_online": "on-line",
        "task_dot": "producto punto",
        "task_epoch": "época del perceptrón",
        "threads": "hilos",
        "blas_unknown": "desconocido (threadpoolctl no está instalado)",
        "blas_none": "no se encontró ninguno",
        "load": "carga",
        "single_thread": (
            "Cada método se mide con un solo hilo (BLAS, OpenMP, torch y numba limitados a un "
            "hilo), así que cada uno usa un núcleo. La columna carga es la carga media del "
            "último minuto de la máquina justo antes de medir cada método, con {cpus} CPU."
        ),
        "busy": (
            "La carga media llegó a {load:.1f} con {cpus} CPU: otro trabajo compartió la "
            "máquina durante estas mediciones, así que las razones no son fiables; repita el "
            "recorrido cuando esté libre."
        ),
        "forward_label": "hacia adelante (f(w+h) − f(w))/h",
        "central_label": "central (f(w+h) − f(w−h))/2h",
        "adaline_batch": "ADALINE (batch, η = 0.1)",
        "adaline_online": "ADALINE (on-line)",
        "adaline_normal": "ADALINE (ecuaciones normales)",
        "if": "si",
        "else": "si no,",
    },
}
