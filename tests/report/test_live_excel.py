"""The live Excel workbook recomputes the MKBA in a real spreadsheet engine.

LibreOffice (``soffice``, Debian's ``libreoffice-calc-nogui``) opens each workbook with a
private profile that recalculates every formula on load (by default it would keep the
values a writer stored, and openpyxl stores none), saves it, and the numbers it computed
are compared with mkba's: the saldo, costs and benefits, every line's present value,
every stakeholder's net, the payback year and the IRR. Workbooks are converted in
batches (one soffice start costs about a second). Skipped, with the reason, where
LibreOffice is not installed.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import mkba
from mkba import Cohort, Intervention, Model, Parameter, Stream, report
from mkba.cohort import COUNTINGS
from mkba.discounting import DiscountSchedule
from mkba.distributions import PERT, Dirichlet, Triangular
from mkba.errors import FormulaError, MkbaError
from mkba.formula import parse
from mkba.report._live.translate import number, translate
from tests.plotting.models import small_model
from tests.strategies import models as random_models

openpyxl = pytest.importorskip("openpyxl")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice not found (apt-get install libreoffice-calc-nogui): "
    "the workbooks cannot be recalculated")
RTOL = 1e-9
#: LibreOffice runs are slow: a failing batch is reported as drawn, not shrunk
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)
RECALC = ('<?xml version="1.0" encoding="UTF-8"?><oor:items '
          'xmlns:oor="http://openoffice.org/2001/registry" '
          'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
          '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
          '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
          "</oor:items>")


@pytest.fixture(scope="module")
def recalc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``recalc(paths)``: the workbooks as LibreOffice recalculated them (values only)."""
    base = tmp_path_factory.mktemp("lo")
    profile = base / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    calls = [0]

    def run(paths: list[Path]) -> list[Any]:
        assert SOFFICE is not None
        calls[0] += 1
        out = base / f"out{calls[0]}"
        out.mkdir()
        subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--calc", "--convert-to", "xlsx", "--outdir", str(out),
                        *map(str, paths)], check=True, capture_output=True, timeout=600)
        return [openpyxl.load_workbook(out / p.name, data_only=True) for p in paths]

    return run


def named(wb: Any, name: str) -> Any:
    dn = wb.defined_names.get(name)
    assert dn is not None, f"no defined name {name!r}"
    ((sheet, ref),) = list(dn.destinations)
    return wb[sheet][ref.replace("$", "")]


def close(got: Any, want: float, scale: float) -> None:
    assert isinstance(got, int | float), got
    assert abs(got - want) <= RTOL * max(1.0, scale), (got, want)


def quiet_evaluate(m: Model, values: dict[str, Any] | None = None) -> mkba.Result:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return m.evaluate(values)


def check_recomputed(wb: Any, r: mkba.Result, *, lang: str = "nl") -> None:
    """Everything the workbook computes equals what mkba computes."""
    scale = max(r.pv_costs, r.pv_benefits, 1.0)
    close(named(wb, "saldo").value, r.npv, scale)
    close(named(wb, "kosten").value, r.pv_costs, scale)
    close(named(wb, "baten").value, r.pv_benefits, scale)
    pv = wb["Contante waarden" if lang == "nl" else "Present values"]
    frame = r.to_frame()
    for i, (stream, want) in enumerate(zip(frame["stream"], frame["pv"], strict=True)):
        assert pv.cell(row=2 + i, column=1).value == stream
        close(pv.cell(row=2 + i, column=6).value, float(want), scale)
    actors = wb["Actoren" if lang == "nl" else "Stakeholders"]
    for i, (who, net) in enumerate(r.by_stakeholder()["net"].items()):
        assert actors.cell(row=2 + i, column=1).value == who
        close(actors.cell(row=2 + i, column=6).value, float(net), scale)
    overview = wb["Overzicht" if lang == "nl" else "Overview"]
    saldo_row = named(wb, "saldo").row
    payback = overview.cell(row=saldo_row + 4, column=2).value
    if r.payback is None:
        assert isinstance(payback, str)
    else:
        assert payback == r.payback
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        irr = r.irr
    got = overview.cell(row=saldo_row + 3, column=2).value
    if math.isfinite(irr) and isinstance(got, float):  # Excel's IRR may miss or add a root
        assert got == pytest.approx(irr, abs=1e-6), (got, irr, list(r.net_flows()))


# -- every built-in model, an English workbook, a result with overrides, edited cells --


@pytest.fixture(scope="module")
def built_in(recalc: Any, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Any, Any, str]]:
    """(recalculated workbook, expected result, language) of each built-in model, of each
    one with four uncertain parameters changed in the workbook, and of a few others."""
    folder = tmp_path_factory.mktemp("built_in")
    cases: list[tuple[Path, Any, str]] = []
    for name in mkba.interventions.names():
        m = mkba.interventions.load(name)
        path = report.to_excel(m, folder / f"{name}.xlsx", one_way=False)
        cases.append((path, quiet_evaluate(m), "nl"))
        # a reviewer changes four uncertain parameters (to their 80th percentile)
        wb = openpyxl.load_workbook(path)
        changed: dict[str, float] = {}
        for p in [q for q in m.parameters if q.dist is not None and not q.is_row][:4]:
            assert p.dist is not None and not isinstance(p.dist, Dirichlet)
            named(wb, f"p_{p.name}").value = changed[p.name] = float(p.dist.ppf(0.8))
        edited = folder / f"{name}_edited.xlsx"
        wb.save(edited)
        cases.append((edited, quiet_evaluate(m, changed), "nl"))
    hf = mkba.interventions.load("housing_first")
    cases.append((report.to_excel(hf, folder / "hf_en.xlsx", lang="en", one_way=False),
                  quiet_evaluate(hf), "en"))
    overridden = quiet_evaluate(hf, {"deelnemers": 80.0, "prijs_seh": 300.0})
    cases.append((report.to_excel(overridden, folder / "hf_result.xlsx", one_way=False),
                  overridden, "nl"))
    small = small_model()
    cases.append((report.to_excel(small, folder / "small.xlsx", one_way=False),
                  quiet_evaluate(small), "nl"))
    books = recalc([path for path, _, _ in cases])
    return [(wb, r, lang) for wb, (_, r, lang) in zip(books, cases, strict=True)]


@needs_soffice
def test_every_built_in_model_recomputes_in_libreoffice_as_mkba_computes(built_in):
    assert len(built_in) == 2 * len(mkba.interventions.names()) + 3
    for wb, r, lang in built_in:
        check_recomputed(wb, r, lang=lang)


@needs_soffice
def test_a_changed_parameter_cell_gives_the_saldo_of_evaluate(built_in):
    originals, edited = built_in[0:-3:2], built_in[1:-3:2]
    for (_, before, _), (wb, after, _) in zip(originals, edited, strict=True):
        assert after.npv != pytest.approx(before.npv, rel=1e-6), "the edit changed nothing"
        close(named(wb, "saldo").value, after.npv, max(after.pv_costs, after.pv_benefits))


# -- random models: the whole formula language, cohorts, corrections, discounting ----

STATES = ("opvang", "woning", "straat")
AMOUNTS = (
    "a * b * ramp(t, 2)", "a * ramp(t, c)", "(a + b) * once(t, 1)", "a * between(t, 1, 2)",
    "b * decay(t, 0.1) * growth(t, 0.03)", "max(a - t, 0, b / 10)", "min(a, b) * (t + 1) ** -0.5",
    "clip(a * t - b, -5, 20)", "abs(b - a * t) + sqrt(abs(a) + 1)", "exp(clip(a / 10, -3, 3))",
    "log(abs(b) + 1) * (year - 2024)", "-a ** 2 / 10 + 2 ** 3 ** 0.5", "a - (b - t) - -c",
    "where(1 <= t < 3, a, b)", "where(t >= 1 and not (a == b) or t != 2, a, 0)",
    "where(a > b, a, b) / (c + 1)", "opvang * a + woning * b", "entering(woning) * 100",
    "leaving(opvang) * b + share(uit, straat) * 50", "straat * 10 * ramp(t, 3)",
)


@st.composite
def rich_models(draw: Any) -> Model:
    """A model using every function of the language, people flows with a row of shares
    (share, entering, leaving, a drawn row), correction formulas that change over the
    years, stepped discount schedules, the three timings and residual values."""
    params = [
        Parameter(name=n, value=draw(st.floats(1.0, 9.0)), dist=PERT(0.5, 5, 10),
                  price_year=draw(st.sampled_from([None, 2020, 2023])), unit="EUR")
        for n in ("a", "b", "c")
    ]
    params.append(Parameter(name="uit", dist=Dirichlet({"opvang": 5, "woning": 3,
                                                         "straat": 2})))
    horizon = draw(st.integers(2, 7))
    schedule = draw(st.sampled_from([0.03, DiscountSchedule.stepped({1: 0.04, 3: 0.02})]))

    def cohort(p: str) -> Cohort:
        return Cohort(name="groep", states=STATES, start={"opvang": "10 + a", "straat": 3},
                      inflow={"straat": "2 * between(t, 1, 3)"},
                      transitions={("opvang", "*"): "uit", ("woning", "straat"): p,
                                   ("straat", "opvang"): "share(uit, woning) * 0.5"},
                      counting=draw(st.sampled_from(COUNTINGS)))

    def streams(prefix: str) -> list[Stream]:
        out = []
        for i in range(draw(st.integers(2, 4))):
            kind = draw(st.sampled_from(["cost", "benefit", "transfer"]))
            out.append(Stream(
                name=f"{prefix}{i}", kind=kind, stakeholder=draw(st.sampled_from("GRZ")),
                payer="P" if kind == "transfer" else None,
                amount=draw(st.sampled_from(AMOUNTS)),
                category=draw(st.sampled_from(["", "Zorg"])),
                start=draw(st.sampled_from([None, 2026])), end=draw(st.sampled_from([None, 2029])),
                deadweight=draw(st.sampled_from([0.0, "clip(a / 100, 0, 0.5)"])),
                attribution=draw(st.sampled_from([0.0, "0.1 * once(t, 1)"])),
                displacement=draw(st.sampled_from([0.0, 0.2])),
                drop_off=draw(st.sampled_from([0.0, "0.05 * between(t, 1, 9)"])),
                growth=draw(st.sampled_from([0.0, "b / 1000"])),
                discount=draw(st.sampled_from([None, 0.0, DiscountSchedule.stepped(
                    {1: 0.05, 2: 0.01})])),
                timing=draw(st.sampled_from([None, "start", "mid", "end"])),
                lifetime=draw(st.sampled_from([None, horizon + 1.5])) if kind == "cost" else None,
            ))
        return out

    project = streams("s")
    shared = [s for s in project if draw(st.booleans())]
    import dataclasses

    reference = [dataclasses.replace(s, amount=draw(st.sampled_from(AMOUNTS))) for s in shared]
    return Model(name="Rijk model", start_year=2025, horizon=horizon, price_year=2025,
                 discount=schedule, timing=draw(st.sampled_from(["start", "mid", "end"])),
                 parameters=params,
                 project=Intervention(name="P", streams=project, cohorts=[cohort("0.1")]),
                 reference=Intervention(name="N", streams=[*reference, *streams("r")],
                                        cohorts=[cohort("0.3 * ramp(t, 2)")]))


def _valid(m: Model) -> bool:
    try:
        quiet_evaluate(m)
    except MkbaError:
        return False
    return True


BATCH = settings(max_examples=2, deadline=None, phases=NO_SHRINK,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _recompute_batch(recalc: Any, folder: Path, batch: list[Model]) -> None:
    cases = []
    for k, m in enumerate(m for m in batch if _valid(m)):
        r = quiet_evaluate(m)
        path = report.to_excel(m, folder / f"m{k}.xlsx", one_way=False)
        cases.append((path, r))
        # and with every number parameter 10% higher, typed into the workbook
        wb = openpyxl.load_workbook(path)
        changed = {p.name: float(p.value) * 1.1 for p in m.parameters if not p.is_row}  # type: ignore[arg-type]
        for name, value in changed.items():
            named(wb, f"p_{name}").value = value
        try:
            after = quiet_evaluate(m, changed)
        except MkbaError:
            continue
        edited = folder / f"m{k}_edited.xlsx"
        wb.save(edited)
        cases.append((edited, after))
    if not cases:
        return
    for wb, (_, r) in zip(recalc([p for p, _ in cases]), cases, strict=True):
        check_recomputed(wb, r)


@needs_soffice
@BATCH
@given(batch=st.lists(random_models(), min_size=3, max_size=3))
def test_random_models_recompute_in_libreoffice(recalc, tmp_path_factory, batch):
    _recompute_batch(recalc, tmp_path_factory.mktemp("random"), batch)


@needs_soffice
@BATCH
@given(batch=st.lists(rich_models(), min_size=3, max_size=3))
def test_models_with_every_function_and_people_flows_recompute(recalc, tmp_path_factory,
                                                               batch):
    _recompute_batch(recalc, tmp_path_factory.mktemp("rich"), batch)


@needs_soffice
def test_cohort_counts_and_price_conversion_are_formulas_that_follow_edits(recalc, tmp_path):
    # the acceptance check's cohort model: a price-year parameter and a probability
    def alt(name: str, p: str) -> Intervention:
        return Intervention(name=name, cohorts=[Cohort(
            name="groep", states=("opvang", "woning"), start={"opvang": "deelnemers"},
            transitions={("opvang", "woning"): p, ("woning", "opvang"): "0.1"})], streams=[
            Stream(name="Opvang", kind="cost", stakeholder="Gemeente",
                   amount="opvang * 365 * prijs_nacht"),
            Stream(name="Begeleiding", kind="cost", stakeholder="Gemeente",
                   amount="woning * 4000 * ramp(t, 2)")])

    m = Model(name="Cohort", start_year=2025, horizon=8, price_year=2025,
              parameters=[Parameter(name="deelnemers", value=40.0),
                          Parameter(name="prijs_nacht", value=80.0, price_year=2023),
                          Parameter(name="p_uit", value=0.4, dist=Triangular(0.2, 0.4, 0.6))],
              project=alt("Project", "p_uit"), reference=alt("Nulalternatief", "0.1"))
    path = report.to_excel(m, tmp_path / "c.xlsx", one_way=False)
    wb = openpyxl.load_workbook(path)
    named(wb, "p_prijs_nacht").value = 100.0
    named(wb, "p_p_uit").value = 0.55
    wb["Prijsindex"]["B25"].value = 130.0  # the 2023 level, by a reviewer
    edited = tmp_path / "c_edited.xlsx"
    wb.save(edited)
    before, after = recalc([path, edited])
    check_recomputed(before, quiet_evaluate(m))
    from mkba.prices import PriceIndex, default_index

    levels = dict(default_index().levels)
    assert 2023 in levels
    levels[2023] = 130.0
    if wb["Prijsindex"]["A25"].value == 2023:
        m2 = m.replace(price_index=PriceIndex(levels))
        check_recomputed(after, quiet_evaluate(m2, {"prijs_nacht": 100.0, "p_uit": 0.55}))
    # the person-years of the overview come from the cohort rows
    r = quiet_evaluate(m)
    effects = r.effects().set_index("state")
    overview = before["Overzicht"]
    rows = {overview.cell(row=k, column=1).value: k for k in range(1, overview.max_row + 1)}
    k = rows["woning (groep)"]
    assert overview.cell(row=k, column=2).value == pytest.approx(
        effects.loc["woning", "project"], rel=RTOL)
    assert overview.cell(row=k, column=4).value == pytest.approx(
        effects.loc["woning", "difference"], rel=RTOL)


# -- the workbook without a spreadsheet engine: layout, names, safety ------------------


def test_the_workbook_holds_formulas_names_and_sheets_in_reading_order(tmp_path):
    m = mkba.interventions.load("housing_first")
    path = report.to_excel(m, tmp_path / "hf.xlsx", one_way=False)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Overzicht", "Actoren", "Per jaar", "Contante waarden",
                             "Stromen per jaar", "Project", "Nulalternatief", "Disconteren",
                             "Parameters", "Prijsindex", "Over dit model"]
    formulas = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert len(formulas) > 1000
    assert named(wb, "saldo").value == "=baten-kosten"
    assert named(wb, "kosten").value.startswith("=SUM('Contante waarden'!G")
    for p in m.parameters:
        assert named(wb, f"p_{p.name}").value == p.value  # the input: a number
        assert named(wb, f"v_{p.name}").value.startswith("=")  # converted: a formula
    # the stream formula reads as the model wrote it, with parameter names
    project = wb["Project"]
    row = next(r for r in project.iter_rows() if r[0].value == "Inrichting eerste woningen")
    assert row[2].value == "deelnemers * inrichting_per_woning * once(t, 0)"
    assert row[7].value == "=v_deelnemers*v_inrichting_per_woning*IF(H$2=0,1,0)"
    assert "€" in row[7].number_format
    # a price-year parameter is converted with the price index
    params = wb["Parameters"]
    k = named(wb, "p_prijs_detentiedag").row
    assert params.cell(row=k, column=5).value == 2013
    assert "VLOOKUP(prijspeil,prijsindex" in params.cell(row=k, column=10).value
    assert len(wb["Per jaar"]._charts) == 2


def test_text_that_looks_like_a_formula_stays_text_and_never_enters_a_formula(tmp_path):
    hostile = ('=CONCAT("mk","ba")', '=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)")
    m = Model(
        name=hostile[0], start_year=2025, horizon=3, discount=0.03, description=hostile[1],
        parameters=[Parameter(name="n", value=2.0, dist=PERT(1, 2, 3), label=hostile[2],
                              unit=hostile[3], source=hostile[4], description=hostile[0])],
        project=Intervention(name=hostile[1], streams=[
            Stream(name=text, kind="benefit", stakeholder=text + " actor", category=text,
                   amount="n * 10", description=text) for text in hostile] + [
            Stream(name="k", kind="transfer", stakeholder=hostile[4], payer=hostile[3],
                   amount="n")],
            cohorts=[Cohort(name=hostile[0], states=("a",), start={"a": 1})]),
    )
    path = report.to_excel(m, tmp_path / "inj.xlsx", scenarios={hostile[0]: {"n": 2.5}})
    wb = openpyxl.load_workbook(path)
    marked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert '"' not in c.value.replace('""', "").replace(
                        '"niet binnen de zichtperiode"', "").replace('"n.v.t."', "").replace(
                        '"∞"', ""), f"{ws.title}!{c.coordinate}: {c.value}"
                    assert not any(k in c.value for k in ("CONCAT", "HYPERLINK", "SUM(A1)"))
                elif isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")):
                    assert c.data_type == "s" and c.quotePrefix, f"{ws.title}!{c.coordinate}"
                    marked += 1
    assert marked >= 20


def test_a_formula_made_of_anything_but_references_is_refused():
    from mkba.report._live.book import Book

    book = Book({"a": "Per jaar"}, {"n.v.t."})
    book.check("='Per jaar'!H5*v_a+IF(x>0,\"n.v.t.\",1)")
    for bad in ('="x"&A1', "=HYPERLINK(A1)&'Other sheet'!A1", '=A1&"=CONCAT()"'):
        with pytest.raises(MkbaError, match="internal error"):
            book.check(bad)


def test_a_stream_the_spreadsheet_cannot_compute_is_an_error_naming_it(tmp_path):
    m = Model(name="m", start_year=2025, horizon=2, parameters=[Parameter(name="n", value=2)],
              project=Intervention(name="P", streams=[
                  Stream(name="Formule", kind="benefit", stakeholder="G", amount="n"),
                  Stream(name="Python", kind="cost", stakeholder="G",
                         amount=lambda v, t: v["n"] * t)]))
    path = tmp_path / "m.xlsx"
    path.write_text("previous")
    with pytest.raises(FormulaError, match=r"stream 'Python'.*formulas=False"):
        report.to_excel(m, path, one_way=False)
    assert path.read_text() == "previous"
    report.to_excel(m, path, one_way=False, formulas=False)  # the values-only export
    wb = openpyxl.load_workbook(path)
    assert not any(c.data_type == "f" for ws in wb for row in ws.iter_rows() for c in row)
    assert "Stromen per jaar" in wb.sheetnames and "Project" not in wb.sheetnames
    # a formula deeper than Excel nests
    deep = "clip(" * 40 + "n" + ", 0, 1)" * 40
    m = m.replace(project=Intervention(name="P", streams=[
        Stream(name="Diep", kind="benefit", stakeholder="G", amount=deep)]))
    with pytest.raises(FormulaError, match=r"stream 'Diep'.*64 levels"):
        report.to_excel(m, path, one_way=False)
    with pytest.raises(MkbaError, match="formulas"):
        report.to_excel(m, path, formulas="yes")  # type: ignore[arg-type]


class _Cells:
    def t(self) -> str:
        return "H$2"

    def year(self) -> str:
        return "H$1"

    def name(self, n: str) -> str:
        return "v_" + n

    def share(self, r: str, s: str) -> str:
        return f"v_{r}.{s}"

    def move(self, f: str, s: str) -> str:
        return f"{f[0]}_{s}"


@pytest.mark.parametrize(("text", "excel"), [
    # Excel's unary minus binds tighter than ^, and ^ is left-associative
    ("-a ** 2", "-(v_a^2)"),
    ("(-a) ** 2", "(-v_a)^2"),
    ("2 ** 3 ** 2", "2^(3^2)"),
    ("a - (b - c) - -d", "v_a-(v_b-v_c)--v_d"),
    ("a / (b * c) * d", "v_a/(v_b*v_c)*v_d"),
    ("ramp(t, 2)", "MIN((H$2+1)/2,1)"),
    ("ramp(t, a)", "IF(v_a>0,MIN((H$2+1)/v_a,1),NA())"),  # NaN in mkba for n <= 0
    ("once(t, 1) + between(t, 1, 3)", "IF(H$2=1,1,0)+IF(AND(1<=H$2,H$2<=3),1,0)"),
    ("decay(t, 0.1) * growth(t, a)", "(1-0.1)^H$2*(1+v_a)^H$2"),
    ("clip(a, 0, 1) + min(a, b, 3) + max(a, b)", "MIN(MAX(v_a,0),1)+MIN(v_a,v_b,3)+MAX(v_a,v_b)"),
    ("exp(a) + log(b) + sqrt(c) + abs(d)", "EXP(v_a)+LN(v_b)+SQRT(v_c)+ABS(v_d)"),
    ("where(1 <= t < 3 and not a == b or year != 2030, a, 0)",
     "IF(OR(AND(AND(1<=H$2,H$2<3),NOT(v_a=v_b)),H$1<>2030),v_a,0)"),
    ("where(a, 1, 0)", "IF(v_a,1,0)"),
    ("share(uit, woning) * entering(woning) - leaving(opvang)", "v_uit.woning*e_woning-l_opvang"),
    ("1e-05 * 2.5e20 + 0.1", "1E-05*2.5E+20+0.1"),
])
def test_every_construct_of_the_language_has_its_excel_translation(text, excel):
    assert translate(parse(text), _Cells()) == excel


def test_numbers_are_written_with_every_digit_they_need():
    for x in (0.1, 1 / 3, 2.5e-300, 123456789.123456789, 2**60):
        assert float(number(x)) == float(x)
    with pytest.raises(FormulaError):
        number(math.inf)


def test_the_english_workbook_has_english_sheets_and_the_same_names(tmp_path):
    path = report.to_excel(small_model(), tmp_path / "en.xlsx", lang="en", one_way=False)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Overview", "Stakeholders", "Per year"]
    assert {"saldo", "kosten", "baten", "p_prijs_nacht", "v_prijs_nacht"} <= set(
        wb.defined_names)
    assert wb["Overview"]["A5"].value == "Present value of costs"


def test_parameters_whose_names_differ_only_in_case_get_cell_references(tmp_path):
    m = Model(name="m", start_year=2025, horizon=2, discount=0.0,
              parameters=[Parameter(name="n", value=2.0), Parameter(name="N", value=3.0)],
              project=Intervention(name="P", streams=[
                  Stream(name="B", kind="benefit", stakeholder="G", amount="n * 10 + N")]))
    wb = openpyxl.load_workbook(report.to_excel(m, tmp_path / "c.xlsx", one_way=False))
    assert "v_n" in wb.defined_names and "v_N" not in wb.defined_names
    row = next(r for r in wb["Project"].iter_rows() if r[0].value == "B")
    assert row[7].value == "=v_n*10+Parameters!$K$3"
    assert np.isclose(quiet_evaluate(m).npv, 2 * (2 * 10 + 3))
