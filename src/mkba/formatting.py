"""Numbers formatted for print, the Dutch or the English way.

Dutch uses a point to group thousands and a comma for decimals, and puts the euro sign
before the number with a space (``€ 1.234.000``, ``€ −1,2 mln``); English does the
opposite (``€1,234,000``, ``−€1.2m``). Every function takes ``lang`` ("nl" or "en").
Missing values (NaN, None) print as an en dash; infinite ratios as "∞".

Examples
--------
>>> format_amount(1_234_567, "nl")
'€ 1.235.000'
>>> format_amount(1_234_567, "en")
'€1,235,000'
>>> format_compact(1_234_567, "nl")
'€ 1,2 mln'
>>> format_ratio(1.2345, "nl")
'1,23'
>>> format_percent(0.123, "en")
'12.3%'
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

from mkba.errors import SpecificationError

__all__ = [
    "FORMULA_STARTS",
    "LANGS",
    "MINUS",
    "MISSING",
    "check_lang",
    "format_amount",
    "format_compact",
    "format_number",
    "format_percent",
    "format_ratio",
    "format_value",
    "format_year",
    "round_amount",
    "spreadsheet_text",
]

#: the languages of every table and chart
LANGS = ("nl", "en")
#: the minus sign used in print (U+2212, as matplotlib uses on tick labels)
MINUS = "\u2212"
#: what a missing value prints as
MISSING = "–"

_SCALES = {
    "nl": ((1e9, " mld"), (1e6, " mln")),
    "en": ((1e9, "bn"), (1e6, "m")),
}


def check_lang(lang: object) -> str:
    """Return ``lang`` if it is "nl" or "en", else raise :class:`SpecificationError`."""
    if lang not in LANGS:
        raise SpecificationError(f"lang {lang!r} is not one of 'nl', 'en'")
    assert isinstance(lang, str)
    return lang


def _missing(x: object) -> bool:
    if x is None:
        return True
    if isinstance(x, Real) and not isinstance(x, bool):
        return math.isnan(float(x))
    return False


def _number(x: float | None, lang: str) -> float | None:
    """``x`` as a float after checking ``lang``; None where it is missing (NaN, None)."""
    check_lang(lang)
    return None if _missing(x) else float(x)  # type: ignore[arg-type]


def format_number(x: float | None, lang: str = "nl", decimals: int = 0) -> str:
    """A number with grouped thousands and ``decimals`` decimals.

    Parameters
    ----------
    x : float or None
        The number; NaN and None print as an en dash.
    lang : {"nl", "en"}
        "nl": ``1.234,5``; "en": ``1,234.5``.
    decimals : int
        Digits after the decimal separator.

    Returns
    -------
    str

    Examples
    --------
    >>> format_number(-1234.5, "nl", 1)
    '−1.234,5'
    """
    value = _number(x, lang)
    if value is None:
        return MISSING
    if math.isinf(value):
        return ("" if value > 0 else MINUS) + "∞"
    text = f"{abs(value):,.{max(decimals, 0)}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    negative = value < 0 and float(text.replace(".", "").replace(",", "")) != 0
    return (MINUS if negative else "") + text


def round_amount(x: float, round_to: float | None = None) -> float:
    """Round an amount for print.

    Parameters
    ----------
    x : float
        Amount in euros.
    round_to : float, optional
        Round to a multiple of this. Default: by size — to 1,000 from 100,000 on, to 100
        from 10,000 on, else to whole euros.

    Returns
    -------
    float

    Examples
    --------
    >>> round_amount(1_234_567)
    1235000.0
    >>> round_amount(12_345)
    12300.0
    """
    if not math.isfinite(x):
        return x
    if round_to is None:
        size = abs(x)
        round_to = 1000.0 if size >= 1e5 else 100.0 if size >= 1e4 else 1.0
    if round_to <= 0:
        raise SpecificationError(f"round_to {round_to!r} must be positive, e.g. 1000")
    return float(round(x / round_to) * round_to)


def _euro(text: str, negative: bool, lang: str) -> str:
    if lang == "nl":
        return "€ " + (MINUS if negative else "") + text
    return (MINUS if negative else "") + "€" + text


def format_amount(
    x: float | None, lang: str = "nl", *, round_to: float | None = None, decimals: int = 0
) -> str:
    """A euro amount for print: ``€ 1.234.000`` (nl) or ``€1,234,000`` (en).

    Parameters
    ----------
    x : float or None
        Amount in euros.
    lang : {"nl", "en"}
        Language.
    round_to : float, optional
        See :func:`round_amount`; the default rounds by size.
    decimals : int
        Decimals to show (after rounding).

    Returns
    -------
    str

    Examples
    --------
    >>> format_amount(-460_945.48, "nl")
    '€ −461.000'
    >>> format_amount(-460_945.48, "en")
    '−€461,000'
    """
    value = _number(x, lang)
    if value is None:
        return MISSING
    if decimals == 0:
        value = round_amount(value, round_to)
    text = format_number(abs(value), lang, decimals)
    return _euro(text, value < 0 and text.strip("0.,") != "", lang)


def compact_scale(largest: float, lang: str = "nl") -> tuple[float, str]:
    """The divisor and suffix to show amounts up to ``largest`` in (mln, mld or none)."""
    for size, suffix in _SCALES[check_lang(lang)]:
        if abs(largest) >= size:
            return size, suffix
    return 1.0, ""


def format_compact(
    x: float | None,
    lang: str = "nl",
    *,
    decimals: int | None = None,
    scale: tuple[float, str] | None = None,
) -> str:
    """A euro amount in millions or billions: ``€ 1,2 mln`` (nl) or ``€1.2m`` (en).

    Amounts below a million print in full, rounded as :func:`round_amount` does
    (``€ 250.000``).

    Parameters
    ----------
    x : float or None
        Amount in euros.
    lang : {"nl", "en"}
        Language.
    decimals : int, optional
        Decimals of the scaled number; default 1 for millions and billions, 0 otherwise.
    scale : (float, str), optional
        Divisor and suffix to use (see :func:`compact_scale`), so that all ticks of one
        axis share a unit; default chosen from ``x`` itself.

    Returns
    -------
    str

    Examples
    --------
    >>> format_compact(-2_500_000, "nl")
    '€ −2,5 mln'
    >>> format_compact(250_000, "en")
    '€250,000'
    """
    value = _number(x, lang)
    if value is None:
        return MISSING
    size, suffix = scale if scale is not None else compact_scale(value, lang)
    if decimals is None:
        decimals = 1 if size > 1 else 0
        if size == 1:
            value = round_amount(value)
    text = format_number(abs(value) / size, lang, decimals)
    negative = value < 0 and text.strip("0.,") != ""
    return _euro(text + suffix, negative, lang)


def format_ratio(x: float | None, lang: str = "nl", decimals: int = 2) -> str:
    """A ratio such as the B/C ratio: ``1,23`` (nl) or ``1.23`` (en).

    Examples
    --------
    >>> format_ratio(float("inf"), "nl")
    '∞'
    """
    return format_number(x, lang, decimals)


def format_percent(x: float | None, lang: str = "nl", decimals: int = 1) -> str:
    """A fraction as a percentage: 0.123 → ``12,3%`` (nl) or ``12.3%`` (en).

    Examples
    --------
    >>> format_percent(-0.4395, "nl")
    '−44,0%'
    """
    value = _number(x, lang)
    if value is None:
        return MISSING
    if math.isinf(value):
        return format_number(value, lang)
    return format_number(100 * value, lang, decimals) + "%"


def format_year(x: Any, lang: str = "nl") -> str:
    """A calendar year without separators (``2031``); other values as text."""
    check_lang(lang)
    if _missing(x):
        return MISSING
    if isinstance(x, Real) and not isinstance(x, bool) and float(x).is_integer():
        return str(int(float(x)))
    return str(x)


def format_value(x: float | None, lang: str = "nl", *, digits: int = 3) -> str:
    """A parameter value with about ``digits`` significant digits, never in exponent form.

    Examples
    --------
    >>> format_value(0.153, "nl")
    '0,153'
    >>> format_value(12500, "en")
    '12,500'
    >>> format_value(75.0, "nl")
    '75'
    """
    value = _number(x, lang)
    if value is None:
        return MISSING
    if value == 0 or math.isinf(value):
        return format_number(value, lang)
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - magnitude)
    rounded = round(value, decimals)
    text = format_number(rounded, lang, decimals)
    if decimals > 0:
        sep = "," if lang == "nl" else "."
        text = text.rstrip("0").rstrip(sep)
    return text


#: first characters that make a spreadsheet (Excel, LibreOffice) read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """``text`` as a spreadsheet shows it literally, never as a formula.

    A text cell starting with ``= + - @``, a tab or a carriage return is read as a formula
    by Excel and LibreOffice (formula or CSV injection, OWASP); such text gets a leading
    apostrophe, the spreadsheet convention for "this is text". Other text is unchanged.
    Numbers are not text: write them as numbers.

    Examples
    --------
    >>> print(spreadsheet_text('=HYPERLINK("http://x")'))
    '=HYPERLINK("http://x")
    >>> spreadsheet_text("Gemeente")
    'Gemeente'
    """
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text

