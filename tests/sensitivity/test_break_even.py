from __future__ import annotations

import math

import pandas as pd
import pytest

from mkba import Intervention, Model, Parameter, Stream, sensitivity
from mkba.errors import MkbaError

from .models import homeless


def test_break_even_value_gives_zero_npv():
    m = homeless()
    for name in ("nachten", "prijs", "kosten", "deadweight"):
        v = sensitivity.break_even(m, name)
        assert abs(m.evaluate({name: v}).npv) <= 1e-9 * m.evaluate().pv_costs, name


def test_break_even_of_a_linear_model_is_exact():
    # NPV = 4x - 3 = 0 at x = 0.75
    m = Model(
        name="m",
        start_year=2025,
        horizon=1,
        discount=0.0,
        parameters=[Parameter(name="x", value=2.0)],
        project=Intervention(
            name="p",
            streams=[
                Stream(name="B", kind="benefit", stakeholder="Rijk", amount="4 * x"),
                Stream(name="C", kind="cost", stakeholder="Rijk", amount="3"),
            ],
        ),
    )
    assert sensitivity.break_even(m, "x") == pytest.approx(0.75, abs=1e-12)
    # B/C ratio = 4x / 3 = 1 at the same value; ROI = 0 too
    assert sensitivity.break_even(m, "x", metric="bcr") == pytest.approx(0.75, abs=1e-12)
    assert sensitivity.break_even(m, "x", target=5.0) == pytest.approx(2.0, abs=1e-12)
    assert sensitivity.break_even(m, "x", bounds=(0, 1)) == pytest.approx(0.75, abs=1e-12)


def test_break_even_says_when_there_is_no_root():
    m = Model(
        name="m",
        start_year=2025,
        horizon=1,
        discount=0.0,
        parameters=[Parameter(name="x", value=2.0), Parameter(name="y", value=1.0)],
        project=Intervention(
            name="p",
            streams=[
                Stream(name="B", kind="benefit", stakeholder="Rijk", amount="x ** 2 + 1"),
                Stream(name="C", kind="cost", stakeholder="Rijk", amount="0.5"),
            ],
        ),
    )
    with pytest.raises(MkbaError, match="makes the NPV 0: the NPV is positive for every value"):
        sensitivity.break_even(m, "x")
    with pytest.raises(MkbaError, match="does not depend on 'y'"):
        sensitivity.break_even(m, "y")


def test_break_even_skips_values_where_the_formula_is_undefined():
    # NPV = log(x) - 1 is only defined for x > 0; root at e
    m = Model(
        name="m",
        start_year=2025,
        horizon=1,
        discount=0.0,
        parameters=[Parameter(name="x", value=1.0)],
        project=Intervention(
            name="p",
            streams=[
                Stream(name="B", kind="benefit", stakeholder="Rijk", amount="log(x)"),
                Stream(name="C", kind="cost", stakeholder="Rijk", amount="1"),
            ],
        ),
    )
    assert sensitivity.break_even(m, "x") == pytest.approx(math.e, rel=1e-12)


def test_switching_values_cover_every_parameter_including_corrections():
    m = homeless()
    result = sensitivity.switching_values(m)
    assert isinstance(result, sensitivity.SwitchingValues)
    assert (result.metric, result.target, result.model_name) == ("npv", 0.0, m.name)
    sv = result.to_frame()
    assert list(sv.columns) == [
        "parameter",
        "label",
        "unit",
        "base",
        "switching_value",
        "change",
        "within_range",
        "note",
    ]
    assert list(sv["parameter"]) == m.parameter_names
    row = sv.set_index("parameter").loc["nachten"]
    assert row["switching_value"] == pytest.approx(sensitivity.break_even(m, "nachten"))
    assert row["change"] == pytest.approx((row["switching_value"] - 150) / 150)
    assert sv["within_range"].dtype == "boolean"
    assert pd.isna(sv.set_index("parameter").loc["n", "within_range"])  # no distribution
    dw = sv.set_index("parameter").loc["deadweight"]
    assert dw["within_range"] == (0.02 <= dw["switching_value"] <= 0.38)  # Uniform(0, 0.4) 5-95%


def test_switching_values_note_parameters_without_effect():
    m = homeless()
    m = m.replace(parameters=[*m.parameters, Parameter(name="ongebruikt", value=3.0)])
    sv = sensitivity.switching_values(m, parameters=["ongebruikt", "prijs"]).summary()
    assert math.isnan(sv.loc["ongebruikt", "switching_value"])
    assert "does not depend" in sv.loc["ongebruikt", "note"]
    assert sv.loc["prijs", "note"] == ""
