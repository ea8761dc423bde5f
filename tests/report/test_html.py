"""The HTML report: one self-contained page, escaped, written atomically."""

from __future__ import annotations

import re

import pytest

from mkba import report, sensitivity
from mkba.errors import MkbaTypeError, SpecificationError
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
    # cash flows, stakeholders, tornado, scenarios, NPV distribution, stakeholder intervals
    assert page.count("<svg") == 6
    assert page.count('<figure class="chart"') == 6
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
