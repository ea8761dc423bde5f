"""The Excel report: one workbook with the overview, stakeholders, flows, parameters and
sensitivity results, formatted for reading (needs openpyxl, the ``excel`` extra)."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba._atomic import atomic_path, check_path
from mkba.errors import MkbaError
from mkba.formatting import FORMULA_STARTS, check_lang
from mkba.report import tables as T
from mkba.report._inputs import gather, resolve

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.results import Result

__all__ = ["NUMBER_FORMATS", "to_excel"]

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

_SHEETS = {
    "nl": {
        "overview": "Overzicht",
        "stakeholders": "Actoren",
        "cashflows": "Per jaar",
        "flows": "Stromen per jaar",
        "parameters": "Parameters",
        "one_way": "Gevoeligheid",
        "scenarios": "Scenario's",
        "monte_carlo": "Monte Carlo",
        "mc_stakeholders": "Monte Carlo actoren",
        "sobol": "Sobol",
        "about": "Over dit model",
    },
    "en": {
        "overview": "Overview",
        "stakeholders": "Stakeholders",
        "cashflows": "Per year",
        "flows": "Flows per year",
        "parameters": "Parameters",
        "one_way": "Sensitivity",
        "scenarios": "Scenarios",
        "monte_carlo": "Monte Carlo",
        "mc_stakeholders": "Monte Carlo stakeholders",
        "sobol": "Sobol",
        "about": "About this model",
    },
}

_FLOW_WORDS = {
    "nl": {
        "stream": "Post",
        "kind": "Soort",
        "stakeholder": "Actor",
        "payer": "Betaler",
        "category": "Categorie",
        "year": "Jaar",
        "t": "t",
        "amount": "Bedrag",
        "discount_factor": "Disconteringsfactor",
        "pv": "Contante waarde",
        "cost": "kosten",
        "benefit": "baten",
        "transfer": "overdracht",
        "title": "Stromen per jaar",
        "note": "Bedragen in euro, prijspeil {year}, project "
        "minus nulalternatief, na correcties; contante waarde = bedrag × factor.",
        "field": "Gegeven",
        "value": "Waarde",
        "name": "Model",
        "start_year": "Startjaar",
        "horizon": "Zichtperiode (jaren)",
        "price_year": "Prijspeil",
        "discount": "Discontovoet",
        "timing": "Moment in het jaar",
        "reference": "Nulalternatief",
        "made": "Gemaakt met",
        "date": "Datum",
        "none": "geen (stromen zijn al verschillen)",
    },
    "en": {
        "stream": "Stream",
        "kind": "Kind",
        "stakeholder": "Stakeholder",
        "payer": "Payer",
        "category": "Category",
        "year": "Year",
        "t": "t",
        "amount": "Amount",
        "discount_factor": "Discount factor",
        "pv": "Present value",
        "cost": "cost",
        "benefit": "benefit",
        "transfer": "transfer",
        "title": "Flows per year",
        "note": "Euros, {year} prices, project minus reference, "
        "after corrections; present value = amount × factor.",
        "field": "Field",
        "value": "Value",
        "name": "Model",
        "start_year": "Start year",
        "horizon": "Horizon (years)",
        "price_year": "Price year",
        "discount": "Discount rate",
        "timing": "Timing within the year",
        "reference": "Reference (counterfactual)",
        "made": "Made with",
        "date": "Date",
        "none": "none (streams are already differences)",
    },
}


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
    builders: dict[str, list[tuple[str, Callable[[Any, str], T.Table]]]] = {
        "one_way": [("one_way", T.build_one_way)],
        "scenarios": [("scenarios", T.build_scenarios)],
        "monte_carlo": [
            ("monte_carlo", T.build_monte_carlo),
            ("mc_stakeholders", T.build_mc_stakeholders),
        ],
        "sobol": [("sobol", T.build_sobol)],
    }
    for key, parts in builders.items():
        if key in sens:
            out.extend((name, build(sens[key], lang)) for name, build in parts)
    return out


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
    model_or_result: Model | Result,
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
) -> Path:
    """Write an Excel workbook with the tables of an MKBA.

    Sheets: the overview (with PM items), the stakeholders, costs and benefits per year,
    every stream per year, the parameters with their sources and grades, the
    sensitivity results given or asked for, and a sheet about the model (horizon,
    discounting, date). Header rows are bold and frozen, amounts are numbers with a euro
    number format, columns are sized to their contents. The file is written atomically:
    a failure leaves an existing file untouched.

    Parameters
    ----------
    model_or_result : Model or Result
        A model (evaluated at its base values) or an evaluated result.
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
        Add the sheet with every stream per year.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    MkbaError
        If openpyxl is not installed (``pip install 'mkba[excel]'``).
    MkbaTypeError, SpecificationError
        For a bad argument, before anything is written.
    """
    lang = check_lang(lang)
    model, result = resolve(model_or_result, "to_excel")
    target = check_path(path, "to_excel")
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise MkbaError(
            "to_excel() needs openpyxl; install it with: pip install 'mkba[excel]'"
        ) from exc
    sens = gather(
        model,
        sensitivity=sensitivity,
        one_way=one_way,
        draws=draws,
        rng=rng,
        scenarios=scenarios,
        sobol=sobol,
        what="to_excel",
    )
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
