"""The house style of mkba charts: palette, words, euro tick labels, axes helpers.

Nothing here touches global rcParams or imports pyplot at import time.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import numpy as np
from matplotlib.ticker import Formatter

from mkba.formatting import (
    check_lang,
    compact_scale,
    format_compact,
    format_number,
    format_percent,
    format_ratio,
)
from mkba.words import section

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "BENEFIT_COLORS",
    "COLORS",
    "COST_COLORS",
    "STATE_COLORS",
    "WORDS",
    "EuroFormatter",
    "axis_label",
    "euro_axis",
    "euro_formatter",
    "figsize",
    "format_metric",
    "label_rows",
    "legend_below",
    "literal_text",
    "metric_axis",
    "metric_axis_label",
    "metric_label",
    "new_axes",
    "rows",
    "word",
]

#: Okabe–Ito palette (colour-blind safe), by role
COLORS = {
    "cost": "#D55E00",  # vermillion
    "benefit": "#0072B2",  # blue
    "transfer_in": "#56B4E9",  # sky blue
    "transfer_out": "#E69F00",  # orange
    "net": "#000000",
    "neutral": "#999999",
    "low": "#CC79A7",  # reddish purple
    "high": "#009E73",  # bluish green
    "interval": "#0072B2",
    "negative": "#D55E00",
    "positive": "#0072B2",
}
#: colours for cost categories (warm) and benefit categories (cool), in order of use
COST_COLORS = ("#D55E00", "#E69F00", "#CC79A7", "#F0E442", "#8C3B00", "#F5C26B", "#E3AECB")
#: colours for cohort states, in order (Okabe–Ito, then darker shades)
STATE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
                "#F0E442", "#8C3B00", "#004B75", "#00664A")
BENEFIT_COLORS = ("#0072B2", "#009E73", "#56B4E9", "#004B75", "#66C5AB", "#A6D9F5", "#00664A")

WORDS: dict[str, dict[str, str]] = section("chart")


_F = TypeVar("_F", bound=Callable[..., Any])


def literal_text(draw: _F) -> _F:
    """Make every text a chart function puts on its figure show literally.

    Names, stakeholders, categories, labels and titles come from a model; matplotlib
    would read a ``$`` in them as the start of TeX math (mathtext), which crashes the
    drawing (``"A $_{$ B"``) or swallows the dollar signs (``"Prijs $5 - $10"``). The
    chart functions are wrapped in this: after ``draw`` returns its Axes, every text
    artist of its Axes (title, axis labels, tick labels, legend entries, annotations)
    and every one it added elsewhere on the figure (a colour bar's label) gets
    ``parse_math=False``. Text on other Axes of a figure given is left alone; mkba's own
    words use no math.
    """

    @functools.wraps(draw)
    def wrapper(*args: Any, **kw: Any) -> Any:
        from matplotlib.text import Text

        given = kw.get("ax")
        before: set[Any] = set()  # text elsewhere on a figure given: not ours to change
        if given is not None:
            before = set(given.figure.findobj(Text)) - set(given.findobj(Text))
        ax = draw(*args, **kw)
        for text in ax.figure.findobj(Text):
            if text not in before:
                text.set_parse_math(False)
        return ax

    return wrapper  # type: ignore[return-value]


def word(lang: str, key: str, **fmt: Any) -> str:
    """The chart vocabulary: ``WORDS[lang][key]`` with ``fmt`` filled in."""
    text = WORDS[check_lang(lang)][key]
    return text.format(**fmt) if fmt else text


#: metrics in euros (the others: "bcr" a ratio, "roi" a fraction); ``net_<stakeholder>``
#: is in euros too
MONEY_METRICS = ("npv", "pv_costs", "pv_benefits")


def is_money(metric: str) -> bool:
    """Whether ``metric`` is an amount in euros (NPV, present values, a stakeholder's net)."""
    return metric in MONEY_METRICS or metric.startswith("net_")


def metric_label(lang: str, metric: str) -> str:
    """What ``metric`` is called on a chart: "Saldo", "Baten/kosten-verhouding",
    "Saldo Gemeente" (``net_Gemeente``)."""
    if metric.startswith("net_"):
        return word(lang, "net_of", who=metric[len("net_") :])
    if metric in WORDS[check_lang(lang)]:
        return word(lang, metric)
    return metric


def format_metric(value: float, lang: str, metric: str) -> str:
    """A value of ``metric`` for a label: euros compact, a ratio, or a percentage."""
    if metric == "bcr":
        return format_ratio(value, lang)
    if metric == "roi":
        return format_percent(value, lang, 0)
    return format_compact(value, lang)


def metric_axis(axis: Any, lang: str, metric: str) -> None:
    """Tick labels for ``metric`` on ``axis``: euros, a ratio or a percentage."""
    if is_money(metric):
        euro_axis(axis, lang)
        return
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    if metric == "roi":
        axis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, lang, 0)))
    else:
        axis.set_major_formatter(FuncFormatter(lambda v, _: format_ratio(v, lang)))


def metric_axis_label(lang: str, metric: str, price_year: int | None) -> str:
    """The axis label of ``metric``: with unit and price year for amounts."""
    label = metric_label(lang, metric)
    return axis_label(lang, label, price_year) if is_money(metric) else label


def axis_label(lang: str, what: str, price_year: int | None) -> str:
    """``"Contante waarde (€, prijspeil 2025)"``: a quantity with its unit and price year."""
    if price_year is None:
        return f"{what} (€)"
    return f"{what} ({word(lang, 'price', year=price_year)})"


class EuroFormatter(Formatter):
    """Tick labels in euros, the Dutch or English way, one unit for the whole axis.

    ``€ 0``, ``€ 0,5 mln``, ``€ 1,0 mln`` (nl) or ``€0``, ``€0.5m``, ``€1.0m`` (en); the
    number of decimals is just enough to tell neighbouring ticks apart.
    """

    def __init__(self, lang: str = "nl") -> None:
        super().__init__()
        self.lang = check_lang(lang)

    def set_locs(self, locs: Any) -> None:
        """Remember the tick locations, so every label of the axis shares one unit."""
        self._ticks = [float(v) for v in locs]

    def _scale(self) -> tuple[tuple[float, str], int]:
        ticks = getattr(self, "_ticks", [])
        locs = np.asarray([v for v in ticks if np.isfinite(v)], dtype=float)
        if locs.size == 0:
            return (1.0, ""), 0
        scale = compact_scale(float(np.max(np.abs(locs))), self.lang)
        decimals = 0
        scaled = locs / scale[0]
        while decimals < 3 and not np.allclose(
            scaled * 10**decimals, np.round(scaled * 10**decimals), rtol=0, atol=1e-6
        ):
            decimals += 1
        return scale, decimals

    def __call__(self, x: float, pos: int | None = None) -> str:
        scale, decimals = self._scale()
        if abs(x) < 1e-9 * max(1.0, scale[0]):
            return format_compact(0.0, self.lang, decimals=0, scale=(1.0, ""))
        return format_compact(x, self.lang, decimals=decimals, scale=scale)


def euro_formatter(lang: str = "nl") -> EuroFormatter:
    """A matplotlib tick formatter for euro amounts (see :class:`EuroFormatter`).

    Examples
    --------
    >>> f = euro_formatter("nl")
    >>> f.set_locs([0, 500_000, 1_000_000, 1_500_000])
    >>> [f(v) for v in (0, 500_000, 1_500_000)]
    ['€ 0', '€ 0,5 mln', '€ 1,5 mln']
    """
    return EuroFormatter(lang)


def euro_axis(axis: Any, lang: str, nbins: int = 6) -> None:
    """Euro tick labels on ``axis`` (``ax.xaxis`` or ``ax.yaxis``), at most ~``nbins`` ticks."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(EuroFormatter(lang))


def legend_below(ax: Axes, *, ncol: int, points: float = 34.0, **kw: Any) -> None:
    """A legend centred below the axes, ``points`` below its bottom edge (clear of labels)."""
    from matplotlib.transforms import ScaledTranslation

    offset = ScaledTranslation(0, -points / 72, ax.figure.dpi_scale_trans)
    kw.setdefault("frameon", False)
    kw.setdefault("fontsize", "small")
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=ax.transAxes + offset,
        ncol=ncol,
        **kw,
    )


_SIZES = {
    "cashflows": (4.8, 0.0),
    "npv_distribution": (4.5, 0.0),
    "stakeholders": (1.6, 0.55),
    "compare": (1.6, 0.9),
    "tornado": (1.5, 0.45),
    "stakeholder_uncertainty": (1.6, 0.5),
    "scenarios": (1.5, 0.5),
    "sobol": (1.5, 0.42),
    "switching_values": (1.5, 0.45),
    "break_even": (4.5, 0.0),
}


def figsize(kind: str, rows: int = 0) -> tuple[float, float]:
    """The house figure size (inches) of chart ``kind`` with ``rows`` bars or rows."""
    base, per = _SIZES[kind]
    return (9.0, base + per * max(rows, 2)) if per else (9.0, base)


def new_axes(ax: Axes | None, figsize: tuple[float, float] = (8.0, 4.5)) -> Axes:
    """``ax`` itself, or the axes of a new figure with constrained layout."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=figsize, layout="constrained")
    return new


def tidy(ax: Axes, *, grid_axis: Literal["both", "x", "y"] = "y") -> None:
    """The house look: no top/right spines, a light grid behind the data."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(True, axis=grid_axis, color="#dddddd", linewidth=0.8)


def title(ax: Axes, text: str | None, default: str, *, pad: float | None = None) -> None:
    """Set the title: ``text`` if given (``""`` for none), else ``default``."""
    shown = default if text is None else text
    if shown:
        ax.set_title(shown, loc="left", fontsize="medium", fontweight="bold", pad=pad)


def wrap(labels: Sequence[str], width: int = 28, *, max_lines: int | None = None) -> list[str]:
    """Wrap long tick labels over several lines, ``width`` characters a line.

    With ``max_lines``, a label that would take more lines is wrapped wider instead, just
    enough to fit in ``max_lines`` lines (so no label grows taller than that).
    """
    out = []
    for label in map(str, labels):
        fit = width
        if max_lines is not None and len(textwrap.wrap(label, fit)) > max_lines:
            # the narrowest width that fits, by bisection (lines only fall as width grows):
            # a label of thousands of characters costs a few wraps, not thousands
            lo, hi = fit, max(fit, len(label))
            while lo < hi:
                mid = (lo + hi) // 2
                if len(textwrap.wrap(label, mid)) > max_lines:
                    lo = mid + 1
                else:
                    hi = mid
            fit = lo
        out.append(textwrap.fill(label, fit))
    return out


def rows(n: int) -> np.ndarray:
    """The y positions of ``n`` horizontal bars or rows, the first at the top."""
    return np.arange(n)[::-1].astype(float)


def label_rows(
    ax: Axes,
    y: np.ndarray,
    labels: Sequence[str],
    *,
    width: int,
    pad: float | None = None,
    max_lines: int | None = None,
) -> None:
    """Label the rows at ``y`` with ``labels``, wrapped at ``width`` characters.

    ``pad``: room (in rows) above the first and below the last row. With ``max_lines``,
    labels take at most that many lines, and their font shrinks (to 6 points at the
    least) when that many lines would not fit in the height of one row of ``ax`` as it
    is: the axes itself is never resized.
    """
    wrapped = wrap(labels, width, max_lines=max_lines)
    ax.set_yticks(y)
    ax.set_yticklabels(wrapped)
    if pad is not None:
        ax.set_ylim(-pad, len(y) - 1 + pad)
    if max_lines is not None and len(y):
        lines = max(label.count("\n") + 1 for label in wrapped)
        size = _row_font_size(ax, len(y) - 1 + 2 * (pad or 0.5), lines)
        if size is not None:
            ax.tick_params(axis="y", labelsize=size)


def _row_font_size(ax: Axes, span: float, lines: int) -> float | None:
    """A tick-label font size (points) at which ``lines`` lines of text fit in one row of
    ``ax``, or None when the present size fits. ``span``: the rows the y axis spans."""
    labels = ax.get_yticklabels()
    if not labels:
        return None
    size = float(labels[0].get_fontsize())
    height = ax.bbox.height / ax.figure.dpi * 72  # points, as the axes stands now
    # a label of n lines is at most about 1.3 n × its font size high; keep a gap
    fits = 0.9 * height / max(span, 1.0) / (1.3 * lines)
    return None if fits >= size else max(6.0, fits)


def cycle(colors: Sequence[str], n: int) -> list[str]:
    """``n`` colours from ``colors``, repeating when there are more series than colours."""
    return [colors[i % len(colors)] for i in range(n)]


def pct(p: float, lang: str) -> str:
    """A probability as a whole percentage (``73%``)."""
    return format_number(100 * p, lang, 0) + "%"
