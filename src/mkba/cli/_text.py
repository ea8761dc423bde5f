"""Text as the ``mkba`` command prints it: control characters shown escaped.

A name in a model file may hold an escape sequence (``\\x1b[2J`` clears the screen), a
carriage return that overwrites what was printed, or a right-to-left override that makes
text read differently. Everything the command prints from a model or an argument goes
through :func:`shown`, so the terminal only ever receives printable text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pandas as pd

__all__ = ["map_text", "shown", "shown_frame", "shown_lines"]

#: Unicode categories printed escaped: controls (C0, DEL, C1), format characters (bidi
#: overrides, zero-width characters), line and paragraph separators, unassigned, surrogates
_ESCAPED = frozenset({"Cc", "Cf", "Zl", "Zp", "Cn", "Cs"})


def _escape(ch: str) -> str:
    if ch in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else (
        f"\\U{code:08x}"
    )


def shown(text: object) -> str:
    """``str(text)`` on one line with every control or format character escaped as in a
    Python literal (``\\n``, ``\\x1b``, ``\\u202e``); other text (accents, €) unchanged.

    Examples
    --------
    >>> shown("Zorg\\x1b[2J")
    'Zorg\\\\x1b[2J'
    >>> shown("Gemeente Zwolle – €")
    'Gemeente Zwolle – €'
    """
    s = str(text)
    if s.isprintable():
        return s
    return "".join(
        _escape(ch) if unicodedata.category(ch) in _ESCAPED else ch for ch in s
    )


def shown_lines(text: object) -> str:
    """Like :func:`shown`, but keeping the line breaks of a text meant to have several
    lines (a model's description)."""
    return "\n".join(shown(line) for line in str(text).split("\n"))


def _texty(dtype: Any) -> bool:
    """Whether values of ``dtype`` may be text (object, string or categorical)."""
    return bool(
        pd.api.types.is_object_dtype(dtype)
        or isinstance(dtype, pd.CategoricalDtype)
        or pd.api.types.is_string_dtype(dtype)
    )


def map_text(frame: pd.DataFrame, fn: Callable[[str], str]) -> pd.DataFrame:
    """A copy of ``frame`` with ``fn`` applied to every text cell, index label, column
    name and index or column name; numbers and other values unchanged."""

    def cell(x: Any) -> Any:
        return fn(x) if isinstance(x, str) else x

    out = frame.copy()
    for j in range(out.shape[1]):
        col = out.iloc[:, j]
        if _texty(col.dtype):
            out.isetitem(j, [cell(x) for x in col.astype(object)])
    for axis in ("index", "columns"):
        labels = getattr(out, axis)
        if isinstance(labels, pd.MultiIndex):
            new: pd.Index = pd.MultiIndex.from_tuples(
                [tuple(cell(x) for x in t) for t in labels],
                names=[cell(n) for n in labels.names],
            )
        elif _texty(labels.dtype):
            new = pd.Index([cell(x) for x in labels], name=cell(labels.name), dtype=object)
        else:
            new = labels.rename(cell(labels.name))
        setattr(out, axis, new)
    return out


def shown_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell, index label and column name passed through
    :func:`shown` (numbers unchanged)."""
    return map_text(frame, shown)
