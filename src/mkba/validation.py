"""The checks of names, numbers and years that the model, parameters, cohorts, price
indices, discount schedules and the file readers share: one place, one wording.

Every check returns the checked value (normalised: a float, an int) or raises an
:class:`~mkba.errors.MkbaError` whose message names the object, the value and the fix.
"""

from __future__ import annotations

import keyword
import math
import numbers
import re
import sys
from numbers import Real

import numpy as np

from mkba.errors import MkbaError, MkbaTypeError, SpecificationError
from mkba.formula import RESERVED

__all__ = ["YEARS", "check_finite", "check_name", "check_value", "check_year", "shown"]

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

YEARS = (1900, 2500)
"""The calendar years a model may start in or refer to (start year, price year)."""


def shown(value: object) -> str:
    """``repr(value)``, shortened (a 400-digit number is not shown whole)."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:20]}...({len(text)} characters)"


def check_name(name: object, what: str) -> str:
    """``name`` if formulas can use it, else a SpecificationError.

    A name starts with a letter and holds letters, digits and underscores; Python's
    keywords and the formula language's own words (``t``, ``year``, the functions) are
    refused.

    Examples
    --------
    >>> check_name("prijs_nacht", "parameter")
    'prijs_nacht'
    """
    # fullmatch, not match with '$': '$' also matches before a trailing newline
    if not isinstance(name, str) or not _NAME.fullmatch(name) or keyword.iskeyword(name):
        raise SpecificationError(
            f"{what} name {name!r} is not a valid name: use letters, digits and underscores, "
            "starting with a letter (e.g. 'prijs_nacht')"
        )
    if name in RESERVED:
        raise SpecificationError(
            f"{what} name {name!r} is reserved by the formula language; choose another "
            f"(e.g. '{name}_waarde')"
        )
    return name


def check_finite(value: object, what: str) -> float:
    """``value`` as a finite float (any real number type), else a SpecificationError."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise SpecificationError(
            f"{what}: value {shown(value)} is not a number; give a number such as 75.0"
        )
    try:
        out = float(value)
    except (OverflowError, ValueError, TypeError):
        out = math.inf
    if not math.isfinite(out):
        raise SpecificationError(
            f"{what}: value {shown(value)} is not a finite number (a float holds at most "
            f"about {sys.float_info.max:.3g}); give a finite number"
        )
    return out


def check_value(value: object, what: str) -> float:
    """``value`` as a finite float, or an MkbaError naming ``what``, the value and the fix.

    A string (``"abc"``, or even ``"3"``), a value too large for a float or a non-finite
    one raises :class:`~mkba.errors.SpecificationError` (a ``ValueError``); anything that
    is not a number at all (None, a list) :class:`~mkba.errors.MkbaTypeError`.

    Examples
    --------
    >>> check_value(3, "parameter 'p'")
    3.0
    """
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item()  # a 0-d array holds one number
    if isinstance(value, str):
        raise SpecificationError(
            f"{what}: value {shown(value)} is text, not a number; give a number such as "
            "75.0 (in the parameter's own unit and price year)"
        )
    if isinstance(value, bool) or not isinstance(value, Real | np.number):
        raise MkbaTypeError(
            f"{what}: value {shown(value)} ({type(value).__name__}) is not a number; give "
            "a number such as 75.0"
        )
    return check_finite(value, what)


def check_year(
    value: object,
    what: str,
    *,
    span: tuple[int, int] | None = YEARS,
    digits: bool = False,
    error: type[MkbaError] = SpecificationError,
) -> int:
    """``value`` as a whole year, or ``error`` naming ``what``, the value and the fix.

    Parameters
    ----------
    value : object
        An integer, a float with a whole value, or (with ``digits``) a string of digits as
        TOML keys are (``"2024"``).
    what : str
        What the year is, for the message (``"Model 'x': start_year"``).
    span : (int, int) or None
        The years allowed, inclusive; None for any year.
    digits : bool
        Accept a string of digits.
    error : type of MkbaError
        The error to raise (e.g. :class:`~mkba.errors.PriceIndexError`).

    Examples
    --------
    >>> check_year(2025.0, "start_year")
    2025
    >>> check_year("2024", "price index", digits=True, span=None)
    2024
    """
    if digits and isinstance(value, str) and value.strip().isdigit():
        year = int(value.strip())
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
        year = int(value)
    elif (
        isinstance(value, Real)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
        and float(value) == round(float(value))
    ):
        year = round(float(value))
    else:
        raise error(f"{what}: {shown(value)} is not a whole calendar year; give e.g. 2025")
    if span is not None and not span[0] <= year <= span[1]:
        raise error(f"{what}: {year} is outside {span[0]}–{span[1]}; give a calendar year")
    return year
