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
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mkba.errors import MkbaTypeError, MkbaWarning
from mkba.files import check_path, write_text
from mkba.formatting import (
    check_lang,
    format_amount,
    format_distribution,
    format_number,
    format_percent,
    format_ratio,
    format_year,
)
from mkba.report import tables as T
from mkba.report._inputs import Analysis, gather, given, resolve
from mkba.report._plain import bronnen, samenvatting
from mkba.report.excel import describe_discount
from mkba.words import section

if TYPE_CHECKING:

    from mkba.model import Model
    from mkba.results import Result

__all__ = ["render_html", "svg_chart", "to_html"]

#: the page's words: the shared vocabulary with the report's own headings and captions
_W = section("html")

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
section.intro { margin-top: 1.2rem; }
ul.sources { font-size: .9rem; padding-left: 1.2rem; }
ul.sources li { margin: .2rem 0; overflow-wrap: anywhere; }
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
    with warnings.catch_warnings():  # no costs: the ratio is infinite, and shows as ∞
        warnings.simplefilter("ignore", MkbaWarning)
        bcr = result.bcr
    items = [
        (w["npv"], format_amount(result.npv, lang)),
        (w["pv_costs"], format_amount(result.pv_costs, lang)),
        (w["pv_benefits"], format_amount(result.pv_benefits, lang)),
        (w["bcr"], format_ratio(bcr, lang)),
        (w["payback"], format_year(payback, lang) if payback is not None else w["none"]),
    ]
    mc = sens.get("monte_carlo")
    if mc is not None:
        items.append((w["prob_positive"], format_percent(mc.prob_positive(), lang, 0)))
    cells = "".join(
        f"<div><dt>{html.escape(k)}</dt><dd>{_nbsp(html.escape(v))}</dd></div>" for k, v in items
    )
    return f'<dl class="kpi">{cells}</dl>'


def _nbsp(text: str) -> str:
    """Keep the euro sign with its amount on one line (``€ 1.000`` never breaks)."""
    return text.replace("€ ", "€\u00a0")


def _paragraphs(text: str, what: str) -> list[str]:
    """A text as escaped HTML paragraphs: a blank line starts a new paragraph."""
    if not isinstance(text, str):
        raise MkbaTypeError(f"to_html(): {what} must be text, got {type(text).__name__}")
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.strip())]
    return [f"<p>{html.escape(b)}</p>" for b in blocks if b]


def _parameters(model: Model, lang: str) -> T.Table:
    """The parameter table, with each distribution named in the page's language."""
    from mkba.distributions import Dirichlet

    table = T.build_parameters(model, lang)
    w = section("")[lang]
    name, dist = w["name"], w["dist"]
    if name in table.values and dist in table.values:
        named = {p.name: format_distribution(p.dist, lang) for p in model.parameters
                 if not isinstance(p.dist, Dirichlet)}  # a row of shares has a row per share
        table.values[dist] = [named.get(n, d) for n, d in
                              zip(table.values[name], table.values[dist], strict=True)]
    return table


def render_html(
    model: Model,
    result: Result,
    sens: Mapping[str, Any],
    *,
    lang: str = "nl",
    title: str | None = None,
    intro: str | None = None,
    conclusion: str | None = None,
) -> str:
    """The report page as a string (see :func:`to_html`)."""
    import mkba
    from mkba import plotting as P
    from mkba.plotting import figsize

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

    if intro:
        text = "".join(_paragraphs(intro, "intro"))
        page.parts.append(f'<section class="intro">{text}</section>')
    page.h2("summary", "summary")
    summary = samenvatting(
        result, monte_carlo=sens.get("monte_carlo"), one_way=sens.get("one_way"), lang=lang
    )
    page.parts.append("".join(f"<p>{_nbsp(esc(text))}</p>" for text in summary))
    if conclusion:
        page.h2("conclusion", "conclusion")
        page.parts.append("".join(_paragraphs(conclusion, "conclusion")))
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
        table = T.evppi_of(mc)
        if table is not None and T.evppi_is_zero(table):
            none = str(w["evppi_none"]).format(draws=format_number(mc.n_draws, lang, 0))
            page.parts.append(f'<p class="note">{esc(none)}</p>')
        elif table is not None:
            if T.evppi_bars(table):
                page.chart(P.plot_evppi, mc, figsize("tornado", T.evppi_bars(table)),
                           "evppi_cap", table=table)
            page.table(T.build_evppi(mc, table, lang))
    if "sobol" in sens:
        so = sens["sobol"]
        page.chart(P.plot_sobol, so, figsize("sobol", len(P.sobol_frame(so))), "sobol_cap")
        page.table(T.build_sobol(so, lang))

    page.h2("parameters", "parameters")
    page.table(_parameters(model, lang))
    page.h2("sources", "sources")
    found = bronnen(model)
    if found:
        items = "".join(f"<li>{esc(source)}</li>" for source in found)
        page.parts.append(f'<ul class="sources">{items}</ul>')
    else:
        page.parts.append(f'<p class="note">{esc(w["no_sources"])}</p>')

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
    model_or_result: Model | Result | Analysis,
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
    intro: str | None = None,
    conclusion: str | None = None,
) -> Path:
    """Write the MKBA as one self-contained HTML page.

    The page holds the author's introduction, a Samenvatting in plain words (see
    :func:`~mkba.report.samenvatting`), the author's conclusion, the key figures, the MKBA
    overview with PM items, the cash-flow and stakeholder charts and tables, the
    sensitivity results (tornado; scenarios, Monte Carlo and Sobol when given or asked
    for), the parameters with their sources, and the list of sources (Bronnen). Charts
    are inline SVG and styles inline CSS: the page loads nothing from the network and can
    be attached to a council report or printed. The file is written atomically: a failure
    (including a bad argument) leaves an existing file untouched.

    Parameters
    ----------
    model_or_result : Model, Result or Analysis
        A model (evaluated at its base values), an evaluated result, or an analysis
        (:func:`~mkba.report.analyse`) whose sensitivity results the page shows.
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
    intro : str, optional
        The author's introduction, shown under the heading (plain text, escaped; a
        blank line starts a new paragraph).
    conclusion : str, optional
        The author's conclusion, shown after the Samenvatting under its own heading
        (plain text, escaped).

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
        sensitivity=given(model_or_result, sensitivity),
        one_way=one_way,
        draws=draws,
        rng=rng,
        scenarios=scenarios,
        sobol=sobol,
        what="to_html",
    )
    for text, what in ((intro, "intro"), (conclusion, "conclusion")):
        if text is not None:
            _paragraphs(text, what)  # refuse what is not text before any work
    text = render_html(model, result, sens, lang=lang, title=title, intro=intro,
                       conclusion=conclusion)
    write_text(target, text)
    return target
