"""The fast quantile functions (beta table, closed forms) against scipy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special, stats

from mkba._betainv import BetaInverse
from mkba.distributions import (
    PERT,
    Beta,
    Distribution,
    Gamma,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
)


@pytest.mark.parametrize(
    ("a", "b"), [(1.0001, 5.0), (1.5, 3.5), (3.0, 3.0), (4.9, 1.1), (0.5, 0.5), (2.0, 30.0),
                 (1.0, 1.0), (5.0, 1.0), (0.3, 7.0)]
)
def test_fast_inverse_agrees_with_scipy_to_1e9_relative(a: float, b: float) -> None:
    u = np.concatenate([np.random.default_rng(0).random(20_000), [0.0, 1.0, 1 / 64, 63 / 64]])
    got = BetaInverse(a, b)(u)
    want = special.betaincinv(a, b, u)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-300)


def test_pert_and_beta_quantiles_match_scipy() -> None:
    u = np.linspace(0, 1, 1001)
    # PERT(60, 75, 95) is a beta with alpha = 1 + 4 * 15/35, beta = 1 + 4 * 20/35 on [60, 95]
    ref = stats.beta(1 + 4 * 15 / 35, 1 + 4 * 20 / 35, loc=60, scale=35).ppf(u)
    np.testing.assert_allclose(PERT(60, 75, 95).ppf(u), ref, rtol=1e-9)
    np.testing.assert_allclose(Beta(2, 5, 10, 20).ppf(u), stats.beta(2, 5, 10, 10).ppf(u),
                               rtol=1e-9)


def test_quantiles_outside_zero_one_are_nan_and_shapes_are_kept() -> None:
    out = PERT(1, 2, 4).ppf(np.array([[-0.1, 0.5], [1.5, 1.0]]))
    assert out.shape == (2, 2)
    assert np.isnan(out[0, 0]) and np.isnan(out[1, 0]) and out[1, 1] == 4.0


def test_each_value_does_not_depend_on_the_others_in_the_array() -> None:
    u = np.random.default_rng(3).random(5000)
    whole = PERT(0, 1, 10).ppf(u)
    parts = np.concatenate([PERT(0, 1, 10).ppf(u[:7]), PERT(0, 1, 10).ppf(u[7:])])
    assert np.array_equal(whole, parts)


@pytest.mark.parametrize(
    "dist",
    [
        Uniform(2, 10),
        Triangular(60, 150, 250),
        Triangular(0, 0, 1),
        Triangular(0, 1, 1),
        Normal(80, 8),
        LogNormal(1.0, 0.4),
        Gamma(2.5, 300.0),
    ],
    ids=str,
)
def test_closed_form_quantiles_match_scipy(dist: Distribution) -> None:
    u = np.concatenate([np.linspace(0, 1, 2001), [-0.5, 1.5, np.nan]])
    got = dist.ppf(u)
    want = dist._rv.ppf(u)  # scipy's frozen distribution
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12, equal_nan=True)
