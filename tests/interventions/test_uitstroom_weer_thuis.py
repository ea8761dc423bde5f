"""The built-in model uitstroom_weer_thuis: move-on with reserved homes (Weer Thuis!)
against waiting for a home through the ordinary route. Its method, not only that it runs."""

from __future__ import annotations

import csv
import math
import re
from functools import cache
from importlib import resources

import numpy as np
import pytest

import mkba
from mkba import interventions, sensitivity
from mkba.formula import parse
from mkba.interventions import uitstroom_weer_thuis as uwt
from mkba.model import Model, Stream

# the checks below set shares of capacity to 0 and 1 and double the people: outside the
# assumed ranges on purpose
pytestmark = pytest.mark.filterwarnings("ignore:.*lies outside its distribution")

NAME = "uitstroom_weer_thuis"
ORIGINS = ("opvang", "beschermd_wonen", "ggz_kliniek")
CAPACITY = {  # capacity share -> (its payer's line, the payer)
    "capaciteit_afgebouwd": ("Afgebouwde capaciteit 24-uursopvang", "Gemeente"),
    "capaciteit_afgebouwd_bw": ("Afgebouwde capaciteit beschermd wonen", "Gemeente"),
    "capaciteit_afgebouwd_ggz": ("Afgebouwde capaciteit GGZ-kliniek", "Zorgverzekeraar"),
}
# only where everyone starts in one origin and nobody leaves for the street or dies do the
# hand derivations below stay short
ONLY_SHELTER = {"herkomst": {"opvang": 1.0, "beschermd_wonen": 0.0, "ggz_kliniek": 0.0}}


@cache
def model() -> Model:
    return uwt.build()


def values(m: Model) -> dict[str, float]:
    return {p.name: p.value for p in m.parameters if not p.is_row}


def pv(m: Model, overrides: dict | None = None) -> dict[str, float]:
    frame = m.evaluate(overrides).to_frame()
    return dict(zip(frame["stream"], frame["pv"], strict=True))


def year_amount(m: Model, stream: str, t: int, overrides: dict | None = None) -> float:
    flows = m.evaluate(overrides).flows()
    return float(flows.loc[(flows["stream"] == stream) & (flows["t"] == t), "amount"].iloc[0])


def streams(m: Model) -> list[Stream]:
    return [*m.project.streams, *m.reference.streams]


# -- the model as a built-in ---------------------------------------------------------------


def test_is_discovered_and_builds_the_same_model_as_load():
    assert NAME in interventions.names()
    assert uwt.NAME == NAME and uwt.model is uwt.build
    assert uwt.build() == interventions.load(NAME)
    for section in ("People", "Nulalternatief", "Effect chain"):
        assert section in (uwt.__doc__ or "")


def test_overrides_are_with_values():
    a = interventions.load(NAME, verkorting_wachttijd=0.6)
    assert a == model().with_values(verkorting_wachttijd=0.6)
    assert a.evaluate().npv != model().evaluate().npv


def test_shares_the_frame_of_the_built_in_models():
    from mkba.interventions._kengetallen import PRICE_YEAR, START_YEAR

    m = model()
    assert (m.start_year, m.price_year, m.horizon, m.participants) == (
        START_YEAR, PRICE_YEAR, 10, "deelnemers")


def test_every_parameter_used_is_declared_and_every_declared_one_is_used():
    m = model()
    used: set[str] = set()
    for s in streams(m):
        assert isinstance(s.amount, str)
        used |= parse(s.amount, context=s.name).names
    for alternative in (m.project, m.reference):
        for c in alternative.cohorts:
            used |= c.names
    states = set(m.project.states) | set(m.reference.states)
    declared = {p.name for p in m.parameters}
    assert used - declared - states == set()
    assert declared - used == set()


def test_is_a_real_mkba_with_sourced_uncertain_parameters():
    m = model()
    r = m.evaluate()
    assert r.pv_costs > 0 and r.pv_benefits > 0
    assert math.isfinite(r.npv) and math.isfinite(r.bcr)
    assert len(r.by_stakeholder()) >= 5
    assert {"cost", "benefit", "transfer"} <= {s.kind for s in streams(m)}
    for p in m.parameters:
        assert p.unit and len(p.source) >= 8 and p.grade in {"A", "B", "C"}, p.name
        assert ("eur" in p.unit.lower()) == (p.price_year is not None), p.name
        if p.source.startswith("Aanname"):
            assert p.source.startswith("Aanname: ") and p.grade == "C", p.name
    # every parameter but the scale has a distribution one-way and Monte Carlo can use
    assert {p.name for p in m.parameters if p.dist is None} == {"deelnemers"}


def test_its_data_file_holds_only_its_own_rows_with_the_shared_columns():
    from mkba.interventions._kengetallen import COLUMNS

    text = resources.files("mkba.interventions").joinpath(
        "data", f"kengetallen_{NAME}.csv").read_text("utf-8")
    reader = csv.DictReader(text.splitlines())
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = list(reader)
    assert {r["model"] for r in rows} == {NAME}
    for r in rows:
        if r["grade"] != "C":  # above C: read in the source itself, never an assumption
            assert "Aanname" not in r["source"] and "tweedehands" not in r["source"], r["name"]


# -- people: the counterfactual and the effect chain ----------------------------------------


def test_both_alternatives_follow_the_same_people():
    occ = model().evaluate().occupancy()
    totals = occ.groupby(["alternative", "t"])["persons"].sum().unstack("alternative")
    assert totals["project"].to_numpy() == pytest.approx(totals["reference"].to_numpy(),
                                                        rel=1e-12)


def test_the_nulalternatief_waits_longer_in_the_intramural_place():
    eff = model().evaluate().effects().set_index("state")["difference"]
    for state in ORIGINS:
        assert eff[state] < 0, state       # fewer person-years waiting
    for state in ("woning_intensief", "woning_licht", "woning_zelfstandig"):
        assert eff[state] > 0, state       # more person-years in a home


def test_without_its_effect_the_project_moves_people_as_the_nulalternatief():
    # with no shorter waiting time the two cohorts are the same, and the saldo is exactly
    # minus the two streams only the project books: regie and the extra vacancy
    m = model()
    r = m.evaluate({"verkorting_wachttijd": 0.0})
    assert r.effects()["difference"].abs().max() < 1e-9
    lines = pv(m, {"verkorting_wachttijd": 0.0})
    only_project = lines["Regie en matching Weer Thuis!"] \
        + lines["Extra leegstand gereserveerde woningen"]
    assert only_project > 0
    assert r.npv == pytest.approx(-only_project, rel=1e-9)
    assert m.evaluate().effects()["difference"].abs().max() > 10


def test_the_yearly_move_on_probability_follows_from_the_mean_waiting_time():
    # all start in the shelter, nobody leaves for the street or dies: in year 0 a share
    # 1 - exp(-1 / W) moves on, W = wachttijd_nul (nul) or wachttijd_nul * (1 - verkorting)
    m = model()
    v = values(m)
    overrides = {**ONLY_SHELTER, "p_opvang_straat": 0.0, "sterfte_dakloos": 0.0}
    occ = m.evaluate(overrides).occupancy().set_index(["alternative", "state", "t"])
    n = v["deelnemers"] + v["instroom"]    # the year's instroom arrives at its start
    w = v["wachttijd_nul"]
    for alternative, wait in (("reference", w), ("project", w * (1 - v["verkorting_wachttijd"]))):
        moved = occ.loc[(alternative, "opvang", 0), "leaving"]
        assert moved == pytest.approx(n * (1 - math.exp(-1 / wait)), rel=1e-12)


def test_retention_and_support_are_the_same_in_both_alternatives():
    # only the moves out of the intramural places differ; the Dutch CTI trial found no
    # difference in days housed from extra transition support (de Vet et al. 2017)
    project = model().project.cohorts[0].transitions
    reference = model().reference.cohorts[0].transitions
    assert project.keys() == reference.keys()
    differ = {k for k in project if project[k] != reference[k]}
    assert differ == {(s, "woning_intensief") for s in ORIGINS}


def test_a_longer_wait_in_the_nulalternatief_makes_the_project_worth_more():
    m = model()
    short, long_ = (m.evaluate({"wachttijd_nul": w}) for w in (0.6, 2.0))
    moved = [r.effects().set_index("state").loc["woning_intensief", "difference"]
             for r in (short, long_)]
    assert moved[1] > moved[0] > 0
    assert long_.npv > short.npv


# -- capacity-aware intramural places -------------------------------------------------------


@pytest.mark.parametrize("share", sorted(CAPACITY))
def test_a_freed_place_is_cash_for_its_payer_only_where_capacity_closes(share):
    m = model()
    line, payer = CAPACITY[share]
    p = m.parameter(share)
    assert p.dist is not None and p.value < 1 and p.grade == "C"
    assert m.project.stream(line).stakeholder == payer
    none, half, full = (pv(m, {share: x})[line] for x in (0.0, 0.5, 1.0))
    assert none == 0.0
    assert full < 0                       # a cost avoided
    assert half == pytest.approx(full / 2, rel=1e-12)


def test_crisis_and_detention_days_are_capacity_like_the_clinic_places():
    # second-opinion review: a crisis bed-day or a cell-day freed is refilled (GGZ waiting
    # lists, DJI at 99.5% in 2025) as much as a clinic place is; the shared care streams
    # book the days as capacity (in every built-in model), with the waiting patients'
    # bed-days in the same clinic line
    m = model()
    names = {s.name for s in streams(m)}
    assert not names & {"GGZ-crisisopnamedagen", "Detentie"}
    assert {"Spoedeisende hulp", "Overlast en openbare orde", "Diefstal"} <= names
    line = "Afgebouwde capaciteit detentie"
    assert m.project.stream(line).stakeholder == "Politie en justitie"
    assert pv(m, {"capaciteit_afgebouwd_detentie": 0.0})[line] == 0.0
    # by hand with every cell closed: detention days per person-year at the homeless rate
    # on the street and in shelter, less by reductie_justitie_gehuisvest once housed
    v = values(m)
    occ = m.evaluate().occupancy().pivot_table(index=["alternative", "t"], columns="state",
                                               values="persons")
    housed = ["woning_intensief", "woning_licht", "woning_zelfstandig", "beschermd_wonen"]

    def days(alt: str) -> np.ndarray:
        t = occ.loc[alt]
        return ((t["straat"] + t["opvang"] + t[housed].sum(axis=1)
                 * (1 - v["reductie_justitie_gehuisvest"])) * v["detentiedagen_dakloos"]).to_numpy()

    flows = m.evaluate().flows()
    df = flows[flows["stream"] == line].sort_values("t")["discount_factor"].to_numpy()
    price = v["prijs_detentiedag"] * m.price_factor(m.parameter("prijs_detentiedag"))
    expected = ((days("project") - days("reference")) * price * df).sum()
    assert expected < 0
    assert pv(m, {"capaciteit_afgebouwd_detentie": 1.0})[line] == pytest.approx(expected,
                                                                                 rel=1e-12)
    # the clinic line holds the crisis days too: with no waiting patient in the clinic it
    # still saves crisis days on the closed share
    no_clinic = {"herkomst": {"opvang": 0.5, "beschermd_wonen": 0.5, "ggz_kliniek": 0.0}}
    assert pv(m, no_clinic)["Afgebouwde capaciteit GGZ-kliniek"] < 0
    assert pv(m, {**no_clinic, "capaciteit_afgebouwd_ggz": 0.0})[
        "Afgebouwde capaciteit GGZ-kliniek"] == 0.0


def test_shelter_and_beschermd_wonen_values_move_with_the_closed_share_only():
    # a bed that stays open passes with its value and its fee to the next person in line
    closed = {k: 0.0 for k in CAPACITY}
    lines = pv(model(), closed)
    for name in ("Onderdak 24-uursopvang", "Eigen bijdrage 24-uursopvang",
                 "Onderdak beschermd wonen", "Eigen bijdrage beschermd wonen"):
        assert lines[name] == 0.0, name
    r = model().evaluate(closed)
    frame = r.to_frame()
    intramural = frame[frame["category"].isin(["Opvang", "Beschermd wonen"])
                       & (frame["stakeholder"] == "Gemeente") & (frame["kind"] != "transfer")]
    assert float(intramural["net"].sum()) == 0.0
    assert r.npv < model().evaluate().npv


def test_year_zero_saving_on_beschermd_wonen_derived_by_hand():
    # beschermd wonen holds n = (deelnemers + instroom) * h persons at the start of year 0,
    # h its share in the row herkomst (0.4);
    # a share (1 - sterfte_gehuisvest) * p moves on, with p = 1 - exp(-1 / W); life-table
    # counting takes the mean of start and end: n (1 + (1 - s)(1 - p)) / 2. The line is
    # project minus nulalternatief: c * 365 * price * index * n (1 - s)(p_nul - p_project) / 2
    m = model()
    v = values(m)
    h = m.parameter("herkomst").value["beschermd_wonen"]
    assert h == pytest.approx(0.4)
    n = (v["deelnemers"] + v["instroom"]) * h
    s = v["sterfte_gehuisvest"]
    p_nul = 1 - math.exp(-1 / v["wachttijd_nul"])
    p_project = 1 - math.exp(-1 / (v["wachttijd_nul"] * (1 - v["verkorting_wachttijd"])))
    index = m.price_factor(m.parameter("prijs_bw_etmaal"))   # 2022 -> 2025 with the CBS CPI
    expected = (v["capaciteit_afgebouwd_bw"] * 365 * v["prijs_bw_etmaal"] * index
                * n * (1 - s) * (p_nul - p_project) / 2)
    got = year_amount(m, "Afgebouwde capaciteit beschermd wonen", 0)
    assert expected < 0
    assert got == pytest.approx(expected, rel=1e-12)


# -- the money: a reference value, stakeholders, residual value ------------------------------


def test_year_zero_regie_and_matching_derived_by_hand():
    # persons entering a home in year 0 (all from the start and the year-0 instroom):
    # (deelnemers + instroom) * p * [0.5 (1 - p_os - s_d) + 0.4 (1 - s_g) + 0.1 (1 - s_g)],
    # p = 1 - exp(-1 / (W (1 - verkorting))); each costs uren * loon * index * (1 + lasten)
    m = model()
    v = values(m)
    p = 1 - math.exp(-1 / (v["wachttijd_nul"] * (1 - v["verkorting_wachttijd"])))
    h = m.parameter("herkomst").value
    stay = (h["opvang"] * (1 - v["p_opvang_straat"] - v["sterfte_dakloos"])
            + (h["beschermd_wonen"] + h["ggz_kliniek"]) * (1 - v["sterfte_gehuisvest"]))
    entering = (v["deelnemers"] + v["instroom"]) * p * stay
    index = m.price_factor(m.parameter("uurloon_sociaal_werk"))   # 2024 -> 2025
    expected = (entering * v["uren_regie_per_uitstroom"] * v["uurloon_sociaal_werk"] * index
                * (1 + v["werkgeverslasten"]))
    # 100 + 40 persons, W = 1 * (1 - 0.4) = 0.6 year, p = 1 - e^-(1/0.6) = 0.811,
    # stay = 0.5 * 0.87 + 0.5 * 0.985 = 0.9275: about 105 persons at 16 h of about € 32.6
    # an hour (21.04 * 1.034 CPI 2024 -> 2025 * 1.5): about € 54,900
    assert expected == pytest.approx(54_900, rel=0.01)
    assert year_amount(m, "Regie en matching Weer Thuis!", 0) == pytest.approx(expected,
                                                                               rel=1e-12)


def test_stakeholders_balance_and_have_the_expected_signs():
    r = model().evaluate()
    table = r.by_stakeholder()
    assert table["net"].sum() == pytest.approx(r.npv, rel=1e-9)
    assert table["transfers_in"].sum() == pytest.approx(table["transfers_out"].sum())
    frame = r.to_frame().set_index("stream")
    assert (frame.loc[frame["kind"] == "transfer", "net"] == 0).all()
    # the corporatie bears the cost-price rent of the extra person-years housed, the vacancy
    # and the management, and receives the rent: a loss; the Rijk pays the rent allowance
    assert table.loc["Woningcorporatie", "net"] < 0
    assert table.loc["Rijk", "net"] < 0
    # the participant's home is worth the rent and a closed bed its fee, so in euros the
    # participant gains exactly the rent allowance
    assert table.loc["Deelnemer", "net"] == pytest.approx(frame.loc["Huurtoeslag", "pv"],
                                                          rel=1e-9)
    # the zorgverzekeraar saves closed clinic beds and acute care; police and justice
    # fewer offences and detention days of persons who no longer wait in shelter
    assert table.loc["Zorgverzekeraar", "net"] > 0
    assert table.loc["Politie en justitie", "net"] > 0
    # the gemeente pays regie, support and furnishing and saves closed places
    assert frame.loc["Regie en matching Weer Thuis!", "stakeholder"] == "Gemeente"
    assert frame.loc["Intensieve ambulante begeleiding", "net"] < 0
    assert frame.loc["Afgebouwde capaciteit 24-uursopvang", "net"] > 0


def test_housing_is_treated_alike_in_both_alternatives():
    for alternative in (model().project, model().reference):
        home = alternative.stream("Woning (kostprijshuur)")
        assert (home.kind, home.stakeholder) == ("cost", "Woningcorporatie")
        rent = alternative.stream("Huur")
        assert (rent.kind, rent.payer, rent.stakeholder) == (
            "transfer", "Deelnemer", "Woningcorporatie")
        assert alternative.stream("Woongenot").kind == "benefit"


def test_furnishing_outlasting_the_horizon_comes_back_as_residual_value():
    # an amount A spent in year k leaves A * (L - (H - k)) / L = A * k / 10 (L = H = 10) in
    # the last year; the line is netted like every other: project minus nulalternatief
    m = model()
    assert m.project.stream("Inrichting woning").lifetime == 10
    flows = m.evaluate().flows()
    spent = flows[flows["stream"] == "Inrichting woning"].set_index("t")["amount"]
    rest = flows[flows["stream"] == "Restwaarde Inrichting woning"].set_index("t")["amount"]
    expected = float(sum(spent[k] * k / 10 for k in spent.index))
    assert rest.loc[m.horizon - 1] == pytest.approx(expected, rel=1e-12)
    assert (rest.drop(m.horizon - 1) == 0).all()
    assert expected > 0


def test_doubling_the_people_doubles_costs_and_benefits():
    m = model()
    r1 = m.evaluate()
    r2 = m.evaluate({"deelnemers": 200.0, "instroom": 80.0})
    assert r2.pv_costs == pytest.approx(2 * r1.pv_costs, rel=1e-12)
    assert r2.pv_benefits == pytest.approx(2 * r1.pv_benefits, rel=1e-12)


# -- uncertainty ----------------------------------------------------------------------------


def test_sensitivity_analyses_run_and_show_the_uncertainty_of_grade_c_effects():
    m = model()
    ow = sensitivity.one_way(m).to_frame()
    assert {"wachttijd_nul", "verkorting_wachttijd", "capaciteit_afgebouwd_bw"} <= set(
        ow["parameter"])
    mc = sensitivity.monte_carlo(m, n_draws=500, rng=3)
    npv = np.asarray(mc.npv)
    assert np.isfinite(npv).all()
    # mostly grade C: the 90% interval is wide relative to the benefits
    assert np.percentile(npv, 95) - np.percentile(npv, 5) > 0.1 * m.evaluate().pv_benefits
    assert 0.0 < mc.prob_positive() < 1.0


# -- words ----------------------------------------------------------------------------------

ENGLISH = re.compile(r"\b(the|and|with|who|from|that|their|are|which)\b", re.I)


def test_descriptions_are_in_dutch():
    m = model()
    texts = [(pm.name, pm.description) for pm in m.project.pm]
    texts += [(s.name, s.description) for s in streams(m)]
    texts += [(p.name, p.description) for p in m.parameters]
    for item, text in texts:
        assert not ENGLISH.search(text), f"{item}: {text!r}"
    assert all(p.description for p in m.parameters)
    assert all(pm.description for pm in m.project.pm)
    table = mkba.report.parameter_table(m, "nl")
    assert not any(ENGLISH.search(text) for text in table["Toelichting"])
