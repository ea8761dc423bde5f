"""Numbers for print, the Dutch and the English way."""

from __future__ import annotations

import math

import pytest

from mkba.errors import SpecificationError
from mkba.formatting import (
    csv_options,
    format_amount,
    format_as,
    format_compact,
    format_discount,
    format_distribution,
    format_number,
    format_percent,
    format_ratio,
    format_value,
    format_year,
    round_amount,
)


@pytest.mark.parametrize(
    ("x", "nl", "en"),
    [
        (1_234_000, "€ 1.234.000", "€1,234,000"),
        (1_234_567, "€ 1.235.000", "€1,235,000"),  # rounded to thousands from 100,000 on
        (-460_945.48, "€ −461.000", "−€461,000"),
        (12_345, "€ 12.300", "€12,300"),
        (999, "€ 999", "€999"),
        (0, "€ 0", "€0"),
        (-0.4, "€ 0", "€0"),  # no "minus zero"
        (math.nan, "–", "–"),
    ],
)
def test_amounts_are_written_the_dutch_and_the_english_way(x, nl, en):
    assert format_amount(x, "nl") == nl
    assert format_amount(x, "en") == en


def test_ratios_percentages_and_values():
    assert format_ratio(1.2345, "nl") == "1,23"
    assert format_ratio(1.2345, "en") == "1.23"
    assert format_ratio(math.inf, "nl") == "∞"
    assert format_percent(0.123, "nl") == "12,3%"
    assert format_percent(-0.4395, "en") == "−44.0%"
    assert format_value(0.153, "nl") == "0,153"
    assert format_value(12_500, "nl") == "12.500"
    assert format_value(75.0, "en") == "75"
    assert format_number(1234.5, "nl", 1) == "1.234,5"
    assert format_year(2031.0) == "2031"


def test_compact_amounts_use_millions():
    assert format_compact(1_234_567, "nl") == "€ 1,2 mln"
    assert format_compact(-2_500_000, "en") == "−€2.5m"
    assert format_compact(3.2e9, "nl") == "€ 3,2 mld"
    assert format_compact(250_400, "nl") == "€ 250.000"


def test_round_amount_and_a_bad_language():
    assert round_amount(1_234_567, 1e6) == 1e6
    with pytest.raises(SpecificationError, match="lang"):
        format_amount(1, "de")
    with pytest.raises(SpecificationError, match="positive"):
        round_amount(1, 0)


def test_years_print_as_years_whatever_their_type():
    import numpy as np
    import pandas as pd

    for year in (2030, 2030.0, np.int64(2030), np.float64(2030.0)):
        assert format_year(year, "nl") == "2030" and format_year(year, "en") == "2030"
    for missing in (None, math.nan, pd.NA):
        assert format_year(missing) == "–"
    assert format_as(pd.NA, "amount", "nl") == "–"


@pytest.mark.parametrize(
    ("kind", "nl", "en"),
    [
        ("amount", "€ −1.235.000", "−€1,235,000"),
        ("ratio", "−1.234.567,00", "−1,234,567.00"),
        ("percent", "−123.456.700,0%", "−123,456,700.0%"),  # a fraction, times 100
        ("year", "-1234567", "-1234567"),  # not a whole number: shown as it is
        ("persons", "−1.234.567,0", "−1,234,567.0"),
    ],
)
def test_format_as_writes_each_kind(kind, nl, en):
    x = -1_234_567.0 if kind != "year" else "-1234567"
    assert format_as(x, kind, "nl") == nl
    assert format_as(x, kind, "en") == en


def test_format_as_refuses_an_unknown_kind():
    with pytest.raises(SpecificationError, match="kind 'euro'"):
        format_as(1.0, "euro")


def test_distributions_are_named_in_the_reader_s_language():
    from mkba.distributions import (
        PERT,
        Beta,
        Dirichlet,
        Fixed,
        Gamma,
        LogNormal,
        Normal,
        Triangular,
        Uniform,
    )

    cases = [
        (Fixed(3), "Vast(3)", "Fixed(3)"),
        (Uniform(1.5, 2), "Uniform(1,5; 2)", "Uniform(1.5, 2)"),
        (Triangular(60, 75, 95), "Driehoek(60; 75; 95)", "Triangular(60, 75, 95)"),
        (PERT(60, 75, 95), "PERT(60; 75; 95)", "PERT(60, 75, 95)"),
        (PERT(60, 75, 95, lamb=6), "PERT(60; 75; 95; 6)", "PERT(60, 75, 95, 6)"),
        (Normal(10, 2.5), "Normaal(10; 2,5)", "Normal(10, 2.5)"),
        (LogNormal(0.5, 0.25), "Lognormaal(0,5; 0,25)", "LogNormal(0.5, 0.25)"),
        (Beta(2, 8), "Beta(2; 8)", "Beta(2, 8)"),  # low 0 and high 1 are the defaults
        (Gamma(2, 1500), "Gamma(2; 1.500)", "Gamma(2, 1,500)"),
        (Dirichlet({"woning": 30, "straat": 10}), "Dirichlet(woning 30; straat 10)",
         "Dirichlet(woning 30, straat 10)"),
        (None, "–", "–"),
    ]
    for dist, nl, en in cases:
        assert format_distribution(dist, "nl") == nl
        assert format_distribution(dist, "en") == en


def test_a_discount_schedule_in_words():
    from mkba.discounting import GREEN_BOOK, NL_2025

    assert format_discount(NL_2025, "nl") == "NL_2025 (2,80% vanaf jaar 1; 1,80% vanaf jaar 36)"
    assert format_discount(GREEN_BOOK, "en").startswith("GREEN_BOOK (3.50% from year 1; 3.00% "
                                                        "from year 31")


def test_csv_options_follow_the_language():
    # Dutch Excel reads ';' between fields and a decimal comma; English ',' and '.'
    assert csv_options("nl") == {"sep": ";", "decimal": ","}
    assert csv_options("en") == {"sep": ",", "decimal": "."}
    with pytest.raises(SpecificationError):
        csv_options("fr")


def test_old_names_stay_importable():
    from mkba import formatting, words

    assert formatting.check_lang is words.check_lang and formatting.LANGS == ("nl", "en")
    assert callable(formatting.spreadsheet_text) and callable(formatting.map_text)
