# ruff: noqa: E501
"""The library's messages in Spanish, for the command line (:func:`neurona._i18n.message`).

Each entry is an English message as it reaches the command line's translator (after
``neurona.cli._cli_syntax``: ``--learning-rate 0.5`` where the library says
``learning_rate=0.5``), with ``{}`` for each part that varies, and on the next line,
after ``= ``, its Spanish, with ``{}`` for those parts in order or ``{0}``, ``{1}``, ...
where Spanish orders them otherwise. A part is translated in turn where it is itself a
known message (the reason inside "cannot load model ...: REASON; FIX", a file's row).
Entries are separated by a blank line; ``{{`` and ``}}`` are literal braces.

Why a table of whole messages and not words: a Spanish sentence is not the English one
word by word. Why here and not at each ``raise``: the library's messages stay plain
English for Python users, and the command line alone speaks Spanish. The test
``tests/test_cli_round7.py`` lists every message the library raises or warns (its
``raise`` and ``warn`` calls, read from the source) and checks that each one, and a
sample of real failures of the command line, come out with no English sentence.
"""

from __future__ import annotations

__all__ = ["LIBRARY"]

_TEXT = r"""
no file matches {}: quote the glob so the shell leaves it
= ningún archivo coincide con {}: pon el patrón entre comillas para que la shell no lo expanda

no column {} in {}; the columns are {}
= no existe la columna {} en {}; las columnas son {}

no column(s) {} in {}; the columns are {}
= no existe(n) la(s) columna(s) {} en {}; las columnas son {}

no Dask scheduler answers at {} ({}): start one with `dask scheduler` (and workers with `dask worker ADDRESS`), or pass --scheduler local
= ningún planificador de Dask responde en {} ({:Dask}): inicia uno con `dask scheduler` (y trabajadores con `dask worker ADDRESS`), o usa --scheduler local

{} is a {} task; use --model {}
= {0} es una tarea de {1}; usa --model {2}

{} {}: exists and is not a folder: give a new or an existing folder (it receives {})
= {} {}: existe y no es una carpeta: indica una carpeta nueva o existente (recibe {})

--learning-rate {} is not a number or 'auto'
= --learning-rate {} no es un número ni 'auto'

the condition limit
= el límite de condición

its iteration limit
= su límite de iteraciones

the sparse least-squares solver (LSMR) stopped on {} after {} iterations for output {} without reaching its tolerance {}: the columns are (nearly) dependent; add a ridge penalty (alpha > 0), or pass max_iter larger than {}
= el resolutor disperso de mínimos cuadrados (LSMR) se detuvo por {} tras {} iteraciones para la salida {} sin alcanzar su tolerancia {}: las columnas son (casi) dependientes; añade una penalización ridge (alpha > 0), o usa un max_iter mayor que {}

a finite float64 number
= un número float64 finito

{} holds dates or times ({}): a neuron learns from numbers, and these would be read as raw tick counts (a date as nanoseconds since 1970); convert them to a number first (e.g. days since the first date, or the month as 1-12), or leave the column out
= {} contiene fechas u horas ({}): una neurona aprende de números, y estas se leerían como recuentos de ticks (una fecha como nanosegundos desde 1970); conviértelas antes en un número (p. ej. días desde la primera fecha, o el mes de 1 a 12), o deja fuera la columna

{}({}={}) is not valid; pass {} {} {}{}{}
= {}({}={}) no es válido; indica {} {} {}{}{}

Unknown label type: {} holds {}; a classifier takes {}: convert the labels{}
= Tipo de etiqueta desconocido: {} contiene {}; un clasificador admite {}: convierte las etiquetas{}

the data are a torch tensor on the meta device, which holds shapes but no values: create the tensor with its data (e.g. on the CPU) and pass that
= los datos son un tensor de torch en el dispositivo meta, que tiene formas pero no valores: crea el tensor con sus datos (p. ej. en la CPU) y pásalo

the data are a torch tensor on {}: pass them on the CPU (tensor.cpu()), and --device {} to train there (the data are copied once per fit)
= los datos son un tensor de torch en {}: pásalos en la CPU (tensor.cpu()), y --device {} para entrenar allí (los datos se copian una vez por ajuste)

the data are a sparse torch tensor ({}): neurona takes sparse data as a SciPy sparse matrix (scipy.sparse.csr_array) or dense data; pass tensor.to_dense() (it holds every value in memory)
= los datos son un tensor disperso de torch ({}): neurona admite datos dispersos como matriz dispersa de SciPy (scipy.sparse.csr_array) o datos densos; pasa tensor.to_dense() (guarda todos los valores en memoria)

{} is {}, an iterator: pass an array, a list or a DataFrame (e.g. list({}), or np.array(list({})))
= {} es {}, un iterador: pasa un array, una lista o un DataFrame (p. ej. list({}), o np.array(list({})))

{} is a structured (record) array with fields {}: structured arrays are not supported; pass a plain 2-D array (e.g. np.column_stack([{}[f] for f in {}.dtype.names])) or a DataFrame (pandas.DataFrame({}))
= {} es un array estructurado (de registros) con campos {}: los arrays estructurados no se admiten; pasa un array 2-D simple (p. ej. `np.column_stack([{}[f] for f in {}.dtype.names])`) o un DataFrame (pandas.DataFrame({}))

{} holds dates or times ({}), and a regression target must be numbers: these would be read as raw tick counts (a date as nanoseconds since 1970); convert them to a number first (e.g. days since the first date), or use a classifier if they are classes
= {} contiene fechas u horas ({}), y un objetivo de regresión debe ser numérico: se leerían como recuentos de ticks (una fecha como nanosegundos desde 1970); conviértelas antes en un número (p. ej. días desde la primera fecha), o usa un clasificador si son clases

{} holds bytes labels ({}): a model file keeps labels as text, so such a model could not be saved; decode them first (e.g. [v.decode() for v in {}])
= {} contiene etiquetas de bytes ({}): un archivo de modelo guarda las etiquetas como texto, así que ese modelo no podría guardarse; decodifícalas antes (p. ej. `[v.decode() for v in {}]`)

{} holds missing labels (NaT) at rows {}{}: a classifier needs a label for every sample; drop those rows or fill them in
= {} tiene etiquetas faltantes (NaT) en las filas {}{}: un clasificador necesita una etiqueta para cada muestra; quita esas filas o rellénalas

{} holds missing labels ({}) at rows {}{}: a classifier needs a label for every sample; drop those rows (e.g. y.notna() with pandas) or fill them in
= {} tiene etiquetas faltantes ({}) en las filas {}{}: un clasificador necesita una etiqueta para cada muestra; quita esas filas (p. ej. y.notna() con pandas) o rellénalas

Mix of label input types (string and number): {} holds {}; use labels of one type: all strings (e.g. [str(v) for v in {}]) or all numbers
= Mezcla de tipos de etiqueta (texto y número): {} contiene {}; usa etiquetas de un solo tipo: todas texto (p. ej. `[str(v) for v in {}]`) o todas números

Mix of label input types (string and bytes): {} holds {}; use labels of one type: decode the bytes (b.decode()) or encode the strings
= Mezcla de tipos de etiqueta (texto y bytes): {} contiene {}; usa etiquetas de un solo tipo: decodifica los bytes (b.decode()) o codifica el texto

{} holds integers outside the int64 range (e.g. {}): a classifier's integer labels must fit in 64 bits; pass the labels as strings (e.g. [str(v) for v in {}])
= {} contiene enteros fuera del rango de int64 (p. ej. {}): las etiquetas enteras de un clasificador deben caber en 64 bits; pasa las etiquetas como texto (p. ej. `[str(v) for v in {}]`)

{} is None: pass the true labels, one per sample
= {} es `None`: pasa las etiquetas verdaderas, una por muestra

Mix of label input types ({} and {}): {} holds {} (e.g. {}) but {}={} holds {}; pass labels of the type of {} (or refit on these labels)
= Mezcla de tipos de etiqueta ({} y {}): {} contiene {} (p. ej. {}) pero {}={} contiene {}; pasa etiquetas del tipo de {} (o vuelve a ajustar con estas etiquetas)

{} -> values beyond float64's range (about ±1.8e308) cannot be used: rescale them (e.g. divide by a power of 10) or drop them
= {} -> no se pueden usar valores fuera del rango de float64 (unos ±1.8e308): reescálalos (p. ej. divide por una potencia de 10) o descártalos

the data are a torch tensor of dtype {}, which NumPy cannot hold: convert it first (e.g. tensor.float())
= los datos son un tensor de torch de dtype {}, que NumPy no puede contener: conviértelo antes (p. ej. tensor.float())

{} holds the integer {} (row {}), which float64 cannot hold exactly (beyond ±2**53 = {}): neurona computes in float64 and would round it in silence; scale the column down (e.g. subtract its smallest value), or convert it to floating point if rounding is acceptable
= {} contiene el entero {} (fila {}), que float64 no puede representar con exactitud (más allá de ±2**53 = {}): neurona calcula en float64 y lo redondearía en silencio; reduce la escala de la columna (p. ej. resta su valor más pequeño), o conviértela a coma flotante si el redondeo es aceptable

{}({}={}) is not valid; use one of {}
= {}({}={}) no es válido; usa uno de {}

{} holds the label {}, which float64 cannot hold exactly: pass the labels as integers or strings
= {} contiene la etiqueta {}, que float64 no puede representar con exactitud: pasa las etiquetas como enteros o texto

{} at {} is beyond float64's range (about ±1.8e308): rescale the data (e.g. divide by a power of 10) or drop that row
= {} en {} está fuera del rango de float64 (unos ±1.8e308): reescala los datos (p. ej. divide por una potencia de 10) o quita esa fila

; leave device unset
= ; no indiques el dispositivo

sparse X needs {} (or 'auto'), not {}: its kernels take dense arrays only; or pass X.toarray() if it fits in memory
= X disperso necesita {} (o 'auto'), no {}: sus núcleos solo admiten arrays densos; o pasa X.toarray() si cabe en memoria

penalty and average need {} (or 'auto'), not {}: its compiled kernels do not apply them yet
= `penalty` y `average` necesitan {} (o 'auto'), no {}: sus núcleos compilados aún no los aplican

per-update callbacks need {}{}, not {}: the other backends do not call back in their loops
= las funciones de retorno por actualización necesitan {}{}, no {}: los otros backends no las llaman en sus bucles

--backend {} is not one of {} or 'auto'; pick one of those names
= --backend {} no es uno de {} ni 'auto'; elige uno de esos nombres

backend {} needs a package that is not installed ({}): {}
= el backend {} necesita un paquete que no está instalado ({}): {}

--device {} needs {} (or 'auto'), not {}: only a backend with devices runs on one
= --device {} necesita {} (o 'auto'), no {}: solo un backend con dispositivos se ejecuta en uno

the CSR kernels apply l2 on one output, per row only
= los núcleos CSR aplican l2 sobre una salida, solo por fila

the numba backend does not call back per update: use numpy
= el backend numba no llama a funciones por actualización: usa numpy

dot needs two 1-D arrays of one length, got {} and {}
= `dot` necesita dos arrays 1-D de la misma longitud, recibió {} y {}

run_epoch needs X (n, m), T (n, K), W (m, K) and b (K,); got X {}, T {}, W {}, b {}
= run_epoch necesita X (n, m), T (n, K), W (m, K) y b (K,); recibió X {}, T {}, W {}, b {}

run_epoch needs sample_weight {} like T; got {}
= run_epoch necesita sample_weight {} como T; recibió {}

run_epoch updates W and b in place: pass writeable arrays
= run_epoch actualiza W y b en su sitio: pasa arrays modificables

device must be a string such as 'cpu' or 'cuda', not {}
= el dispositivo debe ser un texto como 'cpu' o 'cuda', no {}

--device {}: neurona trains on {} devices, not {}
= --device {}: neurona entrena en dispositivos {}, no {}

--device {} but torch sees no CUDA device here (torch.cuda.is_available() is False); use --device cpu or leave it unset
= --device {} pero torch no ve ningún dispositivo CUDA aquí (torch.cuda.is_available() es False); usa --device cpu o no lo indiques

--device {} but torch sees {} CUDA device(s), numbered from 0; pick one of those
= --device {} pero torch ve {} dispositivo(s) CUDA, numerados desde 0; elige uno de ellos

the torch backend does not call back per update: use numpy
= el backend torch no llama a funciones por actualización: usa numpy

--device {} is not a torch device name; use e.g. 'cpu', 'cuda' or 'cuda:0'
= --device {} no es un nombre de dispositivo de torch; usa p. ej. 'cpu', 'cuda' o 'cuda:0'

{} is on {} but X is on {}; move both to one device (e.g. {}.to(X.device)) before training
= {} está en {} pero X está en {}; pon ambos en un mismo dispositivo (p. ej. `{}.to(X.device)`) antes de entrenar

threads must be 1 or None, got {}
= `threads` debe ser 1 o `None`, no {}

not JSON serialisable: {}
= no se puede serializar como JSON: {}

{}: --features {} (it reads {}): pass the model's feature columns, in any order (they are matched by name), or leave out --features
= {}: --features {} (lee {}): indica las columnas de características del modelo, en cualquier orden (se emparejan por nombre), o quita --features

{} has {} columns and the model reads {} features{}: pass --features (or --target to leave the target column out)
= {} tiene {} columnas y el modelo lee {} características{}: usa --features (o --target para dejar fuera la columna objetivo)

{} is not a positive number or 'auto'
= {} no es un número positivo ni 'auto'

{} is larger than {} MiB, so it would be read in chunks, and --plot needs the data in memory: pass --no-stream to load it whole (it must fit in memory), or leave out --plot
= {} ocupa más de {} MiB, así que se leería por partes, y --plot necesita los datos en memoria: usa --no-stream para cargarlo entero (debe caber en memoria), o quita --plot

--scheduler needs DATA (a quoted glob of Parquet files) and --target COL
= --scheduler necesita DATA (un patrón de archivos Parquet entre comillas) y --target COL

{}: {} feature columns selected but the model reads {}{}: pass --features with that many columns
= {}: se eligieron {} columnas de características pero el modelo lee {}{}: usa --features con ese número de columnas

{}: no column {}, which the model was trained on (it reads {}; the file has {}): name the columns as in training, or pass --features with the columns to use, in the model's order
= {}: al archivo le falta(n) {}, columna(s) con la(s) que se entrenó el modelo (lee {}; el archivo tiene {}): nombra las columnas como en el entrenamiento, o usa --features con las columnas a usar, en el orden del modelo

--keep {}: the output's prediction column has that name
= --keep {}: la columna de predicciones de la salida tiene ese nombre

{}: the model's output for data row {} is beyond the range of float64 (the row holds values up to {} in magnitude): neurona computes in float64; scale the features as in training, or drop that row
= {}: la salida del modelo para la fila de datos {} está fuera del rango de float64 (la fila tiene valores de hasta {} en magnitud): neurona calcula en float64; escala las características como en el entrenamiento, o quita esa fila

{}: the model predicts {} outputs but the file gives one target column: evaluate it from Python (model.score), or use a one-output model
= {}: el modelo predice {} salidas pero el archivo da una sola columna objetivo: evalúalo desde Python (model.score), o usa un modelo de una salida

{}: {} cannot be computed in float64: the errors or the true values are too large (the largest error is {}, at row {}; squares overflow above about 1.3e154): scale the target and the features as in training, or drop the rows with huge values
= {}: {} no se puede calcular en float64: los errores o los valores verdaderos son demasiado grandes (el mayor error es {}, en la fila {}; los cuadrados desbordan por encima de 1.3e154): escala el objetivo y las características como en el entrenamiento, o quita las filas con valores enormes

{} is not numbers separated by commas (rows by ';', all as long)
= {} no son números separados por comas (filas separadas por ';', todas de igual longitud)

{} holds NaN or infinity; give finite numbers
= {} contiene NaN o infinito; da números finitos

out of memory with {} in memory{}: pass --stream to read it in chunks
= memoria agotada con {} en memoria{}: usa --stream para leerlo por partes

--scheduler trains on the columns as they are: leave out --scale, --missing, --one-hot, --exclude and --decimal
= --scheduler entrena con las columnas tal como están: quita --scale, --missing, --one-hot, --exclude y --decimal

--scheduler trains on DATA files only: leave out --dataset, --plot and --stream
= --scheduler solo entrena con archivos DATA: quita --dataset, --plot y --stream

{} exists and is not a folder: give a new or an existing folder (it receives {})
= {} existe y no es una carpeta: indica una carpeta nueva o existente (recibe {})

--plot is not available in this installation ({})
= --plot no está disponible en esta instalación ({:Python})

the playground needs {}: pip install 'neurona[playground]'
= el playground necesita {}: pip install 'neurona[playground]'

{} is the input file {}: write to another file (an input is never overwritten)
= {} es el archivo de entrada {}: escribe en otro archivo (una entrada nunca se sobrescribe)

{} would be written twice (also by {}): give {} and {} different paths
= {} se escribiría dos veces (también por {}): da a {} y {} rutas distintas

unknown dataset {}; choose one of {} (`neurona datasets` lists them)
= conjunto de datos desconocido {}; elige uno de {} (`neurona datasets` los lista)

--n-samples {} must be at least 1
= --n-samples {} debe ser al menos 1

dataset {} is fixed; --n-samples applies to {}
= el conjunto {} es fijo; --n-samples se aplica a {}

(did you mean {}?)
= (¿quisiste decir {}?)

a regression target
= un objetivo de regresión

feature columns
= las columnas de características

{}: is {}, not a regular file: neurona reads data from regular files only (a file is read more than once); save the data to a file and pass its path
= {}: es {}, no un archivo normal: neurona solo lee datos de archivos normales (un archivo se lee más de una vez); guarda los datos en un archivo y pasa su ruta

{}: no {} column {}{} (the file's columns: {}): pass a column name or an index from 0 to {}
= {}: no existe la columna {} {}{} (las columnas del archivo: {}): indica un nombre de columna o un índice de 0 a {}

{}: {} at {} holds {}, which is beyond the range of float64 (magnitudes up to about 1.8e308): neurona computes in float64; scale the column down (another unit), or drop that row
= {}: {} en {} contiene {}, que está fuera del rango de float64 (magnitudes hasta unos 1.8e308): neurona calcula en float64; reduce la escala de la columna (otra unidad), o quita esa fila

{}: line {} holds NUL characters, which {} text does not: the file looks like UTF-16 or UTF-32 text, or is not a text file; save it as UTF-8, or pass its encoding with --encoding (e.g. --encoding utf-16)
= {}: la línea {} contiene caracteres NUL, que el texto {} no tiene: el archivo parece texto UTF-16 o UTF-32, o no es un archivo de texto; guárdalo como UTF-8, o indica su codificación con --encoding (p. ej. --encoding utf-16)

{}: cannot read the file ({}): it may be truncated or corrupted, or compressed in a way its name does not say
= {}: no se puede leer el archivo ({:Python}): puede estar truncado o dañado, o comprimido de un modo que su nombre no dice

{}: {} is not valid {} text: re-save the file as UTF-8, or pass its encoding with --encoding (e.g. --encoding latin-1)
= {}: {} no es texto {} válido: vuelve a guardar el archivo como UTF-8, o indica su codificación con --encoding (p. ej. --encoding latin-1)

{}: cannot read the file as CSV: {}
= {}: no se puede leer el archivo como CSV: {:pyarrow}

a {}-D array of {}
= un array {}-D de {}

{}: holds the arrays {}; an .npz data file holds X and, optionally, y (or one 2-D array): save them as np.savez(FILE, X=X, y=y)
= {}: contiene los arrays {}; un archivo de datos .npz contiene X y, si se quiere, y (o un único array 2-D): guárdalos como np.savez(FILE, X=X, y=y)

{}: a {} file cannot be {} compressed (only CSV and TSV files can): name it without {}, or decompress it first
= {}: un archivo {} no puede estar comprimido con {} (solo pueden los CSV y TSV): nómbralo sin {}, o descomprímelo antes

{}: the data file is a directory: give the path of a file
= {}: el archivo de datos es una carpeta: indica la ruta de un archivo

{}: no {} column {}: the first line ({}) was read as a row of data, not as column names, because some of its fields read as numbers; pass --header to read it as the header
= {}: no existe la columna {} {}: la primera línea ({}) se leyó como una fila de datos, no como nombres de columna, porque algunos de sus campos se leen como números; usa --header para leerla como cabecera

{}: no {} column {}: the file reads as one column ({}), so it is delimited by another character: pass the one it uses, e.g. --delimiter {}
= {}: no existe la columna {} {}: el archivo se lee como una sola columna ({}), así que lo separa otro carácter: indica el que usa, p. ej. --delimiter {}

{}: target column {} holds numbers with a fractional part (e.g. {}): a continuous target, not class labels; to predict these numbers train a regression (--model linear); {}
= {}: la columna objetivo {} contiene números con parte decimal (p. ej. {}): un objetivo continuo, no etiquetas de clase; para predecir esos números entrena una regresión (--model linear); {}

{}: target column {} has labels that differ only by spaces around them ({}): they are read as different classes; remove the spaces in the file if they name one class
= {}: la columna objetivo {} tiene etiquetas que solo difieren en espacios alrededor ({}): se leen como clases distintas; quita los espacios en el archivo si nombran una misma clase

{}: target column {} holds {} distinct numbers in {} rows (e.g. {}), read as as many classes: a continuous target? To predict the numbers train a regression (--model linear)
= {}: la columna objetivo {} contiene {} números distintos en {} filas (p. ej. {}), leídos como otras tantas clases: ¿un objetivo continuo? Para predecir los números entrena una regresión (--model linear)

{}: the file has no data rows: give a file with at least one
= {}: el archivo no tiene filas de datos: da un archivo con al menos una

{}: the first line is longer than {}: check the delimiter and the line endings of the file
= {}: la primera línea es más larga que {}: revisa el separador y los finales de línea del archivo

{}: {} at {} holds {}, an infinite value: {} must hold finite numbers; replace it, or drop that row
= {}: {} en {} contiene {}, un valor infinito: {} deben contener números finitos; reemplázalo, o quita esa fila

{}: unknown text encoding ({}): pass e.g. --encoding latin-1
= {}: codificación de texto desconocida ({:Python}): indica p. ej. --encoding latin-1

{}: the file is empty: it needs a header line and rows of data
= {}: el archivo está vacío: necesita una línea de cabecera y filas de datos

{}: {} has {} fields but the file has {} columns: fix that line (a missing field, or a delimiter inside an unquoted value), or pass the right --delimiter
= {}: {} tiene {} campos pero el archivo tiene {} columnas: corrige esa línea (un campo que falta, o un separador dentro de un valor sin comillas), o indica el --delimiter correcto

{}: column {}{} holds {}, which is not a number{}: feature columns must be numeric; leave it out with --features, or pass --one-hot to encode its values as 0/1 columns
= {}: la columna {}{} contiene {}, que no es un número{}: las columnas de características deben ser numéricas; déjala fuera con --features, o usa --one-hot para codificar sus valores como columnas 0/1

{}: column {} holds the integer {} at {} {}, which float64 cannot hold exactly (beyond ±2**53 = {}): neurona computes in float64; scale the column down, or store it as floating point if rounding is acceptable
= {}: la columna {} contiene el entero {} en {} {}, que float64 no puede representar con exactitud (más allá de ±2**53 = {}): neurona calcula en float64; reduce la escala de la columna, o guárdala en coma flotante si el redondeo es aceptable

{}: holds {}; a data file needs a 2-D numeric array (n_samples, n_columns), or an .npz with arrays X and y
= {}: contiene {}; un archivo de datos necesita un array numérico 2-D (n_samples, n_columns), o un .npz con arrays X e y

unknown format {}; use one of {}
= formato desconocido {}; usa uno de {}

{}: cannot tell the format from the extension {}; name the file *.csv, *.tsv, *.parquet, *.npy or *.npz, or pass --format
= {}: no se sabe el formato por la extensión {}; nombra el archivo *.csv, *.tsv, *.parquet, *.npy o *.npz, o usa --format

--decimal must be '.' or ',', got {}
= --decimal debe ser '.' o ',', no {}

target_kind={}: use 'labels' or 'numbers'
= target_kind={}: usa 'labels' o 'numbers'

--label-type {}: use one of {}
= --label-type {}: usa uno de {}

{}: no feature columns are left besides the target {}: the file needs at least one feature column
= {}: no quedan columnas de características además del objetivo {}: el archivo necesita al menos una columna de características

{}: column {} is both the target and a feature: leave it out of --features
= {}: la columna {} es a la vez el objetivo y una característica: quítala de --features

{}: a feature column is named twice in --features
= {}: una columna de características aparece dos veces en --features

{}: no target column was given: pass --target
= {}: no se indicó la columna objetivo: usa --target

{}: the file has a header line but no data rows: add rows of data below the header
= {}: el archivo tiene una línea de cabecera pero ninguna fila de datos: añade filas de datos bajo la cabecera

--delimiter must be one character, got {}
= --delimiter debe ser un solo carácter, no {}

{}: the header names column(s) {} more than once: rename them
= {}: la cabecera nombra la(s) columna(s) {} más de una vez: cámbiales el nombre

{}: column(s) {} have no name in the header and hold values: they are left out of the features; give them a name in the header, or pick them with --features
= {}: la(s) columna(s) {} no tienen nombre en la cabecera y contienen valores: se dejan fuera de las características; ponles un nombre en la cabecera, o elígelas con --features

{}: the quote (") that opens a field on line {} is never closed: a quoted field must end with a quote (a quote inside it is written twice, ""); add the closing quote on that line, or remove the opening one
= {}: la comilla (") que abre un campo en la línea {} nunca se cierra: un campo entre comillas debe terminar con una comilla (una comilla dentro de él se escribe dos veces, ""); añade la comilla de cierre en esa línea, o quita la de apertura

{}: the file is empty: it needs rows of numbers (and may start with a header line)
= {}: el archivo está vacío: necesita filas de números (y puede empezar con una línea de cabecera)

{}: target column {}{} holds {}, which is not a number{}: a regression target must be numeric; for class labels use a classifier (--model perceptron or adaline)
= {}: la columna objetivo {}{} contiene {}, que no es un número{}: un objetivo de regresión debe ser numérico; para etiquetas de clase usa un clasificador (--model perceptron o adaline)

{}: target column {} has type {}: class labels must be text, integers, numbers or booleans; choose another --target, or store the labels as one plain column
= {}: la columna objetivo {} es de tipo {}: las etiquetas de clase deben ser texto, enteros, números o booleanos; elige otro --target, o guarda las etiquetas como una columna simple

{}: target column {} has type {}, not numbers: a regression target must be numeric (use a classifier for labels)
= {}: la columna objetivo {} es de tipo {}, no números: un objetivo de regresión debe ser numérico (usa un clasificador para etiquetas)

{}: not a readable NumPy file (it starts like neither an .npy nor an .npz file): check that the file is complete, or that its extension matches its format
= {}: no es un archivo NumPy legible (no empieza como un archivo .npy ni .npz): comprueba que el archivo está completo, o que su extensión corresponde a su formato

{}: 'y' is the target array, not a feature column
= {}: 'y' es el array objetivo, no una columna de características

{}: y has shape {} but X has {} rows: y must be 1-D with one entry per row of X
= {}: y tiene forma {} pero X tiene {} filas: y debe ser 1-D con una entrada por fila de X

{}: --decimal applies to CSV and TSV files, not to {} files (their numbers are stored as numbers): leave it out
= {}: --decimal se aplica a archivos CSV y TSV, no a archivos {} (sus números se guardan como números): quítalo

{}: {} is not a text encoding: pass one such as utf-8, latin-1 or cp1252 (--encoding latin-1)
= {}: {} no es una codificación de texto: indica una como utf-8, latin-1 o cp1252 (--encoding latin-1)

{}: not a readable Parquet file ({}): check that the file is complete, or that its extension matches its format
= {}: no es un archivo Parquet legible ({:pyarrow}): comprueba que el archivo está completo, o que su extensión corresponde a su formato

{}: cannot read the Parquet file ({}): check that the file is complete
= {}: no se puede leer el archivo Parquet ({:pyarrow}): comprueba que el archivo está completo

{}: column {} has type {}, not numbers: feature columns must be numeric; leave it out with --features, or encode it
= {}: la columna {} es de tipo {}, no números: las columnas de características deben ser numéricas; déjala fuera con --features, o codifícala

{}: not a readable NumPy file ({}): the file may be truncated or corrupted; NumPy files must hold plain numeric arrays (no pickled objects)
= {}: no es un archivo NumPy legible ({:NumPy}): el archivo puede estar truncado o dañado; los archivos NumPy deben contener arrays numéricos simples (sin objetos pickle)

{}: the labels {} and {} of column {} both read as {}: keep them apart as text (--label-type text), or make them one label in the file
= {}: las etiquetas {} y {} de la columna {} se leen ambas como {}: mantenlas separadas como texto (--label-type text), o haz de ellas una sola etiqueta en el archivo

{}: the file holds only the line 'sep={}' (the delimiter, for Excel): it needs a header and rows of data
= {}: el archivo solo contiene la línea 'sep={}' (el separador, para Excel): necesita una cabecera y filas de datos

{}: a row after line {} is longer than {}, more than neurona reads in one piece: check the line endings and quotes of the file, or shorten that row
= {}: una fila después de la línea {} es más larga que {}, más de lo que neurona lee de una vez: revisa los finales de línea y las comillas del archivo, o acorta esa fila

{}: target column {} holds {}, not numbers: a regression target must be numeric (use a classifier for labels)
= {}: la columna objetivo {} contiene {}, no números: un objetivo de regresión debe ser numérico (usa un clasificador para etiquetas)

{}: the file has no rows
= {}: el archivo no tiene filas

{}: no column {}: pass an index from 0 to {}
= {}: no existe la columna {}: indica un índice de 0 a {}

{}: an svmlight file holds its target as each line's first field: leave out --target
= {}: un archivo svmlight lleva su objetivo en el primer campo de cada línea: quita --target

{}: not a readable sparse .npz archive ({})
= {}: no es un archivo .npz disperso legible ({:NumPy})

{}: y has shape {}, X has {} rows
= {}: y tiene forma {}, X tiene {} filas

{}: the target of a sparse .npz is a column index (0 to {}) or 'y', not {}
= {}: el objetivo de un .npz disperso es un índice de columna (0 a {}) o 'y', no {}

{}: not a readable svmlight/libsvm file ({}): each line must be `label index:value index:value ...`
= {}: no es un archivo svmlight/libsvm legible ({:scikit-learn}): cada línea debe ser `label index:value index:value ...`

{}: not a scipy.sparse.save_npz archive ({})
= {}: no es un archivo de scipy.sparse.save_npz ({})

{}: a sparse matrix in format {}: save CSR or CSC
= {}: una matriz dispersa en formato {}: guárdala como CSR o CSC

{}: training needs a target column: pass --target
= {}: el entrenamiento necesita una columna objetivo: usa --target

n_features must be an integer ≥ nnz_per_row ({}), got {}
= n_features debe ser un entero ≥ nnz_per_row ({}), no {}

zipf must be > 0, got {}
= zipf debe ser > 0, no {}

flip must be in [0, 0.5], got {}
= flip debe estar en [0, 0.5], no {}

dtype must be float32 or float64, got {}
= dtype debe ser float32 o float64, no {}

{} must be an integer ≥ {}, got {}
= {} debe ser un entero ≥ {}, no {}

{}: cannot tell the output format from the name (extension {}): name the file {}{}
= {}: no se sabe el formato de salida por el nombre (extensión {}): nombra el archivo {}{}

{}column {} holds values of types {}: a NumPy file holds numbers or text; write it as *.csv, *.tsv or *.parquet
= {}la columna {} contiene valores de tipos {}: un archivo NumPy contiene números o texto; escríbelo como *.csv, *.tsv o *.parquet

{}: column {} holds text, and an .npy file holds one array of numbers (or a single column of text): name the output {}.npz (arrays X and y), {}.csv, {}.tsv or {}.parquet
= {}: la columna {} contiene texto, y un archivo .npy contiene un solo array de números (o una sola columna de texto): nombra la salida {}.npz (arrays X e y), {}.csv, {}.tsv o {}.parquet

{}: unknown output format {}: choose one of {}
= {}: formato de salida desconocido {}: elige uno de {}

column {} has shape {}: write one 1-D array per column (split a 2-D array into one column per output)
= la columna {} tiene forma {}: escribe un array 1-D por columna (divide un array 2-D en una columna por salida)

{}column {} holds {}, which ends in a NUL character that a NumPy file cannot keep (its text drops trailing NULs): write it as *.csv, *.tsv or *.parquet
= {}la columna {} contiene {}, que termina en un carácter NUL que un archivo NumPy no puede conservar (su texto pierde los NUL finales): escríbelo como *.csv, *.tsv o *.parquet

sample_weight must be numbers (one per sample), got {}
= sample_weight deben ser números (uno por muestra), no {}

sample_weight has shape {} but X has {} samples: pass one weight per sample, shape ({},)
= sample_weight tiene forma {} pero X tiene {} muestras: pasa un peso por muestra, forma ({},)

sample_weight contains NaN or infinity: pass finite weights
= sample_weight contiene NaN o infinito: pasa pesos finitos

sample_weight contains negative weights (e.g. {} at sample {}); weights must be >= 0
= sample_weight contiene pesos negativos (p. ej. {} en la muestra {}); los pesos deben ser >= 0

every sample weight is zero: at least one sample must weigh more than 0
= todos los pesos de muestra son cero: al menos una muestra debe pesar más que 0

classes has shape {}: pass a flat list of every label, e.g. classes=np.unique(all_labels)
= `classes` tiene forma {}: pasa una lista plana de todas las etiquetas, p. ej. classes=np.unique(all_labels)

classes holds NaN or an infinity: a label must be a value
= `classes` contiene NaN o un infinito: una etiqueta debe ser un valor

classes holds None: a label must be a value
= `classes` contiene `None`: una etiqueta debe ser un valor

attribute {} = {} is out of range ({})
= el atributo {} = {} está fuera de rango ({})

its hyperparameter callbacks = {} is not null (callbacks are never saved)
= su hiperparámetro callbacks = {} no es null (las funciones de retorno nunca se guardan)

its hyperparameter random_state = {} is not a seed (null or an integer >= 0)
= su hiperparámetro random_state = {} no es una semilla (null o un entero >= 0)

its history of loss starts with {}, which a {} (trained by gradient steps) never records
= su historial de pérdida empieza con {}, que un {} (entrenado por pasos de gradiente) nunca registra

it names an unknown neuron {}
= nombra una neurona desconocida {}

its class_weight names the label {} more than once
= su class_weight nombra la etiqueta {} más de una vez

its class_weight names the label {}, which is not one of its classes_
= su class_weight nombra la etiqueta {}, que no es una de sus classes_

--random-state {} is not a seed ({}): pass None, an integer >= 0, or a numpy.random.Generator
= --random-state {} no es una semilla ({}): indica `None`, un entero >= 0, o un `numpy.random.Generator`

callbacks must be a list of callables (or None)
= `callbacks` debe ser una lista de funciones (o `None`)

{}(l1_ratio={}) is not valid; pass a number in [0, 1] (0: L2 only, 1: L1 only)
= {}(l1_ratio={}) no es válido; indica un número en [0, 1] (0: solo L2, 1: solo L1)

{}(validation_fraction={}) is not valid; pass a share of the rows strictly between 0 and 1
= {}(validation_fraction={}) no es válido; indica una fracción de las filas estrictamente entre 0 y 1

early_stopping applies to gradient training; --solver {} solves in closed form: use --solver gd, or early_stopping=False
= early_stopping se aplica al entrenamiento por gradiente; --solver {} resuelve en forma cerrada: usa --solver gd, o early_stopping=False

{}(average={}) is not valid; pass True, False, or the step (an integer >= 1) from which the weights are averaged
= {}(average={}) no es válido; indica True, False, o el paso (un entero >= 1) desde el que se promedian los pesos

penalty={} and average={} apply to gradient training; --solver {} solves in closed form{}: use --solver gd, or leave them at None and False
= penalty={} y average={} se aplican al entrenamiento por gradiente; --solver {} resuelve en forma cerrada{}: usa --solver gd, o déjalos en `None` y `False`

classes must be passed on the first call to partial_fit: partial_fit(X, y, classes=np.unique(all_labels))
= `classes` debe pasarse en la primera llamada a partial_fit: partial_fit(X, y, classes=np.unique(all_labels))

early_stopping: splitting {} samples with validation_fraction={} leaves an empty set ({} and {} samples); change validation_fraction, pass more samples, or set early_stopping=False
= early_stopping: dividir {} muestras con validation_fraction={} deja un conjunto vacío ({} y {} muestras); cambia validation_fraction, pasa más muestras, o usa early_stopping=False

early_stopping: splitting {} samples with validation_fraction={} leaves {} validation row, and R² (the score of a regression) needs at least 2; raise validation_fraction, pass more samples, or set early_stopping=False
= early_stopping: dividir {} muestras con validation_fraction={} deja {} fila de validación, y R² (la puntuación de una regresión) necesita al menos 2; sube validation_fraction, pasa más muestras, o usa early_stopping=False

early_stopping: the sample weights of the validation rows are all zero; use another random_state
= early_stopping: los pesos de las filas de validación son todos cero; usa otro random_state

chunks is an iterator, which can be read once only: pass a function that returns a fresh iterable of (X, y) chunks, or a list of them
= chunks es un iterador, que solo puede leerse una vez: pasa una función que devuelva un iterable nuevo de trozos (X, y), o una lista de ellos

fit_chunks needs classes=every label of the data (a classifier)
= fit_chunks necesita classes=todas las etiquetas de los datos (un clasificador)

--epochs {} must be an integer of at least 1
= --epochs {} debe ser un entero de al menos 1

this {} is not fitted yet: call fit(X, y) before save()
= este {} aún no está ajustado: llama a fit(X, y) antes de save()

its hyperparameters {} are not those of {}
= sus hiperparámetros {} no son los de {}

hyperparameters {} are not plain values
= los hiperparámetros {} no son valores simples

coef_ {} and intercept_ do not fit together
= coef_ {} e intercept_ no encajan

n_features_in_ does not match coef_ ({} columns)
= n_features_in_ no coincide con coef_ ({} columnas)

its history is not a dict of lists
= su historial no es un dict de listas

its history holds {}, not the {} of {}
= su historial contiene {}, no la {} de {}

it holds classes_, but a {} has no labels
= contiene classes_, pero un {} no tiene etiquetas

{} must be an array of numbers, got {}
= {} debe ser un array de números, no {}

{} has shape {}; this fit needs {}
= {} tiene forma {}; este ajuste necesita {}

{} contains NaN or infinity; pass finite starting weights
= {} contiene NaN o infinito; pasa pesos iniciales finitos

{} holds {}, which the data's {} cannot represent (its largest number is about {}): pass smaller starting weights, or the data as float64
= {} contiene {}, que el {} de los datos no puede representar (su mayor número es unos {}): pasa pesos iniciales más pequeños, o los datos como float64

every row's weight (sample_weight times class_weight) is 0: no row would train the model; give at least one class and one sample a weight above 0
= el peso de cada fila (sample_weight por class_weight) es 0: ninguna fila entrenaría el modelo; da a al menos una clase y una muestra un peso mayor que 0

a row's weight (sample_weight times class_weight) is {}, beyond the {} range (about {}) of the data: rescale the weights (e.g. divide them by their largest); only their ratios matter
= el peso de una fila (sample_weight por class_weight) es {}, fuera del rango de {} (unos {}) de los datos: reescala los pesos (p. ej. divídelos por el mayor); solo importan sus proporciones

a row's weight (sample_weight times class_weight) is {}, below the smallest normal {} number ({}) of the data: its updates would vanish; rescale the weights (e.g. divide them by their largest), or give that row the weight 0
= el peso de una fila (sample_weight por class_weight) es {}, por debajo del menor número normal de {} ({}) de los datos: sus actualizaciones se desvanecerían; reescala los pesos (p. ej. divídelos por el mayor), o da a esa fila el peso 0

classes mixes labels that cannot be ordered ({}): use labels of one type
= `classes` mezcla etiquetas que no se pueden ordenar ({}): usa etiquetas de un solo tipo

its hyperparameter device = {} is not a device name ({}, with an optional :index)
= su hiperparámetro device = {} no es un nombre de dispositivo ({}, con un :índice opcional)

its hyperparameter device = {} needs backend 'auto' or {}, not {}
= su hiperparámetro device = {} necesita el backend 'auto' o {}, no {}

its class_weight {} is not a list of label, weight pairs ({})
= su class_weight {} no es una lista de pares etiqueta, peso ({})

y has shape {}; a classifier needs one label per sample: pass y as a 1-D array
= y tiene forma {}; un clasificador necesita una etiqueta por muestra: pasa y como array 1-D

{}(class_weight={}) is not valid; pass None, 'balanced', or a dict {{label: weight >= 0}}
= {}(class_weight={}) no es válido; indica `None`, 'balanced', o un dict {{etiqueta: peso >= 0}}

class_weight='balanced' is not supported by partial_fit (one chunk's class frequencies are not the data's): compute the weights over all the data, e.g. sklearn.utils.class_weight.compute_class_weight('balanced', classes=classes, y=y), and pass them as a dict
= class_weight='balanced' no se admite en partial_fit (las frecuencias de clase de un trozo no son las de los datos): calcula los pesos sobre todos los datos, p. ej. sklearn.utils.class_weight.compute_class_weight('balanced', classes=classes, y=y), y pásalos como dict

the classifier has no classes_
= el clasificador no tiene classes_

classes_ is not a 1-D array of labels
= classes_ no es un array 1-D de etiquetas

coef_ {} and the {} classes_ do not fit together
= coef_ {} y las {} classes_ no encajan

penalty={} with alpha=0 penalises nothing; pass alpha > 0 (scikit-learn's SGDRegressor default is 0.0001), or penalty=None
= penalty={} con alpha=0 no penaliza nada; indica alpha > 0 (el valor por defecto de SGDRegressor de scikit-learn es 0.0001), o penalty=None

alpha={} with --solver gd and penalty=None penalises nothing; use --solver auto for ridge, or penalty='l2' (scikit-learn's SGD penalty, alpha/2 ‖w‖² on the mean loss) with --solver gd
= alpha={} con --solver gd y penalty=None no penaliza nada; usa --solver auto para ridge, o penalty='l2' (la penalización SGD de scikit-learn, alpha/2 ‖w‖² sobre la pérdida media) con --solver gd

y has {} target column(s) but the model was fitted with {}; pass the same targets, or refit from scratch
= y tiene {} columna(s) objetivo pero el modelo se ajustó con {}; pasa los mismos objetivos, o vuelve a ajustar desde cero

the prediction for row {} is beyond {}'s range (|y| > {}): the features are too large for these weights; scale them as the training data were scaled
= la predicción de la fila {} está fuera del rango de {} (|y| > {}): las características son demasiado grandes para estos pesos; escálalas como se escalaron los datos de entrenamiento

sample_weight, class_weight, fit_intercept=False, penalty, average and early_stopping apply to in-memory data (NumPy arrays, tensors), not dask collections: compute the data, or leave them at their defaults
= sample_weight, class_weight, fit_intercept=False, `penalty`, `average` y early_stopping se aplican a datos en memoria (arrays de NumPy, tensores), no a colecciones de dask: calcula los datos, o déjalos en sus valores por defecto

--solver {} solves in closed form: there are no updates to report; use --solver gd for on_update
= --solver {} resuelve en forma cerrada: no hay actualizaciones que informar; usa --solver gd para on_update

early_stopping cannot split {} samples with validation_fraction={} ({}); change validation_fraction, pass more samples, or set early_stopping=False
= early_stopping no puede dividir {} muestras con validation_fraction={} ({}); cambia validation_fraction, pasa más muestras, o usa early_stopping=False

its hyperparameters are not valid ({})
= sus hiperparámetros no son válidos ({})

{} is missing or not an array of floats
= {} falta o no es un array de números en coma flotante

feature_names_in_ is not a 1-D array of strings
= feature_names_in_ no es un array 1-D de textos

it holds validation_scores_ but early_stopping is off
= contiene validation_scores_ pero early_stopping está desactivado

attribute learning_rate_ = {} is not a normal {} number (from {} to {}): its updates would vanish or overflow
= el atributo learning_rate_ = {} no es un número normal de {} (de {} a {}): sus actualizaciones se desvanecerían o desbordarían

classes={} is not the classes_={} that fitting started with; pass the same classes (or none) to every partial_fit call, or refit from scratch
= classes={} no es el classes_={} con el que empezó el ajuste; pasa las mismas clases (o ninguna) en cada llamada a partial_fit, o vuelve a ajustar desde cero

y contains labels {} not seen when fitting started (classes_={}); refit from scratch, or pass every label in `classes` on the first partial_fit call
= y contiene etiquetas {} no vistas al empezar el ajuste (classes_={}); vuelve a ajustar desde cero, o pasa todas las etiquetas en `classes` en la primera llamada a partial_fit

y contains labels {} that are not in classes={}; pass every label that will ever appear in `classes`
= y contiene etiquetas {} que no están en classes={}; pasa en `classes` todas las etiquetas que vayan a aparecer

y has one class only ({}); a classifier needs at least two classes: check the target column, or the filter that selected the rows
= y tiene una sola clase ({}); un clasificador necesita al menos dos clases: revisa la columna objetivo, o el filtro que eligió las filas

--learning-rate {} is below the smallest normal {} number ({}): the {} updates would vanish; use a larger rate, or --learning-rate auto
= --learning-rate {} está por debajo del menor número normal de {} ({}): las actualizaciones de {} se desvanecerían; usa una tasa mayor, o --learning-rate auto

training diverged: {}
= el entrenamiento divergió: {}

fit_chunks received no rows: the data have no chunks
= fit_chunks no recibió filas: los datos no tienen trozos

class_weight={} does not fit classes_={} (the label {} is not a class); name only labels of y
= class_weight={} no encaja con classes_={} (la etiqueta {} no es una clase); nombra solo etiquetas de y

class_weight={} does not fit classes_={} ({}); name only labels of y
= class_weight={} no encaja con classes_={} ({}); nombra solo etiquetas de y

the row weights (sample_weight times class_weight, from {} to {}) leave no safe {} step (the features alone would allow one): rescale the weights (e.g. divide them by their largest; only their ratios matter)
= los pesos de las filas (sample_weight por class_weight, de {} a {}) no dejan ningún paso seguro en {} (las características solas lo permitirían): reescala los pesos (p. ej. divídelos por el mayor; solo importan sus proporciones)

{} {}{} holds the lone surrogate U+{}, which is not Unicode text (no UTF-8 file can hold it)
= {} {}{} contiene el sustituto suelto U+{}, que no es texto Unicode (ningún archivo UTF-8 puede contenerlo)

its path runs through a loop of symbolic links
= su ruta pasa por un bucle de enlaces simbólicos

point the link at a model file, or pass the model file's own path
= apunta el enlace a un archivo de modelo, o indica la ruta propia del archivo de modelo

this user may not write there: choose a folder you can write to
= este usuario no puede escribir ahí: elige una carpeta en la que puedas escribir

free some space, or save elsewhere
= libera espacio, o guarda en otro sitio

save to a writable folder
= guarda en una carpeta con permiso de escritura

check that its folder exists and can hold files
= comprueba que su carpeta existe y puede contener archivos

it is {}, not a model file
= es {}, no un archivo de modelo

pass the path of a file written by `neurona train ... --out`
= indica la ruta de un archivo escrito por `neurona train ... --out`

member {} holds pickled Python objects, which are never loaded
= el miembro {} contiene objetos de Python serializados con pickle, que nunca se cargan

member {} holds values of dtype {}
= el miembro {} contiene valores de dtype {}

cannot save a {}: only neurona's estimators can be saved
= no se puede guardar un {}: solo se pueden guardar los estimadores de neurona

cannot save model to {}: {}
= no se puede guardar el modelo en {}: {}

its metadata takes {} bytes (at most {})
= sus metadatos ocupan {} bytes (como mucho {})

its classes_dtype {} is neither null, 'object' nor a datetime64 or timedelta64 dtype with a unit (e.g. 'datetime64[ns]')
= su classes_dtype {} no es null, 'object' ni un dtype datetime64 o timedelta64 con unidad (p. ej. 'datetime64[ns]')

its classes_dtype says {} labels, but classes_ is not their int64 values
= su classes_dtype indica etiquetas {}, pero classes_ no son sus valores int64

it flags numpy.str_ labels but holds no classes list
= marca etiquetas numpy.str_ pero no contiene una lista de clases

its neurona_version {} is not a version
= su neurona_version {} no es una versión

its data {} is not a JSON object
= sus datos {} no son un objeto JSON

its data field 'target' {} is also one of its 'features'
= su campo de datos 'target' {} también es uno de sus 'features'

its data field 'preprocessing' makes columns that are not its 'features' ({})
= su campo de datos 'preprocessing' crea columnas que no son sus 'features' ({})

its hyperparameters {} are not a JSON object
= sus hiperparámetros {} no son un objeto JSON

it holds {} hyperparameters; an estimator has a few dozen
= contiene {} hiperparámetros; un estimador tiene unas pocas decenas

its arrays are not a mapping
= sus arrays no son un diccionario

it holds arrays {} that are not those of a model
= contiene arrays {} que no son los de un modelo

intercept_ is {} but coef_ is {}
= intercept_ es {} pero coef_ es {}

coef_ {} and intercept_ {} do not fit together
= coef_ {} e intercept_ {} no encajan

classes_ is not a 1-D array of labels (shape {})
= classes_ no es un array 1-D de etiquetas (forma {})

classes_ has {} label(s); a classifier has at least two
= classes_ tiene {} etiqueta(s); un clasificador tiene al menos dos

classes_ is not sorted without repeats (labels are sorted and distinct)
= classes_ no está ordenado sin repeticiones (las etiquetas van ordenadas y distintas)

its attributes are missing (not a JSON object)
= faltan sus atributos (no es un objeto JSON)

it holds attributes {} that are not those of a model
= contiene atributos {} que no son los de un modelo

attribute n_features_in_ = {} does not match coef_ ({} columns)
= el atributo n_features_in_ = {} no coincide con coef_ ({} columnas)

attribute _y_1d = {} does not match coef_ {}
= el atributo _y_1d = {} no coincide con coef_ {}

attribute _n_outputs = {} does not match intercept_ ({} outputs)
= el atributo _n_outputs = {} no coincide con intercept_ ({} salidas)

attribute n_iter_ = {} is not a count of epochs a fit ran (>= 1)
= el atributo n_iter_ = {} no es un número de épocas de un ajuste (>= 1)

attribute learning_rate_ is missing, but t_ = {} gradient steps were taken (a model trained by gradient steps has the step they took)
= falta el atributo learning_rate_, pero se dieron t_ = {} pasos de gradiente (un modelo entrenado por pasos de gradiente guarda el paso que dieron)

attribute n_iter_ = {} does not fit its history of {} epochs (a fit records each epoch it runs)
= el atributo n_iter_ = {} no encaja con su historial de {} épocas (un ajuste registra cada época que hace)

attribute n_iter_ = {} counts more epochs than its t_ = {} gradient steps (each epoch takes at least one)
= el atributo n_iter_ = {} cuenta más épocas que sus t_ = {} pasos de gradiente (cada época da al menos uno)

its history holds {}, not per-epoch figures
= su historial contiene {}, no cifras por época

its history has no loss
= su historial no tiene pérdida

its history lists have different lengths {}
= las listas de su historial tienen longitudes distintas {}

cannot {} {}: the path holds a NUL character ('\x00'), which no file name can hold: pass the path without it
= no se puede {} {}: la ruta contiene un carácter NUL ('\x00'), que ningún nombre de archivo puede tener: indica la ruta sin él

its zip directory lists {} members in {} bytes; a model has at most {}
= su directorio zip lista {} miembros en {} bytes; un modelo tiene como mucho {}

its members {} appear more than once
= sus miembros {} aparecen más de una vez

it has no neurona metadata (a foreign .npz archive?)
= no tiene metadatos de neurona (¿un archivo .npz ajeno?)

its members {} are not those of a model file
= sus miembros {} no son los de un archivo de modelo

member {} is encrypted or uses zip features a model file never uses
= el miembro {} está cifrado o usa funciones de zip que un archivo de modelo nunca usa

member {} is compressed (zip method {})
= el miembro {} está comprimido (método zip {})

its members overlap (their sizes add up to more than the file)
= sus miembros se solapan (sus tamaños suman más que el archivo)

member {} is not a NumPy array (.npy)
= el miembro {} no es un array de NumPy (.npy)

member {} is an .npy array of unknown version {}
= el miembro {} es un array .npy de versión desconocida {}

{}, which a model file never holds
= {}, que un archivo de modelo nunca contiene

member {} has {} dimensions; a model's have at most 2
= el miembro {} tiene {} dimensiones; las de un modelo son como mucho 2

member {} declares shape {} of {} ({} bytes) but holds {} bytes
= el miembro {} declara la forma {} de {} ({} bytes) pero contiene {} bytes

member {} holds more bytes than its shape
= el miembro {} contiene más bytes que su forma

member {} is truncated
= el miembro {} está truncado

holds an integer of {} digits
= contiene un entero de {} dígitos

holds a number written with {} characters
= contiene un número escrito con {} caracteres

its metadata does not declare format {}
= sus metadatos no declaran el formato {}

its format version {} is not a positive integer
= su versión de formato {} no es un entero positivo

cannot load model {}: it was written in format version {} (by neurona {}); this neurona reads version {} and older: upgrade neurona (pip install -U neurona)
= no se puede cargar el modelo {}: se escribió con la versión de formato {} (por neurona {}); esta neurona lee la versión {} y anteriores: actualiza neurona (pip install -U neurona)

its attributes or history are missing
= faltan sus atributos o su historial

{} takes {} bytes; a model file holds at most {} bytes per array
= {} ocupa {} bytes; un archivo de modelo admite como mucho {} bytes por array

{} is not an array of a model file (only {})
= {} no es un array de un archivo de modelo (solo {})

{} is nested more than {} levels deep
= {} está anidado a más de {} niveles de profundidad

plain numbers and strings
= números y textos simples

the model's metadata cannot be written as JSON ({}): pass plain numbers, strings and lists in `data`
= los metadatos del modelo no se pueden escribir como JSON ({}): pasa números, textos y listas simples en `data`

its metadata {}: pass plain, shallow values in `data`
= sus metadatos {}: pasa valores simples y poco anidados en `data`

its classes_dtype and its classes list disagree
= su classes_dtype y su lista de clases no coinciden

its classes_numpy_str {} is not one flag per label
= su classes_numpy_str {} no es una marca por etiqueta

feature_names_in_ names {} features but coef_ has {}
= feature_names_in_ nombra {} características pero coef_ tiene {}

its data field 'features' {} is not a list of names
= su campo de datos 'features' {} no es una lista de nombres

its data field 'features' holds {}, which is not a column name (a string)
= su campo de datos 'features' contiene {}, que no es un nombre de columna (un texto)

its data field 'features' names {} columns but coef_ has {}
= su campo de datos 'features' nombra {} columnas pero coef_ tiene {}

its data field 'features' names the column {} twice
= su campo de datos 'features' nombra la columna {} dos veces

its data field 'features' and its feature_names_in_ disagree
= su campo de datos 'features' y su feature_names_in_ no coinciden

its data field {} = {} is not a string (or null)
= su campo de datos {} = {} no es un texto (ni null)

its data field 'preprocessing' is not valid: {}
= su campo de datos 'preprocessing' no es válido: {}

its hyperparameter name {} is not a name
= su nombre de hiperparámetro {} no es un nombre

{} is missing
= falta {}

{} is not an array of floats (float32 or float64) but {}
= {} no es un array de números en coma flotante (float32 o float64) sino {}

{} holds NaN or infinity
= {} contiene NaN o infinito

classes_ holds Python objects that are not strings
= classes_ contiene objetos de Python que no son textos

classes_ holds labels of dtype {}, not numbers or strings
= classes_ contiene etiquetas de dtype {}, no números ni textos

attribute {} is missing (every fitted model has it)
= falta el atributo {} (todo modelo ajustado lo tiene)

attribute {} = {} is {}
= el atributo {} = {} es {}

attribute t_ = 0 says no gradient step was taken (a closed-form solution), but n_iter_ = {} and its history records {} epochs (a closed-form solution has n_iter_ = 1 and at most one)
= el atributo t_ = 0 dice que no se dio ningún paso de gradiente (una solución en forma cerrada), pero n_iter_ = {} y su historial registra {} épocas (una solución en forma cerrada tiene n_iter_ = 1 y como mucho una)

its history of {} is not a list of numbers
= su historial de {} no es una lista de números

a loss >= 0, finite after the first entry
= una pérdida >= 0, finita después de la primera entrada

its metadata is not a JSON byte string
= sus metadatos no son una cadena de bytes JSON

member {} is encrypted or compressed in its local header
= el miembro {} está cifrado o comprimido en su cabecera local

member {} is corrupted or truncated ({})
= el miembro {} está dañado o truncado ({:Python})

cannot {} model: {} (of type {}) is not a path: pass a str or a pathlib.Path
= no se puede {} el modelo: {} (de tipo {}) no es una ruta: pasa un str o un pathlib.Path

it is a symbolic link to {}, which does not exist
= es un enlace simbólico a {}, que no existe

its zip directory is a ZIP64 one, which a model file never needs
= su directorio zip es ZIP64, algo que un archivo de modelo nunca necesita

member {} is implausibly large ({} bytes)
= el miembro {} es inverosímilmente grande ({} bytes)

{}; a model file stores its arrays uncompressed
= {}; un archivo de modelo guarda sus arrays sin comprimir

member {} is corrupted or truncated (sizes do not agree)
= el miembro {} está dañado o truncado (los tamaños no coinciden)

member {} holds characters outside Unicode
= el miembro {} contiene caracteres fuera de Unicode

is nested more than {} levels deep
= está anidado a más de {} niveles de profundidad

is not valid JSON ({})
= no es JSON válido ({:Python})

repeats the key {} in one object
= repite la clave {} en un mismo objeto

{} holds Python objects of type {}, which cannot be saved without pickle: use labels that are all strings or all numbers
= {} contiene objetos de Python de tipo {}, que no se pueden guardar sin pickle: usa etiquetas que sean todas texto o todas números

{} holds {}, which ends in a NUL character that a model file cannot keep: rename it (e.g. strip the trailing '\x00')
= {} contiene {}, que termina en un carácter NUL que un archivo de modelo no puede conservar: cámbiale el nombre (p. ej. quita el '\x00' final)

{} is an integer of {} digits; a model file holds integers of at most {} digits: use a smaller value{}
= {} es un entero de {} dígitos; un archivo de modelo admite enteros de como mucho {} dígitos: usa un valor menor{}

{} is of type {}, which a model file cannot give back as it is: use {}
= {} es de tipo {}, que un archivo de modelo no puede devolver tal cual: usa {}

it holds labels both as classes_ and in its metadata
= contiene etiquetas a la vez como classes_ y en sus metadatos

its classes are not a list of strings
= sus clases no son una lista de textos

{} (null, or a list of true/false holding a true)
= {} (null, o una lista de true/false con algún true)

its classes_dtype says string labels, but classes_ is not
= su classes_dtype indica etiquetas de texto, pero classes_ no lo es

classes_ holds NaN or infinity
= classes_ contiene NaN o infinito

classes_ holds {} labels that are NaT (not a time) or have no unit, which a fit never leaves
= classes_ contiene {} etiquetas que son NaT (no un tiempo) o no tienen unidad, algo que un ajuste nunca deja

attribute {} = {} is not true or false
= el atributo {} = {} no es true ni false

attribute {} = {} is not a list of finite scores
= el atributo {} = {} no es una lista de puntuaciones finitas

its history of {} holds {} at epoch {}, which a fit never records ({})
= su historial de {} contiene {} en la época {}, que un ajuste nunca registra ({})

it is corrupted or truncated ({})
= está dañado o truncado ({:Python})

its metadata {}
= sus metadatos {}

the archive is closed
= el archivo está cerrado

{}; a model file stores its arrays as they are
= {}; un archivo de modelo guarda sus arrays tal cual

this user may not read it (or a folder on its path)
= este usuario no puede leerlo (o una carpeta de su ruta)

classes_ holds labels of dtype {}, without a time unit: fit on labels with one (e.g. y.astype('datetime64[s]'))
= classes_ contiene etiquetas de dtype {}, sin unidad de tiempo: ajusta con etiquetas que la tengan (p. ej. y.astype('datetime64[s]'))

{} holds values of dtype {}, which a model file cannot hold: fit the model again
= {} contiene valores de dtype {}, que un archivo de modelo no puede contener: vuelve a ajustar el modelo

its path ({} characters) or a name in it is too long for this system
= su ruta ({} caracteres) o un nombre en ella es demasiado largo para este sistema

move or rename the file to a shorter path
= mueve o cambia el nombre del archivo a una ruta más corta

classes_ holds labels of dtype {}, which a model file cannot hold: fit on labels that are numbers or strings (e.g. y.astype(str))
= classes_ contiene etiquetas de dtype {}, que un archivo de modelo no puede contener: ajusta con etiquetas que sean números o textos (p. ej. y.astype(str))

{} has the key {}, which JSON would read back as the string {}: use string keys
= {} tiene la clave {}, que JSON volvería a leer como el texto {}: usa claves de texto

Neuron {}: curvature must be positive, not {} (use 1 for a piecewise-linear loss)
= Neurona {}: la curvatura debe ser positiva, no {} (usa 1 para una pérdida lineal a trozos)

save it with save_pipeline (Python)
= guárdalo con save_pipeline (Python)

cannot save pipeline to {}: it holds {}, which load_pipeline does not trust (only scikit-learn's and NumPy's types, and neurona's estimators): build it from those
= no se puede guardar el pipeline en {}: contiene {}, que load_pipeline no considera de confianza (solo los tipos de scikit-learn y NumPy, y los estimadores de neurona): constrúyelo con ellos

a {} is not a scikit-learn Pipeline
= un {} no es un Pipeline de scikit-learn

its last step is a {}, not a neurona estimator ({})
= su último paso es un {}, no un estimador de neurona ({})

its neurona estimator is not fitted: call pipeline.fit(X, y) first
= su estimador de neurona no está ajustado: llama antes a pipeline.fit(X, y)

it holds types neurona does not trust ({}); nothing was loaded and no code from it ran
= contiene tipos en los que neurona no confía ({}); no se cargó nada ni se ejecutó código suyo

load only pipelines of scikit-learn's transformers and a neurona estimator
= carga solo pipelines de transformadores de scikit-learn y un estimador de neurona

cannot {} a pipeline: skops is not installed: pip install 'neurona[pipeline]'
= no se puede {} un pipeline: skops no está instalado: pip install 'neurona[pipeline]'

cannot save pipeline: {}
= no se puede guardar el pipeline: {}

it is implausibly large for a pipeline ({} bytes)
= es inverosímilmente grande para un pipeline ({} bytes)

not a pipeline file ({})
= no es un archivo de pipeline ({:skops})

its contents cannot be rebuilt ({})
= su contenido no se puede reconstruir ({:skops})

features must name two different columns, got {}
= `features` debe nombrar dos columnas distintas, no {}

features {} are not columns of X (it has {})
= `features` {} no son columnas de X (tiene {})

column {} is drawn (--features {}) and also fixed at {} (fixed={}): a drawn column varies along its axis and cannot be held; leave features out to draw the columns that fixed leaves free, or fix other columns
= la columna {} se dibuja (--features {}) y también está fija en {} (fixed={}): una columna dibujada varía a lo largo de su eje y no puede fijarse; quita `features` para dibujar las columnas que `fixed` deja libres, o fija otras columnas

lang must be one of {}, got {}
= lang debe ser uno de {}, no {}

y has shape {}; expected one label per row of X ({},)
= y tiene forma {}; se esperaba una etiqueta por fila de X ({},)

{} has no history_: fit the model first, or pass its history_ dict
= {} no tiene history_: ajusta antes el modelo, o pasa su dict history_

per must be 'update' or 'epoch', got {}
= `per` debe ser 'update' o 'epoch', no {}

cannot trace a {}: trace_training knows neurona's {}
= no se puede trazar un {}: trace_training conoce los {} de neurona

{} solves in closed form, so there is no path to trace; use {}
= {} resuelve en forma cerrada, así que no hay camino que trazar; usa {}

max_frames must be at least 2, got {}
= max_frames debe ser al menos 2, no {}

format must be 'gif' or 'mp4', got {} (from {})
= el formato debe ser 'gif' o 'mp4', no {} (según {})

writing MP4 needs the ffmpeg program on PATH (apt-get install ffmpeg, or brew install ffmpeg); or write a GIF with --format gif
= escribir MP4 necesita el programa ffmpeg en el PATH (apt-get install ffmpeg, o brew install ffmpeg); o escribe un GIF con --format gif

X has shape {}; a regression animation draws one feature: pass X as (n_samples, 1)
= X tiene forma {}; una animación de regresión dibuja una característica: pasa X como (n_samples, 1)

ffmpeg could not write {}: {}; write a GIF with --format gif instead
= ffmpeg no pudo escribir {}: {}; escribe un GIF con --format gif

X has shape {} and y {}; the loss surface needs one feature: X as (n_samples, 1) and y as (n_samples,)
= X tiene forma {} e y {}; la superficie de pérdida necesita una característica: X como (n_samples, 1) e y como (n_samples,)

no timings to draw: pass the records of neurona.bench
= no hay tiempos que dibujar: pasa los registros de neurona.bench

plotting needs matplotlib: pip install 'neurona[plot]'
= dibujar necesita matplotlib: pip install 'neurona[plot]'

fixed names column {}, but X has {} columns (0..{})
= fixed nombra la columna {}, pero X tiene {} columnas (0..{})

fixed value of column {} must be finite, got {}
= el valor fijo de la columna {} debe ser finito, no {}

fixed holds {} of the {} columns, leaving {} to draw: leave at least two columns out of fixed
= fixed fija {} de las {} columnas, y deja {} para dibujar: deja al menos dos columnas fuera de fixed

the history of {} has no {}; it records {}
= el historial de {} no tiene {}; registra {}

fixed must map column numbers to numbers, got {}: {}
= fixed debe asociar números de columna a números, no {}: {}

pass --missing drop to leave those rows out, or --missing mean to fill them (numbers: the column mean; text: its most frequent value)
= usa --missing drop para descartar esas filas, o --missing mean para rellenarlos (números: la media de la columna; texto: su valor más frecuente)

the model was trained without filling them: fill them, or leave out those rows
= el modelo se entrenó sin rellenarlos: rellénalos, o deja fuera esas filas

preprocessing column {} has no name
= la columna de preprocesado {} no tiene nombre

--scale {}: use one of {}
= --scale {}: usa uno de {}

--missing {}: use one of {}
= --missing {}: usa uno de {}

column {} has no values at all: --exclude it
= la columna {} no tiene ningún valor: déjala fuera con --exclude

column {}: its mean or spread is beyond float64's range: scale it down before training
= columna {}: su media o su dispersión está fuera del rango de float64: redúcela de escala antes de entrenar

column {} holds numbers written with a decimal comma ({}), not text to one-hot encode: pass --decimal ',' to read them as numbers
= la columna {} contiene números escritos con coma decimal ({}), no texto que codificar con --one-hot: usa --decimal ',' para leerlos como números

text column {} has {} distinct values in {} rows: an identifier? Each value becomes a 0/1 column; leave it out with --exclude {}
= la columna de texto {} tiene {} valores distintos en {} filas: ¿un identificador? Cada valor se convierte en una columna 0/1; déjala fuera con --exclude {}

preprocessing must hold exactly scale, missing and columns
= el preprocesado debe contener exactamente `scale`, `missing` y `columns`

unknown scale {} or missing {}
= `scale` {} o `missing` {} desconocidos

preprocessing columns must be a non-empty list
= las columnas del preprocesado deben ser una lista no vacía

preprocessing column {}: unexpected fields
= columna de preprocesado {}: campos inesperados

preprocessing column {}: scale must be positive
= columna de preprocesado {}: la escala debe ser positiva

preprocessing column {}: kind must be 'number' or 'text'
= columna de preprocesado {}: kind debe ser 'number' o 'text'

{}: column {} holds {}, which is not a number; the model was trained on numbers there
= {}: la columna {} contiene {}, que no es un número; el modelo se entrenó con números ahí

{}: column {} holds an infinite value (data row {}): replace it, or drop that row
= {}: la columna {} contiene un valor infinito (fila de datos {}): reemplázalo, o quita esa fila

preprocessing names column {} twice
= el preprocesado nombra la columna {} dos veces

preprocessing column {}: {} is not a number
= columna de preprocesado {}: {} no es un número

preprocessing column {}: {} is not finite
= columna de preprocesado {}: {} no es finito

preprocessing column {}: categories must be strings
= columna de preprocesado {}: las categorías deben ser textos

preprocessing column {}: categories must be sorted, distinct
= columna de preprocesado {}: las categorías deben ir ordenadas y distintas

preprocessing column {}: fill is not a category
= columna de preprocesado {}: el relleno no es una categoría

{}: every row has a missing value, so --missing drop leaves none: use --missing mean, or --exclude the emptiest columns
= {}: todas las filas tienen algún valor faltante, así que --missing drop no deja ninguna: usa --missing mean, o quita con --exclude las columnas más vacías

{}: column {} holds {} value(s) not seen in training ({}): they get 0 in every {}=… column
= {}: la columna {} contiene {} valor(es) no visto(s) en el entrenamiento ({}): reciben 0 en todas las columnas {}=…

the features' scales differ by a factor of {} (root mean square {} in {} against {} in {})
= las escalas de las características difieren en un factor de {} (media cuadrática {} en {} frente a {} en {})

standardise the features (--scale standard) first (e.g. sklearn.preprocessing.StandardScaler), or use a closed-form solver where the estimator has one
= estandariza antes las características (--scale standard) (p. ej. sklearn.preprocessing.StandardScaler), o usa un resolutor en forma cerrada si el estimador lo tiene

{}: gradient descent would need about {} steps to fit both in {}{}; {}
= {}: el descenso por gradiente necesitaría unos {} pasos para ajustar ambas en {}{}; {}

the largest row norm of the features is ‖x‖ = {}: no {} step can train on values that large (the step that cannot overshoot is {}, below the smallest normal {} number {}, and updates of smaller features vanish beside them); standardise the features (--scale standard) first (e.g. sklearn.preprocessing.StandardScaler)
= la mayor norma de fila de las características es ‖x‖ = {}: ningún paso en {} puede entrenar con valores tan grandes (el paso que no puede pasarse es {}, por debajo del menor número normal de {} {}, y las actualizaciones de las características menores se desvanecen a su lado); estandariza antes las características (--scale standard) (p. ej. sklearn.preprocessing.StandardScaler)

{}: gradient descent in {} cannot fit both, the steps of the smaller one's weight vanish in rounding; {}
= {}: el descenso por gradiente en {} no puede ajustar ambas, los pasos del peso de la menor se desvanecen al redondear; {}

positive class {} is not one of the classes ({}); give one of them
= la clase positiva {} no es una de las clases ({}); indica una de ellas

X must be 2-D (n_samples, n_features), got shape {}
= X debe ser 2-D (n_samples, n_features), no de forma {}

X contains NaN or infinite values; drop or impute those rows first
= X contiene valores NaN o infinitos; quita o imputa antes esas filas

y must be 1-D with one label per row of X: got {}, X {}
= y debe ser 1-D con una etiqueta por fila de X: recibió {}, X {}

y contains NaN labels; drop those rows first
= y contiene etiquetas NaN; quita antes esas filas

separability needs at least 2 classes, y has {}: {}; give rows of two or more classes
= la separabilidad necesita al menos 2 clases, y tiene {}: {}; da filas de dos o más clases

X must hold numbers only ({}); encode text columns first
= X solo debe contener números ({}); codifica antes las columnas de texto

labels in y cannot be compared ({}); use one type
= las etiquetas de y no se pueden comparar ({}); usa un solo tipo

singular (a constant column, or columns that are exact combinations of others)
= singular (una columna constante, o columnas que son combinaciones exactas de otras)

ill-conditioned (estimated condition number {} > {}), so the normal-equations answer may be off by a relative {}
= mal condicionada (número de condición estimado {} > {}), así que la respuesta de las ecuaciones normales puede desviarse en un factor relativo de {}

XᵀX is {}; use --solver auto or 'lstsq' (minimum norm), or ridge alpha > 0
= XᵀX es {}; usa --solver auto o 'lstsq' (norma mínima), o ridge alpha > 0

XᵀX is {}; use --solver auto or 'qr' (stable), 'lstsq' (minimum norm), or ridge alpha > 0
= XᵀX es {}; usa --solver auto o 'qr' (estable), 'lstsq' (norma mínima), o ridge alpha > 0

the target {}: the squares of its deviations from its mean overflow {}, so the squared-error loss cannot be computed; standardise the target (e.g. sklearn.preprocessing.StandardScaler, or divide it by a power of 10) and train again
= el objetivo {}: los cuadrados de sus desviaciones respecto a su media desbordan {}, así que la pérdida cuadrática no se puede calcular; estandariza el objetivo (p. ej. sklearn.preprocessing.StandardScaler, o divídelo por una potencia de 10) y vuelve a entrenar

the least-squares coefficients are beyond float64's range (features as small as {} need weights above 1.8e308): rescale the features (e.g. sklearn.preprocessing.StandardScaler)
= los coeficientes de mínimos cuadrados están fuera del rango de float64 (características tan pequeñas como {} necesitan pesos por encima de 1.8e308): reescala las características (p. ej. sklearn.preprocessing.StandardScaler)

the least-squares solution is not finite: the features are too far from 1 in magnitude for float64 sums of their squares; rescale them (e.g. sklearn.preprocessing.StandardScaler)
= la solución de mínimos cuadrados no es finita: las características están demasiado lejos de 1 en magnitud para las sumas de sus cuadrados en float64; reescálalas (p. ej. sklearn.preprocessing.StandardScaler)

unknown solver {}; choose one of {}
= resolutor desconocido {}; elige uno de {}

alpha={} must be a finite number >= 0 (0 for ordinary least squares, larger for more ridge shrinkage)
= alpha={} debe ser un número finito >= 0 (0 para mínimos cuadrados ordinarios, mayor para más contracción ridge)

X must be 2-D (n_samples, n_features) and Y 1-D or 2-D; got X.ndim={}, Y.ndim={}: reshape them (X.reshape(-1, 1) for one feature)
= X debe ser 2-D (n_samples, n_features) e Y 1-D o 2-D; recibió X.ndim={}, Y.ndim={}: cámbiales la forma (X.reshape(-1, 1) para una característica)

X has {} rows but Y has {}: pass one target row per sample
= X tiene {} filas pero Y tiene {}: pasa una fila objetivo por muestra

X or Y holds NaN or infinite values (or values so large their sum overflows): remove or impute them before solving
= X o Y contienen valores NaN o infinitos (o valores tan grandes que su suma desborda): quítalos o imputa antes de resolver

the centred X is rank-deficient (a constant column, or columns that are exact combinations of others): --solver qr cannot divide by zero; use --solver auto or 'lstsq' for the minimum-norm answer, or alpha > 0
= la X centrada tiene rango deficiente (una columna constante, o columnas que son combinaciones exactas de otras): --solver qr no puede dividir por cero; usa --solver auto o 'lstsq' para la respuesta de norma mínima, o alpha > 0

chunk_rows={} must be a positive integer
= chunk_rows={} debe ser un entero positivo

X has no rows: pass at least one sample
= X no tiene filas: pasa al menos una muestra

X has {} rows but Y has shape {}: pass one target row per sample
= X tiene {} filas pero Y tiene forma {}: pasa una fila objetivo por muestra

--solver {} needs the dense {} x {} matrix XᵀX (or its factor) of this sparse X, too large to hold: use --solver auto (or 'lstsq'), which solves it by LSMR without forming XᵀX
= --solver {} necesita la matriz densa {} x {} XᵀX (o su factor) de esta X dispersa, demasiado grande para guardarla: usa --solver auto (o 'lstsq'), que la resuelve con LSMR sin formar XᵀX

this chunk has {} features and {} outputs, earlier chunks had {} and {}: every chunk needs the same columns
= este trozo tiene {} características y {} salidas, los anteriores tenían {} y {}: todos los trozos necesitan las mismas columnas

cannot merge a {}(fit_intercept={}) into a {}(fit_intercept={}): build every partial accumulator the same way
= no se puede fusionar un {}(fit_intercept={}) en un {}(fit_intercept={}): construye todos los acumuladores parciales del mismo modo

no rows were added: pass at least one sample before solving
= no se añadieron filas: pasa al menos una muestra antes de resolver

there {} for {} feature{}: {} determine at most {} of the {} weights, so --solver {} has no unique answer; pass more samples than features, or use --solver auto or 'lstsq' (the minimum-norm answer) or ridge alpha > 0
= hay {0} para {1} característica(s): {3} determinan como mucho {4} de los {5} pesos, así que --solver {6} no tiene respuesta única; pasa más muestras que características, o usa --solver auto o 'lstsq' (la respuesta de norma mínima) o ridge alpha > 0

unknown sections {}; choose from {}
= secciones desconocidas {}; elige entre {}

training is diverging {} {}: the loss grew from {} to {}, {}, with --learning-rate {}; the weights before that epoch are kept. Lower the learning rate (--learning-rate auto picks a step that cannot overshoot), or standardise the features (--scale standard).
= el entrenamiento diverge {} {}: la pérdida creció de {} a {}, {}, con --learning-rate {}; se conservan los pesos de antes de esa época. Baja la tasa de aprendizaje (--learning-rate auto elige un paso que no se pasa), o estandariza las características (--scale standard).

--schedule invscaling with --power-t {} > 1: the learning rates of all updates together sum to at most {} (η₀·ζ(power_t)) however many epochs run, so the weights stop moving before they reach the optimum. Use power_t ≤ 1 (scikit-learn's default is 0.25) or a constant rate.
= --schedule invscaling con --power-t {} > 1: las tasas de aprendizaje de todas las actualizaciones suman como mucho {} (η₀·ζ(power_t)) por muchas épocas que se hagan, así que los pesos dejan de moverse antes de llegar al óptimo. Usa power_t ≤ 1 (el valor por defecto de scikit-learn es 0.25) o una tasa constante.

the learning rate decayed below the smallest normal {} number after about {} of the run's {} updates (--schedule invscaling, --power-t {}): later updates change nothing. Use a smaller power_t (scikit-learn's default is 0.25) or a constant rate.
= la tasa de aprendizaje bajó por debajo del menor número normal de {} tras unas {} de las {} actualizaciones del entrenamiento (--schedule invscaling, --power-t {}): las actualizaciones posteriores no cambian nada. Usa un power_t menor (el valor por defecto de scikit-learn es 0.25) o una tasa constante.

stopped by the epoch limit (--epochs {}) before the loss stopped improving by --tol {}; raise `epochs` or `tol`, or tune the learning rate
= se detuvo por el límite de épocas (--epochs {}) antes de que la pérdida dejara de mejorar en --tol {}; sube `epochs` o `tol`, o ajusta la tasa de aprendizaje

training diverged in epoch {}: the net inputs, the weights or the loss became non-finite with --learning-rate {}; the last finite weights are kept. Lower the learning rate (e.g. by 10x), use --reduction mean, or standardise the features (--scale standard).
= el entrenamiento divergió en la época {}: las entradas netas, los pesos o la pérdida dejaron de ser finitos con --learning-rate {}; se conservan los últimos pesos finitos. Baja la tasa de aprendizaje (p. ej. 10 veces), usa --reduction mean, o estandariza las características (--scale standard).

target
= objetivo

is one sample
= una muestra

are {} samples
= {} muestras

once centred (for the intercept), they
= una vez centradas (por el término independiente), estas

they
= estas

rising for {} epochs in a row
= subiendo durante {} épocas seguidas

in one epoch
= en una época

at the final weights of epoch
= en los pesos finales de la época

in epoch
= en la época

the bias's constant 1
= el 1 constante del sesgo

column {}
= la columna {}

target column {}
= la columna objetivo {}

, more than the {} updates of this run
= , más que las {} actualizaciones de este entrenamiento

an integer
= un entero

 or None
=  o None

 and <= {}
=  y <= {}

{}({} {}) is not valid; pass {} {} {}{}{}
= {}({} {}) no es válido; indica {} {} {}{}{}

{}({} {}) is not valid; use one of {}
= {}({} {}) no es válido; usa uno de {}

a directory
= una carpeta

a FIFO (named pipe)
= un FIFO (tubería con nombre)

a character device
= un dispositivo de caracteres

a block device
= un dispositivo de bloques

a socket
= un socket

not a regular file
= un archivo especial

data row {} (line {} of the file)
= la fila de datos {} (línea {} del archivo)

data row {}
= la fila de datos {}

line {}
= la línea {}

a line
= una línea

{}: column {} at {} holds {}, which is not a number{}: feature columns must be numeric; leave it out with --features, or pass --one-hot to encode its values as 0/1 columns
= {}: la columna {} en {} contiene {}, que no es un número{}: las columnas de características deben ser numéricas; déjala fuera con --features, o usa --one-hot para codificar sus valores como columnas 0/1

{}: column {} at {} holds {}, which is not a number{}: feature columns must be numeric; leave it out with --features
= {}: la columna {} en {} contiene {}, que no es un número{}: las columnas de características deben ser numéricas; déjala fuera con --features

{}: target column {} at {} holds {}, which is not a number{}: a regression target must be numeric; for class labels use a classifier (--model perceptron or adaline)
= {}: la columna objetivo {} en {} contiene {}, que no es un número{}: un objetivo de regresión debe ser numérico; para etiquetas de clase usa un clasificador (--model perceptron o adaline)

training is diverging in epoch {}: the loss grew from {} to {}, {}, with --learning-rate {}; the weights before that epoch are kept. Lower the learning rate (--learning-rate auto picks a step that cannot overshoot), or standardise the features (--scale standard).
= el entrenamiento diverge en la época {}: la pérdida creció de {} a {}, {}, con --learning-rate {}; se conservan los pesos de antes de esa época. Baja la tasa de aprendizaje (--learning-rate auto elige un paso que no se pasa), o estandariza las características (--scale standard).

training is diverging at the final weights of epoch {}: the loss grew from {} to {}, {}, with --learning-rate {}; the weights before that epoch are kept. Lower the learning rate (--learning-rate auto picks a step that cannot overshoot), or standardise the features (--scale standard).
= el entrenamiento diverge en los pesos finales de la época {}: la pérdida creció de {} a {}, {}, con --learning-rate {}; se conservan los pesos de antes de esa época. Baja la tasa de aprendizaje (--learning-rate auto elige un paso que no se pasa), o estandariza las características (--scale standard).

{}: cannot tell the output format from the name (extension {}): name the file {} (CSV and TSV may also end in {}), or pass {} {}
= {}: no se sabe el formato de salida por el nombre (extensión {}): nombra el archivo {} (los CSV y TSV también pueden terminar en {}), o usa {} {}

{}: cannot tell the output format from the name (extension {}): name the file {} (CSV and TSV may also end in {})
= {}: no se sabe el formato de salida por el nombre (extensión {}): nombra el archivo {} (los CSV y TSV también pueden terminar en {})

{}: no target column {}{} (the file's columns: {}): pass a column name or an index from 0 to {}
= {}: no existe la columna objetivo {}{} (las columnas del archivo: {}): indica un nombre de columna o un índice de 0 a {}

{}: no feature column {}{} (the file's columns: {}): pass a column name or an index from 0 to {}
= {}: no existe la columna de características {}{} (las columnas del archivo: {}): indica un nombre de columna o un índice de 0 a {}

{}: no target column {}: the first line ({}) was read as a row of data, not as column names, because some of its fields read as numbers; pass --header to read it as the header
= {}: no existe la columna objetivo {}: la primera línea ({}) se leyó como una fila de datos, no como nombres de columna, porque algunos de sus campos se leen como números; usa --header para leerla como cabecera

{}: no feature column {}: the first line ({}) was read as a row of data, not as column names, because some of its fields read as numbers; pass --header to read it as the header
= {}: no existe la columna de características {}: la primera línea ({}) se leyó como una fila de datos, no como nombres de columna, porque algunos de sus campos se leen como números; usa --header para leerla como cabecera

{}: no column {}, which the model was trained on (it reads {}; the file has {}): name the columns as in training
= {}: al archivo le falta(n) {}, columna(s) con la(s) que se entrenó el modelo (lee {}; el archivo tiene {}): nombra las columnas como en el entrenamiento

boundary.png and curves.png
= boundary.png y curves.png

{}: no column {}, which the model was trained on (it reads {}; the file has {}): name the columns as in training{}
= {}: al archivo le falta(n) {}, columna(s) con la(s) que se entrenó el modelo (lee {}; el archivo tiene {}): nombra las columnas como en el entrenamiento{}

{} {} to files of named columns (CSV, TSV, Parquet, NPY, NPZ), not to the sparse file {}: leave {} out
= {0} solo se aplica(n) a archivos con columnas con nombre (CSV, TSV, Parquet, NPY, NPZ), no al archivo disperso {2}: quita {3}

the model preprocesses named columns (scaling, missing values or one-hot encoding), which the sparse file {} does not have: use a model trained on a sparse file
= el modelo preprocesa columnas con nombre (escalado, valores faltantes o --one-hot), que el archivo disperso {} no tiene: usa un modelo entrenado con un archivo disperso

{}: column {} holds the integer {} at {}, which float64 cannot hold exactly (beyond ±2**53 = {}): neurona computes in float64; scale the column down, or store it as floating point if rounding is acceptable
= {}: la columna {} contiene el entero {} en {}, que float64 no puede representar con exactitud (más allá de ±2**53 = {}): neurona calcula en float64; reduce la escala de la columna, o guárdala en coma flotante si el redondeo es aceptable

{}: not a readable svmlight/libsvm file{}: {}
= {}: no es un archivo svmlight/libsvm legible{:scikit-learn}: {}

{}: a sparse .npz archive needs the arrays data, format and shape and the format's index arrays (as scipy.sparse.save_npz writes them); it holds {}
= {}: un archivo .npz disperso necesita los arrays `data`, `format` y `shape` y los arrays de índices de su formato (como los escribe scipy.sparse.save_npz); contiene {}

{}: a sparse matrix in format {}: save it as CSR, CSC or COO (scipy.sparse.save_npz)
= {}: una matriz dispersa en formato {}: guárdala como CSR, CSC o COO (scipy.sparse.save_npz)

{}: a sparse .npz archive of format {} needs the arrays {} (as scipy.sparse.save_npz writes them); it lacks {}
= {}: un archivo .npz disperso de formato {} necesita los arrays {} (como los escribe scipy.sparse.save_npz); le falta(n) {}

{}: the array {} holds {}, not integers
= {}: el array {} contiene {}, no enteros

{}: the array {} holds indices outside 0 to {}
= {}: el array {} contiene índices fuera de 0 a {}

{} is not a size: give a finite number of MiB
= {} no es un tamaño: indica un número finito de MiB

{}: a column is named twice in --keep
= {}: una columna aparece dos veces en --keep

n_inputs={} is not a whole number: pass the number of 0/1 inputs
= n_inputs={} no es un número entero: indica el número de entradas 0/1

n_inputs={} is outside 0 to {}: a truth table has 2**n rows (2**{} = {}); pass from 0 to {} inputs
= n_inputs={} está fuera de 0 a {}: una tabla de verdad tiene 2**n filas (2**{} = {}); indica de 0 a {} entradas

the function returned {} at input {}: a truth table needs a whole number (0 or 1) for every input
= la función devolvió {} en la entrada {}: una tabla de verdad necesita un número entero (0 o 1) para cada entrada

the perceptron still made {} update(s) in its last epoch ({}): the data may not be linearly separable (check with {}), or it needs more epochs; the features' largest |x| is {}, far from the bias's constant 1, which slows the perceptron: standardise the features (--scale standard) first (e.g. sklearn.preprocessing.StandardScaler)
= el perceptrón aún hizo {} actualización(es) en su última época ({}): puede que los datos no sean linealmente separables (compruébalo con {}), o necesita más épocas; el mayor |x| de las características es {}, lejos de la constante 1 del sesgo, lo que frena al perceptrón: estandariza antes las características (--scale standard) (p. ej. sklearn.preprocessing.StandardScaler)

 (a decimal comma: numbers are read with a decimal point, 1.5, except in a file delimited by ';' or tabs whose numbers all have a decimal comma)
=  (una coma decimal: los números se leen con punto decimal, 1.5, salvo en un archivo delimitado por ';' o tabuladores cuyos números tengan todos coma decimal)

 (a decimal point: the file's first lines write numbers with a decimal comma, 1,5, so every number is read so; write them all one way)
=  (un punto decimal: las primeras líneas del archivo escriben los números con coma decimal, 1,5, así que todos se leen así; escríbelos todos de una misma forma)

 (a decimal point: --decimal ',' reads every number with a decimal comma; leave --decimal out, or pass --decimal '.')
=  (un punto decimal: --decimal ',' lee todos los números con coma decimal; quita --decimal, o usa --decimal '.')

 (a decimal comma: --decimal '.' reads every number with a decimal point; leave --decimal out, or pass --decimal ',')
=  (una coma decimal: --decimal '.' lee todos los números con punto decimal; quita --decimal, o usa --decimal ',')

 (numbers joined by {}: if the file is delimited so, pass --delimiter {})
=  (números unidos por {}: si el archivo está delimitado así, usa --delimiter {})

{} is sparse and {} takes dense data only: leave it out, or train with {}
= {} es disperso y {} solo admite datos densos: quítalo, o entrena con {}

{}: column {} has type {}, not numbers: feature columns must be numeric; leave it out with --exclude, or encode it
= {}: la columna {} es de tipo {}, no números: las columnas de características deben ser numéricas; déjala fuera con --exclude, o codifícala

{}: column {} at {} holds {}, which is not a number{}: feature columns must be numeric; leave it out with --exclude
= {}: la columna {} en {} contiene {}, que no es un número{}: las columnas de características deben ser numéricas; déjala fuera con --exclude

{}: column(s) {} have no name in the header and hold values: they are left out of the features; give them a name in the header
= {}: la(s) columna(s) {} no tienen nombre en la cabecera y contienen valores: se dejan fuera de las características; ponles un nombre en la cabecera

{}: the file's header says its column indices count from {}, but the model reads them counting from {}, as its training file did: write the indices as the training file did, or train on files written as this one
= {}: la cabecera del archivo dice que sus índices de columna cuentan desde {}, pero el modelo los lee contando desde {}, como su archivo de entrenamiento: escribe los índices como el archivo de entrenamiento, o entrena con archivos escritos como este

{}, line {}: index 0, but the model reads the indices counting from 1, as its training file did: write them from 1, or train on files whose indices count from 0
= {}, línea {}: índice 0, pero el modelo lee los índices contando desde 1, como su archivo de entrenamiento: escríbelos desde 1, o entrena con archivos cuyos índices cuenten desde 0

{}: y holds {} in row {}, which is not a finite number: fix or drop that row
= {}: y contiene {} en la fila {}, que no es un número finito: corrige o quita esa fila

{}: the array format holds {} values, not one name: save the matrix with scipy.sparse.save_npz
= {}: el arreglo format contiene {} valores, no un nombre: guarda la matriz con scipy.sparse.save_npz

{}: the array shape holds {} values, not whole numbers: save the matrix with scipy.sparse.save_npz
= {}: el arreglo shape contiene valores {}, no números enteros: guarda la matriz con scipy.sparse.save_npz

{}: the COO matrix's arrays have {}, {} and {} entries (values, row indices, column indices); it needs a row and a column index per value
= {}: los arreglos de la matriz COO tienen {}, {} y {} entradas (valores, índices de fila, índices de columna); necesita un índice de fila y uno de columna por valor

{}: the diagonal offset {} lies outside the {}x{} matrix, so its values would be lost: save the matrix with scipy.sparse.save_npz
= {}: el desplazamiento de diagonal {} queda fuera de la matriz de {}x{}, así que sus valores se perderían: guarda la matriz con scipy.sparse.save_npz

{}: the array {} holds Python objects (a pickle), which neurona never loads: save numbers (scipy.sparse.save_npz)
= {}: el arreglo {} contiene objetos de Python (un pickle), que neurona nunca carga: guarda números (scipy.sparse.save_npz)

{}: the {} matrix's arrays disagree: {}: save the matrix with scipy.sparse.save_npz
= {}: los arreglos de la matriz {} no concuerdan: {}: guarda la matriz con scipy.sparse.save_npz

data, indices and indptr must be flat (1-D) arrays
= data, indices e indptr deben ser arreglos planos (1-D)

indptr has {} entries; {} rows need {}
= indptr tiene {} entradas; {} filas necesitan {}

indptr has {} entries; {} columns need {}
= indptr tiene {} entradas; {} columnas necesitan {}

data has {} values and indices {}; they must be as many
= data tiene {} valores e indices {}; deben tener los mismos

indptr must run from 0 to {}, the number of values
= indptr debe ir de 0 a {}, el número de valores

indptr must not decrease
= indptr no debe decrecer

indices must lie from 0 to {}
= indices deben estar entre 0 y {}

{}: its arrays hold {} once unpacked, more than half this machine's memory ({}): split the data into smaller files
= {}: sus arreglos ocupan {} una vez descomprimidos, más de la mitad de la memoria de esta máquina ({}): divide los datos en archivos más pequeños

{}: {} columns (its largest index, or the width it declares): a model holds one weight per column, {} for each output, more than half this machine's memory ({}): number the features densely (e.g. hash them into fewer columns)
= {}: {} columnas (su mayor índice, o el ancho que declara): un modelo guarda un peso por columna, {} por cada salida, más de la mitad de la memoria de esta máquina ({}): numera las características de forma densa (p. ej. agrúpalas por hash en menos columnas)

--solver {} solves in closed form; coef_init applies to gradient training (--solver gd)
= --solver {} resuelve en forma cerrada; coef_init se aplica al entrenamiento por gradiente (--solver gd)

coef_init and intercept_init apply to in-memory data, not dask arrays
= coef_init e intercept_init se aplican a datos en memoria, no a arreglos de dask

the rows are linearly separable once each column is standardised, but no hyperplane in X's own units can be written in float64: the columns' scales differ by a factor of 1e{}, beyond float64's range (about 1e308), so a plane's weights would overflow or vanish; rescale the columns (e.g. standardise them) and check again
= las filas son linealmente separables una vez estandarizada cada columna, pero ningún hiperplano en las unidades propias de X puede escribirse en float64: las escalas de las columnas difieren en un factor de 1e{}, más allá del rango de float64 (unos 1e308), así que los pesos de un plano desbordarían o se anularían; reescala las columnas (p. ej. estandarízalas) y vuelve a comprobar

{}: target column {} holds {}, an infinite value: class labels must be finite; replace it, or drop those rows
= {}: la columna objetivo {} contiene {}, un valor infinito: las etiquetas de clase deben ser finitas; reemplázalo, o quita esas filas

{}: column {} holds {} (data row {}), which the model's scaling takes beyond float64's range: the model was trained on a far narrower range of this column; check the value, or train on data that spans it
= {}: la columna {} contiene {} (fila de datos {}), que el escalado del modelo lleva más allá del rango de float64: el modelo se entrenó con un rango mucho más estrecho de esta columna; revisa el valor, o entrena con datos que lo abarquen

{}: the file names column(s) {} more than once: rename them
= {}: el archivo nombra la(s) columna(s) {} más de una vez: cámbiales el nombre

{}: the file starts as a {} file does, not as {} text: name it *.{}, or pass --format {}
= {}: el archivo empieza como un archivo {}, no como texto {}: nómbralo *.{}, o indica --format {}

{}: target column {} holds one class only ({}): a classifier needs rows of at least two classes; check the target column, or the filter that selected the rows
= {}: la columna objetivo {} tiene una sola clase ({}): un clasificador necesita filas de al menos dos clases; revisa la columna objetivo, o el filtro que eligió las filas

{}: holds the arrays {}; an .npz data file holds X and, optionally, y (or one 2-D array), and neurona would not read {}: save only X and y (np.savez(FILE, X=X, y=y))
= {}: contiene los arrays {}; un archivo de datos .npz contiene X y, si se quiere, y (o un único array 2-D), y neurona no leería {}: guarda solo X e y (np.savez(FILE, X=X, y=y))

{}: holds no arrays: an .npz data file holds X and, optionally, y (or one 2-D array): save them as np.savez(FILE, X=X, y=y)
= {}: no contiene ningún array: un archivo de datos .npz contiene X y, si se quiere, y (o un único array 2-D): guárdalos como np.savez(FILE, X=X, y=y)

{}: a sparse .npz archive of format {} holds the arrays {} and, optionally, y; this one also holds {}, which neurona would not read: save the matrix with scipy.sparse.save_npz and the target as y
= {}: un archivo .npz disperso de formato {} contiene los arrays {} y, si se quiere, y; este contiene además {}, que neurona no leería: guarda la matriz con scipy.sparse.save_npz y el objetivo como y

member {} has a damaged .npy header ({})
= el miembro {} tiene una cabecera .npy dañada ({:NumPy})

member {} has a damaged .npy header
= el miembro {} tiene una cabecera .npy dañada

its data field 'features' holds the empty name {}: a column name is never empty
= su campo de datos 'features' contiene el nombre vacío {}: un nombre de columna nunca está vacío

its data field {} = {} is empty: it names a column or a file (or is null)
= su campo de datos {} = {} está vacío: nombra una columna o un archivo (o es null)

{} is a masked array with {} masked value(s) (first at {}[{}]): the values under the mask would be read as data; fill them ({}.filled(value)) or drop those rows ({}[~np.ma.getmaskarray({}).any(axis=1)])
= {} es un array enmascarado con {} valor(es) enmascarado(s) (el primero en {}[{}]): los valores bajo la máscara se leerían como datos; rellénalos ({}.filled(valor)) o descarta esas filas ({}[~np.ma.getmaskarray({}).any(axis=1)])

it holds {} without {}
= contiene {} sin {}

{} is not an array of the dtype and shape of {}
= {} no es un array del dtype y la forma de {}

it holds standard_coef_ but no averaging had begun
= contiene standard_coef_ pero ningún promedio había empezado

{}: the file is a spreadsheet workbook, which neurona does not read: save the sheet as CSV from the spreadsheet program (CSV UTF-8) and pass that file
= {}: el archivo es un libro de hoja de cálculo, que neurona no lee: guarda la hoja como CSV desde el programa de hojas de cálculo (CSV UTF-8) e indica ese archivo

{}: cannot tell the format from the extension {}: a spreadsheet workbook, which neurona does not read; save the sheet as CSV from the spreadsheet program (CSV UTF-8) and pass that file
= {}: no se puede saber el formato por la extensión {}: es un libro de hoja de cálculo, que neurona no lee; guarda la hoja como CSV desde el programa de hojas de cálculo (CSV UTF-8) e indica ese archivo

{}: cannot tell the format from the extension {}: an archive of files, which neurona does not unpack; unpack it and pass the data file inside
= {}: no se puede saber el formato por la extensión {}: es un archivo comprimido de varios archivos, que neurona no desempaqueta; desempaquétalo e indica el archivo de datos que contiene

{}: the file starts as an Arrow IPC (Feather) file does, which neurona does not read: write the table as Parquet (pyarrow.parquet.write_table) and pass that file
= {}: el archivo empieza como un archivo Arrow IPC (Feather), que neurona no lee: escribe la tabla como Parquet (pyarrow.parquet.write_table) e indica ese archivo

{}: cannot tell the format from the extension {}: an Arrow IPC (Feather) file, which neurona does not read; write the table as Parquet (pyarrow.parquet.write_table) and pass that file
= {}: no se puede saber el formato por la extensión {}: es un archivo Arrow IPC (Feather), que neurona no lee; escribe la tabla como Parquet (pyarrow.parquet.write_table) e indica ese archivo

{}: the file is an archive of files ({}{}), which neurona does not unpack: unpack it and pass the data file inside
= {}: el archivo es un archivo comprimido de varios archivos ({}{}), que neurona no desempaqueta: desempaquétalo e indica el archivo de datos que contiene

 and {} more
=  y {} más

 (a percent sign: numbers are read without one; write 10% as 10 or as 0.10, and the same way in every row)
=  (un signo de porcentaje: los números se leen sin él; escribe 10% como 10 o como 0.10, y de la misma forma en todas las filas)

 (a currency sign or code: numbers are read without one; write the amount alone, 10.5, and name the currency in the column's header)
=  (un símbolo o código de moneda: los números se leen sin él; escribe solo la cantidad, 10.5, y nombra la moneda en la cabecera de la columna)

 (digits grouped by {}: numbers are read without thousands separators; write 1000, not 1{}000)
=  (dígitos agrupados por {}: los números se leen sin separadores de miles; escribe 1000, no 1{}000)

 (a comment: a CSV file holds none; delete the lines starting with '#')
=  (un comentario: un archivo CSV no tiene comentarios; borra las líneas que empiezan por '#')

{}: {} starts with '#', a comment, but a CSV file holds none: delete the comment lines (those starting with '#')
= {}: {} empieza por '#', un comentario, pero un archivo CSV no tiene comentarios: borra las líneas de comentario (las que empiezan por '#')

{}: no {} column {}: the header line starts with '#', a comment ({}), but a CSV file holds none: delete the comment lines (those starting with '#') so that the column names come first
= {}: no hay columna {} {}: la línea de cabecera empieza por '#', un comentario ({}), pero un archivo CSV no tiene comentarios: borra las líneas de comentario (las que empiezan por '#') para que los nombres de las columnas vayan primero

{}: the feature column {} is named twice in --features: give each column once
= {}: la columna de características {} aparece dos veces en --features: indica cada columna una sola vez

{}: the column {} is named twice in --keep: give each column once
= {}: la columna {} aparece dos veces en --keep: indica cada columna una sola vez

'-' is not standard output here: name a file (without --out, predict prints its predictions)
= '-' no es la salida estándar aquí: indica un archivo (sin --out, predict muestra sus predicciones)

'-' is not standard output here: name a folder for the plots
= '-' no es la salida estándar aquí: indica una carpeta para los gráficos

{} '-' is not standard output here: name a file
= {} '-' no es la salida estándar aquí: indica un archivo

{} '-' is not standard output here: name a folder
= {} '-' no es la salida estándar aquí: indica una carpeta

the predictions for the validation rows went beyond float64's range, although the weights are finite; lower the learning rate (e.g. by 10x), use --reduction mean, or standardise the features (--scale standard)
= las predicciones para las filas de validación salieron del rango de float64, aunque los pesos son finitos; baja la tasa de aprendizaje (p. ej. 10 veces), usa --reduction mean, o estandariza las características (--scale standard)

{}: column {} has type {}, not numbers: feature columns must be numeric; leave it out with --features, or pass --one-hot to encode its values as 0/1 columns
= {}: la columna {} es de tipo {}, no números: las columnas de características deben ser numéricas; déjala fuera con --features, o usa --one-hot para codificar sus valores como columnas 0/1

{}: column {} has type {}, not numbers: feature columns must be numeric; leave it out with --features, or store it as numbers
= {}: la columna {} es de tipo {}, no números: las columnas de características deben ser numéricas; déjala fuera con --features, o guárdala como números

{}: column {} has type {}, not numbers: feature columns must be numeric; leave it out with --exclude, or store it as numbers
= {}: la columna {} es de tipo {}, no números: las columnas de características deben ser numéricas; déjala fuera con --exclude, o guárdala como números

{}: column {} has type {}, not numbers: feature columns must be numeric; leave it out with --features
= {}: la columna {} es de tipo {}, no números: las columnas de características deben ser numéricas; déjala fuera con --features

{}: column {} has type {}, not numbers: feature columns must be numeric; leave it out with --exclude
= {}: la columna {} es de tipo {}, no números: las columnas de características deben ser numéricas; déjala fuera con --exclude

feature_names_in_ names the feature {} twice
= feature_names_in_ nombra la característica {} dos veces

early_stopping: the {} validation row(s) that weigh in hold one target value, so their R² (the score of a regression) is undefined; raise validation_fraction, use another random_state, or set early_stopping=False
= early_stopping: las {} filas de validación que cuentan tienen un solo valor del objetivo, así que su R² (la puntuación de una regresión) no está definido; sube validation_fraction, usa otro random_state o pon early_stopping=False

early_stopping: the {} validation row(s) that weigh in hold one value in target column {}, so their R² (the score of a regression) is undefined; raise validation_fraction, use another random_state, or set early_stopping=False
= early_stopping: las {} filas de validación que cuentan tienen un solo valor en la columna objetivo {}, así que su R² (la puntuación de una regresión) no está definido; sube validation_fraction, usa otro random_state o pon early_stopping=False

X has the columns {} but the model was fitted on {}: the plot would draw other features under the model's names; pass the model's columns in its order (X[list(clf.feature_names_in_)] for a DataFrame, X.select(list(clf.feature_names_in_)) for a pyarrow or polars table)
= X tiene las columnas {} pero el modelo se ajustó con {}: la gráfica dibujaría otras características con los nombres del modelo; pasa las columnas del modelo en su orden (X[list(clf.feature_names_in_)] para un DataFrame, X.select(list(clf.feature_names_in_)) para una tabla de pyarrow o de polars)

{}: no {} column {}{} (the file's columns: {}): pass a column name or an index from 0 to {}; a name holding a comma is written in double quotes, as in '{}'
= {}: no existe la columna {} {}{} (las columnas del archivo: {}): indica un nombre de columna o un índice de 0 a {}; un nombre que contiene una coma se escribe entre comillas dobles, como en '{}'

{}: no target column {}{} (the file's columns: {}): pass a column name or an index from 0 to {}; a name holding a comma is written in double quotes, as in '{}'
= {}: no existe la columna objetivo {}{} (las columnas del archivo: {}): indica un nombre de columna o un índice de 0 a {}; un nombre que contiene una coma se escribe entre comillas dobles, como en '{}'

{}: no feature column {}{} (the file's columns: {}): pass a column name or an index from 0 to {}; a name holding a comma is written in double quotes, as in '{}'
= {}: no existe la columna de características {}{} (las columnas del archivo: {}): indica un nombre de columna o un índice de 0 a {}; un nombre que contiene una coma se escribe entre comillas dobles, como en '{}'

{}: column {} (counted from 0) has no name: a saved model finds its columns by name; name it in the file, or leave it out with --exclude {}
= {}: la columna {} (contando desde 0) no tiene nombre: un modelo guardado encuentra sus columnas por su nombre; ponle nombre en el archivo, o déjala fuera con --exclude {}

{}: the target column {} (counted from 0) has no name: a saved model notes its target by name; name it in the file
= {}: la columna objetivo {} (contando desde 0) no tiene nombre: un modelo guardado anota su objetivo por su nombre; ponle nombre en el archivo

{}: an array in the file holds Python objects (dtype object, such as labels of mixed types), which are only read by unpickling them, and neurona never unpickles: save the labels as text (np.str_) or numbers
= {}: un arreglo del archivo contiene objetos de Python (dtype object, como etiquetas de tipos mezclados), que solo se leen deserializándolos con pickle, y neurona nunca usa pickle: guarda las etiquetas como texto (np.str_) o como números

history_ holds {} from the earlier calls, but track_accuracy={} records {}: keep the same track_accuracy across partial_fit and warm_start calls, or refit from scratch
= history_ contiene {} de las llamadas anteriores, pero track_accuracy={} registra {}: mantén el mismo track_accuracy en todas las llamadas a partial_fit y warm_start, o ajusta de nuevo desde cero

its history has accuracy (a classifier's) but the file holds no classes_
= su historial tiene exactitud (propia de un clasificador), pero el archivo no contiene classes_

it holds classes_ but its history has no accuracy
= contiene classes_, pero su historial no tiene exactitud

its history has accuracy but its track_accuracy is False
= su historial tiene exactitud, pero su track_accuracy es False

"""


def _pairs(text: str) -> dict[str, str]:
    """The entries of ``text``: an English line, then ``= `` and its Spanish."""
    pairs: dict[str, str] = {}
    for block in text.strip("\n").split("\n\n"):
        english, spanish = block.split("\n= ")
        pairs[english] = spanish
    return pairs


#: English message (``{}`` for each varying part) -> Spanish template
LIBRARY: dict[str, str] = _pairs(_TEXT)
