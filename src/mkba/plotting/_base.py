"""Charts of one evaluated result (cash flows, stakeholders) and of several (compare)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba.errors import MkbaTypeError
from mkba.formatting import format_compact
from mkba.plotting._style import (
    BENEFIT_COLORS,
    COLORS,
    COST_COLORS,
    axis_label,
    cycle,
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

    from mkba.results import Result

__all__ = [
    "cashflow_frame",
    "compare_frame",
    "cumulative_frame",
    "plot_cashflows",
    "plot_compare",
    "plot_stakeholders",
    "stakeholder_frame",
]


def _check_result(result: object, fn: str) -> Result:
    from mkba.results import Result

    if not isinstance(result, Result):
        raise MkbaTypeError(
            f"{fn}() draws a Result, got {type(result).__name__}; pass model.evaluate()"
        )
    return result


# -- the data behind the charts -------------------------------------------------------


def cashflow_frame(result: Result) -> pd.DataFrame:
    """The yearly costs and benefits by category that :func:`plot_cashflows` draws.

    Parameters
    ----------
    result : Result
        An evaluated model.

    Returns
    -------
    DataFrame
        :meth:`Result.cashflows`: columns ``side`` ("cost" or "benefit"), ``category``,
        ``note``, ``year`` and ``amount`` (undiscounted euros of the price year, signed:
        costs negative, benefits positive). The side is decided per line on its present
        value, as in the overview table: a line that costs less than in the
        nulalternatief is a benefit with note "avoided" (vermeden kosten) in every year.
    """
    return _check_result(result, "cashflow_frame").cashflows()


def cumulative_frame(result: Result) -> pd.DataFrame:
    """The yearly net benefit and the cumulative discounted net benefit (the line).

    Returns
    -------
    DataFrame
        Index ``year``; columns ``net`` (benefits − costs, undiscounted), ``discounted_net``
        and ``cumulative_discounted_net``, in euros of the price year
        (from :meth:`Result.yearly`).
    """
    yearly = _check_result(result, "cumulative_frame").yearly()
    return yearly[["net", "discounted_net", "cumulative_discounted_net"]]


def stakeholder_frame(result: Result) -> pd.DataFrame:
    """The distribution over stakeholders that :func:`plot_stakeholders` draws.

    Returns
    -------
    DataFrame
        :meth:`Result.by_stakeholder` (index ``stakeholder``; columns ``costs, benefits,
        transfers_in, transfers_out, net``), sorted by ``net``, largest gain first.
    """
    result = _check_result(result, "stakeholder_frame")
    columns = ["costs", "benefits", "transfers_in", "transfers_out", "net"]
    # a model without streams has no stakeholders: an empty frame with every column
    frame = result.by_stakeholder().reindex(columns=columns, fill_value=0.0)
    return frame.sort_values("net", ascending=False)


def compare_frame(results: pd.DataFrame | Sequence[Result]) -> pd.DataFrame:
    """The comparison that :func:`plot_compare` draws: a :func:`mkba.compare` frame.

    Parameters
    ----------
    results : DataFrame or sequence of Result
        A frame from :func:`mkba.compare`, or evaluated results (never models: charts do
        not evaluate).
    """
    if isinstance(results, pd.DataFrame):
        missing = {"npv", "pv_costs", "pv_benefits"} - set(results.columns)
        if missing:
            raise MkbaTypeError(
                f"plot_compare() needs a mkba.compare() frame; columns {sorted(missing)} missing"
            )
        return results
    from mkba.results import Result, compare

    items = list(results)
    for obj in items:
        if not isinstance(obj, Result):
            raise MkbaTypeError(
                f"plot_compare() takes a mkba.compare() frame or Results, got "
                f"{type(obj).__name__}; evaluate models first or pass mkba.compare(models)"
            )
    return compare(items)


# -- charts ---------------------------------------------------------------------------


def _stack(
    ax: Axes,
    x: np.ndarray,
    series: list[tuple[str, np.ndarray, str]],
    *,
    horizontal: bool = False,
    width: float = 0.8,
    hatched: Sequence[str] = (),
    **bar_kw: Any,
) -> None:
    """Stack bars: positive values upwards from 0, negative values downwards.

    Series whose label is in ``hatched`` are hatched (white hatching on the colour).
    """
    pos = np.zeros(len(x))
    neg = np.zeros(len(x))
    for label, values, color in series:
        bottom = np.where(values >= 0, pos, neg)
        kw = dict(bar_kw)
        if label in hatched:
            kw.update(hatch="//", edgecolor="white")
        if horizontal:
            ax.barh(x, values, height=width, left=bottom, color=color, label=label, **kw)
        else:
            ax.bar(x, values, width=width, bottom=bottom, color=color, label=label, **kw)
        pos = pos + np.where(values >= 0, values, 0.0)
        neg = neg + np.where(values < 0, values, 0.0)


@literal_text
def plot_cashflows(
    result: Result,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    cumulative: bool = True,
    payback: bool = True,
    title_text: str | None = None,
    legend: bool = True,
    **bar_kw: Any,
) -> Axes:
    """Yearly costs and benefits by category, with the cumulative discounted net benefit.

    Costs are drawn below zero, benefits above, stacked by category (transfers are left
    out: they net to zero for society). Each line is on the side of the balance the
    overview table puts it: a line that costs less than in the nulalternatief (a
    negative present value) is a benefit, "vermeden kosten", in every year. A black line
    shows the cumulative discounted net benefit and a dashed vertical line marks the
    payback year (the line has gid ``"payback"``, its label gid ``"payback_label"``).

    Parameters
    ----------
    result : Result
        An evaluated model (``model.evaluate()``).
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    cumulative : bool
        Draw the cumulative discounted net benefit.
    payback : bool
        Mark the payback year.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    legend : bool
        Draw the legend (outside the axes, to the right).
    **bar_kw
        Passed to :meth:`Axes.bar` (e.g. ``alpha``, ``edgecolor``).

    Returns
    -------
    Axes

    See Also
    --------
    cashflow_frame, cumulative_frame : the data behind the chart.
    """
    result = _check_result(result, "plot_cashflows")
    ax = new_axes(ax, figsize("cashflows"))
    frame = cashflow_frame(result)
    years = np.asarray(result.model.years)
    series: list[tuple[str, np.ndarray, str]] = []
    for kind, palette in (("cost", COST_COLORS), ("benefit", BENEFIT_COLORS)):
        part = frame[frame["side"] == kind]
        keys = list(dict.fromkeys(zip(part["category"], part["note"], strict=True)))
        for (cat, note), color in zip(keys, cycle(palette, len(keys)), strict=True):
            rows = part[(part["category"] == cat) & (part["note"] == note)]
            values = rows.groupby("year")["amount"].sum().reindex(years, fill_value=0.0)
            label = f"{word(lang, kind)}: {cat}" + (f" ({word(lang, note)})" if note else "")
            series.append((label, values.to_numpy(), color))
    bar_kw.setdefault("linewidth", 0)
    _stack(ax, years, series, **bar_kw)
    ax.axhline(0, color="#444444", linewidth=0.8)
    cum = cumulative_frame(result)["cumulative_discounted_net"].to_numpy()
    if cumulative:
        ax.plot(
            years,
            cum,
            color=COLORS["net"],
            marker="o",
            markersize=4,
            linewidth=1.8,
            label=word(lang, "cumulative"),
            zorder=5,
        )
    handles, labels = ax.get_legend_handles_labels()
    if payback:
        year = result.payback
        end = int(years[-1])
        # the label goes at the top, by the payback line or, without one, at the left
        at: tuple[float, float] = (0.0, 1.0)
        coords: str | tuple[str, str] = "axes fraction"
        side = "left"
        if year is not None:
            text = word(lang, "payback", year=year)
            line = ax.axvline(
                year, color="#444444", linestyle="--", linewidth=1.2, label=text, zorder=4
            )
            line.set_gid("payback")
            at, coords = (year, 1.0), ("data", "axes fraction")
            # in the right half of the horizon the label goes left of the line, so it
            # never runs out of the axes into the legend
            if year > (years[0] + years[-1]) / 2:
                side = "right"
        else:
            from matplotlib.patches import Patch

            text = word(lang, "no_payback", end=end)
            handles.append(Patch(visible=False))
            labels.append(text)
        ax.annotate(
            text,
            xy=at,
            xycoords=coords,
            xytext=(4 if side == "left" else -4, -4),
            textcoords="offset points",
            ha=side,
            va="top",
            fontsize="small",
            color="#444444",
            gid="payback_label",
        )
    ax.set_xlabel(word(lang, "year"))
    ax.set_ylabel(axis_label(lang, word(lang, "per_year"), result.model.price_year))
    euro_axis(ax.yaxis, lang)
    step = max(1, int(np.ceil(len(years) / 12)))
    ax.set_xticks(years[::step])
    ax.set_xticklabels([str(int(y)) for y in years[::step]])
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    top = ax.get_ylim()[1]
    ax.set_ylim(top=top + 0.08 * (top - ax.get_ylim()[0]))  # room for the payback label
    tidy(ax)
    title(ax, title_text, f"{word(lang, 'cashflows_title')} — {result.model.name}")
    if legend:
        ax.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            fontsize="small",
        )
    return ax


@literal_text
def plot_stakeholders(
    result: Result,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    title_text: str | None = None,
    legend: bool = True,
    **bar_kw: Any,
) -> Axes:
    """Who pays and who gains: present values per stakeholder, with the net marked.

    Benefits and transfers received are drawn to the right of zero, costs and transfers
    paid to the left (transfers hatched); a black diamond marks each stakeholder's net
    present value, labelled with the amount.

    Parameters
    ----------
    result : Result
        An evaluated model.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
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
    stakeholder_frame : the data behind the chart.
    """
    result = _check_result(result, "plot_stakeholders")
    frame = stakeholder_frame(result)
    n = len(frame)
    ax = new_axes(ax, figsize("stakeholders", n))
    y = rows(n)  # largest gain at the top
    series = [
        (word(lang, "benefits"), frame["benefits"].to_numpy(), COLORS["benefit"]),
        (word(lang, "costs"), -frame["costs"].to_numpy(), COLORS["cost"]),
    ]
    transfers = [
        (word(lang, "transfers_in"), frame["transfers_in"].to_numpy(), COLORS["transfer_in"]),
        (word(lang, "transfers_out"), -frame["transfers_out"].to_numpy(), COLORS["transfer_out"]),
    ]
    bar_kw.setdefault("linewidth", 0)
    # transfers hatched, so they read without colour too
    _stack(
        ax,
        y,
        series + [s for s in transfers if np.any(s[1] != 0)],
        horizontal=True,
        width=0.6,
        hatched=[s[0] for s in transfers],
        **bar_kw,
    )
    net = frame["net"].to_numpy()
    ax.scatter(net, y, marker="D", s=36, color=COLORS["net"], zorder=5, label=word(lang, "net"))
    right = frame["benefits"].to_numpy() + frame["transfers_in"].to_numpy()
    for yi, value, end in zip(y, net, right, strict=True):
        ax.annotate(
            f"{word(lang, 'net')}: {format_compact(value, lang)}",
            xy=(max(end, value, 0.0), yi),
            xytext=(10, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize="small",
        )
    ax.axvline(0, color="#444444", linewidth=0.8)
    label_rows(ax, y, list(frame.index), width=24, pad=0.7)
    ax.set_xlabel(axis_label(lang, word(lang, "pv"), result.model.price_year))
    euro_axis(ax.xaxis, lang)
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo, hi + 0.25 * (hi - lo))  # room for the net labels
    tidy(ax, grid_axis="x")
    title(ax, title_text, f"{word(lang, 'stakeholders_title')} — {result.model.name}")
    if legend:
        legend_below(ax, ncol=5)
    return ax


@literal_text
def plot_compare(
    results: pd.DataFrame | Sequence[Result],
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    price_year: int | None = None,
    title_text: str | None = None,
    legend: bool = True,
    **bar_kw: Any,
) -> Axes:
    """Several interventions side by side: present values of costs and benefits, and NPV.

    Parameters
    ----------
    results : DataFrame or sequence of Result
        A :func:`mkba.compare` frame, or evaluated results.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    price_year : int, optional
        Price year for the axis label; taken from the results when they are given and
        share one.
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
    compare_frame : the data behind the chart.
    """
    frame = compare_frame(results)
    if price_year is None and not isinstance(results, pd.DataFrame):
        years = {r.model.price_year for r in results}
        price_year = years.pop() if len(years) == 1 else None
    n = len(frame)
    ax = new_axes(ax, figsize("compare", n))
    y = rows(n)
    h = 0.26
    bar_kw.setdefault("linewidth", 0)
    spec = (
        ("pv_costs", COLORS["cost"], h),
        ("pv_benefits", COLORS["benefit"], 0.0),
        ("npv", "#555555", -h),
    )
    for column, color, shift in spec:
        values = frame[column].to_numpy(dtype=float)
        ax.barh(y + shift, values, height=h, color=color, label=word(lang, column), **bar_kw)
        if column == "npv":
            for yi, value in zip(y + shift, values, strict=True):
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
    label_rows(ax, y, [str(i) for i in frame.index], width=24)
    ax.set_xlabel(axis_label(lang, word(lang, "pv"), price_year))
    euro_axis(ax.xaxis, lang)
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo, hi + 0.12 * (hi - lo))
    tidy(ax, grid_axis="x")
    title(ax, title_text, word(lang, "compare_title"))
    if legend:
        legend_below(ax, ncol=3)
    return ax
