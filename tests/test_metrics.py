"""Headline metrics: hand-calculated values and edge cases."""

from __future__ import annotations

import warnings

import numpy as np
import numpy_financial as npf
import pytest

from mkba import metrics
from mkba.errors import MkbaWarning


def test_costs_and_benefits_are_never_negative() -> None:
    pv = np.array([[100.0, 150.0, -20.0, -5.0, 999.0]])
    costs, benefits = metrics.costs_benefits(pv, ["cost", "benefit", "cost", "benefit", "transfer"])
    # the avoided cost (-20) is a benefit, the negative benefit (-5) a cost; transfers drop out
    assert costs.tolist() == [105.0]
    assert benefits.tolist() == [170.0]


def test_bcr_with_no_costs_is_inf_and_warns() -> None:
    with pytest.warns(MkbaWarning, match="costs is zero"):
        assert metrics.bcr(0.0, 5.0) == np.inf
    with pytest.warns(MkbaWarning):
        assert np.isnan(metrics.bcr(0.0, 0.0))


def test_bcr_and_roi_by_hand() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(metrics.bcr(200.0, 300.0)) == 1.5
    assert float(metrics.roi(200.0, 300.0)) == 0.5  # (300 - 200) / 200


@pytest.mark.parametrize(
    "flows",
    [[-100.0, 60.0, 60.0], [-500.0, 100.0, 200.0, 300.0], [0.0, -80.0, 30.0, 30.0, 30.0]],
)
def test_irr_matches_numpy_financial(flows: list[float]) -> None:
    assert metrics.irr(np.array(flows)) == pytest.approx(npf.irr(flows), rel=1e-9)


def test_irr_hand_value() -> None:
    # -100 + 60/(1+r) + 60/(1+r)**2 = 0  =>  x = 1/(1+r) solves 60x^2 + 60x - 100 = 0
    x = (-60 + (60**2 + 4 * 60 * 100) ** 0.5) / (2 * 60)
    assert metrics.irr(np.array([-100.0, 60.0, 60.0])) == pytest.approx(1 / x - 1, rel=1e-12)


def test_irr_without_a_sign_change_is_nan_with_a_warning() -> None:
    with pytest.warns(MkbaWarning, match="never change sign"):
        assert np.isnan(metrics.irr(np.array([10.0, 20.0])))


def test_irr_with_two_roots_is_nan_with_a_warning() -> None:
    # -100 + 230/(1+r) - 132/(1+r)^2 has roots r = 10% and r = 20%
    with pytest.warns(MkbaWarning, match="2 internal rates"):
        assert np.isnan(metrics.irr(np.array([-100.0, 230.0, -132.0])))


def test_payback_is_the_first_year_with_a_non_negative_cumulative_sum() -> None:
    years = np.array([2025, 2026, 2027, 2028])
    assert metrics.payback(np.array([-100.0, 40.0, 60.0, 10.0]), years) == 2027
    assert metrics.payback(np.array([-100.0, 40.0, 50.0, 9.0]), years) is None
    assert metrics.payback(np.array([5.0, -1.0, 0.0, 0.0]), years) == 2025


def test_payback_never_counts_the_years_before_anything_happens() -> None:
    years = np.array([2025, 2026, 2027])
    # nets 0, -100, 200: cumulative 0, -100, 100; 2025 is >= 0 only because nothing happened
    assert metrics.payback(np.array([0.0, -100.0, 200.0]), years) == 2027
    assert metrics.payback(np.array([0.0, 0.0, 0.0]), years) is None


def test_payback_moves_past_a_year_in_which_the_total_turns_negative_again() -> None:
    years = np.array([2025, 2026, 2027, 2028])
    # cumulative -100, 50, -50 (ends negative): never pays back
    assert metrics.payback(np.array([-100.0, 150.0, -100.0]), years[:3]) is None
    # cumulative -100, 50, -10, 30: positive for good only from 2028
    assert metrics.payback(np.array([-100.0, 150.0, -60.0, 40.0]), years) == 2028
    # nets 10, -100, 50: cumulative ends at -40
    assert metrics.payback(np.array([10.0, -100.0, 50.0]), years[:3]) is None


def test_stakeholder_nets_sum_to_the_npv() -> None:
    pv = np.array([[100.0, 130.0, 40.0], [10.0, -5.0, -3.0]])
    kinds = ["cost", "benefit", "transfer"]
    net = metrics.stakeholder_net(pv, kinds, ["G", "Z", "D"], [None, None, "G"], ["G", "Z", "D"])
    costs, benefits = metrics.costs_benefits(pv, kinds)
    np.testing.assert_allclose(net.sum(axis=1), benefits - costs)
    assert net[0].tolist() == [-140.0, 130.0, 40.0]
