"""Reports: presentation tables (Dutch and English), Excel workbooks and HTML pages.

- :mod:`mkba.report.tables`: the MKBA overview with PM items, the distribution over
  stakeholders, costs and benefits per year, parameters with sources, and the tables of
  the sensitivity analyses, formatted for print (``€ 1.234.000``, ``1,23``);
- :func:`to_excel`: a live workbook that recomputes the MKBA with formulas, or one of
  fixed values (needs openpyxl, the ``excel`` extra);
- :func:`to_html`: one self-contained page with tables and inline SVG charts;
- :func:`to_docx`: the report as a Word document for report authors (needs
  python-docx, the ``docx`` extra), and :func:`to_pdf`: the HTML page printed to A4 by
  headless Chromium;
- :func:`samenvatting`: the plain-language summary every report opens with, and
  :func:`bronnen`: the sources of a model's parameters.

The writers accept a :class:`~mkba.Model` or a :class:`~mkba.Result`, validate their
arguments before touching the file, and write atomically.

Examples
--------
>>> import tempfile, pathlib
>>> from mkba import Model, Intervention, Stream, report
>>> m = Model(name="Voorbeeld", start_year=2025, horizon=3, discount=0.03,
...           project=Intervention(name="p", streams=[
...               Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount="100"),
...               Stream(name="Baten", kind="benefit", stakeholder="Rijk", amount="80")]))
>>> path = report.to_html(m, pathlib.Path(tempfile.mkdtemp()) / "mkba.html")
>>> "<svg" in path.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

from mkba.report._inputs import Analysis, analyse, default_scenarios
from mkba.report._plain import bronnen, samenvatting
from mkba.report.docx import to_docx
from mkba.report.excel import to_excel
from mkba.report.html import to_html
from mkba.report.pdf import to_pdf
from mkba.report.tables import (
    cashflow_table,
    compare_table,
    monte_carlo_stakeholder_table,
    monte_carlo_table,
    one_way_table,
    overview_table,
    parameter_table,
    scenario_table,
    sobol_table,
    stakeholder_table,
    to_html_table,
    to_styler,
)

__all__ = [
    "Analysis",
    "analyse",
    "bronnen",
    "cashflow_table",
    "compare_table",
    "default_scenarios",
    "monte_carlo_stakeholder_table",
    "monte_carlo_table",
    "one_way_table",
    "overview_table",
    "parameter_table",
    "samenvatting",
    "scenario_table",
    "sobol_table",
    "stakeholder_table",
    "to_docx",
    "to_excel",
    "to_html",
    "to_html_table",
    "to_pdf",
    "to_styler",
]
