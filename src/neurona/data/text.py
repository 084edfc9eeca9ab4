r"""A seeded synthetic text-like dataset: hashed bag-of-words counts in a sparse matrix.

Real text reaches a perceptron as the output of scikit-learn's ``HashingVectorizer`` or
``CountVectorizer``: millions of rows, a few dozen non-zeros per row out of
:math:`10^5`–:math:`10^6` columns, token frequencies that follow Zipf's law (a few words
in every document, most words rare). :func:`make_text` draws such a matrix without any
text, from one seeded :class:`numpy.random.Generator`:

1. each row draws ``3 · nnz_per_row`` tokens from a Zipf law over a vocabulary (token
   ``r`` has probability about proportional to :math:`1/r^{s}`, the law of word
   frequencies; Zipf 1935, Manning & Schütze 1999 §1.4.3): the rank is the floor of a
   draw from the continuous power law on :math:`[1, V + 1)`, by inverting its cumulative
   distribution :math:`F(r) = (r^{1-s} - 1)/((V+1)^{1-s} - 1)` (:math:`\log r / \log(V+1)`
   for :math:`s = 1`), which keeps the draw at a few operations per token;
2. a token becomes a column by the hashing trick (Weinberger et al. 2009): a fixed
   multiplicative hash (Knuth's 2654435761) of the token's rank modulo ``n_features``;
3. the row keeps its first ``nnz_per_row`` distinct columns; a column's value is the
   number of times its tokens were drawn (a term count), as ``CountVectorizer`` gives;
4. the labels come from a planted sparse linear rule: ``y = 1`` where
   :math:`x^\top w^\ast` exceeds its median (half the rows each class), ``w*`` drawn
   from the same generator; ``flip`` of the labels are then flipped at random (noise).

The result is a CSR matrix with sorted column indices and exactly ``nnz_per_row`` stored
entries per row (fewer only where a row's draws hit fewer distinct columns).
"""

from __future__ import annotations

import numpy as np

from ..errors import ParameterError

__all__ = ["make_text"]

_KNUTH = np.uint64(2654435761)


def make_text(
    n_samples: int = 1000,
    n_features: int = 2**20,
    *,
    nnz_per_row: int = 50,
    vocabulary: int = 10**6,
    zipf: float = 1.1,
    flip: float = 0.0,
    dtype=np.float64,
    random_state: int | None = 0,
    block_rows: int = 50_000,
):
    """Draw a hashed bag-of-words count matrix and planted labels (module docstring).

    Parameters
    ----------
    n_samples : int
        Rows (documents), at least 1.
    n_features : int
        Columns (hash buckets), at least ``nnz_per_row``.
    nnz_per_row : int
        Distinct columns kept per row.
    vocabulary : int
        Tokens the Zipf law ranges over.
    zipf : float
        The law's exponent ``s`` (> 0).
    flip : float
        Fraction of labels flipped, in [0, 0.5].
    dtype : float32 or float64
    random_state : int or None
    block_rows : int
        Rows drawn at a time (memory: about ``3 · nnz_per_row · 8`` bytes per row of a
        block, beside the result).

    Returns
    -------
    X : scipy.sparse.csr_array, (n_samples, n_features), ``dtype``
    y : ndarray (n_samples,), int64 0/1

    Raises
    ------
    ParameterError
        A size, exponent or fraction out of range.
    """
    import scipy.sparse as sp

    for name, value, low in (
        ("n_samples", n_samples, 1),
        ("nnz_per_row", nnz_per_row, 1),
        ("vocabulary", vocabulary, 1),
        ("block_rows", block_rows, 1),
    ):
        if int(value) != value or value < low:
            raise ParameterError(f"{name} must be an integer ≥ {low}, got {value!r}")
    if int(n_features) != n_features or n_features < nnz_per_row:
        raise ParameterError(
            f"n_features must be an integer ≥ nnz_per_row ({nnz_per_row}), got {n_features!r}"
        )
    if not zipf > 0:
        raise ParameterError(f"zipf must be > 0, got {zipf!r}")
    if not 0 <= flip <= 0.5:
        raise ParameterError(f"flip must be in [0, 0.5], got {flip!r}")
    dtype = np.dtype(dtype)
    if dtype not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise ParameterError(f"dtype must be float32 or float64, got {dtype}")
    rng = np.random.default_rng(random_state)
    top = float(vocabulary) + 1.0
    draws = 3 * nnz_per_row
    n, k = int(n_samples), int(nnz_per_row)
    indptr = np.zeros(n + 1, dtype=np.int64)
    indices_parts, data_parts = [], []
    for start in range(0, n, block_rows):
        rows = min(block_rows, n - start)
        ranks = _power_law_ranks(rng.random((rows, draws)), zipf, top, vocabulary)
        cols = ((ranks * _KNUTH) % np.uint64(2**32) % np.uint64(n_features)).astype(np.int64)
        cols.sort(axis=1)
        new = np.ones_like(cols, dtype=bool)
        new[:, 1:] = cols[:, 1:] != cols[:, :-1]
        distinct = np.cumsum(new, axis=1)  # 1 + index of each entry's distinct column
        keep = distinct <= k
        first = new & keep
        # occurrences of each kept distinct column, in slot (distinct - 1) of its row
        flat = (np.arange(rows)[:, None] * draws + (distinct - 1))[keep]
        counts = np.bincount(flat, minlength=rows * draws).reshape(rows, draws)
        per_row = first.sum(axis=1)
        indices_parts.append(cols[first])
        data_parts.append(counts[:, :k][np.arange(k)[None, :] < per_row[:, None]].astype(dtype))
        indptr[start + 1 : start + rows + 1] = per_row
    np.cumsum(indptr, out=indptr)
    indices = np.concatenate(indices_parts)
    index_dtype = np.int32 if n_features <= np.iinfo(np.int32).max else np.int64
    if indptr[-1] <= np.iinfo(np.int32).max:
        indptr = indptr.astype(index_dtype)
    X = sp.csr_array(
        (np.concatenate(data_parts), indices.astype(index_dtype), indptr),
        shape=(n, int(n_features)),
    )
    w_true = rng.standard_normal(int(n_features))
    score = X @ w_true
    y = (score > np.median(score)).astype(np.int64)
    if flip:
        flipped = rng.random(n) < flip
        y[flipped] = 1 - y[flipped]
    return X, y


def _power_law_ranks(u: np.ndarray, s: float, top: float, vocabulary: int) -> np.ndarray:
    """Token ranks in 1..vocabulary from uniform ``u``: the floor of the inverse of the
    continuous power law's cumulative distribution on [1, top) (module docstring)."""
    if s == 1.0:
        r = np.exp(u * np.log(top))
    else:
        a = 1.0 - s
        r = (1.0 + u * (top**a - 1.0)) ** (1.0 / a)
    return np.clip(np.floor(r), 1, vocabulary).astype(np.uint64)
