"""Text as the ``mkba`` command prints it: control characters shown escaped.

A name in a model file may hold an escape sequence (``\\x1b[2J`` clears the screen), a
carriage return that overwrites what was printed, or a right-to-left override that makes
text read differently. Everything the command prints from a model or an argument goes
through :func:`shown`, so the terminal only ever receives printable text.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from mkba.formatting import map_text

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


def shown_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell, index label and column name passed through
    :func:`shown` (numbers unchanged)."""
    return map_text(frame, shown)
