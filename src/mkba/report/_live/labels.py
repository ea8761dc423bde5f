"""The words of the live workbook, in Dutch and English (same keys in both), from the one
catalogue of words (:mod:`mkba.words`, places ``live`` and ``livesheet``).

Sheet names are fixed words, never model text: formulas refer to other sheets by name,
so a sheet named after an alternative would put model text into formulas.
"""

from __future__ import annotations

from mkba.formatting import check_lang
from mkba.words import own

__all__ = ["SHEETS", "WORDS", "words"]

#: sheet key → title, per language (at most 31 characters, no quotes)
SHEETS: dict[str, dict[str, str]] = own("livesheet")

WORDS: dict[str, dict[str, str]] = own("live")


def words(lang: str) -> dict[str, str]:
    """The words of the live workbook in ``lang`` ("nl" or "en")."""
    return WORDS[check_lang(lang)]
