"""The Excel report (needs openpyxl, the ``excel`` extra): by default a live workbook that
recomputes the MKBA with formulas (built in :mod:`mkba.report._live`), or, with
``formulas=False``, one of fixed values: the overview, stakeholders, flows, parameters
and sensitivity results, formatted for reading."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba.errors import MkbaError, MkbaTypeError
from mkba.files import atomic_path, check_path
from mkba.formatting import FORMULA_STARTS, check_lang
from mkba.report import tables as T
from mkba.report._inputs import Analysis, gather, given, resolve
from mkba.words import section

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.results import Result

__all__ = ["NUMBER_FORMATS", "sensitivity_tables", "to_excel"]

#: characters an .xlsx (XML 1.0) cannot hold
_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]")
#: characters no XML file can hold and that have no picture: lone surrogates, U+FFFE/F
_UNWRITABLE = re.compile("[\\ud800-\\udfff\\ufffe\\uffff]")

#: Excel number format of each kind of cell (Excel shows them with the reader's locale)
NUMBER_FORMATS = {
    "amount": '"€" #,##0;"€" -#,##0',
    "ratio": "0.00",
    "percent": "0.0%",
    "share": "0%",
    "year": "0",
    "number": "General",
    "index": "0.00",
    "factor": "0.0000",
    "persons": "#,##0.0",
}

_SHEETS = section("sheet")

_FLOW_WORDS = section("excel")


def _flows_table(result: Result, lang: str) -> T.Table:
    w = _FLOW_WORDS[lang]
    flows = result.flows()
    flows["kind"] = flows["kind"].map(lambda k: w.get(k, k))
    flows["payer"] = flows["payer"].fillna("")
    out = flows.rename(columns={c: w[c] for c in flows.columns})
    kinds = {
        w["amount"]: "amount",
        w["pv"]: "amount",
        w["year"]: "year",
        w["discount_factor"]: "factor",
        w["t"]: "year",
    }
    return T.Table.by_column(
        out, kinds, w["title"], lang, note=w["note"].format(year=result.model.price_year)
    )


def describe_discount(model: Model, lang: str = "nl") -> str:
    """The model's discount schedule in words: ``NL_2025 (2,80% vanaf jaar 1; ...)``."""
    from mkba.formatting import format_percent

    sched: Any = model.discount
    steps = getattr(sched, "steps", None)
    name = getattr(sched, "name", "") or ""
    if steps:
        word = "vanaf jaar" if lang == "nl" else "from year"
        rates = "; ".join(f"{format_percent(r, lang, 2)} {word} {y}" for y, r in steps)
        return f"{name} ({rates})" if name else rates
    return str(sched)


def _about(model: Model, lang: str) -> T.Table:
    import mkba

    w = _FLOW_WORDS[lang]
    rows = [
        (w["name"], model.name),
        (w["start_year"], str(model.start_year)),
        (w["horizon"], str(model.horizon)),
        (w["price_year"], str(model.price_year)),
        (w["discount"], describe_discount(model, lang)),
        (w["timing"], str(model.timing)),
        (w["reference"], model.reference.name if model.reference is not None else w["none"]),
        (w["made"], f"mkba {mkba.__version__}"),
        (w["date"], _dt.date.today().isoformat()),
    ]
    frame = pd.DataFrame(rows, columns=[w["field"], w["value"]])
    return T.Table.by_column(frame, {}, _SHEETS[lang]["about"], lang)


def report_tables(
    model: Model, result: Result, sens: Mapping[str, Any], lang: str, *, flows: bool = True
) -> list[tuple[str, T.Table]]:
    """Every table of a report, in order, keyed by sheet/section key."""
    out: list[tuple[str, T.Table]] = [
        ("overview", T.build_overview(result, lang)),
        ("stakeholders", T.build_stakeholders(result, lang)),
        ("cashflows", T.build_cashflows(result, lang)),
    ]
    if flows:
        out.append(("flows", _flows_table(result, lang)))
    out.append(("parameters", T.build_parameters(model, lang)))
    out.extend(sensitivity_tables(sens, lang))
    return out


def sensitivity_tables(sens: Mapping[str, Any], lang: str) -> list[tuple[str, T.Table]]:
    """The tables of the sensitivity results in ``sens``, keyed by sheet/section key."""
    builders: dict[str, list[tuple[str, Callable[[Any, str], T.Table | None]]]] = {
        "one_way": [("one_way", T.build_one_way)],
        "scenarios": [("scenarios", T.build_scenarios)],
        "monte_carlo": [
            ("monte_carlo", T.build_monte_carlo),
            ("mc_stakeholders", T.build_mc_stakeholders),
            ("evppi", _evppi_table),
        ],
        "sobol": [("sobol", T.build_sobol)],
    }
    out: list[tuple[str, T.Table]] = []
    for key, parts in builders.items():
        if key in sens:
            for name, build in parts:
                table = build(sens[key], lang)
                if table is not None:
                    out.append((name, table))
    return out


def _evppi_table(mc: Any, lang: str) -> T.Table | None:
    """The value of further research, when the run kept its draws and it is not zero."""
    table = T.evppi_of(mc)
    if table is None or T.evppi_is_zero(table):
        return None
    return T.build_evppi(mc, table, lang)


def _cell_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
    return value


#: the most characters an Excel cell holds; longer text is cut, visibly
MAX_CELL_TEXT = 32_767


def _visible_controls(text: str) -> str:
    """``text`` with each control character that XML cannot hold (all below U+0020 but
    tab, newline and carriage return) shown as its Unicode control picture
    (``"Te\\x07st"`` becomes ``"Te␇st"``), so nothing is lost or hidden; a lone surrogate
    or U+FFFE/U+FFFF, which no XML file can hold, becomes ``�`` (U+FFFD)."""
    text = _UNWRITABLE.sub("\ufffd", text)
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())), text)


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write one cell; the one place every value of the workbook goes through.

    Numbers stay numbers. Text is always a text cell, never a formula: text starting
    with ``= + - @``, a tab or a carriage return (which Excel and LibreOffice would read
    as a formula: formula injection) is stored as text with Excel's "this is text" mark
    (``quotePrefix``, what typing a leading apostrophe does), so it shows exactly as
    written and stays text when edited. Control characters that an .xlsx cannot hold are
    shown as control pictures (``␇``); text longer than a cell holds is cut with ``…``.
    """
    value = _cell_value(value)
    if not isinstance(value, str):
        return ws.cell(row=row, column=column, value=value)
    text = _visible_controls(value)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    cell = ws.cell(row=row, column=column, value=text)
    cell.data_type = "s"  # openpyxl makes a formula of text starting with "="
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _write_sheet(wb: Any, name: str, table: T.Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title=name[:31])
    columns = list(table.values.columns)
    header_fill = PatternFill("solid", fgColor="DDE6EE")
    for j, c in enumerate(columns):
        cell = _put(ws, 1, j + 1, str(c))
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    widths = [len(str(c)) for c in columns]
    wrap = set(table.wrap)
    for i, row in enumerate(table.values.itertuples(index=False)):
        values = [_cell_value(v) for v in row]
        for j, (column, value) in enumerate(zip(columns, values, strict=True)):
            cell = _put(ws, i + 2, j + 1, value)
            kind = str(table.kinds.iloc[i, j])
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell.number_format = NUMBER_FORMATS.get(kind, "General")
                shown = len(T.format_cell(value, kind, table.lang))
            else:
                shown = len(str(value)) if value is not None else 0
            if column in wrap or shown > 60:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            widths[j] = max(widths[j], shown)
    for j, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = min(max(width + 2, 8), 60)
    if table.note:
        note = _put(ws, ws.max_row + 2, 1, table.note)
        note.font = Font(italic=True)
    ws.freeze_panes = "A2"


def to_excel(
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
    flows: bool = True,
    formulas: bool = True,
) -> Path:
    """Write an Excel workbook of an MKBA: by default a live one that recomputes itself.

    With ``formulas=True`` (the default) every number that follows from the parameters
    is a formula, so a reviewer who changes a kengetal sees the saldo change (in Excel or
    LibreOffice): the parameters with their sources and grades and their conversion to
    the model's price year (with the price index), the discount factors per year, one
    sheet per alternative with its cohorts and every stream per year (the stream's
    formula translated, with its corrections, profile and residual value), the lines
    netted against the nulalternatief with their present values, the totals per year
    with the payback year and native charts, the overview (costs, benefits, saldo, B/C
    ratio, ROI, IRR, effects, PM items) and the distribution over stakeholders. Defined
    names: ``saldo``, ``kosten``, ``baten``, ``p_<parameter>`` (the base value, in the
    parameter's own price year) and ``v_<parameter>`` (in the model's price year). The
    sensitivity results are fixed values (they do not follow an edit), and a sheet about
    the model says how to read the workbook. See the reviewers' page of the docs.

    With ``formulas=False``, every table holds fixed numbers (the workbook of earlier
    versions): the overview, the stakeholders, costs and benefits per year, every stream
    per year, the parameters and the sensitivity results.

    Header rows are bold and frozen, amounts have a euro number format, text that a
    spreadsheet would read as a formula is stored as text, and no text of the model ever
    becomes part of a formula. The file is written atomically: a failure leaves an
    existing file untouched.

    Parameters
    ----------
    model_or_result : Model or Result
        A model (evaluated at its base values) or an evaluated result (its values,
        overrides included, become the workbook's parameter values).
    path : str or Path
        The ``.xlsx`` file to write; its folder must exist.
    lang : {"nl", "en"}
        Language of sheet names, headers and labels.
    one_way : bool
        Add the one-way sensitivity analysis (computed unless given in ``sensitivity``).
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
    flows : bool
        With ``formulas=False``: add the sheet with every stream per year (a live
        workbook always has it: the saldo is computed from it).
    formulas : bool
        Write live formulas (default) or fixed values.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    MkbaError
        If openpyxl is not installed (``pip install 'mkba[excel]'``).
    FormulaError
        With ``formulas=True``, when a stream's amount has no spreadsheet formula (a
        Python callable, or a formula longer or more deeply nested than Excel takes);
        the message names the stream. Nothing is written.
    MkbaTypeError, SpecificationError
        For a bad argument, before anything is written.
    """
    lang = check_lang(lang)
    model, result = resolve(model_or_result, "to_excel")
    target = check_path(path, "to_excel")
    if not isinstance(formulas, bool):
        raise MkbaTypeError(f"to_excel(): formulas={formulas!r} must be True or False")
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise MkbaError(
            "to_excel() needs openpyxl; install it with: pip install 'mkba[excel]'"
        ) from exc
    sens = gather(
        model,
        sensitivity=given(model_or_result, sensitivity),
        one_way=one_way,
        draws=draws,
        rng=rng,
        scenarios=scenarios,
        sobol=sobol,
        what="to_excel",
    )
    if formulas:
        from mkba.report._live import guide, live_workbook
        from mkba.report._live.book import print_setup
        from mkba.report._live.labels import words as live_words

        wb = live_workbook(model, result, lang)
        for key, table in sensitivity_tables(sens, lang):
            _write_sheet(wb, _SHEETS[lang][key], table)
            ws = wb[_SHEETS[lang][key][:31]]
            _put(ws, ws.max_row + 1, 1, live_words(lang)["sensitivity_note"])
        _write_sheet(wb, _SHEETS[lang]["about"], _about(model, lang))
        from openpyxl.styles import Alignment, Font

        ws = wb[_SHEETS[lang]["about"]]
        row = ws.max_row + 2
        _put(ws, row, 1, live_words(lang)["guide"]).font = Font(bold=True)
        _put(ws, row, 2, guide(lang)).alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions["B"].width = 100
        ws.row_dimensions[row].height = 90
        for sheet in wb.worksheets:
            print_setup(sheet)
    else:
        sheets = report_tables(model, result, sens, lang, flows=flows)
        sheets.append(("about", _about(model, lang)))
        wb = Workbook()
        default = wb.active
        if default is not None:
            wb.remove(default)
        for key, table in sheets:
            _write_sheet(wb, _SHEETS[lang][key], table)
    wb.properties.title = _visible_controls(f"MKBA {model.name}")
    wb.properties.creator = "mkba"
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target
