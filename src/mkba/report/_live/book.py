"""The workbook being written: sheets by key, cell references, defined names, and the
two ways a cell is written — text (always a text cell, never a formula) and a formula
(built by mkba from numbers, references and function names only, and checked so)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mkba.errors import MkbaError
from mkba.report.excel import NUMBER_FORMATS, _put

__all__ = ["FIRST", "FORMATS", "Book", "column", "print_setup"]

#: the column of the first year in every sheet with a column per year (H)
FIRST = 8

#: number formats of the live workbook: the report's, and a few of its own
FORMATS = {**NUMBER_FORMATS, "rate": "0.00%", "probability": "0.0000",
           "value": "#,##0.00##", "tiny": "0.00E+00"}

#: characters a formula built by mkba may hold once sheet names and its own fixed text
#: literals are taken out: no quotes, so no text of the model
_FORMULA_CHARS = re.compile(r"=[A-Za-z0-9_$.,:!()+\-*/^<>= ]*")
#: a defined name mkba gives: a fixed prefix, then a checked identifier (and a target)
_DEFINED = re.compile(r"[a-z]+_?[A-Za-z0-9_.]*")


def print_setup(ws: Any) -> None:
    """Print ``ws`` on A4 landscape, as wide as the page: every column on one page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def column(index: int) -> str:
    """The letters of a 1-based column index (1 → A, 8 → H, 27 → AA)."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


class Book:
    """A workbook under construction (openpyxl), with its language's sheet titles."""

    def __init__(self, sheets: dict[str, str], literals: Iterable[str]) -> None:
        from openpyxl import Workbook

        self.wb = Workbook()
        default = self.wb.active
        if default is not None:
            self.wb.remove(default)
        self.titles = dict(sheets)
        self.sheets: dict[str, Any] = {}
        self.literals = set(literals)
        self._defined: set[str] = set()
        self.formulas = 0

    # -- sheets and references --------------------------------------------------------

    def add_sheet(self, key: str) -> Any:
        """Create the sheet ``key`` (in the order called)."""
        ws = self.wb.create_sheet(title=self.titles[key])
        self.sheets[key] = ws
        return ws

    def quoted(self, ws: Any) -> str:
        """A sheet's title as a formula names it: ``'Per jaar'`` or ``Parameters``."""
        title = str(ws.title)
        return title if re.fullmatch(r"[A-Za-z]+", title) else f"'{title}'"

    def ref(self, ws: Any, row: int, col: int, *, at: Any = None, fixed_row: bool = True,
            fixed_col: bool = True) -> str:
        """The reference to a cell, with its sheet unless it is on ``at``."""
        text = ("$" if fixed_col else "") + column(col) + ("$" if fixed_row else "") + str(row)
        return text if ws is at else f"{self.quoted(ws)}!{text}"

    def span(self, ws: Any, row: int, first: int, last: int, *, at: Any = None,
             fixed: bool = False) -> str:
        """A range on one row, e.g. ``Project!H5:Q5``."""
        dollar = "$" if fixed else ""
        text = f"{dollar}{column(first)}{dollar}{row}:{dollar}{column(last)}{dollar}{row}"
        return text if ws is at else f"{self.quoted(ws)}!{text}"

    def define(self, name: str, ws: Any, row: int, col: int, last: tuple[int, int] | None = None
               ) -> bool:
        """Give a cell (or a range up to ``last``) a workbook-wide name.

        Returns False, and defines nothing, when the name is taken (names are
        case-insensitive) or longer than Excel allows.
        """
        from openpyxl.workbook.defined_name import DefinedName

        if not _DEFINED.fullmatch(name) or len(name) > 250 or name.lower() in self._defined:
            return False
        target = f"{self.quoted(ws)}!${column(col)}${row}"
        if last is not None:
            target += f":${column(last[1])}${last[0]}"
        self.wb.defined_names[name] = DefinedName(name, attr_text=target)
        self._defined.add(name.lower())
        return True

    # -- cells ------------------------------------------------------------------------

    def text(self, ws: Any, row: int, col: int, value: Any, *, bold: bool = False,
             italic: bool = False, wrap: bool = False) -> Any:
        """Write text (or a plain value) through the one safe writer of the Excel report."""
        from openpyxl.styles import Alignment, Font

        cell = _put(ws, row, col, value)
        if bold or italic:
            cell.font = Font(bold=bold, italic=italic)
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell

    def number(self, ws: Any, row: int, col: int, value: float | int | None, kind: str) -> Any:
        """Write an input number with the number format of ``kind``."""
        cell = _put(ws, row, col, value)
        cell.number_format = FORMATS.get(kind, "General")
        return cell

    def formula(self, ws: Any, row: int, col: int, formula: str, kind: str = "amount") -> Any:
        """Write a formula that mkba built; refuse anything that could hold model text."""
        self.check(formula)
        cell = ws.cell(row=row, column=col, value=formula)
        cell.number_format = FORMATS.get(kind, "General")
        self.formulas += 1
        return cell

    def check(self, formula: str) -> None:
        """Raise unless ``formula`` is made of numbers, references, names, functions and
        operators only (after taking out this workbook's sheet titles and fixed texts)."""
        rest = formula
        for title in self.titles.values():
            rest = rest.replace(f"'{title}'!", "A!")
        for literal in self.literals:
            rest = rest.replace(f'"{literal}"', "0")
        if not _FORMULA_CHARS.fullmatch(rest):
            raise MkbaError(f"internal error: the live workbook would hold the formula "
                            f"{formula[:200]!r}, which is not built from references alone")
