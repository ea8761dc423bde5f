"""Rendering a formatted table: an HTML ``<table>`` or a pandas ``Styler``."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from mkba.errors import MkbaError

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = ["to_html_table", "to_styler"]


def to_html_table(
    frame: pd.DataFrame,
    *,
    caption: str | None = None,
    note: str | None = None,
    group_first: bool = False,
    total_row: bool = False,
) -> str:
    """An HTML ``<table>`` of a formatted table, every cell escaped.

    Parameters
    ----------
    frame : DataFrame
        A table from this module (or any frame of strings); columns listed in
        ``frame.attrs["align_right"]`` are right-aligned (class ``num``).
    caption : str, optional
        Caption; default ``frame.attrs["title"]``; ``""`` for none.
    note : str, optional
        A note under the table; default ``frame.attrs["note"]``.
    group_first : bool
        Show a value of the first column only where it changes (as in the overview's
        sections).
    total_row : bool
        Mark the last row as a total (class ``total``).

    Returns
    -------
    str
    """
    caption = frame.attrs.get("title", "") if caption is None else caption
    note = frame.attrs.get("note", "") if note is None else note
    right = set(frame.attrs.get("align_right", []))
    esc = html.escape
    head = "".join(
        f'<th scope="col"{" class=num" if c in right else ""}>{esc(str(c))}</th>'
        for c in frame.columns
    )
    rows = []
    previous = None
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = []
        for j, (c, v) in enumerate(zip(frame.columns, row, strict=True)):
            text = "" if group_first and j == 0 and v == previous else esc(str(v))
            cells.append(f"<td{' class=num' if c in right else ''}>{text}</td>")
        previous = row[0]
        last = total_row and i == len(frame) - 1
        rows.append(f"<tr{' class=total' if last else ''}>{''.join(cells)}</tr>")
    parts = ['<table class="mkba">']
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append(f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    if note:
        parts.append(f'<p class="note">{esc(note)}</p>')
    return "".join(parts)


def to_styler(frame: pd.DataFrame) -> Styler:
    """A pandas ``Styler`` of a formatted table: caption, right-aligned amounts, no index.

    Every cell, column header and the caption are HTML-escaped (names and sources come
    from a model and may hold ``<``, ``&`` or a ``<script>``): the Styler's HTML shows the
    text literally. Needs jinja2 (a pandas optional dependency).
    """
    try:
        styler = frame.style
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MkbaError("to_styler() needs jinja2: pip install jinja2") from exc
    right = [c for c in frame.attrs.get("align_right", []) if c in frame.columns]
    styler = styler.hide(axis="index")
    styler = styler.format(escape="html").format_index(escape="html", axis=1)
    if right:
        styler = styler.set_properties(subset=right, **{"text-align": "right"})
    title = frame.attrs.get("title")
    if title:
        styler = styler.set_caption(html.escape(str(title)))
    return styler
