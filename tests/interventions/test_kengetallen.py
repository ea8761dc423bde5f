"""The data file of sourced unit values and its loader."""

from __future__ import annotations

import csv
from importlib import resources

import pandas as pd
import pytest

from mkba import interventions
from mkba.errors import UnknownNameError
from mkba.interventions import _kengetallen as kg


def raw_rows() -> list[dict[str, str]]:
    """The rows of every data file: kengetallen.csv and each kengetallen_<model>.csv."""
    data = resources.files("mkba.interventions").joinpath("data")
    files = sorted(f.name for f in data.iterdir() if f.name.startswith("kengetallen")
                   and f.name.endswith(".csv"))
    assert "kengetallen.csv" in files
    out: list[dict[str, str]] = []
    for name in files:
        out += csv.DictReader(data.joinpath(name).read_text("utf-8").splitlines())
    return out


def test_a_model_file_holds_only_its_own_model():
    data = resources.files("mkba.interventions").joinpath("data")
    for f in data.iterdir():
        if f.name.startswith("kengetallen_") and f.name.endswith(".csv"):
            own = f.name.removeprefix("kengetallen_").removesuffix(".csv")
            models = {r["model"] for r in csv.DictReader(f.read_text("utf-8").splitlines())}
            assert models == {own}, (f.name, models)


def test_every_row_has_source_unit_and_a_grade():
    rows = raw_rows()
    assert len(rows) > 40
    for r in rows:
        where = f"{r['model']}.{r['name']}"
        assert r["source"].strip() and len(r["source"]) >= 8, where
        assert r["unit"].strip(), where
        assert r["grade"] in {"A", "B", "C"}, where


def test_every_money_row_has_a_price_year_and_no_other_row_has_one():
    for r in raw_rows():
        money = "eur" in r["unit"].lower()
        assert bool(r["price_year"].strip()) == money, f"{r['model']}.{r['name']}"


def test_assumptions_are_graded_c_and_sources_are_dutch():
    english = ("assumption", "second-hand", "seen ", "based on", "estimate from")
    for r in raw_rows():
        where = f"{r['model']}.{r['name']}"
        if r["source"].startswith("Aanname"):
            assert r["source"].startswith("Aanname: ") and r["grade"] == "C", where
        if r["grade"] != "C":  # a grade above C is never an assumption or a second-hand read
            assert "Aanname" not in r["source"] and "tweedehands" not in r["source"], where
        assert not any(w in r["source"].lower() for w in english), where


def test_rows_belong_to_a_model_or_are_shared_and_are_unique():
    rows = raw_rows()
    assert {r["model"] for r in rows} == set(interventions.names()) | {"gedeeld"}
    keys = [(r["model"], r["name"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_every_shared_value_is_used_by_some_model():
    shared = {r["name"] for r in raw_rows() if r["model"] == "gedeeld"}
    used = {p.name for n in interventions.names() for p in interventions.load(n).parameters}
    assert shared <= used


def test_capacity_shares_of_beds_and_cells_are_shared_values_defined_once():
    # one capacity rule for every model: the shares of clinic beds and cells that close
    # are gedeeld rows, like capaciteit_afgebouwd, and no model file repeats them
    rows = raw_rows()
    for name in ("capaciteit_afgebouwd_ggz", "capaciteit_afgebouwd_detentie"):
        found = [r for r in rows if r["name"] == name]
        assert [r["model"] for r in found] == ["gedeeld"], name
        r = found[0]
        assert (r["unit"], r["dist"], r["grade"]) == ("fractie", "PERT", "C")
        assert 0 < float(r["value"]) < 1 and r["source"].startswith("Aanname: ")
    used_by = {n for n in interventions.names()
               if "capaciteit_afgebouwd_detentie" in interventions.load(n).parameter_names}
    assert used_by == set(interventions.names())


def test_no_shelter_price_is_a_budget_divided_by_a_head_count():
    # review 2026-11: kosten_mo_per_jaar (a national budget / persons, 2011) is no price
    names = {r["name"] for r in raw_rows()}
    assert not names & {"kosten_mo_per_jaar", "kosten_dag_nachtopvang", "politie_uurtarief"}
    units = {r["name"]: r["unit"] for r in raw_rows() if r["model"] == "gedeeld"}
    assert units["prijs_nachtopvang_nacht"] == "EUR/nacht"
    assert units["prijs_24uursopvang_etmaal"] == "EUR/etmaal"


def test_distribution_brackets_the_value():
    for r in raw_rows():
        if r["dist"] in ("PERT", "Triangular"):
            low, mode, high = float(r["low"]), float(r["mode"]), float(r["high"])
            assert low <= float(r["value"]) == mode <= high, r["name"]


def test_kengetallen_returns_the_table_as_a_dataframe():
    table = interventions.kengetallen()
    assert isinstance(table, pd.DataFrame)
    assert tuple(table.columns) == kg.COLUMNS
    assert len(table) == len(raw_rows())
    assert table["value"].dtype == float
    row = table[(table.model == "gedeeld") & (table.name == "prijs_seh")].iloc[0]
    assert row["value"] == 258.0 and row["grade"] == "B" and row["price_year"] == 2022


def test_a_dirichlet_row_is_one_parameter_from_a_row_per_share():
    params = {p.name: p for p in kg.parameters("wonen_bij_particulieren")}
    row = params["uit_kamer"]
    assert row.is_row and set(row.value) == {"eigen_woning", "logeren", "opvang", "straat"}
    assert sum(row.value.values()) == pytest.approx(1.0)
    assert row.dist.mean["eigen_woning"] == pytest.approx(0.53)  # Straat Consulaat 2019


def test_parameters_carry_every_column_of_their_row():
    params = {p.name: p for p in kg.parameters("housing_first", ["prijs_seh"])}
    seh = params["prijs_seh"]
    assert (seh.value, seh.unit, seh.price_year, seh.grade) == (258.0, "EUR/bezoek", 2022, "B")
    assert seh.label == "Prijs SEH-bezoek"
    assert seh.dist is not None and seh.dist.support == (200.0, 330.0)
    assert params["deelnemers"].dist is None


def test_parameters_refuses_unknown_models_and_shared_names():
    with pytest.raises(UnknownNameError, match="housing_first"):
        kg.parameters("housing_firts")
    with pytest.raises(UnknownNameError, match="prijs_seh"):
        kg.parameters("housing_first", ["prijs_sehh"])
