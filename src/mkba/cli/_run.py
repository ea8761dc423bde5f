"""``mkba run`` and ``mkba demo``: one MKBA's tables, charts and reports, written into a
folder (each file atomically), and what is printed about them."""

from __future__ import annotations

import errno
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from mkba import formatting
from mkba._atomic import atomic_path
from mkba.cli._text import map_text, shown, shown_frame
from mkba.model import Model
from mkba.results import Result, words

DEFAULT_DRAWS = 1000


def _default_scenarios(one_way: pd.DataFrame, lang: str) -> dict[str, dict[str, float]]:
    """Every varied parameter at the end of its range that lowers (raises) the NPV."""
    one_way = one_way.dropna(subset=["low", "high"])  # a row of shares has no single value
    if one_way.empty:
        return {}
    low_first = one_way["npv_low"] <= one_way["npv_high"]
    worst = dict(zip(one_way["parameter"], one_way["low"].where(low_first, one_way["high"]),
                     strict=True))
    best = dict(zip(one_way["parameter"], one_way["high"].where(low_first, one_way["low"]),
                    strict=True))
    names = ("Pessimistisch", "Optimistisch") if lang == "nl" else ("Pessimistic", "Optimistic")
    return {names[0]: worst, names[1]: best}


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell, index label and column name that a spreadsheet
    would read as a formula (starting with ``= + - @``, a tab or a carriage return) made
    literal text by :func:`mkba.formatting.spreadsheet_text`; numbers stay numbers."""
    return map_text(frame, formatting.spreadsheet_text)


class _Writer:
    """Writes the output files of one analysis into a folder, each atomically.

    Errors name the file or folder asked for, never the hidden temporary file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: list[Path] = []
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder; give the "
                                     "output folder (it is created when missing)", str(folder))
        folder.mkdir(parents=True, exist_ok=True)

    def file(self, name: str, write: Callable[[Path], Any]) -> None:
        target = self.folder / name
        try:
            with atomic_path(target) as tmp:
                write(tmp)
        except OSError as exc:
            # the temporary file (or no file) is in the message: name the target instead
            if exc.filename is None or Path(exc.filename).parent == target.parent:
                raise type(exc)(exc.errno, exc.strerror or str(exc), str(target)) from None
            raise
        self.written.append(target)

    def table(self, name: str, frame: pd.DataFrame, *, index: bool = True) -> None:
        safe = csv_safe(frame)
        self.file(f"{name}.csv", lambda p: safe.to_csv(p, index=index))

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
    """Print a titled table; control characters in names are shown escaped."""
    title = shown(title)
    print(f"\n{title}\n{'=' * len(title)}")
    with pd.option_context("display.width", 160, "display.max_colwidth", 70,
                           "display.max_rows", 200):
        print(shown_frame(frame).to_string(index=index))


def _no_interrupt() -> None:
    """Initializer of worker processes: Ctrl-C is handled by the main process alone
    (which cancels the tasks not yet started), so workers print no tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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

        executor: Executor | None = (
            ProcessPoolExecutor(workers, initializer=_no_interrupt) if workers > 1 else None
        )
        try:
            mc = sensitivity.monte_carlo(model, draws, rng=seed, executor=executor,
                                         progress=progress,
                                         keep="metrics" if draws > 100_000 else "lines")
        finally:
            if executor is not None:
                executor.shutdown(cancel_futures=True)
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
        print(f"\n{len(w.written)} files written to {shown(out)}")
    return w.written
