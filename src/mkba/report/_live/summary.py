"""The result sheets of the live workbook: every line per year (project − nulalternatief)
and its present value, costs and benefits per line, the yearly totals with the payback
year and charts, the overview (named ``saldo``, ``kosten``, ``baten``) and the
distribution over stakeholders. All formulas refer to cells, never to model text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mkba.discounting import DiscountSchedule
from mkba.report._live.book import FIRST, Book, column
from mkba.report._live.flows import Alternative
from mkba.report._live.inputs import Discounting, year_header
from mkba.report._live.translate import number

if TYPE_CHECKING:
    from mkba.engine import CompiledModel

__all__ = ["Lines", "write_flows", "write_overview", "write_per_year",
           "write_present_values", "write_stakeholders"]

_SIGN = {"cost": -1, "benefit": 1, "transfer": 0}


@dataclass
class Lines:
    """Where the lines are: rows of the amounts and of the present values per year on
    the flows sheet, and the row of each line on the present-values sheet."""

    amounts: list[int]
    discounted: list[int]
    present: list[int]
    signs: str = ""  # the sign column of the flows sheet, e.g. $F$4:$F$9
    flows_first: int = 0
    flows_last: int = 0
    pv_first: int = 0
    pv_last: int = 0


def _sum(terms: list[str]) -> str:
    return "=" + ("+".join(terms) if terms else "0")


def write_flows(book: Book, cm: CompiledModel, alternatives: dict[str, Alternative],
                disc: Discounting, w: dict[str, str]) -> Lines:
    """Every line per year: project minus nulalternatief, and × the discount factor."""
    ws = book.sheets["flows"]
    m = cm.model
    n = m.horizon
    year_header(book, ws, m, w, (w["item"], w["kind"], w["stakeholder"], w["payer"],
                                 w["category"], w["sign"], w["total"]))
    book.text(ws, 3, 1, w["flows_block"].format(year=m.price_year), bold=True)
    count = len(cm.lines)
    amounts = [4 + i for i in range(count)]
    top = 4 + count + 1
    book.text(ws, top, 1, w["pv_block"].format(sheet=book.titles["discounting"]), bold=True)
    discounted = [top + 1 + i for i in range(count)]
    df_rows: dict[int, int] = {}
    for term in cm.terms:
        s = term.stream
        schedule = s.discount if isinstance(s.discount, DiscountSchedule) else m.discount
        assert isinstance(schedule, DiscountSchedule)
        df_rows.setdefault(term.line, disc.row(schedule, s.timing or m.timing))
    for i, line in enumerate(cm.lines):
        for row in (amounts[i], discounted[i]):
            texts = (line.name, w[line.kind], line.stakeholder, line.payer or "", line.category)
            for j, text in enumerate(texts):
                book.text(ws, row, j + 1, text)
            book.number(ws, row, 6, _SIGN[line.kind], "number")
        project = alternatives["project"].final.get(i)
        reference = alternatives["reference"].final.get(i) if "reference" in alternatives \
            else None
        for k in range(n):
            c = FIRST + k
            parts = []
            if project is not None:
                parts.append(book.ref(alternatives["project"].sheet, project, c, at=ws,
                                      fixed_row=False, fixed_col=False))
            if reference is not None:
                parts.append("-" + book.ref(alternatives["reference"].sheet, reference, c,
                                            at=ws, fixed_row=False, fixed_col=False))
            book.formula(ws, amounts[i], c, "=" + ("".join(parts) or "0"), "amount")
            df = book.ref(disc.sheet, df_rows[i], c, at=ws, fixed_col=False)
            amount = book.ref(ws, amounts[i], c, at=ws, fixed_row=False, fixed_col=False)
            book.formula(ws, discounted[i], c, f"={amount}*{df}", "amount")
        for row in (amounts[i], discounted[i]):
            span = book.span(ws, row, FIRST, FIRST + n - 1, at=ws)
            book.formula(ws, row, FIRST - 1, f"=SUM({span})", "amount")
    book.text(ws, top + count + 2, 1, w["sign_note"], italic=True)
    for letter, width in {"A": 34, "B": 12, "C": 18, "D": 14, "E": 20, "F": 7, "G": 15}.items():
        ws.column_dimensions[letter].width = width
    first, last = (amounts[0], amounts[-1]) if count else (4, 4)
    return Lines(amounts, discounted, [], signs=f"$F${first}:$F${last}",
                 flows_first=first, flows_last=last)


def write_present_values(book: Book, cm: CompiledModel, lines: Lines, w: dict[str, str]
                         ) -> None:
    """Per line: its present value, and how it counts — as costs or benefits (a negative
    cost is an avoided cost, a benefit), or as a transfer to the stakeholder or back."""
    ws = book.sheets["present_values"]
    flows = book.sheets["flows"]
    headers = (w["item"], w["kind"], w["stakeholder"], w["payer"], w["category"], w["pv"],
               w["costs"], w["benefits"], w["to_stakeholder"], w["to_payer"])
    for j, text in enumerate(headers):
        book.text(ws, 1, j + 1, text, bold=True, wrap=True)
    for i, line in enumerate(cm.lines):
        r = 2 + i
        lines.present.append(r)
        texts = (line.name, w[line.kind], line.stakeholder, line.payer or "", line.category)
        for j, text in enumerate(texts):
            book.text(ws, r, j + 1, text)
        book.formula(ws, r, 6, "=" + book.ref(flows, lines.discounted[i], FIRST - 1, at=ws))
        pv = book.ref(ws, r, 6, at=ws, fixed_row=False, fixed_col=False)
        gain, loss = f"=MAX({pv},0)", f"=MAX(-{pv},0)"
        if line.kind == "transfer":
            book.formula(ws, r, 9, gain)
            book.formula(ws, r, 10, loss)
        else:
            book.formula(ws, r, 7, gain if line.kind == "cost" else loss)
            book.formula(ws, r, 8, loss if line.kind == "cost" else gain)
    lines.pv_first, lines.pv_last = 2, 1 + len(cm.lines)
    total = lines.pv_last + 1
    book.text(ws, total, 1, w["total"], bold=True)
    for col in (7, 8):
        if cm.lines:
            span = f"{column(col)}{lines.pv_first}:{column(col)}{lines.pv_last}"
            book.formula(ws, total, col, f"=SUM({span})").font = _bold()
        else:
            book.formula(ws, total, col, "=0")
    book.text(ws, total + 2, 1, w["pv_note"], italic=True)
    for letter, width in {"A": 34, "B": 12, "C": 18, "D": 14, "E": 20}.items():
        ws.column_dimensions[letter].width = width
    for letter in "FGHIJ":
        ws.column_dimensions[letter].width = 16
    ws.freeze_panes = "B2"


@dataclass
class PerYear:
    """Rows of the per-year sheet: net flows, and the cell of the payback year."""

    net: int
    payback: str


def write_per_year(book: Book, cm: CompiledModel, lines: Lines, w: dict[str, str]) -> PerYear:
    """Costs, benefits and net per year, discounted and cumulative; the payback year
    (as :func:`mkba.metrics.payback`) from helper rows; two charts."""
    ws = book.sheets["per_year"]
    flows = book.sheets["flows"]
    m = cm.model
    n = m.horizon
    year_header(book, ws, m, w, (w["item"], "", "", "", "", "", w["total"]))
    sign = f"{book.quoted(flows)}!{lines.signs}"
    rows = {"costs": 4, "benefits": 5, "net": 6, "discounted": 7, "cumulative": 8,
            "moved": 11, "stays": 12, "paid_back": 13}
    tol_row = 10
    tol = f"$G${tol_row}"
    labels = {"costs": "per_year_costs", "benefits": "per_year_benefits",
              "net": "per_year_net", "discounted": "per_year_discounted",
              "cumulative": "per_year_cumulative", "moved": "moved", "stays": "stays",
              "paid_back": "paid_back"}
    for key, row in rows.items():
        book.text(ws, row, 1, w[labels[key]], bold=key in ("net", "cumulative"))
    book.text(ws, tol_row, 1, w["tolerance"])

    def here(key: str, k: int, shift: int = 0) -> str:
        return book.ref(ws, rows[key], FIRST + k + shift, at=ws, fixed_row=False,
                        fixed_col=False)

    last = FIRST + n - 1
    for k in range(n):
        c = FIRST + k
        if cm.lines:
            col = column(c)
            amounts = f"{book.quoted(flows)}!{col}{lines.amounts[0]}:{col}{lines.amounts[-1]}"
            pv = f"{book.quoted(flows)}!{col}{lines.discounted[0]}:{col}{lines.discounted[-1]}"
            book.formula(ws, rows["costs"], c, f"=SUMIF({sign},-1,{amounts})")
            book.formula(ws, rows["benefits"], c, f"=SUMIF({sign},1,{amounts})")
            book.formula(ws, rows["discounted"], c,
                         f"=SUMIF({sign},1,{pv})-SUMIF({sign},-1,{pv})")
        else:
            for key in ("costs", "benefits", "discounted"):
                book.formula(ws, rows[key], c, "=0")
        book.formula(ws, rows["net"], c, f"={here('benefits', k)}-{here('costs', k)}")
        book.formula(ws, rows["cumulative"], c, f"={here('discounted', k)}" if k == 0 else
                     f"={here('cumulative', k, -1)}+{here('discounted', k)}")
        big = f"ABS({here('discounted', k)})>{tol}"
        book.formula(ws, rows["moved"], c, f"=IF({big},1,0)" if k == 0 else
                     f"=IF(OR({here('moved', k, -1)}=1,{big}),1,0)", "number")
        above = f"{here('cumulative', k)}>=-{tol}"
        book.formula(ws, rows["stays"], c, f"=IF({above},1,0)" if c == last else
                     f"=IF(AND({above},{here('stays', k, 1)}=1),1,0)", "number")
        book.formula(ws, rows["paid_back"], c,
                     f"={here('moved', k)}*{here('stays', k)}", "number")
    for key in ("costs", "benefits", "net", "discounted"):
        book.formula(ws, rows[key], FIRST - 1,
                     f"=SUM({book.span(ws, rows[key], FIRST, last, at=ws)})")
    discounted = book.span(ws, rows["discounted"], FIRST, last, at=ws)
    book.formula(ws, tol_row, FIRST - 1, f"=1E-9*MAX(1,SUMPRODUCT(ABS({discounted})))",
                 "tiny")
    paid = book.span(ws, rows["paid_back"], FIRST, last, at=ws, fixed=True)
    years = book.span(ws, 1, FIRST, last, at=ws, fixed=True)
    book.formula(ws, rows["paid_back"], FIRST - 1,
                 f'=IF(SUM({paid})=0,"{w["none"]}",INDEX({years},MATCH(1,{paid},0)))', "year")
    ws.column_dimensions["A"].width = 44
    for letter in "BCDEF":
        ws.column_dimensions[letter].width = 2
    ws.column_dimensions["G"].width = 16
    _charts(book, ws, m, rows, w)
    return PerYear(rows["net"], book.ref(ws, rows["paid_back"], FIRST - 1))


def _charts(book: Book, ws: Any, m: Any, rows: dict[str, int], w: dict[str, str]) -> None:
    """Native charts: costs and benefits per year (bars), cumulative net (a line)."""
    from openpyxl.chart import BarChart, LineChart, Reference, Series

    n = m.horizon
    years = Reference(ws, min_col=FIRST, max_col=FIRST + n - 1, min_row=1, max_row=1)
    bars = BarChart()
    bars.type = "col"
    bars.grouping = "clustered"
    bars.title = w["chart_flows"].format(year=m.price_year)
    for key, colour in (("costs", "C0504D"), ("benefits", "4F81BD")):
        values = Reference(ws, min_col=FIRST, max_col=FIRST + n - 1, min_row=rows[key],
                           max_row=rows[key])
        series = Series(values, title=w[key])
        series.graphicalProperties.solidFill = colour
        bars.series.append(series)
    bars.set_categories(years)
    line = LineChart()
    line.title = w["chart_cumulative"].format(year=m.price_year)
    values = Reference(ws, min_col=FIRST, max_col=FIRST + n - 1, min_row=rows["cumulative"],
                       max_row=rows["cumulative"])
    line.series.append(Series(values, title=w["per_year_cumulative"]))
    line.set_categories(years)
    for chart in (bars, line):
        chart.y_axis.numFmt = '"€" #,##0'
        chart.y_axis.majorGridlines = None
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.width, chart.height = 18, 8
        chart.legend.position = "b"
    ws.add_chart(bars, "A16")
    ws.add_chart(line, "A34")


def _bold() -> Any:
    from openpyxl.styles import Font

    return Font(bold=True)


def write_overview(book: Book, cm: CompiledModel, alternatives: dict[str, Alternative],
                   lines: Lines, per_year: PerYear, w: dict[str, str],
                   guess: float | None = None) -> None:
    """The MKBA overview: headline numbers (named saldo, kosten, baten), costs and
    benefits per category, effects in person-years, and the PM items. ``guess`` starts
    the IRR's search (mkba's IRR of the base case, where it has one)."""
    ws = book.sheets["overview"]
    pv = book.sheets["present_values"]
    flows = book.sheets["per_year"]
    m = cm.model
    book.text(ws, 1, 1, w["overview_title"].format(name=m.name), bold=True)
    book.text(ws, 2, 1, w["overview_note"].format(year=m.price_year), italic=True)
    book.text(ws, 4, 1, w["metric"], bold=True)
    book.text(ws, 4, 2, w["value"], bold=True)
    book.text(ws, 4, 6, w["note"], bold=True)
    count = len(cm.lines)

    def column_sum(col: int) -> str:
        if not count:
            return "=0"
        return (f"=SUM({book.quoted(pv)}!{column(col)}{lines.pv_first}:"
                f"{column(col)}{lines.pv_last})")

    net = book.span(flows, per_year.net, FIRST, FIRST + m.horizon - 1, at=ws, fixed=True)
    # Excel's IRR is Newton's method from a guess: start at mkba's root (the only one
    # above -100% when mkba reports one), and show none below -100%, as mkba does
    na = w["no_ratio"]
    irr = net if guess is None else f"{net},{number(guess)}"
    metrics: list[tuple[str, str, str, str | None]] = [
        ("pv_costs", column_sum(7), "amount", "kosten"),
        ("pv_benefits", column_sum(8), "amount", "baten"),
        ("npv", "=baten-kosten", "amount", "saldo"),
        ("bcr", f'=IF(kosten>0,baten/kosten,IF(baten>0,"∞","{w["no_ratio"]}"))', "ratio",
         None),
        ("roi", f'=IF(kosten>0,(baten-kosten)/kosten,IF(baten>0,"∞","{w["no_ratio"]}"))',
         "percent", None),
        ("irr", f'=IFERROR(IF(IRR({irr})>-1,IRR({irr}),"{na}"),"{na}")', "percent", None),
        ("payback", f"={per_year.payback}", "year", None),
    ]
    for k, (key, formula, kind, name) in enumerate(metrics):
        r = 5 + k
        book.text(ws, r, 1, w[key], bold=key == "npv")
        cell = book.formula(ws, r, 2, formula, kind)
        if key == "npv":
            cell.font = _bold()
        if name is not None and not book.define(name, ws, r, 2):
            raise AssertionError(f"the name {name} is taken")
        if key == "irr":
            book.text(ws, r, 6, w["irr_note"], italic=True)
    r = 5 + len(metrics) + 1
    # costs and benefits per category: one row each, both columns live
    for j, text in enumerate((w["category"], w["costs"], w["benefits"], w["net"], "",
                              w["stakeholders_list"])):
        if text:
            book.text(ws, r, j + 1, text, bold=True)
    r += 1
    categories: dict[str, list[int]] = {}
    for i, line in enumerate(cm.lines):
        if line.kind != "transfer":
            categories.setdefault(line.category, []).append(i)
    first = r
    for category, members in categories.items():
        book.text(ws, r, 1, category)
        for col, src in ((2, 7), (3, 8)):
            refs = [book.ref(pv, lines.present[i], src, at=ws) for i in members]
            book.formula(ws, r, col, _sum(refs))
        book.formula(ws, r, 4, f"=C{r}-B{r}")
        who = list(dict.fromkeys(cm.lines[i].stakeholder for i in members))
        book.text(ws, r, 6, ", ".join(who))
        r += 1
    book.text(ws, r, 1, w["total"], bold=True)
    for col in (2, 3, 4):
        letter = column(col)
        formula = f"=SUM({letter}{first}:{letter}{r - 1})" if categories else "=0"
        book.formula(ws, r, col, formula).font = _bold()
    r += 2
    r = _effects(book, ws, alternatives, r, w)
    r = _pm(book, ws, m, r, w)
    ws.column_dimensions["A"].width = 40
    for letter in "BCD":
        ws.column_dimensions[letter].width = 18
    ws.column_dimensions["E"].width = 3
    ws.column_dimensions["F"].width = 60


def _effects(book: Book, ws: Any, alternatives: dict[str, Alternative], r: int,
             w: dict[str, str]) -> int:
    keys = list(alternatives["project"].persons)
    if "reference" in alternatives:
        keys += [k for k in alternatives["reference"].persons if k not in keys]
    if not keys:
        return r
    book.text(ws, r, 1, w["effects"], bold=True)
    r += 1
    for j, text in enumerate((w["state"], w["project"], w["reference"], w["difference"])):
        book.text(ws, r, j + 1, text, bold=True)
    r += 1
    for cohort, state in keys:
        book.text(ws, r, 1, f"{state} ({cohort})")
        refs: list[str | None] = []
        for alt in ("project", "reference"):
            row = alternatives[alt].persons.get((cohort, state)) if alt in alternatives \
                else None
            refs.append(None if row is None else
                        book.ref(alternatives[alt].sheet, row, FIRST - 1, at=ws))
        for col, ref in ((2, refs[0]), (3, refs[1])):
            if ref is not None:
                book.formula(ws, r, col, f"={ref}", "persons")
        if refs[0] is not None and refs[1] is not None:
            book.formula(ws, r, 4, f"=B{r}-C{r}", "persons")
        r += 1
    return r + 1


def _pm(book: Book, ws: Any, m: Any, r: int, w: dict[str, str]) -> int:
    if not m.project.pm:
        return r
    book.text(ws, r, 1, w["pm"], bold=True)
    book.text(ws, r, 2, w["pm_sign"], bold=True)
    book.text(ws, r, 6, w["note"], bold=True)
    r += 1
    for pm in m.project.pm:
        book.text(ws, r, 1, pm.name)
        book.text(ws, r, 2, "PM " + pm.sign)
        book.text(ws, r, 6, pm.description, wrap=True)
        r += 1
    return r + 1


def write_stakeholders(book: Book, cm: CompiledModel, lines: Lines, w: dict[str, str]) -> None:
    """Per stakeholder: costs, benefits, transfers received and paid, and the net."""
    ws = book.sheets["stakeholders"]
    pv = book.sheets["present_values"]
    m = cm.model
    headers = (w["stakeholder"], w["costs"], w["benefits"], w["transfers_in"],
               w["transfers_out"], w["net"])
    for j, text in enumerate(headers):
        book.text(ws, 1, j + 1, text, bold=True, wrap=True)
    r = 2
    for who in cm.stakeholders:
        refs: dict[int, list[str]] = {2: [], 3: [], 4: [], 5: []}
        for i, line in enumerate(cm.lines):
            row = lines.present[i]
            if line.kind != "transfer":
                if line.stakeholder == who:
                    refs[2].append(book.ref(pv, row, 7, at=ws))
                    refs[3].append(book.ref(pv, row, 8, at=ws))
                continue
            if line.stakeholder == who:  # received when positive, paid back when negative
                refs[4].append(book.ref(pv, row, 9, at=ws))
                refs[5].append(book.ref(pv, row, 10, at=ws))
            if line.payer == who:
                refs[4].append(book.ref(pv, row, 10, at=ws))
                refs[5].append(book.ref(pv, row, 9, at=ws))
        book.text(ws, r, 1, who)
        for col, parts in refs.items():
            book.formula(ws, r, col, _sum(parts))
        book.formula(ws, r, 6, f"=C{r}-B{r}+D{r}-E{r}")
        r += 1
    book.text(ws, r, 1, w["total"], bold=True)
    for col in range(2, 7):
        letter = column(col)
        formula = f"=SUM({letter}2:{letter}{r - 1})" if r > 2 else "=0"
        book.formula(ws, r, col, formula).font = _bold()
    book.text(ws, r + 2, 1, w["stakeholders_note"].format(year=m.price_year), italic=True)
    ws.column_dimensions["A"].width = 30
    for letter in "BCDEF":
        ws.column_dimensions[letter].width = 18
    ws.freeze_panes = "B2"
