"""People flows: Cohort objects, their validation, the recursion in the engine, and the
results built on it (occupancy, effects, the overview table)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from mkba import Cohort, Intervention, Model, Parameter, Stream, sensitivity
from mkba.distributions import PERT, Beta, Dirichlet, Normal, Uniform
from mkba.errors import FormulaError, MkbaError, SpecificationError


def model(*cohorts: Cohort, streams=(), params=(), reference=None, horizon=3, **kw) -> Model:
    streams = list(streams) or [
        Stream(name="x", kind="cost", stakeholder="G", amount=f"{cohorts[0].states[0]}")
    ]
    return Model(name="m", start_year=2025, horizon=horizon, discount=0.0,
                 parameters=list(params), reference=reference,
                 project=Intervention(name="P", cohorts=list(cohorts), streams=streams), **kw)


def shelter(p_out: str = "0.5", counting: str = "start", **kw) -> Cohort:
    return Cohort(name="groep", states=("opvang", "woning"), start={"opvang": 100},
                  transitions={("opvang", "woning"): p_out}, counting=counting, **kw)


# -- the object ------------------------------------------------------------------------


def test_a_cohort_is_frozen_and_pickles() -> None:
    c = shelter()
    with pytest.raises(AttributeError):
        c.name = "other"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(c)) == c


def test_transition_matrix_has_the_rest_of_each_row_on_the_diagonal() -> None:
    c = Cohort(name="g", states=("A", "B", "C"), start={"A": 1},
               transitions={("A", "B"): 0.2, ("A", "C"): 0.3, ("C", "A"): 0.1})
    np.testing.assert_allclose(c.transition_matrix(),
                               [[0.5, 0.2, 0.3], [0.0, 1.0, 0.0], [0.1, 0.0, 0.9]])
    assert shelter("p").transition_matrix() is None  # a parameter: known only per draw


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"states": ()}, "at least one state"),
        ({"states": ("A", "A")}, "more than once"),
        ({"states": ("A", "t")}, "reserved"),
        ({"states": ("A", "2B")}, "not a valid name"),
        ({"start": {"X": 1}}, "not one of its states"),
        ({"start": {"A": "10 * t"}}, "uses t or year"),
        ({"start": {"A": -5}}, "cannot be negative"),
        ({"inflow": {"A": -1}}, "cannot be negative"),
        ({"transitions": {("A", "A"): 0.1}}, "stays in place"),
        ({"transitions": {("A", "Z"): 0.1}}, "not one of its states"),
        ({"transitions": {"A": 0.1}}, "must be a pair"),
        ({"transitions": {("A", "B"): 1.5}}, "not between 0 and 1"),
        ({"transitions": {("A", "B"): 0.6, ("A", "C"): 0.5}}, "sum to 1.1"),
        ({"transitions": {("A", "*"): "rij", ("A", "B"): 0.1}}, "one or the other"),
        ({"transitions": {("A", "*"): "rij * 2"}}, "name of a parameter"),
        ({"counting": "midden"}, "not one of"),
    ],
)
def test_impossible_cohorts_are_refused_with_the_reason(kwargs, match) -> None:
    args = {"name": "g", "states": ("A", "B", "C"), "start": {"A": 1}} | kwargs
    with pytest.raises(SpecificationError, match=match):
        Cohort(**args)


def test_the_message_names_the_cohort_and_the_row() -> None:
    with pytest.raises(SpecificationError, match=r"cohort 'rij'.*row 'A'"):
        Cohort(name="rij", states=("A", "B", "C"), start={"A": 1},
               transitions={("A", "B"): 0.7, ("A", "C"): 0.6})


# -- the model around it ---------------------------------------------------------------


def test_a_state_name_is_usable_in_the_streams_of_its_own_intervention_only() -> None:
    other = Intervention(name="Nul", streams=[
        Stream(name="x", kind="cost", stakeholder="G", amount="opvang")])
    with pytest.raises(FormulaError, match="unknown parameter 'opvang'"):
        model(shelter(), reference=other)


def test_a_state_may_not_be_in_two_cohorts_of_one_intervention() -> None:
    with pytest.raises(SpecificationError, match="state 'opvang' is in cohorts"):
        Intervention(name="P", cohorts=[shelter(), Cohort(name="twee", states=("opvang",))])


def test_entering_and_leaving_need_a_state_and_are_not_for_transitions() -> None:
    with pytest.raises(SpecificationError, match="names no state"):
        model(shelter(), streams=[Stream(name="x", kind="cost", stakeholder="G",
                                         amount="entering(n)")],
              params=[Parameter(name="n", value=1)])
    with pytest.raises(FormulaError, match="takes names"):
        model(shelter(), streams=[Stream(name="x", kind="cost", stakeholder="G",
                                         amount="leaving(opvang * 2)")])
    c = Cohort(name="g", states=("A", "B"), start={"A": 1},
               transitions={("A", "B"): "0.1 * entering(A)"})
    with pytest.raises(SpecificationError, match="parameters and t only"):
        model(c)


def test_a_probability_parameter_whose_distribution_leaves_0_1_is_refused_with_a_hint() -> None:
    for dist in (Uniform(0.5, 1.5), Normal(0.5, 0.1), PERT(-0.1, 0.2, 0.5)):
        with pytest.raises(SpecificationError, match=r"can leave \[0, 1\].*Beta"):
            model(shelter("p"), params=[Parameter(name="p", value=0.5, dist=dist)])
    model(shelter("p"), params=[Parameter(name="p", value=0.5, dist=Beta(5, 5))])


def test_an_impossible_base_case_is_refused_when_the_model_is_built() -> None:
    with pytest.raises(SpecificationError, match=r"cohort 'groep'.*year 2025.*p=1.2"):
        model(shelter("p"), params=[Parameter(name="p", value=1.2)])
    with pytest.raises(SpecificationError, match="persons must be finite and >= 0"):
        model(Cohort(name="g", states=("A",), start={"A": "n"}),
              params=[Parameter(name="n", value=-3)])


def test_a_drawn_probability_outside_0_1_names_the_cohort_row_year_and_draw() -> None:
    # p * 2 with p ~ Uniform(0.3, 0.7): half the draws give more than 1; nothing clipped
    m = model(shelter("p * 2"), params=[Parameter(name="p", value=0.4, dist=Uniform(0.3, 0.7))])
    with pytest.raises(MkbaError, match=r"cohort 'groep'.*row 'opvang'.*in year 2025.*p=0\.[5-7]"):
        sensitivity.monte_carlo(m, 500, rng=1)


def test_a_row_of_shares_is_used_whole_or_through_share() -> None:
    row = Parameter(name="uit", dist=Dirichlet({"opvang": 5, "woning": 5}))
    bare = Stream(name="x", kind="cost", stakeholder="G", amount="uit * 2")
    with pytest.raises(SpecificationError, match=r"row of shares.*share\(uit, woning\)"):
        model(shelter(), streams=[bare], params=[row])
    bad = Stream(name="x", kind="cost", stakeholder="G", amount="share(uit, straat)")
    with pytest.raises(SpecificationError, match="'straat' is not a target"):
        model(shelter(), streams=[bad], params=[row])
    scalar = Stream(name="x", kind="cost", stakeholder="G", amount="share(n, woning)")
    with pytest.raises(SpecificationError, match="'n' is not one"):
        model(shelter(), streams=[scalar], params=[row, Parameter(name="n", value=1)])
    c = Cohort(name="g", states=("A", "B"), start={"A": 1}, transitions={("A", "*"): "uit"})
    with pytest.raises(SpecificationError, match=r"targets \['opvang', 'woning'\] are not"):
        model(c, params=[row])


# -- the recursion ---------------------------------------------------------------------


def test_the_recursion_matches_a_matrix_product_for_a_time_dependent_matrix() -> None:
    # probabilities that change with t and a parameter; compare with x_{t+1} = x_t P(t)
    c = Cohort(name="g", states=("A", "B", "C"), start={"A": 70, "C": 30},
               inflow={"B": "5 * ramp(t, 3)"}, counting="start",
               transitions={("A", "B"): "p * ramp(t, 4)", ("B", "C"): "0.1 + 0.02 * t",
                            ("C", "A"): "0.05"})
    m = model(c, params=[Parameter(name="p", value=0.4)], horizon=8)
    occ = m.evaluate().occupancy()
    x = np.array([70.0, 5 / 3, 30.0])
    for t in range(8):
        got = occ[occ["t"] == t].set_index("state")["persons"][["A", "B", "C"]].to_numpy()
        np.testing.assert_allclose(got, x, rtol=1e-12)
        a, b = 0.4 * min((t + 1) / 4, 1), 0.1 + 0.02 * t
        P = np.array([[1 - a, a, 0], [0, 1 - b, b], [0.05, 0, 0.95]])
        x = x @ P + np.array([0.0, 5 * min((t + 2) / 3, 1), 0.0])


def test_entering_counts_inflow_and_moves_but_not_the_start() -> None:
    c = Cohort(name="g", states=("A", "B"), start={"A": 100, "B": 50},
               inflow={"B": 10}, transitions={("A", "B"): 0.2}, counting="end")
    occ = model(c).evaluate().occupancy().set_index(["state", "t"])
    # year 0: B gets its inflow of 10 and 20 from A; the 50 at the start do not enter
    assert occ.loc[("B", 0), "entering"] == pytest.approx(30.0)
    assert occ.loc[("A", 0), "leaving"] == pytest.approx(20.0)
    assert occ.loc[("B", 0), "leaving"] == 0.0
    # end of year 0: B = 50 + 10 + 20 = 80
    assert occ.loc[("B", 0), "persons"] == pytest.approx(80.0)


def test_life_table_counting_is_the_mean_of_start_and_end() -> None:
    r = {k: model(shelter(counting=k)).evaluate().occupancy()["persons"].to_numpy()
         for k in ("start", "end", "life-table")}
    np.testing.assert_allclose(r["life-table"], (r["start"] + r["end"]) / 2, rtol=1e-15)


def test_a_dirichlet_row_moves_persons_by_its_shares() -> None:
    row = Parameter(name="uit", dist=Dirichlet({"A": 2, "B": 1, "C": 1}),
                    value={"A": 0.5, "B": 0.3, "C": 0.2})
    c = Cohort(name="g", states=("A", "B", "C"), start={"A": 100}, counting="end",
               transitions={("A", "*"): "uit"})
    m = model(c, params=[row], horizon=2)
    occ = m.evaluate().occupancy().set_index(["state", "t"])["persons"]
    assert occ[("B", 0)] == pytest.approx(30.0)
    assert occ[("C", 1)] == pytest.approx(20.0 + 50 * 0.2)
    # an override of the whole row, and of one share
    over = m.evaluate({"uit": {"A": 0.0, "B": 1.0, "C": 0.0}}).occupancy()
    assert over.set_index(["state", "t"])["persons"][("B", 0)] == pytest.approx(100.0)
    with pytest.raises(SpecificationError, match="sum to 1"):
        m.evaluate({"uit": {"A": 0.5, "B": 0.5, "C": 0.5}})


def test_cohort_results_do_not_depend_on_the_chunk_size() -> None:
    row = Parameter(name="uit", dist=Dirichlet({"opvang": 6, "woning": 4}))
    c = Cohort(name="groep", states=("opvang", "woning"), start={"opvang": "n"},
               inflow={"opvang": "n / 10"}, transitions={("opvang", "*"): "uit",
                                                          ("woning", "opvang"): "terug"})
    m = model(c, params=[row, Parameter(name="n", value=50, dist=Uniform(40, 60)),
                         Parameter(name="terug", value=0.1, dist=Beta(2, 18))],
              streams=[Stream(name="Opvang", kind="cost", stakeholder="G",
                              amount="opvang * 100 + entering(woning) * 5")], horizon=12)
    runs = [sensitivity.monte_carlo(m, 5000, rng=4, chunk_size=size) for size in (100, 999, 8192)]
    for other in runs[1:]:
        assert np.array_equal(runs[0].pv, other.pv)
    summary = sensitivity.monte_carlo(m, 5000, rng=4, keep="summary")
    assert summary.summary().loc["npv", "mean"] == pytest.approx(runs[0].npv.mean(), rel=1e-12)


# -- results ---------------------------------------------------------------------------


def netting_model() -> Model:
    def alt(name: str, p: str) -> Intervention:
        return Intervention(name=name, cohorts=[shelter(p)], streams=[
            Stream(name="Opvang", kind="cost", stakeholder="Gemeente", amount="opvang * 10")])

    return Model(name="netting", start_year=2025, horizon=2, discount=0.0,
                 project=alt("Project", "0.5"), reference=alt("Nul", "0.1"))


def test_effects_are_person_years_per_state_in_both_alternatives() -> None:
    e = netting_model().evaluate().effects().set_index("state")
    # project: opvang 100 + 50; reference 100 + 90; woning 0 + 50 against 0 + 10
    assert e.loc["opvang", ["project", "reference", "difference"]].tolist() == [150, 190, -40]
    assert e.loc["woning", "difference"] == pytest.approx(40.0)


def test_the_overview_table_starts_with_the_physical_effects() -> None:
    t = netting_model().evaluate().table("nl")
    assert list(t["onderdeel"].head(2)) == ["Effecten", "Effecten"]
    assert t.loc[0, "waarde"] == pytest.approx(-40.0)
    assert "persoonjaren opvang" in t.loc[0, "toelichting"]
    assert "Effects" in set(netting_model().evaluate().table("en")["section"])


def test_a_model_without_cohorts_has_empty_occupancy_and_effects() -> None:
    m = Model(name="m", start_year=2025, horizon=2, discount=0.0, project=Intervention(
        name="P", streams=[Stream(name="x", kind="cost", stakeholder="G", amount="1")]))
    assert m.evaluate().occupancy().empty and m.evaluate().effects().empty
    assert "Effecten" not in set(m.evaluate().table()["onderdeel"])


def test_monte_carlo_occupancy_bands_bracket_the_median_and_need_kept_draws() -> None:
    m = model(shelter("p", counting="life-table"),
              params=[Parameter(name="p", value=0.3, dist=Beta(3, 7))], horizon=5)
    mc = sensitivity.monte_carlo(m, 2000, rng=1)
    occ = mc.occupancy()
    assert list(occ.columns) == ["alternative", "cohort", "state", "year", "t", "mean", "p5",
                                 "p50", "p95"]
    assert (occ["p5"] <= occ["p50"]).all() and (occ["p50"] <= occ["p95"]).all()
    # the median persons in opvang at t = 1: 100 (1 - p)(1 - p/2) at the median of p
    p50 = np.median(mc.draws["p"])
    got = occ[(occ["state"] == "opvang") & (occ["t"] == 1)]["p50"].item()
    assert got == pytest.approx(100 * (1 - p50) * (1 - p50 / 2), rel=1e-3)
    with pytest.raises(MkbaError, match="keep='summary'"):
        sensitivity.monte_carlo(m, 100, rng=1, keep="summary").occupancy()


def test_one_way_varies_a_row_of_shares_as_one_group() -> None:
    row = Parameter(name="uit", dist=Dirichlet({"opvang": 50, "woning": 50}))
    c = Cohort(name="groep", states=("opvang", "woning"), start={"opvang": 100},
               transitions={("opvang", "*"): "uit"}, counting="end")
    m = model(c, params=[row, Parameter(name="prijs", value=10, dist=Uniform(5, 15))],
              streams=[Stream(name="Opvang", kind="cost", stakeholder="G",
                              amount="opvang * prijs")], horizon=1)
    f = sensitivity.one_way(m).to_frame().set_index("parameter")
    assert np.isnan(f.loc["uit", "low"]) and np.isnan(f.loc["uit", "high"])
    # costs = 100 * share(opvang) * 10; share ~ Beta(50, 50): the 5%-95% swing is
    # 1000 * (q95 - q5) of Beta(50, 50), about 1000 * 0.164
    from scipy import stats

    q5, q95 = stats.beta(50, 50).ppf([0.05, 0.95])
    assert f.loc["uit", "swing"] == pytest.approx(1000 * (q95 - q5), rel=0.03)
    with pytest.raises(SpecificationError, match="takes no range"):
        sensitivity.one_way(m, ranges={"uit": (0, 1)})


def test_sobol_treats_a_row_of_shares_as_one_group() -> None:
    # NPV = 100 * share(B) + x: the row's group index is Var(100 share) / total
    row = Parameter(name="uit", dist=Dirichlet({"A": 2, "B": 2, "C": 4}))
    c = Cohort(name="g", states=("A", "B", "C"), start={"A": 100},
               transitions={("A", "*"): "uit"}, counting="end")
    m = model(c, params=[row, Parameter(name="x", value=0, dist=Uniform(-10, 10))],
              streams=[Stream(name="b", kind="benefit", stakeholder="G", amount="B + x")],
              horizon=1)
    var_row = 100**2 * (2 * 6) / (8**2 * 9)  # Beta(2, 6) variance, times 100^2
    var_x = 20**2 / 12
    f = sensitivity.sobol(m, n=4096, rng=1).to_frame().set_index("parameter")
    assert f.loc["uit", "S1"] == pytest.approx(var_row / (var_row + var_x), abs=0.03)
    assert f.loc["uit", "ST"] == pytest.approx(var_row / (var_row + var_x), abs=0.03)


def test_rows_of_shares_cannot_be_correlated_or_broken_even() -> None:
    row = Parameter(name="uit", dist=Dirichlet({"opvang": 5, "woning": 5}))
    m = model(Cohort(name="g", states=("opvang", "woning"), start={"opvang": 1},
                     transitions={("opvang", "*"): "uit"}),
              params=[row, Parameter(name="p", value=0.5, dist=Beta(2, 2))])
    with pytest.raises(SpecificationError, match="already drawn jointly"):
        sensitivity.monte_carlo(m, 10, rng=1, correlations={("uit", "p"): 0.3})
    with pytest.raises(MkbaError, match="row of shares"):
        sensitivity.break_even(m, "uit")
    sv = sensitivity.switching_values(m).summary()
    assert np.isnan(sv.loc["uit", "switching_value"]) and "row of shares" in sv.loc["uit", "note"]


def test_a_formula_that_leaves_0_1_gets_a_hint_about_the_formula_not_the_distribution() -> None:
    m = model(shelter("p * effect"), params=[Parameter(name="p", value=0.4, dist=Beta(4, 6)),
                                            Parameter(name="effect", value=1.5)])
    with pytest.raises(MkbaError, match=r"check the formula 'p \* effect'.*") as exc:
        m.evaluate({"p": 0.8})
    assert "in a draw" not in str(exc.value) and "p=0.8" in str(exc.value)


def test_person_years_in_the_printed_overview_have_one_decimal() -> None:
    from mkba.report.tables import overview_table

    t = overview_table(netting_model().evaluate(), "nl")
    effects = t[t["onderdeel"] == "Effecten"]["waarde"].tolist()
    assert effects == ["−40,0", "40,0"]


def test_the_overview_names_states_as_a_reader_writes_them() -> None:
    c = Cohort(name="groep", states=("in_opvang", "eigen_woning"), start={"in_opvang": 10},
               transitions={("in_opvang", "eigen_woning"): 0.5})
    m = Model(name="m", start_year=2025, horizon=2, discount=0.0,
              project=Intervention(name="P", cohorts=[c], streams=[
                  Stream(name="Opvang", kind="cost", stakeholder="G", amount="in_opvang")]))
    table = m.evaluate().table("nl")
    effects = table[table["onderdeel"] == "Effecten"]
    assert list(effects["post"]) == ["in opvang", "eigen woning"]
    assert effects["toelichting"].str.startswith("persoonjaren in opvang").iloc[0]
