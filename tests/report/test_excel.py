"""The Excel report, read back with openpyxl."""

from __future__ import annotations

import pytest

from mkba import report, sensitivity
from mkba.errors import MkbaTypeError, SpecificationError
from tests.plotting.models import small_model

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def model():
    return small_model()


def cells(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_workbook_has_the_tables_formatted(model, tmp_path):
    path = report.to_excel(model, tmp_path / "mkba.xlsx", formulas=False)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Overzicht", "Actoren", "Per jaar", "Stromen per jaar",
                             "Parameters", "Gevoeligheid", "Over dit model"]
    ws = wb["Overzicht"]
    assert [c.value for c in ws[1]] == ["onderdeel", "post", "waarde", "toelichting"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    total = next(row for row in ws.iter_rows(min_row=2) if row[1].value == "Totaal kosten")
    result = model.evaluate()
    assert total[2].value == pytest.approx(result.pv_costs)  # a number, not text
    assert "€" in total[2].number_format
    assert ws.column_dimensions["B"].width > 10
    pm = next(row for row in ws.iter_rows(min_row=2) if row[1].value == "Welbevinden deelnemer")
    assert pm[2].value == "PM"


def test_parameters_sheet_has_sources_and_grades(model, tmp_path):
    path = report.to_excel(model, tmp_path / "mkba.xlsx", lang="en", one_way=False)
    wb = openpyxl.load_workbook(path)
    assert "Sensitivity" not in wb.sheetnames
    rows = cells(wb["Parameters"])
    header = rows[0]
    assert header[:3] == ["Parameter", "Name in model", "Value"]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Source"] == "Benchmark Maatschappelijke opvang 2024 <script>"
    assert first["Grade"] == "B" and first["Value"] == 75 and first["Price year"] == 2025


def test_flows_sheet_adds_up_to_the_npv(model, tmp_path):
    path = report.to_excel(model.evaluate(), tmp_path / "mkba.xlsx", lang="en", formulas=False)
    ws = openpyxl.load_workbook(path)["Flows per year"]
    rows = cells(ws)
    header = rows[0]
    kind, pv = header.index("Kind"), header.index("Present value")
    body = [r for r in rows[1:] if r[kind] in ("cost", "benefit")]
    npv = sum(r[pv] * (1 if r[kind] == "benefit" else -1) for r in body)
    assert npv == pytest.approx(model.evaluate().npv)


def test_sensitivity_results_given_or_computed(model, tmp_path):
    mc = sensitivity.monte_carlo(model, n_draws=200, rng=1)
    path = report.to_excel(model, tmp_path / "mkba.xlsx", sensitivity={"monte_carlo": mc},
                           scenarios={"Laag": {"prijs_nacht": 60}})
    names = openpyxl.load_workbook(path).sheetnames
    for sheet in ("Gevoeligheid", "Scenario's", "Monte Carlo", "Monte Carlo actoren"):
        assert sheet in names


def test_bad_arguments_fail_before_writing(model, tmp_path):
    path = tmp_path / "mkba.xlsx"
    path.write_text("previous")
    with pytest.raises(MkbaTypeError):
        report.to_excel(object(), path)
    with pytest.raises(SpecificationError, match="sensitivity keys"):
        report.to_excel(model, path, sensitivity={"tornado": None})
    with pytest.raises(SpecificationError, match="lang"):
        report.to_excel(model, path, lang="de")
    with pytest.raises(SpecificationError, match="does not exist"):
        report.to_excel(model, tmp_path / "nope" / "mkba.xlsx")
    assert path.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["mkba.xlsx"]  # no temporary files left


def test_the_value_of_further_research_gets_a_sheet_when_it_is_not_zero(tmp_path):
    from mkba import Intervention, Model, Parameter, Stream
    from mkba.distributions import Normal

    m = Model(name="Onderzoek", start_year=2025, horizon=1, discount=0.0,
              parameters=[Parameter(name="x", value=0.0, dist=Normal(0, 1))],
              project=Intervention(name="P", streams=[
                  Stream(name="X", kind="benefit", stakeholder="Gemeente",
                         amount="1000 * x + 100"),
                  Stream(name="C", kind="cost", stakeholder="Rijk", amount="200")]))
    mc = sensitivity.monte_carlo(m, n_draws=4000, rng=1)
    table = mc.evppi_table()
    for formulas in (True, False):
        path = report.to_excel(m, tmp_path / f"r{formulas}.xlsx", formulas=formulas,
                               sensitivity={"monte_carlo": mc})
        ws = openpyxl.load_workbook(path)["Nader onderzoek"]
        values = [c.value for row in ws.iter_rows() for c in row]
        assert table.loc["x", "society"] == pytest.approx(
            next(v for v in values if isinstance(v, float)), rel=1e-12)
    summ = sensitivity.monte_carlo(m, n_draws=4000, rng=1, keep="summary")
    path = report.to_excel(m, tmp_path / "s.xlsx", sensitivity={"monte_carlo": summ})
    assert "Nader onderzoek" not in openpyxl.load_workbook(path).sheetnames
