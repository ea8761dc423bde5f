"""The built-in intervention models: their logic, not only that they run."""

from __future__ import annotations

import math
import re
from functools import cache

import pytest

import mkba
from mkba import interventions
from mkba.formula import parse
from mkba.model import Model, Stream

NAMES = ("ervaringsdeskundigheid", "housing_first", "kleinschalige_opvang",
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


def test_names_lists_the_four_models_sorted():
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
    with pytest.raises(mkba.errors.UnknownNameError, match="woonbehoud"):
        interventions.load("housing_first", woonbehoud_=0.5)


@pytest.mark.parametrize("name", NAMES)
def test_load_with_overrides_equals_with_values(name):
    m = model(name)
    p = next(p for p in m.parameters if p.dist is not None)
    new = p.value * 1.25 + 0.01
    a = interventions.load(name, **{p.name: new})
    b = m.with_values(**{p.name: new})
    assert a == b
    assert a.evaluate().npv == b.evaluate().npv


@pytest.mark.parametrize("name", NAMES)
def test_every_parameter_used_exists_and_every_parameter_is_used(name):
    m = model(name)
    used = set().union(*(formula_names(s) for s in all_streams(m)))
    declared = {p.name for p in m.parameters}
    assert used - declared == set()
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
def test_doubling_participants_doubles_costs_and_benefits(name):
    m = model(name)
    r1 = m.evaluate()
    r2 = m.evaluate({"deelnemers": 2 * m.parameter("deelnemers").value})
    assert r1.pv_costs > 0 and r1.pv_benefits > 0
    assert r2.pv_costs == pytest.approx(2 * r1.pv_costs, rel=1e-12)
    assert r2.pv_benefits == pytest.approx(2 * r1.pv_benefits, rel=1e-12)
    assert r2.npv == pytest.approx(2 * r1.npv, rel=1e-9)


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


# (model, effect parameter set to zero, the benefit streams it removes)
EFFECTS = [
    ("ervaringsdeskundigheid", "opvangdagen_vermeden", ["Vermeden opvangdagen"]),
    ("ervaringsdeskundigheid", "politiecontacten_vermeden", ["Minder politie-inzet"]),
    ("kleinschalige_opvang", "extra_uitstroom", ["Vermeden opvang door snellere uitstroom"]),
    ("kleinschalige_opvang", "overlast_incidenten_vermeden",
     ["Minder politie-inzet bij overlast"]),
    ("wonen_bij_particulieren", "aandeel_opvang_nul",
     ["Vermeden nachtopvang tijdens verblijf", "Vermeden opvang na uitstroom"]),
    ("wonen_bij_particulieren", "ggz_contacten_vermeden", ["Minder GGZ-contacten"]),
    ("housing_first", "reductie_acute_zorg",
     ["Minder spoedeisende hulp", "Minder ambulanceritten", "Minder GGZ-crisisopnames"]),
    ("housing_first", "reductie_politie_justitie", ["Minder politie-inzet", "Minder detentie"]),
]


@pytest.mark.parametrize(("name", "effect", "streams"), EFFECTS)
def test_setting_an_effect_to_zero_removes_its_benefit(name, effect, streams):
    m = model(name)
    base = stream_pv(m)
    zero = stream_pv(m, **{effect: 0.0})
    for s in streams:
        assert base[s] > 0
        assert zero[s] == 0.0
    untouched = [s for s in base if s not in streams and effect not in
                 formula_names(next(x for x in all_streams(m) if x.name == s))]
    for s in untouched:
        assert zero[s] == pytest.approx(base[s])
    assert m.evaluate({effect: 0.0}).pv_benefits < m.evaluate().pv_benefits


def test_attribution_and_deadweight_scale_the_expert_effects():
    m = model("ervaringsdeskundigheid")
    base = stream_pv(m)
    full = stream_pv(m, attributie_professional=0.0, deadweight_ed=0.0)
    # (1 - 0.5) * (1 - 0.2) = 0.4 of the gross effect remains at the defaults
    assert base["Vermeden opvangdagen"] == pytest.approx(0.4 * full["Vermeden opvangdagen"])
    assert base["Loonkosten ervaringsdeskundigen"] == full["Loonkosten ervaringsdeskundigen"]


def test_small_scale_shelter_is_measured_against_large_scale_shelter():
    m = model("kleinschalige_opvang")
    assert m.reference is not None
    assert [s.name for s in m.reference.streams] == ["Exploitatie opvangplaatsen"]
    # equal cost per place in both alternatives: nothing left of the matched stream
    r = m.evaluate({"kosten_plaats_kleinschalig": 0.0})
    pv = dict(zip(r.to_frame()["stream"], r.to_frame()["pv"], strict=True))
    assert pv["Exploitatie opvangplaatsen"] < 0  # only the avoided large-scale places remain


def test_housing_first_with_full_retention_has_no_shelter_left():
    m = model("housing_first")
    r = m.evaluate({"woonbehoud": 1.0, "aandeel_opvang_nul": 1.0})
    flows = r.flows()
    opvang = flows[flows["stream"] == "Verblijf in opvang"]
    # project: nobody in shelter; reference: everybody all year -> the whole cost avoided
    one_year = m.parameter("kosten_mo_per_jaar").value * m.price_factor(
        m.parameter("kosten_mo_per_jaar")) * m.parameter("deelnemers").value
    assert opvang["amount"].to_numpy() == pytest.approx(-one_year)


def test_guests_rent_is_a_transfer_from_guest_to_host():
    m = model("wonen_bij_particulieren")
    s = m.project.stream("Huur aan gastgezin")
    assert (s.kind, s.payer, s.stakeholder) == ("transfer", "Deelnemer", "Gastgezin")
    table = m.evaluate().by_stakeholder()
    assert table.loc["Gastgezin", "transfers_in"] > 0


def test_after_effect_of_moving_on_starts_in_the_second_year():
    r = model("wonen_bij_particulieren").evaluate()
    flows = r.flows()
    after = flows[flows["stream"] == "Vermeden opvang na uitstroom"].sort_values("t")
    assert after["amount"].iloc[0] == 0.0
    assert (after["amount"].iloc[1:] > 0).all()


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
