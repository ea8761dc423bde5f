"""The built-in model *jongerenregisseur*: its counterfactual, effect chain and accounts."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pytest

from mkba import interventions
from mkba.formula import parse
from mkba.interventions import jongerenregisseur
from mkba.model import Model, Stream

NAME = "jongerenregisseur"
EFFECTS = ("effect_start", "effect_uitstroom", "effect_behoud", "effect_inkomen",
           "effect_uitval", "effect_werk")
HOMELESS = ("logeren", "opvang", "straat")


@cache
def model() -> Model:
    return interventions.load(NAME)


def pv(m: Model, values: dict[str, float] | None = None) -> dict[str, float]:
    frame = m.evaluate(values).to_frame()
    return dict(zip(frame["stream"], frame["pv"], strict=True))


def streams(m: Model) -> list[Stream]:
    return list(m.project.streams) + list(m.reference.streams if m.reference else [])


def difference(values: dict[str, float] | None = None) -> dict[str, float]:
    """Person-years per state, project minus nulalternatief, over the horizon."""
    eff = model().evaluate(values).effects()
    return dict(zip(eff["state"], eff["difference"], strict=True))


def test_the_module_is_a_built_in_model_with_its_story():
    assert NAME in interventions.names()
    assert jongerenregisseur.build() == interventions.load(NAME)
    assert jongerenregisseur.model is jongerenregisseur.build
    for section in ("People", "Nulalternatief", "Effect chain"):
        assert section in (jongerenregisseur.__doc__ or "")
    m = model()
    assert (m.start_year, m.price_year, m.horizon, m.participants) == (2026, 2025, 10,
                                                                        "deelnemers")


def test_every_parameter_used_exists_and_every_parameter_is_used():
    m = model()
    used: set[str] = set()
    for s in streams(m):
        assert isinstance(s.amount, str)
        used |= parse(s.amount, context=s.name).names
    for alternative in (m.project, m.reference):
        assert alternative is not None
        for c in alternative.cohorts:
            used |= c.names
    states = set(m.project.states)
    declared = {p.name for p in m.parameters}
    assert used - declared - states == set()
    assert declared - used == set()


def test_every_parameter_is_sourced_graded_and_uncertain_where_it_is_an_estimate():
    m = model()
    for p in m.parameters:
        assert p.unit and len(p.source) >= 8 and p.grade in {"A", "B", "C"}, p.name
        if p.source.startswith("Aanname"):
            assert p.grade == "C", p.name
        assert ("eur" in p.unit.lower()) == (p.price_year is not None), p.name
    certain = {p.name for p in m.parameters if p.dist is None}
    # only the scale, the fixed rules of the shared data and the statutory youth wage are
    # certain
    assert certain <= {"deelnemers", "bijstandsnorm_maand", "uren_per_fte",
                       "kostendelerskorting", "jeugdloon_18", "jeugdloon_19", "jeugdloon_20"}
    for name in EFFECTS:
        assert model().parameter(name).grade == "C"


def test_both_alternatives_follow_the_same_jaargang_in_both_cohorts():
    occ = model().evaluate().occupancy()
    totals = occ.groupby(["alternative", "cohort", "t"])["persons"].sum()
    # no instroom after the first year and no one leaves: 50 persons in every year
    assert np.allclose(totals.to_numpy(), model().parameter("deelnemers").value)
    assert set(occ["cohort"]) == {"jongeren: wonen", "jongeren: inkomen"}


def test_the_nulalternatief_starts_where_care_leavers_go_at_18():
    m = model()
    start = m.parameter("start_wonen_nul").value
    # a fifth of those who must leave a group become dak- of thuisloos (Het Vergeten Kind)
    assert sum(start[s] for s in HOMELESS) == pytest.approx(0.20)
    occ = m.evaluate().occupancy()
    year0 = occ[(occ["alternative"] == "reference") & (occ["t"] == 0)].set_index("state")
    # entering logeren in year 0 = instroom 50 * 0.14 plus moves during the year from
    # thuis (25 * p_thuis_logeren 0.08) and from a room (15 * p_woonverlies_nul 0.10)
    assert year0.loc["logeren", "entering"] == pytest.approx(7 + 2 + 1.5)
    # with the regisseur: 30% of the 7 start in a room instead (4.9 left), and a room is
    # lost less often (18 rooms * 0.10 * (1 - 0.3)) = 2 + 1.26
    project0 = occ[(occ["alternative"] == "project") & (occ["t"] == 0)].set_index("state")
    assert project0.loc["logeren", "entering"] == pytest.approx(4.9 + 2 + 1.26)


@pytest.mark.filterwarnings("ignore:.*lies outside its distribution")
def test_without_its_effects_the_project_moves_people_as_the_nulalternatief():
    none = dict.fromkeys(EFFECTS, 0.0)
    assert max(abs(v) for v in difference(none).values()) < 1e-9
    moved = difference()
    assert sum(moved[s] for s in HOMELESS) < -10  # person-years dak- of thuisloos avoided
    assert moved["eigen_woonruimte"] > 10
    assert moved["geen_inkomen"] < 0 < moved["werk"]


@pytest.mark.filterwarnings("ignore:.*lies outside its distribution")
def test_the_effects_last_only_while_the_regie_runs():
    # without regie time only the arrangements made before 18 remain; the yearly moves
    # are those of the nulalternatief, and the regie costs nothing
    values = {"duur_regie": 0.0, "effect_start": 0.0, "effect_inkomen": 0.0}
    assert max(abs(v) for v in difference(values).values()) < 1e-9
    assert pv(model(), values)["Jongerenregisseur"] == pytest.approx(0.0, abs=1e-9)
    # a longer regie moves more people out of homelessness
    short, long_ = difference({"duur_regie": 1.5}), difference({"duur_regie": 5.0})
    assert sum(long_[s] for s in HOMELESS) < sum(short[s] for s in HOMELESS)


@pytest.mark.filterwarnings("ignore:.*lies outside its distribution")
def test_no_draw_can_push_a_row_of_moves_above_one():
    # every effect at its largest and every probability at the top of its range: the
    # effects act on the share that would otherwise stay, so the rows stay valid
    m = model()
    extreme = {name: 1.0 for name in EFFECTS}
    extreme.update({p.name: p.dist.support[1] for p in m.parameters
                    if p.name.startswith("p_") and p.dist is not None})
    result = m.evaluate(extreme)
    assert np.isfinite(result.npv)
    occ = result.occupancy()
    assert (occ["persons"] >= -1e-9).all()


def test_the_regisseur_is_costed_from_caseload_and_wage_by_hand():
    # per year while the regie runs (t = 0, 1, 2 with duur_regie = 3):
    # 50 / 20 regisseurs * 24.80 EUR/hour (2024, times the CPI factor to 2025)
    # * 1872 hours * (1 + 0.5) employer's charges * (1 + 0.2) overhead
    m = model()
    r = m.evaluate()
    factor = m.price_factor(m.parameter("uurloon_regisseur"))
    yearly = 50 / 20 * 24.80 * factor * 1872 * 1.5 * 1.2
    flows = r.flows().query("stream == 'Jongerenregisseur'").sort_values("t")
    expected = np.where(flows["t"] < 3, yearly, 0.0)
    assert flows["amount"].to_numpy() == pytest.approx(expected, rel=1e-12)
    assert flows["pv"].sum() == pytest.approx(
        yearly * (1 + 1 / 1.028 + 1 / 1.028 ** 2), rel=1e-9)  # NL 2025: 2.8%, start of year
    # about 12,600 euro per young person over three years
    assert 10_000 < flows["pv"].sum() / 50 < 14_000


@pytest.mark.filterwarnings("ignore:.*lies outside its distribution")
def test_shelter_is_cash_for_the_gemeente_only_where_capacity_closes():
    m = model()

    def shelter(share: float) -> float:
        frame = m.evaluate({"capaciteit_afgebouwd": share}).to_frame()
        lines = frame[(frame["category"] == "Opvang") & (frame["stakeholder"] == "Gemeente")
                      & (frame["kind"] != "transfer")]
        return float(lines["net"].sum())

    p = m.parameter("capaciteit_afgebouwd")
    assert p.dist is not None and p.value < 1
    assert shelter(0.0) == pytest.approx(0.0, abs=1e-6)
    assert shelter(1.0) > 0
    assert shelter(0.5) == pytest.approx(shelter(1.0) / 2, rel=1e-9)
    assert m.evaluate({"capaciteit_afgebouwd": 0.0}).npv < m.evaluate(
        {"capaciteit_afgebouwd": 1.0}).npv


def test_housing_is_treated_alike_and_a_room_is_a_fraction_of_a_dwelling():
    m = model()
    for alternative in (m.project, m.reference):
        assert alternative is not None
        cost = alternative.stream("Woning (kostprijshuur)")
        assert (cost.kind, cost.stakeholder) == ("cost", "Woningcorporatie")
        rent = alternative.stream("Huur")
        assert (rent.kind, rent.payer, rent.stakeholder) == ("transfer", "Deelnemer",
                                                              "Woningcorporatie")
        assert alternative.stream("Woongenot").kind == "benefit"
    # kostprijshuur and rent scale with the size of a jongerenwoning
    base, small = pv(m), pv(m, {"factor_jongerenwoning": 0.6})
    assert small["Woning (kostprijshuur)"] == pytest.approx(
        base["Woning (kostprijshuur)"] * 0.6 / 0.8, rel=1e-12)


def test_furnishing_that_outlasts_the_horizon_returns_as_restwaarde():
    m = model()
    furnishing = m.project.stream("Inrichting woonruimte")
    assert furnishing.lifetime == 10
    flows = m.evaluate().flows()
    spent = flows.query("stream == 'Inrichting woonruimte'").sort_values("t")
    rest = flows.query("stream == 'Restwaarde Inrichting woonruimte'").sort_values("t")
    # linear depreciation: what is bought in year k has k of its 10 years left at the
    # end of a 10-year horizon; credited in the last year
    expected = float((spent["amount"] * spent["t"] / 10).sum())
    assert rest["amount"].iloc[-1] == pytest.approx(expected, rel=1e-12)
    assert (rest["amount"].iloc[:-1] == 0).all()


def test_who_pays_and_who_gains():
    r = model().evaluate()
    table = r.by_stakeholder()
    assert {"Gemeente", "Rijk", "Zorgverzekeraar", "Woningcorporatie",
            "Politie en justitie", "Deelnemer"} <= set(table.index)
    assert table.loc["Gemeente", "net"] < 0  # pays the regisseur and more bijstand early on
    assert table.loc["Deelnemer", "net"] > 0  # earns a wage
    assert table.loc["Politie en justitie", "net"] > 0
    assert table.loc["Zorgverzekeraar", "net"] > 0
    assert table["net"].sum() == pytest.approx(r.npv, rel=1e-9)
    frame = r.to_frame().set_index("stream")
    assert (frame.loc[frame["kind"] == "transfer", "net"] == 0).all()
    # the Rijk receives taxes and premiums on the extra work
    assert (frame.loc["Loonheffing en premies", "payer"],
            frame.loc["Loonheffing en premies", "stakeholder"]) == ("Deelnemer", "Rijk")
    assert frame.loc["Loonheffing en premies", "pv"] > 0


def test_work_is_valued_at_wage_costs_less_free_time_given_up():
    m = model()
    lines = pv(m)
    v = {p.name: p.value for p in m.parameters}
    # free time = net wage * 0.25, net wage = wage costs * (1 - wig): its ratio to the
    # production is (1 - 0.2) * 0.25 = 0.2
    ratio = (1 - v["wig_loonkosten"]) * v["waarde_vrije_tijd"]
    assert lines["Vrije tijd"] == pytest.approx(lines["Productie uit werk"] * ratio,
                                                rel=1e-12)
    assert lines["Loonheffing en premies"] == pytest.approx(
        lines["Productie uit werk"] * v["wig_loonkosten"], rel=1e-12)


def test_doubling_the_jaargang_doubles_costs_and_benefits():
    r1 = model().evaluate()
    r2 = model().evaluate({"deelnemers": 100})
    assert r1.pv_costs > 0 and r1.pv_benefits > 0
    assert r2.pv_costs == pytest.approx(2 * r1.pv_costs, rel=1e-12)
    assert r2.pv_benefits == pytest.approx(2 * r1.pv_benefits, rel=1e-12)


ENGLISH = re.compile(r"\b(the|and|with|who|from|that|their|are|which)\b", re.I)


def test_descriptions_are_in_dutch():
    m = model()
    texts = [(pm.name, pm.description) for pm in m.project.pm]
    texts += [(s.name, s.description) for s in streams(m)]
    texts += [(p.name, p.description) for p in m.parameters]
    for item, text in texts:
        assert not ENGLISH.search(text), f"{item}: {text!r}"
    assert len(m.project.pm) >= 5


def test_the_jaargang_is_the_care_leavers_who_must_move_to_whom_the_fifth_applies():
    # Het Vergeten Kind 2023: 65% of those in a group must move at 18, "een vijfde van hen"
    # becomes dak- of thuisloos; the model's jaargang is those who must move, so the fifth
    # applies to all of them (not to every care leaver, where it would be 0.65 * 0.2 = 13%)
    m = model()
    deelnemers = m.parameter("deelnemers")
    assert "moeten verlaten" in deelnemers.description
    assert "65%" in deelnemers.source
    start = m.parameter("start_wonen_nul")
    assert "Een vijfde van hen" in start.source
    assert sum(start.value[s] for s in HOMELESS) == pytest.approx(0.20)


def test_work_is_paid_the_minimum_youth_wage_until_21():
    # the jaargang is 18 in year 0, 19 in year 1, 20 in year 2 and 21 from year 3: the
    # production per person-year in work is 50%, 60% and 80% of the adult wage, then 100%
    m = model()
    alone = m.replace(reference=None)  # the project's own flows, not netted
    r = alone.evaluate()
    flows = r.flows().query("stream == 'Productie uit werk'").set_index("t")["amount"]
    occ = r.occupancy().query("cohort == 'jongeren: inkomen' and state == 'werk'")
    per_person = flows / occ.set_index("t")["persons"]
    v = {p.name: p.value for p in m.parameters}
    adult = (v["uurloon_jongere"] * m.price_factor(m.parameter("uurloon_jongere"))
             * v["uren_werk_week"] * 52 * (1 + v["werkgeverslasten_jongere"]))
    # 14.06 EUR/hour (2025) * 28 h * 52 weeks * 1.3 = about 26,600 euro a year from 21
    assert 25_000 < adult < 28_000
    expected = [0.5, 0.6, 0.8] + [1.0] * (m.horizon - 3)
    assert per_person.to_numpy() == pytest.approx(adult * np.array(expected), rel=1e-12)


def test_a_minimum_wage_job_carries_lower_employer_charges_than_the_regisseur():
    m = model()
    youth = m.parameter("werkgeverslasten_jongere")
    shared = m.parameter("werkgeverslasten")  # cao Sociaal Werk, used for the regisseur
    assert youth.value < shared.value
    assert youth.dist is not None and youth.dist.support[1] < shared.value
    assert "werkgeverslasten_jongere" in str(m.project.stream("Productie uit werk").amount)
    assert "werkgeverslasten)" in str(m.project.stream("Jongerenregisseur").amount)


@pytest.mark.filterwarnings("ignore:.*lies outside its distribution")
def test_displaced_job_seekers_lose_the_production_and_regain_their_free_time():
    m = model()
    v = {p.name: p.value for p in m.parameters}
    d, wig, leisure = v["verdringing_werk"], v["wig_loonkosten"], v["waarde_vrije_tijd"]
    assert 0 < d < 1 and m.parameter("verdringing_werk").grade == "C"
    lines = pv(m)
    # the displaced production is the share d of the extra production of the jaargang
    assert lines["Verdrongen productie"] == pytest.approx(d * lines["Productie uit werk"],
                                                          rel=1e-12)
    assert lines["Vrije tijd andere werkzoekenden"] == pytest.approx(
        lines["Verdrongen productie"] * (1 - wig) * leisure, rel=1e-12)
    assert lines["Loonheffing andere werkzoekenden"] == pytest.approx(
        lines["Verdrongen productie"] * wig, rel=1e-12)
    # without displacement the saldo is higher by the displaced production less the free
    # time the other job seekers keep: d * P * (1 - (1 - wig) * leisure)
    base = m.evaluate().npv
    none = m.evaluate({"verdringing_werk": 0.0}).npv
    expected = d * lines["Productie uit werk"] * (1 - (1 - wig) * leisure)
    assert none - base == pytest.approx(expected, rel=1e-9)
    # who loses: the other job seekers (their net wage, less their free time) and the Rijk
    # (their taxes); the young people keep all of their own gain
    table = m.evaluate().by_stakeholder()
    assert table.loc["Andere werkzoekenden", "net"] == pytest.approx(
        -lines["Verdrongen productie"] * (1 - wig) * (1 - leisure), rel=1e-9)
    frame = m.evaluate().to_frame().set_index("stream")
    assert (frame.loc["Loonheffing andere werkzoekenden", "payer"],
            frame.loc["Loonheffing andere werkzoekenden", "kind"]) == ("Rijk", "transfer")
    no_displacement = m.evaluate({"verdringing_werk": 0.0}).by_stakeholder()["net"]
    assert no_displacement["Deelnemer"] == pytest.approx(table.loc["Deelnemer", "net"],
                                                         rel=1e-12)


def test_the_effect_on_work_is_a_small_one_as_dutch_re_integration_finds():
    # the regisseur adds a few percentage points to the yearly chance of work from bijstand
    # ('klein, positief effect', Beleidsdoorlichting re-integratie 2008), not a doubling
    m = model()
    v = {p.name: p.value for p in m.parameters}
    nul = v["p_bijstand_werk"]
    extra = v["effect_werk"] * (1 - v["p_bijstand_werk"] - v["p_terug_onderwijs"])
    assert 0 < extra < 0.05
    assert (nul + extra) / nul < 1.3
    # the saldo does not turn positive on work within the assumed range
    high = m.parameter("effect_werk").dist.support[1]
    assert m.evaluate({"effect_werk": high}).npv < 0


def test_arrears_written_off_at_a_lost_tenancy_are_a_transfer_not_a_cost():
    # unpaid rent is a transfer from the verhuurder to the tenant who lived without paying;
    # only procedure, ontruiming and vacancy are real costs (as in preventie_huisuitzetting)
    m = model()
    real = m.project.stream("Procedure en ontruiming")
    rent = m.project.stream("Afgeschreven huur bij woonverlies")
    assert (real.kind, real.stakeholder) == ("cost", "Woningcorporatie")
    assert (rent.kind, rent.payer, rent.stakeholder) == ("transfer", "Woningcorporatie",
                                                          "Deelnemer")
    assert "huurachterstand" not in str(real.amount)
    base = m.evaluate().npv
    more_rent = m.evaluate({"huurachterstand_woonverlies": 2000.0}).npv
    assert more_rent == pytest.approx(base, abs=1e-6)  # a transfer moves no saldo
