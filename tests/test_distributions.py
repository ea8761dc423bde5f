"""Tests of mkba.distributions: moments, quantiles, sampling, validation, round trips."""

from __future__ import annotations

import math
import pickle
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from scipy import stats

from mkba.distributions import (
    PERT,
    Beta,
    Distribution,
    Fixed,
    Gamma,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    from_dict,
)
from mkba.errors import SpecificationError

ALL = [
    Fixed(3.0),
    Uniform(2, 10),
    Triangular(1, 2, 6),
    PERT(60, 75, 95),
    PERT(0, 0, 10, lamb=2.5),
    Normal(10, 2),
    LogNormal(1.0, 0.5),
    Beta(2, 5),
    Beta(2, 5, low=10, high=20),
    Gamma(3, 40),
]
IDS = [str(d) for d in ALL]


def test_pert_mean_is_the_weighted_average_of_low_mode_and_high() -> None:
    # (60 + 4 * 75 + 95) / 6 = 455 / 6
    assert PERT(60, 75, 95).mean == pytest.approx((60 + 4 * 75 + 95) / 6)


def test_pert_moments_equal_those_of_the_scaled_beta() -> None:
    # alpha = 1 + 4 * 15/35, beta = 1 + 4 * 20/35 on [60, 95]
    ref = stats.beta(1 + 4 * 15 / 35, 1 + 4 * 20 / 35, loc=60, scale=35)
    d = PERT(60, 75, 95)
    assert d.mean == pytest.approx(ref.mean())
    assert d.sd == pytest.approx(ref.std())
    assert float(d.ppf(0.3)) == pytest.approx(ref.ppf(0.3))


def test_triangular_mean_is_a_third_of_the_sum() -> None:
    # (1 + 2 + 6) / 3
    assert Triangular(1, 2, 6).mean == 3.0


def test_uniform_quarter_quantile_is_a_quarter_of_the_way() -> None:
    # 2 + 0.25 * (10 - 2)
    assert float(Uniform(2, 10).ppf(0.25)) == 4.0


@pytest.mark.parametrize("dist", [d for d in ALL if not isinstance(d, Fixed)], ids=IDS[1:])
def test_mean_and_sd_agree_with_scipy(dist: Distribution) -> None:
    assert dist.mean == pytest.approx(dist._rv.mean(), rel=1e-12, abs=1e-12)
    assert dist.sd == pytest.approx(dist._rv.std(), rel=1e-12)


@pytest.mark.parametrize(
    ("cls", "mean", "sd"),
    [(LogNormal, 100.0, 30.0), (Gamma, 2500.0, 800.0), (Beta, 0.6, 0.1), (Normal, 5.0, 1.0)],
)
def test_from_mean_sd_recovers_the_mean_and_sd(cls: Any, mean: float, sd: float) -> None:
    d = cls.from_mean_sd(mean, sd)
    assert d.mean == pytest.approx(mean, rel=1e-12)
    assert d.sd == pytest.approx(sd, rel=1e-12)


def test_beta_from_mean_sd_on_a_scaled_range_recovers_mean_and_sd() -> None:
    d = Beta.from_mean_sd(150, 20, low=100, high=200)
    assert (d.mean, d.sd) == (pytest.approx(150), pytest.approx(20))
    assert d.support == (100.0, 200.0)


def test_beta_from_mean_sd_with_too_large_sd_names_the_feasible_bound() -> None:
    # bound = sqrt(0.6 * 0.4) = 0.489898
    with pytest.raises(SpecificationError, match=r"0\.489898"):
        Beta.from_mean_sd(0.6, 0.5)


@pytest.mark.parametrize("dist", ALL, ids=IDS)
def test_sample_with_the_same_int_seed_is_reproducible_and_within_support(
    dist: Distribution,
) -> None:
    a = dist.sample(1000, rng=42)
    b = dist.sample(1000, rng=np.random.default_rng(42))
    np.testing.assert_array_equal(a, b)
    low, high = dist.support
    assert a.shape == (1000,) and a.dtype == np.float64
    assert np.all((a >= low) & (a <= high))


def test_sample_is_the_ppf_of_the_generators_uniforms() -> None:
    d = PERT(60, 75, 95)
    u = np.random.default_rng(7).random(5)
    np.testing.assert_array_equal(d.sample(5, rng=7), d.ppf(u))


def test_sample_mean_is_close_to_the_mean() -> None:
    d = Gamma.from_mean_sd(100, 20)
    x = d.sample(200_000, rng=1)
    assert x.mean() == pytest.approx(100, rel=0.01)
    assert x.std() == pytest.approx(20, rel=0.02)


@pytest.mark.parametrize("dist", ALL, ids=IDS)
def test_ppf_is_monotone_and_keeps_the_shape(dist: Distribution) -> None:
    u = np.linspace(0.001, 0.999, 301).reshape(7, 43)
    q = dist.ppf(u)
    assert q.shape == (7, 43)
    assert np.all(np.diff(q.ravel()) >= 0)


@pytest.mark.parametrize("dist", ALL, ids=IDS)
def test_interval_brackets_the_median(dist: Distribution) -> None:
    lo, hi = dist.interval(0.9)
    assert lo <= float(dist.ppf(0.5)) <= hi
    assert (lo, hi) == pytest.approx((float(dist.ppf(0.05)), float(dist.ppf(0.95))))


@pytest.mark.parametrize("dist", ALL, ids=IDS)
def test_to_dict_and_from_dict_round_trip(dist: Distribution) -> None:
    d = dist.to_dict()
    assert d["type"] == type(dist).__name__
    assert from_dict(d) == dist


@pytest.mark.parametrize("dist", ALL, ids=IDS)
def test_distributions_pickle_and_hash(dist: Distribution) -> None:
    back = pickle.loads(pickle.dumps(dist))
    assert back == dist and hash(back) == hash(dist)
    np.testing.assert_array_equal(back.ppf([0.2, 0.7]), dist.ppf([0.2, 0.7]))


def test_str_is_short() -> None:
    assert str(PERT(60, 75, 95)) == "PERT(60, 75, 95)"
    assert str(PERT(60, 75, 95, lamb=3)) == "PERT(60, 75, 95, lamb=3)"
    assert str(Beta(2, 5)) == "Beta(2, 5)"


def test_from_dict_accepts_a_lowercase_type_and_leaves_out_defaults() -> None:
    assert from_dict({"type": "pert", "low": 1, "mode": 2, "high": 3}) == PERT(1, 2, 3)


def test_from_dict_refuses_an_unknown_type_and_lists_the_allowed_ones() -> None:
    with pytest.raises(SpecificationError, match="allowed types: Fixed, Uniform"):
        from_dict({"type": "Weibull", "k": 1})


def test_from_dict_refuses_unknown_and_missing_keys_and_names_them() -> None:
    with pytest.raises(SpecificationError, match=r"unknown keys \['peak'\].*allowed keys"):
        from_dict({"type": "Triangular", "low": 1, "peak": 2, "high": 3})
    with pytest.raises(SpecificationError, match=r"missing keys \['sd'\]"):
        from_dict({"type": "Normal", "mean": 1})


INVALID = [
    (Uniform, (5, 5)),
    (Uniform, (5, 1)),
    (Triangular, (5, 2, 1)),
    (Triangular, (1, 4, 3)),
    (Triangular, (2, 2, 2)),
    (PERT, (1, 0, 3)),
    (PERT, (1, 2, 3, 0)),
    (Normal, (0, 0)),
    (Normal, (0, -1)),
    (LogNormal, (0, 0)),
    (Beta, (0, 1)),
    (Beta, (1, -1)),
    (Beta, (1, 1, 2, 1)),
    (Gamma, (0, 1)),
    (Gamma, (1, 0)),
    (Fixed, (math.nan,)),
    (Uniform, (0, math.inf)),
    (Normal, ("10", 1)),
    (Fixed, (True,)),
    (Fixed, (None,)),
]


@pytest.mark.parametrize(("cls", "args"), INVALID, ids=[f"{c.__name__}{a}" for c, a in INVALID])
def test_invalid_arguments_raise_a_specification_error_that_is_a_value_error(
    cls: type, args: tuple[object, ...]
) -> None:
    with pytest.raises(SpecificationError) as info:
        cls(*args)
    assert isinstance(info.value, ValueError)
    assert cls.__name__ in str(info.value)


def test_triangular_error_names_the_values_and_the_rule() -> None:
    with pytest.raises(SpecificationError, match=r"Triangular\(low=5, mode=2, high=1\): need low"):
        Triangular(5, 2, 1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: LogNormal.from_mean_sd(-1, 1),
        lambda: Gamma.from_mean_sd(10, 0),
        lambda: Beta.from_mean_sd(1.5, 0.1),
        lambda: Beta.from_mean_sd(0.5, 0.1, low=1, high=0),
        lambda: Fixed(1).sample(-1),
        lambda: Normal(0, 1).interval(1.5),
    ],
)
def test_infeasible_constructors_and_calls_raise_a_specification_error(
    call: Callable[[], object],
) -> None:
    with pytest.raises(SpecificationError):
        call()


def test_fixed_has_zero_sd_and_constant_draws() -> None:
    d = Fixed(7)
    assert (d.mean, d.sd, d.support) == (7.0, 0.0, (7.0, 7.0))
    np.testing.assert_array_equal(d.ppf(np.array([0.0, 0.5, 1.0])), [7.0, 7.0, 7.0])


def test_distributions_are_frozen() -> None:
    d = PERT(60, 75, 95)
    with pytest.raises(AttributeError):
        d.low = 0  # type: ignore[misc]
