"""Numbers formatted for print, the Dutch or the English way: the one home of number
formats.

Dutch uses a point to group thousands and a comma for decimals, and puts the euro sign
before the number with a space (``€ 1.234.000``, ``€ −1,2 mln``); English does the
opposite (``€1,234,000``, ``−€1.2m``). Every function takes ``lang`` ("nl" or "en").
Missing values (NaN, None, ``pd.NA``) print as an en dash; infinite ratios as "∞"; years
as years (``2030``, never ``2.030`` or ``2,030.00``). CSV files for Dutch readers use a
semicolon and a decimal comma (:func:`csv_options`), as Dutch Excel expects.

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
>>> format_year(2030.0)
'2030'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from numbers import Real
from typing import TYPE_CHECKING, Any

from mkba.errors import SpecificationError
from mkba.words import LANGS, check_lang, word

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CSV_FORMATS",
    "FORMULA_STARTS",
    "KINDS",
    "LANGS",
    "MINUS",
    "MISSING",
    "check_lang",
    "compact_scale",
    "csv_options",
    "format_amount",
    "format_as",
    "format_compact",
    "format_discount",
    "format_distribution",
    "format_number",
    "format_percent",
    "format_ratio",
    "format_value",
    "format_year",
    "map_text",
    "round_amount",
    "spreadsheet_frame",
    "spreadsheet_text",
]

#: the minus sign used in print (U+2212, as matplotlib uses on tick labels)
MINUS = "\u2212"
#: what a missing value prints as
MISSING = "–"

_SCALES = {
    "nl": ((1e9, " mld"), (1e6, " mln")),
    "en": ((1e9, "bn"), (1e6, "m")),
}


def _missing(x: object) -> bool:
    if x is None or type(x).__name__ == "NAType":  # pandas' NA, without importing pandas
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
    """A calendar year without separators (``2031``); other values as text.

    Examples
    --------
    >>> format_year(2031.0), format_year(None)
    ('2031', '–')
    """
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



#: the kinds of value a table cell holds, and how :func:`format_as` writes each
KINDS = ("text", "amount", "ratio", "percent", "share", "year", "number", "index", "factor",
         "persons")


def format_as(x: Any, kind: str, lang: str = "nl") -> str:
    """Write one value as its ``kind`` says.

    Parameters
    ----------
    x : object
        The value; text is returned as it is, missing values print as an en dash.
    kind : str
        One of :data:`KINDS`: "amount" (euros, rounded by size), "ratio" (two decimals),
        "percent" (a fraction, one decimal), "share" (a fraction, whole percent), "year",
        "number" (about four significant digits), "index" (two decimals), "factor" (four
        decimals), "persons" (person-years, one decimal) or "text".
    lang : {"nl", "en"}
        Language.

    Examples
    --------
    >>> format_as(-0.0731, "percent", "nl"), format_as(2031.0, "year"), format_as(151.04, "persons")
    ('−7,3%', '2031', '151,0')
    """
    check_lang(lang)
    if kind not in KINDS:
        raise SpecificationError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if _missing(x):
        return MISSING
    if kind == "text" or isinstance(x, str):
        return str(x)
    if kind == "amount":
        return format_amount(x, lang)
    if kind == "ratio":
        return format_ratio(x, lang)
    if kind == "percent":
        return format_percent(x, lang)
    if kind == "share":
        return format_percent(x, lang, 0)
    if kind == "year":
        return format_year(x, lang)
    if kind == "number":
        return format_value(x, lang, digits=4)
    decimals = {"index": 2, "factor": 4, "persons": 1}[kind]
    return format_number(x, lang, decimals)


def format_distribution(dist: object, lang: str = "nl") -> str:
    """A distribution as a reader sees it: its name in ``lang`` and its arguments.

    Arguments at their default are left out; Dutch separates them with a semicolon
    (the comma is the decimal sign). A row of shares (:class:`~mkba.distributions.Dirichlet`)
    lists its targets with their weights. No distribution prints as an en dash.

    Examples
    --------
    >>> from mkba.distributions import PERT, Triangular, Dirichlet
    >>> format_distribution(Triangular(0.5, 1, 2.5), "nl")
    'Driehoek(0,5; 1; 2,5)'
    >>> format_distribution(Triangular(0.5, 1, 2.5), "en")
    'Triangular(0.5, 1, 2.5)'
    >>> format_distribution(PERT(60, 75, 95), "nl")
    'PERT(60; 75; 95)'
    >>> format_distribution(Dirichlet({"woning": 30, "straat": 10}), "nl")
    'Dirichlet(woning 30; straat 10)'
    """
    import dataclasses

    check_lang(lang)
    if dist is None:
        return MISSING
    kind = type(dist).__name__
    try:
        name = word(lang, f"dist.{kind}")
    except KeyError:  # a distribution the catalogue does not know: its class name
        name = kind
    sep = "; " if lang == "nl" else ", "
    alpha = getattr(dist, "alpha", None)
    if kind == "Dirichlet" and isinstance(alpha, tuple):
        parts = [f"{target} {format_value(a, lang, digits=4)}" for target, a in alpha]
        return f"{name}({sep.join(parts)})"
    if not dataclasses.is_dataclass(dist):
        return str(dist)
    args = []
    for f in dataclasses.fields(dist):
        value = getattr(dist, f.name)
        if not f.init or (f.default is not dataclasses.MISSING and value == f.default):
            continue
        number = isinstance(value, Real) and not isinstance(value, bool)
        args.append(format_value(value, lang, digits=4) if number else str(value))
    return f"{name}({sep.join(args)})"


def format_discount(schedule: object, lang: str = "nl") -> str:
    """A discount schedule in words: its name and each rate from the year it applies.

    Examples
    --------
    >>> from mkba.discounting import NL_2025, DiscountSchedule
    >>> format_discount(NL_2025, "nl")
    'NL_2025 (2,80% vanaf jaar 1; 1,80% vanaf jaar 36)'
    >>> format_discount(DiscountSchedule.constant(0.03), "en")
    '3.00% from year 1'
    """
    check_lang(lang)
    steps = getattr(schedule, "steps", None)
    if not steps:
        return str(schedule)
    name = getattr(schedule, "name", "") or ""
    since = word(lang, "from_year")
    rates = "; ".join(f"{format_percent(r, lang, 2)} {since} {y}" for y, r in steps)
    return f"{name} ({rates})" if name else rates


#: separator and decimal sign of a CSV file, by language: Dutch Excel reads ``;`` and
#: ``,`` (the list separator and decimal sign of the Dutch regional settings)
CSV_FORMATS = {"nl": (";", ","), "en": (",", ".")}


def csv_options(lang: str = "nl") -> dict[str, str]:
    """The :meth:`pandas.DataFrame.to_csv` (and ``read_csv``) options of a CSV for ``lang``.

    Examples
    --------
    >>> csv_options("nl")
    {'sep': ';', 'decimal': ','}
    """
    sep, decimal = CSV_FORMATS[check_lang(lang)]
    return {"sep": sep, "decimal": decimal}


def _texty(dtype: Any) -> bool:
    """Whether values of ``dtype`` may be text (object, string or categorical)."""
    import pandas as pd

    return bool(
        pd.api.types.is_object_dtype(dtype)
        or isinstance(dtype, pd.CategoricalDtype)
        or pd.api.types.is_string_dtype(dtype)
    )


def map_text(frame: pd.DataFrame, fn: Callable[[str], str]) -> pd.DataFrame:
    """A copy of ``frame`` with ``fn`` applied to every text cell, index label, column
    name and index or column name; numbers and other values unchanged."""
    import pandas as pd

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


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell, index label and column name that a spreadsheet
    would read as a formula made literal text by :func:`spreadsheet_text`; numbers stay
    numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> spreadsheet_frame(pd.DataFrame({"post": ["=1+1", "Zorg"], "v": [-1.5, 2.0]}))
        post    v
    0  '=1+1 -1.5
    1   Zorg  2.0
    """
    return map_text(frame, spreadsheet_text)
