"""The ``mkba`` command: a thin layer over the API.

::

    mkba list                          the built-in intervention models
    mkba show NAME|FILE                a model's parameters, streams and PM items
    mkba validate FILE                 read and evaluate a model file
    mkba run NAME|FILE [options]       tables, charts and reports of one MKBA
    mkba demo [--out DIR]              the four built-in MKBAs and their comparison
    mkba export NAME FILE.toml         a built-in model as a model file to start from

Exit codes: 0 ok, 1 an error in the model or the analysis, 2 a usage error. User errors
print ``mkba: error: ...`` to stderr, without a traceback. Output files are written
atomically, so an interrupted run leaves earlier output intact.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from mkba import formatting
from mkba._atomic import atomic_path
from mkba.errors import MkbaError, closest
from mkba.model import Model
from mkba.results import Result, compare, words

__all__ = ["UsageError", "load_model", "main", "parse_scenario", "run_model"]

PROG = "mkba"
DEFAULT_DRAWS = 1000
#: model fields a scenario may set besides parameters (see sensitivity.scenarios)
_MODEL_FIELDS = ("horizon", "discount", "timing", "price_year")


class UsageError(MkbaError):
    """A command-line argument is wrong (exit code 2)."""


# -- models and arguments -------------------------------------------------------------------


def load_model(spec: str) -> Model:
    """The model named by a command-line argument: a built-in name or a model file.

    Parameters
    ----------
    spec : str
        A name from ``mkba list`` or the path of a ``.toml`` model file.

    Raises
    ------
    UsageError
        Neither a built-in name nor an existing file (the closest name is suggested).
    ModelFileError
        The file is not a valid model.
    """
    from mkba import interventions, io

    if spec in interventions.names():
        return interventions.load(spec)
    path = Path(spec)
    if path.suffix.lower() == ".toml" or path.exists() or os.sep in spec:
        if not path.is_file():
            raise UsageError(f"model file {spec!r} does not exist")
        return io.read_model(path)
    hint = closest(spec, interventions.names())
    raise UsageError(
        f"{spec!r} is neither a built-in intervention nor a model file.{hint} "
        f"Built-in: {', '.join(interventions.names())}; or give the path of a .toml file"
    )


def _value(text: str) -> float | int | str:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text  # e.g. a discount preset name


def parse_scenario(text: str) -> tuple[str, dict[str, Any]]:
    """Parse ``"NAME=param:value,param:value"`` into ``(NAME, {param: value})``.

    Examples
    --------
    >>> parse_scenario("Laag=prijs_nacht:60,deelnemers:30")
    ('Laag', {'prijs_nacht': 60, 'deelnemers': 30})
    """
    name, sep, rest = text.partition("=")
    pairs = [p for p in rest.split(",") if p.strip()]
    if not sep or not name.strip() or not pairs:
        raise UsageError(f"--scenario {text!r}: write NAME=param:value,param:value, e.g. "
                         "--scenario Laag=prijs_nacht:60,deelnemers:30")
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition(":")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--scenario {text!r}: {pair!r} is not param:value; write "
                             "NAME=param:value,param:value")
        values[key.strip()] = _value(value.strip())
    return name.strip(), values


def _default_scenarios(one_way: pd.DataFrame, lang: str) -> dict[str, dict[str, float]]:
    """Every varied parameter at the end of its range that lowers (raises) the NPV."""
    if one_way.empty:
        return {}
    low_first = one_way["npv_low"] <= one_way["npv_high"]
    worst = dict(zip(one_way["parameter"], one_way["low"].where(low_first, one_way["high"]),
                     strict=True))
    best = dict(zip(one_way["parameter"], one_way["high"].where(low_first, one_way["low"]),
                    strict=True))
    names = ("Pessimistisch", "Optimistisch") if lang == "nl" else ("Pessimistic", "Optimistic")
    return {names[0]: worst, names[1]: best}


# -- output ---------------------------------------------------------------------------------


class _Writer:
    """Writes the output files of one analysis into a folder, each atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: list[Path] = []
        folder.mkdir(parents=True, exist_ok=True)

    def file(self, name: str, write: Callable[[Path], Any]) -> None:
        target = self.folder / name
        with atomic_path(target) as tmp:
            write(tmp)
        self.written.append(target)

    def table(self, name: str, frame: pd.DataFrame, *, index: bool = True) -> None:
        self.file(f"{name}.csv", lambda p: frame.to_csv(p, index=index))

    def chart(self, name: str, ax: Any) -> None:
        import matplotlib.pyplot as plt

        fig = ax.figure
        for fmt in ("png", "svg"):

            def save(path: Path, fmt: str = fmt) -> None:
                fig.savefig(path, format=fmt, dpi=150)

            self.file(f"{name}.{fmt}", save)
        plt.close(fig)


def _fmt_overview(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    w = words(lang)
    item, value = table.columns[1], table.columns[2]

    def show(row: pd.Series) -> str:
        x = row[value]
        if isinstance(x, str):
            return x
        if row[item] in (w["bcr"], w["roi"]):
            return formatting.format_ratio(x, lang)
        if row[item] == w["irr"]:
            return formatting.format_percent(x, lang)
        if row[item] == w["payback"]:
            return formatting.format_year(x, lang)
        return formatting.format_amount(x, lang)

    out = table.copy()
    out[value] = table.apply(show, axis=1)
    return out


def _fmt_amounts(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy().astype(object)
    for col in frame.columns:
        if pd.api.types.is_float_dtype(frame[col]) or col == "payback":
            fmt = (formatting.format_percent if str(col).startswith("prob") or col == "irr"
                   else formatting.format_ratio if col in ("bcr", "roi")
                   else formatting.format_year if col == "payback"
                   else formatting.format_amount)
            out[col] = [fmt(x, lang) for x in frame[col]]
    return out


def _print(title: str, frame: pd.DataFrame, *, index: bool = True) -> None:
    print(f"\n{title}\n{'=' * len(title)}")
    with pd.option_context("display.width", 160, "display.max_colwidth", 70,
                           "display.max_rows", 200):
        print(frame.to_string(index=index))


def _report(result: Result, writer: _Writer, lang: str, sens: dict[str, Any]) -> None:
    """The Excel and HTML reports of :mod:`mkba.report` (else a workbook of the tables)."""
    import importlib.util

    report: Any = None
    if importlib.util.find_spec("mkba.report") is not None:
        import mkba.report as report
    if report is not None and hasattr(report, "to_excel") and hasattr(report, "to_html"):
        for fn, suffix in ((report.to_excel, "xlsx"), (report.to_html, "html")):

            def write(path: Path, fn: Callable[..., Any] = fn) -> None:
                fn(result, path, lang=lang, one_way="one_way" in sens, sensitivity=sens)

            writer.file(f"report.{suffix}", write)
        return
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        print("mkba: note: no Excel file (pip install 'mkba[excel]')", file=sys.stderr)
        return
    tables = {"overview": result.table(lang), "stakeholders": result.by_stakeholder(),
              "flows": result.flows()}
    if "one_way" in sens:
        tables["one_way"] = sens["one_way"].to_frame()
    if "scenarios" in sens:
        tables["scenarios"] = sens["scenarios"]
    if "monte_carlo" in sens:
        tables["monte_carlo"] = sens["monte_carlo"].summary()
        tables["monte_carlo_stakeholders"] = sens["monte_carlo"].by_stakeholder()

    def workbook(path: Path) -> None:
        with pd.ExcelWriter(path, engine="openpyxl") as xl:
            for name, frame in tables.items():
                frame.to_excel(xl, sheet_name=name[:31], index=name not in ("overview", "flows"))

    writer.file("tables.xlsx", workbook)


def run_model(model: Model, out: Path, *, draws: int = DEFAULT_DRAWS, seed: int = 1,
              workers: int = 1, scenarios: dict[str, dict[str, Any]] | None = None,
              lang: str = "nl", progress: bool = False, quiet: bool = False) -> list[Path]:
    """Run one MKBA and write its tables, charts and reports into ``out``.

    Parameters
    ----------
    model : Model
    out : Path
        Output folder (created when missing).
    draws : int
        Monte Carlo draws; 0 skips the Monte Carlo analysis.
    seed : int
        Seed of the Monte Carlo draws.
    workers : int
        Processes for the Monte Carlo draws (1: in this process).
    scenarios : dict, optional
        ``{name: {parameter: value}}``; default a pessimistic and an optimistic scenario
        (every parameter with a distribution at the end of its one-way range that lowers,
        or raises, the NPV).
    lang : {"nl", "en"}
        Language of tables and charts.
    progress : bool
        Show a progress bar for the Monte Carlo draws.
    quiet : bool
        Print nothing.

    Returns
    -------
    list of Path
        The files written.
    """
    import matplotlib

    matplotlib.use("Agg")
    from mkba import plotting, sensitivity
    from mkba.parameters import parameters_frame

    result = model.evaluate()
    w = _Writer(out)
    w.table("overview", result.table(lang), index=False)
    w.table("stakeholders", result.by_stakeholder())
    w.table("flows", result.flows(), index=False)
    w.table("parameters", parameters_frame(model.parameters), index=False)
    w.chart("cashflows", plotting.plot_cashflows(result, lang=lang))
    w.chart("stakeholders", plotting.plot_stakeholders(result, lang=lang))
    sens: dict[str, Any] = {}  # the sensitivity results, by mkba.report's keys
    if model.uncertain:
        sens["one_way"] = sensitivity.one_way(model)
        w.table("one_way", sens["one_way"].to_frame(), index=False)
        w.chart("tornado", plotting.plot_tornado(sens["one_way"], lang=lang))
    if scenarios is None:
        scenarios = (_default_scenarios(sens["one_way"].to_frame(), lang) if model.uncertain
                     else {})
    if scenarios:
        sens["scenarios"] = sensitivity.scenarios(model, scenarios)
        w.table("scenarios", sens["scenarios"])
        w.chart("scenarios", plotting.plot_scenarios(sens["scenarios"], lang=lang))
    if draws > 0 and model.uncertain:
        from concurrent.futures import Executor, ProcessPoolExecutor

        executor: Executor | None = ProcessPoolExecutor(workers) if workers > 1 else None
        try:
            mc = sensitivity.monte_carlo(model, draws, rng=seed, executor=executor,
                                         progress=progress,
                                         keep="metrics" if draws > 100_000 else "lines")
        finally:
            if executor is not None:
                executor.shutdown()
        sens["monte_carlo"] = mc
        w.table("monte_carlo", mc.summary())
        w.table("monte_carlo_stakeholders", mc.by_stakeholder())
        w.chart("npv_distribution", plotting.plot_npv_distribution(mc, lang=lang))
        w.chart("stakeholder_uncertainty", plotting.plot_stakeholder_uncertainty(mc, lang=lang))
    _report(result, w, lang, sens)
    if not quiet:
        ww = words(lang)
        _print(f"{model.name}: {ww['price']} {model.price_year}",
               _fmt_overview(result.table(lang), lang), index=False)
        _print("Verdeling over actoren" if lang == "nl" else "Distribution over stakeholders",
               _fmt_amounts(result.by_stakeholder(), lang))
        if "scenarios" in sens:
            _print("Scenario's" if lang == "nl" else "Scenarios",
                   _fmt_amounts(sens["scenarios"], lang))
        if "monte_carlo" in sens:
            mc = sens["monte_carlo"]
            n = formatting.format_number(draws, lang)
            _print(f"Monte Carlo ({n} {'trekkingen' if lang == 'nl' else 'draws'}, seed "
                   f"{seed}): P(NPV > 0) = {formatting.format_percent(mc.prob_positive(), lang)}",
                   _fmt_amounts(mc.summary().drop(index=["bcr", "roi"], errors="ignore"),
                                lang))
        print(f"\n{len(w.written)} files written to {out}")
    return w.written


# -- commands -------------------------------------------------------------------------------


def _cmd_list(args: argparse.Namespace) -> int:
    from mkba import interventions

    for name in interventions.names():
        m = interventions.load(name)
        print(f"{name:<26} {m.name} ({m.start_year}–{m.start_year + m.horizon - 1})")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from mkba.parameters import parameters_frame

    m = load_model(args.model)
    assert m.price_year is not None
    print(f"{m.name}\n{m.description}".rstrip())
    print(f"years {m.start_year}–{m.start_year + m.horizon - 1} ({m.horizon}), prices of "
          f"{m.price_year}, discount {m.discount}, timing {m.timing!r}")
    params = parameters_frame(m.parameters)
    params["dist"] = [str(p.dist) if p.dist is not None else "" for p in m.parameters]
    cols = ["name", "value", "unit", "price_year", "dist", "grade", "label"]
    _print(f"Parameters ({len(m.parameters)})", params[cols].fillna(""), index=False)
    for key, i in (("project", m.project), ("reference", m.reference)):
        if i is None:
            continue
        rows = [{"stream": s.name, "kind": s.kind,
                 "stakeholder": s.stakeholder + (f" (from {s.payer})" if s.payer else ""),
                 "category": s.category, "amount": str(s.formulas.get("amount", "<function>")),
                 "years": f"{s.start or ''}–{s.end or ''}" if s.start or s.end else ""}
                for s in i.streams]
        _print(f"{key.capitalize()}: {i.name} ({len(i.streams)} streams)",
               pd.DataFrame(rows), index=False)
        if i.pm:
            _print("PM", pd.DataFrame([{"pm": p.name, "sign": p.sign,
                                        "stakeholder": p.stakeholder or ""} for p in i.pm]),
                   index=False)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    m = load_model(args.model)
    r = m.evaluate()
    ref = len(m.reference.streams) if m.reference is not None else 0
    print(f"{args.model}: ok — '{m.name}', {len(m.parameters)} parameters, "
          f"{len(m.project.streams)} project and {ref} reference streams; "
          f"NPV {formatting.format_amount(r.npv)} (prices of {m.price_year})")
    return 0


def _progress(args: argparse.Namespace) -> bool:
    return sys.stderr.isatty() if args.progress is None else bool(args.progress)


def _cmd_run(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    if args.discount is not None:
        model = model.replace(discount=_value(args.discount))
    scenarios = None
    if args.scenario:
        scenarios = dict(parse_scenario(s) for s in args.scenario)
        known = [*model.parameter_names, *_MODEL_FIELDS]
        for name, values in scenarios.items():
            for key in values:
                if key not in known:
                    raise UsageError(f"--scenario {name}: {key!r} is not a parameter of "
                                     f"'{model.name}'.{closest(key, known)} See: mkba show "
                                     f"{args.model}")
    run_model(model, Path(args.out), draws=args.draws, seed=args.seed, workers=args.workers,
              scenarios=scenarios, lang=args.lang, progress=_progress(args))
    return 0


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
    w = _Writer(out)
    w.table("comparison", table)
    w.chart("comparison", plotting.plot_compare(table, lang=args.lang))
    _print("Vergelijking" if args.lang == "nl" else "Comparison",
           _fmt_amounts(table.drop(columns=["irr", "participants"], errors="ignore"),
                        args.lang))
    print(f"\nOutput in {out}/: one folder per intervention, and comparison.csv/.png/.svg")
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
    print(f"wrote {path}" + (f" and {path.parent / args.table}" if args.table else "")
          + f"; edit it, then: mkba validate {path} && mkba run {path}")
    return 0


# -- parser ---------------------------------------------------------------------------------


def _positive(text: str) -> int:
    if not re.fullmatch(r"\d+", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 0")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG, description="Social cost-benefit analysis (MKBA) of interventions "
        "against homelessness.", epilog="Model files: docs/model-files.md. "
        "Example: mkba run housing_first --draws 5000 --out uitvoer")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    s = sub.add_parser("list", help="list the built-in intervention models")
    s.set_defaults(func=_cmd_list)
    s = sub.add_parser("show", help="show a model's parameters, streams and PM items")
    s.add_argument("model", metavar="NAME|FILE")
    s.set_defaults(func=_cmd_show)
    s = sub.add_parser("validate", help="read a model file and evaluate its base case")
    s.add_argument("model", metavar="FILE")
    s.set_defaults(func=_cmd_validate)

    def common(s: argparse.ArgumentParser, out: str) -> None:
        s.add_argument("--out", default=out, metavar="DIR",
                       help=f"output folder (default {out})")
        s.add_argument("--draws", type=_positive, default=DEFAULT_DRAWS, metavar="N",
                       help=f"Monte Carlo draws, 0 to skip (default {DEFAULT_DRAWS})")
        s.add_argument("--seed", type=_positive, default=1, metavar="S",
                       help="seed of the Monte Carlo draws (default 1)")
        s.add_argument("--lang", choices=("nl", "en"), default="nl",
                       help="language of tables and charts (default nl)")
        s.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="progress bar (default: when stderr is a terminal)")

    s = sub.add_parser("run", help="run an MKBA: tables, charts and reports")
    s.add_argument("model", metavar="NAME|FILE")
    common(s, "out")
    s.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="processes for the Monte Carlo draws (default 1)")
    s.add_argument("--scenario", action="append", metavar="NAME=param:value,...",
                   help="a named scenario; repeat for more (default: pessimistic and "
                   "optimistic from the one-way ranges)")
    s.add_argument("--discount", metavar="PRESET|RATE",
                   help="discount preset (NL_2025, NL_2020, GREEN_BOOK, ...) or rate (0.03)")
    s.set_defaults(func=_cmd_run)

    s = sub.add_parser("demo", help="the four built-in MKBAs with scenarios, Monte Carlo "
                       "and their comparison")
    common(s, "out")
    s.set_defaults(func=_cmd_demo)

    s = sub.add_parser("export", help="write a built-in model as a model file to start from")
    s.add_argument("name", metavar="NAME")
    s.add_argument("file", metavar="FILE.toml")
    s.add_argument("--table", metavar="FILE.csv",
                   help="put the parameters in this CSV or Excel table next to the file")
    s.add_argument("--force", action="store_true", help="overwrite existing files")
    s.set_defaults(func=_cmd_export)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``mkba`` command.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit code: 0 ok, 1 an error in the model or the analysis, 2 a usage error.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse has printed
        return exc.code if isinstance(exc.code, int) else 2
    try:
        code: int = args.func(args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except MkbaError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `mkba show NAME | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"{PROG}: error:{where} {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; files already written are complete", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    raise SystemExit(main())
