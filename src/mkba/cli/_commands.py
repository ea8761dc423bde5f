"""The subcommands of ``mkba``: each takes the parsed arguments and returns the exit code."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd

from mkba import formatting
from mkba.cli._args import _MODEL_FIELDS, UsageError, _value, load_model, parse_scenario
from mkba.cli._run import _fmt_amounts, _print, _Writer, headings, run_model, vocabulary
from mkba.cli._text import shown, shown_lines
from mkba.cohort import Cohort
from mkba.errors import closest
from mkba.results import compare
from mkba.words import word


def _cmd_list(args: argparse.Namespace) -> int:
    from mkba import interventions

    lang = getattr(args, "lang", "nl")
    for name in interventions.names():
        m = interventions.load(name)
        print(f"{name:<26} {shown(m.name)} ({m.start_year}–{m.start_year + m.horizon - 1})")
        print(f"{'':<26} {shown(interventions.describe(name, lang))}")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from mkba.io import parameters_frame

    lang = args.lang
    w = vocabulary(lang)
    m = load_model(args.model)
    assert m.price_year is not None
    print(f"{shown(m.name)}\n{shown_lines(m.description)}".rstrip())
    print(word(lang, "cli.show_frame", start=m.start_year, end=m.start_year + m.horizon - 1,
               horizon=m.horizon, price_year=m.price_year,
               discount=shown(formatting.format_discount(m.discount, lang)),
               timing=word(lang, f"timing.{m.timing}")))
    params = parameters_frame(m.parameters)
    dists = {col: formatting.format_distribution(p.dist, lang) if p.dist is not None else ""
             for p in m.parameters for col in p.columns}
    params["dist"] = [dists.get(n, "") for n in params["name"]]
    params["value"] = [formatting.format_value(v, lang, digits=6)
                       if isinstance(v, int | float) and not isinstance(v, bool) else v
                       for v in params["value"]]
    params["price_year"] = [formatting.format_year(y, lang) if y is not None else ""
                            for y in params["price_year"]]
    cols = ["name", "value", "unit", "price_year", "dist", "grade", "label"]
    _print(word(lang, "cli.parameters", n=len(m.parameters)),
           headings(params[cols].fillna(""), lang), index=False)
    for key, i in (("project", m.project), ("reference", m.reference)):
        if i is None:
            continue
        rows = [{"stream": s.name, "kind": w.get(s.kind, s.kind),
                 "stakeholder": s.stakeholder
                 + (word(lang, "cli.from_payer", payer=s.payer) if s.payer else ""),
                 "category": s.category,
                 "amount": str(s.formulas.get("amount", w["formula_function"])),
                 "years": f"{s.start or ''}–{s.end or ''}" if s.start or s.end else ""}
                for s in i.streams]
        _print(word(lang, f"cli.{key}", name=i.name, n=len(i.streams)),
               headings(pd.DataFrame(rows), lang), index=False)
        for c in i.cohorts:
            _show_cohort(c, lang)
        if i.pm:
            _print("PM", headings(pd.DataFrame([{"pm": p.name, "sign": p.sign,
                                                 "stakeholder": p.stakeholder or ""}
                                                for p in i.pm]), lang),
                   index=False)
    return 0


def _show_cohort(c: Cohort, lang: str = "nl") -> None:
    """States (start, inflow) and transitions of a cohort, as ``mkba show`` prints them."""
    w = vocabulary(lang)
    states = pd.DataFrame([{"state": s, "start": str(c.start.get(s, "")),
                            "inflow": str(c.inflow.get(s, ""))} for s in c.states])
    _print(word(lang, "cli.cohort", name=c.name, n=len(c.states), counting=c.counting),
           headings(states, lang), index=False)
    moves = pd.DataFrame([{"from": src, "to": w["row"] if dst == "*" else dst,
                           "probability": str(v)} for (src, dst), v in c.transitions.items()])
    if not moves.empty:
        _print(w["transitions"], headings(moves, lang), index=False)


#: draws with which ``mkba validate`` checks the transitions of a model with cohorts
VALIDATE_DRAWS = 1000


def _cmd_validate(args: argparse.Namespace) -> int:
    from mkba import sensitivity

    lang = args.lang
    m = load_model(args.model)
    r = m.evaluate()
    ref = len(m.reference.streams) if m.reference is not None else 0
    cohorts = [c for cs in m.cohorts.values() for c in cs]
    people = ""
    if cohorts:
        people = word(lang, "cli.cohorts", n=len(cohorts),
                      states=sum(len(c.states) for c in cohorts))
        if m.uncertain:  # drawn probabilities must stay possible too, not only the base case
            sensitivity.monte_carlo(m, VALIDATE_DRAWS, rng=0, keep="metrics")
            people += word(lang, "cli.checked", n=formatting.format_number(VALIDATE_DRAWS, lang))
    print(word(lang, "cli.validated", file=shown(args.model), name=shown(m.name),
               n=len(m.parameters), project=len(m.project.streams), reference=ref,
               people=people, npv=formatting.format_amount(r.npv, lang), year=m.price_year))
    return 0


def _progress(args: argparse.Namespace) -> bool:
    return sys.stderr.isatty() if args.progress is None else bool(args.progress)


def _cmd_run(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    if args.discount is not None:
        model = model.replace(discount=_value(args.discount))
    scenarios = None
    if args.scenario:
        scenarios = {}
        for text in args.scenario:
            name, values = parse_scenario(text)
            if name in scenarios:
                raise UsageError(f"--scenario {name!r} is given twice; give each scenario "
                                 "once, or use another name for the second")
            scenarios[name] = values
        known = [*model.parameter_names, *_MODEL_FIELDS]
        for name, values in scenarios.items():
            for key, value in values.items():
                if key not in known:
                    raise UsageError(f"--scenario {name}: {key!r} is not a parameter of "
                                     f"'{model.name}'.{closest(key, known)} See: mkba show "
                                     f"{args.model}")
                if key in model.parameter_names and not _finite_number(value):
                    raise UsageError(f"--scenario {name}: {key}:{value} is not a number; "
                                     f"give the value of '{key}' as a number, e.g. "
                                     f"{key}:{model.parameter(key).value}")
    run_model(model, Path(args.out), draws=args.draws, seed=args.seed, workers=args.workers,
              scenarios=scenarios, lang=args.lang, progress=_progress(args),
              formats=args.formats)
    return 0


def _finite_number(value: object) -> bool:
    """Whether ``value`` is an int or float that is a finite float (10**400 is not)."""
    if not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _cmd_demo(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from mkba import interventions, plotting

    out = Path(args.out)
    models = [interventions.load(n) for n in interventions.names()]
    for name, m in zip(interventions.names(), models, strict=True):
        print(f"\n\n### {m.name} ({name})")
        run_model(m, out / name, draws=args.draws, seed=args.seed, lang=args.lang,
                  progress=_progress(args))
    table = compare(models)
    w = _Writer(out, args.lang)
    w.table("comparison", table)
    years = {m.price_year for m in models}
    w.chart("comparison", plotting.plot_compare(
        table, lang=args.lang, price_year=years.pop() if len(years) == 1 else None))
    _print(word(args.lang, "cli.comparison"),
           headings(_fmt_amounts(table.drop(columns=["irr", "participants"], errors="ignore"),
                                 args.lang), args.lang))
    print("\n" + word(args.lang, "cli.demo_done", out=shown(out)))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from mkba import interventions, io

    if args.name not in interventions.names():
        raise UsageError(f"unknown intervention {args.name!r}."
                         f"{closest(args.name, interventions.names())} Built-in: "
                         f"{', '.join(interventions.names())}")
    path = Path(args.file)
    if path.suffix.lower() != ".toml":
        raise UsageError(f"{args.file!r}: a model file ends in .toml")
    for target in [path] + ([path.parent / args.table] if args.table else []):
        if target.exists() and not args.force:
            raise UsageError(f"{target} exists; pass --force to overwrite it")
    io.write_model(interventions.load(args.name), path, parameter_table=args.table)
    print(shown(f"wrote {path}" + (f" and {path.parent / args.table}" if args.table else "")
                + f"; edit it, then: mkba validate {path} && mkba run {path}"))
    return 0
