"""Charts of sensitivity results: tornado, scenarios, switching values, break-even,
Sobol indices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba.errors import MkbaTypeError
from mkba.formatting import format_percent, format_value
from mkba.plotting._style import (
    COLORS,
    figsize,
    format_metric,
    label_rows,
    legend_below,
    literal_text,
    metric_axis,
    metric_axis_label,
    metric_label,
    new_axes,
    rows,
    tidy,
    title,
    word,
)
from mkba.results import result_frame as _frame
from mkba.sensitivity.one_way import metric_of

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "break_even_frame",
    "plot_break_even",
    "plot_scenarios",
    "plot_sobol",
    "plot_switching_values",
    "plot_tornado",
    "scenario_frame",
    "sobol_frame",
    "switching_frame",
    "tornado_frame",
]


def _price_year(obj: object, given: int | None) -> int | None:
    """The price year of a result object, where it records one."""
    if given is not None:
        return given
    year = getattr(obj, "price_year", None)
    if year is None:
        year = getattr(getattr(obj, "model", None), "price_year", None)
    return int(year) if year is not None else None


def _name(obj: object) -> str:
    name = getattr(obj, "model_name", None)
    if name is None:
        name = getattr(getattr(obj, "model", None), "name", None)
    return f" — {name}" if name else ""


def _label(row: pd.Series) -> str:
    label = str(row.get("label") or row["parameter"])
    unit = row.get("unit")
    return f"{label} ({unit})" if isinstance(unit, str) and unit else label


# -- tornado --------------------------------------------------------------------------


def tornado_frame(one_way: Any, *, max_bars: int | None = 15) -> pd.DataFrame:
    """The bars :func:`plot_tornado` draws: the one-way frame, widest swing first.

    Parameters
    ----------
    one_way : one-way result or DataFrame
        From :func:`mkba.sensitivity.one_way`, for any metric; columns ``parameter,
        label, low, high, <metric>_low, <metric>_high, swing`` (and ``unit``).
    max_bars : int, optional
        Keep the parameters with the widest swing; None keeps all.

    Returns
    -------
    DataFrame
        The same columns, sorted by ``swing`` (descending), at most ``max_bars`` rows.
    """
    frame = _frame(one_way, {"parameter", "low", "high"}, "plot_tornado")
    metric = metric_of(one_way if not isinstance(one_way, pd.DataFrame) else frame)
    lo, hi = f"{metric}_low", f"{metric}_high"
    frame = frame.copy()
    if "swing" not in frame:
        frame["swing"] = (frame[hi] - frame[lo]).abs()
    frame = frame.sort_values("swing", ascending=False, kind="stable")
    return frame.head(max_bars) if max_bars is not None else frame


@literal_text
def plot_tornado(
    one_way: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    max_bars: int | None = 15,
    base: float | None = None,
    price_year: int | None = None,
    title_text: str | None = None,
    legend: bool = True,
    **bar_kw: Any,
) -> Axes:
    """Tornado diagram: the metric at the low and the high value of each parameter.

    Bars start at the base-case value of the metric (a vertical line) and end at its
    value with the parameter at its low (purple) or high (green) value; that parameter
    value is written at the bar's end. The metric is the one the analysis varied (NPV,
    B/C ratio, ROI, present values or a stakeholder's net), and the axis is written in
    its unit (euros, a ratio, a percentage). Bars are labelled with each parameter's
    label and unit, never its identifier, widest swing at the top. A label takes at most
    two lines; where two lines do not fit in one bar's height of the axes, the labels'
    font is made smaller (down to 6 points). The figure it makes itself is tall enough
    for the usual size; a figure passed in through ``ax`` is never resized.

    Parameters
    ----------
    one_way : one-way result or DataFrame
        From :func:`mkba.sensitivity.one_way`, for any ``metric``.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    max_bars : int, optional
        Show the parameters with the widest swing only.
    base : float, optional
        Base-case value of the metric; default ``one_way.base``.
    price_year : int, optional
        For the axis label; default from the result where it records one.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    legend : bool
        Draw the legend (below the axes).
    **bar_kw
        Passed to :meth:`Axes.barh`.

    Returns
    -------
    Axes

    See Also
    --------
    tornado_frame : the data behind the chart.
    """
    frame = tornado_frame(one_way, max_bars=max_bars)
    metric = metric_of(one_way if not isinstance(one_way, pd.DataFrame) else frame)
    if base is None:
        base = getattr(one_way, "base", None)
    if base is None:
        raise MkbaTypeError("plot_tornado(): the base-case value is unknown; pass base=")
    base = float(base)
    n = len(frame)
    ax = new_axes(ax, figsize("tornado", n))
    y = rows(n)
    bar_kw.setdefault("linewidth", 0)
    bar_kw.setdefault("height", 0.6)
    low_lbl, high_lbl = word(lang, "low"), word(lang, "high")
    for yi, (_, row) in zip(y, frame.iterrows(), strict=True):
        bars = [
            (f"{metric}_low", "low", COLORS["low"], low_lbl),
            (f"{metric}_high", "high", COLORS["high"], high_lbl),
        ]
        # the longer bar first, so a shorter one on the same side stays visible
        bars.sort(key=lambda b: -abs(float(row[b[0]]) - base))
        for value_of_metric, value_col, color, label in bars:
            end = float(row[value_of_metric])
            ax.barh(yi, end - base, left=base, color=color, label=label, **bar_kw)
            # the value goes outside the bar's end; with no swing, low left and high right
            right = end > base or (end == base and value_col == "high")
            ax.annotate(
                format_value(float(row[value_col]), lang),
                xy=(end, yi),
                xytext=(4 if right else -4, 0),
                textcoords="offset points",
                ha="left" if right else "right",
                va="center",
                fontsize="small",
                color="#333333",
            )
    line = ax.axvline(base, color="#222222", linewidth=1.2)
    line.set_gid("base")
    ax.annotate(
        word(lang, "base", value=format_metric(base, lang, metric)),
        xy=(base, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize="small",
    )
    labels = [_label(row) for _, row in frame.iterrows()]
    label_rows(ax, y, labels, width=34, pad=0.6, max_lines=2)
    ax.set_xlabel(metric_axis_label(lang, metric, _price_year(one_way, price_year)))
    metric_axis(ax.xaxis, lang, metric)
    ax.margins(x=0.12)
    tidy(ax, grid_axis="x")
    default = (
        word(lang, "tornado_title")
        if metric == "npv"
        else word(lang, "tornado_title_metric", metric=metric_label(lang, metric))
    )
    title(ax, title_text, default + _name(one_way), pad=18)
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        unique = dict(zip(labels, handles, strict=True))
        order = [k for k in (low_lbl, high_lbl) if k in unique]
        legend_below(ax, ncol=2, handles=[unique[k] for k in order], labels=order)
    return ax


# -- scenarios and Sobol --------------------------------------------------------------


def scenario_frame(scenarios: Any, *, metric: str = "npv") -> pd.DataFrame:
    """The scenario table :func:`plot_scenarios` draws: ``scenarios.to_frame()`` (index
    ``scenario``, a column per headline metric)."""
    return _frame(scenarios, {metric}, "plot_scenarios")


@literal_text
def plot_scenarios(
    scenarios: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    metric: str = "npv",
    price_year: int | None = None,
    title_text: str | None = None,
    **bar_kw: Any,
) -> Axes:
    """The NPV of each scenario as a bar (negative vermillion, positive blue), labelled.

    Each bar's NPV is written to the right: at the end of a positive bar, and next to the
    zero line for a negative one, so that the label of a long negative bar never runs into
    the scenario names. The title names the model, the axis the price year.

    Parameters
    ----------
    scenarios : ScenarioResult or DataFrame
        From :func:`mkba.sensitivity.scenarios` (or its ``to_frame()``: index
        ``scenario``, column ``npv``).
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    metric : str
        The column drawn: "npv" (default), "bcr", "roi", "pv_costs" or "pv_benefits";
        a B/C ratio below 1 is drawn vermillion.
    price_year : int, optional
        For the axis label; default from the result.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    **bar_kw
        Passed to :meth:`Axes.barh`.

    Returns
    -------
    Axes

    See Also
    --------
    scenario_frame : the data behind the chart.
    """
    frame = scenario_frame(scenarios, metric=metric)
    n = len(frame)
    ax = new_axes(ax, figsize("scenarios", n))
    y = rows(n)
    npv = frame[metric].to_numpy(dtype=float)
    bar_kw.setdefault("linewidth", 0)
    bar_kw.setdefault("height", 0.6)
    threshold = 1.0 if metric == "bcr" else 0.0
    colors = [COLORS["negative"] if v < threshold else COLORS["positive"] for v in npv]
    ax.barh(y, npv, color=colors, **bar_kw)
    for yi, value in zip(y, npv, strict=True):
        ax.annotate(
            format_metric(value, lang, metric),
            xy=(max(value, 0.0), yi),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize="small",
        )
    ax.axvline(0, color="#444444", linewidth=0.8)
    base = word(lang, "base_case")
    labels = [base if s == "base" else str(s) for s in frame.index]
    label_rows(ax, y, labels, width=28, pad=0.6, max_lines=2)
    ax.set_xlabel(metric_axis_label(lang, metric, _price_year(scenarios, price_year)))
    metric_axis(ax.xaxis, lang, metric)
    ax.margins(x=0.15)
    tidy(ax, grid_axis="x")
    default = (
        word(lang, "scenarios_title")
        if metric == "npv"
        else word(lang, "scenarios_title_metric", metric=metric_label(lang, metric))
    )
    title(ax, title_text, default + _name(scenarios))
    return ax


def sobol_frame(sobol: Any, *, max_bars: int | None = 15) -> pd.DataFrame:
    """The indices :func:`plot_sobol` draws: the Sobol frame sorted by ``ST``, descending."""
    frame = _frame(sobol, {"parameter", "S1", "ST"}, "plot_sobol")
    frame = frame.sort_values("ST", ascending=False, kind="stable")
    return frame.head(max_bars) if max_bars is not None else frame


@literal_text
def plot_sobol(
    sobol: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    max_bars: int | None = 10,
    title_text: str | None = None,
    **bar_kw: Any,
) -> Axes:
    """First-order (S1) and total (ST) Sobol indices per parameter, with confidence bars.

    Parameters
    ----------
    sobol : Sobol result or DataFrame
        From :func:`mkba.sensitivity.sobol`; columns ``parameter, label, S1, ST`` and
        optionally ``S1_conf_low, S1_conf_high, ST_conf_low, ST_conf_high``.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    max_bars : int, optional
        Show the parameters with the largest total index only.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    **bar_kw
        Passed to :meth:`Axes.barh`.

    Returns
    -------
    Axes

    See Also
    --------
    sobol_frame : the data behind the chart.
    """
    frame = sobol_frame(sobol, max_bars=max_bars)
    n = len(frame)
    ax = new_axes(ax, figsize("sobol", n))
    y = rows(n)
    h = 0.38
    bar_kw.setdefault("linewidth", 0)
    for key, color, shift in (
        ("S1", COLORS["benefit"], h / 2),
        ("ST", COLORS["transfer_out"], -h / 2),
    ):
        values = frame[key].to_numpy(dtype=float)
        err = None
        lo_col, hi_col = f"{key}_conf_low", f"{key}_conf_high"
        if lo_col in frame and hi_col in frame:
            lo = frame[lo_col].to_numpy(dtype=float)
            hi = frame[hi_col].to_numpy(dtype=float)
            err = np.vstack([np.clip(values - lo, 0, None), np.clip(hi - values, 0, None)])
        ax.barh(
            y + shift,
            values,
            height=h,
            color=color,
            label=word(lang, key),
            xerr=err,
            error_kw={"ecolor": "#333333", "elinewidth": 0.9, "capsize": 2},
            **bar_kw,
        )
    ax.axvline(0, color="#444444", linewidth=0.8)
    labels = [_label(row) for _, row in frame.iterrows()]
    label_rows(ax, y, labels, width=34, pad=0.6, max_lines=2)
    ax.set_xlabel(word(lang, "sobol_x"))
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_value(round(v, 2), lang)))
    tidy(ax, grid_axis="x")
    title(ax, title_text, word(lang, "sobol_title") + _name(sobol))
    legend_below(ax, ncol=2)
    return ax


# -- switching values and break-even --------------------------------------------------


#: the legend order of the switching-value bars
_ROLES = ("within", "outside", "no_range")


def switching_frame(switching: Any, *, max_bars: int | None = 15) -> pd.DataFrame:
    """The bars :func:`plot_switching_values` draws.

    Parameters
    ----------
    switching : SwitchingValues or DataFrame
        From :func:`mkba.sensitivity.switching_values`.
    max_bars : int, optional
        Keep the parameters that need the smallest change; None keeps all.

    Returns
    -------
    DataFrame
        The rows of ``switching.to_frame()`` with a switching value and a relative
        ``change`` (a parameter with base 0 has none), sorted by ``|change|``: the
        parameter that flips the outcome with the smallest change first.
    """
    frame = _frame(
        switching, {"parameter", "switching_value", "change", "within_range"},
        "plot_switching_values",
    )
    frame = frame[frame["switching_value"].notna() & frame["change"].notna()]
    frame = frame.assign(_size=frame["change"].abs()).sort_values("_size", kind="stable")
    frame = frame.drop(columns="_size")
    return frame.head(max_bars) if max_bars is not None else frame


@literal_text
def plot_switching_values(
    switching: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    max_bars: int | None = 15,
    title_text: str | None = None,
    legend: bool = True,
    **bar_kw: Any,
) -> Axes:
    """How far each parameter must move, from its base value, to flip the outcome.

    One bar per parameter: the relative change from the base value to the switching
    value (where the metric reaches its target, the rest at base), smallest change at
    the top. Vermillion bars lie within the 5–95% interval of the parameter's
    distribution (the outcome can flip within its plausible range), grey bars beyond it,
    light bars belong to parameters without a distribution. The switching value itself
    is written at the bar's end. Beyond a change of ±500% the axis turns logarithmic.

    Parameters
    ----------
    switching : SwitchingValues or DataFrame
        From :func:`mkba.sensitivity.switching_values`.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    max_bars : int, optional
        Show the parameters that need the smallest change only.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    legend : bool
        Draw the legend (below the axes).
    **bar_kw
        Passed to :meth:`Axes.barh`.

    Returns
    -------
    Axes

    See Also
    --------
    switching_frame : the data behind the chart.
    """
    frame = switching_frame(switching, max_bars=max_bars)
    n = len(frame)
    ax = new_axes(ax, figsize("switching_values", n))
    metric = getattr(switching, "metric", None) or "npv"
    target = float(getattr(switching, "target", 1.0 if metric == "bcr" else 0.0))
    default = word(
        lang, "switching_title", metric=metric_label(lang, metric).lower(),
        target=format_value(target, lang),
    )
    if n == 0:
        ax.text(0.5, 0.5, word(lang, "no_switching"), ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        title(ax, title_text, default + _name(switching))
        return ax
    y = rows(n)
    change = frame["change"].to_numpy(dtype=float)
    inside = frame["within_range"]
    roles = [
        ("no_range", "#CCCCCC") if pd.isna(v)
        else ("within", COLORS["negative"]) if bool(v)
        else ("outside", COLORS["neutral"])
        for v in inside.astype(object)
    ]
    bar_kw.setdefault("linewidth", 0)
    bar_kw.setdefault("height", 0.6)
    for role, color in dict(sorted(set(roles), key=lambda rc: _ROLES.index(rc[0]))).items():
        mask = np.array([r == role for r, _ in roles])
        ax.barh(y[mask], change[mask], color=color, label=word(lang, role), **bar_kw)
    for yi, value, sv in zip(y, change, frame["switching_value"], strict=True):
        ax.annotate(
            format_value(float(sv), lang),
            xy=(value, yi),
            xytext=(4 if value >= 0 else -4, 0),
            textcoords="offset points",
            ha="left" if value >= 0 else "right",
            va="center",
            fontsize="small",
            color="#333333",
        )
    ax.axvline(0, color="#444444", linewidth=0.8)
    if np.max(np.abs(change)) > 5:
        ax.set_xscale("symlog", linthresh=1.0)
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, lang, 0)))
    labels = [_label(row) for _, row in frame.iterrows()]
    label_rows(ax, y, labels, width=34, pad=0.6, max_lines=2)
    ax.set_xlabel(word(lang, "switching_x"))
    ax.margins(x=0.15)
    tidy(ax, grid_axis="x")
    title(ax, title_text, default + _name(switching))
    if legend:
        legend_below(ax, ncol=3)
    return ax


def break_even_frame(be: Any) -> pd.DataFrame:
    """The curve :func:`plot_break_even` draws: ``be.curve()`` (columns ``value`` and the
    metric)."""
    curve = getattr(be, "curve", None)
    if not callable(curve):
        raise MkbaTypeError(
            "plot_break_even() needs the result of sensitivity.break_even(), got "
            f"{type(be).__name__}"
        )
    frame: pd.DataFrame = curve()
    return frame


@literal_text
def plot_break_even(
    be: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    price_year: int | None = None,
    title_text: str | None = None,
    legend: bool = True,
    **line_kw: Any,
) -> Axes:
    """The metric along one parameter, with its target, the break-even value and the
    base value marked (the rest of the parameters at base).

    A horizontal line marks the target (saldo 0, B/C 1), a dashed vertical line the
    break-even value (gid ``"break_even"``), a dotted one the base value (gid
    ``"base"``); the band is the 5–95% interval of the parameter's distribution.

    Parameters
    ----------
    be : BreakEven
        From :func:`mkba.sensitivity.break_even`.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    price_year : int, optional
        For the axis label; default from the result.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    legend : bool
        Draw the legend.
    **line_kw
        Passed to :meth:`Axes.plot` (the curve).

    Returns
    -------
    Axes

    See Also
    --------
    break_even_frame : the data behind the chart.
    """
    curve = break_even_frame(be)
    metric = str(be.metric)
    ax = new_axes(ax, figsize("break_even"))
    interval = be.interval()
    if interval is not None:
        ax.axvspan(*interval, color=COLORS["interval"], alpha=0.12, linewidth=0,
                   label=word(lang, "band"))
    line_kw.setdefault("color", COLORS["net"])
    line_kw.setdefault("linewidth", 1.8)
    ax.plot(curve["value"], curve[metric], label=metric_label(lang, metric), **line_kw)
    ax.axhline(be.target, color="#444444", linewidth=0.8,
               label=word(lang, "target", metric=metric_label(lang, metric),
                          value=format_metric(be.target, lang, metric)))
    at = ax.axvline(float(be), color=COLORS["negative"], linestyle="--", linewidth=1.4,
                    label=word(lang, "break_even_at", value=format_value(float(be), lang)))
    at.set_gid("break_even")
    base = ax.axvline(be.base, color="#222222", linestyle=":", linewidth=1.4,
                      label=word(lang, "base_value", value=format_value(be.base, lang)))
    base.set_gid("base")
    ax.set_xlabel(f"{be.label} ({be.unit})" if be.unit else be.label)
    ax.set_ylabel(metric_axis_label(lang, metric, _price_year(be, price_year)))
    metric_axis(ax.yaxis, lang, metric)
    tidy(ax, grid_axis="both")
    title(ax, title_text, word(lang, "break_even_title", parameter=be.label) + _name(be))
    if legend:
        ax.legend(loc="best", frameon=True, framealpha=0.9, edgecolor="none", fontsize="small")
    return ax
