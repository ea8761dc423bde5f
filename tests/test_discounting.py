"""Tests of mkba.discounting: factors, timing, presets, validation, serialisation."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import numpy_financial as npf
import pytest

from mkba.discounting import (
    DEFAULT,
    GREEN_BOOK,
    GREEN_BOOK_HEALTH,
    NL_2015,
    NL_2020,
    NL_2025,
    NL_RISKLESS_2020,
    PRESETS,
    DiscountSchedule,
    as_schedule,
)
from mkba.errors import MkbaTypeError, MkbaWarning, SpecificationError, UnknownNameError


def naive_factors(schedule: DiscountSchedule, n_years: int, offset: float) -> np.ndarray:
    """Year-by-year oracle: prod_{s=1..t} 1/(1+r_s), then the part of year t+1 in `offset`."""
    out = []
    for t in range(n_years):
        f = 1.0
        for s in range(1, t + 1):
            f /= 1.0 + schedule.rate(s)
        f /= (1.0 + schedule.rate(t + 1)) ** offset
        out.append(f)
    return np.array(out)


def test_constant_factors_match_hand_values() -> None:
    # 1, 1/1.1, 1/1.1**2
    np.testing.assert_allclose(
        DiscountSchedule.constant(0.1).factors(3), [1.0, 1 / 1.1, 1 / 1.1**2], rtol=1e-15
    )


def test_start_timing_matches_numpy_financial_npv() -> None:
    flows = np.array([-100.0, 60.0, 60.0, 30.0])
    # -100 + 60/1.1 + 60/1.1**2 + 30/1.1**3
    expected = npf.npv(0.1, flows)
    assert np.sum(flows * DiscountSchedule.constant(0.1).factors(4)) == pytest.approx(expected)
    assert expected == pytest.approx(-100 + 60 / 1.1 + 60 / 1.1**2 + 30 / 1.1**3)


def test_end_timing_discounts_the_first_year_like_a_spreadsheet_npv() -> None:
    flows = np.array([-100.0, 60.0, 60.0])
    # spreadsheet NPV(0.1, ...) = npf.npv(0.1, flows) / 1.1
    end = np.sum(flows * DiscountSchedule.constant(0.1).factors(3, timing="end"))
    assert end == pytest.approx(npf.npv(0.1, flows) / 1.1)


def test_mid_timing_is_half_a_year_of_discounting_after_the_start() -> None:
    # 1.1**-0.5, 1.1**-1.5
    np.testing.assert_allclose(
        DiscountSchedule.constant(0.1).factors(2, timing="mid"), [1.1**-0.5, 1.1**-1.5]
    )


def test_nl_2025_is_2_8_percent_to_year_35_then_1_8_percent() -> None:
    f = NL_2025.factors(60)
    assert f[35] == pytest.approx(1.028**-35, rel=1e-15)
    assert f[36] == pytest.approx(f[35] / 1.018, rel=1e-15)
    assert (NL_2025.rate(35), NL_2025.rate(36)) == (0.028, 0.018)


def test_green_book_step_has_no_jump_at_year_31() -> None:
    f = GREEN_BOOK.factors(80)
    assert f[30] == pytest.approx(1.035**-30, rel=1e-15)
    assert f[31] == pytest.approx(f[30] / 1.03, rel=1e-15)
    assert f[76] == pytest.approx(f[75] / 1.025, rel=1e-15)


def test_a_stepped_schedule_discounts_each_year_at_its_own_rate() -> None:
    # years 1-2 at 4%, years 3-4 at 2%: 1.04**-2 / 1.02**2
    f = DiscountSchedule.stepped({1: 0.04, 3: 0.02}).factors(5)
    assert f[4] == pytest.approx(1.04**-2 / 1.02**2, rel=1e-15)


@pytest.mark.parametrize("timing", ["start", "mid", "end"])
@pytest.mark.parametrize(
    "schedule",
    [NL_2025, GREEN_BOOK, GREEN_BOOK_HEALTH, DiscountSchedule.stepped({1: 0.05, 2: 0.01, 4: 0.03})],
    ids=["NL_2025", "GREEN_BOOK", "GREEN_BOOK_HEALTH", "short-steps"],
)
def test_vectorised_factors_match_the_year_by_year_oracle(
    schedule: DiscountSchedule, timing: str
) -> None:
    offset = {"start": 0.0, "mid": 0.5, "end": 1.0}[timing]
    np.testing.assert_allclose(
        schedule.factors(320, timing=timing), naive_factors(schedule, 320, offset), rtol=1e-12
    )


def test_mid_year_in_a_stepped_schedule_uses_the_rate_of_the_next_year() -> None:
    # f(35.5) = 1.028**-35 / 1.018**0.5
    assert NL_2025.factors(36, timing="mid")[35] == pytest.approx(1.028**-35 / 1.018**0.5)


def test_factors_are_float64_with_the_horizon_as_shape() -> None:
    f = NL_2020.factors(10)
    assert f.shape == (10,) and f.dtype == np.float64
    assert NL_2020.factors(0).shape == (0,)


def test_a_percentage_is_refused_with_the_fraction_in_the_message() -> None:
    with pytest.raises(SpecificationError, match=r"discount rate 3\.5 looks like a percentage; "
                       r"pass 0\.035"):
        DiscountSchedule.constant(3.5)
    with pytest.raises(SpecificationError, match="looks like a percentage"):
        as_schedule(4)


@pytest.mark.parametrize("rate", [-1.0, -2.0, float("nan"), float("inf"), "0.03", None, True])
def test_impossible_rates_are_refused(rate: object) -> None:
    with pytest.raises(SpecificationError):
        DiscountSchedule.constant(rate)  # type: ignore[arg-type]


def test_a_rate_below_minus_one_percent_warns() -> None:
    with pytest.warns(MkbaWarning, match="below -1%"):
        DiscountSchedule.constant(-0.02)


def test_minus_one_percent_is_allowed_without_a_warning_up_to_100_years() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = NL_RISKLESS_2020.factors(100, timing="end")
    assert f[-1] == pytest.approx(0.99**-100)


def test_negative_rates_are_refused_beyond_a_100_year_horizon() -> None:
    with pytest.raises(SpecificationError, match="100-year horizon"):
        NL_RISKLESS_2020.factors(101)
    with pytest.raises(SpecificationError, match="Werkgroep discontovoet 2020"):
        DiscountSchedule.stepped({1: -0.01, 5: 0.02}).factors(150)


def test_an_unknown_timing_lists_the_options() -> None:
    with pytest.raises(SpecificationError, match="'start', 'mid', 'end'"):
        NL_2025.factors(5, timing="begin")


@pytest.mark.parametrize(
    "steps",
    [((2, 0.03),), ((1, 0.03), (1, 0.02)), ((1, 0.03), (20, 0.02), (10, 0.01)), (), ((0, 0.03),)],
)
def test_malformed_steps_are_refused(steps: tuple[tuple[int, float], ...]) -> None:
    with pytest.raises(SpecificationError):
        DiscountSchedule(steps)


def test_stepped_sorts_its_steps_and_accepts_string_years() -> None:
    s = DiscountSchedule.stepped({"31": 0.03, "1": 0.035})
    assert s.steps == ((1, 0.035), (31, 0.03))


def test_presets_carry_name_and_source_and_the_default_is_nl_2025() -> None:
    assert DEFAULT is NL_2025
    for name, schedule in PRESETS.items():
        assert schedule.name == name and schedule.source
    assert NL_2015.rate(1) == 0.03 and NL_2020.rate(80) == 0.0225
    assert GREEN_BOOK_HEALTH.rate(301) == 0.0043


def test_describe_reads_as_the_guidance_states_it() -> None:
    assert str(NL_2025) == "NL_2025: 2.8% (years 1–35), 1.8% (from year 36)"
    assert NL_2020.describe() == "NL_2020: 2.25%"
    assert str(DiscountSchedule.constant(0.03)) == "3%"


def test_as_schedule_turns_numbers_names_and_schedules_into_schedules() -> None:
    assert as_schedule(0.03) == DiscountSchedule.constant(0.03)
    assert as_schedule(0) == DiscountSchedule.constant(0.0)
    assert as_schedule("nl_2025") is NL_2025
    assert as_schedule("Green Book") is GREEN_BOOK
    assert as_schedule(GREEN_BOOK) is GREEN_BOOK
    assert as_schedule({"rate": 0.04}) == DiscountSchedule.constant(0.04)


def test_as_schedule_suggests_the_closest_preset_for_an_unknown_name() -> None:
    with pytest.raises(UnknownNameError, match="Did you mean 'NL_2025'"):
        as_schedule("NL2025")


@pytest.mark.parametrize("bad", [None, [0.03], True])
def test_as_schedule_refuses_other_types(bad: object) -> None:
    with pytest.raises(MkbaTypeError):
        as_schedule(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "schedule",
    [*PRESETS.values(), DiscountSchedule.constant(0.03),
     DiscountSchedule.stepped({1: 0.035, 31: 0.03}, name="mine", source="me")],
)
def test_to_dict_and_from_dict_round_trip(schedule: DiscountSchedule) -> None:
    back = DiscountSchedule.from_dict(schedule.to_dict())
    assert back == schedule
    assert pickle.loads(pickle.dumps(schedule)) == schedule


def test_to_dict_forms_suit_a_toml_file() -> None:
    assert NL_2025.to_dict() == {"preset": "NL_2025"}
    assert DiscountSchedule.stepped({1: 0.035, 31: 0.03}).to_dict() == {
        "steps": {"1": 0.035, "31": 0.03}
    }


@pytest.mark.parametrize(
    "d", [{}, {"rate": 0.03, "steps": {"1": 0.03}}, {"preset": "NL_2025", "name": "x"},
          {"rate": 0.03, "discount": 1}],
)
def test_from_dict_refuses_ambiguous_or_unknown_keys(d: dict[str, object]) -> None:
    with pytest.raises(SpecificationError):
        DiscountSchedule.from_dict(d)


def test_the_dutch_variants_the_guidance_has_are_presets() -> None:
    from mkba.discounting import NL_2015_PUBLIC_INVESTMENT, NL_2020_FIXED_COSTS

    # 2015: 4.5% for public physical investments; 2020: 1.6% for fixed, sunk costs
    assert NL_2015_PUBLIC_INVESTMENT.factors(3, timing="end")[-1] == pytest.approx(1.045**-3)
    assert NL_2020_FIXED_COSTS.factors(3, timing="end")[-1] == pytest.approx(1.016**-3)
    assert "1 January 2021" in PRESETS["NL_2020"].source
    assert "sunk" in NL_2020_FIXED_COSTS.source
    assert as_schedule("NL_2020_FIXED_COSTS") is NL_2020_FIXED_COSTS
