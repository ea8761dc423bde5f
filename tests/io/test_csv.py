"""CSV files that Dutch and English spreadsheets open as they are."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mkba.errors import MkbaTypeError, SpecificationError
from mkba.io import read_csv, write_csv


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "post": ["Zorg", "=HYPERLINK(\"http://x\")", "-kosten", "Opvang; nacht"],
            "pv": [-1234.5, 2.25, 1e6, np.nan],
            "jaar": pd.array([2030, None, 2031, 2032], dtype="Int64"),
            "waarde": [0.5, "PM", 3, -7.25],  # mixed, as the overview's value column
        },
        index=pd.Index(["a", "+b", "c", "d"], name="regel"),
    )


def test_a_dutch_csv_uses_semicolons_and_decimal_commas(frame, tmp_path):
    path = write_csv(frame, tmp_path / "nl.csv", lang="nl")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "regel;post;pv;jaar;waarde"
    assert lines[1] == "a;Zorg;-1234,5;2030;0,5"
    # a field holding the separator is quoted; mixed columns get the comma too
    assert lines[4] == 'd;"Opvang; nacht";;2032;-7,25'
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", index_col=0)
    assert back["pv"].tolist()[:3] == [-1234.5, 2.25, 1e6] and np.isnan(back["pv"].iloc[3])
    assert back["jaar"].tolist()[0] == 2030  # years stay whole numbers


def test_an_english_csv_uses_commas_and_points(frame, tmp_path):
    path = write_csv(frame, tmp_path / "en.csv", lang="en", index=False)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "post,pv,jaar,waarde"
    assert lines[1] == "Zorg,-1234.5,2030,0.5"
    assert read_csv(path, lang="en")["pv"].tolist()[:2] == [-1234.5, 2.25]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_text_that_looks_like_a_formula_stays_text(frame, tmp_path, lang):
    path = write_csv(frame, tmp_path / "f.csv", lang=lang)
    sep = ";" if lang == "nl" else ","
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=sep))
    fields = [f for row in rows for f in row]
    assert "'=HYPERLINK(\"http://x\")" in fields and "'-kosten" in fields and "'+b" in fields
    for f in fields:
        assert not f.startswith(("=", "+", "@")), f
        if f.startswith("-"):
            float(f.replace(",", "."))  # only numbers start with a minus


def test_a_failed_write_leaves_the_old_file(frame, tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_text("earlier")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", fail)
    with pytest.raises(OSError, match="disk full"):
        write_csv(frame, path)
    assert path.read_text() == "earlier" and [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_bad_arguments_are_named(frame, tmp_path: Path):
    with pytest.raises(MkbaTypeError, match="DataFrame"):
        write_csv([1, 2], tmp_path / "x.csv")  # type: ignore[arg-type]
    with pytest.raises(SpecificationError, match="lang"):
        write_csv(frame, tmp_path / "x.csv", lang="de")
    with pytest.raises(SpecificationError, match="does not exist"):
        write_csv(frame, tmp_path / "nergens" / "x.csv")
