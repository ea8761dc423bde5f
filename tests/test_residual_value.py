"""Residual value (restwaarde) of investments that outlast the horizon."""

from __future__ import annotations

import numpy as np
import pytest

from mkba import Intervention, Model, Parameter, Stream, sensitivity
from mkba.distributions import Uniform
from mkba.errors import SpecificationError


def build(amount: str, lifetime: float, horizon: int = 10, discount: float = 0.0,
          reference: Intervention | None = None, **kw) -> Model:
    return Model(name="r", start_year=2025, horizon=horizon, discount=discount,
                 parameters=[Parameter(name="bedrag", value=1000.0, dist=Uniform(800, 1200))],
                 reference=reference,
                 project=Intervention(name="P", streams=[
                     Stream(name="Verbouwing", kind="cost", stakeholder="Gemeente",
                            category="Huisvesting", amount=amount, lifetime=lifetime, **kw)]))


def test_spending_over_several_years_leaves_what_each_year_has_not_used() -> None:
    # 100 in each of years 0..9 of a 10-year horizon, 15-year life: year k leaves
    # 100 * (15 - (10 - k)) / 15 = 100 * (5 + k) / 15; the sum over k is 100 * 95 / 15
    r = build("100", 15).evaluate()
    rest = r.flows().query("stream == 'Restwaarde Verbouwing'")
    assert rest["amount"].sum() == pytest.approx(100 * 95 / 15)
    assert rest.iloc[-1]["category"] == "Huisvesting"
    assert rest.iloc[-1]["stakeholder"] == "Gemeente"


def test_nothing_is_left_of_an_asset_used_up_within_the_horizon() -> None:
    r = build("1000 * once(t, 0)", 10).evaluate()
    assert r.npv == pytest.approx(-1000.0)


def test_the_residual_value_is_discounted_from_the_last_year() -> None:
    r = build("1000 * once(t, 0)", 20, discount=0.03).evaluate()
    assert r.npv == pytest.approx(-1000 + 500 / 1.03**9)


def test_the_factored_and_the_general_path_agree() -> None:
    # "bedrag * once(t, 2)" factors; "bedrag * once(t, 2) + 0 * bedrag * t" does not
    fast = build("bedrag * once(t, 2)", 12, drop_off=0.0, growth=0.02)
    slow = build("bedrag * once(t, 2) + 0 * bedrag * t", 12, growth=0.02)
    a = sensitivity.monte_carlo(fast, 500, rng=1)
    b = sensitivity.monte_carlo(slow, 500, rng=1)
    np.testing.assert_allclose(a.pv, b.pv, rtol=1e-12)
    # 1000 * 1.02^2 in year 2, 12-year life, horizon 10: 4 of 12 years left
    assert fast.evaluate().npv == pytest.approx(-1000 * 1.02**2 * 8 / 12)


def test_a_residual_line_nets_against_the_reference_by_name() -> None:
    ref = Intervention(name="Nul", streams=[
        Stream(name="Verbouwing", kind="cost", stakeholder="Gemeente", category="Huisvesting",
               amount="400 * once(t, 0)", lifetime=20)])
    r = build("1000 * once(t, 0)", 20, reference=ref).evaluate()
    # project -1000 + 500; reference -400 + 200: net -300
    assert r.npv == pytest.approx(-300.0)
    line = r.to_frame().set_index("stream").loc["Restwaarde Verbouwing"]
    assert line["kind"] == "benefit" and line["pv"] == pytest.approx(300.0)


def test_only_a_cost_has_a_lifetime_and_it_must_be_positive() -> None:
    with pytest.raises(SpecificationError, match="only an investment"):
        Stream(name="b", kind="benefit", stakeholder="G", amount="1", lifetime=5)
    for bad in (0, -1, float("inf"), "5", True):
        with pytest.raises(SpecificationError, match="lifetime"):
            Stream(name="c", kind="cost", stakeholder="G", amount="1", lifetime=bad)


def test_a_stream_named_like_the_residual_line_is_refused() -> None:
    with pytest.raises(SpecificationError, match="has a stream of that name"):
        Model(name="r", start_year=2025, horizon=5, discount=0.0, project=Intervention(
            name="P", streams=[
                Stream(name="V", kind="cost", stakeholder="G", amount="1", lifetime=9),
                Stream(name="Restwaarde V", kind="benefit", stakeholder="G", amount="1")]))


def test_the_overview_table_says_which_benefit_is_a_residual_value() -> None:
    t = build("1000 * once(t, 0)", 20).evaluate().table("nl")
    row = t[(t["onderdeel"] == "Baten") & (t["post"] == "Huisvesting")]
    assert "restwaarde" in row["toelichting"].item()
