"""The sheet of one alternative (project or nulalternatief): its cohorts as yearly state
vectors written out, and every stream as rows of formulas per year — the amount, the
one-off corrections, the profile (drop-off, growth), the years it runs, the amount after
corrections, and the residual value of an investment.

The rows follow the engine (:mod:`mkba.engine`, :mod:`mkba._flows`) operation by
operation, so a spreadsheet computes the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mkba.cohort import ROW, Cohort
from mkba.errors import FormulaError
from mkba.report._live.book import FIRST, Book, column
from mkba.report._live.inputs import year_header
from mkba.report._live.translate import number, translate

if TYPE_CHECKING:
    from mkba.engine import CompiledModel
    from mkba.formula import Formula
    from mkba.model import Intervention, Stream

__all__ = ["Alternative", "write_alternative"]

_ONCE = ("deadweight", "attribution", "displacement")
_PROFILE = (("drop_off", "-"), ("growth", "+"))


@dataclass
class Alternative:
    """Where the numbers of one alternative are: its sheet, the row of each line's
    amounts after corrections, and the row of each cohort state's persons."""

    sheet: Any
    final: dict[int, int] = field(default_factory=dict)
    persons: dict[tuple[str, str], int] = field(default_factory=dict)


class _Cells:
    """The scope of a formula in one year column of an alternative's sheet."""

    def __init__(self, col: int, params: dict[str, str], people: dict[str, int]) -> None:
        self.letter = column(col)
        self.params = params
        self.people = people

    def t(self) -> str:
        return f"{self.letter}$2"

    def year(self) -> str:
        return f"{self.letter}$1"

    def _row(self, key: str) -> str:
        return f"{self.letter}${self.people[key]}"

    def name(self, name: str) -> str:
        if name in self.people:
            return self._row(name)
        if name in self.params:
            return self.params[name]
        raise FormulaError(f"the name '{name}' has no cell in the workbook")

    def share(self, row: str, target: str) -> str:
        return self.name(f"{row}[{target}]")

    def move(self, function: str, state: str) -> str:
        return self._row(f"{function}({state})")


class _Writer:
    def __init__(self, book: Book, ws: Any, n: int, params: dict[str, str],
                 w: dict[str, str]) -> None:
        self.book, self.ws, self.n, self.params, self.w = book, ws, n, params, w
        self.people: dict[str, int] = {}
        self.row = 4

    def labels(self, row: int, *texts: str | None) -> None:
        for j, text in enumerate(texts):
            if text:
                self.book.text(self.ws, row, j + 1, text)

    def cell(self, row: int, i: int) -> str:
        """A cell of this sheet in year column ``i`` (row fixed, column relative)."""
        return f"{column(FIRST + i)}${row}"

    def per_year(self, row: int, formula: Formula, kind: str, *, people: bool = True,
                 total: bool = False) -> None:
        """A row with ``formula`` translated in every year column."""
        for i in range(self.n):
            scope = _Cells(FIRST + i, self.params, self.people if people else {})
            self.book.formula(self.ws, row, FIRST + i, "=" + translate(formula, scope), kind)
        if total:
            self.total(row, kind)

    def total(self, row: int, kind: str = "amount") -> None:
        """The sum over the years in the column before the first year."""
        span = self.book.span(self.ws, row, FIRST, FIRST + self.n - 1, at=self.ws)
        self.book.formula(self.ws, row, FIRST - 1, f"=SUM({span})", kind)

    def each(self, row: int, make: Any, kind: str) -> None:
        """A row whose formula in year ``i`` is ``make(i)``."""
        for i in range(self.n):
            self.book.formula(self.ws, row, FIRST + i, "=" + make(i), kind)

    # -- cohorts ------------------------------------------------------------------------

    def cohort(self, c: Cohort, persons: dict[tuple[str, str], int]) -> None:
        w, book, ws = self.w, self.book, self.ws
        book.text(ws, self.row, 1, w["cohort"].format(name=c.name, counting=c.counting),
                  bold=True)
        self.row += 1
        f = c.formulas
        start: dict[str, int] = {}
        for s, formula in f["start"].items():
            self.labels(self.row, s, w["start"], formula.text)
            scope = _Cells(FIRST, self.params, {})
            book.formula(ws, self.row, FIRST, "=" + translate(formula, scope), "persons")
            start[s] = self.row
            self.row += 1
        inflow: dict[str, int] = {}
        for s, formula in f["inflow"].items():
            self.labels(self.row, s, w["inflow"], formula.text)
            self.per_year(self.row, formula, "persons", people=False, total=True)
            inflow[s] = self.row
            self.row += 1
        moves: list[tuple[str, str, int]] = []
        for (src, dst), formula in f["transitions"].items():
            if dst == ROW:  # a whole row from a row of shares: one move per target
                for target in c.states:
                    key = f"{formula.text}[{target}]"
                    if target != src and key in self.params:
                        label = w["share_of"].format(src=src, dst=target, row=formula.text)
                        self.labels(self.row, src, label, f"share({formula.text}, {target})")
                        self.each(self.row, lambda i, k=key: self.params[k], "probability")
                        moves.append((src, target, self.row))
                        self.row += 1
                continue
            self.labels(self.row, src, w["probability"].format(src=src, dst=dst), formula.text)
            self.per_year(self.row, formula, "probability", people=False)
            moves.append((src, dst, self.row))
            self.row += 1
        # rows of every state first: the moves of a year read other states' rows
        layout: dict[str, dict[str, int]] = {}
        for s in c.states:
            names = ["start", "out", "into", "end", "persons"] + (["entering"] if s in inflow
                                                                 else [])
            layout[s] = {name: self.row + k for k, name in enumerate(names)}
            self.row += len(names)
        for s in c.states:
            self.state(s, layout, start, inflow, moves, c.counting)
            rows = layout[s]
            self.people[s] = rows["persons"]
            self.people[f"entering({s})"] = rows.get("entering", rows["into"])
            self.people[f"leaving({s})"] = rows["out"]
            persons[(c.name, s)] = rows["persons"]
        self.row += 1

    def state(self, s: str, layout: dict[str, dict[str, int]], start: dict[str, int],
              inflow: dict[str, int], moves: list[tuple[str, str, int]], counting: str
              ) -> None:
        w, rows, cell = self.w, layout[s], self.cell
        labels = {"start": "persons_start", "out": "moves_out", "into": "moves_in",
                  "end": "persons_end", "persons": "persons", "entering": "entering"}
        for key, row in rows.items():
            self.labels(row, s, w[labels[key]])

        def x(i: int) -> str:  # x_0 = inflow(0) + start; x_t = end_{t-1} + inflow(t)
            parts = ([cell(inflow[s], i)] if s in inflow else [])
            if i == 0:
                parts += [cell(start[s], 0)] if s in start else []
            else:
                parts = [cell(rows["end"], i - 1), *parts]
            return "+".join(parts) or "0"

        def flow(i: int, outgoing: bool) -> str:
            terms = [f"{cell(layout[a]['start'], i)}*{cell(p, i)}" for a, b, p in moves
                     if (a if outgoing else b) == s]
            return "+".join(terms) or "0"

        def counted(i: int) -> str:
            x_, end = cell(rows["start"], i), cell(rows["end"], i)
            return {"start": x_, "end": end}.get(counting, f"({x_}+{end})/2")

        self.each(rows["start"], x, "persons")
        self.each(rows["out"], lambda i: flow(i, True), "persons")
        self.each(rows["into"], lambda i: flow(i, False), "persons")
        self.each(rows["end"], lambda i: f"{cell(rows['start'], i)}-{cell(rows['out'], i)}+"
                                         f"{cell(rows['into'], i)}", "persons")
        self.each(rows["persons"], counted, "persons")
        self.total(rows["persons"], "persons")
        if "entering" in rows:
            self.each(rows["entering"], lambda i: f"{cell(rows['into'], i)}+"
                                                  f"{cell(inflow[s], i)}", "persons")

    # -- streams ------------------------------------------------------------------------

    def stream(self, s: Stream, line_name: str, kind: str, who: tuple[str, str | None]) -> int:
        """The rows of one stream; returns the row of its amounts after corrections."""
        w = self.w
        f = s.formulas
        if "amount" not in f:
            raise FormulaError(
                f"stream '{s.name}': its amount is a Python function, which a spreadsheet "
                "cannot compute; give the amount as a formula (a text such as "
                "'deelnemers * prijs'), or write the workbook with to_excel(..., "
                "formulas=False)")
        head = (line_name, w["amount"], f["amount"].text, w[kind], who[0], who[1])
        self.labels(self.row, *head)
        self.per_year(self.row, f["amount"], "amount", total=True)
        factors = [self.row]
        self.row += 1
        once = [k for k in _ONCE if k in f]
        if once:
            self.labels(self.row, line_name, w["once"],
                        "; ".join(f"{k} = {f[k].text}" for k in once))
            self.each(self.row, lambda i: "*".join(
                f"(1-{self._wrap(f[k], i)})" for k in once), "factor")
            factors.append(self.row)
            self.row += 1
        profile = [(k, sign) for k, sign in _PROFILE if k in f]
        if profile:
            self.labels(self.row, line_name, w["profile"],
                        "; ".join(f"{k} = {f[k].text}" for k, _ in profile))
            self.each(self.row, lambda i: "*".join(
                f"(1{sign}{self._wrap(f[k], i)})^{self.cell(2, i)}" for k, sign in profile),
                "factor")
            factors.append(self.row)
            self.row += 1
        if s.start is not None or s.end is not None:
            bounds = [f">={s.start}" if s.start is not None else "",
                      f"<={s.end}" if s.end is not None else ""]
            text = " – ".join(str(y) if y is not None else "…" for y in (s.start, s.end))
            self.labels(self.row, line_name, w["active"], text)

            def active(i: int) -> str:
                tests = [f"{self.cell(1, i)}{b}" for b in bounds if b]
                cond = tests[0] if len(tests) == 1 else f"AND({','.join(tests)})"
                return f"IF({cond},1,0)"

            self.each(self.row, active, "factor")
            factors.append(self.row)
            self.row += 1
        if len(factors) == 1:
            return factors[0]
        self.labels(self.row, line_name, w["corrected"], None, w[kind], who[0], who[1])
        self.each(self.row, lambda i: "*".join(self.cell(r, i) for r in factors), "amount")
        self.total(self.row)
        self.row += 1
        return self.row - 1

    def _wrap(self, formula: Formula, i: int) -> str:
        return f"({translate(formula, _Cells(FIRST + i, self.params, self.people))})"

    def residual(self, s: Stream, source_row: int, line_name: str, who: tuple[str, str | None]
                 ) -> int:
        """The residual value of investment ``s`` (amounts in ``source_row``): the share
        of each year's amount that outlasts the horizon, credited in the last year."""
        assert s.lifetime is not None
        w, n = self.w, self.n
        life = number(s.lifetime)
        self.labels(self.row, line_name, w["residual_weight"],
                    f"max({life} - ({n} - t), 0) / {life}")
        self.each(self.row, lambda i: f"MAX({life}-({n}-{self.cell(2, i)}),0)/{life}", "factor")
        weights = self.row
        self.row += 1
        self.labels(self.row, line_name, w["residual"], None, w["benefit"], who[0], who[1])
        for i in range(n - 1):
            self.book.formula(self.ws, self.row, FIRST + i, "=0", "amount")
        last = FIRST + n - 1
        amounts = self.book.span(self.ws, source_row, FIRST, last, at=self.ws)
        shares = self.book.span(self.ws, weights, FIRST, last, at=self.ws)
        self.book.formula(self.ws, self.row, last, f"=SUMPRODUCT({amounts},{shares})", "amount")
        self.total(self.row)
        self.row += 1
        return self.row - 1


def write_alternative(book: Book, cm: CompiledModel, alternative: str,
                      intervention: Intervention, params: dict[str, str], w: dict[str, str]
                      ) -> Alternative:
    """Write the sheet of ``alternative`` ("project" or "reference")."""
    ws = book.sheets[alternative]
    m = cm.model
    year_header(book, ws, m, w, (w["item"], w["row"], w["formula"], w["kind"],
                                 w["stakeholder"], w["payer"], w["total"]))
    book.text(ws, 3, 1, w["alternative"].format(kind=w[alternative], name=intervention.name),
              bold=True)
    out = Alternative(ws)
    writer = _Writer(book, ws, m.horizon, params, w)
    for c in intervention.cohorts:
        writer.cohort(c, out.persons)
    finals: dict[str, int] = {}  # stream name → row after corrections (for residuals)
    for term in cm.terms:
        if term.alternative != alternative:
            continue
        line = cm.lines[term.line]
        who = (line.stakeholder, line.payer)
        if term.residual is not None:
            row = writer.residual(term.stream, finals[term.stream.name], line.name, who)
        else:
            row = writer.stream(term.stream, line.name, line.kind, who)
            finals[term.stream.name] = row
        out.final[term.line] = row
    book.text(ws, writer.row + 1, 1, w["alternative_note"], italic=True)
    for letter, width in {"A": 30, "B": 26, "C": 44, "D": 10, "E": 16, "F": 12, "G": 14}.items():
        ws.column_dimensions[letter].width = width
    return out
