"""The Skaeve Huse model: its counterfactual, effect chain, stakeholders and investments."""

from __future__ import annotations

import csv
import re
import warnings
from functools import cache
from importlib import resources

import numpy as np
import pytest

import mkba
from mkba import interventions
from mkba.formula import parse
from mkba.interventions import skaeve_huse
from mkba.model import Model, Stream

ORIGIN = ("straat", "opvang", "woning", "kliniek", "detentie")


@cache
def model() -> Model:
    return interventions.load("skaeve_huse")


def values() -> dict[str, float]:
    return {p.name: p.value for p in model().parameters if not p.is_row}


def lines(m: Model, vals: dict | None = None) -> dict[str, float]:
    frame = m.evaluate(vals).to_frame()
    return dict(zip(frame["stream"], frame["pv"], strict=True))


def persons(m: Model, vals: dict | None = None):
    occ = m.evaluate(vals).occupancy()
    return occ.pivot_table(index=["alternative", "t"], columns="state", values="persons")


def test_module_builds_the_model_of_the_frame():
    m = model()
    assert skaeve_huse.build() == m
    assert skaeve_huse.model is skaeve_huse.build
    assert "Nulalternatief" in skaeve_huse.__doc__ and "Effect chain" in skaeve_huse.__doc__
    assert (m.start_year, m.price_year, m.horizon, m.participants) == (2026, 2025, 10,
                                                                       "deelnemers")
    assert m.reference is not None and m.reference.name == "Rondgang zonder Skaeve Huse"


def test_both_alternatives_follow_the_same_people():
    occ = model().evaluate().occupancy()
    totals = occ.groupby(["alternative", "t"])["persons"].sum().unstack("alternative")
    assert totals["project"].to_numpy() == pytest.approx(totals["reference"].to_numpy(),
                                                        rel=1e-12)


@pytest.mark.parametrize("override", [{}, {"p_uitval_sh": 0.15, "bezettingsgraad": 0.7},
                                      {"p_doorstroom_sh": 0.0, "reductie_detentie_sh": 0.7}])
def test_the_occupied_units_stay_exactly_filled(override):
    # start and instroom are derived from the vacancy rate: under life-table counting the
    # residents are the units times the occupancy in every year, whatever the exits
    m = model()
    v = {**values(), **override}
    table = persons(m, override or None).loc["project"]
    assert table["skaeve_huse"].to_numpy() == pytest.approx(
        np.full(m.horizon, v["deelnemers"] * v["bezettingsgraad"]), rel=1e-12)


def test_the_nulalternatief_starts_where_the_candidates_come_from():
    m = model()
    share = m.parameter("herkomst").value
    start = persons(m).loc[("reference", 0)]
    assert start["skaeve_huse"] == 0.0
    origin = start[list(ORIGIN)]
    # in year 0 the persons are still in proportion to the row of shares (moves spread
    # over the year shift them a little, so compare the start of the ranking only)
    assert origin.idxmax() == max(share, key=share.get) == "straat"
    assert set(share) == set(ORIGIN)
    assert sum(share.values()) == pytest.approx(1.0)


def test_without_its_effects_a_unit_is_an_ordinary_home():
    # the effect chain: set the unit's exits to those of an ordinary home (no move-on,
    # eviction as often, no reduction of admission or detention days) and let every
    # candidate come from an ordinary home; then the unit and the home are one state, and
    # the project moves people exactly as the nulalternatief
    v = values()
    same = {"herkomst": dict.fromkeys(ORIGIN, 0.0) | {"woning": 1.0},
            "p_doorstroom_sh": 0.0, "p_uitval_sh": v["p_uitzetting"],
            "reductie_opname_sh": 0.0, "reductie_detentie_sh": 0.0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mkba.errors.MkbaWarning)  # p_uitval_sh off its range
        r = model().evaluate(same)
    eff = r.effects().set_index("state")
    for state in ("straat", "opvang", "kliniek", "detentie", "overleden"):
        assert abs(eff.loc[state, "difference"]) < 1e-9, state
    housed = eff.loc["woning", "project"] + eff.loc["skaeve_huse", "project"]
    assert housed == pytest.approx(eff.loc["woning", "reference"], rel=1e-12)
    # and the admission and detention days are the same: their lines net to zero
    pv = dict(zip(r.to_frame()["stream"], r.to_frame()["pv"], strict=True))
    scale = abs(lines(model())["Afgebouwde capaciteit GGZ-kliniek"])
    for line in ("Afgebouwde capaciteit GGZ-kliniek", "Afgebouwde capaciteit detentie",
                 "Bijstand vervalt in detentie"):
        assert abs(pv[line]) < 1e-9 * scale, line
    # with its effects the project moves people out of the street and the shelter; the
    # clinic and detention hold only candidates who start or arrive there
    base = model().evaluate().effects().set_index("state")["difference"]
    assert (base[["straat", "opvang"]] < -1.0).all()
    assert (base[["kliniek", "detentie"]] < 0).all()


def test_residents_and_tenants_keep_their_home_during_an_admission_or_detention():
    # an admission or a detention of a few weeks is a number of days, not a move: no
    # transition leads into the clinic or detention, and a unit falls vacant only by
    # move-on, drop-out or death (the review found every admission ending a tenancy)
    m = model()
    for alternative in (m.project, m.reference):
        moves = alternative.cohorts[0].transitions
        assert not [k for k in moves if k[1] in ("kliniek", "detentie")]
        assert ("woning", "straat") in moves and moves[("woning", "straat")] == "p_uitzetting"
    exits = {to for (frm, to) in m.project.cohorts[0].transitions if frm == "skaeve_huse"}
    assert exits == {"woning", "straat", "overleden"}
    # in the nulalternatief the clinic and detention hold only the start and the instroom
    occ = m.evaluate().occupancy()
    for state in ("kliniek", "detentie"):
        rows = occ[(occ["alternative"] == "reference") & (occ["state"] == state)]
        entering = rows.sort_values("t")["entering"].to_numpy()
        share = m.parameter("herkomst").value[state]
        v = values()
        q = v["p_doorstroom_sh"] + v["p_uitval_sh"] + v["sterfte_gehuisvest"]
        per_year = v["deelnemers"] * v["bezettingsgraad"] * q / (1 - q / 2) * share
        assert entering == pytest.approx(np.full(m.horizon, per_year), rel=1e-12), state


@pytest.mark.parametrize(("effect", "line", "rate"),
                         [("reductie_detentie_sh", "Afgebouwde capaciteit detentie",
                           "detentiedagen_nul"),
                          ("reductie_opname_sh", "Afgebouwde capaciteit GGZ-kliniek",
                           "opnamedagen_nul")])
def test_fewer_detention_and_admission_days_from_a_unit_by_hand(effect, line, rate):
    # a reduction lowers the days of the residents only; nobody moves. The line changes
    # by share closed * residents' person-years * rate * delta reduction * price per day
    m = model()
    v = values()
    low, high = (m.evaluate({effect: x}) for x in (0.0, 0.7))
    assert low.effects()["difference"].to_numpy() == pytest.approx(
        high.effects()["difference"].to_numpy(), rel=1e-12)
    residents = persons(m).loc["project", "skaeve_huse"].to_numpy()
    flows = m.evaluate().flows()
    df = flows[flows["stream"] == line].sort_values("t")["discount_factor"].to_numpy()
    price_name = "prijs_detentiedag" if "detentie" in line else "prijs_ggz_opnamedag"
    share = "capaciteit_afgebouwd_detentie" if "detentie" in line else "capaciteit_afgebouwd_ggz"
    price = v[price_name] * m.price_factor(m.parameter(price_name))
    expected = -(v[share] * residents * v[rate] * 0.7 * price * df).sum()
    got = lines(m, {effect: 0.7})[line] - lines(m, {effect: 0.0})[line]
    assert got == pytest.approx(expected, rel=1e-12)
    assert got < 0


@pytest.mark.parametrize(("share", "line", "payer"),
                         [("capaciteit_afgebouwd_ggz", "Afgebouwde capaciteit GGZ-kliniek",
                           "Zorgverzekeraar"),
                          ("capaciteit_afgebouwd_detentie", "Afgebouwde capaciteit detentie",
                           "Politie en justitie")])
def test_clinic_beds_and_cells_save_cash_only_where_capacity_closes(share, line, payer):
    # a freed bed or cell that stays open goes to the next patient or detainee (PM); its
    # payer saves only on the share that closes (DJI ran at 99.5% in 2025)
    m = model()
    p = m.parameter(share)
    assert p.dist is not None and 0 < p.value < 1 and p.grade == "C"
    assert m.project.stream(line).stakeholder == payer
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mkba.errors.MkbaWarning)  # 1 lies off its range
        none, half, full = (lines(m, {share: x})[line] for x in (0.0, 0.5, 1.0))
    assert none == 0.0 and full < 0
    assert half == pytest.approx(full / 2, rel=1e-12)
    assert lines(m)[line] == pytest.approx(full * p.value, rel=1e-12)
    names = {pm.name for pm in m.project.pm}
    assert {"Vrijgekomen GGZ-bedden voor wachtenden",
            "Vrijgekomen cellen: minder heenzendingen"} <= names


def test_bijstand_stops_on_every_detention_day_whether_or_not_the_cell_closes():
    m = model()
    transfer = "Bijstand vervalt in detentie"
    assert lines(m, {"capaciteit_afgebouwd_detentie": 0.0})[transfer] == pytest.approx(
        lines(m)[transfer], rel=1e-12)
    assert lines(m)[transfer] < 0  # fewer detention days: the gemeente pays more bijstand


def test_stakeholders_gain_and_lose_as_the_wrong_pocket_predicts():
    r = model().evaluate()
    table = r.by_stakeholder()
    assert set(table.index) == {"Gemeente", "Woningcorporatie", "Zorgverzekeraar", "Rijk",
                                "Politie en justitie", "Deelnemer", "Buurt"}
    net = table["net"]
    assert net["Gemeente"] < 0 < net["Politie en justitie"]   # pays site, manager, support
    assert net["Zorgverzekeraar"] > 0 and net["Buurt"] > 0     # fewer admissions, less hinder
    assert net["Rijk"] < 0                                     # huurtoeslag for the units
    assert net.sum() == pytest.approx(r.npv, rel=1e-9)
    assert table["transfers_in"].sum() == pytest.approx(table["transfers_out"].sum())
    frame = r.to_frame().set_index("stream")
    assert (frame.loc["Bouw woonunits", "stakeholder"], frame.loc["Bouw woonunits", "kind"]) \
        == ("Woningcorporatie", "cost")
    for name, payer, to in (("Huur woonunit", "Deelnemer", "Woningcorporatie"),
                            ("Huurtoeslag woonunit", "Rijk", "Deelnemer"),
                            ("Bijstand vervalt in detentie", "Deelnemer", "Gemeente")):
        assert (frame.loc[name, "kind"], frame.loc[name, "payer"],
                frame.loc[name, "stakeholder"]) == ("transfer", payer, to)
        assert frame.loc[name, "net"] == 0


def test_shelter_is_cash_for_the_gemeente_only_where_capacity_closes():
    m = model()

    def shelter(share: float) -> float:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mkba.errors.MkbaWarning)  # 1 lies off its range
            frame = m.evaluate({"capaciteit_afgebouwd": share}).to_frame()
        rows = frame[(frame["category"] == "Opvang") & (frame["stakeholder"] == "Gemeente")
                     & (frame["kind"] != "transfer")]
        return float(rows["net"].sum())

    assert abs(shelter(0.0)) < 1e-6
    assert shelter(1.0) > 0
    assert shelter(0.5) == pytest.approx(shelter(1.0) / 2, rel=1e-9)
    p = m.parameter("capaciteit_afgebouwd")
    assert p.value < 1 and p.dist is not None


def test_the_units_and_the_site_leave_a_residual_value_computed_by_hand():
    # an amount A spent in year 0 with lifetime L leaves A * (L - horizon) / L, credited in
    # the last year: 10 units of 75,000 (2017 prices) over 25 years leave 15/25 of it
    m = model()
    r = m.evaluate()
    flows = r.flows()
    df = flows[flows["stream"] == "Bouw woonunits"].sort_values("t")["discount_factor"].to_numpy()
    unit = m.parameter("investering_unit")
    spent = 10 * 75_000 * m.price_factor(unit)
    pv = lines(m)
    assert pv["Bouw woonunits"] == pytest.approx(spent * df[0], rel=1e-12)
    assert pv["Restwaarde Bouw woonunits"] == pytest.approx(spent * (25 - 10) / 25 * df[-1],
                                                            rel=1e-12)
    site = m.parameter("investering_terrein_unit")
    assert pv["Restwaarde Terrein en beheerdersunit"] == pytest.approx(
        10 * 20_000 * m.price_factor(site) * (15 - 10) / 15 * df[-1], rel=1e-12)
    invest = {s.name: s.lifetime for s in m.project.streams if s.lifetime}
    assert invest == {"Bouw woonunits": 25.0, "Terrein en beheerdersunit": 15.0}


def test_manager_and_detention_by_hand():
    # Beheer en toezicht: every unit, occupied or not, at 20,000 a year (2021 prices);
    # detention: the closed share of the days, 365 a person-year in the state detentie
    # and detentiedagen_nul a person-year at large (less in a unit), at the price of a day
    m = model()
    v = values()
    r = m.evaluate()
    flows = r.flows()
    df = flows[flows["stream"] == "Beheer en toezicht"].sort_values("t")["discount_factor"]
    beheer = 10 * 20_000 * m.price_factor(m.parameter("beheer_per_unit_jaar"))
    pv = lines(m)
    assert pv["Beheer en toezicht"] == pytest.approx(beheer * df.sum(), rel=1e-12)
    table = persons(m)

    def days(alt: str) -> np.ndarray:
        t = table.loc[alt]
        return (t["detentie"] * 365 + (t["straat"] + t["opvang"] + t["woning"])
                * v["detentiedagen_nul"] + t["skaeve_huse"] * v["detentiedagen_nul"]
                * (1 - v["reductie_detentie_sh"])).to_numpy()

    day = 262 * m.price_factor(m.parameter("prijs_detentiedag"))
    avoided = days("project") - days("reference")
    assert (avoided < 0).all()
    expected = (v["capaciteit_afgebouwd_detentie"] * avoided * day * df.to_numpy()).sum()
    assert pv["Afgebouwde capaciteit detentie"] == pytest.approx(expected, rel=1e-12)
    assert pv["Afgebouwde capaciteit detentie"] < 0  # a cost avoided


def test_hinder_to_neighbours_is_a_share_of_their_woongenot():
    m = model()
    v = values()
    rent = v["huur_sociaal_maand"] * m.price_factor(m.parameter("huur_sociaal_maand")) * 12
    table = persons(m)
    per_year = v["aandeel_woongenot_hinder"] * rent * (
        (table.loc["project", "woning"] - table.loc["reference", "woning"])
        * v["huishoudens_hinder_woning"]
        + table.loc["project", "skaeve_huse"] * v["huishoudens_hinder_sh"]).to_numpy()
    flows = m.evaluate().flows()
    line = flows[flows["stream"] == "Hinder voor omwonenden"].sort_values("t")
    assert line["amount"].to_numpy() == pytest.approx(per_year, rel=1e-12)
    assert lines(m, {"huishoudens_hinder_sh": 0.0})["Hinder voor omwonenden"] < \
        lines(m)["Hinder voor omwonenden"] < 0


def test_doubling_the_units_doubles_costs_and_benefits():
    m = model()
    r1, r2 = m.evaluate(), m.evaluate({"deelnemers": 20})
    assert r1.pv_costs > 0 and r1.pv_benefits > 0
    assert r2.pv_costs == pytest.approx(2 * r1.pv_costs, rel=1e-12)
    assert r2.pv_benefits == pytest.approx(2 * r1.pv_benefits, rel=1e-12)


def test_every_parameter_is_used_and_every_name_is_declared():
    m = model()
    streams: list[Stream] = [*m.project.streams, *m.reference.streams]
    used = set().union(*(parse(s.amount, context=s.name).names for s in streams
                         if isinstance(s.amount, str)))
    for alternative in (m.project, m.reference):
        for c in alternative.cohorts:
            used |= c.names
    declared = {p.name for p in m.parameters}
    assert used - declared - set(m.project.states) == set()
    assert declared - used == set()


def test_no_row_of_probabilities_exceeds_one_at_the_ends_of_the_ranges():
    # every exit probability at the top of its range at once: the cohort refuses a row
    # that sums above 1, so the model must still evaluate (as Monte Carlo draws need)
    m = model()
    probs = {p.name: p.dist.support[1] for p in m.parameters
             if p.dist is not None and not p.is_row and p.unit == "kans/jaar"}
    assert len(probs) >= 10
    r = m.evaluate(probs)
    assert np.isfinite(r.npv)
    mc = mkba.sensitivity.monte_carlo(m, n_draws=200, rng=3)
    assert np.isfinite(np.asarray(mc.npv)).all()


def test_every_uncertain_parameter_has_a_distribution_one_way_can_use():
    m = model()
    ow = mkba.sensitivity.one_way(m).to_frame().set_index("parameter")
    uncertain = {p.name for p in m.parameters if p.dist is not None}
    assert uncertain == set(ow.index)
    # only the parameters of transfers leave the saldo unchanged
    transfers = {"aandeel_bijstand", "huurtoeslag_maand"}
    assert (ow.loc[sorted(uncertain - transfers), "swing"] > 0).all()
    assert (ow.loc[sorted(transfers), "swing"].abs() < 1e-6).all()
    assert {p.name for p in m.parameters if p.dist is None} == {"deelnemers",
                                                                 "bijstandsnorm_maand"}


ENGLISH = re.compile(r"\b(the|and|with|who|from|that|their|are|which)\b", re.I)


def test_descriptions_are_in_dutch():
    m = model()
    texts = [pm.description for pm in m.project.pm]
    texts += [s.description for s in (*m.project.streams, *m.reference.streams)]
    texts += [p.description for p in m.parameters]
    assert all(texts[: len(m.project.pm)])
    for text in texts:
        assert not ENGLISH.search(text), text


def test_own_kengetallen_are_sourced_and_graded():
    text = resources.files("mkba.interventions").joinpath(
        "data", "kengetallen_skaeve_huse.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert {r["model"] for r in rows} == {"skaeve_huse"}
    for r in rows:
        where = r["name"]
        assert r["unit"] and len(r["source"]) > 40 and r["grade"] in {"A", "B", "C"}, where
        assert bool(r["price_year"]) == ("EUR" in r["unit"]), where
        if r["source"].startswith("Aanname"):
            assert r["source"].startswith("Aanname: ") and r["grade"] == "C", where
        if r["dist"] in ("PERT", "Triangular"):
            assert float(r["low"]) <= float(r["value"]) == float(r["mode"]) <= float(r["high"])
        elif r["dist"] == "Dirichlet":
            assert float(r["alpha"]) > 0, where
        else:
            assert r["name"] == "deelnemers", where
