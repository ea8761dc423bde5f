"""The Word report: the MKBA as a .docx a report author drops into a report template
(needs python-docx, the ``docx`` extra).

Headings use Word's built-in styles (Title, Heading 1, Heading 2, Caption), so a
template's styles apply when the text is pasted or the styles are replaced; tables are
real Word tables with the house number formats (``€ 1.234.000``, ``0,93``); charts are
images drawn by :mod:`mkba.plotting`.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba.errors import MkbaError
from mkba.files import atomic_path, check_path
from mkba.formatting import check_lang, format_number
from mkba.report._inputs import Analysis, gather, given, resolve
from mkba.report.excel import _visible_controls, describe_discount
from mkba.words import own, word

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.results import Result

__all__ = ["to_docx"]

#: the words of the Word report, by language (from the catalogue, mkba.words)
WORDS = own("docx")

#: width of a chart in the document, in centimetres (A4 minus margins)
CHART_WIDTH_CM = 16.0


def _text(value: object) -> str:
    """Text a .docx can hold: control characters shown as symbols, never dropped."""
    return _visible_controls(str(value))


class _Document:
    """A python-docx document with the few things this report writes."""

    def __init__(self, lang: str) -> None:
        from docx import Document
        from docx.shared import Cm, Pt

        self.doc = Document()
        self.w = WORDS[lang]
        self.lang = lang
        self.tables = 0
        self.figures = 0
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
        self.doc.styles["Normal"].font.size = Pt(10.5)
        self._page_numbers(section)

    def _page_numbers(self, section: Any) -> None:
        """A centred footer "Pagina N" with Word's PAGE field."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(self.w["page"] + " ")
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind is not None:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(_text(text), level=level)

    def paragraph(self, text: str, style: str | None = None) -> None:
        self.doc.add_paragraph(_text(text), style=style)

    def caption(self, kind: str, text: str) -> None:
        count = self.tables if kind == "table" else self.figures
        self.doc.add_paragraph(f"{self.w[kind]} {count}. {_text(text)}", style="Caption")

    def table(self, frame: pd.DataFrame, *, bold_rows: Callable[[pd.Series], bool] | None = None
              ) -> None:
        """A formatted table (strings, with ``attrs`` title, note, align_right)."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.tables += 1
        title = str(frame.attrs.get("title", ""))
        self.caption("table", title)
        right = set(frame.attrs.get("align_right", []))
        columns = list(frame.columns)
        table = self.doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, name in zip(table.rows[0].cells, columns, strict=True):
            self._cell(cell, str(name), bold=True, right=name in right, size=Pt(9))
        header = table.rows[0]._tr
        self._repeat_header(header)
        for _, row in frame.iterrows():
            bold = bold_rows(row) if bold_rows is not None else False
            cells = table.add_row().cells
            for cell, name in zip(cells, columns, strict=True):
                self._cell(cell, str(row[name]), bold=bold, right=name in right, size=Pt(9))
        self._widths(table, frame)
        note = str(frame.attrs.get("note", ""))
        if note:
            paragraph = self.doc.add_paragraph(_text(note))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            for run in paragraph.runs:
                run.italic = True
                run.font.size = Pt(8.5)

    @staticmethod
    def _widths(table: Any, frame: pd.DataFrame) -> None:
        """Column widths after the longest text in each (a word wraps, a number not)."""
        from docx.shared import Cm

        lengths = []
        for name in frame.columns:
            texts = [str(name), *(str(v) for v in frame[name])]
            longest_word = max((len(w) for t in texts for w in t.split()), default=1)
            lengths.append(min(max(max(len(t) for t in texts), longest_word, 4), 40))
        total = sum(lengths)
        table.autofit = False
        for j, length in enumerate(lengths):
            width = Cm(CHART_WIDTH_CM * length / total)
            for row in table.rows:
                row.cells[j].width = width

    @staticmethod
    def _cell(cell: Any, text: str, *, bold: bool, right: bool, size: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(_text(text))
        run.bold = bold
        run.font.size = size
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    @staticmethod
    def _repeat_header(tr: Any) -> None:
        """Repeat the header row on every page a table spans."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        props = tr.get_or_add_trPr()
        element = OxmlElement("w:tblHeader")
        element.set(qn("w:val"), "true")
        props.append(element)

    def chart(self, draw: Callable[..., Any], obj: Any, size: tuple[float, float],
              caption: str, **kw: Any) -> None:
        """A chart of ``obj`` drawn by ``draw`` (a mkba.plotting function), as a PNG.

        Drawn on a :class:`matplotlib.figure.Figure` of its own: no pyplot state."""
        from docx.shared import Cm
        from matplotlib.figure import Figure

        fig = Figure(figsize=size, layout="constrained")
        draw(obj, ax=fig.subplots(), lang=self.lang, **kw)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=200)
        buffer.seek(0)
        self.figures += 1
        self.doc.add_picture(buffer, width=Cm(CHART_WIDTH_CM))
        self.caption("figure", caption)


def _summary(result: Result, sens: Mapping[str, Any], lang: str) -> list[str]:
    """The Samenvatting every report opens with (:func:`mkba.report.samenvatting`)."""
    from mkba.report import samenvatting

    return list(samenvatting(result, monte_carlo=sens.get("monte_carlo"),
                             one_way=sens.get("one_way"), lang=lang))


def _total_row(frame: pd.DataFrame) -> Callable[[pd.Series], bool]:
    """Bold a total row (first cell "Totaal") and the totals and saldo of the overview
    (second cell "Totaal kosten", "Saldo (baten − kosten)")."""
    first = ("totaal", "total")
    second = (*first, "saldo", "net present value")

    def bold(row: pd.Series) -> bool:
        cells = [str(v).strip().lower() for v in list(row)[:2]]
        return cells[0].startswith(first) or (len(cells) > 1 and cells[1].startswith(second))

    return bold


def build_document(model: Model, result: Result, sens: Mapping[str, Any], lang: str,
                   title: str | None = None) -> Any:
    """The Word document of a report (a python-docx ``Document``), not yet saved."""
    import mkba
    from mkba import plotting as P
    from mkba.plotting import figsize
    from mkba.report import tables as T

    doc = _Document(lang)
    w = doc.w
    years = model.years
    doc.doc.add_heading(_text(title if title is not None else w["title"].format(
        name=model.name)), level=0)
    doc.paragraph(w["meta"].format(
        start=int(years[0]), end=int(years[-1]), horizon=model.horizon,
        price_year=model.price_year, discount=describe_discount(model, lang),
        reference=model.reference.name if model.reference is not None else
        w["no_reference"]))
    if model.description:
        doc.paragraph(model.description)
    doc.heading(w["summary"], 1)
    for text in _summary(result, sens, lang):
        doc.paragraph(text)

    doc.heading(w["overview"], 1)
    overview = T.overview_table(result, lang)
    doc.table(overview, bold_rows=_total_row(overview))
    if any(model.cohorts.values()):
        doc.heading(w["people"], 2)
        doc.chart(P.plot_occupancy, result, figsize("cashflows"), w["people_cap"])
    doc.heading(w["cashflows"], 1)
    doc.chart(P.plot_cashflows, result, figsize("cashflows"), w["cashflows_cap"])
    doc.table(T.cashflow_table(result, lang))
    doc.heading(w["stakeholders"], 1)
    rows = len(result.by_stakeholder())
    doc.chart(P.plot_stakeholders, result, figsize("stakeholders", rows), w["stakeholders_cap"])
    stakeholders = T.stakeholder_table(result, lang)
    doc.table(stakeholders, bold_rows=_total_row(stakeholders))

    doc.heading(w["sensitivity"], 1)
    if not sens:
        doc.paragraph(w["no_sensitivity"])
    if "one_way" in sens:
        ow = sens["one_way"]
        doc.chart(P.plot_tornado, ow, figsize("tornado", len(P.tornado_frame(ow))),
                  w["tornado_cap"])
        doc.table(T.one_way_table(ow, lang))
    if "scenarios" in sens:
        sc = sens["scenarios"]
        doc.chart(P.plot_scenarios, sc, figsize("scenarios", len(P.scenario_frame(sc))),
                  w["scenarios_cap"], price_year=model.price_year)
        doc.table(T.scenario_table(sc, lang))
    if "monte_carlo" in sens:
        mc = sens["monte_carlo"]
        doc.chart(P.plot_npv_distribution, mc, figsize("npv_distribution"), w["mc_cap"])
        doc.table(T.monte_carlo_table(mc, lang))
        doc.table(T.monte_carlo_stakeholder_table(mc, lang))
        research = T.evppi_of(mc)
        if research is not None and T.evppi_is_zero(research):
            doc.paragraph(word(lang, "evppi_none", draws=format_number(mc.n_draws, lang, 0)))
        elif research is not None:
            if T.evppi_bars(research):
                doc.chart(P.plot_evppi, mc, figsize("tornado", T.evppi_bars(research)),
                          word(lang, "html.evppi_cap"), table=research)
            doc.table(T.build_evppi(mc, research, lang).formatted())
    if "sobol" in sens:
        so = sens["sobol"]
        doc.chart(P.plot_sobol, so, figsize("sobol", len(P.sobol_frame(so))), w["sobol_cap"])
        doc.table(T.sobol_table(so, lang))

    doc.heading(w["parameters"], 1)
    params = T.parameter_table(model, lang)
    keep = [c for i, c in enumerate(params.columns) if i in (0, 2, 3, 4, 5, 6)]
    shown = params[keep].copy()
    shown.attrs = {**params.attrs, "align_right": [c for c in params.attrs.get(
        "align_right", []) if c in keep]}
    doc.table(shown)
    doc.heading(w["sources"], 1)
    from mkba.report import bronnen

    found = list(bronnen(model))
    for source in found:
        doc.paragraph(source, style="List Bullet")
    if not found:
        doc.paragraph(w["no_sources"])
    doc.paragraph(w["made"].format(version=mkba.__version__, date=_dt.date.today().isoformat()))
    doc.doc.core_properties.title = _text(f"MKBA {model.name}")[:255]
    doc.doc.core_properties.author = "mkba"
    return doc.doc


def to_docx(
    model_or_result: Model | Result | Analysis,
    path: str | Path,
    *,
    lang: str = "nl",
    one_way: bool = True,
    draws: int | None = None,
    rng: int | np.random.Generator | None = None,
    scenarios: Mapping[str, Mapping[str, float]] | None = None,
    sobol: int | None = None,
    sensitivity: Mapping[str, Any] | None = None,
    title: str | None = None,
) -> Path:
    """Write the MKBA as a Word document (.docx) for report authors.

    The document holds the title and the analysis' frame (horizon, price year, discount
    rate, nulalternatief), the Samenvatting in plain words, the MKBA overview with PM
    items, the charts and tables of costs and benefits over time and of the distribution
    over stakeholders, the people flows (when the model has cohorts), the sensitivity
    results (tornado; scenarios, Monte Carlo and Sobol when given or asked for), the
    parameters, and the sources. Headings use Word's built-in styles (Title, Heading 1,
    Heading 2, Caption), so the document takes a report template's styles; tables are
    Word tables with the house number formats; charts are PNG images; the footer
    numbers the pages. The file is written atomically: a failure (including a bad
    argument) leaves an existing file untouched.

    Parameters
    ----------
    model_or_result : Model or Result
        A model (evaluated at its base values) or an evaluated result.
    path : str or Path
        The ``.docx`` file to write; its folder must exist.
    lang : {"nl", "en"}
        Language of the document.
    one_way : bool
        Show the one-way sensitivity analysis (computed unless given in ``sensitivity``).
    draws : int, optional
        Add a Monte Carlo analysis with this many draws.
    rng : int or Generator, optional
        Seed for the Monte Carlo and Sobol analyses.
    scenarios : mapping, optional
        Add these scenarios, ``{name: {parameter: value}}``.
    sobol : int, optional
        Add Sobol indices with this base sample size.
    sensitivity : mapping, optional
        Results computed already, by key ``one_way``, ``scenarios``, ``monte_carlo``,
        ``sobol``.
    title : str, optional
        The title; default "Maatschappelijke kosten-batenanalyse: <model name>".

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    MkbaError
        If python-docx is not installed (``pip install 'mkba[docx]'``).
    MkbaTypeError, SpecificationError
        For a bad argument, before anything is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mkba import Model, Intervention, Stream, report
    >>> m = Model(name="Voorbeeld", start_year=2025, horizon=3, discount=0.03,
    ...           project=Intervention(name="p", streams=[
    ...               Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount="100"),
    ...               Stream(name="Baten", kind="benefit", stakeholder="Rijk", amount="80")]))
    >>> path = report.to_docx(m, pathlib.Path(tempfile.mkdtemp()) / "mkba.docx")
    >>> path.suffix
    '.docx'
    """
    lang = check_lang(lang)
    model, result = resolve(model_or_result, "to_docx")
    target = check_path(path, "to_docx")
    if title is not None and not isinstance(title, str):
        from mkba.errors import MkbaTypeError

        raise MkbaTypeError(f"to_docx(): title must be text, got {type(title).__name__}")
    try:
        import docx  # noqa: F401
    except ImportError as exc:
        raise MkbaError(
            "to_docx() needs python-docx; install it with: pip install 'mkba[docx]'"
        ) from exc
    sens = gather(model, sensitivity=given(model_or_result, sensitivity), one_way=one_way,
                  draws=draws, rng=rng, scenarios=scenarios, sobol=sobol, what="to_docx")
    document = build_document(model, result, sens, lang, title)
    with atomic_path(target) as tmp:
        document.save(str(tmp))
    return target
