"""The PDF report, printed by headless Chromium.

Skipped where Chromium is not installed (``apt-get install chromium``). The page
numbers are read back with ``pdftotext`` (poppler-utils) where it is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from mkba import report
from mkba.errors import MkbaError, MkbaTypeError, SpecificationError
from mkba.report.pdf import PRINT_CSS, find_browser, html_to_pdf
from tests.plotting.models import small_model

BROWSER = next((p for p in map(shutil.which, ("chromium", "chromium-browser",
                                              "google-chrome")) if p), None)
needs_browser = pytest.mark.skipif(BROWSER is None,
                                   reason="Chromium not found: apt-get install chromium")
PDFTOTEXT = shutil.which("pdftotext")


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def text_of(path) -> str:
    assert PDFTOTEXT is not None
    return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "rapport.pdf"
    return report.to_pdf(small_model(), path, draws=200, rng=1)


@needs_browser
def test_the_report_is_an_a4_pdf_of_several_pages(printed):
    data = printed.read_bytes()
    assert data.startswith(b"%PDF-")
    assert pages(data) >= 3
    # A4 is 595 x 842 points
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert sizes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1
                         for w, h in sizes)


@needs_browser
@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext not found (poppler-utils)")
def test_every_page_has_its_number_and_the_report_its_contents(printed):
    text = text_of(printed)
    n = pages(printed.read_bytes())
    for k in range(1, n + 1):
        assert re.search(rf"(?<!\d){k}\s*/\s*{n}(?!\d)", text), (k, n)
    for words in ("Samenvatting", "MKBA-overzicht", "Bronnen", "Proefmodel"):
        assert words in text


@needs_browser
def test_a_page_longer_than_a_sheet_is_printed_on_more_pages(tmp_path):
    body = "".join(f"<p>Alinea {i}</p>" for i in range(200))
    target = tmp_path / "lang.pdf"
    html_to_pdf(f"<html><head></head><body>{body}</body></html>", target)
    assert pages(target.read_bytes()) >= 3


def test_print_rules_number_the_pages_and_keep_tables_and_charts_whole():
    assert "counter(page)" in PRINT_CSS and "counter(pages)" in PRINT_CSS
    assert "size: A4" in PRINT_CSS
    for rule in ("tr, figure", "break-inside: avoid", "max-width: 100%"):
        assert rule in PRINT_CSS


def test_no_browser_is_an_error_that_says_how_to_install_one(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_text("previous")
    with pytest.raises(MkbaError, match="apt-get install chromium"):
        report.to_pdf(small_model(), path, browser="no-such-browser-mkba")
    with pytest.raises(MkbaError, match="apt-get install chromium"):
        find_browser("no-such-browser-mkba")
    assert path.read_text() == "previous"


def test_bad_arguments_fail_before_writing(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_text("previous")
    with pytest.raises(MkbaTypeError):
        report.to_pdf(object(), path)
    with pytest.raises(SpecificationError, match="lang"):
        report.to_pdf(small_model(), path, lang="de")
    with pytest.raises(SpecificationError, match="does not exist"):
        report.to_pdf(small_model(), tmp_path / "nope" / "r.pdf")
    assert path.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]
