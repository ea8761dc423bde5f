"""Errors and warnings of mkba.

Every error mkba raises derives from :class:`MkbaError`, and also from the built-in
exception a Python user would expect (``ValueError``, ``KeyError``, ``TypeError``), so
``except ValueError`` keeps working. Messages name the object, the value and the fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "FormulaError",
    "MkbaError",
    "MkbaTypeError",
    "MkbaWarning",
    "PriceIndexError",
    "SpecificationError",
    "UnknownNameError",
    "closest",
]


class MkbaError(Exception):
    """Base class of every error raised by mkba."""


class SpecificationError(MkbaError, ValueError):
    """A model, parameter, stream or distribution was declared with an invalid value."""


class FormulaError(SpecificationError):
    """A formula is malformed or uses something the formula language does not allow."""


class UnknownNameError(MkbaError, KeyError):
    """A name (parameter, stream, intervention, stakeholder) does not exist.

    The message suggests the closest existing name.
    """

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class PriceIndexError(SpecificationError):
    """A price-year conversion needs an index value that is not known."""


class MkbaTypeError(MkbaError, TypeError):
    """An argument has the wrong type."""


class MkbaWarning(UserWarning):
    """A number could be computed but may mislead (B/C ratio without costs, several IRRs)."""


def closest(name: str, candidates: Iterable[str]) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest candidate, or ``""`` if none is close.

    Examples
    --------
    >>> closest("prijs_nact", ["prijs_nacht", "deelnemers"])
    " Did you mean 'prijs_nacht'?"
    """
    match = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" Did you mean '{match[0]}'?" if match else ""
