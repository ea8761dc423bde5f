"""Cohorts, rows of shares and lifetimes in model files and parameter tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkba import Cohort, Intervention, Model, Parameter, Stream
from mkba.cli import main
from mkba.distributions import Beta, Dirichlet
from mkba.io import (
    ModelFileError,
    dumps_model,
    model_from_dict,
    model_to_dict,
    read_model,
    read_parameters,
    write_model,
    write_parameters,
)


def people_model() -> Model:
    def alt(name: str, effect: str) -> Intervention:
        c = Cohort(name="dak- en thuislozen", states=("straat", "opvang", "woning", "overleden"),
                   start={"straat": "n_start", "opvang": 40}, inflow={"straat": "10 * ramp(t, 2)"},
                   transitions={("straat", "opvang"): 0.3, ("opvang", "*"): "uit_opvang",
                                ("woning", "straat"): f"p_terug * {effect}",
                                ("straat", "overleden"): "0.01"},
                   counting="end", description="feitelijk daklozen in de regio")
        return Intervention(name=name, cohorts=[c], streams=[
            Stream(name="Opvang", kind="cost", stakeholder="Gemeente", amount="opvang * 365 * 60"),
            Stream(name="Inrichting", kind="cost", stakeholder="Gemeente",
                   amount="entering(woning) * 2500", lifetime=7.5),
        ])

    return Model(
        name="Mensen in beweging", start_year=2025, horizon=8, discount=0.028,
        parameters=[
            Parameter(name="n_start", value=60, unit="personen"),
            Parameter(name="uit_opvang", dist=Dirichlet({"opvang": 60, "woning": 30, "straat": 10}),
                      source="Aanname", grade="C", description="waarheen uit de opvang"),
            Parameter(name="p_terug", value=0.1, dist=Beta(2, 18)),
            Parameter(name="effect", value=0.5),
        ],
        project=alt("Project", "effect"), reference=alt("Nulalternatief", "1"),
    )


def test_cohorts_rows_and_lifetimes_round_trip_exactly(tmp_path: Path) -> None:
    m = people_model()
    path = tmp_path / "m.toml"
    write_model(m, path)
    back = read_model(path)
    assert back == m
    assert back.evaluate().npv == m.evaluate().npv
    assert model_from_dict(model_to_dict(m)) == m
    text = dumps_model(m)
    assert 'to = "*"' in text and "lifetime = 7.5" in text and 'type = "Dirichlet"' in text


def test_a_row_of_shares_round_trips_through_a_parameter_table(tmp_path: Path) -> None:
    params = list(people_model().parameters)
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"kengetallen{suffix}"
        write_parameters(params, path)
        assert read_parameters(path) == params
    text = (tmp_path / "kengetallen.csv").read_text()
    assert "uit_opvang[woning],0.3,Dirichlet" in text


def test_a_model_file_can_take_its_rows_of_shares_from_a_table(tmp_path: Path) -> None:
    m = people_model()
    write_model(m, tmp_path / "m.toml", parameter_table="kengetallen.csv")
    assert read_model(tmp_path / "m.toml") == m


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d["project"]["cohorts"][0].update(states="straat"), "list of state names"),
        (lambda d: d["project"]["cohorts"][0].update(counting="half"), "not one of"),
        (lambda d: d["project"]["cohorts"][0]["transitions"][0].pop("probability"), "missing"),
        (lambda d: d["project"]["cohorts"][0]["transitions"].append(
            {"from": "straat", "to": "opvang", "probability": 0.1}), "given twice"),
        (lambda d: d["project"]["cohorts"][0].update(start=3), "table of states"),
        (lambda d: d["project"]["cohorts"][0].update(speed=3), "unknown key 'speed'"),
        (lambda d: d["project"]["cohorts"][0]["transitions"][0].update(probability=1.5),
         "not between 0 and 1"),
        (lambda d: d["parameters"]["uit_opvang"]["dist"]["alpha"].update(woning="veel"),
         "must be a number"),
        (lambda d: d["project"]["streams"][1].update(lifetime="lang"), "must be a number"),
    ],
)
def test_a_damaged_cohort_in_a_file_is_a_clear_error(change, match) -> None:
    data = model_to_dict(people_model())
    change(data)
    with pytest.raises(ModelFileError, match=match):
        model_from_dict(data, file="m.toml")


def test_show_lists_states_and_transitions_and_validate_checks_draws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    write_model(people_model(), path)
    assert main(["show", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Cohort 'dak- en thuislozen' (4 states, counting 'end')" in out
    assert "Transitions" in out and "uit_opvang" in out and "(row)" in out
    assert main(["validate", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "2 cohort(s) with 8 states (transitions checked in 1,000 draws)" in out
    # Dutch by default
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Cohort 'dak- en thuislozen' (4 toestanden, telling 'end')" in out
    assert "Overgangen" in out and "(rij)" in out and "Transitions" not in out
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 cohort(en) met 8 toestanden (overgangen gecontroleerd in 1.000 trekkingen)" in out


def test_validate_finds_a_probability_that_only_draws_make_impossible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = model_to_dict(people_model())
    data["parameters"]["p_terug"]["dist"] = {"type": "Beta", "a": 18, "b": 2}
    data["project"]["cohorts"][0]["transitions"][2]["probability"] = "p_terug * 1.15"
    path = tmp_path / "m.toml"
    path.write_text(dumps_model(model_from_dict(data)))
    assert main(["validate", str(path)]) != 0
    err = capsys.readouterr().err
    assert "cohort 'dak- en thuislozen'" in err and "row 'woning'" in err


def test_reports_show_the_people_flows_and_the_shares_of_a_row(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from mkba import report

    m = people_model()
    page = report.to_html(m, tmp_path / "m.html").read_text(encoding="utf-8")
    assert "Mensen in beweging" in page and "Effecten" in page
    params = report.tables.parameter_table(m, "nl")
    rows = params.set_index("Naam in model")
    assert rows.loc["uit_opvang[woning]", "Onzekerheid"] == "Dirichlet: 30 van 100"
    assert rows.loc["uit_opvang[woning]", "Waarde"] == "0,3"
    report.to_excel(m, tmp_path / "m.xlsx")
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    cells = [c.value for ws in wb for row in ws.iter_rows() for c in row]
    assert "Effecten" in cells and "uit_opvang[woning]" in cells
