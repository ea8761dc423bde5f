"""Hostile text in a model reaches the reports as text: never a formula in a workbook,
never markup in HTML, never an exception other than MkbaError (issue 14, classes 1-4)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mkba import PM, Intervention, Model, Parameter, Stream, report
from mkba.distributions import PERT
from mkba.errors import MkbaError
from mkba.formatting import FORMULA_STARTS
from mkba.report import tables as T
from mkba.report.excel import MAX_CELL_TEXT, _write_sheet

FORMULAS = ('=CONCAT("mk","ba")', '=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)",
            "\t=1", "\r=1")


def hostile_model(text: str = "=1+1", *, name: str = "m", scenario_free: bool = True) -> Model:
    """A model whose every piece of free text is ``text`` (a variant of it)."""
    return Model(
        name=name,
        start_year=2025,
        horizon=3,
        discount=0.03,
        description=text,
        parameters=[
            Parameter(name="n", value=2.0, dist=PERT(1, 2, 3), label=text + " label",
                      unit=text + " unit", source=text + " source",
                      description=text + " description"),
        ],
        project=Intervention(
            name="P",
            description=text,
            streams=[
                Stream(name=text, kind="benefit", stakeholder=text + " actor",
                       category=text + " cat", amount="n * 10", description=text),
                Stream(name=text + " cost", kind="cost", stakeholder="Gemeente",
                       category=text + " cost cat", amount="n * 3"),
                Stream(name=text + " transfer", kind="transfer", stakeholder=text + " to",
                       payer=text + " from", amount="n"),
            ],
            pm=[PM(name=text + " pm", sign="+", description=text + " pm description")],
        ),
    )


def every_cell(path: Path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


def assert_no_formula(path: Path) -> None:
    for cell in every_cell(path):
        assert cell.data_type != "f", f"{cell.parent.title}!{cell.coordinate}: {cell.value!r}"


def _mkba_words() -> set[str]:
    from mkba.words import LANGS, words

    return {str(text) for lang in LANGS for text in words(lang).values()}


#: the only text literals a live workbook's formulas may hold (mkba's own, not a model's)
LITERALS = {"", "n.v.t.", "n/a", "PM", "∞"} | _mkba_words()


def assert_formulas_hold_no_model_text(path: Path, *texts: str) -> None:
    """Every formula of a live workbook is mkba's: numbers, references, functions and a
    few fixed words; no text of the model, however it looks."""
    formulas = 0
    for cell in every_cell(path):
        if cell.data_type != "f":
            continue
        formulas += 1
        where = f"{cell.parent.title}!{cell.coordinate}: {cell.value!r}"
        for literal in re.findall(r'"((?:[^"]|"")*)"', str(cell.value)):
            assert literal in LITERALS, where
        for text in texts:
            core = text.strip().lstrip("=+-@").strip()
            if len(core) >= 4:
                assert core not in str(cell.value), where
    assert formulas > 0, "a live workbook without formulas"


# -- 1. formula injection ---------------------------------------------------------------


@pytest.mark.parametrize("formulas", [True, False], ids=["live", "values"])
@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_looks_like_a_formula_stays_text_in_every_sheet(text, formulas, tmp_path):
    m = hostile_model(text, name=text)
    path = report.to_excel(m, tmp_path / "inj.xlsx", scenarios={text: {"n": 2.5}}, draws=50,
                           rng=1, formulas=formulas)
    if formulas:
        assert_formulas_hold_no_model_text(path, text)
    else:
        assert_no_formula(path)
    # the live workbook's own formulas aside (checked above), every text cell
    texts = [c for c in every_cell(path) if isinstance(c.value, str) and c.data_type != "f"]
    # a carriage return is kept (escaped as _x000D_) or, by older writers, read back as a
    # newline
    starting = [c for c in texts if c.value.startswith((*FORMULA_STARTS, "\n"))]
    # every sheet with model text has some; each shows exactly as written, marked as text
    sheets = {c.parent.title for c in starting}
    assert {"Overzicht", "Actoren", "Stromen per jaar", "Parameters", "Over dit model",
            "Scenario's"} <= sheets
    for c in starting:
        assert c.data_type == "s" and c.quotePrefix, f"{c.parent.title}!{c.coordinate}"
    # no apostrophe added to the value
    assert any(c.value in (text, text.replace("\r", "\n")) for c in starting)


def test_numbers_stay_numbers_and_plain_text_gets_no_mark(tmp_path):
    path = report.to_excel(hostile_model("=1+1"), tmp_path / "m.xlsx", formulas=False)
    ws = openpyxl.load_workbook(path)["Overzicht"]
    total = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "Totaal kosten")
    assert total[2].data_type == "n" and isinstance(total[2].value, float | int)
    assert total[2].value < 0 or total[2].value > 0
    assert not ws["A1"].quotePrefix and not total[2].quotePrefix


def test_headers_and_notes_go_through_the_same_writer():
    wb = openpyxl.Workbook()
    frame = pd.DataFrame({"=kop": ["=a", "plain"], "getal": [1.5, -2.0]})
    table = T.Table.by_column(frame, {"getal": "amount"}, "t", "nl", note="-note")
    _write_sheet(wb, "s", table)
    ws = wb["s"]
    assert ws["A1"].value == "=kop" and ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    assert ws["A2"].data_type == "s" and ws["A2"].quotePrefix
    assert ws["A3"].value == "plain" and not ws["A3"].quotePrefix
    assert ws["B3"].value == -2.0 and ws["B3"].data_type == "n"
    assert ws["A5"].value == "-note" and ws["A5"].data_type == "s" and ws["A5"].quotePrefix


# -- 4. control characters and very long text -------------------------------------------


def test_control_characters_are_written_visibly(tmp_path):
    wb = openpyxl.Workbook()
    frame = pd.DataFrame({"naam": ["Te\x07st", "a\x00b\x1fc", "tab\tnewline\n"]})
    _write_sheet(wb, "s", T.Table.by_column(frame, {}, "t", "nl"))
    ws = wb["s"]
    assert [ws["A2"].value, ws["A3"].value, ws["A4"].value] == [
        "Te\u2407st", "a\u2400b\u241fc", "tab\tnewline\n"]
    wb.save(tmp_path / "ctrl.xlsx")  # openpyxl refuses to hold a raw control character


def test_a_model_with_a_control_character_gives_a_workbook_or_a_mkba_error(tmp_path):
    try:
        m = hostile_model("Te\x07st", name="Te\x07st")
    except MkbaError:  # refused when built: fine
        return
    path = report.to_excel(m, tmp_path / "ctrl.xlsx")
    assert any(c.value == "Te\u2407st" for c in every_cell(path))


def test_text_longer_than_a_cell_is_cut_visibly(tmp_path):
    wb = openpyxl.Workbook()
    frame = pd.DataFrame({"bron": ["x" * (MAX_CELL_TEXT + 10), "=" + "y" * MAX_CELL_TEXT]})
    _write_sheet(wb, "s", T.Table.by_column(frame, {}, "t", "nl"))
    ws = wb["s"]
    for ref in ("A2", "A3"):
        assert len(ws[ref].value) == MAX_CELL_TEXT and ws[ref].value.endswith("…")
    assert ws["A3"].quotePrefix


def test_a_model_without_streams_reports(tmp_path):
    m = Model(name="leeg", start_year=2025, horizon=3, project=Intervention(name="P", streams=[]))
    r = m.evaluate()
    for lang in ("nl", "en"):
        html = report.to_html(r, tmp_path / f"leeg-{lang}.html", lang=lang).read_text("utf-8")
        assert "<svg" in html
        path = report.to_excel(m, tmp_path / f"leeg-{lang}.xlsx", lang=lang)
        assert len(openpyxl.load_workbook(path).sheetnames) >= 5
    table = report.stakeholder_table(r, "nl")
    assert list(table["Actor"]) == ["Totaal"] and table["Saldo"].item() == "€ 0"


# -- 2. HTML injection --------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


def test_styler_escapes_names_sources_and_headers():
    m = hostile_model(SCRIPT)
    r = m.evaluate()
    frames = [report.overview_table(r), report.stakeholder_table(r), report.parameter_table(m)]
    for frame in frames:
        html = report.to_styler(frame).to_html()
        assert "<script" not in html.lower(), frame.attrs["title"]
        assert "&lt;script&gt;" in html
    odd = pd.DataFrame({SCRIPT: ["a & b"]})
    odd.attrs["title"] = SCRIPT
    html = report.to_styler(odd).to_html()
    assert "<script" not in html and "a &amp; b" in html


def test_every_html_view_escapes_names(tmp_path):
    m = hostile_model(SCRIPT, name=SCRIPT)
    r = m.evaluate()
    views = {
        "to_html_table": report.to_html_table(report.parameter_table(m)),
        "_repr_html_": r._repr_html_(),
        "to_html": report.to_html(m, tmp_path / "r.html").read_text("utf-8"),
    }
    for what, html in views.items():
        assert "<script" not in html.lower(), what


def test_dollar_signs_do_not_break_the_html_report(tmp_path):
    m = hostile_model("A $_{$ B", name="Prijs $5 - $10")
    html = report.to_html(m, tmp_path / "d.html").read_text("utf-8")
    assert "Prijs $5 - $10" in html


# -- the fuzzer -----------------------------------------------------------------------------

SEEDS = [*FORMULAS, "=", "-", "+", "@", "\t", "\r", "$", "$$", "A $_{$ B", "Prijs $5 - $10",
         "\\$", "$\\frac{1}{0}$", SCRIPT, "</td><script>x</script>", "--><script>x</script>",
         "&amp;", "Te\x07st", "\x00", "\x1b[31m", "\ufffe", "x" * 5000, "é€🙂", " "]
PREFIXES = st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "$", "<script>", "\x07"])
ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"])
HOSTILE = st.one_of(
    st.sampled_from(SEEDS),
    st.builds(lambda p, body, q: p + body + q, PREFIXES, st.text(ALPHABET, max_size=40),
              st.sampled_from(["", "$", "</script>", "\x00", "=1+1"])),
)


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(model_name=HOSTILE, name=HOSTILE, stakeholder=HOSTILE, category=HOSTILE,
       description=HOSTILE, pm=HOSTILE, source=HOSTILE)
def test_fuzz_hostile_text_through_the_reports(model_name, name, stakeholder, category,
                                               description, pm, source):
    try:
        m = Model(
            name=model_name, start_year=2025, horizon=3, discount=0.03, description=description,
            parameters=[Parameter(name="n", value=2.0, dist=PERT(1, 2, 3), label=name,
                                  unit=category, source=source, description=description)],
            project=Intervention(name="P", streams=[
                Stream(name=name, kind="benefit", stakeholder=stakeholder, category=category,
                       amount="n * 10", description=description),
                Stream(name=name + " k", kind="cost", stakeholder=stakeholder + " k",
                       category=category + " k", amount="n"),
            ], pm=[PM(name=pm, sign="+", description=description)]),
        )
    except MkbaError:
        event("refused when built")
        return
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = report.to_excel(m, Path(tmp) / "f.xlsx", formulas=False)
            for cell in every_cell(path):
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.quotePrefix, (cell.coordinate, cell.value)
            live = report.to_excel(m, Path(tmp) / "l.xlsx")
            assert_formulas_hold_no_model_text(live, model_name, name, stakeholder, category,
                                               description, pm, source)
            for cell in every_cell(live):
                if (cell.data_type != "f" and isinstance(cell.value, str)
                        and cell.value.startswith(FORMULA_STARTS)):
                    assert cell.quotePrefix, (cell.coordinate, cell.value)
        r = m.evaluate()
        for frame in (report.overview_table(r), report.stakeholder_table(r),
                      report.parameter_table(m)):
            for html in (report.to_styler(frame).to_html(), report.to_html_table(frame)):
                assert not re.search("<script", html, flags=re.I)
    except MkbaError:
        event("MkbaError")
        return
    event("written")


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # control characters
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(model_name=HOSTILE, name=HOSTILE, stakeholder=HOSTILE, source=HOSTILE)
def test_fuzz_hostile_text_through_the_html_report(model_name, name, stakeholder, source):
    try:
        m = Model(
            name=model_name, start_year=2025, horizon=3, discount=0.03,
            parameters=[Parameter(name="n", value=2.0, dist=PERT(1, 2, 3), label=name,
                                  source=source)],
            project=Intervention(name="P", streams=[
                Stream(name=name, kind="benefit", stakeholder=stakeholder, amount="n * 10"),
            ]),
        )
    except MkbaError:
        event("refused when built")
        return
    try:
        with tempfile.TemporaryDirectory() as tmp:
            html = report.to_html(m, Path(tmp) / "f.html").read_text("utf-8")
    except MkbaError:
        event("MkbaError")
        return
    assert not re.search("<script", html, flags=re.I)
    event("written")
