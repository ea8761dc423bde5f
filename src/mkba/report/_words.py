"""The vocabulary of the presentation tables, in Dutch and English.

The words live in the one catalogue, :mod:`mkba.words`; ``_W[lang][key]`` is its shared
vocabulary, kept under this name for the table builders.
"""

from __future__ import annotations

from typing import Any

from mkba.words import section

_W: dict[str, dict[str, Any]] = section("")
