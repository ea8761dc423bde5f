"""The Word report, read back with python-docx."""

from __future__ import annotations

import pytest

import mkba
from mkba import PM, Intervention, Model, Parameter, Stream, report, sensitivity
from mkba.distributions import PERT
from mkba.errors import MkbaTypeError, SpecificationError
from tests.plotting.models import small_model

docx = pytest.importorskip("docx")


def text_of(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    m = mkba.interventions.load("wonen_bij_particulieren")
    sens = {"monte_carlo": sensitivity.monte_carlo(m, n_draws=200, rng=1),
            "one_way": sensitivity.one_way(m)}
    path = report.to_docx(m, tmp_path_factory.mktemp("docx") / "rapport.docx",
                          sensitivity=sens)
    return m, docx.Document(str(path)), sens


def test_headings_use_words_builtin_styles_so_a_template_applies(document):
    m, doc, _ = document
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(
        ("Title", "Heading"))]
    assert styles[0] == ("Title", f"Maatschappelijke kosten-batenanalyse: {m.name}")
    level1 = [text for style, text in styles if style == "Heading 1"]
    assert level1[:2] == ["Samenvatting", "MKBA-overzicht"]
    assert {"Verdeling over actoren", "Gevoeligheid en onzekerheid", "Parameters",
            "Bronnen"} <= set(level1)
    assert any(p.style.name == "Caption" and p.text.startswith("Tabel 1.")
               for p in doc.paragraphs)


def test_the_summary_is_the_reports_samenvatting_of_the_results(document):
    m, doc, sens = document
    r = m.evaluate()
    text = text_of(doc)
    summary = text.split("Samenvatting", 1)[1].split("MKBA-overzicht", 1)[0]
    expected = report.samenvatting(r, monte_carlo=sens["monte_carlo"], one_way=sens["one_way"])
    assert summary.strip().split("\n") == expected
    rounded = round(r.npv, -3)  # the summary rounds to thousands: € −145.000
    assert f"{abs(rounded):,.0f}".replace(",", ".") in expected[0]


def test_tables_are_word_tables_with_the_house_number_formats(document):
    m, doc, _ = document
    r = m.evaluate()
    assert len(doc.tables) >= 6  # overview, per year, stakeholders, one-way, MC (2), params
    overview = doc.tables[0]
    header = [c.text for c in overview.rows[0].cells]
    assert header == ["onderdeel", "post", "waarde", "toelichting"]
    rows = {row.cells[1].text: row for row in overview.rows[1:]}
    total = rows["Totaal kosten"]
    assert total.cells[2].text == "€ " + f"{round(r.pv_costs, -3):,.0f}".replace(",", ".")
    assert total.cells[2].paragraphs[0].runs[0].bold
    assert all(p.text == "PM" for p in (rows[pm.name].cells[2] for pm in m.project.pm))
    # the header row repeats on every page
    assert overview.rows[0]._tr.trPr.xml.count("tblHeader") == 1


def test_charts_are_images_and_pages_are_numbered(document):
    _, doc, _ = document
    # occupancy, cash flows, stakeholders, tornado, Monte Carlo, value of further research
    assert len(doc.inline_shapes) == 6
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Pagina") and "PAGE" in footer._p.xml
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_sources_are_listed_once_each(document):
    m, doc, _ = document
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    sources = {p.source.strip() for p in m.parameters if p.source.strip()}
    assert sorted(bullets, key=str.casefold) == bullets
    assert set(bullets) == sources


def test_english_document(tmp_path):
    path = report.to_docx(small_model(), tmp_path / "en.docx", lang="en", one_way=False)
    doc = docx.Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Summary", "CBA overview"]
    assert "Sensitivity and uncertainty" in headings
    assert len(doc.inline_shapes) == 2  # no cohorts, no sensitivity asked


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # the bell, on a chart
def test_hostile_text_is_written_as_text(tmp_path):
    text = '=HYPERLINK("x")\x07<b>'
    m = Model(name=text, start_year=2025, horizon=2, discount=0.0,
              parameters=[Parameter(name="n", value=2.0, dist=PERT(1, 2, 3), source=text)],
              project=Intervention(name="P", streams=[
                  Stream(name=text, kind="benefit", stakeholder=text, amount="n"),
                  Stream(name="k", kind="cost", stakeholder="G", amount="1")],
                  pm=[PM(name=text, sign="+")]))
    path = report.to_docx(m, tmp_path / "h.docx")
    doc = docx.Document(str(path))
    shown = '=HYPERLINK("x")\u2407<b>'  # the bell as its control picture, nothing lost
    assert shown in text_of(doc)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert shown in cells


def test_bad_arguments_fail_before_writing(tmp_path):
    path = tmp_path / "r.docx"
    path.write_text("previous")
    with pytest.raises(MkbaTypeError):
        report.to_docx(object(), path)
    with pytest.raises(SpecificationError, match="lang"):
        report.to_docx(small_model(), path, lang="de")
    with pytest.raises(MkbaTypeError, match="title"):
        report.to_docx(small_model(), path, title=3)  # type: ignore[arg-type]
    with pytest.raises(SpecificationError, match="does not exist"):
        report.to_docx(small_model(), tmp_path / "nope" / "r.docx")
    assert path.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


def test_the_value_of_further_research_is_a_section_of_the_word_report(tmp_path):
    import docx

    from mkba.distributions import Normal
    from mkba.formatting import format_amount

    m = Model(name="Onderzoek", start_year=2025, horizon=1, discount=0.0,
              parameters=[Parameter(name="x", value=0.0, dist=Normal(0, 1), label="Effect x")],
              project=Intervention(name="P", streams=[
                  Stream(name="X", kind="benefit", stakeholder="Gemeente",
                         amount="1000 * x + 100"),
                  Stream(name="C", kind="cost", stakeholder="Rijk", amount="200")]))
    mc = sensitivity.monte_carlo(m, n_draws=4000, rng=1)
    expected = format_amount(mc.evppi_table().loc["x", "society"], "nl")
    doc = docx.Document(report.to_docx(m, tmp_path / "r.docx", sensitivity={"monte_carlo": mc}))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    rows = [i for i, c in enumerate(cells) if c == "Effect x"]
    assert any(expected in cells[i:i + 3] for i in rows), expected
    assert any("nader onderzoek" in p.text.lower() for p in doc.paragraphs)
