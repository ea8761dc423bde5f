"""Charts of sensitivity results: tornado, scenarios, Sobol indices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba.errors import MkbaTypeError
from mkba.formatting import format_compact, format_value
from mkba.plotting._style import (
    COLORS,
    axis_label,
    euro_axis,
    figsize,
    label_rows,
    legend_below,
    literal_text,
    new_axes,
    rows,
    tidy,
    title,
    word,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "plot_scenarios",
    "plot_sobol",
    "plot_tornado",
    "scenario_frame",
    "sobol_frame",
    "tornado_frame",
]


def _frame(obj: object, columns: set[str], fn: str) -> pd.DataFrame:
    frame = obj if isinstance(obj, pd.DataFrame) else None
    if frame is None and callable(getattr(obj, "to_frame", None)):
        frame = obj.to_frame()  # type: ignore[attr-defined]
    if not isinstance(frame, pd.DataFrame) or not columns <= set(frame.columns):
        raise MkbaTypeError(
            f"{fn}() needs a result with columns {sorted(columns)}, got {type(obj).__name__}"
        )
    return frame


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
        From :func:`mkba.sensitivity.one_way`; columns ``parameter, label, low, high,
        npv_low, npv_high, swing`` (and ``unit``).
    max_bars : int, optional
        Keep the parameters with the widest swing; None keeps all.

    Returns
    -------
    DataFrame
        The same columns, sorted by ``swing`` (descending), at most ``max_bars`` rows.
    """
    need = {"parameter", "low", "high", "npv_low", "npv_high"}
    frame = _frame(one_way, need, "plot_tornado").copy()
    if "swing" not in frame:
        frame["swing"] = (frame["npv_high"] - frame["npv_low"]).abs()
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
    """Tornado diagram: the NPV at the low and the high value of each parameter.

    Bars start at the base-case NPV (a vertical line) and end at the NPV with the
    parameter at its low (purple) or high (green) value; that parameter value is written
    at the bar's end. Bars are labelled with each parameter's label and unit, never its
    identifier, widest swing at the top. A label takes at most two lines; where two lines
    do not fit in one bar's height of the axes, the labels' font is made smaller (down to
    6 points). The figure it makes itself is tall enough for the usual size; a figure
    passed in through ``ax`` is never resized.

    Parameters
    ----------
    one_way : one-way result or DataFrame
        From :func:`mkba.sensitivity.one_way`.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    max_bars : int, optional
        Show the parameters with the widest swing only.
    base : float, optional
        Base-case NPV; default ``one_way.base``.
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
    if base is None:
        base = getattr(one_way, "base", None)
    if base is None:
        raise MkbaTypeError("plot_tornado(): the base-case NPV is unknown; pass base=")
    base = float(base)
    n = len(frame)
    ax = new_axes(ax, figsize("tornado", n))
    y = rows(n)
    bar_kw.setdefault("linewidth", 0)
    bar_kw.setdefault("height", 0.6)
    low_lbl, high_lbl = word(lang, "low"), word(lang, "high")
    for yi, (_, row) in zip(y, frame.iterrows(), strict=True):
        bars = [
            ("npv_low", "low", COLORS["low"], low_lbl),
            ("npv_high", "high", COLORS["high"], high_lbl),
        ]
        # the longer bar first, so a shorter one on the same side stays visible
        bars.sort(key=lambda b: -abs(float(row[b[0]]) - base))
        for npv_col, value_col, color, label in bars:
            end = float(row[npv_col])
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
        word(lang, "base", value=format_compact(base, lang)),
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
    ax.set_xlabel(axis_label(lang, word(lang, "tornado_x"), _price_year(one_way, price_year)))
    euro_axis(ax.xaxis, lang)
    ax.margins(x=0.12)
    tidy(ax, grid_axis="x")
    title(ax, title_text, word(lang, "tornado_title") + _name(one_way), pad=18)
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        unique = dict(zip(labels, handles, strict=True))
        order = [k for k in (low_lbl, high_lbl) if k in unique]
        legend_below(ax, ncol=2, handles=[unique[k] for k in order], labels=order)
    return ax


# -- scenarios and Sobol --------------------------------------------------------------


def scenario_frame(scenarios: Any) -> pd.DataFrame:
    """The scenario table :func:`plot_scenarios` draws (index ``scenario``, column ``npv``)."""
    frame = _frame(scenarios, {"npv"}, "plot_scenarios")
    return frame


@literal_text
def plot_scenarios(
    scenarios: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    price_year: int | None = None,
    title_text: str | None = None,
    **bar_kw: Any,
) -> Axes:
    """The NPV of each scenario as a bar (negative vermillion, positive blue), labelled.

    Each bar's NPV is written to the right: at the end of a positive bar, and next to the
    zero line for a negative one, so that the label of a long negative bar never runs into
    the scenario names.

    Parameters
    ----------
    scenarios : DataFrame
        From :func:`mkba.sensitivity.scenarios`: index ``scenario``, column ``npv``.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    price_year : int, optional
        For the axis label.
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
    frame = scenario_frame(scenarios)
    n = len(frame)
    ax = new_axes(ax, figsize("scenarios", n))
    y = rows(n)
    npv = frame["npv"].to_numpy(dtype=float)
    bar_kw.setdefault("linewidth", 0)
    bar_kw.setdefault("height", 0.6)
    colors = [COLORS["negative"] if v < 0 else COLORS["positive"] for v in npv]
    ax.barh(y, npv, color=colors, **bar_kw)
    for yi, value in zip(y, npv, strict=True):
        ax.annotate(
            format_compact(value, lang),
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
    ax.set_xlabel(axis_label(lang, word(lang, "npv"), _price_year(scenarios, price_year)))
    euro_axis(ax.xaxis, lang)
    ax.margins(x=0.15)
    tidy(ax, grid_axis="x")
    title(ax, title_text, word(lang, "scenarios_title"))
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
