"""Charts of decisions under uncertainty: which intervention (P(best), paired
differences), which research (EVPPI) and which mix for the budget (portfolio).

Each function draws what its result gives (``cmp.prob_best()``, ``cmp.differences()``,
``mc.evppi_table()``, ``pf.to_frame()``) and computes nothing of the model itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mkba.errors import MkbaTypeError, SpecificationError
from mkba.formatting import format_compact
from mkba.plotting._style import (
    COLORS,
    axis_label,
    euro_axis,
    label_rows,
    literal_text,
    new_axes,
    pct,
    rows,
    tidy,
    title,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "plot_differences",
    "plot_evppi",
    "plot_portfolio",
    "plot_portfolio_saldo",
    "plot_prob_best",
]

#: the words of these charts (Dutch, English); to join the catalogue in mkba.words
_WORDS: dict[str, tuple[str, str]] = {
    "prob_best_title": ("Kans om de beste te zijn", "Probability of being the best"),
    "prob_best_x": ("Kans op het hoogste saldo", "Probability of the highest NPV"),
    "prob_best_x_holder": ("Kans op het hoogste saldo voor {who}",
                           "Probability of the highest net for {who}"),
    "differences_title": ("Verschil in saldo: {a} min {b}", "Difference in NPV: {a} minus {b}"),
    "differences_x": ("Verschil in saldo", "Difference in NPV"),
    "differences_x_holder": ("Verschil in saldo voor {who}", "Difference in net for {who}"),
    "better": ("{a} beter in {p} van de trekkingen", "{a} better in {p} of draws"),
    "share": ("Aandeel van de trekkingen", "Share of draws"),
    "evppi_title": ("Waarde van nader onderzoek per kengetal",
                    "Value of further research per parameter"),
    "evppi_x": ("Waarde van perfecte informatie (EVPPI)",
                "Expected value of partial perfect information (EVPPI)"),
    "evppi_holder": (" — beslissing van {who}", " — decision of {who}"),
    "evpi": ("Alle onzekerheid (EVPI): {value}", "All uncertainty (EVPI): {value}"),
    "portfolio_title": ("Beste mix binnen een budget van {budget} ({who})",
                        "Best mix within a budget of {budget} ({who})"),
    "portfolio_x": ("Verwacht saldo", "Expected NPV"),
    "saldo_x": ("Saldo", "NPV"),
    "chosen": ("gekozen", "chosen"),
    "not_chosen": ("niet gekozen", "not chosen"),
    "cost_note": ("kosten {cost}", "cost {cost}"),
    "p_chosen": ("in beste mix: {p}", "in best mix: {p}"),
    "saldo_title": ("Saldo van de gekozen mix ({n} trekkingen)",
                    "NPV of the chosen mix ({n} draws)"),
    "mix": ("Gekozen mix", "Chosen mix"),
    "optimal": ("Beste mix per trekking", "Best mix in each draw"),
}


def _w(lang: str, key: str, **fmt: Any) -> str:
    if lang not in ("nl", "en"):
        raise SpecificationError(f"lang {lang!r} is not 'nl' or 'en'")
    text = _WORDS[key][0 if lang == "nl" else 1]
    return text.format(**fmt) if fmt else text


def _size(n: int) -> tuple[float, float]:
    return (9.0, 1.5 + 0.45 * max(n, 2))


def _span(values: np.ndarray, bins: int) -> tuple[float, float]:
    """The range the bars cover: the values', widened when they (nearly) all agree (one
    value, up to rounding: it falls in the middle of a bar of a visible range)."""
    lo, hi = float(values.min()), float(values.max())
    scale = max(abs(lo), abs(hi), 1.0)
    if hi - lo < 1e-9 * scale:
        width = 0.1 * scale / bins
        lo = (lo + hi) / 2 - (bins // 2 + 0.5) * width
        hi = lo + bins * width
    return lo, hi


def _need(obj: object, attr: str, fn: str, what: str) -> Any:
    got = getattr(obj, attr, None)
    if got is None:
        raise MkbaTypeError(f"{fn}() needs {what}; got {type(obj).__name__}")
    return got


@literal_text
def plot_prob_best(
    cmp: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    stakeholder: str | None = None,
    title_text: str | None = None,
    **bar_kw: Any,
) -> Axes:
    """Per option, the probability of the highest NPV (or ``stakeholder``'s net).

    Parameters
    ----------
    cmp : CompareResult
        From :func:`mkba.decision.compare`.
    ax : Axes, optional
    lang : {"nl", "en"}
    stakeholder : str, optional
        P(best) on this stakeholder's own net.
    title_text : str, optional
        Title; default a standard one, ``""`` for none.
    **bar_kw
        Passed to :meth:`Axes.barh`.

    Returns
    -------
    Axes
    """
    prob = _need(cmp, "prob_best", "plot_prob_best", "a comparison (mkba.decision.compare)")
    series = prob(stakeholder).sort_values(ascending=False, kind="stable")
    n = len(series)
    ax = new_axes(ax, _size(n))
    y = rows(n)
    bar_kw.setdefault("color", COLORS["positive"])
    ax.barh(y, series.to_numpy(), height=0.6, **bar_kw)
    for yi, p in zip(y, series.to_numpy(), strict=True):
        ax.annotate(pct(float(p), lang), xy=(float(p), yi), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize="small")
    label_rows(ax, y, [str(s) for s in series.index], width=28, pad=0.7)
    ax.set_xlim(0, 1.12)
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: pct(v, lang) if v <= 1 else ""))
    ax.set_xlabel(_w(lang, "prob_best_x") if stakeholder is None
                  else _w(lang, "prob_best_x_holder", who=stakeholder))
    tidy(ax, grid_axis="x")
    title(ax, title_text, _w(lang, "prob_best_title"))
    return ax


@literal_text
def plot_differences(
    cmp: Any,
    a: str | None = None,
    b: str | None = None,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    stakeholder: str | None = None,
    bins: int = 50,
    title_text: str | None = None,
    **bar_kw: Any,
) -> Axes:
    """Histogram of the paired differences ``a − b`` in NPV (or ``stakeholder``'s net).

    Parameters
    ----------
    cmp : CompareResult
    a, b : str, optional
        Options to compare; default the two with the highest expected value.
    ax, lang, stakeholder, title_text
        As in :func:`plot_prob_best`.
    bins : int
        Number of bars.
    **bar_kw
        Passed to :meth:`Axes.bar`.

    Returns
    -------
    Axes
    """
    summary = _need(cmp, "summary", "plot_differences", "a comparison (mkba.decision.compare)")
    if a is None or b is None:
        order = list(summary(stakeholder)["mean"].sort_values(ascending=False).index)
        if len(order) < 2:
            raise SpecificationError("plot_differences(): the comparison has one option only")
        a = order[0] if a is None else a
        b = next(o for o in order if o != a) if b is None else b
    diff = np.asarray(cmp.differences(a, b, stakeholder=stakeholder), dtype=float)
    better = float(np.mean(diff > 0))
    lo, hi = _span(diff, bins)
    counts, edges = np.histogram(diff, bins=bins, range=(lo, hi))
    ax = new_axes(ax, (9.0, 4.5))
    left = edges[:-1]
    colors = np.where(edges[1:] <= 0, COLORS["negative"], COLORS["positive"])
    bar_kw.setdefault("linewidth", 0)
    ax.bar(left, counts / diff.size, width=np.diff(edges), align="edge", color=list(colors),
           **bar_kw)
    ax.axvline(0, color="#444444", linewidth=0.9)
    from matplotlib.patches import Patch

    ax.legend([Patch(color=COLORS["positive"])],
              [_w(lang, "better", a=a, p=pct(better, lang))],
              loc="upper left", frameon=True, framealpha=0.9, edgecolor="none",
              fontsize="small")
    what = (_w(lang, "differences_x") if stakeholder is None
            else _w(lang, "differences_x_holder", who=stakeholder))
    ax.set_xlabel(axis_label(lang, what, getattr(cmp, "price_year", None)))
    ax.set_ylabel(_w(lang, "share"))
    euro_axis(ax.xaxis, lang)
    ax.set_ylim(0, float(counts.max()) / diff.size * 1.35)
    tidy(ax)
    title(ax, title_text, _w(lang, "differences_title", a=a, b=b))
    return ax


def _labels(result: Any, names: list[str]) -> list[str]:
    """Parameter labels where the result's model(s) give them."""
    models = getattr(result, "models", None) or (
        [result.model] if getattr(result, "model", None) is not None else []
    )
    out = []
    for name in names:
        label = name
        key = name.split(": ", 1)[-1]
        for m in models:
            if key in getattr(m, "parameter_names", []):
                label = m.parameter(key).label or name
                if key != name:
                    label = f"{name.split(': ', 1)[0]}: {label}"
                break
        out.append(label)
    return out


@literal_text
def plot_evppi(
    result: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    stakeholder: str | None = None,
    table: pd.DataFrame | None = None,
    max_bars: int = 15,
    title_text: str | None = None,
    **bar_kw: Any,
) -> Axes:
    """The value of further research per parameter (EVPPI), largest first.

    Parameters
    ----------
    result : MonteCarloResult or CompareResult
        Its ``evppi_table()`` is drawn (and its ``evpi()`` marked), unless ``table``.
    ax, lang, title_text
        As in :func:`plot_prob_best`.
    stakeholder : str, optional
        The column of the stakeholder's own decision; default society's.
    table : DataFrame, optional
        An ``evppi_table()`` already made (it takes a few seconds per 10^5 draws).
    max_bars : int
        Most parameters shown.
    **bar_kw
        Passed to :meth:`Axes.barh`.

    Returns
    -------
    Axes
    """
    if table is None:
        make = _need(result, "evppi_table", "plot_evppi",
                     "a Monte Carlo result or a comparison with per-draw values")
        table = make()
    column = "society" if stakeholder is None else stakeholder
    if column not in table.columns:
        raise SpecificationError(
            f"plot_evppi(): the table has no column '{column}'; columns: "
            + ", ".join(map(str, table.columns))
        )
    values = table[column].sort_values(ascending=False, kind="stable").head(max_bars)
    n = len(values)
    ax = new_axes(ax, _size(n))
    y = rows(n)
    bar_kw.setdefault("color", COLORS["positive"])
    ax.barh(y, values.to_numpy(), height=0.6, **bar_kw)
    label_rows(ax, y, _labels(result, [str(i) for i in values.index]), width=30, pad=0.7)
    evpi = getattr(result, "evpi", None)
    # a comparison gives the EVPI of each stakeholder's choice; a Monte Carlo run society's
    if callable(evpi) and (stakeholder is None or hasattr(result, "prob_best")):
        total = float(evpi() if stakeholder is None else evpi(stakeholder))
        ax.axvline(total, color="#222222", linestyle="--", linewidth=1.1,
                   label=_w(lang, "evpi", value=format_compact(total, lang)))
        ax.legend(loc="lower right", fontsize="small", frameon=True, framealpha=0.9,
                  edgecolor="none")
    ax.set_xlim(left=0)
    ax.set_xlabel(axis_label(lang, _w(lang, "evppi_x"), _price(result)))
    euro_axis(ax.xaxis, lang)
    tidy(ax, grid_axis="x")
    holder = "" if stakeholder is None else _w(lang, "evppi_holder", who=stakeholder)
    title(ax, title_text, _w(lang, "evppi_title") + holder)
    return ax


def _price(result: Any) -> int | None:
    year = getattr(result, "price_year", None)
    if year is None:
        year = getattr(getattr(result, "model", None), "price_year", None)
    return int(year) if year is not None else None


@literal_text
def plot_portfolio(
    pf: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    title_text: str | None = None,
    **bar_kw: Any,
) -> Axes:
    """Per option, its expected saldo, whether the best mix funds it, its cost to the
    budget holder and (with draws) the probability that it is in the best mix.

    Parameters
    ----------
    pf : PortfolioResult
        From :func:`mkba.decision.portfolio`.
    ax, lang, title_text
        As in :func:`plot_prob_best`.
    **bar_kw
        Passed to :meth:`Axes.barh`.

    Returns
    -------
    Axes
    """
    frame_of = _need(pf, "to_frame", "plot_portfolio", "a portfolio (mkba.decision.portfolio)")
    frame = frame_of()
    if not {"model", "chosen", "npv", "cost"} <= set(frame.columns):
        raise MkbaTypeError("plot_portfolio() needs a portfolio (mkba.decision.portfolio)")
    n = len(frame)
    ax = new_axes(ax, _size(n))
    y = rows(n)
    chosen = frame["chosen"].to_numpy(dtype=bool)
    colors = np.where(chosen, COLORS["positive"], COLORS["neutral"])
    ax.barh(y, frame["npv"].to_numpy(), height=0.6, color=list(colors), **bar_kw)
    ax.axvline(0, color="#444444", linewidth=0.8)
    for i, yi in enumerate(y):
        note = _w(lang, "cost_note", cost=format_compact(float(frame["cost"].iloc[i]), lang))
        if "prob_chosen" in frame:
            note += "; " + _w(lang, "p_chosen", p=pct(float(frame["prob_chosen"].iloc[i]), lang))
        ax.annotate(note, xy=(1.0, yi), xycoords=("axes fraction", "data"), xytext=(6, 0),
                    textcoords="offset points", ha="left", va="center", fontsize="small")
    label_rows(ax, y, [str(m) for m in frame["model"]], width=28, pad=0.7)
    from matplotlib.patches import Patch

    ax.legend([Patch(color=COLORS["positive"]), Patch(color=COLORS["neutral"])],
              [_w(lang, "chosen"), _w(lang, "not_chosen")], loc="lower center",
              bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize="small", frameon=False)
    ax.set_xlabel(axis_label(lang, _w(lang, "portfolio_x"), _price(pf)))
    euro_axis(ax.xaxis, lang)
    tidy(ax, grid_axis="x")
    budget = format_compact(float(getattr(pf, "budget", float("nan"))), lang)
    title(ax, title_text, _w(lang, "portfolio_title", budget=budget,
                             who=getattr(pf, "stakeholder", "")), pad=22)
    return ax


@literal_text
def plot_portfolio_saldo(
    pf: Any,
    *,
    ax: Axes | None = None,
    lang: str = "nl",
    bins: int = 50,
    title_text: str | None = None,
) -> Axes:
    """The distribution of the chosen mix's saldo over the draws, with that of the mix
    re-optimised in every draw (the saldo with perfect information) as an outline.

    Parameters
    ----------
    pf : PortfolioResult
        A portfolio run with ``n_draws``.
    ax, lang, title_text
        As in :func:`plot_prob_best`.
    bins : int
        Number of bars.

    Returns
    -------
    Axes
    """
    saldo = getattr(pf, "saldo", None)
    optimal = getattr(pf, "optimal_saldo", None)
    if saldo is None or optimal is None:
        raise MkbaTypeError(
            "plot_portfolio_saldo() needs a portfolio run with draws: "
            "mkba.decision.portfolio(..., n_draws=1000)"
        )
    lo, hi = _span(np.concatenate([saldo, optimal]), bins)
    edges = np.linspace(lo, hi, bins + 1)
    ax = new_axes(ax, (9.0, 4.5))
    counts, _ = np.histogram(saldo, bins=edges)
    ax.bar(edges[:-1], counts / saldo.size, width=np.diff(edges), align="edge",
           color=COLORS["positive"], alpha=0.8, linewidth=0, label=_w(lang, "mix"))
    opt, _ = np.histogram(optimal, bins=edges)
    ax.stairs(opt / optimal.size, edges, color=COLORS["net"], linewidth=1.2,
              label=_w(lang, "optimal"))
    ax.axvline(0, color="#444444", linewidth=0.8)
    ax.set_xlabel(axis_label(lang, _w(lang, "saldo_x"), _price(pf)))
    ax.set_ylabel(_w(lang, "share"))
    euro_axis(ax.xaxis, lang)
    tidy(ax)
    ax.legend(loc="upper left", fontsize="small", frameon=True, framealpha=0.9, edgecolor="none")
    n = f"{saldo.size:,}".replace(",", "." if lang == "nl" else ",")
    title(ax, title_text, _w(lang, "saldo_title", n=n))
    return ax
