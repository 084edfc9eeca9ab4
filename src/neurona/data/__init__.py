"""Data in and out of neurona: file readers, bundled datasets, streamed training.

* :mod:`neurona.data.readers` — CSV, TSV, Parquet, NPY and NPZ files as ``(X, y)``,
  whole or in chunks, with one-line errors that name the file, the line and the fix.
* :mod:`neurona.data.datasets` — the bundled datasets (iris, breast cancer, diabetes, the
  logic gates) and seeded generators (separable blobs, noisy linear data, XOR clouds).
* :mod:`neurona.data.streaming` — training on files larger than memory.
"""

from __future__ import annotations

from .datasets import DATASETS, Dataset, load_dataset
from .readers import DataFile, Table, read_xy
from .streaming import fit_stream

__all__ = ["DATASETS", "DataFile", "Dataset", "Table", "fit_stream", "load_dataset", "read_xy"]
