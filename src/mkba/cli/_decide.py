"""``mkba compare`` and ``mkba portfolio``: decisions under uncertainty from the command
line (a thin layer over :mod:`mkba.decision`)."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from mkba.cli._args import UsageError, load_model
from mkba.cli._run import DEFAULT_DRAWS, _fmt_amounts, _print, _Writer
from mkba.cli._text import shown
from mkba.errors import closest
from mkba.model import Model

__all__ = ["add_commands", "cmd_compare", "cmd_portfolio"]

#: column headings of the printed tables (Dutch, English)
_HEADINGS: dict[str, tuple[str, str]] = {
    "model": ("Interventie", "Intervention"),
    "intervention": ("Interventie", "Intervention"),
    "mean": ("Gemiddeld saldo", "Mean NPV"),
    "p5": ("P5", "P5"),
    "p95": ("P95", "P95"),
    "prob_positive": ("P(saldo > 0)", "P(NPV > 0)"),
    "prob_best": ("P(beste)", "P(best)"),
    "mean_rank": ("Gemiddelde rang", "Mean rank"),
    "society": ("Maatschappij", "Society"),
    "chosen": ("Gekozen", "Chosen"),
    "npv": ("Verwacht saldo", "Expected NPV"),
    "cost": ("Kosten budgethouder", "Cost to budget holder"),
    "value": ("Verwacht saldo doelactor", "Expected net of objective"),
    "prob_chosen": ("P(in beste mix)", "P(in best mix)"),
}
_TITLES: dict[str, tuple[str, str]] = {
    "compare": ("Vergelijking op gepaarde trekkingen ({n} trekkingen, startwaarde {seed})",
                "Comparison on paired draws ({n} draws, seed {seed})"),
    "by_stakeholder": ("Kans om de beste te zijn, per actor", "Probability of being best, "
                       "per stakeholder"),
    "portfolio": ("Beste mix binnen een budget van {budget} voor {who}",
                  "Best mix within a budget of {budget} for {who}"),
    "mix": ("De gekozen mix", "The chosen mix"),
    "budget": ("Budget", "Budget"),
    "n_chosen": ("Aantal gekozen", "Number chosen"),
    "prob_within_budget": ("P(kosten mix binnen budget)", "P(cost of mix within budget)"),
    "saldo": ("Saldo gekozen mix", "NPV of chosen mix"),
    "optimal_saldo": ("Saldo beste mix per trekking", "NPV of best mix per draw"),
    "mean": ("gemiddelde", "mean"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
}


def _t(lang: str, key: str, **fmt: Any) -> str:
    text = _TITLES[key][0 if lang == "nl" else 1]
    return text.format(**fmt) if fmt else text


def _headed(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    i = 0 if lang == "nl" else 1
    out = frame.rename(columns={k: v[i] for k, v in _HEADINGS.items()})
    if out.index.name in _HEADINGS:
        out.index.name = _HEADINGS[str(out.index.name)][i]
    return out


def _budget(text: str) -> float:
    try:
        value = float(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{shown(repr(text))} is not an amount; give euros as a number, e.g. 2000000"
        ) from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{shown(repr(text))}: give an amount >= 0 in euros")
    return value


def add_commands(
    sub: Any, *, draws: Callable[[str], int], count: Callable[[str], int]
) -> None:
    """Add ``compare`` and ``portfolio`` to the ``mkba`` parser's subcommands."""

    def common(s: argparse.ArgumentParser, default_draws: int, zero: str) -> None:
        s.add_argument("models", nargs="+", metavar="NAME|FILE",
                       help="built-in intervention names (mkba list) or model files")
        s.add_argument("--draws", type=draws, default=default_draws, metavar="N",
                       help=f"paired Monte Carlo draws (default {default_draws}; {zero})")
        s.add_argument("--seed", type=count, default=1, metavar="S",
                       help="seed of the draws (default 1)")
        s.add_argument("--independent", action="append", metavar="PARAM", default=[],
                       help="draw this parameter separately per model although the models "
                       "share its name; repeat for more")
        s.add_argument("--independent-clashes", action="store_true",
                       help="draw every parameter that the models name alike but give "
                       "different distributions separately per model (different "
                       "quantities, as in the built-in models); the names are listed")
        s.add_argument("--out", metavar="DIR", help="also write tables (CSV) and charts here")
        s.add_argument("--lang", choices=("nl", "en"), default="nl",
                       help="language of tables and charts (default nl)")

    s = sub.add_parser("compare", help="compare interventions on paired draws: P(best), "
                       "ranks, paired differences")
    common(s, DEFAULT_DRAWS, "at least 1")
    s.add_argument("--null", action="store_true",
                   help="add the option of funding none of them (saldo 0)")
    s.set_defaults(func=cmd_compare)

    s = sub.add_parser("portfolio", help="the best mix of interventions within a "
                       "stakeholder's budget")
    common(s, DEFAULT_DRAWS, "0 for the base case only")
    s.add_argument("--budget", type=_budget, required=True, metavar="EUR",
                   help="the budget: euros, present value in the models' price year")
    s.add_argument("--stakeholder", required=True, metavar="NAME",
                   help="whose budget (e.g. Gemeente); only its costs count against it")
    s.add_argument("--scale", action="append", default=[], metavar="NAME=param:v1,v2,...",
                   help="sizes of one intervention (a fixed parameter), at most one funded; "
                   "e.g. housing_first=deelnemers:20,40,60")
    s.add_argument("--basis", choices=("costs", "outlay", "net"), default="costs",
                   help="what counts against the budget (default costs)")
    s.set_defaults(func=cmd_portfolio)


def _models(args: argparse.Namespace) -> tuple[list[Model], dict[str, str]]:
    """The models named, and the model name of each argument."""
    models = [load_model(spec) for spec in args.models]
    names = [m.name for m in models]
    for spec, m in zip(args.models, models, strict=True):
        if names.count(m.name) > 1:
            raise UsageError(f"model '{shown(m.name)}' is named twice ({shown(spec)}); give each "
                             "intervention once")
    args.independent = _check_shared(models, args.independent,
                                     clashes=getattr(args, "independent_clashes", False))
    return models, dict(zip(args.models, names, strict=True))


def _check_shared(models: list[Model], independent: list[str], *,
                  clashes: bool = False) -> list[str]:
    """Refuse a shared name with different distributions, naming the option that fixes it;
    with ``clashes``, draw each such name per model instead (and say which). Returns the
    names drawn per model."""
    from mkba.decision import shared_parameters

    table = shared_parameters(models)
    for name in independent:
        if name not in table.index and not any(name in m.parameter_names for m in models):
            raise UsageError(f"--independent {shown(name)}: no model has this parameter."
                             + closest(name, [p for m in models for p in m.parameter_names]))
    clash = [p for p in table.index[~table["same"].astype(bool)] if p not in independent]
    if clash and clashes:
        print(f"mkba: note: drawn separately per model (same name, different "
              f"distributions): {', '.join(clash)}", file=sys.stderr)
        return [*independent, *clash]
    if clash:
        first = clash[0]
        raise UsageError(
            f"parameter '{first}' has different distributions in {table.loc[first, 'models']} "
            f"({table.loc[first, 'distributions']}), so the models cannot share its draws. "
            "If they are different quantities, add "
            + " ".join(f"--independent {p}" for p in clash)
            + " (or --independent-clashes for all of them)"
        )
    return list(independent)


def _writer(args: argparse.Namespace) -> _Writer | None:
    return _Writer(Path(args.out), args.lang) if args.out else None


def cmd_compare(args: argparse.Namespace) -> int:
    """``mkba compare``: P(best), ranks and paired differences of the models."""
    import matplotlib

    matplotlib.use("Agg")
    from mkba import decision

    if args.draws < 1:
        raise UsageError("--draws 0: a comparison needs draws; give --draws 1000 or more")
    models, _ = _models(args)
    cmp = decision.compare(models, args.draws, args.seed, include_null=args.null,
                           independent=args.independent)
    lang = args.lang
    summary = cmp.summary().drop(columns=["sd", "p50"])
    ranks = [f"{r:.2f}".replace(".", "," if lang == "nl" else ".") for r in summary["mean_rank"]]
    shown_summary = _fmt_amounts(summary.drop(columns=["mean_rank"]), lang)
    shown_summary["mean_rank"] = ranks
    n = f"{cmp.n_draws:,}".replace(",", "." if lang == "nl" else ",")
    _print(_t(lang, "compare", n=n, seed=args.seed), _headed(shown_summary, lang))
    by = cmp.prob_best_by_stakeholder()
    _print(_t(lang, "by_stakeholder"), _headed(_fmt_amounts(by.add_prefix("prob_"), lang)
                                               .rename(columns=lambda c: c[5:]), lang))
    w = _writer(args)
    if w is not None:
        w.table("compare_summary", cmp.summary())
        w.table("compare_ranks", cmp.ranks())
        w.table("compare_prob_best_by_stakeholder", by)
        w.chart("prob_best", cmp.plot("prob_best", lang=lang))
        if len(cmp.names) > 1:
            w.chart("differences", cmp.plot("differences", lang=lang))
        print(f"\n{len(w.written)} files in {shown(w.folder)}/")
    return 0


def _scales(args: argparse.Namespace, names: dict[str, str]) -> dict[str, dict[str, list[float]]]:
    """``--scale NAME=param:v1,v2`` as ``{model name: {param: [v1, v2]}}``."""
    out: dict[str, dict[str, list[float]]] = {}
    known = set(names.values())
    for text in args.scale:
        spec, sep, rest = text.partition("=")
        param, sep2, values = rest.partition(":")
        if not (sep and sep2 and spec.strip() and param.strip() and values.strip()):
            raise UsageError(f"--scale {shown(repr(text))}: write NAME=param:v1,v2,v3, e.g. "
                             "--scale housing_first=deelnemers:20,40,60")
        name = names.get(spec.strip(), spec.strip())
        if name not in known:
            raise UsageError(f"--scale {shown(repr(text))}: {shown(spec)} is not one of the "
                             "models given." + closest(spec.strip(), [*names, *known]))
        try:
            sizes = [float(v) for v in values.split(",") if v.strip()]
        except ValueError:
            raise UsageError(f"--scale {shown(repr(text))}: the sizes must be numbers, e.g. "
                             "20,40,60") from None
        if name in out:
            raise UsageError(f"--scale: model {shown(name)} is given sizes twice")
        out[name] = {param.strip(): sizes}
    return out


def _quantity(key: str, lang: str) -> str:
    """A row of ``PortfolioResult.summary()`` in words."""
    i = 0 if lang == "nl" else 1
    if key in _HEADINGS:
        return _HEADINGS[key][i]
    if key in _TITLES:
        return _TITLES[key][i]
    stem, _, stat = key.rpartition("_")
    if stem in _TITLES:
        return f"{_TITLES[stem][i]}: {_TITLES[stat][i] if stat in _TITLES else stat.upper()}"
    return key


def cmd_portfolio(args: argparse.Namespace) -> int:
    """``mkba portfolio``: the best mix within a budget."""
    import matplotlib

    matplotlib.use("Agg")
    from mkba import decision, formatting

    models, names = _models(args)
    pf = decision.portfolio(
        models, budget=args.budget, stakeholder=args.stakeholder,
        n_draws=args.draws or None, rng=args.seed, scales=_scales(args, names) or None,
        basis=args.basis, independent=args.independent,
    )
    lang = args.lang
    frame = pf.to_frame().set_index("model").drop(columns=["intervention"])
    yes, no = _t(lang, "yes"), _t(lang, "no")
    shown_frame = _fmt_amounts(frame, lang)
    shown_frame["chosen"] = [yes if c else no for c in frame["chosen"]]
    title = _t(lang, "portfolio", budget=formatting.format_amount(pf.budget, lang),
               who=args.stakeholder)
    _print(title, _headed(shown_frame, lang))
    summary = pf.summary()
    text = [
        formatting.format_percent(v, lang) if key.startswith("prob")
        else f"{v:.0f}" if key == "n_chosen" else formatting.format_amount(v, lang)
        for key, v in zip(summary.index, summary["value"], strict=True)
    ]
    _print(_t(lang, "mix") + ": " + (", ".join(pf.chosen) or "—"),
           pd.DataFrame({"": text}, index=[_quantity(str(k), lang) for k in summary.index]))
    w = _writer(args)
    if w is not None:
        w.table("portfolio", pf.to_frame(), index=False)
        w.table("portfolio_summary", summary)
        w.chart("portfolio", pf.plot("portfolio", lang=lang))
        if pf.saldo is not None:
            w.chart("portfolio_saldo", pf.plot("portfolio_saldo", lang=lang))
        print(f"\n{len(w.written)} files in {shown(w.folder)}/")
    return 0
