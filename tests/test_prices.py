"""Tests of mkba.prices: factors, chaining, the shipped CBS CPI, errors, round trips."""

from __future__ import annotations

import csv
import io
import pickle
from importlib import resources

import numpy as np
import pytest

from mkba import prices
from mkba.errors import PriceIndexError, SpecificationError
from mkba.prices import PriceIndex, cbs_cpi, default_index


def cpi_rows() -> list[dict[str, str]]:
    text = resources.files("mkba").joinpath("data/cbs_cpi.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(ln for ln in io.StringIO(text) if not ln.startswith("#")))


def test_factor_is_the_ratio_of_the_levels() -> None:
    idx = PriceIndex({2020: 100.0, 2025: 120.0})
    assert idx.factor(2020, 2025) == 1.2  # 120 / 100
    assert idx.factor(2025, 2020) == pytest.approx(100 / 120)
    assert idx.convert(50.0, 2020, 2025) == pytest.approx(60.0)


def test_convert_works_on_arrays() -> None:
    idx = PriceIndex({2020: 100.0, 2025: 120.0})
    np.testing.assert_allclose(idx.convert(np.array([10.0, 20.0]), 2020, 2025), [12.0, 24.0])


def test_the_same_year_converts_with_exactly_one_even_outside_the_index() -> None:
    assert PriceIndex({2020: 100.0}).factor(1990, 1990) == 1.0


def test_a_missing_year_names_the_year_the_coverage_and_the_fix() -> None:
    idx = PriceIndex({2020: 100.0, 2021: 101.0, 2022: 105.0}, name="toy")
    with pytest.raises(PriceIndexError) as info:
        idx.factor(2019, 2022)
    msg = str(info.value)
    assert "2019" in msg and "2020–2022" in msg
    assert "price_index=PriceIndex(" in msg and "price_year" in msg
    assert isinstance(info.value, ValueError)


def test_cbs_cpi_refuses_a_year_after_2025() -> None:
    with pytest.raises(PriceIndexError, match="2000–2025"):
        cbs_cpi().factor(2024, 2026)


@pytest.mark.parametrize(
    "levels", [{}, {2020: 0.0}, {2020: -1.0}, {2020: float("nan")}, {2020.5: 100.0}, {2020: "x"}]
)
def test_invalid_levels_are_refused(levels: dict[object, object]) -> None:
    with pytest.raises(SpecificationError):
        PriceIndex(levels)  # type: ignore[arg-type]


def test_from_changes_chains_forwards_and_backwards_from_the_base_year() -> None:
    idx = PriceIndex.from_changes({2015: 5.0, 2016: 10.0, 2017: 10.0}, base_year=2016)
    # 2016 = 100; 2017 = 100 * 1.10; 2015 = 100 / 1.10; 2014 = 100 / 1.10 / 1.05
    assert idx.years == (2014, 2015, 2016, 2017)
    assert idx.levels[2016] == pytest.approx(100.0)
    assert idx.levels[2017] == pytest.approx(110.0)
    assert idx.levels[2015] == pytest.approx(100 / 1.1)
    assert idx.levels[2014] == pytest.approx(100 / 1.1 / 1.05)


@pytest.mark.parametrize(
    ("changes", "base_year"), [({2016: 1.0, 2018: 1.0}, 2016), ({2016: 1.0}, 2020), ({}, 2015)]
)
def test_from_changes_refuses_gaps_and_a_base_year_outside_the_range(
    changes: dict[int, float], base_year: int
) -> None:
    with pytest.raises(PriceIndexError):
        PriceIndex.from_changes(changes, base_year=base_year)


def test_cbs_cpi_covers_2000_to_2025_with_2015_at_100_and_the_read_levels() -> None:
    idx = cbs_cpi()
    assert idx.years == tuple(range(2000, 2026))
    assert idx.levels[2015] == 100.0
    assert idx.levels[2019] == 106.16  # CBS 71905ned, rebased to 2015=100
    assert idx.levels[2022] == 121.43  # StatLine 83136NED


def test_levels_chained_from_2015_agree_with_the_read_levels_to_rounding() -> None:
    rows = cpi_rows()
    chained = PriceIndex.from_changes(
        {int(r["year"]): float(r["change_pct"]) for r in rows}, base_year=2015
    )
    # 100 * 1.003 * 1.014 * 1.017 * 1.026 = 106.12; * 1.013 * 1.027 * 1.10 = 121.45
    assert chained.levels[2019] == pytest.approx(106.16, abs=0.1)
    assert chained.levels[2022] == pytest.approx(121.43, abs=0.1)
    for r in rows:
        assert chained.levels[int(r["year"])] == pytest.approx(float(r["level_2015"]), rel=2e-3)


def test_chained_rows_reproduce_the_yearly_change() -> None:
    rows = {int(r["year"]): r for r in cpi_rows()}
    level = {y: float(r["level_2015"]) for y, r in rows.items()}
    change = {y: float(r["change_pct"]) for y, r in rows.items()}
    for year, r in rows.items():
        if r["kind"] != "chained":
            continue
        # after 2015 chained forwards from the year before, before 2015 backwards from the next
        later = year + 1 if year < 2015 else year
        assert (level[later] / level[later - 1] - 1) * 100 == pytest.approx(change[later], abs=1e-3)


def test_the_data_file_states_kind_and_source_on_every_row() -> None:
    rows = cpi_rows()
    assert [int(r["year"]) for r in rows] == list(range(2000, 2026))
    assert {r["kind"] for r in rows} == {"chained", "read"}
    assert {int(r["year"]) for r in rows if r["kind"] == "read"} == {2015, 2019, 2022}
    by_year = {int(r["year"]): r for r in rows}
    assert "Inflatie 3,8 procent in 2023" in by_year[2023]["source"]
    assert "86141NED" in by_year[2024]["source"]
    assert "13 Jan 2026" in by_year[2025]["source"]
    assert float(by_year[2022]["change_pct"]) == 10.0


def test_default_index_is_the_cached_cbs_cpi() -> None:
    assert default_index() is cbs_cpi()
    assert prices.DEFAULT_INDEX is cbs_cpi()


def test_converting_there_and_back_returns_the_value() -> None:
    idx = cbs_cpi()
    assert idx.convert(idx.convert(23_236.0, 2011, 2025), 2025, 2011) == pytest.approx(23_236.0)


def test_to_dict_from_dict_and_pickle_round_trip() -> None:
    idx = cbs_cpi()
    assert PriceIndex.from_dict(idx.to_dict()) == idx
    back = pickle.loads(pickle.dumps(idx))
    assert back == idx and hash(back) == hash(idx)


def test_levels_are_read_only() -> None:
    idx = PriceIndex({2020: 100.0})
    with pytest.raises(TypeError):
        idx.levels[2021] = 101.0  # type: ignore[index]
