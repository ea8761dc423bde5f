"""The PDF report: the HTML report printed to A4 by headless Chromium, with page numbers.

Chromium (Debian's ``chromium``) lays out and prints the page :func:`~mkba.report.to_html`
writes; a few print rules are added (page numbers in the bottom margin, tables and
charts kept whole and within the page width). Nothing is loaded from the network: the
page is self-contained, and Chromium runs with a throw-away profile and networking
features off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mkba.errors import MkbaError, MkbaTypeError
from mkba.files import atomic_path, check_path
from mkba.formatting import check_lang

if TYPE_CHECKING:
    from mkba.model import Model
    from mkba.report._inputs import Analysis
    from mkba.results import Result

__all__ = ["BROWSERS", "PRINT_CSS", "find_browser", "html_to_pdf", "to_pdf"]

#: browsers tried in order (names on the PATH); the first found prints
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: print rules added to the HTML page: A4 with page numbers ("3 / 12") in the bottom
#: margin (CSS paged media margin boxes), nothing wider than the page, tables and
#: charts not cut in the middle of a row or a figure
PRINT_CSS = """
@page {
  size: A4;
  margin: 16mm 14mm 18mm;
  @bottom-center { content: counter(page) " / " counter(pages); font: 9pt sans-serif;
    color: #555; }
}
@media print {
  html, body { width: auto; }
  main { max-width: 100%; }
  .wide { overflow: visible; }
  table.mkba { width: 100%; table-layout: auto; font-size: 8.5pt; }
  table.mkba th, table.mkba td { padding: .2rem .3rem; }
  table.mkba td { overflow-wrap: anywhere; min-width: 4.5em; }
  table.mkba th { overflow-wrap: normal; hyphens: manual; }
  table.mkba td.num { white-space: nowrap; }
  thead { display: table-header-group; }
  tr, figure, figure.chart, figcaption, dl.kpi { break-inside: avoid; }
  figure.chart svg { max-width: 100%; height: auto; }
  h1, h2, h3, caption { break-after: avoid; }
}
"""

#: seconds Chromium may take to print one report
TIMEOUT = 120


def find_browser(browser: str | None = None) -> str:
    """The Chromium to print with: ``browser`` (a path or a name), else the first of
    :data:`BROWSERS` on the PATH.

    Raises
    ------
    MkbaError
        When none is found, with how to install one.
    """
    candidates = [browser] if browser is not None else list(BROWSERS)
    for name in candidates:
        found = shutil.which(name)
        if found:
            return found
    wanted = browser if browser is not None else " or ".join(BROWSERS)
    raise MkbaError(
        f"to_pdf() prints with headless Chromium and found no {wanted}; install it "
        "(Debian/Ubuntu: apt-get install chromium) or pass browser='/path/to/chromium'"
    )


def html_to_pdf(html: str, target: Path, *, browser: str | None = None) -> None:
    """Print the page ``html`` (a complete document) to the PDF file ``target``."""
    exe = find_browser(browser)
    style = f"<style>{PRINT_CSS}</style>"
    page = html.replace("</head>", style + "</head>", 1) if "</head>" in html else style + html
    with tempfile.TemporaryDirectory(prefix="mkba-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "report.html"
        source.write_text(page, encoding="utf-8")
        out = folder / "report.pdf"
        command = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions",
            f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer",
            f"--print-to-pdf={out}", source.as_uri(),
        ]
        env = {**os.environ, "HOME": str(folder)}
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                 check=False, env=env, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise MkbaError(f"to_pdf(): Chromium ({exe}) did not finish printing within "
                            f"{TIMEOUT} s") from None
        data = out.read_bytes() if out.exists() else b""
        if not data.startswith(b"%PDF-"):
            tail = (run.stderr or "").strip().splitlines()[-5:]
            raise MkbaError(f"to_pdf(): Chromium ({exe}) wrote no PDF (exit code "
                            f"{run.returncode}): " + " | ".join(tail))
    with atomic_path(target) as tmp_target:
        tmp_target.write_bytes(data)


def to_pdf(
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
    browser: str | None = None,
    **html_options: Any,
) -> Path:
    """Write the MKBA as a PDF for the council: the HTML report printed to A4.

    The report of :func:`~mkba.report.to_html` (Samenvatting, key figures, overview with
    PM items, charts, stakeholders, sensitivity, parameters, sources), laid out and
    printed by headless Chromium on A4 with the page number and the number of pages at
    the bottom of every page; tables and charts are kept within the page width and are
    not cut through a row or a chart. The file is written atomically: a failure
    (including a bad argument, or no Chromium) leaves an existing file untouched.

    Parameters
    ----------
    model_or_result : Model or Result
        A model (evaluated at its base values) or an evaluated result.
    path : str or Path
        The ``.pdf`` file to write; its folder must exist.
    lang : {"nl", "en"}
        Language of the report.
    one_way, draws, rng, scenarios, sobol, sensitivity, title
        As for :func:`~mkba.report.to_html`.
    browser : str, optional
        The Chromium executable (a path or a name on the PATH); default the first of
        :data:`BROWSERS` found.
    **html_options
        Further options of :func:`~mkba.report.to_html` (e.g. ``intro``, ``conclusion``).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    MkbaError
        When no Chromium is found, or it prints no PDF.
    MkbaTypeError, SpecificationError
        For a bad argument, before anything is written.
    """
    from mkba.report import to_html
    from mkba.report._inputs import given, resolve

    lang = check_lang(lang)
    _, result = resolve(model_or_result, "to_pdf")
    target = check_path(path, "to_pdf")
    if browser is not None and not isinstance(browser, str):
        raise MkbaTypeError(f"to_pdf(): browser must be text, got {type(browser).__name__}")
    find_browser(browser)  # fail before any work
    with tempfile.TemporaryDirectory(prefix="mkba-pdf-") as tmp:
        page = to_html(result, Path(tmp) / "report.html", lang=lang, one_way=one_way,
                       draws=draws, rng=rng, scenarios=scenarios, sobol=sobol,
                       sensitivity=given(model_or_result, sensitivity), title=title,
                       **html_options)
        html = page.read_text(encoding="utf-8")
    html_to_pdf(html, target, browser=browser)
    return target
