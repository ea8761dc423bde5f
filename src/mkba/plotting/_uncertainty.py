"""Charts of Monte Carlo results: the NPV distribution and the stakeholder intervals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba.errors import MkbaTypeError
from mkba.formatting import format_compact, format_number, format_percent
from mkba.plotting._sensitivity import _name, _price_year
from mkba.plotting._style import (
    COLORS,
    axis_label,
    euro_axis,
    figsize,
    label_rows,
    legend_below,
    literal_text,
    new_axes,
    pct,
    rows,
    tidy,
    title,
    word,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "npv_histogram_frame",
    "plot_npv_distribution",
    "plot_stakeholder_uncertainty",
    "stakeholder_uncertainty_frame",
]


# -- Monte Carlo ----------------------------------------------------------------------


def npv_histogram_frame(mc: Any, *, bins: int = 50) -> pd.DataFrame:
    """The histogram :func:`plot_npv_distribution` draws: ``mc.histogram("npv", bins=bins)``.

    Returns
    -------
    DataFrame
        Columns ``left, right`` (bin edges, euros; zero is an edge when the NPV takes
        both signs), ``count`` and ``share`` (of all draws). The same for a run kept per
        draw and one kept as summary (``keep="summary"``).
    """
    hist = getattr(mc, "histogram", None)
    if not callable(hist):
        raise MkbaTypeError(
            f"plot_npv_distribution() needs a Monte Carlo result, got {type(mc).__name__}; "
            "use mkba.sensitivity.monte_carlo(model, ...)"
        )
    frame: pd.DataFrame = hist("npv", bins=bins)
    if frame.empty:
        raise MkbaTypeError("plot_npv_distribution(): the result has no finite NPV draws")
    return frame


@literal_text
def plot_npv_distribution(
    mc: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    bins: int = 50,
    price_year: int | None = None,
    title_text: str | None = None,
    legend: bool = True,
    **bar_kw: Any,
) -> Axes:
    """Histogram of the Monte Carlo NPV with P(NPV > 0), the median and the 90% interval.

    Bars below zero are vermillion, above zero blue; dashed lines mark the 5th and 95th
    percentiles and a solid line the median, and the legend states the probability of a
    positive NPV and the 90% interval.

    Parameters
    ----------
    mc : MonteCarloResult or MonteCarloSummary
        From :func:`mkba.sensitivity.monte_carlo`, with any ``keep``: the histogram,
        percentiles and P(NPV > 0) are asked of the result (``mc.histogram()``,
        ``mc.summary()``, ``mc.prob_positive()``), so a ``keep="summary"`` run draws
        the same chart.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    bins : int
        Number of bins (one bin edge is put at zero).
    price_year : int, optional
        For the axis label; default from the result where it records one.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    legend : bool
        Draw the legend.
    **bar_kw
        Passed to :meth:`Axes.bar`.

    Returns
    -------
    Axes

    See Also
    --------
    npv_histogram_frame : the data behind the chart; ``mc.summary()`` for the numbers.
    """
    hist = npv_histogram_frame(mc, bins=bins)
    ax = new_axes(ax, figsize("npv_distribution"))
    colors = np.where(hist["right"] <= 0, COLORS["negative"], COLORS["positive"])
    bar_kw.setdefault("linewidth", 0)
    ax.bar(
        hist["left"],
        hist["share"],
        width=hist["right"] - hist["left"],
        align="edge",
        color=list(colors),
        **bar_kw,
    )
    stats = mc.summary().loc["npv"]
    p5, p50, p95 = (float(stats[k]) for k in ("p5", "p50", "p95"))
    prob = float(mc.prob_positive())
    interval = word(lang, "interval", low=format_compact(p5, lang), high=format_compact(p95, lang))
    top = float(hist["share"].max())
    # the lines stop below the legend, which sits in the room above the bars
    ax.vlines(
        [p5, p95], 0, top * 1.08, color="#222222", linestyle="--", linewidth=1.1, label=interval
    )
    ax.vlines(
        p50,
        0,
        top * 1.08,
        color="#222222",
        linewidth=1.4,
        label=word(lang, "median", value=format_compact(p50, lang)),
    )
    from matplotlib.patches import Patch

    handles, labels = ax.get_legend_handles_labels()
    handles.insert(0, Patch(color=COLORS["positive"]))
    labels.insert(0, word(lang, "prob_positive", p=pct(prob, lang)))
    ax.set_xlabel(axis_label(lang, word(lang, "tornado_x"), _price_year(mc, price_year)))
    ax.set_ylabel(word(lang, "share"))
    euro_axis(ax.xaxis, lang)
    from matplotlib.ticker import FuncFormatter

    digits = 0 if top > 0.04 else 1
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: format_percent(v, lang, digits) if v >= 0 else "")
    )
    ax.set_ylim(0, top * 1.4)  # room for the legend above the bars
    tidy(ax)
    title(
        ax,
        title_text,
        word(lang, "npv_dist_title", n=format_number(int(mc.n_draws), lang))
        + _name(mc),
    )
    if legend:
        ax.legend(
            handles,
            labels,
            loc="upper left",
            frameon=True,
            framealpha=0.9,
            edgecolor="none",
            fontsize="small",
        )
    return ax


def stakeholder_uncertainty_frame(mc: Any) -> pd.DataFrame:
    """The intervals :func:`plot_stakeholder_uncertainty` draws: ``mc.by_stakeholder()``.

    Returns
    -------
    DataFrame
        Index ``stakeholder``; columns ``mean, p5, p95, prob_positive`` (and more where
        the result gives them), sorted by ``mean``, largest first.
    """
    by = getattr(mc, "by_stakeholder", None)
    frame = by() if callable(by) else None
    if not isinstance(frame, pd.DataFrame) or not {"mean", "p5", "p95"} <= set(frame.columns):
        raise MkbaTypeError(
            "plot_stakeholder_uncertainty() needs a Monte Carlo result whose by_stakeholder() "
            f"has columns mean, p5, p95; got {type(mc).__name__}"
        )
    return frame.sort_values("mean", ascending=False)


@literal_text
def plot_stakeholder_uncertainty(
    mc: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    price_year: int | None = None,
    title_text: str | None = None,
    **line_kw: Any,
) -> Axes:
    """Per stakeholder, the mean net present value and its 90% interval (P5–P95).

    The probability that a stakeholder gains (net > 0) is written at the right.

    Parameters
    ----------
    mc : Monte Carlo result
        From :func:`mkba.sensitivity.monte_carlo`.
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
        Language of labels.
    price_year : int, optional
        For the axis label; default from the result where it records one.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    **line_kw
        Passed to :meth:`Axes.hlines` (the intervals).

    Returns
    -------
    Axes

    See Also
    --------
    stakeholder_uncertainty_frame : the data behind the chart.
    """
    frame = stakeholder_uncertainty_frame(mc)
    n = len(frame)
    ax = new_axes(ax, figsize("stakeholder_uncertainty", n))
    y = rows(n)
    line_kw.setdefault("linewidth", 6)
    line_kw.setdefault("color", COLORS["interval"])
    line_kw.setdefault("alpha", 0.55)
    ax.hlines(y, frame["p5"], frame["p95"], label="P5–P95", **line_kw)
    ax.scatter(
        frame["mean"], y, marker="D", s=36, color=COLORS["net"], zorder=5, label=word(lang, "mean")
    )
    ax.axvline(0, color="#444444", linewidth=0.8)
    if "prob_positive" in frame:
        for yi, p in zip(y, frame["prob_positive"], strict=True):
            ax.annotate(
                word(lang, "p_pos_short", p=pct(float(p), lang)),
                xy=(1.0, yi),
                xycoords=("axes fraction", "data"),
                xytext=(6, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize="small",
            )
    label_rows(ax, y, [str(s) for s in frame.index], width=24, pad=0.7)
    ax.set_xlabel(axis_label(lang, word(lang, "net"), _price_year(mc, price_year)))
    euro_axis(ax.xaxis, lang)
    tidy(ax, grid_axis="x")
    title(ax, title_text, word(lang, "stakeholder_unc_title") + _name(mc))
    legend_below(ax, ncol=2)
    return ax
