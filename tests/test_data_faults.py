"""The data readers and writers against kinds of faults found in review (the command-line
side is in test_cli_faults.py): rows longer than a block, the first line, label types,
Parquet column types, and writers that compress or refuse what they cannot write."""

from __future__ import annotations

import gzip
import os
import re

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from neurona.data import DataFile, read_xy, readers
from neurona.data.writers import open_writer, write_columns
from neurona.errors import DataError


def test_rows_longer_than_a_block_are_read(tmp_path):
    path = tmp_path / "long.csv"
    rows = "".join(f"{i},{i % 2}\n" for i in range(2000))
    path.write_text("a,y\n" + rows + f"7,{'q' * (3 << 20)}\n" + rows)
    d = DataFile(path, target="y")
    chunks = list(d.chunks(chunk_bytes=4096))
    y = np.concatenate([c.y for c in chunks])
    assert len(y) == 4001
    assert y[2000] == "q" * (3 << 20)
    np.testing.assert_array_equal(
        np.concatenate([c.X for c in chunks])[:, 0][2001:], np.arange(2000)
    )


def test_a_row_longer_than_the_limit_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "_MAX_LINE_BYTES", 1 << 16)
    monkeypatch.setattr(readers, "_BLOCK_BYTES", 1 << 12)
    path = tmp_path / "long.csv"
    path.write_text("a,y\n1,0\n" + f"2,{'q' * (1 << 17)}\n")
    with pytest.raises(DataError, match=r"a row after line 2 is longer than 64 KiB") as info:
        read_xy(path, target="y")
    assert len(str(info.value)) < 300


@pytest.mark.parametrize("start", [b"\xef\xbb\xbf", b"\n\n", b"\xef\xbb\xbf\r\n"])
def test_first_line_after_a_bom_or_blank_lines(tmp_path, start):
    path = tmp_path / "d.csv"
    path.write_bytes(start + b"a,b,y\n1,2,u\n3,4,v\n")
    d = DataFile(path, target="y")
    assert d.columns == ["a", "b", "y"]
    assert d.named_columns
    np.testing.assert_array_equal(d.read().X, [[1, 2], [3, 4]])


def test_named_columns(tmp_path):
    (tmp_path / "h.csv").write_text("1,2,3\n4,5,6\n")
    assert not DataFile(tmp_path / "h.csv").named_columns
    np.save(tmp_path / "d.npy", np.eye(3))
    assert not DataFile(tmp_path / "d.npy").named_columns
    pq.write_table(pa.table({"a": [1.0], "y": ["u"]}), tmp_path / "d.parquet")
    assert DataFile(tmp_path / "d.parquet").named_columns


def test_parquet_dictionary_labels_and_large_integers(tmp_path):
    labels = pa.array(["u", "v", "u"]).dictionary_encode()
    pq.write_table(pa.table({"a": [1, 2, 2**53], "y": labels}), tmp_path / "d.parquet")
    t = read_xy(tmp_path / "d.parquet", target="y")
    assert t.y.tolist() == ["u", "v", "u"]
    np.testing.assert_array_equal(t.X[:, 0], [1, 2, 2**53])  # 2**53 itself is exact
    pq.write_table(pa.table({"a": [1, -(2**53) - 1], "y": [0, 1]}), tmp_path / "e.parquet")
    with pytest.raises(
        DataError, match=r"column 'a' holds the integer -9007199254740993 at row 2"
    ):
        read_xy(tmp_path / "e.parquet", target="y")


def test_labels_as_text_from_a_parquet_file_keep_their_type(tmp_path):
    pq.write_table(pa.table({"a": [1.0, 2.0], "y": [7, 70]}), tmp_path / "d.parquet")
    assert read_xy(tmp_path / "d.parquet", target="y").y.tolist() == [7, 70]


def test_writer_refuses_two_dimensional_columns(tmp_path):
    with pytest.raises(DataError, match="one 1-D array per column"):
        write_columns(tmp_path / "p.csv", {"prediction": np.zeros((3, 2))})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["p.csv.gz", "P.CSV.GZ"])
def test_writer_compresses_by_name(tmp_path, name):
    write_columns(tmp_path / name, {"x": np.arange(3)})
    assert gzip.decompress((tmp_path / name).read_bytes()).split() == [b'"x"', b"0", b"1", b"2"]
    with open_writer(tmp_path / "empty.csv.gz"):
        pass
    assert gzip.decompress((tmp_path / "empty.csv.gz").read_bytes()) == b""


def test_writer_refuses_compressed_binary_formats_and_folders(tmp_path):
    with pytest.raises(DataError, match="only CSV and TSV"):
        open_writer(tmp_path / "p.parquet.gz")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(DataError, match="is a folder"):
        open_writer(tmp_path / "dir.csv")


# --------------------------------------------------------------------------- second round


def test_write_target_follows_links_and_refuses_special_files(tmp_path):
    from neurona._atomic import OutputPathError, write_target

    real = tmp_path / "real.csv"
    (tmp_path / "link.csv").symlink_to(real)  # dangling: the file is created
    assert write_target(tmp_path / "link.csv") == real
    assert write_target(tmp_path / "new.csv") == tmp_path / "new.csv"
    (tmp_path / "folder").mkdir()
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    cases = {tmp_path / "folder": "is a folder", tmp_path / "loop": "loop of symbolic links",
             tmp_path / "missing" / "x.csv": "does not exist"}  # fmt: skip
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        cases[tmp_path / "pipe"] = "named pipe (FIFO)"
    for path, phrase in cases.items():
        with pytest.raises(OutputPathError, match=re.escape(phrase)) as info:
            write_target(path)
        assert isinstance(info.value, OSError)
        assert info.value.filename == str(path)


def test_atomic_writes_through_a_link(tmp_path):
    from neurona._atomic import atomic_write

    real = tmp_path / "real.bin"
    real.write_bytes(b"old")
    real.chmod(0o640)
    (tmp_path / "link.bin").symlink_to(real)
    with atomic_write(tmp_path / "link.bin") as f:
        f.write(b"new")
    assert (tmp_path / "link.bin").is_symlink()
    assert real.read_bytes() == b"new"
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.bin", "real.bin"]


def test_atomic_errors_name_the_target(tmp_path, monkeypatch):
    import errno
    import tempfile

    from neurona._atomic import atomic_path

    target = tmp_path / "out.csv"
    with pytest.raises(OSError, match="No space left") as info, atomic_path(target) as tmp:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp))
    assert info.value.filename == str(target)
    with pytest.raises(RuntimeError) as info, atomic_path(target) as tmp:
        raise RuntimeError(f"Failed to write '{tmp}': disk error")
    assert str(info.value) == f"Failed to write '{target}': disk error"
    assert list(tmp_path.iterdir()) == []

    def refused(prefix, suffix, dir):
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}abc{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(PermissionError) as info, atomic_path(target):
        pass
    assert info.value.filename == str(target)


@pytest.mark.parametrize("start", [" \n", "\t \n\n", "  \r\n"])
def test_whitespace_lines_before_the_header_are_blank(tmp_path, start):
    path = tmp_path / "d.csv"
    path.write_bytes(start.encode() + b"a,b,y\n1,2,u\n3,4,v\n")
    d = DataFile(path, target="y")
    assert d.columns == ["a", "b", "y"]
    np.testing.assert_array_equal(d.read().X, [[1, 2], [3, 4]])
    path.write_bytes(b"  \n\t\n")
    with pytest.raises(DataError, match="the file is empty"):
        DataFile(path)


@pytest.mark.parametrize("chunk_bytes", [4096, 16 << 20])
def test_a_header_longer_than_a_block(tmp_path, chunk_bytes):
    path = tmp_path / "d.csv"
    path.write_text("\n" + "h" * (2 << 20) + ",y\n" + "".join(f"{i},{i % 2}\n" for i in range(99)))
    d = DataFile(path, target="y")
    X = np.concatenate([t.X for t in d.chunks(chunk_bytes)])
    np.testing.assert_array_equal(X[:, 0], np.arange(99))
    assert d.labels(chunk_bytes).tolist() == ["0", "1"]


def test_xz_is_read_by_content_and_name(tmp_path):
    import lzma

    text = b"a,y\n1,u\n2,v\n"
    for name in ("d.csv.xz", "D.CSV.XZ", "d.csv"):
        (tmp_path / name).write_bytes(lzma.compress(text))
        assert read_xy(tmp_path / name, target="y").y.tolist() == ["u", "v"]
    (tmp_path / "cut.csv.xz").write_bytes(lzma.compress(text * 1000)[:60])
    with pytest.raises(DataError, match="cannot read the file"):
        read_xy(tmp_path / "cut.csv.xz", target="y")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("inf", "holds 'inf', an infinite value"), ("+INF", "holds '+INF', an infinite value"),
     ("1e309", "holds '1e309', which is beyond the range of float64"),
     ("NAN", "has a missing value at line 3"), ("nan(1)", "has a missing value at line 3")],
)  # fmt: skip
@pytest.mark.parametrize("chunk_bytes", [1 << 12, 16 << 20])
def test_csv_values_that_are_not_finite(tmp_path, text, phrase, chunk_bytes):
    path = tmp_path / "d.csv"
    rows = "".join(f"{i},{i},u\n" for i in range(500))
    path.write_text(f"a,b,y\n1,2,u\n3,{text},v\n" + rows)
    with pytest.raises(DataError, match=re.escape(phrase)) as info:
        list(DataFile(path, target="y").chunks(chunk_bytes))
    assert f"{path}: column 'b'" in str(info.value)
    if "missing" not in phrase:
        assert "at line 3" in str(info.value)
    path.write_text(f"a,y\n1,2\n3,{text}\n")
    with pytest.raises(DataError, match=r"target column 'y'|column 'y' has a missing"):
        read_xy(path, target="y", target_kind="numbers")


def test_binary_values_that_are_not_finite(tmp_path):
    pq.write_table(
        pa.table({"a": [1.0, 2.0, -np.inf], "y": ["u", "v", "u"]}), tmp_path / "i.parquet"
    )
    with pytest.raises(DataError, match=r"column 'a' at row 3 holds '-inf', an infinite"):
        read_xy(tmp_path / "i.parquet", target="y")
    pq.write_table(pa.table({"a": [1.0, np.nan], "y": ["u", "v"]}), tmp_path / "n.parquet")
    with pytest.raises(DataError, match=r"column 'a' has a missing value at row 2"):
        read_xy(tmp_path / "n.parquet", target="y")
    pq.write_table(pa.table({"a": [1.0, 2.0], "y": [0.5, np.inf]}), tmp_path / "t.parquet")
    with pytest.raises(DataError, match=r"target column 'y' at row 2"):
        read_xy(tmp_path / "t.parquet", target="y", target_kind="numbers")
    np.savez(tmp_path / "d.npz", X=np.array([[1.0], [np.inf]]), y=np.array([0, 1]))
    with pytest.raises(DataError, match=r"column '0' at row 2 holds 'inf'"):
        read_xy(tmp_path / "d.npz", target="y")


def test_unknown_columns_list_the_header_and_say_what_to_do(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("alpha,beta,label\n1,2,u\n")
    with pytest.raises(DataError, match=r"did you mean 'label'.*alpha, beta, label"):
        DataFile(path, target="Label")
    with pytest.raises(DataError, match=r"no feature column 'gamma'.*alpha, beta, label"):
        DataFile(path, target="label", features="alpha,gamma")
    path.write_text("alpha,1999,label\n1,2,u\n")
    with pytest.raises(DataError, match=r"first line \(alpha, 1999, label\).*pass --header"):
        DataFile(path, target="label")
    assert DataFile(path, target="label", header=True).columns == ["alpha", "1999", "label"]
    assert DataFile(path, target="2").columns == ["0", "1", "2"]  # an index still works


@pytest.mark.parametrize("name", ["p.csv.xz", "P.TSV.XZ"])
def test_writer_compresses_xz(tmp_path, name):
    import lzma

    write_columns(tmp_path / name, {"x": np.arange(3)})
    assert lzma.decompress((tmp_path / name).read_bytes()).split() == [b'"x"', b"0", b"1", b"2"]
    with open_writer(tmp_path / "empty.csv.xz"):
        pass
    assert lzma.decompress((tmp_path / "empty.csv.xz").read_bytes()) == b""


def test_writer_formats_and_refusals(tmp_path):
    from neurona.data.writers import check_output, output_format

    assert output_format(tmp_path / "x", "npz") == "npz"
    assert output_format(tmp_path / "X.CSV.XZ") == "csv"
    with pytest.raises(DataError, match=r"cannot tell the output format.*\*\.csv.*\.xz") as info:
        output_format(tmp_path / "p.json")
    assert "--format" not in str(info.value)
    with pytest.raises(DataError, match=r"or pass --format csv\|tsv\|parquet\|npy\|npz"):
        output_format(tmp_path / "p.json", option="--format")
    with pytest.raises(DataError, match=r"unknown output format 'xlsx'.*csv, tsv"):
        output_format(tmp_path / "p.csv", "xlsx")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.csv")
        with pytest.raises(DataError, match="named pipe"):
            check_output(tmp_path / "pipe.csv")
        with pytest.raises(DataError, match="named pipe"):
            write_columns(tmp_path / "pipe.csv", {"x": np.arange(2)})
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["pipe.csv"] if hasattr(os, "mkfifo") else []
    )


def test_npy_holds_numbers_side_by_side_or_one_text_column(tmp_path):
    write_columns(tmp_path / "n.npy", {"a": np.arange(3), "b": np.array([0.5, 1.5, 2.5])})
    np.testing.assert_array_equal(np.load(tmp_path / "n.npy"), [[0, 0.5], [1, 1.5], [2, 2.5]])
    write_columns(tmp_path / "t.npy", {"p": np.array(["1.0", "1"], dtype=object)})
    assert np.load(tmp_path / "t.npy").tolist() == ["1.0", "1"]
    with pytest.raises(DataError, match=r"column 'y' holds text.*m\.npz.*m\.csv"):
        write_columns(tmp_path / "m.npy", {"a": np.arange(2), "y": np.array(["u", "v"])})
    assert not (tmp_path / "m.npy").exists()
    assert not list(tmp_path.glob(".neurona-*"))


def test_write_dataset_reads_back(tmp_path):
    from neurona.data.writers import write_dataset

    X, y = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array(["0.5", "1.5"], dtype=object)
    for name in ("d.npz", "d.csv", "d.parquet", "d.tsv.xz"):
        write_dataset(tmp_path / name, X, y, ["a", "b"], "label")
        back = read_xy(tmp_path / name, target="y" if name.endswith("npz") else "label")
        np.testing.assert_array_equal(back.X, X)
        assert back.y.tolist() == ["0.5", "1.5"]
    with pytest.raises(DataError, match="holds text"):
        write_dataset(tmp_path / "d.npy", X, y, ["a", "b"], "label")
    write_dataset(tmp_path / "r.npy", X, np.array([7.0, 8.0]), ["a", "b"], "y")
    np.testing.assert_array_equal(np.load(tmp_path / "r.npy"), [[1, 2, 7], [3, 4, 8]])
