"""Edges, round 9: an svmlight file that starts with a byte order mark, and plots of
columns too small for a plot axis (with and without ``--scale``)."""

from __future__ import annotations

import numpy as np
import pytest

import neurona
from helpers import run, spy_figures

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("header", [b"", b"# Column indices are zero-based\n"])
def test_an_svmlight_file_with_a_byte_order_mark_reads_as_without(tmp_path, header):
    """Windows editors start UTF-8 files with a BOM: the file trains, predicts and reports
    its faults (on the right line) as the same file without it."""
    base = 0 if header else 1
    body = (f"1 {base}:0.5 {base + 1}:1\n-1 {base}:-0.5 {base + 1}:2\n"
            f"1 {base}:0.3 {base + 1}:0.1\n").encode()  # fmt: skip
    plain, marked = tmp_path / "plain.svmlight", tmp_path / "marked.svmlight"
    plain.write_bytes(header + body)
    marked.write_bytes(BOM + header + body)
    for path in (plain, marked):
        r = run("train", path, "--model", "perceptron", "-o", path.with_suffix(".npz"), "-q")
        assert r.exit_code == 0, r.output
    a, b = neurona.load(plain.with_suffix(".npz")), neurona.load(marked.with_suffix(".npz"))
    np.testing.assert_array_equal(a.coef_, b.coef_)
    r = run("predict", marked.with_suffix(".npz"), marked, "--out", tmp_path / "p.csv")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "p.csv").read_text().split()[1:] == ["1", "-1", "1"]
    bad = tmp_path / "bad.svmlight"
    bad.write_bytes(BOM + header + body + f"1 {base}:x\n".encode())
    r = run("train", bad, "--model", "perceptron", "-o", tmp_path / "bad.npz")
    assert r.exit_code == 1
    assert f"line {5 if header else 4}: the value 'x' is not a number" in r.output
    assert "\\ufeff" not in r.output


@pytest.mark.parametrize(("tiny", "unit", "scale"), [
    (1e-300, 1e-300, "standard"), (1e-300, 1e-300, "none"), (1e-320, 1e-300, "none"),
    (3e-260, 1e-260, "minmax"),
])  # fmt: skip
def test_a_column_too_small_for_an_axis_is_drawn_in_a_power_of_ten(
    tmp_path, monkeypatch, tiny, unit, scale
):
    """matplotlib widens an axis whose values are all under about 2e-287 to ±0.05, every
    point then on 0: such a column is drawn in units of 10^k, named on its axis, and the
    line drawn is still where the model's decision function is 0."""
    saved = spy_figures(monkeypatch)
    a = np.array([1.0, -1.0, 2.0, 0.0, 1.5, -0.5])
    b = np.array([2.0, 1.0, 3.0, 1.5, 2.5, 1.2]) * tiny
    label = [0, 1, 0, 1, 0, 1]
    data = tmp_path / "tiny.csv"
    rows = zip(a.tolist(), b.tolist(), label, strict=True)
    data.write_text("a,b,t\n" + "".join(f"{p!r},{q!r},{c}\n" for p, q, c in rows))
    neuron = "perceptron" if scale == "none" else "adaline"  # ADALINE asks for --scale
    r = run("train", data, "-t", "t", "--scale", scale, "--model", neuron, "--epochs", "40",
            "--plot", tmp_path / "p", "-o", tmp_path / "m.npz", "-q", "--lang", "en")  # fmt: skip
    assert r.exit_code == 0, r.output
    ax = saved["boundary.png"].axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("a", f"b (× {unit:.0e})")
    low, high = ax.get_ylim()
    shown = b / unit
    assert low <= shown.min() < shown.max() <= high  # the points spread over the axis
    assert high - low < 10 * (shown.max() - shown.min())
    model = neurona.load(tmp_path / "m.npz")
    if scale == "none":
        (line,) = [ln for ln in ax.lines if len(ln.get_xdata()) == 2] or [None]
        if line is not None:  # where w·x + b = 0, x in the file's units
            w = np.ravel(model.coef_)
            for px, py in zip(line.get_xdata(), line.get_ydata(), strict=True):
                z = w[0] * px + w[1] * (py * unit) + model.intercept_[0]
                assert abs(z) <= 1e-9 * (1 + abs(w[0] * px) + abs(model.intercept_[0]))


@pytest.mark.parametrize(("flags", "english", "spanish"), [
    (("--coef-init", "1,2,3"), "--coef-init gives 3 numbers; this data needs 2 numbers",
     "--coef-init da 3 números; estos datos necesitan 2 números (uno por característica"),
    (("--intercept-init", "1,2"), "--intercept-init gives 2 numbers; this data needs 1 number",
     "--intercept-init da 2 números; estos datos necesitan 1 número (uno por salida)"),
    (("--coef-init", "1,2;3,4"), "--coef-init gives 2 rows of 2 numbers; this data needs 2 "
     "numbers", "--coef-init da 2 filas de 2 números; estos datos necesitan 2 números"),
])  # fmt: skip
def test_starting_weights_of_the_wrong_size_are_counted_as_the_flag_takes_them(
    tmp_path, flags, english, spanish
):
    """The flag the user typed and how many numbers it needs, not fit's coef_init and
    NumPy shapes; in Spanish too."""
    data = tmp_path / "d.csv"
    data.write_text("a,b,t\n1,2,0\n-1,0.5,1\n2,3,0\n0,1,1\n")
    for lang, expected in (("en", english), ("es", spanish)):
        r = run("train", data, "-t", "t", *flags, "-o", tmp_path / "m.npz", "--lang", lang)
        assert r.exit_code == 1
        assert expected in r.output
        assert "coef_init" not in r.output
        assert "shape" not in r.output
    assert not (tmp_path / "m.npz").exists()
    three = tmp_path / "three.csv"
    three.write_text("a,b,t\n1,2,x\n2,1,y\n3,3,z\n0,1,x\n")
    r = run("train", three, "-t", "t", "--coef-init", "1,2", "-o", tmp_path / "m.npz")
    assert "this data needs 3 rows of 2 numbers (one per feature; a row per output" in r.output


def test_a_tiny_column_that_separates_beside_a_huge_one_is_found_separable():
    """Column 0 near ±1e300 is noise, column 1 near ±1e-300 separates: separable, with a
    plane that does separate the rows as given (its margin recomputed here)."""
    X = np.array([[1e300, 1e-300], [-1e300, 2e-300], [1e300, -1e-300], [-1e300, -3e-300]])
    y = np.array([1, 1, 0, 0])
    r = neurona.check_separability(X, y)
    assert r.separable
    s = np.where(y == 1, 1.0, -1.0)
    margins = s * (X @ r.weights + r.bias)
    assert (margins > 0).all()
    assert r.margin == pytest.approx(margins.min(), rel=1e-12)
    assert r.mistake_bound == np.inf  # (R/γ)² = (1e300/1e-300)² is beyond float64
    rotated = neurona.check_separability(X[:, ::-1], y)  # the same in either column order
    assert rotated.separable


def test_a_plane_that_float64_cannot_write_is_said_not_called_inseparable():
    """Classes split by x0/1e300 + x1/1e-300: separable, but a plane's two weights differ
    by 1e600; a DataError says so (in Spanish too), instead of "not separable"."""
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(40, 2))
    Z = Z[np.abs(Z.sum(axis=1)) > 0.2]
    y = (Z.sum(axis=1) > 0).astype(int)
    with pytest.raises(neurona.errors.DataError, match="differ by a factor of 1e600"):
        neurona.check_separability(Z * [1e300, 1e-300], y)
    near = neurona.check_separability(Z * [1e150, 1e-150], y)  # 1e300 apart: still written
    assert near.separable
    s = np.where(y == 1, 1.0, -1.0)
    assert (s * (Z * [1e150, 1e-150] @ near.weights + near.bias) > 0).all()


def test_plus_signed_labels_read_as_integers_under_label_type_auto(tmp_path):
    """``+1``/``-1`` (the perceptron's usual labels, written with their sign) are the
    integers 1 and -1, not floats; ``+1`` beside ``1`` is still a collision, refused."""
    data = tmp_path / "pm.csv"
    data.write_text("a,y\n1,+1\n2,-1\n3,+1\n-1,-1\n")
    r = run("train", data, "-t", "y", "--label-type", "auto", "-o", tmp_path / "m.npz", "-q")
    assert r.exit_code == 0, r.output
    model = neurona.load(tmp_path / "m.npz")
    assert model.classes_.dtype.kind == "i"
    assert model.classes_.tolist() == [-1, 1]
    r = run("predict", tmp_path / "m.npz", data, "--out", tmp_path / "p.csv")
    assert r.exit_code == 0, r.output
    assert set((tmp_path / "p.csv").read_text().split()[1:]) <= {"1", "-1"}
    clash = tmp_path / "clash.csv"
    clash.write_text("a,y\n1,+1\n2,1\n3,-1\n")
    r = run("train", clash, "-t", "y", "--label-type", "auto", "-o", tmp_path / "c.npz")
    assert r.exit_code == 1
    assert "the labels '+1' and '1' of column 'y' both read as 1" in r.output


def test_the_readers_quoted_reasons_speak_spanish(tmp_path):
    """A damaged Parquet file and NumPy files of Python objects: the reason pyarrow or
    NumPy gives, quoted in the line, in Spanish too (an .npz of objects is named as such
    by neurona's own line, round 14)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"a": [1.0, 2.0, 3.0], "y": [0, 1, 0]}), tmp_path / "t.parquet")
    whole = (tmp_path / "t.parquet").read_bytes()
    (tmp_path / "cut.parquet").write_bytes(whole[: len(whole) // 2])
    np.save(tmp_path / "obj.npy", np.array([[1, "a"], [2, "b"]], dtype=object),
            allow_pickle=True)  # fmt: skip
    np.savez(tmp_path / "obj.npz", X=np.array([[1, "a"]], dtype=object), y=np.array([1]))
    cases = {
        "cut.parquet": ("magic bytes", "no están los bytes mágicos de Parquet"),
        "obj.npy": ("memory-mapped", "no puede leerse mapeado en memoria"),
        "obj.npz": ("holds Python objects", "contiene objetos de Python"),
    }
    for name, (english, spanish) in cases.items():
        target = "1" if name == "obj.npy" else "y"
        r = run("train", tmp_path / name, "-t", target, "--lang", "es")
        assert r.exit_code == 1
        assert spanish in r.output
        assert english not in r.output
        r = run("train", tmp_path / name, "-t", target, "--lang", "en")
        assert english in r.output


def test_a_target_of_one_class_is_said_of_the_file_and_its_column(tmp_path):
    data = tmp_path / "one.csv"
    data.write_text("a,especie\n1,setosa\n2,setosa\n")
    for lang, words in (("en", "one.csv: target column 'especie' holds one class only "
                                "('setosa'): a classifier needs rows of at least two"),
                        ("es", "one.csv: la columna objetivo 'especie' tiene una sola clase "
                               "('setosa')")):  # fmt: skip
        r = run("train", data, "-t", "especie", "-o", tmp_path / "m.npz", "--lang", lang)
        assert r.exit_code == 1
        assert words in r.output
    assert not (tmp_path / "m.npz").exists()
