from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mkba import sensitivity
from mkba.errors import SpecificationError, UnknownNameError

from .models import homeless, linear


def test_one_way_bars_bracket_the_base_case_and_sort_by_swing():
    m = homeless()
    res = sensitivity.one_way(m)
    t = res.to_frame()
    assert list(t.columns) == [
        "parameter",
        "label",
        "unit",
        "low",
        "high",
        "npv_low",
        "npv_high",
        "swing",
    ]
    assert res.base == pytest.approx(m.evaluate().npv, rel=1e-12)
    for row in t.itertuples():
        assert min(row.npv_low, row.npv_high) <= res.base <= max(row.npv_low, row.npv_high)
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    assert set(t["parameter"]) == {p.name for p in m.uncertain}


def test_one_way_uses_the_exact_ppf_percentiles():
    t = sensitivity.one_way(homeless(), q=(0.1, 0.9)).summary()
    tri = stats.triang(90 / 190, loc=60, scale=190)  # Triangular(60, 150, 250)
    assert t.loc["nachten", "low"] == pytest.approx(tri.ppf(0.1), rel=1e-12)
    assert t.loc["nachten", "high"] == pytest.approx(tri.ppf(0.9), rel=1e-12)
    assert t.loc["prijs", "low"] == pytest.approx(stats.norm(80, 8).ppf(0.1), rel=1e-12)


def test_one_way_swing_of_a_linear_model_is_coefficient_times_range():
    # x0 from ppf(0.05) = -0.9 to ppf(0.95) = 0.9: swing = 3 * 1.8
    t = sensitivity.one_way(linear()).summary()
    assert t.loc["x0", "swing"] == pytest.approx(3 * 1.8)
    assert t.loc["x1", "npv_low"] == pytest.approx(-2 * -0.9)


def test_one_way_accepts_ranges_for_parameters_without_a_distribution():
    t = sensitivity.one_way(homeless(), ranges={"n": (20, 60)}).summary()
    assert "n" in t.index
    assert (t.loc["n", "low"], t.loc["n", "high"]) == (20.0, 60.0)


def test_one_way_refuses_a_parameter_without_distribution_or_range():
    with pytest.raises(SpecificationError, match="ranges="):
        sensitivity.one_way(homeless(), parameters=["n"])
    with pytest.raises(UnknownNameError, match="nachten"):
        sensitivity.one_way(homeless(), parameters=["nachte"])


def test_one_way_on_another_metric_names_its_columns_after_it():
    res = sensitivity.one_way(homeless(), metric="bcr")
    t = res.to_frame()
    assert {"bcr_low", "bcr_high"} <= set(t.columns)
    assert res.metric == "bcr"
    assert res.base == pytest.approx(homeless().evaluate().bcr)
    with pytest.raises(SpecificationError, match="metric"):
        sensitivity.one_way(homeless(), metric="irr")


def test_one_way_result_shows_as_html_and_repr():
    res = sensitivity.one_way(homeless())
    assert "<table" in res._repr_html_()
    assert "voorbeeld" in repr(res)


def test_two_way_grid_matches_single_evaluations():
    m = homeless()
    res = sensitivity.two_way(m, "nachten", "prijs", n=3)
    t = res.to_frame()
    assert list(t.columns) == ["nachten", "prijs", "npv"]
    assert len(t) == 9
    row = t.iloc[4]
    expected = m.evaluate({"nachten": row["nachten"], "prijs": row["prijs"]}).npv
    assert row["npv"] == pytest.approx(expected, rel=1e-12)
    assert res.pivot().shape == (3, 3)
    assert np.all(np.diff(res.pivot().to_numpy(), axis=0) > 0)  # more nights, higher NPV


def test_a_stakeholder_net_is_a_metric_of_every_deterministic_analysis():
    # linear(): S0 = 3 x0 a benefit of the Rijk, S1 = 2 x1 a cost of the Gemeente, S2 = x2
    # a benefit of the Rijk; so net_Rijk = 3 x0 + x2 and net_Gemeente = −2 x1
    m = linear()
    ow = sensitivity.one_way(m, metric="net_Rijk", ranges={"x1": (-1, 1)})
    t = ow.to_frame().set_index("parameter")
    lo, hi = t.loc["x0", "low"], t.loc["x0", "high"]
    assert t.loc["x0", "net_Rijk_low"] == pytest.approx(3 * lo)
    assert t.loc["x0", "net_Rijk_high"] == pytest.approx(3 * hi)
    assert t.loc["x1", "swing"] == 0.0  # the Gemeente's cost does not touch the Rijk
    tw = sensitivity.two_way(m, "x0", "x1", n=2, metric="net_Gemeente").to_frame()
    np.testing.assert_allclose(tw["net_Gemeente"], -2 * tw["x1"])
    # break-even: the Gemeente's net −2 x1 is 0 at x1 = 0
    be = sensitivity.break_even(m, "x1", metric="net_Gemeente")
    assert float(be) == pytest.approx(0.0, abs=1e-12) and be.metric == "net_Gemeente"
    s = sensitivity.sobol(m, n=512, rng=1, metric="net_Rijk").summary()
    # Var(3 x0) = 9 Var(x2): S1 of x0 is 0.9, of x1 none
    assert s.loc["x0", "S1"] == pytest.approx(0.9, abs=0.05)
    assert abs(s.loc["x1", "ST"]) < 1e-12
    with pytest.raises(SpecificationError, match="net_Gemeente"):
        sensitivity.one_way(m, metric="net_Gemeentes")
