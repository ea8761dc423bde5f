"""The HTML report: one self-contained page, escaped, written atomically."""

from __future__ import annotations

import re

import pytest

from mkba import report, sensitivity
from mkba.errors import MkbaTypeError, SpecificationError
from mkba.formatting import format_amount
from tests.plotting.models import small_model


@pytest.fixture(scope="module")
def model():
    return small_model()


@pytest.fixture(scope="module")
def page(model, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "mkba.html"
    report.to_html(model, path, draws=300, rng=1, scenarios={"Laag": {"prijs_nacht": 60}})
    return path.read_text(encoding="utf-8")


def test_page_has_tables_and_every_chart_as_inline_svg(page):
    assert page.startswith("<!DOCTYPE html>")
    # cash flows, stakeholders, tornado, scenarios, NPV distribution, stakeholder intervals,
    # value of further research
    assert page.count("<svg") == 7
    assert page.count('<figure class="chart"') == 7
    assert page.count("<table") >= 8
    assert "Parameters en bronnen" in page and "Kans op positief saldo" in page
    assert '<html lang="nl">' in page


def test_page_loads_nothing_from_the_network(page):
    assert not re.search(r"https?:|//[a-z]", page.replace("<!DOCTYPE html>", ""), re.I)
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert "@import" not in page and "url(http" not in page


def test_svg_ids_are_unique_in_the_page(page):
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    refs = set(re.findall(r'(?:href="#|url\(#)([^")]+)', page))
    assert refs <= set(ids)  # every reference inside an SVG points into the page


def test_user_text_is_escaped(page):
    assert "<script>" not in page and "<b>" not in page and "<em>" not in page
    assert "Proefmodel &lt;b&gt;&amp;" in page
    assert "Benchmark Maatschappelijke opvang 2024 &lt;script&gt;" in page


def test_english_page_and_given_results(model, tmp_path):
    one_way = sensitivity.one_way(model)
    path = report.to_html(model.evaluate(), tmp_path / "en.html", lang="en",
                          sensitivity={"one_way": one_way}, title="CBA")
    text = path.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "<h1>CBA</h1>" in text
    assert "Parameters and sources" in text and "Parameters en bronnen" not in text
    assert text.count("<svg") == 3


def test_a_model_without_uncertainty_says_so(tmp_path):
    from mkba import Intervention, Model, Stream

    m = Model(name="Zeker", start_year=2025, horizon=2, discount=0.0, project=Intervention(
        name="p", streams=[Stream(name="b", kind="benefit", stakeholder="Rijk", amount="5")]))
    text = report.to_html(m, tmp_path / "x.html").read_text(encoding="utf-8")
    assert "geen onzekere parameters" in text


def test_a_failed_report_leaves_the_old_file_and_no_debris(model, tmp_path):
    path = tmp_path / "mkba.html"
    path.write_text("previous report")
    with pytest.raises(MkbaTypeError):
        report.to_html(object(), path)
    with pytest.raises(SpecificationError):
        report.to_html(model, path, draws=1)
    with pytest.raises(MkbaTypeError):
        report.to_html(model, 42)  # type: ignore[arg-type]
    with pytest.raises(MkbaTypeError):
        report.to_html(model, path, sensitivity={"one_way": object()})
    assert path.read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["mkba.html"]


def test_an_existing_report_is_replaced_whole(model, tmp_path):
    path = tmp_path / "mkba.html"
    path.write_text("previous report")
    report.to_html(model, path, one_way=False)
    assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")


# -- plain words: intro, Samenvatting, conclusion, Bronnen; Dutch throughout -------------


def _text(page: str) -> str:
    """The words of a page: no charts, styles or tags."""
    import html as _html

    body = re.sub(r"<svg.*?</svg>|<style>.*?</style>", "", page, flags=re.S)
    return _html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_intro_summary_and_conclusion_come_first_and_are_escaped(model, tmp_path):
    path = report.to_html(model, tmp_path / "p.html", one_way=False,
                          intro="Voor <de raad> & de wethouder.\n\nTweede alinea.",
                          conclusion="Conclusie: <b>doen</b>.")
    page = path.read_text(encoding="utf-8")
    assert "<p>Voor &lt;de raad&gt; &amp; de wethouder.</p><p>Tweede alinea.</p>" in page
    assert "<p>Conclusie: &lt;b&gt;doen&lt;/b&gt;.</p>" in page and "<b>doen" not in page
    order = [page.index(s) for s in ("Voor &lt;de raad", 'id="summary"', 'id="conclusion"',
                                      'id="key"', 'id="overview"')]
    assert order == sorted(order)
    toc = re.search(r"<nav.*?</nav>", page, flags=re.S).group(0)  # type: ignore[union-attr]
    assert "Samenvatting" in toc and "Conclusie" in toc and "Bronnen" in toc


def test_the_summary_is_the_samenvatting_of_the_results(model, tmp_path):
    one_way = sensitivity.one_way(model)
    mc = sensitivity.monte_carlo(model, n_draws=300, rng=2)
    path = report.to_html(model, tmp_path / "s.html",
                          sensitivity={"one_way": one_way, "monte_carlo": mc})
    text = _text(path.read_text(encoding="utf-8"))
    for paragraph in report.samenvatting(model.evaluate(), monte_carlo=mc, one_way=one_way):
        assert " ".join(paragraph.split()) in " ".join(text.split())


def test_a_page_without_intro_or_conclusion_has_neither(model, tmp_path):
    page = report.to_html(model, tmp_path / "n.html", one_way=False).read_text(encoding="utf-8")
    assert 'class="intro"' not in page and 'id="conclusion"' not in page
    assert 'id="summary"' in page


def test_intro_that_is_not_text_is_refused_before_writing(model, tmp_path):
    path = tmp_path / "x.html"
    path.write_text("earlier")
    with pytest.raises(MkbaTypeError, match="intro"):
        report.to_html(model, path, intro=["niet", "tekst"])  # type: ignore[arg-type]
    assert path.read_text() == "earlier"


def test_sources_are_listed_once_and_escaped(model, tmp_path):
    page = report.to_html(model, tmp_path / "b.html", one_way=False).read_text(encoding="utf-8")
    sources = re.search(r'<ul class="sources">(.*?)</ul>', page, flags=re.S).group(1)  # type: ignore[union-attr]
    # three parameters, two of them with the same source "Aanname"
    assert re.findall(r"<li>(.*?)</li>", sources) == [
        "Aanname", "Benchmark Maatschappelijke opvang 2024 &lt;script&gt;"]


def test_the_dutch_page_is_dutch(model, tmp_path):
    mc = sensitivity.monte_carlo(model, n_draws=200, rng=5)
    page = report.to_html(model, tmp_path / "nl.html", sensitivity={"monte_carlo": mc},
                          rng=5).read_text(encoding="utf-8")
    text = _text(page)
    assert "Driehoek(60; 75; 95)" in text and "PERT(30; 40; 50)" in text
    assert "200 trekkingen, startwaarde (seed) 5" in text
    for english in ("Triangular", "zaad", " seed", "draws", "transfers_in", "pv_costs",
                    "assumption", "second-hand"):
        assert english not in page, english


def test_key_figures_ask_the_results(model, tmp_path):
    from mkba.formatting import format_percent

    mc = sensitivity.monte_carlo(model, n_draws=400, rng=1, keep="summary")
    page = report.to_html(model, tmp_path / "k.html", one_way=False,
                          sensitivity={"monte_carlo": mc}).read_text(encoding="utf-8")
    kpi = re.search(r'<dl class="kpi">.*?</dl>', page, flags=re.S).group(0)  # type: ignore[union-attr]
    assert f"<dd>{format_percent(mc.prob_positive(), 'nl', 0)}</dd>" in kpi
    # nets −80k (150k + 20k − 250k), then 70k a year; discounted at 3% the cumulative net is
    # −80k, −80k + 70k/1.03 = −12.0k, −12.0k + 70k/1.03² = +54.0k: paid back in 2027
    payback = model.evaluate().payback
    assert payback == 2027 and "<dd>2027</dd>" in kpi
    assert "€\u00a0" in kpi  # the euro sign stays with its amount


def _research_model():
    from mkba import Intervention, Model, Parameter, Stream
    from mkba.distributions import Normal

    return Model(
        name="Onderzoek", start_year=2025, horizon=1, discount=0.0,
        parameters=[Parameter(name="x", value=0.0, dist=Normal(0, 1), label="Effect x"),
                    Parameter(name="y", value=0.0, dist=Normal(0, 1), label="Effect y")],
        project=Intervention(name="P", streams=[
            Stream(name="X", kind="benefit", stakeholder="Gemeente", amount="1000 * x + 100"),
            Stream(name="Y", kind="benefit", stakeholder="Rijk", amount="500 * y"),
            Stream(name="C", kind="cost", stakeholder="Rijk", amount="200")]))


def test_the_report_shows_the_value_of_further_research(tmp_path):
    from mkba import sensitivity

    m = _research_model()
    mc = sensitivity.monte_carlo(m, n_draws=4000, rng=1)
    table = mc.evppi_table()
    text = report.to_html(m, tmp_path / "r.html", sensitivity={"monte_carlo": mc}).read_text(
        encoding="utf-8")
    body = re.sub(r"<svg.*?</svg>", "", text, flags=re.S)
    assert "Waarde van nader onderzoek" in body
    section = body[body.index("Waarde van nader onderzoek"):]
    # the parameter worth most to society comes first, with its amount as the table says
    first = table["society"].idxmax()
    label = {"x": "Effect x", "y": "Effect y"}[first]
    assert section.index(label) < section.index({"x": "Effect y", "y": "Effect x"}[first])
    assert format_amount(table.loc[first, "society"], "nl") in section
    assert "Maatschappij" in section and "Gemeente" in section
    # a summary-mode run keeps no draws: no such section, and no error
    summ = sensitivity.monte_carlo(m, n_draws=4000, rng=1, keep="summary")
    text = report.to_html(m, tmp_path / "s.html", sensitivity={"monte_carlo": summ}).read_text(
        encoding="utf-8")
    assert "Waarde van nader onderzoek" not in text


def test_a_certain_decision_says_research_is_worth_nothing(tmp_path):
    from mkba import Intervention, Model, Parameter, Stream, sensitivity
    from mkba.distributions import Uniform

    m = Model(name="Zeker", start_year=2025, horizon=1, discount=0.0,
              parameters=[Parameter(name="x", value=2.0, dist=Uniform(1, 3))],
              project=Intervention(name="P", streams=[
                  Stream(name="B", kind="benefit", stakeholder="Gemeente", amount="100 * x"),
                  Stream(name="C", kind="cost", stakeholder="Gemeente", amount="50")]))
    mc = sensitivity.monte_carlo(m, n_draws=1000, rng=1)
    text = report.to_html(m, tmp_path / "z.html", sensitivity={"monte_carlo": mc}).read_text(
        encoding="utf-8")
    assert "Waarde van nader onderzoek: nul" in text


def test_an_analysis_goes_to_every_writer_with_its_results(tmp_path):
    import openpyxl

    from mkba.report import analyse
    from tests.plotting.models import small_model

    a = analyse(small_model(), draws=300, rng=1, scenarios={"Laag": {"prijs_nacht": 60}})
    assert sorted(a.sensitivity) == ["monte_carlo", "one_way", "scenarios"]
    assert "Analysis" in repr(a) and a.result.npv == a.model.evaluate().npv
    page = report.to_html(a, tmp_path / "a.html").read_text(encoding="utf-8")
    assert "Kans op positief saldo" in page and "Scenario" in page
    names = openpyxl.load_workbook(report.to_excel(a, tmp_path / "a.xlsx")).sheetnames
    assert "Monte Carlo" in names and "Scenario's" in names
    # the analysis' own Monte Carlo is shown, not a new run
    shown = re.search(r"In ([\d.]+) trekkingen", page)
    assert shown is not None and shown.group(1) == "300"
