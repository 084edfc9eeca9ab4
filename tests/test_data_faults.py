"""The data readers and writers against kinds of faults found in review (the command-line
side is in test_cli_faults.py): rows longer than a block, the first line, label types,
Parquet column types, and writers that compress or refuse what they cannot write."""

from __future__ import annotations

import gzip

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
