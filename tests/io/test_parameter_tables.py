"""Parameter tables (kengetallen sheets) in CSV and Excel."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mkba import interventions
from mkba.distributions import PERT, Fixed, Uniform
from mkba.errors import SpecificationError
from mkba.io import parameters_frame, read_parameters, write_parameters
from mkba.parameters import Parameter


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_round_trips_to_equal_parameters(suffix: str, tmp_path: Path) -> None:
    params = list(interventions.load("housing_first").parameters)
    params.append(Parameter(name="vast", value=2.5, dist=Fixed(2.5)))
    path = tmp_path / f"k{suffix}"
    write_parameters(params, path)
    assert read_parameters(path) == params


def test_the_frame_has_one_row_per_parameter_and_only_the_columns_in_use() -> None:
    frame = parameters_frame([Parameter(name="a", value=1.0, dist=Uniform(0, 2)),
                              Parameter(name="b", value=3.0)])
    assert frame["name"].tolist() == ["a", "b"]
    assert "lamb" not in frame.columns and "sd" not in frame.columns
    assert frame.loc[1, "dist"] is None


def test_a_dutch_excel_csv_with_semicolons_and_decimal_commas_is_read(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("Name;Value;Dist;Low;High;Unit\nprijs;75,5;PERT;60;95,5;EUR\n",
                    encoding="utf-8-sig")
    (p,) = read_parameters(path)
    assert p.value == 75.5
    assert p.dist == PERT(60, 75.5, 95.5)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "k.csv"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,valeu\n", r"unknown column 'valeu'\. Did you mean 'value'\?"),
        ("name,unit\n", r"no column 'value'"),
        ("name,value\nprijs,\n", r"row 2 \('prijs'\): column 'value' is empty"),
        ("name,value\nprijs,veel\n", r"row 2 \('prijs'\), column 'value': 'veel' is not"),
        ("name,value\nprijs,inf\n", r"not finite"),
        ("name,value,low\nprijs,3,1\n", r"columns \['low'\] are filled but 'dist' is empty"),
        ("name,value,dist\nprijs,3,Pert3\n",
         r"'Pert3' is not a distribution\. Did you mean 'PERT'"),
        ("name,value,dist,low,high,sd\np,3,Uniform,1,4,2\n", r"Uniform takes low, high"),
        ("name,value,dist,low,high\np,3,PERT,5,9\n", r"need low <= mode <= high"),
        ("name,value\np,1\np,2\n", r"row 3: parameter 'p' is also on row 2"),
        ("name,value\n1p,1\n", r"not a valid name"),
        ("name,value,grade\np,1,D\n", r"grade 'D'"),
    ],
)
def test_a_bad_table_names_file_row_and_column(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SpecificationError, match=message) as info:
        read_parameters(write(tmp_path, text))
    assert "k.csv" in str(info.value)


def test_empty_rows_are_skipped(tmp_path: Path) -> None:
    assert [p.name for p in read_parameters(write(tmp_path, "name,value\na,1\n,\nb,2\n"))] == [
        "a", "b"]


def test_an_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecificationError, match=r"\.csv or \.xlsx"):
        write_parameters([], tmp_path / "k.ods")
    (tmp_path / "k.ods").write_text("x")
    with pytest.raises(SpecificationError, match=r"\.csv or \.xlsx"):
        read_parameters(tmp_path / "k.ods")


def test_a_damaged_excel_file_is_a_specification_error(tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SpecificationError, match="not a readable Excel file"):
        read_parameters(path)


def test_an_excel_sheet_is_chosen_by_name(tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    write_parameters([Parameter(name="a", value=1.0)], path)
    assert read_parameters(path, sheet="parameters")[0].name == "a"
    with pytest.raises(SpecificationError, match=r"no sheet 'parameter'.*Did you mean"):
        read_parameters(path, sheet="parameter")


def test_the_old_names_in_mkba_parameters_still_work() -> None:
    """Parameter tables moved to mkba.io; mkba.parameters still hands out the same objects."""
    import mkba.io
    import mkba.parameters as old

    for name in ("read_parameters", "write_parameters", "parameters_frame", "TABLE_COLUMNS",
                 "MAX_TABLE_BYTES", "MAX_TABLE_ROWS"):
        assert getattr(old, name) is getattr(mkba.io, name), name
    with pytest.raises(AttributeError, match="no attribute 'read_parameter'"):
        _ = old.read_parameter  # type: ignore[attr-defined]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+31 20 123", "-5 euro",
                                  "@SUM(A1)"])
def test_formula_looking_text_is_written_as_text_and_read_back_as_written(
        tmp_path: Path, suffix: str, text: str) -> None:
    params = [Parameter(name="p", value=1.0, source=text, label=text, unit="EUR",
                        price_year=2024)]
    path = tmp_path / f"t{suffix}"
    write_parameters(params, path)
    if suffix == ".xlsx":
        import openpyxl

        ws = openpyxl.load_workbook(path).active
        cells = [c for row in ws.iter_rows() for c in row if c.value == text]
        assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    else:
        raw = path.read_text(encoding="utf-8")
        rows = list(csv.reader(raw.splitlines()))
        assert any(cell == "'" + text for row in rows for cell in row), rows
    back = read_parameters(path)
    assert back[0].source == text and back[0].label == text
