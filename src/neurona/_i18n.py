"""The command line in Spanish or English: a small catalog keyed by the English text.

Why a dict and not :mod:`gettext`: the texts are few (the commands' help, their options,
the command line's own messages and table labels), they live beside the code that uses
them and are checked by a test (every key is reached), and there is nothing to compile or
install (``.mo`` files would need a build step and package data). The English text is the
message id, so an entry missing from the catalog falls back to English, never to an empty
string.

The language is ``--lang es|en`` (anywhere on the command line), else the locale: ``es``
when the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set starts with ``es``
(``es_CO.UTF-8``), else ``en``.

:func:`tr` translates a known text (exact match); :func:`message` also translates the
parameterised messages of the command line (:data:`PATTERNS`, regular expressions over
the English text) and Click's usage errors; :func:`help_text` the headings of a help page.
"""

from __future__ import annotations

import errno
import os
import re
import string

__all__ = ["LANGS", "default_lang", "help_text", "lang", "message", "set_lang", "spanish", "tr"]

LANGS = ("es", "en")
_current: list[str | None] = [None]


def default_lang(environ: dict[str, str] | None = None) -> str:
    """``es`` when the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, first set) is
    Spanish, else ``en``."""
    environ = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def lang() -> str:
    """The language in force: ``set_lang``'s, else :func:`default_lang`."""
    return _current[0] or default_lang()


def set_lang(value: str | None) -> None:
    """Use ``value`` (``es``, ``en``, or None for the locale's) from now on."""
    if value is not None and value not in LANGS:
        raise ValueError(f"{value!r} is not one of {', '.join(LANGS)}")
    _current[0] = value


def tr(text: str | None) -> str | None:
    """``text`` in the current language (itself when not in the catalog, or in English)."""
    if text is None or lang() == "en":
        return text
    return ES.get(text, text)


def message(text: str) -> str:
    """A message of the command line in the current language: a catalog entry, a
    parameterised message (:data:`PATTERNS`), either inside a frame (``neurona: error:
    ...``), or itself."""
    if lang() == "en":
        return text
    if text in ES:
        return ES[text]
    for pattern, template in PATTERNS[:_FRAMES]:
        found = pattern.fullmatch(text)
        if found is not None:
            return _Fill(-1).format(template, *found.groups())
    return _inner(text)


def spanish(text: str) -> str:
    """``text`` (a message without a ``neurona: error:`` frame) in Spanish whatever the
    language in force: the playground's page switches language by itself, so its server
    sends both."""
    return _inner(text) or text


def _inner(text: str | None, depth: int = 0) -> str | None:
    """A message that is not a frame: the catalog's, a parameterised one (whose parts are
    translated in turn, a few levels deep), or itself."""
    if text is None or text in ES:
        return ES.get(text, text) if text is not None else text
    if depth > 3:
        return text
    # the library's long messages first (a generic pattern, "... is not one of ...", would
    # take them), then the command line's patterns, then the library's short ones
    library = _library()
    tried = [(None, p, t) for p, t in PATTERNS[_FRAMES:]]
    for needle, pattern, template in [*library[: _LONG[0]], *tried, *library[_LONG[0] :]]:
        if needle is None or needle in text:
            found = pattern.fullmatch(text)
            if found is not None:
                return _Fill(depth).format(template, *found.groups())
    return text


class _Fill(string.Formatter):
    """A Spanish template filled with its message's parts, each translated in turn. A
    field whose format names a library (``{1:pyarrow}``) holds that library's own words
    (an exception's text quoted in the message): their Spanish where the catalog has it,
    else quoted as they are and marked as that library's English detail (:func:`detail`)."""

    def __init__(self, depth: int) -> None:
        super().__init__()
        self.depth = depth

    def format_field(self, value: object, format_spec: str) -> str:
        raw = value if isinstance(value, str) else None
        text = _inner(raw, self.depth + 1) or ""
        if not format_spec or not raw or text != raw:
            return text
        return detail(raw, format_spec)


def detail(text: str, library: str) -> str:
    """``library``'s untranslated words ``text`` in a Spanish message: quoted and marked
    as its English detail (``detalle de pyarrow, en inglés: «...»``; ``el sistema``: the
    system's, ``detalle del sistema``); a detail written in
    parentheses with a space before them (`` (...)``) keeps them."""
    if text.startswith(" (") and text.endswith(")"):
        return f" ({detail(text[2:-1], library)})"
    of = f"del {library[3:]}" if library.startswith("el ") else f"de {library}"
    return f"detalle {of}, en inglés: «{text}»"


_LIBRARY: list[tuple[str, re.Pattern[str], str]] = []


def _library() -> list[tuple[str, re.Pattern[str], str]]:
    """The library's messages (:data:`neurona._i18n_library.LIBRARY`) as (the longest
    fixed part, a regular expression over the whole text, the Spanish template): each
    ``{}`` of an English message matches any text, tried from the most specific message
    (the longest fixed text) to the least; compiled on first use."""
    if not _LIBRARY:
        from ._i18n_library import LIBRARY

        rows = []
        for english, spanish in LIBRARY.items():
            parts = list(string.Formatter().parse(english))
            fixed = [lit for lit, *_ in parts]
            regex = "".join(
                re.escape(lit) + ("(.*?)" if field is not None else "") for lit, field, *_ in parts
            )
            needle = max(fixed, key=len)
            rows.append((sum(map(len, fixed)), needle, re.compile(regex, re.S), spanish))
        rows.sort(key=lambda row: -row[0])
        _LIBRARY[:] = [row[1:] for row in rows]
        _LONG[0] = sum(row[0] >= _LONG_TEXT for row in rows)
    return _LIBRARY


#: a library message with this many fixed characters is tried before the patterns
_LONG_TEXT = 30
_LONG = [0]


def help_text(text: str) -> str:
    """A help page with its headings and fixed phrases in the current language."""
    if lang() == "en":
        return text
    for english, spanish in HELP_PHRASES:
        text = text.replace(english, spanish)
    return text


HELP_PHRASES = (
    ("Usage:", "Uso:"),
    ("Options:", "Opciones:"),
    ("Arguments:", "Argumentos:"),
    ("Commands:", "Comandos:"),
    ("Show this message and exit.", "Muestra esta ayuda y termina."),
    ("Show the version and exit.", "Muestra la versión y termina."),
    ("[default: ", "[por defecto: "),
    ("[required]", "[obligatorio]"),
    (" [OPTIONS]", " [OPCIONES]"),
    (" COMMAND [ARGS]...", " COMANDO [ARGUMENTOS]..."),
)

ES: dict[str, str] = {
    # the program and its commands
    "Single-layer neural networks from the command line: the lecture's neurons, trained "
    "in each of its modes, saved to files that run no code.": (
        "Redes neuronales de una sola capa desde la línea de comandos: las neuronas de la "
        "clase, entrenadas en cada uno de sus modos, guardadas en archivos que no ejecutan "
        "código."
    ),
    "Train a neuron on DATA (or --dataset NAME) and save it with --out.": (
        "Entrena una neurona con DATA (o --dataset NOMBRE) y la guarda con --out."
    ),
    "Predict DATA's rows with a saved MODEL; write them to --out (or print them).\n\n"
    "MODEL is a file of `neurona train --out` or a scikit-learn Pipeline saved by\n"
    "neurona.pipeline.save_pipeline. A model with several outputs writes one column per output\n"
    "(prediction_0, ...).": (
        "Predice las filas de DATA con un MODEL guardado; las escribe en --out (o las "
        "imprime).\n\nMODEL es un archivo de `neurona train --out` o un Pipeline de "
        "scikit-learn guardado con\nneurona.pipeline.save_pipeline. Un modelo con varias salidas "
        "escribe una columna por salida\n(prediction_0, ...)."
    ),
    "Score a saved MODEL on DATA: accuracy and confusion matrix, or R², MSE, MAE.\n\n"
    "True labels the model never saw count as wrong: they are extra rows of the confusion\n"
    "matrix, and the output says how many rows hold them (n_unseen, unseen_labels).": (
        "Evalúa un MODEL guardado sobre DATA: exactitud y matriz de confusión, o R², MSE, "
        "MAE.\n\nLas etiquetas que el modelo nunca vio cuentan como errores: son filas "
        "extra de la matriz\nde confusión, y la salida dice cuántas filas las tienen "
        "(n_unseen, unseen_labels)."
    ),
    "Show a saved model: neuron, mode, hyperparameters, weights and history.": (
        "Muestra un modelo guardado: neurona, modo, hiperparámetros, pesos e historial."
    ),
    "List the bundled datasets, or write one to a file with NAME --out FILE.": (
        "Lista los conjuntos de datos incluidos, o escribe uno con NOMBRE --out ARCHIVO."
    ),
    "McCulloch–Pitts truth tables, and why one unit cannot compute XOR.": (
        "Tablas de verdad de McCulloch–Pitts, y por qué una unidad no puede calcular XOR."
    ),
    "The lecture's vectorization experiment: loops vs NumPy vs compiled code.": (
        "El experimento de vectorización de la clase: bucles frente a NumPy frente a "
        "código compilado."
    ),
    "Animate training: the boundary moving update by update (GIF or MP4).": (
        "Anima el entrenamiento: la frontera moviéndose actualización a actualización (GIF o MP4)."
    ),
    "Write the lecture's figures: gates, modes, loss surfaces, timings.": (
        "Escribe las figuras de la clase: puertas, modos, superficies de pérdida, tiempos."
    ),
    # options
    "Show the version and exit.": "Muestra la versión y termina.",
    "Language of the command line: es or en (default: from LANG).": (
        "Idioma de la línea de comandos: es o en (por defecto: según LANG)."
    ),
    "CSV, TSV, Parquet, NPY, NPZ or svmlight file.": (
        "Archivo CSV, TSV, Parquet, NPY, NPZ o svmlight."
    ),
    "A bundled dataset instead of DATA (`neurona datasets`).": (
        "Un conjunto de datos incluido en lugar de DATA (`neurona datasets`)."
    ),
    "Target column: a header name or a 0-based index.": (
        "Columna objetivo: un nombre de la cabecera o un índice desde 0."
    ),
    "Feature columns, comma-separated names or indices (default: the rest).": (
        "Columnas de características, nombres o índices separados por comas (por defecto: "
        "las demás)."
    ),
    "The neuron's estimator.": "El estimador de la neurona.",
    "Which rows form an update (default: the model's).": (
        "Qué filas forman una actualización (por defecto: la del modelo)."
    ),
    "Passes over the data.": "Pasadas sobre los datos (épocas).",
    "Learning rate η > 0, or 'auto' (a step that cannot overshoot).": (
        "Tasa de aprendizaje η > 0, o 'auto' (un paso que no puede pasarse)."
    ),
    "Rows per minibatch.": "Filas por minilote.",
    "Reshuffle rows every epoch.": "Baraja las filas en cada época.",
    "How a step combines its rows.": "Cómo combina un paso sus filas.",
    "Update rule.": "Regla de actualización.",
    "CSV/TSV class labels: 'text' keeps them as written (007 and 7 are two classes; the "
    "default), 'auto' reads them as integers, numbers or booleans when every label is one "
    "(refused where two labels would become one).": (
        "Etiquetas de clase de CSV/TSV: 'text' las deja como están escritas (007 y 7 son "
        "dos clases; por defecto), 'auto' las lee como enteros, números o booleanos cuando "
        "todas lo son (se rechaza si dos etiquetas se volverían una)."
    ),
    "Closed form or gradient steps.": "Forma cerrada o pasos de gradiente.",
    "Stop when the loss stalls.": "Para cuando la pérdida se estanca.",
    "How η changes over the updates.": "Cómo cambia η a lo largo de las actualizaciones.",
    "invscaling's exponent p: η_t = η / (t + 1)^p.": (
        "El exponente p de invscaling: η_t = η / (t + 1)^p."
    ),
    "Starting weights instead of zeros, one per feature, comma-separated (several outputs: "
    "rows separated by ';'); a negative first one as --coef-init=-0.5,1.": (
        "Pesos iniciales en vez de ceros, uno por característica, separados por comas (varias "
        "salidas: filas separadas por ';'); si el primero es negativo, --coef-init=-0.5,1."
    ),
    "Starting bias instead of 0 (several outputs: comma-separated).": (
        "Sesgo inicial en vez de 0 (varias salidas: separados por comas)."
    ),
    "--coef-init and --intercept-init apply to data in memory, not --scheduler": (
        "--coef-init y --intercept-init se aplican a datos en memoria, no a --scheduler"
    ),
    "Stop right after the N-th update (a step that changed the weights), even inside an "
    "epoch, as the playground's scrubber does.": (
        "Para justo después de la N-ésima actualización (un paso que cambió los pesos), "
        "aunque sea dentro de una época, como la barra de desplazamiento del playground."
    ),
    "one per feature; a row per output, separated by ';'": (
        "uno por característica; una fila por salida, separadas por ';'"
    ),
    "one per output": "uno por salida",
    # the reasons of pyarrow and NumPy that the readers quote in parentheses
    "Parquet magic bytes not found in footer. Either the file is corrupted or this is not a "
    "parquet file.": (
        "no están los bytes mágicos de Parquet al final: el archivo está dañado o no es Parquet"
    ),
    "Array can't be memory-mapped: Python objects in dtype.": (
        "el array no puede leerse mapeado en memoria: su dtype guarda objetos de Python"
    ),
    "Object arrays cannot be loaded when allow_pickle=False": (
        "los arrays de objetos de Python no se cargan sin pickle (allow_pickle=False)"
    ),
    "File is not a zip file": "no es un archivo zip",
    "mmap length is greater than file size": (
        "el archivo es más corto que el array que declara su cabecera"
    ),
    "Truncated compressed stream": "el flujo comprimido está truncado",
    "Compressed file ended before the end-of-stream marker was reached": (
        "el archivo comprimido termina antes de su marca de fin"
    ),
    "Invalid data stream": "el flujo de datos no es válido",
    "Input format not supported by decoder": "formato de entrada que el descompresor no admite",
    "Truncated file header": "la cabecera de un miembro está truncada",
    "Bad magic number for central directory": "el directorio central del zip está dañado",
    "Bad magic number for file header": "la cabecera de un miembro del zip está dañada",
    # the system's reasons (an OSError's strerror) that reach a message
    "Operation not permitted": "operación no permitida",
    "Input/output error": "error de entrada/salida",
    "No such device or address": "no existe el dispositivo o la dirección",
    "Resource temporarily unavailable": "recurso no disponible por el momento",
    "Cannot allocate memory": "no se puede reservar memoria",
    "Device or resource busy": "dispositivo o recurso ocupado",
    "File exists": "el archivo ya existe",
    "Not a directory": "no es una carpeta",
    "Invalid argument": "argumento no válido",
    "Too many open files": "demasiados archivos abiertos",
    "File too large": "archivo demasiado grande",
    "No space left on device": "no queda espacio en el dispositivo",
    "Illegal seek": "desplazamiento no permitido (no es un archivo normal)",
    "Read-only file system": "sistema de archivos de solo lectura",
    "File name too long": "nombre de archivo demasiado largo",
    "Too many levels of symbolic links": "demasiados niveles de enlaces simbólicos",
    "Disk quota exceeded": "cuota de disco superada",
    "Stale file handle": "identificador de archivo obsoleto",
    "--max-updates applies to data in memory, not --scheduler": (
        "--max-updates se aplica a datos en memoria, no a --scheduler"
    ),
    "--max-updates counts gradient steps, and this model is solved in closed form: add "
    "--solver gd": (
        "--max-updates cuenta pasos de gradiente, y este modelo se resuelve en forma "
        "cerrada: añade --solver gd"
    ),
    "Where the arithmetic runs.": "Dónde se hacen las cuentas.",
    "Torch device to train on (cpu, cuda, cuda:1).": (
        "Dispositivo de Torch en el que entrenar (cpu, cuda, cuda:1)."
    ),
    "Seed for row orders and data.": "Semilla para el orden de las filas y los datos.",
    "Rows to draw (generated datasets).": "Filas a generar (conjuntos generados).",
    "Save the model here.": "Guarda el modelo aquí.",
    "Write training plots to this folder.": (
        "Escribe las gráficas del entrenamiento en esta carpeta."
    ),
    "Train on Dask: a scheduler address (tcp://host:8786), or 'local' for a LocalCluster "
    "here; DATA is then a quoted glob of Parquet files.": (
        "Entrena en Dask: la dirección de un planificador (tcp://host:8786), o 'local' para "
        "un LocalCluster aquí; DATA es entonces un patrón entre comillas de archivos Parquet."
    ),
    "Scale the number columns, saved in the model and applied by predict and evaluate: "
    "'standard' (mean 0, standard deviation 1), 'minmax' (to [0, 1]).": (
        "Escala las columnas numéricas; se guarda en el modelo y lo aplican predict y "
        "evaluate: 'standard' (media 0, desviación típica 1), 'minmax' (a [0, 1])."
    ),
    "Missing values: 'error' lists them all, 'drop' leaves out their rows, 'mean' fills "
    "numbers with the column mean and text with its most frequent value.": (
        "Valores faltantes: 'error' los enumera todos, 'drop' descarta sus filas, 'mean' "
        "rellena los números con la media de la columna y el texto con su valor más "
        "frecuente."
    ),
    "Encode text feature columns as one 0/1 column per value (also done with --scale or "
    "--missing).": (
        "Codifica las columnas de texto como una columna 0/1 por valor (también con --scale "
        "o --missing)."
    ),
    "Columns to leave out of the features (e.g. an id).": (
        "Columnas que no se usan como características (p. ej. un id)."
    ),
    "Read the file in chunks (default: when larger than 256 MiB).": (
        "Lee el archivo por trozos (por defecto: si pesa más de 256 MiB)."
    ),
    "Chunk size, MiB.": "Tamaño de trozo, MiB.",
    "CSV: first line is a header (default: guess).": (
        "CSV: la primera línea es una cabecera (por defecto: se deduce)."
    ),
    "CSV field separator (default , or tab; ';', tab or '|' where the first lines are "
    "split so).": (
        "Separador de campos CSV (por defecto , o tabulador; ';', tabulador o '|' si las "
        "primeras líneas se separan así)."
    ),
    "CSV decimal mark (default: found from the first lines: ',' in a file delimited by ';' "
    "or tabs whose numbers all have one, else '.').": (
        "Separador decimal CSV (por defecto: se deduce de las primeras líneas: ',' en un "
        "archivo separado por ';' o tabuladores cuyos números la llevan, si no '.')."
    ),
    "Text encoding of CSV files (UTF-16 and UTF-32 are found by themselves).": (
        "Codificación de texto de los CSV (UTF-16 y UTF-32 se detectan solos)."
    ),
    "File format (default: from the extension).": (
        "Formato del archivo (por defecto: según la extensión)."
    ),
    "Print nothing but errors.": "No imprime nada salvo errores.",
    "Print one JSON object (for scripts).": "Imprime un objeto JSON (para scripts).",
    "A saved model file.": "Un archivo de modelo guardado.",
    "Rows to predict (CSV, TSV, Parquet, NPY, NPZ, svmlight).": (
        "Filas a predecir (CSV, TSV, Parquet, NPY, NPZ, svmlight)."
    ),
    "Write predictions here (csv/tsv/parquet/npy/npz, by extension).": (
        "Escribe las predicciones aquí (csv/tsv/parquet/npy/npz, según la extensión)."
    ),
    "Columns of DATA to copy beside the predictions (e.g. an id), comma-separated.": (
        "Columnas de DATA que se copian junto a las predicciones (p. ej. un id), separadas "
        "por comas."
    ),
    "Labelled rows (CSV, TSV, Parquet, NPY, NPZ, svmlight).": (
        "Filas etiquetadas (CSV, TSV, Parquet, NPY, NPZ, svmlight)."
    ),
    "Write this dataset to --out.": "Escribe este conjunto de datos en --out.",
    "File to write: csv, tsv (both may end in .gz, .bz2, .zst, .lz4 or .xz), parquet, npz "
    "(arrays X and y) or npy (numbers only).": (
        "Archivo a escribir: csv, tsv (ambos pueden terminar en .gz, .bz2, .zst, .lz4 o "
        ".xz), parquet, npz (arreglos X e y) o npy (solo números)."
    ),
    "Format of --out (default: from its extension).": (
        "Formato de --out (por defecto: según su extensión)."
    ),
    "Rows (generators).": "Filas (generadores).",
    # sparse data files (svmlight, sparse .npz) and the text dataset
    "text: columns (hash buckets; default 1048576).": (
        "text: columnas (cubetas de hashing; por defecto 1048576)."
    ),
    "text: non-zeros per row (default 50).": "text: valores no nulos por fila (por defecto 50).",
    "text: share of labels flipped (default 0).": (
        "text: fracción de etiquetas invertidas (por defecto 0)."
    ),
    "seeded, sparse: hashed bag-of-words counts (write it with --out FILE.svmlight or "
    "FILE.npz, then train on that file)": (
        "con semilla, disperso: conteos de bolsa de palabras con hashing (escríbelo con --out "
        "ARCHIVO.svmlight o ARCHIVO.npz, y entrena con ese archivo)"
    ),
    "--n-features, --nnz-per-row and --flip apply to the text dataset only": (
        "--n-features, --nnz-per-row y --flip solo se aplican al conjunto text"
    ),
    "--dataset text is sparse: write it with `neurona datasets text --out text.svmlight`, "
    "then train on that file": (
        "--dataset text es disperso: escríbelo con `neurona datasets text --out "
        "text.svmlight`, y entrena con ese archivo"
    ),
    "it is a folder": "es una carpeta",
    "Elements of the dot-product vectors.": "Elementos de los vectores del producto escalar.",
    "Rows of the perceptron epoch.": "Filas de la época del perceptrón.",
    "Its features.": "Sus características.",
    "Timed runs per method.": "Ejecuciones cronometradas por método.",
    "Small sizes, few runs (a smoke test).": (
        "Tamaños pequeños, pocas ejecuciones (una prueba rápida)."
    ),
    "Decide whether classes are linearly separable, and prove it either way.\n\n"
    "Two classes: one certificate. More: a table, each class against the rest.": (
        "Decide si las clases son linealmente separables, y lo demuestra en ambos casos.\n\n"
        "Dos clases: un certificado. Más: una tabla, cada clase contra el resto."
    ),
    "The neurons learning live in the browser (needs neurona[playground]); the page\n"
    "speaks the command line's language (--lang es|en).": (
        "Las neuronas aprendiendo en vivo en el navegador (necesita neurona[playground]); "
        "la página\nhabla el idioma de la línea de comandos (--lang es|en)."
    ),
    "A data file with two classes.": "Un archivo de datos con dos clases.",
    "A bundled dataset instead of DATA.": "Un conjunto de datos incluido en lugar de DATA.",
    "Check this class against all the others.": "Compara esta clase con todas las demás.",
    "A CSV/Parquet file to start with.": "Un archivo CSV/Parquet con el que empezar.",
    "A bundled dataset to start with (`neurona datasets`).": (
        "Un conjunto de datos incluido con el que empezar (`neurona datasets`)."
    ),
    "Port (0: a free one).": "Puerto (0: uno libre).",
    "Address to listen on (other than 127.0.0.1: a warning).": (
        "Dirección en la que escuchar (distinta de 127.0.0.1: un aviso)."
    ),
    "Print the address only.": "Solo imprime la dirección.",
    "With --plot: the two features to draw, by name or column number (default the first "
    "two); the others are held at their means, written on the figure.": (
        "Con --plot: las dos características a dibujar, por nombre o número de columna (por "
        "defecto las dos primeras); las demás se fijan en su media, escrita en la figura."
    ),
    # animate and tour (neurona._cli_plots)
    "Animate training: the boundary moving update by update (GIF, or MP4 with ffmpeg).\n\n"
    "Each frame rings the row that made its update.": (
        "Anima el entrenamiento: la frontera moviéndose actualización a actualización (GIF, "
        "o MP4 con ffmpeg).\n\nCada cuadro rodea la fila que causó su actualización."
    ),
    "A data file (CSV, Parquet, ...) with --target.": (
        "Un archivo de datos (CSV, Parquet, ...) con --target."
    ),
    "The label column of DATA.": "La columna de etiquetas de DATA.",
    "Bundled dataset instead of DATA: iris-2, iris, and, or, blobs, linear, ... (default "
    "iris-2)": (
        "Conjunto de datos incluido en lugar de DATA: iris-2, iris, and, or, blobs, linear, "
        "... (por defecto iris-2)"
    ),
    "Update rule (the estimators that have one).": (
        "Regla de actualización (los estimadores que la tienen)."
    ),
    "Training mode.": "Modo de entrenamiento.",
    "Epochs (the lecture's T).": "Épocas (la T de la clase).",
    "η, a positive number or 'auto'.": "η, un número positivo o 'auto'.",
    "Visit the rows in a fresh random order every epoch (default: in order).": (
        "Recorre las filas en un orden aleatorio nuevo en cada época (por defecto: en orden)."
    ),
    "One frame per update or per epoch.": "Un cuadro por actualización o por época.",
    "The two features to draw, by name or column number (default the first two); the "
    "others are held at their means, written on the figure.": (
        "Las dos características a dibujar, por nombre o número de columna (por defecto las "
        "dos primeras); las demás se fijan en su media, escrita en la figura."
    ),
    "The GIF or MP4 to write.": "El GIF o MP4 a escribir.",
    "gif or mp4 (default: from the file name).": (
        "gif o mp4 (por defecto: según el nombre del archivo)."
    ),
    "Frames per second.": "Cuadros por segundo.",
    "Most frames kept.": "Máximo de cuadros que se conservan.",
    "Seed.": "Semilla.",
    "Language of titles and labels (default: from LANG).": (
        "Idioma de títulos y etiquetas (por defecto: según LANG)."
    ),
    "Replay the lecture on this machine and write one self-contained HTML report.": (
        "Repite la clase en esta máquina y escribe un informe HTML autocontenido."
    ),
    "en, or es: the lecture's own section names (default: from LANG).": (
        "en, o es: los nombres de sección de la propia clase (por defecto: según LANG)."
    ),
    "Folder to write index.html into.": "Carpeta donde escribir index.html.",
    "Smaller sizes, fewer epochs.": "Tamaños menores, menos épocas.",
    "No line per section on stderr.": "Sin una línea por sección en stderr.",
    # gates, inspect, datasets
    "one unit": "una unidad",
    "unseen": "no vista",
    "standardised": "estandarizada",
    "scaled to [0, 1]": "escalada a [0, 1]",
    "pipeline step": "paso del pipeline",
    "update": "actualización",
    "no single unit": "ninguna unidad sola",
    "Two layers compute it:": "Dos capas la calculan:",
    "mode": "modo",
    "learning rate": "tasa de aprendizaje",
    "format": "formato",
    "hyperparameters: ": "hiperparámetros: ",
    "updates": "actualizaciones",
    "weight": "peso",
    "output": "salida",
    "score": "puntuación",
    "Fisher's iris: 150 flowers, 4 measurements (cm), 3 species (scikit-learn)": (
        "iris de Fisher: 150 flores, 4 medidas (cm), 3 especies (scikit-learn)"
    ),
    "iris setosa vs versicolor on sepal and petal length: separable (the demo)": (
        "iris setosa frente a versicolor según largo de sépalo y de pétalo: separable (la "
        "demostración)"
    ),
    "Wisconsin breast cancer: 569 tumours, 30 features, malignant/benign": (
        "cáncer de mama de Wisconsin: 569 tumores, 30 características, maligno/benigno"
    ),
    "diabetes progression: 442 patients, 10 standardised features (regression)": (
        "progresión de la diabetes: 442 pacientes, 10 características estandarizadas (regresión)"
    ),
    "the AND gate: 4 rows, inputs x_1 x_2, output out": (
        "la compuerta AND: 4 filas, entradas x_1 x_2, salida 'out'"
    ),
    "the OR gate: 4 rows": "la compuerta OR: 4 filas",
    "the NAND gate: 4 rows": "la compuerta NAND: 4 filas",
    "the NOR gate: 4 rows": "la compuerta NOR: 4 filas",
    "the XOR gate: 4 rows, not linearly separable": (
        "la compuerta XOR: 4 filas, no linealmente separable"
    ),
    "seeded: two Gaussian clouds with a gap (separable), 2 features": (
        "con semilla: dos nubes gaussianas separadas por un hueco (separable), 2 características"
    ),
    "seeded: y = 2 x_1 - 3 x_2 + 0.5 x_3 + 4 + noise (regression)": (
        "con semilla: y = 2 x_1 - 3 x_2 + 0.5 x_3 + 4 + ruido (regresión)"
    ),
    "seeded: noisy clouds at the unit square's corners, labelled by XOR": (
        "con semilla: nubes con ruido en las esquinas del cuadrado unidad, etiquetadas por XOR"
    ),
    # pieces of generated help
    " One of: ": " Uno de: ",
    "default": "por defecto",
    # messages
    "give a DATA file or --dataset NAME, not both": (
        "da un archivo DATA o --dataset NOMBRE, no ambos"
    ),
    "--target applies to DATA files; leave it out with --dataset": (
        "--target se aplica a archivos DATA; quítalo con --dataset"
    ),
    "give a DATA file or --dataset NAME (exactly one)": (
        "da un archivo DATA o --dataset NOMBRE (exactamente uno)"
    ),
    "--target and --features apply to DATA files only": (
        "--target y --features solo se aplican a archivos DATA"
    ),
    "pass --target COL (the label or value column of DATA)": (
        "indica --target COL (la columna de etiquetas o valores de DATA)"
    ),
    "--n-samples applies to --dataset generators only": (
        "--n-samples solo se aplica a los generadores de --dataset"
    ),
    "--plot needs the data in memory; leave out --stream": (
        "--plot necesita los datos en memoria; quita --stream"
    ),
    "--label-type applies to classifiers (class labels), not to regression": (
        "--label-type se aplica a clasificadores (etiquetas de clase), no a la regresión"
    ),
    "--scale, --missing and --one-hot need the data in memory; leave out --stream": (
        "--scale, --missing y --one-hot necesitan los datos en memoria; quita --stream"
    ),
    "--exclude leaves no feature column": "--exclude no deja ninguna columna de características",
    "the model reads its columns by name: leave out --features": (
        "el modelo lee sus columnas por nombre: quita --features"
    ),
    "pass --target COL (the column with the true answers)": (
        "indica --target COL (la columna con las respuestas verdaderas)"
    ),
    "--out and --format need a dataset NAME": "--out y --format necesitan un NOMBRE de conjunto",
    "pass --out FILE to write the dataset": "indica --out ARCHIVO para escribir el conjunto",
    "neurona: note: the model was not saved (pass --out FILE to keep it)": (
        "neurona: nota: el modelo no se guardó (indica --out ARCHIVO para conservarlo)"
    ),
    "neurona: aborted": "neurona: cancelado",
    "neurona: interrupted": "neurona: interrumpido",
    # table labels
    "n features": "n.º de características",
    "epochs run": "épocas hechas",
    "loss": "pérdida",
    "out": "archivo",
    "classes": "clases",
    "n samples": "n.º de filas",
    "training score": "puntuación en entrenamiento",
    "score name": "puntuación",
    "accuracy": "exactitud",
    "n_samples": "n.º de filas",
    "rows with unseen labels": "filas con etiquetas no vistas",
    "confusion matrix (rows: true, columns: predicted)": (
        "matriz de confusión (filas: verdad, columnas: predicción)"
    ),
    "weights": "pesos",
    "feature": "característica",
    "bias": "sesgo",
    "epoch": "época",
    "row": "fila",
    "name": "nombre",
    "description": "descripción",
    "bundled datasets (use with `neurona train --dataset NAME`)": (
        "conjuntos de datos incluidos (úsalos con `neurona train --dataset NOMBRE`)"
    ),
    "history: none recorded": "historial: no se registró",
    "preprocessing (applied by predict and evaluate): ": (
        "preprocesado (lo aplican predict y evaluate): "
    ),
}

#: the system's reasons (every errno's strerror), as a regular expression's alternatives
_STRERRORS = "|".join(
    sorted({re.escape(os.strerror(code)) for code in errno.errorcode}, key=len, reverse=True)
)

#: the first PATTERNS are frames around another message (a usage error, an error, a
#: warning); the others are the messages inside them
_FRAMES = 3

#: parameterised messages: (English, as a regular expression over the whole text;
#: Spanish, a template of its groups, each translated in turn where the catalog has it)
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.S), t)
    for p, t in [
        (
            r"(.+?): usage error: (.*) \(see `(.*) --help`\)",
            "{0}: error de uso: {1} (véase `{2} --help`)",
        ),
        (r"neurona: error: (.*)", "neurona: error: {0}"),
        (r"neurona: warning: (.*) \((\w+)\)", "neurona: aviso: {0} ({1})"),
        (r"(.*) does not apply to --model (\S+)", "{0} no se aplica a --model {1}"),
        (r"No such option: (\S+)(?: Did you mean (\S+)\?)?", "no existe la opción {0}"),
        (
            r"No such option: (\S+) \(Possible options: (.*)\)",
            "no existe la opción {0} (opciones parecidas: {1})",
        ),
        (r"Missing option (.+)\.", "falta la opción {0}"),
        (r"Missing argument (.+)\.", "falta el argumento {0}"),
        (r"Invalid value for (.+?): (.*)", "valor no válido para {0}: {1}"),
        (r"Got unexpected extra arguments? \((.*)\)", "argumentos de más: ({0})"),
        (r"Option (\S+) requires an argument\.", "la opción {0} necesita un valor"),
        (r"No such command (.+)\.", "no existe el comando {0}"),
        (
            r"'(.*)' is not numbers separated by commas \(rows by ';', all as long\)",
            "'{0}' no son números separados por comas (filas por ';', todas igual de largas)",
        ),
        (
            r"'(.*)' holds NaN or infinity; give finite numbers",
            "'{0}' contiene NaN o infinito; da números finitos",
        ),
        (
            r"--max-updates needs the engine that reports every update: use --backend numpy "
            r"\(or leave out --backend\), not (.*)",
            "--max-updates necesita el motor que informa de cada actualización: usa "
            "--backend numpy (o quita --backend), no {0}",
        ),
        (
            r"--max-updates needs the data in memory, and (.*) is read in chunks: pass "
            r"--no-stream",
            "--max-updates necesita los datos en memoria, y {0} se lee por trozos: usa "
            "--no-stream",
        ),
        (
            r"--coef-init and --intercept-init need the data in memory, and (.*) is read in "
            r"chunks: pass --no-stream",
            "--coef-init y --intercept-init necesitan los datos en memoria, y {0} se lee por "
            "trozos: usa --no-stream",
        ),
        (
            r"(--coef-init|--intercept-init) gives (.*); this data needs (.*) \((one per .*)\)",
            "{0} da {1}; estos datos necesitan {2} ({3})",
        ),
        (r"(\d+) rows of (\d+) numbers", "{0} filas de {1} números"),
        (r"(\d+) numbers", "{0} números"),
        (r"1 number", "1 número"),
        (
            r"(coef_init|intercept_init) has shape (.*); this fit needs (.*) or (.*)",
            "{0} tiene forma {1}; este ajuste necesita {2} o {3}",
        ),
        (
            r"(coef_init|intercept_init) has shape (.*); this fit needs (.*)",
            "{0} tiene forma {1}; este ajuste necesita {2}",
        ),
        (r"'(.*)' is not one of (.*?)\.?", "'{0}' no es uno de {1}"),
        (r"(.*) is not one of (.*)", "{0} no es uno de {1}"),
        (
            r"--exclude (.*): no such column \(the columns: (.*)\)",
            "--exclude {0}: no existe esa columna (las columnas: {1})",
        ),
        (
            r"--exclude (.*): (.*) is not a feature column",
            "--exclude {0}: {1} no es una columna de características",
        ),
        (
            r"read (.*): delimiter (.*), decimal (.*), encoding (.*)",
            "leído {0}: separador {1}, decimal {2}, codificación {3}",
        ),
        (r"wrote (\d+) predictions to (.*)", "escritas {0} predicciones en {1}"),
        (r"wrote (.*) \((\d+) rows\) to (.*)", "escrito {0} ({1} filas) en {2}"),
        (r"(\w+) trained on (.*)", "{0} entrenado con {1}"),
        (r"history \((\d+) epochs\)", "historial ({0} épocas)"),
        (
            r"(.*): (\d+) missing value\(s\) in (\d+) column\(s\): (.*): pass --missing drop to "
            r"leave those rows out, or --missing mean to fill them \(numbers: the column mean; "
            r"text: its most frequent value\)",
            "{0}: {1} valor(es) faltante(s) en {2} columna(s): {3}: usa --missing drop para "
            "descartar esas filas, o --missing mean para rellenarlos (números: la media de la "
            "columna; texto: su valor más frecuente)",
        ),
        (
            r"the (\d+) training rows arrive sorted by class \((.*)\) and mode='(\w+)' visits "
            r"them in that order, so each class's stretch undoes the last; pass shuffle=True "
            r"\(--shuffle on the command line\) to visit them in a fresh random order every "
            r"epoch",
            "las {0} filas de entrenamiento llegan ordenadas por clase ({1}) y el modo '{2}' "
            "las recorre en ese orden, así que el tramo de cada clase deshace el anterior: "
            "usa --shuffle para recorrerlas en un orden aleatorio nuevo en cada época",
        ),
        (
            r"the (\d+) training rows arrive sorted by class \((.*)\) and --mode (\w+) "
            r"visits them in that order, so each class's stretch undoes the last; pass "
            r"--shuffle to visit them in a fresh random order every epoch",
            "las {0} filas de entrenamiento llegan ordenadas por clase ({1}) y --mode {2} "
            "las recorre en ese orden, así que el tramo de cada clase deshace el anterior: "
            "usa --shuffle para recorrerlas en un orden aleatorio nuevo en cada época",
        ),
        # the library's messages (neurona.errors) that a command-line user meets
        (
            r"(.*): no target column (.*?) \(the file's columns: (.*)\): pass a "
            r"column name or an index from (\d+) to (\d+)",
            "{0}: no existe la columna objetivo {1} (las columnas del archivo: {2}): indica un "
            "nombre de columna o un índice de {3} a {4}",
        ),
        (
            r"(.*): no feature column (.*?) \(the file's columns: (.*)\): pass a "
            r"column name or an index from (\d+) to (\d+)",
            "{0}: no existe la columna de características {1} (las columnas del archivo: {2}): "
            "indica un nombre de columna o un índice de {3} a {4}",
        ),
        (
            r"(.*): no column to keep (.*?) \(the file's columns: (.*)\): pass a column name "
            r"or an index from (\d+) to (\d+)",
            "{0}: no existe la columna a conservar {1} (las columnas del archivo: {2}): "
            "indica un nombre de columna o un índice de {3} a {4}",
        ),
        (
            r"(.*): no column to keep (.*?) \(the file's columns: (.*)\): pass a column name "
            r"or an index from (\d+) to (\d+); a name holding a comma is written in double "
            r"quotes, as in '(.*)'",
            "{0}: no existe la columna a conservar {1} (las columnas del archivo: {2}): "
            "indica un nombre de columna o un índice de {3} a {4}; un nombre que contiene una "
            "coma se escribe entre comillas dobles, como en '{5}'",
        ),
        (r"'(.*)' \(did you mean (.*)\?\)", "'{0}' (¿quisiste decir {1}?)"),
        (
            r"(.*): no target column '(.*)': the file reads as one column \((.*)\), so it is "
            r"delimited by another character: pass the one it uses, e.g\. (.*)",
            "{0}: no existe la columna objetivo '{1}': el archivo se lee como una sola "
            "columna ({2}), así que lo separa otro carácter: indica el que usa, p. ej. {3}",
        ),
        (
            r"(.*): column '(.*)' at (.*?) holds '(.*)', which is not a number: feature "
            r"columns must be numeric; leave it out with (--features|--exclude), or pass "
            r"--one-hot to encode its values as 0/1 columns",
            "{0}: la columna '{1}' en {2} contiene '{3}', que no es un número: las "
            "columnas de características deben ser numéricas; déjala fuera con {4}, o usa "
            "--one-hot para codificar sus valores como columnas 0/1",
        ),
        (
            r"(.*): column '(.*)' at (.*?) holds '(.*)', which is not a number: feature "
            r"columns must be numeric; leave it out with (--features|--exclude)",
            "{0}: la columna '{1}' en {2} contiene '{3}', que no es un número: las "
            "columnas de características deben ser numéricas; déjala fuera con {4}",
        ),
        (
            r"(.*): column '(.*)' at (.*?) holds '(.*)', which is not a number: feature "
            r"columns must be numeric",
            "{0}: la columna '{1}' en {2} contiene '{3}', que no es un número: las "
            "columnas de características deben ser numéricas",
        ),
        (
            r"(.*): the data file does not exist(.*): check the path",
            "{0}: el archivo de datos no existe{1}: revisa la ruta",
        ),
        (
            r"(.*): cannot read the data file \((.*)\)",
            "{0}: no se puede leer el archivo ({1:el sistema})",
        ),
        (r" \(a broken link\)", " (un enlace roto)"),
        # sparse data files (svmlight, sparse .npz; neurona.data.sparse_files)
        (
            r"the text dataset is sparse: write it to a file ending in (.*), not (.*)",
            "el conjunto text es disperso: escríbelo en un archivo terminado en {0}, no en {1}",
        ),
        (
            r"--n-features (\S+) is below --nnz-per-row (\S+): each row keeps that many distinct "
            r"columns",
            "--n-features {0} es menor que --nnz-per-row {1}: cada fila guarda esa cantidad de "
            "columnas distintas",
        ),
        (
            r"(.*) is a neurona model file, not data: give a data file \(CSV, TSV, Parquet, NPY, "
            r"NPZ, svmlight or a sparse \.npz\)",
            "{0} es un archivo de modelo de neurona, no de datos: indica un archivo de datos "
            "(CSV, TSV, Parquet, NPY, NPZ, svmlight o un .npz disperso)",
        ),
        (
            r"(.*) is a sparse data file, not a model: give the model file first, then the data",
            "{0} es un archivo de datos dispersos, no un modelo: indica primero el archivo del "
            "modelo y luego los datos",
        ),
        (
            r"--scale (\w+) would turn the zeros of the sparse file (.*) into other values and "
            r"make it dense: scale the values before writing the file \(scikit-learn's "
            r"MaxAbsScaler keeps the zeros\), or leave out --scale",
            "--scale {0} convertiría los ceros del archivo disperso {1} en otros valores y lo "
            "volvería denso: escala los valores antes de escribir el archivo (MaxAbsScaler de "
            "scikit-learn conserva los ceros), o quita --scale",
        ),
        (
            r"the sparse file (.*) has no named columns: leave out (.*) \(for CSV, TSV, "
            r"Parquet, NPY and NPZ files\)",
            "el archivo disperso {0} no tiene columnas con nombre: quita {1} (son para archivos "
            "CSV, TSV, Parquet, NPY y NPZ)",
        ),
        (
            r"(.*) is sparse and (--backend \S+|--device) takes dense data only: leave it out, "
            r"or train with (.*)",
            "{0} es disperso y {1} solo admite datos densos: quítalo, o entrena con {2}",
        ),
        (r"(--backend \S+) or (--backend .*)", "{0} o {1}"),
        (
            r"(.*) is a sparse file: this command reads files of named columns; `neurona "
            r"train`, `predict` and `evaluate` read sparse files",
            "{0} es un archivo disperso: este comando lee archivos de columnas con nombre; "
            "`neurona train`, `predict` y `evaluate` leen archivos dispersos",
        ),
        (
            r"(.*): the archive holds no array y: pass --target COLUMN_INDEX \(the matrix column "
            r"that holds the target\)",
            "{0}: el archivo no contiene el arreglo y: indica --target ÍNDICE_DE_COLUMNA (la "
            "columna de la matriz que contiene el objetivo)",
        ),
        (
            r"the model preprocesses named columns \(scaling, missing values or one-hot "
            r"encoding\), which the sparse file (.*) does not have: use a model trained on a "
            r"sparse file",
            "el modelo preprocesa columnas con nombre (escalado, valores faltantes o "
            "codificación one-hot), que el archivo disperso {0} no tiene: usa un modelo "
            "entrenado con un archivo disperso",
        ),
        (
            r"(.*): an svmlight file holds its target as each line's first field: leave out "
            r"--target",
            "{0}: un archivo svmlight lleva su objetivo como primer campo de cada línea: quita "
            "--target",
        ),
        (
            r"(.*): the file has no data rows: give a file with at least one",
            "{0}: el archivo no tiene filas de datos: indica uno con al menos una",
        ),
        (
            r"(.*), line (\S+): index 0, but the indices are read as counting from 1 \(as the "
            r"model's training file was\): write them from 1, or say `# Column indices are "
            r"zero-based` in the file's first line",
            "{0}, línea {1}: índice 0, pero los índices se leen contando desde 1 (como el "
            "archivo de entrenamiento del modelo): escríbelos desde 1, o pon `# Column indices "
            "are zero-based` en la primera línea del archivo",
        ),
        (
            r"(.*), line (\S+): feature index (\S+) is beyond the (\S+) features the file's "
            r"header declares \(n_features (\S+)\)",
            "{0}, línea {1}: el índice de característica {2} excede las {3} características que "
            "declara la cabecera del archivo (n_features {4})",
        ),
        (
            r"(.*): the file's header declares (\S+) features \(n_features (\S+)\) but the model "
            r"reads (\S+): its columns are another hashing or vocabulary; predict with a model "
            r"trained on files of that width",
            "{0}: la cabecera del archivo declara {1} características (n_features {2}) pero el "
            "modelo lee {3}: sus columnas son otro hashing u otro vocabulario; predice con un "
            "modelo entrenado con archivos de ese ancho",
        ),
        (
            r"(.*), line (\S+): feature index (\S+) is beyond the (\S+) features the model reads "
            r"\(indices (\S+) to (\S+)\): predict with a model trained on as many columns",
            "{0}, línea {1}: el índice de característica {2} excede las {3} características que "
            "lee el modelo (índices {4} a {5}): predice con un modelo entrenado con tantas "
            "columnas",
        ),
        (
            r"(.*): not a readable svmlight/libsvm file(.*): each line must be `label index:value "
            r"index:value \.\.\.`, indices increasing",
            "{0}: no es un archivo svmlight/libsvm legible{1}: cada línea debe ser `label "
            "index:value index:value ...`, con índices crecientes",
        ),
        (
            r"(.*), line (\S+): (.*) \(`(.*)`\): each line must be `label index:value index:value "
            r"\.\.\.`, indices increasing",
            "{0}, línea {1}: {2} (`{3}`): cada línea debe ser `label index:value index:value "
            "...`, con índices crecientes",
        ),
        (
            r"the label '(.*)' is not a number",
            "la etiqueta '{0}' no es un número",
        ),
        (
            r"the label (.*) is not a finite number",
            "la etiqueta {0} no es un número finito",
        ),
        (
            r"'(.*)' is not index:value",
            "'{0}' no tiene la forma index:value",
        ),
        (
            r"the index '(.*)' is not a whole number",
            "el índice '{0}' no es un número entero",
        ),
        (
            r"the value '(.*)' is not a number",
            "el valor '{0}' no es un número",
        ),
        (
            r"the value (.*) of index (\S+) is not a finite number",
            "el valor {0} del índice {1} no es un número finito",
        ),
        (
            r"the index (\S+) is out of range",
            "el índice {0} está fuera de rango",
        ),
        (
            r"the indices are not increasing \((\S+) after (\S+)\)",
            "los índices no son crecientes ({0} después de {1})",
        ),
        (
            r"(.*): a sparse \.npz archive of format '(.*)' needs the arrays (.*) \(as "
            r"scipy\.sparse\.save_npz writes them\); it lacks (.*)",
            "{0}: un archivo .npz disperso de formato '{1}' necesita los arreglos {2} (como los "
            "escribe scipy.sparse.save_npz); le falta {3}",
        ),
        (
            r"(.*): a sparse \.npz archive needs the arrays data, format and shape and the "
            r"format's index arrays \(as scipy\.sparse\.save_npz writes them\); it holds (.*)",
            "{0}: un archivo .npz disperso necesita los arreglos data, format y shape y los "
            "arreglos de índices de su formato (como los escribe scipy.sparse.save_npz); "
            "contiene {1}",
        ),
        (
            r"(.*): not a readable sparse \.npz archive \((.*)\)",
            "{0}: no es un archivo .npz disperso legible ({1})",
        ),
        (
            r"(.*): the matrix holds (\S+) values; give real numbers",
            "{0}: la matriz contiene valores {1}; da números reales",
        ),
        (
            r"(.*): row (\S+), column (\S+) holds (.*), which is not a finite number: fix or drop "
            r"that row",
            "{0}: la fila {1}, columna {2} contiene {3}, que no es un número finito: corrígela o "
            "quita esa fila",
        ),
        (
            r"(.*): y has shape (.*), X has (\S+) rows",
            "{0}: y tiene forma {1}, X tiene {2} filas",
        ),
        (
            r"(.*): the target of a sparse \.npz is a column index \((\S+) to (\S+)\) or 'y', "
            r"not (.*)",
            "{0}: el objetivo de un .npz disperso es un índice de columna ({1} a {2}) o 'y', no "
            "{3}",
        ),
        (
            r"(.*): no column (\S+): pass an index from (\S+) to (\S+)",
            "{0}: no existe la columna {1}: indica un índice de {2} a {3}",
        ),
        (
            r"(.*): a sparse matrix in format '(.*)': save it as CSR, CSC or COO "
            r"\(scipy\.sparse\.save_npz\)",
            "{0}: una matriz dispersa en formato '{1}': guárdala como CSR, CSC o COO "
            "(scipy.sparse.save_npz)",
        ),
        (
            r"(.*): the matrix shape (.*) is not \(rows, columns\)",
            "{0}: la forma de la matriz {1} no es (filas, columnas)",
        ),
        (
            r"(.*): the array (row|col) holds (\S+), not integers",
            "{0}: el arreglo {1} contiene {2}, no enteros",
        ),
        (
            r"(.*): the array (row|col) holds indices outside 0 to (\S+)",
            "{0}: el arreglo {1} contiene índices fuera de 0 a {2}",
        ),
        (
            r"(.*): (\S+) feature columns but the model reads (\S+): predict with a model trained "
            r"on as many columns",
            "{0}: {1} columnas de características pero el modelo lee {2}: predice con un modelo "
            "entrenado con tantas columnas",
        ),
        (
            r"(.*): column '(.*)' has a missing value at (.*?): fill it in or drop that "
            r"row \(in a number column, empty fields, NaN in any spelling and (.*) count as "
            r"missing\)",
            "{0}: la columna '{1}' tiene un valor faltante en {2}: rellénalo o quita esa fila "
            "(en una columna de números, los campos vacíos, NaN escrito de cualquier forma y "
            "{3} cuentan como faltantes)",
        ),
        (
            r"(.*): column '(.*)' has a missing value at (.*?): fill it in or drop that "
            r"row \(a null or NaN value\)",
            "{0}: la columna '{1}' tiene un valor faltante en {2}: rellénalo o quita esa fila "
            "(un valor nulo o NaN)",
        ),
        (
            r"(.*): column '(.*)' has a missing value at (.*?): fill it in or drop that "
            r"row \(an empty field; in a class-label column any other text, NA and null "
            r"too, is a label\)",
            "{0}: la columna '{1}' tiene un valor faltante en {2}: rellénalo o quita esa fila "
            "(un campo vacío; en una columna de etiquetas de clase cualquier otro texto, "
            "también NA y null, es una etiqueta)",
        ),
        (
            r"(.*): column '(.*)' holds (\d+) value\(s\) not seen in training \((.*)\): they "
            r"get 0 in every (.*) column",
            "{0}: la columna '{1}' contiene {2} valor(es) no visto(s) en el entrenamiento "
            "({3}): reciben 0 en todas las columnas {4}",
        ),
        (
            r"column '(.*)' holds numbers written with a decimal comma \((.*)\), not text to "
            r"one-hot encode: pass --decimal ',' to read them as numbers",
            "la columna '{0}' contiene números escritos con coma decimal ({1}), no texto que "
            "codificar con --one-hot: usa --decimal ',' para leerlos como números",
        ),
        (
            r"(.*): (\d+) missing value\(s\) in (\d+) column\(s\): (.*): fill them in or drop "
            r"those rows \(in number columns, empty fields, NaN in any spelling and (.*) count "
            r"as missing; in a "
            r"class-label column, empty fields only\); on the command line, "
            r"--missing drop leaves them out and --missing mean fills them",
            "{0}: {1} valor(es) faltante(s) en {2} columna(s): {3}: rellénalos o quita esas "
            "filas (en las columnas de números, los campos vacíos, NaN escrito de cualquier "
            "forma y {4} cuentan como "
            "faltantes; en una columna de etiquetas de clase, solo los campos vacíos); en la "
            "línea de comandos, --missing drop las descarta y --missing mean los rellena",
        ),
        (r"(.*), ('.*' \d+ \(first at data row \d+\))", "{0}, {1}"),
        (r"('.*') (\d+) \(first at data row (\d+)\)", "{0} {1} (el primero en la fila {2})"),
        (r"Input should be greater than or equal to (\S+)", "debe ser mayor o igual que {0}"),
        (r"Input should be greater than (\S+)", "debe ser mayor que {0}"),
        (r"Input should be less than or equal to (\S+)", "debe ser menor o igual que {0}"),
        (r"Input should be less than (\S+)", "debe ser menor que {0}"),
        (r"Input should be a valid integer(?:,.*)?", "debe ser un número entero"),
        (r"Input should be a valid number(?:,.*)?", "debe ser un número"),
        (
            r"(.+?)\((.+?)\) is not valid; pass (an integer|a finite float64 number) (>=|>) "
            r"(\S+)( and <= \d+)?( or None)?",
            "{0}({1}) no es válido; indica {2} {3} {4}{5}{6}",
        ),
        (r"(.*) is not a valid (integer|float)\.?", "{0} no es un número válido"),
        (
            r"wrote (.*) \((\d+) frames of (\d+), one per (update|epoch); (.*) px\)",
            "escrito {0} ({1} cuadros de {2}, uno por {3}; {4} px)",
        ),
        (
            r"wrote (.*) \((\d+) sections, (.*) s(?:; skipped \(missing modules\): (.*))?\)",
            "escrito {0} ({1} secciones, {2} s; módulos que faltan: {3})",
        ),
        (r"wrote (.*)", "escrito {0}"),
        (
            r"training is diverging in epoch (\d+): the loss grew from (\S+) to (\S+), in one "
            r"epoch, with (.*); the weights before that epoch are kept\. Lower the learning "
            r"rate \(--learning-rate auto picks a step that cannot overshoot\), or standardise "
            r"the features( \(--scale standard\))?\.",
            "el entrenamiento diverge en la época {0}: la pérdida creció de {1} a {2} en una "
            "época, con {3}; se conservan los pesos de antes de esa época. Baja la tasa de "
            "aprendizaje (--learning-rate auto elige un paso que no se pasa), o estandariza "
            "las características{4}.",
        ),
        (r"cannot load model (.*?): (.*?); (.*)", "no se puede cargar el modelo {0}: {1}; {2}"),
        (r"cannot load model (.*?): (.*)", "no se puede cargar el modelo {0}: {1}"),
        (r"it does not exist \((.*)\)", "no existe"),
        (r"its folder (.*) does not exist \((.*)\)", "su carpeta {0} no existe"),
        (
            r"it is not a neurona model file \((.*)\)",
            "no es un archivo de modelo de neurona ({0})",
        ),
        (r"not a zip archive", "no es un archivo zip"),
        (
            r"this user may not read it \(or a folder on its path\) \((.*)\)",
            "este usuario no puede leerlo (o una carpeta de su ruta)",
        ),
        (
            r"check the path: a model file is written by `neurona train \.\.\. --out`",
            "revisa la ruta: un archivo de modelo lo escribe `neurona train ... --out`",
        ),
        (
            r"re-save the model with (?:neurona's )?(.*)",
            "vuelve a guardar el modelo con {0}",
        ),
        (
            r"make it readable \(e\.g\. chmod u\+r on the file, u\+x on its folders\) or "
            r"copy it",
            "hazlo legible (p. ej. chmod u+r en el archivo, u+x en sus carpetas) o cópialo",
        ),
        (
            r"(.*) is a (regression|classification) task; use --model (.*)",
            "{0} es una tarea de {1}; usa --model {2}",
        ),
        (r"regression", "regresión"),
        (r"classification", "clasificación"),
        (r"dataset '(.*)'", "conjunto '{0}'"),
        (
            r"the data have (\d+) feature column\(s\); drawing needs (\d+)",
            "los datos tienen {0} columna(s) de características; el dibujo necesita {1}",
        ),
        (
            r"--plot-features (.*): (.*) is not a feature column \(features: (.*)\); give (\d+) "
            r"name\(s\) or column number\(s\) (.*)",
            "--plot-features {0}: {1} no es una columna de características (características: "
            "{2}); indica {3} nombre(s) o número(s) de columna {4}",
        ),
        (
            r"--plot-features (.*): the file has no column (\d+) \(its columns, from 0: (.*)\)",
            "--plot-features {0}: el archivo no tiene la columna {1} (sus columnas, desde 0: {2})",
        ),
        (
            r"--plot-features (.*): give (\d+) different feature column\(s\), separated by "
            r"commas",
            "--plot-features {0}: indica {1} columnas de características distintas, separadas "
            "por comas",
        ),
        (r"(.*): (No such file or directory|Permission denied|Is a directory)", "{0}: {1}"),
        (r"No such file or directory", "no existe el archivo o la carpeta"),
        (r"Permission denied", "permiso denegado"),
        (r"Is a directory", "es una carpeta"),
        # the system's reason (an OSError's strerror) after a path, or in parentheses
        (rf"(.*): ({_STRERRORS})", "{0}: {1:el sistema}"),
        (rf"(.*) \(({_STRERRORS})\)", "{0} ({1:el sistema})"),
        # reasons of pyarrow, NumPy, zipfile, zlib and the decompressors, with varying parts
        (
            r"EOF: reading array header, expected (\d+) bytes got (\d+)",
            "el archivo termina en la cabecera del array: se esperaban {0} bytes y hay {1}",
        ),
        (
            r"EOF: reading array data, expected (\d+) bytes got (\d+)",
            "el archivo termina en los datos del array: se esperaban {0} bytes y hay {1}",
        ),
        (
            r"cannot reshape array of size (\d+) into shape (.*)",
            "no se puede dar la forma {1} a un array de {0} valores",
        ),
        (
            r"Parquet file size is (\d+) bytes, smaller than the size reported by footer's "
            r"\((\d+) ?bytes\)",
            "el archivo Parquet ocupa {0} bytes, menos que los {1} que declara su pie",
        ),
        (
            r"Parquet file size is (\d+) bytes, smaller than the minimum file footer "
            r"\((\d+) ?bytes\)",
            "el archivo Parquet ocupa {0} bytes, menos que el pie más corto posible ({1} bytes)",
        ),
        (
            r"(\d+) of (\d+) rows have labels the model never saw \((.*)\): they count as "
            r"wrong in the accuracy",
            "{0} de {1} filas tienen etiquetas que el modelo nunca vio ({2}): cuentan como "
            "errores en la exactitud",
        ),
        (r"Parquet file size is 0 bytes", "el archivo Parquet está vacío (0 bytes)"),
        (
            r"Couldn't deserialize thrift: (.*)",
            "no se pueden leer los metadatos (thrift) del archivo: {0:pyarrow}",
        ),
        (
            r"Error (-?\d+) while decompressing data: (.*)",
            "error {0} al descomprimir los datos: {1:zlib}",
        ),
        (r"zlib inflate failed: (.*)", "zlib no pudo descomprimir los datos: {0:zlib}"),
        (r"Bad CRC-32 for file (.*)", "el miembro {0} está dañado (su CRC-32 no coincide)"),
        (r"Not a gzipped file \((.*)\)", "no es un archivo gzip (empieza por {0})"),
        (r"unknown encoding: (.*)", "codificación desconocida: {0}"),
        (
            r"Unable to allocate (.+) for an array with shape (.+) and data type (.+)",
            "no se pueden reservar {0} para un array de forma {1} y tipo {2}",
        ),
        (r"No module named (.*)", "no existe el módulo {0}"),
        (
            r"the perceptron still made (\d+) update\(s\) in its last epoch \((\d+)\): the "
            r"data may not be linearly separable \(check with "
            r"(?:neurona.check_separability\(X, y\)|`neurona separable`)\), or it needs more "
            r"epochs",
            "el perceptrón aún hizo {0} actualización(es) en su última época ({1}): puede que "
            "los datos no sean linealmente separables (compruébalo con `neurona separable`), "
            "o necesita más épocas",
        ),
    ]
]
