"""Hypothesis properties of discount schedules."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mkba.discounting import DiscountSchedule

rates = st.floats(min_value=-0.01, max_value=0.2, allow_nan=False)
positive_rates = st.floats(min_value=1e-4, max_value=0.2)
horizons = st.integers(min_value=1, max_value=100)
timings = st.sampled_from(["start", "mid", "end"])


@given(horizons, timings)
def test_a_zero_rate_gives_factors_of_one(n: int, timing: str) -> None:
    np.testing.assert_array_equal(DiscountSchedule.constant(0.0).factors(n, timing), np.ones(n))


@given(rates, st.lists(st.integers(2, 150), min_size=1, max_size=5, unique=True), horizons,
       timings)
def test_a_stepped_schedule_with_equal_rates_equals_the_constant_one(
    r: float, later_years: list[int], n: int, timing: str
) -> None:
    stepped = DiscountSchedule.stepped({1: r, **dict.fromkeys(later_years, r)})
    np.testing.assert_allclose(
        stepped.factors(n, timing), DiscountSchedule.constant(r).factors(n, timing), rtol=1e-12
    )


@given(st.lists(positive_rates, min_size=1, max_size=4), st.integers(2, 300), timings)
def test_factors_strictly_decrease_with_t_for_positive_rates(
    rs: list[float], n: int, timing: str
) -> None:
    schedule = DiscountSchedule.stepped({1 + 20 * i: r for i, r in enumerate(rs)})
    assert np.all(np.diff(schedule.factors(n, timing)) < 0)


@given(st.lists(rates, min_size=1, max_size=4), horizons, timings)
def test_factors_are_positive_and_finite(rs: list[float], n: int, timing: str) -> None:
    f = DiscountSchedule.stepped({1 + 10 * i: r for i, r in enumerate(rs)}).factors(n, timing)
    assert np.all(f > 0) and np.all(np.isfinite(f))


@given(rates, horizons)
def test_end_of_year_is_start_of_year_discounted_one_more_year(r: float, n: int) -> None:
    s = DiscountSchedule.constant(r)
    np.testing.assert_allclose(s.factors(n, "end"), s.factors(n, "start") / (1 + r), rtol=1e-12)


@given(rates, horizons)
def test_mid_year_is_the_geometric_mean_of_start_and_end(r: float, n: int) -> None:
    s = DiscountSchedule.constant(r)
    np.testing.assert_allclose(
        s.factors(n, "mid"), np.sqrt(s.factors(n, "start") * s.factors(n, "end")), rtol=1e-12
    )
