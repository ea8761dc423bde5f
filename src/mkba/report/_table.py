"""A presentation table before formatting, and how each kind of cell is written."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mkba.formatting import (
    MISSING,
    check_lang,
    format_amount,
    format_number,
    format_percent,
    format_ratio,
    format_value,
    format_year,
)
from mkba.report._words import _W

__all__ = ["KINDS", "Table", "format_cell"]

#: how each kind of cell is written; Excel number formats for the same kinds live in excel.py
KINDS = ("text", "amount", "ratio", "percent", "share", "year", "number", "index", "factor",
         "persons")

#: the kind of each headline metric
_METRIC_KINDS = {
    "npv": "amount",
    "pv_costs": "amount",
    "pv_benefits": "amount",
    "bcr": "ratio",
    "roi": "percent",
    "irr": "percent",
    "payback": "year",
    "participants": "number",
    "npv_per_participant": "amount",
}


def _w(lang: str) -> dict[str, str]:
    return _W[check_lang(lang)]


@dataclass
class Table:
    """A table before formatting: numbers, the kind of every cell, a title and a note.

    ``values`` has the presentation column headers (in the table's language); ``kinds``
    has the same shape and says how each cell is written (see :data:`KINDS`). Used by the
    Excel and HTML reports, which need the numbers rather than the strings.
    """

    values: pd.DataFrame
    kinds: pd.DataFrame
    title: str
    lang: str
    note: str = ""
    wrap: list[str] = field(default_factory=list)

    @classmethod
    def by_column(
        cls, values: pd.DataFrame, kinds: dict[str, str], title: str, lang: str, **kw: Any
    ) -> Table:
        """A table whose kinds are the same down each column (``kinds[column]``)."""
        frame = pd.DataFrame(
            {c: [kinds.get(c, "text")] * len(values) for c in values.columns},
            index=values.index,
        )
        return cls(values, frame, title, lang, **kw)

    def formatted(self) -> pd.DataFrame:
        """The table as strings, with ``attrs`` title, note and align_right."""
        out = pd.DataFrame(
            {
                c: [
                    format_cell(v, k, self.lang)
                    for v, k in zip(self.values[c], self.kinds[c], strict=True)
                ]
                for c in self.values.columns
            },
            index=self.values.index,
        )
        numeric = [c for c in self.values.columns if (self.kinds[c] != "text").mean() > 0.5]
        out.attrs.update(title=self.title, note=self.note, align_right=numeric)
        return out


def format_cell(value: Any, kind: str, lang: str) -> str:
    """Write one cell as its ``kind`` says (amount, ratio, percent, share, year, ...)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if kind == "text" or isinstance(value, str):
        return str(value)
    formatters: dict[str, Callable[[Any], str]] = {
        "amount": lambda v: format_amount(v, lang),
        "ratio": lambda v: format_ratio(v, lang),
        "percent": lambda v: format_percent(v, lang),
        "share": lambda v: format_percent(v, lang, 0),
        "year": lambda v: format_year(v, lang),
        "number": lambda v: format_value(v, lang, digits=4),
        "index": lambda v: format_number(v, lang, 2),
        "factor": lambda v: format_number(v, lang, 4),
        "persons": lambda v: format_number(v, lang, 1),  # person-years, one decimal
    }
    return formatters[kind](value)
