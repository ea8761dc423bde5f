"""Hostile model files, broken workbooks and special files: each gives an MkbaError that
names the file and the fix, at once; nothing hangs, nothing reads without bound."""

from __future__ import annotations

import os
import pickle
import re
import sys
import time
import zipfile
from pathlib import Path

import pytest

from mkba.distributions import PERT, Beta, Gamma, LogNormal, Normal, Triangular, Uniform
from mkba.errors import MkbaError, SpecificationError
from mkba.files import read_bounded
from mkba.io import MAX_NESTING, ModelFileError, model_from_dict, read_model, read_parameters
from mkba.io._tables import MAX_WORKBOOK_BYTES

HEAD = 'name = "x"\nstart_year = 2025\nhorizon = 3\n[parameters]\n'
PROJECT = ('[project]\nname = "P"\n[[project.streams]]\nname = "S"\nkind = "benefit"\n'
           'stakeholder = "A"\namount = "n * 10"\n')
BIG = "9" * 400
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")


def model_file(tmp_path: Path, text: str, name: str = "m.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- numbers too large for a float -----------------------------------------------------

@pytest.mark.parametrize(("text", "key"), [
    (HEAD + f"n = {BIG}\n" + PROJECT, "parameters.n"),
    (HEAD + f"n = {{ value = {BIG} }}\n" + PROJECT, "parameters.n.value"),
    (HEAD + f'n = {{ value = 2, dist = {{ type = "Normal", mean = 2, sd = {BIG} }} }}\n'
     + PROJECT, "parameters.n.dist.sd"),
    (HEAD + 'n = { value = { a = 0.5, b = 0.5 }, dist = { type = "Dirichlet", alpha = '
     f'{{ a = {BIG}, b = 1 }} }} }}\n' + PROJECT, "parameters.n.dist.alpha.a"),
    (HEAD + "n = 2\n" + PROJECT.replace('"n * 10"', BIG), "project.streams[1].amount"),
    (HEAD + "n = 2\n" + PROJECT + f"deadweight = -{BIG}\n", "project.streams[1].deadweight"),
    (HEAD + "n = 2\n" + PROJECT + f"lifetime = {BIG}\n", "project.streams[1].lifetime"),
    (f"discount = {BIG}\n" + HEAD + "n = 2\n" + PROJECT, "discount"),
    (f'discount = {{ steps = {{ "1" = {BIG} }} }}\n' + HEAD + "n = 2\n" + PROJECT,
     "discount.steps.1"),
    (HEAD + "n = 2\n" + PROJECT + f'[price_index]\nlevels = {{ "2020" = {BIG} }}\n',
     "price_index.levels.2020"),
    (HEAD.replace("2025", BIG) + "n = 2\n" + PROJECT, "start_year"),
])
def test_a_huge_integer_anywhere_is_a_model_file_error(tmp_path: Path, text: str,
                                                       key: str) -> None:
    with pytest.raises(ModelFileError) as info:
        read_model(model_file(tmp_path, text))
    msg = str(info.value)
    assert f"'{key}'" in msg and "too large" in msg and "400 digits" in msg, msg
    assert BIG not in msg  # the number is shortened, not printed whole


def test_thousands_of_digits_are_a_model_file_error(tmp_path: Path) -> None:
    # more than 4,300 decimal digits: tomllib's int() raises a plain ValueError
    with pytest.raises(ModelFileError, match="thousands of digits"):
        read_model(model_file(tmp_path, HEAD + "n = " + "9" * 5000 + "\n" + PROJECT))
    # hexadecimal has no such limit, and the number cannot even be printed
    with pytest.raises(ModelFileError, match="about 6,021 digits is too large"):
        read_model(model_file(tmp_path, HEAD + "n = 0x" + "f" * 5000 + "\n" + PROJECT))
    with pytest.raises(ModelFileError, match="6,021 digits"):
        model_from_dict({"name": 16**5000})


# -- control characters in text and paths ------------------------------------------------

@pytest.mark.parametrize(("text", "key"), [
    (HEAD + 'n = 2\ntable = "a\\u0000.csv"\n' + PROJECT, "parameters.table"),
    (HEAD + "n = 2\n" + PROJECT.replace('"S"', '"S\\u0000"'), "project.streams[1].name"),
    (HEAD + "n = 2\n" + PROJECT.replace('"S"', '"S\\u001b[31m"'), "project.streams[1].name"),
    (HEAD + "n = 2\n" + PROJECT.replace('"A"', '"A\\nB"'), "project.streams[1].stakeholder"),
    (HEAD + "n = 2\n" + PROJECT.replace('"n * 10"', '"n\\u0007 * 10"'),
     "project.streams[1].amount"),
    (HEAD.replace('"x"', '"x\\u0085"') + "n = 2\n" + PROJECT, "name"),
    (HEAD + 'n = { value = 2, unit = "EUR\\u0000" }\n' + PROJECT, "parameters.n.unit"),
    (HEAD + 'n = { value = 2, description = "a\\u0000" }\n' + PROJECT,
     "parameters.n.description"),
])
def test_control_characters_are_refused(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ModelFileError, match=re.escape(f"'{key}'")) as info:
        read_model(model_file(tmp_path, text))
    assert "remove it" in str(info.value)


def test_a_control_character_in_a_key_is_refused(tmp_path: Path) -> None:
    text = HEAD + '"n\\u0000" = 2\n' + PROJECT
    with pytest.raises(ModelFileError, match="control character"):
        read_model(model_file(tmp_path, text))


def test_line_breaks_and_tabs_stay_allowed_in_descriptions(tmp_path: Path) -> None:
    text = (HEAD + 'n = { value = 2, description = """twee\nregels\tmet tab""" }\n'
            + PROJECT + 'description = "a\\nb"\n')
    m = read_model(model_file(tmp_path, text))
    assert {p.name: p for p in m.parameters}["n"].description == "twee\nregels\tmet tab"


def test_deep_nesting_is_refused_without_recursion(tmp_path: Path) -> None:
    data: dict[str, object] = {"x": 1}
    for _ in range(50_000):  # deeper than Python's recursion limit
        data = {"a": data}
    with pytest.raises(ModelFileError, match=f"more than {MAX_NESTING} levels"):
        model_from_dict({"name": "x", "parameters": data})
    text = HEAD + "n = 2\nm = " + "[" * 3000 + "]" * 3000 + "\n" + PROJECT
    with pytest.raises(ModelFileError, match="nested"):
        read_model(model_file(tmp_path, text))


def test_model_from_dict_refuses_what_is_not_toml_data() -> None:
    with pytest.raises(ModelFileError, match="must be text"):
        model_from_dict({"name": "x", "parameters": {1: 2}})
    with pytest.raises(ModelFileError, match="a table of keys"):
        model_from_dict([1, 2])  # type: ignore[arg-type]


# -- distributions whose mean or sd is not finite ------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: LogNormal(1000, 1), lambda: LogNormal(0, 100), lambda: Gamma(1e300, 1e300),
    lambda: Uniform(-1e308, 1e308), lambda: PERT(-1e308, 0, 1e308),
    lambda: Triangular(-1e308, 0, 1e308), lambda: Normal(1e308, 1e308),
    lambda: Beta(1, 1, -1e308, 1e308),
])
def test_a_distribution_with_an_infinite_mean_or_sd_is_refused(make: object) -> None:
    try:
        d = make()  # type: ignore[operator]
    except SpecificationError as exc:
        assert "not a finite number" in str(exc)
    else:  # finite moments: accepted
        assert all(abs(x) < float("inf") for x in (d.mean, d.sd))


def test_the_lognormal_overflow_of_the_issue(tmp_path: Path) -> None:
    text = HEAD + ('n = { value = 2, dist = { type = "LogNormal", mu = 1000, sigma = 1 } }\n'
                   + PROJECT)
    with pytest.raises(ModelFileError, match=r"parameters\.n.*LogNormal.*not a finite.*"
                                             "from_mean_sd"):
        read_model(model_file(tmp_path, text))


def test_distributions_build_scipy_only_when_needed() -> None:
    d = PERT(60, 75, 95)
    assert "_rv" not in d.__dict__
    assert d.support == (60.0, 95.0)
    assert "_rv" not in d.__dict__
    assert float(d._rv.mean()) == pytest.approx(d.mean)
    assert pickle.loads(pickle.dumps(d)) == d
    inf = float("inf")
    for dist, support in [(Normal(0, 1), (-inf, inf)), (LogNormal(0, 1), (0.0, inf)),
                          (Gamma(2, 3), (0.0, inf)),
                          (Beta(2, 3, 1, 4), (1.0, 4.0)), (Uniform(1, 2), (1.0, 2.0)),
                          (Triangular(1, 2, 3), (1.0, 3.0))]:
        assert dist.support == support
        lo, hi = dist._rv.support()
        assert (float(lo), float(hi)) == pytest.approx(support)


# -- broken workbooks ------------------------------------------------------------------------

def workbook(path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["name", "value"])
    wb.active.append(["n", 3])
    wb.save(path)
    return path


def rewrite(src: Path, dst: Path, change: object, extra: dict[str, bytes] | None = None
            ) -> Path:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for item in a.infolist():
            data = change(item.filename, a.read(item.filename))  # type: ignore[operator]
            if data is not None:
                b.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            b.writestr(name, data)
    return dst


def test_a_truncated_sheet_is_a_specification_error(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx")
    bad = rewrite(good, tmp_path / "broken.xlsx", lambda n, d: d[: len(d) // 2]
                  if n.startswith("xl/worksheets/sheet1") else d)
    with pytest.raises(SpecificationError, match=r"broken\.xlsx.*damaged.*export a CSV"):
        read_parameters(bad)


def test_a_workbook_without_sheets_is_a_specification_error(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx")
    bad = rewrite(good, tmp_path / "nosheets.xlsx", lambda n, d: re.sub(
        rb"<sheets>.*</sheets>", b"<sheets/>", d) if n == "xl/workbook.xml" else d)
    with pytest.raises(SpecificationError, match=r"nosheets\.xlsx.*no sheets"):
        read_parameters(bad)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx")
    bomb = rewrite(good, tmp_path / "bomb.xlsx", lambda n, d: d,
                   extra={"xl/media/pad.bin": b"\0" * (MAX_WORKBOOK_BYTES + 1)})
    assert bomb.stat().st_size < 500_000
    t = time.perf_counter()
    with pytest.raises(SpecificationError, match=f"at most {MAX_WORKBOOK_BYTES:,}"):
        read_parameters(bomb)
    assert time.perf_counter() - t < 2


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04", b"not a zip", b"PK\x05\x06" + b"\0" * 18])
def test_garbage_xlsx_is_a_specification_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "g.xlsx"
    path.write_bytes(data)
    with pytest.raises(SpecificationError, match=r"g\.xlsx: not a readable Excel file"):
        read_parameters(path)


def test_a_huge_sheet_dimension_does_not_widen_the_rows(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx")
    wide = rewrite(good, tmp_path / "wide.xlsx", lambda n, d: re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', d)
        if n.startswith("xl/worksheets/") else d)
    t = time.perf_counter()
    assert [p.name for p in read_parameters(wide)] == ["n"]
    assert time.perf_counter() - t < 2


# -- special files and unbounded reads ---------------------------------------------------------

@posix_only
@pytest.mark.parametrize("name", ["zero.csv", "zero.xlsx", "zero.toml"])
def test_a_symlink_to_dev_zero_is_refused_at_once(tmp_path: Path, name: str) -> None:
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    reader = read_model if name.endswith(".toml") else read_parameters
    t = time.perf_counter()
    with pytest.raises(MkbaError, match=r"not a regular file.*character device"):
        reader(link)
    assert time.perf_counter() - t < 2


@posix_only
@pytest.mark.parametrize("name", ["pipe.csv", "pipe.toml"])
def test_a_fifo_is_refused_without_blocking(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    reader = read_model if name.endswith(".toml") else read_parameters
    with pytest.raises(MkbaError, match=r"not a regular file.*FIFO"):
        reader(fifo)


@posix_only
def test_a_table_named_in_a_model_file_is_checked_too(tmp_path: Path) -> None:
    (tmp_path / "k.csv").symlink_to("/dev/zero")
    text = HEAD + 'table = "k.csv"\n' + PROJECT
    with pytest.raises(ModelFileError, match=r"table 'k\.csv'.*not a regular file"):
        read_model(model_file(tmp_path, text))


def test_a_folder_is_not_a_model_file(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"it is a folder"):
        read_model(tmp_path)


def test_a_null_byte_in_a_table_path_is_a_specification_error() -> None:
    with pytest.raises(SpecificationError, match="not a valid path"):
        read_parameters("k\0.csv")


def test_read_bounded_reads_at_most_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100, "file") == b"x" * 100
    with pytest.raises(SpecificationError, match="100 bytes; at most 99 bytes are read, sorry"):
        read_bounded(path, 99, "file", fix=", sorry")


def test_a_csv_with_null_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_bytes(b"name,value\nn\0,3\n")
    with pytest.raises(SpecificationError, match="null byte"):
        read_parameters(path)


# -- speed: thousands of parameters with distributions ------------------------------------------

def test_thousands_of_distributions_read_quickly(tmp_path: Path) -> None:
    rows = "".join(f"p{i} = {{ value = 2, dist = {{ type = 'PERT', low = 1, mode = 2, "
                   f"high = 3 }} }}\n" for i in range(2000))
    path = model_file(tmp_path, HEAD + rows + PROJECT.replace("n * 10", "p1 * 10"))
    t = time.perf_counter()
    read_model(path)
    assert time.perf_counter() - t < 5  # was ~3 s: a scipy distribution built for each


def test_a_huge_number_in_a_table_is_a_specification_error(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx")  # n = 3; openpyxl cannot write 400 digits
    rewrite(good, tmp_path / "k.xlsx", lambda n, d: d.replace(b"<v>3</v>", f"<v>{BIG}</v>".encode())
            if n.startswith("xl/worksheets/") else d)
    with pytest.raises(SpecificationError, match=r"row 2.*'value'.*400 digits is too large"):
        read_parameters(tmp_path / "k.xlsx")
    (tmp_path / "k.csv").write_text("name,value\nn," + BIG + "\n", encoding="utf-8")
    with pytest.raises(SpecificationError, match=r"row 2.*'value'.*not finite"):
        read_parameters(tmp_path / "k.csv")
