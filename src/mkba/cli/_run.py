"""``mkba run`` and ``mkba demo``: one MKBA's tables, charts and reports, written into a
folder (each file atomically), and what is printed about them."""

from __future__ import annotations

import errno
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from mkba import formatting
from mkba.cli._text import shown, shown_frame
from mkba.errors import MkbaError
from mkba.files import atomic_path
from mkba.io import write_csv
from mkba.model import Model
from mkba.results import Result
from mkba.words import section, word

DEFAULT_DRAWS = 1000


def vocabulary(lang: str) -> dict[str, Any]:
    """The command's words in ``lang``: the shared vocabulary with the command's own."""
    return section("cli")[formatting.check_lang(lang)]


def headings(frame: pd.DataFrame, lang: str, *, rows: bool = False) -> pd.DataFrame:
    """``frame`` with its column names and index name in ``lang`` (``costs`` → ``Kosten``);
    with ``rows``, also the index labels that are metric names (``npv`` → ``Saldo``).
    Names the catalogue does not know (a stakeholder, a scenario) stay as they are."""
    w = vocabulary(lang)

    def name(x: Any) -> Any:
        text = w.get(x) if isinstance(x, str) else None
        return text if isinstance(text, str) else x

    out = frame.rename(columns=name)
    if rows:
        out = out.rename(index=name)
    out.index = out.index.rename(name(out.index.name))
    return out


def _frame(obj: Any) -> pd.DataFrame:
    """The tidy frame of a result object (or the frame itself)."""
    return obj.to_frame() if hasattr(obj, "to_frame") else obj


#: text that a spreadsheet would read as a formula made literal (see mkba.formatting)
csv_safe = formatting.spreadsheet_frame


class _Writer:
    """Writes the output files of one analysis into a folder, each atomically.

    Tables go out as CSV for a reader in ``lang`` (:func:`mkba.io.write_csv`: ``;`` and a
    decimal comma for Dutch). Errors name the file or folder asked for, never the hidden
    temporary file.
    """

    def __init__(self, folder: Path, lang: str = "nl") -> None:
        self.folder = folder
        self.lang = formatting.check_lang(lang)
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
        self.file(f"{name}.csv",
                  lambda p: write_csv(frame, p, lang=self.lang, index=index))

    def chart(self, name: str, ax: Any) -> None:
        import matplotlib.pyplot as plt

        fig = ax.figure
        for fmt in ("png", "svg"):

            def save(path: Path, fmt: str = fmt) -> None:
                fig.savefig(path, format=fmt, dpi=150)

            self.file(f"{name}.{fmt}", save)
        plt.close(fig)


def _fmt_overview(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The overview (``Result.table(lang)``) with its values written for print: euros,
    the B/C ratio, ROI and IRR as percentages, the payback year, person-years."""
    w = section("result")[lang]
    section_, item, value = table.columns[0], table.columns[1], table.columns[2]
    by_item = {w["bcr"]: "ratio", w["roi"]: "percent", w["irr"]: "percent",
               w["payback"]: "year"}

    def kind(row: pd.Series) -> str:
        if row[section_] == w["effects"]:
            return "persons"
        return by_item.get(row[item], "amount")

    out = table.copy()
    out[value] = [formatting.format_as(row[value], kind(row), lang)
                  for _, row in table.iterrows()]
    return out


#: how a column of a headline frame (compare, scenarios, Monte Carlo) is written
_COLUMN_KINDS = {"bcr": "ratio", "roi": "percent", "irr": "percent", "payback": "year",
                 "participants": "number"}


def _fmt_amounts(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A frame of numbers written for print: amounts in euros, except the columns of
    :data:`_COLUMN_KINDS` and probabilities (``prob_*``) as percentages."""
    out = frame.copy().astype(object)
    for col in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[col]) and not pd.api.types.is_bool_dtype(
            frame[col])
        if not numeric:
            continue
        kind = ("percent" if str(col).startswith("prob") else
                _COLUMN_KINDS.get(str(col), "amount"))
        out[col] = [formatting.format_as(x, kind, lang) for x in frame[col]]
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


#: the report files ``mkba run`` can write, in the order they are written
REPORT_FORMATS = ("html", "xlsx", "docx", "pdf")


def _report(result: Result, writer: _Writer, lang: str, sens: dict[str, Any],
            formats: Sequence[str] = REPORT_FORMATS) -> None:
    """The reports of :mod:`mkba.report` in ``formats``: the HTML page, the live Excel
    workbook, the Word report and the PDF (else, without the report extras, a workbook of
    the tables). A PDF needs Chromium: without it, a note says so and the rest is written."""
    import importlib.util

    report: Any = None
    if importlib.util.find_spec("mkba.report") is not None:
        import mkba.report as report
    if report is not None and hasattr(report, "to_excel") and hasattr(report, "to_html"):
        for suffix in formats:
            if suffix == "docx" and importlib.util.find_spec("docx") is None:
                print("mkba: note: no Word report (pip install 'mkba[docx]')", file=sys.stderr)
                continue
            if suffix == "pdf":
                from mkba.report.pdf import find_browser

                try:
                    find_browser()
                except MkbaError as exc:
                    print(f"mkba: note: no PDF report: {exc}", file=sys.stderr)
                    continue
            fn = {"html": report.to_html, "xlsx": report.to_excel, "docx": report.to_docx,
                  "pdf": report.to_pdf}[suffix]

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
        tables["scenarios"] = sens["scenarios"].to_frame()
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
              lang: str = "nl", progress: bool = False, quiet: bool = False,
              formats: Sequence[str] = REPORT_FORMATS) -> list[Path]:
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
    formats : sequence of str
        The reports to write, of :data:`REPORT_FORMATS` (``html``, ``xlsx`` the live
        workbook, ``docx``, ``pdf``).

    Returns
    -------
    list of Path
        The files written.
    """
    import matplotlib

    matplotlib.use("Agg")
    from concurrent.futures import Executor, ProcessPoolExecutor

    from mkba import plotting
    from mkba.io import parameters_frame
    from mkba.report import analyse

    # the base case first: its files are written before the (long) sensitivity analyses
    result = model.evaluate()
    w = _Writer(out, lang)
    w.table("overview", result.table(lang), index=False)
    w.table("stakeholders", result.by_stakeholder())
    w.table("flows", result.flows(), index=False)
    w.table("parameters", parameters_frame(model.parameters), index=False)
    w.chart("cashflows", plotting.plot_cashflows(result, lang=lang))
    w.chart("stakeholders", plotting.plot_stakeholders(result, lang=lang))
    executor: Executor | None = (
        ProcessPoolExecutor(workers, initializer=_no_interrupt) if workers > 1 else None
    )
    try:
        analysis = analyse(
            model, one_way=True, scenarios="auto" if scenarios is None else scenarios,
            draws=draws if draws > 0 else None, rng=seed,
            keep="metrics" if draws > 100_000 else "lines", executor=executor,
            progress=progress, lang=lang,
        )
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    sens = analysis.sensitivity  # the sensitivity results, by mkba.report's keys
    if "one_way" in sens:
        w.table("one_way", sens["one_way"].to_frame(), index=False)
        w.chart("tornado", plotting.plot_tornado(sens["one_way"], lang=lang))
    if "scenarios" in sens:
        w.table("scenarios", sens["scenarios"].to_frame())
        w.chart("scenarios", plotting.plot_scenarios(sens["scenarios"], lang=lang))
    if "monte_carlo" in sens:
        mc = sens["monte_carlo"]
        w.table("monte_carlo", mc.summary())
        w.table("monte_carlo_stakeholders", mc.by_stakeholder())
        w.chart("npv_distribution", plotting.plot_npv_distribution(mc, lang=lang))
        w.chart("stakeholder_uncertainty", plotting.plot_stakeholder_uncertainty(mc, lang=lang))
    _report(result, w, lang, sens, formats)
    if not quiet:
        _summarise(model, result, sens, w, lang=lang, draws=draws, seed=seed, out=out)
    return w.written


def _summarise(model: Model, result: Result, sens: dict[str, Any], writer: _Writer, *,
               lang: str, draws: int, seed: int, out: Path) -> None:
    """Print the overview, the distribution over stakeholders, the scenarios and the
    Monte Carlo summary, with headings in ``lang``."""
    w = vocabulary(lang)
    price = section("result")[lang]["price"]
    _print(f"{model.name}: {price} {model.price_year}",
           _fmt_overview(result.table(lang), lang), index=False)
    _print(w["stakeholders"], headings(_fmt_amounts(result.by_stakeholder(), lang), lang))
    if "scenarios" in sens:
        frame = _fmt_amounts(_frame(sens["scenarios"]), lang)
        _print(w["scenarios"], headings(frame.rename(index={"base": w["base"]}), lang))
    if "monte_carlo" in sens:
        mc = sens["monte_carlo"]
        title = word(lang, "cli.monte_carlo", n=formatting.format_number(draws, lang),
                     seed=seed, p=formatting.format_percent(mc.prob_positive(), lang))
        summary = mc.summary().drop(index=["bcr", "roi"], errors="ignore")
        _print(title, headings(_fmt_amounts(summary, lang), lang, rows=True))
    print("\n" + word(lang, "cli.written", n=len(writer.written), out=shown(out)))
