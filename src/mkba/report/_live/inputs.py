"""The input sheets of the live workbook: parameters (with their price conversion), the
price index, and the discount factors per year."""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mkba.discounting import DiscountSchedule
from mkba.errors import MkbaError
from mkba.prices import default_index
from mkba.report._live.book import FIRST, Book, column

if TYPE_CHECKING:
    from mkba.engine import CompiledModel
    from mkba.model import Model

__all__ = ["Discounting", "defined_name", "write_discounting", "write_parameters", "write_prices",
           "year_header"]

_WIDTHS = {"A": 34, "B": 26, "C": 14, "D": 16, "E": 11, "F": 24, "G": 10, "H": 40, "I": 40,
           "J": 12, "K": 18}


def defined_name(prefix: str, column_name: str) -> str:
    """``p_prijs`` for a parameter, ``p_uit_A.B`` for the share ``uit_A[B]`` of a row."""
    return prefix + column_name.replace("[", ".").replace("]", "")


def write_prices(book: Book, model: Model, w: dict[str, str]) -> None:
    """The price index (year, level) and the model's price year, named ``prijsindex`` and
    ``prijspeil``."""
    ws = book.sheets["prices"]
    index = model.price_index if model.price_index is not None else default_index()
    book.text(ws, 1, 1, w["index_year"], bold=True)
    book.text(ws, 1, 2, w["index_level"], bold=True)
    years = list(index.years)
    for i, year in enumerate(years):
        book.number(ws, i + 2, 1, year, "year")
        book.number(ws, i + 2, 2, index.level(year), "index")
    if years:
        book.define("prijsindex", ws, 2, 1, last=(len(years) + 1, 2))
    book.text(ws, 1, 4, w["model_price_year"], bold=True)
    book.number(ws, 1, 5, model.price_year, "year")
    book.define("prijspeil", ws, 1, 5)
    book.text(ws, 3, 4, w["index_note"].format(name=index.name or ""), italic=True)
    if index.source:
        book.text(ws, 4, 4, index.source, italic=True)
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["D"].width = 26
    ws.freeze_panes = "A2"


def write_parameters(book: Book, model: Model, values: dict[str, float], lang: str,
                     w: dict[str, str]) -> dict[str, str]:
    """The parameters sheet, with ``values`` (by column of the values table, each in its
    parameter's own price year) as the base values; returns, for every column, the
    reference to its value in the model's price year (a defined name where possible)."""
    from mkba.report import tables as T

    ws = book.sheets["parameters"]
    frame = T.build_parameters(model, lang).values
    columns = model.columns
    if len(frame) != len(columns) or [str(x) for x in frame.iloc[:, 1]] != columns:
        raise MkbaError("internal error: the parameter table no longer has one row per "
                        "column of the values table, in order")
    years = [p.price_year for p in model.parameters for _ in p.columns]
    headers = [*(str(c) for c in frame.columns[:9]), w["factor"],
               w["converted"].format(year=model.price_year)]
    for j, text in enumerate(headers):
        book.text(ws, 1, j + 1, text, bold=True, wrap=True)
    refs: dict[str, str] = {}
    for i, (row, name) in enumerate(zip(frame.itertuples(index=False), columns, strict=True)):
        r = i + 2
        for j in (0, 1, 3, 5, 6, 7, 8):
            book.text(ws, r, j + 1, _plain(row[j]))
        book.number(ws, r, 3, values[name], "number")
        book.define(defined_name("p_", name), ws, r, 3)
        if years[i] is not None:
            book.number(ws, r, 5, years[i], "year")
        price = book.ref(ws, r, 5, at=ws)
        book.formula(ws, r, 10, f'=IF({price}="",1,VLOOKUP(prijspeil,prijsindex,2,FALSE)/'
                                f"VLOOKUP({price},prijsindex,2,FALSE))", "factor")
        book.formula(ws, r, 11, f"={book.ref(ws, r, 3, at=ws)}*{book.ref(ws, r, 10, at=ws)}",
                     "value")
        named = defined_name("v_", name)
        refs[name] = named if book.define(named, ws, r, 11) else book.ref(ws, r, 11)
    book.text(ws, len(columns) + 3, 1, w["parameters_note"], italic=True)
    for letter, width in _WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "C2"
    return refs


def _plain(value: Any) -> Any:
    """A frame cell as a cell value: NaN and None as empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, str) else str(value)


@dataclass
class Discounting:
    """Where each discount-factor row is: ``rows[(schedule, timing)]`` on the sheet."""

    sheet: Any
    rows: dict[tuple[Hashable, str], int] = field(default_factory=dict)

    def row(self, schedule: DiscountSchedule, timing: str) -> int:
        return self.rows[(schedule, timing)]


def describe(schedule: DiscountSchedule, lang: str) -> str:
    """A schedule in words: ``NL_2025: 2,80% vanaf jaar 1; 1,80% vanaf jaar 36``."""
    from mkba.formatting import format_percent

    word = "vanaf jaar" if lang == "nl" else "from year"
    rates = "; ".join(f"{format_percent(r, lang, 2)} {word} {y}" for y, r in schedule.steps)
    return f"{schedule.name}: {rates}" if schedule.name else rates


def write_discounting(book: Book, cm: CompiledModel, lang: str, w: dict[str, str]
                      ) -> Discounting:
    """The discounting sheet: per schedule the rate of each year and the factors of the
    timings used, from a small table of steps (first year, rate) that can be edited."""
    ws = book.sheets["discounting"]
    m = cm.model
    n = m.horizon
    _year_header(book, ws, m, w, first_label=w["schedule"], second_label=w["row"])
    used: dict[DiscountSchedule, list[str]] = {}
    for term in cm.terms:
        s = term.stream
        schedule = s.discount if isinstance(s.discount, DiscountSchedule) else m.discount
        assert isinstance(schedule, DiscountSchedule)
        timings = used.setdefault(schedule, [])
        timing = s.timing or m.timing
        if timing not in timings:
            timings.append(timing)
    if not used:
        assert isinstance(m.discount, DiscountSchedule)
        used[m.discount] = [m.timing]
    out = Discounting(ws)
    # the steps tables go below the factor rows: count those rows first
    row = 4
    steps_row = row + sum(2 + len(t) for t in used.values()) + 2
    for k, (schedule, timings) in enumerate(used.items(), start=1):
        label = f"{k}: {describe(schedule, lang)}"
        first_step = steps_row + 1
        last_step = first_step + len(schedule.steps) - 1
        book.text(ws, steps_row, 1, w["steps"].format(k=k), bold=True)
        book.text(ws, steps_row, 2, w["from_year"], bold=True)
        book.text(ws, steps_row, 3, w["rate"], bold=True)
        for i, (year, rate) in enumerate(schedule.steps):
            book.number(ws, first_step + i, 2, year, "year")
            book.number(ws, first_step + i, 3, rate, "rate")
        steps_row = last_step + 2
        years = f"$B${first_step}:$B${last_step}"
        rates = f"$C${first_step}:$C${last_step}"
        rate_row, factor_row = row, row + 1
        book.text(ws, rate_row, 1, label)
        book.text(ws, rate_row, 2, w["rate_next"])
        book.text(ws, factor_row, 1, label)
        book.text(ws, factor_row, 2, w["factor_start"])
        for i in range(n):
            c = FIRST + i
            t = book.ref(ws, 2, c, at=ws, fixed_col=False)
            book.formula(ws, rate_row, c, f"=LOOKUP({t}+1,{years},{rates})", "rate")
            if i == 0:
                book.formula(ws, factor_row, c, "=1", "factor")
            else:
                prev_f = book.ref(ws, factor_row, c - 1, at=ws, fixed_row=False, fixed_col=False)
                prev_r = book.ref(ws, rate_row, c - 1, at=ws, fixed_row=False, fixed_col=False)
                book.formula(ws, factor_row, c, f"={prev_f}/(1+{prev_r})", "factor")
        row = factor_row + 1
        for when in timings:
            if when == "start":
                out.rows[(schedule, when)] = factor_row
                continue
            book.text(ws, row, 1, label)
            book.text(ws, row, 2, w["factor_mid" if when == "mid" else "factor_end"])
            power = "^0.5" if when == "mid" else ""
            for i in range(n):
                c = FIRST + i
                f = book.ref(ws, factor_row, c, at=ws, fixed_row=False, fixed_col=False)
                r = book.ref(ws, rate_row, c, at=ws, fixed_row=False, fixed_col=False)
                book.formula(ws, row, c, f"={f}/(1+{r}){power}", "factor")
            out.rows[(schedule, when)] = row
            row += 1
        row += 1
    book.text(ws, steps_row, 1, w["discount_note"], italic=True)
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 12
    return out


def _year_header(book: Book, ws: Any, m: Model, w: dict[str, str], *, first_label: str,
                 second_label: str, more: tuple[str, ...] = ()) -> None:
    """Row 1: labels and the calendar year of each column; row 2: t. Frozen below."""
    book.text(ws, 1, 1, first_label, bold=True)
    book.text(ws, 1, 2, second_label, bold=True)
    for j, label in enumerate(more):
        book.text(ws, 1, 3 + j, label, bold=True)
    book.text(ws, 2, 1, w["t"], bold=True)
    for i, year in enumerate(m.years):
        book.number(ws, 1, FIRST + i, int(year), "year").font = _bold()
        book.number(ws, 2, FIRST + i, i, "year")
        ws.column_dimensions[column(FIRST + i)].width = 13
    ws.freeze_panes = f"{column(FIRST)}3"


def _bold() -> Any:
    from openpyxl.styles import Font

    return Font(bold=True)


def year_header(book: Book, ws: Any, m: Model, w: dict[str, str], labels: tuple[str, ...]
                ) -> None:
    """The year header of a sheet with a column per year (see the discounting sheet)."""
    _year_header(book, ws, m, w, first_label=labels[0], second_label=labels[1],
                 more=labels[2:])

