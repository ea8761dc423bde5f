"""The best mix of interventions within a budget, checked against enumeration."""

from __future__ import annotations

import itertools
import pickle

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from mkba import Parameter, Stream, interventions
from mkba.decision import _optimise, portfolio, stakeholder_costs
from mkba.decision._optimise import best_mix, best_mix_per_draw
from mkba.distributions import Normal, Uniform
from mkba.engine import compile_model
from mkba.errors import SpecificationError, UnknownNameError
from tests.decision.models import fixed, one_year

SPECS = {"A": (100, 240, "Gemeente"), "B": (60, 140, "Gemeente"), "C": (50, 115, "Gemeente"),
         "D": (30, 20, "Gemeente"), "E": (500, 520, "Rijk")}


def enumerate_best(values, costs, budget, groups):
    """The best mix by trying every subset (at most one per group)."""
    k = len(values)
    best, best_value = (), 0.0
    for size in range(k + 1):
        for combo in itertools.combinations(range(k), size):
            if len({groups[i] for i in combo}) < len(combo):
                continue
            if sum(costs[i] for i in combo) <= budget + 1e-9:
                v = sum(values[i] for i in combo)
                if v > best_value + 1e-9:
                    best, best_value = combo, v
    return set(best), best_value


def test_only_the_budget_holders_costs_count():
    models = [fixed(n, c, b, payer) for n, (c, b, payer) in SPECS.items()]
    pf = portfolio(models, budget=110, stakeholder="Gemeente")
    # greedy by ratio or by NPV would take A; E's cost falls on the Rijk
    assert set(pf.chosen) == {"B", "C", "E"}
    assert pf.npv == pytest.approx(80 + 65 + 20)
    assert pf.cost == pytest.approx(110)
    frame = pf.to_frame()
    assert list(frame.columns) == ["model", "intervention", "chosen", "npv", "cost"]
    assert frame.set_index("model").loc["E", "cost"] == 0.0
    assert pf.to_frame()["chosen"].dtype == bool


@pytest.mark.parametrize("seed", range(8))
def test_milp_finds_the_enumerated_optimum(seed):
    rng = np.random.default_rng(seed)
    k = 9
    values = rng.normal(20, 30, size=k)
    costs = rng.uniform(5, 60, size=k)
    groups = list(rng.integers(0, 6, size=k))
    budget = float(rng.uniform(40, 150))
    chosen = best_mix(values, costs, budget, groups)
    _, best_value = enumerate_best(values, costs, budget, groups)
    assert float(values[chosen].sum()) == pytest.approx(best_value, abs=1e-9)
    assert costs[chosen].sum() <= budget + 1e-9
    assert len({groups[i] for i in np.flatnonzero(chosen)}) == chosen.sum()


def test_per_draw_enumeration_agrees_with_milp(monkeypatch):
    rng = np.random.default_rng(3)
    n, k = 60, 6
    values = rng.normal(10, 20, size=(n, k))
    costs = rng.uniform(5, 50, size=(n, k))
    groups = [0, 0, 1, 2, 2, 3]
    enumerated = best_mix_per_draw(values, costs, 60.0, groups)
    monkeypatch.setattr(_optimise, "MAX_MIXES", 1)  # force one milp per draw
    solved = best_mix_per_draw(values, costs, 60.0, groups)
    np.testing.assert_allclose((values * enumerated).sum(axis=1), (values * solved).sum(axis=1),
                               atol=1e-9)


def test_sizes_of_one_intervention_are_funded_at_most_once():
    m = one_year("Project", [Parameter(name="n", value=10.0)], [
        Stream(name="K", kind="cost", stakeholder="Gemeente", amount="100 * n"),
        Stream(name="B", kind="benefit", stakeholder="Rijk", amount="150 * n")])
    pf = portfolio([m, fixed("Ander", 900, 1000)], budget=4500, stakeholder="Gemeente",
                   scales={"Project": {"n": [10, 20, 40]}})
    names = pf.to_frame()["model"].tolist()
    assert names == ["Project (n = 10)", "Project (n = 20)", "Project (n = 40)", "Ander"]
    assert pf.to_frame()["intervention"].tolist()[:3] == ["Project"] * 3
    # n = 40 costs 4000 and gains 2000; with the other (900, +100) it would not fit
    assert pf.chosen == ["Project (n = 40)"]
    with pytest.raises(SpecificationError, match="uncertain"):
        u = one_year("U", [Parameter(name="n", value=10.0, dist=Uniform(5, 15))],
                     [Stream(name="K", kind="cost", stakeholder="Gemeente", amount="n")])
        portfolio([u], budget=1, stakeholder="Gemeente", scales={"U": {"n": [1, 2]}})
    with pytest.raises(UnknownNameError, match="Did you mean 'Project'"):
        portfolio([m], budget=1, stakeholder="Gemeente", scales={"Projct": {"n": [1]}})


def test_a_mapping_gives_the_sizes_of_each_intervention():
    small, large = fixed("Klein", 50, 80), fixed("Groot", 100, 165)
    pf = portfolio({"Opvang": [small, large], "Ander": fixed("Ander", 60, 100)},
                   budget=160, stakeholder="Gemeente")
    assert set(pf.chosen) == {"Groot", "Ander"}
    pf = portfolio({"Opvang": [small, large], "Ander": fixed("Ander", 60, 100)},
                   budget=150, stakeholder="Gemeente")
    assert set(pf.chosen) == {"Klein", "Ander"}  # Groot + Ander costs 160 > 150


def test_the_budget_bases():
    m = one_year("T", [], [
        Stream(name="K", kind="cost", stakeholder="Gemeente", amount="100"),
        Stream(name="Besparing", kind="benefit", stakeholder="Gemeente", amount="30"),
        Stream(name="Uitkering", kind="transfer", stakeholder="Deelnemer", payer="Gemeente",
               amount="20"),
        Stream(name="B", kind="benefit", stakeholder="Rijk", amount="200")])
    cm = compile_model(m)
    pv = cm.pv(cm.matrix())
    assert stakeholder_costs(pv, cm.lines, "Gemeente", "costs")[0] == 100
    assert stakeholder_costs(pv, cm.lines, "Gemeente", "outlay")[0] == 120
    assert stakeholder_costs(pv, cm.lines, "Gemeente", "net")[0] == 100 - 30 + 20
    assert portfolio([m], budget=100, stakeholder="Gemeente").chosen == ["T"]
    assert portfolio([m], budget=100, stakeholder="Gemeente", basis="outlay").chosen == []
    assert portfolio([m], budget=90, stakeholder="Gemeente", basis="net").chosen == ["T"]


def test_costs_match_the_stakeholder_table_of_a_built_in_model():
    m = interventions.load("housing_first")
    cm = compile_model(m)
    pv = cm.pv(cm.matrix())
    table = m.evaluate().by_stakeholder()
    for who in table.index:
        assert stakeholder_costs(pv, cm.lines, who)[0] == pytest.approx(table.loc[who, "costs"])


def test_an_objective_stakeholder_maximises_its_own_net():
    a = one_year("A", [], [Stream(name="K", kind="cost", stakeholder="Gemeente", amount="50"),
                           Stream(name="B", kind="benefit", stakeholder="Rijk", amount="500")])
    b = one_year("B", [], [Stream(name="K", kind="cost", stakeholder="Gemeente", amount="50"),
                           Stream(name="B", kind="benefit", stakeholder="Gemeente", amount="60")])
    assert portfolio([a, b], budget=50, stakeholder="Gemeente").chosen == ["A"]
    pf = portfolio([a, b], budget=50, stakeholder="Gemeente", objective="Gemeente")
    assert pf.chosen == ["B"]
    assert pf.value == pytest.approx(10)
    assert "value" in pf.to_frame().columns


def uncertain_models():
    price = Parameter(name="prijs", value=1.0, dist=Normal(1.0, 0.3))
    return [
        one_year("A", [price], [
            Stream(name="K", kind="cost", stakeholder="Gemeente", amount="100"),
            Stream(name="B", kind="benefit", stakeholder="Rijk", amount="150 * prijs")]),
        one_year("B", [price, Parameter(name="e", value=0.0, dist=Normal(0, 40))], [
            Stream(name="K", kind="cost", stakeholder="Gemeente", amount="80"),
            Stream(name="B", kind="benefit", stakeholder="Rijk", amount="110 * prijs + e")]),
        fixed("C", 60, 70),
    ]


def test_with_draws_the_mix_is_chosen_on_expected_values_and_reoptimised_per_draw():
    pf = portfolio(uncertain_models(), budget=150, stakeholder="Gemeente", n_draws=4000, rng=1)
    # expected: A +50, B +30, C +10; A + C fits (160 > 150 does not): A alone or B + C
    assert pf.chosen == ["A"]
    assert pf.saldo is not None and pf.optimal_saldo is not None
    np.testing.assert_allclose(pf.saldo, 150 * pf_draws(pf, "prijs") - 100, atol=1e-9)
    # costs are fixed, so the mix re-optimised per draw is never worse than the chosen one
    assert (pf.optimal_saldo >= pf.saldo - 1e-9).all()
    assert pf.prob_within_budget() == 1.0
    prob = pf.prob_chosen
    assert prob is not None and ((prob >= 0) & (prob <= 1)).all()
    assert prob["A"] > 0.5 and prob["C"] > 0
    assert "prob_chosen" in pf.to_frame().columns


def pf_draws(pf, name):
    from mkba.decision._paired import run_paired

    paired = run_paired(list(pf.models), pf.n_draws, pf.seed)
    return paired.results["A"].draws[name].to_numpy()


def test_fixed_models_with_draws_choose_the_same_as_without():
    models = [fixed(n, c, b, payer) for n, (c, b, payer) in SPECS.items()]
    pf = portfolio(models, budget=110, stakeholder="Gemeente", n_draws=50, rng=2)
    assert set(pf.chosen) == {"B", "C", "E"}
    np.testing.assert_allclose(pf.prob_chosen.to_numpy(), pf.to_frame()["chosen"].astype(float))
    np.testing.assert_allclose(pf.saldo, 165.0)


def test_bad_budgets_and_names_are_refused():
    models = [fixed("A", 10, 20)]
    for budget in (-1, float("nan"), "veel", True):
        with pytest.raises(SpecificationError):
            portfolio(models, budget=budget, stakeholder="Gemeente")
    with pytest.raises(UnknownNameError, match="Did you mean 'Gemeente'"):
        portfolio(models, budget=10, stakeholder="Gemeent")
    with pytest.raises(SpecificationError, match="basis"):
        portfolio(models, budget=10, stakeholder="Gemeente", basis="bruto")


def test_the_result_contract():
    pf = portfolio(uncertain_models(), budget=150, stakeholder="Gemeente", n_draws=500, rng=3)
    assert isinstance(pf.summary(), pd.DataFrame)
    assert {"budget", "cost", "npv", "prob_within_budget", "saldo_p5"} <= set(pf.summary().index)
    for kind in pf.plot_kinds:
        assert isinstance(pf.plot(kind), Axes)
    html = pf._repr_html_()
    assert "<table" in html and "A, B, C" in html
    assert "'A, B, C'" in repr(pf) and "fund A" in repr(pf)
    assert (pf.metric, pf.n_draws, pf.seed) == ("npv", 500, 3)
    back = pickle.loads(pickle.dumps(pf))
    pd.testing.assert_frame_equal(back.to_frame(), pf.to_frame())
    base = portfolio(uncertain_models(), budget=150, stakeholder="Gemeente")
    assert base.n_draws is None and base.saldo is None and base.prob_chosen is None
    assert isinstance(base.plot(), Axes)
