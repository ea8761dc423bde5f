"""The people-flows chart: persons per state per year, project beside the nulalternatief."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from mkba import Cohort, Intervention, Model, Parameter, Stream, plotting, sensitivity
from mkba.distributions import Beta
from mkba.errors import MkbaError, MkbaTypeError


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def people(reference: bool = True) -> Model:
    def alt(name: str, p: str) -> Intervention:
        c = Cohort(name="groep", states=("straat", "opvang", "woning"), start={"opvang": 50},
                   transitions={("opvang", "woning"): p, ("straat", "opvang"): 0.5},
                   inflow={"straat": 10}, counting="start")
        return Intervention(name=name, cohorts=[c], streams=[
            Stream(name="Opvang", kind="cost", stakeholder="G", amount="opvang * 10")])

    return Model(name="Mensen", start_year=2025, horizon=6, discount=0.0,
                 parameters=[Parameter(name="p", value=0.3, dist=Beta(3, 7))],
                 project=alt("P", "p"), reference=alt("N", "0.1") if reference else None)


def test_one_line_per_state_and_alternative_with_the_persons_of_occupancy() -> None:
    r = people().evaluate()
    ax = plotting.plot_occupancy(r, lang="en")
    assert len(ax.lines) == 6  # 3 states x 2 alternatives
    solid = [ln for ln in ax.lines if ln.get_linestyle() == "-"]
    dashed = [ln for ln in ax.lines if ln.get_linestyle() == "--"]
    assert len(solid) == 3 and len(dashed) == 3
    occ = r.occupancy()
    want = occ[(occ["alternative"] == "project") & (occ["state"] == "woning")]["persons"]
    assert any(np.allclose(ln.get_ydata(), want) for ln in solid)
    assert ax.get_ylabel() == "Persons" and ax.get_xlabel() == "Year"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:3] == ["straat", "opvang", "woning"] and "Project" in labels


def test_a_monte_carlo_run_draws_the_median_and_a_band() -> None:
    mc = sensitivity.monte_carlo(people(), 500, rng=1)
    ax = plotting.plot_occupancy(mc, states=["woning"])
    assert len(ax.lines) == 2 and len(ax.collections) == 2  # median lines and 90% bands
    assert "90%-interval" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_plot_occupancy_draws_on_the_axes_given_and_says_what_is_missing() -> None:
    _, ax = plt.subplots()
    assert plotting.plot_occupancy(people(False).evaluate(), ax=ax) is ax
    assert len(ax.lines) == 3
    with pytest.raises(MkbaError, match="no state 'huis'"):
        plotting.plot_occupancy(people().evaluate(), states=["huis"])
    with pytest.raises(MkbaError, match="no cohort 'x'"):
        plotting.plot_occupancy(people().evaluate(), cohort="x")
    with pytest.raises(MkbaTypeError, match="takes a Result"):
        plotting.plot_occupancy("model")
    bare = Model(name="b", start_year=2025, horizon=1, project=Intervention(
        name="P", streams=[Stream(name="x", kind="cost", stakeholder="G", amount="1")]))
    with pytest.raises(MkbaError, match="has no cohorts"):
        plotting.plot_occupancy(bare.evaluate())


def test_a_state_keeps_its_colour_when_only_some_states_are_drawn() -> None:
    r = people().evaluate()
    full = plotting.plot_occupancy(r)
    colour = {ln.get_label(): ln.get_color() for ln in full.get_legend().get_lines()}
    part = plotting.plot_occupancy(r, states=["woning"])
    assert part.lines[0].get_color() == colour["woning"]
