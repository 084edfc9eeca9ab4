"""NUL characters in text labels, which NumPy and pyarrow lose unless told.

NumPy's fixed-width text (``U`` and ``S`` dtypes) pads with NUL characters and so drops
trailing ones (``np.array(["x", "x\\0"])`` holds ``"x"`` twice), and pyarrow cuts NumPy
text at its first NUL; an object array keeps every label exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["first_nul", "keep_nuls"]

#: NumPy text is looked at in blocks of about this many characters
_BLOCK_CHARS = 1 << 22


def first_nul(values: Any) -> Any | None:
    """The first label of ``values`` (an array, or a flat sequence) that holds a NUL
    character, or None. In a ``U``/``S`` array only NULs before another character count:
    NumPy keeps no trailing ones."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "US":
        return _first_inner_nul(values)
    if isinstance(values, np.ndarray) and values.dtype.kind != "O":
        return None
    if isinstance(values, np.ndarray):
        items = values.ravel().tolist()
    elif isinstance(values, list | tuple):
        items = values
    else:
        return None
    try:
        text = "".join(items)  # text only: one pass in C
    except TypeError:  # not all text: looked at one by one
        pass
    else:
        return next((v for v in items if "\0" in v), None) if "\0" in text else None
    for v in items:
        if isinstance(v, str) and "\0" in v:
            return v
        if isinstance(v, bytes) and b"\0" in v:
            return v
        if isinstance(v, list | tuple | np.ndarray):
            found = first_nul(v)
            if found is not None:
                return found
    return None


def _first_inner_nul(values: np.ndarray) -> Any | None:
    size = 4 if values.dtype.kind == "U" else 1
    width = values.dtype.itemsize // size
    if width < 2 or values.size == 0:
        return None
    flat = np.ascontiguousarray(values).ravel()
    codes = flat.view(np.uint32 if size == 4 else np.uint8).reshape(-1, width)
    step = max(1, _BLOCK_CHARS // width)
    for start in range(0, codes.shape[0], step):
        nonzero = codes[start : start + step] != 0
        inner = (nonzero[:, 1:] & ~nonzero[:, :-1]).any(axis=1)  # a NUL before a character
        if inner.any():
            return flat[start + int(np.argmax(inner))].item()
    return None


def keep_nuls(y: Any) -> Any:
    """``y`` as an object array where it is a list or tuple with a label ending in a NUL
    character (which NumPy's text would drop: ``["x", "x\\0"]`` would be one class),
    else ``y`` as given: an object array keeps every label exactly, as NumPy text keeps
    NULs inside a label."""
    if not isinstance(y, list | tuple):
        return y
    try:
        text = "".join(y)  # text only: one pass in C
    except TypeError:
        ends = any(isinstance(v, str | bytes) and v[-1:] in ("\0", b"\0") for v in y)
    else:
        ends = "\0" in text and any(v.endswith("\0") for v in y)
    if not ends:
        return y
    values = np.empty(len(y), dtype=object)
    values[:] = y
    return values
