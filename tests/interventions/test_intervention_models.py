"""The built-in intervention models: their logic, not only that they run."""

from __future__ import annotations

import math
import re
from functools import cache

import numpy as np
import pandas as pd
import pytest

import mkba
from mkba import interventions
from mkba.errors import UnknownNameError
from mkba.formula import parse
from mkba.model import Model, Stream

NAMES = ("ervaringsdeskundigheid", "housing_first", "jongerenregisseur", "kleinschalige_opvang",
         "preventie_huisuitzetting", "skaeve_huse", "uitstroom_weer_thuis",
         "wonen_bij_particulieren")
CORRECTIONS = ("deadweight", "attribution", "displacement", "drop_off", "growth")


@cache
def model(name: str) -> Model:
    return interventions.load(name)


def stream_pv(m: Model, **values: float) -> dict[str, float]:
    frame = m.evaluate(values or None).to_frame()
    return dict(zip(frame["stream"], frame["pv"], strict=True))


def formula_names(s: Stream) -> set[str]:
    out = set(parse(s.amount, context=s.name).names) if isinstance(s.amount, str) else set()
    for attr in CORRECTIONS:
        v = getattr(s, attr)
        if isinstance(v, str):
            out |= parse(v, context=f"{s.name} {attr}").names
    return out


def all_streams(m: Model) -> list[Stream]:
    return list(m.project.streams) + (list(m.reference.streams) if m.reference else [])


def test_names_lists_the_eight_models_sorted():
    assert interventions.names() == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_module_builds_the_same_model_as_load(name):
    module = getattr(interventions, name)
    assert module.build() == interventions.load(name)
    assert module.model is module.build
    assert module.__doc__ and "Nulalternatief" in module.__doc__


def test_unknown_name_suggests_the_closest():
    with pytest.raises(mkba.errors.UnknownNameError, match="wonen_bij_particulieren"):
        interventions.load("wonen_bij_particulier")
    with pytest.raises(KeyError):  # also a KeyError, as a user would expect
        interventions.load("housing_frist")


def test_unknown_override_is_refused():
    with pytest.raises(mkba.errors.UnknownNameError, match="instroom"):
        interventions.load("housing_first", instroom_=0.5)


@pytest.mark.parametrize("name", NAMES)
def test_load_with_overrides_equals_with_values(name):
    m = model(name)
    p = next(p for p in m.parameters if p.dist is not None and not p.is_row)
    new = min(p.value * 1.25 + 0.01, p.dist.support[1])
    a = interventions.load(name, **{p.name: new})
    b = m.with_values(**{p.name: new})
    assert a == b
    assert a.evaluate().npv == b.evaluate().npv


@pytest.mark.parametrize("name", NAMES)
def test_every_parameter_used_exists_and_every_parameter_is_used(name):
    m = model(name)
    used = set().union(*(formula_names(s) for s in all_streams(m)))
    for alternative in (m.project, m.reference):
        for c in alternative.cohorts:
            used |= c.names
    states = set(m.project.states) | set(m.reference.states)
    declared = {p.name for p in m.parameters}
    assert used - declared - states == set()
    assert declared - used == set()


@pytest.mark.parametrize("name", NAMES)
def test_model_is_a_real_mkba(name):
    m = model(name)
    streams = all_streams(m)
    assert len(streams) >= 6
    assert {"cost", "benefit"} <= {s.kind for s in streams}
    assert len({s.stakeholder for s in streams}) >= 3
    assert len(m.project.pm) >= 1
    assert m.horizon >= 5
    assert len(m.uncertain) >= 5
    assert m.participants == "deelnemers"
    for p in m.parameters:
        assert p.unit and p.source and len(p.source) >= 8 and p.grade in {"A", "B", "C"}
        if "eur" in p.unit.lower():
            assert p.price_year is not None, p.name
        else:
            assert p.price_year is None, f"{p.name}: a quantity with a price year"


@pytest.mark.parametrize("name", NAMES)
def test_doubling_the_people_doubles_costs_and_benefits(name):
    # every stream is linear in the persons per state, and the persons in the numbers at
    # the start and the instroom (kleinschalige opvang: places and persons scale together)
    m = model(name)
    scale = {n: 2 * m.parameter(n).value for n in ("deelnemers", "instroom")
             if n in m.parameter_names}
    r1, r2 = m.evaluate(), m.evaluate(scale)
    assert r1.pv_costs > 0 and r1.pv_benefits > 0
    assert r2.pv_costs == pytest.approx(2 * r1.pv_costs, rel=1e-12)
    assert r2.pv_benefits == pytest.approx(2 * r1.pv_benefits, rel=1e-12)
    assert r2.npv == pytest.approx(2 * r1.npv, rel=1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_both_alternatives_follow_the_same_people(name):
    # the same start and instroom: the persons summed over all states (the dead
    # included) are equal in the project and the nulalternatief in every year
    occ = model(name).evaluate().occupancy()
    totals = occ.groupby(["alternative", "t"])["persons"].sum().unstack("alternative")
    assert totals["project"].to_numpy() == pytest.approx(totals["reference"].to_numpy(),
                                                        rel=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_shelter_is_cash_for_the_gemeente_only_where_capacity_closes(name):
    m = model(name)

    def shelter(values):
        frame = m.evaluate(values).to_frame()
        lines = frame[(frame["category"] == "Opvang") & (frame["stakeholder"] == "Gemeente")
                      & (frame["kind"] != "transfer")]
        return float(lines["net"].sum())

    p = m.parameter("capaciteit_afgebouwd")
    assert p.dist is not None and p.value < 1 and p.grade == "C"
    assert shelter({"capaciteit_afgebouwd": 0.0}) <= 1e-6
    assert shelter({"capaciteit_afgebouwd": 1.0}) > shelter({"capaciteit_afgebouwd": 0.0})
    # the saving grows in proportion to the share of capacity closed
    half = shelter({"capaciteit_afgebouwd": 0.5}) - shelter({"capaciteit_afgebouwd": 0.0})
    full = shelter({"capaciteit_afgebouwd": 1.0}) - shelter({"capaciteit_afgebouwd": 0.0})
    assert half == pytest.approx(full / 2, rel=1e-9)


# the capacity lines of clinic beds and cells: (closed share, line, payer, price per day)
BEDS_AND_CELLS = [
    ("capaciteit_afgebouwd_ggz", "Afgebouwde capaciteit GGZ-kliniek", "Zorgverzekeraar",
     "prijs_ggz_opnamedag"),
    ("capaciteit_afgebouwd_detentie", "Afgebouwde capaciteit detentie", "Politie en justitie",
     "prijs_detentiedag"),
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("share", "line", "payer", "price"), BEDS_AND_CELLS)
def test_crisis_and_detention_days_are_cash_only_where_capacity_closes(
        name, share, line, payer, price):
    # GGZ clinics have waiting lists and DJI runs at full occupancy: a bed-day or cell-day
    # saved frees a bed or cell for the next patient or detainee (PM); its payer saves
    # cash only on the closed share, as the gemeente does on shelter
    m = model(name)
    p = m.parameter(share)
    assert p.dist is not None and 0 < p.value < 1 and p.grade == "C"
    assert p.source.startswith("Aanname: ")
    for alternative in (m.project, m.reference):
        s = alternative.stream(line)
        assert (s.kind, s.stakeholder) == ("cost", payer)
    # every stream that prices the days carries the closed share: no full-price day left
    for s in all_streams(m):
        if price in formula_names(s):
            assert share in formula_names(s), s.name
    with pytest.warns(mkba.errors.MkbaWarning, match="outside its distribution"):
        full = stream_pv(m, **{share: 1.0})  # 1 lies off the assumed range on purpose
    none, half, base = stream_pv(m, **{share: 0.0}), stream_pv(m, **{share: 0.5}), stream_pv(m)
    assert none[line] == 0.0
    assert full[line] < 0  # fewer days in the project: a cost avoided
    assert half[line] == pytest.approx(full[line] / 2, rel=1e-12)
    assert base[line] == pytest.approx(full[line] * p.value, rel=1e-12)
    # nothing else moves with the share: emergency care and offences keep their price
    others = set(full) - {line}
    assert {k: none[k] for k in others} == pytest.approx({k: full[k] for k in others},
                                                         rel=1e-12, abs=1e-9)
    assert {"Vrijgekomen GGZ-bedden voor wachtenden",
            "Vrijgekomen cellen: minder heenzendingen"} <= {pm.name for pm in m.project.pm}


@pytest.mark.parametrize("name", NAMES)
def test_emergency_care_and_offences_keep_their_full_price(name):
    # not capacity-bound: a visit or an offence avoided is a cost avoided whatever the
    # closed shares of beds and cells
    m = model(name)
    for s in all_streams(m):
        names = formula_names(s)
        if names & {"prijs_seh", "kosten_delict_overlast", "kosten_delict_diefstal"}:
            assert not any(n.startswith("capaciteit_afgebouwd") for n in names), s.name


def test_capacity_lines_of_housing_first_by_hand():
    # closed share x days x price per day x discount factor, summed over the years, with
    # the days (rate per person-year) x (persons on the street or in shelter + persons
    # housed x (1 - reduction)), project minus nulalternatief. Prices: 327 EUR a nursing day
    # (2022) and 262 EUR a detention day (2013), brought to 2025 with the CBS CPI
    m = model("housing_first")
    v = {p.name: p.value for p in m.parameters}
    occ = m.evaluate().occupancy().pivot_table(index=["alternative", "t"], columns="state",
                                               values="persons")
    flows = m.evaluate().flows()
    pv = stream_pv(m)
    for share, line, _, price, rate, reduction, base_price in (
            (*BEDS_AND_CELLS[0], "ggz_opnamedagen_dakloos", "reductie_zorg_gehuisvest", 327),
            (*BEDS_AND_CELLS[1], "detentiedagen_dakloos", "reductie_justitie_gehuisvest", 262)):
        assert v[price] == base_price and v[share] == 0.25 and v[rate] == 5

        def days(alt: str, rate=rate, reduction=reduction):
            t = occ.loc[alt]
            homeless = t["straat"] + t["opvang"]
            housed = t["woning_begeleid"] + t["woning_zelfstandig"]
            return ((homeless + housed * (1 - v[reduction])) * v[rate]).to_numpy()

        df = flows[flows["stream"] == line].sort_values("t")["discount_factor"].to_numpy()
        day = base_price * m.price_factor(m.parameter(price))
        expected = (0.25 * (days("project") - days("reference")) * day * df).sum()
        assert expected < 0
        assert pv[line] == pytest.approx(expected, rel=1e-12)
        # the rule before: every day saved at its full price, four times as much
        with pytest.warns(mkba.errors.MkbaWarning):
            assert stream_pv(m, **{share: 1.0})[line] == pytest.approx(4 * expected, rel=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_housing_is_treated_alike_cost_price_rent_and_woongenot(name):
    m = model(name)
    for alternative in (m.project, m.reference):
        s = alternative.stream("Woning (kostprijshuur)")
        assert (s.kind, s.stakeholder) == ("cost", "Woningcorporatie")
        rent = alternative.stream("Huur")
        assert (rent.kind, rent.payer, rent.stakeholder) == (
            "transfer", "Deelnemer", "Woningcorporatie")
        assert alternative.stream("Woongenot").kind == "benefit"


@pytest.mark.parametrize("name", NAMES)
def test_stakeholder_table_balances_and_transfers_net_to_zero(name):
    r = model(name).evaluate()
    table = r.by_stakeholder()
    assert table["net"].sum() == pytest.approx(r.npv, rel=1e-9, abs=1e-6)
    assert table["transfers_in"].sum() == pytest.approx(table["transfers_out"].sum())
    frame = r.to_frame()
    assert (frame.loc[frame["kind"] == "transfer", "net"] == 0).all()


@pytest.mark.parametrize("name", NAMES)
def test_metrics_are_finite(name):
    r = model(name).evaluate()
    for metric in ("npv", "pv_costs", "pv_benefits", "bcr", "roi"):
        assert math.isfinite(getattr(r, metric)), metric


# (model, the effect parameters of the project)
EFFECTS = [
    ("ervaringsdeskundigheid", {"effect_uitstroom_ed": 0.0, "effect_terugval_ed": 0.0}),
    ("kleinschalige_opvang", {"effect_uitstroom": 0.0}),
    ("housing_first", {"p_woningverlies_hf": "p_woningverlies_nul",
                       "p_herhuisvesting_hf": "p_doorstroom_nul"}),
]


@pytest.mark.parametrize(("name", "effects"), EFFECTS)
def test_without_its_effect_the_project_moves_people_as_the_nulalternatief(name, effects):
    m = model(name)
    values = {k: (m.parameter(v).value if isinstance(v, str) else v)
              for k, v in effects.items()}
    if name == "housing_first":  # the same start too: everyone begins where they would
        values["aandeel_opvang_nul"] = 1.0
    r = m.evaluate(values)
    eff = r.effects()
    if name != "housing_first":
        assert eff["difference"].abs().max() < 1e-9
    assert m.evaluate().effects()["difference"].abs().max() > 1.0


def test_experts_by_experience_gain_their_pay_less_bijstand_and_free_time():
    # per FTE from bijstand and year: pay (net of gross + IKB, plus the pension premium)
    # minus the bijstand they lose minus the value of their free time; one FTE per
    # caseload_ed clients reached (in shelter or housed) in the project
    m = model("ervaringsdeskundigheid")
    r = m.evaluate()
    v = {p.name: p.value for p in m.parameters}
    wage = v["brutoloon_ed_uur"] * v["uren_per_fte"] * m.price_factor(
        m.parameter("brutoloon_ed_uur"))  # the wage is in 2024 prices, the bijstand in 2025
    pay = wage * ((1 + v["aandeel_ikb"]) * (1 - v["belastingdruk"]) + v["aandeel_pensioen"])
    leisure = wage * (1 + v["aandeel_ikb"]) * (1 - v["belastingdruk"]) * v["waarde_vrije_tijd"]
    occ = r.occupancy()
    reached = (occ[(occ["alternative"] == "project") & occ["state"].isin(["opvang", "woning"])]
               .groupby("t")["persons"].sum().to_numpy())
    fte = reached / v["caseload_ed"] * v["aandeel_ed_uit_uitkering"]
    df = r.flows().query("stream == 'Bijstand vervalt'").sort_values("t")["discount_factor"]
    expected = float((fte * (pay - leisure - v["bijstandsnorm_maand"] * 12) * df).sum())
    gain = r.by_stakeholder().loc["Ervaringsdeskundigen", "net"]
    assert gain == pytest.approx(expected, rel=1e-9)
    assert gain > 0
    lines = r.to_frame().set_index("stream")
    assert (lines.loc["Bijstand vervalt", "payer"], lines.loc["Bijstand vervalt", "stakeholder"]) \
        == ("Ervaringsdeskundigen", "Gemeente")


def test_small_scale_places_are_capacity_in_both_alternatives():
    m = model("kleinschalige_opvang")
    # with no capacity closed, the places cost the same whatever move-on does
    a = m.evaluate({"capaciteit_afgebouwd": 0.0, "effect_uitstroom": 0.0}).to_frame()
    b = m.evaluate({"capaciteit_afgebouwd": 0.0, "effect_uitstroom": 0.8}).to_frame()
    pa, pb = (dict(zip(f["stream"], f["pv"], strict=True)) for f in (a, b))
    assert pa["Opvangplaatsen"] == pytest.approx(pb["Opvangplaatsen"], rel=1e-12)
    # faster move-on costs homes and support
    assert pb["Woning (kostprijshuur)"] > pa["Woning (kostprijshuur)"]
    assert pb["Ambulante begeleiding na uitstroom"] > pa["Ambulante begeleiding na uitstroom"]
    assert "Restwaarde Verbouwing woningen" in pa


def test_housing_first_loses_homes_at_a_yearly_rate_derived_from_the_cumulative_83():
    p = model("housing_first").parameter("p_woningverlies_hf")
    assert p.value == pytest.approx(1 - 0.83 ** (1 / 3), abs=0.002)
    assert "0,83^(1/3)" in p.source and p.grade == "C"
    table = model("housing_first").evaluate().by_stakeholder()
    assert "Woningcorporatie" in table.index


def test_guests_rent_is_a_transfer_and_the_room_has_an_opportunity_cost():
    m = model("wonen_bij_particulieren")
    s = m.project.stream("Huur kamer")
    assert (s.kind, s.payer, s.stakeholder) == ("transfer", "Deelnemer", "Gastgezin")
    cost = m.project.stream("Gebruik kamer (alternatieve aanwending)")
    assert (cost.kind, cost.stakeholder) == ("cost", "Gastgezin")
    guarantee = m.project.stream("Betalingsgarantie")
    assert (guarantee.payer, guarantee.stakeholder) == ("Gemeente", "Gastgezin")
    table = m.evaluate().by_stakeholder()
    assert table.loc["Gastgezin", "transfers_in"] > 0


def test_participants_of_onder_de_pannen_are_mostly_not_in_shelter_without_it():
    m = model("wonen_bij_particulieren")
    where = m.parameter("verblijf_nul")
    assert where.is_row and where.value["opvang"] < 0.2 < where.value["logeren"]
    occ = m.evaluate().occupancy()
    start = occ[(occ["alternative"] == "reference") & (occ["t"] == 0)].set_index("state")
    assert start.loc["opvang", "persons"] < start.loc["logeren", "persons"]


# English words that are not Dutch words: a description containing one is not in Dutch
ENGLISH = re.compile(r"\b(the|and|with|who|from|that|their|are|which)\b", re.I)


@pytest.mark.parametrize("name", NAMES)
def test_pm_and_stream_descriptions_are_in_dutch(name):
    # they show in the Dutch overview table (PM) and in model files and reports (streams)
    m = model(name)
    texts = [(pm.name, pm.description) for pm in m.project.pm]
    texts += [(s.name, s.description) for s in all_streams(m)]
    for item, text in texts:
        assert not ENGLISH.search(text), f"{item}: {text!r}"


@pytest.mark.parametrize("name", NAMES)
def test_parameter_descriptions_are_in_dutch(name):
    # they show as "Toelichting" in the Dutch parameter table and reports
    m = model(name)
    for p in m.parameters:
        assert p.description, p.name
        assert not ENGLISH.search(p.description), f"{p.name}: {p.description!r}"
    table = mkba.report.parameter_table(m, "nl")
    assert not any(ENGLISH.search(text) for text in table["Toelichting"])


@pytest.mark.parametrize("name", NAMES)
def test_every_model_shares_the_frame_of_the_built_in_models(name):
    from mkba.interventions._kengetallen import PRICE_YEAR, START_YEAR

    m = model(name)
    assert (m.start_year, m.price_year, m.participants) == (START_YEAR, PRICE_YEAR, "deelnemers")


@pytest.mark.parametrize("name", NAMES)
def test_every_model_describes_itself_in_one_line(name):
    nl, en = interventions.describe(name), interventions.describe(name, "en")
    assert nl and "\n" not in nl and len(nl) <= 200, nl
    assert en and "\n" not in en, en
    assert nl != en


def test_describe_refuses_an_unknown_name():
    with pytest.raises(UnknownNameError, match="housing_first"):
        interventions.describe("housing_frist")


@pytest.mark.parametrize("name", NAMES)
def test_every_draw_of_a_large_monte_carlo_run_is_a_valid_model(name):
    """No draw leaves a row of probabilities above one. kleinschalige_opvang's faster
    move-on did, once in a few thousand draws (seed 2025 within 20,000), before it was
    capped at the residents who neither go to the street nor die; so did
    preventie_huisuitzetting's help (seed 20250101 within 100,000) before it was capped
    at the households that neither resolve their arrears nor are evicted."""
    for seed, n in ((2025, 20_000), (20250101, 100_000)):
        mc = mkba.sensitivity.monte_carlo(model(name), n, rng=seed, keep="metrics")
        assert mc.n_draws == n and np.isfinite(mc.npv).all()


def test_faster_move_on_from_small_scale_shelter_never_exceeds_those_who_stay():
    values = dict(p_uitstroom_nul=0.5, p_opvang_straat=0.2, sterfte_dakloos=0.04)
    base = model("kleinschalige_opvang").with_values(**values)
    # 0.5 * 1.8 = 0.9 would leave the row at 0.9 + 0.2 + 0.04 > 1: capped at
    # 1 - 0.2 - 0.04 = 0.76, which is what an effect of 0.76 / 0.5 - 1 = 0.52 gives
    capped = base.with_values(effect_uitstroom=0.8).evaluate().occupancy()
    exact = base.with_values(effect_uitstroom=0.52).evaluate().occupancy()
    pd.testing.assert_frame_equal(capped, exact, rtol=1e-12)
    below = base.with_values(effect_uitstroom=0.3).evaluate().occupancy()
    assert not np.allclose(below["persons"], exact["persons"])
