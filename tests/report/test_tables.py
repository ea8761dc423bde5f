"""Presentation tables: Dutch and English, formatted for print."""

from __future__ import annotations

import pandas as pd
import pytest

import mkba
from mkba import report, sensitivity
from mkba.errors import MkbaTypeError
from tests.plotting.models import small_model


@pytest.fixture(scope="module")
def model():
    return small_model()


@pytest.fixture(scope="module")
def result(model):
    return model.evaluate()


def test_overview_table_is_formatted_with_pm_items(result):
    nl = report.overview_table(result, "nl")
    assert list(nl.columns) == ["onderdeel", "post", "waarde", "toelichting"]
    assert all(isinstance(v, str) for v in nl.to_numpy().ravel())
    value = dict(zip(nl["post"], nl["waarde"], strict=True))
    assert value["Totaal kosten"] == report.tables.format_amount(result.pv_costs, "nl")
    assert value["Totaal kosten"].startswith("€ ") and "." in value["Totaal kosten"]
    assert value["Baten/kosten-verhouding"] == f"{result.bcr:.2f}".replace(".", ",")
    assert value["Terugverdienjaar"] == "2027"
    assert value["Welbevinden deelnemer"] == "PM"
    assert nl.attrs["title"] == "MKBA-overzicht" and "prijspeil 2025" in nl.attrs["note"]
    en = report.overview_table(result, "en")
    assert list(en.columns) == ["section", "item", "value", "note"]
    assert dict(zip(en["item"], en["value"], strict=True))["Benefit/cost ratio"] == (
        f"{result.bcr:.2f}")


def test_stakeholder_table_has_a_total_that_is_the_npv(result):
    nl = report.stakeholder_table(result, "nl")
    assert list(nl.columns) == ["Actor", "Kosten", "Baten", "Ontvangen overdrachten",
                                "Betaalde overdrachten", "Saldo"]
    assert nl.iloc[-1]["Actor"] == "Totaal"
    assert nl.iloc[-1]["Saldo"] == report.tables.format_amount(result.npv, "nl")
    en = report.stakeholder_table(result, "en")
    assert en.columns[0] == "Stakeholder" and en.iloc[-1, 0] == "Total"


def test_cashflow_and_parameter_tables(result, model):
    flows = report.cashflow_table(result, "nl")
    assert list(flows["Jaar"]) == ["2025", "2026", "2027", "2028"]
    assert flows.iloc[0]["Saldo"] == "€ −80.000"
    params = report.parameter_table(model, "en")
    row = params[params["Name in model"] == "prijs_nacht"].iloc[0]
    assert row["Parameter"] == "Prijs per nacht" and row["Grade"] == "B"
    assert row["Source"].startswith("Benchmark") and row["Price year"] == "2025"
    assert row["Uncertainty"].startswith("Triangular(")
    nl = report.parameter_table(result, "nl")
    assert nl.iloc[0]["Onzekerheid"] == "Triangular(60; 75; 95)"
    assert nl.iloc[1]["Onzekerheid"] == "PERT(30; 40; 50)"
    assert nl.iloc[2]["Onzekerheid"] == "–"


def test_sensitivity_tables(model):
    one_way = sensitivity.one_way(model)
    ow = report.one_way_table(one_way, "nl")
    widest = one_way.to_frame().sort_values("swing", ascending=False).iloc[0]
    assert ow.iloc[0]["Parameter"] == widest["label"]  # widest swing first, by label
    assert ow.iloc[0]["Bandbreedte"] == report.tables.format_amount(widest["swing"], "nl")
    assert "prijs_nacht" not in ow.to_string()
    sc = report.scenario_table(sensitivity.scenarios(model, {"Laag": {"prijs_nacht": 60}}),
                               "en")
    assert list(sc["Scenario"]) == ["Base case", "Laag"]
    mc = sensitivity.monte_carlo(model, n_draws=300, rng=3)
    summary = report.monte_carlo_table(mc, "nl")
    assert next(iter(summary["Uitkomst"])) == "Saldo"
    assert "300 trekkingen" in summary.attrs["note"]
    assert "startwaarde (seed) 3" in summary.attrs["note"]
    by = report.monte_carlo_stakeholder_table(mc, "en")
    assert by["Probability of a positive NPV"].str.endswith("%").all()
    sobol = pd.DataFrame({"parameter": ["a"], "label": ["A"], "S1": [0.5], "ST": [0.6],
                          "S1_conf_low": [0.4], "S1_conf_high": [0.6],
                          "ST_conf_low": [0.5], "ST_conf_high": [0.7]})
    st = report.sobol_table(sobol, "nl")
    assert st.iloc[0].tolist() == ["A", "0,50", "0,40 – 0,60", "0,60", "0,50 – 0,70"]


def test_compare_table_from_models_or_a_frame(result):
    other = small_model(cost=300_000).replace(name="Duurder")
    table = report.compare_table([result, other], "nl")
    assert list(table["Interventie"]) == [result.model.name, "Duurder"]
    assert table.iloc[0]["Saldo"] == report.tables.format_amount(result.npv, "nl")
    same = report.compare_table(mkba.compare([result, other]), "nl")
    pd.testing.assert_frame_equal(table, same)


def test_html_rendering_escapes_and_aligns(result):
    table = report.parameter_table(result, "nl")
    html = report.to_html_table(table)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<th scope="col" class=num>Waarde</th>' in html
    styler = report.to_styler(report.stakeholder_table(result, "en"))
    assert "<table" in styler.to_html()


def test_tables_refuse_the_wrong_object(model):
    with pytest.raises(MkbaTypeError, match="evaluate"):
        report.overview_table(model, "nl")
    with pytest.raises(MkbaTypeError):
        report.one_way_table(object(), "nl")
