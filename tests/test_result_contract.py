"""Every result type keeps one contract: to_frame, summary, plot, HTML view, provenance.

One parametrised suite, as scikit-learn checks every estimator with the same tests: a
result type that drops a method, returns a Series, draws on the current axes or forgets
its model fails here.
"""

from __future__ import annotations

import pickle
import warnings
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from mkba import Intervention, Model, Parameter, Stream, sensitivity
from mkba.distributions import PERT, Triangular
from mkba.errors import MkbaTypeError, SpecificationError
from mkba.results import BaseResult, Result

NAME = "Contract <&> model"
#: a point in the middle of a break-even curve
CURVE_MID = 50


def model() -> Model:
    """Two uncertain parameters, an avoided cost against the nulalternatief, a transfer."""
    return Model(
        name=NAME, start_year=2025, horizon=4, discount=0.03, price_year=2025,
        parameters=[
            Parameter(name="n", value=10.0, dist=Triangular(6, 10, 14), unit="personen"),
            Parameter(name="prijs", value=30.0, dist=PERT(20, 30, 45), unit="EUR"),
        ],
        project=Intervention(name="Project", streams=[
            Stream(name="Zorg", kind="cost", stakeholder="Zorgverzekeraar", category="Zorg",
                   amount="200"),
            Stream(name="Begeleiding", kind="cost", stakeholder="Gemeente", amount="n * 25"),
            Stream(name="Opbrengst", kind="benefit", stakeholder="Gemeente",
                   amount="n * prijs"),
            Stream(name="Huur", kind="transfer", payer="Deelnemer", stakeholder="Gemeente",
                   amount="12"),
        ]),
        reference=Intervention(name="Nulalternatief", streams=[
            Stream(name="Zorg", kind="cost", stakeholder="Zorgverzekeraar", category="Zorg",
                   amount="300")]),
    )


M = model()

#: every result type, made the way a user makes it; the value: what it records
MAKERS: dict[str, Callable[[], Any]] = {
    "result": lambda: M.evaluate(),
    "one_way": lambda: sensitivity.one_way(M),
    "one_way_bcr": lambda: sensitivity.one_way(M, metric="bcr"),
    "one_way_stakeholder": lambda: sensitivity.one_way(M, metric="net_Gemeente"),
    "two_way": lambda: sensitivity.two_way(M, "n", "prijs", n=3),
    "scenarios": lambda: sensitivity.scenarios(M, {"Laag": {"n": 6}, "Hoog": {"n": 14}}),
    "switching_values": lambda: sensitivity.switching_values(M),
    "break_even": lambda: sensitivity.break_even(M, "prijs"),
    "monte_carlo_lines": lambda: sensitivity.monte_carlo(M, 500, rng=1),
    "monte_carlo_metrics": lambda: sensitivity.monte_carlo(M, 500, rng=1, keep="metrics"),
    "monte_carlo_summary": lambda: sensitivity.monte_carlo(M, 500, rng=1, keep="summary"),
    "sobol": lambda: sensitivity.sobol(M, n=64, rng=1),
}

#: (metric, seed, n_draws) each records; None where it does not apply
PROVENANCE = {
    "result": (None, None, None),
    "one_way": ("npv", None, None),
    "one_way_bcr": ("bcr", None, None),
    "one_way_stakeholder": ("net_Gemeente", None, None),
    "two_way": ("npv", None, None),
    "scenarios": (None, None, None),
    "switching_values": ("npv", None, None),
    "break_even": ("npv", None, None),
    "monte_carlo_lines": (None, 1, 500),
    "monte_carlo_metrics": (None, 1, 500),
    "monte_carlo_summary": (None, 1, 500),
    "sobol": ("npv", 1, 64 * (2 + 2)),  # N (d + 2) model runs
}


@pytest.fixture(scope="module")
def made() -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a break-even value beyond the range warns
        return {name: make() for name, make in MAKERS.items()}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_every_result_type_is_listed() -> None:
    """The suite covers every public result class (a new one must be added here)."""
    classes = {
        Result, sensitivity.OneWayResult, sensitivity.TwoWayResult,
        sensitivity.ScenarioResult, sensitivity.SwitchingValues, sensitivity.BreakEven,
        sensitivity.MonteCarloResult, sensitivity.MonteCarloSummary, sensitivity.SobolResult,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        covered = {type(make()) for make in MAKERS.values()}
    assert covered == classes
    assert all(issubclass(c, BaseResult) for c in classes)


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_frames_are_dataframes(made: dict[str, Any], name: str) -> None:
    res = made[name]
    frame, summary = res.to_frame(), res.summary()
    assert isinstance(frame, pd.DataFrame) and not frame.empty
    assert isinstance(summary, pd.DataFrame) and not summary.empty
    # to_frame() hands out a copy: changing it leaves the result alone
    before = res.to_frame()
    frame[frame.columns[-1]] = "changed"
    pd.testing.assert_frame_equal(res.to_frame(), before)


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_repr_and_html_name_the_model(made: dict[str, Any], name: str) -> None:
    res = made[name]
    html = res._repr_html_()
    assert "<table" in html
    assert "Contract &lt;&amp;&gt; model" in html  # escaped, never raw markup
    assert NAME not in html
    assert NAME in repr(res) or name == "break_even"  # a BreakEven reprs as its float
    assert res.model_name == NAME and res.model is M


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_provenance_is_recorded(made: dict[str, Any], name: str) -> None:
    res = made[name]
    assert (res.metric, res.seed, res.n_draws) == PROVENANCE[name]


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_every_plot_kind_returns_the_axes_it_was_given(made: dict[str, Any], name: str) -> None:
    res = made[name]
    kinds = [k for k in res.plot_kinds if k != "occupancy"]  # no cohorts in this model
    assert kinds, "a result draws at least one chart"
    default = res.plot()
    assert isinstance(default, Axes)
    for kind in kinds:
        _fig, ax = plt.subplots()
        assert res.plot(kind, ax=ax) is ax
        assert ax.has_data()
    assert res.plot(kinds[0], lang="en").get_title(loc="left")


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_an_unknown_plot_kind_lists_the_kinds(made: dict[str, Any], name: str) -> None:
    res = made[name]
    with pytest.raises(SpecificationError, match=repr(res.plot_kinds[0])):
        res.plot("pie")
    _fig, ax = plt.subplots()
    with pytest.raises(MkbaTypeError, match="plot\\(ax=ax\\)"):
        res.plot(ax)  # the axes go by keyword


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_results_pickle(made: dict[str, Any], name: str) -> None:
    res = made[name]
    back = pickle.loads(pickle.dumps(res))
    assert type(back) is type(res)
    pd.testing.assert_frame_equal(back.to_frame(), res.to_frame())
    pd.testing.assert_frame_equal(back.summary(), res.summary())
    assert back.model_name == res.model_name and back.metric == res.metric


def test_a_break_even_value_is_the_number() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        be = sensitivity.break_even(M, "prijs")
    assert isinstance(be, float)
    # the saldo is zero there: the float is the value, and evaluate() takes it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the value lies below the PERT's support
        assert M.evaluate({"prijs": be}).npv == pytest.approx(0.0, abs=1e-6)
        mid = be.curve().iloc[CURVE_MID]
        assert mid["npv"] == pytest.approx(M.evaluate({"prijs": mid["value"]}).npv)
    assert repr(be) == repr(float(be)) and f"{be:.2f}" == f"{float(be):.2f}"
    row = be.to_frame().iloc[0]
    assert (row["parameter"], row["base"], row["break_even"]) == ("prijs", 30.0, float(be))
    assert row["change"] == pytest.approx((float(be) - 30.0) / 30.0)
    curve = be.curve()
    assert list(curve.columns) == ["value", "npv"]
    # the curve crosses 0 at the break-even value (the NPV is linear in prijs here)
    assert np.interp(float(be), curve["value"], curve["npv"]) == pytest.approx(0.0, abs=1e-6)
    back = pickle.loads(pickle.dumps(be))
    assert float(back) == float(be) and back.parameter == "prijs"


def test_a_stakeholder_metric_is_that_stakeholder_s_net() -> None:
    ow = sensitivity.one_way(M, metric="net_Gemeente").to_frame().set_index("parameter")
    low = ow.loc["n", "low"]
    # the Gemeente's net at n = low: (benefit n·prijs − cost 25·n + transfer 12) per year
    expected = M.evaluate({"n": low}).by_stakeholder().loc["Gemeente", "net"]
    assert ow.loc["n", "net_Gemeente_low"] == pytest.approx(expected)
    with pytest.raises(SpecificationError, match="net_Gemeente"):
        sensitivity.one_way(M, metric="net_Rijk")  # no such stakeholder: the known ones
