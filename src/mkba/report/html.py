"""The HTML report: one self-contained page to attach to a council report.

Charts are inline SVG, styles are inline CSS; the page loads nothing from the network
(no scripts, fonts or images from elsewhere) and prints on A4. All text that comes from
a model (names, labels, sources) is escaped.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mkba._atomic import check_path, write_text
from mkba.formatting import check_lang, format_amount, format_percent, format_ratio
from mkba.report import tables as T
from mkba.report._inputs import gather, resolve
from mkba.report.excel import describe_discount

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.results import Result

__all__ = ["render_html", "svg_chart", "to_html"]

_W = {
    "nl": {
        "title": "Maatschappelijke kosten-batenanalyse: {name}",
        "meta": "Prijspeil {price_year} · zichtperiode {start}–{end} ({horizon} jaar) · "
        "discontovoet {discount} · nulalternatief: {reference}",
        "no_reference": "geen (de stromen zijn al verschillen)",
        "key": "Kerncijfers",
        "npv": "Saldo (contante waarde)",
        "bcr": "Baten/kosten-verhouding",
        "pv_costs": "Contante waarde kosten",
        "pv_benefits": "Contante waarde baten",
        "payback": "Terugverdienjaar",
        "none": "niet binnen de zichtperiode",
        "prob": "Kans op positief saldo",
        "overview": "MKBA-overzicht",
        "people": "Mensen in beweging",
        "people_cap": "Personen per toestand per jaar: project (doorgetrokken) naast "
        "nulalternatief (gestreept).",
        "cashflows": "Kosten en baten in de tijd",
        "cashflows_cap": "Kosten onder de nullijn, baten erboven (per categorie, niet "
        "verdisconteerd); de lijn is het cumulatieve contante saldo.",
        "stakeholders": "Verdeling over actoren",
        "stakeholders_cap": "Per actor de contante waarde van kosten, baten en "
        "overdrachten; de ruit is het saldo.",
        "sensitivity": "Gevoeligheid en onzekerheid",
        "tornado_cap": "Saldo met één parameter op zijn lage of hoge waarde (5e en 95e "
        "percentiel van de verdeling, tenzij anders opgegeven); de getallen zijn die "
        "waarden.",
        "scenarios_cap": "Saldo per scenario.",
        "mc_cap": "Verdeling van het saldo over de trekkingen; gestippeld het 90%-interval.",
        "mc_st_cap": "Per actor het gemiddelde saldo en het 90%-interval.",
        "sobol_cap": "Welke parameters de onzekerheid in het saldo veroorzaken.",
        "no_sensitivity": "Geen gevoeligheidsanalyse: het model heeft geen onzekere parameters.",
        "parameters": "Parameters en bronnen",
        "figure": "Figuur",
        "made": "Gemaakt met mkba {version} op {date}.",
        "contents": "Inhoud",
    },
    "en": {
        "title": "Social cost-benefit analysis: {name}",
        "meta": "{price_year} prices · horizon {start}–{end} ({horizon} years) · "
        "discount rate {discount} · reference: {reference}",
        "no_reference": "none (streams are already differences)",
        "key": "Key figures",
        "npv": "Net present value",
        "bcr": "Benefit/cost ratio",
        "pv_costs": "Present value of costs",
        "pv_benefits": "Present value of benefits",
        "payback": "Payback year",
        "none": "not within the horizon",
        "prob": "Probability of a positive NPV",
        "overview": "CBA overview",
        "people": "People flows",
        "people_cap": "Persons per state per year: the project (solid) beside the "
        "nulalternatief (dashed).",
        "cashflows": "Costs and benefits over time",
        "cashflows_cap": "Costs below zero, benefits above (by category, undiscounted); "
        "the line is the cumulative discounted net benefit.",
        "stakeholders": "Distribution over stakeholders",
        "stakeholders_cap": "Present value of each stakeholder's costs, benefits and "
        "transfers; the diamond is the net.",
        "sensitivity": "Sensitivity and uncertainty",
        "tornado_cap": "Net present value with one parameter at its low or high value "
        "(5th and 95th percentile of its distribution unless given); the numbers are those "
        "values.",
        "scenarios_cap": "Net present value per scenario.",
        "mc_cap": "Distribution of the net present value over the draws; dashed the 90% interval.",
        "mc_st_cap": "Mean net benefit per stakeholder and its 90% interval.",
        "sobol_cap": "Which parameters drive the uncertainty in the net present value.",
        "no_sensitivity": "No sensitivity analysis: the model has no uncertain parameters.",
        "parameters": "Parameters and sources",
        "figure": "Figure",
        "made": "Made with mkba {version} on {date}.",
        "contents": "Contents",
    },
}

_CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d7de; --head: #eef2f6; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .4rem; }
.meta, .note, figcaption, footer { color: var(--muted); font-size: .9rem; }
nav ol { columns: 2; padding-left: 1.2rem; margin: .4rem 0 0; }
dl.kpi { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
  gap: .6rem; margin: 0; }
dl.kpi div { border: 1px solid var(--rule); border-radius: 6px; padding: .5rem .7rem; }
dl.kpi dt { font-size: .85rem; color: var(--muted); }
dl.kpi dd { margin: .1rem 0 0; font-size: 1.3rem; font-weight: 600;
  font-variant-numeric: tabular-nums; }
table.mkba { border-collapse: collapse; width: 100%; margin: .4rem 0 .3rem;
  font-size: .9rem; }
table.mkba caption { text-align: left; font-weight: 600; padding: .3rem 0; }
table.mkba th, table.mkba td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem;
  text-align: left; vertical-align: top; }
table.mkba thead th { background: var(--head); border-bottom: 2px solid #9aa7b4; }
table.mkba .num { text-align: right; font-variant-numeric: tabular-nums; }
table.mkba td.num { white-space: nowrap; }
table.mkba tr.total td { font-weight: 600; border-top: 2px solid #9aa7b4; }
.wide { overflow-x: auto; }
figure.chart { margin: 1rem 0 1.2rem; }
figure.chart svg { display: block; width: 100%; height: auto; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  figure.chart, table.mkba tr, dl.kpi { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
@page { size: A4; margin: 16mm 14mm; }
"""


# -- charts as inline SVG -------------------------------------------------------------


def _clean_svg(svg: str, prefix: str, label: str) -> str:
    """Make a matplotlib SVG fit to inline: no prolog, comments, metadata or namespaces
    pointing elsewhere, ids unique in the page, scalable width."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", svg)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', svg)
    svg = re.sub(r'(xlink:href|href)="#', rf'\1="#{prefix}', svg)
    svg = re.sub(r"url\(#", f"url(#{prefix}", svg)
    head_end = svg.index(">")
    head = svg[:head_end]
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    head += f' role="img" aria-label="{html.escape(label, quote=True)}"'
    return head + svg[head_end:]


def svg_chart(
    draw: Callable[..., Any],
    obj: Any,
    *,
    size: tuple[float, float],
    lang: str,
    prefix: str,
    label: str,
    **kw: Any,
) -> str:
    """Draw ``draw(obj, ax=..., lang=lang, **kw)`` on a new figure and return inline SVG.

    Uses :class:`matplotlib.figure.Figure` directly, so no pyplot state is touched.
    """
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": prefix}):
        fig = Figure(figsize=size, layout="constrained")
        ax = fig.subplots()
        draw(obj, ax=ax, lang=lang, **kw)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return _clean_svg(buf.getvalue(), prefix, label)


# -- the page -------------------------------------------------------------------------


class _Page:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.w = _W[lang]
        self.parts: list[str] = []
        self.toc: list[tuple[str, str]] = []
        self.figures = 0
        self.heading = ""

    def h2(self, key: str, anchor: str) -> None:
        self.toc.append((anchor, self.w[key]))
        self.heading = self.w[key]
        self.parts.append(f'<h2 id="{anchor}">{html.escape(self.w[key])}</h2>')

    def table(self, table: T.Table, **kw: Any) -> None:
        frame = table.formatted()
        caption = "" if table.title == self.heading else None  # no caption echoing the h2
        html_table = T.to_html_table(frame, caption=caption, **kw)
        self.parts.append(f'<div class="wide">{html_table}</div>')

    def chart(
        self,
        draw: Callable[..., Any],
        obj: Any,
        size: tuple[float, float],
        caption_key: str,
        **kw: Any,
    ) -> None:
        self.figures += 1
        n = self.figures
        label = f"{self.w['figure']} {n}. {self.w[caption_key]}"
        svg = svg_chart(draw, obj, size=size, lang=self.lang, prefix=f"f{n}-", label=label, **kw)
        self.parts.append(
            f'<figure class="chart" id="figure-{n}">{svg}'
            f"<figcaption>{html.escape(label)}</figcaption></figure>"
        )


def _key_figures(result: Result, sens: Mapping[str, Any], w: dict[str, str], lang: str) -> str:
    payback = result.payback
    items = [
        (w["npv"], format_amount(result.npv, lang)),
        (w["pv_costs"], format_amount(result.pv_costs, lang)),
        (w["pv_benefits"], format_amount(result.pv_benefits, lang)),
        (w["bcr"], format_ratio(result._quiet("bcr"), lang)),
        (w["payback"], str(payback) if payback is not None else w["none"]),
    ]
    mc = sens.get("monte_carlo")
    if mc is not None:
        prob = float(np.mean(np.asarray(mc.npv, dtype=float) > 0))
        items.append((w["prob"], format_percent(prob, lang, 0)))
    cells = "".join(
        f"<div><dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd></div>" for k, v in items
    )
    return f'<dl class="kpi">{cells}</dl>'


def render_html(
    model: Model,
    result: Result,
    sens: Mapping[str, Any],
    *,
    lang: str = "nl",
    title: str | None = None,
) -> str:
    """The report page as a string (see :func:`to_html`)."""
    import mkba
    from mkba import plotting as P
    from mkba.plotting._style import figsize

    lang = check_lang(lang)
    page = _Page(lang)
    w = page.w
    esc = html.escape
    years = model.years
    meta = w["meta"].format(
        price_year=model.price_year,
        start=int(years[0]),
        end=int(years[-1]),
        horizon=model.horizon,
        discount=describe_discount(model, lang),
        reference=model.reference.name if model.reference is not None else w["no_reference"],
    )
    heading = title if title is not None else w["title"].format(name=model.name)

    page.h2("key", "key")
    page.parts.append(_key_figures(result, sens, w, lang))
    page.h2("overview", "overview")
    page.table(T.build_overview(result, lang), group_first=True)
    if any(model.cohorts.values()):
        page.h2("people", "people")
        page.chart(P.plot_occupancy, result, figsize("cashflows"), "people_cap")
    page.h2("cashflows", "cashflows")
    page.chart(P.plot_cashflows, result, figsize("cashflows"), "cashflows_cap")
    page.table(T.build_cashflows(result, lang))
    page.h2("stakeholders", "stakeholders")
    page.chart(
        P.plot_stakeholders,
        result,
        figsize("stakeholders", len(result.by_stakeholder())),
        "stakeholders_cap",
    )
    page.table(T.build_stakeholders(result, lang), total_row=True)

    page.h2("sensitivity", "sensitivity")
    if not sens:
        page.parts.append(f'<p class="note">{esc(w["no_sensitivity"])}</p>')
    if "one_way" in sens:
        ow = sens["one_way"]
        rows = len(P.tornado_frame(ow))
        page.chart(P.plot_tornado, ow, figsize("tornado", rows), "tornado_cap")
        page.table(T.build_one_way(ow, lang))
    if "scenarios" in sens:
        sc = sens["scenarios"]
        page.chart(
            P.plot_scenarios,
            sc,
            figsize("scenarios", len(P.scenario_frame(sc))),
            "scenarios_cap",
            price_year=model.price_year,
        )
        page.table(T.build_scenarios(sc, lang))
    if "monte_carlo" in sens:
        mc = sens["monte_carlo"]
        page.chart(P.plot_npv_distribution, mc, figsize("npv_distribution"), "mc_cap")
        page.table(T.build_monte_carlo(mc, lang))
        rows = len(P.stakeholder_uncertainty_frame(mc))
        page.chart(
            P.plot_stakeholder_uncertainty,
            mc,
            figsize("stakeholder_uncertainty", rows),
            "mc_st_cap",
        )
        page.table(T.build_mc_stakeholders(mc, lang))
    if "sobol" in sens:
        so = sens["sobol"]
        page.chart(P.plot_sobol, so, figsize("sobol", len(P.sobol_frame(so))), "sobol_cap")
        page.table(T.build_sobol(so, lang))

    page.h2("parameters", "parameters")
    page.table(T.build_parameters(model, lang))

    toc = "".join(f'<li><a href="#{a}">{esc(t)}</a></li>' for a, t in page.toc)
    made = w["made"].format(version=mkba.__version__, date=_dt.date.today().isoformat())
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="mkba">\n'
        f"<title>{esc(heading)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<header><h1>{esc(heading)}</h1><p class="meta">{esc(meta)}</p>'
        f'<nav aria-label="{esc(w["contents"])}"><ol>{toc}</ol></nav></header>\n'
        + "\n".join(page.parts)
        + f"\n<footer><p>{esc(made)}</p></footer>\n</main>\n</body>\n</html>\n"
    )


def to_html(
    model_or_result: Model | Result,
    path: str | Path,
    *,
    lang: str = "nl",
    one_way: bool = True,
    draws: int | None = None,
    rng: int | np.random.Generator | None = None,
    scenarios: Mapping[str, Mapping[str, float]] | None = None,
    sobol: int | None = None,
    sensitivity: Mapping[str, Any] | None = None,
    title: str | None = None,
) -> Path:
    """Write the MKBA as one self-contained HTML page.

    The page holds the key figures, the MKBA overview with PM items, the cash-flow and
    stakeholder charts and tables, the sensitivity results (tornado; scenarios, Monte
    Carlo and Sobol when given or asked for) and the parameters with their sources. Charts
    are inline SVG and styles inline CSS: the page loads nothing from the network and can
    be attached to a council report or printed. The file is written atomically: a failure
    (including a bad argument) leaves an existing file untouched.

    Parameters
    ----------
    model_or_result : Model or Result
        A model (evaluated at its base values) or an evaluated result.
    path : str or Path
        The ``.html`` file to write; its folder must exist.
    lang : {"nl", "en"}
        Language of the page.
    one_way : bool
        Show the one-way sensitivity analysis (computed unless given in ``sensitivity``).
    draws : int, optional
        Add a Monte Carlo analysis with this many draws.
    rng : int or Generator, optional
        Seed for the Monte Carlo and Sobol analyses.
    scenarios : mapping, optional
        Add these scenarios, ``{name: {parameter: value}}``.
    sobol : int, optional
        Add Sobol indices with this base sample size.
    sensitivity : mapping, optional
        Results computed already, by key ``one_way``, ``scenarios``, ``monte_carlo``,
        ``sobol``.
    title : str, optional
        Page heading; default "Maatschappelijke kosten-batenanalyse: <model name>".

    Returns
    -------
    Path
        The file written.
    """
    lang = check_lang(lang)
    model, result = resolve(model_or_result, "to_html")
    target = check_path(path, "to_html")
    sens = gather(
        model,
        sensitivity=sensitivity,
        one_way=one_way,
        draws=draws,
        rng=rng,
        scenarios=scenarios,
        sobol=sobol,
        what="to_html",
    )
    text = render_html(model, result, sens, lang=lang, title=title)
    write_text(target, text)
    return target
