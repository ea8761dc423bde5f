"""Charts and tables ask the result: one rule for avoided costs, any metric on the
tornado, summary-mode Monte Carlo drawn as a run kept per draw, the new charts."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.container import BarContainer

from mkba import Intervention, Model, Parameter, Stream, plotting, report, sensitivity
from mkba.distributions import PERT, Triangular, Uniform


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def mixed_category() -> Model:
    """In the category Zorg a cost of 200 a year and an avoided cost of 300 a year (the
    nulalternatief's 'Opname' costs 300, the project has none); a benefit of n * 30."""
    return Model(
        name="Gemengd", start_year=2025, horizon=3, discount=0.0,
        parameters=[Parameter(name="n", value=10.0, dist=Triangular(6, 10, 14))],
        project=Intervention(name="Project", streams=[
            Stream(name="Ambulant", kind="cost", stakeholder="Gemeente", category="Zorg",
                   amount="200"),
            Stream(name="Opbrengst", kind="benefit", stakeholder="Rijk", category="Werk",
                   amount="n * 30"),
        ]),
        reference=Intervention(name="Nul", streams=[
            Stream(name="Opname", kind="cost", stakeholder="Zorgverzekeraar", category="Zorg",
                   amount="300")]),
    )


def bar_heights(ax) -> list[float]:
    return [b.get_height() for c in ax.containers if isinstance(c, BarContainer) for b in c]


# -- one rule for avoided costs -------------------------------------------------------


def test_a_category_with_a_cost_and_an_avoided_cost_shows_both_everywhere():
    r = mixed_category().evaluate()
    # the overview: a cost of 600 and an avoided cost of 900 in Zorg, not a net 300
    table = r.table("nl")
    rows = table[table["post"] == "Zorg"].set_index("onderdeel")
    assert rows.loc["Kosten", "waarde"] == 600.0
    assert rows.loc["Baten", "waarde"] == 900.0
    assert "vermeden kosten" in rows.loc["Baten", "toelichting"]
    # the chart: the same per year, on the same sides
    heights = bar_heights(plotting.plot_cashflows(r))
    assert sum(h for h in heights if h < 0) == pytest.approx(-3 * 200.0)
    assert sum(h for h in heights if h > 0) == pytest.approx(3 * 300.0 + 3 * 300.0)
    # the stakeholders: the Zorgverzekeraar gains the avoided cost, the Gemeente pays
    by = r.by_stakeholder()
    assert by.loc["Zorgverzekeraar", "benefits"] == 900.0
    assert by.loc["Gemeente", "costs"] == 600.0
    # the cash-flow table (report) and the yearly frame
    yearly = r.yearly()
    assert yearly["costs"].tolist() == [200.0] * 3
    assert yearly["benefits"].tolist() == [600.0] * 3
    cf = report.cashflow_table(r, "en")
    assert cf["Costs"].tolist() == [report.tables.format_amount(200.0, "en")] * 3
    # every view adds up to the same NPV
    assert yearly["cumulative_discounted_net"].iloc[-1] == pytest.approx(r.npv)
    assert r.pv_benefits - r.pv_costs == pytest.approx(900 + 900 - 600)


def test_an_avoided_cost_stays_a_benefit_in_a_year_it_costs_more():
    # the project costs 100 more in its first year and 300 less in the next two: over the
    # horizon an avoided cost, shown as a benefit in every year (−100 in the first)
    m = Model(
        name="Omslag", start_year=2025, horizon=3, discount=0.0,
        project=Intervention(name="P", streams=[
            Stream(name="Opvang", kind="cost", stakeholder="Gemeente",
                   amount="400 * once(t, 0)")]),
        reference=Intervention(name="N", streams=[
            Stream(name="Opvang", kind="cost", stakeholder="Gemeente",
                   amount="300 * between(t, 0, 2)")]),
    )
    r = m.evaluate()
    assert r.to_frame().loc[0, "side"] == "benefit"
    frame = r.cashflows()
    assert set(frame["side"]) == {"benefit"} and set(frame["note"]) == {"avoided"}
    assert frame["amount"].tolist() == [-100.0, 300.0, 300.0]


# -- any metric on the tornado --------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "label"),
    [("npv", "Saldo (€, prijspeil 2025)"), ("bcr", "Baten/kosten-verhouding"),
     ("roi", "Rendement (ROI)"), ("net_Rijk", "Saldo Rijk (€, prijspeil 2025)")],
)
def test_the_tornado_draws_the_metric_of_the_analysis(metric, label):
    m = mixed_category()
    ow = sensitivity.one_way(m, metric=metric)
    ax = ow.plot()
    frame = ow.to_frame().set_index("parameter")
    ends = sorted(b.get_x() + b.get_width() for b in ax.patches)
    assert ends == pytest.approx(sorted([frame.loc["n", f"{metric}_low"],
                                         frame.loc["n", f"{metric}_high"]]))
    assert ax.get_xlabel() == label
    line = next(ln for ln in ax.lines if ln.get_gid() == "base")
    assert line.get_xdata()[0] == pytest.approx(ow.base)
    table = report.one_way_table(ow, "nl")
    assert len(table) == 1


def test_the_one_way_table_writes_a_ratio_as_a_ratio():
    m = mixed_category()
    ow = sensitivity.one_way(m, metric="bcr")
    table = report.one_way_table(ow, "nl")
    row = ow.to_frame().iloc[0]
    assert table.loc[0, "Baten/kosten-verhouding bij laag"] == report.tables.format_cell(
        row["bcr_low"], "ratio", "nl")
    assert "€" not in table.loc[0, "Baten/kosten-verhouding bij hoog"]
    assert "Baten/kosten-verhouding" in table.attrs["note"]


# -- Monte Carlo kept as summary ------------------------------------------------------


def test_a_summary_run_draws_the_same_bars_as_a_run_kept_per_draw():
    # NPV = 3 (30 n − 750) with n ~ Uniform(0, 50): negative in half the draws
    m = Model(
        name="Helft", start_year=2025, horizon=3, discount=0.0,
        parameters=[Parameter(name="n", value=25.0, dist=Uniform(0, 50))],
        project=Intervention(name="P", streams=[
            Stream(name="B", kind="benefit", stakeholder="Rijk", amount="n * 30"),
            Stream(name="C", kind="cost", stakeholder="Gemeente", amount="750")]),
    )
    lines = sensitivity.monte_carlo(m, 20_000, rng=4)
    summ = sensitivity.monte_carlo(m, 20_000, rng=4, keep="summary")
    hist = summ.histogram()
    pd.testing.assert_frame_equal(hist, lines.histogram())
    assert hist["count"].sum() == 20_000
    assert (hist["left"] == 0.0).any()  # the NPV takes both signs: 0 is a bar edge
    # bars left of zero hold losses only: their count is the draws with NPV < 0
    assert hist.loc[hist["right"] <= 0, "count"].sum() == int(np.sum(lines.npv < 0))
    a, b = plotting.plot_npv_distribution(lines), plotting.plot_npv_distribution(summ)
    assert [p.get_height() for p in a.patches] == [p.get_height() for p in b.patches]
    assert a.get_title(loc="left") == b.get_title(loc="left")
    assert summ.prob_positive() == lines.prob_positive() == pytest.approx(0.5, abs=0.02)


def test_a_summary_run_is_tabled_and_reported(tmp_path):
    m = mixed_category()
    summ = sensitivity.monte_carlo(m, 5_000, rng=1, keep="summary")
    table = report.monte_carlo_table(summ, "nl")
    assert "5.000 trekkingen" in table.attrs["note"]
    path = report.to_html(m, tmp_path / "s.html", sensitivity={"monte_carlo": summ})
    assert "<svg" in path.read_text(encoding="utf-8")
    assert summ.prob_positive("net_Rijk") == 1.0  # the Rijk only gains: n * 30 > 0


# -- scenarios, switching values, break-even ------------------------------------------


def test_the_scenario_chart_names_its_model_and_price_year():
    ax = sensitivity.scenarios(mixed_category(), {"Laag": {"n": 6}}).plot()
    assert "Gemengd" in ax.get_title(loc="left")
    assert ax.get_xlabel() == "Saldo (€, prijspeil 2025)"
    bcr = sensitivity.scenarios(mixed_category(), {"Laag": {"n": 6}}).plot(metric="bcr")
    assert bcr.get_xlabel() == "Baten/kosten-verhouding"


def test_the_switching_chart_shows_the_change_that_flips_the_outcome():
    m = Model(
        name="Omslag", start_year=2025, horizon=1, discount=0.0,
        parameters=[Parameter(name="a", value=10.0, dist=Uniform(5, 15)),
                    Parameter(name="b", value=2.0, dist=PERT(1, 2, 3)),
                    Parameter(name="c", value=4.0)],
        project=Intervention(name="P", streams=[
            Stream(name="B", kind="benefit", stakeholder="R", amount="a * b"),
            Stream(name="C", kind="cost", stakeholder="R", amount="12 + c")]),
    )
    sv = sensitivity.switching_values(m)
    # the NPV a·b − 12 − c is 0 at a = 8 (−20%), b = 1.6 (−20%), c = 8 (+100%)
    frame = plotting.switching_frame(sv)
    assert frame["parameter"].tolist()[-1] == "c"
    np.testing.assert_allclose(frame.set_index("parameter")["change"].loc[["a", "b", "c"]],
                               [-0.2, -0.2, 1.0], atol=1e-9)
    ax = sv.plot(lang="en")
    widths = sorted(round(p.get_width(), 9) for p in ax.patches)
    assert widths == [-0.2, -0.2, 1.0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # a = 8 lies inside Uniform(5, 15)'s 5–95% range, b = 1.6 inside PERT(1, 2, 3)'s; c has none
    assert legend == ["Within 90% interval", "No distribution"]


def test_the_break_even_chart_marks_the_value_and_the_base():
    m = mixed_category()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the value lies outside n's range
        be = sensitivity.break_even(m, "n")
    # NPV = 3 (30 n + 300 − 200) = 0 at n = −10/3
    assert float(be) == pytest.approx(-10 / 3)
    ax = be.plot()
    lines = {ln.get_gid(): ln.get_xdata()[0] for ln in ax.lines if ln.get_gid()}
    assert lines == pytest.approx({"break_even": -10 / 3, "base": 10.0})
    assert "Gemengd" in ax.get_title(loc="left")
