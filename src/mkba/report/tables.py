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
import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba.errors import MkbaError, MkbaTypeError
from mkba.formatting import (
    MISSING,
    check_lang,
    format_amount,
    format_number,
    format_percent,
    format_ratio,
    format_value,
    format_year,
)
from mkba.report._words import _W

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

    from mkba.model import Model
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

#: how each kind of cell is written; Excel number formats for the same kinds live in excel.py
KINDS = ("text", "amount", "ratio", "percent", "share", "year", "number", "index", "factor")

#: the kind of each headline metric
_METRIC_KINDS = {
    "npv": "amount",
    "pv_costs": "amount",
    "pv_benefits": "amount",
    "bcr": "ratio",
    "roi": "percent",
    "irr": "percent",
    "payback": "year",
    "participants": "number",
    "npv_per_participant": "amount",
}


def _w(lang: str) -> dict[str, str]:
    return _W[check_lang(lang)]


@dataclass
class Table:
    """A table before formatting: numbers, the kind of every cell, a title and a note.

    ``values`` has the presentation column headers (in the table's language); ``kinds``
    has the same shape and says how each cell is written (see :data:`KINDS`). Used by the
    Excel and HTML reports, which need the numbers rather than the strings.
    """

    values: pd.DataFrame
    kinds: pd.DataFrame
    title: str
    lang: str
    note: str = ""
    wrap: list[str] = field(default_factory=list)

    @classmethod
    def by_column(
        cls, values: pd.DataFrame, kinds: dict[str, str], title: str, lang: str, **kw: Any
    ) -> Table:
        """A table whose kinds are the same down each column (``kinds[column]``)."""
        frame = pd.DataFrame(
            {c: [kinds.get(c, "text")] * len(values) for c in values.columns},
            index=values.index,
        )
        return cls(values, frame, title, lang, **kw)

    def formatted(self) -> pd.DataFrame:
        """The table as strings, with ``attrs`` title, note and align_right."""
        out = pd.DataFrame(
            {
                c: [
                    format_cell(v, k, self.lang)
                    for v, k in zip(self.values[c], self.kinds[c], strict=True)
                ]
                for c in self.values.columns
            },
            index=self.values.index,
        )
        numeric = [c for c in self.values.columns if (self.kinds[c] != "text").mean() > 0.5]
        out.attrs.update(title=self.title, note=self.note, align_right=numeric)
        return out


def format_cell(value: Any, kind: str, lang: str) -> str:
    """Write one cell as its ``kind`` says (amount, ratio, percent, share, year, ...)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if kind == "text" or isinstance(value, str):
        return str(value)
    formatters: dict[str, Callable[[Any], str]] = {
        "amount": lambda v: format_amount(v, lang),
        "ratio": lambda v: format_ratio(v, lang),
        "percent": lambda v: format_percent(v, lang),
        "share": lambda v: format_percent(v, lang, 0),
        "year": lambda v: format_year(v, lang),
        "number": lambda v: format_value(v, lang, digits=4),
        "index": lambda v: format_number(v, lang, 2),
        "factor": lambda v: format_number(v, lang, 4),
    }
    return formatters[kind](value)


# -- builders (numbers) ---------------------------------------------------------------


def _result(obj: object, fn: str) -> Result:
    from mkba.results import Result

    if not isinstance(obj, Result):
        raise MkbaTypeError(f"{fn}() takes a Result (model.evaluate()), got {type(obj).__name__}")
    return obj


def build_overview(result: Result, lang: str = "nl") -> Table:
    """The MKBA overview (``result.table(lang)``) with the kind of every value."""
    from mkba.results import words

    result = _result(result, "overview_table")
    w, rw = _w(lang), words(lang)
    raw = result.table(lang)
    section, item = raw.columns[0], raw.columns[1]
    by_item = {
        rw["bcr"]: "ratio",
        rw["roi"]: "percent",
        rw["irr"]: "percent",
        rw["payback"]: "year",
    }
    kinds = []
    for _, row in raw.iterrows():
        kind = "text" if row[section] == rw["pm"] else by_item.get(row[item], "amount")
        kinds.append(["text", "text", kind, "text"])
    return Table(
        raw,
        pd.DataFrame(kinds, columns=raw.columns),
        w["overview"],
        lang,
        note=w["overview_note"].format(year=result.model.price_year),
        wrap=[item],
    )


def build_stakeholders(result: Result, lang: str = "nl") -> Table:
    """The distribution over stakeholders with a total row."""
    result = _result(result, "stakeholder_table")
    w = _w(lang)
    frame = result.by_stakeholder()
    cols = ["costs", "benefits", "transfers_in", "transfers_out", "net"]
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
    """Costs, benefits and net per year, discounted net and its cumulative sum."""
    from mkba.plotting import cashflow_frame, cumulative_frame

    result = _result(result, "cashflow_table")
    w = _w(lang)
    flows = cashflow_frame(result)
    years = pd.Index(result.model.years, name="year")
    costs = -flows[flows["kind"] == "cost"].groupby("year")["amount"].sum()
    benefits = flows[flows["kind"] == "benefit"].groupby("year")["amount"].sum()
    cum = cumulative_frame(result)
    out = pd.DataFrame(
        {
            w["year"]: list(years),
            w["costs"]: costs.reindex(years, fill_value=0.0).to_numpy(),
            w["benefits"]: benefits.reindex(years, fill_value=0.0).to_numpy(),
            w["net"]: cum["net"].to_numpy(),
            w["discounted_net"]: cum["discounted_net"].to_numpy(),
            w["cumulative"]: cum["cumulative_discounted_net"].to_numpy(),
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
            w["parameter"]: p.label,
            w["name"]: p.name,
            w["value"]: p.value,
            w["unit"]: p.unit,
            w["price_year"]: p.price_year,
            w["dist"]: _dist_text(p.dist, lang),
            w["grade"]: p.grade or "",
            w["source"]: p.source,
            w["description"]: p.description,
        }
        for p in model.parameters
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


def _frame_of(obj: object, columns: set[str], fn: str) -> pd.DataFrame:
    frame = obj if isinstance(obj, pd.DataFrame) else None
    if frame is None and callable(getattr(obj, "to_frame", None)):
        frame = obj.to_frame()  # type: ignore[attr-defined]
    if not isinstance(frame, pd.DataFrame) or not columns <= set(frame.columns):
        raise MkbaTypeError(
            f"{fn}() needs a result with columns {sorted(columns)}, got {type(obj).__name__}"
        )
    return frame


def _price_year(obj: object) -> int | None:
    year = getattr(getattr(obj, "model", None), "price_year", None)
    return int(year) if year is not None else None


def build_one_way(one_way: Any, lang: str = "nl") -> Table:
    """The one-way sensitivity table, widest swing first, parameters by label."""
    w = _w(lang)
    frame = _frame_of(one_way, {"parameter", "low", "high", "npv_low", "npv_high"}, "one_way_table")
    frame = frame.assign(swing=(frame["npv_high"] - frame["npv_low"]).abs())
    frame = frame.sort_values("swing", ascending=False, kind="stable")
    label = frame["label"] if "label" in frame else frame["parameter"]
    out = pd.DataFrame(
        {
            w["parameter"]: label.to_numpy(),
            w["unit"]: (
                frame["unit"] if "unit" in frame else pd.Series([""] * len(frame))
            ).to_numpy(),
            w["low"]: frame["low"].to_numpy(),
            w["high"]: frame["high"].to_numpy(),
            w["npv_low"]: frame["npv_low"].to_numpy(),
            w["npv_high"]: frame["npv_high"].to_numpy(),
            w["swing"]: frame["swing"].to_numpy(),
        }
    )
    kinds = {w["low"]: "number", w["high"]: "number"} | {
        w[k]: "amount" for k in ("npv_low", "npv_high", "swing")
    }
    base = getattr(one_way, "base", None)
    note = w["one_way_note"].format(year=_price_year(one_way) or "", base=format_amount(base, lang))
    return Table.by_column(out, kinds, w["one_way"], lang, note=note, wrap=[w["parameter"]])


def _headline(
    frame: pd.DataFrame, first: str, w: dict[str, str]
) -> tuple[pd.DataFrame, dict[str, str]]:
    cols = [c for c in _METRIC_KINDS if c in frame.columns]
    out = frame[cols].copy()
    labels = [w["base"] if str(i) == "base" else str(i) for i in frame.index]
    out.insert(0, "__first", labels)
    out = out.rename(columns={c: w[c] for c in cols} | {"__first": first}).reset_index(drop=True)
    for c in cols:
        if _METRIC_KINDS[c] == "year":
            out[w[c]] = [
                None if v is None or (isinstance(v, float) and math.isnan(v)) else int(v)
                for v in frame[c]
            ]
            out[w[c]] = out[w[c]].astype(object)
    return out, {w[c]: _METRIC_KINDS[c] for c in cols}


def build_scenarios(scenarios: Any, lang: str = "nl") -> Table:
    """Headline metrics per scenario (``sensitivity.scenarios`` frame)."""
    w = _w(lang)
    frame = _frame_of(scenarios, {"npv"}, "scenario_table")
    out, kinds = _headline(frame, w["scenario"], w)
    _fill_payback(out, w)
    return Table.by_column(out, kinds, w["scenarios"], lang)


def _fill_payback(out: pd.DataFrame, w: dict[str, str]) -> None:
    if w["payback"] in out:
        out[w["payback"]] = [w["none"] if v is None else v for v in out[w["payback"]]]


def build_compare(compared: pd.DataFrame | Sequence[Any], lang: str = "nl") -> Table:
    """Headline metrics of several interventions (a :func:`mkba.compare` frame)."""
    from mkba.results import compare

    w = _w(lang)
    frame = compared if isinstance(compared, pd.DataFrame) else compare(compared)
    frame = _frame_of(frame, {"npv"}, "compare_table")
    out, kinds = _headline(frame, w["model"], w)
    _fill_payback(out, w)
    return Table.by_column(out, kinds, w["compare"], lang, wrap=[w["model"]])


def _mc(mc: Any, fn: str) -> Any:
    if not callable(getattr(mc, "summary", None)) or getattr(mc, "npv", None) is None:
        raise MkbaTypeError(
            f"{fn}() takes a Monte Carlo result (sensitivity.monte_carlo), got {type(mc).__name__}"
        )
    return mc


def build_monte_carlo(mc: Any, lang: str = "nl") -> Table:
    """Mean, sd, P5, median and P95 of the headline metrics, and P(NPV > 0) in the note."""
    w = _w(lang)
    mc = _mc(mc, "monte_carlo_table")
    summary = mc.summary()
    stats = [c for c in ("mean", "sd", "p5", "p50", "p95") if c in summary.columns]
    out = summary[stats].rename(columns={c: w[c] for c in stats})
    metric_kind = [_METRIC_KINDS.get(str(i), "number") for i in summary.index]
    out.insert(0, w["metric"], [w.get(str(i), str(i)) for i in summary.index])
    out = out.reset_index(drop=True)
    kinds = pd.DataFrame({c: metric_kind for c in out.columns})
    kinds[w["metric"]] = "text"
    npv = np.asarray(mc.npv, dtype=float)
    prob = (
        mc.prob_positive()
        if callable(getattr(mc, "prob_positive", None))
        else float(np.mean(npv > 0))
    )
    seed = getattr(mc, "seed", None)
    year = _price_year(mc)
    note = w["monte_carlo_note"].format(
        n=format_number(npv.size, lang),
        seed=w["seed"].format(seed=seed) if seed is not None else "",
        p=format_percent(prob, lang, 0),
        year=w["prices"].format(year=year) if year else "",
    )
    return Table(out, kinds, w["monte_carlo"], lang, note=note)


def build_mc_stakeholders(mc: Any, lang: str = "nl") -> Table:
    """Per stakeholder: mean, P5, median, P95 of the net and the chance of a gain."""
    w = _w(lang)
    mc = _mc(mc, "monte_carlo_stakeholder_table")
    frame = mc.by_stakeholder()
    stats = [c for c in ("mean", "p5", "p50", "p95", "prob_positive") if c in frame.columns]
    out = frame[stats].rename(columns={c: w[c] for c in stats}).reset_index(names=w["stakeholder"])
    kinds = {w[c]: "amount" for c in stats} | {w["prob_positive"]: "share"}
    return Table.by_column(out, kinds, w["mc_stakeholders"], lang)


def build_sobol(sobol: Any, lang: str = "nl") -> Table:
    """First-order and total Sobol indices per parameter (by label), largest ST first."""
    w = _w(lang)
    frame = _frame_of(sobol, {"parameter", "S1", "ST"}, "sobol_table")
    frame = frame.sort_values("ST", ascending=False, kind="stable")
    label = frame["label"] if "label" in frame else frame["parameter"]
    out = pd.DataFrame({w["parameter"]: label.to_numpy()})
    kinds = {}
    for key in ("S1", "ST"):
        out[w[key]] = frame[key].to_numpy()
        kinds[w[key]] = "index"
        lo, hi = f"{key}_conf_low", f"{key}_conf_high"
        if lo in frame and hi in frame:
            out[w[f"{key}_ci"]] = [
                f"{format_number(a, lang, 2)} – {format_number(b, lang, 2)}"
                for a, b in zip(frame[lo], frame[hi], strict=True)
            ]
    return Table.by_column(
        out, kinds, w["sobol"], lang, note=w["sobol_note"], wrap=[w["parameter"]]
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


def one_way_table(one_way: Any, lang: str = "nl") -> pd.DataFrame:
    """The one-way sensitivity results (``sensitivity.one_way(m)``), widest swing first."""
    return build_one_way(one_way, lang).formatted()


def scenario_table(scenarios: Any, lang: str = "nl") -> pd.DataFrame:
    """Headline metrics per scenario (``sensitivity.scenarios(m, {...})``)."""
    return build_scenarios(scenarios, lang).formatted()


def compare_table(compared: pd.DataFrame | Sequence[Any], lang: str = "nl") -> pd.DataFrame:
    """Headline metrics of several interventions: a :func:`mkba.compare` frame, or the
    models or results to compare."""
    return build_compare(compared, lang).formatted()


def monte_carlo_table(mc: Any, lang: str = "nl") -> pd.DataFrame:
    """The Monte Carlo summary: mean, sd, P5, median and P95 of each headline metric;
    the note gives the number of draws, the seed and P(NPV > 0)."""
    return build_monte_carlo(mc, lang).formatted()


def monte_carlo_stakeholder_table(mc: Any, lang: str = "nl") -> pd.DataFrame:
    """Per stakeholder, the Monte Carlo mean, P5, median and P95 of the net and the
    probability of a gain."""
    return build_mc_stakeholders(mc, lang).formatted()


def sobol_table(sobol: Any, lang: str = "nl") -> pd.DataFrame:
    """First-order and total Sobol indices (``sensitivity.sobol(m, ...)``), largest first."""
    return build_sobol(sobol, lang).formatted()


# -- rendering ------------------------------------------------------------------------


def to_html_table(
    frame: pd.DataFrame,
    *,
    caption: str | None = None,
    note: str | None = None,
    group_first: bool = False,
    total_row: bool = False,
) -> str:
    """An HTML ``<table>`` of a formatted table, every cell escaped.

    Parameters
    ----------
    frame : DataFrame
        A table from this module (or any frame of strings); columns listed in
        ``frame.attrs["align_right"]`` are right-aligned (class ``num``).
    caption : str, optional
        Caption; default ``frame.attrs["title"]``; ``""`` for none.
    note : str, optional
        A note under the table; default ``frame.attrs["note"]``.
    group_first : bool
        Show a value of the first column only where it changes (as in the overview's
        sections).
    total_row : bool
        Mark the last row as a total (class ``total``).

    Returns
    -------
    str
    """
    caption = frame.attrs.get("title", "") if caption is None else caption
    note = frame.attrs.get("note", "") if note is None else note
    right = set(frame.attrs.get("align_right", []))
    esc = html.escape
    head = "".join(
        f'<th scope="col"{" class=num" if c in right else ""}>{esc(str(c))}</th>'
        for c in frame.columns
    )
    rows = []
    previous = None
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = []
        for j, (c, v) in enumerate(zip(frame.columns, row, strict=True)):
            text = "" if group_first and j == 0 and v == previous else esc(str(v))
            cells.append(f"<td{' class=num' if c in right else ''}>{text}</td>")
        previous = row[0]
        last = total_row and i == len(frame) - 1
        rows.append(f"<tr{' class=total' if last else ''}>{''.join(cells)}</tr>")
    parts = ['<table class="mkba">']
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append(f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    if note:
        parts.append(f'<p class="note">{esc(note)}</p>')
    return "".join(parts)


def to_styler(frame: pd.DataFrame) -> Styler:
    """A pandas ``Styler`` of a formatted table: caption, right-aligned amounts, no index.

    Needs jinja2 (a pandas optional dependency).
    """
    try:
        styler = frame.style
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MkbaError("to_styler() needs jinja2: pip install jinja2") from exc
    right = [c for c in frame.attrs.get("align_right", []) if c in frame.columns]
    styler = styler.hide(axis="index")
    if right:
        styler = styler.set_properties(subset=right, **{"text-align": "right"})
    title = frame.attrs.get("title")
    if title:
        styler = styler.set_caption(html.escape(str(title)))
    return styler
