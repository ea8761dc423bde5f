"""Tables as CSV files a spreadsheet opens as they are: Dutch or English, formula-safe."""

from __future__ import annotations

from numbers import Integral, Real
from pathlib import Path
from typing import Any

import pandas as pd

from mkba.errors import MkbaTypeError
from mkba.files import atomic_path, check_path
from mkba.formatting import csv_options, spreadsheet_frame

__all__ = ["CSV_ENCODING", "read_csv", "write_csv"]

#: UTF-8 with a byte-order mark: Excel reads the file as UTF-8 only when it starts with one
#: (without it, "€" and "é" turn into "â‚¬" and "Ã©"); pandas and the csv module read it
#: with ``encoding="utf-8-sig"``
CSV_ENCODING = "utf-8-sig"


def _decimal_text(x: Any, decimal: str) -> Any:
    """A float in a column of mixed values as text with ``decimal`` (pandas only applies
    ``decimal=`` to float columns)."""
    if isinstance(x, Real) and not isinstance(x, bool | Integral) and x == x:
        return repr(float(x)).replace(".", decimal)
    return x


def write_csv(
    frame: pd.DataFrame, path: str | Path, *, lang: str = "nl", index: bool = True
) -> Path:
    """Write ``frame`` as a CSV file that a spreadsheet in ``lang`` opens as it is.

    Dutch (``lang="nl"``): fields separated by ``;`` and a decimal comma (``-12,5``), what
    Excel with Dutch regional settings expects; English: ``,`` and a decimal point. The
    file is UTF-8 with a byte-order mark (:data:`CSV_ENCODING`), so Excel shows ``€`` and
    accents. Text cells, labels and column names that a spreadsheet would read as a
    formula (starting with ``= + - @``, a tab or a carriage return) get a leading
    apostrophe (:func:`mkba.formatting.spreadsheet_text`); numbers stay numbers. The file
    is written atomically.

    Parameters
    ----------
    frame : DataFrame
        The table; column names are written as they are (the tidy names of the result
        schemas).
    path : str or Path
        The ``.csv`` file to write; its folder must exist.
    lang : {"nl", "en"}
        The reader's language.
    index : bool
        Write the index as the first column(s).

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "saldo.csv"
    >>> frame = pd.DataFrame({"post": ["Zorg", "=1+1"], "pv": [-1234.5, 2.0]})
    >>> _ = write_csv(frame, path, lang="nl", index=False)
    >>> print(path.read_text(encoding="utf-8-sig"), end="")
    post;pv
    Zorg;-1234,5
    '=1+1;2,0
    >>> read_csv(path, lang="nl")["pv"].tolist()
    [-1234.5, 2.0]
    """
    if not isinstance(frame, pd.DataFrame):
        raise MkbaTypeError(f"write_csv() takes a DataFrame, got {type(frame).__name__}")
    options = csv_options(lang)
    target = check_path(path, "write_csv")
    safe = spreadsheet_frame(frame)
    if options["decimal"] != ".":
        for j in range(safe.shape[1]):
            column = safe.iloc[:, j]
            if pd.api.types.is_object_dtype(column.dtype):
                safe.isetitem(j, [_decimal_text(x, options["decimal"]) for x in column])
    with atomic_path(target) as tmp:
        safe.to_csv(tmp, index=index, encoding=CSV_ENCODING, sep=options["sep"],
                    decimal=options["decimal"])
    return target


def read_csv(path: str | Path, *, lang: str = "nl", **kwargs: Any) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv` for ``lang`` (its separator and decimal
    sign); other keywords go to :func:`pandas.read_csv`."""
    options = csv_options(lang)
    frame: pd.DataFrame = pd.read_csv(path, encoding=CSV_ENCODING, sep=options["sep"],
                                      decimal=options["decimal"], **kwargs)
    return frame
