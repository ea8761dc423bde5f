"""Bad numbers, silent traps and the right culprit (issue 14, classes 7, 8 and 10).

Every refusal is an MkbaError (and the matching built-in error) that names the input,
the problem and the fix; every silent trap warns with an MkbaWarning.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mkba import Intervention, Model, Parameter, Stream, sensitivity
from mkba.cohort import Cohort
from mkba.discounting import DiscountSchedule
from mkba.distributions import PERT, Beta, Fixed, LogNormal, Normal, Uniform
from mkba.errors import (
    MkbaError,
    MkbaTypeError,
    MkbaWarning,
    PriceIndexError,
    SpecificationError,
)
from mkba.parameters import check_name
from mkba.prices import PriceIndex, cbs_cpi


def tiny(params=None, start_year=2025, horizon=3, **stream_kw):
    kw = dict(name="S", kind="benefit", stakeholder="Gemeente", amount="n * 10")
    kw.update(stream_kw)
    return Model(
        name="klein", start_year=start_year, horizon=horizon, discount=0.0,
        parameters=params if params is not None else [Parameter(name="n", value=2.0)],
        project=Intervention(name="P", streams=[Stream(**kw)]),
    )


def mkba_warnings(fn, *args, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn(*args, **kw)
    return out, [str(w.message) for w in caught if issubclass(w.category, MkbaWarning)]


# -- corrections ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attr", "text"),
    [
        ("deadweight", "1.5"),
        ("attribution", "-0.2"),
        ("displacement", "150"),
        ("drop_off", "2 * 0.6"),
        ("deadweight", " 1.5 "),
        ("growth", "-5"),
        ("growth", "-1"),
        ("growth", "3"),
    ],
)
def test_a_constant_correction_formula_is_range_checked_like_a_number(attr, text):
    with pytest.raises(SpecificationError, match=attr) as exc:
        Stream(name="S", kind="benefit", stakeholder="G", amount="1", **{attr: text})
    assert isinstance(exc.value, ValueError)
    assert "'S'" in str(exc.value)


@pytest.mark.parametrize(("attr", "text"), [("deadweight", "0.3"), ("growth", "-0.5"),
                                            ("drop_off", "1"), ("growth", "0.02")])
def test_a_constant_correction_formula_in_range_is_accepted(attr, text):
    s = Stream(name="S", kind="benefit", stakeholder="G", amount="1", **{attr: text})
    assert attr in s.formulas


@pytest.mark.parametrize(
    ("attr", "dist", "value"),
    [
        ("deadweight", Normal(0.3, 0.6), 0.3),
        ("attribution", Uniform(-0.1, 0.5), 0.2),
        ("drop_off", PERT(0.5, 0.9, 1.2), 0.9),
        ("growth", Normal(0.01, 0.005), 0.01),
        ("growth", Uniform(-1.0, 0.5), 0.0),
    ],
)
def test_a_correction_parameter_that_can_leave_its_range_is_refused_when_built(
    attr, dist, value
):
    params = [Parameter(name="n", value=2.0), Parameter(name="c", value=value, dist=dist)]
    with pytest.raises(SpecificationError) as exc:
        tiny(params, **{attr: "c"})
    message = str(exc.value)
    assert "stream 'S'" in message and attr in message and "'c'" in message
    assert "support" in message


@pytest.mark.parametrize(
    ("attr", "dist", "value"),
    [
        ("deadweight", Beta(2, 5), 0.3),
        ("displacement", PERT(0, 0.2, 1), 0.2),
        ("growth", Uniform(-0.5, 0.5), 0.0),
        ("growth", LogNormal(-4, 0.5), 0.02),
    ],
)
def test_a_correction_parameter_within_its_range_is_accepted(attr, dist, value):
    params = [Parameter(name="n", value=2.0), Parameter(name="c", value=value, dist=dist)]
    assert np.isfinite(tiny(params, **{attr: "c"}).evaluate().npv)


def test_a_correction_parameter_with_a_base_value_out_of_range_is_refused():
    params = [Parameter(name="n", value=2.0), Parameter(name="dw", value=30.0)]
    with pytest.raises(SpecificationError, match="base value 30"):
        tiny(params, deadweight="dw")


def test_a_correction_formula_is_checked_per_draw_and_names_the_culprit():
    params = [Parameter(name="n", value=2.0),
              Parameter(name="dw", value=0.3, dist=Beta(2, 2)),
              Parameter(name="k", value=1.0, dist=Uniform(0.5, 4))]
    m = tiny(params, deadweight="dw * k")
    m.evaluate()  # the base case is within [0, 1]
    with pytest.raises(MkbaError) as exc:
        sensitivity.monte_carlo(m, n_draws=2000, rng=1)
    message = str(exc.value)
    assert "stream 'S'" in message and "deadweight" in message
    assert "dw=" in message and "k=" in message and "nothing is clipped" in message


def test_an_override_that_takes_a_correction_out_of_range_is_refused():
    params = [Parameter(name="n", value=2.0), Parameter(name="g", value=0.5)]
    m = tiny(params, growth="g - 1")
    with pytest.raises(MkbaError, match=r"growth 'g - 1' is -1\.5"):
        m.evaluate({"g": -0.5})


def test_a_time_dependent_correction_out_of_range_names_the_year():
    params = [Parameter(name="n", value=2.0), Parameter(name="dw", value=0.4)]
    m = tiny(params, horizon=5, deadweight="dw * (t + 1)")
    with pytest.raises(MkbaError, match=r"in year 2027 \(t=2\)"):
        m.evaluate()


def test_a_drop_off_formula_per_draw_and_a_nan_correction_are_refused():
    params = [Parameter(name="n", value=2.0), Parameter(name="d", value=0.0)]
    with pytest.raises(MkbaError, match="drop_off"):
        tiny(params, drop_off="d - 0.1").evaluate()
    with pytest.raises(MkbaError, match="attribution"):
        tiny(params, attribution="log(d - 1)").evaluate()


def test_break_even_of_a_correction_stays_in_its_range():
    params = [Parameter(name="n", value=2.0), Parameter(name="dw", value=0.3, dist=Beta(2, 2))]
    m = Model(name="m", start_year=2025, horizon=1, discount=0.0, parameters=params,
              project=Intervention(name="P", streams=[
                  Stream(name="B", kind="benefit", stakeholder="G", amount="n * 10",
                         deadweight="dw"),
                  Stream(name="C", kind="cost", stakeholder="G", amount="10")]))
    assert sensitivity.break_even(m, "dw") == pytest.approx(0.5)


# -- base values outside their distribution ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "dist"),
    [(200.0, PERT(60, 80, 100)), (30.0, Beta(2, 5)), (-1.0, LogNormal(0, 1)),
     (4.0, Fixed(3.0)), (0.5, Uniform(1, 2))],
)
def test_a_base_value_outside_its_distribution_is_refused(value, dist):
    with pytest.raises(SpecificationError) as exc:
        Parameter(name="p", value=value, dist=dist)
    message = str(exc.value)
    assert "'p'" in message and f"{value:g}" in message and "support" in message
    assert "unit" in message or "percentage" in message


def test_the_refusal_guesses_a_percentage_for_a_fraction():
    with pytest.raises(SpecificationError, match="percentage"):
        Parameter(name="dw", value=30.0, dist=Beta(2, 5))


def test_a_base_value_on_the_edge_of_the_support_is_accepted():
    assert Parameter(name="p", value=60.0, dist=PERT(60, 80, 100)).value == 60.0
    assert Parameter(name="p", value=3.0, dist=Fixed(3.0)).value == 3.0
    assert Parameter(name="p", value=0.0, dist=Beta(2, 2)).value == 0.0


def test_variants_may_leave_the_support_with_a_warning():
    params = [Parameter(name="n", value=2.0, dist=PERT(1, 2, 3))]
    m = tiny(params)
    variant, caught = mkba_warnings(m.with_values, n=50.0)
    assert variant.parameter("n").value == 50.0
    assert any("'n'" in w and "outside" in w for w in caught)
    r, caught = mkba_warnings(m.evaluate, {"n": 50.0})
    assert r.npv == pytest.approx(1500.0)
    assert any("outside" in w for w in caught)
    table, caught = mkba_warnings(sensitivity.scenarios, m, {"Hoog": {"n": 50.0}})
    assert table.to_frame().loc["Hoog", "npv"] == pytest.approx(1500.0)
    assert any("outside" in w for w in caught)
    _, caught = mkba_warnings(m.with_values, n=2.5)
    assert not caught


def test_with_value_still_checks_the_value():
    p = Parameter(name="n", value=2.0, dist=PERT(1, 2, 3))
    with pytest.raises(SpecificationError, match="'n'"):
        p.with_value("abc")  # type: ignore[arg-type]
    with pytest.raises(SpecificationError, match="not a finite number"):
        p.with_value(float("inf"))
    with pytest.raises(SpecificationError, match="'n'"):
        p.with_value({"A": 1.0})  # type: ignore[arg-type]


# -- silent traps ------------------------------------------------------------------------


def test_a_stream_after_the_horizon_warns_when_evaluated():
    r, caught = mkba_warnings(tiny(start=2030).evaluate)
    assert r.npv == 0.0
    assert any("'S'" in w and "2030" in w and "2025–2027" in w for w in caught)
    _, caught = mkba_warnings(tiny(start=2027).evaluate)
    assert not caught


def test_unused_parameters_are_found_by_check_not_when_built():
    params = [Parameter(name="n", value=2.0), Parameter(name="reserve", value=1.0)]
    m, caught = mkba_warnings(tiny, params)
    assert not caught  # spare kengetallen are allowed
    assert m.unused_parameters == ["reserve"]
    messages, caught = mkba_warnings(m.check)
    assert len(messages) == 1 and "'reserve'" in messages[0]
    assert caught == messages
    assert tiny().check(warn=False) == []


def test_unused_parameters_know_corrections_cohorts_and_participants():
    params = [Parameter(name="n", value=2.0), Parameter(name="dw", value=0.2),
              Parameter(name="p", value=0.3), Parameter(name="deelnemers", value=10.0)]
    cohort = Cohort(name="g", states=("a", "b"), start={"a": 10}, transitions={("a", "b"): "p"})
    m = Model(name="m", start_year=2025, horizon=2, discount=0.0, parameters=params,
              participants="deelnemers",
              project=Intervention(name="P", cohorts=[cohort], streams=[
                  Stream(name="S", kind="benefit", stakeholder="G", amount="n * b",
                         deadweight="dw")]))
    assert m.unused_parameters == []
    messages = m.check(warn=False)
    assert messages == []


def test_check_reports_streams_after_the_horizon():
    assert any("after the horizon" in w for w in tiny(start=2040).check(warn=False))


def test_a_break_even_value_outside_the_support_warns_and_is_noted():
    params = [Parameter(name="dw", value=0.5, dist=Beta(2, 2))]
    m = Model(name="m", start_year=2025, horizon=1, discount=0.0, parameters=params,
              project=Intervention(name="P", streams=[
                  Stream(name="B", kind="benefit", stakeholder="G", amount="10 * (1 - dw)"),
                  Stream(name="C", kind="cost", stakeholder="G", amount="17.1")]))
    value, caught = mkba_warnings(sensitivity.break_even, m, "dw")
    assert value == pytest.approx(-0.71)
    assert any("-0.71" in w and "support" in w for w in caught)
    table = sensitivity.switching_values(m).to_frame()
    note = table.set_index("parameter").loc["dw", "note"]
    assert "outside the support" in note


def test_a_break_even_value_inside_the_support_is_quiet():
    params = [Parameter(name="x", value=2.0, dist=PERT(0, 2, 4))]
    m = Model(name="m", start_year=2025, horizon=1, discount=0.0, parameters=params,
              project=Intervention(name="P", streams=[
                  Stream(name="B", kind="benefit", stakeholder="G", amount="4 * x"),
                  Stream(name="C", kind="cost", stakeholder="G", amount="3")]))
    value, caught = mkba_warnings(sensitivity.break_even, m, "x")
    assert value == pytest.approx(0.75) and not caught
    assert sensitivity.switching_values(m).to_frame()["note"].tolist() == [""]


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["n\n", "n\r", "n ", "\nn", "n\n\n", "a\nb"])
def test_names_with_line_breaks_or_spaces_are_refused(name):
    with pytest.raises(SpecificationError):
        Parameter(name=name, value=1.0)
    with pytest.raises(SpecificationError):
        check_name(name, "state")
    with pytest.raises(SpecificationError):
        Cohort(name="g", states=(name, "b"), start={})


# -- the right culprit, and no plain exceptions ----------------------------------------------


def test_an_infinite_discount_factor_blames_the_discounting():
    with pytest.warns(MkbaWarning):
        with pytest.raises(SpecificationError) as exc:
            tiny().replace(discount=-0.999999, horizon=100).evaluate()
    message = str(exc.value)
    assert "discount" in message.lower() and "stream" not in message.split(":")[0]
    with pytest.warns(MkbaWarning), pytest.raises(SpecificationError, match="discount factor"):
        DiscountSchedule.constant(-0.999999).factors(100)


def test_a_price_level_that_overflows_the_factor_blames_the_price_index():
    index = PriceIndex({2020: 1e-320, 2025: 100.0}, name="klein")
    p = Parameter(name="n", value=2.0, price_year=2020)
    with pytest.raises(PriceIndexError) as exc:
        Model(name="m", start_year=2025, horizon=1, discount=0.0, parameters=[p],
              price_index=index, project=Intervention(name="P", streams=[
                  Stream(name="S", kind="benefit", stakeholder="G", amount="n")]))
    assert "price index 'klein'" in str(exc.value)
    with pytest.raises(PriceIndexError):
        index.factor(2020, 2025)


@pytest.mark.parametrize(
    ("value", "error", "builtin"),
    [("abc", SpecificationError, ValueError), ("3", SpecificationError, ValueError),
     (None, MkbaTypeError, TypeError), ([1, 2], MkbaTypeError, TypeError),
     (10**400, SpecificationError, ValueError), (float("nan"), SpecificationError, ValueError)],
)
def test_an_override_that_is_not_a_number_is_an_mkba_error(value, error, builtin):
    with pytest.raises(error) as exc:
        tiny().evaluate({"n": value})
    assert isinstance(exc.value, builtin)
    assert "'n'" in str(exc.value)
    assert len(str(exc.value)) < 400


def test_an_override_given_as_a_numpy_number_is_accepted():
    assert tiny().evaluate({"n": np.float64(3.0)}).npv == 90.0
    assert tiny().evaluate({"n": np.array(3.0)}).npv == 90.0


def test_a_scenario_value_that_is_not_a_number_names_the_scenario():
    with pytest.raises(SpecificationError) as exc:
        sensitivity.scenarios(tiny(), {"Hoog": {"n": "abc"}})
    assert "scenario 'Hoog'" in str(exc.value) and "'n'" in str(exc.value)


@pytest.mark.parametrize("rho", ["0.5", "abc", None, True, float("nan"), 10**400])
def test_correlations_that_are_not_numbers_are_refused(rho):
    params = [Parameter(name="a", value=1.0, dist=PERT(0, 1, 2)),
              Parameter(name="b", value=1.0, dist=PERT(0, 1, 2))]
    m = tiny(params, amount="a + b")
    with pytest.raises(SpecificationError, match="correlation"):
        sensitivity.monte_carlo(m, n_draws=10, rng=1, correlations={("a", "b"): rho})


def test_correlations_given_as_text_are_refused():
    params = [Parameter(name="a", value=1.0, dist=PERT(0, 1, 2))]
    with pytest.raises(SpecificationError, match="mapping"):
        sensitivity.monte_carlo(tiny(params, amount="a"), n_draws=10, rng=1,
                                correlations="a,b=0.5")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [10**400, -(10**400)])
def test_a_huge_integer_value_is_a_specification_error(value):
    with pytest.raises(SpecificationError, match="not a finite number") as exc:
        Parameter(name="n", value=value)
    assert len(str(exc.value)) < 300


def test_a_huge_step_year_is_a_specification_error():
    with pytest.raises(SpecificationError, match="step year"):
        DiscountSchedule.stepped({1: 0.03, 10**30: 0.02})
    with pytest.raises(SpecificationError, match="not finite"):
        DiscountSchedule.constant(10**400)  # type: ignore[arg-type]
    assert DiscountSchedule.stepped({1: 0.03, 500: 0.02}).rate(600) == 0.02


# -- the price year --------------------------------------------------------------------------


def _after_the_index(**kw):
    return Model(name="2026", start_year=2026, horizon=3, discount=0.0,
                 parameters=[Parameter(name="p", value=10.0, price_year=2024)],
                 project=Intervention(name="P", streams=[
                     Stream(name="S", kind="benefit", stakeholder="G", amount="p")]), **kw)


def test_a_model_starting_after_the_index_is_valued_at_its_latest_year():
    last = cbs_cpi().years[-1]
    m = _after_the_index()
    assert m.price_year == last
    r = m.evaluate()
    assert r.npv == pytest.approx(3 * 10.0 * cbs_cpi().factor(2024, last))


def test_the_price_year_defaults_to_the_start_year_when_the_index_covers_it():
    assert tiny().price_year == 2025
    index = PriceIndex({2024: 100.0, 2026: 104.0})
    assert _after_the_index(price_index=index).price_year == 2026


def test_an_explicit_price_year_outside_the_index_names_the_real_fix():
    with pytest.raises(PriceIndexError) as exc:
        _after_the_index(price_year=2026)
    message = str(exc.value)
    assert f"Model(price_year={cbs_cpi().years[-1]})" in message and "price_index=" in message


def test_a_parameter_price_year_outside_the_index_names_both_fixes():
    p = Parameter(name="p", value=10.0, price_year=1990)
    with pytest.raises(PriceIndexError) as exc:
        Model(name="m", start_year=2025, horizon=1, parameters=[p],
              project=Intervention(name="P", streams=[
                  Stream(name="S", kind="benefit", stakeholder="G", amount="p")]))
    message = str(exc.value)
    assert "'p'" in message and "1990" in message
    assert "Model(price_year=" in message and "price_index=" in message
