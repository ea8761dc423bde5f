"""The charts of decisions: they draw what the result gives, on the Axes given."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.container import BarContainer

from mkba import Parameter, Stream, plotting, sensitivity
from mkba.decision import compare, portfolio
from mkba.distributions import Normal, Uniform
from mkba.errors import MkbaTypeError, SpecificationError
from tests.decision.models import fixed, one_year


@pytest.fixture(scope="module")
def cmp():
    x = Parameter(name="x", value=0.0, dist=Normal(0, 1), label="Effect op opvang")
    z = Parameter(name="z", value=0.5, dist=Uniform(0, 1))
    a = one_year("A", [x, z], [Stream(name="S", kind="benefit", stakeholder="G",
                                      amount="1000 * x + 10 * z")])
    b = one_year("B", [x], [Stream(name="S", kind="benefit", stakeholder="G",
                                   amount="500 * x + 100")])
    return compare([a, b], 4000, rng=1, include_null=True)


def bars(ax):
    return [p for c in ax.containers if isinstance(c, BarContainer) for p in c]


def test_prob_best_draws_one_bar_per_option_largest_first(cmp):
    ax = plotting.plot_prob_best(cmp, lang="en")
    widths = [p.get_width() for p in bars(ax)]
    best = cmp.prob_best().sort_values(ascending=False)
    np.testing.assert_allclose(widths, best.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == list(best.index)
    assert ax.get_title(loc="left") == "Probability of being the best"
    plt.close("all")


def test_differences_are_a_histogram_of_the_paired_differences(cmp):
    _, given = plt.subplots()
    ax = plotting.plot_differences(cmp, "A", "B", ax=given)
    assert ax is given
    heights = [p.get_height() for p in bars(ax)]
    assert sum(heights) == pytest.approx(1.0)
    legend = ax.get_legend().get_texts()[0].get_text()
    assert legend.startswith("A beter in")
    assert "A min B" in ax.get_title(loc="left")
    # default: the two options with the highest expected NPV
    assert "min" in plotting.plot_differences(cmp).get_title(loc="left")
    plt.close("all")


def test_evppi_bars_use_parameter_labels_and_mark_the_evpi(cmp):
    table = cmp.evppi_table()
    ax = plotting.plot_evppi(cmp, table=table)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Effect op opvang"  # x is worth most
    assert len(bars(ax)) == len(table)
    assert any("EVPI" in t.get_text() for t in ax.get_legend().get_texts())
    with pytest.raises(SpecificationError, match="no column"):
        plotting.plot_evppi(cmp, table=table, stakeholder="Onbekend")
    plt.close("all")


def test_evppi_of_a_monte_carlo_run():
    m = one_year("M", [Parameter(name="x", value=0.0, dist=Normal(0, 1)),
                       Parameter(name="y", value=0.0, dist=Normal(0, 1))],
                 [Stream(name="S", kind="benefit", stakeholder="Gemeente",
                         amount="1000 * x + 10 * y - 100")])
    mc = sensitivity.monte_carlo(m, 5000, rng=1)
    ax = plotting.plot_evppi(mc, stakeholder="Gemeente", lang="en")
    assert "decision of Gemeente" in ax.get_title(loc="left")
    assert bars(ax)[0].get_width() > bars(ax)[1].get_width()
    plt.close("all")


def test_portfolio_bars_show_the_chosen_mix():
    models = [fixed("A", 100, 240), fixed("B", 60, 140), fixed("C", 50, 115)]
    pf = portfolio(models, budget=110, stakeholder="Gemeente", n_draws=20, rng=1)
    ax = plotting.plot_portfolio(pf)
    colors = [p.get_facecolor() for p in bars(ax)]
    chosen = pf.to_frame()["chosen"].to_numpy()
    assert len({c for c, k in zip(colors, chosen, strict=True) if k}) == 1
    assert colors[0] != colors[1]  # A not chosen, B chosen
    notes = [t.get_text() for t in ax.texts]
    assert any("in beste mix: 100%" in n for n in notes)
    ax = plotting.plot_portfolio_saldo(pf)
    assert sum(p.get_height() for p in bars(ax)) == pytest.approx(1.0)
    base = portfolio(models, budget=110, stakeholder="Gemeente")
    with pytest.raises(MkbaTypeError, match="n_draws"):
        plotting.plot_portfolio_saldo(base)
    plt.close("all")


def test_charts_refuse_other_objects():
    with pytest.raises(MkbaTypeError):
        plotting.plot_prob_best(object())
    with pytest.raises(MkbaTypeError):
        plotting.plot_portfolio(object())


def test_differences_that_never_vary_still_draw_one_bar():
    x = Parameter(name="x", value=0.5, dist=Uniform(0, 1))
    a = one_year("A", [x], [Stream(name="S", kind="benefit", stakeholder="G", amount="x * 10")])
    b = one_year("B", [x], [Stream(name="S", kind="benefit", stakeholder="G",
                                   amount="x * 10 + 1")])
    ax = plotting.plot_differences(compare([a, b], 300, rng=1), "B", "A")
    heights = [p.get_height() for p in bars(ax)]
    assert max(heights) == pytest.approx(1.0)  # every draw differs by exactly 1
    plt.close("all")


def test_model_names_are_escaped_in_html():
    x = Parameter(name="x", value=0.5, dist=Uniform(0, 1))
    a = one_year("A <&> b", [x], [Stream(name="S", kind="benefit", stakeholder="G",
                                         amount="x")])
    for res in (compare([a], 300, rng=1),
                portfolio([a], budget=1, stakeholder="G", n_draws=20, rng=1)):
        html = res._repr_html_()
        assert "A &lt;&amp;&gt; b" in html and "A <&> b" not in html
