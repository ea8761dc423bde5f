"""Chart of a two-way sensitivity analysis: the metric as a heat map over two parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from mkba.errors import MkbaTypeError
from mkba.plotting._style import (
    euro_formatter,
    is_money,
    literal_text,
    metric_axis_label,
    new_axes,
    title,
    word,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_two_way"]


def _axis_text(model: Any, name: str) -> str:
    try:
        p = model.parameter(name)
    except (AttributeError, KeyError):  # no model, or a name it lacks: show the name
        return name
    return f"{p.label} ({p.unit})" if p.unit else p.label


@literal_text
def plot_two_way(
    result: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    title_text: str | None = None,
    cmap: str = "RdBu",
    **kwargs: Any,
) -> Axes:
    """Draw a two-way sensitivity result as a heat map, with the break-even contour.

    Parameters
    ----------
    result : TwoWayResult
        From :func:`mkba.sensitivity.two_way`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    lang : {"nl", "en"}
        Language of the labels.
    title_text : str, optional
        Title; ``""`` for none.
    cmap : str
        A diverging colour map, centred on zero (the switching point) for NPV and ROI
        and on one for the B/C ratio.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.pcolormesh`.

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    The data behind the chart is ``result.pivot()``: rows are values of ``result.a``
    (the y axis), columns values of ``result.b`` (the x axis).
    """
    from matplotlib.colors import TwoSlopeNorm

    pivot = getattr(result, "pivot", None)
    if not callable(pivot):
        raise MkbaTypeError(
            f"plot_two_way() needs a result of sensitivity.two_way(), got {type(result).__name__}"
        )
    table = pivot()
    metric = getattr(result, "metric", "npv")
    centre = 1.0 if metric == "bcr" else 0.0
    z = table.to_numpy(dtype=float)
    lo, hi = float(np.nanmin(z)), float(np.nanmax(z))
    norm = TwoSlopeNorm(
        vcenter=centre,
        vmin=min(lo, centre - 1e-9 * max(1.0, abs(hi))),
        vmax=max(hi, centre + 1e-9 * max(1.0, abs(lo))),
    )
    ax = new_axes(ax, (8.0, 5.5))
    x = table.columns.to_numpy(dtype=float)
    y = table.index.to_numpy(dtype=float)
    kwargs.setdefault("shading", "nearest")
    mesh = ax.pcolormesh(x, y, z, cmap=cmap, norm=norm, **kwargs)
    if lo < centre < hi:
        contour = ax.contour(x, y, z, levels=[centre], colors="black", linewidths=1.2)
        ax.clabel(
            contour,
            fmt={centre: word(lang, "zero") if metric == "npv" else f"{centre:g}"},
            fontsize="small",
        )
    base = getattr(result, "model", None)
    if base is not None:
        ax.plot(
            [base.parameter(result.b).value],
            [base.parameter(result.a).value],
            marker="o",
            color="black",
            markersize=6,
            linestyle="none",
            gid="base",
        )
    bar = ax.figure.colorbar(mesh, ax=ax)
    if is_money(metric):
        bar.formatter = euro_formatter(lang)
        bar.update_ticks()
    bar.set_label(metric_axis_label(lang, metric, getattr(base, "price_year", None)))
    ax.set_xlabel(_axis_text(base, result.b))
    ax.set_ylabel(_axis_text(base, result.a))
    name = getattr(result, "model_name", "")
    title(ax, title_text, word(lang, "two_way_title") + (f" — {name}" if name else ""))
    return ax
