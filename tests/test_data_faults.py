"""The data readers and writers against kinds of faults found in review (the command-line
side is in test_cli_faults.py): rows longer than a block, the first line, label types,
Parquet column types, and writers that compress or refuse what they cannot write."""

from __future__ import annotations

import codecs
import gzip
import os
import re
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
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
        DataError, match=r"column 'a' holds the integer -9007199254740993 at data row 2,"
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
     ("NAN", "has a missing value at data row 2 (line 3 of the file)"),
     ("nan(1)", "has a missing value at data row 2 (line 3 of the file)")],
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
        assert "at data row 2 (line 3 of the file) holds" in str(info.value)
    path.write_text(f"a,y\n1,2\n3,{text}\n")
    with pytest.raises(DataError, match=r"target column 'y'|column 'y' has a missing"):
        read_xy(path, target="y", target_kind="numbers")


def test_binary_values_that_are_not_finite(tmp_path):
    pq.write_table(
        pa.table({"a": [1.0, 2.0, -np.inf], "y": ["u", "v", "u"]}), tmp_path / "i.parquet"
    )
    with pytest.raises(DataError, match=r"column 'a' at data row 3 holds '-inf', an infinite"):
        read_xy(tmp_path / "i.parquet", target="y")
    pq.write_table(pa.table({"a": [1.0, np.nan], "y": ["u", "v"]}), tmp_path / "n.parquet")
    with pytest.raises(DataError, match=r"column 'a' has a missing value at data row 2:"):
        read_xy(tmp_path / "n.parquet", target="y")
    pq.write_table(pa.table({"a": [1.0, 2.0], "y": [0.5, np.inf]}), tmp_path / "t.parquet")
    with pytest.raises(DataError, match=r"target column 'y' at data row 2 holds"):
        read_xy(tmp_path / "t.parquet", target="y", target_kind="numbers")
    np.savez(tmp_path / "d.npz", X=np.array([[1.0], [np.inf]]), y=np.array([0, 1]))
    with pytest.raises(DataError, match=r"column '0' at data row 2 holds 'inf'"):
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


# --------------------------------------------------------------------------- third round
# Kinds of faults found by a third tester: header-only files, unclosed quotes, UTF-16 text,
# other delimiters (and decimal commas), continuous targets, and NUL characters in text.


@pytest.mark.parametrize(
    "raw",
    [b"a,b,y", b"a,b,y\n", b"\n\na,b,y", b"a,b,y\r", b"a,b,y\r\n \r\n", b"a;b;y",
     "a,b,y".encode("utf-16"), "a,b,y".encode("utf-16-be"), gzip.compress(b"a,b,y", mtime=0)],
)  # fmt: skip
def test_a_header_without_data_rows_says_so(tmp_path, raw):
    path = tmp_path / "h.csv"
    path.write_bytes(raw)
    for read in (lambda: read_xy(path, target="y"), lambda: DataFile(path, target="y").labels(),
                 lambda: list(DataFile(path, target="y").chunks(4096))):  # fmt: skip
        with pytest.raises(DataError, match="has a header line but no data rows") as info:
            read()
        assert "longer than" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('a,b,y\n1,2,x\n3,"4,5\n6,7,z\n', 3),  # pyarrow: ragged rows
        ('a,b,y\n1,2,x\n3,4,"z\n1,2,x\n', 3),  # pyarrow: one label, to the end
        ('a,b,y\n1,2,x\n3,4,"z', 3),  # pyarrow: the label z
        ('a,b,"y\n1,2,x\n3,4,z\n', 1),  # in the header
        ('\n\na,b,y\n1,2,x\n3,4,"z""\n', 5),  # an escaped quote does not close it
        ('a,b,y\n1,2,"x\ny"\n3,4,"z\n5,6,x\n', 4),  # after a quoted line end
        ('a,b,y\r\n1,2,x\r\n"3,4,z\r\n', 3),
    ],
)
@pytest.mark.parametrize("kind", ["csv", "tsv", "csv.gz", "utf-16"])
def test_an_unclosed_quote_names_the_line_it_opens_on(tmp_path, text, line, kind):
    encoding = "utf-16" if kind == "utf-16" else "utf-8"
    if kind == "tsv":
        text = text.replace(",", "\t")
    raw = text.encode(encoding)
    path = tmp_path / f"q.{'csv' if kind == 'utf-16' else kind}"
    path.write_bytes(gzip.compress(raw) if kind.endswith(".gz") else raw)
    with pytest.raises(DataError, match=rf"opens a field on line {line} is never closed") as e:
        read_xy(path, target="y")
    assert "\n" not in str(e.value)
    with pytest.raises(DataError, match=rf"on line {line} is never closed"):
        list(DataFile(path, target="y").chunks(4096))


def test_quotes_that_close_or_stand_inside_a_field_are_read(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('a,b,y\n1,2,"x,""q"""\n3,4,z"\n5,6,"a\nb"\n7,8,x"y\n')
    assert read_xy(path, target="y").y.tolist() == ['x,"q"', 'z"', "a\nb", 'x"y']


CSV_TEXT = "a,b,y\n1.5,2,ñandú\n-3,4e1,zorro\n5,6,ñandú\n"


@pytest.mark.parametrize(
    "raw",
    [CSV_TEXT.encode("utf-16"), CSV_TEXT.encode("utf-16-le"), CSV_TEXT.encode("utf-16-be"),
     codecs.BOM_UTF16_BE + CSV_TEXT.encode("utf-16-be"), CSV_TEXT.encode("utf-32"),
     gzip.compress(CSV_TEXT.encode("utf-16-le"), mtime=0)],
)  # fmt: skip
def test_utf16_and_utf32_text_is_read_as_such(tmp_path, raw):
    path = tmp_path / "u.csv"
    path.write_bytes(raw)
    expected = read_xy(_written(tmp_path / "ref.csv", CSV_TEXT), target="y")
    for table in (read_xy(path, target="y"), _joined(DataFile(path, target="y").chunks(64))):
        np.testing.assert_array_equal(table.X, expected.X)
        assert table.y.tolist() == expected.y.tolist() == ["ñandú", "zorro", "ñandú"]
        assert table.feature_names == ["a", "b"]


def test_nul_characters_in_the_first_line_name_the_encoding(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes(CSV_TEXT.encode("utf-32-le"))  # no byte order mark
    for encoding in ("utf8", "latin-1"):
        with pytest.raises(DataError, match=r"line 1 holds NUL characters.*UTF-16.*--encoding"):
            DataFile(path, target="y", encoding=encoding)
    assert read_xy(path, target="y", encoding="utf-32-le").y.tolist()[1] == "zorro"


@pytest.mark.parametrize(
    "text",
    ["a;b;y\n1;2;u\n3;4;v\n", "1;2;u\n3;4;v\n", "a\tb\ty\n1\t2\tu\n3\t4\tv\n",
     "a|b|y\n1|2|u\n3|4|v\n", "a;b;y\n1,0;2;u\n3;4,0;v\n", "1;2;u\n3;4,0;v\n",
     "a;b;y\n1;2;u,w\n3;4;v\n", "a\tb\ty\n1,0\t2\tu\n3\t4\tv\n"],
)  # fmt: skip
def test_another_delimiter_and_decimal_commas_are_found(tmp_path, text):
    path = _written(tmp_path / "d.csv", text)
    table = read_xy(path, target=-1)
    np.testing.assert_array_equal(table.X, [[1, 2], [3, 4]])
    assert table.y[0] in ("u", "u,w")
    assert len(DataFile(path, target=-1).columns) == 3


def test_commas_stay_the_delimiter_where_they_split_every_line(tmp_path):
    path = _written(tmp_path / "d.csv", "a,b,y\n1,2,u;v\n3,4,w\n")
    assert read_xy(path, target="y").y.tolist() == ["u;v", "w"]
    path = _written(tmp_path / "n.csv", "1,0;2;u\n3;4,0;v\n")  # two fields each by commas
    with pytest.raises(DataError, match=r"holds '3;4'.*joined by ';'.*--delimiter ';'"):
        read_xy(path, target=-1)
    path = _written(tmp_path / "e.csv", "a;b;y\n1;2;u\n3;4;v\n")
    with pytest.raises(DataError, match=r"reads as one column.*--delimiter ';'"):
        DataFile(path, target="y", delimiter=",")


@pytest.mark.parametrize(
    ("text", "hint", "where"),
    [("a;b;y\n1,5;2;u\n3;2.5;v\n", "decimal comma", "'a' at data row 1 (line 2 of the file)"),
     ("a;b;y\n1,5;2;u\n3;4;v\n" + "5;6;u\n" * 300 + "7;8.5;v\n", "decimal point",
      "'b' at data row 303 (line 304 of the file)")],
)  # fmt: skip
def test_a_number_with_the_other_decimal_mark_is_named(tmp_path, text, hint, where):
    path = _written(tmp_path / "d.csv", text)
    with pytest.raises(DataError, match=rf"which is not a number \(a {hint}") as info:
        read_xy(path, target="y")
    assert f"column {where} holds" in str(info.value)


def test_a_quoted_decimal_comma_in_a_comma_file_is_read_as_one(tmp_path):
    # a Google Sheets / LibreOffice export: "," delimits, quotes hold decimal commas
    path = _written(tmp_path / "q.csv", 'a,b,y\n"1,5",2,u\n"3,25",4,v\n')
    np.testing.assert_array_equal(read_xy(path, target="y").X, [[1.5, 2.0], [3.25, 4.0]])


def _continuous_files(tmp_path, y) -> dict[str, tuple[Any, dict]]:
    X = np.array([[1.0, 0.0], [-1.0, 0.0]] * 4)
    y = np.asarray(y * 4)
    pq.write_table(pa.table({"a": X[:, 0], "b": X[:, 1], "y": y}), tmp_path / "d.parquet")
    np.savez(tmp_path / "d.npz", X=X, y=y)
    np.save(tmp_path / "d.npy", np.column_stack([X, y]))
    rows = "".join(f"{a},{b},{t!r}\n" for (a, b), t in zip(X.tolist(), y.tolist(), strict=True))
    _written(tmp_path / "d.csv", "a,b,y\n" + rows)
    return {
        "parquet": (tmp_path / "d.parquet", {"target": "y"}),
        "npz": (tmp_path / "d.npz", {"target": "y"}),
        "npy": (tmp_path / "d.npy", {"target": -1}),
        "csv auto": (tmp_path / "d.csv", {"target": "y", "label_type": "auto"}),
    }


@pytest.mark.parametrize("kind", ["parquet", "npz", "npy", "csv auto"])
def test_a_continuous_target_is_refused_alike_in_every_format(tmp_path, kind):
    from neurona import Perceptron
    from neurona.data import fit_stream

    path, kwargs = _continuous_files(tmp_path, [0.5, 1.5])[kind]
    column = "2" if kind == "npy" else "y"
    message = (rf"{re.escape(str(path))}: target column '{column}' holds numbers with a "
               r"fractional part \(e\.g\. 0\.5\).*--model linear")  # fmt: skip
    data = DataFile(path, **kwargs)
    with pytest.raises(DataError, match=message):
        data.check_class_labels(data.read().y)
    with pytest.raises(DataError, match=message):
        fit_stream(Perceptron(epochs=2), DataFile(path, **kwargs), chunk_bytes=64)
    whole = _continuous_files(tmp_path, [0.0, 1.0])[kind]
    data = DataFile(whole[0], **whole[1])
    data.check_class_labels(data.read().y)  # whole numbers are classes
    assert fit_stream(Perceptron(epochs=2), DataFile(whole[0], **whole[1])).classes_.size == 2


@pytest.mark.parametrize("suffix", ["csv", "tsv", "parquet", "npy", "npz", "csv.gz"])
@pytest.mark.parametrize(
    "values", [np.array(["a\0b", "ab", "\0c"]), np.array([b"a\0b", b"ab", b"\0c"]),
               np.array(["a\0b", "x\0", "\0"], dtype=object)],
)  # fmt: skip
def test_text_with_nul_characters_is_written_exactly_or_refused(tmp_path, suffix, values):
    path = tmp_path / f"p.{suffix}"
    if suffix.startswith("np") and values.dtype.kind == "S":
        return  # bytes: not a column NumPy files are written with
    if suffix.startswith("np") and values.dtype == object:  # NumPy text drops trailing NULs
        with pytest.raises(DataError, match=r"'x\\x00', which ends in a NUL character"):
            write_columns(path, {"p": values})
        assert not path.exists()
        return
    write_columns(path, {"p": values})
    if suffix.startswith("np"):
        back = np.load(path) if suffix == "npy" else np.load(path)["p"]
    elif suffix == "parquet":
        back = pq.read_table(path).column("p").to_pylist()
    else:
        table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(
            delimiter="\t" if suffix == "tsv" else ","),
            convert_options=pacsv.ConvertOptions(column_types={"p": pa.binary()}))  # fmt: skip
        back = table.column("p").to_pylist()
        back = [v.decode() for v in back] if values.dtype.kind != "S" else back
    assert list(back) == values.tolist()


def _written(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def _joined(tables):
    tables = list(tables)
    return readers.Table(np.concatenate([t.X for t in tables]),
                         np.concatenate([t.y for t in tables]), tables[0].feature_names,
                         tables[0].target_name)  # fmt: skip


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_excels_sep_line_names_the_delimiter_and_is_no_row(tmp_path, newline, bom):
    """Excel writes ``sep=;`` as a first line to name the delimiter: it is taken as the
    delimiter (also over a --delimiter given) and skipped like a blank line, in memory and
    in chunks; decimal commas in such a file read as numbers."""
    lines = ["sep=;", "Edad;Año;Aprobado", "1,5;2;sí", "3;4,25;no"]
    path = tmp_path / "es.csv"
    path.write_bytes((bom + newline.join(lines) + newline).encode("utf-8"))
    for table in (read_xy(path, target="Aprobado"),
                  read_xy(path, target="Aprobado", delimiter=";"),
                  _joined(DataFile(path, target="Aprobado").chunks(64))):  # fmt: skip
        np.testing.assert_array_equal(table.X, [[1.5, 2.0], [3.0, 4.25]])
        assert table.y.tolist() == ["sí", "no"]
        assert table.feature_names == ["Edad", "Año"]
    only = _written(tmp_path / "only.csv", "sep=;\n")
    with pytest.raises(DataError, match=r"holds only the line 'sep=;'.*needs a header"):
        read_xy(only, target=0)
