"""Numbers for print, the Dutch and the English way."""

from __future__ import annotations

import math

import pytest

from mkba.errors import SpecificationError
from mkba.formatting import (
    format_amount,
    format_compact,
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
