"""Edges found by hostile inputs (round 11, part A), each fault fixed as its whole kind.

* an ``.npz`` data file holding an array besides ``X`` and ``y`` (a weight, a ``Y``) trained
  and ignored it; a sparse ``save_npz`` archive with an extra array likewise. Now refused,
  naming the file, the arrays it holds and the ones expected;
* NaN in a Parquet or NumPy class target was scikit-learn's ``Input y contains NaN`` at
  train and an unseen class (written ``null``) at evaluate. Now a missing value, named;
* the reasons pyarrow, NumPy, zlib and the system give, quoted in a reader's message,
  reached a Spanish line in English. Known ones are translated; others are quoted and
  marked as the library's English detail («...»);
* ``evaluate --json`` wrote unseen labels ``inf``/``-inf`` as ``null``: now as text;
* model metadata naming an empty target, source, feature or version loaded and failed
  later; now refused at load, naming the file and the field;
* ``check_gradient`` failed a right gradient at a point below what finite differences
  resolve (Σx² at 1e-12 in float32, 1e-200 in float64). Now it says it cannot decide;
  a wrong gradient where it can tell still fails;
* the safe-step message called the largest row norm ``|x|``;
* a data file the system lists but will not read (``/proc/self/mem``) raised a bare
  ``OSError`` with no file name.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import os
import re
import zipfile

import numpy as np
import pytest

from helpers import run
from neurona import Adaline, load
from neurona.calculus import check_gradient
from neurona.errors import DataError, ModelFileError, ParameterError
from test_cli_es import english_words


def _one_line(result) -> str:
    assert result.exit_code != 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def _spanish(line: str) -> str:
    """A Spanish line: no English word outside a quoted library detail («...»)."""
    assert "error:" in line, line
    body = re.sub(r"«[^»]*»|\S*/\S*", " ", line.split("error:", 1)[1])  # details, paths
    assert not english_words(body), (english_words(body), line)
    return line


def _data(n: int = 20, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    return X, (X[:, 0] > 0).astype(float)


def _parquet(path, **columns):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path)
    return path


# ------------------------------------------------------- .npz arrays neurona would not read


@pytest.mark.parametrize(
    ("arrays", "extra"),
    [({"w": np.ones(20)}, "'w'"), ({"Y": np.zeros(20)}, "'Y'"),
     ({"weights": np.ones(20), "ids": np.arange(20)}, "'weights'")],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_npz_array_besides_x_and_y_is_refused_not_ignored(tmp_path, arrays, extra, lang):
    X, y = _data()
    path = tmp_path / "d.npz"
    np.savez(path, X=X, y=y, **arrays)
    out = tmp_path / "m.npz"
    line = _one_line(run("--lang", lang, "train", path, "-t", "y", "-o", out))
    assert f"{path}: " in line
    assert extra in line
    assert "'X'" in line
    assert "np.savez(FILE, X=X, y=y)" in line
    if lang == "es":
        _spanish(line)
        assert "neurona no leería" in line
    else:
        assert "neurona would not read" in line
    assert not out.exists()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_sparse_archive_with_an_extra_array_is_refused(tmp_path, lang):
    path = tmp_path / "s.npz"
    np.savez(path, data=np.ones(2), indices=np.array([0, 1]), indptr=np.array([0, 1, 2]),
             format=np.array(b"csr"), shape=np.array([2, 2]), y=np.array([0, 1]),
             weights=np.ones(2))  # fmt: skip
    line = _one_line(run("--lang", lang, "train", path, "-t", "y", "-o", tmp_path / "m.npz"))
    assert f"{path}: " in line
    assert "'weights'" in line
    if lang == "es":
        _spanish(line)


def test_a_scipy_save_npz_archive_and_an_x_y_archive_still_train(tmp_path):
    import scipy.sparse as sp

    X, y = _data()
    dense = tmp_path / "d.npz"
    np.savez(dense, X=X, y=y)
    sparse = tmp_path / "s.npz"
    sp.save_npz(sparse, sp.csr_array(np.column_stack([X, y])))  # with its _is_array flag
    for path, target in ((dense, "y"), (sparse, "2")):
        out = tmp_path / f"m_{path.stem}.npz"
        result = run("train", path, "-t", target, "--epochs", "3", "-q", "-o", out)
        assert result.exit_code == 0, result.output
        assert load(out).n_features_in_ == 2


@pytest.mark.parametrize("lang", ["en", "es"])
def test_npz_arrays_of_different_lengths_are_named(tmp_path, lang):
    X, y = _data()
    path = tmp_path / "d.npz"
    np.savez(path, X=X, y=y[:5])
    line = _one_line(run("--lang", lang, "train", path, "-t", "y", "-o", tmp_path / "m.npz"))
    assert f"{path}: " in line
    assert "(5,)" in line
    assert "20" in line
    if lang == "es":
        _spanish(line)


# ----------------------------------------------------------- NaN in a class target


@pytest.mark.parametrize("kind", ["parquet", "npz", "npy"])
@pytest.mark.parametrize("command", ["train", "train-stream", "evaluate"])
def test_nan_in_a_class_target_is_a_missing_value(tmp_path, kind, command):
    X, y = _data()
    bad = y.copy()
    bad[[3, 7]] = np.nan
    if kind == "parquet":
        path, target = _parquet(tmp_path / "d.parquet", a=X[:, 0], b=X[:, 1], y=bad), "y"
    elif kind == "npz":
        path, target = tmp_path / "d.npz", "y"
        np.savez(path, X=X, y=bad)
    else:
        path, target = tmp_path / "d.npy", "2"
        np.save(path, np.column_stack([X, bad]))
    if command == "evaluate":
        model = tmp_path / "m.npz"
        good = _parquet(tmp_path / "good.parquet", a=X[:, 0], b=X[:, 1], y=y)
        assert run("train", good, "-t", "y", "--epochs", "3", "-q", "-o", model).exit_code == 0
        args = ["evaluate", model, path, "-t", target, "--json"]
    else:
        stream = ["--stream"] if command == "train-stream" else []
        args = ["train", path, "-t", target, *stream, "-o", tmp_path / "out.npz"]
    result = run(*args)
    line = _one_line(result)
    assert result.stdout == ""
    for part in (f"{path}: ", repr(target), "missing value", "data row 4"):
        assert part in line, line
    assert "Input y" not in line


# ------------------------------------------- library reasons in a Spanish line


def _truncated(tmp_path, kind):
    X, y = _data()
    if kind == "npz":
        np.savez(tmp_path / "full.npz", X=X, y=y)
        raw = (tmp_path / "full.npz").read_bytes()
        (tmp_path / "d.npz").write_bytes(raw[: len(raw) // 2])
        return tmp_path / "d.npz", "y", "no es un archivo zip"
    if kind == "npy":
        np.save(tmp_path / "full.npy", np.column_stack([X, y]))
        raw = (tmp_path / "full.npy").read_bytes()
        (tmp_path / "d.npy").write_bytes(raw[:-30])
        return tmp_path / "d.npy", "2", "más corto que el array que declara su cabecera"
    if kind == "npy-header":
        np.save(tmp_path / "full.npy", np.column_stack([X, y]))
        (tmp_path / "d.npy").write_bytes((tmp_path / "full.npy").read_bytes()[:20])
        return tmp_path / "d.npy", "2", "el archivo termina en la cabecera del array"
    if kind == "parquet":
        raw = _parquet(tmp_path / "full.parquet", a=X[:, 0], y=y).read_bytes()
        (tmp_path / "d.parquet").write_bytes(raw[: len(raw) // 2] + raw[-8:])
        return tmp_path / "d.parquet", "y", "menos que los"
    if kind == "parquet-tiny":
        (tmp_path / "d.parquet").write_bytes(b"PAR1")
        return tmp_path / "d.parquet", "y", "el pie más corto posible"
    if kind == "gz":
        text = b"a,y\n" + b"".join(b"%d,%d\n" % (i, i % 2) for i in range(40))
        (tmp_path / "d.csv.gz").write_bytes(gzip.compress(text, mtime=0)[:-12])
        return tmp_path / "d.csv.gz", "y", "el flujo comprimido está truncado"
    if kind == "parquet-thrift":  # a reason with no Spanish: quoted and marked
        raw = _parquet(tmp_path / "full.parquet", a=X[:, 0], y=y).read_bytes()
        (tmp_path / "d.parquet").write_bytes(raw[:4] + b"\0" * (len(raw) - 12) + raw[-8:])
        return tmp_path / "d.parquet", "y", "detalle de pyarrow, en inglés: «"
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind", ["npz", "npy", "npy-header", "parquet", "parquet-tiny", "gz", "parquet-thrift"]
)
def test_a_readers_quoted_reason_is_spanish_or_marked(tmp_path, kind):
    path, target, spanish = _truncated(tmp_path, kind)
    line = _spanish(_one_line(run("--lang", "es", "train", path, "-t", target, "-o",
                                  tmp_path / "m.npz")))  # fmt: skip
    assert f"{path}: " in line
    assert spanish in line, line
    english = _one_line(run("--lang", "en", "train", path, "-t", target, "-o", tmp_path / "m.npz"))
    assert "detalle" not in english
    assert "«" not in english


def test_an_unknown_reason_is_quoted_whole_as_the_librarys():
    from neurona import _i18n

    _i18n.set_lang("es")
    try:
        text = _i18n.message(
            "neurona: error: d.parquet: not a readable Parquet file (Something new: 42): "
            "check that the file is complete, or that its extension matches its format"
        )
    finally:
        _i18n.set_lang(None)
    assert "(detalle de pyarrow, en inglés: «Something new: 42»)" in text, text
    assert text.startswith("neurona: error: d.parquet: no es un archivo Parquet legible")


def test_the_systems_reason_is_spanish(tmp_path):
    loop = tmp_path / "loop.csv"
    os.symlink(tmp_path / "other.csv", loop)
    os.symlink(loop, tmp_path / "other.csv")
    line = _spanish(_one_line(run("--lang", "es", "train", loop, "-t", "y")))
    assert "demasiados niveles de enlaces simbólicos" in line
    line = _spanish(_one_line(run("--lang", "es", "evaluate", loop, tmp_path / "x.csv")))
    assert "bucle de enlaces simbólicos (demasiados niveles" in line


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs /proc/self/mem")
@pytest.mark.parametrize("suffix", [".csv", ".npz", ".npy", ".parquet", ".tsv.gz"])
def test_a_file_the_system_will_not_read_is_named(tmp_path, suffix):
    link = tmp_path / f"mem{suffix}"
    os.symlink("/proc/self/mem", link)
    line = _one_line(run("train", link, "-t", "y", "-o", tmp_path / "m.npz"))
    assert f"{link}: cannot read the data file (Input/output error)" in line
    line = _spanish(_one_line(run("--lang", "es", "train", link, "-t", "y")))
    assert "error de entrada/salida" in line


# ------------------------------------------------- evaluate --json: labels as written


def _strict_json(text: str):
    def refuse(name):
        raise AssertionError(f"invalid JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def test_evaluate_json_writes_infinite_unseen_labels_as_text(tmp_path):
    X, y = _data()
    model = tmp_path / "m.npz"
    train = _parquet(tmp_path / "t.parquet", a=X[:, 0], b=X[:, 1], y=y)
    assert run("train", train, "-t", "y", "--epochs", "3", "-q", "-o", model).exit_code == 0
    seen = y.copy()
    seen[:3] = [np.inf, -np.inf, np.inf]
    data = _parquet(tmp_path / "e.parquet", a=X[:, 0], b=X[:, 1], y=seen)
    result = run("evaluate", model, data, "-t", "y", "--json")
    assert result.exit_code == 0, result.output
    report = _strict_json(result.stdout)
    assert sorted(report["unseen_labels"]) == ["-inf", "inf"]
    assert report["n_unseen"] == 3
    assert report["classes"] == [0.0, 1.0]
    matrix = np.array(report["confusion_matrix"])
    assert matrix.shape == (4, 2)
    assert matrix.sum() == 20
    assert matrix[2:].sum() == 3  # the three infinite rows, each counted once
    text = run("--lang", "es", "evaluate", model, data, "-t", "y").stdout
    assert "3 de 20 filas tienen etiquetas que el modelo nunca vio" in text


def test_json_labels_keep_every_value_json_cannot_hold():
    from neurona.cli import _labels

    labels = _labels(np.array([np.inf, -np.inf, np.nan, 1.5, 2.0]))
    assert labels == ["inf", "-inf", "nan", 1.5, 2.0]
    assert _labels(np.array(["a", "b"])) == ["a", "b"]
    assert _labels(np.array([1, 2], dtype=np.uint64)) == [1, 2]
    assert json.dumps(labels, allow_nan=False)


# ----------------------------------------------------- metadata checked at load


def _rewritten(src, dst, change):
    with zipfile.ZipFile(src) as z:
        members = [(n, z.read(n)) for n in z.namelist()]
    with zipfile.ZipFile(dst, "w") as z:
        for name, raw in members:
            if name == "__metadata__.npy":
                meta = json.loads(np.load(io.BytesIO(raw)).tobytes())
                change(meta)
                buffer = io.BytesIO()
                np.save(buffer, np.frombuffer(json.dumps(meta).encode(), np.uint8))
                raw = buffer.getvalue()
            z.writestr(name, raw)
    return dst


@pytest.fixture(scope="module")
def cli_model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("model")
    X, y = _data()
    data = _parquet(folder / "t.parquet", a=X[:, 0], b=X[:, 1], y=y)
    model = folder / "m.npz"
    result = run("train", data, "-t", "y", "--epochs", "3", "-q", "--scale", "standard",
                 "-o", model)  # fmt: skip
    assert result.exit_code == 0, result.output
    return model, data


@pytest.mark.parametrize(
    ("change", "field"),
    [(lambda m: m["data"].update(target=""), "'target' = ''"),
     (lambda m: m["data"].update(target="   "), "'target' = '   '"),
     (lambda m: m["data"].update(source=""), "'source' = ''"),
     (lambda m: m["data"].update(features=["", "b"]), "'features' holds the empty name ''"),
     (lambda m: m["data"].update(features=["a", " "]), "'features' holds the empty name ' '"),
     (lambda m: m.update(neurona_version=""), "neurona_version ''")],
)  # fmt: skip
def test_empty_metadata_names_are_refused_at_load(tmp_path, cli_model, change, field):
    model, data = cli_model
    bad = _rewritten(model, tmp_path / "bad.npz", change)
    with pytest.raises(ModelFileError) as info:
        load(bad)
    assert str(bad) in str(info.value)
    assert field in str(info.value)
    for lang in ("en", "es"):
        line = _one_line(run("--lang", lang, "evaluate", bad, data))
        assert f"'{bad}'" in line
        if lang == "es":
            _spanish(line)


def test_the_untouched_model_still_loads_and_evaluates(cli_model, tmp_path):
    model, data = cli_model
    same = _rewritten(model, tmp_path / "same.npz", lambda m: None)
    result = run("evaluate", same, data, "--json")
    assert result.exit_code == 0, result.output
    assert _strict_json(result.stdout)["n_samples"] == 20


# ------------------------------------------------ check_gradient below resolution


def _sum_of_squares(dtype):
    return lambda x: float(np.sum(np.asarray(x, dtype) ** 2))


def _times(k):
    return lambda x: k * np.asarray(x, dtype=np.float64)


@pytest.mark.parametrize(
    ("dtype", "magnitude"),
    [(np.float32, 1e-12), (np.float32, 1e-30), (np.float64, 1e-200), (np.float64, 1e-30)],
)
def test_check_gradient_cannot_decide_below_finite_difference_resolution(dtype, magnitude):
    x = magnitude * np.ones(3)
    for grad in (_times(2.0), _times(3.0)):  # right and wrong alike: nothing tells them apart
        with pytest.raises(ParameterError, match="check_gradient cannot decide") as info:
            check_gradient(_sum_of_squares(dtype), grad, x)
    assert "too small to check" in str(info.value)
    if dtype is np.float32:
        assert "compute f in float64" in str(info.value)


@pytest.mark.parametrize(
    ("dtype", "magnitude"),
    [(np.float32, 1e-12), (np.float64, 1e-200), (np.float32, 1e-3), (np.float64, 1e-12),
     (np.float32, 1.0), (np.float64, 1e3)],
)  # fmt: skip
def test_a_gradient_wrong_by_more_than_the_resolution_still_fails(dtype, magnitude):
    x = magnitude * np.ones(3)
    check = check_gradient(_sum_of_squares(dtype), lambda v: np.ones(3), x)  # 1, not 2x
    assert not check.passed


@pytest.mark.parametrize(
    ("dtype", "magnitude"),
    [(np.float32, 1e-3), (np.float32, 1e-6), (np.float32, 1e3), (np.float64, 1e-12),
     (np.float64, 1e-6), (np.float64, 1.0)],
)  # fmt: skip
def test_right_and_wrong_gradients_at_a_resolvable_point(dtype, magnitude):
    x = magnitude * np.array([1.0, -2.0, 0.5])
    f = _sum_of_squares(dtype)
    assert check_gradient(f, _times(2.0), x).passed
    wrong = check_gradient(f, _times(3.0), x)
    assert not wrong.passed
    assert wrong.max_rel_error == pytest.approx(1 / 3, rel=1e-2)


# ------------------------------------------------------ the safe step's row norm


@pytest.mark.parametrize(
    "X",
    [[[1e155], [-1e155]], [[1.7e308, 1.7e308], [-1.7e308, -1.7e308]],
     [[3e200, 4e200], [1.0, 1.0]]],
)  # fmt: skip
def test_the_safe_step_message_says_the_largest_row_norm(X):
    X = np.array(X)
    with pytest.raises(DataError) as info:
        Adaline().fit(X, [0, 1])
    text = str(info.value)
    # the norm by hand, in logarithms (it may pass float64's largest number)
    logs = [
        math.log10(max(map(abs, row))) + 0.5 * math.log10(sum((v / max(map(abs, row))) ** 2
                                                              for v in row))
        for row in X.tolist()
    ]  # fmt: skip
    top = max(logs)
    expected = f"{10 ** (top - math.floor(top)):.3g}e{math.floor(top):+03d}"
    assert f"the largest row norm of the features is ‖x‖ = {expected}:" in text, text
    assert "|x|" not in text


def test_the_row_norm_message_in_spanish(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("a,b,y\n3e200,4e200,0\n-3e200,-4e200,1\n")
    line = _spanish(_one_line(run("--lang", "es", "train", path, "-t", "y", "--model",
                                  "adaline", "-o", tmp_path / "m.npz")))  # fmt: skip
    assert "la mayor norma de fila de las características es ‖x‖ = 5e+200" in line
