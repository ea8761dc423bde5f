"""Comparing interventions on paired draws (common random numbers)."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from scipy.stats import norm

import mkba.decision
from mkba import Parameter, Stream, interventions, sensitivity
from mkba.decision import NULL, compare, shared_parameters
from mkba.distributions import PERT, Dirichlet, Normal, Uniform
from mkba.errors import SpecificationError, UnknownNameError
from tests.decision.models import one_year

X = Parameter(name="x", value=0.5, dist=Uniform(0, 1))
Y = Parameter(name="y", value=0.5, dist=Uniform(0, 1))


def a_b() -> list:
    a = one_year("A", [X], [Stream(name="S", kind="benefit", stakeholder="G", amount="x * 10")])
    b = one_year("B", [X, Y], [
        Stream(name="S", kind="benefit", stakeholder="G", amount="x * 10 + y"),
        Stream(name="T", kind="benefit", stakeholder="R", amount="y")])
    return [a, b]


def test_one_model_gets_exactly_the_draws_of_monte_carlo():
    m = interventions.load("wonen_bij_particulieren")
    mc = sensitivity.monte_carlo(m, 5000, rng=7)
    cmp = compare([m], 5000, rng=7)
    r = cmp.results[m.name]
    np.testing.assert_array_equal(r.npv, mc.npv)
    np.testing.assert_array_equal(r.stakeholder_net, mc.stakeholder_net)
    pd.testing.assert_frame_equal(r.draws, mc.draws)


def test_a_shared_parameter_has_one_draw_in_every_model():
    cmp = compare(a_b(), 3000, rng=1)
    np.testing.assert_array_equal(cmp.results["A"].draws["x"], cmp.results["B"].draws["x"])
    assert cmp.parameters == ["x", "y"]
    # B − A is y (stream S) + y (stream T), y drawn once: exactly twice the draws of y
    np.testing.assert_allclose(cmp.differences("B", "A"), 2 * cmp.draws["y"], atol=1e-12)
    assert cmp.prob_better("B", "A") == 1.0


def test_independent_parameters_are_drawn_per_model():
    cmp = compare(a_b(), 3000, rng=1, independent=["x"])
    assert cmp.parameters == ["A: x", "B: x", "y"]
    assert not np.array_equal(cmp.results["A"].draws["x"], cmp.results["B"].draws["x"])
    assert cmp.results["A"].draws.columns.tolist() == ["x"]  # each model keeps its names
    assert cmp.independent == ["x"]
    everything = compare(a_b(), 3000, rng=1, independent=True)
    assert everything.parameters == ["A: x", "B: x", "B: y"]
    # unpaired, B is no longer better in every draw
    assert 0.4 < everything.prob_better("B", "A") < 0.8


def test_a_name_with_two_distributions_is_refused_naming_both_and_the_fix():
    a = one_year("A", [Parameter(name="n", value=40, dist=PERT(20, 40, 60))],
                 [Stream(name="S", kind="benefit", stakeholder="G", amount="n")])
    b = one_year("B", [Parameter(name="n", value=5, dist=PERT(2, 5, 10))],
                 [Stream(name="S", kind="benefit", stakeholder="G", amount="n")])
    with pytest.raises(SpecificationError) as info:
        compare([a, b], 100, rng=1)
    text = str(info.value)
    for part in ("'n'", "'A'", "'B'", "PERT(20, 40, 60)", "PERT(2, 5, 10)", "independent=['n']"):
        assert part in text
    assert compare([a, b], 100, rng=1, independent=["n"]).n_draws == 100
    table = shared_parameters([a, b])
    assert not bool(table.loc["n", "same"])
    assert table.loc["n", "models"] == "A, B"


def test_unknown_independent_names_are_refused():
    with pytest.raises(UnknownNameError, match="Did you mean 'x'"):
        compare(a_b(), 100, rng=1, independent=["xx"])


def test_ties_share_the_probability_of_being_best():
    a, _ = a_b()
    twin = a.replace(name="A2")
    cmp = compare([a, twin], 1000, rng=2, include_null=True)
    best = cmp.prob_best()
    assert best["A"] == pytest.approx(0.5)
    assert best["A2"] == pytest.approx(0.5)
    assert best[NULL] == 0.0
    assert best.sum() == pytest.approx(1.0)


def test_the_rank_table_is_a_doubly_stochastic_matrix():
    cmp = compare(a_b(), 2000, rng=3, include_null=True)
    ranks = cmp.ranks()
    probs = ranks.drop(columns="mean_rank")
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    np.testing.assert_allclose(probs.sum(axis=0), 1.0)
    # B > A > 0 in every draw
    assert ranks.loc["B", "rank_1"] == 1.0
    assert ranks.loc[NULL, "mean_rank"] == 3.0
    expected = (probs * np.arange(1, 4)).sum(axis=1)
    np.testing.assert_allclose(ranks["mean_rank"], expected)


def test_per_stakeholder_a_model_without_the_stakeholder_counts_zero():
    cmp = compare(a_b(), 2000, rng=4)
    # only B has stakeholder R, with a net of y > 0
    assert cmp.prob_best("R")["B"] == 1.0
    np.testing.assert_array_equal(cmp.values("R")["A"], 0.0)
    table = cmp.prob_best_by_stakeholder()
    assert list(table.columns) == ["society", "G", "R"]
    np.testing.assert_allclose(table.sum(axis=0), 1.0)
    with pytest.raises(UnknownNameError, match="Did you mean 'G'"):
        cmp.prob_best("GG")
    with pytest.raises(UnknownNameError, match="Did you mean 'A'"):
        cmp.differences("AA", "B")


def normal_pair(include_null: bool = False):
    x = Parameter(name="x", value=0.0, dist=Normal(0, 1))
    y = Parameter(name="y", value=0.0, dist=Normal(0, 1))
    a = one_year("A", [x], [Stream(name="S", kind="benefit", stakeholder="G", amount="1000 * x")])
    b = one_year("B", [y], [Stream(name="S", kind="benefit", stakeholder="G", amount="1000 * y")])
    return compare([a, b], 40_000, rng=5, include_null=include_null)


def test_the_value_of_information_of_the_choice():
    cmp = normal_pair()
    # E[max(1000 x, 1000 y)] − max(0, 0) = 1000 / sqrt(π)
    assert cmp.evpi() == pytest.approx(1000 / math.sqrt(math.pi), rel=0.02)
    # knowing x: take A when 1000 x > E[1000 y] = 0, so E[max(1000 x, 0)] = 1000 φ(0)
    assert cmp.evppi("x") == pytest.approx(1000 * norm.pdf(0), rel=0.03)
    table = cmp.evppi_table(groups={"beide": ["x", "y"]})
    assert table.loc["beide", "society"] == pytest.approx(cmp.evpi(), rel=0.02)
    assert list(table.columns) == ["society", "G"]
    # one fit for every decision gives what a fit per decision gives
    assert table.loc["x", "society"] == pytest.approx(cmp.evppi("x"), rel=1e-9)
    assert table.loc["y", "G"] == pytest.approx(cmp.evppi("y", stakeholder="G"), rel=1e-9)


def test_the_null_option_changes_the_decision_value():
    # with "fund none" in the choice: E[max(1000 x, 1000 y, 0)] − 0
    cmp = normal_pair(include_null=True)
    rng = np.random.default_rng(0)
    z = rng.normal(size=(400_000, 2))
    truth = float(np.maximum(z.max(axis=1), 0).mean() * 1000)
    assert cmp.evpi() == pytest.approx(truth, rel=0.02)
    assert NULL in cmp.names


def test_a_row_of_shares_is_one_parameter_in_the_comparison():
    row = Parameter(name="uit", dist=Dirichlet({"a": 6, "b": 4}))
    a = one_year("A", [row], [Stream(name="S", kind="benefit", stakeholder="G",
                                     amount="1000 * share(uit, a) - 600")])
    b = one_year("B", [row], [Stream(name="S", kind="benefit", stakeholder="G",
                                     amount="1000 * share(uit, b) - 400")])
    cmp = compare([a, b], 20_000, rng=6)
    assert cmp.parameters == ["uit[a]", "uit[b]"]
    assert cmp.evppi("uit") == pytest.approx(cmp.evpi(), rel=0.03)
    assert list(cmp.evppi_table().index) == ["uit"]


def test_correlations_and_samplers_work_on_the_union():
    cmp = compare(a_b(), 4096, rng=7, sampler="sobol", correlations={("x", "y"): 0.8})
    d = cmp.draws
    assert d.corr(method="spearman").loc["x", "y"] == pytest.approx(0.8, abs=0.05)
    assert cmp.sampler == "sobol"
    assert cmp.results["B"].correlations == {("x", "y"): 0.8}
    with pytest.raises(UnknownNameError):
        compare(a_b(), 100, rng=7, correlations={("x", "q"): 0.5})


def test_the_same_seed_gives_the_same_comparison():
    one = compare(a_b(), 5000, rng=9, chunk_size=1000)
    two = compare(a_b(), 5000, rng=one.seed)
    pd.testing.assert_frame_equal(one.values(), two.values())


def test_models_must_have_distinct_names_and_one_price_year():
    a, b = a_b()
    with pytest.raises(SpecificationError, match="more than once"):
        compare([a, a], 10, rng=1)
    with pytest.raises(SpecificationError, match="price years"):
        compare([a, b.replace(price_year=2024)], 10, rng=1)
    with pytest.raises(SpecificationError, match="Nulalternatief"):
        compare([a.replace(name=NULL)], 10, rng=1, include_null=True)


def test_the_result_contract():
    cmp = compare(a_b(), 2000, rng=10, include_null=True)
    frame = cmp.to_frame()
    assert list(frame.columns[:5]) == ["draw", "model", "npv", "pv_costs", "pv_benefits"]
    assert {"net_G", "net_R"} <= set(frame.columns)
    assert len(frame) == 3 * 2000
    summary = cmp.summary()
    assert list(summary.index) == ["A", "B", NULL]
    assert {"mean", "prob_best", "mean_rank", "prob_positive"} <= set(summary.columns)
    assert summary.loc["B", "mean"] == pytest.approx(cmp.results["B"].npv.mean())
    for kind in cmp.plot_kinds:
        assert isinstance(cmp.plot(kind), Axes)
    html = cmp._repr_html_()
    assert "<table" in html and "A, B" in html
    assert "'A, B'" in repr(cmp)
    assert (cmp.metric, cmp.n_draws, cmp.seed) == ("npv", 2000, 10)
    back = pickle.loads(pickle.dumps(cmp))
    pd.testing.assert_frame_equal(back.summary(), summary)
    with pytest.raises(SpecificationError):
        cmp.plot("tornado")


def test_the_built_in_models_can_be_compared():
    models = [interventions.load(n) for n in interventions.names()]
    table = shared_parameters(models)
    clash = list(table.index[~table["same"].astype(bool)])
    cmp = mkba.decision.compare(models, 500, rng=1, independent=clash)
    assert cmp.prob_best().sum() == pytest.approx(1.0)
    assert set(cmp.names) == {m.name for m in models}
