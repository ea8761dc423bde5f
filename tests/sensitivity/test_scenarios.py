from __future__ import annotations

import pandas as pd
import pytest

from mkba import sensitivity
from mkba.errors import SpecificationError, UnknownNameError

from .models import homeless


def test_scenarios_table_has_the_headline_metrics_per_scenario():
    m = homeless()
    result = sensitivity.scenarios(m, {"Laag": {"nachten": 60}, "Hoog": {"nachten": 250}})
    assert isinstance(result, sensitivity.ScenarioResult)
    assert result.scenarios == {"base": {}, "Laag": {"nachten": 60}, "Hoog": {"nachten": 250}}
    s = result.to_frame()
    assert list(s.index) == ["base", "Laag", "Hoog"]
    assert s.index.name == "scenario"
    assert list(s.columns) == ["npv", "pv_costs", "pv_benefits", "bcr", "roi", "irr", "payback"]
    assert s.loc["base", "npv"] == m.evaluate().npv
    assert s.loc["Laag", "npv"] == pytest.approx(m.evaluate({"nachten": 60}).npv)
    assert s.loc["Laag", "npv"] < s.loc["base", "npv"] < s.loc["Hoog", "npv"]
    pd.testing.assert_frame_equal(result.summary(), s)


@pytest.mark.filterwarnings("ignore:parameter 'nachten'")  # 0 nights: outside its support
def test_scenario_payback_is_a_year_or_missing():
    m = homeless()
    s = sensitivity.scenarios(m, {"Kort": {"horizon": 1}, "Geen": {"nachten": 0}}).to_frame()
    assert str(s["payback"].dtype) == "Int64"
    base = m.evaluate()
    assert s.loc["base", "payback"] == base.payback
    # no avoided nights: nothing is ever paid back, shown as <NA> rather than NaN or None
    assert m.evaluate({"nachten": 0}).payback is None
    assert s.loc["Geen", "payback"] is pd.NA


def test_scenarios_without_base_and_with_a_model_field():
    m = homeless()
    s = sensitivity.scenarios(m, {"Kort": {"horizon": 5}}, include_base=False).to_frame()
    assert list(s.index) == ["Kort"]
    assert s.loc["Kort", "npv"] == pytest.approx(m.replace(horizon=5).evaluate().npv)


def test_scenarios_refuse_unknown_parameters_with_a_suggestion():
    with pytest.raises(UnknownNameError, match="Did you mean 'nachten'"):
        sensitivity.scenarios(homeless(), {"X": {"nachtn": 1}})
    with pytest.raises(SpecificationError):
        sensitivity.scenarios(homeless(), {"X": 3})  # type: ignore[dict-item]
