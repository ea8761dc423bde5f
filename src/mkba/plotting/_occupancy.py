"""The people-flows chart: persons per cohort state per year, project beside the
nulalternatief, with the Monte Carlo 90% band where a run is given."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from mkba.errors import MkbaError, MkbaTypeError
from mkba.plotting._style import (
    STATE_COLORS,
    cycle,
    legend_below,
    literal_text,
    new_axes,
    tidy,
    title,
    word,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["occupancy_frame", "plot_occupancy"]

_STYLE: dict[str, Any] = {"project": "-", "reference": "--"}


def occupancy_frame(result: Any) -> pd.DataFrame:
    """The data behind :func:`plot_occupancy`.

    For a :class:`~mkba.Result`: ``result.occupancy()`` (column ``persons``). For a
    Monte Carlo result: ``mc.occupancy()`` (columns ``mean, p5, p50, p95``; the chart
    draws the median and the 5–95% band).
    """
    from mkba.results import Result
    from mkba.sensitivity import MonteCarloResult

    if isinstance(result, Result | MonteCarloResult):
        frame: pd.DataFrame = result.occupancy()
        return frame
    raise MkbaTypeError(
        "plot_occupancy() takes a Result (model.evaluate()) or a Monte Carlo result "
        f"(sensitivity.monte_carlo(...)), got {type(result).__name__}"
    )


@literal_text
def plot_occupancy(
    result: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    cohort: str | None = None,
    states: Sequence[str] | None = None,
    title_text: str | None = None,
    legend: bool = True,
    **line_kw: Any,
) -> Axes:
    """Persons per state per year: the project (solid) beside the nulalternatief (dashed).

    Parameters
    ----------
    result : Result or MonteCarloResult
        An evaluated model with cohorts, or a Monte Carlo run of one (then the median per
        state and year with its 90% band).
    ax : Axes, optional
        Axes to draw on; default a new figure.
    lang : {"nl", "en"}
    cohort : str, optional
        Only this cohort (default all).
    states : sequence of str, optional
        Only these states (default all), in this order.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    legend : bool
        Draw the legend (below the axes).
    **line_kw
        Passed to :meth:`Axes.plot`.

    Returns
    -------
    Axes

    See Also
    --------
    occupancy_frame : the data behind the chart.
    """
    frame = occupancy_frame(result)
    if frame.empty:
        raise MkbaError(f"model '{result.model.name}' has no cohorts, so there is no "
                        "occupancy to draw")
    if cohort is not None:
        if cohort not in set(frame["cohort"]):
            raise MkbaError(f"no cohort '{cohort}'; the model has {sorted(set(frame['cohort']))}")
        frame = frame[frame["cohort"] == cohort]
    order = list(dict.fromkeys(frame["state"]))
    # a state keeps its colour whichever states are drawn
    colors = dict(zip(order, cycle(STATE_COLORS, len(order)), strict=True))
    if states is not None:
        unknown = [s for s in states if s not in order]
        if unknown:
            raise MkbaError(f"no state {unknown[0]!r}; the states are {order}")
        order = list(states)
    uncertain = "p50" in frame.columns
    ax = new_axes(ax, (8.0, 4.5))
    for state in order:
        for alt in ("project", "reference"):
            part = frame[(frame["state"] == state) & (frame["alternative"] == alt)]
            if part.empty:
                continue
            part = part.groupby("year", sort=True).sum(numeric_only=True)
            y = part["p50"] if uncertain else part["persons"]
            ax.plot(part.index, y, linestyle=_STYLE[alt], color=colors[state],
                    linewidth=1.8, **line_kw)
            if uncertain:
                ax.fill_between(part.index, part["p5"], part["p95"], color=colors[state],
                                alpha=0.15 if alt == "project" else 0.08, linewidth=0)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole years, never 2026.5
    ax.set_xlabel(word(lang, "year"))
    ax.set_ylabel(word(lang, "persons"))
    ax.set_ylim(bottom=0)
    tidy(ax, grid_axis="y")
    title(ax, title_text, f"{word(lang, 'occupancy_title')} — {result.model.name}")
    if legend:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        handles: list[Any] = [Line2D([], [], color=colors[s], linewidth=1.8, label=s)
                              for s in order]
        alts = list(dict.fromkeys(frame["alternative"]))
        handles += [Line2D([], [], color="#444444", linestyle=_STYLE[a], label=word(lang, a))
                    for a in alts]
        if uncertain:
            handles.append(Patch(color="#444444", alpha=0.2, label=word(lang, "band")))
        legend_below(ax, ncol=min(len(handles), 5), handles=handles)
    return ax
