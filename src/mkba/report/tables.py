"""Presentation tables in Dutch and English, formatted for print.

Each ``*_table`` function returns a DataFrame of strings — amounts rounded and written
the Dutch way (``€ 1.234.000``, ratios ``1,23``) or the English way (``€1,234,000``,
``1.23``) — ready to print, paste or render with :func:`to_html_table` or
:func:`to_styler`. The frame's ``attrs`` hold its ``title``, a ``note`` and the columns
to ``align_right``. The unformatted numbers behind a table come from the result objects
themselves (``result.table()``, ``result.by_stakeholder()``, ``mc.summary()``, ...).

Examples
--------
>>> from mkba import Model, Intervention, Stream, PM
>>> m = Model(name="Voorbeeld", start_year=2025, horizon=2, discount=0.0,
...           project=Intervention(name="p", streams=[
...               Stream(name="Begeleiding", kind="cost", stakeholder="Gemeente",
...                      amount="1234000"),
...               Stream(name="Opvang", kind="benefit", stakeholder="Gemeente",
...                      amount="1500000")], pm=[PM(name="Welzijn", sign="+")]))
>>> t = overview_table(m.evaluate(), "nl")
>>> t.loc[t["post"] == "Totaal kosten", "waarde"].item()
'€ 2.468.000'
>>> t = overview_table(m.evaluate(), "en")
>>> t.loc[t["item"] == "Benefit/cost ratio", "value"].item()
'1.22'
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pandas as pd

from mkba.errors import MkbaTypeError
from mkba.formatting import MISSING, format_value
from mkba.formatting import format_amount as format_amount  # the amounts' format, for callers
from mkba.report._render import to_html_table, to_styler

# the tables of the sensitivity analyses, and the builders the Excel and HTML reports use
from mkba.report._sensitivity_tables import build_compare as build_compare
from mkba.report._sensitivity_tables import build_evppi as build_evppi
from mkba.report._sensitivity_tables import build_mc_stakeholders as build_mc_stakeholders
from mkba.report._sensitivity_tables import build_monte_carlo as build_monte_carlo
from mkba.report._sensitivity_tables import build_one_way as build_one_way
from mkba.report._sensitivity_tables import build_scenarios as build_scenarios
from mkba.report._sensitivity_tables import build_sobol as build_sobol
from mkba.report._sensitivity_tables import (
    compare_table,
    monte_carlo_stakeholder_table,
    monte_carlo_table,
    one_way_table,
    scenario_table,
    sobol_table,
)
from mkba.report._sensitivity_tables import evppi_bars as evppi_bars
from mkba.report._sensitivity_tables import evppi_is_zero as evppi_is_zero
from mkba.report._sensitivity_tables import evppi_of as evppi_of
from mkba.report._table import KINDS as KINDS
from mkba.report._table import Table, _w
from mkba.report._table import format_cell as format_cell

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.parameters import Parameter
    from mkba.results import Result

__all__ = [
    "cashflow_table",
    "compare_table",
    "monte_carlo_stakeholder_table",
    "monte_carlo_table",
    "one_way_table",
    "overview_table",
    "parameter_table",
    "scenario_table",
    "sobol_table",
    "stakeholder_table",
    "to_html_table",
    "to_styler",
]


# -- builders (numbers) ---------------------------------------------------------------


def _result(obj: object, fn: str) -> Result:
    from mkba.results import Result

    if not isinstance(obj, Result):
        raise MkbaTypeError(f"{fn}() takes a Result (model.evaluate()), got {type(obj).__name__}")
    return obj


def build_overview(result: Result, lang: str = "nl") -> Table:
    """The MKBA overview (``result.table(lang)``) with the kind of every value
    (:func:`mkba.results.table_kinds`)."""
    from mkba.results import table_kinds

    result = _result(result, "overview_table")
    w = _w(lang)
    raw = result.table(lang)
    kinds = [["text", "text", kind, "text"] for kind in table_kinds(raw, lang)]
    return Table(
        raw,
        pd.DataFrame(kinds, columns=raw.columns),
        w["overview"],
        lang,
        note=w["overview_note"].format(year=result.model.price_year),
        wrap=[raw.columns[1]],
    )


def build_stakeholders(result: Result, lang: str = "nl") -> Table:
    """The distribution over stakeholders with a total row."""
    result = _result(result, "stakeholder_table")
    w = _w(lang)
    cols = ["costs", "benefits", "transfers_in", "transfers_out", "net"]
    # a model without streams has no stakeholders: only the total row, of zeros
    frame = result.by_stakeholder().reindex(columns=cols, fill_value=0.0)
    total = frame[cols].sum()
    body = pd.concat([frame[cols], total.to_frame(w["total"]).T])
    out = body.reset_index(names=w["stakeholder"]).rename(columns={c: w[c] for c in cols})
    kinds = {w[c]: "amount" for c in cols}
    return Table.by_column(
        out,
        kinds,
        w["stakeholders"],
        lang,
        note=w["stakeholders_note"].format(year=result.model.price_year),
    )


def build_cashflows(result: Result, lang: str = "nl") -> Table:
    """Costs, benefits and net per year, discounted net and its cumulative sum
    (:meth:`Result.yearly`: an avoided cost is a benefit, as in the overview)."""
    result = _result(result, "cashflow_table")
    w = _w(lang)
    yearly = result.yearly()
    out = pd.DataFrame(
        {
            w["year"]: [int(y) for y in yearly.index],
            w["costs"]: yearly["costs"].to_numpy(),
            w["benefits"]: yearly["benefits"].to_numpy(),
            w["net"]: yearly["net"].to_numpy(),
            w["discounted_net"]: yearly["discounted_net"].to_numpy(),
            w["cumulative"]: yearly["cumulative_discounted_net"].to_numpy(),
        }
    )
    kinds = {c: "amount" for c in out.columns} | {w["year"]: "year"}
    m = result.model
    return Table.by_column(
        out,
        kinds,
        w["cashflows"],
        lang,
        note=w["cashflows_note"].format(year=m.price_year, start=m.start_year),
    )


def _dist_text(dist: object, lang: str) -> str:
    """``PERT(60; 75; 95)`` (nl) or ``PERT(60, 75, 95)`` (en): the distribution's arguments,
    leaving out those at their default."""
    if dist is None:
        return MISSING
    if not dataclasses.is_dataclass(dist):
        return str(dist)
    args = []
    for f in dataclasses.fields(dist):
        value = getattr(dist, f.name)
        if not f.init or (f.default is not dataclasses.MISSING and value == f.default):
            continue
        number = isinstance(value, int | float) and not isinstance(value, bool)
        args.append(format_value(value, lang, digits=4) if number else str(value))
    return f"{type(dist).__name__}({('; ' if lang == 'nl' else ', ').join(args)})"


def _parameter_rows(p: Parameter, lang: str) -> list[tuple[str, str, float, str]]:
    """(label, name, value, distribution) of a parameter: one row, or one per share of a
    row of shares, whose distribution reads ``Dirichlet: 30 van 100``."""
    from mkba.distributions import Dirichlet

    if not isinstance(p.dist, Dirichlet):
        return [(p.label, p.name, float(p.value), _dist_text(p.dist, lang))]  # type: ignore[arg-type]
    total = format_value(p.dist.concentration, lang, digits=4)
    of = "van" if lang == "nl" else "of"
    return [
        (f"{p.label} → {target}", col, value,
         f"Dirichlet: {format_value(alpha, lang, digits=4)} {of} {total}")
        for (target, alpha), col, value in zip(p.dist.alpha, p.columns, p.column_values,
                                               strict=True)
    ]


def build_parameters(obj: Model | Result, lang: str = "nl") -> Table:
    """Every parameter with its value, unit, price year, uncertainty, grade and source."""
    from mkba.model import Model
    from mkba.results import Result

    model = obj.model if isinstance(obj, Result) else obj
    if not isinstance(model, Model):
        raise MkbaTypeError(
            f"parameter_table() takes a Model or a Result, got {type(obj).__name__}"
        )
    w = _w(lang)
    rows = [
        {
            w["parameter"]: label,
            w["name"]: name,
            w["value"]: value,
            w["unit"]: p.unit,
            w["price_year"]: p.price_year,
            w["dist"]: dist,
            w["grade"]: p.grade or "",
            w["source"]: p.source,
            w["description"]: p.description,
        }
        for p in model.parameters
        for label, name, value, dist in _parameter_rows(p, lang)
    ]
    columns = [
        w[k]
        for k in (
            "parameter",
            "name",
            "value",
            "unit",
            "price_year",
            "dist",
            "grade",
            "source",
            "description",
        )
    ]
    out = pd.DataFrame(rows, columns=columns)
    out[w["price_year"]] = out[w["price_year"]].astype(object)
    return Table.by_column(
        out,
        {w["value"]: "number", w["price_year"]: "year"},
        w["parameters"],
        lang,
        note=w["parameters_note"],
        wrap=[w["source"], w["description"], w["parameter"]],
    )


# -- public: formatted tables ---------------------------------------------------------


def overview_table(result: Result, lang: str = "nl") -> pd.DataFrame:
    """The MKBA overview table (overzichtstabel), formatted for print.

    Costs and benefits by category, their totals, the saldo, B/C ratio, ROI, IRR and
    payback year, and the PM items with their sign.

    Parameters
    ----------
    result : Result
        An evaluated model.
    lang : {"nl", "en"}
        Language: columns ``onderdeel, post, waarde, toelichting`` or ``section, item,
        value, note``.

    Returns
    -------
    DataFrame
        Strings; ``attrs`` holds ``title``, ``note`` and ``align_right``.
    """
    return build_overview(result, lang).formatted()


def stakeholder_table(result: Result, lang: str = "nl") -> pd.DataFrame:
    """The distribution over stakeholders (verdelingstabel), with a total row.

    Columns (nl) ``Actor, Kosten, Baten, Ontvangen overdrachten, Betaalde overdrachten,
    Saldo``; the saldo column adds up to the NPV. Strings, formatted for print.
    """
    return build_stakeholders(result, lang).formatted()


def cashflow_table(result: Result, lang: str = "nl") -> pd.DataFrame:
    """Costs, benefits and net per year (undiscounted), the discounted net and its
    cumulative sum — the numbers of :func:`mkba.plotting.plot_cashflows`."""
    return build_cashflows(result, lang).formatted()


def parameter_table(model: Model | Result, lang: str = "nl") -> pd.DataFrame:
    """Every parameter: label, name, value, unit, price year, uncertainty, grade, source."""
    return build_parameters(model, lang).formatted()
