"""The live Excel workbook: an MKBA that recomputes itself in Excel or LibreOffice.

Every number derived from the parameters is a formula: the stream formulas translated to
spreadsheet formulas (:mod:`.translate`), cohorts as yearly state vectors written out,
corrections, price conversion, discounting, netting against the nulalternatief,
present values, the overview and the stakeholder table. A reviewer changes a kengetal
on the sheet Parameters and sees the saldo change.

Sheets, in order (Dutch names; English in ``lang="en"``): Overzicht, Actoren, Per jaar,
Contante waarden, Stromen per jaar, Project, Nulalternatief, Disconteren, Parameters,
Prijsindex, the sensitivity results (fixed values) and Over dit model. Defined names:
``saldo``, ``kosten``, ``baten``, ``p_<parameter>`` (base value, own price year),
``v_<parameter>`` (in the model's price year), ``prijspeil`` and ``prijsindex``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mkba.report._live.book import Book
from mkba.report._live.flows import Alternative, write_alternative
from mkba.report._live.inputs import write_discounting, write_parameters, write_prices
from mkba.report._live.labels import SHEETS, words
from mkba.report._live.summary import (
    write_flows,
    write_overview,
    write_per_year,
    write_present_values,
    write_stakeholders,
)

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.results import Result

__all__ = ["guide", "live_workbook"]

_ORDER = ("overview", "stakeholders", "per_year", "present_values", "flows", "project",
          "reference", "discounting", "parameters", "prices")


def live_workbook(model: Model, result: Result, lang: str) -> Any:
    """Build the live workbook of ``result`` (an evaluation of ``model``).

    The parameter values are those of ``result`` (its overrides included), each in its
    parameter's own price year, so the workbook recomputes ``result``.

    Returns
    -------
    openpyxl.Workbook
        With the live sheets only; the caller adds the sensitivity sheets and the sheet
        about the model, and saves it.

    Raises
    ------
    FormulaError
        When a stream's amount cannot be written as a spreadsheet formula (a Python
        callable, or a formula longer or deeper than Excel takes); names the stream.
    """
    from mkba.engine import compile_model

    w = words(lang)
    literals = {"", w["none"], w["no_ratio"], "∞"}
    book = Book(SHEETS[lang], literals)
    for key in _ORDER:
        if key != "reference" or model.reference is not None:
            book.add_sheet(key)
    cm = compile_model(model)
    write_prices(book, model, w)
    params = write_parameters(book, model, dict(result.values), lang, w)
    disc = write_discounting(book, cm, lang, w)
    alternatives: dict[str, Alternative] = {
        "project": write_alternative(book, cm, "project", model.project, params, w)}
    if model.reference is not None:
        alternatives["reference"] = write_alternative(book, cm, "reference", model.reference,
                                                      params, w)
    lines = write_flows(book, cm, alternatives, disc, w)
    write_present_values(book, cm, lines, w)
    per_year = write_per_year(book, cm, lines, w)
    with warnings.catch_warnings():  # no IRR (a warning) is fine: there is no guess then
        warnings.simplefilter("ignore")
        irr = result.irr
    write_overview(book, cm, alternatives, lines, per_year, w,
                   irr if math.isfinite(irr) else None)
    write_stakeholders(book, cm, lines, w)
    book.wb.calculation.fullCalcOnLoad = True
    return book.wb


def guide(lang: str) -> str:
    """The reading guide of the workbook: the sheets a number passes through."""
    titles: Mapping[str, str] = SHEETS[lang]
    return words(lang)["guide_text"].format(pv=titles["present_values"], **titles)
